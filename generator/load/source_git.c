/*
 * A content source reading the tree of a git commit through libgit2: the
 * content directory as it was at a revision, whatever the work tree holds.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "../base/fatal.h"
#include "source.h"

struct commit_source {
	git_repository	*repo;
	git_odb		*odb;
	git_tree	*root;		/* the content directory */
};

/* What each kind of tree entry is, and why read refuses it if it does. */
struct entry_kind {
	git_filemode_t		 mode;
	enum source_type	 type;
	const char		*unreadable;	/* NULL for a file */
};

static const struct entry_kind entry_kinds[] = {
	{ GIT_FILEMODE_BLOB,		 SOURCE_FILE,	   NULL },
	{ GIT_FILEMODE_BLOB_EXECUTABLE,	 SOURCE_FILE,	   NULL },
	{ GIT_FILEMODE_TREE,		 SOURCE_DIRECTORY, "is a directory" },
	{ GIT_FILEMODE_LINK,		 SOURCE_SYMLINK,   "is a symlink" },
	{ GIT_FILEMODE_COMMIT,		 SOURCE_OTHER,	   "is a submodule" },
};

static const struct entry_kind unknown_kind = {
	GIT_FILEMODE_UNREADABLE, SOURCE_OTHER, "is not a regular file"
};

static struct commit_source *
commit_source(struct source *source)
{
	return source->state;
}

