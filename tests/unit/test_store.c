/* test_store.c - the generic record store (store.h) over a register of
 * every field type: what is written is read back, each type is stored as
 * store.h says, versions guard updates, unique values are refused with
 * the register's message, and a write that creates a party group inside
 * the caller's transaction is undone whole. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"
#include "field.h"
#include "query.h"
#include "registers.h"
#include "store.h"
#include "tap.h"

struct thing {
	int64_t id;
	char name[81];
	char code[16];
	char day[16];
	char member[24];
	char active[4];
	char count[12];
	char at[8];
	char days[8];
	char party_group[81];
	char note[801];
	char created_at[32];
	char updated_at[32];
	int64_t version;
};

#define T(f) .offset = offsetof(struct thing, f), .size = sizeof(((struct thing *)0)->f)

static const struct field thing_fields[] = {
	{ .key = "name", .header = "名称", .type = F_NAME, .maxchars = 20, T(name) },
	{ .key = "code", .header = "编号", .type = F_TEXT, .maxchars = 10, T(code) },
	{ .key = "day", .header = "日期", .type = F_DATE, .maxchars = 10, T(day) },
	{ .key = "member", .header = "党员", .type = F_REF, .ref = "members", T(member) },
	{ .key = "active", .header = "在岗", .type = F_BOOL, T(active) },
	{ .key = "count", .header = "人数", .type = F_INT, .min = 0, .max = 99, T(count) },
	{ .key = "at", .header = "时间", .type = F_TIME, T(at) },
	{ .key = "days", .header = "星期", .type = F_WEEKDAYS, T(days) },
	{ .key = "party_group", .header = "党小组", .type = F_GROUP, .maxchars = 20,
	  T(party_group) },
	{ .key = "note", .header = "备注", .type = F_NOTE, .maxchars = 200, T(note) },
	{ .key = NULL },
};

static const struct store_unique thing_unique[] = {
	{ "code", "this code is taken" },
	{ NULL, NULL },
};

STORE_SQL(thing_sql);

#define THING_AT(f) offsetof(struct thing, f)

static const struct store_def thing_store = {
	.table = "things",
	.fields = thing_fields,
	.size = sizeof(struct thing),
	.id = THING_AT(id),
	.version = THING_AT(version),
	.created_at = THING_AT(created_at),
	.updated_at = THING_AT(updated_at),
	.time_size = sizeof(((struct thing *)0)->created_at),
	.sort_name = "name",
	.unique = thing_unique,
	.sql = &thing_sql,
};

static const char things_sql[] =
	"CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" code TEXT NOT NULL, day TEXT, member_id INTEGER REFERENCES members (id),"
	" active INTEGER NOT NULL CHECK (active IN (0, 1)), count INTEGER,"
	" at TEXT NOT NULL, days TEXT NOT NULL,"
	" party_group_id INTEGER REFERENCES party_groups (id), note TEXT NOT NULL,"
	" name_strokes TEXT NOT NULL, name_pinyin TEXT NOT NULL,"
	" name_initials TEXT NOT NULL, name_pinyin_key TEXT NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL);"
	"CREATE UNIQUE INDEX things_code ON things (code);"
	"INSERT INTO members (id, name, gender, birth_date, id_number, join_date,"
	" full_date, name_strokes, name_pinyin, name_initials, name_pinyin_key)"
	" VALUES (4242, '甲', '男', '1980-01-01', '110105198001010017', '2005-07-01',"
	" '2006-07-01', '', '', '', '');";

/* One value of SQL on H, as text ("NULL" for NULL). */
static void value_of(sqlite3 *h, const char *sql, int64_t id, char *out, size_t sz)
{
	sqlite3_stmt *st;

	snprintf(out, sz, "(error)");
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, sz, "%s", sqlite3_column_type(st, 0) == SQLITE_NULL ? "NULL" :
		         (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static void fill(struct thing *t, const char *name, const char *code)
{
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", name);
	snprintf(t->code, sizeof t->code, "%s", code);
	snprintf(t->day, sizeof t->day, "2026-03-05");
	snprintf(t->member, sizeof t->member, "4242");
	snprintf(t->active, sizeof t->active, "1");
	snprintf(t->count, sizeof t->count, "42");
	snprintf(t->at, sizeof t->at, "08:30");
	snprintf(t->days, sizeof t->days, "135");
	snprintf(t->party_group, sizeof t->party_group, "第一党小组");
	snprintf(t->note, sizeof t->note, "两行\n备注");
}

/* Every field of A and B the same, and the bookkeeping. */
static void same(const struct thing *a, const struct thing *b, const char *what)
{
	for (const struct field *f = thing_fields; f->key; f++)
		is_str(FIELD_VALUE(b, f), FIELD_VALUE(a, f), "%s: %s read back", what, f->key);
	ok(a->id == b->id && a->version == b->version, "%s: key and version read back", what);
	is_str(b->updated_at, a->updated_at, "%s: updated_at read back", what);
}

/* How each type is stored: NULL for an empty date, reference, number;
 * integers for yes/no and numbers; the group by key. */
static void storage(sqlite3 *h, const struct thing *t, int64_t empty)
{
	static const struct { const char *sql, *want; } cases[] = {
		{ "SELECT typeof(member_id) FROM things WHERE id = ?1", "integer" },
		{ "SELECT typeof(active) FROM things WHERE id = ?1", "integer" },
		{ "SELECT typeof(count) FROM things WHERE id = ?1", "integer" },
		{ "SELECT typeof(day) FROM things WHERE id = ?1", "text" },
		{ "SELECT g.name FROM things t JOIN party_groups g ON g.id = t.party_group_id"
		  " WHERE t.id = ?1", "第一党小组" },
		{ "SELECT name_pinyin FROM things WHERE id = ?1", "zhangsan" },
	};
	static const struct { const char *sql, *want; } empties[] = {
		{ "SELECT typeof(day) FROM things WHERE id = ?1", "null" },
		{ "SELECT typeof(member_id) FROM things WHERE id = ?1", "null" },
		{ "SELECT typeof(count) FROM things WHERE id = ?1", "null" },
		{ "SELECT typeof(party_group_id) FROM things WHERE id = ?1", "null" },
		{ "SELECT active FROM things WHERE id = ?1", "0" },
		{ "SELECT quote(at) || quote(days) || quote(note) FROM things WHERE id = ?1",
		  "''''''" },
	};
	char got[128];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		value_of(h, cases[i].sql, t->id, got, sizeof got);
		is_str(got, cases[i].want, "stored: %s", cases[i].sql);
	}
	for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
		value_of(h, empties[i].sql, empty, got, sizeof got);
		is_str(got, empties[i].want, "stored empty: %s", empties[i].sql);
	}
}

