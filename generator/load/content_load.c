/*
 * Loading the content tree: walk the layout, split and parse every file,
 * apply its schema, then resolve the references between files.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"
#include "../base/fatal.h"
#include "../base/files.h"
#include "../base/jobs.h"
#include "../base/utf8.h"
#include "content.h"
#include "content_cache.h"
#include "frontmatter.h"
#include "schema.h"
#include "source.h"
#include "yaml_tree.h"

#define MAX_CONFIG_SIZE		(64 * 1024)
#define MAX_CONTENT_FILE_SIZE	(256 * 1024)
#define MAX_BODY_SIZE		(100 * 1000)	/* cmark-gfm is quadratic above */
#define MAX_ATTACHMENT_SIZE	(20 * 1024 * 1024)
#define MAX_ATTACHMENT_DEPTH	8

struct loader {
	struct arena		*arena;		/* the model's */
	struct arena		 scratch;	/* one file's text and YAML tree */
	struct source		*source;
	struct content		*content;
	const char		*cache_dir;	/* NULL: no content cache */
	int			 cache_update;	/* write it, or only read it */
	struct content_cache	*cache;		/* the plan's */
	size_t			 parsed;	/* files read and parsed */
	size_t			 cached;	/* files taken from the cache */
};

static const struct schema_enum disclosure_names[] = {
	{ "public", DISCLOSURE_PUBLIC },
	{ "internal", DISCLOSURE_INTERNAL },
	{ NULL, 0 },
};

static const struct schema_enum status_names[] = {
	{ "not_started", STATUS_NOT_STARTED },
	{ "in_progress", STATUS_IN_PROGRESS },
	{ "completed", STATUS_COMPLETED },
	{ "delayed", STATUS_DELAYED },
	{ NULL, 0 },
};

static const struct schema_enum direction_names[] = {
	{ "at_least", DIRECTION_AT_LEAST },
	{ "at_most", DIRECTION_AT_MOST },
	{ NULL, 0 },
};

#define F(key, req, parse, type, member, arg) \
	{ key, req, parse, offsetof(type, member), arg }

static const struct schema_field site_fields[] = {
	F("title", 1, schema_text, struct site_config, title, NULL),
	F("base_url", 1, schema_url, struct site_config, base_url, NULL),
	F("language", 0, schema_text, struct site_config, language, NULL),
	F("commit_url", 0, schema_url, struct site_config, commit_url, NULL),
	F("footer", 0, schema_text_list, struct site_config, footer, NULL),
	F("theme", 0, schema_text, struct site_config, theme, NULL),
	F("banner", 0, schema_text, struct site_config, banner, NULL),
};

static const struct schema_field section_fields[] = {
	F("id", 1, schema_id, struct section, id, NULL),
	F("title", 1, schema_text, struct section, title, NULL),
};

static const struct schema section_schema = { "section", section_fields,
	sizeof(section_fields) / sizeof(section_fields[0]) };

static int schema_has_baseline(struct arena *, const struct ynode *,
    const struct schema_field *, void *);

static const struct schema_field indicator_fields[] = {
	F("id", 1, schema_id, struct indicator, id, NULL),
	F("name", 1, schema_text, struct indicator, name, NULL),
	F("unit", 1, schema_text, struct indicator, unit, NULL),
	F("target", 1, schema_number, struct indicator, target, NULL),
	F("direction", 1, schema_enum, struct indicator, direction,
	    direction_names),
	F("baseline", 0, schema_has_baseline, struct indicator, baseline,
	    NULL),
	F("deadline", 0, schema_deadline, struct indicator, deadline, NULL),
	F("deadline_text", 0, schema_text, struct indicator, deadline.text,
	    NULL),
	F("task", 0, schema_id, struct indicator, task_id, NULL),
};

static const struct schema indicator_schema = { "indicator",
	indicator_fields, sizeof(indicator_fields) / sizeof(indicator_fields[0]) };

