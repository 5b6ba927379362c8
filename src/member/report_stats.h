/* report_stats.h - 党员统计 laid out: the tables of member_stats.h two
 * side by side with their footnotes, for the screen and for paper (A4
 * text pages as report.h makes them), and as CSV.
 *
 * The printed text is Chinese whatever the locale, as every report is;
 * the screen gives the layout its own words.
 */
#ifndef ZHIBU_REPORT_STATS_H
#define ZHIBU_REPORT_STATS_H

#include <stdio.h>

#include "csv.h"
#include "db.h"
#include "member_stats.h"
#include "report.h"
#include "report_pdf.h"

/* The words of a label: LABEL is a message id (or a stored value), ZH
 * the printed wording. */
typedef const char *(*report_stats_words)(const char *label, const char *zh);

/* The figures of S as lines of WIDTH columns (80 or more): the column
 * headings, the tables in two columns, then the footnotes.  WORDS NULL:
 * the printed Chinese.  A malloc'd array of *N malloc'd UTF-8 lines, or
 * NULL when out of memory; free it with report_stats_free. */
char **report_stats_layout(const struct member_stats *s, int width,
                           report_stats_words words, int *n);
void report_stats_free(char **lines, int n);

/* The title of the printed statistics (for lp -t as well). */
#define REPORT_STATS_TITLE "党员统计"

/* Count the figures on DATE and write them to OUT as paginated text
 * (O: branch, today's date for 制表日期, encoding, page size; its filter
 * and full_id do not apply).  0, or -1 with RES->error. */
int report_stats_text(struct db *db, const char *date,
                      const struct report_options *o, FILE *out,
                      struct report_result *res);

/* The figures on DATE as a part of a PDF (report_pdf.h): the lines of
 * the text's pages under the day counted on.  NULL with RES->error. */
struct report_pdf_part *report_stats_part(struct db *db, const char *date,
                                          struct report_result *res);

/* The figures on DATE as one PDF to OUT (O: branch, date).  0, or -1
 * with RES->error. */
int report_stats_pdf(struct db *db, const char *date,
                     const struct report_options *o, FILE *out,
                     struct report_result *res);

/* The figures on DATE as text (report_stats_text), or PDF when O->pdf,
 * as the writer of a
 * print job (report_print_job): pass a struct report_stats_job. */
struct report_stats_job {
	struct db *db;
	const char *date;
};
int report_stats_job_write(void *job, const struct report_options *o, FILE *out,
                           struct report_result *res);

/* Print the figures on DATE through lp, as report_print does a ledger
 * (a PDF, job title 党员统计; QUIET on the screens). */
int report_stats_print(struct db *db, const char *date,
                       const struct report_options *o, bool quiet,
                       struct report_result *res);

/* The same figures as CSV: 统计日期, 分组, 项目, 人数, 占比（%）, one row
 * per line of the tables.  0, or -1 with RES->error. */
int report_stats_csv(struct db *db, const char *date, struct csv_writer *w,
                     struct report_result *res);

#endif
