/* query.c - any register's records in windows of rows (query.h).
 *
 * The statements are built on first use from the register's description
 * and kept for the life of the program (the statement cache knows a
 * statement by the address of its text).  A filter is ?I, its place in
 * the register's list of filters; the window's row and size are :key,
 * :id and :n; a search binds its own named parameters.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "query.h"
#include "store.h"
#include "text.h"

/* The three directions from a row (after, before, from) and the two ends
 * (no row given). */
enum { AFTER, BEFORE, FROM, FIRST, LAST };

/* The end of a window's statement in the order of column COL: the
 * row-value comparison stands alone, never behind ":key IS NULL OR", so
 * that it becomes a range of the index. */
static char *page_tail(int which, const char *c)
{
	char *s;
	int n;

	switch (which) {
	case AFTER:
		n = asprintf(&s, " AND (%s, t.id) > (:key, :id) ORDER BY %s, t.id LIMIT :n", c, c);
		break;
	case BEFORE:
		n = asprintf(&s, " AND (%s, t.id) < (:key, :id)"
		             " ORDER BY %s DESC, t.id DESC LIMIT :n", c, c);
		break;
	case FROM:
		n = asprintf(&s, " AND (%s, t.id) >= (:key, :id) ORDER BY %s, t.id LIMIT :n", c, c);
		break;
	case FIRST:
		n = asprintf(&s, " ORDER BY %s, t.id LIMIT :n", c);
		break;
	default:
		n = asprintf(&s, " ORDER BY %s DESC, t.id DESC LIMIT :n", c);
	}
	return n < 0 ? NULL : s;
}

/* Write the WHERE of DEF's queries to F: every filter, the search, and
 * with INDEX the index's condition. */
static void put_where(FILE *f, const struct query_def *def, bool index)
{
	const char *and = " WHERE ";
	int i = 1;

	for (const struct query_filter *qf = def->filters; qf && qf->option; qf++, i++) {
		const char *col = qf->field;

		if (qf->kind == QF_GROUP) {
			fprintf(f, "%s(?%d IS NULL OR t.%s_id = ?%d)", and, i, col, i);
		} else if (qf->kind == QF_NAMED) {
			/* the names are the program's own, never a value */
			fprintf(f, "%s(?%d IS NULL OR CASE ?%d", and, i, i);
			for (const struct query_named *n = qf->named; n->name; n++)
				fprintf(f, " WHEN '%s' THEN (%s)", n->name, n->sql);
			fputs(" ELSE 0 END)", f);
		} else if (qf->unset)
			fprintf(f, "%s(?%d = '*' OR t.%s = ?%d OR (?%d = '' AND (%s)))",
			        and, i, col, i, i, qf->unset);
		else
			fprintf(f, "%s(?%d IS NULL OR t.%s = ?%d)", and, i, col, i);
		and = " AND ";
	}
	if (def->search) {
		fprintf(f, "%s%s", and, def->search->sql);
		and = " AND ";
	}
	if (def->parent) {
		fprintf(f, "%s(:parent IS NULL OR t.%s_id = :parent)", and, def->parent);
		and = " AND ";
	}
	if (index)
		fprintf(f, "%s%s", and, def->search->index_sql);
	else if (and[1] == 'W')
		fputs(" WHERE 1", f);
}

/* One statement: HEAD, the FROM of the way (walk or INDEX), the WHERE
 * and TAIL (or NULL). */
static char *statement(const struct query_def *def, bool index, const char *head,
                       const char *tail)
{
	const char *from = index ? def->search->index_from : store_from(def->store);
	char *s = NULL;
	size_t len;
	FILE *f;
	bool failed;

	if (!head || !from || !(f = open_memstream(&s, &len)))
		return NULL;
	fputs(head, f);
	fputs(from, f);
	put_where(f, def, index);
	if (tail)
		fputs(tail, f);
	failed = ferror(f);
	if (fclose(f) != 0 || failed) {
		free(s);
		return NULL;
	}
	return s;
}

