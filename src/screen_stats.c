/* screen_stats.c - 党员统计 on screen: the figures of member_stats.h on
 * a date the user chooses (today at first), laid out as report_stats.h
 * prints them, two tables side by side and the footnotes, scrolled like
 * a page.  d chooses the date, p prints, x saves the figures as CSV. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "draw.h"
#include "gettext.h"
#include "outfile.h"
#include "report_stats.h"
#include "screens.h"
#include "text.h"
#include "validate.h"

struct view {
	struct member_stats s;
	char **lines;
	int n;
	int top;
	int width;              /* the layout's */
	int64_t seen;           /* db_data_version when counted */
};

static const char *screen_words(const char *label, const char *zh)
{
	return _(label);
}

/* Count the figures on DATE and lay them out for the screen's width;
 * false (said on the message line) when they cannot be read. */
static bool view_load(struct app *app, struct view *v, const char *date)
{
	char **lines;
	int n = 0;

	v->seen = db_data_version(app->db);
	if (member_stats_count(app->db, date, &v->s) != DB_OK) {
		ui_error(_("Could not count the members: %s"), cli_db_error(app->db));
		return false;
	}
	lines = report_stats_layout(&v->s, COLS, screen_words, &n);
	if (!lines) {
		ui_error("%s", strerror(ENOMEM));
		return false;
	}
	report_stats_free(v->lines, v->n);
	v->lines = lines;
	v->n = n;
	v->width = COLS;
	if (v->top > v->n - 1)
		v->top = v->n > 0 ? v->n - 1 : 0;
	return true;
}

/* The first line of the body: the date and how many members. */
static void view_draw(struct app *app, struct view *v)
{
	static const enum action hints[] = {
		ACT_DATE, ACT_PRINT, ACT_EXPORT, ACT_PAGE_DOWN, ACT_BACK, ACT_HELP,
		ACT_NONE
	};
	int rows = ui_body_lines() - 1, y = ui_body_top(), i;
	char line[256], where[64];

	erase();
	ui_title(app, _("Member statistics"));
	if (strcmp(v->s.date, app->today) == 0)
		snprintf(line, sizeof line, _("Counted on %s (today): %lld members"),
		         v->s.date, (long long)v->s.members);
	else
		snprintf(line, sizeof line, _("Counted on %s: %lld members"),
		         v->s.date, (long long)v->s.members);
	attrset(draw_attr(ROLE_HEADER));
	draw_text(stdscr, y, 0, line, COLS, true);
	attrset(A_NORMAL);
	if (v->n > rows) {
		snprintf(where, sizeof where, _("lines %d-%d of %d"), v->top + 1,
		         v->top + rows < v->n ? v->top + rows : v->n, v->n);
		attrset(draw_attr(ROLE_DIM));
		draw_text_right(stdscr, y, COLS - 1 - text_width(where), where,
		                text_width(where));
		attrset(A_NORMAL);
	}
	for (i = 0; i < rows && v->top + i < v->n; i++)
		draw_text(stdscr, y + 1 + i, 0, v->lines[v->top + i], COLS, false);
	ui_show(KC_VIEW, hints);
}

/* d: ask for the date; an empty answer is today. */
/* The figures can be counted up to today only. */
static const char *not_after_today(const void *ctx, const char *iso, const char *today)
{
	return strcmp(iso, today) > 0
	       ? N_("is after today: the figures can be counted up to today only")
	       : NULL;
}

/* d: another date, asked again while it is refused. */
static void view_ask_date(struct app *app, struct view *v)
{
	char day[11];

	if (!ui_ask_date(_("Count on the date:"), _("Date"), v->s.date, not_after_today,
	                 NULL, app->today, day))
		return;
	v->top = 0;
	if (view_load(app, v, day))
		ui_message(NULL);
}

/* "$HOME/党员统计-2026-06-15.EXT": the figures of that day. */
static void default_path(const struct view *v, const char *ext, char *out,
                         size_t size)
{
	const char *home = getenv("HOME");

	snprintf(out, size, "%s/%s-%s.%s", home && *home ? home : ".",
	         _("member-statistics"), v->s.date, ext);
}

