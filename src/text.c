/* text.c - UTF-8, display width, encodings, sanitizing, normalization.
 *
 * Every string inside the program is UTF-8; this file is the only place
 * that converts from and to other character sets (through iconv) and the
 * only one that decides how many terminal columns a string takes.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gettext.h"
#include "text.h"

#include "width.inc"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char reason_invalid[] = N_("invalid byte sequence");
static const char reason_incomplete[] = N_("incomplete character at the end");
static const char reason_unrepresentable[] =
	N_("character cannot be represented in the target encoding");
static const char reason_unsupported[] = N_("unsupported encoding");
static const char reason_nomem[] = N_("out of memory");
static const char reason_nul[] = N_("the text contains a NUL byte");
static const char reason_unknown[] = N_("the encoding could not be recognized");

static void error_set(struct text_error *err, size_t offset, const char *reason)
{
	if (err) {
		err->offset = offset;
		err->reason = reason;
	}
}

/* --- UTF-8 ------------------------------------------------------------ */

/* The decoder behind text_utf8_decode().  On failure *SKIP is the length
 * of the maximal ill-formed subpart (at least 1): the bytes one U+FFFD
 * stands for, as Unicode recommends, so a bad lead byte never swallows
 * the valid character after it. */
static int utf8_decode(const unsigned char *s, size_t len, uint32_t *cp,
                       size_t *skip)
{
	unsigned char c, lo, hi;
	uint32_t v;
	size_t need, i;

	*skip = 1;
	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	lo = 0x80;
	hi = 0xBF;
	if (c < 0xC2) {
		return -1;      /* continuation byte, or an overlong C0/C1 lead */
	} else if (c < 0xE0) {
		need = 1;
		v = c & 0x1F;
	} else if (c < 0xF0) {
		need = 2;
		v = c & 0x0F;
		lo = c == 0xE0 ? 0xA0 : lo;     /* overlong */
		hi = c == 0xED ? 0x9F : hi;     /* surrogates */
	} else if (c < 0xF5) {
		need = 3;
		v = c & 0x07;
		lo = c == 0xF0 ? 0x90 : lo;     /* overlong */
		hi = c == 0xF4 ? 0x8F : hi;     /* above U+10FFFF */
	} else {
		return -1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len) {
			*skip = i;
			return -2;
		}
		if (s[i] < lo || s[i] > hi) {
			*skip = i;
			return -1;
		}
		v = (v << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return (int)need + 1;
}

/* Decode one UTF-8 scalar value; see text.h for the return values. */
int text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	size_t skip;

	return utf8_decode((const unsigned char *)s, len, cp, &skip);
}

/* Encode one scalar value as UTF-8. */
int text_utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}

#define BYTES_HIGH 0x8080808080808080ULL
#define BYTES_LOW  0x0101010101010101ULL

/* Strict UTF-8 check of LEN bytes.  Returns the offset of the first bad
 * sequence, or LEN when all is well; *KIND is then -1 (invalid), -2 (cut
 * at the end) or -3 (a NUL byte, when NUL_OK is false).  Eight ASCII bytes
 * at a time, as big files are mostly ASCII. */
static size_t utf8_check(const unsigned char *s, size_t len, bool nul_ok,
                         int *kind)
{
	size_t i = 0, skip;
	uint64_t v;
	uint32_t cp;
	int n;

	while (i < len) {
		if (s[i] < 0x80) {
			while (i + 8 <= len) {
				memcpy(&v, s + i, 8);
				if (v & BYTES_HIGH)
					break;
				if (!nul_ok && ((v - BYTES_LOW) & ~v & BYTES_HIGH))
					break;
				i += 8;
			}
			while (i < len && s[i] < 0x80) {
				if (s[i] == 0 && !nul_ok) {
					*kind = -3;
					return i;
				}
				i++;
			}
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp, &skip);
		if (n < 0) {
			*kind = n;
			return i;
		}
		i += (size_t)n;
	}
	*kind = 0;
	return len;
}

/* Strict validity check: no overlongs, surrogates or NUL bytes. */
bool text_utf8_valid(const char *s, size_t len)
{
	int kind;

	return utf8_check((const unsigned char *)s, len, false, &kind) == len;
}

/* Count scalar values; an invalid sequence counts as the one U+FFFD it
 * would be shown as. */
size_t text_utf8_length(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n = 0, skip;
	uint32_t cp;
	int r;

	while (len > 0) {
		r = utf8_decode(p, len, &cp, &skip);
		if (r < 0)
			r = (int)skip;
		p += r;
		len -= (size_t)r;
		n++;
	}
	return n;
}

/* --- Display width ------------------------------------------------------- */

static int ambiguous_cols = 1;

/* Set how wide ambiguous characters are drawn (1 or 2). */
void text_set_ambiguous_width(int cols)
{
	ambiguous_cols = cols >= 2 ? 2 : 1;
}

/* The width of ambiguous characters in effect. */
int text_ambiguous_width(void)
{
	return ambiguous_cols;
}

