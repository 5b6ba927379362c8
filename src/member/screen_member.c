/* screen_member.c - what is the roster's own on the screens of a register
 * (screen_reg.h): its columns, its rules in the form, the facts of its
 * details, 党籍状态 and 转正 (d and z), and its items on the start
 * screen. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "draw.h"
#include "edit.h"
#include "field.h"
#include "form.h"
#include "gettext.h"
#include "list.h"
#include "member_query.h"
#include "reg.h"
#include "screen_reg.h"
#include "screens.h"
#include "store.h"
#include "store_member.h"
#include "text.h"
#include "validate.h"

/* COL_WHEN: the age, or the joining date when the roster is in that
 * order. */
enum { COL_NAME, COL_GENDER, COL_WHEN, COL_TYPE, COL_CATEGORY, COL_GROUP,
       COL_PHONE, COL_STATUS, N_COLS };

/* The list's columns, given the widths of those that change and what
 * stands in COL_WHEN. */
#define MEMBER_COLUMNS(name, when, when_width, when_right, category, group, phone) { \
	[COL_NAME] = { N_("Name"), name, false, 3 }, [COL_GENDER] = { N_("Sex"), 4, false, 0 }, \
	[COL_WHEN] = { when, when_width, when_right, 0 }, \
	[COL_TYPE] = { N_("Type"), 8, false, 0 }, \
	[COL_CATEGORY] = { N_("Category"), category, false, 1 }, \
	[COL_GROUP] = { N_("Party group"), group, false, 2 }, \
	[COL_PHONE] = { N_("Phone"), phone, false, 1 }, [COL_STATUS] = { N_("Status"), 8, false, 0 }, \
}

static const struct list_column member_columns[N_COLS] =
	MEMBER_COLUMNS(10, N_("Age"), 4, true, 12, 12, 13);

/* 入党日期 order shows the date in the age's place (a list in the order
 * of a column it does not show looks unordered); the other columns give
 * up the room. */
static const struct list_column joined_columns[N_COLS] =
	MEMBER_COLUMNS(8, N_("Joined"), 10, false, 10, 11, 12);


/* ---- the list ------------------------------------------------------- */

static void member_cells(struct reg_view *v, const void *rec, char (*cells)[LIST_CELL])
{
	const struct member *m = rec;
	/* who died or left the Party stops ageing at that date */
	int age = m->birth_date[0] ?
	          valid_years_between(m->birth_date, member_age_date(m, v->app->today)) : -1;

	snprintf(cells[COL_NAME], LIST_CELL, "%s", m->name);
	snprintf(cells[COL_GENDER], LIST_CELL, "%s", m->gender);
	if (v->q.sort == MEMBER_SORT_JOIN)
		snprintf(cells[COL_WHEN], LIST_CELL, "%s", m->join_date);
	else if (age >= 0)
		snprintf(cells[COL_WHEN], LIST_CELL, "%d", age);
	else
		cells[COL_WHEN][0] = 0;
	snprintf(cells[COL_TYPE], LIST_CELL, "%s", m->member_type);
	snprintf(cells[COL_CATEGORY], LIST_CELL, "%s", m->category);
	snprintf(cells[COL_GROUP], LIST_CELL, "%s", m->party_group);
	snprintf(cells[COL_PHONE], LIST_CELL, "%s", m->phone);
	snprintf(cells[COL_STATUS], LIST_CELL, "%s", m->status);
}

/* ---- the form's hooks ------------------------------------------------- */

/* member_check, and the rules across members: the type of an edited
 * member, a unique ID number. */
static int member_form_check(struct reg_view *v, void *record, struct field_problem *p,
                             int max)
{
	struct member *m = record;
	struct field_problem mp[MEMBER_MAX_PROBLEMS];
	struct member other;
	int n = member_check(m, v->app->today, mp), i, k = 0;

	for (i = 0; i < n && k < max; i++, k++) {
		p[k].field = mp[i].field;
		p[k].reason = mp[i].reason;
	}
	/* an edit follows the rules of a change: once full, always full */
	if (k < max && m->id && store_member_get(v->app->db, m->id, &other) == DB_OK &&
	    member_type_change(&other, m->member_type)) {
		p[k].field = "member_type";
		p[k].reason = member_type_change(&other, m->member_type);
		k++;
	}
	if (k < max && m->id_number[0] &&
	    store_member_find_id_number(v->app->db, m->id_number, &other) == DB_OK &&
	    other.id != m->id) {
		p[k].field = "id_number";
		p[k].reason = N_("is already on the roster");
		k++;
	}
	return k;
}

