/*
 * String map: open addressing with linear probing.  Keys are hashed eight
 * bytes at a time (a multiply and a shift per word, then a final mix so
 * the low bits that pick a slot depend on every byte): a byte-at-a-time
 * hash was most of the cost of indexing tens of thousands of paths.
 * Hashes never leave the process, so byte order does not matter.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "strmap.h"

#define HASH_K1	0x9e3779b97f4a7c15ULL
#define HASH_K2	0xbf58476d1ce4e5b9ULL
#define HASH_K3	0x94d049bb133111ebULL

static uint64_t
strmap_hash(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = (uint64_t)n * HASH_K1, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * HASH_K2;
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * HASH_K2;
	h ^= h >> 30;
	h *= HASH_K3;
	return h ^ (h >> 31);
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
