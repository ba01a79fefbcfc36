/* Small file-system helpers. */
#define _GNU_SOURCE	/* dl_iterate_phdr */
#include <sys/stat.h>

#include <errno.h>
#include <link.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fatal.h"
#include "files.h"

#define MAX_PROGRAM_SIZE	(256 * 1024 * 1024)

static pthread_once_t		 program_once = PTHREAD_ONCE_INIT;
static struct siphash_digest	 program;
static int			 program_known;

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

FILE *
file_replace_begin(struct file_replace *r, const char *path)
{
	size_t len = strlen(path) + 32;

	r->path = xstrdup(path);
	r->tmp = xmalloc(len);
	snprintf(r->tmp, len, "%s.tmp-%ld", path, (long)getpid());
	if ((r->f = fopen(r->tmp, "we")) == NULL) {
		free(r->path);
		free(r->tmp);
	}
	return r->f;
}

int
file_replace_end(struct file_replace *r, int ok)
{
	ok = !ferror(r->f) && ok;
	ok = fclose(r->f) == 0 && ok;
	ok = ok && rename(r->tmp, r->path) == 0;
	if (!ok)
		unlink(r->tmp);
	free(r->path);
	free(r->tmp);
	return ok ? 0 : -1;
}

/*
 * Adds a shared library the program has loaded (cmark-gfm, libgit2 …),
 * by its file's identity: an upgrade replaces the file.
 */
static int
program_hash_library(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct siphash *h = arg;
	struct stat st;

	(void)size;
	if (info->dlpi_name == NULL || info->dlpi_name[0] != '/')
		return 0;	/* the program itself, or the vDSO */
	siphash_string(h, info->dlpi_name);
	if (stat(info->dlpi_name, &st) == 0) {
		siphash_u64(h, (uint64_t)st.st_dev);
		siphash_u64(h, (uint64_t)st.st_ino);
		siphash_u64(h, (uint64_t)st.st_size);
		siphash_u64(h, (uint64_t)st.st_mtim.tv_sec);
		siphash_u64(h, (uint64_t)st.st_mtim.tv_nsec);
	}
	return 0;
}

static void
program_hash(void)
{
	struct siphash_key key = { { 0, 0 } };
	struct siphash h;
	char *chunk = xmalloc(1 << 16);
	size_t total = 0;
	ssize_t n = -1;
	int fd;

	siphash_init(&h, &key);
	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) != -1) {
		while ((n = read(fd, chunk, 1 << 16)) > 0 &&
		    (total += (size_t)n) < MAX_PROGRAM_SIZE)
			siphash_update(&h, chunk, (size_t)n);
		close(fd);
	}
	free(chunk);
	dl_iterate_phdr(program_hash_library, &h);
	siphash_final(&h, &program);
	program_known = n == 0;
}

int
program_digest(struct siphash_digest *digest)
{
	pthread_once(&program_once, program_hash);
	*digest = program;
	return program_known ? 0 : -1;
}
