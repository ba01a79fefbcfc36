/*
 * gongkai: builds a public-disclosure website from a content repository.
 * main() reads like the pipeline: load content → read history → build the
 * model and view models → render → write the site atomically.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/fatal.h"
#include "base/files.h"
#include "base/jobs.h"
#include "load/content.h"
#include "history/history.h"
#include "load/source.h"
#include "model/model.h"
#include "render/site.h"
#include "write/output.h"

#define GONGKAI_VERSION	"0.1.0"

enum exit_status {
	EXIT_OK = 0,
	EXIT_CONTENT = 1,	/* the content has errors */
	EXIT_USAGE = 2,		/* usage or environment errors */
};

struct options {
	const char	*command;
	const char	*content_dir;
	const char	*out_dir;
	const char	*theme_dir;
	const char	*rev;		/* build the site as it was at REV */
	const char	*cache_dir;	/* NULL: no history cache */
	int		 require_history;
	int		 quiet;
	int		 timings;	/* print how long each stage took */
};

/* Stage timings for --timings: a wall clock read between stages. */
struct timings {
	int		 on;
	struct timespec	 last;
};

static void
timings_start(struct timings *t, int on)
{
	t->on = on;
	clock_gettime(CLOCK_MONOTONIC, &t->last);
}

static void
timings_mark(struct timings *t, const char *stage)
{
	struct timespec now;

	if (!t->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	fprintf(stderr, "gongkai: timings: %-8s %6.3f s\n", stage,
	    (double)(now.tv_sec - t->last.tv_sec) +
	    (double)(now.tv_nsec - t->last.tv_nsec) / 1e9);
	t->last = now;
}

static void
usage(FILE *f)
{
	fputs("usage: gongkai build [--content DIR] [--out DIR] [--theme DIR] "
	    "[--rev REV]\n"
	    "                    [--require-history] [--cache-dir DIR | "
	    "--no-cache] [--quiet]\n"
	    "       gongkai check [--content DIR] [--cache-dir DIR | --no-cache]\n"
	    "       gongkai --help | --version\n"
	    "\n"
	    "  build    validate content/ and write the site into --out "
	    "(default site/)\n"
	    "  check    validate only (reads the cache); writes nothing\n"
	    "\n"
	    "  --content DIR  the content directory (default content)\n"
	    "  --out DIR      where the site is written (default site)\n"
	    "  --theme DIR    a theme whose files override the default "
	    "theme's\n"
	    "  --rev REV      build the site as it was at a commit or tag "
	    "(content\n"
	    "                 and history read from git, not the work tree)\n"
	    "  --require-history  fail unless the full git history is "
	    "available\n"
	    "  --cache-dir DIR    what the next build reuses: parsed files, "
	    "history,\n"
	    "                 pages (default $GONGKAI_CACHE_DIR, else "
	    ".cache/gongkai)\n"
	    "  --no-cache     use and write no cache: parse, describe and "
	    "render all\n"
	    "  --quiet        print nothing on success\n"
	    "  --timings      print how long each stage took (stderr)\n"
	    "\n"
	    "Exit status: 0 success, 1 content errors, 2 usage or "
	    "environment errors.\n"
	    "The build date is today, or SOURCE_DATE_EPOCH when set.\n", f);
}

/* Parses the command line; returns -1 on a usage error. */
static int
options_parse(struct options *opt, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "content", required_argument, NULL, 'c' },
		{ "out", required_argument, NULL, 'o' },
		{ "theme", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "rev", required_argument, NULL, 'r' },
		{ "require-history", no_argument, NULL, 'R' },
		{ "cache-dir", required_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "timings", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opt->command = NULL;
	opt->content_dir = "content";
	opt->out_dir = "site";
	opt->theme_dir = NULL;
	opt->rev = NULL;
	opt->cache_dir = getenv("GONGKAI_CACHE_DIR");
	if (opt->cache_dir == NULL || *opt->cache_dir == '\0')
		opt->cache_dir = ".cache/gongkai";
	opt->require_history = 0;
	opt->quiet = 0;
	opt->timings = 0;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		if (c == 'h' || c == 'V') {
			opt->command = c == 'h' ? "help" : "version";
			return 0;
		}
		return -1;
	}
	if (optind >= argc)
		return -1;
	opt->command = argv[optind];
	optind++;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			opt->content_dir = optarg;
			break;
		case 'o':
			opt->out_dir = optarg;
			break;
		case 't':
			opt->theme_dir = optarg;
			break;
		case 'q':
			opt->quiet = 1;
			break;
		case 'r':
			opt->rev = optarg;
			break;
		case 'R':
			opt->require_history = 1;
			break;
		case 'C':
			opt->cache_dir = optarg;
			break;
		case 'N':
			opt->cache_dir = NULL;
			break;
		case 'T':
			opt->timings = 1;
			break;
		case 'h':
			opt->command = "help";
			return 0;
		default:
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "gongkai: unexpected argument '%s'\n",
		    argv[optind]);
		return -1;
	}
	if (strcmp(opt->command, "check") == 0 && (opt->theme_dir != NULL ||
	    opt->rev != NULL || opt->require_history))
		return -1;
	return 0;
}

