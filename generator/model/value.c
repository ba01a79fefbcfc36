/*
 * View-model values: constructors, lookup, hashing and number formatting.
 * Readers look through references to shared sub-views (value_deref).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/number.h"
#include "../base/siphash.h"
#include "value.h"

static struct value *
value_new(struct arena *arena, enum value_kind kind)
{
	struct value *v = arena_calloc(arena, 1, sizeof(*v));

	v->kind = kind;
	return v;
}

struct value *
value_null(struct arena *arena)
{
	return value_new(arena, VALUE_NULL);
}

struct value *
value_bool(struct arena *arena, int b)
{
	struct value *v = value_new(arena, VALUE_BOOL);

	v->u.boolean = b != 0;
	return v;
}

struct value *
value_number(struct arena *arena, double n)
{
	struct value *v = value_new(arena, VALUE_NUMBER);

	v->u.number = n;
	return v;
}

struct value *
value_string_ref(struct arena *arena, const char *s)
{
	struct value *v = value_new(arena, VALUE_STRING);

	v->u.string.ptr = s;
	v->u.string.len = strlen(s);
	return v;
}

struct value *
value_stringn(struct arena *arena, const char *s, size_t len)
{
	struct value *v = value_new(arena, VALUE_STRING);

	v->u.string.ptr = arena_strndup(arena, s, len);
	v->u.string.len = len;
	return v;
}

struct value *
value_string(struct arena *arena, const char *s)
{
	return value_stringn(arena, s, strlen(s));
}

struct value *
value_markdown(struct arena *arena, const char *source, const char *prefix,
    value_markdown_fn render, void *ctx)
{
	struct value *v = value_new(arena, VALUE_MARKDOWN);

	v->u.markdown.source = source;
	v->u.markdown.prefix = prefix;
	v->u.markdown.render = render;
	v->u.markdown.ctx = ctx;
	return v;
}

struct value *
value_shared(struct arena *arena, const struct value_shared *shared)
{
	struct value *v = value_new(arena, VALUE_SHARED);

	v->u.shared.shared = shared;
	v->u.shared.arena = arena;
	return v;
}

static struct value *
shared_build(const struct value_shared *shared, struct arena *arena)
{
	return shared->recipe->build(shared->recipe->ctx, arena,
	    shared->object);
}

const struct value *
value_deref(const struct value *v)
{
	struct value *lazy;

	while (v != NULL && v->kind == VALUE_SHARED) {
		if (v->u.shared.built == NULL) {
			/* Built once and kept: the reference is mutable. */
			lazy = (struct value *)v;
			lazy->u.shared.built = shared_build(v->u.shared.shared,
			    v->u.shared.arena);
		}
		v = v->u.shared.built;
	}
	return v;
}

void
value_shared_digest(struct value_shared *shared, const struct value *copy,
    const struct siphash_key *key)
{
	struct siphash h;

	siphash_init(&h, key);
	value_hash(copy, &h);
	siphash_final(&h, &shared->digest);
}

const char *
value_text(const struct value *v, size_t *len)
{
	struct value *lazy;
	const char *html;

	v = value_deref(v);
	if (v->kind == VALUE_STRING) {
		*len = v->u.string.len;
		return v->u.string.ptr;
	}
	if (v->kind != VALUE_MARKDOWN)
		return NULL;
	if (v->u.markdown.html == NULL) {
		/* Rendered once and kept: the value is mutable inside. */
		lazy = (struct value *)v;
		html = lazy->u.markdown.render(lazy->u.markdown.ctx,
		    lazy->u.markdown.source, lazy->u.markdown.prefix);
		lazy->u.markdown.html = html ? html : "";
	}
	*len = strlen(v->u.markdown.html);
	return v->u.markdown.html;
}

/* What value_hash has put into one hash: the last string, by address. */
struct hash_walk {
	struct siphash	*h;
	const char	*text;
	size_t		 len;
};

static void	hash_walk(struct hash_walk *, const struct value *);

/*
 * Markdown by its source and link prefix, so that hashing renders nothing.
 * When the source is the very string hashed last (a body, then its HTML),
 * a mark says so instead of the same bytes again: no length is that long,
 * and the hash still covers every byte of both.
 */
static void
hash_markdown(struct hash_walk *w, const struct value *v)
{
	const char *source = v->u.markdown.source;

	if (w->text != NULL && source == w->text && strlen(source) == w->len)
		siphash_u64(w->h, UINT64_MAX);
	else
		siphash_string(w->h, source);
	siphash_string(w->h, v->u.markdown.prefix);
}

