#!/bin/sh
# End-to-end: the change history publishes nothing that is not public.
# The fixture (tests/fixtures/history/repos.sh, make_disclosure_repo) keeps
# its content at the root of the work tree and has an internal task edited
# alone and beside public changes, a report public then withdrawn, a report
# internal then made public, a task public then made internal, and a plan
# and a task withdrawn after one of their files was deleted.  Every text
# that must stay unpublished contains SECRET; commits with nothing public
# must leave no trace (no page, not listed, id nowhere).
T=history_disclosure
. tests/fixtures/history/lib.sh
. tests/fixtures/history/repos.sh

if ! make_disclosure_repo "$tmp/repo" >"$tmp/git.log" 2>&1; then
	fail "fixture repository is built" "$(cat "$tmp/git.log")"
	exit 1
fi
out=$tmp/site
build disclosure "$tmp/repo" "$out" --no-cache
expect_rc "builds with exit status 0" 0
[ -f "$out/index.html" ] || finish

data=$out/data/plans/pub
short() { echo "$1" | cut -c1-7; }
# no_trace DESC COMMIT...: no page, no data, id nowhere in the output.
no_trace() {
	_d=$1 _bad=""
	shift
	for _c in "$@"; do
		[ -e "$out/changes/$_c.html" ] && _bad="$_bad changes/$(short "$_c").html"
		[ -e "$out/data/changes/$_c.json" ] && _bad="$_bad data/changes/$(short "$_c").json"
		grep -rqF -e "$(short "$_c")" "$out" && _bad="$_bad id:$(short "$_c")"
	done
	if [ -z "$_bad" ]; then ok "$_d"; else fail "$_d" "found:$_bad"; fi
}

# ------------------------------------------------------- what is shown

expect_lines "change list: only commits with public changes, newest first" \
    history_ids "$out/data/changes/index.json" commits <<EOF
$D17
$D16
$D8
$D7
$D4
$D1
EOF
expect_lines "plan: its recent changes are public ones only" \
    history_summaries "$data/index.json" recent_changes <<'EOF'
修改任务 第2项：修改正文
公开任务 第2项：公开任务二
更正 进展报告 2024-02-29：修改正文
公开进展报告 2024-02-29（状态 推进中，进度 55%）
新增任务 第4项：公开任务四
新增任务 第5项：公开任务五
新增方案《公开方案》
新增任务 第1项：公开任务一
EOF
expect_lines "task 01: its history has no trace of the withdrawn report" \
    history_summaries "$data/tasks/01.json" <<'EOF'
更正 进展报告 2024-02-29：修改正文
公开进展报告 2024-02-29（状态 推进中，进度 55%）
新增任务 第1项：公开任务一
EOF
expect_lines "a commit adding public and internal files lists the public ones" \
    history_field "$out/data/changes/$D1.json" changes summary <<'EOF'
新增方案《公开方案》
新增任务 第1项：公开任务一
EOF

# A change to an internal file shows nothing.
expect_lines "a change to an internal file beside a public one shows nothing" \
    history_field "$out/data/changes/$D7.json" changes summary <<'EOF'
公开进展报告 2024-02-29（状态 推进中，进度 55%）
EOF
no_trace "a commit touching only an internal file leaves no trace" "$D5"

# Internal → public: 公开, without the internal text.
has_json "internal → public report: 公开 with no fields" \
    "$out/data/changes/$D7.json" \
    '{"kind": "republished","kind_text": "公开","correction": false,"summary": "公开进展报告 2024-02-29（状态 推进中，进度 55%）","url": "plans/pub/tasks/01.html#report-2024-02-29",' \
    '"fields": []'
has_re "public → public after that: the diff is between public versions" \
    "$out/changes/$D8.html" \
    '<del[^>]*>(<[^>]*>[^<]*</[^>]*>)?-?公开稿：完成一期工程。</del>' \
    '<ins[^>]*>(<[^>]*>[^<]*</[^>]*>)?\+?公开稿：完成一期工程并验收。</ins>'
nowhere "internal → public report: the internal text appears nowhere" \
    "$out" SECRETI
expect_lines "internal → public task: 公开, then its public edits" \
    history_summaries "$data/tasks/02.json" <<'EOF'
修改任务 第2项：修改正文
公开任务 第2项：公开任务二
EOF
has_json "internal → public task: 公开 with no fields" \
    "$data/tasks/02.json" \
    '{"kind": "republished","kind_text": "公开","correction": false,"summary": "公开任务 第2项：公开任务二","url": "plans/pub/tasks/02.html",' \
    '"fields": []'
has_json "internal → public task: first published when it became public" \
    "$data/tasks/02.json" \
    '"first_published": {"date_text": "2024-06-01 09:00 +08:00"'
nowhere "internal → public task: no text of its internal revisions" \
    "$out" SECRETT2
no_trace "internal → public task: its internal edits leave no trace" "$D5"

# ----------------------------------------------- withdrawn: past removed

nowhere "withdrawn report: no text of any revision in any file" "$out" \
    SECRETW1 SECRETW2 SECRETW3
nowhere "withdrawn report: its date appears nowhere" "$out" 2024-01-31
no_trace "withdrawn report: its commits leave no trace" "$D2" "$D3" "$D6"

absent "task internal now: no page, feed or data" "$out/plans/pub/tasks/03.html" \
    "$out/plans/pub/tasks/03.xml" "$data/tasks/03.json"
nowhere "task internal now: no text of it or its report anywhere" "$out" \
    SECRETT3 SECRETR3
no_trace "task internal now: commits only about it leave no trace" \
    "$D4B" "$D9"
expect_lines "task internal now: the commit that added it lists the others" \
    history_field "$out/data/changes/$D4.json" changes summary <<'EOF'
新增任务 第4项：公开任务四
新增任务 第5项：公开任务五
EOF
has "feed: an entry's title names its first public change" "$out/feed.xml" \
    '<title>新增任务 第4项：公开任务四 等 2 项变更</title>'

absent "plan withdrawn: no page or data" "$out/plans/gone" "$out/data/plans/gone"
nowhere "plan withdrawn: no text of it anywhere" "$out" 待撤回方案 SECRETP2
nowhere "plan withdrawn after one of its tasks was deleted: no text of that task" \
    "$out" SECRETP1
no_trace "plan withdrawn after one of its tasks was deleted: those commits leave no trace" \
    "$D10" "$D11"

nowhere "task withdrawn after one of its reports was deleted: no text of that report" \
    "$out" SECRETR6A SECRETR6B SECRETT6
no_trace "task withdrawn after one of its reports was deleted: those commits leave no trace" \
    "$D12" "$D13" "$D14" "$D15"

nowhere "no message of a commit without public changes appears" "$out" \
    SECRETMSG
nowhere "no SECRET text in any output file" "$out" SECRET

# ------------------------------------------ content at the work tree root

(cd "$tmp/repo" && "$GONGKAI" build --content . --out "$tmp/site-rel" \
    --no-cache >/dev/null 2>"$tmp/rel.stderr")
rc=$?
expect_rc "content given as '.' inside the repository builds" 0 rel
same_tree "content given as '.' builds the same site" "$out" "$tmp/site-rel"

finish
