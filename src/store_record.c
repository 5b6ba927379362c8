/* store_record.c - any register's records in SQL, from its field table
 * (store.h: struct store_def).
 *
 * The statements are built once per register from its fields, on first
 * use, and kept for the life of the program: the statement cache of the
 * database layer knows a statement by the address of its text.  Values
 * are bound, never written into SQL.  How a field is stored follows from
 * its type (store.h); the record's key, version and times live where the
 * register's definition says.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "field.h"
#include "gettext.h"
#include "store.h"


/* A record's bookkeeping, where DEF says it lives. */
#define REC_I64(def, rec, what) ((int64_t *)((char *)(rec) + (def)->what))
#define REC_TEXT(def, rec, what) ((char *)(rec) + (def)->what)

/* The column of F: its key, or KEY_id for a reference or a party group. */
static void column_of(const struct field *f, char *out, size_t sz)
{
	if (f->type == F_REF || f->type == F_GROUP)
		snprintf(out, sz, "%s_id", f->key);
	else
		snprintf(out, sz, "%s", f->key);
}

/* Statements are written into memory streams (open_memstream). */
struct sql_out {
	char *s;
	size_t len;
	FILE *f;
};

static void sql_open(struct sql_out *o)
{
	o->s = NULL;
	o->f = open_memstream(&o->s, &o->len);
}

/* The text written to O, or NULL when memory ran out. */
static char *sql_close(struct sql_out *o)
{
	bool failed = !o->f || ferror(o->f);

	if (o->f && fclose(o->f) != 0)
		failed = true;
	if (failed) {
		free(o->s);
		return NULL;
	}
	return o->s;
}

/* The select list and FROM: t.id, each field (a party group by its
 * name through its own join gN), t.created_at, t.updated_at, t.version. */
static void build_select(const struct store_def *def, struct store_sql *q)
{
	struct sql_out cols, from;
	char col[64];
	int g = 0;

	sql_open(&cols);
	sql_open(&from);
	if (cols.f && from.f) {
		fputs("t.id", cols.f);
		fprintf(from.f, " FROM %s AS t", def->table);
		for (const struct field *f = def->fields; f->key; f++) {
			column_of(f, col, sizeof col);
			if (f->type != F_GROUP) {
				fprintf(cols.f, ", t.%s", col);
				continue;
			}
			g++;
			fprintf(cols.f, ", g%d.name", g);
			fprintf(from.f, " LEFT JOIN party_groups AS g%d ON g%d.id = t.%s", g, g, col);
		}
		fputs(", t.created_at, t.updated_at, t.version", cols.f);
	}
	q->columns = sql_close(&cols);
	q->from = sql_close(&from);
}

/* INSERT and UPDATE: ?1 the key, ?2.. the fields, then the sort keys of
 * the name, then ?P the time (insert) or the version read (update). */
static void build_writes(const struct store_def *def, struct store_sql *q)
{
	static const char *const keys[] = { "strokes", "pinyin", "initials", "pinyin_key" };
	struct sql_out ins, upd;
	char col[64];
	int p = 2;

	sql_open(&ins);
	sql_open(&upd);
	if (!ins.f || !upd.f) {
		q->insert = sql_close(&ins);
		q->update = sql_close(&upd);
		return;
	}
	fprintf(ins.f, "INSERT INTO %s (id", def->table);
	fprintf(upd.f, "UPDATE %s SET ", def->table);
	for (const struct field *f = def->fields; f->key; f++, p++) {
		column_of(f, col, sizeof col);
		fprintf(ins.f, ", %s", col);
		fprintf(upd.f, "%s = ?%d, ", col, p);
	}
	for (size_t k = 0; def->sort_name && k < 4; k++, p++) {
		fprintf(ins.f, ", %s_%s", def->sort_name, keys[k]);
		fprintf(upd.f, "%s_%s = ?%d, ", def->sort_name, keys[k], p);
	}
	q->params = p - 2;
	/* the time is bound: RETURNING would buffer each row in a table
	 * of its own, a third of the cost of a row in a large import */
	fputs(", created_at, updated_at, version) VALUES (?1", ins.f);
	for (int i = 2; i < p; i++)
		fprintf(ins.f, ", ?%d", i);
	fprintf(ins.f, ", ?%d, ?%d, 1)", p, p);
	fprintf(upd.f, "version = version + 1, updated_at = %s"
	        " WHERE id = ?1 AND version = ?%d RETURNING version, updated_at", SQL_NOW, p);
	q->insert = sql_close(&ins);
	q->update = sql_close(&upd);
}

