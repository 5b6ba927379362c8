/* test_text.c - unit tests of the text layer: UTF-8, widths, padding,
 * encodings, sanitizing and name normalization. */
#include "config.h"

#include <iconv.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "tap.h"
#include "text.h"

/* The bytes of BUF as "E4 B8 AD", for comparing binary output. */
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A value, and what a function makes of it. */
struct in_want_what {
	const char *in, *want, *what;
};

static const char *hex(const char *buf, size_t len)
{
	static char s[4][256];
	static int k;
	char *p = s[k = (k + 1) % 4];
	size_t i;

	p[0] = '\0';
	for (i = 0; i < len && i < 80; i++)
		sprintf(p + strlen(p), "%s%02X", i ? " " : "",
		        (unsigned char)buf[i]);
	return p;
}

static int decode(const char *s, size_t len, uint32_t *cp)
{
	*cp = 0xDEADBEEF;
	return text_utf8_decode(s, len, cp);
}

/* A byte sequence, its length, what text_utf8_decode() returns (the
 * bytes of a character, 0 for none, -1 invalid, -2 cut short) and the
 * code point it leaves (0xDEADBEEF: left alone). */
static void test_utf8_decode(void)
{
	static const struct {
		const char *in;
		size_t len;
		int ret;
		uint32_t cp;
		const char *what;
	} cases[] = {
		{ "A", 1, 1, 0x41, "decode ASCII" },
		{ "\xC3\xA9", 2, 2, 0xE9, "decode 2-byte é" },
		{ "\xE4\xB8\xAD", 3, 3, 0x4E2D, "decode 3-byte 中" },
		{ "\xF0\xA0\xAE\xB7", 4, 4, 0x20BB7, "decode 4-byte 𠮷" },
		{ "\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF, "decode U+10FFFF" },
		{ "\xED\x9F\xBF", 3, 3, 0xD7FF, "decode U+D7FF, last before surrogates" },
		{ "\xEE\x80\x80", 3, 3, 0xE000, "decode U+E000, first after surrogates" },
		{ "\0", 1, 1, 0, "decode NUL with length 1" },
		{ "", 0, 0, 0xDEADBEEF, "decode empty buffer" },
		{ "\xC0\x80", 2, -1, 0xDEADBEEF, "overlong C0 80" },
		{ "\xC1\xBF", 2, -1, 0xDEADBEEF, "overlong C1 BF" },
		{ "\xE0\x80\x80", 3, -1, 0xDEADBEEF, "overlong E0 80 80" },
		{ "\xE0\x9F\xBF", 3, -1, 0xDEADBEEF, "overlong E0 9F BF" },
		{ "\xF0\x80\x80\x80", 4, -1, 0xDEADBEEF, "overlong F0 80 80 80" },
		{ "\xF0\x8F\xBF\xBF", 4, -1, 0xDEADBEEF, "overlong F0 8F BF BF" },
		{ "\xED\xA0\x80", 3, -1, 0xDEADBEEF, "surrogate ED A0 80" },
		{ "\xED\xBF\xBF", 3, -1, 0xDEADBEEF, "surrogate ED BF BF" },
		{ "\xF4\x90\x80\x80", 4, -1, 0xDEADBEEF, "above U+10FFFF F4 90 80 80" },
		{ "\xF5\x80\x80\x80", 4, -1, 0xDEADBEEF, "lead byte F5" },
		{ "\xFF", 1, -1, 0xDEADBEEF, "byte FF" },
		{ "\x80", 1, -1, 0xDEADBEEF, "lone continuation byte" },
		{ "\xE4\x41\x42", 3, -1, 0xDEADBEEF, "bad continuation E4 41" },
		{ "\xE4\xB8\x41", 3, -1, 0xDEADBEEF, "bad third byte E4 B8 41" },
		{ "\xC3\x28", 2, -1, 0xDEADBEEF, "bad continuation C3 28" },
		{ "\xC3", 1, -2, 0xDEADBEEF, "truncated 2-byte" },
		{ "\xE4\xB8", 2, -2, 0xDEADBEEF, "truncated 3-byte" },
		{ "\xF0\xA0\xAE", 3, -2, 0xDEADBEEF, "truncated 4-byte after 3" },
		{ "\xF0", 1, -2, 0xDEADBEEF, "truncated 4-byte after 1" },
		{ "\xE4\xB8\xAD", 2, -2, 0xDEADBEEF, "LEN cuts a complete sequence" },
		{ "\xE0\x80", 2, -1, 0xDEADBEEF, "invalid prefix is -1, not -2" },
		{ "\xED\xA0", 2, -1, 0xDEADBEEF, "surrogate prefix is -1, not -2" },
		{ "\xF4\x90", 2, -1, 0xDEADBEEF, "too-large prefix is -1, not -2" },
	};

	uint32_t cp;

	for (size_t i = 0; i < N_OF(cases); i++) {
		is_int(decode(cases[i].in, cases[i].len, &cp), cases[i].ret, "%s", cases[i].what);
		is_int(cp, cases[i].cp, "... code point U+%04" PRIX32 " (0xDEADBEEF: left alone)",
		       cases[i].cp);
	}
}

static void test_utf8_encode(void)
{
	char b[4];
	uint32_t cp, back;
	int n, bad = 0;

	is_int(text_utf8_encode(0x7F, b), 1, "encode U+007F");
	is_int(text_utf8_encode(0x80, b), 2, "encode U+0080");
	is_str(hex(b, 2), "C2 80", "encode U+0080 bytes");
	is_int(text_utf8_encode(0x7FF, b), 2, "encode U+07FF");
	is_int(text_utf8_encode(0x800, b), 3, "encode U+0800");
	is_int(text_utf8_encode(0xFFFF, b), 3, "encode U+FFFF");
	is_int(text_utf8_encode(0x10000, b), 4, "encode U+10000");
	is_int(text_utf8_encode(0x20BB7, b), 4, "encode U+20BB7");
	is_str(hex(b, 4), "F0 A0 AE B7", "encode 𠮷 bytes");
	is_int(text_utf8_encode(0x10FFFF, b), 4, "encode U+10FFFF");
	is_str(hex(b, 4), "F4 8F BF BF", "encode U+10FFFF bytes");
	is_int(text_utf8_encode(0xD800, b), 0, "encode surrogate D800 refused");
	is_int(text_utf8_encode(0xDFFF, b), 0, "encode surrogate DFFF refused");
	is_int(text_utf8_encode(0x110000, b), 0, "encode U+110000 refused");

	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = text_utf8_encode(cp, b);
		if (n < 1 || text_utf8_decode(b, (size_t)n, &back) != n ||
		    back != cp)
			bad++;
	}
	is_int(bad, 0, "encode/decode round trip of every scalar value");
}

static void test_utf8_valid(void)
{
	char big[1024];

	ok(text_utf8_valid("中文abc𠮷", strlen("中文abc𠮷")), "valid mixed text");
	ok(text_utf8_valid("", 0), "empty is valid");
	ok(!text_utf8_valid("a\0b", 3), "NUL byte is not valid");
	ok(!text_utf8_valid("\xC0\x80", 2), "overlong NUL is not valid");
	ok(!text_utf8_valid("\xED\xA0\x80", 3), "surrogate is not valid");
	ok(!text_utf8_valid("ab\xE4\xB8", 4), "truncated at the end is not valid");

	/* The 8-byte fast path must not skip over a bad byte. */
	memset(big, 'x', sizeof(big));
	ok(text_utf8_valid(big, sizeof(big)), "1 KB of ASCII is valid");
	big[999] = (char)0xFF;
	ok(!text_utf8_valid(big, sizeof(big)), "bad byte at 999 found");
	big[999] = 'x';
	big[517] = '\0';
	ok(!text_utf8_valid(big, sizeof(big)), "NUL at 517 found");
	big[517] = 'x';
	memcpy(big + 1021, "\xE4\xB8\xAD", 3);
	ok(text_utf8_valid(big, sizeof(big)), "ASCII then 中 at the very end");

	is_int(text_utf8_length("中文abc"), 5, "length of 中文abc");
	is_int(text_utf8_length("𠮷"), 1, "length of 𠮷");
	is_int(text_utf8_length(""), 0, "length of empty string");
	is_int(text_utf8_length("a\xFF b"), 4, "invalid byte counts as one");
}

