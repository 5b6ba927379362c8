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
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"
#include "draw.h"
#include "gettext.h"
#include "io.h"
#include "member_query.h"
#include "report.h"
#include "screens.h"
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

/* Read a whole file (at most MAX_FILE bytes); NULL with a message. */
static char *read_file(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	ssize_t got;
	size_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0) {
		ui_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > MAX_FILE) {
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
	struct ui_lines *page;
	unsigned long shown;
	size_t size;                    /* of the file */
	bool dry;                       /* a check only */
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
		ui_lines_add(v->page, _("line %lu: %s: %s (as on line %lu)"), p->line,
		         field, _(p->reason), p->first_line);
	else
		ui_lines_add(v->page, _("line %lu: %s: %s"), p->line, field, _(p->reason));
	v->shown++;
}

static void import_notice(void *ctx, const struct io_notice *n)
{
	struct import_view *v = ctx;

	switch (n->kind) {
	case IO_UNKNOWN_COLUMN:
		ui_lines_add(v->page, _("Column %u \"%s\" is not a field of the roster; it is left out."),
		         n->column, n->text);
		break;
	case IO_DUPLICATE_COLUMN:
		ui_lines_add(v->page, _("Columns %u and %u are both \"%s\"."), n->column,
		         n->other, _(n->field->label));
		break;
	case IO_MISSING_COLUMN:
		ui_lines_add(v->page, _("The file has no column \"%s\" (%s)."),
		         n->field->header, _(n->field->label));
		break;
	case IO_NEW_GROUP:
		ui_lines_add(v->page, _("Party group \"%s\" is new: it is created."), n->text);
		break;
	case IO_COLUMN_BY_VALUES:
	case IO_COLUMN_BY_HAND:
	case IO_COLUMN_SHADOWED:
	case IO_MAP_UNUSED:
	case IO_MONTH_DATES:
		break;
	}
}

/* The first rows of the file as the import will read them. */
static void import_preview(struct app *app, const char *path, const char *buf,
                           size_t len, struct ui_lines *p)
{
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct csv_reader *r = csv_reader_mem(buf, len, &co);
	struct csv_record rec;
	int rows = 0;

	ui_lines_add(p, _("File: %s"), path);
	if (!r)
		return;
	while (rows < 8 && csv_read(r, &rec) > 0) {
		char line[1024];
		size_t used = 0, i;

		if (rows == 0)
			ui_lines_add(p, _("Read as %s; the first rows:"),
			         text_encoding_name(csv_reader_encoding(r)));
		line[0] = 0;
		for (i = 0; i < rec.count && used < sizeof line - 4; i++) {
			int n = snprintf(line + used, sizeof line - used, "%s%s",
			                 i ? " | " : "", rec.fields[i].text);

			if (n < 0)
				break;
			used += (size_t)n < sizeof line - used ? (size_t)n : sizeof line - used - 1;
		}
		ui_lines_add(p, "  %lu: %s", rec.line, line);
		rows++;
	}
	if (rows == 0)
		ui_lines_add(p, "%s", _("The file has no rows."));
	csv_reader_free(r);
	(void)app;
}

static void import_run(struct app *app)
{
	char path[4096];
	const char *home = getenv("HOME");
	const char *choices[4];
	struct ui_lines p = { 0 };
	struct import_view v = { &p, 0, 0, false };
	struct io_import_options o;
	struct io_import_result res;
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct csv_reader *r;
	unsigned flags;
	size_t len;
	char *buf;
	int choice, status;

	snprintf(path, sizeof path, "%s/", home && *home ? home : ".");
	if (!ask_path(_("CSV file to import:"), path, sizeof path))
		return;
	buf = read_file(path, &len);
	if (!buf)
		return;
	import_preview(app, path, buf, len, &p);
	ui_lines_add(&p, "%s", "");
	ui_lines_add(&p, "%s", _("q: go on to choose how to import"));
	ui_page(app, _("Import: preview"), (const char *const *)p.v, p.n);
	ui_lines_free(&p);
	choices[0] = _("Check only (store nothing)");
	choices[1] = _("Import the good rows");
	choices[2] = _("Import, updating members already on the roster");
	choices[3] = _("Cancel");
	choice = ui_pick(_("Import the roster"), choices, 4, 0, NULL);
	if (choice < 0 || choice == 3) {
		free(buf);
		return;
	}
	flags = choice == 0 ? IO_DRY_RUN : choice == 2 ? IO_UPDATE : 0;
	r = csv_reader_mem(buf, len, &co);
	if (!r) {
		free(buf);
		return;
	}
	ui_lines_add(&p, _("File: %s"), path);
	v.size = len;
	v.dry = (flags & IO_DRY_RUN) != 0;
	o = (struct io_import_options){ flags, app->today, import_problem,
	                                 import_notice, &v, import_progress,
	                                 NULL, 0 };
	ui_message("%s", _("Importing..."));
	ui_message_draw();
	refresh();
	status = io_import(app->db, &io_member_table, r, &o, &res);
	csv_reader_free(r);
	free(buf);
	if (status == IO_FAILED) {
		ui_lines_add(&p, "%s: %s%s%s", _("Nothing was imported"), _(res.error),
		         res.detail ? ": " : "", res.detail ? res.detail : "");
	} else {
		ui_lines_add(&p, _("Read as %s: %lu rows; %lu good, %lu rejected."),
		         text_encoding_name(res.encoding), res.rows, res.accepted,
		         res.rejected);
		if (flags & IO_DRY_RUN)
			ui_lines_add(&p, "%s", _("A check only: nothing was stored."));
		else if (res.stored)
			ui_lines_add(&p, _("Stored %lu members (%lu of them updated)."),
			         res.accepted, res.updated);
	}
	if (v.shown)
		ui_lines_add(&p, "%s", _("The rejected rows, with the line of the file and why:"));
	ui_message(NULL);
	ui_page(app, _("Import: result"), (const char *const *)p.v, p.n);
	ui_lines_free(&p);
}

