/* store_member.c - 党员花名册 rows in SQL (SPEC 1.1, 6).
 *
 * The store trusts its caller: member_check has normalized and validated
 * the fields; the schema's CHECK constraints guard the basics.  Empty
 * optional dates are stored as NULL, other empty fields as ''.  Every
 * write computes the derived name keys (collate.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "gettext.h"
#include "store.h"

#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* One member with its party group's name, in store_member_read's order. */
#define MEMBER_SELECT \
	"SELECT " STORE_MEMBER_COLUMNS \
	" FROM members AS m LEFT JOIN party_groups AS g ON g.id = m.party_group_id"

/* Copy column I into BUF (size SZ), cut at a character boundary if the
 * stored text is longer than the struct allows; NULL becomes "". */
static void col_copy(sqlite3_stmt *st, int i, char *buf, size_t sz)
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

void store_member_read(sqlite3_stmt *st, int first, struct member *m)
{
	int c = first;

	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, c++);
#define TEXT(field) col_copy(st, c++, m->field, sizeof m->field)
	TEXT(name);
	TEXT(gender);
	TEXT(ethnicity);
	TEXT(birth_date);
	TEXT(id_number);
	TEXT(education);
	TEXT(member_type);
	TEXT(category);
	TEXT(join_date);
	TEXT(full_date);
	TEXT(status);
	TEXT(status_date);
	TEXT(status_reason);
	TEXT(probation_end);
	TEXT(probation_reason);
	TEXT(work_unit);
	TEXT(phone);
	TEXT(address);
	TEXT(party_group);
	TEXT(note);
	TEXT(created_at);
	TEXT(updated_at);
#undef TEXT
	m->version = sqlite3_column_int64(st, c);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* An optional date: NULL when empty. */
