/* member_fields.c - the roster's fields (SPEC 1.1) as a table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "gettext.h"
#include "member.h"
#include "text.h"

/* A field's key and where it lives in struct member: the key is the
 * member's name, spelled once. */
#define KEY(f) .key = #f, .offset = offsetof(struct member, f), \
	.size = sizeof(((struct member *)0)->f)

#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The aliases are the headers of real rosters: the templates of 组织部
 * and street offices, the exports of 全国党员管理信息系统 and of 智慧党建
 * platforms.  Some name another field's values there (人员类别 holds
 * 正式党员/预备党员 in some exports): the import reads such a column by
 * its values (io.c). */
const struct field member_fields[] = {
	{ KEY(name), .header = "姓名", .label = N_("Name"),
	  .type = F_NAME, .maxchars = 20, .flags = FIELD_REQUIRED | FIELD_DIGITS,
	  .aliases = ALIASES("党员姓名", "名字") },
	{ KEY(gender), .header = "性别", .label = N_("Gender"),
	  .type = F_CHOICE, .maxchars = 1, .flags = FIELD_DIGITS,
	  .choices = valid_genders,
	  .hint = N_("empty: taken from the ID number") },
	{ KEY(ethnicity), .header = "民族", .label = N_("Ethnicity"),
	  .type = F_CHOICE, .maxchars = 8, .flags = FIELD_REQUIRED | FIELD_DIGITS,
	  .choices = valid_ethnicities,
	  .aliases = ALIASES("族别") },
	{ KEY(birth_date), .header = "出生日期", .label = N_("Birth date"),
	  .type = F_DATE, .maxchars = 10, .flags = FIELD_DIGITS,
	  .hint = N_("empty: taken from the ID number"),
	  .aliases = ALIASES("出生年月", "出生年月日", "出生时间", "生日") },
	{ KEY(id_number), .header = "身份证号", .label = N_("ID number"),
	  .type = F_ID_NUMBER, .maxchars = 18, .flags = FIELD_REQUIRED | FIELD_DIGITS,
	  .aliases = ALIASES("身份证号码", "公民身份号码", "公民身份证号", "公民身份证号码",
	          "居民身份证号码", "身份证", "身份证件号码", "证件号码") },
	{ KEY(education), .header = "学历", .label = N_("Education"),
	  .type = F_CHOICE, .maxchars = 6, .flags = FIELD_DIGITS,
	  .choices = valid_educations,
	  .aliases = ALIASES("文化程度", "最高学历", "现有文化程度", "学历学位") },
	{ KEY(member_type), .header = "党员类别", .label = N_("Member type"),
	  .type = F_CHOICE, .maxchars = 4, .flags = FIELD_REQUIRED | FIELD_DIGITS,
	  .choices = valid_member_types,
	  .aliases = ALIASES("预/正", "预正", "正/预", "正式/预备", "党员身份", "党员类型",
	          "正式或预备党员") },
	{ KEY(category), .header = "人员分类", .label = N_("Category"),
	  .type = F_CHOICE, .maxchars = 8, .flags = FIELD_DIGITS,
	  .choices = valid_categories,
	  .aliases = ALIASES("人员类别", "工作岗位", "党员工作岗位", "岗位类别", "职业",
	          "党员分类") },
	{ KEY(join_date), .header = "入党日期", .label = N_("Joined"),
	  .type = F_DATE, .maxchars = 10, .flags = FIELD_REQUIRED | FIELD_DIGITS,
	  .aliases = ALIASES("入党时间", "入党年月", "入党年月日", "加入党组织日期",
	          "加入党组织时间") },
	{ KEY(full_date), .header = "转正日期", .label = N_("Full member since"),
	  .type = F_DATE, .maxchars = 10, .flags = FIELD_DIGITS,
	  .hint = N_("empty for probationary members"),
	  .aliases = ALIASES("转正时间", "转正年月", "转为正式党员时间", "转为正式党员日期") },
	{ KEY(probation_end), .header = "延长预备期至", .label = N_("Probation extended to"),
	  .type = F_DATE, .maxchars = 10, .flags = FIELD_DIGITS | FIELD_NO_FORM,
	  .aliases = ALIASES("延长预备期截止日期", "预备期延长至") },
	{ KEY(probation_reason), .header = "延长预备期原因", .label = N_("Reason of the extension"),
	  .type = F_TEXT, .maxchars = 60, .flags = FIELD_NO_FORM },
	{ KEY(status), .header = "党籍状态", .label = N_("Status"),
	  .type = F_CHOICE, .maxchars = 8, .flags = FIELD_REQUIRED | FIELD_DIGITS | FIELD_NO_FORM,
	  .choices = valid_statuses,
	  .aliases = ALIASES("党员状态", "党籍") },
	{ KEY(status_date), .header = "党籍变动日期", .label = N_("Status since"),
	  .type = F_DATE, .maxchars = 10, .flags = FIELD_DIGITS | FIELD_NO_FORM,
	  .aliases = ALIASES("党籍变动时间", "状态变动日期") },
	{ KEY(status_reason), .header = "党籍变动原因", .label = N_("Reason of the status"),
	  .type = F_TEXT, .maxchars = 60, .flags = FIELD_NO_FORM },
	{ KEY(work_unit), .header = "工作单位及职务", .label = N_("Work unit and post"),
	  .type = F_TEXT, .maxchars = 60, .flags = 0,
	  .aliases = ALIASES("工作单位", "单位及职务", "工作单位及职位", "工作单位和职务",
	          "现工作单位及职务", "所在单位", "单位") },
	{ KEY(phone), .header = "联系电话", .label = N_("Phone"),
	  .type = F_PHONE, .maxchars = 20, .flags = FIELD_DIGITS,
	  .hint = N_("mobile 13912345678 or landline 025-84561234"),
	  .aliases = ALIASES("手机号码", "手机号", "手机", "联系方式", "电话", "电话号码",
	          "联系电话号码") },
	{ KEY(address), .header = "居住地址", .label = N_("Address"),
	  .type = F_TEXT, .maxchars = 80, .flags = 0,
	  .aliases = ALIASES("现居住地", "现居住地址", "家庭住址", "现住址", "家庭地址",
	          "居住地", "住址", "现居地址") },
	{ KEY(party_group), .header = "党小组", .label = N_("Party group"),
	  .type = F_GROUP, .maxchars = 20, .flags = FIELD_DIGITS,
	  .aliases = ALIASES("所在党小组", "所属党小组", "党小组名称") },
	{ KEY(note), .header = "备注", .label = N_("Note"),
	  .type = F_NOTE, .maxchars = 200, .flags = 0,
	  .aliases = ALIASES("说明") },
	{ .key = NULL },
};
