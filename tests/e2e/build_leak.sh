#!/bin/sh
# End-to-end: nothing internal is published.  tests/fixtures/e2e-leak has an
# internal plan (with a public child, and a task and report marked public
# inside it), an internal task in a public plan (with a report marked
# public), an internal report on a public task (newer than the public one,
# with values), and an internal task of a child plan implementing a public
# parent task.  Every internal text contains SECRETX (or 机密), every
# internal number is 987654.  None may appear in any output file, count,
# page, address, data file or the sitemap.  All data is fictional.
set -u
T=build_leak
FIXTURE=tests/fixtures/e2e-leak

. tests/fixtures/e2e-lib.sh

expect() { page_expect "$@"; }

"$GONGKAI" build --content "$FIXTURE" --out "$out" --cache-dir "$tmp/cache" \
    >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
grep -v -e '^gongkai: note: .* is not in a git repository' \
    -e '^gongkai: warning: .*shallow clone' "$tmp/stderr" >"$tmp/stderr.own"
mv "$tmp/stderr.own" "$tmp/stderr"
if [ $rc -eq 0 ] && [ -f "$out/index.html" ] && [ ! -s "$tmp/stderr" ]; then
	ok "build succeeds with nothing on stderr"
else
	fail "build succeeds with nothing on stderr" "exit status $rc" \
	    "$(cat "$tmp/stderr")"
	[ -f "$out/index.html" ] || exit 1
fi

# ---------------------------------------------------------------- the text

# Every output file, the data/ exports and sitemap.xml included, and the
# names of files and folders.
hits=$(grep -rlai -e 'SECRETX' -e '机密' -e '987654' "$out")
if [ -z "$hits" ]; then
	ok "no internal text or number in any output file"
else
	fail "no internal text or number in any output file" \
	    "$(grep -rnai -o -e '.\{0,40\}SECRETX[^"<]\{0,40\}' -e '.\{0,20\}机密.\{0,20\}' -e '.\{0,30\}987654.\{0,10\}' "$out" | sed "s|^$out/||")"
fi
names=$(cd "$out" && find . -iname '*secretx*')
if [ -z "$names" ]; then
	ok "no output file or folder is named after an internal entry"
else
	fail "no output file or folder is named after an internal entry" "$names"
fi
# Percent-encoded or JSON-escaped forms of the Chinese secrets.
enc=$(grep -rlai -e '%E6%9C%BA%E5%AF%86' -e '\\u673a\\u5bc6' "$out")
if [ -z "$enc" ]; then
	ok "no encoded form of the internal text either"
else
	fail "no encoded form of the internal text either" "$enc"
fi

# ---------------------------------------------------------------- pages and addresses

absent=""
for f in plans/secretx-plan/index.html plans/secretx-plan/tasks/01.html \
    plans/pub/tasks/secretx-task.html plans/child/tasks/secretx-child.html \
    plans/secretx-plan/files/SECRETX-attachment.txt \
    data/plans/secretx-plan/index.json data/plans/pub/tasks/secretx-task.json; do
	[ -e "$out/$f" ] && absent="$absent $f"
done
[ -d "$out/plans/secretx-plan" ] && absent="$absent plans/secretx-plan/"
if [ -z "$absent" ]; then
	ok "no page, data file or attachment of internal entries"
else
	fail "no page, data file or attachment of internal entries" "$absent"
fi
want=$(cd "$out" && find plans -name '*.html' | wc -l)
n=$(grep -c '<loc>[^<]*/plans/' "$out/sitemap.xml")
if [ "$n" -eq "$want" ] && [ "$want" -eq 11 ]; then
	ok "sitemap and plans/ hold the 11 public plan, task and unit pages only"
else
	fail "sitemap and plans/ hold the 11 public plan, task and unit pages only" \
	    "$n in the sitemap, $want pages" "$(cd "$out" && find plans -name '*.html')"
fi

# ---------------------------------------------------------------- counts

home=$(page index.html)
seg_expect "home: the public plan counts its 2 public tasks only" \
    "home card of pub" \
    "$(between "$home" '<h2><a href="plans/pub/index.html">' '</div>')" \
    '+共 2 项任务' '+推进中 <strong>1</strong>' '+滞后 <strong>0</strong>' \
    '+暂无报告 <strong>1</strong>' '+逾期 <strong>0</strong>' \
    '+已过时限、暂无报告 <strong>0</strong>'
seg_expect "home: the child plan counts its 1 public task only" \
    "home card of child" \
    "$(between "$home" '<h2><a href="plans/child/index.html">' '</div>')" \
    '+共 1 项任务' '+未启动 <strong>0</strong>' '+暂无报告 <strong>1</strong>'
seg_expect "home: 3 public plans, the internal one not listed" index.html \
    "$home" '+plans/pub/index.html' '+plans/child/index.html' \
    '+plans/town/index.html' '-示例区'
