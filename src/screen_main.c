/* screen_main.c - the start screen: what is due, and the main menu. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "draw.h"
#include "gettext.h"
#include "member_query.h"
#include "screens.h"
#include "store.h"
#include "text.h"
#include "validate.h"

/* The main menu in SPEC 2's order; modules not built yet are not listed,
 * and the digits of the others do not move. */
static const struct menu_item {
	int digit;
	const char *label;
	void (*run)(struct app *app);
} menu[] = {
	{ 1, N_("Member roster"), screen_member_run },
	{ 5, N_("Ledgers and reports"), screen_report_run },
	{ 6, N_("Import and export"), screen_io_run },
	{ 7, N_("Settings"), screen_settings_run },
	{ 0, N_("Quit"), NULL },
};

#define N_MENU ((int)(sizeof menu / sizeof menu[0]))
#define DASH_MAX 64
#define DASH_SHOW 24             /* of each kind, more than a screen holds */

struct dash {
	char *lines[DASH_MAX];
	int n;
	int more;               /* items not listed for lack of room */
	const char *today;
};

static void dash_add(struct dash *d, char *line)
{
	if (!line)
		return;
	if (d->n < DASH_MAX)
		d->lines[d->n++] = line;
	else {
		d->more++;
		free(line);
	}
}

static void dash_full(void *ctx, const struct member_due *m)
{
	struct dash *d = ctx;
	char *s = NULL;

	if (strcmp(m->date, d->today) < 0) {
		if (asprintf(&s, _("Full membership overdue: %s (probation ended %s)"),
		             m->name, m->date) < 0)
			s = NULL;
	} else if (asprintf(&s, _("Full membership due: %s (probation ends %s)"),
	                    m->name, m->date) < 0) {
		s = NULL;
	}
	dash_add(d, s);
}

static void dash_birthday(void *ctx, const struct member_due *m)
{
	struct dash *d = ctx;
	char *s = NULL;

	if (asprintf(&s, ngettext("Political birthday: %s, %d year in the Party (%s)",
	                          "Political birthday: %s, %d years in the Party (%s)",
	                          m->years),
	             m->name, m->years, m->date + 5) < 0)
		s = NULL;
	dash_add(d, s);
}

/* What is due, a screenful at most: a large branch's lists would be
 * thousands long; the counts say how many there are in all. */
static void dash_load(struct app *app, struct dash *d)
{
	int64_t due = 0, birthdays = 0;
	int before;

	d->n = d->more = 0;
	d->today = app->today;
	member_query_full_due(app->db, app->today, 30, DASH_SHOW, &due, dash_full, d);
	if (due > d->n)
		d->more += (int)(due - d->n);
	before = d->n;
	member_query_anniversaries(app->db, app->today, DASH_SHOW, &birthdays,
	                           dash_birthday, d);
	if (birthdays > d->n - before)
		d->more += (int)(birthdays - (d->n - before));
}

static void dash_free(struct dash *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	d->n = 0;
}

static void main_draw(struct app *app, struct dash *d, int cur)
{
	static const enum action hints[] = { ACT_OPEN, ACT_BACK, ACT_HELP, ACT_NONE };
	int i, y = ui_body_top() + 1, dx = 28, rows = ui_body_lines() - 3;

	erase();
	ui_title(app, _("Start"));
	attrset(draw_attr(ROLE_HEADER));
	draw_text(stdscr, y, 2, _("Menu"), 24, false);
	draw_text(stdscr, y, dx, _("Due and coming up"), COLS - dx - 1, false);
	attrset(A_NORMAL);
	for (i = 0; i < N_MENU; i++) {
		char item[128];

		snprintf(item, sizeof item, " %d  %s", menu[i].digit, _(menu[i].label));
		attrset(i == cur ? draw_attr(ROLE_CURSOR) : A_NORMAL);
		draw_text(stdscr, y + 2 + i, 2, item, 22, true);
		attrset(A_NORMAL);
	}
	if (d->n == 0)
		draw_text(stdscr, y + 2, dx, _("Nothing due."), COLS - dx - 1, false);
	for (i = 0; i < d->n && i < rows; i++) {
		if (i == rows - 1 && d->n + d->more > rows) {
			char more[64];

			snprintf(more, sizeof more, _("... and %d more"), d->n + d->more - i);
			draw_text(stdscr, y + 2 + i, dx, more, COLS - dx - 1, false);
			break;
		}
		draw_text(stdscr, y + 2 + i, dx, d->lines[i], COLS - dx - 1, false);
	}
	ui_message_draw();
	ui_hints(KC_MENU, hints);
	refresh();
}

