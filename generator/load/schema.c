/* Schemas: field tables, unknown-key detection and typed value parsers. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"
#include "content.h"
#include "schema.h"

struct schema_list {
	const struct schema	*schema;
	size_t			 item_size;
	size_t			 pos_offset;
};

static void *
field_dest(void *target, const struct schema_field *field)
{
	return (char *)target + field->offset;
}

/* Edit distance of two short ASCII keys, for "did you mean" hints. */
static size_t
key_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, cur, tmp;
	size_t row[33];

	if (la > 32 || lb > 32)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			cur = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < cur)
				cur = row[j] + 1;
			if (row[j - 1] + 1 < cur)
				cur = row[j - 1] + 1;
			tmp = row[j];
			row[j] = cur;
			prev = tmp;
		}
	}
	return row[lb];
}

static void
schema_unknown_key(const struct ynode *member, const struct schema *schema)
{
	const char *best = NULL;
	size_t i, d, bestd = 3;

	for (i = 0; i < schema->nfields; i++) {
		d = key_distance(member->key, schema->fields[i].key);
		if (d < bestd) {
			bestd = d;
			best = schema->fields[i].key;
		}
	}
	if (best != NULL)
		diag_error(&member->key_pos, "unknown key '%s' in %s "
		    "(did you mean '%s'?)", member->key, schema->what, best);
	else
		diag_error(&member->key_pos, "unknown key '%s' in %s",
		    member->key, schema->what);
}

static const struct schema_field *
schema_field_find(const struct schema *schema, const char *key)
{
	size_t i;

	for (i = 0; i < schema->nfields; i++)
		if (strcmp(schema->fields[i].key, key) == 0)
			return &schema->fields[i];
	return NULL;
}

int
schema_apply(struct arena *arena, const struct ynode *map,
    const struct schema *schema, void *target)
{
	const struct schema_field *field;
	const struct ynode *member;
	size_t i;
	int rc = 0;

	if (map->kind != YNODE_MAPPING) {
		diag_error(&map->pos, "%s must be a map of 'key: value' lines",
		    schema->what);
		return -1;
	}
	for (member = map->first; member != NULL; member = member->next) {
		if ((field = schema_field_find(schema, member->key)) == NULL) {
			schema_unknown_key(member, schema);
			rc = -1;
		} else if (ynode_is_null(member)) {
			diag_error(&member->key_pos, "'%s' has no value (give "
			    "one or remove the line)", member->key);
			rc = -1;
		} else if (field->parse(arena, member, field,
		    field_dest(target, field)) == -1)
			rc = -1;
	}
	for (i = 0; i < schema->nfields; i++) {
		if (!schema->fields[i].required)
			continue;
		for (member = map->first; member; member = member->next)
			if (strcmp(member->key, schema->fields[i].key) == 0)
				break;
		if (member == NULL) {
			diag_error(&map->pos, "missing required key '%s' in %s",
			    schema->fields[i].key, schema->what);
			rc = -1;
		}
	}
	return rc;
}

/* Reports a value of the wrong kind; returns -1. */
static int
schema_type_error(const struct ynode *node, const char *key,
    const char *expected)
{
	diag_error(&node->pos, "'%s' must be %s, not %s", key, expected,
	    ynode_kind_name(node->kind));
	return -1;
}

/* Text values are copied: the YAML tree lives in a scratch arena. */
int
schema_text(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	if (node->kind != YNODE_SCALAR)
		return schema_type_error(node, field->key, "text");
	if (node->len == 0) {
		diag_error(&node->pos, "'%s' is empty", field->key);
		return -1;
	}
	*(const char **)dest = arena_strndup(arena, node->text, node->len);
	return 0;
}

int
id_is_valid(const char *s)
{
	size_t i;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-') || i > 63)
			return 0;
	return 1;
}

int
schema_id(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	if (schema_text(arena, node, field, dest) == -1)
		return -1;
	if (!id_is_valid(node->text)) {
		diag_error(&node->pos, "'%s' is not a valid id: use 1–64 "
		    "lowercase letters, digits and '-', starting with a "
		    "letter or digit", node->text);
		return -1;
	}
	return 0;
}

int
schema_date(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	(void)arena;
	if (node->kind != YNODE_SCALAR)
		return schema_type_error(node, field->key, "a date");
	if (date_parse(node->text, dest) == -1) {
		diag_error(&node->pos, "'%s' is not a valid date: use "
		    "YYYY-MM-DD", node->text);
		return -1;
	}
	return 0;
}

