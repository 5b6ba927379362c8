/* member_fields.c - the roster's fields (SPEC 1.1) as a table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "gettext.h"
#include "member.h"
#include "text.h"

#define M(member_field) offsetof(struct member, member_field), \
	sizeof(((struct member *)0)->member_field)

#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The aliases are the headers of real rosters: the templates of 组织部
 * and street offices, the exports of 全国党员管理信息系统 and of 智慧党建
 * platforms.  Some name another field's values there (人员类别 holds
 * 正式党员/预备党员 in some exports): the import reads such a column by
 * its values (io.c). */
const struct field member_fields[] = {
	{ "name", "姓名", N_("Name"), F_NAME, 20, NULL, M(name),
	  FIELD_REQUIRED | FIELD_DIGITS, NULL,
	  ALIASES("党员姓名", "名字") },
	{ "gender", "性别", N_("Gender"), F_CHOICE, 1, valid_genders, M(gender),
	  FIELD_DIGITS, N_("empty: taken from the ID number"),
	  NULL },
	{ "ethnicity", "民族", N_("Ethnicity"), F_CHOICE, 8, valid_ethnicities,
	  M(ethnicity), FIELD_REQUIRED | FIELD_DIGITS, NULL,
	  ALIASES("族别") },
	{ "birth_date", "出生日期", N_("Birth date"), F_DATE, 10, NULL,
	  M(birth_date), FIELD_DIGITS, N_("empty: taken from the ID number"),
	  ALIASES("出生年月", "出生年月日", "出生时间", "生日") },
	{ "id_number", "身份证号", N_("ID number"), F_ID_NUMBER, 18, NULL,
	  M(id_number), FIELD_REQUIRED | FIELD_DIGITS, NULL,
	  ALIASES("身份证号码", "公民身份号码", "公民身份证号", "公民身份证号码",
	          "居民身份证号码", "身份证", "身份证件号码", "证件号码") },
	{ "education", "学历", N_("Education"), F_CHOICE, 6, valid_educations,
	  M(education), FIELD_DIGITS, NULL,
	  ALIASES("文化程度", "最高学历", "现有文化程度", "学历学位") },
	{ "member_type", "党员类别", N_("Member type"), F_CHOICE, 4,
	  valid_member_types, M(member_type), FIELD_REQUIRED | FIELD_DIGITS, NULL,
	  ALIASES("预/正", "预正", "正/预", "正式/预备", "党员身份", "党员类型",
	          "正式或预备党员") },
	{ "category", "人员分类", N_("Category"), F_CHOICE, 8, valid_categories,
	  M(category), FIELD_DIGITS, NULL,
	  ALIASES("人员类别", "工作岗位", "党员工作岗位", "岗位类别", "职业",
	          "党员分类") },
	{ "join_date", "入党日期", N_("Joined"), F_DATE, 10, NULL, M(join_date),
	  FIELD_REQUIRED | FIELD_DIGITS, NULL,
	  ALIASES("入党时间", "入党年月", "入党年月日", "加入党组织日期",
	          "加入党组织时间") },
	{ "full_date", "转正日期", N_("Full member since"), F_DATE, 10, NULL,
	  M(full_date), FIELD_DIGITS, N_("empty for probationary members"),
	  ALIASES("转正时间", "转正年月", "转为正式党员时间", "转为正式党员日期") },
	{ "probation_end", "延长预备期至", N_("Probation extended to"), F_DATE, 10,
	  NULL, M(probation_end), FIELD_DIGITS | FIELD_NO_FORM, NULL,
	  ALIASES("延长预备期截止日期", "预备期延长至") },
	{ "probation_reason", "延长预备期原因", N_("Reason of the extension"),
	  F_TEXT, 60, NULL, M(probation_reason), FIELD_NO_FORM, NULL,
	  NULL },
	{ "status", "党籍状态", N_("Status"), F_CHOICE, 8, valid_statuses,
	  M(status), FIELD_REQUIRED | FIELD_DIGITS | FIELD_NO_FORM, NULL,
	  ALIASES("党员状态", "党籍") },
	{ "status_date", "党籍变动日期", N_("Status since"), F_DATE, 10, NULL,
	  M(status_date), FIELD_DIGITS | FIELD_NO_FORM, NULL,
	  ALIASES("党籍变动时间", "状态变动日期") },
	{ "status_reason", "党籍变动原因", N_("Reason of the status"), F_TEXT, 60,
	  NULL, M(status_reason), FIELD_NO_FORM, NULL,
	  NULL },
	{ "work_unit", "工作单位及职务", N_("Work unit and post"), F_TEXT, 60, NULL,
	  M(work_unit), 0, NULL,
	  ALIASES("工作单位", "单位及职务", "工作单位及职位", "工作单位和职务",
	          "现工作单位及职务", "所在单位", "单位") },
	{ "phone", "联系电话", N_("Phone"), F_PHONE, 20, NULL, M(phone),
	  FIELD_DIGITS, N_("mobile 13912345678 or landline 025-84561234"),
	  ALIASES("手机号码", "手机号", "手机", "联系方式", "电话", "电话号码",
	          "联系电话号码") },
	{ "address", "居住地址", N_("Address"), F_TEXT, 80, NULL, M(address), 0,
	  NULL,
	  ALIASES("现居住地", "现居住地址", "家庭住址", "现住址", "家庭地址",
	          "居住地", "住址", "现居地址") },
	{ "party_group", "党小组", N_("Party group"), F_GROUP, 20, NULL,
	  M(party_group), FIELD_DIGITS, NULL,
	  ALIASES("所在党小组", "所属党小组", "党小组名称") },
	{ "note", "备注", N_("Note"), F_NOTE, 200, NULL, M(note), 0, NULL,
	  ALIASES("说明") },
	{ NULL, NULL, NULL, F_TEXT, 0, NULL, 0, 0, 0, NULL, NULL },
};