/*
 * The build date: SOURCE_DATE_EPOCH when set (it must be a plain number
 * of seconds), otherwise today, both in UTC.  Returns -1 on a bad value.
 */
static int
build_date(struct date *date)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t t;
	char *end;
	long long n;

	if (epoch != NULL && *epoch != '\0') {
		errno = 0;
		n = strtoll(epoch, &end, 10);
		if (*end != '\0' || errno != 0 || n < 0 || n > 253402300799LL) {
			fprintf(stderr, "gongkai: error: SOURCE_DATE_EPOCH must "
			    "be a number of seconds, not '%s'\n", epoch);
			return -1;
		}
		t = (time_t)n;
	} else
		t = time(NULL);
	if (gmtime_r(&t, &tm) == NULL)
		return -1;
	date->year = tm.tm_year + 1900;
	date->month = tm.tm_mon + 1;
	date->day = tm.tm_mday;
	return 0;
}

/*
 * Reads the change history; returns an exit status.  Without a repository
 * the site is built without history; a shallow clone gives an incomplete
 * one, which --require-history refuses.
 */
static int
run_history(const struct options *opt, struct arena *arena,
    struct history *history)
{
	struct history_options hopt = { opt->content_dir, opt->rev,
	    opt->cache_dir, opt->quiet };

