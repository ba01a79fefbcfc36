/* Site rendering: one pass over the public model, page by page. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/fatal.h"
#include "../base/files.h"
#include "../base/jobs.h"
#include "../base/siphash.h"
#include "../history/history.h"
#include "../load/source.h"
#include "../model/json.h"
#include "../model/model.h"
#include "../model/value.h"
#include "../model/views.h"
#include "../write/output.h"
#include "markdown.h"
#include "mustache.h"
#include "site.h"
#include "theme.h"

#define MAX_ATTACHMENT_SIZE	(20 * 1024 * 1024)

enum page_kind {
	PAGE_HOME,
	PAGE_PLAN,
	PAGE_TASK,
	PAGE_UNIT,
	PAGE_UNITS,
	PAGE_DEADLINES,
	PAGE_ALIGNMENT,
	PAGE_NOT_FOUND,
	PAGE_CHANGES,
	PAGE_COMMIT,
	PAGE_FEED,
	PAGE_KIND_COUNT,
};

/* The template of each kind of page. */
static const char *const page_templates[PAGE_KIND_COUNT] = {
	[PAGE_HOME] = "home",
	[PAGE_PLAN] = "plan",
	[PAGE_TASK] = "task",
	[PAGE_UNIT] = "unit",
	[PAGE_UNITS] = "units",
	[PAGE_DEADLINES] = "deadlines",
	[PAGE_ALIGNMENT] = "alignment",
	[PAGE_NOT_FOUND] = "404",
	[PAGE_CHANGES] = "changes",
	[PAGE_COMMIT] = "commit",
	[PAGE_FEED] = "feed",
};

#define CHANGES_PER_PAGE	30
#define FEED_ENTRIES		50

struct renderer {
	struct model			*model;
	const struct view_shares	*shares;	/* NULL: none */
	const struct siphash_digest	*fingerprint;	/* code and theme */
	struct arena			*arena;		/* the build's */
	struct arena			 page_arena;	/* one page's */
	struct theme			 theme;
	struct mustache_engine		*engine;
	const struct mustache_template	*templates[PAGE_KIND_COUNT];
	struct output			*output;
	struct buf			 html;
	struct buf			 json;
	struct buf			 sitemap;
	int				 failed;
};

static const char *
renderer_markdown(void *ctx, const char *markdown, const char *prefix)
{
	struct arena *arena = ctx;

	/* Bodies come from content files, checked to be UTF-8 on loading. */
	return markdown_render_checked(arena, markdown, strlen(markdown),
	    prefix, 1);
}

/* Partials come from templates/<name>.mustache of the theme. */
static const char *
renderer_partial(void *ctx, const char *name, size_t *len)
{
	struct renderer *r = ctx;
	char path[256];
	const char *src;

	snprintf(path, sizeof(path), "templates/%s.mustache", name);
	src = theme_read(&r->theme, path, len, &r->failed);
	if (src == NULL && !r->failed) {
		/* The spec renders a missing partial as nothing; a theme's
		 * typo should be loud instead. */
		fprintf(stderr, "gongkai: error: the theme has no %s\n", path);
		r->failed = 1;
	}
	return src;
}

static int
renderer_load_templates(struct renderer *r)
{
	struct mustache_error error;
	size_t i;

	for (i = 0; i < PAGE_KIND_COUNT; i++) {
		r->templates[i] = mustache_engine_load(r->engine,
		    page_templates[i], &error);
		if (r->templates[i] == NULL) {
			if (error.line > 0)
				fprintf(stderr, "gongkai: error: templates/"
				    "%s.mustache:%zu:%zu: %s\n", error.name,
				    error.line, error.col, error.msg);
			else
				fprintf(stderr, "gongkai: error: template "
				    "'%s': %s\n", page_templates[i], error.msg);
			return -1;
		}
	}
	return 0;
}

/* "../" once per folder of `path`, so that links work from anywhere. */
static const char *
root_of(struct arena *arena, const char *path)
{
	size_t depth = 0, i;
	char *root, *p;

	for (i = 0; path[i]; i++)
		depth += path[i] == '/';
	p = root = arena_alloc(arena, depth * 3 + 1);
	for (i = 0; i < depth; i++)
		p = stpcpy(p, "../");
	*p = '\0';
	return root;
}

/* data/<path>.json for the page at <path>.html. */
static const char *
data_path_of(struct arena *arena, const char *path)
{
	size_t len = strlen(path);

	return arena_printf(arena, "data/%.*s.json", (int)(len - 5), path);
}

