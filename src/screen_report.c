/* screen_report.c - 台帐报表 (menu 5): what can be printed or looked at.
 * One line of the table per ledger or report; a register's ledger joins
 * the menu with its line. */
#include "config.h"

#include <string.h>

#include "draw.h"
#include "gettext.h"
#include "member_query.h"
#include "screens.h"

/* 党员花名册: the whole roster (current members), printed or saved as
 * the roster's own p does it. */
static void roster_print(struct app *app)
{
	struct query all;

	memset(&all, 0, sizeof all);
	screen_io_print(app, &all);
}

static const struct report_entry {
	const char *label;
	void (*run)(struct app *app);
} entries[] = {
	{ N_("Member roster: print or save"), roster_print },
	{ N_("Member statistics"), screen_stats_run },
};

#define N_ENTRIES ((int)(sizeof entries / sizeof entries[0]))

void screen_report_run(struct app *app)
{
	const char *labels[N_ENTRIES + 1];
	int i, cur = 0;

	for (i = 0; i < N_ENTRIES; i++)
		labels[i] = entries[i].label;
	labels[N_ENTRIES] = N_("Back");
	for (;;) {
		i = ui_menu_screen(app, _("Ledgers and reports"), labels, N_ENTRIES + 1, cur);
		if (i < 0 || i == N_ENTRIES)
			return;
		cur = i;
		ui_message(NULL);
		entries[i].run(app);
	}
}
