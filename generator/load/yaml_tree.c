/* YAML document tree from libyaml events, capped and position-aware. */
#include <string.h>

#include <yaml.h>

#include "yaml_tree.h"

struct builder {
	struct arena	*arena;
	const char	*path;
	size_t		 line_offset;
	struct ynode	*stack[YAML_TREE_MAX_DEPTH + 1];
	size_t		 depth;
	struct ynode	*root;
	int		 failed;
};

static struct pos
builder_pos(const struct builder *b, yaml_mark_t mark)
{
	struct pos pos = { b->path, mark.line + b->line_offset, mark.column };

	return pos;
}

static void
builder_error(struct builder *b, yaml_mark_t mark, const char *message)
{
	struct pos pos = builder_pos(b, mark);

	diag_error(&pos, "%s", message);
	b->failed = 1;
}

static void
builder_duplicate(struct builder *b, yaml_mark_t mark, const char *key)
{
	struct pos pos = builder_pos(b, mark);

	diag_error(&pos, "duplicate key '%s'", key);
	b->failed = 1;
}

/*
 * Attaches a finished node to its parent: as an item of a sequence, or as
 * the key or the value of a mapping member (keys must be scalars).
 */
static void
builder_attach(struct builder *b, struct ynode *node, yaml_mark_t mark)
{
	struct ynode *parent, *member;

	if (b->depth == 0) {
		b->root = node;
		return;
	}
	parent = b->stack[b->depth - 1];
	if (parent->kind == YNODE_MAPPING && parent->key == NULL) {
		/* This node is a key; remember it until its value comes. */
		if (node->kind != YNODE_SCALAR) {
			builder_error(b, mark, "a key must be plain text");
			node->text = "";
		}
		for (member = parent->first; member; member = member->next)
			if (strcmp(member->key, node->text) == 0) {
				builder_duplicate(b, mark, node->text);
				break;
			}
		parent->key = node->text;
		parent->key_pos = node->pos;
		return;
	}
	if (parent->kind == YNODE_MAPPING) {
		node->key = parent->key;
		node->key_pos = parent->key_pos;
		parent->key = NULL;
	}
	if (parent->first == NULL)
		parent->first = node;
	else {
		for (member = parent->first; member->next; member = member->next)
			continue;
		member->next = node;
	}
	parent->count++;
}

static struct ynode *
builder_node(struct builder *b, enum ynode_kind kind, yaml_mark_t mark)
{
	struct ynode *node = arena_calloc(b->arena, 1, sizeof(*node));

	node->kind = kind;
	node->pos = builder_pos(b, mark);
	return node;
}

/* Refuses what content has no use for: anchors and tags. */
static int
builder_refuse(struct builder *b, const yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor != NULL) {
		builder_error(b, ev->start_mark,
		    "YAML anchors are not allowed in content");
		return 1;
	}
	if (tag != NULL) {
		builder_error(b, ev->start_mark,
		    "YAML tags are not allowed in content");
		return 1;
	}
	return 0;
}

static void
builder_open(struct builder *b, const yaml_event_t *ev, enum ynode_kind kind)
{
	struct ynode *node;

	if (b->depth == YAML_TREE_MAX_DEPTH) {
		builder_error(b, ev->start_mark, "nesting is too deep");
		return;
	}
	node = builder_node(b, kind, ev->start_mark);
	b->stack[b->depth++] = node;
}

static void
builder_close(struct builder *b, const yaml_event_t *ev)
{
	struct ynode *node = b->stack[--b->depth];

	builder_attach(b, node, ev->start_mark);
}

static void
builder_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct ynode *node = builder_node(b, YNODE_SCALAR, ev->start_mark);

	node->text = arena_strndup(b->arena,
	    (const char *)ev->data.scalar.value, ev->data.scalar.length);
	node->len = ev->data.scalar.length;
	node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (memchr(node->text, '\0', node->len) != NULL)
		builder_error(b, ev->start_mark, "text contains a NUL byte");
	builder_attach(b, node, ev->start_mark);
}

/* Handles one event; returns 0 to go on, 1 at the end, -1 on error. */
static int
builder_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (b->root != NULL) {
			builder_error(b, ev->start_mark,
			    "only one YAML document is allowed here");
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		builder_error(b, ev->start_mark,
		    "YAML aliases are not allowed in content");
		return -1;
	case YAML_SCALAR_EVENT:
		if (builder_refuse(b, ev, ev->data.scalar.anchor,
		    ev->data.scalar.tag))
			return -1;
		builder_scalar(b, ev);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
		if (builder_refuse(b, ev, ev->data.sequence_start.anchor,
		    ev->data.sequence_start.tag))
			return -1;
		builder_open(b, ev, YNODE_SEQUENCE);
		return b->failed ? -1 : 0;
	case YAML_MAPPING_START_EVENT:
		if (builder_refuse(b, ev, ev->data.mapping_start.anchor,
		    ev->data.mapping_start.tag))
			return -1;
		builder_open(b, ev, YNODE_MAPPING);
		return b->failed ? -1 : 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		builder_close(b, ev);
		return 0;
	default:
		return 0;
	}
}

struct ynode *
yaml_tree_parse(struct arena *arena, const char *path, const char *text,
    size_t len, size_t line_offset)
{
	struct builder b = { arena, path, line_offset, { 0 }, 0, NULL, 0 };
	yaml_parser_t parser;
	yaml_event_t ev;
	yaml_mark_t start = { 0, 0, 0 };
	int done = 0;

	if (!yaml_parser_initialize(&parser)) {
		builder_error(&b, start, "cannot initialise the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			builder_error(&b, parser.problem_mark,
			    parser.problem ? parser.problem :
			    "invalid YAML");
			break;
		}
		done = builder_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (b.failed)
		return NULL;
	if (b.root == NULL)
		b.root = builder_node(&b, YNODE_MAPPING, start);
	return b.root;
}

int
ynode_is_null(const struct ynode *node)
{
	return node->kind == YNODE_SCALAR && node->plain &&
	    (node->len == 0 || strcmp(node->text, "~") == 0 ||
	    strcmp(node->text, "null") == 0);
}

const char *
ynode_kind_name(enum ynode_kind kind)
{
	static const char *const names[] = { "text", "a list", "a map" };

	return names[kind];
}

struct pos
ynode_key_pos(const struct ynode *map, const char *key)
{
	const struct ynode *member;

	for (member = map->first; member != NULL; member = member->next)
		if (member->key != NULL && strcmp(member->key, key) == 0)
			return member->key_pos;
	return map->pos;
}
