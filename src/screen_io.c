/* screen_io.c - 导入导出 on screen: import a roster from a spreadsheet's
 * CSV (preview, check, import, the rejected rows to review), export and
 * print what a list shows.  The work is io.c's and report.c's; this file
 * asks and shows. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "cli.h"
#include "draw.h"
#include "gettext.h"
#include "io.h"
#include "io_xlsx.h"
#include "outfile.h"
#include "reg.h"
#include "report.h"
#include "query.h"
#include "screen_reg.h"
#include "screens.h"
#include "store.h"
#include "text.h"
#include "validate.h"

#define MAX_FILE (64L * 1024 * 1024)

/* ---- asking for a file, with Tab completion --------------------------- */

/* Complete the last part of PATH (size SIZE) in place from its directory's
 * entries: to the longest common prefix; the candidates, when several,
 * into SHOWN. */
static void complete_path(char *path, size_t size, char *shown, size_t shownsz)
{
	char dir[4096], prefix[1024], common[1024] = "";
	const char *slash = strrchr(path, '/');
	struct dirent *e;
	size_t plen, slen = 0;
	int matches = 0;
	DIR *d;

	shown[0] = 0;
	if (slash) {
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path + 1), path);
		snprintf(prefix, sizeof prefix, "%s", slash + 1);
	} else {
		snprintf(dir, sizeof dir, "./");
		snprintf(prefix, sizeof prefix, "%s", path);
	}
	plen = strlen(prefix);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t i;

		if (strncmp(e->d_name, prefix, plen) != 0 ||
		    (e->d_name[0] == '.' && prefix[0] != '.'))
			continue;
		if (matches++ == 0) {
			snprintf(common, sizeof common, "%s", e->d_name);
		} else {
			for (i = 0; common[i] && common[i] == e->d_name[i]; i++)
				;
			common[i] = 0;
		}
		if (slen + strlen(e->d_name) + 3 < shownsz) {
			slen += (size_t)snprintf(shown + slen, shownsz - slen, "%s  ",
			                         e->d_name);
		}
	}
	closedir(d);
	if (matches == 0)
		return;
	/* Cut the common prefix back to a whole UTF-8 character. */
	{
		size_t n = strlen(common);

		while (n > plen && !text_utf8_valid(common, n))
			n--;
		common[n] = 0;
	}
	snprintf(path, size, "%s%s", slash ? dir : "", common);
	if (matches == 1) {
		struct stat st;

		shown[0] = 0;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
		    strlen(path) + 1 < size)
			strcat(path, "/");
	}
}

/* Ask for a file's path on the message line; Tab completes it. */
static bool ask_path(const char *prompt, char *path, size_t size)
{
	return ui_ask_complete(prompt, path, size, complete_path,
	                       _(" Tab completes the name  Enter takes it  Esc cancels")) &&
	       path[0] != 0;
}

/* Ask for the path of a file to write; a directory, a link or a device
 * in its place is refused at once, before anything else is asked. */
static bool ask_output_path(const char *prompt, char *path, size_t size)
{
	int e;

	if (!ask_path(prompt, path, size))
		return false;
	e = outfile_check(path);
	if (e == EISDIR)
		ui_error(_("%s is a directory; name a file to write (in it or elsewhere)."),
		         path);
	else if (e)
		ui_error(_("%s: %s"), path, _(outfile_strerror(e)));
	return e == 0;
}

/* Read a whole file (at most MAX_FILE bytes); NULL with a message.  Only
 * a regular file: opening a named pipe for reading would wait for a
 * writer, and the screens with it, so nothing waits in the open and the
 * kind of file is looked at before anything is read. */
static char *read_file(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	ssize_t got;
	size_t n = 0;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0) {
		ui_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		ui_error(_("%s is not a file but a pipe, a device or a directory: zhibu imports CSV files only"),
		         path);
		close(fd);
		return NULL;
	}
	if (st.st_size > MAX_FILE) {
		ui_error(_("%s: not a file zhibu can import (a CSV file of at most 64 MB)"),
		         path);
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return NULL;
	}
	while (n < (size_t)st.st_size &&
	       (got = read(fd, buf + n, (size_t)st.st_size - n)) > 0)
		n += (size_t)got;
	close(fd);
	buf[n] = 0;
	*len = n;
	return buf;
}

/* ---- import ------------------------------------------------------------ */

struct import_view {
	struct ui_lines page;           /* the notices, put under the summary */
	struct ui_lines problems;       /* the rejected rows, under their heading */
	size_t size;                    /* of the file */
	bool dry;                       /* a check only */
	const struct reg_words *words;  /* of the register imported into */
};

