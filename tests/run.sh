#!/bin/sh
# Runs every test: unit programs and end-to-end scripts, first plain, then
# under ASan+UBSan.  Each prints "ok - …", "not ok - …" or "skip - …";
# this script prints the failures and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
export TZ=UTC LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export GONGKAI_ROOT="$PWD"
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
# Builds without --cache-dir keep their caches here, not in the project's
# .cache/gongkai (tests that check the default unset it).
export GONGKAI_CACHE_DIR="$log/cache"

run() {		# run NAME COMMAND... ; appends its report to the log
	name=$1; shift
	out="$log/$(echo "$name" | tr '/' '_').out"
	"$@" >"$out" 2>"$out.err"
	status=$?
	if [ $status -ne 0 ] && ! grep -q '^not ok' "$out"; then
		echo "not ok - $name exited with status $status" >>"$out"
	fi
	sed "s|^|$name: |" "$out" >>"$log/all"
	if grep -q '^not ok' "$out"; then
		grep '^not ok\|^#' "$out" | sed "s|^|$name: |"
		sed -n '1,40p' "$out.err" | sed "s|^|$name: stderr: |"
	fi
}

for variant in plain asan; do
	if [ $variant = plain ]; then
		dir=build/tests; export GONGKAI="$PWD/build/gongkai"
	else
		dir=build/asan/tests; export GONGKAI="$PWD/build/asan/gongkai"
	fi
	for t in "$dir"/*; do
		[ -x "$t" ] && run "$variant/$(basename "$t")" "$t"
	done
	for t in tests/e2e/*.sh; do
		[ -f "$t" ] && run "$variant/$(basename "$t" .sh)" sh "$t"
	done
done

touch "$log/all"
grep ': skip - ' "$log/all" | sort -u
passed=$(grep -c ': ok - ' "$log/all")
failed=$(grep -c ': not ok - ' "$log/all")
skipped=$(grep -c ': skip - ' "$log/all")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