static void
renderer_sitemap_add(struct renderer *r, const char *path)
{
	size_t len = strlen(path);

	if (len >= 10 && strcmp(path + len - 10, "index.html") == 0)
		len -= 10;
	buf_printf(&r->sitemap, "  <url><loc>%s/%.*s</loc></url>\n",
	    r->model->content->site.base_url, (int)len, path);
}

/*
 * What a page is made from, as a keyed hash: the generator's code and the
 * theme (the fingerprint), the kind of page, its path and its whole
 * rendering context.  Its HTML and JSON are functions of these alone.
 */
static void
page_key(const struct renderer *r, enum page_kind kind, const char *path,
    const struct value *context, struct siphash_digest *key)
{
	struct siphash h;

	if (!output_keeps_manifest(r->output))
		return;		/* nothing will read the key */
	siphash_init(&h, output_hash_key(r->output));
	siphash_update(&h, r->fingerprint, sizeof(*r->fingerprint));
	siphash_u64(&h, (uint64_t)kind);
	siphash_string(&h, path);
	value_hash(context, &h);
	siphash_final(&h, key);
}

/*
 * Renders one page from its view model and writes it with its JSON, or
 * links both from the published site when they are made from the same
 * (output_reuse).  `root` overrides the relative way back to the site root (404.html,
 * which is served at any address, uses the absolute base URL).
 */
static int
renderer_page(struct renderer *r, enum page_kind kind, const char *path,
    struct value *view, const char *root)
{
	struct arena *arena = &r->page_arena;
	struct mustache_error error;
	struct value *context = value_map(arena);
	struct siphash_digest key = { { 0, 0 } };
	const char *data_path;

	value_set(context, "site", view_site(&(struct views){ r->model, arena,
	    renderer_markdown, arena, r->shares }));
	value_set_string(arena, context, "root", root ? root :
	    root_of(arena, path));
	value_set_string(arena, context, "path", path);
	if (kind != PAGE_NOT_FOUND && kind != PAGE_FEED)
		value_set_string(arena, context, "data_path",
		    data_path_of(arena, path));
	value_set_bool(arena, context, kind == PAGE_HOME ? "is_home" :
	    "is_inner", 1);
	/* Changes listed outside their task's page say whose they are. */
	value_set_bool(arena, context, "show_context", kind != PAGE_TASK);
	value_set(context, "page", view);
	page_key(r, kind, path, context, &key);
	if (output_reuse(r->output, path, &key) == -1) {
		buf_reset(&r->html);
		if (mustache_render(r->engine, r->templates[kind], context,
		    &r->html, &error) == -1) {
			fprintf(stderr, "gongkai: error: rendering %s with "
			    "templates/%s.mustache: %s\n", path,
			    page_templates[kind], error.msg);
			return -1;
		}
		if (output_write(r->output, path, r->html.data, r->html.len,
		    &key) == -1)
			return -1;
	}
	if (kind == PAGE_NOT_FOUND || kind == PAGE_FEED)
		return 0;
	renderer_sitemap_add(r, path);
	data_path = data_path_of(arena, path);
	if (output_reuse(r->output, data_path, &key) == 0)
		return 0;
	buf_reset(&r->json);
	json_write(&r->json, view);
	return output_write(r->output, data_path, r->json.data, r->json.len,
	    &key);
}

/* Starts a page: a fresh page arena and the view builder over it. */
static struct views
renderer_views(struct renderer *r)
{
	struct views v = { r->model, &r->page_arena, renderer_markdown,
	    &r->page_arena, r->shares };

	arena_reset(&r->page_arena);
	return v;
}

/* An Atom feed; none when the site has no history. */
static int
renderer_feed(struct renderer *r, const char *title, const char *path,
    const char *alternate, const char *scope, const struct ptrvec *changes)
{
	struct views v;

	if (!r->model->history->available)
		return 0;
	v = renderer_views(r);
	return renderer_page(r, PAGE_FEED, path, view_feed(&v, title, path,
	    alternate, scope, changes, FEED_ENTRIES), NULL);
}

/*
 * The site-wide change list: the newest commits on changes/index.html,
 * all of them on pages numbered from the oldest (view_changes_page), and
 * the site's feed.
 */
