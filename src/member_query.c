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
#include "search.h"
#include "store.h"
#include "text.h"

#define COLUMNS STORE_MEMBER_COLUMNS

/* ?1 category, ?2 member type, ?3 status ('' current, '*' all), ?4 party
 * group id, ?5 text in the name, ?6 the start of the pinyin (or of its
 * pinyin from any syllable on: search.h) or of the initials, ?7 tail of
 * the ID number or phone. */
#define FILTER \
	" WHERE (?1 IS NULL OR t.category = ?1)" \
	" AND (?2 IS NULL OR t.member_type = ?2)" \
	" AND (?3 = '*' OR t.status = ?3 OR (?3 = '' AND t.status IN ('在册', '流出')))" \
	" AND (?4 IS NULL OR t.party_group_id = ?4)" \
	" AND ((?5 IS NULL AND ?6 IS NULL AND ?7 IS NULL)" \
	"   OR instr(t.name, ?5) > 0" \
	"   OR substr(t.name_pinyin, 1, length(?6)) = ?6" \
	"   OR substr(t.name_initials, 1, length(?6)) = ?6" \
	"   OR zhibu_pinyin_match(t.name, ?6)" \
	"   OR substr(t.id_number, -length(?7)) = ?7" \
	"   OR substr(t.phone, -length(?7)) = ?7)"

#define FROM STORE_MEMBER_FROM

/* The same rows, from the full-text index's candidates (search.h): the
 * index drives (CROSS JOIN), the filter decides. */
#define FROM_INDEX \
	" FROM member_search s CROSS JOIN members AS t ON t.id = s.rowid" \
	" LEFT JOIN party_groups AS g1 ON g1.id = t.party_group_id"
#define FILTER_INDEX FILTER " AND s.member_search MATCH ?11"

/* The three directions from a row (after, before, from) and the two
 * ends (no row given).  The row-value comparison stands alone, never
 * behind "?8 IS NULL OR", so that it becomes a range of the index: a
 * window deep in 100 000 rows is found by a seek, not by a scan. */
#define PAGE_SQL(from, filter, col) \
	{ "SELECT " col ", " COLUMNS from filter \
	  " AND (" col ", t.id) > (?8, ?9)" \
	  " ORDER BY " col ", t.id LIMIT ?10", \
	  "SELECT " col ", " COLUMNS from filter \
	  " AND (" col ", t.id) < (?8, ?9)" \
	  " ORDER BY " col " DESC, t.id DESC LIMIT ?10", \
	  "SELECT " col ", " COLUMNS from filter \
	  " AND (" col ", t.id) >= (?8, ?9)" \
	  " ORDER BY " col ", t.id LIMIT ?10", \
	  "SELECT " col ", " COLUMNS from filter \
	  " ORDER BY " col ", t.id LIMIT ?10", \
	  "SELECT " col ", " COLUMNS from filter \
	  " ORDER BY " col " DESC, t.id DESC LIMIT ?10" }
#define PAGE_SQLS(from, filter) { \
	PAGE_SQL(from, filter, "t.name_strokes"), \
	PAGE_SQL(from, filter, "t.name_pinyin_key"), \
	PAGE_SQL(from, filter, "t.join_date") }

/* [0 walk, 1 index][sort][0 after, 1 before, 2 from, 3 first rows,
 * 4 last rows] */
static const char *const page_sql[2][MEMBER_SORT_COUNT][5] = {
	PAGE_SQLS(FROM, FILTER),
	PAGE_SQLS(FROM_INDEX, FILTER_INDEX),
};

static const char *const count_sql[2] = {
	"SELECT count(*)" FROM FILTER,
	"SELECT count(*)" FROM_INDEX FILTER_INDEX,
};

/* Above this many candidates the walk finds a window sooner: one member
 * in a hundred or more matches. */
#define INDEX_MOST 2000

/* Does the full-text index hold at most INDEX_MOST candidates for the
 * query MATCH?  The last answer is kept: it is asked for every window. */
static bool few_candidates(struct db *db, const char *match)
{
	static const char sql[] =
	    "SELECT count(*) FROM (SELECT 1 FROM member_search"
	    " WHERE member_search MATCH ?1 LIMIT ?2)";
	static char last[160];
	static bool last_few;
	sqlite3_stmt *st;
	bool few = false;

	if (strcmp(match, last) == 0)
		return last_few;
	st = db_prepare(db, sql);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, INDEX_MOST + 1);
	if (sqlite3_step(st) == SQLITE_ROW)
		few = sqlite3_column_int(st, 0) <= INDEX_MOST;
	sqlite3_reset(st);
	snprintf(last, sizeof last, "%s", match);
	last_few = few;
	return few;
}

/* What was typed, split into the three kinds of search (see FILTER),
 * and the full-text query when the index is the way to the rows. */
struct search {
	char text[sizeof ((struct member_query *)0)->search];
	char lower[sizeof ((struct member_query *)0)->search];
	bool letters, digits;
	char match[160];
	bool usable;    /* the index can give the candidates */
	bool index;     /* and a window is read from them */
};

