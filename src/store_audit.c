/* store_audit.c - reading a record's history back from the audit log. */
#include "config.h"

#include <stdio.h>

#include "store.h"

/* Each changed column of each audit row of one record: for an insert all
 * non-empty columns, for an update those whose value differs.  The
 * derived keys (name_*) and the bookkeeping columns are left out. */
int store_audit_each(struct db *db, const char *table, int64_t row_id,
                     void (*fn)(void *ctx, const struct store_change *c),
                     void *ctx)
{
	static const char sql[] =
		"SELECT strftime('%Y-%m-%d %H:%M', a.at, 'localtime'), a.os_user,"
		" a.action, j.key,"
		" json_extract(a.old, '$.\"' || j.key || '\"'), j.value"
		" FROM audit_log a, json_each(coalesce(a.new, a.old)) j"
		" WHERE a.tbl = ?1 AND a.row_id = ?2"
		" AND j.key NOT LIKE 'name\\_%' ESCAPE '\\'"
		" AND j.key NOT IN ('id', 'created_at', 'updated_at', 'version')"
		" AND (a.action <> 'update'"
		"      OR json_extract(a.old, '$.\"' || j.key || '\"') IS NOT j.value)"
		" AND (a.action <> 'insert' OR coalesce(j.value, '') <> '')"
		" ORDER BY a.at, a.id, j.id";
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, row_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_change c = {
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4),
			(const char *)sqlite3_column_text(st, 5),
		};
		fn(ctx, &c);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
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
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, row_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(user, usersz, "%s", sqlite3_column_text(st, 0));
		snprintf(at, atsz, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : rc == SQLITE_DONE ? DB_NOTFOUND : DB_ERROR;
}
