/* member_db.c - what the roster (党员花名册) needs of the database layer:
 * the SQL functions and TEMP triggers that keep its search index
 * (search.h), the index's part of a bulk write, and its rules and
 * checks for "zhibu check".  Handed over as one struct db_extras.
 */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "gettext.h"
#include "member_db.h"
#include "search.h"

/* zhibu_search_terms(name, pinyin, initials, id_number, phone): the
 * member's terms in the search index (search_terms). */
static void sql_search_terms(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *v[5];
	char out[SEARCH_TERMS_SIZE];
	int n;

	for (int i = 0; i < 5 && i < argc; i++) {
		v[i] = (const char *)sqlite3_value_text(argv[i]);
		if (!v[i])
			v[i] = "";
	}
	n = search_terms(v[0], v[1], v[2], v[3], v[4], out, sizeof out);
	if (n < 0)
		sqlite3_result_error(ctx, "zhibu_search_terms: too long", -1);
	else
		sqlite3_result_text(ctx, out, n, SQLITE_TRANSIENT);
}

/* zhibu_pinyin_match(name, typed): search_pinyin_match, 0 for NULLs. */
static void sql_pinyin_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *typed = argc > 1 ? (const char *)sqlite3_value_text(argv[1]) : NULL;

	sqlite3_result_int(ctx, name && typed && search_pinyin_match(name, typed));
}

/* zhibu_search_terms() fills the index in a migration (schema.c), and
 * zhibu_pinyin_match() serves the roster's filter (member_query.c). */
static const struct db_function member_functions[] = {
	{ "zhibu_search_terms", 5, SQLITE_DETERMINISTIC, sql_search_terms },
	{ "zhibu_pinyin_match", 2, SQLITE_DETERMINISTIC, sql_pinyin_match },
	{ NULL, 0, 0, NULL },
};

/* The roster's full-text index (search.h) follows every write of a
 * member's name, ID number or phone.  Its terms come from a function of
 * this program, so these triggers, like the audit ones, are TEMP: a file
 * stays usable by other programs, and "zhibu check" finds members they
 * added without terms. */
#define SEARCH_TERMS(row) "zhibu_search_terms(" row ".name, " row ".name_pinyin, " \
	row ".name_initials, " row ".id_number, " row ".phone)"
/* Rows waiting in zhibu_search_pending (a bulk write, db_bulk) are not
 * in the index yet: their terms are neither taken out nor put in. */
#define SEARCH_NOT_PENDING(row) \
	" WHERE " row ".id NOT IN (SELECT id FROM zhibu_search_pending)"
#define SEARCH_DELETE \
	" INSERT INTO member_search (member_search, rowid, terms)" \
	" SELECT 'delete', OLD.id, " SEARCH_TERMS("OLD") SEARCH_NOT_PENDING("OLD") ";"
#define SEARCH_INSERT \
	" INSERT INTO member_search (rowid, terms)" \
	" SELECT NEW.id, " SEARCH_TERMS("NEW") SEARCH_NOT_PENDING("NEW") ";"

/* During a bulk write new members wait in a list and are indexed by one
 * statement at its end (db_bulk_flush): FTS5 writes its pending terms
 * out at every statement's savepoint, so a row at a time would make
 * one small segment per member and merge them over and over. */
static const char search_triggers_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS zhibu_search_pending (id INTEGER PRIMARY KEY);\n"
    "CREATE TEMP TRIGGER zhibu_search_insert AFTER INSERT ON main.members"
    " WHEN NOT zhibu_bulk() BEGIN" SEARCH_INSERT " END;\n"
    "CREATE TEMP TRIGGER zhibu_search_later AFTER INSERT ON main.members"
    " WHEN zhibu_bulk() BEGIN INSERT INTO zhibu_search_pending (id) VALUES (NEW.id); END;\n"
    "CREATE TEMP TRIGGER zhibu_search_update AFTER UPDATE OF name, name_pinyin,"
    " name_initials, id_number, phone ON main.members"
    " BEGIN" SEARCH_DELETE SEARCH_INSERT " END;\n"
    "CREATE TEMP TRIGGER zhibu_search_delete AFTER DELETE ON main.members"
    " BEGIN" SEARCH_DELETE " DELETE FROM zhibu_search_pending WHERE id = OLD.id; END;\n";

