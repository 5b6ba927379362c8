/* test_validate.c - the validators of SPEC 1.1 and member_check().
 *
 * Today is pinned to 2024-06-15 through ZHIBU_TODAY.  Every ID number here
 * is a fake: 17 digits chosen for the case, the check character computed
 * by make_id() below with the ISO 7064 MOD 11-2 formula, which is written
 * differently from validate.c's weight table so that one cannot hide a
 * mistake of the other.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "field.h"
#include "gettext.h"
#include "member.h"
#include "tap.h"
#include "validate.h"

#define TODAY "2024-06-15"

#define NOT_PHONE \
	"is not a phone number (mobile 13912345678, landline 010-12345678)"
#define NOT_MOBILE "is not a mobile number (those start with 13 to 19)"
#define NEEDS_DASH "needs a dash after the area code (e.g. 010-12345678)"

/* 17 digits + the check character: sum of a[i] * 2^(17-i) mod 11, and the
 * character c makes the total with weight 1 congruent to 1. */
static const char *make_id(const char *d17)
{
	static char ring[16][19];
	static int next;
	char *id = ring[next++ % 16];
	int i, sum = 0, pow2 = 1, c;

	for (i = 16; i >= 0; i--) {
		pow2 = pow2 * 2 % 11;
		sum += (d17[i] - '0') * pow2;
	}
	c = (12 - sum % 11) % 11;
	memcpy(id, d17, 17);
	id[17] = c == 10 ? 'X' : (char)('0' + c);
	id[18] = '\0';
	return id;
}

static void test_id_numbers(void)
{
	char out[19];
	struct id_info info;
	const char *r;

	is_str(make_id("11010519491231002"), "11010519491231002X",
	       "make_id agrees with the published specimen");
	ok(valid_id_checksum("11010519491231002") == 'X',
	   "checksum of the specimen is X");
	ok(valid_id_checksum("44030419900101001") == '1',
	   "checksum 440304199001010011");
	ok(valid_id_checksum("4403041990010100a") == '\0',
	   "checksum of a non-digit is NUL");

	r = valid_id_number("11010519491231002X", out, &info);
	is_str(r, NULL, "specimen accepted");
	is_str(out, "11010519491231002X", "specimen stored as is");
	is_str(info.birth_date, "1949-12-31", "birth date from the ID");
	is_str(info.gender, "女", "even 17th digit: 女");
	is_str(info.region, "110105", "region code");

	r = valid_id_number("440304199001010011", out, &info);
	is_str(r, NULL, "Shenzhen ID accepted");
	is_str(info.gender, "男", "odd 17th digit: 男");
	is_str(info.birth_date, "1990-01-01", "birth 1990-01-01");

	r = valid_id_number("11010519491231002x", out, NULL);
	is_str(r, NULL, "lowercase x accepted (NULL info)");
	is_str(out, "11010519491231002X", "lowercase x stored as X");

	r = valid_id_number("１１０１０５１９４９１２３１００２ｘ", out, NULL);
	is_str(r, NULL, "full-width digits and x accepted");
	is_str(out, "11010519491231002X", "full-width normalized");

	r = valid_id_number(" \xE3\x80\x80" "11010519491231002X\t ", out, NULL);
	is_str(r, NULL, "spaces and U+3000 around trimmed");
	is_str(out, "11010519491231002X", "trimmed value");

	r = valid_id_number("110105 19491231 002X", out, NULL);
	is_str(out, "11010519491231002X", "spaces inside dropped");

	r = valid_id_number("110105194912310021", out, NULL);
	is_str(r, "the check digit does not match (wrong number?)",
	       "bad checksum");
	is_str(out, "", "OUT empty after a failure");
	is_str(valid_id_number("110105194912310029", out, NULL),
	       "the check digit does not match (wrong number?)",
	       "other bad checksum");

	is_str(valid_id_number(make_id("11010519990230001"), out, NULL),
	       "the birth date in it does not exist", "19990230 refused");
	is_str(valid_id_number(make_id("11010519991301001"), out, NULL),
	       "the birth date in it does not exist", "month 13 refused");
	is_str(valid_id_number(make_id("11010519990229001"), out, NULL),
	       "the birth date in it does not exist", "29 Feb 1999 refused");
	is_str(valid_id_number(make_id("11010520000229004"), out, &info),
	       NULL, "29 Feb 2000 accepted");
	is_str(valid_id_number(make_id("11010520990101001"), out, NULL),
	       "the birth date in it is in the future", "born 2099 refused");
	is_str(valid_id_number(make_id("11010520240616001"), out, NULL),
	       "the birth date in it is in the future", "born tomorrow");
	is_str(valid_id_number(make_id("11010520240615001"), out, NULL),
	       NULL, "born today accepted");
	is_str(valid_id_number(make_id("11010518991231001"), out, NULL),
	       "the birth date in it is before 1900", "born 1899 refused");

	is_str(valid_id_number(make_id("99010519900101001"), out, NULL),
	       "the region code (first six digits) is unknown",
	       "province 99 refused");
	is_str(valid_id_number(make_id("11990519900101001"), out, NULL),
	       "the region code (first six digits) is unknown",
	       "prefecture 1199 refused");
	is_str(valid_id_number(make_id("16010519900101001"), out, NULL),
	       "the region code (first six digits) is unknown",
	       "province 16 refused");
	is_str(valid_id_number(make_id("11022119700101001"), out, NULL), NULL,
	       "abolished 110221 (昌平县) accepted");
	is_str(valid_id_number(make_id("13210119600101001"), out, NULL), NULL,
	       "1980s prefecture 1321 accepted");
	is_str(valid_id_number(make_id("46000319700101001"), out, NULL), NULL,
	       "Hainan 460003 (1988-2002) accepted");
	is_str(valid_id_number(make_id("81000019900101001"), out, NULL), NULL,
	       "Hong Kong residence permit 810000 accepted");
	is_str(valid_id_number(make_id("44190019900101001"), out, NULL), NULL,
	       "Dongguan 441900 accepted");

	is_str(valid_id_number("11010519491231002", out, NULL),
	       "must be 18 characters", "17 characters");
	is_str(valid_id_number("11010519491231002XX", out, NULL),
	       "must be 18 characters", "19 characters");
	is_str(valid_id_number("110105491231002", out, NULL),
	       "is an old 15-digit number (give the 18-character one)",
	       "15-digit number");
	is_str(valid_id_number("", out, NULL), "is required", "empty");
	is_str(valid_id_number(NULL, out, NULL), "is required", "NULL");
	is_str(valid_id_number("1101051949123100AX", out, NULL),
	       "must be 17 digits followed by a digit or X", "letter inside");
	is_str(valid_id_number("11010519491231002A", out, NULL),
	       "must be 17 digits followed by a digit or X", "letter at end");
	is_str(valid_id_number("X10105194912310021", out, NULL),
	       "must be 17 digits followed by a digit or X", "X at start");
	is_str(valid_id_number("张10519491231002X", out, NULL),
	       "must be 18 characters", "a Han character counts as one");
}

