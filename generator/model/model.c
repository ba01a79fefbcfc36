/* The model: status, overdue flags, counts and responsible units. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model.h"


/* A task's status is its latest public report's (reports are filtered). */
enum status
task_status(const struct task *task)
{
	const struct report *latest;

	if (task->reports.len == 0)
		return STATUS_NONE;
	latest = task->reports.items[0];
	return latest->status;
}

static int
deadline_has_passed(const struct deadline *deadline, const struct date *today)
{
	switch (deadline->kind) {
	case DEADLINE_YEAR:
	case DEADLINE_MONTH:
	case DEADLINE_DAY:
		return date_compare(&deadline->last_day, today) < 0;
	default:
		return 0;	/* none given, or ongoing: never expires */
	}
}

int
task_is_overdue(const struct task *task, const struct date *today)
{
	return task->reports.len > 0 && task_status(task) != STATUS_COMPLETED &&
	    deadline_has_passed(&task->deadline, today);
}

/* Past its deadline with no report at all: flagged neutrally. */
int
task_is_past_unreported(const struct task *task, const struct date *today)
{
	return task->reports.len == 0 &&
	    deadline_has_passed(&task->deadline, today);
}

void
plan_count(const struct plan *plan, const struct date *today,
    struct status_counts *counts)
{
	const struct task *task;
	size_t i;

	memset(counts, 0, sizeof(*counts));
	for (i = 0; i < plan->tasks.len; i++) {
		task = plan->tasks.items[i];
		counts->total++;
		counts->by_status[task_status(task)]++;
		counts->overdue += task_is_overdue(task, today);
		counts->past_unreported += task_is_past_unreported(task, today);
	}
}

/* A stable id for a unit name: "u" and 12 hex digits of FNV-1a. */
static const char *
unit_id(struct arena *arena, const char *name)
{
	uint64_t h = 14695981039346656037ULL;
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return arena_printf(arena, "u%012llx",
	    (unsigned long long)(h & 0xffffffffffffULL));
}

/* Looks among the plan's own units only: all plans have hundreds. */
struct unit *
model_find_unit(const struct model *model, const struct plan *plan,
    const char *name)
{
	const struct ptrvec *units = model_plan_units(model, plan);
	struct unit *unit;
	size_t i;

	for (i = 0; i < units->len; i++) {
		unit = units->items[i];
		if (strcmp(unit->name, name) == 0)
			return unit;
	}
	return NULL;
}

static struct unit *
model_unit(struct model *model, struct plan *plan, const char *name)
{
	struct unit *unit = model_find_unit(model, plan, name);
	struct ptrvec *units;

	if (unit != NULL)
		return unit;
	unit = arena_calloc(model->arena, 1, sizeof(*unit));
	unit->name = name;
	unit->id = unit_id(model->arena, name);
	unit->plan = plan;
	ptrvec_push(model->arena, &model->units, unit);
	if ((units = strmap_get(&model->plan_units, plan->id)) == NULL) {
		units = arena_calloc(model->arena, 1, sizeof(*units));
		strmap_put(&model->plan_units, plan->id, units);
	}
	ptrvec_push(model->arena, units, unit);
	return unit;
}

static void
model_collect_units(struct model *model, struct plan *plan)
{
	struct task *task;
	struct unit *unit;
	size_t i, j;

	for (i = 0; i < plan->tasks.len; i++) {
		task = plan->tasks.items[i];
		for (j = 0; j < task->lead.len; j++) {
			unit = model_unit(model, plan, task->lead.items[j]);
			ptrvec_push(model->arena, &unit->leads, task);
		}
		for (j = 0; j < task->support.len; j++) {
			unit = model_unit(model, plan, task->support.items[j]);
			ptrvec_push(model->arena, &unit->supports, task);
		}
	}
}

const struct ptrvec *
model_plan_units(const struct model *model, const struct plan *plan)
{
	static const struct ptrvec none = { NULL, 0, 0 };
	const struct ptrvec *units = strmap_get(&model->plan_units, plan->id);

	return units != NULL ? units : &none;
}

void
model_build(struct model *model, struct arena *arena, struct content *content,
    const struct date *today)
{
	size_t i;

	memset(model, 0, sizeof(*model));
	model->arena = arena;
	model->content = content;
	model->today = *today;
	strmap_init(&model->plan_units, arena);
	disclosure_filter(content);
	for (i = 0; i < content->plans.len; i++)
		model_collect_units(model, content->plans.items[i]);
}