/* The index of the range holding CP among the N sorted ranges at T, each
 * STRIDE bytes after the one before and starting with its struct
 * width_range; N when none holds it. */
static inline size_t range_index(const void *t, size_t n, size_t stride, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct width_range *r = (const void *)((const char *)t + mid * stride);

		if (cp > r->hi)
			lo = mid + 1;
		else if (cp < r->lo)
			hi = mid;
		else
			return mid;
	}
	return n;
}

static bool width_lookup(const struct width_range *t, size_t n, uint32_t cp)
{
	if (cp < t[0].lo || cp > t[n - 1].hi)
		return false;
	return range_index(t, n, sizeof *t, cp) < n;
}

/* Columns of one code point, by the tables of width.inc. */
int text_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return -1;
	if (cp < 0x7F)
		return 1;
	/* Not characters, and the line and paragraph separators, which
	 * glibc's wcwidth() also treats as controls. */
	if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ||
	    cp == 0x2028 || cp == 0x2029)
		return -1;
	/* the CJK Unified Ideographs, most of any Chinese text */
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 2;
	if (width_lookup(width_zero, ARRAY_SIZE(width_zero), cp))
		return 0;
	if (width_lookup(width_wide, ARRAY_SIZE(width_wide), cp))
		return 2;
	if (width_lookup(width_ambiguous, ARRAY_SIZE(width_ambiguous), cp))
		return ambiguous_cols;
	return 1;
}

/* --- Character classes ------------------------------------------------ */

/* The classes of the code points from U+00A0 up, but for the private use
 * planes, the noncharacters at the end of each plane and U+3000-DFFF,
 * which text_classify decides first.  Sorted. */
static const struct class_range {
	struct width_range span;        /* first: range_index reads it */
	enum text_class cls;
} class_ranges[] = {
	{ { 0x00AD, 0x00AD }, TEXT_INVISIBLE },     /* soft hyphen */
	{ { 0x034F, 0x034F }, TEXT_INVISIBLE },     /* combining grapheme joiner */
	{ { 0x061C, 0x061C }, TEXT_BIDI },          /* Arabic letter mark */
	{ { 0x115F, 0x1160 }, TEXT_INVISIBLE },     /* Hangul fillers */
	{ { 0x17B4, 0x17B5 }, TEXT_INVISIBLE },     /* Khmer inherent vowels */
	{ { 0x180B, 0x180D }, TEXT_VARIATION },     /* Mongolian free variation */
	{ { 0x180E, 0x180E }, TEXT_INVISIBLE },     /* Mongolian vowel separator */
	{ { 0x180F, 0x180F }, TEXT_VARIATION },
	{ { 0x200B, 0x200D }, TEXT_INVISIBLE },     /* zero width space, (non-)joiner */
	{ { 0x200E, 0x200F }, TEXT_BIDI },          /* LRM, RLM */
	{ { 0x2028, 0x2029 }, TEXT_CONTROL },       /* line and paragraph separator */
	{ { 0x202A, 0x202E }, TEXT_BIDI },          /* embeddings, overrides */
	{ { 0x2060, 0x2065 }, TEXT_INVISIBLE },     /* word joiner, invisible operators */
	{ { 0x2066, 0x2069 }, TEXT_BIDI },          /* isolates */
	{ { 0x206A, 0x206F }, TEXT_INVISIBLE },     /* deprecated format characters */
	{ { 0xE000, 0xF8FF }, TEXT_PRIVATE },
	{ { 0xFDD0, 0xFDEF }, TEXT_NONCHAR },
	{ { 0xFE00, 0xFE0F }, TEXT_VARIATION },
	{ { 0xFEFF, 0xFEFF }, TEXT_INVISIBLE },     /* BOM, zero width no-break space */
	{ { 0xFFA0, 0xFFA0 }, TEXT_INVISIBLE },     /* halfwidth Hangul filler */
	{ { 0xFFF0, 0xFFFB }, TEXT_INVISIBLE },     /* interlinear annotation */
	{ { 0x1BCA0, 0x1BCA3 }, TEXT_INVISIBLE },   /* shorthand format controls */
	{ { 0x1D173, 0x1D17A }, TEXT_INVISIBLE },   /* musical format controls */
	{ { 0xE0000, 0xE00FF }, TEXT_INVISIBLE },   /* tags */
	{ { 0xE0100, 0xE01EF }, TEXT_VARIATION },
	{ { 0xE01F0, 0xE0FFF }, TEXT_INVISIBLE },   /* default ignorable, unassigned */
};

/* The class of one code point. */
enum text_class text_classify(uint32_t cp)
{
	size_t i;

	if (cp < 0x7F) {
		if (cp >= 0x20)
			return TEXT_PLAIN;
		return cp == '\t' || cp == '\n' || cp == '\r' ? TEXT_SPACE :
		       TEXT_CONTROL;
	}
	if (cp < 0xA0)
		return TEXT_CONTROL;
	/* CJK and Hangul, most of any Chinese text: one exception */
	if (cp >= 0x3000 && cp < 0xE000)
		return cp == 0x3164 ? TEXT_INVISIBLE : TEXT_PLAIN;
	if ((cp & 0xFFFE) == 0xFFFE)
		return TEXT_NONCHAR;
	if (cp >= 0xF0000)
		return TEXT_PRIVATE;
	i = range_index(class_ranges, ARRAY_SIZE(class_ranges), sizeof class_ranges[0], cp);
	return i < ARRAY_SIZE(class_ranges) ? class_ranges[i].cls : TEXT_PLAIN;
}