static void bind_date(sqlite3_stmt *st, int i, const char *s)
{
	if (s[0])
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Parameters ?2..?25 shared by insert and update; K must outlive the
 * step (bound without copying). */
static void member_bind(sqlite3_stmt *st, const struct member *m,
                        int64_t group, const struct db_name_keys *k)
{
	bind_text(st, 2, m->name);
	bind_text(st, 3, m->gender);
	bind_text(st, 4, m->ethnicity);
	bind_text(st, 5, m->birth_date);
	bind_text(st, 6, m->id_number);
	bind_text(st, 7, m->education);
	bind_text(st, 8, m->member_type);
	bind_text(st, 9, m->category);
	bind_text(st, 10, m->join_date);
	bind_date(st, 11, m->full_date);
	bind_text(st, 12, m->status);
	bind_date(st, 13, m->status_date);
	bind_text(st, 14, m->status_reason);
	bind_text(st, 15, m->work_unit);
	bind_text(st, 16, m->phone);
	bind_text(st, 17, m->address);
	if (group)
		sqlite3_bind_int64(st, 18, group);
	else
		sqlite3_bind_null(st, 18);
	bind_text(st, 19, m->note);
	bind_text(st, 20, k->strokes);
	bind_text(st, 21, k->pinyin);
	bind_text(st, 22, k->initials);
	bind_text(st, 23, k->pinyin_key);
	bind_date(st, 24, m->probation_end);
	bind_text(st, 25, m->probation_reason);
}

/* DB_DUPLICATE only for the ID number; other UNIQUE failures (the random
 * key) are retried or reported as errors by the caller. */
static int member_fail(struct db *db, int rc)
{
	int st = db_fail(db, rc);

	if (st == DB_DUPLICATE &&
	    sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_UNIQUE &&
	    strstr(sqlite3_errmsg(db_handle(db)), "members.id_number")) {
		db_set_errmsg(db, N_("a member with this ID number exists already"));
		return DB_DUPLICATE;
	}
	return st == DB_DUPLICATE ? DB_ERROR : st;
}

/* Find or create the party group named NAME (empty: none, *ID = 0). */
static int group_for(struct db *db, const char *name, int64_t *id)
{
	*id = 0;
	if (!name[0])
		return DB_OK;
	return store_group_ensure(db, name, id);
}

/* Will the write of a member with party group NAME, inside the caller's
 * transaction (!OWN), create the group first?  Then it takes two
 * statements and needs a savepoint to be undone as one.
 * SELECT 1 FROM party_groups WHERE name = ?1 */
static bool needs_savepoint(struct db *db, bool own, const char *name)
{
	static const char sql[] = "SELECT 1 FROM party_groups WHERE name = ?1";
	sqlite3_stmt *st;
	int rc;

	if (own || !name[0] || !(st = db_prepare(db, sql)))
		return false;
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE;
}

/* INSERT INTO members (id, name, gender, ethnicity, birth_date, id_number,
 *   education, member_type, category, join_date, full_date, status,
 *   status_date, status_reason, work_unit, phone, address, party_group_id,
 *   note, name_strokes, name_pinyin, name_initials, name_pinyin_key,
 *   probation_end, probation_reason, created_at, updated_at, version)
 * VALUES (?1 .. ?25, ?26, ?26, 1)
 * (the time is bound: RETURNING would buffer each row in a table of its
 * own, a third of the cost of a row in a large import) */
int store_member_insert(struct db *db, struct member *m)
{
	static const char sql[] =
	    "INSERT INTO members (id, name, gender, ethnicity, birth_date, id_number,"
	    " education, member_type, category, join_date, full_date, status,"
	    " status_date, status_reason, work_unit, phone, address, party_group_id,"
	    " note, name_strokes, name_pinyin, name_initials, name_pinyin_key,"
	    " probation_end, probation_reason, created_at, updated_at, version)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
	    " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?26, 1)";
	struct db_name_keys k;
	int64_t group, id = 0;
	sqlite3_stmt *st;
	char now[DB_NOW_SIZE];
	bool own, sp;
	int rc;

	db_name_keys(m->name, &k);
	rc = db_write_begin(db, &own);
	if (rc != DB_OK)
		return rc;
	sp = needs_savepoint(db, own, m->party_group) && db_savepoint(db) == DB_OK;
	rc = group_for(db, m->party_group, &group);
	/* a random key taken already is astronomically rare: draw again */
	for (int tries = 0; rc == DB_OK; tries++) {
		if (tries == 4) {
			db_set_errmsg(db, N_("no free key found for the record"));
			rc = DB_ERROR;
			break;
		}
		st = db_prepare(db, sql);
		if (!st) {
			rc = DB_ERROR;
			break;
		}
		id = db_new_id(db);
		sqlite3_bind_int64(st, 1, id);
		member_bind(st, m, group, &k);
		db_now(now);
		sqlite3_bind_text(st, 26, now, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			sqlite3_reset(st);
			rc = DB_OK;
			break;
		}
		rc = sqlite3_extended_errcode(db_handle(db)) == SQLITE_CONSTRAINT_PRIMARYKEY
		     ? DB_OK : member_fail(db, rc);
		sqlite3_reset(st);
	}
	if (sp)
		rc = db_savepoint_end(db, rc);
	rc = db_write_end(db, own, rc);
	if (rc == DB_OK) {
		m->id = id;
		m->version = 1;
		snprintf(m->created_at, sizeof m->created_at, "%s", now);
		snprintf(m->updated_at, sizeof m->updated_at, "%s", now);
	}
	return rc;
}

/* After a version-checked write changed no row: was the row changed by
 * someone else, or is it gone?
 * SELECT 1 FROM members WHERE id = ?1 */
static int member_missing_or_changed(struct db *db, int64_t id)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT 1 FROM members WHERE id = ?1");
	int rc;

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
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

/* Step a version-checked UPDATE ... RETURNING version, updated_at and
 * write the new values into M. */
static int step_versioned(struct db *db, sqlite3_stmt *st, struct member *m)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		m->version = sqlite3_column_int64(st, 0);
		col_copy(st, 1, m->updated_at, sizeof m->updated_at);
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? DB_OK : member_fail(db, rc);
	} else if (rc == SQLITE_DONE) {
		rc = member_missing_or_changed(db, m->id);
	} else {
		rc = member_fail(db, rc);
	}
	sqlite3_reset(st);
	return rc;
}

