/* report_pdf.h - printed ledgers (台帐) as PDF, laid out by zhibu itself.
 *
 * pango lays out the text and falls back from font to font (Noto Sans
 * CJK SC for the text, the Hanazono Minchos for the rare characters of
 * CJK Extension B and beyond); cairo's PDF surface embeds every font as a
 * subset, so the file prints the same anywhere, on a print server with no
 * CJK font and no text filter.  Pages are A4, portrait when a ledger's
 * columns fit across it, else landscape; the margins are 18 mm.  Each
 * page has the title, the branch and the date, the column headings
 * (ruled cells, repeated on every page), and at its foot 第 N 页 共 M 页
 * and the change log's head (report_footer).  A long value wraps inside
 * its cell; a name is never broken in two: a name too wide for its cell
 * is set smaller until it fits.  The printed words are Chinese whatever
 * the locale, as in the text (report.h): it is the official register.
 *
 * A document is made of parts: a ledger's table (report_pdf_table) or
 * lines of fixed-width text (report_pdf_lines, the 党员统计).  All of
 * them go into one file with report_pdf_write; with a period it begins
 * with a cover and a contents page (the whole 台帐, "zhibu report all").
 */
#ifndef ZHIBU_REPORT_PDF_H
#define ZHIBU_REPORT_PDF_H

#include <stdio.h>

#include "db.h"
#include "report.h"

/* The fonts, in the order pango tries them (named in zhibu(1)). */
#define REPORT_PDF_FONTS "Noto Sans CJK SC,HanaMinA,HanaMinB"
#define REPORT_PDF_MONO_FONTS "Noto Sans Mono CJK SC,HanaMinA,HanaMinB"

struct report_pdf_part;

/* The rows of report D in DB as a part (O: filter, full_id); NULL with
 * RES->error on failure.  RES->records counts the rows. */
struct report_pdf_part *report_pdf_table(struct db *db, const struct report_def *d,
                                         const struct report_options *o,
                                         struct report_result *res);

/* N lines of fixed-width UTF-8 text (laid out for 80 columns) under
 * TITLE as a part; HEAD is the change log's head for the footer (NULL:
 * unknown).  NULL when out of memory. */
struct report_pdf_part *report_pdf_lines(const char *title, char *const *lines,
                                         int n, const char *head);

/* The title of part P (its ledger's). */
const char *report_pdf_title(const struct report_pdf_part *p);

void report_pdf_part_free(struct report_pdf_part *p);

/* Write the N PARTS to OUT as one PDF, each starting on a new page; the
 * pages are numbered through.  PERIOD non-NULL: a cover (the branch, the
 * period, the date) and a contents page with each part's first page come
 * first.  O gives the branch and the date.  RES->pages is the number of
 * pages.  0, or -1 with RES->error. */
int report_pdf_write(struct report_pdf_part *const *parts, int n, const char *period,
                     const struct report_options *o, FILE *out,
                     struct report_result *res);

/* Part P alone as one PDF to OUT (report_pdf_write), then freed; P NULL
 * (its making failed, RES says why): -1.  RES->records is kept. */
int report_pdf_one(struct report_pdf_part *p, const struct report_options *o,
                   FILE *out, struct report_result *res);

/* Report D as one PDF to OUT: report_pdf_table and report_pdf_one. */
int report_pdf(struct db *db, const struct report_def *d,
               const struct report_options *o, FILE *out,
               struct report_result *res);

#endif
