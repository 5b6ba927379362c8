/* reg.h - the registers (台帐) of the branch, each described once.
 *
 * A register is a table of the database with everything the rest of the
 * program asks of it: its fields, its import and export, its screens, what
 * it puts on the start screen.  The menu, the change log, the kept forms,
 * the import and export commands and the dashboard walk registers[]
 * instead of naming a register; a new register is a file of its own and a
 * line in reg.c.  Nothing below this layer (db, io, text) includes it.
 */
#ifndef ZHIBU_REG_H
#define ZHIBU_REG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct app;
struct db;
struct demo_rng;
struct db_extras;
struct dash;
struct field;
struct io_table;
struct report_def;
struct report_pdf_part;
struct report_result;
struct query_def;
struct reg_screen;
struct store_def;
struct store_draft;

/* A setting a register keeps in the database (db_get_setting), edited
 * on 设置 (menu 7) and named so in the change log. */
struct reg_setting {
	const char *key;        /* "flows.contact_days"; NULL ends a list */
	const char *label;      /* N_() what it is */
	const char *unset;      /* N_() what holds while it is unset */
	/* NULL if TYPED may be its value, normalized into OUT (SIZE
	 * bytes; "" unsets it), else why not (a message id) */
	const char *(*check)(const char *typed, char *out, size_t size);
};

struct reg {
	const char *table;              /* SQL table; TABLE on the command
	                                 * line; the change log's and the
	                                 * drafts' name for it */
	const char *label;              /* N_() what one record is: "Member" */
	const char *title;              /* N_() the register: "Member roster" */
	int menu_digit;                 /* its digit on the start screen (SPEC
	                                 * 2); 0: not on the menu */
	const struct field *fields;     /* its fields: the one source of truth */
	const struct store_def *store;  /* how a record lives in the table */
	const struct query_def *query;  /* its lists: orders, filters, search */
	const struct reg_screen *screen; /* what is its own on its screens
	                                 * (screen_reg.h); NULL: none */
	const struct io_table *io;      /* import and export; NULL: none */
	const struct report_def *report; /* its printed ledger; NULL: none */
	/* The part of the whole 台帐 that follows its ledger there (the
	 * roster's 党员统计), counted on DAY; NULL when it failed (RES
	 * says why).  NULL hook: none. */
	struct report_pdf_part *(*report_part)(struct db *db, const char *day,
	                                       struct report_result *res);
	const struct db_extras *db;     /* what it needs of the database layer
	                                 * (db.h); NULL: nothing */

	/* A fictitious record that passes the register's rules on TODAY,
	 * drawn from R (the demo and the tests of the frame). */
	void (*sample)(struct demo_rng *r, const char *today, void *rec);
	/* What is due, added to D with dash_add (screens.h); NULL when
	 * nothing ever is. */
	void (*dashboard)(struct app *app, struct dash *d);
	/* What is coming up (a political birthday), listed after every
	 * register's due items; NULL: nothing. */
	void (*coming)(struct app *app, struct dash *d);
	/* The register's part of the demo branch (zhibu --demo), written
	 * into DB inside demo_populate's transaction after the roster, in
	 * the order of registers[], drawn from R; NULL: none. */
	int (*demo)(struct db *db, struct demo_rng *r, const char *today);
	/* Its settings, ended by a NULL key; NULL: none. */
	const struct reg_setting *settings;
};

/* The setting of a register called KEY, or NULL. */
const struct reg_setting *reg_setting_find(const char *key);

/* Every register, in the order of the menu; ended by NULL. */
extern const struct reg *const registers[];

/* The register whose table is TABLE, or NULL. */
const struct reg *reg_find(const char *table);

/* The register that imports and exports as TABLE, or NULL. */
const struct io_table *reg_io_find(const char *table);

/* The registers that import and export, as "members, flows" for a usage
 * message, into BUF (size SZ). */
void reg_io_names(char *buf, size_t sz);

/* The printed ledger called NAME ("roster"), or NULL; the names of them
 * all as "roster, ..." into BUF (size SZ). */
const struct report_def *reg_report_find(const char *name);
void reg_report_names(char *buf, size_t sz);

/* Does no register hold a record (a new file, as --demo asks)?  False
 * too when one cannot be read. */
bool registers_empty(struct db *db);

/* 党员花名册 (register_member.c). */
extern const struct reg reg_member;

/* 流动党员 and their contacts (src/flows). */
extern const struct reg reg_flows, reg_flow_contacts;

#endif
