/*
 * Unit tests of the git content source: a fixture repository built with
 * the git CLI (fixed authors and dates), read at two commits; entry types
 * and order, bytes, the size cap, and the errors for bad revisions,
 * absent paths and missing objects.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "load/source.h"
#include "testlib.h"

/* Two commits: the second revises plan.md and adds extra/. */
static const char fixture_script[] =
	"set -e\n"
	"git init -q -b main repo\n"
	"cd repo\n"
	"mkdir -p content/plans/x content/attic\n"
	"printf 'title: Test\\n' > content/site.yaml\n"
	"printf '# Plan one\\n' > content/plans/x/plan.md\n"
	"printf 'notes\\n' > content/plans-notes.md\n"
	"printf 'a\\000b' > content/nul.bin\n"
	"printf 'old\\n' > content/attic/old.md\n"
	"printf '#!/bin/sh\\n' > content/run.sh\n"
	"chmod +x content/run.sh\n"
	"ln -s site.yaml content/link\n"
	"printf 'readme\\n' > README\n"
	"git add -A\n"
	"git update-index --add --cacheinfo "
	    "160000,0123456789abcdef0123456789abcdef01234567,content/sub\n"
	"git commit -q -m first\n"
	"printf '# Plan one, revised\\n' > content/plans/x/plan.md\n"
	"mkdir extra\n"
	"printf 'e\\n' > extra/e.md\n"
	"git add content/plans extra\n"
	"git commit -q -m second\n"
	"mkdir fresh\n"
	"printf 'f\\n' > fresh/f.md\n";

static char tmpdir[] = "/tmp/gongkai-source-git-XXXXXX";