static const struct {
	const struct schema	*schema;
	size_t			 item_size;
	size_t			 pos_offset;
} section_list = { &section_schema, sizeof(struct section),
	offsetof(struct section, pos) },
  indicator_list = { &indicator_schema, sizeof(struct indicator),
	offsetof(struct indicator, pos) };

static const struct schema_field plan_fields[] = {
	F("title", 1, schema_text, struct plan, title, NULL),
	F("region", 1, schema_text, struct plan, region, NULL),
	F("issuer", 1, schema_text, struct plan, issuer, NULL),
	F("issued", 1, schema_date, struct plan, issued, NULL),
	F("doc_number", 0, schema_text, struct plan, doc_number, NULL),
	F("disclosure", 1, schema_enum, struct plan, disclosure,
	    disclosure_names),
	F("parent", 0, schema_id, struct plan, parent_id, NULL),
	F("weight", 0, schema_integer, struct plan, weight, NULL),
	F("sections", 0, schema_map_list, struct plan, sections,
	    &section_list),
	F("indicators", 0, schema_map_list, struct plan, indicators,
	    &indicator_list),
};

static const struct schema_field task_fields[] = {
	F("number", 1, schema_integer, struct task, number, NULL),
	F("title", 1, schema_text, struct task, title, NULL),
	F("section", 0, schema_id, struct task, section_id, NULL),
	F("lead", 0, schema_text_list, struct task, lead, NULL),
	F("support", 0, schema_text_list, struct task, support, NULL),
	F("units_text", 0, schema_text, struct task, units_text, NULL),
	F("deadline", 0, schema_deadline, struct task, deadline, NULL),
	F("deadline_text", 0, schema_text, struct task, deadline.text, NULL),
	F("implements", 0, schema_text_list, struct task, implements_refs,
	    NULL),
	F("disclosure", 0, schema_enum, struct task, disclosure,
	    disclosure_names),
};

static int schema_measurements(struct arena *, const struct ynode *,
    const struct schema_field *, void *);

static const struct schema_field report_fields[] = {
	F("date", 1, schema_date, struct report, date, NULL),
	F("status", 1, schema_enum, struct report, status, status_names),
	F("percent", 0, schema_percent, struct report, percent, NULL),
	F("reporter", 0, schema_text, struct report, reporter, NULL),
	F("values", 0, schema_measurements, struct report, values, NULL),
	F("disclosure", 0, schema_enum, struct report, disclosure,
	    disclosure_names),
};

#undef F

#define SCHEMA(what, fields) { what, fields, sizeof(fields) / sizeof(fields[0]) }
static const struct schema site_schema = SCHEMA("site.yaml", site_fields);
static const struct schema plan_schema = SCHEMA("plan", plan_fields);
static const struct schema task_schema = SCHEMA("task", task_fields);
static const struct schema report_schema = SCHEMA("progress report",
    report_fields);
#undef SCHEMA

/* `baseline` is optional and may be any number, so it sets a flag too. */
static int
schema_has_baseline(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	struct indicator *indicator = (struct indicator *)((char *)dest -
	    offsetof(struct indicator, baseline));

	if (schema_number(arena, node, field, dest) == -1)
		return -1;
	indicator->has_baseline = 1;
	return 0;
}

/* `values`: a map of indicator id → number. */
static int
schema_measurements(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	static const struct schema_field value_field = { "value", 0, NULL, 0,
	    NULL };
	struct measurement *m;
	const struct ynode *member;
	int rc = 0;

	(void)field;
	if (node->kind != YNODE_MAPPING) {
		diag_error(&node->pos, "'values' must be a map of indicator "
		    "id: number");
		return -1;
	}
	for (member = node->first; member != NULL; member = member->next) {
		m = arena_calloc(arena, 1, sizeof(*m));
		m->indicator_id = arena_strdup(arena, member->key);
		m->pos = member->key_pos;
		if (schema_number(arena, member, &value_field, &m->value) == -1)
			rc = -1;
		else
			ptrvec_push(arena, dest, m);
	}
	return rc;
}

