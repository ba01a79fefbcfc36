/*
 * Writing the site atomically: every file goes into a temporary directory
 * beside the output directory, which is swapped into place only when the
 * whole build succeeded.  A failed build leaves the published site as it
 * was, and no temporary files behind.
 */
#ifndef GONGKAI_OUTPUT_H
#define GONGKAI_OUTPUT_H

#include <stddef.h>

struct output {
	char	*final_dir;	/* --out, as given */
	char	*temp_dir;	/* beside it: .<name>.tmp-<pid> */
	size_t	 pages;		/* .html files written */
	size_t	 files;		/* all files written */
	int	 failed;
};

/*
 * Creates the temporary directory (removing ones left by builds that were
 * killed).  Returns -1 with a message on stderr when it cannot.
 */
int	 output_begin(struct output *, const char *out_dir);

/* Writes `rel` (creating its folders).  Returns -1 with a message. */
int	 output_write(struct output *, const char *rel, const char *data,
	    size_t len);

/* Swaps the new site into place and removes the old one.  Returns -1. */
int	 output_commit(struct output *);

/* Removes the temporary directory; the published site is untouched. */
void	 output_abort(struct output *);

#endif
