/* io_xlsx.c - a register as an Excel workbook (io_xlsx.h), written with
 * libxlsxwriter.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "gettext.h"
#include "io_xlsx.h"
#include "store.h"
#include "text.h"
#include "validate.h"

#define MAX_COLUMNS 64
#define MAX_WIDTH 40            /* a column's width in characters, at most */

struct book {
	const struct io_table *t;
	const struct io_export_options *o;
	struct io_export_result *res;
	lxw_worksheet *ws;
	lxw_format *text, *cell;
	int width[MAX_COLUMNS];
	lxw_row_t row;
	bool failed;
	bool replaced;                  /* the row's text had characters replaced */
};

static void book_cell(struct book *b, lxw_col_t col, const struct field *f,
                      const char *v)
{
	/* what would act on a terminal or hide text (ESC, C1, bidi) is
	 * U+FFFD, as in the CSV export; tabs and lines stay */
	char *shown = text_replace_unsafe(v);
	int w;

	if (!shown) {
		b->failed = true;
		return;
	}
	/* digits Excel would make a number of: text cells ("@") */
	if (worksheet_write_string(b->ws, b->row, col, shown,
	                           f && (f->type == F_ID_NUMBER ||
	                                 f->type == F_PHONE) ? b->text : b->cell)
	    != LXW_NO_ERROR)
		b->failed = true;
	if (strcmp(shown, v) != 0)
		b->replaced = true;
	w = text_width(shown);
	if (col < MAX_COLUMNS && w > b->width[col])
		b->width[col] = w;
	free(shown);
}

static int book_row(void *ctx, const void *rec)
{
	struct book *b = ctx;
	lxw_col_t col = 0;

	b->row++;
	for (const struct field *f = b->t->store->fields; f->key; f++) {
		const char *v = FIELD_VALUE(rec, f);
		char masked[19];

		if (f->flags & FIELD_NO_FILE)
			continue;
		if (f->type == F_ID_NUMBER && b->o->mask_ids && *v) {
			valid_id_mask(v, masked);
			v = masked;
		}
		book_cell(b, col++, f, v);
	}
	b->res->records++;
	if (b->replaced) {
		/* the line of the sheet, as the CSV export names its line */
		b->res->replaced++;
		if (b->o->replaced)
			b->o->replaced(b->o->ctx, (unsigned long)b->row + 1,
			               io_label(b->t, rec));
		b->replaced = false;
	}
	return b->failed ? 1 : 0;
}

/* The sheet's print layout: A4 landscape, one page wide, the header row
 * on every page, the pages numbered at the foot. */
static void book_layout(struct book *b, const char *title, lxw_col_t ncols)
{
	char header[256];

	for (lxw_col_t c = 0; c < ncols && c < MAX_COLUMNS; c++)
		worksheet_set_column(b->ws, c, c,
		                     b->width[c] + 2 > MAX_WIDTH ? MAX_WIDTH :
		                     b->width[c] + 2, NULL);
	worksheet_freeze_panes(b->ws, 1, 0);
	worksheet_set_paper(b->ws, 9);          /* A4 */
	worksheet_set_landscape(b->ws);
	worksheet_set_margins(b->ws, 0.6, 0.6, 0.8, 0.8);
	worksheet_repeat_rows(b->ws, 0, 0);
	worksheet_fit_to_pages(b->ws, 1, 0);
	snprintf(header, sizeof header, "&C%s", title);
	worksheet_set_header(b->ws, header);
	worksheet_set_footer(b->ws, "&C第 &P 页 共 &N 页");
}

/* Copy the file at PATH to OUT. */
static int copy_out(const char *path, FILE *out)
{
	char buf[65536];
	FILE *in = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!in)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	return rc;
}

int io_export_xlsx(struct db *db, const struct io_table *t, const char *title,
                   FILE *out, const struct io_export_options *o,
                   struct io_export_result *res)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096], path[4200];
	struct book b;
	lxw_workbook *wb;
	lxw_format *head;
	lxw_col_t col = 0;
	int rc;

	memset(res, 0, sizeof *res);
	memset(&b, 0, sizeof b);
	b.t = t;
	b.o = o;
	b.res = res;
	/* a directory only we can read: the workbook holds personal data */
	snprintf(dir, sizeof dir, "%s/zhibu-xlsx.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		res->error = N_("the file could not be written");
		res->detail = strerror(errno);
		return -1;
	}
	snprintf(path, sizeof path, "%s/book.xlsx", dir);
	wb = workbook_new(path);
	b.ws = wb ? workbook_add_worksheet(wb, title) : NULL;
	if (!b.ws) {
		if (wb)
			workbook_close(wb);
		rmdir(dir);
		res->error = N_("out of memory");
		return -1;
	}
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_bg_color(head, 0xE6E6E6);
	b.cell = workbook_add_format(wb);
	format_set_border(b.cell, LXW_BORDER_THIN);
	b.text = workbook_add_format(wb);
	format_set_border(b.text, LXW_BORDER_THIN);
	format_set_num_format_index(b.text, 49);  /* "@": text */
	for (const struct field *f = t->store->fields; f->key; f++) {
		if (f->flags & FIELD_NO_FILE)
			continue;
		worksheet_write_string(b.ws, 0, col, f->header, head);
		if (col < MAX_COLUMNS)
			b.width[col] = text_width(f->header);
		col++;
	}
	rc = io_each(db, t, o->filter, book_row, &b);
	book_layout(&b, title, col);
	if (workbook_close(wb) != LXW_NO_ERROR && rc == 0)
		b.failed = true;
	if (rc == 0 && !b.failed && copy_out(path, out) < 0) {
		res->error = N_("the file could not be written");
		res->detail = strerror(errno);
		rc = -1;
	} else if (rc == 1 || b.failed) {
		res->error = N_("the file could not be written");
		rc = -1;
	} else if (rc != 0) {
		res->error = N_("the database could not be read");
		res->detail = db_errmsg(db);
		rc = -1;
	}
	unlink(path);
	rmdir(dir);
	return rc;
}
