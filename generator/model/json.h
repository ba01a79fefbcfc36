/* Writing view models as JSON open data. */
#ifndef GONGKAI_JSON_H
#define GONGKAI_JSON_H

struct buf;
struct value;

/* Appends `value` as pretty-printed JSON (keys in insertion order). */
void	 json_write(struct buf *, const struct value *);

#endif
