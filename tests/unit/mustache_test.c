/*
 * Unit tests of the Mustache engine beyond the spec: escaping, the
 * positions and wording of parse errors, the nesting caps, and rendering
 * one parsed template many times.
 */
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "model/value.h"
#include "render/mustache.h"
#include "testlib.h"

/* Named templates for the loader: pairs of name and source, NULL-ended. */
struct library {
	const char *const	*pairs;
	int			 loads;		/* how many times it was asked */
};

static const char *
library_load(void *ctx, const char *name, size_t *len)
{
	struct library *lib = ctx;
	size_t i;

	lib->loads++;
	for (i = 0; lib->pairs[i] != NULL; i += 2)
		if (strcmp(lib->pairs[i], name) == 0) {
			*len = strlen(lib->pairs[i + 1]);
			return lib->pairs[i + 1];
		}
	return NULL;
}

/*
 * Renders `src` against `context` with the named templates `pairs`;
 * returns the output in the arena, or NULL with `err` filled.
 */
static const char *
render(struct arena *arena, const char *const *pairs, const char *src,
    const struct value *context, struct mustache_error *err)
{
	static const char *const none[] = { NULL };
	struct library lib = { pairs != NULL ? pairs : none, 0 };
	struct mustache_engine *engine;
	struct mustache_template *t;
	struct buf out = BUF_INIT;
	const char *result = NULL;

	engine = mustache_engine_new(arena, library_load, &lib);
	t = mustache_parse(arena, "test", src, strlen(src), err);
	if (t != NULL && mustache_render(engine, t, context, &out, err) == 0)
		result = arena_strdup(arena, buf_cstr(&out));
	buf_free(&out);
	return result;
}

static void
test_escaping(struct arena *arena)
{
	struct value *v = value_map(arena);

	value_set_string(arena, v, "x", "<a href='x'>&\"");
	value_set_number(arena, v, "n", 2.5);
	value_set_bool(arena, v, "b", 1);
	CHECK_STR(render(arena, NULL, "{{x}}", v, NULL),
	    "&lt;a href=&#39;x&#39;&gt;&amp;&quot;", "escape & < > \" '");
	CHECK_STR(render(arena, NULL, "{{{x}}}|{{&x}}", v, NULL),
	    "<a href='x'>&\"|<a href='x'>&\"", "{{{x}}} and {{&x}} are raw");
	CHECK_STR(render(arena, NULL, "{{n}} {{b}} [{{missing}}]", v, NULL),
	    "2.5 true []", "numbers, booleans, missing names");
}

/* Returns `s` with newlines shown as \n, for one-line test names. */
static const char *
oneline(struct arena *arena, const char *s)
{
	char *out = arena_alloc(arena, 2 * strlen(s) + 1), *p = out;

	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			*p++ = '\\';
			*p++ = 'n';
		} else
			*p++ = *s;
	}
	*p = '\0';
	return out;
}

/* Parses `src` expecting an error at line:col with message `msg`. */
static void
check_parse_error(struct arena *arena, const char *src, size_t line,
    size_t col, const char *msg)
{
	const char *label = oneline(arena, src);
	struct mustache_error err;
	struct mustache_template *t;

	memset(&err, 0, sizeof(err));
	t = mustache_parse(arena, "page", src, strlen(src), &err);
	CHECK(t == NULL, "parse error for \"%s\"", label);
	CHECK(err.line == line && err.col == col,
	    "\"%s\": error at %zu:%zu (got %zu:%zu)", label, line, col,
	    err.line, err.col);
	CHECK_STR(err.name, "page", "\"%s\": error names the template",
	    label);
	CHECK_STR(err.msg, msg, "\"%s\": error message", label);
}

static void
test_parse_errors(struct arena *arena)
{
	check_parse_error(arena, "Hello\n  {{name", 2, 3,
	    "unclosed tag: \"{{\" without \"}}\"");
	check_parse_error(arena, "{{{name}}", 1, 1,
	    "unclosed tag: \"{{\" without \"}}}\"");
	check_parse_error(arena, "{{=<% %>=}}\n\n <%name", 3, 2,
	    "unclosed tag: \"<%\" without \"%>\"");
	check_parse_error(arena, "{{#a}}\n  {{/b}}\n", 2, 3,
	    "closing tag \"b\" does not match section \"a\" opened at line 1, "
	    "column 1");
	check_parse_error(arena, "x\n\n {{^list}}\n", 3, 2,
	    "unclosed inverted section \"list\"");
	check_parse_error(arena, "{{<base}}\n{{$body}}\n{{/base}}", 3, 1,
	    "closing tag \"base\" does not match block \"body\" opened at "
	    "line 2, column 1");
	check_parse_error(arena, "x {{/a}}", 1, 3,
	    "closing tag \"a\" without an open section");
	check_parse_error(arena, "ab {{= <% =}}", 1, 4,
	    "bad set-delimiter tag: want two delimiters without blanks or '='");
	check_parse_error(arena, "{{=<%%>=}}", 1, 1,
	    "bad set-delimiter tag: want two delimiters without blanks or '='");
	check_parse_error(arena, "a\n{{# }}", 2, 1, "empty tag name");
}

