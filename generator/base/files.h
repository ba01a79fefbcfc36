/* Small file-system helpers. */
#ifndef GONGKAI_FILES_H
#define GONGKAI_FILES_H

#include <stddef.h>

/*
 * A stable 64-bit name for a cache file made from several strings (FNV-1a
 * over each with its NUL, so "ab","c" and "a","bc" differ).
 */
unsigned long long name_hash(const char *const *parts, size_t n);

/* Creates `dir` and its missing parents; -1 when one cannot be made. */
int	 mkdir_parents(const char *dir);

#endif