/* The label of the roster's field KEY. */
static const char *field_label(const char *key)
{
	const struct field *f = field_find(member_fields, key);

	return f ? _(f->label) : key;
}

/* ---- 党籍状态 and 转正 -------------------------------------------------- */

/* A member and the status it is to have, for the date's check. */
struct status_change {
	const struct member *m;
	const char *to;
};

static const char *status_date_ok(const void *ctx, const char *iso, const char *today)
{
	const struct status_change *c = ctx;

	return member_status_date(c->m, c->to, iso, today);
}

/* True when a member's write ended in RC DB_OK; else say why nothing
 * was saved. */
static bool saved(struct app *app, int rc)
{
	if (rc == DB_OK)
		return true;
	if (rc == DB_CONFLICT)
		ui_error("%s", _("Someone else changed this member meanwhile; nothing was saved."));
	else
		ui_error(_("Could not save: %s"), cli_db_error(app->db));
	return false;
}

/* Store M's new status, or say why not. */
static bool save_status(struct app *app, struct member *m, const struct member *was)
{
	struct member t = *was;

	if (!saved(app, store_member_set_status(app->db, &t, m->status, m->status_date,
	                                        m->status_reason)))
		return false;
	*m = t;
	return true;
}


/* M's status becomes TO, on a date and, where the rules ask, with a
 * reason and a confirmation (member.c).  True if it changed. */
static bool status_to(struct app *app, struct member *m, const char *to)
{
	const char *why, *field;
	char question[512], iso[11], reason[256];
	struct member t = *m;

	if ((why = member_status_change(m, to))) {
		ui_error(_("%s: %s"), m->name, _(why));
		return false;
	}
	struct status_change change = { m, to };

	if (!ui_ask_date(_("Date of the change:"), _("Date of the change"), app->today,
	              status_date_ok, &change, app->today, iso))
		return false;
	if (!reg_ask_reason(member_status_needs_reason(m, to), reason, sizeof reason))
		return false;
	why = member_change_status(&t, to, iso, reason, app->today, &field);
	if (why) {
		ui_error(_("%s: %s"), _(field_label(field)), _(why));
		return false;
	}
	if (member_status_needs_confirm(m, to)) {
		if (strcmp(to, "在册") == 0)
			snprintf(question, sizeof question,
			         _("Restore the membership of %s (恢复党籍) on %s?"), m->name, iso);
		else
			snprintf(question, sizeof question,
			         _("%s becomes %s on %s, and this cannot be changed afterwards. Go on?"),
			         m->name, to, iso);
		if (!ui_confirm(question))
			return false;
	}
	if (!save_status(app, &t, m))
		return false;
	*m = t;
	ui_message(_("%s: status is now %s."), m->name, to);
	return true;
}

/* d: members are never deleted; their status changes to one the rules
 * allow from the present one.  True if it changed. */
static bool status_dialog(struct app *app, struct member *m)
{
	const char *labels[16];
	char question[512];
	int n = 0, i;

	/* 流出 is registered in 流动党员 (menu 2), whose form writes the
	 * flow record and the status in one transaction: set here alone, it
	 * would be a 流出 with no record (what zhibu check finds) */
	for (i = 0; valid_statuses[i].value && n < 16; i++)
		if (!member_status_change(m, valid_statuses[i].value) &&
		    strcmp(valid_statuses[i].value, "流出") != 0)
			labels[n++] = valid_statuses[i].value;
	if (n == 0) {
		ui_error(_("%s: %s"), m->name, _(member_status_change(m, "在册")));
		return false;
	}
	snprintf(question, sizeof question,
	         _("New status of %s (now %s; 流出 is registered in 流动党员)"),
	         m->name, m->status);
	i = ui_pick(question, labels, n, -1, NULL);
	return i >= 0 && status_to(app, m, labels[i]);
}

static const char *full_date_ok(const void *ctx, const char *iso, const char *today)
{
	struct member t = *(const struct member *)ctx;
	const char *field;

	return member_make_full(&t, iso, today, &field);
}

static const char *extension_ok(const void *ctx, const char *iso, const char *today)
{
	struct member t = *(const struct member *)ctx;
	const char *field, *why = member_extend_probation(&t, iso, "-", today, &field);

	return why && strcmp(field, "probation_end") == 0 ? why : NULL;
}

/* Store M (changed by one of the 转正 outcomes), or say why not. */
static bool save_member(struct app *app, struct member *m)
{
	return saved(app, store_member_update(app->db, m));
}