/* The end of a bulk write: the members it added into the index. */
static const char *const search_bulk_flush[] = {
	"INSERT INTO member_search (rowid, terms)"
	" SELECT m.id, " SEARCH_TERMS("m") " FROM zhibu_search_pending p"
	" JOIN members m ON m.id = p.id",
	"DELETE FROM zhibu_search_pending",
	NULL,
};

/* Rules over single rows, as queries that return the ids breaking them:
 * RULE(MSGID, COND), the members for whom COND holds. */
#define RULE(msgid, cond) DB_CHECK_RULE(msgid, "members", cond)
static const struct db_check_rule member_rules[] = {
	RULE(N_("a probationary member has a full-membership date"),
	     "member_type = '预备党员' AND full_date IS NOT NULL"),
	RULE(N_("a full member has no full-membership date"),
	     "member_type = '正式党员' AND full_date IS NULL"),
	/* 党章第七条: 转正 when the year of probation is over (its last day
	 * accepted, as member_check does), two years after joining at most */
	RULE(N_("the full-membership date is less than a year after joining"),
	     "full_date < date(join_date, '+1 year', '-1 day')"),
	RULE(N_("the full-membership date is more than two years after joining"),
	     "full_date > date(join_date, '+2 years')"),
	/* 发展党员工作细则第三十二条: an extension of half a year to a year */
	RULE(N_("the extension of the probation is shorter than half a year or longer than a year"),
	     "probation_end < date(min(date(join_date, '+18 months'),"
	     " date(join_date, 'start of month', '+19 months', '-1 day')), '-1 day')"
	     " OR probation_end > date(join_date, '+2 years')"),
	/* the Party was founded in July 1921; 党章第一条: 年满十八岁 */
	RULE(N_("the joining date is before the Party was founded"),
	     "join_date < '1921-07-01'"),
	RULE(N_("the member was under 18 on joining"),
	     "join_date < date(birth_date, '+18 years')"),
	/* 党章第七条: the probation is decided when it is over; a 预备党员
	 * whose probation ended over a year ago was forgotten (?1: today) */
	RULE(N_("a probationary member's probation ended more than a year ago: full membership, an extension or a cancellation is overdue"),
	     "member_type = '预备党员' AND status IN ('在册', '流出')"
	     " AND coalesce(probation_end, date(join_date, '+1 year')) < date(?1, '-1 year')"),
	/* 党章第七条; 纪律处分条例第三十六条 */
	RULE(N_("a status of leaving the Party does not fit the member type"),
	     "(status = '取消预备党员资格' AND member_type <> '预备党员')"
	     " OR (status IN ('开除党籍', '除名') AND member_type = '预备党员')"),
	RULE(N_("the status date is before the joining date"),
	     "status_date < join_date"),
	RULE(N_("a date is in the future"),
	     "birth_date > ?1 OR join_date > ?1"
	     " OR full_date > ?1 OR status_date > ?1"),
	RULE(N_("the full-membership date is after the member died or left the Party"),
	     "full_date > status_date AND status IN"
	     " ('去世', '开除党籍', '除名', '退党', '取消预备党员资格')"),
	RULE(N_("a member has an unknown status"),
	     "status NOT IN ('在册', '流出', '转出', '停止党籍', '去世',"
	     " '开除党籍', '除名', '退党', '取消预备党员资格')"
	     " OR member_type NOT IN ('正式党员', '预备党员')"),
	RULE(N_("a date does not exist"),
	     "date(birth_date) IS NOT birth_date"
	     " OR date(join_date) IS NOT join_date"
	     " OR (full_date IS NOT NULL AND date(full_date) IS NOT full_date)"
	     " OR (status_date IS NOT NULL AND date(status_date) IS NOT status_date)"),
	RULE(N_("the birth date does not agree with the ID number"),
	     "substr(id_number, 7, 8) <> replace(birth_date, '-', '')"),
	RULE(N_("the gender does not agree with the ID number"),
	     "(CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1)"
	     " <> (gender = '男')"),
	{ NULL, NULL, NULL },
};
#undef RULE

static const struct db_check_query member_name_keys[] = {
	{ "members", "SELECT id, name, name_strokes, name_pinyin, name_initials,"
	  " name_pinyin_key FROM members" },
	{ NULL, NULL },
};

