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
#include <stdio.h>

#include "csv.h"
#include "db.h"
#include "field.h"

#define IO_MAX_PROBLEMS 24

struct query;
struct query_def;
struct store_def;

struct io_table {
	const char *name;               /* TABLE on the command line: "members" */
	/* How a record is stored (store.h): rows are found, added and
	 * changed through it, by bound parameters only; and the register's
	 * lists (query.h): an export walks the records in their first order,
	 * as the list shows them. */
	const struct store_def *store;
	const struct query_def *query;
	/* Keys of the columns a file must have; NULL: the FIELD_REQUIRED
	 * fields.  A field whose empty value gets a default need not be. */
	const char *const *required;
	/* Key of the field that identifies a record (身份证号): duplicates in
	 * a file and rows already stored are found by it.  NULL: none. */
	const char *unique;
	/* "is already on the roster": the reason a row whose unique value is
	 * stored is rejected without IO_UPDATE. */
	const char *duplicate_reason;
	/* "is not on the roster, and the file lacks columns a new member
	 * needs": the reason a row of an update file (one without every
	 * required column) whose unique value is not stored is rejected. */
	const char *absent_reason;

	/* A new record with its defaults. */
	void (*init)(void *rec);
	/* Normalize REC in place and check it; the number of problems written
	 * to P (at most MAX).  TODAY is YYYY-MM-DD. */
	int (*check)(void *rec, const char *today, struct field_problem *p,
	             int max);
	/* The field that names a record in messages (a person's name);
	 * NULL: none. */
	const char *label_field;
	/* A date of field F that the file gives only to the month: DATE holds
	 * its first day (YYYY-MM-01) and REC every cell of the row; the hook
	 * may put a better day of that month in DATE (a birth date from the
	 * ID number) and returns how it chose it (message id), or NULL when
	 * the first of the month stays.  NULL: the first of the month. */
	const char *(*month_day)(const void *rec, const struct field *f,
	                         char date[11]);
	/* An update: what REC (checked) may not change in OLD, the stored
	 * record (a status that cannot follow the stored one ...); the number
	 * of problems written to P (at most MAX).  NULL: anything may. */
	int (*change)(const void *old, const void *rec, struct field_problem *p,
	              int max);
	/* The rules across records, once REC passed CHECK: the records of
	 * other registers REC names, found in DB and completed in place (a
	 * 流出's member by its ID number); the number of problems written
	 * to P (at most MAX).  NULL: none. */
	int (*resolve)(struct db *db, void *rec, struct field_problem *p, int max);
};


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
	IO_COLUMN_BY_VALUES,    /* COLUMN (header TEXT) names FROM, but COUNT
	                         * values, all of them FIELD's, say it is FIELD */
	IO_COLUMN_BY_HAND,      /* COLUMN (header TEXT) is read as FIELD (NULL:
	                         * left out) as assigned by hand; REMEMBERED:
	                         * for an earlier file with this header row */
	IO_COLUMN_SHADOWED,     /* COLUMN (header TEXT) also names FIELD, which
	                         * column OTHER gives: it is left out */
	IO_MAP_UNUSED,          /* a failure: TEXT, a column assigned by hand,
	                         * is not in the header row */
	IO_MONTH_DATES,         /* COUNT dates of FIELD were given only to the
	                         * month; TEXT (message id) says which day they
	                         * were given.  After the rows, for the rows
	                         * stored (or that would be) */
};

struct io_notice {
	enum io_notice_kind kind;
	const char *text;
	const struct field *field;
	unsigned column, other;         /* 1-based column numbers */
	const struct field *from;
	unsigned long count;
	bool remembered;
	bool guessed;                   /* IO_MONTH_DATES: a day chosen for
	                                 * want of one (the 1st), to correct */
};

/* --- Columns ------------------------------------------------------------ */