/* The first character of S in a class of MASK. */
enum text_class text_scan(const char *s, unsigned mask, size_t *at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n = 0, skip;
	enum text_class c;
	uint32_t cp;
	int k;

	while (n < len) {
		if (p[n] >= 0x20 && p[n] < 0x7F) {
			n++;
			continue;
		}
		/* U+4000..CFFF, well formed: Han and Hangul, all plain */
		if (p[n] >= 0xE4 && p[n] <= 0xEC && n + 2 < len &&
		    (p[n + 1] & 0xC0) == 0x80 && (p[n + 2] & 0xC0) == 0x80) {
			n += 3;
			continue;
		}
		k = utf8_decode(p + n, len - n, &cp, &skip);
		c = k > 0 ? text_classify(cp) : TEXT_INVALID;
		if (mask & TEXT_CLASS_BIT(c)) {
			if (at)
				*at = n;
			return c;
		}
		n += k > 0 ? (size_t)k : skip;
	}
	if (at)
		*at = len;
	return TEXT_PLAIN;
}

/* --- Display width, continued ------------------------------------------ */

/* One character as it is shown: SRCLEN bytes of the input become CP,
 * WIDTH columns wide. */
struct shown {
	size_t srclen;
	uint32_t cp;
	int width;
	bool changed;   /* CP differs from the input */
};

/* The first character of S (LEN > 0 bytes) as text_sanitize() shows it,
 * without its width: anything but TEXT_PLAIN becomes a placeholder. */
static void shown_char(const unsigned char *s, size_t len, struct shown *u)
{
	uint32_t cp = 0;
	size_t skip;
	int n;

	if (s[0] >= 0x20 && s[0] < 0x7F) {
		u->srclen = 1;
		u->cp = s[0];
		u->changed = false;
		return;
	}
	n = utf8_decode(s, len, &cp, &skip);
	u->changed = true;
	if (n <= 0) {
		u->srclen = skip;
		cp = 0xFFFD;
	} else {
		u->srclen = (size_t)n;
		if (cp == '\t')
			cp = ' ';
		else if (cp == '\n')
			cp = 0x2424;            /* ␤: the display is line-based */
		else if (cp < 0x20)
			cp = 0x2400 + cp;       /* ␀..␟, ESC → ␛ */
		else if (cp == 0x7F)
			cp = 0x2421;            /* ␡ */
		else if (text_classify(cp) != TEXT_PLAIN)
			cp = 0xFFFD;
		else
			u->changed = false;
	}
	u->cp = cp;
}

/* The same with its width. */
static void shown_next(const unsigned char *s, size_t len, struct shown *u)
{
	shown_char(s, len, u);
	u->width = text_cp_width(u->cp);
	if (u->width < 0)
		u->width = 1;   /* unreachable: every control was replaced */
}

/* Display width of a UTF-8 string, as text_sanitize() would show it. */
int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	long w = 0;
	struct shown u;

	while (len > 0) {
		shown_next(p, len, &u);
		w += u.width;
		p += u.srclen;
		len -= u.srclen;
		if (w > INT_MAX - 2)
			return INT_MAX;
	}
	return (int)w;
}

/* Longest prefix of S within COLS columns; zero-width characters that
 * follow the last one that fits stay with it. */
size_t text_fit(const char *s, int cols, int *used)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n = 0;
	int w = 0;
	struct shown u;

	while (n < len) {
		shown_next(p + n, len - n, &u);
		if (u.width > cols - w)
			break;
		w += u.width;
		n += u.srclen;
	}
	if (used)
		*used = w;
	return n;
}

