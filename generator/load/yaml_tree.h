/*
 * A small YAML document tree built from libyaml's event API, for untrusted
 * input: nesting is capped, anchors, aliases and tags are refused, and
 * every node keeps its position.  Scalars stay text; the schema decides
 * what they mean.
 */
#ifndef GONGKAI_YAML_TREE_H
#define GONGKAI_YAML_TREE_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"

#define YAML_TREE_MAX_DEPTH	16

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQUENCE,
	YNODE_MAPPING,
};

struct ynode {
	enum ynode_kind	 kind;
	struct pos	 pos;		/* where the node starts */
	const char	*key;		/* the key, for mapping members */
	struct pos	 key_pos;
	const char	*text;		/* scalar text, NUL-terminated */
	size_t		 len;
	int		 plain;		/* unquoted scalar */
	struct ynode	*first;		/* members of a sequence or mapping */
	struct ynode	*next;
	size_t		 count;
};

/*
 * Parses one YAML document of `len` bytes; positions are reported in
 * `path` shifted down by `line_offset` lines.  An empty document yields an
 * empty mapping.  Returns NULL after reporting errors through diag_error().
 */
struct ynode	*yaml_tree_parse(struct arena *, const char *path,
		    const char *text, size_t len, size_t line_offset);

/* True for a plain empty, "~" or "null" scalar. */
int		 ynode_is_null(const struct ynode *);

/* The position of `key` in the mapping `map`, or the map's own. */
struct pos	 ynode_key_pos(const struct ynode *map, const char *key);

const char	*ynode_kind_name(enum ynode_kind);

#endif
