#!/bin/sh
# Validation: one negative test per rule of the content format.
#
# Each case copies the valid fixture (tests/fixtures/valid) to a temporary
# directory, applies ONE mutation (overwrites, adds or removes a file), runs
# `$GONGKAI check --content DIR` and asserts that
#   - the exit status is 1,
#   - stderr holds the exact line `DIR/<path>:<line>:<col>: error: <message>`,
#   - the number of error lines is as expected (usually 1: nothing else is
#     an error), the summary line agrees and nothing is printed on stdout,
#   - no ASan/LSan/UBSan report appears.
# Then: several errors in one run, `gongkai build` on invalid content
# (writes nothing), and the usage errors that exit with status 2.
#
# GONGKAI is the binary under test (plain or ASan build); the working
# directory is the project root.  Prints "ok - validation: <rule>" or
# "not ok - validation: <rule>" (with "# " lines) per case; exits non-zero
# when any case failed.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
GONGKAI=${GONGKAI:-$root/build/gongkai}
FIXTURE=$root/tests/fixtures/valid
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
export SOURCE_DATE_EPOCH

if [ ! -x "$GONGKAI" ]; then
	echo "not ok - validation: $GONGKAI is not an executable"
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

D=$tmp/content		# the mutated copy; messages start with "$D/"
OUT=$tmp/out		# stdout of the last run
ERR=$tmp/err		# stderr of the last run
failures=0
status=0
why=

# ---------------------------------------------------------------- helpers

fresh() {		# a new copy of the valid fixture in $D
	rm -rf "$D" && mkdir "$D" && cp -R "$FIXTURE/." "$D/"
}

put() {			# put REL: overwrites or adds $D/REL with stdin
	mkdir -p "$(dirname "$D/$1")" && cat >"$D/$1"
}

chars() {		# chars N C: prints the ASCII character C N times
	awk -v n="$1" -v c="$2" 'BEGIN { s = c
		while (length(s) < n) s = s s
		printf "%s", substr(s, 1, n) }'
}

check() {		# runs `gongkai check` on $D
	"$GONGKAI" check --content "$D" >"$OUT" 2>"$ERR"
	status=$?
}

fail() {		# fail TEXT: records why the case failed
	why="$why$(printf '%s\n' "$*" | sed 's/^/# /')
"
}

sanitizer_clean() {
	if grep -q 'Sanitizer\|runtime error:' "$ERR"; then
		fail "a sanitizer report was printed"
	fi
}

has_line() {		# has_line LINE: stderr holds exactly this line
	awk -v want="$1" '$0 == want { found = 1 } END { exit !found }' "$ERR"
}

has_prefix() {		# has_prefix TEXT: a line of stderr starts with TEXT
	awk -v want="$1" 'index($0, want) == 1 { found = 1 }
	    END { exit !found }' "$ERR"
}

errors() { grep -c ': error: ' "$ERR"; }

report() {		# report NAME: prints ok / not ok for the checks so far
	if [ -z "$why" ]; then
		echo "ok - validation: $1"
	else
		echo "not ok - validation: $1"
		printf '%s' "$why"
		echo "# exit status: $status"
		echo "# got stderr:"
		sed 's/^/#   /' "$ERR" | head -n 40
		failures=$((failures + 1))
	fi
	why=
}

# expect_errors COUNT LINE...: checks the last run: status 1, each LINE
# ("<path>:<line>:<col>: error: <message>", relative to $D) present,
# COUNT error lines in all (or '-' not to count) and a summary that agrees.
expect_errors() {
	count=$1; shift
	[ "$status" -eq 1 ] || fail "expected exit status 1, got $status"
	for line in "$@"; do
		has_line "$D/$line" || fail "missing line: $D/$line"
	done
	if [ "$count" != - ]; then
		n=$(errors)
		[ "$n" -eq "$count" ] ||
		    fail "expected $count error line(s), got $n"
		if [ "$count" -eq 1 ]; then
			summary="gongkai: 1 error, nothing written"
		else
			summary="gongkai: $count errors, nothing written"
		fi
		has_line "$summary" || fail "missing summary: $summary"
	fi
	[ ! -s "$OUT" ] || fail "stdout is not empty: $(head -n 3 "$OUT")"
	sanitizer_clean
}

# case_error NAME LINE: runs check on $D and expects LINE as its only error.
case_error() {
	check
	expect_errors 1 "$2"
	report "$1"
}

# case_errors NAME COUNT LINE...: the same with COUNT errors (or '-').
case_errors() {
	name=$1; shift
	check
	expect_errors "$@"
	report "$name"
}

# case_valid NAME: runs check on $D and expects success.
case_valid() {
	check
	[ "$status" -eq 0 ] || fail "expected exit status 0, got $status"
	[ "$(errors)" -eq 0 ] || fail "errors were printed"
	sanitizer_clean
	report "$1"
}

# Task cases mutate plans/city/tasks/02.md, which no report refers to (a
# broken task also makes its progress folder an error; see the report).
city_task_02() {	# prints the valid plans/city/tasks/02.md
	cat <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
section: "s2"
lead:
  - "示例市政务服务局"
deadline: "ongoing"
---

持续优化办理流程。
EOF
}

# ------------------------------------------------------- the valid fixture

fresh
case_valid "the valid fixture passes check"

