/* View models of every page, built from the public model. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/number.h"
#include "../history/history.h"
#include "value.h"
#include "views.h"

#define A(v)	((v)->arena)
#define PLAN_RECENT_CHANGES	10

const char *
plan_url(struct arena *arena, const struct plan *plan)
{
	return arena_printf(arena, "plans/%s/index.html", plan->id);
}

const char *
task_url(struct arena *arena, const struct task *task)
{
	return arena_printf(arena, "plans/%s/tasks/%s.html", task->plan->id,
	    task->id);
}

const char *
unit_url(struct arena *arena, const struct unit *unit)
{
	return arena_printf(arena, "plans/%s/units/%s.html", unit->plan->id,
	    unit->id);
}




/* The deadline as written in the content: "2024-12", "ongoing" or null. */
static struct value *
deadline_value(const struct views *v, const struct deadline *deadline)
{
	const struct date *d = &deadline->last_day;

	switch (deadline->kind) {
	case DEADLINE_YEAR:
		return value_string(A(v), arena_printf(A(v), "%04d", d->year));
	case DEADLINE_MONTH:
		return value_string(A(v), arena_printf(A(v), "%04d-%02d",
		    d->year, d->month));
	case DEADLINE_DAY:
		return value_string_ref(A(v), date_iso(A(v), d));
	case DEADLINE_ONGOING:
		return value_string_ref(A(v), "ongoing");
	default:
		return value_null(A(v));
	}
}

static struct value *
string_list(const struct views *v, const struct ptrvec *items)
{
	struct value *list = value_list(A(v));
	size_t i;

	for (i = 0; i < items->len; i++)
		value_push(list, value_string_ref(A(v), items->items[i]));
	return list;
}

static const char *
join_names(const struct views *v, const struct ptrvec *items)
{
	size_t i, len = 0;
	char *s, *p;

	for (i = 0; i < items->len; i++)
		len += strlen(items->items[i]) + 3;
	p = s = arena_alloc(A(v), len + 1);
	*p = '\0';
	for (i = 0; i < items->len; i++) {
		if (i > 0)
			p = stpcpy(p, "、");
		p = stpcpy(p, items->items[i]);
	}
	return s;
}

/* Markdown as HTML, rendered only when the page is (see value_markdown). */
static struct value *
body_html(const struct views *v, const char *markdown, const char *prefix)
{
	if (markdown == NULL)
		return value_string_ref(A(v), "");
	return value_markdown(A(v), markdown, prefix, v->markdown,
	    v->markdown_ctx);
}

/* Units as links to their pages: [{name, url}]. */
static struct value *
unit_links(const struct views *v, const struct plan *plan,
    const struct ptrvec *names)
{
	struct value *list = value_list(A(v)), *item;
	const struct unit *unit;
	size_t i;

	for (i = 0; i < names->len; i++) {
		item = value_push(list, value_map(A(v)));
		value_set_string(A(v), item, "name", names->items[i]);
		unit = model_find_unit(v->model, plan, names->items[i]);
		if (unit != NULL)
			value_set_string(A(v), item, "url",
			    unit_url(A(v), unit));
	}
	return list;
}

/* The status fields shared by task rows and task pages. */
static void
task_status_fields(const struct views *v, const struct task *task,
    struct value *map)
{
	const struct date *today = &v->model->today;
	enum status status = task_status(task);

	value_set_string_ref(A(v), map, "status", status_name(status));
	value_set_string_ref(A(v), map, "status_text", status_label(status));
	value_set_bool(A(v), map, "overdue", task_is_overdue(task, today));
	value_set_bool(A(v), map, "past_deadline_unreported",
	    task_is_past_unreported(task, today));
}

static struct value *
plan_ref(const struct views *v, const struct plan *plan)
{
	struct value *map = value_map(A(v));

	value_set_string(A(v), map, "id", plan->id);
	value_set_string(A(v), map, "title", plan->title);
	value_set_string(A(v), map, "region", plan->region);
	value_set_string(A(v), map, "url", plan_url(A(v), plan));
	return map;
}

