/* A string-keyed hash map in an arena (keys are not copied). */
#ifndef GONGKAI_STRMAP_H
#define GONGKAI_STRMAP_H

#include <stddef.h>

struct arena;

struct strmap_slot {
	const char	*key;
	void		*value;
	size_t		 hash;		/* the key's, so probes rarely compare */
};

struct strmap {
	struct arena		*arena;
	struct strmap_slot	*slots;
	size_t			 cap;
	size_t			 len;
};

void	 strmap_init(struct strmap *, struct arena *);
/* Returns the value stored for `key`, or NULL. */
void	*strmap_get(const struct strmap *, const char *key);
/* Stores `value` for `key`, replacing any earlier one. */
void	 strmap_put(struct strmap *, const char *key, void *value);
/* Makes room for `n` keys at once, so that storing them never regrows. */
void	 strmap_reserve(struct strmap *, size_t n);

#endif
