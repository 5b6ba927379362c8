/* store.h - the records of the registers in SQL, bound parameters only.
 *
 * A register describes how its record lives in its table (struct
 * store_def); store_record.c builds the statements from its field table
 * and reads, inserts, updates and finds any register's records.  All
 * functions take a struct db and return enum db_status.
 */
#ifndef ZHIBU_STORE_H
#define ZHIBU_STORE_H

#include "db.h"

/* The time of a write as the store keeps it (UTC, milliseconds). */
#ifndef SQL_NOW
#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
#endif

/* The most fields one register may have, and party groups per record. */
#define STORE_FIELDS_MAX 64
#define STORE_GROUPS_MAX 4

/* A value a UNIQUE index of the table guards: the field's key (its
 * column) and what a refused write says (a message id). */
struct store_unique {
	const char *key;
	const char *msg;
};

struct store_sql;

/* How one register's record (a struct of SIZE bytes) lives in TABLE.
 * Every field of FIELDS is a column, stored by its type: a field KEY in
 * column KEY; a reference (F_REF) or a party group (F_GROUP) in KEY_id,
 * the group read back by its name and created when a write names a new
 * one; an empty date, reference or number as NULL; yes/no as 1 or 0
 * (empty: no) and numbers as integers; the rest as text, empty as ''.  The record's key, version
 * and times are at the offsets given.  When SORT_NAME names a field, its
 * sort and search keys (db_name_keys) are kept in SORT_NAME_strokes,
 * _pinyin, _initials and _pinyin_key. */
struct store_def {
	const char *table;
	const struct field *fields;
	size_t size;
	size_t id, version;             /* offsets of the int64_t key, version */
	size_t created_at, updated_at;  /* offsets of char[TIME_SIZE] */
	size_t time_size;
	const char *sort_name;
	const struct store_unique *unique;      /* ended by a NULL key, or NULL */
	/* store_set_status: more of the same UPDATE's assignments, or NULL */
	const char *status_more;
	struct store_sql *sql;          /* the statements, built on first use:
	                                 * each register gives one of its own */
};

/* The members of a struct store_def for a record type T whose key,
 * version and times are its members id, version, created_at and
 * updated_at. */
#define STORE_RECORD(T) \
	.size = sizeof(T), .id = offsetof(T, id), .version = offsetof(T, version), \
	.created_at = offsetof(T, created_at), .updated_at = offsetof(T, updated_at), \
	.time_size = sizeof(((T *)0)->created_at)

/* Room for the statements of a register: STORE_SQL(name) defines one. */
#define STORE_SQL(name) static struct store_sql name
struct store_sql {
	char *columns, *from;
	char *insert, *update, *get, *exists, *count;
	char *status;                   /* store_set_status's, built on first use */
	char *find[STORE_FIELDS_MAX];
	int nfields, params;
	bool failed;
};

/* The select list of a record of DEF ("t.id, t.name, g1.name, ...") and
 * its FROM clause (" FROM members AS t LEFT JOIN party_groups AS g1 ...")
 * for the queries of a register; NULL when memory ran out. */
const char *store_columns(const struct store_def *def);
const char *store_from(const struct store_def *def);

/* Copy column I of ST into BUF (size SZ), cut at a character boundary
 * if the stored text is longer; NULL becomes "". */
void store_column_copy(sqlite3_stmt *st, int i, char *buf, size_t sz);

/* Read the columns of store_columns, starting at column FIRST of ST,
 * into REC. */
void store_read(const struct store_def *def, sqlite3_stmt *st, int first, void *rec);

/* Insert REC (its key is chosen here and written back; its version
 * becomes 1).  DB_DUPLICATE, with the register's message, when a unique
 * value is taken.  Runs inside the caller's transaction if one is open,
 * else in its own. */
int store_insert(struct db *db, const struct store_def *def, void *rec);

/* Update the stored row of REC if its version is still REC's;
 * DB_CONFLICT if someone else changed it, DB_NOTFOUND if it is gone.  On
 * success REC's version and updated_at are the new ones. */
int store_update(struct db *db, const struct store_def *def, void *rec);

/* Step ST, a version-checked UPDATE of REC's row ... RETURNING version,
 * updated_at, and write the new version and time into REC. */
int store_step_versioned(struct db *db, const struct store_def *def, sqlite3_stmt *st,
                         void *rec);

/* Read one record by key. */
int store_get(struct db *db, const struct store_def *def, int64_t id, void *rec);

/* The record whose field KEY is VALUE into REC (the one with the lowest
 * key); *COUNT (may be NULL) gets how many have it, at most 2: one is
 * enough to know VALUE does not name one.  DB_NOTFOUND if none. */
int store_find(struct db *db, const struct store_def *def, const char *key,
               const char *value, void *rec, int *count);

/* Number of records. */
int store_count(struct db *db, const struct store_def *def, int64_t *count);