/* A task as one row of a list (and the start of its own page). */
struct value *
view_task_row_build(const struct views *v, const void *object)
{
	const struct task *task = object;
	struct value *map = value_map(A(v));

	value_set_string_ref(A(v), map, "id", arena_printf(A(v), "%s/%s",
	    task->plan->id, task->id));
	value_set_number(A(v), map, "number", (double)task->number);
	value_set_string_ref(A(v), map, "title", task->title);
	value_set_string_ref(A(v), map, "url", task_url(A(v), task));
	value_set_string_ref(A(v), map, "plan_id", task->plan->id);
	value_set_string_ref(A(v), map, "plan_title", task->plan->title);
	value_set_string_ref(A(v), map, "region", task->plan->region);
	value_set(map, "lead", string_list(v, &task->lead));
	value_set_string_ref(A(v), map, "lead_text", task->lead.len ?
	    join_names(v, &task->lead) : "未列明");
	value_set(map, "deadline", deadline_value(v, &task->deadline));
	value_set_string_ref(A(v), map, "deadline_text",
	    deadline_text(A(v), &task->deadline));
	task_status_fields(v, task, map);
	return map;
}

/* A task's row in another page: shared by every page that lists it. */
static struct value *
task_row(const struct views *v, const struct task *task)
{
	return view_shared(v, SHARE_TASK_ROW, task);
}

static struct value *
task_rows(const struct views *v, const struct ptrvec *tasks)
{
	struct value *list = value_list(A(v));
	size_t i;

	for (i = 0; i < tasks->len; i++)
		value_push(list, task_row(v, tasks->items[i]));
	return list;
}

/* Counts by status, and the segments of the bar that draws them. */
static struct value *
counts_value(const struct views *v, const struct status_counts *counts)
{
	static const enum status order[] = { STATUS_COMPLETED,
	    STATUS_IN_PROGRESS, STATUS_NOT_STARTED, STATUS_DELAYED,
	    STATUS_NONE };
	struct value *map = value_map(A(v)), *segments, *segment;
	double x = 0, width;
	size_t i, n;

	value_set_number(A(v), map, "total", (double)counts->total);
	segments = value_set(map, "segments", value_list(A(v)));
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		n = counts->by_status[order[i]];
		value_set_number(A(v), map, status_name(order[i]), (double)n);
		segment = value_push(segments, value_map(A(v)));
		width = counts->total ? 100.0 * (double)n /
		    (double)counts->total : 0;
		width = round(width * 100) / 100;
		value_set_string(A(v), segment, "status",
		    status_name(order[i]));
		value_set_string(A(v), segment, "label",
		    status_label(order[i]));
		value_set_number(A(v), segment, "count", (double)n);
		value_set_number(A(v), segment, "x", x);
		value_set_number(A(v), segment, "width", width);
		value_set_bool(A(v), segment, "visible", n > 0);
		x = round((x + width) * 100) / 100;
	}
	value_set_number(A(v), map, "overdue", (double)counts->overdue);
	value_set_number(A(v), map, "past_deadline_unreported",
	    (double)counts->past_unreported);
	return map;
}

static struct value *
plan_summary(const struct views *v, const struct plan *plan)
{
	struct value *map = plan_ref(v, plan);
	struct status_counts counts;

	value_set_string(A(v), map, "issuer", plan->issuer);
	value_set_string(A(v), map, "issued", date_iso(A(v), &plan->issued));
	value_set_string(A(v), map, "issued_text",
	    date_text(A(v), &plan->issued));
	value_set_string(A(v), map, "doc_number", plan->doc_number);
	plan_count(plan, &v->model->today, &counts);
	value_set(map, "counts", counts_value(v, &counts));
	return map;
}

struct value *
view_site(const struct views *v)
{
	return view_shared(v, SHARE_SITE, v->model);
}

