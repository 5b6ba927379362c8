/* report_pdf.c - printed ledgers as PDF (report_pdf.h).
 *
 * A part is read whole into memory first (the rows' cells as they will
 * be printed), then every part is laid out (column widths, the orientation,
 * each row's height, where the pages break) on the PDF surface's own
 * context, so that the number of pages is known before the first footer
 * names it; then the pages are drawn.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "field.h"
#include "gettext.h"
#include "report_pdf.h"
#include "store.h"
#include "validate.h"

/* Sizes in points (1/72 in). */
#define A4_SHORT 595.276
#define A4_LONG 841.890
#define MARGIN 51.024           /* 18 mm: past any printer's edge */
#define TEXT_SIZE 9.0           /* the cells */
#define HEAD_SIZE 9.0           /* the column headings, bold */
#define TITLE_SIZE 15.0
#define SMALL_SIZE 8.0          /* branch, date, footer */
#define MONO_SIZE 10.5          /* lines of text: 80 columns in 441 pt */
#define MONO_LINE 14.0
#define PAD_X 3.0
#define PAD_Y 2.0
#define TOP (MARGIN + 40.0)     /* below the title and the branch line */
#define FOOT 18.0               /* the footer's room above the margin */
#define FLEX_COLUMNS 16         /* a column "the rest of the line" wants */
#define FLEX_MIN 8              /* and needs */
#define MAX_COLS 32

struct report_pdf_part {
	char *title;
	char head[DB_AUDIT_HEAD_SIZE];  /* the change log's, for the footer */
	int ncols;                      /* 0: lines of text */
	struct report_column cols[MAX_COLS];
	char *headings[MAX_COLS];
	char **cells;                   /* nrows x ncols (or nrows lines) */
	size_t nrows, ncells, cap;
	/* what the report's under hook prints under each row (NULL: none),
	 * across the table; NULL when it has none */
	char **under;
	size_t under_cap;
	double *under_h;
	/* laid out */
	bool landscape;
	double x[MAX_COLS + 1];         /* the columns' edges */
	double head_h;
	double *row_h;
	size_t *start;                  /* first row of each page, and nrows */
	unsigned pages, first;          /* its first page in the document */
};

struct doc {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;
	const struct report_options *o;
	FILE *out;
	unsigned page, pages;
	double w, h;
	bool write_failed;
};

/* --- parts ---------------------------------------------------------------- */

static int part_add(struct report_pdf_part *p, char *s)
{
	if (!s)
		return -1;
	if (p->ncells == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		char **c = realloc(p->cells, cap * sizeof *c);

		if (!c) {
			free(s);
			return -1;
		}
		p->cells = c;
		p->cap = cap;
	}
	p->cells[p->ncells++] = s;
	return 0;
}

void report_pdf_part_free(struct report_pdf_part *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->ncells; i++)
		free(p->cells[i]);
	for (int i = 0; i < p->ncols; i++)
		free(p->headings[i]);
	free(p->cells);
	for (size_t i = 0; p->under && i < p->nrows; i++)
		free(p->under[i]);
	free(p->under);
	free(p->under_h);
	free(p->row_h);
	free(p->start);
	free(p->title);
	free(p);
}

const char *report_pdf_title(const struct report_pdf_part *p)
{
	return p->title;
}

struct report_pdf_part *report_pdf_lines(const char *title, char *const *lines,
                                         int n, const char *head)
{
	struct report_pdf_part *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->title = text_sanitize(title);
	snprintf(p->head, sizeof p->head, "%s", head ? head : "");
	for (int i = 0; i < n; i++) {
		if (part_add(p, text_sanitize(lines[i])) < 0) {
			report_pdf_part_free(p);
			return NULL;
		}
		p->nrows++;
	}
	if (!p->title) {
		report_pdf_part_free(p);
		return NULL;
	}
	return p;
}

struct collect {
	struct report_pdf_part *p;
	const struct report_options *o;
	struct db *db;
	const struct report_def *d;
	const struct field *field[MAX_COLS];
	unsigned long number;
	bool failed;
};