static void search_of(struct db *db, const struct member_query *q, struct search *se)
{
	size_t i, n;

	memset(se, 0, sizeof *se);
	snprintf(se->text, sizeof se->text, "%s", q->search);
	text_halfwidth(se->text);
	text_trim(se->text);
	n = strlen(se->text);
	if (n == 0)
		return;
	se->letters = se->digits = true;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)se->text[i];

		if (!isalpha(c))
			se->letters = false;
		if (!isdigit(c) && !((c == 'x' || c == 'X') && i == n - 1 && i > 0))
			se->digits = false;
	}
	snprintf(se->lower, sizeof se->lower, "%s", se->text);
	for (i = 0; i < n; i++) {
		if (se->letters)
			se->lower[i] = (char)tolower((unsigned char)se->lower[i]);
		else if (se->digits && se->lower[i] == 'x')
			se->lower[i] = 'X';
	}
	se->usable = search_query(se->text, se->letters, se->digits,
	                          se->match, sizeof se->match);
	se->index = se->usable && few_candidates(db, se->match);
}

static void bind_filter(sqlite3_stmt *st, const struct member_query *q,
                        const struct search *se)
{
	if (q->category[0])
		sqlite3_bind_text(st, 1, q->category, -1, SQLITE_TRANSIENT);
	if (q->member_type[0])
		sqlite3_bind_text(st, 2, q->member_type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, q->status, -1, SQLITE_TRANSIENT);
	if (q->group_id)
		sqlite3_bind_int64(st, 4, q->group_id);
	if (!se->text[0])
		return;
	sqlite3_bind_text(st, 5, se->text, -1, SQLITE_TRANSIENT);
	if (se->letters)
		sqlite3_bind_text(st, 6, se->lower, -1, SQLITE_TRANSIENT);
	if (se->digits)
		sqlite3_bind_text(st, 7, se->lower, -1, SQLITE_TRANSIENT);
	if (se->usable)
		sqlite3_bind_text(st, 11, se->match, -1, SQLITE_TRANSIENT);
}

int member_query_page(struct db *db, const struct member_query *q,
                      const char *key, int64_t id, int dir, int n,
                      struct member_row *rows)
{
	int which = !key ? (dir < 0 ? 4 : 3) : dir > 0 ? 0 : dir < 0 ? 1 : 2;
	enum member_sort sort = q->sort < MEMBER_SORT_COUNT ? q->sort : 0;
	struct search se;
	sqlite3_stmt *st;
	int got = 0, rc = SQLITE_DONE, i;

	search_of(db, q, &se);
	st = db_prepare(db, page_sql[se.index][sort][which]);
	if (!st)
		return DB_ERROR;
	bind_filter(st, q, &se);
	if (key) {
		sqlite3_bind_text(st, 8, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 9, id);
	}
	sqlite3_bind_int(st, 10, n);
	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_column_copy(st, 0, rows[got].key, sizeof rows[got].key);
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
		store_column_copy(st, 0, key, keysz);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : rc == SQLITE_DONE ? DB_NOTFOUND : DB_ERROR;
}

int64_t member_query_count(struct db *db, const struct member_query *q)
{
	struct search se;
	sqlite3_stmt *st;
	int64_t n = -1;

	/* a count reads every match: from the index whenever it can */
	search_of(db, q, &se);
	st = db_prepare(db, count_sql[se.usable]);
	if (!st)
		return DB_ERROR;
	bind_filter(st, q, &se);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* Step through ST's rows of (id, name, date, years, party years,
 * extended) calling FN; *N gets how many. */
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
			sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4),
			sqlite3_column_int(st, 5) != 0,
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
 * the partial index members_probation; an extended probation ends later
 * than a year after joining, so its member is in that range too, and
 * the end, coalesce(probation_end, a year after joining), decides. */
#define DUE_END "coalesce(probation_end, date(join_date, '+1 year'))"
#define DUE_WHERE \
	" FROM members WHERE member_type = '预备党员' AND status IN ('在册', '流出')" \
	" AND join_date <= date(?1, '+' || ?2 || ' days', '-1 year')" \
	" AND " DUE_END " <= date(?1, '+' || ?2 || ' days')"

int member_query_full_due(struct db *db, const char *today, int days, int limit,
                          int64_t *total,
                          void (*fn)(void *ctx, const struct member_due *d),
                          void *ctx)
{
	static const char sql[] =
		"SELECT id, name, " DUE_END " AS due, 0, NULL, probation_end IS NOT NULL"
		DUE_WHERE " ORDER BY due, name_strokes, id LIMIT ?3";
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
		" CAST(substr(?1, 1, 4) AS INTEGER) - CAST(substr(join_date, 1, 4) AS INTEGER),"
		/* 党龄 on the anniversary: whole years from 转正日期 */
		" CASE WHEN member_type = '正式党员' AND full_date IS NOT NULL THEN"
		"  CAST(substr(?1, 1, 4) AS INTEGER) - CAST(substr(full_date, 1, 4) AS INTEGER)"
		"  - (substr(full_date, 6, 5) > substr(join_date, 6, 5)) END, 0"
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