struct value *
view_site_build(const struct views *v, const void *model)
{
	const struct site_config *site = &v->model->content->site;
	struct value *map = value_map(A(v));

	(void)model;		/* v->model */
	value_set_string(A(v), map, "title", site->title);
	value_set_string(A(v), map, "language", site->language);
	value_set_string(A(v), map, "base_url", site->base_url);
	value_set(map, "footer", string_list(v, &site->footer));
	value_set_string(A(v), map, "banner", site->banner);
	value_set_string(A(v), map, "build_date",
	    date_iso(A(v), &v->model->today));
	value_set_string(A(v), map, "build_date_text",
	    date_text(A(v), &v->model->today));
	return map;
}

struct value *
view_home(const struct views *v)
{
	const struct content *content = v->model->content;
	struct value *map = value_map(A(v)), *plans;
	size_t i;

	value_set_string(A(v), map, "kind", "home");
	value_set_string(A(v), map, "title", content->site.title);
	value_set_string(A(v), map, "data_date",
	    date_iso(A(v), &v->model->today));
	plans = value_set(map, "plans", value_list(A(v)));
	for (i = 0; i < content->plans.len; i++)
		value_push(plans, plan_summary(v, content->plans.items[i]));
	return map;
}

/* The latest public measurement of an indicator, or NULL. */
static const struct measurement *
indicator_latest(const struct plan *plan, const struct indicator *indicator,
    const struct report **from)
{
	const struct measurement *best = NULL, *m;
	const struct report *report;
	const struct task *task;
	size_t i, j, k;

	for (i = 0; i < plan->tasks.len; i++) {
		task = plan->tasks.items[i];
		for (j = 0; j < task->reports.len; j++) {
			report = task->reports.items[j];
			for (k = 0; k < report->values.len; k++) {
				m = report->values.items[k];
				if (m->indicator != indicator)
					continue;
				if (best == NULL || date_compare(&report->date,
				    &(*from)->date) > 0) {
					best = m;
					*from = report;
				}
			}
		}
	}
	return best;
}

static struct value *
indicator_value(const struct views *v, const struct plan *plan,
    const struct indicator *indicator)
{
	struct value *map = value_map(A(v)), *latest;
	const struct report *from = NULL;
	const struct measurement *m;
	double gap, progress;
	int at_least = indicator->direction == DIRECTION_AT_LEAST;

	value_set_string(A(v), map, "id", indicator->id);
	value_set_string(A(v), map, "name", indicator->name);
	value_set_string(A(v), map, "unit", indicator->unit);
	value_set_number(A(v), map, "target", indicator->target);
	value_set_string(A(v), map, "target_text", arena_printf(A(v), "%s%s",
	    number_text(A(v), indicator->target), indicator->unit));
	value_set_string(A(v), map, "direction", at_least ? "at_least" :
	    "at_most");
	value_set_string(A(v), map, "direction_text", at_least ? "不低于" :
	    "不高于");
	/*
	 * Optional keys are set to null when absent, so that a template's
	 * lookup stops here instead of finding another map's value up the
	 * context stack (e.g. the first indicator's, pushed by {{#list.0}}).
	 */
	if (indicator->has_baseline)
		value_set_number(A(v), map, "baseline", indicator->baseline);
	else
		value_set(map, "baseline", value_null(A(v)));
	value_set(map, "deadline", deadline_value(v, &indicator->deadline));
	value_set_string(A(v), map, "deadline_text",
	    deadline_text(A(v), &indicator->deadline));
	if (indicator->task != NULL)
		value_set(map, "task", task_row(v, indicator->task));
	else
		value_set(map, "task", value_null(A(v)));
	m = indicator_latest(plan, indicator, &from);
	if (m == NULL) {
		value_set(map, "latest", value_null(A(v)));
		return map;
	}
	latest = value_set(map, "latest", value_map(A(v)));
	value_set_number(A(v), latest, "value", m->value);
	value_set_string(A(v), latest, "value_text", arena_printf(A(v),
	    "%s%s", number_text(A(v), m->value), indicator->unit));
	value_set_string(A(v), latest, "date", date_iso(A(v), &from->date));
	value_set_string(A(v), latest, "date_text", date_text(A(v),
	    &from->date));
	value_set_string(A(v), latest, "url", task_url(A(v), from->task));
	gap = at_least ? indicator->target - m->value :
	    m->value - indicator->target;
	value_set_number(A(v), latest, "gap", gap > 0 ? gap : 0);
	value_set_bool(A(v), latest, "met", gap <= 0);
	value_set_string(A(v), latest, "gap_text", gap > 0 ?
	    arena_printf(A(v), "差%s%s", number_text(A(v), gap),
	    indicator->unit) : "已达到");
	progress = at_least && indicator->target > 0 ?
	    100.0 * m->value / indicator->target : (gap <= 0 ? 100 : 0);
	progress = progress < 0 ? 0 : progress > 100 ? 100 : progress;
	value_set_number(A(v), latest, "progress",
	    round(progress * 100) / 100);
	return map;
}

