/* screen_reg.c - the list, form, details and history of any register
 * (screen_reg.h), over the generic list (list.h), form (form.h), query
 * (query.h) and store (store.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "draw.h"
#include "edit.h"
#include "form.h"
#include "gettext.h"
#include "io.h"
#include "reg.h"
#include "screen_reg.h"
#include "screens.h"
#include "store.h"
#include "text.h"
#include "validate.h"

/* ---- the view --------------------------------------------------------- */

void reg_say(char *out, size_t outsz, const char *msgid, ...)
{
	va_list ap;

	va_start(ap, msgid);
	vsnprintf(out, outsz, _(msgid), ap);
	va_end(ap);
}

static const struct reg_screen *screen_of(const struct reg_view *v)
{
	return v->reg->screen;
}

static const struct reg_words *words_of(const struct reg_view *v)
{
	return v->reg->screen->words;
}

static void groups_add(void *ctx, int64_t id, const char *name, int64_t members)
{
	struct reg_view *v = ctx;

	(void)members;
	if (v->ngroups < REG_VIEW_GROUPS && (v->group_names[v->ngroups] = strdup(name)))
		v->group_ids[v->ngroups++] = id;
}

static void groups_free(struct reg_view *v)
{
	for (int i = 0; i < v->ngroups; i++)
		free(v->group_names[i]);
	v->ngroups = 0;
}

static void groups_load(struct reg_view *v)
{
	groups_free(v);
	store_group_each(v->app->db, groups_add, v);
}

static const char *group_name(const struct reg_view *v, int64_t id)
{
	for (int i = 0; i < v->ngroups; i++)
		if (v->group_ids[i] == id)
			return v->group_names[i];
	return "";
}

/* A record of the register: zeroed memory of its size, or NULL (said). */
static void *record_new(const struct reg_view *v)
{
	void *rec = calloc(1, v->reg->store->size);

	if (!rec)
		ui_error("%s", _("out of memory"));
	return rec;
}

static int64_t record_id(const struct reg_view *v, const void *rec)
{
	return *(const int64_t *)((const char *)rec + v->reg->store->id);
}

static int64_t *record_version(const struct reg_view *v, void *rec)
{
	return (int64_t *)((char *)rec + v->reg->store->version);
}

/* The name of REC, for messages and titles. */
static const char *record_name(const struct reg_view *v, const void *rec)
{
	const struct field *f = field_find(v->reg->fields, screen_of(v)->name_field);

	return f ? FIELD_VALUE(rec, f) : "";
}

/* A new record: the register's defaults, and the parent of a detail
 * list. */
static void record_init(struct reg_view *v, void *rec)
{
	screen_of(v)->init(rec);
	if (v->parent && v->reg->query->parent) {
		const struct field *f = field_find(v->reg->fields, v->reg->query->parent);

		snprintf(FIELD_VALUE(rec, f), f->size, "%lld", (long long)v->parent);
	}
}

static void view_init(struct reg_view *v, struct app *app, const struct reg *r)
{
	memset(v, 0, sizeof *v);
	v->app = app;
	v->reg = r;
}

static void view_free(struct reg_view *v)
{
	free(v->refs);
	groups_free(v);
	list_free(&v->list);
}

/* ---- the list's source ------------------------------------------------ */

/* Rows of the window as the query reads them: the record, then its key. */
struct rows {
	char *base;
	size_t stride;
};