/* ---- export and print ---------------------------------------------------- */

/* Open PATH for personal data: created 0600; an existing file is
 * replaced only after asking. */
static FILE *open_output(const char *path)
{
	struct stat st;
	char q[4200];
	int fd;
	FILE *f;

	if (stat(path, &st) == 0) {
		snprintf(q, sizeof q, _("%s exists. Replace it?"), path);
		if (!ui_confirm(q))
			return NULL;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		ui_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	return f;
}

static void default_path(struct app *app, const char *ext, char *out, size_t size)
{
	const char *home = getenv("HOME");

	snprintf(out, size, "%s/%s-%s.%s", home && *home ? home : ".",
	         _("roster"), app->today, ext);
}

void screen_io_export(struct app *app, const struct member_query *q)
{
	static const enum text_encoding encs[] = {
		TEXT_ENC_GB18030, TEXT_ENC_UTF8_BOM, TEXT_ENC_UTF8, TEXT_ENC_GBK,
	};
	const char *choices[4];
	struct csv_writer_options wo = { TEXT_ENC_GB18030, true, 0 };
	struct io_export_options eo = { q, false, NULL, NULL };
	struct io_export_result res;
	struct csv_writer *w;
	char path[4096];
	FILE *f;
	int i;

	default_path(app, "csv", path, sizeof path);
	if (!ask_path(_("Export to:"), path, sizeof path))
		return;
	choices[0] = _("GB18030, for Excel (Chinese Windows)");
	choices[1] = _("UTF-8 with BOM, for newer Excel");
	choices[2] = _("UTF-8");
	choices[3] = _("GBK (rare characters become ?)");
	i = ui_pick(_("Encoding"), choices, 4, 0, NULL);
	if (i < 0)
		return;
	wo.encoding = encs[i];
	f = open_output(path);
	if (!f)
		return;
	w = csv_writer_new(f, &wo);
	if (!w || io_export(app->db, &io_member_table, w, &eo, &res) != 0) {
		if (w)
			csv_writer_close(w);
		fclose(f);
		ui_error(_("Could not export: %s"), w ? _(res.error) : strerror(ENOMEM));
		return;
	}
	csv_writer_close(w);
	if (fclose(f) != 0) {
		ui_error("%s: %s", path, strerror(errno));
		return;
	}
	if (res.lossy)
		ui_message(_("Exported %lu members to %s; %lu of them with characters GBK lacks, written as ?."),
		           res.records, path, res.lossy);
	else
		ui_message(_("Exported %lu members to %s."), res.records, path);
}

/* True if the program NAME is on the PATH. */
static bool on_path(const char *name)
{
	const char *p = getenv("PATH");
	char dir[4096];

	while (p && *p) {
		size_t n = strcspn(p, ":");

		snprintf(dir, sizeof dir, "%.*s/%s", (int)n, p, name);
		if (access(dir, X_OK) == 0)
			return true;
		p += n;
		if (*p)
			p++;
	}
	return false;
}

void screen_io_print(struct app *app, const struct member_query *q)
{
	const char *choices[3];
	struct report_options ro;
	struct report_result res;
	char path[4096];
	bool lp = false;
	FILE *f;
	int i, rc;

	choices[0] = _("To a text file (A4 pages)");
	choices[1] = _("To the printer (lp)");
	choices[2] = _("Cancel");
	i = ui_pick(_("Print the roster"), choices, 3, 0, NULL);
	if (i < 0 || i == 2)
		return;
	if (i == 1) {
		if (!on_path("lp")) {
			ui_error("%s", _("There is no printer command (lp) on this computer; print to a file."));
			return;
		}
		lp = true;
		f = popen("lp -s", "w");
		if (!f) {
			ui_error("lp: %s", strerror(errno));
			return;
		}
	} else {
		default_path(app, "txt", path, sizeof path);
		if (!ask_path(_("Print to:"), path, sizeof path))
			return;
		f = open_output(path);
		if (!f)
			return;
	}
	memset(&ro, 0, sizeof ro);
	ro.filter = q;
	ro.branch = app->branch;
	ro.date = app->today;
	ro.encoding = TEXT_ENC_GB18030;
	rc = report_text(app->db, report_find("roster"), &ro, f, &res);
	if (lp ? pclose(f) != 0 : fclose(f) != 0)
		rc = -1;
	if (rc != 0)
		ui_error(_("Could not print: %s"), res.error ? _(res.error) : strerror(errno));
	else if (lp)
		ui_message(_("Sent %u pages to the printer."), res.pages);
	else
		ui_message(_("Wrote %u pages (%lu members) to %s."), res.pages, res.records, path);
}

/* ---- the 导入导出 screen ---------------------------------------------- */

void screen_io_run(struct app *app)
{
	const char *choices[4];
	struct member_query all;

	memset(&all, 0, sizeof all);
	for (;;) {
		int i;

		if (ui_hungup())
			return;
		erase();
		ui_title(app, _("Import and export"));
		ui_message_draw();
		refresh();
		choices[0] = _("Import the roster from a CSV file (Excel)");
		choices[1] = _("Export the roster (current members) to CSV");
		choices[2] = _("Print the roster");
		choices[3] = _("Back");
		i = ui_pick(_("Import and export"), choices, 4, 0, NULL);
		if (i < 0 || i == 3)
			return;
		if (i == 0)
			import_run(app);
		else if (i == 1)
			screen_io_export(app, &all);
		else
			screen_io_print(app, &all);
	}
}
