/* csv.c - RFC 4180 reading and writing with encodings (csv.h).
 *
 * Reading is three stages over bounded buffers: raw bytes from the
 * callback; text, the bytes decoded to UTF-8 a chunk at a time; and the
 * cells of the current record, unquoted.  A byte sequence that is not
 * valid in the file's encoding becomes a two-byte mark, 0xFF and a code
 * letter, in the text: 0xFF never occurs in UTF-8, so the mark passes the
 * quoting rules untouched and shows which cell it landed in.  Chunks are
 * cut where no character can straddle the cut (after a byte below 0x30 in
 * GB18030, whose trail bytes are 0x30 and above), so the decoder seldom
 * has to carry a partial character over.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "gettext.h"

#define CHUNK 65536
#define DETECT_BYTES (1024 * 1024)
#define RAW_MAX (4 * 1024 * 1024)       /* bytes read while looking for a cut */
#define MAX_BAD 1000                    /* invalid sequences before giving up */

#define MARK 0xFF
#define MARK_INVALID 'i'
#define MARK_NUL 'n'
#define MARK_CUT 'c'

static const char msg_nomem[] = N_("out of memory");
static const char msg_read[] = N_("the file could not be read");

enum state {
	S_START,        /* before a record; empty lines are skipped */
	S_CELL,         /* at the start of a cell */
	S_UNQUOTED,
	S_QUOTED,
	S_QUOTE,        /* a quote inside a quoted cell: doubled or closing */
};

struct csv_reader {
	csv_read_fn read;
	csv_rewind_fn rewind;
	void *ctx;
	const char *mem;                /* csv_reader_mem's buffer */
	size_t mem_len, mem_pos;
	struct csv_options o;

	enum text_encoding enc;
	const char *from;               /* iconv name, NULL for UTF-8 */
	unsigned unit;                  /* bytes to skip past a bad sequence */
	bool started, raw_eof, text_eof, failed;
	const char *error;
	int errnum;
	size_t bad;
	size_t decoded;                 /* bytes of the file decoded so far */
	size_t made;                    /* bytes of text they gave */

	char *raw;                      /* undecoded bytes */
	size_t raw_len, raw_cap;
	char *text;                     /* decoded, text_pos is the parser's */
	size_t text_pos, text_len, text_cap;

	unsigned long line;             /* physical line at text_pos */
	bool after_cr;

	char *cells;                    /* the record's cells, NUL after each */
	size_t cells_len, cells_cap;
	size_t *starts;
	size_t nstarts, starts_cap;
	struct csv_field *fields;
	size_t fields_cap;
	bool too_long;
};

/* --- buffers ---------------------------------------------------------- */

/* Make room for NEED more bytes in *BUF (used LEN, capacity *CAP). */
static bool reserve(char **buf, size_t *cap, size_t len, size_t need)
{
	size_t ncap = *cap ? *cap : 256;
	char *n;

	if (len + need <= *cap)
		return true;
	while (ncap < len + need) {
		if (ncap > SIZE_MAX / 2)
			return false;
		ncap *= 2;
	}
	n = realloc(*buf, ncap);
	if (!n)
		return false;
	*buf = n;
	*cap = ncap;
	return true;
}

static void fail(struct csv_reader *r, const char *msgid, int errnum)
{
	if (!r->failed) {
		r->failed = true;
		r->error = msgid;
		r->errnum = errnum;
	}
}

/* --- raw bytes -------------------------------------------------------- */

static ssize_t source_read(struct csv_reader *r, char *buf, size_t n)
{
	size_t k;

	if (!r->read) {
		k = r->mem_len - r->mem_pos;
		if (k > n)
			k = n;
		memcpy(buf, r->mem + r->mem_pos, k);
		r->mem_pos += k;
		return (ssize_t)k;
	}
	return r->read(r->ctx, buf, n);
}

