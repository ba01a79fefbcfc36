/*
 * Mustache templates: parse the source once into a tree kept in an arena,
 * then render that tree for every page.  Implements the Mustache spec's
 * comments, delimiters, interpolation, sections, inverted, partials and
 * ~inheritance modules; lambdas and dynamic names are not supported.
 *
 * Usage:
 *
 *	engine = mustache_engine_new(arena, load, ctx);
 *	page = mustache_engine_load(engine, "page", &err);
 *	for each page:
 *		mustache_render(engine, page, view, &out, &err);
 *
 * Beyond the spec, a dotted name may index a list: {{#items.0}} is the
 * first item, so "{{#items.0}}<ul>…</ul>{{/items.0}}" wraps a non-empty list.
 *
 * {{x}} escapes & < > " ' as &amp; &lt; &gt; &quot; &#39;; {{{x}}} and
 * {{&x}} do not.  Numbers are written by value_format_number, booleans as
 * "true" and "false"; null, missing names, lists and maps as nothing.
 */
#ifndef GONGKAI_MUSTACHE_H
#define GONGKAI_MUSTACHE_H

#include <stddef.h>

struct arena;
struct buf;
struct value;

/* Deepest nesting of partials, parents and blocks while rendering. */
#define MUSTACHE_MAX_DEPTH	64
/* Deepest nesting of sections, parents and blocks inside one template. */
#define MUSTACHE_MAX_NESTING	100

/*
 * What went wrong and where.  `msg` is a plain sentence without the
 * position.  `name` is the name of the template holding the error (for an
 * error inside a partial, the partial's name); it points into the arena
 * given to mustache_parse or mustache_engine_new.  `line` and `col` are
 * 1-based, counting bytes; both are 0 when the error has no position (a
 * template the loader does not have).
 */
struct mustache_error {
	char		 msg[256];
	const char	*name;
	size_t		 line;
	size_t		 col;
};

struct mustache_template;	/* a parsed template, read-only once built */
struct mustache_engine;		/* the template loader and parsed templates */

/*
 * Returns the source of the named template and stores its length in *len,
 * or returns NULL when there is no such template.  The text is copied, so
 * it needs to last only until the next call.
 */
typedef const char *mustache_load_fn(void *ctx, const char *name,
		    size_t *len);

/*
 * Parses `len` bytes of template source into a tree allocated in `arena`
 * (the source is copied).  Returns NULL and fills `err` on an unclosed
 * tag, an unclosed or mismatched section, a bad set-delimiter tag, an
 * empty tag name or nesting deeper than MUSTACHE_MAX_NESTING.
 */
struct mustache_template *mustache_parse(struct arena *, const char *name,
		    const char *src, size_t len, struct mustache_error *);

/*
 * Returns an engine whose partials and parents come from `load` (which may
 * be NULL: no partials).  Everything it holds lives in `arena`; there is
 * nothing to free but the arena.  Each template is loaded and parsed once.
 */
struct mustache_engine *mustache_engine_new(struct arena *,
		    mustache_load_fn *load, void *ctx);

/*
 * Returns the named template through the engine's loader and cache.
 * Returns NULL and fills `err` when the loader has no such template or it
 * does not parse.
 */
const struct mustache_template *mustache_engine_load(struct mustache_engine *,
		    const char *name, struct mustache_error *);

/*
 * Renders the template against `context` (may be NULL), appending to
 * `out`.  A missing partial renders as nothing.  Returns 0, or -1 with
 * `err` filled when a partial does not parse or partials, parents and
 * blocks nest deeper than MUSTACHE_MAX_DEPTH; `out` then holds the output
 * written so far.
 */
int		 mustache_render(struct mustache_engine *,
		    const struct mustache_template *, const struct value *context,
		    struct buf *out, struct mustache_error *);

#endif
