#!/bin/sh
# Builds a demonstration site from scratch: a git repository in demo/repo
# holding two years of fictional plans, tasks and quarterly progress reports
# (示例市, 示例区), committed quarter by quarter by fictional editors, with
# corrections, a moved deadline, a withdrawn report, a renamed and a deleted
# task, a merge, and awkward commit messages; then builds it into demo/site.
#
# Every name, unit, number and e-mail address here is invented.  Author and
# committer names, e-mails and dates are fixed, so the commit ids are the
# same on every run.  Usage: sh scripts/demo.sh (run by `make demo`).
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEMO=$ROOT/demo
REPO=$DEMO/repo
C=$REPO/content
CITY=$C/plans/shili-shi
DIST=$C/plans/shili-qu
GONGKAI=${GONGKAI:-$ROOT/build/gongkai}
BUILD_EPOCH=1767225600		# 2026-01-01T00:00:00Z

if [ ! -x "$GONGKAI" ]; then
	echo "demo: $GONGKAI is missing; run make demo" >&2
	exit 2
fi

rm -rf "$REPO" "$DEMO/site" "$DEMO/cache"
mkdir -p "$REPO"

# Nothing from the user's or the system's git configuration may change
# the commits (signing, hooks, line endings, default branch).
GIT_CONFIG_NOSYSTEM=1
GIT_CONFIG_GLOBAL=/dev/null
export GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE 2>/dev/null || true

g() {
	git -C "$REPO" -c commit.gpgSign=false -c core.autocrlf=false \
	    -c core.hooksPath=/dev/null -c merge.log=false "$@"
}

git init -q -b main --template= "$REPO"

# who KEY: the editor's name and e-mail as written in the commit.
who() {
	case "$1" in
	wxm-old) NAME="王小明"; EMAIL="wxm@old-mail.example.org" ;;
	wxm)	NAME="王晓明"; EMAIL="wang.xiaoming@example.org" ;;
	lf)	NAME="李芳"; EMAIL="li.fang@example.org" ;;
	cj)	NAME="陈静"; EMAIL="chen.jing@example.org" ;;
	zl)	NAME="赵磊"; EMAIL="zhao.lei@example.org" ;;
	*)	echo "demo: unknown editor $1" >&2; exit 2 ;;
	esac
}

# as KEY DATE git-args...: runs git as that editor at that date.
as() {
	who "$1"
	_date=$2
	shift 2
	GIT_AUTHOR_NAME=$NAME GIT_AUTHOR_EMAIL=$EMAIL GIT_AUTHOR_DATE=$_date \
	GIT_COMMITTER_NAME=$NAME GIT_COMMITTER_EMAIL=$EMAIL \
	GIT_COMMITTER_DATE=$_date g "$@"
}

