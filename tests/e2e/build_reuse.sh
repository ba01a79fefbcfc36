#!/bin/sh
# End-to-end: incremental builds.  A build with a cache directory records
# what each page was made from in a manifest; the next build links the
# pages whose key is unchanged from the published site instead of writing
# them.  Pinned here: a rebuild links (same inode) exactly the unchanged
# pages, and its site is always identical to a from-scratch build, after a
# content change, a theme change, a page edited in place in the published
# site, a damaged manifest and a build without the cache in between.
# Uses tests/fixtures/e2e-pages (fictional data), copied.
set -u
T=build_reuse
ROOT=$PWD

. tests/fixtures/e2e-lib.sh

cp -R tests/fixtures/e2e-pages "$tmp/content"
cp -R tests/fixtures/e2e-output-theme "$tmp/theme"
cache=$tmp/cache

# build [ARGS...]: builds $tmp/content into $out with the cache; sets $rc
# and $linked (the count of files linked, 0 when none was).
build() {
	"$GONGKAI" build --content "$tmp/content" --out "$out" \
	    --cache-dir "$cache" "$@" >"$tmp/o" 2>"$tmp/e"
	rc=$?
	linked=$(sed -n 's/.*(\([0-9]*\) unchanged since the last build.*/\1/p' \
	    "$tmp/o")
	linked=${linked:-0}
}
# fresh [ARGS...]: the same content built from scratch into $tmp/fresh.
fresh() {
	rm -rf "$tmp/fresh"
	"$GONGKAI" build --content "$tmp/content" --out "$tmp/fresh" \
	    --no-cache --quiet "$@" >"$tmp/fo" 2>&1
}
# same_as_fresh DESC [ARGS...]: the site equals a from-scratch build.
same_as_fresh() {
	_d=$1
	shift
	if ! fresh "$@"; then
		fail "$_d" "$(cat "$tmp/fo")"
	elif diff -r "$out" "$tmp/fresh" >"$tmp/diff" 2>&1; then
		ok "$_d"
	else
		fail "$_d" "$(cat "$tmp/diff")"
	fi
}
inode() { stat -c %i "$out/$1" 2>/dev/null; }
# keyed: the pages, feeds and data files of the site (what can be linked).
keyed() {
	(cd "$out" && find . -type f \( -name '*.html' -o -name '*.xml' -o \
	    -path './data/*' \) ! -name sitemap.xml | wc -l | tr -d ' ')
}

# ---- the first build writes everything and leaves a manifest
build
manifest=$(ls "$cache"/pages-*.manifest 2>/dev/null | head -1)
if [ $rc -eq 0 ] && [ "$linked" = 0 ] && [ -n "$manifest" ] &&
    [ "$(sed -n 1p "$manifest")" = "gongkai-pages 2" ]; then
	ok "first build: nothing linked, a manifest in the cache directory"
else
	fail "first build: nothing linked, a manifest in the cache directory" \
	    "exit $rc, linked $linked, manifest '$manifest'" "$(cat "$tmp/e")"
fi

# ---- an unchanged rebuild links every page
home=$(inode index.html)
task3=$(inode plans/city/tasks/03.html)
task1=$(inode plans/city/tasks/01.html)
build
if [ $rc -eq 0 ] && [ "$linked" = "$(keyed)" ] &&
    [ "$(inode index.html)" = "$home" ] &&
    [ "$(inode plans/city/tasks/03.html)" = "$task3" ]; then
	ok "unchanged rebuild: all $linked pages, feeds and data files linked"
else
	fail "unchanged rebuild: all pages, feeds and data files linked" \
	    "exit $rc, linked $linked of $(keyed)" "$(cat "$tmp/e")"
fi
same_as_fresh "unchanged rebuild: identical to a from-scratch build"

# ---- one task changed: its pages are written, the others linked
sed -i 's/开展示例服务质量评估/开展示例服务质量评估（已修订）/' \
    "$tmp/content/plans/city/tasks/03.md"