/* Read until RAW holds WANT bytes or the file ends. */
static int fill_raw(struct csv_reader *r, size_t want)
{
	while (!r->raw_eof && r->raw_len < want) {
		/* small steps at first: most files are small */
		size_t step = r->raw_len < 4096 ? 4096 : r->raw_len;
		ssize_t n;

		if (step > want - r->raw_len)
			step = want - r->raw_len;
		if (step > CHUNK)
			step = CHUNK;
		if (!reserve(&r->raw, &r->raw_cap, r->raw_len, step)) {
			fail(r, msg_nomem, 0);
			return -1;
		}
		n = source_read(r, r->raw + r->raw_len, step);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail(r, msg_read, errno);
			return -1;
		}
		if (n == 0)
			r->raw_eof = true;
		r->raw_len += (size_t)n;
	}
	return 0;
}

/* --- decoded text ----------------------------------------------------- */

static bool text_append(struct csv_reader *r, const char *s, size_t n)
{
	if (n == 0)
		return true;
	if (r->text_pos > 0 && r->text_len + n > r->text_cap) {
		/* the parser keeps no pointers into TEXT: compact first */
		memmove(r->text, r->text + r->text_pos, r->text_len - r->text_pos);
		r->text_len -= r->text_pos;
		r->text_pos = 0;
	}
	if (!reserve(&r->text, &r->text_cap, r->text_len, n)) {
		fail(r, msg_nomem, 0);
		return false;
	}
	memcpy(r->text + r->text_len, s, n);
	r->text_len += n;
	r->made += n;
	return true;
}

static bool mark(struct csv_reader *r, char code)
{
	char m[2] = { (char)MARK, code };

	if (++r->bad > MAX_BAD) {
		fail(r, N_("too many bytes are not valid in the file's encoding: is it in another encoding?"), 0);
		return false;
	}
	return text_append(r, m, 2);
}

/* Append decoded UTF-8, a NUL character becoming a mark. */
static bool append_decoded(struct csv_reader *r, const char *s, size_t n)
{
	const char *nul;

	while ((nul = memchr(s, '\0', n))) {
		size_t k = (size_t)(nul - s);

		if (!text_append(r, s, k) || !mark(r, MARK_NUL))
			return false;
		s += k + 1;
		n -= k + 1;
	}
	return text_append(r, s, n);
}

/* Decode N bytes of UTF-8: how many were used (the rest is a character
 * cut by the end of the chunk), or -1. */
static ssize_t decode_utf8(struct csv_reader *r, const char *s, size_t n,
                           bool last)
{
	size_t i = 0, start = 0;

	if (text_utf8_valid(s, n))
		return text_append(r, s, n) ? (ssize_t)n : -1;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		int k;

		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		k = c ? text_utf8_decode(s + i, n - i, &cp) : -1;
		if (k > 0) {
			i += (size_t)k;
			continue;
		}
		if (!text_append(r, s + start, i - start))
			return -1;
		if (k == -2 && !last)
			return (ssize_t)i;
		if (!mark(r, c == 0 ? MARK_NUL : k == -2 ? MARK_CUT : MARK_INVALID))
			return -1;
		i++;
		start = i;
	}
	return text_append(r, s + start, i - start) ? (ssize_t)n : -1;
}

/* Decode N bytes through iconv, marking what does not convert.  Only a
 * chunk cut where a character may straddle (FORCED) carries a failure in
 * its last bytes over to the next chunk. */
static ssize_t decode_iconv(struct csv_reader *r, const char *s, size_t n,
                            bool forced)
{
	size_t done = 0;

	while (done < n) {
		struct text_error e = { 0, NULL };
		char *out;
		size_t outlen;

		if (text_convert(r->from, "UTF-8", s + done, n - done, &out,
		                 &outlen, &e) == 0) {
			bool okay = append_decoded(r, out, outlen);

			free(out);
			return okay ? (ssize_t)n : -1;
		}
		if (e.offset > n - done)
			e.offset = n - done;
		/* the part before the bad spot converts: take it */
		if (e.offset > 0) {
			if (text_convert(r->from, "UTF-8", s + done, e.offset, &out,
			                 &outlen, NULL) != 0) {
				fail(r, msg_nomem, 0);
				return -1;
			}
			if (!append_decoded(r, out, outlen)) {
				free(out);
				return -1;
			}
			free(out);
			done += e.offset;
		}
		if (forced && n - done < 4)
			return (ssize_t)done;
		if (!mark(r, MARK_INVALID))
			return -1;
		done += r->unit <= n - done ? r->unit : n - done;
	}
	return (ssize_t)done;
}

