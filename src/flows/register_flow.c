/* register_flow.c - 流动党员 (SPEC 1.2) as registers: the flows and, under
 * each, its contacts; the ledger 流动党员登记簿; a sample record and the
 * demo branch's flowing members. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "flow_reg.h"
#include "gettext.h"
#include "report.h"
#include "screen_reg.h"
#include "screens.h"
#include "store.h"
#include "store_member.h"
#include "text.h"
#include "validate.h"

/* 流动党员登记簿 on 80 columns, two tiers per record:
 *  序号 姓名     类型 状态   外出日期   预计返回   流入地省份 范围     外出流向
 *       身份证号           联系电话      接收党组织 */
#define COL(key, width, tier) { key, NULL, width, tier, false, false }
static const struct report_column flow_report_columns[] = {
	{ "#", "序号", 4, 0, true, false },
	{ "name", NULL, 8, 0, false, true },
	{ "direction", "类型", 4, 0, false, false }, COL("status", 6, 0),
	COL("depart_date", 10, 0), { "expected_return", "预计返回", 10, 0, false, false },
	COL("dest_province", 10, 0), COL("scope", 8, 0),
	COL("flow_code", 10, 0),
	COL("id_number", 18, 1), COL("phone", 13, 1), COL("receiving_org", 0, 1),
	{ NULL, NULL, 0, 0, false, false },
};
#undef COL

/* Under each record, its contacts of the year up to the report's date
 * (the ledger is kept by the year), oldest first: 联系 DATE WAY: what
 * was said; 下一步: the next step. */