static void test_id_mask(void)
{
	char out[19];

	valid_id_mask("11010519491231002X", out);
	is_str(out, "110105********002X", "mask of a full ID");
	valid_id_mask("440304199001010011", out);
	is_str(out, "440304********0011", "mask of another");
	valid_id_mask("12345", out);
	is_str(out, "*2345", "short string keeps last four");
	valid_id_mask("1234", out);
	is_str(out, "****", "four characters: all masked");
	valid_id_mask("", out);
	is_str(out, "", "empty stays empty");
	valid_id_mask(NULL, out);
	is_str(out, "", "NULL gives empty");
	valid_id_mask("1234567890123456789012", out);
	is_str(out, "**************9012", "too long: 18 shown, last four");
	valid_id_mask("张三丰1234", out);
	is_str(out, "*********1234", "non-ASCII bytes masked");
	valid_id_mask("11010519491231\x1b[2J", out);
	is_str(out, "110105**********2J", "a control character never shown");
	valid_id_mask("ab\x1b[2J", out);
	is_str(out, "****2J", "nor in a short string");
}

static void test_dates(void)
{
	static const struct {
		const char *in, *want;
	} good[] = {
		{ "2024-03-05", "2024-03-05" },
		{ "2024/3/5", "2024-03-05" },
		{ "2024.3.5", "2024-03-05" },
		{ "20240305", "2024-03-05" },
		{ "2024年3月5日", "2024-03-05" },
		{ "2024年03月05日", "2024-03-05" },
		{ "2024年3月5号", "2024-03-05" },
		{ "2024年3月5", "2024-03-05" },
		{ "２０２４年３月５日", "2024-03-05" },
		{ "２０２４－０３－０５", "2024-03-05" },
		{ "  2024-3-5  ", "2024-03-05" },
		{ "\xE3\x80\x80" "2024/03/05\xE3\x80\x80", "2024-03-05" },
		{ "2024-12-31", "2024-12-31" },
		{ "2000-02-29", "2000-02-29" },
		{ "2024-02-29", "2024-02-29" },
		{ "1900-01-01", "1900-01-01" },
		{ "2100-12-31", "2100-12-31" },
	};
	static const struct {
		const char *in, *reason;
	} bad[] = {
		{ "2023-02-29", "no such day (e.g. February 30)" },
		{ "1900-02-29", "no such day (e.g. February 30)" },
		{ "2100-02-29", "no such day (e.g. February 30)" },
		{ "2024-04-31", "no such day (e.g. February 30)" },
		{ "2024-01-00", "no such day (e.g. February 30)" },
		{ "20240230", "no such day (e.g. February 30)" },
		{ "2024年2月30日", "no such day (e.g. February 30)" },
		{ "2024-13-01", "no such month" },
		{ "2024-00-10", "no such month" },
		{ "1899-12-31", "year out of range" },
		{ "2101-01-01", "year out of range" },
		{ "0000-01-01", "year out of range" },
		{ "2024-03-05x", "not a date (use YYYY-MM-DD)" },
		{ "2024-03-05 12:00", "not a date (use YYYY-MM-DD)" },
		{ "2024-3/5", "not a date (use YYYY-MM-DD)" },
		{ "24-3-5", "not a date (use YYYY-MM-DD)" },
		{ "2024-003-05", "not a date (use YYYY-MM-DD)" },
		{ "2024-03-", "not a date (use YYYY-MM-DD)" },
		{ "2024/3", "not a date (use YYYY-MM-DD)" },
		{ "2024035", "not a date (use YYYY-MM-DD)" },
		{ "202403051", "not a date (use YYYY-MM-DD)" },
		{ "2024年3月5日下午", "not a date (use YYYY-MM-DD)" },
		{ "2024年3-5", "not a date (use YYYY-MM-DD)" },
		{ "March 5, 2024", "not a date (use YYYY-MM-DD)" },
		{ "-2024-03-05", "not a date (use YYYY-MM-DD)" },
		{ "", "is required" },
		{ "   ", "is required" },
	};
	char out[11];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *r = valid_date(good[i].in, out);

		is_str(r, NULL, "date '%s' accepted", good[i].in);
		is_str(out, good[i].want, "date '%s' stored", good[i].in);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strcpy(out, "garbage");
		is_str(valid_date(bad[i].in, out), bad[i].reason,
		       "date '%s' refused", bad[i].in);
		is_str(out, "", "OUT empty after '%s'", bad[i].in);
	}
}

static void test_today_and_age(void)
{
	char out[11], want[11];
	time_t now;
	struct tm tm;

	valid_today(out);
	is_str(out, TODAY, "ZHIBU_TODAY pins today");
	setenv("ZHIBU_TODAY", "2024年1月2日", 1);
	valid_today(out);
	is_str(out, "2024-01-02", "ZHIBU_TODAY in another form");
	setenv("ZHIBU_TODAY", "tomorrow", 1);
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(want, sizeof(want), "%Y-%m-%d", &tm);
	valid_today(out);
	is_str(out, want, "a bad ZHIBU_TODAY is ignored (local date)");
	unsetenv("ZHIBU_TODAY");
	valid_today(out);
	is_str(out, want, "no ZHIBU_TODAY: the local date");
	setenv("ZHIBU_TODAY", TODAY, 1);

	is_int(valid_years_between("1990-06-15", "2008-06-15"), 18,
	       "18 on the 18th birthday");
	is_int(valid_years_between("1990-06-15", "2008-06-14"), 17,
	       "17 the day before");
	is_int(valid_years_between("1990-06-15", "2008-07-01"), 18,
	       "18 two weeks later");
	is_int(valid_years_between("2000-02-29", "2018-02-28"), 17,
	       "29 Feb birthday: 17 on 28 Feb of a common year");
	is_int(valid_years_between("2000-02-29", "2018-03-01"), 18,
	       "29 Feb birthday: 18 on 1 March");
	is_int(valid_years_between("2000-02-29", "2020-02-29"), 20,
	       "29 Feb birthday: 20 on 29 Feb 2020");
	is_int(valid_years_between("2000-02-29", "2020-02-28"), 19,
	       "29 Feb birthday: 19 on 28 Feb 2020");
	is_int(valid_years_between("1990-01-01", "1990-01-01"), 0,
	       "0 on the day of birth");
	is_int(valid_years_between("2024-01-01", "2023-12-31"), -1,
	       "negative when TO is earlier");
	is_int(valid_years_between("2024/01/01", "2030-01-01"), -1,
	       "-1 for a date not in ISO form");
}

static void test_phones(void)
{
	static const struct {
		const char *in, *want;
	} good[] = {
		{ "13800138000", "13800138000" },
		{ "138-0013-8000", "13800138000" },
		{ "138 0013 8000", "13800138000" },
		{ "+86 138 0013 8000", "13800138000" },
		{ "+8613800138000", "13800138000" },
		{ "8613800138000", "13800138000" },
		{ "008613800138000", "13800138000" },
		{ "１３８００１３８０００", "13800138000" },
		{ " 19912345678 ", "19912345678" },
		{ "010-12345678", "010-12345678" },
		{ "0755-1234567", "0755-1234567" },
		{ "0755-12345678", "0755-12345678" },
		{ "(010)12345678", "010-12345678" },
		{ "（010）12345678", "010-12345678" },
		{ "(010) 12345678", "010-12345678" },
		{ "010 12345678", "010-12345678" },
		{ "010-12345678-123", "010-12345678-123" },
		{ "010-12345678转123", "010-12345678-123" },
		{ "０２５－８４５６１２３４", "025-84561234" },
		{ "", "" },
		{ "   ", "" },
	};
	static const struct {
		const char *in, *reason;
	} bad[] = {
		{ "12345678901", NOT_MOBILE },
		{ "1380013800", NOT_PHONE },
		{ "138001380001", NOT_PHONE },
		{ "01012345678", NEEDS_DASH },
		{ "075512345678", NEEDS_DASH },
		{ "010-123456", NOT_PHONE },
		{ "010-123456789", NOT_PHONE },
		{ "010-12345678-1234567", NOT_PHONE },
		{ "10-12345678", NOT_PHONE },
		{ "07551-2345678", NOT_PHONE },
		{ "+1 650 555 1234", NOT_PHONE },
		{ "13800138000/13900139000", NOT_PHONE },
		{ "abc", NOT_PHONE },
		{ "110", NOT_PHONE },
		{ "(010 12345678", NOT_PHONE },
	};
	char out[32];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		strcpy(out, "garbage");
		is_str(valid_phone(good[i].in, out, sizeof(out)), NULL,
		       "phone '%s' accepted", good[i].in);
		is_str(out, good[i].want, "phone '%s' stored", good[i].in);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_str(valid_phone(bad[i].in, out, sizeof(out)), bad[i].reason,
		       "phone '%s' refused", bad[i].in);
	is_str(valid_phone("010-12345678-123456", out, 10), "is too long",
	       "phone that does not fit OUT");
}

