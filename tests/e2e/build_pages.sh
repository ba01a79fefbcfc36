#!/bin/sh
# End-to-end: builds tests/fixtures/e2e-pages (a parent plan 示例市 with two
# child plans 示例区 and 示例县, all fictional) and checks the pages: home
# counts and order, plan metadata, indicators, sections, task pages,
# parent/child links, units, deadlines, alignment, sitemap, robots.txt,
# 404.html, data/*.json, HTML basics, and that every relative link resolves.
# Protocol (tests/run.sh): one "ok - …" / "not ok - …" line per assertion,
# "# …" lines of detail after a failure.  GONGKAI is the binary under test.
set -u
T=build_pages
FIXTURE=tests/fixtures/e2e-pages
BASE=https://example.org/e2e

. tests/fixtures/e2e-lib.sh

# expect DESC FILE FRAGMENT...: every fragment occurs in the file;
# expect_not: none does (page_expect with "+" or "-" before each).
expect() { _sign=+ signed_expect "$@"; }
expect_not() { _sign=- signed_expect "$@"; }
signed_expect() {
	_sd=$1 _sf=$2
	shift 2
	for _p; do
		set -- "$@" "$_sign$_p"
		shift
	done
	page_expect "$_sd" "$_sf" "$@"
}

# between TEXT START END: from the first START up to the next END.

# in_order DESC FILE FRAGMENT...: the fragments occur in this order (each
# is looked for after the one before).
in_order() {
	_d=$1 _f=$2 _bad=""
	shift 2
	_rest=$(page "$_f")
	for _p in "$@"; do
		case $_rest in
		*"$_p"*) _rest=${_rest#*"$_p"} ;;
		*) _bad="$_bad
missing or out of order in $_f: $_p" ;;
		esac
	done
	if [ -z "$_bad" ]; then ok "$_d"; else fail "$_d" "${_bad#?}"; fi
}

# ---------------------------------------------------------------- build

"$GONGKAI" build --content "$FIXTURE" --out "$out" --cache-dir "$tmp/cache" \
    >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
# Messages about the environment's git history are not the build's fault.
grep -v -e '^gongkai: note: .* is not in a git repository' \
    -e '^gongkai: warning: .*shallow clone' "$tmp/stderr" >"$tmp/stderr.own"
mv "$tmp/stderr.own" "$tmp/stderr"
if [ $rc -eq 0 ] && [ -f "$out/index.html" ]; then
	ok "build exits 0 and writes the site"
else
	fail "build exits 0 and writes the site" "exit status $rc" \
	    "$(cat "$tmp/stderr")"
	exit 1
fi
if [ -s "$tmp/stderr" ]; then
	fail "build prints nothing on stderr (no warnings, no sanitizer \
reports)" "$(cat "$tmp/stderr")"
else
	ok "build prints nothing on stderr (no warnings, no sanitizer reports)"
fi

# Units have hash ids: read their addresses from the task pages.
unit_href() {	# unit_href TASK-PAGE NAME: the unit link of a task page
	page "$1" | sed -n "s|.*<a href=\"\\([^\"]*units/[^\"]*\\)\">$2</a>.*|\\1|p" |
	    sed -n '1s|^\(\.\./\)*||p'
}

# ---------------------------------------------------------------- home

in_order "home lists the plans by weight, unweighted last" index.html \
    'href="plans/city/index.html"' 'href="plans/district/index.html"' \
    'href="plans/county/index.html"'
expect "home shows each plan's region, issuer, 文号 and date" index.html \
    '<span>示例市</span><span>示例市人民政府</span><span>示例府发〔2025〕7号</span><span><time datetime="2025-01-15">2025年1月15日</time></span>' \
    '<span>示例区</span><span>示例区人民政府办公室</span><span><time datetime="2025-03-01">2025年3月1日</time></span>'
expect "home shows the data date" index.html \
    '数据截至 <time datetime="2026-01-01">2026年1月1日</time>'