/* How far the import is, on the message line. */
static void import_progress(void *ctx, const struct io_progress *p)
{
	struct import_view *v = ctx;
	int pct = io_percent(p->bytes, v->size);

	if (p->phase == IO_FINISHING)
		ui_message(_("Importing: %lu rows read; indexing and saving..."), p->rows);
	else if (v->dry)
		ui_message(_("Checking: %d%%, %lu rows"), pct < 0 ? 0 : pct, p->rows);
	else
		ui_message(_("Importing: %d%%, %lu rows"), pct < 0 ? 0 : pct, p->rows);
	ui_message_draw();
	refresh();
}

static void import_problem(void *ctx, const struct io_problem *p)
{
	struct import_view *v = ctx;
	const char *field = p->field ? _(p->field->label) : p->key ? p->key : "";

	if (p->first_line)
		ui_lines_add(&v->problems, _("line %lu: %s: %s (as on line %lu)"), p->line,
		             field, _(p->reason), p->first_line);
	else
		ui_lines_add(&v->problems, _("line %lu: %s: %s"), p->line, field,
		             _(p->reason));
}

/* A field as the screen names it. */
static const char *field_label(const struct field *f)
{
	return f ? _(f->label) : "";
}

static void import_notice(void *ctx, const struct io_notice *n)
{
	struct import_view *v = ctx;
	char line[1024];

	switch (n->kind) {
	case IO_UNKNOWN_COLUMN:
		reg_say(line, sizeof line, v->words->not_a_field, n->column, n->text);
		ui_lines_add(&v->page, "%s", line);
		break;
	case IO_DUPLICATE_COLUMN:
		ui_lines_add(&v->page, _("Columns %u and %u are both \"%s\"."), n->column,
		             n->other, _(n->field->label));
		break;
	case IO_MISSING_COLUMN:
		ui_lines_add(&v->page, _("The file has no column \"%s\" (%s)."),
		             n->field->header, _(n->field->label));
		break;
	case IO_NEW_GROUP:
		if (v->dry)
			ui_lines_add(&v->page, _("Party group \"%s\" is new: it would be created."),
			             n->text);
		else
			ui_lines_add(&v->page, _("Party group \"%s\" is new: it is created."),
			             n->text);
		break;
	case IO_COLUMN_BY_VALUES:
		ui_lines_add(&v->page, _("Column %u \"%s\" is read as %s: its values are of that field."),
		             n->column, n->text, field_label(n->field));
		break;
	case IO_COLUMN_BY_HAND:
		if (n->field)
			ui_lines_add(&v->page, _("Column %u \"%s\" is read as %s, as assigned by hand."),
			             n->column, n->text, field_label(n->field));
		else
			ui_lines_add(&v->page, _("Column %u \"%s\" is left out, as assigned by hand."),
			             n->column, n->text);
		break;
	case IO_COLUMN_SHADOWED:
		ui_lines_add(&v->page, _("Column %u \"%s\" would be %s too, which column %u gives; it is left out."),
		             n->column, n->text, field_label(n->field), n->other);
		break;
	case IO_MAP_UNUSED:
		ui_lines_add(&v->page, _("No column \"%s\" in the file."), n->text);
		break;
	case IO_MONTH_DATES:
		if (v->dry)
			ui_lines_add(&v->page, ngettext("%s: %lu date is given only to the month; it would be stored on %s.",
			                               "%s: %lu dates are given only to the month; they would be stored on %s.",
			                               n->count),
			             field_label(n->field), n->count, _(n->text));
		else
			ui_lines_add(&v->page, ngettext("%s: %lu date was given only to the month; it is stored on %s.",
			                               "%s: %lu dates were given only to the month; they are stored on %s.",
			                               n->count),
			             field_label(n->field), n->count, _(n->text));
		if (n->guessed)
			ui_lines_add(&v->page, "%s", _(v->words->correct_days));
		break;
	}
}

/* Lines of text to read, scrolled with the usual keys; Enter, q or Esc
 * go on (the page is read, not answered). */
static void import_page(struct app *app, const char *title, struct ui_lines *l)
{
	/* Enter goes on, as from every page that is only read */
	ui_page(app, title, (const char *const *)l->v, l->n);
}

/* What the preview knows of the file: its columns and a few values of
 * each, ID numbers masked (they are not shown whole outside the form). */
struct preview {
	const struct reg *reg;          /* the register read into */
	const struct io_table *t;       /* its import */
	struct io_columns cols;
	char **samples;                 /* per column, "v1  v2", sanitized */
	unsigned long rows;
	enum text_encoding encoding;
};

static void preview_free(struct preview *pv)
{
	for (size_t i = 0; pv->samples && i < pv->cols.n; i++)
		free(pv->samples[i]);
	free(pv->samples);
	io_columns_free(&pv->cols);
}