static void test_names(void)
{
	static const char *const dots[] = {
		"阿依古丽·买买提",          /* U+00B7 */
		"阿依古丽•买买提",          /* U+2022 */
		"阿依古丽・买买提",         /* U+30FB */
		"阿依古丽．买买提",         /* U+FF0E */
		"阿依古丽･买买提",          /* U+FF65 */
		"阿依古丽‧买买提",          /* U+2027 */
		"阿依古丽⋅买买提",          /* U+22C5 */
		"阿依古丽 · 买买提",
	};
	char out[UTF8_BUF(20)], big[200];
	size_t i;

	is_str(valid_name("张三", out, sizeof(out)), NULL, "张三 accepted");
	is_str(out, "张三", "张三 stored");
	valid_name("  张三\xE3\x80\x80", out, sizeof(out));
	is_str(out, "张三", "spaces around trimmed");
	is_str(valid_name("欧阳䶮", out, sizeof(out)), NULL,
	       "Extension A (U+4DAE) accepted");
	is_str(out, "欧阳䶮", "欧阳䶮 stored");
	is_str(valid_name("𠮷野", out, sizeof(out)), NULL,
	       "Extension B (U+20BB7) accepted");
	is_str(out, "𠮷野", "𠮷野 stored");
	is_str(valid_name("王〇", out, sizeof(out)), NULL, "〇 accepted");
	is_str(valid_name("\xF0\xB1\x8D\x90" "张", out, sizeof(out)), NULL,
	       "Extension G (U+31350) accepted");
	for (i = 0; i < sizeof(dots) / sizeof(dots[0]); i++) {
		is_str(valid_name(dots[i], out, sizeof(out)), NULL,
		       "dot variant %zu accepted", i);
		is_str(out, "阿依古丽·买买提", "dot variant %zu is U+00B7", i);
	}
	valid_name("张　三", out, sizeof(out));
	is_str(out, "张三", "padding between Han characters dropped");
	valid_name("张\t三", out, sizeof(out));
	is_str(out, "张三", "a tab is white space, then dropped");
	is_str(valid_name("Ma  Lin", out, sizeof(out)), NULL, "Latin name");
	is_str(out, "Ma Lin", "space between Latin words kept, one");
	valid_name("Ｍａ Ｌｉｎ", out, sizeof(out));
	is_str(out, "Ma Lin", "full-width Latin made half-width");
	is_str(valid_name("José", out, sizeof(out)), NULL, "Latin-1 letter");

	is_str(valid_name("", out, sizeof(out)), "is required", "empty");
	is_str(valid_name(" \xE3\x80\x80 ", out, sizeof(out)), "is required",
	       "only spaces");
	is_str(valid_name(NULL, out, sizeof(out)), "is required", "NULL");
	is_str(valid_name("一二三四五六七八九十一二三四五六七八九十", out,
	                  sizeof(out)), NULL, "20 characters accepted");
	is_str(valid_name("一二三四五六七八九十一二三四五六七八九十一", out,
	                  sizeof(out)), "is longer than 20 characters",
	       "21 characters refused");
	big[0] = '\0';
	for (i = 0; i < 20; i++)
		strcat(big, "𠮷");
	is_str(valid_name(big, out, sizeof(out)), NULL,
	       "20 four-byte characters fit the record");
	is_str(valid_name("张三1", out, sizeof(out)),
	       "contains a character that is not part of a name", "digit");
	is_str(valid_name("张三😀", out, sizeof(out)),
	       "contains a character that is not part of a name", "emoji");
	is_str(valid_name("张三!", out, sizeof(out)),
	       "contains a character that is not part of a name",
	       "punctuation");
	is_str(valid_name("张×三", out, sizeof(out)),
	       "contains a character that is not part of a name", "×");
	is_str(valid_name("张三\x01", out, sizeof(out)),
	       "contains control characters", "C0 control");
	is_str(valid_name("张\x1b[31m三", out, sizeof(out)),
	       "contains control characters", "escape sequence");
	is_str(valid_name("张\xC2\x85三", out, sizeof(out)),
	       "contains control characters", "C1 control");
	is_str(valid_name("\xff张", out, sizeof(out)),
	       "is not valid text (bad character encoding)", "invalid UTF-8");
	is_str(valid_name("·张三", out, sizeof(out)),
	       "has a middle dot at the start, at the end or twice in a row",
	       "leading dot");
	is_str(valid_name("张三·", out, sizeof(out)),
	       "has a middle dot at the start, at the end or twice in a row",
	       "trailing dot");
	is_str(valid_name("阿依古丽··买买提", out, sizeof(out)),
	       "has a middle dot at the start, at the end or twice in a row",
	       "doubled dot");
	is_str(valid_name("张三", out, 4), "is too long", "OUT too small");
}

static void test_text(void)
{
	char out[UTF8_BUF(200)], big[1024];
	size_t i;

	is_str(valid_text("  北京市朝阳区  ", 80, false, out, sizeof(out)),
	       NULL, "address accepted");
	is_str(out, "北京市朝阳区", "trimmed");
	valid_text("北京，朝阳（东）", 80, false, out, sizeof(out));
	is_str(out, "北京，朝阳（东）", "full-width punctuation kept");
	valid_text("a\r\nb\rc\nd", 200, true, out, sizeof(out));
	is_str(out, "a\nb\nc\nd", "CRLF and CR become LF");
	is_str(valid_text("a\nb", 60, false, out, sizeof(out)),
	       "must be a single line", "line break in a single-line field");
	valid_text("a\tb", 60, false, out, sizeof(out));
	is_str(out, "a b", "tab becomes a space");
	is_str(valid_text("a\x07" "b", 60, false, out, sizeof(out)),
	       "contains control characters", "BEL refused");
	is_str(valid_text("ok\n\x1b[2Jx", 200, true, out, sizeof(out)),
	       "contains control characters", "escape on a second line");
	is_str(valid_text("\xc3\x28", 60, false, out, sizeof(out)),
	       "is not valid text (bad character encoding)", "invalid UTF-8");
	is_str(valid_text("", 60, false, out, sizeof(out)), NULL, "empty ok");
	is_str(out, "", "empty stored");

	big[0] = '\0';
	for (i = 0; i < 60; i++)
		strcat(big, "字");
	is_str(valid_text(big, 60, false, out, sizeof(out)), NULL,
	       "60 characters accepted");
	strcat(big, "字");
	is_str(valid_text(big, 60, false, out, sizeof(out)),
	       "is longer than 60 characters", "61 refused");
	is_str(valid_text(big, 80, false, out, sizeof(out)), NULL,
	       "61 within 80");
	memset(big, 'a', 201);
	big[201] = '\0';
	is_str(valid_text(big, 200, true, out, sizeof(out)),
	       "is longer than 200 characters", "201 refused");
	is_str(valid_text("abcdef", 5, false, out, sizeof(out)),
	       "is too long", "other limits: generic message");
	is_str(valid_text("abcdef", 10, false, out, 4), "is too long",
	       "OUT too small");
}

