/* flow.c - the rules of a flow record and of a contact (flow.h): the
 * code lists, the check of one record, and the rules across records
 * (its member on the roster, one open 流出 at a time, 范围). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "flow.h"
#include "flow_reg.h"
#include "gettext.h"
#include "store.h"
#include "store_member.h"
#include "text.h"
#include "validate.h"

#define ROW(...) FIELD_ROW(flow, __VA_ARGS__)
const struct field flow_fields[] = {
	FLOW_FIELDS(ROW)
	{ .key = NULL },
};
#undef ROW

#define ROW(...) FIELD_ROW(flow_contact, __VA_ARGS__)
const struct field contact_fields[] = {
	CONTACT_FIELDS(ROW)
	{ .key = NULL },
};
#undef ROW

const struct choice flow_directions[] = {
	{ "流出", ALIASES("外出", "出") },
	{ "流入", ALIASES("外来", "入") },
	{ NULL, NULL },
};

/* 外出中 and 失联 are open: the member is away.  失联 (党章第九条: six
 * months without contact); 已转接: the organizational relation moved to
 * the place of work (中办发〔2006〕28号). */
const struct choice flow_statuses[] = {
	{ "外出中", ALIASES("在外", "流动中", "流入中") },
	{ "已返回", ALIASES("返回", "已回") },
	{ "已转接", ALIASES("转接", "已转出") },
	{ "失联", ALIASES("失去联系") },
	{ NULL, NULL },
};

const struct choice flow_scopes[] = {
	{ "跨省", ALIASES("跨省流动", "跨省（区、市）") },
	{ "省内跨市", ALIASES("省内跨市流动", "省内") },
	{ "市内", ALIASES("市内流动") },
	{ NULL, NULL },
};

/* 外出流向 and 原职业 as the 党内统计 groups them, each value its code
 * and label so that a file carries both; the code or the label alone is
 * taken too.  原职业 are the 人员分类 of the 党内统计 (validate.c). */
const struct choice flow_codes[] = {
	{ "1 务工经商", ALIASES("1", "务工经商", "务工", "经商") },
	{ "2 求学", ALIASES("2", "求学", "上学", "读书") },
	{ "3 随迁", ALIASES("3", "随迁", "随子女", "投亲") },
	{ "4 就医养老", ALIASES("4", "就医养老", "就医", "养老") },
	{ "9 其他", ALIASES("9", "其他", "其它") },
	{ NULL, NULL },
};

const struct choice flow_occupations[] = {
	{ "1 工人", ALIASES("1", "工人", "农民工") },
	{ "2 农牧渔民", ALIASES("2", "农牧渔民", "农民") },
	{ "3 专业技术人员", ALIASES("3", "专业技术人员") },
	{ "4 管理人员", ALIASES("4", "管理人员") },
	{ "5 党政机关工作人员", ALIASES("5", "党政机关工作人员") },
	{ "6 学生", ALIASES("6", "学生") },
	{ "7 其他职业人员", ALIASES("7", "其他职业人员", "其他") },
	{ "8 离退休人员", ALIASES("8", "离退休人员", "退休") },
	{ NULL, NULL },
};

/* GB/T 2260: each province-level division by its two-digit code (the
 * first two of a region code and of an ID number). */
#define PROVINCE(code, name, short) { name, ALIASES(code, short) }
const struct choice flow_provinces[] = {
	PROVINCE("11", "北京市", "北京"), PROVINCE("12", "天津市", "天津"),
	PROVINCE("13", "河北省", "河北"), PROVINCE("14", "山西省", "山西"),
	PROVINCE("15", "内蒙古自治区", "内蒙古"), PROVINCE("21", "辽宁省", "辽宁"),
	PROVINCE("22", "吉林省", "吉林"), PROVINCE("23", "黑龙江省", "黑龙江"),
	PROVINCE("31", "上海市", "上海"), PROVINCE("32", "江苏省", "江苏"),
	PROVINCE("33", "浙江省", "浙江"), PROVINCE("34", "安徽省", "安徽"),
	PROVINCE("35", "福建省", "福建"), PROVINCE("36", "江西省", "江西"),
	PROVINCE("37", "山东省", "山东"), PROVINCE("41", "河南省", "河南"),
	PROVINCE("42", "湖北省", "湖北"), PROVINCE("43", "湖南省", "湖南"),
	PROVINCE("44", "广东省", "广东"), PROVINCE("45", "广西壮族自治区", "广西"),
	PROVINCE("46", "海南省", "海南"), PROVINCE("50", "重庆市", "重庆"),
	PROVINCE("51", "四川省", "四川"), PROVINCE("52", "贵州省", "贵州"),
	PROVINCE("53", "云南省", "云南"), PROVINCE("54", "西藏自治区", "西藏"),
	PROVINCE("61", "陕西省", "陕西"), PROVINCE("62", "甘肃省", "甘肃"),
	PROVINCE("63", "青海省", "青海"), PROVINCE("64", "宁夏回族自治区", "宁夏"),
	PROVINCE("65", "新疆维吾尔自治区", "新疆"), PROVINCE("71", "台湾省", "台湾"),
	PROVINCE("81", "香港特别行政区", "香港"), PROVINCE("82", "澳门特别行政区", "澳门"),
	{ NULL, NULL },
};
#undef PROVINCE

