#!/bin/sh
# End-to-end: renames in the change history.  The history follows a file
# that git shows as renamed (a report whose date was corrected, a task
# renamed with or without other edits, and a report deleted before its
# task was renamed), but not across tasks, and never from a withdrawn file
# into a new public one: the withdrawn file's past stays unpublished.
# The fixture is make_rename_repo (tests/fixtures/history/repos.sh).
T=history_renames
. tests/fixtures/history/lib.sh
. tests/fixtures/history/repos.sh

if ! make_rename_repo "$tmp/repo" >"$tmp/git.log" 2>&1; then
	fail "fixture repository is built" "$(cat "$tmp/git.log")"
	exit 1
fi
out=$tmp/site
build renames "$tmp/repo" "$out" --no-cache
expect_rc "builds with exit status 0" 0
[ -f "$out/index.html" ] || finish
data=$out/data/plans/p/tasks

# A report renamed within its task, its date corrected.
expect_lines "report renamed in its task: the history follows it" \
    history_summaries "$data/c.json" <<'EOF'
进展报告 2024-06-29 的文件名由 2024-06-30 改为 2024-06-29，并修改：日期 2024-06-30 → 2024-06-29
新增进展报告 2024-06-30（状态 推进中，进度 60%）
新增任务 第3项：任务丙
EOF
has_json "report renamed in its task: older changes link to it now" \
    "$data/c.json" \
    '"summary": "新增进展报告 2024-06-30（状态 推进中，进度 60%）","url": "plans/p/tasks/c.html#report-2024-06-29"' \
    '{"label": "日期","old": "2024-06-30","new": "2024-06-29",'

# Reports of two tasks, one deleted and one added, are not a rename.
expect_lines "other task's report: the deletion stays with its task" \
    history_summaries "$data/a.json" <<'EOF'
删除进展报告 2024-03-31
新增进展报告 2024-03-31（状态 推进中，进度 50%）
新增任务 第1项：任务甲
EOF
expect_lines "other task's report: the addition is new for the other task" \
    history_summaries "$data/b.json" <<'EOF'
新增进展报告 2024-04-30（状态 推进中，进度 50%）
新增任务 第2项：任务乙
EOF

# A task renamed with its title changed.
expect_lines "task renamed and edited: the history follows it" \
    history_summaries "$data/ff.json" <<'EOF'
任务 第6项 的标识由 f 改为 ff，并修改：修改任务内容
新增任务 第6项：任务己
EOF
has_json "task renamed and edited: the title's character diff" \
    "$data/ff.json" \
    '"diff": [{"op": "equal","equal": true,"text": "任务己"},{"op": "insert","insert": true,"text": "（调整）"}]'
absent "task renamed: no page under the old id" \
    "$out/plans/p/tasks/f.html" "$out/plans/p/tasks/d.html"

# A report deleted while public, then its task renamed.
has_json "report deleted before its task was renamed: still in the list" \
    "$out/data/changes/index.json" "\"id\": \"$R8\"" \
    '"summary": "删除进展报告 2024-03-31"'
exists "report deleted before its task was renamed: its commit has a page" \
    "$out/changes/$R8.html"
expect_lines "report deleted before its task was renamed: on the task's page" \
    history_summaries "$data/dd.json" <<'EOF'
任务 第4项 的标识由 d 改为 dd
删除进展报告 2024-03-31
新增进展报告 2024-03-31（状态 推进中，进度 30%）
新增任务 第4项：任务丁
EOF

# A withdrawn report deleted and a similar public one added: no rename
# carries the withdrawn report's past into the new one.
history_summaries "$data/e.json" >"$tmp/e.txt"
if grep -qxE '(公开|新增)进展报告 2024-02-01（状态 推进中，进度 50%）' \
    "$tmp/e.txt" && [ "$(wc -l <"$tmp/e.txt")" -eq 2 ] &&
    [ "$(sed -n 2p "$tmp/e.txt")" = '新增任务 第5项：任务戊' ]; then
	ok "withdrawn report replaced: the new report's history starts anew"
else
	fail "withdrawn report replaced: the new report's history starts anew" \
	    "$(cat "$tmp/e.txt")"
fi
nowhere "withdrawn report replaced: none of its text or date anywhere" \
    "$out" SECRET 2024-01-31
_left=""
for c in "$R3" "$R4"; do
	[ -e "$out/changes/$c.html" ] && _left="$_left $c"
done
if [ -z "$_left" ]; then ok "withdrawn report replaced: its commits have no page"
else fail "withdrawn report replaced: its commits have no page" "$_left"; fi

finish