static void
test_partial_error(struct arena *arena)
{
	static const char *const lib[] = { "broken", "ok\n{{#x}}", NULL };
	struct mustache_error err;

	memset(&err, 0, sizeof(err));
	CHECK(render(arena, lib, "a{{>broken}}", NULL, &err) == NULL,
	    "a partial that does not parse fails the render");
	CHECK_STR(err.name, "broken", "the error names the partial");
	CHECK(err.line == 2 && err.col == 1, "at the partial's line 2:1");
	CHECK_STR(err.msg, "unclosed section \"x\"", "with its message");
}

/* Renders a template that recurses forever; checks the error. */
static void
check_recursion(struct arena *arena, const char *const *lib,
    const char *src, const char *name, size_t col, const char *msg)
{
	struct mustache_error err;

	memset(&err, 0, sizeof(err));
	CHECK(render(arena, lib, src, NULL, &err) == NULL,
	    "endless recursion in \"%s\" fails", src);
	CHECK_STR(err.name, name, "the error names template \"%s\"", name);
	CHECK(err.line == 1 && err.col == col, "at 1:%zu (got %zu:%zu)", col,
	    err.line, err.col);
	CHECK_STR(err.msg, msg, "recursion message");
}

static void
test_recursion(struct arena *arena)
{
	static const char *const lib[] = {
		"self", "x{{>self}}",
		"parent", "{{<parent}}{{/parent}}",
		"slot", "{{$a}}{{/a}}",
		NULL,
	};
	struct mustache_error err;
	char deep[1024];
	size_t i;

	check_recursion(arena, lib, "{{>self}}", "self", 2,
	    "partial \"self\" nested deeper than 64: does it include itself?");
	check_recursion(arena, lib, "{{<parent}}{{/parent}}", "parent", 1,
	    "parent \"parent\" nested deeper than 64: does it include "
	    "itself?");
	check_recursion(arena, lib, "{{<slot}}{{$a}}[{{$a}}{{/a}}]{{/a}}"
	    "{{/slot}}", "test", 17,
	    "block \"a\" nested deeper than 64: does it include itself?");

	deep[0] = '\0';
	for (i = 0; i <= MUSTACHE_MAX_NESTING; i++)
		strcat(deep, "{{#a}}");
	memset(&err, 0, sizeof(err));
	CHECK(mustache_parse(arena, "page", deep, strlen(deep), &err) == NULL &&
	    err.line == 1 && err.col == 6 * MUSTACHE_MAX_NESTING + 1,
	    "sections nested too deeply are refused at the innermost one");
	CHECK_STR(err.msg, "sections nested deeper than 100", "nesting message");
}

/* Parse once, render many: partials are loaded and parsed once. */
static void
test_render_many(struct arena *arena)
{
	static const char *const pairs[] = {
		"page", "<ul>\n  {{>item}}\n</ul>\n",
		"item", "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n",
		NULL,
	};
	struct library lib = { pairs, 0 };
	struct mustache_engine *engine;
	const struct mustache_template *page;
	struct mustache_error err;
	struct value *v = value_map(arena), *items;
	struct buf out = BUF_INIT;
	int i, same = 1;

	items = value_set(v, "items", value_list(arena));
	value_push(items, value_string(arena, "a"));
	value_push(items, value_number(arena, 2));
	engine = mustache_engine_new(arena, library_load, &lib);
	page = mustache_engine_load(engine, "page", &err);
	CHECK(page != NULL, "load a named template");
	for (i = 0; page != NULL && i < 100; i++) {
		buf_reset(&out);
		if (mustache_render(engine, page, v, &out, &err) == -1 ||
		    strcmp(buf_cstr(&out), "<ul>\n  <li>a</li>\n  <li>2</li>\n"
		    "</ul>\n") != 0)
			same = 0;
	}
	CHECK(same, "100 renders of one tree give the same indented output");
	CHECK(lib.loads == 2, "each template loaded once (got %d)", lib.loads);
	CHECK(mustache_engine_load(engine, "nope", &err) == NULL,
	    "loading a missing template fails");
	CHECK_STR(err.msg, "no template \"nope\"", "missing template message");
	buf_free(&out);
}

static void
test_indentation(struct arena *arena)
{
	static const char *const lib[] = {
		"list", "{{#xs}}\n- {{.}}\n{{/xs}}\n",
		"base", "<main>\n  {{$body}}{{/body}}\n</main>\n",
		NULL,
	};
	struct value *v = value_map(arena), *xs;

	xs = value_set(v, "xs", value_list(arena));
	value_push(xs, value_string(arena, "a\nb"));
	value_push(xs, value_string(arena, "c"));
	CHECK_STR(render(arena, lib, "<div>\n    {{>list}}\n</div>\n", v,
	    NULL), "<div>\n    - a\nb\n    - c\n</div>\n",
	    "a standalone partial indents template lines, not data");
	CHECK_STR(render(arena, lib, "{{<base}}\n{{$body}}\n<p>\n  {{#xs}}"
	    "{{.}}{{/xs}}\n</p>\n{{/body}}\n{{/base}}\n", v, NULL),
	    "<main>\n  <p>\n    a\nbc\n  </p>\n\n</main>\n",
	    "a block argument takes the indentation of its slot");
}

