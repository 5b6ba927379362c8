/* member.h - one member of the roster (党员花名册), SPEC 1.1.
 *
 * Plain data shared by the validators, the store and the screens.  Text
 * fields are UTF-8, sized for their longest allowed value; the short
 * coded fields have room for the longer spellings people type (2024年3月5日,
 * full-width digits, 女性) so that member_check() sees them whole.
 */
#ifndef ZHIBU_MEMBER_H
#define ZHIBU_MEMBER_H

#include <stdbool.h>
#include <stdint.h>

#include "field.h"


/* The roster's fields (SPEC 1.1), in their order: the record below and
 * the field table (member_fields.c) are made from this list, and the
 * store, the form, the list, the import and export, the reports and the
 * checks read the table (field.h).  The aliases are the headers of real
 * rosters: the templates of 组织部 and street offices, the exports of
 * 全国党员管理信息系统 and of 智慧党建 platforms.  Some name another
 * field's values there (人员类别 holds 正式党员/预备党员 in some exports):
 * the import reads such a column by its values (io.c).  Dates are
 * YYYY-MM-DD; 转正日期 is empty for a 预备党员; 延长预备期至 empty means
 * the probation ends a year after joining; 党小组 holds the group's name. */
#define MEMBER_FIELDS(X) \
	X(name, F_NAME, 20, FIELD_REQUIRED | FIELD_DIGITS, \
	  .header = "姓名", .label = N_("Name"), \
	  .aliases = ALIASES("党员姓名", "名字")) \
	X(gender, F_CHOICE, 1, FIELD_DIGITS, \
	  .header = "性别", .label = N_("Gender"), .choices = valid_genders, \
	  .hint = N_("empty: taken from the ID number")) \
	X(ethnicity, F_CHOICE, 8, FIELD_REQUIRED | FIELD_DIGITS, \
	  .header = "民族", .label = N_("Ethnicity"), .choices = valid_ethnicities, \
	  .aliases = ALIASES("族别")) \
	X(birth_date, F_DATE, 10, FIELD_DIGITS, \
	  .header = "出生日期", .label = N_("Birth date"), \
	  .hint = N_("empty: taken from the ID number"), \
	  .aliases = ALIASES("出生年月", "出生年月日", "出生时间", "生日")) \
	X(id_number, F_ID_NUMBER, 18, FIELD_REQUIRED | FIELD_DIGITS, \
	  .header = "身份证号", .label = N_("ID number"), \
	  .aliases = ALIASES("身份证号码", "公民身份号码", "公民身份证号", "公民身份证号码", \
	          "居民身份证号码", "身份证", "身份证件号码", "证件号码")) \
	X(education, F_CHOICE, 6, FIELD_DIGITS, \
	  .header = "学历", .label = N_("Education"), .choices = valid_educations, \
	  .aliases = ALIASES("文化程度", "最高学历", "现有文化程度", "学历学位")) \
	X(member_type, F_CHOICE, 4, FIELD_REQUIRED | FIELD_DIGITS, \
	  .header = "党员类别", .label = N_("Member type"), .choices = valid_member_types, \
	  .aliases = ALIASES("预/正", "预正", "正/预", "正式/预备", "党员身份", "党员类型", \
	          "正式或预备党员")) \
	X(category, F_CHOICE, 8, FIELD_DIGITS, \
	  .header = "人员分类", .label = N_("Category"), .choices = valid_categories, \
	  .aliases = ALIASES("人员类别", "工作岗位", "党员工作岗位", "岗位类别", "职业", "党员分类")) \
	X(join_date, F_DATE, 10, FIELD_REQUIRED | FIELD_DIGITS, \
	  .header = "入党日期", .label = N_("Joined"), \
	  .aliases = ALIASES("入党时间", "入党年月", "入党年月日", "加入党组织日期", "加入党组织时间")) \
	X(full_date, F_DATE, 10, FIELD_DIGITS, \
	  .header = "转正日期", .label = N_("Full member since"), \
	  .hint = N_("empty for probationary members"), \
	  .aliases = ALIASES("转正时间", "转正年月", "转为正式党员时间", "转为正式党员日期")) \
	X(probation_end, F_DATE, 10, FIELD_DIGITS | FIELD_NO_FORM, \
	  .header = "延长预备期至", .label = N_("Probation extended to"), \
	  .aliases = ALIASES("延长预备期截止日期", "预备期延长至")) \
	X(probation_reason, F_TEXT, 60, FIELD_NO_FORM, \
	  .header = "延长预备期原因", .label = N_("Reason of the extension")) \
	X(status, F_CHOICE, 8, FIELD_REQUIRED | FIELD_DIGITS | FIELD_NO_FORM, \
	  .header = "党籍状态", .label = N_("Status"), .choices = valid_statuses, \
	  .aliases = ALIASES("党员状态", "党籍")) \
	X(status_date, F_DATE, 10, FIELD_DIGITS | FIELD_NO_FORM, \
	  .header = "党籍变动日期", .label = N_("Status since"), \
	  .aliases = ALIASES("党籍变动时间", "状态变动日期")) \
	X(status_reason, F_TEXT, 60, FIELD_NO_FORM, \
	  .header = "党籍变动原因", .label = N_("Reason of the status")) \
	X(work_unit, F_TEXT, 60, 0, \
	  .header = "工作单位及职务", .label = N_("Work unit and post"), \
	  .aliases = ALIASES("工作单位", "单位及职务", "工作单位及职位", "工作单位和职务", \
	          "现工作单位及职务", "所在单位", "单位")) \
	X(phone, F_PHONE, 20, FIELD_DIGITS, \
	  .header = "联系电话", .label = N_("Phone"), \
	  .hint = N_("mobile 13912345678 or landline 025-84561234"), \
	  .aliases = ALIASES("手机号码", "手机号", "手机", "联系方式", "电话", "电话号码", \
	          "联系电话号码")) \
	X(address, F_TEXT, 80, 0, \
	  .header = "居住地址", .label = N_("Address"), \
	  .aliases = ALIASES("现居住地", "现居住地址", "家庭住址", "现住址", "家庭地址", "居住地", \
	          "住址", "现居地址")) \
	X(party_group, F_GROUP, 20, FIELD_DIGITS, \
	  .header = "党小组", .label = N_("Party group"), \
	  .aliases = ALIASES("所在党小组", "所属党小组", "党小组名称")) \
	X(note, F_NOTE, 200, 0, \
	  .header = "备注", .label = N_("Note"), \
	  .aliases = ALIASES("说明"))

