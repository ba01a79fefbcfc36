/*
 * History cache file: a text header, then one record per commit with its
 * changes; strings are written as <length>:<bytes> so any text survives.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/fatal.h"
#include "../base/files.h"
#include "../base/strmap.h"
#include "cache.h"
#include "internal.h"
#include "textdiff.h"

#define CACHE_MAGIC		"gongkai-history-cache"
#define CACHE_VERSION		1
#define CACHE_MAX_SIZE		(512L * 1024 * 1024)

struct history_cache {
	char		*path;
	struct arena	*arena;
	struct strmap	 records;	/* commit id → struct ptrvec * */
	const char	*kept;		/* the records read, as they were */
	size_t		 kept_len;
	int		 same_tip;	/* read, and written at this tip */
	struct buf	 out;		/* one record, before it is written */
	char		*tmp;		/* the next cache file, written as */
	FILE		*file;		/* commits are described */
	const char	*prefix;
	char		 tip[41];
};

/* A reader over the cache file's bytes; `bad` is set on any error. */
struct reader {
	const char	*p;
	const char	*end;
	int		 bad;
};

static long
read_number(struct reader *r)
{
	long n = 0;

	while (r->p < r->end && *r->p == ' ')
		r->p++;
	if (r->p >= r->end || *r->p < '0' || *r->p > '9') {
		r->bad = 1;
		return 0;
	}
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9' && n < 1L << 40)
		n = n * 10 + (*r->p++ - '0');
	return n;
}

/* Reads " <len>:<bytes>" or " -" (NULL) into the arena. */
static const char *
read_string(struct reader *r, struct arena *arena)
{
	long len;

	while (r->p < r->end && *r->p == ' ')
		r->p++;
	if (r->p < r->end && *r->p == '-') {
		r->p++;
		return NULL;
	}
	len = read_number(r);
	if (r->bad || r->p >= r->end || *r->p != ':' ||
	    len > r->end - r->p - 1) {
		r->bad = 1;
		return NULL;
	}
	r->p++;
	r->p += len;
	return arena_strndup(arena, r->p - len, (size_t)len);
}

static void
read_line_end(struct reader *r)
{
	if (r->p >= r->end || *r->p != '\n')
		r->bad = 1;
	else
		r->p++;
}

static void
write_string(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_puts(b, " -");
	else
		buf_printf(b, " %zu:%s", strlen(s), s);
}

static struct field_change *
read_field(struct reader *r, struct arena *arena)
{
	struct field_change *f = arena_calloc(arena, 1, sizeof(*f));
	struct textdiff_segment *seg;
	long i, n;

	f->is_body = (int)read_number(r);
	f->label = read_string(r, arena);
	f->old_text = read_string(r, arena);
	f->new_text = read_string(r, arena);
	n = read_number(r);
	for (i = 0; i < n && !r->bad; i++) {
		seg = arena_calloc(arena, 1, sizeof(*seg));
		seg->op = (enum textdiff_op)read_number(r);
		seg->len = (size_t)read_number(r);
		seg->text = read_string(r, arena);
		if (seg->text != NULL)
			seg->len = strlen(seg->text);
		ptrvec_push(arena, &f->diff, seg);
	}
	read_line_end(r);
	return f;
}

static void
write_field(struct buf *b, const struct field_change *f)
{
	const struct textdiff_segment *seg;
	size_t i;

	buf_printf(b, "F %d", f->is_body);
	write_string(b, f->label);
	write_string(b, f->old_text);
	write_string(b, f->new_text);
	buf_printf(b, " %zu", f->diff.len);
	for (i = 0; i < f->diff.len; i++) {
		seg = f->diff.items[i];
		buf_printf(b, " %d %zu", (int)seg->op, seg->len);
		write_string(b, seg->text);
	}
	buf_putc(b, '\n');
}

