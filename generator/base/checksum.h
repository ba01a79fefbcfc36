/*
 * A fast checksum against accidental damage (a cut or changed cache
 * file), not against anyone who means it: four lanes of multiply and
 * shift over 8-byte words, several bytes a cycle.  Every step is a
 * bijection of its lane, so any one changed word changes the sum.
 */
#ifndef GONGKAI_CHECKSUM_H
#define GONGKAI_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

struct checksum {
	uint64_t	 lane[4];
	unsigned char	 tail[32];	/* bytes not yet in a whole block */
	size_t		 tail_len;
	uint64_t	 len;
};

void		 checksum_init(struct checksum *);
void		 checksum_update(struct checksum *, const void *, size_t);
uint64_t	 checksum_final(struct checksum *);

#endif
