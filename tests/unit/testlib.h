/*
 * A tiny test harness: each check prints "ok - name" or "not ok - name";
 * tests/run.sh counts the lines.  Include once per test program.
 */
#ifndef GONGKAI_TESTLIB_H
#define GONGKAI_TESTLIB_H

#include <stdio.h>
#include <string.h>

static int test_failures;

#define CHECK(cond, ...) do {						\
	int ok_ = (cond) != 0;						\
	if (ok_) {							\
		printf("ok - ");					\
	} else {							\
		printf("not ok - ");					\
		test_failures++;					\
	}								\
	printf(__VA_ARGS__);						\
	if (!ok_)							\
		printf("  (%s:%d: %s)", __FILE__, __LINE__, #cond);	\
	putchar('\n');							\
} while (0)

#define CHECK_STR(got, want, ...) do {					\
	const char *got_ = (got), *want_ = (want);			\
	int same_ = got_ && want_ && strcmp(got_, want_) == 0;		\
	CHECK(same_, __VA_ARGS__);					\
	if (!same_)							\
		printf("#   got:  [%s]\n#   want: [%s]\n",		\
		    got_ ? got_ : "(null)", want_ ? want_ : "(null)");	\
} while (0)

#define SKIP(...) do {							\
	printf("skip - ");						\
	printf(__VA_ARGS__);						\
	putchar('\n');							\
} while (0)

#define TEST_EXIT()	return test_failures ? 1 : 0

#endif
