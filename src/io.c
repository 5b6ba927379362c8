/* io.c - import and export through a field table (io.h).
 *
 * An import is one pass over the file inside one transaction.  Each row
 * is copied into a record buffer through the column-to-field map, checked
 * whole by the record type's check hook, tested against earlier rows of
 * the file and against the database by its unique value, and stored or
 * rejected with every problem it has.  The record buffers, the statement
 * cache and the two small hash sets are all that grows; rows are never
 * kept.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gettext.h"
#include "io.h"
#include "query.h"
#include "store.h"
#include "text.h"
#include "validate.h"

static const char msg_nomem[] = N_("out of memory");
static const char msg_empty[] = N_("the file is empty: there is no header row");
static const char msg_columns[] = N_("the header row does not name the required columns");
static const char msg_too_long[] = N_("is too long");
static const char msg_controls[] = N_("contains control characters");
static const char msg_extra[] = N_("the row has more cells than the header row");
static const char msg_twice[] = N_("appears twice in the file");
static const char msg_first_day[] = N_("the first of the month");

/* --- a set of strings with a number each ------------------------------- */

/* Open addressing over offsets into one arena: no allocation per entry. */
struct strmap {
	struct slot {
		size_t off;             /* into ARENA; 0 = empty */
		unsigned long value;
	} *slots;
	size_t cap, count;
	char *arena;
	size_t used, size;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037u;     /* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static struct slot *strmap_slot(struct strmap *m, const char *key)
{
	size_t i = (size_t)hash_str(key) & (m->cap - 1);

	while (m->slots[i].off && strcmp(m->arena + m->slots[i].off, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

/* The value stored for KEY, or 0. */
static unsigned long strmap_get(struct strmap *m, const char *key)
{
	return m->cap ? strmap_slot(m, key)->value : 0;
}

static bool strmap_grow(struct strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 256, i;
	struct slot *old = m->slots, *n = calloc(ncap, sizeof *n);

	if (!n)
		return false;
	m->slots = n;
	for (i = 0; i < m->cap; i++) {
		if (old[i].off) {
			size_t j = (size_t)hash_str(m->arena + old[i].off) & (ncap - 1);

			while (n[j].off)
				j = (j + 1) & (ncap - 1);
			n[j] = old[i];
		}
	}
	m->cap = ncap;
	free(old);
	return true;
}

/* Add KEY with VALUE (not 0) unless present; false when out of memory. */
static bool strmap_put(struct strmap *m, const char *key, unsigned long value)
{
	size_t len = strlen(key) + 1;
	struct slot *s;

	if ((m->count + 1) * 2 > m->cap && !strmap_grow(m))
		return false;
	s = strmap_slot(m, key);
	if (s->off)
		return true;
	if (m->used + len > m->size || !m->arena) {
		size_t nsize = m->size ? m->size : 4096;
		char *a;

		while (nsize < m->used + len + 1)
			nsize *= 2;
		a = realloc(m->arena, nsize);
		if (!a)
			return false;
		m->arena = a;
		m->size = nsize;
		if (m->used == 0)
			m->used = 1;    /* offset 0 means empty */
	}
	memcpy(m->arena + m->used, key, len);
	s->off = m->used;
	s->value = value;
	m->used += len;
	m->count++;
	return true;
}

static void strmap_free(struct strmap *m)
{
	free(m->slots);
	free(m->arena);
	memset(m, 0, sizeof *m);
}

/* --- columns ------------------------------------------------------------- */

#define MAX_FIELDS 64

static const char msg_unused[] =
	N_("a column assigned by hand is not in the header row");

static bool all_empty(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->count; i++)
		if (rec->fields[i].len)
			return false;
	return !rec->error;
}

/* The next record that is not all empty: csv_read's 1, 0 or -1. */
static int read_nonempty(struct csv_reader *r, struct csv_record *rec)
{
	int rc;

	do {
		rc = csv_read(r, rec);
	} while (rc == 1 && all_empty(rec));
	return rc;
}

bool io_field_required(const struct io_table *t, const struct field *f)
{
	if (!t->required)
		return (f->flags & FIELD_REQUIRED) != 0;
	for (size_t i = 0; t->required[i]; i++)
		if (strcmp(t->required[i], f->key) == 0)
			return true;
	return false;
}

const struct field *io_field_named(const struct io_table *t, const char *name)
{
	return field_by_header(t->store->fields, name, NULL);
}

