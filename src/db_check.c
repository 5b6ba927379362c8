/* db_check.c - "zhibu check": SQLite's own checks, then the registers'
 * (struct db_extras: rules over rows, sort keys, ID numbers, their own
 * checks), then the program's over every table: the change log against
 * the data, its chain, stored text, and the file's permissions.  Each
 * problem is a message id and a detail naming a record by its key, never
 * by a value.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_chain.h"
#include "db.h"
#include "db_internal.h"
#include "gettext.h"
#include "schema.h"
#include "text.h"
#include "validate.h"

struct db_checker {
	struct db *db;
	db_problem_fn fn;
	void *ctx;
	int count;
};

/* A problem db_check found. */
void db_check_problem(struct db_checker *c, const char *msgid, const char *detail)
{
	c->count++;
	if (c->fn)
		c->fn(c->ctx, msgid, detail);
}

/* A problem with one record: the detail is "table id", a key only. */
void db_check_problem_row(struct db_checker *c, const char *msgid, const char *tbl,
                          int64_t id)
{
	char detail[96];

	snprintf(detail, sizeof detail, "%s %" PRId64, tbl, id);
	db_check_problem(c, msgid, detail);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? s : "";
}

/* ROW on each row of each query that QUERIES gives of the registers'
 * extras, while they read well; SQLite's last code. */
static int each_query_row(struct db_checker *c,
                          const struct db_check_query *(*queries)(const struct db_extras *e),
                          void (*row)(struct db_checker *c, const struct db_check_query *q,
                                      sqlite3_stmt *st, void *ctx),
                          void *ctx)
{
	int rc = SQLITE_DONE;

	for (size_t i = 0; i < db_extras_count && rc == SQLITE_DONE; i++)
		for (const struct db_check_query *q = queries(db_extras_list[i]);
		     rc == SQLITE_DONE && q && q->tbl; q++) {
			sqlite3_stmt *st = db_prepare(c->db, q->sql);

			if (!st)
				return SQLITE_ERROR;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				row(c, q, st, ctx);
			sqlite3_reset(st);
		}
	return rc;
}

/* The registers' queries of names with their keys, and of ID numbers. */
static const struct db_check_query *name_keys_of(const struct db_extras *e)
{
	return e->name_keys;
}

static const struct db_check_query *id_numbers_of(const struct db_extras *e)
{
	return e->id_numbers;
}

/* A row of Q (id, name, its four keys): the sort and search keys derived
 * again from the name (db_name_keys, into the struct db_name_keys K)
 * and compared with those stored. */
static void key_row(struct db_checker *c, const struct db_check_query *q,
                    sqlite3_stmt *st, void *k)
{
	struct db_name_keys *keys = k;

	db_name_keys(col_text(st, 1), keys);
	if (strcmp(keys->strokes, col_text(st, 2)) ||
	    strcmp(keys->pinyin, col_text(st, 3)) ||
	    strcmp(keys->initials, col_text(st, 4)) ||
	    strcmp(keys->pinyin_key, col_text(st, 5)))
		db_check_problem_row(c, N_("a sort key is out of date"), q->tbl,
		                     sqlite3_column_int64(st, 0));
}

/* The registers' tables whose name_* columns are derived from name. */
static int check_keys(struct db_checker *c)
{
	struct db_name_keys *k = malloc(sizeof *k);
	int rc;

	if (!k)
		return SQLITE_NOMEM;
	rc = each_query_row(c, name_keys_of, key_row, k);
	free(k);
	return rc;
}

/* A row of Q (id, ID number): 18 characters, the last a check digit. */
static void id_number_row(struct db_checker *c, const struct db_check_query *q,
                          sqlite3_stmt *st, void *ctx)
{
	const char *idn = col_text(st, 1);
	int64_t id = sqlite3_column_int64(st, 0);

	(void)ctx;
	if (strlen(idn) != 18 || strspn(idn, "0123456789") < 17)
		db_check_problem_row(c, N_("an ID number is not 18 characters long"),
		                     q->tbl, id);
	else if (valid_id_checksum(idn) != idn[17])
		db_check_problem_row(c, N_("an ID number has a wrong check digit"),
		                     q->tbl, id);
}

/* The registers' tables holding ID numbers. */
static int check_id_numbers(struct db_checker *c)
{
	return each_query_row(c, id_numbers_of, id_number_row, NULL);
}

/* Each row ST gives, its first column the key of a row of TBL, is a
 * problem MSGID; ST is reset, the last step's code returned. */