const struct field *field_find(const struct field *table, const char *name)
{
	const struct field *f;

	for (f = table; f->key; f++)
		if (strcmp(f->key, name) == 0 || strcmp(f->header, name) == 0)
			return f;
	return NULL;
}

/* Drop a trailing "(...)" remark: its last ')' and what it closes. */
static void drop_remark(char *s, size_t *n)
{
	int depth = 0;

	if (*n == 0 || s[*n - 1] != ')')
		return;
	for (size_t i = *n; i-- > 0;) {
		if (s[i] == ')')
			depth++;
		else if (s[i] == '(' && --depth == 0) {
			if (i > 0)      /* "(备注)" alone stays what it is */
				*n = i;
			return;
		}
	}
}

void field_header_normalize(const char *in, char *out, size_t size)
{
	size_t n = 0, len;
	char *h;

	out[0] = '\0';
	if (!in || (len = strlen(in)) >= size)
		return;
	h = strdup(in);
	if (!h)
		return;
	text_halfwidth(h);
	for (const char *p = h; *p; p++) {
		unsigned char c = (unsigned char)*p;

		/* spaces, line breaks (Excel's Alt-Enter in a header) and a
		 * no-break space (U+00A0) go */
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == 0xC2 && (unsigned char)p[1] == 0xA0) {
			p++;
			continue;
		}
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	free(h);
	/* 姓名*, *姓名, 联系电话：, 联系电话(手机) */
	for (;;) {
		size_t before = n;

		while (n > 0 && (out[n - 1] == '*' || out[n - 1] == ':'))
			n--;
		drop_remark(out, &n);
		if (n == before)
			break;
	}
	out[n] = '\0';
	if (out[0] == '*')
		memmove(out, out + 1, n);
}

const struct field *field_by_header(const struct field *table, const char *cell,
                                    bool *exact)
{
	char h[256], v[256];
	const struct field *f;

	field_header_normalize(cell, h, sizeof h);
	if (!h[0])
		return NULL;
	for (f = table; f->key; f++) {
		field_header_normalize(f->header, v, sizeof v);
		if (strcmp(h, v) == 0 || strcmp(h, f->key) == 0) {
			if (exact)
				*exact = true;
			return f;
		}
	}
	for (f = table; f->key; f++) {
		for (const char *const *a = f->aliases; a && *a; a++) {
			if (strcmp(h, *a) == 0) {
				if (exact)
					*exact = false;
				return f;
			}
		}
	}
	return NULL;
}
