/*
 * Transcription fidelity: loads content/ with the real loader and pins
 * the six real plans to the five documents they were transcribed from,
 * the PDF extractions in $GONGKAI_ROOT/../shared/seeds (000 = 武隆区,
 * 001 = 江津区, 002 = 北碚区, 003 = 云阳县, 004 = 渝府发〔2021〕35号 with
 * its 附件1 → chongqing-moe and 附件2 → chongqing).
 *
 * Both sides are normalised the same way before comparing (normalise()):
 * whitespace goes (ASCII, U+3000, NBSP, BOM: the extraction breaks lines
 * and pads digits with spaces, the Markdown breaks paragraphs), and so
 * does the extraction's debris: `[bookmark: …]` markers, page numbers
 * (—6—, ― 12 ―, － 6 －, - 6 -), 北碚's page header (重庆市北碚区人民政府
 * 行政规范性文件 … 发布) and the table headers repeated on every page
 * (序号 工作任务内容 责任单位 …).  Nothing else is forgiven.
 *
 * Checked, per plan: the task count; every title verbatim in its part of
 * the seed, right after its own number (1, 2 … in the tables, "1." in
 * 北碚, "（一）" in 云阳); 北碚's and 云阳's bodies verbatim paragraph by
 * paragraph and as a whole, with nothing of the document left out after
 * them; the unit wording; 武隆's 重点任务（项目）一览表, parsed here from the
 * seed (lead, support, deadline, title and heading of all 37 rows);
 * every indicator against a table verified by hand against the seeds,
 * each target found in the seed next to its unit; parents and
 * `implements`; no progress reports.
 *
 * Without the seeds the test says "skip" and passes.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "load/content.h"
#include "load/source.h"
#include "testlib.h"

#define MAX_SEED_SIZE	(4 * 1024 * 1024)

/* ---------------------------------------------------------------- */
/* Normalisation                                                     */
/* ---------------------------------------------------------------- */

