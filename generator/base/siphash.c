/* SipHash-c-d: c compression rounds per word, d finalization rounds. */
#include <sys/random.h>

#include <errno.h>
#include <string.h>

#include "siphash.h"

#define ROTL(x, b)	(((x) << (b)) | ((x) >> (64 - (b))))

static inline void
sip_round(uint64_t v[4])
{
	v[0] += v[1];
	v[1] = ROTL(v[1], 13);
	v[1] ^= v[0];
	v[0] = ROTL(v[0], 32);
	v[2] += v[3];
	v[3] = ROTL(v[3], 16);
	v[3] ^= v[2];
	v[0] += v[3];
	v[3] = ROTL(v[3], 21);
	v[3] ^= v[0];
	v[2] += v[1];
	v[1] = ROTL(v[1], 17);
	v[1] ^= v[2];
	v[2] = ROTL(v[2], 32);
}

static void
sip_rounds(uint64_t v[4], int n)
{
	while (n-- > 0)
		sip_round(v);
}

static inline void
sip_word(struct siphash *s, uint64_t m)
{
	s->v[3] ^= m;
	sip_round(s->v);
	if (s->word_rounds == 2)
		sip_round(s->v);
	s->v[0] ^= m;
}

static void
sip_begin(struct siphash *s, const struct siphash_key *key, uint64_t wide,
    int c, int d)
{
	s->word_rounds = c;
	s->final_rounds = d;
	s->v[0] = key->k[0] ^ 0x736f6d6570736575ULL;
	s->v[1] = key->k[1] ^ 0x646f72616e646f6dULL ^ wide;
	s->v[2] = key->k[0] ^ 0x6c7967656e657261ULL;
	s->v[3] = key->k[1] ^ 0x7465646279746573ULL;
	s->tail = 0;
	s->len = 0;
}

void
siphash_init(struct siphash *s, const struct siphash_key *key)
{
	sip_begin(s, key, 0xee, 1, 3);
}

void
siphash_init_24(struct siphash *s, const struct siphash_key *key)
{
	sip_begin(s, key, 0xee, 2, 4);
}

void
siphash_update(struct siphash *s, const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	unsigned fill = s->len & 7;
	uint64_t m;

	s->len += len;
	/* Complete the word begun by an earlier call. */
	while (fill != 0 && p < end) {
		s->tail |= (uint64_t)*p++ << (8 * fill);
		if (++fill == 8) {
			sip_word(s, s->tail);
			s->tail = 0;
			fill = 0;
		}
	}
	for (; end - p >= 8; p += 8) {
		m = (uint64_t)p[0] | (uint64_t)p[1] << 8 |
		    (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
		    (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
		    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
		sip_word(s, m);
	}
	for (fill = 0; p < end; fill++)
		s->tail |= (uint64_t)*p++ << (8 * fill);
}

void
siphash_string(struct siphash *s, const char *str)
{
	size_t len = str ? strlen(str) : (size_t)-1;

	siphash_u64(s, (uint64_t)len);
	if (str != NULL)
		siphash_update(s, str, len);
}

void
siphash_u64(struct siphash *s, uint64_t n)
{
	unsigned char b[8];
	int i;

	if ((s->len & 7) == 0) {	/* on a word boundary: the word itself */
		s->len += 8;
		sip_word(s, n);
		return;
	}
	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(n >> (8 * i));
	siphash_update(s, b, 8);
}

/* The last word: the length's low byte on top of the remaining bytes. */
static void
sip_last(struct siphash *s)
{
	sip_word(s, s->tail | (uint64_t)(s->len & 0xff) << 56);
}

void
siphash_final(struct siphash *s, struct siphash_digest *out)
{
	sip_last(s);
	s->v[2] ^= 0xee;
	sip_rounds(s->v, s->final_rounds);
	out->h[0] = s->v[0] ^ s->v[1] ^ s->v[2] ^ s->v[3];
	s->v[1] ^= 0xdd;
	sip_rounds(s->v, s->final_rounds);
	out->h[1] = s->v[0] ^ s->v[1] ^ s->v[2] ^ s->v[3];
}

void
siphash_init64(struct siphash *s, const struct siphash_key *key)
{
	sip_begin(s, key, 0, 2, 4);
}

uint64_t
siphash_final64(struct siphash *s)
{
	sip_last(s);
	s->v[2] ^= 0xff;
	sip_rounds(s->v, s->final_rounds);
	return s->v[0] ^ s->v[1] ^ s->v[2] ^ s->v[3];
}

int
siphash_random_key(struct siphash_key *key)
{
	unsigned char *p = (unsigned char *)key->k;
	size_t got = 0;
	ssize_t n;

	while (got < sizeof(key->k)) {
		n = getrandom(p + got, sizeof(key->k) - got, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}
