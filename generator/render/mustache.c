/*
 * Mustache templates: the parser turns source text into a tree once; the
 * renderer walks that tree for every page and never looks at source text.
 *
 * Whitespace follows the spec.  A standalone tag (alone on its line but
 * for blanks) takes its whole line with it.  Indentation of standalone
 * partials, parents and blocks is not pasted into the source: every node
 * that starts a non-empty template line is marked `bol`, and the renderer
 * writes the current indentation before the first output of such a line.
 * Block content has its own indentation removed when parsed and the
 * indentation of the place it is expanded added when rendered.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/buf.h"
#include "../model/value.h"
#include "mustache.h"

enum node_kind {
	NODE_TEXT,
	NODE_ESCAPED,		/* {{name}} */
	NODE_RAW,		/* {{{name}}} and {{&name}} */
	NODE_SECTION,		/* {{#name}} … {{/name}} */
	NODE_INVERTED,		/* {{^name}} … {{/name}} */
	NODE_PARTIAL,		/* {{>name}} */
	NODE_PARENT,		/* {{<name}} … {{/name}}; children: its blocks */
	NODE_BLOCK,		/* {{$name}} … {{/name}} */
	NODE__MAX
};

struct node {
	enum node_kind	 kind;
	unsigned	 bol : 1;	/* begins a template line */
	unsigned	 standalone : 1;
	const char	*text;		/* text, or the tag name (NUL-ended) */
	size_t		 len;
	const char	**path;		/* the name split at dots; none for "." */
	size_t		 npath;
	const char	*indent;	/* partial, parent, block: see below */
	size_t		 indent_len;
	struct node	**children;
	size_t		 nchildren;
	const char	*template;	/* name of the template, for errors */
	size_t		 line;
	size_t		 col;
};

/*
 * The `indent` of a standalone partial or parent is the blank space before
 * its tag.  That of a block is what its content lines were stripped of at
 * parse time; once the enclosing block is parsed, it becomes what has to
 * be added when the block is expanded.
 */

struct mustache_template {
	const char	*name;
	struct node	**nodes;
	size_t		 count;
};

static const char *const node_kind_names[NODE__MAX] = {
	"text", "variable", "variable", "section", "inverted section",
	"partial", "parent", "block",
};

/* Fills `err` with a message and a position. */
static void mustache_error_set(struct mustache_error *, const char *,
		    size_t, size_t, const char *, ...)
		    __attribute__((format(printf, 5, 6)));

static void
mustache_error_set(struct mustache_error *err, const char *name,
    size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->name = name;
	err->line = line;
	err->col = col;
}

/* ---- parsing ---------------------------------------------------------- */

enum {
	STRIP_LEFT = 1,		/* drop the blanks before the tag */
	STRIP_RIGHT = 2,	/* drop the blanks and line end after it */
	STRIP_BOTH = 3,
};

struct tag {
	char		 sigil;		/* "#^/!><$&{=" or 0 for a variable */
	const char	*name;		/* trimmed content */
	size_t		 name_len;
	size_t		 start;		/* offset of the opening delimiter */
	size_t		 end;		/* offset past the closing delimiter */
	size_t		 line_start;	/* start of the line, if left_clear */
	size_t		 line_end;	/* past the line end, if right_clear */
	int		 left_clear;	/* only blanks before it on its line */
	int		 right_clear;	/* only blanks after it on its line */
	size_t		 line;
	size_t		 col;
};

struct frame {
	struct node	*node;		/* open section; NULL at the root */
	struct ptrvec	 children;
	struct node	*held;		/* parent: the blanks before its tag */
	int		 left_clear;	/* parent: its tag began a line */
	struct frame	*up;
};

struct parser {
	struct arena	*arena;
	struct mustache_error *err;
	const char	*name;
	const char	*src;
	size_t		 len;
	size_t		 pos;		/* start of the unconsumed text */
	const char	*open;		/* current delimiters */
	size_t		 open_len;
	const char	*close;
	size_t		 close_len;
	int		 at_bol;	/* pos is at the start of a line */
	struct frame	*frame;
	size_t		 depth;
	size_t		 mark;		/* offset located last, its line */
	size_t		 mark_line;	/* (0-based) and the line's start */
	size_t		 mark_bol;
};

typedef int parse_fn(struct parser *, const struct tag *);

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_space(char c)
{
	return is_blank(c) || c == '\n' || c == '\r';
}

