/* store.h - the records of each module in SQL, bound parameters only.
 *
 * One file per record type (store_member.c ...); all take a struct db and
 * return enum db_status.  Writes compute the derived sort/search keys.
 */
#ifndef ZHIBU_STORE_H
#define ZHIBU_STORE_H

#include "db.h"
#include "member.h"

/* The columns of a member as store_member_read reads them, from members
 * AS m LEFT JOIN party_groups AS g (for the group's name). */
#define STORE_MEMBER_COLUMNS \
	"m.id, m.name, m.gender, m.ethnicity, m.birth_date, m.id_number," \
	" m.education, m.member_type, m.category, m.join_date, m.full_date," \
	" m.status, m.status_date, m.status_reason, m.probation_end," \
	" m.probation_reason, m.work_unit, m.phone," \
	" m.address, g.name, m.note, m.created_at, m.updated_at, m.version"

/* Read STORE_MEMBER_COLUMNS, starting at column FIRST of ST, into M. */
void store_member_read(sqlite3_stmt *st, int first, struct member *m);

/* Insert M (its id is chosen here and written back; version becomes 1).
 * The party group is created when it does not exist.  DB_DUPLICATE when
 * the ID number is taken.  Runs inside the caller's transaction if one is
 * open, else in its own. */
int store_member_insert(struct db *db, struct member *m);

/* Update the stored row M->id if its version is still M->version;
 * DB_CONFLICT if someone else changed it, DB_NOTFOUND if it is gone.
 * On success M->version and M->updated_at are the new ones. */
int store_member_update(struct db *db, struct member *m);

/* Read one member by key, or by ID number. */
int store_member_get(struct db *db, int64_t id, struct member *m);
int store_member_find_id_number(struct db *db, const char *id_number,
                                struct member *m);

/* The member named exactly NAME into M; *COUNT gets how many have the
 * name (at most 2: one is enough to know it does not name one). */
int store_member_find_name(struct db *db, const char *name, struct member *m,
                           int *count);

/* Change a member's 党籍状态 with the date and reason (members are never
 * deleted).  Version-checked like an update. */
int store_member_set_status(struct db *db, struct member *m,
                            const char *status, const char *date,
                            const char *reason);

/* Number of members (all statuses). */
int store_member_count(struct db *db, int64_t *count);

/* Party groups: create if missing and return the key. */
int store_group_ensure(struct db *db, const char *name, int64_t *id);

/* Party groups in their order (position, then name): call FN for each. */
int store_group_each(struct db *db,
                     void (*fn)(void *ctx, int64_t id, const char *name,
                                int64_t members),
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

/* The changes of row ROW_ID of TABLE, oldest first, one call per changed
 * field (derived keys and bookkeeping columns left out); the fields of one
 * change come one after the other with the same CHANGE.  A change whose
 * values are not valid JSON is one call with FIELD NULL. */
int store_audit_each(struct db *db, const char *table, int64_t row_id,
                     void (*fn)(void *ctx, const struct store_change *c),
                     void *ctx);

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
