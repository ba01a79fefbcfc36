/*
 * Reading the history: open the repository holding the content, walk its
 * commits once from the tip, compare each with its parents, and describe
 * every public change.  Commits already described are read from the cache.
 */
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/fatal.h"
#include "../base/jobs.h"
#include "../base/strmap.h"
#include "../base/utf8.h"
#include "cache.h"
#include "internal.h"

struct walk {
	git_repository		*repo;
	git_mailmap		*mailmap;
	struct history		*history;
	struct arena		*arena;
	const char		*prefix;	/* content dir in the repository */
	struct history_cache	*cache;
	struct ptrvec		 order;		/* every commit, newest first */
	struct ptrvec		 raws;		/* the struct commit_raw * of each */
	struct ptrvec		 pending;	/* those to describe */
};

static void
walk_git_error(const char *what)
{
	const git_error *e = git_error_last();

	fprintf(stderr, "gongkai: error: %s: %s\n", what, e && e->message ?
	    e->message : "unknown libgit2 error");
}

/* Replaces invalid UTF-8 with U+FFFD, so any message or name is text. */
static const char *
clean_text(struct arena *arena, const char *s)
{
	size_t len = strlen(s), bad, done = 0;
	char *out, *p;

	if (utf8_validate(s, len, &bad))
		return arena_strdup(arena, s);
	p = out = arena_alloc(arena, len * 3 + 1);
	while (done < len) {
		if (utf8_validate(s + done, len - done, &bad))
			bad = len - done;
		memcpy(p, s + done, bad);
		p += bad;
		done += bad;
		if (done < len) {
			p = stpcpy(p, "\xef\xbf\xbd");
			done++;
		}
	}
	*p = '\0';
	return out;
}

static const char *
first_line(struct arena *arena, const char *message)
{
	const char *nl = strchr(message, '\n');

	return nl ? arena_strndup(arena, message, (size_t)(nl - message)) :
	    message;
}

/*
 * Formats the commit's own local time once, for every page that shows it:
 * "2024-06-30T14:05:00+08:00", "2024-06-30 14:05 +08:00", "2024-06-30".
 * A time gmtime cannot break down shows as the epoch.
 */
