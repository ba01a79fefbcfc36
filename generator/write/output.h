/*
 * Writing the site atomically: every file goes into a temporary directory
 * beside the output directory, which is swapped into place only when the
 * whole build succeeded.  A failed build leaves the published site as it
 * was, and no temporary files behind.
 *
 * Reuse: a manifest in the cache directory records, for each page of the
 * published site, the key of what it was made from (a keyed hash of its
 * template and view model) and the file's identity (device, inode, size,
 * modification time).  A page whose key is unchanged and whose published
 * file is still that file is hard-linked into the new site instead of
 * being rendered and written again.  A manifest that is missing, damaged
 * or describes another site only costs the reuse, never correctness.
 *
 * The spare: the site that the last build replaced is not removed but
 * kept in the cache directory (when it is on the same file system), with
 * its pages in the manifest too.  The next build starts from it instead
 * of an empty directory: a page it holds with the right key, untouched,
 * is kept where it is; others are replaced, and what the new site does
 * not have is removed before the swap.  So a rebuild that changes little
 * creates and removes little.
 */
#ifndef GONGKAI_OUTPUT_H
#define GONGKAI_OUTPUT_H

#include <pthread.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../base/siphash.h"
#include "../base/strmap.h"

struct output {
	char			*final_dir;	/* --out, as given */
	char			*temp_dir;	/* beside it: .<name>.tmp-<pid> */
	int			 final_fd;	/* the published site, or -1 */
	int			 temp_fd;
	size_t			 pages;		/* .html files written */
	size_t			 files;		/* all files written */
	size_t			 reused;	/* of those, linked */
	int			 failed;
	/* Reuse (all empty when there is no manifest). */
	char			*manifest_path;
	char			*spare_dir;	/* beside the manifest */
	int			 from_spare;	/* temp_dir began as it */
	struct siphash_key	 hash_key;
	struct arena		 arena;
	struct strmap		 previous;	/* path → struct output_entry */
	struct strmap		 spare;		/* the same, of the spare */
	struct ptrvec		 next;		/* struct output_entry * */
	struct ptrvec		 previous_list;	/* the spare's next manifest */
	struct strmap		 written;	/* every file of the new site */
	pthread_mutex_t		 lock;
};

/*
 * Creates the temporary directory (removing ones left by builds that were
 * killed) and reads the manifest at `manifest_path` (NULL: no reuse).
 * Returns -1 with a message on stderr when it cannot.
 */
int	 output_begin(struct output *, const char *out_dir,
	    const char *manifest_path);

/* Whether there is a manifest (a cache directory): keys are used. */
int	 output_keeps_manifest(const struct output *);

/* The key with which page keys are hashed (random per manifest). */
const struct siphash_key *output_hash_key(const struct output *);

/*
 * Links `rel` from the published site when the manifest says it was made
 * from `key` and it has not been touched since.  Returns 0 when it did,
 * -1 when the file must be written.
 */
int	 output_reuse(struct output *, const char *rel,
	    const struct siphash_digest *key);

/*
 * Writes `rel` (creating its folders); a page made from `key` (or NULL)
 * is recorded in the new manifest.  Returns -1 with a message.
 */
int	 output_write(struct output *, const char *rel, const char *data,
	    size_t len, const struct siphash_digest *key);

/*
 * Sweeps what began as the spare, swaps the new site into place, keeps
 * the old one as the next spare (or removes it) and writes the new
 * manifest.  Returns -1 when the new site could not be put in place.
 */
int	 output_commit(struct output *);

/* Removes the temporary directory; the published site is untouched. */
void	 output_abort(struct output *);

#endif
