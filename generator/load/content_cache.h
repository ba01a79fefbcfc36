/*
 * The content cache: what each task and progress report parsed into,
 * kept per plan in the cache directory and keyed by the file's path and
 * stamp (source.h), so that a build reads and parses only the files that
 * changed since the last one.  Only files that parsed without any message
 * are kept, so a cached file never hides a warning; checks that need more
 * than one file (references, dates against names) run on every build.
 *
 * A cache file that is missing, damaged (it carries a checksum) or was
 * written by another build of gongkai is ignored.  Each plan's file is
 * written again, beside and then renamed over the old one, only when
 * something in the plan changed.
 */
#ifndef GONGKAI_CONTENT_CACHE_H
#define GONGKAI_CONTENT_CACHE_H

#include "content.h"
#include "source.h"

struct content_cache;

/*
 * Opens plan `plan_id`'s cache in `dir` (NULL: no cache, and every other
 * function then does nothing), to be written on closing when `update` is
 * set.  What it returns from the cache lives in `arena`.
 */
struct content_cache *content_cache_open(const char *dir,
		    const char *plan_id, int update, struct arena *);

/*
 * Fills `report` (or `task`) from the cache when it holds the file `rel`
 * with `stamp`; positions get the path `shown`.  Returns 1 then, else 0:
 * the file must be read and parsed.
 */
int		 content_cache_report(struct content_cache *, const char *rel,
		    const struct source_stamp *, const char *shown,
		    struct report *);
int		 content_cache_task(struct content_cache *, const char *rel,
		    const struct source_stamp *, const char *shown,
		    struct task *);

/* Keeps what the file `rel` with `stamp` parsed into, for the next build. */
void		 content_cache_keep_report(struct content_cache *,
		    const char *rel, const struct source_stamp *,
		    const struct report *);
void		 content_cache_keep_task(struct content_cache *,
		    const char *rel, const struct source_stamp *,
		    const struct task *);

/* Writes the plan's cache file when it changed, and frees the cache. */
void		 content_cache_close(struct content_cache *);

#endif