/* A cell as the preview shows it: anything that is an ID number, or sits
 * in the ID number's column, masked. */
static void sample_add(char **sample, const char *cell, bool id_column)
{
	char id[19], masked[19], *shown, *n;
	const char *v = cell;
	size_t len = *sample ? strlen(*sample) : 0;

	if (!*cell || len > 120)
		return;
	if (valid_id_number(cell, id, NULL) == NULL) {
		valid_id_mask(id, masked);
		v = masked;
	} else if (id_column) {
		valid_id_mask(cell, masked);
		v = masked;
	}
	shown = text_sanitize(v);
	if (!shown)
		return;
	n = realloc(*sample, len + strlen(shown) + 3);
	if (n) {
		snprintf(n + len, strlen(shown) + 3, "%s%s", len ? "  " : "", shown);
		*sample = n;
	}
	free(shown);
}

/* Read the header row and the rows after it for the preview: 0, or -1
 * after saying why. */
static int preview_read(struct app *app, const struct reg *reg, const char *buf,
                        size_t len, struct preview *pv)
{
	const struct io_table *t = reg->io;
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct csv_reader *r = csv_reader_mem(buf, len, &co);
	struct csv_record rec;
	const char *error;
	int rc;

	memset(pv, 0, sizeof *pv);
	pv->reg = reg;
	pv->t = t;
	if (!r)
		return -1;
	rc = io_columns_read(app->db, t, r, NULL, 0, &pv->cols, &error);
	pv->encoding = csv_reader_encoding(r);
	if (rc != 0) {
		ui_error("%s", rc > 0 ? _("The file has no rows.") : _(error));
		csv_reader_free(r);
		io_columns_free(&pv->cols);
		return -1;
	}
	pv->samples = calloc(pv->cols.n ? pv->cols.n : 1, sizeof *pv->samples);
	while (pv->samples && (rc = csv_read(r, &rec)) == 1) {
		bool any = false;

		for (size_t i = 0; i < rec.count; i++)
			any = any || rec.fields[i].len;
		if (!any)
			continue;
		if (pv->rows++ >= 3)
			continue;       /* counted only */
		for (size_t i = 0; i < rec.count && i < pv->cols.n; i++) {
			const struct field *f = pv->cols.col[i].field;

			if (!rec.fields[i].bad)
				sample_add(&pv->samples[i], rec.fields[i].text,
				           f && f->type == F_ID_NUMBER);
		}
	}
	csv_reader_free(r);
	if (!pv->samples) {
		io_columns_free(&pv->cols);
		return -1;
	}
	return 0;
}

/* What column C is read as, in words. */
static void column_reading(const struct io_column *c, char *out, size_t size)
{
	switch (c->how) {
	case IO_COL_NAMED:
		snprintf(out, size, "%s", field_label(c->field));
		break;
	case IO_COL_VALUES:
		snprintf(out, size, _("%s (by its values)"), field_label(c->field));
		break;
	case IO_COL_HAND:
	case IO_COL_REMEMBERED:
		if (c->field)
			snprintf(out, size, _("%s (by hand)"), field_label(c->field));
		else
			snprintf(out, size, "%s", _("(left out by hand)"));
		break;
	case IO_COL_UNKNOWN:
		snprintf(out, size, "%s", _("(unknown: left out)"));
		break;
	case IO_COL_SHADOWED:
		snprintf(out, size, _("(left out: column %u is %s)"), c->other,
		         field_label(c->wanted));
		break;
	case IO_COL_BLANK:
		snprintf(out, size, "%s", _("(no header: left out)"));
		break;
	}
}

/* Assign the column under the cursor by hand; remembered at once for
 * files with the same header row. */
static void preview_assign(struct app *app, struct preview *pv, size_t col)
{
	const struct field *fields = pv->t->store->fields;
	const char *labels[64];
	char title[512];
	int n = 0, sel = 0, i, before;

	labels[n++] = _("(leave this column out)");
	for (const struct field *f = fields; f->key && n < 64; f++) {
		if (f == pv->cols.col[col].field)
			sel = n;
		labels[n++] = _(f->label);
	}
	snprintf(title, sizeof title, _("Column %zu \"%s\": import as"), col + 1,
	         pv->cols.col[col].header);
	i = ui_pick(title, labels, n, sel, NULL);
	if (i < 0)
		return;
	before = io_columns_assign(&pv->cols, col, i == 0 ? NULL : &fields[i - 1]);
	if (io_columns_remember(app->db, &pv->cols) != DB_OK)
		ui_error(_("Could not save: %s"), cli_db_error(app->db));
	else if (before >= 0)
		ui_message(_("Column %d \"%s\" is left out now; the same header row will be read so next time."),
		           before + 1, pv->cols.col[before].header);
	else
		ui_message("%s", _("Assigned; the same header row will be read so next time."));
}

