/* report_all.c - the whole 台帐 in one PDF (report_all.h): the registry
 * walked for its printed ledgers.
 */
#include "config.h"

#include <stdio.h>

#include "reg.h"
#include "report_all.h"
#include "report_pdf.h"
#include "report_stats.h"

#define REPORT_ALL_MAX 32       /* parts: the ledgers and the 党员统计 */

int report_all_write(void *job, const struct report_options *o, FILE *out,
                     struct report_result *res)
{
	struct report_all_job *j = job;
	struct report_pdf_part *parts[REPORT_ALL_MAX];
	struct report_options whole = *o;
	unsigned long records = 0;
	char period[96];
	int n = 0, rc = -1, y, m, d;

	whole.filter = NULL;            /* each register's whole list */
	for (size_t i = 0; registers[i] && n < REPORT_ALL_MAX - 1; i++) {
		if (!registers[i]->report)
			continue;
		parts[n] = report_pdf_table(j->db, registers[i]->report, &whole, res);
		if (!parts[n])
			goto out;
		records += res->records;
		n++;
	}
	parts[n] = report_stats_part(j->db, j->day, res);
	if (!parts[n])
		goto out;
	n++;
	if (sscanf(j->day, "%d-%d-%d", &y, &m, &d) != 3)
		y = m = d = 0;
	snprintf(period, sizeof period, "%d年度（统计截至%d年%d月%d日）", y, y, m, d);
	rc = report_pdf_write(parts, n, period, &whole, out, res);
	res->records = records;
out:
	while (n > 0)
		report_pdf_part_free(parts[--n]);
	return rc;
}
