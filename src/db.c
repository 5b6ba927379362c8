/* db.c - the SQLite connection: open (pragmas, the checks before and
 * after SQLite opens the file), close, the statement cache,
 * transactions and bulk writes, random keys, and the registers' extras.
 * The other parts of the database layer are db_*.c (db_internal.h).
 *
 * One connection per struct db.  Statements are prepared once and kept
 * (SQLITE_PREPARE_PERSISTENT), keyed by the address of their SQL text.
 * Nothing here draws or translates: failures are message ids (N_) or
 * SQLite's English text, and never carry a person's data.
 */

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "collate.h"
#include "db.h"
#include "db_internal.h"
#include "gettext.h"
#include "schema.h"

/* --- the registers' extras ---------------------------------------------- */

const struct db_extras *db_extras_list[DB_EXTRAS_MOST];
size_t db_extras_count;

/* Register X for the connections opened from now on. */
int db_extras_add(const struct db_extras *x)
{
	for (size_t i = 0; i < db_extras_count; i++)
		if (db_extras_list[i] == x)
			return 0;
	if (db_extras_count == DB_EXTRAS_MOST)
		return -1;
	db_extras_list[db_extras_count++] = x;
	return 0;
}

/* Make the registers' SQL functions (struct db_extras) on H. */
static int extras_functions(sqlite3 *h)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; i < db_extras_count; i++)
		for (const struct db_function *f = db_extras_list[i]->functions;
		     rc == SQLITE_OK && f && f->name; f++)
			rc = sqlite3_create_function(h, f->name, f->nargs, SQLITE_UTF8 | f->flags,
			                             NULL, f->fn, NULL, NULL);
	return rc;
}

/* --- statement cache ---------------------------------------------------- */

static size_t cache_hash(const char *sql, size_t cap)
{
	uint64_t x = (uint64_t)(uintptr_t)sql;

	x ^= x >> 17;
	x *= UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(x >> 32) & (cap - 1);
}

static struct stmt_slot *cache_find(struct db *db, const char *sql)
{
	if (!db->cache_cap)
		return NULL;
	for (size_t i = cache_hash(sql, db->cache_cap);; i = (i + 1) & (db->cache_cap - 1)) {
		if (db->cache[i].sql == sql)
			return &db->cache[i];
		if (!db->cache[i].sql)
			return NULL;
	}
}

static int cache_insert(struct db *db, const char *sql, sqlite3_stmt *st)
{
	/* grow at half load: the program has a bounded set of literals,
	 * so entries are never evicted (a caller may still hold one) */
	if ((db->cache_used + 1) * 2 > db->cache_cap) {
		size_t cap = db->cache_cap ? db->cache_cap * 2 : 64;
		struct stmt_slot *old = db->cache, *slots = calloc(cap, sizeof *slots);

		if (!slots)
			return -1;
		db->cache = slots;
		for (size_t i = 0, ocap = db->cache_cap; i < ocap; i++) {
			if (!old[i].sql)
				continue;
			size_t j = cache_hash(old[i].sql, cap);
			while (slots[j].sql)
				j = (j + 1) & (cap - 1);
			slots[j] = old[i];
		}
		db->cache_cap = cap;
		free(old);
	}
	size_t j = cache_hash(sql, db->cache_cap);
	while (db->cache[j].sql)
		j = (j + 1) & (db->cache_cap - 1);
	db->cache[j].sql = sql;
	db->cache[j].stmt = st;
	db->cache_used++;
	return 0;
}

/* A cached statement for SQL, reset and unbound. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql)
{
	struct stmt_slot *slot = cache_find(db, sql);
	sqlite3_stmt *st;
	int rc;

	if (slot) {
		sqlite3_reset(slot->stmt);
		sqlite3_clear_bindings(slot->stmt);
		st = slot->stmt;
	} else {
		rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
		if (rc != SQLITE_OK) {
			db_fail(db, rc);
			return NULL;
		}
	}
	/* no write without its audit triggers; a statement prepared before
	 * they exist is prepared again by SQLite when stepped */
	if (!db->audit_ready && !sqlite3_stmt_readonly(st) && db_audit_ensure(db) != DB_OK) {
		if (!slot)
			sqlite3_finalize(st);
		return NULL;
	}
	if (slot)
		return st;
	if (cache_insert(db, sql, st) != 0) {
		sqlite3_finalize(st);
		db_set_msg(db, N_("out of memory"));
		return NULL;
	}
	return st;
}

