/*
 * Indexing the history against the public content: each change is tied
 * to the entity it belongs to now (following renames back in time), and
 * kept only when that entity is public now, or was public when deleted.
 *
 * Every string the index meets — a path, or the key of an entity — gets
 * one node, looked up once; what is known about it (the entity public at
 * that path now, the key it is an alias of, its newest change, its holder,
 * its verdict, where its changes are filed) hangs on the node, so a
 * change costs a lookup or two rather than one per question.
 */
#include <stdio.h>
#include <string.h>

#include "../load/content.h"
#include "history.h"

struct ix_node {
	const char		*name;		/* a path, or "path@commit" */
	/* As a path. */
	const void		*now;		/* its plan, task or report now */
	struct ix_node		*alias;		/* the key it had later, if any */
	/* As an entity key. */
	const struct change	*newest;	/* its newest change */
	struct ix_node		*holder;	/* its holder's key then, or NULL */
	signed char		 verdict;	/* 0 not yet, 1 shown, -1 hidden */
	/* Worked out from the name once, when first needed. */
	struct ix_node		*key_path;	/* the name without "@commit" */
	signed char		 parsed;	/* 0 not yet, 1 an entity, -1 not */
	enum entity_kind	 kind;
	const char		*plan_id;
	const char		*task_id;
	const char		*report_id;
	int			 holder_path_done;
	struct ix_node		*holder_path;	/* its task's or plan's file */
	struct ptrvec		*plan_list;	/* where its changes are filed */
	struct ptrvec		*task_list;
	char			 name_bytes[];	/* `name`, kept with the node so
						   that finding it reads no more */
};

struct history_index {
	struct arena		*arena;
	const struct content	*content;
	struct history		*history;
	struct strmap		 nodes;		/* name → struct ix_node */
};

/* The node of `name`, made when missing. */
static struct ix_node *
node_of(struct history_index *ix, const char *name)
{
	struct ix_node *node = strmap_get(&ix->nodes, name);
	size_t len;

	if (node != NULL)
		return node;
	len = strlen(name);
	node = arena_calloc(ix->arena, 1, sizeof(*node) + len + 1);
	memcpy(node->name_bytes, name, len + 1);
	node->name = node->name_bytes;
	strmap_put(&ix->nodes, node->name, node);
	return node;
}

/* Parses the node's name as a content path, once; -1 for other files. */
static int
node_parse(struct history_index *ix, struct ix_node *node)
{
	if (node->parsed == 0)
		node->parsed = entity_of_path(ix->arena, node->name, &node->kind,
		    &node->plan_id, &node->task_id, &node->report_id) == 0 ?
		    1 : -1;
	return node->parsed == 1 ? 0 : -1;
}

/*
 * The node of a file public now, filled from the content rather than by
 * parsing its path: the loader made the path from these very ids
 * (plans/<plan>/plan.md, plans/<plan>/tasks/<task>.md and
 * plans/<plan>/progress/<task>/<report>.md), and the file holding it is
 * its task's or its plan's.
 */
static struct ix_node *
node_public(struct history_index *ix, const char *path, const void *now,
    enum entity_kind kind, const char *plan, const char *task,
    const char *report, struct ix_node *holder_path)
{
	struct ix_node *node = node_of(ix, path);

	node->now = now;
	node->parsed = 1;
	node->kind = kind;
	node->plan_id = plan;
	node->task_id = task;
	node->report_id = report;
	node->holder_path_done = 1;
	node->holder_path = holder_path;
	return node;
}

static void
indexer_public_paths(struct history_index *ix, const struct content *content)
{
	const struct plan *plan;
	const struct task *task;
	const struct report *report;
	struct ix_node *plan_node, *task_node;
	size_t i, j, k;

	for (i = 0; i < content->plans.len; i++) {
		plan = content->plans.items[i];
		plan_node = node_public(ix, plan->path, plan, ENTITY_PLAN,
		    plan->id, NULL, NULL, NULL);
		for (j = 0; j < plan->tasks.len; j++) {
			task = plan->tasks.items[j];
			task_node = node_public(ix, task->path, task,
			    ENTITY_TASK, plan->id, task->id, NULL, plan_node);
			for (k = 0; k < task->reports.len; k++) {
				report = task->reports.items[k];
				node_public(ix, report->path, report,
				    ENTITY_REPORT, plan->id, task->id,
				    report->file_id, task_node);
			}
		}
	}
}