/* SELECT the sort column and the record ... in the order SORT, WHICH way
 * from the row. */
static char *page_statement(const struct query_def *def, bool index, int sort, int which)
{
	const char *columns = store_columns(def->store);
	char col[80], *head, *tail, *s;

	snprintf(col, sizeof col, "t.%s", def->sorts[sort].column);
	if (!columns || asprintf(&head, "SELECT %s, %s", col, columns) < 0)
		return NULL;
	tail = page_tail(which, col);
	s = tail ? statement(def, index, head, tail) : NULL;
	free(head);
	free(tail);
	return s;
}

static int sorts_of(const struct query_def *def)
{
	int n = 0;

	while (def->sorts[n].column)
		n++;
	return n;
}

/* Build every statement of DEF once; false when one could not be. */
static bool build(const struct query_def *def)
{
	struct query_sql *q = def->sql;
	int ways = def->search && def->search->index_from ? 2 : 1;
	int sorts = sorts_of(def);
	char sql[160];

	if (q->count[0] || q->failed)
		return !q->failed;
	q->failed = sorts < 1 || sorts > QUERY_SORTS_MAX;
	for (int way = 0; way < ways && !q->failed; way++) {
		for (int sort = 0; sort < sorts; sort++)
			for (int which = 0; which < 5; which++)
				if (!(q->page[way][sort][which] = page_statement(def, way, sort, which)))
					q->failed = true;
		if (!(q->count[way] = statement(def, way, "SELECT count(*)", NULL)))
			q->failed = true;
	}
	for (int sort = 0; sort < sorts && !q->failed; sort++) {
		snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1",
		         def->sorts[sort].column, def->store->table);
		if (!(q->key[sort] = strdup(sql)))
			q->failed = true;
	}
	return !q->failed;
}

/* What the search of Q needs: its state, and the ways to the rows. */
struct plan {
	bool searching;
	bool page, count;       /* the index gives the candidates */
	_Alignas(max_align_t) unsigned char state[QUERY_STATE];
};

static void plan_of(struct db *db, const struct query_def *def, const struct query *q,
                    struct plan *p)
{
	memset(p, 0, sizeof *p);
	if (!def->search || !q->search[0])
		return;
	p->searching = true;
	def->search->plan(db, q->search, p->state, &p->page, &p->count);
	if (!def->search->index_from)
		p->page = p->count = false;
}

/* Bind the filters of Q and its search to ST. */
static void bind_query(sqlite3_stmt *st, const struct query_def *def, const struct query *q,
                       const struct plan *p)
{
	int i = 0;

	for (const struct query_filter *qf = def->filters; qf && qf->option; qf++, i++) {
		const char *v = q->value[i];

		if (qf->kind == QF_GROUP) {
			if (v[0])
				sqlite3_bind_int64(st, i + 1, strtoll(v, NULL, 10));
		} else if (qf->unset || v[0]) {
			sqlite3_bind_text(st, i + 1, v, -1, SQLITE_TRANSIENT);
		}
	}
	if (p->searching)
		def->search->bind(st, p->state);
	if (q->parent)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":parent"), q->parent);
}

static void bind_named_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_named_int64(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i)
		sqlite3_bind_int64(st, i, v);
}

void query_typed_read(const char *typed, struct query_typed *t)
{
	size_t n;

	memset(t, 0, sizeof *t);
	snprintf(t->text, sizeof t->text, "%s", typed);
	text_halfwidth(t->text);
	text_trim(t->text);
	n = strlen(t->text);
	t->letters = t->digits = n > 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t->text[i];

		t->letters &= isalpha(c) != 0;
		t->digits &= isdigit(c) || ((c == 'x' || c == 'X') && i == n - 1 && i > 0);
	}
	for (size_t i = 0; i < n; i++) {
		char c = t->text[i];

		t->lower[i] = t->letters ? (char)tolower((unsigned char)c) :
		              t->digits && c == 'x' ? 'X' : c;
	}
}

