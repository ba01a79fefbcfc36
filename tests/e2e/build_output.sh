#!/bin/sh
# End-to-end: the output directory.  Builds are reproducible; a failed build
# (bad content, a broken theme, a failure halfway through writing) leaves
# the published site byte-identical and no temporary directory beside it;
# leftovers of killed builds are cleaned up; --theme and site.yaml's theme:
# override exactly the files they provide; --out must be a directory; and
# --help / --version work.  Uses tests/fixtures/e2e-pages (fictional data)
# and theme files under tests/fixtures/e2e-output-theme.
set -u
T=build_output
ROOT=$PWD
FIXTURE=$ROOT/tests/fixtures/e2e-pages
THEME=$ROOT/tests/fixtures/e2e-output-theme

. tests/fixtures/e2e-lib.sh
# A test makes a folder unreadable: let the removal in.
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# gk ARGS...: runs the generator; sets $rc, stdout in $tmp/o, stderr in $tmp/e.
gk() {
	"$GONGKAI" "$@" >"$tmp/o" 2>"$tmp/e"
	rc=$?
}
# clean_stderr: a failing build must still fail cleanly (no sanitizer report).
clean_stderr() {
	! grep -q 'Sanitizer\|runtime error:\|LeakSanitizer' "$tmp/e"
}
same() {	# same DIR1 DIR2: identical trees (names, contents, types)
	diff -r "$1" "$2" >"$tmp/diff" 2>&1
}
# no_temp DIR: no .<name>.tmp-* directory beside DIR.
no_temp() {
	_left=$(cd "$(dirname "$1")" && ls -a | grep "^\\.$(basename "$1")\\.tmp-")
	[ -z "$_left" ]
}

# ---------------------------------------------------------------- command line

gk --help
if [ $rc -eq 0 ] && grep -q '^usage: gongkai build' "$tmp/o"; then
	ok "--help exits 0 and prints the usage on stdout"
else
	fail "--help exits 0 and prints the usage on stdout" "exit status $rc"
fi
gk --version
if [ $rc -eq 0 ] && grep -Eq '^gongkai [0-9]+\.[0-9]+\.[0-9]+' "$tmp/o"; then
	ok "--version exits 0 and prints the version ($(cat "$tmp/o"))"
else
	fail "--version exits 0 and prints the version" "exit status $rc" \
	    "$(cat "$tmp/o" "$tmp/e")"
fi
gk
if [ $rc -eq 2 ] && grep -q '^usage:' "$tmp/e" && [ ! -s "$tmp/o" ]; then
	ok "no command: exit 2, usage on stderr"
else
	fail "no command: exit 2, usage on stderr" "exit status $rc"
fi
gk frobnicate
if [ $rc -eq 2 ]; then ok "unknown command: exit 2"
else fail "unknown command: exit 2" "exit status $rc"; fi
(cd "$tmp" && SOURCE_DATE_EPOCH=yesterday "$GONGKAI" build \
    --content "$FIXTURE" --out bad-epoch >/dev/null 2>&1)
rc=$?
if [ $rc -eq 2 ] && [ ! -e "$tmp/bad-epoch" ]; then
	ok "a SOURCE_DATE_EPOCH that is not a number: exit 2, nothing written"
else
	fail "a SOURCE_DATE_EPOCH that is not a number: exit 2, nothing written" \
	    "exit status $rc"
fi
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && "$GONGKAI" check --content "$FIXTURE" >/dev/null 2>&1)
rc=$?
if [ $rc -eq 0 ] && [ -z "$(ls -A "$tmp/cwd")" ]; then
	ok "check validates and writes nothing"
else
	fail "check validates and writes nothing" "exit status $rc" \
	    "$(ls -A "$tmp/cwd")"
fi

# ---------------------------------------------------------------- reproducible

# The first build fills a fresh history cache, the second reads it, the
# third uses none.
gk build --content "$FIXTURE" --out "$tmp/one" --cache-dir "$tmp/cache"
rc1=$rc
sleep 1		# a different wall-clock second must not matter
gk build --content "$FIXTURE" --out "$tmp/two" --cache-dir "$tmp/cache" --quiet
rc2=$rc
cp "$tmp/o" "$tmp/quiet"
(cd "$tmp" && "$GONGKAI" build --content "$FIXTURE" --out three --no-cache \
    >/dev/null 2>"$tmp/e")
