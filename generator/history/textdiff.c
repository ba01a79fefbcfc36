/*
 * Character and line differences: split both texts into tokens, number
 * the distinct ones, trim the common prefix and suffix, run Myers' O(ND)
 * algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) on
 * the middle within a work budget, then turn the common runs into
 * segments.  Scratch memory comes from a private arena freed before
 * returning.
 */
#include <stdint.h>
#include <string.h>

#include "../base/arena.h"
#include "textdiff.h"

/* How many slots a token may probe before it gets a number of its own. */
#define INTERN_PROBES	64

/* A character or a line, pointing into the caller's text. */
struct token {
	const char	*text;
	size_t		 len;		/* without the line end */
	uint32_t	 hash;
	size_t		 id;		/* equal tokens, equal ids */
};

struct tokens {
	struct token	*items;
	size_t		 count;
};

/* A run of `len` tokens equal in both texts, starting at x and y. */
struct match {
	size_t		 x;
	size_t		 y;
	size_t		 len;
};

/*
 * One step of Myers' search: after d edits, the furthest x reached on
 * diagonal k = x - y, for k in lo, lo + 2, ..., hi, is v[(k - lo) / 2].
 */
struct myers_row {
	int	 lo;
	int	 hi;
	int	 v[];
};

/* The search over the changed middles a[0..n) and b[0..m). */
struct myers {
	const struct token	*a;
	const struct token	*b;
	int			 n;
	int			 m;
	struct ptrvec		 rows;	/* of struct myers_row *, one per d */
	size_t			 work;
	int			 end_k;	/* the diagonal that reached (n, m) */
};

/* Everything one diff needs until the segments are made. */
struct textdiff_run {
	struct arena	 scratch;
	struct tokens	 before;
	struct tokens	 after;
	struct ptrvec	 matches;	/* of struct match *, in order */
};

/* Returns how many bytes to skip for a token; `*len` gets its length. */
typedef size_t	(*token_next_fn)(const char *, size_t *);

/* FNV-1a, to place tokens in the numbering table. */
static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/*
 * The next character: a lead byte and the continuation bytes it calls
 * for.  A byte that cannot start a sequence, or a sequence cut short,
 * stops early, so a well-formed character is never split or joined.
 */
static size_t
token_next_char(const char *s, size_t *len)
{
	unsigned char c = (unsigned char)s[0];
	size_t want, n = 1;

	want = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf8 ? 4 : 1;
	while (n < want && ((unsigned char)s[n] & 0xc0) == 0x80)
		n++;
	*len = n;
	return n;
}

/* The next line: up to "\n" or the end, without "\r\n" or "\n". */
static size_t
token_next_line(const char *s, size_t *len)
{
	const char *nl = strchr(s, '\n');

	if (nl == NULL) {
		*len = strlen(s);
		return *len;
	}
	*len = (size_t)(nl - s);
	if (*len > 0 && nl[-1] == '\r')
		(*len)--;
	return (size_t)(nl - s) + 1;
}

/* Splits `s` into tokens in the arena: one pass to count, one to fill. */
static void
tokens_split(struct arena *arena, const char *s, token_next_fn next,
    struct tokens *out)
{
	const char *p;
	size_t len, i = 0;

	out->count = 0;
	for (p = s; *p != '\0'; p += next(p, &len))
		out->count++;
	out->items = arena_calloc(arena, out->count ? out->count : 1,
	    sizeof(*out->items));
	for (p = s; *p != '\0'; p += next(p, &len), i++) {
		out->items[i].text = p;
		next(p, &out->items[i].len);
		out->items[i].hash = hash_bytes(p, out->items[i].len);
	}
}

static int
token_same_bytes(const struct token *a, const struct token *b)
{
	return a->hash == b->hash && a->len == b->len &&
	    memcmp(a->text, b->text, a->len) == 0;
}

/*
 * Gives `t` the id of the first token with its bytes, or a new one.  A
 * token that probes more than INTERN_PROBES slots (crafted hash
 * collisions) gets a new id even if its bytes were seen: it then matches
 * nothing, which costs minimality, never correctness, and keeps the
 * numbering linear.
 */