static int view_fetch(void *ctx, const struct list_row *anchor, enum list_dir dir,
                      int n, struct list_row *rows)
{
	struct reg_view *v = ctx;
	size_t size = v->reg->store->size;
	size_t stride = (size + QUERY_KEY + 15) & ~(size_t)15;
	struct query_rows r = { malloc((size_t)(n > 0 ? n : 1) * stride), stride, size, 0 };
	int got;

	if (!r.base)
		return -1;
	got = query_page(v->app->db, v->reg->query, &v->q, anchor ? anchor->key : NULL,
	                 anchor ? anchor->id : 0, dir, n, &r);
	for (int i = 0; i < got; i++) {
		const char *row = (const char *)r.base + (size_t)i * stride;

		rows[i].id = record_id(v, row);
		snprintf(rows[i].key, sizeof rows[i].key, "%s", row + size);
		screen_of(v)->cells(v, row, rows[i].cells);
	}
	free(r.base);
	if (got < 0) {
		char msg[512];

		reg_say(msg, sizeof msg, words_of(v)->read_failed, cli_db_error(v->app->db));
		ui_error("%s", msg);
	}
	return got;
}

/* The count scans every match: it gives way to a key typed meanwhile
 * and is taken up again at the next pause. */
static int64_t view_count(void *ctx)
{
	struct reg_view *v = ctx;
	int64_t n;

	db_stop_on_input(v->app->db, true);
	n = query_count(v->app->db, v->reg->query, &v->q);
	db_stop_on_input(v->app->db, false);
	return n < 0 && db_input_stopped(v->app->db) ? LIST_COUNT_LATER : n;
}

static void view_list(struct reg_view *v)
{
	struct list_source src = { view_fetch, view_count, v };

	v->q.parent = v->parent;
	list_init(&v->list, screen_of(v)->columns[v->q.sort], screen_of(v)->ncols, src);
}

/* ---- the form --------------------------------------------------------- */

static int form_check(struct form *f, void *record, struct field_problem *p, int max)
{
	struct reg_view *v = f->ctx;

	return screen_of(v)->check(v, record, p, max);
}

/* The field names of the fields in which A and B differ, into OUT. */
static void fields_differing(const struct reg_view *v, const void *a, const void *b,
                             char *out, size_t outsz)
{
	size_t len = 0;

	out[0] = '\0';
	for (const struct field *fld = v->reg->fields; fld->key; fld++) {
		int n;

		if (strcmp(FIELD_VALUE(a, fld), FIELD_VALUE(b, fld)) == 0)
			continue;
		n = snprintf(out + len, outsz - len, "%s%s", len ? _(", ") : "", _(fld->label));
		if (n < 0 || (size_t)n >= outsz - len)
			break;
		len += (size_t)n;
	}
	if (!out[0])
		snprintf(out, outsz, "%s", _("(none: the same values)"));
}

/* "Save yours over theirs": what the form edits as typed here, the rest
 * as they saved it (a status changed or a probation extended meanwhile
 * is not undone by a form that never showed it), checked again by the
 * register's rules against what is stored now.  The store's result, or
 * DB_CONFLICT with MSG saying why nothing was saved. */
static int form_over_theirs(struct reg_view *v, void *mine, void *theirs, char *msg,
                            size_t msgsz)
{
	struct field_problem p[FORM_MAX_FIELDS];
	int n = 0, rc;

	for (const struct field *fld = v->reg->fields; fld->key; fld++)
		if (!(fld->flags & FIELD_NO_FORM))
			memcpy(FIELD_VALUE(theirs, fld), FIELD_VALUE(mine, fld), fld->size);
	if (screen_of(v)->check)
		n = screen_of(v)->check(v, theirs, p, FORM_MAX_FIELDS);
	if (n > 0) {
		const struct field *fld = field_find(v->reg->fields, p[0].field);

		snprintf(msg, msgsz, _("Not saved: %s: %s"), fld ? _(fld->label) : p[0].field,
		         _(p[0].reason));
		return DB_CONFLICT;
	}
	rc = store_update(v->app->db, v->reg->store, theirs);
	if (rc == DB_OK)
		memcpy(mine, theirs, v->reg->store->size);
	return rc;
}

/* Someone else saved the record after this form was opened: say who and
 * which fields now differ, and let the user choose.  Returns the store's
 * result of what was chosen (DB_CONFLICT when nothing was saved). */
