/* form.c - the generic form: one field per line, labels on the left. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "edit.h"
#include "form.h"
#include "gettext.h"
#include "store.h"
#include "text.h"

#define LABEL_COLS 18

const char *form_value(struct form *f, const char *key)
{
	int i;

	for (i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[f->index[i]].key, key) == 0)
			return f->values[i];
	return NULL;
}

static const struct field *form_field(struct form *f, int i)
{
	return &f->fields[f->index[i]];
}

void form_set_record(struct form *f, const void *record)
{
	int i;

	for (i = 0; i < f->nfields; i++) {
		const struct field *fld = &f->fields[f->index[i]];

		snprintf(f->values[i], FORM_VALUE, "%s",
		         (const char *)record + fld->offset);
		f->problem[i] = NULL;
	}
}

/* Keep what was typed as a draft of the current OS user (the terminal
 * went away); replaces the draft this form resumed. */
static void form_keep_draft(struct form *f)
{
	const char *keys[FORM_MAX_FIELDS], *values[FORM_MAX_FIELDS];
	int64_t id;
	int i;

	if (!f->db || !f->table)
		return;
	for (i = 0; i < f->nfields; i++) {
		keys[i] = f->fields[f->index[i]].key;
		values[i] = f->values[i];
	}
	if (store_draft_save(f->db, f->table, f->row_id, f->base_version, keys,
	                     values, f->nfields, &id) == DB_OK && f->draft_id)
		store_draft_delete(f->db, f->draft_id);
}

static void form_load(struct form *f)
{
	const struct field *fld;
	int i = 0;

	for (fld = f->fields; fld->key && i < FORM_MAX_FIELDS; fld++) {
		if (fld->flags & FIELD_NO_FORM)
			continue;
		f->index[i] = (int)(fld - f->fields);
		snprintf(f->values[i], FORM_VALUE, "%s", FIELD_VALUE(f->record, fld));
		f->problem[i] = NULL;
		i++;
	}
	f->nfields = i;
	f->cur = f->top = 0;
	f->dirty = f->start_dirty;
}

static bool is_choice(const struct field *fld)
{
	return fld->type == F_CHOICE || fld->type == F_GROUP;
}

static void form_draw(struct app *app, struct form *f, struct edit *e)
{
	static const enum action hints[] = {
		ACT_SAVE, ACT_CANCEL, ACT_NEXT_FIELD, ACT_CHOICES, ACT_HELP, ACT_NONE
	};
	int body = ui_body_lines() - 1, i, cy = -1, cx = 0;
	int vx = LABEL_COLS + 2, vw = COLS - vx - 2;

	if (f->cur < f->top)
		f->top = f->cur;
	if (f->cur >= f->top + body)
		f->top = f->cur - body + 1;
	erase();
	ui_title(app, f->title);
	for (i = 0; i < body && f->top + i < f->nfields; i++) {
		int idx = f->top + i, y = ui_body_top() + i;
		const struct field *fld = form_field(f, idx);
		char label[128];

		snprintf(label, sizeof label, "%s%s", _(fld->label),
		         fld->flags & FIELD_REQUIRED ? "*" : "");
		attrset(draw_attr(f->problem[idx] ? ROLE_ERROR : ROLE_HEADER));
		draw_text_right(stdscr, y, 0, label, LABEL_COLS);
		attrset(A_NORMAL);
		mvaddstr(y, LABEL_COLS, f->problem[idx] ? " !" : "  ");
		attrset(draw_attr(ROLE_FIELD));
		if (idx == f->cur) {
			cx = edit_draw(e, stdscr, y, vx, vw);
			cy = y;
		} else {
			draw_text(stdscr, y, vx, f->values[idx], vw, true);
		}
		attrset(A_NORMAL);
		if (is_choice(fld) && idx == f->cur)
			mvaddstr(y, vx + vw + 1, "v");
	}
	/* What the current field expects, below the fields. */
	{
		const struct field *fld = form_field(f, f->cur);
		const char *hint = f->problem[f->cur] ? f->problem[f->cur] : fld->hint;

		attrset(draw_attr(f->problem[f->cur] ? ROLE_ERROR : ROLE_DIM));
		draw_text(stdscr, ui_body_top() + body, vx,
		          hint ? _(hint) : "", vw, true);
		attrset(A_NORMAL);
	}
	ui_message_draw();
	ui_hints(KC_FORM, hints);
	if (cy >= 0) {
		move(cy, cx);
		curs_set(1);
	}
	refresh();
}