static void
token_intern(const struct token **slots, size_t mask, struct token *t,
    size_t *next_id)
{
	size_t i = t->hash & mask, probes;

	for (probes = 0; probes < INTERN_PROBES; probes++) {
		if (slots[i] == NULL) {
			slots[i] = t;
			break;
		}
		if (token_same_bytes(slots[i], t)) {
			t->id = slots[i]->id;
			return;
		}
		i = (i + 1) & mask;
	}
	t->id = (*next_id)++;
}

/* Numbers the tokens of both texts, so that comparing is one test. */
static void
tokens_intern(struct arena *arena, struct tokens *a, struct tokens *b)
{
	const struct token **slots;
	size_t size = 16, id = 0, i;

	while (size < 2 * (a->count + b->count))
		size *= 2;
	slots = arena_calloc(arena, size, sizeof(*slots));
	for (i = 0; i < a->count; i++)
		token_intern(slots, size - 1, &a->items[i], &id);
	for (i = 0; i < b->count; i++)
		token_intern(slots, size - 1, &b->items[i], &id);
}

static int
token_equal(const struct token *a, const struct token *b)
{
	return a->id == b->id;
}

/* Appends a run, joining it to the previous one when they touch. */
static void
matches_push(struct arena *arena, struct ptrvec *matches, size_t x,
    size_t y, size_t len)
{
	struct match *last, *mt;

	if (len == 0)
		return;
	if (matches->len > 0) {
		last = matches->items[matches->len - 1];
		if (last->x + last->len == x && last->y + last->len == y) {
			last->len += len;
			return;
		}
	}
	mt = arena_alloc(arena, sizeof(*mt));
	mt->x = x;
	mt->y = y;
	mt->len = len;
	ptrvec_push(arena, matches, mt);
}

/* The lowest diagonal worth visiting after d edits: k >= -m, k = d mod 2. */
static int
myers_lo(const struct myers *my, int d)
{
	return d <= my->m ? -d : -my->m + ((d + my->m) & 1);
}

static int
myers_hi(const struct myers *my, int d)
{
	return d <= my->n ? d : my->n - ((d + my->n) & 1);
}

static const struct myers_row *
myers_row(const struct myers *my, int d)
{
	return my->rows.items[d];
}

static int
myers_get(const struct myers *my, int d, int k)
{
	const struct myers_row *row = myers_row(my, d);

	return row->v[(k - row->lo) / 2];
}

/*
 * The diagonal, k - 1 or k + 1, from which diagonal k is best reached
 * after d > 0 edits: the one that got further, deletions winning ties.
 * Forward search and backtracking must agree, so both ask here.
 */
static int
myers_prev(const struct myers *my, int d, int k)
{
	if (k + 1 > myers_row(my, d - 1)->hi)
		return k - 1;
	if (k - 1 < myers_row(my, d - 1)->lo)
		return k + 1;
	return myers_get(my, d - 1, k - 1) < myers_get(my, d - 1, k + 1) ?
	    k + 1 : k - 1;
}

/* The first x on diagonal k after d edits, before following matches. */
static int
myers_start(const struct myers *my, int d, int k)
{
	int pk;

	if (d == 0)
		return 0;
	pk = myers_prev(my, d, k);
	return myers_get(my, d - 1, pk) + (pk == k - 1);
}

/*
 * Extends every diagonal by one more edit, then along equal tokens.
 * Returns 1 when (n, m) is reached, with the diagonal in end_k, 0 when
 * not yet, or -1 when over the budget.
 */
static int
myers_step(struct arena *arena, struct myers *my, int d)
{
	struct myers_row *row;
	int k, lo = myers_lo(my, d), hi = myers_hi(my, d), start, x, y;

	row = arena_alloc(arena, sizeof(*row) +
	    (size_t)((hi - lo) / 2 + 1) * sizeof(row->v[0]));
	row->lo = lo;
	row->hi = hi;
	ptrvec_push(arena, &my->rows, row);
	for (k = lo; k <= hi; k += 2) {
		x = start = myers_start(my, d, k);
		y = x - k;
		while (x < my->n && y < my->m &&
		    token_equal(&my->a[x], &my->b[y])) {
			x++;
			y++;
		}
		my->work += 1 + (size_t)(x - start);
		row->v[(k - lo) / 2] = x;
		if (x >= my->n && y >= my->m) {
			my->end_k = k;
			return 1;
		}
		if (my->work > TEXTDIFF_MAX_WORK)
			return -1;
	}
	return 0;
}

