/*
 * Resolving references between content files: sections, parents,
 * implemented tasks, indicators and their tasks, measured values; then
 * ordering plans, tasks and reports, and working out effective disclosure.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"
#include "content.h"

struct plan *
content_find_plan(const struct content *content, const char *id)
{
	size_t i;

	for (i = 0; i < content->plans.len; i++)
		if (strcmp(((struct plan *)content->plans.items[i])->id, id) == 0)
			return content->plans.items[i];
	return NULL;
}

struct task *
plan_find_task(const struct plan *plan, const char *id)
{
	size_t i;

	for (i = 0; i < plan->tasks.len; i++)
		if (strcmp(((struct task *)plan->tasks.items[i])->id, id) == 0)
			return plan->tasks.items[i];
	return NULL;
}

static struct section *
plan_find_section(const struct plan *plan, const char *id)
{
	size_t i;

	for (i = 0; i < plan->sections.len; i++)
		if (strcmp(((struct section *)plan->sections.items[i])->id,
		    id) == 0)
			return plan->sections.items[i];
	return NULL;
}

static struct indicator *
plan_find_indicator(const struct plan *plan, const char *id)
{
	size_t i;

	for (i = 0; i < plan->indicators.len; i++)
		if (strcmp(((struct indicator *)plan->indicators.items[i])->id,
		    id) == 0)
			return plan->indicators.items[i];
	return NULL;
}

/* Reports a second section or indicator with the same id. */
static void
plan_check_unique_ids(const struct plan *plan)
{
	const struct section *s, *t;
	const struct indicator *a, *b;
	size_t i, j;

	for (i = 0; i < plan->sections.len; i++)
		for (j = 0, s = plan->sections.items[i]; j < i; j++) {
			t = plan->sections.items[j];
			if (strcmp(s->id, t->id) == 0)
				diag_error(&s->pos, "duplicate section id '%s'",
				    s->id);
		}
	for (i = 0; i < plan->indicators.len; i++)
		for (j = 0, a = plan->indicators.items[i]; j < i; j++) {
			b = plan->indicators.items[j];
			if (strcmp(a->id, b->id) == 0)
				diag_error(&a->pos, "duplicate indicator id "
				    "'%s'", a->id);
		}
}