/* Required fields no column gives, as "a, b", into OUT. */
static void preview_missing(const struct preview *pv, char *out, size_t size)
{
	out[0] = '\0';
	for (const struct field *f = pv->t->store->fields; f->key; f++)
		if (io_field_required(pv->t, f) &&
		    io_columns_find(&pv->cols, f) < 0)
			snprintf(out + strlen(out), size - strlen(out), "%s%s",
			         out[0] ? _(", ") : "", _(f->label));
}

static void preview_help(struct app *app)
{
	struct ui_lines h = { 0 };

	ui_lines_add(&h, "%s", _("Each column of the file is read as the field its header names;"));
	ui_lines_add(&h, "%s", _("other systems' headers (身份证号码, 入党时间, 预/正 ...) are known too,"));
	ui_lines_add(&h, "%s", _("and a column whose values are another field's is read as that one."));
	ui_lines_add(&h, "%s", "");
	ui_lines_add(&h, "%s", _("m (or e)   assign the column under the cursor to a field, or leave it out;"));
	ui_lines_add(&h, "%s", _("           the next file with the same header row is read the same way"));
	ui_lines_add(&h, "%s", _("Enter      go on: check or import"));
	ui_lines_add(&h, "%s", _("q, Esc     cancel"));
	ui_page(app, _("Help"), (const char *const *)h.v, h.n);
	ui_lines_free(&h);
}

/* Draw the preview of the file at PATH, the cursor on column CUR, the
 * list scrolled to *TOP (moved to show it); the lines of the list. */
static int preview_draw(struct app *app, const char *path, const struct preview *pv,
                        size_t cur, size_t *top)
{
	int body = ui_body_lines(), y = ui_body_top(), list;
	char line[1024], reading[256], missing[512];

	erase();
	ui_title(app, _("Import: preview"));
	snprintf(line, sizeof line, _("File: %s"), path);
	draw_text(stdscr, y++, 1, line, COLS - 2, false);
	snprintf(line, sizeof line, _("Read as %s; %lu rows. The columns, what they are read as, the first values:"),
	         text_encoding_name(pv->encoding), pv->rows);
	draw_text(stdscr, y++, 1, line, COLS - 2, false);
	preview_missing(pv, missing, sizeof missing);
	list = body - 3 - (missing[0] ? 1 : 0);
	{
		char a[64], b[128], c[128];

		text_pad(a, sizeof a, _("Column"), 18, false, false);
		text_pad(b, sizeof b, _("Read as"), 22, false, false);
		text_pad(c, sizeof c, _("Values"), COLS - 48, false, false);
		snprintf(line, sizeof line, "%s  %s  %s", a, b, c);
		attrset(draw_attr(ROLE_HEADER));
		draw_text(stdscr, y++, 1, line, COLS - 2, true);
		attrset(A_NORMAL);
	}
	if (cur < *top)
		*top = cur;
	if (list > 0 && cur >= *top + (size_t)list)
		*top = cur - (size_t)list + 1;
	for (size_t i = *top; i < pv->cols.n && (int)(i - *top) < list; i++) {
		const struct io_column *c = &pv->cols.col[i];
		char num[24], a[96], b[128], d[512];

		snprintf(num, sizeof num, "%2zu ", i + 1);
		text_pad(a, sizeof a, c->header, 15, false, true);
		column_reading(c, reading, sizeof reading);
		text_pad(b, sizeof b, reading, 22, false, true);
		text_pad(d, sizeof d, pv->samples[i] ? pv->samples[i] : "",
		         COLS - 48, false, true);
		snprintf(line, sizeof line, "%s%s  %s  %s", num, a, b, d);
		attrset(i == cur ? draw_attr(ROLE_CURSOR) :
		        c->field ? A_NORMAL : draw_attr(ROLE_DIM));
		draw_text(stdscr, y + (int)(i - *top), 1, line, COLS - 2, true);
		attrset(A_NORMAL);
	}
	if (missing[0]) {
		snprintf(line, sizeof line, _("No column for: %s (m assigns one)"), missing);
		attrset(draw_attr(ROLE_ERROR));
		draw_text(stdscr, ui_body_top() + body - 1, 1, line, COLS - 2, false);
		attrset(A_NORMAL);
	}
	ui_message_draw();
	attrset(draw_attr(ROLE_HINTS));
	draw_text(stdscr, LINES - 1, 0,
	          _(" m assign the column  Enter go on  q cancel  F1/? help"), COLS, true);
	attrset(A_NORMAL);
	refresh();
	return list;
}