static struct value *
indicator_list(const struct views *v, const struct plan *plan,
    const struct task *only)
{
	struct value *list = value_list(A(v));
	const struct indicator *indicator;
	size_t i;

	for (i = 0; i < plan->indicators.len; i++) {
		indicator = plan->indicators.items[i];
		if (only == NULL || indicator->task == only)
			value_push(list, indicator_value(v, plan, indicator));
	}
	return list;
}

/* Tasks grouped by section, in the plan's order; others last. */
static struct value *
plan_sections(const struct views *v, const struct plan *plan)
{
	struct value *list = value_list(A(v)), *group, *tasks;
	const struct section *section;
	const struct task *task;
	size_t i, j;

	for (i = 0; i <= plan->sections.len; i++) {
		section = i < plan->sections.len ? plan->sections.items[i] :
		    NULL;
		tasks = value_list(A(v));
		for (j = 0; j < plan->tasks.len; j++) {
			task = plan->tasks.items[j];
			if (task->section == section)
				value_push(tasks, task_row(v, task));
		}
		if (tasks->u.children.count == 0)
			continue;
		group = value_push(list, value_map(A(v)));
		if (section != NULL) {
			value_set_string(A(v), group, "id", section->id);
			value_set_string(A(v), group, "title", section->title);
		} else {
			value_set(group, "id", value_null(A(v)));
			value_set_string(A(v), group, "title",
			    plan->sections.len ? "其他任务" : "任务清单");
		}
		value_set(group, "tasks", tasks);
	}
	return list;
}

static struct value *
plan_unit_list(const struct views *v, const struct plan *plan)
{
	const struct ptrvec *units = model_plan_units(v->model, plan);
	struct value *list = value_list(A(v)), *item;
	const struct unit *unit;
	size_t i;

	for (i = 0; i < units->len; i++) {
		unit = units->items[i];
		item = value_push(list, value_map(A(v)));
		value_set_string(A(v), item, "name", unit->name);
		value_set_string(A(v), item, "url", unit_url(A(v), unit));
		value_set_number(A(v), item, "lead_count",
		    (double)unit->leads.len);
		value_set_number(A(v), item, "support_count",
		    (double)unit->supports.len);
	}
	return list;
}

/* Percent-encodes a path for an href, keeping "/" and unreserved bytes. */
static const char *
url_path_encode(struct arena *arena, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char *out = arena_alloc(arena, strlen(path) * 3 + 1), *o = out;

	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
			*o++ = (char)*p;
			continue;
		}
		*o++ = '%';
		*o++ = hex[*p >> 4];
		*o++ = hex[*p & 15];
	}
	*o = '\0';
	return out;
}

static struct value *
plan_files(const struct views *v, const struct plan *plan)
{
	struct value *list = value_list(A(v)), *item;
	const char *path, *name;
	size_t i, prefix = strlen("plans//files/") + strlen(plan->id);

	for (i = 0; i < plan->files.len; i++) {
		path = plan->files.items[i];
		name = path + prefix;
		item = value_push(list, value_map(A(v)));
		value_set_string(A(v), item, "name", name);
		value_set_string_ref(A(v), item, "url",
		    url_path_encode(A(v), path));
	}
	return list;
}