home=$(page index.html)
card() { between "$home" "<h2><a href=\"plans/$1/index.html\">" '</li>
</ul>
</div>'; }
seg_expect "home counts of 示例市: 7 tasks by status, 1 逾期, 1 已过时限、暂无报告" \
    "home card of city" "$(card city)" '+共 7 项任务' \
    '+已完成 <strong>1</strong>' '+推进中 <strong>2</strong>' \
    '+未启动 <strong>1</strong>' '+滞后 <strong>1</strong>' \
    '+暂无报告 <strong>2</strong>' '+逾期 <strong>1</strong>' \
    '+已过时限、暂无报告 <strong>1</strong>'
seg_expect "home counts of 示例区: 3 tasks, 1 逾期, none past unreported" \
    "home card of district" "$(card district)" '+共 3 项任务' \
    '+已完成 <strong>1</strong>' '+推进中 <strong>1</strong>' \
    '+未启动 <strong>0</strong>' '+滞后 <strong>0</strong>' \
    '+暂无报告 <strong>1</strong>' '+逾期 <strong>1</strong>' \
    '+已过时限、暂无报告 <strong>0</strong>'
seg_expect "home counts of 示例县: a task past its deadline with no report is not 逾期" \
    "home card of county" "$(card county)" '+共 1 项任务' \
    '+暂无报告 <strong>1</strong>' '+逾期 <strong>0</strong>' \
    '+已过时限、暂无报告 <strong>1</strong>'

# ---------------------------------------------------------------- plans

P=plans/city/index.html
expect "plan page: metadata block (发布机构, 成文日期, 文号, 公开方式)" $P \
    '<div><dt>发布机构</dt><dd>示例市人民政府</dd></div>' \
    '<div><dt>成文日期</dt><dd><time datetime="2025-01-15">2025年1月15日</time></dd></div>' \
    '<div><dt>文号</dt><dd>示例府发〔2025〕7号</dd></div>' \
    '<div><dt>公开方式</dt><dd>主动公开</dd></div>'
expect "plan page without 文号 says 未列明" plans/district/index.html \
    '<div><dt>文号</dt><dd>未列明</dd></div>'
expect "child plan links to its parent plan" plans/district/index.html \
    '本方案落实：<a href="../../plans/city/index.html">示例市推进示例事业发展实施方案（测试样例）</a>'
expect "parent plan lists its child plans" $P \
    '落实本方案的下级方案' \
    '<a href="../../plans/district/index.html">示例区：示例区落实示例市实施方案的工作措施（测试样例）</a>' \
    '<a href="../../plans/county/index.html">示例县：示例县落实示例市实施方案的通知（测试样例）</a>'
expect "plan page shows the counts" $P '共 7 项任务。' \
    '逾期 <strong>1</strong>' '已过时限、暂无报告 <strong>1</strong>'
expect "plan page renders the document body" $P '<h2>总体要求</h2>'

plan=$(page $P)
ind() { between "$plan" "$1</th>" '</tr>'; }
seg_expect "indicator at_least: target, baseline, latest value with date, gap, task" \
    "indicator 示例公园数量" "$(ind 示例公园数量)" \
    '+不低于 10个' '+基数 4个' '+2025年12月' '+7个' \
    '+<a class="muted" href="../../plans/city/tasks/01.html"><time datetime="2025-09-30">2025年9月30日</time></a>' \
    '+差3个' '+<a href="../../plans/city/tasks/01.html">第1项</a>'
seg_expect "indicator at_most: latest value from another task, 已达到, no 基数 or task of its own" \
    "indicator 示例事项平均办理时限" "$(ind 示例事项平均办理时限)" \
    '+不高于 5天' '+2026年' '+4天' \
    '+<a class="muted" href="../../plans/city/tasks/06.html"><time datetime="2025-10-15">2025年10月15日</time></a>' \
    '+已达到' '-基数' '-第1项'
seg_expect "indicator without values says 暂无报告" "indicator 示例绿道长度" \
    "$(ind 示例绿道长度)" '+不低于 20公里' '+暂无报告' '+未列明' '-已达到' \
    '-基数' '-第1项'
expect "task page shows the indicators of that task" plans/city/tasks/01.html \
    '示例公园数量</th>' '差3个'
expect_not "task page shows no other indicator" plans/city/tasks/01.html \
    '示例事项平均办理时限' '示例绿道长度'

sec() { between "$plan" "$1" '</section>'; }
seg_expect "tasks grouped by section: 一、夯实示例基础 holds 1, 2, 7" \
    "section s1" "$(sec 'id="section-s1"')" '+<h3>一、夯实示例基础</h3>' \
    '+tasks/01.html' '+tasks/02.html' '+tasks/07.html' '-tasks/03.html' \
    '-tasks/06.html'
seg_expect "tasks grouped by section: 二、提升示例质量 holds 3, 4, 5" \
    "section s2" "$(sec 'id="section-s2"')" '+<h3>二、提升示例质量</h3>' \
    '+tasks/03.html' '+tasks/04.html' '+tasks/05.html' '-tasks/01.html' \
    '-tasks/06.html'
seg_expect "a task without a section is listed under 其他任务" \
    "section 其他任务" "$(sec '<h3>其他任务</h3>')" '+tasks/06.html' \
    '-tasks/01.html'
in_order "sections in the plan's order, tasks by number" $P \
    'id="section-s1"' 'tasks/01.html' 'tasks/02.html' 'tasks/07.html' \
    'id="section-s2"' 'tasks/03.html' 'tasks/04.html' 'tasks/05.html' \
    '<h3>其他任务</h3>' 'tasks/06.html'
expect_not "the section of tasks without one has no id borrowed from the plan" \
    $P 'id="section-city"'
seg_expect "plan task list: deadline text, status and flags per task" \
    "section s2" "$(sec 'id="section-s2"')" '+<span>时限：2025年</span>' \
    '+已过时限、暂无报告' '+<span>时限：持续推进</span>' \
    '+<span>时限：未列明</span>' '-flag-overdue'
expect "plan page lists its units and attachments" $P \
    '<h2 id="units-heading">责任单位</h2>' '示例市园林局</a>' \
    '<h2 id="files-heading">附件</h2>' '<a href="../../plans/city/files/notice.txt">notice.txt</a>'
if cmp -s "$FIXTURE/plans/city/files/notice.txt" \
    "$out/plans/city/files/notice.txt" &&
    cmp -s "$FIXTURE/plans/city/files/附件一.txt" \
    "$out/plans/city/files/附件一.txt"; then
	ok "attachments are copied as they are"
else
	fail "attachments are copied as they are" \
	    "$(ls -R "$out/plans/city" 2>&1)"
fi

# ---------------------------------------------------------------- tasks

t=plans/city/tasks/01.html
expect "task page: 牵头单位 and 责任单位 link to unit pages" $t \
    '<dt>牵头单位</dt><dd><a href="../../../plans/city/units/' \
    '示例市园林局</a>' '示例市财政局</a>' '示例市规划局</a>'
expect "task page: day deadline, status 滞后 and 逾期" $t \
    '<dt>完成时限</dt><dd>2025年12月31日</dd>' \
    'status-delayed">滞后</span> <span class="flag flag-overdue">逾期</span>' \
    '<dt>所属部分</dt><dd>一、夯实示例基础</dd>' '<dt>进度</dt><dd>55%</dd>'
in_order "task page: reports newest first, with status, reporter and values" $t \
    '<h2 id="reports-heading">进展报告</h2>' \
    '<time datetime="2025-09-30">2025年9月30日</time> <span class="status status-delayed">滞后</span>' \
    '报告单位：示例市园林局' '示例公园数量：7个' '受示例原因影响' \
    '<time datetime="2025-06-30">2025年6月30日</time> <span class="status status-in_progress">推进中</span>' \
    '示例公园数量：6个' '已建成示例公园'
expect "parent task links down to the child task that implements it" $t \
    '<h2 id="implemented-heading">下级落实任务</h2>' \
    '<a href="../../../plans/district/tasks/01.html">示例区 第1项</a>：在示例区建成示例公园 3 个'
expect "child task links up to the parent task it implements" \
    plans/district/tasks/01.html \
    '<h2 id="implements-heading">落实的上级任务</h2>' \
    '<a href="../../../plans/city/tasks/01.html">示例市 第1项</a>：新建一批示例公园'
expect "a task implementing two parent tasks links to both" \
    plans/district/tasks/02.html \
    '<a href="../../../plans/city/tasks/02.html">示例市 第2项</a>' \
    '<a href="../../../plans/city/tasks/04.html">示例市 第4项</a>'
expect "both parent tasks link back to it" plans/city/tasks/04.html \
    '<a href="../../../plans/district/tasks/02.html">示例区 第2项</a>'
expect "task page: month deadline as written (2024年12月), completed" \
    plans/city/tasks/02.html '<dt>完成时限</dt><dd>2024年12月</dd>' \
    'status-completed">已完成</span>'
expect_not "a completed task past its deadline is not 逾期" \
    plans/city/tasks/02.html 'flag-overdue' '已过时限、暂无报告'
in_order "completed task: reports of every status, newest first; percent 0 shown" \
    plans/city/tasks/02.html \
    '2024年11月30日</time> <span class="status status-completed">已完成</span> <span class="percent">进度 100%</span>' \
    '2024年6月30日</time> <span class="status status-not_started">未启动</span> <span class="percent">进度 0%</span>'
expect "task past its deadline with no report: 已过时限、暂无报告, year deadline" \
    plans/city/tasks/03.html '<dt>完成时限</dt><dd>2025年</dd>' \
    'status-none">暂无报告</span> <span class="flag flag-unreported">已过时限、暂无报告</span>' \
    '暂无公开的进展报告'
expect_not "task past its deadline with no report is not 逾期" \
    plans/city/tasks/03.html '逾期' 'flag-overdue'
expect "task page: ongoing deadline reads 持续推进" plans/city/tasks/04.html \
    '<dt>完成时限</dt><dd>持续推进</dd>' 'status-in_progress">推进中</span>'
expect "task page: no deadline reads 未列明, no report is 暂无报告" \
    plans/city/tasks/05.html '<dt>完成时限</dt><dd>未列明</dd>' \
    'status-none">暂无报告</span>'
expect_not "task without a deadline is never flagged" plans/city/tasks/05.html \
    'flag-overdue' 'flag-unreported'
expect "task page: deadline_text shown as written (2026年上半年)" \
    plans/city/tasks/06.html '<dt>完成时限</dt><dd>2026年上半年</dd>'
in_order "two reports of one day: the -2 report first" plans/city/tasks/06.html \
    '下午报告：指南已开始推广' '上午报告：指南尚在起草'
t6=$(page plans/city/tasks/06.html)
seg_expect "a report without percent shows none (not another report's)" \
    "the 未启动 report of city/06" \
    "$(between "$t6" 'status-not_started">未启动</span>' '</h3>')" '-进度'
expect "task page without lead: 牵头单位 未列明" plans/district/tasks/03.html \
    '<dt>牵头单位</dt><dd>未列明</dd>' '示例区财政局</a>' '示例区宣传部</a>' \
    '<dt>完成时限</dt><dd>未列明</dd>'
expect "task page: body and links to attachments" plans/city/tasks/01.html \
    '<a href="../files/notice.txt">附件</a>'
expect "task title and region in <title>" plans/city/tasks/01.html \
    '<title>示例市 第1项任务 - 示例市规划实施公开（端到端测试样例）</title>'

# ---------------------------------------------------------------- units

u=$(unit_href plans/city/tasks/04.html 示例市政务服务局)
if [ -n "$u" ] && [ -f "$out/$u" ]; then
	expect "unit page lists the tasks it leads" "$u" '<h1>示例市政务服务局</h1>' \
	    'tasks/03.html">开展示例服务质量评估</a>' \
	    'tasks/04.html">持续优化示例办理流程</a>' \
	    'tasks/06.html">推广示例办事指南</a>'
else
	fail "unit page lists the tasks it leads" "no unit page for 示例市政务服务局 ('$u')"
fi
u=$(unit_href plans/district/tasks/01.html 示例市财政局)
if [ -n "$u" ] && [ -f "$out/$u" ]; then
	us=$(page "$u")
	seg_expect "unit page lists the tasks it supports, per plan" "$u" \
	    "$(between "$us" 'id="support-heading"' '</section>')" \
	    '+在示例区建成示例公园 3 个' '-新建一批示例公园'
else
	fail "unit page lists the tasks it supports, per plan" "no unit page for 示例市财政局 in district ('$u')"
fi
units=$(page units/index.html)
seg_expect "units index: one entry per name, with each plan and counts" \
    "units/index.html entry 示例市财政局" \
    "$(between "$units" '<span class="unit-name">示例市财政局</span>' '</li>
</ul>')" '+示例市</a> <span class="muted">牵头 0 · 参与 2</span>' \
    '+示例区</a> <span class="muted">牵头 0 · 参与 1</span>'
n=$(grep -c '<span class="unit-name">' "$out/units/index.html")
if [ "$n" -eq 11 ]; then
	ok "units index lists the 11 distinct unit names"
else
	fail "units index lists the 11 distinct unit names" "found $n"
fi

# ---------------------------------------------------------------- deadlines

D=deadlines/index.html
dl=$(page $D)
over=$(between "$dl" '<h2 id="overdue-heading">逾期</h2>' '</section>')
seg_expect "deadlines: the 逾期 section lists the overdue tasks" "逾期 section" \
    "$over" '+plans/district/tasks/01.html' '+plans/city/tasks/01.html' \
    '-plans/city/tasks/03.html' '-plans/county/tasks/01.html' \
    '-plans/city/tasks/02.html'
in_order "deadlines: overdue first (by deadline), then months in order, then 持续推进" $D \
    '<h2 id="overdue-heading">逾期</h2>' 'plans/district/tasks/01.html' \
    'plans/city/tasks/01.html' '>2024年12月</h2>' 'plans/city/tasks/02.html' \
    '>2025年12月</h2>' 'plans/city/tasks/03.html' 'plans/county/tasks/01.html' \
    '>2026年3月</h2>' 'plans/city/tasks/07.html' '>2026年6月</h2>' \
    'plans/city/tasks/06.html' '<h2 id="ongoing-heading">持续推进</h2>'
seg_expect "deadlines: 持续推进 lists the ongoing tasks" "持续推进 section" \
    "$(between "$dl" '<h2 id="ongoing-heading">持续推进</h2>' '</section>')" \
    '+plans/city/tasks/04.html' '+plans/district/tasks/02.html'
seg_expect "deadlines: past and unreported is flagged, not 逾期" "2025年12月 section" \
    "$(between "$dl" '>2025年12月</h2>' '</section>')" '+已过时限、暂无报告' \
    '-flag-overdue'
expect "deadlines: tasks without a deadline are counted, not listed" $D \
    '未列明时限的任务 2 项不在此列'
expect_not "deadlines: tasks without a deadline are not listed" $D \
    'plans/city/tasks/05.html' 'plans/district/tasks/03.html'

# ---------------------------------------------------------------- alignment

A=alignment/index.html
al=$(page $A)
arow() { between "$al" "<a class=\"task-title\" href=\"../plans/city/tasks/$1.html\">" '</li>'; }
seg_expect "alignment: implemented in 示例区, a gap in 示例县" "alignment row city/01" \
    "$(arow 01)" '+<dt>示例区</dt><dd><a href="../plans/district/tasks/01.html">第1项</a>' \
    '+<dt>示例县</dt><dd><span class="gap">未见对应任务</span>'
seg_expect "alignment: a gap in 示例区, implemented in 示例县" "alignment row city/03" \
    "$(arow 03)" '+<dt>示例区</dt><dd><span class="gap">未见对应任务</span>' \
    '+<dt>示例县</dt><dd><a href="../plans/county/tasks/01.html">第1项</a>'
seg_expect "alignment: one child task implementing two parent tasks" \
    "alignment row city/04" "$(arow 04)" \
    '+<dt>示例区</dt><dd><a href="../plans/district/tasks/02.html">第2项</a>'
n=$(grep -o '未见对应任务</span>' "$out/$A" | wc -l)
if [ "$n" -eq 10 ]; then
	ok "alignment: 10 gaps (7 parent tasks × 2 children − 4 links)"
else
	fail "alignment: 10 gaps (7 parent tasks × 2 children − 4 links)" "found $n"
fi

# ---------------------------------------------------------------- sitemap, robots, 404

pages=$(cd "$out" && find . -name '*.html' ! -name 404.html | sed 's|^\./||' | sort)
npages=$(printf '%s\n' "$pages" | wc -l)
want=$(printf '%s\n' "$pages" | sed -e 's|index\.html$||' -e "s|^|$BASE/|" | sort)
have=$(sed -n 's|^ *<url><loc>\(.*\)</loc></url>$|\1|p' "$out/sitemap.xml" | sort)
if [ "$want" = "$have" ]; then
	ok "sitemap.xml lists every page ($npages) once, absolute under base_url"
else
	fail "sitemap.xml lists every page ($npages) once, absolute under base_url" \
	    "$(printf '%s\n' "$want" >"$tmp/want"; printf '%s\n' "$have" >"$tmp/have"; diff "$tmp/want" "$tmp/have")"
fi
expect "sitemap.xml is a urlset" sitemap.xml '<?xml version="1.0" encoding="UTF-8"?>' \
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' '</urlset>'
expect_not "sitemap.xml has no 404 page and no double slash" sitemap.xml \
    '404' "$BASE//"
expect "robots.txt allows crawling and names the sitemap" robots.txt \
    'User-agent: *' "Sitemap: $BASE/sitemap.xml"
expect "404.html explains and links home by absolute address" 404.html \
    '<h1>找不到页面</h1>' "<a href=\"$BASE/index.html\">返回首页</a>" \
    "<link rel=\"stylesheet\" href=\"$BASE/assets/style.css\">"
expect_not "404.html has no data link" 404.html 'data/'
if [ -s "$out/assets/style.css" ]; then
	ok "assets/style.css is written"
else
	fail "assets/style.css is written"
fi

# ---------------------------------------------------------------- data/*.json

missing=""
for p in $pages; do
	j=data/${p%.html}.json
	[ -s "$out/$j" ] || missing="$missing $j"
	case $(page "$p") in
	*"href=\"$(echo "$p" | sed 's|[^/]*/|../|g; s|[^/]*$||')$j\""*) ;;
	*) missing="$missing (no link to $j in $p)" ;;
	esac
