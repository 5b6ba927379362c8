/* list.h - a list of records read a window at a time (keyset paging).
 *
 * The list never holds more rows than the screen shows: moving past an
 * edge asks the source for the next rows after (or before) the row at that
 * edge, by its sort key.  A screen supplies the columns and the source.
 */
#ifndef ZHIBU_LIST_H
#define ZHIBU_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "keys.h"

#define LIST_MAX_COLS 8
#define LIST_CELL 128           /* bytes of one cell's text */
#define LIST_KEY 800            /* bytes of a row's sort key (COLLATE_KEY_SIZE) */

struct list_column {
	const char *label;      /* message id */
	int width;              /* columns on an 80-column terminal */
	bool right;             /* align right (numbers) */
	int grow;               /* share of the columns a wider terminal adds */
};

struct list_row {
	int64_t id;
	char key[LIST_KEY];     /* sort key; with id it orders the rows */
	char cells[LIST_MAX_COLS][LIST_CELL];
};

enum list_dir {
	LIST_AFTER = 1,         /* rows after the anchor */
	LIST_BEFORE = -1,       /* rows before the anchor, nearest last */
	LIST_FROM = 0,          /* the anchor itself and the rows after it */
};

struct list_source {
	/* Fill up to N rows next to ANCHOR (NULL: from the first row for
	 * LIST_AFTER/LIST_FROM, up to the last for LIST_BEFORE), always in
	 * display order.  Returns how many, or -1 on error. */
	int (*fetch)(void *ctx, const struct list_row *anchor, enum list_dir dir,
	             int n, struct list_row *rows);
	/* How many rows there are in all (shown in the header); -1 on error. */
	int64_t (*count)(void *ctx);
	void *ctx;
};

struct list {
	const struct list_column *cols;
	int ncols;
	struct list_source src;
	struct list_row *rows;  /* the window shown */
	int nrows, cap;
	int cur;                /* the selected row in rows[] */
	int64_t total;          /* -1 while not counted yet */
	bool lazy_count;        /* count only when list_count_now is called */
	bool count_pending;
	int y, height;          /* where the rows go (below the header) */
	int laid_lines, laid_cols;      /* the terminal's size at list_layout */
	int widths[LIST_MAX_COLS];
};

/* Set up L with its columns and source (no rows read yet). */
void list_init(struct list *l, const struct list_column *cols, int ncols,
               struct list_source src);
void list_free(struct list *l);

/* Show COLS (NCOLS of them) instead (another sort order shows its key);
 * the widths follow at once, the cells with the next rows read. */
void list_columns(struct list *l, const struct list_column *cols, int ncols);

/* Place the list's header at line Y with H lines in all (header included),
 * and compute column widths for the terminal's width.  Keeps the rows
 * (reads more if the window grew).  list_draw calls it again itself if
 * the terminal's size changed since, the list keeping its distance from
 * the bottom line. */
void list_layout(struct list *l, int y, int h);

/* Read the first window again (after a search or sort change). */
int list_reload_top(struct list *l);

/* Read the window again starting at its first row (after an edit), and
 * put the cursor on the row with key ID if it is shown. */
int list_refresh(struct list *l, int64_t id);

/* Show the row ANCHOR (key and id) near the middle of the window with the
 * cursor on it (after adding a record, say). */
int list_goto(struct list *l, const struct list_row *anchor);

/* Count the rows if a lazy count is pending (call it when the user
 * pauses: counting a large filtered list costs a scan).  True if it did.
 * A source's count may return LIST_COUNT_LATER (a key came first): the
 * count stays pending. */
#define LIST_COUNT_LATER (-2)
bool list_count_now(struct list *l);

/* Move per a list action (up, down, pages, home, end); true if handled. */
bool list_move(struct list *l, enum action act);

/* The selected row, or NULL when the list is empty. */
const struct list_row *list_current(const struct list *l);

/* Draw the header and the rows. */
void list_draw(struct list *l);

#endif
