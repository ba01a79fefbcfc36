/* Writing view models as JSON open data. */
#ifndef GONGKAI_JSON_H
#define GONGKAI_JSON_H

struct buf;
struct value;

/*
 * Appends `value` as pretty-printed JSON (keys in insertion order).  Map
 * members whose key ends in "_html" (rendered fragments for templates)
 * are left out: the data carries the Markdown source instead.
 */
void	 json_write(struct buf *, const struct value *);

#endif
