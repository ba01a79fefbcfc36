/*
 * Unit tests of the base stage: the arena, the growable buffer, UTF-8
 * validation and positions, the diagnostics module (counting, sorting
 * and the exact wording of what it prints) and SipHash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/checksum.h"
#include "base/diag.h"
#include "base/siphash.h"
#include "base/strmap.h"
#include "base/utf8.h"
#include "diagcapture.h"
#include "testlib.h"

static int
is_aligned(const void *p)
{
	return ((uintptr_t)p % 16) == 0;
}

static uint64_t
checksum_of(const unsigned char *data, size_t len, size_t piece)
{
	struct checksum c;
	size_t i, n;

	checksum_init(&c);
	for (i = 0; i < len; i += n) {
		n = len - i < piece ? len - i : piece;
		checksum_update(&c, data + i, n);
	}
	return checksum_final(&c);
}

static void
test_checksum(void)
{
	unsigned char data[200];
	uint64_t whole, sum;
	size_t i, bit, pieces[] = { 1, 3, 8, 31, 32, 33, 200 };
	int same = 1, differ = 1;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + 1);
	whole = checksum_of(data, sizeof(data), sizeof(data));
	for (i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++)
		if (checksum_of(data, sizeof(data), pieces[i]) != whole)
			same = 0;
	CHECK(same, "checksum: the same however the bytes are fed");
	for (i = 0; i < sizeof(data); i++)
		for (bit = 0; bit < 8; bit++) {
			data[i] ^= (unsigned char)(1u << bit);
			if (checksum_of(data, sizeof(data), 13) == whole)
				differ = 0;
			data[i] ^= (unsigned char)(1u << bit);
		}
	CHECK(differ, "checksum: every one-bit change of 200 bytes changes it");
	sum = checksum_of(data, 199, 199);
	CHECK(sum != whole && checksum_of(data, 0, 1) !=
	    checksum_of((const unsigned char *)"", 1, 1),
	    "checksum: a cut, and a zero byte more, change it");
}

static void
test_arena(void)
{
	struct arena arena;
	char *a, *b, *big, *s;
	unsigned char *z;
	size_t i;
	int zero = 1;

	arena_init(&arena);
	CHECK(arena.head == NULL && arena.used == 0, "arena: starts empty");
	a = arena_alloc(&arena, 1);
	b = arena_alloc(&arena, 3);
	CHECK(is_aligned(a) && is_aligned(b), "arena: allocations aligned "
	    "to 16");
	CHECK(b - a == 16, "arena: a 1-byte allocation takes 16 bytes");
	CHECK(arena.used == 32, "arena: used counts rounded sizes (%zu)",
	    arena.used);

	big = arena_alloc(&arena, 300 * 1024);
	memset(big, 'x', 300 * 1024);
	CHECK(is_aligned(big), "arena: allocation above the chunk size");
	CHECK(arena.used == 32 + 300 * 1024, "arena: used after big block");

	z = arena_calloc(&arena, 100, 7);
	for (i = 0; i < 700; i++)
		if (z[i] != 0)
			zero = 0;
	CHECK(zero, "arena: calloc zeroes 700 bytes");

	CHECK_STR(arena_strdup(&arena, "名称 and text"), "名称 and text",
	    "arena: strdup copies UTF-8");
	s = arena_strndup(&arena, "abcdef", 3);
	CHECK_STR(s, "abc", "arena: strndup stops at len");
	s = arena_strndup(&arena, "", 0);
	CHECK_STR(s, "", "arena: strndup of nothing");
	CHECK_STR(arena_printf(&arena, "%s-%03d-%zu", "plan", 7, (size_t)42),
	    "plan-007-42", "arena: printf formats");

	arena_free(&arena);
	CHECK(arena.head == NULL && arena.used == 0, "arena: free resets");
	arena_free(&arena);
	CHECK(arena.head == NULL, "arena: free twice is harmless");
}

/* Whether `path` is mapped into this process. */
static int
is_mapped(const char *path)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[4096];
	int found = 0;

	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, path) != NULL)
			found = 1;
	if (f != NULL)
		fclose(f);
	return found;
}