static void flow_report_under(struct db *db, const void *rec, const char *date,
                              char *out, size_t size)
{
	static const char sql[] =
	    "SELECT date, way, content, next_step FROM flow_contacts WHERE flow_id = ?1"
	    " AND date > date(?2, '-1 year') AND date <= ?2 ORDER BY date, id";
	const struct flow *f = rec;
	char today[11];
	size_t len = 0;
	int rc;
	sqlite3_stmt *st;

	out[0] = '\0';
	if (!date || !date[0]) {
		valid_today(today);
		date = today;
	}
	st = db_step_with(db, sql, &rc, "it", f->id, date);
	if (!st)
		return;
	for (; rc == SQLITE_ROW && len < size; rc = sqlite3_step(st)) {
		const char *next = (const char *)sqlite3_column_text(st, 3);
		char said[1024];
		int n;

		/* one line a contact: a note's own line breaks are spaces */
		snprintf(said, sizeof said, "%s", (const char *)sqlite3_column_text(st, 2));
		for (char *p = said; *p; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';
		n = snprintf(out + len, size - len, "%s联系 %s %s：%s%s%s", len ? "\n" : "",
		             (const char *)sqlite3_column_text(st, 0),
		             (const char *)sqlite3_column_text(st, 1), said,
		             next && *next ? "；下一步：" : "", next ? next : "");
		if (n < 0 || (size_t)n >= size - len) {
			out[len] = '\0';       /* a contact that does not fit is left out */
			break;
		}
		len += (size_t)n;
	}
	sqlite3_reset(st);
}

static const struct report_def flow_report = {
	"flows", "流动党员登记簿", &flow_io_table, flow_report_columns, 5, flow_report_under
};

/* A 流入: a fictitious person from elsewhere (a sample stands alone: a
 * 流出 needs a member on the roster). */
static void inflow_sample(struct demo_rng *r, const char *today, struct flow *f)
{
	static const char *const groups[] = { "第一党小组" };
	static const char *const origins[] = {
		"安徽省阜阳市颍州区清河街道第二社区党支部", "河南省信阳市浉河区老城街道党工委",
		"江西省赣州市章贡区解放街道党支部", "四川省南充市顺庆区中城街道党支部",
	};
	struct member m;
	char day[11];

	/* not the person a roster's sample of the same seed is */
	demo_next(r);
	demo_member(r, today, groups, 1, &m);
	flow_init(f);
	snprintf(f->direction, sizeof f->direction, "流入");
	snprintf(f->name, sizeof f->name, "%s", m.name);
	snprintf(f->gender, sizeof f->gender, "%s", m.gender);
	snprintf(f->id_number, sizeof f->id_number, "%s", m.id_number);
	snprintf(f->phone, sizeof f->phone, "%s", m.phone);
	snprintf(f->origin_branch, sizeof f->origin_branch, "%s",
	         origins[demo_next(r) % 4]);
	snprintf(f->origin_contact, sizeof f->origin_contact, "组织委员 0558-2211%03u",
	         (unsigned)(demo_next(r) % 1000));
	valid_date_add(today, 0, 0, -(int)(30 + demo_next(r) % 700), day);
	snprintf(f->arrive_date, sizeof f->arrive_date, "%s", day);
	snprintf(f->local_address, sizeof f->local_address, "%s", m.address);
	snprintf(f->party_group, sizeof f->party_group, "%s", m.party_group);
}

static void flow_sample(struct demo_rng *r, const char *today, void *rec)
{
	inflow_sample(r, today, rec);
}

/* ---- the demo branch ------------------------------------------------------ */

/* Store F (checked as the form checks it), and with CONTACTS contacts
 * the last of them LAST days ago. */
static int demo_store(struct db *db, struct flow *f, const char *today, int contacts,
                      int last)
{
	static const char *const said[] = {
		"电话联系，本人在外工作生活正常，按月通过微信交纳党费",
		"微信视频，参加了流入地党组织的主题党日活动",
		"电话了解近况，提醒按时参加组织生活、交纳党费",
	};
	struct field_problem p[FLOW_MAX_PROBLEMS];
	struct flow_contact c;
	int rc;

	if (flow_check(f, today, p, FLOW_MAX_PROBLEMS) ||
	    flow_resolve(db, f, p, FLOW_MAX_PROBLEMS))
		return DB_OK;   /* a fictitious record the rules refuse: left out */
	rc = store_insert(db, &flow_store, f);
	for (int i = 0; rc == DB_OK && i < contacts; i++) {
		contact_init(&c);
		snprintf(c.flow, sizeof c.flow, "%lld", (long long)f->id);
		valid_date_add(today, 0, 0, -(last + 60 * (contacts - 1 - i)), c.date);
		if (strcmp(c.date, f->depart_date) < 0)
			continue;
		snprintf(c.way, sizeof c.way, "%s", i % 2 ? "微信" : "电话");
		snprintf(c.content, sizeof c.content, "%s", said[i % 3]);
		if (contact_resolve(db, &c, p, FLOW_MAX_PROBLEMS) == 0)
			rc = store_insert(db, &contact_store, &c);
	}
	return rc;
}

/* A 流出 of member M, away since DEPART (days ago). */
static void outflow_of(struct demo_rng *r, const struct member *m, const char *today,
                       int depart, struct flow *f)
{
	static const char *const places[][3] = {
		{ "广东省", "深圳市", "深圳市龙华区民治街道" },
		{ "上海市", "上海市", "上海市闵行区莘庄镇" },
		{ "浙江省", "杭州市", "杭州市余杭区五常街道" },
		{ "江苏省", "苏州市", "苏州市工业园区娄葑街道" },
		{ "北京市", "北京市", "北京市朝阳区望京街道" },
	};
	int k = (int)(demo_next(r) % 5);

	flow_init(f);
	snprintf(f->member, sizeof f->member, "%lld", (long long)m->id);
	snprintf(f->dest_province, sizeof f->dest_province, "%s", places[k][0]);
	snprintf(f->dest_city, sizeof f->dest_city, "%s", places[k][1]);
	snprintf(f->dest_address, sizeof f->dest_address, "%s", places[k][2]);
	snprintf(f->flow_code, sizeof f->flow_code, "%s",
	         strstr(m->status_reason, "求学") ? "2 求学" :
	         strstr(m->status_reason, "随") ? "3 随迁" : "1 务工经商");
	snprintf(f->occupation_code, sizeof f->occupation_code, "%s",
	         valid_choice(flow_occupations, m->category) ?
	         valid_choice(flow_occupations, m->category) : "7 其他职业人员");
	snprintf(f->employer, sizeof f->employer, "%s", "某某科技有限公司");
	snprintf(f->receiving_org, sizeof f->receiving_org, "%s", "流入地街道流动党员党支部");
	snprintf(f->receiving_contact, sizeof f->receiving_contact, "%s", "王书记");
	if (depart > 0)
		valid_date_add(today, 0, 0, -depart, f->depart_date);
	else
		snprintf(f->depart_date, sizeof f->depart_date, "%s", m->status_date);
	snprintf(f->certificate_no, sizeof f->certificate_no, "LD%s%04u",
	         f->depart_date[0] ? "" : "0", (unsigned)(demo_next(r) % 10000));
	snprintf(f->certificate_date, sizeof f->certificate_date, "%s", f->depart_date);
	snprintf(f->dues_method, sizeof f->dues_method, "%s", "微信转账交原支部");
}

/* The members of the roster marked 流出 (by ID number: the same order
 * for the same seed), each given its record; the first overdue for a
 * contact, the second away eight months; then one member back without
 * the certificate handed in, and three members from elsewhere. */
static int flow_demo(struct db *db, struct demo_rng *r, const char *today)
{
	static const char away_sql[] =
	    "SELECT id FROM members WHERE status = '流出' ORDER BY id_number";
	static const char home_sql[] =
	    "SELECT id FROM members WHERE status = '在册' ORDER BY id_number LIMIT 1";
	struct flow *f = malloc(sizeof *f);
	struct member m;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = DB_OK, step;
	sqlite3_stmt *st = db_step_with(db, away_sql, &step, "");

	if (!f || !st) {
		free(f);
		return DB_ERROR;
	}
	for (; step == SQLITE_ROW; step = sqlite3_step(st)) {
		int64_t *more = realloc(ids, (n + 1) * sizeof *ids);

		if (!more)
			break;
		ids = more;
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		if (store_member_get(db, ids[i], &m) != DB_OK)
			continue;
		outflow_of(r, &m, today, i == 1 ? 240 : 0, f);
		/* the first: last contact four months ago (due after 90 days) */
		rc = demo_store(db, f, today, 2, i == 0 ? 120 : 10 + (int)(demo_next(r) % 40));
	}
	st = db_step_with(db, home_sql, &step, "");
	if (rc == DB_OK && st && step == SQLITE_ROW &&
	    store_member_get(db, sqlite3_column_int64(st, 0), &m) == DB_OK) {
		sqlite3_reset(st);
		outflow_of(r, &m, today, 300, f);
		rc = demo_store(db, f, today, 2, 60);
		if (rc == DB_OK) {
			char back[11];

			valid_date_add(today, 0, 0, -45, back);
			rc = store_flow_set_status(db, f, "已返回", back, "务工合同期满返乡");
		}
	} else if (st) {
		sqlite3_reset(st);
	}
	for (int i = 0; rc == DB_OK && i < 3; i++) {
		inflow_sample(r, today, f);
		rc = demo_store(db, f, today, 0, 0);
	}
	free(ids);
	free(f);
	return rc;
}

/* ---- settings ----------------------------------------------------------- */

static const char *contact_days_check(const char *typed, char *out, size_t size)
{
	char t[64];

	snprintf(t, sizeof t, "%s", typed);
	text_trim(t);
	if (!t[0]) {
		out[0] = '\0';
		return NULL;
	}
	/* a week at least; a year at most: 党章第九条 counts six months */
	return valid_int(t, 7, 365, out, size);
}

static const char *province_check(const char *typed, char *out, size_t size)
{
	char t[64];
	const char *v;

	snprintf(t, sizeof t, "%s", typed);
	text_trim(t);
	v = t[0] ? valid_choice(flow_provinces, t) : "";
	if (!v)
		return N_("is not a province (its name or its two-digit code)");
	snprintf(out, size, "%s", v);
	return NULL;
}

static const char *city_check(const char *typed, char *out, size_t size)
{
	return valid_text(typed, 20, false, out, size);
}

static const struct reg_setting flow_settings[] = {
	{ "flows.contact_days", N_("Days between contacts with a flowing member"),
	  N_("90 (the default)"), contact_days_check },
	{ "flows.home_province", N_("The branch's province (for 范围)"),
	  N_("that of most ID numbers on the roster"), province_check },
	{ "flows.home_city", N_("The branch's city (for 范围)"), N_("(not set)"), city_check },
	{ NULL, NULL, NULL, NULL },
};

const struct reg reg_flows = {
	.table = "flows",
	.label = N_("Flowing member"),
	.title = N_("Flowing members"),
	.menu_digit = 2,
	.fields = flow_fields,
	.store = &flow_store,
	.io = &flow_io_table,
	.report = &flow_report,
	.db = &flow_db_extras,
	.query = &flow_queries,
	.screen = &flow_screen,
	.sample = flow_sample,
	.dashboard = flow_dashboard,
	.demo = flow_demo,
	.settings = flow_settings,
};

/* A contact of a record the caller names (its flow field): a day of
 * the last months, a way, what was said. */
static void contact_sample(struct demo_rng *r, const char *today, void *rec)
{
	static const char *const said[] = {
		"电话联系，在外工作生活正常", "微信视频，参加了流入地党组织的主题党日",
		"上门走访家属，了解近况", "寄去学习材料",
	};
	static const char *const ways[] = { "电话", "微信", "上门", "信函" };
	struct flow_contact *c = rec;
	char keep[sizeof c->flow];
	int k = (int)(demo_next(r) % 4);

	snprintf(keep, sizeof keep, "%s", c->flow);
	contact_init(c);
	snprintf(c->flow, sizeof c->flow, "%s", keep);
	valid_date_add(today, 0, 0, -(int)(demo_next(r) % 120), c->date);
	snprintf(c->way, sizeof c->way, "%s", ways[k]);
	snprintf(c->content, sizeof c->content, "%s", said[k]);
	if (demo_next(r) % 2)
		snprintf(c->next_step, sizeof c->next_step, "%s", "下月再联系");
}

/* The contacts: listed under a record of the flows (l on their list),
 * imported and exported on their own (zhibu import|export flow_contacts). */
const struct reg reg_flow_contacts = {
	.table = "flow_contacts",
	.label = N_("Contact"),
	.title = N_("Contacts"),
	.fields = contact_fields,
	.store = &contact_store,
	.io = &contact_io_table,
	.query = &contact_queries,
	.screen = &contact_screen,
	.sample = contact_sample,
};
