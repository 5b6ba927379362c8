/* validate.c - the rules of SPEC 1.1 for one value at a time.
 *
 * Each validator works on its own normalized copy of the input, so IN and
 * OUT may be the same buffer.  Reasons are message ids for the caller to
 * translate; nothing here prints.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gettext.h"
#include "text.h"
#include "validate.h"

/* region_prefixes[]: the valid province + prefecture codes, sorted. */
#include "regions.inc"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* valid_msg_required: validate.h */
const char valid_msg_required[] = N_("is required");
static const char msg_nomem[] = N_("out of memory");
static const char msg_bad_utf8[] =
	N_("is not valid text (bad character encoding)");
static const char msg_controls[] = N_("contains control characters");
static const char msg_too_long[] = N_("is too long");

/* --- helpers ------------------------------------------------------------- */

/* A malloc'd copy of IN (NULL counts as empty) with full-width forms made
 * half-width and spaces trimmed; NULL when out of memory. */
static char *dup_clean(const char *in)
{
	char *s = strdup(in ? in : "");

	if (s) {
		text_halfwidth(s);
		text_trim(s);
	}
	return s;
}

/* IN made a malloc'd value (dup_clean) in *S: true; false when memory
 * ran out or nothing is left of it, *WHY then the reason (IF_EMPTY for
 * nothing) and *S NULL. */
static bool clean_value(const char *in, char **s, const char *if_empty, const char **why)
{
	*s = dup_clean(in);
	*why = *s ? NULL : msg_nomem;
	if (*s && **s == '\0') {
		free(*s);
		*s = NULL;
		*why = if_empty;
	}
	return *s != NULL;
}

/* OUT (OUTSZ bytes, may be 0) emptied, and a malloc'd copy of IN (NULL
 * counts as empty) into *S; the reason when IN is not UTF-8 or memory
 * ran out. */
