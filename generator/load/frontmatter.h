/* Splitting a content file into YAML front matter and a Markdown body. */
#ifndef GONGKAI_FRONTMATTER_H
#define GONGKAI_FRONTMATTER_H

#include <stddef.h>

struct document {
	const char	*front;		/* the YAML between the --- lines */
	size_t		 front_len;
	size_t		 front_line;	/* 0-based line where it starts */
	const char	*body;		/* NUL-terminated Markdown */
	size_t		 body_len;
	size_t		 body_line;
};

/*
 * Splits `text` (which must be valid UTF-8 and NUL-terminated).  Reports
 * a missing or unclosed front matter at `path` and returns -1.
 */
int	 frontmatter_split(const char *path, const char *text, size_t len,
	    struct document *);

#endif