static void test_choices(void)
{
	const struct choice *c;
	size_t n, suffixed = 0, by_alias = 0;

	is_int(valid_choice_count(valid_genders), 2, "2 genders");
	is_int(valid_choice_count(valid_ethnicities), 56, "56 ethnic groups");
	is_int(valid_choice_count(valid_educations), 6, "6 education levels");
	is_int(valid_choice_count(valid_member_types), 2, "2 member types");
	is_int(valid_choice_count(valid_categories), 8,
	       "8 categories: the occupations of the 党内统计");
	is_int(valid_choice_count(valid_statuses), 9,
	       "9 statuses: 在册 流出 转出 停止党籍 去世 and four ways of leaving");

	is_str(valid_choice(valid_genders, "男"), "男", "男");
	is_str(valid_choice(valid_genders, "M"), "男", "M");
	is_str(valid_choice(valid_genders, "m"), "男", "m");
	is_str(valid_choice(valid_genders, "男性"), "男", "男性");
	is_str(valid_choice(valid_genders, "Female"), "女", "Female");
	is_str(valid_choice(valid_genders, " 女 "), "女", "spaces trimmed");
	is_str(valid_choice(valid_genders, "\xE3\x80\x80女\xE3\x80\x80"), "女",
	       "ideographic spaces trimmed");
	is_str(valid_choice(valid_genders, "Ｆ"), "女", "full-width F");
	is_str(valid_choice(valid_genders, "x"), NULL, "x is no gender");
	is_str(valid_choice(valid_genders, ""), NULL, "empty is no choice");
	is_str(valid_choice(valid_genders, NULL), NULL, "NULL is no choice");

	is_str(valid_ethnicities[0].value, "汉族", "GB/T 3304 order: 汉族 1st");
	is_str(valid_ethnicities[1].value, "蒙古族", "蒙古族 2nd");
	is_str(valid_ethnicities[55].value, "基诺族", "基诺族 56th");
	for (c = valid_ethnicities; c->value; c++) {
		char bare[32];

		n = strlen(c->value);
		if (n > 3 && strcmp(c->value + n - 3, "族") == 0)
			suffixed++;
		memcpy(bare, c->value, n - 3);
		bare[n - 3] = '\0';
		if (valid_choice(valid_ethnicities, bare) == c->value)
			by_alias++;
	}
	is_int(suffixed, 56, "every group ends in 族");
	is_int(by_alias, 56, "every group found without 族");
	is_str(valid_choice(valid_ethnicities, "土"), "土族", "土 is 土族");
	is_str(valid_choice(valid_ethnicities, "土家"), "土家族", "土家");
	is_str(valid_choice(valid_ethnicities, "毛难族"), "毛南族",
	       "old name 毛难族");
	is_str(valid_choice(valid_ethnicities, "柯尔克孜族"), "柯尔克孜族",
	       "canonical value");
	is_str(valid_choice(valid_ethnicities, "穿青人"), NULL,
	       "not one of the 56");

	is_str(valid_choice(valid_educations, "硕士"), "研究生", "硕士");
	is_str(valid_choice(valid_educations, "博士研究生"), "研究生",
	       "博士研究生");
	is_str(valid_choice(valid_educations, "本科"), "大学本科", "本科");
	is_str(valid_choice(valid_educations, "大专"), "大学专科", "大专");
	is_str(valid_choice(valid_educations, "高职"), "大学专科", "高职");
	is_str(valid_choice(valid_educations, "中专"), "中专", "中专");
	is_str(valid_choice(valid_educations, "职高"), "高中", "职高");
	is_str(valid_choice(valid_educations, "中技"), "高中", "中技");
	is_str(valid_choice(valid_educations, "小学"), "初中及以下", "小学");
	is_str(valid_choice(valid_educations, "半文盲"), "初中及以下",
	       "半文盲");
	is_str(valid_choice(valid_educations, "幼儿园"), NULL, "幼儿园");

	is_str(valid_choice(valid_member_types, "预备"), "预备党员", "预备");
	is_str(valid_choice(valid_member_types, "预"), "预备党员", "预 (a 预/正 column)");
	is_str(valid_choice(valid_member_types, "正"), "正式党员", "正 (a 预/正 column)");
	is_str(valid_choice(valid_member_types, "正式党员"), "正式党员",
	       "正式党员");
	is_str(valid_choice(valid_categories, "退休"), "离退休人员", "退休");
	/* the categories stored before the 党内统计 ones load as aliases */
	is_str(valid_choice(valid_categories, "离退休"), "离退休人员",
	       "old 离退休: 离退休人员");
	is_str(valid_choice(valid_categories, "在职"), "其他职业人员",
	       "old 在职 (no occupation named): 其他职业人员");
	is_str(valid_choice(valid_categories, "下岗失业"), "其他职业人员",
	       "old 下岗失业: 其他职业人员");
	is_str(valid_choice(valid_categories, "非公企业从业"), "其他职业人员",
	       "old 非公企业从业: 其他职业人员");
	is_str(valid_choice(valid_categories, "农民工"), "工人", "old 农民工: 工人");
	is_str(valid_choice(valid_categories, "其他"), "其他职业人员", "old 其他");
	is_str(valid_choice(valid_categories, "学生"), "学生", "学生");
	is_str(valid_choice(valid_categories, "工人（工勤技能人员）"), "工人",
	       "the 党内统计 heading 工人（工勤技能人员）");
	is_str(valid_choice(valid_categories, "企事业单位、社会组织管理人员"),
	       "管理人员", "the 党内统计 heading of managers");
	is_str(valid_choice(valid_statuses, "死亡"), "去世", "死亡");
	is_str(valid_choice(valid_statuses, "停止党籍"), "停止党籍",
	       "停止党籍");
	is_str(valid_choice(valid_statuses, "自行脱党"), "除名",
	       "自行脱党 is struck off: 除名 (党章第九条)");
}

/* A complete, valid member: 男, born 1980-03-07, joined at 25. */
static void fill_member(struct member *m)
{
	member_init(m);
	strcpy(m->name, "张三");
	strcpy(m->gender, "男");
	strcpy(m->birth_date, "1980-03-07");
	strcpy(m->id_number, make_id("11010519800307001"));
	strcpy(m->education, "大学本科");
	strcpy(m->category, "党政机关工作人员");
	strcpy(m->join_date, "2005-07-01");
	strcpy(m->full_date, "2006-07-01");
	strcpy(m->work_unit, "某街道办事处 科员");
	strcpy(m->phone, "13800138000");
	strcpy(m->address, "北京市朝阳区某小区1号楼");
	strcpy(m->party_group, "第一党小组");
	strcpy(m->note, "第一行\r\n第二行");
}

/* The problems as "field:reason;..." for one comparison per case. */
static const char *problems_str(const struct field_problem *p, int n)
{
	static char buf[2048];
	int i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		strcat(buf, p[i].field);
		strcat(buf, ":");
		strcat(buf, p[i].reason);
		strcat(buf, ";");
	}
	return buf;
}