/* p: the A4 pages to the printer or to a text file, as the roster's p
 * does (screen_io_print_pages). */
static void view_print(struct app *app, struct view *v)
{
	struct report_stats_job j = { app->db, v->s.date };
	struct report_options ro;
	struct report_result res;
	char path[4096];

	memset(&ro, 0, sizeof ro);
	ro.branch = app->branch;
	ro.date = app->today;
	default_path(v, "txt", path, sizeof path);
	if (screen_io_print_pages(app, _("Print the statistics"), REPORT_STATS_TITLE,
	                          report_stats_job_write, &j, &ro, path, sizeof path, &res) == 1 &&
	    !res.lossy)
		ui_message(_("Wrote the statistics on %s to %s."), v->s.date, path);
}

/* x: the figures as CSV for Excel (GB18030, CR LF). */
static void view_export(struct app *app, struct view *v)
{
	struct csv_writer_options wo = { TEXT_ENC_GB18030, true, 0 };
	struct report_result res;
	struct csv_writer *w;
	struct outfile *o;
	char path[4096];
	int rc, e = 0;

	default_path(v, "csv", path, sizeof path);
	o = screen_io_ask_output(_("Export to:"), path, sizeof path);
	if (!o)
		return;
	res.error = NULL;
	w = csv_writer_new(outfile_stream(o), &wo);
	rc = w ? report_stats_csv(app->db, v->s.date, w, &res) : -1;
	if (!w)
		e = ENOMEM;
	if (w && csv_writer_close(w) < 0 && rc == 0) {
		e = errno;
		rc = -1;
	}
	if (rc != 0)
		outfile_abort(o);
	else
		e = outfile_commit(o);
	if (rc != 0 && !e)
		ui_error(_("Could not export: %s"), res.error ? _(res.error) : strerror(EIO));
	else if (e)
		ui_error(_("Could not export: %s"), _(outfile_strerror(e)));
	else
		ui_message(_("Exported the statistics on %s to %s."), v->s.date, path);
}

void screen_stats_run(struct app *app)
{
	struct view v = { .lines = NULL };

	if (!view_load(app, &v, app->today))
		return;
	for (;;) {
		int rows, k;
		enum action act;

		if (!ui_size_ok())
			break;
		rows = ui_body_lines() - 1;
		if (v.width != COLS)
			view_load(app, &v, v.s.date);
		view_draw(app, &v);
		k = ui_key();
		if (k == UI_KEY_HANGUP)
			break;
		if (k == 0) {
			/* others' changes count too */
			if (db_data_version(app->db) != v.seen)
				view_load(app, &v, v.s.date);
			continue;
		}
		act = keys_action(KC_VIEW, k);
		if (act == ACT_BACK)
			break;
		switch (act) {
		case ACT_DOWN:
			if (v.top + rows < v.n)
				v.top++;
			break;
		case ACT_UP:
			if (v.top > 0)
				v.top--;
			break;
		case ACT_PAGE_DOWN:
			if (v.top + rows < v.n)
				v.top += rows - 1;
			break;
		case ACT_PAGE_UP:
			v.top = v.top > rows - 1 ? v.top - rows + 1 : 0;
			break;
		case ACT_HOME:
			v.top = 0;
			break;
		case ACT_END:
			v.top = v.n > rows ? v.n - rows : 0;
			break;
		case ACT_DATE:
			view_ask_date(app, &v);
			break;
		case ACT_PRINT:
			view_print(app, &v);
			break;
		case ACT_EXPORT:
			view_export(app, &v);
			break;
		default:
			ui_common_act(app, KC_VIEW, act, N_("The figures the annual Party statistics ask a branch for, counted on the date shown. d counts them on another date; p prints them, x saves them as CSV. The notes below the tables say who is counted and how."));
			break;
		}
	}
	report_stats_free(v.lines, v.n);
}
