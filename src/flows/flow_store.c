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


STORE_SQL(flow_sql);

const struct store_def flow_store = {
	.table = "flows",
	.fields = flow_fields,
	STORE_RECORD(struct flow),
	.sort_name = "name",
	/* 已返回 records the day of the return with the status */
	.status_more = "return_date = CASE WHEN ?2 = '已返回' THEN ?3 ELSE return_date END",
	.sql = &flow_sql,
};

STORE_SQL(contact_sql);

const struct store_def contact_store = {
	.table = "flow_contacts",
	.fields = contact_fields,
	STORE_RECORD(struct flow_contact),
	.sql = &contact_sql,
};

int store_flow_set_status(struct db *db, struct flow *f, const char *status,
                          const char *date, const char *reason)
{
	int rc = store_set_status(db, &flow_store, f, status, date, reason);

	/* 已返回 is the day of the return (the statement's status_more) */
	if (rc == DB_OK && strcmp(status, "已返回") == 0)
		snprintf(f->return_date, sizeof f->return_date, "%s", date ? date : "");
	return rc;
}
