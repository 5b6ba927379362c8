/* report.c - printable ledgers (report.h).
 *
 * Two passes over the register inside one read transaction: the first
 * measures every row's height to count the pages (the footer names the
 * total), the second lays the pages out.  Each page is built as UTF-8
 * lines and encoded line by line on the way out.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gettext.h"
#include "query.h"
#include "report.h"
#include "report_pdf.h"
#include "store.h"
#include "validate.h"

#define MAX_COLUMNS 32
#define HEADER_LINES 7          /* title, blank, branch/date, date/blank,
                                 * two tiers of headings, rule */
#define FOOTER_LINES 2          /* blank, 第 N 页 共 M 页 and the head */
#define MAX_PIECES 64           /* lines one value may wrap to (the
                                 * longest field, 200 characters, needs
                                 * 50 at a width of 8) */

struct cells;

struct layout {
	const struct report_def *d;
	const struct report_options *o;
	const struct field *field[MAX_COLUMNS];
	int x[MAX_COLUMNS], width[MAX_COLUMNS];
	int ncols;
	int width_total, lines, body;
	unsigned long number;           /* rows so far */
	unsigned pages;                 /* known after the first pass */
	/* the page being laid out */
	unsigned page;
	int used;                       /* body lines used */
	char **text;                    /* its lines, UTF-8 */
	int nlines;
	FILE *out;
	struct report_result *res;
	bool counting;
	bool failed;
	struct cells *cells;            /* the row being laid out */
	char *title;                    /* with what the filter selects */
	struct db *db;                  /* for D's under hook */
	char *under;                    /* REPORT_UNDER bytes: its text */
	char head[DB_AUDIT_HEAD_SIZE];  /* of the change log, as read */
};

/* --- wrapping ----------------------------------------------------------- */

struct piece {
	const char *s;
	size_t len;
};

/* Split S into pieces of at most COLS columns: at line breaks, else
 * between characters (after a space when a Latin word would be cut). */
static int wrap(const char *s, int cols, struct piece *p, int max)
{
	char seg[2048];
	int n = 0;

	while (*s && n < max) {
		size_t seglen = strcspn(s, "\n"), k;
		const char *start = s;

		if (seglen >= sizeof seg)
			seglen = sizeof seg - 1;
		memcpy(seg, s, seglen);
		seg[seglen] = '\0';
		k = 0;
		do {
			size_t fit = text_fit(seg + k, cols, NULL);

			if (fit == 0 && seg[k]) {
				/* one character wider than the column: alone */
				uint32_t cp;
				int len = text_utf8_decode(seg + k, seglen - k, &cp);

				fit = len > 0 ? (size_t)len : 1;
			}
			if (k + fit < seglen && fit > 1) {
				size_t sp = fit;

				while (sp > 0 && seg[k + sp - 1] != ' ')
					sp--;
				if (sp > 0 && seg[k + fit] != ' ' &&
				    (unsigned char)seg[k + fit] < 0x80 &&
				    (unsigned char)seg[k + fit - 1] < 0x80)
					fit = sp;
			}
			if (n < max) {
				p[n].s = start + k;
				p[n].len = fit;
				n++;
			}
			k += fit;
			while (k < seglen && seg[k] == ' ' && k > 0)
				k++;    /* no piece starts with the space it broke at */
		} while (k < seglen && n < max);
		s += strcspn(s, "\n");
		if (*s == '\n')
			s++;
	}
	return n;
}

/* --- values --------------------------------------------------------------- */

static void cell_value(struct layout *l, int c, const void *rec, char *buf,
                       size_t bufsz, const char **out)
{
	const struct field *f = l->field[c];
	const char *v;

	if (!f) {
		snprintf(buf, bufsz, "%lu", l->number);
		*out = buf;
		return;
	}
	v = FIELD_VALUE(rec, f);
	if (f->type == F_ID_NUMBER && !l->o->full_id && *v) {
		char m[19];

		valid_id_mask(v, m);
		snprintf(buf, bufsz, "%s", m);
		v = buf;
	}
	*out = v;
}

/* Wrapped values of one record: pieces per column and each tier's height.
 * A column's pieces start SHIFT lines down its tier (below a whole value
 * that took the line); a SPAN piece runs past its column to the line's
 * end. */