static int problem_rows(struct db_checker *c, sqlite3_stmt *st, const char *msgid,
                        const char *tbl)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		db_check_problem_row(c, msgid, tbl, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return rc;
}

/* The registers' rules over single rows; TODAY binds their ?1.  DB_OK,
 * or DB_ERROR with db_errmsg() saying why. */
static int check_rules(struct db_checker *c, const char *today)
{
	for (size_t i = 0; i < db_extras_count; i++) {
		const struct db_check_rule *r = db_extras_list[i]->rules;

		for (; r && r->msgid; r++) {
			sqlite3_stmt *st = db_prepare(c->db, r->sql);
			int rc;

			if (!st)
				return DB_ERROR;
			if (sqlite3_bind_parameter_count(st) > 0)
				sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
			rc = problem_rows(c, st, r->msgid, r->tbl);
			if (rc != SQLITE_DONE) {
				db_fail(c->db, rc);
				return DB_ERROR;
			}
		}
	}
	return DB_OK;
}

/* The registers' own checks: DB_OK, or DB_ERROR as check_rules. */
static int check_extras(struct db_checker *c)
{
	for (size_t i = 0; i < db_extras_count; i++)
		if (db_extras_list[i]->check && db_extras_list[i]->check(c->db, c) != DB_OK)
			return DB_ERROR;
	return DB_OK;
}

static const char msg_text_unsafe[] =
	N_("a text holds control characters (escape sequences, C1 or bidi controls) or bytes that are not UTF-8");
static const char msg_name_hidden[] =
	N_("a name holds invisible, variation-selector or private-use characters");

/* Whether stored text V breaks the rules of entry, column NAME being a
 * name (refusing TEXT_HIDDEN too); the problem's message id or NULL. */
static const char *text_problem(const char *v, bool name)
{
	enum text_class cls = text_scan(v, TEXT_UNSAFE | (name ? TEXT_HIDDEN : 0), NULL);

	if (cls == TEXT_PLAIN)
		return NULL;
	return TEXT_UNSAFE & TEXT_CLASS_BIT(cls) ? msg_text_unsafe : msg_name_hidden;
}

/* FN on each audited table in turn while it returns SQLITE_DONE: its
 * last code, or SQLITE_ERROR when the tables cannot be listed. */
static int each_audited_table(struct db_checker *c,
                              int (*fn)(struct db_checker *c, const char *table))
{
	int n, rc = SQLITE_DONE;
	char **tables = db_audited_tables(c->db->h, &n);

	for (int i = 0; i < n && rc == SQLITE_DONE; i++)
		rc = fn(c, tables[i]);
	db_free_names(tables);
	return n < 0 ? SQLITE_ERROR : rc;
}

/* The statement of the SQL built in S (finished here), prepared outside
 * the cache: finalize it.  NULL when memory ran out or it failed. */
static sqlite3_stmt *prepare_built(sqlite3 *h, sqlite3_str *s)
{
	char *sql = sqlite3_str_finish(s);
	sqlite3_stmt *st = NULL;

	if (sql && sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		st = NULL;
	sqlite3_free(sql);
	return st;
}

/* Stored text that zhibu would not have taken: a control character (ESC,
 * C1), a bidi control, a noncharacter or bytes that are not UTF-8 in any
 * text of a register, or an invisible, variation-selector or private-use
 * character in a name (a column "name", the branch's).  A file written by
 * another program, or before these rules; the exits show such text with
 * placeholders, and this names where it is: table, id, column, no value. */
static int check_text_table(struct db_checker *c, const char *table)
{
	sqlite3_stmt *st;
	sqlite3_str *s;
	char **cols;
	int ncols, rc;

	if (strcmp(table, "settings") == 0)
		return SQLITE_DONE;     /* below: only the branch's name is text */
	cols = db_names_of(c->db->h, "SELECT name FROM pragma_table_info(?1, 'main')"
	                " WHERE type = 'TEXT' ORDER BY cid", table, &ncols);
	if (ncols <= 0) {
		db_free_names(cols);
		return ncols < 0 ? SQLITE_ERROR : SQLITE_DONE;
	}
	/* table and column names from the schema, quoted; never a value */
	s = sqlite3_str_new(c->db->h);
	sqlite3_str_appendall(s, "SELECT id");
	for (int k = 0; k < ncols; k++)
		sqlite3_str_appendf(s, ", \"%w\"", cols[k]);
	sqlite3_str_appendf(s, " FROM main.\"%w\"", table);
	st = prepare_built(c->db->h, s);
	if (!st) {
		db_free_names(cols);
		return SQLITE_ERROR;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int k = 0; k < ncols; k++) {
			const char *v = (const char *)sqlite3_column_text(st, k + 1);
			const char *why = v ? text_problem(v, strcmp(cols[k], "name") == 0) : NULL;
			char detail[160];

			if (!why)
				continue;
			snprintf(detail, sizeof detail, "%s %" PRId64 " %s", table,
			         (int64_t)sqlite3_column_int64(st, 0), cols[k]);
			db_check_problem(c, why, detail);
		}
	}
	sqlite3_finalize(st);
	db_free_names(cols);
	return rc;
}