static void test_cp_width(void)
{
	/* a code point, its columns with ambiguous characters narrow (-1:
	 * not printable) */
	static const struct {
		uint32_t cp;
		int width;
		const char *what;
	} widths[] = {
		{ 'A', 1, "width of A" },
		{ 0xE9, 1, "width of é" },
		{ 0x4E2D, 2, "width of 中" },
		{ 0xFF21, 2, "width of full-width Ａ" },
		{ 0x3000, 2, "width of ideographic space" },
		{ 0x0301, 0, "width of combining acute" },
		{ 0xAC00, 2, "width of Hangul 가" },
		{ 0x1160, 0, "width of Hangul medial jamo" },
		{ 0x3400, 2, "width of Ext A 㐀" },
		{ 0x20BB7, 2, "width of Ext B 𠮷" },
		{ 0x30000, 2, "width of Ext G 𰀀" },
		{ 0x31350, 2, "width of Ext H U+31350" },
		{ 0x2A6E0, 2, "unassigned plane-2 point is wide" },
		{ 0x1F600, 2, "width of emoji 😀" },
		{ 0x200B, 0, "width of zero-width space" },
		{ 0x00AD, 1, "width of soft hyphen" },
		{ 0xFFFD, 1, "width of U+FFFD" },
		{ 0x241B, 1, "width of ␛" },
		{ 0x2424, 1, "width of ␤" },
		{ 0, -1, "width of NUL" },
		{ 0x1B, -1, "width of ESC" },
		{ 0x7F, -1, "width of DEL" },
		{ 0x85, -1, "width of C1 NEL" },
		{ 0xD800, -1, "width of a surrogate" },
		{ 0x110000, -1, "width beyond U+10FFFF" },
	};
	static const uint32_t ambiguous[] = {
		0x201C, 0x00B7, 0x2026, 0x2460, 0x25CB, 0x00D7, 0x2500, 0x2014,
	};

	size_t i;

	text_set_ambiguous_width(1);
	is_int(text_ambiguous_width(), 1, "ambiguous width default 1");
	for (i = 0; i < N_OF(widths); i++)
		is_int(text_cp_width(widths[i].cp), widths[i].width, "%s", widths[i].what);
	for (i = 0; i < sizeof(ambiguous) / sizeof(ambiguous[0]); i++)
		is_int(text_cp_width(ambiguous[i]), 1,
		       "ambiguous U+%04" PRIX32 " narrow", ambiguous[i]);

	text_set_ambiguous_width(2);
	is_int(text_ambiguous_width(), 2, "ambiguous width set to 2");
	for (i = 0; i < sizeof(ambiguous) / sizeof(ambiguous[0]); i++)
		is_int(text_cp_width(ambiguous[i]), 2,
		       "ambiguous U+%04" PRIX32 " wide", ambiguous[i]);
	is_int(text_cp_width(0x4E2D), 2, "中 stays 2 when ambiguous is wide");
	is_int(text_cp_width('A'), 1, "A stays 1 when ambiguous is wide");
	is_int(text_cp_width(0x0301), 0, "ambiguous combining mark stays 0");
	text_set_ambiguous_width(7);
	is_int(text_ambiguous_width(), 2, "ambiguous width above 2 is 2");
	text_set_ambiguous_width(0);
	is_int(text_ambiguous_width(), 1, "ambiguous width below 1 is 1");
}

/* Our widths against glibc's wcwidth() in a UTF-8 locale, which tmux and
 * ncurses use.  Code points glibc does not know (unassigned in its Unicode
 * version) are skipped. */
static void test_width_vs_glibc(void)
{
	static const uint32_t sample[] = {
		0x4E2D, 0x9FA5, 0xFF21, 0xFF5E, 'A', 0xE9, 0x0301, 0x20BB7,
		0x3400, 0xAC00, 0x1160, 0x1F600, 0x200B, 0x00AD, 0x3248, 0x4DC0,
		0x0600, 0x201C, 0x2026,
	};

	uint32_t cp, first = 0;
	size_t i;
	int g, mismatches = 0, unknown = 0;

	if (!setlocale(LC_CTYPE, "C.UTF-8")) {
		ok(0, "C.UTF-8 locale available for the wcwidth comparison");
		return;
	}
	text_set_ambiguous_width(1);
	for (i = 0; i < sizeof(sample) / sizeof(sample[0]); i++)
		is_int(text_cp_width(sample[i]), wcwidth((wchar_t)sample[i]),
		       "U+%04" PRIX32 " agrees with glibc", sample[i]);
	if (wcwidth(0x30000) >= 0)
		is_int(text_cp_width(0x30000), wcwidth(0x30000),
		       "Ext G U+30000 agrees with glibc");
	for (cp = 1; cp <= 0x10FFFF; cp++) {
		g = wcwidth((wchar_t)cp);
		if (g < 0 && text_cp_width(cp) >= 0) {
			unknown++;
			continue;
		}
		if (g != text_cp_width(cp) && mismatches++ == 0)
			first = cp;
	}
	is_int(mismatches, 0, "every code point glibc knows agrees");
	if (mismatches)
		tap_diag("first mismatch U+%04" PRIX32, first);
	tap_diag("%d code points glibc does not know were skipped", unknown);
	setlocale(LC_CTYPE, "C");
}

static void test_width(void)
{
	int used;

	text_set_ambiguous_width(1);
	is_int(text_width("中文abc"), 7, "width of 中文abc");
	is_int(text_width(""), 0, "width of empty string");
	is_int(text_width("a\x1b[2Jb"), 6, "ESC counts as ␛");
	is_int(text_width("\xFF"), 1, "invalid byte counts as U+FFFD");
	is_int(text_width("\xE0\x80\x80"), 3, "three U+FFFD for E0 80 80");
	is_int(text_width("e\xCC\x81"), 1, "e + combining acute");
	is_int(text_width("\t"), 1, "tab counts as one space");
	is_int(text_width("a\nb"), 3, "newline counts as ␤");
	is_int(text_width("阿依·买买提"), 11, "middle dot narrow");
	is_int(text_width("张𠮷"), 4, "rare character is wide");
	text_set_ambiguous_width(2);
	is_int(text_width("阿依·买买提"), 12, "middle dot wide");
	is_int(text_width("“引号”"), 8, "quotes wide");
	text_set_ambiguous_width(1);

	is_int(text_fit("中文abc", 3, &used), 3, "fit 3 columns: 中 only");
	is_int(used, 2, "fit 3 columns uses 2");
	is_int(text_fit("中文abc", 4, &used), 6, "fit 4 columns: 中文");
	is_int(used, 4, "fit 4 columns uses 4");
	is_int(text_fit("中文abc", 5, &used), 7, "fit 5 columns");
	is_int(used, 5, "fit 5 columns uses 5");
	is_int(text_fit("abc", 10, &used), 3, "fit whole string");
	is_int(used, 3, "fit whole string width");
	is_int(text_fit("中", 1, &used), 0, "wide character does not fit 1 column");
	is_int(used, 0, "nothing used");
	is_int(text_fit("中", 0, NULL), 0, "fit 0 columns");
	is_int(text_fit("e\xCC\x81x", 1, &used), 3, "combining mark stays with its base");
	is_int(text_fit("a\x1b", 2, &used), 2, "ESC fits as one column");
	is_int(text_fit("𠮷a", 2, &used), 4, "4-byte character fits whole");
	is_int(text_fit("“x", 1, NULL), 3, "ambiguous fits 1 column when narrow");
	text_set_ambiguous_width(2);
	is_int(text_fit("“x", 1, NULL), 0, "ambiguous does not fit 1 column when wide");
	text_set_ambiguous_width(1);
}

/* text_pad() into a buffer of exactly OUTSZ bytes (ASan sees overruns). */
static const char *pad(const char *s, int cols, bool right, bool ell,
                       size_t outsz, size_t *ret)
{
	static char result[512];
	char *buf = malloc(outsz ? outsz : 1);
	size_t n = text_pad(buf, outsz, s, cols, right, ell);

	if (ret)
		*ret = n;
	if (outsz)
		snprintf(result, sizeof(result), "%s", buf);
	else
		strcpy(result, "(untouched)");
	free(buf);
	return result;
}

/* One case of the exhaustive text_pad() check: the result is valid UTF-8
 * within the buffer, never wider than COLS, exactly COLS when the buffer
 * has room for that many spaces, and its content (between the padding
 * and the ellipsis) a prefix of the shown string SHOWN. */
static void pad_check(const char *s, const char *shown, int cols, bool right,
                      bool ell, size_t outsz, int *badw, int *bad)
{
	size_t n, m;
	const char *r = pad(s, cols, right, ell, outsz, &n), *c = r, *e;
	int w;

	m = strlen(r);
	w = text_width(r);
	if (n != m || m >= outsz || !text_utf8_valid(r, m) || w > cols ||
	    (outsz > (size_t)cols && w != cols))
		(*badw)++;
	while (*c == ' ')
		c++;
	m = strcspn(c, " ");
	e = strstr(c, "…");
	if (e && (size_t)(e - c) < m)
		m = (size_t)(e - c);
	if (strncmp(c, shown, m) != 0)
		(*bad)++;
}