/* A reference by its digest, or while it has none, what it stands for. */
static void
hash_shared(struct hash_walk *w, const struct value *v)
{
	const struct siphash_digest *digest = &v->u.shared.shared->digest;

	if (digest->h[0] != 0 || digest->h[1] != 0) {
		siphash_u64(w->h, digest->h[0]);
		siphash_u64(w->h, digest->h[1]);
	} else
		hash_walk(w, value_deref(v));
}

/* Items of a list; members of a map with their keys. */
static void
hash_children(struct hash_walk *w, const struct value *v)
{
	const struct value *child;

	siphash_u64(w->h, (uint64_t)v->u.children.count);
	for (child = v->u.children.first; child; child = child->next) {
		/* No key is that long: an inclusion is not a key. */
		if (v->kind == VALUE_MAP && child->key == NULL)
			siphash_u64(w->h, UINT64_MAX);
		else if (v->kind == VALUE_MAP)
			siphash_string(w->h, child->key);
		hash_walk(w, child);
	}
}

static void
hash_walk(struct hash_walk *w, const struct value *v)
{
	siphash_u64(w->h, (uint64_t)v->kind);
	switch (v->kind) {
	case VALUE_NULL:
		break;
	case VALUE_BOOL:
		siphash_u64(w->h, (uint64_t)v->u.boolean);
		break;
	case VALUE_NUMBER:
		siphash_update(w->h, &v->u.number, sizeof(v->u.number));
		break;
	case VALUE_STRING:
		siphash_u64(w->h, (uint64_t)v->u.string.len);
		siphash_update(w->h, v->u.string.ptr, v->u.string.len);
		w->text = v->u.string.ptr;
		w->len = v->u.string.len;
		break;
	case VALUE_MARKDOWN:
		hash_markdown(w, v);
		break;
	case VALUE_SHARED:
		hash_shared(w, v);
		break;
	case VALUE_LIST:
	case VALUE_MAP:
		hash_children(w, v);
		break;
	}
}

void
value_hash(const struct value *v, struct siphash *h)
{
	struct hash_walk w = { h, NULL, 0 };

	hash_walk(&w, v);
}

struct value *
value_list(struct arena *arena)
{
	return value_new(arena, VALUE_LIST);
}

struct value *
value_map(struct arena *arena)
{
	return value_new(arena, VALUE_MAP);
}

struct value *
value_push(struct value *list, struct value *item)
{
	item->next = NULL;
	if (list->u.children.last)
		list->u.children.last->next = item;
	else
		list->u.children.first = item;
	list->u.children.last = item;
	list->u.children.count++;
	return item;
}

struct value *
value_set(struct value *map, const char *key, struct value *v)
{
	v->key = key;
	return value_push(map, v);
}

struct value *
value_include(struct value *map, struct value *members)
{
	return value_set(map, NULL, members);
}

struct value *
value_set_string(struct arena *arena, struct value *map, const char *key,
    const char *s)
{
	return value_set(map, key, s ? value_string(arena, s) :
	    value_null(arena));
}

struct value *
value_set_string_ref(struct arena *arena, struct value *map, const char *key,
    const char *s)
{
	return value_set(map, key, s ? value_string_ref(arena, s) :
	    value_null(arena));
}

struct value *
value_set_number(struct arena *arena, struct value *map, const char *key,
    double n)
{
	return value_set(map, key, value_number(arena, n));
}

struct value *
value_set_bool(struct arena *arena, struct value *map, const char *key,
    int b)
{
	return value_set(map, key, value_bool(arena, b));
}

struct value *
value_get(const struct value *map, const char *key)
{
	struct value *v, *found;

	map = value_deref(map);
	if (map == NULL || map->kind != VALUE_MAP)
		return NULL;
	for (v = map->u.children.first; v != NULL; v = v->next) {
		if (v->key == NULL) {
			if ((found = value_get(v, key)) != NULL)
				return found;
		} else if (v->key[0] == key[0] && strcmp(v->key, key) == 0)
			return v;
	}
	return NULL;
}

int
value_is_truthy(const struct value *v)
{
	v = value_deref(v);
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case VALUE_NULL:
		return 0;
	case VALUE_BOOL:
		return v->u.boolean;
	case VALUE_LIST:
		return v->u.children.count > 0;
	default:
		return 1;
	}
}

void
value_format_number(double n, char out[32])
{
	number_format(n, out);
}

struct value *
value_child(const struct value *v, const char *name)
{
	struct value *item;
	unsigned long index = 0;
	const char *p;

	v = value_deref(v);
	if (v == NULL || v->kind != VALUE_LIST)
		return value_get(v, name);
	for (p = name; *p >= '0' && *p <= '9' && index < 1000000; p++)
		index = index * 10 + (unsigned long)(*p - '0');
	if (p == name || *p != '\0')
		return NULL;
	for (item = v->u.children.first; item && index > 0; index--)
		item = item->next;
	return item;
}