/* Decodes one UTF-8 character; never reads past a NUL. */
static size_t
u8_next(const char *s, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xe0) == 0xc0 && p[1] != 0) {
		*cp = ((unsigned long)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		return 2;
	}
	if ((p[0] & 0xf0) == 0xe0 && p[1] != 0 && p[2] != 0) {
		*cp = ((unsigned long)(p[0] & 0x0f) << 12) |
		    ((unsigned long)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		return 3;
	}
	if ((p[0] & 0xf8) == 0xf0 && p[1] != 0 && p[2] != 0 && p[3] != 0) {
		*cp = ((unsigned long)(p[0] & 0x07) << 18) |
		    ((unsigned long)(p[1] & 0x3f) << 12) |
		    ((unsigned long)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
		return 4;
	}
	*cp = p[0];
	return 1;
}

static int
is_space(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\f' || cp == '\v' || cp == 0x3000 || cp == 0xa0 ||
	    cp == 0xfeff;
}

static int
is_dash(unsigned long cp)
{
	return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 ||
	    cp == 0x2212 || cp == 0xff0d;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The table headers, as they read once whitespace is gone. */
static const char *const table_headers[] = {
	"序号工作任务内容责任单位",		/* 004 附件2 (every page), 001 */
	"序号支持事项内容",			/* 004 附件1 */
	"序号工作任务责任单位（排在第一的为牵头单位）完成时限",	/* 000 */
	NULL
};

/* 北碚's running page header: 重庆市北碚区人民政府行政规范性文件 … 发布. */
#define PAGE_HEADER_START	"重庆市北碚区人民政府行政规范性文件"
#define PAGE_HEADER_END		"发布"
#define PAGE_HEADER_MAX		96	/* bytes between start and end */

/*
 * A page number at `s`: a dash, one to three digits, a dash (—6—,
 * ―12―, －6－, -6-, spaces already gone).  Returns its length or 0.
 */
static size_t
page_number(const char *s)
{
	unsigned long cp;
	size_t n, digits = 0;

	n = u8_next(s, &cp);
	if (!is_dash(cp))
		return 0;
	while (is_digit(s[n]) && digits < 4) {
		n++;
		digits++;
	}
	if (digits == 0 || digits > 3)
		return 0;
	n += u8_next(s + n, &cp);
	return is_dash(cp) ? n : 0;
}

/* Returns the normalised copy of `s` in the arena (see the top). */
static char *
normalise(struct arena *arena, const char *s)
{
	size_t len = strlen(s), i, n, k;
	char *t = arena_alloc(arena, len + 1), *out = t;
	unsigned long cp;
	const char *end;

	/* Pass 1: drop [bookmark: …] markers and whitespace. */
	for (i = 0; s[i] != '\0'; i += n) {
		if (strncmp(s + i, "[bookmark:", 10) == 0 &&
		    (end = strchr(s + i, ']')) != NULL &&
		    end - (s + i) < 256 && memchr(s + i, '\n',
		    (size_t)(end - (s + i))) == NULL) {
			n = (size_t)(end - (s + i)) + 1;
			continue;
		}
		n = u8_next(s + i, &cp);
		if (!is_space(cp)) {
			memcpy(out, s + i, n);
			out += n;
		}
	}
	*out = '\0';

	/* Pass 2, in place: drop headers and page numbers. */
	out = t;
	for (i = 0; t[i] != '\0'; i += n) {
		n = 0;
		for (k = 0; table_headers[k] != NULL && n == 0; k++)
			if (strncmp(t + i, table_headers[k],
			    strlen(table_headers[k])) == 0)
				n = strlen(table_headers[k]);
		if (n == 0 && strncmp(t + i, PAGE_HEADER_START,
		    strlen(PAGE_HEADER_START)) == 0) {
			const char *from = t + i + strlen(PAGE_HEADER_START);
			const char *hit = strstr(from, PAGE_HEADER_END);

			if (hit != NULL && hit - from <= PAGE_HEADER_MAX)
				n = (size_t)(hit - (t + i)) +
				    strlen(PAGE_HEADER_END);
		}
		if (n == 0 && (out == t || !is_digit(out[-1])))
			n = page_number(t + i);
		if (n != 0)
			continue;
		n = u8_next(t + i, &cp);
		memmove(out, t + i, n);
		out += n;
	}
	*out = '\0';
	return t;
}

/* ---------------------------------------------------------------- */
/* Small helpers                                                     */
/* ---------------------------------------------------------------- */

static const char *
last_occurrence(const char *hay, const char *needle)
{
	const char *p, *last = NULL;

	for (p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
		last = p;
	return last;
}

static size_t
count_occurrences(const char *hay, const char *needle)
{
	const char *p;
	size_t n = 0;

	for (p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

/*
 * Finds `label` immediately followed by `text` in `hay`, with no digit
 * right before the label (so "1" does not match the end of "21").
 * Returns where `text` starts, or NULL.
 */
static const char *
find_labelled(struct arena *arena, const char *hay, const char *label,
    const char *text)
{
	const char *want = arena_printf(arena, "%s%s", label, text), *p;

	for (p = strstr(hay, want); p != NULL; p = strstr(p + 1, want))
		if (p == hay || !is_digit(p[-1]))
			return p + strlen(label);
	return NULL;
}

/* Removes the one occurrence of `what` from `hay`; NULL unless exactly one. */
static char *
remove_once(struct arena *arena, const char *hay, const char *what)
{
	const char *p = strstr(hay, what);

	if (*what == '\0' || p == NULL || count_occurrences(hay, what) != 1)
		return NULL;
	return arena_printf(arena, "%.*s%s", (int)(p - hay), hay,
	    p + strlen(what));
}

static char *
read_file(struct arena *arena, const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *data;
	size_t len;

	if (f == NULL)
		return NULL;
	if (fstat(fileno(f), &st) == -1 || st.st_size > MAX_SEED_SIZE) {
		fclose(f);
		return NULL;
	}
	data = arena_alloc(arena, (size_t)st.st_size + 1);
	len = fread(data, 1, (size_t)st.st_size, f);
	fclose(f);
	data[len] = '\0';
	*lenp = len;
	return data;
}

/* The seed whose name starts with `prefix` ("000") in `dir`, normalised. */
struct seed {
	const char	*prefix;
	const char	*path;
	const char	*raw;		/* as extracted */
	const char	*text;		/* normalised */
};

static int
seed_load(struct arena *arena, const char *dir, struct seed *seed)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t len, bad, plen = strlen(seed->prefix);
	char *raw;

	seed->path = NULL;
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > plen + 4 && strncmp(e->d_name, seed->prefix, plen) == 0
		    && e->d_name[plen] == '_' &&
		    strcmp(e->d_name + n - 4, ".txt") == 0) {
			seed->path = arena_printf(arena, "%s/%s", dir,
			    e->d_name);
			break;
		}
	}
	closedir(d);
	if (seed->path == NULL ||
	    (raw = read_file(arena, seed->path, &len)) == NULL)
		return -1;
	if (strlen(raw) != len || !utf8_validate(raw, len, &bad))
		return -1;
	seed->raw = raw;
	seed->text = normalise(arena, raw);
	return 0;
}

/* ---------------------------------------------------------------- */
/* What each plan is checked against                                 */
/* ---------------------------------------------------------------- */

enum label_style {
	LABEL_NUMBER,		/* "1" (a table's 序号 column) */
	LABEL_NUMBER_DOT,	/* "1." (北碚) */
	LABEL_PAREN_HAN,	/* "（一）", counted within the section (云阳) */
};

enum body_style {
	BODY_NONE,
	BODY_THEN_UNITS,	/* body, then 责任单位：<units_text> (北碚) */
	BODY_THEN_HEADING,	/* body, then the next （N） or 部分 (云阳) */
};

struct plan_spec {
	const char		*id;
	int			 seed;		/* index into seeds[] */
	const char		*from;		/* part starts at its last occurrence */
	const char		*to;		/* and ends before this, or NULL */
	long			 tasks;		/* tasks in the document */
	enum label_style	 label;
	enum body_style		 body;
	const char		*parent;	/* NULL: none */
	struct seed		*s;
	const char		*part;		/* the normalised part */
};

static struct seed seeds[] = {
	{ "000", NULL, NULL, NULL },	/* 武隆区 */
	{ "001", NULL, NULL, NULL },	/* 江津区 */
	{ "002", NULL, NULL, NULL },	/* 北碚区 */
	{ "003", NULL, NULL, NULL },	/* 云阳县 */
	{ "004", NULL, NULL, NULL },	/* 渝府发〔2021〕35号 */
};

/*
 * 云阳's tasks are the （一）（二）… measures of parts 二 to 五:
 * 4 + 4 + 3 + 3 = 14 in seed 003.
 */
static struct plan_spec specs[] = {
	{ "chongqing", 4, "附件2重庆市工作任务清单", "备注：市级有关部门",
	    40, LABEL_NUMBER, BODY_NONE, NULL, NULL, NULL },
	{ "chongqing-moe", 4, "附件1教育部支持事项清单",
	    "附件2重庆市工作任务清单",
	    11, LABEL_NUMBER, BODY_NONE, NULL, NULL, NULL },
	{ "wulong", 0, "重点任务（项目）一览表", NULL,
	    37, LABEL_NUMBER, BODY_NONE, "chongqing", NULL, NULL },
	{ "jiangjin", 1, "工作任务清单", "备注：区级有关部门",
	    33, LABEL_NUMBER, BODY_NONE, "chongqing", NULL, NULL },
	{ "beibei", 2, "三、工作任务", "四、加强组织实施",
	    18, LABEL_NUMBER_DOT, BODY_THEN_UNITS, NULL, NULL, NULL },
	{ "yunyang", 3, "二、围绕经济社会发展新格局", "六、强化工作保障",
	    14, LABEL_PAREN_HAN, BODY_THEN_HEADING, "chongqing", NULL, NULL },
};

#define NSPECS	(sizeof(specs) / sizeof(specs[0]))

static const char *const han_numerals[] = {
	"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
};

/* The label written before task `index` of `plan` (tasks by number). */
static const char *
task_label(struct arena *arena, const struct plan_spec *spec,
    const struct plan *plan, size_t index)
{
	const struct task *t = plan->tasks.items[index];
	size_t i, within = 0;

	switch (spec->label) {
	case LABEL_NUMBER:
		return arena_printf(arena, "%ld", t->number);
	case LABEL_NUMBER_DOT:
		return arena_printf(arena, "%ld.", t->number);
	case LABEL_PAREN_HAN:
		for (i = 0; i <= index; i++) {
			const struct task *u = plan->tasks.items[i];

			if (i > 0 && (u->section_id == NULL ||
			    ((const struct task *)plan->tasks.items[i - 1])->
			    section_id == NULL || strcmp(u->section_id,
			    ((const struct task *)plan->tasks.items[i - 1])->
			    section_id) != 0))
				within = 0;
			within++;
		}
		if (within > 10)
			return "（?）";
		return arena_printf(arena, "（%s）", han_numerals[within]);
	}
	return "";
}

/* ---------------------------------------------------------------- */
/* Task counts, titles, bodies, units                                */
/* ---------------------------------------------------------------- */

static void
check_counts(struct arena *arena, const struct plan_spec *spec,
    const struct plan *plan)
{
	size_t i, bad = 0;

	CHECK((long)plan->tasks.len == spec->tasks,
	    "%s: %zu tasks, the document has %ld", spec->id,
	    plan->tasks.len, spec->tasks);
	for (i = 0; i < plan->tasks.len; i++) {
		const struct task *t = plan->tasks.items[i];
		const char *want = arena_printf(arena, "%02ld", (long)i + 1);

		if (t->number != (long)i + 1 || strcmp(t->id, want) != 0) {
			printf("#   %s: task %s has number %ld at position "
			    "%zu\n", spec->id, t->id, t->number, i + 1);
			bad++;
		}
	}
	CHECK(bad == 0, "%s: tasks numbered 1..%zu with ids 01..%02zu",
	    spec->id, plan->tasks.len, plan->tasks.len);
}

static void
check_titles(struct arena *arena, const struct plan_spec *spec,
    const struct plan *plan)
{
	size_t i, bad = 0, split = 0;

	for (i = 0; i < plan->tasks.len; i++) {
		const struct task *t = plan->tasks.items[i];
		const char *label = task_label(arena, spec, plan, i);
		const char *title = normalise(arena, t->title);
		const char *hay;

		if (find_labelled(arena, spec->part, label, title) != NULL)
			continue;
		/*
		 * A table row broken by a page can have its unit column
		 * printed in the middle of its text (渝府发 附件2 row 28):
		 * try again without that row's own units.
		 */
		if (t->units_text != NULL &&
		    (hay = remove_once(arena, spec->part,
		    normalise(arena, t->units_text))) != NULL &&
		    find_labelled(arena, hay, label, title) != NULL) {
			split++;
			continue;
		}
		bad++;
		if (strstr(spec->part, title) != NULL)
			printf("#   %s/%s: title found, but not after its "
			    "number %s\n", spec->id, t->id, label);
		else
			printf("#   %s/%s: title not in seed %s: [%s]\n",
			    spec->id, t->id, spec->s->prefix, t->title);
	}
	CHECK(bad == 0, "%s: all %zu titles verbatim in seed %s after their "
	    "number%s", spec->id, plan->tasks.len, spec->s->prefix,
	    split ? arena_printf(arena, " (%zu split by its unit column)",
	    split) : "");
}

/* Splits a Markdown body into paragraphs at blank lines. */
static void
paragraphs(struct arena *arena, const char *body, struct ptrvec *out)
{
	const char *p = body, *line, *eol, *start = NULL;
	size_t k;

	while (*p != '\0') {
		int blank = 1;

		line = p;
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		for (k = 0; line + k < eol; k++)
			if (line[k] != ' ' && line[k] != '\t' &&
			    line[k] != '\r')
				blank = 0;
		if (!blank && start == NULL)
			start = line;
		if (blank && start != NULL) {
			ptrvec_push(arena, out, arena_strndup(arena, start,
			    (size_t)(line - start)));
			start = NULL;
		}
		p = *eol == '\n' ? eol + 1 : eol;
	}
	if (start != NULL)
		ptrvec_push(arena, out, arena_strdup(arena, start));
}

/* Whether `s` starts with a part heading: 一、 二、 … */
static int
is_part_heading(const char *s)
{
	size_t k;

	for (k = 1; k < sizeof(han_numerals) / sizeof(han_numerals[0]); k++) {
		size_t n = strlen(han_numerals[k]);

		if (strncmp(s, han_numerals[k], n) == 0 &&
		    strncmp(s + n, "、", strlen("、")) == 0)
			return 1;
	}
	return 0;
}

/* Whether `s` starts a heading that may follow a 云阳 task's body. */
static int
starts_heading(const char *s)
{
	return *s == '\0' || strncmp(s, "（", strlen("（")) == 0 ||
	    is_part_heading(s);
}

static void
check_bodies(struct arena *arena, const struct plan_spec *spec,
    const struct plan *plan)
{
	size_t i, j, total = 0, bad_para = 0, bad_whole = 0;

	if (spec->body == BODY_NONE)
		return;
	for (i = 0; i < plan->tasks.len; i++) {
		const struct task *t = plan->tasks.items[i];
		const char *label = task_label(arena, spec, plan, i);
		struct ptrvec paras = { NULL, 0, 0 };
		const char *body = t->body != NULL ? t->body : "";
		const char *whole, *at;

		paragraphs(arena, body, &paras);
		if (paras.len == 0) {
			printf("#   %s/%s: no body\n", spec->id, t->id);
			bad_para++;
		}
		for (j = 0; j < paras.len; j++) {
			total++;
			if (strstr(spec->part, normalise(arena,
			    paras.items[j])) == NULL) {
				printf("#   %s/%s: paragraph %zu not in seed "
				    "%s: [%s]\n", spec->id, t->id, j + 1,
				    spec->s->prefix,
				    (const char *)paras.items[j]);
				bad_para++;
			}
		}

		/* The title and the whole body in one run, then what follows. */
		whole = arena_printf(arena, "%s%s", normalise(arena, t->title),
		    normalise(arena, body));
		at = find_labelled(arena, spec->part, label, whole);
		if (at != NULL && spec->body == BODY_THEN_UNITS) {
			const char *units = t->units_text != NULL ?
			    normalise(arena, t->units_text) : "\x01";

			at += strlen(whole);
			if (strncmp(at, "责任单位：", strlen("责任单位：")) != 0
			    || strncmp(at + strlen("责任单位："), units,
			    strlen(units)) != 0)
				at = NULL;
		} else if (at != NULL && !starts_heading(at + strlen(whole)))
			at = NULL;
		if (at == NULL) {
			printf("#   %s/%s: %s + title + body is not one run of "
			    "seed %s followed by %s\n", spec->id, t->id, label,
			    spec->s->prefix, spec->body == BODY_THEN_UNITS ?
			    "责任单位：<units_text>" : "the next heading");
			bad_whole++;
		}
	}
	CHECK(bad_para == 0, "%s: all %zu body paragraphs of %zu tasks "
	    "verbatim in seed %s", spec->id, total, plan->tasks.len,
	    spec->s->prefix);
	CHECK(bad_whole == 0, "%s: every body follows its title in the seed "
	    "with nothing left out before %s", spec->id,
	    spec->body == BODY_THEN_UNITS ? "责任单位" : "the next heading");
}

/*
 * The units as units_text lists them: split at 、 and ，, without a
 * trailing 等 or 。 — must be lead then support, in order.
 */
static int
units_match(struct arena *arena, const struct task *t)
{
	char *s = arena_strdup(arena, t->units_text), *item, *p;
	size_t n = 0, i;
	const char *want;

	p = s;
	for (;;) {
		char *sep1 = strstr(p, "、"), *sep2 = strstr(p, "，");
		char *sep = sep1 == NULL ? sep2 : sep2 == NULL ? sep1 :
		    sep1 < sep2 ? sep1 : sep2;
		size_t len;

		if (sep != NULL)
			*sep = '\0';
		item = p;
		len = strlen(item);
		if (len >= strlen("。") &&
		    strcmp(item + len - strlen("。"), "。") == 0)
			item[len -= strlen("。")] = '\0';
		if (len >= strlen("等") &&
		    strcmp(item + len - strlen("等"), "等") == 0)
			item[len -= strlen("等")] = '\0';
		if (n < t->lead.len)
			want = t->lead.items[n];
		else if (n - t->lead.len < t->support.len)
			want = t->support.items[n - t->lead.len];
		else
			return 0;
		if (strcmp(item, want) != 0)
			return 0;
		n++;
		if (sep == NULL)
			break;
		p = sep + (sep == sep1 ? strlen("、") : strlen("，"));
	}
	i = t->lead.len + t->support.len;
	return n == i;
}

static void
check_units(struct arena *arena, const struct plan_spec *spec,
    const struct plan *plan)
{
	size_t i, with = 0, bad_seed = 0, bad_split = 0;

	for (i = 0; i < plan->tasks.len; i++) {
		const struct task *t = plan->tasks.items[i];

		if (t->units_text == NULL)
			continue;
		with++;
		if (strstr(spec->part, normalise(arena, t->units_text)) ==
		    NULL) {
			printf("#   %s/%s: units_text not in seed %s: [%s]\n",
			    spec->id, t->id, spec->s->prefix, t->units_text);
			bad_seed++;
		}
		if (!units_match(arena, t)) {
			printf("#   %s/%s: lead + support do not list the "
			    "units of [%s]\n", spec->id, t->id,
			    t->units_text);
			bad_split++;
		}
	}
	if (with == 0)
		return;
	CHECK(bad_seed == 0, "%s: units_text of %zu tasks verbatim in seed %s",
	    spec->id, with, spec->s->prefix);
	CHECK(bad_split == 0, "%s: lead + support list the units of "
	    "units_text in order (%zu tasks)", spec->id, with);
}

/* ---------------------------------------------------------------- */
/* 武隆区: 重点任务（项目）一览表                                     */
/* ---------------------------------------------------------------- */

#define WULONG_ROWS	64
#define WULONG_UNITS	16

struct wulong_row {
	long		 number;
	const char	*heading;	/* 一、… above the row */
	const char	*text;
	const char	*units[WULONG_UNITS];
	size_t		 nunits;
	const char	*deadline;	/* 持续推进, 2025年12月 */
};

/*
 * Parses the table at the end of seed 000: after its title, one cell per
 * line, each line a tab and the cell; a row is 序号, 工作任务, 责任单位
 * (排在第一的为牵头单位, joined by 、), 完成时限; the section headings
 * (一、…) are rows of one cell.  Returns the number of rows, or -1.
 */
static int
wulong_parse(struct arena *arena, const char *raw, struct wulong_row *rows)
{
	const char *p = last_occurrence(raw, "重点任务（项目）一览表");
	const char *cells[1024], *heading = NULL;
	size_t ncells = 0, i, nrows = 0;

	if (p == NULL)
		return -1;
	p = strchr(p, '\n');
	while (p != NULL && *p != '\0') {
		const char *line = p + 1, *eol = strchr(line, '\n');
		size_t len;

		if (eol == NULL)
			eol = line + strlen(line);
		while (line < eol && (*line == '\t' || *line == ' '))
			line++;
		len = (size_t)(eol - line);
		while (len > 0 && (line[len - 1] == ' ' ||
		    line[len - 1] == '\t' || line[len - 1] == '\r'))
			len--;
		if (len > 0 && ncells < sizeof(cells) / sizeof(cells[0]))
			cells[ncells++] = arena_strndup(arena, line, len);
		p = *eol == '\0' ? NULL : eol;
	}
	for (i = 0; i < ncells; i++) {
		const char *c = cells[i];
		size_t k;
		int digits = 1;
		struct wulong_row *r;
		char *units, *u, *sep;

		for (k = 0; c[k] != '\0'; k++)
			if (!is_digit(c[k]))
				digits = 0;
		if (!digits) {
			if (is_part_heading(c))
				heading = c;	/* 一、加快… */
			else if (nrows > 0)
				return -1;	/* a stray cell inside the table */
			continue;		/* the header row */
		}
		if (i + 3 >= ncells || nrows == WULONG_ROWS)
			return -1;
		r = &rows[nrows++];
		r->number = strtol(c, NULL, 10);
		r->heading = heading;
		r->text = cells[i + 1];
		r->deadline = cells[i + 3];
		r->nunits = 0;
		units = arena_strdup(arena, cells[i + 2]);
		for (u = units; u != NULL; u = sep) {
			sep = strstr(u, "、");
			if (sep != NULL) {
				*sep = '\0';
				sep += strlen("、");
			}
			if (r->nunits == WULONG_UNITS)
				return -1;
			r->units[r->nunits++] = u;
		}
		i += 3;
	}
	return (int)nrows;
}

static int
wulong_deadline_matches(const struct wulong_row *r, const struct task *t)
{
	int year, month, used = 0;

	if (t->deadline.text != NULL && strcmp(t->deadline.text,
	    r->deadline) != 0)
		return 0;
	if (strcmp(r->deadline, "持续推进") == 0)
		return t->deadline.kind == DEADLINE_ONGOING;
	if (sscanf(r->deadline, "%d年%d月%n", &year, &month, &used) != 2 ||
	    (size_t)used != strlen(r->deadline))
		return 0;
	return t->deadline.kind == DEADLINE_MONTH &&
	    t->deadline.last_day.year == year &&
	    t->deadline.last_day.month == month;
}

static void
check_wulong_table(struct arena *arena, const struct plan_spec *spec,
    const struct plan *plan)
{
	struct wulong_row rows[WULONG_ROWS];
	int n = wulong_parse(arena, spec->s->raw, rows);
	size_t i, k, bad_numbers = 0, bad_text = 0, bad_lead = 0;
	size_t bad_support = 0, bad_deadline = 0, bad_section = 0;
	size_t headings = 0, ongoing = 0;

	for (i = 0; n > 0 && i < (size_t)n; i++) {
		if (rows[i].number != (long)i + 1)
			bad_numbers++;
		if (i == 0 || rows[i].heading != rows[i - 1].heading)
			headings++;
		if (strcmp(rows[i].deadline, "持续推进") == 0)
			ongoing++;
	}
	CHECK(n == 37 && bad_numbers == 0, "wulong: 重点任务（项目）一览表 "
	    "parsed from seed 000: %d rows numbered 1..37 under %zu headings "
	    "(%zu 持续推进)", n, headings, ongoing);
	if (n <= 0)
		return;

	for (i = 0; i < (size_t)n; i++) {
		const struct wulong_row *r = &rows[i];
		const struct task *t = NULL;

		for (k = 0; k < plan->tasks.len; k++)
			if (((const struct task *)plan->tasks.items[k])->
			    number == r->number)
				t = plan->tasks.items[k];
		if (t == NULL) {
			printf("#   wulong: no task for row %ld\n", r->number);
			bad_text++;
			continue;
		}
		if (strcmp(normalise(arena, t->title),
		    normalise(arena, r->text)) != 0) {
			printf("#   wulong/%s: title differs from row %ld: "
			    "[%s]\n", t->id, r->number, r->text);
			bad_text++;
		}
		if (t->lead.len != 1 || strcmp(t->lead.items[0],
		    r->units[0]) != 0) {
			printf("#   wulong/%s: lead should be [%s]\n", t->id,
			    r->units[0]);
			bad_lead++;
		}
		if (t->support.len != r->nunits - 1)
			k = 0;
		else
			for (k = 0; k < t->support.len; k++)
				if (strcmp(t->support.items[k],
				    r->units[k + 1]) != 0)
					break;
		if (k != r->nunits - 1 || t->support.len != r->nunits - 1) {
			printf("#   wulong/%s: support should be the %zu "
			    "units after %s in row %ld\n", t->id,
			    r->nunits - 1, r->units[0], r->number);
			for (k = 1; k < r->nunits; k++)
				printf("#     want [%s]\n", r->units[k]);
			for (k = 0; k < t->support.len; k++)
				printf("#     got  [%s]\n",
				    (const char *)t->support.items[k]);
			bad_support++;
		}
		if (!wulong_deadline_matches(r, t)) {
			printf("#   wulong/%s: deadline should be %s\n", t->id,
			    r->deadline);
			bad_deadline++;
		}
		if (r->heading == NULL || t->section == NULL ||
		    strcmp(normalise(arena, t->section->title),
		    normalise(arena, r->heading)) != 0) {
			printf("#   wulong/%s: section should be [%s]\n", t->id,
			    r->heading != NULL ? r->heading : "?");
			bad_section++;
		}
	}
	CHECK(plan->tasks.len == (size_t)n, "wulong: one task per row "
	    "(%zu tasks, %d rows)", plan->tasks.len, n);
	CHECK(bad_text == 0, "wulong: every title equals its row's 工作任务 "
	    "(%d rows)", n);
	CHECK(bad_lead == 0, "wulong: lead is the row's first unit, "
	    "排在第一的为牵头单位 (%d rows)", n);
	CHECK(bad_support == 0, "wulong: support is the row's other units, "
	    "in order (%d rows)", n);
	CHECK(bad_deadline == 0, "wulong: deadline is the row's 完成时限 "
	    "(%d rows)", n);
	CHECK(bad_section == 0, "wulong: section is the heading above the row "
	    "(%d rows)", n);
}

/* ---------------------------------------------------------------- */
/* Indicators                                                        */
/* ---------------------------------------------------------------- */

/*
 * Every indicator in content, verified by reading the seeds.  `evidence`
 * is the seed's own wording, normalised (no whitespace); `figure` is how
 * it writes the target: the digits, or 一半 (50 %), 全部 / 所有 (100 %).
 */
struct expected_indicator {
	const char	*plan;
	const char	*id;
	double		 target;
	const char	*unit;
	enum direction	 direction;
	const char	*figure;
	const char	*evidence;
};

#define AL	DIRECTION_AT_LEAST

static const struct expected_indicator expected_indicators[] = {
	/* 004, 渝府发〔2021〕35号 (一、（二）工作目标; 附件2) */
	{ "chongqing", "hv-vocational-colleges", 2, "所", AL, "2",
	    "建成2所以上中国特色高水平高职学校" },
	{ "chongqing", "hv-specialty-groups", 12, "个", AL, "12",
	    "12个以上高水平专业群" },
	{ "chongqing", "national-secondary-schools", 40, "所", AL, "40",
	    "建成40所以上国家级优质中职学校" },
	{ "chongqing", "national-secondary-majors", 120, "个", AL, "120",
	    "120个以上国家级优质专业" },
	{ "chongqing", "municipal-secondary-majors", 200, "个", AL, "200",
	    "200个以上市级级优质中职专业" },
	{ "chongqing", "skilled-workers", 450, "万人", AL, "450",
	    "全市技能人才达到450万人以上" },
	{ "chongqing", "skilled-workers-share", 25, "%", AL, "25",
	    "技能人才占就业人员比例达到25%" },
	{ "chongqing", "high-skilled-share", 30, "%", AL, "30",
	    "高技能人才占技能人才比例达到30%以上" },
	{ "chongqing", "secondary-progression-rate", 50, "%", AL, "50",
	    "推动中职学生升学比例达到50%以上" },
	{ "chongqing", "skills-test-weight", 50, "%", AL, "50",
	    "职业技能测试成绩占总成绩的比例不低于50%" },
	{ "chongqing", "vocational-training-ratio", 2, "倍", AL, "2",
	    "职业院校年培训人次不低于在校生的2倍" },
	{ "chongqing", "specialty-industry-match", 90, "%", AL, "90",
	    "职业院校专业设置与重点产业匹配度达到90%" },
	{ "chongqing", "secondary-schools-standard", 100, "%", AL, "全部",
	    "全市中等职业学校全部达到国家设置标准" },
	{ "chongqing", "dual-qualified-teachers", 60, "%", AL, "60",
	    "“双师型”教师在专业教师中的占比达到60%以上" },

	/* 000, 武隆区 */
	{ "wulong", "national-quality-schools", 1, "所", AL, "1",
	    "努力建成1所国家级优质中职学校" },
	{ "wulong", "national-quality-majors", 2, "个", AL, "2",
	    "2个国家级优质专业" },
	{ "wulong", "wenlv-industry-college", 1, "所", AL, "1",
	    "建成1所兼具实训实习与企业生产双重功能的武隆仙女山文旅产业学院" },
	{ "wulong", "higher-vocational-college", 1, "所", AL, "1",
	    "引进1所高职院校或高职分院落户仙女山或凤来新城" },
	{ "wulong", "skilled-workers", 8, "万人", AL, "8",
	    "全区技能人才总量达到8万人以上" },
	{ "wulong", "skilled-workers-share", 30, "%", AL, "30",
	    "技能人才占就业人员比例达到30%以上" },
	{ "wulong", "high-skilled-share", 32, "%", AL, "32",
	    "高技能人才占技能人才比例达到32%以上" },
	{ "wulong", "secondary-progression-rate", 60, "%", AL, "60",
	    "中职毕业生升学比例达60%以上" },
	{ "wulong", "through-training-share", 50, "%", AL, "50",
	    "中高职贯通培养学生规模占50%以上" },
	{ "wulong", "vocational-training-ratio", 2, "倍", AL, "2",
	    "年培训人次达到在校生规模的2倍" },
	{ "wulong", "new-campus-land", 35, "亩", AL, "35",
	    "新征职业学校校园用地35亩" },
	{ "wulong", "dual-qualified-teachers", 50, "%", AL, "50",
	    "专业教师中的“双师型”教师占比超过50%" },

	/* 001, 江津区 */
	{ "jiangjin", "vocational-university", 1, "所", AL, "1",
	    "力争建设1所特色鲜明的职业技术大学" },
	{ "jiangjin", "national-high-level-higher-vocational-school", 1, "所",
	    AL, "1", "建设1所中国特色高水平高职学校" },
	{ "jiangjin", "high-level-specialty-groups", 5, "个", AL, "5",
	    "5个以上高水平专业群" },
	{ "jiangjin", "national-quality-secondary-schools", 2, "所", AL, "2",
	    "力争建设2所国家级优质中职学校" },
	{ "jiangjin", "national-quality-specialties", 5, "个", AL, "5",
	    "5个以上国家级优质专业" },
	{ "jiangjin", "municipal-quality-secondary-schools", 2, "所", AL, "2",
	    "建设2所市级优质中职学校" },
	{ "jiangjin", "municipal-quality-secondary-specialties", 5, "个", AL,
	    "5", "2所市级优质中职学校和5个以上市级优质专业" },
	{ "jiangjin", "municipal-quality-technical-school", 1, "所", AL, "1",
	    "力争建设1所市级优质技工学校" },
	{ "jiangjin", "municipal-quality-technical-specialty", 1, "个", AL,
	    "1", "1所市级优质技工学校和1个市级优质专业" },
	{ "jiangjin", "skilled-workers", 10, "万人", AL, "10",
	    "全区技能人才努力达到10万人以上" },
	{ "jiangjin", "skilled-workers-share", 25, "%", AL, "25",
	    "技能人才占就业人员比例达到25%" },
	{ "jiangjin", "high-skilled-share", 30, "%", AL, "30",
	    "高技能人才占技能人才比例达到30%以上" },
	{ "jiangjin", "secondary-progression-rate", 50, "%", AL, "50",
	    "推动中职学生升学比例达到50%以上" },
	{ "jiangjin", "double-high-specialty-group-colleges", 1, "所", AL,
	    "1", "争取1－3所高职院校进入“双高”建设“双高专业群”B类或C类名单" },
	{ "jiangjin", "skills-test-weight", 50, "%", AL, "50",
	    "职业技能测试成绩占比不低于50%" },
	{ "jiangjin", "annual-training-ratio", 2, "倍", AL, "2",
	    "职业院校年培训人次不低于在校生的2倍" },
	{ "jiangjin", "community-education-bases", 8, "个", AL, "8",
	    "与社区探索共建8－10个社区教育基地" },
	{ "jiangjin", "elderly-learning-centres", 5, "个", AL, "5",
	    "5个以上老年学习中心" },
	{ "jiangjin", "integration-vocational-colleges", 2, "个", AL, "2",
	    "统筹规划建设2－3个产教融合型职业学院" },
	{ "jiangjin", "dual-bases", 2, "个", AL, "2",
	    "2个职业教育“双基地”" },
	{ "jiangjin", "urgent-specialties", 10, "个", AL, "10",
	    "10个产业急需和骨干特色专业（点）" },
	{ "jiangjin", "apprenticeship-specialties", 6, "个", AL, "6",
	    "6个现代学徒制专业（点）" },
	{ "jiangjin", "integration-training-bases", 16, "个", AL, "16",
	    "16个产教融合实训基地" },
	{ "jiangjin", "national-integration-training-base", 1, "个", AL, "1",
	    "创建1个国家高水平专业化产教融合实训基地" },
	{ "jiangjin", "national-virtual-training-base", 1, "个", AL, "1",
	    "1个国家级示范性虚拟仿真实训基地" },
	{ "jiangjin", "municipal-integration-training-base", 1, "个", AL, "1",
	    "1个市级高水平专业化产教融合实训基地" },
	{ "jiangjin", "industry-colleges", 4, "个", AL, "4",
	    "筹建4个农村电商、智慧建造、智能制造等产业学院" },
	{ "jiangjin", "dual-qualified-teachers-higher", 60, "%", AL, "60",
	    "高职院校“双师型”教师占比达到专业教师总数的60%以上" },
	{ "jiangjin", "dual-qualified-teachers-secondary", 72, "%", AL, "72",
	    "中职学校“双师型”教师占比达到专业教师总数的72%以上" },
	{ "jiangjin", "national-teaching-innovation-teams", 2, "个", AL, "2",
	    "国家级职业教育教师教学创新团队2个" },
	{ "jiangjin", "municipal-teaching-innovation-teams", 3, "个", AL, "3",
	    "市级职业教育教师教学创新团队3个" },
	{ "jiangjin", "municipal-research-teams", 1, "个", AL, "1",
	    "市级教学科研团队1个" },
	{ "jiangjin", "municipal-skill-master-studios", 5, "个", AL, "5",
	    "市级技能大师工作室5个" },
	{ "jiangjin", "municipal-skill-masters", 10, "名", AL, "10",
	    "市级技能大师或技术能手10名" },
	{ "jiangjin", "enterprise-workstations", 30, "个", AL, "30",
	    "企业工作站30个" },
	{ "jiangjin", "dual-qualified-teacher-training-bases", 7, "个", AL,
	    "7", "“双师型”教师培养培训基地7个" },
	{ "jiangjin", "master-teacher-studios", 13, "个", AL, "13",
	    "教学名师工作室13个" },
	{ "jiangjin", "industry-mentor-studios", 10, "个", AL, "10",
	    "现代产业导师工作室10个" },
	{ "jiangjin", "teacher-practice-stations", 8, "个", AL, "8",
	    "教师企业实践流动站8个" },
	{ "jiangjin", "craft-innovation-platforms", 5, "个", AL, "5",
	    "技艺技能传承创新平台5个" },
	{ "jiangjin", "classroom-revolution-cases", 9, "个", AL, "9",
	    "打造“课堂革命”典型案例9个" },
	{ "jiangjin", "classroom-revolution-cases-municipal", 4, "个", AL, "4",
	    "典型案例9个，其中市级以上4个" },
	{ "jiangjin", "german-enterprise-platforms", 2, "个", AL, "2",
	    "努力构建重庆交通职业学院德企合作平台2个" },
	{ "jiangjin", "jiangnan-international-partners", 2, "个", AL, "2",
	    "支持重庆市江南职业学校与2个以上国际合作办学机构或职业院校"
	    "建立长效合作机制" },

	/* 002, 北碚区 (二、（二）具体指标; 三、2. and 4.) */
	{ "beibei", "higher-vocational-schools", 1, "所", AL, "1",
	    "办好1所高等职业学校" },
	{ "beibei", "secondary-vocational-schools", 6, "所", AL, "6",
	    "6所中等职业学校" },
	{ "beibei", "municipal-hq-secondary-schools", 1, "所", AL, "1",
	    "创建1所以上市级高水平中等职业学校" },
	{ "beibei", "specialty-groups", 4, "个", AL, "4",
	    "4个以上专业群" },
	{ "beibei", "vocational-education-groups", 1, "个", AL, "1",
	    "建设1个市级及以上示范性职业教育集团（联盟）" },
	{ "beibei", "training-bases", 1, "个", AL, "1",
	    "建设1-2个具有辐射引领作用的区级高水平专业化产教融合实训基地" },
	{ "beibei", "integration-enterprises", 2, "家", AL, "2",
	    "培育2家区级及以上产教融合型企业" },
	{ "beibei", "practical-teaching-share", 50, "%", AL, "一半",
	    "职业学校实践性教学课时原则上占总课时一半以上" },
	{ "beibei", "dual-qualified-teachers", 50, "%", AL, "一半",
	    "占专业课教师总数超过一半以上" },
	{ "beibei", "secondary-schools-standard", 100, "%", AL, "所有",
	    "所有中等职业学校校园面积、校舍面积、生均仪器设备总值、实训工位、"
	    "师生比等基本办学条件达到规定要求" },
	{ "beibei", "higher-education-progression", 45, "%", AL, "45",
	    "职业技术教育毕业生接受高等职业教育比例达到45%以上" },

	/* 003, 云阳县 */
	{ "yunyang", "municipal-dual-excellent-secondary-school", 1, "所", AL,
	    "1", "建成市级“双优”中职学校1所" },
	{ "yunyang", "municipal-high-level-secondary-school", 1, "所", AL,
	    "1", "市级高水平中职学校1所" },
	{ "yunyang", "municipal-quality-specialties", 3, "个", AL, "3",
	    "市级优质专业3个" },
	{ "yunyang", "classified-exam-pass-rate", 95, "%", AL, "95",
	    "“分类高考”上线率保持在95%以上" },
	{ "yunyang", "progression-rate", 60, "%", AL, "60",
	    "升学比例达到60%" },
	{ "yunyang", "undergraduate-share", 10, "%", AL, "10",
	    "本科上线人数占升学人数比例达到10%" },
	{ "yunyang", "vocational-centre-annual-enrolment", 3000, "人", AL,
	    "3000", "年招生人数3000人以上" },
	{ "yunyang", "secondary-vocational-students", 10000, "人", AL, "10000",
	    "中职在校生和全日制在校大学生规模均达到10000人以上" },
	{ "yunyang", "full-time-college-students", 10000, "人", AL, "10000",
	    "全县全日制在校大学生规模达到10000人以上" },
	{ "yunyang", "liyuan-campus-floor-area", 15, "万平方米", AL, "15",
	    "建筑面积达到15万平方米" },
	{ "yunyang", "liyuan-campus-students", 5000, "人", AL, "5000",
	    "全日制大学在校生规模达到5000人以上" },
	{ "yunyang", "new-higher-vocational-colleges", 2, "所", AL, "2",
	    "新建2所高职院校" },
	{ "yunyang", "specialty-industry-match", 90, "%", AL, "90",
	    "力争职业院校专业设置与重点产业匹配度达到90%" },
	{ "yunyang", "new-municipal-training-bases", 3, "个", AL, "3",
	    "新建市级实训基地3个" },
	{ "yunyang", "dual-qualified-teachers-share", 60, "%", AL, "60",
	    "将“双师型”教师在专业教师中的占比提高到60%以上" },
	{ "yunyang", "master-teacher-studios", 5, "个", AL, "5",
	    "培育5个以上市县级名师工作室" },
	{ "yunyang", "skill-master-studios", 2, "个", AL, "2",
	    "2个以上市县级技能大师工作室" },
};

#define NEXPECTED	(sizeof(expected_indicators) / \
			    sizeof(expected_indicators[0]))

/* How many characters lie between byte offsets `a` and `b` of `s`. */
static size_t
chars_between(const char *s, size_t a, size_t b)
{
	return b > a ? utf8_length(s + a, b - a) : 0;
}

/*
 * Whether `e`'s evidence shows its target: the figure stands on its own
 * (no digit either side) and is the target, with the unit at most three
 * characters after it (8－10个, 35亩, 50%); a figure in words stands for
 * 50 % (一半) or 100 % (全部, 所有).
 */
static int
evidence_shows_target(struct arena *arena, const struct expected_indicator *e)
{
	const char *ev = e->evidence, *p, *u;
	size_t flen = strlen(e->figure);

	if (!is_digit(e->figure[0])) {
		double v = strcmp(e->figure, "一半") == 0 ? 50 :
		    strcmp(e->figure, "全部") == 0 ||
		    strcmp(e->figure, "所有") == 0 ? 100 : -1;

		return v == e->target && strcmp(e->unit, "%") == 0 &&
		    strstr(ev, e->figure) != NULL;
	}
	if (strcmp(e->figure, arena_printf(arena, "%g", e->target)) != 0)
		return 0;
	for (p = strstr(ev, e->figure); p != NULL; p = strstr(p + 1,
	    e->figure)) {
		size_t at = (size_t)(p - ev), after = at + flen;

		if ((at > 0 && is_digit(ev[at - 1])) || is_digit(ev[after]))
			continue;
		u = strstr(ev + after, e->unit);
		if (u != NULL && chars_between(ev, after,
		    (size_t)(u - ev)) <= 3)
			return 1;
	}
	return 0;
}

static void
check_indicators(struct arena *arena, const struct plan_spec *spec,
    const struct plan *plan)
{
	size_t i, k, rows = 0, missing = 0, extra = 0, differ = 0, bad = 0;

	for (k = 0; k < NEXPECTED; k++) {
		const struct expected_indicator *e = &expected_indicators[k];
		const struct indicator *ind = NULL;

		if (strcmp(e->plan, spec->id) != 0)
			continue;
		rows++;
		for (i = 0; i < plan->indicators.len; i++)
			if (strcmp(((const struct indicator *)
			    plan->indicators.items[i])->id, e->id) == 0)
				ind = plan->indicators.items[i];
		if (ind == NULL) {
			printf("#   %s: indicator %s missing\n", spec->id,
			    e->id);
			missing++;
		} else if (ind->target != e->target ||
		    strcmp(ind->unit, e->unit) != 0 ||
		    ind->direction != e->direction) {
			printf("#   %s: indicator %s is %g %s %s, the seed says "
			    "%g %s %s\n", spec->id, e->id, ind->target,
			    ind->unit, ind->direction == DIRECTION_AT_LEAST ?
			    "at_least" : "at_most", e->target, e->unit,
			    e->direction == DIRECTION_AT_LEAST ? "at_least" :
			    "at_most");
			differ++;
		}
		if (strstr(spec->s->text, e->evidence) == NULL ||
		    !evidence_shows_target(arena, e)) {
			printf("#   %s: indicator %s: [%s] not in seed %s or "
			    "does not show %g %s\n", spec->id, e->id,
			    e->evidence, spec->s->prefix, e->target, e->unit);
			bad++;
		}
	}
	for (i = 0; i < plan->indicators.len; i++) {
		const struct indicator *ind = plan->indicators.items[i];
		int found = 0;

		for (k = 0; k < NEXPECTED; k++)
			if (strcmp(expected_indicators[k].plan, spec->id) == 0
			    && strcmp(expected_indicators[k].id, ind->id) == 0)
				found = 1;
		if (!found) {
			printf("#   %s: indicator %s (%g %s) is not in the "
			    "verified table\n", spec->id, ind->id, ind->target,
			    ind->unit);
			extra++;
		}
	}
	CHECK(missing == 0 && extra == 0 && differ == 0, "%s: %zu indicators "
	    "match the verified table of %zu (target, unit, direction; none "
	    "missing, none extra)", spec->id, plan->indicators.len, rows);
	if (rows > 0)
		CHECK(bad == 0, "%s: each of the %zu targets is in seed %s "
		    "next to its unit", spec->id, rows, spec->s->prefix);
}

/* ---------------------------------------------------------------- */
/* Parents, implements, progress                                     */
/* ---------------------------------------------------------------- */

static void
check_links(struct arena *arena, const struct content *content,
    const struct plan_spec *spec, const struct plan *plan)
{
	size_t i, k, refs = 0, bad = 0;

	if (spec->parent != NULL)
		CHECK(plan->parent_id != NULL && strcmp(plan->parent_id,
		    spec->parent) == 0 && plan->parent != NULL &&
		    strcmp(plan->parent->id, spec->parent) == 0,
		    "%s: parent is %s", spec->id, spec->parent);
	else
		CHECK(plan->parent_id == NULL && plan->parent == NULL,
		    "%s: has no parent", spec->id);

	for (i = 0; i < plan->tasks.len; i++) {
		const struct task *t = plan->tasks.items[i];

		for (k = 0; k < t->implements_refs.len; k++) {
			const char *ref = t->implements_refs.items[k];
			const char *slash = strchr(ref, '/');
			const struct plan *target = NULL;
			const struct task *tt = NULL;

			refs++;
			if (slash != NULL)
				target = content_find_plan(content,
				    arena_strndup(arena, ref,
				    (size_t)(slash - ref)));
			if (target != NULL)
				tt = plan_find_task(target, slash + 1);
			if (tt == NULL || target != plan->parent) {
				printf("#   %s/%s: implements %s: %s\n",
				    spec->id, t->id, ref, tt == NULL ?
				    "no such task" : "not in the parent plan");
				bad++;
			}
		}
		if (t->implements.len != t->implements_refs.len)
			bad++;
	}
	if (spec->parent != NULL || refs > 0)
		CHECK(bad == 0, "%s: all %zu implements targets exist in the "
		    "parent plan", spec->id, refs);
}

static void
check_no_progress(struct arena *arena, const char *content_dir,
    const struct content *content)
{
	size_t i, j, tasks = 0, reports = 0, dirs = 0;
	struct stat st;

	for (i = 0; i < content->plans.len; i++) {
		const struct plan *plan = content->plans.items[i];

		if (stat(arena_printf(arena, "%s/plans/%s/progress",
		    content_dir, plan->id), &st) == 0) {
			printf("#   %s: has a progress/ folder\n", plan->id);
			dirs++;
		}
		for (j = 0; j < plan->tasks.len; j++) {
			const struct task *t = plan->tasks.items[j];

			tasks++;
			reports += t->reports.len;
		}
	}
	CHECK(reports == 0 && dirs == 0, "no progress reports in any real "
	    "plan (%zu tasks, %zu reports, %zu progress/ folders)", tasks,
	    reports, dirs);
}

/* ---------------------------------------------------------------- */

int
main(void)
{
	const char *root = getenv("GONGKAI_ROOT");
	struct arena arena;
	struct source source;
	struct content content;
	const char *seed_dir, *content_dir;
	size_t i, tasks = 0, indicators = 0;
	struct stat st;
	int loaded;

	if (root == NULL || *root == '\0')
		root = ".";
	arena_init(&arena);
	seed_dir = arena_printf(&arena, "%s/../shared/seeds", root);
	if (stat(seed_dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		SKIP("transcription: seeds not found at %s", seed_dir);
		arena_free(&arena);
		return 0;
	}

	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++)
		CHECK(seed_load(&arena, seed_dir, &seeds[i]) == 0,
		    "seed %s: %s read, valid UTF-8", seeds[i].prefix,
		    seeds[i].path != NULL ? seeds[i].path : "(not found)");
	if (test_failures != 0) {
		arena_free(&arena);
		TEST_EXIT();
	}

	/* The normaliser on the debris it must remove, and nothing else. */
	CHECK_STR(normalise(&arena, "区规划自然\n\n重庆市北碚区人民政府行政"
	    "规范性文件\n\n重庆市 重庆市北碚区人民政府办公室发布\n\n—6—\n\n"
	    "资源局"), "区规划自然资源局", "normalise: 北碚 page header and "
	    "page number");
	CHECK_STR(normalise(&arena, "各区县将\n\n― 12 ―\n\n技能 － 6 －"
	    "公共 - 7 -服务"), "各区县将技能公共服务",
	    "normalise: page numbers with ― － and -");
	CHECK_STR(normalise(&arena, "[bookmark: _Hlk1][bookmark: _Toc2]（一）"
	    "深化\u3000改革\u00a0。"), "（一）深化改革。",
	    "normalise: bookmarks, U+3000, NBSP");
	CHECK_STR(normalise(&arena, "建设1-2个、8－10个、5-10年、1－3所"),
	    "建设1-2个、8－10个、5-10年、1－3所",
	    "normalise: ranges are not page numbers");
	CHECK_STR(normalise(&arena, "在永川\n\n 序号 工 作 任 务 内 容 责 任 单 位"
	    "\n\n区组建"), "在永川区组建", "normalise: repeated table header");

	content_dir = arena_printf(&arena, "%s/content", root);
	if (source_open_directory(&source, content_dir) == -1) {
		CHECK(0, "content: open %s: %s", content_dir, source.error);
		arena_free(&arena);
		TEST_EXIT();
	}
	loaded = content_load(&content, &arena, &source, NULL, 0) == 0;
	if (!loaded)
		diag_report();
	CHECK(loaded, "content: %s loads without errors", content_dir);
	if (!loaded) {
		source_close(&source);
		arena_free(&arena);
		TEST_EXIT();
	}

	{
		size_t found = 0;

		for (i = 0; i < NSPECS; i++)
			if (content_find_plan(&content, specs[i].id) != NULL)
				found++;
		CHECK(content.plans.len == NSPECS && found == NSPECS,
		    "content: exactly the %zu real plans (%zu plans)",
		    NSPECS, content.plans.len);
	}

	for (i = 0; i < NSPECS; i++) {
		struct plan_spec *spec = &specs[i];
		const struct plan *plan = content_find_plan(&content, spec->id);
		const char *from, *to;

		spec->s = &seeds[spec->seed];
		from = last_occurrence(spec->s->text, spec->from);
		to = from != NULL && spec->to != NULL ?
		    strstr(from, spec->to) : NULL;
		CHECK(from != NULL && (spec->to == NULL || to != NULL),
		    "%s: its part of seed %s found (%s … %s)", spec->id,
		    spec->s->prefix, spec->from, spec->to ? spec->to : "end");
		if (plan == NULL || from == NULL ||
		    (spec->to != NULL && to == NULL))
			continue;
		spec->part = to != NULL ? arena_strndup(&arena, from,
		    (size_t)(to - from)) : from;

		tasks += plan->tasks.len;
		indicators += plan->indicators.len;
		check_counts(&arena, spec, plan);
		check_titles(&arena, spec, plan);
		check_bodies(&arena, spec, plan);
		check_units(&arena, spec, plan);
		if (strcmp(spec->id, "wulong") == 0)
			check_wulong_table(&arena, spec, plan);
		check_indicators(&arena, spec, plan);
		check_links(&arena, &content, spec, plan);
	}
	CHECK(indicators == NEXPECTED, "indicators: %zu in content, %zu in "
	    "the verified table", indicators, (size_t)NEXPECTED);
	check_no_progress(&arena, content_dir, &content);
	printf("# %zu plans, %zu tasks, %zu indicators checked\n",
	    content.plans.len, tasks, indicators);

	source_close(&source);
	arena_free(&arena);
	TEST_EXIT();
}