build
if [ $rc -eq 0 ] && [ "$(inode plans/city/tasks/03.html)" != "$task3" ] &&
    grep -q '（已修订）' "$out/plans/city/tasks/03.html" &&
    grep -q '（已修订）' "$out/data/plans/city/tasks/03.json" &&
    [ "$(inode plans/city/tasks/01.html)" = "$task1" ] &&
    [ "$linked" -gt 0 ] && [ "$linked" -lt "$(keyed)" ]; then
	ok "one task changed: its page rewritten, task 1 linked ($linked of $(keyed) linked)"
else
	fail "one task changed: its page rewritten, others linked" \
	    "exit $rc, linked $linked of $(keyed)" "$(cat "$tmp/e")"
fi
# The plan page lists the task's title too: it must not be stale.
if grep -q '（已修订）' "$out/plans/city/index.html"; then
	ok "one task changed: the plan page that lists it is rewritten too"
else
	fail "one task changed: the plan page that lists it is rewritten too"
fi
same_as_fresh "one task changed: identical to a from-scratch build"

# ---- the build date changes what pages say (overdue): nothing stale
build
SOURCE_DATE_EPOCH=1893456000 build	# 2030-01-01
SOURCE_DATE_EPOCH=1893456000 fresh
if diff -r "$out" "$tmp/fresh" >"$tmp/diff" 2>&1; then
	ok "another build date: pages follow the date, none kept stale"
else
	fail "another build date: pages follow the date, none kept stale" \
	    "$(cat "$tmp/diff")"
fi

# ---- a page edited in place in the published site is written again
build
task1=$(inode plans/city/tasks/01.html)
echo '<p>edited by hand</p>' >>"$out/plans/city/tasks/01.html"
build
if ! grep -q 'edited by hand' "$out/plans/city/tasks/01.html" &&
    [ "$linked" -gt 0 ]; then
	ok "a published page edited in place is written again"
else
	fail "a published page edited in place is written again"
fi
same_as_fresh "after an edit in place: identical to a from-scratch build"

# ---- a theme template changed: the pages that use it are written again
build --theme "$tmp/theme"
build --theme "$tmp/theme"
before=$linked
printf '%s\n' '<!-- changed -->' >>"$tmp/theme/templates/404.mustache"
build --theme "$tmp/theme"
if [ $rc -eq 0 ] && grep -q 'changed' "$out/404.html" &&
    [ "$linked" = 0 ]; then
	ok "a theme template changed: no page linked ($before were before)"
else
	fail "a theme template changed: no page linked" \
	    "exit $rc, linked $linked" "$(cat "$tmp/e")"
fi
same_as_fresh "theme changed: identical to a from-scratch build" \
    --theme "$tmp/theme"

# ---- a build without the cache in between: its pages are not trusted
build
task1=$(inode plans/city/tasks/01.html)
sed -i 's/开展示例服务质量评估（已修订）/开展示例服务质量评估（再次修订）/' \
    "$tmp/content/plans/city/tasks/03.md"
"$GONGKAI" build --content "$tmp/content" --out "$out" --no-cache --quiet \
    2>"$tmp/e"
sed -i 's/（再次修订）/（已修订）/' "$tmp/content/plans/city/tasks/03.md"
build
if [ $rc -eq 0 ] && grep -q '（已修订）' "$out/plans/city/tasks/03.html" &&
    ! grep -rq '再次修订' "$out"; then
	ok "a --no-cache build in between: nothing of it kept"
else
	fail "a --no-cache build in between: nothing of it kept"
fi
same_as_fresh "after a --no-cache build: identical to a from-scratch build"

