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
strmap_find(const struct strmap *map, const char *key)
{
	size_t i = (size_t)strmap_hash(key) & (map->cap - 1);

	while (map->slots[i].key != NULL && strcmp(map->slots[i].key, key) != 0)
		i = (i + 1) & (map->cap - 1);
	return &map->slots[i];
}

void *
strmap_get(const struct strmap *map, const char *key)
{
	return map->cap ? strmap_find(map, key)->value : NULL;
}

/* Doubles the table; slots are abandoned to the arena. */
static void
strmap_grow(struct strmap *map)
{
	struct strmap_slot *old = map->slots;
	size_t i, cap = map->cap;

	map->cap = cap ? cap * 2 : 64;
	map->slots = arena_calloc(map->arena, map->cap, sizeof(*map->slots));
	for (i = 0; i < cap; i++)
		if (old[i].key != NULL)
			*strmap_find(map, old[i].key) = old[i];
}

void
strmap_put(struct strmap *map, const char *key, void *value)
{
	struct strmap_slot *slot;

	if ((map->len + 1) * 2 > map->cap)
		strmap_grow(map);
	slot = strmap_find(map, key);
	if (slot->key == NULL) {
		slot->key = key;
		map->len++;
	}
	slot->value = value;
}
