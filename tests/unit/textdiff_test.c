/*
 * Unit tests of the text differences: exact segments for Chinese titles
 * and report bodies, character boundaries, line ends, context and
 * collapsing, the work cap on hostile input, and random pairs checked
 * against a plain LCS table.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "history/textdiff.h"
#include "testlib.h"

/* Spells segments as "=same|-before|+after|~3" (3 lines left out). */
static const char *
spell(struct arena *arena, const struct ptrvec *segs)
{
	static const char marks[] = { '=', '-', '+' };
	const struct textdiff_segment *seg;
	struct buf b = BUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < segs->len; i++) {
		seg = segs->items[i];
		if (i > 0)
			buf_putc(&b, '|');
		if (seg->text == NULL)
			buf_printf(&b, "~%zu", seg->len);
		else {
			buf_putc(&b, marks[seg->op]);
			buf_append(&b, seg->text, seg->len);
		}
	}
	s = arena_strdup(arena, b.len ? buf_cstr(&b) : "");
	buf_free(&b);
	return s;
}

/* Returns 1 when every segment is well-formed UTF-8 of its stated length. */
static int
segments_valid(const struct ptrvec *segs)
{
	const struct textdiff_segment *seg;
	size_t i, bad;

	for (i = 0; i < segs->len; i++) {
		seg = segs->items[i];
		if (seg->text == NULL)
			continue;
		if (strlen(seg->text) != seg->len ||
		    !utf8_validate(seg->text, seg->len, &bad))
			return 0;
	}
	return 1;
}

/* Character diff spelled out; `*rc` gets the return value. */
static const char *
chars(struct arena *arena, const char *before, const char *after, int *rc)
{
	struct ptrvec segs = { NULL, 0, 0 };

	*rc = textdiff_chars(arena, before, after, &segs);
	if (!segments_valid(&segs))
		return "(not UTF-8)";
	return spell(arena, &segs);
}

static const char *
lines(struct arena *arena, const char *before, const char *after,
    int context, int *rc)
{
	struct ptrvec segs = { NULL, 0, 0 };

	*rc = textdiff_lines(arena, before, after, context, &segs);
	if (!segments_valid(&segs))
		return "(not UTF-8)";
	return spell(arena, &segs);
}

static void
test_titles(struct arena *arena)
{
	int rc;

	CHECK_STR(chars(arena, "完成时限2024年12月", "完成时限2025年6月",
	    &rc), "=完成时限202|-4|+5|=年|-12|+6|=月", "deadline changed");
	CHECK(rc == 0, "deadline diff is exact");
	CHECK_STR(chars(arena, "年度工作报告", "2024年度工作报告", &rc),
	    "+2024|=年度工作报告", "insertion at the start");
	CHECK_STR(chars(arena, "年度工作报告", "年度工作报告（修订）", &rc),
	    "=年度工作报告|+（修订）", "insertion at the end");
	CHECK_STR(chars(arena, "关于推进老旧小区改造的通知", "", &rc),
	    "-关于推进老旧小区改造的通知", "deletion of everything");
	CHECK_STR(chars(arena, "", "新增事项", &rc), "+新增事项",
	    "insertion into nothing");
	CHECK_STR(chars(arena, "由区住建局负责", "由区城管局牵头负责", &rc),
	    "=由区|-住建|+城管|=局|+牵头|=负责", "two changes, one word apart");
	CHECK(rc == 0, "two changes are exact");
}

static void
test_equal(struct arena *arena)
{
	struct ptrvec segs = { NULL, 0, 0 };
	int rc;

	CHECK_STR(chars(arena, "完成时限", "完成时限", &rc), "=完成时限",
	    "equal texts: one segment");
	CHECK(textdiff_chars(arena, "", "", &segs) == 0 && segs.len == 0,
	    "two empty texts: no segments");
	CHECK(textdiff_chars(arena, NULL, NULL, &segs) == 0 && segs.len == 0,
	    "NULL counts as empty");
	CHECK_STR(chars(arena, NULL, "新", &rc), "+新", "NULL before");
	CHECK_STR(lines(arena, "甲\n乙\n丙\n", "甲\n乙\n丙\n", 3, &rc), "~3",
	    "equal bodies collapse into one segment");
	CHECK_STR(lines(arena, "甲\n乙\n", "甲\n乙\n", -1, &rc), "=甲|=乙",
	    "equal bodies without collapsing");
	CHECK(textdiff_lines(arena, "", "", 3, &segs) == 0 && segs.len == 0,
	    "two empty bodies: no segments");
}