static int check_text(struct db_checker *c)
{
	sqlite3_stmt *st;
	int rc = each_audited_table(c, check_text_table);

	if (rc != SQLITE_DONE)
		return rc;
	st = db_prepare(c->db, "SELECT value FROM settings WHERE key = 'branch.name'");
	if (!st)
		return SQLITE_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *why = text_problem(col_text(st, 0), true);

		if (why)
			db_check_problem(c, why, "settings branch.name");
	}
	sqlite3_reset(st);
	return rc;
}

/* The columns of table T, NULL-ended (for the audit JSON). */
static char **table_columns(sqlite3 *h, const char *t, int *n)
{
	return db_names_of(h, "SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid",
	                t, n);
}

/* The value column COL of TABLE got when it was added later
 * (schema_late_columns), or NULL: it was there from the start. */
static const char *late_initial(const char *table, const char *col)
{
	for (const struct schema_late_column *l = schema_late_columns(); l->tbl; l++)
		if (strcmp(l->tbl, table) == 0 && strcmp(l->col, col) == 0)
			return l->initial;
	return NULL;
}

/* The audit log must match the data (SPEC 6): every record of an audited
 * table has audit rows, and its values now are the new values of one of
 * them, as the triggers wrote them.  A record written while auditing was
 * off (a merge) or changed behind zhibu's back (the sqlite3 shell) shows
 * up here.  The columns added to the table later (schema_late_columns),
 * in the order they were added, are missing from the audit rows written
 * before them: a record whose columns from the Gth late one on still
 * hold the values they brought may match such rows without them. */
static int check_audit_table(struct db_checker *c, const char *table)
{
	sqlite3_str *s = sqlite3_str_new(c->db->h);
	char **cols, **early;
	int ncols, nlate = 0, rc, *late;
	sqlite3_stmt *st;

	cols = table_columns(c->db->h, table, &ncols);
	early = ncols > 0 ? calloc((size_t)ncols + 1, sizeof *early) : NULL;
	late = ncols > 0 ? calloc((size_t)ncols, sizeof *late) : NULL;
	if (ncols <= 0 || !early || !late) {
		db_free_names(cols);
		free(early);
		free(late);
		sqlite3_free(sqlite3_str_finish(s));
		return SQLITE_ERROR;
	}
	for (int k = 0; k < ncols; k++)
		if (late_initial(table, cols[k]))
			late[nlate++] = k;
	/* table and column names from the schema, quoted; never a value */
	/* CASE tries the generations one by one, the newest first, and
	 * stops at the first that matches (OR would build every one) */
	sqlite3_str_appendf(s, "SELECT t.id, EXISTS (SELECT 1 FROM audit_log AS a"
	    " WHERE a.tbl = ?1 AND a.row_id = t.id), CASE WHEN EXISTS (SELECT 1 FROM"
	    " audit_log AS a WHERE a.tbl = ?1 AND a.row_id = t.id AND a.new = ");
	db_audit_json(s, "t", cols, ncols);
	sqlite3_str_appendall(s, ") THEN 1");
	for (int g = nlate - 1; g >= 0; g--) {
		int nearly = 0, j = g;

		sqlite3_str_appendall(s, " WHEN (1");
		for (int k = 0; k < ncols; k++) {
			if (j < nlate && late[j] == k)
				sqlite3_str_appendf(s, " AND t.\"%w\" IS %s", cols[k],
				                    late_initial(table, cols[late[j++]]));
			else
				early[nearly++] = cols[k];
		}
		sqlite3_str_appendall(s, " AND EXISTS (SELECT 1 FROM audit_log AS a"
		    " WHERE a.tbl = ?1 AND a.row_id = t.id AND a.new = ");
		db_audit_json(s, "t", early, nearly);
		sqlite3_str_appendall(s, ")) THEN 1");
	}
	sqlite3_str_appendall(s, " ELSE 0 END");
	sqlite3_str_appendf(s, " FROM main.\"%w\" AS t", table);
	free(early);
	free(late);
	db_free_names(cols);
	st = prepare_built(c->db->h, s);
	if (!st)
		return SQLITE_ERROR;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!sqlite3_column_int(st, 1))
			db_check_problem_row(c, N_("a record has no audit record"), table,
			            sqlite3_column_int64(st, 0));
		else if (!sqlite3_column_int(st, 2))
			db_check_problem_row(c, N_("a record differs from its audit trail (changed outside zhibu?)"),
			            table, sqlite3_column_int64(st, 0));
	}
	sqlite3_finalize(st);
	return rc;
}