/* What the report's under hook prints under the row being collected
 * (kept as the row's, NULL when it says nothing). */
static void collect_under(struct collect *c, const void *rec)
{
	struct report_pdf_part *p = c->p;
	char *text = malloc(REPORT_UNDER);

	if (p->nrows == p->under_cap) {
		size_t cap = p->under_cap ? p->under_cap * 2 : 256;
		char **u = realloc(p->under, cap * sizeof *u);

		if (!u) {
			free(text);
			c->failed = true;
			return;
		}
		p->under = u;
		p->under_cap = cap;
	}
	p->under[p->nrows] = NULL;
	if (!text) {
		c->failed = true;
		return;
	}
	text[0] = '\0';
	c->d->under(c->db, rec, c->o->date, text, REPORT_UNDER);
	if (text[0] && !(p->under[p->nrows] = text_sanitize_lines(text)))
		c->failed = true;
	free(text);
}

/* A row's cells as printed: the row's number, the values shown safe, the
 * ID number masked unless asked whole (as on the text's pages). */
static int collect_row(void *ctx, const void *rec)
{
	struct collect *c = ctx;
	char buf[32];

	c->number++;
	for (int i = 0; i < c->p->ncols && !c->failed; i++) {
		const struct field *f = c->field[i];
		const char *v = buf;

		if (!f) {
			snprintf(buf, sizeof buf, "%lu", c->number);
		} else {
			v = FIELD_VALUE(rec, f);
			if (f->type == F_ID_NUMBER && !c->o->full_id && *v) {
				char m[19];

				valid_id_mask(v, m);
				snprintf(buf, sizeof buf, "%s", m);
				v = buf;
			}
		}
		if (part_add(c->p, text_sanitize(v)) < 0)
			c->failed = true;
	}
	if (!c->failed && c->d && c->d->under)
		collect_under(c, rec);
	if (!c->failed)
		c->p->nrows++;
	return c->failed ? 1 : 0;
}

/* The columns of D with their fields; -1 if one names no field. */
static int part_columns(struct report_pdf_part *p, struct collect *c,
                        const struct report_def *d)
{
	for (int i = 0; d->columns[i].key; i++) {
		const struct report_column *col = &d->columns[i];
		const char *h = col->heading;

		if (i >= MAX_COLS)
			return -1;
		if (report_column_field(d, i, &c->field[i]) < 0)
			return -1;
		if (c->field[i] && !h)
			h = c->field[i]->header;
		p->cols[i] = *col;
		/* a name, and what is read digit by digit (an ID number, a
		 * phone, a date, a time), is never broken: set smaller */
		if (c->field[i] && (c->field[i]->type == F_NAME ||
		                    c->field[i]->type == F_DATE ||
		                    c->field[i]->type == F_ID_NUMBER ||
		                    c->field[i]->type == F_PHONE ||
		                    c->field[i]->type == F_TIME))
			p->cols[i].whole = true;
		p->headings[i] = strdup(h ? h : "");
		p->ncols = i + 1;
		if (!p->headings[i])
			return -1;
	}
	return p->ncols > 0 ? 0 : -1;
}

struct report_pdf_part *report_pdf_table(struct db *db, const struct report_def *d,
                                         const struct report_options *o,
                                         struct report_result *res)
{
	struct report_pdf_part *p = calloc(1, sizeof *p);
	struct collect c = { p, o, db, d, { NULL }, 0, false };
	sqlite3 *h = db_handle(db);
	bool own_tx = sqlite3_get_autocommit(h) != 0;
	int rc;

	memset(res, 0, sizeof *res);
	if (!p || !(p->title = report_title(db, d, o->filter)) || part_columns(p, &c, d) < 0) {
		res->error = N_("the report's layout does not fit the page");
		report_pdf_part_free(p);
		return NULL;
	}
	/* the rows and the footer's head from one snapshot */
	if (own_tx && sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		res->error = N_("the database could not be read");
		res->detail = sqlite3_errmsg(h);
		report_pdf_part_free(p);
		return NULL;
	}
	db_long_read(db, true);
	if (db_audit_head(db, p->head) != DB_OK)
		p->head[0] = '\0';
	rc = io_each(db, d->table, o->filter, collect_row, &c);
	db_long_read(db, false);
	if (own_tx)
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	res->records = c.number;
	if (rc == 1 || c.failed) {
		res->error = N_("out of memory");
	} else if (rc != 0) {
		res->error = N_("the database could not be read");
		res->detail = db_errmsg(db);
	} else {
		return p;
	}
	report_pdf_part_free(p);
	return NULL;
}

