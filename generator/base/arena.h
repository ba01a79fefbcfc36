/* Arena allocator: one per build, freed at once at the end. */
#ifndef GONGKAI_ARENA_H
#define GONGKAI_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk	*head;
	size_t			 used;		/* bytes handed out in total */
};

void	 arena_init(struct arena *);
void	 arena_free(struct arena *);
/* Forgets everything allocated, keeping one chunk for reuse. */
void	 arena_reset(struct arena *);
/* Moves everything `from` holds into `to`; `from` is left empty. */
void	 arena_adopt(struct arena *to, struct arena *from);
void	*arena_alloc(struct arena *, size_t);
void	*arena_calloc(struct arena *, size_t, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Maps `len` bytes of the file `fd` read-only until the arena is freed;
 * NULL when it cannot.  The file must not shrink meanwhile.
 */
const char *arena_map(struct arena *, int fd, size_t len);

/*
 * A growable array of pointers kept in an arena: growth allocates a new
 * block and abandons the old one, which is fine for a batch program.
 */
struct ptrvec {
	void	**items;
	size_t	  len;
	size_t	  cap;
};

void	 ptrvec_push(struct arena *, struct ptrvec *, void *);

#endif
