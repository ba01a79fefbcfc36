/*
 * Schemas: a table of fields per kind of map (site.yaml, plan, task,
 * report, section, indicator) and typed parsers for their values.  A
 * schema rejects unknown keys, missing required keys and wrong types,
 * reporting each at its position.
 */
#ifndef GONGKAI_SCHEMA_H
#define GONGKAI_SCHEMA_H

#include <stddef.h>

#include "../base/arena.h"
#include "yaml_tree.h"

struct schema_field;

/* Parses `node` into `dest`; returns 0, or -1 after reporting an error. */
typedef int (*schema_parser)(struct arena *, const struct ynode *node,
    const struct schema_field *, void *dest);

struct schema_field {
	const char	*key;
	int		 required;
	schema_parser	 parse;
	size_t		 offset;	/* of the destination in the target */
	const void	*arg;		/* enum table or nested schema */
};

struct schema {
	const char			*what;	/* "task", "report" … */
	const struct schema_field	*fields;
	size_t				 nfields;
};

/* One name of an enumeration and its value. */
struct schema_enum {
	const char	*name;
	int		 value;
};

/*
 * Applies `schema` to the mapping `map`, filling `target`.  Returns 0, or
 * -1 when any error was reported.
 */
int	 schema_apply(struct arena *, const struct ynode *map,
	    const struct schema *, void *target);

int	 schema_text(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_id(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_date(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_integer(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_number(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_percent(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_enum(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_deadline(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_text_list(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_map_list(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);
int	 schema_url(struct arena *, const struct ynode *,
	    const struct schema_field *, void *);

/* True when `s` is an id: [a-z0-9][a-z0-9-]{0,63}. */
int	 id_is_valid(const char *);

#endif