/* The path shown in messages: the content directory, then `rel`. */
static const char *
loader_path(struct loader *loader, const char *rel)
{
	return arena_printf(loader->arena, "%s/%s", loader->source->label, rel);
}

/*
 * Checks that a file's bytes are UTF-8 without NUL bytes.  Returns -1
 * after reporting the first bad byte at its position.
 */
static int
text_check(const char *path, const char *data, size_t len)
{
	struct pos pos = { path, 0, 0 };
	size_t bad;

	if (!utf8_validate(data, len, &bad)) {
		utf8_position(data, bad, &pos.line, &pos.col);
		diag_error(&pos, "invalid UTF-8 (byte 0x%02x): save the file "
		    "as UTF-8", (unsigned char)data[bad]);
		return -1;
	}
	if (memchr(data, '\0', len) != NULL) {
		diag_error(&pos, "file contains a NUL byte");
		return -1;
	}
	return 0;
}

/*
 * Reads a file with a size cap and checks it is UTF-8.  Returns NULL after
 * reporting an error.
 */
static char *
loader_read(struct loader *loader, const char *rel, size_t cap, size_t *len)
{
	struct pos pos = { loader_path(loader, rel), 0, 0 };
	enum source_status status;
	char *data;

	arena_reset(&loader->scratch);
	status = loader->source->ops->read(loader->source, rel, cap,
	    &loader->scratch, &data, len);
	if (status == SOURCE_TOO_LARGE) {
		diag_error(&pos, "file is larger than %zu KiB", cap / 1024);
		return NULL;
	}
	if (status != SOURCE_OK) {
		diag_error(&pos, "cannot read: %s", status == SOURCE_MISSING ?
		    "no such file" : loader->source->error);
		return NULL;
	}
	return text_check(pos.path, data, *len) == 0 ? data : NULL;
}

/*
 * Parses a front-matter document held in memory: splits it into `doc` and
 * applies `schema` to its front matter, whose tree is left in `*rootp`.
 * Returns 0, or -1 after reporting errors.
 */
static int
document_parse(struct arena *arena, struct arena *scratch, const char *path,
    const char *text, size_t len, const struct schema *schema, void *target,
    struct document *doc, struct ynode **rootp)
{
	struct pos pos = { path, 0, 0 };

	*rootp = NULL;
	if (len > MAX_CONTENT_FILE_SIZE) {
		diag_error(&pos, "file is larger than %d KiB",
		    MAX_CONTENT_FILE_SIZE / 1024);
		return -1;
	}
	if (frontmatter_split(path, text, len, doc) == -1)
		return -1;
	if (doc->body_len > MAX_BODY_SIZE) {
		pos.line = doc->body_line;
		diag_error(&pos, "the text after the front matter is longer "
		    "than %d bytes; split it", MAX_BODY_SIZE);
		return -1;
	}
	*rootp = yaml_tree_parse(scratch, path, doc->front, doc->front_len,
	    doc->front_line);
	if (*rootp == NULL)
		return -1;
	doc->body = arena_strndup(arena, doc->body, doc->body_len);
	return schema_apply(arena, *rootp, schema, target);
}

int
content_parse_plan(struct arena *arena, struct arena *scratch,
    const char *path, const char *text, size_t len, struct plan *plan)
{
	struct document doc;
	struct ynode *root;

	if (document_parse(arena, scratch, path, text, len, &plan_schema, plan,
	    &doc, &root) == -1)
		return -1;
	plan->body = doc.body;
	plan->parent_pos = ynode_key_pos(root, "parent");
	return 0;
}