/* text_pad() of S into COLS columns (RIGHT aligned, with an ELLipsis),
 * into a buffer of OUTSZ bytes, ambiguous characters AMB columns wide:
 * the text it leaves and the bytes it writes. */
struct pad_case {
	int amb;
	const char *s;
	int cols;
	bool right, ell;
	size_t outsz;
	const char *want;
	int bytes;
	const char *what;
};

static const struct pad_case pad_cases[] = {
	{ 1, "中文字", 5, false, false, 64, "中文 ", 7, "straddling wide character becomes a space" },
	{ 1, "中文字", 5, false, true, 64, "中文…", 9, "ellipsis narrow, 5 columns" },
	{ 1, "中文字", 4, false, true, 64, "中… ", 7, "ellipsis narrow, 4 columns" },
	{ 1, "中文字", 6, false, true, 64, "中文字", 9, "exact fit needs no ellipsis" },
	{ 1, "abcd", 3, false, true, 64, "ab…", 5, "ASCII ellipsis" },
	{ 1, "ab", 5, false, false, 64, "ab   ", 5, "left padding" },
	{ 1, "ab", 5, true, false, 64, "   ab", 5, "right padding" },
	{ 1, "中", 3, true, false, 64, " 中", 4, "right padding wide" },
	{ 1, "中文字", 5, true, false, 64, " 中文", 7, "right aligned cut" },
	{ 1, "中文字", 5, true, true, 64, "中文…", 9, "right aligned ellipsis" },
	{ 1, "中文字", 4, true, true, 64, " 中…", 7, "right aligned ellipsis with a gap" },
	{ 1, "", 3, false, false, 64, "   ", 3, "empty string padded" },
	{ 1, "abc", 0, false, true, 64, "", 0, "zero columns" },
	{ 1, "a\x1b[1mb", 8, false, false, 64, "a␛[1mb  ", 10, "control shown as its picture" },
	{ 1, "e\xCC\x81xyz", 2, false, false, 64, "e\xCC\x81x", 4, "combining mark kept with its base" },
	{ 2, "中文字", 5, false, true, 64, "中… ", 7, "ellipsis wide, 5 columns" },
	{ 2, "中文字", 4, false, true, 64, "中…", 6, "ellipsis wide, 4 columns" },
	{ 2, "abc", 2, false, true, 64, "…", 3, "wide ellipsis alone in 2 columns" },
	{ 2, "abc", 1, false, true, 64, "a", 1, "wide ellipsis cannot fit 1 column" },
	{ 2, "·a", 2, false, false, 64, "·", 2, "wide middle dot" },
	{ 1, "中文", 4, false, false, 6, "中  ", 5, "6-byte buffer" },
	{ 1, "中文", 4, false, false, 4, "   ", 3, "4-byte buffer: spaces only" },
	{ 1, "中文字", 4, false, true, 8, "中… ", 7, "8-byte buffer keeps ellipsis" },
	{ 1, "中文", 4, false, true, 6, "中  ", 5, "6-byte buffer: no room for the ellipsis" },
	{ 1, "abc", 3, false, false, 1, "", 0, "1-byte buffer" },
	{ 1, "abc", 3, false, false, 0, "(untouched)", 0, "0-byte buffer" },
	{ 1, "a\xFF" "b", 4, false, false, 64, "a\xEF\xBF\xBD" "b ", 6, "invalid byte shown as U+FFFD" },
	{ 2, "·a", 1, false, false, 64, " ", 1, "wide middle dot straddles 1 column" },
};

static void test_pad(void)
{
	static const char *const strs[] = {
		"中文字", "abc", "a中b文c", "𠮷𠮷x", "“引”", "e\xCC\x81\xCC\x81z",
		"a\x1b[1mb", "\xFF\xFE中", "", "阿依·买买提",
	};
	size_t n, i, outsz;
	int cols, amb, k, bad = 0, badw = 0;

	for (i = 0; i < N_OF(pad_cases); i++) {
		const struct pad_case *c = &pad_cases[i];

		text_set_ambiguous_width(c->amb);
		is_str(pad(c->s, c->cols, c->right, c->ell, c->outsz, &n), c->want, "%s", c->what);
		is_int(n, c->bytes, "... %d bytes written", c->bytes);
	}
	text_set_ambiguous_width(1);

	/* Every string, width, alignment, ellipsis and buffer size. */
	for (amb = 1; amb <= 2; amb++) {
		text_set_ambiguous_width(amb);
		for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
			char *shown = text_sanitize(strs[i]);

			for (cols = 0; cols <= 14; cols++)
				for (outsz = 1; outsz <= 48; outsz++)
					for (k = 0; k < 4; k++)
						pad_check(strs[i], shown, cols, k & 1,
						          k & 2, outsz, &badw, &bad);
			free(shown);
		}
	}
	text_set_ambiguous_width(1);
	is_int(badw, 0, "text_pad: size, validity and width in every case");
	is_int(bad, 0, "text_pad: content is a prefix of the shown string");
}

static void test_encoding_names(void)
{
	static const struct {
		const char *name;
		enum text_encoding enc;
		const char *what;
	} cases[] = {
		{ "utf-8", TEXT_ENC_UTF8, "parse utf-8" },
		{ "UTF8", TEXT_ENC_UTF8, "parse UTF8" },
		{ "Utf-8-BOM", TEXT_ENC_UTF8_BOM, "parse Utf-8-BOM" },
		{ "utf8-bom", TEXT_ENC_UTF8_BOM, "parse utf8-bom" },
		{ "utf-16", TEXT_ENC_UTF16LE, "parse utf-16" },
		{ "UTF-16LE", TEXT_ENC_UTF16LE, "parse UTF-16LE" },
		{ "utf-16be", TEXT_ENC_UTF16BE, "parse utf-16be" },
		{ "GB18030", TEXT_ENC_GB18030, "parse GB18030" },
		{ "gb2312", TEXT_ENC_GB18030, "parse gb2312" },
		{ "gbk", TEXT_ENC_GBK, "parse gbk" },
		{ "CP936", TEXT_ENC_GBK, "parse CP936" },
		{ "auto", TEXT_ENC_UNKNOWN, "parse auto" },
		{ "latin1", TEXT_ENC_UNKNOWN, "parse latin1" },
		{ "", TEXT_ENC_UNKNOWN, "parse empty" },
	};

	is_str(text_encoding_name(TEXT_ENC_UTF8), "UTF-8", "name UTF-8");
	is_str(text_encoding_name(TEXT_ENC_UTF8_BOM), "UTF-8", "name UTF-8 BOM");
	is_str(text_encoding_name(TEXT_ENC_UTF16LE), "UTF-16LE", "name UTF-16LE");
	is_str(text_encoding_name(TEXT_ENC_UTF16BE), "UTF-16BE", "name UTF-16BE");
	is_str(text_encoding_name(TEXT_ENC_GB18030), "GB18030", "name GB18030");
	is_str(text_encoding_name(TEXT_ENC_GBK), "GBK", "name GBK");
	is_str(text_encoding_name(TEXT_ENC_UNKNOWN), NULL, "name of unknown");

	for (size_t i = 0; i < N_OF(cases); i++)
		is_int(text_encoding_parse(cases[i].name), cases[i].enc, "%s", cases[i].what);
}

/* Convert and return the result as hex, or "ERR@offset reason". */
static const char *conv(const char *from, const char *to, const char *in,
                        size_t len)
{
	static char s[4][300];
	static int k;
	char *r = s[k = (k + 1) % 4], *out = (char *)1;
	size_t outlen = 99;
	struct text_error err = { 0, NULL };

	if (text_convert(from, to, in, len, &out, &outlen, &err) < 0) {
		snprintf(r, sizeof(s[0]), "ERR@%zu %s%s", err.offset,
		         err.reason ? err.reason : "(null)",
		         out == NULL && outlen == 0 ? "" : " (out not reset)");
		return r;
	}
	snprintf(r, sizeof(s[0]), "%s", hex(out, outlen));
	if (out[outlen] != '\0')
		strcat(r, " (not terminated)");
	free(out);
	return r;
}