static int form_conflict(struct form *f, void *mine, void *theirs, char *msg, size_t msgsz)
{
	struct reg_view *v = f->ctx;
	const struct reg_words *w = words_of(v);
	char user[64] = "?", at[32] = "", fields[512], title[1024];
	static const char *const choices[] = {
		N_("Load their version (your changes are dropped)"), N_("Save yours over theirs"),
		N_("Go back to the form"),
	};
	int choice;

	if (store_get(v->app->db, v->reg->store, record_id(v, mine), theirs) != DB_OK) {
		snprintf(msg, msgsz, "%s", _(w->gone));
		return DB_NOTFOUND;
	}
	store_audit_last(v->app->db, v->reg->table, record_id(v, mine), user, sizeof user,
	                 at, sizeof at);
	fields_differing(v, mine, theirs, fields, sizeof fields);
	reg_say(title, sizeof title, w->conflict, user, at, fields);
	choice = ui_pick_msgids(title, choices, 3, 2);
	if (choice == 0) {
		form_set_record(f, theirs);
		v->form_version = *record_version(v, theirs);
		memcpy(f->record, theirs, v->reg->store->size);
		snprintf(msg, msgsz, _("Loaded the version %s saved."), user);
		return DB_CONFLICT;
	}
	if (choice == 1)
		return form_over_theirs(v, mine, theirs, msg, msgsz);
	snprintf(msg, msgsz, "%s", _(w->not_saved));
	return DB_CONFLICT;
}

/* F2 on a form that changes nothing writes nothing: no version, no line
 * in the change log, no conflict for someone else's open form. */
static bool form_unchanged(struct reg_view *v, const void *rec, void *stored)
{
	int64_t id = record_id(v, rec);

	if (!id || store_get(v->app->db, v->reg->store, id, stored) != DB_OK ||
	    *record_version(v, stored) != *record_version(v, (void *)rec))
		return false;
	for (const struct field *fld = v->reg->fields; fld->key; fld++)
		if (strcmp(FIELD_VALUE(rec, fld), FIELD_VALUE(stored, fld)) != 0)
			return false;
	return true;
}

/* The message of a save that failed with RC. */
static void save_failed(struct reg_view *v, int rc, char *msg, size_t msgsz)
{
	const struct store_unique *u = v->reg->store->unique;

	switch (rc) {
	case DB_CONFLICT:
		snprintf(msg, msgsz, "%s", _(words_of(v)->changed));
		break;
	case DB_DUPLICATE:
		/* the field the store names, and what the import says of it */
		for (; u && u->key && strcmp(db_errmsg(v->app->db), u->msg) != 0; u++)
			;
		if (u && u->key && v->reg->io && v->reg->io->duplicate_reason)
			snprintf(msg, msgsz, _("%s: %s"),
			         _(field_find(v->reg->fields, u->key)->label),
			         _(v->reg->io->duplicate_reason));
		else
			snprintf(msg, msgsz, "%s", _(db_errmsg(v->app->db)));
		break;
	case DB_BUSY:
		snprintf(msg, msgsz, "%s", _("The database is busy (someone else is saving); try F2/Ctrl-S again."));
		break;
	case DB_NOTFOUND:
		snprintf(msg, msgsz, "%s", _(words_of(v)->gone));
		break;
	default:
		snprintf(msg, msgsz, _("Could not save: %s"), cli_db_error(v->app->db));
		break;
	}
}

static int form_save(struct form *f, void *rec, char *msg, size_t msgsz)
{
	struct reg_view *v = f->ctx;
	void *other = record_new(v);
	int rc;

	if (!other) {
		snprintf(msg, msgsz, "%s", _("out of memory"));
		return -1;
	}
	v->unchanged = form_unchanged(v, rec, other);
	if (v->unchanged) {
		free(other);
		return 0;
	}
	rc = record_id(v, rec) ? store_update(v->app->db, v->reg->store, rec) :
	                         store_insert(v->app->db, v->reg->store, rec);
	if (rc == DB_CONFLICT) {
		msg[0] = '\0';
		rc = form_conflict(f, rec, other, msg, msgsz);
		if (rc == DB_CONFLICT) {
			free(other);
			return -1;
		}
	}
	free(other);
	if (rc == DB_OK)
		return 0;
	save_failed(v, rc, msg, msgsz);
	return -1;
}