expect "plan page: the same counts" plans/pub/index.html '+共 2 项任务。' \
    '+逾期 <strong>0</strong>' '+已过时限、暂无报告 <strong>0</strong>' \
    '-tasks/02' '-第2项'
expect "plan data: total 2, no overdue, no past-unreported" data/plans/pub/index.json \
    '+"total": 2,' '+"overdue": 0,' '+"past_deadline_unreported": 0' \
    '+"delayed": 0,'
expect "a public task's status comes from its public reports only" \
    plans/pub/tasks/01.html '+status-in_progress">推进中</span>' \
    '+<dd>30%</dd>' '-滞后' '-99%' '-2025年9月30日' '-2025-09-30'
expect "task data: only the public report" data/plans/pub/tasks/01.json \
    '+"id": "pub/01/2025-06-30"' '-2025-09-30' '+"status": "in_progress"'
plan=$(page plans/pub/index.html)
seg_expect "indicator: latest value from public reports only" "indicator 示例设施数量" \
    "$(between "$plan" '示例设施数量</th>' '</tr>')" '+5个' '+差5个' \
    '+2025年6月30日'
seg_expect "indicator of an internal task: no value, no task link" \
    "indicator 示例覆盖率" "$(between "$plan" '示例覆盖率</th>' '</tr>')" \
    '+暂无报告' '-第1项' '-第2项' '-tasks/'
expect "deadlines: internal tasks neither listed nor counted" deadlines/index.html \
    '+未列明时限的任务 1 项' '-逾期</h2>' '-2025年1月' '-2025年3月'

# ---------------------------------------------------------------- units

units=$(page units/index.html)
seg_expect "a public unit's counts leave out the internal task it supports" \
    "units/index.html entry 示例市建设局" \
    "$(between "$units" '<span class="unit-name">示例市建设局</span>' '</ul>')" \
    '+牵头 1 · 参与 0'
n=$(grep -c '<span class="unit-name">' "$out/units/index.html")
m=$(cd "$out" && find plans -path '*/units/*.html' | wc -l)
if [ "$n" -eq 4 ] && [ "$m" -eq 4 ]; then
	ok "4 public units, 4 unit pages"
else
	fail "4 public units, 4 unit pages" "$n in the index, $m pages"
fi

# ---------------------------------------------------------------- relations

expect "the parent plan lists only its public child plan" plans/pub/index.html \
    '+plans/child/index.html' '-plans/town' '-示例区'
expect "a public plan under an internal parent names no parent" \
    plans/town/index.html '-本方案落实'
expect "its task shows no internal parent task" plans/town/tasks/01.html \
    '-落实的上级任务' '-implements-heading'
expect "its task data has no implements" data/plans/town/tasks/01.json \
    '+"implements": []'
expect "a public parent task lists only public implementing tasks" \
    plans/pub/tasks/01.html '+plans/child/tasks/01.html' '-示例区'
expect "a parent task implemented only by internal tasks lists none" \
    plans/pub/tasks/03.html '-下级落实任务' '-plans/child/tasks/'
expect "its data has an empty implemented_by" data/plans/pub/tasks/03.json \
    '+"implemented_by": []'
al=$(page alignment/index.html)
seg_expect "alignment: a task implemented only internally is a gap" \
    "alignment row pub/03" \
    "$(between "$al" 'href="../plans/pub/tasks/03.html">' '</li>')" \
    '+<dt>示例县</dt><dd><span class="gap">未见对应任务</span>'
seg_expect "alignment: only public child plans are columns" alignment/index.html \
    "$al" '+<dt>示例县</dt>' '-plans/town' '-示例镇'

# ---------------------------------------------------------------- history

# The same content as a git repository with a history: internal texts
# edited, a public task made internal (with secret text) and public again,
# a public report withdrawn (made internal, its text replaced), an internal
# task deleted.  The change history, its diffs and feeds reveal none of it.
if ! command -v git >/dev/null 2>&1; then
	echo "skip - $T: change history: git is not installed"
	[ $failures -eq 0 ]
	exit
fi
repo=$tmp/repo
mkdir "$repo"
cp -R "$FIXTURE" "$repo/content"
git_() {
	HOME=$tmp GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE="$when" \
	    GIT_COMMITTER_DATE="$when" git -C "$repo" -c user.name=示例编辑 \
	    -c user.email=editor@example.org -c commit.gpgsign=false "$@" \
	    >/dev/null 2>>"$tmp/git.err"
}
edit() {	# edit FILE SED-SCRIPT
	sed "$2" "$repo/content/$1" >"$tmp/edit" &&
	    cat "$tmp/edit" >"$repo/content/$1"
}
printf '%s\n' '---' 'date: "2025-03-31"' 'status: "in_progress"' \
    'reporter: "示例市建设局"' '---' '' \
    '曾经公开、后来撤回的报告WASPUBLIC（虚构）。' \
    >"$repo/content/plans/pub/progress/01/2025-03-31.md"