/* The rules of the Party on the roster's dates and statuses, each with
 * the article it comes from. */
static void test_party_rules(void)
{
	struct field_problem p[MEMBER_MAX_PROBLEMS];
	struct member m;
	char end[11];
	int n;

	/* 党章第七条: the probation lasts one year from joining. */
	fill_member(&m);
	strcpy(m.full_date, "2006-06-29");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "full_date:is less than a year after joining: the probation lasts "
	       "a year (Party Constitution art. 7);",
	       "党章第七条: 转正 before the year of probation is over is refused");
	strcpy(m.full_date, "2006-06-30");
	is_int(member_check(&m, TODAY, p), 0,
	       "党章第七条: 转正 on the last day of the year (预备期 2005-07-01 至 2006-06-30)");
	fill_member(&m);
	strcpy(m.full_date, "2006-07-01");
	is_int(member_check(&m, TODAY, p), 0,
	       "党章第七条: 转正 on the day the year ends");
	/* 党章第七条: extended by a year at most. */
	fill_member(&m);
	strcpy(m.full_date, "2007-07-01");
	is_int(member_check(&m, TODAY, p), 0,
	       "党章第七条: 转正 two years after joining (extended by a year)");
	strcpy(m.full_date, "2007-07-02");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "full_date:is more than two years after joining: the probation "
	       "can be extended by one year at most (Party Constitution art. 7);",
	       "党章第七条: 转正 more than two years after joining is refused");

	/* 发展党员工作细则第三十二条: an extension of half a year to a year. */
	fill_member(&m);
	strcpy(m.member_type, "预备党员");
	strcpy(m.join_date, "2023-01-10");
	m.full_date[0] = '\0';
	strcpy(m.probation_end, "2024-07-10");
	strcpy(m.probation_reason, "需要继续考察");
	is_int(member_check(&m, TODAY, p), 0,
	       "细则第三十二条: extended by half a year");
	strcpy(m.probation_end, "2025-01-10");
	is_int(member_check(&m, TODAY, p), 0,
	       "细则第三十二条: extended by a year (the end may be after today)");
	strcpy(m.probation_end, "2024-07-09");
	is_int(member_check(&m, TODAY, p), 0,
	       "细则第三十二条: half a year to its last day (预备期 延长至 2024-07-09)");
	strcpy(m.probation_end, "2024-07-08");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "probation_end:an extension lasts half a year to a year (Rules on "
	       "Admitting Party Members art. 32);",
	       "细则第三十二条: an extension shorter than half a year is refused");
	strcpy(m.probation_end, "2025-01-11");
	n = member_check(&m, TODAY, p);
	ok(n == 1 && strcmp(p[0].field, "probation_end") == 0,
	   "细则第三十二条: an extension longer than a year is refused");
	member_probation_end(&m, end);
	is_str(end, "2025-01-11", "the extended end is the end of the probation");
	m.probation_end[0] = '\0';
	member_probation_end(&m, end);
	is_str(end, "2024-01-10", "else a year after joining");
	m.probation_reason[0] = '\0';
	strcpy(m.join_date, "2020-02-29");
	member_probation_end(&m, end);
	is_str(end, "2021-03-01", "joined on 29 February: ends on 1 March, as SQLite counts");
	fill_member(&m);
	strcpy(m.probation_reason, "理由");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "probation_reason:must be empty when the probation was not extended;",
	       "a reason without an extension is refused");
	/* half a year by the calendar: from 31 August to the end of February */
	fill_member(&m);
	strcpy(m.member_type, "预备党员");
	m.full_date[0] = '\0';
	strcpy(m.join_date, "2023-08-31");
	strcpy(m.probation_end, "2025-02-28");
	strcpy(m.probation_reason, "继续考察");
	is_int(member_check(&m, TODAY, p), 0,
	       "细则第三十二条: joined 2023-08-31, extended half a year to 2025-02-28");
	strcpy(m.probation_end, "2025-02-26");
	ok(member_check(&m, TODAY, p) == 1, "... but not to 2025-02-26");
	strcpy(m.probation_end, "2025-02-28");
	m.probation_reason[0] = '\0';
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "probation_reason:is required when the probation was extended;",
	       "an extension without its reason is refused");
	/* 转正 after an extension: at its end, not before. */
	fill_member(&m);
	strcpy(m.probation_end, "2007-01-01");
	strcpy(m.probation_reason, "继续考察");
	strcpy(m.full_date, "2006-12-30");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "full_date:is before the end of the extended probation;",
	       "党章第七条: 转正 before the extended probation ends is refused");
	strcpy(m.full_date, "2007-01-01");
	is_int(member_check(&m, TODAY, p), 0, "转正 at the end of the extension");

	/* The Party was founded in July 1921. */
	fill_member(&m);
	strcpy(m.birth_date, "");
	strcpy(m.gender, "");
	strcpy(m.id_number, make_id("11010519000307001"));
	strcpy(m.join_date, "1921-06-30");
	strcpy(m.full_date, "1922-06-30");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "join_date:is before the Party was founded (1921-07-01);",
	       "入党日期 before 1921-07-01 is refused");
	strcpy(m.join_date, "1921-07-01");
	strcpy(m.full_date, "1922-07-01");
	is_int(member_check(&m, TODAY, p), 0, "入党日期 1921-07-01 is accepted");
	/* 党章第一条: 年满十八岁. */
	fill_member(&m);
	strcpy(m.join_date, "1998-03-06");
	strcpy(m.full_date, "1999-03-06");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "join_date:the member was under 18 on this date;",
	       "党章第一条: joining the day before turning 18 is refused");

	/* 党章第七条 and 纪律处分条例第三十六条: a 预备党员 leaves by losing
	 * the probationary membership, not by expulsion or 除名. */
	fill_member(&m);
	strcpy(m.status, "取消预备党员资格");
	n = member_check(&m, TODAY, p);
	ok(n == 1 && strcmp(p[0].field, "status") == 0,
	   "党章第七条: a full member cannot lose a probationary membership");
	fill_member(&m);
	strcpy(m.member_type, "预备党员");
	strcpy(m.join_date, "2023-09-01");
	m.full_date[0] = '\0';
	strcpy(m.status, "开除党籍");
	n = member_check(&m, TODAY, p);
	ok(n == 1 && strcmp(p[0].field, "status") == 0,
	   "纪律处分条例第三十六条: a 预备党员 is not expelled");
	strcpy(m.status, "取消预备党员资格");
	strcpy(m.status_date, "2024-05-01");
	is_int(member_check(&m, TODAY, p), 0, "a 预备党员 loses the membership");
	strcpy(m.status_date, "2023-08-31");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "status_date:is before the joining date;",
	       "a status date before joining is refused");

	/* 党章第七条: 转正 is decided when the probation is over, on its last
	 * day at the earliest (TODAY is 2024-06-15). */
	fill_member(&m);
	strcpy(m.member_type, "预备党员");
	m.full_date[0] = '\0';
	strcpy(m.join_date, "2023-06-16");
	ok(member_probation_over(&m, TODAY) == NULL,
	   "党章第七条: a probation whose last day is today is over");
	strcpy(m.join_date, "2023-06-17");
	ok(member_probation_over(&m, TODAY) != NULL,
	   "党章第七条: one that ends tomorrow is not");
	{
		char d[11] = "2024-03-01";

		ok(valid_date_add(d, 0, 0, -1, d) && strcmp(d, "2024-02-29") == 0,
		   "valid_date_add into its own input: the day before 2024-03-01 (%s)", d);
	}

	/* nobody becomes a full member after dying */
	fill_member(&m);
	strcpy(m.status, "去世");
	strcpy(m.status_date, "2006-01-01");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "full_date:is after the member died or left the Party;",
	       "a 转正日期 after the date of death is refused");
	strcpy(m.status_date, "2006-07-01");
	is_int(member_check(&m, TODAY, p), 0, "one on the day of death is not");

	/* 党龄 (党章第七条: from the day the probation ended) and 入党 N 周年. */
	fill_member(&m);
	strcpy(m.join_date, "1969-07-15");
	strcpy(m.full_date, "1970-07-15");
	is_int(member_anniversary(&m, "2025-07-15"), 56, "入党 56 周年 on the day");
	is_int(member_party_age(&m, "2025-07-15"), 55, "党龄 55 年 on the same day");
	is_int(member_party_age(&m, "2025-07-14"), 54, "党龄 54 the day before");
	strcpy(m.member_type, "预备党员");
	m.full_date[0] = '\0';
	is_int(member_party_age(&m, "2025-07-15"), -1, "a 预备党员 has no 党龄");
}

