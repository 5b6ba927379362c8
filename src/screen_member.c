/* screen_member.c - 党员花名册: the roster list, its form, details and
 * history.  Tables and hooks over the generic list and form. */
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
#include "screens.h"
#include "store.h"
#include "text.h"
#include "validate.h"

/* COL_WHEN: the age, or the joining date when the roster is in that
 * order. */
enum { COL_NAME, COL_GENDER, COL_WHEN, COL_TYPE, COL_CATEGORY, COL_GROUP,
       COL_PHONE, COL_STATUS, N_COLS };

static const struct list_column member_columns[N_COLS] = {
	[COL_NAME] = { N_("Name"), 10, false, 3 },
	[COL_GENDER] = { N_("Sex"), 4, false, 0 },
	[COL_WHEN] = { N_("Age"), 4, true, 0 },
	[COL_TYPE] = { N_("Type"), 8, false, 0 },
	[COL_CATEGORY] = { N_("Category"), 12, false, 1 },
	[COL_GROUP] = { N_("Party group"), 12, false, 2 },
	[COL_PHONE] = { N_("Phone"), 13, false, 1 },
	[COL_STATUS] = { N_("Status"), 8, false, 0 },
};

/* 入党日期 order shows the date in the age's place (a list in the order
 * of a column it does not show looks unordered); the other columns give
 * up the room. */
static const struct list_column joined_columns[N_COLS] = {
	[COL_NAME] = { N_("Name"), 8, false, 3 },
	[COL_GENDER] = { N_("Sex"), 4, false, 0 },
	[COL_WHEN] = { N_("Joined"), 10, false, 0 },
	[COL_TYPE] = { N_("Type"), 8, false, 0 },
	[COL_CATEGORY] = { N_("Category"), 10, false, 1 },
	[COL_GROUP] = { N_("Party group"), 11, false, 2 },
	[COL_PHONE] = { N_("Phone"), 12, false, 1 },
	[COL_STATUS] = { N_("Status"), 8, false, 0 },
};

/* The columns of each order: the one it sorts by is among them. */
static const struct list_column *const sort_columns[MEMBER_SORT_COUNT] = {
	member_columns, member_columns, joined_columns,
};

#define MAX_GROUPS 128

struct member_screen {
	struct app *app;
	bool unchanged;         /* the last save found nothing to change */
	struct query q;
	struct list list;
	bool searching;
	/* party groups, for filters and the form's choices */
	int ngroups;
	int64_t group_ids[MAX_GROUPS];
	char *group_names[MAX_GROUPS];
};

/* ---- party groups ---------------------------------------------------- */

static void groups_add(void *ctx, int64_t id, const char *name, int64_t members)
{
	struct member_screen *s = ctx;

	if (s->ngroups >= MAX_GROUPS)
		return;
	s->group_ids[s->ngroups] = id;
	s->group_names[s->ngroups] = strdup(name);
	if (s->group_names[s->ngroups])
		s->ngroups++;
}

static void groups_free(struct member_screen *s)
{
	int i;

	for (i = 0; i < s->ngroups; i++)
		free(s->group_names[i]);
	s->ngroups = 0;
}

static void groups_load(struct member_screen *s)
{
	groups_free(s);
	store_group_each(s->app->db, groups_add, s);
}

static const char *group_name(struct member_screen *s, int64_t id)
{
	int i;

	for (i = 0; i < s->ngroups; i++)
		if (s->group_ids[i] == id)
			return s->group_names[i];
	return "";
}

/* ---- the list's source ----------------------------------------------- */

static void row_cells(struct member_screen *s, const struct member_row *r,
                      struct list_row *out)
{
	const struct member *m = &r->m;
	/* who died or left the Party stops ageing at that date */
	int age = m->birth_date[0] ?
	          valid_years_between(m->birth_date, member_age_date(m, s->app->today)) : -1;