/* Run the field-level check of field I; true if it is fine. */
static bool form_check_one(struct form *f, int i)
{
	const struct field *fld = form_field(f, i);

	f->problem[i] = NULL;
	if (f->hooks.check_field)
		f->problem[i] = f->hooks.check_field(f, fld, f->values[i], FORM_VALUE);
	return f->problem[i] == NULL;
}

static int form_find(struct form *f, const char *key)
{
	int i;

	for (i = 0; i < f->nfields; i++)
		if (strcmp(form_field(f, i)->key, key) == 0)
			return i;
	return -1;
}

/* Check the whole record and save it; true when saved. */
static bool form_save(struct form *f)
{
	struct form_problem p[FORM_MAX_FIELDS];
	void *copy = malloc(f->record_size);
	char msg[512];
	int n, i, first = -1;

	if (!copy)
		return false;
	memcpy(copy, f->record, f->record_size);
	for (i = 0; i < f->nfields; i++) {
		const struct field *fld = form_field(f, i);

		snprintf(FIELD_VALUE(copy, fld), fld->size, "%s", f->values[i]);
		f->problem[i] = NULL;
	}
	n = f->hooks.check(f, copy, p, FORM_MAX_FIELDS);
	for (i = 0; i < n; i++) {
		int at = form_find(f, p[i].field);

		if (at < 0)
			continue;
		if (!f->problem[at])
			f->problem[at] = p[i].reason;
		if (first < 0 || at < first)
			first = at;
	}
	if (n > 0) {
		const struct field *fld;

		if (first < 0) {
			ui_error("%s", _(p[0].reason));
		} else {
			fld = form_field(f, first);
			f->cur = first;
			if (n > 1)
				ui_error(ngettext("%s: %s (and %d more problem)",
				                  "%s: %s (and %d more problems)", n - 1),
				         _(fld->label), _(f->problem[first]), n - 1);
			else
				ui_error(_("%s: %s"), _(fld->label), _(f->problem[first]));
		}
		free(copy);
		return false;
	}
	if (f->hooks.save(f, copy, msg, sizeof msg) != 0) {
		ui_error("%s", msg);
		free(copy);
		return false;
	}
	memcpy(f->record, copy, f->record_size);
	free(copy);
	return true;
}

/* Open the choices of the current field; TYPED starts the filter. */
static void form_choose(struct form *f, const char *typed)
{
	const struct field *fld = form_field(f, f->cur);
	const char *labels[128];
	const char *const *dyn = NULL;
	int n = 0, sel = -1, i;

	if (fld->type == F_CHOICE && fld->choices) {
		for (i = 0; fld->choices[i].value && n < 128; i++)
			labels[n++] = fld->choices[i].value;
	} else if (fld->type == F_GROUP && f->hooks.choices) {
		dyn = f->hooks.choices(f, fld, &n);
		if (n > 128)
			n = 128;
		for (i = 0; i < n; i++)
			labels[i] = dyn[i];
	}
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (strcmp(labels[i], f->values[f->cur]) == 0)
			sel = i;
	sel = ui_pick(_(fld->label), labels, n, sel, typed);
	if (sel >= 0 && strcmp(f->values[f->cur], labels[sel]) != 0) {
		snprintf(f->values[f->cur], FORM_VALUE, "%s", labels[sel]);
		f->dirty = true;
		f->problem[f->cur] = NULL;
	}
}

