/* db.h - the SQLite file: open, pragmas, migrations, transactions,
 * statement cache, random keys, audit switch, backup and checks; and
 * what the registers hand to it (struct db_extras), since it names none.
 * Made of db.c and db_*.c, which share db_internal.h.
 *
 * Nothing here draws or translates; errors are returned as codes and
 * message ids (N_), SQLite's own English text only as a detail.
 */
#ifndef ZHIBU_DB_H
#define ZHIBU_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

struct db;

enum db_status {
	DB_OK = 0,
	DB_ERROR = -1,      /* see db_errmsg() */
	DB_BUSY = -2,       /* another process holds the lock past the timeout */
	DB_CONFLICT = -3,   /* the row changed since it was read (version) */
	DB_NOTFOUND = -4,
	DB_DUPLICATE = -5,  /* a unique value (e.g. ID number) exists already */
	DB_READONLY = -6,
};

enum db_open_flags {
	DB_OPEN_CREATE = 1,     /* create the file (0600, directory 0700) */
	DB_OPEN_READONLY = 2,
	DB_OPEN_NOMIGRATE = 4,  /* refuse an older schema instead of migrating */
};

/* Open (and with DB_OPEN_CREATE create) the database at PATH, set the
 * pragmas (WAL, foreign keys, busy timeout), migrate an older schema after
 * writing a backup beside it, and install the audit triggers.  Returns
 * DB_OK and *OUT, or an error with a message in ERR (size ERRSZ). */
int db_open(const char *path, unsigned flags, struct db **out,
            char *err, size_t errsz);

/* Close the database, finalizing cached statements.  NULL is allowed. */
void db_close(struct db *db);

/* The underlying handle, for the store modules. */
sqlite3 *db_handle(struct db *db);

/* The file's path as opened. */
const char *db_path(struct db *db);

/* Whether the connection was opened with DB_OPEN_READONLY. */
bool db_readonly(struct db *db);

/* The message of the last failure on this connection: a message id. */
const char *db_errmsg(struct db *db);

/* SQLite's own (English) words on the last failure when db_errmsg() is
 * a generic one ("the database reported an error"), else "": a detail
 * to show after the message, never instead of it. */
const char *db_errdetail(struct db *db);

/* A prepared statement for SQL, cached by the SQL text's address (pass
 * string literals), reset and with its bindings cleared.  NULL on error. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);

/* Transactions: BEGIN IMMEDIATE (so a writer waits for the lock up front),
 * COMMIT, ROLLBACK.  Return DB_OK, DB_BUSY or DB_ERROR. */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);

/* A fresh random 63-bit positive key (never 0). */
int64_t db_new_id(struct db *db);

/* While ON, a statement of this connection stops (SQLITE_INTERRUPT) as
 * soon as standard input has something to read: a long count gives way
 * to the next key.  db_input_stopped() says whether the last one did. */
void db_stop_on_input(struct db *db, bool on);
bool db_input_stopped(struct db *db);
/* The time now as every created_at/updated_at holds it (UTC,
 * YYYY-MM-DDTHH:MM:SS.sssZ); OUT has room for DB_NOW_SIZE bytes. */
#define DB_NOW_SIZE 32
void db_now(char *out);

/* A number that changes whenever another connection (another zhibu, on
 * another terminal) has committed a change to the file since the last
 * call: screens poll it to follow changes made elsewhere.  -1 on error. */
int64_t db_data_version(struct db *db);

/* Schema version of the open file, and the version this program writes. */
int db_schema_version(struct db *db);
int db_latest_version(void);

/* Path of the backup written before the last migration on open, or NULL. */
const char *db_migration_backup(struct db *db);

/* Switch the audit log on or off for this connection (on by default; off
 * while replaying changes already audited elsewhere). */
int db_set_audit(struct db *db, bool on);

/* The OS user recorded in the audit log: the name of the real uid in the
 * password database, else the uid's number (never $USER). */
const char *db_os_user(void);