# Builds read from copies in $tmp: the fixture itself is inside the
# project's git repository, whose history the build would read and cache.
fresh
"$GONGKAI" build --content "$D" --out "$tmp/site" >"$OUT" 2>"$ERR"
status=$?
[ "$status" -eq 0 ] || fail "build exited with status $status"
[ -f "$tmp/site/index.html" ] || fail "build wrote no index.html"
sanitizer_clean
report "the valid fixture builds"
rm -rf "$tmp/site"

# ------------------------------------------------------------ unknown keys

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
dealine: "ongoing"
---
EOF
case_error "unknown key with a did-you-mean hint" \
    "plans/city/tasks/02.md:4:1: error: unknown key 'dealine' in task (did you mean 'deadline'?)"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
responsible: ["示例市政务服务局"]
---
EOF
case_error "unknown key without a hint" \
    "plans/city/tasks/02.md:4:1: error: unknown key 'responsible' in task"

fresh
put site.yaml <<'EOF'
title: "示例市"
base_url: "https://example.org/"
langauge: "zh-CN"
EOF
case_error "unknown key in site.yaml" \
    "site.yaml:3:1: error: unknown key 'langauge' in site.yaml (did you mean 'language'?)"

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
    titel: "主要措施"
---
EOF
case_error "unknown key in a section" \
    "plans/district/plan.md:11:5: error: unknown key 'titel' in section (did you mean 'title'?)"

# ------------------------------------------------------------ wrong types

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: ["压缩示例事项办理时限"]
---
EOF
case_error "wrong type: a list where text is expected" \
    "plans/city/tasks/02.md:3:8: error: 'title' must be text, not a list"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
lead: "示例市政务服务局"
---
EOF
case_error "wrong type: text where a list is expected" \
    "plans/city/tasks/02.md:4:7: error: 'lead' must be a list, e.g. lead: [\"…\"]"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
lead: ["示例市政务服务局", ["示例区"]]
---
EOF
case_error "wrong type: a list inside a list of units" \
    "plans/city/tasks/02.md:4:20: error: each item of 'lead' must be text"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 第二
title: "压缩示例事项办理时限"
---
EOF
case_error "wrong type: text where a number is expected" \
    "plans/city/tasks/02.md:2:9: error: 'number' must be a whole number, not '第二'"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2.5
title: "压缩示例事项办理时限"
---
EOF
case_error "wrong type: a fraction where a whole number is expected" \
    "plans/city/tasks/02.md:2:9: error: 'number' must be a whole number, not '2.5'"

fresh
put plans/district/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
status: "in_progress"
percent: "30"
---
EOF
case_error "wrong type: a quoted number for percent" \
    "plans/district/progress/01/2024-06-30.md:4:10: error: 'percent' must be a number, not '30'"

fresh
put plans/city/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
status: "in_progress"
values:
  parks: 六
---
EOF
case_error "wrong type: text as a measured value" \
    "plans/city/progress/01/2024-06-30.md:5:10: error: 'value' must be a number, not '六'"

fresh
put plans/city/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
status: "in_progress"
values: ["parks", 6]
---
EOF
case_error "wrong type: values that are not a map" \
    "plans/city/progress/01/2024-06-30.md:4:9: error: 'values' must be a map of indicator id: number"

fresh
put plans/city/tasks/02.md <<'EOF'
---
- number: 2
- title: "压缩示例事项办理时限"
---
EOF
case_error "wrong type: front matter that is a list" \
    "plans/city/tasks/02.md:2:1: error: task must be a map of 'key: value' lines"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: ""
---
EOF
case_error "empty text" \
    "plans/city/tasks/02.md:3:8: error: 'title' is empty"

# --------------------------------------------------------- dates, deadlines

for date in 2024-02-30 2024-13-01 24-01-01 2023-02-29 2024-1-5 "2024-03-01T00:00"; do
	fresh
	put plans/district/plan.md <<EOF
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "$date"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
---
EOF
	case_error "bad date $date" \
	    "plans/district/plan.md:5:9: error: '$date' is not a valid date: use YYYY-MM-DD"
done

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-02-29"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
---
EOF
case_valid "a leap day is a valid date"

for deadline in 2025-Q4 2025-13 2025-12-32 2025-6 "年底前" "Ongoing"; do
	fresh
	put plans/city/tasks/02.md <<EOF
---
number: 2
title: "压缩示例事项办理时限"
deadline: "$deadline"
---
EOF
	case_error "bad deadline $deadline" \
	    "plans/city/tasks/02.md:4:11: error: '$deadline' is not a valid deadline: use YYYY-MM-DD, YYYY-MM, YYYY or ongoing"
done

fresh
put plans/city/plan.md <<'EOF'
---
title: "示例市实施方案"
region: "示例市"
issuer: "示例市人民政府"
issued: "2024-01-15"
disclosure: "public"
indicators:
  - id: "parks"
    name: "示例公园数量"
    unit: "个"
    target: 10
    direction: "at_least"
    deadline: "2025-12-31-1"
---
EOF
case_error "bad indicator deadline" \
    "plans/city/plan.md:13:15: error: '2025-12-31-1' is not a valid deadline: use YYYY-MM-DD, YYYY-MM, YYYY or ongoing"

# -------------------------------------------------------------------- ids

fresh
put plans/Town/plan.md <<'EOF'
---
title: "示例镇工作方案"
region: "示例镇"
issuer: "示例镇人民政府"
issued: "2024-04-01"
disclosure: "public"
---
EOF
case_error "bad id: plan folder name with uppercase" \
    "plans/Town:1:1: error: 'Town' is not a valid plan id: use lowercase letters, digits and '-'"

