#!/bin/sh
# gen.sh DIR — writes a SYNTHETIC content repository into DIR for the
# benchmark (tests/bench/bench.sh).  Nothing in it is real: every name is
# a 示例 (example) name and every report says it is example data.
#
#   site.yaml
#   plans/city/plan.md                      the city plan, 40 tasks
#   plans/d01 … d37/plan.md                 district plans, parent: city
#   plans/<plan>/tasks/01 … 40.md           sections, lead/support units,
#                                           mixed deadlines, implements
#   plans/<plan>/progress/<task>/<date>.md  20 quarterly reports,
#                                           2021-03-31 … 2025-12-31
#
# 1 + 38 + 38×40 + 38×40×20 = 31,959 files, about 41 MB.  The output is
# deterministic: all variety is derived from the plan, task and quarter
# indices.  POSIX sh and awk only; one awk process writes every file.
#
# `gen.sh --history` writes instead, on stdout, a `git fast-import` stream
# of a SYNTHETIC history of the same files under content/, whose last
# commit holds exactly what `gen.sh DIR` writes (bench.sh checks it):
#
#   1     the first commit: site.yaml, the 38 plans and their tasks
#   760   per quarter (20), one commit per plan (38) adding its 40 reports
#   100   corrections: 5 a quarter, each fixing a report published earlier
#         (its first version had a wrong percent and a wrong sentence)
#   40    deadline changes: 2 a quarter, a task's deadline moved a year on
#   4     renames: a report filed as DATE-2.md, or under a mistyped date
#         (03-13 for 03-31 …, file name and date: field), then renamed
#   2     merges: one plan's quarterly commit made on a side branch
#
# 907 commits; authors, e-mails and dates (+0800) are fixed, so the commit
# ids are the same on every run.  The stream is one awk process; counts
# are bytes (LC_ALL=C), as fast-import wants.
#
# `gen.sh --version` prints the generator version; bench.sh regenerates
# when it changes (it also compares a checksum of this file).
set -eu

GEN_VERSION=2
LC_ALL=C	# awk counts bytes, not characters (fast-import's data counts)
export LC_ALL

if [ "${1:-}" = --version ]; then
	echo "$GEN_VERSION"
	exit 0
