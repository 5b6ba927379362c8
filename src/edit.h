/* edit.h - a line of text being edited: UTF-8 buffer and cursor. */
#ifndef ZHIBU_EDIT_H
#define ZHIBU_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "keys.h"

struct edit {
	char *buf;              /* UTF-8, NUL-terminated, owned by the caller */
	size_t size;            /* its size in bytes */
	size_t cur;             /* cursor: a byte offset at a character start */
	int maxchars;           /* characters allowed (0: only the size limits) */
	bool multiline;         /* Ctrl-O inserts a line break */
};

/* Start editing BUF (size SIZE) with the cursor at its end. */
void edit_init(struct edit *e, char *buf, size_t size, int maxchars);

/* Apply an editing action; true if it was one (the text or cursor changed
 * or could have). */
bool edit_action(struct edit *e, enum action act);

/* Insert the character CP at the cursor; false if it does not fit. */
bool edit_insert(struct edit *e, uint32_t cp);

/* Draw the text at (Y, X) in COLS columns, scrolled so that the cursor is
 * visible; returns the cursor's screen column. */
int edit_draw(const struct edit *e, WINDOW *w, int y, int x, int cols);

#endif
