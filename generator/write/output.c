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

int
output_begin(struct output *out, const char *out_dir)
{
	char *copy1, *copy2, *parent, *name;
	struct stat st;
	struct sigaction sa;

	memset(out, 0, sizeof(*out));
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
		free(out->final_dir);
		out->final_dir = NULL;
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
		free(out->temp_dir);
		free(out->final_dir);
		out->temp_dir = out->final_dir = NULL;
		return -1;
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

int
output_write(struct output *out, const char *rel, const char *data,
    size_t len)
{
	size_t n = strlen(out->temp_dir) + strlen(rel) + 2, done = 0;
	char *path = xmalloc(n);
	ssize_t w;
	int fd;

	if (interrupted) {
		fprintf(stderr, "gongkai: interrupted\n");
		free(path);
		__atomic_store_n(&out->failed, -1, __ATOMIC_RELAXED);
		return -1;
	}
	snprintf(path, n, "%s/%s", out->temp_dir, rel);
	/* Folders are made only when the file cannot be created without. */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	if (fd == -1 && errno == ENOENT &&
	    output_mkdirs(path, strlen(out->temp_dir) + 1) == 0)
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
		    O_CLOEXEC, 0644);
	while (fd != -1 && done < len) {
		w = write(fd, data + done, len - done);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (fd == -1 || done < len || close(fd) == -1) {
		fprintf(stderr, "gongkai: error: cannot write %s: %s\n", path,
		    strerror(errno));
		free(path);
		__atomic_store_n(&out->failed, -1, __ATOMIC_RELAXED);
		return -1;
	}
	free(path);
	/* Pages are written from several threads. */
	__atomic_fetch_add(&out->files, 1, __ATOMIC_RELAXED);
	n = strlen(rel);
	if (n > 5 && strcmp(rel + n - 5, ".html") == 0)
		__atomic_fetch_add(&out->pages, 1, __ATOMIC_RELAXED);
	return 0;
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
	free(out->temp_dir);
	free(out->final_dir);
	out->temp_dir = out->final_dir = NULL;
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
	free(out->temp_dir);
	free(out->final_dir);
	out->temp_dir = out->final_dir = NULL;
}