/* The preview: the file's columns, what each is read as and a few of its
 * values; columns can be assigned by hand.  True to go on. */
static bool import_preview(struct app *app, const char *path, struct preview *pv)
{
	size_t cur = 0, top = 0;

	for (;;) {
		int k, list;
		enum action act;

		if (!ui_size_ok())
			return false;
		list = preview_draw(app, path, pv, cur, &top);
		k = ui_key();
		if (k == UI_KEY_HANGUP)
			return false;
		if (k == '\r' || k == '\n' || k == KEY_FN(KEY_ENTER)) {
			ui_message(NULL);
			return true;
		}
		if (k == 'm' || k == 'M') {
			if (pv->cols.n)
				preview_assign(app, pv, cur);
			continue;
		}
		act = keys_action(KC_LIST, k);
		switch (act) {
		case ACT_UP:
			if (cur > 0)
				cur--;
			break;
		case ACT_DOWN:
			if (cur + 1 < pv->cols.n)
				cur++;
			break;
		case ACT_PAGE_UP:
			cur = list > 0 && cur > (size_t)list ? cur - (size_t)list : 0;
			break;
		case ACT_PAGE_DOWN:
			cur += list > 0 ? (size_t)list : 1;
			if (cur >= pv->cols.n)
				cur = pv->cols.n ? pv->cols.n - 1 : 0;
			break;
		case ACT_HOME:
			cur = 0;
			break;
		case ACT_END:
			cur = pv->cols.n ? pv->cols.n - 1 : 0;
			break;
		case ACT_EDIT:
			if (pv->cols.n)
				preview_assign(app, pv, cur);
			break;
		case ACT_HELP:
			preview_help(app);
			break;
		case ACT_BACK:
			ui_message(NULL);
			return false;
		case ACT_REDRAW:
			clearok(curscr, TRUE);
			break;
		default:
			break;
		}
	}
}

/* The lines of the result page: what the import of RES (ending in
 * STATUS) did, then the notices and the rejected rows V gathered. */
static void import_summary(struct ui_lines *p, int status,
                           const struct io_import_result *res, struct import_view *v)
{
	char line[1024];

	if (status == IO_FAILED) {
		ui_lines_add(p, "%s: %s%s%s", _("Nothing was imported"), _(res->error),
		             res->detail && *res->detail ? ": " : "",
		             res->detail && *res->detail ? _(res->detail) : "");
	} else if (v->dry) {
		ui_lines_add(p, _("Read as %s: %lu rows; %lu would be imported, %lu would be rejected."),
		             text_encoding_name(res->encoding), res->rows, res->accepted,
		             res->rejected);
		ui_lines_add(p, "%s", _("A check only: nothing was stored."));
	} else {
		ui_lines_add(p, _("Read as %s: %lu rows; %lu imported, %lu rejected."),
		             text_encoding_name(res->encoding), res->rows,
		             res->stored ? res->accepted : 0, res->rejected);
		if (res->stored) {
			reg_say(line, sizeof line, v->words->stored,
			        res->accepted - res->unchanged, res->updated);
			ui_lines_add(p, "%s", line);
		}
		if (res->stored && res->unchanged) {
			reg_say(line, sizeof line, v->words->unchanged, res->unchanged);
			ui_lines_add(p, "%s", line);
		}
	}
	for (int i = 0; i < v->page.n; i++)
		ui_lines_add(p, "%s", v->page.v[i]);
	ui_lines_free(&v->page);
	if (v->problems.n) {
		ui_lines_add(p, "%s", "");
		ui_lines_add(p, "%s", v->dry ?
		             _("These rows would be rejected (the line in the file and why):") :
		             _("These rows were rejected (the line in the file and why):"));
		for (int i = 0; i < v->problems.n; i++)
			ui_lines_add(p, "  %s", v->problems.v[i]);
	}
	ui_lines_free(&v->problems);
}

/* Import the file at PATH (its LEN bytes at BUF, previewed in PV) the
 * way the user chooses; the result page's lines into P.  False when the
 * user cancelled or the file could not be read again. */
static bool import_go(struct app *app, const char *path, const char *buf, size_t len,
                      struct preview *pv, struct ui_lines *p)
{
	const struct reg_words *w = pv->reg->screen->words;
	const char *const choices[] = {
		N_("Check only (store nothing)"), N_("Import the good rows"),
		w->import_update, N_("Cancel"),
	};
	struct import_view v = { .words = w };
	struct io_import_options o;
	struct io_import_result res;
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct io_assign assign[64];
	struct csv_reader *r;
	unsigned flags;
	size_t nassign = 0;
	int choice, status;