static struct change *
read_change(struct reader *r, struct arena *arena)
{
	struct change *c = arena_calloc(arena, 1, sizeof(*c));
	long i, n;

	if (r->p + 2 > r->end || memcmp(r->p, "X ", 2) != 0) {
		r->bad = 1;
		return NULL;
	}
	r->p += 1;
	c->entity = (enum entity_kind)read_number(r);
	c->kind = (enum change_kind)read_number(r);
	c->correction = (int)read_number(r);
	c->path = read_string(r, arena);
	c->old_path = read_string(r, arena);
	c->summary = read_string(r, arena);
	n = read_number(r);
	read_line_end(r);
	if (r->bad || c->path == NULL || entity_of_path(arena, c->path,
	    &c->entity, &c->plan_id, &c->task_id, &c->report_id) == -1) {
		r->bad = 1;
		return NULL;
	}
	for (i = 0; i < n && !r->bad; i++) {
		if (r->p + 2 > r->end || memcmp(r->p, "F ", 2) != 0) {
			r->bad = 1;
			break;
		}
		r->p += 1;
		ptrvec_push(arena, &c->fields, read_field(r, arena));
	}
	return c;
}

static void
write_change(struct buf *b, const struct change *c)
{
	size_t i;

	buf_printf(b, "X %d %d %d", (int)c->entity, (int)c->kind,
	    c->correction);
	write_string(b, c->path);
	write_string(b, c->old_path);
	write_string(b, c->summary);
	buf_printf(b, " %zu\n", c->fields.len);
	for (i = 0; i < c->fields.len; i++)
		write_field(b, c->fields.items[i]);
}

/* Reads the commit records; returns -1 when the file is not usable. */
static int
cache_parse(struct history_cache *cache, struct reader *r)
{
	struct ptrvec *changes;
	const char *id;
	long i, n;

	while (r->p < r->end && !r->bad) {
		if (r->end - r->p < 2 || memcmp(r->p, "C ", 2) != 0)
			return -1;
		r->p += 1;
		id = read_string(r, cache->arena);
		n = read_number(r);
		read_line_end(r);
		if (r->bad || id == NULL || strlen(id) != 40)
			return -1;
		changes = arena_calloc(cache->arena, 1, sizeof(*changes));
		for (i = 0; i < n && !r->bad; i++)
			ptrvec_push(cache->arena, changes,
			    read_change(r, cache->arena));
		strmap_put(&cache->records, id, changes);
	}
	return r->bad ? -1 : 0;
}

/* Whether the cached tip is the new tip or one of its ancestors. */
static int
cache_tip_usable(git_repository *repo, const git_oid *tip, const char *hex)
{
	git_oid old;

	if (git_oid_fromstr(&old, hex) != 0)
		return 0;
	return git_oid_equal(&old, tip) ||
	    git_graph_descendant_of(repo, tip, &old) == 1;
}

/* Reads the file when its header matches; otherwise starts empty. */
static void
cache_load(struct history_cache *cache, git_repository *repo,
    const git_oid *tip)
{
	struct reader r;
	char header[256], *data;
	const char *prefix, *old_tip;
	long size;
	FILE *f;

	if ((f = fopen(cache->path, "rb")) == NULL)
		return;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 ||
	    size > CACHE_MAX_SIZE || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return;
	}
	data = arena_alloc(cache->arena, (size_t)size + 1);
	if (fread(data, 1, (size_t)size, f) != (size_t)size) {
		fclose(f);
		return;
	}
	fclose(f);
	snprintf(header, sizeof(header), "%s %d\n", CACHE_MAGIC, CACHE_VERSION);
	if (strncmp(data, header, strlen(header)) != 0)
		return;
	r.p = data + strlen(header);
	r.end = data + size;
	r.bad = 0;
	prefix = read_string(&r, cache->arena);
	old_tip = read_string(&r, cache->arena);
	read_line_end(&r);
	if (r.bad || prefix == NULL || old_tip == NULL ||
	    strcmp(prefix, cache->prefix) != 0 ||
	    !cache_tip_usable(repo, tip, old_tip))
		return;		/* rewritten history: start over */
	cache->kept = r.p;
	cache->kept_len = (size_t)(r.end - r.p);
	if (cache_parse(cache, &r) == -1) {
		strmap_init(&cache->records, cache->arena);
		cache->kept = NULL;
		cache->kept_len = 0;
		return;
	}
	cache->same_tip = strcmp(old_tip, cache->tip) == 0;
}

static void	cache_flush(struct history_cache *);
static void	cache_begin(struct history_cache *);

