/*
 * Describing a file delta in words: parse the old and new revisions with
 * the loader's schemas, work out whether each was public when committed,
 * and list what changed — 新增进展报告, 更正, 完成时限 a → b, renames and
 * deletions.  Text from a revision that was not public is never used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/buf.h"
#include "../base/diag.h"
#include "../base/fatal.h"
#include "../base/number.h"
#include "../base/strmap.h"
#include "../load/content.h"
#include "internal.h"
#include "textdiff.h"

#define BODY_DIFF_CONTEXT	2

/* A remembered own disclosure of a blob: public or not, by blob id. */
struct disclosure_slot {
	git_oid		 id;
	signed char	 state;		/* 0 empty, 1 public, 2 not public */
};

struct revisions {
	git_repository		*repo;
	struct disclosure_slot	*slots;
	size_t			 cap;
	size_t			 used;
	int			 failed;	/* a blob could not be read */
	/*
	 * The own disclosure of the plans and tasks looked up in the two
	 * trees of the commit being described, by path: its reports mostly
	 * share one plan, which is then found in the tree once.
	 */
	git_tree		*memo_tree[2];
	struct strmap		 memo[2];
};

static const char memo_public[] = "public", memo_internal[] = "internal";

/* A parsed revision of a content file. */
struct revision {
	enum entity_kind	 kind;
	int			 valid;
	union {
		struct plan	 plan;
		struct task	 task;
		struct report	 report;
	} u;
};

struct revisions *
revisions_new(git_repository *repo)
{
	struct revisions *r = xmalloc(sizeof(*r));

	r->repo = repo;
	r->cap = 1024;
	r->used = 0;
	r->failed = 0;
	r->memo_tree[0] = r->memo_tree[1] = NULL;
	r->slots = calloc(r->cap, sizeof(*r->slots));
	if (r->slots == NULL)
		fatal_oom();
	return r;
}

void
revisions_free(struct revisions *r)
{
	if (r == NULL)
		return;
	free(r->slots);
	free(r);
}

int
revisions_failed(const struct revisions *r)
{
	return r->failed;
}

/* Reports, once, a blob that cannot be read: the repository is damaged. */
static void
revisions_read_error(struct revisions *r, const char *path, const git_oid *id)
{
	const git_error *e = git_error_last();
	char hex[GIT_OID_HEXSZ + 1];

	if (r->failed++ > 0)
		return;
	git_oid_tostr(hex, sizeof(hex), id);
	fprintf(stderr, "gongkai: error: cannot read %s (object %s): %s\n",
	    path, hex, e && e->message ? e->message : "unknown libgit2 error");
}

static struct disclosure_slot *
revisions_slot(struct revisions *r, const git_oid *id)
{
	size_t i;

	memcpy(&i, id->id, sizeof(i));
	for (i &= r->cap - 1; r->slots[i].state != 0 &&
	    !git_oid_equal(&r->slots[i].id, id); i = (i + 1) & (r->cap - 1))
		continue;
	return &r->slots[i];
}

static void
revisions_remember(struct revisions *r, const git_oid *id, int public)
{
	struct disclosure_slot *old = r->slots, *slot;
	size_t i, cap = r->cap;

	if ((r->used + 1) * 2 > r->cap) {
		r->cap *= 2;
		r->slots = calloc(r->cap, sizeof(*r->slots));
		if (r->slots == NULL)
			fatal_oom();
		for (i = 0; i < cap; i++)
			if (old[i].state != 0)
				*revisions_slot(r, &old[i].id) = old[i];
		free(old);
	}
	slot = revisions_slot(r, id);
	if (slot->state == 0)
		r->used++;
	git_oid_cpy(&slot->id, id);
	slot->state = public ? 1 : 2;
}