static void	 error_set(struct source *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
error_set(struct source *source, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(source->error, sizeof(source->error), fmt, ap);
	va_end(ap);
}

/* The message of libgit2's last error. */
static const char *
libgit2_message(void)
{
	const git_error *error = git_error_last();

	return error != NULL && error->message != NULL ? error->message :
	    "unknown libgit2 error";
}

/* Fails on `path` with libgit2's message: a missing or corrupt object. */
static enum source_status
object_fail(struct source *source, const char *path)
{
	error_set(source, "%s: %s", *path ? path : ".", libgit2_message());
	return SOURCE_FAILED;
}

static const struct entry_kind *
entry_kind(const git_tree_entry *entry)
{
	git_filemode_t mode = git_tree_entry_filemode(entry);
	size_t i;

	for (i = 0; i < sizeof(entry_kinds) / sizeof(entry_kinds[0]); i++)
		if (entry_kinds[i].mode == mode)
			return &entry_kinds[i];
	return &unknown_kind;
}

static int
entry_compare(const void *a, const void *b)
{
	const struct source_entry *x = *(struct source_entry *const *)a;
	const struct source_entry *y = *(struct source_entry *const *)b;

	return strcmp(x->name, y->name);
}

/*
 * Finds the entry at `path` below the content directory.  Returns
 * SOURCE_MISSING when no such path exists at the commit.
 */
static enum source_status
entry_at(struct source *source, const char *path, git_tree_entry **entry)
{
	int error;

	error = git_tree_entry_bypath(entry, commit_source(source)->root, path);
	if (error == GIT_ENOTFOUND)
		return SOURCE_MISSING;
	return error < 0 ? object_fail(source, path) : SOURCE_OK;
}

/*
 * Looks up the directory at `path` ("" for the content directory).  A
 * path that is not a directory is SOURCE_MISSING, as ENOTDIR is on disk.
 */
static enum source_status
tree_at(struct source *source, const char *path, git_tree **tree)
{
	struct commit_source *git = commit_source(source);
	git_tree_entry *entry;
	enum source_status status;

	if (*path == '\0')
		return git_tree_dup(tree, git->root) < 0 ?
		    object_fail(source, path) : SOURCE_OK;
	if ((status = entry_at(source, path, &entry)) != SOURCE_OK)
		return status;
	if (git_tree_entry_filemode(entry) != GIT_FILEMODE_TREE)
		status = SOURCE_MISSING;
	else if (git_tree_lookup(tree, git->repo, git_tree_entry_id(entry)) < 0)
		status = object_fail(source, path);
	git_tree_entry_free(entry);
	return status;
}

static enum source_status
commit_list(struct source *source, const char *path, struct arena *arena,
    struct ptrvec *entries)
{
	const git_tree_entry *item;
	struct source_entry *entry;
	enum source_status status;
	git_tree *tree;
	size_t i, count;

	if ((status = tree_at(source, path, &tree)) != SOURCE_OK)
		return status;
	count = git_tree_entrycount(tree);
	for (i = 0; i < count; i++) {
		item = git_tree_entry_byindex(tree, i);
		entry = arena_alloc(arena, sizeof(*entry));
		entry->name = arena_strdup(arena, git_tree_entry_name(item));
		entry->type = entry_kind(item)->type;
		/* A blob id is the stamp of its bytes, never racy. */
		memset(&entry->stamp, 0, sizeof(entry->stamp));
		if (entry->type == SOURCE_FILE) {
			memcpy(entry->stamp.w, git_tree_entry_id(item)->id,
			    sizeof(entry->stamp.w));
			entry->stamp.valid = 1;
		}
		ptrvec_push(arena, entries, entry);
	}
	git_tree_free(tree);
	/* Git orders a directory "a" as "a/", after "a-b"; we want strcmp. */
	if (entries->len > 1)
		qsort(entries->items, entries->len, sizeof(void *),
		    entry_compare);
	return SOURCE_OK;
}

/*
 * Finds the blob of the file at `path`.  Returns SOURCE_FAILED for a
 * directory, a symbolic link or a submodule.
 */
static enum source_status
blob_at(struct source *source, const char *path, git_oid *id)
{
	const struct entry_kind *kind;
	git_tree_entry *entry;
	enum source_status status;

	if ((status = entry_at(source, path, &entry)) != SOURCE_OK)
		return status;
	kind = entry_kind(entry);
	git_oid_cpy(id, git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	if (kind->unreadable == NULL)
		return SOURCE_OK;
	error_set(source, "%s: %s", path, kind->unreadable);
	return SOURCE_FAILED;
}

/*
 * Copies the blob `id` of at most `cap` bytes into the arena.  The size is
 * checked from the object's header first, so that a large blob is never
 * inflated, then again from the blob itself.
 */
static enum source_status
blob_copy(struct source *source, const char *path, const git_oid *id,
    size_t cap, struct arena *arena, char **data, size_t *len)
{
	struct commit_source *git = commit_source(source);
	git_object_size_t size;
	git_object_t type;
	git_blob *blob;
	size_t header_size;
	char *p;

	if (git_odb_read_header(&header_size, &type, git->odb, id) < 0)
		return object_fail(source, path);
	if (header_size > cap)
		return SOURCE_TOO_LARGE;
	if (git_blob_lookup(&blob, git->repo, id) < 0)
		return object_fail(source, path);
	if ((size = git_blob_rawsize(blob)) > cap) {
		git_blob_free(blob);
		return SOURCE_TOO_LARGE;
	}
	p = arena_alloc(arena, (size_t)size + 1);
	if (size > 0)
		memcpy(p, git_blob_rawcontent(blob), (size_t)size);
	p[size] = '\0';
	git_blob_free(blob);
	*data = p;
	*len = (size_t)size;
	return SOURCE_OK;
}

static enum source_status
commit_read(struct source *source, const char *path, size_t cap,
    struct arena *arena, char **data, size_t *len)
{
	enum source_status status;
	git_oid id;

	if ((status = blob_at(source, path, &id)) != SOURCE_OK)
		return status;
	return blob_copy(source, path, &id, cap, arena, data, len);
}

/* Frees what is open and drops this source's hold on libgit2. */
static void
commit_source_free(struct commit_source *git)
{
	git_tree_free(git->root);
	git_odb_free(git->odb);
	git_repository_free(git->repo);
	free(git);
	git_libgit2_shutdown();
}

static void
commit_close(struct source *source)
{
	if (source->state == NULL)
		return;
	commit_source_free(source->state);
	source->state = NULL;
}

static const struct source_ops commit_ops = {
	commit_list, commit_read, commit_close
};

/*
 * Opens the repository containing `content_dir`, searching upward.
 * Returns -1 with the error filled if there is none or it is bare.
 */
static int
repository_open(struct source *source, const char *content_dir)
{
	struct commit_source *git = commit_source(source);
	int error;

	error = git_repository_open_ext(&git->repo, content_dir, 0, NULL);
	if (error == GIT_ENOTFOUND) {
		error_set(source, "%s: not in a git repository", content_dir);
		return -1;
	}
	if (error < 0 || git_repository_odb(&git->odb, git->repo) < 0) {
		error_set(source, "%s: %s", content_dir, libgit2_message());
		return -1;
	}
	if (git_repository_workdir(git->repo) == NULL) {
		error_set(source, "%s: the repository has no work tree",
		    content_dir);
		return -1;
	}
	return 0;
}

/*
 * Returns the path of `content_dir`, resolved to `content_real`, relative
 * to the work tree, "" for the work tree itself, in memory the caller
 * frees; NULL with the error filled if it lies outside the work tree.
 */
static char *
content_prefix(struct source *source, const char *content_dir,
    const char *content_real)
{
	const char *workdir;
	char *work_real, *prefix = NULL;
	size_t len;

	workdir = git_repository_workdir(commit_source(source)->repo);
	if ((work_real = realpath(workdir, NULL)) == NULL) {
		error_set(source, "%s: %s", workdir, strerror(errno));
		return NULL;
	}
	len = strlen(work_real);
	if (len > 0 && work_real[len - 1] == '/')
		len--;		/* the work tree is "/" */
	if (strncmp(content_real, work_real, len) == 0 &&
	    (content_real[len] == '/' || content_real[len] == '\0'))
		prefix = xstrdup(content_real[len] == '/' ?
		    content_real + len + 1 : "");
	else
		error_set(source, "%s: outside the work tree %s", content_dir,
		    work_real);
	free(work_real);
	return prefix;
}

/*
 * Resolves `rev` to a commit, records its id and returns its tree in
 * `tree`.  Returns -1 with the error filled.
 */
static int
revision_tree(struct source *source, const char *rev, git_tree **tree)
{
	git_object *object, *commit;
	int error;

	error = git_revparse_single(&object, commit_source(source)->repo, rev);
	if (error == GIT_ENOTFOUND || error == GIT_EINVALIDSPEC) {
		error_set(source, "unknown revision '%s'", rev);
		return -1;
	}
	if (error < 0) {
		error_set(source, "revision '%s': %s", rev, libgit2_message());
		return -1;
	}
	error = git_object_peel(&commit, object, GIT_OBJECT_COMMIT);
	git_object_free(object);
	if (error < 0) {
		error_set(source, "revision '%s' is not a commit", rev);
		return -1;
	}
	git_oid_tostr(source->revision, sizeof(source->revision),
	    git_object_id(commit));
	error = git_commit_tree(tree, (git_commit *)commit);
	git_object_free(commit);
	if (error < 0) {
		error_set(source, "revision '%s': %s", rev, libgit2_message());
		return -1;
	}
	return 0;
}

/*
 * Finds the tree at `prefix` in the commit's tree `top` and keeps it as
 * the root of the source.  Returns -1 with the error filled.
 */
static int
content_tree_open(struct source *source, git_tree *top, const char *prefix,
    const char *rev)
{
	struct commit_source *git = commit_source(source);
	git_tree_entry *entry;
	int error;

	if (*prefix == '\0') {
		if (git_tree_dup(&git->root, top) == 0)
			return 0;
		error_set(source, "%s: %s", rev, libgit2_message());
		return -1;
	}
	error = git_tree_entry_bypath(&entry, top, prefix);
	if (error == GIT_ENOTFOUND) {
		error_set(source, "'%s' does not exist at %s", prefix, rev);
		return -1;
	}
	if (error < 0) {
		error_set(source, "'%s' at %s: %s", prefix, rev,
		    libgit2_message());
		return -1;
	}
	if (git_tree_entry_filemode(entry) != GIT_FILEMODE_TREE)
		error_set(source, "'%s' is not a directory at %s", prefix, rev);
	else if (git_tree_lookup(&git->root, git->repo,
	    git_tree_entry_id(entry)) < 0)
		error_set(source, "'%s' at %s: %s", prefix, rev,
		    libgit2_message());
	git_tree_entry_free(entry);
	return git->root != NULL ? 0 : -1;
}

/*
 * Finds the repository, the content directory's place in its work tree,
 * the commit, and the directory's tree in that commit.  Returns -1 with
 * the error filled.
 */
static int
content_open(struct source *source, const char *content_dir,
    const char *rev)
{
	char *content_real, *prefix = NULL;
	git_tree *top = NULL;
	int rc = -1;

	if ((content_real = realpath(content_dir, NULL)) == NULL) {
		error_set(source, "%s: %s", content_dir, strerror(errno));
		return -1;
	}
	if (repository_open(source, content_dir) == 0 &&
	    (prefix = content_prefix(source, content_dir, content_real)) !=
	    NULL && revision_tree(source, rev, &top) == 0)
		rc = content_tree_open(source, top, prefix, rev);
	git_tree_free(top);
	free(prefix);
	free(content_real);
	return rc;
}

int
source_open_git(struct source *source, const char *content_dir,
    const char *rev)
{
	memset(source, 0, sizeof(*source));
	git_libgit2_init();
	source->state = xmalloc(sizeof(struct commit_source));
	memset(source->state, 0, sizeof(struct commit_source));
	if (content_open(source, content_dir, rev) == -1) {
		commit_close(source);
		source->revision[0] = '\0';
		return -1;
	}
	source->ops = &commit_ops;
	source->label = content_dir;
	return 0;
}