long=$(chars 65 a)
fresh
put "plans/$long/plan.md" <<'EOF'
---
title: "示例镇工作方案"
region: "示例镇"
issuer: "示例镇人民政府"
issued: "2024-04-01"
disclosure: "public"
---
EOF
case_error "bad id: plan folder name of 65 characters" \
    "plans/$long:1:1: error: '$long' is not a valid plan id: use lowercase letters, digits and '-'"

long=$(chars 64 a)
fresh
put "plans/$long/plan.md" <<'EOF'
---
title: "示例镇工作方案"
region: "示例镇"
issuer: "示例镇人民政府"
issued: "2024-04-01"
disclosure: "public"
---
EOF
case_valid "a plan folder name of 64 characters is a valid id"

fresh
city_task_02 | sed 's/^number: 2$/number: 3/' | put plans/city/tasks/Task_3.md
case_error "bad id: task file name" \
    "plans/city/tasks/Task_3.md:1:1: error: 'Task_3' is not a valid task id: use lowercase letters, digits and '-'"

fresh
city_task_02 | sed 's/^number: 2$/number: 3/' | put plans/city/tasks/-03.md
case_error "bad id: task file name starting with '-'" \
    "plans/city/tasks/-03.md:1:1: error: '-03' is not a valid task id: use lowercase letters, digits and '-'"

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "public"
parent: "city"
sections:
  - id: "Main Section"
    title: "主要措施"
---
EOF
case_error "bad id: section id" \
    "plans/district/plan.md:9:9: error: 'Main Section' is not a valid id: use 1–64 lowercase letters, digits and '-', starting with a letter or digit"

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
indicators:
  - id: "公园"
    name: "示例公园数量"
    unit: "个"
    target: 3
    direction: "at_least"
---
EOF
case_error "bad id: indicator id" \
    "plans/district/plan.md:12:9: error: '公园' is not a valid id: use 1–64 lowercase letters, digits and '-', starting with a letter or digit"

# ------------------------------------------------------------ enumerations

fresh
put plans/district/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
status: "started"
---
EOF
case_error "enum outside the list: status" \
    "plans/district/progress/01/2024-06-30.md:3:9: error: 'started' is not a valid status: use one of not_started, in_progress, completed, delayed"

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "公开"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
---
EOF
case_error "enum outside the list: disclosure" \
    "plans/district/plan.md:6:13: error: '公开' is not a valid disclosure: use one of public, internal"

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
indicators:
  - id: "parks"
    name: "示例公园数量"
    unit: "个"
    target: 3
    direction: "more"
---
EOF
case_error "enum outside the list: direction" \
    "plans/district/plan.md:16:16: error: 'more' is not a valid direction: use one of at_least, at_most"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
disclosure: ["internal"]
---
EOF
case_error "enum given as a list" \
    "plans/city/tasks/02.md:4:13: error: 'disclosure' must be one word, not a list"

# ---------------------------------------------------------------- percent

for percent in 101 -1 100.5; do
	fresh
	put plans/district/progress/01/2024-06-30.md <<EOF
---
date: "2024-06-30"
status: "in_progress"
percent: $percent
---
EOF
	case_error "percent outside 0-100: $percent" \
	    "plans/district/progress/01/2024-06-30.md:4:10: error: 'percent' must be between 0 and 100, not $percent"
done

fresh
put plans/district/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
status: "not_started"
percent: 0
---
EOF
case_valid "percent 0 is accepted"

# ---------------------------------------------------------------- reports

fresh
put plans/district/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-07-01"
status: "in_progress"
---
EOF
case_error "report date differs from its file name" \
    "plans/district/progress/01/2024-06-30.md:1:1: error: the report's date differs from its file name '2024-06-30.md'"

for name in 2024-6-30 2024-06-31 2024-06-30-0 2024-06-30-01 2024-06-30-1000 \
    2024-06-30_2 progress; do
	fresh
	put "plans/district/progress/01/$name.md" <<'EOF'
---
date: "2024-06-30"
status: "in_progress"
---
EOF
	case_error "bad report file name $name.md" \
	    "plans/district/progress/01/$name.md:1:1: error: '$name.md' is not a valid report file name: use YYYY-MM-DD.md or YYYY-MM-DD-N.md"
done

fresh
put plans/district/progress/01/2024-06-30-3.md <<'EOF'
---
date: "2024-06-30"
status: "in_progress"
---
EOF
case_valid "a third report of the same day (-3) is accepted"

# ------------------------------------------------------ cross-references

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 1
title: "压缩示例事项办理时限"
---
EOF
case_error "duplicate task numbers" \
    "plans/city/tasks/02.md:2:1: error: task number 1 is already used by plans/city/tasks/01.md"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
section: "s9"
---
EOF
case_error "dangling section" \
    "plans/city/tasks/02.md:4:1: error: section 's9' is not among the plan's sections"

fresh
put plans/town/plan.md <<'EOF'
---
title: "示例镇工作方案"
region: "示例镇"
issuer: "示例镇人民政府"
issued: "2024-04-01"
disclosure: "public"
parent: "county"
---
EOF
case_error "dangling parent" \
    "plans/town/plan.md:7:1: error: parent plan 'county' does not exist"

# The district's tasks implement city tasks: a broken parent also makes
# their 'implements' fail (see the report), so the count is not checked.
fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "public"
parent: "province"
sections:
  - id: "main"
    title: "主要措施"
---
EOF
case_errors "dangling parent of a plan whose tasks implement" - \
    "plans/district/plan.md:7:1: error: parent plan 'province' does not exist"