/* Run a cached statement that returns no rows. */
static int db_run(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return DB_ERROR;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		rc = db_fail(db, rc);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return DB_OK;
}

/* --- small accessors ---------------------------------------------------- */

/* The underlying handle. */
sqlite3 *db_handle(struct db *db)
{
	return db->h;
}

/* The path as opened. */
const char *db_path(struct db *db)
{
	return db->path;
}

/* Opened with DB_OPEN_READONLY. */
bool db_readonly(struct db *db)
{
	return db->readonly;
}

/* Path of the pre-migration backup, or NULL. */
const char *db_migration_backup(struct db *db)
{
	return db->backup_path;
}

/* Busy timeout in milliseconds. */
void db_set_busy_timeout(struct db *db, int ms)
{
	sqlite3_busy_timeout(db->h, ms);
}

/* PRAGMA data_version: another connection's commits move it on. */
int64_t db_data_version(struct db *db)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *st = db_prepare(db, sql);
	int64_t v = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

/* The version this program writes. */
int db_latest_version(void)
{
	return schema_latest_version();
}

/* A single integer from a query without parameters; -1 on error. */
int64_t db_query_int(sqlite3 *h, const char *sql, int *rcp)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			v = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else if (rc != SQLITE_DONE) {
			rc = sqlite3_extended_errcode(h);
		}
		sqlite3_finalize(st);
	} else {
		rc = sqlite3_extended_errcode(h);
	}
	if (rcp)
		*rcp = rc;
	return v;
}

/* PRAGMA user_version of the open file. */
int db_schema_version(struct db *db)
{
	return (int)db_query_int(db->h, "PRAGMA user_version", NULL);
}

/* The first column of every row of SQL (with ARG bound to ?1 when not
 * NULL) as a NULL-ended array; *N gets the count, -1 on error. */
char **db_names_of(sqlite3 *h, const char *sql, const char *arg, int *n)
{
	sqlite3_stmt *st;
	char **v = NULL;
	int cnt = 0, rc;

	*n = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **nv = realloc(v, (cnt + 2) * sizeof *v);

		if (!nv)
			break;
		v = nv;
		v[cnt] = strdup((const char *)sqlite3_column_text(st, 0));
		if (!v[cnt])
			break;
		v[++cnt] = NULL;
	}
	sqlite3_finalize(st);
	*n = rc == SQLITE_DONE ? cnt : -1;    /* a list cut short is no list */
	return v;
}

void db_free_names(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}

/* --- keys --------------------------------------------------------------- */

/* 2020-01-01T00:00:00Z: the origin of the time part of keys. */
#define KEY_EPOCH_MS UINT64_C(1577836800000)
#define KEY_RANDOM_BITS 22
#define KEY_TIME_MASK ((UINT64_C(1) << (63 - KEY_RANDOM_BITS)) - 1)

/* A new key: 41 bits of milliseconds since 2020 above 22 random bits,
 * as UUIDv7 does, and above the last key this program drew.  Keys
 * drawn one after another land at the end of a table and its indexes by
 * key, so a large import appends pages instead of splitting them at
 * random places; two copies of a branch drawing keys in the same
 * millisecond still meet only by chance (SPEC 6), and a clash is caught
 * by the primary key and drawn again. */
static int64_t new_key(void)
{
	static uint64_t last;
	struct timespec ts;
	uint64_t ms, r, k;

	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
	ms = ms > KEY_EPOCH_MS ? ms - KEY_EPOCH_MS : 0;
	sqlite3_randomness(sizeof r, &r);
	k = ((ms & KEY_TIME_MASK) << KEY_RANDOM_BITS) |
	    (r & ((UINT64_C(1) << KEY_RANDOM_BITS) - 1));
	if (k <= last)
		k = last + 1;
	if (k == 0 || k > (uint64_t)INT64_MAX)
		k = 1 + (r & ((UINT64_C(1) << KEY_RANDOM_BITS) - 1));
	last = k;
	return (int64_t)k;
}