/* 按期转正: on the day the probation ended (党章第七条: 党龄 counts from
 * it), offered as the date. */
static bool probation_full(struct app *app, struct member *m, const char *end)
{
	struct member t = *m;
	const char *field, *why;
	char iso[11], question[512];

	if (!ui_ask_date(_("Full member since (the day the probation ended):"),
	              _("Full member since"), end, full_date_ok, m, app->today, iso))
		return false;
	why = member_make_full(&t, iso, app->today, &field);
	if (why) {
		ui_error(_("%s: %s"), _(field_label(field)), _(why));
		return false;
	}
	snprintf(question, sizeof question,
	         _("%s becomes a full member on %s; the standing in the Party counts from that day. Save?"),
	         m->name, iso);
	if (!ui_confirm(question) || !save_member(app, &t))
		return false;
	*m = t;
	ui_message(_("%s is a full member since %s."), m->name, iso);
	return true;
}

/* 延长预备期: once, by half a year to a year (发展党员工作细则第三十二条),
 * with the reason. */
static bool probation_extend(struct app *app, struct member *m)
{
	struct member t = *m;
	const char *field, *why;
	char lo[11], hi[11], prompt[256], iso[11], reason[256];

	if (m->probation_end[0]) {
		ui_error(_("%s: %s"), m->name,
		         _("the probation was extended once already: it can be extended only once (Rules on Admitting Party Members art. 32)"));
		return false;
	}
	valid_date_add_months_end(m->join_date, 18, lo);
	valid_date_add(m->join_date, 2, 0, 0, hi);
	snprintf(prompt, sizeof prompt, _("Extended to (%s to %s):"), lo, hi);
	if (!ui_ask_date(prompt, _("Probation extended to"), lo, extension_ok, m,
	              app->today, iso) ||
	    !reg_ask_reason(true, reason, sizeof reason))
		return false;
	why = member_extend_probation(&t, iso, reason, app->today, &field);
	if (why) {
		ui_error(_("%s: %s"), _(field_label(field)), _(why));
		return false;
	}
	if (!save_member(app, &t))
		return false;
	*m = t;
	ui_message(_("%s: the probation is extended to %s."), m->name, iso);
	return true;
}

/* 转正 of a probationary member: on time, extended, or cancelled
 * (党章第七条).  True if something was saved. */
static bool probation_dialog(struct app *app, struct member *m)
{
	static const char *const choices[] = {
		N_("Full membership on time (按期转正)"), N_("Extend the probation (延长预备期)"),
		N_("Cancel the probationary membership (取消预备党员资格)"),
	};
	char title[512], end[11];
	int i;

	if (strcmp(m->member_type, "预备党员") != 0 || !member_status_current(m->status)) {
		ui_error(_("%s: %s"), m->name,
		         strcmp(m->member_type, "预备党员") != 0
		         ? _("is not a probationary member")
		         : _("is no longer a member of the branch"));
		return false;
	}
	member_probation_end(m, end);
	if (m->probation_end[0])
		snprintf(title, sizeof title, _("%s: the probation, extended, ends %s"),
		         m->name, end);
	else
		snprintf(title, sizeof title, _("%s: the probation ends %s"), m->name, end);
	i = ui_pick_msgids(title, choices, 3, 0);
	if ((i == 0 || i == 1) && member_probation_over(m, app->today)) {
		ui_error(_("%s: the probation ends %s: full membership or an extension is decided then."),
		         m->name, end);
		return false;
	}
	if (i == 0) {
		member_full_date_offered(m, app->today, end);
		return probation_full(app, m, end);
	}
	if (i == 1)
		return probation_extend(app, m);
	if (i == 2)
		return status_to(app, m, "取消预备党员资格");
	return false;
}

/* ---- the start screen's items ------------------------------------------ */

struct dash_ctx {
	struct dash *d;
	const char *today;
	int n;                  /* items listed */
};

static void dash_full(void *ctx, const struct member_due *m)
{
	struct dash_ctx *c = ctx;
	char *s = NULL;

	if (strcmp(m->date, c->today) < 0) {
		if (asprintf(&s, m->extended
		             ? _("Full membership overdue: %s (extended probation ended %s)")
		             : _("Full membership overdue: %s (probation ended %s)"),
		             m->name, m->date) < 0)
			s = NULL;
	} else if (asprintf(&s, m->extended
	                    ? _("Full membership due: %s (extended probation ends %s)")
	                    : _("Full membership due: %s (probation ends %s)"),
	                    m->name, m->date) < 0) {
		s = NULL;
	}
	dash_add(c->d, s, screen_member_probation, m->id);
	c->n++;
}

