/*
 * Indexing the history against the public content: each change is tied
 * to the entity it belongs to now (following renames back in time), and
 * kept only when that entity is public now, or was public when deleted.
 */
#include <stdio.h>
#include <string.h>

#include "../load/content.h"
#include "history.h"

struct indexer {
	struct arena	*arena;
	struct history	*history;
	struct strmap	 public_now;	/* path → its plan, task or report */
	struct strmap	 alias;		/* older path → entity key */
	struct strmap	 verdict;	/* entity key → show or hide */
	struct strmap	 newest;	/* entity key → its newest change */
	struct strmap	 holder;	/* entity key → its task's or plan's */
};

static const char show[] = "show", hide[] = "hide";

static void
indexer_public_paths(struct indexer *ix, const struct content *content)
{
	const struct plan *plan;
	const struct task *task;
	const struct report *report;
	size_t i, j, k;

	for (i = 0; i < content->plans.len; i++) {
		plan = content->plans.items[i];
		strmap_put(&ix->public_now, plan->path, (void *)plan);
		for (j = 0; j < plan->tasks.len; j++) {
			task = plan->tasks.items[j];
			strmap_put(&ix->public_now, task->path, (void *)task);
			for (k = 0; k < task->reports.len; k++) {
				report = task->reports.items[k];
				strmap_put(&ix->public_now, report->path,
				    (void *)report);
			}
		}
	}
}

/* The entity key of a change, as of now; updates aliases for older ones. */
static const char *
indexer_key(struct indexer *ix, struct change *change)
{
	const char *key = strmap_get(&ix->alias, change->path);

	if (key == NULL) {
		key = change->path;
		/* A file deleted here but present now is another entity. */
		if (change->kind == CHANGE_DELETED &&
		    strmap_get(&ix->public_now, key) != NULL)
			key = arena_printf(ix->arena, "%s@%s", change->path,
			    change->commit->id);
	}
	/*
	 * A rename carries the past over only from a public file: a withdrawn
	 * file replaced by a similar public one is another entity, and its
	 * past stays withdrawn.
	 */
	if (change->old_path != NULL && change->kind == CHANGE_MODIFIED)
		strmap_put(&ix->alias, change->old_path, (void *)key);
	if (change->kind == CHANGE_DELETED)
		strmap_put(&ix->alias, change->path, (void *)key);
	return key;
}

/* The path of an entity key: without the "@commit" of a deleted one. */
static const char *
key_path(struct indexer *ix, const char *key)
{
	const char *at = strchr(key, '@');

	return at ? arena_strndup(ix->arena, key, (size_t)(at - key)) : key;
}

/*
 * The key of what holds the entity at `path` — a report's task, a task's
 * plan — as of the point of the walk reached: the aliases then in force
 * follow renames of the holder made later.  NULL for a plan.
 */
static const char *
holder_key_now(struct indexer *ix, const char *path)
{
	enum entity_kind kind;
	const char *plan, *task, *report, *holder, *alias;

	if (entity_of_path(ix->arena, path, &kind, &plan, &task, &report) == -1 ||
	    kind == ENTITY_PLAN)
		return NULL;
	holder = kind == ENTITY_REPORT ? arena_printf(ix->arena,
	    "plans/%s/tasks/%s.md", plan, task) : arena_printf(ix->arena,
	    "plans/%s/plan.md", plan);
	alias = strmap_get(&ix->alias, holder);
	return alias ? alias : holder;
}

/*
 * Notes the newest change of each entity (the first seen, walking newest
 * first) and, at that point, the key of its holder.
 */
static void
indexer_note_newest(struct indexer *ix, const char *key,
    const struct change *c)
{
	const char *holder;

	if (strmap_get(&ix->newest, key) != NULL)
		return;
	strmap_put(&ix->newest, key, (void *)c);
	if ((holder = holder_key_now(ix, key_path(ix, key))) != NULL)
		strmap_put(&ix->holder, key, (void *)holder);
}

static const char *
holder_of(struct indexer *ix, const char *key)
{
	const char *holder = strmap_get(&ix->holder, key);

	return holder ? holder : holder_key_now(ix, key_path(ix, key));
}

/* Whether an entity that is not public now was deleted while public. */
static int
deleted_public(struct indexer *ix, const char *key)
{
	const struct change *c = strmap_get(&ix->newest, key);

	return c != NULL && c->kind == CHANGE_DELETED;
}

/*
 * Whether the plan or task holding the entity `key` may be shown: it is
 * public now, or it was deleted while public and its own holder may be.
 */
static int
holder_shown(struct indexer *ix, const char *key)
{
	const char *holder = holder_of(ix, key);

	if (holder == NULL)
		return 1;
	if (strmap_get(&ix->public_now, holder) == NULL &&
	    !deleted_public(ix, holder))
		return 0;
	return holder_shown(ix, holder);
}

/*
 * Whether an entity's changes are shown: it is public now, or it was
 * deleted while public and what held it is public now (or went the same
 * way).  An entity withdrawn, or held by something withdrawn, shows none.
 */