struct cells {
	char buf[MAX_COLUMNS][32];
	const char *value[MAX_COLUMNS];
	struct piece piece[MAX_COLUMNS][MAX_PIECES];
	int n[MAX_COLUMNS];
	int shift[MAX_COLUMNS];
	bool span[MAX_COLUMNS];
	int height[2];
};

static void cells_fill(struct layout *l, const void *rec, struct cells *c)
{
	int spans[2] = { 0, 0 };        /* whole values laid out so far */

	c->height[0] = c->height[1] = 1;
	/* columns come in the order they stand on the line */
	for (int i = 0; i < l->ncols; i++) {
		int tier = l->d->columns[i].tier ? 1 : 0;
		const char *v;
		int w;

		cell_value(l, i, rec, c->buf[i], sizeof c->buf[i], &c->value[i]);
		v = c->value[i];
		w = text_width(v);
		c->shift[i] = spans[tier];
		c->span[i] = l->d->columns[i].whole && w > l->width[i] &&
		             w <= l->width_total - l->x[i] && !strchr(v, '\n');
		if (c->span[i]) {
			c->piece[i][0].s = v;
			c->piece[i][0].len = strlen(v);
			c->n[i] = 1;
			spans[tier]++;
		} else {
			c->n[i] = wrap(v, l->width[i], c->piece[i], MAX_PIECES);
		}
		if (c->shift[i] + c->n[i] > c->height[tier])
			c->height[tier] = c->shift[i] + c->n[i];
	}
}

/* --- lines and pages ----------------------------------------------------- */

