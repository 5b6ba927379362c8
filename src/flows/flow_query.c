/* flow_query.c - the flows' and the contacts' lists for the generic
 * query (query.h), and the reminders: as the --remind filter's named
 * conditions and as the start screen's items.
 *
 * zhibu_today() is today as the program sees it (ZHIBU_TODAY pins it:
 * flow_db.c), so that the same condition serves the list, the command
 * line and the start screen.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow_reg.h"
#include "gettext.h"
#include "store.h"
#include "text.h"

static const struct query_sort flow_sorts[] = {
	[FLOW_SORT_STROKES] = { "name_strokes", N_("by surname strokes") },
	[FLOW_SORT_DEPART] = { "moved_date", N_("by departure or arrival") },
	{ NULL, NULL },
};

#define OPEN "(t.status = '外出中' OR t.status = '失联')"
#define LAST_CONTACT "(SELECT max(c.date) FROM flow_contacts c WHERE c.flow_id = t.id)"
#define SINCE "coalesce(" LAST_CONTACT ", t.depart_date)"
#define CONTACT_DAYS "coalesce((SELECT CAST(value AS INTEGER) FROM settings" \
	" WHERE key = 'flows.contact_days'), 90)"

/* The reminders (SPEC 1.2, 1.5).  党章第九条: six months without 组织
 * 生活 and 党费 may be treated as leaving the Party, so the home branch
 * keeps in contact (every N days, 90 unless set) and a member out of
 * touch for six months is a 失联 case; 中办发〔2006〕28号: a member six
 * months or more at a fixed place transfers the organizational relation
 * there (转接), and hands the 《流动党员活动证》 back on return. */
const struct query_named flow_reminders[] = {
	[FLOW_REMIND_CONTACT] = { "联系超期",
		"t.direction = '流出' AND " OPEN " AND " SINCE
		" <= date(zhibu_today(), '-' || " CONTACT_DAYS " || ' days')" },
	[FLOW_REMIND_LOST] = { "失联预警",
		"t.direction = '流出' AND t.status = '外出中' AND " SINCE
		" <= date(zhibu_today(), '-6 months')" },
	[FLOW_REMIND_TRANSFER] = { "应转接",
		"t.direction = '流出' AND " OPEN
		" AND t.depart_date <= date(zhibu_today(), '-6 months')" },
	[FLOW_REMIND_CERTIFICATE] = { "活动证未交回",
		"t.status = '已返回' AND t.certificate_no <> '' AND t.certificate_back IS NULL"
		" AND t.return_date <= date(zhibu_today(), '-30 days')" },
	[FLOW_REMIND_RETURN] = { "逾期未返回",
		"t.direction = '流出' AND " OPEN " AND t.expected_return < zhibu_today()" },
	{ NULL, NULL },
};

/* The date each reminder counts from, as the start screen says it. */
static const char *const remind_date[FLOW_REMIND_COUNT] = {
	[FLOW_REMIND_CONTACT] = SINCE,
	[FLOW_REMIND_LOST] = SINCE,
	[FLOW_REMIND_TRANSFER] = "t.depart_date",
	[FLOW_REMIND_CERTIFICATE] = "t.return_date",
	[FLOW_REMIND_RETURN] = "t.expected_return",
};

static const struct query_filter flow_filters[] = {
	{ .option = "direction", .field = "direction", .kind = QF_CHOICE,
		.arg = N_("DIRECTION"), .help = N_("流出 or 流入") },
	{ "status", "status", QF_CHOICE, N_("STATE"),
		N_("records of that status (default: 外出中 and 失联)"),
		.unset = OPEN, .unset_label = N_("open (外出中, 失联)"),
		.all_label = N_("all statuses"), .all_help = N_("records of every status") },
	{ .option = "group", .field = "party_group", .kind = QF_GROUP, .arg = N_("GROUP"),
		.help = N_("records of that party group") },
	{ "remind", NULL, QF_NAMED, N_("REMINDER"),
		N_("联系超期 失联预警 应转接 活动证未交回 逾期未返回"),
		.named = flow_reminders, .label = N_("Reminder") },
	{ NULL },
};

_Static_assert(sizeof(struct query_typed) <= QUERY_STATE, "a search fits its state");

