/* flow_screen.c - what is the 流动党员 register's own on the screens of
 * a register (screen_reg.h): its columns, its rules in the form, the
 * status action (d), the contact log under each record (l), and the
 * reminders on the start screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flow_reg.h"
#include "gettext.h"
#include "list.h"
#include "screen_reg.h"
#include "screens.h"
#include "store.h"
#include "text.h"
#include "validate.h"

enum { COL_NAME, COL_DIR, COL_STATUS, COL_WHERE, COL_WHEN, COL_CONTACT, N_COLS };

static const struct list_column flow_columns[N_COLS] = {
	[COL_NAME] = { N_("Name"), 10, false, 2 },
	[COL_DIR] = { N_("Dir."), 4, false, 0 },
	[COL_STATUS] = { N_("Flow status"), 6, false, 0 },
	[COL_WHERE] = { N_("Where"), 20, false, 4 },
	[COL_WHEN] = { N_("Since"), 10, false, 0 },
	[COL_CONTACT] = { N_("Last contact"), 12, false, 0 },
};

static const struct list_column *const flow_column_sets[FLOW_SORT_COUNT] = {
	flow_columns, flow_columns,
};

/* The day of the last contact with record ID into OUT ("" if none). */
static void last_contact(struct db *db, int64_t id, char out[11])
{
	static const char sql[] = "SELECT max(date) FROM flow_contacts WHERE flow_id = ?1";
	int rc;
	sqlite3_stmt *st = db_step_with(db, sql, &rc, "i", id);

	out[0] = '\0';
	if (!st)
		return;
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, 11, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

/* A cell of the list: A and B one after the other, cut at a character
 * that fits. */
static void cell(char *out, const char *a, const char *b)
{
	char both[512];
	int used;
	size_t n;

	snprintf(both, sizeof both, "%s%s", a, b);
	for (char *p = both; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	n = text_fit(both, 60, &used);
	if (n >= LIST_CELL)
		n = text_fit(both, 40, &used);
	memcpy(out, both, n);
	out[n] = '\0';
}

static void flow_cells(struct reg_view *v, const void *rec, char (*cells)[LIST_CELL])
{
	const struct flow *f = rec;
	bool out = strcmp(f->direction, "流出") == 0;
	char last[11];

	snprintf(cells[COL_NAME], LIST_CELL, "%s", f->name);
	snprintf(cells[COL_DIR], LIST_CELL, "%s", f->direction);
	snprintf(cells[COL_STATUS], LIST_CELL, "%s", f->status);
	if (out)    /* 北京市, not 北京市北京市 */
		cell(cells[COL_WHERE], f->dest_province,
		     strcmp(f->dest_province, f->dest_city) ? f->dest_city : "");
	else
		cell(cells[COL_WHERE], f->origin_branch, "");
	snprintf(cells[COL_WHEN], LIST_CELL, "%s", out ? f->depart_date : f->arrive_date);
	last_contact(v->app->db, f->id, last);
	snprintf(cells[COL_CONTACT], LIST_CELL, "%s", last[0] ? last : _("none"));
}

/* flow_check, then the rules across records (its member on the roster,
 * read again now: a member changed meanwhile is seen as it is). */
static int flow_form_check(struct reg_view *v, void *rec, struct field_problem *p, int max)
{
	struct flow *f = rec;
	int n = flow_check(rec, v->app->today, p, max);

	/* the member picked on the form, not the one of the ID number it
	 * had: that is copied from the roster again */
	if (strcmp(f->direction, "流出") == 0 && f->member[0])
		f->id_number[0] = '\0';
	if (n == 0)
		n = flow_resolve(v->app->db, rec, p, max);
	return n;
}

/* ---- the status (d) ------------------------------------------------------- */

static const char *status_date_ok(const void *ctx, const char *iso, const char *today)
{
	const struct flow *f = ctx;
	const char *from = f->depart_date[0] ? f->depart_date : f->arrive_date;

	if (strcmp(iso, today) > 0)
		return N_("is in the future");
	if (from[0] && strcmp(iso, from) < 0)
		return N_("is before the departure");
	if (f->status_date[0] && strcmp(iso, f->status_date) < 0)
		return N_("is before the present status's date");
	return NULL;
}

/* F's status becomes TO on a date, with a reason; the member on the
 * roster follows (flow_db.c).  True if it changed. */
static bool status_to(struct app *app, struct flow *f, const char *to)
{
	char iso[11], reason[256], question[512];
	/* 失联 and 已转接: the rules ask why */
	bool needs = strcmp(to, "失联") == 0 || strcmp(to, "已转接") == 0;
	int rc;

	if (!ui_ask_date(_("Date of the change:"), _("Date of the change"), app->today,
	                 status_date_ok, f, app->today, iso) ||
	    !reg_ask_reason(needs, reason, sizeof reason))
		return false;
	if (strcmp(to, "失联") == 0) {
		/* 党章第九条: six months without 组织生活 and 党费 may be
		 * treated as leaving the Party; the branch decides that
		 * separately, on the roster */
		snprintf(question, sizeof question,
		         _("%s: mark as lost contact (失联) on %s? Under art. 9 of the Party Constitution the branch then decides on the roster."),
		         f->name, iso);
		if (!ui_confirm(question))
			return false;
	}
	rc = store_flow_set_status(app->db, f, to, iso, reason);
	if (rc == DB_CONFLICT) {
		ui_error("%s", _("Someone else changed this record meanwhile; nothing was saved."));
		return false;
	}
	if (rc != DB_OK) {
		ui_error(_("Could not save: %s"), cli_db_error(app->db));
		return false;
	}
	if (strcmp(f->direction, "流出") == 0 && strcmp(to, "已返回") == 0)
		ui_message(_("%s: status is now %s; back on the roster as 在册."), f->name, to);
	else
		ui_message(_("%s: status is now %s."), f->name, to);
	return true;
}

static bool status_dialog(struct app *app, struct flow *f)
{
	const char *labels[8];
	char title[512];
	int n = 0, i;

	for (i = 0; flow_statuses[i].value; i++)
		if (!flow_status_change(f->status, flow_statuses[i].value))
			labels[n++] = flow_statuses[i].value;
	if (n == 0) {
		ui_error(_("%s: %s"), f->name, _(flow_status_change(f->status, "外出中")));
		return false;
	}
	snprintf(title, sizeof title, _("New status of %s (now %s)"), f->name, f->status);
	i = ui_pick(title, labels, n, -1, NULL);
	return i >= 0 && status_to(app, f, labels[i]);
}

static bool flow_key(struct reg_view *v, enum action act)
{
	struct flow f;

	if (act != ACT_REMOVE)
		return false;
	if (reg_view_current(v, &f) == 0) {
		status_dialog(v->app, &f);
		reg_view_refresh(v, f.id);
	}
	return true;
}

/* ---- details -------------------------------------------------------------- */

struct facts {
	struct ui_lines *l;
	int64_t id;
	bool found;
};

/* The reminders that hold for the record: said on its page. */
static void remind_found(void *ctx, int64_t id, const char *name, const char *date)
{
	struct facts *c = ctx;

	(void)name;
	(void)date;
	if (id == c->id)
		c->found = true;
}

/* The last contacts, newest first, under the record's details. */
#define FACTS_CONTACTS 5
static void contacts_facts(struct db *db, int64_t id, struct ui_lines *l)
{
	static const char sql[] =
	    "SELECT date, way, content, next_step FROM flow_contacts WHERE flow_id = ?1"
	    " ORDER BY date DESC, id DESC LIMIT ?2";
	int rc;
	sqlite3_stmt *st = db_step_with(db, sql, &rc, "ii", id, (int64_t)FACTS_CONTACTS);
	char line[600];

	if (!st)
		return;
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		const char *next = (const char *)sqlite3_column_text(st, 3);

		snprintf(line, sizeof line, "%s %s %s%s%s", sqlite3_column_text(st, 0),
		         sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
		         next && *next ? _("; next: ") : "", next ? next : "");
		for (char *p = line; *p; p++)
			if (*p == '\n')
				*p = ' ';
		reg_detail_line(l, _("Contact"), line);
	}
	sqlite3_reset(st);
}

static void flow_facts(struct reg_view *v, const void *rec, struct ui_lines *l)
{
	const struct flow *f = rec;
	char last[11], line[512];
	size_t len = 0;

	if (f->scope[0])
		reg_detail_line(l, _("Scope"), f->scope);
	snprintf(line, sizeof line, "%s %s %s", f->status, f->status_date, f->status_reason);
	reg_detail_line(l, _("Flow status"), line);
	last_contact(v->app->db, f->id, last);
	reg_detail_line(l, _("Last contact"), last[0] ? last : _("none"));
	line[0] = '\0';
	for (int w = 0; w < FLOW_REMIND_COUNT; w++) {
		struct facts c = { l, f->id, false };

		flow_remind_each(v->app->db, (enum flow_remind)w, 100000, NULL, remind_found, &c);
		if (c.found && len < sizeof line)
			len += (size_t)snprintf(line + len, sizeof line - len, "%s%s",
			                        len ? " " : "", flow_reminders[w].name);
	}
	if (line[0])
		reg_detail_line(l, _("Due"), line);
	contacts_facts(v->app->db, f->id, l);
}

/* ---- the start screen --------------------------------------------------- */

static bool open_flow(struct app *app, int64_t id)
{
	screen_reg_history(app, &reg_flows, id);
	return false;
}

/* What each reminder says on the start screen: name and the date.
 * 失联预警: 党章第九条; 应转接: 中办发〔2006〕28号. */
static const char *const remind_line[FLOW_REMIND_COUNT] = {
	[FLOW_REMIND_CONTACT] = N_("Flowing member to contact: %s (no contact since %s)"),
	[FLOW_REMIND_LOST] = N_("Lost contact? %s (no contact since %s)"),
	[FLOW_REMIND_TRANSFER] = N_("Transfer due: %s (away since %s)"),
	[FLOW_REMIND_CERTIFICATE] = N_("Certificate not handed back: %s (returned %s)"),
	[FLOW_REMIND_RETURN] = N_("Expected return passed: %s (expected %s)"),
};

struct dash_ctx {
	struct dash *d;
	const char *fmt;
	int n;
};

static void dash_item(void *ctx, int64_t id, const char *name, const char *date)
{
	struct dash_ctx *c = ctx;
	char line[512];

	reg_say(line, sizeof line, c->fmt, name, date);
	dash_add(c->d, strdup(line), open_flow, id);
	c->n++;
}

static bool open_flows(struct app *app, int64_t id)
{
	(void)id;
	screen_reg_run(app, &reg_flows);
	return false;
}

void flow_dashboard(struct app *app, struct dash *d)
{
	int64_t inflow = flow_inflow_count(app->db), ours = flow_branch_count(app->db);
	char *s = NULL;

	/* 流入 members live here but are another branch's: counted apart,
	 * never as ours (the roster and its statistics hold only ours) */
	if (inflow > 0 && ours >= 0 &&
	    asprintf(&s, _("Members of the branch: %lld; members from elsewhere (流入): %lld"),
	             (long long)ours, (long long)inflow) >= 0)
		dash_add(d, s, open_flows, 0);
	for (int w = 0; w < FLOW_REMIND_COUNT; w++) {
		struct dash_ctx c = { d, remind_line[w], 0 };
		int64_t total = 0;

		if (flow_remind_each(app->db, (enum flow_remind)w, DASH_SHOW, &total,
		                     dash_item, &c) == DB_OK)
			dash_more(d, (int)(total - c.n));
	}
}

/* ---- the register's screens ---------------------------------------------- */

static const enum action flow_hints[] = {
	ACT_SEARCH, ACT_ADD, ACT_EDIT, ACT_DETAIL, ACT_REMOVE, ACT_FILTER, ACT_EXPORT,
	ACT_PRINT, ACT_BACK, ACT_HELP, ACT_SORT, ACT_NONE
};

static const struct reg_words flow_words = {
	.list_title = N_("Flowing members"),
	.add_title = N_("Flowing members: add a record"),
	.edit_title = N_("Flowing members: edit a record"),
	.add_kept = N_("Flowing members: add a record (kept form)"),
	.edit_kept = N_("Flowing members: edit a record (kept form)"),
	.page_title = N_("Flowing member: %s"),
	.count = N_("%lld flowing members, %s%s"),
	.count_unknown = N_("… flowing members, %s%s"),
	.no_match = N_("No flowing member matches \"%s\"."),
	.empty = N_("No flowing members to show. a adds one."),
	.read_failed = N_("Could not read the flowing members: %s"),
	.gone = N_("This record is no longer in the database."),
	.kept_gone = N_("The record of the kept form is no longer in the database."),
	.conflict = N_("%s saved this record at %s. Different from yours: %s"),
	.changed = N_("Someone else changed this record meanwhile; nothing was saved. Esc, then open it again."),
	.not_saved = N_("Not saved: someone else changed this record meanwhile. F2/Ctrl-S again to decide."),
	.search_hint = N_(" Type: name, pinyin, initials or end of ID/phone  Enter keep  Esc clear"),
	.io_import = N_("Import flowing members from a CSV file (Excel)"),
	.io_export = N_("Export the flowing members to CSV"),
	.io_print = N_("Print the register of flowing members"),
	.import_title = N_("Import flowing members"),
	.import_update = N_("Import flowing members"),
	.not_a_field = N_("Column %u \"%s\" is not a field of the flowing members; it is left out."),
	.correct_days = N_("  Correct them in the register where the day is known."),
	.stored = N_("Stored %lu flowing members (%lu of them updated)."),
	.unchanged = N_("%lu rows were the same as in the register: nothing changed."),
	.exported = N_("Exported %lu flowing members to %s."),
	.exported_replaced = N_("Exported %lu flowing members to %s; %lu of them held control characters, written as U+FFFD (zhibu check lists them)."),
	.exported_lossy = N_("Exported %lu flowing members to %s; %lu of them with characters GBK lacks, written as ?."),
	.printed = N_("Wrote %u pages (%lu flowing members) to %s."),
	.file_name = N_("flows"),
	.report_menu = N_("Register of flowing members: print or save"),
	.help = N_("The register of flowing members: our members away (流出) and members from elsewhere living here (流入); open records (外出中, 失联) are listed unless a filter says otherwise. A departure takes one form: pick the member by name or pinyin; the roster shows the member as 流出 at once. l opens the contact log of the record under the cursor: a adds a contact dated today, by phone unless changed; type what was said and press F2. d changes the status (已返回 puts the member back on the roster as 在册). f filters by the reminders too: no contact for 90 days (the setting flows.contact_days), six months without contact (Party Constitution art. 9), six months away (transfer of the relation), certificate not handed back, expected return passed."),
};

const struct reg_screen flow_screen = {
	.words = &flow_words,
	.name_field = "name",
	.columns = flow_column_sets,
	.ncols = N_COLS,
	.cells = flow_cells,
	.init = flow_init,
	.check = flow_form_check,
	.facts = flow_facts,
	.key = flow_key,
	.hints = flow_hints,
	.detail = &reg_flow_contacts,
	.hide_empty = true,
};

/* ---- the contact log ------------------------------------------------------- */

enum { CC_DATE, CC_WAY, CC_CONTENT, CC_NEXT, CC_COLS };

static const struct list_column contact_columns[CC_COLS] = {
	[CC_DATE] = { N_("Date"), 10, false, 0 },
	[CC_WAY] = { N_("Way"), 4, false, 0 },
	[CC_CONTENT] = { N_("What was said"), 40, false, 3 },
	[CC_NEXT] = { N_("Next step"), 20, false, 1 },
};

static const struct list_column *const contact_column_sets[] = { contact_columns };

static void contact_cells(struct reg_view *v, const void *rec, char (*cells)[LIST_CELL])
{
	const struct flow_contact *c = rec;

	(void)v;
	snprintf(cells[CC_DATE], LIST_CELL, "%s", c->date);
	snprintf(cells[CC_WAY], LIST_CELL, "%s", c->way);
	cell(cells[CC_CONTENT], c->content, "");
	cell(cells[CC_NEXT], c->next_step, "");
}

static int contact_form_check(struct reg_view *v, void *rec, struct field_problem *p,
                              int max)
{
	return contact_check(rec, v->app->today, p, max);
}

static const enum action contact_hints[] = {
	ACT_ADD, ACT_EDIT, ACT_BACK, ACT_HELP, ACT_NONE
};

static const struct reg_words contact_words = {
	.list_title = N_("Contacts"),
	.add_title = N_("Contacts: add a contact"),
	.edit_title = N_("Contacts: edit a contact"),
	.add_kept = N_("Contacts: add a contact (kept form)"),
	.edit_kept = N_("Contacts: edit a contact (kept form)"),
	.page_title = N_("Contact: %s"),
	.count = N_("%lld contacts, %s%s"),
	.count_unknown = N_("… contacts, %s%s"),
	.no_match = N_("No contact matches \"%s\"."),
	.empty = N_("No contacts yet. a adds one: today, by phone."),
	.read_failed = N_("Could not read the contacts: %s"),
	.gone = N_("This contact is no longer in the database."),
	.kept_gone = N_("The contact of the kept form is no longer in the database."),
	.conflict = N_("%s saved this contact at %s. Different from yours: %s"),
	.changed = N_("Someone else changed this contact meanwhile; nothing was saved. Esc, then open it again."),
	.not_saved = N_("Not saved: someone else changed this contact meanwhile. F2/Ctrl-S again to decide."),
	.search_hint = N_(" Type: name, pinyin, initials or end of ID/phone  Enter keep  Esc clear"),
	.io_import = N_("Import contacts from a CSV file (Excel)"),
	.io_export = N_("Export the contacts to CSV"),
	.io_print = N_("Print the contacts"),
	.import_title = N_("Import contacts"),
	.import_update = N_("Import contacts"),
	.not_a_field = N_("Column %u \"%s\" is not a field of the contacts; it is left out."),
	.correct_days = N_("  Correct them in the register where the day is known."),
	.stored = N_("Stored %lu contacts (%lu of them updated)."),
	.unchanged = N_("%lu rows were the same as in the register: nothing changed."),
	.exported = N_("Exported %lu contacts to %s."),
	.exported_replaced = N_("Exported %lu contacts to %s; %lu of them held control characters, written as U+FFFD (zhibu check lists them)."),
	.exported_lossy = N_("Exported %lu contacts to %s; %lu of them with characters GBK lacks, written as ?."),
	.printed = N_("Wrote %u pages (%lu contacts) to %s."),
	.file_name = N_("contacts"),
	.report_menu = N_("Contacts: print or save"),
	.help = N_("The contacts with one flowing member, oldest first. a adds one: the date is today and the way 电话 unless changed; type what was said and press F2. A contact ends the reminder to keep in touch."),
};

const struct reg_screen contact_screen = {
	.words = &contact_words,
	.name_field = "date",
	.columns = contact_column_sets,
	.ncols = CC_COLS,
	.cells = contact_cells,
	.init = contact_init,
	.check = contact_form_check,
	.hints = contact_hints,
};
