/*
 * Unit tests of the model stage: view-model values and number formatting,
 * JSON output, task status and deadline flags on hand-built tasks, plan
 * counts, and the disclosure filter.
 */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/siphash.h"
#include "model/json.h"
#include "model/model.h"
#include "model/value.h"
#include "testlib.h"

/* ---- values --------------------------------------------------------- */

static void
check_number(double n, const char *want)
{
	char out[32];

	value_format_number(n, out);
	CHECK_STR(out, want, "value_format_number: %.17g is \"%s\"", n, want);
}

static void
test_format_number(void)
{
	check_number(3, "3");
	check_number(0, "0");
	check_number(-0.0, "0");
	check_number(-3, "-3");
	check_number(0.1, "0.1");
	check_number(1.21, "1.21");
	check_number(-2.5, "-2.5");
	check_number(0.5, "0.5");
	check_number(123456789012, "123456789012");
	check_number(999999999999999, "999999999999999");
	check_number(1e21, "1e+21");
	check_number(1e-7, "1e-07");
	check_number(0.1 + 0.2, "0.30000000000000004");
	check_number(1.0 / 3, "0.3333333333333333");
	check_number(66.67, "66.67");
	check_number(NAN, "NaN");
	check_number(INFINITY, "Infinity");
	check_number(-INFINITY, "-Infinity");
}

static void
test_values(struct arena *arena)
{
	struct value *map = value_map(arena), *list = value_list(arena);
	struct value *a, *b;
	char text[] = "copied";

	a = value_set_string(arena, map, "a", text);
	text[0] = 'X';
	CHECK_STR(a->u.string.ptr, "copied", "value_set_string: copies");
	CHECK(a->u.string.len == 6 && a->kind == VALUE_STRING,
	    "value_set_string: length 6");
	b = value_set_string(arena, map, "b", NULL);
	CHECK(b->kind == VALUE_NULL, "value_set_string: NULL becomes null");
	value_set_number(arena, map, "n", 2.5);
	value_set_bool(arena, map, "t", 7);
	value_set(map, "a", value_number(arena, 9));
	CHECK(map->u.children.count == 5, "value_set: five members");

	CHECK(value_get(map, "a") == a, "value_get: the first 'a'");
	CHECK(value_get(map, "n") != NULL &&
	    value_get(map, "n")->u.number == 2.5, "value_get: number");
	CHECK(value_get(map, "t")->u.boolean == 1, "value_bool: normalised "
	    "to 1");
	CHECK(value_get(map, "missing") == NULL, "value_get: missing key");
	CHECK(value_get(NULL, "a") == NULL, "value_get: NULL map");
	CHECK(value_get(list, "a") == NULL, "value_get: a list is not a map");
	CHECK(value_get(a, "a") == NULL, "value_get: a string is not a map");

	CHECK(value_string_ref(arena, text)->u.string.ptr == text,
	    "value_string_ref: does not copy");
	CHECK(value_stringn(arena, "abcdef", 2)->u.string.len == 2,
	    "value_stringn: length 2");
	CHECK_STR(value_stringn(arena, "abcdef", 2)->u.string.ptr, "ab",
	    "value_stringn: copies 2 bytes");
}

/* A Markdown renderer that counts its calls. */
static int markdown_calls;

static const char *
fake_markdown(void *ctx, const char *source, const char *prefix)
{
	markdown_calls++;
	return arena_printf(ctx, "<p>%s%s</p>", prefix, source);
}

static void
digest_of(const struct value *v, struct siphash_digest *d)
{
	struct siphash s;

	siphash_init(&s, &(struct siphash_key){ { 7, 8 } });
	value_hash(v, &s);
	siphash_final(&s, d);
}

static int
same_digest(const struct value *a, const struct value *b)
{
	struct siphash_digest da, db;

	digest_of(a, &da);
	digest_of(b, &db);
	return da.h[0] == db.h[0] && da.h[1] == db.h[1];
}

