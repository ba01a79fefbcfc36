#!/bin/sh
# End-to-end: the content cache.  A build with a cache directory keeps
# what each task and report file parsed into, keyed by the file's stamp
# (inode, size, times; a blob id for --rev); the next build parses only
# the files that changed.  Pinned here: how many files each build parses,
# that the site and the messages are always those of a build without the
# cache (after an edit, an edit that keeps size and mtime, a deleted file,
# an error found across files, a damaged cache file, --rev), that files
# changed in the last seconds are never trusted, and that --no-cache
# leaves nothing behind.
# Uses tests/fixtures/e2e-pages (fictional data), copied.
set -u
T=content_cache
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org

. tests/fixtures/e2e-lib.sh

content=$tmp/content
cache=$tmp/cache
cp -R tests/fixtures/e2e-pages "$content"
report=$content/plans/city/progress/02/2024-06-30.md
# Files changed within two seconds of a build are not trusted (their
# times may not yet tell a later change apart): let them age.
settle() { sleep 3; }

# build [ARGS...]: builds with the cache; sets $rc and $parsed/$cached
# (from the summary line; cached is 0 when the line is absent).
build() {
	"$GONGKAI" build --content "$content" --out "$out" \
	    --cache-dir "$cache" "$@" >"$tmp/o" 2>"$tmp/e"
	rc=$?
	parsed=$(sed -n 's/^gongkai: content: [0-9]* files read (\([0-9]*\) parsed.*/\1/p' \
	    "$tmp/o")
	cached=$(sed -n 's/^gongkai: content: .*parsed, \([0-9]*\) from the cache)$/\1/p' \
	    "$tmp/o")
	cached=${cached:-0}
}
# same_as_fresh DESC [ARGS...]: the site and messages equal a build
# without the cache.
same_as_fresh() {
	_d=$1
	shift
	rm -rf "$tmp/fresh"
	"$GONGKAI" build --content "$content" --out "$tmp/fresh" --no-cache \
	    "$@" >/dev/null 2>"$tmp/fe"
	if ! diff -r "$out" "$tmp/fresh" >"$tmp/diff" 2>&1; then
		fail "$_d" "$(cat "$tmp/diff")"
	elif ! diff "$tmp/e" "$tmp/fe" >"$tmp/diff" 2>&1; then
		fail "$_d: messages" "$(cat "$tmp/diff")"
	else
		ok "$_d"
	fi
}
files=$(find "$content/plans" -path '*/tasks/*.md' -o -path '*/progress/*.md' |
    wc -l | tr -d ' ')

# ---- the first build parses everything and fills the cache
settle
build
if [ $rc -eq 0 ] && [ "$cached" = 0 ] &&
    [ "$(ls "$cache"/content-*/*.cache 2>/dev/null | wc -l)" -ge 2 ]; then
	ok "first build: nothing from the cache, one cache file per plan"
else
	fail "first build: nothing from the cache, one cache file per plan" \
	    "exit $rc, cached $cached" "$(ls -R "$cache")" "$(cat "$tmp/e")"
fi

# ---- the next build takes every task and report from the cache
build
if [ $rc -eq 0 ] && [ "$cached" = "$files" ]; then
	ok "unchanged: all $files tasks and reports from the cache"
else
	fail "unchanged: all $files tasks and reports from the cache" \
	    "exit $rc, parsed $parsed, cached $cached" "$(cat "$tmp/o")"
fi
same_as_fresh "unchanged: the site is that of a build without the cache"

# ---- edited files are parsed again, the others are not: an edit, an
# edit that keeps the size and modification time (the change time still
# tells), a deleted report
other=$content/plans/city/progress/02/2024-11-30.md
sed 's/尚未启动（虚构）。/已经启动（虚构，改过）。/; s/percent: 0/percent: 10/' \
    "$report" >"$tmp/r" && cat "$tmp/r" >"$report"
touch -r "$other" "$tmp/stamp"
size=$(wc -c <"$other")
sed '$s/。$/！/' "$other" >"$tmp/r" && cat "$tmp/r" >"$other"
touch -r "$tmp/stamp" "$other"
rm "$content/plans/city/progress/01/2025-06-30.md"
files=$((files - 1))
settle
build
if [ $rc -eq 0 ] && [ "$cached" = $((files - 2)) ] &&
    [ "$(wc -c <"$other")" = "$size" ] &&
    grep -q '已经启动' "$out/plans/city/tasks/02.html" &&
    grep -q '！' "$out/plans/city/tasks/02.html"; then
	ok "edits (one keeping size and mtime), a deletion: parsed again, the rest from the cache"
