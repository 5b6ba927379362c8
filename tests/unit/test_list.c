/* test_list.c - the list widget's window over a source (keyset paging). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "list.h"
#include "tap.h"

/* A fake source: rows with keys k00000.. and ids 1..n, in a sorted array;
 * it counts what it is asked for, to show the list never reads it all. */
struct fake {
	int n;
	int removed;            /* an id taken out of the source, or 0 */
	int rows_read;
};

static int fake_index(struct fake *f, const struct list_row *anchor)
{
	int i;

	/* The first row whose key is >= the anchor's. */
	for (i = 0; i < f->n; i++) {
		char key[16];

		snprintf(key, sizeof key, "k%05d", i);
		if (strcmp(key, anchor->key) >= 0)
			return i;
	}
	return f->n;
}

static void fake_row(int i, struct list_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = i + 1;
	snprintf(r->key, sizeof r->key, "k%05d", i);
	snprintf(r->cells[0], LIST_CELL, "row %d", i);
}

static int fake_fetch(void *ctx, const struct list_row *anchor, enum list_dir dir,
                      int n, struct list_row *rows)
{
	struct fake *f = ctx;
	int got = 0, i, start, step;

	if (dir == LIST_BEFORE) {
		start = anchor ? fake_index(f, anchor) - 1 : f->n - 1;
		step = -1;
	} else {
		start = anchor ? fake_index(f, anchor) : 0;
		if (anchor && dir == LIST_AFTER && start < f->n &&
		    strcmp(anchor->key, "") != 0) {
			char key[16];

			snprintf(key, sizeof key, "k%05d", start);
			if (strcmp(key, anchor->key) == 0)
				start++;
		}
		step = 1;
	}
	for (i = start; i >= 0 && i < f->n && got < n; i += step) {
		if (i + 1 == f->removed)
			continue;
		fake_row(i, &rows[got++]);
	}
	f->rows_read += got;
	if (dir == LIST_BEFORE) {
		for (i = 0; i < got / 2; i++) {
			struct list_row t = rows[i];

			rows[i] = rows[got - 1 - i];
			rows[got - 1 - i] = t;
		}
	}
	return got;
}

static int64_t fake_count(void *ctx)
{
	return ((struct fake *)ctx)->n;
}

static const struct list_column cols[] = { { "Row", 10, false, 1 } };

/* A count that gives way to a key LATER times, then counts. */
static int later;

static int64_t later_count(void *ctx)
{
	if (later > 0) {
		later--;
		return LIST_COUNT_LATER;
	}
	return ((struct fake *)ctx)->n;
}

/* A lazy count interrupted by a key stays pending until it completes. */
static void test_count_later(void)
{
	struct fake f = { 500, 0, 0 };
	struct list l;
	struct list_source src = { fake_fetch, later_count, &f };

	list_init(&l, cols, 1, src);
	l.lazy_count = true;
	list_layout(&l, 1, 11);
	list_reload_top(&l);
	is_int((int)l.total, -1, "a lazy count: not counted yet");
	later = 2;
	ok(list_count_now(&l) && l.count_pending, "a count a key stopped stays pending");
	is_int((int)l.total, -1, "... and gives no total");
	list_count_now(&l);
	ok(l.count_pending, "... stopped again, still pending");
	ok(list_count_now(&l) && !l.count_pending, "the next pause counts");
	is_int((int)l.total, 500, "... the whole total");
	list_free(&l);
}

static struct list make(struct fake *f, int height)
{
	struct list l;
	struct list_source src = { fake_fetch, fake_count, f };

	list_init(&l, cols, 1, src);
	list_layout(&l, 1, height);
	list_reload_top(&l);
	return l;
}

/* Moving in a window of 10 rows over 100 000. */
static void test_moves(struct fake *f, struct list *l)
{
	int i;

	is_int(l->nrows, 10, "a window of 10 rows");
	is_int(l->total, 100000, "the total comes from the source");
	is_str(list_current(l)->key, "k00000", "starts at the first row");
	ok(f->rows_read <= 10, "reading the first screen reads 10 rows, not 100000 (%d)",
	   f->rows_read);

	for (i = 0; i < 9; i++)
		list_move(l, ACT_DOWN);
	is_int(l->cur, 9, "down moves the cursor to the bottom line");
	is_str(l->rows[0].key, "k00000", "without scrolling");
	list_move(l, ACT_DOWN);
	is_int(l->cur, 9, "down at the bottom keeps the cursor on the bottom line");
	is_str(l->rows[0].key, "k00001", "and scrolls by one row");
	is_str(list_current(l)->key, "k00010", "onto the next row");

	list_move(l, ACT_PAGE_DOWN);
	is_str(l->rows[0].key, "k00011", "page down shows the next 10 rows");
	is_str(list_current(l)->key, "k00020", "cursor stays on its screen line");

	list_move(l, ACT_PAGE_UP);
	is_str(l->rows[0].key, "k00001", "page up goes back 10 rows");

	for (i = 0; i < 20; i++)
		list_move(l, ACT_UP);
	is_str(list_current(l)->key, "k00000", "up stops at the first row");
	is_int(l->cur, 0, "on the top line");

	f->rows_read = 0;
	list_move(l, ACT_END);
	is_str(list_current(l)->key, "k99999", "End shows the last row");
	is_str(l->rows[0].key, "k99990", "with the rows before it");
	ok(f->rows_read <= 10, "End reads one window (%d rows)", f->rows_read);
	list_move(l, ACT_DOWN);
	is_str(list_current(l)->key, "k99999", "down at the end stays");
	list_move(l, ACT_PAGE_DOWN);
	is_str(list_current(l)->key, "k99999", "page down at the end stays on the last row");
	list_move(l, ACT_UP);
	is_str(list_current(l)->key, "k99998", "up from the end");

	list_move(l, ACT_HOME);
	is_str(list_current(l)->key, "k00000", "Home goes to the first row");

}

