/* JSON output of view models: stable order, UTF-8 kept, controls escaped. */
#include <stdio.h>

#include "../base/buf.h"
#include "json.h"
#include "value.h"

static void
json_string(struct buf *out, const char *s)
{
	const unsigned char *p;

	buf_putc(out, '"');
	for (p = (const unsigned char *)s; *p; p++) {
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
			if (*p < 0x20)
				buf_printf(out, "\\u%04x", *p);
			else
				buf_putc(out, (char)*p);
		}
	}
	buf_putc(out, '"');
}

static void
json_indent(struct buf *out, int depth)
{
	buf_putc(out, '\n');
	while (depth-- > 0)
		buf_puts(out, "  ");
}

static void
json_value(struct buf *out, const struct value *v, int depth)
{
	const struct value *child;
	char number[32];
	int map = v->kind == VALUE_MAP;

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
		json_string(out, v->u.string.ptr);
		return;
	default:
		break;
	}
	buf_putc(out, map ? '{' : '[');
	for (child = v->u.children.first; child; child = child->next) {
		json_indent(out, depth + 1);
		if (map) {
			json_string(out, child->key);
			buf_puts(out, ": ");
		}
		json_value(out, child, depth + 1);
		if (child->next)
			buf_putc(out, ',');
	}
	if (v->u.children.first)
		json_indent(out, depth);
	buf_putc(out, map ? '}' : ']');
}

void
json_write(struct buf *out, const struct value *v)
{
	json_value(out, v, 0);
	buf_putc(out, '\n');
}