else
	fail "edits (one keeping size and mtime), a deletion: parsed again, the rest from the cache" \
	    "exit $rc, cached $cached of $files, size $size" "$(cat "$tmp/o")"
fi
same_as_fresh "edits and a deletion: the site is that of a build without the cache"

# ---- a file changed just before the build is never trusted
sed 's/已经启动/刚刚启动/' "$report" >"$tmp/r" && cat "$tmp/r" >"$report"
build
b1=$cached
build
if [ $rc -eq 0 ] && [ "$b1" = $((files - 1)) ] &&
    [ "$cached" = $((files - 1)) ] &&
    grep -q '刚刚启动' "$out/plans/city/tasks/02.html"; then
	ok "a file just changed: parsed, and not trusted from the cache"
else
	fail "a file just changed: parsed, and not trusted from the cache" \
	    "exit $rc, cached $b1 then $cached of $files" "$(cat "$tmp/o")"
fi

# ---- an error found across files is reported the same from the cache
sed 's/^  parks: 5$/  no-such-indicator: 5/' "$report" >"$tmp/r" &&
    cat "$tmp/r" >"$report"
settle
build
e1=$(cat "$tmp/e")
build
# (the report parsed without a message, so it is in the cache)
if [ $rc -eq 1 ] && [ "$(cat "$tmp/e")" = "$e1" ] &&
    grep -q 'no-such-indicator' "$cache"/content-*/city.cache &&
    grep -q '2024-06-30.md:[0-9]*:[0-9]*: error: .*no-such-indicator' \
    "$tmp/e"; then
	ok "an unknown indicator: the same error, with its position, from the cache"
else
	fail "an unknown indicator: the same error, with its position, from the cache" \
	    "exit $rc" "$e1" "$(cat "$tmp/e")"
fi
sed 's/^  no-such-indicator: 5$/  parks: 5/' "$report" >"$tmp/r" &&
    cat "$tmp/r" >"$report"
settle
build

# ---- a damaged cache file costs only the reuse
for f in "$cache"/content-*/city.cache; do
	printf 'X' | dd of="$f" bs=1 seek=200 conv=notrunc 2>/dev/null
done
build
c1=$cached
for f in "$cache"/content-*/county.cache; do
	head -c 100 "$f" >"$tmp/t" && cat "$tmp/t" >"$f"
done
build
if [ $rc -eq 0 ] && [ "$c1" -lt "$files" ] && [ "$c1" -gt 0 ] &&
    [ "$cached" -lt "$files" ]; then
	ok "damaged cache files: ignored"
else
	fail "damaged cache files: ignored" "exit $rc, cached $c1, $cached"
fi
same_as_fresh "damaged cache files: the site is that of a build without the cache"
build
if [ "$cached" = "$files" ]; then
	ok "damaged cache files: written again"
else
	fail "damaged cache files: written again" "cached $cached of $files"
fi

# ---- --rev: blob ids are the stamps, in a cache of their own
(cd "$content" && git init -q && git add -A && git commit -q -m c) ||
    fail "git"
build --rev HEAD
r1=$cached
build --rev HEAD
if [ $rc -eq 0 ] && [ "$r1" = 0 ] && [ "$cached" = "$files" ]; then
	ok "--rev: a cache of its own, keyed by blob id"
else
	fail "--rev: a cache of its own, keyed by blob id" \
	    "exit $rc, cached $r1 then $cached of $files" "$(cat "$tmp/e")"
fi
same_as_fresh "--rev: the site is that of a build without the cache" --rev HEAD

# ---- --no-cache reads and writes no cache
rm -rf "$cache"
"$GONGKAI" build --content "$content" --out "$out" --no-cache --quiet
if [ ! -e "$cache" ]; then
	ok "--no-cache: no cache directory"
else
	fail "--no-cache: no cache directory" "$(ls -R "$cache")"
fi

[ $failures -eq 0 ]
