/* The number of worker threads for a stage of the build. */
#include <stdlib.h>
#include <unistd.h>

#include "jobs.h"

#define JOBS_MAX	16

size_t
jobs_count(size_t work)
{
	const char *env = getenv("GONGKAI_JOBS");
	long n = env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > JOBS_MAX)
		n = JOBS_MAX;
	if (work == 0)
		return 1;
	return (size_t)n < work ? (size_t)n : work;
}