int
content_parse_task(struct arena *arena, struct arena *scratch,
    const char *path, const char *text, size_t len, struct task *task)
{
	struct document doc;
	struct ynode *root;

	if (document_parse(arena, scratch, path, text, len, &task_schema, task,
	    &doc, &root) == -1)
		return -1;
	task->number_pos = ynode_key_pos(root, "number");
	task->section_pos = ynode_key_pos(root, "section");
	task->implements_pos = ynode_key_pos(root, "implements");
	task->body = doc.body;
	return 0;
}

int
content_parse_report(struct arena *arena, struct arena *scratch,
    const char *path, const char *text, size_t len, struct report *report)
{
	struct document doc;
	struct ynode *root;

	report->percent = -1;
	if (document_parse(arena, scratch, path, text, len, &report_schema,
	    report, &doc, &root) == -1)
		return -1;
	report->body = doc.body;
	report->body_line = doc.body_line;
	return 0;
}

int
content_text_check(const char *path, const char *text, size_t len)
{
	return text_check(path, text, len);
}

/* Reads a content file into `*text`; returns -1 after reporting errors. */
static int
loader_file(struct loader *loader, const char *rel, char **text, size_t *len)
{
	loader->parsed++;
	*text = loader_read(loader, rel, MAX_CONTENT_FILE_SIZE, len);
	return *text ? 0 : -1;
}

/* Lists a directory; a missing one is empty.  Returns -1 on failure. */
static int
loader_list(struct loader *loader, const char *rel, struct ptrvec *entries)
{
	struct pos pos = { loader_path(loader, rel), 0, 0 };
	enum source_status status;

	memset(entries, 0, sizeof(*entries));
	status = loader->source->ops->list(loader->source, rel, loader->arena,
	    entries);
	if (status == SOURCE_OK || status == SOURCE_MISSING)
		return 0;
	diag_error(&pos, "cannot read directory: %s", loader->source->error);
	return -1;
}

/* Refuses symbolic links and other special files; skips dotfiles. */
static int
loader_entry_usable(struct loader *loader, const char *dir,
    const struct source_entry *entry)
{
	struct pos pos = { NULL, 0, 0 };

	if (entry->name[0] == '.')
		return 0;
	if (entry->type == SOURCE_FILE || entry->type == SOURCE_DIRECTORY)
		return 1;
	pos.path = loader_path(loader, arena_printf(loader->arena, "%s/%s",
	    dir, entry->name));
	diag_error(&pos, entry->type == SOURCE_SYMLINK ?
	    "symbolic links are not allowed in content" :
	    "not a regular file or directory");
	return 0;
}

static void
loader_unexpected(struct loader *loader, const char *rel, const char *hint)
{
	struct pos pos = { loader_path(loader, rel), 0, 0 };

	diag_warning(&pos, "ignored: %s", hint);
}

/* Strips ".md"; returns NULL when `name` does not end in it. */
static char *
md_stem(struct arena *arena, const char *name)
{
	size_t len = strlen(name);

	if (len < 4 || strcmp(name + len - 3, ".md") != 0)
		return NULL;
	return arena_strndup(arena, name, len - 3);
}

/* Checks a report file name: YYYY-MM-DD or YYYY-MM-DD-N. */
static int
report_name_parse(const char *stem, struct date *date, int *sequence)
{
	char day[11];
	char *end;
	long n;

	if (strlen(stem) < 10)
		return -1;
	memcpy(day, stem, 10);
	day[10] = '\0';
	if (date_parse(day, date) == -1)
		return -1;
	*sequence = 0;
	if (stem[10] == '\0')
		return 0;
	if (stem[10] != '-' || stem[11] < '1' || stem[11] > '9')
		return -1;
	n = strtol(stem + 11, &end, 10);
	if (*end != '\0' || n > 999)
		return -1;
	*sequence = (int)n;
	return 0;
}