/* A form kept when this user's terminal went away last time: offer it. */
static void offer_draft(struct app *app)
{
	struct store_draft d;
	const char *choices[3];
	char title[256];
	int i;

	if (store_draft_latest(app->db, &d) != DB_OK)
		return;
	snprintf(title, sizeof title,
	         _("A form you had open at %s was kept when the connection dropped."),
	         d.created_at);
	choices[0] = _("Open it and go on");
	choices[1] = _("Discard it");
	choices[2] = _("Later");
	i = ui_pick(title, choices, 3, 0, NULL);
	if (i == 0 && strcmp(d.tbl, "members") == 0)
		screen_member_resume(app, &d);
	else if (i == 1)
		store_draft_delete(app->db, d.id);
	store_draft_free(&d);
}

void screen_main_run(struct app *app)
{
	struct dash d = { 0 };
	int64_t seen = db_data_version(app->db);
	int cur = 0;

	dash_load(app, &d);
	for (;;) {
		enum action act;
		int k, i, chosen = -1;

		if (ui_too_small()) {
			k = ui_key();
			if (k == 'q' || k == UI_KEY_HANGUP)
				break;
			continue;
		}
		main_draw(app, &d, cur);
		k = ui_key();
		if (k == UI_KEY_HANGUP)
			break;
		if (k == 0) {
			/* Others' changes show in the dashboard too. */
			int64_t v = db_data_version(app->db);

			if (v != seen) {
				seen = v;
				dash_free(&d);
				dash_load(app, &d);
			}
			continue;
		}
		if (k >= '0' && k <= '9') {
			for (i = 0; i < N_MENU; i++)
				if (menu[i].digit == k - '0')
					chosen = i;
			if (chosen < 0)
				continue;
		} else {
			act = keys_action(KC_MENU, k);
			if (act == ACT_BACK && k != 'q')
				continue;       /* Esc does not quit by accident */
			if (act == ACT_BACK)
				break;
			if (act == ACT_UP)
				cur = (cur + N_MENU - 1) % N_MENU;
			else if (act == ACT_DOWN)
				cur = (cur + 1) % N_MENU;
			else if (act == ACT_HOME)
				cur = 0;
			else if (act == ACT_END)
				cur = N_MENU - 1;
			else if (act == ACT_OPEN)
				chosen = cur;
			else if (act == ACT_HELP)
				ui_help(app, KC_MENU, _("Choose a register by its digit, or with the arrows and Enter. 0 or q quits."));
			else if (act == ACT_REDRAW)
				clearok(curscr, TRUE);
			if (chosen < 0)
				continue;
		}
		cur = chosen;
		if (!menu[chosen].run)
			break;
		ui_message(NULL);
		menu[chosen].run(app);
		/* Come back to fresh figures. */
		dash_free(&d);
		dash_load(app, &d);
	}
	dash_free(&d);
}

int screens_run(struct db *db, const struct prefs *prefs)
{
	struct app app = { .db = db };

	valid_today(app.today);
	screen_load_branch(&app);
	if (ui_start(prefs) != 0) {
		fprintf(stderr, "zhibu: %s\n", _("cannot start the screen (is TERM set?)"));
		return 1;
	}
	atexit(ui_stop);
	if (db_world_readable(db_path(db)))
		ui_error(_("Warning: other users can read this database (chmod o-rwx %s)."),
		         db_path(db));
	offer_draft(&app);
	if (!ui_hungup())
		screen_main_run(&app);
	ui_stop();
	return ui_hungup() ? 1 : 0;
}
