/* Shared pieces of the history stage: file deltas between trees. */
#ifndef GONGKAI_HISTORY_INTERNAL_H
#define GONGKAI_HISTORY_INTERNAL_H

#include <git2.h>

#include "../base/arena.h"

enum delta_status {
	DELTA_ADDED = 'A',
	DELTA_MODIFIED = 'M',
	DELTA_DELETED = 'D',
	DELTA_RENAMED = 'R',
};

/* One file changed by a commit, paths relative to the content directory. */
struct file_delta {
	enum delta_status	 status;
	const char		*old_path;	/* NULL when added */
	const char		*new_path;	/* NULL when deleted */
	git_oid			 old_id;
	git_oid			 new_id;
};

/*
 * Compares the content subtree (`prefix`, "" for the repository root) of
 * `commit` with that of its parents, descending only into subtrees whose
 * ids differ.  A merge reports only files that differ from every parent.
 * Renames are detected only when a commit both adds and deletes files.
 * Returns 0 with struct file_delta * in `out` (sorted by path), or -1
 * with libgit2's error.
 */
int	 treediff_commit(git_repository *, git_commit *, const char *prefix,
	    struct arena *, struct ptrvec *out);

/* The tree at `prefix` of a commit, or NULL when it has none. */
git_tree *treediff_subtree(git_repository *, git_commit *, const char *prefix);

#endif

#include "history.h"

/*
 * Revisions: one version of a content file, read from a blob and parsed
 * with the loader's schemas.  Parsing happens in a scratch arena per
 * commit; whether a blob's own disclosure is public is remembered by id.
 */
struct revisions;

struct revisions *revisions_new(git_repository *);
void		 revisions_free(struct revisions *);

/*
 * Starts describing a commit whose content subtrees before and after are
 * `old_tree` and `new_tree` (either may be NULL): what is looked up in
 * them is remembered, in `scratch`, until the next commit.
 */
void		 revisions_begin_commit(struct revisions *, struct arena *scratch,
		    git_tree *old_tree, git_tree *new_tree);

/*
 * Whether a blob of a delta could not be read (a damaged repository); the
 * first such error has been printed.  What was described is then wrong.
 */
int		 revisions_failed(const struct revisions *);


/*
 * Describes one file delta of a commit as a public change, in words, or
 * returns NULL when it shows nothing public.  `old_tree` and `new_tree`
 * are the content subtrees before and after (either may be NULL), used to
 * work out effective disclosure.  Strings of the result live in `arena`;
 * parsing uses `scratch`.
 */
struct change	*describe_delta(struct revisions *, struct arena *arena,
		    struct arena *scratch, const struct file_delta *,
		    git_tree *old_tree, git_tree *new_tree);