struct member {
	int64_t id;                     /* random 63-bit key, 0 = not stored yet */
	MEMBER_FIELDS(FIELD_MEMBER)
	char created_at[32];
	char updated_at[32];
	int64_t version;                /* bumped on every update */
};

/* The table of MEMBER_FIELDS, ended by a NULL key. */
extern const struct field member_fields[];

#define MEMBER_MAX_PROBLEMS 20

/* Normalize every field of M in place (trim, full-width digits, date forms,
 * education spellings, name dots) and check each field and their agreement
 * (gender and birth date with the ID number, age at joining, full_date
 * after join_date and required for 正式党员 ...).  TODAY is YYYY-MM-DD.
 * Returns the number of problems written to P (at most MEMBER_MAX_PROBLEMS);
 * 0 means M may be stored.  Uniqueness of the ID number is the store's. */
int member_check(struct member *m, const char *today,
                 struct field_problem p[MEMBER_MAX_PROBLEMS]);

/* The rules of member_check() in detail:
 * - required: name, id_number (uniqueness makes it one), member_type,
 *   join_date, status; gender and birth_date left empty are taken from
 *   the ID number, an empty ethnicity becomes 汉族; education, category,
 *   full_date of a 预备党员, status_date and the free texts may be empty.
 * - gender and birth_date must agree with the ID number; with an invalid
 *   ID number only the ID number is reported for them.
 * - join_date: not after TODAY, after the birth date, the member 18 or
 *   older on it (a 29 February birthday counts from 1 March).
 * - full_date: required for 正式党员, empty for 预备党员, after join_date,
 *   not after TODAY.  status_date: a date not after TODAY, if given.
 * - Limits: work_unit and status_reason 60 characters, address 80,
 *   party_group 20, note 200 (the only one with line breaks).
 * - Problem fields are the SPEC 1.1 keys, plus status_date and
 *   status_reason.  A NULL or empty TODAY means the real today.
 * Values are normalized inside M's buffers, which have room for the longer
 * spellings (INPUT_BUF). */

