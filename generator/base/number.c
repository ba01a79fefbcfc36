/* Number formatting: integers plainly, others by shortest round trip. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "number.h"

void
number_format(double n, char out[32])
{
	int precision;

	if (isnan(n) || isinf(n)) {
		snprintf(out, 32, "%s", isnan(n) ? "NaN" : n < 0 ? "-Infinity" :
		    "Infinity");
		return;
	}
	if (n == floor(n) && fabs(n) < 1e15) {
		snprintf(out, 32, "%.0f", n == 0 ? 0.0 : n);
		return;
	}
	for (precision = 1; precision < 17; precision++) {
		snprintf(out, 32, "%.*g", precision, n);
		if (strtod(out, NULL) == n)
			return;
	}
	snprintf(out, 32, "%.17g", n);
}

const char *
number_text(struct arena *arena, double n)
{
	char buf[32];

	number_format(n, buf);
	return arena_strdup(arena, buf);
}