static int
renderer_change_list(struct renderer *r)
{
	const struct history *h = r->model->history;
	size_t page, pages;
	struct views v;

	pages = (h->commits.len + CHANGES_PER_PAGE - 1) / CHANGES_PER_PAGE;
	for (page = 0; page <= pages; page++) {
		v = renderer_views(r);
		if (renderer_page(r, PAGE_CHANGES, page == 0 ?
		    "changes/index.html" : arena_printf(&r->page_arena,
		    "changes/page-%zu.html", page), view_changes_page(&v, page,
		    pages, CHANGES_PER_PAGE), NULL) == -1)
			return -1;
	}
	return renderer_feed(r, r->model->content->site.title, "feed.xml",
	    "changes/index.html", "site", NULL);
}

/* One commit's page. */
static int
renderer_commit(struct renderer *r, const struct history_commit *hc)
{
	struct views v = renderer_views(r);

	return renderer_page(r, PAGE_COMMIT, commit_page_url(&r->page_arena,
	    hc), view_commit(&v, hc), NULL);
}

static int
renderer_plan(struct renderer *r, const struct plan *plan)
{
	struct views v;
	const struct task *task;
	const struct unit *unit;
	size_t i;

	v = renderer_views(r);
	if (renderer_page(r, PAGE_PLAN, arena_printf(&r->page_arena,
	    "plans/%s/index.html", plan->id), view_plan(&v, plan), NULL) == -1)
		return -1;
	if (renderer_feed(r, plan->title, arena_printf(r->arena,
	    "plans/%s/feed.xml", plan->id), plan_url(r->arena, plan), plan->id,
	    history_of_plan(r->model->history, plan->id)) == -1)
		return -1;
	for (i = 0; i < plan->tasks.len; i++) {
		task = plan->tasks.items[i];
		v = renderer_views(r);
		if (renderer_page(r, PAGE_TASK, task_url(&r->page_arena, task),
		    view_task(&v, task), NULL) == -1)
			return -1;
		if (renderer_feed(r, arena_printf(r->arena, "%s 第%ld项",
		    plan->region, task->number), arena_printf(r->arena,
		    "plans/%s/tasks/%s.xml", plan->id, task->id),
		    task_url(r->arena, task), arena_printf(r->arena, "%s/%s",
		    plan->id, task->id), history_of_task(r->model->history,
		    plan->id, task->id)) == -1)
			return -1;
	}
	for (i = 0; i < r->model->units.len; i++) {
		unit = r->model->units.items[i];
		if (unit->plan != plan)
			continue;
		v = renderer_views(r);
		if (renderer_page(r, PAGE_UNIT, unit_url(&r->page_arena, unit),
		    view_unit(&v, unit), NULL) == -1)
			return -1;
	}
	return 0;
}

/* Copies a plan's attachments as they are. */
static int
renderer_files(struct renderer *r, struct source *source,
    const struct plan *plan)
{
	const char *path;
	char *data;
	size_t i, len;

	for (i = 0; i < plan->files.len; i++) {
		path = plan->files.items[i];
		arena_reset(&r->page_arena);
		if (source->ops->read(source, path, MAX_ATTACHMENT_SIZE,
		    &r->page_arena, &data, &len) != SOURCE_OK) {
			fprintf(stderr, "gongkai: error: %s/%s: cannot read "
			    "the attachment (at most 20 MiB)\n", source->label,
			    path);
			return -1;
		}
		if (output_write(r->output, path, data, len, NULL) == -1)
			return -1;
	}
	return 0;
}

/* Copies static/ of the theme to the site root. */
static int
renderer_static(struct renderer *r)
{
	struct ptrvec files = { NULL, 0, 0 };
	const char *path, *data;
	size_t i, len;

	theme_static_files(&r->theme, &files);
	for (i = 0; i < files.len; i++) {
		path = files.items[i];
		if ((data = theme_read(&r->theme, path, &len, &r->failed)) ==
		    NULL)
			return -1;
		if (output_write(r->output, path + strlen("static/"), data,
		    len, NULL) == -1)
			return -1;
	}
	return 0;
}

/* The pages that are not per plan or commit: item `k` of FIXED_PAGES. */
#define FIXED_PAGES	5

static int
renderer_fixed_page(struct renderer *r, size_t k)
{
	const char *base = r->model->content->site.base_url;
	struct views v = renderer_views(r);

	switch (k) {
	case 0:
		return renderer_page(r, PAGE_HOME, "index.html", view_home(&v),
		    NULL);
	case 1:
		return renderer_page(r, PAGE_UNITS, "units/index.html",
		    view_unit_index(&v), NULL);
	case 2:
		return renderer_page(r, PAGE_DEADLINES, "deadlines/index.html",
		    view_deadlines(&v), NULL);
	case 3:
		return renderer_page(r, PAGE_ALIGNMENT, "alignment/index.html",
		    view_alignment(&v), NULL);
	default:
		return renderer_page(r, PAGE_NOT_FOUND, "404.html", value_map(
		    &r->page_arena), arena_printf(&r->page_arena, "%s/", base));
	}
}