/* A column assigned by hand (--map, the import screen): by its 1-based
 * number, or when that is 0 by its header (compared normalized; a number
 * is also taken as a column's number when no header is so). */
struct io_assign {
	unsigned column;
	const char *header;
	const struct field *field;      /* NULL: leave the column out */
};

/* Why a column is read as what it is. */
enum io_column_how {
	IO_COL_NAMED,           /* its header names the field (or an alias) */
	IO_COL_VALUES,          /* its header names NAMED, its values FIELD */
	IO_COL_HAND,            /* assigned by hand for this import */
	IO_COL_REMEMBERED,      /* assigned by hand for an earlier file with
	                         * the same header row */
	IO_COL_UNKNOWN,         /* its header names no field: left out */
	IO_COL_SHADOWED,        /* another column gives its field: left out */
	IO_COL_BLANK,           /* no header: left out without a word */
};

struct io_column {
	char *header;                   /* the header cell, sanitized */
	/* what is known of it */
	const struct field *named;      /* what its header names, or NULL */
	bool exact;                     /* by a header or key, not an alias */
	const struct field *valued;     /* what its values are, if not NAMED's */
	unsigned long values;           /* how many values said so */
	bool by_hand;                   /* assigned by hand, to HAND */
	bool remembered;                /* ... for an earlier file */
	const struct field *hand;       /* NULL: left out */
	/* and so what it is read as */
	const struct field *field;      /* NULL: left out */
	enum io_column_how how;
	const struct field *wanted;     /* what it would be read as (the field
	                                 * of a column left out as SHADOWED) */
	unsigned other;                 /* SHADOWED: the column (1-based) that
	                                 * gives that field */
};

struct io_columns {
	struct io_column *col;
	size_t n;
	unsigned long line;             /* of the header row */
	char setting[64];               /* where assignments by hand for this
	                                 * header row are remembered */
	const char *unused;             /* an assignment's header that is not
	                                 * in the header row (the failure) */
};

/* Read the header row of R (the first record that is not empty) and decide
 * what each column of table T is read as: what A (NA assignments) says,
 * else what was remembered in DB for this header row, else what its header
 * names, or, for a column whose header names a choice field none of whose
 * values fit, the one other choice field all its values fit (read to the
 * end of the file if need be, then rewound: csv_reader_rewind).  R is left
 * after the header row.  0; 1 when the file is empty; -1 with *ERROR (a
 * message id) on a failure. */
int io_columns_read(struct db *db, const struct io_table *t,
                    struct csv_reader *r, const struct io_assign *a, size_t na,
                    struct io_columns *c, const char **error);

/* Let column COL (0-based) be read as F (NULL: left out) by hand; the
 * column that gave F before is left out.  The 0-based index of that
 * column, or -1. */
int io_columns_assign(struct io_columns *c, size_t col, const struct field *f);

/* Remember C's assignments by hand in DB for files with the same header
 * row: enum db_status. */
int io_columns_remember(struct db *db, const struct io_columns *c);

/* The column that gives F, or -1. */
int io_columns_find(const struct io_columns *c, const struct field *f);

/* Free what io_columns_read made (also after it failed). */
void io_columns_free(struct io_columns *c);

/* Whether a file of table T must have a column for F. */
bool io_field_required(const struct io_table *t, const struct field *f);

/* The field of T that NAME names (key, header or alias), or NULL. */
const struct field *io_field_named(const struct io_table *t, const char *name);

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
	/* Columns assigned by hand; remembered for files with the same
	 * header row once the import stored its rows. */
	const struct io_assign *assign;
	size_t nassign;
};

