/* text.h - UTF-8, display width, encodings, sanitizing, normalization.
 *
 * The only module that knows about character sets.  No curses, no SQLite,
 * no gettext: callers translate the message ids it returns.  Inside the
 * program every string is UTF-8.
 */
#ifndef ZHIBU_TEXT_H
#define ZHIBU_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- UTF-8 ------------------------------------------------------------ */

/* Decode one scalar value from S (at most LEN bytes) into *CP.  Returns the
 * number of bytes used (1-4), 0 when LEN is 0, -1 for an invalid sequence
 * (bad lead byte, overlong form, surrogate, > U+10FFFF, bad continuation)
 * and -2 when the sequence is cut short by the end of the buffer. */
int text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode CP (a scalar value) into OUT; returns the byte count (1-4), or 0
 * if CP is a surrogate or above U+10FFFF. */
int text_utf8_encode(uint32_t cp, char out[4]);

/* True if the LEN bytes of S are strictly valid UTF-8 with no NUL byte. */
bool text_utf8_valid(const char *s, size_t len);

/* Number of scalar values in a valid UTF-8 string. */
size_t text_utf8_length(const char *s);

/* --- Display width ------------------------------------------------------- */

/* How wide the terminal draws East Asian Ambiguous characters (“ ” · … ①):
 * 1 or 2 columns.  Default 1.  Everything that measures text follows it. */
void text_set_ambiguous_width(int cols);
int text_ambiguous_width(void);

/* Columns taken by one scalar value: 0 for combining marks and other
 * zero-width characters, 2 for East Asian Wide/Fullwidth, the ambiguous
 * width for Ambiguous, 1 otherwise; -1 for C0/C1 controls and DEL. */
int text_cp_width(uint32_t cp);

/* Columns a UTF-8 string takes when shown (after text_sanitize, so a
 * control character counts as its placeholder, invalid bytes as U+FFFD). */
int text_width(const char *s);

/* Length in bytes of the longest prefix of S that fits in COLS columns
 * without splitting a character; its width goes to *USED when not NULL. */
size_t text_fit(const char *s, int cols, int *used);

/* Write S into OUT (size OUTSZ), cut to at most COLS columns and padded
 * with spaces to exactly COLS columns (left-aligned; right-aligned when
 * RIGHT).  A cut string ends with "…" when ELLIPSIS is set.  A wide
 * character that would straddle the edge is replaced by a space.  Returns
 * the bytes written (OUT is always NUL-terminated).  Characters are
 * written in their text_sanitize() form, so the columns are exact; when
 * OUTSZ is too small the content is cut further (never mid-character). */
size_t text_pad(char *out, size_t outsz, const char *s, int cols, bool right,
                bool ellipsis);

/* --- Encodings -------------------------------------------------------- */

enum text_encoding {
	TEXT_ENC_UNKNOWN = 0,
	TEXT_ENC_UTF8,
	TEXT_ENC_UTF8_BOM,
	TEXT_ENC_UTF16LE,  /* with BOM FF FE (Excel "Unicode text") */
	TEXT_ENC_UTF16BE,  /* with BOM FE FF */
	TEXT_ENC_GB18030,
	TEXT_ENC_GBK,      /* output only: cp936 */
};

/* The iconv name of an encoding ("UTF-8", "GB18030", ...); NULL for
 * TEXT_ENC_UNKNOWN. */
const char *text_encoding_name(enum text_encoding enc);

/* Parse a user's encoding name ("utf-8", "utf8", "gb18030", "gbk",
 * "cp936", "utf-8-bom", "utf-16"); TEXT_ENC_UNKNOWN if not known. */
enum text_encoding text_encoding_parse(const char *name);

/* The encoding of the locale's codeset (LC_CTYPE): what the terminal
 * shows.  The C locale counts as UTF-8 (a pipe, a test harness), as does
 * a codeset not in the list above. */
enum text_encoding text_locale_encoding(void);

/* Detect the encoding of a file's bytes: BOM, then strict UTF-8, then
 * GB18030 if the bytes convert.  When COMPLETE is false BUF is a prefix of
 * the file and a sequence cut at its end is tolerated.  Empty or pure
 * ASCII input is UTF-8.  TEXT_ENC_UNKNOWN when nothing fits. */
enum text_encoding text_detect(const char *buf, size_t len, bool complete);

/* Where and why a conversion failed. */
struct text_error {
	size_t offset;          /* byte offset in the input */
	const char *reason;     /* message id, e.g. N_("invalid byte sequence") */
};

/* Convert LEN bytes of IN from encoding FROM to TO (iconv names).  On
 * success returns 0 and a malloc'd NUL-terminated buffer in *OUT (its
 * length in *OUTLEN when not NULL).  On failure returns -1, fills ERR
 * when not NULL, and *OUT is NULL.  Never substitutes silently. */
int text_convert(const char *from, const char *to, const char *in, size_t len,
                 char **out, size_t *outlen, struct text_error *err);

/* LEN bytes of UTF-8 to GB18030, as iconv gives them, by a table of the
 * Basic Multilingual Plane made once with iconv (an export converts a
 * record at a time); text_convert uses it.  -1, with *OUT NULL, for
 * input that is not UTF-8, a character iconv cannot write, or when the
 * table cannot be made. */
int text_to_gb18030(const char *in, size_t len, char **out, size_t *outlen);

/* Convert input of encoding ENC to UTF-8, dropping a BOM; as text_convert.
 * UTF-8 input is validated strictly and copied; a NUL byte is refused;
 * TEXT_ENC_UNKNOWN means detect (text_detect with COMPLETE). */