struct history_cache *
history_cache_open(const char *dir, git_repository *repo, const git_oid *tip,
    const char *prefix, struct arena *arena)
{
	struct history_cache *cache;

	if (dir == NULL)
		return NULL;
	cache = xmalloc(sizeof(*cache));
	memset(cache, 0, sizeof(*cache));
	cache->arena = arena;
	cache->prefix = prefix;
	git_oid_tostr(cache->tip, sizeof(cache->tip), tip);
	cache->path = xmalloc(strlen(dir) + 64);
	/* One cache file per repository and content directory. */
	sprintf(cache->path, "%s/history-%016llx.cache", dir,
	    name_hash((const char *[]){ git_repository_path(repo), prefix },
	    2));
	strmap_init(&cache->records, arena);
	cache_load(cache, repo, tip);
	return cache;
}

int
history_cache_lookup(struct history_cache *cache, struct history_commit *hc)
{
	struct ptrvec *changes;
	struct change *c;
	size_t i;

	if (cache == NULL ||
	    (changes = strmap_get(&cache->records, hc->id)) == NULL)
		return 0;
	for (i = 0; i < changes->len; i++) {
		c = changes->items[i];
		c->commit = hc;
	}
	hc->changes = *changes;
	return 1;
}

void
history_cache_store(struct history_cache *cache,
    const struct history_commit *hc)
{
	size_t i;

	if (cache == NULL)
		return;
	if (cache->file == NULL && cache->tmp == NULL)
		cache_begin(cache);
	buf_puts(&cache->out, "C");
	write_string(&cache->out, hc->id);
	buf_printf(&cache->out, " %zu\n", hc->changes.len);
	for (i = 0; i < hc->changes.len; i++)
		write_change(&cache->out, hc->changes.items[i]);
	cache_flush(cache);
}

/* Writes the pending record to the next cache file. */
static void
cache_flush(struct history_cache *cache)
{
	if (cache->file != NULL && cache->out.len > 0 &&
	    fwrite(cache->out.data, 1, cache->out.len, cache->file) !=
	    cache->out.len) {
		fclose(cache->file);
		cache->file = NULL;
		unlink(cache->tmp);
	}
	buf_reset(&cache->out);
}

/*
 * Opens the next cache file beside the old one and writes its header;
 * new records go to it as they come, then the records read are copied
 * after them as they were.
 */
static void
cache_begin(struct history_cache *cache)
{
	char *dir, *slash;

	dir = xstrdup(cache->path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		mkdir_parents(dir);
	}
	free(dir);
	cache->tmp = xmalloc(strlen(cache->path) + 32);
	sprintf(cache->tmp, "%s.tmp-%ld", cache->path, (long)getpid());
	if ((cache->file = fopen(cache->tmp, "wb")) == NULL) {
		fprintf(stderr, "gongkai: warning: cannot write the history "
		    "cache %s: %s\n", cache->tmp, strerror(errno));
		return;
	}
	buf_printf(&cache->out, "%s %d\n", CACHE_MAGIC, CACHE_VERSION);
	write_string(&cache->out, cache->prefix);
	write_string(&cache->out, cache->tip);
	buf_putc(&cache->out, '\n');
	cache_flush(cache);
}

/*
 * Writes the cache unless it would be the file read: the same tip and no
 * new record.
 */
void
history_cache_save(struct history_cache *cache)
{
	int ok;

	if (cache == NULL)
		return;
	if (cache->tmp == NULL) {
		if (cache->same_tip)
			return;
		cache_begin(cache);
	}
	if (cache->file == NULL)
		return;
	if (cache->kept_len > 0 && fwrite(cache->kept, 1, cache->kept_len,
	    cache->file) != cache->kept_len) {
		fclose(cache->file);
		cache->file = NULL;
		unlink(cache->tmp);
	}
	if (cache->file == NULL) {
		fprintf(stderr, "gongkai: warning: cannot write the history "
		    "cache %s\n", cache->path);
		return;
	}
	ok = fclose(cache->file) == 0;
	cache->file = NULL;
	if (!ok || rename(cache->tmp, cache->path) == -1) {
		fprintf(stderr, "gongkai: warning: cannot write the history "
		    "cache %s\n", cache->path);
		unlink(cache->tmp);
	}
}

void
history_cache_close(struct history_cache *cache)
{
	if (cache == NULL)
		return;
	if (cache->file != NULL) {	/* not saved: the walk failed */
		fclose(cache->file);
		unlink(cache->tmp);
	}
	buf_free(&cache->out);
	free(cache->tmp);
	free(cache->path);
	free(cache);
}
