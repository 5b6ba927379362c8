/* test_flow.c - the rules of 流动党员 (src/flows), each with the article
 * it comes from: a record's own checks, 范围, what status may follow
 * what, the member on the roster following the record in one
 * transaction (and a form of the member open meanwhile meeting the
 * roster's conflict), one open 流出 at a time, the reminders (党章第九条:
 * contact, six months; 中办发〔2006〕28号: 转接 after six months, the
 * 流动党员活动证 handed back), and "zhibu check" on roster and flows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "flow_reg.h"
#include "registers.h"
#include "store.h"
#include "store_member.h"
#include "tap.h"
#include "testlib.h"

#define TODAY "2026-06-15"

static bool has_problem(const struct field_problem *p, int n, const char *field)
{
	for (int i = 0; i < n; i++)
		if (strcmp(p[i].field, field) == 0)
			return true;
	return false;
}

static void inflow(struct flow *f, const char *name, const char *id17)
{
	struct member m;

	fake_member(&m, name, id17);
	flow_init(f);
	snprintf(f->direction, sizeof f->direction, "流入");
	snprintf(f->name, sizeof f->name, "%s", m.name);
	snprintf(f->id_number, sizeof f->id_number, "%s", m.id_number);
	snprintf(f->arrive_date, sizeof f->arrive_date, "2026-03-01");
}

static void record_checks(void)
{
	struct field_problem p[FLOW_MAX_PROBLEMS];
	struct flow f;
	int n;

	flow_init(&f);
	snprintf(f.direction, sizeof f.direction, "流入");
	n = flow_check(&f, TODAY, p, FLOW_MAX_PROBLEMS);
	ok(has_problem(p, n, "name") && has_problem(p, n, "id_number") &&
	   has_problem(p, n, "arrive_date"), "a 流入 gives the person's name, ID number and arrival");

	inflow(&f, "赵流入", "34010419880101001");
	is_int(flow_check(&f, TODAY, p, FLOW_MAX_PROBLEMS), 0, "a 流入 with them passes");
	is_str(f.gender, "男", "its gender is taken from the ID number (GB 11643)");
	snprintf(f.gender, sizeof f.gender, "女");
	n = flow_check(&f, TODAY, p, FLOW_MAX_PROBLEMS);
	ok(has_problem(p, n, "gender"), "a gender the ID number contradicts is refused");

	flow_init(&f);
	n = flow_check(&f, TODAY, p, FLOW_MAX_PROBLEMS);
	ok(has_problem(p, n, "member") && has_problem(p, n, "depart_date") &&
	   has_problem(p, n, "dest_province"), "a 流出 names its member, the day and the destination");
	snprintf(f.member, sizeof f.member, "1");
	snprintf(f.dest_province, sizeof f.dest_province, "44");
	snprintf(f.depart_date, sizeof f.depart_date, "2026-07-01");
	snprintf(f.expected_return, sizeof f.expected_return, "2026-01-01");
	n = flow_check(&f, TODAY, p, FLOW_MAX_PROBLEMS);
	is_str(f.dest_province, "广东省", "a province by its two-digit code (GB/T 2260)");
	ok(has_problem(p, n, "depart_date"), "a departure in the future is refused");
	ok(has_problem(p, n, "expected_return"), "a return expected before the departure is refused");
	snprintf(f.depart_date, sizeof f.depart_date, "2026-01-01");
	snprintf(f.expected_return, sizeof f.expected_return, "2026-12-01");
	snprintf(f.certificate_date, sizeof f.certificate_date, "2026-01-01");
	n = flow_check(&f, TODAY, p, FLOW_MAX_PROBLEMS);
	ok(has_problem(p, n, "certificate_no"),
	   "中办发〔2006〕28号: a 流动党员活动证's dates need its number");
	snprintf(f.certificate_no, sizeof f.certificate_no, "LD0001");
	snprintf(f.certificate_back, sizeof f.certificate_back, "2025-12-01");
	n = flow_check(&f, TODAY, p, FLOW_MAX_PROBLEMS);
	ok(has_problem(p, n, "certificate_back"), "handed back before it was issued: refused");
	snprintf(f.flow_code, sizeof f.flow_code, "1");
	snprintf(f.occupation_code, sizeof f.occupation_code, "学生");
	f.certificate_back[0] = '\0';
	is_int(flow_check(&f, TODAY, p, FLOW_MAX_PROBLEMS), 0, "then it passes");
	is_str(f.flow_code, "1 务工经商", "外出流向 by its code: the code beside the label");
	is_str(f.occupation_code, "6 学生", "原职业 by its label: the same");
}

static void scopes_and_statuses(void)
{
	is_str(flow_scope("广东省", "深圳市", "江苏省", "南京市"), "跨省", "another province: 跨省");
	is_str(flow_scope("江苏省", "苏州市", "江苏省", "南京市"), "省内跨市", "another city: 省内跨市");
	is_str(flow_scope("江苏省", "南京", "江苏省", "南京市"), "市内", "the same city: 市内");
	is_str(flow_scope("江苏省", "苏州市", "", ""), "", "the branch's province unknown: none");
	is_str(flow_province_of("440305"), "广东省", "a region code's province");

	ok(!flow_status_change("外出中", "已返回") && !flow_status_change("外出中", "已转接") &&
	   !flow_status_change("外出中", "失联"), "外出中 may return, transfer or be lost");
	ok(!flow_status_change("失联", "外出中"), "失联 comes back to 外出中 when contact is regained");
	ok(flow_status_change("已返回", "外出中") && flow_status_change("已转接", "失联"),
	   "已返回 and 已转接 close the record: a new departure is a new record");
	ok(flow_status_change("外出中", "外出中") != NULL, "the present status is no change");
}

static int64_t audits(struct db *db, const char *tbl, int64_t id)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM audit_log WHERE tbl = ?1"
	                   " AND row_id = ?2", -1, &st, NULL);
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* A 流出 of M away since DEPART, checked and resolved as the form does;
 * the number of problems. */
