/* report_all.h - the whole 台帐 in one PDF ("zhibu report all" and the
 * 台帐报表 screen): a cover and a contents page, then every register's
 * printed ledger in the order of registers[], each whole and from a new
 * page, then the 党员统计.  A register joins it by its report_def.
 */
#ifndef ZHIBU_REPORT_ALL_H
#define ZHIBU_REPORT_ALL_H

#include <stdio.h>

#include "db.h"
#include "report.h"

/* The job title and the cover's. */
#define REPORT_ALL_TITLE "党支部工作台帐"

/* The 台帐 of DB with the figures counted on DAY (YYYY-MM-DD). */
struct report_all_job {
	struct db *db;
	const char *day;
};

/* Write the whole 台帐 of JOB (a struct report_all_job) as PDF to OUT: a
 * writer for report_print_job as well.  O gives the branch and the date;
 * its filter does not apply (every ledger is whole).  RES->records counts
 * the ledgers' rows.  0, or -1 with RES->error. */
int report_all_write(void *job, const struct report_options *o, FILE *out,
                     struct report_result *res);

#endif
