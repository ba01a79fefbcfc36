#!/bin/sh
# End-to-end: the change history shown from git.  A fixture repository is
# built commit by commit (tests/fixtures/history/repos.sh, make_main_repo):
# additions, a correction with field and body diffs, a task's title and
# deadline, a hostile author and message, a rename of a task with its
# progress folder, a merge with changes of its own, deletions, a message
# that is not UTF-8, a .mailmap, and a commit outside the plans.  The test
# asserts the exact history on task and plan pages, their JSON, the change
# list, the commit pages and the Atom feeds.
T=history_changes
. tests/fixtures/history/lib.sh
. tests/fixtures/history/repos.sh

if ! make_main_repo "$tmp/main" >"$tmp/git.log" 2>&1; then
	fail "fixture repository is built" "$(cat "$tmp/git.log")"
	exit 1
fi
out=$tmp/site
build main "$tmp/main/content" "$out" --no-cache
expect_rc "builds with exit status 0" 0
if [ -s "$tmp/main.stderr" ]; then
	fail "nothing on stderr" "$(cat "$tmp/main.stderr")"
else
	ok "nothing on stderr"
fi
[ -f "$out/index.html" ] || finish

task01=$out/data/plans/demo/tasks/01.json
library=$out/data/plans/demo/tasks/library.json
plan=$out/data/plans/demo/index.json
changes=$out/data/changes/index.json

# ---------------------------------------------------------- task 01, exact

expect_lines "task 01: the history entries are its commits, newest first" \
    history_ids "$task01" <<EOF
$M12
$M11
$M8
$M5
$M4
$M3
$M1
EOF
expect_lines "task 01: the exact change summaries" \
    history_summaries "$task01" <<'EOF'
更正 进展报告 2024-09-30：报告单位 （无） → 示例区园林局
删除进展报告 2024-03-31
新增进展报告 2024-09-30（状态 已完成，进度 100%）
修改任务 第1项：修改任务内容；完成时限 2024年12月 → 2025年6月
更正 进展报告 2024-06-30：进度 60% → 80%；修改正文
新增进展报告 2024-03-31（状态 未启动，进度 0%）
新增进展报告 2024-06-30（状态 推进中，进度 60%）
新增任务 第1项：建设示例公园
EOF
expect_lines "task 01: kind_text of each change" \
    history_field "$task01" history kind_text <<'EOF'
更正
删除
新增
修改
更正
新增
新增
新增
EOF

# The addition of a report.
has_json "addition: kind, summary and link to the report" "$task01" \
    '{"kind": "added","kind_text": "新增","correction": false,"summary": "新增进展报告 2024-06-30（状态 推进中，进度 60%）","url": "plans/demo/tasks/01.html#report-2024-06-30",'
# The correction: 进度 60% → 80% and the changed line of the body.
has_json "correction: kind 更正 with the 进度 field 60% → 80%" "$task01" \
    '{"kind": "modified","kind_text": "更正","correction": true,"summary": "更正 进展报告 2024-06-30：进度 60% → 80%；修改正文","url": "plans/demo/tasks/01.html#report-2024-06-30",' \
    '{"label": "进度","old": "60%","new": "80%","is_body": false,"has_diff": false,"diff": []}'
has_json "correction: the body diff deletes the old line and inserts the new" \
    "$task01" \
    '{"label": "正文","old": null,"new": null,"is_body": true,"has_diff": true,"diff": [' \
    '{"op": "equal","equal": true,"text": "完成选址。"},{"op": "delete","delete": true,"text": "完成设计招标。"},{"op": "insert","insert": true,"text": "完成设计招标并签订合同。"},{"op": "equal","equal": true,"text": "启动土方工程。"}]}'
has_re "correction: the task page marks it 更正 and says 进度 60% → 80%" \
    "$out/plans/demo/tasks/01.html" \
    'class="[^"]*change-correction[^"]*"' \
    '>更正 进展报告 2024-06-30：进度 60% → 80%；修改正文<'
has_re "correction: the task page shows the line deleted and inserted" \
    "$out/plans/demo/tasks/01.html" \
    '<span>[ ]?完成选址。</span>' \
    '<del[^>]*>(<[^>]*>[^<]*</[^>]*>)?-?完成设计招标。</del>' \
    '<ins[^>]*>(<[^>]*>[^<]*</[^>]*>)?\+?完成设计招标并签订合同。</ins>' \
    '<span>[ ]?启动土方工程。</span>'