/* Every member has one (身份证号 is required). */
static const struct db_check_query member_id_numbers[] = {
	{ "members", "SELECT id, id_number FROM members" },
	{ NULL, NULL },
};

static const char msg_search_damaged[] =
	N_("the search index is damaged: searches may miss members");

/* FTS5's own check of the index's structure: it writes nothing, but is
 * an INSERT, so a connection that may only read skips it (the probes of
 * check_search still see what matters); another writer holding the lock
 * only postpones it to the next check.  True when it found damage. */
static bool check_search_structure(struct db *db, struct db_checker *c)
{
	int rc;

	if (db_readonly(db))
		return false;
	rc = sqlite3_exec(db_handle(db), "INSERT INTO member_search (member_search)"
	                  " VALUES ('integrity-check')", NULL, NULL, NULL);
	if ((rc & 0xff) != SQLITE_CORRUPT)
		return false;
	db_check_problem(c, msg_search_damaged, sqlite3_errmsg(db_handle(db)));
	return true;
}

/* Above this many members whose terms are missing, the index is said to
 * be damaged once, with their number, rather than member by member. */
#define SEARCH_MISSES_LISTED 20

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* FTS5's order of two terms: their bytes, then their length. */
static int cmp_term(const void *a, int na, const void *b, int nb)
{
	int c = memcmp(a, b, (size_t)(na < nb ? na : nb));

	return c ? c : na - nb;
}

/* The members whose terms the index lacks, as check_search_terms walks
 * the two lists. */
struct search_walk {
	sqlite3_stmt *want, *have;
	int rw, rh;             /* the last step of each */
	int64_t *missed;
	size_t n, cap;
};

/* Where the pair (term, member) at WANT stands to the one at HAVE. */
static int search_walk_cmp(struct search_walk *w)
{
	int d = cmp_term(sqlite3_column_blob(w->want, 0), sqlite3_column_bytes(w->want, 0),
	                 sqlite3_column_blob(w->have, 0), sqlite3_column_bytes(w->have, 0));

	if (d == 0) {
		int64_t a = sqlite3_column_int64(w->want, 1), b = sqlite3_column_int64(w->have, 1);

		d = a < b ? -1 : a > b;
	}
	return d;
}

/* Walk both lists, in the same order, to the end of WANT: a pair the
 * rows give and the index lacks goes to W->missed. */
static void search_walk(struct search_walk *w)
{
	w->rw = sqlite3_step(w->want);
	w->rh = sqlite3_step(w->have);
	while (w->rw == SQLITE_ROW) {
		int d;

		if (w->rh == SQLITE_ROW)
			d = search_walk_cmp(w);
		else if (w->rh != SQLITE_DONE)
			break;
		else
			d = -1;
		if (d < 0) {
			/* the rows give it, the index lacks it */
			if (w->n == w->cap) {
				size_t cap = w->cap ? 2 * w->cap : 64;
				int64_t *m = realloc(w->missed, cap * sizeof *m);

				if (!m) {
					w->rw = SQLITE_NOMEM;
					break;
				}
				w->missed = m;
				w->cap = cap;
			}
			w->missed[w->n++] = sqlite3_column_int64(w->want, 1);
			w->rw = sqlite3_step(w->want);
		} else if (d > 0) {
			w->rh = sqlite3_step(w->have);
		} else {
			w->rw = sqlite3_step(w->want);
			w->rh = sqlite3_step(w->have);
		}
	}
}

/* Report the members W found missing: each, or their number when many. */
static void search_report_missed(struct db_checker *c, struct search_walk *w)
{
	size_t k = 0;

	qsort(w->missed, w->n, sizeof *w->missed, cmp_id);
	for (size_t i = 0; i < w->n; i++)
		if (i == 0 || w->missed[i] != w->missed[i - 1])
			w->missed[k++] = w->missed[i];
	if (k > SEARCH_MISSES_LISTED) {
		char detail[64];

		snprintf(detail, sizeof detail, "count(members) = %zu", k);
		db_check_problem(c, msg_search_damaged, detail);
	} else {
		for (size_t i = 0; i < k; i++)
			db_check_problem_row(c, N_("a search does not find a member: its terms are missing from the search index"),
			                     "members", w->missed[i]);
	}
}