static const char *dup_text(const char *in, char *out, size_t outsz, char **s)
{
	if (outsz > 0)
		out[0] = '\0';
	if (!in)
		in = "";
	if (!text_utf8_valid(in, strlen(in)))
		return msg_bad_utf8;
	*s = strdup(in);
	return *s ? NULL : msg_nomem;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Number of ASCII digits at the start of S. */
static size_t digits_at(const char *s)
{
	size_t n = 0;

	while (is_digit(s[n]))
		n++;
	return n;
}

/* The value of the N digits at S. */
static int number_at(const char *s, size_t n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* Remove every byte C from S, in place. */
static void drop_char(char *s, char c)
{
	char *w = s;

	for (; *s; s++)
		if (*s != c)
			*w++ = *s;
	*w = '\0';
}

/* Characters in S, counting invalid bytes one each (S may be anything). */
static size_t count_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static bool is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* V (0 to 99) as two digits at OUT. */
static void put2(char *out, int v)
{
	out[0] = (char)('0' + v / 10);
	out[1] = (char)('0' + v % 10);
}

/* Y-M-D as YYYY-MM-DD (Y has four digits: the callers check the range). */
static void format_date(char out[11], int y, int m, int d)
{
	put2(out, y / 100 % 100);
	put2(out + 2, y % 100);
	out[4] = '-';
	put2(out + 5, m);
	out[7] = '-';
	put2(out + 8, d);
	out[10] = '\0';
}

/* The reason a year-month-day is impossible, or NULL. */
static const char *check_ymd(int y, int m, int d)
{
	if (y < 1900 || y > 2100)
		return N_("year out of range");
	if (m < 1 || m > 12)
		return N_("no such month");
	if (d < 1 || d > days_in_month(y, m))
		return N_("no such day (e.g. February 30)");
	return NULL;
}

/* Parse exactly YYYY-MM-DD (the stored form); false if it is not one. */
static bool iso_parse(const char *s, int *y, int *m, int *d)
{
	if (!s || digits_at(s) != 4 || s[4] != '-' || digits_at(s + 5) != 2 ||
	    s[7] != '-' || digits_at(s + 8) != 2 || s[10] != '\0')
		return false;
	*y = number_at(s, 4);
	*m = number_at(s + 5, 2);
	*d = number_at(s + 8, 2);
	return true;
}

/* True if ISO date A is after ISO date B (both YYYY-MM-DD). */
static bool date_after(const char *a, const char *b)
{
	return strcmp(a, b) > 0;
}

/* --- ID numbers ---------------------------------------------------------- */

/* The checksum character of the first 17 digits, or '\0' if DIGITS17 does
 * not start with 17 ASCII digits. */
char valid_id_checksum(const char *digits17)
{
	static const int weight[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (!is_digit(digits17[i]))
			return '\0';
		sum += (digits17[i] - '0') * weight[i];
	}
	return "10X98765432"[sum % 11];
}

static int prefix_cmp(const void *a, const void *b)
{
	const unsigned short *x = a, *y = b;

	return (int)*x - (int)*y;
}

/* True if the province + prefecture of CODE (6 digits) exist or existed. */
static bool region_known(const char *code)
{
	unsigned short key = (unsigned short)number_at(code, 4);

	return bsearch(&key, region_prefixes, ARRAY_SIZE(region_prefixes),
	               sizeof(region_prefixes[0]), prefix_cmp) != NULL;
}

/* 身份证号.  Spaces inside the number are dropped too ("110105 1949..."),
 * an ID number never contains any.  Checks run from the most telling to
 * the least: a single mistyped digit shows as a checksum mismatch before
 * it can pass for an unknown region or date. */
const char *valid_id_number(const char *in, char out[19], struct id_info *info)
{
	const char *reason = NULL;
	char today[11], birth[11];
	char *s, *p;
	size_t n;
	int y, m, d;

	out[0] = '\0';
	if (info)
		memset(info, 0, sizeof(*info));
	s = dup_clean(in);
	if (!s)
		return msg_nomem;
	drop_char(s, ' ');
	for (p = s; *p; p++)
		if (*p == 'x')
			*p = 'X';
	n = count_chars(s);
	if (n == 0)
		reason = valid_msg_required;
	else if (n == 15 && digits_at(s) == 15)
		reason = N_("is an old 15-digit number (give the 18-character one)");
	else if (n != 18)
		reason = N_("must be 18 characters");
	else if (digits_at(s) < 17 || !(is_digit(s[17]) || s[17] == 'X'))
		reason = N_("must be 17 digits followed by a digit or X");
	else if (valid_id_checksum(s) != s[17])
		reason = N_("the check digit does not match (wrong number?)");
	else if (!region_known(s))
		reason = N_("the region code (first six digits) is unknown");
	if (reason) {
		free(s);
		return reason;
	}

	y = number_at(s + 6, 4);
	m = number_at(s + 10, 2);
	d = number_at(s + 12, 2);
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		reason = N_("the birth date in it does not exist");
	else if (y < 1900)
		reason = N_("the birth date in it is before 1900");
	if (!reason) {
		format_date(birth, y, m, d);
		valid_today(today);
		if (date_after(birth, today))
			reason = N_("the birth date in it is in the future");
	}
	if (!reason) {
		memcpy(out, s, 19);
		if (info) {
			memcpy(info->birth_date, birth,
			       sizeof(info->birth_date));
			/* GB 11643: the 17th digit is odd for men. */
			strcpy(info->gender, (s[16] - '0') % 2 ? "男" : "女");
			memcpy(info->region, s, 6);
			info->region[6] = '\0';
		}
	}
	free(s);
	return reason;
}

/* Mask an ID number for display.  Only ASCII letters and digits are ever
 * shown; a string that is not 18 characters keeps at most its last four
 * (none when it has four or fewer) and is cut to 18. */
void valid_id_mask(const char *id, char out[19])
{
	size_t n = id ? strlen(id) : 0, len = n > 18 ? 18 : n, i, src;
	size_t tail = n > 4 ? 4 : 0;
	bool shown;
	char c;

	for (i = 0; i < len; i++) {
		/* Output position i shows input byte src: the head from the
		 * start, the tail from the end. */
		src = i < len - tail ? i : n - (len - i);
		c = id[src];
		shown = (n == 18 && i < 6) || i >= len - tail;
		if (shown && (is_digit(c) || (c >= 'A' && c <= 'Z') ||
		              (c >= 'a' && c <= 'z')))
			out[i] = c;
		else
			out[i] = '*';
	}
	out[len] = '\0';
}

/* --- dates --------------------------------------------------------------- */

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The number of one or two digits at *P, *P moved past them; -1 when
 * there are none, or more. */
static int day_or_month(const char **p)
{
	size_t k = digits_at(*p);
	int v;

	if (k < 1 || k > 2)
		return -1;
	v = number_at(*p, k);
	*p += k;
	return v;
}

/* Dates in the forms of SPEC 1.1.  The separator after the month must be
 * the one after the year (2024-3/5 is refused as a likely typo), the
 * compact form needs all eight digits, and 2024年3月5 (without 日) and
 * 2024年3月5号 are accepted as people write them. */
const char *valid_date(const char *in, char out[11])
{
	const char *reason = NULL;
	char *s;
	const char *p;
	char sep = 0;
	size_t k;
	int y, m, d;

	out[0] = '\0';
	if (!clean_value(in, &s, valid_msg_required, &reason))
		return reason;
	k = digits_at(s);
	if (k == 8 && s[8] == '\0') {
		y = number_at(s, 4);
		m = number_at(s + 4, 2);
		d = number_at(s + 6, 2);
		goto check;
	}
	if (k != 4)
		goto bad;
	y = number_at(s, 4);
	p = s + 4;
	if (*p == '-' || *p == '/' || *p == '.') {
		sep = *p++;
	} else if (starts_with(p, "年")) {
		p += strlen("年");
	} else {
		goto bad;
	}
	if ((m = day_or_month(&p)) < 0)
		goto bad;
	if (sep && *p == sep)
		p++;
	else if (!sep && starts_with(p, "月"))
		p += strlen("月");
	else
		goto bad;
	if ((d = day_or_month(&p)) < 0)
		goto bad;
	if (!sep && (starts_with(p, "日") || starts_with(p, "号")))
		p += strlen("日");
	if (*p != '\0')
		goto bad;
check:
	reason = check_ymd(y, m, d);
	if (!reason)
		format_date(out, y, m, d);
	free(s);
	return reason;
bad:
	free(s);
	return N_("not a date (use YYYY-MM-DD)");
}

/* Today in local time; ZHIBU_TODAY (any accepted date form) pins it for
 * tests and is ignored when it is not a date. */
void valid_today(char out[11])
{
	const char *env = getenv("ZHIBU_TODAY");
	struct tm tm;
	time_t now;

	if (env && *env && valid_date(env, out) == NULL)
		return;
	now = time(NULL);
	if (!localtime_r(&now, &tm) || tm.tm_year + 1900 > 9999) {
		strcpy(out, "1970-01-01");
		return;
	}
	format_date(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Whole years from FROM to TO: the age on day TO of someone born on FROM.
 * Someone born on 29 February turns a year older on 1 March in common
 * years.  Negative when TO is before FROM; -1 also when either is not
 * YYYY-MM-DD. */
int valid_years_between(const char *from, const char *to)
{
	int fy, fm, fd, ty, tm, td, years;

	if (!iso_parse(from, &fy, &fm, &fd) || !iso_parse(to, &ty, &tm, &td))
		return -1;
	years = ty - fy;
	if (tm < fm || (tm == fm && td < fd))
		years--;
	return years;
}

/* FROM moved by MONTHS into *Y, *M, *D; a day the target month lacks
 * runs on into the next (SQLite's way) unless CLAMP, which keeps it to
 * the month's last day.  False if FROM is not YYYY-MM-DD. */
static bool move_months(const char *from, int months, bool clamp, int *y, int *m,
                        int *d)
{
	int total;

	if (!iso_parse(from, y, m, d))
		return false;
	total = *y * 12 + (*m - 1) + months;
	*y = total / 12;
	*m = total % 12 + 1;
	if (clamp && *d > days_in_month(*y, *m))
		*d = days_in_month(*y, *m);
	while (*d > days_in_month(*y, *m)) {
		*d -= days_in_month(*y, *m);
		if (++*m > 12) {
			*m = 1;
			++*y;
		}
	}
	return true;
}

/* Y-M-D into OUT when the year is one the program keeps (1900-2100). */
static bool put_date(int y, int m, int d, char out[11])
{
	if (y < 1900 || y > 2100) {
		out[0] = '\0';
		return false;
	}
	format_date(out, y, m, d);
	return true;
}

/* ISO date FROM moved by YEARS and MONTHS, as SQLite's date(FROM,
 * '+Y years', '+M months') computes it: a day the target month lacks
 * runs on into the next (2020-02-29 plus a year is 2021-03-01), so the
 * program and its SQL agree on when a year of probation ends; then by
 * DAYS, a day at a time (a few days at most are asked for).  False
 * when FROM is not YYYY-MM-DD or the result leaves 1900..2100. */
bool valid_date_add(const char *from, int years, int months, int days,
                    char out[11])
{
	int y, m, d;

	/* FROM may be OUT itself: read it before writing */
	if (!move_months(from, years * 12 + months, false, &y, &m, &d)) {
		out[0] = '\0';
		return false;
	}
	for (; days > 0; days--) {
		if (++d > days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	for (; days < 0; days++) {
		if (--d < 1) {
			if (--m < 1) {
				m = 12;
				y--;
			}
			d = days_in_month(y, m);
		}
	}
	return put_date(y, m, d, out);
}

/* FROM moved by MONTHS, a day the target month lacks becoming its last
 * day: 2023-08-31 plus six months is 2024-02-29, not SQLite's 03-02. */
bool valid_date_add_months_end(const char *from, int months, char out[11])
{
	int y, m, d;

	if (!move_months(from, months, true, &y, &m, &d)) {
		out[0] = '\0';
		return false;
	}
	return put_date(y, m, d, out);
}

/* --- phone numbers ------------------------------------------------------- */

/* Replace every occurrence of FROM in S by the single byte TO, in place. */
static void replace_str(char *s, const char *from, char to)
{
	size_t flen = strlen(from);
	char *w = s;

	while (*s) {
		if (strncmp(s, from, flen) == 0) {
			*w++ = to;
			s += flen;
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
}

/* A mobile number written with spaces, dashes and a country code: its 11
 * digits go to DIGITS and the result is 1; 0 if S is not written that
 * way; -1 if it is 11 digits starting with 1 but not 13-19. */
static int parse_mobile(const char *s, char digits[12])
{
	char buf[32];
	const char *p = s, *d;
	size_t n = 0;

	if (*p == '+')
		p++;
	for (; *p; p++) {
		if (is_digit(*p)) {
			if (n + 1 >= sizeof(buf))
				return 0;
			buf[n++] = *p;
		} else if (*p != ' ' && *p != '-') {
			return 0;
		}
	}
	buf[n] = '\0';
	d = buf;
	if (*s == '+') {
		if (strncmp(d, "86", 2) != 0)
			return 0;
		d += 2;
	} else if (n == 15 && strncmp(d, "0086", 4) == 0) {
		d += 4;
	} else if (n == 13 && strncmp(d, "86", 2) == 0) {
		d += 2;
	}
	if (strlen(d) != 11 || d[0] != '1')
		return 0;
	if (d[1] < '3')
		return -1;
	memcpy(digits, d, 12);
	return 1;
}

/* A landline: (0AA)N..., (0AA) N..., 0AA-N..., 0AA N..., each with an
 * optional extension after '-', a space or 转.  Writes 0AA-NNNNNNNN[-EXT]
 * to NORM (at least 32 bytes); false if S is not one. */
static bool parse_landline(const char *s, char norm[32])
{
	const char *p = s;
	size_t area, local, ext = 0;
	bool paren = false;
	const char *a, *l, *e = NULL;

	if (*p == '(') {
		paren = true;
		p++;
	}
	a = p;
	area = digits_at(p);
	if (area < 3 || area > 4 || *a != '0')
		return false;
	p += area;
	if (paren) {
		if (*p++ != ')')
			return false;
		if (*p == ' ' || *p == '-')
			p++;
	} else if (*p == '-' || *p == ' ') {
		p++;
	} else {
		return false;
	}
	l = p;
	local = digits_at(p);
	if (local < 7 || local > 8)
		return false;
	p += local;
	if (*p == '-' || *p == ' ') {
		e = ++p;
		ext = digits_at(p);
		if (ext < 1 || ext > 6)
			return false;
		p += ext;
	}
	if (*p != '\0')
		return false;
	memcpy(norm, a, area);
	norm[area] = '-';
	memcpy(norm + area + 1, l, local);
	norm[area + 1 + local] = '\0';
	if (e) {
		norm[area + 1 + local] = '-';
		memcpy(norm + area + 2 + local, e, ext);
		norm[area + 2 + local + ext] = '\0';
	}
	return true;
}

/* 联系电话: a mobile or a landline, normalized.  A landline written as one
 * run of digits is refused: 0101234567 could be 010-1234567 or
 * 0101-234567, and guessing would store a wrong number. */
const char *valid_phone(const char *in, char *out, size_t outsz)
{
	const char *reason = NULL;
	char norm[32];
	char *s;
	int r;

	if (outsz > 0)
		out[0] = '\0';
	if (!clean_value(in, &s, NULL, &reason))
		return reason;
	replace_str(s, "转", '-');
	r = parse_mobile(s, norm);
	if (r < 0) {
		reason = N_("is not a mobile number (those start with 13 to 19)");
	} else if (r == 0 && !parse_landline(s, norm)) {
		size_t n = digits_at(s);

		if (s[n] == '\0' && s[0] == '0' && n >= 10 && n <= 12)
			reason = N_("needs a dash after the area code (e.g. 010-12345678)");
		else
			reason = N_("is not a phone number (mobile 13912345678, landline 010-12345678)");
	}
	free(s);
	if (reason)
		return reason;
	if (strlen(norm) + 1 > outsz)
		return msg_too_long;
	strcpy(out, norm);
	return NULL;
}

static const char *too_long(size_t maxchars)
{
	/* Fixed messages for the limits of SPEC 1.1, so an import report can
	 * say the number without a format string. */
	switch (maxchars) {
	case 20:
		return N_("is longer than 20 characters");
	case 40:
		return N_("is longer than 40 characters");
	case 60:
		return N_("is longer than 60 characters");
	case 80:
		return N_("is longer than 80 characters");
	case 200:
		return N_("is longer than 200 characters");
	default:
		return msg_too_long;
	}
}

/* --- names --------------------------------------------------------------- */

/* Han characters: CJK Unified Ideographs with Extensions A-H, the
 * compatibility ideographs and 〇. */
static bool is_han(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
		{ 0x3007, 0x3007 },     /* 〇 */
		{ 0x3400, 0x4DBF },     /* Extension A */
		{ 0x4E00, 0x9FFF },
		{ 0xF900, 0xFAFF },     /* compatibility */
		{ 0x20000, 0x2A6DF },   /* Extension B */
		{ 0x2A700, 0x2EBEF },   /* C, D, E, F, I */
		{ 0x2EBF0, 0x2EE5F },   /* Extension I */
		{ 0x2F800, 0x2FA1F },   /* compatibility supplement */
		{ 0x30000, 0x3134F },   /* Extension G */
		{ 0x31350, 0x323AF },   /* Extension H */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ranges); i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return true;
	return false;
}

/* Latin letters: ASCII, Latin-1, Extended-A/B and Extended Additional
 * (Vietnamese), without × and ÷. */
static bool is_latin(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* 姓名.  The classification is by code point, never by the locale, so a
 * name is judged the same in a GB18030 session.  A space survives only
 * between two Latin letters ("Ma Lin"): between Chinese characters it is
 * padding from a spreadsheet ("张　三" to line up with three-character
 * names) and is dropped, as it is next to the middle dot. */
const char *valid_name(const char *in, char *out, size_t outsz)
{
	const char *reason = NULL;
	uint32_t *cps = NULL;
	size_t len, n = 0, keep = 0, i, o;
	char *s, *p;
	int k;

	if ((reason = dup_text(in, out, outsz, &s)))
		return reason;
	/* White space of any kind is left to the normalization (a tab or a
	 * line break pasted with the name); other controls are refused, and
	 * so is what would make two names look the same and differ. */
	for (p = s; *p; p++)
		if (*p >= '\t' && *p <= '\r')
			*p = ' ';
	reason = valid_class_reason(text_scan(s, TEXT_UNSAFE | TEXT_HIDDEN, NULL));
	if (reason) {
		free(s);
		return reason;
	}
	/* Dots first: half-width conversion would turn ．into '.'. */
	text_normalize_name(s);
	text_halfwidth(s);
	text_trim(s);

	len = strlen(s);
	cps = malloc((len + 1) * sizeof(*cps));
	if (!cps) {
		free(s);
		return msg_nomem;
	}
	for (p = s; len > 0; p += k, len -= (size_t)k) {
		k = text_utf8_decode(p, len, &cps[n]);
		if (k <= 0)
			break;
		n++;
	}
	/* Compacting in place still reads the original neighbours: iteration
	 * j writes to an index <= j, and to j itself only its own value. */
	for (i = 0; i < n; i++) {
		bool between_latin = i > 0 && i + 1 < n &&
		                     is_latin(cps[i - 1]) &&
		                     is_latin(cps[i + 1]);

		if (cps[i] != ' ' || between_latin)
			cps[keep++] = cps[i];
	}
	n = keep;

	if (n == 0)
		reason = valid_msg_required;
	else if (n > 20)
		reason = too_long(20);
	for (i = 0; !reason && i < n; i++) {
		if (cps[i] == 0xB7) {
			if (i == 0 || i + 1 == n || cps[i + 1] == 0xB7)
				reason = N_("has a middle dot at the start, at the end or twice in a row");
		} else if (cps[i] != ' ' && !is_han(cps[i]) &&
		           !is_latin(cps[i])) {
			reason = N_("contains a character that is not part of a name");
		}
	}
	if (!reason) {
		char *w = s;

		/* The result never outgrows S: spaces were only dropped. */
		for (i = 0; i < n; i++)
			w += text_utf8_encode(cps[i], w);
		*w = '\0';
		o = (size_t)(w - s);
		if (o + 1 > outsz)
			reason = msg_too_long;
		else
			memcpy(out, s, o + 1);
	}
	free(cps);
	free(s);
	return reason;
}

/* --- free text ----------------------------------------------------------- */


/* Free text.  Line ends become LF (Windows clients and Excel send CRLF);
 * a tab becomes a space rather than a refusal, as it comes from pasting
 * cells. */
const char *valid_text(const char *in, size_t maxchars, bool multiline,
                       char *out, size_t outsz)
{
	const char *reason = NULL;
	char *s, *r, *w;

	if ((reason = dup_text(in, out, outsz, &s)))
		return reason;
	for (r = w = s; *r; r++) {
		if (*r == '\r') {
			*w++ = '\n';
			if (r[1] == '\n')
				r++;
		} else {
			*w++ = *r == '\t' ? ' ' : *r;
		}
	}
	*w = '\0';
	text_trim(s);
	if (!multiline && strchr(s, '\n'))
		reason = N_("must be a single line");
	/* tabs and line ends are spaces and LF by now; invisible characters
	 * are let be (flagged as U+FFFD wherever the text is shown) */
	if (!reason)
		reason = valid_class_reason(text_scan(s, TEXT_UNSAFE, NULL));
	if (!reason && text_utf8_length(s) > maxchars)
		reason = too_long(maxchars);
	if (!reason && strlen(s) + 1 > outsz)
		reason = msg_too_long;
	if (!reason)
		strcpy(out, s);
	free(s);
	return reason;
}

/* White space that looks like a space but is not one: no-break, en, em,
 * thin, hair, narrow no-break and medium mathematical spaces.  U+3000,
 * as wide as a Han character, is a character of its own. */
static bool is_odd_space(uint32_t cp)
{
	return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x202F || cp == 0x205F;
}

/* A name of a party group or of the branch: as valid_text, one line, and
 * nothing a reader cannot see; the spaces normalized so that two names
 * that look alike are alike. */
const char *valid_label(const char *in, size_t maxchars, char *out, size_t outsz)
{
	const char *reason;
	size_t size;
	char *s, *r, *w;
	bool space = false;

	if (outsz > 0)
		out[0] = '\0';
	if (!in)
		in = "";
	size = strlen(in) + 1;
	s = malloc(size);
	if (!s)
		return msg_nomem;
	reason = valid_text(in, SIZE_MAX, false, s, size);
	if (!reason)
		reason = valid_class_reason(text_scan(s, TEXT_HIDDEN, NULL));
	if (reason) {
		free(s);
		return reason;
	}
	/* every kind of space one ASCII space, a run of them one: the text
	 * never grows */
	for (r = w = s; *r;) {
		uint32_t cp;
		int k = text_utf8_decode(r, strlen(r), &cp);

		if (k <= 0)
			break;          /* not reached: valid_text checked */
		if (cp == ' ' || is_odd_space(cp)) {
			if (!space)
				*w++ = ' ';
			space = true;
		} else {
			memmove(w, r, (size_t)k);
			w += k;
			space = false;
		}
		r += k;
	}
	*w = '\0';
	text_trim(s);
	if (text_utf8_length(s) > maxchars)
		reason = too_long(maxchars);
	else if (strlen(s) + 1 > outsz)
		reason = msg_too_long;
	else
		strcpy(out, s);
	free(s);
	return reason;
}

/* The reason a character of class C is refused. */
const char *valid_class_reason(enum text_class c)
{
	static const char *const reasons[] = {
		[TEXT_PLAIN] = NULL,
		[TEXT_SPACE] = msg_controls, [TEXT_CONTROL] = msg_controls,
		[TEXT_BIDI] = N_("contains characters that reverse the direction of text (bidi controls)"),
		[TEXT_NONCHAR] = N_("contains a code point that is no character (a noncharacter)"),
		[TEXT_INVALID] = msg_bad_utf8,
		[TEXT_INVISIBLE] = N_("contains invisible characters (zero-width space, BOM or another format character)"),
		[TEXT_VARIATION] = N_("contains a variation selector (type the character without it)"),
		[TEXT_PRIVATE] = N_("contains private-use characters (they look different on every computer)"),
	};

	return (unsigned)c < ARRAY_SIZE(reasons) ? reasons[c] : msg_controls;
}

/* --- yes/no, numbers, times, weekdays ------------------------------------ */

static bool same_ascii_nocase(const char *a, const char *b);

/* 是/否 as people write it in a sheet: 是 否, 有 无, √ ×, 1 0, Y N,
 * yes no, true false. */
const char *valid_bool(const char *in, char out[2])
{
	static const char *const yes[] = { "是", "有", "√", "✓", "1", "y", "yes", "true", "对", NULL };
	static const char *const no[] = { "否", "无", "×", "✗", "0", "n", "no", "false", "不", NULL };
	char *s = dup_clean(in);
	const char *why = N_("is neither yes nor no (是 or 否)");

	out[0] = '\0';
	if (!s)
		return msg_nomem;
	for (size_t i = 0; yes[i]; i++)
		if (same_ascii_nocase(s, yes[i]))
			why = NULL, strcpy(out, "1");
	for (size_t i = 0; no[i]; i++)
		if (same_ascii_nocase(s, no[i]))
			why = NULL, strcpy(out, "0");
	free(s);
	return why;
}

/* A whole number, full-width digits allowed, within MIN..MAX. */
const char *valid_int(const char *in, int min, int max, char *out, size_t outsz)
{
	char *s = dup_clean(in), *end;
	const char *why = NULL;
	long v;

	if (outsz > 0)
		out[0] = '\0';
	if (!s)
		return msg_nomem;
	if (!*s || !(is_digit(*s) || (*s == '-' && is_digit(s[1])))) {
		free(s);
		return N_("is not a whole number");
	}
	v = strtol(s, &end, 10);
	if (*end)
		why = N_("is not a whole number");
	else if (v < min || v > max)
		why = N_("is out of range");
	else
		snprintf(out, outsz, "%ld", v);
	free(s);
	return why;
}

/* A time of day: 8:30, 08:30, 0830, 8点30, 20时; stored HH:MM. */
const char *valid_time(const char *in, char out[6])
{
	char *s = dup_clean(in);
	const char *p;
	int h, m = 0;
	size_t k;

	out[0] = '\0';
	if (!s)
		return msg_nomem;
	k = digits_at(s);
	p = s + k;
	if (k == 4 && !*p) {
		h = number_at(s, 2);
		m = number_at(s + 2, 2);
	} else if (k >= 1 && k <= 2) {
		h = number_at(s, k);
		if (*p == ':' || *p == '.')
			p++;
		else if (starts_with(p, "点") || starts_with(p, "时"))
			p += strlen("点");
		else if (*p) {
			free(s);
			return N_("is not a time of day (use HH:MM)");
		}
		k = digits_at(p);
		if (k == 2 || (k == 1 && p[1] != '\0' && !is_digit(p[1]))) {
			m = number_at(p, k);
			p += k;
		} else if (k == 1) {
			m = number_at(p, 1);
			p += 1;
		} else if (k > 2) {
			free(s);
			return N_("is not a time of day (use HH:MM)");
		}
		if (starts_with(p, "分"))
			p += strlen("分");
		if (*p) {
			free(s);
			return N_("is not a time of day (use HH:MM)");
		}
	} else {
		free(s);
		return N_("is not a time of day (use HH:MM)");
	}
	free(s);
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return N_("no such time of day");
	put2(out, h);
	out[2] = ':';
	put2(out + 3, m);
	out[5] = '\0';
	return NULL;
}

/* A set of weekdays: 一三五, 周一、周三, 1,3,5, 工作日, 周末, 每天;
 * stored as their digits in order (Monday 1 to Sunday 7). */
const char *valid_weekdays(const char *in, char out[8])
{
	static const struct {
		const char *word, *days;
	} words[] = {
		{ "每天", "1234567" }, { "天天", "1234567" }, { "工作日", "12345" },
		{ "周末", "67" }, { "双休日", "67" },
	};
	static const char *const names[] = { "一", "二", "三", "四", "五", "六", "日" };
	bool day[8] = { false };
	char *s = dup_clean(in);
	const char *p;
	size_t n = 0;

	out[0] = '\0';
	if (!s)
		return msg_nomem;
	for (p = s; *p;) {
		bool found = false;

		for (size_t i = 0; i < sizeof words / sizeof words[0] && !found; i++)
			if (starts_with(p, words[i].word)) {
				for (const char *d = words[i].days; *d; d++)
					day[*d - '0'] = true;
				p += strlen(words[i].word);
				found = true;
			}
		for (int i = 0; i < 7 && !found; i++)
			if (starts_with(p, names[i])) {
				day[i + 1] = true;
				p += strlen(names[i]);
				found = true;
			}
		if (!found && starts_with(p, "天")) {    /* 星期天 */
			day[7] = true;
			p += strlen("天");
			found = true;
		}
		if (!found && *p >= '1' && *p <= '7') {
			day[*p - '0'] = true;
			p++;
			found = true;
		}
		if (!found && (starts_with(p, "周") || starts_with(p, "星期") ||
		               starts_with(p, "礼拜"))) {
			p += starts_with(p, "周") ? strlen("周") : strlen("星期");
			found = true;
		}
		if (!found && (*p == ',' || *p == ' ' || *p == '/' || *p == '-' ||
		               starts_with(p, "、") || starts_with(p, "，"))) {
			p += (unsigned char)*p < 0x80 ? 1 : strlen("、");
			found = true;
		}
		if (!found) {
			free(s);
			return N_("is not a set of weekdays (e.g. 一三五, 1,3,5 or 工作日)");
		}
	}
	free(s);
	for (int i = 1; i <= 7; i++)
		if (day[i])
			out[n++] = (char)('0' + i);
	out[n] = '\0';
	return n ? NULL : N_("is not a set of weekdays (e.g. 一三五, 1,3,5 or 工作日)");
}

/* --- choices ------------------------------------------------------------- */

/* Equal, ignoring the case of ASCII letters ("Male", "F"). */
static bool same_ascii_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* The canonical value of IN in CHOICES (full-width forms and spaces around
 * it forgiven), or NULL. */
const char *valid_choice(const struct choice *choices, const char *in)
{
	const struct choice *c;
	const char *const *a;
	const char *found = NULL;
	char *s;

	s = dup_clean(in);
	if (!s || *s == '\0') {
		free(s);
		return NULL;
	}
	for (c = choices; c->value && !found; c++) {
		if (same_ascii_nocase(c->value, s))
			found = c->value;
		for (a = c->aliases; a && *a && !found; a++)
			if (same_ascii_nocase(*a, s))
				found = c->value;
	}
	free(s);
	return found;
}

/* Entries before the terminating { NULL, NULL }. */
size_t valid_choice_count(const struct choice *choices)
{
	size_t n = 0;

	while (choices[n].value)
		n++;
	return n;
}

#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NO_ALIASES ((const char *const[]){ NULL })

const struct choice valid_genders[] = {
	{ "男", ALIASES("男性", "M", "male") },
	{ "女", ALIASES("女性", "F", "female") },
	{ NULL, NULL },
};

/* The 56 groups in the order and spelling of GB/T 3304, each also known
 * without 族; 毛难族 and 崩龙族 are the names before 1986 and 1985. */
/* A group called SHORT without 族. */
#define GROUP(short) { short "族", ALIASES(short) }
const struct choice valid_ethnicities[] = {
	GROUP("汉"), GROUP("蒙古"), GROUP("回"), GROUP("藏"), GROUP("维吾尔"),
	GROUP("苗"), GROUP("彝"), GROUP("壮"), GROUP("布依"), GROUP("朝鲜"),
	GROUP("满"), GROUP("侗"), GROUP("瑶"), GROUP("白"), GROUP("土家"),
	GROUP("哈尼"), GROUP("哈萨克"), GROUP("傣"), GROUP("黎"), GROUP("傈僳"),
	GROUP("佤"), GROUP("畲"), GROUP("高山"), GROUP("拉祜"), GROUP("水"),
	GROUP("东乡"), GROUP("纳西"), GROUP("景颇"), GROUP("柯尔克孜"),
	GROUP("土"), GROUP("达斡尔"), GROUP("仫佬"), GROUP("羌"), GROUP("布朗"),
	GROUP("撒拉"),
	{ "毛南族", ALIASES("毛南", "毛难族", "毛难") },
	GROUP("仡佬"), GROUP("锡伯"), GROUP("阿昌"), GROUP("普米"),
	GROUP("塔吉克"), GROUP("怒"), GROUP("乌孜别克"), GROUP("俄罗斯"),
	GROUP("鄂温克"),
	{ "德昂族", ALIASES("德昂", "崩龙族", "崩龙") },
	GROUP("保安"), GROUP("裕固"), GROUP("京"), GROUP("塔塔尔"),
	GROUP("独龙"), GROUP("鄂伦春"), GROUP("赫哲"), GROUP("门巴"),
	GROUP("珞巴"), GROUP("基诺"),
	{ NULL, NULL },
};
#undef GROUP

/* 学历 in six levels.  职高 (职业高中) and 中技/技校 (技工学校) are
 * upper-secondary schools outside 中专, so they count as 高中, the way
 * Party statistics group "高中、中技"; 高职 is a 专科 college.  中职 names
 * all secondary vocational schools at once and is left for the user to
 * resolve. */
const struct choice valid_educations[] = {
	{ "研究生", ALIASES("硕士", "硕士研究生", "博士", "博士研究生",
	                    "研究生及以上", "研究生学历") },
	{ "大学本科", ALIASES("本科", "大学", "大本") },
	{ "大学专科", ALIASES("大专", "专科", "高职") },
	{ "中专", ALIASES("中等专科", "中等专业学校") },
	{ "高中", ALIASES("普通高中", "职高", "职业高中", "中技", "技校",
	                  "技工学校") },
	{ "初中及以下", ALIASES("初中", "小学", "文盲", "半文盲",
	                        "小学及以下") },
	{ NULL, NULL },
};

/* 正 and 预 are what sheets with a 预/正 column write. */
const struct choice valid_member_types[] = {
	{ "正式党员", ALIASES("正式", "正") },
	{ "预备党员", ALIASES("预备", "预") },
	{ NULL, NULL },
};

/* 人员分类: the occupations by which the annual 党内统计 counts members
 * (中共中央组织部《中国共产党党内统计公报》, "党员的职业": 工人（工勤技能
 * 人员）, 农牧渔民, 专业技术人员, 管理人员, 党政机关工作人员, 学生, 其他
 * 职业人员, 离退休人员).  The values zhibu stored before are aliases, so
 * old files still load: 离退休, 学生 and 其他 are the same categories;
 * 农民工 work as 工人; 在职, 非公企业从业 and 下岗失业 name no occupation
 * and count as 其他职业人员 until the secretary says better. */
const struct choice valid_categories[] = {
	{ "工人", ALIASES("工人（工勤技能人员）", "工人(工勤技能人员)", "工勤技能人员",
	                  "工勤人员", "农民工") },
	{ "农牧渔民", ALIASES("农民", "牧民", "渔民", "农牧民") },
	{ "专业技术人员", ALIASES("专技人员", "企事业单位专业技术人员",
	                          "企事业单位、社会组织专业技术人员",
	                          "企事业单位、民办非企业单位专业技术人员") },
	{ "管理人员", ALIASES("企事业单位管理人员", "企事业单位、社会组织管理人员",
	                      "企事业单位、民办非企业单位管理人员") },
	{ "党政机关工作人员", ALIASES("党政机关", "机关工作人员", "机关干部",
	                              "公务员") },
	{ "学生", ALIASES("学生党员") },
	{ "其他职业人员", ALIASES("其他", "其它", "其他职业", "自由职业", "在职",
	                          "在职党员", "非公企业从业", "非公企业",
	                          "下岗失业", "下岗", "失业", "无业") },
	{ "离退休人员", ALIASES("离退休", "退休", "离休", "离退休党员", "退休人员",
	                        "离休人员") },
	{ NULL, NULL },
};

/* 党籍状态 (SPEC 1.1).  在册 and 流出 are current members; 转出 and 停止
 * 党籍 may come back (member_status_change says how); 去世 and the ways
 * of leaving the Party are final: 开除党籍 (the heaviest of the five
 * disciplinary measures of 党章 chapter 7, 党的纪律), 除名 (党章第九条: 自行脱党;
 * 党员教育管理工作条例第二十四条: 停止党籍 two years without contact),
 * 退党 (党章第九条: 党员有退党的自由), 取消预备党员资格 (党章第七条). */
const struct choice valid_statuses[] = {
	{ "在册", ALIASES("正常") },
	{ "流出", NO_ALIASES },
	{ "转出", NO_ALIASES },
	{ "停止党籍", NO_ALIASES },
	{ "去世", ALIASES("死亡", "逝世", "病故") },
	{ "开除党籍", ALIASES("开除") },
	{ "除名", ALIASES("自行脱党", "自行脱党除名") },
	{ "退党", ALIASES("退党除名") },
	{ "取消预备党员资格", ALIASES("取消预备资格") },
	{ NULL, NULL },
};