/* --- text on the page ------------------------------------------------------ */

/* Set the layout to S in FAMILIES at SIZE; WIDTH > 0 wraps it to that
 * width (between characters where no word break fits), else one line. */
static void text_set(struct doc *d, const char *s, const char *families,
                     double size, bool bold, double width, PangoAlignment align)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, families);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	                                  PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(d->layout, fd);
	pango_font_description_free(fd);
	pango_layout_set_wrap(d->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(d->layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_alignment(d->layout, align);
	pango_layout_set_text(d->layout, s, -1);
}

static void text_extent(struct doc *d, double *w, double *h)
{
	int pw, ph;

	pango_layout_get_size(d->layout, &pw, &ph);
	if (w)
		*w = (double)pw / PANGO_SCALE;
	if (h)
		*h = (double)ph / PANGO_SCALE;
}

static void text_draw(struct doc *d, double x, double y)
{
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, d->layout);
}

/* S in FAMILIES at SIZE with its left edge (ALIGN left), centre or right
 * edge at X, its top at Y. */
static void text_put(struct doc *d, const char *s, double size, bool bold,
                     double x, double y, PangoAlignment align)
{
	double w;

	text_set(d, s, REPORT_PDF_FONTS, size, bold, 0, PANGO_ALIGN_LEFT);
	text_extent(d, &w, NULL);
	if (align == PANGO_ALIGN_CENTER)
		x -= w / 2;
	else if (align == PANGO_ALIGN_RIGHT)
		x -= w;
	text_draw(d, x, y);
}

/* Cell C of a row holding S, laid out in its column: a name (whole) on
 * one line, set smaller when it is wider than the cell, never broken;
 * other values wrapped inside the cell.  Its height. */
static double cell_set(struct doc *d, const struct report_pdf_part *p, int c,
                       const char *s, bool heading)
{
	double room = p->x[c + 1] - p->x[c] - 2 * PAD_X, w, h;
	PangoAlignment align = p->cols[c].right && !heading ? PANGO_ALIGN_RIGHT :
	                       PANGO_ALIGN_LEFT;

	if (p->cols[c].whole && !heading) {
		text_set(d, s, REPORT_PDF_FONTS, TEXT_SIZE, false, 0, align);
		text_extent(d, &w, NULL);
		if (w > room)
			text_set(d, s, REPORT_PDF_FONTS, TEXT_SIZE * room / w * 0.999,
			         false, 0, align);
		text_extent(d, NULL, &h);
		return h;
	}
	text_set(d, s, REPORT_PDF_FONTS, heading ? HEAD_SIZE : TEXT_SIZE, heading,
	         room, align);
	text_extent(d, NULL, &h);
	return h;
}

/* --- layout --------------------------------------------------------------- */

static double page_width(bool landscape)
{
	return landscape ? A4_LONG : A4_SHORT;
}

static double page_height(bool landscape)
{
	return landscape ? A4_SHORT : A4_LONG;
}

/* Where the body of a page ends: the footer is below. */
static double body_bottom(bool landscape)
{
	return page_height(landscape) - MARGIN - FOOT;
}

/* The columns' widths from their widths in display columns (a digit's
 * width each); portrait if they fit across it, else landscape.  The
 * column that takes the rest of the line takes what is left, down to
 * FLEX_MIN columns; when even that is too wide, every column is narrowed
 * alike. */