	out->id = m->id;
	snprintf(out->key, sizeof out->key, "%s", r->key);
	snprintf(out->cells[COL_NAME], LIST_CELL, "%s", m->name);
	snprintf(out->cells[COL_GENDER], LIST_CELL, "%s", m->gender);
	if (s->q.sort == MEMBER_SORT_JOIN)
		snprintf(out->cells[COL_WHEN], LIST_CELL, "%s", m->join_date);
	else if (age >= 0)
		snprintf(out->cells[COL_WHEN], LIST_CELL, "%d", age);
	else
		out->cells[COL_WHEN][0] = 0;
	snprintf(out->cells[COL_TYPE], LIST_CELL, "%s", m->member_type);
	snprintf(out->cells[COL_CATEGORY], LIST_CELL, "%s", m->category);
	snprintf(out->cells[COL_GROUP], LIST_CELL, "%s", m->party_group);
	snprintf(out->cells[COL_PHONE], LIST_CELL, "%s", m->phone);
	snprintf(out->cells[COL_STATUS], LIST_CELL, "%s", m->status);
}

static int member_fetch(void *ctx, const struct list_row *anchor,
                        enum list_dir dir, int n, struct list_row *rows)
{
	struct member_screen *s = ctx;
	struct member_row *buf = malloc((size_t)(n > 0 ? n : 1) * sizeof *buf);
	int got, i;

	if (!buf)
		return -1;
	got = member_query_page(s->app->db, &s->q, anchor ? anchor->key : NULL,
	                        anchor ? anchor->id : 0, dir, n, buf);
	for (i = 0; i < got; i++)
		row_cells(s, &buf[i], &rows[i]);
	free(buf);
	if (got < 0)
		ui_error(_("Could not read the roster: %s"), cli_db_error(s->app->db));
	return got;
}

/* The count scans every match: it gives way to a key typed meanwhile
 * and is taken up again at the next pause. */
static int64_t member_count(void *ctx)
{
	struct member_screen *s = ctx;
	int64_t n;

	db_stop_on_input(s->app->db, true);
	n = query_count(s->app->db, &member_queries, &s->q);
	db_stop_on_input(s->app->db, false);
	return n < 0 && db_input_stopped(s->app->db) ? LIST_COUNT_LATER : n;
}

/* ---- the form's hooks ------------------------------------------------- */

static int member_form_check(struct form *f, void *record,
                             struct field_problem *p, int max)
{
	struct member_screen *s = f->ctx;
	struct member *m = record;
	struct field_problem mp[MEMBER_MAX_PROBLEMS];
	struct member other;
	int n = member_check(m, s->app->today, mp), i, k = 0;

	for (i = 0; i < n && k < max; i++, k++) {
		p[k].field = mp[i].field;
		p[k].reason = mp[i].reason;
	}
	/* an edit follows the rules of a change: once full, always full */
	if (k < max && m->id && store_member_get(s->app->db, m->id, &other) == DB_OK &&
	    member_type_change(&other, m->member_type)) {
		p[k].field = "member_type";
		p[k].reason = member_type_change(&other, m->member_type);
		k++;
	}
	if (k < max && m->id_number[0] &&
	    store_member_find_id_number(s->app->db, m->id_number, &other) == DB_OK &&
	    other.id != m->id) {
		p[k].field = "id_number";
		p[k].reason = N_("is already on the roster");
		k++;
	}
	return k;
}

/* Someone else saved the member after this form was opened: say who and
 * which fields now differ, and let the user choose.  Returns the store's
 * result of what was chosen (DB_CONFLICT when nothing was saved). */
