/* Small file-system helpers. */
#ifndef GONGKAI_FILES_H
#define GONGKAI_FILES_H

#include <stddef.h>
#include <stdio.h>

#include "siphash.h"

/*
 * A stable 64-bit name for a cache file made from several strings (FNV-1a
 * over each with its NUL, so "ab","c" and "a","bc" differ).
 */
unsigned long long name_hash(const char *const *parts, size_t n);

/*
 * The hash of this program's own file (/proc/self/exe) and of the shared
 * libraries it loaded (their files' identities), which stands for its
 * code in cache keys.  Returns -1 when the program cannot be read: then
 * no cache may be trusted.
 */
int	 program_digest(struct siphash_digest *);

/*
 * Replacing a file whole: the new bytes go to "<path>.tmp-<pid>", renamed
 * over `path` only when all of them were written, so that a reader sees
 * the old file or the new one, never part of one.  file_replace_begin()
 * returns the stream to write, or NULL (errno set); file_replace_end()
 * renames the file when `ok` and nothing failed, else removes it, and
 * returns -1 when the file was not replaced.
 */
struct file_replace {
	char	*path;
	char	*tmp;
	FILE	*f;
};

FILE	*file_replace_begin(struct file_replace *, const char *path);
int	 file_replace_end(struct file_replace *, int ok);

/* Creates `dir` and its missing parents; -1 when one cannot be made. */
int	 mkdir_parents(const char *dir);

#endif