/* The register a reference field names. */
static const struct reg *ref_reg(const struct field *fld)
{
	const struct reg *r = fld->ref ? reg_find(fld->ref) : NULL;

	return r && r->screen && r->query ? r : NULL;
}

/* A party group's choices: the branch's groups; a reference's: the
 * records its text finds. */
static const char *const *form_choices(struct form *f, const struct field *fld, int *n,
                                       const char *const *const **aliases)
{
	struct reg_view *v = f->ctx;
	const struct reg *r;

	*n = 0;
	if (fld->type == F_REF) {
		if (!(r = ref_reg(fld)) ||
		    (!v->refs && !(v->refs = malloc(sizeof *v->refs))) ||
		    reg_ref_find(v->app->db, r, form_value(f, fld->key), v->refs) != DB_OK)
			return NULL;
		*n = v->refs->n;
		*aliases = v->refs->aliases;
		return v->refs->labels;
	}
	groups_load(v);
	*n = v->ngroups;
	return (const char *const *)v->group_names;
}

static bool form_ref_label(struct form *f, const struct field *fld, const char *key,
                           char *out, size_t size)
{
	struct reg_view *v = f->ctx;
	const struct reg *r = ref_reg(fld);

	return r && reg_ref_label(v->app->db, r, strtoll(key, NULL, 10), out, size) == DB_OK;
}

static bool form_ref_key(struct form *f, const struct field *fld, const char *label,
                         char *out, size_t size)
{
	struct reg_view *v = f->ctx;
	const struct reg *r = ref_reg(fld);
	int64_t key;

	if (!r || reg_ref_key(v->app->db, r, label, &key) != DB_OK)
		return false;
	snprintf(out, size, "%lld", (long long)key);
	return true;
}

static const char *form_check_field(struct form *f, const struct field *fld, char *value,
                                    size_t size)
{
	char buf[FORM_VALUE];
	const char *why;

	(void)f;
	if (fld->type == F_REF)
		return NULL;    /* a label: which record it names is ref_key's */
	why = field_check_value(fld, value, buf, sizeof buf);
	if (!why && value[0])
		snprintf(value, size, "%s", buf);
	return why;
}

/* The terminal went away: what was typed is kept as a draft of the
 * current OS user, in place of the draft the form resumed. */
static void form_keep(struct form *f, const char *const *keys,
                      const char *const *values, int n)
{
	struct reg_view *v = f->ctx;
	int64_t id;

	if (store_draft_save(v->app->db, v->reg->table, v->form_row, v->form_version,
	                     keys, values, n, &id) == DB_OK && v->form_draft)
		store_draft_delete(v->app->db, v->form_draft);
}

/* Saved or cancelled: the draft resumed is done with. */
static void form_done(struct form *f)
{
	struct reg_view *v = f->ctx;

	if (v->form_draft)
		store_draft_delete(v->app->db, v->form_draft);
}

bool reg_view_edit(struct reg_view *v, void *rec, const char *title, int64_t draft_id)
{
	struct form f = {
		.title = title,
		.fields = v->reg->fields,
		.record = rec,
		.record_size = v->reg->store->size,
		.hooks = { form_check, form_save, form_choices, form_check_field,
		           form_keep, form_done, form_ref_label, form_ref_key },
		.ctx = v,
		.start_dirty = draft_id != 0,
	};

	v->form_row = record_id(v, rec);
	v->form_version = *record_version(v, rec);
	v->form_draft = draft_id;
	return form_run(v->app, &f);
}

/* ---- actions ---------------------------------------------------------- */