void query_typed_bind(sqlite3_stmt *st, const struct query_typed *t)
{
	if (!t->text[0])
		return;
	bind_named_text(st, ":text", t->text);
	if (t->letters)
		bind_named_text(st, ":letters", t->lower);
	if (t->digits)
		bind_named_text(st, ":digits", t->lower);
}

/* Swap rows I and J of R. */
static void swap_rows(const struct query_rows *r, int i, int j, void *tmp)
{
	char *a = (char *)r->base + (size_t)i * r->stride;
	char *b = (char *)r->base + (size_t)j * r->stride;

	memcpy(tmp, a, r->stride);
	memcpy(a, b, r->stride);
	memcpy(b, tmp, r->stride);
}

static int reverse(const struct query_rows *r, int got)
{
	void *tmp = got > 1 ? malloc(r->stride) : NULL;

	if (got > 1 && !tmp)
		return DB_ERROR;
	for (int i = 0; i < got / 2; i++)
		swap_rows(r, i, got - 1 - i, tmp);
	free(tmp);
	return got;
}

int query_page(struct db *db, const struct query_def *def, const struct query *q,
               const char *key, int64_t id, int dir, int n,
               const struct query_rows *rows)
{
	int which = !key ? (dir < 0 ? LAST : FIRST) : dir > 0 ? AFTER : dir < 0 ? BEFORE : FROM;
	int sort = q->sort >= 0 && q->sort < sorts_of(def) ? q->sort : 0;
	struct plan *p = malloc(sizeof *p);
	sqlite3_stmt *st = NULL;
	int got = 0, rc = SQLITE_DONE;

	if (p && build(def)) {
		plan_of(db, def, q, p);
		st = db_prepare(db, def->sql->page[p->page][sort][which]);
	}
	if (!st) {
		free(p);
		return DB_ERROR;
	}
	bind_query(st, def, q, p);
	free(p);
	if (key) {
		bind_named_text(st, ":key", key);
		bind_named_int64(st, ":id", id);
	}
	bind_named_int64(st, ":n", n);
	while (got < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *row = (char *)rows->base + (size_t)got * rows->stride;

		store_column_copy(st, 0, row + rows->key, QUERY_KEY);
		store_read(def->store, st, 1, row + rows->rec);
		got++;
	}
	sqlite3_reset(st);
	if (got < n && rc != SQLITE_DONE)
		return rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
	/* read nearest first; shown in display order */
	return which == BEFORE || which == LAST ? reverse(rows, got) : got;
}

int query_key(struct db *db, const struct query_def *def, const struct query *q,
              int64_t id, char *key, size_t keysz)
{
	int sort = q->sort >= 0 && q->sort < sorts_of(def) ? q->sort : 0;
	int rc;
	sqlite3_stmt *st = build(def) ? db_step_with(db, def->sql->key[sort], &rc, "i", id)
	                               : NULL;

	if (!st)
		return DB_ERROR;
	if (rc == SQLITE_ROW)
		store_column_copy(st, 0, key, keysz);
	return db_row_end(NULL, st, rc);
}

