/* list.c - the generic list: a window of rows, moved by keyset paging. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "gettext.h"
#include "list.h"
#include "text.h"

void list_init(struct list *l, const struct list_column *cols, int ncols,
               struct list_source src)
{
	memset(l, 0, sizeof *l);
	l->cols = cols;
	l->ncols = ncols < LIST_MAX_COLS ? ncols : LIST_MAX_COLS;
	l->src = src;
	l->total = -1;
}

void list_free(struct list *l)
{
	free(l->rows);
	l->rows = NULL;
	l->nrows = l->cap = 0;
}

void list_columns(struct list *l, const struct list_column *cols, int ncols)
{
	l->cols = cols;
	l->ncols = ncols < LIST_MAX_COLS ? ncols : LIST_MAX_COLS;
	list_layout(l, l->y, l->height);
}

static int list_rows_visible(const struct list *l)
{
	return l->height - 1 > 0 ? l->height - 1 : 1;
}

static bool list_reserve(struct list *l, int n)
{
	struct list_row *p;

	if (n <= l->cap)
		return true;
	p = realloc(l->rows, (size_t)n * sizeof *p);
	if (!p)
		return false;
	l->rows = p;
	l->cap = n;
	return true;
}

void list_layout(struct list *l, int y, int h)
{
	int i, base = 0, grow = 0, extra, given = 0;

	l->y = y;
	l->height = h;
	l->laid_lines = LINES;
	l->laid_cols = COLS;
	for (i = 0; i < l->ncols; i++) {
		base += l->cols[i].width + 1;
		grow += l->cols[i].grow;
	}
	extra = COLS - 1 - base;
	for (i = 0; i < l->ncols; i++) {
		int w = l->cols[i].width;

		if (extra > 0 && grow > 0) {
			int add = extra * l->cols[i].grow / grow;

			w += add;
			given += add;
		}
		l->widths[i] = w;
	}
	/* Columns lost to rounding go to the last growing column. */
	for (i = l->ncols - 1; extra > given && i >= 0; i--)
		if (l->cols[i].grow) {
			l->widths[i] += extra - given;
			break;
		}
	if (!list_reserve(l, list_rows_visible(l)))
		return;
	if (l->nrows > list_rows_visible(l)) {
		/* Keep the cursor in the smaller window. */
		int drop = l->cur - (list_rows_visible(l) - 1);

		if (drop > 0) {
			memmove(l->rows, l->rows + drop,
			        (size_t)(l->nrows - drop) * sizeof *l->rows);
			l->nrows -= drop;
			l->cur -= drop;
		}
		l->nrows = list_rows_visible(l);
	} else if (l->nrows > 0 && l->nrows < list_rows_visible(l)) {
		list_refresh(l, l->rows[l->cur].id);
	}
}

/* The total after the rows changed: now, or later when counting is lazy. */
static void list_recount(struct list *l)
{
	if (l->lazy_count) {
		l->count_pending = true;
		return;
	}
	l->total = l->src.count ? l->src.count(l->src.ctx) : -1;
}

bool list_count_now(struct list *l)
{
	int64_t n;

	if (!l->count_pending)
		return false;
	n = l->src.count ? l->src.count(l->src.ctx) : -1;
	if (n == LIST_COUNT_LATER)
		return true;
	l->count_pending = false;
	l->total = n;
	return true;
}

int list_reload_top(struct list *l)
{
	int n;

	list_recount(l);
	if (!list_reserve(l, list_rows_visible(l)))
		return -1;
	n = l->src.fetch(l->src.ctx, NULL, LIST_AFTER, list_rows_visible(l), l->rows);
	l->nrows = n > 0 ? n : 0;
	l->cur = 0;
	return n < 0 ? -1 : 0;
}

int list_refresh(struct list *l, int64_t id)
{
	struct list_row anchor;
	int n, i, want = list_rows_visible(l);

	if (l->nrows == 0)
		return list_reload_top(l);
	list_recount(l);
	anchor = l->rows[0];
	if (!list_reserve(l, want))
		return -1;
	n = l->src.fetch(l->src.ctx, &anchor, LIST_FROM, want, l->rows);
	if (n < 0)
		return -1;
	l->nrows = n;
	if (n < want) {
		/* The window ran past the end: show the last rows instead. */
		n = l->src.fetch(l->src.ctx, NULL, LIST_BEFORE, want, l->rows);
		l->nrows = n > 0 ? n : 0;
	}
	l->cur = 0;
	for (i = 0; i < l->nrows; i++)
		if (l->rows[i].id == id) {
			l->cur = i;
			break;
		}
	return 0;
}

int list_goto(struct list *l, const struct list_row *anchor)
{
	int want = list_rows_visible(l), nb, na, i;
	struct list_row *tmp;

	if (!list_reserve(l, want))
		return -1;
	tmp = malloc((size_t)want * sizeof *tmp);
	if (!tmp)
		return -1;
	list_recount(l);
	nb = l->src.fetch(l->src.ctx, anchor, LIST_BEFORE, want / 2, tmp);
	if (nb < 0)
		nb = 0;
	memcpy(l->rows, tmp, (size_t)nb * sizeof *tmp);
	na = l->src.fetch(l->src.ctx, anchor, LIST_FROM, want - nb, l->rows + nb);
	if (na < 0)
		na = 0;
	free(tmp);
	l->nrows = nb + na;
	if (l->nrows < want) {
		/* Near the end: a full window from the end, if there is one. */
		int n = l->src.fetch(l->src.ctx, NULL, LIST_BEFORE, want, l->rows);

		l->nrows = n > 0 ? n : 0;
	}
	l->cur = 0;
	for (i = 0; i < l->nrows; i++)
		if (l->rows[i].id == anchor->id) {
			l->cur = i;
			break;
		}
	return 0;
}