const struct choice flow_ways[] = {
	{ "电话", ALIASES("打电话", "手机") },
	{ "微信", ALIASES("短信", "视频") },
	{ "上门", ALIASES("走访", "见面", "面谈") },
	{ "信函", ALIASES("信件", "书信", "邮件") },
	{ "其他", ALIASES("其它") },
	{ NULL, NULL },
};

static const char msg_future[] = N_("is in the future");
static const char msg_required[] = N_("is required");

bool flow_status_open(const char *status)
{
	return strcmp(status, "外出中") == 0 || strcmp(status, "失联") == 0;
}

void flow_init(void *rec)
{
	struct flow *f = rec;

	memset(f, 0, sizeof *f);
	snprintf(f->direction, sizeof f->direction, "流出");
	snprintf(f->status, sizeof f->status, "外出中");
}

void contact_init(void *rec)
{
	struct flow_contact *c = rec;
	char today[11];

	memset(c, 0, sizeof *c);
	valid_today(today);
	snprintf(c->date, sizeof c->date, "%s", today);
	/* the common way: a phone call is a, the text, F2 */
	snprintf(c->way, sizeof c->way, "电话");
}

struct problems {
	struct field_problem *p;
	int n, max;
};

static void problem(struct problems *ps, const char *field, const char *reason)
{
	if (ps->n < ps->max)
		ps->p[ps->n++] = (struct field_problem){ field, reason };
}

/* Every field of REC (table FIELDS) in its normal form, or a problem. */
static void normalize(const struct field *fields, void *rec, struct problems *ps)
{
	for (const struct field *f = fields; f->key; f++) {
		char out[1024];
		char *v = FIELD_VALUE(rec, f);
		const char *why;

		text_trim(v);
		why = field_check_value(f, v, out, sizeof out);
		if (why)
			problem(ps, f->key, why);
		else if (strlen(out) < f->size)
			memcpy(v, out, strlen(out) + 1);
	}
}

/* A date of REC not after TODAY. */
static void not_future(struct problems *ps, const char *key, const char *v,
                       const char *today)
{
	if (v[0] && strcmp(v, today) > 0)
		problem(ps, key, msg_future);
}

static bool has(const struct problems *ps, const char *key)
{
	for (int i = 0; i < ps->n; i++)
		if (strcmp(ps->p[i].field, key) == 0)
			return true;
	return false;
}

/* 流入: the person's own fields, with the roster's checks (gender from
 * the ID number, GB 11643). */
static void check_inflow(struct flow *f, struct problems *ps)
{
	struct id_info info;
	char id[19];

	if (!f->name[0] && !has(ps, "name"))
		problem(ps, "name", N_("is required for an inflow"));
	if (!f->id_number[0] && !has(ps, "id_number"))
		problem(ps, "id_number", N_("is required for an inflow"));
	if (!f->arrive_date[0] && !has(ps, "arrive_date"))
		problem(ps, "arrive_date", N_("is required for an inflow"));
	if (f->member[0])
		problem(ps, "member", N_("an inflow is a member from elsewhere, not one of the roster"));
	if (f->id_number[0] && !has(ps, "id_number") &&
	    valid_id_number(f->id_number, id, &info) == NULL) {
		if (!f->gender[0])
			snprintf(f->gender, sizeof f->gender, "%s", info.gender);
		else if (strcmp(f->gender, info.gender) != 0)
			problem(ps, "gender", N_("does not agree with the ID number"));
	}
}

