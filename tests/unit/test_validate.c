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

/* A value typed, and what a validator makes of it: its normal form, or
 * the reason it is refused. */
struct in_want {
	const char *in, *want;
};

/* The same, with what the case shows. */
struct in_want_what {
	const char *in, *want, *what;
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

#define BAD_CHECK "the check digit does not match (wrong number?)"
#define NO_BIRTH "the birth date in it does not exist"
#define FUTURE "the birth date in it is in the future"
#define REGION "the region code (first six digits) is unknown"
#define NOT_18 "must be 18 characters"
#define NOT_DIGITS "must be 17 digits followed by a digit or X"

static void test_id_numbers(void)
{
	/* accepted, stored as WANT */
	static const struct in_want_what typed[] = {
		{ "11010519491231002x", "11010519491231002X", "lowercase x stored as X" },
		{ "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X",
		  "full-width digits and x" },
		{ " \xE3\x80\x80" "11010519491231002X\t ", "11010519491231002X",
		  "spaces and U+3000 around trimmed" },
		{ "110105 19491231 002X", "11010519491231002X", "spaces inside dropped" },
	};
	/* 17 digits and their check character: refused for WANT, or accepted */
	static const struct in_want_what made[] = {
		{ "11010519990230001", NO_BIRTH, "19990230 refused" },
		{ "11010519991301001", NO_BIRTH, "month 13 refused" },
		{ "11010519990229001", NO_BIRTH, "29 Feb 1999 refused" },
		{ "11010520000229004", NULL, "29 Feb 2000 accepted" },
		{ "11010520990101001", FUTURE, "born 2099 refused" },
		{ "11010520240616001", FUTURE, "born tomorrow" },
		{ "11010520240615001", NULL, "born today accepted" },
		{ "11010518991231001", "the birth date in it is before 1900", "born 1899 refused" },
		{ "99010519900101001", REGION, "province 99 refused" },
		{ "11990519900101001", REGION, "prefecture 1199 refused" },
		{ "16010519900101001", REGION, "province 16 refused" },
		{ "11022119700101001", NULL, "abolished 110221 (昌平县) accepted" },
		{ "13210119600101001", NULL, "1980s prefecture 1321 accepted" },
		{ "46000319700101001", NULL, "Hainan 460003 (1988-2002) accepted" },
		{ "81000019900101001", NULL, "Hong Kong residence permit 810000 accepted" },
		{ "44190019900101001", NULL, "Dongguan 441900 accepted" },
	};
	/* refused as typed */
	static const struct in_want_what wrong[] = {
		{ "110105194912310021", BAD_CHECK, "bad checksum" },
		{ "110105194912310029", BAD_CHECK, "other bad checksum" },
		{ "11010519491231002", NOT_18, "17 characters" },
		{ "11010519491231002XX", NOT_18, "19 characters" },
		{ "110105491231002", "is an old 15-digit number (give the 18-character one)",
		  "15-digit number" },
		{ "", "is required", "empty" },
		{ NULL, "is required", "NULL" },
		{ "1101051949123100AX", NOT_DIGITS, "letter inside" },
		{ "11010519491231002A", NOT_DIGITS, "letter at end" },
		{ "X10105194912310021", NOT_DIGITS, "X at start" },
		{ "张10519491231002X", NOT_18, "a Han character counts as one" },
	};
	char out[19];
	struct id_info info;
	size_t i;

	is_str(make_id("11010519491231002"), "11010519491231002X",
	       "make_id agrees with the published specimen");
	ok(valid_id_checksum("11010519491231002") == 'X', "checksum of the specimen is X");
	ok(valid_id_checksum("44030419900101001") == '1', "checksum 440304199001010011");
	ok(valid_id_checksum("4403041990010100a") == '\0', "checksum of a non-digit is NUL");

	is_str(valid_id_number("11010519491231002X", out, &info), NULL, "specimen accepted");
	is_str(out, "11010519491231002X", "specimen stored as is");
	is_str(info.birth_date, "1949-12-31", "birth date from the ID");
	is_str(info.gender, "女", "even 17th digit: 女");
	is_str(info.region, "110105", "region code");
	is_str(valid_id_number("440304199001010011", out, &info), NULL, "Shenzhen ID accepted");
	is_str(info.gender, "男", "odd 17th digit: 男");
	is_str(info.birth_date, "1990-01-01", "birth 1990-01-01");

	for (i = 0; i < N_OF(typed); i++) {
		is_str(valid_id_number(typed[i].in, out, NULL), NULL, "%s: accepted", typed[i].what);
		is_str(out, typed[i].want, "%s: stored", typed[i].what);
	}
	for (i = 0; i < N_OF(made); i++)
		is_str(valid_id_number(make_id(made[i].in), out, &info), made[i].want,
		       "%s", made[i].what);
	for (i = 0; i < N_OF(wrong); i++) {
		strcpy(out, "garbage");
		is_str(valid_id_number(wrong[i].in, out, NULL), wrong[i].want, "%s", wrong[i].what);
		is_str(out, "", "... OUT empty after it");
	}
}

static void test_id_mask(void)
{
	static const struct in_want_what masks[] = {
		{ NULL, "", "NULL gives empty" },
		{ "11010519491231002X", "110105********002X", "mask of a full ID" },
		{ "440304199001010011", "440304********0011", "mask of another" },
		{ "12345", "*2345", "short string keeps last four" },
		{ "1234", "****", "four characters: all masked" },
		{ "", "", "empty stays empty" },
		{ "1234567890123456789012", "**************9012", "too long: 18 shown, last four" },
		{ "张三丰1234", "*********1234", "non-ASCII bytes masked" },
		{ "11010519491231\x1b[2J", "110105**********2J", "a control character never shown" },
		{ "ab\x1b[2J", "****2J", "nor in a short string" },
	};
	char out[19];

	for (size_t i = 0; i < N_OF(masks); i++) {
		valid_id_mask(masks[i].in, out);
		is_str(out, masks[i].want, "%s", masks[i].what);
	}
}

static void test_dates(void)
{
	static const struct in_want good[] = {
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
	static const struct in_want bad[] = {
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
		is_str(valid_date(bad[i].in, out), bad[i].want,
		       "date '%s' refused", bad[i].in);
		is_str(out, "", "OUT empty after '%s'", bad[i].in);
	}
}

static void test_today_and_age(void)
{
	static const struct {
		const char *from, *to;
		int years;
		const char *what;
	} ages[] = {
		{ "1990-06-15", "2008-06-15", 18, "18 on the 18th birthday" },
		{ "1990-06-15", "2008-06-14", 17, "17 the day before" },
		{ "1990-06-15", "2008-07-01", 18, "18 two weeks later" },
		{ "2000-02-29", "2018-02-28", 17, "29 Feb birthday: 17 on 28 Feb of a common year" },
		{ "2000-02-29", "2018-03-01", 18, "29 Feb birthday: 18 on 1 March" },
		{ "2000-02-29", "2020-02-29", 20, "29 Feb birthday: 20 on 29 Feb 2020" },
		{ "2000-02-29", "2020-02-28", 19, "29 Feb birthday: 19 on 28 Feb 2020" },
		{ "1990-01-01", "1990-01-01", 0, "0 on the day of birth" },
		{ "2024-01-01", "2023-12-31", -1, "negative when TO is earlier" },
		{ "2024/01/01", "2030-01-01", -1, "-1 for a date not in ISO form" },
	};
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

	for (size_t i = 0; i < N_OF(ages); i++)
		is_int(valid_years_between(ages[i].from, ages[i].to), ages[i].years, "%s",
		       ages[i].what);
}

static void test_phones(void)
{
	static const struct in_want good[] = {
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
	static const struct in_want bad[] = {
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
		is_str(valid_phone(bad[i].in, out, sizeof(out)), bad[i].want,
		       "phone '%s' refused", bad[i].in);
	is_str(valid_phone("010-12345678-123456", out, 10), "is too long",
	       "phone that does not fit OUT");
}

#define NOT_NAME "contains a character that is not part of a name"
#define CONTROL "contains control characters"
#define DOTS "has a middle dot at the start, at the end or twice in a row"
#define NOT_UTF8 "is not valid text (bad character encoding)"

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
	/* accepted, stored as WANT */
	static const struct in_want_what good[] = {
		{ "张三", "张三", "张三" },
		{ "  张三\xE3\x80\x80", "张三", "spaces around trimmed" },
		{ "欧阳䶮", "欧阳䶮", "Extension A (U+4DAE)" },
		{ "𠮷野", "𠮷野", "Extension B (U+20BB7)" },
		{ "王〇", "王〇", "〇" },
		{ "张　三", "张三", "padding between Han characters dropped" },
		{ "张\t三", "张三", "a tab is white space, then dropped" },
		{ "Ma  Lin", "Ma Lin", "Latin name: space between words kept, one" },
		{ "Ｍａ Ｌｉｎ", "Ma Lin", "full-width Latin made half-width" },
		{ "José", "José", "Latin-1 letter" },
		{ "一二三四五六七八九十一二三四五六七八九十",
		  "一二三四五六七八九十一二三四五六七八九十", "20 characters" },
		{ "\xF0\xB1\x8D\x90" "张", "\xF0\xB1\x8D\x90" "张", "Extension G (U+31350)" },
	};
	/* refused for WANT */
	static const struct in_want_what bad[] = {
		{ "", "is required", "empty" },
		{ " \xE3\x80\x80 ", "is required", "only spaces" },
		{ NULL, "is required", "NULL" },
		{ "一二三四五六七八九十一二三四五六七八九十一", "is longer than 20 characters",
		  "21 characters" },
		{ "张三1", NOT_NAME, "digit" },
		{ "张三😀", NOT_NAME, "emoji" },
		{ "张三!", NOT_NAME, "punctuation" },
		{ "张×三", NOT_NAME, "×" },
		{ "张三\x01", CONTROL, "C0 control" },
		{ "张\x1b[31m三", CONTROL, "escape sequence" },
		{ "张\xC2\x85三", CONTROL, "C1 control" },
		{ "\xff张", NOT_UTF8, "invalid UTF-8" },
		{ "·张三", DOTS, "leading dot" },
		{ "张三·", DOTS, "trailing dot" },
		{ "阿依古丽··买买提", DOTS, "doubled dot" },
	};
	char out[UTF8_BUF(20)], big[200];
	size_t i;

	for (i = 0; i < N_OF(good); i++) {
		strcpy(out, "garbage");
		is_str(valid_name(good[i].in, out, sizeof(out)), NULL, "name: %s accepted",
		       good[i].what);
		is_str(out, good[i].want, "... %s stored", good[i].what);
	}
	for (i = 0; i < N_OF(bad); i++)
		is_str(valid_name(bad[i].in, out, sizeof(out)), bad[i].want, "name: %s refused",
		       bad[i].what);
	for (i = 0; i < N_OF(dots); i++) {
		is_str(valid_name(dots[i], out, sizeof(out)), NULL,
		       "dot variant %zu accepted", i);
		is_str(out, "阿依古丽·买买提", "dot variant %zu is U+00B7", i);
	}
	big[0] = '\0';
	for (i = 0; i < 20; i++)
		strcat(big, "𠮷");
	is_str(valid_name(big, out, sizeof(out)), NULL,
	       "20 four-byte characters fit the record");
	is_str(valid_name("张三", out, 4), "is too long", "OUT too small");
}

/* valid_text() on IN with at most MAX characters, LINES or one line. */
struct text_case {
	const char *in;
	int max;
	bool lines;
	const char *want, *stored, *what;
};

static void test_text(void)
{
	static const struct text_case cases[] = {
		{ "  北京市朝阳区  ", 80, false, NULL, "北京市朝阳区", "address trimmed" },
		{ "北京，朝阳（东）", 80, false, NULL, "北京，朝阳（东）",
		  "full-width punctuation kept" },
		{ "a\r\nb\rc\nd", 200, true, NULL, "a\nb\nc\nd", "CRLF and CR become LF" },
		{ "a\nb", 60, false, "must be a single line", NULL,
		  "line break in a single-line field" },
		{ "a\tb", 60, false, NULL, "a b", "tab becomes a space" },
		{ "a\x07" "b", 60, false, CONTROL, NULL, "BEL refused" },
		{ "ok\n\x1b[2Jx", 200, true, CONTROL, NULL, "escape on a second line" },
		{ "\xc3\x28", 60, false, NOT_UTF8, NULL, "invalid UTF-8" },
		{ "", 60, false, NULL, "", "empty" },
		{ "abcdef", 5, false, "is too long", NULL, "other limits: generic message" },
	};
	char out[UTF8_BUF(200)], big[1024];
	size_t i;

	for (i = 0; i < N_OF(cases); i++) {
		const struct text_case *c = &cases[i];

		is_str(valid_text(c->in, c->max, c->lines, out, sizeof(out)), c->want,
		       "text: %s", c->what);
		if (c->stored)
			is_str(out, c->stored, "... stored");
	}
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
	is_str(valid_text("abcdef", 10, false, out, 4), "is too long",
	       "OUT too small");
}

/* A spelling typed into the choices of a member's field (its key), and
 * the value chosen ("": none). */
static void test_choices(void)
{
	static const struct {
		const char *key, *in, *want, *what;
	} cases[] = {
		{ "gender", "男", "男", "男" },
		{ "gender", "M", "男", "M" },
		{ "gender", "m", "男", "m" },
		{ "gender", "男性", "男", "男性" },
		{ "gender", "Female", "女", "Female" },
		{ "gender", " 女 ", "女", "spaces trimmed" },
		{ "gender", "\xE3\x80\x80女\xE3\x80\x80", "女", "ideographic spaces trimmed" },
		{ "gender", "Ｆ", "女", "full-width F" },
		{ "gender", "x", "", "x is no gender" },
		{ "gender", "", "", "empty is no choice" },
		{ "gender", NULL, "", "NULL is no choice" },
		{ "ethnicity", "土", "土族", "土 is 土族" },
		{ "ethnicity", "土家", "土家族", "土家" },
		{ "ethnicity", "毛难族", "毛南族", "old name 毛难族" },
		{ "ethnicity", "柯尔克孜族", "柯尔克孜族", "canonical value" },
		{ "ethnicity", "穿青人", "", "not one of the 56" },
		{ "education", "硕士", "研究生", "硕士" },
		{ "education", "博士研究生", "研究生", "博士研究生" },
		{ "education", "本科", "大学本科", "本科" },
		{ "education", "大专", "大学专科", "大专" },
		{ "education", "高职", "大学专科", "高职" },
		{ "education", "中专", "中专", "中专" },
		{ "education", "职高", "高中", "职高" },
		{ "education", "中技", "高中", "中技" },
		{ "education", "小学", "初中及以下", "小学" },
		{ "education", "半文盲", "初中及以下", "半文盲" },
		{ "education", "幼儿园", "", "幼儿园" },
		{ "member_type", "预备", "预备党员", "预备" },
		{ "member_type", "预", "预备党员", "预 (a 预/正 column)" },
		{ "member_type", "正", "正式党员", "正 (a 预/正 column)" },
		{ "member_type", "正式党员", "正式党员", "正式党员" },
		{ "category", "退休", "离退休人员", "退休" },
		/* the categories stored before the 党内统计 ones load as aliases */
		{ "category", "离退休", "离退休人员", "old 离退休: 离退休人员" },
		{ "category", "在职", "其他职业人员", "old 在职 (no occupation named): 其他职业人员" },
		{ "category", "下岗失业", "其他职业人员", "old 下岗失业: 其他职业人员" },
		{ "category", "非公企业从业", "其他职业人员", "old 非公企业从业: 其他职业人员" },
		{ "category", "农民工", "工人", "old 农民工: 工人" },
		{ "category", "其他", "其他职业人员", "old 其他" },
		{ "category", "学生", "学生", "学生" },
		{ "category", "工人（工勤技能人员）", "工人", "the 党内统计 heading 工人（工勤技能人员）" },
		{ "category", "企事业单位、社会组织管理人员", "管理人员",
		  "the 党内统计 heading of managers" },
		{ "status", "死亡", "去世", "死亡" },
		{ "status", "停止党籍", "停止党籍", "停止党籍" },
		{ "status", "自行脱党", "除名", "自行脱党 is struck off: 除名 (党章第九条)" },
	};
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

	ok(field_find(member_fields, "gender")->choices == valid_genders &&
	   field_find(member_fields, "ethnicity")->choices == valid_ethnicities &&
	   field_find(member_fields, "education")->choices == valid_educations &&
	   field_find(member_fields, "member_type")->choices == valid_member_types &&
	   field_find(member_fields, "category")->choices == valid_categories &&
	   field_find(member_fields, "status")->choices == valid_statuses,
	   "the fields' choices are the lists of validate.h");
	for (size_t i = 0; i < N_OF(cases); i++)
		is_str(valid_choice(field_find(member_fields, cases[i].key)->choices, cases[i].in),
		       *cases[i].want ? cases[i].want : NULL, "%s: %s", cases[i].key, cases[i].what);

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
}

/* One field of a member set to a value by its key; "id17" sets the ID
 * number to the 17 digits and their check character (make_id). */
struct set {
	const char *key, *value;
};

#define SETS 12

static void apply(struct member *m, const struct set *s, size_t n)
{
	for (size_t i = 0; i < n && s[i].key; i++) {
		const char *key = strcmp(s[i].key, "id17") == 0 ? "id_number" : s[i].key;
		const char *v = key == s[i].key ? s[i].value : make_id(s[i].value);
		const struct field *f = field_find(member_fields, key);

		if (f)
			snprintf(FIELD_VALUE(m, f), f->size, "%s", v);
		else
			tap_diag("no field %s", key);
	}
}

/* A complete, valid member: 男, born 1980-03-07, joined at 25. */
static const struct set complete[] = {
	{ "name", "张三" },
	{ "gender", "男" },
	{ "birth_date", "1980-03-07" },
	{ "id17", "11010519800307001" },
	{ "education", "大学本科" },
	{ "category", "党政机关工作人员" },
	{ "join_date", "2005-07-01" },
	{ "full_date", "2006-07-01" },
	{ "work_unit", "某街道办事处 科员" },
	{ "phone", "13800138000" },
	{ "address", "北京市朝阳区某小区1号楼" },
	{ "party_group", "第一党小组" },
	{ "note", "第一行\r\n第二行" },
};

static void fill_member(struct member *m)
{
	member_init(m);
	apply(m, complete, sizeof complete / sizeof complete[0]);
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

#define LESS_THAN_A_YEAR "full_date:is less than a year after joining: the probation " \
	"lasts a year (Party Constitution art. 7);"
#define UNDER_18 "join_date:the member was under 18 on this date;"
#define EXTENSION "probation_end:an extension lasts half a year to a year (Rules on " \
	"Admitting Party Members art. 32);"
#define A10 "aaaaaaaaaa"
/* A 预备党员 who joined on JOIN, the probation extended to END for REASON. */
#define EXTENDED(join, end, reason) { "member_type", "预备党员" }, { "full_date", "" }, \
	{ "join_date", join }, { "probation_end", end }, { "probation_reason", reason }
#define CHECK(what, want, ...) { what, { __VA_ARGS__ }, want, { { NULL, NULL } } }

/* The complete member changed by SET: member_check() says WANT ("field:
 * reason;" each, "" for none) and leaves the fields of AFTER so. */
static const struct member_case {
	const char *what;
	struct set set[SETS];
	const char *want;
	struct set after[SETS];
} member_cases[] = {
	{ "complete member: no problems", { { NULL, NULL } }, "",
	  { { "note", "第一行\n第二行" } } },
	{ "alternative spellings: no problems, stored in their normal form",
	  { { "name", " 张三 " }, { "gender", "M" }, { "ethnicity", "回" },
	    { "birth_date", "1980/3/7" }, { "education", "本科" }, { "member_type", "正式" },
	    { "category", "退休" }, { "join_date", "2005.7.1" }, { "full_date", "20060701" },
	    { "status", "正常" }, { "phone", "138 0013 8000" } }, "",
	  { { "name", "张三" }, { "gender", "男" }, { "ethnicity", "回族" },
	    { "birth_date", "1980-03-07" }, { "education", "大学本科" },
	    { "member_type", "正式党员" }, { "category", "离退休人员" },
	    { "join_date", "2005-07-01" }, { "full_date", "2006-07-01" },
	    { "status", "在册" }, { "phone", "13800138000" } } },
	CHECK("four faults in four fields, listed in SPEC order",
	      "name:contains a character that is not part of a name;"
	      "gender:does not agree with the ID number;"
	      "education:is not one of the choices;"
	      "phone:is not a phone number (mobile 13912345678, landline 010-12345678);",
	      { "name", "张三1" }, { "gender", "女" }, { "education", "幼儿园" },
	      { "phone", "12345" }),
	{ "empty gender and birth date taken from the ID, empty ethnicity 汉族",
	  { { "gender", "" }, { "birth_date", "" }, { "ethnicity", "" } }, "",
	  { { "gender", "男" }, { "birth_date", "1980-03-07" }, { "ethnicity", "汉族" } } },
	CHECK("birth date disagreeing with the ID",
	      "birth_date:does not agree with the ID number;",
	      { "birth_date", "1980-03-08" }),
	CHECK("bad ID: the one problem, nothing derived from it",
	      "id_number:the check digit does not match (wrong number?);",
	      { "gender", "" }, { "birth_date", "" },
	      { "id_number", "110105198003070010" }),
	CHECK("ID number required", "id_number:is required;",
	      { "id_number", "" }),
	CHECK("党章第一条 (年满十八岁): joining the day before turning 18 is refused",
	      UNDER_18,
	      { "join_date", "1998-03-06" }, { "full_date", "1999-03-06" }),
	CHECK("党章第一条: joined on the 18th birthday", "",
	      { "join_date", "1998-03-07" }, { "full_date", "1999-03-07" }),
	CHECK("joined before birth", "join_date:is before the birth date;",
	      { "join_date", "1970-01-01" }, { "full_date", "1971-01-01" }),
	CHECK("29 Feb birthday: under 18 on 28 Feb 2018", UNDER_18,
	      { "id17", "11010520000229003" }, { "birth_date", "" },
	      { "join_date", "2018-02-28" }, { "full_date", "2019-03-01" }),
	CHECK("29 Feb birthday: 18 on 1 March 2018", "",
	      { "id17", "11010520000229003" }, { "birth_date", "" },
	      { "join_date", "2018-03-01" }, { "full_date", "2019-03-01" }),
	CHECK("预备党员 with a full date",
	      "full_date:must be empty for a probationary member;",
	      { "member_type", "预备党员" }),
	CHECK("预备党员 without one", "",
	      { "member_type", "预备党员" }, { "full_date", "" }),
	CHECK("正式党员 without a full date", "full_date:is required for a full member;",
	      { "full_date", "" }),
	CHECK("full date on the join date", LESS_THAN_A_YEAR,
	      { "full_date", "2005-07-01" }),
	CHECK("full date in the future", "full_date:is in the future;",
	      { "join_date", "2024-06-01" }, { "full_date", "2025-06-01" }),
	CHECK("join date tomorrow", "join_date:is in the future;",
	      { "member_type", "预备党员" }, { "full_date", "" },
	      { "join_date", "2024-06-16" }),
	CHECK("join date today", "",
	      { "member_type", "预备党员" }, { "full_date", "" },
	      { "join_date", "2024-06-15" }),
	CHECK("join date required", "join_date:is required;",
	      { "join_date", "" }),
	CHECK("impossible join date", "join_date:no such day (e.g. February 30);",
	      { "join_date", "2005-02-30" }),
	CHECK("required fields, choices and lengths",
	      "name:is required;"
	      "ethnicity:is not one of the choices;"
	      "member_type:is required;"
	      "status:is required;"
	      "address:is longer than 80 characters;"
	      "party_group:must be a single line;",
	      { "ethnicity", "火星族" }, { "member_type", "" }, { "status", "" },
	      { "name", "" }, { "address", A10 A10 A10 A10 A10 A10 A10 A10 "a" },
	      { "party_group", "一\n二" }),
	CHECK("optional fields may be empty", "",
	      { "education", "" }, { "category", "" }, { "phone", "" }, { "work_unit", "" },
	      { "note", "" }),

	/* The rules of the Party on the roster's dates and statuses, each
	 * with the article it comes from. */
	/* 党章第七条: the probation lasts one year from joining ... */
	CHECK("党章第七条: 转正 before the year of probation is over is refused",
	      LESS_THAN_A_YEAR,
	      { "full_date", "2006-06-29" }),
	CHECK("党章第七条: 转正 on the last day of the year (预备期 2005-07-01 至 2006-06-30)",
	      "",
	      { "full_date", "2006-06-30" }),
	CHECK("党章第七条: 转正 on the day the year ends", "",
	      { "full_date", "2006-07-01" }),
	/* ... extended by a year at most. */
	CHECK("党章第七条: 转正 two years after joining (extended by a year)", "",
	      { "full_date", "2007-07-01" }),
	CHECK("党章第七条: 转正 more than two years after joining is refused",
	      "full_date:is more than two years after joining: the probation can be extended "
	      "by one year at most (Party Constitution art. 7);",
	      { "full_date", "2007-07-02" }),
	/* 发展党员工作细则第三十二条: an extension of half a year to a year. */
	CHECK("细则第三十二条: extended by half a year", "",
	      EXTENDED("2023-01-10", "2024-07-10", "需要继续考察")),
	CHECK("细则第三十二条: extended by a year (the end may be after today)", "",
	      EXTENDED("2023-01-10", "2025-01-10", "需要继续考察")),
	CHECK("细则第三十二条: half a year to its last day (预备期 延长至 2024-07-09)", "",
	      EXTENDED("2023-01-10", "2024-07-09", "需要继续考察")),
	CHECK("细则第三十二条: an extension shorter than half a year is refused", EXTENSION,
	      EXTENDED("2023-01-10", "2024-07-08", "需要继续考察")),
	CHECK("细则第三十二条: an extension longer than a year is refused", EXTENSION,
	      EXTENDED("2023-01-10", "2025-01-11", "需要继续考察")),
	CHECK("a reason without an extension is refused",
	      "probation_reason:must be empty when the probation was not extended;",
	      { "probation_reason", "理由" }),
	/* half a year by the calendar: from 31 August to the end of February */
	CHECK("细则第三十二条: joined 2023-08-31, extended half a year to 2025-02-28", "",
	      EXTENDED("2023-08-31", "2025-02-28", "继续考察")),
	CHECK("... but not to 2025-02-26", EXTENSION,
	      EXTENDED("2023-08-31", "2025-02-26", "继续考察")),
	CHECK("an extension without its reason is refused",
	      "probation_reason:is required when the probation was extended;",
	      EXTENDED("2023-08-31", "2025-02-28", "")),
	/* 转正 after an extension: at its end, not before. */
	CHECK("党章第七条: 转正 before the extended probation ends is refused",
	      "full_date:is before the end of the extended probation;",
	      { "probation_end", "2007-01-01" }, { "probation_reason", "继续考察" },
	      { "full_date", "2006-12-30" }),
	CHECK("转正 at the end of the extension", "",
	      { "probation_end", "2007-01-01" }, { "probation_reason", "继续考察" },
	      { "full_date", "2007-01-01" }),
	/* The Party was founded in July 1921. */
	CHECK("入党日期 before 1921-07-01 is refused",
	      "join_date:is before the Party was founded (1921-07-01);",
	      { "birth_date", "" }, { "gender", "" }, { "id17", "11010519000307001" },
	      { "join_date", "1921-06-30" }, { "full_date", "1922-06-30" }),
	CHECK("入党日期 1921-07-01 is accepted", "",
	      { "birth_date", "" }, { "gender", "" }, { "id17", "11010519000307001" },
	      { "join_date", "1921-07-01" }, { "full_date", "1922-07-01" }),
	/* 党章第七条 and 纪律处分条例第三十六条: a 预备党员 leaves by losing
	 * the probationary membership, not by expulsion or 除名. */
	CHECK("党章第七条: a full member cannot lose a probationary membership",
	      "status:only a probationary member can lose the probationary membership "
	      "(Party Constitution art. 7);",
	      { "status", "取消预备党员资格" }),
#define PROBATIONER(status, date) { "member_type", "预备党员" }, { "join_date", "2023-09-01" }, \
	{ "full_date", "" }, { "status", status }, { "status_date", date }
	CHECK("纪律处分条例第三十六条: a 预备党员 is not expelled",
	      "status:a probationary member is not expelled or struck off: the probationary "
	      "membership is cancelled (Party Constitution art. 7; Disciplinary Regulations art. 36);",
	      PROBATIONER("开除党籍", "")),
	CHECK("a 预备党员 loses the membership", "",
	      PROBATIONER("取消预备党员资格", "2024-05-01")),
	CHECK("a status date before joining is refused",
	      "status_date:is before the joining date;",
	      PROBATIONER("取消预备党员资格", "2023-08-31")),
	/* nobody becomes a full member after dying */
	CHECK("a 转正日期 after the date of death is refused",
	      "full_date:is after the member died or left the Party;",
	      { "status", "去世" }, { "status_date", "2006-01-01" }),
	CHECK("one on the day of death is not", "",
	      { "status", "去世" }, { "status_date", "2006-07-01" }),
};

static void test_member_cases(void)
{
	struct field_problem p[MEMBER_MAX_PROBLEMS];
	struct member m;

	for (size_t i = 0; i < sizeof member_cases / sizeof member_cases[0]; i++) {
		const struct member_case *c = &member_cases[i];

		fill_member(&m);
		apply(&m, c->set, SETS);
		is_str(problems_str(p, member_check(&m, TODAY, p)), c->want, "%s", c->what);
		for (const struct set *a = c->after; a < c->after + SETS && a->key; a++) {
			const char *want = a->value ? a->value : "";

			is_str(FIELD_VALUE(&m, field_find(member_fields, a->key)), want,
			       "... %s stored as %s", a->key, want);
		}
	}
}

/* Every field wrong at once stays within MEMBER_MAX_PROBLEMS. */
static void test_member_all_wrong(void)
{
	static const struct set wrong[] = {
		{ "name", "1" }, { "gender", "?" }, { "ethnicity", "?" }, { "birth_date", "?" },
		{ "id_number", "?" }, { "education", "?" }, { "member_type", "?" },
		{ "category", "?" }, { "join_date", "?" }, { "full_date", "?" },
		{ "status", "?" }, { "status_date", "?" }, { "status_reason", "\x1b" },
		{ "work_unit", "\x1b" }, { "phone", "?" }, { "address", "\x1b" },
		{ "party_group", "\x1b" }, { "note", "\x1b" },
	};
	struct field_problem p[MEMBER_MAX_PROBLEMS];
	struct member m;
	int n;

	memset(&m, 0, sizeof(m));
	apply(&m, wrong, sizeof wrong / sizeof wrong[0]);
	n = member_check(&m, TODAY, p);
	is_int(n, 18, "every field wrong: 18 problems");
	is_str(p[0].field, "name", "first is the name");
	is_str(p[n - 1].field, "note", "last is the note");
}

static void test_member_init(void)
{
	struct member m;

	member_init(&m);
	is_str(m.ethnicity, "汉族", "init: 汉族");
	is_str(m.member_type, "正式党员", "init: 正式党员");
	is_str(m.status, "在册", "init: 在册");
	is_str(m.name, "", "init: no name");
	is_int(m.id, 0, "init: id 0");
	is_int(m.version, 0, "init: version 0");
}

/* The end of the probation, when it is over, 党龄 and 入党 N 周年. */
static void test_probation(void)
{
	static const struct {
		struct set set[SETS];
		const char *want, *what;
	} ends[] = {
		{ { EXTENDED("2023-01-10", "2025-01-11", "需要继续考察") }, "2025-01-11",
		  "the extended end is the end of the probation" },
		{ { EXTENDED("2023-01-10", "", "需要继续考察") }, "2024-01-10",
		  "else a year after joining" },
		{ { EXTENDED("2020-02-29", "", "") }, "2021-03-01",
		  "joined on 29 February: ends on 1 March, as SQLite counts" },
	};
	struct member m;
	char end[11], d[11] = "2024-03-01";

	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		fill_member(&m);
		apply(&m, ends[i].set, SETS);
		member_probation_end(&m, end);
		is_str(end, ends[i].want, "%s", ends[i].what);
	}

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
	ok(valid_date_add(d, 0, 0, -1, d) && strcmp(d, "2024-02-29") == 0,
	   "valid_date_add into its own input: the day before 2024-03-01 (%s)", d);

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
	static const struct in_want unsafe[] = {
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
	static const struct in_want hidden[] = {
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
		is_str(valid_name(unsafe[i].in, out, sizeof(out)), unsafe[i].want,
		       "name %zu refused: %s", i, unsafe[i].want);
		is_str(valid_text(unsafe[i].in, 200, true, out, sizeof(out)), unsafe[i].want,
		       "free text %zu refused", i);
		is_str(out, "", "... nothing stored");
		is_str(valid_label(unsafe[i].in, 20, out, sizeof(out)), unsafe[i].want,
		       "party group %zu refused", i);
	}
	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		is_str(valid_name(hidden[i].in, out, sizeof(out)), hidden[i].want,
		       "name %zu refused: %s", i, hidden[i].want);
		is_str(valid_label(hidden[i].in, 20, out, sizeof(out)), hidden[i].want,
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
	static const struct {
		const char *in, *want, *stored, *what;
	} cases[] = {
		{ "  第一党小组 ", NULL, "第一党小组", "group accepted, trimmed" },
		{ "", NULL, "", "empty accepted (no group)" },
		{ NULL, NULL, "", "NULL as empty" },
		{ "离退休\xC2\xA0党小组", NULL, "离退休 党小组", "no-break space as a space" },
		{ "离退休\xE2\x80\x89\xE2\x80\x89 党小组", NULL, "离退休 党小组",
		  "thin spaces and a space: one space" },
		{ "离退休   党小组", NULL, "离退休 党小组", "a run of spaces: one" },
		{ "离退休\xE3\x80\x80党小组", NULL, "离退休\xE3\x80\x80党小组",
		  "ideographic space is a character of its own" },
		{ "\xC2\xA0一组\xE2\x80\xAF", NULL, "一组", "odd spaces at the ends trimmed" },
		{ "a\tb", NULL, "a b", "tab becomes a space" },
		{ "一组\n二组", "must be a single line", NULL, "one line" },
		{ "\xff", NOT_UTF8, NULL, "invalid UTF-8" },
	};
	char out[UTF8_BUF(40)], big[256];
	size_t i;

	for (i = 0; i < N_OF(cases); i++) {
		strcpy(out, "garbage");
		is_str(valid_label(cases[i].in, 20, out, sizeof(out)), cases[i].want, "label: %s",
		       cases[i].what);
		if (!cases[i].want)
			is_str(out, cases[i].stored, "... stored");
	}

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
	test_member_init();
	test_member_cases();
	test_member_all_wrong();
	test_probation();
	test_status_changes();
	return tap_done();
}