static void test_convert(void)
{
	static const struct {
		const char *from;
		const char *to;
		const char *in;
		size_t len;
		const char *want;
		const char *what;
	} cases[] = {
		{ "UTF-8", "GB18030", "中文", 6, "D6 D0 CE C4", "中文 to GB18030" },
		{ "UTF-8", "GB18030", "𠮷", 4, "95 34 B2 35", "𠮷 to GB18030" },
		{ "GB18030", "UTF-8", "\x95\x34\xB2\x35", 4, "F0 A0 AE B7", "𠮷 from GB18030" },
		{ "GB18030", "UTF-8", "\x95\x32\x82\x36", 4, "F0 A0 80 80", "95 32 82 36 is U+20000, the first of Ext B" },
		{ "UTF-8", "GB18030", "\xF4\x8F\xBF\xBF", 4, "E3 32 9A 35", "U+10FFFF to GB18030" },
		{ "UTF-8", "GB18030", "\xE2\x82\xAC", 3, "A2 E3", "€ to GB18030" },
		{ "UTF-8", "GBK", "张", 3, "D5 C5", "张 to GBK" },
		{ "UTF-8", "GBK", "𠮷", 4, "ERR@0 character cannot be represented in the target encoding", "𠮷 not in GBK" },
		{ "UTF-8", "GBK", "ab𠮷", 6, "ERR@2 character cannot be represented in the target encoding", "GBK error offset" },
		{ "UTF-8", "GB18030", "a\xFF" "b", 3, "ERR@1 invalid byte sequence", "invalid UTF-8 input is not 'unrepresentable'" },
		{ "UTF-8", "GB18030", "\xC0\x80", 2, "ERR@0 invalid byte sequence", "overlong UTF-8 refused by iconv" },
		{ "UTF-8", "GB18030", "\xED\xA0\x80", 3, "ERR@0 invalid byte sequence", "surrogate UTF-8 refused by iconv" },
		{ "UTF-8", "GB18030", "ab\xE4\xB8", 4, "ERR@2 incomplete character at the end", "cut UTF-8 at the end" },
		{ "GB18030", "UTF-8", "\x81", 1, "ERR@0 incomplete character at the end", "lone 0x81 at the end" },
		{ "GB18030", "UTF-8", "ab\x95\x32\x82", 5, "ERR@2 incomplete character at the end", "cut 4-byte GB18030" },
		{ "GB18030", "UTF-8", "\x81\x20", 2, "ERR@0 invalid byte sequence", "0x81 0x20 is invalid" },
		{ "GB18030", "UTF-8", "\xD6\xD0\x81\x20", 4, "ERR@2 invalid byte sequence", "GB18030 error offset" },
		{ "GB18030", "UTF-8", "\xFF", 1, "ERR@0 invalid byte sequence", "0xFF is invalid GB18030" },
		{ "UTF-8", "UTF-16LE", "中a", 4, "2D 4E 61 00", "to UTF-16LE" },
		{ "UTF-8", "UTF-16BE", "中a", 4, "4E 2D 00 61", "to UTF-16BE" },
		{ "UTF-8", "UTF-16LE", "𠮷", 4, "42 D8 B7 DF", "surrogate pair LE" },
		{ "UTF-16LE", "UTF-8", "\x42\xD8\xB7\xDF", 4, "F0 A0 AE B7", "surrogate pair from LE" },
		{ "UTF-8", "NO-SUCH-ENCODING", "a", 1, "ERR@0 unsupported encoding", "unknown iconv name" },
		{ NULL, "UTF-8", "a", 1, "ERR@0 unsupported encoding", "NULL encoding name" },
		{ "UTF-8", "GB18030", "", 0, "", "empty input converts" },
		{ "UTF-8", "GB18030", NULL, 0, "", "NULL empty input converts" },
		{ "UTF-8", "GB18030", "a\0b", 3, "61 00 62", "text_convert keeps NUL bytes" },
	};

	for (size_t i = 0; i < N_OF(cases); i++)
		is_str(conv(cases[i].from, cases[i].to, cases[i].in, cases[i].len), cases[i].want,
		       "%s", cases[i].what);
	/* Four-byte GB18030 for U+10000 and up: linear index cp - 0x10000
	 * from 90 30 81 30; bytes 0x81-0xFE, 0x30-0x39, 0x81-0xFE, 0x30-0x39. */

	ok(text_representable("张三", "GBK"), "张三 representable in GBK");
	ok(!text_representable("张𠮷", "GBK"), "𠮷 not representable in GBK");
	ok(text_representable("张𠮷", "GB18030"), "𠮷 representable in GB18030");
	ok(!text_representable("\xFF", "GB18030"), "invalid UTF-8 not representable");
	ok(text_representable("", "GBK"), "empty string representable");
}

static size_t append(char *buf, size_t n, const char *s)
{
	memcpy(buf + n, s, strlen(s));
	return n + strlen(s);
}

/* Every Unicode scalar value through GB18030 and back.  glibc cannot map a
 * few private-use code points (NOTES.md: 24); find them and leave out only
 * those. */
static void test_gb18030_roundtrip(void)
{
	size_t cap = 5u << 20, n = 0, off, glen, blen;
	char *all = malloc(cap), *gb, *back;
	uint32_t cp, skipped[64];
	struct text_error err;
	int nskip = 0, pua = 1, reasons = 1;

	for (cp = 0; cp <= 0x10FFFF; cp++)
		if (cp < 0xD800 || cp > 0xDFFF)
			n += (size_t)text_utf8_encode(cp, all + n);
	off = 0;
	while (nskip < 64) {
		char *tmp;
		int len;

		if (text_convert("UTF-8", "GB18030", all + off, n - off, &tmp,
		                 NULL, &err) == 0) {
			free(tmp);
			break;
		}
		off += err.offset;
		len = text_utf8_decode(all + off, n - off, &cp);
		if (len <= 0)
			break;
		skipped[nskip++] = cp;
		if (cp < 0xE000 || cp > 0xF8FF)
			pua = 0;
		if (strcmp(err.reason,
		           "character cannot be represented in the target encoding"))
			reasons = 0;
		memmove(all + off, all + off + len, n - off - (size_t)len);
		n -= (size_t)len;
	}
	ok(nskip <= 24, "at most 24 code points without GB18030 mapping (%d)", nskip);
	ok(pua, "all of them private use");
	ok(reasons, "all reported as not representable");
	if (nskip > 0)
		tap_diag("first U+%04" PRIX32 ", last U+%04" PRIX32, skipped[0],
		         skipped[nskip - 1]);
	ok(text_convert("UTF-8", "GB18030", all, n, &gb, &glen, NULL) == 0,
	   "all other scalar values convert to GB18030");
	ok(text_convert("GB18030", "UTF-8", gb, glen, &back, &blen, NULL) == 0,
	   "and back");
	ok(blen == n && memcmp(back, all, n) == 0, "round trip is exact");
	free(gb);
	free(back);
	free(all);
}

/* A 20 MB file in a single conversion, both ways, and detection of it. */
static void test_big(void)
{
	static const char line[] =
		"张三丰,男,110105199001011234,13800138000,北京市朝阳区𠮷,\"备注\"\r\n";
	size_t size = 20u << 20, n = 0, glen, blen;
	char *utf = malloc(size + sizeof(line)), *gb, *back;
	clock_t t0;

	while (n < size)
		n = append(utf, n, line);
	t0 = clock();
	ok(text_convert("UTF-8", "GB18030", utf, n, &gb, &glen, NULL) == 0,
	   "20 MB to GB18030");
	is_int(text_detect(gb, glen, true), TEXT_ENC_GB18030, "20 MB detected GB18030");
	is_int(text_detect(gb, 65536, false), TEXT_ENC_GB18030,
	       "64 KB prefix detected GB18030");
	ok(text_to_utf8(TEXT_ENC_UNKNOWN, gb, glen, &back, &blen, NULL) == 0,
	   "20 MB detected and converted to UTF-8");
	ok(blen == n && memcmp(back, utf, n) == 0, "20 MB round trip exact");
	tap_diag("20 MB: convert, detect, convert back: %.2f s",
	         (double)(clock() - t0) / CLOCKS_PER_SEC);
	is_int(text_detect(utf, n, true), TEXT_ENC_UTF8, "20 MB detected UTF-8");
	free(gb);
	free(back);
	free(utf);
}

