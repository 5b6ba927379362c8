/* store_audit.c - reading a record's history back from the audit log. */
#include "config.h"

#include <stdio.h>

#include "store.h"

/* Each changed column of each audit row of one record: for an insert all
 * non-empty columns, for an update those whose value differs.  The
 * derived keys (name_*) and the bookkeeping columns are left out.  A row
 * whose values cannot be read (DB_AUDIT_READABLE: written or damaged by
 * another program) is one call with no field, in its place: it hides
 * neither the rows before it nor those after. */
int store_audit_each(struct db *db, const char *table, int64_t row_id,
                     store_change_fn *fn, void *ctx)
{
	static const char sql[] =
		"SELECT a.id, strftime('%Y-%m-%d %H:%M', a.at, 'localtime'), a.os_user,"
		" a.action, j.key,"
		" json_extract(a.old, '$.\"' || j.key || '\"'), j.value, a.at, j.id"
		" FROM audit_log a, json_each(CASE WHEN " DB_AUDIT_READABLE("a")
		"  THEN coalesce(a.new, a.old) END) j"
		" WHERE a.tbl = ?1 AND a.row_id = ?2"
		" AND j.key NOT LIKE 'name\\_%' ESCAPE '\\'"
		" AND j.key NOT IN ('id', 'created_at', 'updated_at', 'version')"
		" AND (a.action <> 'update'"
		"      OR json_extract(a.old, '$.\"' || j.key || '\"') IS NOT j.value)"
		" AND (a.action <> 'insert' OR coalesce(j.value, '') <> '')"
		" UNION ALL"
		" SELECT a.id, strftime('%Y-%m-%d %H:%M', a.at, 'localtime'), a.os_user,"
		" a.action, NULL, NULL, NULL, a.at, 0"
		" FROM audit_log a WHERE a.tbl = ?1 AND a.row_id = ?2"
		" AND NOT " DB_AUDIT_READABLE("a")
		" ORDER BY 8, 1, 9";
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, row_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_change c = {
			sqlite3_column_int64(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4),
			(const char *)sqlite3_column_text(st, 5),
			(const char *)sqlite3_column_text(st, 6),
		};
		fn(ctx, &c);
	}
	return db_rows_end(st, rc);
}

/* SELECT os_user, at FROM audit_log WHERE tbl = ? AND row_id = ?
 * ORDER BY at DESC LIMIT 1 */
int store_audit_last(struct db *db, const char *table, int64_t row_id,
                     char *user, size_t usersz, char *at, size_t atsz)
{
	static const char sql[] =
		"SELECT os_user, strftime('%Y-%m-%d %H:%M', at, 'localtime')"
		" FROM audit_log WHERE tbl = ?1 AND row_id = ?2"
		" ORDER BY at DESC LIMIT 1";
	int rc;
	sqlite3_stmt *st = db_step_with(db, sql, &rc, "ti", table, row_id);

	if (!st)
		return DB_ERROR;
	if (rc == SQLITE_ROW) {
		snprintf(user, usersz, "%s", sqlite3_column_text(st, 0));
		snprintf(at, atsz, "%s", sqlite3_column_text(st, 1));
	}
	return db_row_end(NULL, st, rc);
}

/* The log newest first: (at, id) descending is the order; "after" a row
 * means older.  The record's name comes from its own JSON, the changed
 * columns from comparing old and new; neither is read from a row whose
 * values are not JSON (DB_AUDIT_READABLE), which is flagged instead. */
#define AUDIT_COLUMNS \
	"SELECT a.id, a.at, strftime('%Y-%m-%d %H:%M', a.at, 'localtime')," \
	" a.os_user, a.tbl, a.row_id, a.action," \
	" CASE WHEN " DB_AUDIT_READABLE("a") \
	" THEN coalesce(json_extract(coalesce(a.new, a.old), '$.name')," \
	"               json_extract(coalesce(a.new, a.old), '$.key'), '')" \
	" ELSE '' END," \
	" CASE WHEN NOT " DB_AUDIT_READABLE("a") " THEN ''" \
	" WHEN a.action = 'update' THEN (SELECT group_concat(j.key, ',')" \
	"   FROM json_each(a.new) AS j" \
	"   WHERE j.key NOT IN ('id', 'created_at', 'updated_at', 'version')" \
	"   AND j.key NOT LIKE 'name\\_%' ESCAPE '\\'" \
	"   AND json_extract(a.old, '$.\"' || j.key || '\"') IS NOT j.value)" \
	" ELSE '' END," \
	" " DB_AUDIT_READABLE("a") \
	" FROM audit_log AS a"

/* After, before, from a row; the newest and the oldest rows.  The row
 * comparison stands alone so that it is a range of audit_log_at. */
static const char *const audit_page_sql[5] = {
	AUDIT_COLUMNS " WHERE (a.at, a.id) < (?1, ?2)"
	" ORDER BY a.at DESC, a.id DESC LIMIT ?3",
	AUDIT_COLUMNS " WHERE (a.at, a.id) > (?1, ?2)"
	" ORDER BY a.at, a.id LIMIT ?3",
	AUDIT_COLUMNS " WHERE (a.at, a.id) <= (?1, ?2)"
	" ORDER BY a.at DESC, a.id DESC LIMIT ?3",
	AUDIT_COLUMNS " ORDER BY a.at DESC, a.id DESC LIMIT ?3",
	AUDIT_COLUMNS " ORDER BY a.at, a.id LIMIT ?3",
};

int store_audit_page(struct db *db, const char *key, int64_t id, int dir,
                     int n, struct store_audit_row *rows)
{
	int which = !key ? (dir < 0 ? 4 : 3) : dir > 0 ? 0 : dir < 0 ? 1 : 2;
	int got = 0, rc = SQLITE_DONE, i;
	sqlite3_stmt *st = db_prepare(db, audit_page_sql[which]);

	if (!st)
		return DB_ERROR;
	if (key) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, id);
	}
	sqlite3_bind_int(st, 3, n);
	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_audit_row *r = &rows[got++];

		r->id = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, r->key, sizeof r->key);
		store_column_copy(st, 2, r->at, sizeof r->at);
		store_column_copy(st, 3, r->os_user, sizeof r->os_user);
		store_column_copy(st, 4, r->tbl, sizeof r->tbl);
		r->row_id = sqlite3_column_int64(st, 5);
		store_column_copy(st, 6, r->action, sizeof r->action);
		store_column_copy(st, 7, r->name, sizeof r->name);
		store_column_copy(st, 8, r->fields, sizeof r->fields);
		r->unreadable = !sqlite3_column_int(st, 9);
	}
	sqlite3_reset(st);
	if (got < n && rc != SQLITE_DONE)
		return rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
	if (which == 1 || which == 4)
		for (i = 0; i < got / 2; i++) {
			struct store_audit_row t = rows[i];

			rows[i] = rows[got - 1 - i];
			rows[got - 1 - i] = t;
		}
	return got;
}

/* SELECT count(*) FROM audit_log */
int64_t store_audit_count(struct db *db)
{
	static const char sql[] = "SELECT count(*) FROM audit_log";
	sqlite3_stmt *st = db_prepare(db, sql);
	int64_t n = -1;

	if (!st)
		return DB_ERROR;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}
