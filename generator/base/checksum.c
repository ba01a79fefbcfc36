/* The cache files' checksum (checksum.h). */
#include <string.h>

#include "checksum.h"

#define K1	0x9e3779b97f4a7c15ULL	/* odd: multiplying is a bijection */
#define K2	0xc2b2ae3d27d4eb4fULL

static uint64_t
step(uint64_t lane, uint64_t word)
{
	lane = (lane ^ word) * K1;
	return lane ^ (lane >> 29);
}

static void
block(struct checksum *c, const unsigned char *p)
{
	uint64_t w[4];

	memcpy(w, p, sizeof(w));
	c->lane[0] = step(c->lane[0], w[0]);
	c->lane[1] = step(c->lane[1], w[1]);
	c->lane[2] = step(c->lane[2], w[2]);
	c->lane[3] = step(c->lane[3], w[3]);
}

void
checksum_init(struct checksum *c)
{
	c->lane[0] = 1;
	c->lane[1] = 2;
	c->lane[2] = 3;
	c->lane[3] = 4;
	c->tail_len = 0;
	c->len = 0;
}

void
checksum_update(struct checksum *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t n;

	c->len += len;
	if (c->tail_len > 0) {
		n = sizeof(c->tail) - c->tail_len;
		if (n > len)
			n = len;
		memcpy(c->tail + c->tail_len, p, n);
		c->tail_len += n;
		p += n;
		len -= n;
		if (c->tail_len < sizeof(c->tail))
			return;
		block(c, c->tail);
		c->tail_len = 0;
	}
	for (; len >= sizeof(c->tail); p += sizeof(c->tail),
	    len -= sizeof(c->tail))
		block(c, p);
	memcpy(c->tail, p, len);
	c->tail_len = len;
}

uint64_t
checksum_final(struct checksum *c)
{
	uint64_t h = c->len, w;
	size_t i;

	/* The last bytes, zero-padded: the length tells padding apart. */
	memset(c->tail + c->tail_len, 0, sizeof(c->tail) - c->tail_len);
	for (i = 0; i < 4; i++) {
		memcpy(&w, c->tail + 8 * i, sizeof(w));
		c->lane[i] = step(c->lane[i], w);
	}
	for (i = 0; i < 4; i++) {
		h = (h ^ c->lane[i]) * K2;
		h ^= h >> 32;
	}
	return h;
}