/* text_to_utf8 as "hex" or "ERR@offset reason". */
static const char *to8(enum text_encoding enc, const char *in, size_t len)
{
	static char s[4][300];
	static int k;
	char *r = s[k = (k + 1) % 4], *out;
	size_t outlen;
	struct text_error err = { 0, NULL };

	if (text_to_utf8(enc, in, len, &out, &outlen, &err) < 0) {
		snprintf(r, sizeof(s[0]), "ERR@%zu %s%s", err.offset, err.reason,
		         out ? " (out not NULL)" : "");
		return r;
	}
	snprintf(r, sizeof(s[0]), "%s", out);
	if (strlen(out) != outlen)
		strcat(r, " (bad length)");
	free(out);
	return r;
}

static void test_to_utf8(void)
{
	static const struct {
		enum text_encoding enc;
		const char *in;
		size_t len;
		const char *want, *what;
	} cases[] = {
		{ TEXT_ENC_UTF8_BOM, "\xEF\xBB\xBF中", 6, "中", "UTF-8 BOM dropped" },
		{ TEXT_ENC_UTF8, "\xEF\xBB\xBF中", 6, "中", "BOM dropped for UTF-8 too" },
		{ TEXT_ENC_UTF8, "中文", 6, "中文", "UTF-8 copied" },
		{ TEXT_ENC_UTF8, "ab\xC0\x80", 4, "ERR@2 invalid byte sequence", "UTF-8 overlong refused" },
		{ TEXT_ENC_UTF8, "ab\xE4\xB8", 4, "ERR@2 incomplete character at the end", "UTF-8 cut at the end" },
		{ TEXT_ENC_UTF8, "ab\0c", 4, "ERR@2 the text contains a NUL byte", "NUL refused in UTF-8" },
		{ TEXT_ENC_UTF16LE, "\xFF\xFE\x2D\x4E\x61\x00", 6, "中a", "UTF-16LE with BOM" },
		{ TEXT_ENC_UTF16BE, "\xFE\xFF\x4E\x2D\x00\x61", 6, "中a", "UTF-16BE with BOM" },
		{ TEXT_ENC_UTF16LE, "\xFE\xFF\x4E\x2D\x00\x61", 6, "中a", "BE BOM wins over a LE guess" },
		{ TEXT_ENC_UTF16LE, "\xFF\xFE\x42\xD8\xB7\xDF", 6, "𠮷", "UTF-16LE surrogate pair" },
		{ TEXT_ENC_UTF16LE, "\xFF\xFE\x2D\x4E\x00\xD8\x61\x00", 8, "ERR@4 invalid byte sequence", "lone surrogate, offset with BOM" },
		{ TEXT_ENC_UTF16LE, "\xFF\xFE\x2D\x4E\x61", 5, "ERR@4 incomplete character at the end", "odd UTF-16 length" },
		{ TEXT_ENC_UTF16LE, "\xFF\xFE\x61\x00\x00\x00", 6, "ERR@4 the text contains a NUL byte", "NUL refused in UTF-16" },
		{ TEXT_ENC_GB18030, "\xD6\xD0\xCE\xC4", 4, "中文", "GB18030" },
		{ TEXT_ENC_GB18030, "\x84\x31\x95\x33\xD6\xD0", 6, "中", "GB18030 BOM dropped" },
		{ TEXT_ENC_GB18030, "\xD6\xD0\x81\x20", 4, "ERR@2 invalid byte sequence", "GB18030 error offset" },
		{ TEXT_ENC_GB18030, "a\0\xD6\xD0", 4, "ERR@1 the text contains a NUL byte", "NUL refused in GB18030" },
		{ TEXT_ENC_GBK, "\xD5\xC5", 2, "张", "GBK" },
		{ TEXT_ENC_UNKNOWN, "\x80\x80\x80", 3, "ERR@0 the encoding could not be recognized", "UNKNOWN undetectable" },
		{ TEXT_ENC_UTF8, "", 0, "", "empty input" },
		{ TEXT_ENC_UTF8, NULL, 0, "", "NULL empty input as UTF-8" },
		{ TEXT_ENC_GB18030, NULL, 0, "", "NULL empty input as GB18030" },
		{ TEXT_ENC_UTF8_BOM, "\xEF\xBB\xBF" "a\xFF", 5, "ERR@4 invalid byte sequence", "offset counts the BOM" },
		{ TEXT_ENC_UNKNOWN, "\xD5\xC5\xC8\xFD\xB7\xE1\xC0\xEE\xCB\xC4" "\xCD\xF5\xCE\xE5\xD5\xD4\xC1\xF9", 18, "张三丰李四王五赵六", "UNKNOWN detects GB18030" },
	};

	for (size_t i = 0; i < N_OF(cases); i++)
		is_str(to8(cases[i].enc, cases[i].in, cases[i].len), cases[i].want, "%s", cases[i].what);
}

/* 张三丰李四王五赵六 in UTF-8 and in GB18030: 9 characters. */
#define U "张三丰李四王五赵六"
#define GB9 "\xD5\xC5\xC8\xFD\xB7\xE1\xC0\xEE\xCB\xC4\xCD\xF5\xCE\xE5\xD5\xD4\xC1\xF9"
#define GB4 "\xD5\xC5\x95\x34\xB2\x35"   /* 张𠮷 */
#define JUNK "\x80\xFF\x01\x02\x8F\x00\xFE\x10\x00\xFF"

static void test_detect(void)
{
	static const struct {
		const char *in;
		size_t len;
		bool whole;
		enum text_encoding want;
		const char *what;
	} cases[] = {
		{ "", 0, true, TEXT_ENC_UTF8, "empty is UTF-8" },
		{ NULL, 0, false, TEXT_ENC_UTF8, "NULL empty is UTF-8" },
		{ "name,phone\r\n", 12, true, TEXT_ENC_UTF8, "ASCII is UTF-8" },
		{ U, sizeof(U) - 1, true, TEXT_ENC_UTF8, "UTF-8 text" },
		{ "\xEF\xBB\xBF" "a", 4, true, TEXT_ENC_UTF8_BOM, "UTF-8 BOM" },
		{ "\xFF\xFE" "a\0", 4, true, TEXT_ENC_UTF16LE, "UTF-16LE BOM" },
		{ "\xFE\xFF\0a", 4, true, TEXT_ENC_UTF16BE, "UTF-16BE BOM" },
		{ GB9, sizeof(GB9) - 1, true, TEXT_ENC_GB18030, "GB18030 text of 9 characters" },
		{ GB4, sizeof(GB4) - 1, true, TEXT_ENC_GB18030, "GB18030 with a 4-byte sequence" },
		{ JUNK, sizeof(JUNK) - 1, true, TEXT_ENC_UNKNOWN, "binary junk" },
		{ "\x80\x80\x80\x80", 4, true, TEXT_ENC_UNKNOWN, "0x80 bytes are neither" },
		{ "ab\0cd", 5, true, TEXT_ENC_UNKNOWN, "NUL byte means binary" },
		{ U, sizeof(U) - 2, false, TEXT_ENC_UTF8, "UTF-8 prefix cut inside a character" },
		{ U, sizeof(U) - 3, false, TEXT_ENC_UTF8, "UTF-8 prefix cut after a lead byte" },
		/* Cut by one byte, these 26 bytes happen to be 13 valid GB18030
		 * pairs; cut by two, an odd lead byte is left over. */
		{ U, sizeof(U) - 2, true, TEXT_ENC_GB18030, "cut UTF-8 as a whole file pairs up as GB18030" },
		{ U, sizeof(U) - 3, true, TEXT_ENC_UNKNOWN, "cut UTF-8 as a whole file with an odd byte" },
		{ GB9, sizeof(GB9) - 2, false, TEXT_ENC_GB18030, "GB18030 prefix cut inside a character" },
		{ GB9, sizeof(GB9) - 2, true, TEXT_ENC_UNKNOWN, "cut GB18030 as a whole file" },
		{ GB4, sizeof(GB4) - 2, false, TEXT_ENC_GB18030,
		  "GB18030 prefix cut inside a 4-byte sequence" },
	};

	for (size_t i = 0; i < N_OF(cases); i++)
		is_int(text_detect(cases[i].in, cases[i].len, cases[i].whole), cases[i].want,
		       "%s", cases[i].what);
}

static void check_sanitize(const char *in, const char *want, const char *what)
{
	char *s = text_sanitize(in);

	is_str(s, want, "sanitize %s", what);
	free(s);
}