int64_t db_new_id(struct db *db)
{
	(void)db;
	return new_key();
}

void db_now(char *out)
{
	struct timespec ts;
	struct tm tm;
	char day[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, DB_NOW_SIZE, "%s.%03dZ", day, (int)(ts.tv_nsec / 1000000));
}

/* The sort and search keys of NAME. */
void db_name_keys(const char *name, struct db_name_keys *k)
{
	collate_stroke_key(name, k->strokes, sizeof k->strokes);
	collate_pinyin(name, k->pinyin, sizeof k->pinyin,
	               k->initials, sizeof k->initials);
	collate_pinyin_key(name, k->pinyin_key, sizeof k->pinyin_key);
}

/* --- transactions ------------------------------------------------------- */

/* BEGIN IMMEDIATE: take the write lock now, waiting up to the timeout. */
int db_begin(struct db *db)
{
	int rc = db_audit_ensure(db);

	return rc == DB_OK ? db_run(db, "BEGIN IMMEDIATE") : rc;
}

/* COMMIT; on failure the transaction is rolled back, never left open. */
int db_commit(struct db *db)
{
	int rc = db_run(db, "COMMIT");

	if (rc != DB_OK)
		db_rollback(db);
	return rc;
}

/* ROLLBACK if a transaction is open. */
void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h)) {
		char keep[sizeof db->errmsg];

		/* keep the reason of the failure that led here */
		memcpy(keep, db->errmsg, sizeof keep);
		db_run(db, "ROLLBACK");
		memcpy(db->errmsg, keep, sizeof keep);
	}
}

/* Own transaction, or a savepoint inside the caller's. */
int db_write_begin(struct db *db, bool *own)
{
	*own = sqlite3_get_autocommit(db->h) != 0;
	if (*own)
		return db_begin(db);
	/* Inside the caller's transaction every store function writes with
	 * one statement, and SQLite undoes a failed statement by itself
	 * (with the audit rows its triggers wrote); a savepoint per row would
	 * only journal every page twice during a large import. */
	return db_audit_ensure(db);
}

/* Commit what db_write_begin started, or undo it. */
int db_write_end(struct db *db, bool own, int rc)
{
	if (own) {
		if (rc == DB_OK)
			return db_commit(db);
		db_rollback(db);
	}
	return rc;
}

sqlite3_stmt *db_write_prepare(struct db *db, const char *sql, bool *own, int *rc)
{
	sqlite3_stmt *st;

	*rc = db_write_begin(db, own);
	if (*rc != DB_OK)
		return NULL;
	st = db_prepare(db, sql);
	if (!st)
		*rc = db_write_end(db, *own, DB_ERROR);
	return st;
}

int db_write_step(struct db *db, sqlite3_stmt *st, bool own)
{
	int rc = sqlite3_step(st);

	rc = rc == SQLITE_DONE ? DB_OK : db_fail(db, rc);
	sqlite3_reset(st);
	return db_write_end(db, own, rc);
}

/* Bind ?1, ?2 ... of ST from AP by TYPES: 't' text (kept, not copied;
 * NULL binds NULL), 'i' int64_t. */
static void bind_args(sqlite3_stmt *st, const char *types, va_list ap)
{
	for (int i = 1; *types; types++, i++) {
		if (*types == 't')
			sqlite3_bind_text(st, i, va_arg(ap, const char *), -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
	}
}

sqlite3_stmt *db_step_with(struct db *db, const char *sql, int *rc,
                           const char *types, ...)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	va_list ap;

	va_start(ap, types);
	if (st)
		bind_args(st, types, ap);
	va_end(ap);
	*rc = st ? sqlite3_step(st) : SQLITE_ERROR;
	return st;
}

int db_write_with(struct db *db, const char *sql, const char *types, ...)
{
	bool own;
	int rc;
	va_list ap;
	sqlite3_stmt *st = db_write_prepare(db, sql, &own, &rc);

	if (st) {
		va_start(ap, types);
		bind_args(st, types, ap);
		va_end(ap);
		rc = db_write_step(db, st, own);
	}
	return rc;
}