static size_t utf8_len_of(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Cut and pad S to exactly COLS columns within OUTSZ bytes.  The shown
 * form of each character is written (see text_sanitize), so the columns
 * are exact whatever S holds. */
size_t text_pad(char *out, size_t outsz, const char *s, int cols, bool right,
                bool ellipsis)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), limit, n, src, bytes, spaces, o = 0;
	int width, avail, ew = 0, cw;
	bool cut, use_ell = false;
	struct shown u;

	if (outsz == 0)
		return 0;
	limit = outsz - 1;
	if (cols < 0)
		cols = 0;

	/* Measure the whole string, stopping once it cannot fit anyway. */
	width = 0;
	bytes = 0;
	for (n = 0; n < len && width <= cols; n += u.srclen) {
		shown_next(p + n, len - n, &u);
		width += u.width;
		bytes += utf8_len_of(u.cp);
	}
	cut = n < len || width > cols || bytes + (size_t)(cols - width) > limit;

	src = len;
	cw = width;
	if (cut) {
		size_t eb = 0;

		ew = text_cp_width(0x2026);
		if (ellipsis && ew <= cols && 3 + (size_t)(cols - ew) <= limit) {
			use_ell = true;
			eb = 3;
		} else {
			ew = 0;
		}
		avail = cols - ew;
		/* Each character costs at least as many bytes as columns, so the
		 * prefixes that fit the byte budget end at the first one that
		 * does not. */
		cw = 0;
		bytes = 0;
		for (src = 0; src < len; src += u.srclen) {
			size_t ub;

			shown_next(p + src, len - src, &u);
			ub = utf8_len_of(u.cp);
			if (u.width > avail - cw)
				break;
			if (bytes + ub + eb + (size_t)(avail - cw - u.width) > limit)
				break;
			cw += u.width;
			bytes += ub;
		}
		if (bytes + eb + (size_t)(avail - cw) > limit)
			spaces = limit - bytes - eb;    /* only if COLS > LIMIT */
		else
			spaces = (size_t)(avail - cw);
	} else {
		spaces = (size_t)(cols - width);
	}

	if (right) {
		memset(out + o, ' ', spaces);
		o += spaces;
	}
	for (n = 0; n < src; n += u.srclen) {
		shown_next(p + n, len - n, &u);
		if (u.changed)
			o += (size_t)text_utf8_encode(u.cp, out + o);
		else {
			memcpy(out + o, p + n, u.srclen);
			o += u.srclen;
		}
	}
	if (use_ell) {
		memcpy(out + o, "\xE2\x80\xA6", 3);
		o += 3;
	}
	if (!right) {
		memset(out + o, ' ', spaces);
		o += spaces;
	}
	out[o] = '\0';
	return o;
}

/* --- Messages of codes -------------------------------------------------- */

const char *text_code_msg(const struct text_code_msg *t, int code)
{
	for (; t->msgid; t++)
		for (size_t i = 0; i < sizeof t->codes / sizeof t->codes[0] && t->codes[i]; i++)
			if (t->codes[i] == code)
				return t->msgid;
	return NULL;
}

/* --- Encodings -------------------------------------------------------- */

/* The iconv name of an encoding; NULL for TEXT_ENC_UNKNOWN. */
const char *text_encoding_name(enum text_encoding enc)
{
	switch (enc) {
	case TEXT_ENC_UTF8:
	case TEXT_ENC_UTF8_BOM:
		return "UTF-8";
	case TEXT_ENC_UTF16LE:
		return "UTF-16LE";
	case TEXT_ENC_UTF16BE:
		return "UTF-16BE";
	case TEXT_ENC_GB18030:
		return "GB18030";
	case TEXT_ENC_GBK:
		return "GBK";
	case TEXT_ENC_UNKNOWN:
		break;
	}
	return NULL;
}

/* Parse a user's encoding name, case-insensitively. */
enum text_encoding text_encoding_parse(const char *name)
{
	static const struct {
		const char *name;
		enum text_encoding enc;
	} names[] = {
		{ "utf-8", TEXT_ENC_UTF8 },
		{ "utf8", TEXT_ENC_UTF8 },
		{ "utf-8-bom", TEXT_ENC_UTF8_BOM },
		{ "utf8-bom", TEXT_ENC_UTF8_BOM },
		{ "utf-8-sig", TEXT_ENC_UTF8_BOM },
		/* Excel's "Unicode text" is little-endian with a BOM. */
		{ "utf-16", TEXT_ENC_UTF16LE },
		{ "utf16", TEXT_ENC_UTF16LE },
		{ "utf-16le", TEXT_ENC_UTF16LE },
		{ "utf16le", TEXT_ENC_UTF16LE },
		{ "utf-16be", TEXT_ENC_UTF16BE },
		{ "utf16be", TEXT_ENC_UTF16BE },
		{ "gb18030", TEXT_ENC_GB18030 },
		/* GB2312 files read fine as GB18030, a superset. */
		{ "gb2312", TEXT_ENC_GB18030 },
		{ "euc-cn", TEXT_ENC_GB18030 },
		{ "gbk", TEXT_ENC_GBK },
		{ "cp936", TEXT_ENC_GBK },
		{ "windows-936", TEXT_ENC_GBK },
		{ "auto", TEXT_ENC_UNKNOWN },
	};
	size_t i;

	if (!name)
		return TEXT_ENC_UNKNOWN;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strcasecmp(name, names[i].name) == 0)
			return names[i].enc;
	return TEXT_ENC_UNKNOWN;
}

enum text_encoding text_locale_encoding(void)
{
	enum text_encoding e = text_encoding_parse(nl_langinfo(CODESET));

	return e == TEXT_ENC_UNKNOWN ? TEXT_ENC_UTF8 : e;
}