static char *sql_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *sql_format(const char *fmt, ...)
{
	struct sql_out o;
	va_list ap;

	sql_open(&o);
	if (o.f) {
		va_start(ap, fmt);
		vfprintf(o.f, fmt, ap);
		va_end(ap);
	}
	return sql_close(&o);
}

/* Build the statements of DEF once; false when memory ran out. */
static bool build(const struct store_def *def)
{
	struct store_sql *q = def->sql;
	int groups = 0;

	if (q->columns || q->failed)
		return !q->failed;
	for (const struct field *f = def->fields; f->key; f++) {
		q->nfields++;
		groups += f->type == F_GROUP;
	}
	build_select(def, q);
	build_writes(def, q);
	if (q->columns && q->from) {
		q->get = sql_format("SELECT %s%s WHERE t.id = ?1", q->columns, q->from);
		q->exists = sql_format("SELECT 1 FROM %s WHERE id = ?1", def->table);
		q->count = sql_format("SELECT count(*) FROM %s", def->table);
	}
	q->failed = !q->columns || !q->from || !q->insert || !q->update ||
	            !q->get || !q->exists || !q->count ||
	            q->nfields > STORE_FIELDS_MAX || groups > STORE_GROUPS_MAX;
	return !q->failed;
}

/* The statements of DEF; NULL (with DB's message set) when they could
 * not be built. */
static struct store_sql *sql_of(struct db *db, const struct store_def *def)
{
	if (build(def))
		return def->sql;
	db_set_errmsg(db, N_("out of memory"));
	return NULL;
}

const char *store_columns(const struct store_def *def)
{
	return build(def) ? def->sql->columns : NULL;
}

const char *store_from(const struct store_def *def)
{
	return build(def) ? def->sql->from : NULL;
}

void store_column_copy(sqlite3_stmt *st, int i, char *buf, size_t sz)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t n = s ? (size_t)sqlite3_column_bytes(st, i) : 0;

	if (n >= sz) {
		n = sz - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(buf, s, n);
	buf[n] = '\0';
}

void store_read(const struct store_def *def, sqlite3_stmt *st, int first, void *rec)
{
	int c = first;

	memset(rec, 0, def->size);
	*REC_I64(def, rec, id) = sqlite3_column_int64(st, c++);
	for (const struct field *f = def->fields; f->key; f++)
		store_column_copy(st, c++, FIELD_VALUE(rec, f), f->size);
	store_column_copy(st, c++, REC_TEXT(def, rec, created_at), def->time_size);
	store_column_copy(st, c++, REC_TEXT(def, rec, updated_at), def->time_size);
	*REC_I64(def, rec, version) = sqlite3_column_int64(st, c);
}

/* The party groups of REC by key, created where missing: GROUPS[i] for
 * the i-th F_GROUP field (0: none). */
static int groups_of(struct db *db, const struct store_def *def, const void *rec,
                     int64_t *groups)
{
	int g = 0, rc = DB_OK;

	for (const struct field *f = def->fields; f->key && rc == DB_OK; f++) {
		if (f->type != F_GROUP)
			continue;
		const char *name = FIELD_VALUE(rec, f);

		groups[g] = 0;
		if (name[0])
			rc = store_group_ensure(db, name, &groups[g]);
		g++;
	}
	return rc;
}

/* Will the write of REC, inside the caller's transaction (!OWN), create
 * a party group first?  Then it takes two statements and needs a
 * savepoint to be undone as one. */