# commit KEY DATE MESSAGE [PARAGRAPH...]: commits everything as KEY.
commit() {
	_key=$1
	_cdate=$2
	shift 2
	g add -A
	_msg=$1
	shift
	if [ $# -gt 0 ]; then
		for _p in "$@"; do
			_msg=$(printf '%s\n\n%s' "$_msg" "$_p")
		done
	fi
	as "$_key" "$_cdate" commit -q --allow-empty-message -m "$_msg"
}

# report TASK DATE STATUS PERCENT REPORTER [VALUES]: a progress report of
# 示例区, the body read from stdin.  PERCENT "-" leaves it out; VALUES is
# "id: n" lines.  EXTRA (environment) adds front-matter lines.
report() {
	mkdir -p "$DIST/progress/$1"
	{
		echo "---"
		echo "date: $2"
		echo "status: $3"
		[ "$4" = - ] || echo "percent: $4"
		echo "reporter: \"$5\""
		if [ -n "${6:-}" ]; then
			echo "values:"
			printf '%s\n' "$6" | sed 's/^/  /'
		fi
		[ -z "${EXTRA:-}" ] || printf '%s\n' "$EXTRA"
		echo "---"
		cat
	} > "$DIST/progress/$1/$2.md"
}

# ---------------------------------------------------------------------------
# 2024-01-15: the site, the city's plan and the district's plan.

mkdir -p "$CITY/tasks" "$DIST/tasks"

cat > "$REPO/.mailmap" <<'EOF'
# The editor changed name spelling and e-mail in 2025; show one name.
王晓明 <wang.xiaoming@example.org> 王小明 <wxm@old-mail.example.org>
EOF

cat > "$C/site.yaml" <<'EOF'
title: "示例区社区便民服务 · 实施方案公开（演示）"
base_url: "https://gongkai-demo.example.net"
language: "zh-CN"
banner: "示例数据：本站为演示用的虚构内容，不是真实的政府信息。"
footer:
  - "本站由 make demo 生成。示例市、示例区及其中的单位、人员和数字均为虚构。"
EOF

cat > "$CITY/plan.md" <<'EOF'
---
title: "示例市社区便民服务提升行动方案（2024—2026年）"
region: "示例市"
issuer: "示例市人民政府办公厅"
issued: 2023-12-20
doc_number: "示例府办发〔2023〕1号"
disclosure: public
sections:
  - id: "s1"
    title: "一、补齐社区服务设施短板"
  - id: "s2"
    title: "二、提升社区服务效能"
---
（虚构文件，仅供演示。）

为方便群众办事、提升社区服务水平，制定本方案。各区县结合实际制定实施计划，
分解任务、明确责任、按期推进。
EOF

cat > "$CITY/tasks/01.md" <<'EOF'
---
number: 1
title: "推进社区养老服务设施建设，到2025年底实现街道养老服务中心全覆盖。"
section: "s1"
lead: ["示例市民政局"]
support: ["各区县人民政府"]
deadline: "2025-12"
---
EOF

cat > "$CITY/tasks/02.md" <<'EOF'
---
number: 2
title: "建设一刻钟便民生活圈，完善社区商业网点布局。"
section: "s1"
lead: ["示例市商务委"]
support: ["示例市住房城乡建委", "各区县人民政府"]
deadline: "2025-12"
---
EOF

cat > "$CITY/tasks/03.md" <<'EOF'
---
number: 3
title: "实施老旧小区适老化改造。"
section: "s1"
lead: ["示例市住房城乡建委"]
deadline: "2026"
---
EOF

cat > "$CITY/tasks/04.md" <<'EOF'
---
number: 4
title: "推进政务服务“一窗综办”，压减群众办事等候时间。"
section: "s2"
lead: ["示例市政府办公厅"]
support: ["示例市大数据发展局"]
deadline: "2025-06"
---
EOF

cat > "$CITY/tasks/05.md" <<'EOF'
---
number: 5
title: "丰富社区文化体育活动，培育社区志愿服务队伍。"
section: "s2"
lead: ["示例市文化旅游委"]
support: ["示例市体育局", "示例市民政局"]
deadline: "ongoing"
---
EOF

cat > "$DIST/plan.md" <<'EOF'
---
title: "示例区社区便民服务提升三年行动计划（2024—2026年）"
region: "示例区"
issuer: "示例区人民政府办公室"
issued: 2024-01-10
doc_number: "示例区府办发〔2024〕3号"
disclosure: public
parent: "shili-shi"
weight: 1
sections:
  - id: "s1"
    title: "一、完善社区服务设施"
  - id: "s2"
    title: "二、提升政务服务效能"
  - id: "s3"
    title: "三、繁荣社区文化"
indicators:
  - id: "elderly-stations"
    name: "社区养老服务站"
    unit: "所"
    target: 30
    baseline: 12
    direction: at_least
    deadline: "2025-12"
    task: "01"
  - id: "convenience-coverage"
    name: "一刻钟便民生活圈覆盖率"
    unit: "%"
    target: 90
    baseline: 55
    direction: at_least
    deadline: "2025-06"
    task: "02"
  - id: "wait-minutes"
    name: "政务服务窗口平均等候时间"
    unit: "分钟"
    target: 10
    baseline: 25
    direction: at_most
    deadline: "2025-06"
    deadline_text: "2025年上半年"
    task: "03"
---
（虚构文件，仅供演示。）

## 总体要求

贯彻落实《示例市社区便民服务提升行动方案（2024—2026年）》，以群众需求为导向，
用三年时间补齐社区服务设施短板，提升政务服务效能。

## 保障措施

各牵头单位每季度末报送进展情况，由区政府办公室汇总后公开。
EOF

cat > "$DIST/tasks/01.md" <<'EOF'
---
number: 1
title: "新建、改建社区养老服务站18所，2025年底达到30所。"
section: "s1"
lead: ["示例区民政局"]
support: ["各街道办事处", "示例区卫生健康委"]
deadline: "2025-12"
implements: ["shili-shi/01"]
---
EOF

cat > "$DIST/tasks/02.md" <<'EOF'
---
number: 2
title: "建设一刻钟便民生活圈，覆盖率达到90%。"
section: "s1"
lead: ["示例区商务委"]
support: ["示例区住房城乡建委"]
deadline: "2025-06"
implements: ["shili-shi/02"]
---
EOF

cat > "$DIST/tasks/03.md" <<'EOF'
---
number: 3
title: "推行政务服务“一窗综办”，窗口平均等候时间压减至10分钟以内。"
section: "s2"
lead: ["示例区政务服务管理办公室"]
support: ["示例区大数据发展局"]
deadline: "2024-12"
implements: ["shili-shi/04"]
---
EOF

cat > "$DIST/tasks/04.md" <<'EOF'
---
number: 4
title: "完成60个老旧小区适老化改造。"
section: "s1"
lead: ["示例区住房城乡建委"]
support: ["各街道办事处"]
deadline: "2025-09"
implements: ["shili-shi/03"]
---
EOF

cat > "$DIST/tasks/05.md" <<'EOF'
---
number: 5
title: "发展社区助餐服务，每个街道至少建成1个社区食堂。"
section: "s1"
lead: ["示例区民政局"]
support: ["各街道办事处"]
deadline: "ongoing"
implements: ["shili-shi/01"]
---
EOF

cat > "$DIST/tasks/06.md" <<'EOF'
---
number: 6
title: "建设智慧社区服务平台，实现社区事项“掌上办”。"
section: "s2"
lead: ["示例区大数据发展局"]
support: ["示例区政务服务管理办公室"]
deadline: "2026-06"
implements: ["shili-shi/04"]
---
EOF

cat > "$DIST/tasks/7.md" <<'EOF'
---
number: 7
title: "每个社区每年开展文化体育活动不少于12场。"
section: "s3"
lead: ["示例区文化旅游委"]
support: ["示例区体育局", "各街道办事处"]
deadline: "2025-12"
implements: ["shili-shi/05"]
---
EOF

cat > "$DIST/tasks/08.md" <<'EOF'
---
number: 8
title: "试行社区志愿服务积分兑换制度。"
section: "s3"
lead: ["示例区民政局"]
deadline: "2025-12"
implements: ["shili-shi/05"]
---
EOF

cat > "$DIST/tasks/09.md" <<'EOF'
---
number: 9
title: "建立社区服务群众满意度评价机制。"
section: "s2"
lead: ["示例区人民政府办公室"]
deadline: "2024-06"
---
EOF

commit wxm-old 2024-01-15T09:30:00+08:00 \
    "导入示例市、示例区行动方案及任务分解"

# ---------------------------------------------------------------------------
# 2024 Q1

report 01 2024-03-31 in_progress 15 "示例区民政局" "elderly-stations: 14" <<'EOF'
完成全区养老服务设施摸底，新建社区养老服务站2所。
EOF
report 05 2024-03-31 in_progress 20 "示例区民政局" <<'EOF'
制定社区食堂建设指引，确定首批3个试点街道。
EOF
commit lf 2024-03-31T10:00:00+08:00 "报送2024年一季度民政领域进展"

report 03 2024-03-31 in_progress 30 "示例区政务服务管理办公室" "wait-minutes: 22" <<'EOF'
完成综合窗口设置方案，首批40个事项纳入“一窗综办”。
EOF
report 06 2024-03-31 not_started 0 "示例区大数据发展局" <<'EOF'
平台建设方案正在编制。
EOF
report 7 2024-03-31 in_progress 10 "示例区文化旅游委" <<'EOF'
各社区开展迎新春文化活动共计46场。
EOF
report 08 2024-03-31 in_progress 10 "示例区民政局" <<'EOF'
起草志愿服务积分兑换办法（征求意见稿）。
EOF
report 09 2024-03-31 in_progress 50 "示例区人民政府办公室" <<'EOF'
满意度评价指标体系初稿已形成。
EOF
commit wxm-old 2024-03-31T15:00:00+08:00 "2024年一季度进展报告"

report 02 2024-03-31 in_progress 20 "示例区商务委" "convenience-coverage: 58" <<'EOF'
完成社区商业网点普查，梳理缺失业态清单。
EOF
commit cj 2024-03-31T16:00:00+08:00 "商务委一季度进展"

# ---------------------------------------------------------------------------
# 2024 Q2

report 01 2024-06-30 in_progress 35 "示例区民政局" "elderly-stations: 17" <<'EOF'
新建社区养老服务站3所，累计17所。
EOF
report 05 2024-06-30 in_progress 40 "示例区民政局" <<'EOF'
首批3个社区食堂投入运营，日均就餐老人约420人次。

下一步将在其余街道选址，推动助餐点向小区延伸。
EOF
commit lf 2024-06-30T10:00:00+08:00 "报送2024年二季度民政领域进展"

report 03 2024-06-30 in_progress 50 "示例区政务服务管理办公室" "wait-minutes: 18" <<'EOF'
“一窗综办”事项扩展至120个。
EOF
report 06 2024-06-30 in_progress 10 "示例区大数据发展局" <<'EOF'
平台建设方案通过专家评审。
EOF
report 7 2024-06-30 in_progress 30 "示例区文化旅游委" <<'EOF'
上半年各社区累计开展文化体育活动138场。
EOF
report 08 2024-06-30 in_progress 25 "示例区民政局" <<'EOF'
积分兑换办法完成征求意见。
EOF
report 09 2024-06-30 completed 100 "示例区人民政府办公室" <<'EOF'
满意度评价机制正式建立，每季度开展一次电话回访。
EOF
commit wxm-old 2024-06-30T14:00:00+08:00 "2024年二季度进展报告"

report 02 2024-06-30 in_progress 35 "示例区商务委" "convenience-coverage: 63" <<'EOF'
新增便利店、早餐店等网点27个。
EOF
commit cj 2024-06-30T16:00:00+08:00 "商务委二季度进展"

# A correction of the reporter and of a sentence, a few days later.
report 05 2024-06-30 in_progress 40 "示例区民政局养老服务科" <<'EOF'
首批3个社区食堂投入运营，日均就餐老人约240人次。

下一步将在其余街道选址，推动助餐点向小区延伸。
EOF
commit lf 2024-07-05T09:00:00+08:00 \
    "更正二季度社区食堂报告：就餐人次应为240，报告单位写到科室"

# ---------------------------------------------------------------------------
# 2024 Q3

report 01 2024-09-30 in_progress 60 "示例区民政局" "elderly-stations: 20" <<'EOF'
新建社区养老服务站3所，累计20所。

三季度完成2所站点的消防验收。
EOF
report 05 2024-09-30 in_progress 55 "示例区民政局养老服务科" <<'EOF'
新增社区食堂2个，累计5个。
EOF
commit lf 2024-09-30T10:00:00+08:00 "报送2024年三季度民政领域进展"

report 03 2024-09-30 in_progress 70 "示例区政务服务管理办公室" "wait-minutes: 15" <<'EOF'
综合窗口覆盖全部街道便民服务中心。
EOF
report 06 2024-09-30 in_progress 20 "示例区大数据发展局" <<'EOF'
平台一期开发完成，已在两个社区试运行。

试运行期间收到居民张某某（电话 139-0000-0000）反映的登录问题，已处理。
EOF
report 7 2024-09-30 in_progress 45 "示例区文化旅游委" <<'EOF'
举办社区运动会8场，累计开展活动205场。
EOF
report 08 2024-09-30 in_progress 40 "示例区民政局" <<'EOF'
积分兑换办法在2个街道试行。
EOF
commit wxm-old 2024-09-30T14:00:00+08:00 "2024年三季度进展报告"

report 02 2024-09-30 in_progress 45 "示例区商务委" "convenience-coverage: 66" <<'EOF'
引入社区生鲜超市3家。
EOF
commit cj 2024-09-30T16:00:00+08:00 "<script>alert(1)</script> 商务委三季度报告"

# Correction: the percent was mistyped, and one sentence was wrong.
report 01 2024-09-30 in_progress 80 "示例区民政局" "elderly-stations: 20" <<'EOF'
新建社区养老服务站3所，累计20所。

三季度完成全部20所站点的消防验收。
EOF
commit lf 2024-10-15T11:00:00+08:00 \
    "更正第1项2024年三季度报告：进度误填为60%，应为80%" \
    "同时更正消防验收数量。"

# ---------------------------------------------------------------------------
# 2024 Q4

# The deadline of task 3 is moved, with the reason in the message.
sed 's/^deadline: "2024-12"$/deadline: "2025-06"/' "$DIST/tasks/03.md" \
    > "$DIST/tasks/03.md.new"
mv "$DIST/tasks/03.md.new" "$DIST/tasks/03.md"
# The “” below are Chinese quotation marks, meant as text.
# shellcheck disable=SC1111
commit zl 2024-12-20T17:30:00+08:00 \
    "调整第3项完成时限：2024年12月 → 2025年6月" \
    "经区政府第12次常务会议研究同意。“一窗综办”需与市级政务服务平台对接，市级平台2025年上半年上线，故完成时限顺延至2025年6月。"

# The Q3 report of task 6 named a resident: withdrawn from publication.
EXTRA="disclosure: internal" report 06 2024-09-30 in_progress 20 \
    "示例区大数据发展局" <<'EOF'
平台一期开发完成，已在两个社区试运行。

试运行期间收到居民张某某（电话 139-0000-0000）反映的登录问题，已处理。
EOF
commit wxm-old 2024-12-28T10:00:00+08:00 \
    "撤回第6项三季度报告：正文含居民个人信息（张某某）"

report 01 2024-12-31 in_progress 85 "示例区民政局" "elderly-stations: 24" <<'EOF'
新建社区养老服务站4所，累计24所。
EOF
report 05 2024-12-31 in_progress 70 "示例区民政局养老服务科" <<'EOF'
社区食堂累计8个，覆盖全部街道。
EOF
commit lf 2024-12-31T10:00:00+08:00 "报送2024年四季度民政领域进展"

report 03 2024-12-31 in_progress 85 "示例区政务服务管理办公室" "wait-minutes: 13" <<'EOF'
完成与市级平台的接口联调。
EOF
commit zl 2024-12-31T11:00:00+08:00 "政务服务四季度进展"

report 06 2024-12-31 in_progress 35 "示例区大数据发展局" <<'EOF'
平台试运行扩大到12个社区。
EOF
report 7 2024-12-31 in_progress 60 "示例区文化旅游委" <<'EOF'
全年累计开展活动286场，平均每个社区14场。
EOF
report 08 2024-12-31 in_progress 50 "示例区民政局" <<'EOF'
积分兑换试点扩大到5个街道。
EOF
commit wxm-old 2024-12-31T14:00:00+08:00 "2024年四季度进展报告"

report 02 2024-12-31 delayed 50 "示例区商务委" "convenience-coverage: 68" <<'EOF'
受部分商业网点招商进度影响，进度滞后。
EOF
commit cj 2024-12-31T16:00:00+08:00 "商务委四季度进展"

# ---------------------------------------------------------------------------
# 2025 Q1

# Correction of an indicator value.
report 02 2024-12-31 delayed 50 "示例区商务委" "convenience-coverage: 70" <<'EOF'
受部分商业网点招商进度影响，进度滞后。
EOF
commit cj 2025-01-10T09:00:00+08:00 \
    "更正：便民生活圈覆盖率经统计口径复核为70%"

# Task 7 gets a two-digit file name, together with its reports.
g mv "content/plans/shili-qu/tasks/7.md" "content/plans/shili-qu/tasks/07.md"
g mv "content/plans/shili-qu/progress/7" "content/plans/shili-qu/progress/07"
commit wxm 2025-03-20T09:00:00+08:00 "统一任务文件命名：7.md 改为 07.md"

report 01 2025-03-31 in_progress 90 "示例区民政局" "elderly-stations: 27" <<'EOF'
新建社区养老服务站3所，累计27所。
EOF
report 05 2025-03-31 in_progress 75 "示例区民政局养老服务科" <<'EOF'
推出“长者餐”优惠，一季度服务老人3.1万人次。
EOF
commit lf 2025-03-31T10:00:00+08:00 ""

report 03 2025-03-31 in_progress 95 "示例区政务服务管理办公室" "wait-minutes: 11" <<'EOF'
市级平台上线，“一窗综办”事项扩展至260个。
EOF
commit zl 2025-03-31T11:00:00+08:00 "政务服务一季度进展 ✅"

report 06 2025-03-31 in_progress 45 "示例区大数据发展局" <<'EOF'
平台上线“掌上办”事项35项。

<img src=x onerror=alert(2)>
EOF
report 07 2025-03-31 in_progress 75 "示例区文化旅游委" <<'EOF'
一季度开展活动74场。
EOF
report 08 2025-03-31 in_progress 60 "示例区民政局" <<'EOF'
积分兑换办法完成修订。
EOF
commit wxm 2025-03-31T14:00:00+08:00 "2025年一季度进展报告"

report 02 2025-03-31 delayed 60 "示例区商务委" "convenience-coverage: 74" <<'EOF'
新增社区便民网点19个。
EOF
commit cj 2025-03-31T16:00:00+08:00 "商务委一季度进展"

report 06 2025-03-31 in_progress 45 "示例区大数据发展局" <<'EOF'
平台上线“掌上办”事项35项。
EOF
commit wxm 2025-04-08T10:00:00+08:00 \
    "更正第6项一季度报告：删除误粘贴的网页代码"

# ---------------------------------------------------------------------------
# 2025 Q2

# Task 8 is merged into task 5: deleted with its reports; 5 gains a unit.
g rm -q -r "content/plans/shili-qu/tasks/08.md" \
    "content/plans/shili-qu/progress/08"
sed 's/^support: \["各街道办事处"\]$/support: ["各街道办事处", "示例区志愿服务联合会"]/' \
    "$DIST/tasks/05.md" > "$DIST/tasks/05.md.new"
mv "$DIST/tasks/05.md.new" "$DIST/tasks/05.md"
commit wxm 2025-06-15T09:00:00+08:00 \
    "删除第8项任务，并入第5项" \
    "经区政府常务会议研究，志愿服务积分兑换并入社区助餐服务一并推进，第5项增加示例区志愿服务联合会为责任单位。"

report 01 2025-06-30 in_progress 95 "示例区民政局" "elderly-stations: 29" <<'EOF'
新建社区养老服务站2所，累计29所。
EOF
report 05 2025-06-30 in_progress 80 "示例区民政局养老服务科" <<'EOF'
志愿者参与助餐服务，积分可兑换餐券。
EOF
commit lf 2025-06-30T10:00:00+08:00 "报送2025年二季度民政领域进展"

report 03 2025-06-30 completed 100 "示例区政务服务管理办公室" "wait-minutes: 9" <<'EOF'
“一窗综办”全面推行，窗口平均等候时间降至9分钟。
EOF
commit zl 2025-06-30T11:00:00+08:00 "第3项任务完成"

report 06 2025-06-30 in_progress 60 "示例区大数据发展局" <<'EOF'
平台注册用户突破5万。
EOF
report 07 2025-06-30 in_progress 90 "示例区文化旅游委" <<'EOF'
上半年开展活动162场。
EOF
commit wxm 2025-06-30T14:00:00+08:00 "2025年二季度进展报告"

report 02 2025-06-30 delayed 70 "示例区商务委" "convenience-coverage: 80" <<'EOF'
覆盖率达到80%，未完成90%的目标，将继续推进。
EOF
commit cj 2025-06-30T16:00:00+08:00 "商务委二季度进展"

# ---------------------------------------------------------------------------
# 2025 Q3: the 商务委 report is written on a branch and merged with --no-ff.

g branch shangwu-2025q3
g switch -q shangwu-2025q3
report 02 2025-09-30 delayed 80 "示例区商务委" "convenience-coverage: 85" <<'EOF'
覆盖率达到85%，剩余3个社区的网点预计年底前落地。
EOF
commit cj 2025-09-30T09:00:00+08:00 "商务委三季度进展"
g switch -q main

report 01 2025-09-30 in_progress 98 "示例区民政局" "elderly-stations: 30" <<'EOF'
累计建成社区养老服务站30所，达到目标。
EOF
report 05 2025-09-30 in_progress 85 "示例区民政局养老服务科" <<'EOF'
新增助餐点6个。
EOF
commit lf 2025-09-30T10:00:00+08:00 "报送2025年三季度民政领域进展"

report 06 2025-09-30 in_progress 70 "示例区大数据发展局" <<'EOF'
“掌上办”事项增加到58项。
EOF
report 07 2025-09-30 in_progress 95 "示例区文化旅游委" <<'EOF'
三季度开展活动71场。
EOF
commit wxm 2025-09-30T14:00:00+08:00 "2025年三季度进展报告"

as wxm 2025-09-30T16:00:00+08:00 merge -q --no-ff --no-edit \
    -m "合并商务委三季度报告（分支 shangwu-2025q3）" shangwu-2025q3

# ---------------------------------------------------------------------------
# 2025 Q4 (商务委 reports nothing: task 2 stays 逾期).

report 01 2025-12-31 completed 100 "示例区民政局" "elderly-stations: 31" <<'EOF'
全区建成社区养老服务站31所，任务完成。
EOF
report 05 2025-12-31 in_progress 90 "示例区民政局养老服务科" <<'EOF'
社区食堂和助餐点累计22个。
EOF
commit lf 2025-12-31T10:00:00+08:00 "报送2025年四季度民政领域进展"

report 06 2025-12-31 in_progress 85 "示例区大数据发展局" <<'EOF'
平台二期开发完成，进入测试。
EOF
report 07 2025-12-31 completed 100 "示例区文化旅游委" <<'EOF'
全年开展活动301场，每个社区均不少于12场，任务完成。
EOF
commit wxm 2025-12-31T14:00:00+08:00 "2025年四季度进展报告"

# ---------------------------------------------------------------------------

echo "demo: $(g rev-list --count HEAD) commits in demo/repo, HEAD $(g rev-parse --short HEAD)"
SOURCE_DATE_EPOCH=$BUILD_EPOCH "$GONGKAI" build --content "$C" \
    --out "$DEMO/site" --cache-dir "$DEMO/cache"
echo "demo: open file://$DEMO/site/index.html"