static bool open_member(struct app *app, int64_t id)
{
	screen_reg_history(app, &reg_member, id);
	return false;
}

static void dash_birthday(void *ctx, const struct member_due *m)
{
	struct dash_ctx *c = ctx;
	char *s = NULL;

	/* 入党 N 周年 counts from joining; 党龄 from 转正 (党章第七条), and a
	 * 预备党员 has none */
	if (m->party_years < 0) {
		if (asprintf(&s, ngettext("Political birthday: %s, %d year since joining (%s), probationary",
		                          "Political birthday: %s, %d years since joining (%s), probationary",
		                          m->years),
		             m->name, m->years, m->date + 5) < 0)
			s = NULL;
	} else if (m->party_years == 0) {
		if (asprintf(&s, ngettext("Political birthday: %s, %d year since joining (%s), less than a year in the Party",
		                          "Political birthday: %s, %d years since joining (%s), less than a year in the Party",
		                          m->years),
		             m->name, m->years, m->date + 5) < 0)
			s = NULL;
	} else if (asprintf(&s, ngettext("Political birthday: %s, %d year since joining (%s), %d in the Party",
	                                 "Political birthday: %s, %d years since joining (%s), %d in the Party",
	                                 m->years),
	                    m->name, m->years, m->date + 5, m->party_years) < 0) {
		s = NULL;
	}
	dash_add(c->d, s, open_member, m->id);
	c->n++;
}

/* Probationary members whose probation ends within 30 days or has ended
 * (SPEC 1.5); and, coming up, this month's political birthdays: DASH_SHOW
 * of each at most, the rest counted. */
void screen_member_dashboard(struct app *app, struct dash *d)
{
	struct dash_ctx full = { d, app->today, 0 };
	int64_t due = 0;

	member_query_full_due(app->db, app->today, 30, DASH_SHOW, &due, dash_full, &full);
	dash_more(d, (int)(due - full.n));
}

void screen_member_birthdays(struct app *app, struct dash *d)
{
	struct dash_ctx birth = { d, app->today, 0 };
	int64_t birthdays = 0;

	member_query_anniversaries(app->db, app->today, DASH_SHOW, &birthdays,
	                           dash_birthday, &birth);
	dash_more(d, (int)(birthdays - birth.n));
}

bool screen_member_probation(struct app *app, int64_t id)
{
	struct member m;

	if (store_member_get(app->db, id, &m) != DB_OK) {
		ui_error("%s", _("This member is no longer in the database."));
		return false;
	}
	return probation_dialog(app, &m);
}

/* ---- details ---------------------------------------------------------- */

/* What the rules make of the member's dates: the age (frozen for who
 * died or left), the 预备期 and its end, 党龄 (党章第七条: from the end
 * of the probation), the status with its date and reason. */
static void member_facts(struct reg_view *rv, const void *rec, struct ui_lines *l)
{
	const struct member *m = rec;
	const char *on = member_age_date(m, rv->app->today);
	char v[512], end[11];
	int age = valid_years_between(m->birth_date, on);

	if (age >= 0 && on != rv->app->today)
		snprintf(v, sizeof v, _("%d (on %s, %s)"), age, on, m->status);
	else if (age >= 0)
		snprintf(v, sizeof v, "%d", age);
	else
		v[0] = 0;
	reg_detail_line(l, _("Age"), v);
	member_probation_end(m, end);
	if (strcmp(m->member_type, "预备党员") == 0) {
		if (m->probation_end[0])
			snprintf(v, sizeof v, _("ends %s (extended: %s)"), end,
			         m->probation_reason);
		else
			snprintf(v, sizeof v, _("ends %s"), end);
		reg_detail_line(l, _("Probation"), v);
	} else {
		int years = member_party_age(m, on);

		if (years == 0)
			snprintf(v, sizeof v, _("less than a year (full member since %s)"),
			         m->full_date);
		else if (years > 0)
			snprintf(v, sizeof v, ngettext("%d year (full member since %s)",
			                               "%d years (full member since %s)", years),
			         years, m->full_date);
		else
			v[0] = 0;
		reg_detail_line(l, _("Party standing"), v);
		if (m->probation_end[0]) {
			snprintf(v, sizeof v, _("extended to %s: %s"), m->probation_end,
			         m->probation_reason);
			reg_detail_line(l, _("Probation"), v);
		}
	}
	if (m->status_date[0] || m->status_reason[0]) {
		snprintf(v, sizeof v, _("%s since %s %s"), m->status, m->status_date,
		         m->status_reason);
		reg_detail_line(l, _("Status"), v);
	}
}