static bool needs_savepoint(struct db *db, const struct store_def *def, bool own,
                            const void *rec)
{
	if (own)
		return false;
	for (const struct field *f = def->fields; f->key; f++) {
		if (f->type != F_GROUP || !*FIELD_VALUE(rec, f))
			continue;
		int64_t id;

		if (store_group_find(db, FIELD_VALUE(rec, f), &id) == DB_NOTFOUND)
			return true;
	}
	return false;
}

/* Bind the value of F (column parameter I) by the field's type: an empty
 * date, reference or number as NULL, yes/no ("1" or not) and numbers as
 * integers. */
static void bind_field(sqlite3_stmt *st, int i, const struct field *f, const char *v,
                       int64_t group)
{
	switch (f->type) {
	case F_GROUP:
		if (group)
			sqlite3_bind_int64(st, i, group);
		else
			sqlite3_bind_null(st, i);
		return;
	case F_BOOL:
		sqlite3_bind_int(st, i, v[0] == '1');
		return;
	case F_DATE:
	case F_REF:
	case F_INT:
		if (!v[0])
			sqlite3_bind_null(st, i);
		else if (f->type == F_DATE)
			sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, i, strtoll(v, NULL, 10));
		return;
	default:
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	}
}

/* Parameters ?2.. shared by insert and update; K must outlive the step
 * (bound without copying). */
static void bind_record(sqlite3_stmt *st, const struct store_def *def, const void *rec,
                        const int64_t *groups, const struct db_name_keys *k)
{
	int p = 2, g = 0;

	for (const struct field *f = def->fields; f->key; f++, p++)
		bind_field(st, p, f, FIELD_VALUE(rec, f), f->type == F_GROUP ? groups[g++] : 0);
	if (def->sort_name) {
		sqlite3_bind_text(st, p++, k->strokes, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, p++, k->pinyin, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, p++, k->initials, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, p, k->pinyin_key, -1, SQLITE_STATIC);
	}
}

/* DB_DUPLICATE, with the register's message, only for a value the
 * register says is unique; other UNIQUE failures (the random key) are
 * retried or reported as errors by the caller. */
static int record_fail(struct db *db, const struct store_def *def, int rc)
{
	int st = db_fail(db, rc);
	char name[96];

	if (st != DB_DUPLICATE)
		return st;
	if (sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE)
		for (const struct store_unique *u = def->unique; u && u->key; u++) {
			snprintf(name, sizeof name, "%s.%s", def->table, u->key);
			if (strstr(sqlite3_errmsg(db_handle(db)), name)) {
				db_set_errmsg(db, u->msg);
				return DB_DUPLICATE;
			}
		}
	return DB_ERROR;
}

/* The sort keys of REC's name, when DEF keeps them. */
static void name_keys(const struct store_def *def, const void *rec, struct db_name_keys *k)
{
	if (def->sort_name)
		db_name_keys(FIELD_VALUE(rec, field_find(def->fields, def->sort_name)), k);
}

/* A write of REC inside its own transaction or the caller's, with a
 * savepoint when it takes more than one statement: STEP does the work. */
static int record_write(struct db *db, const struct store_def *def, void *rec,
                        int (*step)(struct db *, const struct store_def *, void *,
                                    const int64_t *, const struct db_name_keys *))
{
	struct db_name_keys k;
	int64_t groups[STORE_GROUPS_MAX];
	bool own, sp;
	int rc;

	name_keys(def, rec, &k);
	rc = db_write_begin(db, &own);
	if (rc != DB_OK)
		return rc;
	sp = needs_savepoint(db, def, own, rec) && db_savepoint(db) == DB_OK;
	rc = groups_of(db, def, rec, groups);
	if (rc == DB_OK)
		rc = step(db, def, rec, groups, &k);
	if (sp)
		rc = db_savepoint_end(db, rc);
	return db_write_end(db, own, rc);
}

