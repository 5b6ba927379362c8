/* db_settings.c - settings kept in the database (the branch's name ...),
 * one row of the settings table each.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_internal.h"

/* A malloc'd copy of setting KEY, or NULL. */
char *db_get_setting(struct db *db, const char *key)
{
	/* SELECT value FROM settings WHERE key = ?1 */
	sqlite3_stmt *st = db_prepare(db, "SELECT value FROM settings WHERE key = ?1");
	char *v = NULL;
	int rc;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = strdup((const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_fail(db, rc);
	sqlite3_reset(st);
	return v;
}

/* Store setting KEY = VALUE (insert, or update when it changed). */
int db_set_setting(struct db *db, const char *key, const char *value)
{
	static const char sql[] =
	    "INSERT INTO settings (id, key, value, created_at, updated_at)"
	    " VALUES (?1, ?2, ?3, " SQL_NOW ", " SQL_NOW ")"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
	    " updated_at = excluded.updated_at, version = version + 1"
	    " WHERE value IS NOT excluded.value";
	bool own;
	int rc;
	sqlite3_stmt *st = db_write_prepare(db, sql, &own, &rc);

	if (!st)
		return rc;
	sqlite3_bind_int64(st, 1, db_new_id(db));
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	return db_write_step(db, st, own);
}
