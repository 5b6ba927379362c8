/* csv.h - RFC 4180 files in and out, in the encodings Chinese Excel uses.
 *
 * The reader pulls bytes through a callback, decodes them to UTF-8 on the
 * way (UTF-8 with or without a BOM, UTF-16 with a BOM, GB18030, GBK) and
 * hands out one record at a time, so memory stays flat however long the
 * file.  Bytes that are not valid in the file's encoding do not stop it:
 * the cell they are in is marked, so that the caller can reject that row
 * and name its line.  The writer quotes what needs quoting and encodes
 * each record.  Neither knows what the columns mean.
 */
#ifndef ZHIBU_CSV_H
#define ZHIBU_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "text.h"

/* --- Reading ------------------------------------------------------------ */

/* Where the reader's bytes come from: up to N bytes into BUF; the count,
 * 0 at the end, -1 on an error (errno set). */
typedef ssize_t (*csv_read_fn)(void *ctx, char *buf, size_t n);

/* A record longer than this (bytes of UTF-8) is reported, not kept. */
#define CSV_MAX_RECORD (1024 * 1024)

struct csv_options {
	enum text_encoding encoding;    /* TEXT_ENC_UNKNOWN: detect */
	char delimiter;                 /* 0: ',' ';' or tab, from the first line */
	bool excel_text;                /* unwrap Excel's ="..." text cells */
	size_t max_record;              /* 0: CSV_MAX_RECORD */
};

struct csv_field {
	const char *text;       /* UTF-8, NUL-terminated, no NUL inside */
	size_t len;
	const char *bad;        /* message id when some bytes of this cell were
	                         * not valid in the file's encoding (TEXT then
	                         * holds 0xFF marks in their place), else NULL */
};

struct csv_record {
	size_t count;                   /* cells (at least 1) */
	const struct csv_field *fields;
	unsigned long line;             /* physical line the record starts on */
	unsigned long lines;            /* physical lines it spans */
	const char *error;              /* message id of a problem of the whole
	                                 * record (a quote not closed at the end
	                                 * of the file, far too long), or NULL */
};

struct csv_reader;

/* A reader of the bytes READ gives (CTX is passed back), or NULL when out
 * of memory.  O may be NULL for the defaults. */
struct csv_reader *csv_reader_new(csv_read_fn read, void *ctx,
                                  const struct csv_options *o);

/* A reader of LEN bytes at BUF, which must outlive it. */
struct csv_reader *csv_reader_mem(const char *buf, size_t len,
                                  const struct csv_options *o);

/* Take the reader's source back to its first byte: 0, or -1 (errno). */
typedef int (*csv_rewind_fn)(void *ctx);

/* Let csv_reader_rewind() take R's source back with REWIND (a reader of
 * memory can always be rewound). */
void csv_reader_set_rewind(struct csv_reader *r, csv_rewind_fn rewind);

/* Whether R can read its file again. */
bool csv_reader_can_rewind(const struct csv_reader *r);

/* Read the file again from its start, as the encoding and delimiter
 * found the first time say: 0, or -1 (csv_reader_error). */
int csv_reader_rewind(struct csv_reader *r);

/* The next record into *REC, valid until the next call: 1, or 0 at the end
 * of the file, or -1 on a failure that ends the reading (csv_reader_error).
 * Empty lines are skipped; a record's cells keep embedded line breaks as
 * they were in the file. */
int csv_read(struct csv_reader *r, struct csv_record *rec);

/* About how many bytes of the file the records returned so far came from
 * (for progress; the reader itself reads ahead). */
size_t csv_reader_offset(const struct csv_reader *r);

/* The encoding being read (after detection) and the delimiter. */
enum text_encoding csv_reader_encoding(const struct csv_reader *r);
char csv_reader_delimiter(const struct csv_reader *r);

/* Why csv_read failed: a message id; *ERRNUM gets errno for a read error
 * (0 otherwise) when ERRNUM is not NULL. */
const char *csv_reader_error(const struct csv_reader *r, int *errnum);

void csv_reader_free(struct csv_reader *r);

/* Guess the encoding of the first LEN bytes of a file (COMPLETE when that
 * is all of it): text_detect(), and when no encoding fits, the one of
 * UTF-8 and GB18030 under which fewer bytes are invalid. */
enum text_encoding csv_detect(const char *buf, size_t len, bool complete);

/* The text of Excel's text cell ="...", unquoted, in place; false (S left
 * alone) when S is not exactly such a cell. */
bool csv_unwrap_text(char *s, size_t *len);

/* --- Writing ------------------------------------------------------------ */

enum csv_field_flags {
	CSV_TEXT = 1,           /* as ="..." so spreadsheets keep it as text
	                         * (digits of ID numbers, a leading '=') */
};

struct csv_writer_options {
	enum text_encoding encoding;    /* UTF-8, UTF-8 with BOM, GB18030, GBK */
	bool crlf;                      /* records end in CR LF, else LF */
	char delimiter;                 /* 0: ',' */
};

struct csv_writer;

/* A writer to F (not closed by it), or NULL when out of memory or when
 * the encoding cannot be written. */
struct csv_writer *csv_writer_new(FILE *f, const struct csv_writer_options *o);

/* Add one cell of UTF-8 text to the current record.  A character no
 * field may hold (TEXT_UNSAFE: ESC, C1, bidi controls, noncharacters,
 * bytes that are not UTF-8) is written as U+FFFD; tab, CR and LF stay. */
void csv_write_field(struct csv_writer *w, const char *s, unsigned flags);

/* What csv_write_end says besides success. */
enum csv_wrote {
	CSV_WROTE_LOSSY = 1,    /* characters the encoding lacks written as '?' */
	CSV_WROTE_REPLACED = 2, /* characters of TEXT_UNSAFE written as U+FFFD */
};

/* End the record and write it: 0, or the bits of enum csv_wrote that
 * apply; -1 on a write error (see csv_writer_close). */
int csv_write_end(struct csv_writer *w);

/* The physical line the next record will start on (1-based). */
unsigned long csv_writer_line(const struct csv_writer *w);

/* Flush and free; 0, or -1 with errno when something could not be
 * written.  F stays open. */
int csv_writer_close(struct csv_writer *w);

/* Close W after a write that ended with RC (0 or -1): RC, or -1 when
 * the close failed; then *ERROR, if RC was 0, says the file could not be
 * written (a message id), and *DETAIL, unless set, the system's words. */
int csv_writer_finish(struct csv_writer *w, int rc, const char **error,
                      const char **detail);

/* Encode LEN bytes of UTF-8 text into ENC for output (a BOM is not
 * added): a malloc'd buffer in *OUT (length in *OUTLEN), characters ENC
 * lacks written as '?' and *LOSSY set.  0, or -1 when out of memory. */
int csv_encode(enum text_encoding enc, const char *s, size_t len,
               char **out, size_t *outlen, bool *lossy);

#endif
