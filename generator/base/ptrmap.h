/* A hash map keyed by pointers (identity), in an arena. */
#ifndef GONGKAI_PTRMAP_H
#define GONGKAI_PTRMAP_H

#include <stddef.h>

struct arena;

struct ptrmap_slot {
	const void	*key;
	void		*value;
};

struct ptrmap {
	struct arena		*arena;
	struct ptrmap_slot	*slots;
	size_t			 cap;
	size_t			 len;
};

void	 ptrmap_init(struct ptrmap *, struct arena *);
/* Makes room for `count` keys at once (none abandoned by growing). */
void	 ptrmap_reserve(struct ptrmap *, size_t count);
/* Returns the value stored for `key`, or NULL. */
void	*ptrmap_get(const struct ptrmap *, const void *key);
/* Stores `value` for `key` (not NULL), replacing any earlier one. */
void	 ptrmap_put(struct ptrmap *, const void *key, void *value);

#endif