static void
commit_format_times(struct history_commit *hc)
{
	time_t local = (time_t)(hc->time + (int64_t)hc->offset * 60);
	int off = hc->offset < 0 ? -hc->offset : hc->offset;
	char sign = hc->offset < 0 ? '-' : '+';
	struct tm tm;

	if (gmtime_r(&local, &tm) == NULL) {
		local = 0;
		gmtime_r(&local, &tm);
	}
	snprintf(hc->date_rfc3339, sizeof(hc->date_rfc3339),
	    "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign,
	    off / 60, off % 60);
	snprintf(hc->date_text, sizeof(hc->date_text),
	    "%04d-%02d-%02d %02d:%02d %c%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, sign, off / 60,
	    off % 60);
	snprintf(hc->day, sizeof(hc->day), "%04d-%02d-%02d",
	    (tm.tm_year + 1900) % 10000, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * What the walk takes from a commit object, copied into the arena; -1 when
 * the commit has no author.
 */
static int
commit_raw_of(struct arena *arena, git_commit *commit, struct commit_raw *raw)
{
	const git_signature *author = git_commit_author(commit);
	const char *message = git_commit_message(commit);

	if (author == NULL)
		return -1;
	raw->parents = git_commit_parentcount(commit);
	raw->time = author->when.time;
	raw->offset = author->when.offset;
	raw->author_name = arena_strdup(arena, author->name);
	raw->author_email = arena_strdup(arena, author->email);
	raw->message = arena_strdup(arena, message ? message : "");
	return 0;
}

/*
 * Fills a commit record's metadata: author after .mailmap, message.
 * The author is resolved by name and e-mail, not as a new signature:
 * libgit2 refuses to make one from a name with angle brackets, which a
 * commit written by other tools may carry.
 */
static int
walk_commit_meta(struct walk *w, const struct commit_raw *raw,
    struct history_commit *hc)
{
	const char *name, *email;

	if (git_mailmap_resolve(&name, &email, w->mailmap, raw->author_name,
	    raw->author_email) != 0)
		return -1;
	hc->author = clean_text(w->arena, name);
	hc->time = raw->time;
	hc->offset = raw->offset;
	commit_format_times(hc);
	hc->message = clean_text(w->arena, raw->message);
	while (*hc->message == '\n')
		hc->message++;
	hc->subject = first_line(w->arena, hc->message);
	hc->is_merge = raw->parents > 1;
	return 0;
}

/*
 * What describing commits needs; one per thread, each with its own
 * repository handle (libgit2 objects are not shared between threads).
 */
struct describer {
	git_repository		*repo;
	struct revisions	*revisions;
	struct arena		*arena;		/* where changes are kept */
	struct arena		 scratch;	/* one commit's parsing */
	const char		*prefix;
};

/*
 * Describes the deltas of one commit into its public changes.  Returns -1
 * with libgit2's error, or -2 when a blob could not be read (reported).
 */
static int
walk_describe(struct describer *w, git_commit *commit,
    struct history_commit *hc)
{
	struct ptrvec deltas = { NULL, 0, 0 };
	git_tree *old_tree = NULL, *new_tree;
	git_commit *parent;
	struct change *change;
	size_t i;

	if (treediff_commit(w->repo, commit, w->prefix, &w->scratch,
	    &deltas) == -1)
		return -1;
	new_tree = treediff_subtree(w->repo, commit, w->prefix);
	if (git_commit_parentcount(commit) > 0 &&
	    git_commit_parent(&parent, commit, 0) == 0) {
		old_tree = treediff_subtree(w->repo, parent, w->prefix);
		git_commit_free(parent);
	}
	revisions_begin_commit(w->revisions, &w->scratch, old_tree, new_tree);
	for (i = 0; i < deltas.len; i++) {
		change = describe_delta(w->revisions, w->arena, &w->scratch,
		    deltas.items[i], old_tree, new_tree);
		if (change != NULL)	/* its commit is set in walk_finish */
			ptrvec_push(w->arena, &hc->changes, change);
	}
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	return revisions_failed(w->revisions) ? -2 : 0;
}

/* True when a parent of `commit` is missing: the edge of a shallow clone. */
static int
commit_at_shallow_edge(git_commit *commit)
{
	unsigned int i, n = git_commit_parentcount(commit);
	git_commit *parent;

	for (i = 0; i < n; i++) {
		if (git_commit_parent(&parent, commit, i) != 0)
			return 1;
		git_commit_free(parent);
	}
	return 0;
}

/*
 * Adds a commit to the walk: its metadata, and its changes when the cache
 * has them (`cached`); the others wait in `pending` to be described.
 * Returns -1 when its author cannot be resolved.
 */
static int
walk_add(struct walk *w, const char *id, const struct commit_raw *raw,
    const struct cached_commit *cached)
{
	struct history_commit *hc = arena_calloc(w->arena, 1, sizeof(*hc));

	memcpy(hc->id, id, sizeof(hc->id) - 1);
	memcpy(hc->short_id, hc->id, 7);
	if (walk_commit_meta(w, raw, hc) == -1) {
		walk_git_error("cannot read a commit's author");
		return -1;
	}
	if (cached != NULL) {
		hc->changes = cached->changes;
		w->history->cached++;
	} else {
		hc->pending = 1;
		ptrvec_push(w->arena, &w->pending, hc);
	}
	ptrvec_push(w->arena, &w->order, hc);
	ptrvec_push(w->arena, &w->raws, (void *)raw);
	return 0;
}

/*
 * Takes one commit of the walk.  A commit the cache has is not read again
 * (the walk has read it), except in a shallow clone, where its parents
 * tell whether it lies at the edge.  Returns -1 on a read error.
 */
static int
walk_one(struct walk *w, const git_oid *id)
{
	const struct cached_commit *cached;
	struct commit_raw *raw = NULL;
	git_commit *commit = NULL;
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	cached = history_cache_find(w->cache, hex);
	if ((cached == NULL || w->history->incomplete) &&
	    git_commit_lookup(&commit, w->repo, id) != 0) {
		walk_git_error("cannot read a commit");
		return -1;
	}
	if (w->history->incomplete && commit_at_shallow_edge(commit)) {
		git_commit_free(commit);
		return 0;
	}
	if (cached == NULL) {
		raw = arena_calloc(w->arena, 1, sizeof(*raw));
		if (commit_raw_of(w->arena, commit, raw) == -1) {
			git_commit_free(commit);
			walk_git_error("cannot read a commit's author");
			return -1;
		}
	}
	git_commit_free(commit);
	return walk_add(w, hex, cached ? &cached->raw : raw, cached);
}

/* Takes the commits of a cached walk, in its order. */
static int
walk_cached(struct walk *w, const struct ptrvec *cached)
{
	const struct cached_commit *cc;
	size_t i;

	for (i = 0; i < cached->len; i++) {
		cc = cached->items[i];
		if (walk_add(w, cc->id, &cc->raw, cc) == -1)
			return -1;
	}
	return 0;
}

/*
 * Pending commits are handed out in runs of this many consecutive ones,
 * in walk order: next to each other they share the trees above the
 * folders they change (the plans folder, a plan's folders), which the
 * thread then finds in its object cache.  Taken commit after commit in
 * turn, the threads read nearly all of them twice.
 */
#define DESCRIBE_RUN	8

/* A thread describing runs of pending commits until none is left. */
struct describe_job {
	struct describer	 d;
	struct arena		 arena;
	const struct ptrvec	*pending;
	atomic_size_t		*next;		/* the next run to take */
	int			 rc;
	char			 error[256];	/* libgit2's, from this thread */
	pthread_t		 thread;
};

/* Keeps libgit2's last error, which is per thread, for the job. */
static void
describe_job_error(struct describe_job *job)
{
	snprintf(job->error, sizeof(job->error), "%s",
	    git_error_last() && git_error_last()->message ?
	    git_error_last()->message : "unknown libgit2 error");
}

static void *
describe_job_main(void *arg)
{
	struct describe_job *job = arg;
	struct history_commit *hc;
	git_commit *commit;
	git_oid id;
	size_t k = 0, end = 0;

	for (;;) {
		if (k == end) {
			k = atomic_fetch_add(job->next, DESCRIBE_RUN);
			end = k + DESCRIBE_RUN;
		}
		if (k >= job->pending->len || job->rc != 0)
			break;
		hc = job->pending->items[k++];
		arena_reset(&job->d.scratch);
		if (git_oid_fromstr(&id, hc->id) != 0 ||
		    git_commit_lookup(&commit, job->d.repo, &id) != 0)
			job->rc = -1;
		else {
			job->rc = walk_describe(&job->d, commit, hc);
			git_commit_free(commit);
		}
	}
	if (job->rc == -1 && job->error[0] == '\0')
		describe_job_error(job);
	return NULL;
}

/*
 * Describes the pending commits on several threads, each with its own
 * repository handle and revisions; their changes are then adopted into
 * the history's arena.  Returns -1 after printing what failed.
 */
static int
walk_describe_pending(struct walk *w)
{
	size_t jobs = jobs_count((w->pending.len + DESCRIBE_RUN - 1) /
	    DESCRIBE_RUN), i;
	struct describe_job *job = xmalloc(jobs * sizeof(*job));
	atomic_size_t next = 0;
	int rc = 0;

	for (i = 0; i < jobs; i++) {
		memset(&job[i], 0, sizeof(job[i]));
		arena_init(&job[i].arena);
		arena_init(&job[i].d.scratch);
		job[i].d.arena = &job[i].arena;
		job[i].d.prefix = w->prefix;
		job[i].pending = &w->pending;
		job[i].next = &next;
		if (git_repository_open(&job[i].d.repo,
		    git_repository_path(w->repo)) != 0) {
			job[i].rc = -1;
			describe_job_error(&job[i]);	/* this thread's */
		} else
			job[i].d.revisions = revisions_new(job[i].d.repo);
	}
	if (jobs == 1)
		describe_job_main(&job[0]);
	else {
		for (i = 0; i < jobs; i++)
			if (pthread_create(&job[i].thread, NULL,
			    describe_job_main, &job[i]) != 0)
				fatal_oom();
		for (i = 0; i < jobs; i++)
			pthread_join(job[i].thread, NULL);
	}
	for (i = 0; i < jobs; i++) {
		if (job[i].rc == -1 && rc == 0)
			fprintf(stderr, "gongkai: error: cannot compare a commit "
			    "with its parent: %s\n", job[i].error);
		if (job[i].rc != 0)
			rc = -1;
		revisions_free(job[i].d.revisions);
		git_repository_free(job[i].d.repo);
		arena_free(&job[i].d.scratch);
		arena_adopt(w->arena, &job[i].arena);
	}
	free(job);
	return rc;
}

/*
 * Describes what the cache did not have, then keeps, newest first, the
 * commits that changed something public, and caches every commit.
 */
static int
walk_finish(struct walk *w)
{
	struct history_commit *hc;
	size_t i, j;

	if (w->pending.len > 0 && walk_describe_pending(w) == -1)
		return -1;
	w->history->computed = w->pending.len;
	for (i = 0; i < w->order.len; i++) {
		hc = w->order.items[i];
		for (j = 0; j < hc->changes.len; j++)
			((struct change *)hc->changes.items[j])->commit = hc;
		if (hc->changes.len > 0)
			ptrvec_push(w->arena, &w->history->commits, hc);
	}
	history_cache_save(w->cache, &w->order, &w->raws,
	    !w->history->incomplete);
	return 0;
}

/*
 * The walk from a tip the cache was written at, or from a commit whose
 * only parent it was written at: the cached walk's order, after the new
 * commit.  (libgit2's topological walk sorted by time emits a tip with
 * one parent first, then exactly the walk from that parent.)  Returns 1
 * when the cache does not allow it.
 */
static int
walk_from_cache(struct walk *w, const git_oid *tip)
{
	const struct ptrvec *cached;
	git_commit *commit;
	int rc;

	if (w->history->incomplete)
		return 1;
	if ((cached = history_cache_walk_at(w->cache, tip)) != NULL)
		return walk_cached(w, cached) == -1 ? -1 : 0;
	if (git_commit_lookup(&commit, w->repo, tip) != 0)
		return 1;	/* the walk will report it */
	cached = git_commit_parentcount(commit) != 1 ? NULL :
	    history_cache_walk_at(w->cache, git_commit_parent_id(commit, 0));
	git_commit_free(commit);
	if (cached == NULL)
		return 1;
	if ((rc = walk_one(w, tip)) == 0)
		rc = walk_cached(w, cached);
	return rc;
}

/* The walk itself: topological, newest first, from `tip`. */
static int
walk_all(struct walk *w, const git_oid *tip)
{
	git_revwalk *walker = NULL;
	git_oid id;
	int rc, status = 0;

	if (git_revwalk_new(&walker, w->repo) != 0 ||
	    git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME)
	    != 0 || git_revwalk_push(walker, tip) != 0) {
		walk_git_error("cannot walk the history");
		git_revwalk_free(walker);
		return -1;
	}
	while ((rc = git_revwalk_next(&id, walker)) == 0)
		if ((status = walk_one(w, &id)) == -1)
			break;
	if (status == 0 && rc != GIT_ITEROVER) {
		walk_git_error("cannot walk the history");
		status = -1;
	}
	git_revwalk_free(walker);
	return status;
}

/*
 * Shallow clones: libgit2 1.5's revwalk fails at the first missing parent,
 * so the commits present are walked by hand — collected from the tip, then
 * ordered children before parents, newest first among those ready (what
 * GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME gives).
 */
struct shallow_node {
	git_oid		 id;
	int64_t		 time;
	size_t		 children;	/* not yet emitted */
	size_t		*parents;	/* indices of those the clone holds */
	size_t		 nparents;
	int		 done;
};

struct shallow_walk {
	struct arena		 arena;		/* the collection's, not scratch */
	struct strmap		 index;		/* hex id → node index + 1 */
	struct shallow_node	*nodes;
	size_t			 len;
	size_t			 cap;
};

/* Adds a commit present in the repository; returns its index, or -1. */
static long
shallow_add(struct walk *w, struct shallow_walk *sw, const git_oid *id,
    struct ptrvec *todo)
{
	char hex[41];
	git_commit *commit;
	void *found;

	git_oid_tostr(hex, sizeof(hex), id);
	if ((found = strmap_get(&sw->index, hex)) != NULL)
		return (long)((uintptr_t)found - 1);
	if (git_commit_lookup(&commit, w->repo, id) != 0)
		return -1;	/* beyond the edge of the clone */
	if (sw->len == sw->cap) {
		sw->cap = sw->cap ? sw->cap * 2 : 64;
		sw->nodes = xrealloc(sw->nodes, sw->cap * sizeof(*sw->nodes));
	}
	memset(&sw->nodes[sw->len], 0, sizeof(sw->nodes[0]));
	git_oid_cpy(&sw->nodes[sw->len].id, id);
	sw->nodes[sw->len].time = git_commit_time(commit);
	git_commit_free(commit);
	strmap_put(&sw->index, arena_strdup(&sw->arena, hex),
	    (void *)(uintptr_t)(sw->len + 1));
	ptrvec_push(&sw->arena, todo, (void *)(uintptr_t)sw->len);
	return (long)sw->len++;
}

/* Collects every commit reachable from `tip` that the clone holds. */
static int
shallow_collect(struct walk *w, struct shallow_walk *sw, const git_oid *tip)
{
	struct ptrvec todo = { NULL, 0, 0 };
	git_commit *commit;
	unsigned int i, n;
	size_t at;
	long p;

	if (shallow_add(w, sw, tip, &todo) == -1)
		return -1;
	while (todo.len > 0) {
		at = (uintptr_t)todo.items[--todo.len];
		if (git_commit_lookup(&commit, w->repo, &sw->nodes[at].id) != 0)
			return -1;
		n = git_commit_parentcount(commit);
		sw->nodes[at].parents = arena_alloc(&sw->arena,
		    (n + 1) * sizeof(size_t));
		for (i = 0; i < n; i++) {
			p = shallow_add(w, sw, git_commit_parent_id(commit, i),
			    &todo);
			if (p >= 0) {
				sw->nodes[at].parents[sw->nodes[at].nparents++] =
				    (size_t)p;
				sw->nodes[p].children++;
			}
		}
		git_commit_free(commit);
	}
	return 0;
}

static int
walk_shallow(struct walk *w, const git_oid *tip)
{
	struct shallow_walk sw;
	struct shallow_node *node;
	size_t emitted, i, best;
	int rc = 0;

	memset(&sw, 0, sizeof(sw));
	arena_init(&sw.arena);
	strmap_init(&sw.index, &sw.arena);
	if (shallow_collect(w, &sw, tip) == -1) {
		walk_git_error("cannot walk the history");
		free(sw.nodes);
		arena_free(&sw.arena);
		return -1;
	}
	for (emitted = 0; emitted < sw.len && rc == 0; emitted++) {
		best = sw.len;
		for (i = 0; i < sw.len; i++)
			if (!sw.nodes[i].done && sw.nodes[i].children == 0 &&
			    (best == sw.len || sw.nodes[i].time >
			    sw.nodes[best].time))
				best = i;
		if (best == sw.len)
			break;
		node = &sw.nodes[best];
		node->done = 1;
		for (i = 0; i < node->nparents; i++)
			sw.nodes[node->parents[i]].children--;
		rc = walk_one(w, &node->id);
	}
	free(sw.nodes);
	arena_free(&sw.arena);
	return rc;
}

/* The content directory's path inside the work tree, "" for its root. */
static const char *
walk_prefix(struct arena *arena, git_repository *repo, const char *dir)
{
	const char *workdir = git_repository_workdir(repo);
	char real_dir[PATH_MAX], real_work[PATH_MAX];
	size_t n;

	if (workdir == NULL || realpath(dir, real_dir) == NULL ||
	    realpath(workdir, real_work) == NULL)
		return NULL;
	n = strlen(real_work);
	if (strncmp(real_dir, real_work, n) != 0 ||
	    (real_dir[n] != '/' && real_dir[n] != '\0'))
		return NULL;
	return arena_strdup(arena, real_dir[n] ? real_dir + n + 1 : "");
}

static int
walk_open(struct walk *w, const struct history_options *opt)
{
	int rc;

	git_libgit2_init();
	/* Trees are read again commit after commit; blobs only once. */
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)(8 << 20));
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB,
	    (size_t)0);
	rc = git_repository_open_ext(&w->repo, opt->content_dir, 0, NULL);
	if (rc == GIT_ENOTFOUND) {
		if (!opt->quiet)
			fprintf(stderr, "gongkai: note: %s is not in a git "
			    "repository; building without change history\n",
			    opt->content_dir);
		return 1;
	}
	if (rc != 0) {
		walk_git_error("cannot open the git repository");
		return -1;
	}
	w->prefix = walk_prefix(w->arena, w->repo, opt->content_dir);
	if (w->prefix == NULL) {
		fprintf(stderr, "gongkai: error: cannot place %s in its git "
		    "work tree\n", opt->content_dir);
		return -1;
	}
	return 0;
}