static void
test_markdown_and_hash(struct arena *arena)
{
	struct value *md = value_markdown(arena, "*x*", "../", fake_markdown,
	    arena);
	struct value *m1 = value_map(arena), *m2 = value_map(arena);
	struct value *m3 = value_map(arena), *m4 = value_map(arena);
	size_t len = 0;

	markdown_calls = 0;
	value_set(m1, "body_html", md);
	value_set_string(arena, m1, "title", "a");
	CHECK(same_digest(m1, m1) && markdown_calls == 0,
	    "value_hash: Markdown is hashed by its source, not rendered");
	CHECK_STR(value_text(md, &len), "<p>../*x*</p>",
	    "value_text: Markdown rendered on first use");
	value_text(md, &len);
	CHECK(markdown_calls == 1 && len == 13,
	    "value_text: rendered once, then kept");
	CHECK(value_is_truthy(md), "value_is_truthy: Markdown is truthy");

	value_set(m2, "body_html", value_markdown(arena, "*x*", "", fake_markdown,
	    arena));
	value_set_string(arena, m2, "title", "a");
	CHECK(!same_digest(m1, m2), "value_hash: the link prefix counts");
	value_set(m3, "body_html", value_markdown(arena, "*x*", "../",
	    fake_markdown, arena));
	value_set_string(arena, m3, "title", "a");
	CHECK(same_digest(m1, m3), "value_hash: equal trees, equal digests");
	value_set(m4, "body_html", value_markdown(arena, "*x*", "../",
	    fake_markdown, arena));
	value_set_string(arena, m4, "titlf", "a");
	CHECK(!same_digest(m1, m4), "value_hash: keys count");
	CHECK(!same_digest(value_string(arena, "1"), value_number(arena, 1)),
	    "value_hash: kinds count");
	CHECK(!same_digest(value_list(arena), value_map(arena)),
	    "value_hash: an empty list is not an empty map");
}

static void
test_truthy(struct arena *arena)
{
	struct value *list = value_list(arena);

	CHECK(!value_is_truthy(NULL), "value_is_truthy: missing");
	CHECK(!value_is_truthy(value_null(arena)), "value_is_truthy: null");
	CHECK(!value_is_truthy(value_bool(arena, 0)), "value_is_truthy: false");
	CHECK(value_is_truthy(value_bool(arena, 1)), "value_is_truthy: true");
	CHECK(!value_is_truthy(list), "value_is_truthy: empty list");
	value_push(list, value_null(arena));
	CHECK(value_is_truthy(list), "value_is_truthy: a list of one null");
	CHECK(value_is_truthy(value_map(arena)), "value_is_truthy: an empty "
	    "map is truthy");
	CHECK(value_is_truthy(value_number(arena, 0)), "value_is_truthy: 0 is "
	    "truthy");
	CHECK(value_is_truthy(value_string(arena, "")), "value_is_truthy: \"\" "
	    "is truthy");
}

/* ---- JSON ----------------------------------------------------------- */