static bool name_is_utf8(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

/* glibc reports EILSEQ both for a bad input sequence and for a character
 * the target cannot hold.  Tell them apart by decoding the input character
 * at P on its own. */
static const char *eilseq_reason(const char *from, const char *to,
                                 const char *p, size_t left)
{
	char tmp[32], *ip = (char *)p, *op = tmp;
	size_t il = left < 8 ? left : 8, ol = sizeof(tmp);
	uint32_t cp;
	iconv_t cd;

	if (name_is_utf8(from))
		return text_utf8_decode(p, left, &cp) > 0 ?
		       reason_unrepresentable : reason_invalid;
	if (name_is_utf8(to))
		return reason_invalid;
	cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return reason_invalid;
	iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	return ip != p ? reason_unrepresentable : reason_invalid;
}

static bool buffer_grow(char **buf, size_t *size, char **op, size_t *ol)
{
	size_t used = (size_t)(*op - *buf);
	size_t nsize = *size * 2;
	char *n;

	if (nsize < *size)
		return false;
	n = realloc(*buf, nsize);
	if (!n)
		return false;
	*buf = n;
	*op = n + used;
	*ol = nsize - 1 - used;
	*size = nsize;
	return true;
}

/* One converter kept open for the pair last asked for: an export or an
 * import converts record after record between the same two encodings,
 * and iconv_open() costs more than converting a record.  The program
 * has one thread. */
static struct {
	char from[32], to[32];
	iconv_t cd;
	bool open;
} conv;

static iconv_t conv_get(const char *from, const char *to)
{
	if (conv.open && strcmp(conv.from, from) == 0 && strcmp(conv.to, to) == 0) {
		iconv(conv.cd, NULL, NULL, NULL, NULL);     /* the initial state */
		return conv.cd;
	}
	if (conv.open)
		iconv_close(conv.cd);
	conv.open = false;
	if (strlen(from) >= sizeof conv.from || strlen(to) >= sizeof conv.to)
		return iconv_open(to, from);
	conv.cd = iconv_open(to, from);
	if (conv.cd == (iconv_t)-1)
		return conv.cd;
	strcpy(conv.from, from);
	strcpy(conv.to, to);
	conv.open = true;
	return conv.cd;
}

static void conv_put(iconv_t cd)
{
	if (!conv.open || cd != conv.cd)
		iconv_close(cd);
}

/* GB18030 of each BMP code point, its bytes big-endian in one number:
 * below 0x80 one byte, below 0x10000 two, else four; 0 for a point this
 * iconv will not write.  Made by iconv over the whole plane at once. */
static uint32_t *gb_table;
static int gb_state;            /* 0 not made yet, 1 made, -1 cannot be */

static bool gb_build(void)
{
	enum { N = 0x10000 };
	uint32_t *cps = malloc(N * sizeof *cps), *t = calloc(N, sizeof *t);
	unsigned char *in = malloc(N * 4), *outb = malloc(N * 4);
	size_t n = 0, done = 0, k = 0;
	char *ip = (char *)in, *op = (char *)outb;
	size_t il, ol = N * 4;
	iconv_t cd = (iconv_t)-1;
	bool good = cps && t && in && outb;

	for (uint32_t cp = 0; good && cp < N; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		/* UTF-32LE, whatever this machine's byte order */
		in[n * 4] = (unsigned char)cp;
		in[n * 4 + 1] = (unsigned char)(cp >> 8);
		in[n * 4 + 2] = in[n * 4 + 3] = 0;
		cps[n++] = cp;
	}
	il = n * 4;
	if (good)
		cd = iconv_open("GB18030", "UTF-32LE");
	good = good && cd != (iconv_t)-1;
	while (good && done < n) {
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		size_t upto = (size_t)(ip - (char *)in) / 4;

		/* the characters converted so far, one by one */
		for (; done < upto; done++) {
			size_t len = outb[k] < 0x80 ? 1 :
			             outb[k + 1] >= 0x30 && outb[k + 1] <= 0x39 ? 4 : 2;
			uint32_t v = 0;

			if (k + len > (size_t)(op - (char *)outb)) {
				good = false;
				break;
			}
			for (size_t b = 0; b < len; b++)
				v = v << 8 | outb[k + b];
			t[cps[done]] = v;
			k += len;
		}
		if (r != (size_t)-1 || !good)
			break;
		if (errno != EILSEQ) {
			good = false;
			break;
		}
		/* one this iconv cannot write (some private-use points):
		 * left 0, so text_to_gb18030 hands the text to iconv */
		ip += 4;
		il -= 4;
		done++;
	}
	good = good && done == n && k == (size_t)(op - (char *)outb);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(cps);
	free(in);
	free(outb);
	if (!good) {
		free(t);
		return false;
	}
	gb_table = t;
	return true;
}

int text_to_gb18030(const char *in, size_t len, char **out, size_t *outlen)
{
	/* at most 4 bytes for each character, which has at least 1 */
	char *buf, *w;
	size_t i = 0;

	*out = NULL;
	if (gb_state == 0)
		gb_state = gb_build() ? 1 : -1;
	if (gb_state < 0 || len > (SIZE_MAX - 1) / 4)
		return -1;
	buf = w = malloc(len * 4 + 1);
	if (!buf)
		return -1;
	while (i < len) {
		unsigned char c = (unsigned char)in[i];
		uint32_t cp, v;
		int k;

		if (c < 0x80) {
			*w++ = (char)c;
			i++;
			continue;
		}
		if (c >= 0xE1 && c != 0xED && c <= 0xEF && len - i >= 3 &&
		    ((unsigned char)in[i + 1] & 0xC0) == 0x80 &&
		    ((unsigned char)in[i + 2] & 0xC0) == 0x80) {
			/* three bytes with no overlong or surrogate form to rule
			 * out: all of CJK, decoded here without a call */
			cp = (uint32_t)(c & 0x0F) << 12 |
			     (uint32_t)((unsigned char)in[i + 1] & 0x3F) << 6 |
			     ((unsigned char)in[i + 2] & 0x3F);
			i += 3;
		} else {
			k = text_utf8_decode(in + i, len - i, &cp);
			if (k <= 0) {
				free(buf);
				return -1;
			}
			i += (size_t)k;
		}
		if (cp >= 0x10000) {
			/* the four-byte run from 90 30 81 30, in order */
			uint32_t x = cp - 0x10000;

			w[3] = (char)(0x30 + x % 10);
			x /= 10;
			w[2] = (char)(0x81 + x % 126);
			x /= 126;
			w[1] = (char)(0x30 + x % 10);
			w[0] = (char)(0x90 + x / 10);
			w += 4;
			continue;
		}
		v = gb_table[cp];
		if (v == 0 && cp != 0) {
			free(buf);
			return -1;
		}
		if (v >= 0x10000) {
			*w++ = (char)(v >> 24);
			*w++ = (char)(v >> 16);
		}
		if (v >= 0x80)
			*w++ = (char)(v >> 8);
		*w++ = (char)v;
	}
	*w = '\0';
	*out = buf;
	if (outlen)
		*outlen = (size_t)(w - buf);
	return 0;
}

/* Convert between two iconv encodings, failing on the first problem.
 * From UTF-8 two ways are quicker and give the same bytes: to UTF-8, a
 * copy of valid text; to GB18030, the table.  Anything they refuse goes
 * through iconv, which says what is wrong. */
int text_convert(const char *from, const char *to, const char *in, size_t len,
                 char **out, size_t *outlen, struct text_error *err)
{
	char *buf, *ip = (char *)in, *op;
	size_t size, il = len, ol;
	const char *reason = NULL;
	iconv_t cd;

	*out = NULL;
	if (outlen)
		*outlen = 0;
	if (!from || !to) {
		error_set(err, 0, reason_unsupported);
		return -1;
	}
	if (name_is_utf8(from) && name_is_utf8(to) && text_utf8_valid(in, len)) {
		buf = malloc(len + 1);
		if (buf) {
			memcpy(buf, in, len);
			buf[len] = '\0';
			*out = buf;
			if (outlen)
				*outlen = len;
			return 0;
		}
	}
	if (name_is_utf8(from) && strcasecmp(to, "GB18030") == 0 &&
	    text_to_gb18030(in, len, out, outlen) == 0)
		return 0;
	cd = conv_get(from, to);
	if (cd == (iconv_t)-1) {
		error_set(err, 0, reason_unsupported);
		return -1;
	}
	/* Enough for any of our pairs but UTF-8 to UTF-16/GB18030 of
	 * non-ASCII text, which grows once or twice. */
	size = len + len / 2 + 16;
	buf = malloc(size);
	if (!buf) {
		conv_put(cd);
		error_set(err, 0, reason_nomem);
		return -1;
	}
	op = buf;
	ol = size - 1;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			if (!buffer_grow(&buf, &size, &op, &ol)) {
				reason = reason_nomem;
				break;
			}
		} else if (errno == EINVAL) {
			reason = reason_incomplete;
			break;
		} else {
			reason = eilseq_reason(from, to, ip, il);
			break;
		}
	}
	/* The shift back to the initial state of stateful encodings. */
	while (!reason && iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
		if (errno != E2BIG)
			reason = reason_invalid;
		else if (!buffer_grow(&buf, &size, &op, &ol))
			reason = reason_nomem;
	}
	conv_put(cd);
	if (reason) {
		free(buf);
		error_set(err, (size_t)(ip - in), reason);
		return -1;
	}
	*op = '\0';
	*out = buf;
	if (outlen)
		*outlen = (size_t)(op - buf);
	return 0;
}

