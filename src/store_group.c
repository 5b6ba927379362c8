/* store_group.c - the branch's party groups (党小组), an editable list. */
#include "config.h"

#include "gettext.h"
#include "store.h"


/* SELECT id, name, 0 FROM party_groups ORDER BY position, name */
int store_group_each(struct db *db,
                     void (*fn)(void *ctx, int64_t id, const char *name,
                                int64_t members),
                     void *ctx)
{
	return store_group_each_sql(db, "SELECT id, name, 0 FROM party_groups"
	                            " ORDER BY position, name", fn, ctx);
}

int store_group_each_sql(struct db *db, const char *sql,
                         void (*fn)(void *ctx, int64_t id, const char *name,
                                    int64_t count),
                         void *ctx)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0),
		   (const char *)sqlite3_column_text(st, 1),
		   sqlite3_column_int64(st, 2));
	return db_rows_end(st, rc);
}

/* UPDATE party_groups SET name = ?, version = version + 1, updated_at = now
 * WHERE id = ? */
int store_group_rename(struct db *db, int64_t id, const char *name)
{
	static const char sql[] =
		"UPDATE party_groups SET name = ?1, version = version + 1,"
		" updated_at = " SQL_NOW " WHERE id = ?2";
	int rc;
	sqlite3_stmt *st = db_step_with(db, sql, &rc, "ti", name, id);

	if (st)
		sqlite3_reset(st);      /* else rc is SQLITE_ERROR */
	if (rc == SQLITE_CONSTRAINT)
		return DB_DUPLICATE;
	if (rc != SQLITE_DONE)
		return rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
	return sqlite3_changes(db_handle(db)) == 1 ? DB_OK : DB_NOTFOUND;
}

/* SELECT id FROM party_groups WHERE name = ?1 */
int store_group_find(struct db *db, const char *name, int64_t *id)
{
	int rc;
	sqlite3_stmt *st = db_step_with(db, "SELECT id FROM party_groups WHERE name = ?1",
	                                &rc, "t", name);

	*id = 0;
	if (!st)
		return DB_ERROR;
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	return db_row_end(db, st, rc);
}

/* SELECT name FROM party_groups WHERE id = ?1 */
int store_group_name(struct db *db, int64_t id, char *name, size_t sz)
{
	int rc;
	sqlite3_stmt *st = db_step_with(db, "SELECT name FROM party_groups WHERE id = ?1",
	                                &rc, "i", id);

	name[0] = '\0';
	if (!st)
		return DB_ERROR;
	if (rc == SQLITE_ROW)
		store_column_copy(st, 0, name, sz);
	return db_row_end(db, st, rc);
}

/* Add the party group NAME unless another program added it meanwhile.
 * INSERT INTO party_groups (id, name, position, created_at, updated_at)
 *   VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM party_groups),
 *           now, now) ON CONFLICT (name) DO NOTHING */
static int group_add(struct db *db, const char *name)
{
	static const char sql[] =
	    "INSERT INTO party_groups (id, name, position, created_at, updated_at)"
	    " VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM party_groups),"
	    " " SQL_NOW ", " SQL_NOW ") ON CONFLICT (name) DO NOTHING";

	return db_write_with(db, sql, "it", db_new_id(db), name);
}

int store_group_ensure(struct db *db, const char *name, int64_t *id)
{
	int rc;

	*id = 0;
	if (!name || !name[0]) {
		db_set_errmsg(db, N_("a party group needs a name"));
		return DB_ERROR;
	}
	/* the common case reads only; when another program adds the same
	 * name meanwhile, the insert does nothing and the second look finds
	 * theirs */
	rc = store_group_find(db, name, id);
	if (rc == DB_NOTFOUND && (rc = group_add(db, name)) == DB_OK)
		rc = store_group_find(db, name, id);
	if (rc == DB_NOTFOUND) {
		db_set_errmsg(db, N_("the party group could not be stored"));
		return DB_ERROR;
	}
	return rc;
}