struct value *
view_plan(const struct views *v, const struct plan *plan)
{
	struct value *map = plan_summary(v, plan), *children;
	const struct ptrvec *history;
	size_t i;

	value_set_string(A(v), map, "kind", "plan");
	value_set_string(A(v), map, "disclosure_text", "主动公开");
	if (plan->parent != NULL)
		value_set(map, "parent", plan_ref(v, plan->parent));
	children = value_set(map, "children", value_list(A(v)));
	for (i = 0; i < plan->children.len; i++)
		value_push(children, plan_ref(v, plan->children.items[i]));
	value_set_string_ref(A(v), map, "body", plan->body ? plan->body : "");
	value_set(map, "body_html", body_html(v, plan->body, ""));
	value_set(map, "indicators", indicator_list(v, plan, NULL));
	value_set(map, "sections", plan_sections(v, plan));
	value_set(map, "units", plan_unit_list(v, plan));
	value_set(map, "files", plan_files(v, plan));
	history = v->model->history ? history_of_plan(v->model->history,
	    plan->id) : NULL;
	view_history_state(v, map);
	view_history_dates(v, history, map);
	value_set(value_set(map, "recent_changes", value_map(A(v))),
	    "entries", view_history_entries(v, history,
	    PLAN_RECENT_CHANGES));
	value_set_string(A(v), map, "feed_url", arena_printf(A(v),
	    "plans/%s/feed.xml", plan->id));
	return map;
}

static struct value *
report_value(const struct views *v, const struct report *report)
{
	struct value *map = value_map(A(v)), *values, *item;
	const struct measurement *m;
	size_t i;

	value_set_string_ref(A(v), map, "id", arena_printf(A(v), "%s/%s/%s",
	    report->task->plan->id, report->task->id, report->file_id));
	value_set_string_ref(A(v), map, "date", date_iso(A(v), &report->date));
	value_set_string_ref(A(v), map, "date_text", date_text(A(v),
	    &report->date));
	/* The page anchor: unique per task, as the history links it. */
	value_set_string_ref(A(v), map, "anchor", arena_printf(A(v),
	    "report-%s", report->file_id));
	value_set_string_ref(A(v), map, "status", status_name(report->status));
	value_set_string_ref(A(v), map, "status_text",
	    status_label(report->status));
	if (report->percent >= 0)
		value_set_number(A(v), map, "percent", report->percent);
	else	/* not the task's (latest report's) percent */
		value_set(map, "percent", value_null(A(v)));
	value_set_string_ref(A(v), map, "reporter", report->reporter);
	values = value_set(map, "values", value_list(A(v)));
	for (i = 0; i < report->values.len; i++) {
		m = report->values.items[i];
		item = value_push(values, value_map(A(v)));
		value_set_string_ref(A(v), item, "indicator", m->indicator->id);
		value_set_string_ref(A(v), item, "name", m->indicator->name);
		value_set_number(A(v), item, "value", m->value);
		value_set_string_ref(A(v), item, "value_text",
		    arena_printf(A(v), "%s%s", number_text(A(v), m->value),
		    m->indicator->unit));
	}
	value_set_string_ref(A(v), map, "body", report->body ? report->body :
	    "");
	value_set(map, "body_html", body_html(v, report->body, "../"));
	return map;
}

struct value *
view_task(const struct views *v, const struct task *task)
{
	struct value *map = view_task_row_build(v, task), *reports, *section;
	const struct ptrvec *history;
	const struct report *latest;
	size_t i;

	value_set_string(A(v), map, "kind", "task");
	value_set(map, "plan", plan_ref(v, task->plan));
	if (task->section != NULL) {
		section = value_set(map, "section", value_map(A(v)));
		value_set_string(A(v), section, "id", task->section->id);
		value_set_string(A(v), section, "title", task->section->title);
	}
	value_set_string_ref(A(v), map, "body", task->body ? task->body : "");
	value_set(map, "body_html", body_html(v, task->body, "../"));
	value_set(map, "lead_units", unit_links(v, task->plan, &task->lead));
	value_set(map, "support_units", unit_links(v, task->plan,
	    &task->support));
	value_set_string(A(v), map, "units_text", task->units_text);
	value_set(map, "implements", task_rows(v, &task->implements));
	value_set(map, "implemented_by", task_rows(v, &task->implemented_by));
	value_set(map, "indicators", indicator_list(v, task->plan, task));
	if (task->reports.len > 0) {
		latest = task->reports.items[0];
		if (latest->percent >= 0)
			value_set_number(A(v), map, "percent", latest->percent);
		value_set_string(A(v), map, "status_date_text",
		    date_text(A(v), &latest->date));
		value_set_string(A(v), map, "status_date",
		    date_iso(A(v), &latest->date));
	}
	reports = value_set(map, "reports", value_list(A(v)));
	for (i = 0; i < task->reports.len; i++)
		value_push(reports, report_value(v, task->reports.items[i]));
	history = v->model->history ? history_of_task(v->model->history,
	    task->plan->id, task->id) : NULL;
	view_history_state(v, map);
	view_history_dates(v, history, map);
	value_set(value_set(map, "history", value_map(A(v))), "entries",
	    view_history_entries(v, history, 0));
	value_set_string(A(v), map, "feed_url", arena_printf(A(v),
	    "plans/%s/tasks/%s.xml", task->plan->id, task->id));
	return map;
}

