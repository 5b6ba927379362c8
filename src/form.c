/* form.c - the generic form: one field per line, labels on the left. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "choice.h"
#include "draw.h"
#include "edit.h"
#include "form.h"
#include "gettext.h"
#include "text.h"

#define LABEL_COLS 18

/* Characters a choice field takes while typed: pinyin is longer than the
 * label it stands for (dazhuan for 大专). */
#define FORM_CHOICE_CHARS 40

/* The problems of a choice field's text; the words that go with them
 * name the choices (form_reason). */
static const char msg_several[] = N_("could be several choices");
static const char msg_unknown[] = N_("is not one of the choices");

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

/* The text field FLD shows for the record's VALUE: a reference's label
 * (its key when the record is gone, so nothing is lost unseen). */
static void form_text(struct form *f, const struct field *fld, const char *value,
                      char *out)
{
	if (fld->type == F_REF && value[0] && f->hooks.ref_label &&
	    f->hooks.ref_label(f, fld, value, out, FORM_VALUE))
		return;
	snprintf(out, FORM_VALUE, "%s", value);
}

/* The record's value of field I: a reference's key, else its text;
 * false when the text names no record. */
static bool form_stored(struct form *f, int i, char *out, size_t size)
{
	const struct field *fld = &f->fields[f->index[i]];

	if (fld->type == F_REF && f->values[i][0] && f->hooks.ref_key)
		return f->hooks.ref_key(f, fld, f->values[i], out, size);
	snprintf(out, size, "%s", f->values[i]);
	return true;
}

void form_set_record(struct form *f, const void *record)
{
	int i;

	for (i = 0; i < f->nfields; i++) {
		const struct field *fld = &f->fields[f->index[i]];

		form_text(f, fld, FIELD_VALUE(record, fld), f->values[i]);
		f->problem[i] = NULL;
	}
}

/* Hand what was typed to the keep hook (the terminal went away). */
static void form_keep(struct form *f)
{
	const char *keys[FORM_MAX_FIELDS], *values[FORM_MAX_FIELDS];
	static char stored[FORM_MAX_FIELDS][FORM_VALUE];
	int i;

	if (!f->hooks.keep)
		return;
	for (i = 0; i < f->nfields; i++) {
		keys[i] = f->fields[f->index[i]].key;
		/* a reference is kept as its key, and as nothing when what
		 * was typed names no record yet */
		if (!form_stored(f, i, stored[i], FORM_VALUE))
			stored[i][0] = '\0';
		values[i] = stored[i];
	}
	f->hooks.keep(f, keys, values, f->nfields);
}

/* The form ended by a save or a cancel. */
static void form_done(struct form *f)
{
	if (f->hooks.done)
		f->hooks.done(f);
}

static void form_load(struct form *f)
{
	const struct field *fld;
	int i = 0;

	for (fld = f->fields; fld->key && i < FORM_MAX_FIELDS; fld++) {
		if (fld->flags & FIELD_NO_FORM)
			continue;
		f->index[i] = (int)(fld - f->fields);
		form_text(f, fld, FIELD_VALUE(f->record, fld), f->values[i]);
		f->problem[i] = NULL;
		i++;
	}
	f->nfields = i;
	f->cur = f->top = 0;
	f->dirty = f->start_dirty;
}

static bool is_choice(const struct field *fld)
{
	return fld->type == F_CHOICE || fld->type == F_GROUP || fld->type == F_REF;
}

/* The choices of a field: labels and, for a closed list, the other
 * spellings of each. */
#define FORM_MAX_CHOICES 128
struct form_choices {
	const char *labels[FORM_MAX_CHOICES];
	const char *const *aliases[FORM_MAX_CHOICES];
	int n;
	bool open;              /* F_GROUP: a new one may be typed */
};

/* The choices of field I (none for other fields).  The labels of an
 * F_GROUP field come from the hook: they last until its next call. */
static void form_choices(struct form *f, int i, struct form_choices *c)
{
	const struct field *fld = form_field(f, i);
	const char *const *dyn;
	int n = 0, k;

	c->n = 0;
	c->open = fld->type == F_GROUP;
	if (fld->type == F_CHOICE && fld->choices) {
		for (k = 0; fld->choices[k].value && k < FORM_MAX_CHOICES; k++) {
			c->labels[k] = fld->choices[k].value;
			c->aliases[k] = fld->choices[k].aliases;
		}
		c->n = k;
	} else if ((fld->type == F_GROUP || fld->type == F_REF) && f->hooks.choices) {
		const char *const *const *al = NULL;

		dyn = f->hooks.choices(f, fld, &n, &al);
		for (k = 0; dyn && k < n && k < FORM_MAX_CHOICES; k++) {
			c->labels[k] = dyn[k];
			c->aliases[k] = al ? al[k] : NULL;
		}
		c->n = k;
	}
}

