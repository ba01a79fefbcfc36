#!/bin/sh
# End-to-end: the history cache.  Every build with a cache must equal a
# fresh --no-cache build of the same commit, byte for byte: cold, warm,
# after a new commit, after the tip is amended, after a reset and new
# commits, with a .mailmap edited at the same tip, after a merge, with a
# damaged cache (also one cut between records), with a cache written in a
# shallow clone made whole since, with a cache of another repository and
# with a cache directory that cannot be written.  A marker planted in a
# copy of the cache shows that a warm build really takes commits from it.
# Each cached build is also made into one and the same site ($tmp/live),
# which links its unchanged pages from the last one: it must equal the
# fresh build just as well.
# The fixture is make_main_repo (tests/fixtures/history/repos.sh).
T=history_cache
. tests/fixtures/history/lib.sh
. tests/fixtures/history/repos.sh

if ! make_main_repo "$tmp/main" >"$tmp/git.log" 2>&1; then
	fail "fixture repository is built" "$(cat "$tmp/git.log")"
	exit 1
fi
content=$tmp/main/content
cache=$tmp/cache
# fresh NAME: a --no-cache build of the repository as it is now.
fresh() {
	build "$1" "$content" "$tmp/$1" --no-cache
	[ "$rc" -eq 0 ] || fail "$1: the --no-cache build succeeds" "$(err "$1")"
}
# cached NAME DESC [CACHE-DIR]: a build with the cache, which must succeed
# and equal the last fresh build.
cached() {
	build "$1" "$content" "$tmp/$1" --cache-dir "${3:-$cache}"
	expect_rc "$2: builds with exit status 0" 0
	same_tree "$2: byte-identical to a --no-cache build" "$tmp/$last" \
	    "$tmp/$1"
	build "live-$1" "$content" "$tmp/live" --cache-dir "${3:-$cache}"
	same_tree "$2: the rebuilt live site is byte-identical too" \
	    "$tmp/$last" "$tmp/live"
	if grep -q 'unchanged since the last build' "$tmp/live-$1.stdout"; then
		live_linked="$live_linked $1"
	fi
}
live_linked=
# cache_file DIR: the one cache file in DIR.
cache_file() {
	ls "$1"/history-*.cache 2>/dev/null | head -1
}
# plant FROM TO: copies a cache, changing one described change (30% → 31%
# in the summary of commit M2, same length) so that its use shows.
plant() {
	_from=$(cache_file "$1")
	rm -rf "$2" && cp -R "$1" "$2" &&
	    sed 's/（状态 推进中，进度 30%）/（状态 推进中，进度 31%）/' \
	    "$_from" >"$2/${_from##*/}"
}
MARK='新增进展报告 2024-05-31（状态 推进中，进度 31%）'

fresh a
last=a
cached b "cold cache"
cfile=$(cache_file "$cache")
exists "cold cache: the cache file is written" "${cfile:-$cache/history-*.cache}"
cp "$cfile" "$tmp/cache.before"
cached c "warm cache"
if cmp -s "$tmp/cache.before" "$cfile"; then
	ok "warm cache: the cache file is unchanged"
else
	fail "warm cache: the cache file is unchanged"
fi
plant "$cache" "$tmp/marked"
check "warm cache: the marker is planted" grep -qF '进度 31%' \
    "$(cache_file "$tmp/marked")"
build marked "$content" "$tmp/marked-site" --cache-dir "$tmp/marked"
has "warm cache: a warm build takes its commits from the cache" \
    "$tmp/marked-site/plans/demo/tasks/library.html" "$MARK"

# One new commit: only it is described; the rest comes from the cache.
plant "$cache" "$tmp/marked"
REPO=$tmp/main
put_report demo library 2024-10-31 in_progress 50 "完成主体修缮。"
as 赵六 zhaoliu@example.com 2024-11-25T09:00:00+08:00
commit "新增图书馆十月报告" || fail "new commit is made"
N1=$(rev HEAD)
fresh d
last=d
exists "new commit: the fresh build shows it" "$tmp/d/changes/$N1.html"
cached e "new commit, warm cache"
build marked2 "$content" "$tmp/marked2-site" --cache-dir "$tmp/marked"
has "new commit: older commits still come from the cache" \
    "$tmp/marked2-site/plans/demo/tasks/library.html" "$MARK" \
    '新增进展报告 2024-10-31（状态 推进中，进度 50%）'