/* Examples from the spec discussions on block reindentation. */
static void
test_reindentation(struct arena *arena)
{
	static const char *const lib[] = {
		"say", "I say,\n  {{$block}}\n  Hi there!\n  {{/block}}",
		"x", "{{$block}}x{{/block}}",
		NULL,
	};

	CHECK_STR(render(arena, lib, "{{<say}}\n        {{$block}}\n"
	    "        Hello\n        {{/block}}\n{{/say}}", NULL, NULL),
	    "I say,\n  Hello\n", "block outdented, then indented like its "
	    "slot (mustache/spec#131)");
	CHECK_STR(render(arena, lib, "* a\n* {{<x}}{{$block}}\n"
	    "            {{! big indent }}\n            c{{/block}}{{/x}}\n"
	    "* d", NULL, NULL), "* a\n* c\n* d",
	    "intrinsic indentation removed (mustache/spec#135)");
}

/* Shared sub-views for the tests: a row {"name": <object>}, or a list. */
static struct value *
row_build(const void *ctx, struct arena *arena, const void *object)
{
	struct value *map = value_map(arena);

	(void)ctx;
	value_set_string_ref(arena, map, "name", object);
	return map;
}

static struct value *
list_build(const void *ctx, struct arena *arena, const void *object)
{
	struct value *list = value_list(arena);

	(void)ctx;
	if (object != NULL)
		value_push(list, value_string_ref(arena, object));
	return list;
}

static struct value *
text_build(const void *ctx, struct arena *arena, const void *object)
{
	(void)ctx;
	return value_string_ref(arena, object);
}

static const struct value_recipe row_recipe = { row_build, NULL };
static const struct value_recipe list_recipe = { list_build, NULL };
static const struct value_recipe text_recipe = { text_build, NULL };

/* Templates see through references to shared sub-views. */
static void
test_shared(struct arena *arena)
{
	struct value_shared a = { &row_recipe, "a<", { { 0, 0 } } };
	struct value_shared b = { &row_recipe, "b", { { 0, 0 } } };
	struct value_shared none = { &list_recipe, NULL, { { 0, 0 } } };
	struct value_shared one = { &list_recipe, "x", { { 0, 0 } } };
	struct value_shared text = { &text_recipe, "t&", { { 0, 0 } } };
	struct value *v = value_map(arena), *rows, *entry;

	rows = value_set(v, "rows", value_list(arena));
	value_push(rows, value_shared(arena, &a));
	value_push(rows, value_shared(arena, &b));
	value_set(v, "first", value_shared(arena, &a));
	value_set(v, "none", value_shared(arena, &none));
	value_set(v, "one", value_shared(arena, &one));
	value_set(v, "text", value_shared(arena, &text));
	CHECK_STR(render(arena, NULL, "{{#rows}}[{{name}}]{{/rows}}", v, NULL),
	    "[a&lt;][b]", "a list of references: each item's members");
	CHECK_STR(render(arena, NULL, "{{first.name}} {{#first}}{{name}}"
	    "{{/first}} {{rows.1.name}}", v, NULL), "a&lt; a&lt; b",
	    "dotted names and sections through references");
	CHECK_STR(render(arena, NULL, "{{^none}}empty{{/none}}{{#none}}x"
	    "{{/none}} {{#one}}<{{.}}>{{/one}}", v, NULL), "empty <x>",
	    "a reference to a list: truthiness and items");
	CHECK_STR(render(arena, NULL, "{{text}} {{{text}}} {{#text}}{{.}}"
	    "{{/text}}", v, NULL), "t&amp; t& t&amp;",
	    "a reference to text: escaped, raw, as a section");
	entry = value_push(rows, value_map(arena));
	value_include(entry, value_shared(arena, &b));
	value_set_string(arena, entry, "extra", "e");
	CHECK_STR(render(arena, NULL, "{{#rows}}{{name}}{{extra}},{{/rows}} "
	    "{{rows.2.name}}", v, NULL), "a&lt;,b,be, b",
	    "members included from a reference, and the map's own");
}

int
main(void)
{
	struct arena arena;

	arena_init(&arena);
	test_escaping(&arena);
	test_parse_errors(&arena);
	test_partial_error(&arena);
	test_recursion(&arena);
	test_render_many(&arena);
	test_indentation(&arena);
	test_reindentation(&arena);
	test_shared(&arena);
	arena_free(&arena);
	TEST_EXIT();
}
