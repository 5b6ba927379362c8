/* member_query.c - the roster in windows of rows, by keyset paging.
 *
 * One statement per sort order and direction, all with the same filter
 * clause whose parameters are NULL (or '') when unused, so no SQL is ever
 * built from values.  (sort_key, id) is the key of a row: the indexes
 * members_name_strokes, members_name_pinyin_key and members_join_date
 * serve the ORDER BY and the range.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member_query.h"
#include "store.h"
#include "text.h"

#define COLUMNS STORE_MEMBER_COLUMNS

/* ?1 category, ?2 member type, ?3 status ('' current, '*' all), ?4 party
 * group id, ?5 text in the name, ?6 pinyin or initials prefix, ?7 tail of
 * the ID number or phone. */
#define FILTER \
	" WHERE (?1 IS NULL OR m.category = ?1)" \
	" AND (?2 IS NULL OR m.member_type = ?2)" \
	" AND (?3 = '*' OR m.status = ?3 OR (?3 = '' AND m.status IN ('在册', '流出')))" \
	" AND (?4 IS NULL OR m.party_group_id = ?4)" \
	" AND ((?5 IS NULL AND ?6 IS NULL AND ?7 IS NULL)" \
	"   OR instr(m.name, ?5) > 0" \
	"   OR substr(m.name_pinyin, 1, length(?6)) = ?6" \
	"   OR substr(m.name_initials, 1, length(?6)) = ?6" \
	"   OR substr(m.id_number, -length(?7)) = ?7" \
	"   OR substr(m.phone, -length(?7)) = ?7)"

#define FROM " FROM members m LEFT JOIN party_groups g ON g.id = m.party_group_id"

/* The three directions from a row (after, before, from) and the two
 * ends (no row given).  The row-value comparison stands alone, never
 * behind "?8 IS NULL OR", so that it becomes a range of the index: a
 * window deep in 100 000 rows is found by a seek, not by a scan. */
#define PAGE_SQL(col) \
	{ "SELECT " col ", " COLUMNS FROM FILTER \
	  " AND (" col ", m.id) > (?8, ?9)" \
	  " ORDER BY " col ", m.id LIMIT ?10", \
	  "SELECT " col ", " COLUMNS FROM FILTER \
	  " AND (" col ", m.id) < (?8, ?9)" \
	  " ORDER BY " col " DESC, m.id DESC LIMIT ?10", \
	  "SELECT " col ", " COLUMNS FROM FILTER \
	  " AND (" col ", m.id) >= (?8, ?9)" \
	  " ORDER BY " col ", m.id LIMIT ?10", \
	  "SELECT " col ", " COLUMNS FROM FILTER \
	  " ORDER BY " col ", m.id LIMIT ?10", \
	  "SELECT " col ", " COLUMNS FROM FILTER \
	  " ORDER BY " col " DESC, m.id DESC LIMIT ?10" }

/* [sort][0 after, 1 before, 2 from, 3 first rows, 4 last rows] */
static const char *const page_sql[MEMBER_SORT_COUNT][5] = {
	PAGE_SQL("m.name_strokes"),
	PAGE_SQL("m.name_pinyin_key"),
	PAGE_SQL("m.join_date"),
};

static const char count_sql[] = "SELECT count(*)" FROM FILTER;

/* Split what was typed into the three kinds of search (see FILTER). */
static void bind_filter(sqlite3_stmt *st, const struct member_query *q)
{
	char s[sizeof q->search];
	bool letters = true, digits = true;
	size_t i, n;

	if (q->category[0])
		sqlite3_bind_text(st, 1, q->category, -1, SQLITE_TRANSIENT);
	if (q->member_type[0])
		sqlite3_bind_text(st, 2, q->member_type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, q->status, -1, SQLITE_TRANSIENT);
	if (q->group_id)
		sqlite3_bind_int64(st, 4, q->group_id);

	snprintf(s, sizeof s, "%s", q->search);
	text_halfwidth(s);
	text_trim(s);
	n = strlen(s);
	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!isalpha(c))
			letters = false;
		if (!isdigit(c) && !((c == 'x' || c == 'X') && i == n - 1 && i > 0))
			digits = false;
	}
	sqlite3_bind_text(st, 5, s, -1, SQLITE_TRANSIENT);
	if (letters) {
		for (i = 0; i < n; i++)
			s[i] = (char)tolower((unsigned char)s[i]);
		sqlite3_bind_text(st, 6, s, -1, SQLITE_TRANSIENT);
	}
	if (digits) {
		if (s[n - 1] == 'x')
			s[n - 1] = 'X';
		sqlite3_bind_text(st, 7, s, -1, SQLITE_TRANSIENT);
	}
}

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(out, size, "%s", t ? (const char *)t : "");
}

int member_query_page(struct db *db, const struct member_query *q,
                      const char *key, int64_t id, int dir, int n,
                      struct member_row *rows)
{
	int which = !key ? (dir < 0 ? 4 : 3) : dir > 0 ? 0 : dir < 0 ? 1 : 2;
	enum member_sort sort = q->sort < MEMBER_SORT_COUNT ? q->sort : 0;
	sqlite3_stmt *st = db_prepare(db, page_sql[sort][which]);
	int got = 0, rc = SQLITE_DONE, i;

	if (!st)
		return DB_ERROR;
	bind_filter(st, q);
	if (key) {
		sqlite3_bind_text(st, 8, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 9, id);
	}
	sqlite3_bind_int(st, 10, n);
	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		copy_col(st, 0, rows[got].key, sizeof rows[got].key);
		store_member_read(st, 1, &rows[got].m);
		got++;
	}
	sqlite3_reset(st);
	if (got < n && rc != SQLITE_DONE)
		return rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
	if (which == 1 || which == 4) {
		/* Read nearest first; show in display order. */
		for (i = 0; i < got / 2; i++) {
			struct member_row t = rows[i];

			rows[i] = rows[got - 1 - i];
			rows[got - 1 - i] = t;
		}
	}
	return got;
}

