/*
 * History cache file: a text header, then one record per commit in the
 * order of the walk that wrote it, then an end line.  Strings are written
 * as <length>:<bytes> and a NUL, so any text survives and the strings of
 * a record read are used where they lie in the file's bytes.
 *
 *	gongkai-history-cache 2
 *	S <prefix> <tip> <complete> <commits>
 *	C <id> <parents> <time> <offset> <name> <email> <message> <changes>
 *	X <entity> <kind> <correction> <path> <old path> <summary> <plan>
 *	  <task> <report> <fields>
 *	F <is body> <label> <old> <new> <segments> {<op> <len> <text>}
 *	E
 */
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
#define CACHE_VERSION		2
#define CACHE_MAX_SIZE		(512L * 1024 * 1024)

struct history_cache {
	char		*path;
	struct arena	*arena;
	struct strmap	 records;	/* commit id → struct cached_commit */
	struct ptrvec	 walk;		/* struct cached_commit *, file order */
	git_oid		 read_tip;	/* the tip of the file read */
	int		 read_complete;	/* its walk reached every commit */
	int		 read_ok;	/* a file was read and is usable */
	const char	*prefix;
	git_oid		 tip;
};

/* A reader over the cache file's bytes; `bad` is set on any error. */
struct reader {
	const char	*p;
	const char	*end;
	int		 bad;
};

static void
skip_spaces(struct reader *r)
{
	while (r->p < r->end && *r->p == ' ')
		r->p++;
}

static long
read_number(struct reader *r)
{
	long n = 0;

	skip_spaces(r);
	if (r->p >= r->end || *r->p < '0' || *r->p > '9') {
		r->bad = 1;
		return 0;
	}
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9' && n < 1L << 40)
		n = n * 10 + (*r->p++ - '0');
	return n;
}

/* A number with an optional minus sign, up to 18 digits. */
static int64_t
read_signed(struct reader *r)
{
	int64_t n = 0;
	int negative, digits = 0;

	skip_spaces(r);
	negative = r->p < r->end && *r->p == '-';
	if (negative)
		r->p++;
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9' && digits < 18) {
		n = n * 10 + (*r->p++ - '0');
		digits++;
	}
	if (digits == 0 || (r->p < r->end && *r->p >= '0' && *r->p <= '9'))
		r->bad = 1;
	return negative ? -n : n;
}

/*
 * Reads " <len>:<bytes>\0" or " -" (NULL); the string returned is the
 * one in the file's bytes.
 */
static const char *
read_string(struct reader *r)
{
	const char *s;
	long len;

	skip_spaces(r);
	if (r->p < r->end && *r->p == '-') {
		r->p++;
		return NULL;
	}
	len = read_number(r);
	if (r->bad || r->p >= r->end || *r->p != ':' ||
	    len >= r->end - r->p - 1 || r->p[1 + len] != '\0') {
		r->bad = 1;
		return NULL;
	}
	s = r->p + 1;
	r->p += len + 2;
	return s;
}

static void
read_line_end(struct reader *r)
{
	if (r->p >= r->end || *r->p != '\n')
		r->bad = 1;
	else
		r->p++;
}

/* Reads the tag of a line, "C" …; returns 0 when it is there. */
static int
read_tag(struct reader *r, char tag)
{
	if (r->bad || r->end - r->p < 2 || r->p[0] != tag ||
	    (r->p[1] != ' ' && r->p[1] != '\n')) {
		r->bad = 1;
		return -1;
	}
	r->p++;
	return 0;
}

static void
write_string(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_puts(b, " -");
	else {
		buf_printf(b, " %zu:", strlen(s));
		buf_append(b, s, strlen(s) + 1);
	}
}