static void
test_arena_map(void)
{
	char path[] = "/tmp/gongkai-map-XXXXXX";
	struct arena arena;
	const char *m1, *m2;
	char *a;
	int fd;

	if ((fd = mkstemp(path)) == -1) {
		SKIP("arena_map: no temporary file");
		return;
	}
	if (write(fd, "mapped bytes", 12) != 12) {
		close(fd);
		unlink(path);
		SKIP("arena_map: cannot write a temporary file");
		return;
	}
	arena_init(&arena);
	m1 = arena_map(&arena, fd, 12);
	a = arena_alloc(&arena, 8);
	memcpy(a, "after", 6);
	m2 = arena_map(&arena, fd, 6);
	CHECK(m1 != NULL && memcmp(m1, "mapped bytes", 12) == 0 &&
	    m2 != NULL && memcmp(m2, "mapped", 6) == 0 && is_mapped(path),
	    "arena_map: a file's bytes, twice");
	CHECK(strcmp(a, "after") == 0 && strcmp(arena_strdup(&arena, "more"),
	    "more") == 0, "arena_map: allocation goes on beside mappings");
	CHECK(arena_map(&arena, fd, 0) == NULL && arena_map(&arena, -1, 4) ==
	    NULL, "arena_map: nothing to map, or no file: NULL");
	arena_reset(&arena);
	CHECK(!is_mapped(path), "arena_map: reset unmaps");
	m1 = arena_map(&arena, fd, 12);
	arena_free(&arena);
	CHECK(m1 != NULL && !is_mapped(path) && arena.head == NULL,
	    "arena_map: free unmaps");
	close(fd);
	unlink(path);
}

static void
test_ptrvec(void)
{
	struct arena arena;
	struct ptrvec vec = { NULL, 0, 0 };
	static int items[100];
	size_t i;
	int in_order = 1;

	arena_init(&arena);
	ptrvec_push(&arena, &vec, &items[0]);
	CHECK(vec.len == 1 && vec.cap == 8, "ptrvec: first push makes 8 "
	    "slots");
	for (i = 1; i < 100; i++)
		ptrvec_push(&arena, &vec, &items[i]);
	for (i = 0; i < 100; i++)
		if (vec.items[i] != &items[i])
			in_order = 0;
	CHECK(vec.len == 100, "ptrvec: 100 items pushed");
	CHECK(vec.cap == 128, "ptrvec: capacity doubles to 128 (%zu)",
	    vec.cap);
	CHECK(in_order, "ptrvec: growth keeps the items in order");
	arena_free(&arena);
}

static void
test_buf(void)
{
	struct buf b = BUF_INIT;
	char big[200];
	size_t i;

	CHECK_STR(buf_cstr(&b), "", "buf: empty buffer reads as \"\"");
	buf_puts(&b, "ab");
	buf_putc(&b, 'c');
	buf_append(&b, "defgh", 2);
	CHECK_STR(buf_cstr(&b), "abcde", "buf: puts, putc, append");
	CHECK(b.len == 5, "buf: len 5");
	buf_printf(&b, "[%d|%s]", -12, "名");
	CHECK_STR(buf_cstr(&b), "abcde[-12|名]", "buf: printf appends");

	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = (char)('a' + i % 26);
	big[sizeof(big) - 1] = '\0';
	buf_printf(&b, "%s", big);
	CHECK(b.len == 5 + 9 + 199 && b.data[b.len] == '\0',
	    "buf: printf grows past the first 64 bytes");
	CHECK(strcmp(b.data + 14, big) == 0, "buf: grown text intact");

	buf_reset(&b);
	CHECK(b.len == 0 && strcmp(buf_cstr(&b), "") == 0, "buf: reset "
	    "empties");
	buf_append(&b, "a\0b", 3);
	CHECK(b.len == 3 && memcmp(b.data, "a\0b", 4) == 0,
	    "buf: append keeps an embedded NUL and terminates");
	buf_free(&b);
	CHECK(b.data == NULL && b.len == 0 && b.cap == 0, "buf: free resets");

	buf_printf(&b, "%s", "");
	CHECK_STR(buf_cstr(&b), "", "buf: printf of nothing on an empty "
	    "buffer");
	buf_free(&b);
}

/* Checks one utf8_validate case: `want_bad` is -1 for valid text. */
static void
check_utf8(const char *name, const char *s, size_t len, long want_bad)
{
	size_t bad = 12345;
	int ok = utf8_validate(s, len, &bad);

	if (want_bad < 0)
		CHECK(ok == 1, "utf8_validate: %s is valid", name);
	else
		CHECK(ok == 0 && bad == (size_t)want_bad, "utf8_validate: %s "
		    "is refused at byte %ld (ok=%d bad=%zu)", name, want_bad,
		    ok, bad);
}

