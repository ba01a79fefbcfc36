/* Small file-system helpers. */
#ifndef GONGKAI_FILES_H
#define GONGKAI_FILES_H

#include <stddef.h>

#include "siphash.h"

/*
 * A stable 64-bit name for a cache file made from several strings (FNV-1a
 * over each with its NUL, so "ab","c" and "a","bc" differ).
 */
unsigned long long name_hash(const char *const *parts, size_t n);

/*
 * The hash of this program's own file (/proc/self/exe), which stands for
 * its code in cache keys.  Returns -1 when it cannot be read: then no
 * cache may be trusted.
 */
int	 program_digest(struct siphash_digest *);

/* Creates `dir` and its missing parents; -1 when one cannot be made. */
int	 mkdir_parents(const char *dir);

#endif