/* Labels FOUND[0..N) of C joined by the language's list separator into
 * OUT (size SIZE): as many as fit in COLS columns, then "…".  True when
 * all of them fitted. */
static bool join_labels(const struct form_choices *c, const int *found, int n,
                        int cols, char *out, size_t size)
{
	size_t len = 0;
	int i, w;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *sep = i ? _(", ") : "";

		w = text_width(out) + text_width(sep) + text_width(c->labels[found[i]]);
		if (w > cols) {
			snprintf(out + len, size - len, "%s…", sep);
			return false;
		}
		w = snprintf(out + len, size - len, "%s%s", sep, c->labels[found[i]]);
		if (w < 0 || (size_t)w >= size - len) {
			out[len] = '\0';
			return false;
		}
		len += (size_t)w;
	}
	return true;
}

/* Put the text of field I in its normal form when it stands for one
 * choice (bk → 大学本科); else the problem: a text that could be several
 * choices, or none of a closed list.  NULL for other fields. */
static const char *form_resolve(struct form *f, int i)
{
	struct form_choices c;
	int found[1], n;

	if (!is_choice(form_field(f, i)) || !f->values[i][0])
		return NULL;
	form_choices(f, i, &c);
	if (c.n == 0)
		return NULL;
	n = choice_find(c.labels, c.aliases, c.n, f->values[i], c.open, found, 1);
	if (n == 1) {
		if (strcmp(f->values[i], c.labels[found[0]]) != 0)
			snprintf(f->values[i], FORM_VALUE, "%s", c.labels[found[0]]);
		return NULL;
	}
	if (n > 1)
		return msg_several;
	return c.open ? NULL : msg_unknown;
}

/* The words for the problem of field I, naming the choices its text
 * could be (or all of a short list), into OUT. */
static void form_reason(struct form *f, int i, char *out, size_t size)
{
	const char *why = f->problem[i];
	struct form_choices c;
	int found[FORM_MAX_CHOICES], n, k;
	char list[512];

	if (why != msg_several && why != msg_unknown) {
		snprintf(out, size, "%s", why ? _(why) : "");
		return;
	}
	form_choices(f, i, &c);
	if (why == msg_several) {
		n = choice_find(c.labels, c.aliases, c.n, f->values[i], c.open,
		                found, FORM_MAX_CHOICES);
		join_labels(&c, found, n < FORM_MAX_CHOICES ? n : FORM_MAX_CHOICES,
		            40, list, sizeof list);
		snprintf(out, size, _("could be %s: type more, or Space to choose"),
		         list);
		return;
	}
	for (k = 0; k < c.n; k++)
		found[k] = k;
	if (join_labels(&c, found, c.n, 40, list, sizeof list))
		snprintf(out, size, _("is not one of the choices: %s"), list);
	else
		snprintf(out, size, "%s", _("is not one of the choices (Space shows them)"));
}

/* What the text of choice field I stands for while it is being typed:
 * the choice Tab takes, or the ones it could be.  False when there is
 * nothing to say (no text, or a choice as it is). */
