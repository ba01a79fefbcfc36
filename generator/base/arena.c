/* Arena allocator: bump allocation in large chunks, freed all at once. */
#include <sys/mman.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fatal.h"

#define CHUNK_SIZE	(256 * 1024)
#define ALIGNMENT	16

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 size;
	size_t			 used;
	void			*mapping;	/* arena_map()'s, or NULL */
	size_t			 mapping_len;
	_Alignas(ALIGNMENT) unsigned char data[];
};

static void
chunk_free(struct arena_chunk *chunk)
{
	if (chunk->mapping != NULL)
		munmap(chunk->mapping, chunk->mapping_len);
	free(chunk);
}

void
arena_init(struct arena *arena)
{
	arena->head = NULL;
	arena->used = 0;
}

void
arena_free(struct arena *arena)
{
	struct arena_chunk *chunk, *next;

	for (chunk = arena->head; chunk != NULL; chunk = next) {
		next = chunk->next;
		chunk_free(chunk);
	}
	arena->head = NULL;
	arena->used = 0;
}

void
arena_reset(struct arena *arena)
{
	struct arena_chunk *keep = arena->head, *chunk, *next;

	if (keep == NULL)
		return;
	for (chunk = keep->next; chunk != NULL; chunk = next) {
		next = chunk->next;
		chunk_free(chunk);
	}
	keep->next = NULL;
	keep->used = 0;
	arena->used = 0;
}

void
arena_adopt(struct arena *to, struct arena *from)
{
	struct arena_chunk *last;

	if (from->head == NULL)
		return;
	for (last = from->head; last->next != NULL; last = last->next)
		continue;
	/* `to` keeps bump-allocating from its own current chunk. */
	if (to->head == NULL)
		to->head = from->head;
	else {
		last->next = to->head->next;
		to->head->next = from->head;
	}
	to->used += from->used;
	from->head = NULL;
	from->used = 0;
}

/* Adds a chunk able to hold at least `need` bytes; out of memory is fatal. */
static struct arena_chunk *
arena_grow(struct arena *arena, size_t need)
{
	struct arena_chunk *chunk;
	size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;

	chunk = malloc(sizeof(*chunk) + size);
	if (chunk == NULL)
		fatal_oom();
	chunk->size = size;
	chunk->used = 0;
	chunk->mapping = NULL;
	chunk->mapping_len = 0;
	chunk->next = arena->head;
	arena->head = chunk;
	return chunk;
}

/*
 * Maps `len` bytes of the file `fd` read-only, to be unmapped with the
 * arena; NULL when it cannot be mapped.  The file must not shrink while
 * the arena lives (replace such files by renaming).
 */
const char *
arena_map(struct arena *arena, int fd, size_t len)
{
	struct arena_chunk *chunk;
	void *p;

	if (len == 0 ||
	    (p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		return NULL;
	if ((chunk = malloc(sizeof(*chunk))) == NULL)
		fatal_oom();
	chunk->size = chunk->used = 0;
	chunk->mapping = p;
	chunk->mapping_len = len;
	/* Behind the chunk being allocated from, which stays the head. */
	if (arena->head == NULL)
		arena_grow(arena, 0);
	chunk->next = arena->head->next;
	arena->head->next = chunk;
	return p;
}

/* Returns `size` bytes aligned to 16; never NULL (out of memory is fatal). */
void *
arena_alloc(struct arena *arena, size_t size)
{
	struct arena_chunk *chunk = arena->head;
	void *p;

	if (size > SIZE_MAX - ALIGNMENT)
		fatal_oom();
	size = (size + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
	if (chunk == NULL || chunk->size - chunk->used < size)
		chunk = arena_grow(arena, size);
	p = chunk->data + chunk->used;
	chunk->used += size;
	arena->used += size;
	return p;
}

void *
arena_calloc(struct arena *arena, size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size)
		fatal_oom();
	p = arena_alloc(arena, count * size);
	memset(p, 0, count * size);
	return p;
}

char *
arena_strndup(struct arena *arena, const char *s, size_t len)
{
	char *p = arena_alloc(arena, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *arena, const char *s)
{
	return arena_strndup(arena, s, strlen(s));
}

/*
 * Formats into the arena.  Most strings fit in what is left of the current
 * chunk, so formatting is tried there first and repeated only when not.
 */
char *
arena_printf(struct arena *arena, const char *fmt, ...)
{
	struct arena_chunk *chunk = arena->head;
	size_t room = chunk ? chunk->size - chunk->used : 0;
	va_list ap;
	int len;
	char *p;

	va_start(ap, fmt);
	len = vsnprintf(room ? (char *)chunk->data + chunk->used : NULL, room,
	    fmt, ap);
	va_end(ap);
	if (len < 0)
		fatal_oom();
	if ((size_t)len < room) {
		p = (char *)chunk->data + chunk->used;
		arena_alloc(arena, (size_t)len + 1);	/* claims those bytes */
		return p;
	}
	p = arena_alloc(arena, (size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
ptrvec_push(struct arena *arena, struct ptrvec *vec, void *item)
{
	void **items;
	size_t cap;

	if (vec->len == vec->cap) {
		cap = vec->cap ? vec->cap * 2 : 8;
		items = arena_alloc(arena, cap * sizeof(*items));
		if (vec->len)
			memcpy(items, vec->items, vec->len * sizeof(*items));
		vec->items = items;
		vec->cap = cap;
	}
	vec->items[vec->len++] = item;
}
