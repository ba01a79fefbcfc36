/* Numbers as people read them: the shortest text that reads back equal. */
#ifndef GONGKAI_NUMBER_H
#define GONGKAI_NUMBER_H

/* "3", "1.21", "0.1", "-2.5"; NaN and infinities by name. */
void	 number_format(double, char out[32]);

struct arena;
/* The same, as a string in the arena. */
const char *number_text(struct arena *, double);

#endif
