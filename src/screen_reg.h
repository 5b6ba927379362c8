/* screen_reg.h - the screens of any register: its list (search, filters,
 * orders, following other secretaries' changes), its form (checked,
 * saved, kept when the terminal goes away, conflicts resolved), a
 * record's details and history, and lists of the rows that belong to one
 * record (master–detail).  A register gives what is its own in a struct
 * reg_screen: the columns, the cells of a row, its rules, the facts its
 * details add, its words, and its own keys, which are looked at first.
 */
#ifndef ZHIBU_SCREEN_REG_H
#define ZHIBU_SCREEN_REG_H

#include <stdbool.h>
#include <stdint.h>

#include "field.h"
#include "keys.h"
#include "list.h"
#include "query.h"
#include "ui.h"

struct db;
struct reg;
struct store_draft;

#define REG_VIEW_GROUPS 128

/* One open list of a register. */
struct reg_view {
	struct app *app;
	const struct reg *reg;
	struct query q;
	struct list list;
	bool searching;
	bool unchanged;         /* the last save found nothing to change */
	int64_t seen;           /* the file's data version last read */
	/* master–detail: the record the rows belong to (0: all rows), and
	 * its name for the title */
	int64_t parent;
	const char *parent_name;
	/* the form open on screen: the record it edits (0: a new one), the
	 * version it was read at and the draft it resumes (0: none) */
	int64_t form_row, form_version, form_draft;
	/* the records a reference field's text finds (screen_ref.c) */
	struct reg_refs *refs;
	/* party groups, for the form's choices and the change log's keys */
	int ngroups;
	int64_t group_ids[REG_VIEW_GROUPS];
	char *group_names[REG_VIEW_GROUPS];
};

/* What a register's screens say of it: message ids (N_()), each with the
 * conversions its English has. */
struct reg_words {
	const char *list_title;         /* "Member roster" */
	const char *add_title, *edit_title;     /* "Roster: add a member" */
	const char *add_kept, *edit_kept;       /* ... (kept form) */
	const char *page_title;         /* "Roster: %s" (the record's name) */
	const char *count;              /* "%lld members, %s%s" (count, order,
	                                 * filters) */
	const char *count_unknown;      /* "… members, %s%s" */
	const char *no_match;           /* "No member matches \"%s\"." */
	const char *empty;              /* "No members to show. a adds one." */
	const char *read_failed;        /* "Could not read the roster: %s" */
	const char *gone;               /* "This member is no longer in the database." */
	const char *kept_gone;          /* "The member of the kept form is ..." */
	const char *conflict;           /* "%s saved this member at %s. Different
	                                 * from yours: %s" (user, time, fields) */
	const char *changed;            /* "Someone else changed this member
	                                 * meanwhile; nothing was saved. ..." */
	const char *not_saved;          /* "Not saved: someone else changed this
	                                 * member meanwhile. F2/Ctrl-S again ..." */
	const char *search_hint;        /* the hint line while searching */
	const char *help;               /* ? on the list */
	/* import, export and print (screen_io.c) */
	const char *io_import;          /* "Import the roster from a CSV file (Excel)" */
	const char *io_export;          /* "Export the roster (current members) to CSV" */
	const char *io_print;           /* "Print the roster" */
	const char *import_title;       /* "Import the roster" */
	const char *import_update;      /* "Import, updating members already on the roster" */
	const char *not_a_field;        /* "Column %u \"%s\" is not a field of the
	                                 * roster; it is left out." */
	const char *correct_days;       /* "  Correct them in the roster where the
	                                 * day is known." */
	const char *stored;             /* "Stored %lu members (%lu of them updated)." */
	const char *unchanged;          /* "%lu rows were the same as on the roster:
	                                 * nothing changed." */
	const char *exported;           /* "Exported %lu members to %s." */
	const char *exported_replaced;  /* "... %lu members to %s; %lu of them held
	                                 * control characters ..." */
	const char *exported_lossy;     /* "... %lu members to %s; %lu of them with
	                                 * characters GBK lacks ..." */
	const char *printed;            /* "Wrote %u pages (%lu members) to %s." */
	const char *file_name;          /* "roster": files saved are NAME-DATE.EXT */
	const char *report_menu;        /* "Member roster: print or save" (menu 5) */
};

/* A line of a menu and what it opens. */
struct screen_entry {
	const char *label;              /* N_() */
	void (*run)(struct app *app);
};

