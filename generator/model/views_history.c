/*
 * View models of the change history: entries on task and plan pages, the
 * site-wide change list, one page per commit, and Atom feeds.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../history/history.h"
#include "../history/textdiff.h"
#include "value.h"
#include "views.h"

#define A(v)	((v)->arena)

static const char *const change_kind_text[] = {
	[CHANGE_ADDED] = "新增",
	[CHANGE_MODIFIED] = "修改",
	[CHANGE_DELETED] = "删除",
	[CHANGE_WITHDRAWN] = "撤回",
	[CHANGE_REPUBLISHED] = "公开",
};

static const char *const change_kind_name[] = {
	[CHANGE_ADDED] = "added",
	[CHANGE_MODIFIED] = "modified",
	[CHANGE_DELETED] = "deleted",
	[CHANGE_WITHDRAWN] = "withdrawn",
	[CHANGE_REPUBLISHED] = "republished",
};

static const char *const diff_op_name[] = {
	[TEXTDIFF_EQUAL] = "equal",
	[TEXTDIFF_DELETE] = "delete",
	[TEXTDIFF_INSERT] = "insert",
};

const char *
commit_page_url(struct arena *arena, const struct history_commit *hc)
{
	return arena_printf(arena, "changes/%s.html", hc->id);
}

/* The commit's own local time: "2024-06-30 14:05 +08:00" and RFC 3339. */
static void
commit_times(const struct views *v, const struct history_commit *hc,
    struct value *map)
{
	value_set_string_ref(A(v), map, "date_text", hc->date_text);
	value_set_string_ref(A(v), map, "date", hc->date_rfc3339);
	value_set_string_ref(A(v), map, "day", hc->day);
}

static const char *
external_commit_url(const struct views *v, const char *id)
{
	const char *pattern = v->model->content->site.commit_url;
	const char *at;

	if (pattern == NULL || (at = strstr(pattern, "{commit}")) == NULL)
		return NULL;
	return arena_printf(A(v), "%.*s%s%s", (int)(at - pattern), pattern,
	    id, at + strlen("{commit}"));
}