/* Every member found by each of its terms.  The index has no content to
 * compare with, so the terms are derived again from the rows into an
 * index of the same kind, in memory, and the two are walked side by
 * side, term by term (fts5vocab lists both in the same order): a pair
 * (term, member) that the rows give and the index lacks is a search that
 * misses the member.  A member changed by another program, or an index
 * damaged or rewritten by hand, shows up here.  Terms the index holds
 * beyond those are harmless (the roster's filter decides) and left. */
static int check_search_terms(struct db *db, struct db_checker *c)
{
	static const char setup[] =
	    "CREATE VIRTUAL TABLE temp.zhibu_check_terms USING fts5(terms,"
	    " content='', detail=none, tokenize='ascii');"
	    "INSERT INTO temp.zhibu_check_terms (rowid, terms) SELECT id, " SEARCH_TERMS("m")
	    " FROM main.members AS m WHERE m.id IN (SELECT rowid FROM main.member_search);"
	    "CREATE VIRTUAL TABLE temp.zhibu_check_want USING fts5vocab(temp,"
	    " zhibu_check_terms, instance);"
	    "CREATE VIRTUAL TABLE temp.zhibu_check_have USING fts5vocab(main,"
	    " member_search, instance);";
	static const char teardown[] =
	    "DROP TABLE IF EXISTS temp.zhibu_check_want;"
	    "DROP TABLE IF EXISTS temp.zhibu_check_have;"
	    "DROP TABLE IF EXISTS temp.zhibu_check_terms;";
	sqlite3 *h = db_handle(db);
	struct search_walk w = { 0 };
	int rc;

	sqlite3_exec(h, teardown, NULL, NULL, NULL);
	rc = sqlite3_exec(h, setup, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "SELECT term, doc FROM temp.zhibu_check_want",
		                        -1, &w.want, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, "SELECT term, doc FROM temp.zhibu_check_have",
		                        -1, &w.have, NULL);
	if (rc == SQLITE_OK) {
		search_walk(&w);
		if ((w.rh & 0xff) == SQLITE_CORRUPT) {
			db_check_problem(c, msg_search_damaged, sqlite3_errstr(w.rh));
			w.n = 0;
			rc = SQLITE_OK;
		} else {
			rc = w.rw != SQLITE_DONE ? w.rw
			     : w.rh != SQLITE_DONE && w.rh != SQLITE_ROW ? w.rh : SQLITE_OK;
		}
		if (rc == SQLITE_OK && w.n > 0)
			search_report_missed(c, &w);
	}
	free(w.missed);
	sqlite3_finalize(w.want);
	sqlite3_finalize(w.have);
	sqlite3_exec(h, teardown, NULL, NULL, NULL);
	return rc == SQLITE_OK ? SQLITE_DONE : rc;
}

/* Every member in the search index, and nobody else: a member added by
 * another program (no TEMP triggers there) is not found by a search.
 * Then the index's structure, and every member's terms in it. */
static int check_search(struct db *db, struct db_checker *c)
{
	static const char *const sql[2] = {
		"SELECT id FROM members WHERE id NOT IN (SELECT rowid FROM member_search)",
		"SELECT rowid FROM member_search WHERE rowid NOT IN (SELECT id FROM members)",
	};
	static const char *const what[2] = {
		N_("a member is missing from the search index"),
		N_("the search index holds a member that is gone"),
	};
	int rc = SQLITE_DONE;

	for (int i = 0; i < 2 && rc == SQLITE_DONE; i++) {
		sqlite3_stmt *st = db_prepare(db, sql[i]);

		if (!st)
			return SQLITE_ERROR;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			db_check_problem_row(c, what[i], "members", sqlite3_column_int64(st, 0));
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE || check_search_structure(db, c))
		return rc;
	return check_search_terms(db, c);
}

/* The roster's own check for db_check. */
static int member_check(struct db *db, struct db_checker *c)
{
	int rc = check_search(db, c);

	return rc == SQLITE_DONE ? DB_OK : db_fail(db, rc);
}

const struct db_extras member_db_extras = {
	.functions = member_functions,
	.temp_sql = search_triggers_sql,
	.bulk_flush = search_bulk_flush,
	.bulk_table = "members",
	.rules = member_rules,
	.name_keys = member_name_keys,
	.id_numbers = member_id_numbers,
	.check = member_check,
};