fresh
put plans/town/plan.md <<'EOF'
---
title: "示例镇工作方案"
region: "示例镇"
issuer: "示例镇人民政府"
issued: "2024-04-01"
disclosure: "public"
parent: "town"
---
EOF
case_error "parent cycle: a plan is its own parent" \
    "plans/town/plan.md:7:1: error: plan 'town' is its own ancestor through 'parent'"

fresh
put plans/city/plan.md <<'EOF'
---
title: "示例市实施方案"
region: "示例市"
issuer: "示例市人民政府"
issued: "2024-01-15"
disclosure: "public"
parent: "district"
sections:
  - id: "s1"
    title: "一、夯实基础"
  - id: "s2"
    title: "二、提升质量"
indicators:
  - id: "parks"
    name: "示例公园数量"
    unit: "个"
    target: 10
    direction: "at_least"
    task: "01"
---
EOF
case_errors "parent cycle: city -> district -> city" - \
    "plans/district/plan.md:7:1: error: plan 'district' is its own ancestor through 'parent'"

fresh
put plans/district/tasks/02.md <<'EOF'
---
number: 2
title: "示例区政务服务窗口改造"
implements: ["city/09"]
---
EOF
case_error "dangling implements" \
    "plans/district/tasks/02.md:4:1: error: 'city/09' does not exist"

fresh
put plans/district/tasks/02.md <<'EOF'
---
number: 2
title: "示例区政务服务窗口改造"
implements: ["district/01"]
---
EOF
case_error "implements a task that is not in the parent plan" \
    "plans/district/tasks/02.md:4:1: error: 'district/01' is not a task of this plan's parent city"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
implements: ["district/01"]
---
EOF
case_error "implements in a plan without a parent" \
    "plans/city/tasks/02.md:4:1: error: 'district/01' is not a task of this plan's parent (the plan has none)"

fresh
put plans/district/tasks/02.md <<'EOF'
---
number: 2
title: "示例区政务服务窗口改造"
implements: ["02"]
---
EOF
case_error "implements without <plan>/" \
    "plans/district/tasks/02.md:4:1: error: '02' is not a task reference: use <plan>/<task>"

fresh
put plans/city/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
status: "in_progress"
values:
  parks: 6
  trees: 100
---
EOF
case_error "indicator id in values that does not exist" \
    "plans/city/progress/01/2024-06-30.md:6:3: error: indicator 'trees' is not among the plan's indicators"

fresh
put plans/district/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
status: "in_progress"
values:
  parks: 1
---
EOF
case_error "values in a plan without indicators" \
    "plans/district/progress/01/2024-06-30.md:5:3: error: indicator 'parks' is not among the plan's indicators"

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
indicators:
  - id: "parks"
    name: "示例公园数量"
    unit: "个"
    target: 3
    direction: "at_least"
    task: "07"
---
EOF
case_error "indicator task that does not exist" \
    "plans/district/plan.md:12:5: error: indicator 'parks' names task '07', which the plan does not have"

fresh
put plans/city/progress/07/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
status: "in_progress"
---
EOF
case_error "progress for a task that does not exist" \
    "plans/city/progress/07:1:1: error: progress for task '07', which plan 'city' does not have"

# ------------------------------------------------------ required keys

fresh
put site.yaml <<'EOF'
base_url: "https://example.org/gongkai"
language: "zh-CN"
EOF
case_error "missing required key: site.yaml title" \
    "site.yaml:1:1: error: missing required key 'title' in site.yaml"

fresh
put site.yaml <<'EOF'
title: "示例市"
EOF
case_error "missing required key: site.yaml base_url" \
    "site.yaml:1:1: error: missing required key 'base_url' in site.yaml"

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issued: "2024-03-01"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
---
EOF
case_error "missing required key: plan issuer" \
    "plans/district/plan.md:2:1: error: missing required key 'issuer' in plan"

fresh
put plans/city/tasks/02.md <<'EOF'
---
title: "压缩示例事项办理时限"
section: "s2"
---
EOF
case_error "missing required key: task number" \
    "plans/city/tasks/02.md:2:1: error: missing required key 'number' in task"

fresh
put plans/district/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
percent: 30
---
EOF
case_error "missing required key: report status" \
    "plans/district/progress/01/2024-06-30.md:2:1: error: missing required key 'status' in progress report"

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
indicators:
  - id: "parks"
    name: "示例公园数量"
    unit: "个"
    direction: "at_least"
---
EOF
case_error "missing required key: indicator target" \
    "plans/district/plan.md:12:5: error: missing required key 'target' in indicator"

fresh
put plans/city/tasks/02.md <<'EOF'
---
---
EOF
case_errors "missing required keys: empty front matter" 2 \
    "plans/city/tasks/02.md:2:1: error: missing required key 'number' in task" \
    "plans/city/tasks/02.md:2:1: error: missing required key 'title' in task"

fresh
rm "$D/site.yaml"
case_error "missing site.yaml" \
    "site.yaml:1:1: error: cannot read: no such file"

fresh
put plans/town/tasks/01.md <<'EOF'
---
number: 1
title: "示例镇任务"
---
EOF
case_error "plan folder without plan.md" \
    "plans/town/plan.md:1:1: error: cannot read: no such file"

# ----------------------------------------------------------- front matter

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"

持续优化办理流程。
EOF
case_error "unclosed front matter" \
    "plans/city/tasks/02.md:1:1: error: front matter is not closed: add a line '---' after it"

fresh
put plans/city/tasks/02.md <<'EOF'
number: 2
title: "压缩示例事项办理时限"
---