static int member_conflict(struct form *f, struct member *mine, char *msg,
                           size_t msgsz)
{
	struct member_screen *s = f->ctx;
	struct member theirs;
	const struct field *fld;
	char user[64] = "?", at[32] = "", fields[512] = "", title[1024];
	const char *choices[3];
	size_t len = 0;
	int choice;

	if (store_member_get(s->app->db, mine->id, &theirs) != DB_OK) {
		snprintf(msg, msgsz, "%s", _("This member is no longer in the database."));
		return DB_NOTFOUND;
	}
	store_audit_last(s->app->db, "members", mine->id, user, sizeof user, at, sizeof at);
	for (fld = member_fields; fld->key; fld++) {
		int n;

		if (strcmp(FIELD_VALUE(mine, fld), FIELD_VALUE(&theirs, fld)) == 0)
			continue;
		n = snprintf(fields + len, sizeof fields - len, "%s%s",
		             len ? _(", ") : "", _(fld->label));
		if (n < 0 || (size_t)n >= sizeof fields - len)
			break;
		len += (size_t)n;
	}
	if (!fields[0])
		snprintf(fields, sizeof fields, "%s", _("(none: the same values)"));
	snprintf(title, sizeof title,
	         _("%s saved this member at %s. Different from yours: %s"),
	         user, at, fields);
	choices[0] = _("Load their version (your changes are dropped)");
	choices[1] = _("Save yours over theirs");
	choices[2] = _("Go back to the form");
	choice = ui_pick(title, choices, 3, 2, NULL);
	if (choice == 0) {
		form_set_record(f, &theirs);
		f->base_version = theirs.version;
		memcpy(f->record, &theirs, sizeof theirs);
		snprintf(msg, msgsz, _("Loaded the version %s saved."), user);
		return DB_CONFLICT;
	}
	if (choice == 1) {
		/* Deliberately on top of theirs: their version is the base now. */
		mine->version = theirs.version;
		return store_member_update(s->app->db, mine);
	}
	snprintf(msg, msgsz, "%s", _("Not saved: someone else changed this member meanwhile. F2/Ctrl-S again to decide."));
	return DB_CONFLICT;
}

static int member_form_save(struct form *f, void *record, char *msg,
                            size_t msgsz)
{
	struct member_screen *s = f->ctx;
	struct member *m = record, stored;
	const struct field *fld;
	int rc;

	/* F2 on a form that changes nothing writes nothing: no version, no
	 * line in the change log, no conflict for someone else's open form */
	s->unchanged = false;
	if (m->id && store_member_get(s->app->db, m->id, &stored) == DB_OK &&
	    stored.version == m->version) {
		for (fld = member_fields; fld->key; fld++)
			if (strcmp(FIELD_VALUE(m, fld), FIELD_VALUE(&stored, fld)) != 0)
				break;
		if (!fld->key) {
			s->unchanged = true;
			return 0;
		}
	}
	rc = m->id ? store_member_update(s->app->db, m) : store_member_insert(s->app->db, m);

	if (rc == DB_CONFLICT) {
		msg[0] = 0;
		rc = member_conflict(f, m, msg, msgsz);
		if (rc == DB_CONFLICT)
			return -1;
	}
	switch (rc) {
	case DB_OK:
		return 0;
	case DB_CONFLICT:
		snprintf(msg, msgsz, "%s", _("Someone else changed this member meanwhile; nothing was saved. Esc, then open it again."));
		break;
	case DB_DUPLICATE:
		snprintf(msg, msgsz, "%s", _("ID number: is already on the roster"));
		break;
	case DB_BUSY:
		snprintf(msg, msgsz, "%s", _("The database is busy (someone else is saving); try F2/Ctrl-S again."));
		break;
	case DB_NOTFOUND:
		snprintf(msg, msgsz, "%s", _("This member is no longer in the database."));
		break;
	default:
		snprintf(msg, msgsz, _("Could not save: %s"), cli_db_error(s->app->db));
		break;
	}
	return -1;
}

static const char *const *member_form_choices(struct form *f,
                                              const struct field *fld, int *n)
{
	struct member_screen *s = f->ctx;

	groups_load(s);
	*n = s->ngroups;
	return (const char *const *)s->group_names;
}

static const char *member_form_check_field(struct form *f,
                                           const struct field *fld,
                                           char *value, size_t size)
{
	char buf[FORM_VALUE];
	const char *why = field_check_value(fld, value, buf, sizeof buf);

	if (!why && value[0])
		snprintf(value, size, "%s", buf);
	return why;
}

/* Run the form on M; DRAFT_ID is the draft it resumes (0: none), in which
 * case M holds the values typed then. */