/* Whether LEN bytes of GB18030 convert; with !COMPLETE a character cut
 * at the end is fine. */
static bool gb18030_ok(const char *buf, size_t len, bool complete)
{
	/* Output is thrown away; a big scratch buffer keeps the number of
	 * iconv() calls, and so the time on a 20 MB file, down. */
	enum { SCRATCH = 65536 };
	char *tmp, *ip = (char *)buf, *op;
	size_t il = len, ol;
	bool good = true;
	iconv_t cd;

	tmp = malloc(SCRATCH);
	if (!tmp)
		return false;
	cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) {
		free(tmp);
		return false;
	}
	while (il > 0) {
		op = tmp;
		ol = SCRATCH;
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		good = errno == EINVAL && !complete;
		break;
	}
	iconv_close(cd);
	free(tmp);
	return good;
}

/* Detect a file's encoding: BOM, strict UTF-8, GB18030. */
enum text_encoding text_detect(const char *buf, size_t len, bool complete)
{
	const unsigned char *s;
	int kind;

	if (len == 0)
		return TEXT_ENC_UTF8;
	s = (const unsigned char *)buf;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return TEXT_ENC_UTF8_BOM;
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return TEXT_ENC_UTF16LE;
	if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return TEXT_ENC_UTF16BE;
	utf8_check(s, len, false, &kind);
	if (kind == 0 || (kind == -2 && !complete))
		return TEXT_ENC_UTF8;
	/* A NUL byte is no text in any of our encodings: binary. */
	if (kind == -3 || memchr(buf, '\0', len))
		return TEXT_ENC_UNKNOWN;
	if (gb18030_ok(buf, len, complete))
		return TEXT_ENC_GB18030;
	return TEXT_ENC_UNKNOWN;
}

