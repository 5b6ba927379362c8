/* screen_audit.c - the change log of the whole branch (SPEC 6: who
 * changed what, when), newest first, read a page at a time. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "field.h"
#include "gettext.h"
#include "list.h"
#include "reg.h"
#include "screen_reg.h"
#include "screens.h"
#include "store.h"

enum { COL_AT, COL_USER, COL_WHAT, COL_RECORD, COL_ACTION, COL_FIELDS, N_COLS };

static const struct list_column audit_columns[N_COLS] = {
	[COL_AT] = { N_("Time"), 16, false, 0 },
	[COL_USER] = { N_("User"), 8, false, 1 },
	[COL_WHAT] = { N_("Register"), 8, false, 0 },
	[COL_RECORD] = { N_("Record"), 10, false, 1 },
	[COL_ACTION] = { N_("Change"), 4, false, 0 },
	[COL_FIELDS] = { N_("Fields"), 25, false, 4 },
};

/* What each table is called on screen: a register's own label, or one of
 * the tables that are no register. */
static const struct {
	const char *table, *label;
} other_tables[] = {
	{ "party_groups", N_("Party group") },
	{ "settings", N_("Settings") },
};

/* A setting as the change log names it: by what it is, not by its key. */
static const char *setting_label(const char *key)
{
	if (strcmp(key, "branch.name") == 0)
		return _("Branch name");
	if (strncmp(key, "import.columns.", strlen("import.columns.")) == 0)
		return _("Columns of an import");
	if (reg_setting_find(key))
		return _(reg_setting_find(key)->label);
	return key;
}

/* The register of table T: one of registers[], or one whose rows are
 * listed under another's records (a detail); NULL if none. */
static const struct reg *reg_of(const char *t)
{
	const struct reg *r = reg_find(t);

	for (size_t i = 0; !r && registers[i]; i++) {
		const struct reg *d = registers[i]->screen ? registers[i]->screen->detail : NULL;

		if (d && strcmp(d->table, t) == 0)
			r = d;
	}
	return r;
}

static const char *table_label(const char *t)
{
	const struct reg *r = reg_of(t);

	if (r)
		return _(r->label);
	for (size_t i = 0; i < sizeof other_tables / sizeof other_tables[0]; i++)
		if (strcmp(other_tables[i].table, t) == 0)
			return _(other_tables[i].label);
	return t;
}

/* The changed columns, by their labels where the table is a register's. */
static void fields_text(const char *tbl, const char *keys, char *out, size_t size)
{
	const struct reg *r = reg_of(tbl);
	char buf[256];
	char *tok, *save = NULL;
	size_t len = 0;

	out[0] = 0;
	snprintf(buf, sizeof buf, "%s", keys);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const struct field *f = NULL;
		const char *label = tok;
		int n;

		if (r) {
			/* a reference is stored as KEY_id, labelled as KEY */
			size_t tl = strlen(tok);

			f = field_find(r->fields, tok);
			if (!f && tl > 3 && strcmp(tok + tl - 3, "_id") == 0) {
				char key[64];

				snprintf(key, sizeof key, "%.*s", (int)(tl - 3), tok);
				f = field_find(r->fields, key);
			}
			if (f)
				label = _(f->label);
		}
		n = snprintf(out + len, size - len, "%s%s", len ? _(", ") : "", label);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
}

static int audit_fetch(void *ctx, const struct list_row *anchor,
                       enum list_dir dir, int n, struct list_row *rows)
{
	struct app *app = ctx;
	struct store_audit_row *buf = malloc((size_t)(n > 0 ? n : 1) * sizeof *buf);
	int got, i;