/* Put the cursor on record ID, wherever the order puts it. */
static void view_show(struct reg_view *v, int64_t id)
{
	struct list_row anchor;

	anchor.id = id;
	if (query_key(v->app->db, v->reg->query, &v->q, id, anchor.key,
	              sizeof anchor.key) == DB_OK)
		list_goto(&v->list, &anchor);
	else
		list_refresh(&v->list, id);
}

void reg_view_refresh(struct reg_view *v, int64_t id)
{
	list_refresh(&v->list, id);
}

static void view_add(struct reg_view *v)
{
	void *rec = record_new(v);

	if (!rec)
		return;
	record_init(v, rec);
	if (reg_view_edit(v, rec, _(words_of(v)->add_title), 0)) {
		ui_message(_("Added %s."), record_name(v, rec));
		view_show(v, record_id(v, rec));
	}
	free(rec);
}

int reg_view_current(struct reg_view *v, void *rec)
{
	const struct list_row *r = list_current(&v->list);

	if (!r) {
		ui_error("%s", _("The list is empty."));
		return -1;
	}
	if (store_get(v->app->db, v->reg->store, r->id, rec) != DB_OK) {
		ui_error("%s", _(words_of(v)->gone));
		list_refresh(&v->list, 0);
		return -1;
	}
	return 0;
}

static void view_edit(struct reg_view *v)
{
	void *rec = record_new(v);

	if (!rec || reg_view_current(v, rec) != 0) {
		free(rec);
		return;
	}
	if (reg_view_edit(v, rec, _(words_of(v)->edit_title), 0)) {
		if (v->unchanged)
			ui_message(_("%s: nothing was changed."), record_name(v, rec));
		else
			ui_message(_("Saved %s."), record_name(v, rec));
		view_show(v, record_id(v, rec));
	}
	free(rec);
}

/* The values typed into draft D, over record REC. */
static void draft_values(struct reg_view *v, const struct store_draft *d, void *rec)
{
	char value[FORM_VALUE];

	for (const struct field *fld = v->reg->fields; fld->key; fld++) {
		if (fld->flags & FIELD_NO_FORM)
			continue;
		store_draft_value(v->app->db, d, fld->key, value, sizeof value);
		snprintf(FIELD_VALUE(rec, fld), fld->size, "%s", value);
	}
}

void screen_reg_resume(struct app *app, const struct reg *r, const struct store_draft *d)
{
	const struct reg_words *w = r->screen->words;
	struct reg_view v;
	void *rec;

	view_init(&v, app, r);
	view_list(&v);
	if (!(rec = record_new(&v)))
		return;
	record_init(&v, rec);
	if (d->row_id) {
		if (store_get(app->db, r->store, d->row_id, rec) != DB_OK) {
			ui_error("%s", _(w->kept_gone));
			store_draft_delete(app->db, d->id);
			free(rec);
			view_free(&v);
			return;
		}
		/* the version the form was opened on: a change saved by
		 * someone else since then is a conflict, not overwritten */
		*record_version(&v, rec) = d->base_version;
	}
	draft_values(&v, d, rec);
	if (reg_view_edit(&v, rec, _(d->row_id ? w->edit_kept : w->add_kept), d->id))
		ui_message(_("Saved %s."), record_name(&v, rec));
	free(rec);
	view_free(&v);
}

/* ---- details and history ---------------------------------------------- */

/* The field KEY, or the reference or party group whose column is KEY
 * (KEY_id, as the change log names it); NULL if none. */
static const struct field *field_of(const struct reg_view *v, const char *key)
{
	const struct field *f = field_find(v->reg->fields, key);
	size_t n = strlen(key);
	char base[64];

	if (!f && n > 3 && n < sizeof base && strcmp(key + n - 3, "_id") == 0) {
		snprintf(base, sizeof base, "%.*s", (int)(n - 3), key);
		f = field_find(v->reg->fields, base);
		if (f && f->type != F_REF && f->type != F_GROUP)
			f = NULL;
	}
	return f;
}