static void part_columns_fit(struct doc *d, struct report_pdf_part *p)
{
	double unit, want[MAX_COLS], total = 0, room, scale = 1, extra = 0;
	int flex = -1;

	text_set(d, "0000000000", REPORT_PDF_FONTS, TEXT_SIZE, false, 0,
	         PANGO_ALIGN_LEFT);
	text_extent(d, &unit, NULL);
	unit /= 10;
	for (int i = 0; i < p->ncols; i++) {
		int cols = p->cols[i].width > 0 ? p->cols[i].width : FLEX_COLUMNS;

		if (p->cols[i].width <= 0 && flex < 0)
			flex = i;
		want[i] = cols * unit + 2 * PAD_X;
		total += want[i];
	}
	p->landscape = total > A4_SHORT - 2 * MARGIN;
	room = page_width(p->landscape) - 2 * MARGIN;
	if (flex >= 0 && total > room &&
	    total - room <= (FLEX_COLUMNS - FLEX_MIN) * unit)
		extra = room - total;   /* the rest of the line gives way */
	else if (total > room)
		scale = room / total;
	else if (flex >= 0)
		extra = room - total;
	p->x[0] = MARGIN;
	for (int i = 0; i < p->ncols; i++)
		p->x[i + 1] = p->x[i] + want[i] * scale + (i == flex ? extra : 0);
}

/* Each row's height and where the pages break. */
static int part_layout(struct doc *d, struct report_pdf_part *p)
{
	double room, used = 0;
	unsigned pages = 1;

	p->row_h = calloc(p->nrows + 1, sizeof *p->row_h);
	p->under_h = calloc(p->nrows + 1, sizeof *p->under_h);
	p->start = calloc(p->nrows + 2, sizeof *p->start);
	if (!p->row_h || !p->under_h || !p->start)
		return -1;
	if (p->ncols == 0) {
		p->landscape = false;
		room = body_bottom(false) - TOP;
		for (size_t r = 0; r < p->nrows; r++)
			p->row_h[r] = MONO_LINE;
	} else {
		part_columns_fit(d, p);
		p->head_h = 0;
		for (int c = 0; c < p->ncols; c++) {
			double h = cell_set(d, p, c, p->headings[c], true);

			if (h > p->head_h)
				p->head_h = h;
		}
		p->head_h += 2 * PAD_Y;
		room = body_bottom(p->landscape) - TOP - p->head_h;
		for (size_t r = 0; r < p->nrows; r++) {
			for (int c = 0; c < p->ncols; c++) {
				double h = cell_set(d, p, c,
				                    p->cells[r * (size_t)p->ncols + (size_t)c],
				                    false);

				if (h > p->row_h[r])
					p->row_h[r] = h;
			}
			p->row_h[r] += 2 * PAD_Y;
			if (p->under && p->under[r]) {
				text_set(d, p->under[r], REPORT_PDF_FONTS, TEXT_SIZE, false,
				         p->x[p->ncols] - p->x[0] - 2 * PAD_X, PANGO_ALIGN_LEFT);
				text_extent(d, NULL, &p->under_h[r]);
				p->under_h[r] += 2 * PAD_Y;
				p->row_h[r] += p->under_h[r];
			}
		}
	}
	/* a row never splits across pages (one taller than a page runs
	 * past its foot) */
	p->start[0] = 0;
	for (size_t r = 0; r < p->nrows; r++) {
		if (used > 0 && used + p->row_h[r] > room) {
			p->start[pages++] = r;
			used = 0;
		}
		used += p->row_h[r];
	}
	p->start[pages] = p->nrows;
	p->pages = pages;
	return 0;
}

/* --- pages ---------------------------------------------------------------- */

static void page_open(struct doc *d, bool landscape)
{
	if (d->page > 0)
		cairo_show_page(d->cr);
	d->w = page_width(landscape);
	d->h = page_height(landscape);
	cairo_pdf_surface_set_size(d->surface, d->w, d->h);
	d->page++;
}

/* "2026年6月15日" */
static void chinese_date(const char *iso, char out[32])
{
	int y, m, dd;

	if (iso && sscanf(iso, "%d-%d-%d", &y, &m, &dd) == 3)
		snprintf(out, 32, "%d年%d月%d日", y, m, dd);
	else
		out[0] = '\0';
}

/* 第 N 页 共 M 页 in the middle, the change log's head HEAD flush right
 * (as report_footer has it on the text's pages). */
