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
struct view_shares;

/*
 * What views are built with: the model, the page's arena, how Markdown is
 * rendered, and the sub-views that pages share (see view_shares_new).
 * Markdown is rendered to safe HTML through a value_markdown_fn: its
 * prefix is put before relative link targets, which are relative to the
 * plan's folder; NULL when the text cannot be rendered.
 */
struct views {
	const struct model		*model;
	struct arena			*arena;
	value_markdown_fn		 markdown;
	void				*markdown_ctx;
	const struct view_shares	*shares;	/* NULL: none */
};

/* The site's header, which every page has (shared). */
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
/* One change, as the entries of every list of changes have it (shared). */
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

/*
 * Shared sub-views (views_shared.c): the site's header, each task's row,
 * each commit's members and each change, which many pages show.  view_shares_new() lists them
 * for a build; once each is hashed with the key pages are hashed with
 * (view_shares_hash, on any thread, each index once), views built with
 * `shares` hold references to them instead of copies, and a page's hash
 * covers each by its digest.  The list is only read afterwards.
 */
enum view_share {
	SHARE_SITE,
	SHARE_TASK_ROW,
	SHARE_COMMIT,		/* included in maps: value_include */
	SHARE_CHANGE,
	SHARE__MAX
};
struct view_shares *view_shares_new(const struct model *, struct arena *);
size_t		 view_shares_count(const struct view_shares *);
void		 view_shares_hash(struct view_shares *, size_t index,
		    const struct siphash_key *, struct arena *scratch);
/* The sub-view of `object`: a reference to it when shared, else a copy. */
struct value	*view_shared(const struct views *, enum view_share,
		    const void *object);
/* Their builders: a whole copy, made from the model alone. */
struct value	*view_site_build(const struct views *, const void *model);
struct value	*view_task_row_build(const struct views *, const void *task);
struct value	*view_commit_ref_build(const struct views *,
		    const void *commit);
struct value	*view_change_build(const struct views *, const void *change);

const char	*plan_url(struct arena *, const struct plan *);
const char	*task_url(struct arena *, const struct task *);
const char	*unit_url(struct arena *, const struct unit *);

#endif