/* Fill the defaults of a new record (民族 汉族, 在册, 正式党员 ...). */
void member_init(struct member *m);

/* 党籍状态 changes (members are never deleted; see member.c for the
 * table of what may follow what and the rules it comes from). */

/* 在册 or 流出: a member of the branch now. */
bool member_status_current(const char *status);

/* 去世 or one of the ways of leaving the Party: nothing follows. */
bool member_status_final(const char *status);

/* NULL if M may go from its status to TO, else the reason (message id). */
const char *member_status_change(const struct member *m, const char *to);

/* Whether the change of M to TO must give a reason, and whether it must
 * be confirmed (a final status; a return from 停止党籍). */
bool member_status_needs_reason(const struct member *m, const char *to);
bool member_status_needs_confirm(const struct member *m, const char *to);

/* NULL if a member stored as WAS may be saved with member type TYPE:
 * a full member never becomes probationary again (党章第七条). */
const char *member_type_change(const struct member *was, const char *type);

/* NULL if DATE (YYYY-MM-DD) may be the date of M's next status TO: not
 * in the future, not before joining nor before the present status's
 * date, and 除名 after 停止党籍 two years after it at the earliest;
 * else the reason. */
const char *member_status_date(const struct member *m, const char *to,
                               const char *date, const char *today);

/* 预备期满: the end of M's probation, a year after joining or the end of
 * its extension (党章第七条), as YYYY-MM-DD ("" if the joining date is
 * not a date). */
void member_probation_end(const struct member *m, char out[11]);

/* The 转正日期 to offer M on TODAY: the day the probation ended, or its
 * last day when that is today (the day after is not there yet). */
void member_full_date_offered(const struct member *m, const char *today,
                              char out[11]);

/* NULL once M's probation is over (its last day has come: 转正 and an
 * extension are decided then, 党章第七条), else why not. */
const char *member_probation_over(const struct member *m, const char *today);

/* 党龄 on day ON: whole years since the full-membership date (党章第七条:
 * 党龄 counts from the day the probation ended); -1 for a 预备党员. */
int member_party_age(const struct member *m, const char *on);

/* 入党 N 周年: whole years since joining, on day ON. */
int member_anniversary(const struct member *m, const char *on);

/* 转正, the three outcomes of a probation (党章第七条), and a change of
 * 党籍状态: each checks M as changed by the rules above and, when
 * nothing is wrong, writes the change into M (normalized) and returns
 * NULL; else it returns the reason (a message id) with the field it is
 * about in *FIELD and leaves M as it was.  Storing M is the caller's.
 * - member_make_full: 按期转正 on DATE, the day the probation ended;
 * - member_extend_probation: 延长预备期 to UNTIL, once, with a REASON;
 * - member_change_status: to status TO on DATE with REASON (required
 *   where member_status_needs_reason says); 取消预备党员资格 is one. */
const char *member_make_full(struct member *m, const char *date,
                             const char *today, const char **field);
const char *member_extend_probation(struct member *m, const char *until,
                                    const char *reason, const char *today,
                                    const char **field);
const char *member_change_status(struct member *m, const char *to,
                                 const char *date, const char *reason,
                                 const char *today, const char **field);

/* The day M's age is counted to: today, or the date of the status of a
 * member who died or left the Party (they stop ageing on screen). */
const char *member_age_date(const struct member *m, const char *today);

#endif