持续优化办理流程。
EOF
case_error "missing front matter" \
    "plans/city/tasks/02.md:1:1: error: missing front matter: the file must start with a line '---'"

fresh
: | put plans/city/tasks/02.md
case_error "empty file" \
    "plans/city/tasks/02.md:1:1: error: missing front matter: the file must start with a line '---'"

fresh
printf '\357\273\277---\nnumber: 2\ntitle: "x"\n---\n' |
    put plans/city/tasks/02.md
case_error "a byte-order mark" \
    "plans/city/tasks/02.md:1:1: error: the file starts with a byte-order mark; save it as UTF-8 without BOM"

# A BOM in site.yaml is refused, though with a libyaml message (see the
# report): only the file and the count are checked.
fresh
printf '\357\273\277title: "x"\nbase_url: "https://example.org/"\n' |
    put site.yaml
check
expect_errors 1
has_prefix "$D/site.yaml:" || fail "no error in site.yaml"
report "a byte-order mark in site.yaml"

# ----------------------------------------------------------------- UTF-8

fresh
printf -- '---\nnumber: 2\ntitle: "示例\377"\n---\n' | put plans/city/tasks/02.md
case_error "invalid UTF-8 in front matter (byte 0xff after CJK)" \
    "plans/city/tasks/02.md:3:11: error: invalid UTF-8 (byte 0xff): save the file as UTF-8"

fresh
printf -- '---\nnumber: 2\ntitle: "x"\n---\n\n示例 \300\200\n' |
    put plans/city/tasks/02.md
case_error "invalid UTF-8 in the body (overlong C0 80)" \
    "plans/city/tasks/02.md:6:4: error: invalid UTF-8 (byte 0xc0): save the file as UTF-8"

fresh
printf -- '---\nnumber: 2\ntitle: "\355\240\200"\n---\n' |
    put plans/city/tasks/02.md
case_error "invalid UTF-8: an encoded surrogate" \
    "plans/city/tasks/02.md:3:9: error: invalid UTF-8 (byte 0xed): save the file as UTF-8"

fresh
printf -- '---\nnumber: 2\ntitle: "x"\n---\n\n示例\n末尾\344\270' |
    put plans/city/tasks/02.md
case_error "invalid UTF-8: a sequence cut at the end of the file" \
    "plans/city/tasks/02.md:7:3: error: invalid UTF-8 (byte 0xe4): save the file as UTF-8"

fresh
printf 'title: "示例市\351"\nbase_url: "https://example.org/"\n' | put site.yaml
case_error "invalid UTF-8 in site.yaml (Latin-1)" \
    "site.yaml:1:12: error: invalid UTF-8 (byte 0xe9): save the file as UTF-8"

fresh
printf -- '---\nnumber: 2\ntitle: "x"\n---\n\nab\000c\n' | put plans/city/tasks/02.md
case_error "a NUL byte in a file" \
    "plans/city/tasks/02.md:1:1: error: file contains a NUL byte"

# -------------------------------------------------------------- YAML rules

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: &t "压缩示例事项办理时限"
---
EOF
case_error "YAML anchors refused" \
    "plans/city/tasks/02.md:3:8: error: YAML anchors are not allowed in content"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
lead: ["示例市政务服务局"]
support: *units
---
EOF
case_error "YAML aliases refused" \
    "plans/city/tasks/02.md:5:10: error: YAML aliases are not allowed in content"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: !!int 2
title: "压缩示例事项办理时限"
---
EOF
case_error "YAML tags refused (!!int)" \
    "plans/city/tasks/02.md:2:9: error: YAML tags are not allowed in content"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
lead: !units ["示例市政务服务局"]
---
EOF
case_error "YAML tags refused (local tag on a list)" \
    "plans/city/tasks/02.md:4:7: error: YAML tags are not allowed in content"

# Nesting: the root map is level 1, so 15 brackets are at the cap (the
# schema refuses the value) and the 16th bracket (column 22) is too deep.
fresh
{ printf -- '---\nnumber: 2\ntitle: "x"\nlead: '; chars 15 '['; chars 15 ']'
  printf '\n---\n'; } | put plans/city/tasks/02.md
case_error "nesting at the cap is parsed" \
    "plans/city/tasks/02.md:4:8: error: each item of 'lead' must be text"

fresh
{ printf -- '---\nnumber: 2\ntitle: "x"\nlead: '; chars 16 '['; chars 16 ']'
  printf '\n---\n'; } | put plans/city/tasks/02.md
case_error "nesting deeper than the cap" \
    "plans/city/tasks/02.md:4:22: error: nesting is too deep"

fresh
{ printf -- '---\nnumber: 2\ntitle: "x"\nlead: '; chars 100000 '['
  printf '\n---\n'; } | put plans/city/tasks/02.md
case_error "nesting 100000 levels deep" \
    "plans/city/tasks/02.md:4:22: error: nesting is too deep"

fresh
{ printf 'title: "x"\nbase_url: "https://example.org/"\nfooter: '
  chars 20 '['; chars 20 ']'; echo; } | put site.yaml
case_error "nesting deeper than the cap in site.yaml" \
    "site.yaml:3:24: error: nesting is too deep"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
deadline:
---
EOF
case_error "a key with no value" \
    "plans/city/tasks/02.md:4:1: error: 'deadline' has no value (give one or remove the line)"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
deadline: null
---
EOF
case_error "a key with the value null" \
    "plans/city/tasks/02.md:4:1: error: 'deadline' has no value (give one or remove the line)"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