	choice = ui_pick_msgids(_(w->import_title), choices, 4, 0);
	if (choice < 0 || choice == 3)
		return false;
	/* what was assigned by hand on this screen, in case it could not be
	 * remembered */
	for (size_t i = 0; i < pv->cols.n && nassign < 64; i++)
		if (pv->cols.col[i].by_hand && !pv->cols.col[i].remembered)
			assign[nassign++] = (struct io_assign){ (unsigned)i + 1, NULL,
			                                        pv->cols.col[i].hand };
	flags = choice == 0 ? IO_DRY_RUN : choice == 2 ? IO_UPDATE : 0;
	r = csv_reader_mem(buf, len, &co);
	if (!r)
		return false;
	ui_lines_add(p, _("File: %s"), path);
	v.size = len;
	v.dry = (flags & IO_DRY_RUN) != 0;
	o = (struct io_import_options){ flags, app->today, import_problem,
	                                 import_notice, &v, import_progress,
	                                 assign, nassign };
	ui_message("%s", _("Importing..."));
	ui_message_draw();
	refresh();
	status = io_import(app->db, pv->t, r, &o, &res);
	csv_reader_free(r);
	import_summary(p, status, &res, &v);
	return true;
}

static void import_run(struct app *app, const struct reg *reg)
{
	char path[4096];
	const char *home = getenv("HOME");
	struct ui_lines p = { 0 };
	struct preview pv;
	size_t len;
	char *buf;
	bool done;
	snprintf(path, sizeof path, "%s/", home && *home ? home : ".");
	if (!ask_path(_("CSV file to import:"), path, sizeof path))
		return;
	buf = read_file(path, &len);
	if (!buf)
		return;
	if (preview_read(app, reg, buf, len, &pv) < 0) {
		free(buf);
		return;
	}
	done = import_preview(app, path, &pv) && import_go(app, path, buf, len, &pv, &p);
	preview_free(&pv);
	free(buf);
	if (done) {
		ui_message(NULL);
		import_page(app, _("Import: result"), &p);
	}
	ui_lines_free(&p);
}

/* ---- export and print ---------------------------------------------------- */

/* Why an export or a report failed, in words: its message, and the
 * detail (the system's words, or a message id). */
static const char *why(const char *error, const char *detail, char *buf,
                       size_t size)
{
	if (!detail || !*detail)
		return _(error);
	snprintf(buf, size, _("%s: %s"), _(error), _(detail));
	return buf;
}

/* Begin a new file for personal data to take PATH's place (outfile.h):
 * 0600, never written through a link; an existing file is replaced only
 * after asking.  NULL when cancelled or failed (said). */
static struct outfile *open_output(const char *path)
{
	struct outfile *o;
	struct stat st;
	char q[4200];
	int e;

	if (lstat(path, &st) == 0) {
		snprintf(q, sizeof q, _("%s exists. Replace it?"), path);
		if (!ui_confirm(q))
			return NULL;
	}
	e = outfile_open(path, 0, &o);
	if (e) {
		ui_error(_("%s: %s"), path, _(outfile_strerror(e)));
		return NULL;
	}
	return o;
}

/* HOME/NAME-TODAY.EXT, NAME the register's word for its files. */
static void default_path(struct app *app, const struct reg *reg, const char *ext,
                         char *out, size_t size)
{
	const char *home = getenv("HOME");

	snprintf(out, size, "%s/%s-%s.%s", home && *home ? home : ".",
	         _(reg->screen->words->file_name), app->today, ext);
}

void screen_io_export(struct app *app, const struct reg *reg, const struct query *q)
{
	const struct reg_words *w = reg->screen->words;
	static const enum text_encoding encs[] = {
		TEXT_ENC_GB18030, TEXT_ENC_UTF8_BOM, TEXT_ENC_UTF8, TEXT_ENC_GBK,
	};
	static const char *const choices[] = {
		N_("GB18030, for Excel (Chinese Windows)"), N_("UTF-8 with BOM, for newer Excel"),
		N_("UTF-8"), N_("GBK (rare characters become ?)"),
	};
	struct csv_writer_options wo = { TEXT_ENC_GB18030, true, 0 };
	struct io_export_options eo = { q, false, NULL, NULL, NULL };
	struct io_export_result res;
	struct outfile *o;
	char path[4096], why_buf[512], line[4600];
	bool xlsx;
	int i, rc, e;

	default_path(app, reg, "csv", path, sizeof path);
	if (!ask_output_path(_("Export to:"), path, sizeof path))
		return;
	/* a name ending in .xlsx is a workbook, as export -o FILE.xlsx */
	xlsx = strlen(path) > 5 && strcasecmp(path + strlen(path) - 5, ".xlsx") == 0;
	i = xlsx ? 0 : ui_pick_msgids(_("Encoding"), choices, 4, 0);
	if (i < 0)
		return;
	wo.encoding = encs[i];
	o = open_output(path);
	if (!o)
		return;
	rc = xlsx ? io_export_xlsx(app->db, reg->io, reg->report ? reg->report->title :
	                           _(reg->title), outfile_stream(o), &eo, &res) :
	     io_export_file(app->db, reg->io, outfile_stream(o), &wo, &eo, &res);
	if (rc != 0) {
		outfile_abort(o);
		ui_error(_("Could not export: %s"),
		         why(res.error, res.detail, why_buf, sizeof why_buf));
		return;
	}
	e = outfile_commit(o);
	if (e) {
		ui_error(_("%s: %s"), path, _(outfile_strerror(e)));
		return;
	}
	if (res.replaced)
		reg_say(line, sizeof line, w->exported_replaced, res.records, path, res.replaced);
	else if (res.lossy)
		reg_say(line, sizeof line, w->exported_lossy, res.records, path, res.lossy);
	else
		reg_say(line, sizeof line, w->exported, res.records, path);
	ui_message("%s", line);
}

