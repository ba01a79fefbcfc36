/*
 * SipHash (Aumasson and Bernstein) with 128-bit output, streamed.  A keyed
 * hash: with a secret random key, content cannot be crafted to collide,
 * so a page's hash can stand for what it was made from.  siphash_init()
 * is SipHash-1-3 (one round per word, three to finish: the variant Rust
 * and CPython use for their hash tables, twice as fast); the reference
 * SipHash-2-4 is there for its published test vectors.
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
	int		word_rounds;	/* c: 1 or 2 */
	int		final_rounds;	/* d: 3 or 4 */
	uint64_t	tail;		/* bytes not yet in a whole word */
	size_t		len;		/* all bytes so far */
};

void	 siphash_init(struct siphash *, const struct siphash_key *);
void	 siphash_init_24(struct siphash *, const struct siphash_key *);
void	 siphash_update(struct siphash *, const void *, size_t);
/* Adds a string with its length, so that "ab","c" differs from "a","bc". */
void	 siphash_string(struct siphash *, const char *);
void	 siphash_u64(struct siphash *, uint64_t);
void	 siphash_final(struct siphash *, struct siphash_digest *);
/* SipHash-2-4 with 64-bit output, whose vectors check the rounds. */
void	 siphash_init64(struct siphash *, const struct siphash_key *);
uint64_t siphash_final64(struct siphash *);

/* Fills `key` from the kernel's random source; -1 when it cannot. */
int	 siphash_random_key(struct siphash_key *);

#endif
