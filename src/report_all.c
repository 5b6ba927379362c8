/* report_all.c - the whole 台帐 in one PDF (report_all.h): the registry
 * walked for its printed ledgers.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "reg.h"
#include "report_all.h"
#include "report_pdf.h"

#define REPORT_ALL_MAX 32       /* parts: the ledgers and what follows them */

int report_all_write(void *job, const struct report_options *o, FILE *out,
                     struct report_result *res)
{
	struct report_all_job *j = job;
	struct report_pdf_part *parts[REPORT_ALL_MAX];
	struct report_options whole = *o;
	unsigned long records = 0;
	char period[160];
	int n = 0, rc = -1, y, m, d;

	whole.filter = NULL;            /* each register's whole list */
	/* each register's ledger, then what follows it there (the
	 * roster's 党员统计) */
	for (size_t i = 0; registers[i] && n < REPORT_ALL_MAX - 1; i++) {
		const struct reg *r = registers[i];

		if (r->report) {
			if (!(parts[n] = report_pdf_table(j->db, r->report, &whole, res)))
				goto out;
			records += res->records;
			n++;
		}
		if (r->report_part && n < REPORT_ALL_MAX) {
			if (!(parts[n] = r->report_part(j->db, j->day, res)))
				goto out;
			n++;
		}
	}
	if (sscanf(j->day, "%d-%d-%d", &y, &m, &d) != 3)
		y = m = d = 0;
	/* the figures are counted on DAY; the ledgers are the records as
	 * they stand on the day the binder is made: said when the two differ */
	if (o->date && strcmp(o->date, j->day) != 0)
		snprintf(period, sizeof period,
		         "%d年度（统计截至%d年%d月%d日，各名册为制表日所载）", y, y, m, d);
	else
		snprintf(period, sizeof period, "%d年度（统计截至%d年%d月%d日）", y, y, m, d);
	rc = report_pdf_write(parts, n, period, &whole, out, res);
	res->records = records;
out:
	while (n > 0)
		report_pdf_part_free(parts[--n]);
	return rc;
}
