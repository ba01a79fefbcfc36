/*
 * Runs the official Mustache spec (YAML files under
 * $GONGKAI_ROOT/../shared/conformance/mustache-spec/) against our engine:
 * one "ok"/"not ok" line per spec case.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "base/arena.h"
#include "base/buf.h"
#include "model/value.h"
#include "render/mustache.h"
#include "testlib.h"

static const char *const spec_files[] = {
	"comments.yml",
	"delimiters.yml",
	"interpolation.yml",
	"inverted.yml",
	"partials.yml",
	"sections.yml",
	"~inheritance.yml",
};

/* Plain YAML scalars that are not strings. */
static const struct {
	const char	*word;
	enum value_kind	 kind;
	int		 boolean;
} yaml_words[] = {
	{ "", VALUE_NULL, 0 },
	{ "~", VALUE_NULL, 0 },
	{ "null", VALUE_NULL, 0 },
	{ "Null", VALUE_NULL, 0 },
	{ "NULL", VALUE_NULL, 0 },
	{ "true", VALUE_BOOL, 1 },
	{ "True", VALUE_BOOL, 1 },
	{ "TRUE", VALUE_BOOL, 1 },
	{ "false", VALUE_BOOL, 0 },
	{ "False", VALUE_BOOL, 0 },
	{ "FALSE", VALUE_BOOL, 0 },
};

static struct value *yaml_value(yaml_parser_t *, struct arena *,
		    yaml_event_t *);

/* Returns 1 and the number if `s` is a plain decimal number. */
static int
yaml_number(const char *s, double *n)
{
	char *end;

	if (s[0] == '\0' || strspn(s, "0123456789+-.eE") != strlen(s) ||
	    strpbrk(s, "0123456789") == NULL)
		return 0;
	*n = strtod(s, &end);
	return *end == '\0';
}

/* Types a scalar: quoted ones are strings, plain ones may be other. */
static struct value *
yaml_scalar(struct arena *arena, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t i, len = ev->data.scalar.length;
	double n;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return value_stringn(arena, s, len);
	for (i = 0; i < sizeof(yaml_words) / sizeof(yaml_words[0]); i++)
		if (strcmp(s, yaml_words[i].word) == 0)
			return yaml_words[i].kind == VALUE_NULL ?
			    value_null(arena) :
			    value_bool(arena, yaml_words[i].boolean);
	if (yaml_number(s, &n))
		return value_number(arena, n);
	return value_stringn(arena, s, len);
}

/* Reads the items up to the end of a sequence; NULL on error. */
static struct value *
yaml_sequence(yaml_parser_t *parser, struct arena *arena)
{
	struct value *list = value_list(arena), *item;
	yaml_event_t ev;

	for (;;) {
		if (!yaml_parser_parse(parser, &ev))
			return NULL;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return list;
		}
		if ((item = yaml_value(parser, arena, &ev)) == NULL)
			return NULL;
		value_push(list, item);
	}
}

/* Reads the members up to the end of a mapping; NULL on error. */
static struct value *
yaml_mapping(yaml_parser_t *parser, struct arena *arena)
{
	struct value *map = value_map(arena), *member;
	yaml_event_t ev;
	char *key;

	for (;;) {
		if (!yaml_parser_parse(parser, &ev))
			return NULL;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return map;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			yaml_event_delete(&ev);
			return NULL;
		}
		key = arena_strndup(arena, (const char *)ev.data.scalar.value,
		    ev.data.scalar.length);
		yaml_event_delete(&ev);
		if (!yaml_parser_parse(parser, &ev))
			return NULL;
		if ((member = yaml_value(parser, arena, &ev)) == NULL)
			return NULL;
		value_set(map, key, member);
	}
}

/*
 * Builds the value starting with event `ev` (which it deletes); returns
 * NULL on a syntax error or an alias.
 */