static int insert_step(struct db *db, const struct store_def *def, void *rec,
                       const int64_t *groups, const struct db_name_keys *k)
{
	struct store_sql *q = sql_of(db, def);
	char now[DB_NOW_SIZE];
	sqlite3_stmt *st;
	int64_t id;
	int rc;

	if (!q)
		return DB_ERROR;
	db_now(now);
	/* a random key taken already is astronomically rare: draw again */
	for (int tries = 0; tries < 4; tries++) {
		st = db_prepare(db, q->insert);
		if (!st)
			return DB_ERROR;
		id = db_new_id(db);
		sqlite3_bind_int64(st, 1, id);
		bind_record(st, def, rec, groups, k);
		sqlite3_bind_text(st, q->params + 2, now, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc != SQLITE_DONE && sqlite3_extended_errcode(db_handle(db)) ==
		                         SQLITE_CONSTRAINT_PRIMARYKEY) {
			sqlite3_reset(st);
			continue;
		}
		rc = rc == SQLITE_DONE ? DB_OK : record_fail(db, def, rc);
		sqlite3_reset(st);
		if (rc == DB_OK) {
			*REC_I64(def, rec, id) = id;
			*REC_I64(def, rec, version) = 1;
			snprintf(REC_TEXT(def, rec, created_at), def->time_size, "%s", now);
			snprintf(REC_TEXT(def, rec, updated_at), def->time_size, "%s", now);
		}
		return rc;
	}
	db_set_errmsg(db, N_("no free key found for the record"));
	return DB_ERROR;
}

int store_insert(struct db *db, const struct store_def *def, void *rec)
{
	int64_t id = *REC_I64(def, rec, id), version = *REC_I64(def, rec, version);
	int rc = record_write(db, def, rec, insert_step);

	if (rc != DB_OK) {
		/* nothing is stored: claim no key */
		*REC_I64(def, rec, id) = id;
		*REC_I64(def, rec, version) = version;
	}
	return rc;
}

/* After a version-checked write changed no row: was the row changed by
 * someone else, or is it gone? */
static int missing_or_changed(struct db *db, const struct store_def *def, int64_t id)
{
	struct store_sql *q = sql_of(db, def);
	int rc;
	sqlite3_stmt *st = q ? db_step_with(db, q->exists, &rc, "i", id) : NULL;

	if (!st)
		return DB_ERROR;
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		db_set_errmsg(db, N_("the record was changed by someone else meanwhile"));
		return DB_CONFLICT;
	}
	if (rc == SQLITE_DONE) {
		db_set_errmsg(db, N_("the record does not exist"));
		return DB_NOTFOUND;
	}
	return db_fail(db, rc);
}

int store_step_versioned(struct db *db, const struct store_def *def, sqlite3_stmt *st,
                         void *rec)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*REC_I64(def, rec, version) = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, REC_TEXT(def, rec, updated_at), def->time_size);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? DB_OK : record_fail(db, def, rc);
	} else if (rc == SQLITE_DONE) {
		rc = missing_or_changed(db, def, *REC_I64(def, rec, id));
	} else {
		rc = record_fail(db, def, rc);
	}
	sqlite3_reset(st);
	return rc;
}

static int update_step(struct db *db, const struct store_def *def, void *rec,
                       const int64_t *groups, const struct db_name_keys *k)
{
	struct store_sql *q = sql_of(db, def);
	sqlite3_stmt *st = q ? db_prepare(db, q->update) : NULL;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, *REC_I64(def, rec, id));
	bind_record(st, def, rec, groups, k);
	sqlite3_bind_int64(st, q->params + 2, *REC_I64(def, rec, version));
	return store_step_versioned(db, def, st, rec);
}

int store_update(struct db *db, const struct store_def *def, void *rec)
{
	int64_t version = *REC_I64(def, rec, version);
	char updated[DB_NOW_SIZE];
	int rc;

	snprintf(updated, sizeof updated, "%s", REC_TEXT(def, rec, updated_at));
	rc = record_write(db, def, rec, update_step);
	if (rc != DB_OK) {
		/* the new version is not stored: do not claim it */
		*REC_I64(def, rec, version) = version;
		snprintf(REC_TEXT(def, rec, updated_at), def->time_size, "%s", updated);
	}
	return rc;
}

/* Step ST, bound to select records, into REC: the first of them, and how
 * many there are (up to what ST's LIMIT lets through) into *COUNT. */