static const struct field *field_by_key(const struct io_table *t, const char *key)
{
	for (const struct field *f = t->store->fields; f->key; f++)
		if (strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

/* Where assignments by hand for this header row are kept: the table and
 * a hash of the normalized header cells (trailing empty ones aside, as
 * spreadsheets add and drop them). */
static void header_setting(const struct io_table *t, const struct csv_record *rec,
                           char out[64])
{
	uint64_t h = 14695981039346656037u;     /* FNV-1a */
	size_t n = rec->count;
	char cell[256];

	while (n > 0 && rec->fields[n - 1].len == 0)
		n--;
	for (size_t i = 0; i < n; i++) {
		field_header_normalize(rec->fields[i].bad ? "" : rec->fields[i].text,
		                       cell, sizeof cell);
		for (const char *s = cell; *s; s++)
			h = (h ^ (unsigned char)*s) * 1099511628211u;
		h = (h ^ 0x1f) * 1099511628211u;
	}
	snprintf(out, 64, "import.columns.%s.%016llx", t->name,
	         (unsigned long long)h);
}

/* What each column is read as, from what is known of it: by hand (for
 * this import, or remembered), else by its values, else by its header
 * (a header or key before an alias).  A field given by several columns
 * goes to the strongest (by hand now, by hand before, by header, by
 * values, by alias); the others are left out, except that two columns
 * assigned it by hand now, or named by its header, both stay, for the
 * import to refuse as a field named twice. */
static void columns_resolve(struct io_columns *c)
{
	int prio[c->n ? c->n : 1];

	for (size_t i = 0; i < c->n; i++) {
		struct io_column *col = &c->col[i];

		col->other = 0;
		if (col->by_hand) {
			col->field = col->hand;
			col->how = col->remembered ? IO_COL_REMEMBERED : IO_COL_HAND;
			prio[i] = col->remembered ? 5 : 6;
		} else if (col->valued) {
			col->field = col->valued;
			col->how = IO_COL_VALUES;
			prio[i] = 2;
		} else if (col->named) {
			col->field = col->named;
			col->how = IO_COL_NAMED;
			prio[i] = col->exact ? 3 : 1;
		} else {
			col->field = NULL;
			col->how = col->header && *col->header ? IO_COL_UNKNOWN
			                                       : IO_COL_BLANK;
			prio[i] = 0;
		}
		col->wanted = col->field;
	}
	for (size_t i = 0; i < c->n; i++) {
		struct io_column *col = &c->col[i];
		int best = -1;
		size_t first = 0;

		if (!col->wanted)
			continue;
		for (size_t j = 0; j < c->n; j++) {
			if (c->col[j].wanted == col->wanted && prio[j] > best) {
				best = prio[j];
				first = j;
			}
		}
		if (prio[i] == best && (i == first || best == 6 || best == 3))
			continue;
		col->field = NULL;
		col->how = IO_COL_SHADOWED;
		col->other = (unsigned)first + 1;
	}
}

/* Assignments remembered for this header row: lines "COLUMN=KEY", an
 * empty KEY for a column left out. */
static void columns_remembered(struct db *db, const struct io_table *t,
                               struct io_columns *c)
{
	char *v = db ? db_get_setting(db, c->setting) : NULL;
	char *line, *save = NULL;

	if (!v)
		return;
	for (line = strtok_r(v, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		unsigned long col;
		const struct field *f = NULL;

		if (!eq)
			continue;
		*eq = '\0';
		col = strtoul(line, NULL, 10);
		if (col < 1 || col > c->n || (eq[1] && !(f = field_by_key(t, eq + 1))))
			continue;
		c->col[col - 1].by_hand = true;
		c->col[col - 1].remembered = true;
		c->col[col - 1].hand = f;
	}
	free(v);
}

/* Which column assignment A means: its 0-based index, or -1. */
static long assign_column(const struct io_columns *c, const struct csv_record *rec,
                          const struct io_assign *a)
{
	char want[256], cell[256];
	char *end;
	unsigned long n;

	if (a->column)
		return a->column <= c->n ? (long)a->column - 1 : -1;
	if (!a->header)
		return -1;
	field_header_normalize(a->header, want, sizeof want);
	for (size_t i = 0; i < rec->count && want[0]; i++) {
		if (rec->fields[i].bad)
			continue;
		field_header_normalize(rec->fields[i].text, cell, sizeof cell);
		if (strcmp(cell, want) == 0)
			return (long)i;
	}
	n = strtoul(a->header, &end, 10);
	if (a->header[0] >= '0' && a->header[0] <= '9' && *end == '\0' &&
	    n >= 1 && n <= c->n)
		return (long)n - 1;
	return -1;
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* Read the data rows as far as needed to tell, for each column whose
 * header names a choice field, whether its values are that field's: a
 * column none of whose values fit its field and all of whose values fit
 * one other choice field is read as that one (one system exports 正式/预备
 * under 党籍状态, another 正式党员/预备党员 under 人员类别).  A column is
 * settled by its first value that fits its own field (at once, in most
 * files) or fits no other; reading stops when every one is settled.
 * Then R is rewound and left after the header row again: 0, or -1. */
static int columns_by_values(const struct io_table *t, struct csv_reader *r,
                             struct io_columns *c)
{
	struct cand {
		size_t col;
		uint64_t fits;          /* choice fields every value fits */
		unsigned long values;
		bool settled;
	} *cand;
	const struct field *fields = t->store->fields;
	uint64_t choice = 0;
	size_t n = 0, open, nf = 0;
	struct csv_record rec;
	int rc;

	for (const struct field *f = fields; f->key && nf < MAX_FIELDS; f++, nf++)
		if (f->type == F_CHOICE && f->choices)
			choice |= (uint64_t)1 << nf;
	cand = calloc(c->n ? c->n : 1, sizeof *cand);
	if (!cand)
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		const struct field *f = c->col[i].named;
		size_t fi;

		if (c->col[i].by_hand || !f || f->type != F_CHOICE || !f->choices)
			continue;
		fi = (size_t)(f - fields);
		cand[n++] = (struct cand){ i, choice & ~((uint64_t)1 << fi), 0, false };
	}
	if (n == 0 || !csv_reader_can_rewind(r)) {
		free(cand);
		return 0;
	}
	open = n;
	while (open > 0 && (rc = csv_read(r, &rec)) == 1) {
		for (size_t k = 0; k < n; k++) {
			struct cand *cd = &cand[k];
			const struct csv_field *cell;

			if (cd->settled || cd->col >= rec.count)
				continue;
			cell = &rec.fields[cd->col];
			if (cell->bad || blank(cell->text) || rec.error)
				continue;
			if (valid_choice(c->col[cd->col].named->choices, cell->text)) {
				cd->settled = true;
				cd->fits = 0;
				open--;
				continue;
			}
			cd->values++;
			for (size_t fi = 0; fi < nf; fi++)
				if ((cd->fits >> fi & 1) &&
				    !valid_choice(fields[fi].choices, cell->text))
					cd->fits &= ~((uint64_t)1 << fi);
			if (!cd->fits) {
				cd->settled = true;
				open--;
			}
		}
	}
	for (size_t k = 0; k < n; k++) {
		struct cand *cd = &cand[k];

		/* one other field, not two: a guess is no reading */
		if (cd->values && cd->fits && !(cd->fits & (cd->fits - 1))) {
			size_t fi = 0;

			while (!(cd->fits >> fi & 1))
				fi++;
			c->col[cd->col].valued = &fields[fi];
			c->col[cd->col].values = cd->values;
		}
	}
	free(cand);
	if (csv_reader_rewind(r) < 0 || read_nonempty(r, &rec) != 1)
		return -1;
	return 0;
}

int io_columns_read(struct db *db, const struct io_table *t,
                    struct csv_reader *r, const struct io_assign *a, size_t na,
                    struct io_columns *c, const char **error)
{
	struct csv_record rec;
	int rc;

	memset(c, 0, sizeof *c);
	*error = NULL;
	rc = read_nonempty(r, &rec);
	if (rc < 0) {
		*error = csv_reader_error(r, NULL);
		return -1;
	}
	if (rc == 0) {
		*error = msg_empty;
		return 1;
	}
	c->col = calloc(rec.count, sizeof *c->col);
	if (!c->col) {
		*error = msg_nomem;
		return -1;
	}
	c->n = rec.count;
	c->line = rec.line;
	header_setting(t, &rec, c->setting);
	for (size_t i = 0; i < rec.count; i++) {
		const struct csv_field *cell = &rec.fields[i];
		struct io_column *col = &c->col[i];

		col->header = text_sanitize(cell->bad ? "?" : cell->text);
		if (!col->header) {
			*error = msg_nomem;
			return -1;
		}
		if (!cell->bad)
			col->named = field_by_header(t->store->fields, cell->text, &col->exact);
	}
	columns_remembered(db, t, c);
	for (size_t k = 0; k < na; k++) {
		long i = assign_column(c, &rec, &a[k]);

		if (i < 0) {
			c->unused = a[k].header;
			*error = msg_unused;
			return -1;
		}
		c->col[i].by_hand = true;
		c->col[i].remembered = false;
		c->col[i].hand = a[k].field;
	}
	if (columns_by_values(t, r, c) < 0) {
		*error = csv_reader_error(r, NULL);
		if (!*error)
			*error = msg_nomem;
		return -1;
	}
	columns_resolve(c);
	return 0;
}

int io_columns_assign(struct io_columns *c, size_t col, const struct field *f)
{
	int before = f ? io_columns_find(c, f) : -1;

	if (col >= c->n)
		return -1;
	c->col[col].by_hand = true;
	c->col[col].remembered = false;
	c->col[col].hand = f;
	columns_resolve(c);
	return before == (int)col ? -1 : before;
}

int io_columns_find(const struct io_columns *c, const struct field *f)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->col[i].field == f)
			return (int)i;
	return -1;
}

int io_columns_remember(struct db *db, const struct io_columns *c)
{
	char *v = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&v, &len);
	int rc;

	if (!f)
		return DB_ERROR;
	for (size_t i = 0; i < c->n; i++)
		if (c->col[i].by_hand)
			fprintf(f, "%zu=%s\n", i + 1,
			        c->col[i].hand ? c->col[i].hand->key : "");
	if (fclose(f) != 0) {
		free(v);
		return DB_ERROR;
	}
	rc = db_set_setting(db, c->setting, v);
	free(v);
	return rc;
}