void reg_view_value(struct reg_view *v, const char *key, const char *value, char *out,
                    size_t outsz)
{
	const struct field *f = field_of(v, key);
	const struct reg *r;

	if (!value)
		value = "";
	if (f && f->type == F_GROUP && value[0] && strcmp(key, f->key) != 0)
		/* the change log keeps the group's key */
		snprintf(out, outsz, "%s", group_name(v, strtoll(value, NULL, 10)));
	else if (f && f->type == F_REF && value[0] && (r = ref_reg(f)) &&
	         reg_ref_label(v->app->db, r, strtoll(value, NULL, 10), out, outsz) == DB_OK)
		return;
	else if (f)
		field_format(f, value, out, outsz);
	else
		snprintf(out, outsz, "%s", value);
}

/* The label of field KEY, or of the column KEY_id of a reference. */
static const char *label_of(const struct reg_view *v, const char *key)
{
	const struct field *f = field_of(v, key);

	return f ? _(f->label) : key;
}

struct history {
	struct reg_view *v;
	struct ui_lines *lines;
	int64_t last;           /* the change whose fields are being listed */
};

/* One changed field; the first of each change (one save, one status
 * change) under a line of its own: two saves in the same minute are two
 * changes, not one. */
static void history_line(void *ctx, const struct store_change *c)
{
	struct history *h = ctx;
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
	reg_view_value(h->v, c->field, c->new_value, newv, sizeof newv);
	if (strcmp(c->action, "update") == 0) {
		/* an empty value, NULL or '', is shown as one: （空） */
		reg_view_value(h->v, c->field, c->old_value, oldv, sizeof oldv);
		ui_lines_add(h->lines, _("    %s: %s → %s"), label_of(h->v, c->field),
		             oldv[0] ? oldv : _("(empty)"), newv[0] ? newv : _("(empty)"));
	} else {
		ui_lines_add(h->lines, _("    %s: %s"), label_of(h->v, c->field), newv);
	}
}

/* One line of the details: LABEL padded to the labels' column, VALUE. */
bool reg_ask_reason(bool required, char *out, size_t outsz)
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

void reg_detail_line(struct ui_lines *l, const char *label, const char *value)
{
	char padded[128];

	text_pad(padded, sizeof padded, label, 16, true, false);
	ui_lines_add(l, "%s  %s", padded, value);
}

/* The details of REC (unless HISTORY_ONLY) and the history of its
 * changes as a page. */
static void view_page(struct reg_view *v, const void *rec, bool history_only)
{
	struct ui_lines l = { 0 };
	struct history h = { v, &l, 0 };
	char title[256], value[1024];

	groups_load(v);
	if (!history_only) {
		for (const struct field *f = v->reg->fields; f->key; f++) {
			/* what the form does not edit is the register's facts' */
			if (f->flags & FIELD_NO_FORM)
				continue;
			if (screen_of(v)->hide_empty && !*FIELD_VALUE(rec, f))
				continue;
			reg_view_value(v, f->key, FIELD_VALUE(rec, f), value, sizeof value);
			reg_detail_line(&l, _(f->label), value);
		}
		if (screen_of(v)->facts)
			screen_of(v)->facts(v, rec, &l);
		ui_lines_add(&l, "%s", "");
	}
	ui_lines_add(&l, "%s", _("History of changes (time, user):"));
	if (store_audit_each(v->app->db, v->reg->table, record_id(v, rec), history_line, &h) !=
	    DB_OK)
		ui_lines_add(&l, "%s", _("(the history could not be read)"));
	reg_say(title, sizeof title, words_of(v)->page_title, record_name(v, rec));
	ui_page(v->app, title, (const char *const *)l.v, l.n);
	ui_lines_free(&l);
}

static void view_details(struct reg_view *v, bool history_only)
{
	void *rec = record_new(v);

	if (rec && reg_view_current(v, rec) == 0)
		view_page(v, rec, history_only);
	free(rec);
}

