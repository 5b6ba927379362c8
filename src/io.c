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

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gettext.h"
#include "io.h"
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

const struct io_table *const io_tables[] = {
	&io_member_table,
	NULL,
};

const struct io_table *io_table_find(const char *name)
{
	for (size_t i = 0; io_tables[i]; i++)
		if (strcmp(io_tables[i]->name, name) == 0)
			return io_tables[i];
	return NULL;
}

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

/* --- the header row ----------------------------------------------------- */

#define MAX_FIELDS 64

struct import {
	struct db *db;
	const struct io_table *t;
	const struct io_import_options *o;
	struct io_import_result *res;
	const char *today;
	char today_buf[11];
	const struct field **cols;      /* field of each column, or NULL */
	size_t ncols;
	size_t nfields;
	const struct field *unique;
	void *rec, *found;
	struct strmap seen;             /* unique values: first line */
	struct strmap groups;           /* party groups known or made */
	char **new_groups;              /* in order of first use */
	size_t n_new_groups;
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

static void notice(struct import *im, enum io_notice_kind kind,
                   const char *text, const struct field *f,
                   unsigned column, unsigned other)
{
	struct io_notice n = { kind, text, f, column, other };

	if (im->o->notice)
		im->o->notice(im->o->ctx, &n);
}

static bool field_required(const struct io_table *t, const struct field *f)
{
	if (!t->required)
		return (f->flags & FIELD_REQUIRED) != 0;
	for (size_t i = 0; t->required[i]; i++)
		if (strcmp(t->required[i], f->key) == 0)
			return true;
	return false;
}

/* The field a header cell names: its Chinese header or English key (any
 * case), spaces and a trailing required-mark '*' aside. */
static const struct field *header_field(const struct io_table *t,
                                        const char *cell)
{
	char h[128];
	size_t n;

	if (strlen(cell) >= sizeof h)
		return NULL;
	strcpy(h, cell);
	text_halfwidth(h);
	text_trim(h);
	n = strlen(h);
	while (n > 0 && (h[n - 1] == '*' || h[n - 1] == ' '))
		h[--n] = '\0';
	for (const struct field *f = t->fields; f->key; f++)
		if (strcmp(h, f->header) == 0 || strcasecmp(h, f->key) == 0)
			return f;
	return NULL;
}

static int map_header(struct import *im, const struct csv_record *rec)
{
	const struct io_table *t = im->t;
	unsigned where[MAX_FIELDS] = { 0 };
	bool bad = false;
	size_t i;

	im->cols = calloc(rec->count, sizeof *im->cols);
	if (!im->cols) {
		im->res->error = msg_nomem;
		return -1;
	}
	im->ncols = rec->count;
	for (i = 0; i < rec->count; i++) {
		const struct csv_field *c = &rec->fields[i];
		const struct field *f = c->bad ? NULL : header_field(t, c->text);
		size_t fi;

		if (!f) {
			char *shown;

			if (c->len == 0)
				continue;       /* an unnamed, ignored column */
			shown = text_sanitize(c->text);
			notice(im, IO_UNKNOWN_COLUMN, shown ? shown : "",
			       NULL, (unsigned)i + 1, 0);
			free(shown);
			continue;
		}
		fi = (size_t)(f - t->fields);
		if (fi < MAX_FIELDS && where[fi]) {
			notice(im, IO_DUPLICATE_COLUMN, NULL, f, where[fi],
			       (unsigned)i + 1);
			bad = true;
			continue;
		}
		if (fi < MAX_FIELDS)
			where[fi] = (unsigned)i + 1;
		im->cols[i] = f;
	}
	for (const struct field *f = t->fields; f->key; f++) {
		size_t fi = (size_t)(f - t->fields);

		if (fi < MAX_FIELDS && !where[fi] && field_required(t, f)) {
			notice(im, IO_MISSING_COLUMN, NULL, f, 0, 0);
			bad = true;
		}
	}
	if (bad) {
		im->res->error = msg_columns;
		im->res->error_line = rec->line;
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
	bool bad_bytes;
};

static void row_problem(struct import *im, struct row *row, unsigned long line,
                        const struct field *f, const char *key,
                        const char *reason, unsigned long first)
{
	if (row->n >= ROW_PROBLEMS)
		return;
	row->p[row->n] = (struct io_problem){ line, f, key, reason, first };
	row->order[row->n] = f ? (size_t)(f - im->t->fields) + 1 :
	                     key ? im->nfields + 1 : 0;
	row->n++;
}

/* True if S has a control character other than those in ALLOWED. */
static bool has_controls_except(const char *s, size_t len, const char *allowed)
{
	char buf[2048];

	if (len >= sizeof buf)
		return true;
	memcpy(buf, s, len + 1);
	for (char *p = buf; *allowed && (p = strpbrk(p, allowed)); p++)
		*p = ' ';
	return text_has_controls(buf);
}

/* Copy the row's cells into REC; what cannot be copied is a problem. */
static void row_copy(struct import *im, struct row *row,
                     const struct csv_record *rec, void *dst, bool report)
{
	size_t n = rec->count < im->ncols ? rec->count : im->ncols;

	for (size_t i = 0; i < n; i++) {
		const struct field *f = im->cols[i];
		const struct csv_field *c = &rec->fields[i];
		size_t fi;
		const char *why = NULL;

		if (!f)
			continue;
		fi = (size_t)(f - im->t->fields);
		if (c->bad) {
			why = c->bad;
			row->bad_bytes = true;
		} else if (c->len >= f->size) {
			why = msg_too_long;
		} else if (has_controls_except(c->text, c->len,
		                               f->type == F_NOTE ? "\t\r\n" :
		                               f->type == F_TEXT ? "\t" : "")) {
			why = msg_controls;
		}
		if (why) {
			if (report && fi < MAX_FIELDS)
				row->flagged[fi] = true;
			if (report)
				row_problem(im, row, rec->line, f, NULL, why, 0);
			continue;
		}
		memcpy(FIELD_VALUE(dst, f), c->text, c->len + 1);
	}
}

static const struct field *field_by_key(const struct io_table *t, const char *key)
{
	for (const struct field *f = t->fields; f->key; f++)
		if (strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

/* Run the check hook on DST; its problems join the row's, except for
 * fields whose copy already failed (their empty value says nothing). */
static void row_check(struct import *im, struct row *row,
                      const struct csv_record *rec, void *dst)
{
	struct io_check_problem cp[IO_MAX_PROBLEMS];
	int n = im->t->check(dst, im->today, cp, IO_MAX_PROBLEMS);

	for (int i = 0; i < n; i++) {
		const struct field *f = field_by_key(im->t, cp[i].field);
		size_t fi = f ? (size_t)(f - im->t->fields) : MAX_FIELDS;

		if (fi < MAX_FIELDS && row->flagged[fi])
			continue;
		if (fi < MAX_FIELDS)
			row->checked[fi] = true;
		row_problem(im, row, rec->line, f, f ? NULL : cp[i].field,
		            cp[i].reason, 0);
	}
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
	for (const struct field *f = im->t->fields; f->key; f++) {
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
static int import_row(struct import *im, const struct csv_record *rec)
{
	const struct io_table *t = im->t;
	const struct field *uf = im->unique;
	struct row row;
	bool update = false, dup_in_file = false;
	int rc;

	/* the problem array is filled as needed, not cleared */
	row.n = 0;
	memset(row.flagged, 0, sizeof row.flagged);
	memset(row.checked, 0, sizeof row.checked);
	row.bad_bytes = false;

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
	t->init(im->rec);
	row_copy(im, &row, rec, im->rec, true);
	row_check(im, &row, rec, im->rec);

	/* The unique value: once in the file, and not stored unless this
	 * is an update. */
	if (uf) {
		size_t fi = (size_t)(uf - t->fields);
		const char *v = FIELD_VALUE(im->rec, uf);
		unsigned long first;

		if (*v && !row.flagged[fi] && !row.checked[fi]) {
			first = strmap_get(&im->seen, v);
			if (first) {
				row_problem(im, &row, rec->line, uf, NULL, msg_twice, first);
				dup_in_file = true;
			} else if (!strmap_put(&im->seen, v, rec->line)) {
				im->res->error = msg_nomem;
				return -1;
			}
			/* A good row being stored finds a stored twin by the
			 * insert failing; others ask. */
			if (!dup_in_file && (row.n > 0 || !im->storing ||
			                     (im->o->flags & IO_UPDATE))) {
				rc = t->find(im->db, im->rec, im->found);
				if (rc == DB_OK && (im->o->flags & IO_UPDATE))
					update = true;
				else if (rc == DB_OK)
					row_problem(im, &row, rec->line, uf, NULL,
					            t->duplicate_reason, 0);
				else if (rc != DB_NOTFOUND) {
					fail_db(im, rec->line);
					return -1;
				}
			}
		}
	}

	if (update && row.n == 0) {
		/* Start from the stored record, so columns the file lacks
		 * keep their values, and check the result again. */
		memcpy(im->rec, im->found, t->record_size);
		row_copy(im, &row, rec, im->rec, false);
		row_check(im, &row, rec, im->rec);
	}

	if (row.n == 0 && im->storing) {
		rc = update ? t->update(im->db, im->rec) : t->insert(im->db, im->rec);
		if (rc == DB_DUPLICATE && uf) {
			row_problem(im, &row, rec->line, uf, NULL,
			            update ? db_errmsg(im->db) : t->duplicate_reason, 0);
		} else if (rc == DB_CONFLICT || rc == DB_NOTFOUND) {
			row_problem(im, &row, rec->line, NULL, NULL, db_errmsg(im->db), 0);
		} else if (rc != DB_OK) {
			fail_db(im, rec->line);
			return -1;
		}
	}

	if (row.n > 0)
		return row_reject(im, &row);
	im->res->accepted++;
	if (update)
		im->res->updated++;
	if (row_groups(im, im->rec) < 0) {
		im->res->error = msg_nomem;
		return -1;
	}
	return 0;
}

static void group_known(void *ctx, int64_t id, const char *name, int64_t members)
{
	struct import *im = ctx;

	strmap_put(&im->groups, name, 1);
}

static bool all_empty(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->count; i++)
		if (rec->fields[i].len)
			return false;
	return !rec->error;
}

int io_import(struct db *db, const struct io_table *t, struct csv_reader *r,
              const struct io_import_options *o, struct io_import_result *res)
{
	struct import im = { 0 };
	struct csv_record rec;
	int rc, status = IO_FAILED;
	bool dry = (o->flags & IO_DRY_RUN) != 0;

	memset(res, 0, sizeof *res);
	im.db = db;
	im.t = t;
	im.o = o;
	im.res = res;
	im.reported_ms = now_ms();
	if (o->today && *o->today) {
		im.today = o->today;
	} else {
		valid_today(im.today_buf);
		im.today = im.today_buf;
	}
	for (const struct field *f = t->fields; f->key; f++)
		im.nfields++;
	im.unique = t->unique ? field_by_key(t, t->unique) : NULL;
	im.rec = malloc(t->record_size);
	im.found = malloc(t->record_size);
	if (!im.rec || !im.found) {
		res->error = msg_nomem;
		goto out;
	}

	do {
		rc = csv_read(r, &rec);
	} while (rc == 1 && all_empty(&rec));
	res->encoding = csv_reader_encoding(r);
	if (rc < 0) {
		res->error = csv_reader_error(r, NULL);
		goto out;
	}
	if (rc == 0) {
		res->error = msg_empty;
		goto out;
	}
	if (map_header(&im, &rec) < 0)
		goto out;

	if (!dry) {
		rc = db_begin(db);
		if (rc != DB_OK) {
			fail_db(&im, 0);
			goto out;
		}
		im.in_tx = true;
		im.storing = true;
		im.bulk = true;
		db_bulk(db, true);
	}
	if (store_group_each(db, group_known, &im) != DB_OK) {
		fail_db(&im, 0);
		goto out;
	}

	while ((rc = csv_read(r, &rec)) == 1) {
		if (all_empty(&rec))
			continue;
		res->rows++;
		if (import_row(&im, &rec) < 0)
			goto out;
		progress(&im, r, IO_READING, false);
	}
	if (rc < 0) {
		int e;

		res->error = csv_reader_error(r, &e);
		res->detail = e ? strerror(e) : NULL;
		goto out;
	}
	progress(&im, r, IO_READING, true);

	if (im.in_tx && (o->flags & IO_ALL_OR_NOTHING) && res->rejected) {
		db_rollback(db);
		im.in_tx = false;
	} else if (im.in_tx) {
		progress(&im, r, IO_FINISHING, true);
		if (db_bulk_flush(db) != DB_OK) {
			fail_db(&im, 0);
			goto out;
		}
		im.in_tx = false;
		if (db_commit(db) != DB_OK) {
			fail_db(&im, 0);
			goto out;
		}
		res->stored = true;
	}
	if (res->stored || dry)
		for (size_t i = 0; i < im.n_new_groups; i++)
			notice(&im, IO_NEW_GROUP, im.new_groups[i], NULL, 0, 0);
	status = res->rejected ? IO_REJECTED : IO_OK;
out:
	if (im.in_tx)
		db_rollback(db);
	/* not "storing": an all-or-nothing import stops storing at its
	 * first rejected row, and is still in bulk */
	if (im.bulk)
		db_bulk(db, false);
	if (status == IO_FAILED) {
		res->stored = false;
		if (!res->error)
			res->error = msg_nomem;
	}
	for (size_t i = 0; i < im.n_new_groups; i++)
		free(im.new_groups[i]);
	free(im.new_groups);
	strmap_free(&im.seen);
	strmap_free(&im.groups);
	free(im.cols);
	free(im.rec);
	free(im.found);
	return status;
}

/* --- export --------------------------------------------------------------- */

void io_write_header(struct csv_writer *w, const struct io_table *t)
{
	for (const struct field *f = t->fields; f->key; f++)
		csv_write_field(w, f->header, 0);
}

void io_write_record(struct csv_writer *w, const struct io_table *t,
                     const void *rec, bool mask_ids)
{
	for (const struct field *f = t->fields; f->key; f++) {
		const char *v = FIELD_VALUE(rec, f);
		char masked[19];
		unsigned flags = 0;

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
	if (rc == 1) {
		ex->res->lossy++;
		if (ex->o->lossy)
			ex->o->lossy(ex->o->ctx, line,
			             ex->t->label ? ex->t->label(rec) : "");
	}
	return 0;
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
	rc = t->each(db, o->filter, export_one, &ex);
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
