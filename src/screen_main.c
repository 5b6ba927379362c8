/* screen_main.c - the start screen: what is due, and the main menu. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "draw.h"
#include "gettext.h"
#include "reg.h"
#include "screens.h"
#include "store.h"
#include "screen_reg.h"
#include "text.h"
#include "validate.h"

/* The start screen's own items beside the registers (SPEC 2): 5 台帐报表,
 * 6 导入导出, 7 设置, 0 退出.  Registers not built yet are not listed, and
 * the digits of the others do not move. */
struct menu_item {
	int digit;
	const char *label;
	void (*run)(struct app *app);   /* a fixed item's screen */
	const struct reg *reg;          /* or a register's list */
};

static const struct menu_item fixed_items[] = {
	{ 5, N_("Ledgers and reports"), screen_report_run, NULL },
	{ 6, N_("Import and export"), screen_io_run, NULL },
	{ 7, N_("Settings"), screen_settings_run, NULL },
	{ 0, N_("Quit"), NULL, NULL },
};

#define MENU_MAX 16

/* The registers on the menu and the fixed items, by digit, 0 last. */
static int menu_build(struct menu_item *menu)
{
	int n = 0;

	for (size_t i = 0; registers[i] && n < MENU_MAX; i++)
		if (registers[i]->menu_digit)
			menu[n++] = (struct menu_item){ registers[i]->menu_digit,
			                                registers[i]->title, NULL, registers[i] };
	for (size_t i = 0; i < sizeof fixed_items / sizeof fixed_items[0] && n < MENU_MAX; i++)
		menu[n++] = fixed_items[i];
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0; j--) {
			int a = menu[j - 1].digit ? menu[j - 1].digit : 10;
			int b = menu[j].digit ? menu[j].digit : 10;
			struct menu_item t;

			if (a <= b)
				break;
			t = menu[j - 1];
			menu[j - 1] = menu[j];
			menu[j] = t;
		}
	return n;
}

#define DASH_MAX 64

struct dash {
	char *lines[DASH_MAX];
	int64_t ids[DASH_MAX];
	bool (*open[DASH_MAX])(struct app *app, int64_t id);
	int n;
	int more;               /* items not listed for lack of room */
};

void dash_add(struct dash *d, char *line, bool (*open)(struct app *app, int64_t id),
              int64_t id)
{
	if (!line)
		return;
	if (d->n < DASH_MAX) {
		d->ids[d->n] = id;
		d->open[d->n] = open;
		d->lines[d->n++] = line;
	} else {
		d->more++;
		free(line);
	}
}

void dash_more(struct dash *d, int n)
{
	if (n > 0)
		d->more += n;
}

/* What is due: each register's items, a screenful or two at most (a
 * large branch's lists would be thousands long; the counts say how many
 * there are in all). */
static void dash_load(struct app *app, struct dash *d)
{
	d->n = d->more = 0;
	for (size_t i = 0; registers[i]; i++)
		if (registers[i]->dashboard)
			registers[i]->dashboard(app, d);
	/* what is due comes first, whatever register it is of */
	for (size_t i = 0; registers[i]; i++)
		if (registers[i]->coming)
			registers[i]->coming(app, d);
}

static void dash_free(struct dash *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	d->n = 0;
}

/* The first dashboard line shown when line DCUR must be visible in ROWS. */
static int dash_top(int dcur, int rows)
{
	return dcur >= rows - 1 ? dcur - (rows - 2) : 0;
}

static void main_draw(struct app *app, const struct menu_item *menu, int nmenu,
                      struct dash *d, int cur, bool in_dash, int dcur)
{
	static const enum action hints[] = { ACT_OPEN, ACT_FOCUS, ACT_QUIT, ACT_HELP,
	                                     ACT_NONE };
	int i, y = ui_body_top() + 1, dx = 28, rows = ui_body_lines() - 3;
	int top = in_dash ? dash_top(dcur, rows) : 0;

	erase();
	ui_title(app, _("Start"));
	attrset(draw_attr(ROLE_HEADER));
	draw_text(stdscr, y, 2, _("Menu"), 24, false);
	draw_text(stdscr, y, dx, _("Due and coming up"), COLS - dx - 1, false);
	attrset(A_NORMAL);
	for (i = 0; i < nmenu; i++) {
		char item[128];

		snprintf(item, sizeof item, " %d  %s", menu[i].digit, _(menu[i].label));
		attrset(i == cur && !in_dash ? draw_attr(ROLE_CURSOR) : A_NORMAL);
		draw_text(stdscr, y + 2 + i, 2, item, 22, true);
		attrset(A_NORMAL);
	}
	if (d->n == 0)
		draw_text(stdscr, y + 2, dx, _("Nothing due."), COLS - dx - 1, false);
	for (i = 0; top + i < d->n && i < rows; i++) {
		if (i == rows - 1 && d->n + d->more > top + rows) {
			char more[64];

			snprintf(more, sizeof more, _("... and %d more"),
			         d->n + d->more - top - i);
			draw_text(stdscr, y + 2 + i, dx, more, COLS - dx - 1, false);
			break;
		}
		attrset(in_dash && top + i == dcur ? draw_attr(ROLE_CURSOR) : A_NORMAL);
		/* a line too long for the room ends with … */
		draw_cell(stdscr, y + 2 + i, dx, d->lines[top + i], COLS - dx - 1);
		attrset(A_NORMAL);
	}
	ui_show(KC_MENU, hints);
}