static void flow_search_plan(struct db *db, const char *typed, void *state,
                             bool *page, bool *count)
{
	(void)db;
	query_typed_read(typed, state);
	*page = *count = false;
}

static void flow_search_bind(sqlite3_stmt *st, const void *state)
{
	query_typed_bind(st, state);
}

static const struct query_search flow_search = {
	.help = N_("part of a name, pinyin, initials, end of ID or phone"),
	.sql = "((:text IS NULL AND :letters IS NULL AND :digits IS NULL)"
	       " OR instr(t.name, :text) > 0"
	       " OR substr(t.name_pinyin, 1, length(:letters)) = :letters"
	       " OR substr(t.name_initials, 1, length(:letters)) = :letters"
	       " OR substr(t.id_number, -length(:digits)) = :digits"
	       " OR substr(t.phone, -length(:digits)) = :digits)",
	.plan = flow_search_plan,
	.bind = flow_search_bind,
};

/* Namesakes in a fixed order: name, ID number, departure. */
static int flow_tie(const void *a, const void *b)
{
	const struct flow *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (!c)
		c = strcmp(x->id_number, y->id_number);
	return c ? c : strcmp(x->depart_date, y->depart_date);
}

QUERY_SQL(flow_query_sql);

const struct query_def flow_queries = {
	.store = &flow_store,
	.sorts = flow_sorts,
	.filters = flow_filters,
	.search = &flow_search,
	.tie = flow_tie,
	.sql = &flow_query_sql,
};

static const struct query_sort contact_sorts[] = {
	{ "date", N_("by date") },
	{ NULL, NULL },
};

static int contact_tie(const void *a, const void *b)
{
	const struct flow_contact *x = a, *y = b;
	int c = strcmp(x->way, y->way);

	return c ? c : strcmp(x->content, y->content);
}

QUERY_SQL(contact_query_sql);

const struct query_def contact_queries = {
	.store = &contact_store,
	.sorts = contact_sorts,
	.tie = contact_tie,
	.parent = "flow",
	.sql = &contact_query_sql,
};

/* ---- the start screen's questions ------------------------------------- */

int flow_remind_each(struct db *db, enum flow_remind which, int limit, int64_t *total,
                     void (*fn)(void *ctx, int64_t id, const char *name,
                                const char *date),
                     void *ctx)
{
	static char *list[FLOW_REMIND_COUNT], *count[FLOW_REMIND_COUNT];
	sqlite3_stmt *st;
	int rc;

	if (which < 0 || which >= FLOW_REMIND_COUNT)
		return DB_ERROR;
	if (!list[which] &&
	    asprintf(&list[which], "SELECT t.id, t.name, %s AS d FROM flows AS t WHERE %s"
	             " ORDER BY d, t.name_strokes, t.id LIMIT ?1", remind_date[which],
	             flow_reminders[which].sql) < 0)
		list[which] = NULL;
	if (!count[which] &&
	    asprintf(&count[which], "SELECT count(*) FROM flows AS t WHERE %s",
	             flow_reminders[which].sql) < 0)
		count[which] = NULL;
	if (!list[which] || !count[which])
		return DB_ERROR;
	if (total) {
		st = db_step_with(db, count[which], &rc, "");
		if (!st)
			return DB_ERROR;
		*total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
	}
	st = db_step_with(db, list[which], &rc, "i", (int64_t)limit);
	if (!st)
		return DB_ERROR;
	while (rc == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 2);

		fn(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		   d ? d : "");
		rc = sqlite3_step(st);
	}
	return db_rows_end(st, rc);
}

/* The one number SQL counts, or -1. */
static int64_t count_of(struct db *db, const char *sql)
{
	int rc;
	int64_t n = -1;
	sqlite3_stmt *st = db_step_with(db, sql, &rc, "");

	if (!st)
		return -1;
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

int64_t flow_inflow_count(struct db *db)
{
	static const char sql[] =
	    "SELECT count(*) FROM flows AS t WHERE t.direction = '流入' AND " OPEN;

	return count_of(db, sql);
}

int64_t flow_branch_count(struct db *db)
{
	static const char sql[] =
	    "SELECT count(*) FROM members WHERE status = '在册' OR status = '流出'";

	return count_of(db, sql);
}