static void versions(struct db *db, struct thing *t)
{
	struct thing stale = *t, back;

	snprintf(t->note, sizeof t->note, "改过");
	ok(store_update(db, &thing_store, t) == DB_OK && t->version == 2,
	   "an update makes version 2");
	ok(store_get(db, &thing_store, t->id, &back) == DB_OK, "read again");
	same(t, &back, "after the update");
	snprintf(stale.note, sizeof stale.note, "晚了");
	ok(store_update(db, &thing_store, &stale) == DB_CONFLICT,
	   "an update from the old version is a conflict");
	ok(stale.version == 1 && strcmp(stale.updated_at, t->created_at) == 0,
	   "the refused update claims no new version");
	ok(store_get(db, &thing_store, t->id, &back) == DB_OK &&
	   strcmp(back.note, "改过") == 0, "and changes nothing");
	stale.id = 12345;
	ok(store_update(db, &thing_store, &stale) == DB_NOTFOUND,
	   "an update of a record that is gone: not found");
	ok(store_get(db, &thing_store, 12345, &back) == DB_NOTFOUND, "get of no record");
}

static void unique(struct db *db, sqlite3 *h, const struct thing *t)
{
	struct thing dup, back;
	char groups[32];
	int count;

	fill(&dup, "李四", t->code);
	snprintf(dup.party_group, sizeof dup.party_group, "新党小组");
	ok(db_begin(db) == DB_OK, "a transaction of the caller");
	ok(store_insert(db, &thing_store, &dup) == DB_DUPLICATE, "a taken code is refused");
	is_str(db_errmsg(db), "this code is taken", "with the register's message");
	ok(dup.id == 0 && dup.version == 0, "the refused record claims no key");
	ok(db_commit(db) == DB_OK, "the caller's transaction goes on and commits");
	value_of(h, "SELECT count(*) FROM party_groups WHERE name = '新党小组' AND ?1",
	         1, groups, sizeof groups);
	is_str(groups, "0", "the party group it would have made is undone with it");

	snprintf(dup.code, sizeof dup.code, "B-2");
	ok(store_insert(db, &thing_store, &dup) == DB_OK, "another code is taken in");
	ok(store_find(db, &thing_store, "code", "B-2", &back, &count) == DB_OK &&
	   count == 1 && back.id == dup.id, "found by its code");
	snprintf(dup.code, sizeof dup.code, "C-3");
	snprintf(dup.name, sizeof dup.name, "%s", t->name);
	ok(store_insert(db, &thing_store, &dup) == DB_OK, "a third, with the first's name");
	ok(store_find(db, &thing_store, "name", t->name, &back, &count) == DB_OK &&
	   count == 2 && back.id == (t->id < dup.id ? t->id : dup.id),
	   "a name two have: both counted, the lower key read");
	ok(store_find(db, &thing_store, "code", "none", &back, &count) == DB_NOTFOUND &&
	   count == 0, "a code nobody has: not found");
}

