/* io.h - import and export of a register through its field table.
 *
 * A record type plugs in with a struct io_table: its field table (which
 * maps the CSV headers, Chinese or English, to the record's buffers) and
 * a few hooks into its validator and store.  io_import() then reads any
 * CSV Chinese Excel writes, checks every row, stores the good ones in one
 * transaction and reports each rejected row's problems; io_export() writes
 * the register back in the form Excel opens, a window of rows at a time.
 * Nothing here prints or translates: problems and notices go to callbacks
 * as message ids.
 */
#ifndef ZHIBU_IO_H
#define ZHIBU_IO_H

#include <stdbool.h>
#include <stddef.h>

#include "csv.h"
#include "db.h"
#include "field.h"

/* A problem the record type's check found: a field key and a message id. */
struct io_check_problem {
	const char *field;
	const char *reason;
};

#define IO_MAX_PROBLEMS 24

struct io_table {
	const char *name;               /* TABLE on the command line: "members" */
	const struct field *fields;     /* ended by a NULL key */
	size_t record_size;
	/* Keys of the columns a file must have; NULL: the FIELD_REQUIRED
	 * fields.  A field whose empty value gets a default need not be. */
	const char *const *required;
	/* Key of the field that identifies a record (身份证号): duplicates in
	 * a file and rows already stored are found by it.  NULL: none. */
	const char *unique;
	/* "is already on the roster": the reason a row whose unique value is
	 * stored is rejected without IO_UPDATE. */
	const char *duplicate_reason;

	/* A new record with its defaults. */
	void (*init)(void *rec);
	/* Normalize REC in place and check it; the number of problems written
	 * to P (at most MAX).  TODAY is YYYY-MM-DD. */
	int (*check)(void *rec, const char *today, struct io_check_problem *p,
	             int max);
	/* The stored record whose unique value is REC's, into FOUND: DB_OK,
	 * DB_NOTFOUND or an error. */
	int (*find)(struct db *db, const void *rec, void *found);
	/* Store a new record; update a stored one (REC carries the key and
	 * version it was read with).  enum db_status. */
	int (*insert)(struct db *db, void *rec);
	int (*update)(struct db *db, void *rec);
	/* Call FN for every record FILTER selects, in the register's order
	 * (deterministic: exporting the same records gives the same bytes),
	 * reading a window at a time; a non-zero return of FN stops it and is
	 * returned.  Else DB_OK or an error. */
	int (*each)(struct db *db, const void *filter,
	            int (*fn)(void *ctx, const void *rec), void *ctx);
	/* How a record is named in messages (a person's name). */
	const char *(*label)(const void *rec);
};

/* The tables that can be imported and exported, ended by NULL. */
extern const struct io_table *const io_tables[];

/* The table called NAME, or NULL. */
const struct io_table *io_table_find(const char *name);

/* The roster (党员花名册), SPEC 1.1; its filter is a struct member_query. */
extern const struct io_table io_member_table;

/* --- Import ----------------------------------------------------------- */

enum io_import_flags {
	IO_DRY_RUN = 1,         /* check everything, store nothing */
	IO_ALL_OR_NOTHING = 2,  /* any rejected row: nothing is stored */
	IO_UPDATE = 4,          /* a row whose unique value is stored updates it */
};

/* One problem of a rejected row: "FILE:LINE: field: reason". */
struct io_problem {
	unsigned long line;             /* physical line the row starts on */
	const struct field *field;      /* the field, or NULL */
	const char *key;                /* a key not in the table, or NULL */
	const char *reason;             /* message id */
	unsigned long first_line;       /* duplicate in the file: its first line */
};

enum io_notice_kind {
	IO_UNKNOWN_COLUMN,      /* TEXT: the header (sanitized); COLUMN */
	IO_DUPLICATE_COLUMN,    /* a failure: FIELD named by COLUMN and OTHER */
	IO_MISSING_COLUMN,      /* a failure: FIELD has no column */
	IO_NEW_GROUP,           /* TEXT: a party group the import creates (or
	                         * would, in a dry run), once each, in the
	                         * order of first use */
};

struct io_notice {
	enum io_notice_kind kind;
	const char *text;
	const struct field *field;
	unsigned column, other;         /* 1-based column numbers */
};

/* How far an import has come: reading and checking rows, then (when
 * storing) indexing and committing them, which takes a while of its own
 * on a large file. */
enum io_phase { IO_READING, IO_FINISHING };

struct io_progress {
	enum io_phase phase;
	unsigned long rows;             /* data rows read so far */
	size_t bytes;                   /* bytes of the file read so far */
};

/* DONE of TOTAL bytes as a percentage (0 to 100), or -1 when TOTAL is
 * not known (0). */
int io_percent(size_t done, size_t total);

struct io_import_options {
	unsigned flags;                 /* enum io_import_flags */
	const char *today;              /* NULL: valid_today() */
	void (*problem)(void *ctx, const struct io_problem *p);
	void (*notice)(void *ctx, const struct io_notice *n);
	void *ctx;
	/* Called about ten times a second while rows are read, once when
	 * the reading is done, and once before the rows are indexed and
	 * committed (not in a dry run, nor when nothing is to be stored). */
	void (*progress)(void *ctx, const struct io_progress *p);
};

struct io_import_result {
	unsigned long rows;             /* data rows read (empty ones skipped) */
	unsigned long accepted;         /* rows that passed every check */
	unsigned long updated;          /* of those, updates of stored records */
	unsigned long rejected;
	unsigned long bad_encoding;     /* rows rejected for invalid bytes */
	bool stored;                    /* the accepted rows were committed */
	enum text_encoding encoding;    /* what the file was read as */
	const char *error;              /* a failure: message id */
	const char *detail;             /* and SQLite's message, errno text ... */
	unsigned long error_line;       /* the line it happened on, or 0 */
};

enum io_status {
	IO_OK = 0,              /* every row accepted (and stored unless dry) */
	IO_REJECTED = 1,        /* finished, some rows rejected */
	IO_FAILED = -1,         /* nothing stored; RESULT.error says why */
};

/* Import the CSV that R reads into table T of DB, in one transaction.
 * The first record is the header row.  Returns enum io_status and fills
 * *RES.  R should have been made with excel_text set. */
int io_import(struct db *db, const struct io_table *t, struct csv_reader *r,
              const struct io_import_options *o, struct io_import_result *res);

/* --- Export ----------------------------------------------------------- */

struct io_export_options {
	const void *filter;             /* passed to T->each */
	bool mask_ids;                  /* F_ID_NUMBER as 110105********123X */
	/* A record had characters the encoding lacks ('?' was written):
	 * the line it starts on in the output and its label. */
	void (*lossy)(void *ctx, unsigned long line, const char *label);
	void *ctx;
};

struct io_export_result {
	unsigned long records;
	unsigned long lossy;            /* records with '?' written */
	const char *error;              /* message id, on failure */
	const char *detail;
};

/* Write the header row (Chinese headers in field order) and every record
 * FILTER selects to W.  ID numbers and phones are written as Excel text
 * cells, and so is any text that would start a formula.  0 or -1. */
int io_export(struct db *db, const struct io_table *t, struct csv_writer *w,
              const struct io_export_options *o, struct io_export_result *res);

/* Write the header row and one record as CSV cells; export's way of
 * writing each value, for other writers of the same columns. */
void io_write_header(struct csv_writer *w, const struct io_table *t);
void io_write_record(struct csv_writer *w, const struct io_table *t,
                     const void *rec, bool mask_ids);

#endif