/* UPDATE members SET name = ?2, ... name_pinyin_key = ?23,
 *   probation_end = ?24, probation_reason = ?25,
 *   version = version + 1, updated_at = now
 * WHERE id = ?1 AND version = ?26 RETURNING version, updated_at */
int store_member_update(struct db *db, struct member *m)
{
	static const char sql[] =
	    "UPDATE members SET name = ?2, gender = ?3, ethnicity = ?4,"
	    " birth_date = ?5, id_number = ?6, education = ?7, member_type = ?8,"
	    " category = ?9, join_date = ?10, full_date = ?11, status = ?12,"
	    " status_date = ?13, status_reason = ?14, work_unit = ?15, phone = ?16,"
	    " address = ?17, party_group_id = ?18, note = ?19, name_strokes = ?20,"
	    " name_pinyin = ?21, name_initials = ?22, name_pinyin_key = ?23,"
	    " probation_end = ?24, probation_reason = ?25,"
	    " version = version + 1, updated_at = " SQL_NOW
	    " WHERE id = ?1 AND version = ?26 RETURNING version, updated_at";
	struct db_name_keys k;
	struct member keep = *m;
	sqlite3_stmt *st;
	int64_t group;
	bool own, sp;
	int rc;

	db_name_keys(m->name, &k);
	rc = db_write_begin(db, &own);
	if (rc != DB_OK)
		return rc;
	sp = needs_savepoint(db, own, m->party_group) && db_savepoint(db) == DB_OK;
	rc = group_for(db, m->party_group, &group);
	if (rc == DB_OK) {
		st = db_prepare(db, sql);
		if (st) {
			sqlite3_bind_int64(st, 1, m->id);
			member_bind(st, m, group, &k);
			sqlite3_bind_int64(st, 26, m->version);
			rc = step_versioned(db, st, m);
		} else {
			rc = DB_ERROR;
		}
	}
	if (sp)
		rc = db_savepoint_end(db, rc);
	rc = db_write_end(db, own, rc);
	if (rc != DB_OK) {
		/* the new version is not stored: do not claim it */
		m->version = keep.version;
		memcpy(m->updated_at, keep.updated_at, sizeof m->updated_at);
	}
	return rc;
}

/* Step ST, bound to select one member, into M. */
static int member_one(struct db *db, sqlite3_stmt *st, struct member *m)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		store_member_read(st, 0, m);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return DB_OK;
	return rc == SQLITE_DONE ? DB_NOTFOUND : db_fail(db, rc);
}

/* SELECT m.id, m.name ... g.name ... m.version FROM members AS m
 *   LEFT JOIN party_groups AS g ON g.id = m.party_group_id WHERE m.id = ?1 */
int store_member_get(struct db *db, int64_t id, struct member *m)
{
	sqlite3_stmt *st = db_prepare(db, MEMBER_SELECT " WHERE m.id = ?1");

	if (!st)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return member_one(db, st, m);
}

/* The same columns as store_member_get ... WHERE m.id_number = ?1 */
int store_member_find_id_number(struct db *db, const char *id_number,
                                struct member *m)
{
	sqlite3_stmt *st = db_prepare(db, MEMBER_SELECT " WHERE m.id_number = ?1");

	if (!st)
		return DB_ERROR;
	bind_text(st, 1, id_number);
	return member_one(db, st, m);
}

/* The same columns ... WHERE m.name = ?1 ORDER BY m.id LIMIT 2 */
int store_member_find_name(struct db *db, const char *name, struct member *m,
                           int *count)
{
	sqlite3_stmt *st = db_prepare(db, MEMBER_SELECT " WHERE m.name = ?1"
	                              " ORDER BY m.id LIMIT 2");
	int rc;

	*count = 0;
	if (!st)
		return DB_ERROR;
	bind_text(st, 1, name);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((*count)++ == 0)
			store_member_read(st, 0, m);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, rc);
	return *count ? DB_OK : DB_NOTFOUND;
}