/* The head of the change log's chain (audit_chain.h): "N:HASH", N the
 * rows chained, HASH the last one's hash in 64 hex digits; "0:000..."
 * for an empty log.  "zhibu backup" prints the copy's, printed reports
 * carry its start, and a check-out is to record it: a rewrite of the
 * log after any of them no longer holds it (db_check_head).  OUT has
 * room for DB_AUDIT_HEAD_SIZE bytes. */
#define DB_AUDIT_HEAD_SIZE 96
int db_audit_head(struct db *db, char *out);

/* A head as written down: "N:HEX" with the first DB_AUDIT_HEAD_MIN_HEX
 * to 64 hex digits of the hash.  Parse S into *N and HEX (lowercase,
 * room for 65 bytes). */
#define DB_AUDIT_HEAD_MIN_HEX 8
bool db_audit_head_parse(const char *s, int64_t *n, char *hex);

/* SQL: whether the audit row A (an alias of audit_log) can be read, its
 * old and new values NULL or JSON objects.  Others are shown as
 * unreadable, one row each, and reported by db_check. */
#define DB_AUDIT_JSON_OK(col) \
	"(" col " IS NULL OR CASE WHEN json_valid(" col ") THEN json_type(" col ")" \
	" = 'object' ELSE 0 END)"
#define DB_AUDIT_READABLE(a) \
	"(" DB_AUDIT_JSON_OK(a ".old") " AND " DB_AUDIT_JSON_OK(a ".new") ")"

/* Write a consistent copy of the open database to DEST with the SQLite
 * backup API while others may write; DEST is created 0600. */
int db_backup(struct db *db, const char *dest, char *err, size_t errsz);

/* A callback for each problem db_check finds: a message id and a detail. */
typedef void (*db_problem_fn)(void *ctx, const char *msgid, const char *detail);

/* PRAGMA integrity_check, foreign_key_check, and the program's own
 * consistency checks: the registers' (struct db_extras: their rules over
 * rows, sort keys up to date, ID numbers valid, their own checks such as
 * the search index's), then audit log rows for every record, the change
 * log readable and its chain whole, no control characters in stored
 * text and no invisible ones in names, file permissions.
 * Returns the number of problems (0 = consistent) or DB_ERROR. */
int db_check(struct db *db, db_problem_fn fn, void *ctx);

/* Whether the change log still holds HEAD, a head recorded before: its
 * row N has that hash.  Reports through FN as db_check does; returns the
 * number of problems (0 or 1) or DB_ERROR (a malformed HEAD too). */
int db_check_head(struct db *db, const char *head, db_problem_fn fn, void *ctx);

/* Settings kept in the database (branch name ...).  db_get_setting returns
 * a malloc'd string or NULL. */
char *db_get_setting(struct db *db, const char *key);
int db_set_setting(struct db *db, const char *key, const char *value);

/* The default database path: $ZHIBU_DB, else $XDG_DATA_HOME/zhibu/zhibu.db,
 * else ~/.local/share/zhibu/zhibu.db.  Written to OUT; -1 if too long. */
int db_default_path(char *out, size_t outsz);

/* A message id if PATH, given by the user as the database, is one SQLite
 * reads as something else than a file (":memory:", a "file:" URI); else
 * NULL.  db_open itself takes ":memory:" (the tests' databases) and
 * reads a "file:" name as a file's. */
const char *db_path_refused(const char *path);

/* True if the file at PATH can be read by users other than its owner
 * and group ("other" bits), which SPEC 6 asks to report. */
bool db_world_readable(const char *path);

/* --- Added for the store modules and the tests ------------------------ */