struct io_import_result {
	unsigned long rows;             /* data rows read (empty ones skipped) */
	unsigned long accepted;         /* rows that passed every check */
	unsigned long updated;          /* of those, updates of stored records */
	unsigned long unchanged;        /* of those, rows equal to the stored
	                                 * record: nothing written, no change
	                                 * logged (not counted in UPDATED) */
	unsigned long rejected;
	unsigned long bad_encoding;     /* rows rejected for invalid bytes */
	bool stored;                    /* the accepted rows were committed */
	enum text_encoding encoding;    /* what the file was read as */
	const char *error;              /* a failure: message id */
	const char *detail;             /* and SQLite's message, errno text ... */
	unsigned long error_line;       /* the line it happened on, or 0 */
	unsigned long month_dates;      /* dates given only to the month, in
	                                 * the rows accepted */
};

enum io_status {
	IO_OK = 0,              /* every row accepted (and stored unless dry) */
	IO_REJECTED = 1,        /* finished, some rows rejected */
	IO_FAILED = -1,         /* nothing stored; RESULT.error says why */
};

/* Import the CSV that R reads into table T of DB, in one transaction.
 * The first record is the header row; its columns are read as
 * io_columns_read() decides.  With IO_UPDATE a row whose unique value is
 * stored changes only the fields the file has columns for (an empty cell
 * empties the field), and is checked as the stored record so changed; the
 * file then needs only the unique column.  Dates given only to the month
 * (2010.07, 2010年7月, 201007) are stored on a day of that month (the
 * month_day hook; an update keeps the stored day of the same month).
 * Returns enum io_status and fills *RES.  R should have been made with
 * excel_text set, and be rewindable for columns read by their values. */
int io_import(struct db *db, const struct io_table *t, struct csv_reader *r,
              const struct io_import_options *o, struct io_import_result *res);

/* --- Export ----------------------------------------------------------- */

/* Call FN for every record FILTER selects (NULL: every one; query.h),
 * in the register's order, namesakes in a fixed order, so exporting the
 * same records gives the same bytes; a window of rows at a time.  A
 * non-zero return of FN stops it and is returned; else DB_OK or an
 * error. */
/* How REC of T is named in messages: its label_field, or "". */
const char *io_label(const struct io_table *t, const void *rec);

int io_each(struct db *db, const struct io_table *t, const struct query *filter,
            int (*fn)(void *ctx, const void *rec), void *ctx);

struct io_export_options {
	const struct query *filter;     /* the records written (io_each) */
	bool mask_ids;                  /* F_ID_NUMBER as 110105********123X */
	/* A record had characters the encoding lacks ('?' was written):
	 * the line it starts on in the output and its label. */
	void (*lossy)(void *ctx, unsigned long line, const char *label);
	void *ctx;
	/* A record held control characters (ESC, C1, bidi controls: stored
	 * by another program), written as U+FFFD; as LOSSY, with CTX. */
	void (*replaced)(void *ctx, unsigned long line, const char *label);
};

struct io_export_result {
	unsigned long records;
	unsigned long lossy;            /* records with '?' written */
	unsigned long replaced;         /* records with U+FFFD for controls */
	const char *error;              /* message id, on failure */
	const char *detail;
};

/* Write the header row (Chinese headers in field order) and every record
 * FILTER selects to W.  ID numbers and phones are written as Excel text
 * cells, and so is any text that would start a formula; control
 * characters never reach the file (csv_write_field).  0 or -1. */
int io_export(struct db *db, const struct io_table *t, struct csv_writer *w,
              const struct io_export_options *o, struct io_export_result *res);

/* io_export through a CSV writer of its own on F (options WO), closed
 * at the end: a failure to write, at any point, is RES's error with the
 * system's reason as its detail.  0 or -1. */
int io_export_file(struct db *db, const struct io_table *t, FILE *f,
                   const struct csv_writer_options *wo,
                   const struct io_export_options *o, struct io_export_result *res);

/* Write the header row and one record as CSV cells; export's way of
 * writing each value, for other writers of the same columns. */
void io_write_header(struct csv_writer *w, const struct io_table *t);
void io_write_record(struct csv_writer *w, const struct io_table *t,
                     const void *rec, bool mask_ids);

#endif
