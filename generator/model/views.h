/*
 * View models: one value tree per page, built from the model.  Templates
 * render them, and data/ publishes them as JSON with stable ids
 * ("<plan>/<task>").  URLs inside are relative to the site root; pages
 * prefix them with the path back to the root.
 */
#ifndef GONGKAI_VIEWS_H
#define GONGKAI_VIEWS_H

#include "model.h"
#include "value.h"

struct value;

/*
 * Markdown is rendered to safe HTML through a value_markdown_fn: its
 * prefix is put before relative link targets, which are relative to the
 * plan's folder; NULL when the text cannot be rendered.
 */

struct views {
	const struct model	*model;
	struct arena		*arena;
	value_markdown_fn	 markdown;
	void			*markdown_ctx;
};

struct value	*view_site(const struct views *);
struct value	*view_home(const struct views *);
struct value	*view_plan(const struct views *, const struct plan *);
struct value	*view_task(const struct views *, const struct task *);
struct value	*view_unit(const struct views *, const struct unit *);
struct value	*view_unit_index(const struct views *);
struct value	*view_deadlines(const struct views *);
struct value	*view_alignment(const struct views *);

/* History views (views_history.c). */
struct history_commit;
struct change;
const char	*commit_page_url(struct arena *, const struct history_commit *);
struct value	*view_commit_ref(const struct views *,
		    const struct history_commit *);
struct value	*view_change(const struct views *, const struct change *);
struct value	*view_history_entries(const struct views *,
		    const struct ptrvec *changes, size_t limit);
void		 view_history_dates(const struct views *,
		    const struct ptrvec *changes, struct value *map);
void		 view_history_state(const struct views *, struct value *map);
struct value	*view_changes_page(const struct views *, size_t page,
		    size_t pages, size_t per_page);
struct value	*view_commit(const struct views *,
		    const struct history_commit *);
struct value	*view_feed(const struct views *, const char *title,
		    const char *self, const char *alternate, const char *scope,
		    const struct ptrvec *changes, size_t limit);

const char	*plan_url(struct arena *, const struct plan *);
const char	*task_url(struct arena *, const struct task *);
const char	*unit_url(struct arena *, const struct unit *);

#endif