# The tip amended: same message and dates, other content.
edit plans/demo/progress/library/2024-10-31.md 's/^percent: 50$/percent: 70/'
g add -A
GIT_AUTHOR_DATE=2024-11-25T09:00:00+08:00 \
GIT_COMMITTER_NAME=赵六 GIT_COMMITTER_EMAIL=zhaoliu@example.com \
GIT_COMMITTER_DATE=2024-11-25T09:00:00+08:00 \
    git -C "$REPO" commit -q --amend --no-edit || fail "the tip is amended"
N1B=$(rev HEAD)
fresh f
last=f
cached g "amended tip"
has "amended tip: the amended content is shown" \
    "$tmp/g/plans/demo/tasks/library.html" \
    '新增进展报告 2024-10-31（状态 推进中，进度 70%）'
lacks "amended tip: the replaced commit is not" \
    "$tmp/g/plans/demo/tasks/library.html" '进度 50%）' "$N1"

# Reset and new commits.
g reset -q --hard HEAD~2
edit plans/demo/tasks/01.md 's/^deadline: "2025-06"$/deadline: "2025-09"/'
as 王五 wangwu@example.com 2024-12-01T09:00:00+08:00
commit "公园任务再次调整时限" || fail "new commit after reset"
put_report demo 01 2024-11-30 completed 100 "湿地公园建成开放。"
as 王五 wangwu@example.com 2024-12-02T09:00:00+08:00
commit "新增公园十一月报告" || fail "second commit after reset"
fresh h
last=h
cached i "reset and new commits"
has "reset and new commits: the new history is shown" \
    "$tmp/i/plans/demo/tasks/01.html" '完成时限 2025年6月 → 2025年9月'
nowhere "reset and new commits: the dropped commits are not" "$tmp/i" \
    "$N1B" "$M13" '2024-10-31'

# The warm build, the new commit and the amended tip leave most pages as
# they were; the reset drops the commit that renamed the site, which
# changes every page's title.
if [ "$live_linked" = " c e g" ]; then
	ok "the live site linked unchanged pages after c, e and g"
else
	fail "the live site linked unchanged pages after c, e and g" \
	    "it did after:$live_linked"
fi

# A damaged cache is ignored.
cfile=$(cache_file "$cache")
head -c 1500 "$cfile" >"$tmp/trunc" && cp "$tmp/trunc" "$cfile"
cached j "truncated cache"
printf 'gongkai-history-cache 1\n 7:content 40:%s\nC 40:%s 99999999\nX 9 9 9 -5:x\n' \
    "$(rev HEAD)" "$(rev HEAD)" >"$cfile"
cached k "cache with bad records"
printf 'gongkai-history-cache 1\n\377\376 12:\n\nC 99999999999999999999:x\n' >"$cfile"
cached l "cache of stray bytes"
printf 'gongkai-history-cache 999\n' >"$cfile"
cached m "cache of another version"

# Another repository with the same content directory name: its own cache
# in the same directory, and the first one's cache put in its place is
# not used (its tip is not in this repository).
make_small_repo "$tmp/small" >"$tmp/git2.log" 2>&1 ||
    fail "second fixture repository is built" "$(cat "$tmp/git2.log")"
build small-fresh "$tmp/small/content" "$tmp/small-fresh" --no-cache
mkdir -p "$tmp/cache2"
build small "$tmp/small/content" "$tmp/small-cached" --cache-dir "$tmp/cache2"
same_tree "another repository: byte-identical to a --no-cache build" \
    "$tmp/small-fresh" "$tmp/small-cached"
cp "$cfile" "$(cache_file "$tmp/cache2")"
build small2 "$tmp/small/content" "$tmp/small-cached2" --cache-dir "$tmp/cache2"
same_tree "another repository's cache in place of its own: not used" \
    "$tmp/small-fresh" "$tmp/small-cached2"
build small3 "$tmp/small/content" "$tmp/small-cached3" --cache-dir "$cache"
same_tree "two repositories sharing a cache directory: each builds right" \
    "$tmp/small-fresh" "$tmp/small-cached3"
cached n "the first repository again, after the other used the directory"

# A warm build at the cached tip takes the cached walk and reads no
# commit; .mailmap is still applied afresh (here an edit in the work tree).
REPO=$tmp/main
printf '张三丰 <zhangsan@example.com> Old Name <zs-old@example.com>\n' \
    >"$REPO/.mailmap"
