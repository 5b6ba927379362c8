/* flow_reg.h - the parts of the 流动党员 register (src/flows) that its
 * files share: stores, queries, screens, import and export, the
 * database's part and the reminders. */
#ifndef ZHIBU_FLOW_REG_H
#define ZHIBU_FLOW_REG_H

#include <stdint.h>

#include "flow.h"
#include "io.h"
#include "query.h"
#include "reg.h"

struct app;
struct dash;

extern const struct store_def flow_store, contact_store;
extern const struct query_def flow_queries, contact_queries;
extern const struct io_table flow_io_table, contact_io_table;
extern const struct reg_screen flow_screen, contact_screen;
extern const struct db_extras flow_db_extras;
extern const struct reg reg_flow_contacts;

/* The orders of the flows' list. */
enum { FLOW_SORT_STROKES, FLOW_SORT_DEPART, FLOW_SORT_COUNT };

/* Change the status of F to STATUS on DATE with REASON (a return also
 * sets the return date), version-checked like an update; the member on
 * the roster follows in the same statement (flow_db.c). */
int store_flow_set_status(struct db *db, struct flow *f, const char *status,
                          const char *date, const char *reason);

/* The reminders (the --remind filter's conditions), in the order the
 * start screen lists them. */
enum flow_remind {
	FLOW_REMIND_CONTACT,    /* no contact for N days (flows.contact_days) */
	FLOW_REMIND_LOST,       /* no contact for six months: 失联? */
	FLOW_REMIND_TRANSFER,   /* away six months or more: 转接 */
	FLOW_REMIND_CERTIFICATE,/* certificate not handed back 30 days after return */
	FLOW_REMIND_RETURN,     /* the expected return has passed */
	FLOW_REMIND_COUNT
};
extern const struct query_named flow_reminders[];

/* The days without contact after which a 流出 is due for one: the
 * setting flows.contact_days, 90 when unset. */
#define FLOW_CONTACT_DAYS 90

/* The records of reminder WHICH, at most LIMIT of them (id, name, the
 * date it counts from) to FN; *TOTAL gets how many there are. */
int flow_remind_each(struct db *db, enum flow_remind which, int limit, int64_t *total,
                     void (*fn)(void *ctx, int64_t id, const char *name,
                                const char *date),
                     void *ctx);

/* The start screen's reminders (reg.dashboard). */
void flow_dashboard(struct app *app, struct dash *d);

/* The members of elsewhere living here (流入, open): for the roster's
 * count line, never counted as the branch's. */
int64_t flow_inflow_count(struct db *db);

/* The branch's own members (在册 and 流出), beside them. */
int64_t flow_branch_count(struct db *db);

#endif