static int outflow(struct db *db, const struct member *m, const char *depart, struct flow *f)
{
	struct field_problem p[FLOW_MAX_PROBLEMS];
	int n;

	flow_init(f);
	snprintf(f->member, sizeof f->member, "%lld", (long long)m->id);
	snprintf(f->dest_province, sizeof f->dest_province, "广东省");
	snprintf(f->depart_date, sizeof f->depart_date, "%s", depart);
	n = flow_check(f, TODAY, p, FLOW_MAX_PROBLEMS);
	if (n == 0)
		n = flow_resolve(db, f, p, FLOW_MAX_PROBLEMS);
	if (n)
		tap_diag("%s: %s", p[0].field, p[0].reason);
	return n;
}

struct seen {
	int64_t id;
	bool found;
};

static void seen_fn(void *ctx, int64_t id, const char *name, const char *date)
{
	struct seen *s = ctx;

	(void)name;
	(void)date;
	if (id == s->id)
		s->found = true;
}

static bool reminded(struct db *db, enum flow_remind w, int64_t id)
{
	struct seen s = { id, false };

	flow_remind_each(db, w, 100, NULL, seen_fn, &s);
	return s.found;
}

static void with_the_roster(void)
{
	struct db *db = mem_db();
	struct member m, old, m2;
	struct flow f, f2;
	struct flow_contact c;
	struct problems pr = { 0 };

	fake_member(&m, "钱流出", "32010519800101001");
	is_int(store_member_insert(db, &m), DB_OK, "a member 在册");
	old = m;
	is_int(outflow(db, &m, "2025-11-01", &f), 0, "her departure passes the rules");
	is_str(f.name, "钱流出", "the name copied from the roster");
	is_str(f.scope, "跨省", "范围 from the roster's province (江苏) and the destination");
	is_int(store_insert(db, &flow_store, &f), DB_OK, "stored");
	is_int(store_member_get(db, m.id, &m), DB_OK, "the member read again");
	is_str(m.status, "流出", "the member is 流出 on the roster at once");
	is_str(m.status_date, "2025-11-01", "... from the day of departure");
	is_int((int)audits(db, "members", m.id), 2, "... and the change is in the change log");
	is_int(store_member_update(db, &old), DB_CONFLICT,
	       "a form of the member opened before meets the roster's conflict (SPEC 6)");

	is_int(outflow(db, &m, "2026-01-01", &f2), 1, "one open 流出 at a time");

	inflow(&f2, "钱流出", "32010519800101001");
	{
		struct field_problem p[FLOW_MAX_PROBLEMS];

		ok(flow_resolve(db, &f2, p, FLOW_MAX_PROBLEMS) == 1,
		   "a member of the branch is no 流入");
	}

	/* the reminders on 2026-06-15: away since 2025-11-01, no contact */
	ok(reminded(db, FLOW_REMIND_CONTACT, f.id), "党章第九条: no contact for 90 days: due");
	ok(reminded(db, FLOW_REMIND_LOST, f.id), "党章第九条: no contact for six months: 失联?");
	ok(reminded(db, FLOW_REMIND_TRANSFER, f.id),
	   "中办发〔2006〕28号: away six months or more: 转接 due");
	contact_init(&c);
	snprintf(c.flow, sizeof c.flow, "%lld", (long long)f.id);
	snprintf(c.content, sizeof c.content, "电话联系");
	snprintf(c.date, sizeof c.date, "2026-04-01");
	{
		struct field_problem p[FLOW_MAX_PROBLEMS];

		is_int(contact_resolve(db, &c, p, FLOW_MAX_PROBLEMS), 0, "the contact's record found");
		is_str(c.id_number, f.id_number, "its ID number copied, for files");
	}
	is_int(store_insert(db, &contact_store, &c), DB_OK, "a call on 2026-04-01");
	ok(!reminded(db, FLOW_REMIND_CONTACT, f.id) && !reminded(db, FLOW_REMIND_LOST, f.id),
	   "the contact ends both reminders");
	is_int(db_set_setting(db, "flows.contact_days", "60"), DB_OK, "contact every 60 days");
	ok(reminded(db, FLOW_REMIND_CONTACT, f.id), "then 75 days is overdue again");
	ok(reminded(db, FLOW_REMIND_TRANSFER, f.id), "a contact does not end 转接");

	is_int(db_check(db, test_collect, &pr), DB_OK, "zhibu check runs");
	is_int(pr.n, 0, "and finds roster and flows agreeing");

	/* 已返回: 在册 again, in the same statement */
	is_int(store_flow_set_status(db, &f, "已返回", "2026-05-01", ""), DB_OK, "已返回");
	is_str(f.return_date, "2026-05-01", "its date is the day of return");
	is_int(store_member_get(db, m.id, &m), DB_OK, "the member read again");
	is_str(m.status, "在册", "the member is 在册 again");
	snprintf(f.certificate_no, sizeof f.certificate_no, "LD0001");
	is_int(store_update(db, &flow_store, &f), DB_OK, "it had a certificate");
	ok(reminded(db, FLOW_REMIND_CERTIFICATE, f.id),
	   "中办发〔2006〕28号: not handed back 30 days after return: due");

	/* a member marked 流出 elsewhere, with no record */
	fake_member(&m2, "钱二", "32010519820101003");
	snprintf(m2.status, sizeof m2.status, "流出");
	is_int(store_member_insert(db, &m2), DB_OK, "another member stored as 流出");
	memset(&pr, 0, sizeof pr);
	db_check(db, test_collect, &pr);
	is_int(count_problem(&pr, "a member marked 流出 has no open outflow record", NULL), 1,
	       "zhibu check finds a member marked 流出 with no open record");

	/* a 流入 stored meanwhile whose person is on the roster */
	inflow(&f2, "钱二", "32010519820101003");
	is_int(store_insert(db, &flow_store, &f2), DB_OK, "a 流入 of a member's ID number stored");
	memset(&pr, 0, sizeof pr);
	db_check(db, test_collect, &pr);
	is_int(count_problem(&pr, "an inflow's ID number is that of a member of the branch", NULL), 1,
	       "zhibu check finds a 流入 who is a member of the branch");
	db_close(db);
}

int main(void)
{
	setenv("ZHIBU_TODAY", TODAY, 1);
	registers_init();
	record_checks();
	scopes_and_statuses();
	with_the_roster();
	return tap_done();
}