/* What is a register's own on its screens. */
struct reg_screen {
	const struct reg_words *words;
	const char *name_field;         /* the field that names a record */
	/* the list's columns for each order of the query (NCOLS each) */
	const struct list_column *const *columns;
	int ncols;
	/* the cells of record REC (NCOLS of LIST_CELL bytes) */
	void (*cells)(struct reg_view *v, const void *rec, char (*cells)[LIST_CELL]);
	/* a new record's defaults */
	void (*init)(void *rec);
	/* check and normalize REC before it is saved: its rules and those
	 * across records (a unique value is the store's); problems into P
	 * (at most MAX), how many returned */
	int (*check)(struct reg_view *v, void *rec, struct field_problem *p, int max);
	/* lines the details add after the fields (what the rules make of
	 * them); NULL: none */
	void (*facts)(struct reg_view *v, const void *rec, struct ui_lines *l);
	/* the register's own keys, asked first: true when ACT was one */
	bool (*key)(struct reg_view *v, enum action act);
	const enum action *hints;       /* of the list, ended by ACT_NONE */
	/* the reports that are its own on 台帐报表 (menu 5), after its
	 * ledger; ended by a NULL label, or NULL: none */
	const struct screen_entry *reports;
	/* details: the register that lists the rows belonging to one of its
	 * records, opened with ACT_DETAIL; NULL: none */
	const struct reg *detail;
	/* details: leave out the fields left empty (a record whose kinds
	 * fill different fields) */
	bool hide_empty;
};

/* The list of register R (every record, or with PARENT those belonging
 * to record PARENT of R's master, PARENT_NAME in the title). */
void screen_reg_run(struct app *app, const struct reg *r);
void screen_reg_detail(struct app *app, const struct reg *r, int64_t parent,
                       const char *parent_name);

/* R's form again on draft D, kept when the terminal went away. */
void screen_reg_resume(struct app *app, const struct reg *r, const struct store_draft *d);

/* The details and history of record ID of R. */
void screen_reg_history(struct app *app, const struct reg *r, int64_t id);

/* For a register's own keys and dialogs: the record under the cursor
 * into REC (0; -1, said, if there is none); the form on REC titled
 * TITLE (true when saved); the list read again with the cursor on ID. */
int reg_view_current(struct reg_view *v, void *rec);
bool reg_view_edit(struct reg_view *v, void *rec, const char *title, int64_t draft_id);
void reg_view_refresh(struct reg_view *v, int64_t id);

/* A status change's reason (at most 60 characters) asked until one is
 * given where REQUIRED, into OUT (OUTSZ bytes); false on Esc. */
bool reg_ask_reason(bool required, char *out, size_t outsz);

/* One line of a record's details: LABEL padded to the labels' column,
 * then VALUE (for a register's facts). */
void reg_detail_line(struct ui_lines *l, const char *label, const char *value);

/* A reference field (F_REF) on a form (screen_ref.c): the records of
 * register R that TYPED finds by its search (a label by its name; every
 * record when empty), at most REG_REFS, as labels that tell them apart,
 * each with the plain name as its other spelling. */
#define REG_REFS 128
#define REG_REF_LABEL 96
struct reg_refs {
	int n;
	char label[REG_REFS][REG_REF_LABEL], name[REG_REFS][REG_REF_LABEL];
	int64_t key[REG_REFS];
	const char *labels[REG_REFS];           /* label[i] */
	const char *alias[REG_REFS][2];         /* { name[i], NULL } */
	const char *const *aliases[REG_REFS];   /* alias[i] */
};
int reg_ref_find(struct db *db, const struct reg *r, const char *typed,
                 struct reg_refs *out);

/* The label of record KEY of R into OUT (SIZE bytes); the key of the
 * record labelled LABEL into *KEY.  enum db_status. */
int reg_ref_label(struct db *db, const struct reg *r, int64_t key, char *out,
                  size_t size);
int reg_ref_key(struct db *db, const struct reg *r, const char *label, int64_t *key);

/* The register's words MSGID (a format: test_reg checks each register's
 * conversions against what the screens pass) translated and formatted
 * into OUT. */
void reg_say(char *out, size_t outsz, const char *msgid, ...);

/* A value of field KEY (or a column of the change log) as the screens
 * show it: masked, 是/否, a party group's name for its key. */
void reg_view_value(struct reg_view *v, const char *key, const char *value, char *out,
                    size_t outsz);

#endif