static void
loader_report(struct loader *loader, struct task *task, const char *dir,
    const struct source_entry *entry)
{
	const char *name = entry->name;
	struct report *report;
	char *text;
	size_t len, messages;
	struct date date;
	char *stem;
	const char *rel = arena_printf(loader->arena, "%s/%s", dir, name);
	struct pos pos = { loader_path(loader, rel), 0, 0 };

	if ((stem = md_stem(loader->arena, name)) == NULL) {
		loader_unexpected(loader, rel, "progress reports are "
		    "YYYY-MM-DD.md files");
		return;
	}
	report = arena_calloc(loader->arena, 1, sizeof(*report));
	report->path = rel;
	report->file_id = stem;
	report->task = task;
	report->pos = pos;
	if (report_name_parse(stem, &date, &report->sequence) == -1) {
		diag_error(&pos, "'%s' is not a valid report file name: use "
		    "YYYY-MM-DD.md or YYYY-MM-DD-N.md", name);
		return;
	}
	if (content_cache_report(loader->cache, rel, &entry->stamp, pos.path,
	    report))
		loader->cached++;
	else {
		messages = diag_thread_count();
		if (loader_file(loader, rel, &text, &len) == -1 ||
		    content_parse_report(loader->arena, &loader->scratch,
		    pos.path, text, len, report) == -1)
			return;
		if (diag_thread_count() == messages)
			content_cache_keep_report(loader->cache, rel,
			    &entry->stamp, report);
	}
	if (date_compare(&date, &report->date) != 0)
		diag_error(&pos, "the report's date differs from its file "
		    "name '%s'", name);
	ptrvec_push(loader->arena, &task->reports, report);
}

static void
loader_task(struct loader *loader, struct plan *plan,
    const struct source_entry *entry)
{
	const char *name = entry->name;
	const char *rel = arena_printf(loader->arena, "plans/%s/tasks/%s",
	    plan->id, name);
	struct pos pos = { loader_path(loader, rel), 0, 0 };
	struct task *task;
	char *stem, *text;
	size_t len, messages;

	if ((stem = md_stem(loader->arena, name)) == NULL) {
		loader_unexpected(loader, rel, "tasks are <task>.md files");
		return;
	}
	if (!id_is_valid(stem)) {
		diag_error(&pos, "'%s' is not a valid task id: use lowercase "
		    "letters, digits and '-'", stem);
		return;
	}
	task = arena_calloc(loader->arena, 1, sizeof(*task));
	task->id = stem;
	task->path = rel;
	task->plan = plan;
	task->pos = pos;
	/* A task with errors is still listed, so its reports find it. */
	if (content_cache_task(loader->cache, rel, &entry->stamp, pos.path,
	    task))
		loader->cached++;
	else {
		messages = diag_thread_count();
		task->invalid = loader_file(loader, rel, &text, &len) == -1 ||
		    content_parse_task(loader->arena, &loader->scratch,
		    pos.path, text, len, task) == -1;
		if (!task->invalid && diag_thread_count() == messages)
			content_cache_keep_task(loader->cache, rel,
			    &entry->stamp, task);
	}
	ptrvec_push(loader->arena, &plan->tasks, task);
}

static void
loader_tasks(struct loader *loader, struct plan *plan)
{
	const char *dir = arena_printf(loader->arena, "plans/%s/tasks",
	    plan->id);
	const struct source_entry *entry;
	struct ptrvec entries;
	size_t i;

	if (loader_list(loader, dir, &entries) == -1)
		return;
	for (i = 0; i < entries.len; i++) {
		entry = entries.items[i];
		if (!loader_entry_usable(loader, dir, entry))
			continue;
		if (entry->type == SOURCE_DIRECTORY)
			loader_unexpected(loader, arena_printf(loader->arena,
			    "%s/%s", dir, entry->name),
			    "tasks/ holds only <task>.md files");
		else
			loader_task(loader, plan, entry);
	}
}

