/* flow_store.c - 流动党员 and their contacts in SQL (store.h), and the
 * change of a record's status.  What a change does to the member on the
 * roster (流出 on departure, 在册 on return) is the TEMP triggers' of
 * flow_db.c: the same statement, so one transaction, both audited. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "flow.h"
#include "flow_reg.h"
#include "store.h"

#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

STORE_SQL(flow_sql);

const struct store_def flow_store = {
	.table = "flows",
	.fields = flow_fields,
	STORE_RECORD(struct flow),
	.sort_name = "name",
	.sql = &flow_sql,
};

STORE_SQL(contact_sql);

const struct store_def contact_store = {
	.table = "flow_contacts",
	.fields = contact_fields,
	STORE_RECORD(struct flow_contact),
	.sql = &contact_sql,
};

/* UPDATE flows SET status = ?2, status_date = ?3, status_reason = ?4,
 *   return_date = (?3 when ?2 is 已返回, else as it was),
 *   version = version + 1, updated_at = now
 * WHERE id = ?1 AND version = ?5 RETURNING version, updated_at */
int store_flow_set_status(struct db *db, struct flow *f, const char *status,
                          const char *date, const char *reason)
{
	static const char sql[] =
	    "UPDATE flows SET status = ?2, status_date = ?3, status_reason = ?4,"
	    " return_date = CASE WHEN ?2 = '已返回' THEN ?3 ELSE return_date END,"
	    " version = version + 1, updated_at = " SQL_NOW
	    " WHERE id = ?1 AND version = ?5 RETURNING version, updated_at";
	struct flow keep = *f;
	bool own;
	int rc;
	sqlite3_stmt *st = db_write_prepare(db, sql, &own, &rc);

	if (!st)
		return rc;
	sqlite3_bind_int64(st, 1, f->id);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
	if (date && date[0])
		sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, reason ? reason : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, f->version);
	rc = db_write_end(db, own, store_step_versioned(db, &flow_store, st, f));
	if (rc != DB_OK) {
		f->version = keep.version;
		memcpy(f->updated_at, keep.updated_at, sizeof f->updated_at);
		return rc;
	}
	if (strcmp(status, "已返回") == 0)
		snprintf(f->return_date, sizeof f->return_date, "%s", date ? date : "");
	snprintf(f->status, sizeof f->status, "%s", status);
	snprintf(f->status_date, sizeof f->status_date, "%s", date ? date : "");
	snprintf(f->status_reason, sizeof f->status_reason, "%s", reason ? reason : "");
	return DB_OK;
}