static bool member_edit(struct member_screen *s, struct member *m,
                        const char *title, int64_t draft_id)
{
	struct form f = {
		.title = title,
		.fields = member_fields,
		.record = m,
		.record_size = sizeof *m,
		.hooks = {
			member_form_check, member_form_save, member_form_choices,
			member_form_check_field,
		},
		.ctx = s,
		.db = s->app->db,
		.table = "members",
		.row_id = m->id,
		.base_version = m->version,
		.draft_id = draft_id,
		.start_dirty = draft_id != 0,
	};

	return form_run(s->app, &f);
}

/* ---- actions ---------------------------------------------------------- */

/* Put the cursor on member ID, wherever the sort order puts it. */
static void member_show(struct member_screen *s, int64_t id)
{
	struct list_row anchor;

	anchor.id = id;
	if (query_key(s->app->db, &member_queries, &s->q, id, anchor.key, sizeof anchor.key) == DB_OK)
		list_goto(&s->list, &anchor);
	else
		list_refresh(&s->list, id);
}

static void member_add(struct member_screen *s)
{
	struct member m;

	member_init(&m);
	if (member_edit(s, &m, _("Roster: add a member"), 0)) {
		ui_message(_("Added %s."), m.name);
		member_show(s, m.id);
	}
}

static int current_member(struct member_screen *s, struct member *m)
{
	const struct list_row *r = list_current(&s->list);
	int rc;

	if (!r) {
		ui_error("%s", _("The list is empty."));
		return -1;
	}
	rc = store_member_get(s->app->db, r->id, m);
	if (rc != DB_OK) {
		ui_error("%s", _("This member is no longer in the database."));
		list_refresh(&s->list, 0);
		return -1;
	}
	return 0;
}

static void member_edit_current(struct member_screen *s)
{
	struct member m;

	if (current_member(s, &m) != 0)
		return;
	if (member_edit(s, &m, _("Roster: edit a member"), 0)) {
		if (s->unchanged)
			ui_message(_("%s: nothing was changed."), m.name);
		else
			ui_message(_("Saved %s."), m.name);
		member_show(s, m.id);
	}
}

void screen_member_resume(struct app *app, const struct store_draft *d)
{
	struct member_screen s = { .app = app };
	struct list_source src = { member_fetch, member_count, &s };
	const struct field *fld;
	struct member m;
	char value[FORM_VALUE];

	list_init(&s.list, member_columns, N_COLS, src);
	groups_load(&s);
	member_init(&m);
	if (d->row_id) {
		if (store_member_get(app->db, d->row_id, &m) != DB_OK) {
			ui_error("%s", _("The member of the kept form is no longer in the database."));
			store_draft_delete(app->db, d->id);
			groups_free(&s);
			return;
		}
		/* The version the form was opened on: a change saved by someone
		 * else since then is detected as a conflict, not overwritten. */
		m.version = d->base_version;
	}
	for (fld = member_fields; fld->key; fld++) {
		if (fld->flags & FIELD_NO_FORM)
			continue;
		store_draft_value(app->db, d, fld->key, value, sizeof value);
		snprintf(FIELD_VALUE(&m, fld), fld->size, "%s", value);
	}
	if (member_edit(&s, &m, d->row_id ? _("Roster: edit a member (kept form)") :
	                _("Roster: add a member (kept form)"), d->id))
		ui_message(_("Saved %s."), m.name);
	groups_free(&s);
	list_free(&s.list);
}

/* ---- 党籍状态 and 转正 -------------------------------------------------- */

/* Ask for a reason (at most 60 characters) until one is given where
 * REQUIRED, or Esc. */
static bool ask_reason(bool required, char *out, size_t outsz)
{
	char typed[256], shown[256] = "", again[512];
	const char *ask = required ? _("Reason (required):") : _("Reason (may be empty):");

	for (;;) {
		const char *why;

		if (!ui_ask(ask, shown, typed, sizeof typed))
			return false;
		memcpy(shown, typed, sizeof shown);
		why = valid_text(typed, 60, false, out, outsz);
		if (!why && required && !out[0])
			why = N_("is required");
		if (!why)
			return true;
		ask = ui_again_prompt(_("Reason"), why, again, sizeof again);
	}
}

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

