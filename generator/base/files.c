/* Small file-system helpers. */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fatal.h"
#include "files.h"

int
mkdir_parents(const char *dir)
{
	char *copy = xstrdup(dir), *p;
	int rc = 0;

	for (p = strchr(copy + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(copy, 0755) == -1 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (mkdir(copy, 0755) == -1 && errno != EEXIST)
		rc = -1;
	free(copy);
	return rc;
}

unsigned long long
name_hash(const char *const *parts, size_t n)
{
	unsigned long long h = 14695981039346656037ULL;
	const char *p;
	size_t i;

	for (i = 0; i < n; i++) {
		p = parts[i];
		do
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		while (*p++ != '\0');
	}
	return h;
}