int
entity_of_path(struct arena *arena, const char *path, enum entity_kind *kind,
    const char **plan, const char **task, const char **report)
{
	const char *p, *slash, *rest;
	size_t n;

	*plan = *task = *report = NULL;
	if (strncmp(path, "plans/", 6) != 0 || (slash = strchr(path + 6,
	    '/')) == NULL)
		return -1;
	*plan = arena_strndup(arena, path + 6, (size_t)(slash - path - 6));
	rest = slash + 1;
	if (strcmp(rest, "plan.md") == 0) {
		*kind = ENTITY_PLAN;
		return 0;
	}
	n = strlen(rest);
	if (n < 4 || strcmp(rest + n - 3, ".md") != 0)
		return -1;
	if (strncmp(rest, "tasks/", 6) == 0 && strchr(rest + 6, '/') == NULL) {
		*kind = ENTITY_TASK;
		*task = arena_strndup(arena, rest + 6, n - 6 - 3);
		return 0;
	}
	if (strncmp(rest, "progress/", 9) != 0 ||
	    (p = strchr(rest + 9, '/')) == NULL || strchr(p + 1, '/') != NULL)
		return -1;
	*kind = ENTITY_REPORT;
	*task = arena_strndup(arena, rest + 9, (size_t)(p - rest - 9));
	*report = arena_strndup(arena, p + 1, strlen(p + 1) - 3);
	return 0;
}

/*
 * Reads and parses a blob as `kind`.  An invalid revision (one that did
 * not pass the schema when committed) comes back with valid = 0; its
 * messages are dropped.
 */
static struct revision *
revision_parse(struct revisions *r, struct arena *scratch,
    enum entity_kind kind, const char *path, const git_oid *id)
{
	struct revision *rev = arena_calloc(scratch, 1, sizeof(*rev));
	size_t len;
	git_blob *blob;
	char *text;

	rev->kind = kind;
	if (git_blob_lookup(&blob, r->repo, id) != 0) {
		revisions_read_error(r, path, id);
		return rev;
	}
	len = (size_t)git_blob_rawsize(blob);
	text = arena_strndup(scratch, git_blob_rawcontent(blob), len);
	git_blob_free(blob);
	diag_quiet(1);		/* old revisions may have been invalid */
	if (content_text_check(path, text, len) == 0) {
		if (kind == ENTITY_PLAN)
			rev->valid = content_parse_plan(scratch, scratch, path,
			    text, len, &rev->u.plan) == 0;
		else if (kind == ENTITY_TASK)
			rev->valid = content_parse_task(scratch, scratch, path,
			    text, len, &rev->u.task) == 0;
		else
			rev->valid = content_parse_report(scratch, scratch,
			    path, text, len, &rev->u.report) == 0;
	}
	diag_quiet(0);
	return rev;
}

/* A revision's own disclosure: plans must say public; others inherit. */
static int
revision_own_public(const struct revision *rev)
{
	if (!rev->valid)
		return 0;
	switch (rev->kind) {
	case ENTITY_PLAN:
		return rev->u.plan.disclosure == DISCLOSURE_PUBLIC;
	case ENTITY_TASK:
		return rev->u.task.disclosure != DISCLOSURE_INTERNAL;
	default:
		return rev->u.report.disclosure != DISCLOSURE_INTERNAL;
	}
}

void
revisions_begin_commit(struct revisions *r, struct arena *scratch,
    git_tree *old_tree, git_tree *new_tree)
{
	r->memo_tree[0] = old_tree;
	r->memo_tree[1] = new_tree;
	strmap_init(&r->memo[0], scratch);
	strmap_init(&r->memo[1], scratch);
}