/* Returns the offset of `pat` in src[from, len), or len when absent. */
static size_t
text_find(const char *src, size_t from, size_t len, const char *pat,
    size_t plen)
{
	const char *s;

	while (from + plen <= len) {
		s = memchr(src + from, pat[0], len - from - plen + 1);
		if (s == NULL)
			break;
		from = (size_t)(s - src);
		if (memcmp(s, pat, plen) == 0)
			return from;
		from++;
	}
	return len;
}

/* Returns how many leading bytes of `s` match `indent`. */
static size_t
text_common(const char *s, size_t len, const char *indent, size_t ilen)
{
	size_t n = 0;

	while (n < len && n < ilen && s[n] == indent[n])
		n++;
	return n;
}

/* Sets *line and *col (1-based) for an offset not before the last one. */
static void
parser_locate(struct parser *p, size_t off, size_t *line, size_t *col)
{
	const char *nl;

	while (p->mark < off) {
		nl = memchr(p->src + p->mark, '\n', off - p->mark);
		if (nl == NULL) {
			p->mark = off;
			break;
		}
		p->mark = (size_t)(nl - p->src) + 1;
		p->mark_bol = p->mark;
		p->mark_line++;
	}
	*line = p->mark_line + 1;
	*col = off - p->mark_bol + 1;
}

