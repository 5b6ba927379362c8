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

static const char *flow_io_label(const void *rec)
{
	return ((const struct flow *)rec)->name;
}

const struct io_table flow_io_table = {
	.name = "flows",
	.store = &flow_store,
	.query = &flow_queries,
	.required = flow_required,
	.init = flow_init,
	.check = flow_io_check,
	.resolve = flow_io_resolve,
	.label = flow_io_label,
};