/* The entity key of a change, as of now; updates aliases for older ones. */
static struct ix_node *
indexer_key(struct history_index *ix, struct change *change)
{
	struct ix_node *path = node_of(ix, change->path);
	struct ix_node *key = path->alias;

	if (key == NULL) {
		key = path;
		/* A file deleted here but present now is another entity. */
		if (change->kind == CHANGE_DELETED && path->now != NULL)
			key = node_of(ix, arena_printf(ix->arena, "%s@%s",
			    change->path, change->commit->id));
	}
	/*
	 * A rename carries the past over only from a public file: a withdrawn
	 * file replaced by a similar public one is another entity, and its
	 * past stays withdrawn.
	 */
	if (change->old_path != NULL && change->kind == CHANGE_MODIFIED)
		node_of(ix, change->old_path)->alias = key;
	if (change->kind == CHANGE_DELETED)
		path->alias = key;
	return key;
}

/* The path of an entity key: without the "@commit" of a deleted one. */
static struct ix_node *
key_path(struct history_index *ix, struct ix_node *key)
{
	const char *at;

	if (key->key_path == NULL) {
		at = strchr(key->name, '@');
		key->key_path = at == NULL ? key : node_of(ix, arena_strndup(
		    ix->arena, key->name, (size_t)(at - key->name)));
	}
	return key->key_path;
}

/*
 * The path of the file holding `path` — "plans/<plan>/tasks/<task>.md" for
 * a report, "plans/<plan>/plan.md" for a task — in `out`; -1 when it does
 * not fit.
 */
