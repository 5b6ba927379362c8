/* member_fields.c - the roster's fields (SPEC 1.1) as a table. */
#include "config.h"

#include <string.h>

#include "field.h"
#include "gettext.h"
#include "member.h"

#define M(member_field) offsetof(struct member, member_field), \
	sizeof(((struct member *)0)->member_field)

const struct field member_fields[] = {
	{ "name", "姓名", N_("Name"), F_NAME, 20, NULL, M(name),
	  FIELD_REQUIRED | FIELD_DIGITS, NULL },
	{ "gender", "性别", N_("Gender"), F_CHOICE, 1, valid_genders, M(gender),
	  FIELD_DIGITS, N_("empty: taken from the ID number") },
	{ "ethnicity", "民族", N_("Ethnicity"), F_CHOICE, 8, valid_ethnicities,
	  M(ethnicity), FIELD_REQUIRED | FIELD_DIGITS, NULL },
	{ "birth_date", "出生日期", N_("Birth date"), F_DATE, 10, NULL,
	  M(birth_date), FIELD_DIGITS, N_("empty: taken from the ID number") },
	{ "id_number", "身份证号", N_("ID number"), F_ID_NUMBER, 18, NULL,
	  M(id_number), FIELD_REQUIRED | FIELD_DIGITS, NULL },
	{ "education", "学历", N_("Education"), F_CHOICE, 6, valid_educations,
	  M(education), FIELD_DIGITS, NULL },
	{ "member_type", "党员类别", N_("Member type"), F_CHOICE, 4,
	  valid_member_types, M(member_type), FIELD_REQUIRED | FIELD_DIGITS, NULL },
	{ "category", "人员分类", N_("Category"), F_CHOICE, 8, valid_categories,
	  M(category), FIELD_DIGITS, NULL },
	{ "join_date", "入党日期", N_("Joined"), F_DATE, 10, NULL, M(join_date),
	  FIELD_REQUIRED | FIELD_DIGITS, NULL },
	{ "full_date", "转正日期", N_("Full member since"), F_DATE, 10, NULL,
	  M(full_date), FIELD_DIGITS, N_("empty for probationary members") },
	{ "probation_end", "延长预备期至", N_("Probation extended to"), F_DATE, 10,
	  NULL, M(probation_end), FIELD_DIGITS | FIELD_NO_FORM, NULL },
	{ "probation_reason", "延长预备期原因", N_("Reason of the extension"),
	  F_TEXT, 60, NULL, M(probation_reason), FIELD_NO_FORM, NULL },
	{ "status", "党籍状态", N_("Status"), F_CHOICE, 8, valid_statuses,
	  M(status), FIELD_REQUIRED | FIELD_DIGITS | FIELD_NO_FORM, NULL },
	{ "status_date", "党籍变动日期", N_("Status since"), F_DATE, 10, NULL,
	  M(status_date), FIELD_DIGITS | FIELD_NO_FORM, NULL },
	{ "status_reason", "党籍变动原因", N_("Reason of the status"), F_TEXT, 60,
	  NULL, M(status_reason), FIELD_NO_FORM, NULL },
	{ "work_unit", "工作单位及职务", N_("Work unit and post"), F_TEXT, 60, NULL,
	  M(work_unit), 0, NULL },
	{ "phone", "联系电话", N_("Phone"), F_PHONE, 20, NULL, M(phone),
	  FIELD_DIGITS, N_("mobile 13912345678 or landline 025-84561234") },
	{ "address", "居住地址", N_("Address"), F_TEXT, 80, NULL, M(address), 0,
	  NULL },
	{ "party_group", "党小组", N_("Party group"), F_GROUP, 20, NULL,
	  M(party_group), FIELD_DIGITS, NULL },
	{ "note", "备注", N_("Note"), F_NOTE, 200, NULL, M(note), 0, NULL },
	{ NULL, NULL, NULL, F_TEXT, 0, NULL, 0, 0, 0, NULL },
};

const struct field *field_find(const struct field *table, const char *name)
{
	const struct field *f;

	for (f = table; f->key; f++)
		if (strcmp(f->key, name) == 0 || strcmp(f->header, name) == 0)
			return f;
	return NULL;
}