rc=$?
if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ] || [ $rc -ne 0 ]; then
	fail "three builds succeed" "exit status $rc1, $rc2 and $rc" "$(cat "$tmp/e")"
	exit 1
fi
if [ ! -s "$tmp/quiet" ]; then ok "--quiet prints nothing on success"
else fail "--quiet prints nothing on success" "$(cat "$tmp/quiet")"; fi
if same "$tmp/one" "$tmp/two" && same "$tmp/one" "$tmp/three"; then
	ok "builds of the same input and SOURCE_DATE_EPOCH are byte-identical (history cache filled, read, unused)"
else
	fail "builds of the same input and SOURCE_DATE_EPOCH are byte-identical (history cache filled, read, unused)" \
	    "$(cat "$tmp/diff")"
fi
if [ -z "$(ls -A "$tmp/cache" 2>/dev/null)" ]; then
	echo "skip - $T: the history cache was not used (no git history for the fixture)"
fi
SOURCE_DATE_EPOCH=1704067200 gk build --content "$FIXTURE" --out "$tmp/other" \
    --cache-dir "$tmp/cache" --quiet
if [ $rc -eq 0 ] && grep -q 'datetime="2024-01-01"' "$tmp/other/index.html" &&
    ! grep -q 'flag-overdue' "$tmp/other/plans/city/tasks/01.html"; then
	ok "SOURCE_DATE_EPOCH sets the build date (2024-01-01: nothing overdue yet)"
else
	fail "SOURCE_DATE_EPOCH sets the build date (2024-01-01: nothing overdue yet)" \
	    "exit status $rc"
fi
if no_temp "$tmp/one" && no_temp "$tmp/two"; then
	ok "a successful build leaves no temporary directory"
else
	fail "a successful build leaves no temporary directory" "$(ls -a "$tmp")"
fi

# ---------------------------------------------------------------- failed builds keep the site

site=$tmp/pub/site
mkdir "$tmp/pub"
cp -R "$tmp/one" "$site"
cp -R "$tmp/one" "$tmp/published"	# what the site must stay
printf 'stale\n' >"$site/stale.html"
printf 'stale\n' >"$tmp/published/stale.html"

# failed DESC STATUS BUILD-ARGS...: the build fails with STATUS and leaves
# $site as it was, with no temporary directory beside it.
failed() {
	_d=$1 _want=$2
	shift 2
	gk build --out "$site" --cache-dir "$tmp/cache" "$@"
	if [ $rc -ne "$_want" ]; then
		fail "$_d: exit $_want" "exit status $rc" "$(cat "$tmp/e")"
	elif ! clean_stderr; then
		fail "$_d: exit $_want" "sanitizer report:" "$(cat "$tmp/e")"
	elif ! same "$tmp/published" "$site"; then
		fail "$_d: the site stays byte-identical" "$(cat "$tmp/diff")"
	elif ! no_temp "$site"; then
		fail "$_d: no temporary directory left" "$(ls -a "$tmp/pub")"
	else
		ok "$_d: exit $_want, site byte-identical, no temporary directory"
	fi
}

cp -R "$FIXTURE" "$tmp/bad-content"
sed 's/^status: "delayed"$/status: "stalled"/' \
    "$FIXTURE/plans/city/progress/01/2025-09-30.md" \
    >"$tmp/bad-content/plans/city/progress/01/2025-09-30.md"
failed "invalid content" 1 --content "$tmp/bad-content"
if grep -q '2025-09-30.md:[0-9]*:[0-9]*: error: ' "$tmp/e"; then
	ok "invalid content is reported as path:line:column: error:"
else
	fail "invalid content is reported as path:line:column: error:" \
	    "$(cat "$tmp/e")"
fi

mkdir -p "$tmp/theme-syntax/templates"
printf '{{#page}}never closed\n' >"$tmp/theme-syntax/templates/task.mustache"
failed "a theme template with a syntax error" 2 --content "$FIXTURE" \
    --theme "$tmp/theme-syntax"

mkdir -p "$tmp/theme-unreadable/templates/404.mustache"
failed "a theme template that cannot be read (a directory)" 2 \
    --content "$FIXTURE" --theme "$tmp/theme-unreadable"
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$tmp/theme-mode/templates"
	cp "$THEME/templates/404.mustache" "$tmp/theme-mode/templates/"
	chmod 000 "$tmp/theme-mode/templates/404.mustache"
	failed "a theme template without read permission" 2 \
	    --content "$FIXTURE" --theme "$tmp/theme-mode"