fi
if [ $# -ne 1 ]; then
	echo "usage: gen.sh DIR | --history | --version" >&2
	exit 2
fi
stream=0
if [ "$1" = --history ]; then
	stream=1
else
	mkdir -p "$1"
	cd "$1"
	if [ -e plans ] || [ -e site.yaml ]; then
		echo "gen.sh: $1 already holds content; use an empty" \
		    "directory" >&2
		exit 2
	fi
fi

exec awk -v gen_version="$GEN_VERSION" -v stream="$stream" '
function pad2(n) { return n < 10 ? "0" n : "" n }
function q(s) { return "\"" s "\"" }

# Writes `text` to `path` and closes it (so as not to run out of fds); in
# a stream, a fast-import file change of the commit being written.
function emit(path, text) {
	files++
	if (stream) {
		printf "M 100644 inline content/%s\ndata %d\n%s\n", path,
		    length(text), text
		return
	}
	printf "%s", text > path
	close(path)
}

# The nth item of a pool (1-based, wraps around).
function pick(pool, n, size) { return pool[(n % size) + 1] }

function unit_name(p, k) { return region[p] pick(unit_kind, k, NUNIT) }

function init_pools(    i) {
	NUNIT = split("教育委员会 发展改革委 财政局 人力社保局 经济信息委 " \
	    "科技局 规划自然资源局 住房城乡建委 农业农村委 商务委 国资委 " \
	    "总工会", unit_kind, " ")
	NVERB = split("加快建设 深入推进 持续完善 着力提升 统筹推动 " \
	    "积极培育 全面落实 探索建立", verb, " ")
	NOBJ = split("示例职业院校专业群 示例产教融合实训基地 " \
	    "示例“双师型”教师队伍 示例中高职贯通培养体系 " \
	    "示例市域产教联合体 示例现代学徒制试点 示例职业技能等级证书制度 " \
	    "示例数字化教学资源库 示例技能人才评价机制 示例校企合作育人平台 " \
	    "示例职业教育质量年报制度 示例乡村振兴技能培训", object, " ")
	NSEC = split("一、示例章节：完善现代职业教育体系|" \
	    "二、示例章节：扩大优质资源供给|三、示例章节：提高人才培养质量|" \
	    "四、示例章节：深化产教融合校企合作|五、示例章节：强化组织保障",
	    section, "|")
	NSENT = split(\
	    "对照方案要求，逐项梳理任务清单，明确责任人和时间节点。|" \
	    "召开专题推进会，研究解决工作中遇到的困难和问题，形成会议纪要并跟踪落实。|" \
	    "会同相关部门开展实地调研，走访示例院校和示例企业，听取意见建议。|" \
	    "完善工作台账，按月更新进展情况，确保任务可追溯、可考核。|" \
	    "统筹安排专项资金，优先保障重点项目建设，资金拨付进度符合预期。|" \
	    "组织开展师资培训，提升教师实践教学能力和信息化教学水平。|" \
	    "推动校企共建实训基地，引入企业真实生产项目，开展项目化教学。|" \
	    "加强宣传引导，通过政务网站和新媒体平台发布工作动态，营造良好氛围。|" \
	    "建立健全督查机制，对进度滞后的事项及时预警并督促整改。|" \
	    "总结可复制可推广的经验做法，形成典型案例报送上级主管部门。|" \
	    "配合上级部门完成年度考核评估，按要求报送相关材料和数据。|" \
	    "下一阶段将继续围绕目标任务，细化工作措施，确保按期完成。",
	    sentence, "|")
	NITEM = split("完成年度工作方案的制定和印发|" \
	    "召开工作推进会议，部署重点事项|完成阶段性数据统计和分析|" \
	    "开展示例院校专项督导检查|组织示例企业参与人才培养方案修订|" \
	    "发布工作动态和政策解读|完成项目申报材料的审核与报送|" \
	    "开展示例技能竞赛和成果展示活动", item, "|")
	NIND = split("示例市级优质专业|示例“双师型”教师占比|" \
	    "示例职业院校在校生规模|示例校企合作企业数|" \
	    "示例毕业生就业率|示例技能培训人次|示例实训基地数|" \
	    "示例生师比", ind_name, "|")
	split("个|%|人|家|%|人次|个|:1", ind_unit, "|")
	split("12 90 20000 300 95 50000 30 18", ind_target, " ")
	split("5 60 15000 120 88 20000 10 22", ind_base, " ")
	split("at_least at_least at_least at_least at_least at_least " \
	    "at_least at_most", ind_dir, " ")
}

function site_yaml() {
	emit("site.yaml", \
	    "# SYNTHETIC benchmark content written by tests/bench/gen.sh " \
	    "(version " gen_version ").\n" \
	    "# Every name in it is an example (示例); nothing is real.\n" \
	    "title: \"示例市职业教育实施方案公开（合成基准测试数据）\"\n" \
	    "base_url: \"https://example.org/bench\"\n" \
	    "language: \"zh-CN\"\n" \
	    "footer:\n" \
	    "  - \"本站内容为基准测试自动生成的示例数据，并非真实文件。\"\n")
}

function plan_md(p,    s, i, n, t, text) {
	s = "---\n"
	s = s "title: " q(region[p] "关于推动职业教育高质量发展的示例实施方案") "\n"
	s = s "region: " q(region[p]) "\n"
	s = s "issuer: " q(region[p] "人民政府") "\n"
	s = s "issued: " q("2021-" pad2(1 + p % 12) "-" pad2(1 + (p * 7) % 28)) "\n"
	s = s "doc_number: " q(region[p] "府发〔2021〕" (p + 3) "号") "\n"
	s = s "disclosure: \"public\"\n"
	if (p > 0)
		s = s "parent: \"city\"\n"
	s = s "sections:\n"
	for (i = 1; i <= NSEC; i++)
		s = s "  - id: \"s" i "\"\n    title: " q(section[i]) "\n"
	n = p == 0 ? 8 : 6
	s = s "indicators:\n"
	for (i = 1; i <= n; i++) {
		s = s "  - id: \"ind-" i "\"\n"
		s = s "    name: " q(ind_name[i]) "\n"
		s = s "    unit: " q(ind_unit[i]) "\n"
		t = ind_target[i]
		if (p > 0 && ind_unit[i] != "%" && ind_unit[i] != ":1")
			t = int(t / 10) + p
		s = s "    target: " t "\n"
		s = s "    direction: " q(ind_dir[i]) "\n"
		if (i % 3 != 0)
			s = s "    baseline: " (p > 0 && ind_unit[i] != "%" && \
			    ind_unit[i] != ":1" ? int(ind_base[i] / 10) : \
			    ind_base[i]) "\n"
		if (i % 4 != 1)
			s = s "    deadline: " q(i % 2 ? "2025" : "2025-12") "\n"
		s = s "    task: " q(pad2(i)) "\n"
	}
	s = s "---\n\n"
	s = s "（本文件为基准测试自动生成的示例数据，并非真实文件。）\n\n"
	s = s "## 总体要求\n\n"
	for (i = 0; i < 4; i++)
		s = s pick(sentence, p + i * 5, NSENT)
	s = s "\n\n## 主要目标\n\n到2025年，" region[p] "示例职业教育体系基本建成：\n\n"
	for (i = 1; i <= n; i++)
		s = s "- " ind_name[i] "达到目标值；\n"
	s = s "\n## 保障措施\n\n"
	for (i = 0; i < 3; i++)
		s = s pick(sentence, p * 3 + i + 7, NSENT)
	s = s "\n"
	emit("plans/" id[p] "/plan.md", s)
}

function task_path(p, t) { return "plans/" id[p] "/tasks/" pad2(t) ".md" }

# The task facts its reports repeat: task_title, task_lead, task_reporter.
function task_meta(p, t) {
	task_title = pick(verb, t + p, NVERB) pick(object, t * 5 + p, NOBJ)
	task_lead = t % 13 != 0 ? unit_name(p, t) : ""
	task_reporter = t % 13 != 0 ? task_lead : region[p] "教育委员会"
}

# The text of task t of plan p; variant 1 (history only): the deadline a
# year earlier, as first published.
function task_md(p, t, variant,    s, k, n, dl, j) {
	task_meta(p, t)
	s = "---\n"
	s = s "number: " t "\n"
	s = s "title: " q(task_title) "\n"
	s = s "section: \"s" (int((t - 1) / 8) + 1) "\"\n"
	if (t % 13 != 0) {
		s = s "lead:\n  - " q(task_lead) "\n"
		if (t % 7 == 0)
			s = s "  - " q(unit_name(p, t + 5)) "\n"
		n = 1 + (t + p) % 4
		s = s "support:\n"
		for (j = 1; j <= n; j++)
			s = s "  - " q(unit_name(p, t + j * 3 + 1)) "\n"
	}
	k = (t + p) % 6
	if (k == 0)
		dl = "202" (2 + t % 4) "-" pad2(1 + t % 12) "-" (t % 2 ? "28" : "15")
	else if (k == 1)
		dl = "202" (3 + t % 3) "-" pad2(6 + t % 7)
	else if (k == 2)
		dl = "202" (3 + t % 3)
	else if (k == 3)
		dl = "ongoing"
	else if (k == 4)
		dl = ""
	else
		dl = "2025-12-31"
	if (variant == 1 && dl ~ /^202[0-9]/)
		dl = (substr(dl, 1, 4) - 1) substr(dl, 5)
	if (dl != "")
		s = s "deadline: " q(dl) "\n"
	if (p > 0) {
		s = s "implements:\n  - \"city/" pad2(t) "\"\n"
		if (t % 5 == 0)
			s = s "  - \"city/" pad2(t % 40 + 1) "\"\n"
	}
	if (p % 10 == 3 && t == 40)
		s = s "disclosure: \"internal\"\n"
	s = s "---\n\n"
	s = s pick(sentence, t + p, NSENT) pick(sentence, t * 3 + p, NSENT) "\n\n"
	s = s "（示例任务，基准测试自动生成。）\n"
	return s
}

function report_date(qi, variant,    k) {
	k = qi % 4 + 1
	return (2021 + int(qi / 4)) "-" \
	    (variant == 2 ? typo_end[k] : quarter_end[k])
}

function report_path(p, t, qi, variant) {
	return "plans/" id[p] "/progress/" pad2(t) "/" \
	    report_date(qi, variant) ".md"
}

# The text of the report of quarter qi (0 … 19) of task t of plan p, after
# task_meta(p, t).  Variants (history only): 1, as first published, with
# a wrong percent (when in progress) and a wrong first sentence; 2, with
# a mistyped date.
function report_md(p, t, qi, variant,    s, date, start, done, st, pct,
    n, i, j, h, nind, v, lo, hi) {
	date = report_date(qi, variant)
	start = (t * 3 + p) % 6
	done = start + 6 + (t * 7 + p) % 16	# ≥ 20: never completed
	if (qi < start) {
		st = "not_started"; pct = 0
	} else if (qi >= done) {
		st = "completed"; pct = 100
	} else {
		pct = int(100 * (qi - start + 1) / (done - start + 1))
		st = (t % 9 == 0 && qi - start >= 3 && qi - start < 6) ? \
		    "delayed" : "in_progress"
		if (variant == 1)
			pct = pct >= 10 ? pct - 10 : pct + 10
	}
	s = "---\n"
	s = s "date: " date "\n"
	s = s "status: " st "\n"
	if ((t + qi) % 5 != 4)
		s = s "percent: " pct "\n"
	s = s "reporter: " q(task_reporter) "\n"
	nind = p == 0 ? 8 : 6
	if (t <= nind && qi % 2 == 1) {
		lo = ind_base[t] + 0; hi = ind_target[t] + 0
		if (p > 0 && ind_unit[t] != "%" && ind_unit[t] != ":1") {
			lo = int(lo / 10); hi = int(hi / 10) + p
		}
		v = lo + (hi - lo) * (qi + 1) / 20
		s = s "values:\n  ind-" t ": " \
		    (v == int(v) ? v : sprintf("%.1f", v)) "\n"
	}
	if ((p * 800 + t * 20 + qi) % 97 == 0)
		s = s "disclosure: internal\n"
	s = s "---\n\n"
	h = p * 1000 + t * 20 + qi
	s = s "本季度，" task_reporter "围绕“" task_title "”开展工作。"
	n = 2 + h % 3
	for (i = 0; i < n; i++)
		s = s pick(sentence, h + (i == 0 && variant == 1 ? 1 : i * 5),
		    NSENT)
	s = s "\n\n"
	for (i = 0; i < 2 + h % 2; i++)
		s = s pick(sentence, h * 7 + i * 3 + 1, NSENT)
	s = s "\n\n本季度主要进展：\n\n"
	n = 3 + h % 3
	for (i = 0; i < n; i++)
		s = s "- " pick(item, h + i * 3, NITEM) "；\n"
	s = s "\n| 事项 | 计划数 | 完成数 | 完成率 |\n|---|---:|---:|---:|\n"
	n = 3 + (h + 1) % 3
	for (i = 0; i < n; i++) {
		j = 10 + (h * (i + 3)) % 40
		v = int(j * pct / 100)
		s = s "| " pick(item, h + i * 5 + 2, NITEM) " | " j " | " v \
		    " | " int(100 * v / j) "% |\n"
	}
	s = s "\n完成进度为 **" pct "%**。（以上为基准测试自动生成的示例数据，" \
	    "并非真实进展。）\n"
	return s
}

# ---- the history (--history) ----------------------------------------------

# Seconds since the epoch of local midnight (+0800) of a date.
function local_midnight(y, m, d,    a, yy, mm) {
	a = int((14 - m) / 12)
	yy = y + 4800 - a
	mm = m + 12 * a - 3
	return (d + int((153 * mm + 2) / 5) + 365 * yy + int(yy / 4) - \
	    int(yy / 100) + int(yy / 400) - 32045 - 2440588) * 86400 - 8 * 3600
}

# Whether the report (or its task) is internal: its changes are not shown.
function internal(p, t, qi) {
	return (p * 800 + t * 20 + qi) % 97 == 0 || (p % 10 == 3 && t == 40)
}

# Whether task t of plan p has a deadline with a year (variant 1 moves it).
function dated(p, t,    k) {
	k = (t + p) % 6
	return (k <= 2 || k == 5) && !(p % 10 == 3 && t == 40)
}

function as_editor(p) {
	who_name = region[p] "信息员"
	who_mail = "editor-" id[p] "@example.org"
}

function as_office(name, mail) { who_name = name; who_mail = mail }

# Starts a commit on main with parent `from` (a mark; 0: none) and a second
# parent `merge` (0: none); returns its mark.  File changes follow.
function commit(when, msg, from, merge) {
	marks++
	printf "commit refs/heads/main\nmark :%d\n", marks
	printf "author %s <%s> %d +0800\n", who_name, who_mail, when
	printf "committer %s <%s> %d +0800\n", who_name, who_mail, when
	printf "data %d\n%s\n", length(msg), msg
	if (from)
		printf "from :%d\n", from
	if (merge)
		printf "merge :%d\n", merge
	return marks
}

function quarter_name(qi) {
	return (2021 + int(qi / 4)) "年第" (qi % 4 + 1) "季度"
}

# Where the report renamed in quarter qi was first filed: DATE-2.md, or
# under the mistyped date.
function misfiled_path(p, t, qi,    path) {
	if (ren_kind[qi] == 2)
		return report_path(p, t, qi, 2)
	path = report_path(p, t, qi, 0)
	return substr(path, 1, length(path) - 3) "-2.md"
}

# The 40 reports of plan p for quarter qi, as first published.
function quarter_reports(p, qi,    t) {
	for (t = 1; t <= NTASK; t++) {
		task_meta(p, t)
		if (ren_p[qi] == p && ren_t[qi] == t)
			emit(misfiled_path(p, t, qi),
			    report_md(p, t, qi, ren_kind[qi] == 2 ? 2 : 0))
		else
			emit(report_path(p, t, qi, 0),
			    report_md(p, t, qi, corrected[p, t, qi] ? 1 : 0))
	}
}

# Chooses what is corrected, moved, renamed and merged, and when.
function history_plan(    qi, k, p, t, qc) {
	ren_kind[3] = ren_kind[11] = 1		# DATE-2.md → DATE.md
	ren_kind[7] = ren_kind[16] = 2		# mistyped date
	merge_p[9] = 5
	merge_p[14] = 22
	for (qi = 0; qi < NQ; qi++) {
		ren_p[qi] = -1
		if (!(qi in merge_p))
			merge_p[qi] = -1
		if (!(qi in ren_kind))
			continue
		p = (qi * 3 + 2) % (NPLAN + 1)
		t = 1 + (qi * 7) % NTASK
		while (internal(p, t, qi))
			t = t % NTASK + 1
		ren_p[qi] = p
		ren_t[qi] = t
		used[p, t, qi] = 1
	}
	for (qi = 0; qi < NQ; qi++) {
		for (k = 0; k < 5; k++) {	# corrections
			qc = qi - k % 3
			if (qc < 0)
				qc = qi
			p = (qi * 7 + k * 11 + 1) % (NPLAN + 1)
			t = 1 + (qi * 13 + k * 17) % NTASK
			while ((p, t, qc) in used || internal(p, t, qc))
				t = t % NTASK + 1
			used[p, t, qc] = 1
			corrected[p, t, qc] = 1
			corr_p[qi, k] = p
			corr_t[qi, k] = t
			corr_q[qi, k] = qc
		}
		for (k = 0; k < 2; k++) {	# deadline changes
			p = (qi * 5 + k * 19 + 3) % (NPLAN + 1)
			t = 1 + (qi * 11 + k * 23 + 5) % NTASK
			while ((p, t) in moved || !dated(p, t))
				t = t % NTASK + 1
			moved[p, t] = 1
			dl_p[qi, k] = p
			dl_t[qi, k] = t
		}
	}
}

function history(    qi, p, t, k, tip, side, fork, day0, when, branch) {
	history_plan()
	as_office("示例市教育委员会信息中心", "xinxi@example.org")
	tip = commit(local_midnight(2021, 2, 1) + 9 * 3600 + 30 * 60,
	    "初始化：示例市及各区实施方案和任务分解\n\n" \
	    "（基准测试自动生成的示例数据，并非真实文件。）\n", 0, 0)
	site_yaml()
	for (p = 0; p <= NPLAN; p++) {
		plan_md(p)
		for (t = 1; t <= NTASK; t++) {
			k = (p, t) in moved
			emit(task_path(p, t), task_md(p, t, k))
		}
	}
	print ""
	for (qi = 0; qi < NQ; qi++) {
		# Quarter qi ends on day0 + 24 days; all its commits come before.
		split(report_date(qi, 0), ymd, "-")
		day0 = local_midnight(ymd[1], ymd[2], ymd[3]) - 24 * 86400
		for (p = 0; p <= NPLAN; p++) {
			when = day0 + 9 * 3600 + p * 10 * 3600 + (p * 37 % 60) * 60
			as_editor(p)
			if (p == merge_p[qi]) {
				fork = tip
				branch = id[p] "-" (2021 + int(qi / 4)) "q" \
				    (qi % 4 + 1)
				side = commit(when, region[p] "：报送" \
				    quarter_name(qi) "进展报告\n", fork, 0)
			} else
				tip = commit(when, region[p] "：报送" \
				    quarter_name(qi) "进展报告\n", tip, 0)
			quarter_reports(p, qi)
			print ""
		}
		if (merge_p[qi] >= 0) {
			as_office("示例市教育委员会信息中心", "xinxi@example.org")
			tip = commit(day0 + 9 * 3600 + 39 * 10 * 3600,
			    "Merge branch \047" branch "\047\n", tip, side)
			quarter_reports(merge_p[qi], qi)
			print ""
		}
		for (k = 0; k < 5; k++) {
			p = corr_p[qi, k]
			t = corr_t[qi, k]
			as_editor(p)
			tip = commit(day0 + 17 * 86400 + k * 20 * 3600 + 14 * 3600,
			    "更正" region[p] "任务" pad2(t) "的" \
			    report_date(corr_q[qi, k], 0) "进展报告\n\n" \
			    "原报送的完成情况有误，经核实予以更正。\n", tip, 0)
			task_meta(p, t)
			emit(report_path(p, t, corr_q[qi, k], 0),
			    report_md(p, t, corr_q[qi, k], 0))
			print ""
		}
		for (k = 0; k < 2; k++) {
			p = dl_p[qi, k]
			t = dl_t[qi, k]
			as_editor(p)
			tip = commit(day0 + 21 * 86400 + k * 24 * 3600 + 10 * 3600,
			    "调整" region[p] "任务" pad2(t) "的完成时限\n\n" \
			    "经批准，完成时限顺延一年。\n", tip, 0)
			emit(task_path(p, t), task_md(p, t, 0))
			print ""
		}
		if (ren_p[qi] >= 0) {
			p = ren_p[qi]
			t = ren_t[qi]
			as_editor(p)
			tip = commit(day0 + 23 * 86400 + 11 * 3600,
			    "修正" region[p] "任务" pad2(t) "进展报告的文件名\n",
			    tip, 0)
			printf "D content/%s\n", misfiled_path(p, t, qi)
			task_meta(p, t)
			emit(report_path(p, t, qi, 0), report_md(p, t, qi, 0))
			print ""
		}
	}
	printf "gen.sh: wrote a history of %d commits (synthetic, " \
	    "generator version %s)\n", marks, gen_version > "/dev/stderr"
}

BEGIN {
	init_pools()
	split("03-31 06-30 09-30 12-31", quarter_end, " ")
	split("03-13 06-03 09-03 12-13", typo_end, " ")
	NPLAN = 37; NTASK = 40; NQ = 20
	id[0] = "city"; region[0] = "示例市"
	for (p = 1; p <= NPLAN; p++) {
		id[p] = "d" pad2(p); region[p] = "示例第" pad2(p) "区"
	}
	if (stream) {
		history()
		exit 0
	}
	mkdir = "xargs mkdir -p"
	for (p = 0; p <= NPLAN; p++) {
		print "plans/" id[p] "/tasks" | mkdir
		for (t = 1; t <= NTASK; t++)
			print "plans/" id[p] "/progress/" pad2(t) | mkdir
	}
	if (close(mkdir) != 0) {
		print "gen.sh: mkdir failed" > "/dev/stderr"
		exit 1
	}
	site_yaml()
	for (p = 0; p <= NPLAN; p++) {
		plan_md(p)
		for (t = 1; t <= NTASK; t++) {
			emit(task_path(p, t), task_md(p, t, 0))
			for (qi = 0; qi < NQ; qi++)
				emit(report_path(p, t, qi, 0),
				    report_md(p, t, qi, 0))
		}
	}
	printf "gen.sh: wrote %d files (synthetic, generator version %s)\n",
	    files, gen_version > "/dev/stderr"
}'