static int
renderer_sitemap_and_robots(struct renderer *r)
{
	const char *base = r->model->content->site.base_url;
	struct buf doc = BUF_INIT;
	int rc;

	buf_puts(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	buf_append(&doc, r->sitemap.data, r->sitemap.len);
	buf_puts(&doc, "</urlset>\n");
	rc = output_write(r->output, "sitemap.xml", doc.data, doc.len,
	    NULL);
	buf_reset(&doc);
	buf_printf(&doc, "User-agent: *\nAllow: /\n\nSitemap: %s/sitemap.xml\n",
	    base);
	if (rc == 0)
		rc = output_write(r->output, "robots.txt", doc.data,
		    doc.len, NULL);
	buf_free(&doc);
	return rc;
}

/*
 * Prepares a renderer: its own arenas, theme reader, template engine and
 * buffers, so that several can work at once on different plans.  Returns
 * -1 when a template is missing or does not parse.
 */
static int
renderer_init(struct renderer *r, struct model *model, struct arena *arena,
    const char *theme_dir, const struct siphash_digest *fingerprint,
    struct output *output)
{
	memset(r, 0, sizeof(*r));
	r->model = model;
	r->fingerprint = fingerprint;
	r->arena = arena;
	r->output = output;
	r->theme.dir = theme_dir;
	r->theme.arena = arena;
	arena_init(&r->page_arena);
	r->engine = mustache_engine_new(arena, renderer_partial, r);
	return renderer_load_templates(r);
}

static void
renderer_free(struct renderer *r)
{
	arena_free(&r->page_arena);
	buf_free(&r->html);
	buf_free(&r->json);
	buf_free(&r->sitemap);
}

/* A worker renders every n-th item; sitemap lines are kept per item. */
struct worker {
	struct renderer		 r;
	struct arena		 arena;
	size_t			 index;
	size_t			 count;
	struct buf		*sitemaps;	/* one per item, shared array */
	pthread_t		 thread;
	int			 started;
	int			 rc;
};

/*
 * The work of the parallel stage, in sitemap order: the fixed pages, the
 * change list, then one item per commit page, then one per plan.
 */
static size_t
render_item_count(const struct model *model)
{
	return FIXED_PAGES + 1 + model->history->commits.len +
	    model->content->plans.len;
}

static int
renderer_item(struct renderer *r, size_t k)
{
	const struct history *h = r->model->history;

	if (k < FIXED_PAGES)
		return renderer_fixed_page(r, k);
	k -= FIXED_PAGES;
	if (k == 0)
		return renderer_change_list(r);
	if (k <= h->commits.len)
		return renderer_commit(r, h->commits.items[k - 1]);
	return renderer_plan(r, r->model->content->plans.items[k - 1 -
	    h->commits.len]);
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	size_t k, n = render_item_count(w->r.model);

	for (k = w->index; k < n && w->rc == 0; k += w->count) {
		buf_reset(&w->r.sitemap);
		if (renderer_item(&w->r, k) == -1 || w->r.failed)
			w->rc = -1;
		buf_append(&w->sitemaps[k], buf_cstr(&w->r.sitemap),
		    w->r.sitemap.len);
	}
	return NULL;
}

/*
 * Renders the items (render_item_count) on several threads.  The model is
 * only read; each worker has its own arenas, engine and buffers.  Returns
 * -1 when any page failed.
 */
static int
renderer_parallel(struct renderer *main_r, const char *theme_dir)
{
	size_t items = render_item_count(main_r->model);
	size_t jobs = jobs_count(items), i;
	struct worker *workers = xmalloc(jobs * sizeof(*workers));
	struct buf *sitemaps = xmalloc(items * sizeof(*sitemaps));
	int rc = 0;

	for (i = 0; i < items; i++)
		sitemaps[i] = (struct buf)BUF_INIT;
	for (i = 0; i < jobs; i++) {
		arena_init(&workers[i].arena);
		workers[i].index = i;
		workers[i].count = jobs;
		workers[i].sitemaps = sitemaps;
		workers[i].rc = renderer_init(&workers[i].r, main_r->model,
		    &workers[i].arena, theme_dir, main_r->fingerprint,
		    main_r->output);
		workers[i].r.shares = main_r->shares;
		workers[i].started = 0;
		if (workers[i].rc == -1)
			rc = -1;
	}
	for (i = 0; i < jobs && rc == 0; i++)
		if (pthread_create(&workers[i].thread, NULL, worker_main,
		    &workers[i]) == 0)
			workers[i].started = 1;
		else
			rc = -1;
	for (i = 0; i < jobs; i++) {
		if (workers[i].started)
			pthread_join(workers[i].thread, NULL);
		if (workers[i].rc == -1)	/* read after the join */
			rc = -1;
		renderer_free(&workers[i].r);
		arena_free(&workers[i].arena);
	}
	for (i = 0; i < items; i++) {
		buf_append(&main_r->sitemap, buf_cstr(&sitemaps[i]),
		    sitemaps[i].len);
		buf_free(&sitemaps[i]);
	}
	free(sitemaps);
	free(workers);
	return rc;
}

/* A hasher computes the digest of every n-th shared sub-view. */
struct hasher {
	struct view_shares		*shares;
	const struct siphash_key	*key;
	size_t				 index;
	size_t				 count;
	pthread_t			 thread;
	int				 started;
};

static void *
hasher_main(void *arg)
{
	struct hasher *w = arg;
	struct arena scratch;
	size_t k, n = view_shares_count(w->shares);

	arena_init(&scratch);
	for (k = w->index; k < n; k += w->count) {
		view_shares_hash(w->shares, k, w->key, &scratch);
		arena_reset(&scratch);
	}
	arena_free(&scratch);
	return NULL;
}

/*
 * Lists the sub-views that pages share and hashes each once, on several
 * threads, before any page is built: from then on they are only read.
 */
static struct view_shares *
site_shares(struct model *model, const struct siphash_key *key)
{
	struct view_shares *shares = view_shares_new(model, model->arena);
	size_t jobs = jobs_count(view_shares_count(shares)), i;
	struct hasher *workers = xmalloc(jobs * sizeof(*workers));

	for (i = 0; i < jobs; i++) {
		workers[i] = (struct hasher){ .shares = shares, .key = key,
		    .index = i, .count = jobs };
		/* The first runs here, as does any that cannot start. */
		if (i > 0 && pthread_create(&workers[i].thread, NULL,
		    hasher_main, &workers[i]) == 0)
			workers[i].started = 1;
	}
	for (i = 0; i < jobs; i++) {
		if (workers[i].started)
			pthread_join(workers[i].thread, NULL);
		else
			hasher_main(&workers[i]);
	}
	free(workers);
	return shares;
}

/*
 * The fingerprint of what renders pages: this program's own file and the
 * theme's templates.  When either cannot be read it is random, and no
 * page of the last build is reused.
 */
static void
site_fingerprint(const char *theme_dir, struct arena *arena,
    struct siphash_digest *fingerprint)
{
	struct theme theme = { theme_dir, arena };
	struct siphash_key key = { { 0, 0 } };
	struct siphash_digest program;
	struct siphash h;
	int known;

	siphash_init(&h, &key);
	known = program_digest(&program) == 0;
	siphash_update(&h, &program, sizeof(program));
	if (theme_hash_templates(&theme, &h) == -1 || !known) {
		siphash_random_key(&key);
		siphash_u64(&h, key.k[0]);
		siphash_u64(&h, key.k[1]);
	}
	siphash_final(&h, fingerprint);
}

int
site_render(struct model *model, struct source *source, const char *theme_dir,
    struct output *output)
{
	struct siphash_digest fingerprint;
	struct renderer r;
	size_t i;
	int rc = -1;

	markdown_init();
	memset(&fingerprint, 0, sizeof(fingerprint));
	if (output_keeps_manifest(output))
		site_fingerprint(theme_dir, model->arena, &fingerprint);
	if (renderer_init(&r, model, model->arena, theme_dir, &fingerprint,
	    output) == -1)
		goto done;
	/* Pages that are not hashed need not share anything. */
	if (output_keeps_manifest(output))
		r.shares = site_shares(model, output_hash_key(output));
	if (renderer_parallel(&r, theme_dir) == -1)
		goto done;
	for (i = 0; i < model->content->plans.len; i++)
		if (renderer_files(&r, source, model->content->plans.items[i])
		    == -1)
			goto done;
	if (renderer_static(&r) == -1 || renderer_sitemap_and_robots(&r) == -1)
		goto done;
	rc = r.failed ? -1 : 0;
done:
	renderer_free(&r);
	return rc;
}