int flow_check(struct flow *f, const char *today, struct field_problem *p, int max)
{
	struct problems ps = { p, 0, max };
	char now[11];

	if (!today || !today[0]) {
		valid_today(now);
		today = now;
	}
	if (!f->status[0])
		snprintf(f->status, sizeof f->status, "外出中");
	normalize(flow_fields, f, &ps);
	if (strcmp(f->direction, "流入") == 0) {
		check_inflow(f, &ps);
	} else if (strcmp(f->direction, "流出") == 0) {
		if (!f->member[0] && !f->id_number[0] && !has(&ps, "id_number"))
			problem(&ps, "member", N_("is required for an outflow"));
		if (!f->depart_date[0] && !has(&ps, "depart_date"))
			problem(&ps, "depart_date", N_("is required for an outflow"));
		if (!f->dest_province[0] && !has(&ps, "dest_province"))
			problem(&ps, "dest_province", N_("is required for an outflow"));
	}
	not_future(&ps, "depart_date", f->depart_date, today);
	not_future(&ps, "arrive_date", f->arrive_date, today);
	not_future(&ps, "certificate_date", f->certificate_date, today);
	not_future(&ps, "certificate_back", f->certificate_back, today);
	not_future(&ps, "status_date", f->status_date, today);
	not_future(&ps, "return_date", f->return_date, today);
	if (f->expected_return[0] && f->depart_date[0] &&
	    strcmp(f->expected_return, f->depart_date) < 0)
		problem(&ps, "expected_return", N_("is before the departure"));
	if (f->certificate_back[0] && f->certificate_date[0] &&
	    strcmp(f->certificate_back, f->certificate_date) < 0)
		problem(&ps, "certificate_back", N_("is before the certificate was issued"));
	if ((f->certificate_date[0] || f->certificate_back[0]) && !f->certificate_no[0])
		problem(&ps, "certificate_no", N_("is required with the certificate's dates"));
	if (strcmp(f->direction, "流入") == 0)
		f->scope[0] = '\0';
	return ps.n;
}

int contact_check(struct flow_contact *c, const char *today, struct field_problem *p,
                  int max)
{
	struct problems ps = { p, 0, max };
	char now[11];

	if (!today || !today[0]) {
		valid_today(now);
		today = now;
	}
	normalize(contact_fields, c, &ps);
	if (!c->way[0] && !has(&ps, "way"))
		problem(&ps, "way", msg_required);
	not_future(&ps, "date", c->date, today);
	return ps.n;
}

const char *flow_province_of(const char *region)
{
	for (const struct choice *c = flow_provinces; region && c->value; c++)
		if (strncmp(c->aliases[0], region, 2) == 0)
			return c->value;
	return NULL;
}

const char *flow_scope(const char *province, const char *city,
                       const char *home_province, const char *home_city)
{
	if (!province || !province[0] || !home_province || !home_province[0])
		return "";
	if (strcmp(province, home_province) != 0)
		return "跨省";
	if (city && city[0] && home_city && home_city[0] &&
	    (strstr(city, home_city) || strstr(home_city, city)))
		return "市内";
	return "省内跨市";
}

/* What follows what: 外出中 and 失联 are open; contact regained takes a
 * 失联 back to 外出中; a return or a transfer ends the record (a new
 * departure is a new record). */
const char *flow_status_change(const char *from, const char *to)
{
	if (strcmp(from, to) == 0)
		return N_("is the present status");
	if (!flow_status_open(from))
		return N_("the record is closed: a new departure is a new record");
	if (strcmp(from, "外出中") == 0 && strcmp(to, "外出中") == 0)
		return N_("is the present status");
	if (!valid_choice(flow_statuses, to))
		return N_("is not one of the choices (Space shows them)");
	return NULL;
}

/* ---- rules across records --------------------------------------------- */

/* The branch's own province and city: the settings flows.home_province
 * and flows.home_city, else the province most of the roster's ID
 * numbers were issued in. */
static void home_of(struct db *db, char *province, size_t psz, char *city, size_t csz)
{
	static const char sql[] =
	    "SELECT substr(id_number, 1, 2) AS p FROM members"
	    " GROUP BY p ORDER BY count(*) DESC, p LIMIT 1";
	char *v = db_get_setting(db, "flows.home_province");
	const char *name;
	int rc;
	sqlite3_stmt *st;

	province[0] = city[0] = '\0';
	if (v && (name = valid_choice(flow_provinces, v)))
		snprintf(province, psz, "%s", name);
	free(v);
	v = db_get_setting(db, "flows.home_city");
	if (v)
		snprintf(city, csz, "%s", v);
	free(v);
	if (province[0])
		return;
	st = db_step_with(db, sql, &rc, "");
	if (!st)
		return;
	if (rc == SQLITE_ROW && (name = flow_province_of(
	        (const char *)sqlite3_column_text(st, 0))))
		snprintf(province, psz, "%s", name);
	sqlite3_reset(st);
}