/*
 * 年 is E5 B9 B4 and 并 is E5 B9 B6: a byte diff would keep "E5 B9" and
 * change only the last byte.
 */
static void
test_boundaries(struct arena *arena)
{
	int rc;

	CHECK_STR(chars(arena, "按年推进", "按并推进", &rc),
	    "=按|-年|+并|=推进", "characters sharing lead bytes");
	CHECK_STR(chars(arena, "第3季度", "第三季度", &rc),
	    "=第|-3|+三|=季度", "ASCII replaced by a CJK character");
	CHECK_STR(chars(arena, "𠀀字", "𠀁字", &rc), "-𠀀|+𠀁|=字",
	    "four-byte characters kept whole");
}

/* Bytes that are not UTF-8 come out as they are, never joined to text. */
static void
test_bad_bytes(struct arena *arena)
{
	struct ptrvec segs = { NULL, 0, 0 };

	textdiff_chars(arena, "a\xff年", "a年", &segs);
	CHECK_STR(spell(arena, &segs), "=a|-\xff|=年", "a stray byte");
	segs.len = 0;
	textdiff_chars(arena, "\xe5\xb9年", "年", &segs);
	CHECK_STR(spell(arena, &segs), "-\xe5\xb9|=年", "a cut sequence");
	segs.len = 0;
	textdiff_chars(arena, "年\xb4", "年", &segs);
	CHECK_STR(spell(arena, &segs), "=年|-\xb4",
	    "a stray continuation byte after a character");
}

static const char ten[] = "一\n二\n三\n四\n五\n六\n七\n八\n九\n十\n";

static void
test_context(struct arena *arena)
{
	const char *five = "一\n二\n三\n四\n5\n六\n七\n八\n九\n十\n";
	const char *two_eight = "一\n2\n三\n四\n五\n六\n七\n8\n九\n十\n";
	const char *three_six = "一\n二\n3\n四\n五\n6\n七\n八\n九\n十\n";
	int rc;

	CHECK_STR(lines(arena, ten, five, 1, &rc), "~3|=四|-五|+5|=六|~4",
	    "one line changed, context 1");
	CHECK(rc == 0, "line diff is exact");
	CHECK_STR(lines(arena, ten, five, 0, &rc), "~4|-五|+5|~5",
	    "context 0");
	CHECK_STR(lines(arena, ten, five, 3, &rc),
	    "~1|=二|=三|=四|-五|+5|=六|=七|=八|~2", "context 3");
	CHECK_STR(lines(arena, ten, five, -1, &rc),
	    "=一|=二|=三|=四|-五|+5|=六|=七|=八|=九|=十", "no collapsing");
	CHECK_STR(lines(arena, ten, five, 10, &rc),
	    "=一|=二|=三|=四|-五|+5|=六|=七|=八|=九|=十",
	    "context wider than the text");
	CHECK_STR(lines(arena, ten, two_eight, 1, &rc),
	    "=一|-二|+2|=三|~3|=七|-八|+8|=九|~1",
	    "a long unchanged run between changes is collapsed");
	CHECK_STR(lines(arena, ten, three_six, 1, &rc),
	    "~1|=二|-三|+3|=四|=五|-六|+6|=七|~3",
	    "a short one is kept whole");
	CHECK_STR(lines(arena, ten, "零\n一\n二\n三\n四\n五\n六\n七\n八\n九\n十\n",
	    2, &rc), "+零|=一|=二|~8", "a line added at the start");
	CHECK_STR(lines(arena, ten, "一\n二\n三\n四\n五\n六\n七\n八\n九\n", 2,
	    &rc), "~7|=八|=九|-十", "the last line removed");
	CHECK_STR(lines(arena, "甲\n乙\n", "丙\n丁\n", 1, &rc),
	    "-甲|-乙|+丙|+丁", "all lines replaced: deletions first");
}

