/*
 * SipHash-2-4 with 128-bit output (Aumasson and Bernstein), streamed.
 * A keyed hash: with a secret random key, content cannot be crafted to
 * collide, so a page's hash can stand for what it was made from.
 */
#ifndef GONGKAI_SIPHASH_H
#define GONGKAI_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

struct siphash_key {
	uint64_t	k[2];
};

struct siphash_digest {
	uint64_t	h[2];
};

struct siphash {
	uint64_t	v[4];
	uint64_t	tail;		/* bytes not yet in a whole word */
	size_t		len;		/* all bytes so far */
};

void	 siphash_init(struct siphash *, const struct siphash_key *);
void	 siphash_update(struct siphash *, const void *, size_t);
/* Adds a string with its length, so that "ab","c" differs from "a","bc". */
void	 siphash_string(struct siphash *, const char *);
void	 siphash_u64(struct siphash *, uint64_t);
void	 siphash_final(struct siphash *, struct siphash_digest *);
/* The 64-bit variant, whose published test vectors check the rounds. */
void	 siphash_init64(struct siphash *, const struct siphash_key *);
uint64_t siphash_final64(struct siphash *);

/* Fills `key` from the kernel's random source; -1 when it cannot. */
int	 siphash_random_key(struct siphash_key *);

#endif