/* Whether the file at `path` of `tree` is public on its own; by blob id. */
static int
path_own_public_read(struct revisions *r, struct arena *scratch,
    git_tree *tree, enum entity_kind kind, const char *path)
{
	struct disclosure_slot *slot;
	git_tree_entry *entry = NULL;
	struct revision *rev;
	git_oid id;
	int public;

	if (tree == NULL || git_tree_entry_bypath(&entry, tree, path) != 0)
		return 0;
	git_oid_cpy(&id, git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	slot = revisions_slot(r, &id);
	if (slot->state != 0)
		return slot->state == 1;
	rev = revision_parse(r, scratch, kind, path, &id);
	public = revision_own_public(rev);
	revisions_remember(r, &id, public);
	return public;
}

/* The same, remembered by path for the trees of the commit described. */
static int
path_own_public(struct revisions *r, struct arena *scratch, git_tree *tree,
    enum entity_kind kind, const char *path)
{
	int side = tree == NULL ? -1 : tree == r->memo_tree[0] ? 0 :
	    tree == r->memo_tree[1] ? 1 : -1;
	const char *known;
	int public;

	if (side >= 0 && (known = strmap_get(&r->memo[side], path)) != NULL)
		return known == memo_public;
	public = path_own_public_read(r, scratch, tree, kind, path);
	if (side >= 0)
		strmap_put(&r->memo[side], arena_strdup(scratch, path),
		    (void *)(public ? memo_public : memo_internal));
	return public;
}

/*
 * Effective disclosure of a revision in its tree: its own, its task's
 * and its plan's must all be public.
 */
static int
revision_public(struct revisions *r, struct arena *scratch, git_tree *tree,
    const struct revision *rev, const char *plan, const char *task)
{
	if (!revision_own_public(rev))
		return 0;
	if (rev->kind == ENTITY_REPORT && !path_own_public(r, scratch, tree,
	    ENTITY_TASK, arena_printf(scratch, "plans/%s/tasks/%s.md", plan,
	    task)))
		return 0;
	return rev->kind == ENTITY_PLAN || path_own_public(r, scratch, tree,
	    ENTITY_PLAN, arena_printf(scratch, "plans/%s/plan.md", plan));
}

static const char *
list_text(struct arena *arena, const struct ptrvec *items)
{
	struct buf b = BUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < items->len; i++) {
		if (i > 0)
			buf_puts(&b, "、");
		buf_puts(&b, items->items[i]);
	}
	s = items->len ? arena_strdup(arena, buf_cstr(&b)) : NULL;
	buf_free(&b);
	return s;
}

/* Records a field whose shown text differs; returns the new field. */
static struct field_change *
field_add(struct arena *arena, struct change *change, const char *label,
    const char *old, const char *new)
{
	struct field_change *f;

	if ((old == NULL && new == NULL) ||
	    (old != NULL && new != NULL && strcmp(old, new) == 0))
		return NULL;
	f = arena_calloc(arena, 1, sizeof(*f));
	f->label = label;
	f->old_text = old ? arena_strdup(arena, old) : NULL;
	f->new_text = new ? arena_strdup(arena, new) : NULL;
	ptrvec_push(arena, &change->fields, f);
	return f;
}

/* A text field shown with a character diff (titles). */
static void
field_add_text(struct arena *arena, struct change *change, const char *label,
    const char *old, const char *new)
{
	struct field_change *f = field_add(arena, change, label, old, new);

	if (f != NULL && old != NULL && new != NULL)
		textdiff_chars(arena, old, new, &f->diff);
}

static void
field_add_body(struct arena *arena, struct change *change, const char *old,
    const char *new)
{
	struct field_change *f;

	old = old ? old : "";
	new = new ? new : "";
	/* The blank line after the front matter is no part of the text. */
	old += strspn(old, "\r\n");
	new += strspn(new, "\r\n");
	if (strcmp(old, new) == 0)
		return;
	f = arena_calloc(arena, 1, sizeof(*f));
	f->label = "正文";
	f->is_body = 1;
	textdiff_lines(arena, old, new, BODY_DIFF_CONTEXT, &f->diff);
	ptrvec_push(arena, &change->fields, f);
}

static const char *
percent_text(struct arena *arena, double percent)
{
	return percent < 0 ? NULL : arena_printf(arena, "%s%%",
	    number_text(arena, percent));
}