static void
test_line_ends(struct arena *arena)
{
	int rc;

	CHECK_STR(lines(arena, "甲\r\n乙\r\n", "甲\n乙", -1, &rc), "=甲|=乙",
	    "CRLF, LF and a missing final newline are alike");
	CHECK_STR(lines(arena, "标题\r\n旧内容\r\n", "标题\r\n新内容\r\n", -1,
	    &rc), "=标题|-旧内容|+新内容", "CR is not part of the line");
	CHECK_STR(lines(arena, "甲\n乙", "甲\n乙\n丙", -1, &rc), "=甲|=乙|+丙",
	    "a line added after a missing final newline");
	CHECK_STR(lines(arena, "甲\n\n乙\n", "甲\n乙\n", -1, &rc), "=甲|-|=乙",
	    "an empty line removed");
	CHECK_STR(lines(arena, "\n", "", -1, &rc), "-", "a text of one empty line");
	CHECK_STR(lines(arena, "a\rb\n", "a\rc\n", -1, &rc),
	    "-a\rb|+a\rc", "a lone CR stays in the line");
}

/* Builds `count` CJK characters from U+4E00 + first, stepping by 2. */
static char *
cjk_text(struct arena *arena, unsigned first, size_t count)
{
	char *s = arena_alloc(arena, count * 3 + 1), *p = s;
	unsigned c;
	size_t i;

	for (i = 0; i < count; i++) {
		c = 0x4e00 + (first + 2 * (unsigned)i) % 0x5000;
		*p++ = (char)(0xe0 | c >> 12);
		*p++ = (char)(0x80 | (c >> 6 & 0x3f));
		*p++ = (char)(0x80 | (c & 0x3f));
	}
	*p = '\0';
	return s;
}

static void
test_cap(struct arena *arena)
{
	char *before = cjk_text(arena, 0, 20000);
	char *after = cjk_text(arena, 1, 20000);	/* no character shared */
	struct ptrvec segs = { NULL, 0, 0 };
	const struct textdiff_segment *del, *ins;
	clock_t start = clock();
	double secs;
	int rc;

	rc = textdiff_chars(arena, before, after, &segs);
	secs = (double)(clock() - start) / CLOCKS_PER_SEC;
	CHECK(rc == 1, "20,000 changed characters hit the cap");
	CHECK(secs < 2.0, "and give up quickly (%.3f s)", secs);
	del = segs.len == 2 ? segs.items[0] : NULL;
	ins = segs.len == 2 ? segs.items[1] : NULL;
	CHECK(del != NULL && del->op == TEXTDIFF_DELETE &&
	    strcmp(del->text, before) == 0, "capped: all of before deleted");
	CHECK(ins != NULL && ins->op == TEXTDIFF_INSERT &&
	    strcmp(ins->text, after) == 0, "capped: all of after inserted");

	CHECK_STR(chars(arena, arena_printf(arena, "标题：%s。", before),
	    arena_printf(arena, "标题：%s。", after), &rc),
	    arena_printf(arena, "=标题：|-%s|+%s|=。", before, after),
	    "capped: common prefix and suffix still kept");
	CHECK(rc == 1, "capped with prefix and suffix");
}

/* Large inputs with few changes are diffed exactly, not capped. */
static void
test_large_easy(struct arena *arena)
{
	char *text = cjk_text(arena, 0, 20000), *edited;
	struct ptrvec segs = { NULL, 0, 0 };
	char *ab, *ba;
	size_t i;
	int rc;

	edited = arena_strdup(arena, text);
	memcpy(edited + 3 * 100, "甲", 3);
	memcpy(edited + 3 * 19000, "乙", 3);
	rc = textdiff_chars(arena, text, edited, &segs);
	CHECK(rc == 0 && segs.len == 7,
	    "two changes far apart in 20,000 characters: exact");

	ab = arena_alloc(arena, 20001);
	ba = arena_alloc(arena, 20001);
	for (i = 0; i < 20000; i++) {
		ab[i] = "ab"[i % 2];
		ba[i] = "ba"[i % 2];
	}
	ab[20000] = ba[20000] = '\0';
	segs.len = 0;
	rc = textdiff_chars(arena, ab, ba, &segs);
	CHECK(rc == 0 && segs.len == 3 &&
	    ((struct textdiff_segment *)segs.items[0])->op == TEXTDIFF_DELETE &&
	    ((struct textdiff_segment *)segs.items[2])->op == TEXTDIFF_INSERT,
	    "abab... to baba...: delete one, insert one");
}

