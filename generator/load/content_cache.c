/*
 * The content cache (content_cache.h).  A plan's cache file is a header,
 * then one record per file:
 *
 *	header	"gongkai-content-cache 2\n", the program's digest (16 bytes),
 *		the checksum of everything after the header (checksum.h; 8
 *		bytes, then 8 zero bytes)
 *	record	u32 length of the rest, u8 kind ('r' report, 't' task),
 *		string path, stamp (16 bytes), then the kind's fields
 *	string	u32 length (UINT32_MAX for none), the bytes, a NUL
 *
 * Numbers are in this machine's byte order: the cache never leaves it.
 * Strings are used where they lie in the file's bytes, mapped for the
 * build's arena, so a cached body costs no copy.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/buf.h"
#include "../base/checksum.h"
#include "../base/fatal.h"
#include "../base/files.h"
#include "../base/siphash.h"
#include "../base/strmap.h"
#include "content_cache.h"

#define CACHE_MAGIC	"gongkai-content-cache 2\n"
#define MAGIC_LEN	(sizeof(CACHE_MAGIC) - 1)
#define HEADER_LEN	(MAGIC_LEN + 2 * sizeof(struct siphash_digest))
#define MAX_CACHE_SIZE	(256L * 1024 * 1024)
#define NO_STRING	UINT32_MAX
#define MAX_LIST	10000

struct record {
	const char	*start;		/* u32 length, then the rest */
	size_t		 len;		/* all of it */
	int		 used;
	struct record	*next;		/* in the file's order */
};

struct content_cache {
	char			*path;
	struct arena		*arena;
	struct strmap		 records;	/* path → struct record * */
	struct record		*first;		/* records read, in order */
	size_t			 count;
	size_t			 used;		/* of those, still true */
	struct siphash_digest	 program;
	struct buf		 out;		/* records of files parsed */
	int			 update;	/* write the file on closing */
};

/* A reader over one record; `bad` is set on any error. */
struct reader {
	const char	*p;
	const char	*end;
	int		 bad;
};

static void
get(struct reader *r, void *dest, size_t len)
{
	if (r->bad || (size_t)(r->end - r->p) < len) {
		r->bad = 1;
		memset(dest, 0, len);
		return;
	}
	memcpy(dest, r->p, len);
	r->p += len;
}

static uint32_t
get_u32(struct reader *r)
{
	uint32_t v;

	get(r, &v, sizeof(v));
	return v;
}

static int32_t
get_i32(struct reader *r, int32_t lo, int32_t hi)
{
	int32_t v;

	get(r, &v, sizeof(v));
	if (v < lo || v > hi)
		r->bad = 1;
	return v;
}

static double
get_f64(struct reader *r)
{
	double v;

	get(r, &v, sizeof(v));
	return v;
}

static const char *
get_str(struct reader *r)
{
	uint32_t len = get_u32(r);
	const char *s = r->p;

	if (r->bad || len == NO_STRING)
		return NULL;
	if ((size_t)(r->end - r->p) <= len || r->p[len] != '\0') {
		r->bad = 1;
		return NULL;
	}
	r->p += len + 1;
	return s;
}

static void
get_list(struct reader *r, struct arena *arena, struct ptrvec *list)
{
	uint32_t i, n = get_u32(r);
	const char *s;

	memset(list, 0, sizeof(*list));
	if (n > MAX_LIST)
		r->bad = 1;
	for (i = 0; i < n && !r->bad; i++)
		if ((s = get_str(r)) != NULL)
			ptrvec_push(arena, list, (void *)s);
		else
			r->bad = 1;
}

static void
get_date(struct reader *r, struct date *date)
{
	date->year = get_i32(r, 0, 9999);
	date->month = get_i32(r, 0, 12);
	date->day = get_i32(r, 0, 31);
}

static void
get_pos(struct reader *r, const char *shown, struct pos *pos)
{
	pos->path = shown;
	pos->line = get_u32(r);
	pos->col = get_u32(r);
}