/* "覆盖率 70%，…": by the plan's names and units when known, else ids. */
static const char *
values_text(struct arena *arena, const struct ptrvec *values,
    const struct plan *plan)
{
	const struct indicator *ind, *found;
	struct buf b = BUF_INIT;
	const struct measurement *m;
	const char *s;
	size_t i, j;

	for (i = 0; i < values->len; i++) {
		m = values->items[i];
		found = NULL;
		for (j = 0; plan != NULL && j < plan->indicators.len; j++) {
			ind = plan->indicators.items[j];
			if (strcmp(ind->id, m->indicator_id) == 0)
				found = ind;
		}
		buf_printf(&b, "%s%s %s%s", i ? "，" : "", found ? found->name :
		    m->indicator_id, number_text(arena, m->value),
		    found ? found->unit : "");
	}
	s = values->len ? arena_strdup(arena, buf_cstr(&b)) : NULL;
	buf_free(&b);
	return s;
}

static void
compare_reports(struct arena *arena, struct change *change,
    const struct report *old, const struct report *new,
    const struct plan *plan)
{
	field_add(arena, change, "日期", date_iso(arena, &old->date),
	    date_iso(arena, &new->date));
	field_add(arena, change, "状态", status_label(old->status),
	    status_label(new->status));
	field_add(arena, change, "进度", percent_text(arena, old->percent),
	    percent_text(arena, new->percent));
	field_add(arena, change, "报告单位", old->reporter, new->reporter);
	field_add(arena, change, "指标数值", values_text(arena, &old->values,
	    plan), values_text(arena, &new->values, plan));
	field_add_body(arena, change, old->body, new->body);
}

static void
compare_tasks(struct arena *arena, struct change *change,
    const struct task *old, const struct task *new)
{
	field_add(arena, change, "序号", arena_printf(arena, "%ld",
	    old->number), arena_printf(arena, "%ld", new->number));
	field_add_text(arena, change, "任务内容", old->title, new->title);
	field_add(arena, change, "所属部分", old->section_id,
	    new->section_id);
	field_add(arena, change, "牵头单位", list_text(arena, &old->lead),
	    list_text(arena, &new->lead));
	field_add(arena, change, "责任单位", list_text(arena, &old->support),
	    list_text(arena, &new->support));
	field_add(arena, change, "原文所列单位", old->units_text,
	    new->units_text);
	field_add(arena, change, "完成时限", deadline_text(arena,
	    &old->deadline), deadline_text(arena, &new->deadline));
	field_add(arena, change, "落实上级任务", list_text(arena,
	    &old->implements_refs), list_text(arena, &new->implements_refs));
	field_add_body(arena, change, old->body, new->body);
}

static const char *
sections_text(struct arena *arena, const struct ptrvec *sections)
{
	struct ptrvec titles = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < sections->len; i++)
		ptrvec_push(arena, &titles,
		    (void *)((struct section *)sections->items[i])->title);
	return list_text(arena, &titles);
}

static const char *
indicators_text(struct arena *arena, const struct ptrvec *indicators)
{
	struct ptrvec items = { NULL, 0, 0 };
	const struct indicator *ind;
	size_t i;

	for (i = 0; i < indicators->len; i++) {
		ind = indicators->items[i];
		ptrvec_push(arena, &items, (void *)arena_printf(arena,
		    "%s %s%s%s（%s）", ind->name, ind->direction ==
		    DIRECTION_AT_LEAST ? "不低于" : "不高于",
		    number_text(arena, ind->target), ind->unit,
		    deadline_text(arena, &ind->deadline)));
	}
	return list_text(arena, &items);
}

static void
compare_plans(struct arena *arena, struct change *change,
    const struct plan *old, const struct plan *new)
{
	field_add_text(arena, change, "标题", old->title, new->title);
	field_add(arena, change, "地区", old->region, new->region);
	field_add(arena, change, "发布机构", old->issuer, new->issuer);
	field_add(arena, change, "成文日期", date_iso(arena, &old->issued),
	    date_iso(arena, &new->issued));
	field_add(arena, change, "文号", old->doc_number, new->doc_number);
	field_add(arena, change, "上级方案", old->parent_id, new->parent_id);
	field_add(arena, change, "章节", sections_text(arena, &old->sections),
	    sections_text(arena, &new->sections));
	field_add(arena, change, "指标", indicators_text(arena,
	    &old->indicators), indicators_text(arena, &new->indicators));
	field_add_body(arena, change, old->body, new->body);
}

