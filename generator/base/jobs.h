/* How many threads to use: the cores, or GONGKAI_JOBS; never more than work. */
#ifndef GONGKAI_JOBS_H
#define GONGKAI_JOBS_H

#include <stddef.h>

size_t	 jobs_count(size_t work);

#endif