struct value *
view_unit(const struct views *v, const struct unit *unit)
{
	struct value *map = value_map(A(v));

	value_set_string(A(v), map, "kind", "unit");
	value_set_string(A(v), map, "id", unit->id);
	value_set_string(A(v), map, "name", unit->name);
	value_set(map, "plan", plan_ref(v, unit->plan));
	value_set(map, "lead_tasks", task_rows(v, &unit->leads));
	value_set(map, "support_tasks", task_rows(v, &unit->supports));
	return map;
}

static int
unit_compare_name(const void *a, const void *b)
{
	const struct unit *x = *(struct unit *const *)a;
	const struct unit *y = *(struct unit *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->plan->id, y->plan->id);
}

/* Every unit name across plans, each with the plans it appears in. */
struct value *
view_unit_index(const struct views *v)
{
	struct value *map = value_map(A(v)), *units, *entry = NULL, *plans;
	struct value *item;
	struct ptrvec sorted = { NULL, 0, 0 };
	const struct unit *unit, *prev = NULL;
	size_t i;

	for (i = 0; i < v->model->units.len; i++)
		ptrvec_push(A(v), &sorted, v->model->units.items[i]);
	if (sorted.len > 1)
		qsort(sorted.items, sorted.len, sizeof(void *),
		    unit_compare_name);
	value_set_string(A(v), map, "kind", "units");
	units = value_set(map, "units", value_list(A(v)));
	for (i = 0; i < sorted.len; i++) {
		unit = sorted.items[i];
		if (prev == NULL || strcmp(prev->name, unit->name) != 0) {
			entry = value_push(units, value_map(A(v)));
			value_set_string(A(v), entry, "name", unit->name);
			value_set(entry, "plans", value_list(A(v)));
		}
		plans = value_get(entry, "plans");
		item = value_push(plans, plan_ref(v, unit->plan));
		value_set_string(A(v), item, "unit_url", unit_url(A(v), unit));
		value_set_number(A(v), item, "lead_count",
		    (double)unit->leads.len);
		value_set_number(A(v), item, "support_count",
		    (double)unit->supports.len);
		prev = unit;
	}
	return map;
}

/* By deadline, then plan order, then number. */
static int
task_compare_deadline(const void *a, const void *b)
{
	const struct task *x = *(struct task *const *)a;
	const struct task *y = *(struct task *const *)b;
	int c = date_compare(&x->deadline.last_day, &y->deadline.last_day);

	if (c != 0)
		return c;
	if (x->plan != y->plan)
		return strcmp(x->plan->id, y->plan->id);
	return (x->number > y->number) - (x->number < y->number);
}

