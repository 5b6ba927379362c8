/* form.h - a form built from a field table (field.h).
 *
 * The form edits copies of the record's values; it checks each field as
 * the cursor leaves it and the whole record on F2/Ctrl-S through the
 * screen's hooks, shows every problem in words and puts the cursor on the
 * first one.  Nothing reaches the record unless the save hook succeeds.
 */
#ifndef ZHIBU_FORM_H
#define ZHIBU_FORM_H

#include <stdbool.h>

#include "field.h"
#include "ui.h"

#define FORM_VALUE 1024         /* bytes of one field's text while editing */
#define FORM_MAX_FIELDS 32

struct form;

struct form_hooks {
	/* Check RECORD, which holds the edited values (the check may put them
	 * in their normal form); write the problems (at most MAX) and return
	 * how many. */
	int (*check)(struct form *f, void *record, struct field_problem *p, int max);
	/* Store RECORD; 0 on success, else write a message (already
	 * translated) to MSG and return -1. */
	int (*save)(struct form *f, void *record, char *msg, size_t msgsz);
	/* The choices of an F_GROUP field (labels), or of an F_REF field
	 * (labels that tell the records apart: those its text finds, every
	 * one when it is empty); NULL if none.  *ALIASES may get each
	 * label's other spellings (NULL-ended).  They last until the next
	 * call. */
	const char *const *(*choices)(struct form *f, const struct field *fld, int *n,
	                              const char *const *const **aliases);
	/* Check one field's text as the cursor leaves it; NULL if fine, else
	 * a message id.  May rewrite VALUE in its normal form. */
	const char *(*check_field)(struct form *f, const struct field *fld,
	                           char *value, size_t size);
	/* The terminal went away with changes typed: keep the texts
	 * VALUES[0..N) of the fields KEYS as a draft to resume.  NULL: they
	 * are lost. */
	void (*keep)(struct form *f, const char *const *keys,
	             const char *const *values, int n);
	/* The form ended by a save or a cancel: the draft it resumed, if
	 * any, is done with.  NULL: nothing to do. */
	void (*done)(struct form *f);
	/* F_REF: the record's value is its key (digits); the form shows and
	 * edits its label.  The label of the record KEY, and the key of the
	 * record LABEL (one of the choices), into OUT (SIZE bytes); false
	 * when there is none. */
	bool (*ref_label)(struct form *f, const struct field *fld, const char *key,
	                  char *out, size_t size);
	bool (*ref_key)(struct form *f, const struct field *fld, const char *label,
	                char *out, size_t size);
};

struct form {
	const char *title;
	const struct field *fields;     /* the table, ended by a NULL key */
	void *record;                   /* the values to start with */
	size_t record_size;
	struct form_hooks hooks;
	void *ctx;                      /* the screen's own data */
	bool start_dirty;               /* the values differ from the record
	                                 * (a resumed draft) */
	/* state */
	int nfields;
	int index[FORM_MAX_FIELDS];     /* table index of each shown field */
	char values[FORM_MAX_FIELDS][FORM_VALUE];
	const char *problem[FORM_MAX_FIELDS];
	int cur, top;
	bool dirty;
	bool replace;                   /* typing replaces the choice shown */
};

/* Run the form until it is saved (returns true; RECORD then holds what
 * was saved) or cancelled (false; RECORD unchanged). */
bool form_run(struct app *app, struct form *f);

/* The edited text of the field KEY (for hooks). */
const char *form_value(struct form *f, const char *key);

/* Replace every field's text with RECORD's values (after a conflict, the
 * version someone else saved); the cursor stays. */
void form_set_record(struct form *f, const void *record);

#endif
