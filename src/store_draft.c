/* store_draft.c - forms kept when the connection dropped, per OS user.
 *
 * A draft is written from the main loop after SIGHUP or SIGTERM, never
 * from the signal handler.  Its values are kept as typed, unchecked: they
 * become a record only through the form's usual checks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* SELECT json_set(?1, '$."' || ?2 || '"', ?3): one field into the JSON,
 * the key quoted so that any key is a single member name. */
static char *json_add(struct db *db, char *json, const char *key,
                      const char *value)
{
	static const char sql[] = "SELECT json_set(?1, '$.\"' || ?2 || '\"', ?3)";
	sqlite3_stmt *st = db_prepare(db, sql);
	char *out = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return out;
}

/* INSERT INTO drafts (id, os_user, tbl, row_id, base_version, fields) */
int store_draft_save(struct db *db, const char *table, int64_t row_id,
                     int64_t base_version, const char *const *keys,
                     const char *const *values, int n, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO drafts (id, os_user, tbl, row_id, base_version, fields)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	char *json = strdup("{}");
	sqlite3_stmt *st;
	bool own;
	int rc, i;

	for (i = 0; json && i < n; i++) {
		char *next = json_add(db, json, keys[i], values[i] ? values[i] : "");

		free(json);
		json = next;
	}
	if (!json)
		return DB_ERROR;
	st = db_write_prepare(db, sql, &own, &rc);
	if (!st) {
		free(json);
		return rc;
	}
	*id = db_new_id(db);
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, db_os_user(), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, table, -1, SQLITE_STATIC);
	if (row_id)
		sqlite3_bind_int64(st, 4, row_id);
	if (row_id)
		sqlite3_bind_int64(st, 5, base_version);
	sqlite3_bind_text(st, 6, json, -1, SQLITE_STATIC);
	rc = db_write_step(db, st, own);
	free(json);
	return rc;
}

/* SELECT ... FROM drafts WHERE os_user = ? ORDER BY created_at DESC LIMIT 1 */
int store_draft_latest(struct db *db, struct store_draft *d)
{
	static const char sql[] =
		"SELECT id, tbl, coalesce(row_id, 0), coalesce(base_version, 0),"
		" strftime('%Y-%m-%d %H:%M', created_at, 'localtime'), fields"
		" FROM drafts WHERE os_user = ?1 ORDER BY created_at DESC, id LIMIT 1";
	int rc;
	sqlite3_stmt *st = db_step_with(db, sql, &rc, "t", db_os_user());

	memset(d, 0, sizeof *d);
	if (!st)
		return DB_ERROR;
	if (rc == SQLITE_ROW) {
		d->id = sqlite3_column_int64(st, 0);
		snprintf(d->tbl, sizeof d->tbl, "%s", sqlite3_column_text(st, 1));
		d->row_id = sqlite3_column_int64(st, 2);
		d->base_version = sqlite3_column_int64(st, 3);
		snprintf(d->created_at, sizeof d->created_at, "%s",
		         sqlite3_column_text(st, 4));
		d->fields = strdup((const char *)sqlite3_column_text(st, 5));
	}
	rc = db_row_end(db, st, rc);
	return rc == DB_OK && !d->fields ? DB_ERROR : rc;
}

/* SELECT json_extract(?1, '$."' || ?2 || '"') */
void store_draft_value(struct db *db, const struct store_draft *d,
                       const char *key, char *out, size_t outsz)
{
	static const char sql[] = "SELECT json_extract(?1, '$.\"' || ?2 || '\"')";
	sqlite3_stmt *st = db_prepare(db, sql);

	out[0] = 0;
	if (!st)
		return;
	sqlite3_bind_text(st, 1, d->fields, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, outsz, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

/* DELETE FROM drafts WHERE id = ? */
int store_draft_delete(struct db *db, int64_t id)
{
	static const char sql[] = "DELETE FROM drafts WHERE id = ?1";

	return db_write_with(db, sql, "i", id);
}

void store_draft_free(struct store_draft *d)
{
	free(d->fields);
	d->fields = NULL;
}
