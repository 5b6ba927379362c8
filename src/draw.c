/* draw.c - text on the terminal: UTF-8 in, wide characters out. */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "text.h"

static attr_t role_attrs[ROLE_COUNT];
static bool check_codeset;      /* the terminal's codeset lacks characters */
static wchar_t mark = '~';      /* ends a cut cell: … where the codeset has it */
static int mark_width = 1;

/* How lines are drawn, and how many columns one line character takes. */
static enum { LINES_ASCII, LINES_ACS, LINES_UNICODE } lines;
static int line_cols = 1;

/* The parts of a box: horizontal, vertical, then the corners clockwise
 * from the upper left; as Unicode, and as ASCII. */
enum { BOX_H, BOX_V, BOX_UL, BOX_UR, BOX_LR, BOX_LL, BOX_PARTS };
static const wchar_t box_unicode[BOX_PARTS] = {
	0x2500, 0x2502, 0x250C, 0x2510, 0x2518, 0x2514
};
static const char box_ascii[BOX_PARTS] = { '-', '|', '+', '+', '+', '+' };

/* True if the locale's codeset has the character CP. */
static bool codeset_has(wchar_t cp)
{
	mbstate_t st;
	char mb[MB_LEN_MAX];

	memset(&st, 0, sizeof st);
	return wcrtomb(mb, cp, &st) != (size_t)-1;
}

/* Lines are drawn with the Unicode box characters ─│┌┐└┘, as wide as the
 * client draws them, wherever the codeset has them (UTF-8, GB18030, GBK):
 *
 * - UTF-8, ambiguous characters narrow (PuTTY's default, xterm, tmux): one
 *   column each.  The VT100 line-drawing switch (ESC ( 0, SO), which is
 *   what curses uses otherwise, is ignored by PuTTY in UTF-8 mode unless
 *   the user ticks a box: every box would read lqqqk / x / mqqqj.
 * - UTF-8, ambiguous characters wide (PuTTY's "treat CJK ambiguous
 *   characters as wide", xterm -cjk_width): the same characters take two
 *   columns, and the switch is ignored there too; the boxes are laid out
 *   in two-column steps (draw_line_cols).
 * - GB18030 or GBK (Xshell, SecureCRT, PuTTY set to a Chinese code page;
 *   xterm through luit): GB2312's table-drawing characters, two columns
 *   wide on these clients.  The switch works on some of them but luit
 *   swallows it; the characters themselves show everywhere Chinese does.
 *
 * The width is the one the start-up probe measured (or the codeset's
 * default), as for every other ambiguous character, so the layout and
 * the client agree.  The VT100 switch is left for codesets without the
 * characters; lines = ascii draws with - | +. */
static void lines_init(bool ascii_lines)
{
	int i;

	line_cols = 1;
	if (ascii_lines) {
		lines = LINES_ASCII;
		return;
	}
	for (i = 0; i < BOX_PARTS; i++)
		if (!codeset_has(box_unicode[i])) {
			lines = LINES_ACS;
			return;
		}
	lines = LINES_UNICODE;
	line_cols = text_cp_width(box_unicode[BOX_H]) > 1 ? 2 : 1;
}

void draw_init(bool no_color, bool ascii_lines)
{
	bool color = has_colors() && !no_color;
	const char *cs = nl_langinfo(CODESET);
	int i;

	check_codeset = cs && strcmp(cs, "UTF-8") != 0;
	/* the ambiguous width is known by now (ui_start) */
	lines_init(ascii_lines);
	if (codeset_has(0x2026)) {
		mark = 0x2026;
		mark_width = text_cp_width(0x2026) > 1 ? 2 : 1;
	}

	/* Monochrome: reverse for what is selected, bold for emphasis. */
	role_attrs[ROLE_NORMAL] = A_NORMAL;
	role_attrs[ROLE_TITLE] = A_REVERSE;
	role_attrs[ROLE_HINTS] = A_REVERSE;
	role_attrs[ROLE_CURSOR] = A_REVERSE;
	role_attrs[ROLE_HEADER] = A_BOLD;
	role_attrs[ROLE_ERROR] = A_BOLD;
	role_attrs[ROLE_NOTICE] = A_NORMAL;
	role_attrs[ROLE_FIELD] = A_UNDERLINE;
	role_attrs[ROLE_DIM] = A_NORMAL;
	if (!color)
		return;
	start_color();
	use_default_colors();
	static const struct { enum draw_role role; short fg, bg; attr_t extra; } map[] = {
		{ ROLE_TITLE, COLOR_WHITE, COLOR_RED, A_BOLD },
		{ ROLE_HINTS, COLOR_BLACK, COLOR_CYAN, 0 },
		{ ROLE_CURSOR, COLOR_BLACK, COLOR_YELLOW, 0 },
		{ ROLE_HEADER, COLOR_BLUE, -1, A_BOLD },
		{ ROLE_ERROR, COLOR_RED, -1, A_BOLD },
		{ ROLE_NOTICE, COLOR_GREEN, -1, 0 },
		{ ROLE_FIELD, -1, -1, A_UNDERLINE },
		{ ROLE_DIM, COLOR_CYAN, -1, 0 },
	};
	for (i = 0; i < (int)(sizeof map / sizeof map[0]); i++) {
		if (init_pair((short)(i + 1), map[i].fg, map[i].bg) == ERR)
			continue;
		role_attrs[map[i].role] = COLOR_PAIR(i + 1) | map[i].extra;
	}
}

attr_t draw_attr(enum draw_role role)
{
	return role_attrs[role];
}

/* Decode S into wide characters that fit in COLS columns.  With CUT_MARK, a
 * text that does not fit ends with a cut mark instead of just stopping. */
