/* screen_settings.c - 设置: the branch's name and its party groups. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "draw.h"
#include "gettext.h"
#include "member_query.h"
#include "reg.h"
#include "screens.h"
#include "store.h"
#include "text.h"
#include "validate.h"

#define MAX_ROWS 130
#define ROW_HEADER (-1)         /* the party groups' heading */
#define ROW_AUDIT (-2)          /* opens the change log */
#define ROW_SETTING (-100)      /* ROW_SETTING - K: the registers' Kth setting */

struct settings {
	int n;
	int64_t ids[MAX_ROWS];          /* 0 for the branch name's row */
	char *labels[MAX_ROWS];
	char *names[MAX_ROWS];
};

void screen_load_branch(struct app *app)
{
	char *name = db_get_setting(app->db, "branch.name");

	snprintf(app->branch, sizeof app->branch, "%s", name ? name : "");
	free(name);
}

static void settings_free(struct settings *st)
{
	int i;

	for (i = 0; i < st->n; i++) {
		free(st->labels[i]);
		free(st->names[i]);
	}
	st->n = 0;
}

static void settings_group(void *ctx, int64_t id, const char *name,
                           int64_t members)
{
	struct settings *st = ctx;
	char *label = NULL;

	if (st->n >= MAX_ROWS)
		return;
	if (asprintf(&label, ngettext("    %s (%lld member)", "    %s (%lld members)",
	                              (unsigned long)members),
	             name, (long long)members) < 0)
		return;
	st->ids[st->n] = id;
	st->labels[st->n] = label;
	st->names[st->n] = strdup(name);
	st->n++;
}

/* The registers' settings, in their order: the Kth of them. */
static const struct reg_setting *reg_setting_at(int k)
{
	for (size_t i = 0; registers[i]; i++)
		for (const struct reg_setting *s = registers[i]->settings; s && s->key; s++)
			if (k-- == 0)
				return s;
	return NULL;
}

/* A row for each setting of a register: "what it is: its value". */
static void settings_of_registers(struct app *app, struct settings *st)
{
	const struct reg_setting *s;

	for (int k = 0; (s = reg_setting_at(k)) && st->n < MAX_ROWS; k++) {
		char *v = db_get_setting(app->db, s->key), *label = NULL;

		if (asprintf(&label, _("%s: %s"), _(s->label), v && *v ? v : _(s->unset)) < 0)
			label = NULL;
		st->ids[st->n] = ROW_SETTING - k;
		st->labels[st->n] = label;
		st->names[st->n] = strdup(v ? v : "");
		st->n++;
		free(v);
	}
}

/* Enter on a register's setting S: its value asked, checked, kept. */
static void setting_edit(struct app *app, const struct reg_setting *s, const char *old)
{
	char typed[256], value[256];
	const char *why;

	if (!ui_ask(_(s->label), old, typed, sizeof typed))
		return;
	why = s->check(typed, value, sizeof value);
	if (why)
		ui_error(_("%s: %s"), _(s->label), _(why));
	else if (db_set_setting(app->db, s->key, value) != DB_OK)
		ui_error(_("Could not save: %s"), cli_db_error(app->db));
	else
		ui_message("%s", _("Saved."));
}

static void settings_load(struct app *app, struct settings *st)
{
	char *label = NULL;

	settings_free(st);
	if (asprintf(&label, _("Branch name: %s"),
	             app->branch[0] ? app->branch : _("(not set)")) < 0)
		label = NULL;
	st->ids[0] = 0;
	st->labels[0] = label;
	st->names[0] = strdup(app->branch);
	st->ids[1] = ROW_AUDIT;
	st->labels[1] = strdup(_("Change log of the branch (Enter)"));
	st->names[1] = strdup("");
	st->n = 2;
	settings_of_registers(app, st);
	if (st->n < MAX_ROWS) {
		st->ids[st->n] = ROW_HEADER;
		st->labels[st->n] = strdup(_("Party groups (a adds one, Enter renames):"));
		st->names[st->n] = strdup("");
		st->n++;
	}
	member_groups_each(app->db, settings_group, st);
}

/* What the database said, in the user's language. */
static const char *db_error(struct app *app)
{
	return cli_db_error(app->db);
}

/* Ask PROMPT for a name of the branch or a group (the field LABEL, at
 * most MAXCHARS characters), OLD offered, into NAME (SIZE bytes),
 * normalized (valid_label: nothing invisible, so no two look alike).
 * False when cancelled, or when it is no name: then said why. */
static bool ask_name(const char *prompt, const char *label, const char *old,
                     size_t maxchars, char *name, size_t size)
{
	char typed[256];
	const char *why;

	if (!ui_ask(prompt, old, name, size))
		return false;
	snprintf(typed, sizeof typed, "%s", name);
	why = valid_label(typed, maxchars, name, size);
	if (!why && !name[0])
		why = N_("is required");
	if (why)
		ui_error(_("%s: %s"), label, _(why));
	return !why;
}