void io_columns_free(struct io_columns *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->col[i].header);
	free(c->col);
	memset(c, 0, sizeof *c);
}

/* A date given only to the month, as old rosters keep 入党时间: 2010.07,
 * 2010-7, 2010/07, 2010年7月, 201007 (full-width digits too).  True and
 * YYYY-MM in OUT if S is one. */
static bool month_only(const char *s, char out[8])
{
	char b[32];
	const char *p;
	int y, m = 0, k;

	if (strlen(s) >= sizeof b)
		return false;
	strcpy(b, s);
	text_halfwidth(b);
	text_trim(b);
	for (k = 0; b[k] >= '0' && b[k] <= '9'; k++)
		;
	if (k == 6 && b[6] == '\0') {
		m = (b[4] - '0') * 10 + (b[5] - '0');
	} else if (k == 4) {
		p = b + 4;
		if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else if (strncmp(p, "年", strlen("年")) == 0)
			p += strlen("年");
		else
			return false;
		for (k = 0; p[k] >= '0' && p[k] <= '9'; k++)
			m = m * 10 + (p[k] - '0');
		if (k < 1 || k > 2)
			return false;
		p += k;
		if (b[4] != '-' && b[4] != '/' && b[4] != '.' &&
		    strncmp(p, "月", strlen("月")) == 0)
			p += strlen("月");
		if (*p)
			return false;
	} else {
		return false;
	}
	y = (b[0] - '0') * 1000 + (b[1] - '0') * 100 + (b[2] - '0') * 10 + (b[3] - '0');
	if (y < 1900 || y > 2100 || m < 1 || m > 12)
		return false;
	snprintf(out, 8, "%04d-%02d", y, m);
	return true;
}

/* --- the import ---------------------------------------------------------- */