/* Messages: the ERR of db_open and db_errmsg() hold a message id of
 * this module (English, marked N_, to be passed through _() by the
 * caller): the common failures of SQLite (busy, locked, read-only,
 * cannot open, damaged, disk full, not a database, I/O) each have their
 * own; the rest are a generic one, with SQLite's text in db_errdetail().
 * The one exception is the text of a RAISE() in the schema's triggers,
 * which is ours.  They never contain a path or a value from a record:
 * the caller names the file.
 *
 * Auditing: the triggers that write audit_log are TEMP triggers, made on
 * this connection only, generated from the tables' columns so they always
 * match the schema.  They are created before the connection's first write
 * (db_begin, db_write_begin, or db_prepare of a statement that writes), so
 * a connection that only reads does not pay for them: write through those
 * three, not through statements prepared on db_handle() directly.  Another
 * program opening the file (the sqlite3 shell) is neither audited nor
 * hindered by missing functions; audit_log itself refuses UPDATE and
 * DELETE for everyone (permanent triggers in the schema), and what such a
 * program writes into it, or changes after dropping those triggers,
 * breaks the log's hash chain (audit_chain.h), which db_check walks. 
 *
 * db_prepare: the statement belongs to the cache; do not finalize it, and
 * finish with it (step to the end or reset) before preparing the same SQL
 * again, which resets it. */

/* Busy timeout of this connection in milliseconds (5000 after db_open). */
void db_set_busy_timeout(struct db *db, int ms);

/* Record the failure SQLite reported as RC on this connection and return
 * the matching status: DB_BUSY, DB_READONLY, DB_DUPLICATE (a UNIQUE or
 * PRIMARY KEY constraint) or DB_ERROR; db_errmsg() then says why. */
int db_fail(struct db *db, int rc);

/* Set the message db_errmsg() returns (a message id, N_). */
void db_set_errmsg(struct db *db, const char *msgid);

/* A store function's write: in its own BEGIN IMMEDIATE transaction when
 * none is open (*OWN set), else inside the caller's, where a failed
 * statement is undone by SQLite alone (with the audit rows its triggers
 * wrote) — so a store function writes its record with one statement.
 * db_write_end commits when RC is DB_OK, else rolls back, if it owns the
 * transaction; it returns RC, or the error of the commit. */
int db_write_begin(struct db *db, bool *own);
int db_write_end(struct db *db, bool own, int rc);

/* A write of one statement: db_write_begin, then SQL prepared.  NULL
 * when either failed (the write is then ended, *RC its status); else
 * bind its parameters and finish with db_write_step. */
sqlite3_stmt *db_write_prepare(struct db *db, const char *sql, bool *own, int *rc);
/* Step ST of db_write_prepare (a write without rows), reset it and end
 * the write: DB_OK, db_fail's status or the commit's error. */
int db_write_step(struct db *db, sqlite3_stmt *st, bool own);

/* A one-statement write (as db_write_prepare and db_write_step) of SQL
 * with its parameters ?1, ?2 ... bound from the arguments by TYPES: 't'
 * a string (NULL: NULL), 'i' an int64_t. */
int db_write_with(struct db *db, const char *sql, const char *types, ...);
/* SQL prepared, bound as by db_write_with and stepped once: *RC the
 * step's code.  NULL when it could not be prepared; else finish with
 * db_row_end or sqlite3_reset. */
sqlite3_stmt *db_step_with(struct db *db, const char *sql, int *rc,
                           const char *types, ...);

/* Reset ST after a read of one row whose step returned RC: DB_OK (a
 * row), DB_NOTFOUND (none), else db_fail's status (DB NULL: DB_ERROR). */
int db_row_end(struct db *db, sqlite3_stmt *st, int rc);
/* Reset ST after reading its rows, the last step RC: DB_OK when all
 * were read, else DB_BUSY or DB_ERROR. */
int db_rows_end(sqlite3_stmt *st, int rc);

/* A large cache while ON (an import's many writes, inside the caller's
 * transaction), the default again when off, its memory given back.
 * While on, zhibu_bulk() is true in SQL, so that the TEMP triggers of
 * the registers (struct db_extras) may leave work for db_bulk_flush(),
 * which the writer calls before it commits (new members enter the
 * search index there); and when a bulk table holds few rows yet, its
 * indexes that enforce nothing are dropped and built again there.  A
 * rollback takes back both. */
void db_bulk(struct db *db, bool on);
int db_bulk_flush(struct db *db);

