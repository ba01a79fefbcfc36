/*
 * Change history from git: one pass over the commits of the repository
 * holding the content directory, describing in words every public change
 * to a plan, task or progress report.  Only public revisions of entities
 * that are public now (or were public when deleted) are ever described.
 */
#ifndef GONGKAI_HISTORY_H
#define GONGKAI_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/strmap.h"

struct content;

enum entity_kind {
	ENTITY_PLAN,
	ENTITY_TASK,
	ENTITY_REPORT,
};

enum change_kind {
	CHANGE_ADDED,		/* 新增: first public revision */
	CHANGE_MODIFIED,	/* 修改, or 更正 for a published report */
	CHANGE_DELETED,		/* 删除 */
	CHANGE_WITHDRAWN,	/* 撤回: public → internal */
	CHANGE_REPUBLISHED,	/* 公开: internal → public */
};

/* One changed field: label, old and new value, or a text diff. */
struct field_change {
	const char	*label;		/* 完成时限, 进度 … */
	const char	*old_text;	/* NULL when absent before */
	const char	*new_text;	/* NULL when absent after */
	struct ptrvec	 diff;		/* struct textdiff_segment *, or empty */
	int		 is_body;	/* line diff of the Markdown body */
};

struct plan;
struct task;

struct change {
	enum entity_kind	 entity;
	enum change_kind	 kind;
	int			 correction;	/* edit of a published report */
	const char		*path;		/* path after the commit (before,
						   when deleted), content-relative */
	const char		*old_path;	/* differs from path on a rename */
	const char		*plan_id;	/* ids from `path` */
	const char		*task_id;	/* tasks and reports */
	const char		*report_id;	/* reports: 2024-06-30[-N] */
	const char		*summary;	/* 新增进展报告 2024-06-30（…） */
	struct ptrvec		 fields;	/* struct field_change * */
	/* Set by history_index: whether pages show it. */
	int			 shown;
	/*
	 * And, for a shown change of an entity that exists now, where it is:
	 * its kind, plan, task (NULL for a plan's change or a task that is
	 * gone) and the report's id when the report is still there.
	 */
	enum entity_kind	 now_kind;
	const struct plan	*now_plan;	/* NULL: deleted, or gone */
	const struct task	*now_task;
	const char		*now_report;
	struct history_commit	*commit;
};

struct history_commit {
	char		 id[41];
	char		 short_id[8];
	int64_t		 time;		/* seconds since the epoch */
	int		 offset;	/* minutes east of UTC */
	char		 date_text[64];	/* "2024-06-30 14:05 +08:00" */
	char		 date_rfc3339[64]; /* "2024-06-30T14:05:00+08:00" */
	char		 day[32];	/* "2024-06-30", in its own zone */
	const char	*author;	/* name after .mailmap; never e-mail */
	const char	*message;	/* the whole message, may be empty */
	const char	*subject;	/* its first line */
	int		 is_merge;
	int		 pending;	/* described in this run */
	struct ptrvec	 changes;	/* struct change *, public only */
	size_t		 shown;		/* changes shown after indexing */
};

struct history {
	int		 available;	/* 0: not in a git repository */
	int		 incomplete;	/* shallow clone */
	const char	*head;		/* commit id the history ends at */
	struct ptrvec	 commits;	/* struct history_commit *, newest
					   first, only those with changes */
	struct strmap	 by_task;	/* "plan/task" → struct ptrvec * of
					   changes, newest first */
	struct strmap	 by_plan;	/* plan id → struct ptrvec * */
	size_t		 cached;	/* commits taken from the cache */
	size_t		 computed;	/* commits described in this run */
};

struct history_options {
	const char	*content_dir;
	const char	*rev;		/* NULL: HEAD */
	const char	*cache_dir;	/* NULL: no cache */
	int		 quiet;
};

/*
 * Reads the history of the repository containing the content directory.
 * Not being in a repository is not an error: `available` stays 0 and a
 * note is printed once.  Returns -1 with a message on stderr when the
 * repository is unreadable (corrupt or missing objects).
 */
int	 history_read(struct history *, struct arena *,
	    const struct history_options *);

struct history_index;

/*
 * Maps the paths of the (filtered, public) content for history_index; it
 * needs no history, so it may be done while the history is read (but not
 * in the same arena at the same time).
 */
struct history_index *history_index_prepare(struct arena *,
	    const struct content *);

/*
 * Ties the changes to the entities of the content prepared: follows
 * renames, and keeps only changes of entities that are public now or were
 * public when deleted.  Commits left without changes are dropped.  Uses
 * the arena given to history_index_prepare.
 */
void	 history_index(struct history *, struct history_index *);

/* What a content-relative path is: fills the ids; -1 for other files. */
int	 entity_of_path(struct arena *, const char *path, enum entity_kind *,
	    const char **plan, const char **task, const char **report);

/* The shown changes of a task (with its reports) or a plan, or NULL. */
const struct ptrvec *history_of_task(const struct history *, const char *plan,
	    const char *task);
const struct ptrvec *history_of_plan(const struct history *, const char *plan);

#endif