static int check_audit(struct db_checker *c)
{
	return each_audited_table(c, check_audit_table);
}

/* A problem with one link of the change log's chain. */
static void problem_link(struct db_checker *c, const char *msgid, int64_t id, int64_t seq)
{
	char detail[96];

	snprintf(detail, sizeof detail, "audit_log %" PRId64 ", seq %" PRId64, id, seq);
	db_check_problem(c, msgid, detail);
}

/* The change log's chain (audit_chain.h), walked in its order: every row
 * has its place, no place is empty, and every hash is that of the row
 * before and of the row's own columns.  A row written by a program
 * without zhibu_chain() has no place; a row changed after it was written
 * no longer matches its hash; a row removed leaves a gap.  The next row
 * links to what the one before it holds, so one change is one problem,
 * named with the row and its place. */
static int check_chain(struct db_checker *c)
{
	static const char outside[] =
	    "SELECT id FROM audit_log WHERE seq IS NULL ORDER BY at, id";
	static const char walk[] =
	    "SELECT seq, id, at, os_user, tbl, row_id, action, old, new, hash"
	    " FROM audit_log WHERE seq IS NOT NULL ORDER BY seq";
	struct audit_chain_field f[AUDIT_CHAIN_FIELDS];
	char want[AUDIT_CHAIN_HEX + 1], *prev = NULL;
	int64_t expect = 1;
	bool known = true;
	sqlite3_stmt *st;
	int rc;

	if (!db_audit_chained(c->db->h))
		return SQLITE_DONE;
	st = db_prepare(c->db, outside);
	if (!st)
		return SQLITE_ERROR;
	rc = problem_rows(c, st, N_("a change log row is outside the chain (written by another program?)"),
	                  "audit_log");
	if (rc != SQLITE_DONE)
		return rc;

	st = db_prepare(c->db, walk);
	if (!st)
		return SQLITE_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(st, 0), id = sqlite3_column_int64(st, 1);
		const char *hash = (const char *)sqlite3_column_text(st, 9);

		if (sqlite3_column_type(st, 0) != SQLITE_INTEGER || seq < expect) {
			/* a place taken twice, or not a place: not a link */
			problem_link(c, N_("a change log row does not match its link in the chain (changed after it was written?)"),
			             id, seq);
			continue;
		}
		if (seq > expect) {
			char detail[96];

			if (seq == expect + 1)
				snprintf(detail, sizeof detail, "seq %" PRId64 ", before audit_log %" PRId64,
				         expect, id);
			else
				snprintf(detail, sizeof detail, "seq %" PRId64 "-%" PRId64
				         ", before audit_log %" PRId64, expect, seq - 1, id);
			db_check_problem(c, N_("change log rows are missing from the chain (removed?)"), detail);
			known = false;
		}
		if (known) {
			for (int i = 0; i < AUDIT_CHAIN_FIELDS; i++) {
				f[i].p = sqlite3_column_type(st, i) == SQLITE_NULL ? NULL
				         : sqlite3_column_text(st, i);
				f[i].n = f[i].p ? (size_t)sqlite3_column_bytes(st, i) : 0;
			}
			audit_chain_hash(prev, f, want);
			if (!hash || strcmp(hash, want) != 0)
				problem_link(c, N_("a change log row does not match its link in the chain (changed after it was written?)"),
				             id, seq);
		}
		/* the next row links to this one as the trigger linked it:
		 * to what it holds, the genesis when it holds nothing */
		free(prev);
		prev = hash ? strdup(hash) : NULL;
		if (hash && !prev) {
			rc = SQLITE_NOMEM;
			break;
		}
		known = true;
		expect = seq + 1;
	}
	free(prev);
	sqlite3_reset(st);
	return rc;
}

/* Change log rows whose values the screens cannot read (DB_AUDIT_READABLE):
 * written by another program, or damaged.  They show as unreadable on
 * their line of the log and of a history; here they are named. */