done
if [ -z "$missing" ]; then
	ok "every page has its data/<path>.json, linked from the page"
else
	fail "every page has its data/<path>.json, linked from the page" "$missing"
fi
expect "task data has the stable id <plan>/<task>" data/plans/city/tasks/01.json \
    '"id": "city/01"' '"status": "delayed"' '"overdue": true' \
    '"deadline": "2025-12-31"'
in_order "task data: report ids, newest first (-2 before the first of the day)" \
    data/plans/city/tasks/06.json '"id": "city/06"' \
    '"id": "city/06/2025-10-15-2"' '"id": "city/06/2025-10-15"'
expect "plan data lists its tasks by stable id, counts and deadlines as written" \
    data/plans/city/index.json '"id": "city/01"' '"id": "city/07"' \
    '"deadline": "2024-12"' '"deadline": "2025"' '"deadline": "ongoing"' \
    '"deadline": null' '"past_deadline_unreported": true' '"total": 7'
expect "deadlines and alignment data use the same ids" data/deadlines/index.json \
    '"id": "district/01"' '"id": "city/03"'
expect "alignment data" data/alignment/index.json '"id": "city/05"' '"gap": true'
# (URLs may be percent-encoded: they are decoded before looking.)
badurl=$(cd "$out" && find data -name '*.json' | while read -r j; do
	sed -n 's/^ *"\(url\|unit_url\)": "\([^"]*\)",\{0,1\}$/\2/p' "$j" |
	    LC_ALL=C awk -v j="$j" '{
		s = $0; r = ""
		while ((i = index(s, "%")) > 0) {
			h = toupper(substr(s, i + 1, 2))
			r = r substr(s, 1, i - 1) sprintf("%c", \
			    (index("0123456789ABCDEF", substr(h, 1, 1)) - 1) * 16 + \
			    index("0123456789ABCDEF", substr(h, 2, 1)) - 1)
			s = substr(s, i + 3)
		}
		r = r s; sub(/[?#].*/, "", r)
		print j "\t" $0 "\t" r
	}'
done | while IFS=$(printf '\t') read -r j u f; do
	[ -f "$f" ] || printf '%s: %s\n' "$j" "$u"
done)
if [ -z "$badurl" ]; then
	ok "every url in data/*.json names a file of the site"
else
	fail "every url in data/*.json names a file of the site" "$badurl"
fi
if command -v jq >/dev/null 2>&1; then
	bad=""
	for j in $(cd "$out" && find data -name '*.json'); do
		jq -e . "$out/$j" >/dev/null 2>&1 || bad="$bad $j"
	done
	if [ -z "$bad" ]; then ok "data/*.json parse as JSON (jq)"
	else fail "data/*.json parse as JSON (jq)" "$bad"; fi
else
	echo "skip - $T: data/*.json parse as JSON: jq is not installed"
fi

# ---------------------------------------------------------------- every page

allpages="$pages
404.html"
bad_lang="" bad_script="" bad_struct="" bad_ids=""
for p in $allpages; do
	s=$(page "$p")
	case $s in '<!DOCTYPE html>
<html lang="zh-CN">'*) ;; *) bad_lang="$bad_lang $p" ;; esac
	printf '%s\n' "$s" | grep -qi '<script' && bad_script="$bad_script $p"
	# Resources loaded by the page: only from the site itself (404.html
	# uses the absolute base_url, being served at any address).
	printf '%s\n' "$s" | sed "s|\"$BASE/|\"SITE/|g" |
	    grep -Eio '<(link|img|script|iframe|frame|source|video|audio|embed|object|track|input)[^>]*(src|href|srcset|data|poster)="(https?:|//)[^"]*"' |
	    sed "s|^|$p: |" >>"$tmp/ext"
	printf '%s\n' "$s" | grep -Eo '(href|src)="/[^"]*"' | sed "s|^|$p: |" \
	    >>"$tmp/root"
	counts=$(printf '%s\n' "$s" | awk '
	{ s = s $0 "\n" }
	END {
		n = split("h1 main header footer", one, " ")
		for (i = 1; i <= n; i++) {
			c = gsub("<" one[i] "[ >]", "", s)
			if (c != 1) printf "%d <%s>; ", c, one[i]
		}
	}')
	case $s in *'<nav '*) ;; *) counts="$counts no <nav>;" ;; esac
	unbalanced=$(printf '%s\n' "$s" | awk '
	{ s = s $0 "\n" }
	END {
		n = split("html head body main header footer nav section div ul ol li dl dt dd p a table h1 h2 h3 svg", t, " ")
		for (i = 1; i <= n; i++) {
			x = s; o = gsub("<" t[i] "[ >]", "", x)
			x = s; c = gsub("</" t[i] ">", "", x)
			if (o != c) printf "<%s> %d opened, %d closed; ", t[i], o, c
		}
	}')
	[ -n "$counts$unbalanced" ] && bad_struct="$bad_struct
$p: $counts$unbalanced"
	dup=$(printf '%s\n' "$s" | grep -o ' id="[^"]*"' | sort | uniq -d | tr '\n' ' ')
	[ -n "$dup" ] && bad_ids="$bad_ids
$p: $dup"
done
if [ -z "$bad_lang" ]; then ok "every page starts <!DOCTYPE html><html lang=\"zh-CN\">"
else fail "every page starts <!DOCTYPE html><html lang=\"zh-CN\">" "$bad_lang"; fi
if [ -z "$bad_script" ]; then ok "no page has a <script>"
else fail "no page has a <script>" "$bad_script"; fi
if [ ! -s "$tmp/ext" ]; then ok "no page loads anything from another site"
else fail "no page loads anything from another site" "$(cat "$tmp/ext")"; fi
if [ ! -s "$tmp/root" ]; then ok "no href or src starts with / (links are relative)"
else fail "no href or src starts with / (links are relative)" "$(cat "$tmp/root")"; fi
if [ -z "$bad_struct" ]; then ok "every page: one <h1>, <main>, <header>, <footer>, a <nav>; tags balanced"
else fail "every page: one <h1>, <main>, <header>, <footer>, a <nav>; tags balanced" "${bad_struct#?}"; fi
if [ -z "$bad_ids" ]; then ok "no page repeats an id attribute"
else fail "no page repeats an id attribute" "${bad_ids#?}"; fi
if grep -qi 'url( *["'\'']\{0,1\}\(https\{0,1\}:\|//\)\|@import' "$out/assets/style.css"; then
	fail "style.css loads nothing from elsewhere" "$(grep -i 'url(\|@import' "$out/assets/style.css")"
else
	ok "style.css loads nothing from elsewhere"
fi

# ---------------------------------------------------------------- link checker

# Every href/src of every page: relative ones must name a file of the site
# (and an id of it, for #fragments); 404.html's absolute ones too.
(cd "$out" && find . -name '*.html' | sed 's|^\./||' | sort) >"$tmp/pages"
(cd "$out" && LC_ALL=C awk -v base="$BASE/" '
function hexval(h) {
	h = toupper(h)
	return (index("0123456789ABCDEF", substr(h, 1, 1)) - 1) * 16 + \
	    index("0123456789ABCDEF", substr(h, 2, 1)) - 1
}
function decode(s,   r, i) {
	r = ""
	while ((i = index(s, "%")) > 0) {
		r = r substr(s, 1, i - 1) sprintf("%c", hexval(substr(s, i + 1, 2)))
		s = substr(s, i + 3)
	}
	return r s
}
function norm(path,   n, parts, st, k, i, r) {
	n = split(path, parts, "/"); k = 0
	for (i = 1; i <= n; i++) {
		if (parts[i] == "" || parts[i] == ".") continue
		if (parts[i] == "..") { if (k == 0) return "\001"; k--; continue }
		st[++k] = parts[i]
	}
	r = ""
	for (i = 1; i <= k; i++) r = r (i > 1 ? "/" : "") st[i]
	return r
}
FNR == 1 {
	page = FILENAME; sub(/^\.\//, "", page)
	dir = page; if (!sub(/\/[^\/]*$/, "", dir)) dir = ""
}
{
	line = $0
	while (match(line, / (href|src)="[^"]*"/)) {
		v = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
		sub(/^ [a-z]*="/, "", v); sub(/"$/, "", v)
		gsub(/&amp;/, "\\&", v)
		frag = ""
		if ((i = index(v, "#")) > 0) { frag = substr(v, i + 1); u = substr(v, 1, i - 1) } else u = v
		if ((i = index(u, "?")) > 0) u = substr(u, 1, i - 1)
		if (page == "404.html" && index(u, base) == 1) { print page "\t\"" v "\"\t" decode(substr(u, length(base) + 1)) "\t" frag; continue }
		if (v ~ /^(https?|mailto):/) continue
		if (v == "") { print page "\t\"" v "\"\tERROR empty\t"; continue }
		if (v ~ /^\//) { print page "\t\"" v "\"\tERROR absolute path\t"; continue }
		if (u ~ /^[A-Za-z][A-Za-z0-9+.-]*:/) { print page "\t\"" v "\"\tERROR scheme\t"; continue }
		if (u == "") { print page "\t\"" v "\"\t" page "\t" frag; continue }
		r = norm((dir == "" ? "" : dir "/") decode(u))
		if (r == "\001") { print page "\t\"" v "\"\tERROR leaves the site\t"; continue }
		if (u ~ /\/$/ || r == "") r = (r == "" ? "" : r "/") "index.html"
		print page "\t\"" v "\"\t" r "\t" frag
	}
}' $(cat "$tmp/pages")) >"$tmp/links" 2>"$tmp/awkerr"
nlinks=$(wc -l <"$tmp/links")
broken=""
tab=$(printf '\t')
while IFS=$tab read -r pg href target frag; do
	case $target in
	"ERROR "*) broken="$broken
$pg: $href: ${target#ERROR }"; continue ;;
	esac
	if [ ! -f "$out/$target" ]; then
		broken="$broken
$pg: $href: no file $target"
	elif [ -n "$frag" ] && ! grep -qF "id=\"$frag\"" "$out/$target"; then
		broken="$broken
$pg: $href: no id \"$frag\" in $target"
	fi
done <"$tmp/links"
if [ "$nlinks" -lt 300 ]; then
	fail "link checker found the links ($nlinks)" "$(cat "$tmp/awkerr")"
elif [ -z "$broken" ]; then
	ok "all $nlinks href/src of all pages resolve to files (and ids) of the site"
else
	fail "all $nlinks href/src of all pages resolve to files (and ids) of the site" \
	    "${broken#?}"
fi

# ---------------------------------------------------------------- variants

# The same content with base_url ending in "/" and attachments whose names
# need escaping in a URL (space, #, ?, %).
cp -R "$FIXTURE" "$tmp/variant"
sed "s|^base_url: .*|base_url: \"$BASE/\"|" "$FIXTURE/site.yaml" \
    >"$tmp/variant/site.yaml"
for f in '附件 2.txt' 'v1#2.txt' 'q?.txt' '100%.txt'; do
	printf '%s\n' "$f" >"$tmp/variant/plans/city/files/$f"
done
"$GONGKAI" build --content "$tmp/variant" --out "$tmp/vsite" \
    --cache-dir "$tmp/cache" >/dev/null 2>"$tmp/stderr"
rc=$?
if [ $rc -ne 0 ]; then
	fail "variant build (base_url with /, odd attachment names)" \
	    "exit status $rc" "$(cat "$tmp/stderr")"
else
	bad=$(grep -l "$BASE//" "$tmp/vsite/sitemap.xml" "$tmp/vsite/robots.txt" \
	    "$tmp/vsite/404.html" | sed "s|^$tmp/vsite/||")
	if [ -z "$bad" ]; then
		ok "base_url ending in / gives no // in sitemap.xml, robots.txt, 404.html"
	else
		fail "base_url ending in / gives no // in sitemap.xml, robots.txt, 404.html" \
		    "$bad" "$(grep -h -m1 "$BASE//" "$tmp/vsite/sitemap.xml")"
	fi
	# The decoded target of each attachment link that has no raw # or ?.
	grep -o '<li><a href="\.\./\.\./plans/city/files/[^"]*"' \
	    "$tmp/vsite/plans/city/index.html" |
	    sed 's|^<li><a href="\.\./\.\./||; s|"$||' >"$tmp/hrefs"
	grep -v '[#?]' "$tmp/hrefs" | LC_ALL=C awk '{
		s = $0; r = ""
		while ((i = index(s, "%")) > 0) {
			h = toupper(substr(s, i + 1, 2))
			r = r substr(s, 1, i - 1) sprintf("%c", \
			    (index("0123456789ABCDEF", substr(h, 1, 1)) - 1) * 16 + \
			    index("0123456789ABCDEF", substr(h, 2, 1)) - 1)
			s = substr(s, i + 3)
		}
		print r s
	}' >"$tmp/targets"
	bad=""
	for f in '附件 2.txt' 'v1#2.txt' 'q?.txt' '100%.txt'; do
		grep -qxF "plans/city/files/$f" "$tmp/targets" &&
		    [ -f "$tmp/vsite/plans/city/files/$f" ] ||
		    bad="$bad
no working link to files/$f"
	done
	[ -n "$bad" ] && bad="$bad
links: $(tr '\n' '|' <"$tmp/hrefs")"
	if [ -z "$bad" ]; then
		ok "attachments with space, #, ? or % in their names get working (escaped) links"
	else
		fail "attachments with space, #, ? or % in their names get working (escaped) links" \
		    "${bad#?}"
	fi
fi

[ $failures -eq 0 ]