else
	echo "skip - $T: a theme template without read permission: running as root"
fi

# An attachment over 20 MiB fails only when it is copied, after the pages
# have been written into the temporary directory.
cp -R "$FIXTURE" "$tmp/big"
mkdir -p "$tmp/big/plans/county/files"
dd if=/dev/zero of="$tmp/big/plans/county/files/big.bin" bs=1048576 count=0 \
    seek=21 2>/dev/null
failed "a build failing halfway (an attachment over 20 MiB)" 2 \
    --content "$tmp/big"

: >"$tmp/a-file"
gk build --content "$FIXTURE" --out "$tmp/a-file" --cache-dir "$tmp/cache"
if [ $rc -eq 2 ] && [ -f "$tmp/a-file" ] && [ ! -s "$tmp/a-file" ] &&
    no_temp "$tmp/a-file"; then
	ok "--out naming an existing regular file: exit 2, the file untouched"
else
	fail "--out naming an existing regular file: exit 2, the file untouched" \
	    "exit status $rc" "$(ls -la "$tmp" | grep a-file)"
fi
gk build --content "$FIXTURE" --out "$tmp/missing/site" --cache-dir "$tmp/cache"
if [ $rc -eq 2 ] && [ ! -e "$tmp/missing" ]; then
	ok "--out in a folder that does not exist: exit 2, nothing created"
else
	fail "--out in a folder that does not exist: exit 2, nothing created" \
	    "exit status $rc"
fi
gk build --content "$tmp/bad-content" --out "$tmp/never" --cache-dir "$tmp/cache"
if [ $rc -eq 1 ] && [ ! -e "$tmp/never" ] && no_temp "$tmp/never"; then
	ok "a failed first build creates no site and no temporary directory"
else
	fail "a failed first build creates no site and no temporary directory" \
	    "exit status $rc" "$(ls -a "$tmp")"
fi

# ---------------------------------------------------------------- stale temporary directories

sh -c 'exit 0' &
dead=$!
wait $dead
if kill -0 "$dead" 2>/dev/null; then
	echo "skip - $T: stale temporary directory removed: pid $dead reused"
else
	mkdir -p "$tmp/pub/.site.tmp-$dead/plans" "$tmp/pub/.site.tmp-$$" \
	    "$tmp/pub/.other.tmp-$dead"
	printf 'half\n' >"$tmp/pub/.site.tmp-$dead/plans/half.html"
	gk build --content "$FIXTURE" --out "$site" --cache-dir "$tmp/cache"
	if [ $rc -eq 0 ] && [ ! -e "$tmp/pub/.site.tmp-$dead" ]; then
		ok "a killed build's .site.tmp-<pid> is removed by the next build"
	else
		fail "a killed build's .site.tmp-<pid> is removed by the next build" \
		    "exit status $rc" "$(ls -a "$tmp/pub")"
	fi
	if [ -d "$tmp/pub/.site.tmp-$$" ] && [ -d "$tmp/pub/.other.tmp-$dead" ]
	then
		ok "a running build's temporary directory and other sites' are kept"
	else
		fail "a running build's temporary directory and other sites' are kept" \
		    "$(ls -a "$tmp/pub")"
	fi
	rm -rf "$tmp/pub/.site.tmp-$$" "$tmp/pub/.other.tmp-$dead"
	if same "$tmp/one" "$site"; then
		ok "a successful build replaces the whole site (stale files gone)"
	else
		fail "a successful build replaces the whole site (stale files gone)" \
		    "$(cat "$tmp/diff")"
	fi
fi

# ---------------------------------------------------------------- themes

# The theme overrides templates/404.mustache and static/assets/style.css,
# and adds static/assets/extra.txt; every other file must stay the same.
gk build --content "$FIXTURE" --out "$tmp/themed" --theme "$THEME" \
    --cache-dir "$tmp/cache"
