/*
 * Text differences for the public change history: what a title said
 * before and after an edit, character by character, and which lines of a
 * report body changed.  Myers' O(ND) algorithm after trimming the common
 * prefix and suffix, with a cap on the work so that hostile input costs
 * milliseconds, not minutes.
 */
#ifndef GONGKAI_TEXTDIFF_H
#define GONGKAI_TEXTDIFF_H

#include <stddef.h>

struct arena;
struct ptrvec;

/*
 * The most steps (diagonals visited plus matching tokens followed) spent
 * on the changed middle of one diff.  Past it the middle is reported as
 * replaced wholesale: about 2,800 changed tokens when nothing matches,
 * many more when most of the text is kept.  It also bounds the search's
 * memory, 4 bytes a step (16 MB at most); splitting the texts takes about
 * 50 bytes a character or line.  All of it is freed before returning.
 */
#define TEXTDIFF_MAX_WORK	4000000

enum textdiff_op {
	TEXTDIFF_EQUAL,
	TEXTDIFF_DELETE,		/* only in the text before */
	TEXTDIFF_INSERT,		/* only in the text after */
};

/*
 * One piece of a difference.  `text` is NUL-terminated and in the arena;
 * `len` is its length in bytes.  Only textdiff_lines makes a segment with
 * `text` NULL: unchanged lines left out, `len` of them.
 */
struct textdiff_segment {
	enum textdiff_op	 op;
	const char		*text;
	size_t			 len;
};

/*
 * Compares two UTF-8 strings character by character (code point, never
 * part of one) and appends to `out` the segments, as struct
 * textdiff_segment *, in reading order: adjacent characters with the same
 * op form one segment, and where both texts changed the DELETE comes
 * before the INSERT.  Equal texts give one EQUAL segment, two empty ones
 * none; NULL counts as "".  Bytes that are not UTF-8 (a stray byte, a cut
 * sequence) are compared as they are, never joined to a whole character.
 *
 * Returns 0 for a minimal difference, or 1 when the changed middle went
 * over TEXTDIFF_MAX_WORK and is given as one DELETE and one INSERT
 * between the common prefix and suffix (still correct, just coarse).
 */
int	 textdiff_chars(struct arena *, const char *before,
	    const char *after, struct ptrvec *out);

/*
 * Compares two texts line by line and appends to `out` one segment per
 * line, its text without the line end.  "\n" and "\r\n" both end a line
 * and a missing final newline is no change: "a\r\nb" equals "a\nb\n".
 *
 * With `context` >= 0, only `context` unchanged lines are kept on each
 * side of a change; each longer run of unchanged lines is collapsed into
 * one TEXTDIFF_EQUAL segment whose `text` is NULL and whose `len` is the
 * number of lines left out (so equal texts give one such segment).  With
 * `context` < 0 every line is kept.
 *
 * Returns 0 or 1 as textdiff_chars does; on 1 the changed middle lines
 * are all deleted, then all inserted.
 */
int	 textdiff_lines(struct arena *, const char *before,
	    const char *after, int context, struct ptrvec *out);

#endif
