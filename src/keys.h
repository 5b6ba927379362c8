/* keys.h - every action once, its keys, and its help text.
 *
 * Keys are ints: a character as its code point (>= 0), a curses function
 * key as the negated KEY_ code.  Every action has at least one key that
 * needs no function key (PuTTY and old terminals).
 */
#ifndef ZHIBU_KEYS_H
#define ZHIBU_KEYS_H

#include <stdbool.h>

/* X(name, short label for the hint line, help text): message ids */
#define KEY_ACTIONS(X) \
	X(UP, N_("Up"), N_("previous line")) \
	X(DOWN, N_("Down"), N_("next line")) \
	X(PAGE_UP, N_("Page up"), N_("previous page")) \
	X(PAGE_DOWN, N_("Page down"), N_("next page")) \
	X(HOME, N_("First"), N_("first line")) \
	X(END, N_("Last"), N_("last line")) \
	X(OPEN, N_("Open"), N_("open the selected item")) \
	X(SEARCH, N_("Search"), N_("search as you type: name, pinyin, initials, end of ID or phone")) \
	X(ADD, N_("Add"), N_("add a record")) \
	X(EDIT, N_("Edit"), N_("edit the selected record")) \
	X(REMOVE, N_("Change status"), N_("change the status, with date and reason; members are never deleted")) \
	X(PROBATION, N_("Full membership"), N_("probationary member: full membership on time, extend the probation or cancel it (转正)")) \
	X(FILTER, N_("Filter"), N_("filter the list")) \
	X(SORT, N_("Sort"), N_("change the sort order")) \
	X(EXPORT, N_("Export"), N_("export what is shown")) \
	X(PRINT, N_("Print"), N_("print a report")) \
	X(HISTORY, N_("History"), N_("history of changes")) \
	/* bound with the first register that keeps records under its own */ \
	X(DETAIL, N_("Log"), N_("the records kept under the selected one (contacts, visits)")) \
	X(FOCUS, N_("Due list"), N_("between the menu and the list of what is due")) \
	X(BACK, N_("Back"), N_("back")) \
	X(QUIT, N_("Quit"), N_("quit zhibu")) \
	X(HELP, N_("Help"), N_("help")) \
	X(REDRAW, N_("Redraw"), N_("redraw the screen")) \
	X(NEXT_FIELD, N_("Next"), N_("next field")) \
	X(PREV_FIELD, N_("Previous"), N_("previous field")) \
	X(SAVE, N_("Save"), N_("save")) \
	X(CANCEL, N_("Cancel"), N_("cancel")) \
	X(CHOICES, N_("Choices"), N_("open the choices of the field")) \
	X(LEFT, N_("Left"), N_("cursor left")) \
	X(RIGHT, N_("Right"), N_("cursor right")) \
	X(LINE_START, N_("To start"), N_("start of the field")) \
	X(LINE_END, N_("To end"), N_("end of the field")) \
	X(BACKSPACE, N_("Delete back"), N_("delete the character before the cursor")) \
	X(DELETE, N_("Delete"), N_("delete the character under the cursor")) \
	X(KILL_LINE, N_("Clear"), N_("clear the field")) \
	X(NEWLINE, N_("New line"), N_("new line (in a note)")) \
	X(DATE, N_("Date"), N_("choose the date the figures are counted on"))

enum action {
	ACT_NONE,
#define X(name, label, help) ACT_##name,
	KEY_ACTIONS(X)
#undef X
	ACT_COUNT
};

/* Where a binding applies. */
enum key_context {
	KC_MENU = 1,    /* the start screen */
	KC_LIST = 2,
	KC_FORM = 4,
	KC_VIEW = 8,    /* a read-only page: help, details, history */
	KC_ALL = 15,
};

#define KEY_FN(k) (-(k))      /* a curses function key as our key code */
#define KEY_CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

/* The action KEY means in CONTEXT, or ACT_NONE. */
enum action keys_action(enum key_context context, int key);

/* The help text of an action (a message id). */
const char *keys_help(enum action act);

/* The short label of an action for the key-hint line (a message id). */
const char *keys_label(enum action act);

/* The names of the keys bound to ACT in CONTEXT, e.g. "F2 Ctrl-S", into
 * OUT (size OUTSZ). */
void keys_names(enum key_context context, enum action act, char *out,
                size_t outsz);

/* Call FN for each action bound in CONTEXT, in table order (the help screen). */
void keys_each(enum key_context context,
               void (*fn)(void *ctx, enum action act, const char *keynames),
               void *ctx);

#endif