/* A line from cells: the pieces at index LINE of every column of TIER. */
static char *tier_line(struct layout *l, struct cells *c, int tier, int line)
{
	size_t cap = (size_t)l->width_total * 4 + 64, len = 0;
	char *s = malloc(cap), padded[1024];
	int at = 0;

	if (!s)
		return NULL;
	for (int i = 0; i < l->ncols; i++) {
		char piece[1024];
		size_t n = 0, plen;
		int k = line - c->shift[i], w = l->width[i];
		bool span;

		if ((l->d->columns[i].tier ? 1 : 0) != tier)
			continue;
		if (k >= 0 && k < c->n[i]) {
			n = c->piece[i][k].len;
			if (n >= sizeof piece)
				n = sizeof piece - 1;
			memcpy(piece, c->piece[i][k].s, n);
		}
		piece[n] = '\0';
		/* a whole value past its column: the columns after it are
		 * empty on this line (they start below it) */
		span = c->span[i] && k == 0;
		if (span)
			w = text_width(piece);
		text_pad(padded, sizeof padded, piece, w,
		         l->d->columns[i].right, false);
		plen = strlen(padded);
		if (len + (size_t)(l->x[i] - at) + plen + 1 > cap)
			break;
		/* spaces up to the column's start */
		for (; at < l->x[i]; at++)
			s[len++] = ' ';
		memcpy(s + len, padded, plen);
		len += plen;
		at += w;
		if (span)
			break;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	s[len] = '\0';
	return s;
}

static void page_add(struct layout *l, char *line)
{
	if (!line || l->nlines >= l->lines) {
		free(line);
		l->failed = true;
		return;
	}
	l->text[l->nlines++] = line;
}

/* The footer of a page: the page's number centered, and flush right
 * the change log's head, its place and the first REPORT_HEAD_HEX digits
 * of its hash, for "zhibu check --head" to compare a paper copy with the
 * file later ("?" when the log's last row has no valid hash). */
char *report_title(struct db *db, const struct report_def *d, const struct query *q)
{
	const struct query_def *qd = d->table->query;
	char scope[1024] = "", value[QUERY_VALUE + 8];
	char *out, *search;
	size_t len = 0;
	int i = 0;

	for (const struct query_filter *qf = q && qd ? qd->filters : NULL;
	     qf && qf->option && i < QUERY_FILTERS_MAX; qf++, i++) {
		const struct field *f = qf->field ?
		                        field_find(d->table->store->fields, qf->field) : NULL;
		const char *v = q->value[i];

		if (!*v)
			continue;
		if (!f) {
			/* a named condition (流动党员's 联系超期) says itself */
			len += (size_t)snprintf(scope + len, sizeof scope - len, "%s%s",
			                        len ? "；" : "", strcmp(v, "*") ? v : "全部");
			if (len >= sizeof scope)
				len = sizeof scope - 1;
			continue;
		}
		if (strcmp(v, "*") == 0)
			snprintf(value, sizeof value, "全部");
		else if (qf->kind == QF_GROUP &&
		         store_group_name(db, strtoll(v, NULL, 10), value, sizeof value) != DB_OK)
			snprintf(value, sizeof value, "?");
		else if (qf->kind != QF_GROUP)
			snprintf(value, sizeof value, "%s", v);
		len += (size_t)snprintf(scope + len, sizeof scope - len, "%s%s：%s",
		                        len ? "；" : "", f->header, value);
		if (len >= sizeof scope)
			len = sizeof scope - 1;
	}
	search = q && q->search[0] ? text_sanitize(q->search) : NULL;
	if (search)
		snprintf(scope + len, sizeof scope - len, "%s查找：%s", len ? "；" : "", search);
	free(search);
	if (!scope[0])
		return strdup(d->title);
	if (asprintf(&out, "%s（%s）", d->title, scope) < 0)
		return NULL;
	return out;
}

int report_column_field(const struct report_def *d, int i, const struct field **f)
{
	const char *key = d->columns[i].key;

	*f = NULL;
	if (strcmp(key, "#") == 0)
		return 0;
	*f = field_find(d->table->store->fields, key);
	return *f && strcmp((*f)->key, key) == 0 ? 0 : -1;
}

char *report_footer(unsigned page, unsigned pages, const char *head, int width)
{
	char number[64], mark[64];
	const char *colon = head ? strchr(head, ':') : NULL;
	int w, pad, gap;
	char *out;

	snprintf(number, sizeof number, "第 %u 页 共 %u 页", page, pages);
	if (colon)
		snprintf(mark, sizeof mark, "变更日志 %.*s:%.*s", (int)(colon - head), head,
		         REPORT_HEAD_HEX, colon + 1);
	else
		snprintf(mark, sizeof mark, "变更日志 ?");
	w = text_width(number);
	pad = (width - w) / 2;
	if (pad < 0)
		pad = 0;
	gap = width - pad - w - text_width(mark);
	/* a page too narrow for both apart: one after the other */
	if (gap < 2) {
		pad = 0;
		gap = 2;
	}
	out = malloc(strlen(number) + strlen(mark) + (size_t)(pad + gap) + 1);
	if (out)
		sprintf(out, "%*s%s%*s%s", pad, "", number, gap, "", mark);
	return out;
}

/* S centered in the page's width. */
static char *centered(const struct layout *l, const char *s)
{
	int w = text_width(s), pad = (l->width_total - w) / 2;
	char *out = malloc(strlen(s) + (size_t)(pad > 0 ? pad : 0) + 1);

	if (!out)
		return NULL;
	sprintf(out, "%*s%s", pad > 0 ? pad : 0, "", s);
	return out;
}

/* LEFT and RIGHT on one line, RIGHT flush with the page's edge. */
static char *both_ends(const struct layout *l, const char *left, const char *right)
{
	int gap = l->width_total - text_width(left) - text_width(right);
	char *out = malloc(strlen(left) + strlen(right) + (size_t)(gap > 0 ? gap : 0) + 2);

	if (!out)
		return NULL;
	sprintf(out, "%s%*s%s", left, gap > 0 ? gap : 1, "", right);
	return out;
}

static void page_header(struct layout *l)
{
	char date[64] = "", branch[512] = "", *line;
	int y, m, d;

	page_add(l, centered(l, l->title ? l->title : l->d->title));
	page_add(l, strdup(""));
	if (l->o->date && sscanf(l->o->date, "%d-%d-%d", &y, &m, &d) == 3)
		snprintf(date, sizeof date, "制表日期：%d年%d月%d日", y, m, d);
	if (l->o->branch && *l->o->branch)
		snprintf(branch, sizeof branch, "支部：%s", l->o->branch);
	if (text_width(branch) + text_width(date) + 2 <= l->width_total) {
		page_add(l, both_ends(l, branch, date));
		page_add(l, strdup(""));
	} else {
		/* a long name: the branch and the date on lines of their own */
		size_t sz = strlen(branch) + (size_t)l->width_total + 8;

		line = malloc(sz);
		if (line) {
			size_t n = text_pad(line, sz, branch, l->width_total,
			                    false, true);

			while (n > 0 && line[n - 1] == ' ')
				line[--n] = '\0';
		}
		page_add(l, line);
		page_add(l, both_ends(l, "", date));
	}
	/* the headings are the columns' values on a one-line record */
	{
		struct cells *c = calloc(1, sizeof *c);

		if (!c) {
			l->failed = true;
			return;
		}
		c->height[0] = c->height[1] = 1;
		for (int i = 0; i < l->ncols; i++) {
			const char *h = l->d->columns[i].heading ?
			                l->d->columns[i].heading :
			                l->field[i]->header;

			c->n[i] = 1;
			c->piece[i][0].s = h;
			c->piece[i][0].len = text_fit(h, l->width[i], NULL);
		}
		page_add(l, tier_line(l, c, 0, 0));
		page_add(l, tier_line(l, c, 1, 0));
		free(c);
	}
	line = malloc((size_t)l->width_total + 1);
	if (line) {
		memset(line, '-', (size_t)l->width_total);
		line[l->width_total] = '\0';
	}
	page_add(l, line);
}

static void write_line(struct layout *l, const char *line)
{
	char *out, *s;
	size_t outlen;
	bool lossy = false;
	int rc;

	/* The last wall before a terminal or a printer: the cells are shown
	 * forms already (text_pad), the header's branch name is not. */
	s = text_sanitize(line);
	rc = s ? csv_encode(l->o->encoding, s, strlen(s), &out, &outlen, &lossy) : -1;
	free(s);
	if (rc < 0) {
		l->failed = true;
		return;
	}
	if (fwrite(out, 1, outlen, l->out) != outlen ||
	    (l->o->crlf && fputc('\r', l->out) == EOF) ||
	    fputc('\n', l->out) == EOF)
		l->failed = true;
	free(out);
	if (lossy)
		l->res->lossy++;
}

static void page_begin(struct layout *l)
{
	l->page++;
	l->used = 0;
	if (l->counting)
		return;
	l->nlines = 0;
	page_header(l);
}

/* Finish the page: blank lines down to the footer, which names the
 * page, and out it goes. */
static void page_end(struct layout *l)
{
	if (l->counting)
		return;
	if (l->number == 0)
		page_add(l, strdup("（无记录）"));
	while (l->nlines < l->lines - 1)
		page_add(l, strdup(""));
	page_add(l, report_footer(l->page, l->pages, l->head, l->width_total));
	if (l->page > 1 && fputc('\f', l->out) == EOF)
		l->failed = true;
	for (int i = 0; i < l->nlines; i++) {
		if (l->text[i])
			write_line(l, l->text[i]);
		free(l->text[i]);
		l->text[i] = NULL;
	}
	l->nlines = 0;
}

/* What D's under hook says of REC, from tier 1's column on, wrapped;
 * a new page when the page is full. */
static void under_lines(struct layout *l, const void *rec)
{
	struct piece p[MAX_PIECES];
	int n, cols = l->width_total - l->d->indent;

	l->under[0] = '\0';
	l->d->under(l->db, rec, l->o->date, l->under, REPORT_UNDER);
	n = l->under[0] ? wrap(l->under, cols, p, MAX_PIECES) : 0;
	for (int i = 0; i < n; i++) {
		char *line;

		if (l->used == l->body) {
			page_end(l);
			page_begin(l);
		}
		if (!l->counting &&
		    asprintf(&line, "%*s%.*s", l->d->indent, "", (int)p[i].len, p[i].s) >= 0)
			page_add(l, line);
		l->used++;
	}
}

static int report_row(void *ctx, const void *rec)
{
	struct layout *l = ctx;
	struct cells *c = l->cells;
	int height;

	l->number++;
	cells_fill(l, rec, c);
	height = c->height[0] + c->height[1];
	if (l->used > 0 && l->used + height > l->body) {
		page_end(l);
		page_begin(l);
	}
	for (int t = 0; t < 2; t++) {
		for (int i = 0; i < c->height[t]; i++) {
			if (l->used == l->body) {
				/* only a row longer than a page gets here */
				page_end(l);
				page_begin(l);
			}
			if (!l->counting)
				page_add(l, tier_line(l, c, t, i));
			l->used++;
		}
	}
	if (l->d->under && l->under)
		under_lines(l, rec);
	return l->failed ? 1 : 0;
}

/* Lay out the columns: X and width of each, tier 1 from D->indent. */
static int layout_init(struct layout *l, const struct report_def *d,
                       const struct report_options *o)
{
	int x[2] = { 0, d->indent };

	memset(l, 0, sizeof *l);
	l->d = d;
	l->o = o;
	l->width_total = o->width > 0 ? o->width : REPORT_WIDTH;
	l->lines = o->lines > 0 ? o->lines : REPORT_LINES;
	l->body = l->lines - HEADER_LINES - FOOTER_LINES;
	if (l->body < 1)
		return -1;
	for (int i = 0; d->columns[i].key; i++) {
		const struct report_column *c = &d->columns[i];
		int t = c->tier ? 1 : 0;

		if (i >= MAX_COLUMNS)
			return -1;
		if (report_column_field(d, i, &l->field[i]) < 0)
			return -1;
		l->x[i] = x[t];
		l->width[i] = c->width > 0 ? c->width : l->width_total - x[t];
		if (l->width[i] < 2)
			l->width[i] = 2;
		x[t] += l->width[i] + 1;
		l->ncols++;
	}
	l->text = calloc((size_t)l->lines + 1, sizeof *l->text);
	l->cells = malloc(sizeof *l->cells);
	return l->text && l->cells ? 0 : -1;
}

int report_text(struct db *db, const struct report_def *d,
                const struct report_options *o, FILE *out,
                struct report_result *res)
{
	struct layout l;
	sqlite3 *h = db_handle(db);
	bool own_tx = sqlite3_get_autocommit(h) != 0;
	int keep_width = text_ambiguous_width();
	int rc = 0;

	memset(res, 0, sizeof *res);
	if (layout_init(&l, d, o) < 0) {
		free(l.text);
		free(l.cells);
		res->error = N_("the report's layout does not fit the page");
		return -1;
	}
	l.out = out;
	l.res = res;
	l.title = report_title(db, d, o->filter);
	l.db = db;
	l.under = d->under ? malloc(REPORT_UNDER) : NULL;
	/* what DBCS printers and terminals do with “ · … */
	text_set_ambiguous_width(o->encoding == TEXT_ENC_GB18030 ||
	                         o->encoding == TEXT_ENC_GBK ? 2 : 1);
	/* both passes must see the same rows */
	if (own_tx && sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		res->error = N_("the database could not be read");
		res->detail = sqlite3_errmsg(h);
		rc = -1;
		goto out;
	}
	/* both passes read one snapshot: the page count of the first is the
	 * "共 M 页" of the second, and the footer's head is the change log's
	 * when these rows were read */
	db_long_read(db, true);
	if (db_audit_head(db, l.head) != DB_OK)
		l.head[0] = '\0';
	/* UTF-8 with a BOM: what Windows Notepad reads as UTF-8 for sure */
	if (o->encoding == TEXT_ENC_UTF8_BOM && fputs("\xEF\xBB\xBF", out) == EOF)
		l.failed = true;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		l.counting = pass == 0;
		l.number = 0;
		l.page = 0;
		page_begin(&l);
		rc = io_each(db, d->table, o->filter, report_row, &l);
		if (rc == 0 && !l.failed)
			page_end(&l);
		if (pass == 0)
			l.pages = l.page;
	}
	db_long_read(db, false);
	if (rc == 1 || l.failed) {
		res->error = N_("the report could not be written");
		rc = -1;
	} else if (rc != 0) {
		res->error = N_("the database could not be read");
		res->detail = db_errmsg(db);
		rc = -1;
	}
	res->records = l.number;
	res->pages = l.pages;
	if (own_tx)
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
out:
	for (int i = 0; i < l.nlines; i++)
		free(l.text[i]);
	free(l.text);
	free(l.cells);
	free(l.title);
	free(l.under);
	text_set_ambiguous_width(keep_width);
	return rc;
}