deadline: "2025"
title: "另一个标题"
---
EOF
case_error "duplicate keys" \
    "plans/city/tasks/02.md:5:1: error: duplicate key 'title'"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
? [lead]
: ["示例市政务服务局"]
---
EOF
# The column is that of the key's end, not its start (see the report).
check
expect_errors 1
has_prefix "$D/plans/city/tasks/02.md:4:" || fail "no error on line 4"
grep -q ': error: a key must be plain text$' "$ERR" || fail "wrong message"
report "a key that is not text"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限
---
EOF
case_error "YAML syntax error: unclosed quote" \
    "plans/city/tasks/02.md:4:1: error: found unexpected end of stream"

fresh
put site.yaml <<'EOF'
title: "示例市"
base_url: "https://example.org/"
---
title: "另一个"
EOF
case_error "two YAML documents in site.yaml" \
    "site.yaml:3:1: error: only one YAML document is allowed here"

# ------------------------------------------------------------ size caps

fresh	# 22 + 262094 + 6 = 262144 bytes: exactly 256 KiB
{ printf -- '---\nnumber: 2\ntitle: "'; chars 262116 a; printf '"\n---\n'; } |
    put plans/city/tasks/02.md
case_valid "a file of exactly 256 KiB is accepted"

fresh
{ printf -- '---\nnumber: 2\ntitle: "'; chars 262117 a; printf '"\n---\n'; } |
    put plans/city/tasks/02.md
case_error "a file over the size cap (256 KiB)" \
    "plans/city/tasks/02.md:1:1: error: file is larger than 256 KiB"

fresh
{ printf 'title: "x"\nbase_url: "https://example.org/"\n# '
  chars 70000 a; echo; } | put site.yaml
case_error "site.yaml over its size cap (64 KiB)" \
    "site.yaml:1:1: error: file is larger than 64 KiB"

fresh
{ printf -- '---\nnumber: 2\ntitle: "x"\n---\n'; chars 100000 a; } |
    put plans/city/tasks/02.md
case_valid "a body of exactly 100000 bytes is accepted"

fresh
{ printf -- '---\nnumber: 2\ntitle: "x"\n---\n'; chars 100001 a; } |
    put plans/city/tasks/02.md
case_error "a body over the body cap (100000 bytes)" \
    "plans/city/tasks/02.md:5:1: error: the text after the front matter is longer than 100000 bytes; split it"

# ------------------------------------------------- links and special files

# The outside files would be errors if they were read: a symbolic link
# that were followed would add errors.
mkdir -p "$tmp/outside/plan"
printf 'OUTSIDE-MARKER: not front matter\n' >"$tmp/outside/task.md"
printf 'OUTSIDE-MARKER\n' >"$tmp/outside/plan/plan.md"

fresh
ln -s "$tmp/outside/task.md" "$D/plans/city/tasks/03.md"
check
expect_errors 1 \
    "plans/city/tasks/03.md:1:1: error: symbolic links are not allowed in content"
grep -q OUTSIDE-MARKER "$ERR" && fail "the link was followed"
report "a symlink to a file outside the tree is refused, not followed"

fresh
ln -s ../city/tasks/01.md "$D/plans/district/tasks/03.md"
case_error "a symlink to a file inside the tree" \
    "plans/district/tasks/03.md:1:1: error: symbolic links are not allowed in content"

fresh
ln -s "$tmp/outside/plan" "$D/plans/town"
case_error "a symlink to a plan folder outside the tree" \
    "plans/town:1:1: error: symbolic links are not allowed in content"

fresh
ln -s "$tmp/outside" "$D/plans/city/files"
case_error "a symlink as the attachments folder" \
    "plans/city/files:1:1: error: symbolic links are not allowed in content"

fresh
mkdir -p "$D/plans/city/files"
ln -s "$tmp/outside/task.md" "$D/plans/city/files/annex.pdf"
case_error "a symlink as an attachment" \
    "plans/city/files/annex.pdf:1:1: error: symbolic links are not allowed in content"

fresh
mv "$D/plans/district/progress/01" "$tmp/outside/progress-01"
ln -s "$tmp/outside/progress-01" "$D/plans/district/progress/01"
case_error "a symlink as a task's progress folder" \
    "plans/district/progress/01:1:1: error: symbolic links are not allowed in content"
rm -rf "$tmp/outside/progress-01"

# plan.md is also read directly, which fails: two errors (see the report).
fresh
mkdir -p "$D/plans/town"
ln -s "$tmp/outside/plan/plan.md" "$D/plans/town/plan.md"
check
expect_errors - \
    "plans/town/plan.md:1:1: error: symbolic links are not allowed in content"
grep -q OUTSIDE-MARKER "$ERR" && fail "the link was followed"
grep -q 'missing front matter' "$ERR" && fail "the link was followed"
report "a symlink as plan.md is refused, not followed"

fresh
rm "$D/site.yaml"
ln -s "$FIXTURE/site.yaml" "$D/site.yaml"
check
expect_errors 1
has_prefix "$D/site.yaml:1:1: error: " || fail "no error at site.yaml:1:1"
report "a symlink as site.yaml"

fresh
mkfifo "$D/plans/city/tasks/03.md"
case_error "a FIFO in the content tree" \
    "plans/city/tasks/03.md:1:1: error: not a regular file or directory"

fresh
mkdir -p "$D/plans/city/files/1/2/3/4/5/6/7/8/9"
echo x >"$D/plans/city/files/1/2/3/4/5/6/7/8/9/x.txt"
case_error "attachment folders nested too deeply" \
    "plans/city/files/1/2/3/4/5/6/7/8/9:1:1: error: attachment folders are nested too deeply"