/* Where a chunk of RAW may end without cutting a character. */
static size_t safe_cut(const struct csv_reader *r)
{
	const unsigned char *s = (const unsigned char *)r->raw;
	size_t n = r->raw_len;

	if (!r->from)
		return n;       /* decode_utf8 carries a cut character itself */
	if (r->unit == 2) {
		n &= ~(size_t)1;
		if (n >= 2) {
			unsigned u = r->enc == TEXT_ENC_UTF16BE ?
			             (unsigned)s[n - 2] << 8 | s[n - 1] :
			             (unsigned)s[n - 1] << 8 | s[n - 2];

			if (u >= 0xD800 && u <= 0xDBFF)
				n -= 2;
		}
		return n;
	}
	/* GB18030 and GBK: no byte below 0x30 is part of a longer character */
	while (n > 0 && s[n - 1] >= 0x30)
		n--;
	return n;
}

static bool is_workbook(const char *s, size_t n)
{
	return (n >= 4 && memcmp(s, "PK\3\4", 4) == 0) ||
	       (n >= 8 && memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0);
}

/* Read the start of the file, decide the encoding and skip a BOM. */
static int start(struct csv_reader *r)
{
	const unsigned char *s;
	size_t skip = 0;
	char *probe;

	r->started = true;
	if (fill_raw(r, DETECT_BYTES) < 0)
		return -1;
	if (is_workbook(r->raw, r->raw_len)) {
		fail(r, N_("this is a spreadsheet workbook, not a CSV file: save it as CSV first"), 0);
		return -1;
	}
	s = (const unsigned char *)r->raw;
	r->enc = r->o.encoding;
	if (r->enc == TEXT_ENC_UNKNOWN)
		r->enc = csv_detect(r->raw, r->raw_len, r->raw_eof);
	switch (r->enc) {
	case TEXT_ENC_UTF8:
	case TEXT_ENC_UTF8_BOM:
		if (r->raw_len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
			skip = 3;
		r->enc = skip ? TEXT_ENC_UTF8_BOM : TEXT_ENC_UTF8;
		break;
	case TEXT_ENC_UTF16LE:
	case TEXT_ENC_UTF16BE:
		/* the BOM knows the byte order better than the caller */
		if (r->raw_len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
			r->enc = TEXT_ENC_UTF16LE;
			skip = 2;
		} else if (r->raw_len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
			r->enc = TEXT_ENC_UTF16BE;
			skip = 2;
		}
		r->from = text_encoding_name(r->enc);
		r->unit = 2;
		break;
	case TEXT_ENC_GB18030:
		if (r->raw_len >= 4 && memcmp(s, "\x84\x31\x95\x33", 4) == 0)
			skip = 4;
		/* fall through */
	default:
		r->from = text_encoding_name(r->enc);
		r->unit = 1;
		break;
	}
	if (r->from && text_convert(r->from, "UTF-8", "", 0, &probe, NULL,
	                            NULL) != 0) {
		fail(r, N_("the file's encoding is not supported on this system"), 0);
		return -1;
	}
	if (r->from)
		free(probe);
	memmove(r->raw, r->raw + skip, r->raw_len - skip);
	r->raw_len -= skip;
	r->decoded = skip;
	return 0;
}

/* Decode another chunk into TEXT: 1, 0 when there is nothing left, -1. */
static int decode_more(struct csv_reader *r)
{
	size_t cut;
	ssize_t used;
	bool last, forced;

	if (r->failed)
		return -1;
	if (r->text_eof)
		return 0;
	if (!r->started && start(r) < 0)
		return -1;
	if (fill_raw(r, CHUNK) < 0)
		return -1;
	if (r->raw_len == 0) {
		r->text_eof = true;
		return 0;
	}
	cut = r->raw_eof ? r->raw_len : safe_cut(r);
	while (cut == 0 && !r->raw_eof && r->raw_len < RAW_MAX) {
		if (fill_raw(r, r->raw_len + CHUNK) < 0)
			return -1;
		cut = r->raw_eof ? r->raw_len : safe_cut(r);
	}
	forced = cut == 0;
	if (forced)
		cut = r->raw_len;
	last = r->raw_eof && cut == r->raw_len;
	used = r->from ? decode_iconv(r, r->raw, cut, forced && !last)
	               : decode_utf8(r, r->raw, cut, last);
	if (used < 0)
		return -1;
	memmove(r->raw, r->raw + used, r->raw_len - (size_t)used);
	r->raw_len -= (size_t)used;
	r->decoded += (size_t)used;
	if (used == 0 && r->raw_eof) {
		/* nothing decodable is left: never loop */
		r->text_eof = true;
		return 0;
	}
	return 1;
}

/* --- detection -------------------------------------------------------- */

/* Invalid sequences in BUF read as UTF-8 (NUL counts), up to CAP. */
static int count_bad_utf8(const char *buf, size_t len, bool complete, int cap)
{
	size_t i = 0;
	int bad = 0;

	while (i < len && bad < cap) {
		uint32_t cp;
		int k;

		if ((unsigned char)buf[i] - 1u < 0x7Fu) {
			i++;
			continue;
		}
		k = buf[i] ? text_utf8_decode(buf + i, len - i, &cp) : -1;
		if (k == -2 && !complete)
			break;
		if (k > 0) {
			i += (size_t)k;
		} else {
			bad++;
			i++;
		}
	}
	return bad;
}

/* The same read as GB18030. */
static int count_bad_gb18030(const char *buf, size_t len, bool complete,
                             int cap)
{
	size_t pos = 0;
	int bad = (int)(memchr(buf, '\0', len) != NULL);

	while (pos < len && bad < cap) {
		struct text_error e = { 0, NULL };
		char *out;

		if (text_convert("GB18030", "UTF-8", buf + pos, len - pos, &out,
		                 NULL, &e) == 0) {
			free(out);
			break;
		}
		if (!complete && len - pos - e.offset < 4)
			break;
		bad++;
		pos += e.offset + 1;
	}
	return bad;
}

enum text_encoding csv_detect(const char *buf, size_t len, bool complete)
{
	enum text_encoding enc = text_detect(buf, len, complete);

	if (enc != TEXT_ENC_UNKNOWN)
		return enc;
	/* Nothing fits: some bytes are damaged.  Read it the way that leaves
	 * the fewest of them, so only the damaged rows are rejected. */
	if (count_bad_utf8(buf, len, complete, 64) <
	    count_bad_gb18030(buf, len, complete, 64))
		return TEXT_ENC_UTF8;
	return TEXT_ENC_GB18030;
}

/* --- the parser ------------------------------------------------------- */

static void cell_add(struct csv_reader *r, const char *s, size_t n)
{
	if (r->too_long || n == 0)
		return;
	if (r->cells_len + n + 1 > r->o.max_record) {
		r->too_long = true;
		return;
	}
	if (!reserve(&r->cells, &r->cells_cap, r->cells_len, n + 1)) {
		fail(r, msg_nomem, 0);
		r->too_long = true;
		return;
	}
	memcpy(r->cells + r->cells_len, s, n);
	r->cells_len += n;
}

static void cell_begin(struct csv_reader *r)
{
	if (r->too_long)
		return;
	if (r->nstarts == r->starts_cap) {
		size_t ncap = r->starts_cap ? r->starts_cap * 2 : 32;
		size_t *n = realloc(r->starts, ncap * sizeof *n);

		if (!n) {
			fail(r, msg_nomem, 0);
			r->too_long = true;
			return;
		}
		r->starts = n;
		r->starts_cap = ncap;
	}
	r->starts[r->nstarts++] = r->cells_len;
}

static void cell_end(struct csv_reader *r)
{
	if (r->too_long)
		return;
	if (r->cells_len + 1 > r->o.max_record) {
		r->too_long = true;
		return;
	}
	if (!reserve(&r->cells, &r->cells_cap, r->cells_len, 1)) {
		fail(r, msg_nomem, 0);
		r->too_long = true;
		return;
	}
	r->cells[r->cells_len++] = '\0';
}

bool csv_unwrap_text(char *s, size_t *len)
{
	size_t n = *len, i, o;

	if (n < 3 || s[0] != '=' || s[1] != '"' || s[n - 1] != '"')
		return false;
	/* inside, a quote is written twice, as in a formula's string */
	for (i = 2; i < n - 1; i++) {
		if (s[i] != '"')
			continue;
		if (i + 1 >= n - 1 || s[i + 1] != '"')
			return false;
		i++;
	}
	for (i = 2, o = 0; i < n - 1; i++) {
		s[o++] = s[i];
		if (s[i] == '"')
			i++;
	}
	s[o] = '\0';
	*len = o;
	return true;
}

static const char *mark_reason(const char *s, size_t n)
{
	const char *m = memchr(s, MARK, n);

	if (!m)
		return NULL;
	if (m + 1 < s + n && m[1] == MARK_NUL)
		return N_("contains a NUL byte");
	if (m + 1 < s + n && m[1] == MARK_CUT)
		return N_("the file ends in the middle of a character");
	return N_("contains bytes that are not valid in the file's encoding");
}

/* Hand out the record gathered so far. */
static int record_done(struct csv_reader *r, struct csv_record *rec,
                       unsigned long first, unsigned long last,
                       const char *error)
{
	size_t i;

	if (r->failed)
		return -1;
	if (r->too_long) {
		/* what was kept is not the record: show one empty cell */
		r->cells_len = 0;
		r->nstarts = 0;
		r->too_long = false;
		cell_begin(r);
		cell_end(r);
		error = N_("the row is far too long");
	}
	if (r->nstarts > r->fields_cap) {
		struct csv_field *f = realloc(r->fields, r->nstarts * sizeof *f);

		if (!f) {
			fail(r, msg_nomem, 0);
			return -1;
		}
		r->fields = f;
		r->fields_cap = r->nstarts;
	}
	for (i = 0; i < r->nstarts; i++) {
		struct csv_field *f = &r->fields[i];
		size_t end = i + 1 < r->nstarts ? r->starts[i + 1] : r->cells_len;
		char *t = r->cells + r->starts[i];

		f->len = end - r->starts[i] - 1;
		if (r->o.excel_text)
			csv_unwrap_text(t, &f->len);
		f->text = t;
		f->bad = mark_reason(t, f->len);
	}
	rec->count = r->nstarts;
	rec->fields = r->fields;
	rec->line = first;
	rec->lines = last - first + 1;
	rec->error = error;
	return 1;
}

/* A line break outside quotes: count it; CR LF is one. */
static void line_break(struct csv_reader *r, char c)
{
	if (c == '\r') {
		r->line++;
		r->after_cr = true;
	} else {
		if (!r->after_cr)
			r->line++;
		r->after_cr = false;
	}
}

/* The delimiter, decided on the first line once enough of it is
 * decoded; false when reading failed. */
static bool delimiter_decided(struct csv_reader *r)
{
	while (!r->failed && !r->text_eof &&
	       r->text_len - r->text_pos < CHUNK &&
	       (r->text_len == r->text_pos ||
	        !memchr(r->text + r->text_pos, '\n', r->text_len - r->text_pos)))
		if (decode_more(r) < 0)
			break;
	if (r->failed)
		return false;
	r->o.delimiter = csv_reader_delimiter(r);
	return true;
}

/* The end of the quoted text from T (before END): the next quote, or
 * END; the line breaks on the way counted. */
static const char *quoted_run(struct csv_reader *r, const char *t, const char *end)
{
	const char *p;

	for (p = t; p < end && *p != '"'; p++) {
		if (*p == '\r' || *p == '\n')
			line_break(r, *p);
		else
			r->after_cr = false;
	}
	return p;
}

int csv_read(struct csv_reader *r, struct csv_record *rec)
{
	enum state st = S_START;
	unsigned long first = r->line;
	char delim;

	if (!r->o.delimiter && !delimiter_decided(r))
		return -1;
	delim = r->o.delimiter;
	r->cells_len = 0;
	r->nstarts = 0;
	r->too_long = false;

	for (;;) {
		const char *t, *p, *end;
		char c;

		if (r->text_pos == r->text_len) {
			int got = decode_more(r);

			if (got < 0)
				return -1;
			if (got > 0)
				continue;
			if (st == S_START)
				return 0;
			cell_end(r);
			return record_done(r, rec, first, r->line,
			                   st == S_QUOTED ? N_("the file ends inside a quoted cell") : NULL);
		}
		t = r->text + r->text_pos;
		end = r->text + r->text_len;
		c = *t;
		switch (st) {
		case S_START:
			if (c == '\r' || c == '\n') {
				line_break(r, c);
				r->text_pos++;
				break;
			}
			r->after_cr = false;
			first = r->line;
			cell_begin(r);
			st = S_CELL;
			break;
		case S_CELL:
			if (c == '"') {
				r->text_pos++;
				st = S_QUOTED;
			} else {
				st = S_UNQUOTED;
			}
			break;
		case S_UNQUOTED:
			for (p = t; p < end && *p != delim && *p != '\r' && *p != '\n'; p++)
				;
			cell_add(r, t, (size_t)(p - t));
			r->text_pos += (size_t)(p - t);
			if (p == end)
				break;
			r->after_cr = false;
			cell_end(r);
			r->text_pos++;
			if (*p == delim) {
				cell_begin(r);
				st = S_CELL;
				break;
			}
			{
				unsigned long last = r->line;

				line_break(r, *p);
				return record_done(r, rec, first, last, NULL);
			}
		case S_QUOTED:
			p = quoted_run(r, t, end);
			cell_add(r, t, (size_t)(p - t));
			r->text_pos += (size_t)(p - t);
			if (p < end) {
				r->text_pos++;
				st = S_QUOTE;
			}
			break;
		case S_QUOTE:
			r->after_cr = false;
			if (c == '"') {
				cell_add(r, t, 1);
				r->text_pos++;
				st = S_QUOTED;
			} else {
				/* closing; anything before the delimiter is
				 * kept, as Excel does with "ab"c */
				st = S_UNQUOTED;
			}
			break;
		}
	}
}

/* --- the reader's life ------------------------------------------------ */

struct csv_reader *csv_reader_new(csv_read_fn read, void *ctx,
                                  const struct csv_options *o)
{
	struct csv_reader *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->read = read;
	r->ctx = ctx;
	if (o)
		r->o = *o;
	if (r->o.max_record == 0)
		r->o.max_record = CSV_MAX_RECORD;
	r->line = 1;
	return r;
}

struct csv_reader *csv_reader_mem(const char *buf, size_t len,
                                  const struct csv_options *o)
{
	struct csv_reader *r = csv_reader_new(NULL, NULL, o);

	if (r) {
		r->mem = len ? buf : "";
		r->mem_len = len;
	}
	return r;
}

void csv_reader_set_rewind(struct csv_reader *r, csv_rewind_fn rewind)
{
	r->rewind = rewind;
}

bool csv_reader_can_rewind(const struct csv_reader *r)
{
	return !r->read || r->rewind;
}

int csv_reader_rewind(struct csv_reader *r)
{
	if (r->failed)
		return -1;
	if (!csv_reader_can_rewind(r)) {
		fail(r, msg_read, ESPIPE);
		return -1;
	}
	if (r->read && r->rewind(r->ctx) < 0) {
		fail(r, msg_read, errno);
		return -1;
	}
	r->mem_pos = 0;
	/* start() again skips the BOM; the encoding stays what it found
	 * (for a file read whole, detection would find it again anyway) */
	if (r->started)
		r->o.encoding = r->enc;
	r->started = r->raw_eof = r->text_eof = false;
	r->bad = r->decoded = r->made = 0;
	r->raw_len = r->text_pos = r->text_len = 0;
	r->line = 1;
	r->after_cr = false;
	return 0;
}

size_t csv_reader_offset(const struct csv_reader *r)
{
	double left = (double)(r->text_len - r->text_pos);

	/* the text not parsed yet, in bytes of the file at the rate so far */
	if (r->made == 0)
		return r->decoded;
	return r->decoded - (size_t)(left * (double)r->decoded / (double)r->made);
}

enum text_encoding csv_reader_encoding(const struct csv_reader *r)
{
	return r->enc;
}

char csv_reader_delimiter(const struct csv_reader *r)
{
	size_t i, n[3] = { 0, 0, 0 };
	bool quoted = false, seen = false;

	if (r->o.delimiter)
		return r->o.delimiter;
	/* count outside quotes on the first line that has anything */
	for (i = r->text_pos; i < r->text_len; i++) {
		char c = r->text[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\r' || c == '\n') && seen)
			break;
		else if (!quoted && c == ',')
			n[0]++;
		else if (!quoted && c == ';')
			n[1]++;
		else if (!quoted && c == '\t')
			n[2]++;
		if (c != '\r' && c != '\n')
			seen = true;
	}
	if (n[2] > n[0] && n[2] >= n[1])
		return '\t';
	if (n[1] > n[0])
		return ';';
	return ',';
}

const char *csv_reader_error(const struct csv_reader *r, int *errnum)
{
	if (errnum)
		*errnum = r->errnum;
	return r->error;
}

void csv_reader_free(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->raw);
	free(r->text);
	free(r->cells);
	free(r->starts);
	free(r->fields);
	free(r);
}

/* --- writing ---------------------------------------------------------- */

struct csv_writer {
	FILE *f;
	enum text_encoding enc;
	bool crlf;
	char delim;
	char *buf;                      /* the record, UTF-8 */
	size_t len, cap;
	size_t nfields;
	unsigned long line;
	bool replaced;                  /* the record had characters replaced */
	bool failed;
	int errnum;
};

static void put(struct csv_writer *w, const char *s, size_t n)
{
	if (w->failed)
		return;
	if (!reserve(&w->buf, &w->cap, w->len, n)) {
		w->failed = true;
		w->errnum = ENOMEM;
		return;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void puts_w(struct csv_writer *w, const char *s)
{
	put(w, s, strlen(s));
}

/* S with every quote written REPEAT times. */
static void put_doubled(struct csv_writer *w, const char *s, int repeat)
{
	const char *q;

	while ((q = strchr(s, '"'))) {
		put(w, s, (size_t)(q - s));
		for (int i = 0; i < repeat; i++)
			put(w, "\"", 1);
		s = q + 1;
	}
	puts_w(w, s);
}

struct csv_writer *csv_writer_new(FILE *f, const struct csv_writer_options *o)
{
	struct csv_writer *w;

	switch (o->encoding) {
	case TEXT_ENC_UTF8:
	case TEXT_ENC_UTF8_BOM:
	case TEXT_ENC_GB18030:
	case TEXT_ENC_GBK:
		break;
	default:
		return NULL;
	}
	w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->f = f;
	w->enc = o->encoding;
	w->crlf = o->crlf;
	w->delim = o->delimiter ? o->delimiter : ',';
	w->line = 1;
	if (w->enc == TEXT_ENC_UTF8_BOM && fputs("\xEF\xBB\xBF", f) == EOF) {
		w->failed = true;
		w->errnum = errno;
	}
	return w;
}

void csv_write_field(struct csv_writer *w, const char *s, unsigned flags)
{
	char specials[5] = { '"', '\r', '\n', w->delim, '\0' };
	char *clean = NULL;
	bool quote;

	/* The file is opened in spreadsheets and editors, or cat to a
	 * terminal: nothing that would act on one goes out. */
	if (text_scan(s, TEXT_UNSAFE, NULL) != TEXT_PLAIN) {
		clean = text_replace_unsafe(s);
		if (!clean) {
			w->failed = true;
			w->errnum = ENOMEM;
			return;
		}
		s = clean;
		w->replaced = true;
	}
	quote = strpbrk(s, specials) != NULL;

	if (w->nfields++)
		put(w, &w->delim, 1);
	if (!*s)
		return;
	/* what looks like a text cell would be unwrapped when read back */
	if (s[0] == '=' && s[1] == '"')
		flags |= CSV_TEXT;
	if (flags & CSV_TEXT) {
		if (!quote) {
			puts_w(w, "=\"");
			puts_w(w, s);
			puts_w(w, "\"");
		} else {
			/* a formula's string inside a quoted cell: each quote
			 * doubled for the formula, then again for the CSV */
			puts_w(w, "\"=\"\"");
			put_doubled(w, s, 4);
			puts_w(w, "\"\"\"");
		}
	} else if (quote) {
		puts_w(w, "\"");
		put_doubled(w, s, 2);
		puts_w(w, "\"");
	} else {
		puts_w(w, s);
	}
	free(clean);
}

int csv_write_end(struct csv_writer *w)
{
	const char *p;
	char *out = NULL;
	size_t outlen;
	bool lossy = false;
	int rc = 0;

	for (p = w->buf; p && (p = memchr(p, '\n', (size_t)(w->buf + w->len - p))); p++)
		w->line++;
	w->line++;
	puts_w(w, w->crlf ? "\r\n" : "\n");
	w->nfields = 0;
	if (w->failed)
		return -1;
	if (w->replaced)
		rc |= CSV_WROTE_REPLACED;
	w->replaced = false;
	if (w->enc == TEXT_ENC_UTF8 || w->enc == TEXT_ENC_UTF8_BOM) {
		if (fwrite(w->buf, 1, w->len, w->f) != w->len)
			rc = -1;
	} else if (csv_encode(w->enc, w->buf, w->len, &out, &outlen, &lossy) < 0) {
		errno = ENOMEM;
		rc = -1;
	} else {
		if (fwrite(out, 1, outlen, w->f) != outlen)
			rc = -1;
		free(out);
	}
	w->len = 0;
	if (rc < 0) {
		w->failed = true;
		w->errnum = errno;
		return -1;
	}
	return rc | (lossy ? CSV_WROTE_LOSSY : 0);
}

unsigned long csv_writer_line(const struct csv_writer *w)
{
	return w->line;
}

int csv_writer_close(struct csv_writer *w)
{
	int rc = 0, e = 0;

	if (!w)
		return 0;
	if (fflush(w->f) == EOF || ferror(w->f)) {
		rc = -1;
		e = errno;
	}
	if (w->failed) {
		rc = -1;
		e = w->errnum;
	}
	free(w->buf);
	free(w);
	if (rc < 0)
		errno = e ? e : EIO;
	return rc;
}

int csv_writer_finish(struct csv_writer *w, int rc, const char **error,
                      const char **detail)
{
	if (csv_writer_close(w) == 0)
		return rc;
	/* the writer knows what the system said */
	if (rc == 0)
		*error = N_("the file could not be written");
	if (rc == 0 || !*detail)
		*detail = strerror(errno);
	return -1;
}

int csv_encode(enum text_encoding enc, const char *s, size_t len,
               char **out, size_t *outlen, bool *lossy)
{
	const char *to = text_encoding_name(enc);
	char *buf = NULL;
	size_t n = 0, cap = 0, i = 0;

	*out = NULL;
	*outlen = 0;
	if (!to || enc == TEXT_ENC_UTF8 || enc == TEXT_ENC_UTF8_BOM)
		to = "UTF-8";
	if (text_convert("UTF-8", to, s, len, out, outlen, NULL) == 0)
		return 0;
	/* Slow path, for the rare text with a character TO lacks: one
	 * character at a time, '?' for each that fails. */
	while (i < len) {
		uint32_t cp;
		int k = text_utf8_decode(s + i, len - i, &cp);
		char *one = NULL;
		size_t onelen = 0;

		if (k > 0 && text_convert("UTF-8", to, s + i, (size_t)k, &one,
		                          &onelen, NULL) == 0) {
			if (!reserve(&buf, &cap, n, onelen + 1)) {
				free(one);
				free(buf);
				return -1;
			}
			memcpy(buf + n, one, onelen);
			n += onelen;
			free(one);
		} else {
			if (!reserve(&buf, &cap, n, 2)) {
				free(buf);
				return -1;
			}
			buf[n++] = '?';
			*lossy = true;
		}
		i += k > 0 ? (size_t)k : 1;
	}
	if (!reserve(&buf, &cap, n, 1)) {
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
}