	if (!buf)
		return -1;
	got = store_audit_page(app->db, anchor ? anchor->key : NULL,
	                       anchor ? anchor->id : 0, dir, n, buf);
	for (i = 0; i < got; i++) {
		struct store_audit_row *a = &buf[i];
		struct list_row *r = &rows[i];
		const char *action = strcmp(a->action, "insert") == 0 ? _("added") :
		                     strcmp(a->action, "update") == 0 ? _("changed") :
		                     _("removed");

		memset(r, 0, sizeof *r);
		r->id = a->id;
		snprintf(r->key, sizeof r->key, "%s", a->key);
		snprintf(r->cells[COL_AT], LIST_CELL, "%s", a->at);
		snprintf(r->cells[COL_USER], LIST_CELL, "%s", a->os_user);
		snprintf(r->cells[COL_WHAT], LIST_CELL, "%s", table_label(a->tbl));
		snprintf(r->cells[COL_RECORD], LIST_CELL, "%s",
		         strcmp(a->tbl, "settings") == 0 ? setting_label(a->name) : a->name);
		snprintf(r->cells[COL_ACTION], LIST_CELL, "%s", action);
		if (a->unreadable)
			/* written or damaged by another program: flagged on its
			 * line, the rest of the log as it is (zhibu check names it) */
			snprintf(r->cells[COL_FIELDS], LIST_CELL, "%s", _("(unreadable)"));
		else
			fields_text(a->tbl, a->fields, r->cells[COL_FIELDS], LIST_CELL);
		/* where Enter leads: the record's page, for a register's */
		snprintf(r->cells[LIST_MAX_COLS - 2], LIST_CELL, "%s", a->tbl);
		snprintf(r->cells[LIST_MAX_COLS - 1], LIST_CELL, "%lld", (long long)a->row_id);
	}
	free(buf);
	return got;
}

static int64_t audit_count(void *ctx)
{
	struct app *app = ctx;

	return store_audit_count(app->db);
}

void screen_audit_run(struct app *app)
{
	static const enum action hints[] = {
		ACT_OPEN, ACT_PAGE_DOWN, ACT_BACK, ACT_HELP, ACT_NONE
	};
	struct list l;
	struct list_source src = { audit_fetch, audit_count, app };
	int64_t seen = db_data_version(app->db);

	list_init(&l, audit_columns, N_COLS, src);
	list_layout(&l, ui_body_top() + 1, ui_body_lines() - 1);
	list_reload_top(&l);
	for (;;) {
		const struct list_row *r;
		char line[128];
		enum action act;
		int k;

		if (!ui_size_ok())
			break;
		erase();
		ui_title(app, _("Change log"));
		snprintf(line, sizeof line, _("%lld changes, newest first"),
		         (long long)(l.total > 0 ? l.total : 0));
		draw_text(stdscr, ui_body_top(), 1, line, COLS - 2, true);
		list_draw(&l);
		ui_show(KC_LIST, hints);
		k = ui_key();
		if (k == UI_KEY_HANGUP)
			break;
		if (k == KEY_FN(KEY_RESIZE)) {
			list_layout(&l, ui_body_top() + 1, ui_body_lines() - 1);
			continue;
		}
		if (k == 0) {
			int64_t v = db_data_version(app->db);

			if (v != seen) {
				seen = v;
				r = list_current(&l);
				list_refresh(&l, r ? r->id : 0);
			}
			continue;
		}
		act = keys_action(KC_LIST, k);
		if (list_move(&l, act))
			continue;
		if (act == ACT_BACK)
			break;
		if (act == ACT_OPEN && (r = list_current(&l)) != NULL) {
			const struct reg *g = reg_of(r->cells[LIST_MAX_COLS - 2]);

			if (g && g->screen)
				screen_reg_history(app, g, strtoll(r->cells[LIST_MAX_COLS - 1], NULL, 10));
			else
				ui_message("%s", _("Only the records of a register have a history page."));
		} else {
			ui_common_act(app, KC_LIST, act, N_("Every change to the registers, with its time, the user who made it, the record and the fields it changed. Enter shows the record's whole history. The log only ever grows; zhibu check verifies that it matches the data."));
		}
	}
	list_free(&l);
	ui_message(NULL);
}