static void test_sanitize(void)
{
	static const struct in_want_what cases[] = {
		{ "\xC2\x9B" "2J", "\xEF\xBF\xBD" "2J", "C1 CSI" },
		{ "ab\xE2\x80\xAE" "cd", "ab\xEF\xBF\xBD" "cd", "RLO" },
		{ "a\xFF" "b", "a\xEF\xBF\xBD" "b", "invalid byte" },
		{ "\xE4\xB8" "a", "\xEF\xBF\xBD" "a", "cut sequence before ASCII" },
		{ "\xC2\x9D" "52;c;x\xC2\x9C", "\xEF\xBF\xBD" "52;c;x\xEF\xBF\xBD", "OSC 52 in C1 form" },
		{ "a\xE2\x80\xA8" "b", "a\xEF\xBF\xBD" "b", "line separator" },
		{ "a\x1b[2Jb", "a␛[2Jb", "ESC" },
		{ "\a", "␇", "BEL" },
		{ "\x7f", "␡", "DEL" },
		{ "\x01\x1f", "␁␟", "C0 range" },
		{ "x\ty", "x y", "tab" },
		{ "a\nb", "a␤b", "newline" },
		{ "a\r\n", "a␍␤", "CRLF" },
		{ "\xC2\x85", "\xEF\xBF\xBD", "C1 NEL" },
		{ "\xE2\x81\xA6", "\xEF\xBF\xBD", "LRI" },
		{ "\xE2\x80\x8E", "\xEF\xBF\xBD", "LRM" },
		{ "\xE4\xB8", "\xEF\xBF\xBD", "cut sequence is one U+FFFD" },
		{ "\xE0\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "overlong: one U+FFFD per byte" },
		{ "中文·𠮷 e\xCC\x81", "中文·𠮷 e\xCC\x81", "ordinary text unchanged" },
		{ "", "", "empty string" },
		/* OSC 52 (set the clipboard) as an attacker stores it in a name */
		{ "\x1b]52;c;SGVsbG8=\x07张三", "␛]52;c;SGVsbG8=␇张三", "OSC 52" },
		{ "\xD8\x9C", "\xEF\xBF\xBD", "Arabic letter mark" },
		{ "一\xE2\x80\x8B组", "一\xEF\xBF\xBD组", "zero width space flagged" },
		{ "一\xE2\x80\x8D组", "一\xEF\xBF\xBD组", "ZWJ flagged" },
		{ "\xEF\xBB\xBF一组", "\xEF\xBF\xBD一组", "BOM flagged" },
		{ "一组\xF3\xA0\x80\x81\xF3\xA0\x81\x81", "一组\xEF\xBF\xBD\xEF\xBF\xBD", "tag characters flagged" },
		{ "\xEE\x80\x80", "\xEF\xBF\xBD", "private use flagged" },
		{ "\xF3\xB0\x80\x80", "\xEF\xBF\xBD", "plane 15 private use flagged" },
		{ "葛\xF3\xA0\x84\x80", "葛\xEF\xBF\xBD", "ideographic variation selector flagged" },
		{ "\xEF\xB7\x90", "\xEF\xBF\xBD", "noncharacter" },
		{ "\xEF\xBF\xBD␛", "\xEF\xBF\xBD␛", "placeholders stay as they are" },
	};

	for (size_t i = 0; i < N_OF(cases); i++)
		check_sanitize(cases[i].in, cases[i].want, cases[i].what);

	/* the same, line feeds kept: the CLI's messages */
	{
		char *s = text_sanitize_lines("a\x1b[2J\nb\xE2\x80\xAE\n");

		is_str(s, "a␛[2J\nb\xEF\xBF\xBD\n", "sanitize_lines keeps LF, nothing else");
		free(s);
	}

	/* what the screens draw, one character at a time */
	{
		static const char in[] = "\x1b\xC2\x9B\xE2\x80\x8B中\xFF";
		uint32_t cp[5];
		size_t n[5], off = 0;

		for (int i = 0; i < 5; i++) {
			n[i] = text_shown_next(in + off, strlen(in) - off, &cp[i]);
			off += n[i];
		}
		ok(cp[0] == 0x241B && n[0] == 1, "shown: ESC as ␛");
		ok(cp[1] == 0xFFFD && n[1] == 2, "shown: C1 CSI as U+FFFD");
		ok(cp[2] == 0xFFFD && n[2] == 3, "shown: zero width space as U+FFFD");
		ok(cp[3] == 0x4E2D && n[3] == 3, "shown: 中 as itself");
		ok(cp[4] == 0xFFFD && n[4] == 1, "shown: a bad byte as U+FFFD");
	}
	is_int(text_width("一\xE2\x80\x8B组"), 4 + text_cp_width(0xFFFD),
	       "width counts the placeholder of a zero width space");

}

/* Whether a text holds what a field must refuse: controls of every kind,
 * not the characters that are only hidden. */
static void test_has_controls(void)
{
	static const struct {
		bool controls;
		const char *in, *what;
	} controls[] = {
		{ false, "张三 Zhang·San", "no controls in a name" },
		{ false, "", "no controls in empty string" },
		{ true, "a\x1b[2J", "escape sequence found" },
		{ true, "a\tb", "tab found" },
		{ true, "a\nb", "newline found" },
		{ true, "a\x7f", "DEL found" },
		{ true, "\xC2\x85", "C1 found" },
		{ true, "ab\xE2\x80\xAE", "bidi override found" },
		{ true, "a\xFF", "invalid byte found" },
		{ true, "a\xED\xA0\x80", "surrogate found" },
		{ true, "a\xE2\x80\xA8", "line separator found" },
		{ true, "\xEF\xBF\xBE", "noncharacter found" },
		{ false, "一\xE2\x80\x8B组", "zero width space is no control" },
		{ false, "\xEE\x80\x80", "private use is no control" },
	};

	for (size_t i = 0; i < N_OF(controls); i++)
		ok(text_has_controls(controls[i].in) == controls[i].controls, "%s", controls[i].what);
}

/* Each range of text.h's classes at both ends and just outside them:
 * what no field may hold, what names may not hold, and the plain text
 * around them (Han, Hangul, the rare characters of names). */
static const struct {
	uint32_t cp;
	enum text_class cls;
	const char *what;
} classes[] = {
	{ 0x00, TEXT_CONTROL, "NUL" },
	{ 0x07, TEXT_CONTROL, "BEL" },
	{ 0x08, TEXT_CONTROL, "BS" },
	{ 0x09, TEXT_SPACE, "TAB" },
	{ 0x0A, TEXT_SPACE, "LF" },
	{ 0x0B, TEXT_CONTROL, "VT" },
	{ 0x0C, TEXT_CONTROL, "FF" },
	{ 0x0D, TEXT_SPACE, "CR" },
	{ 0x1B, TEXT_CONTROL, "ESC" },
	{ 0x1F, TEXT_CONTROL, "US" },
	{ 0x20, TEXT_PLAIN, "space" },
	{ 0x7E, TEXT_PLAIN, "~" },
	{ 0x7F, TEXT_CONTROL, "DEL" },
	{ 0x80, TEXT_CONTROL, "C1 first (PAD)" },
	{ 0x9B, TEXT_CONTROL, "C1 CSI" },
	{ 0x9D, TEXT_CONTROL, "C1 OSC" },
	{ 0x9F, TEXT_CONTROL, "C1 last (APC)" },
	{ 0xA0, TEXT_PLAIN, "no-break space" },
	{ 0xAC, TEXT_PLAIN, "not sign" },
	{ 0xAD, TEXT_INVISIBLE, "soft hyphen" },
	{ 0xAE, TEXT_PLAIN, "registered sign" },
	{ 0xB7, TEXT_PLAIN, "middle dot" },
	{ 0x034F, TEXT_INVISIBLE, "combining grapheme joiner" },
	{ 0x061B, TEXT_PLAIN, "Arabic semicolon" },
	{ 0x061C, TEXT_BIDI, "Arabic letter mark" },
	{ 0x115F, TEXT_INVISIBLE, "Hangul choseong filler" },
	{ 0x1160, TEXT_INVISIBLE, "Hangul jungseong filler" },
	{ 0x1161, TEXT_PLAIN, "Hangul jungseong A" },
	{ 0x17B4, TEXT_INVISIBLE, "Khmer inherent vowel" },
	{ 0x180B, TEXT_VARIATION, "Mongolian FVS1" },
	{ 0x180D, TEXT_VARIATION, "Mongolian FVS3" },
	{ 0x180E, TEXT_INVISIBLE, "Mongolian vowel separator" },
	{ 0x180F, TEXT_VARIATION, "Mongolian FVS4" },
	{ 0x200A, TEXT_PLAIN, "hair space" },
	{ 0x200B, TEXT_INVISIBLE, "zero width space" },
	{ 0x200C, TEXT_INVISIBLE, "ZWNJ" },
	{ 0x200D, TEXT_INVISIBLE, "ZWJ" },
	{ 0x200E, TEXT_BIDI, "LRM" },
	{ 0x200F, TEXT_BIDI, "RLM" },
	{ 0x2010, TEXT_PLAIN, "hyphen" },
	{ 0x2027, TEXT_PLAIN, "hyphenation point" },
	{ 0x2028, TEXT_CONTROL, "line separator" },
	{ 0x2029, TEXT_CONTROL, "paragraph separator" },
	{ 0x202A, TEXT_BIDI, "LRE" },
	{ 0x202D, TEXT_BIDI, "LRO" },
	{ 0x202E, TEXT_BIDI, "RLO" },
	{ 0x202F, TEXT_PLAIN, "narrow no-break space" },
	{ 0x205F, TEXT_PLAIN, "medium mathematical space" },
	{ 0x2060, TEXT_INVISIBLE, "word joiner" },
	{ 0x2064, TEXT_INVISIBLE, "invisible plus" },
	{ 0x2065, TEXT_INVISIBLE, "reserved default ignorable" },
	{ 0x2066, TEXT_BIDI, "LRI" },
	{ 0x2069, TEXT_BIDI, "PDI" },
	{ 0x206A, TEXT_INVISIBLE, "inhibit symmetric swapping" },
	{ 0x206F, TEXT_INVISIBLE, "nominal digit shapes" },
	{ 0x2070, TEXT_PLAIN, "superscript zero" },
	{ 0x3000, TEXT_PLAIN, "ideographic space" },
	{ 0x3164, TEXT_INVISIBLE, "Hangul filler" },
	{ 0x4E2D, TEXT_PLAIN, "中" },
	{ 0xAC00, TEXT_PLAIN, "Hangul syllable" },
	{ 0xE000, TEXT_PRIVATE, "private use first" },
	{ 0xF8FF, TEXT_PRIVATE, "private use last" },
	{ 0xF900, TEXT_PLAIN, "CJK compatibility ideograph" },
	{ 0xFDCF, TEXT_PLAIN, "before the noncharacters" },
	{ 0xFDD0, TEXT_NONCHAR, "noncharacter first" },
	{ 0xFDEF, TEXT_NONCHAR, "noncharacter last" },
	{ 0xFDF0, TEXT_PLAIN, "after the noncharacters" },
	{ 0xFDFF, TEXT_PLAIN, "before VS1" },
	{ 0xFE00, TEXT_VARIATION, "VS1" },
	{ 0xFE0F, TEXT_VARIATION, "VS16" },
	{ 0xFE10, TEXT_PLAIN, "presentation form comma" },
	{ 0xFEFE, TEXT_PLAIN, "before BOM" },
	{ 0xFEFF, TEXT_INVISIBLE, "BOM" },
	{ 0xFF0C, TEXT_PLAIN, "full-width comma" },
	{ 0xFFA0, TEXT_INVISIBLE, "halfwidth Hangul filler" },
	{ 0xFFEF, TEXT_PLAIN, "before the specials" },
	{ 0xFFF0, TEXT_INVISIBLE, "reserved default ignorable" },
	{ 0xFFF9, TEXT_INVISIBLE, "interlinear annotation anchor" },
	{ 0xFFFB, TEXT_INVISIBLE, "interlinear annotation terminator" },
	{ 0xFFFC, TEXT_PLAIN, "object replacement" },
	{ 0xFFFD, TEXT_PLAIN, "replacement character" },
	{ 0xFFFE, TEXT_NONCHAR, "U+FFFE" },
	{ 0xFFFF, TEXT_NONCHAR, "U+FFFF" },
	{ 0x1BCA0, TEXT_INVISIBLE, "shorthand format control" },
	{ 0x1D173, TEXT_INVISIBLE, "musical begin beam" },
	{ 0x1D17A, TEXT_INVISIBLE, "musical end phrase" },
	{ 0x1D17B, TEXT_PLAIN, "musical accent" },
	{ 0x1FFFE, TEXT_NONCHAR, "plane 1 noncharacter" },
	{ 0x20BB7, TEXT_PLAIN, "𠮷 (Extension B)" },
	{ 0x2FFFF, TEXT_NONCHAR, "plane 2 noncharacter" },
	{ 0x31350, TEXT_PLAIN, "Extension H" },
	{ 0xDFFFF, TEXT_NONCHAR, "plane 13 noncharacter" },
	{ 0xE0000, TEXT_INVISIBLE, "plane 14 start" },
	{ 0xE0001, TEXT_INVISIBLE, "language tag" },
	{ 0xE0020, TEXT_INVISIBLE, "tag space" },
	{ 0xE0041, TEXT_INVISIBLE, "tag A" },
	{ 0xE007F, TEXT_INVISIBLE, "cancel tag" },
	{ 0xE00FF, TEXT_INVISIBLE, "before VS17" },
	{ 0xE0100, TEXT_VARIATION, "VS17 (ideographic variation)" },
	{ 0xE01EF, TEXT_VARIATION, "VS256" },
	{ 0xE01F0, TEXT_INVISIBLE, "after VS256" },
	{ 0xE0FFF, TEXT_INVISIBLE, "last default ignorable" },
	{ 0xE1000, TEXT_PLAIN, "plane 14, unassigned" },
	{ 0xEFFFF, TEXT_NONCHAR, "plane 14 noncharacter" },
	{ 0xF0000, TEXT_PRIVATE, "plane 15 private use" },
	{ 0xFFFFD, TEXT_PRIVATE, "plane 15 last private use" },
	{ 0xFFFFE, TEXT_NONCHAR, "plane 15 noncharacter" },
	{ 0x100000, TEXT_PRIVATE, "plane 16 private use" },
	{ 0x10FFFD, TEXT_PRIVATE, "plane 16 last private use" },
	{ 0x10FFFF, TEXT_NONCHAR, "last code point" },
};

static void test_classify(void)
{

	size_t i;
	int unsafe = 0, hidden = 0;

	for (i = 0; i < N_OF(classes); i++)
		is_int(text_classify(classes[i].cp), classes[i].cls, "U+%04" PRIX32 " %s",
		       classes[i].cp, classes[i].what);

	/* The masks: what every field refuses, what names refuse too. */
	for (i = 0; i < 9; i++) {
		unsafe += !!(TEXT_UNSAFE & TEXT_CLASS_BIT(i));
		hidden += !!(TEXT_HIDDEN & TEXT_CLASS_BIT(i));
	}
	is_int(unsafe, 4, "TEXT_UNSAFE: control, bidi, noncharacter, invalid");
	ok(!(TEXT_UNSAFE & TEXT_HIDDEN), "TEXT_HIDDEN apart from it");
	ok(TEXT_HIDDEN & TEXT_CLASS_BIT(TEXT_PRIVATE) &&
	   TEXT_HIDDEN & TEXT_CLASS_BIT(TEXT_VARIATION) &&
	   TEXT_HIDDEN & TEXT_CLASS_BIT(TEXT_INVISIBLE) && hidden == 3,
	   "TEXT_HIDDEN: invisible, variation, private use");

}

/* text_scan(): the first character of the classes asked for, and where. */
static void test_scan(void)
{
	size_t at;

	is_int(text_scan("张三", TEXT_UNSAFE | TEXT_HIDDEN, &at), TEXT_PLAIN,
	       "scan: nothing in a plain name");
	is_int(at, strlen("张三"), "... offset at the end");
	is_int(text_scan("a\x1B]52;c;SGVsbG8=\x07", TEXT_UNSAFE, &at), TEXT_CONTROL,
	       "scan: OSC 52");
	is_int(at, 1, "... at the ESC");
	is_int(text_scan("张\xE2\x80\x8B三", TEXT_UNSAFE, &at), TEXT_PLAIN,
	       "scan: zero width space is not unsafe");
	is_int(text_scan("张\xE2\x80\x8B三", TEXT_UNSAFE | TEXT_HIDDEN, &at),
	       TEXT_INVISIBLE, "scan: ... but hidden");
	is_int(at, 3, "... at byte 3");
	is_int(text_scan("ab\xFF", TEXT_UNSAFE, &at), TEXT_INVALID, "scan: a bad byte");
	is_int(at, 2, "... at byte 2");
	is_int(text_scan("a\tb", TEXT_UNSAFE, NULL), TEXT_PLAIN,
	       "scan: tab is no control unless asked for");
	is_int(text_scan("a\tb", TEXT_CLASS_BIT(TEXT_SPACE), NULL), TEXT_SPACE,
	       "scan: ... found when asked for");
	is_int(text_scan("\xE4\xB8\xAD\xEF\xB7\x90", TEXT_UNSAFE, NULL), TEXT_NONCHAR,
	       "scan: U+FDD0 after Han");
	is_int(text_scan("\xF3\xA0\x80\x81", TEXT_HIDDEN, NULL), TEXT_INVISIBLE,
	       "scan: language tag (4 bytes)");
}

static void check_inplace(void (*fn)(char *), const char *in, const char *want,
                          const char *what)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s", in);
	fn(buf);
	is_str(buf, want, "%s", what);
}