static void
put(struct buf *b, const void *data, size_t len)
{
	buf_append(b, data, len);
}

static void
put_u32(struct buf *b, uint32_t v)
{
	put(b, &v, sizeof(v));
}

static void
put_i32(struct buf *b, int32_t v)
{
	put(b, &v, sizeof(v));
}

static void
put_f64(struct buf *b, double v)
{
	put(b, &v, sizeof(v));
}

static void
put_str(struct buf *b, const char *s)
{
	size_t len;

	if (s == NULL) {
		put_u32(b, NO_STRING);
		return;
	}
	len = strlen(s);
	put_u32(b, (uint32_t)len);
	put(b, s, len + 1);
}

static void
put_list(struct buf *b, const struct ptrvec *list)
{
	size_t i;

	put_u32(b, (uint32_t)list->len);
	for (i = 0; i < list->len; i++)
		put_str(b, list->items[i]);
}

static void
put_date(struct buf *b, const struct date *date)
{
	put_i32(b, date->year);
	put_i32(b, date->month);
	put_i32(b, date->day);
}

static void
put_pos(struct buf *b, const struct pos *pos)
{
	put_u32(b, (uint32_t)pos->line);
	put_u32(b, (uint32_t)pos->col);
}

/* The header's checksum slot for the bytes after the header. */
static void
checksum_slot(const char *data, size_t len, uint64_t slot[2])
{
	struct checksum c;

	checksum_init(&c);
	checksum_update(&c, data, len);
	slot[0] = checksum_final(&c);
	slot[1] = 0;
}

/*
 * Maps the whole file for the arena's life; NULL when it is not usable.
 * Cache files are replaced by renaming, never shortened in place.
 */
static const char *
cache_read_file(const char *path, struct arena *arena, size_t *len)
{
	const char *data = NULL;
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= (off_t)HEADER_LEN && st.st_size <= MAX_CACHE_SIZE &&
	    (data = arena_map(arena, fd, (size_t)st.st_size)) != NULL)
		*len = (size_t)st.st_size;
	close(fd);
	return data;
}

/* Indexes the records of a file that passed its checks. */
static void
cache_index(struct content_cache *c, const char *data, size_t len)
{
	struct reader r = { data + HEADER_LEN, data + len, 0 };
	struct record *record, **tail = &c->first;
	struct reader rec;
	const char *path;
	uint32_t size;

	while (r.p < r.end) {
		size = get_u32(&r);
		if (r.bad || size < 1 || (size_t)(r.end - r.p) < size)
			return;
		rec = (struct reader){ r.p + 1, r.p + size, 0 };  /* kind */
		if ((path = get_str(&rec)) == NULL)
			return;
		record = arena_alloc(c->arena, sizeof(*record));
		record->start = r.p - sizeof(size);
		record->len = sizeof(size) + size;
		record->used = 0;
		record->next = NULL;
		*tail = record;
		tail = &record->next;
		strmap_put(&c->records, path, record);
		c->count++;
		r.p += size;
	}
}

struct content_cache *
content_cache_open(const char *dir, const char *plan_id, int update,
    struct arena *arena)
{
	struct content_cache *c;
	uint64_t sum[2];
	const char *data;
	size_t len;

	if (dir == NULL)
		return NULL;
	c = xmalloc(sizeof(*c));
	memset(c, 0, sizeof(*c));
	if (program_digest(&c->program) == -1) {
		free(c);
		return NULL;
	}
	c->path = xstrdup(arena_printf(arena, "%s/%s.cache", dir, plan_id));
	c->arena = arena;
	c->update = update;
	strmap_init(&c->records, arena);
	if ((data = cache_read_file(c->path, arena, &len)) == NULL ||
	    memcmp(data, CACHE_MAGIC, MAGIC_LEN) != 0 ||
	    memcmp(data + MAGIC_LEN, &c->program, sizeof(c->program)) != 0)
		return c;
	checksum_slot(data + HEADER_LEN, len - HEADER_LEN, sum);
	if (memcmp(data + MAGIC_LEN + sizeof(c->program), sum, sizeof(sum))
	    == 0)
		cache_index(c, data, len);
	return c;
}