/* Reports an error at a tag; returns -1. */
static int
parser_fail(struct parser *p, const struct tag *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
parser_fail(struct parser *p, const struct tag *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	p->err->name = p->name;
	p->err->line = t->line;
	p->err->col = t->col;
	return -1;
}

static struct node *
parser_node(struct parser *p, enum node_kind kind, const struct tag *t)
{
	struct node *n = arena_calloc(p->arena, 1, sizeof(*n));

	n->kind = kind;
	n->template = p->name;
	if (t != NULL) {
		n->line = t->line;
		n->col = t->col;
	}
	return n;
}

/* Adds a node to the open section; a parent keeps only its blocks. */
static void
parser_add(struct parser *p, struct node *n)
{
	struct node *open = p->frame->node;

	if (open != NULL && open->kind == NODE_PARENT && n->kind != NODE_BLOCK)
		return;
	ptrvec_push(p->arena, &p->frame->children, n);
}

/*
 * Adds the source text from p->pos to `end` as text nodes, one per line.
 * Returns the last node made, or NULL.
 */
static struct node *
parser_text(struct parser *p, size_t end)
{
	struct node *n = NULL;
	const char *s, *nl;
	size_t len;

	while (p->pos < end) {
		s = p->src + p->pos;
		nl = memchr(s, '\n', end - p->pos);
		len = nl != NULL ? (size_t)(nl - s) + 1 : end - p->pos;
		n = parser_node(p, NODE_TEXT, NULL);
		n->text = s;
		n->len = len;
		n->bol = p->at_bol && s[0] != '\n' &&
		    !(s[0] == '\r' && len > 1 && s[1] == '\n');
		parser_add(p, n);
		p->at_bol = s[len - 1] == '\n';
		p->pos += len;
	}
	return n;
}

/*
 * Consumes a tag and the text before it, dropping the sides named by
 * `strip`.  Returns whether the tag, when kept, begins a line.
 */
static int
parser_place(struct parser *p, const struct tag *t, int strip)
{
	int bol;

	parser_text(p, strip & STRIP_LEFT ? t->line_start : t->start);
	bol = p->at_bol;
	p->pos = t->end;
	if (strip & STRIP_RIGHT) {
		p->pos = t->line_end;
		p->at_bol = 1;
	}
	return bol;
}

/* Consumes a tag that stays in the tree: standalone, or mid-line. */
static void
parser_place_node(struct parser *p, const struct tag *t, struct node *n,
    int strip)
{
	if (strip) {
		parser_place(p, t, strip);
		n->standalone = 1;
		return;
	}
	n->bol = parser_place(p, t, 0) ? 1 : 0;
	p->at_bol = 0;
}

static int
tag_is_standalone(const struct tag *t)
{
	return t->left_clear && t->right_clear;
}

/* Sets the node's name and its dotted path; returns -1 if empty. */
static int
parser_name(struct parser *p, const struct tag *t, struct node *n)
{
	const char *s, *dot, *end;
	size_t i;

	if (t->name_len == 0)
		return parser_fail(p, t, "empty tag name");
	n->text = arena_strndup(p->arena, t->name, t->name_len);
	n->len = t->name_len;
	if (strcmp(n->text, ".") == 0)
		return 0;
	n->npath = 1;
	for (i = 0; i < n->len; i++)
		n->npath += n->text[i] == '.';
	n->path = arena_calloc(p->arena, n->npath, sizeof(*n->path));
	end = n->text + n->len;
	for (s = n->text, i = 0; i < n->npath; i++, s = dot + 1) {
		dot = memchr(s, '.', (size_t)(end - s));
		if (dot == NULL)
			dot = end;
		n->path[i] = arena_strndup(p->arena, s, (size_t)(dot - s));
	}
	return 0;
}

/* Opens a section, inverted section, parent or block. */
static int
parser_push(struct parser *p, const struct tag *t, struct node *n)
{
	struct frame *f;

	if (p->depth >= MUSTACHE_MAX_NESTING)
		return parser_fail(p, t, "sections nested deeper than %d",
		    MUSTACHE_MAX_NESTING);
	parser_add(p, n);
	f = arena_calloc(p->arena, 1, sizeof(*f));
	f->node = n;
	f->up = p->frame;
	p->frame = f;
	p->depth++;
	return 0;
}

/* {{! comment }}: leaves nothing in the tree. */
static int
parser_comment(struct parser *p, const struct tag *t)
{
	parser_place(p, t, tag_is_standalone(t) ? STRIP_BOTH : 0);
	return 0;
}

/* Returns the length of the delimiter starting at `s`. */
static size_t
parser_delimiter(const char *s, const char *end)
{
	size_t n = 0;

	while (s + n < end && !is_space(s[n]) && s[n] != '=')
		n++;
	return n;
}

/* {{=<% %>=}}: two delimiters without blanks or '='. */
static int
parser_delimiters(struct parser *p, const struct tag *t)
{
	const char *s = t->name, *end = t->name + t->name_len, *close;
	size_t open_len, close_len;

	open_len = parser_delimiter(s, end);
	for (close = s + open_len; close < end && is_blank(*close); close++)
		continue;
	close_len = parser_delimiter(close, end);
	if (open_len == 0 || close == s + open_len || close_len == 0 ||
	    close + close_len != end)
		return parser_fail(p, t, "bad set-delimiter tag: want two "
		    "delimiters without blanks or '='");
	parser_place(p, t, tag_is_standalone(t) ? STRIP_BOTH : 0);
	p->open = arena_strndup(p->arena, s, open_len);
	p->open_len = open_len;
	p->close = arena_strndup(p->arena, close, close_len);
	p->close_len = close_len;
	return 0;
}

/* {{name}}, {{{name}}} and {{&name}}. */
static int
parser_variable(struct parser *p, const struct tag *t)
{
	struct node *n = parser_node(p, t->sigil ? NODE_RAW : NODE_ESCAPED, t);

	if (parser_name(p, t, n) == -1)
		return -1;
	parser_place_node(p, t, n, 0);
	parser_add(p, n);
	return 0;
}

/* {{>name}}: a standalone partial keeps its indentation. */
static int
parser_partial(struct parser *p, const struct tag *t)
{
	struct node *n = parser_node(p, NODE_PARTIAL, t);
	int strip = tag_is_standalone(t) ? STRIP_BOTH : 0;

	if (parser_name(p, t, n) == -1)
		return -1;
	if (strip) {
		n->indent = p->src + t->line_start;
		n->indent_len = t->start - t->line_start;
	}
	parser_place_node(p, t, n, strip);
	parser_add(p, n);
	return 0;
}

/* {{#name}} and {{^name}}. */
static int
parser_section(struct parser *p, const struct tag *t)
{
	struct node *n = parser_node(p,
	    t->sigil == '#' ? NODE_SECTION : NODE_INVERTED, t);

	if (parser_name(p, t, n) == -1)
		return -1;
	parser_place_node(p, t, n, tag_is_standalone(t) ? STRIP_BOTH : 0);
	return parser_push(p, t, n);
}

/*
 * {{<name}}: whether it is standalone is known only at its closing tag,
 * so blanks before it are kept in a node of their own until then.
 */
static int
parser_parent(struct parser *p, const struct tag *t)
{
	struct node *n = parser_node(p, NODE_PARENT, t), *held = NULL;

	if (parser_name(p, t, n) == -1)
		return -1;
	if (t->left_clear) {
		parser_text(p, t->line_start);
		held = parser_text(p, t->start);
	}
	parser_place_node(p, t, n, 0);
	if (parser_push(p, t, n) == -1)
		return -1;
	p->frame->left_clear = t->left_clear;
	p->frame->held = held;
	return 0;
}

/*
 * {{$name}}: as an argument (directly inside a parent) it is standalone
 * when nothing but blanks follows it; elsewhere by the usual rule.  Its
 * content is de-indented by the blanks starting its first line when the
 * tag is standalone, else by the blanks before the tag.
 */
static int
parser_block(struct parser *p, const struct tag *t)
{
	struct node *n = parser_node(p, NODE_BLOCK, t);
	struct node *open = p->frame->node;
	int strip;
	size_t i;

	if (parser_name(p, t, n) == -1)
		return -1;
	if (open != NULL && open->kind == NODE_PARENT)
		strip = t->right_clear ? STRIP_RIGHT : 0;
	else
		strip = tag_is_standalone(t) ? STRIP_BOTH : 0;
	if (!strip && t->left_clear) {
		n->indent = p->src + t->line_start;
		n->indent_len = t->start - t->line_start;
	}
	parser_place_node(p, t, n, strip);
	if (strip) {
		for (i = p->pos; i < p->len && is_blank(p->src[i]); i++)
			continue;
		n->indent = p->src + p->pos;
		n->indent_len = i - p->pos;
	}
	return parser_push(p, t, n);
}

/*
 * Removes up to `indent` from the start of each line of a block's content
 * and from the indentation of the partials, parents and blocks in it.
 */
static void
block_strip(struct node **nodes, size_t count, const char *indent,
    size_t len)
{
	struct node *n;
	size_t i, k;

	for (i = 0; i < count; i++) {
		n = nodes[i];
		switch (n->kind) {
		case NODE_TEXT:
			if (!n->bol)
				break;
			k = text_common(n->text, n->len, indent, len);
			n->text += k;
			n->len -= k;
			break;
		case NODE_PARTIAL:
		case NODE_PARENT:
		case NODE_BLOCK:
			k = text_common(n->indent, n->indent_len, indent, len);
			n->indent += k;
			n->indent_len -= k;
			break;
		case NODE_SECTION:
		case NODE_INVERTED:
			block_strip(n->children, n->nchildren, indent, len);
			break;
		default:
			break;
		}
	}
}

/*
 * Returns how a closing tag is standalone: a parent's pair of tags when
 * the opening one begins its line and the closing one ends its line; a
 * block argument's closing tag when it begins its line (what follows is
 * ignored anyway); any other by the usual rule.
 */
static int
parser_close_strip(struct parser *p, const struct tag *t)
{
	struct frame *f = p->frame;
	struct node *up = f->up->node;

	switch (f->node->kind) {
	case NODE_PARENT:
		return f->left_clear && t->right_clear ? STRIP_RIGHT : 0;
	case NODE_BLOCK:
		if (up != NULL && up->kind == NODE_PARENT)
			return t->left_clear ? STRIP_LEFT : 0;
		/* FALLTHROUGH */
	default:
		return tag_is_standalone(t) ? STRIP_BOTH : 0;
	}
}

/* Marks a parent whose pair of tags is standalone. */
static void
parser_parent_standalone(struct frame *f)
{
	struct node *n = f->node;

	n->standalone = 1;
	n->bol = 0;
	if (f->held == NULL)
		return;
	n->indent = f->held->text;
	n->indent_len = f->held->len;
	f->held->len = 0;
	f->held->bol = 0;
}

/* {{/name}}: closes the innermost open section, which must match. */
static int
parser_close(struct parser *p, const struct tag *t)
{
	struct frame *f = p->frame;
	struct node *n = f->node, *empty;
	int strip;

	if (n == NULL)
		return parser_fail(p, t, "closing tag \"%.*s\" without an "
		    "open section", (int)t->name_len, t->name);
	if (t->name_len != n->len || memcmp(t->name, n->text, n->len) != 0)
		return parser_fail(p, t, "closing tag \"%.*s\" does not match "
		    "%s \"%s\" opened at line %zu, column %zu",
		    (int)t->name_len, t->name, node_kind_names[n->kind],
		    n->text, n->line, n->col);
	strip = parser_close_strip(p, t);
	if (n->kind == NODE_PARENT && strip)
		parser_parent_standalone(f);
	if (parser_place(p, t, strip) && !strip) {
		/* a line starting with this tag still needs its indentation */
		empty = parser_node(p, NODE_TEXT, NULL);
		empty->text = "";
		empty->bol = 1;
		parser_add(p, empty);
	}
	if (!(strip & STRIP_RIGHT))
		p->at_bol = 0;
	n->children = (struct node **)f->children.items;
	n->nchildren = f->children.len;
	if (n->kind == NODE_BLOCK)
		block_strip(n->children, n->nchildren, n->indent,
		    n->indent_len);
	p->frame = f->up;
	p->depth--;
	return 0;
}

static const struct {
	char		 sigil;
	parse_fn	*parse;
} parse_table[] = {
	{ '!', parser_comment },
	{ '=', parser_delimiters },
	{ '#', parser_section },
	{ '^', parser_section },
	{ '/', parser_close },
	{ '>', parser_partial },
	{ '<', parser_parent },
	{ '$', parser_block },
	{ '&', parser_variable },
	{ '{', parser_variable },
	{ '\0', parser_variable },
};

/* Finds where a tag's content ends; returns -1 if it never does. */
static int
parser_tag_end(struct parser *p, struct tag *t, size_t from)
{
	char last = t->sigil == '{' ? '}' : t->sigil == '=' ? '=' : '\0';
	size_t at, min = from;

	for (;;) {
		at = text_find(p->src, from, p->len, p->close, p->close_len);
		if (at == p->len)
			return -1;
		if (last == '\0' || (at > min && p->src[at - 1] == last))
			break;
		from = at + 1;
	}
	t->name = p->src + min;
	t->name_len = at - min - (last != '\0');
	t->end = at + p->close_len;
	return 0;
}

/* Works out whether only blanks surround the tag on its line. */
static void
parser_tag_clearance(struct parser *p, struct tag *t)
{
	const char *s = p->src;
	size_t i;

	for (i = t->start; i > 0 && is_blank(s[i - 1]); i--)
		continue;
	t->left_clear = i == 0 || s[i - 1] == '\n';
	t->line_start = i;
	for (i = t->end; i < p->len && is_blank(s[i]); i++)
		continue;
	if (i < p->len && s[i] == '\r' && i + 1 < p->len && s[i + 1] == '\n')
		i++;
	t->right_clear = i == p->len || s[i] == '\n';
	t->line_end = i < p->len ? i + 1 : i;
}

/* Reads the tag at `start`; returns -1 if it is not closed. */
static int
parser_read_tag(struct parser *p, size_t start, struct tag *t)
{
	size_t from = start + p->open_len;
	char c = from < p->len ? p->src[from] : '\0';

	memset(t, 0, sizeof(*t));
	t->start = start;
	parser_locate(p, start, &t->line, &t->col);
	if (c != '\0' && strchr("#^/!><$&{=", c) != NULL) {
		t->sigil = c;
		from++;
	}
	if (parser_tag_end(p, t, from) == -1)
		return parser_fail(p, t, "unclosed tag: \"%s\" without \"%s%s\"",
		    p->open, t->sigil == '{' ? "}" : t->sigil == '=' ? "=" : "",
		    p->close);
	while (t->name_len > 0 && is_space(t->name[0])) {
		t->name++;
		t->name_len--;
	}
	while (t->name_len > 0 && is_space(t->name[t->name_len - 1]))
		t->name_len--;
	parser_tag_clearance(p, t);
	return 0;
}

/* Handles one tag through the table. */
static int
parser_dispatch(struct parser *p, const struct tag *t)
{
	size_t i;

	for (i = 0; i < sizeof(parse_table) / sizeof(parse_table[0]); i++)
		if (parse_table[i].sigil == t->sigil)
			return parse_table[i].parse(p, t);
	return -1;
}

/* Reports the innermost section left open at the end; returns -1. */
static int
parser_unclosed(struct parser *p)
{
	struct node *n = p->frame->node;

	mustache_error_set(p->err, p->name, n->line, n->col,
	    "unclosed %s \"%s\"", node_kind_names[n->kind], n->text);
	return -1;
}

/* Parses the whole source into p->frame; returns -1 on error. */
static int
parser_run(struct parser *p)
{
	struct tag t;
	size_t start;

	while (p->pos < p->len) {
		start = text_find(p->src, p->pos, p->len, p->open,
		    p->open_len);
		if (start == p->len) {
			parser_text(p, p->len);
			break;
		}
		if (parser_read_tag(p, start, &t) == -1 ||
		    parser_dispatch(p, &t) == -1)
			return -1;
	}
	if (p->frame->up != NULL)
		return parser_unclosed(p);
	return 0;
}

struct mustache_template *
mustache_parse(struct arena *arena, const char *name, const char *src,
    size_t len, struct mustache_error *err)
{
	struct mustache_error scratch;
	struct mustache_template *t;
	struct frame root;
	struct parser p;

	memset(&p, 0, sizeof(p));
	memset(&root, 0, sizeof(root));
	p.arena = arena;
	p.err = err != NULL ? err : &scratch;
	p.name = arena_strdup(arena, name != NULL ? name : "");
	p.src = arena_strndup(arena, src, len);
	p.len = len;
	p.open = "{{";
	p.open_len = 2;
	p.close = "}}";
	p.close_len = 2;
	p.at_bol = 1;
	p.frame = &root;
	if (parser_run(&p) == -1)
		return NULL;
	t = arena_calloc(arena, 1, sizeof(*t));
	t->name = p.name;
	t->nodes = (struct node **)root.children.items;
	t->count = root.children.len;
	return t;
}

/* ---- the engine: loader and cache ------------------------------------- */

#define CACHE_BUCKETS	64

struct cache_entry {
	const char		*name;
	struct mustache_template *template;	/* NULL if absent or bad */
	int			 absent;
	struct mustache_error	 error;		/* why it did not parse */
	struct cache_entry	*next;
};

struct mustache_engine {
	struct arena		*arena;
	mustache_load_fn	*load;
	void			*ctx;
	struct cache_entry	*buckets[CACHE_BUCKETS];
	char			*indent;	/* indentation while rendering */
	size_t			 indent_cap;
};

struct mustache_engine *
mustache_engine_new(struct arena *arena, mustache_load_fn *load, void *ctx)
{
	struct mustache_engine *e = arena_calloc(arena, 1, sizeof(*e));

	e->arena = arena;
	e->load = load;
	e->ctx = ctx;
	return e;
}

static size_t
cache_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % CACHE_BUCKETS;
}

