/* Atomic site output: a temporary directory, then one rename swap. */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/fatal.h"
#include "output.h"

#define MANIFEST_MAGIC		"gongkai-pages 1"
#define MAX_MANIFEST_SIZE	(64 * 1024 * 1024)

/* A page of a site: what it was made from and which file it is. */
struct output_entry {
	const char		*path;
	struct siphash_digest	 key;
	unsigned long long	 dev, ino, size, mtime_s, mtime_ns;
};

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE	(1 << 1)
#endif

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* Removes a directory tree without following symbolic links. */
static int
remove_tree_at(int parent, const char *name)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	int fd, rc = 0;

	fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1)
		return unlinkat(parent, name, 0) == -1 && errno != ENOENT ?
		    -1 : 0;
	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(st.st_mode))
			rc |= remove_tree_at(fd, de->d_name);
		else if (unlinkat(fd, de->d_name, 0) == -1)
			rc = -1;
	}
	closedir(dir);
	if (unlinkat(parent, name, AT_REMOVEDIR) == -1)
		rc = -1;
	return rc;
}

static int
remove_tree(const char *path)
{
	return remove_tree_at(AT_FDCWD, path);
}

/* Removes .<name>.tmp-<pid> directories whose build process is gone. */
static void
output_remove_stale(const char *parent, const char *name)
{
	char prefix[512], path[4096];
	struct dirent *de;
	DIR *dir;
	long pid;
	char *end;

	snprintf(prefix, sizeof(prefix), ".%s.tmp-", name);
	if ((dir = opendir(parent)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		pid = strtol(de->d_name + strlen(prefix), &end, 10);
		if (*end != '\0' || pid <= 0 ||
		    (kill((pid_t)pid, 0) == -1 && errno == ESRCH)) {
			snprintf(path, sizeof(path), "%s/%s", parent,
			    de->d_name);
			remove_tree(path);
		}
	}
	closedir(dir);
}

/* ---- the manifest -------------------------------------------------- */

static int
parse_hex64(const char *p, uint64_t *out)
{
	uint64_t v = 0;
	int i, c;

	for (i = 0; i < 16; i++) {
		c = p[i];
		if (c >= '0' && c <= '9')
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* "<32 hex> <dev> <ino> <size> <s> <ns> <path>"; -1 when malformed. */
static int
manifest_parse_line(struct output *out, char *line)
{
	struct output_entry *e = arena_calloc(&out->arena, 1, sizeof(*e));
	char *p = line + 33, *end;
	unsigned long long *fields[5] = { &e->dev, &e->ino, &e->size,
	    &e->mtime_s, &e->mtime_ns };
	int i;

	if (strlen(line) < 34 || parse_hex64(line, &e->key.h[0]) == -1 ||
	    parse_hex64(line + 16, &e->key.h[1]) == -1 || line[32] != ' ')
		return -1;
	for (i = 0; i < 5; i++) {
		errno = 0;
		*fields[i] = strtoull(p, &end, 10);
		if (end == p || *end != ' ' || errno != 0)
			return -1;
		p = end + 1;
	}
	/* The path is only compared with the pages' own, never opened. */
	if (*p == '\0')
		return -1;
	e->path = p;
	strmap_put(&out->previous, e->path, e);
	return 0;
}

/*
 * Reads the manifest of the last build into out->previous, keeping its
 * hash key; anything unexpected leaves an empty one and a new key.
 */
static void
manifest_read(struct output *out)
{
	struct stat st;
	char *data = NULL, *line, *nl;
	ssize_t n = -1;
	int fd;

	fd = open(out->manifest_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size < MAX_MANIFEST_SIZE) {
		data = arena_alloc(&out->arena, (size_t)st.st_size + 1);
		n = read(fd, data, (size_t)st.st_size);
	}
	close(fd);
	if (data == NULL || n != st.st_size)
		return;
	data[n] = '\0';
	line = data;
	if ((nl = strchr(line, '\n')) == NULL)
		return;
	*nl = '\0';
	if (strcmp(line, MANIFEST_MAGIC) != 0)
		return;
	line = nl + 1;
	if (strncmp(line, "key ", 4) != 0 || strlen(line) < 37 ||
	    line[36] != '\n' || parse_hex64(line + 4, &out->hash_key.k[0]) ==
	    -1 || parse_hex64(line + 20, &out->hash_key.k[1]) == -1)
		goto bad;
	for (line += 37; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			goto bad;
		*nl = '\0';
		if (manifest_parse_line(out, line) == -1)
			goto bad;
	}
	return;
bad:
	strmap_init(&out->previous, &out->arena);
	siphash_random_key(&out->hash_key);
}

/* Writes the new manifest beside the old one, then renames it over. */
static void
manifest_write(struct output *out)
{
	struct output_entry *e;
	char *tmp;
	FILE *f;
	size_t i;
	int ok;

	tmp = xmalloc(strlen(out->manifest_path) + 32);
	sprintf(tmp, "%s.tmp-%ld", out->manifest_path, (long)getpid());
	if ((f = fopen(tmp, "w")) == NULL) {
		free(tmp);
		return;
	}
	fprintf(f, "%s\nkey %016llx%016llx\n", MANIFEST_MAGIC,
	    (unsigned long long)out->hash_key.k[0],
	    (unsigned long long)out->hash_key.k[1]);
	for (i = 0; i < out->next.len; i++) {
		e = out->next.items[i];
		fprintf(f, "%016llx%016llx %llu %llu %llu %llu %llu %s\n",
		    (unsigned long long)e->key.h[0],
		    (unsigned long long)e->key.h[1], e->dev, e->ino, e->size,
		    e->mtime_s, e->mtime_ns, e->path);
	}
	ok = fflush(f) == 0 && !ferror(f);
	if (fclose(f) != 0 || !ok || rename(tmp, out->manifest_path) == -1)
		unlink(tmp);
	free(tmp);
}

/* Records a page of the new site with its file's identity. */
static void
manifest_add(struct output *out, const char *rel,
    const struct siphash_digest *key, const struct stat *st)
{
	struct output_entry *e;

	pthread_mutex_lock(&out->lock);
	e = arena_calloc(&out->arena, 1, sizeof(*e));
	e->path = arena_strdup(&out->arena, rel);
	e->key = *key;
	e->dev = (unsigned long long)st->st_dev;
	e->ino = (unsigned long long)st->st_ino;
	e->size = (unsigned long long)st->st_size;
	e->mtime_s = (unsigned long long)st->st_mtim.tv_sec;
	e->mtime_ns = (unsigned long long)st->st_mtim.tv_nsec;
	ptrvec_push(&out->arena, &out->next, e);
	pthread_mutex_unlock(&out->lock);
}

static int
entry_matches(const struct output_entry *e, const struct stat *st)
{
	return S_ISREG(st->st_mode) &&
	    e->dev == (unsigned long long)st->st_dev &&
	    e->ino == (unsigned long long)st->st_ino &&
	    e->size == (unsigned long long)st->st_size &&
	    e->mtime_s == (unsigned long long)st->st_mtim.tv_sec &&
	    e->mtime_ns == (unsigned long long)st->st_mtim.tv_nsec;
}

int
output_keeps_manifest(const struct output *out)
{
	return out->manifest_path != NULL;
}

const struct siphash_key *
output_hash_key(const struct output *out)
{
	return &out->hash_key;
}

/* ---- the site ------------------------------------------------------- */

static void	output_release(struct output *);

int
output_begin(struct output *out, const char *out_dir,
    const char *manifest_path)
{
	char *copy1, *copy2, *parent, *name;
	struct stat st;
	struct sigaction sa;

	memset(out, 0, sizeof(*out));
	out->final_fd = out->temp_fd = -1;
	arena_init(&out->arena);
	strmap_init(&out->previous, &out->arena);
	pthread_mutex_init(&out->lock, NULL);
	out->final_dir = xstrdup(out_dir);
	copy1 = xstrdup(out_dir);
	copy2 = xstrdup(out_dir);
	parent = dirname(copy1);
	name = basename(copy2);
	if (stat(out_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "gongkai: error: %s exists and is not a "
		    "directory\n", out_dir);
		free(copy1);
		free(copy2);
		output_release(out);
		return -1;
	}
	output_remove_stale(parent, name);
	out->temp_dir = xmalloc(strlen(parent) + strlen(name) + 40);
	sprintf(out->temp_dir, "%s/.%s.tmp-%ld", parent, name, (long)getpid());
	free(copy1);
	free(copy2);
	remove_tree(out->temp_dir);
	if (mkdir(out->temp_dir, 0755) == -1) {
		fprintf(stderr, "gongkai: error: cannot create %s: %s\n",
		    out->temp_dir, strerror(errno));
		output_release(out);
		return -1;
	}
	if ((out->temp_fd = open(out->temp_dir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		fprintf(stderr, "gongkai: error: cannot open %s: %s\n",
		    out->temp_dir, strerror(errno));
		output_abort(out);
		return -1;
	}
	/* Held open: the site that was published when the build began. */
	out->final_fd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (manifest_path != NULL) {
		out->manifest_path = xstrdup(manifest_path);
		if (siphash_random_key(&out->hash_key) == -1) {
			free(out->manifest_path);
			out->manifest_path = NULL;
		} else if (out->final_fd != -1)
			manifest_read(out);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	return 0;
}

/* Creates the folders of `path` from byte `start` on. */
static int
output_mkdirs(char *path, size_t start)
{
	char *slash;

	for (slash = strchr(path + start, '/'); slash;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			*slash = '/';
			return -1;
		}
		*slash = '/';
	}
	return 0;
}

/* Counts a file of the new site. */
static void
output_count(struct output *out, const char *rel)
{
	size_t n = strlen(rel);

	/* Pages are written from several threads. */
	__atomic_fetch_add(&out->files, 1, __ATOMIC_RELAXED);
	if (n > 5 && strcmp(rel + n - 5, ".html") == 0)
		__atomic_fetch_add(&out->pages, 1, __ATOMIC_RELAXED);
}

static int
output_check_interrupt(struct output *out)
{
	if (!interrupted)
		return 0;
	fprintf(stderr, "gongkai: interrupted\n");
	__atomic_store_n(&out->failed, -1, __ATOMIC_RELAXED);
	return -1;
}

/* Creates the folders of `rel` inside the temporary directory. */
static int
output_mkdirs_for(struct output *out, const char *rel)
{
	size_t n = strlen(out->temp_dir) + strlen(rel) + 2;
	char *path = xmalloc(n);
	int rc;

	snprintf(path, n, "%s/%s", out->temp_dir, rel);
	rc = output_mkdirs(path, strlen(out->temp_dir) + 1);
	free(path);
	return rc;
}

int
output_reuse(struct output *out, const char *rel,
    const struct siphash_digest *key)
{
	const struct output_entry *e;
	struct stat st;

	if (out->final_fd == -1 || out->manifest_path == NULL ||
	    output_check_interrupt(out) == -1 ||
	    (e = strmap_get(&out->previous, rel)) == NULL ||
	    e->key.h[0] != key->h[0] || e->key.h[1] != key->h[1] ||
	    fstatat(out->final_fd, rel, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !entry_matches(e, &st))
		return -1;
	if (linkat(out->final_fd, rel, out->temp_fd, rel, 0) == -1 &&
	    (errno != ENOENT || output_mkdirs_for(out, rel) == -1 ||
	    linkat(out->final_fd, rel, out->temp_fd, rel, 0) == -1))
		return -1;	/* another file system, say: write it */
	manifest_add(out, rel, key, &st);
	output_count(out, rel);
	__atomic_fetch_add(&out->reused, 1, __ATOMIC_RELAXED);
	return 0;
}

int
output_write(struct output *out, const char *rel, const char *data,
    size_t len, const struct siphash_digest *key)
{
	const int flags = O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC;
	struct stat st;
	size_t done = 0;
	ssize_t w;
	int fd;

	if (output_check_interrupt(out) == -1)
		return -1;
	/* Folders are made only when the file cannot be created without. */
	fd = openat(out->temp_fd, rel, flags, 0644);
	if (fd == -1 && errno == ENOENT && output_mkdirs_for(out, rel) == 0)
		fd = openat(out->temp_fd, rel, flags, 0644);
	while (fd != -1 && done < len) {
		w = write(fd, data + done, len - done);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (fd != -1 && done == len && key != NULL && out->manifest_path &&
	    fstat(fd, &st) == 0)
		manifest_add(out, rel, key, &st);
	if (fd == -1 || done < len || close(fd) == -1) {
		fprintf(stderr, "gongkai: error: cannot write %s/%s: %s\n",
		    out->temp_dir, rel, strerror(errno));
		if (fd != -1 && done < len)
			close(fd);
		__atomic_store_n(&out->failed, -1, __ATOMIC_RELAXED);
		return -1;
	}
	output_count(out, rel);
	return 0;
}

/* Closes and frees what output_begin() opened and allocated. */
static void
output_release(struct output *out)
{
	if (out->temp_fd != -1)
		close(out->temp_fd);
	if (out->final_fd != -1)
		close(out->final_fd);
	out->temp_fd = out->final_fd = -1;
	free(out->temp_dir);
	free(out->final_dir);
	free(out->manifest_path);
	out->temp_dir = out->final_dir = out->manifest_path = NULL;
	arena_free(&out->arena);
	pthread_mutex_destroy(&out->lock);
}

int
output_commit(struct output *out)
{
	struct stat st;

	if (out->failed || interrupted) {
		output_abort(out);
		return -1;
	}
	if (stat(out->final_dir, &st) == -1) {
		if (rename(out->temp_dir, out->final_dir) == -1)
			goto fail;
	} else if (syscall(SYS_renameat2, AT_FDCWD, out->temp_dir, AT_FDCWD,
	    out->final_dir, RENAME_EXCHANGE) == -1)
		goto fail;
	/* After the exchange the temporary name holds the old site. */
	remove_tree(out->temp_dir);
	if (out->manifest_path != NULL)
		manifest_write(out);
	output_release(out);
	return 0;
fail:
	fprintf(stderr, "gongkai: error: cannot move the new site into %s: "
	    "%s\n", out->final_dir, strerror(errno));
	output_abort(out);
	return -1;
}

void
output_abort(struct output *out)
{
	if (out->temp_dir != NULL)
		remove_tree(out->temp_dir);
	output_release(out);
}