/* The table of 党籍状态 changes (member.c). */
static void test_status_changes(void)
{
	struct member m;

	fill_member(&m);
	ok(member_status_change(&m, "流出") == NULL, "在册 → 流出");
	ok(member_status_change(&m, "在册") != NULL, "在册 → 在册 is no change");
	ok(member_status_change(&m, "退党") == NULL, "党章第九条: 在册 → 退党");
	ok(member_status_change(&m, "取消预备党员资格") != NULL,
	   "党章第七条: a full member cannot lose a probationary membership");
	strcpy(m.status, "去世");
	ok(member_status_change(&m, "在册") != NULL, "去世 is final");
	ok(member_status_final("去世"), "... member_status_final says so");
	strcpy(m.status, "除名");
	ok(member_status_change(&m, "在册") != NULL,
	   "党员教育管理工作条例第二十四条: who was struck off is not restored");
	strcpy(m.status, "开除党籍");
	ok(member_status_change(&m, "停止党籍") != NULL, "开除党籍 is final");
	strcpy(m.status, "停止党籍");
	ok(member_status_change(&m, "在册") == NULL,
	   "条例第二十四条: 停止党籍 may be restored");
	ok(member_status_needs_reason(&m, "在册") && member_status_needs_confirm(&m, "在册"),
	   "... with a reason and a confirmation");
	ok(member_status_change(&m, "除名") == NULL,
	   "条例第二十四条: 停止党籍 → 除名 (two years without contact)");
	ok(member_status_change(&m, "流出") != NULL, "停止党籍 → 流出 is refused");
	strcpy(m.status, "转出");
	ok(member_status_change(&m, "在册") == NULL, "转出 → 在册 (transferred back)");
	ok(member_status_change(&m, "去世") != NULL, "转出 → 去世 is refused");
	strcpy(m.status, "在册");
	ok(!member_status_needs_reason(&m, "流出"), "流出 needs no reason");
	ok(member_status_needs_reason(&m, "停止党籍"), "停止党籍 needs a reason");
	ok(member_status_needs_confirm(&m, "退党"), "a final status is confirmed");
	strcpy(m.status_date, "2020-01-01");
	ok(member_status_date(&m, "流出", "2019-12-31", TODAY) != NULL,
	   "a date before the present status's is refused");
	ok(member_status_date(&m, "流出", "2004-12-31", TODAY) != NULL,
	   "a date before joining is refused");
	ok(member_status_date(&m, "流出", "2024-06-16", TODAY) != NULL,
	   "a date in the future is refused");
	ok(member_status_date(&m, "流出", "2024-06-15", TODAY) == NULL, "today is fine");
	/* 党员教育管理工作条例第二十四条: 除名 two years after 停止党籍 */
	strcpy(m.status, "停止党籍");
	strcpy(m.status_date, "2022-06-16");
	ok(member_status_date(&m, "除名", "2024-06-15", TODAY) != NULL,
	   "条例第二十四条: 除名 a day before two years of 停止党籍 is refused");
	strcpy(m.status_date, "2022-06-15");
	ok(member_status_date(&m, "除名", "2024-06-15", TODAY) == NULL,
	   "条例第二十四条: 除名 two years after 停止党籍");
	ok(member_status_date(&m, "在册", "2022-06-16", TODAY) == NULL,
	   "恢复党籍 may come any time");
	strcpy(m.status, "去世");
	strcpy(m.status_date, "2020-05-01");
	is_str(member_age_date(&m, TODAY), "2020-05-01",
	       "who died stops ageing at the date of death");
	strcpy(m.status, "转出");
	is_str(member_age_date(&m, TODAY), TODAY, "who transferred out ages on");
}