int db_row_end(struct db *db, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	if (rc == SQLITE_DONE)
		return DB_NOTFOUND;
	return db ? db_fail(db, rc) : DB_ERROR;
}

int db_rows_end(sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
}

int db_savepoint(struct db *db)
{
	return db_run(db, "SAVEPOINT zhibu_write");
}

int db_savepoint_end(struct db *db, int rc)
{
	if (rc == DB_OK)
		return db_run(db, "RELEASE zhibu_write");
	/* some errors (disk full, I/O) end the whole transaction: then
	 * there is no savepoint left to undo */
	if (!sqlite3_get_autocommit(db->h)) {
		char keep[sizeof db->errmsg];

		memcpy(keep, db->errmsg, sizeof keep);
		db_run(db, "ROLLBACK TO zhibu_write");
		db_run(db, "RELEASE zhibu_write");
		memcpy(db->errmsg, keep, sizeof keep);
	}
	return rc;
}

static int input_waiting(void *arg)
{
	struct db *db = arg;
	struct pollfd p = { 0, POLLIN, 0 };

	if (poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP))) {
		db->input_stopped = true;
		return 1;
	}
	return 0;
}

void db_stop_on_input(struct db *db, bool on)
{
	/* about every tenth of a millisecond of work */
	db->input_stopped = false;
	sqlite3_progress_handler(db->h, on ? 20000 : 0, on ? input_waiting : NULL, db);
}

bool db_input_stopped(struct db *db)
{
	return db->input_stopped;
}

