/* A content source reading a directory on disk, never following links. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/fatal.h"
#include "../base/siphash.h"
#include "source.h"

/* Files changed this close to the listing get no stamp (see source.h). */
#define RACY_SECONDS	2

struct dir_state {
	int	 rootfd;
	time_t	 opened;	/* when the source was opened */
};

static int
dir_root(struct source *source)
{
	return ((struct dir_state *)source->state)->rootfd;
}

static enum source_status
dir_fail(struct source *source, const char *path, int error)
{
	if (error == ENOENT || error == ENOTDIR)
		return SOURCE_MISSING;
	snprintf(source->error, sizeof(source->error), "%s: %s",
	    *path ? path : ".", strerror(error));
	return SOURCE_FAILED;
}

static int
entry_compare(const void *a, const void *b)
{
	const struct source_entry *x = *(struct source_entry *const *)a;
	const struct source_entry *y = *(struct source_entry *const *)b;

	return strcmp(x->name, y->name);
}

/*
 * A regular file's stamp: everything stat tells that changes when its
 * bytes do.  The change time cannot be set by anyone, so even a file
 * written with its old size and given back its old modification time
 * gets another stamp.
 */
static void
dir_stamp(const struct stat *st, time_t opened, struct source_stamp *stamp)
{
	static const struct siphash_key key = { { 0x676f6e676b6169ULL,
	    0x7374616d70ULL } };
	struct siphash h;
	struct siphash_digest d;

	stamp->valid = st->st_mtim.tv_sec < opened - RACY_SECONDS &&
	    st->st_ctim.tv_sec < opened - RACY_SECONDS;
	siphash_init(&h, &key);
	siphash_u64(&h, (uint64_t)st->st_dev);
	siphash_u64(&h, (uint64_t)st->st_ino);
	siphash_u64(&h, (uint64_t)st->st_mode);
	siphash_u64(&h, (uint64_t)st->st_size);
	siphash_u64(&h, (uint64_t)st->st_mtim.tv_sec);
	siphash_u64(&h, (uint64_t)st->st_mtim.tv_nsec);
	siphash_u64(&h, (uint64_t)st->st_ctim.tv_sec);
	siphash_u64(&h, (uint64_t)st->st_ctim.tv_nsec);
	siphash_final(&h, &d);
	stamp->w[0] = d.h[0];
	stamp->w[1] = d.h[1];
}

static void
dir_entry_type(int dirfd, time_t opened, struct source_entry *entry)
{
	struct stat st;

	memset(&entry->stamp, 0, sizeof(entry->stamp));
	if (fstatat(dirfd, entry->name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		entry->type = SOURCE_OTHER;
	else if (S_ISLNK(st.st_mode))
		entry->type = SOURCE_SYMLINK;
	else if (S_ISDIR(st.st_mode))
		entry->type = SOURCE_DIRECTORY;
	else if (S_ISREG(st.st_mode)) {
		entry->type = SOURCE_FILE;
		dir_stamp(&st, opened, &entry->stamp);
	} else
		entry->type = SOURCE_OTHER;
}

static enum source_status
dir_list(struct source *source, const char *path, struct arena *arena,
    struct ptrvec *entries)
{
	struct source_entry *entry;
	struct dirent *de;
	DIR *dir;
	int fd;

	fd = openat(dir_root(source), *path ? path : ".",
	    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return dir_fail(source, path, errno);
	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return dir_fail(source, path, errno);
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		entry = arena_alloc(arena, sizeof(*entry));
		entry->name = arena_strdup(arena, de->d_name);
		dir_entry_type(fd, ((struct dir_state *)source->state)->opened,
		    entry);
		ptrvec_push(arena, entries, entry);
	}
	closedir(dir);
	if (entries->len > 1)
		qsort(entries->items, entries->len, sizeof(void *),
		    entry_compare);
	return SOURCE_OK;
}

static enum source_status
dir_read(struct source *source, const char *path, size_t cap,
    struct arena *arena, char **data, size_t *len)
{
	struct stat st;
	size_t done = 0;
	ssize_t n;
	char *p;
	int fd;

	fd = openat(dir_root(source), path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return dir_fail(source, path, errno);
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return dir_fail(source, path, EINVAL);
	}
	if ((size_t)st.st_size > cap) {
		close(fd);
		return SOURCE_TOO_LARGE;
	}
	p = arena_alloc(arena, (size_t)st.st_size + 1);
	/* Read no more than fstat said, even if the file grows meanwhile. */
	while (done < (size_t)st.st_size) {
		n = read(fd, p + done, (size_t)st.st_size - done);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(fd);
	p[done] = '\0';
	*data = p;
	*len = done;
	return SOURCE_OK;
}

static void
dir_close(struct source *source)
{
	struct dir_state *state = source->state;

	if (state == NULL)
		return;
	close(state->rootfd);
	free(state);
	source->state = NULL;
}

static const struct source_ops dir_ops = { dir_list, dir_read, dir_close };

int
source_open_directory(struct source *source, const char *dir)
{
	struct dir_state *state;
	int fd;

	memset(source, 0, sizeof(*source));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1) {
		snprintf(source->error, sizeof(source->error), "%s: %s", dir,
		    strerror(errno));
		return -1;
	}
	state = xmalloc(sizeof(*state));
	state->rootfd = fd;
	state->opened = time(NULL);
	source->ops = &dir_ops;
	source->concurrent = 1;	/* openat on a shared descriptor */
	source->label = dir;
	source->state = state;
	return 0;
}

void
source_close(struct source *source)
{
	if (source != NULL && source->ops != NULL)
		source->ops->close(source);
}
