#!/bin/sh
# End-to-end: the pages of the site-wide change list.  changes/index.html
# shows the newest 30 commits; changes/page-N.html hold all of them in runs
# of 30 counted from the oldest, so that a page keeps its commits (and a
# link to it stays right) when new commits come.  Pinned: which commits
# each page lists, the links between them, and that a new commit changes
# only the first page and the newest numbered one.
# The fixture is make_small_repo (tests/fixtures/history/repos.sh) with 61
# more commits, 65 in all.
T=history_pages
. tests/fixtures/history/lib.sh
. tests/fixtures/history/repos.sh

if ! make_small_repo "$tmp/repo" >"$tmp/git.log" 2>&1; then
	fail "fixture repository is built" "$(cat "$tmp/git.log")"
	exit 1
fi
i=1
while [ $i -le 61 ]; do
	day=$(date -u -d "2024-07-01 +$((i - 1)) days" +%Y-%m-%d)
	put_report demo 02 "$day" in_progress $i "第 $i 次报告。" &&
	    as 张三 zhangsan@example.com "2024-08-01T09:$(printf '%02d' \
	    $(( i % 60 ))):00+08:00" &&
	    commit "报告 $i" >>"$tmp/git.log" 2>&1 ||
	    { fail "fixture commit $i" "$(cat "$tmp/git.log")"; exit 1; }
	i=$((i + 1))
done
# ids NEWEST OLDEST: the commit ids from the NEWEST-th newest to the
# OLDEST-th newest (1 is HEAD), newest first.
ids() { g rev-list HEAD | sed -n "$1,$2p"; }
# listed FILE: the commit ids a data/changes/*.json lists, in order.
listed() {
	sed -n 's/^ *"id": "\([0-9a-f]\{40\}\)",*$/\1/p' "$1"
}
# same_ids DESC FILE NEWEST OLDEST
same_ids() {
	if [ "$(listed "$2")" = "$(ids "$3" "$4")" ]; then
		ok "$1"
	else
		fail "$1" "listed: $(listed "$2" | wc -l) ids" \
		    "$(listed "$2" | head -3)" "want: $(ids "$3" "$4" | head -3)"
	fi
}
# link DESC PAGE REL URL: the page links to URL with rel=REL (or not at
# all, when URL is "-").
link() {
	_a=$(grep -o "<a rel=\"$3\" href=\"[^\"]*\"" "$out/changes/$2")
	if [ "$4" = - ] && [ -z "$_a" ] ||
	    [ "$_a" = "<a rel=\"$3\" href=\"../$4\"" ]; then
		ok "$1"
	else
		fail "$1" "found: $_a"
	fi
}

out=$tmp/site
build site "$tmp/repo/content" "$out" --no-cache
expect_rc "65 commits: builds" 0 site
d=$out/data/changes
same_ids "the first page: the newest 30" "$d/index.json" 1 30
same_ids "page 1: the oldest 30" "$d/page-1.json" 36 65
same_ids "page 2: the next 30" "$d/page-2.json" 6 35
same_ids "page 3: the newest 5" "$d/page-3.json" 1 5
check "no page 4" test ! -e "$out/changes/page-4.html"
link "first page: 较早 leads to the page of the first commit not shown" \
    index.html next changes/page-2.html
link "first page: nothing newer" index.html prev -
link "page 3: 较新 is the first page" page-3.html prev changes/index.html
link "page 3: 较早 is page 2" page-3.html next changes/page-2.html
link "page 1: 较新 is page 2" page-1.html prev changes/page-2.html
link "page 1: nothing older" page-1.html next -
has "page 2 says where it stands" "$out/changes/page-2.html" \
    '第 2 / 3 页（第 1 页最早）'
has "the numbered pages are in the sitemap" "$out/sitemap.xml" \
    'changes/page-3.html</loc>'

cp -R "$out" "$tmp/before"
put_report demo 02 2024-09-01 in_progress 99 "又一次报告。"
as 张三 zhangsan@example.com 2024-09-02T09:00:00+08:00
commit "再一次报告" >>"$tmp/git.log" 2>&1 || fail "one more commit"
rm -rf "$out"
build site2 "$tmp/repo/content" "$out" --no-cache
same_ids "one more commit: page 3 has it" "$d/page-3.json" 1 6
unchanged=
for f in changes/page-1.html changes/page-2.html data/changes/page-1.json \
    data/changes/page-2.json; do
	cmp -s "$tmp/before/$f" "$out/$f" && unchanged="$unchanged $f"
done
if [ "$unchanged" = " changes/page-1.html changes/page-2.html data/changes/page-1.json data/changes/page-2.json" ] &&
    ! cmp -s "$tmp/before/changes/page-3.html" "$out/changes/page-3.html"; then
	ok "one more commit: pages 1 and 2 unchanged, byte for byte"
else
	fail "one more commit: pages 1 and 2 unchanged, byte for byte" \
	    "unchanged:$unchanged"
fi
finish
