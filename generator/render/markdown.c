/* Markdown rendering with cmark-gfm, and the link policy applied to it. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "../base/arena.h"
#include "../base/utf8.h"
#include "markdown.h"

/*
 * cmark-gfm allocates through a cmark_mem; ours takes from the arena of
 * the page being rendered (set per call, per thread), so a page's Markdown
 * costs no malloc/free pairs and is released with the page.  Each block
 * keeps its size in front for realloc; free does nothing.
 */
static _Thread_local struct arena *markdown_arena;

#define BLOCK_HEADER	16

static void *
markdown_mem_alloc(size_t size)
{
	unsigned char *p = arena_alloc(markdown_arena, size + BLOCK_HEADER);

	memcpy(p, &size, sizeof(size));
	return p + BLOCK_HEADER;
}

static void *
markdown_mem_calloc(size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size - BLOCK_HEADER)
		return NULL;
	p = markdown_mem_alloc(count * size);
	memset(p, 0, count * size);
	return p;
}

static void *
markdown_mem_realloc(void *old, size_t size)
{
	void *p = markdown_mem_alloc(size);
	size_t old_size;

	if (old != NULL) {
		memcpy(&old_size, (unsigned char *)old - BLOCK_HEADER,
		    sizeof(old_size));
		memcpy(p, old, old_size < size ? old_size : size);
	}
	return p;
}

static void
markdown_mem_free(void *p)
{
	(void)p;
}

static cmark_mem markdown_mem = { markdown_mem_calloc, markdown_mem_realloc,
	markdown_mem_free };

static const char *const extension_names[] = {
	"table", "strikethrough", "autolink",
};

void
markdown_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* Length of the URL's scheme including ':', or 0 when it has none. */
static size_t
url_scheme_length(const char *url)
{
	size_t i;

	if (!isalpha((unsigned char)url[0]))
		return 0;
	for (i = 1; url[i] != '\0'; i++) {
		if (url[i] == ':')
			return i + 1;
		if (!isalnum((unsigned char)url[i]) && url[i] != '+' &&
		    url[i] != '-' && url[i] != '.')
			return 0;
	}
	return 0;
}

int
markdown_url_allowed(const char *url)
{
	size_t n = url_scheme_length(url);

	if (n == 0)
		return 1;	/* relative */
	return (n == 5 && strncasecmp(url, "http:", 5) == 0) ||
	    (n == 6 && strncasecmp(url, "https:", 6) == 0) ||
	    (n == 7 && strncasecmp(url, "mailto:", 7) == 0);
}

/* True for a relative reference that resolves against the page's folder. */
static int
url_is_path_relative(const char *url)
{
	return url_scheme_length(url) == 0 && url[0] != '/' &&
	    url[0] != '#' && url[0] != '?' && url[0] != '\0';
}

/*
 * Turns an image into a link to the same target.  cmark_node_set_type()
 * frees the node's url and title, so they are copied first and set again.
 */
static void
markdown_image_to_link(cmark_node *node, struct arena *arena)
{
	const char *title = cmark_node_get_title(node);
	char *url = arena_strdup(arena, cmark_node_get_url(node));

	title = title != NULL ? arena_strdup(arena, title) : NULL;
	if (cmark_node_set_type(node, CMARK_NODE_LINK)) {
		cmark_node_set_url(node, url);
		cmark_node_set_title(node, title);
	}
}

/*
 * Applies the link policy to one link or image: disallowed targets are
 * emptied, relative ones are prefixed, and images from other sites (with
 * a scheme, or protocol-relative "//host/…") become plain links: pages
 * load nothing from elsewhere.
 */
static void
markdown_fix_link(cmark_node *node, const char *prefix, struct arena *arena)
{
	const char *url = cmark_node_get_url(node);
	int image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
	char *fixed;

	if (url == NULL)
		return;
	if (!markdown_url_allowed(url)) {
		cmark_node_set_url(node, "");
		return;
	}
	if (url_is_path_relative(url) && prefix[0] != '\0') {
		fixed = arena_printf(arena, "%s%s", prefix, url);
		cmark_node_set_url(node, fixed);
	} else if (image && (url_scheme_length(url) != 0 ||
	    strncmp(url, "//", 2) == 0))
		markdown_image_to_link(node, arena);
}

static void
markdown_walk(cmark_node *root, const char *prefix, struct arena *arena)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *node;
	cmark_node_type type;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		node = cmark_iter_get_node(iter);
		type = cmark_node_get_type(node);
		if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)
			markdown_fix_link(node, prefix, arena);
	}
	cmark_iter_free(iter);
}

char *
markdown_render(struct arena *arena, const char *text, size_t len,
    const char *link_prefix)
{
	size_t bad;

	/* cmark's own UTF-8 check is costly; ask for it only when needed. */
	return markdown_render_checked(arena, text, len, link_prefix,
	    utf8_validate(text, len, &bad) && memchr(text, '\0', len) == NULL);
}

char *
markdown_render_checked(struct arena *arena, const char *text, size_t len,
    const char *link_prefix, int valid)
{
	const int options = CMARK_OPT_DEFAULT | (valid ? 0 :
	    CMARK_OPT_VALIDATE_UTF8);
	cmark_syntax_extension *ext;
	cmark_parser *parser;
	cmark_node *doc;
	char *html;
	size_t i;

	markdown_arena = arena;
	if ((parser = cmark_parser_new_with_mem(options, &markdown_mem)) ==
	    NULL)
		return NULL;
	for (i = 0; i < sizeof(extension_names) / sizeof(extension_names[0]);
	    i++)
		if ((ext = cmark_find_syntax_extension(extension_names[i])))
			cmark_parser_attach_syntax_extension(parser, ext);
	cmark_parser_feed(parser, text, len);
	doc = cmark_parser_finish(parser);
	if (doc == NULL) {
		cmark_parser_free(parser);
		return NULL;
	}
	markdown_walk(doc, link_prefix, arena);
	html = cmark_render_html_with_mem(doc, options,
	    cmark_parser_get_syntax_extensions(parser), &markdown_mem);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return html;	/* in the arena, like everything cmark allocated */
}
