/* UTF-8 validation (RFC 3629) and character positions. */
#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* Length of the sequence starting with byte `c`, 0 if it cannot start one. */
static size_t
utf8_sequence_length(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/* Checks the continuation bytes, including the second byte's range. */
static int
utf8_sequence_valid(const unsigned char *p, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t i;

	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (n > 1 && (p[1] < lo || p[1] > hi))
		return 0;
	for (i = 2; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return 1;
}

int
utf8_validate(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint64_t word;

	while (i < len) {
		/* Runs of ASCII, eight bytes at a time. */
		while (len - i >= 8) {
			memcpy(&word, p + i, 8);
			if (word & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i == len)
			break;
		/* Most CJK characters: three bytes, no range to check. */
		if (len - i >= 3 && p[i] >= 0xe1 && p[i] <= 0xef &&
		    p[i] != 0xed && (p[i + 1] & 0xc0) == 0x80 &&
		    (p[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		n = utf8_sequence_length(p[i]);
		if (n == 0 || n > len - i || !utf8_sequence_valid(p + i, n)) {
			*bad = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

void
utf8_position(const char *s, size_t offset, size_t *line, size_t *col)
{
	size_t i;

	*line = *col = 0;
	for (i = 0; i < offset; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 0;
		} else if (((unsigned char)s[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

size_t
utf8_length(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}
