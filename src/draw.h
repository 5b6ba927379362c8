/* draw.h - the only code that writes text to the terminal.
 *
 * Strings are UTF-8; they are decoded here, sanitized as text_sanitize
 * does (control, bidi and invisible characters become visible placeholders)
 * and put on the screen with the wide-character curses calls, which work
 * in UTF-8, GB18030 and GBK locales alike.
 */
#ifndef ZHIBU_DRAW_H
#define ZHIBU_DRAW_H

#include <stdbool.h>

#include <curses.h>

/* Visual roles, mapped to colours or, on monochrome terminals and with
 * NO_COLOR, to reverse and bold. */
enum draw_role {
	ROLE_NORMAL,
	ROLE_TITLE,     /* the title line */
	ROLE_HINTS,     /* the key-hint line */
	ROLE_CURSOR,    /* the selected row or item */
	ROLE_HEADER,    /* column headers, field labels */
	ROLE_ERROR,     /* messages about what went wrong */
	ROLE_NOTICE,    /* other messages */
	ROLE_FIELD,     /* an editable field */
	ROLE_DIM,       /* secondary text */
	ROLE_COUNT
};

/* Choose colours (none with NO_COLOR, or on monochrome terminals) and
 * line drawing (Unicode box characters as wide as the client draws them;
 * ASCII when asked) once curses has started and the ambiguous width is
 * known. */
void draw_init(bool no_color, bool ascii_lines);

/* The attributes of a role. */
attr_t draw_attr(enum draw_role role);

/* Put S at (Y, X) of W in at most COLS columns, filling the rest of the
 * COLS with spaces when PAD; returns the columns written.  A character
 * that would straddle the edge is left out; one the terminal's codeset
 * cannot show (GBK lacks many rare characters) is shown as 〓 (or ? if
 * narrow), keeping the layout; the data are not touched. */
int draw_text(WINDOW *w, int y, int x, const char *s, int cols, bool pad);

/* A cell of a list: like draw_text with PAD, but a text too long for the
 * COLS ends with … (~ where the codeset lacks it), so that a cut name is
 * never taken for the whole one. */
int draw_cell(WINDOW *w, int y, int x, const char *s, int cols);

/* Like draw_text, aligned to the right of COLS columns. */
int draw_text_right(WINDOW *w, int y, int x, const char *s, int cols);

/* Fill COLS columns of line Y from X with spaces. */
void draw_blank(WINDOW *w, int y, int x, int cols);

/* Columns one line character of draw_rule and the boxes takes: 1, or 2
 * on a client that draws the box characters wide.  A box is laid out in
 * steps of this many columns. */
int draw_line_cols(void);

/* A horizontal rule of COLS columns. */
void draw_rule(WINDOW *w, int y, int x, int cols);

/* A box around the rectangle H lines by WD columns at (Y, X): its edges
 * are draw_line_cols() wide, and WD should be a multiple of it. */
void draw_box(WINDOW *w, int y, int x, int h, int wd);

/* Like draw_box, with TITLE (may be NULL) on the top edge. */
void draw_frame(WINDOW *w, int y, int x, int h, int wd, const char *title);

#endif