/* Returns the named template's entry, loading it on first use. */
static struct cache_entry *
engine_entry(struct mustache_engine *e, const char *name)
{
	struct cache_entry *c, **bucket = &e->buckets[cache_hash(name)];
	const char *src = NULL;
	size_t len = 0;

	for (c = *bucket; c != NULL; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	c = arena_calloc(e->arena, 1, sizeof(*c));
	c->name = arena_strdup(e->arena, name);
	if (e->load != NULL)
		src = e->load(e->ctx, name, &len);
	if (src == NULL)
		c->absent = 1;
	else
		c->template = mustache_parse(e->arena, c->name, src, len,
		    &c->error);
	c->next = *bucket;
	*bucket = c;
	return c;
}

const struct mustache_template *
mustache_engine_load(struct mustache_engine *e, const char *name,
    struct mustache_error *err)
{
	struct cache_entry *c = engine_entry(e, name);
	struct mustache_error scratch;

	if (err == NULL)
		err = &scratch;
	if (c->absent)
		mustache_error_set(err, c->name, 0, 0, "no template \"%s\"",
		    name);
	else if (c->template == NULL)
		*err = c->error;
	return c->template;
}

/* ---- rendering -------------------------------------------------------- */

struct scope {			/* the context stack */
	const struct value	*value;
	const struct scope	*up;
};

struct arguments {		/* the parents being rendered, innermost first */
	const struct node	*parent;
	const struct arguments	*up;
};

struct render {
	struct mustache_engine	*engine;
	struct buf		*out;
	struct mustache_error	*err;
	const struct arguments	*arguments;
	size_t			 indent_len;
	int			 pending;	/* indentation due */
	int			 skip_bol;	/* next line start is mid-line */
	int			 depth;
};

/* What render_enter saves and render_leave restores. */
struct render_mark {
	const struct arguments	*arguments;
	size_t			 indent_len;
	size_t			 out_len;
	int			 pending;
	int			 skip_bol;
};

typedef int render_fn(struct render *, const struct node *,
		    const struct scope *);

static int	 render_nodes(struct render *, struct node *const *, size_t,
		    const struct scope *);

static const char *const escapes[256] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
	['\''] = "&#39;",
};