static void test_member(void)
{
	struct member m;
	struct field_problem p[MEMBER_MAX_PROBLEMS];
	int n;

	member_init(&m);
	is_str(m.ethnicity, "汉族", "init: 汉族");
	is_str(m.member_type, "正式党员", "init: 正式党员");
	is_str(m.status, "在册", "init: 在册");
	is_str(m.name, "", "init: no name");
	is_int(m.id, 0, "init: id 0");
	is_int(m.version, 0, "init: version 0");

	fill_member(&m);
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "", "complete member: no problems");
	is_str(m.note, "第一行\n第二行", "note CRLF normalized");

	/* Spellings normalized in place. */
	fill_member(&m);
	strcpy(m.name, " 张三 ");
	strcpy(m.gender, "M");
	strcpy(m.ethnicity, "回");
	strcpy(m.birth_date, "1980/3/7");
	strcpy(m.education, "本科");
	strcpy(m.member_type, "正式");
	strcpy(m.category, "退休");
	strcpy(m.join_date, "2005.7.1");
	strcpy(m.full_date, "20060701");
	strcpy(m.status, "正常");
	strcpy(m.phone, "138 0013 8000");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "", "alternative spellings: no problems");
	is_str(m.name, "张三", "name trimmed");
	is_str(m.gender, "男", "M stored as 男");
	is_str(m.ethnicity, "回族", "回 stored as 回族");
	is_str(m.birth_date, "1980-03-07", "birth date ISO");
	is_str(m.education, "大学本科", "本科 stored as 大学本科");
	is_str(m.member_type, "正式党员", "正式 stored as 正式党员");
	is_str(m.category, "离退休人员", "退休 stored as 离退休人员");
	is_str(m.join_date, "2005-07-01", "join date ISO");
	is_str(m.full_date, "2006-07-01", "full date ISO");
	is_str(m.status, "在册", "正常 stored as 在册");
	is_str(m.phone, "13800138000", "phone compacted");

	/* Four faults in four fields, listed in SPEC order. */
	fill_member(&m);
	strcpy(m.name, "张三1");
	strcpy(m.gender, "女");
	strcpy(m.education, "幼儿园");
	strcpy(m.phone, "12345");
	n = member_check(&m, TODAY, p);
	is_int(n, 4, "four faults found");
	is_str(problems_str(p, n),
	       "name:contains a character that is not part of a name;"
	       "gender:does not agree with the ID number;"
	       "education:is not one of the choices;"
	       "phone:is not a phone number (mobile 13912345678, landline "
	       "010-12345678);", "the four faults, by field");

	/* Gender and birth date taken from the ID number. */
	fill_member(&m);
	m.gender[0] = '\0';
	m.birth_date[0] = '\0';
	m.ethnicity[0] = '\0';
	n = member_check(&m, TODAY, p);
	is_int(n, 0, "empty gender and birth date: no problems");
	is_str(m.gender, "男", "gender filled from the ID");
	is_str(m.birth_date, "1980-03-07", "birth date filled from the ID");
	is_str(m.ethnicity, "汉族", "empty ethnicity: 汉族");

	fill_member(&m);
	strcpy(m.birth_date, "1980-03-08");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "birth_date:does not agree with the ID number;",
	       "birth date disagreeing with the ID");

	/* A bad ID number is the one problem; nothing derived from it. */
	fill_member(&m);
	m.gender[0] = '\0';
	m.birth_date[0] = '\0';
	strcpy(m.id_number, "110105198003070010");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "id_number:the check digit does not match (wrong number?);",
	       "bad ID: one problem");
	fill_member(&m);
	m.id_number[0] = '\0';
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "id_number:is required;",
	       "ID number required");

	/* Under 18 on the day of joining. */
	fill_member(&m);
	strcpy(m.join_date, "1998-03-06");
	strcpy(m.full_date, "1999-03-06");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "join_date:the member was under 18 on this date;",
	       "joined the day before turning 18");
	fill_member(&m);
	strcpy(m.join_date, "1998-03-07");
	strcpy(m.full_date, "1999-03-07");
	is_int(member_check(&m, TODAY, p), 0, "joined on the 18th birthday");
	fill_member(&m);
	strcpy(m.join_date, "1970-01-01");
	strcpy(m.full_date, "1971-01-01");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "join_date:is before the birth date;",
	       "joined before birth");

	/* Born 29 Feb 2000: 18 on 1 March 2018. */
	fill_member(&m);
	strcpy(m.id_number, make_id("11010520000229003"));
	m.birth_date[0] = '\0';
	strcpy(m.join_date, "2018-02-28");
	strcpy(m.full_date, "2019-03-01");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "join_date:the member was under 18 on this date;",
	       "29 Feb birthday: under 18 on 28 Feb 2018");
	strcpy(m.join_date, "2018-03-01");
	is_int(member_check(&m, TODAY, p), 0,
	       "29 Feb birthday: 18 on 1 March 2018");

	/* 预备党员 and 正式党员 against the full-membership date. */
	fill_member(&m);
	strcpy(m.member_type, "预备党员");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "full_date:must be empty for a probationary member;",
	       "预备党员 with a full date");
	m.full_date[0] = '\0';
	is_int(member_check(&m, TODAY, p), 0, "预备党员 without one");
	fill_member(&m);
	m.full_date[0] = '\0';
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "full_date:is required for a full member;",
	       "正式党员 without a full date");
	fill_member(&m);
	strcpy(m.full_date, "2005-07-01");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "full_date:is less than a year after joining: the probation lasts "
	       "a year (Party Constitution art. 7);",
	       "full date on the join date");
	fill_member(&m);
	strcpy(m.join_date, "2024-06-01");
	strcpy(m.full_date, "2025-06-01");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "full_date:is in the future;",
	       "full date in the future");

	/* Join date: in the future, missing, not a date. */
	fill_member(&m);
	strcpy(m.member_type, "预备党员");
	m.full_date[0] = '\0';
	strcpy(m.join_date, "2024-06-16");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "join_date:is in the future;",
	       "join date tomorrow");
	strcpy(m.join_date, "2024-06-15");
	is_int(member_check(&m, TODAY, p), 0, "join date today");
	fill_member(&m);
	m.join_date[0] = '\0';
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n), "join_date:is required;",
	       "join date required");
	fill_member(&m);
	strcpy(m.join_date, "2005-02-30");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "join_date:no such day (e.g. February 30);",
	       "impossible join date");

	/* Choices, required fields and the length of free texts. */
	fill_member(&m);
	strcpy(m.ethnicity, "火星族");
	m.member_type[0] = '\0';
	m.status[0] = '\0';
	m.name[0] = '\0';
	memset(m.address, 'a', 81);
	m.address[81] = '\0';
	strcpy(m.party_group, "一\n二");
	n = member_check(&m, TODAY, p);
	is_str(problems_str(p, n),
	       "name:is required;"
	       "ethnicity:is not one of the choices;"
	       "member_type:is required;"
	       "status:is required;"
	       "address:is longer than 80 characters;"
	       "party_group:must be a single line;",
	       "required fields, choices and lengths");

	fill_member(&m);
	m.education[0] = '\0';
	m.category[0] = '\0';
	m.phone[0] = '\0';
	m.work_unit[0] = '\0';
	m.note[0] = '\0';
	is_int(member_check(&m, TODAY, p), 0, "optional fields may be empty");

	/* Everything wrong at once stays within MEMBER_MAX_PROBLEMS. */
	memset(&m, 0, sizeof(m));
	strcpy(m.name, "1");
	strcpy(m.gender, "?");
	strcpy(m.ethnicity, "?");
	strcpy(m.birth_date, "?");
	strcpy(m.id_number, "?");
	strcpy(m.education, "?");
	strcpy(m.member_type, "?");
	strcpy(m.category, "?");
	strcpy(m.join_date, "?");
	strcpy(m.full_date, "?");
	strcpy(m.status, "?");
	strcpy(m.status_date, "?");
	strcpy(m.status_reason, "\x1b");
	strcpy(m.work_unit, "\x1b");
	strcpy(m.phone, "?");
	strcpy(m.address, "\x1b");
	strcpy(m.party_group, "\x1b");
	strcpy(m.note, "\x1b");
	n = member_check(&m, TODAY, p);
	is_int(n, 18, "every field wrong: 18 problems");
	is_str(p[0].field, "name", "first is the name");
	is_str(p[n - 1].field, "note", "last is the note");
}

/* Headers as rosters write them, and the fields they name. */
static void test_headers(void)
{
	static const struct {
		const char *cell, *key;
		bool exact;
	} h[] = {
		{ "姓名", "name", true },
		{ " 姓 名 *", "name", true },
		{ "＊姓名：", "name", true },
		{ "ID_Number", "id_number", true },
		{ "身份证号码", "id_number", false },
		{ "公民身份号码（18位）", "id_number", false },
		{ "入党\n时间", "join_date", false },
		{ "转为正式党员时间", "full_date", false },
		{ "预/正", "member_type", false },
		{ "出生年月", "birth_date", false },
		{ "手机号码", "phone", false },
		{ "联系电话(手机):", "phone", true },
		{ "工作单位", "work_unit", false },
		{ "现居住地", "address", false },
		{ "文化程度", "education", false },
		{ "人员类别", "category", false },
		{ "所在党小组", "party_group", false },
		{ "党员状态", "status", false },
	};
	char out[64];
	bool exact;
	int bad = 0;

	for (size_t i = 0; i < sizeof h / sizeof h[0]; i++) {
		const struct field *f = field_by_header(member_fields, h[i].cell, &exact);

		ok(f && strcmp(f->key, h[i].key) == 0 && exact == h[i].exact,
		   "header '%s' names %s%s", h[i].cell, h[i].key, h[i].exact ? "" : " (alias)");
	}
	ok(field_by_header(member_fields, "籍贯", NULL) == NULL, "籍贯 names no field");
	ok(field_by_header(member_fields, "", NULL) == NULL, "nor does an empty header");
	ok(field_by_header(member_fields, "(备注)", NULL) == NULL,
	   "a remark alone is not dropped to nothing");
	field_header_normalize("Ａ Ｂ（c）（d）：", out, sizeof out);
	is_str(out, "ab", "full-width, spaces, remarks and a colon");
	for (const struct field *f = member_fields; f->key; f++)
		for (const char *const *a = f->aliases; a && *a; a++) {
			field_header_normalize(*a, out, sizeof out);
			if (strcmp(out, *a) != 0 || field_by_header(member_fields, *a, NULL) != f) {
				tap_diag("alias %s of %s is not as compared", *a, f->key);
				bad++;
			}
		}
	is_int(bad, 0, "every alias is written as compared, and names its own field");
}