static int draw_prepare(const char *s, int cols, wchar_t *buf, int bufn,
                        int *nout, bool cut_mark)
{
	int used = 0, n = 0, widths[512];
	size_t len = strlen(s);

	if (bufn > 512)
		bufn = 512;

	while (len > 0 && n < bufn - 1) {
		uint32_t cp;
		/* Nothing but plain text reaches the terminal: controls, bidi
		 * and invisible characters come as text_sanitize shows them,
		 * measured as text_width measures them. */
		size_t k = text_shown_next(s, len, &cp);
		int w;

		w = text_cp_width(cp);
		if (w < 0)
			w = 1;
		if (check_codeset && cp >= 0x80) {
			mbstate_t st;
			char mb[MB_LEN_MAX];

			memset(&st, 0, sizeof st);
			if (wcrtomb(mb, (wchar_t)cp, &st) == (size_t)-1)
				cp = w == 2 ? 0x3013 : '?';
		}
		if (used + w > cols)
			break;
		widths[n] = w;
		buf[n++] = (wchar_t)cp;
		used += w;
		s += k;
		len -= k;
	}
	if (cut_mark && len > 0 && mark_width <= cols) {
		/* room in the columns, and in BUF for the mark and the NUL */
		while (n > 0 && (used + mark_width > cols || n >= bufn - 1))
			used -= widths[--n];
		buf[n++] = mark;
		used += mark_width;
	}
	buf[n] = 0;
	*nout = n;
	return used;
}

static int draw_left(WINDOW *w, int y, int x, const char *s, int cols,
                     bool pad, bool cut_mark)
{
	wchar_t buf[512];
	int n, used;

	if (cols <= 0)
		return 0;
	used = draw_prepare(s ? s : "", cols, buf, 512, &n, cut_mark);
	mvwaddnwstr(w, y, x, buf, n);
	if (pad && used < cols)
		draw_blank(w, y, x + used, cols - used);
	return pad ? cols : used;
}

int draw_text(WINDOW *w, int y, int x, const char *s, int cols, bool pad)
{
	return draw_left(w, y, x, s, cols, pad, false);
}

int draw_cell(WINDOW *w, int y, int x, const char *s, int cols)
{
	return draw_left(w, y, x, s, cols, true, true);
}

int draw_text_right(WINDOW *w, int y, int x, const char *s, int cols)
{
	wchar_t buf[512];
	int n, used;

	if (cols <= 0)
		return 0;
	used = draw_prepare(s ? s : "", cols, buf, 512, &n, false);
	if (used < cols)
		draw_blank(w, y, x, cols - used);
	mvwaddnwstr(w, y, x + cols - used, buf, n);
	return cols;
}

void draw_blank(WINDOW *w, int y, int x, int cols)
{
	if (cols > 0)
		mvwhline(w, y, x, ' ', cols);
}

int draw_line_cols(void)
{
	return line_cols;
}

/* One part of a box at (Y, X); returns the columns it took. */
static int box_part(WINDOW *w, int y, int x, int part)
{
	cchar_t cc;
	wchar_t s[2] = { 0, 0 };

	switch (lines) {
	case LINES_ASCII:
		mvwaddch(w, y, x, (chtype)(unsigned char)box_ascii[part]);
		return 1;
	case LINES_ACS:
		mvwaddch(w, y, x, part == BOX_H ? ACS_HLINE : part == BOX_V ? ACS_VLINE :
		         part == BOX_UL ? ACS_ULCORNER : part == BOX_UR ? ACS_URCORNER :
		         part == BOX_LR ? ACS_LRCORNER : ACS_LLCORNER);
		return 1;
	case LINES_UNICODE:
		break;
	}
	s[0] = box_unicode[part];
	if (setcchar(&cc, s, A_NORMAL, 0, NULL) == OK)
		mvwadd_wch(w, y, x, &cc);
	return line_cols;
}

/* A horizontal line from X up to END (exclusive): whole line characters,
 * a space for a column left over. */
static void box_hline(WINDOW *w, int y, int x, int end)
{
	while (x + line_cols <= end)
		x += box_part(w, y, x, BOX_H);
	if (x < end)
		draw_blank(w, y, x, end - x);
}

void draw_rule(WINDOW *w, int y, int x, int cols)
{
	if (cols > 0)
		box_hline(w, y, x, x + cols);
}

void draw_frame(WINDOW *w, int y, int x, int h, int wd, const char *title)
{
	int lc = line_cols, right = x + wd - lc, col, i;

	if (h < 2 || wd < 2 * lc)
		return;
	/* The top edge in one pass, the title on it: a narrow character
	 * written over half of a wide one would leave curses a broken cell. */
	col = x + box_part(w, y, x, BOX_UL);
	if (title && *title && right - col > 2 * lc) {
		col += box_part(w, y, col, BOX_H);
		wattr_on(w, role_attrs[ROLE_HEADER], NULL);
		col += draw_text(w, y, col, title, right - col - lc, false);
		wattr_off(w, role_attrs[ROLE_HEADER], NULL);
		if ((col - x) % lc)
			draw_blank(w, y, col++, 1);
	}
	box_hline(w, y, col, right);
	box_part(w, y, right, BOX_UR);
	for (i = 1; i < h - 1; i++) {
		box_part(w, y + i, x, BOX_V);
		box_part(w, y + i, right, BOX_V);
	}
	box_part(w, y + h - 1, x, BOX_LL);
	box_hline(w, y + h - 1, x + lc, right);
	box_part(w, y + h - 1, right, BOX_LR);
}

void draw_box(WINDOW *w, int y, int x, int h, int wd)
{
	draw_frame(w, y, x, h, wd, NULL);
}
