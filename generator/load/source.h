/*
 * A content source: where the content tree is read from.  The loader sees
 * only this interface, so the same code reads a directory on disk or, for
 * a point-in-time build, a tree of a git commit.
 */
#ifndef GONGKAI_SOURCE_H
#define GONGKAI_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"

enum source_type {
	SOURCE_FILE,
	SOURCE_DIRECTORY,
	SOURCE_SYMLINK,
	SOURCE_OTHER,		/* device, fifo, submodule … */
};

/*
 * What stands for a file's bytes without reading them: its blob id in a
 * git tree; on disk, a hash of its device, inode, size, mode and times.
 * Not `valid` for a file changed within the last seconds before it was
 * listed, whose times may not yet tell a later change apart (git's
 * "racily clean" entries), nor for anything but a regular file.
 */
struct source_stamp {
	uint64_t	 w[2];
	int		 valid;
};

struct source_entry {
	const char		*name;
	enum source_type	 type;
	struct source_stamp	 stamp;
};

enum source_status {
	SOURCE_OK = 0,
	SOURCE_MISSING = -1,	/* no such file or directory */
	SOURCE_TOO_LARGE = -2,	/* larger than the cap given */
	SOURCE_FAILED = -3,	/* any other error, see source_error */
};

struct source;

struct source_ops {
	/* Lists a directory (relative path, "" for the root), sorted by name. */
	enum source_status (*list)(struct source *, const char *dir,
	    struct arena *, struct ptrvec *entries);
	/* Reads a whole file of at most `cap` bytes, NUL-terminated. */
	enum source_status (*read)(struct source *, const char *path,
	    size_t cap, struct arena *, char **data, size_t *len);
	void (*close)(struct source *);
};

struct source {
	const struct source_ops	*ops;
	const char		*label;		/* prefix for messages */
	char			 error[256];	/* last SOURCE_FAILED reason */
	char			 revision[41];	/* hex id of the commit read,
						   "" for a directory */
	int			 concurrent;	/* copies may read at once */
	void			*state;
};

/*
 * Opens a directory on disk as a source.  Returns -1 and fills `error`
 * when it cannot be opened.
 */
int	 source_open_directory(struct source *, const char *dir);

/*
 * Opens the content directory as it was at revision `rev` (anything
 * git_revparse_single accepts: a commit id, a tag, HEAD~3) of the git
 * repository that contains `content_dir`, and stores the commit's id in
 * `revision`.  Returns -1 and fills `error` ("not in a git repository",
 * "unknown revision 'x'", "'content' does not exist at <rev>", …) when it
 * cannot.
 */
int	 source_open_git(struct source *, const char *content_dir,
	    const char *rev);

/* Closes a source of either kind; does nothing if it failed to open. */
void	 source_close(struct source *);

#endif