struct import {
	struct db *db;
	const struct io_table *t;
	const struct io_import_options *o;
	struct io_import_result *res;
	const char *today;
	char today_buf[11];
	struct io_columns columns;
	const struct field **cols;      /* field of each column, or NULL */
	size_t ncols;
	size_t nfields;
	const struct field *unique;
	bool partial;                   /* an update file without every
	                                 * column a new record needs */
	void *rec, *found;
	struct strmap seen;             /* unique values: first line */
	struct strmap groups;           /* party groups known or made */
	char **new_groups;              /* in order of first use */
	size_t n_new_groups;
	/* dates given to the month, in the rows accepted: per field, those
	 * left on the first of the month and those the hook placed */
	unsigned long month_first[MAX_FIELDS], month_hook[MAX_FIELDS];
	const char *month_how[MAX_FIELDS];
	long long reported_ms;          /* when progress was last reported */
	bool storing;                   /* rows are written as they pass */
	bool bulk;                      /* db_bulk is on */
	bool in_tx;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Tell the caller how far the import is: always when FORCE, else at most
 * ten times a second (the clock is read every 64 rows). */
static void progress(struct import *im, struct csv_reader *r,
                     enum io_phase phase, bool force)
{
	struct io_progress p;
	long long t;

	if (!im->o->progress || (!force && im->res->rows % 64 != 0))
		return;
	t = now_ms();
	if (!force && t - im->reported_ms < 100)
		return;
	im->reported_ms = t;
	p = (struct io_progress){ phase, im->res->rows, csv_reader_offset(r) };
	im->o->progress(im->o->ctx, &p);
}

int io_percent(size_t done, size_t total)
{
	if (total == 0)
		return -1;
	return done >= total ? 100 : (int)((double)done * 100 / (double)total);
}

static void notice(struct import *im, const struct io_notice *n)
{
	if (im->o->notice)
		im->o->notice(im->o->ctx, n);
}

/* Say what each column is read as, and check that the columns together
 * make records: every field at most once, the required ones there (in
 * an update file only the unique one). */
static int map_header(struct import *im)
{
	const struct io_table *t = im->t;
	const struct io_columns *c = &im->columns;
	unsigned where[MAX_FIELDS] = { 0 };
	bool bad = false;
	size_t i;

	im->cols = calloc(c->n ? c->n : 1, sizeof *im->cols);
	if (!im->cols) {
		im->res->error = msg_nomem;
		return -1;
	}
	im->ncols = c->n;
	for (i = 0; i < c->n; i++) {
		const struct io_column *col = &c->col[i];
		struct io_notice n = { .text = col->header, .column = (unsigned)i + 1 };
		size_t fi;
		bool said = true;

		/* how the column is read, said unless it is by its name */
		n.field = col->how == IO_COL_UNKNOWN ? NULL : col->field;
		switch (col->how) {
		case IO_COL_BLANK:
		case IO_COL_NAMED:
			said = false;
			break;
		case IO_COL_UNKNOWN:
			n.kind = IO_UNKNOWN_COLUMN;
			break;
		case IO_COL_SHADOWED:
			n = (struct io_notice){ .kind = IO_COLUMN_SHADOWED, .text = col->header,
			                        .column = n.column, .field = col->wanted,
			                        .other = col->other };
			break;
		case IO_COL_VALUES:
			n.kind = IO_COLUMN_BY_VALUES;
			n.from = col->named;
			n.count = col->values;
			break;
		case IO_COL_HAND:
		case IO_COL_REMEMBERED:
			n.kind = IO_COLUMN_BY_HAND;
			n.remembered = col->how == IO_COL_REMEMBERED;
			break;
		}
		if (said)
			notice(im, &n);
		if (!col->field)
			continue;
		fi = (size_t)(col->field - t->store->fields);
		if (fi < MAX_FIELDS && where[fi]) {
			n = (struct io_notice){ .kind = IO_DUPLICATE_COLUMN,
			                        .field = col->field,
			                        .column = where[fi],
			                        .other = (unsigned)i + 1 };
			notice(im, &n);
			bad = true;
			continue;
		}
		if (fi < MAX_FIELDS)
			where[fi] = (unsigned)i + 1;
		im->cols[i] = col->field;
	}
	for (const struct field *f = t->store->fields; f->key; f++) {
		size_t fi = (size_t)(f - t->store->fields);

		if (fi >= MAX_FIELDS || where[fi] || !io_field_required(t, f))
			continue;
		if ((im->o->flags & IO_UPDATE) && im->unique && f != im->unique) {
			im->partial = true;
			continue;
		}
		notice(im, &(struct io_notice){ .kind = IO_MISSING_COLUMN, .field = f });
		bad = true;
	}
	if (bad) {
		im->res->error = msg_columns;
		im->res->error_line = c->line;
		return -1;
	}
	return 0;
}

/* --- one row -------------------------------------------------------------- */

#define ROW_PROBLEMS 64

struct row {
	struct io_problem p[ROW_PROBLEMS];
	size_t order[ROW_PROBLEMS];     /* field index, for sorting */
	int n;
	bool flagged[MAX_FIELDS];       /* the copy itself found a problem */
	bool checked[MAX_FIELDS];       /* the check hook found one */
	bool month[MAX_FIELDS];         /* given only to the month */
	const char *month_how[MAX_FIELDS]; /* the hook's day, NULL: the 1st */
	bool bad_bytes;
	bool update;                    /* its unique value is stored: an update */
	bool twice;                     /* its unique value came earlier in the file */
	bool same;                      /* an update that changes nothing */
};

static void row_problem(struct import *im, struct row *row, unsigned long line,
                        const struct field *f, const char *key,
                        const char *reason, unsigned long first)
{
	if (row->n >= ROW_PROBLEMS)
		return;
	row->p[row->n] = (struct io_problem){ line, f, key, reason, first };
	row->order[row->n] = f ? (size_t)(f - im->t->store->fields) + 1 :
	                     key ? im->nfields + 1 : 0;
	row->n++;
}

/* Why S may not be stored: a control character other than those in
 * ALLOWED, a bidi control or a noncharacter (valid_class_reason); NULL
 * if none. */
static const char *controls_except(const char *s, size_t len, const char *allowed)
{
	char buf[2048];

	if (len >= sizeof buf)
		return msg_controls;
	memcpy(buf, s, len + 1);
	for (char *p = buf; *allowed && (p = strpbrk(p, allowed)); p++)
		*p = ' ';
	return valid_class_reason(text_scan(buf, TEXT_UNSAFE |
	                                    TEXT_CLASS_BIT(TEXT_SPACE), NULL));
}

/* Copy the row's cells into REC; what cannot be copied is a problem.  A
 * date given only to the month is stored on the 1st (row_months may
 * choose better), unless DST holds a day of that month already (the
 * stored record an update starts from): then that day stays. */
static void row_copy(struct import *im, struct row *row,
                     const struct csv_record *rec, void *dst, bool report)
{
	size_t n = rec->count < im->ncols ? rec->count : im->ncols;

	memset(row->month, 0, sizeof row->month);
	for (size_t i = 0; i < n; i++) {
		const struct field *f = im->cols[i];
		const struct csv_field *c = &rec->fields[i];
		size_t fi;
		const char *why = NULL;
		char ym[8];

		if (!f)
			continue;
		fi = (size_t)(f - im->t->store->fields);
		if (c->bad) {
			why = c->bad;
			row->bad_bytes = true;
		} else if (c->len >= f->size) {
			why = msg_too_long;
		} else {
			why = controls_except(c->text, c->len,
			                      f->type == F_NOTE ? "\t\r\n" :
			                      f->type == F_TEXT ? "\t" : "");
		}
		if (why) {
			if (report && fi < MAX_FIELDS)
				row->flagged[fi] = true;
			if (report)
				row_problem(im, row, rec->line, f, NULL, why, 0);
			continue;
		}
		if (f->type == F_DATE && f->size > 10 && fi < MAX_FIELDS &&
		    month_only(c->text, ym)) {
			char *v = FIELD_VALUE(dst, f);

			if (strlen(v) == 10 && strncmp(v, ym, 7) == 0 && v[7] == '-')
				continue;
			snprintf(v, f->size, "%s-01", ym);
			row->month[fi] = true;
			continue;
		}
		memcpy(FIELD_VALUE(dst, f), c->text, c->len + 1);
	}
}

/* The days of the dates given only to the month, once the whole row is
 * in REC: the record type's choice, or the 1st. */
static void row_months(struct import *im, struct row *row, void *rec)
{
	for (const struct field *f = im->t->store->fields; f->key; f++) {
		size_t fi = (size_t)(f - im->t->store->fields);

		if (fi >= MAX_FIELDS || !row->month[fi])
			continue;
		row->month_how[fi] = im->t->month_day ?
		                     im->t->month_day(rec, f, FIELD_VALUE(rec, f)) : NULL;
	}
}

/* Run the check hook on DST; its problems join the row's, except for
 * fields whose copy already failed (their empty value says nothing). */
static void row_check(struct import *im, struct row *row,
                      const struct csv_record *rec, void *dst)
{
	struct field_problem cp[IO_MAX_PROBLEMS];
	int n = im->t->check(dst, im->today, cp, IO_MAX_PROBLEMS);

	if (n == 0 && im->t->resolve)
		n = im->t->resolve(im->db, dst, cp, IO_MAX_PROBLEMS);

	for (int i = 0; i < n; i++) {
		const struct field *f = field_by_key(im->t, cp[i].field);
		size_t fi = f ? (size_t)(f - im->t->store->fields) : MAX_FIELDS;

		if (fi < MAX_FIELDS && row->flagged[fi])
			continue;
		if (fi < MAX_FIELDS)
			row->checked[fi] = true;
		row_problem(im, row, rec->line, f, f ? NULL : cp[i].field,
		            cp[i].reason, 0);
	}
}

/* An update: what the change hook says of the stored record changed so. */
static void row_change(struct import *im, struct row *row,
                       const struct csv_record *rec)
{
	struct field_problem cp[IO_MAX_PROBLEMS];
	int n;

	if (!im->t->change)
		return;
	n = im->t->change(im->found, im->rec, cp, IO_MAX_PROBLEMS);
	for (int i = 0; i < n; i++) {
		const struct field *f = field_by_key(im->t, cp[i].field);

		row_problem(im, row, rec->line, f, f ? NULL : cp[i].field,
		            cp[i].reason, 0);
	}
}

/* Keep the row's first KEEP problems and those of field F. */
static void row_keep(struct row *row, int keep, const struct field *f)
{
	int n = keep;

	for (int i = keep; i < row->n; i++) {
		if (row->p[i].field != f)
			continue;
		row->p[n] = row->p[i];
		row->order[n] = row->order[i];
		n++;
	}
	row->n = n;
}

static void row_report(struct import *im, struct row *row)
{
	/* stable sort by field order: a row's problems read left to right */
	for (int i = 1; i < row->n; i++) {
		for (int j = i; j > 0 && row->order[j - 1] > row->order[j]; j--) {
			struct io_problem tp = row->p[j];
			size_t to = row->order[j];

			row->p[j] = row->p[j - 1];
			row->order[j] = row->order[j - 1];
			row->p[j - 1] = tp;
			row->order[j - 1] = to;
		}
	}
	for (int i = 0; i < row->n; i++)
		if (im->o->problem)
			im->o->problem(im->o->ctx, &row->p[i]);
}

static void fail_db(struct import *im, unsigned long line)
{
	im->res->error = N_("the database refused the import");
	im->res->detail = db_errmsg(im->db);
	im->res->error_line = line;
}

/* Party groups the row names that the branch lacks: note them. */
static int row_groups(struct import *im, const void *rec)
{
	for (const struct field *f = im->t->store->fields; f->key; f++) {
		const char *name = FIELD_VALUE(rec, f);
		char **n;

		if (f->type != F_GROUP || !*name || strmap_get(&im->groups, name))
			continue;
		if (!strmap_put(&im->groups, name, 1))
			return -1;
		n = realloc(im->new_groups, (im->n_new_groups + 1) * sizeof *n);
		if (!n)
			return -1;
		im->new_groups = n;
		n[im->n_new_groups] = strdup(name);
		if (!n[im->n_new_groups])
			return -1;
		im->n_new_groups++;
	}
	return 0;
}

/* Count and report a rejected row; after one, --all-or-nothing stores
 * no more (the rest is still checked, to name every problem). */
static int row_reject(struct import *im, struct row *row)
{
	im->res->rejected++;
	if (row->bad_bytes)
		im->res->bad_encoding++;
	row_report(im, row);
	if (im->o->flags & IO_ALL_OR_NOTHING)
		im->storing = false;
	return 0;
}

/* Check one data row and store it when it passes: 0, or -1 on a failure
 * that ends the import. */
/* Whether records A and B of T hold the same value in every field. */
static bool same_record(const struct io_table *t, const void *a, const void *b)
{
	for (const struct field *f = t->store->fields; f->key; f++)
		if (strcmp(FIELD_VALUE(a, f), FIELD_VALUE(b, f)) != 0)
			return false;
	return true;
}

/* The row's unique value: once in the file, and not stored unless this
 * is an update (then ROW->update).  0, or -1 when the import fails. */
static int row_unique(struct import *im, struct row *row, const struct csv_record *rec)
{
	const struct io_table *t = im->t;
	const struct field *uf = im->unique;
	size_t fi = (size_t)(uf - t->store->fields);
	const char *v = FIELD_VALUE(im->rec, uf);
	unsigned long first;
	int rc;

	if (!*v || row->flagged[fi] || row->checked[fi])
		return 0;
	first = strmap_get(&im->seen, v);
	if (first) {
		row_problem(im, row, rec->line, uf, NULL, msg_twice, first);
		row->twice = true;
		return 0;
	}
	if (!strmap_put(&im->seen, v, rec->line)) {
		im->res->error = msg_nomem;
		return -1;
	}
	/* A good row being stored finds a stored twin by the insert
	 * failing; others ask. */
	if (row->n == 0 && im->storing && !(im->o->flags & IO_UPDATE))
		return 0;
	rc = store_find(im->db, t->store, t->unique, v, im->found, NULL);
	if (rc == DB_OK && (im->o->flags & IO_UPDATE))
		row->update = true;
	else if (rc == DB_OK)
		row_problem(im, row, rec->line, uf, NULL, t->duplicate_reason, 0);
	else if (rc != DB_NOTFOUND) {
		fail_db(im, rec->line);
		return -1;
	}
	return 0;
}

/* An update: the stored record with the file's columns changed, checked
 * as that: what the row lacks as a new record is no problem.  What the
 * copy found (the first COPIED problems) stays said. */
static void row_update(struct import *im, struct row *row, const struct csv_record *rec,
                       int copied)
{
	row->n = copied;
	memset(row->checked, 0, sizeof row->checked);
	memcpy(im->rec, im->found, im->t->store->size);
	row_copy(im, row, rec, im->rec, false);
	row_months(im, row, im->rec);
	row_check(im, row, rec, im->rec);
	if (row->n == copied)
		row_change(im, row, rec);
}

/* Store the good row (a row that changes nothing is no change: not
 * written, not logged, and nobody's open form meets a conflict for
 * it).  0, or -1 when the import fails. */
static int row_store(struct import *im, struct row *row, const struct csv_record *rec)
{
	const struct io_table *t = im->t;
	int rc;

	row->same = row->update && row->n == 0 && same_record(t, im->rec, im->found);
	if (row->n > 0 || !im->storing || row->same)
		return 0;
	rc = row->update ? store_update(im->db, t->store, im->rec) :
	     store_insert(im->db, t->store, im->rec);
	if (rc == DB_DUPLICATE && im->unique)
		row_problem(im, row, rec->line, im->unique, NULL,
		            row->update ? db_errmsg(im->db) : t->duplicate_reason, 0);
	else if (rc == DB_CONFLICT || rc == DB_NOTFOUND)
		row_problem(im, row, rec->line, NULL, NULL, db_errmsg(im->db), 0);
	else if (rc != DB_OK) {
		fail_db(im, rec->line);
		return -1;
	}
	return 0;
}

/* Count the accepted row: updated or unchanged, and its dates given
 * to the month.  0, or -1 when the import fails. */
static int row_accept(struct import *im, const struct row *row)
{
	im->res->accepted++;
	if (row->same)
		im->res->unchanged++;
	else if (row->update)
		im->res->updated++;
	for (size_t fi = 0; fi < im->nfields && fi < MAX_FIELDS; fi++) {
		if (!row->month[fi])
			continue;
		im->res->month_dates++;
		if (row->month_how[fi]) {
			im->month_hook[fi]++;
			im->month_how[fi] = row->month_how[fi];
		} else {
			im->month_first[fi]++;
		}
	}
	if (row_groups(im, im->rec) < 0) {
		im->res->error = msg_nomem;
		return -1;
	}
	return 0;
}

static int import_row(struct import *im, const struct csv_record *rec)
{
	const struct field *uf = im->unique;
	struct row row;
	int copied;

	/* the problem array is filled as needed, not cleared */
	row.n = 0;
	memset(row.flagged, 0, sizeof row.flagged);
	memset(row.checked, 0, sizeof row.checked);
	row.bad_bytes = row.update = row.twice = row.same = false;

	if (rec->error) {
		/* what the reader kept is not the row: nothing more to say */
		row_problem(im, &row, rec->line, NULL, NULL, rec->error, 0);
		return row_reject(im, &row);
	}
	for (size_t i = im->ncols; i < rec->count; i++) {
		if (rec->fields[i].len) {
			row_problem(im, &row, rec->line, NULL, NULL, msg_extra, 0);
			break;
		}
	}
	im->t->init(im->rec);
	row_copy(im, &row, rec, im->rec, true);
	copied = row.n;
	row_months(im, &row, im->rec);
	row_check(im, &row, rec, im->rec);
	if (uf && row_unique(im, &row, rec) < 0)
		return -1;
	if (row.update) {
		row_update(im, &row, rec, copied);
	} else if (im->partial && uf) {
		/* An update file, a row not on the roster: the columns a new
		 * record needs are not there to say more than that. */
		size_t fi = (size_t)(uf - im->t->store->fields);

		row_keep(&row, copied, uf);
		if (!row.flagged[fi] && !row.checked[fi] && !row.twice)
			row_problem(im, &row, rec->line, uf, NULL, im->t->absent_reason, 0);
	}
	if (row_store(im, &row, rec) < 0)
		return -1;
	if (row.n > 0)
		return row_reject(im, &row);
	return row_accept(im, &row);
}

static void group_known(void *ctx, int64_t id, const char *name, int64_t members)
{
	struct import *im = ctx;

	strmap_put(&im->groups, name, 1);
}


/* Ready IM to read R into T: the record buffers, the header read and
 * mapped, and unless a dry run, a transaction open in bulk.  0, or -1
 * when the import fails. */
static int import_start(struct import *im, struct csv_reader *r)
{
	const struct io_table *t = im->t;
	const struct io_import_options *o = im->o;
	int rc;

	if (o->today && *o->today) {
		im->today = o->today;
	} else {
		valid_today(im->today_buf);
		im->today = im->today_buf;
	}
	for (const struct field *f = t->store->fields; f->key; f++)
		im->nfields++;
	im->unique = t->unique ? field_by_key(t, t->unique) : NULL;
	im->rec = malloc(t->store->size);
	im->found = malloc(t->store->size);
	if (!im->rec || !im->found) {
		im->res->error = msg_nomem;
		return -1;
	}
	rc = io_columns_read(im->db, t, r, o->assign, o->nassign, &im->columns,
	                     &im->res->error);
	im->res->encoding = csv_reader_encoding(r);
	if (rc != 0) {
		if (im->columns.unused)
			notice(im, &(struct io_notice){ .kind = IO_MAP_UNUSED,
			                                .text = im->columns.unused });
		return -1;
	}
	if (map_header(im) < 0)
		return -1;
	if (!(o->flags & IO_DRY_RUN)) {
		if (db_begin(im->db) != DB_OK) {
			fail_db(im, 0);
			return -1;
		}
		im->in_tx = im->storing = im->bulk = true;
		db_bulk(im->db, true);
	}
	if (store_group_each(im->db, group_known, im) != DB_OK) {
		fail_db(im, 0);
		return -1;
	}
	return 0;
}

/* Every row of R through import_row.  0, or -1 when the import fails. */
static int import_rows(struct import *im, struct csv_reader *r)
{
	struct csv_record rec;
	int rc, e;

	while ((rc = csv_read(r, &rec)) == 1) {
		if (all_empty(&rec))
			continue;
		im->res->rows++;
		if (import_row(im, &rec) < 0)
			return -1;
		progress(im, r, IO_READING, false);
	}
	if (rc < 0) {
		im->res->error = csv_reader_error(r, &e);
		im->res->detail = e ? strerror(e) : NULL;
		return -1;
	}
	progress(im, r, IO_READING, true);
	return 0;
}

/* Commit what was stored, or roll it back when all or nothing was asked
 * and a row was rejected.  0, or -1 when the import fails. */
static int import_commit(struct import *im, struct csv_reader *r)
{
	struct db *db = im->db;

	if (!im->in_tx)
		return 0;
	if ((im->o->flags & IO_ALL_OR_NOTHING) && im->res->rejected) {
		db_rollback(db);
		im->in_tx = false;
		return 0;
	}
	progress(im, r, IO_FINISHING, true);
	/* the columns assigned by hand serve the next file too */
	if ((im->o->nassign && io_columns_remember(db, &im->columns) != DB_OK) ||
	    db_bulk_flush(db) != DB_OK) {
		fail_db(im, 0);
		return -1;
	}
	im->in_tx = false;
	if (db_commit(db) != DB_OK) {
		fail_db(im, 0);
		return -1;
	}
	im->res->stored = true;
	return 0;
}

/* What the import did beside storing rows: new party groups, dates
 * given to the month. */
static void import_notices(struct import *im)
{
	const struct field *fields = im->t->store->fields;

	for (size_t i = 0; i < im->n_new_groups; i++)
		notice(im, &(struct io_notice){ .kind = IO_NEW_GROUP,
		                                .text = im->new_groups[i] });
	for (size_t fi = 0; fi < im->nfields && fi < MAX_FIELDS; fi++) {
		if (im->month_hook[fi])
			notice(im, &(struct io_notice){
				.kind = IO_MONTH_DATES, .text = im->month_how[fi],
				.field = &fields[fi], .count = im->month_hook[fi] });
		if (im->month_first[fi])
			notice(im, &(struct io_notice){
				.kind = IO_MONTH_DATES, .text = msg_first_day,
				.field = &fields[fi], .count = im->month_first[fi],
				.guessed = true });
	}
}

/* Roll back what is open and free IM. */
static void import_end(struct import *im)
{
	if (im->in_tx)
		db_rollback(im->db);
	/* not "storing": an all-or-nothing import stops storing at its
	 * first rejected row, and is still in bulk */
	if (im->bulk)
		db_bulk(im->db, false);
	for (size_t i = 0; i < im->n_new_groups; i++)
		free(im->new_groups[i]);
	free(im->new_groups);
	strmap_free(&im->seen);
	strmap_free(&im->groups);
	io_columns_free(&im->columns);
	free(im->cols);
	free(im->rec);
	free(im->found);
}

int io_import(struct db *db, const struct io_table *t, struct csv_reader *r,
              const struct io_import_options *o, struct io_import_result *res)
{
	struct import im = { 0 };
	int status = IO_FAILED;

	memset(res, 0, sizeof *res);
	im.db = db;
	im.t = t;
	im.o = o;
	im.res = res;
	im.reported_ms = now_ms();
	if (import_start(&im, r) == 0 && import_rows(&im, r) == 0 &&
	    import_commit(&im, r) == 0) {
		if (res->stored || (o->flags & IO_DRY_RUN))
			import_notices(&im);
		status = res->rejected ? IO_REJECTED : IO_OK;
	}
	import_end(&im);
	if (status == IO_FAILED) {
		res->stored = false;
		if (!res->error)
			res->error = msg_nomem;
	}
	return status;
}

/* --- export --------------------------------------------------------------- */

void io_write_header(struct csv_writer *w, const struct io_table *t)
{
	for (const struct field *f = t->store->fields; f->key; f++)
		if (!(f->flags & FIELD_NO_FILE))
			csv_write_field(w, f->header, 0);
}

void io_write_record(struct csv_writer *w, const struct io_table *t,
                     const void *rec, bool mask_ids)
{
	for (const struct field *f = t->store->fields; f->key; f++) {
		const char *v = FIELD_VALUE(rec, f);
		char masked[19];
		unsigned flags = 0;

		if (f->flags & FIELD_NO_FILE)
			continue;
		if (f->type == F_ID_NUMBER && mask_ids && *v) {
			valid_id_mask(v, masked);
			v = masked;
		}
		/* Digits Excel would turn into a number (losing an ID
		 * number's last three), and text that would start a formula,
		 * go in as text cells. */
		if (f->type == F_ID_NUMBER || f->type == F_PHONE ||
		    strchr("=+-@\t\r", *v))
			flags = CSV_TEXT;
		csv_write_field(w, v, *v ? flags : 0);
	}
}

/* FN's stop value when the output fails: no enum db_status uses it. */
#define EXPORT_WRITE_FAILED 1

struct export {
	const struct io_table *t;
	struct csv_writer *w;
	const struct io_export_options *o;
	struct io_export_result *res;
};

const char *io_label(const struct io_table *t, const void *rec)
{
	const struct field *f = t->label_field ?
	                        field_find(t->store->fields, t->label_field) : NULL;

	return f ? FIELD_VALUE(rec, f) : "";
}

int io_each(struct db *db, const struct io_table *t, const struct query *filter,
            int (*fn)(void *ctx, const void *rec), void *ctx)
{
	static const struct query all;

	return query_each(db, t->query, filter ? filter : &all, fn, ctx);
}

static int export_one(void *ctx, const void *rec)
{
	struct export *ex = ctx;
	unsigned long line = csv_writer_line(ex->w);
	int rc;

	io_write_record(ex->w, ex->t, rec, ex->o->mask_ids);
	rc = csv_write_end(ex->w);
	if (rc < 0)
		return EXPORT_WRITE_FAILED;
	ex->res->records++;
	if (rc & CSV_WROTE_LOSSY) {
		ex->res->lossy++;
		if (ex->o->lossy)
			ex->o->lossy(ex->o->ctx, line,
			             io_label(ex->t, rec));
	}
	if (rc & CSV_WROTE_REPLACED) {
		ex->res->replaced++;
		if (ex->o->replaced)
			ex->o->replaced(ex->o->ctx, line,
			                io_label(ex->t, rec));
	}
	return 0;
}

int io_export_file(struct db *db, const struct io_table *t, FILE *f,
                   const struct csv_writer_options *wo,
                   const struct io_export_options *o, struct io_export_result *res)
{
	struct csv_writer *w = csv_writer_new(f, wo);
	int rc;

	if (!w) {
		memset(res, 0, sizeof *res);
		res->error = N_("out of memory");
		return -1;
	}
	rc = io_export(db, t, w, o, res);
	return csv_writer_finish(w, rc, &res->error, &res->detail);
}

int io_export(struct db *db, const struct io_table *t, struct csv_writer *w,
              const struct io_export_options *o, struct io_export_result *res)
{
	struct export ex = { t, w, o, res };
	int rc;

	memset(res, 0, sizeof *res);
	io_write_header(w, t);
	if (csv_write_end(w) < 0) {
		res->error = N_("the file could not be written");
		return -1;
	}
	db_long_read(db, true);
	rc = io_each(db, t, o->filter, export_one, &ex);
	db_long_read(db, false);
	if (rc == EXPORT_WRITE_FAILED) {
		res->error = N_("the file could not be written");
		return -1;
	}
	if (rc != DB_OK) {
		res->error = N_("the database could not be read");
		res->detail = db_errmsg(db);
		return -1;
	}
	return 0;
}
