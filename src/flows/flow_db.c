/* flow_db.c - what the 流动党员 register needs of the database layer:
 * zhibu_today(), the TEMP triggers that keep the roster's 党籍状态 with
 * the flow records, and its rules for "zhibu check". */
#include "config.h"

#include <stddef.h>

#include "db.h"
#include "flow_reg.h"
#include "gettext.h"
#include "store.h"
#include "validate.h"

/* zhibu_today(): today as the program sees it (ZHIBU_TODAY pins it). */
static void sql_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char today[11];

	(void)argc;
	(void)argv;
	valid_today(today);
	sqlite3_result_text(ctx, today, -1, SQLITE_TRANSIENT);
}

static const struct db_function flow_functions[] = {
	{ "zhibu_today", 0, 0, sql_today },
	{ NULL, 0, 0, NULL },
};

#define OPEN(t) "(" t ".status = '外出中' OR " t ".status = '失联')"
/* Another open 流出 of the same member keeps the member away. */
#define NO_OTHER_OPEN \
	" AND NOT EXISTS (SELECT 1 FROM flows o WHERE o.member_id = NEW.member_id" \
	" AND o.id <> NEW.id AND o.direction = '流出' AND " OPEN("o") ")"

/* The member on the roster follows the 流出 record, in the statement
 * that writes it (one transaction, both in the change log): registered
 * away (外出中), the member is 流出 from the day of departure; 已返回,
 * 在册 again from the day of return; 已转接 (中办发〔2006〕28号: the
 * organizational relation moves to the place of work), 转出.  Only from
 * the status the rules allow (member.c): a member who died or left
 * meanwhile is left alone. */
static const char flow_triggers_sql[] =
    "CREATE TEMP TRIGGER zhibu_flow_out AFTER INSERT ON main.flows"
    " WHEN NEW.direction = '流出' AND " OPEN("NEW") " BEGIN"
    " UPDATE members SET status = '流出', status_date = NEW.depart_date,"
    " status_reason = '', version = version + 1, updated_at = " SQL_NOW
    " WHERE id = NEW.member_id AND status = '在册'; END;\n"
    "CREATE TEMP TRIGGER zhibu_flow_back AFTER UPDATE OF status ON main.flows"
    " WHEN NEW.direction = '流出' AND NEW.status = '已返回' AND OLD.status <> '已返回'"
    " BEGIN UPDATE members SET status = '在册', status_date = NEW.status_date,"
    " status_reason = '', version = version + 1, updated_at = " SQL_NOW
    " WHERE id = NEW.member_id AND status = '流出'" NO_OTHER_OPEN "; END;\n"
    "CREATE TEMP TRIGGER zhibu_flow_transfer AFTER UPDATE OF status ON main.flows"
    " WHEN NEW.direction = '流出' AND NEW.status = '已转接' AND OLD.status <> '已转接'"
    " BEGIN UPDATE members SET status = '转出', status_date = NEW.status_date,"
    " status_reason = NEW.status_reason, version = version + 1, updated_at = " SQL_NOW
    " WHERE id = NEW.member_id AND status = '流出'; END;\n";

#define RULE DB_CHECK_RULE
static const struct db_check_rule flow_rules[] = {
	/* the roster and the flows say the same (issue 15).  A roster kept
	 * (or imported) before the branch kept its flowing members holds
	 * 流出 members without records: they are asked for once the
	 * register is in use, i.e. once it holds a 流出 record */
	RULE(N_("a member marked 流出 has no open outflow record"), "members",
	     "t.status = '流出' AND EXISTS (SELECT 1 FROM flows WHERE direction = '流出')"
	     " AND NOT EXISTS (SELECT 1 FROM flows f WHERE"
	     " f.member_id = t.id AND f.direction = '流出' AND " OPEN("f") ")"),
	RULE(N_("an open outflow record's member is not marked 流出"), "flows",
	     "t.direction = '流出' AND " OPEN("t") " AND NOT EXISTS (SELECT 1 FROM"
	     " members m WHERE m.id = t.member_id AND m.status = '流出')"),
	RULE(N_("a member has more than one open outflow record"), "flows",
	     "t.direction = '流出' AND " OPEN("t") " AND EXISTS (SELECT 1 FROM flows o"
	     " WHERE o.member_id = t.member_id AND o.id <> t.id AND o.direction = '流出'"
	     " AND " OPEN("o") ")"),
	RULE(N_("an outflow record's name or ID number is not its member's"), "flows",
	     "t.direction = '流出' AND EXISTS (SELECT 1 FROM members m WHERE"
	     " m.id = t.member_id AND (m.name <> t.name OR m.id_number <> t.id_number))"),
	RULE(N_("an inflow's ID number is that of a member of the branch"), "flows",
	     "t.direction = '流入' AND " OPEN("t") " AND EXISTS (SELECT 1 FROM members m"
	     " WHERE m.id_number = t.id_number AND (m.status = '在册' OR m.status = '流出'))"),
	RULE(N_("a flow record has a date in the future"), "flows",
	     "t.depart_date > ?1 OR t.arrive_date > ?1 OR t.certificate_date > ?1"
	     " OR t.certificate_back > ?1 OR t.status_date > ?1 OR t.return_date > ?1"),
	RULE(N_("a flow record's expected return is before its departure"), "flows",
	     "t.expected_return < t.depart_date"),
	RULE(N_("a contact of a flowing member is in the future"), "flow_contacts",
	     "t.date > ?1"),
	RULE(N_("a contact's ID number is not its flowing member's"), "flow_contacts",
	     "t.id_number <> (SELECT f.id_number FROM flows f WHERE f.id = t.flow_id)"),
	RULE(N_("a contact's way is not one of 电话, 微信, 上门, 信函, 其他"), "flow_contacts",
	     "t.way NOT IN ('电话', '微信', '上门', '信函', '其他')"),
	{ NULL, NULL, NULL },
};
#undef RULE

static const struct db_check_query flow_name_keys[] = {
	{ "flows", "SELECT id, name, name_strokes, name_pinyin, name_initials,"
	  " name_pinyin_key FROM flows" },
	{ NULL, NULL },
};

/* A 流出 copies its member's; a 流入 gives its own. */
static const struct db_check_query flow_id_numbers[] = {
	{ "flows", "SELECT id, id_number FROM flows WHERE id_number <> ''" },
	{ NULL, NULL },
};

const struct db_extras flow_db_extras = {
	.functions = flow_functions,
	.temp_sql = flow_triggers_sql,
	.rules = flow_rules,
	.name_keys = flow_name_keys,
	.id_numbers = flow_id_numbers,
};
