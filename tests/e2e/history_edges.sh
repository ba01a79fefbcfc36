#!/bin/sh
# End-to-end: the change history at the edges.  Content outside any git
# repository, a repository without commits, a shallow clone (with and
# without --require-history), a work tree with uncommitted changes,
# --rev with a tag, a commit id and an unknown name, and a repository
# with a missing object (the site published before stays as it was).
# The fixture is make_small_repo (tests/fixtures/history/repos.sh).
T=history_edges
. tests/fixtures/history/lib.sh
. tests/fixtures/history/repos.sh

if ! make_small_repo "$tmp/repo" >"$tmp/git.log" 2>&1; then
	fail "fixture repository is built" "$(cat "$tmp/git.log")"
	exit 1
fi
short() { echo "$1" | cut -c1-7; }
NO_HISTORY='本站构建时没有可用的版本历史。'
SHALLOW='浅克隆'

# ------------------------------------------------------------- not in git

mkdir -p "$tmp/nogit" && cp -R "$tmp/repo/content" "$tmp/nogit/content"
if git -C "$tmp/nogit" rev-parse --git-dir >/dev/null 2>&1; then
	echo "skip - $T: $tmp is inside a git repository"
else
	out=$tmp/nogit-site
	build nogit "$tmp/nogit/content" "$out" --no-cache
	expect_rc "not in git: builds with exit status 0" 0
	if [ "$(wc -l <"$tmp/nogit.stderr")" -eq 1 ] &&
	    grep -q 'is not in a git repository' "$tmp/nogit.stderr"; then
		ok "not in git: says so once on stderr"
	else
		fail "not in git: says so once on stderr" "$(err nogit)"
	fi
	has_json "not in git: the data says no history is available" \
	    "$out/data/plans/demo/tasks/01.json" \
	    '"history_available": false,"history_incomplete": false' \
	    '"history": {"entries": []}'
	has "not in git: the task page says no history is available" \
	    "$out/plans/demo/tasks/01.html" "$NO_HISTORY"
	has "not in git: the change list says no history is available" \
	    "$out/changes/index.html" "$NO_HISTORY"
	lacks "not in git: the plan page shows no history section" \
	    "$out/plans/demo/index.html" '最近变更' 'feed.xml'
	absent "not in git: no feeds are written" "$out/feed.xml" \
	    "$out/plans/demo/feed.xml" "$out/plans/demo/tasks/01.xml"
	_links=$(grep -rlF 'feed.xml' "$out" --include='*.html' | sed "s|^$out/||")
	if [ -z "$_links" ]; then ok "not in git: no page links a feed that was not written"
	else fail "not in git: no page links a feed that was not written" "$_links"; fi
	build nogit-req "$tmp/nogit/content" "$tmp/nogit-req" --no-cache \
	    --require-history
	expect_rc "not in git: --require-history exits 2" 2
	has "not in git: --require-history says why" "$tmp/nogit-req.stderr" \
	    'require-history' 'not in a git repository'
	absent "not in git: --require-history writes nothing" "$tmp/nogit-req"
	build nogit-rev "$tmp/nogit/content" "$tmp/nogit-rev" --no-cache \
	    --rev main
	expect_rc "not in git: --rev exits 2" 2
	absent "not in git: --rev writes nothing" "$tmp/nogit-rev"
fi

# ------------------------------------------------- a repository, no commits

repo_init "$tmp/empty" && mkdir -p "$tmp/empty/content" &&
    cp -R "$tmp/repo/content/." "$tmp/empty/content/"
build empty "$tmp/empty/content" "$tmp/empty-site" --no-cache
expect_rc "no commits yet: builds with exit status 0" 0
has "no commits yet: the change list is empty" \
    "$tmp/empty-site/changes/index.html" '暂无变更记录。'
REPO=$tmp/repo

# ------------------------------------------------------------ shallow clone

git clone -q --depth 2 "file://$tmp/repo" "$tmp/shallow" 2>"$tmp/clone.log"
if [ "$(git -C "$tmp/shallow" rev-parse --is-shallow-repository)" != true ]
then
	fail "shallow clone is made" "$(cat "$tmp/clone.log")"