/* Whether the tip commit has the content directory at all. */
static int
walk_tracked(struct walk *w, const git_oid *tip)
{
	git_commit *commit;
	git_tree *tree;

	if (git_commit_lookup(&commit, w->repo, tip) != 0)
		return 1;	/* the walk will report it */
	tree = treediff_subtree(w->repo, commit, w->prefix);
	git_commit_free(commit);
	git_tree_free(tree);
	return tree != NULL;
}

/* Resolves the revision to walk from; 1 for an unborn HEAD. */
static int
walk_tip(struct walk *w, const char *rev, git_oid *tip)
{
	git_object *object = NULL, *peeled = NULL;
	int rc;

	rc = git_revparse_single(&object, w->repo, rev ? rev : "HEAD");
	if (rc == GIT_ENOTFOUND && rev == NULL)
		return 1;
	if (rc != 0 || git_object_peel(&peeled, object, GIT_OBJECT_COMMIT)
	    != 0) {
		fprintf(stderr, "gongkai: error: unknown revision '%s'\n",
		    rev ? rev : "HEAD");
		git_object_free(object);
		return -1;
	}
	git_oid_cpy(tip, git_object_id(peeled));
	git_object_free(peeled);
	git_object_free(object);
	return 0;
}

int
history_read(struct history *history, struct arena *arena,
    const struct history_options *opt)
{
	struct walk w;
	git_oid tip;
	char tip_hex[41];
	int rc;

	memset(history, 0, sizeof(*history));
	memset(&w, 0, sizeof(w));
	w.history = history;
	w.arena = arena;
	if ((rc = walk_open(&w, opt)) != 0) {
		git_repository_free(w.repo);
		return rc == 1 ? 0 : -1;
	}
	history->available = 1;
	history->incomplete = git_repository_is_shallow(w.repo) == 1;
	if ((rc = walk_tip(&w, opt->rev, &tip)) != 0) {
		git_repository_free(w.repo);
		return rc == 1 ? 0 : -1;
	}
	if (!walk_tracked(&w, &tip)) {
		if (!opt->quiet)
			fprintf(stderr, "gongkai: note: %s is not tracked in "
			    "its git repository; building without change "
			    "history\n", opt->content_dir);
		history->available = 0;
		git_repository_free(w.repo);
		return 0;
	}
	git_oid_tostr(tip_hex, sizeof(tip_hex), &tip);
	history->head = arena_strdup(arena, tip_hex);
	git_mailmap_from_repository(&w.mailmap, w.repo);
	w.cache = history_cache_open(opt->cache_dir, w.repo, &tip, w.prefix,
	    arena);
	if ((rc = walk_from_cache(&w, &tip)) == 1)
		rc = history->incomplete ? walk_shallow(&w, &tip) :
		    walk_all(&w, &tip);
	if (rc == 0)
		rc = walk_finish(&w);
	history_cache_close(w.cache);
	git_mailmap_free(w.mailmap);
	git_repository_free(w.repo);
	return rc;
}