void db_long_read(struct db *db, bool on)
{
	/* Pages read through a map of the file, not copied by a read()
	 * each: the rows come in an index's order from all over the table
	 * (a fifth of an export's time went to those calls).  Only here:
	 * mapped pages count in the resident memory of a list's user. */
	if (on && sqlite3_get_autocommit(db->h)) {
		db->long_read = sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
		if (db->long_read)
			sqlite3_exec(db->h, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
	} else if (!on && db->long_read) {
		db->long_read = false;
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
		sqlite3_exec(db->h, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
	}
}

/* --- bulk writes -------------------------------------------------------- */

/* zhibu_bulk(): whether a bulk write is on (db_bulk), for the
 * registers' TEMP triggers. */
static void sql_bulk(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, db->bulk);
}

/* At most this many rows already stored in a bulk table, a bulk write
 * drops its indexes that enforce nothing and builds them at its end:
 * building them again for these costs less than a second. */
#define BULK_REBUILD_MOST 20000

/* Append the NULL-ended array ADD (taken over) to *V; false when out of
 * memory (ADD freed). */
static bool names_append(char ***v, char **add)
{
	size_t n = 0, m = 0;
	char **nv;

	if (!*v) {
		*v = add;
		return true;
	}
	while ((*v)[n])
		n++;
	while (add && add[m])
		m++;
	nv = realloc(*v, (n + m + 1) * sizeof *nv);
	if (!nv) {
		db_free_names(add);
		return false;
	}
	memcpy(nv + n, add, m * sizeof *nv);
	nv[n + m] = NULL;
	free(add);
	*v = nv;
	return true;
}

/* Drop table T's indexes that are not UNIQUE, when T holds few rows,
 * adding their SQL to db->rebuild for db_bulk_flush.  False when one
 * could not be dropped. */
static bool bulk_drop_table(struct db *db, const char *t)
{
	static const char list[] =
	    "SELECT sql FROM main.sqlite_schema WHERE type = 'index'"
	    " AND tbl_name = ?1 AND sql IS NOT NULL"
	    " AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name";
	/* a table's name from a register, quoted; never a value */
	char *count = sqlite3_mprintf("SELECT count(*) FROM main.\"%w\"", t);
	char **names;
	int n, rc = SQLITE_NOMEM;
	int64_t rows = count ? db_query_int(db->h, count, &rc) : -1;

	sqlite3_free(count);
	if (rows > BULK_REBUILD_MOST || rc != SQLITE_OK)
		return true;
	names = db_names_of(db->h, list, t, &n);
	if (n <= 0) {
		db_free_names(names);
		return true;
	}
	for (int i = 0; i < n && rc == SQLITE_OK; i++) {
		/* "CREATE INDEX name ON ...": the name is the third word */
		char *drop = sqlite3_mprintf("DROP INDEX main.%.*s",
		                             (int)strcspn(names[i] + 13, " "), names[i] + 13);

		rc = drop ? sqlite3_exec(db->h, drop, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(drop);
	}
	return names_append(&db->rebuild, names) && rc == SQLITE_OK;
}

/* Drop the bulk tables' indexes that are not UNIQUE (bulk_drop_table).
 * Inside the bulk write's transaction: a rollback brings them back. */
static void bulk_drop_indexes(struct db *db)
{
	for (size_t i = 0; i < db_extras_count; i++) {
		const char *t = db_extras_list[i]->bulk_table;

		if (!t || bulk_drop_table(db, t))
			continue;
		/* keep every index: the write goes on row by row */
		sqlite3_exec(db->h, "ROLLBACK TO zhibu_bulk", NULL, NULL, NULL);
		db_free_names(db->rebuild);
		db->rebuild = NULL;
		return;
	}
}

void db_bulk(struct db *db, bool on)
{
	/* only inside the caller's transaction: a savepoint outside one
	 * would be a transaction of its own, committed by its RELEASE */
	if (on && !db->bulk && !sqlite3_get_autocommit(db->h)) {
		sqlite3_exec(db->h, "SAVEPOINT zhibu_bulk", NULL, NULL, NULL);
		bulk_drop_indexes(db);
		sqlite3_exec(db->h, "RELEASE zhibu_bulk", NULL, NULL, NULL);
	} else if (!on) {
		/* rolled back or flushed: nothing is left to build */
		db_free_names(db->rebuild);
		db->rebuild = NULL;
	}
	db->bulk = on;
	/* 64 MB while an import writes 100 000 rows at random places of
	 * nine indexes: the pages stay in memory instead of being spilled
	 * to the WAL and read back; SQLite's default (2 MB) otherwise. */
	sqlite3_exec(db->h, on ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000",
	             NULL, NULL, NULL);
	if (!on)
		sqlite3_db_release_memory(db->h);
}

/* The end of a bulk write (see db.h): what the registers' triggers left
 * for it, then the indexes db_bulk dropped. */
int db_bulk_flush(struct db *db)
{
	int rc = DB_OK;

	if (!db->bulk)
		return DB_OK;
	/* no triggers, no waiting list (they come with the first write) */
	for (size_t i = 0; i < db_extras_count && db->audit_ready; i++) {
		const char *const *p = db_extras_list[i]->bulk_flush;

		for (; rc == DB_OK && p && *p; p++)
			rc = db_run(db, *p);
	}
	/* the indexes db_bulk took away, built again from the rows: a sort
	 * each, where keeping them row by row put every new row at a
	 * random place of six b-trees */
	for (char **p = db->rebuild; rc == DB_OK && p && *p; p++)
		if (sqlite3_exec(db->h, *p, NULL, NULL, NULL) != SQLITE_OK)
			rc = db_fail(db, sqlite3_errcode(db->h));
	db_free_names(db->rebuild);
	db->rebuild = NULL;
	return rc;
}

/* --- open and close ----------------------------------------------------- */

/* What the file's header and schema say about it. */
struct header {
	int64_t app_id, version, tables;
};

static int read_header(sqlite3 *h, struct header *hd)
{
	int rc;

	hd->app_id = db_query_int(h, "PRAGMA application_id", &rc);
	if (rc == SQLITE_OK)
		hd->version = db_query_int(h, "PRAGMA user_version", &rc);
	if (rc == SQLITE_OK)
		hd->tables = db_query_int(h, "SELECT count(*) FROM sqlite_schema", &rc);
	return rc;
}

static void db_free(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->cache_cap; i++)
		if (db->cache[i].sql)
			sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	if (db->h)
		sqlite3_close_v2(db->h);
	free(db->path);
	free(db->backup_path);
	db_free_names(db->rebuild);
	free(db);
}

/* Before SQLite opens PATH (a file's name): create it when FLAGS ask,
 * or refuse what cannot be opened as they ask.  *MODE gets the file's
 * mode (left as it is for a file created here), *IMMUTABLE whether it
 * is to be read as immutable.  DB_OK, or an error with a message in ERR. */
static int open_file(const char *path, unsigned flags, mode_t *mode, bool *immutable,
                     char *err, size_t errsz)
{
	bool ro = flags & DB_OPEN_READONLY;
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno != ENOENT || !(flags & DB_OPEN_CREATE) || ro) {
			db_err_set(err, errsz, errno == ENOENT ? N_("no such database")
			        : db_errno_msg(errno));
			return DB_ERROR;
		}
		if (db_make_parents(path) != 0 ||
		    (db_create_private(path, true) != 0 && errno != EEXIST)) {
			int e = errno;

			db_err_set(err, errsz, db_errno_msg(e));
			return e == EROFS || e == EACCES ? DB_READONLY : DB_ERROR;
		}
	} else if (!S_ISREG(st.st_mode)) {
		db_err_set(err, errsz, N_("the database is not a regular file"));
		return DB_ERROR;
	} else if (!ro && access(path, W_OK) != 0) {
		db_err_set(err, errsz, errno == EROFS
		        ? N_("the file system is read-only")
		        : N_("the database file is read-only"));
		return DB_READONLY;
	} else {
		*mode = st.st_mode;
	}
	/* On a read-only medium nobody can be writing, and a WAL
	 * file cannot get its -shm there: it is read as immutable. */
	*immutable = ro && db_fs_readonly(path);
	return *immutable ? DB_OK : db_shared_check(path, !ro, err, errsz);
}

