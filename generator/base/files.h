/* Small file-system helpers. */
#ifndef GONGKAI_FILES_H
#define GONGKAI_FILES_H

/* Creates `dir` and its missing parents; -1 when one cannot be made. */
int	 mkdir_parents(const char *dir);

#endif
