/* Dates and deadlines of the content format. */
#include <stdio.h>
#include <string.h>

#include "../base/arena.h"
#include "content.h"

static int
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* Reads exactly `n` digits; returns -1 when they are not all digits. */
static int
read_digits(const char *s, int n)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * Parses YYYY, YYYY-MM or YYYY-MM-DD; returns the number of parts read
 * (1–3) or -1.  Missing parts are left as 0.
 */
static int
date_parse_parts(const char *s, struct date *d)
{
	size_t len = strlen(s);

	memset(d, 0, sizeof(*d));
	if (len != 4 && len != 7 && len != 10)
		return -1;
	if ((d->year = read_digits(s, 4)) < 1900 || d->year > 2999)
		return -1;
	if (len == 4)
		return 1;
	if (s[4] != '-' || (d->month = read_digits(s + 5, 2)) < 1 ||
	    d->month > 12)
		return -1;
	if (len == 7)
		return 2;
	if (s[7] != '-' || (d->day = read_digits(s + 8, 2)) < 1 ||
	    d->day > days_in_month(d->year, d->month))
		return -1;
	return 3;
}

/* Parses YYYY-MM-DD; returns 0, or -1 when it is not a calendar date. */
int
date_parse(const char *s, struct date *d)
{
	return date_parse_parts(s, d) == 3 ? 0 : -1;
}

int
date_compare(const struct date *a, const struct date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

/* Parses a deadline; returns 0, or -1 when it is not one. */
int
deadline_parse(const char *s, struct deadline *deadline)
{
	struct date d;
	const char *text = deadline->text;

	memset(deadline, 0, sizeof(*deadline));
	deadline->text = text;
	if (strcmp(s, "ongoing") == 0) {
		deadline->kind = DEADLINE_ONGOING;
		return 0;
	}
	switch (date_parse_parts(s, &d)) {
	case 1:
		deadline->kind = DEADLINE_YEAR;
		d.month = 12;
		d.day = 31;
		break;
	case 2:
		deadline->kind = DEADLINE_MONTH;
		d.day = days_in_month(d.year, d.month);
		break;
	case 3:
		deadline->kind = DEADLINE_DAY;
		break;
	default:
		return -1;
	}
	deadline->last_day = d;
	return 0;
}

const char *
date_iso(struct arena *arena, const struct date *d)
{
	return arena_printf(arena, "%04d-%02d-%02d", d->year, d->month, d->day);
}

const char *
date_text(struct arena *arena, const struct date *d)
{
	return arena_printf(arena, "%d年%d月%d日", d->year, d->month, d->day);
}

const char *
deadline_text(struct arena *arena, const struct deadline *deadline)
{
	const struct date *d = &deadline->last_day;

	if (deadline->text != NULL)
		return deadline->text;
	switch (deadline->kind) {
	case DEADLINE_YEAR:
		return arena_printf(arena, "%d年", d->year);
	case DEADLINE_MONTH:
		return arena_printf(arena, "%d年%d月", d->year, d->month);
	case DEADLINE_DAY:
		return date_text(arena, d);
	case DEADLINE_ONGOING:
		return "持续推进";
	default:
		return "未列明";
	}
}

static const struct {
	const char	*name;
	const char	*label;
} status_names[] = {
	[STATUS_NONE] = { "none", "暂无报告" },
	[STATUS_NOT_STARTED] = { "not_started", "未启动" },
	[STATUS_IN_PROGRESS] = { "in_progress", "推进中" },
	[STATUS_COMPLETED] = { "completed", "已完成" },
	[STATUS_DELAYED] = { "delayed", "滞后" },
};

const char *
status_name(enum status status)
{
	return status_names[status].name;
}

const char *
status_label(enum status status)
{
	return status_names[status].label;
}
