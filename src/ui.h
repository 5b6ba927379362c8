/* ui.h - the frame every screen stands on: curses set-up, the title,
 * message and key-hint lines, keys, resizing, dialogs.
 *
 * Layout (SPEC 2): line 0 the title, lines 1..LINES-3 the body, LINES-2
 * the message line, LINES-1 the key hints.
 */
#ifndef ZHIBU_UI_H
#define ZHIBU_UI_H

#include <stdbool.h>

#include "db.h"
#include "keys.h"
#include "prefs.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

/* What every screen needs. */
struct app {
	struct db *db;
	char branch[256];       /* the branch's name for the title */
	char today[11];
};

/* Whether the terminal named by TERM can show the screens: checked
 * before anything is drawn or opened, so that the user gets a sentence
 * of ours instead of curses' "Error opening terminal" or a garbled
 * screen. */
enum ui_terminal {
	UI_TERMINAL_OK,
	UI_TERMINAL_UNSET,      /* TERM unset or empty */
	UI_TERMINAL_UNKNOWN,    /* no terminfo description of it here */
	UI_TERMINAL_DUMB,       /* it cannot move the cursor (dumb, a printer) */
};
enum ui_terminal ui_terminal_check(void);

/* Start curses with the user's settings (the ambiguous width is probed
 * first when they do not fix it), and stop it (safe to call twice, and
 * from atexit). */
int ui_start(const struct prefs *prefs);
void ui_stop(void);

/* What ui_key returns once the terminal is gone (SIGHUP, SIGTERM, or the
 * input closed): every screen then leaves, a form keeping its draft. */
#define UI_KEY_HANGUP KEY_FN(KEY_MAX + 1)

/* How long ui_key waits before it returns 0, so that screens can look for
 * changes made by others (milliseconds). */
#define UI_POLL_MS 1000

/* Read one key (see keys.h for the encoding).  Returns KEY_FN(KEY_RESIZE)
 * after a resize so the caller redraws, 0 when UI_POLL_MS passed without
 * a key, and UI_KEY_HANGUP from the moment the terminal is gone. */
int ui_key(void);

/* Wait at most MS milliseconds in the next ui_key calls (UI_POLL_MS by
 * default; shorter while a screen has work to do when the user pauses). */
void ui_poll(int ms);

/* True once the terminal is gone. */
bool ui_hungup(void);

/* The body's first line and height. */
int ui_body_top(void);
int ui_body_lines(void);

/* Title line: the branch and the screen's name. */
void ui_title(struct app *app, const char *screen);

/* Message line: an error (bold/red) or a notice; cleared by ui_message(NULL). */
void ui_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ui_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Redraw the message line (after the body was redrawn). */
void ui_message_draw(void);

/* Key-hint line from the actions given, ended by ACT_NONE. */
void ui_hints(enum key_context ctx, const enum action *acts);

/* True if the terminal is smaller than 80x24; then the notice is shown
 * and the caller waits for a resize. */
bool ui_too_small(void);
/* The head of a screen's loop: wait while the terminal is too small;
 * false when the user left meanwhile (q, or the line hung up). */
bool ui_size_ok(void);
/* The actions every screen has: ACT_HELP shows HELP (a message id) as
 * the help of context CTX, ACT_REDRAW draws the terminal anew.  False
 * for another action. */
bool ui_common_act(struct app *app, enum key_context ctx, enum action act,
                   const char *help);
/* The end of a screen's drawing: the message line and the hints of the
 * actions ACTS (of context CTX) drawn, and the screen shown. */
void ui_show(enum key_context ctx, const enum action *acts);

/* Ask a yes/no question on the message line; true for yes. */
bool ui_confirm(const char *question);

/* Let the user pick one of N labels in a pop-up list titled TITLE,
 * starting at SELECTED; typing filters by label or pinyin initials (TYPED:
 * what was typed already, or NULL).  Enter, Space, Tab or a save key
 * picks, Esc cancels.  Returns the index chosen, or -1 when cancelled. */
int ui_pick(const char *title, const char *const *labels, int n, int selected,
            const char *typed);

/* ui_pick of the N (at most UI_PICK_MSGIDS) labels MSGIDS, translated. */
#define UI_PICK_MSGIDS 16
int ui_pick_msgids(const char *title, const char *const *msgids, int n, int selected);
/* A screen that is a menu: the screen TITLE, over it the pick list of
 * the N MSGIDS (translated), CUR selected; the index picked, -1 when
 * the user left or the line hung up. */
int ui_menu_screen(struct app *app, const char *title, const char *const *msgids,
                   int n, int cur);

/* Does label I of a pick list show for TYPED (ui_pick_field)? */
typedef bool (*ui_pick_match_fn)(void *ctx, int i, const char *typed);

/* ui_pick for a form's choice field: MATCH (called with CTX) decides
 * which labels show for what is typed, and *KEY gets the key that closed
 * the list: Enter, Space, Tab, Shift-Tab or a save key (F2, Ctrl-S) when
 * a label was chosen, so that the form can go on as if it was pressed in
 * the field; Esc when none was (the field keeps its text). */
int ui_pick_field(const char *title, const char *const *labels, int n,
                  int selected, const char *typed, ui_pick_match_fn match,
                  void *ctx, int *key);

/* Ask for one line of text on the message line (PROMPT: ...), starting
 * with INITIAL; true and the text in OUT when confirmed with Enter. */
bool ui_ask(const char *prompt, const char *initial, char *out, size_t outsz);

/* Ask for a date (PROMPT, INITIAL offered) until it is one that ACCEPT
 * (NULL: any date) takes, or Esc: a refused date is asked again as typed,
 * with the field's LABEL and the reason in the prompt.  ISO gets the date
 * as YYYY-MM-DD.  False when cancelled. */
bool ui_ask_date(const char *prompt, const char *label, const char *initial,
                 const char *(*accept)(const void *ctx, const char *iso,
                                       const char *today),
                 const void *ctx, const char *today, char iso[11]);

/* The prompt that asks again after a refusal: LABEL and the reason WHY
 * (a message id), or the reason alone where both would not leave room on
 * the line for the value typed.  Written to OUT, which is returned. */
const char *ui_again_prompt(const char *label, const char *why, char *out,
                            size_t outsz);

/* Completes BUF (size SIZE) in place on Tab; may put the candidates in
 * SHOWN (size SHOWNSZ) for the key-hint line. */
typedef void (*ui_complete_fn)(char *buf, size_t size, char *shown,
                               size_t shownsz);

/* Like ui_ask, editing BUF as it is, with Tab calling COMPLETE (may be
 * NULL) and HINT (may be NULL) on the key-hint line meanwhile. */
bool ui_ask_complete(const char *prompt, char *buf, size_t size,
                     ui_complete_fn complete, const char *hint);

/* Show the help of CONTEXT (and TEXT, a screen's own notes) as a page. */
void ui_help(struct app *app, enum key_context context, const char *text);

/* Lines of text gathered for ui_page (details, history, help, results). */
struct ui_lines {
	char **v;
	int n, cap;
};

/* Add one formatted line; a line that cannot be made is left out. */
void ui_lines_add(struct ui_lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Free the lines and empty L. */
void ui_lines_free(struct ui_lines *l);

/* Show lines of text as a scrollable page (details, history). */
void ui_page(struct app *app, const char *title, const char *const *lines, int n);

#endif
