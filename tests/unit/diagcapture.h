/* Test helper: what diag_report() prints, captured from stderr. */
#ifndef GONGKAI_DIAGCAPTURE_H
#define GONGKAI_DIAGCAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/diag.h"

/*
 * Runs diag_report() with stderr sent to a temporary file; returns what
 * it printed (malloc'd, "" when nothing), or NULL.  Resets the messages.
 */
static inline char *
diag_capture(void)
{
	FILE *tmp = tmpfile();
	int saved;
	long size;
	char *text;

	if (tmp == NULL)
		return NULL;
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fileno(tmp), STDERR_FILENO);
	diag_report();
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	size = ftell(tmp);
	rewind(tmp);
	text = calloc(1, (size_t)size + 1);
	if (text != NULL && fread(text, 1, (size_t)size, tmp) != (size_t)size) {
		free(text);
		text = NULL;
	}
	fclose(tmp);
	return text;
}

#endif