/*
 * Finds `rel` of `kind` with `stamp` and starts a reader on its fields;
 * NULL when the cache does not hold it.
 */
static struct record *
cache_find(struct content_cache *c, const char *rel, char kind,
    const struct source_stamp *stamp, struct reader *r)
{
	struct record *record;
	uint64_t w[2];

	if (c == NULL || !stamp->valid ||
	    (record = strmap_get(&c->records, rel)) == NULL || record->used)
		return NULL;
	*r = (struct reader){ record->start + sizeof(uint32_t),
	    record->start + record->len, 0 };
	if (*r->p++ != kind)
		return NULL;
	(void)get_str(r);
	get(r, w, sizeof(w));
	if (r->bad || w[0] != stamp->w[0] || w[1] != stamp->w[1])
		return NULL;
	return record;
}

/* Keeps a record read from the old file for the next one. */
static int
cache_hit(struct content_cache *c, struct record *record,
    const struct reader *r)
{
	if (r->bad || r->p != r->end)
		return 0;
	record->used = 1;
	c->used++;
	return 1;
}

int
content_cache_report(struct content_cache *c, const char *rel,
    const struct source_stamp *stamp, const char *shown,
    struct report *report)
{
	struct measurement *m;
	struct record *record;
	struct reader r;
	uint32_t i, n;

	if ((record = cache_find(c, rel, 'r', stamp, &r)) == NULL)
		return 0;
	get_date(&r, &report->date);
	report->status = get_i32(&r, STATUS_NONE, STATUS_DELAYED);
	report->percent = get_f64(&r);
	report->reporter = get_str(&r);
	n = get_u32(&r);
	if (n > MAX_LIST)
		r.bad = 1;
	memset(&report->values, 0, sizeof(report->values));
	for (i = 0; i < n && !r.bad; i++) {
		m = arena_calloc(c->arena, 1, sizeof(*m));
		m->indicator_id = get_str(&r);
		m->value = get_f64(&r);
		get_pos(&r, shown, &m->pos);
		if (m->indicator_id == NULL)
			r.bad = 1;
		ptrvec_push(c->arena, &report->values, m);
	}
	report->disclosure = get_i32(&r, DISCLOSURE_UNSET,
	    DISCLOSURE_INTERNAL);
	report->body = get_str(&r);
	report->body_line = get_u32(&r);
	if (report->body == NULL)
		r.bad = 1;
	return cache_hit(c, record, &r);
}

int
content_cache_task(struct content_cache *c, const char *rel,
    const struct source_stamp *stamp, const char *shown, struct task *task)
{
	struct record *record;
	struct reader r;
	int64_t number;

	if ((record = cache_find(c, rel, 't', stamp, &r)) == NULL)
		return 0;
	get(&r, &number, sizeof(number));
	task->number = (long)number;
	task->title = get_str(&r);
	task->section_id = get_str(&r);
	get_list(&r, c->arena, &task->lead);
	get_list(&r, c->arena, &task->support);
	task->units_text = get_str(&r);
	task->deadline.kind = get_i32(&r, DEADLINE_NONE, DEADLINE_ONGOING);
	get_date(&r, &task->deadline.last_day);
	task->deadline.text = get_str(&r);
	get_list(&r, c->arena, &task->implements_refs);
	task->disclosure = get_i32(&r, DISCLOSURE_UNSET, DISCLOSURE_INTERNAL);
	task->body = get_str(&r);
	get_pos(&r, shown, &task->number_pos);
	get_pos(&r, shown, &task->section_pos);
	get_pos(&r, shown, &task->implements_pos);
	if (task->title == NULL || task->body == NULL)
		r.bad = 1;
	return cache_hit(c, record, &r);
}