/* How many open 流出 records member MEMBER has besides record SELF. */
static int open_outflows(struct db *db, int64_t member, int64_t self)
{
	static const char sql[] =
	    "SELECT count(*) FROM flows WHERE member_id = ?1 AND id <> ?2"
	    " AND direction = '流出' AND (status = '外出中' OR status = '失联')";
	int rc, n = 0;
	sqlite3_stmt *st = db_step_with(db, sql, &rc, "ii", member, self);

	if (!st)
		return 0;
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

/* 流出: the member on the roster, by key or ID number; its fields
 * copied. */
static void resolve_outflow(struct db *db, struct flow *f, struct problems *ps)
{
	struct member m;
	int rc;

	bool by_id = f->id_number[0] != '\0';

	/* a file names the member by the ID number (the key is no column
	 * of a file: FIELD_NO_FILE); the form by the key it picked */
	if (by_id)
		rc = store_member_find_id_number(db, f->id_number, &m);
	else if (f->member[0])
		rc = store_member_get(db, strtoll(f->member, NULL, 10), &m);
	else
		return;
	if (rc == DB_NOTFOUND) {
		problem(ps, by_id ? "id_number" : "member",
		        N_("is not on the roster: an outflow is a member of the branch"));
		return;
	}
	if (rc != DB_OK) {
		problem(ps, "member", db_errmsg(db));
		return;
	}
	snprintf(f->member, sizeof f->member, "%lld", (long long)m.id);
	snprintf(f->name, sizeof f->name, "%s", m.name);
	snprintf(f->gender, sizeof f->gender, "%s", m.gender);
	snprintf(f->id_number, sizeof f->id_number, "%s", m.id_number);
	if (!f->phone[0])
		snprintf(f->phone, sizeof f->phone, "%s", m.phone);
	if (!flow_status_open(f->status))
		return;
	if (strcmp(m.status, "在册") != 0 && strcmp(m.status, "流出") != 0)
		problem(ps, "member", N_("is no longer a member of the branch"));
	else if (open_outflows(db, m.id, f->id) > 0)
		problem(ps, "member", N_("is away already: an open outflow record exists"));
}

int flow_resolve(struct db *db, struct flow *f, struct field_problem *p, int max)
{
	struct problems ps = { p, 0, max };
	char province[64], city[64];
	struct member m;

	if (strcmp(f->direction, "流出") == 0) {
		resolve_outflow(db, f, &ps);
		home_of(db, province, sizeof province, city, sizeof city);
		snprintf(f->scope, sizeof f->scope, "%s",
		         flow_scope(f->dest_province, f->dest_city, province, city));
	} else if (f->id_number[0] &&
	           store_member_find_id_number(db, f->id_number, &m) == DB_OK &&
	           (strcmp(m.status, "在册") == 0 || strcmp(m.status, "流出") == 0)) {
		problem(&ps, "id_number",
		        N_("is a member of the branch: an inflow comes from elsewhere"));
	}
	return ps.n;
}

int contact_resolve(struct db *db, struct flow_contact *c, struct field_problem *p,
                    int max)
{
	static const char by_id[] =
	    "SELECT id FROM flows WHERE id_number = ?1 AND moved_date <= ?2"
	    " ORDER BY moved_date DESC, id LIMIT 1";
	struct problems ps = { p, 0, max };
	struct flow f;
	int rc;
	sqlite3_stmt *st;

	if (c->flow[0]) {
		rc = store_get(db, &flow_store, strtoll(c->flow, NULL, 10), &f);
		if (rc == DB_OK)
			snprintf(c->id_number, sizeof c->id_number, "%s", f.id_number);
		else
			problem(&ps, "flow", rc == DB_NOTFOUND ? N_("is no longer in the database")
			                                        : db_errmsg(db));
		return ps.n;
	}
	if (!c->id_number[0]) {
		problem(&ps, "id_number", N_("names the flowing member: it is required"));
		return ps.n;
	}
	st = db_step_with(db, by_id, &rc, "tt", c->id_number, c->date);
	if (st && rc == SQLITE_ROW)
		snprintf(c->flow, sizeof c->flow, "%lld", (long long)sqlite3_column_int64(st, 0));
	else
		problem(&ps, "id_number",
		        N_("is no flowing member's who had left or come by the contact's day"));
	if (st)
		sqlite3_reset(st);
	return ps.n;
}