/* Runs a shell command in the temporary directory; returns its status. */
static int
shell(const char *fmt, ...)
{
	char cmd[4096];
	int n;
	va_list ap;

	n = snprintf(cmd, sizeof(cmd), "cd '%s' && ", tmpdir);
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof(cmd) - (size_t)n, fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* The first line a command prints, in the arena; "" if none. */
static const char *
shell_line(struct arena *arena, const char *command)
{
	char cmd[4096], line[256] = "";
	FILE *p;

	snprintf(cmd, sizeof(cmd), "cd '%s/repo' && %s", tmpdir, command);
	if ((p = popen(cmd, "r")) != NULL) {
		if (fgets(line, sizeof(line), p) == NULL)
			line[0] = '\0';
		pclose(p);
	}
	line[strcspn(line, "\n")] = '\0';
	return arena_strdup(arena, line);
}

static const char *
path_in(struct arena *arena, const char *rel)
{
	return arena_printf(arena, "%s/%s", tmpdir, rel);
}

static void
environment_pin(void)
{
	setenv("GIT_AUTHOR_NAME", "Ada Author", 1);
	setenv("GIT_AUTHOR_EMAIL", "ada@example.org", 1);
	setenv("GIT_AUTHOR_DATE", "2026-01-01T12:00:00Z", 1);
	setenv("GIT_COMMITTER_NAME", "Cy Committer", 1);
	setenv("GIT_COMMITTER_EMAIL", "cy@example.org", 1);
	setenv("GIT_COMMITTER_DATE", "2026-01-01T12:00:00Z", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	setenv("TZ", "UTC", 1);
}

/* A listing as "name:t …" with t one of f d l o; or the status. */
static const char *
listing(struct source *source, const char *dir, struct arena *arena)
{
	static const char types[] = "fdlo";
	const struct source_entry *entry;
	struct ptrvec entries = { NULL, 0, 0 };
	enum source_status status;
	const char *out = "";
	size_t i;

	status = source->ops->list(source, dir, arena, &entries);
	if (status != SOURCE_OK)
		return arena_printf(arena, "status %d", status);
	for (i = 0; i < entries.len; i++) {
		entry = entries.items[i];
		out = arena_printf(arena, "%s%s%s:%c", out, i ? " " : "",
		    entry->name, types[entry->type]);
	}
	return out;
}

/* A file's text, or "status N" when it cannot be read. */
static const char *
text(struct source *source, const char *path, struct arena *arena)
{
	enum source_status status;
	size_t len;
	char *data;

	status = source->ops->read(source, path, 1024, arena, &data, &len);
	if (status != SOURCE_OK)
		return arena_printf(arena, "status %d", status);
	return strlen(data) == len ? data : "(length differs)";
}

static void
test_older_commit(struct arena *arena)
{
	struct source source;
	const char *rev = shell_line(arena, "git rev-parse HEAD~1");

	if (source_open_git(&source, path_in(arena, "repo/content"),
	    "HEAD~1") == -1) {
		CHECK(0, "opens content at HEAD~1: %s", source.error);
		return;
	}
	CHECK_STR(source.revision, rev, "records the commit id of HEAD~1");
	CHECK_STR(listing(&source, "", arena), "attic:d link:l nul.bin:f "
	    "plans:d plans-notes.md:f run.sh:f site.yaml:f sub:o",
	    "lists the root sorted by name, with every entry type");
	CHECK_STR(listing(&source, "plans", arena), "x:d",
	    "lists a subdirectory");
	CHECK_STR(listing(&source, "plans/x/", arena), "plan.md:f",
	    "lists a subdirectory given with a trailing slash");
	CHECK_STR(text(&source, "site.yaml", arena), "title: Test\n",
	    "reads site.yaml");
	CHECK_STR(text(&source, "plans/x/plan.md", arena), "# Plan one\n",
	    "reads plan.md as it was at HEAD~1");
	CHECK_STR(text(&source, "run.sh", arena), "#!/bin/sh\n",
	    "reads an executable file");
	source_close(&source);
}

static void
test_head(struct arena *arena)
{
	struct source source;
	const char *rev = shell_line(arena, "git rev-parse HEAD");

	if (source_open_git(&source, path_in(arena, "repo/content/"),
	    "HEAD") == -1) {
		CHECK(0, "opens content at HEAD: %s", source.error);
		return;
	}
	CHECK_STR(source.revision, rev, "records the commit id of HEAD");
	CHECK_STR(source.label, path_in(arena, "repo/content/"),
	    "labels messages with the content directory");
	CHECK_STR(text(&source, "plans/x/plan.md", arena),
	    "# Plan one, revised\n", "reads plan.md as it is at HEAD");
	CHECK_STR(listing(&source, "plans/x", arena), "plan.md:f",
	    "lists the same directory at HEAD");
	source_close(&source);
}

static void
test_read_edges(struct arena *arena)
{
	struct source source;
	enum source_status status;
	size_t len = 0;
	char *data = NULL;

	if (source_open_git(&source, path_in(arena, "repo/content"),
	    "main~1") == -1) {
		CHECK(0, "opens content at main~1: %s", source.error);
		return;
	}
	status = source.ops->read(&source, "nul.bin", 3, arena, &data, &len);
	CHECK(status == SOURCE_OK && len == 3 && memcmp(data, "a\0b", 4) == 0,
	    "reads a blob holding a NUL byte whole, NUL-terminated");
	status = source.ops->read(&source, "nul.bin", 2, arena, &data, &len);
	CHECK(status == SOURCE_TOO_LARGE, "a blob over the cap is too large");
	status = source.ops->read(&source, "site.yaml", 0, arena, &data, &len);
	CHECK(status == SOURCE_TOO_LARGE,
	    "a cap of 0 refuses a non-empty blob");
	CHECK_STR(text(&source, "missing.md", arena), "status -1",
	    "reading an absent file is SOURCE_MISSING");
	CHECK_STR(text(&source, "site.yaml/x", arena), "status -1",
	    "reading below a file is SOURCE_MISSING");
	CHECK_STR(listing(&source, "nowhere", arena), "status -1",
	    "listing an absent directory is SOURCE_MISSING");
	CHECK_STR(listing(&source, "site.yaml", arena), "status -1",
	    "listing a file is SOURCE_MISSING");
	CHECK_STR(listing(&source, "link", arena), "status -1",
	    "listing a symbolic link is SOURCE_MISSING");
	CHECK_STR(text(&source, "plans", arena), "status -3",
	    "reading a directory fails");
	CHECK_STR(source.error, "plans: is a directory",
	    "with the reason");
	CHECK_STR(text(&source, "link", arena), "status -3",
	    "reading a symbolic link fails");
	CHECK_STR(text(&source, "sub", arena), "status -3",
	    "reading a submodule fails");
	CHECK_STR(source.error, "sub: is a submodule", "with the reason");
	source_close(&source);
}

static void
test_whole_work_tree(struct arena *arena)
{
	struct source source;

	if (source_open_git(&source, path_in(arena, "repo"), "HEAD") == -1) {
		CHECK(0, "opens the work tree's root at HEAD: %s",
		    source.error);
		return;
	}
	CHECK_STR(listing(&source, "", arena), "README:f content:d extra:d",
	    "the work tree's root is the source's root");
	CHECK_STR(text(&source, "content/plans/x/plan.md", arena),
	    "# Plan one, revised\n", "reads a file below it");
	source_close(&source);
}

/* Opens `dir` at `rev` expecting failure; returns the message. */
static const char *
open_error(struct arena *arena, const char *dir, const char *rev)
{
	struct source source;
	const char *message;

	if (source_open_git(&source, path_in(arena, dir), rev) == 0) {
		source_close(&source);
		return "(opened)";
	}
	message = arena_strdup(arena, source.error);
	CHECK(source.ops == NULL && source.revision[0] == '\0',
	    "a failed open leaves no source open (%s at %s)", dir, rev);
	source_close(&source);
	return message;
}

static void
test_open_errors(struct arena *arena)
{
	CHECK_STR(open_error(arena, "repo/content", "no-such-branch"),
	    "unknown revision 'no-such-branch'", "an unknown revision fails");
	CHECK_STR(open_error(arena, "repo/content", "HEAD~5"),
	    "unknown revision 'HEAD~5'", "a revision before the first fails");
	CHECK_STR(open_error(arena, "repo/extra", "HEAD~1"),
	    "'extra' does not exist at HEAD~1",
	    "a directory added later does not exist at an older commit");
	CHECK_STR(open_error(arena, "repo/fresh", "HEAD"),
	    "'fresh' does not exist at HEAD",
	    "an untracked directory does not exist at any commit");
	CHECK_STR(open_error(arena, "repo/content/plans/x/plan.md", "HEAD"),
	    "'content/plans/x/plan.md' is not a directory at HEAD",
	    "a file is not a content directory");
	CHECK_STR(open_error(arena, "outside", "HEAD"),
	    path_in(arena, "outside: not in a git repository"),
	    "a directory outside any repository fails");
	CHECK_STR(open_error(arena, "repo/nowhere", "HEAD"),
	    path_in(arena, "repo/nowhere: No such file or directory"),
	    "a directory that does not exist fails");
}

/* Removes the loose objects of content/attic and site.yaml at HEAD. */
static void
test_missing_objects(struct arena *arena)
{
	struct source source;
	const char *tree, *blob;

	tree = shell_line(arena, "git rev-parse HEAD:content/attic");
	blob = shell_line(arena, "git rev-parse HEAD:content/site.yaml");

	if (strlen(tree) != 40 || strlen(blob) != 40 ||
	    shell("cd repo/.git/objects && rm -f %.2s/%s %.2s/%s", tree,
	    tree + 2, blob, blob + 2) != 0) {
		CHECK(0, "removes two objects");
		return;
	}
	if (source_open_git(&source, path_in(arena, "repo/content"),
	    "HEAD") == -1) {
		CHECK(0, "opens content at HEAD: %s", source.error);
		return;
	}
	CHECK_STR(text(&source, "site.yaml", arena), "status -3",
	    "reading a blob that is missing fails, not SOURCE_MISSING");
	CHECK(strncmp(source.error, "site.yaml: ", 11) == 0 &&
	    strstr(source.error, blob) != NULL,
	    "with libgit2's message: %s", source.error);
	CHECK_STR(listing(&source, "attic", arena), "status -3",
	    "listing a tree that is missing fails");
	CHECK_STR(text(&source, "attic/old.md", arena), "status -3",
	    "reading below a tree that is missing fails");
	CHECK_STR(text(&source, "plans/x/plan.md", arena),
	    "# Plan one, revised\n", "other files are still read");
	source_close(&source);
}

int
main(void)
{
	struct arena arena;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	environment_pin();
	arena_init(&arena);
	if (shell("mkdir outside && (%s) >/dev/null", fixture_script) != 0)
		CHECK(0, "builds the fixture repository with git");
	else {
		test_older_commit(&arena);
		test_head(&arena);
		test_read_edges(&arena);
		test_whole_work_tree(&arena);
		test_open_errors(&arena);
		test_missing_objects(&arena);
	}
	arena_free(&arena);
	shell("cd / && rm -rf '%s'", tmpdir);
	TEST_EXIT();
}