static void
loader_progress_dir(struct loader *loader, struct plan *plan,
    const char *task_id)
{
	const char *dir = arena_printf(loader->arena, "plans/%s/progress/%s",
	    plan->id, task_id);
	struct pos pos = { loader_path(loader, dir), 0, 0 };
	const struct source_entry *entry;
	struct ptrvec entries;
	struct task *task;
	size_t i;

	if ((task = plan_find_task(plan, task_id)) == NULL) {
		diag_error(&pos, "progress for task '%s', which plan '%s' "
		    "does not have", task_id, plan->id);
		return;
	}
	if (loader_list(loader, dir, &entries) == -1)
		return;
	for (i = 0; i < entries.len; i++) {
		entry = entries.items[i];
		if (!loader_entry_usable(loader, dir, entry))
			continue;
		if (entry->type == SOURCE_DIRECTORY)
			loader_unexpected(loader, arena_printf(loader->arena,
			    "%s/%s", dir, entry->name),
			    "a task's progress folder holds only reports");
		else
			loader_report(loader, task, dir, entry);
	}
}

static void
loader_progress(struct loader *loader, struct plan *plan)
{
	const char *dir = arena_printf(loader->arena, "plans/%s/progress",
	    plan->id);
	const struct source_entry *entry;
	struct ptrvec entries;
	size_t i;

	if (loader_list(loader, dir, &entries) == -1)
		return;
	for (i = 0; i < entries.len; i++) {
		entry = entries.items[i];
		if (!loader_entry_usable(loader, dir, entry))
			continue;
		if (entry->type == SOURCE_DIRECTORY)
			loader_progress_dir(loader, plan, entry->name);
		else
			loader_unexpected(loader, arena_printf(loader->arena,
			    "%s/%s", dir, entry->name),
			    "progress/ holds one folder per task");
	}
}

/* Collects attachment paths under files/, to be copied as they are. */
static void
loader_files(struct loader *loader, struct plan *plan, const char *dir,
    int depth)
{
	const struct source_entry *entry;
	struct ptrvec entries;
	struct pos pos = { loader_path(loader, dir), 0, 0 };
	const char *rel;
	size_t i;

	if (depth > MAX_ATTACHMENT_DEPTH) {
		diag_error(&pos, "attachment folders are nested too deeply");
		return;
	}
	if (loader_list(loader, dir, &entries) == -1)
		return;
	for (i = 0; i < entries.len; i++) {
		entry = entries.items[i];
		if (!loader_entry_usable(loader, dir, entry))
			continue;
		rel = arena_printf(loader->arena, "%s/%s", dir, entry->name);
		if (entry->type == SOURCE_DIRECTORY)
			loader_files(loader, plan, rel, depth + 1);
		else
			ptrvec_push(loader->arena, &plan->files, (void *)rel);
	}
}

/* Loads one plan folder; returns NULL when its id is not valid. */
static struct plan *
loader_plan(struct loader *loader, const char *id)
{
	const char *rel = arena_printf(loader->arena, "plans/%s/plan.md", id);
	const char *dir = arena_printf(loader->arena, "plans/%s", id);
	struct pos pos = { loader_path(loader, dir), 0, 0 };
	const struct source_entry *entry;
	struct ptrvec entries;
	struct plan *plan;
	char *text;
	size_t i, len;

	if (!id_is_valid(id)) {
		diag_error(&pos, "'%s' is not a valid plan id: use lowercase "
		    "letters, digits and '-'", id);
		return NULL;
	}
	plan = arena_calloc(loader->arena, 1, sizeof(*plan));
	plan->id = id;
	plan->path = rel;
	plan->pos.path = loader_path(loader, rel);
	plan->invalid = loader_file(loader, rel, &text, &len) == -1 ||
	    content_parse_plan(loader->arena, &loader->scratch, plan->pos.path,
	    text, len,
	    plan) == -1;
	if (loader_list(loader, dir, &entries) == -1)
		return plan;
	for (i = 0; i < entries.len; i++) {
		entry = entries.items[i];
		if (!loader_entry_usable(loader, dir, entry) ||
		    strcmp(entry->name, "plan.md") == 0)
			continue;
		if (strcmp(entry->name, "tasks") != 0 &&
		    strcmp(entry->name, "progress") != 0 &&
		    strcmp(entry->name, "files") != 0)
			loader_unexpected(loader, arena_printf(loader->arena,
			    "%s/%s", dir, entry->name), "a plan folder holds "
			    "plan.md, tasks/, progress/ and files/");
	}
	loader->cache = content_cache_open(loader->cache_dir, id,
	    loader->cache_update, loader->arena);
	loader_tasks(loader, plan);
	loader_progress(loader, plan);
	content_cache_close(loader->cache);
	loader->cache = NULL;
	loader_files(loader, plan, arena_printf(loader->arena, "%s/files",
	    dir), 0);
	return plan;
}

