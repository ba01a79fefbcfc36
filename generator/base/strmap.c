/* String map: open addressing with linear probing, FNV-1a hashes. */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "strmap.h"

static uint64_t
strmap_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void
strmap_init(struct strmap *map, struct arena *arena)
{
	map->arena = arena;
	map->slots = NULL;
	map->cap = map->len = 0;
}

static struct strmap_slot *
strmap_find(const struct strmap *map, const char *key, size_t hash)
{
	size_t i = hash & (map->cap - 1);

	while (map->slots[i].key != NULL && (map->slots[i].hash != hash ||
	    strcmp(map->slots[i].key, key) != 0))
		i = (i + 1) & (map->cap - 1);
	return &map->slots[i];
}

void *
strmap_get(const struct strmap *map, const char *key)
{
	return map->cap ? strmap_find(map, key, (size_t)strmap_hash(key))->
	    value : NULL;
}

/* Moves to a table of `new_cap` slots; old ones are abandoned to the arena. */
static void
strmap_resize(struct strmap *map, size_t new_cap)
{
	struct strmap_slot *old = map->slots;
	size_t i, cap = map->cap;

	map->cap = new_cap;
	map->slots = arena_calloc(map->arena, map->cap, sizeof(*map->slots));
	for (i = 0; i < cap; i++)
		if (old[i].key != NULL)
			*strmap_find(map, old[i].key, old[i].hash) = old[i];
}

void
strmap_put(struct strmap *map, const char *key, void *value)
{
	size_t hash = (size_t)strmap_hash(key);
	struct strmap_slot *slot;

	if ((map->len + 1) * 2 > map->cap)
		strmap_resize(map, map->cap ? map->cap * 2 : 64);
	slot = strmap_find(map, key, hash);
	if (slot->key == NULL) {
		slot->key = key;
		slot->hash = hash;
		map->len++;
	}
	slot->value = value;
}

void
strmap_reserve(struct strmap *map, size_t n)
{
	size_t cap = map->cap ? map->cap : 64;

	while (cap < (n + 1) * 2)
		cap *= 2;
	if (cap > map->cap)
		strmap_resize(map, cap);
}