/* Starts a new record; returns where its length goes. */
static size_t
record_begin(struct content_cache *c, char kind, const char *rel,
    const struct source_stamp *stamp)
{
	size_t at = c->out.len;

	put_u32(&c->out, 0);
	put(&c->out, &kind, 1);
	put_str(&c->out, rel);
	put(&c->out, stamp->w, sizeof(stamp->w));
	return at;
}

static void
record_end(struct content_cache *c, size_t at)
{
	uint32_t size = (uint32_t)(c->out.len - at - sizeof(size));

	memcpy(c->out.data + at, &size, sizeof(size));
}

void
content_cache_keep_report(struct content_cache *c, const char *rel,
    const struct source_stamp *stamp, const struct report *report)
{
	const struct measurement *m;
	size_t at, i;

	if (c == NULL || !c->update || !stamp->valid)
		return;
	at = record_begin(c, 'r', rel, stamp);
	put_date(&c->out, &report->date);
	put_i32(&c->out, report->status);
	put_f64(&c->out, report->percent);
	put_str(&c->out, report->reporter);
	put_u32(&c->out, (uint32_t)report->values.len);
	for (i = 0; i < report->values.len; i++) {
		m = report->values.items[i];
		put_str(&c->out, m->indicator_id);
		put_f64(&c->out, m->value);
		put_pos(&c->out, &m->pos);
	}
	put_i32(&c->out, report->disclosure);
	put_str(&c->out, report->body);
	put_u32(&c->out, (uint32_t)report->body_line);
	record_end(c, at);
}

void
content_cache_keep_task(struct content_cache *c, const char *rel,
    const struct source_stamp *stamp, const struct task *task)
{
	int64_t number;
	size_t at;

	if (c == NULL || !c->update || !stamp->valid)
		return;
	at = record_begin(c, 't', rel, stamp);
	number = task->number;
	put(&c->out, &number, sizeof(number));
	put_str(&c->out, task->title);
	put_str(&c->out, task->section_id);
	put_list(&c->out, &task->lead);
	put_list(&c->out, &task->support);
	put_str(&c->out, task->units_text);
	put_i32(&c->out, task->deadline.kind);
	put_date(&c->out, &task->deadline.last_day);
	put_str(&c->out, task->deadline.text);
	put_list(&c->out, &task->implements_refs);
	put_i32(&c->out, task->disclosure);
	put_str(&c->out, task->body);
	put_pos(&c->out, &task->number_pos);
	put_pos(&c->out, &task->section_pos);
	put_pos(&c->out, &task->implements_pos);
	record_end(c, at);
}

/*
 * Writes the next file, the records still true and those of the files
 * parsed again, beside the old one and renames it over it.
 */
static void
cache_write(struct content_cache *c)
{
	const struct record *record;
	struct checksum sum;
	uint64_t slot[2];
	struct file_replace r;
	FILE *f;
	int ok;

	checksum_init(&sum);
	for (record = c->first; record != NULL; record = record->next)
		if (record->used)
			checksum_update(&sum, record->start, record->len);
	if (c->out.len > 0)
		checksum_update(&sum, c->out.data, c->out.len);
	slot[0] = checksum_final(&sum);
	slot[1] = 0;
	if ((f = file_replace_begin(&r, c->path)) == NULL)
		return;
	ok = fwrite(CACHE_MAGIC, 1, MAGIC_LEN, f) == MAGIC_LEN &&
	    fwrite(&c->program, sizeof(c->program), 1, f) == 1 &&
	    fwrite(slot, sizeof(slot), 1, f) == 1;
	for (record = c->first; record != NULL && ok; record = record->next)
		if (record->used)
			ok = fwrite(record->start, 1, record->len, f) ==
			    record->len;
	if (ok && c->out.len > 0)
		ok = fwrite(c->out.data, 1, c->out.len, f) == c->out.len;
	file_replace_end(&r, ok);
}

void
content_cache_close(struct content_cache *c)
{
	if (c == NULL)
		return;
	if (c->update && (c->out.len > 0 || c->used != c->count))
		cache_write(c);
	buf_free(&c->out);
	free(c->path);
	free(c);
}