static void test_normalize(void)
{
	static const struct {
		void (*fn)(char *);
		const char *in;
		const char *want, *what;
	} cases[] = {
		{ text_halfwidth, "１３８ＡＢ　", "138AB ", "halfwidth digits, letters, space" },
		{ text_halfwidth, "ｘ！～", "x!~", "halfwidth x ! ~" },
		{ text_halfwidth, "中文１号", "中文1号", "halfwidth keeps CJK" },
		{ text_halfwidth, "｟｡", "｟｡", "U+FF5F and U+FF61 unchanged" },
		{ text_halfwidth, "\xFF１", "\xFF" "1", "halfwidth keeps invalid bytes" },
		{ text_normalize_name, "  阿依 · 买买提  ", "阿依·买买提", "name: spaces around the dot, trim" },
		{ text_normalize_name, "阿依•买买提", "阿依·买买提", "name: • U+2022" },
		{ text_normalize_name, "阿依・买买提", "阿依·买买提", "name: ・ U+30FB" },
		{ text_normalize_name, "阿依．买买提", "阿依·买买提", "name: ． U+FF0E" },
		{ text_normalize_name, "阿依･买买提", "阿依·买买提", "name: ･ U+FF65" },
		{ text_normalize_name, "阿依‧买买提", "阿依·买买提", "name: ‧ U+2027" },
		{ text_normalize_name, "阿依⋅买买提", "阿依·买买提", "name: ⋅ U+22C5" },
		{ text_normalize_name, "阿依∙买买提", "阿依·买买提", "name: ∙ U+2219" },
		{ text_normalize_name, "阿依　•　买买提", "阿依·买买提", "name: ideographic spaces around the dot" },
		{ text_normalize_name, "　张　三　", "张 三", "name: ideographic spaces" },
		{ text_normalize_name, "张\xC2\xA0\xC2\xA0三", "张 三", "name: no-break spaces collapse" },
		{ text_normalize_name, "John   Smith", "John Smith", "name: space run" },
		{ text_normalize_name, "   ", "", "name: only spaces" },
		{ text_normalize_name, "", "", "name: empty" },
		{ text_normalize_name, "𠮷 ·· 张", "𠮷··张", "name: two dots kept" },
		{ text_trim, "  张三　", "张三", "trim ASCII and ideographic" },
		{ text_trim, "　　", "", "trim only ideographic spaces" },
		{ text_trim, "\t a b \r\n", "a b", "trim tabs and newlines" },
		{ text_trim, "中　文", "中　文", "trim keeps inner spaces" },
		{ text_trim, "", "", "trim empty" },
		{ text_trim, "ab\xE3\x80", "ab\xE3\x80", "trim leaves a cut U+3000" },
	};

	for (size_t i = 0; i < N_OF(cases); i++)
		check_inplace(cases[i].fn, cases[i].in, cases[i].want, cases[i].what);


}

