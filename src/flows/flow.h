/* flow.h - 流动党员 (SPEC 1.2): our members away from home (流出) and
 * members from elsewhere living here (流入), in one register with a
 * direction, and the contact log kept for each (flow_contacts).
 *
 * The rules come from 《中国共产党章程》第九条 (a member who, without a
 * proper reason, takes no part in 组织生活, pays no 党费 and does no
 * work the Party gives for six months in a row is regarded as having
 * left the Party: the home branch must keep in contact, and six months
 * without contact is 失联), and from 《关于加强和改进流动党员管理工作的
 * 意见》(中办发〔2006〕28号): a 流出 member carries a 《流动党员活动证》,
 * hands it back on return, and a member settled six months or more at a
 * fixed place transfers the organizational relation there (转接).
 */
#ifndef ZHIBU_FLOW_H
#define ZHIBU_FLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "field.h"

struct db;

/* The fields of a flow record, in the form's order.  A 流出 names its
 * member (picked on the roster; name, gender, ID number and phone are
 * copied from the roster when it is saved); a 流入 gives the person's
 * own.  status and its date and reason change through the status action
 * (d), never in the form; 范围 is derived from the destination. */
#define FLOW_FIELDS(X) \
	X(direction, F_CHOICE, 2, FIELD_REQUIRED | FIELD_DIGITS, \
	  .header = "流动类型", .label = N_("Direction"), .choices = flow_directions, \
	  .aliases = ALIASES("流向类型", "流出流入", "类型")) \
	X(member, F_REF, 20, FIELD_DIGITS | FIELD_NO_FILE, \
	  .header = "党员", .label = N_("Member (outflow)"), .ref = "members", \
	  .hint = N_("a member of the roster: name, pinyin or initials")) \
	X(name, F_NAME, 20, FIELD_DIGITS, \
	  .header = "姓名", .label = N_("Name (inflow)"), \
	  .aliases = ALIASES("党员姓名")) \
	X(gender, F_CHOICE, 1, FIELD_DIGITS, \
	  .header = "性别", .label = N_("Gender"), .choices = valid_genders, \
	  .hint = N_("empty: taken from the ID number")) \
	X(id_number, F_ID_NUMBER, 18, FIELD_DIGITS, \
	  .header = "身份证号", .label = N_("ID number"), \
	  .aliases = ALIASES("身份证号码", "公民身份号码", "证件号码")) \
	X(phone, F_PHONE, 20, FIELD_DIGITS, \
	  .header = "联系电话", .label = N_("Phone"), \
	  .aliases = ALIASES("手机号码", "手机", "电话")) \
	X(dest_province, F_CHOICE, 8, FIELD_DIGITS, \
	  .header = "流入地省份", .label = N_("Destination province"), \
	  .choices = flow_provinces, .aliases = ALIASES("外出地省份", "流向省份", "省份")) \
	X(dest_city, F_TEXT, 20, 0, \
	  .header = "流入地城市", .label = N_("Destination city"), \
	  .aliases = ALIASES("外出地城市", "流向城市", "城市")) \
	X(dest_address, F_TEXT, 80, 0, \
	  .header = "外出地址", .label = N_("Address away"), \
	  .aliases = ALIASES("流入地地址", "外出详细地址")) \
	X(scope, F_CHOICE, 6, FIELD_NO_FORM, \
	  .header = "范围", .label = N_("Scope"), .choices = flow_scopes, \
	  .aliases = ALIASES("流动范围")) \
	X(flow_code, F_CHOICE, 12, FIELD_DIGITS, \
	  .header = "外出流向", .label = N_("Went to"), .choices = flow_codes) \
	X(occupation_code, F_CHOICE, 12, FIELD_DIGITS, \
	  .header = "原职业", .label = N_("Former occupation"), .choices = flow_occupations) \
	X(employer, F_TEXT, 60, 0, \
	  .header = "工作单位", .label = N_("Employer"), \
	  .aliases = ALIASES("外出工作单位", "务工单位")) \
	X(receiving_org, F_TEXT, 60, 0, \
	  .header = "接收党组织", .label = N_("Receiving Party organization"), \
	  .aliases = ALIASES("流入地党组织", "接收党组织名称")) \
	X(receiving_contact, F_TEXT, 20, 0, \
	  .header = "接收党组织联系人", .label = N_("Its contact person")) \
	X(receiving_phone, F_PHONE, 20, FIELD_DIGITS, \
	  .header = "接收党组织联系电话", .label = N_("Its phone")) \
	X(depart_date, F_DATE, 10, FIELD_DIGITS, \
	  .header = "外出日期", .label = N_("Departed"), \
	  .aliases = ALIASES("外出时间", "流出日期", "流出时间")) \
	X(expected_return, F_DATE, 10, FIELD_DIGITS, \
	  .header = "预计返回日期", .label = N_("Expected back"), \
	  .aliases = ALIASES("预计返回时间")) \
	X(certificate_no, F_TEXT, 30, FIELD_DIGITS, \
	  .header = "活动证编号", .label = N_("Certificate number"), \
	  .hint = N_("the number of the 《流动党员活动证》"), \
	  .aliases = ALIASES("流动党员活动证编号", "活动证号")) \
	X(certificate_date, F_DATE, 10, FIELD_DIGITS, \
	  .header = "活动证发放日期", .label = N_("Certificate issued")) \
	X(certificate_back, F_DATE, 10, FIELD_DIGITS, \
	  .header = "活动证交回日期", .label = N_("Certificate handed back")) \
	X(dues_method, F_TEXT, 30, 0, \
	  .header = "党费交纳方式", .label = N_("Dues paid by"), \
	  .aliases = ALIASES("党费缴纳方式", "交纳党费方式")) \
	X(origin_branch, F_TEXT, 60, 0, \
	  .header = "原所在党组织", .label = N_("Home branch (inflow)"), \
	  .aliases = ALIASES("流出地党组织", "原党组织")) \
	X(origin_contact, F_TEXT, 40, 0, \
	  .header = "原党组织联系人及电话", .label = N_("Its contact")) \
	X(arrive_date, F_DATE, 10, FIELD_DIGITS, \
	  .header = "流入日期", .label = N_("Arrived"), \
	  .aliases = ALIASES("流入时间", "到达日期")) \
	X(local_address, F_TEXT, 80, 0, \
	  .header = "现居住地址", .label = N_("Local address"), \
	  .aliases = ALIASES("居住地址", "现住址")) \
	X(party_group, F_GROUP, 20, FIELD_DIGITS, \
	  .header = "党小组", .label = N_("Party group"), \
	  .aliases = ALIASES("编入党小组", "所在党小组")) \
	X(status, F_CHOICE, 3, FIELD_REQUIRED | FIELD_DIGITS | FIELD_NO_FORM, \
	  .header = "状态", .label = N_("Flow status"), .choices = flow_statuses, \
	  .aliases = ALIASES("流动状态")) \
	X(status_date, F_DATE, 10, FIELD_DIGITS | FIELD_NO_FORM, \
	  .header = "状态变动日期", .label = N_("Flow status since")) \
	X(status_reason, F_TEXT, 60, FIELD_NO_FORM, \
	  .header = "状态变动原因", .label = N_("Reason of the flow status")) \
	X(return_date, F_DATE, 10, FIELD_DIGITS | FIELD_NO_FORM, \
	  .header = "返回日期", .label = N_("Returned")) \
	X(note, F_NOTE, 200, 0, \
	  .header = "备注", .label = N_("Note"))

