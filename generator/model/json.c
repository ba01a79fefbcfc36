/* JSON output of view models: stable order, UTF-8 kept, controls escaped. */
#include <stdio.h>
#include <string.h>

#include "../base/buf.h"
#include "json.h"
#include "value.h"

/* Writes a JSON string, copying runs that need no escape in one go. */
static void
json_string(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	buf_putc(out, '"');
	for (; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\' && *p != '<')
			continue;
		buf_append(out, (const char *)run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '"':
			buf_puts(out, "\\\"");
			break;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\t':
			buf_puts(out, "\\t");
			break;
		case '<':	/* safe to embed anywhere */
			buf_puts(out, "\\u003c");
			break;
		default:
			buf_printf(out, "\\u%04x", *p);
		}
	}
	buf_append(out, (const char *)run, (size_t)(p - run));
	buf_putc(out, '"');
}

/* Rendered HTML is for pages; the data carries the Markdown it came from. */
static int
json_skipped_key(const char *key)
{
	size_t n = key ? strlen(key) : 0;

	return n > 5 && strcmp(key + n - 5, "_html") == 0;
}

static void
json_indent(struct buf *out, int depth)
{
	buf_putc(out, '\n');
	while (depth-- > 0)
		buf_puts(out, "  ");
}

static void	json_value(struct buf *, const struct value *, int);

/* Writes the members of a map, those it includes where they stand. */
static void
json_members(struct buf *out, const struct value *map, int depth,
    int *wrote)
{
	const struct value *child, *included;

	for (child = map->u.children.first; child; child = child->next) {
		if (child->key == NULL) {
			included = value_deref(child);
			if (included->kind == VALUE_MAP)
				json_members(out, included, depth, wrote);
			continue;
		}
		if (json_skipped_key(child->key))
			continue;
		if ((*wrote)++)
			buf_putc(out, ',');
		json_indent(out, depth + 1);
		json_string(out, child->key);
		buf_puts(out, ": ");
		json_value(out, child, depth + 1);
	}
}

static void
json_value(struct buf *out, const struct value *v, int depth)
{
	const struct value *child;
	char number[32];
	size_t len;
	int map, wrote = 0;

	v = value_deref(v);
	map = v->kind == VALUE_MAP;
	switch (v->kind) {
	case VALUE_NULL:
		buf_puts(out, "null");
		return;
	case VALUE_BOOL:
		buf_puts(out, v->u.boolean ? "true" : "false");
		return;
	case VALUE_NUMBER:
		value_format_number(v->u.number, number);
		buf_puts(out, number);
		return;
	case VALUE_STRING:
	case VALUE_MARKDOWN:
		json_string(out, value_text(v, &len));
		return;
	default:
		break;
	}
	buf_putc(out, map ? '{' : '[');
	if (map)
		json_members(out, v, depth, &wrote);
	for (child = map ? NULL : v->u.children.first; child;
	    child = child->next) {
		if (wrote++)
			buf_putc(out, ',');
		json_indent(out, depth + 1);
		json_value(out, child, depth + 1);
	}
	if (wrote)
		json_indent(out, depth);
	buf_putc(out, map ? '}' : ']');
}

void
json_write(struct buf *out, const struct value *v)
{
	json_value(out, v, 0);
	buf_putc(out, '\n');
}
