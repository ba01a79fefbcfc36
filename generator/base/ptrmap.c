/* Pointer map: open addressing with linear probing, mixed addresses. */
#include <stdint.h>

#include "arena.h"
#include "ptrmap.h"

/* The finaliser of MurmurHash3: addresses differ mostly in few bits. */
static uint64_t
ptrmap_hash(const void *key)
{
	uint64_t h = (uint64_t)(uintptr_t)key;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

void
ptrmap_init(struct ptrmap *map, struct arena *arena)
{
	map->arena = arena;
	map->slots = NULL;
	map->cap = map->len = 0;
}

static struct ptrmap_slot *
ptrmap_find(const struct ptrmap *map, const void *key)
{
	size_t i = (size_t)ptrmap_hash(key) & (map->cap - 1);

	while (map->slots[i].key != NULL && map->slots[i].key != key)
		i = (i + 1) & (map->cap - 1);
	return &map->slots[i];
}

void *
ptrmap_get(const struct ptrmap *map, const void *key)
{
	return map->cap ? ptrmap_find(map, key)->value : NULL;
}

/* Moves the keys into `cap` slots; the old ones are abandoned. */
static void
ptrmap_resize(struct ptrmap *map, size_t cap)
{
	struct ptrmap_slot *old = map->slots;
	size_t i, old_cap = map->cap;

	map->cap = cap;
	map->slots = arena_calloc(map->arena, map->cap, sizeof(*map->slots));
	for (i = 0; i < old_cap; i++)
		if (old[i].key != NULL)
			*ptrmap_find(map, old[i].key) = old[i];
}

void
ptrmap_reserve(struct ptrmap *map, size_t count)
{
	size_t cap = map->cap ? map->cap : 64;

	while (count * 2 > cap)
		cap *= 2;
	if (cap != map->cap)
		ptrmap_resize(map, cap);
}

void
ptrmap_put(struct ptrmap *map, const void *key, void *value)
{
	struct ptrmap_slot *slot;

	if ((map->len + 1) * 2 > map->cap)
		ptrmap_reserve(map, map->len + 1);
	slot = ptrmap_find(map, key);
	if (slot->key == NULL) {
		slot->key = key;
		map->len++;
	}
	slot->value = value;
}