/* SQLite's connection to PATH into db->h (IMMUTABLE: read as such);
 * SQLite's code. */
static int open_handle(struct db *db, const char *path, bool immutable)
{
	/* one thread uses a connection: no lock around every call */
	int oflags = (db->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
	             (db->memory ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
	int rc;

	if (immutable) {
		char *uri = db_immutable_uri(path);

		rc = uri ? sqlite3_open_v2(uri, &db->h, oflags | SQLITE_OPEN_URI, NULL)
		     : SQLITE_NOMEM;
		sqlite3_free(uri);
	} else if (strncmp(path, "file:", 5) == 0) {
		/* SQLite (built with SQLITE_USE_URI, as Debian's is) would read
		 * the name as a URI: a file of that name is meant */
		char *rel = db_side_path("./", path);

		rc = rel ? sqlite3_open_v2(rel, &db->h, oflags, NULL) : SQLITE_NOMEM;
		free(rel);
	} else {
		rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	}
	return rc;
}

/* The open connection's timeout, its files kept for readers (MODE: the
 * file's), and the program's SQL functions: the audit triggers',
 * zhibu_bulk() and the registers'.  DB_OK, or an error with a message
 * in ERR. */
static int open_setup(struct db *db, mode_t mode, char *err, size_t errsz)
{
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	if (!db->memory)
		db_shared_keep_files(db, mode);
	if (!db->readonly && sqlite3_db_readonly(db->h, "main") == 1) {
		db_err_set(err, errsz, N_("the database file is read-only"));
		return DB_READONLY;
	}
	if (db_audit_functions(db) != SQLITE_OK ||
	    sqlite3_create_function(db->h, "zhibu_bulk", 0, SQLITE_UTF8, db,
	                            sql_bulk, NULL, NULL) != SQLITE_OK ||
	    extras_functions(db->h) != SQLITE_OK) {
		db_err_set(err, errsz, db_open_msgid(sqlite3_extended_errcode(db->h)));
		return DB_ERROR;
	}
	return DB_OK;
}

/* Whether the file can be opened as FLAGS ask, from its header, looked
 * at before touching anything: a file that is not ours keeps its
 * journal mode and contents.  *VERSION gets its schema version.  DB_OK,
 * or an error with a message in ERR. */
static int open_header(struct db *db, unsigned flags, int64_t *version,
                       char *err, size_t errsz)
{
	bool ro = db->readonly, fresh;
	int latest = schema_latest_version();
	struct header hd;
	int rc = read_header(db->h, &hd);

	if (rc != SQLITE_OK) {
		db_err_set(err, errsz, db_open_msgid(rc));
		return (rc & 0xff) == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
	}
	fresh = hd.app_id == 0 && hd.version == 0 && hd.tables == 0;
	if (!fresh && (hd.app_id != SCHEMA_APPLICATION_ID || hd.version == 0)) {
		db_err_set(err, errsz, N_("the file is not a zhibu database"));
		return DB_ERROR;
	}
	if (hd.version > latest) {
		db_err_set(err, errsz, N_("database was written by a newer zhibu"));
		return DB_ERROR;
	}
	if (fresh && (ro || (!(flags & DB_OPEN_CREATE) && !db->memory))) {
		db_err_set(err, errsz, N_("the database is empty"));
		return DB_ERROR;
	}
	if (!fresh && hd.version < latest && (ro || (flags & DB_OPEN_NOMIGRATE))) {
		db_err_set(err, errsz, N_("the database was written by an older zhibu and must be upgraded first"));
		return DB_ERROR;
	}
	*version = hd.version;
	return DB_OK;
}

/* A writer's pragmas and the migration of a file of an older VERSION,
 * then foreign keys on.  DB_OK, or an error with a message in ERR. */
static int open_schema(struct db *db, int64_t version, char *err, size_t errsz)
{
	int rc;

	if (!db->readonly) {
		rc = sqlite3_exec(db->h,
		    "PRAGMA journal_mode = WAL;"
		    "PRAGMA synchronous = NORMAL;"   /* durable enough with WAL */
		    "PRAGMA temp_store = MEMORY;", NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			rc = db_fail(db, rc);
			db_err_set(err, errsz, db->errmsg);
			return rc;
		}
		if (version < schema_latest_version() &&
		    (rc = db_migrate(db, err, errsz)) != DB_OK)
			return rc;
	}
	rc = sqlite3_exec(db->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		db_err_set(err, errsz, db_open_msgid(sqlite3_extended_errcode(db->h)));
		return DB_ERROR;
	}
	return DB_OK;
}

/* Open (and create) the database, set pragmas, migrate, audit. */
int db_open(const char *path, unsigned flags, struct db **out,
            char *err, size_t errsz)
{
	bool memory = strcmp(path, ":memory:") == 0, immutable = false;
	mode_t mode = 0600;     /* a file created here */
	int64_t version = 0;
	struct db *db;
	int rc;

	*out = NULL;
	db_err_set(err, errsz, "");
	if (!memory && (rc = open_file(path, flags, &mode, &immutable, err, errsz)) != DB_OK)
		return rc;
	db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		db_err_set(err, errsz, N_("out of memory"));
		return DB_ERROR;
	}
	db->readonly = flags & DB_OPEN_READONLY;
	db->memory = memory;
	db->audit = true;
	rc = open_handle(db, path, immutable);
	if (rc != SQLITE_OK) {
		db_err_set(err, errsz, db_open_msgid(db->h ? sqlite3_extended_errcode(db->h) : rc));
		rc = DB_ERROR;
	} else {
		rc = open_setup(db, mode, err, errsz);
	}
	if (rc == DB_OK)
		rc = open_header(db, flags, &version, err, errsz);
	if (rc == DB_OK)
		rc = open_schema(db, version, err, errsz);
	if (rc != DB_OK) {
		db_free(db);
		return rc;
	}
	/* the audit triggers come with the first write (db_audit_ensure) */
	sqlite3_rollback_hook(db->h, db_audit_rolled_back, db);
	*out = db;
	return DB_OK;
}

/* Close, finalizing cached statements. */
void db_close(struct db *db)
{
	if (!db)
		return;
	if (!db->readonly && db->h) {
		db_rollback(db);
		/* cheap; keeps the planner's statistics useful.  Never wait
		 * for another writer's lock just for this. */
		sqlite3_busy_timeout(db->h, 0);
		sqlite3_exec(db->h, "PRAGMA analysis_limit = 400; PRAGMA optimize",
		             NULL, NULL, NULL);
	}
	db_free(db);
}