static struct value *
yaml_value(yaml_parser_t *parser, struct arena *arena, yaml_event_t *ev)
{
	struct value *v = NULL;
	yaml_event_type_t type = ev->type;

	if (type == YAML_SCALAR_EVENT)
		v = yaml_scalar(arena, ev);
	yaml_event_delete(ev);
	if (type == YAML_SEQUENCE_START_EVENT)
		v = yaml_sequence(parser, arena);
	else if (type == YAML_MAPPING_START_EVENT)
		v = yaml_mapping(parser, arena);
	return v;
}

/* Loads the first document of a YAML file; NULL if it does not parse. */
static struct value *
yaml_load(struct arena *arena, const char *path)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct value *v = NULL;
	FILE *fp;
	int done = 0;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, fp);
	while (!done && yaml_parser_parse(&parser, &ev)) {
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
			yaml_event_delete(&ev);
			break;
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			done = 1;
			break;
		default:
			v = yaml_value(&parser, arena, &ev);
			done = 1;
			break;
		}
	}
	yaml_parser_delete(&parser);
	fclose(fp);
	return v;
}

/* The text of a spec field: strings as such, plain numbers as written. */
static const char *
spec_text(struct arena *arena, const struct value *v)
{
	char number[32];

	if (v == NULL)
		return "";
	switch (v->kind) {
	case VALUE_STRING:
		return v->u.string.ptr;
	case VALUE_NUMBER:
		value_format_number(v->u.number, number);
		return arena_strdup(arena, number);
	case VALUE_BOOL:
		return v->u.boolean ? "true" : "false";
	default:
		return "";
	}
}

/* Partial loader over a test's "partials" map. */
static const char *
spec_partial(void *ctx, const char *name, size_t *len)
{
	const struct value *v = value_get(ctx, name);

	if (v == NULL || v->kind != VALUE_STRING)
		return NULL;
	*len = v->u.string.len;
	return v->u.string.ptr;
}

/* Runs one spec case and prints its result line. */
static void
spec_run_case(struct arena *arena, const char *file, const struct value *t)
{
	const char *name = spec_text(arena, value_get(t, "name"));
	const char *src = spec_text(arena, value_get(t, "template"));
	const char *want = spec_text(arena, value_get(t, "expected"));
	struct mustache_engine *engine;
	const struct mustache_template *tmpl;
	struct mustache_error err;
	struct buf out = BUF_INIT;

	engine = mustache_engine_new(arena, spec_partial,
	    value_get(t, "partials"));
	tmpl = mustache_parse(arena, "template", src, strlen(src), &err);
	if (tmpl == NULL ||
	    mustache_render(engine, tmpl, value_get(t, "data"), &out,
	    &err) == -1) {
		CHECK(0, "%s: %s: %s:%zu:%zu: %s", file, name, err.name,
		    err.line, err.col, err.msg);
		buf_free(&out);
		return;
	}
	CHECK_STR(buf_cstr(&out), want, "%s: %s", file, name);
	buf_free(&out);
}

/* Runs every case of one spec file. */
static void
spec_run_file(const char *dir, const char *file)
{
	const struct value *root, *tests, *t;
	struct arena arena;
	char *path;

	arena_init(&arena);
	path = arena_printf(&arena, "%s/%s", dir, file);
	root = yaml_load(&arena, path);
	tests = value_get(root, "tests");
	if (tests == NULL || tests->kind != VALUE_LIST)
		CHECK(0, "%s: cannot read the spec cases", file);
	else
		for (t = tests->u.children.first; t != NULL; t = t->next)
			spec_run_case(&arena, file, t);
	arena_free(&arena);
}

int
main(void)
{
	const char *root = getenv("GONGKAI_ROOT");
	char dir[4096];
	struct stat st;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/../shared/conformance/mustache-spec",
	    root != NULL && root[0] != '\0' ? root : ".");
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		SKIP("mustache spec not found at %s", dir);
		return 0;
	}
	for (i = 0; i < sizeof(spec_files) / sizeof(spec_files[0]); i++)
		spec_run_file(dir, spec_files[i]);
	TEST_EXIT();
}
