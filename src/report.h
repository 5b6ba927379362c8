/* report.h - printable ledgers (台帐): fixed-width text paginated for A4,
 * and CSV, of any register with an io_table.
 *
 * A page is 80 columns by 60 lines: 10 characters per inch and 6 lines per
 * inch fit A4 portrait (8.3 x 11.7 in) with margins, which is what lp and
 * most printers do with plain text.  Each page has a header (title, the
 * branch, the date, the column headings) and a footer 第 N 页 共 M 页
 * with the change log's head beside it (report_footer); pages are
 * separated by a form feed.  A register with more columns than
 * fit prints each row on two tiers of columns.  Long values wrap within
 * their column, except a name, which is never cut: one too wide for its
 * column is printed whole on the row's first line, and the columns after
 * it move down a line.  A row is never split across pages unless it is
 * longer than a page.  Widths count display columns; East Asian Ambiguous
 * characters (the middle dot of minority names) count 2 when the output
 * is GB18030 or GBK, as DBCS printers and terminals draw them, else 1.
 * The printed text is Chinese whatever the locale: it is the official
 * register.
 */
#ifndef ZHIBU_REPORT_H
#define ZHIBU_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "csv.h"
#include "db.h"
#include "io.h"
#include "text.h"

#define REPORT_WIDTH 80
#define REPORT_LINES 60

/* A column of a printed register. */
struct report_column {
	const char *key;        /* field key, or "#" for the row's number */
	const char *heading;    /* NULL: the field's Chinese header */
	int width;              /* display columns; 0: the rest of the line */
	int tier;               /* 0: a row's first line(s), 1: below them */
	bool right;             /* right-aligned (numbers) */
	bool whole;             /* never cut (a name): a value wider than
	                         * the column takes the rest of the row's
	                         * first line, and the columns after it
	                         * start on the next */
};

struct field;

struct report_def {
	const char *name;               /* NAME on the command line: "roster" */
	const char *title;              /* 党员花名册 */
	const struct io_table *table;
	const struct report_column *columns;    /* ended by a NULL key */
	int indent;                     /* where tier 1 starts */
	/* Text printed under each record, across the page (the contacts of
	 * the period under a flowing member): into OUT (SIZE bytes), lines
	 * separated by '\n', "" for none; DATE is the report's date.
	 * NULL: nothing. */
	void (*under)(struct db *db, const void *rec, const char *date, char *out,
	              size_t size);
};

/* D's title, with what the filter Q selects when it is not the
 * register's usual list: 党员花名册（党籍状态：去世；党小组：第一党小组；
 * 查找：王）.  Chinese, as the page is.  malloc'd; NULL when out of
 * memory. */
struct query;
char *report_title(struct db *db, const struct report_def *d, const struct query *q);

/* The field column I of D prints: 0 with *F NULL for the row's number
 * ("#"), 0 with the field, or -1 when the key names no field of D's
 * register. */
int report_column_field(const struct report_def *d, int i, const struct field **f);
/* Room for what a report_def's under hook writes. */
#define REPORT_UNDER 4096

/* The footer line of page PAGE of PAGES, WIDTH columns wide: the page
 * centered, and flush right "变更日志 N:HEX", the change log's HEAD
 * (db_audit_head; NULL or "" when unknown) with REPORT_HEAD_HEX digits of
 * its hash, which "zhibu check --head" takes.  malloc'd, NULL when out of
 * memory. */
#define REPORT_HEAD_HEX 16
char *report_footer(unsigned page, unsigned pages, const char *head, int width);

/* The reports, ended by a NULL name; and the one called NAME or NULL. */


struct report_options {
	const void *filter;             /* passed to the table's each hook */
	const char *branch;             /* the branch's name, or NULL */
	const char *date;               /* YYYY-MM-DD of the header */
	bool full_id;                   /* ID numbers whole, else masked */
	enum text_encoding encoding;    /* of the output: UTF-8, GB18030, GBK */
	int width, lines;               /* page size; 0: REPORT_WIDTH x LINES */
	bool crlf;                      /* lines end in CR LF (else LF) */
	bool pdf;                       /* a PDF (report_pdf.h), not text */
};

struct report_result {
	unsigned long records;
	unsigned pages;
	unsigned long lossy;            /* lines with characters written as '?' */
	unsigned long replaced;         /* CSV records with controls as U+FFFD */
	const char *error;              /* message id, on failure */
	const char *detail;
	char said[256];                 /* what lp said (report_print, quiet) */
};

/* Write report D as paginated text to OUT.  0, or -1 with RES->error. */
int report_text(struct db *db, const struct report_def *d,
                const struct report_options *o, FILE *out,
                struct report_result *res);

/* Whether the printer command lp is on $PATH. */
bool report_lp_found(void);

/* Print report D through "lp -t TITLE -o document-format=application/pdf",
 * whether the command line or a screen asks: the PDF report_pdf makes,
 * its fonts embedded, so that the print server needs no CJK font and no
 * text filter (CUPS's prints Chinese blank and stops at the first
 * character outside the BMP).  O's encoding, line ends and page size are
 * not used.  QUIET (the screens): lp's output does not
 * reach the terminal; on failure the first line of what it said is in
 * RES->detail.  0, or -1 with RES->error. */
int report_print(struct db *db, const struct report_def *d,
                 const struct report_options *o, bool quiet,
                 struct report_result *res);

/* Report D of DB as text (report_text), or as PDF (report_pdf) when
 * O->pdf, as the writer of a print job or a file: pass a struct
 * report_job to report_print_job with report_job_write. */
struct report_job {
	struct db *db;
	const struct report_def *d;
};
int report_job_write(void *job, const struct report_options *o, FILE *out,
                     struct report_result *res);

/* The same for any printed ledger: WRITE(CTX, OPTIONS, OUT, RES) writes
 * it with the options of O made right for lp (PDF), and the job is titled
 * TITLE.  The writer of other ledgers (党员统计). */
int report_print_job(const char *title,
                     int (*write)(void *ctx, const struct report_options *o,
                                  FILE *out, struct report_result *res),
                     void *ctx, const struct report_options *o, bool quiet,
                     struct report_result *res);

/* Write report D as CSV to W: the export's columns, ID numbers masked
 * unless O->full_id.  0 or -1. */
int report_csv(struct db *db, const struct report_def *d,
               const struct report_options *o, struct csv_writer *w,
               struct report_result *res);

#endif