static int
indexer_shown(struct indexer *ix, const char *key)
{
	const char *v = strmap_get(&ix->verdict, key);

	if (v == NULL) {
		v = (strmap_get(&ix->public_now, key) != NULL ||
		    deleted_public(ix, key)) && holder_shown(ix, key) ?
		    show : hide;
		strmap_put(&ix->verdict, key, (void *)v);
	}
	return v == show;
}

static void
index_push(struct arena *arena, struct strmap *map, const char *key,
    struct change *change)
{
	struct ptrvec *list = strmap_get(map, key);

	if (list == NULL) {
		list = arena_calloc(arena, 1, sizeof(*list));
		strmap_put(map, key, list);
	}
	ptrvec_push(arena, list, change);
}

/* Files the change under its plan and, for tasks and reports, its task. */
static void
indexer_file(struct indexer *ix, struct change *change)
{
	struct history *h = ix->history;
	enum entity_kind kind;
	const char *plan, *task, *report, *key = change->entity_key;

	if (entity_of_path(ix->arena, key_path(ix, key), &kind, &plan, &task,
	    &report) == -1)
		return;
	if (kind == ENTITY_REPORT && entity_of_path(ix->arena, key_path(ix,
	    holder_of(ix, key)), &kind, &plan, &task, &report) == -1)
		return;		/* filed under the task it belongs to now */
	index_push(ix->arena, &h->by_plan, plan, change);
	if (kind != ENTITY_PLAN)
		index_push(ix->arena, &h->by_task, arena_printf(ix->arena,
		    "%s/%s", plan, task), change);
}

static int
task_has_report(const struct task *task, const char *file_id)
{
	size_t i;

	for (i = 0; i < task->reports.len; i++)
		if (strcmp(((const struct report *)task->reports.items[i])->
		    file_id, file_id) == 0)
			return 1;
	return 0;
}

/*
 * Where a shown change's entity is now, found once here rather than by
 * every page that lists the change.  A key with "@" is of an entity
 * deleted while another took its path: it has no place now.
 */
static void
indexer_locate(struct indexer *ix, const struct content *content,
    struct change *change)
{
	const char *plan_id, *task_id, *report_id, *key = change->entity_key;
	const struct report *report;
	const struct task *task;
	void *now;

	change->now_plan = NULL;
	change->now_task = NULL;
	change->now_report = NULL;
	if (key == NULL || strchr(key, '@') != NULL ||
	    entity_of_path(ix->arena, key, &change->now_kind, &plan_id,
	    &task_id, &report_id) == -1)
		return;
	if ((now = strmap_get(&ix->public_now, key)) != NULL) {
		/* The usual case: the entity is there, found by its path. */
		switch (change->now_kind) {
		case ENTITY_PLAN:
			change->now_plan = now;
			return;
		case ENTITY_TASK:
			task = now;
			break;
		default:
			report = now;
			task = report->task;
			change->now_report = report->file_id;
			break;
		}
		change->now_task = task;
		change->now_plan = task->plan;
		return;
	}
	if ((change->now_plan = content_find_plan(content, plan_id)) == NULL ||
	    change->now_kind == ENTITY_PLAN ||
	    (change->now_task = plan_find_task(change->now_plan, task_id)) ==
	    NULL)
		return;
	if (change->now_kind == ENTITY_REPORT &&
	    task_has_report(change->now_task, report_id))
		change->now_report = report_id;
}

void
history_index(struct history *history, struct arena *arena,
    const struct content *content)
{
	struct indexer ix;
	struct history_commit *hc;
	struct change *change;
	size_t i, j, n = 0;

	memset(&ix, 0, sizeof(ix));
	ix.arena = arena;
	ix.history = history;
	strmap_init(&ix.public_now, arena);
	strmap_init(&ix.alias, arena);
	strmap_init(&ix.verdict, arena);
	strmap_init(&ix.newest, arena);
	strmap_init(&ix.holder, arena);
	strmap_init(&history->by_task, arena);
	strmap_init(&history->by_plan, arena);
	indexer_public_paths(&ix, content);
	for (i = 0; i < history->commits.len; i++) {	/* keys, newest */
		hc = history->commits.items[i];
		for (j = 0; j < hc->changes.len; j++) {
			change = hc->changes.items[j];
			change->entity_key = indexer_key(&ix, change);
			indexer_note_newest(&ix, change->entity_key, change);
		}
	}
	for (i = 0; i < history->commits.len; i++) {	/* verdicts */
		hc = history->commits.items[i];
		hc->shown = 0;
		for (j = 0; j < hc->changes.len; j++) {
			change = hc->changes.items[j];
			change->shown = indexer_shown(&ix, change->entity_key);
			if (!change->shown)
				continue;
			hc->shown++;
			indexer_file(&ix, change);
			indexer_locate(&ix, content, change);
		}
		if (hc->shown > 0)
			history->commits.items[n++] = hc;
	}
	history->commits.len = n;
}

const struct ptrvec *
history_of_task(const struct history *history, const char *plan,
    const char *task)
{
	char key[160];

	if (!history->available)
		return NULL;
	snprintf(key, sizeof(key), "%s/%s", plan, task);
	return strmap_get(&history->by_task, key);
}

const struct ptrvec *
history_of_plan(const struct history *history, const char *plan)
{
	return history->available ? strmap_get(&history->by_plan, plan) : NULL;
}
