/* Theme files: an override directory first, then the embedded default. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/arena.h"
#include "../base/siphash.h"
#include "theme.h"

#define MAX_THEME_FILE_SIZE	(4 * 1024 * 1024)

/* Reads a file of the override directory; NULL when it has none. */
static const char *
theme_read_override(struct theme *theme, const char *path, size_t *len,
    int *failed)
{
	char full[4096];
	struct stat st;
	ssize_t n;
	char *data;
	int fd;

	snprintf(full, sizeof(full), "%s/%s", theme->dir, path);
	/* Theme files are never reached through a symbolic link. */
	if ((fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		if (errno != ENOENT && errno != ENOTDIR) {
			fprintf(stderr, "gongkai: error: %s: %s\n", full,
			    strerror(errno));
			*failed = 1;
		}
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > MAX_THEME_FILE_SIZE) {
		fprintf(stderr, "gongkai: error: %s: not a regular file of at "
		    "most 4 MiB\n", full);
		close(fd);
		*failed = 1;
		return NULL;
	}
	data = arena_alloc(theme->arena, (size_t)st.st_size + 1);
	n = read(fd, data, (size_t)st.st_size);
	close(fd);
	if (n != st.st_size) {
		fprintf(stderr, "gongkai: error: cannot read %s\n", full);
		*failed = 1;
		return NULL;
	}
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

const char *
theme_read(struct theme *theme, const char *path, size_t *len, int *failed)
{
	const struct theme_file *f;
	const char *data;

	if (theme->dir != NULL &&
	    (data = theme_read_override(theme, path, len, failed)) != NULL)
		return data;
	for (f = theme_embedded; f->path != NULL; f++)
		if (strcmp(f->path, path) == 0) {
			*len = f->len;
			return f->data;
		}
	return NULL;
}

static int
path_compare(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds the regular files below `rel` of the override directory. */
static void
theme_list_dir(struct theme *theme, const char *rel, struct ptrvec *out,
    int depth)
{
	char full[4096];
	struct dirent *de;
	struct stat st;
	const char *child;
	DIR *dir;

	snprintf(full, sizeof(full), "%s/%s", theme->dir, rel);
	if (depth > 8 || (dir = opendir(full)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		child = arena_printf(theme->arena, "%s/%s", rel, de->d_name);
		snprintf(full, sizeof(full), "%s/%s", theme->dir, child);
		if (lstat(full, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode))
			theme_list_dir(theme, child, out, depth + 1);
		else if (S_ISREG(st.st_mode))
			ptrvec_push(theme->arena, out, (void *)child);
	}
	closedir(dir);
}

void
theme_static_files(struct theme *theme, struct ptrvec *out)
{
	const struct theme_file *f;
	size_t i, n;

	for (f = theme_embedded; f->path != NULL; f++)
		if (strncmp(f->path, "static/", 7) == 0)
			ptrvec_push(theme->arena, out, (void *)f->path);
	if (theme->dir != NULL)
		theme_list_dir(theme, "static", out, 0);
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(void *), path_compare);
	for (i = n = 0; i < out->len; i++)
		if (n == 0 || strcmp(out->items[n - 1], out->items[i]) != 0)
			out->items[n++] = out->items[i];
	out->len = n;
}

int
theme_hash_templates(struct theme *theme, struct siphash *h)
{
	struct ptrvec files = { NULL, 0, 0 };
	const char *data;
	size_t i, len;
	int failed = 0;

	if (theme->dir == NULL)
		return 0;
	theme_list_dir(theme, "templates", &files, 0);
	if (files.len > 1)
		qsort(files.items, files.len, sizeof(void *), path_compare);
	for (i = 0; i < files.len; i++) {
		data = theme_read_override(theme, files.items[i], &len,
		    &failed);
		if (data == NULL)
			return -1;
		siphash_string(h, files.items[i]);
		siphash_u64(h, (uint64_t)len);
		siphash_update(h, data, len);
	}
	return 0;
}
