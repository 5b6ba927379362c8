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
static bool ascii;              /* lines drawn with - | + */
static wchar_t mark = '~';      /* ends a cut cell: … where the codeset has it */
static int mark_width = 1;

void draw_init(bool no_color, bool ascii_lines)
{
	bool color = has_colors() && !no_color;
	const char *cs = nl_langinfo(CODESET);
	int i;

	check_codeset = cs && strcmp(cs, "UTF-8") != 0;
	ascii = ascii_lines;
	{
		mbstate_t st;
		char mb[MB_LEN_MAX];

		/* the ambiguous width is known by now (ui_start) */
		memset(&st, 0, sizeof st);
		if (wcrtomb(mb, 0x2026, &st) != (size_t)-1) {
			mark = 0x2026;
			mark_width = text_cp_width(0x2026) > 1 ? 2 : 1;
		}
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
		int k = text_utf8_decode(s, len, &cp);
		int w;

		if (k <= 0) {
			cp = 0xFFFD;
			k = 1;
		} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			/* Control characters never reach the terminal. */
			cp = cp == 0x7F ? 0x2421 : cp < 0x20 ? 0x2400 + cp : 0xFFFD;
		}
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
		len -= (size_t)k;
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

void draw_rule(WINDOW *w, int y, int x, int cols)
{
	if (cols > 0)
		mvwhline(w, y, x, ascii ? '-' : ACS_HLINE, cols);
}

void draw_box(WINDOW *w, int y, int x, int h, int wd)
{
	chtype hl = ascii ? '-' : ACS_HLINE, vl = ascii ? '|' : ACS_VLINE;

	if (h < 2 || wd < 2)
		return;
	mvwhline(w, y, x + 1, hl, wd - 2);
	mvwhline(w, y + h - 1, x + 1, hl, wd - 2);
	mvwvline(w, y + 1, x, vl, h - 2);
	mvwvline(w, y + 1, x + wd - 1, vl, h - 2);
	mvwaddch(w, y, x, ascii ? '+' : ACS_ULCORNER);
	mvwaddch(w, y, x + wd - 1, ascii ? '+' : ACS_URCORNER);
	mvwaddch(w, y + h - 1, x, ascii ? '+' : ACS_LLCORNER);
	mvwaddch(w, y + h - 1, x + wd - 1, ascii ? '+' : ACS_LRCORNER);
}