# ---- a damaged manifest costs the reuse, not the build
for damage in garbage truncate entry; do
	build
	manifest=$(ls "$cache"/pages-*.manifest | head -1)
	case $damage in
	garbage) printf 'not a manifest\n\001\002' >"$manifest" ;;
	truncate) head -c 200 "$manifest" >"$tmp/m" && mv "$tmp/m" "$manifest" ;;
	entry) sed -i '3s/^[0-9a-f]*/zz/' "$manifest" ;;
	esac
	build
	if [ $rc -eq 0 ] && [ "$linked" = 0 ] &&
	    ! grep -q 'error\|warning' "$tmp/e"; then
		ok "damaged manifest ($damage): nothing linked, no error"
	else
		fail "damaged manifest ($damage): nothing linked, no error" \
		    "exit $rc, linked $linked" "$(cat "$tmp/e")"
	fi
	same_as_fresh "damaged manifest ($damage): identical to a from-scratch build"
done

# ---- the spare: the site a build replaced is kept in the cache directory
# and the next build starts from it, keeping its untouched pages
build
build
spare=$(ls -d "$cache"/pages-*.spare 2>/dev/null | head -1)
task1=$(inode plans/city/tasks/01.html)
build
if [ $rc -eq 0 ] && [ -d "$spare" ] && [ "$linked" = "$(keyed)" ] &&
    [ "$(inode plans/city/tasks/01.html)" = "$task1" ] &&
    [ "$(stat -c %i "$spare/plans/city/tasks/01.html")" = "$task1" ]; then
	ok "the spare: the replaced site kept, the next build starts from it"
else
	fail "the spare: the replaced site kept, the next build starts from it" \
	    "exit $rc, spare '$spare', linked $linked of $(keyed)"
fi
same_as_fresh "the spare: identical to a from-scratch build"

# A file put into the published site goes with it into the spare, and
# never into a later site; nor does a page of the spare edited in place.
echo extra >"$out/extra.txt"
build
echo edited >>"$spare/plans/city/tasks/01.html"
build
same_as_fresh "the spare: a file added to the site and a page edited there are not kept"

# Whatever is in the spare's way is removed: a file where a folder of
# pages was, a folder where a page was, a symbolic link.
build
rm -rf "$spare/plans/city/tasks" "$spare/index.html"
echo x >"$spare/plans/city/tasks"
mkdir "$spare/index.html"
mkdir "$tmp/elsewhere"
echo keep >"$tmp/elsewhere/keep"
rm -rf "$spare/units" && ln -s "$tmp/elsewhere" "$spare/units"
build
if [ $rc -eq 0 ] && [ "$(cat "$tmp/elsewhere/keep")" = keep ]; then
	ok "a damaged spare: built, nothing followed outside it"
else
	fail "a damaged spare: built, nothing followed outside it" \
	    "exit $rc" "$(cat "$tmp/e")" "$(ls -l "$tmp/elsewhere")"
fi
same_as_fresh "a damaged spare: identical to a from-scratch build"

# The spare itself a symbolic link: not taken.
build
rm -rf "$spare" && ln -s "$tmp/elsewhere" "$spare"
build
if [ $rc -eq 0 ] && [ "$(cat "$tmp/elsewhere/keep")" = keep ] &&
    [ -d "$spare" ] && [ ! -L "$spare" ]; then
	ok "a spare that is a symbolic link: not followed, replaced"
else
	fail "a spare that is a symbolic link: not followed, replaced" \
	    "exit $rc" "$(ls -l "$cache")"
fi
same_as_fresh "a spare that is a symbolic link: identical to a from-scratch build"

# ---- --no-cache neither reads nor writes a manifest
rm -rf "$cache"
"$GONGKAI" build --content "$tmp/content" --out "$out" --no-cache >"$tmp/o" \
    2>"$tmp/e"
if [ ! -e "$cache" ] && ! grep -q unchanged "$tmp/o"; then
	ok "--no-cache: no manifest, nothing linked"
else
	fail "--no-cache: no manifest, nothing linked" "$(cat "$tmp/o")"
fi

[ "$failures" -eq 0 ]
