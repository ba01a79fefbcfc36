/* Atomic site output: a temporary directory, then one rename swap. */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/fatal.h"
#include "../base/files.h"
#include "output.h"

#define MANIFEST_MAGIC		"gongkai-pages 2"
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

/*
 * "<P|S> <32 hex> <dev> <ino> <size> <s> <ns> <path>": a page of the
 * published site or of the spare; -1 when malformed.
 */
static int
manifest_parse_line(struct output *out, char *line)
{
	struct output_entry *e = arena_calloc(&out->arena, 1, sizeof(*e));
	char *p, *end;
	unsigned long long *fields[5] = { &e->dev, &e->ino, &e->size,
	    &e->mtime_s, &e->mtime_ns };
	int i, spare;

	if (strlen(line) < 36 || (line[0] != 'P' && line[0] != 'S') ||
	    line[1] != ' ')
		return -1;
	spare = line[0] == 'S';
	line += 2;
	p = line + 33;
	if (parse_hex64(line, &e->key.h[0]) == -1 ||
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
	if (spare)
		strmap_put(&out->spare, e->path, e);
	else {
		strmap_put(&out->previous, e->path, e);
		ptrvec_push(&out->arena, &out->previous_list, e);
	}
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
	strmap_init(&out->spare, &out->arena);
	memset(&out->previous_list, 0, sizeof(out->previous_list));
	siphash_random_key(&out->hash_key);
}

static void
manifest_write_entries(FILE *f, char kind, const struct ptrvec *entries)
{
	const struct output_entry *e;
	size_t i;

	for (i = 0; i < entries->len; i++) {
		e = entries->items[i];
		fprintf(f, "%c %016llx%016llx %llu %llu %llu %llu %llu %s\n",
		    kind, (unsigned long long)e->key.h[0],
		    (unsigned long long)e->key.h[1], e->dev, e->ino, e->size,
		    e->mtime_s, e->mtime_ns, e->path);
	}
}

/*
 * Writes the new manifest beside the old one, then renames it over: the
 * pages of the new site, and those of the spare (the site it replaced)
 * when `spare` is set.
 */
static void
manifest_write(struct output *out, int spare)
{
	struct file_replace r;
	FILE *f;

	if ((f = file_replace_begin(&r, out->manifest_path)) == NULL)
		return;
	fprintf(f, "%s\nkey %016llx%016llx\n", MANIFEST_MAGIC,
	    (unsigned long long)out->hash_key.k[0],
	    (unsigned long long)out->hash_key.k[1]);
	manifest_write_entries(f, 'P', &out->next);
	if (spare)
		manifest_write_entries(f, 'S', &out->previous_list);
	file_replace_end(&r, 1);
}

/* Records a file of the new site, when it began as the spare. */
static void
output_add_written(struct output *out, const char *rel)
{
	if (!out->from_spare)
		return;
	pthread_mutex_lock(&out->lock);
	strmap_put(&out->written, arena_strdup(&out->arena, rel), out);
	pthread_mutex_unlock(&out->lock);
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
	if (out->from_spare)
		strmap_put(&out->written, e->path, out);
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

/* <cache>/pages-<hash>.spare for <cache>/pages-<hash>.manifest. */
static char *
spare_path(const char *manifest_path)
{
	size_t len = strlen(manifest_path), n = len;
	char *path = xmalloc(len + 8);

	if (n > 9 && strcmp(manifest_path + n - 9, ".manifest") == 0)
		n -= 9;
	snprintf(path, len + 8, "%.*s.spare", (int)n, manifest_path);
	return path;
}

/*
 * Takes the spare as the new site's temporary directory: a rename, so
 * that two builds cannot both take it.  Returns 1 when it did.
 */
static int
output_claim_spare(struct output *out)
{
	struct stat st;

	if (out->spare_dir == NULL ||
	    rename(out->spare_dir, out->temp_dir) == -1)
		return 0;
	if (lstat(out->temp_dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 1;
	remove_tree(out->temp_dir);	/* not ours: a file, a link */
	return 0;
}

static void	output_release(struct output *);
static void	output_sweep_all(struct output *, int);

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
	strmap_init(&out->spare, &out->arena);
	strmap_init(&out->written, &out->arena);
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
	/* Held open: the site that was published when the build began. */
	out->final_fd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (manifest_path != NULL) {
		out->manifest_path = xstrdup(manifest_path);
		out->spare_dir = spare_path(manifest_path);
		if (siphash_random_key(&out->hash_key) == -1) {
			free(out->manifest_path);
			out->manifest_path = NULL;
		} else
			manifest_read(out);
	}
	out->from_spare = output_claim_spare(out);
	if (!out->from_spare && mkdir(out->temp_dir, 0755) == -1) {
		fprintf(stderr, "gongkai: error: cannot create %s: %s\n",
		    out->temp_dir, strerror(errno));
		output_release(out);
		return -1;
	}
	if ((out->temp_fd = open(out->temp_dir, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) == -1) {
		fprintf(stderr, "gongkai: error: cannot open %s: %s\n",
		    out->temp_dir, strerror(errno));
		output_abort(out);
		return -1;
	}
	if (out->from_spare)
		output_sweep_all(out, 0);
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

static int
same_key(const struct output_entry *e, const struct siphash_digest *key)
{
	return e->key.h[0] == key->h[0] && e->key.h[1] == key->h[1];
}

/*
 * Makes way for `rel` in a temporary directory that began as the spare:
 * removes a file or folder in its place, or a file in place of one of
 * its folders.
 */
static void
output_clear(struct output *out, const char *rel)
{
	char *path = xstrdup(rel), *slash;
	struct stat st;

	for (slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (fstatat(out->temp_fd, path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !S_ISDIR(st.st_mode))
			unlinkat(out->temp_fd, path, 0);
		*slash = '/';
	}
	if (fstatat(out->temp_fd, path, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(st.st_mode))
			remove_tree_at(out->temp_fd, path);
		else
			unlinkat(out->temp_fd, path, 0);
	}
	free(path);
}

/*
 * Links the published `rel` into the new site, as output_create() makes
 * way for a file; -1 when it cannot (another file system, say).
 */
static int
output_link(struct output *out, const char *rel)
{
	if (linkat(out->final_fd, rel, out->temp_fd, rel, 0) == 0)
		return 0;
	if (errno == ENOENT && output_mkdirs_for(out, rel) == 0 &&
	    linkat(out->final_fd, rel, out->temp_fd, rel, 0) == 0)
		return 0;
	if (!out->from_spare)
		return -1;
	output_clear(out, rel);
	if (output_mkdirs_for(out, rel) == -1)
		return -1;
	return linkat(out->final_fd, rel, out->temp_fd, rel, 0);
}

int
output_reuse(struct output *out, const char *rel,
    const struct siphash_digest *key)
{
	const struct output_entry *e;
	struct stat st;

	if (out->manifest_path == NULL || output_check_interrupt(out) == -1)
		return -1;
	/* The spare's own file, when it is that page and untouched. */
	if (out->from_spare && (e = strmap_get(&out->spare, rel)) != NULL &&
	    same_key(e, key) &&
	    fstatat(out->temp_fd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    entry_matches(e, &st))
		goto reused;
	if (out->final_fd == -1 ||
	    (e = strmap_get(&out->previous, rel)) == NULL ||
	    !same_key(e, key) ||
	    fstatat(out->final_fd, rel, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !entry_matches(e, &st) || output_link(out, rel) == -1)
		return -1;
reused:
	manifest_add(out, rel, key, &st);
	output_count(out, rel);
	__atomic_fetch_add(&out->reused, 1, __ATOMIC_RELAXED);
	return 0;
}

/*
 * Creates `rel` anew (never writing into a file that may be a link to a
 * published one): its folders when missing, and in a directory that began
 * as the spare, after removing what is in its way.
 */
static int
output_create(struct output *out, const char *rel)
{
	const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC;
	int fd;

	if ((fd = openat(out->temp_fd, rel, flags, 0644)) != -1)
		return fd;
	if (errno == ENOENT && output_mkdirs_for(out, rel) == 0 &&
	    (fd = openat(out->temp_fd, rel, flags, 0644)) != -1)
		return fd;
	/* Written twice (a theme's static robots.txt, say): the last wins. */
	if (!out->from_spare && errno != EEXIST)
		return -1;
	output_clear(out, rel);
	if (output_mkdirs_for(out, rel) == -1)
		return -1;
	return openat(out->temp_fd, rel, flags, 0644);
}

int
output_write(struct output *out, const char *rel, const char *data,
    size_t len, const struct siphash_digest *key)
{
	struct stat st;
	size_t done = 0;
	ssize_t w;
	int fd;

	if (output_check_interrupt(out) == -1)
		return -1;
	fd = output_create(out, rel);
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
	else if (fd != -1 && done == len)
		output_add_written(out, rel);
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
	free(out->spare_dir);
	out->temp_dir = out->final_dir = out->manifest_path = NULL;
	out->spare_dir = NULL;
	arena_free(&out->arena);
	pthread_mutex_destroy(&out->lock);
}

/*
 * Sweeps `fd`, a folder of a temporary directory that began as the spare:
 * removes symbolic links and anything else that is neither a file nor a
 * folder, so that nothing written into it can land outside; with
 * `unwritten`, also the files the new site neither wrote nor kept, then
 * the folders left empty.  `rel` holds the folder's path (`len` bytes,
 * ending in '/' unless empty) in a buffer of PATH_MAX bytes.
 */
static void
output_sweep(struct output *out, int fd, char *rel, size_t len,
    int unwritten)
{
	struct dirent *de;
	struct stat st;
	DIR *dir;
	size_t n;
	int sub, type;

	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		type = de->d_type;
		if (type == DT_UNKNOWN)
			type = fstatat(fd, de->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) == -1 ? DT_UNKNOWN :
			    S_ISDIR(st.st_mode) ? DT_DIR :
			    S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		n = strlen(de->d_name);
		if ((type != DT_DIR && type != DT_REG) ||
		    len + n + 2 > PATH_MAX) {	/* longer than any page's */
			remove_tree_at(fd, de->d_name);
			continue;
		}
		memcpy(rel + len, de->d_name, n + 1);
		if (type == DT_REG) {
			if (unwritten && strmap_get(&out->written, rel) == NULL)
				unlinkat(fd, de->d_name, 0);
			continue;
		}
		sub = openat(fd, de->d_name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (sub != -1) {
			rel[len + n] = '/';
			rel[len + n + 1] = '\0';
			output_sweep(out, sub, rel, len + n + 1, unwritten);
		}
		if (unwritten)
			unlinkat(fd, de->d_name, AT_REMOVEDIR);	/* if empty */
	}
	closedir(dir);
}

/* Sweeps the whole temporary directory (see output_sweep). */
static void
output_sweep_all(struct output *out, int unwritten)
{
	char rel[PATH_MAX];
	int fd;

	/* Not dup(): its directory offset would be shared. */
	if ((fd = openat(out->temp_fd, ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1)
		return;
	rel[0] = '\0';
	output_sweep(out, fd, rel, 0, unwritten);
}

/*
 * Keeps the replaced site, now at the temporary name, as the spare for
 * the next build.  Returns 1 when it did.
 */
static int
output_keep_spare(struct output *out)
{
	if (out->spare_dir == NULL)
		return 0;
	if (rename(out->temp_dir, out->spare_dir) == 0)
		return 1;
	if (errno != ENOTEMPTY && errno != EEXIST)
		return 0;		/* another file system, say */
	/*
	 * A spare left by a build in parallel: swapped out and removed under
	 * our own name, never where another build may be taking it.
	 */
	if (syscall(SYS_renameat2, AT_FDCWD, out->temp_dir, AT_FDCWD,
	    out->spare_dir, RENAME_EXCHANGE) == -1)
		return 0;
	remove_tree(out->temp_dir);
	return 1;
}

int
output_commit(struct output *out)
{
	struct stat st;
	int spare = 0;

	if (out->failed || interrupted) {
		output_abort(out);
		return -1;
	}
	if (out->from_spare)
		output_sweep_all(out, 1);
	if (stat(out->final_dir, &st) == -1) {
		if (rename(out->temp_dir, out->final_dir) == -1)
			goto fail;
	} else if (syscall(SYS_renameat2, AT_FDCWD, out->temp_dir, AT_FDCWD,
	    out->final_dir, RENAME_EXCHANGE) == -1)
		goto fail;
	else if (!(spare = output_keep_spare(out)))
		/* After the exchange the temporary name holds the old site. */
		remove_tree(out->temp_dir);
	if (out->manifest_path != NULL)
		manifest_write(out, spare);
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
