/* Fatal conditions of the driver: out of memory. */
#ifndef GONGKAI_FATAL_H
#define GONGKAI_FATAL_H

#include <stddef.h>

void	 fatal_oom(void) __attribute__((noreturn));
void	*xmalloc(size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);

#endif
