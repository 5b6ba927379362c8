/* register_member.c - 党员花名册 (SPEC 1.1) as a register: what the rest
 * of the program finds out about the roster through registers[]. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "field.h"
#include "gettext.h"
#include "io.h"
#include "io_member.h"
#include "member_db.h"
#include "member_query.h"
#include "report.h"
#include "reg.h"
#include "report_stats.h"
#include "screens.h"
#include "store.h"
#include "store_member.h"

/* 党员花名册 on 80 columns: two tiers of columns per member.
 *  序号 姓名     性别 民族     出生日期   学历       党员类别 入党日期   转正日期
 *       身份证号           联系电话      党小组         工作单位及职务
 * A name wider than its 8 columns (阿依古丽·买买提) is printed whole on a
 * line of its own after the 序号, the rest of the tier below it. */
#define COL(key, width, tier) { key, NULL, width, tier, false, false }
static const struct report_column roster_columns[] = {
	{ "#", "序号", 4, 0, true, false },
	{ "name", NULL, 8, 0, false, true },
	COL("gender", 4, 0), COL("ethnicity", 8, 0), COL("birth_date", 10, 0),
	COL("education", 10, 0), COL("member_type", 8, 0), COL("join_date", 10, 0),
	COL("full_date", 10, 0),
	COL("id_number", 18, 1), COL("phone", 13, 1), COL("party_group", 14, 1),
	COL("work_unit", 0, 1),
	{ NULL, NULL, 0, 0, false, false },
};
#undef COL

static const struct report_def member_report = {
	"roster", "党员花名册", &io_member_table, roster_columns, 5, NULL
};

static void member_sample(struct demo_rng *r, const char *today, void *rec)
{
	static const char *const groups[] = { "第一党小组", "第二党小组" };

	struct member *m = rec;

	demo_member(r, today, groups, 2, m);
	/* 流出 is the flows register's to set, with its record (flow_db.c) */
	if (strcmp(m->status, "流出") == 0) {
		snprintf(m->status, sizeof m->status, "在册");
		m->status_date[0] = m->status_reason[0] = '\0';
	}
}

const struct reg reg_member = {
	.table = "members",
	.label = N_("Member"),
	.title = N_("Member roster"),
	.menu_digit = 1,
	.fields = member_fields,
	.store = &member_store,
	.io = &io_member_table,
	.report = &member_report,
	.report_part = report_stats_part,
	.db = &member_db_extras,
	.query = &member_queries,
	.screen = &member_screen,
	.sample = member_sample,
	.dashboard = screen_member_dashboard,
	.coming = screen_member_birthdays,
};