static void page_footer(struct doc *d, const char *head)
{
	char number[64], mark[64];
	const char *colon = head ? strchr(head, ':') : NULL;
	double y = d->h - MARGIN - SMALL_SIZE * 1.5;

	snprintf(number, sizeof number, "第 %u 页 共 %u 页", d->page, d->pages);
	text_put(d, number, SMALL_SIZE, false, d->w / 2, y, PANGO_ALIGN_CENTER);
	if (!head)
		return;
	if (colon)
		snprintf(mark, sizeof mark, "变更日志 %.*s:%.*s", (int)(colon - head),
		         head, REPORT_HEAD_HEX, colon + 1);
	else
		snprintf(mark, sizeof mark, "变更日志 ?");
	text_put(d, mark, SMALL_SIZE, false, d->w - MARGIN, y, PANGO_ALIGN_RIGHT);
}

/* The title, the branch and the date, and the footer. */
static void page_frame(struct doc *d, const char *title, const char *head)
{
	char date[64] = "", made[32], branch[600] = "";

	text_put(d, title, TITLE_SIZE, true, d->w / 2, MARGIN, PANGO_ALIGN_CENTER);
	chinese_date(d->o->date, made);
	if (*made)
		snprintf(date, sizeof date, "制表日期：%s", made);
	text_put(d, date, SMALL_SIZE, false, d->w - MARGIN, MARGIN + 24,
	         PANGO_ALIGN_RIGHT);
	if (d->o->branch && *d->o->branch) {
		char *s = text_sanitize(d->o->branch);

		if (s)
			snprintf(branch, sizeof branch, "支部：%s", s);
		free(s);
	}
	if (*branch) {
		double dw;

		text_set(d, date, REPORT_PDF_FONTS, SMALL_SIZE, false, 0, PANGO_ALIGN_LEFT);
		text_extent(d, &dw, NULL);
		/* a long name wraps before the date */
		text_set(d, branch, REPORT_PDF_FONTS, SMALL_SIZE, false,
		         d->w - 2 * MARGIN - dw - 12, PANGO_ALIGN_LEFT);
		text_draw(d, MARGIN, MARGIN + 24);
	}
	page_footer(d, head);
}

static void rule_row(struct doc *d, const struct report_pdf_part *p, double y,
                     double h, bool shade)
{
	double x0 = p->x[0], x1 = p->x[p->ncols];

	if (shade) {
		cairo_set_source_rgb(d->cr, 0.9, 0.9, 0.9);
		cairo_rectangle(d->cr, x0, y, x1 - x0, h);
		cairo_fill(d->cr);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
	}
	cairo_set_line_width(d->cr, 0.5);
	cairo_rectangle(d->cr, x0, y, x1 - x0, h);
	for (int c = 1; c < p->ncols; c++) {
		cairo_move_to(d->cr, p->x[c], y);
		cairo_line_to(d->cr, p->x[c], y + h);
	}
	cairo_stroke(d->cr);
}

/* Page PAGE (from 0) of a table: the headings, then its rows in ruled
 * cells. */
static void table_page(struct doc *d, const struct report_pdf_part *p,
                       unsigned page)
{
	double y = TOP;

	rule_row(d, p, y, p->head_h, true);
	for (int c = 0; c < p->ncols; c++) {
		cell_set(d, p, c, p->headings[c], true);
		text_draw(d, p->x[c] + PAD_X, y + PAD_Y);
	}
	y += p->head_h;
	if (p->nrows == 0)
		text_put(d, "（无记录）", TEXT_SIZE, false, d->w / 2, y + 12,
		         PANGO_ALIGN_CENTER);
	for (size_t r = p->start[page]; r < p->start[page + 1]; r++) {
		double uh = p->under_h[r];

		rule_row(d, p, y, p->row_h[r] - uh, false);
		if (uh > 0) {
			/* across the row's cells, in a box of its own */
			cairo_set_line_width(d->cr, 0.5);
			cairo_rectangle(d->cr, p->x[0], y + p->row_h[r] - uh,
			                p->x[p->ncols] - p->x[0], uh);
			cairo_stroke(d->cr);
			text_set(d, p->under[r], REPORT_PDF_FONTS, TEXT_SIZE, false,
			         p->x[p->ncols] - p->x[0] - 2 * PAD_X, PANGO_ALIGN_LEFT);
			text_draw(d, p->x[0] + PAD_X, y + p->row_h[r] - uh + PAD_Y);
		}
		for (int c = 0; c < p->ncols; c++) {
			const char *s = p->cells[r * (size_t)p->ncols + (size_t)c];

			if (!*s)
				continue;
			cell_set(d, p, c, s, false);
			text_draw(d, p->x[c] + PAD_X, y + PAD_Y);
		}
		y += p->row_h[r];
	}
}

