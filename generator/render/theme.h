/*
 * Themes: the default theme is embedded in the binary; a theme directory
 * (--theme, or `theme:` in site.yaml) overrides any of its files.
 */
#ifndef GONGKAI_THEME_H
#define GONGKAI_THEME_H

#include <stddef.h>

struct arena;
struct ptrvec;

struct theme_file {
	const char	*path;		/* "templates/task.mustache" */
	const char	*data;
	size_t		 len;
};

/* The default theme's files, ending with a NULL path (generated). */
extern const struct theme_file theme_embedded[];

struct theme {
	const char	*dir;		/* override directory, or NULL */
	struct arena	*arena;
};

/*
 * Reads a theme file: from the override directory when it has it, else
 * the embedded default.  Returns NULL when neither has it (and on a read
 * error, with a message on stderr and `*failed` set).
 */
const char	*theme_read(struct theme *, const char *path, size_t *len,
		    int *failed);

/*
 * Adds every template of the override directory (path and contents) to a
 * hash; the embedded ones are part of the binary.  Returns -1 when one
 * cannot be read.
 */
struct siphash;
int		 theme_hash_templates(struct theme *, struct siphash *);

/* Lists every static file (under static/) of both, sorted, deduplicated. */
void		 theme_static_files(struct theme *, struct ptrvec *out);

#endif