int member_query_key(struct db *db, const struct member_query *q, int64_t id,
                     char *key, size_t keysz)
{
	static const char *const sql[MEMBER_SORT_COUNT] = {
		"SELECT name_strokes FROM members WHERE id = ?1",
		"SELECT name_pinyin_key FROM members WHERE id = ?1",
		"SELECT join_date FROM members WHERE id = ?1",
	};
	sqlite3_stmt *st = db_prepare(db, sql[q->sort < MEMBER_SORT_COUNT ? q->sort : 0]);
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		copy_col(st, 0, key, keysz);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : rc == SQLITE_DONE ? DB_NOTFOUND : DB_ERROR;
}

int64_t member_query_count(struct db *db, const struct member_query *q)
{
	sqlite3_stmt *st = db_prepare(db, count_sql);
	int64_t n = -1;

	if (!st)
		return DB_ERROR;
	bind_filter(st, q);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* Step through ST's rows of (id, name, date, years) calling FN; *N gets
 * how many. */
static int due_each_counted(sqlite3_stmt *st,
                            void (*fn)(void *ctx, const struct member_due *d),
                            void *ctx, int64_t *n)
{
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		(*n)++;
		struct member_due d = {
			sqlite3_column_int64(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			sqlite3_column_int(st, 3),
		};
		fn(ctx, &d);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
}

static int due_each(sqlite3_stmt *st,
                    void (*fn)(void *ctx, const struct member_due *d), void *ctx)
{
	int64_t n;

	return due_each_counted(st, fn, ctx, &n);
}

/* The count of a dashboard query: its one number, or -1. */
static int64_t count_of(sqlite3_stmt *st)
{
	int64_t n = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* ?1 today, ?2 days: join_date <= (today + days) - 1 year is a range of
 * the partial index members_probation. */
#define DUE_WHERE \
	" FROM members WHERE member_type = '预备党员' AND status IN ('在册', '流出')" \
	" AND join_date <= date(?1, '+' || ?2 || ' days', '-1 year')" \
	" AND date(join_date, '+1 year') <= date(?1, '+' || ?2 || ' days')"

int member_query_full_due(struct db *db, const char *today, int days, int limit,
                          int64_t *total,
                          void (*fn)(void *ctx, const struct member_due *d),
                          void *ctx)
{
	static const char sql[] =
		"SELECT id, name, date(join_date, '+1 year') AS due, 0" DUE_WHERE
		" ORDER BY join_date, name_strokes, id LIMIT ?3";
	static const char due_count_sql[] = "SELECT count(*)" DUE_WHERE;
	sqlite3_stmt *st;

	if (total) {
		st = db_prepare(db, due_count_sql);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, days);
		*total = count_of(st);
	}
	st = db_prepare(db, sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, days);
	sqlite3_bind_int(st, 3, limit);
	return due_each(st, fn, ctx);
}

/* Anniversaries are found by the month and day of joining (MM-DD), the
 * index members_join_day: the days from today to the month's end first,
 * then the month's earlier days, each a range read in order that stops
 * after LIMIT rows. */
int member_query_anniversaries(struct db *db, const char *today, int limit,
                               int64_t *total,
                               void (*fn)(void *ctx, const struct member_due *d),
                               void *ctx)
{
	static const char sql[] =
		"SELECT id, name, substr(?1, 1, 4) || substr(join_date, 5) AS day,"
		" CAST(substr(?1, 1, 4) AS INTEGER) - CAST(substr(join_date, 1, 4) AS INTEGER)"
		" FROM members"
		" WHERE substr(join_date, 6, 5) BETWEEN ?3 AND ?4"
		" AND status IN ('在册', '流出')"
		" AND join_date < substr(?1, 1, 4) || '-01-01'"
		" ORDER BY substr(join_date, 6, 5) LIMIT ?2";
	static const char month_count_sql[] =
		"SELECT count(*) FROM members"
		" WHERE substr(join_date, 6, 5) BETWEEN substr(?1, 6, 2) || '-01'"
		" AND substr(?1, 6, 2) || '-31'"
		" AND status IN ('在册', '流出')"
		" AND join_date < substr(?1, 1, 4) || '-01-01'";
	char from[6], to[6], first[6], before[16];
	int day = atoi(today + 8);
	sqlite3_stmt *st;
	int pass, rc = DB_OK, shown = 0;

	if (total) {
		st = db_prepare(db, month_count_sql);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
		*total = count_of(st);
	}
	/* MM-DD of today, of the month's end, its first day, yesterday */
	snprintf(from, sizeof from, "%.5s", today + 5);
	snprintf(to, sizeof to, "%.2s-31", today + 5);
	snprintf(first, sizeof first, "%.2s-01", today + 5);
	snprintf(before, sizeof before, "%.2s-%02d", today + 5,
	         day > 1 && day <= 31 ? day - 1 : 0);
	for (pass = 0; pass < 2 && rc == DB_OK && shown < limit; pass++) {
		int64_t n = 0;

		if (pass == 1 && strcmp(before, first) < 0)
			break;
		st = db_prepare(db, sql);
		if (!st)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, limit - shown);
		sqlite3_bind_text(st, 3, pass == 0 ? from : first, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, pass == 0 ? to : before, -1, SQLITE_TRANSIENT);
		rc = due_each_counted(st, fn, ctx, &n);
		shown += (int)n;
	}
	return rc;
}
