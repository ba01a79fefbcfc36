/* Front matter: a first line "---", YAML, a closing line "---", a body. */
#include <string.h>

#include "../base/diag.h"
#include "frontmatter.h"

/* True when the line at `p` (up to `end`) is "---" with trailing blanks. */
static int
is_fence(const char *p, const char *end)
{
	if (end - p < 3 || memcmp(p, "---", 3) != 0)
		return 0;
	for (p += 3; p < end && *p != '\n'; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r')
			return 0;
	return 1;
}

static const char *
next_line(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl + 1 : end;
}

int
frontmatter_split(const char *path, const char *text, size_t len,
    struct document *doc)
{
	const char *end = text + len, *p, *line;
	struct pos pos = { path, 0, 0 };
	size_t lineno = 1;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		diag_error(&pos, "the file starts with a byte-order mark; "
		    "save it as UTF-8 without BOM");
		return -1;
	}
	if (!is_fence(text, end)) {
		diag_error(&pos, "missing front matter: the file must start "
		    "with a line '---'");
		return -1;
	}
	doc->front = next_line(text, end);
	doc->front_line = 1;
	for (line = doc->front; line < end; line = p, lineno++) {
		p = next_line(line, end);
		if (is_fence(line, end)) {
			doc->front_len = (size_t)(line - doc->front);
			doc->body = p;
			doc->body_len = (size_t)(end - p);
			doc->body_line = lineno + 1;
			return 0;
		}
	}
	diag_error(&pos, "front matter is not closed: add a line '---' "
	    "after it");
	return -1;
}
