/*
 * The model stage: the one disclosure filter, then what the site derives
 * from content — task status, overdue flags, responsible units — and the
 * view models that templates render and data/ publishes.
 */
#ifndef GONGKAI_MODEL_H
#define GONGKAI_MODEL_H

#include "../base/strmap.h"
#include "../load/content.h"

struct value;
struct history;

/* A responsible unit of one plan and the tasks it leads and supports. */
struct unit {
	const char	*name;
	const char	*id;		/* stable: derived from the name */
	struct plan	*plan;
	struct ptrvec	 leads;		/* struct task * */
	struct ptrvec	 supports;	/* struct task * */
};

/* Counts of a plan's tasks by status and deadline. */
struct status_counts {
	size_t	total;
	size_t	by_status[STATUS_DELAYED + 1];
	size_t	overdue;		/* 逾期 */
	size_t	past_unreported;	/* 已过时限、暂无报告 */
};

struct model {
	struct arena		*arena;
	struct content		*content;	/* public entries only */
	struct date		 today;
	struct ptrvec		 units;		/* struct unit *, by plan */
	struct strmap		 plan_units;	/* plan id → struct ptrvec * of
						   its units, in that order */
	const struct history	*history;	/* indexed against content */
};

/*
 * Removes every non-public plan, task and report from `content` and all
 * references to them, so that nothing later can show or count them.
 */
void		 disclosure_filter(struct content *);

/* Builds the model of the filtered content for the build date. */
void		 model_build(struct model *, struct arena *, struct content *,
		    const struct date *today);

enum status	 task_status(const struct task *);
int		 task_is_overdue(const struct task *, const struct date *today);
int		 task_is_past_unreported(const struct task *,
		    const struct date *today);
void		 plan_count(const struct plan *, const struct date *today,
		    struct status_counts *);

/* Units of `plan`, in order of first mention. */
const struct ptrvec *model_plan_units(const struct model *,
		    const struct plan *);
struct unit	*model_find_unit(const struct model *, const struct plan *,
		    const char *name);

#endif