static int check_audit_json(struct db_checker *c)
{
	static const char sql[] =
	    "SELECT a.id FROM audit_log AS a WHERE NOT " DB_AUDIT_READABLE("a")
	    " ORDER BY a.at, a.id";
	sqlite3_stmt *st = db_prepare(c->db, sql);

	return st ? problem_rows(c, st, N_("a change log row cannot be read (its values are not valid JSON)"),
	                         "audit_log") : SQLITE_ERROR;
}

/* The chain still holds HEAD at its place. */
int db_check_head(struct db *db, const char *head, db_problem_fn fn, void *ctx)
{
	static const char sql[] = "SELECT hash FROM audit_log WHERE seq = ?1";
	static const char last[] = "SELECT coalesce(max(seq), 0) FROM audit_log";
	struct db_checker c = { db, fn, ctx, 0 };
	char hex[AUDIT_CHAIN_HEX + 1], detail[192];
	sqlite3_stmt *st;
	int64_t n;
	int rc;

	if (!db_audit_head_parse(head, &n, hex)) {
		db_set_msg(db, N_("a change log head is N:HASH, with 8 to 64 hex digits of the hash"));
		return DB_ERROR;
	}
	if (n == 0)
		return 0;
	st = db_prepare(db, sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, n);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *hash = col_text(st, 0);

		if (strncmp(hash, hex, strlen(hex)) != 0) {
			snprintf(detail, sizeof detail, "seq %" PRId64 ": %s -> %.*s", n, hex,
			         (int)strlen(hex), audit_chain_hex_valid(hash) ? hash : "?");
			db_check_problem(&c, N_("the change log differs from a head recorded before (rewritten since?)"),
			        detail);
		}
		sqlite3_reset(st);
	} else if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		st = db_prepare(db, last);
		if (!st)
			return DB_ERROR;
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			rc = db_fail(db, rc);
			sqlite3_reset(st);
			return rc;
		}
		if (sqlite3_column_int64(st, 0) < n)
			snprintf(detail, sizeof detail, "seq %" PRId64 " > %" PRId64, n,
			         (int64_t)sqlite3_column_int64(st, 0));
		else
			snprintf(detail, sizeof detail, "seq %" PRId64, n);
		sqlite3_reset(st);
		db_check_problem(&c, N_("the change log no longer holds a head recorded before (rows removed since?)"),
		        detail);
	} else {
		rc = db_fail(db, rc);
		sqlite3_reset(st);
		return rc;
	}
	return c.count;
}

/* integrity_check, foreign_key_check and the program's own rules. */
int db_check(struct db *db, db_problem_fn fn, void *ctx)
{
	struct db_checker c = { db, fn, ctx, 0 };
	sqlite3_stmt *st;
	char today[11];
	int rc;

	/* PRAGMA integrity_check: "ok", or one row per problem (page and
	 * index names, no values) */
	st = db_prepare(db, "PRAGMA integrity_check");
	if (!st)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = col_text(st, 0);

		if (strcmp(s, "ok") != 0)
			db_check_problem(&c, N_("the database file is damaged"), s);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;

	st = db_prepare(db, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
	if (!st)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char detail[160];

		snprintf(detail, sizeof detail, "%s %" PRId64 " -> %s", col_text(st, 0),
		         (int64_t)sqlite3_column_int64(st, 1), col_text(st, 2));
		db_check_problem(&c, N_("a record refers to a missing record"), detail);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;

	valid_today(today);
	if (check_rules(&c, today) != DB_OK)
		return DB_ERROR;
	if ((rc = check_keys(&c)) != SQLITE_DONE)
		goto fail;
	if ((rc = check_id_numbers(&c)) != SQLITE_DONE)
		goto fail;
	if (check_extras(&c) != DB_OK)
		return DB_ERROR;
	if ((rc = check_text(&c)) != SQLITE_DONE)
		goto fail;
	if ((rc = check_audit(&c)) != SQLITE_DONE)
		goto fail;
	if ((rc = check_audit_json(&c)) != SQLITE_DONE)
		goto fail;
	if ((rc = check_chain(&c)) != SQLITE_DONE)
		goto fail;

	if (!db->memory) {
		char *wal = NULL;

		if (db_world_readable(db->path))
			db_check_problem(&c, N_("the database file can be read by other users"), db->path);
		if (asprintf(&wal, "%s-wal", db->path) >= 0) {
			if (db_world_readable(wal))
				db_check_problem(&c, N_("the database file can be read by other users"), wal);
			free(wal);
		}
	}
	return c.count;
fail:
	db_fail(db, rc);
	return DB_ERROR;
}