/* --- the generic query over the same register ------------------------- */

static const struct query_sort thing_sorts[] = {
	{ "name_strokes", "by strokes" },
	{ "day", "by day" },
	{ NULL, NULL },
};

static const struct query_filter thing_filters[] = {
	{ .option = "days", .field = "days", .kind = QF_CHOICE },
	{ .option = "group", .field = "party_group", .kind = QF_GROUP },
	{ NULL },
};

static int thing_tie(const void *a, const void *b)
{
	return strcmp(((const struct thing *)a)->code, ((const struct thing *)b)->code);
}

QUERY_SQL(thing_query_sql);

/* things kept under a member (master–detail): the rows of one member */
static const struct query_def thing_query = {
	.store = &thing_store,
	.sorts = thing_sorts,
	.filters = thing_filters,
	.tie = thing_tie,
	.parent = "member",
	.sql = &thing_query_sql,
};

struct row {
	struct thing t;
	char key[QUERY_KEY];
};

static int page(struct db *db, const struct query *q, const char *key, int64_t id, int dir,
                int n, struct row *rows)
{
	const struct query_rows r = { rows, sizeof *rows, offsetof(struct row, key),
	                              offsetof(struct row, t) };

	return query_page(db, &thing_query, q, key, id, dir, n, &r);
}

/* The codes of the GOT rows, "A-1 B-2 ", into OUT. */
static const char *codes(const struct row *rows, int got, char *out, size_t sz)
{
	out[0] = '\0';
	for (int i = 0; i < got; i++)
		snprintf(out + strlen(out), sz - strlen(out), "%s ", rows[i].t.code);
	return out;
}

static int each_code(void *ctx, const void *rec)
{
	char *out = ctx;

	snprintf(out + strlen(out), 256 - strlen(out), "%s ", ((const struct thing *)rec)->code);
	return 0;
}

