/*
 * View-model values: the maps, lists, strings, numbers and booleans that
 * templates render and that the site publishes as JSON open data.  All
 * values live in an arena; maps keep insertion order so output is stable.
 */
#ifndef GONGKAI_VALUE_H
#define GONGKAI_VALUE_H

#include <stddef.h>

#include "../base/siphash.h"

struct arena;

enum value_kind {
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_NUMBER,
	VALUE_STRING,
	VALUE_LIST,
	VALUE_MAP,
	VALUE_MARKDOWN,		/* Markdown, rendered to HTML on first use */
	VALUE_SHARED,		/* a shared sub-view, built on first use */
};

/* Renders Markdown to HTML; `prefix` goes before relative link targets. */
typedef const char *(*value_markdown_fn)(void *ctx, const char *markdown,
    const char *prefix);

/* Builds the sub-view of `object` in `arena`. */
typedef struct value *(*value_build_fn)(const void *ctx, struct arena *,
    const void *object);

/* How the shared sub-views of one kind are built. */
struct value_recipe {
	value_build_fn	 build;
	const void	*ctx;
};

/*
 * A sub-view that many pages show (a change, a task's row), made by a
 * recipe from `object` alone: the same on every page.  Its digest is
 * computed once per build (value_shared_digest); pages hold VALUE_SHARED
 * references to it, which hash as that digest and build the sub-view in
 * the page's arena only when the page is rendered or published.  Until
 * there is a digest ({0, 0}), they hash as what they stand for.
 */
struct value_shared {
	const struct value_recipe	*recipe;
	const void			*object;
	struct siphash_digest		 digest;
};

struct value {
	enum value_kind	 kind;
	const char	*key;		/* the key when this is a map member;
					   NULL: its members are the map's */
	struct value	*next;		/* next member of the parent list/map */
	union {
		int		 boolean;
		double		 number;
		struct {
			const char	*ptr;	/* NUL-terminated */
			size_t		 len;
		} string;
		struct {
			struct value	*first;
			struct value	*last;
			size_t		 count;
		} children;		/* VALUE_LIST and VALUE_MAP */
		struct {
			const char		*source;
			const char		*prefix;
			value_markdown_fn	 render;
			void			*ctx;
			const char		*html;	/* once rendered */
		} markdown;
		struct {
			const struct value_shared *shared;
			struct arena		*arena;	/* the page's */
			struct value		*built;	/* once built */
		} shared;
	} u;
};

struct value	*value_null(struct arena *);
struct value	*value_bool(struct arena *, int);
struct value	*value_number(struct arena *, double);
struct value	*value_string(struct arena *, const char *);	/* copies */
struct value	*value_stringn(struct arena *, const char *, size_t);
struct value	*value_string_ref(struct arena *, const char *); /* no copy */
/*
 * Markdown that becomes HTML only when a template prints it, so that a
 * page that need not be rendered again costs no Markdown rendering.
 */
struct value	*value_markdown(struct arena *, const char *source,
		    const char *prefix, value_markdown_fn, void *ctx);
struct value	*value_list(struct arena *);
struct value	*value_map(struct arena *);
/*
 * A reference to a shared sub-view, built in `arena` when first used.
 * Every reader sees through it (value_deref): lookups, truthiness, text,
 * JSON and templates give what they would for the sub-view itself.
 */
struct value	*value_shared(struct arena *, const struct value_shared *);
/*
 * Sets the digest of a shared sub-view: `copy` (a copy of it) hashed with
 * `key`, the key of the pages that refer to it.
 */
void		 value_shared_digest(struct value_shared *,
		    const struct value *copy, const struct siphash_key *);
/* The value a reference stands for (built now if it was not); else `v`. */
const struct value *value_deref(const struct value *v);

/* Appends to a list; returns the item. */
struct value	*value_push(struct value *list, struct value *item);
/* Appends a member to a map (keys are not copied); returns the value. */
struct value	*value_set(struct value *map, const char *key, struct value *);
/*
 * Appends the members of another map (or of a shared one) to a map, in
 * one go and where they stand: readers see them as the map's own, and
 * hashing covers them as that map (a reference: as its digest).
 */
struct value	*value_include(struct value *map, struct value *members);
struct value	*value_set_string(struct arena *, struct value *map,
		    const char *key, const char *);
struct value	*value_set_string_ref(struct arena *, struct value *map,
		    const char *key, const char *);	/* no copy */
struct value	*value_set_number(struct arena *, struct value *map,
		    const char *key, double);
struct value	*value_set_bool(struct arena *, struct value *map,
		    const char *key, int);

/* Returns the first map member named `key` (included ones too), or NULL. */
struct value	*value_get(const struct value *map, const char *key);
/*
 * A member of a map by key, or an item of a list by decimal index ("0"
 * is the first), as templates name them: {{#items.0}} is "has items".
 */
struct value	*value_child(const struct value *, const char *name);
/*
 * The text of a string, or the HTML of Markdown (rendered now if it was
 * not yet; "" when it cannot be).  NULL for other kinds.
 */
const char	*value_text(const struct value *, size_t *len);
/*
 * Adds a value to a hash: its kind, keys and contents; Markdown by its
 * source (once for a body and its HTML), so that hashing renders nothing;
 * a reference to a shared sub-view by its digest, so that hashing builds
 * nothing.
 */
void		 value_hash(const struct value *, struct siphash *);
/* Mustache truthiness: null, false and empty lists are false. */
int		 value_is_truthy(const struct value *);
/* Formats a number the shortest way that reads back equal ("1.21", "3"). */
void		 value_format_number(double, char out[32]);

#endif
