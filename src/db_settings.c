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
	int rc;
	sqlite3_stmt *st = db_step_with(db, "SELECT value FROM settings WHERE key = ?1",
	                                &rc, "t", key);
	char *v = NULL;

	if (!st)
		return NULL;
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

	return db_write_with(db, sql, "itt", db_new_id(db), key, value);
}
