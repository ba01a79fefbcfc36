/*
 * The history cache: every commit of the last walk, in its order, with
 * what the walk takes from git (author, date, message) and the described
 * changes, keyed by commit id, so a rebuild after one new commit describes
 * that commit only, and a rebuild at the same tip reads no commit at all.
 * It is dropped when the history was rewritten (the cached tip is no
 * longer an ancestor of the new one), when the content directory moved,
 * or when gongkai describes changes differently (a format version).
 */
#ifndef GONGKAI_HISTORY_CACHE_H
#define GONGKAI_HISTORY_CACHE_H

#include <git2.h>

#include "history.h"

/* What the walk takes from a commit object, as git has it. */
struct commit_raw {
	unsigned int	 parents;
	int64_t		 time;		/* the author's */
	int		 offset;	/* minutes east of UTC */
	const char	*author_name;	/* before .mailmap */
	const char	*author_email;
	const char	*message;	/* never NULL */
};

/* A commit read from the cache. */
struct cached_commit {
	const char		*id;
	struct commit_raw	 raw;
	struct ptrvec		 changes;	/* struct change * */
	const char		*record;	/* its bytes in the file */
	size_t			 record_len;
};

struct history_cache;

/* Opens the cache in `dir` (NULL: no cache; every call is then a no-op). */
struct history_cache *history_cache_open(const char *dir, git_repository *,
		    const git_oid *tip, const char *prefix, struct arena *);

/* The cached commit with this id, or NULL. */
const struct cached_commit *history_cache_find(struct history_cache *,
		    const char *id);

/*
 * The commits of a complete walk from `tip` (struct cached_commit *, in
 * the walk's order) when the cache was written by one; otherwise NULL.
 */
const struct ptrvec *history_cache_walk_at(struct history_cache *,
		    const git_oid *tip);

/*
 * Writes the cache for the commits of a walk (atomically; failures are
 * only reported): `order` holds its struct history_commit *, `raws` the
 * struct commit_raw * of each; `complete` says that the walk reached
 * every commit (not a shallow clone).  Commits taken from the cache are
 * copied as they were read.  Nothing is written when the file would stay
 * the same.
 */
void		 history_cache_save(struct history_cache *,
		    const struct ptrvec *order, const struct ptrvec *raws,
		    int complete);
void		 history_cache_close(struct history_cache *);

#endif
