/* keys.c - the bindings table: the one place that says which key does what. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "gettext.h"
#include "keys.h"

static const char *const action_help[ACT_COUNT] = {
	[ACT_NONE] = "",
#define X(name, label, help) [ACT_##name] = help,
	KEY_ACTIONS(X)
#undef X
};

static const char *const action_label[ACT_COUNT] = {
	[ACT_NONE] = "",
#define X(name, label, help) [ACT_##name] = label,
	KEY_ACTIONS(X)
#undef X
};

struct binding {
	unsigned context;
	int key;
	enum action act;
	const char *name;       /* as keyboards label it (not translated) */
};

#define L KC_LIST
#define F KC_FORM
#define M KC_MENU
#define V KC_VIEW

/* Function keys first, then their plain-key equivalents. */
static const struct binding bindings[] = {
	{ L | M | V, KEY_FN(KEY_UP), ACT_UP, "Up" },
	{ L | V, 'k', ACT_UP, "k" },
	{ L | M | V, KEY_FN(KEY_DOWN), ACT_DOWN, "Down" },
	{ L | V, 'j', ACT_DOWN, "j" },
	{ L | V, KEY_FN(KEY_PPAGE), ACT_PAGE_UP, "PgUp" },
	{ L | V, KEY_CTRL('b'), ACT_PAGE_UP, "Ctrl-B" },
	{ L | V, KEY_FN(KEY_NPAGE), ACT_PAGE_DOWN, "PgDn" },
	{ L | V, KEY_CTRL('f'), ACT_PAGE_DOWN, "Ctrl-F" },
	{ V, ' ', ACT_PAGE_DOWN, "Space" },
	{ L | M | V, KEY_FN(KEY_HOME), ACT_HOME, "Home" },
	{ L | V, 'g', ACT_HOME, "g" },
	{ L | M | V, KEY_FN(KEY_END), ACT_END, "End" },
	{ L | V, 'G', ACT_END, "G" },
	{ L | M, '\r', ACT_OPEN, "Enter" },
	{ L | M, '\n', ACT_OPEN, NULL },
	{ L | M, KEY_FN(KEY_ENTER), ACT_OPEN, NULL },
	{ L, '/', ACT_SEARCH, "/" },
	{ L, 'a', ACT_ADD, "a" },
	{ L, 'e', ACT_EDIT, "e" },
	{ L, 'd', ACT_REMOVE, "d" },
	{ L, 'z', ACT_PROBATION, "z" },
	{ L, 'l', ACT_DETAIL, "l" },
	{ L, 'f', ACT_FILTER, "f" },
	{ L, 's', ACT_SORT, "s" },
	{ L | V, 'x', ACT_EXPORT, "x" },
	{ L | V, 'p', ACT_PRINT, "p" },
	{ V, 'd', ACT_DATE, "d" },
	{ L | V, 'h', ACT_HISTORY, "h" },
	{ M, '\t', ACT_FOCUS, "Tab" },
	{ M, KEY_FN(KEY_RIGHT), ACT_FOCUS, "Right" },
	{ M, KEY_FN(KEY_LEFT), ACT_FOCUS, "Left" },
	{ L | V, 'q', ACT_BACK, "q" },
	{ L | V, KEY_ESC, ACT_BACK, "Esc" },
	{ L | V, KEY_CTRL('c'), ACT_BACK, NULL },
	{ M, 'q', ACT_QUIT, "q" },      /* not Esc: no quitting by accident */
	/* a page that is only read is left with Enter too, as it was opened */
	{ V, '\r', ACT_BACK, "Enter" },
	{ V, '\n', ACT_BACK, NULL },
	{ V, KEY_FN(KEY_ENTER), ACT_BACK, NULL },
	{ KC_ALL, KEY_FN(KEY_F(1)), ACT_HELP, "F1" },
	{ L | M | V, '?', ACT_HELP, "?" },
	{ F, KEY_CTRL('g'), ACT_HELP, "Ctrl-G" },
	{ KC_ALL, KEY_CTRL('l'), ACT_REDRAW, "Ctrl-L" },
	{ F, '\t', ACT_NEXT_FIELD, "Tab" },
	{ F, '\r', ACT_NEXT_FIELD, "Enter" },
	{ F, '\n', ACT_NEXT_FIELD, NULL },
	{ F, KEY_FN(KEY_ENTER), ACT_NEXT_FIELD, NULL },
	{ F, KEY_FN(KEY_DOWN), ACT_NEXT_FIELD, "Down" },
	{ F, KEY_FN(KEY_BTAB), ACT_PREV_FIELD, "Shift-Tab" },
	{ F, KEY_FN(KEY_UP), ACT_PREV_FIELD, "Up" },
	{ F, KEY_CTRL('p'), ACT_PREV_FIELD, "Ctrl-P" },
	{ F, KEY_FN(KEY_F(2)), ACT_SAVE, "F2" },
	{ F, KEY_CTRL('s'), ACT_SAVE, "Ctrl-S" },
	{ F, KEY_ESC, ACT_CANCEL, "Esc" },
	{ F, KEY_CTRL('c'), ACT_CANCEL, NULL },
	{ F, KEY_FN(KEY_F(4)), ACT_CHOICES, "F4" },
	{ F, ' ', ACT_CHOICES, "Space" },
	{ F, KEY_FN(KEY_LEFT), ACT_LEFT, "Left" },
	{ F, KEY_CTRL('b'), ACT_LEFT, "Ctrl-B" },
	{ F, KEY_FN(KEY_RIGHT), ACT_RIGHT, "Right" },
	{ F, KEY_CTRL('f'), ACT_RIGHT, "Ctrl-F" },
	{ F, KEY_FN(KEY_HOME), ACT_LINE_START, "Home" },
	{ F, KEY_CTRL('a'), ACT_LINE_START, "Ctrl-A" },
	{ F, KEY_FN(KEY_END), ACT_LINE_END, "End" },
	{ F, KEY_CTRL('e'), ACT_LINE_END, "Ctrl-E" },
	{ F, KEY_FN(KEY_BACKSPACE), ACT_BACKSPACE, "Backspace" },
	{ F, 127, ACT_BACKSPACE, NULL },
	{ F, KEY_CTRL('h'), ACT_BACKSPACE, NULL },
	{ F, KEY_FN(KEY_DC), ACT_DELETE, "Delete" },
	{ F, KEY_CTRL('d'), ACT_DELETE, "Ctrl-D" },
	{ F, KEY_CTRL('u'), ACT_KILL_LINE, "Ctrl-U" },
	{ F, KEY_CTRL('o'), ACT_NEWLINE, "Ctrl-O" },
};