static void
test_lines_cap(struct arena *arena)
{
	struct buf before = BUF_INIT, after = BUF_INIT;
	struct ptrvec segs = { NULL, 0, 0 };
	clock_t start = clock();
	int i, rc;

	for (i = 0; i < 20000; i++) {
		buf_printf(&before, "第%d行\n", i);
		buf_printf(&after, "第%d条\n", i);
	}
	rc = textdiff_lines(arena, buf_cstr(&before), buf_cstr(&after), 3,
	    &segs);
	CHECK(rc == 1 && segs.len == 40000,
	    "20,000 changed lines hit the cap: %zu segments", segs.len);
	CHECK((double)(clock() - start) / CLOCKS_PER_SEC < 2.0,
	    "and give up quickly");
	buf_free(&before);
	buf_free(&after);
}

/*
 * Random pairs over a small alphabet: the segments must rebuild both
 * texts, keep DELETE before INSERT, and keep as many characters as the
 * longest common subsequence.
 */
static const char *const alphabet[] = { "年", "并", "月", "a", "b" };

static uint32_t
next_random(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 16;
}

#define RANDOM_MAX	40

static size_t
random_text(uint32_t *state, int *sym, size_t max, struct buf *b)
{
	size_t i, n = next_random(state) % (max + 1);

	buf_reset(b);
	for (i = 0; i < n; i++) {
		sym[i] = (int)(next_random(state) % 5);
		buf_puts(b, alphabet[sym[i]]);
	}
	return n;
}

static size_t
lcs_length(const int *a, size_t n, const int *b, size_t m)
{
	size_t t[RANDOM_MAX + 1][RANDOM_MAX + 1], i, j;

	for (i = 0; i <= n; i++)
		for (j = 0; j <= m; j++)
			t[i][j] = i == 0 || j == 0 ? 0 :
			    a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 :
			    t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] :
			    t[i][j - 1];
	return t[n][m];
}

/* Returns 1 when the segments rebuild both texts in the expected order. */
static int
segments_rebuild(const struct ptrvec *segs, const char *before,
    const char *after, size_t *kept)
{
	const struct textdiff_segment *seg, *prev = NULL;
	struct buf b = BUF_INIT, a = BUF_INIT;
	size_t i;
	int ok = 1;

	*kept = 0;
	for (i = 0; i < segs->len; i++, prev = seg) {
		seg = segs->items[i];
		if (prev != NULL && (prev->op == seg->op ||
		    (prev->op == TEXTDIFF_INSERT && seg->op == TEXTDIFF_DELETE)))
			ok = 0;
		if (seg->op != TEXTDIFF_INSERT)
			buf_append(&b, seg->text, seg->len);
		if (seg->op != TEXTDIFF_DELETE)
			buf_append(&a, seg->text, seg->len);
		if (seg->op == TEXTDIFF_EQUAL)
			*kept += utf8_length(seg->text, seg->len);
	}
	ok = ok && strcmp(b.len ? buf_cstr(&b) : "", before) == 0 &&
	    strcmp(a.len ? buf_cstr(&a) : "", after) == 0;
	buf_free(&b);
	buf_free(&a);
	return ok;
}

static void
test_random(struct arena *arena)
{
	struct buf before = BUF_INIT, after = BUF_INIT;
	int a[RANDOM_MAX], b[RANDOM_MAX], bad = 0, round;
	uint32_t state = 20240601;
	size_t n, m, kept, max;

	for (round = 0; round < 2000; round++) {
		struct ptrvec segs = { NULL, 0, 0 };

		max = round % 2 ? RANDOM_MAX : 8;
		n = random_text(&state, a, max, &before);
		m = random_text(&state, b, max, &after);
		if (textdiff_chars(arena, before.len ? buf_cstr(&before) : "",
		    after.len ? buf_cstr(&after) : "", &segs) != 0 ||
		    !segments_valid(&segs) ||
		    !segments_rebuild(&segs, before.len ? buf_cstr(&before) : "",
		    after.len ? buf_cstr(&after) : "", &kept) ||
		    kept != lcs_length(a, n, b, m))
			bad++;
	}
	CHECK(bad == 0, "2,000 random pairs rebuilt and minimal (%d bad)", bad);
	buf_free(&before);
	buf_free(&after);
}

int
main(void)
{
	struct arena arena;

	arena_init(&arena);
	test_titles(&arena);
	test_equal(&arena);
	test_boundaries(&arena);
	test_bad_bytes(&arena);
	test_context(&arena);
	test_line_ends(&arena);
	test_cap(&arena);
	test_large_easy(&arena);
	test_lines_cap(&arena);
	test_random(&arena);
	arena_free(&arena);
	TEST_EXIT();
}