/* Appends output, preceded by the indentation if a line just began. */
static void
render_put(struct render *r, const char *s, size_t len)
{
	if (len == 0)
		return;
	if (r->pending) {
		buf_append(r->out, r->engine->indent, r->indent_len);
		r->pending = 0;
	}
	r->skip_bol = 0;
	buf_append(r->out, s, len);
}

static void
render_escaped(struct render *r, const char *s, size_t len)
{
	const char *e;
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		if ((e = escapes[(unsigned char)s[i]]) == NULL)
			continue;
		render_put(r, s + run, i - run);
		render_put(r, e, strlen(e));
		run = i + 1;
	}
	render_put(r, s + run, len - run);
}

/* A template line begins: indentation becomes due. */
static void
render_bol(struct render *r)
{
	if (r->skip_bol)
		r->skip_bol = 0;
	else if (r->indent_len > 0)
		r->pending = 1;
}

/* Finds a name on the context stack per the spec; NULL when missing. */
static const struct value *
scope_lookup(const struct scope *s, const struct node *n)
{
	const struct value *v = NULL;
	size_t i;

	if (n->npath == 0)
		return s != NULL ? s->value : NULL;
	for (; s != NULL && v == NULL; s = s->up)
		v = value_get(s->value, n->path[0]);
	for (i = 1; v != NULL && i < n->npath; i++)
		v = value_child(v, n->path[i]);
	return v;
}

