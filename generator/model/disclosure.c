/*
 * The disclosure filter: one pass, before anything renders, that drops
 * every entry whose effective disclosure is not public, together with
 * every reference to it.
 */
#include <string.h>

#include "model.h"

/* Keeps the items of `vec` for which `keep` is true, in order. */
static void
ptrvec_keep(struct ptrvec *vec, int (*keep)(const void *))
{
	size_t i, n = 0;

	for (i = 0; i < vec->len; i++)
		if (keep(vec->items[i]))
			vec->items[n++] = vec->items[i];
	vec->len = n;
}

static int
plan_is_public(const void *p)
{
	return ((const struct plan *)p)->is_public;
}

static int
task_is_public(const void *p)
{
	return ((const struct task *)p)->is_public;
}

static int
report_is_public(const void *p)
{
	return ((const struct report *)p)->is_public;
}

static void
task_filter(struct arena *arena, struct task *task)
{
	struct task *target;
	size_t i;

	ptrvec_keep(&task->reports, report_is_public);
	ptrvec_keep(&task->implements, task_is_public);
	ptrvec_keep(&task->implemented_by, task_is_public);
	/* The written references are rebuilt from public targets only. */
	memset(&task->implements_refs, 0, sizeof(task->implements_refs));
	for (i = 0; i < task->implements.len; i++) {
		target = task->implements.items[i];
		ptrvec_push(arena, &task->implements_refs, (void *)arena_printf(
		    arena, "%s/%s", target->plan->id, target->id));
	}
}

static void
plan_filter(struct arena *arena, struct plan *plan)
{
	struct indicator *indicator;
	size_t i;

	ptrvec_keep(&plan->tasks, task_is_public);
	ptrvec_keep(&plan->children, plan_is_public);
	if (plan->parent != NULL && !plan->parent->is_public) {
		plan->parent = NULL;
		plan->parent_id = NULL;
	}
	for (i = 0; i < plan->tasks.len; i++)
		task_filter(arena, plan->tasks.items[i]);
	for (i = 0; i < plan->indicators.len; i++) {
		indicator = plan->indicators.items[i];
		if (indicator->task != NULL && !indicator->task->is_public) {
			indicator->task = NULL;
			indicator->task_id = NULL;
		}
	}
}

void
disclosure_filter(struct content *content)
{
	size_t i;

	ptrvec_keep(&content->plans, plan_is_public);
	for (i = 0; i < content->plans.len; i++)
		plan_filter(content->arena, content->plans.items[i]);
}
