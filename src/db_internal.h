/* db_internal.h - what the parts of the database layer (db*.c) share:
 * the connection itself and their helpers.  Not for the layers above,
 * which have db.h.
 *
 *   db.c           open, close, pragmas, statement cache, transactions,
 *                  bulk writes, keys, the registers' extras
 *   db_msg.c       the message of a failure (SQLite's codes, errno)
 *   db_files.c     the file: private modes, default path, backups
 *   db_shared.c    a file shared by a Unix group: its -wal and -shm
 *   db_audit.c     the change log: TEMP triggers, their functions, chain head
 *   db_migrate.c   migrations of an older file, after a backup
 *   db_check.c     "zhibu check"
 *   db_settings.c  settings kept in the database
 */
#ifndef ZHIBU_DB_INTERNAL_H
#define ZHIBU_DB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sqlite3.h>

#include "db.h"
#include "text.h"

/* ISO 8601 UTC with milliseconds, as every created_at/updated_at/at. */
#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

#define BUSY_TIMEOUT_MS 5000

struct stmt_slot {
	const char *sql;        /* the key: the address, not the text */
	sqlite3_stmt *stmt;
};

struct db {
	sqlite3 *h;
	char *path;
	char *backup_path;      /* written before the migration on open */
	bool readonly;
	bool memory;
	bool audit;             /* read by zhibu_audit_enabled() */
	bool audit_ready;       /* the TEMP audit triggers are in place */
	bool input_stopped;     /* a statement gave way to a key (db_stop_on_input) */
	bool bulk;              /* db_bulk: zhibu_bulk() is true */
	bool long_read;         /* db_long_read began a transaction */
	char **rebuild;         /* db_bulk: CREATE INDEX statements to run again */
	struct stmt_slot *cache;
	size_t cache_cap;       /* a power of two */
	size_t cache_used;
	char errmsg[256];
	char errdetail[256];    /* SQLite's text, for a generic errmsg */
};

/* What the registers handed over (db_extras_add), in their order. */
#define DB_EXTRAS_MOST 32
extern const struct db_extras *db_extras_list[DB_EXTRAS_MOST];
extern size_t db_extras_count;

/* --- db.c */

/* A single integer from a query without parameters, -1 on error; *RCP
 * (if not NULL) gets SQLite's code. */
int64_t db_query_int(sqlite3 *h, const char *sql, int *rcp);
/* The first column of every row of SQL (ARG bound to ?1 unless NULL),
 * malloc'd and NULL-ended; *N the count, -1 on error. */
char **db_names_of(sqlite3 *h, const char *sql, const char *arg, int *n);
/* Free what db_names_of returned (NULL is allowed). */
void db_free_names(char **v);

/* --- db_msg.c */

/* Set the message of the last failure to MSG, with no detail. */
void db_set_msg(struct db *db, const char *msg);
/* Copy MSG into ERR (size ERRSZ), if there is one. */
void db_err_set(char *err, size_t errsz, const char *msg);
/* What db_open says when SQLite fails with XRC. */
const char *db_open_msgid(int xrc);
/* What db_open says when making the file fails with errno E. */
const char *db_errno_msg(int e);
/* Those of db_errno_msg that name a cause (not its generic one). */
extern const struct text_code_msg db_errno_msgs[];

/* --- db_files.c */

/* mkdir -p of PATH's directory, new directories 0700; 0 or -1 (errno). */
int db_make_parents(const char *path);
/* Create PATH empty and 0600 (EXCLUSIVE: only if new); 0 or -1 (errno). */
int db_create_private(const char *path, bool exclusive);
/* True if PATH lies on a file system mounted read-only. */
bool db_fs_readonly(const char *path);
/* "file:PATH?immutable=1", PATH escaped; sqlite3_free it.  NULL: no memory. */
char *db_immutable_uri(const char *path);
/* Why a copy cannot go to its file (errno E): a message id or the
 * system's text. */
const char *db_backup_errmsg(int e);
/* Copy the database of SRC into the existing file DEST with the backup
 * API, leaving a rollback-journal file; DB_OK or an error in ERR. */
int db_copy_to(sqlite3 *src, const char *dest, char *err, size_t errsz);

/* --- db_shared.c */

/* PATH with SUFFIX appended; malloc'd, NULL if out of memory. */
char *db_side_path(const char *path, const char *suffix);
/* Before opening the WAL file at PATH (WRITE: for writing): refuse a
 * reader while its -wal or -shm is missing, clear away those a writer
 * cannot write.  DB_OK, or an error with a message in ERR. */
int db_shared_check(const char *path, bool write, char *err, size_t errsz);
/* Keep -wal and -shm at close when someone may read the file (MODE)
 * but not write it. */
void db_shared_keep_files(struct db *db, mode_t mode);

/* --- db_audit.c */

/* Make the SQL functions of the audit triggers on DB; SQLite's code. */
int db_audit_functions(struct db *db);
/* The TEMP audit triggers and the registers' TEMP SQL, made unless they
 * are there already (before a write); DB_OK or an error status. */
int db_audit_ensure(struct db *db);
/* Make them now; DB_OK or an error status. */
int db_audit_install(struct db *db);
/* Drop this connection's TEMP triggers; SQLite's code. */
int db_audit_uninstall(struct db *db);
/* The rollback hook (ARG: the struct db): the triggers may be gone. */
void db_audit_rolled_back(void *arg);
/* Append to S json_object('c', PREFIX."c", ...) of the N columns COLS. */
void db_audit_json(sqlite3_str *s, const char *prefix, char **cols, int n);
/* The names of the audited tables (db_names_of's form). */
char **db_audited_tables(sqlite3 *h, int *n);
/* Whether audit_log has its hash chain yet (schema version 10). */
bool db_audit_chained(sqlite3 *h);

/* --- db_migrate.c */

/* Bring the file to the latest schema in one transaction, after a
 * backup beside it when it held data; DB_OK or an error in ERR. */
int db_migrate(struct db *db, char *err, size_t errsz);

#endif