/*
 * Walks back from (n, m) after `dmax` edits: runs[d] gets the equal
 * tokens followed after edit d, shifted by (x0, y0); some are empty.
 */
static void
myers_backtrack(const struct myers *my, int dmax, size_t x0, size_t y0,
    struct match *runs)
{
	int d, k = my->end_k, x = my->n, start;

	for (d = dmax; d >= 0; d--) {
		start = myers_start(my, d, k);
		runs[d].x = x0 + (size_t)start;
		runs[d].y = y0 + (size_t)(start - k);
		runs[d].len = (size_t)(x - start);
		if (d > 0) {
			k = myers_prev(my, d, k);
			x = myers_get(my, d - 1, k);
		}
	}
}

/*
 * Diffs the middles a[x0..x0+n) and b[y0..y0+m), appending their equal
 * runs to the run's matches.  Returns 0, or -1 when over the budget.
 */
static int
myers_diff(struct textdiff_run *run, size_t x0, size_t y0, size_t n,
    size_t m)
{
	struct myers my;
	struct match *runs;
	int d, i, found = 0;

	if (n > TEXTDIFF_MAX_WORK || m > TEXTDIFF_MAX_WORK)
		return -1;	/* every token costs a step at least */
	memset(&my, 0, sizeof(my));
	my.a = run->before.items + x0;
	my.b = run->after.items + y0;
	my.n = (int)n;
	my.m = (int)m;
	for (d = 0; found == 0; d++)
		found = myers_step(&run->scratch, &my, d);
	if (found < 0)
		return -1;
	runs = arena_calloc(&run->scratch, (size_t)d, sizeof(*runs));
	myers_backtrack(&my, d - 1, x0, y0, runs);
	for (i = 0; i < d; i++)
		matches_push(&run->scratch, &run->matches, runs[i].x,
		    runs[i].y, runs[i].len);
	return 0;
}

/* Counts the tokens the two texts share at their start and at their end. */
static void
tokens_trim(const struct tokens *before, const struct tokens *after,
    size_t *head, size_t *tail)
{
	const struct token *a = before->items, *b = after->items;
	size_t n = before->count, m = after->count;

	*head = *tail = 0;
	while (*head < n && *head < m && token_equal(&a[*head], &b[*head]))
		(*head)++;
	while (*tail < n - *head && *tail < m - *head &&
	    token_equal(&a[n - 1 - *tail], &b[m - 1 - *tail]))
		(*tail)++;
}

/*
 * Tokenizes both texts and finds their equal runs, in order, ending the
 * list with an empty run at the two ends (n, m).  Returns 0, or 1 when
 * the changed middle was over budget and has no runs.
 */
static int
textdiff_run_prepare(struct textdiff_run *run, const char *before,
    const char *after, token_next_fn next)
{
	size_t n, m, head, tail;
	struct match *end;
	int rc = 0;

	arena_init(&run->scratch);
	memset(&run->matches, 0, sizeof(run->matches));
	tokens_split(&run->scratch, before ? before : "", next, &run->before);
	tokens_split(&run->scratch, after ? after : "", next, &run->after);
	tokens_intern(&run->scratch, &run->before, &run->after);
	tokens_trim(&run->before, &run->after, &head, &tail);
	n = run->before.count;
	m = run->after.count;
	matches_push(&run->scratch, &run->matches, 0, 0, head);
	if (head + tail < n && head + tail < m &&
	    myers_diff(run, head, head, n - head - tail, m - head - tail) < 0)
		rc = 1;
	matches_push(&run->scratch, &run->matches, n - tail, m - tail, tail);
	end = arena_calloc(&run->scratch, 1, sizeof(*end));
	end->x = n;
	end->y = m;
	ptrvec_push(&run->scratch, &run->matches, end);
	return rc;
}