/* A worker loading every n-th plan folder with its own arena and source. */
struct plan_worker {
	struct loader	 loader;
	struct arena	 arena;
	struct source	 source;	/* a copy: its error buffer is ours */
	const char	**names;
	struct plan	**plans;
	size_t		 count;
	size_t		 index;
	size_t		 stride;
	pthread_t	 thread;
};

static void *
plan_worker_main(void *arg)
{
	struct plan_worker *w = arg;
	size_t i;

	for (i = w->index; i < w->count; i += w->stride)
		w->plans[i] = loader_plan(&w->loader, w->names[i]);
	return NULL;
}

/*
 * Loads the plan folders `names`, on several threads when the source
 * allows it, and appends the plans to the content in name order.
 */
static void
loader_plan_folders(struct loader *loader, const char **names, size_t count)
{
	size_t jobs = loader->source->concurrent ? jobs_count(count) : 1, i;
	struct plan_worker *workers = xmalloc(jobs * sizeof(*workers));
	struct plan **plans = xmalloc((count + 1) * sizeof(*plans));

	for (i = 0; i < jobs; i++) {
		struct plan_worker *w = &workers[i];

		arena_init(&w->arena);
		w->source = *loader->source;
		memset(&w->loader, 0, sizeof(w->loader));
		w->loader.arena = &w->arena;
		w->loader.source = &w->source;
		w->loader.content = loader->content;
		w->loader.cache_dir = loader->cache_dir;
		w->loader.cache_update = loader->cache_update;
		w->names = names;
		w->plans = plans;
		w->count = count;
		w->index = i;
		w->stride = jobs;
	}
	if (jobs == 1)
		plan_worker_main(&workers[0]);
	else {
		for (i = 0; i < jobs; i++)
			if (pthread_create(&workers[i].thread, NULL,
			    plan_worker_main, &workers[i]) != 0)
				fatal_oom();
		for (i = 0; i < jobs; i++)
			pthread_join(workers[i].thread, NULL);
	}
	for (i = 0; i < jobs; i++) {
		loader->parsed += workers[i].loader.parsed;
		loader->cached += workers[i].loader.cached;
		arena_adopt(loader->arena, &workers[i].arena);
		arena_free(&workers[i].loader.scratch);
	}
	for (i = 0; i < count; i++)
		if (plans[i] != NULL)
			ptrvec_push(loader->arena, &loader->content->plans,
			    plans[i]);
	free(plans);
	free(workers);
}