/* Store M's new status, or say why not. */
static bool save_status(struct app *app, struct member *m, const struct member *was)
{
	struct member t = *was;
	int rc = store_member_set_status(app->db, &t, m->status, m->status_date,
	                                 m->status_reason);

	if (rc == DB_OK) {
		*m = t;
		return true;
	}
	if (rc == DB_CONFLICT)
		ui_error("%s", _("Someone else changed this member meanwhile; nothing was saved."));
	else
		ui_error(_("Could not save: %s"), cli_db_error(app->db));
	return false;
}

static const char *field_label(const char *key);

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
	if (!ask_reason(member_status_needs_reason(m, to), reason, sizeof reason))
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

	for (i = 0; valid_statuses[i].value && n < 16; i++)
		if (!member_status_change(m, valid_statuses[i].value))
			labels[n++] = valid_statuses[i].value;
	if (n == 0) {
		ui_error(_("%s: %s"), m->name, _(member_status_change(m, "在册")));
		return false;
	}
	snprintf(question, sizeof question, _("New status of %s (now %s)"), m->name,
	         m->status);
	i = ui_pick(question, labels, n, -1, NULL);
	return i >= 0 && status_to(app, m, labels[i]);
}

static void member_status(struct member_screen *s)
{
	struct member m;

	if (current_member(s, &m) != 0)
		return;
	status_dialog(s->app, &m);
	list_refresh(&s->list, m.id);
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
	int rc = store_member_update(app->db, m);

	if (rc == DB_OK)
		return true;
	if (rc == DB_CONFLICT)
		ui_error("%s", _("Someone else changed this member meanwhile; nothing was saved."));
	else
		ui_error(_("Could not save: %s"), cli_db_error(app->db));
	return false;
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
	    !ask_reason(true, reason, sizeof reason))
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
	const char *choices[3];
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
	choices[0] = _("Full membership on time (按期转正)");
	choices[1] = _("Extend the probation (延长预备期)");
	choices[2] = _("Cancel the probationary membership (取消预备党员资格)");
	i = ui_pick(title, choices, 3, 0, NULL);
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
	screen_member_history(app, id);
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
 * (SPEC 1.5), and this month's political birthdays: DASH_SHOW of each at
 * most, the rest counted. */