extern const struct choice flow_directions[], flow_statuses[], flow_scopes[],
	flow_codes[], flow_occupations[], flow_provinces[], flow_ways[];

struct flow {
	int64_t id;
	FLOW_FIELDS(FIELD_MEMBER)
	char created_at[32];
	char updated_at[32];
	int64_t version;
};

extern const struct field flow_fields[];

/* One contact with a flowing member (联系记录): the record it belongs
 * to, what was said (first: a new contact's form opens on it, the day
 * and the way 电话 filled in), the way (电话, 微信, 上门, 信函, 其他),
 * the day and what is to be done next. */
#define CONTACT_FIELDS(X) \
	X(flow, F_REF, 20, FIELD_REQUIRED | FIELD_DIGITS | FIELD_NO_FORM, \
	  .header = "流动党员", .label = N_("Flowing member"), .ref = "flows") \
	X(content, F_NOTE, 200, FIELD_REQUIRED, \
	  .header = "联系内容", .label = N_("What was said"), .aliases = ALIASES("内容")) \
	X(way, F_CHOICE, 2, FIELD_REQUIRED | FIELD_DIGITS, \
	  .header = "联系方式", .label = N_("Way"), .choices = flow_ways, \
	  .aliases = ALIASES("方式")) \
	X(date, F_DATE, 10, FIELD_REQUIRED | FIELD_DIGITS, \
	  .header = "联系日期", .label = N_("Date"), .aliases = ALIASES("日期", "联系时间")) \
	X(next_step, F_TEXT, 60, 0, \
	  .header = "下一步", .label = N_("Next step"), .aliases = ALIASES("下一步工作"))

struct flow_contact {
	int64_t id;
	CONTACT_FIELDS(FIELD_MEMBER)
	char created_at[32];
	char updated_at[32];
	int64_t version;
};

extern const struct field contact_fields[];

#define FLOW_MAX_PROBLEMS 24

/* 外出中 or 失联: the member is away and the record open. */
bool flow_status_open(const char *status);

/* A new record's defaults: 流出, 外出中. */
void flow_init(void *rec);
void contact_init(void *rec);

/* Normalize every field of F in place by its type and check the
 * record's own rules on TODAY (YYYY-MM-DD): a 流出 names its member (or
 * the member's ID number, for an import) and the departure and
 * destination; a 流入 the person's name and ID number (the roster's
 * checks: gender and ID agree) and the arrival; dates not in the
 * future, the expected return after departure, the certificate handed
 * back not before it was issued.  The number of problems into P (at most
 * MAX). */
int flow_check(struct flow *f, const char *today, struct field_problem *p, int max);
int contact_check(struct flow_contact *c, const char *today, struct field_problem *p,
                  int max);

/* The rules across records, with DB: a 流出's member on the roster (by
 * its key, else by the ID number), its name, gender, ID number and
 * phone copied from there; a member who is not current (在册 or 流出)
 * cannot flow out, nor one away already (one open 流出 at a time); 范围
 * from the destination and the branch's own province and city.  The
 * number of problems into P (at most MAX). */
int flow_resolve(struct db *db, struct flow *f, struct field_problem *p, int max);

/* 范围 of a destination (PROVINCE a name of flow_provinces, CITY as
 * typed) seen from HOME_PROVINCE and HOME_CITY: 跨省, 省内跨市 or 市内;
 * "" when either province is unknown. */
const char *flow_scope(const char *province, const char *city,
                       const char *home_province, const char *home_city);

/* The province of a six-digit region code (its first two digits), or
 * NULL. */
const char *flow_province_of(const char *region);

/* NULL if a record in status FROM may go to TO, else why not. */
const char *flow_status_change(const char *from, const char *to);

#endif