/* Enter on a line of the dashboard: what its register said it leads
 * to.  True if something was saved. */
static bool dash_open(struct app *app, const struct dash *d, int i)
{
	if (i < 0 || i >= d->n || !d->open[i])
		return false;
	return d->open[i](app, d->ids[i]);
}

/* A form kept when this user's terminal went away last time: offer it. */
static void offer_draft(struct app *app)
{
	const struct reg *r;
	struct store_draft d;
	static const char *const choices[] = {
		N_("Open it and go on"), N_("Discard it"), N_("Later"),
	};
	char title[256];
	int i;

	if (store_draft_latest(app->db, &d) != DB_OK)
		return;
	snprintf(title, sizeof title,
	         _("A form you had open at %s was kept when the connection dropped."),
	         d.created_at);
	i = ui_pick_msgids(title, choices, 3, 0);
	if (i == 0 && (r = reg_find(d.tbl)) && r->screen)
		screen_reg_resume(app, r, &d);
	else if (i == 1)
		store_draft_delete(app->db, d.id);
	store_draft_free(&d);
}

/* ACT in the list of what is due, its cursor at *DCUR; a record opened
 * from it and changed there has the list read again (*SEEN the data
 * version it was read at). */
static void dash_act(struct app *app, struct dash *d, int *dcur, enum action act,
                     int64_t *seen)
{
	if (act == ACT_UP && *dcur > 0) {
		(*dcur)--;
	} else if (act == ACT_DOWN && *dcur + 1 < d->n) {
		(*dcur)++;
	} else if (act == ACT_HOME) {
		*dcur = 0;
	} else if (act == ACT_END) {
		*dcur = d->n - 1;
	} else if (act == ACT_OPEN && dash_open(app, d, *dcur)) {
		*seen = db_data_version(app->db);
		dash_free(d);
		dash_load(app, d);
	}
}

void screen_main_run(struct app *app)
{
	struct menu_item menu[MENU_MAX];
	int nmenu = menu_build(menu);
	struct dash d = { 0 };
	int64_t seen = db_data_version(app->db);
	int cur = 0, dcur = 0;
	bool in_dash = false;

	dash_load(app, &d);
	for (;;) {
		enum action act;
		int k, i, chosen = -1;

		if (!ui_size_ok())
			break;
		if (d.n == 0)
			in_dash = false;
		if (dcur >= d.n)
			dcur = d.n > 0 ? d.n - 1 : 0;
		main_draw(app, menu, nmenu, &d, cur, in_dash, dcur);
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
			for (i = 0; i < nmenu; i++)
				if (menu[i].digit == k - '0')
					chosen = i;
			if (chosen < 0)
				continue;
		} else {
			act = keys_action(KC_MENU, k);
			if (k == KEY_ESC) {
				in_dash = false;        /* Esc leaves the due list, never quits */
				continue;
			}
			if (act == ACT_QUIT)
				break;
			if (act == ACT_FOCUS) {
				/* Right or Tab into the dashboard, Left or Tab out */
				in_dash = k == KEY_FN(KEY_LEFT) ? false :
				          k == KEY_FN(KEY_RIGHT) ? d.n > 0 : !in_dash && d.n > 0;
				continue;
			}
			if (in_dash) {
				dash_act(app, &d, &dcur, act, &seen);
			} else if (act == ACT_UP) {
				cur = (cur + nmenu - 1) % nmenu;
			} else if (act == ACT_DOWN) {
				cur = (cur + 1) % nmenu;
			} else if (act == ACT_HOME) {
				cur = 0;
			} else if (act == ACT_END) {
				cur = nmenu - 1;
			} else if (act == ACT_OPEN) {
				chosen = cur;
			}
			ui_common_act(app, KC_MENU, act, N_("Choose a register by its digit, or with the arrows and Enter. Tab or Right moves into the list of what is due: Enter on a probationary member decides the probation (转正, extension or cancellation), on a political birthday shows the member. 0 or q quits."));
			if (chosen < 0)
				continue;
		}
		cur = chosen;
		in_dash = false;
		if (!menu[chosen].run && !menu[chosen].reg)
			break;
		ui_message(NULL);
		if (menu[chosen].reg)
			screen_reg_run(app, menu[chosen].reg);
		else
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
		/* no screen: said as the command line says things */
		cli_printf(stderr, _("zhibu: %s\n"), _("cannot start the screen (is TERM set?)"));
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