static int
render_text(struct render *r, const struct node *n, const struct scope *s)
{
	(void)s;
	render_put(r, n->text, n->len);
	return 0;
}

/* Interpolates a value: text, number or boolean; nothing otherwise. */
static int
render_variable(struct render *r, const struct node *n,
    const struct scope *s)
{
	const struct value *v = value_deref(scope_lookup(s, n));
	const char *text;
	char number[32];
	size_t len;

	if (v == NULL)
		return 0;
	switch (v->kind) {
	case VALUE_STRING:
	case VALUE_MARKDOWN:
		text = value_text(v, &len);
		break;
	case VALUE_NUMBER:
		value_format_number(v->u.number, number);
		text = number;
		len = strlen(number);
		break;
	case VALUE_BOOL:
		text = v->u.boolean ? "true" : "false";
		len = strlen(text);
		break;
	default:
		return 0;
	}
	if (n->kind == NODE_ESCAPED)
		render_escaped(r, text, len);
	else
		render_put(r, text, len);
	return 0;
}

/* {{#name}}: once per list item, else once if the value is truthy. */
static int
render_section(struct render *r, const struct node *n,
    const struct scope *s)
{
	const struct value *v = value_deref(scope_lookup(s, n)), *item;
	struct scope inner;

	if (!value_is_truthy(v))
		return 0;
	inner.up = s;
	if (v->kind != VALUE_LIST) {
		inner.value = v;
		return render_nodes(r, n->children, n->nchildren, &inner);
	}
	for (item = v->u.children.first; item != NULL; item = item->next) {
		inner.value = item;
		if (render_nodes(r, n->children, n->nchildren, &inner) == -1)
			return -1;
	}
	return 0;
}