/* What every field refuses at entry, each with its reason: the attacks
 * of a file or a paste (OSC 52, C1 CSI, bidi overrides). */
static void test_refusals(void)
{
	static const struct {
		const char *in, *reason;
	} unsafe[] = {
		{ "张\x1b]52;c;SGVsbG8=\x07三", "contains control characters" },
		{ "张\xC2\x9B" "2J三", "contains control characters" },
		{ "张\xC2\x9D" "52;c;x\xC2\x9C", "contains control characters" },
		{ "张\x7f三", "contains control characters" },
		{ "张\xE2\x80\xA8三", "contains control characters" },
		{ "张\xE2\x80\xAE三", "contains characters that reverse the direction of text (bidi controls)" },
		{ "张\xE2\x80\xAD三", "contains characters that reverse the direction of text (bidi controls)" },
		{ "张\xE2\x81\xA6三\xE2\x81\xA9", "contains characters that reverse the direction of text (bidi controls)" },
		{ "张\xE2\x80\x8F三", "contains characters that reverse the direction of text (bidi controls)" },
		{ "张\xD8\x9C三", "contains characters that reverse the direction of text (bidi controls)" },
		{ "张\xEF\xB7\x90三", "contains a code point that is no character (a noncharacter)" },
		{ "张\xEF\xBF\xBF", "contains a code point that is no character (a noncharacter)" },
	};
	static const struct {
		const char *in, *reason;
	} hidden[] = {
		{ "张\xE2\x80\x8B三", "contains invisible characters (zero-width space, BOM or another format character)" },
		{ "张\xE2\x80\x8D三", "contains invisible characters (zero-width space, BOM or another format character)" },
		{ "\xEF\xBB\xBF张三", "contains invisible characters (zero-width space, BOM or another format character)" },
		{ "张\xE2\x81\xA0三", "contains invisible characters (zero-width space, BOM or another format character)" },
		{ "张\xC2\xAD三", "contains invisible characters (zero-width space, BOM or another format character)" },
		{ "张三\xF3\xA0\x80\x81\xF3\xA0\x81\x81", "contains invisible characters (zero-width space, BOM or another format character)" },
		{ "张\xEE\x80\x80三", "contains private-use characters (they look different on every computer)" },
		{ "张\xF3\xB0\x80\x80", "contains private-use characters (they look different on every computer)" },
		{ "葛\xF3\xA0\x84\x80三", "contains a variation selector (type the character without it)" },
		{ "葛\xEF\xB8\x80三", "contains a variation selector (type the character without it)" },
	};
	char out[UTF8_BUF(200)];
	size_t i;

	for (i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++) {
		is_str(valid_name(unsafe[i].in, out, sizeof(out)), unsafe[i].reason,
		       "name %zu refused: %s", i, unsafe[i].reason);
		is_str(valid_text(unsafe[i].in, 200, true, out, sizeof(out)), unsafe[i].reason,
		       "free text %zu refused", i);
		is_str(out, "", "... nothing stored");
		is_str(valid_label(unsafe[i].in, 20, out, sizeof(out)), unsafe[i].reason,
		       "party group %zu refused", i);
	}
	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		is_str(valid_name(hidden[i].in, out, sizeof(out)), hidden[i].reason,
		       "name %zu refused: %s", i, hidden[i].reason);
		is_str(valid_label(hidden[i].in, 20, out, sizeof(out)), hidden[i].reason,
		       "party group %zu refused", i);
		is_str(out, "", "... nothing stored");
		/* free text lets them be: they are flagged where shown */
		is_str(valid_text(hidden[i].in, 200, false, out, sizeof(out)), NULL,
		       "free text %zu accepted", i);
		is_str(out, hidden[i].in, "... as typed");
	}
	/* the reasons of the classes, for the import and the form */
	is_str(valid_class_reason(TEXT_PLAIN), NULL, "plain: no reason");
	is_str(valid_class_reason(TEXT_INVALID), "is not valid text (bad character encoding)",
	       "invalid bytes: their reason");
}

/* 党小组 and the branch: one line, nothing invisible, spaces alike. */
static void test_labels(void)
{
	char out[UTF8_BUF(40)], big[256];
	size_t i;

	is_str(valid_label("  第一党小组 ", 20, out, sizeof(out)), NULL, "group accepted");
	is_str(out, "第一党小组", "... trimmed");
	is_str(valid_label("", 20, out, sizeof(out)), NULL, "empty accepted (no group)");
	is_str(out, "", "... empty");
	is_str(valid_label(NULL, 20, out, sizeof(out)), NULL, "NULL as empty");
	valid_label("离退休\xC2\xA0党小组", 20, out, sizeof(out));
	is_str(out, "离退休 党小组", "no-break space as a space");
	valid_label("离退休\xE2\x80\x89\xE2\x80\x89 党小组", 20, out, sizeof(out));
	is_str(out, "离退休 党小组", "thin spaces and a space: one space");
	valid_label("离退休   党小组", 20, out, sizeof(out));
	is_str(out, "离退休 党小组", "a run of spaces: one");
	valid_label("离退休\xE3\x80\x80党小组", 20, out, sizeof(out));
	is_str(out, "离退休\xE3\x80\x80党小组", "ideographic space is a character of its own");
	valid_label("\xC2\xA0一组\xE2\x80\xAF", 20, out, sizeof(out));
	is_str(out, "一组", "odd spaces at the ends trimmed");
	valid_label("a\tb", 20, out, sizeof(out));
	is_str(out, "a b", "tab becomes a space");
	is_str(valid_label("一组\n二组", 20, out, sizeof(out)), "must be a single line",
	       "one line");
	is_str(valid_label("\xff", 20, out, sizeof(out)),
	       "is not valid text (bad character encoding)", "invalid UTF-8");

	big[0] = '\0';
	for (i = 0; i < 20; i++)
		strcat(big, "组");
	is_str(valid_label(big, 20, out, sizeof(out)), NULL, "20 characters accepted");
	strcat(big, "组");
	is_str(valid_label(big, 20, out, sizeof(out)), "is longer than 20 characters",
	       "21 refused");
	is_str(valid_label(big, 40, out, sizeof(out)), NULL, "21 within the branch's 40");
	big[0] = '\0';
	for (i = 0; i < 41; i++)
		strcat(big, "支");
	is_str(valid_label(big, 40, out, sizeof(out)), "is longer than 40 characters",
	       "41 refused for the branch");
	/* spaces collapse before the count */
	is_str(valid_label("一          二", 3, out, sizeof(out)), NULL,
	       "a run of spaces counts one");
	is_str(valid_label("第一党小组", 20, out, 4), "is too long", "OUT too small");
}

int main(void)
{
	setenv("ZHIBU_TODAY", TODAY, 1);
	test_id_numbers();
	test_id_mask();
	test_dates();
	test_today_and_age();
	test_phones();
	test_names();
	test_text();
	test_refusals();
	test_labels();
	test_choices();
	test_headers();
	test_member();
	test_party_rules();
	test_status_changes();
	return tap_done();
}
