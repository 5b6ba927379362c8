/* flow_io.c - 流动党员 as an io_table: "zhibu import|export flows".  A
 * 流出 row names its member by the ID number (the roster's key for
 * people); a row whose member is not on the roster is rejected with its
 * line and the reason. */
#include "config.h"

#include "flow_reg.h"
#include "gettext.h"
#include "io.h"

/* Columns a file must have: the direction, and the ID number that
 * names a 流出's member and a 流入's person. */
static const char *const flow_required[] = { "direction", "id_number", NULL };

static int flow_io_check(void *rec, const char *today, struct field_problem *p, int max)
{
	return flow_check(rec, today, p, max);
}

static int flow_io_resolve(struct db *db, void *rec, struct field_problem *p, int max)
{
	return flow_resolve(db, rec, p, max);
}

const struct io_table flow_io_table = {
	.name = "flows",
	.store = &flow_store,
	.query = &flow_queries,
	.required = flow_required,
	.init = flow_init,
	.check = flow_io_check,
	.resolve = flow_io_resolve,
	.label_field = "name",
};

/* 联系记录: each names its flowing member by the ID number. */
static const char *const contact_required[] = { "id_number", "date", "content", NULL };

static int contact_io_check(void *rec, const char *today, struct field_problem *p, int max)
{
	return contact_check(rec, today, p, max);
}

static int contact_io_resolve(struct db *db, void *rec, struct field_problem *p, int max)
{
	return contact_resolve(db, rec, p, max);
}

const struct io_table contact_io_table = {
	.name = "flow_contacts",
	.store = &contact_store,
	.query = &contact_queries,
	.required = contact_required,
	.init = contact_init,
	.check = contact_io_check,
	.resolve = contact_io_resolve,
	.label_field = "date",
};