static const char *
json(struct arena *arena, const struct value *v)
{
	struct buf b = BUF_INIT;
	const char *s;

	json_write(&b, v);
	s = arena_strdup(arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static void
check_json_string(struct arena *arena, const char *name, const char *in,
    const char *want)
{
	const char *got = json(arena, value_string(arena, in));

	CHECK_STR(got, want, "json_write: %s", name);
}

static void
test_json(struct arena *arena)
{
	struct value *map = value_map(arena), *list, *inner;
	const char *got;

	check_json_string(arena, "plain text", "plain", "\"plain\"\n");
	check_json_string(arena, "double quotes", "say \"hi\"",
	    "\"say \\\"hi\\\"\"\n");
	check_json_string(arena, "backslashes", "C:\\dir\\",
	    "\"C:\\\\dir\\\\\"\n");
	check_json_string(arena, "newline and tab", "a\nb\tc",
	    "\"a\\nb\\tc\"\n");
	check_json_string(arena, "other controls as \\u00XX",
	    "\r\b\f\x01\x1f",
	    "\"\\u000d\\u0008\\u000c\\u0001\\u001f\"\n");
	check_json_string(arena, "DEL is kept", "\x7f", "\"\x7f\"\n");
	check_json_string(arena, "< as \\u003c", "</script><!--",
	    "\"\\u003c/script>\\u003c!--\"\n");
	check_json_string(arena, "CJK kept as UTF-8", "推进中：已完成 50%",
	    "\"推进中：已完成 50%\"\n");
	check_json_string(arena, "empty string", "", "\"\"\n");

	CHECK_STR(json(arena, value_null(arena)), "null\n", "json_write: null");
	CHECK_STR(json(arena, value_bool(arena, 1)), "true\n",
	    "json_write: true");
	CHECK_STR(json(arena, value_number(arena, -0.0)), "0\n",
	    "json_write: -0 is 0");
	CHECK_STR(json(arena, value_list(arena)), "[]\n", "json_write: empty "
	    "list");
	CHECK_STR(json(arena, value_map(arena)), "{}\n", "json_write: empty "
	    "map");

	value_set_string(arena, map, "zeta", "last-inserted-first");
	value_set_number(arena, map, "alpha", 1.5);
	list = value_set(map, "list", value_list(arena));
	value_push(list, value_bool(arena, 0));
	value_push(list, value_null(arena));
	inner = value_push(list, value_map(arena));
	value_set_number(arena, inner, "n", 123456789012);
	value_set(map, "empty", value_list(arena));
	value_set_string(arena, map, "key \"q\"", "<v>");
	got = json(arena, map);
	CHECK_STR(got,
	    "{\n"
	    "  \"zeta\": \"last-inserted-first\",\n"
	    "  \"alpha\": 1.5,\n"
	    "  \"list\": [\n"
	    "    false,\n"
	    "    null,\n"
	    "    {\n"
	    "      \"n\": 123456789012\n"
	    "    }\n"
	    "  ],\n"
	    "  \"empty\": [],\n"
	    "  \"key \\\"q\\\"\": \"\\u003cv>\"\n"
	    "}\n",
	    "json_write: insertion order, two-space indent, escaped keys");
}

/* {"body": <text>, "body_html": <Markdown of source>} */
static struct value *
body_pair(struct arena *arena, struct value *text, const char *source)
{
	struct value *map = value_map(arena);

	value_set(map, "body", text);
	value_set(map, "body_html", value_markdown(arena, source, "../",
	    fake_markdown, arena));
	return map;
}

/* Markdown made from the string hashed just before it. */
static void
test_hash_body_once(struct arena *arena)
{
	char *abc = arena_strdup(arena, "abc"), *abc2 = arena_strdup(arena,
	    "abc"), *abd = arena_strdup(arena, "abd");
	struct value *cut = value_string_ref(arena, abc);

	CHECK(same_digest(body_pair(arena, value_string_ref(arena, abc), abc),
	    body_pair(arena, value_string_ref(arena, abc2), abc2)),
	    "value_hash: a body and its HTML, from equal texts, alike");
	CHECK(!same_digest(body_pair(arena, value_string_ref(arena, abc), abc),
	    body_pair(arena, value_string_ref(arena, abd), abd)),
	    "value_hash: a body and its HTML, from other texts, not alike");
	CHECK(!same_digest(body_pair(arena, value_string_ref(arena, abc), abd),
	    body_pair(arena, value_string_ref(arena, abc), abc)),
	    "value_hash: HTML of another text than the body's");
	cut->u.string.len = 2;
	CHECK(!same_digest(body_pair(arena, cut, abc), body_pair(arena,
	    value_string(arena, "ab"), "ab")), "value_hash: HTML of the "
	    "whole text a shorter string starts");
}

/* ---- shared sub-views ----------------------------------------------- */

static int sample_builds;

/* A sub-view to share: {"name": <object>, "items": [1, 2]}. */
static struct value *
sample_build(const void *ctx, struct arena *arena, const void *object)
{
	struct value *map = value_map(arena), *items;

	(void)ctx;
	sample_builds++;
	value_set_string_ref(arena, map, "name", object);
	items = value_set(map, "items", value_list(arena));
	value_push(items, value_number(arena, 1));
	value_push(items, value_number(arena, 2));
	return map;
}

static const struct value_recipe sample = { sample_build, NULL };

/* {"title": "t", "x": <x>} */
static struct value *
sample_page(struct arena *arena, struct value *x)
{
	struct value *page = value_map(arena);

	value_set_string(arena, page, "title", "t");
	value_set(page, "x", x);
	return page;
}

static void
test_shared_hash(struct arena *arena)
{
	const struct siphash_key key = { { 7, 8 } };
	struct value_shared a = { &sample, "a", { { 0, 0 } } };
	struct value_shared again = a, b = a, unhashed = a, unhashed_b = a;
	struct value *p1, *p2, *p3;

	b.object = "b";
	value_shared_digest(&a, sample_build(NULL, arena, "a"), &key);
	value_shared_digest(&again, sample_build(NULL, arena, "a"), &key);
	value_shared_digest(&b, sample_build(NULL, arena, "b"), &key);
	CHECK((a.digest.h[0] != 0 || a.digest.h[1] != 0) &&
	    a.digest.h[0] == again.digest.h[0] &&
	    a.digest.h[1] == again.digest.h[1], "value_shared_digest: the "
	    "same sub-view, the same digest");
	sample_builds = 0;
	p1 = sample_page(arena, value_shared(arena, &a));
	p2 = sample_page(arena, value_shared(arena, &again));
	p3 = sample_page(arena, value_shared(arena, &b));
	CHECK(same_digest(p1, p2) && sample_builds == 0, "value_hash: a "
	    "reference hashes as its digest, building nothing");
	CHECK(!same_digest(p1, p3), "value_hash: references to different "
	    "sub-views differ");
	CHECK(!same_digest(p1, sample_page(arena, sample_build(NULL, arena,
	    "a"))), "value_hash: a reference is not a copy");
	p2 = sample_page(arena, value_shared(arena, &unhashed));
	unhashed_b.object = "b";
	p3 = sample_page(arena, value_shared(arena, &unhashed_b));
	CHECK(!same_digest(p2, p3), "value_hash: without a digest, a "
	    "reference hashes what it stands for");
}

static void
test_shared_reading(struct arena *arena)
{
	struct value_shared a = { &sample, "a", { { 0, 0 } } };
	struct value *ref = value_shared(arena, &a), *page, *list, *copies;
	const char *copy;
	size_t len;

	sample_builds = 0;
	page = sample_page(arena, ref);
	CHECK(value_get(page, "x") == ref && sample_builds == 0,
	    "value_shared: built only when read");
	CHECK(value_is_truthy(ref) && sample_builds == 1,
	    "value_is_truthy: through a reference (a map)");
	CHECK_STR(value_text(value_get(ref, "name"), &len), "a",
	    "value_get: through a reference");
	CHECK(value_child(value_child(ref, "items"), "1") != NULL &&
	    value_child(value_child(ref, "items"), "1")->u.number == 2,
	    "value_child: through a reference");
	CHECK(value_deref(ref) == value_deref(ref) && sample_builds == 1,
	    "value_deref: built once, then kept");
	CHECK(value_deref(NULL) == NULL && value_deref(page) == page,
	    "value_deref: other values are themselves");
	copy = json(arena, sample_page(arena, sample_build(NULL, arena, "a")));
	CHECK_STR(json(arena, page), copy, "json_write: a reference is "
	    "written as what it stands for");
	list = value_list(arena);
	value_push(list, value_shared(arena, &a));
	value_push(list, value_shared(arena, &a));
	copies = value_list(arena);
	value_push(copies, sample_build(NULL, arena, "a"));
	value_push(copies, sample_build(NULL, arena, "a"));
	CHECK_STR(json(arena, list), json(arena, copies), "json_write: one "
	    "sub-view referred to twice, as two copies");
	CHECK(!value_is_truthy(value_get(value_shared(arena, &a),
	    "missing")), "value_get: a missing key through a reference");
}

/* Maps that include others' members (value_include). */
static void
test_include(struct arena *arena)
{
	const struct siphash_key key = { { 7, 8 } };
	struct value_shared a = { &sample, "a", { { 0, 0 } } };
	struct value *m = value_map(arena), *copy = value_map(arena);
	struct value *plain = value_map(arena), *keyed = value_map(arena);
	struct value *items;

	value_shared_digest(&a, sample_build(NULL, arena, "a"), &key);
	value_set_string(arena, m, "before", "1");
	value_include(m, value_shared(arena, &a));
	value_set_string(arena, m, "name", "later");
	value_set_string(arena, copy, "before", "1");
	value_set_string(arena, copy, "name", "a");
	items = value_set(copy, "items", value_list(arena));
	value_push(items, value_number(arena, 1));
	value_push(items, value_number(arena, 2));
	value_set_string(arena, copy, "name", "later");
	CHECK_STR(json(arena, m), json(arena, copy), "json_write: included "
	    "members are written where they stand");
	CHECK_STR(value_text(value_get(m, "name"), &(size_t){ 0 }), "a",
	    "value_get: the first of equal keys, included or not");
	CHECK(value_get(m, "items") != NULL && value_get(m, "x") == NULL,
	    "value_get: through an inclusion");
	value_include(plain, sample_build(NULL, arena, "a"));
	value_set_string_ref(arena, plain, "body_html", "<p>");
	CHECK_STR(json(arena, plain), "{\n  \"name\": \"a\",\n  \"items\": "
	    "[\n    1,\n    2\n  ]\n}\n", "json_write: a plain map included");
	value_set(keyed, "", sample_build(NULL, arena, "a"));
	value_set_string_ref(arena, keyed, "body_html", "<p>");
	CHECK(!same_digest(plain, keyed), "value_hash: an inclusion is not "
	    "a member with an empty key");
}

/* ---- status and deadlines ------------------------------------------- */

static struct report *
report_new(struct arena *arena, enum status status, int is_public)
{
	struct report *r = arena_calloc(arena, 1, sizeof(*r));

	r->status = status;
	r->is_public = is_public;
	r->percent = -1;
	return r;
}

/*
 * A task with deadline `deadline` ("" for none) and reports of the given
 * statuses, newest first, ended by -1.
 */
static struct task *
task_new(struct arena *arena, const char *deadline, ...)
{
	struct task *t = arena_calloc(arena, 1, sizeof(*t));
	va_list ap;
	int status;

	t->is_public = 1;
	if (deadline[0] != '\0' && deadline_parse(deadline, &t->deadline) != 0)
		return NULL;
	va_start(ap, deadline);
	while ((status = va_arg(ap, int)) != -1)
		ptrvec_push(arena, &t->reports, report_new(arena, status, 1));
	va_end(ap);
	return t;
}

static struct date
day(int year, int month, int d)
{
	struct date date = { year, month, d };

	return date;
}

/* Checks task_is_overdue and task_is_past_unreported on `today`. */
static void
check_flags(const char *name, const struct task *t, struct date today,
    int overdue, int unreported)
{
	int got_overdue = task_is_overdue(t, &today);
	int got_unreported = task_is_past_unreported(t, &today);

	CHECK(got_overdue == overdue && got_unreported == unreported,
	    "%s on %04d-%02d-%02d: overdue %d, past-unreported %d (got %d, "
	    "%d)", name, today.year, today.month, today.day, overdue,
	    unreported, got_overdue, got_unreported);
}

static void
test_task_status(struct arena *arena)
{
	struct task *t;

	t = task_new(arena, "", -1);
	CHECK(task_status(t) == STATUS_NONE, "task_status: no reports is none");
	t = task_new(arena, "", STATUS_DELAYED, STATUS_COMPLETED, -1);
	CHECK(task_status(t) == STATUS_DELAYED, "task_status: the newest "
	    "(first) report's status");
	t = task_new(arena, "", STATUS_COMPLETED, STATUS_DELAYED, -1);
	CHECK(task_status(t) == STATUS_COMPLETED, "task_status: completed");

	CHECK_STR(status_name(STATUS_NONE), "none", "status_name: none");
	CHECK_STR(status_name(STATUS_IN_PROGRESS), "in_progress",
	    "status_name: in_progress");
	CHECK_STR(status_label(STATUS_NONE), "暂无报告", "status_label: none");
	CHECK_STR(status_label(STATUS_NOT_STARTED), "未启动",
	    "status_label: not started");
	CHECK_STR(status_label(STATUS_IN_PROGRESS), "推进中",
	    "status_label: in progress");
	CHECK_STR(status_label(STATUS_COMPLETED), "已完成",
	    "status_label: completed");
	CHECK_STR(status_label(STATUS_DELAYED), "滞后", "status_label: delayed");
}

static void
test_overdue(struct arena *arena)
{
	struct task *t;

	t = task_new(arena, "2025-06-30", STATUS_IN_PROGRESS, -1);
	check_flags("day deadline, in progress", t, day(2025, 6, 29), 0, 0);
	check_flags("day deadline, in progress", t, day(2025, 6, 30), 0, 0);
	check_flags("day deadline, in progress", t, day(2025, 7, 1), 1, 0);
	check_flags("day deadline, in progress", t, day(2026, 1, 1), 1, 0);

	t = task_new(arena, "2024-02", STATUS_NOT_STARTED, -1);
	check_flags("month deadline 2024-02", t, day(2024, 2, 28), 0, 0);
	check_flags("month deadline 2024-02", t, day(2024, 2, 29), 0, 0);
	check_flags("month deadline 2024-02", t, day(2024, 3, 1), 1, 0);
	t = task_new(arena, "2023-02", STATUS_DELAYED, -1);
	check_flags("month deadline 2023-02", t, day(2023, 2, 28), 0, 0);
	check_flags("month deadline 2023-02", t, day(2023, 3, 1), 1, 0);

	t = task_new(arena, "2025", STATUS_IN_PROGRESS, -1);
	check_flags("year deadline 2025", t, day(2025, 12, 31), 0, 0);
	check_flags("year deadline 2025", t, day(2026, 1, 1), 1, 0);

	t = task_new(arena, "ongoing", STATUS_DELAYED, -1);
	check_flags("ongoing, delayed", t, day(2999, 12, 31), 0, 0);
	t = task_new(arena, "ongoing", -1);
	check_flags("ongoing, no reports", t, day(2999, 12, 31), 0, 0);
	t = task_new(arena, "", STATUS_DELAYED, -1);
	check_flags("no deadline, delayed", t, day(2999, 12, 31), 0, 0);
	t = task_new(arena, "", -1);
	check_flags("no deadline, no reports", t, day(2999, 12, 31), 0, 0);

	t = task_new(arena, "2024-06-30", STATUS_COMPLETED, -1);
	check_flags("completed", t, day(2030, 1, 1), 0, 0);
	t = task_new(arena, "2024-06-30", STATUS_COMPLETED, STATUS_DELAYED, -1);
	check_flags("completed after delayed", t, day(2030, 1, 1), 0, 0);
	t = task_new(arena, "2024-06-30", STATUS_DELAYED, STATUS_COMPLETED, -1);
	check_flags("delayed after completed", t, day(2030, 1, 1), 1, 0);

	t = task_new(arena, "2024-06-30", -1);
	check_flags("no reports", t, day(2024, 6, 30), 0, 0);
	check_flags("no reports", t, day(2024, 7, 1), 0, 1);
	t = task_new(arena, "2024", -1);
	check_flags("no reports, year deadline", t, day(2024, 12, 31), 0, 0);
	check_flags("no reports, year deadline", t, day(2025, 1, 1), 0, 1);
	t = task_new(arena, "2024-06-30", STATUS_NOT_STARTED, -1);
	check_flags("one report, not started", t, day(2024, 7, 1), 1, 0);
}

static void
test_plan_count(struct arena *arena)
{
	struct plan plan;
	struct status_counts c;
	struct date today = day(2025, 1, 1);

	memset(&plan, 0, sizeof(plan));
	ptrvec_push(arena, &plan.tasks, task_new(arena, "2024",
	    STATUS_DELAYED, -1));				/* overdue */
	ptrvec_push(arena, &plan.tasks, task_new(arena, "2024-12",
	    STATUS_COMPLETED, -1));
	ptrvec_push(arena, &plan.tasks, task_new(arena, "2024-06", -1));
							/* past, none */
	ptrvec_push(arena, &plan.tasks, task_new(arena, "2025-01-01",
	    STATUS_IN_PROGRESS, -1));				/* due today */
	ptrvec_push(arena, &plan.tasks, task_new(arena, "ongoing", -1));
	ptrvec_push(arena, &plan.tasks, task_new(arena, "",
	    STATUS_NOT_STARTED, -1));
	ptrvec_push(arena, &plan.tasks, task_new(arena, "2024-12-31",
	    STATUS_IN_PROGRESS, STATUS_DELAYED, -1));		/* overdue */

	memset(&c, 0xff, sizeof(c));
	plan_count(&plan, &today, &c);
	CHECK(c.total == 7, "plan_count: 7 tasks (%zu)", c.total);
	CHECK(c.by_status[STATUS_NONE] == 2 &&
	    c.by_status[STATUS_NOT_STARTED] == 1 &&
	    c.by_status[STATUS_IN_PROGRESS] == 2 &&
	    c.by_status[STATUS_COMPLETED] == 1 &&
	    c.by_status[STATUS_DELAYED] == 1, "plan_count: by status 2/1/2/1/1 "
	    "(got %zu/%zu/%zu/%zu/%zu)", c.by_status[0], c.by_status[1],
	    c.by_status[2], c.by_status[3], c.by_status[4]);
	CHECK(c.overdue == 2, "plan_count: 2 overdue (%zu)", c.overdue);
	CHECK(c.past_unreported == 1, "plan_count: 1 past and unreported "
	    "(%zu)", c.past_unreported);

	memset(&plan, 0, sizeof(plan));
	memset(&c, 0xff, sizeof(c));
	plan_count(&plan, &today, &c);
	CHECK(c.total == 0 && c.overdue == 0 && c.past_unreported == 0 &&
	    c.by_status[STATUS_NONE] == 0, "plan_count: an empty plan is all "
	    "zeros");
}

/* ---- disclosure ----------------------------------------------------- */

static struct plan *
plan_new(struct arena *arena, struct content *content, const char *id,
    int is_public)
{
	struct plan *p = arena_calloc(arena, 1, sizeof(*p));

	p->id = id;
	p->is_public = is_public;
	ptrvec_push(arena, &content->plans, p);
	return p;
}

static struct task *
plan_task(struct arena *arena, struct plan *plan, const char *id,
    int is_public, const char *lead)
{
	struct task *t = arena_calloc(arena, 1, sizeof(*t));

	t->id = id;
	t->plan = plan;
	t->is_public = is_public;
	if (lead != NULL)
		ptrvec_push(arena, &t->lead, (void *)lead);
	ptrvec_push(arena, &plan->tasks, t);
	return t;
}

static void
implements(struct arena *arena, struct task *from, struct task *to)
{
	ptrvec_push(arena, &from->implements, to);
	ptrvec_push(arena, &to->implemented_by, from);
}

static struct indicator *
indicator_new(struct arena *arena, struct plan *plan, struct task *task)
{
	struct indicator *i = arena_calloc(arena, 1, sizeof(*i));

	i->task = task;
	ptrvec_push(arena, &plan->indicators, i);
	return i;
}

static void
test_disclosure(struct arena *arena)
{
	struct content content;
	struct plan *p, *q, *r, *s;
	struct task *p1, *p2, *q1, *r1, *s1;
	struct report *a, *b, *c;
	struct indicator *i1, *i2, *i3;
	struct model model;
	const struct ptrvec *units;
	struct date today = day(2025, 1, 1);

	memset(&content, 0, sizeof(content));
	content.arena = arena;
	p = plan_new(arena, &content, "p", 1);
	q = plan_new(arena, &content, "q", 0);		/* internal */
	r = plan_new(arena, &content, "r", 1);
	s = plan_new(arena, &content, "s", 1);
	q->parent = p;
	r->parent = p;
	s->parent = q;
	ptrvec_push(arena, &p->children, q);
	ptrvec_push(arena, &p->children, r);
	ptrvec_push(arena, &q->children, s);

	p1 = plan_task(arena, p, "p1", 1, "公开单位");
	p2 = plan_task(arena, p, "p2", 0, "内部单位");	/* internal */
	q1 = plan_task(arena, q, "q1", 0, "内部计划单位");
	r1 = plan_task(arena, r, "r1", 1, "公开单位");
	s1 = plan_task(arena, s, "s1", 1, NULL);
	implements(arena, r1, p1);
	implements(arena, r1, p2);
	implements(arena, s1, q1);
	implements(arena, q1, p1);

	a = report_new(arena, STATUS_IN_PROGRESS, 1);
	b = report_new(arena, STATUS_COMPLETED, 0);	/* internal */
	c = report_new(arena, STATUS_NOT_STARTED, 1);
	ptrvec_push(arena, &p1->reports, b);
	ptrvec_push(arena, &p1->reports, a);
	ptrvec_push(arena, &p1->reports, c);
	ptrvec_push(arena, &p2->reports, report_new(arena, STATUS_DELAYED, 0));

	i1 = indicator_new(arena, p, p1);
	i2 = indicator_new(arena, p, p2);
	i3 = indicator_new(arena, p, NULL);

	model_build(&model, arena, &content, &today);

	CHECK(content.plans.len == 3 && content.plans.items[0] == p &&
	    content.plans.items[1] == r && content.plans.items[2] == s,
	    "disclosure: the internal plan is gone, order kept");
	CHECK(p->children.len == 1 && p->children.items[0] == r,
	    "disclosure: the internal child is dropped from its parent");
	CHECK(r->parent == p, "disclosure: a public parent is kept");
	CHECK(s->parent == NULL, "disclosure: an internal parent is unlinked");
	CHECK(p->tasks.len == 1 && p->tasks.items[0] == p1,
	    "disclosure: the internal task is gone");
	CHECK(p1->reports.len == 2 && p1->reports.items[0] == a &&
	    p1->reports.items[1] == c, "disclosure: the internal report is "
	    "gone, order kept");
	CHECK(task_status(p1) == STATUS_IN_PROGRESS, "disclosure: the status "
	    "comes from the newest public report, not the internal one");
	CHECK(p1->implemented_by.len == 1 && p1->implemented_by.items[0] == r1,
	    "disclosure: implemented_by keeps public tasks only");
	CHECK(r1->implements.len == 1 && r1->implements.items[0] == p1,
	    "disclosure: implements drops the internal task");
	CHECK(s1->implements.len == 0, "disclosure: implements drops a task "
	    "of an internal plan");
	CHECK(i1->task == p1, "disclosure: an indicator keeps its public task");
	CHECK(i2->task == NULL, "disclosure: an indicator's internal task is "
	    "unlinked");
	CHECK(i3->task == NULL && p->indicators.len == 3, "disclosure: "
	    "indicators themselves stay");

	CHECK(model_find_unit(&model, p, "公开单位") != NULL,
	    "model: the public task's unit is known");
	CHECK(model_find_unit(&model, p, "内部单位") == NULL,
	    "model: an internal task's unit is not");
	CHECK(model_find_unit(&model, q, "内部计划单位") == NULL,
	    "model: an internal plan's unit is not");
	CHECK(model_find_unit(&model, r, "公开单位") != NULL &&
	    model_find_unit(&model, r, "公开单位") !=
	    model_find_unit(&model, p, "公开单位"), "model: units are per plan");
	CHECK(model.units.len == 2, "model: two units in all (%zu)",
	    model.units.len);
	units = model_plan_units(&model, p);
	CHECK(units->len == 1 &&
	    ((struct unit *)units->items[0])->leads.len == 1 &&
	    ((struct unit *)units->items[0])->leads.items[0] == p1,
	    "model: plan p has one unit leading p1");
	CHECK(units->len == 1 && ((struct unit *)units->items[0])->id != NULL &&
	    strlen(((struct unit *)units->items[0])->id) == 13 &&
	    ((struct unit *)units->items[0])->id[0] == 'u',
	    "model: a unit id is 'u' and 12 hex digits");
}

static void
test_unit_id(struct arena *arena)
{
	struct content content;
	struct plan *p;
	struct model model;
	struct unit *u;
	struct date today = day(2025, 1, 1);

	memset(&content, 0, sizeof(content));
	content.arena = arena;
	p = plan_new(arena, &content, "p", 1);
	plan_task(arena, p, "t", 1, "a");
	model_build(&model, arena, &content, &today);
	u = model_find_unit(&model, p, "a");
	/* FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; the id keeps 48 bits. */
	CHECK_STR(u ? u->id : NULL, "udc4c8601ec8c", "model: unit id of 'a'");
}

int
main(void)
{
	struct arena arena;

	arena_init(&arena);
	test_format_number();
	test_values(&arena);
	test_markdown_and_hash(&arena);
	test_hash_body_once(&arena);
	test_truthy(&arena);
	test_json(&arena);
	test_shared_hash(&arena);
	test_shared_reading(&arena);
	test_include(&arena);
	test_task_status(&arena);
	test_overdue(&arena);
	test_plan_count(&arena);
	test_disclosure(&arena);
	test_unit_id(&arena);
	arena_free(&arena);
	TEST_EXIT();
}
