/* Diagnostics: collected, sorted by position, printed once. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fatal.h"

struct diag {
	char		*path;		/* NULL when the message has no file */
	size_t		 line;
	size_t		 col;
	size_t		 seq;		/* order of arrival, for stable sort */
	enum diag_level	 level;
	char		*text;
};

/* Files are loaded on several threads; messages are added under a lock. */
static pthread_mutex_t	 diag_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int quiet;		/* this thread's diag_quiet depth */
static _Thread_local size_t reported;	/* messages this thread reported */
static struct diag	*diags;
static size_t		 ndiags, capdiags, nerrors;

static void
diag_add(enum diag_level level, const struct pos *pos, const char *fmt,
    va_list ap)
{
	struct buf b = BUF_INIT;
	struct diag *d;
	va_list copy;
	int len;

	reported++;
	if (quiet > 0)
		return;
	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (len < 0)
		return;
	b.data = xmalloc((size_t)len + 1);
	vsnprintf(b.data, (size_t)len + 1, fmt, ap);
	pthread_mutex_lock(&diag_lock);
	if (ndiags == capdiags) {
		capdiags = capdiags ? capdiags * 2 : 32;
		diags = xrealloc(diags, capdiags * sizeof(*diags));
	}
	d = &diags[ndiags];
	d->path = pos && pos->path ? xstrdup(pos->path) : NULL;
	d->line = pos ? pos->line : 0;
	d->col = pos ? pos->col : 0;
	d->seq = ndiags++;
	d->level = level;
	d->text = b.data;
	if (level == DIAG_ERROR)
		nerrors++;
	pthread_mutex_unlock(&diag_lock);
}

void
diag_error(const struct pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
}

void
diag_warning(const struct pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(DIAG_WARNING, pos, fmt, ap);
	va_end(ap);
}

size_t
diag_error_count(void)
{
	return nerrors;
}

size_t
diag_thread_count(void)
{
	return reported;
}

/* Orders by path (messages without one first), line, column, arrival. */
static int
diag_compare(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c;

	if (x->path == NULL || y->path == NULL)
		c = (x->path != NULL) - (y->path != NULL);
	else
		c = strcmp(x->path, y->path);
	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diag_report(void)
{
	static const char *const names[] = { "warning", "error" };
	size_t i;

	if (ndiags > 1)		/* diags is NULL when nothing was collected */
		qsort(diags, ndiags, sizeof(*diags), diag_compare);
	for (i = 0; i < ndiags; i++) {
		if (diags[i].path != NULL)
			fprintf(stderr, "%s:%zu:%zu: ", diags[i].path,
			    diags[i].line + 1, diags[i].col + 1);
		else
			fputs("gongkai: ", stderr);
		fprintf(stderr, "%s: %s\n", names[diags[i].level],
		    diags[i].text);
	}
	if (nerrors > 0)
		fprintf(stderr, "gongkai: %zu error%s, nothing written\n",
		    nerrors, nerrors == 1 ? "" : "s");
	diag_reset();
}

void
diag_reset(void)
{
	size_t i;

	for (i = 0; i < ndiags; i++) {
		free(diags[i].path);
		free(diags[i].text);
	}
	free(diags);
	diags = NULL;
	ndiags = capdiags = nerrors = 0;
}

void
diag_quiet(int on)
{
	quiet += on ? 1 : -1;
}