static struct field_change *
read_field(struct reader *r, struct arena *arena)
{
	struct field_change *f = arena_calloc(arena, 1, sizeof(*f));
	struct textdiff_segment *seg;
	long i, n, op;

	f->is_body = (int)read_number(r);
	f->label = read_string(r);
	f->old_text = read_string(r);
	f->new_text = read_string(r);
	n = read_number(r);
	if (r->bad || n > (r->end - r->p) / 6) {	/* " 0 0 -" at least */
		r->bad = 1;
		return f;
	}
	seg = arena_calloc(arena, (size_t)n, sizeof(*seg));
	f->diff.items = arena_alloc(arena, (size_t)n * sizeof(void *));
	f->diff.cap = (size_t)n;
	for (i = 0; i < n && !r->bad; i++, seg++) {
		if ((op = read_number(r)) > TEXTDIFF_INSERT)
			r->bad = 1;	/* an index of names on pages */
		seg->op = (enum textdiff_op)op;
		seg->len = (size_t)read_number(r);
		seg->text = read_string(r);
		if (seg->text != NULL)
			seg->len = strlen(seg->text);
		f->diff.items[f->diff.len++] = seg;
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

	if (read_tag(r, 'X') == -1)
		return NULL;
	c->entity = (enum entity_kind)read_number(r);
	c->kind = (enum change_kind)read_number(r);
	c->correction = (int)read_number(r);
	c->path = read_string(r);
	c->old_path = read_string(r);
	c->summary = read_string(r);
	c->plan_id = read_string(r);
	c->task_id = read_string(r);
	c->report_id = read_string(r);
	n = read_number(r);
	read_line_end(r);
	if (r->bad || c->path == NULL || c->plan_id == NULL ||
	    (c->entity != ENTITY_PLAN && c->task_id == NULL) ||
	    (c->entity == ENTITY_PLAN && c->task_id != NULL) ||
	    (c->entity == ENTITY_REPORT) != (c->report_id != NULL) ||
	    c->entity > ENTITY_REPORT || c->kind > CHANGE_REPUBLISHED) {
		r->bad = 1;
		return NULL;
	}
	for (i = 0; i < n && read_tag(r, 'F') == 0; i++)
		ptrvec_push(arena, &c->fields, read_field(r, arena));
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
	write_string(b, c->plan_id);
	write_string(b, c->task_id);
	write_string(b, c->report_id);
	buf_printf(b, " %zu\n", c->fields.len);
	for (i = 0; i < c->fields.len; i++)
		write_field(b, c->fields.items[i]);
}

/* Reads one commit record; NULL when it is damaged. */
static struct cached_commit *
read_commit(struct reader *r, struct arena *arena)
{
	struct cached_commit *cc = arena_calloc(arena, 1, sizeof(*cc));
	long i, n;

	cc->record = r->p;
	if (read_tag(r, 'C') == -1)
		return NULL;
	cc->id = read_string(r);
	cc->raw.parents = (unsigned int)read_number(r);
	cc->raw.time = read_signed(r);
	cc->raw.offset = (int)read_signed(r);
	cc->raw.author_name = read_string(r);
	cc->raw.author_email = read_string(r);
	cc->raw.message = read_string(r);
	n = read_number(r);
	read_line_end(r);
	if (r->bad || cc->id == NULL || strlen(cc->id) != 40 ||
	    cc->raw.author_name == NULL || cc->raw.author_email == NULL ||
	    cc->raw.message == NULL || cc->raw.offset < -24 * 60 ||
	    cc->raw.offset > 24 * 60)
		return NULL;
	for (i = 0; i < n && !r->bad; i++)
		ptrvec_push(arena, &cc->changes, read_change(r, arena));
	cc->record_len = (size_t)(r->p - cc->record);
	return r->bad ? NULL : cc;
}

static void
write_commit(struct buf *b, const struct history_commit *hc,
    const struct commit_raw *raw)
{
	size_t i;

	buf_puts(b, "C");
	write_string(b, hc->id);
	buf_printf(b, " %u %lld %d", raw->parents, (long long)raw->time,
	    raw->offset);
	write_string(b, raw->author_name);
	write_string(b, raw->author_email);
	write_string(b, raw->message);
	buf_printf(b, " %zu\n", hc->changes.len);
	for (i = 0; i < hc->changes.len; i++)
		write_change(b, hc->changes.items[i]);
}

/* Reads the commit records and the end line; -1 when they are damaged. */
static int
cache_parse(struct history_cache *cache, struct reader *r, long commits)
{
	struct cached_commit *cc;
	long i;

	for (i = 0; i < commits; i++) {
		if ((cc = read_commit(r, cache->arena)) == NULL ||
		    strmap_get(&cache->records, cc->id) != NULL)
			return -1;
		strmap_put(&cache->records, cc->id, cc);
		ptrvec_push(cache->arena, &cache->walk, cc);
	}
	if (read_tag(r, 'E') == -1)
		return -1;
	read_line_end(r);
	return r->bad || r->p != r->end ? -1 : 0;
}

/* Whether the cached tip is the new tip or one of its ancestors. */
static int
cache_tip_usable(git_repository *repo, const git_oid *tip,
    const git_oid *old)
{
	return git_oid_equal(old, tip) ||
	    git_graph_descendant_of(repo, tip, old) == 1;
}

/* Reads the whole file into the arena (NUL-terminated); NULL on failure. */
static char *
cache_read_file(struct history_cache *cache, long *size)
{
	char *data;
	FILE *f;

	if ((f = fopen(cache->path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (*size = ftell(f)) <= 0 ||
	    *size > CACHE_MAX_SIZE || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	data = arena_alloc(cache->arena, (size_t)*size + 1);
	if (fread(data, 1, (size_t)*size, f) != (size_t)*size) {
		fclose(f);
		return NULL;
	}
	fclose(f);
	data[*size] = '\0';
	return data;
}

/* Reads the file when its header matches; otherwise starts empty. */
static void
cache_load(struct history_cache *cache, git_repository *repo,
    const git_oid *tip)
{
	struct reader r;
	char header[64], *data;
	const char *prefix, *old_tip;
	long size, complete, commits;

	if ((data = cache_read_file(cache, &size)) == NULL)
		return;
	snprintf(header, sizeof(header), "%s %d\n", CACHE_MAGIC, CACHE_VERSION);
	if (strncmp(data, header, strlen(header)) != 0)
		return;
	r.p = data + strlen(header);
	r.end = data + size;
	r.bad = 0;
	read_tag(&r, 'S');
	prefix = read_string(&r);
	old_tip = read_string(&r);
	complete = read_number(&r);
	commits = read_number(&r);
	read_line_end(&r);
	if (r.bad || prefix == NULL || old_tip == NULL ||
	    strcmp(prefix, cache->prefix) != 0 ||
	    git_oid_fromstr(&cache->read_tip, old_tip) != 0 ||
	    !cache_tip_usable(repo, tip, &cache->read_tip))
		return;		/* rewritten history: start over */
	if (cache_parse(cache, &r, commits) == -1) {
		strmap_init(&cache->records, cache->arena);
		memset(&cache->walk, 0, sizeof(cache->walk));
		return;
	}
	cache->read_complete = complete == 1;
	cache->read_ok = 1;
}

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
	git_oid_cpy(&cache->tip, tip);
	cache->path = xmalloc(strlen(dir) + 64);
	/* One cache file per repository and content directory. */
	sprintf(cache->path, "%s/history-%016llx.cache", dir,
	    name_hash((const char *[]){ git_repository_path(repo), prefix },
	    2));
	strmap_init(&cache->records, arena);
	cache_load(cache, repo, tip);
	return cache;
}

const struct cached_commit *
history_cache_find(struct history_cache *cache, const char *id)
{
	return cache == NULL ? NULL : strmap_get(&cache->records, id);
}

const struct ptrvec *
history_cache_walk_at(struct history_cache *cache, const git_oid *tip)
{
	if (cache == NULL || !cache->read_ok || !cache->read_complete ||
	    !git_oid_equal(&cache->read_tip, tip))
		return NULL;
	return &cache->walk;
}

/* Whether writing would give the file read: same tip, walk and commits. */
static int
cache_unchanged(const struct history_cache *cache, const struct ptrvec *order,
    int complete)
{
	const struct history_commit *hc;
	size_t i;

	if (!cache->read_ok || !git_oid_equal(&cache->read_tip, &cache->tip) ||
	    cache->read_complete != complete || order->len != cache->walk.len)
		return 0;
	for (i = 0; i < order->len; i++) {
		hc = order->items[i];
		if (hc->pending || strcmp(hc->id, ((const struct cached_commit *)
		    cache->walk.items[i])->id) != 0)
			return 0;
	}
	return 1;
}

/* Writes the cache file's bytes to `f`; returns -1 on a write error. */
static int
cache_write(struct history_cache *cache, FILE *f, const struct ptrvec *order,
    const struct ptrvec *raws, int complete)
{
	const struct cached_commit *cc;
	const struct history_commit *hc;
	struct buf b = BUF_INIT;
	char tip[GIT_OID_HEXSZ + 1];
	size_t i;
	int rc = 0;

	git_oid_tostr(tip, sizeof(tip), &cache->tip);
	buf_printf(&b, "%s %d\nS", CACHE_MAGIC, CACHE_VERSION);
	write_string(&b, cache->prefix);
	write_string(&b, tip);
	buf_printf(&b, " %d %zu\n", complete, order->len);
	for (i = 0; i < order->len && rc == 0; i++) {
		hc = order->items[i];
		cc = hc->pending ? NULL : strmap_get(&cache->records, hc->id);
		if (cc != NULL)
			buf_append(&b, cc->record, cc->record_len);
		else
			write_commit(&b, hc, raws->items[i]);
		if (b.len >= 1 << 16) {
			if (fwrite(b.data, 1, b.len, f) != b.len)
				rc = -1;
			buf_reset(&b);
		}
	}
	buf_puts(&b, "E\n");
	if (fwrite(b.data, 1, b.len, f) != b.len)
		rc = -1;
	buf_free(&b);
	return rc;
}

void
history_cache_save(struct history_cache *cache, const struct ptrvec *order,
    const struct ptrvec *raws, int complete)
{
	struct file_replace r;
	char *dir, *slash;
	FILE *f;

	if (cache == NULL || cache_unchanged(cache, order, complete))
		return;
	dir = xstrdup(cache->path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		mkdir_parents(dir);
	}
	free(dir);
	if ((f = file_replace_begin(&r, cache->path)) == NULL) {
		fprintf(stderr, "gongkai: warning: cannot write the history "
		    "cache %s: %s\n", cache->path, strerror(errno));
		return;
	}
	if (file_replace_end(&r, cache_write(cache, f, order, raws, complete)
	    == 0) == -1)
		fprintf(stderr, "gongkai: warning: cannot write the history "
		    "cache %s\n", cache->path);
}

void
history_cache_close(struct history_cache *cache)
{
	if (cache == NULL)
		return;
	free(cache->path);
	free(cache);
}