/* NULL for an empty or blank text, so {{^message}} shows the fallback. */
static const char *
nonblank(const char *s)
{
	const char *p;

	for (p = s; p != NULL && *p != '\0'; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return s;
	return NULL;
}

struct value *
view_commit_ref_build(const struct views *v, const void *object)
{
	const struct history_commit *hc = object;
	struct value *map = value_map(A(v));

	value_set_string_ref(A(v), map, "id", hc->id);
	value_set_string_ref(A(v), map, "short_id", hc->short_id);
	value_set_string_ref(A(v), map, "url", commit_page_url(A(v), hc));
	value_set_string_ref(A(v), map, "commit_url",
	    external_commit_url(v, hc->id));
	commit_times(v, hc, map);
	value_set_string_ref(A(v), map, "author", hc->author);
	value_set_string_ref(A(v), map, "subject", nonblank(hc->subject));
	value_set_string_ref(A(v), map, "message", nonblank(hc->message));
	value_set_bool(A(v), map, "is_merge", hc->is_merge);
	return map;
}

/*
 * A map that starts with a commit's members (shared), for those of one
 * entry, list or page to follow.
 */
static struct value *
commit_entry(const struct views *v, const struct history_commit *hc)
{
	struct value *map = value_map(A(v));

	value_include(map, view_shared(v, SHARE_COMMIT, hc));
	return map;
}

static struct value *
diff_value(const struct views *v, const struct ptrvec *diff, int lines)
{
	struct value *list = value_list(A(v)), *item;
	const struct textdiff_segment *seg;
	size_t i;

	for (i = 0; i < diff->len; i++) {
		seg = diff->items[i];
		item = value_push(list, value_map(A(v)));
		value_set_string_ref(A(v), item, "op", diff_op_name[seg->op]);
		value_set_bool(A(v), item, diff_op_name[seg->op], 1);
		if (seg->text != NULL)
			value_set_string_ref(A(v), item, "text", seg->text);
		else if (lines)
			value_set_string_ref(A(v), item, "skipped",
			    arena_printf(A(v), "…… %zu 行未改动 ……",
			    seg->len));
	}
	return list;
}

static struct value *
field_value(const struct views *v, const struct field_change *f)
{
	struct value *map = value_map(A(v));

	value_set_string_ref(A(v), map, "label", f->label);
	value_set_string_ref(A(v), map, "old", f->old_text);
	value_set_string_ref(A(v), map, "new", f->new_text);
	value_set_bool(A(v), map, "is_body", f->is_body);
	value_set_bool(A(v), map, "has_diff", f->diff.len > 0);
	value_set(map, "diff", diff_value(v, &f->diff, f->is_body));
	return map;
}

/*
 * The page an entity has now, if it is public (located by history_index),
 * and words saying whose it is: "示例区 第2项".
 */
static const char *
change_target(const struct views *v, const struct change *change,
    const char **context)
{
	const struct plan *plan = change->now_plan;
	const struct task *task = change->now_task;

	*context = NULL;
	if (plan == NULL)
		return NULL;
	*context = plan->region;
	if (change->now_kind == ENTITY_PLAN)
		return plan_url(A(v), plan);
	if (task == NULL)
		return NULL;
	*context = arena_printf(A(v), "%s 第%ld项", plan->region, task->number);
	if (change->now_report != NULL)
		return arena_printf(A(v), "%s#report-%s", task_url(A(v), task),
		    change->now_report);
	return task_url(A(v), task);
}

struct value *
view_change(const struct views *v, const struct change *change)
{
	return view_shared(v, SHARE_CHANGE, change);
}

struct value *
view_change_build(const struct views *v, const void *object)
{
	const struct change *change = object;
	struct value *map = value_map(A(v)), *fields, *details;
	const struct field_change *f;
	const char *context, *url = change_target(v, change, &context);
	size_t i;

	value_set_string_ref(A(v), map, "kind", change_kind_name[change->kind]);
	value_set_string_ref(A(v), map, "kind_text", change->correction ?
	    "更正" : change_kind_text[change->kind]);
	value_set_bool(A(v), map, "correction", change->correction);
	value_set_string_ref(A(v), map, "summary", change->summary);
	value_set_string_ref(A(v), map, "url", url);
	value_set_string_ref(A(v), map, "context", context);
	fields = value_set(map, "fields", value_list(A(v)));
	/* Texts and bodies need their diff shown; the summary says the rest. */
	details = value_set(map, "details", value_list(A(v)));
	for (i = 0; i < change->fields.len; i++) {
		f = change->fields.items[i];
		value_push(fields, field_value(v, f));
		if (f->diff.len > 0)
			value_push(details, field_value(v, f));
	}
	return map;
}

/*
 * History entries from a list of changes (newest first): one entry per
 * commit, with the changes it made.  `limit` caps the entries (0: all).
 */
struct value *
view_history_entries(const struct views *v, const struct ptrvec *changes,
    size_t limit)
{
	struct value *list = value_list(A(v)), *entry = NULL, *items = NULL;
	const struct history_commit *last = NULL;
	const struct change *change;
	size_t i;

	for (i = 0; changes != NULL && i < changes->len; i++) {
		change = changes->items[i];
		if (change->commit != last) {
			if (limit && list->u.children.count == limit)
				break;
			entry = value_push(list, commit_entry(v,
			    change->commit));
			items = value_set(entry, "changes", value_list(A(v)));
			last = change->commit;
		}
		(void)entry;
		value_push(items, view_change(v, change));
	}
	return list;
}

/* 首次发布 and 最后更新: the oldest and newest shown change. */
void
view_history_dates(const struct views *v, const struct ptrvec *changes,
    struct value *map)
{
	const struct change *newest, *oldest;
	struct value *dates;

	if (changes == NULL || changes->len == 0)
		return;
	newest = changes->items[0];
	oldest = changes->items[changes->len - 1];
	dates = value_set(map, "first_published", value_map(A(v)));
	commit_times(v, oldest->commit, dates);
	dates = value_set(map, "last_updated", value_map(A(v)));
	commit_times(v, newest->commit, dates);
}

/* The state of the history shown on every page that has one. */
void
view_history_state(const struct views *v, struct value *map)
{
	const struct history *h = v->model->history;

	value_set_bool(A(v), map, "history_available", h && h->available);
	value_set_bool(A(v), map, "history_incomplete", h && h->incomplete);
}

/*
 * A page of the site-wide change list.  Page 0 (changes/index.html) shows
 * the newest `per_page` commits.  The numbered pages 1 … pages hold the
 * commits in runs of `per_page` counted from the oldest, so a page keeps
 * its commits, and its address stays right, when new ones come: only the
 * newest page and the list's first page change.
 */
struct value *
view_changes_page(const struct views *v, size_t page, size_t pages,
    size_t per_page)
{
	const struct history *h = v->model->history;
	struct value *map = value_map(A(v)), *commits, *entry, *items;
	const struct history_commit *hc;
	size_t n = h ? h->commits.len : 0, i, j, first, end;

	value_set_string(A(v), map, "kind", "changes");
	value_set_number(A(v), map, "page", (double)page);
	value_set_number(A(v), map, "pages", (double)pages);
	value_set_bool(A(v), map, "is_latest", page == 0);
	value_set_bool(A(v), map, "paginated", pages > 0);
	if (page == 0) {
		first = 0;
		end = n < per_page ? n : per_page;
		if (end < n)	/* the page of the newest commit not shown */
			value_set_string(A(v), map, "next_url", arena_printf(
			    A(v), "changes/page-%zu.html",
			    (n - 1 - end) / per_page + 1));
	} else {
		first = n - (page * per_page < n ? page * per_page : n);
		end = n - (page - 1) * per_page;
		value_set_string(A(v), map, "prev_url", page == pages ?
		    "changes/index.html" : arena_printf(A(v),
		    "changes/page-%zu.html", page + 1));
		if (page > 1)
			value_set_string(A(v), map, "next_url", arena_printf(
			    A(v), "changes/page-%zu.html", page - 1));
	}
	view_history_state(v, map);
	commits = value_set(map, "commits", value_list(A(v)));
	for (i = first; i < end; i++) {
		hc = h->commits.items[i];
		entry = value_push(commits, commit_entry(v, hc));
		items = value_set(entry, "changes", value_list(A(v)));
		for (j = 0; j < hc->changes.len; j++)
			if (((struct change *)hc->changes.items[j])->shown)
				value_push(items, view_change(v,
				    hc->changes.items[j]));
	}
	return map;
}

struct value *
view_commit(const struct views *v, const struct history_commit *hc)
{
	struct value *map = commit_entry(v, hc), *items;
	size_t j;

	value_set_string(A(v), map, "kind", "commit");
	view_history_state(v, map);
	items = value_set(map, "changes", value_list(A(v)));
	for (j = 0; j < hc->changes.len; j++)
		if (((struct change *)hc->changes.items[j])->shown)
			value_push(items, view_change(v, hc->changes.items[j]));
	return map;
}

/* One feed entry: a commit's changes within the feed's scope. */
static struct value *
feed_entry(const struct views *v, const struct history_commit *hc,
    const struct ptrvec *changes, const char *scope)
{
	const struct change *c, *first = NULL;
	struct value *entry = commit_entry(v, hc), *items;
	const char *base = v->model->content->site.base_url, *link;
	size_t i, n = 0;

	items = value_set(entry, "changes", value_list(A(v)));
	for (i = 0; i < changes->len; i++) {
		c = changes->items[i];
		if (c->commit != hc || !c->shown)
			continue;
		if (n++ == 0)
			first = c;
		value_push(items, view_change(v, c));
	}
	/* Map members are appended, never replaced: set the title once. */
	if (first != NULL)
		value_set_string_ref(A(v), entry, "title", n > 1 ?
		    arena_printf(A(v), "%s 等 %zu 项变更", first->summary, n) :
		    first->summary);
	link = arena_printf(A(v), "%s/%s", base, commit_page_url(A(v), hc));
	value_set_string_ref(A(v), entry, "entry_id", arena_printf(A(v),
	    "%s#%s", link, scope));
	value_set_string_ref(A(v), entry, "link", link);
	return entry;
}

/* The commit of a feed's first entry, or NULL. */
static const struct history_commit *
feed_newest(const struct history *h, const struct ptrvec *changes)
{
	if (h == NULL)
		return NULL;
	if (changes != NULL)
		return changes->len ? ((struct change *)changes->items[0])->
		    commit : NULL;
	return h->commits.len ? h->commits.items[0] : NULL;
}

/*
 * An Atom feed of `changes` (NULL: every commit of the site), newest
 * first, at most `limit` entries.  URLs are absolute: feeds are read
 * elsewhere.  It was updated when its newest entry was, or today.
 */
struct value *
view_feed(const struct views *v, const char *title, const char *self,
    const char *alternate, const char *scope, const struct ptrvec *changes,
    size_t limit)
{
	const struct history *h = v->model->history;
	const char *base = v->model->content->site.base_url;
	struct value *map = value_map(A(v)), *entries;
	const struct history_commit *hc, *last = NULL;
	const struct history_commit *newest = feed_newest(h, changes);
	struct ptrvec one;
	size_t i;

	value_set_string(A(v), map, "title", title);
	value_set_string(A(v), map, "self", arena_printf(A(v), "%s/%s", base,
	    self));
	value_set_string(A(v), map, "alternate", arena_printf(A(v), "%s/%s",
	    base, alternate));
	value_set_string(A(v), map, "feed_id", arena_printf(A(v), "%s/%s",
	    base, self));
	value_set_string_ref(A(v), map, "updated", newest != NULL ?
	    newest->date_rfc3339 : arena_printf(A(v), "%sT00:00:00Z",
	    date_iso(A(v), &v->model->today)));
	entries = value_set(map, "entries", value_list(A(v)));
	for (i = 0; h != NULL; i++) {
		if (changes != NULL) {
			if (i >= changes->len)
				break;
			hc = ((struct change *)changes->items[i])->commit;
			if (hc == last)
				continue;
			value_push(entries, feed_entry(v, hc, changes, scope));
		} else {
			if (i >= h->commits.len)
				break;
			hc = h->commits.items[i];
			one = hc->changes;
			value_push(entries, feed_entry(v, hc, &one, scope));
		}
		last = hc;
		if (entries->u.children.count == limit)
			break;
	}
	return map;
}