/* Copy SRC into a field; the caller may pass the field itself. */
static void set_field(char *dst, size_t sz, const char *src)
{
	if (dst != src)
		snprintf(dst, sz, "%s", src);
}

/* UPDATE members SET status = ?2, status_date = ?3, status_reason = ?4,
 *   version = version + 1, updated_at = now
 * WHERE id = ?1 AND version = ?5 RETURNING version, updated_at */
int store_member_set_status(struct db *db, struct member *m,
                            const char *status, const char *date,
                            const char *reason)
{
	static const char sql[] =
	    "UPDATE members SET status = ?2, status_date = ?3, status_reason = ?4,"
	    " version = version + 1, updated_at = " SQL_NOW
	    " WHERE id = ?1 AND version = ?5 RETURNING version, updated_at";
	struct member keep = *m;
	sqlite3_stmt *st;
	bool own;
	int rc = db_write_begin(db, &own);

	if (rc != DB_OK)
		return rc;
	st = db_prepare(db, sql);
	if (st) {
		sqlite3_bind_int64(st, 1, m->id);
		bind_text(st, 2, status);
		bind_date(st, 3, date ? date : "");
		bind_text(st, 4, reason ? reason : "");
		sqlite3_bind_int64(st, 5, m->version);
		rc = step_versioned(db, st, m);
	} else {
		rc = DB_ERROR;
	}
	rc = db_write_end(db, own, rc);
	if (rc != DB_OK) {
		m->version = keep.version;
		memcpy(m->updated_at, keep.updated_at, sizeof m->updated_at);
		return rc;
	}
	set_field(m->status, sizeof m->status, status);
	set_field(m->status_date, sizeof m->status_date, date ? date : "");
	set_field(m->status_reason, sizeof m->status_reason, reason ? reason : "");
	return DB_OK;
}

/* SELECT count(*) FROM members */
int store_member_count(struct db *db, int64_t *count)
{
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM members");
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

/* SELECT id FROM party_groups WHERE name = ?1
 * INSERT INTO party_groups (id, name, position, created_at, updated_at)
 *   VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM party_groups),
 *           now, now) ON CONFLICT (name) DO NOTHING */
int store_group_ensure(struct db *db, const char *name, int64_t *id)
{
	static const char find[] = "SELECT id FROM party_groups WHERE name = ?1";
	static const char add[] =
	    "INSERT INTO party_groups (id, name, position, created_at, updated_at)"
	    " VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM party_groups),"
	    " " SQL_NOW ", " SQL_NOW ") ON CONFLICT (name) DO NOTHING";
	sqlite3_stmt *st;
	bool own;
	int rc;

	*id = 0;
	if (!name || !name[0]) {
		db_set_errmsg(db, N_("a party group needs a name"));
		return DB_ERROR;
	}
	/* the common case reads only */
	for (int pass = 0; pass < 2; pass++) {
		st = db_prepare(db, find);
		if (!st)
			return DB_ERROR;
		bind_text(st, 1, name);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			return DB_OK;
		if (rc != SQLITE_DONE)
			return db_fail(db, rc);
		if (pass == 1)
			break;

		/* another program may add the same name meanwhile: then the
		 * insert does nothing and the second pass finds theirs */
		rc = db_write_begin(db, &own);
		if (rc != DB_OK)
			return rc;
		st = db_prepare(db, add);
		if (st) {
			sqlite3_bind_int64(st, 1, db_new_id(db));
			bind_text(st, 2, name);
			rc = sqlite3_step(st);
			rc = rc == SQLITE_DONE ? DB_OK : db_fail(db, rc);
			sqlite3_reset(st);
		} else {
			rc = DB_ERROR;
		}
		rc = db_write_end(db, own, rc);
		if (rc != DB_OK)
			return rc;
	}
	db_set_errmsg(db, N_("the party group could not be stored"));
	return DB_ERROR;
}