/* Offset of the first NUL character of UTF-16 input, or LEN. */
static size_t utf16_find_nul(const unsigned char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		if (s[i] == 0 && s[i + 1] == 0)
			return i;
	return len;
}

/* Convert input in ENC to UTF-8, dropping a BOM.  A NUL byte is refused:
 * the result is used as a C string. */
int text_to_utf8(enum text_encoding enc, const char *in, size_t len,
                 char **out, size_t *outlen, struct text_error *err)
{
	const unsigned char *s;
	size_t skip = 0, bad;
	const char *from, *nul;
	int kind;
	char *buf;

	*out = NULL;
	if (outlen)
		*outlen = 0;
	if (len == 0)
		in = "";        /* no NULL to memcpy() and friends */
	s = (const unsigned char *)in;
	if (enc == TEXT_ENC_UNKNOWN) {
		enc = text_detect(in, len, true);
		if (enc == TEXT_ENC_UNKNOWN) {
			error_set(err, 0, reason_unknown);
			return -1;
		}
	}
	switch (enc) {
	case TEXT_ENC_UTF8:
	case TEXT_ENC_UTF8_BOM:
		if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
			skip = 3;
		bad = skip + utf8_check(s + skip, len - skip, false, &kind);
		if (kind != 0) {
			error_set(err, bad, kind == -3 ? reason_nul :
			          kind == -2 ? reason_incomplete : reason_invalid);
			return -1;
		}
		buf = malloc(len - skip + 1);
		if (!buf) {
			error_set(err, 0, reason_nomem);
			return -1;
		}
		memcpy(buf, in + skip, len - skip);
		buf[len - skip] = '\0';
		*out = buf;
		if (outlen)
			*outlen = len - skip;
		return 0;
	case TEXT_ENC_UTF16LE:
	case TEXT_ENC_UTF16BE:
		/* A BOM says more than the caller's guess of the byte order. */
		if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
			enc = TEXT_ENC_UTF16LE;
			skip = 2;
		} else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
			enc = TEXT_ENC_UTF16BE;
			skip = 2;
		}
		bad = skip + utf16_find_nul(s + skip, len - skip);
		break;
	case TEXT_ENC_GB18030:
	case TEXT_ENC_GBK:
	case TEXT_ENC_UNKNOWN:
	default:
		/* No trail byte of GB18030 is 0x00: any zero byte is a NUL. */
		nul = memchr(in, '\0', len);
		bad = nul ? (size_t)(nul - in) : len;
		break;
	}
	from = text_encoding_name(enc);
	if (text_convert(from, "UTF-8", in + skip, len - skip, out, outlen,
	                 err) < 0) {
		if (err)
			err->offset += skip;
		/* A NUL before the bad spot is the first problem. */
		if (err && bad < err->offset)
			error_set(err, bad, reason_nul);
		return -1;
	}
	if (bad < len) {
		free(*out);
		*out = NULL;
		if (outlen)
			*outlen = 0;
		error_set(err, bad, reason_nul);
		return -1;
	}
	/* GB18030 spells a BOM as 84 31 95 33: drop the U+FEFF it gives. */
	if (strncmp(*out, "\xEF\xBB\xBF", 3) == 0) {
		size_t n = strlen(*out + 3);

		memmove(*out, *out + 3, n + 1);
		if (outlen)
			*outlen -= 3;
	}
	return 0;
}

/* Whether a UTF-8 string can be written in the iconv encoding TO. */
bool text_representable(const char *s, const char *to)
{
	char *out;

	if (text_convert("UTF-8", to, s, strlen(s), &out, NULL, NULL) < 0)
		return false;
	free(out);
	return true;
}

/* --- Sanitizing and normalization --------------------------------------- */

/* A copy of S with every character in its shown form, line feeds kept
 * when LINES. */