/* "进展报告 2024-06-30" / "任务 第7项" / "方案《…》". */
static const char *
entity_name(struct arena *arena, const struct change *change,
    const struct revision *rev)
{
	switch (change->entity) {
	case ENTITY_REPORT:
		return arena_printf(arena, "进展报告 %s", change->report_id);
	case ENTITY_TASK:
		return arena_printf(arena, "任务 第%ld项", rev->u.task.number);
	default:
		return arena_printf(arena, "方案《%s》", rev->u.plan.title);
	}
}

/* Joins the non-body field changes: "进度 60% → 80%；状态 …". */
static const char *
fields_summary(struct arena *arena, const struct change *change)
{
	const struct field_change *f;
	struct buf b = BUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < change->fields.len; i++) {
		f = change->fields.items[i];
		if (i > 0)
			buf_puts(&b, "；");
		if (f->is_body || f->diff.len > 0)
			buf_printf(&b, "修改%s", f->label);
		else
			buf_printf(&b, "%s %s → %s", f->label,
			    f->old_text ? f->old_text : "（无）",
			    f->new_text ? f->new_text : "（无）");
	}
	s = arena_strdup(arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static const char *
added_summary(struct arena *arena, const struct change *change,
    const struct revision *rev, const char *verb)
{
	const struct report *r = &rev->u.report;

	if (change->entity == ENTITY_REPORT)
		return arena_printf(arena, "%s进展报告 %s（状态 %s%s%s）", verb,
		    change->report_id, status_label(r->status),
		    r->percent >= 0 ? "，进度 " : "", r->percent >= 0 ?
		    percent_text(arena, r->percent) : "");
	if (change->entity == ENTITY_TASK)
		return arena_printf(arena, "%s任务 第%ld项：%s", verb,
		    rev->u.task.number, rev->u.task.title);
	return arena_printf(arena, "%s方案《%s》", verb, rev->u.plan.title);
}

/* Says what a rename changed: the report's date, its task, a task's id. */
static const char *
rename_text(struct arena *arena, const struct change *change,
    const char *name)
{
	enum entity_kind kind;
	const char *plan, *task, *report;

	if (entity_of_path(arena, change->old_path, &kind, &plan, &task,
	    &report) == -1 || kind != change->entity)
		return arena_printf(arena, "%s 由 %s 移至 %s", name,
		    change->old_path, change->path);
	if (kind == ENTITY_TASK)
		return arena_printf(arena, "%s 的标识由 %s 改为 %s", name, task,
		    change->task_id);
	if (kind == ENTITY_PLAN)
		return arena_printf(arena, "%s 的标识由 %s 改为 %s", name, plan,
		    change->plan_id);
	if (strcmp(task, change->task_id) != 0)
		return arena_printf(arena, "%s 由任务 %s 移至任务 %s", name,
		    task, change->task_id);
	return arena_printf(arena, "%s 的文件名由 %s 改为 %s", name, report,
	    change->report_id);
}

static void
describe_modified(struct arena *arena, struct change *change,
    const struct revision *old, const struct revision *new,
    const struct plan *plan)
{
	const char *name = entity_name(arena, change, new);

	if (change->entity == ENTITY_REPORT)
		compare_reports(arena, change, &old->u.report, &new->u.report,
		    plan);
	else if (change->entity == ENTITY_TASK)
		compare_tasks(arena, change, &old->u.task, &new->u.task);
	else
		compare_plans(arena, change, &old->u.plan, &new->u.plan);
	change->correction = change->entity == ENTITY_REPORT &&
	    change->fields.len > 0;
	if (change->old_path != NULL && change->fields.len == 0)
		change->summary = rename_text(arena, change, name);
	else if (change->old_path != NULL)
		change->summary = arena_printf(arena, "%s，并修改：%s",
		    rename_text(arena, change, name),
		    fields_summary(arena, change));
	else if (change->correction)
		change->summary = arena_printf(arena, "更正 %s：%s", name,
		    fields_summary(arena, change));
	else
		change->summary = arena_printf(arena, "修改%s：%s", name,
		    fields_summary(arena, change));
}

static struct change *
change_new(struct arena *arena, const struct file_delta *d)
{
	struct change *change = arena_calloc(arena, 1, sizeof(*change));
	const char *path = d->new_path ? d->new_path : d->old_path;

	change->path = arena_strdup(arena, path);
	if (d->status == DELTA_RENAMED)
		change->old_path = arena_strdup(arena, d->old_path);
	if (entity_of_path(arena, path, &change->entity, &change->plan_id,
	    &change->task_id, &change->report_id) == -1)
		return NULL;
	return change;
}

/*
 * The plan as committed alongside a corrected report whose measured values
 * changed, to name its indicators; NULL when there is no need.
 */
static const struct plan *
report_values_plan(struct revisions *r, struct arena *scratch,
    git_tree *tree, const struct change *change, const struct revision *old,
    const struct revision *new)
{
	const char *a, *b, *path;
	git_tree_entry *entry = NULL;
	struct revision *rev;

	if (change->entity != ENTITY_REPORT || tree == NULL)
		return NULL;
	a = values_text(scratch, &old->u.report.values, NULL);
	b = values_text(scratch, &new->u.report.values, NULL);
	if ((a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0))
		return NULL;
	path = arena_printf(scratch, "plans/%s/plan.md", change->plan_id);
	if (git_tree_entry_bypath(&entry, tree, path) != 0)
		return NULL;
	rev = revision_parse(r, scratch, ENTITY_PLAN, path,
	    git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	return rev->valid ? &rev->u.plan : NULL;
}

struct change *
describe_delta(struct revisions *r, struct arena *arena,
    struct arena *scratch, const struct file_delta *d, git_tree *old_tree,
    git_tree *new_tree)
{
	struct revision *old = NULL, *new = NULL;
	int old_public = 0, new_public = 0;
	struct change *change = change_new(arena, d);
	enum entity_kind kind;
	const char *p, *t, *x;

	if (change == NULL)
		return NULL;
	if (d->old_path != NULL && entity_of_path(scratch, d->old_path,
	    &kind, &p, &t, &x) == 0 && kind == change->entity) {
		old = revision_parse(r, scratch, kind, d->old_path, &d->old_id);
		old_public = revision_public(r, scratch, old_tree, old, p, t);
	}
	if (d->new_path != NULL) {
		new = revision_parse(r, scratch, change->entity, d->new_path,
		    &d->new_id);
		new_public = revision_public(r, scratch, new_tree, new,
		    change->plan_id, change->task_id);
	}
	if (!old_public && !new_public)
		return NULL;
	if (old_public && new_public) {
		change->kind = CHANGE_MODIFIED;
		describe_modified(arena, change, old, new,
		    report_values_plan(r, scratch, new_tree, change, old, new));
		return change->fields.len || change->old_path ? change : NULL;
	}
	if (new_public) {
		change->kind = old ? CHANGE_REPUBLISHED : CHANGE_ADDED;
		change->summary = added_summary(arena, change, new,
		    old ? "公开" : "新增");
		return change;
	}
	change->kind = new ? CHANGE_WITHDRAWN : CHANGE_DELETED;
	change->summary = change->entity == ENTITY_REPORT ?
	    arena_printf(arena, "%s%s", new ? "撤回" : "删除",
	    entity_name(arena, change, old)) :
	    added_summary(arena, change, old, new ? "撤回" : "删除");
	return change;
}
