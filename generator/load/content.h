/*
 * The content model: the site settings, plans, tasks and progress reports
 * read from a content repository (docs/content-format.md), validated and
 * cross-linked.  Everything lives in the build's arena.
 */
#ifndef GONGKAI_CONTENT_H
#define GONGKAI_CONTENT_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"

struct source;

struct date {
	int	year;
	int	month;		/* 1–12 */
	int	day;		/* 1–31 */
};

enum disclosure {
	DISCLOSURE_UNSET,	/* inherit the plan's */
	DISCLOSURE_PUBLIC,
	DISCLOSURE_INTERNAL,
};

enum status {
	STATUS_NONE,		/* 暂无报告: no public report */
	STATUS_NOT_STARTED,
	STATUS_IN_PROGRESS,
	STATUS_COMPLETED,
	STATUS_DELAYED,
};

enum deadline_kind {
	DEADLINE_NONE,		/* 未列明 */
	DEADLINE_YEAR,		/* YYYY: the end of that year */
	DEADLINE_MONTH,		/* YYYY-MM: the end of that month */
	DEADLINE_DAY,		/* YYYY-MM-DD */
	DEADLINE_ONGOING,	/* 持续推进: never overdue */
};

struct deadline {
	enum deadline_kind	 kind;
	struct date		 last_day;	/* the last day that is in time */
	const char		*text;		/* the document's words, or NULL */
};

enum direction {
	DIRECTION_AT_LEAST,
	DIRECTION_AT_MOST,
};

struct site_config {
	const char	*title;
	const char	*base_url;	/* without a trailing slash */
	const char	*language;
	const char	*commit_url;	/* contains {commit}, or NULL */
	const char	*theme;		/* theme directory, or NULL */
	const char	*banner;	/* a notice on every page, or NULL */
	struct ptrvec	 footer;	/* const char * lines */
};

struct section {
	const char	*id;
	const char	*title;
	struct pos	 pos;
};

struct indicator {
	const char	*id;
	const char	*name;
	const char	*unit;
	double		 target;
	enum direction	 direction;
	int		 has_baseline;
	double		 baseline;
	struct deadline	 deadline;
	const char	*task_id;
	struct task	*task;		/* resolved, or NULL */
	struct pos	 pos;
};

struct measurement {
	const char		*indicator_id;
	struct indicator	*indicator;	/* resolved */
	double			 value;
	struct pos		 pos;
};

struct report {
	const char	*path;		/* relative to the content root */
	const char	*file_id;	/* file name without .md: 2024-06-30-2 */
	struct task	*task;
	struct date	 date;
	int		 sequence;	/* the -N suffix, 0 when absent */
	enum status	 status;
	double		 percent;	/* -1 when not given */
	const char	*reporter;
	struct ptrvec	 values;	/* struct measurement * */
	enum disclosure	 disclosure;	/* as written */
	int		 is_public;	/* effective */
	const char	*body;		/* Markdown */
	size_t		 body_line;	/* 0-based line where the body starts */
	struct pos	 pos;
};

struct task {
	const char	*id;
	const char	*path;
	struct plan	*plan;
	long		 number;
	const char	*title;
	const char	*section_id;
	struct section	*section;
	struct ptrvec	 lead;		/* const char * */
	struct ptrvec	 support;	/* const char * */
	const char	*units_text;	/* the document's unit wording */
	struct deadline	 deadline;
	struct ptrvec	 implements_refs; /* const char * "plan/task" */
	struct ptrvec	 implements;	/* struct task *, resolved */
	struct ptrvec	 implemented_by; /* struct task *, computed */
	enum disclosure	 disclosure;	/* as written */
	int		 is_public;	/* effective */
	const char	*body;
	struct ptrvec	 reports;	/* struct report *, newest first */
	struct pos	 pos;
	int		 invalid;	/* its file had errors */
	struct pos	 number_pos;
	struct pos	 section_pos;
	struct pos	 implements_pos;
};

struct plan {
	const char	*id;
	const char	*path;		/* plans/<id>/plan.md */
	const char	*title;
	const char	*region;
	const char	*issuer;
	struct date	 issued;
	const char	*doc_number;
	enum disclosure	 disclosure;
	int		 is_public;
	long		 weight;	/* order on the home page; 0 = unset */
	const char	*parent_id;
	struct plan	*parent;
	struct ptrvec	 children;	/* struct plan * */
	struct ptrvec	 sections;	/* struct section * */
	struct ptrvec	 indicators;	/* struct indicator * */
	struct ptrvec	 tasks;		/* struct task *, by number */
	struct ptrvec	 files;		/* const char * paths of attachments */
	const char	*body;
	int		 invalid;	/* plan.md had errors */
	struct pos	 pos;
	struct pos	 parent_pos;
};

struct content {
	struct arena		*arena;
	struct site_config	 site;
	struct ptrvec		 plans;	/* struct plan *, in home-page order */
	size_t			 files_parsed;	/* plans, tasks and reports */
	size_t			 files_cached;	/* from the content cache */
};

/*
 * Reads and validates the whole content tree from `source`.  Every problem
 * is reported through diag_error(); returns 0 when there were none, -1
 * otherwise (the model is then incomplete and must not be rendered).
 * With a `cache_dir`, files unchanged since the last load with it are
 * not read or parsed again (content_cache.h); the cache is brought up to
 * date only when `update` is set.
 */
int		 content_load(struct content *, struct arena *, struct source *,
		    const char *cache_dir, int update);

/*
 * Parse one file held in memory (a revision read from git, say) into
 * `target`, which the caller has zeroed.  Its YAML tree goes into
 * `scratch`; what the target keeps is copied into the first arena.  `text` must be NUL-terminated
 * and pass content_text_check().  Return 0, or -1 after reporting errors
 * at `path` through diag_error().  References are not resolved.
 */
int		 content_parse_plan(struct arena *, struct arena *scratch,
		    const char *path, const char *text, size_t len,
		    struct plan *);
int		 content_parse_task(struct arena *, struct arena *scratch,
		    const char *path, const char *text, size_t len,
		    struct task *);
int		 content_parse_report(struct arena *, struct arena *scratch,
		    const char *path, const char *text, size_t len,
		    struct report *);
/* Checks for valid UTF-8 without NUL bytes; -1 after reporting. */
int		 content_text_check(const char *path, const char *text,
		    size_t len);

/* Resolves references after loading (called by content_load). */
int		 content_resolve(struct content *);

struct plan	*content_find_plan(const struct content *, const char *id);
struct task	*plan_find_task(const struct plan *, const char *id);

int		 date_parse(const char *, struct date *);
int		 date_compare(const struct date *, const struct date *);
int		 deadline_parse(const char *, struct deadline *);

/* "2024-06-30"; "2021年11月4日"; "2024年12月", "持续推进", "未列明" … */
const char	*date_iso(struct arena *, const struct date *);
const char	*date_text(struct arena *, const struct date *);
const char	*deadline_text(struct arena *, const struct deadline *);
const char	*status_name(enum status);	/* "in_progress" */
const char	*status_label(enum status);	/* "推进中" */

#endif
