/* screen_report.c - 台帐报表 (menu 5): what can be printed or looked at.
 * One line of the table per ledger or report; a register's ledger joins
 * the menu with its line. */
#include "config.h"

#include <string.h>

#include "draw.h"
#include "gettext.h"
#include "query.h"
#include "reg.h"
#include "screen_reg.h"
#include "report.h"
#include "report_all.h"
#include "screens.h"

/* The whole 台帐 in one PDF (report_all.h), printed or saved, with the
 * figures counted today. */
static void all_print(struct app *app)
{
	struct report_all_job j = { app->db, app->today };
	struct report_options ro;
	struct report_result res;
	char path[4096] = "";

	memset(&ro, 0, sizeof ro);
	ro.branch = app->branch;
	ro.date = app->today;
	if (screen_io_print_pages(app, _("The whole set of ledgers"), REPORT_ALL_TITLE,
	                          report_all_write, &j, &ro, path, sizeof path,
	                          &res) == 1)
		ui_message(ngettext("Wrote %u page to %s.", "Wrote %u pages to %s.",
		                    res.pages),
		           res.pages, path);
}

#define REPORT_ENTRIES 24

void screen_report_run(struct app *app)
{
	const char *labels[REPORT_ENTRIES + 2];
	const struct reg *of[REPORT_ENTRIES];
	void (*run[REPORT_ENTRIES])(struct app *app);
	int n = 0, i, cur = 0;
	struct query all;

	/* each register's ledger, and the reports that are its own (the
	 * roster's 党员统计); then the whole 台帐 */
	for (size_t k = 0; registers[k]; k++) {
		const struct reg *r = registers[k];
		const struct reg_screen *sc = r->screen;

		if (r->report && sc && n < REPORT_ENTRIES)
			of[n] = r, run[n] = NULL, labels[n++] = sc->words->report_menu;
		for (const struct screen_entry *e = sc ? sc->reports : NULL;
		     e && e->label && n < REPORT_ENTRIES; e++)
			of[n] = r, run[n] = e->run, labels[n++] = e->label;
	}
	labels[n] = N_("The whole set of ledgers (PDF): print or save");
	labels[n + 1] = N_("Back");
	for (;;) {
		i = ui_menu_screen(app, _("Ledgers and reports"), labels, n + 2, cur);
		if (i < 0 || i == n + 1)
			return;
		cur = i;
		ui_message(NULL);
		memset(&all, 0, sizeof all);
		if (i == n)
			all_print(app);
		else if (run[i])
			run[i](app);
		else
			/* the whole ledger, as the register's list shows it
			 * unfiltered (the roster: current members) */
			screen_io_print(app, of[i], &all);
	}
}