	if (history_read(history, arena, &hopt) == -1)
		return EXIT_USAGE;
	if (opt->require_history && !history->available) {
		fprintf(stderr, "gongkai: error: --require-history: %s is not "
		    "in a git repository\n", opt->content_dir);
		return EXIT_USAGE;
	}
	if (history->incomplete) {
		fprintf(stderr, "gongkai: %s: the repository is a shallow "
		    "clone, so the change history is incomplete; use a full "
		    "clone (git fetch --unshallow, or fetch-depth: 0 in CI)\n",
		    opt->require_history ? "error" : "warning");
		if (opt->require_history)
			return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int
is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * A name in the cache directory for what is kept of --content:
 * "<kind>-<hash>", the hash of the content's real path and `a`, `b`.
 * NULL without a cache directory, or when the content cannot be found.
 */
static const char *
cache_name(const struct options *opt, struct arena *arena, const char *kind,
    const char *a, const char *b)
{
	unsigned long long h;
	char *content;

	if (opt->cache_dir == NULL ||
	    (content = realpath(opt->content_dir, NULL)) == NULL)
		return NULL;
	h = name_hash((const char *[]){ content, a, b }, 3);
	free(content);
	return arena_printf(arena, "%s/%s-%016llx", opt->cache_dir, kind, h);
}

/*
 * The folder of the content cache: stamps are blob ids when the content
 * is read from git (--rev), inodes and times when from the disk.
 */
static const char *
content_cache_dir(const struct options *opt, struct arena *arena)
{
	return cache_name(opt, arena, "content", opt->rev ? "git" : "disk",
	    "");
}

/*
 * Loads and validates; returns an exit status.  The content cache is
 * used, and brought up to date when `update_cache` is set (check writes
 * nothing).
 */
static int
run_load(const struct options *opt, struct arena *arena,
    struct source *source, struct content *content, int update_cache)
{
	int rc;

	if (opt->rev != NULL ? source_open_git(source, opt->content_dir,
	    opt->rev) == -1 : source_open_directory(source, opt->content_dir)
	    == -1) {
		fprintf(stderr, "gongkai: error: cannot read the content: %s\n",
		    source->error);
		return EXIT_USAGE;
	}
	rc = content_load(content, arena, source,
	    content_cache_dir(opt, arena), update_cache);
	diag_report();
	return rc == 0 ? EXIT_OK : EXIT_CONTENT;
}

static int
run_check(const struct options *opt)
{
	struct arena arena;
	struct source source;
	struct content content;
	size_t i, tasks = 0;
	int rc;

	arena_init(&arena);
	rc = run_load(opt, &arena, &source, &content, 0);
	if (rc == EXIT_OK) {
		for (i = 0; i < content.plans.len; i++)
			tasks += ((struct plan *)content.plans.items[i])->
			    tasks.len;
		if (!opt->quiet)
			printf("gongkai: %s: %zu plans, %zu tasks, no errors\n",
			    opt->content_dir, content.plans.len, tasks);
	}
	source_close(&source);
	arena_free(&arena);
	return rc;
}

/*
 * The manifest of the site at --out built from --content, which lets the
 * next build link unchanged pages instead of writing them: in the cache
 * directory, named after the real paths of both.
 */
static const char *
pages_manifest_path(const struct options *opt, struct arena *arena)
{
	char *copy1 = xstrdup(opt->out_dir), *copy2 = xstrdup(opt->out_dir);
	char *parent = realpath(dirname(copy1), NULL);
	const char *name = NULL;

	if (parent != NULL && opt->cache_dir != NULL &&
	    mkdir_parents(opt->cache_dir) == 0)
		name = cache_name(opt, arena, "pages", parent, basename(copy2));
	free(copy1);
	free(copy2);
	free(parent);
	return name ? arena_printf(arena, "%s.manifest", name) : NULL;
}

/* Building the model, on a thread of its own while the history is read. */
struct model_job {
	struct model		*model;
	struct arena		*arena;
	struct content		*content;
	const struct date	*today;
	struct history_index	*index;
	pthread_t		 thread;
};

static void *
model_job_main(void *arg)
{
	struct model_job *job = arg;

	model_build(job->model, job->arena, job->content, job->today);
	job->index = history_index_prepare(job->arena, job->content);
	return NULL;
}

/*
 * Reads the history and builds the model; returns an exit status.  The
 * two need nothing of each other until the history is indexed, so the
 * model is built (and the public content mapped for the index) on another
 * thread meanwhile, unless GONGKAI_JOBS=1, in the build's arena; the
 * history has an arena of its own until then.
 */
static int
run_history_model(const struct options *opt, struct arena *arena,
    struct content *content, const struct date *today,
    struct history *history, struct model *model, struct timings *timings)
{
	struct model_job job = { model, arena, content, today, NULL, 0 };
	struct arena history_arena;
	int threaded, rc;

	arena_init(&history_arena);
	threaded = jobs_count(2) > 1 &&
	    pthread_create(&job.thread, NULL, model_job_main, &job) == 0;
	if (!threaded)
		model_job_main(&job);
	rc = run_history(opt, &history_arena, history);
	if (threaded)
		pthread_join(job.thread, NULL);
	arena_adopt(arena, &history_arena);
	timings_mark(timings, "history");
	if (rc != EXIT_OK)
		return rc;
	history_index(history, job.index);
	model->history = history;
	return EXIT_OK;
}

static int
run_build(const struct options *opt)
{
	struct arena arena;
	struct source source;
	struct content content;
	struct model model;
	struct history history;
	struct output output;
	const char *theme_dir = opt->theme_dir;
	struct timings timings;
	struct date today;
	int rc;

	if (build_date(&today) == -1)
		return EXIT_USAGE;
	if (opt->theme_dir != NULL && !is_directory(opt->theme_dir)) {
		fprintf(stderr, "gongkai: error: --theme %s is not a "
		    "directory\n", opt->theme_dir);
		return EXIT_USAGE;
	}
	arena_init(&arena);
	timings_start(&timings, opt->timings);
	rc = run_load(opt, &arena, &source, &content, 1);
	timings_mark(&timings, "load");
	if (rc == EXIT_OK)
		rc = run_history_model(opt, &arena, &content, &today, &history,
		    &model, &timings);
	if (rc == EXIT_OK) {
		if (theme_dir == NULL && content.site.theme != NULL)
			theme_dir = arena_printf(&arena, "%s/%s",
			    opt->content_dir, content.site.theme);
		timings_mark(&timings, "model");
	}
	if (rc == EXIT_OK && output_begin(&output, opt->out_dir,
	    pages_manifest_path(opt, &arena)) == -1)
		rc = EXIT_USAGE;
	if (rc == EXIT_OK) {
		rc = site_render(&model, &source, theme_dir, &output) == 0 ?
		    EXIT_OK : EXIT_USAGE;
		timings_mark(&timings, "render");
		if (rc == EXIT_OK)
			rc = output_commit(&output) == 0 ? EXIT_OK : EXIT_USAGE;
		else
			output_abort(&output);
		timings_mark(&timings, "write");
	}
	if (rc == EXIT_OK && !opt->quiet && content.files_cached > 0)
		printf("gongkai: content: %zu files read (%zu parsed, %zu "
		    "from the cache)\n",
		    content.files_parsed + content.files_cached,
		    content.files_parsed, content.files_cached);
	if (rc == EXIT_OK && !opt->quiet && history.available)
		printf("gongkai: history: %zu commits read (%zu described, "
		    "%zu from the cache), %zu with public changes\n",
		    history.computed + history.cached, history.computed,
		    history.cached, history.commits.len);
	if (rc == EXIT_OK && !opt->quiet && output.reused > 0)
		printf("gongkai: wrote %zu pages and %zu files to %s (%zu "
		    "unchanged since the last build, reused)\n", output.pages,
		    output.files, opt->out_dir, output.reused);
	else if (rc == EXIT_OK && !opt->quiet)
		printf("gongkai: wrote %zu pages and %zu files to %s\n",
		    output.pages, output.files, opt->out_dir);
	source_close(&source);
	arena_free(&arena);
	return rc;
}

int
main(int argc, char **argv)
{
	struct options opt;

	if (options_parse(&opt, argc, argv) == -1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(opt.command, "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(opt.command, "version") == 0) {
		printf("gongkai %s\n", GONGKAI_VERSION);
		return EXIT_OK;
	}
	if (strcmp(opt.command, "check") == 0)
		return run_check(&opt);
	if (strcmp(opt.command, "build") == 0)
		return run_build(&opt);
	fprintf(stderr, "gongkai: unknown command '%s'\n", opt.command);
	usage(stderr);
	return EXIT_USAGE;
}