static void queries(struct db *db)
{
	static const char *const names[] = { "丁一", "王二", "王二", "李四", "张三" };
	static const char *const codes_of[] = { "Q-1", "Q-3", "Q-2", "Q-4", "Q-5" };
	struct query q = { 0 };
	struct row rows[8];
	struct thing t;
	char got[256], each[256] = "";
	int64_t group;
	int n;

	for (size_t i = 0; i < 5; i++) {
		fill(&t, names[i], codes_of[i]);
		snprintf(t.member, sizeof t.member, "%s", i < 4 ? "4242" : "");
		snprintf(t.days, sizeof t.days, "%s", i % 2 ? "135" : "67");
		if (i == 3)
			snprintf(t.party_group, sizeof t.party_group, "第二党小组");
		store_insert(db, &thing_store, &t);
	}
	q.parent = 4242;
	is_int((int)query_count(db, &thing_query, &q), 4 + 3,
	       "query: the rows of one parent (3 of before, 4 now)");
	n = page(db, &q, NULL, 0, 1, 3, rows);
	is_int(n, 3, "query: a first window of 3");
	n = page(db, &q, rows[2].key, rows[2].t.id, 1, 8, rows + 3);
	is_int(n, 4, "query: the window after it: the other 4");
	n = page(db, &q, NULL, 0, -1, 2, rows);
	ok(n == 2 && strcmp(rows[1].t.name, "丁一") != 0,
	   "query: the last window, in display order");
	snprintf(q.value[0], QUERY_VALUE, "135");
	is_int((int)query_count(db, &thing_query, &q), 3 + 2,
	       "query: a choice filter (the 3 of before, 2 of the 4 now)");
	store_group_find(db, "第二党小组", &group);
	snprintf(q.value[1], QUERY_VALUE, "%lld", (long long)group);
	n = page(db, &q, NULL, 0, 1, 8, rows);
	is_str(codes(rows, n, got, sizeof got), "Q-4 ", "query: and a group filter");
	memset(&q, 0, sizeof q);
	is_int((int)query_count(db, &thing_query, &q), 4 + 5,
	       "query: no parent, every row (4 of before, 5 now)");
	q.parent = 4242;
	snprintf(q.value[0], QUERY_VALUE, "67");
	is_int(query_each(db, &thing_query, &q, each_code, each), 0, "query: each row");
	ok(strstr(each, "Q-2 Q-3") == NULL && strstr(each, "Q-1") != NULL,
	   "query: namesakes (王二) in the tie order, Q-2 before Q-3: %s", each);
	q.value[0][0] = '\0';
	each[0] = '\0';
	query_each(db, &thing_query, &q, each_code, each);
	ok(strstr(each, "Q-2 Q-3 ") != NULL, "query: namesakes in the tie order: %s", each);
}

int main(void)
{
	char err[256];
	struct thing t, e, back;
	struct db *db;
	int64_t n;

	registers_init();
	if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "open a database (%s)", err);
		return tap_done();
	}
	ok(sqlite3_exec(db_handle(db), things_sql, NULL, NULL, NULL) == SQLITE_OK,
	   "a table of every field type");
	is_str(store_columns(&thing_store),
	       "t.id, t.name, t.code, t.day, t.member_id, t.active, t.count, t.at, t.days,"
	       " g1.name, t.note, t.created_at, t.updated_at, t.version",
	       "the select list follows the field table");

	fill(&t, "张三", "A-1");
	ok(store_insert(db, &thing_store, &t) == DB_OK, "insert a record of every type");
	ok(t.id != 0 && t.version == 1 && t.created_at[0] &&
	   strcmp(t.created_at, t.updated_at) == 0, "it gets a key, version 1 and its times");
	ok(store_get(db, &thing_store, t.id, &back) == DB_OK, "read it by its key");
	same(&t, &back, "insert");
	is_str(back.created_at, t.created_at, "insert: created_at read back");

	memset(&e, 0, sizeof e);
	snprintf(e.name, sizeof e.name, "空");
	snprintf(e.code, sizeof e.code, "E-0");
	ok(store_insert(db, &thing_store, &e) == DB_OK, "insert a record with empty values");
	ok(store_get(db, &thing_store, e.id, &back) == DB_OK, "read it back");
	is_str(back.active, "0", "an empty yes/no is stored as no");
	snprintf(e.active, sizeof e.active, "0");
	same(&e, &back, "empty values");
	storage(db_handle(db), &t, e.id);

	versions(db, &t);
	unique(db, db_handle(db), &t);
	ok(store_count(db, &thing_store, &n) == DB_OK && n == 4, "four records counted");
	queries(db);
	db_close(db);
	return tap_done();
}