void screen_reg_history(struct app *app, const struct reg *r, int64_t id)
{
	struct reg_view v;
	void *rec;

	view_init(&v, app, r);
	if (!(rec = record_new(&v)))
		return;
	if (store_get(app->db, r->store, id, rec) != DB_OK)
		ui_error("%s", _(r->screen->words->gone));
	else
		view_page(&v, rec, false);
	free(rec);
	groups_free(&v);
}

/* The rows of the detail register that belong to the current record. */
static void view_detail(struct reg_view *v)
{
	void *rec = record_new(v);

	if (rec && reg_view_current(v, rec) == 0)
		screen_reg_detail(v->app, screen_of(v)->detail, record_id(v, rec),
		                  record_name(v, rec));
	free(rec);
	reg_view_refresh(v, 0);
}

/* ---- drawing and the loop --------------------------------------------- */

static void view_info_line(struct reg_view *v)
{
	const struct reg_words *w = words_of(v);
	const char *sort = _(v->reg->query->sorts[v->q.sort].label);
	char line[512], filters[256];

	screen_filter_text(v->app->db, v->reg->query, &v->q, filters, sizeof filters);
	if (v->list.total < 0)
		reg_say(line, sizeof line, w->count_unknown, sort, filters);
	else
		reg_say(line, sizeof line, w->count, (long long)v->list.total, sort, filters);
	draw_text(stdscr, ui_body_top(), 1, line, COLS - 2, true);
}

static void view_draw(struct reg_view *v)
{
	const struct reg_words *w = words_of(v);
	char line[512];

	erase();
	if (v->parent) {
		snprintf(line, sizeof line, "%s: %s", _(w->list_title), v->parent_name);
		ui_title(v->app, line);
	} else {
		ui_title(v->app, _(w->list_title));
	}
	view_info_line(v);
	list_draw(&v->list);
	if (v->list.nrows == 0) {
		if (v->q.search[0])
			reg_say(line, sizeof line, w->no_match, v->q.search);
		else
			snprintf(line, sizeof line, "%s", _(w->empty));
		draw_text(stdscr, ui_body_top() + 3, 2, line, COLS - 4, false);
	}
	if (v->searching) {
		snprintf(line, sizeof line, "/%s", v->q.search);
		draw_text(stdscr, LINES - 2, 0, line, COLS, true);
		attrset(draw_attr(ROLE_HINTS));
		draw_text(stdscr, LINES - 1, 0, _(w->search_hint), COLS, true);
		attrset(A_NORMAL);
		move(LINES - 2, 1 + text_width(v->q.search));
		curs_set(1);
	} else {
		ui_message_draw();
		ui_hints(KC_LIST, screen_of(v)->hints);
		curs_set(0);
	}
	refresh();
}

/* A key while searching: edit the search text and filter at once. */
static void view_search_key(struct reg_view *v, int k)
{
	enum action act = keys_action(KC_FORM, k);
	struct edit e;

	edit_init(&e, v->q.search, sizeof v->q.search, 40);
	if (k == '\r' || k == '\n' || k == KEY_FN(KEY_ENTER)) {
		v->searching = false;
		return;
	}
	if (act == ACT_CANCEL) {
		v->searching = false;
		v->q.search[0] = 0;
	} else if (k == KEY_FN(KEY_UP) || k == KEY_FN(KEY_DOWN) ||
	           k == KEY_FN(KEY_NPAGE) || k == KEY_FN(KEY_PPAGE)) {
		list_move(&v->list, keys_action(KC_LIST, k));
		return;
	} else if (act == ACT_BACKSPACE || act == ACT_KILL_LINE) {
		if (!v->q.search[0]) {
			v->searching = false;
			return;
		}
		edit_action(&e, act);
	} else if (k >= 0x20 && k != 0x7F) {
		edit_insert(&e, (uint32_t)k);
	} else {
		return;
	}
	ui_message(NULL);
	list_reload_top(&v->list);
}