static int
holder_path_name(const struct ix_node *path, char *out, size_t size)
{
	int n;

	if (path->kind == ENTITY_REPORT)
		n = snprintf(out, size, "plans/%s/tasks/%s.md", path->plan_id,
		    path->task_id);
	else
		n = snprintf(out, size, "plans/%s/plan.md", path->plan_id);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/*
 * The key of what holds the entity at `path` — a report's task, a task's
 * plan — as of the point of the walk reached: the aliases then in force
 * follow renames of the holder made later.  NULL for a plan.
 */
static struct ix_node *
holder_key_now(struct history_index *ix, struct ix_node *path)
{
	char name[512];
	struct ix_node *holder;

	if (!path->holder_path_done) {
		path->holder_path_done = 1;
		if (node_parse(ix, path) == -1 || path->kind == ENTITY_PLAN)
			return NULL;
		if (holder_path_name(path, name, sizeof(name)) == 0)
			path->holder_path = node_of(ix, name);
		else	/* too long for the buffer: rare, no need to be quick */
			path->holder_path = node_of(ix, path->kind ==
			    ENTITY_REPORT ? arena_printf(ix->arena,
			    "plans/%s/tasks/%s.md", path->plan_id,
			    path->task_id) : arena_printf(ix->arena,
			    "plans/%s/plan.md", path->plan_id));
	}
	holder = path->holder_path;
	return holder == NULL || holder->alias == NULL ? holder : holder->alias;
}

/*
 * Notes the newest change of each entity (the first seen, walking newest
 * first) and, at that point, the key of its holder.
 */
static void
indexer_note_newest(struct history_index *ix, struct ix_node *key,
    const struct change *c)
{
	if (key->newest != NULL)
		return;
	key->newest = c;
	key->holder = holder_key_now(ix, key_path(ix, key));
}

/*
 * The holder noted with the newest change; an entity without changes
 * has its holder as the aliases are at the end of the walk.  (Whether
 * there is a holder at all depends on the path only.)
 */
static struct ix_node *
holder_of(struct history_index *ix, struct ix_node *key)
{
	return key->newest != NULL ? key->holder :
	    holder_key_now(ix, key_path(ix, key));
}

/* Whether an entity that is not public now was deleted while public. */
static int
deleted_public(const struct ix_node *key)
{
	return key->newest != NULL && key->newest->kind == CHANGE_DELETED;
}

/*
 * Whether the plan or task holding the entity `key` may be shown: it is
 * public now, or it was deleted while public and its own holder may be.
 */
static int
holder_shown(struct history_index *ix, struct ix_node *key)
{
	struct ix_node *holder = holder_of(ix, key);

	if (holder == NULL)
		return 1;
	if (holder->now == NULL && !deleted_public(holder))
		return 0;
	return holder_shown(ix, holder);
}

/*
 * Whether an entity's changes are shown: it is public now, or it was
 * deleted while public and what held it is public now (or went the same
 * way).  An entity withdrawn, or held by something withdrawn, shows none.
 */
static int
indexer_shown(struct history_index *ix, struct ix_node *key)
{
	if (key->verdict == 0)
		key->verdict = (key->now != NULL || deleted_public(key)) &&
		    holder_shown(ix, key) ? 1 : -1;
	return key->verdict == 1;
}

static struct ptrvec *
index_list(struct arena *arena, struct strmap *map, const char *key)
{
	struct ptrvec *list = strmap_get(map, key);

	if (list == NULL) {
		list = arena_calloc(arena, 1, sizeof(*list));
		strmap_put(map, key, list);
	}
	return list;
}

/* Files the change under its plan and, for tasks and reports, its task. */
static void
indexer_file(struct history_index *ix, struct ix_node *key, struct change *change)
{
	struct history *h = ix->history;
	struct ix_node *path = key_path(ix, key);

	if (node_parse(ix, path) == -1)
		return;
	if (path->kind == ENTITY_REPORT) {
		path = key_path(ix, holder_of(ix, key));
		if (node_parse(ix, path) == -1)
			return;		/* filed under the task it belongs to now */
	}
	if (path->plan_list == NULL)
		path->plan_list = index_list(ix->arena, &h->by_plan,
		    path->plan_id);
	ptrvec_push(ix->arena, path->plan_list, change);
	if (path->kind == ENTITY_PLAN)
		return;
	if (path->task_list == NULL)
		path->task_list = index_list(ix->arena, &h->by_task,
		    arena_printf(ix->arena, "%s/%s", path->plan_id,
		    path->task_id));
	ptrvec_push(ix->arena, path->task_list, change);
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
indexer_locate(struct history_index *ix, struct ix_node *key,
    struct change *change)
{
	const struct report *report;
	const struct task *task;

	change->now_plan = NULL;
	change->now_task = NULL;
	change->now_report = NULL;
	if (key_path(ix, key) != key || node_parse(ix, key) == -1)
		return;
	change->now_kind = key->kind;
	if (key->now != NULL) {
		/* The usual case: the entity is there, found by its path. */
		switch (key->kind) {
		case ENTITY_PLAN:
			change->now_plan = key->now;
			return;
		case ENTITY_TASK:
			task = key->now;
			break;
		default:
			report = key->now;
			task = report->task;
			change->now_report = report->file_id;
			break;
		}
		change->now_task = task;
		change->now_plan = task->plan;
		return;
	}
	if ((change->now_plan = content_find_plan(ix->content, key->plan_id)) ==
	    NULL || key->kind == ENTITY_PLAN ||
	    (change->now_task = plan_find_task(change->now_plan,
	    key->task_id)) == NULL)
		return;
	if (key->kind == ENTITY_REPORT &&
	    task_has_report(change->now_task, key->report_id))
		change->now_report = key->report_id;
}

static size_t
content_entity_count(const struct content *content)
{
	const struct plan *plan;
	size_t i, j, n = 0;

	for (i = 0; i < content->plans.len; i++) {
		plan = content->plans.items[i];
		n += 1 + plan->tasks.len;
		for (j = 0; j < plan->tasks.len; j++)
			n += ((const struct task *)plan->tasks.items[j])->
			    reports.len;
	}
	return n;
}

struct history_index *
history_index_prepare(struct arena *arena, const struct content *content)
{
	struct history_index *ix = arena_calloc(arena, 1, sizeof(*ix));

	ix->arena = arena;
	ix->content = content;
	strmap_init(&ix->nodes, arena);
	/* Room for the paths of the history that are not public now, too. */
	strmap_reserve(&ix->nodes, content_entity_count(content) * 9 / 8);
	indexer_public_paths(ix, content);
	return ix;
}

static size_t
history_change_count(const struct history *history)
{
	size_t i, n = 0;

	for (i = 0; i < history->commits.len; i++)
		n += ((struct history_commit *)history->commits.items[i])->
		    changes.len;
	return n;
}

void
history_index(struct history *history, struct history_index *ix)
{
	struct history_commit *hc;
	struct change *change;
	struct ix_node **keys;
	size_t i, j, k, n = 0;

	ix->history = history;
	strmap_init(&history->by_task, ix->arena);
	strmap_init(&history->by_plan, ix->arena);
	keys = arena_alloc(ix->arena, (history_change_count(history) + 1) *
	    sizeof(*keys));
	for (i = k = 0; i < history->commits.len; i++) {	/* keys, newest */
		hc = history->commits.items[i];
		for (j = 0; j < hc->changes.len; j++, k++) {
			change = hc->changes.items[j];
			keys[k] = indexer_key(ix, change);
			indexer_note_newest(ix, keys[k], change);
		}
	}
	for (i = k = 0; i < history->commits.len; i++) {	/* verdicts */
		hc = history->commits.items[i];
		hc->shown = 0;
		for (j = 0; j < hc->changes.len; j++, k++) {
			change = hc->changes.items[j];
			change->shown = indexer_shown(ix, keys[k]);
			if (!change->shown)
				continue;
			hc->shown++;
			indexer_file(ix, keys[k], change);
			indexer_locate(ix, keys[k], change);
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