/* Parses a plain scalar as a finite number; returns -1 if it is not one. */
static int
scalar_number(const struct ynode *node, double *out)
{
	char *end;

	if (node->kind != YNODE_SCALAR || !node->plain || node->len == 0)
		return -1;
	errno = 0;
	*out = strtod(node->text, &end);
	if (*end != '\0' || errno != 0 || !isfinite(*out) ||
	    strchr(node->text, 'x') || strchr(node->text, 'X') ||
	    strchr(node->text, 'n') || strchr(node->text, 'N'))
		return -1;
	return 0;
}

int
schema_integer(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	double n;

	(void)arena;
	if (scalar_number(node, &n) == -1 || n != floor(n) ||
	    fabs(n) > 1e9) {
		diag_error(&node->pos, "'%s' must be a whole number, not '%s'",
		    field->key, node->kind == YNODE_SCALAR ? node->text :
		    ynode_kind_name(node->kind));
		return -1;
	}
	*(long *)dest = (long)n;
	return 0;
}

int
schema_number(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	(void)arena;
	if (scalar_number(node, dest) == -1) {
		diag_error(&node->pos, "'%s' must be a number, not '%s'",
		    field->key, node->kind == YNODE_SCALAR ? node->text :
		    ynode_kind_name(node->kind));
		return -1;
	}
	return 0;
}

int
schema_percent(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	double *percent = dest;

	if (schema_number(arena, node, field, dest) == -1)
		return -1;
	if (*percent < 0 || *percent > 100) {
		diag_error(&node->pos, "'%s' must be between 0 and 100, not %s",
		    field->key, node->text);
		*percent = -1;
		return -1;
	}
	return 0;
}

int
schema_enum(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	const struct schema_enum *e;
	char allowed[256] = "";

	(void)arena;
	if (node->kind != YNODE_SCALAR)
		return schema_type_error(node, field->key, "one word");
	for (e = field->arg; e->name != NULL; e++) {
		if (strcmp(e->name, node->text) == 0) {
			*(int *)dest = e->value;
			return 0;
		}
		if (allowed[0] != '\0')
			strncat(allowed, ", ", sizeof(allowed) -
			    strlen(allowed) - 1);
		strncat(allowed, e->name, sizeof(allowed) - strlen(allowed) - 1);
	}
	diag_error(&node->pos, "'%s' is not a valid %s: use one of %s",
	    node->text, field->key, allowed);
	return -1;
}

int
schema_deadline(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	(void)arena;
	if (node->kind != YNODE_SCALAR)
		return schema_type_error(node, field->key, "a deadline");
	if (deadline_parse(node->text, dest) == -1) {
		diag_error(&node->pos, "'%s' is not a valid deadline: use "
		    "YYYY-MM-DD, YYYY-MM, YYYY or ongoing", node->text);
		return -1;
	}
	return 0;
}

int
schema_text_list(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	const struct ynode *item;
	int rc = 0;

	if (node->kind != YNODE_SEQUENCE) {
		diag_error(&node->pos, "'%s' must be a list, e.g. %s: [\"…\"]",
		    field->key, field->key);
		return -1;
	}
	for (item = node->first; item != NULL; item = item->next) {
		if (item->kind != YNODE_SCALAR || item->len == 0) {
			diag_error(&item->pos, "each item of '%s' must be "
			    "text", field->key);
			rc = -1;
			continue;
		}
		ptrvec_push(arena, dest, arena_strndup(arena, item->text,
		    item->len));
	}
	return rc;
}

int
schema_map_list(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	const struct schema_list *spec = field->arg;
	const struct ynode *item;
	void *target;
	int rc = 0;

	if (node->kind != YNODE_SEQUENCE) {
		diag_error(&node->pos, "'%s' must be a list", field->key);
		return -1;
	}
	for (item = node->first; item != NULL; item = item->next) {
		target = arena_calloc(arena, 1, spec->item_size);
		*(struct pos *)((char *)target + spec->pos_offset) = item->pos;
		if (schema_apply(arena, item, spec->schema, target) == -1)
			rc = -1;
		else
			ptrvec_push(arena, dest, target);
	}
	return rc;
}

int
schema_url(struct arena *arena, const struct ynode *node,
    const struct schema_field *field, void *dest)
{
	if (schema_text(arena, node, field, dest) == -1)
		return -1;
	if (strncmp(node->text, "https://", 8) != 0 &&
	    strncmp(node->text, "http://", 7) != 0) {
		diag_error(&node->pos, "'%s' must be an http or https URL",
		    field->key);
		return -1;
	}
	if (strpbrk(node->text, " \t\"<>\\`") != NULL) {
		diag_error(&node->pos, "'%s' contains characters not allowed "
		    "in a URL", field->key);
		return -1;
	}
	return 0;
}