static int read_rows(struct db *db, const struct store_def *def, sqlite3_stmt *st,
                     void *rec, int *count)
{
	int rc, n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ == 0)
			store_read(def, st, 0, rec);
	sqlite3_reset(st);
	if (count)
		*count = n;
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return n ? DB_OK : DB_NOTFOUND;
}

int store_get(struct db *db, const struct store_def *def, int64_t id, void *rec)
{
	struct store_sql *q = sql_of(db, def);
	sqlite3_stmt *st = q ? db_prepare(db, q->get) : NULL;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return read_rows(db, def, st, rec, NULL);
}

int store_find(struct db *db, const struct store_def *def, const char *key,
               const char *value, void *rec, int *count)
{
	struct store_sql *q = sql_of(db, def);
	const struct field *f = field_find(def->fields, key);
	sqlite3_stmt *st;
	char col[64];
	int i;

	if (count)
		*count = 0;
	if (!q)
		return DB_ERROR;
	if (!f) {
		db_set_errmsg(db, N_("the database reported an error"));
		return DB_ERROR;
	}
	i = (int)(f - def->fields);
	if (!q->find[i]) {
		column_of(f, col, sizeof col);
		q->find[i] = sql_format("SELECT %s%s WHERE t.%s = ?1 ORDER BY t.id LIMIT 2",
		                    q->columns, q->from, col);
		if (!q->find[i]) {
			db_set_errmsg(db, N_("out of memory"));
			return DB_ERROR;
		}
	}
	st = db_prepare(db, q->find[i]);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	return read_rows(db, def, st, rec, count);
}

int store_set_status(struct db *db, const struct store_def *def, void *rec,
                     const char *status, const char *date, const char *reason)
{
	struct store_sql *q = sql_of(db, def);
	const struct field *fs = field_find(def->fields, "status");
	const struct field *fd = field_find(def->fields, "status_date");
	const struct field *fr = field_find(def->fields, "status_reason");
	int64_t *version = (int64_t *)((char *)rec + def->version);
	int64_t keep_version = *version;
	char keep_at[64];
	bool own;
	int rc;
	sqlite3_stmt *st;

	if (!q || !fs || !fd || !fr)
		return DB_ERROR;
	if (!q->status) {
		q->status = sql_format("UPDATE %s SET status = ?2, status_date = ?3,"
		                       " status_reason = ?4%s%s, version = version + 1,"
		                       " updated_at = %s WHERE id = ?1 AND version = ?5"
		                       " RETURNING version, updated_at", def->table,
		                       def->status_more ? ", " : "",
		                       def->status_more ? def->status_more : "", SQL_NOW);
		if (!q->status) {
			db_set_errmsg(db, N_("out of memory"));
			return DB_ERROR;
		}
	}
	if (!(st = db_write_prepare(db, q->status, &own, &rc)))
		return rc;
	snprintf(keep_at, sizeof keep_at, "%s", (char *)rec + def->updated_at);
	sqlite3_bind_int64(st, 1, *(const int64_t *)((const char *)rec + def->id));
	sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
	if (date && date[0])    /* an optional date: NULL when empty */
		sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, reason ? reason : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, *version);
	rc = db_write_end(db, own, store_step_versioned(db, def, st, rec));
	if (rc != DB_OK) {
		*version = keep_version;
		snprintf((char *)rec + def->updated_at, def->time_size, "%s", keep_at);
		return rc;
	}
	snprintf(FIELD_VALUE(rec, fs), fs->size, "%s", status);
	snprintf(FIELD_VALUE(rec, fd), fd->size, "%s", date ? date : "");
	snprintf(FIELD_VALUE(rec, fr), fr->size, "%s", reason ? reason : "");
	return DB_OK;
}

int store_count(struct db *db, const struct store_def *def, int64_t *count)
{
	struct store_sql *q = sql_of(db, def);
	sqlite3_stmt *st = q ? db_prepare(db, q->count) : NULL;
	int rc;

	*count = 0;
	if (!st)
		return DB_ERROR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : db_fail(db, rc);
}
