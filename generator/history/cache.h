/*
 * The history cache: the described changes of every commit, keyed by
 * commit id, so a rebuild after one new commit describes that commit only.
 * It is dropped when the history was rewritten (the cached tip is no
 * longer an ancestor of the new one), when the content directory moved,
 * or when gongkai describes changes differently (a format version).
 */
#ifndef GONGKAI_HISTORY_CACHE_H
#define GONGKAI_HISTORY_CACHE_H

#include <git2.h>

#include "history.h"

struct history_cache;

/* Opens the cache in `dir` (NULL: no cache; every call is then a no-op). */
struct history_cache *history_cache_open(const char *dir, git_repository *,
		    const git_oid *tip, const char *prefix, struct arena *);

/* Fills the changes of `commit` from the cache; returns 1 when found. */
int		 history_cache_lookup(struct history_cache *,
		    struct history_commit *);

/* Remembers the changes of a commit for the next run. */
void		 history_cache_store(struct history_cache *,
		    const struct history_commit *);

/* Writes the cache (atomically); failures are only reported. */
void		 history_cache_save(struct history_cache *);
void		 history_cache_close(struct history_cache *);

#endif
