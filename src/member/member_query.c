/* member_query.c - the roster's orders, filters and search for the
 * generic query (query.h), and the dashboard's questions.
 *
 * The indexes members_name_strokes, members_name_pinyin_key and
 * members_join_date, each on (column, id), serve the orders and the
 * windows' ranges; the full-text index member_search the search.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gettext.h"
#include "member_query.h"
#include "search.h"
#include "store.h"
#include "store_member.h"
#include "text.h"

static const struct query_sort member_sorts[] = {
	[MEMBER_SORT_STROKES] = { "name_strokes", N_("by surname strokes") },
	[MEMBER_SORT_PINYIN] = { "name_pinyin_key", N_("by pinyin") },
	[MEMBER_SORT_JOIN] = { "join_date", N_("by joining date") },
	{ NULL, NULL },
};

/* In the order of the filter menu. */
static const struct query_filter member_filters[] = {
	[MEMBER_FILTER_CATEGORY] = { "category", "category", QF_CHOICE, N_("CATEGORY"),
		N_("members of that 人员分类") },
	[MEMBER_FILTER_TYPE] = { "type", "member_type", QF_CHOICE, N_("TYPE"),
		N_("正式党员 or 预备党员") },
	[MEMBER_FILTER_STATUS] = { "status", "status", QF_CHOICE, N_("STATUS"),
		N_("members of that status (default: 在册 and 流出)"),
		.unset = "t.status IN ('在册', '流出')",
		.unset_label = N_("current (在册, 流出)"), .all_label = N_("all statuses"),
		.all_help = N_("members of every status") },
	[MEMBER_FILTER_GROUP] = { "group", "party_group", QF_GROUP, N_("GROUP"),
		N_("members of that party group") },
	{ NULL },
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

/* What was typed, split into the kinds of search (query.h), and the
 * full-text query when the index is the way to the rows. */
struct search {
	struct query_typed t;
	char match[160];
	bool usable;    /* the index can give the candidates */
};

_Static_assert(sizeof(struct search) <= QUERY_STATE, "a search fits its state");

static void member_search_plan(struct db *db, const char *typed, void *state,
                               bool *page, bool *count)
{
	struct search *se = state;

	query_typed_read(typed, &se->t);
	if (!se->t.text[0])
		return;
	se->usable = search_query(se->t.text, se->t.letters, se->t.digits,
	                          se->match, sizeof se->match);
	/* a count reads every match: from the index whenever it can */
	*count = se->usable;
	*page = se->usable && few_candidates(db, se->match);
}

static void member_search_bind(sqlite3_stmt *st, const void *state)
{
	const struct search *se = state;
	int i = sqlite3_bind_parameter_index(st, ":match");

	query_typed_bind(st, &se->t);
	if (se->t.text[0] && se->usable && i)
		sqlite3_bind_text(st, i, se->match, -1, SQLITE_TRANSIENT);
}

/* :text in the name, :letters the start of the pinyin (or of its pinyin
 * from any syllable on: search.h) or of the initials, :digits the tail
 * of the ID number or phone. */
static const struct query_search member_search = {
	.help = N_("part of a name, pinyin, initials, end of ID or phone"),
	.sql = "((:text IS NULL AND :letters IS NULL AND :digits IS NULL)"
	       " OR instr(t.name, :text) > 0"
	       " OR substr(t.name_pinyin, 1, length(:letters)) = :letters"
	       " OR substr(t.name_initials, 1, length(:letters)) = :letters"
	       " OR zhibu_pinyin_match(t.name, :letters)"
	       " OR substr(t.id_number, -length(:digits)) = :digits"
	       " OR substr(t.phone, -length(:digits)) = :digits)",
	/* the same rows, from the full-text index's candidates: the index
	 * drives (CROSS JOIN), the filter decides */
	.index_from = " FROM member_search s CROSS JOIN members AS t ON t.id = s.rowid"
	              " LEFT JOIN party_groups AS g1 ON g1.id = t.party_group_id",
	.index_sql = "s.member_search MATCH :match",
	.plan = member_search_plan,
	.bind = member_search_bind,
};

/* Members whose sort keys are equal (namesakes) in a fixed order: name,
 * then ID number, which is unique. */
static int member_tie(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->id_number, y->id_number);
}

QUERY_SQL(member_query_sql);

const struct query_def member_queries = {
	.store = &member_store,
	.sorts = member_sorts,
	.filters = member_filters,
	.search = &member_search,
	.tie = member_tie,
	.sql = &member_query_sql,
};


/* Step through ST's rows of (id, name, date, years, party years,
 * extended) calling FN; *N gets how many. */
static int due_each_counted(sqlite3_stmt *st, member_due_fn *fn, void *ctx, int64_t *n)
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
	return db_rows_end(st, rc);
}

static int due_each(sqlite3_stmt *st, member_due_fn *fn, void *ctx)
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
                          int64_t *total, member_due_fn *fn, void *ctx)
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
                               int64_t *total, member_due_fn *fn, void *ctx)
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

/* SELECT g.id, g.name, count(m.id) FROM party_groups g LEFT JOIN members m
 * ON m.party_group_id = g.id AND m.status IN ('在册','流出') GROUP BY g.id
 * ORDER BY g.position, g.name */
int member_groups_each(struct db *db,
                       void (*fn)(void *ctx, int64_t id, const char *name,
                                  int64_t members),
                       void *ctx)
{
	return store_group_each_sql(db,
		"SELECT g.id, g.name, count(m.id) FROM party_groups g"
		" LEFT JOIN members m ON m.party_group_id = g.id"
		" AND m.status IN ('在册', '流出')"
		" GROUP BY g.id ORDER BY g.position, g.name", fn, ctx);
}