void screen_member_dashboard(struct app *app, struct dash *d)
{
	struct dash_ctx full = { d, app->today, 0 }, birth = { d, app->today, 0 };
	int64_t due = 0, birthdays = 0;

	member_query_full_due(app->db, app->today, 30, DASH_SHOW, &due, dash_full, &full);
	dash_more(d, (int)(due - full.n));
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

static void member_probation(struct member_screen *s)
{
	struct member m;

	if (current_member(s, &m) != 0)
		return;
	probation_dialog(s->app, &m);
	list_refresh(&s->list, m.id);
}

/* ---- details and history ---------------------------------------------- */

/* A value as the screen may show it: ID numbers masked. */
static void shown_value(struct member_screen *s, const char *key,
                        const char *value, char *out, size_t outsz)
{
	const struct field *f = field_find(member_fields, key);

	if (!value)
		value = "";
	if (strcmp(key, "party_group_id") == 0 && value[0])
		/* the change log keeps the group's key */
		snprintf(out, outsz, "%s", group_name(s, strtoll(value, NULL, 10)));
	else if (f)
		/* masked, 是/否 ... by the field's type */
		field_format(f, value, out, outsz);
	else
		snprintf(out, outsz, "%s", value);
}

static const char *field_label(const char *key)
{
	const struct field *f;

	if (strcmp(key, "party_group_id") == 0)
		key = "party_group";
	f = field_find(member_fields, key);
	return f ? _(f->label) : key;
}

struct history_ctx {
	struct member_screen *s;
	struct ui_lines *lines;
	int64_t last;           /* the change whose fields are being listed */
};

/* One changed field; the first of each change (one save, one status
 * change) under a line of its own: two saves in the same minute are two
 * changes, not one. */
static void history_line(void *ctx, const struct store_change *c)
{
	struct history_ctx *h = ctx;
	char oldv[512], newv[512];

	if (c->change != h->last) {
		const char *what = strcmp(c->action, "insert") == 0 ? _("added") :
		                   strcmp(c->action, "update") == 0 ? _("changed") :
		                   _("removed");

		h->last = c->change;
		ui_lines_add(h->lines, "%s %s  %s", c->at, c->os_user, what);
	}
	if (!c->field) {
		/* one unreadable change hides nothing else (zhibu check names it) */
		ui_lines_add(h->lines, "    %s", _("(unreadable: not valid JSON)"));
		return;
	}
	shown_value(h->s, c->field, c->new_value, newv, sizeof newv);
	if (strcmp(c->action, "update") == 0) {
		/* an empty value, NULL or '', is shown as one: （空） */
		shown_value(h->s, c->field, c->old_value, oldv, sizeof oldv);
		ui_lines_add(h->lines, _("    %s: %s → %s"), field_label(c->field),
		             oldv[0] ? oldv : _("(empty)"), newv[0] ? newv : _("(empty)"));
	} else {
		ui_lines_add(h->lines, _("    %s: %s"), field_label(c->field), newv);
	}
}

static void member_page(struct member_screen *s, const struct member *mp,
                        bool history_only);

static void member_details(struct member_screen *s, bool history_only)
{
	struct member m;

	if (current_member(s, &m) != 0)
		return;
	member_page(s, &m, history_only);
}

void screen_member_history(struct app *app, int64_t id)
{
	struct member_screen s = { .app = app };
	struct member m;

	if (store_member_get(app->db, id, &m) != DB_OK) {
		ui_error("%s", _("This member is no longer in the database."));
		return;
	}
	member_page(&s, &m, false);
	groups_free(&s);
}

/* One line of the details: LABEL padded to the labels' column, VALUE. */
static void detail_line(struct ui_lines *l, const char *label, const char *value)
{
	char padded[128];

	text_pad(padded, sizeof padded, label, 16, true, false);
	ui_lines_add(l, "%s  %s", padded, value);
}

/* What the rules make of the member's dates: the age (frozen for who
 * died or left), the 预备期 and its end, 党龄 (党章第七条: from the end
 * of the probation), the status with its date and reason. */
static void member_facts(struct member_screen *s, const struct member *m,
                         struct ui_lines *l)
{
	const char *on = member_age_date(m, s->app->today);
	char v[512], end[11];
	int age = valid_years_between(m->birth_date, on);

	if (age >= 0 && on != s->app->today)
		snprintf(v, sizeof v, _("%d (on %s, %s)"), age, on, m->status);
	else if (age >= 0)
		snprintf(v, sizeof v, "%d", age);
	else
		v[0] = 0;
	detail_line(l, _("Age"), v);
	member_probation_end(m, end);
	if (strcmp(m->member_type, "预备党员") == 0) {
		if (m->probation_end[0])
			snprintf(v, sizeof v, _("ends %s (extended: %s)"), end,
			         m->probation_reason);
		else
			snprintf(v, sizeof v, _("ends %s"), end);
		detail_line(l, _("Probation"), v);
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
		detail_line(l, _("Party standing"), v);
		if (m->probation_end[0]) {
			snprintf(v, sizeof v, _("extended to %s: %s"), m->probation_end,
			         m->probation_reason);
			detail_line(l, _("Probation"), v);
		}
	}
	if (m->status_date[0] || m->status_reason[0]) {
		snprintf(v, sizeof v, _("%s since %s %s"), m->status, m->status_date,
		         m->status_reason);
		detail_line(l, _("Status"), v);
	}
}

/* The details of member MP and the history of its changes as a page. */
static void member_page(struct member_screen *s, const struct member *mp,
                        bool history_only)
{
	struct ui_lines l = { 0 };
	struct history_ctx h = { s, &l, 0 };
	const struct field *f;
	struct member m = *mp;
	char title[256], v[1024];

	groups_load(s);
	if (!history_only) {
		for (f = member_fields; f->key; f++) {
			/* the status, its date and the extension: member_facts */
			if ((f->flags & FIELD_NO_FORM))
				continue;
			shown_value(s, f->key, FIELD_VALUE(&m, f), v, sizeof v);
			detail_line(&l, _(f->label), v);
		}
		member_facts(s, &m, &l);
		ui_lines_add(&l, "%s", "");
	}
	ui_lines_add(&l, "%s", _("History of changes (time, user):"));
	if (store_audit_each(s->app->db, "members", m.id, history_line, &h) != DB_OK)
		ui_lines_add(&l, "%s", _("(the history could not be read)"));
	snprintf(title, sizeof title, _("Roster: %s"), m.name);
	ui_page(s->app, title, (const char *const *)l.v, l.n);
	ui_lines_free(&l);
}

/* ---- filters and sorting ---------------------------------------------- */

static void member_filter(struct member_screen *s)
{
	if (screen_filter_menu(s->app, &member_queries, member_fields, &s->q))
		list_reload_top(&s->list);
}

static void member_sort(struct member_screen *s)
{
	if (screen_sort_menu(&member_queries, &s->q)) {
		list_columns(&s->list, sort_columns[s->q.sort], N_COLS);
		list_reload_top(&s->list);
	}
}

/* ---- drawing and the loop --------------------------------------------- */

static void member_info_line(struct member_screen *s)
{
	const char *sort = _(member_queries.sorts[s->q.sort].label);
	char line[512], filters[256];
	int y = ui_body_top();

	screen_filter_text(s->app->db, &member_queries, &s->q, filters, sizeof filters);
	if (s->list.total < 0)
		snprintf(line, sizeof line, _("… members, %s%s"), sort, filters);
	else
		snprintf(line, sizeof line, _("%lld members, %s%s"),
		         (long long)s->list.total, sort, filters);
	draw_text(stdscr, y, 1, line, COLS - 2, true);
}

static void member_draw(struct member_screen *s)
{
	static const enum action hints[] = {
		ACT_SEARCH, ACT_ADD, ACT_EDIT, ACT_REMOVE, ACT_FILTER, ACT_EXPORT,
		ACT_PRINT, ACT_BACK, ACT_HELP, ACT_PROBATION, ACT_SORT, ACT_NONE
	};
	static const enum action search_hints[] = { ACT_NONE };

	erase();
	ui_title(s->app, _("Member roster"));
	member_info_line(s);
	list_draw(&s->list);
	if (s->list.nrows == 0) {
		char none[256];

		if (s->q.search[0])
			snprintf(none, sizeof none, _("No member matches \"%s\"."),
			         s->q.search);
		else
			snprintf(none, sizeof none, "%s",
			         _("No members to show. a adds one."));
		draw_text(stdscr, ui_body_top() + 3, 2, none, COLS - 4, false);
	}
	if (s->searching) {
		char line[256];

		snprintf(line, sizeof line, "/%s", s->q.search);
		draw_text(stdscr, LINES - 2, 0, line, COLS, true);
		attrset(draw_attr(ROLE_HINTS));
		draw_text(stdscr, LINES - 1, 0,
		          _(" Type: name, pinyin, initials or end of ID/phone  Enter keep  Esc clear"),
		          COLS, true);
		attrset(A_NORMAL);
		(void)search_hints;
		move(LINES - 2, 1 + text_width(s->q.search));
		curs_set(1);
	} else {
		ui_message_draw();
		ui_hints(KC_LIST, hints);
		curs_set(0);
	}
	refresh();
}

/* A key while searching: edit the search text and filter at once. */
static void member_search_key(struct member_screen *s, int k)
{
	struct edit e;
	enum action act = keys_action(KC_FORM, k);

	edit_init(&e, s->q.search, sizeof s->q.search, 40);
	if (k == '\r' || k == '\n' || k == KEY_FN(KEY_ENTER)) {
		s->searching = false;
		return;
	}
	if (act == ACT_CANCEL) {
		s->searching = false;
		s->q.search[0] = 0;
	} else if (k == KEY_FN(KEY_UP) || k == KEY_FN(KEY_DOWN) ||
	           k == KEY_FN(KEY_NPAGE) || k == KEY_FN(KEY_PPAGE)) {
		list_move(&s->list, keys_action(KC_LIST, k));
		return;
	} else if (act == ACT_BACKSPACE || act == ACT_KILL_LINE) {
		if (!s->q.search[0]) {
			s->searching = false;
			return;
		}
		edit_action(&e, act);
	} else if (k >= 0x20 && k != 0x7F) {
		edit_insert(&e, (uint32_t)k);
	} else {
		return;
	}
	ui_message(NULL);
	list_reload_top(&s->list);
}

/* Follow changes committed by others (another secretary on the same
 * file): read the window again, keeping the cursor on its member. */
static void member_follow(struct member_screen *s, int64_t *seen)
{
	int64_t v = db_data_version(s->app->db);
	const struct list_row *r;

	if (v == *seen)
		return;
	*seen = v;
	r = list_current(&s->list);
	list_refresh(&s->list, r ? r->id : 0);
}

void screen_member_run(struct app *app)
{
	struct member_screen s = { .app = app };
	struct list_source src = { member_fetch, member_count, &s };
	int64_t seen = db_data_version(app->db);

	list_init(&s.list, member_columns, N_COLS, src);
	/* Counting a filtered list of 100 000 costs a scan: not per key. */
	s.list.lazy_count = true;
	groups_load(&s);
	list_layout(&s.list, ui_body_top() + 1, ui_body_lines() - 1);
	list_reload_top(&s.list);
	for (;;) {
		enum action act;
		int k;

		if (ui_too_small()) {
			k = ui_key();
			if (k == 'q' || k == UI_KEY_HANGUP)
				break;
			continue;
		}
		member_draw(&s);
		ui_poll(s.list.count_pending ? 120 : UI_POLL_MS);
		k = ui_key();
		if (k == UI_KEY_HANGUP)
			break;
		if (k == KEY_FN(KEY_RESIZE)) {
			list_layout(&s.list, ui_body_top() + 1, ui_body_lines() - 1);
			continue;
		}
		if (k == 0) {
			if (!list_count_now(&s.list))
				member_follow(&s, &seen);
			continue;
		}
		if (s.searching) {
			member_search_key(&s, k);
			continue;
		}
		act = keys_action(KC_LIST, k);
		if (list_move(&s.list, act))
			continue;
		switch (act) {
		case ACT_BACK:
			if (k == KEY_ESC && s.q.search[0]) {
				s.q.search[0] = 0;
				list_reload_top(&s.list);
				continue;
			}
			goto out;
		case ACT_SEARCH:
			s.searching = true;
			break;
		case ACT_ADD:
			member_add(&s);
			seen = db_data_version(app->db);
			break;
		case ACT_EDIT:
			member_edit_current(&s);
			seen = db_data_version(app->db);
			break;
		case ACT_REMOVE:
			member_status(&s);
			seen = db_data_version(app->db);
			break;
		case ACT_PROBATION:
			member_probation(&s);
			seen = db_data_version(app->db);
			break;
		case ACT_OPEN:
			member_details(&s, false);
			break;
		case ACT_HISTORY:
			member_details(&s, true);
			break;
		case ACT_FILTER:
			member_filter(&s);
			break;
		case ACT_SORT:
			member_sort(&s);
			break;
		case ACT_EXPORT:
			screen_io_export(app, &s.q);
			break;
		case ACT_PRINT:
			screen_io_print(app, &s.q);
			break;
		case ACT_HELP:
			ui_help(app, KC_LIST, _("The roster lists current members (在册 and 流出) by the strokes of their surnames. / searches as you type: part of a name, its pinyin (zhangsan) or initials (zs), or the last digits of an ID number or phone. ID numbers are masked outside the edit form. Members are never deleted: d changes the status (党籍状态) as the rules allow, with a date and, where they ask, a reason. z decides a probationary member's probation: full membership on time, an extension, or a cancellation."));
			break;
		case ACT_REDRAW:
			clearok(curscr, TRUE);
			break;
		default:
			break;
		}
	}
out:
	ui_poll(UI_POLL_MS);
	groups_free(&s);
	list_free(&s.list);
	ui_message(NULL);
}