# The task's own fields: a title with a character diff, a deadline.
has_json "task fields: title as a character diff, deadline old → new" \
    "$task01" \
    '{"label": "任务内容","old": "建设示例公园","new": "建设示例湿地公园","is_body": false,"has_diff": true,"diff": [{"op": "equal","equal": true,"text": "建设示例"},{"op": "insert","insert": true,"text": "湿地"},{"op": "equal","equal": true,"text": "公园"}]}' \
    '{"label": "完成时限","old": "2024年12月","new": "2025年6月","is_body": false,"has_diff": false,"diff": []}'
has_re "task fields: the page shows the inserted characters and 2024年12月 → 2025年6月" \
    "$out/plans/demo/tasks/01.html" \
    '>建设示例<ins[^>]*>湿地</ins>公园<' \
    '>修改任务 第1项：修改任务内容；完成时限 2024年12月 → 2025年6月<'
has_json "a field that was absent shows null → new" \
    "$task01" '{"label": "报告单位","old": null,"new": "示例区园林局",'
has "a field that was absent: （无） → 示例区园林局 on the page" \
    "$out/plans/demo/tasks/01.html" \
    '>更正 进展报告 2024-09-30：报告单位 （无） → 示例区园林局<'
# Dates in the commit's own zone; first published and last updated.
has_json "dates: each commit in its own zone" "$task01" \
    "{\"id\": \"$M4\",\"short_id\": \"$(echo "$M4" | cut -c1-7)\",\"url\": \"changes/$M4.html\",\"commit_url\": \"https://git.example.org/gongkai-demo/commit/$M4\",\"date_text\": \"2024-07-02 10:30 -05:00\",\"date\": \"2024-07-02T10:30:00-05:00\",\"day\": \"2024-07-02\",\"author\": \"李四\",\"subject\": \"更正：六月报告进度有误\"" \
    '"date_text": "2024-08-01 08:00 +00:00"' \
    '"date_text": "2024-06-30 14:05 +08:00"'
has_json "dates: first_published and last_updated" "$task01" \
    '"first_published": {"date_text": "2024-01-15 09:00 +08:00","date": "2024-01-15T09:00:00+08:00","day": "2024-01-15"}' \
    '"last_updated": {"date_text": "2024-11-01 17:00 +08:00","date": "2024-11-01T17:00:00+08:00","day": "2024-11-01"}'
has "dates: the task page shows 首次发布 and 最后更新" \
    "$out/plans/demo/tasks/01.html" \
    '<dt>首次发布</dt><dd><time datetime="2024-01-15T09:00:00+08:00">2024-01-15 09:00 +08:00</time></dd>' \
    '<dt>最后更新</dt><dd><time datetime="2024-11-01T17:00:00+08:00">2024-11-01 17:00 +08:00</time></dd>'

# ------------------------------------------------------------------ rename

exists "rename: the task has its page under the new id" \
    "$out/plans/demo/tasks/library.html" "$library"
absent "rename: no page under the old id" \
    "$out/plans/demo/tasks/03.html" "$out/data/plans/demo/tasks/03.json"
expect_lines "rename: the new page lists the entries from before the rename" \
    history_summaries "$library" <<'EOF'
进展报告 2024-05-31 由任务 03 移至任务 library
任务 第3项 的标识由 03 改为 library
新增进展报告 2024-05-31（状态 推进中，进度 30%）
新增任务 第3项：修缮示例图书馆
EOF
expect_lines "rename: the entries are the rename, M2 and M1" \
    history_ids "$library" <<EOF
$M7
$M2
$M1
EOF
has_json "rename: older changes link to the entity's page now" "$library" \
    '"summary": "新增进展报告 2024-05-31（状态 推进中，进度 30%）","url": "plans/demo/tasks/library.html#report-2024-05-31"' \
    '"summary": "新增任务 第3项：修缮示例图书馆","url": "plans/demo/tasks/library.html"' \
    '"first_published": {"date_text": "2024-01-15 09:00 +08:00"'
has "rename: the page shows the first version's addition" \
    "$out/plans/demo/tasks/library.html" \
    '<a href="../../../plans/demo/tasks/library.html">新增任务 第3项：修缮示例图书馆</a>'

# --------------------------------------------------------------- deletions

has_re "deletion: the commit page says 删除 for the task and the report" \
    "$out/changes/$M11.html" \
    'class="change change-deleted' '[> ]删除任务 第2项：改造示例道路</p>' \
    '删除进展报告 2024-03-31'
absent "deletion: the deleted task has no page or data" \
    "$out/plans/demo/tasks/02.html" "$out/data/plans/demo/tasks/02.json" \
    "$out/plans/demo/tasks/02.xml"
