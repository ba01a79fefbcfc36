/*
 * Unit tests of the loading stage: dates and deadlines, the YAML tree
 * (positions, the nesting cap, refused anchors, aliases and tags, duplicate
 * keys), front matter, ids, and the schema's typed parsers with the exact
 * wording and position of their messages.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/checksum.h"
#include "load/content.h"
#include "load/content_cache.h"
#include "load/frontmatter.h"
#include "load/schema.h"
#include "load/yaml_tree.h"
#include "diagcapture.h"
#include "testlib.h"


/*
 * CHECK evaluates its condition twice (once more to print it on failure);
 * CHECK1 evaluates it once, for conditions that parse or report.
 */
#define CHECK1(cond, ...) do {						\
	int once_ = (cond);						\
	CHECK(once_, __VA_ARGS__);					\
} while (0)

/* Checks that the collected messages are exactly `want`, then drops them. */
#define CHECK_DIAG(want, ...) do {					\
	char *diag_ = diag_capture();					\
	CHECK_STR(diag_, want, __VA_ARGS__);				\
	free(diag_);							\
} while (0)

/* ---- dates ---------------------------------------------------------- */

static void
check_date(const char *s, int year, int month, int day)
{
	struct date d = { -1, -1, -1 };
	int rc = date_parse(s, &d);

	CHECK(rc == 0 && d.year == year && d.month == month && d.day == day,
	    "date_parse: '%s' is %04d-%02d-%02d (rc=%d, got %d-%d-%d)", s,
	    year, month, day, rc, d.year, d.month, d.day);
}

static void
check_bad_date(const char *s, const char *why)
{
	struct date d;

	CHECK(date_parse(s, &d) == -1, "date_parse: '%s' refused (%s)", s,
	    why);
}

static void
test_date_parse(void)
{
	check_date("2024-02-29", 2024, 2, 29);
	check_date("2000-02-29", 2000, 2, 29);
	check_date("2024-01-01", 2024, 1, 1);
	check_date("2024-12-31", 2024, 12, 31);
	check_date("2024-04-30", 2024, 4, 30);
	check_date("1900-01-01", 1900, 1, 1);
	check_date("2999-12-31", 2999, 12, 31);
	check_date("2023-02-28", 2023, 2, 28);

	check_bad_date("2023-02-29", "2023 is not a leap year");
	check_bad_date("1900-02-29", "1900 is not a leap year");
	check_bad_date("2100-02-29", "2100 is not a leap year");
	check_bad_date("2024-02-30", "February has at most 29 days");
	check_bad_date("2024-04-31", "April has 30 days");
	check_bad_date("2024-06-31", "June has 30 days");
	check_bad_date("2024-13-01", "month 13");
	check_bad_date("2024-00-10", "month 0");
	check_bad_date("2024-01-00", "day 0");
	check_bad_date("2024-01-32", "day 32");
	check_bad_date("1899-12-31", "before 1900");
	check_bad_date("3000-01-01", "after 2999");
	check_bad_date("2024-1-01", "one-digit month");
	check_bad_date("2024-01-1", "one-digit day");
	check_bad_date("20240101", "no dashes");
	check_bad_date("2024/01/01", "slashes");
	check_bad_date("2024-01-01 ", "trailing blank");
	check_bad_date(" 2024-01-01", "leading blank");
	check_bad_date("2024-01-01T00:00", "a time");
	check_bad_date("2024-01", "a month is not a date");
	check_bad_date("2024", "a year is not a date");
	check_bad_date("", "empty");
	check_bad_date("+024-01-01", "sign");
	check_bad_date("2024-+1-01", "sign in the month");
	check_bad_date("２０２４-01-01", "full-width digits");
	check_bad_date("ongoing", "a word");
}

static void
test_date_compare(void)
{
	struct date a = { 2024, 6, 30 }, same = { 2024, 6, 30 };
	struct date next_day = { 2024, 7, 1 }, next_year = { 2025, 1, 1 };
	struct date later_day = { 2024, 6, 31 - 1 + 1 };

	CHECK(date_compare(&a, &same) == 0, "date_compare: equal");
	CHECK(date_compare(&a, &next_day) == -1, "date_compare: month first");
	CHECK(date_compare(&next_day, &a) == 1, "date_compare: reversed");
	CHECK(date_compare(&next_year, &next_day) == 1, "date_compare: year "
	    "before month");
	CHECK(date_compare(&a, &later_day) == -1, "date_compare: day last");
}

static void
check_deadline(const char *s, enum deadline_kind kind, int year, int month,
    int day)
{
	struct deadline d = { DEADLINE_DAY, { 1, 1, 1 }, "kept" };
	int rc = deadline_parse(s, &d);

	CHECK(rc == 0 && d.kind == kind && d.last_day.year == year &&
	    d.last_day.month == month && d.last_day.day == day &&
	    d.text != NULL && strcmp(d.text, "kept") == 0,
	    "deadline_parse: '%s' is kind %d, last day %04d-%02d-%02d (rc=%d "
	    "kind=%d %d-%d-%d)", s, kind, year, month, day, rc, d.kind,
	    d.last_day.year, d.last_day.month, d.last_day.day);
}