/* --- printing ----------------------------------------------------------- */

bool report_lp_found(void)
{
	const char *path = getenv("PATH");
	char buf[4096];

	while (path && *path) {
		size_t n = strcspn(path, ":");

		if (n > 0 && n + sizeof "/lp" < sizeof buf) {
			memcpy(buf, path, n);
			memcpy(buf + n, "/lp", sizeof "/lp");
			if (access(buf, X_OK) == 0)
				return true;
		}
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

/* The first line of what lp wrote to F (in the locale's codeset) into
 * RES->said as UTF-8 fit to show. */
static void lp_said(FILE *f, struct report_result *res)
{
	char buf[sizeof res->said], *utf8 = NULL, *shown;
	size_t n;

	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (!buf[0])
		return;
	if (text_convert(nl_langinfo(CODESET), "UTF-8", buf, strlen(buf), &utf8,
	                 NULL, NULL) != 0)
		utf8 = NULL;
	shown = text_sanitize(utf8 ? utf8 : buf);
	if (shown) {
		snprintf(res->said, sizeof res->said, "%.*s",
		         (int)text_fit(shown, 120, NULL), shown);
		res->detail = res->said;
	}
	free(shown);
	free(utf8);
}

int report_job_write(void *job, const struct report_options *o, FILE *out,
                     struct report_result *res)
{
	struct report_job *j = job;

	return o->pdf ? report_pdf(j->db, j->d, o, out, res) :
	       report_text(j->db, j->d, o, out, res);
}

int report_print(struct db *db, const struct report_def *d,
                 const struct report_options *o, bool quiet,
                 struct report_result *res)
{
	struct report_job j = { db, d };

	return report_print_job(d->title, report_job_write, &j, o, quiet, res);
}

int report_print_job(const char *title,
                     int (*write)(void *ctx, const struct report_options *o,
                                  FILE *out, struct report_result *res),
                     void *ctx, const struct report_options *o, bool quiet,
                     struct report_result *res)
{
	struct report_options po = *o;
	struct sigaction ign, keep;
	FILE *to_lp, *said = NULL;
	int fds[2], null = -1, st = 0, rc;
	pid_t pid;

	memset(res, 0, sizeof *res);
	po.encoding = TEXT_ENC_UTF8;
	po.crlf = false;
	po.width = po.lines = 0;
	po.pdf = true;
	if (!report_lp_found()) {
		res->error = N_("the command 'lp' was not found");
		return -1;
	}
	if (quiet) {
		/* lp must not write over the screen */
		said = tmpfile();
		null = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (!said || null < 0) {
			res->error = N_("lp could not be started");
			res->detail = strerror(errno);
			goto fail;
		}
	}
	if (pipe2(fds, O_CLOEXEC) < 0) {
		res->error = N_("lp could not be started");
		res->detail = strerror(errno);
		goto fail;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		if (quiet) {
			dup2(null, STDOUT_FILENO);
			dup2(fileno(said), STDERR_FILENO);
		}
		execlp("lp", "lp", "-t", title, "-o",
		       "document-format=application/pdf", (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	if (pid < 0 || !(to_lp = fdopen(fds[1], "w"))) {
		res->error = N_("lp could not be started");
		res->detail = strerror(errno);
		close(fds[1]);
		if (pid > 0)
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
		goto fail;
	}
	/* lp may stop reading: a write error, not death by SIGPIPE */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &keep);
	rc = write(ctx, &po, to_lp, res);
	if (rc != 0)
		kill(pid, SIGTERM);     /* no half a report on paper */
	if (fclose(to_lp) == EOF && rc == 0) {
		res->error = N_("the report could not be written");
		rc = -1;
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGPIPE, &keep, NULL);
	if (WIFEXITED(st) ? WEXITSTATUS(st) != 0 : !(rc != 0 && WIFSIGNALED(st))) {
		/* its complaint explains a broken pipe too */
		res->error = N_("lp could not print the report");
		res->detail = NULL;
		if (said)
			lp_said(said, res);
		rc = -1;
	}
	if (said)
		fclose(said);
	if (null >= 0)
		close(null);
	return rc;
fail:
	if (said)
		fclose(said);
	if (null >= 0)
		close(null);
	return -1;
}

int report_csv(struct db *db, const struct report_def *d,
               const struct report_options *o, struct csv_writer *w,
               struct report_result *res)
{
	struct io_export_options eo = { o->filter, !o->full_id, NULL, NULL, NULL };
	struct io_export_result er;
	int rc = io_export(db, d->table, w, &eo, &er);

	memset(res, 0, sizeof *res);
	res->records = er.records;
	res->lossy = er.lossy;
	res->replaced = er.replaced;
	res->error = er.error;
	res->detail = er.detail;
	return rc;
}