/* Page PAGE (from 0) of lines of text, in a fixed-width font so that
 * their columns stand as laid out. */
static void lines_page(struct doc *d, const struct report_pdf_part *p,
                       unsigned page)
{
	double y = TOP;

	for (size_t r = p->start[page]; r < p->start[page + 1]; r++) {
		text_set(d, p->cells[r], REPORT_PDF_MONO_FONTS, MONO_SIZE, false, 0,
		         PANGO_ALIGN_LEFT);
		text_draw(d, (d->w - 80 * MONO_SIZE / 2) / 2, y);
		y += MONO_LINE;
	}
}

static void part_draw(struct doc *d, const struct report_pdf_part *p)
{
	for (unsigned i = 0; i < p->pages; i++) {
		page_open(d, p->landscape);
		page_frame(d, p->title, p->head);
		if (p->ncols)
			table_page(d, p, i);
		else
			lines_page(d, p, i);
	}
}

/* The whole 台帐's first page: the branch, the period and the date. */
static void cover_draw(struct doc *d, const char *period)
{
	char made[32], line[96];
	double y;

	page_open(d, false);
	y = d->h * 0.3;
	if (d->o->branch && *d->o->branch) {
		char *s = text_sanitize(d->o->branch);
		double h1, h;

		/* a long name wraps inside the margins, centred, and what
		 * follows moves down by its lines after the first */
		if (s) {
			text_set(d, "支", REPORT_PDF_FONTS, 20, true, 0, PANGO_ALIGN_CENTER);
			text_extent(d, NULL, &h1);
			text_set(d, s, REPORT_PDF_FONTS, 20, true, d->w - 2 * MARGIN,
			         PANGO_ALIGN_CENTER);
			text_extent(d, NULL, &h);
			text_draw(d, MARGIN, y);
			y += h - h1;
		}
		free(s);
	}
	text_put(d, "党支部工作台帐", 30, true, d->w / 2, y + 50, PANGO_ALIGN_CENTER);
	text_put(d, period, 14, false, d->w / 2, y + 160, PANGO_ALIGN_CENTER);
	chinese_date(d->o->date, made);
	snprintf(line, sizeof line, "制表日期：%s", made);
	text_put(d, line, 14, false, d->w / 2, y + 190, PANGO_ALIGN_CENTER);
}

/* 目录: each part's title and its first page. */
static void contents_draw(struct doc *d, struct report_pdf_part *const *parts,
                          int n, const char *head)
{
	double y = TOP + 20, left = MARGIN + 40, right;

	page_open(d, false);
	right = d->w - MARGIN - 40;
	text_put(d, "目  录", TITLE_SIZE, true, d->w / 2, MARGIN, PANGO_ALIGN_CENTER);
	for (int i = 0; i < n; i++) {
		char num[16];
		double tw, nw;

		snprintf(num, sizeof num, "%u", parts[i]->first);
		text_set(d, parts[i]->title, REPORT_PDF_FONTS, 12, false, 0,
		         PANGO_ALIGN_LEFT);
		text_extent(d, &tw, NULL);
		text_draw(d, left, y);
		text_set(d, num, REPORT_PDF_FONTS, 12, false, 0, PANGO_ALIGN_LEFT);
		text_extent(d, &nw, NULL);
		text_draw(d, right - nw, y);
		/* dots from the title to its page */
		cairo_save(d->cr);
		cairo_set_line_width(d->cr, 0.8);
		cairo_set_dash(d->cr, (const double[]){ 0.8, 3.2 }, 2, 0);
		cairo_move_to(d->cr, left + tw + 6, y + 11);
		cairo_line_to(d->cr, right - nw - 6, y + 11);
		cairo_stroke(d->cr);
		cairo_restore(d->cr);
		y += 26;
	}
	page_footer(d, head);
}