diff -r "$tmp/one" "$tmp/themed" >"$tmp/diff" 2>&1
got=$(sed -n -e 's|^diff -r [^ ]*/one/\([^ ]*\) .*|\1|p' \
    -e "s|^Only in $tmp/themed/\\(.*\\): \\(.*\\)|+\\1/\\2|p" \
    -e "s|^Only in $tmp/one/*\\(.*\\): \\(.*\\)|-\\1/\\2|p" "$tmp/diff" |
    sort | tr '\n' ' ')
want="+assets/extra.txt 404.html assets/style.css "
if [ $rc -eq 0 ] && [ "$got" = "$want" ]; then
	ok "--theme DIR changes exactly the overridden template's page and static file"
else
	fail "--theme DIR changes exactly the overridden template's page and static file" \
	    "exit status $rc" "changed: $got" "expected: $want" "$(cat "$tmp/e")"
fi
if cmp -s "$THEME/static/assets/style.css" "$tmp/themed/assets/style.css" &&
    grep -q '<h1>示例主题的404页面</h1>' "$tmp/themed/404.html"; then
	ok "--theme: the overriding files are used as they are"
else
	fail "--theme: the overriding files are used as they are" \
	    "$(head -5 "$tmp/themed/404.html")"
fi

# Copies outside any git repository, so that both sides have no history.
cp -R "$FIXTURE" "$tmp/no-theme"
cp -R "$FIXTURE" "$tmp/with-theme"
cp -R "$THEME" "$tmp/with-theme/mytheme"
printf 'theme: "mytheme"\n' >>"$tmp/with-theme/site.yaml"
gk build --content "$tmp/no-theme" --out "$tmp/plain1" --cache-dir "$tmp/cache"
gk build --content "$tmp/no-theme" --out "$tmp/themed1" --theme "$THEME" \
    --cache-dir "$tmp/cache"
gk build --content "$tmp/with-theme" --out "$tmp/themed2" \
    --cache-dir "$tmp/cache"
if [ $rc -eq 0 ] && same "$tmp/themed1" "$tmp/themed2"; then
	ok "theme: in site.yaml (relative to the content) does the same as --theme"
else
	fail "theme: in site.yaml (relative to the content) does the same as --theme" \
	    "exit status $rc" "$(cat "$tmp/e" "$tmp/diff")"
fi
for bad in ../no-theme missing-theme; do
	cp -R "$FIXTURE" "$tmp/bad-theme"
	printf 'theme: "%s"\n' "$bad" >>"$tmp/bad-theme/site.yaml"
	gk build --content "$tmp/bad-theme" --out "$tmp/bad-theme-site" \
	    --cache-dir "$tmp/cache"
	if [ $rc -eq 1 ] && grep -q 'site.yaml:[0-9]*:[0-9]*: error: ' "$tmp/e" &&
	    [ ! -e "$tmp/bad-theme-site" ]; then
		ok "theme: \"$bad\" in site.yaml is a content error, nothing written"
	else
		fail "theme: \"$bad\" in site.yaml is a content error, nothing written" \
		    "exit status $rc" "$(cat "$tmp/e")"
	fi
	rm -rf "$tmp/bad-theme" "$tmp/bad-theme-site"
done
mkdir "$tmp/theme-empty"
gk build --content "$tmp/with-theme" --out "$tmp/themed3" \
    --theme "$tmp/theme-empty" --cache-dir "$tmp/cache"
if [ $rc -eq 0 ] && same "$tmp/plain1" "$tmp/themed3"; then
	ok "--theme overrides theme: in site.yaml"
else
	fail "--theme overrides theme: in site.yaml" "exit status $rc" \
	    "$(cat "$tmp/e" "$tmp/diff")"
fi

# A theme's static file at a path the generator writes too (robots.txt):
# the generated one wins, on a first build as on later ones.
cp -R "$THEME" "$tmp/theme-robots"
echo "User-agent: nobody" >"$tmp/theme-robots/static/robots.txt"
for run in first second; do
	gk build --content "$FIXTURE" --out "$tmp/robots" \
	    --theme "$tmp/theme-robots" --cache-dir "$tmp/cache-robots"
	if [ $rc -eq 0 ] && grep -q '^Sitemap: ' "$tmp/robots/robots.txt"; then
		ok "a theme's static robots.txt ($run build): the generated one wins"
	else
		fail "a theme's static robots.txt ($run build): the generated one wins" \
		    "exit status $rc" "$(cat "$tmp/e" "$tmp/robots/robots.txt")"
	fi
done

[ $failures -eq 0 ]