static int
render_inverted(struct render *r, const struct node *n,
    const struct scope *s)
{
	if (value_is_truthy(scope_lookup(s, n)))
		return 0;
	return render_nodes(r, n->children, n->nchildren, s);
}

/* Appends to the indentation, growing its buffer in the arena. */
static void
render_indent(struct render *r, const char *s, size_t len)
{
	struct mustache_engine *e = r->engine;
	size_t cap = e->indent_cap ? e->indent_cap : 64;
	char *grown;

	while (cap < r->indent_len + len)
		cap *= 2;
	if (cap != e->indent_cap) {
		grown = arena_alloc(e->arena, cap);
		if (r->indent_len > 0)
			memcpy(grown, e->indent, r->indent_len);
		e->indent = grown;
		e->indent_cap = cap;
	}
	if (len > 0)
		memcpy(e->indent + r->indent_len, s, len);
	r->indent_len += len;
}

/*
 * Starts expanding a partial, parent or block, indented by the node's
 * indentation.  Returns -1 when expansions nest too deeply.
 */
static int
render_enter(struct render *r, const struct node *n, struct render_mark *m)
{
	if (r->depth >= MUSTACHE_MAX_DEPTH) {
		mustache_error_set(r->err, n->template, n->line, n->col,
		    "%s \"%s\" nested deeper than %d: does it include itself?",
		    node_kind_names[n->kind], n->text, MUSTACHE_MAX_DEPTH);
		return -1;
	}
	r->depth++;
	m->arguments = r->arguments;
	m->indent_len = r->indent_len;
	m->out_len = r->out->len;
	m->pending = r->pending;
	m->skip_bol = r->skip_bol;
	render_indent(r, n->indent, n->indent_len);
	return 0;
}

