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
int store_member_set_status(struct db *db, struct member *m,
                            const char *status, const char *date,
                            const char *reason)
{
	return store_set_status(db, &member_store, m, status, date, reason);
}