/* ---- the register's screens ----------------------------------------- */

/* d and z: the roster's own keys, each a dialog on the member under
 * the cursor; the list is read again after it. */
static bool member_key(struct reg_view *v, enum action act)
{
	bool (*dialog)(struct app *app, struct member *m) =
		act == ACT_REMOVE ? status_dialog : act == ACT_PROBATION ? probation_dialog : NULL;
	struct member m;

	if (!dialog)
		return false;
	if (reg_view_current(v, &m) == 0) {
		dialog(v->app, &m);
		reg_view_refresh(v, m.id);
	}
	return true;
}

static const enum action member_hints[] = {
	ACT_SEARCH, ACT_ADD, ACT_EDIT, ACT_REMOVE, ACT_FILTER, ACT_EXPORT,
	ACT_PRINT, ACT_BACK, ACT_HELP, ACT_PROBATION, ACT_SORT, ACT_NONE
};

static const struct reg_words member_words = {
	.list_title = N_("Member roster"),
	.add_title = N_("Roster: add a member"),
	.edit_title = N_("Roster: edit a member"),
	.add_kept = N_("Roster: add a member (kept form)"),
	.edit_kept = N_("Roster: edit a member (kept form)"),
	.page_title = N_("Roster: %s"),
	.count = N_("%lld members, %s%s"),
	.count_unknown = N_("… members, %s%s"),
	.no_match = N_("No member matches \"%s\"."),
	.empty = N_("No members to show. a adds one."),
	.read_failed = N_("Could not read the roster: %s"),
	.gone = N_("This member is no longer in the database."),
	.kept_gone = N_("The member of the kept form is no longer in the database."),
	.conflict = N_("%s saved this member at %s. Different from yours: %s"),
	.changed = N_("Someone else changed this member meanwhile; nothing was saved. Esc, then open it again."),
	.not_saved = N_("Not saved: someone else changed this member meanwhile. F2/Ctrl-S again to decide."),
	.search_hint = N_(" Type: name, pinyin, initials or end of ID/phone  Enter keep  Esc clear"),
	.io_import = N_("Import the roster from a CSV file (Excel)"),
	.io_export = N_("Export the roster (current members) to CSV"),
	.io_print = N_("Print the roster"),
	.import_title = N_("Import the roster"),
	.import_update = N_("Import, updating members already on the roster"),
	.not_a_field = N_("Column %u \"%s\" is not a field of the roster; it is left out."),
	.correct_days = N_("  Correct them in the roster where the day is known."),
	.stored = N_("Stored %lu members (%lu of them updated)."),
	.unchanged = N_("%lu rows were the same as on the roster: nothing changed."),
	.exported = N_("Exported %lu members to %s."),
	.exported_replaced = N_("Exported %lu members to %s; %lu of them held control characters, written as U+FFFD (zhibu check lists them)."),
	.exported_lossy = N_("Exported %lu members to %s; %lu of them with characters GBK lacks, written as ?."),
	.printed = N_("Wrote %u pages (%lu members) to %s."),
	.file_name = N_("roster"),
	.report_menu = N_("Member roster: print or save"),
	.help = N_("The roster lists current members (在册 and 流出) by the strokes of their surnames. / searches as you type: part of a name, its pinyin (zhangsan) or initials (zs), or the last digits of an ID number or phone. ID numbers are masked outside the edit form. Members are never deleted: d changes the status (党籍状态) as the rules allow, with a date and, where they ask, a reason. z decides a probationary member's probation: full membership on time, an extension, or a cancellation."),
};

static void member_new(void *rec)
{
	member_init(rec);
}

/* The columns of each order: the one it sorts by is among them. */
static const struct list_column *const member_column_sets[MEMBER_SORT_COUNT] = {
	member_columns, member_columns, joined_columns,
};

/* 党员统计 (screen_stats.c): the roster's figures, on menu 5. */
static const struct screen_entry member_reports[] = {
	{ N_("Member statistics"), screen_stats_run },
	{ NULL, NULL },
};

const struct reg_screen member_screen = {
	.reports = member_reports,
	.words = &member_words,
	.name_field = "name",
	.columns = member_column_sets,
	.ncols = N_COLS,
	.cells = member_cells,
	.init = member_new,
	.check = member_form_check,
	.facts = member_facts,
	.key = member_key,
	.hints = member_hints,
};
