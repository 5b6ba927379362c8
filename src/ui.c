/* ui.c - curses set-up, the frame's lines, keys, dialogs. */
#include "config.h"

#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termcap.h>
#include <unistd.h>
#include <wchar.h>

#include "collate.h"
#include "draw.h"
#include "edit.h"
#include "gettext.h"
#include "term.h"
#include "text.h"
#include "ui.h"
#include "validate.h"

static bool started;
static char message[512];
static bool message_is_error;
static volatile sig_atomic_t hangup;

/* SIGHUP (the SSH link dropped) and SIGTERM: only note it; the main loop
 * keeps a draft of an open form and leaves in order. */
static void on_hangup(int sig)
{
	(void)sig;
	hangup = 1;
}

void ui_poll(int ms)
{
	timeout(ms);
}

bool ui_hungup(void)
{
	return hangup != 0;
}

/* The input is gone when the terminal hung up under us without a signal. */
static bool input_gone(void)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };

	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* Keys as the secretaries' clients send them by default, whatever TERM
 * says: PuTTY's function keys are ESC [11~ .. ESC [15~ (its "ESC [n~"
 * preset, as on DEC terminals), not TERM=xterm's ESC O P .. ESC O S;
 * SecureCRT's and Xshell's VT100/xterm presets send ESC O P .. ESC O S,
 * which TERM=putty or linux lack; the Linux console and PuTTY's "Linux"
 * preset send ESC [[A .. ESC [[E.  Home and End come as ESC [1~ and
 * ESC [4~ from PuTTY, ESC [H / ESC O H and ESC [F / ESC O F from xterms,
 * ESC [7~ and ESC [8~ from rxvt.  A sequence the terminal description
 * binds already, or that would clash with one, is left alone. */
static const struct {
	const char *seq;
	int key;
} client_keys[] = {
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) },
	{ "\033[14~", KEY_F(4) }, { "\033[15~", KEY_F(5) },
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) }, { "\033OR", KEY_F(3) },
	{ "\033OS", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) }, { "\033[[C", KEY_F(3) },
	{ "\033[[D", KEY_F(4) }, { "\033[[E", KEY_F(5) },
	{ "\033[17~", KEY_F(6) }, { "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) }, { "\033[23~", KEY_F(11) },
	{ "\033[24~", KEY_F(12) },
	{ "\033[1~", KEY_HOME }, { "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
	{ "\033[7~", KEY_HOME },
	{ "\033[4~", KEY_END }, { "\033[F", KEY_END }, { "\033OF", KEY_END },
	{ "\033[8~", KEY_END },
};

/* Teach curses the keys of client_keys its terminal description lacks. */
static void ui_define_client_keys(void)
{
	size_t i;

	for (i = 0; i < sizeof client_keys / sizeof client_keys[0]; i++)
		if (key_defined(client_keys[i].seq) == 0)
			define_key(client_keys[i].seq, client_keys[i].key);
}

/* Ask the terminal database (ncurses' termcap interface: <term.h> is
 * shadowed by our own term.h) about $TERM: known, and able to address
 * the cursor ("cm") without being a generic ("gn") or hard-copy ("hc")
 * type. */
enum ui_terminal ui_terminal_check(void)
{
	const char *term = getenv("TERM");

	if (!term || !*term)
		return UI_TERMINAL_UNSET;
	if (strlen(term) > 128 || tgetent(NULL, term) != 1)
		return UI_TERMINAL_UNKNOWN;
	if (!tgetstr("cm", NULL) || tgetflag("gn") || tgetflag("hc"))
		return UI_TERMINAL_DUMB;
	return UI_TERMINAL_OK;
}

int ui_start(const struct prefs *prefs)
{
	const char *cs = nl_langinfo(CODESET);
	int amb = prefs->ambiguous_width;

	if (started)
		return 0;
	/* How wide the client draws ambiguous characters: the settings, else
	 * ask the terminal, else what the codeset suggests.  Everything that
	 * measures text, curses included (wcwidth.c), follows the answer. */
	if (amb == 0)
		amb = term_probe_ambiguous(STDIN_FILENO, STDOUT_FILENO, cs, 300);
	if (amb == 0)
		amb = term_default_ambiguous(cs);
	text_set_ambiguous_width(amb);
	/* Esc must answer at once: function keys arrive within a few ms even
	 * over SSH, a human's Esc never continues. */
	set_escdelay(25);
	/* not initscr(), which ends the program with curses' own words */
	if (!newterm(NULL, stdout, stdin))
		return -1;
	started = true;
	raw();                  /* Ctrl-S and Ctrl-C reach us as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_define_client_keys();
	meta(stdscr, TRUE);
	idlok(stdscr, TRUE);    /* let curses scroll instead of repainting */
	leaveok(stdscr, FALSE);
	timeout(UI_POLL_MS);
	curs_set(0);
	{
		struct sigaction sa;

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_hangup;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = 0;        /* no SA_RESTART: the read returns */
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
	}
	draw_init(prefs->no_color, prefs->ascii_lines);
	return 0;
}

void ui_stop(void)
{
	if (!started)
		return;
	started = false;
	endwin();
}

/* After an Esc: curses has already waited ESCDELAY, so bytes waiting now
 * came in the same burst.  "Esc [" or "Esc O" starts a function key this
 * terminal's description does not know: swallow it, so that it does not
 * act as Esc plus letters, and say so.  Anything else is put back. */
static bool ui_swallow_sequence(void)
{
	wint_t wc;
	int rc, n = 0;

	nodelay(stdscr, TRUE);
	rc = wget_wch(stdscr, &wc);
	if (rc == ERR) {
		nodelay(stdscr, FALSE);
		return false;
	}
	if (rc != OK || (wc != '[' && wc != 'O')) {
		if (rc == OK)
			unget_wch((wchar_t)wc);
		nodelay(stdscr, FALSE);
		return false;
	}
	/* Parameters, then one final byte in @..~ ("Esc [ [ A" is the Linux
	 * console's F1). */
	while (n++ < 16 && (rc = wget_wch(stdscr, &wc)) == OK &&
	       !(wc >= 0x40 && wc <= 0x7E && !(wc == '[' && n == 1)))
		;
	nodelay(stdscr, FALSE);
	return true;
}

int ui_key(void)
{
	wint_t wc;
	int rc;

	for (;;) {
		if (hangup)
			return UI_KEY_HANGUP;
		rc = wget_wch(stdscr, &wc);
		if (rc == ERR) {
			if (hangup || input_gone()) {
				hangup = 1;
				return UI_KEY_HANGUP;
			}
			return 0;
		}
		if (rc == KEY_CODE_YES)
			return KEY_FN((int)wc);
		if (wc == KEY_ESC && ui_swallow_sequence())
			continue;
		return (int)wc;
	}
}

int ui_body_top(void)
{
	return 1;
}

int ui_body_lines(void)
{
	return LINES - 3;
}

bool ui_too_small(void)
{
	const char *msg;

	if (COLS >= UI_MIN_COLS && LINES >= UI_MIN_LINES)
		return false;
	erase();
	msg = _("The terminal is too small: zhibu needs 80x24.");
	draw_text(stdscr, 0, 0, msg, COLS, false);
	if (LINES > 1) {
		char size[64];

		snprintf(size, sizeof size, _("Now: %dx%d. Enlarge the window, or q to quit."),
		         COLS, LINES);
		draw_text(stdscr, 1, 0, size, COLS, false);
	}
	refresh();
	return true;
}

bool ui_size_ok(void)
{
	while (ui_too_small()) {
		int k = ui_key();

		if (k == 'q' || k == UI_KEY_HANGUP)
			return false;
	}
	return true;
}

bool ui_common_act(struct app *app, enum key_context ctx, enum action act,
                   const char *help)
{
	if (act == ACT_HELP)
		ui_help(app, ctx, _(help));
	else if (act == ACT_REDRAW)
		clearok(curscr, TRUE);
	else
		return false;
	return true;
}

void ui_show(enum key_context ctx, const enum action *hints)
{
	ui_message_draw();
	ui_hints(ctx, hints);
	refresh();
}

void ui_title(struct app *app, const char *screen)
{
	char left[512];

	attrset(draw_attr(ROLE_TITLE));
	snprintf(left, sizeof left, " %s  %s", app->branch[0] ? app->branch :
	         _("(branch name not set)"), screen);
	draw_text(stdscr, 0, 0, left, COLS, true);
	attrset(A_NORMAL);
}

static void message_set(bool error, const char *fmt, va_list ap)
{
	if (!fmt) {
		message[0] = 0;
	} else {
		vsnprintf(message, sizeof message, fmt, ap);
	}
	message_is_error = error;
	if (started)
		ui_message_draw();
}

void ui_error(const char *fmt, ...)
{
	va_list ap;

	/* before the message: it only reaches the terminal on refresh */
	if (started)
		beep();
	va_start(ap, fmt);
	message_set(true, fmt, ap);
	va_end(ap);
}

void ui_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message_set(false, fmt, ap);
	va_end(ap);
}

void ui_message_draw(void)
{
	attrset(draw_attr(message_is_error ? ROLE_ERROR : ROLE_NOTICE));
	draw_text(stdscr, LINES - 2, 0, message, COLS, true);
	attrset(A_NORMAL);
}

/* The keys of a hint, from the names of all the action's keys: the first
 * one, and when that is a function key (which some clients send in ways
 * no terminal description knows), its plain-key twin: "F2/Ctrl-S". */
static void hint_keys(char *names)
{
	size_t first = strcspn(names, " ");
	bool fkey = names[0] == 'F' && names[1] >= '0' && names[1] <= '9';

	if (fkey && names[first] == ' ') {
		names[first] = '/';
		names[first + 1 + strcspn(names + first + 1, " ")] = 0;
	} else {
		names[first] = 0;
	}
}

void ui_hints(enum key_context ctx, const enum action *acts)
{
	char line[1024], item[256], names[128];
	size_t len = 0;
	int used = 0, w;

	line[0] = 0;
	for (; *acts != ACT_NONE; acts++) {
		keys_names(ctx, *acts, names, sizeof names);
		hint_keys(names);
		snprintf(item, sizeof item, "%s%s %s", len ? "  " : " ", names,
		         _(keys_label(*acts)));
		/* Whole items only: what does not fit is in the help (F1). */
		w = text_width(item);
		if (used + w > COLS || len + strlen(item) >= sizeof line)
			break;
		memcpy(line + len, item, strlen(item) + 1);
		len += strlen(item);
		used += w;
	}
	attrset(draw_attr(ROLE_HINTS));
	draw_text(stdscr, LINES - 1, 0, line, COLS, true);
	attrset(A_NORMAL);
}

bool ui_confirm(const char *question)
{
	char line[512];
	size_t fit;

	/* the keys named in words: 按 y 确认，按 n 或 Esc 取消 */
	snprintf(line, sizeof line, _("%s (y: yes; n or Esc: no)"), question);
	for (;;) {
		int k;

		attrset(draw_attr(ROLE_ERROR));
		if (text_width(line) <= COLS) {
			draw_text(stdscr, LINES - 2, 0, line, COLS, true);
		} else {
			/* a long question takes the line above too, and the keys
			 * stand alone on the line of the hints: never cut off */
			fit = text_fit(question, COLS, NULL);
			draw_text(stdscr, LINES - 3, 0, question, COLS, true);
			draw_cell(stdscr, LINES - 2, 0, question + fit, COLS);
			attrset(draw_attr(ROLE_HINTS));
			draw_text(stdscr, LINES - 1, 0, _(" y yes   n or Esc no"), COLS, true);
		}
		attrset(A_NORMAL);
		refresh();
		k = ui_key();
		if (k == UI_KEY_HANGUP)
			return false;
		/* with a Chinese input method in full-width mode y and n
		 * arrive as ｙ and ｎ */
		if (k == 'y' || k == 'Y' || k == 0xFF59 || k == 0xFF39 ||
		    k == 0x662F /* 是 */)
			return ui_message(NULL), true;
		if (k == 'n' || k == 'N' || k == 0xFF4E || k == 0xFF2E ||
		    k == KEY_ESC || k == 'q' || k == 0x5426 /* 否 */ ||
		    k == KEY_CTRL('c'))
			return ui_message(NULL), false;
	}
}

/* The prompt that asks again after a refusal: the field's LABEL and
 * the reason WHY, or the reason alone where both do not fit a line
 * beside the value typed. */
const char *ui_again_prompt(const char *label, const char *why, char *out,
                                size_t outsz)
{
	snprintf(out, outsz, _("%s: %s. Again:"), label, _(why));
	if (text_width(out) + 14 > COLS)
		snprintf(out, outsz, _("%s. Again:"), _(why));
	return out;
}

/* Ask for a date until it is a date that ACCEPT (NULL: any) takes, or
 * the user gives up with Esc: a refused date is shown with its reason
 * and asked again, as typed, not thrown away.  ISO gets YYYY-MM-DD. */
bool ui_ask_date(const char *prompt, const char *label, const char *initial,
                     const char *(*accept)(const void *ctx, const char *iso,
                                           const char *today),
                     const void *ctx, const char *today, char iso[11])
{
	char typed[64], shown[64], again[512];
	const char *ask = prompt;

	snprintf(shown, sizeof shown, "%s", initial ? initial : "");
	for (;;) {
		const char *why;

		if (!ui_ask(ask, shown, typed, sizeof typed))
			return false;
		memcpy(shown, typed, sizeof shown);
		why = valid_date(typed, iso);
		if (!why && accept)
			why = accept(ctx, iso, today);
		if (!why)
			return true;
		/* the reason stays in sight while the date is typed again */
		ask = ui_again_prompt(label, why, again, sizeof again);
	}
}

bool ui_ask_complete(const char *prompt, char *buf, size_t size,
                     ui_complete_fn complete, const char *hint)
{
	char shown[512] = "";
	struct edit e;
	int plen = text_width(prompt) + 2;
	bool taken = false;

	edit_init(&e, buf, size, 0);
	curs_set(1);
	for (;;) {
		int k, cx;
		enum action act;

		if (hint || shown[0]) {
			attrset(draw_attr(ROLE_HINTS));
			draw_text(stdscr, LINES - 1, 0, shown[0] ? shown : hint, COLS, true);
			attrset(A_NORMAL);
		}
		draw_text(stdscr, LINES - 2, 0, prompt, plen, true);
		cx = edit_draw(&e, stdscr, LINES - 2, plen, COLS - plen);
		move(LINES - 2, cx);
		refresh();
		k = ui_key();
		act = keys_action(KC_FORM, k);
		if (k == KEY_FN(KEY_RESIZE) || k == 0)
			continue;
		if (act == ACT_CANCEL || k == UI_KEY_HANGUP)
			break;
		if (k == '\r' || k == '\n' || k == KEY_FN(KEY_ENTER)) {
			taken = true;
			break;
		}
		if (k == '\t' && complete) {
			complete(buf, size, shown, sizeof shown);
			e.cur = strlen(buf);
			continue;
		}
		shown[0] = 0;
		if (act != ACT_NONE && edit_action(&e, act))
			continue;
		if (k >= 0x20 && k != 0x7F)
			edit_insert(&e, (uint32_t)k);
	}
	curs_set(0);
	ui_message(NULL);
	return taken;
}

bool ui_ask(const char *prompt, const char *initial, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", initial ? initial : "");
	return ui_ask_complete(prompt, out, outsz, NULL, NULL);
}

/* ---- pick one of a list ------------------------------------------------ */

/* Does LABEL match what was typed: its start, or its pinyin initials. */
static bool pick_matches(const char *label, const char *typed)
{
	char initials[64];

	if (!*typed)
		return true;
	if (strncmp(label, typed, strlen(typed)) == 0 || strstr(label, typed))
		return true;
	collate_pinyin(label, NULL, 0, initials, sizeof initials);
	return strncmp(initials, typed, strlen(typed)) == 0;
}

/* Where a pop-up goes and how large it is. */
struct popup {
	WINDOW *win;
	int y, x, h, wd;
};

/* Show the pop-up at (Y, X), H by WD: a window of its own over the
 * screen, so that what is behind it is neither cut (curses mends a wide
 * character under its edges) nor lost.  Returns false if it cannot be. */
static bool popup_place(struct popup *p, int y, int x, int h, int wd)
{
	if (p->win && p->y == y && p->x == x && p->h == h && p->wd == wd) {
		/* drawn again on blanks: a narrow character written over
		 * half of a wide one would leave curses a broken cell */
		werase(p->win);
		return true;
	}
	if (p->win) {
		delwin(p->win);
		touchwin(stdscr);
		wnoutrefresh(stdscr);
	}
	p->win = newwin(h, wd, y, x);
	p->y = y;
	p->x = x;
	p->h = h;
	p->wd = wd;
	return p->win != NULL;
}

/* Take the pop-up away: the screen behind it shows again as it was. */
static void popup_close(struct popup *p)
{
	if (p->win)
		delwin(p->win);
	p->win = NULL;
	touchwin(stdscr);
	wnoutrefresh(stdscr);
	doupdate();
}

int ui_pick(const char *title, const char *const *labels, int n, int selected,
            const char *typed0)
{
	return ui_pick_field(title, labels, n, selected, typed0, NULL, NULL, NULL);
}

int ui_menu_screen(struct app *app, const char *title, const char *const *msgids,
                   int n, int cur)
{
	if (ui_hungup())
		return -1;
	erase();
	ui_title(app, title);
	ui_message_draw();
	refresh();
	return ui_pick_msgids(title, msgids, n, cur);
}

int ui_pick_msgids(const char *title, const char *const *msgids, int n, int selected)
{
	const char *labels[UI_PICK_MSGIDS];

	for (int i = 0; i < n && i < UI_PICK_MSGIDS; i++)
		labels[i] = _(msgids[i]);
	return ui_pick(title, labels, n < UI_PICK_MSGIDS ? n : UI_PICK_MSGIDS, selected, NULL);
}

/* The keys that take the label under the cursor: Enter and Space, and
 * those that leave a form's field (Tab, Shift-Tab) or save the form. */
static bool pick_takes(int k)
{
	return k == '\r' || k == '\n' || k == KEY_FN(KEY_ENTER) || k == ' ' ||
	       k == '\t' || k == KEY_FN(KEY_BTAB) ||
	       keys_action(KC_FORM, k) == ACT_SAVE;
}

/* Drop the last character of S (UTF-8), if it has one. */
static void drop_last_char(char *s)
{
	size_t len = strlen(s);

	while (len > 0 && ((unsigned char)s[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0)
		len--;
	s[len] = '\0';
}

/* Key K (action ACT) of the pick list: moves the cursor *CUR among the
 * NSHOWN choices, BODY lines a page, or edits TYPED (SIZE bytes), the
 * filter. */
static void pick_key(int k, enum action act, int *cur, int body, int nshown,
                     char *typed, size_t size)
{
	if (k == KEY_FN(KEY_UP)) {
		if (*cur > 0)
			(*cur)--;
	} else if (k == KEY_FN(KEY_DOWN)) {
		if (*cur + 1 < nshown)
			(*cur)++;
	} else if (act == ACT_PAGE_UP) {
		*cur = *cur > body ? *cur - body : 0;
	} else if (act == ACT_PAGE_DOWN) {
		*cur = *cur + body < nshown ? *cur + body : nshown - 1;
	} else if (k == KEY_FN(KEY_HOME)) {
		*cur = 0;       /* not g and G: letters filter the list */
	} else if (k == KEY_FN(KEY_END)) {
		*cur = nshown > 0 ? nshown - 1 : 0;
	} else if (k == KEY_FN(KEY_BACKSPACE) || k == 127 || k == KEY_CTRL('h')) {
		drop_last_char(typed);
	} else if (k > 0x20 && k != 0x7F) {
		char enc[4];
		int m = text_utf8_encode((uint32_t)k, enc);
		size_t len = strlen(typed);

		if (m > 0 && len + (size_t)m < size) {
			memcpy(typed + len, enc, (size_t)m);
			typed[len + (size_t)m] = 0;
		}
		*cur = 0;
	}
}

int ui_pick_field(const char *title, const char *const *labels, int n,
                  int selected, const char *typed0, ui_pick_match_fn match,
                  void *ctx, int *key)
{
	char typed[128];
	int *shown = calloc((size_t)(n > 0 ? n : 1), sizeof *shown);
	int nshown, cur = 0, top = 0, i, result = -1, k = KEY_ESC, tallest = 0;
	int lc = draw_line_cols(), inner = text_width(title) + 2 * lc;
	struct popup pop = { NULL, 0, 0, 0, 0 };

	if (!shown)
		return -1;
	snprintf(typed, sizeof typed, "%s", typed0 ? typed0 : "");
	if (typed0 && strlen(typed0) >= sizeof typed)
		drop_last_char(typed);  /* cut between characters */
	/* A label and two spaces, between edges of LC columns each; the
	 * inside in whole steps of LC so that the edges line up. */
	for (i = 0; i < n; i++)
		if (text_width(labels[i]) + 2 > inner)
			inner = text_width(labels[i]) + 2;
	/* What the caller drew goes out first, under the pop-up. */
	wnoutrefresh(stdscr);
	for (;;) {
		int h, x, y, body, width, in;
		enum action act;

		nshown = 0;
		for (i = 0; i < n; i++)
			if (match ? match(ctx, i, typed) : pick_matches(labels[i], typed)) {
				if (i == selected && !*typed)
					cur = nshown;
				shown[nshown++] = i;
			}
		selected = -1;
		if (cur >= nshown)
			cur = nshown > 0 ? nshown - 1 : 0;
		body = nshown < LINES - 6 ? nshown : LINES - 6;
		/* the box does not shrink while the choices are filtered */
		if (body < tallest && tallest <= LINES - 6)
			body = tallest;
		if (body < 1)
			body = 1;
		tallest = body;
		h = body + 3;
		in = inner < COLS - 2 - 2 * lc ? inner : COLS - 2 - 2 * lc;
		in -= in % lc;
		width = in + 2 * lc;
		y = (LINES - h) / 2;
		x = (COLS - width) / 2;
		if (cur < top)
			top = cur;
		if (cur >= top + body)
			top = cur - body + 1;
		if (in < 1 || !popup_place(&pop, y, x, h, width))
			break;
		draw_frame(pop.win, 0, 0, h, width, title);
		for (i = 0; i < body; i++) {
			int idx = top + i;

			if (idx == cur && nshown > 0)
				wattrset(pop.win, draw_attr(ROLE_CURSOR));
			draw_text(pop.win, 1 + i, lc,
			          idx < nshown ? labels[shown[idx]] : "", in, true);
			wattrset(pop.win, A_NORMAL);
		}
		draw_text(pop.win, h - 2, lc, typed, in, true);
		wnoutrefresh(pop.win);
		doupdate();
		k = ui_key();
		if (k == KEY_FN(KEY_RESIZE)) {
			touchwin(stdscr);
			wnoutrefresh(stdscr);
			continue;
		}
		act = keys_action(KC_LIST, k);
		if (pick_takes(k)) {
			if (nshown > 0)
				result = shown[cur];
			break;
		}
		if (k == KEY_ESC || k == KEY_CTRL('c') || k == UI_KEY_HANGUP)
			break;
		pick_key(k, act, &cur, body, nshown, typed, sizeof typed);
	}
	free(shown);
	popup_close(&pop);
	if (key)
		*key = k;
	return result;
}

/* ---- pages: help, details, history ------------------------------------ */

static bool in_help;    /* a help page is open */

void ui_page(struct app *app, const char *title, const char *const *lines, int n)
{
	static const enum action hints[] = {
		ACT_DOWN, ACT_PAGE_DOWN, ACT_BACK, ACT_NONE
	};
	int top = 0;

	for (;;) {
		int body, i, k;
		enum action act;

		if (!ui_size_ok())
			return;
		body = ui_body_lines();
		erase();
		ui_title(app, title);
		for (i = 0; i < body && top + i < n; i++)
			draw_cell(stdscr, ui_body_top() + i, 1, lines[top + i], COLS - 2);
		ui_show(KC_VIEW, hints);
		k = ui_key();
		act = keys_action(KC_VIEW, k);
		if (act == ACT_BACK || k == UI_KEY_HANGUP)
			return;
		if (act == ACT_DOWN && top + body < n)
			top++;
		else if (act == ACT_UP && top > 0)
			top--;
		else if (act == ACT_PAGE_DOWN && top + body < n)
			top += body - 1;
		else if (act == ACT_PAGE_UP)
			top = top > body - 1 ? top - body + 1 : 0;
		else if (act == ACT_HOME)
			top = 0;
		else if (act == ACT_END)
			top = n > body ? n - body : 0;
		else if (act == ACT_HELP && !in_help)
			/* the help is a page too: no help of the help */
			ui_help(app, KC_VIEW, _("A page to read: the arrows, PgUp and PgDn move through it; q, Esc or Enter goes back."));
		else if (act == ACT_REDRAW)
			clearok(curscr, TRUE);
	}
}

void ui_lines_add(struct ui_lines *l, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		char **v = realloc(l->v, (size_t)cap * sizeof *v);

		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (s)
		l->v[l->n++] = s;
}

void ui_lines_free(struct ui_lines *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* Add TEXT broken into lines of at most COLS columns: at a space where
 * one is near the edge (English), else at any character (Chinese).  The
 * first line starts with LEAD, the others with as many spaces. */
static void help_wrap(struct ui_lines *h, const char *lead, const char *text,
                      int cols)
{
	const char *p = text;
	int indent = text_width(lead);
	bool first = true;

	if (cols < 8)
		cols = 8;
	while (*p) {
		size_t para = strcspn(p, "\n"), n;
		char line[1024];

		if (para >= sizeof line)
			para = sizeof line - 1;
		memcpy(line, p, para);
		line[para] = 0;
		n = text_fit(line, cols, NULL);
		if (n < para) {
			size_t sp = n;

			while (sp > 0 && line[sp] != ' ' && n - sp < 24)
				sp--;
			if (sp > 0 && line[sp] == ' ')
				n = sp;
		}
		if (n == 0)
			n = para;
		ui_lines_add(h, "%*s%.*s", first ? 0 : indent, first ? lead : "",
		             (int)n, p);
		first = false;
		p += n;
		while (*p == ' ')
			p++;
		if (*p == '\n' && n == para)
			p++;
	}
}

/* One key of the help: its names in a column, what it does beside them,
 * wrapped under itself when it is longer than the line. */
static void help_action(void *ctx, enum action act, const char *names)
{
	char keys[128], lead[160];

	text_pad(keys, sizeof keys, names, 24, false, false);
	snprintf(lead, sizeof lead, "  %s ", keys);
	/* ui_page shows COLS - 2 columns */
	help_wrap(ctx, lead, _(keys_help(act)), COLS - 2 - text_width(lead));
}

void ui_help(struct app *app, enum key_context context, const char *text)
{
	struct ui_lines h = { 0 };
	bool was = in_help;

	if (text) {
		help_wrap(&h, "", text, COLS - 4);
		ui_lines_add(&h, "%s", "");
	}
	ui_lines_add(&h, "%s", _("Keys:"));
	keys_each(context, help_action, &h);
	in_help = true;
	ui_page(app, _("Help"), (const char *const *)h.v, h.n);
	in_help = was;
	ui_lines_free(&h);
}
