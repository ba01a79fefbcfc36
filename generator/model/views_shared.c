/*
 * Sub-views that many pages show, listed once per build: the site's
 * header (on every page), each task's row (on the plan page, unit pages,
 * deadlines, alignment, other tasks' implements lists, indicators), each
 * commit's members (its page, and its entries in lists of changes and
 * feeds) and each change (on task and plan pages, their feeds and the
 * site's, commit pages and the change list).
 *
 * Each is hashed once (view_shares_hash), and pages hold references to it
 * (VALUE_SHARED) that their keys hash as its digest, so that a page whose
 * key is unchanged costs no copy of these and no hashing of them.  A page
 * that is rendered builds what it refers to in its own arena: the list is
 * only read while pages are, by any number of threads.  It is kept small
 * (32 bytes an item, 4 a slot of its index), as it adds to the peak
 * memory of the build.
 */
#include <stdint.h>

#include "../history/history.h"
#include "value.h"
#include "views.h"

typedef struct value *share_fn(const struct views *, const void *object);

/* How each kind of shared sub-view is built. */
static share_fn *const share_builders[SHARE__MAX] = {
	[SHARE_SITE] = view_site_build,
	[SHARE_TASK_ROW] = view_task_row_build,
	[SHARE_COMMIT] = view_commit_ref_build,
	[SHARE_CHANGE] = view_change_build,
};

/* Finds a kind's items by their object: item numbers + 1 (0: empty). */
struct share_index {
	uint32_t	*slots;
	size_t		 mask;		/* slots - 1, a power of two less 1 */
};

/* A kind of shared sub-view: its recipe and where its items are. */
struct share_class {
	struct value_recipe		 recipe;	/* ctx: the class */
	const struct view_shares	*shares;
	share_fn			*build;
	size_t				 count;
	struct share_index		 index;
};

struct view_shares {
	const struct model	*model;
	struct share_class	 classes[SHARE__MAX];
	struct value_shared	*items;		/* NULL while counting */
	size_t			 count;
};

/*
 * Builds a shared sub-view in `arena`, as any page would: from the model
 * alone, without Markdown (which would be rendered for one page's place).
 */
static struct value *
share_build(const void *ctx, struct arena *arena, const void *object)
{
	const struct share_class *c = ctx;
	struct views v = { c->shares->model, arena, NULL, NULL,
	    c->shares };

	return c->build(&v, object);
}

/* The finaliser of MurmurHash3: addresses differ mostly in few bits. */
static size_t
share_hash(const void *object)
{
	uint64_t h = (uint64_t)(uintptr_t)object;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (size_t)h;
}

/* Makes an empty index with room for `count` items, at most half full. */
static void
index_init(struct share_index *ix, size_t count, struct arena *arena)
{
	size_t cap = 16;

	while (cap < count * 2)
		cap *= 2;
	ix->slots = arena_calloc(arena, cap, sizeof(*ix->slots));
	ix->mask = cap - 1;
}

static void
index_put(struct share_index *ix, const struct value_shared *items,
    size_t item)
{
	size_t i = share_hash(items[item].object) & ix->mask;

	while (ix->slots[i] != 0)
		i = (i + 1) & ix->mask;
	ix->slots[i] = (uint32_t)item + 1;
}

static const struct value_shared *
index_get(const struct share_index *ix, const struct value_shared *items,
    const void *object)
{
	size_t i = share_hash(object) & ix->mask;
	uint32_t n;

	while ((n = ix->slots[i]) != 0) {
		if (items[n - 1].object == object)
			return &items[n - 1];
		i = (i + 1) & ix->mask;
	}
	return NULL;
}

/*
 * Takes a sub-view to share: counts it while there is no room for it yet
 * (s->items is NULL), else adds it.
 */
static void
shares_take(struct view_shares *s, enum view_share kind, const void *object)
{
	struct share_class *c = &s->classes[kind];
	struct value_shared *item;

	if (s->items == NULL) {
		c->count++;
		s->count++;
		return;
	}
	item = &s->items[s->count];
	item->recipe = &c->recipe;
	item->object = object;
	index_put(&c->index, s->items, s->count++);
}

/* Takes each sub-view to share: the site, tasks, commits and changes. */
static void
shares_walk(struct view_shares *s)
{
	const struct history *h = s->model->history;
	const struct history_commit *hc;
	const struct change *change;
	const struct plan *plan;
	size_t i, j;

	shares_take(s, SHARE_SITE, s->model);
	for (i = 0; i < s->model->content->plans.len; i++) {
		plan = s->model->content->plans.items[i];
		for (j = 0; j < plan->tasks.len; j++)
			shares_take(s, SHARE_TASK_ROW, plan->tasks.items[j]);
	}
	for (i = 0; h != NULL && i < h->commits.len; i++) {
		hc = h->commits.items[i];
		shares_take(s, SHARE_COMMIT, hc);
		for (j = 0; j < hc->changes.len; j++) {
			change = hc->changes.items[j];
			if (change->shown)
				shares_take(s, SHARE_CHANGE, change);
		}
	}
}

/*
 * Counts the sub-views to share (there is always the site's), makes room
 * for them, then lists them.
 */
struct view_shares *
view_shares_new(const struct model *model, struct arena *arena)
{
	struct view_shares *s = arena_calloc(arena, 1, sizeof(*s));
	struct share_class *c;
	int k;

	s->model = model;
	shares_walk(s);
	for (k = 0; k < SHARE__MAX; k++) {
		c = &s->classes[k];
		c->recipe.build = share_build;
		c->recipe.ctx = c;
		c->shares = s;
		c->build = share_builders[k];
		index_init(&c->index, c->count, arena);
	}
	s->items = arena_calloc(arena, s->count, sizeof(*s->items));
	s->count = 0;
	shares_walk(s);
	return s;
}

size_t
view_shares_count(const struct view_shares *s)
{
	return s->count;
}

/*
 * The copy hashed holds no references: another thread may be hashing
 * what they would refer to.
 */
void
view_shares_hash(struct view_shares *s, size_t index,
    const struct siphash_key *key, struct arena *scratch)
{
	struct value_shared *item = &s->items[index];
	const struct share_class *c = item->recipe->ctx;
	struct views v = { s->model, scratch, NULL, NULL, NULL };

	value_shared_digest(item, c->build(&v, item->object), key);
}

struct value *
view_shared(const struct views *v, enum view_share kind, const void *object)
{
	const struct value_shared *item = NULL;

	if (v->shares != NULL)
		item = index_get(&v->shares->classes[kind].index,
		    v->shares->items, object);
	if (item == NULL)
		return share_builders[kind](v, object);
	return value_shared(v->arena, item);
}