/* --- the document ------------------------------------------------------- */

static cairo_status_t write_out(void *closure, const unsigned char *data,
                                unsigned int length)
{
	struct doc *d = closure;

	if (fwrite(data, 1, length, d->out) != length) {
		d->write_failed = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static int doc_open(struct doc *d, const struct report_options *o, FILE *out,
                    const char *title)
{
	cairo_font_options_t *fo;
	char when[32];

	memset(d, 0, sizeof *d);
	d->o = o;
	d->out = out;
	d->surface = cairo_pdf_surface_create_for_stream(write_out, d, A4_SHORT,
	                                                 A4_LONG);
	if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS)
		return -1;
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR,
	                               PACKAGE_NAME);
	/* the day of the report, not the moment: the same report is the
	 * same file, from the command line or from the screens */
	if (o->date && strlen(o->date) == 10) {
		snprintf(when, sizeof when, "%sT00:00:00", o->date);
		cairo_pdf_surface_set_metadata(d->surface,
		                               CAIRO_PDF_METADATA_CREATE_DATE, when);
	}
	d->cr = cairo_create(d->surface);
	d->layout = pango_cairo_create_layout(d->cr);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pango_layout_get_context(d->layout), fo);
	cairo_font_options_destroy(fo);
	/* glyphs where the font puts them: rounded to whole points, a Han
	 * character of 10.5 pt would be 11 and the fixed-width columns drift */
	pango_context_set_round_glyph_positions(pango_layout_get_context(d->layout),
	                                        FALSE);
	pango_layout_context_changed(d->layout);
	return cairo_status(d->cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

static int doc_close(struct doc *d)
{
	int rc = 0;

	if (d->layout)
		g_object_unref(d->layout);
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->surface) {
		cairo_surface_finish(d->surface);
		if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS)
			rc = -1;
		cairo_surface_destroy(d->surface);
	}
	return rc < 0 || d->write_failed ? -1 : 0;
}

int report_pdf_write(struct report_pdf_part *const *parts, int n, const char *period,
                     const struct report_options *o, FILE *out,
                     struct report_result *res)
{
	struct doc d;
	const char *head = n > 0 ? parts[0]->head : NULL;
	int rc = 0;

	res->pages = 0;
	if (doc_open(&d, o, out, period || n < 1 ? "党支部工作台帐" :
	             parts[0]->title) < 0) {
		doc_close(&d);
		res->error = N_("out of memory");
		return -1;
	}
	d.pages = period ? 2 : 0;
	for (int i = 0; i < n && rc == 0; i++) {
		rc = part_layout(&d, parts[i]);
		parts[i]->first = d.pages + 1;
		d.pages += parts[i]->pages;
	}
	if (rc == 0 && period) {
		cover_draw(&d, period);
		contents_draw(&d, parts, n, head);
	}
	for (int i = 0; i < n && rc == 0; i++)
		part_draw(&d, parts[i]);
	if (rc < 0)
		res->error = N_("out of memory");
	if (doc_close(&d) < 0 && rc == 0) {
		res->error = N_("the report could not be written");
		rc = -1;
	}
	res->pages = d.pages;
	return rc;
}

int report_pdf_one(struct report_pdf_part *p, const struct report_options *o,
                   FILE *out, struct report_result *res)
{
	unsigned long records = res->records;
	int rc;

	if (!p)
		return -1;
	rc = report_pdf_write(&p, 1, NULL, o, out, res);
	res->records = records;
	report_pdf_part_free(p);
	return rc;
}

int report_pdf(struct db *db, const struct report_def *d,
               const struct report_options *o, FILE *out,
               struct report_result *res)
{
	return report_pdf_one(report_pdf_table(db, d, o, res), o, out, res);
}