/* Random bytes (a fixed seed, biased towards UTF-8 lead and trail bytes,
 * controls and spaces) through every string function: nothing crashes
 * (ASan watches), sanitized text is valid and clean, widths agree, and
 * the in-place functions never grow the string. */
static void test_random_bytes(void)
{
	static const unsigned char pool[] = {
		'a', ' ', 0x1B, '\t', '\n', 0x7F, 0xC2, 0x85, 0xE3, 0x80,
		0x80, 0xEF, 0xBC, 0x91, 0xF0, 0xA0, 0xAE, 0xB7, 0xE2, 0x80,
		0xA2, 0xAE, 0xED, 0xA0, 0xFF, 0xC0, 0xB7, 0x95, 0x34, 0xB2,
	};

	uint32_t seed = 12345;
	int round, bad_clean = 0, bad_width = 0, bad_grow = 0, bad_conv = 0;

	for (round = 0; round < 3000; round++) {
		char in[40], buf[40], *clean, *u8;
		size_t len, i, ulen;
		enum text_encoding enc;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % 32;
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (char)((seed >> 24) & 1 ?
			               pool[(seed >> 16) % sizeof(pool)] :
			               (seed >> 8) & 0xFF);
			if (in[i] == '\0')
				in[i] = 'z';
		}
		in[len] = '\0';

		clean = text_sanitize(in);
		if (!text_utf8_valid(clean, strlen(clean)) ||
		    text_has_controls(clean))
			bad_clean++;
		if (text_width(clean) != text_width(in))
			bad_width++;
		free(clean);

		memcpy(buf, in, len + 1);
		text_halfwidth(buf);
		bad_grow += strlen(buf) > len;
		memcpy(buf, in, len + 1);
		text_normalize_name(buf);
		bad_grow += strlen(buf) > len;
		memcpy(buf, in, len + 1);
		text_trim(buf);
		bad_grow += strlen(buf) > len;

		enc = text_detect(in, len, round & 1);
		if (enc != TEXT_ENC_UNKNOWN && (round & 1) &&
		    text_to_utf8(enc, in, len, &u8, &ulen, NULL) == 0) {
			if (!text_utf8_valid(u8, ulen))
				bad_conv++;
			free(u8);
		}
	}
	is_int(bad_clean, 0, "random bytes: sanitized text valid and clean");
	is_int(bad_width, 0, "random bytes: width equals width of sanitized text");
	is_int(bad_grow, 0, "random bytes: in-place functions never grow");
	is_int(bad_conv, 0, "random bytes: converted text is valid UTF-8");
}

/* GB18030 of LEN bytes of UTF-8 by iconv(3) itself, into OUT (size
 * SIZE); its length, or -1 when iconv refuses. */
static long iconv_gb18030(const char *in, size_t len, char *out, size_t size)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	char *ip = (char *)in, *op = out;
	size_t il = len, ol = size;
	long n = -1;

	if (cd == (iconv_t)-1)
		return -1;
	if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0)
		n = (long)(op - out);
	iconv_close(cd);
	return n;
}

/* The table-driven GB18030 writer gives iconv's bytes for every code
 * point, and hands back what iconv cannot write. */
static void test_to_gb18030(void)
{
	char one[8], ref[256], *b;
	size_t blen;
	long alen;
	int differ = 0, tried = 0, unwritable = 0, refused = 0;

	for (uint32_t cp = 1; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 97) {
		int n = text_utf8_encode(cp, one);

		if (n <= 0)
			continue;
		tried++;
		alen = iconv_gb18030(one, (size_t)n, ref, sizeof ref);
		if (alen < 0) {
			unwritable++;
			if (text_to_gb18030(one, (size_t)n, &b, &blen) < 0)
				refused++;
			else
				free(b);
			continue;
		}
		if (text_to_gb18030(one, (size_t)n, &b, &blen) < 0 || (size_t)alen != blen ||
		    memcmp(ref, b, blen) != 0)
			differ++;
		free(b);
	}
	ok(tried > 70000, "GB18030 of %d code points, the whole BMP and every 97th beyond", tried);
	is_int(differ, 0, "the table gives iconv's bytes for each");
	is_int(refused, unwritable, "and refuses the %d that iconv cannot write", unwritable);

	static const char mixed[] = "姓名,𠮷野,欧阳·娜娜,110105194912310021,\"a \"\"b\"\"\"\r\n";
	alen = iconv_gb18030(mixed, sizeof mixed - 1, ref, sizeof ref);
	is_int(text_to_gb18030(mixed, sizeof mixed - 1, &b, &blen), 0, "a CSV record");
	ok(alen > 0 && b && (size_t)alen == blen && memcmp(ref, b, blen) == 0,
	   "... the same bytes as iconv");
	free(b);
	is_int(text_to_gb18030("\xE4\xB8", 2, &b, &blen), -1, "a cut character is refused");
	ok(b == NULL, "... with no output");
}

int main(void)
{
	test_utf8_decode();
	test_utf8_encode();
	test_utf8_valid();
	test_cp_width();
	test_width_vs_glibc();
	test_width();
	test_pad();
	test_encoding_names();
	test_convert();
	test_gb18030_roundtrip();
	test_to_gb18030();
	test_big();
	test_to_utf8();
	test_detect();
	test_classify();
	test_scan();
	test_sanitize();
	test_has_controls();
	test_normalize();
	test_random_bytes();
	return tap_done();
}