/* Ask how a text file is to be written, as report's --encoding and
 * --crlf say it on the command line, each offered with the command line's
 * default first: the terminal's codeset, LF.  False if cancelled. */
static bool ask_text_encoding(enum text_encoding *enc, bool *crlf)
{
	static const enum text_encoding encs[] = {
		TEXT_ENC_UTF8, TEXT_ENC_GB18030, TEXT_ENC_GBK, TEXT_ENC_UTF8_BOM,
	};
	static const char *const names[] = {
		N_("UTF-8 (Linux, macOS, newer Windows)"), N_("GB18030 (Chinese Windows)"),
		N_("GBK (rare characters become ?)"),
		/* --encoding utf-8-bom: with CR LF, a Windows text file */
		N_("UTF-8 with BOM (Windows Notepad; choose CR LF next)"),
	};
	static const char *const ends[] = {
		N_("LF (Linux, macOS, newer Windows)"), N_("CR LF (older Windows Notepad)"),
	};
	enum text_encoding here = text_locale_encoding();
	char title[128];
	int i, cur = 0;

	for (i = 0; i < 4; i++)
		if (encs[i] == here)
			cur = i;
	snprintf(title, sizeof title, _("Encoding (this terminal: %s)"),
	         text_encoding_name(here));
	i = ui_pick_msgids(title, names, 4, cur);
	if (i < 0)
		return false;
	*enc = encs[i];
	i = ui_pick_msgids(_("Line ends"), ends, 2, 0);
	if (i < 0)
		return false;
	*crlf = i == 1;
	return true;
}

/* Write the pages WRITE makes with RO into a new file at PATH (asked to
 * replace an old one).  0, or -1 after saying why. */
static int write_pages(int (*write)(void *ctx, const struct report_options *o,
                                    FILE *out, struct report_result *res),
                       void *ctx, const struct report_options *ro,
                       const char *path, struct report_result *res)
{
	char why_buf[512];
	struct outfile *o = open_output(path);
	int rc, e;

	if (!o)
		return -1;
	rc = write(ctx, ro, outfile_stream(o), res);
	if (rc != 0 && !res->detail && outfile_error(o))
		res->detail = strerror(outfile_error(o));
	if (rc != 0) {
		outfile_abort(o);
		ui_error(_("Could not print: %s"),
		         why(res->error, res->detail, why_buf, sizeof why_buf));
		return -1;
	}
	e = outfile_commit(o);
	if (e) {
		ui_error(_("Could not print: %s"), _(outfile_strerror(e)));
		return -1;
	}
	return 0;
}

/* The PDF's place beside the database (the data directory, where an SSH
 * user finds it to fetch): TITLE-DATE.pdf. */
static void pdf_path(struct app *app, const char *title, char *out, size_t size)
{
	const char *db = db_path(app->db), *slash = db ? strrchr(db, '/') : NULL;

	snprintf(out, size, "%.*s%s-%s.pdf", slash ? (int)(slash - db + 1) : 0,
	         slash ? db : "", title, app->today);
}