static void
test_deadline_parse(void)
{
	struct deadline d = { DEADLINE_DAY, { 2024, 1, 1 }, "words" };

	check_deadline("2024-02", DEADLINE_MONTH, 2024, 2, 29);
	check_deadline("2023-02", DEADLINE_MONTH, 2023, 2, 28);
	check_deadline("1900-02", DEADLINE_MONTH, 1900, 2, 28);
	check_deadline("2000-02", DEADLINE_MONTH, 2000, 2, 29);
	check_deadline("2024-04", DEADLINE_MONTH, 2024, 4, 30);
	check_deadline("2024-12", DEADLINE_MONTH, 2024, 12, 31);
	check_deadline("2025", DEADLINE_YEAR, 2025, 12, 31);
	check_deadline("2024-06-30", DEADLINE_DAY, 2024, 6, 30);
	check_deadline("2024-02-29", DEADLINE_DAY, 2024, 2, 29);
	check_deadline("ongoing", DEADLINE_ONGOING, 0, 0, 0);

	CHECK(deadline_parse("Ongoing", &d) == -1, "deadline_parse: "
	    "'Ongoing' refused (case matters)");
	CHECK(d.kind == DEADLINE_NONE && strcmp(d.text, "words") == 0,
	    "deadline_parse: a refused deadline is none, text kept");
	CHECK(deadline_parse("2023-02-29", &d) == -1, "deadline_parse: "
	    "'2023-02-29' refused");
	CHECK(deadline_parse("2024-13", &d) == -1, "deadline_parse: "
	    "'2024-13' refused");
	CHECK(deadline_parse("2024-00", &d) == -1, "deadline_parse: "
	    "'2024-00' refused");
	CHECK(deadline_parse("24", &d) == -1, "deadline_parse: '24' refused");
	CHECK(deadline_parse("", &d) == -1, "deadline_parse: '' refused");
	CHECK(deadline_parse("2024-", &d) == -1, "deadline_parse: '2024-' "
	    "refused");
	CHECK(deadline_parse("1899", &d) == -1, "deadline_parse: '1899' "
	    "refused");
}

/* ---- YAML tree ------------------------------------------------------ */

static struct ynode *
yaml(struct arena *arena, const char *text, size_t line_offset)
{
	return yaml_tree_parse(arena, "t.md", text, strlen(text), line_offset);
}