int64_t query_count(struct db *db, const struct query_def *def, const struct query *q)
{
	struct plan *p = malloc(sizeof *p);
	sqlite3_stmt *st = NULL;
	int64_t n = DB_ERROR;

	/* a count reads every match: from the index whenever it can */
	if (p && build(def)) {
		plan_of(db, def, q, p);
		st = db_prepare(db, def->sql->count[p->count]);
	}
	if (st) {
		bind_query(st, def, q, p);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	free(p);
	return n;
}

void query_all(const struct query_def *def, struct query *q)
{
	int i = 0;

	memset(q, 0, sizeof *q);
	for (const struct query_filter *qf = def->filters; qf && qf->option; qf++, i++)
		if (qf->unset)
			snprintf(q->value[i], QUERY_VALUE, "*");
}

const struct query_named *query_named_find(const struct query_filter *qf,
                                           const char *name)
{
	for (const struct query_named *n = qf->named; n && n->name; n++)
		if (strcmp(n->name, name) == 0)
			return n;
	return NULL;
}

const struct query_filter *query_filter_find(const struct query_def *def,
                                             const char *option, int *index)
{
	int i = 0;

	for (const struct query_filter *qf = def->filters; qf && qf->option; qf++, i++)
		if (strcmp(qf->option, option) == 0) {
			if (index)
				*index = i;
			return qf;
		}
	return NULL;
}

/* Rows per window of query_each: its memory (about 1.7 MB for the
 * roster) against the number of queries. */
#define EACH_PAGE 512

/* Records of equal sort keys, held to be handed on in the tie order. */
struct ties {
	const struct query_def *def;
	char *recs;
	size_t n, cap;
	char key[QUERY_KEY];
};

static int ties_add(struct ties *t, const char *key, const void *rec)
{
	size_t size = t->def->store->size;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		char *r = realloc(t->recs, cap * size);

		if (!r)
			return DB_ERROR;
		t->recs = r;
		t->cap = cap;
	}
	if (t->n == 0)
		memcpy(t->key, key, QUERY_KEY);
	memcpy(t->recs + t->n++ * size, rec, size);
	return 0;
}

static int ties_flush(struct ties *t, int (*fn)(void *ctx, const void *rec), void *ctx)
{
	size_t size = t->def->store->size;
	int rc = 0;

	if (t->n > 1)
		qsort(t->recs, t->n, size, t->def->tie);
	for (size_t i = 0; i < t->n && rc == 0; i++)
		rc = fn(ctx, t->recs + i * size);
	t->n = 0;
	return rc;
}

/* Hand the GOT rows of a window to FN, holding namesakes back to be
 * handed on in their order; FULL: the window was full, its last row may
 * tie with the next window's first. */
static int each_window(struct ties *t, const struct query_rows *r, int got, bool full,
                       int (*fn)(void *ctx, const void *rec), void *ctx)
{
	int rc = 0;

	for (int i = 0; i < got && rc == 0; i++) {
		const char *row = (const char *)r->base + (size_t)i * r->stride;
		const char *key = row + r->key, *rec = row + r->rec;
		bool tie_next = i + 1 < got ? strcmp(key, key + r->stride) == 0 : full;

		if (t->n && strcmp(key, t->key) != 0)
			rc = ties_flush(t, fn, ctx);
		if (rc)
			break;
		if (t->n == 0 && (!tie_next || !t->def->tie))
			rc = fn(ctx, rec);      /* the common case: no copy */
		else
			rc = ties_add(t, key, rec);
	}
	return rc;
}

int query_each(struct db *db, const struct query_def *def, const struct query *q,
               int (*fn)(void *ctx, const void *rec), void *ctx)
{
	size_t stride = (QUERY_KEY + def->store->size + 15) & ~(size_t)15;
	struct query_rows r = { malloc(EACH_PAGE * stride), stride, def->store->size, 0 };
	struct ties t = { .def = def };
	char *last = malloc(QUERY_KEY);
	int64_t last_id = 0;
	int rc = 0, got = 0;

	if (!r.base || !last)
		rc = DB_ERROR;
	for (bool first = true; rc == 0 && (first || got == EACH_PAGE); first = false) {
		got = query_page(db, def, q, first ? NULL : last, last_id, 1, EACH_PAGE, &r);
		if (got < 0) {
			rc = got;
			break;
		}
		rc = each_window(&t, &r, got, got == EACH_PAGE, fn, ctx);
		if (got > 0) {
			const char *row = (const char *)r.base + (size_t)(got - 1) * stride;

			memcpy(last, row + r.key, QUERY_KEY);
			last_id = *(const int64_t *)(row + r.rec + def->store->id);
		}
	}
	if (rc == 0)
		rc = ties_flush(&t, fn, ctx);
	free(t.recs);
	free(r.base);
	free(last);
	return rc;
}