static void
loader_plans(struct loader *loader)
{
	const struct source_entry *entry;
	struct ptrvec entries, names = { NULL, 0, 0 };
	struct pos pos = { loader_path(loader, "plans"), 0, 0 };
	size_t i;

	if (loader_list(loader, "plans", &entries) == -1)
		return;
	if (entries.len == 0)
		diag_error(&pos, "no plans: add plans/<plan>/plan.md");
	for (i = 0; i < entries.len; i++) {
		entry = entries.items[i];
		if (!loader_entry_usable(loader, "plans", entry))
			continue;
		if (entry->type == SOURCE_DIRECTORY)
			ptrvec_push(loader->arena, &names,
			    (void *)entry->name);
		else
			loader_unexpected(loader, arena_printf(loader->arena,
			    "plans/%s", entry->name),
			    "plans/ holds one folder per plan");
	}
	loader_plan_folders(loader, (const char **)names.items, names.len);
}

/*
 * A theme named in site.yaml is content too: it must be a folder inside
 * the content directory, reached without symbolic links or "..".
 */
static void
loader_check_theme(struct loader *loader, struct pos pos)
{
	const char *theme = loader->content->site.theme, *p, *dir = "";
	const struct source_entry *entry;
	struct ptrvec entries;
	char *part;
	size_t i, n;

	for (p = theme; *p != '\0'; p += n + (p[n] == '/')) {
		n = strcspn(p, "/");
		part = arena_strndup(loader->arena, p, n);
		if (n == 0 || strcmp(part, ".") == 0 || strcmp(part, "..") == 0 ||
		    strspn(part, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789._-") != n) {
			diag_error(&pos, "'theme' must be a folder inside the "
			    "content directory, like themes/plain");
			return;
		}
		if (loader_list(loader, dir, &entries) == -1)
			return;
		for (i = 0; i < entries.len; i++) {
			entry = entries.items[i];
			if (strcmp(entry->name, part) == 0)
				break;
		}
		if (i == entries.len || entry->type != SOURCE_DIRECTORY) {
			diag_error(&pos, "theme folder '%s' does not exist in "
			    "the content directory (or is a symbolic link)",
			    theme);
			return;
		}
		dir = *dir ? arena_printf(loader->arena, "%s/%s", dir, part) :
		    part;
	}
}

static void
loader_site(struct loader *loader)
{
	struct site_config *site = &loader->content->site;
	struct ynode *root;
	size_t len;
	char *text;

	if ((text = loader_read(loader, "site.yaml", MAX_CONFIG_SIZE, &len)) ==
	    NULL)
		return;
	root = yaml_tree_parse(&loader->scratch, loader_path(loader,
	    "site.yaml"), text, len, 0);
	if (root == NULL || schema_apply(loader->arena, root, &site_schema,
	    site) == -1)
		return;
	if (site->base_url != NULL) {	/* kept without a trailing slash */
		size_t n = strlen(site->base_url);

		while (n > 0 && site->base_url[n - 1] == '/')
			n--;
		site->base_url = arena_strndup(loader->arena, site->base_url, n);
	}
	if (site->language == NULL)
		site->language = "zh-CN";
	if (site->theme != NULL)
		loader_check_theme(loader, ynode_key_pos(root, "theme"));
	if (site->commit_url && strstr(site->commit_url, "{commit}") == NULL) {
		struct pos pos = { loader_path(loader, "site.yaml"), 0, 0 };

		diag_error(&pos, "'commit_url' must contain {commit}");
	}
}

int
content_load(struct content *content, struct arena *arena,
    struct source *source, const char *cache_dir, int update)
{
	struct loader loader;
	size_t before = diag_error_count();

	memset(&loader, 0, sizeof(loader));
	loader.arena = arena;
	loader.source = source;
	loader.content = content;
	if (cache_dir != NULL && (!update || mkdir_parents(cache_dir) == 0)) {
		loader.cache_dir = cache_dir;
		loader.cache_update = update;
	}
	memset(content, 0, sizeof(*content));
	content->arena = arena;
	loader_site(&loader);
	loader_plans(&loader);
	content->files_parsed = loader.parsed;
	content->files_cached = loader.cached;
	arena_free(&loader.scratch);
	content_resolve(content);
	return diag_error_count() == before ? 0 : -1;
}