static int
task_compare_number(const void *a, const void *b)
{
	const struct task *x = *(struct task *const *)a;
	const struct task *y = *(struct task *const *)b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Newest first: by date, then by the -N sequence of the same day. */
static int
report_compare_newest(const void *a, const void *b)
{
	const struct report *x = *(struct report *const *)a;
	const struct report *y = *(struct report *const *)b;
	int c = date_compare(&y->date, &x->date);

	if (c != 0)
		return c;
	return (y->sequence > x->sequence) - (y->sequence < x->sequence);
}

static void
ptrvec_sort(struct ptrvec *vec, int (*compare)(const void *, const void *))
{
	if (vec->len > 1)
		qsort(vec->items, vec->len, sizeof(void *), compare);
}

static void
plan_check_numbers(struct plan *plan)
{
	struct task *task, *prev;
	size_t i;

	ptrvec_sort(&plan->tasks, task_compare_number);
	for (i = 1; i < plan->tasks.len; i++) {
		task = plan->tasks.items[i];
		prev = plan->tasks.items[i - 1];
		if (task->number == prev->number && !task->invalid &&
		    !prev->invalid)
			diag_error(&task->number_pos, "task number %ld is "
			    "already used by %s", task->number, prev->path);
	}
}

static void
plan_resolve_parent(struct content *content, struct plan *plan)
{
	struct plan *p;
	size_t steps;

	if (plan->parent_id == NULL || plan->invalid)
		return;
	plan->parent = content_find_plan(content, plan->parent_id);
	if (plan->parent == NULL) {
		diag_error(&plan->parent_pos, "parent plan '%s' does not exist",
		    plan->parent_id);
		return;
	}
	for (p = plan->parent, steps = 0; p != NULL; p = p->parent, steps++)
		if (p == plan || steps > content->plans.len) {
			diag_error(&plan->parent_pos, "plan '%s' is its own "
			    "ancestor through 'parent'", plan->id);
			plan->parent = NULL;
			return;
		}
	ptrvec_push(content->arena, &plan->parent->children, plan);
}

/* Resolves one "plan/task" reference of `task` to a task of its parent. */
static void
task_resolve_implements(struct content *content, struct task *task,
    const char *ref)
{
	const char *slash = strchr(ref, '/');
	struct plan *plan = task->plan, *target_plan;
	struct task *target;
	char *plan_id;

	if (plan->parent_id != NULL && plan->parent == NULL)
		return;		/* the bad parent was reported already */
	if (slash == NULL) {
		diag_error(&task->implements_pos, "'%s' is not a task "
		    "reference: use <plan>/<task>", ref);
		return;
	}
	plan_id = arena_strndup(content->arena, ref, (size_t)(slash - ref));
	target_plan = content_find_plan(content, plan_id);
	target = target_plan ? plan_find_task(target_plan, slash + 1) : NULL;
	if (target == NULL) {
		diag_error(&task->implements_pos, "'%s' does not exist", ref);
		return;
	}
	if (plan->parent == NULL || target_plan != plan->parent) {
		diag_error(&task->implements_pos, "'%s' is not a task of this "
		    "plan's parent%s%s", ref, plan->parent ? " " : "",
		    plan->parent ? plan->parent->id : " (the plan has none)");
		return;
	}
	ptrvec_push(content->arena, &task->implements, target);
	ptrvec_push(content->arena, &target->implemented_by, task);
}

static void
task_resolve(struct content *content, struct task *task)
{
	size_t i;

	ptrvec_sort(&task->reports, report_compare_newest);
	if (task->invalid || task->plan->invalid)
		return;
	if (task->section_id != NULL &&
	    (task->section = plan_find_section(task->plan,
	    task->section_id)) == NULL)
		diag_error(&task->section_pos, "section '%s' is not among the "
		    "plan's sections", task->section_id);
	for (i = 0; i < task->implements_refs.len; i++)
		task_resolve_implements(content, task,
		    task->implements_refs.items[i]);
}

static void
report_resolve(struct report *report)
{
	struct measurement *m;
	size_t i;

	if (report->task->plan->invalid)
		return;
	for (i = 0; i < report->values.len; i++) {
		m = report->values.items[i];
		m->indicator = plan_find_indicator(report->task->plan,
		    m->indicator_id);
		if (m->indicator == NULL)
			diag_error(&m->pos, "indicator '%s' is not among the "
			    "plan's indicators", m->indicator_id);
	}
}

static void
plan_resolve_indicators(struct plan *plan)
{
	struct indicator *indicator;
	size_t i;

	for (i = 0; i < plan->indicators.len; i++) {
		indicator = plan->indicators.items[i];
		if (indicator->task_id == NULL || plan->invalid)
			continue;
		indicator->task = plan_find_task(plan, indicator->task_id);
		if (indicator->task == NULL)
			diag_error(&indicator->pos, "indicator '%s' names task "
			    "'%s', which the plan does not have", indicator->id,
			    indicator->task_id);
	}
}

/* Effective disclosure: public only when it and all it belongs to are. */
static void
plan_resolve_disclosure(struct plan *plan)
{
	struct task *task;
	struct report *report;
	size_t i, j;

	plan->is_public = plan->disclosure == DISCLOSURE_PUBLIC;
	for (i = 0; i < plan->tasks.len; i++) {
		task = plan->tasks.items[i];
		task->is_public = plan->is_public &&
		    task->disclosure != DISCLOSURE_INTERNAL;
		for (j = 0; j < task->reports.len; j++) {
			report = task->reports.items[j];
			report->is_public = task->is_public &&
			    report->disclosure != DISCLOSURE_INTERNAL;
		}
	}
}

/* Home-page order: weight (unset last), then date issued, then id. */
static int
plan_compare_order(const void *a, const void *b)
{
	const struct plan *x = *(struct plan *const *)a;
	const struct plan *y = *(struct plan *const *)b;
	int c;

	if (x->weight != y->weight) {
		if (x->weight == 0 || y->weight == 0)
			return x->weight == 0 ? 1 : -1;
		return x->weight < y->weight ? -1 : 1;
	}
	if ((c = date_compare(&x->issued, &y->issued)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

/*
 * Resolves every reference of the loaded content, reporting dangling ones
 * through diag_error().  Returns 0, or -1 when any was reported.
 */
int
content_resolve(struct content *content)
{
	size_t before = diag_error_count(), i, j, k;
	struct plan *plan;
	struct task *task;

	ptrvec_sort(&content->plans, plan_compare_order);
	for (i = 0; i < content->plans.len; i++) {
		plan = content->plans.items[i];
		plan_check_unique_ids(plan);
		plan_check_numbers(plan);
		plan_resolve_parent(content, plan);
		plan_resolve_indicators(plan);
		plan_resolve_disclosure(plan);
	}
	for (i = 0; i < content->plans.len; i++) {
		plan = content->plans.items[i];
		for (j = 0; j < plan->tasks.len; j++) {
			task = plan->tasks.items[j];
			task_resolve(content, task);
			for (k = 0; k < task->reports.len; k++)
				report_resolve(task->reports.items[k]);
		}
	}
	return diag_error_count() == before ? 0 : -1;
}