/* Change REC's status (its fields status, status_date, status_reason)
 * to STATUS on DATE (NULL or "": none) for REASON, version-checked like
 * an update, and audited; the record's fields follow on success.  DEF's
 * status_more, when set, adds assignments to the same statement (?2 the
 * status, ?3 the date).  enum db_status. */
int store_set_status(struct db *db, const struct store_def *def, void *rec,
                     const char *status, const char *date, const char *reason);

/* Party groups: the key of the one named NAME (DB_NOTFOUND if none);
 * the name of the one whose key is ID into NAME (size SZ). */
int store_group_find(struct db *db, const char *name, int64_t *id);
int store_group_name(struct db *db, int64_t id, char *name, size_t sz);

/* Party groups: create if missing and return the key. */
int store_group_ensure(struct db *db, const char *name, int64_t *id);

/* Party groups in their order (position, then name): call FN for each
 * (MEMBERS 0: the roster counts them, member_query.h). */
int store_group_each(struct db *db,
                     void (*fn)(void *ctx, int64_t id, const char *name,
                                int64_t members),
                     void *ctx);

/* The same, with SQL giving (id, name, a count) per group in their
 * order: what a register counts in each. */
int store_group_each_sql(struct db *db, const char *sql,
                         void (*fn)(void *ctx, int64_t id, const char *name,
                                    int64_t count),
                         void *ctx);

/* Rename a party group; DB_DUPLICATE if the new name is taken. */
int store_group_rename(struct db *db, int64_t id, const char *name);

/* One change of a record, field by field, from the audit log. */
struct store_change {
	int64_t change;         /* the audit row: one change, one action */
	const char *at;         /* when, local time YYYY-MM-DD HH:MM */
	const char *os_user;
	const char *action;     /* insert / update / delete */
	const char *field;      /* column key; NULL: the change cannot be read */
	const char *old_value;  /* NULL for an insert */
	const char *new_value;
};

/* What store_audit_each calls for each change (CTX is the caller's). */
typedef void store_change_fn(void *ctx, const struct store_change *c);

/* The changes of row ROW_ID of TABLE, oldest first, one call per changed
 * field (derived keys and bookkeeping columns left out); the fields of one
 * change come one after the other with the same CHANGE.  A change whose
 * values are not valid JSON is one call with FIELD NULL. */
int store_audit_each(struct db *db, const char *table, int64_t row_id,
                     store_change_fn *fn, void *ctx);

/* The newest audit row of a record: who changed it last, and when (local
 * time YYYY-MM-DD HH:MM).  DB_NOTFOUND if it has none. */
int store_audit_last(struct db *db, const char *table, int64_t row_id,
                     char *user, size_t usersz, char *at, size_t atsz);

/* A form kept when the connection dropped (SPEC 8), for its OS user. */
struct store_draft {
	int64_t id;
	char tbl[32];           /* the record type, e.g. "members" */
	int64_t row_id;         /* the record being edited, 0 for a new one */
	int64_t base_version;   /* its version when the form was opened */
	char created_at[32];    /* local time YYYY-MM-DD HH:MM */
	char *fields;           /* JSON object: field key -> text as typed */
};

/* Keep the N values typed into a form of TABLE (keys KEYS) as a draft of
 * the current OS user; *ID gets its key. */
int store_draft_save(struct db *db, const char *table, int64_t row_id,
                     int64_t base_version, const char *const *keys,
                     const char *const *values, int n, int64_t *id);

/* The newest draft of the current OS user; DB_NOTFOUND if none.  Free it
 * with store_draft_free. */
int store_draft_latest(struct db *db, struct store_draft *d);

/* The text typed into field KEY of a draft ("" if it has none). */
void store_draft_value(struct db *db, const struct store_draft *d,
                       const char *key, char *out, size_t outsz);

int store_draft_delete(struct db *db, int64_t id);
void store_draft_free(struct store_draft *d);

/* One row of the whole branch's change log, newest first. */
struct store_audit_row {
	int64_t id;
	char key[40];           /* its time (UTC), the order of the log */
	char at[20];            /* local time YYYY-MM-DD HH:MM */
	char os_user[64];
	char tbl[32];
	int64_t row_id;
	char action[8];         /* insert / update / delete */
	char name[96];          /* the record's name or key, for the eye */
	char fields[256];       /* keys of the columns changed, comma-separated */
	bool unreadable;        /* its values are not valid JSON: no name, no fields */
};

/* Up to N log rows after (DIR > 0: older), before (DIR < 0: newer) or from
 * (DIR 0) the row (KEY, ID); KEY NULL: from the newest (DIR >= 0) or up to
 * the oldest (DIR < 0).  Rows in display order (newest first).  Returns
 * how many, or a negative enum db_status. */
int store_audit_page(struct db *db, const char *key, int64_t id, int dir,
                     int n, struct store_audit_row *rows);

/* Rows in the change log. */
int64_t store_audit_count(struct db *db);

#endif