int screen_io_print_pages(struct app *app, const char *what, const char *title,
                          int (*write)(void *ctx, const struct report_options *o,
                                       FILE *out, struct report_result *res),
                          void *ctx, struct report_options *ro, char *path,
                          size_t pathsz, struct report_result *res)
{
	enum { TO_TEXT, TO_PRINTER, TO_PDF, CANCEL };
	const char *choices[4];
	int act[4], n = 0, i, rc;
	char why_buf[512];

	/* no default text file: a PDF only (the whole 台帐) */
	if (*path) {
		choices[n] = _("To a text file (A4 pages)");
		act[n++] = TO_TEXT;
	}
	choices[n] = _("To the printer (lp)");
	act[n++] = TO_PRINTER;
	choices[n] = _("Save as PDF (A4, to print elsewhere)");
	act[n++] = TO_PDF;
	choices[n] = _("Cancel");
	act[n++] = CANCEL;
	i = ui_pick(what, choices, n, 0, NULL);
	if (i < 0 || act[i] == CANCEL)
		return -1;
	i = act[i];
	if (i == TO_PRINTER) {
		if (!report_lp_found()) {
			ui_error("%s", _("There is no printer command (lp) on this computer; print to a file."));
			return -1;
		}
		ui_message("%s", _("Sending the pages to the printer..."));
		ui_message_draw();
		refresh();
		/* the PDF "zhibu report ... --print" sends */
		rc = report_print_job(title, write, ctx, ro, true, res);
		if (rc != 0) {
			ui_error(_("Could not print: %s"),
			         why(res->error, res->detail, why_buf, sizeof why_buf));
			return -1;
		}
		ui_message(ngettext("Sent %u page to the printer.",
		                    "Sent %u pages to the printer.", res->pages),
		           res->pages);
		return 0;
	}
	if (i == TO_PDF) {
		/* the PDF "zhibu report ... -o FILE.pdf" writes */
		pdf_path(app, title, path, pathsz);
		if (!ask_output_path(_("Save as PDF:"), path, pathsz))
			return -1;
		ro->pdf = true;
		return write_pages(write, ctx, ro, path, res) == 0 ? 1 : -1;
	}
	if (!ask_output_path(_("Print to:"), path, pathsz))
		return -1;
	if (!ask_text_encoding(&ro->encoding, &ro->crlf))
		return -1;
	if (write_pages(write, ctx, ro, path, res) < 0)
		return -1;
	if (res->lossy)
		ui_message(_("Wrote %u pages to %s; characters %s lacks were written as ?."),
		           res->pages, path, text_encoding_name(ro->encoding));
	return 1;
}

void screen_io_print(struct app *app, const struct reg *reg, const struct query *q)
{
	const struct reg_words *w = reg->screen->words;
	struct report_job j = { app->db, reg->report };
	struct report_options ro;
	struct report_result res;
	char path[4096], line[4600];

	memset(&ro, 0, sizeof ro);
	ro.filter = q;
	ro.branch = app->branch;
	ro.date = app->today;
	default_path(app, reg, "txt", path, sizeof path);
	if (screen_io_print_pages(app, _(w->io_print), j.d->title, report_job_write,
	                          &j, &ro, path, sizeof path, &res) == 1 && !res.lossy) {
		reg_say(line, sizeof line, w->printed, res.pages, res.records, path);
		ui_message("%s", line);
	}
}

/* ---- the 导入导出 screen ---------------------------------------------- */

/* What the screen offers: each register's import, export and print. */
enum io_act { IO_ACT_IMPORT, IO_ACT_EXPORT, IO_ACT_PRINT };
#define IO_ITEMS 30

void screen_io_run(struct app *app)
{
	const char *choices[IO_ITEMS + 1];
	const struct reg *of[IO_ITEMS];
	enum io_act act[IO_ITEMS];
	struct query all;
	int n = 0;

	for (size_t k = 0; registers[k] && n + 3 <= IO_ITEMS; k++) {
		const struct reg *r = registers[k];
		const struct reg_words *w = r->screen ? r->screen->words : NULL;

		if (!r->io || !w)
			continue;
		of[n] = r, act[n] = IO_ACT_IMPORT, choices[n++] = w->io_import;
		of[n] = r, act[n] = IO_ACT_EXPORT, choices[n++] = w->io_export;
		if (r->report)
			of[n] = r, act[n] = IO_ACT_PRINT, choices[n++] = w->io_print;
	}
	choices[n] = N_("Back");
	for (;;) {
		int i = ui_menu_screen(app, _("Import and export"), choices, n + 1, 0);

		if (i < 0 || i == n)
			return;
		/* every record: the export and the ledger show what their
		 * registers show unfiltered (the roster: current members) */
		memset(&all, 0, sizeof all);
		if (act[i] == IO_ACT_IMPORT)
			import_run(app, of[i]);
		else if (act[i] == IO_ACT_EXPORT)
			screen_io_export(app, of[i], &all);
		else
			screen_io_print(app, of[i], &all);
	}
}

/* ---- for the other screens that write files ------------------------------- */

struct outfile *screen_io_ask_output(const char *prompt, char *path, size_t size)
{
	if (!ask_output_path(prompt, path, size))
		return NULL;
	return open_output(path);
}