struct value *
view_deadlines(const struct views *v)
{
	const struct content *content = v->model->content;
	struct value *map = value_map(A(v)), *months, *month = NULL;
	struct ptrvec dated = { NULL, 0, 0 }, overdue = { NULL, 0, 0 };
	struct ptrvec ongoing = { NULL, 0, 0 };
	const struct task *task, *prev = NULL;
	const struct plan *plan;
	size_t i, j, unspecified = 0;

	for (i = 0; i < content->plans.len; i++) {
		plan = content->plans.items[i];
		for (j = 0; j < plan->tasks.len; j++) {
			task = plan->tasks.items[j];
			if (task->deadline.kind == DEADLINE_ONGOING)
				ptrvec_push(A(v), &ongoing, (void *)task);
			else if (task->deadline.kind == DEADLINE_NONE)
				unspecified++;
			else if (task_is_overdue(task, &v->model->today))
				ptrvec_push(A(v), &overdue, (void *)task);
			else
				ptrvec_push(A(v), &dated, (void *)task);
		}
	}
	if (overdue.len > 1)
		qsort(overdue.items, overdue.len, sizeof(void *),
		    task_compare_deadline);
	if (dated.len > 1)
		qsort(dated.items, dated.len, sizeof(void *),
		    task_compare_deadline);
	value_set_string(A(v), map, "kind", "deadlines");
	value_set(map, "overdue", task_rows(v, &overdue));
	months = value_set(map, "months", value_list(A(v)));
	for (i = 0; i < dated.len; i++) {
		task = dated.items[i];
		if (prev == NULL ||
		    prev->deadline.last_day.year != task->deadline.last_day.year ||
		    prev->deadline.last_day.month !=
		    task->deadline.last_day.month) {
			month = value_push(months, value_map(A(v)));
			value_set_string(A(v), month, "month", arena_printf(A(v),
			    "%04d-%02d", task->deadline.last_day.year,
			    task->deadline.last_day.month));
			value_set_string(A(v), month, "month_text",
			    arena_printf(A(v), "%d年%d月",
			    task->deadline.last_day.year,
			    task->deadline.last_day.month));
			value_set(month, "tasks", value_list(A(v)));
		}
		value_push(value_get(month, "tasks"), task_row(v, task));
		prev = task;
	}
	value_set(map, "ongoing", task_rows(v, &ongoing));
	value_set_number(A(v), map, "unspecified_count", (double)unspecified);
	return map;
}

/* For one parent task: per child plan, the tasks implementing it. */
static struct value *
alignment_task(const struct views *v, const struct task *parent_task)
{
	const struct plan *plan = parent_task->plan, *child;
	struct value *row = view_task_row_build(v, parent_task), *per_plan;
	struct value *entry;
	struct ptrvec matched;
	const struct task *task;
	size_t i, j, gaps = 0;

	per_plan = value_set(row, "children", value_list(A(v)));
	for (i = 0; i < plan->children.len; i++) {
		child = plan->children.items[i];
		memset(&matched, 0, sizeof(matched));
		for (j = 0; j < parent_task->implemented_by.len; j++) {
			task = parent_task->implemented_by.items[j];
			if (task->plan == child)
				ptrvec_push(A(v), &matched, (void *)task);
		}
		entry = value_push(per_plan, plan_ref(v, child));
		value_set(entry, "tasks", task_rows(v, &matched));
		value_set_bool(A(v), entry, "gap", matched.len == 0);
		gaps += matched.len == 0;
	}
	value_set_number(A(v), row, "gap_count", (double)gaps);
	return row;
}

struct value *
view_alignment(const struct views *v)
{
	const struct content *content = v->model->content;
	struct value *map = value_map(A(v)), *parents, *entry, *tasks;
	struct value *children;
	const struct plan *plan;
	size_t i, j;

	value_set_string(A(v), map, "kind", "alignment");
	parents = value_set(map, "parents", value_list(A(v)));
	for (i = 0; i < content->plans.len; i++) {
		plan = content->plans.items[i];
		if (plan->children.len == 0)
			continue;
		entry = value_push(parents, plan_ref(v, plan));
		children = value_set(entry, "children", value_list(A(v)));
		for (j = 0; j < plan->children.len; j++)
			value_push(children, plan_ref(v,
			    plan->children.items[j]));
		tasks = value_set(entry, "tasks", value_list(A(v)));
		for (j = 0; j < plan->tasks.len; j++)
			value_push(tasks, alignment_task(v,
			    plan->tasks.items[j]));
	}
	return map;
}
