/* store_member.h - the roster's store (store_member.c): struct member
 * kept in the members table through the generic store (store.h), with
 * typed shorthands. */
#ifndef ZHIBU_STORE_MEMBER_H
#define ZHIBU_STORE_MEMBER_H

#include "member.h"
#include "store.h"

/* The roster (store_member.c), and its typed shorthands. */
extern const struct store_def member_store;

static inline void store_member_read(sqlite3_stmt *st, int first, struct member *m)
{
	store_read(&member_store, st, first, m);
}

static inline int store_member_insert(struct db *db, struct member *m)
{
	return store_insert(db, &member_store, m);
}

static inline int store_member_update(struct db *db, struct member *m)
{
	return store_update(db, &member_store, m);
}

static inline int store_member_get(struct db *db, int64_t id, struct member *m)
{
	return store_get(db, &member_store, id, m);
}

static inline int store_member_count(struct db *db, int64_t *count)
{
	return store_count(db, &member_store, count);
}

static inline int store_member_find_id_number(struct db *db, const char *id_number,
                                              struct member *m)
{
	return store_find(db, &member_store, "id_number", id_number, m, NULL);
}

/* The member named exactly NAME; *COUNT gets how many have the name (at
 * most 2). */
static inline int store_member_find_name(struct db *db, const char *name,
                                         struct member *m, int *count)
{
	return store_find(db, &member_store, "name", name, m, count);
}

/* Change a member's 党籍状态 with the date and reason (members are never
 * deleted).  Version-checked like an update. */
int store_member_set_status(struct db *db, struct member *m,
                            const char *status, const char *date,
                            const char *reason);

#endif
