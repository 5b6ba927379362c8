/* screens.h - the screens of the application, each a table of fields
 * and columns plus a few hooks over the generic list and form. */
#ifndef ZHIBU_SCREENS_H
#define ZHIBU_SCREENS_H

#include <stdio.h>

#include "ui.h"

/* Start curses and run the screens on DB until the user quits; returns
 * an exit code (enum cli_exit). */
int screens_run(struct db *db, const struct prefs *prefs);

/* The start screen: dashboard and main menu; returns when the user quits. */
void screen_main_run(struct app *app);

/* The start screen's list of what is due, filled by the registers
 * (struct reg's dashboard).  dash_add takes LINE (malloc'd; NULL is
 * ignored): Enter on it calls OPEN(APP, ID), true when it saved something.
 * dash_more counts N items of a kind that were not added for lack of
 * room.  A register adds at most DASH_SHOW items of a kind. */
struct dash;
void dash_add(struct dash *d, char *line, bool (*open)(struct app *app, int64_t id),
              int64_t id);
void dash_more(struct dash *d, int n);
#define DASH_SHOW 32

/* 党员花名册's items on the start screen: 转正 due; political birthdays
 * (coming up). */
void screen_member_dashboard(struct app *app, struct dash *d);
void screen_member_birthdays(struct app *app, struct dash *d);

/* 党员花名册: what is its own on the screens of a register (screen_reg.h). */
struct reg_screen;
extern const struct reg_screen member_screen;

/* 转正 of probationary member ID: on time, extended or cancelled, with
 * the rules' checks (the roster's z and the start screen's due item).
 * True if something was saved. */
bool screen_member_probation(struct app *app, int64_t id);

/* A register's list filtered and ordered (screen_filter.c): f's menu of
 * the filters of DEF (FIELDS label them and give their choices) and o's
 * of its orders change Q, true when they did; the filters Q sets, as the
 * info line says them ("  筛选： 在职 第一党小组"), into OUT. */
struct query_def;
struct query;
struct reg;
struct field;
bool screen_filter_menu(struct app *app, const struct query_def *def,
                        const struct field *fields, struct query *q);
bool screen_sort_menu(const struct query_def *def, struct query *q);
void screen_filter_text(struct db *db, const struct query_def *def, const struct query *q,
                        char *out, size_t outsz);

/* The whole branch's change log (audit log), newest first. */
void screen_audit_run(struct app *app);

/* 导入导出: import the roster from CSV, export and print it. */
void screen_io_run(struct app *app);

/* Export or print the members query Q selects (what a list shows). */
struct query;
void screen_io_export(struct app *app, const struct reg *reg, const struct query *q);
void screen_io_print(struct app *app, const struct reg *reg, const struct query *q);

/* Ask for a file to write (PATH holds the default; Tab completes) and
 * begin it as a new 0600 file (outfile.h: outfile_commit puts it in
 * place), asking before replacing one: NULL when cancelled or when it
 * cannot be written there (said on the message line). */
struct outfile;
struct outfile *screen_io_ask_output(const char *prompt, char *path, size_t size);

/* p on a screen: the pages WRITE writes (with the options RO) to the
 * printer as job TITLE — the PDF "zhibu report ... --print" sends —, saved
 * as that PDF beside the database (TITLE-DATE.pdf offered), or to a text
 * file (PATH offers the default name; "": no text file is offered) in the
 * encoding and line ends asked, as "zhibu report -o" writes them.  WHAT
 * titles the choice.  0 printed, 1 written to PATH (RES says how much),
 * -1 cancelled or failed (said on the message line). */
struct report_options;
struct report_result;
typedef int screen_pages_fn(void *ctx, const struct report_options *o, FILE *out,
                            struct report_result *res);
int screen_io_print_pages(struct app *app, const char *what, const char *title,
                          screen_pages_fn *write, void *ctx, struct report_options *ro,
                          char *path, size_t pathsz, struct report_result *res);

/* 台帐报表: what can be printed or looked at, a line per ledger. */
void screen_report_run(struct app *app);

/* 党员统计: the 党内统计's figures on a chosen date. */
void screen_stats_run(struct app *app);

/* 设置: the branch's name and its party groups. */
void screen_settings_run(struct app *app);

/* Read the branch's name into APP (after a change in the settings). */
void screen_load_branch(struct app *app);

#endif
