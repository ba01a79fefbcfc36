/*
 * Diagnostics: every message has a severity and a position, printed as
 * `path:line:col: error: message`.  Messages are collected during a run
 * and reported together; the exit status follows the worst level seen.
 */
#ifndef GONGKAI_DIAG_H
#define GONGKAI_DIAG_H

#include <stddef.h>

/* A position in a content file; line and column are 0-based inside. */
struct pos {
	const char	*path;		/* relative to the content root */
	size_t		 line;
	size_t		 col;
};

enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR,
};

void	 diag_error(const struct pos *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 diag_warning(const struct pos *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
size_t	 diag_error_count(void);
/* Errors and warnings raised on this thread so far, quiet ones too. */
size_t	 diag_thread_count(void);
void	 diag_report(void);	/* prints collected messages, sorted */
void	 diag_reset(void);
/*
 * Quiet parsing, for text that may fail without it being an error of this
 * run (an old revision from git): while the calling thread is quiet, its
 * messages are dropped.  Calls nest.
 */
void	 diag_quiet(int on);

#endif