#undef L
#undef F
#undef M
#undef V

enum action keys_action(enum key_context context, int key)
{
	size_t i;

	for (i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if ((bindings[i].context & context) && bindings[i].key == key)
			return bindings[i].act;
	return ACT_NONE;
}

const char *keys_help(enum action act)
{
	return act > ACT_NONE && act < ACT_COUNT ? action_help[act] : "";
}

const char *keys_label(enum action act)
{
	return act > ACT_NONE && act < ACT_COUNT ? action_label[act] : "";
}

void keys_names(enum key_context context, enum action act, char *out,
                size_t outsz)
{
	size_t i, len = 0;

	if (outsz == 0)
		return;
	out[0] = 0;
	for (i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		const struct binding *b = &bindings[i];
		int n;

		if (!(b->context & context) || b->act != act || !b->name)
			continue;
		n = snprintf(out + len, outsz - len, "%s%s", len ? " " : "",
		             b->name);
		if (n < 0 || (size_t)n >= outsz - len)
			break;
		len += (size_t)n;
	}
}

void keys_each(enum key_context context,
               void (*fn)(void *ctx, enum action act, const char *keynames),
               void *ctx)
{
	bool seen[ACT_COUNT] = { false };
	char names[128];
	size_t i;

	for (i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		enum action act = bindings[i].act;

		if (!(bindings[i].context & context) || seen[act])
			continue;
		seen[act] = true;
		keys_names(context, act, names, sizeof names);
		fn(ctx, act, names);
	}
}