# ------------------------------------------------- duplicates in a plan

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
  - id: "main"
    title: "保障措施"
---
EOF
case_error "duplicate section ids" \
    "plans/district/plan.md:11:5: error: duplicate section id 'main'"

fresh
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-03-01"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
indicators:
  - id: "parks"
    name: "示例公园数量"
    unit: "个"
    target: 3
    direction: "at_least"
  - id: "parks"
    name: "示例公园面积"
    unit: "公顷"
    target: 12
    direction: "at_least"
---
EOF
case_error "duplicate indicator ids" \
    "plans/district/plan.md:17:5: error: duplicate indicator id 'parks'"

# ---------------------------------------------------------- plans/ and site

fresh
rm -rf "$D/plans" && mkdir "$D/plans"
case_error "empty plans/ directory" \
    "plans:1:1: error: no plans: add plans/<plan>/plan.md"

fresh
rm -rf "$D/plans"
case_error "no plans/ directory" \
    "plans:1:1: error: no plans: add plans/<plan>/plan.md"

fresh
put site.yaml <<'EOF'
title: "示例市"
base_url: "https://example.org/gongkai"
commit_url: "https://example.org/repo/commit/"
EOF
case_error "commit_url without {commit}" \
    "site.yaml:1:1: error: 'commit_url' must contain {commit}"

for url in "ftp://example.org/gongkai" "example.org/gongkai" "/gongkai" \
    "javascript:alert(1)"; do
	fresh
	put site.yaml <<EOF
title: "示例市"
base_url: "$url"
EOF
	case_error "base_url that is not http(s): $url" \
	    "site.yaml:2:11: error: 'base_url' must be an http or https URL"
done

fresh
put site.yaml <<'EOF'
title: "示例市"
base_url: "https://example.org/a b"
EOF
case_error "base_url with a space" \
    "site.yaml:2:11: error: 'base_url' contains characters not allowed in a URL"

fresh
put plans/city/notes.txt <<'EOF'
备忘
EOF
check
[ "$status" -eq 0 ] || fail "expected exit status 0, got $status"
has_line "$D/plans/city/notes.txt:1:1: warning: ignored: a plan folder holds plan.md, tasks/, progress/ and files/" ||
    fail "missing the warning"
[ "$(errors)" -eq 0 ] || fail "errors were printed"
sanitizer_clean
report "a stray file is a warning, not an error"

# ------------------------------------------------- several errors at once

fresh
put site.yaml <<'EOF'
title: "示例市"
base_url: "ftp://example.org/gongkai"
EOF
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
dealine: "ongoing"
---
EOF
put plans/district/plan.md <<'EOF'
---
title: "示例区工作措施"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: "2024-02-30"
disclosure: "public"
parent: "city"
sections:
  - id: "main"
    title: "主要措施"
---
EOF
put plans/district/progress/01/2024-06-30.md <<'EOF'
---
date: "2024-06-30"
status: "in_progress"
percent: 101
---
EOF
check
cat >"$tmp/want" <<EOF
$D/plans/city/tasks/02.md:4:1: error: unknown key 'dealine' in task (did you mean 'deadline'?)
$D/plans/district/plan.md:5:9: error: '2024-02-30' is not a valid date: use YYYY-MM-DD
$D/plans/district/progress/01/2024-06-30.md:4:10: error: 'percent' must be between 0 and 100, not 101
$D/site.yaml:2:11: error: 'base_url' must be an http or https URL
gongkai: 4 errors, nothing written
EOF
expect_errors 4
grep -v 'Sanitizer' "$ERR" | cmp -s - "$tmp/want" ||
    fail "stderr is not the 4 errors sorted by path: $(diff "$tmp/want" "$ERR" | head -n 20)"
report "errors in four files are all reported, sorted by path"

fresh
put plans/city/tasks/02.md <<'EOF'
---
title: ["压缩示例事项办理时限"]
dealine: "ongoing"
disclosure: "hidden"
---
EOF
check
cat >"$tmp/want" <<EOF
$D/plans/city/tasks/02.md:2:1: error: missing required key 'number' in task
$D/plans/city/tasks/02.md:2:8: error: 'title' must be text, not a list
$D/plans/city/tasks/02.md:3:1: error: unknown key 'dealine' in task (did you mean 'deadline'?)
$D/plans/city/tasks/02.md:4:13: error: 'hidden' is not a valid disclosure: use one of public, internal
gongkai: 4 errors, nothing written
EOF
expect_errors 4
grep -v 'Sanitizer' "$ERR" | cmp -s - "$tmp/want" ||
    fail "stderr is not the 4 errors sorted by line: $(diff "$tmp/want" "$ERR" | head -n 20)"
report "errors in one file are all reported, sorted by line and column"

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 1
title: "压缩示例事项办理时限"
section: "s9"
---
EOF
put plans/district/tasks/02.md <<'EOF'
---
number: 2
title: "示例区政务服务窗口改造"
implements: ["city/09"]
---
EOF
case_errors "several cross-reference errors are all reported" 3 \
    "plans/city/tasks/02.md:2:1: error: task number 1 is already used by plans/city/tasks/01.md" \
    "plans/city/tasks/02.md:4:1: error: section 's9' is not among the plan's sections" \
    "plans/district/tasks/02.md:4:1: error: 'city/09' does not exist"

# ------------------------------------------------ build on invalid content

