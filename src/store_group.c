/* store_group.c - the branch's party groups (党小组), an editable list. */
#include "config.h"

#include "store.h"

/* SELECT g.id, g.name, count(m.id) FROM party_groups g LEFT JOIN members m
 * ON m.party_group_id = g.id AND m.status IN ('在册','流出') GROUP BY g.id
 * ORDER BY g.position, g.name */
int store_group_each(struct db *db,
                     void (*fn)(void *ctx, int64_t id, const char *name,
                                int64_t members),
                     void *ctx)
{
	static const char sql[] =
		"SELECT g.id, g.name, count(m.id) FROM party_groups g"
		" LEFT JOIN members m ON m.party_group_id = g.id"
		" AND m.status IN ('在册', '流出')"
		" GROUP BY g.id ORDER BY g.position, g.name";
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0),
		   (const char *)sqlite3_column_text(st, 1),
		   sqlite3_column_int64(st, 2));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
}

/* UPDATE party_groups SET name = ?, version = version + 1, updated_at = now
 * WHERE id = ? */
int store_group_rename(struct db *db, int64_t id, const char *name)
{
	static const char sql[] =
		"UPDATE party_groups SET name = ?1, version = version + 1,"
		" updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?2";
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT)
		return DB_DUPLICATE;
	if (rc != SQLITE_DONE)
		return rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
	return sqlite3_changes(db_handle(db)) == 1 ? DB_OK : DB_NOTFOUND;
}
