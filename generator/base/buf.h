/* Growable byte buffer for building output text. */
#ifndef GONGKAI_BUF_H
#define GONGKAI_BUF_H

#include <stddef.h>

struct buf {
	char	*data;		/* always NUL-terminated once non-empty */
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT	{ NULL, 0, 0 }

void	 buf_append(struct buf *, const char *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);
const char *buf_cstr(struct buf *);

#endif
