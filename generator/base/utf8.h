/* UTF-8 validation and positions in text. */
#ifndef GONGKAI_UTF8_H
#define GONGKAI_UTF8_H

#include <stddef.h>

/*
 * Returns 1 when `len` bytes of `s` are well-formed UTF-8 (no overlongs,
 * no surrogates, nothing above U+10FFFF); otherwise 0 with the offset of
 * the first bad byte in `*bad`.
 */
int	 utf8_validate(const char *s, size_t len, size_t *bad);

/* The 0-based line and column (in characters) of byte `offset`. */
void	 utf8_position(const char *s, size_t offset, size_t *line,
	    size_t *col);

/* Counts the characters (code points) of valid UTF-8 text. */
size_t	 utf8_length(const char *s, size_t len);

#endif