/* A long read of many statements (an export, a report's two passes):
 * while ON, one snapshot of the file, so that others' commits meanwhile
 * are not half seen, read through a memory map.  Off ends the read.
 * No-op inside a transaction. */
void db_long_read(struct db *db, bool on);

/* The rare write of several statements inside the caller's transaction
 * (a member with a party group that must be created first): a savepoint,
 * released when RC is DB_OK, else rolled back to, so a failure undoes
 * only this write.  db_savepoint_end returns RC or the release's error. */
int db_savepoint(struct db *db);
int db_savepoint_end(struct db *db, int rc);

/* The derived sort and search keys of a name (collate.h), as stored in
 * the name_strokes, name_pinyin, name_initials and name_pinyin_key
 * columns of the registers' tables that hold a name. */
struct db_name_keys {
	char strokes[1024];
	char pinyin[512];
	char initials[128];
	char pinyin_key[1536];
};
void db_name_keys(const char *name, struct db_name_keys *k);

/* --- What the registers hand to the database layer ------------------------
 *
 * This layer knows no register.  What one needs of every connection (SQL
 * functions of the program, TEMP tables and triggers such as those that
 * keep a search index), what its bulk writes leave for their end, and
 * its own rules for "zhibu check" come in a struct db_extras, registered
 * once at start-up, before the first db_open (registers_init()). */

/* An SQL function of the program: made on every connection before the
 * migrations run (a migration may call it), with no user data. */
struct db_function {
	const char *name;       /* NULL ends a list */
	int nargs;
	int flags;              /* SQLITE_DETERMINISTIC ... (SQLITE_UTF8 is added) */
	void (*fn)(sqlite3_context *ctx, int argc, sqlite3_value **argv);
};

/* A rule over single rows of TBL for db_check: SQL that returns the ids
 * of the rows breaking it; its parameter ?1, if any, is today's date. */
struct db_check_rule {
	const char *msgid;      /* N_(); NULL ends a list */
	const char *tbl;
	const char *sql;
};

/* The rule MSGID over the rows of TBL (as t) for which COND holds. */
#define DB_CHECK_RULE(msgid, tbl, cond) \
	{ msgid, tbl, "SELECT id FROM " tbl " AS t WHERE " cond }

/* A query of TBL's rows for one of db_check's own checks. */
struct db_check_query {
	const char *tbl;        /* NULL ends a list */
	const char *sql;
};

/* A register's own check reports through these (see db_problem_fn). */
struct db_checker;
void db_check_problem(struct db_checker *c, const char *msgid, const char *detail);
/* A problem with one record: the detail is "TBL ID", a key only. */
void db_check_problem_row(struct db_checker *c, const char *msgid, const char *tbl,
                          int64_t id);

struct db_extras {
	/* SQL functions on every connection */
	const struct db_function *functions;
	/* TEMP tables and triggers, made with the audit triggers before the
	 * connection's first write (and dropped with them); they may call
	 * zhibu_bulk() (see db_bulk) */
	const char *temp_sql;
	/* Statements db_bulk_flush runs, in order, once temp_sql is in place
	 * (NULL ends the list) */
	const char *const *bulk_flush;
	/* A table a bulk write fills: while it holds few rows, db_bulk drops
	 * its indexes that enforce nothing and db_bulk_flush builds them
	 * again; NULL: none */
	const char *bulk_table;
	/* db_check, in this order over all the registered extras: */
	const struct db_check_rule *rules;
	/* SELECT id, name, name_strokes, name_pinyin, name_initials,
	 * name_pinyin_key: the sort and search keys derived from the name */
	const struct db_check_query *name_keys;
	/* SELECT id, id_number of the rows that hold one: 18 characters with
	 * a right check digit */
	const struct db_check_query *id_numbers;
	/* the register's own check: DB_OK, or the status of db_fail() */
	int (*check)(struct db *db, struct db_checker *c);
};

/* Hand X (which stays the caller's) to every connection opened from now
 * on; X given again counts once.  0, or -1 when the list is full. */
int db_extras_add(const struct db_extras *x);

#endif