has_json "deletion: the deleted task's change has no link" \
    "$out/data/changes/$M11.json" \
    '"kind": "deleted","kind_text": "删除","correction": false,"summary": "删除任务 第2项：改造示例道路","url": null'
expect_lines "deletion: the plan's recent changes, newest first, at most 10" \
    history_summaries "$plan" recent_changes <<'EOF'
更正 进展报告 2024-09-30：报告单位 （无） → 示例区园林局
删除进展报告 2024-03-31
删除任务 第2项：改造示例道路
修改方案《示例区公共设施建设实施方案》：修改正文
修改任务 第2项：完成时限 2025年3月 → 2025年9月
新增进展报告 2024-09-30（状态 已完成，进度 100%）
进展报告 2024-05-31 由任务 03 移至任务 library
任务 第3项 的标识由 03 改为 library
修改任务 第2项：修改正文
修改任务 第1项：修改任务内容；完成时限 2024年12月 → 2025年6月
更正 进展报告 2024-06-30：进度 60% → 80%；修改正文
新增进展报告 2024-03-31（状态 未启动，进度 0%）
新增进展报告 2024-06-30（状态 推进中，进度 60%）
EOF

# ------------------------------------------------------------------- merge

expect_lines "change list: every commit with public changes, newest first" \
    history_ids "$changes" commits <<EOF
$M12
$M11
$M10
$M9
$M8
$M7
$M6
$M5
$M4
$M3
$M2
$M1
EOF
expect_lines "merge: its page lists only the merge's own change" \
    history_field "$out/data/changes/$M10.json" changes summary <<'EOF'
修改方案《示例区公共设施建设实施方案》：修改正文
EOF
has_re "merge: the page says it is a merge and shows its body diff" \
    "$out/changes/$M10.html" \
    '<dd>合并（仅列出合并时所作的修改）</dd>' \
    '<del[^>]*>(<[^>]*>[^<]*</[^>]*>)?-?加强组织领导。</del>' \
    '<ins[^>]*>(<[^>]*>[^<]*</[^>]*>)?\+?加强组织领导，落实资金保障。</ins>'
has_json "merge: is_merge in its data" "$out/data/changes/$M10.json" \
    '"is_merge": true'
count_is "merge: the branch's report appears once in the change list" \
    "$out/changes/index.html" \
    '新增进展报告 2024-09-30（状态 已完成，进度 100%）' 1
count_is "merge: the branch commit has one entry in the change list" \
    "$out/changes/index.html" "changes/$M8.html\"" 1
count_is "merge: the branch's report is one entry of the site feed" \
    "$out/feed.xml" '<title>新增进展报告 2024-09-30（状态 已完成，进度 100%）</title>' 1
count_is "merge: and once on the task page" "$out/plans/demo/tasks/01.html" \
    '新增进展报告 2024-09-30（状态 已完成，进度 100%）' 1

# ------------------------------------------------- authors and messages

nowhere "mailmap: the old name is shown nowhere" "$out" "Old Name"
has_json "mailmap: commits by the old identity show the canonical name" \
    "$out/data/changes/$M2.json" '"author": "张三"'
nowhere "no e-mail address in any output file" "$out" \
    zhangsan@example.com zs-old@example.com lisi@example.com \
    wangwu@example.com zhaoliu@example.com qianqi@example.com \
    mallory@evil.example "@example.com" "evil.example"
has_json "non-ASCII message: subject and whole message" \
    "$out/data/changes/$M4.json" \
    '"subject": "更正：六月报告进度有误","message": "更正：六月报告进度有误\n\n经核实，进度应为 80%。✓\n"'
has "non-ASCII message: on the commit page" "$out/changes/$M4.html" \
    '<pre class="commit-message">更正：六月报告进度有误' '经核实，进度应为 80%。✓'
has_json "empty message: subject and message are null" \
    "$out/data/changes/$M5.json" '"subject": null,"message": null'
has "empty message: the commit page says none was given" \
    "$out/changes/$M5.html" '（提交时没有填写说明）'
sed -n "/changes\/$M5.html\"/,/<\/entry>/p" "$out/plans/demo/tasks/01.xml" \
    >"$tmp/m5.entry"
has "empty message: the feed entry of the commit" "$tmp/m5.entry" \
    '修改：修改任务 第1项：修改任务内容；'
lacks "empty message: the feed entry has no 说明 line" "$tmp/m5.entry" '说明'
has_json "message not UTF-8: the bad byte becomes U+FFFD" \
    "$out/data/changes/$M12.json" '"subject": "进展�更新"'