static void
test_utf8_validate(void)
{
	check_utf8("empty text", "", 0, -1);
	check_utf8("ASCII", "plain ascii\n", 12, -1);
	check_utf8("CJK", "名称", 6, -1);
	check_utf8("embedded NUL", "a\0b", 3, -1);
	check_utf8("U+0080 (C2 80)", "\xc2\x80", 2, -1);
	check_utf8("U+07FF (DF BF)", "\xdf\xbf", 2, -1);
	check_utf8("U+0800 (E0 A0 80)", "\xe0\xa0\x80", 3, -1);
	check_utf8("U+D7FF (ED 9F BF)", "\xed\x9f\xbf", 3, -1);
	check_utf8("U+E000 (EE 80 80)", "\xee\x80\x80", 3, -1);
	check_utf8("U+FFFF (EF BF BF)", "\xef\xbf\xbf", 3, -1);
	check_utf8("U+10000 (F0 90 80 80)", "\xf0\x90\x80\x80", 4, -1);
	check_utf8("U+10FFFF (F4 8F BF BF)", "\xf4\x8f\xbf\xbf", 4, -1);
	check_utf8("emoji (F0 9F 98 80)", "\xf0\x9f\x98\x80", 4, -1);

	check_utf8("overlong NUL (C0 80)", "\xc0\x80", 2, 0);
	check_utf8("overlong C1 BF", "\xc1\xbf", 2, 0);
	check_utf8("overlong after ASCII (a C0 80)", "a\xc0\x80", 3, 1);
	check_utf8("overlong 3-byte (E0 80 80)", "\xe0\x80\x80", 3, 0);
	check_utf8("overlong 3-byte (E0 9F BF)", "\xe0\x9f\xbf", 3, 0);
	check_utf8("overlong 4-byte (F0 80 80 80)", "\xf0\x80\x80\x80", 4, 0);
	check_utf8("overlong 4-byte (F0 8F BF BF)", "\xf0\x8f\xbf\xbf", 4, 0);
	check_utf8("surrogate U+D800 (ED A0 80)", "\xed\xa0\x80", 3, 0);
	check_utf8("surrogate U+DFFF (ED BF BF)", "\xed\xbf\xbf", 3, 0);
	check_utf8("surrogate after CJK", "名\xed\xa0\x80", 6, 3);
	check_utf8("above U+10FFFF (F4 90 80 80)", "\xf4\x90\x80\x80", 4, 0);
	check_utf8("F5 lead byte", "\xf5\x80\x80\x80", 4, 0);
	check_utf8("FE byte", "\xfe", 1, 0);
	check_utf8("FF byte", "ab\xff", 3, 2);
	check_utf8("lone continuation (80)", "\x80", 1, 0);
	check_utf8("continuation after ASCII", "ok\xbf", 3, 2);
	check_utf8("truncated 2-byte at end", "ab\xc3", 3, 2);
	check_utf8("truncated 3-byte (E5 90)", "\xe5\x90", 2, 0);
	check_utf8("truncated 3-byte at end", "名\xe7\xa7", 5, 3);
	check_utf8("3-byte, ASCII second (E5 41 80)", "\xe5\x41\x80", 3, 0);
	check_utf8("3-byte, ASCII third (E5 80 41)", "\xe5\x80\x41", 3, 0);
	check_utf8("3-byte, bad third after CJK", "名\xe5\x80\xc0", 6, 3);
	check_utf8("truncated 4-byte (F0 9F 98)", "\xf0\x9f\x98", 3, 0);
	check_utf8("truncated by len", "名称", 5, 3);
	check_utf8("ASCII where a continuation belongs (E5 41 42)",
	    "\xe5\x41\x42", 3, 0);
	check_utf8("bad third byte (E5 90 41)", "\xe5\x90\x41", 3, 0);
	check_utf8("bad fourth byte (F0 9F 98 41)", "\xf0\x9f\x98\x41", 4, 0);
	check_utf8("lead byte where a continuation belongs (C3 C3 A9)",
	    "\xc3\xc3\xa9", 3, 0);
}

