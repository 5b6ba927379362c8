/* test_field.c - one value of a field, checked and shown by its type. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "field.h"
#include "member.h"
#include "tap.h"
#include "validate.h"

/* a field of type T; the rest of its description after it */
#define TEST_F(t, ...) { .key = "k", .header = "字段", .label = "Field", .type = (t), \
	__VA_ARGS__ }

/* CHECK IN as field F: the normal form or "!" and the reason. */
static const char *check(const struct field *f, const char *in)
{
	static char out[256];
	char buf[256];
	const char *why = field_check_value(f, in, buf, sizeof buf);

	if (why)
		snprintf(out, sizeof out, "!%s", why);
	else
		snprintf(out, sizeof out, "%s", buf);
	return out;
}

static const char *shown(const struct field *f, const char *v)
{
	static char out[256];

	field_format(f, v, out, sizeof out);
	return out;
}

int main(void)
{
	const struct field text = TEST_F(F_TEXT, .maxchars = 10);
	const struct field req = TEST_F(F_TEXT, .maxchars = 10, .flags = FIELD_REQUIRED);
	const struct field name = TEST_F(F_NAME, .maxchars = 20);
	const struct field date = TEST_F(F_DATE, .maxchars = 10);
	const struct field idn = TEST_F(F_ID_NUMBER, .maxchars = 18);
	const struct field phone = TEST_F(F_PHONE, .maxchars = 20);
	const struct field choice = TEST_F(F_CHOICE, .maxchars = 6, .choices = valid_educations);
	const struct field yn = TEST_F(F_BOOL, .maxchars = 1);
	const struct field num = TEST_F(F_INT, .maxchars = 2, .min = 1, .max = 99);
	const struct field time = TEST_F(F_TIME, .maxchars = 5);
	const struct field days = TEST_F(F_WEEKDAYS, .maxchars = 7);
	/* a value typed into a field of each type: its normal form, or "!" and
	 * why it is refused */
	const struct {
		const struct field *f;
		const char *in, *want, *what;
	} checks[] = {
		{ &text, "", "", "an empty optional text is fine" },
		{ &req, "", "!is required", "an empty required text is refused" },
		{ &text, "  幸福路1号 ", "幸福路1号", "text: trimmed" },
		{ &text, "一二三四五六七八九十一", "!is too long", "text: over its length" },
		{ &name, "张　三", "张三", "name: as valid_name leaves it" },
		{ &date, "2024年3月5日", "2024-03-05", "date: normal form" },
		{ &date, "2024-02-30", "!no such day (e.g. February 30)", "date: refused" },
		{ &idn, "11010519491231002X", "11010519491231002X", "ID number: checked" },
		{ &phone, "139 1234 5678", "13912345678", "phone: compacted" },
		{ &choice, "本科", "大学本科", "choice: by its alias" },
		{ &choice, "幼儿园", "!is not one of the choices (Space shows them)", "choice: not one of them" },
		{ &yn, "是", "1", "yes/no: 是" },
		{ &yn, "×", "0", "yes/no: ×" },
		{ &yn, "Yes", "1", "yes/no: Yes" },
		{ &yn, "也许", "!is neither yes nor no (是 or 否)", "yes/no: 也许 refused" },
		{ &num, "１２", "12", "integer: full-width digits" },
		{ &num, "0", "!is out of range", "integer: below its range" },
		{ &num, "100", "!is out of range", "integer: above it" },
		{ &num, "3个", "!is not a whole number", "integer: 3个 refused" },
		{ &time, "8:30", "08:30", "time: 8:30" },
		{ &time, "2030", "20:30", "time: 2030" },
		{ &time, "8点", "08:00", "time: 8点" },
		{ &time, "19点30分", "19:30", "time: 19点30分" },
		{ &time, "24:00", "!no such time of day", "time: 24:00 refused" },
		{ &time, "8:61", "!no such time of day", "time: 8:61 refused" },
		{ &time, "早上", "!is not a time of day (use HH:MM)", "time: 早上 refused" },
		{ &days, "周一、周三、周五", "135", "weekdays: 周一、周三、周五" },
		{ &days, "一三五", "135", "weekdays: 一三五" },
		{ &days, "5,1,3,3", "135", "weekdays: 5,1,3,3 in order, once each" },
		{ &days, "工作日", "12345", "weekdays: 工作日" },
		{ &days, "周末", "67", "weekdays: 周末" },
		{ &days, "星期天", "7", "weekdays: 星期天" },
		{ &days, "每天", "1234567", "weekdays: 每天" },
		{ &days, "周八", "!is not a set of weekdays (e.g. 一三五, 1,3,5 or 工作日)", "weekdays: 周八 refused" },
	};

	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
		is_str(check(checks[i].f, checks[i].in), checks[i].want, "%s", checks[i].what);

	is_str(shown(&idn, "11010519491231002X"), "110105********002X",
	       "an ID number is shown masked, by its type");
	is_str(shown(&yn, "1"), "yes", "yes/no shown in words");
	is_str(shown(&days, "135"), "一、三、五", "weekdays shown as 一、三、五");
	is_str(shown(&text, "x"), "x", "text shown as it is");

	ok(field_find(member_fields, "id_number") &&
	   field_find(member_fields, "身份证号") == field_find(member_fields, "id_number"),
	   "field_find by key and by Chinese header");
	return tap_done();
}