/* Follow changes committed by others (another secretary on the same
 * file): read the window again, keeping the cursor on its record. */
static void view_follow(struct reg_view *v)
{
	int64_t now = db_data_version(v->app->db);
	const struct list_row *r;

	if (now == v->seen)
		return;
	v->seen = now;
	r = list_current(&v->list);
	list_refresh(&v->list, r ? r->id : 0);
}

/* A list action: false when it leaves the list. */
static bool view_action(struct reg_view *v, enum action act, int k)
{
	switch (act) {
	case ACT_BACK:
		if (k == KEY_ESC && v->q.search[0]) {
			v->q.search[0] = 0;
			list_reload_top(&v->list);
			return true;
		}
		return false;
	case ACT_SEARCH:
		v->searching = true;
		break;
	case ACT_ADD:
		view_add(v);
		break;
	case ACT_EDIT:
		view_edit(v);
		break;
	case ACT_OPEN:
		view_details(v, false);
		break;
	case ACT_HISTORY:
		view_details(v, true);
		break;
	case ACT_DETAIL:
		if (screen_of(v)->detail)
			view_detail(v);
		break;
	case ACT_FILTER:
		if (screen_filter_menu(v->app, v->reg->query, v->reg->fields, &v->q))
			list_reload_top(&v->list);
		break;
	case ACT_SORT:
		if (screen_sort_menu(v->reg->query, &v->q)) {
			list_columns(&v->list, screen_of(v)->columns[v->q.sort], screen_of(v)->ncols);
			list_reload_top(&v->list);
		}
		break;
	case ACT_EXPORT:
		screen_io_export(v->app, v->reg, &v->q);
		break;
	case ACT_PRINT:
		screen_io_print(v->app, v->reg, &v->q);
		break;
	default:
		ui_common_act(v->app, KC_LIST, act, words_of(v)->help);
		break;
	}
	return true;
}

/* One key of the list; false when it leaves the list. */
static bool view_key(struct reg_view *v, int k)
{
	enum action act;

	if (k == KEY_FN(KEY_RESIZE)) {
		list_layout(&v->list, ui_body_top() + 1, ui_body_lines() - 1);
		return true;
	}
	if (k == 0) {
		if (!list_count_now(&v->list))
			view_follow(v);
		return true;
	}
	if (v->searching) {
		view_search_key(v, k);
		return true;
	}
	act = keys_action(KC_LIST, k);
	if (list_move(&v->list, act))
		return true;
	if (screen_of(v)->key && screen_of(v)->key(v, act)) {
		v->seen = db_data_version(v->app->db);
		return true;
	}
	if (!view_action(v, act, k))
		return false;
	if (act == ACT_ADD || act == ACT_EDIT)
		v->seen = db_data_version(v->app->db);
	return true;
}

static void view_run(struct reg_view *v)
{
	v->seen = db_data_version(v->app->db);
	view_list(v);
	/* counting a filtered list of 100 000 costs a scan: not per key */
	v->list.lazy_count = true;
	groups_load(v);
	list_layout(&v->list, ui_body_top() + 1, ui_body_lines() - 1);
	list_reload_top(&v->list);
	for (;;) {
		int k;

		if (!ui_size_ok())
			break;
		view_draw(v);
		ui_poll(v->list.count_pending ? 120 : UI_POLL_MS);
		k = ui_key();
		if (k == UI_KEY_HANGUP || !view_key(v, k))
			break;
	}
	ui_poll(UI_POLL_MS);
	view_free(v);
	ui_message(NULL);
}

void screen_reg_run(struct app *app, const struct reg *r)
{
	struct reg_view v;

	view_init(&v, app, r);
	view_run(&v);
}

void screen_reg_detail(struct app *app, const struct reg *r, int64_t parent,
                       const char *parent_name)
{
	struct reg_view v;

	view_init(&v, app, r);
	v.parent = parent;
	v.parent_name = parent_name;
	view_run(&v);
}