static void
test_utf8_position(void)
{
	const char *text = "名称: 值\nab\n\n一二三x";
	const char *x = strchr(text, 'x');
	size_t line = 99, col = 99;

	utf8_position(text, 0, &line, &col);
	CHECK(line == 0 && col == 0, "utf8_position: offset 0 is 0:0");
	utf8_position(text, strlen("名称"), &line, &col);
	CHECK(line == 0 && col == 2, "utf8_position: after two CJK "
	    "characters, column 2 (got %zu:%zu)", line, col);
	utf8_position(text, strlen("名称: "), &line, &col);
	CHECK(line == 0 && col == 4, "utf8_position: value column 4 (got "
	    "%zu:%zu)", line, col);
	utf8_position(text, strlen("名称: 值\n"), &line, &col);
	CHECK(line == 1 && col == 0, "utf8_position: start of line 1 (got "
	    "%zu:%zu)", line, col);
	utf8_position(text, strlen("名称: 值\na"), &line, &col);
	CHECK(line == 1 && col == 1, "utf8_position: ASCII column 1 (got "
	    "%zu:%zu)", line, col);
	utf8_position(text, (size_t)(x - text), &line, &col);
	CHECK(line == 3 && col == 3, "utf8_position: after an empty line "
	    "and three CJK characters, 3:3 (got %zu:%zu)", line, col);
	utf8_position(text, strlen(text), &line, &col);
	CHECK(line == 3 && col == 4, "utf8_position: end of text, 3:4 (got "
	    "%zu:%zu)", line, col);
}

static void
test_utf8_length(void)
{
	CHECK(utf8_length("", 0) == 0, "utf8_length: empty");
	CHECK(utf8_length("abc", 3) == 3, "utf8_length: ASCII");
	CHECK(utf8_length("名称", 6) == 2, "utf8_length: two CJK characters");
	CHECK(utf8_length("a名é\xf0\x9f\x98\x80", 10) == 4,
	    "utf8_length: mixed 1-, 3-, 2- and 4-byte characters");
	CHECK(utf8_length("名称", 3) == 1, "utf8_length: counts only `len` "
	    "bytes");
}


static void
test_diag(void)
{
	struct pos b = { "plans/b.md", 4, 2 };
	struct pos a_late = { "plans/a.md", 9, 0 };
	struct pos a_early = { "plans/a.md", 0, 7 };
	struct pos a_same = { "plans/a.md", 0, 7 };
	struct pos no_path = { NULL, 3, 3 };
	char *out;

	diag_reset();
	CHECK(diag_error_count() == 0, "diag: no errors after reset");
	diag_warning(&b, "a warning");
	CHECK(diag_error_count() == 0, "diag: warnings are not errors");
	diag_error(&a_late, "late %s", "error");
	diag_error(&a_early, "first of two at 1:8");
	diag_error(&a_same, "second of two at 1:8");
	diag_error(NULL, "no position %d", 1);
	diag_error(&no_path, "no path");
	CHECK(diag_error_count() == 5, "diag: five errors counted (%zu)",
	    diag_error_count());
	out = diag_capture();
	CHECK_STR(out,
	    "gongkai: error: no position 1\n"
	    "gongkai: error: no path\n"
	    "plans/a.md:1:8: error: first of two at 1:8\n"
	    "plans/a.md:1:8: error: second of two at 1:8\n"
	    "plans/a.md:10:1: error: late error\n"
	    "plans/b.md:5:3: warning: a warning\n"
	    "gongkai: 5 errors, nothing written\n",
	    "diag: report sorted by path, line, column and arrival, "
	    "positions printed 1-based");
	free(out);
	CHECK(diag_error_count() == 0, "diag: report resets the count");

	diag_error(&b, "only one");
	out = diag_capture();
	CHECK_STR(out, "plans/b.md:5:3: error: only one\n"
	    "gongkai: 1 error, nothing written\n",
	    "diag: singular summary for one error");
	free(out);

	diag_warning(&b, "just a warning");
	out = diag_capture();
	CHECK_STR(out, "plans/b.md:5:3: warning: just a warning\n",
	    "diag: no summary line without errors");
	free(out);

	out = diag_capture();
	CHECK_STR(out, "", "diag: nothing printed when nothing collected");
	free(out);

	diag_error(&b, "dropped");
	diag_reset();
	CHECK(diag_error_count() == 0, "diag: reset drops collected errors");
}

/* Key 00 01 … 0f, messages 00 01 … (n-1): the reference vectors. */
static uint64_t
sip64_of(size_t n, size_t split)
{
	struct siphash_key key = { { 0x0706050403020100ULL,
	    0x0f0e0d0c0b0a0908ULL } };
	unsigned char msg[64];
	struct siphash s;
	size_t i;

	for (i = 0; i < n; i++)
		msg[i] = (unsigned char)i;
	siphash_init64(&s, &key);
	siphash_update(&s, msg, split);
	siphash_update(&s, msg + split, n - split);
	return siphash_final64(&s);
}

