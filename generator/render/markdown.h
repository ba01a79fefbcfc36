/*
 * Markdown to HTML through cmark-gfm (tables, strikethrough, autolinks),
 * safe for untrusted text: raw HTML is never rendered, and links may only
 * go to http, https, mailto or relative targets.
 */
#ifndef GONGKAI_MARKDOWN_H
#define GONGKAI_MARKDOWN_H

#include <stddef.h>

struct arena;

/* Registers cmark-gfm's extensions; call once before any rendering. */
void	 markdown_init(void);

/*
 * Renders `len` bytes of Markdown into an arena string.  Relative link
 * and image targets get `link_prefix` in front.  Returns NULL when cmark
 * fails.
 */
char	*markdown_render(struct arena *, const char *text, size_t len,
	    const char *link_prefix);

/*
 * The same for text already known to be UTF-8 without NUL bytes (`valid`,
 * as content files are once loaded), which is then not checked again.
 */
char	*markdown_render_checked(struct arena *, const char *text, size_t len,
	    const char *link_prefix, int valid);

/* True when `url` may be linked: http, https, mailto or relative. */
int	 markdown_url_allowed(const char *url);

#endif