fresh o
last=o
cached p "a .mailmap edited at the same tip"
has "edited .mailmap: the new name is shown" "$tmp/p/changes/$M2.html" \
    '张三丰'
g checkout -q -- .mailmap

# A merge on top of the cached tip is walked, not taken as one new commit.
g checkout -q -b side HEAD~1
put_report demo 01 2024-12-31 in_progress 90 "公园主体完工。"
as 赵六 zhaoliu@example.com 2024-12-03T09:00:00+08:00
commit "新增公园十二月报告" || fail "side branch commit is made"
g checkout -q main
as 王五 wangwu@example.com 2024-12-04T09:00:00+08:00
git_as merge -q --no-ff -m "合并十二月报告" side || fail "merge is made"
fresh q
last=q
cached r "a merge on top of the cached tip"

# A cache cut just before a commit record is incomplete: not used.
cfile=$(cache_file "$cache")
cut_at=$(grep -a -b '^C ' "$cfile" | tail -1 | cut -d: -f1)
head -c "$cut_at" "$cfile" >"$tmp/cut" && cp "$tmp/cut" "$cfile"
cached s "cache cut at a commit record"

# A cache written in a shallow clone does not stand for the whole walk
# once the clone is made whole.
git clone -q --depth 2 "file://$tmp/main" "$tmp/shallow" 2>"$tmp/clone.log" ||
    fail "shallow clone is made" "$(cat "$tmp/clone.log")"
build shallow "$tmp/shallow/content" "$tmp/shallow-site" --cache-dir \
    "$tmp/cache-shallow"
expect_rc "shallow clone with a cache: builds with exit status 0" 0
git -C "$tmp/shallow" fetch -q --unshallow 2>>"$tmp/clone.log" ||
    fail "the clone is made whole" "$(cat "$tmp/clone.log")"
build whole-fresh "$tmp/shallow/content" "$tmp/whole-fresh" --no-cache
build whole "$tmp/shallow/content" "$tmp/whole" --cache-dir \
    "$tmp/cache-shallow"
same_tree "unshallowed clone: byte-identical to a --no-cache build" \
    "$tmp/whole-fresh" "$tmp/whole"
exists "unshallowed clone: the oldest commit is shown" \
    "$tmp/whole/changes/$M1.html"

# A cache directory that cannot be written: a warning, the same site.
: >"$tmp/not-a-dir"
build unwritable "$content" "$tmp/o" --cache-dir "$tmp/not-a-dir/cache"
expect_rc "unwritable cache directory: builds with exit status 0" 0
has "unwritable cache directory: a warning on stderr" \
    "$tmp/unwritable.stderr" 'warning' 'history cache'
same_tree "unwritable cache directory: byte-identical to --no-cache" \
    "$tmp/$last" "$tmp/o"

# The default cache directory is $GONGKAI_CACHE_DIR, else .cache/gongkai
# below the working directory; --no-cache writes none.
mkdir -p "$tmp/cwd1" "$tmp/cwd2" "$tmp/cwd3"
(cd "$tmp/cwd1" && env -u GONGKAI_CACHE_DIR "$GONGKAI" build \
    --content "$content" --out site --no-cache >/dev/null 2>&1)
absent "--no-cache writes no cache" "$tmp/cwd1/.cache"
(cd "$tmp/cwd2" && env -u GONGKAI_CACHE_DIR "$GONGKAI" build \
    --content "$content" --out site >/dev/null 2>&1)
(cd "$tmp/cwd3" && GONGKAI_CACHE_DIR="$tmp/env-cache" "$GONGKAI" build \
    --content "$content" --out site >/dev/null 2>&1)
if [ -n "$(cache_file "$tmp/env-cache")" ] && [ ! -e "$tmp/cwd3/.cache" ]
then
	ok "GONGKAI_CACHE_DIR names the default cache directory"
else
	fail "GONGKAI_CACHE_DIR names the default cache directory" \
	    "$(find "$tmp/cwd3" "$tmp/env-cache" 2>&1)"
fi
if [ -n "$(cache_file "$tmp/cwd2/.cache/gongkai")" ]; then
	ok "without --cache-dir the cache is in .cache/gongkai"
else
	fail "without --cache-dir the cache is in .cache/gongkai" \
	    "$(find "$tmp/cwd2" -name '*.cache')"
fi
same_tree "the default cache builds the same site" "$tmp/$last" \
    "$tmp/cwd2/site"

finish