else
	# libgit2 1.5 leaks on the error its walk meets at the boundary: that
	# leak alone is suppressed (full stacks, so that it can be told apart).
	saved_lsan=${LSAN_OPTIONS-} saved_asan=${ASAN_OPTIONS-}
	export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$PWD/tests/fixtures/history/lsan-libgit2.supp:print_suppressions=0"
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
	out=$tmp/shallow-site
	build shallow "$tmp/shallow/content" "$out" --no-cache
	expect_rc "shallow: builds with exit status 0" 0
	has "shallow: warns on stderr, asking for a full clone (fetch-depth: 0)" \
	    "$tmp/shallow.stderr" 'warning' 'shallow clone' 'full clone' \
	    'fetch-depth: 0'
	has_json "shallow: the data marks the history incomplete" \
	    "$out/data/plans/demo/tasks/01.json" \
	    '"history_available": true,"history_incomplete": true'
	has "shallow: the task page marks the history incomplete" \
	    "$out/plans/demo/tasks/01.html" "$SHALLOW"
	has "shallow: the change list marks the history incomplete" \
	    "$out/changes/index.html" "$SHALLOW"
	exists "shallow: the commit it has in full is shown" \
	    "$out/changes/$E4.html"
	absent "shallow: commits at or past the boundary are not shown" \
	    "$out/changes/$E3.html" "$out/changes/$E2.html" \
	    "$out/changes/$E1.html"
	build shallow-req "$tmp/shallow/content" "$tmp/shallow-req" \
	    --no-cache --require-history
	expect_rc "shallow: --require-history exits 2" 2
	has "shallow: --require-history says it is an error" \
	    "$tmp/shallow-req.stderr" 'error' 'shallow clone' 'full clone'
	absent "shallow: --require-history writes nothing" "$tmp/shallow-req"
	LSAN_OPTIONS=$saved_lsan ASAN_OPTIONS=$saved_asan
fi

# ------------------------------------------------------ uncommitted changes

cp -R "$tmp/repo" "$tmp/dirty"
REPO=$tmp/dirty
edit plans/demo/tasks/01.md 's/^deadline: "2025-06"$/deadline: "2026-03"/'
put_task demo 03 3 "尚未提交的第三项任务" "示例区文旅委" 2026-12 "未提交。"
out=$tmp/dirty-site
build dirty "$tmp/dirty/content" "$out" --no-cache
expect_rc "work tree: builds with exit status 0" 0
has_json "work tree: the content is the work tree's" \
    "$out/data/plans/demo/tasks/01.json" \
    '"deadline": "2026-03","deadline_text": "2026年3月"'
exists "work tree: an uncommitted task has its page" \
    "$out/plans/demo/tasks/03.html"
expect_lines "work tree: the history ends at HEAD" \
    history_ids "$out/data/plans/demo/tasks/01.json" <<EOF
$E4
$E3
$E2
$E1
EOF
expect_lines "work tree: the exact history of task 01" \
    history_summaries "$out/data/plans/demo/tasks/01.json" <<'EOF'
新增进展报告 2024-05-31（状态 已完成，进度 100%）
更正 进展报告 2024-02-29：进度 40% → 45%
修改任务 第1项：完成时限 2024年12月 → 2025年6月
新增进展报告 2024-02-29（状态 推进中，进度 40%）
新增任务 第1项：建设示例公园
EOF
nowhere "work tree: uncommitted changes are in no history" "$out/changes" \
    2026年3月 尚未提交的第三项任务
has_json "work tree: an uncommitted task has no history yet" \
    "$out/data/plans/demo/tasks/03.json" '"history": {"entries": []}'

# ------------------------------------------------------------------- --rev

out=$tmp/rev-v1
build rev-v1 "$tmp/dirty/content" "$out" --no-cache --rev v1
expect_rc "--rev tag: builds with exit status 0" 0
absent "--rev tag: a task added later is absent" \
    "$out/plans/demo/tasks/02.html" "$out/data/plans/demo/tasks/02.json" \
    "$out/plans/demo/tasks/03.html"
has_json "--rev tag: the deadline and report as they were" \
    "$out/data/plans/demo/tasks/01.json" \
    '"deadline": "2024-12","deadline_text": "2024年12月"' \
    '"status_text": "推进中","percent": 40,'