static bool form_choice_note(struct form *f, int i, char *out, size_t size)
{
	struct form_choices c;
	int found[FORM_MAX_CHOICES], n;
	char list[512];

	if (!is_choice(form_field(f, i)) || !f->values[i][0])
		return false;
	form_choices(f, i, &c);
	if (c.n == 0)
		return false;
	n = choice_find(c.labels, c.aliases, c.n, f->values[i], c.open, found,
	                FORM_MAX_CHOICES);
	if (n == 1 && strcmp(f->values[i], c.labels[found[0]]) == 0)
		return false;
	if (n == 1) {
		snprintf(out, size, _("Tab takes %s"), c.labels[found[0]]);
	} else if (n > 1) {
		join_labels(&c, found, n < FORM_MAX_CHOICES ? n : FORM_MAX_CHOICES,
		            40, list, sizeof list);
		snprintf(out, size, _("could be %s: type more, or Space to choose"),
		         list);
	} else if (c.open) {
		snprintf(out, size, "%s", _("not in the list: added when saved"));
	} else {
		snprintf(out, size, "%s", _("no choice fits: Space shows them all"));
	}
	return true;
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
	/* What the current field expects, or what its text stands for,
	 * below the fields. */
	{
		const struct field *fld = form_field(f, f->cur);
		char note[1024];
		bool error = f->problem[f->cur] != NULL;

		if (error)
			form_reason(f, f->cur, note, sizeof note);
		else if (!form_choice_note(f, f->cur, note, sizeof note))
			snprintf(note, sizeof note, "%s", fld->hint ? _(fld->hint) :
			         is_choice(fld) ? _("a choice, its pinyin or initials; Space or F4 lists them") : "");
		attrset(draw_attr(error ? ROLE_ERROR : ROLE_DIM));
		draw_text(stdscr, ui_body_top() + body, vx, note, vw, true);
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

/* Say on the message line what is wrong with field I; N problems in all. */
static void form_say(struct form *f, int i, int n)
{
	char why[1024];

	form_reason(f, i, why, sizeof why);
	if (n > 1)
		ui_error(ngettext("%s: %s (and %d more problem)",
		                  "%s: %s (and %d more problems)", n - 1),
		         _(form_field(f, i)->label), why, n - 1);
	else
		ui_error(_("%s: %s"), _(form_field(f, i)->label), why);
}

/* Run the field-level check of field I; true if it is fine.  A choice
 * field's text is first taken for the choice it stands for. */
static bool form_check_one(struct form *f, int i)
{
	const struct field *fld = form_field(f, i);

	f->problem[i] = form_resolve(f, i);
	if (!f->problem[i] && f->hooks.check_field)
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
	struct field_problem p[FORM_MAX_FIELDS];
	void *copy;
	char msg[512];
	int n = 0, i, first = -1;

	/* every choice field's text as the choice it stands for (a kept
	 * form may hold text that was never checked) */
	for (i = 0; i < f->nfields; i++) {
		f->problem[i] = form_resolve(f, i);
		if (f->problem[i]) {
			if (first < 0)
				first = i;
			n++;
		}
	}
	if (n > 0) {
		f->cur = first;
		form_say(f, first, n);
		return false;
	}
	copy = malloc(f->record_size);
	if (!copy)
		return false;
	memcpy(copy, f->record, f->record_size);
	for (i = 0; i < f->nfields; i++) {
		const struct field *fld = form_field(f, i);

		if (!form_stored(f, i, FIELD_VALUE(copy, fld), fld->size)) {
			f->problem[i] = msg_unknown;
			f->cur = i;
			form_say(f, i, 1);
			free(copy);
			return false;
		}
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
		if (first < 0) {
			ui_error("%s", _(p[0].reason));
		} else {
			f->cur = first;
			form_say(f, first, n);
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

/* Does choice I of the list open in form_choose show for TYPED? */
static bool form_pick_match(void *ctx, int i, const char *typed)
{
	const struct form_choices *c = ctx;

	return !*typed || choice_fit(c->labels[i], c->aliases[i], typed) != CHOICE_NONE;
}

/* Open the choices of the current field, filtered by its text unless
 * that is a choice already.  Returns the key that closed the list: the
 * form goes on as if it was pressed in the field. */
static int form_choose(struct form *f)
{
	const struct field *fld = form_field(f, f->cur);
	struct form_choices c;
	char *value = f->values[f->cur];
	int sel = -1, key = 0, i;

	form_choices(f, f->cur, &c);
	if (c.n == 0)
		return 0;
	for (i = 0; i < c.n; i++)
		if (strcmp(c.labels[i], value) == 0)
			sel = i;
	sel = ui_pick_field(_(fld->label), c.labels, c.n, sel,
	                    sel < 0 && value[0] ? value : NULL,
	                    form_pick_match, &c, &key);
	if (sel >= 0 && strcmp(value, c.labels[sel]) != 0) {
		snprintf(value, FORM_VALUE, "%s", c.labels[sel]);
		f->dirty = true;
		f->problem[f->cur] = NULL;
	}
	return sel >= 0 ? key : 0;
}

/* Start editing field I.  A choice field takes more characters than its
 * longest label (its pinyin may be typed), and the first one typed
 * replaces the choice shown. */
static void form_edit(struct form *f, struct edit *e, int i)
{
	const struct field *fld = form_field(f, i);
	int max = fld->maxchars;

	if (is_choice(fld) && max < FORM_CHOICE_CHARS)
		max = FORM_CHOICE_CHARS;
	edit_init(e, f->values[i], FORM_VALUE, max);
	e->multiline = fld->type == F_NOTE;
	f->replace = is_choice(fld) && f->values[i][0];
}

static void form_goto(struct form *f, struct edit *e, int to)
{
	if (to < 0 || to >= f->nfields || to == f->cur)
		return;
	if (!form_check_one(f, f->cur))
		form_say(f, f->cur, 1);
	else
		ui_message(NULL);
	f->cur = to;
	form_edit(f, e, to);
}

/* How a key left the form. */
enum form_end { FORM_ON, FORM_SAVED, FORM_CANCELLED, FORM_HANGUP };

/* Type character K into the current field. */
static void form_type(struct form *f, struct edit *e, int k)
{
	if (k < 0x20 || k == 0x7F)
		return;
	if (f->replace) {
		/* typing over a choice starts a new one */
		f->values[f->cur][0] = '\0';
		e->cur = 0;
		f->replace = false;
	}
	if (edit_insert(e, (uint32_t)k)) {
		f->dirty = true;
		f->problem[f->cur] = NULL;
	} else {
		ui_error(_("%s: at most %d characters"), _(form_field(f, f->cur)->label),
		         e->maxchars);
	}
}

/* Esc: leave, after asking when something was changed. */
static enum form_end form_cancel(struct form *f)
{
	if (!f->dirty || ui_confirm(_("Discard the changes?"))) {
		form_done(f);
		return FORM_CANCELLED;
	}
	return ui_hungup() ? FORM_HANGUP : FORM_ON;
}

/* Act on key K; a key that closed the choices goes to *PENDING, to act
 * as pressed in the field. */
static enum form_end form_key(struct app *app, struct form *f, struct edit *e, int k,
                              int *pending)
{
	const struct field *fld = form_field(f, f->cur);
	enum action act = keys_action(KC_FORM, k);

	/* '?' is help where it cannot be part of the value. */
	if (k == '?' && (fld->flags & FIELD_DIGITS))
		act = ACT_HELP;
	if (act == ACT_CHOICES && k == ' ' && !is_choice(fld))
		act = ACT_NONE;
	switch (act) {
	case ACT_SAVE:
		if (!form_check_one(f, f->cur)) {
			form_say(f, f->cur, 1);
			return FORM_ON;
		}
		if (form_save(f)) {
			form_done(f);
			return FORM_SAVED;
		}
		form_edit(f, e, f->cur);
		return FORM_ON;
	case ACT_CANCEL:
		return form_cancel(f);
	case ACT_NEXT_FIELD:
		form_goto(f, e, f->cur + 1 < f->nfields ? f->cur + 1 : 0);
		return FORM_ON;
	case ACT_PREV_FIELD:
		form_goto(f, e, f->cur > 0 ? f->cur - 1 : f->nfields - 1);
		return FORM_ON;
	case ACT_CHOICES:
		k = form_choose(f);
		form_edit(f, e, f->cur);
		act = keys_action(KC_FORM, k);
		if (act == ACT_NEXT_FIELD || act == ACT_PREV_FIELD || act == ACT_SAVE)
			*pending = k;
		return FORM_ON;
	case ACT_HELP:
		curs_set(0);
		ui_help(app, KC_FORM, _("Fields marked * are required. Choice fields: type the choice, its pinyin or its initials (nv for 女, bk for 大学本科) and Tab takes it; Space or F4 lists the choices, filtered by what was typed. Dates may be typed as 2024-03-05, 2024/3/5, 2024.3.5, 20240305 or 2024年3月5日."));
		return FORM_ON;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return FORM_ON;
	case ACT_NONE:
		form_type(f, e, k);
		return FORM_ON;
	default:
		if (edit_action(e, act))
			f->dirty = true;
		f->replace = false;
		return FORM_ON;
	}
}

bool form_run(struct app *app, struct form *f)
{
	enum form_end end = FORM_ON;
	struct edit e;
	int pending = 0;

	form_load(f);
	form_edit(f, &e, 0);
	ui_message(NULL);
	while (end == FORM_ON) {
		int k;

		if (ui_too_small()) {
			/* only Esc and a hang-up mean anything then */
			k = ui_key();
			if (k == UI_KEY_HANGUP)
				end = FORM_HANGUP;
			else if (k == KEY_ESC)
				end = form_cancel(f);
			continue;
		}
		form_draw(app, f, &e);
		k = pending ? pending : ui_key();
		pending = 0;
		if (k == UI_KEY_HANGUP)
			end = FORM_HANGUP;
		else if (k != KEY_FN(KEY_RESIZE) && k != 0)
			end = form_key(app, f, &e, k, &pending);
	}
	if (end == FORM_HANGUP) {
		if (f->dirty)
			form_keep(f);
		return false;
	}
	curs_set(0);
	return end == FORM_SAVED;
}