static void form_goto(struct form *f, struct edit *e, int to)
{
	if (to < 0 || to >= f->nfields || to == f->cur)
		return;
	if (!form_check_one(f, f->cur))
		ui_error(_("%s: %s"), _(form_field(f, f->cur)->label),
		         _(f->problem[f->cur]));
	else
		ui_message(NULL);
	f->cur = to;
	edit_init(e, f->values[to], FORM_VALUE, form_field(f, to)->maxchars);
	e->multiline = form_field(f, to)->type == F_NOTE;
}

bool form_run(struct app *app, struct form *f)
{
	struct edit e;
	bool saved = false;

	form_load(f);
	edit_init(&e, f->values[0], FORM_VALUE, form_field(f, 0)->maxchars);
	ui_message(NULL);
	for (;;) {
		const struct field *fld = form_field(f, f->cur);
		enum action act;
		int k;

		if (ui_too_small()) {
			k = ui_key();
			if (k == UI_KEY_HANGUP)
				goto hangup;
			if (k == KEY_ESC && (!f->dirty ||
			    ui_confirm(_("Discard the changes?"))))
				goto out;
			continue;
		}
		form_draw(app, f, &e);
		k = ui_key();
		if (k == UI_KEY_HANGUP)
			goto hangup;
		if (k == KEY_FN(KEY_RESIZE) || k == 0)
			continue;
		act = keys_action(KC_FORM, k);
		/* '?' is help where it cannot be part of the value. */
		if (k == '?' && (fld->flags & FIELD_DIGITS))
			act = ACT_HELP;
		if (act == ACT_CHOICES && k == ' ' && !is_choice(fld))
			act = ACT_NONE;
		switch (act) {
		case ACT_SAVE:
			if (!form_check_one(f, f->cur)) {
				ui_error(_("%s: %s"), _(fld->label), _(f->problem[f->cur]));
				continue;
			}
			if (form_save(f)) {
				saved = true;
				if (f->draft_id && f->db)
					store_draft_delete(f->db, f->draft_id);
				goto out;
			}
			edit_init(&e, f->values[f->cur], FORM_VALUE,
			          form_field(f, f->cur)->maxchars);
			continue;
		case ACT_CANCEL:
			if (!f->dirty || ui_confirm(_("Discard the changes?"))) {
				if (f->draft_id && f->db)
					store_draft_delete(f->db, f->draft_id);
				goto out;
			}
			if (ui_hungup())
				goto hangup;
			continue;
		case ACT_NEXT_FIELD:
			form_goto(f, &e, f->cur + 1 < f->nfields ? f->cur + 1 : 0);
			continue;
		case ACT_PREV_FIELD:
			form_goto(f, &e, f->cur > 0 ? f->cur - 1 : f->nfields - 1);
			continue;
		case ACT_CHOICES:
			form_choose(f, NULL);
			edit_init(&e, f->values[f->cur], FORM_VALUE, fld->maxchars);
			continue;
		case ACT_HELP:
			curs_set(0);
			ui_help(app, KC_FORM, _("Fields marked * are required. Choice fields: type to filter by name or pinyin initials, or press Space or F4 for the list. Dates may be typed as 2024-03-05, 2024/3/5, 2024.3.5, 20240305 or 2024年3月5日."));
			continue;
		case ACT_REDRAW:
			clearok(curscr, TRUE);
			continue;
		case ACT_NONE:
			break;
		default:
			if (edit_action(&e, act))
				f->dirty = true;
			continue;
		}
		if (k < 0x20 || k == 0x7F)
			continue;
		if (is_choice(fld)) {
			char typed[8];
			int m = text_utf8_encode((uint32_t)k, typed);

			typed[m] = 0;
			form_choose(f, typed);
			edit_init(&e, f->values[f->cur], FORM_VALUE, fld->maxchars);
			continue;
		}
		if (edit_insert(&e, (uint32_t)k)) {
			f->dirty = true;
			f->problem[f->cur] = NULL;
		} else {
			ui_error(_("%s: at most %d characters"), _(fld->label), fld->maxchars);
		}
	}
hangup:
	if (f->dirty)
		form_keep_draft(f);
	return false;
out:
	curs_set(0);
	return saved;
}