/*
 * Ends an expansion.  Indentation left due by its last line is dropped,
 * unless it wrote nothing at all.
 */
static void
render_leave(struct render *r, const struct render_mark *m)
{
	int silent = r->out->len == m->out_len;

	r->depth--;
	r->arguments = m->arguments;
	r->indent_len = m->indent_len;
	r->pending = silent ? m->pending : 0;
	r->skip_bol = silent ? m->skip_bol : 0;
}

/* Returns the named template or NULL if absent; -1 if it did not parse. */
static int
render_load(struct render *r, const struct node *n,
    const struct mustache_template **t)
{
	struct cache_entry *c = engine_entry(r->engine, n->text);

	*t = c->template;
	if (c->absent || c->template != NULL)
		return 0;
	*r->err = c->error;
	return -1;
}

/* {{>name}} and {{<name}}…{{/name}}: a parent also brings its blocks. */
static int
render_partial(struct render *r, const struct node *n,
    const struct scope *s)
{
	const struct mustache_template *t;
	struct arguments arguments;
	struct render_mark m;
	int rc;

	if (render_load(r, n, &t) == -1)
		return -1;
	if (t == NULL)
		return 0;
	if (render_enter(r, n, &m) == -1)
		return -1;
	if (n->kind == NODE_PARENT) {
		arguments.parent = n;
		arguments.up = r->arguments;
		r->arguments = &arguments;
	}
	rc = render_nodes(r, t->nodes, t->count, s);
	render_leave(r, &m);
	return rc;
}

/* Returns the outermost argument for a block, or NULL. */
static const struct node *
arguments_find(const struct arguments *a, const struct node *block)
{
	const struct node *found = NULL, *parent;
	size_t i;

	for (; a != NULL; a = a->up) {
		parent = a->parent;
		for (i = 0; i < parent->nchildren; i++)
			if (strcmp(parent->children[i]->text, block->text) == 0) {
				found = parent->children[i];
				break;
			}
	}
	return found;
}

/*
 * {{$name}}: the argument passed by the outermost parent, else the
 * default content.  When the block's tags are standalone the first line
 * is indented too; otherwise it continues the line of the tag.
 */
static int
render_block(struct render *r, const struct node *n, const struct scope *s)
{
	const struct node *body = arguments_find(r->arguments, n);
	struct render_mark m;
	int rc;

	if (body == NULL)
		body = n;
	if (render_enter(r, n, &m) == -1)
		return -1;
	if (n->standalone) {
		r->pending = r->indent_len > 0;
		r->skip_bol = 0;
	} else
		r->skip_bol = 1;
	rc = render_nodes(r, body->children, body->nchildren, s);
	render_leave(r, &m);
	return rc;
}

static render_fn *const render_table[NODE__MAX] = {
	[NODE_TEXT] = render_text,
	[NODE_ESCAPED] = render_variable,
	[NODE_RAW] = render_variable,
	[NODE_SECTION] = render_section,
	[NODE_INVERTED] = render_inverted,
	[NODE_PARTIAL] = render_partial,
	[NODE_PARENT] = render_partial,
	[NODE_BLOCK] = render_block,
};

static int
render_nodes(struct render *r, struct node *const *nodes, size_t count,
    const struct scope *s)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (nodes[i]->bol)
			render_bol(r);
		if (render_table[nodes[i]->kind](r, nodes[i], s) == -1)
			return -1;
	}
	return 0;
}

int
mustache_render(struct mustache_engine *e, const struct mustache_template *t,
    const struct value *context, struct buf *out, struct mustache_error *err)
{
	struct mustache_error scratch;
	struct scope root;
	struct render r;

	memset(&r, 0, sizeof(r));
	r.engine = e;
	r.out = out;
	r.err = err != NULL ? err : &scratch;
	root.value = context;
	root.up = NULL;
	return render_nodes(&r, t->nodes, t->count,
	    context != NULL ? &root : NULL);
}