/* The digest of the strings "a" and "b" with `init` and `key`. */
static struct siphash_digest
sip_pair(void (*init)(struct siphash *, const struct siphash_key *),
    const struct siphash_key *key, const char *a, const char *b)
{
	struct siphash_digest d;
	struct siphash s;

	init(&s, key);
	siphash_string(&s, a);
	siphash_string(&s, b);
	siphash_final(&s, &d);
	return d;
}

static void
test_siphash(void)
{
	struct siphash_key key = { { 1, 2 } }, other = { { 1, 3 } };
	struct siphash_digest a, b;
	struct siphash s;
	size_t split;
	int same = 1;

	CHECK(sip64_of(0, 0) == 0x726fdb47dd0e0e31ULL,
	    "siphash: reference vector, empty message");
	CHECK(sip64_of(15, 15) == 0xa129ca6149be45e5ULL,
	    "siphash: reference vector, 15 bytes (the paper's example)");
	siphash_init_24(&s, &(struct siphash_key){ { 0x0706050403020100ULL,
	    0x0f0e0d0c0b0a0908ULL } });
	siphash_final(&s, &a);
	CHECK(a.h[0] == 0xe6a825ba047f81a3ULL && a.h[1] == 0x930255c71472f66dULL,
	    "siphash: 128-bit reference vector, empty message");
	for (split = 0; split <= 15; split++)
		same &= sip64_of(15, split) == 0xa129ca6149be45e5ULL;
	CHECK(same, "siphash: the same digest however the input is split");

	a = sip_pair(siphash_init, &key, "ab", "c");
	b = sip_pair(siphash_init, &key, "a", "bc");
	CHECK(a.h[0] != b.h[0] || a.h[1] != b.h[1],
	    "siphash: strings are framed by their length");
	b = sip_pair(siphash_init, &other, "ab", "c");
	CHECK(a.h[0] != b.h[0] && a.h[1] != b.h[1],
	    "siphash: another key, another digest");
	b = sip_pair(siphash_init_24, &key, "ab", "c");
	CHECK(a.h[0] != b.h[0] && a.h[1] != b.h[1],
	    "siphash: 1-3 and 2-4 are different functions");
	CHECK(siphash_random_key(&key) == 0 && siphash_random_key(&other) == 0
	    && (key.k[0] != other.k[0] || key.k[1] != other.k[1]),
	    "siphash: random keys differ");
}

/* Keys around the hash's eight-byte words, many of them, after growth. */
static void
test_strmap(void)
{
	struct arena arena;
	struct strmap map, big;
	char key[64];
	const char *k;
	size_t i, n, bad = 0;

	arena_init(&arena);
	strmap_init(&map, &arena);
	CHECK(strmap_get(&map, "x") == NULL, "strmap: an empty map has no key");
	for (n = 0; n < 20; n++) {
		memset(key, 'p', n);
		key[n] = '\0';
		strmap_put(&map, arena_strdup(&arena, key), (void *)(n + 1));
	}
	for (n = 0; n < 20; n++) {
		memset(key, 'p', n);
		key[n] = '\0';
		bad += strmap_get(&map, key) != (void *)(n + 1);
	}
	CHECK(bad == 0 && map.len == 20, "strmap: keys of 0 to 19 bytes "
	    "sharing every prefix are told apart (%zu wrong)", bad);
	strmap_put(&map, "ppp", (void *)99);
	CHECK(strmap_get(&map, "ppp") == (void *)99 && map.len == 20,
	    "strmap: put replaces the value of a key");
	strmap_init(&big, &arena);
	strmap_reserve(&big, 100);
	n = big.cap;
	for (i = 0; i < 5000; i++) {
		k = arena_printf(&arena, "plans/d%02zu/progress/%zu/2024.md",
		    i % 38, i);
		strmap_put(&big, k, (void *)(i + 1));
		if (i == 99)
			CHECK(big.cap == n, "strmap: no growth within what was "
			    "reserved");
	}
	for (i = bad = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "plans/d%02zu/progress/%zu/2024.md",
		    i % 38, i);
		bad += strmap_get(&big, key) != (void *)(i + 1);
	}
	CHECK(bad == 0 && big.len == 5000, "strmap: 5000 paths found after "
	    "growing (%zu wrong)", bad);
	CHECK(strmap_get(&big, "plans/d00/progress/0/2025.md") == NULL,
	    "strmap: a missing path is not found");
	arena_free(&arena);
}

int
main(void)
{
	test_arena();
	test_checksum();
	test_arena_map();
	test_ptrvec();
	test_buf();
	test_strmap();
	test_utf8_validate();
	test_utf8_position();
	test_utf8_length();
	test_diag();
	test_siphash();
	TEST_EXIT();
}