if command -v iconv >/dev/null 2>&1; then
	_bad=""
	for f in $(find "$out" -type f \( -name '*.html' -o -name '*.json' \
	    -o -name '*.xml' \)); do
		iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || _bad="$_bad ${f#"$out"/}"
	done
	if [ -z "$_bad" ]; then ok "every page, feed and data file is UTF-8"
	else fail "every page, feed and data file is UTF-8" "$_bad"; fi
fi
has "hostile author and message are escaped on the commit page" \
    "$out/changes/$M6.html" \
    '<dd>Mallory&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script' \
    '<pre class="commit-message">&lt;script&gt;alert(&quot;msg&quot;)&lt;/script&gt; &amp; &lt;b&gt;粗体&lt;/b&gt;' \
    '正文 &lt;img src=x onerror=alert(2)&gt;'
has "hostile author and message are escaped in the Atom feed" "$out/feed.xml" \
    '<author><name>Mallory&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script' \
    '说明：&lt;script&gt;alert(&quot;msg&quot;)&lt;/script&gt; &amp; &lt;b&gt;粗体&lt;/b&gt;</content>'
has "hostile author is escaped in the plan's recent changes" \
    "$out/plans/demo/index.html" 'Mallory&lt;/title&gt;&lt;script&gt;'
nowhere "no raw markup from a commit in any output file" "$out" \
    '<script' '</title><script' '<img src=x' '<b>粗体'

# ---------------------------------------------------------- commit links

has "commit_url links the full id on the commit page" "$out/changes/$M4.html" \
    "<code>$M4</code>（<a href=\"https://git.example.org/gongkai-demo/commit/$M4\">在版本库中查看</a>）"
has "commit_url and the commit page are linked from the task page" \
    "$out/plans/demo/tasks/01.html" \
    "<a href=\"../../../changes/$M4.html\" title=\"变更 $M4\">" \
    "<a href=\"https://git.example.org/gongkai-demo/commit/$M4\">在版本库中查看</a>"

# ------------------------------------------- commits without public changes

absent "a commit touching no plan file has no page" "$out/changes/$M13.html" \
    "$out/data/changes/$M13.json"
nowhere "a commit touching no plan file is not listed anywhere" "$out" \
    "$M13" "$(echo "$M13" | cut -c1-7)" "维护：更新说明文件"

# ------------------------------------------------------------------ feeds

expect_lines "task feed: one entry per commit, titled by its changes" \
    sed -n 's/^<title>\(.*\)<\/title>$/\1/p' "$out/plans/demo/tasks/01.xml" <<'EOF'
示例区 第1项 - 变更记录
更正 进展报告 2024-09-30：报告单位 （无） → 示例区园林局
删除进展报告 2024-03-31
新增进展报告 2024-09-30（状态 已完成，进度 100%）
修改任务 第1项：修改任务内容；完成时限 2024年12月 → 2025年6月
更正 进展报告 2024-06-30：进度 60% → 80%；修改正文
新增进展报告 2024-03-31（状态 未启动，进度 0%） 等 2 项变更
新增任务 第1项：建设示例公园
EOF
has "task feed: updated is the newest entry's date; entries link commit pages" \
    "$out/plans/demo/tasks/01.xml" \
    '<updated>2024-11-01T17:00:00+08:00</updated>' \
    "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/hist/changes/$M4.html\"/>" \
    "<id>https://example.org/hist/changes/$M4.html#demo/01</id>"
count_is "site feed: one entry per listed commit" "$out/feed.xml" '<entry>' 12
# Without an XML parser at hand: every & starts an entity, and the only
# elements are the Atom ones the theme writes.
_bad=$(find "$out" -name '*.xml' ! -name sitemap.xml | while read -r f; do
	grep -nE '&([^a-z#]|[a-z#][a-z0-9]*[^a-z0-9;])|&$' "$f" |
	    sed "s|^|${f#"$out"/}:|"
	sed 's/<\/\{0,1\}\(feed\|title\|id\|link\|updated\|author\|name\|entry\|content\)[ >/][^<]*//g; s/<?xml[^>]*?>//' "$f" |
	    grep -n '<' | sed "s|^|${f#"$out"/}: stray markup: |"
done)
if [ -z "$_bad" ]; then ok "feeds: no bare & and no markup but Atom's"
else fail "feeds: no bare & and no markup but Atom's" "$_bad"; fi
exists "feeds of the plan and of the renamed task" \
    "$out/plans/demo/feed.xml" "$out/plans/demo/tasks/library.xml"

# ------------------------------------------------------------ determinism

build again "$tmp/main/content" "$tmp/site2" --no-cache
expect_rc "a second build succeeds" 0
same_tree "two builds with the same SOURCE_DATE_EPOCH are byte-identical" \
    "$out" "$tmp/site2"

finish