/* Shift the window by reading K rows past one edge. */
static int list_scroll(struct list *l, enum list_dir dir, int k)
{
	struct list_row *fresh;
	int n, want = list_rows_visible(l);

	if (l->nrows == 0 || k <= 0)
		return 0;
	fresh = malloc((size_t)k * sizeof *fresh);
	if (!fresh)
		return -1;
	n = l->src.fetch(l->src.ctx, dir == LIST_AFTER ? &l->rows[l->nrows - 1] :
	                 &l->rows[0], dir, k, fresh);
	if (n <= 0) {
		free(fresh);
		return n;
	}
	if (dir == LIST_AFTER) {
		int keep = l->nrows + n > want ? want - n : l->nrows;
		int drop = l->nrows - keep;

		if (keep < 0)
			keep = 0, drop = l->nrows;
		memmove(l->rows, l->rows + drop, (size_t)keep * sizeof *l->rows);
		memcpy(l->rows + keep, fresh + (n > want ? n - want : 0),
		       (size_t)(n > want ? want : n) * sizeof *l->rows);
		l->nrows = keep + (n > want ? want : n);
		l->cur -= drop;
	} else {
		int keep = l->nrows + n > want ? want - n : l->nrows;

		if (keep < 0)
			keep = 0;
		memmove(l->rows + n, l->rows, (size_t)keep * sizeof *l->rows);
		memcpy(l->rows, fresh, (size_t)n * sizeof *l->rows);
		l->nrows = keep + n;
		l->cur += n;
	}
	free(fresh);
	return n;
}

bool list_move(struct list *l, enum action act)
{
	int page = list_rows_visible(l), n, line;

	switch (act) {
	case ACT_UP:
		if (l->cur > 0)
			l->cur--;
		else if (list_scroll(l, LIST_BEFORE, 1) > 0)
			l->cur--;
		return true;
	case ACT_DOWN:
		if (l->cur + 1 < l->nrows)
			l->cur++;
		else if (list_scroll(l, LIST_AFTER, 1) > 0)
			l->cur++;
		return true;
	case ACT_PAGE_DOWN:
		/* The rows move by a page under a cursor that keeps its line;
		 * at the end the cursor goes to the last row. */
		line = l->cur;
		n = list_scroll(l, LIST_AFTER, page);
		l->cur = n == page ? line : l->nrows - 1;
		return true;
	case ACT_PAGE_UP:
		line = l->cur;
		n = list_scroll(l, LIST_BEFORE, page);
		l->cur = n == page ? line : 0;
		if (l->cur >= l->nrows)
			l->cur = l->nrows > 0 ? l->nrows - 1 : 0;
		return true;
	case ACT_HOME:
		list_reload_top(l);
		return true;
	case ACT_END:
		n = l->src.fetch(l->src.ctx, NULL, LIST_BEFORE, page, l->rows);
		l->nrows = n > 0 ? n : 0;
		l->cur = l->nrows > 0 ? l->nrows - 1 : 0;
		return true;
	default:
		return false;
	}
}

const struct list_row *list_current(const struct list *l)
{
	return l->nrows > 0 ? &l->rows[l->cur] : NULL;
}

void list_draw(struct list *l)
{
	int i, c, x;

	/* A resize the screen did not pass on (it came while the terminal
	 * was too small, and only the notice was shown): lay the list out
	 * again, keeping its distance from the bottom. */
	if (LINES != l->laid_lines || COLS != l->laid_cols)
		list_layout(l, l->y, l->height + LINES - l->laid_lines);

	attrset(draw_attr(ROLE_HEADER));
	draw_blank(stdscr, l->y, 0, COLS);
	for (c = 0, x = 1; c < l->ncols; c++) {
		if (l->cols[c].right)
			draw_text_right(stdscr, l->y, x, _(l->cols[c].label), l->widths[c]);
		else
			draw_text(stdscr, l->y, x, _(l->cols[c].label), l->widths[c], true);
		x += l->widths[c] + 1;
	}
	attrset(A_NORMAL);
	for (i = 0; i < list_rows_visible(l); i++) {
		int y = l->y + 1 + i;

		if (i >= l->nrows) {
			draw_blank(stdscr, y, 0, COLS);
			continue;
		}
		/* The selected row shows its first cell, with a column of
		 * margin either side, in reverse: moving the selection then
		 * rewrites a few cells of the row it leaves, not the whole
		 * row (slow links, SPEC 7). */
		attrset(i == l->cur ? draw_attr(ROLE_CURSOR) : A_NORMAL);
		draw_blank(stdscr, y, 0, 1);
		for (c = 0, x = 1; c < l->ncols; c++) {
			attrset(i == l->cur && c == 0 ? draw_attr(ROLE_CURSOR) : A_NORMAL);
			if (l->cols[c].right)
				draw_text_right(stdscr, y, x, l->rows[i].cells[c], l->widths[c]);
			else
				draw_cell(stdscr, y, x, l->rows[i].cells[c], l->widths[c]);
			attrset(A_NORMAL);
			draw_blank(stdscr, y, x + l->widths[c], 1);
			x += l->widths[c] + 1;
		}
		if (x < COLS)
			draw_blank(stdscr, y, x, COLS - x);
		attrset(A_NORMAL);
	}
}
