/* report_stats.c - 党员统计 laid out for the screen, paper and CSV
 * (report_stats.h).
 *
 * A column of the page holds tables: a heading, then one line per row
 * with the label (wrapped when long), the count and its share.  The left
 * and right columns are zipped into the page's lines, the footnotes
 * follow across the whole width.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gettext.h"
#include "report_stats.h"
#include "text.h"

#define GAP 2                   /* columns between the two tables */
#define INDENT 2                /* a row's label under its heading */
#define COUNT_WIDTH 6           /* up to 999999 members */
#define SHARE_WIDTH 7           /* " 100.0%" */
#define HEADER_LINES 4          /* title, date, branch and 制表日期, blank */
#define FOOTER_LINES 2          /* blank, 第 N 页 共 M 页 and the head */

struct lines {
	char **v;
	int n, cap;
	bool failed;
};

static void lines_add(struct lines *l, char *s)
{
	if (!s || l->failed) {
		free(s);
		l->failed = true;
		return;
	}
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 64;
		char **v = realloc(l->v, (size_t)cap * sizeof *v);

		if (!v) {
			free(s);
			l->failed = true;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
}

static char *dup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* Punctuation a Chinese line does not start with (避头点). */
static bool no_line_start(const char *s)
{
	static const char *const marks[] = {
		"，", "。", "、", "；", "：", "）", "”", "》", "％", NULL
	};

	for (int i = 0; marks[i]; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

static bool latin(char c)
{
	return c != ' ' && (unsigned char)c < 0x80;
}

/* The bytes of S's first line in COLS columns: all that fits, not
 * inside a run of Latin letters, digits and signs (a word, "100.0%"),
 * not between a number and what follows it (9月), and not before a mark
 * that closes Chinese text; at least one character. */
static size_t line_break(const char *s, int cols)
{
	size_t fit = text_fit(s, cols, NULL), at;

	if (fit == 0 && *s) {
		uint32_t cp;
		int len = text_utf8_decode(s, strlen(s), &cp);

		return len > 0 ? (size_t)len : 1;
	}
	if (s[fit] == '\0')
		return fit;
	at = fit;
	if (latin(s[at - 1]) && (latin(s[at]) || isdigit((unsigned char)s[at - 1]))) {
		while (at > 0 && latin(s[at - 1]))
			at--;
	} else if (no_line_start(s + at)) {
		/* the character before goes down with the mark */
		while (at > 0 && ((unsigned char)s[--at] & 0xC0) == 0x80)
			;
	}
	return at > 0 ? at : fit;
}

/* S in lines of COLS columns, each after PREFIX (the first) or INDENT
 * spaces (the others); the first line ends with TAIL. */
static void add_wrapped(struct lines *l, const char *s, int cols,
                        const char *prefix, int indent, const char *tail)
{
	bool first = true;

	do {
		size_t n = line_break(s, cols);
		char piece[1024], padded[1200];

		if (n >= sizeof piece)
			n = sizeof piece - 1;
		memcpy(piece, s, n);
		piece[n] = '\0';
		if (first && tail && *tail)
			text_pad(padded, sizeof padded, piece, cols, false, false);
		else
			snprintf(padded, sizeof padded, "%s", piece);
		lines_add(l, dup_printf("%*s%s%s%s", first ? 0 : indent, "",
		                        first ? prefix : "", padded,
		                        first && tail ? tail : ""));
		first = false;
		s += n;
		while (*s == ' ')
			s++;
	} while (*s);
}

static const char *printed(const char *label, const char *zh)
{
	return zh;
}

/* "12.3%", or "" without a share. */
static void share_text(int tenths, char out[16])
{
	if (tenths < 0)
		out[0] = '\0';
	else
		snprintf(out, 16, "%d.%d%%", tenths / 10, tenths % 10);
}

/* The lines of one column of tables: COLS wide. */
static void column_lines(struct lines *c, const struct member_stats_line *v,
                         int n, int column, int cols, report_stats_words words)
{
	int label_width = cols - INDENT - COUNT_WIDTH - SHARE_WIDTH;
	int table = -1;

	for (int i = 0; i < n; i++) {
		const struct member_stats_line *x = &v[i];
		const char *label = words(x->label, x->zh);
		char count[32], share[16], tail[64], indent[8];

		if (x->column != column)
			continue;
		if (x->kind == MEMBER_STATS_HEADING) {
			if (table >= 0)
				lines_add(c, strdup(""));
			table = x->table;
			add_wrapped(c, label, cols, "", 0, NULL);
			continue;
		}
		snprintf(count, sizeof count, "%lld", (long long)x->count);
		share_text(x->share, share);
		snprintf(tail, sizeof tail, "%*s%*s", COUNT_WIDTH, count, SHARE_WIDTH, share);
		snprintf(indent, sizeof indent, "%*s", INDENT, "");
		add_wrapped(c, label, label_width, indent, INDENT, tail);
	}
}

char **report_stats_layout(const struct member_stats *s, int width,
                           report_stats_words words, int *n)
{
	struct member_stats_line v[MEMBER_STATS_LINES];
	struct lines page = { 0 }, col[2] = { { 0 }, { 0 } };
	int nv = member_stats_lines(s, v), cols, i, k;
	char count[64], share[64], head[256];

	if (!words)
		words = printed;
	if (width < 2 * (INDENT + COUNT_WIDTH + SHARE_WIDTH + 4) + GAP)
		width = 80;
	cols = (width - GAP) / 2;

	/* the headings of the numbers, over each column */
	text_pad(count, sizeof count, words(N_("Count"), "人数"), COUNT_WIDTH, true, false);
	text_pad(share, sizeof share, words(N_("Share"), "占比"), SHARE_WIDTH, true, false);
	snprintf(head, sizeof head, "%*s%s%s", cols - COUNT_WIDTH - SHARE_WIDTH, "",
	         count, share);
	for (k = 0; k < 2; k++) {
		lines_add(&col[k], strdup(head));
		column_lines(&col[k], v, nv, k, cols, words);
	}
	for (i = 0; i < col[0].n || i < col[1].n; i++) {
		char left[1200];
		const char *right = i < col[1].n ? col[1].v[i] : "";
		size_t len;
		char *line;

		text_pad(left, sizeof left, i < col[0].n ? col[0].v[i] : "", cols,
		         false, false);
		line = dup_printf("%s%*s%s", left, GAP, "", right);
		/* no trailing spaces */
		for (len = line ? strlen(line) : 0; len > 0 && line[len - 1] == ' '; len--)
			line[len - 1] = '\0';
		lines_add(&page, line);
	}
	lines_add(&page, strdup(""));
	lines_add(&page, strdup(words(N_("Notes:"), "注：")));
	for (i = 0; member_stats_notes[i].label; i++) {
		char num[16];

		snprintf(num, sizeof num, "%d. ", i + 1);
		add_wrapped(&page, words(member_stats_notes[i].label, member_stats_notes[i].zh),
		            width - 3, num, 3, NULL);
	}
	for (k = 0; k < 2; k++)
		report_stats_free(col[k].v, col[k].n);
	if (page.failed) {
		report_stats_free(page.v, page.n);
		return NULL;
	}
	*n = page.n;
	return page.v;
}

void report_stats_free(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* --- paper -------------------------------------------------------------- */

/* "2026年6月15日" */
static void chinese_date(const char *iso, char out[32])
{
	int y, m, d;

	if (iso && sscanf(iso, "%d-%d-%d", &y, &m, &d) == 3)
		snprintf(out, 32, "%d年%d月%d日", y, m, d);
	else
		out[0] = '\0';
}

static char *centered(const char *s, int width)
{
	int pad = (width - text_width(s)) / 2;

	return dup_printf("%*s%s", pad > 0 ? pad : 0, "", s);
}

struct out {
	FILE *f;
	enum text_encoding encoding;
	struct report_result *res;
	bool failed;
	bool crlf;                      /* CR LF line ends (--crlf) */
};

static void put_line(struct out *o, const char *line)
{
	char *enc, *s;
	size_t len;
	bool lossy = false;
	int rc;

	/* nothing but text to a terminal or a printer: the branch's name in
	 * the header is as stored */
	s = o->failed ? NULL : text_sanitize(line);
	rc = s ? csv_encode(o->encoding, s, strlen(s), &enc, &len, &lossy) : -1;
	free(s);
	if (rc < 0) {
		o->failed = true;
		return;
	}
	if (fwrite(enc, 1, len, o->f) != len || (o->crlf && fputc('\r', o->f) == EOF) ||
	    fputc('\n', o->f) == EOF)
		o->failed = true;
	free(enc);
	if (lossy)
		o->res->lossy++;
}

/* The page's header: the title, the day counted on, the branch and the
 * day it was made. */
static void header(struct out *o, const struct report_options *opt,
                   const char *date, int width)
{
	char day[32], made[32], left[600], right[64];
	char *line;
	int gap;

	chinese_date(date, day);
	chinese_date(opt->date, made);
	line = centered(REPORT_STATS_TITLE, width);
	put_line(o, line ? line : "");
	free(line);
	snprintf(left, sizeof left, "统计日期：%s", day);
	line = centered(left, width);
	put_line(o, line ? line : "");
	free(line);
	snprintf(left, sizeof left, "%s%s", opt->branch && *opt->branch ? "支部：" : "",
	         opt->branch && *opt->branch ? opt->branch : "");
	snprintf(right, sizeof right, "%s%s", *made ? "制表日期：" : "", made);
	gap = width - text_width(left) - text_width(right);
	line = dup_printf("%s%*s%s", left, gap > 1 ? gap : 1, "", right);
	put_line(o, line ? line : "");
	free(line);
	put_line(o, "");
}

/* Count the figures on DATE into S, and the change log's head as they
 * were counted into HEAD (for the footer).  0, or -1 with RES->error. */
static int stats_count(struct db *db, const char *date, struct member_stats *s,
                       char head[DB_AUDIT_HEAD_SIZE], struct report_result *res)
{
	int rc;

	db_long_read(db, true);
	rc = member_stats_count(db, date, s);
	if (rc == DB_OK && db_audit_head(db, head) != DB_OK)
		head[0] = '\0';
	db_long_read(db, false);
	if (rc != DB_OK) {
		res->error = N_("the database could not be read");
		res->detail = db_errmsg(db);
		return -1;
	}
	return 0;
}

int report_stats_text(struct db *db, const char *date,
                      const struct report_options *opt, FILE *f,
                      struct report_result *res)
{
	struct member_stats s;
	struct out o = { f, opt->encoding, res, false, opt->crlf };
	int width = opt->width > 0 ? opt->width : REPORT_WIDTH;
	int height = opt->lines > 0 ? opt->lines : REPORT_LINES;
	int body = height - HEADER_LINES - FOOTER_LINES;
	int keep_width = text_ambiguous_width(), n = 0;
	char **lines, head[DB_AUDIT_HEAD_SIZE];

	memset(res, 0, sizeof *res);
	if (body < 1) {
		res->error = N_("the report's layout does not fit the page");
		return -1;
	}
	if (stats_count(db, date, &s, head, res) < 0)
		return -1;
	/* what DBCS printers and terminals do with “ · … */
	text_set_ambiguous_width(opt->encoding == TEXT_ENC_GB18030 ||
	                         opt->encoding == TEXT_ENC_GBK ? 2 : 1);
	lines = report_stats_layout(&s, width, NULL, &n);
	if (!lines) {
		text_set_ambiguous_width(keep_width);
		res->error = N_("out of memory");
		return -1;
	}
	res->pages = (unsigned)((n + body - 1) / body);
	res->records = (unsigned long)s.members;
	/* UTF-8 with a BOM: what Windows Notepad reads as UTF-8 for sure */
	if (opt->encoding == TEXT_ENC_UTF8_BOM && fputs("\xEF\xBB\xBF", f) == EOF)
		o.failed = true;
	for (unsigned page = 1; page <= res->pages; page++) {
		char *line;
		int i;

		if (page > 1 && fputc('\f', f) == EOF)
			o.failed = true;
		header(&o, opt, date, width);
		for (i = 0; i < body; i++) {
			int at = (int)(page - 1) * body + i;

			put_line(&o, at < n ? lines[at] : "");
		}
		put_line(&o, "");
		line = report_footer(page, res->pages, head, width);
		put_line(&o, line ? line : "");
		free(line);
	}
	report_stats_free(lines, n);
	text_set_ambiguous_width(keep_width);
	if (o.failed) {
		res->error = N_("the report could not be written");
		return -1;
	}
	return 0;
}

/* --- CSV ---------------------------------------------------------------- */

int report_stats_csv(struct db *db, const char *date, struct csv_writer *w,
                     struct report_result *res)
{
	static const char *const head[] = { "统计日期", "分组", "项目", "人数", "占比（%）" };
	struct member_stats_line v[MEMBER_STATS_LINES];
	struct member_stats s;
	const char *group = "";
	int n, i, rc;

	memset(res, 0, sizeof *res);
	if (member_stats_count(db, date, &s) != DB_OK) {
		res->error = N_("the database could not be read");
		res->detail = db_errmsg(db);
		return -1;
	}
	for (i = 0; i < 5; i++)
		csv_write_field(w, head[i], 0);
	rc = csv_write_end(w);
	n = member_stats_lines(&s, v);
	for (i = 0; i < n && rc >= 0; i++) {
		char count[32], share[16];
		const char *sep;

		if (v[i].kind == MEMBER_STATS_HEADING) {
			/* "一、党员人数": the group without its number */
			sep = strstr(v[i].zh, "、");
			group = sep ? sep + strlen("、") : v[i].zh;
			continue;
		}
		snprintf(count, sizeof count, "%lld", (long long)v[i].count);
		share_text(v[i].share, share);
		if (*share)
			share[strlen(share) - 1] = '\0';        /* the % is in the heading */
		csv_write_field(w, s.date, 0);
		csv_write_field(w, group, 0);
		csv_write_field(w, v[i].zh, 0);
		csv_write_field(w, count, 0);
		csv_write_field(w, share, 0);
		rc = csv_write_end(w);
		if (rc > 0 && (rc & CSV_WROTE_LOSSY))
			res->lossy++;
		res->records++;
	}
	if (rc < 0) {
		res->error = N_("the report could not be written");
		return -1;
	}
	return 0;
}

/* --- PDF ----------------------------------------------------------------- */

struct report_pdf_part *report_stats_part(struct db *db, const char *date,
                                          struct report_result *res)
{
	struct report_pdf_part *p = NULL;
	struct member_stats s;
	char **lines, head[DB_AUDIT_HEAD_SIZE], day[32];
	int keep_width = text_ambiguous_width(), n = 0;

	memset(res, 0, sizeof *res);
	if (stats_count(db, date, &s, head, res) < 0)
		return NULL;
	/* the PDF's fixed-width font draws “ · … one column wide */
	text_set_ambiguous_width(1);
	lines = report_stats_layout(&s, REPORT_WIDTH, NULL, &n);
	text_set_ambiguous_width(keep_width);
	if (lines) {
		/* the day counted on first, as under the text's title */
		char **all = malloc((size_t)(n + 2) * sizeof *all);

		chinese_date(date, day);
		if (all) {
			all[0] = dup_printf("%*s统计日期：%s", (REPORT_WIDTH - 10 -
			                    text_width(day)) / 2, "", day);
			all[1] = (char *)"";
			memcpy(all + 2, lines, (size_t)n * sizeof *lines);
			p = all[0] ? report_pdf_lines(REPORT_STATS_TITLE, all, n + 2,
			                              head) : NULL;
			free(all[0]);
		}
		free(all);
		report_stats_free(lines, n);
	}
	if (!p)
		res->error = N_("out of memory");
	res->records = (unsigned long)s.members;
	return p;
}

int report_stats_pdf(struct db *db, const char *date,
                     const struct report_options *o, FILE *out,
                     struct report_result *res)
{
	return report_pdf_one(report_stats_part(db, date, res), o, out, res);
}

int report_stats_job_write(void *job, const struct report_options *o, FILE *out,
                           struct report_result *res)
{
	struct report_stats_job *j = job;

	return o->pdf ? report_stats_pdf(j->db, j->date, o, out, res) :
	       report_stats_text(j->db, j->date, o, out, res);
}

int report_stats_print(struct db *db, const char *date,
                       const struct report_options *o, bool quiet,
                       struct report_result *res)
{
	struct report_stats_job j = { db, date };

	return report_print_job(REPORT_STATS_TITLE, report_stats_job_write, &j, o, quiet, res);
}