int text_to_utf8(enum text_encoding enc, const char *in, size_t len,
                 char **out, size_t *outlen, struct text_error *err);

/* True if every character of the UTF-8 string S can be written in the
 * iconv encoding TO (used to warn before exporting to GBK). */
bool text_representable(const char *s, const char *to);

/* --- Character classes ------------------------------------------------ */

/* What a character is to the rules of what may be stored and shown.
 * Every field refuses TEXT_CONTROL, TEXT_BIDI, TEXT_NONCHAR and
 * TEXT_INVALID (TEXT_UNSAFE); names (a person's, a party group's, the
 * branch's) refuse TEXT_HIDDEN too, so that two of them never look the
 * same and differ.  Every exit shows all of these as a placeholder. */
enum text_class {
	TEXT_PLAIN,     /* any other character */
	TEXT_SPACE,     /* TAB, LF, CR: white space where a field allows it */
	TEXT_CONTROL,   /* the rest of C0, DEL, C1 (U+0080-009F), U+2028/2029 */
	TEXT_BIDI,      /* U+061C, U+200E/200F, U+202A-202E, U+2066-2069 */
	TEXT_NONCHAR,   /* U+FDD0-FDEF and U+nFFFE/nFFFF of every plane */
	TEXT_INVALID,   /* bytes that are not UTF-8 (text_scan only) */
	TEXT_INVISIBLE, /* default-ignorable and format characters: zero
	                 * width U+200B-200D, U+2060-2065, U+206A-206F, BOM
	                 * U+FEFF, U+00AD, U+034F, U+115F/1160, U+17B4/17B5,
	                 * U+180E, U+3164, U+FFA0, U+FFF0-FFFB (interlinear
	                 * annotation), U+1BCA0-1BCA3, U+1D173-1D17A, tags and
	                 * the rest of U+E0000-E0FFF */
	TEXT_VARIATION, /* variation selectors U+FE00-FE0F, U+E0100-E01EF,
	                 * Mongolian U+180B-180D, U+180F */
	TEXT_PRIVATE,   /* private use U+E000-F8FF, planes 15 and 16 */
};

#define TEXT_CLASS_BIT(c) (1u << (c))
#define TEXT_UNSAFE (TEXT_CLASS_BIT(TEXT_CONTROL) | TEXT_CLASS_BIT(TEXT_BIDI) | \
                     TEXT_CLASS_BIT(TEXT_NONCHAR) | TEXT_CLASS_BIT(TEXT_INVALID))
#define TEXT_HIDDEN (TEXT_CLASS_BIT(TEXT_INVISIBLE) | \
                     TEXT_CLASS_BIT(TEXT_VARIATION) | TEXT_CLASS_BIT(TEXT_PRIVATE))

/* The class of the scalar value CP. */
enum text_class text_classify(uint32_t cp);

/* The class of the first character of S whose class is one of the bits
 * in MASK (TEXT_CLASS_BIT of each), its byte offset in *AT when AT is
 * not NULL; TEXT_PLAIN when there is none. */
enum text_class text_scan(const char *s, unsigned mask, size_t *at);

/* --- Sanitizing and normalization --------------------------------------- */

/* Return a malloc'd copy of S that is safe to show on a terminal or to
 * print: invalid UTF-8 bytes become U+FFFD, C0 controls U+2400+n (ESC →
 * ␛), DEL ␡, every other character of a class but TEXT_PLAIN (C1, bidi,
 * invisible, variation selector, private use, noncharacter) U+FFFD.  Tab
 * becomes one space, a line feed ␤.  Never NULL unless out of memory. */
char *text_sanitize(const char *s);

/* The same, but line feeds stay (messages of several lines). */
char *text_sanitize_lines(const char *s);

/* A copy of S with every character of TEXT_UNSAFE (ESC, C1, bidi
 * controls, noncharacters, bytes that are not UTF-8) as U+FFFD, or NULL
 * when out of memory.  Tab, CR and LF stay: a cell may hold lines. */
char *text_replace_unsafe(const char *s);

/* The first character of S (LEN > 0 bytes) as text_sanitize() shows it:
 * its code point, itself or the placeholder, into *CP; returns the number
 * of bytes of S it stands for (at least 1). */
size_t text_shown_next(const char *s, size_t len, uint32_t *cp);

/* True if S contains a character that no field may hold (TEXT_UNSAFE),
 * or a tab, line feed or carriage return (input that must not be stored
 * as is). */
bool text_has_controls(const char *s);

/* Full-width ASCII (U+FF01..U+FF5E) to half-width and U+3000 to a space,
 * in place (the result is never longer). */
void text_halfwidth(char *s);

/* Normalize a person's name in place: trim spaces at both ends, full-width
 * and ideographic spaces to ASCII, the middle-dot variants • ・ ． ･ ‧ ⋅ to
 * U+00B7, runs of spaces to one. */
void text_normalize_name(char *s);

/* Trim ASCII and ideographic white space at both ends, in place. */
void text_trim(char *s);

/* The words for one or more codes (errno values, SQLite's codes ...):
 * a table of them ends with a NULL msgid. */
struct text_code_msg {
	int codes[3];           /* a 0 ends them early */
	const char *msgid;      /* a message id, N_ */
};

/* The message id table T has for CODE (not 0), or NULL. */
const char *text_code_msg(const struct text_code_msg *t, int code);

#endif