static const struct ynode *
member(const struct ynode *map, const char *key)
{
	const struct ynode *m;

	for (m = map ? map->first : NULL; m != NULL; m = m->next)
		if (m->key != NULL && strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

static int
at(const struct pos *pos, size_t line, size_t col)
{
	return pos->line == line && pos->col == col &&
	    pos->path != NULL && strcmp(pos->path, "t.md") == 0;
}

static void
test_yaml_positions(struct arena *arena)
{
	static const char text[] =
	    "title: 名称\n"
	    "名称: 值\n"
	    "list:\n"
	    "  - a\n"
	    "  - \"b\"\n"
	    "map: {k: v}\n";
	const struct ynode *root, *m, *item;

	diag_reset();
	root = yaml(arena, text, 1);
	CHECK(root != NULL && diag_error_count() == 0, "yaml: a document "
	    "with CJK keys parses");
	if (root == NULL)
		return;
	CHECK(root->kind == YNODE_MAPPING && root->count == 4, "yaml: root "
	    "is a map of 4");
	CHECK(at(&root->pos, 1, 0), "yaml: root at 1:0 with line_offset 1 "
	    "(got %zu:%zu)", root->pos.line, root->pos.col);

	m = member(root, "title");
	CHECK(m && m->kind == YNODE_SCALAR && strcmp(m->text, "名称") == 0 &&
	    m->len == 6 && m->plain, "yaml: title is plain text '名称'");
	CHECK(m && at(&m->key_pos, 1, 0), "yaml: key 'title' at 1:0");
	CHECK(m && at(&m->pos, 1, 7), "yaml: value of 'title' at 1:7 (got "
	    "%zu:%zu)", m ? m->pos.line : 0, m ? m->pos.col : 0);

	m = member(root, "名称");
	CHECK(m && strcmp(m->text, "值") == 0, "yaml: CJK key and value");
	CHECK(m && at(&m->key_pos, 2, 0), "yaml: CJK key at 2:0");
	CHECK(m && at(&m->pos, 2, 4), "yaml: value after a CJK key at 2:4, "
	    "columns in characters (got %zu:%zu)", m ? m->pos.line : 0,
	    m ? m->pos.col : 0);

	m = member(root, "list");
	CHECK(m && m->kind == YNODE_SEQUENCE && m->count == 2, "yaml: list "
	    "of 2");
	CHECK(m && at(&m->key_pos, 3, 0), "yaml: key 'list' at 3:0");
	CHECK(m && at(&m->pos, 4, 2), "yaml: block list starts at its first "
	    "dash, 4:2 (got %zu:%zu)", m ? m->pos.line : 0,
	    m ? m->pos.col : 0);
	item = m ? m->first : NULL;
	CHECK(item && strcmp(item->text, "a") == 0 && item->plain &&
	    item->key == NULL && at(&item->pos, 4, 4), "yaml: item 'a' at "
	    "4:4, plain, no key");
	item = item ? item->next : NULL;
	CHECK(item && strcmp(item->text, "b") == 0 && !item->plain &&
	    at(&item->pos, 5, 4) && item->next == NULL, "yaml: item \"b\" at "
	    "5:4, quoted, last");

	m = member(root, "map");
	CHECK(m && m->kind == YNODE_MAPPING && m->count == 1 &&
	    at(&m->key_pos, 6, 0) && at(&m->pos, 6, 5), "yaml: flow map at "
	    "6:5 (got %zu:%zu)", m ? m->pos.line : 0, m ? m->pos.col : 0);
	m = member(m, "k");
	CHECK(m && at(&m->key_pos, 6, 6) && at(&m->pos, 6, 9) &&
	    strcmp(m->text, "v") == 0, "yaml: k: v inside the flow map at "
	    "6:6 and 6:9");

	CHECK(at((const struct pos[]){ ynode_key_pos(root, "list") }, 3, 0),
	    "ynode_key_pos: an existing key's position");
	CHECK(at((const struct pos[]){ ynode_key_pos(root, "missing") }, 1,
	    0), "ynode_key_pos: the map's own position for a missing key");
	CHECK_STR(ynode_kind_name(YNODE_SCALAR), "text", "ynode_kind_name: "
	    "scalar");
	CHECK_STR(ynode_kind_name(YNODE_SEQUENCE), "a list",
	    "ynode_kind_name: sequence");
	CHECK_STR(ynode_kind_name(YNODE_MAPPING), "a map", "ynode_kind_name: "
	    "mapping");
}

static void
test_yaml_documents(struct arena *arena)
{
	const struct ynode *root;

	diag_reset();
	root = yaml(arena, "", 3);
	CHECK(root && root->kind == YNODE_MAPPING && root->count == 0 &&
	    root->first == NULL && at(&root->pos, 3, 0), "yaml: an empty "
	    "document is an empty map at the offset line");
	root = yaml(arena, "# only a comment\n", 0);
	CHECK(root && root->kind == YNODE_MAPPING && root->count == 0,
	    "yaml: a comment-only document is an empty map");
	root = yaml(arena, "just text\n", 0);
	CHECK(root && root->kind == YNODE_SCALAR &&
	    strcmp(root->text, "just text") == 0, "yaml: a scalar document "
	    "stays a scalar (the schema refuses it)");
	root = yaml(arena, "a: {x: 1}\nb: {x: 2}\n", 0);
	CHECK(root && root->count == 2, "yaml: the same key in two maps is "
	    "not a duplicate");
	CHECK(diag_error_count() == 0, "yaml: no errors so far");

	root = yaml(arena, "a: 1\n---\nb: 2\n", 0);
	CHECK(root == NULL, "yaml: a second document is refused");
	CHECK_DIAG("t.md:2:1: error: only one YAML document is allowed here\n"
	    "gongkai: 1 error, nothing written\n", "yaml: message for a "
	    "second document");
}

static void
test_yaml_nulls(struct arena *arena)
{
	const struct ynode *root;

	root = yaml(arena, "a:\nb: ~\nc: null\nd: ''\ne: 'null'\nf: x\n"
	    "g: \"~\"\n", 0);
	CHECK(root != NULL, "yaml: null test document parses");
	if (root == NULL)
		return;
	CHECK(ynode_is_null(member(root, "a")), "ynode_is_null: empty value");
	CHECK(ynode_is_null(member(root, "b")), "ynode_is_null: ~");
	CHECK(ynode_is_null(member(root, "c")), "ynode_is_null: null");
	CHECK(!ynode_is_null(member(root, "d")), "ynode_is_null: '' is quoted "
	    "text");
	CHECK(!ynode_is_null(member(root, "e")), "ynode_is_null: 'null' is "
	    "quoted text");
	CHECK(!ynode_is_null(member(root, "f")), "ynode_is_null: x");
	CHECK(!ynode_is_null(member(root, "g")), "ynode_is_null: \"~\"");
	CHECK(!ynode_is_null(root), "ynode_is_null: a map is not null");
}

/* Text of `levels` nested flow lists: [[[]]] for 3. */
static char *
nested_lists(struct arena *arena, size_t levels)
{
	char *s = arena_alloc(arena, 2 * levels + 2);

	memset(s, '[', levels);
	memset(s + levels, ']', levels);
	s[2 * levels] = '\n';
	s[2 * levels + 1] = '\0';
	return s;
}

/* Text of `levels` nested block maps "k:", the innermost "k: v". */
static char *
nested_maps(struct arena *arena, size_t levels)
{
	struct buf b = BUF_INIT;
	size_t i, j;
	char *s;

	for (i = 0; i < levels; i++) {
		for (j = 0; j < i; j++)
			buf_puts(&b, "  ");
		buf_puts(&b, i + 1 == levels ? "k: v\n" : "k:\n");
	}
	s = arena_strdup(arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static void
test_yaml_depth(struct arena *arena)
{
	const struct ynode *root, *node;
	size_t depth;
	char want[128];

	CHECK(YAML_TREE_MAX_DEPTH == 16, "yaml: the nesting cap is 16");

	diag_reset();
	root = yaml(arena, nested_lists(arena, YAML_TREE_MAX_DEPTH), 0);
	for (depth = 0, node = root; node != NULL; node = node->first)
		depth++;
	CHECK(root != NULL && depth == YAML_TREE_MAX_DEPTH &&
	    diag_error_count() == 0, "yaml: 16 nested lists are allowed "
	    "(depth %zu)", depth);
	root = yaml(arena, nested_lists(arena, YAML_TREE_MAX_DEPTH + 1), 0);
	CHECK(root == NULL, "yaml: 17 nested lists are refused");
	snprintf(want, sizeof(want), "t.md:1:%d: error: nesting is too "
	    "deep\ngongkai: 1 error, nothing written\n",
	    YAML_TREE_MAX_DEPTH + 1);
	CHECK_DIAG(want, "yaml: the 17th '[' is reported");

	root = yaml(arena, nested_maps(arena, YAML_TREE_MAX_DEPTH), 0);
	for (depth = 0, node = root; node != NULL && node->kind ==
	    YNODE_MAPPING; node = node->first)
		depth++;
	CHECK(root != NULL && depth == YAML_TREE_MAX_DEPTH && node != NULL &&
	    strcmp(node->text, "v") == 0 && diag_error_count() == 0,
	    "yaml: 16 nested block maps are allowed (depth %zu)", depth);
	root = yaml(arena, nested_maps(arena, YAML_TREE_MAX_DEPTH + 1), 2);
	CHECK(root == NULL, "yaml: 17 nested block maps are refused");
	snprintf(want, sizeof(want), "t.md:%d:%d: error: nesting is too "
	    "deep\ngongkai: 1 error, nothing written\n",
	    YAML_TREE_MAX_DEPTH + 2 + 1, 2 * YAML_TREE_MAX_DEPTH + 1);
	CHECK_DIAG(want, "yaml: the 17th map is reported at its first key");
}

static void
test_yaml_refused(struct arena *arena)
{
	diag_reset();
	CHECK1(yaml(arena, "a: &x 1\n", 0) == NULL, "yaml: an anchor on a "
	    "scalar is refused");
	CHECK_DIAG("t.md:1:4: error: YAML anchors are not allowed in "
	    "content\ngongkai: 1 error, nothing written\n", "yaml: anchor "
	    "message and position");

	CHECK1(yaml(arena, "a: 1\nb: *x\n", 0) == NULL, "yaml: an alias is "
	    "refused");
	CHECK_DIAG("t.md:2:4: error: YAML aliases are not allowed in "
	    "content\ngongkai: 1 error, nothing written\n", "yaml: alias "
	    "message and position");

	CHECK1(yaml(arena, "a: 1\nb: *x\n", 5) == NULL, "yaml: an alias with "
	    "line_offset 5");
	CHECK_DIAG("t.md:7:4: error: YAML aliases are not allowed in "
	    "content\ngongkai: 1 error, nothing written\n", "yaml: alias "
	    "position shifted by line_offset");

	CHECK1(yaml(arena, "a: &base\n  b: 1\nc: *base\n", 0) == NULL,
	    "yaml: an anchored map and its alias are refused");
	CHECK_DIAG("t.md:1:4: error: YAML anchors are not allowed in "
	    "content\ngongkai: 1 error, nothing written\n", "yaml: only the "
	    "anchor is reported (parsing stops there)");

	CHECK1(yaml(arena, "list: &l [1]\n", 0) == NULL, "yaml: an anchored "
	    "list is refused");
	CHECK_DIAG("t.md:1:7: error: YAML anchors are not allowed in "
	    "content\ngongkai: 1 error, nothing written\n", "yaml: anchored "
	    "list position");

	CHECK1(yaml(arena, "a: !!str 1\n", 0) == NULL, "yaml: a tag is "
	    "refused");
	CHECK_DIAG("t.md:1:4: error: YAML tags are not allowed in content\n"
	    "gongkai: 1 error, nothing written\n", "yaml: tag message");

	CHECK1(yaml(arena, "a: !custom {b: 1}\n", 0) == NULL, "yaml: a tag "
	    "on a map is refused");
	CHECK_DIAG("t.md:1:4: error: YAML tags are not allowed in content\n"
	    "gongkai: 1 error, nothing written\n", "yaml: local tag message");

	CHECK1(yaml(arena, "a: 1\nb: 2\na: 3\n", 0) == NULL, "yaml: a "
	    "duplicate key is refused");
	CHECK_DIAG("t.md:3:1: error: duplicate key 'a'\n"
	    "gongkai: 1 error, nothing written\n", "yaml: duplicate key at "
	    "the second occurrence");

	CHECK1(yaml(arena, "outer:\n  x: 1\n  y: 2\n  x: 3\n", 10) == NULL,
	    "yaml: a nested duplicate key is refused");
	CHECK_DIAG("t.md:14:3: error: duplicate key 'x'\n"
	    "gongkai: 1 error, nothing written\n", "yaml: nested duplicate "
	    "key position");

	CHECK1(yaml(arena, "a: \"x\\0y\"\n", 0) == NULL, "yaml: an escaped "
	    "NUL byte is refused");
	CHECK_DIAG("t.md:1:4: error: text contains a NUL byte\n"
	    "gongkai: 1 error, nothing written\n", "yaml: NUL message");

	CHECK1(yaml(arena, "? [k]\n: v\n", 0) == NULL, "yaml: a list as a key "
	    "is refused");
	CHECK_DIAG("t.md:1:5: error: a key must be plain text\n"
	    "gongkai: 1 error, nothing written\n", "yaml: non-text key "
	    "message (reported where the key ends)");

	CHECK1(yaml(arena, "a: [1, 2\n", 0) == NULL, "yaml: an unclosed flow "
	    "list is a syntax error");
	CHECK_DIAG("t.md:2:1: error: did not find expected ',' or ']'\n"
	    "gongkai: 1 error, nothing written\n", "yaml: libyaml's message "
	    "at libyaml's position");

	CHECK1(yaml(arena, "a: \xc0\x80\n", 0) == NULL, "yaml: invalid UTF-8 "
	    "is refused by the parser");
	CHECK_DIAG("t.md:1:1: error: invalid length of a UTF-8 sequence\n"
	    "gongkai: 1 error, nothing written\n", "yaml: invalid UTF-8 "
	    "message (libyaml gives no line for reader errors, so 1:1)");
}

/* ---- front matter --------------------------------------------------- */

static void
check_split(const char *name, const char *text, const char *front,
    size_t front_line, const char *body, size_t body_line)
{
	struct document doc;
	int rc;

	memset(&doc, 0, sizeof(doc));
	rc = frontmatter_split("f.md", text, strlen(text), &doc);
	CHECK(rc == 0 && doc.front_len == strlen(front) &&
	    memcmp(doc.front, front, doc.front_len) == 0 &&
	    doc.front_line == front_line && doc.body_len == strlen(body) &&
	    strcmp(doc.body, body) == 0 && doc.body_line == body_line,
	    "frontmatter_split: %s (rc=%d front_len=%zu front_line=%zu "
	    "body_line=%zu)", name, rc, doc.front_len, doc.front_line,
	    doc.body_line);
}

static void
check_split_error(const char *name, const char *text, const char *want)
{
	struct document doc;

	diag_reset();
	CHECK1(frontmatter_split("f.md", text, strlen(text), &doc) == -1,
	    "frontmatter_split: %s is refused", name);
	CHECK_DIAG(want, "frontmatter_split: %s message", name);
}

static void
test_frontmatter(void)
{
	check_split("plain", "---\na: 1\nb: 2\n---\n# Body\n\ntext\n",
	    "a: 1\nb: 2\n", 1, "# Body\n\ntext\n", 4);
	check_split("empty front matter", "---\n---\nbody", "", 1, "body", 2);
	check_split("no body", "---\na: 1\n---\n", "a: 1\n", 1, "", 3);
	check_split("closing fence at end of file", "---\na: 1\n---",
	    "a: 1\n", 1, "", 3);
	check_split("CRLF line ends", "---\r\na: 1\r\n---\r\nbody\r\n",
	    "a: 1\r\n", 1, "body\r\n", 3);
	check_split("blanks after the fences", "--- \t\na: 1\n---  \nbody",
	    "a: 1\n", 1, "body", 3);
	check_split("a later '---' stays in the body",
	    "---\na: 1\n---\nx\n---\ny\n", "a: 1\n", 1, "x\n---\ny\n", 3);
	check_split("'----' inside front matter is not a fence",
	    "---\na: '----'\n----\n---\nz", "a: '----'\n----\n", 1, "z", 4);

	check_split_error("a missing fence", "title: x\n",
	    "f.md:1:1: error: missing front matter: the file must start with "
	    "a line '---'\ngongkai: 1 error, nothing written\n");
	check_split_error("'----' as the first line", "----\na: 1\n---\n",
	    "f.md:1:1: error: missing front matter: the file must start with "
	    "a line '---'\ngongkai: 1 error, nothing written\n");
	check_split_error("an empty file", "",
	    "f.md:1:1: error: missing front matter: the file must start with "
	    "a line '---'\ngongkai: 1 error, nothing written\n");
	check_split_error("an unclosed front matter", "---\na: 1\nbody\n",
	    "f.md:1:1: error: front matter is not closed: add a line '---' "
	    "after it\ngongkai: 1 error, nothing written\n");
	check_split_error("a lone fence", "---",
	    "f.md:1:1: error: front matter is not closed: add a line '---' "
	    "after it\ngongkai: 1 error, nothing written\n");
	check_split_error("a byte-order mark", "\xef\xbb\xbf---\na: 1\n---\n",
	    "f.md:1:1: error: the file starts with a byte-order mark; save it "
	    "as UTF-8 without BOM\ngongkai: 1 error, nothing written\n");
}

/* ---- ids and schema parsers ----------------------------------------- */

static void
test_id_is_valid(void)
{
	static const char *const good[] = { "a", "0", "a-b", "plan-2024",
	    "2024-plan", "a-", "x1-y2-z3" };
	static const char *const bad[] = { "", "-a", "A", "aB", "a_b", "a.b",
	    "a b", "a/b", "中文", "é" };
	char id[80];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CHECK(id_is_valid(good[i]) == 1, "id_is_valid: '%s' is an id",
		    good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(id_is_valid(bad[i]) == 0, "id_is_valid: '%s' is not an id",
		    bad[i]);
	memset(id, 'a', sizeof(id));
	id[64] = '\0';
	CHECK(id_is_valid(id) == 1, "id_is_valid: 64 characters");
	id[64] = 'a';
	id[65] = '\0';
	CHECK(id_is_valid(id) == 0, "id_is_valid: 65 characters");
	CHECK(id_is_valid("a\n") == 0, "id_is_valid: a trailing newline");
	id[64] = '-';
	CHECK(id_is_valid(id) == 0, "id_is_valid: 65 characters ending "
	    "in '-'");
}

static const struct schema_enum colour_names[] = {
	{ "red", 1 },
	{ "green", 2 },
	{ NULL, 0 },
};

/*
 * Parses "k: VALUE" and applies `parse` to the value with a field named
 * "k"; returns what the parser returned.
 */
static int
parse_value(struct arena *arena, schema_parser parse, const char *value,
    void *dest, const void *arg)
{
	struct schema_field field = { "k", 0, parse, 0, arg };
	const struct ynode *root;
	char *text = arena_printf(arena, "k: %s\n", value);

	root = yaml(arena, text, 0);
	if (root == NULL || root->first == NULL)
		return -2;
	return parse(arena, root->first, &field, dest);
}

static void
test_schema_scalars(struct arena *arena)
{
	const char *s = NULL;
	long n = 0;
	double x = 0;
	int e = 0;
	struct date d;
	struct deadline dl = { DEADLINE_NONE, { 0, 0, 0 }, NULL };

	diag_reset();
	CHECK1(parse_value(arena, schema_text, "名称", &s, NULL) == 0 &&
	    strcmp(s, "名称") == 0, "schema_text: text");
	CHECK1(parse_value(arena, schema_text, "''", &s, NULL) == -1,
	    "schema_text: '' refused");
	CHECK_DIAG("t.md:1:4: error: 'k' is empty\n"
	    "gongkai: 1 error, nothing written\n", "schema_text: message");
	CHECK1(parse_value(arena, schema_text, "[a]", &s, NULL) == -1,
	    "schema_text: a list refused");
	CHECK_DIAG("t.md:1:4: error: 'k' must be text, not a list\n"
	    "gongkai: 1 error, nothing written\n", "schema_text: type message");

	CHECK1(parse_value(arena, schema_id, "plan-1", &s, NULL) == 0 &&
	    strcmp(s, "plan-1") == 0, "schema_id: an id");
	CHECK1(parse_value(arena, schema_id, "Plan", &s, NULL) == -1,
	    "schema_id: 'Plan' refused");
	CHECK_DIAG("t.md:1:4: error: 'Plan' is not a valid id: use 1–64 "
	    "lowercase letters, digits and '-', starting with a letter or "
	    "digit\ngongkai: 1 error, nothing written\n", "schema_id: message");

	CHECK1(parse_value(arena, schema_date, "2024-02-29", &d, NULL) == 0 &&
	    d.year == 2024 && d.month == 2 && d.day == 29, "schema_date: "
	    "2024-02-29");
	CHECK1(parse_value(arena, schema_date, "2023-02-29", &d, NULL) == -1,
	    "schema_date: 2023-02-29 refused");
	CHECK_DIAG("t.md:1:4: error: '2023-02-29' is not a valid date: use "
	    "YYYY-MM-DD\ngongkai: 1 error, nothing written\n", "schema_date: "
	    "message");

	CHECK1(parse_value(arena, schema_integer, "3", &n, NULL) == 0 && n == 3,
	    "schema_integer: 3");
	CHECK1(parse_value(arena, schema_integer, "-7", &n, NULL) == 0 &&
	    n == -7, "schema_integer: -7");
	CHECK1(parse_value(arena, schema_integer, "1000000000", &n, NULL) == 0
	    && n == 1000000000L, "schema_integer: 1e9 is the largest");
	CHECK1(parse_value(arena, schema_integer, "1000000001", &n, NULL) == -1,
	    "schema_integer: above 1e9 refused");
	CHECK1(parse_value(arena, schema_integer, "3.5", &n, NULL) == -1,
	    "schema_integer: 3.5 refused");
	CHECK1(parse_value(arena, schema_integer, "0x10", &n, NULL) == -1,
	    "schema_integer: hexadecimal refused");
	CHECK1(parse_value(arena, schema_integer, "'3'", &n, NULL) == -1,
	    "schema_integer: quoted '3' refused");
	CHECK(diag_error_count() == 4, "schema_integer: four messages");
	diag_reset();
	CHECK1(parse_value(arena, schema_integer, "twelve", &n, NULL) == -1,
	    "schema_integer: a word refused");
	CHECK_DIAG("t.md:1:4: error: 'k' must be a whole number, not "
	    "'twelve'\ngongkai: 1 error, nothing written\n",
	    "schema_integer: message");
	CHECK1(parse_value(arena, schema_integer, "{a: 1}", &n, NULL) == -1,
	    "schema_integer: a map refused");
	CHECK_DIAG("t.md:1:4: error: 'k' must be a whole number, not 'a map'\n"
	    "gongkai: 1 error, nothing written\n", "schema_integer: type "
	    "message");

	CHECK1(parse_value(arena, schema_number, "0.1", &x, NULL) == 0 &&
	    x == 0.1, "schema_number: 0.1");
	CHECK1(parse_value(arena, schema_number, "-2.5e3", &x, NULL) == 0 &&
	    x == -2500, "schema_number: -2.5e3");
	CHECK1(parse_value(arena, schema_number, "inf", &x, NULL) == -1,
	    "schema_number: inf refused");
	CHECK1(parse_value(arena, schema_number, "NaN", &x, NULL) == -1,
	    "schema_number: NaN refused");
	CHECK1(parse_value(arena, schema_number, ".inf", &x, NULL) == -1,
	    "schema_number: .inf refused");
	CHECK1(parse_value(arena, schema_number, "1e400", &x, NULL) == -1,
	    "schema_number: 1e400 (overflow) refused");
	CHECK1(parse_value(arena, schema_number, "1_000", &x, NULL) == -1,
	    "schema_number: 1_000 refused");
	CHECK1(parse_value(arena, schema_number, "5%", &x, NULL) == -1,
	    "schema_number: 5%% refused");
	CHECK(diag_error_count() == 6, "schema_number: six messages");
	diag_reset();

	CHECK1(parse_value(arena, schema_percent, "0", &x, NULL) == 0 && x == 0,
	    "schema_percent: 0");
	CHECK1(parse_value(arena, schema_percent, "100", &x, NULL) == 0 &&
	    x == 100, "schema_percent: 100");
	CHECK1(parse_value(arena, schema_percent, "100.5", &x, NULL) == -1 &&
	    x == -1, "schema_percent: 100.5 refused and reset to -1");
	CHECK_DIAG("t.md:1:4: error: 'k' must be between 0 and 100, not "
	    "100.5\ngongkai: 1 error, nothing written\n", "schema_percent: "
	    "message");
	CHECK1(parse_value(arena, schema_percent, "-1", &x, NULL) == -1,
	    "schema_percent: -1 refused");
	diag_reset();

	CHECK1(parse_value(arena, schema_enum, "green", &e, colour_names) == 0
	    && e == 2, "schema_enum: green is 2");
	CHECK1(parse_value(arena, schema_enum, "Green", &e, colour_names) == -1,
	    "schema_enum: Green refused");
	CHECK_DIAG("t.md:1:4: error: 'Green' is not a valid k: use one of "
	    "red, green\ngongkai: 1 error, nothing written\n", "schema_enum: "
	    "message lists the names");
	CHECK1(parse_value(arena, schema_enum, "[red]", &e, colour_names) == -1,
	    "schema_enum: a list refused");
	CHECK_DIAG("t.md:1:4: error: 'k' must be one word, not a list\n"
	    "gongkai: 1 error, nothing written\n", "schema_enum: type message");

	CHECK1(parse_value(arena, schema_deadline, "2024-02", &dl, NULL) == 0 &&
	    dl.kind == DEADLINE_MONTH && dl.last_day.day == 29,
	    "schema_deadline: 2024-02");
	CHECK1(parse_value(arena, schema_deadline, "soon", &dl, NULL) == -1,
	    "schema_deadline: 'soon' refused");
	CHECK_DIAG("t.md:1:4: error: 'soon' is not a valid deadline: use "
	    "YYYY-MM-DD, YYYY-MM, YYYY or ongoing\n"
	    "gongkai: 1 error, nothing written\n", "schema_deadline: message");
}

static void
test_schema_lists_and_urls(struct arena *arena)
{
	struct ptrvec list = { NULL, 0, 0 };
	const char *url = NULL;

	diag_reset();
	CHECK1(parse_value(arena, schema_text_list, "[甲, \"乙\"]", &list,
	    NULL) == 0 && list.len == 2 &&
	    strcmp(list.items[0], "甲") == 0 &&
	    strcmp(list.items[1], "乙") == 0, "schema_text_list: two items");
	CHECK1(parse_value(arena, schema_text_list, "one", &list, NULL) == -1,
	    "schema_text_list: a scalar refused");
	CHECK_DIAG("t.md:1:4: error: 'k' must be a list, e.g. k: [\"…\"]\n"
	    "gongkai: 1 error, nothing written\n", "schema_text_list: "
	    "message");
	list.len = 0;
	CHECK1(parse_value(arena, schema_text_list, "[a, [b], '', c]", &list,
	    NULL) == -1 && list.len == 2, "schema_text_list: bad items "
	    "refused, good ones kept");
	CHECK_DIAG("t.md:1:8: error: each item of 'k' must be text\n"
	    "t.md:1:13: error: each item of 'k' must be text\n"
	    "gongkai: 2 errors, nothing written\n", "schema_text_list: one "
	    "message per bad item");

	CHECK1(parse_value(arena, schema_url, "https://example.org/a?b=c", &url,
	    NULL) == 0 && strcmp(url, "https://example.org/a?b=c") == 0,
	    "schema_url: https");
	CHECK1(parse_value(arena, schema_url, "http://example.org", &url,
	    NULL) == 0, "schema_url: http");
	CHECK1(parse_value(arena, schema_url, "ftp://example.org", &url,
	    NULL) == -1, "schema_url: ftp refused");
	CHECK1(parse_value(arena, schema_url, "javascript:alert(1)", &url,
	    NULL) == -1, "schema_url: javascript: refused");
	CHECK1(parse_value(arena, schema_url, "HTTPS://example.org", &url,
	    NULL) == -1, "schema_url: the scheme must be lowercase");
	CHECK_DIAG("t.md:1:4: error: 'k' must be an http or https URL\n"
	    "t.md:1:4: error: 'k' must be an http or https URL\n"
	    "t.md:1:4: error: 'k' must be an http or https URL\n"
	    "gongkai: 3 errors, nothing written\n", "schema_url: scheme "
	    "messages");
	CHECK1(parse_value(arena, schema_url, "'https://a.org/\"><x'", &url,
	    NULL) == -1, "schema_url: quote and angle brackets refused");
	CHECK1(parse_value(arena, schema_url, "https://a.org/a b", &url,
	    NULL) == -1, "schema_url: a space refused");
	CHECK_DIAG("t.md:1:4: error: 'k' contains characters not allowed in a "
	    "URL\nt.md:1:4: error: 'k' contains characters not allowed in a "
	    "URL\ngongkai: 2 errors, nothing written\n", "schema_url: "
	    "character messages");
}

struct sample {
	const char	*name;
	const char	*id;
	long		 count;
	struct ptrvec	 tags;
};

static const struct schema_field sample_fields[] = {
	{ "name", 1, schema_text, offsetof(struct sample, name), NULL },
	{ "id", 1, schema_id, offsetof(struct sample, id), NULL },
	{ "count", 0, schema_integer, offsetof(struct sample, count), NULL },
	{ "tags", 0, schema_text_list, offsetof(struct sample, tags), NULL },
};

static const struct schema sample_schema = { "sample", sample_fields,
	sizeof(sample_fields) / sizeof(sample_fields[0]) };

static int
apply(struct arena *arena, const char *text, struct sample *s)
{
	const struct ynode *root = yaml(arena, text, 0);

	memset(s, 0, sizeof(*s));
	if (root == NULL)
		return -2;
	return schema_apply(arena, root, &sample_schema, s);
}

static void
test_schema_apply(struct arena *arena)
{
	struct sample s;

	diag_reset();
	CHECK1(apply(arena, "name: 甲\nid: a-1\ncount: 4\ntags: [x, y]\n", &s)
	    == 0 && strcmp(s.name, "甲") == 0 && strcmp(s.id, "a-1") == 0 &&
	    s.count == 4 && s.tags.len == 2 && diag_error_count() == 0,
	    "schema_apply: all fields filled");
	CHECK1(apply(arena, "id: a\nname: n\n", &s) == 0 && s.count == 0 &&
	    s.tags.len == 0, "schema_apply: optional fields left alone");

	CHECK1(apply(arena, "name: n\nid: a\nnmae: x\nzzzzzzzz: 1\n", &s) == -1,
	    "schema_apply: unknown keys refused");
	CHECK_DIAG("t.md:3:1: error: unknown key 'nmae' in sample (did you "
	    "mean 'name'?)\n"
	    "t.md:4:1: error: unknown key 'zzzzzzzz' in sample\n"
	    "gongkai: 2 errors, nothing written\n", "schema_apply: unknown "
	    "keys, with a hint when one is close");

	CHECK1(apply(arena, "\n\nname: n\n", &s) == -1, "schema_apply: a "
	    "missing required key");
	CHECK_DIAG("t.md:3:1: error: missing required key 'id' in sample\n"
	    "gongkai: 1 error, nothing written\n", "schema_apply: missing "
	    "key reported at the map");

	CHECK1(apply(arena, "name: n\nid: a\ncount:\n", &s) == -1,
	    "schema_apply: a key without a value");
	CHECK_DIAG("t.md:3:1: error: 'count' has no value (give one or remove "
	    "the line)\ngongkai: 1 error, nothing written\n", "schema_apply: "
	    "empty value message");

	CHECK1(apply(arena, "- a\n- b\n", &s) == -1, "schema_apply: a list "
	    "is not a map");
	CHECK_DIAG("t.md:1:1: error: sample must be a map of 'key: value' "
	    "lines\ngongkai: 1 error, nothing written\n", "schema_apply: "
	    "not-a-map message");

	CHECK1(apply(arena, "name: ''\nid: X\ncount: 1.5\n", &s) == -1,
	    "schema_apply: every bad field is reported");
	CHECK(diag_error_count() == 3, "schema_apply: three errors (%zu)",
	    diag_error_count());
	diag_reset();
}

/* ---- the content cache ---------------------------------------------- */

static const char *
cache_file(const char *dir)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/p.cache", dir);
	return path;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	data = malloc((size_t)n + 1);
	*len = fread(data, 1, (size_t)n, f);
	fclose(f);
	return data;
}

static void
spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	fwrite(data, 1, len, f);
	fclose(f);
}

/* Sets the checksum of a cache file's bytes as the writer does. */
static void
cache_reseal(char *data, size_t len)
{
	const size_t magic = strlen("gongkai-content-cache 2\n");
	const size_t header = magic + 32;
	struct checksum c;
	uint64_t slot[2] = { 0, 0 };

	checksum_init(&c);
	checksum_update(&c, data + header, len - header);
	slot[0] = checksum_final(&c);
	memcpy(data + magic + 16, slot, sizeof(slot));
}

/* Looks both files up; returns how many were found. */
static int
cache_lookups(const char *dir, const struct source_stamp *stamp,
    struct report *report, struct task *task)
{
	struct arena arena;
	struct content_cache *c;
	int found;

	arena_init(&arena);
	c = content_cache_open(dir, "p", 0, &arena);
	memset(report, 0, sizeof(*report));
	memset(task, 0, sizeof(*task));
	found = content_cache_report(c, "plans/p/progress/01/2024-06-30.md",
	    stamp, "c/r.md", report);
	found += content_cache_task(c, "plans/p/tasks/01.md", stamp,
	    "c/t.md", task);
	content_cache_close(c);
	/* What was found points into the arena: compare before freeing. */
	if (found == 2 && (report->body == NULL || task->title == NULL))
		found = -1;
	arena_free(&arena);
	return found;
}

static void
test_content_cache(struct arena *arena)
{
	char dir[] = "/tmp/gongkai-cc-XXXXXX";
	struct source_stamp stamp = { { 1, 2 }, 1 }, other = { { 1, 3 }, 1 },
	    racy = { { 1, 2 }, 0 };
	struct measurement m = { "parks", NULL, 7.5, { "c/r.md", 6, 2 } };
	struct report report, got_report;
	struct task task, got_task;
	struct content_cache *c;
	struct arena a;
	char *data, *copy;
	size_t len = 0, i, survived = 0;
	int found;

	if (mkdtemp(dir) == NULL) {
		SKIP("content cache: no temporary directory");
		return;
	}
	memset(&report, 0, sizeof(report));
	report.date = (struct date){ 2024, 6, 30 };
	report.status = STATUS_IN_PROGRESS;
	report.percent = 60;
	report.reporter = "示例局";
	ptrvec_push(arena, &report.values, &m);
	report.disclosure = DISCLOSURE_PUBLIC;
	report.body = "正文\n";
	report.body_line = 9;
	memset(&task, 0, sizeof(task));
	task.number = 12;
	task.title = "任务";
	ptrvec_push(arena, &task.lead, (void *)"牵头单位");
	task.deadline = (struct deadline){ DEADLINE_MONTH, { 2024, 12, 31 },
	    "2024年底" };
	ptrvec_push(arena, &task.implements_refs, (void *)"city/03");
	task.body = "";
	task.section_pos = (struct pos){ "c/t.md", 3, 0 };

	arena_init(&a);
	c = content_cache_open(dir, "p", 1, &a);
	content_cache_keep_report(c, "plans/p/progress/01/2024-06-30.md",
	    &stamp, &report);
	content_cache_keep_task(c, "plans/p/tasks/01.md", &stamp, &task);
	content_cache_keep_task(c, "plans/p/tasks/02.md", &racy, &task);
	content_cache_close(c);
	arena_free(&a);

	arena_init(&a);
	c = content_cache_open(dir, "p", 0, &a);
	memset(&got_report, 0, sizeof(got_report));
	memset(&got_task, 0, sizeof(got_task));
	found = content_cache_report(c, "plans/p/progress/01/2024-06-30.md",
	    &stamp, "c/r.md", &got_report);
	CHECK(found && got_report.date.day == 30 &&
	    got_report.status == STATUS_IN_PROGRESS &&
	    got_report.percent == 60 && got_report.body_line == 9 &&
	    strcmp(got_report.reporter, "示例局") == 0 &&
	    strcmp(got_report.body, "正文\n") == 0 &&
	    got_report.values.len == 1 &&
	    ((struct measurement *)got_report.values.items[0])->value == 7.5 &&
	    ((struct measurement *)got_report.values.items[0])->pos.line == 6 &&
	    strcmp(((struct measurement *)got_report.values.items[0])->
	    pos.path, "c/r.md") == 0,
	    "content cache: a report comes back as it was kept");
	found = content_cache_task(c, "plans/p/tasks/01.md", &stamp, "c/t.md",
	    &got_task);
	CHECK(found && got_task.number == 12 &&
	    strcmp(got_task.title, "任务") == 0 && got_task.lead.len == 1 &&
	    got_task.support.len == 0 && got_task.units_text == NULL &&
	    got_task.deadline.kind == DEADLINE_MONTH &&
	    got_task.deadline.last_day.month == 12 &&
	    strcmp(got_task.deadline.text, "2024年底") == 0 &&
	    got_task.implements_refs.len == 1 &&
	    got_task.section_pos.line == 3 &&
	    strcmp(got_task.section_pos.path, "c/t.md") == 0,
	    "content cache: a task comes back as it was kept");
	CHECK(!content_cache_task(c, "plans/p/tasks/01.md", &stamp, "c/t.md",
	    &got_task), "content cache: a record is taken once");
	CHECK(!content_cache_task(c, "plans/p/tasks/02.md", &racy, "c/t.md",
	    &got_task), "content cache: a file without a valid stamp is "
	    "never kept");
	content_cache_close(c);
	arena_free(&a);
	CHECK(cache_lookups(dir, &other, &got_report, &got_task) == 0,
	    "content cache: another stamp is another file");
	CHECK(cache_lookups(dir, &racy, &got_report, &got_task) == 0,
	    "content cache: a stamp that is not valid is never looked up");
	CHECK(cache_lookups(dir, &stamp, &got_report, &got_task) == 2,
	    "content cache: a read-only use leaves the file as it was");

	/* Damage: any byte changed and the file is ignored; and when the
	 * checksum is made right again, the reader still never goes out
	 * of bounds (ASan watches) nor returns half a record. */
	data = slurp(cache_file(dir), &len);
	copy = malloc(len);
	for (i = 0; data != NULL && i < len; i++) {
		memcpy(copy, data, len);
		copy[i] ^= 0x5a;
		spit(cache_file(dir), copy, len);
		if (cache_lookups(dir, &stamp, &got_report, &got_task) != 0)
			survived++;
	}
	CHECK(data != NULL && survived == 0, "content cache: a changed byte "
	    "makes the file ignored (%zu of %zu did not)", survived, len);
	survived = 0;
	for (i = 0; data != NULL && i < len; i++) {
		memcpy(copy, data, len);
		copy[i] ^= 0xff;
		cache_reseal(copy, len);
		spit(cache_file(dir), copy, len);
		if (cache_lookups(dir, &stamp, &got_report, &got_task) == -1)
			survived++;
	}
	CHECK(data != NULL && survived == 0, "content cache: damage behind "
	    "a right checksum gives whole records or none");
	survived = 0;
	for (i = 0; data != NULL && i < len; i += 7) {
		spit(cache_file(dir), data, i);
		if (cache_lookups(dir, &stamp, &got_report, &got_task) != 0)
			survived++;
	}
	CHECK(data != NULL && survived == 0, "content cache: a truncated file "
	    "is ignored");
	free(copy);
	free(data);
	unlink(cache_file(dir));
	rmdir(dir);
}

int
main(void)
{
	struct arena arena;

	arena_init(&arena);
	test_date_parse();
	test_date_compare();
	test_deadline_parse();
	test_yaml_positions(&arena);
	test_yaml_documents(&arena);
	test_yaml_nulls(&arena);
	test_yaml_depth(&arena);
	test_yaml_refused(&arena);
	test_frontmatter();
	test_id_is_valid();
	test_schema_scalars(&arena);
	test_schema_lists_and_urls(&arena);
	test_schema_apply(&arena);
	test_content_cache(&arena);
	diag_reset();
	arena_free(&arena);
	TEST_EXIT();
}