expect_lines "--rev tag: the history ends at that commit" \
    history_ids "$out/data/changes/index.json" commits <<EOF
$E1
EOF
expect_lines "--rev tag: the task's history as it was" \
    history_summaries "$out/data/plans/demo/tasks/01.json" <<'EOF'
新增进展报告 2024-02-29（状态 推进中，进度 40%）
新增任务 第1项：建设示例公园
EOF
absent "--rev tag: no page for later commits" "$out/changes/$E2.html" \
    "$out/changes/$E3.html" "$out/changes/$E4.html"
nowhere "--rev tag: the work tree's changes appear nowhere" "$out" \
    2026年3月 尚未提交的第三项任务 "$(short "$E2")" "$(short "$E4")"
build rev-e1 "$tmp/dirty/content" "$tmp/rev-e1" --no-cache --rev "$E1"
expect_rc "--rev commit id: builds" 0
same_tree "--rev tag and --rev its commit id build the same site" \
    "$out" "$tmp/rev-e1"

out=$tmp/rev-e2
build rev-e2 "$tmp/dirty/content" "$out" --no-cache --rev "$E2"
expect_rc "--rev older commit: builds with exit status 0" 0
has_json "--rev older commit: its deadline and its new task" \
    "$out/data/plans/demo/tasks/01.json" \
    '"deadline": "2025-06","deadline_text": "2025年6月"'
exists "--rev older commit: the task it added has its page" \
    "$out/plans/demo/tasks/02.html"
expect_lines "--rev older commit: the history ends at that commit" \
    history_ids "$out/data/plans/demo/tasks/01.json" <<EOF
$E2
$E1
EOF
absent "--rev older commit: no page for later commits" \
    "$out/changes/$E3.html" "$out/changes/$E4.html"

build rev-bad "$tmp/dirty/content" "$tmp/rev-bad" --no-cache \
    --rev no-such-revision
expect_rc "--rev unknown: exits 2" 2
has "--rev unknown: names the revision on stderr" "$tmp/rev-bad.stderr" \
    'no-such-revision'
absent "--rev unknown: writes nothing" "$tmp/rev-bad"

# ----------------------------------------------------------- missing objects

# object_file REPO ID: the loose object file of an id.
object_file() {
	echo "$1/.git/objects/$(echo "$2" | cut -c1-2)/$(echo "$2" | cut -c3-)"
}
# broken NAME WHAT OBJECT-ID: copies the repository, publishes its site,
# deletes one loose object, and builds again into the same --out.
broken() {
	cp -R "$tmp/repo" "$tmp/$1"
	mkdir -p "$tmp/$1-pub"
	build "$1-first" "$tmp/$1/content" "$tmp/$1-pub/site" --no-cache
	cp -R "$tmp/$1-pub/site" "$tmp/$1-before"
	_obj=$(object_file "$tmp/$1" "$3")
	if [ ! -f "$_obj" ]; then
		fail "$2: the object is a loose object" "no file ${_obj#"$tmp"/}"
		return
	fi
	rm -f "$_obj"
	build "$1" "$tmp/$1/content" "$tmp/$1-pub/site" --no-cache
	if [ "$rc" -ne 0 ] && grep -q 'error' "$tmp/$1.stderr" &&
	    grep -q "$3" "$tmp/$1.stderr"; then
		ok "$2: a clear error naming the object, exit status $rc"
	else
		fail "$2: a clear error naming the object, exit status non-zero" \
		    "exit status $rc" "$(err "$1")"
	fi
	same_tree "$2: the site published before is left byte-identical" \
	    "$tmp/$1-before" "$tmp/$1-pub/site"
	_left=$(ls -A "$tmp/$1-pub")
	if [ "$_left" = site ]; then ok "$2: nothing is left beside the site"
	else fail "$2: nothing is left beside the site" "$_left"; fi
}
broken blob "missing blob of an older revision" \
    "$(git -C "$tmp/repo" rev-parse "$E1:content/plans/demo/progress/01/2024-02-29.md")"
broken tree "missing tree of an older commit" \
    "$(git -C "$tmp/repo" rev-parse "$E1:content/plans/demo/tasks")"

finish