static char *sanitize(const char *s, bool lines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n = 0, o = 0;
	struct shown u;
	char *out;

	/* No byte grows beyond three: a control or a stray byte becomes one
	 * 3-byte placeholder. */
	out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	while (n < len) {
		shown_char(p + n, len - n, &u);
		if (lines && p[n] == '\n')
			out[o++] = '\n';
		else if (u.changed)
			o += (size_t)text_utf8_encode(u.cp, out + o);
		else {
			memcpy(out + o, p + n, u.srclen);
			o += u.srclen;
		}
		n += u.srclen;
	}
	out[o] = '\0';
	return out;
}

char *text_sanitize(const char *s)
{
	return sanitize(s, false);
}

char *text_sanitize_lines(const char *s)
{
	return sanitize(s, true);
}

size_t text_shown_next(const char *s, size_t len, uint32_t *cp)
{
	struct shown u;

	shown_char((const unsigned char *)s, len, &u);
	*cp = u.cp;
	return u.srclen;
}

/* True if S holds a character no field may hold, or TAB, LF, CR. */
bool text_has_controls(const char *s)
{
	return text_scan(s, TEXT_UNSAFE | TEXT_CLASS_BIT(TEXT_SPACE), NULL) !=
	       TEXT_PLAIN;
}

/* Full-width ASCII to half-width and U+3000 to a space, in place. */
void text_halfwidth(char *s)
{
	const unsigned char *r = (const unsigned char *)s;
	size_t len, skip, n;
	char *w = s;
	uint32_t cp;
	int k;

	/* both forms start with byte EF (U+FF01..FF5E) or E3 (U+3000) */
	for (len = 0; r[len] != 0xEF && r[len] != 0xE3; len++)
		if (!r[len])
			return;
	len += strlen(s + len);
	while (len > 0) {
		k = utf8_decode(r, len, &cp, &skip);
		n = k > 0 ? (size_t)k : skip;
		if (k == 3 && cp >= 0xFF01 && cp <= 0xFF5E) {
			*w++ = (char)(cp - 0xFEE0);
		} else if (k == 3 && cp == 0x3000) {
			*w++ = ' ';
		} else {
			memmove(w, r, n);
			w += n;
		}
		r += n;
		len -= n;
	}
	*w = '\0';
}

static bool cp_is_name_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x00A0 ||
	       cp == 0x3000;
}

static bool cp_is_dot_variant(uint32_t cp)
{
	return cp == 0x00B7 || cp == 0x2022 || cp == 0x30FB || cp == 0xFF0E ||
	       cp == 0xFF65 || cp == 0x2027 || cp == 0x22C5 || cp == 0x2219;
}

/* Normalize a name in place: spaces, middle dots, trimming. */
void text_normalize_name(char *s)
{
	const unsigned char *r = (const unsigned char *)s;
	size_t len = strlen(s), skip, n;
	char *w = s, unit[4];
	bool pending = false, after_dot = true;
	uint32_t cp;
	int k;

	/* Every mapping shrinks or keeps the length, and a pending space
	 * stands for at least one byte already read, so W never passes R. */
	while (len > 0) {
		k = utf8_decode(r, len, &cp, &skip);
		n = k > 0 ? (size_t)k : skip;
		if (k > 0 && cp_is_name_space(cp)) {
			pending = !after_dot;
		} else if (k > 0 && cp_is_dot_variant(cp)) {
			pending = false;
			after_dot = true;
			*w++ = (char)0xC2;
			*w++ = (char)0xB7;
		} else {
			memcpy(unit, r, n);
			if (pending)
				*w++ = ' ';
			memcpy(w, unit, n);
			w += n;
			pending = false;
			after_dot = false;
		}
		r += n;
		len -= n;
	}
	*w = '\0';
}

/* Length of the white space (ASCII or U+3000) at P, 0 if none. */
static size_t space_at(const char *p)
{
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if (strncmp(p, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Trim ASCII and ideographic white space at both ends, in place. */
void text_trim(char *s)
{
	size_t start = 0, end = strlen(s), k;

	while ((k = space_at(s + start)) > 0)
		start += k;
	while (end > start) {
		if (space_at(s + end - 1) == 1)
			end--;
		else if (end - start >= 3 && space_at(s + end - 3) == 3)
			end -= 3;
		else
			break;
	}
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
}

/* A copy of S with every character of TEXT_UNSAFE (ESC, C1, bidi
 * controls, noncharacters, bytes that are not UTF-8) as U+FFFD, or NULL
 * when out of memory.  Tab, CR and LF stay: a cell may hold lines. */
char *text_replace_unsafe(const char *s)
{
	size_t len = strlen(s), at, n = 0, o = 0;
	char *out = malloc(len * 3 + 1);

	/* each bad byte or character becomes 3 bytes at most */
	if (!out)
		return NULL;
	while (text_scan(s + n, TEXT_UNSAFE, &at) != TEXT_PLAIN) {
		uint32_t cp;

		memcpy(out + o, s + n, at);
		o += at;
		n += at;
		memcpy(out + o, "\xEF\xBF\xBD", 3);
		o += 3;
		n += text_shown_next(s + n, len - n, &cp);
	}
	memcpy(out + o, s + n, len - n + 1);
	return out;
}