static void settings_edit(struct app *app, struct settings *st, int cur)
{
	char name[256];
	int rc;

	if (st->ids[cur] == ROW_HEADER)
		return;
	if (st->ids[cur] == ROW_AUDIT) {
		screen_audit_run(app);
		return;
	}
	if (st->ids[cur] <= ROW_SETTING) {
		setting_edit(app, reg_setting_at((int)(ROW_SETTING - st->ids[cur])),
		             st->names[cur]);
		return;
	}
	if (st->ids[cur] == 0) {
		if (!ask_name(_("Branch name:"), _("Branch name"), st->names[cur], 40,
		              name, sizeof name))
			return;
		if (db_set_setting(app->db, "branch.name", name) != DB_OK) {
			ui_error(_("Could not save: %s"), db_error(app));
			return;
		}
		screen_load_branch(app);
		ui_message("%s", _("Saved."));
		return;
	}
	if (!ask_name(_("Party group:"), _("Party group"), st->names[cur], 20,
	              name, sizeof name))
		return;
	rc = store_group_rename(app->db, st->ids[cur], name);
	if (rc == DB_DUPLICATE)
		ui_error(_("There is a party group \"%s\" already."), name);
	else if (rc != DB_OK)
		ui_error(_("Could not save: %s"), db_error(app));
	else
		ui_message("%s", _("Saved."));
}

struct group_find {
	const char *name;
	bool found;
};

static void group_match(void *ctx, int64_t id, const char *name,
                        int64_t members)
{
	struct group_find *g = ctx;

	if (strcmp(name, g->name) == 0)
		g->found = true;
}

static void settings_add_group(struct app *app)
{
	struct group_find g = { NULL, false };
	char name[256];
	int64_t id;

	if (!ask_name(_("New party group:"), _("Party group"), "", 20, name, sizeof name))
		return;
	/* adding a group the branch has changes nothing: say so, not "added" */
	g.name = name;
	if (store_group_each(app->db, group_match, &g) == DB_OK && g.found) {
		ui_error(_("There is a party group \"%s\" already."), name);
		return;
	}
	if (store_group_ensure(app->db, name, &id) != DB_OK)
		ui_error(_("Could not save: %s"), db_error(app));
	else
		ui_message(_("Party group \"%s\" added."), name);
}

/* The row one up (DIR -1) or down (1) from CUR, over a heading. */
static int settings_step(const struct settings *st, int cur, int dir)
{
	int end = dir < 0 ? 0 : st->n - 1;

	if (cur != end)
		cur += dir;
	if (st->ids[cur] == ROW_HEADER && cur != end)
		cur += dir;
	if (dir > 0 && st->ids[cur] == ROW_HEADER)
		cur--;
	return cur;
}

void screen_settings_run(struct app *app)
{
	static const enum action hints[] = {
		ACT_OPEN, ACT_ADD, ACT_BACK, ACT_HELP, ACT_NONE
	};
	struct settings st = { 0 };
	int cur = 0;

	settings_load(app, &st);
	for (;;) {
		int i, k, body;
		enum action act;

		if (!ui_size_ok())
			break;
		body = ui_body_lines() - 1;
		erase();
		ui_title(app, _("Settings"));
		for (i = 0; i < st.n && i < body; i++) {
			attrset(i == cur ? draw_attr(ROLE_CURSOR) :
			        st.ids[i] == ROW_HEADER ? draw_attr(ROLE_HEADER) : A_NORMAL);
			draw_text(stdscr, ui_body_top() + 1 + i, 1, st.labels[i],
			          COLS - 2, true);
			attrset(A_NORMAL);
		}
		ui_show(KC_LIST, hints);
		k = ui_key();
		if (k == UI_KEY_HANGUP)
			break;
		act = keys_action(KC_LIST, k);
		switch (act) {
		case ACT_UP:
		case ACT_DOWN:
			cur = settings_step(&st, cur, act == ACT_UP ? -1 : 1);
			break;
		case ACT_OPEN:
		case ACT_EDIT:
			settings_edit(app, &st, cur);
			settings_load(app, &st);
			break;
		case ACT_ADD:
			settings_add_group(app);
			settings_load(app, &st);
			break;
		case ACT_HELP:
			ui_help(app, KC_LIST, _("The branch's name heads every screen and printed ledger. Party groups can be added (a) and renamed (Enter); a group named in an import is added by itself."));
			break;
		case ACT_BACK:
			settings_free(&st);
			ui_message(NULL);
			return;
		default:
			break;
		}
	}
	settings_free(&st);
}