fresh
put plans/city/tasks/02.md <<'EOF'
---
number: 2
title: "压缩示例事项办理时限"
dealine: "ongoing"
---
EOF
mkdir "$tmp/parent"
"$GONGKAI" build --content "$D" --out "$tmp/parent/site" >"$OUT" 2>"$ERR"
status=$?
expect_errors 1 \
    "plans/city/tasks/02.md:4:1: error: unknown key 'dealine' in task (did you mean 'deadline'?)"
[ ! -e "$tmp/parent/site" ] || fail "the --out directory was created"
[ -z "$(ls -A "$tmp/parent")" ] || fail "files were left: $(ls -A "$tmp/parent")"
report "build on invalid content exits 1 and creates no --out directory"

cp -R "$D" "$tmp/invalid"
fresh
if "$GONGKAI" build --content "$D" --out "$tmp/parent/site" \
    >"$OUT" 2>"$ERR"; then
	echo "kept" >"$tmp/parent/site/extra.txt"
	cp -R "$tmp/parent/site" "$tmp/site.before"
	"$GONGKAI" build --content "$tmp/invalid" --out "$tmp/parent/site" \
	    >"$OUT" 2>"$ERR"
	status=$?
	expect_errors 1
	diff -r "$tmp/site.before" "$tmp/parent/site" >/dev/null ||
	    fail "the existing --out directory was changed"
	[ "$(ls -A "$tmp/parent")" = site ] ||
	    fail "files were left beside it: $(ls -A "$tmp/parent")"
else
	fail "building the valid fixture failed"
fi
report "build on invalid content leaves an existing --out directory as it was"

fresh
ln -s "$tmp/outside/task.md" "$D/plans/city/tasks/03.md"
"$GONGKAI" build --content "$D" --out "$tmp/linked-site" >"$OUT" 2>"$ERR"
status=$?
expect_errors 1 \
    "plans/city/tasks/03.md:1:1: error: symbolic links are not allowed in content"
[ ! -e "$tmp/linked-site" ] || fail "the --out directory was created"
report "build with a symlink in content exits 1 and writes nothing"

# ------------------------------------------------------------ exit status 2

expect_usage() {	# expect_usage NAME TEXT: exit 2 and a line starting TEXT
	[ "$status" -eq 2 ] || fail "expected exit status 2, got $status"
	has_prefix "$2" || fail "missing: $2"
	! grep -q ':[0-9][0-9]*:[0-9][0-9]*: error: ' "$ERR" ||
	    fail "content errors were printed"
	sanitizer_clean
	report "$1"
}

# expect_no_dir NAME DIR: exit 2 and "gongkai: error: …DIR…"
expect_no_dir() {
	[ "$status" -eq 2 ] || fail "expected exit status 2, got $status"
	awk -v dir="$2" 'index($0, "gongkai: error: ") == 1 &&
	    index($0, dir) > 0 { found = 1 } END { exit !found }' "$ERR" ||
	    fail "missing: gongkai: error: … $2 …"
	! grep -q ':[0-9][0-9]*:[0-9][0-9]*: error: ' "$ERR" ||
	    fail "content errors were printed"
	sanitizer_clean
	report "$1"
}

"$GONGKAI" check --content "$tmp/no-such-dir" >"$OUT" 2>"$ERR"
status=$?
expect_no_dir "exit 2 for a missing content directory (check)" \
    "$tmp/no-such-dir"

"$GONGKAI" build --content "$tmp/no-such-dir" --out "$tmp/site2" >"$OUT" 2>"$ERR"
status=$?
[ ! -e "$tmp/site2" ] || fail "the --out directory was created"
expect_no_dir "exit 2 for a missing content directory (build)" \
    "$tmp/no-such-dir"

"$GONGKAI" check --content "$FIXTURE/site.yaml" >"$OUT" 2>"$ERR"
status=$?
expect_no_dir "exit 2 for a content directory that is a file" \
    "$FIXTURE/site.yaml"

"$GONGKAI" check --bogus --content "$FIXTURE" >"$OUT" 2>"$ERR"
status=$?
expect_usage "exit 2 for an unknown option" "usage: gongkai"

"$GONGKAI" check --content >"$OUT" 2>"$ERR"
status=$?
expect_usage "exit 2 for an option without its argument" "usage: gongkai"

"$GONGKAI" publish --content "$FIXTURE" >"$OUT" 2>"$ERR"
status=$?
expect_usage "exit 2 for an unknown command" \
    "gongkai: unknown command 'publish'"

"$GONGKAI" check --content "$FIXTURE" extra >"$OUT" 2>"$ERR"
status=$?
expect_usage "exit 2 for an extra argument" \
    "gongkai: unexpected argument 'extra'"

"$GONGKAI" >"$OUT" 2>"$ERR"
status=$?
expect_usage "exit 2 with no command" "usage: gongkai"

fresh
for epoch in abc -1 12abc 1e9 99999999999999999999 253402300800; do
	SOURCE_DATE_EPOCH=$epoch "$GONGKAI" build --content "$D" \
	    --out "$tmp/site3" >"$OUT" 2>"$ERR"
	status=$?
	[ ! -e "$tmp/site3" ] || fail "the --out directory was created"
	expect_usage "exit 2 for a bad SOURCE_DATE_EPOCH=$epoch" \
	    "gongkai: error: SOURCE_DATE_EPOCH must be a number of seconds, not '$epoch'"
	rm -rf "$tmp/site3"
done

[ "$failures" -eq 0 ]
