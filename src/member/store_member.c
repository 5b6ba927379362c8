/* store_member.c - 党员花名册 rows in SQL (SPEC 1.1, 6): how the roster's
 * record lives in its table (store.h), and the change of 党籍状态.
 *
 * The store trusts its caller: member_check has normalized and validated
 * the fields; the schema's CHECK constraints guard the basics.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "gettext.h"
#include "store.h"
#include "store_member.h"

#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

static const struct store_unique member_unique[] = {
	/* the schema's members_id_number (SPEC 1.1) */
	{ "id_number", N_("a member with this ID number exists already") },
	{ NULL, NULL },
};

STORE_SQL(member_sql);

const struct store_def member_store = {
	.table = "members",
	.fields = member_fields,
	STORE_RECORD(struct member),
	.sort_name = "name",
	.unique = member_unique,
	.sql = &member_sql,
};

/* Copy SRC into a field; the caller may pass the field itself. */
static void set_field(char *dst, size_t sz, const char *src)
{
	if (dst != src)
		snprintf(dst, sz, "%s", src);
}

/* UPDATE members SET status = ?2, status_date = ?3, status_reason = ?4,
 *   version = version + 1, updated_at = now
 * WHERE id = ?1 AND version = ?5 RETURNING version, updated_at */
int store_member_set_status(struct db *db, struct member *m,
                            const char *status, const char *date,
                            const char *reason)
{
	static const char sql[] =
	    "UPDATE members SET status = ?2, status_date = ?3, status_reason = ?4,"
	    " version = version + 1, updated_at = " SQL_NOW
	    " WHERE id = ?1 AND version = ?5 RETURNING version, updated_at";
	struct member keep = *m;
	bool own;
	int rc;
	sqlite3_stmt *st = db_write_prepare(db, sql, &own, &rc);

	if (!st)
		return rc;
	sqlite3_bind_int64(st, 1, m->id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	if (date && date[0])    /* an optional date: NULL when empty */
		sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, reason ? reason : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, m->version);
	rc = db_write_end(db, own, store_step_versioned(db, &member_store, st, m));
	if (rc != DB_OK) {
		m->version = keep.version;
		memcpy(m->updated_at, keep.updated_at, sizeof m->updated_at);
		return rc;
	}
	set_field(m->status, sizeof m->status, status);
	set_field(m->status_date, sizeof m->status_date, date ? date : "");
	set_field(m->status_reason, sizeof m->status_reason, reason ? reason : "");
	return DB_OK;
}