static void
segment_push(struct arena *arena, struct ptrvec *out, enum textdiff_op op,
    const char *text, size_t len)
{
	struct textdiff_segment *seg = arena_alloc(arena, sizeof(*seg));

	seg->op = op;
	seg->text = text != NULL ? arena_strndup(arena, text, len) : NULL;
	seg->len = len;
	ptrvec_push(arena, out, seg);
}

/* Pushes tokens [from, to) as one segment: characters lie side by side. */
static void
segment_push_chars(struct arena *arena, struct ptrvec *out,
    enum textdiff_op op, const struct tokens *t, size_t from, size_t to)
{
	const struct token *first, *last;

	if (from >= to)
		return;
	first = &t->items[from];
	last = &t->items[to - 1];
	segment_push(arena, out, op, first->text,
	    (size_t)(last->text - first->text) + last->len);
}

/* Pushes lines [from, to), one segment each. */
static void
segment_push_lines(struct arena *arena, struct ptrvec *out,
    enum textdiff_op op, const struct tokens *t, size_t from, size_t to)
{
	for (; from < to; from++)
		segment_push(arena, out, op, t->items[from].text,
		    t->items[from].len);
}

/*
 * Pushes the unchanged lines of `mt`, keeping `context` of them next to
 * each change and collapsing the rest; a run at either end of the texts
 * has a change on one side only.
 */
static void
segment_push_unchanged(struct arena *arena, struct ptrvec *out,
    const struct textdiff_run *run, const struct match *mt, int context)
{
	size_t keep = context < 0 ? 0 : (size_t)context, head, tail;
	int first = mt->x == 0 && mt->y == 0;
	int last = mt->x + mt->len == run->before.count &&
	    mt->y + mt->len == run->after.count;

	head = first ? 0 : keep;
	tail = last ? 0 : keep;
	if (context < 0 || mt->len <= head + tail) {
		segment_push_lines(arena, out, TEXTDIFF_EQUAL, &run->before,
		    mt->x, mt->x + mt->len);
		return;
	}
	segment_push_lines(arena, out, TEXTDIFF_EQUAL, &run->before,
	    mt->x, mt->x + head);
	segment_push(arena, out, TEXTDIFF_EQUAL, NULL, mt->len - head - tail);
	segment_push_lines(arena, out, TEXTDIFF_EQUAL, &run->before,
	    mt->x + mt->len - tail, mt->x + mt->len);
}

int
textdiff_chars(struct arena *arena, const char *before, const char *after,
    struct ptrvec *out)
{
	struct textdiff_run run;
	const struct match *mt;
	size_t i, x = 0, y = 0;
	int rc;

	rc = textdiff_run_prepare(&run, before, after, token_next_char);
	for (i = 0; i < run.matches.len; i++) {
		mt = run.matches.items[i];
		segment_push_chars(arena, out, TEXTDIFF_DELETE, &run.before,
		    x, mt->x);
		segment_push_chars(arena, out, TEXTDIFF_INSERT, &run.after,
		    y, mt->y);
		segment_push_chars(arena, out, TEXTDIFF_EQUAL, &run.before,
		    mt->x, mt->x + mt->len);
		x = mt->x + mt->len;
		y = mt->y + mt->len;
	}
	arena_free(&run.scratch);
	return rc;
}

int
textdiff_lines(struct arena *arena, const char *before, const char *after,
    int context, struct ptrvec *out)
{
	struct textdiff_run run;
	const struct match *mt;
	size_t i, x = 0, y = 0;
	int rc;

	rc = textdiff_run_prepare(&run, before, after, token_next_line);
	for (i = 0; i < run.matches.len; i++) {
		mt = run.matches.items[i];
		segment_push_lines(arena, out, TEXTDIFF_DELETE, &run.before,
		    x, mt->x);
		segment_push_lines(arena, out, TEXTDIFF_INSERT, &run.after,
		    y, mt->y);
		if (mt->len > 0)
			segment_push_unchanged(arena, out, &run, mt, context);
		x = mt->x + mt->len;
		y = mt->y + mt->len;
	}
	arena_free(&run.scratch);
	return rc;
}