/* Refreshes: the cursor stays on its record. */
static void test_refresh(struct fake *f, struct list *l)
{
	int i;

	/* A refresh keeps the cursor on the same record. */
	for (i = 0; i < 3; i++)
		list_move(l, ACT_DOWN);
	list_refresh(l, list_current(l)->id);
	is_str(list_current(l)->key, "k00003", "refresh keeps the cursor's record");

	/* The first row of the window disappears (changed elsewhere). */
	f->removed = 1;
	list_refresh(l, 4);
	is_str(l->rows[0].key, "k00001", "refresh after the top row vanished starts at the next");
	is_str(list_current(l)->key, "k00003", "and finds the cursor's record again");
	f->removed = 0;

	/* Near the end a refresh fills the window from the end. */
	list_move(l, ACT_END);
	f->n = 99995;
	list_refresh(l, 0);
	is_int(l->nrows, 10, "refresh past a shrunk end shows a full window");
	is_str(l->rows[9].key, "k99994", "ending at the new last row");

}

/* Fewer rows than the window, and none. */
static void test_few(struct fake *f)
{
	struct list l;

	f->n = 3;
	l = make(f, 11);
	is_int(l.nrows, 3, "three rows in a window of ten");
	list_move(&l, ACT_PAGE_DOWN);
	is_str(list_current(&l)->key, "k00002", "page down goes to the last of them");
	list_move(&l, ACT_END);
	is_int(l.nrows, 3, "End keeps the three");
	list_free(&l);

	f->n = 0;
	l = make(f, 11);
	is_int(l.nrows, 0, "an empty source gives an empty list");
	ok(list_current(&l) == NULL, "with no current row");
	list_move(&l, ACT_DOWN);
	list_move(&l, ACT_END);
	list_move(&l, ACT_PAGE_UP);
	ok(list_current(&l) == NULL, "and moving in it is harmless");
	list_free(&l);
}

int main(void)
{
	struct fake f = { 100000, 0, 0 };
	struct list l = make(&f, 11);   /* header + 10 rows */
	int i;

	test_count_later();
	test_moves(&f, &l);
	test_refresh(&f, &l);
	list_free(&l);
	test_few(&f);

	/* A smaller window keeps the cursor's row visible. */
	f.n = 1000;
	l = make(&f, 21);
	for (i = 0; i < 15; i++)
		list_move(&l, ACT_DOWN);
	list_layout(&l, 1, 6);
	is_int(l.nrows, 5, "shrinking the window keeps 5 rows");
	is_str(list_current(&l)->key, "k00015", "with the cursor's row among them");
	list_layout(&l, 1, 21);
	is_int(l.nrows, 20, "growing it reads more rows");
	is_str(list_current(&l)->key, "k00015", "still on the same row");

	/* Going to a row anywhere: it is shown mid-window, cursor on it. */
	{
		struct list_row a;

		fake_row(500, &a);
		list_goto(&l, &a);
		is_str(list_current(&l)->key, "k00500", "goto puts the cursor on the row");
		is_int(l.cur, 10, "in the middle of the window");
		is_int(l.nrows, 20, "with a full window");
		fake_row(998, &a);
		list_goto(&l, &a);
		is_str(list_current(&l)->key, "k00998", "goto near the end");
		is_str(l.rows[19].key, "k00999", "fills the window from the end");
		fake_row(2, &a);
		list_goto(&l, &a);
		is_str(list_current(&l)->key, "k00002", "goto near the start");
		is_str(l.rows[0].key, "k00000", "starts at the first row");
	}

	/* Other columns (another sort order): the widths follow at once,
	 * the rows stay. */
	{
		static const struct list_column two[] = {
			{ "Row", 8, false, 1 }, { "Joined", 10, false, 0 },
		};

		list_columns(&l, two, 2);
		is_int(l.ncols, 2, "list_columns: two columns now");
		is_int(l.widths[0], 8, "... the first as wide as it asks");
		is_int(l.widths[1], 10, "... and the second");
		is_str(list_current(&l)->key, "k00002", "... on the same row");
	}
	list_free(&l);
	return tap_done();
}