when=2025-01-01T00:00:00Z
git_ init -q && git_ add -A && git_ commit -q -m "录入示例内容"
when=2025-02-01T00:00:00Z
edit plans/pub/tasks/01.md 's/公开任务（虚构）。/公开任务（虚构），第二版。/'
edit plans/pub/tasks/secretx-task.md 's/SECRETX-task-body/SECRETX-task-body-v2/
s/SECRETX-task-title/SECRETX-task-title-v2/
s/^deadline: "2025-03"$/deadline: "2025-04"/'
edit plans/pub/progress/01/2025-09-30.md 's/SECRETX-report-body/SECRETX-report-body-v2/
s/^percent: 99$/percent: 98/'
edit plans/secretx-plan/plan.md 's/SECRETX-plan-body/SECRETX-plan-body-v2/
s/SECRETX-plan-title/SECRETX-plan-title-v2/'
edit plans/pub/tasks/03.md 's/^title: "完善示例制度"$/title: "完善示例制度SECRETX-interim-title"\
disclosure: internal/
s/公开任务，未列明时限（虚构）。/临时内部内容SECRETX-interim-body。/'
git_ commit -q -a -m "第二批修改"
when=2025-03-01T00:00:00Z
edit plans/pub/tasks/03.md 's/^title: .*/title: "完善示例制度（修订）"/
/^disclosure: internal$/d
s/临时内部内容SECRETX-interim-body。/公开任务，未列明时限（虚构），已修订。/'
edit plans/pub/progress/01/2025-03-31.md 's/^reporter: .*/&\
disclosure: internal/
s/曾经公开、后来撤回的报告WASPUBLIC/撤回后的内部内容SECRETX-withdrawn/'
git_ rm -q -r content/plans/child/tasks/secretx-child.md \
    content/plans/child/progress/secretx-child
git_ commit -q -a -m "第三批修改"
hout=$tmp/history-site
"$GONGKAI" build --content "$repo/content" --out "$hout" \
    --cache-dir "$tmp/hcache" >/dev/null 2>"$tmp/stderr"
rc=$?
commits=$(git -C "$repo" rev-list --count HEAD 2>/dev/null)
if [ $rc -ne 0 ] || [ "$commits" != 3 ]; then
	fail "build of a repository with history" "exit status $rc, $commits commits" \
	    "$(cat "$tmp/git.err" "$tmp/stderr")"
else
	others() { (cd "$hout" && find . -type f | sed 's|^\./||' |
	    grep -v '^plans/\|^data/plans/'); }
	hist=$(cd "$hout" && grep -l '公开任务（虚构），第二版' $(others) | tr '\n' ' ')
	if [ -n "$hist" ]; then
		ok "history build: the public change is described ($hist)"
	else
		fail "history build: the public change is described" \
		    "no page outside plans/ shows it: $(others | tr '\n' ' ')"
	fi
	if grep -rqai -e 'SECRETX' -e '机密' -e '987654' "$hout"; then
		fail "history: no internal text, internal revision or internal deletion in any file" \
		    "$(grep -rnai -o -e '.\{0,40\}SECRETX[^"<]\{0,30\}' -e '.\{0,20\}机密.\{0,20\}' -e '.\{0,30\}987654.\{0,10\}' "$hout" | sed "s|^$hout/||")"
	else
		ok "history: no internal text, internal revision or internal deletion in any file"
	fi
	if grep -rqai -e 'WASPUBLIC' -e '2025-03-31' "$hout"; then
		fail "history: a withdrawn report (public, then internal) is gone entirely" \
		    "$(grep -rnai -o -e '.\{0,40\}WASPUBLIC.\{0,20\}' -e '.\{0,40\}2025-03-31.\{0,20\}' "$hout" | sed "s|^$hout/||")"
	else
		ok "history: a withdrawn report (public, then internal) is gone entirely"
	fi
	# (Only internal entries are 滞后 or due in 2025-04; 98 is an
	# internal percent.  Status-bar segments name every status.)
	hits=$( (grep -rlai -e 'class="status status-delayed"' \
	    -e '2025年4月[^0-9]' -e '"2025-04"' -e '98%' -e '"percent": 98' \
	    "$hout"; grep -rl '"status": "delayed"' "$hout/data/changes" \
	    "$hout/data/plans/pub/tasks") | sed "s|^$hout/||")
	if [ -z "$hits" ]; then
		ok "history: no status, percent or deadline of internal entries"
	else
		fail "history: no status, percent or deadline of internal entries" "$hits"
	fi
fi

[ $failures -eq 0 ]
