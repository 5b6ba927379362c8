/* test_search.c - the roster's search: the full-text index's terms and
 * queries, and that a search through the index finds exactly what the
 * walk of the roster finds. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "collate.h"
#include "db.h"
#include "demo.h"
#include "member_query.h"
#include "registers.h"
#include "search.h"
#include "text.h"
#include "store.h"
#include "store_member.h"
#include "tap.h"

static void test_terms(void)
{
	char out[SEARCH_TERMS_SIZE], small[20];

	is_int(search_terms("李秀珍", "lixiuzhen", "lxz", "11010519491231002X",
	                    "138-0013-8000", out, sizeof out) > 0, 1, "terms of a member");
	is_str(out, "李秀珍 秀珍 珍 lixiuzhen xiuzhen zhen lxz X2001321 0008",
	       "every suffix of the name, the pinyin from each syllable on, initials, reversed tails");
	search_terms("欧阳·娜娜", "ouyangnana", "oynn", "110105194912310021", "", out, sizeof out);
	is_str(out, "欧阳·娜娜 阳·娜娜 ·娜娜 娜娜 娜 ouyangnana yangnana nana na oynn 12001321",
	       "a middle dot stays inside the terms; no phone, no phone term");
	search_terms("Anna-Maria", "", "", "", "010-12345678", out, sizeof out);
	is_str(out, "Maria aria ria ia a maria 87654321",
	       "nothing before ASCII punctuation (the tokenizer would split there)");
	is_int(search_terms("李秀珍", "lixiuzhen", "lxz", "", "", small, sizeof small), -1,
	       "too small a buffer is -1");
}

static void test_queries(void)
{
	static const struct {
		const char *typed;
		bool letters, digits;
		const char *want;       /* NULL: the index does not help */
	} cases[] = {
		{ "li", true, false, "\"li\"*" },
		{ "l", true, false, NULL },
		{ "王", false, false, "\"王\"*" },
		{ "王秀", false, false, "\"王秀\"*" },
		{ "123", false, true, "\"321\"*" },
		{ "12", false, true, NULL },
		{ "12345X", false, true, "\"X54321\"*" },
		{ "1234567890", false, true, "\"09876543\"*" },
		{ "a-b", false, false, NULL },
		{ "\"li", false, false, NULL },
	};
	char out[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool got = search_query(cases[i].typed, cases[i].letters, cases[i].digits,
		                        out, sizeof out);

		if (!cases[i].want)
			ok(!got, "'%s': the walk, not the index", cases[i].typed);
		else
			ok(got && strcmp(out, cases[i].want) == 0, "'%s' is %s (%s)",
			   cases[i].typed, cases[i].want, got ? out : "none");
	}
}

/* The roster's filter written out again, without the index: current
 * members whose name holds S, or whose pinyin (from any syllable on, for
 * two letters or more) or initials start with it (letters), or whose ID
 * number or phone end with it (digits). */
static const char oracle_where[] =
    " FROM members WHERE status IN ('在册', '流出') AND (instr(name, ?1) > 0"
    " OR (?2 AND (substr(name_pinyin, 1, length(?1)) = lower(?1)"
    "  OR zhibu_pinyin_match(name, lower(?1))"
    "  OR substr(name_initials, 1, length(?1)) = lower(?1)))"
    " OR (?3 AND (substr(id_number, -length(?1)) = upper(?1)"
    "  OR substr(phone, -length(?1)) = upper(?1))))";

static bool all_of(const char *s, const char *set, bool x_last)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++)
		if (!strchr(set, s[i]) && !(x_last && i == n - 1 && i > 0 && (s[i] == 'x' || s[i] == 'X')))
			return false;
	return n > 0;
}

/* The ids the oracle selects, in 姓氏笔画 order, from OFFSET. */
static int oracle(sqlite3 *h, const char *s, int offset, int n, int64_t *ids, int64_t *total)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	char sql[1024];
	sqlite3_stmt *st;
	int got = 0;
	bool l = all_of(s, letters, false), d = all_of(s, "0123456789", true);

	snprintf(sql, sizeof sql, "SELECT id, (SELECT count(*) %s) %s"
	         " ORDER BY name_strokes, id LIMIT %d OFFSET %d",
	         oracle_where, oracle_where, n, offset);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, l);
	sqlite3_bind_int(st, 3, d);
	*total = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		ids[got++] = sqlite3_column_int64(st, 0);
		*total = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (got == 0) {
		/* the count when the window is empty */
		snprintf(sql, sizeof sql, "SELECT count(*) %s", oracle_where);
		sqlite3_prepare_v2(h, sql, -1, &st, NULL);
		sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, l);
		sqlite3_bind_int(st, 3, d);
		if (sqlite3_step(st) == SQLITE_ROW)
			*total = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return got;
}

/* Search S both ways; the first two windows and the count must agree.
 * Returns true when they do. */
static bool same(struct db *db, const char *s, char *why, size_t whysz)
{
	static struct member_row rows[21];
	struct query q = { 0 };
	int64_t want[21], total = -1, count;
	int n, got;

	snprintf(q.search, sizeof q.search, "%s", s);
	for (int page = 0; page < 2; page++) {
		n = oracle(db_handle(db), s, page * 21, 21, want, &total);
		if (page == 0)
			got = member_query_page(db, &q, NULL, 0, 1, 21, rows);
		else if (got == 21)
			got = member_query_page(db, &q, rows[20].key, rows[20].m.id, 1, 21, rows);
		else
			break;
		if (got != n) {
			snprintf(why, whysz, "'%s' page %d: %d rows, the walk %d", s, page, got, n);
			return false;
		}
		for (int i = 0; i < n; i++) {
			if (rows[i].m.id != want[i]) {
				snprintf(why, whysz, "'%s' page %d row %d differs", s, page, i);
				return false;
			}
		}
	}
	count = query_count(db, &member_queries, &q);
	if (count != total) {
		snprintf(why, whysz, "'%s': count %lld, the walk %lld", s,
		         (long long)count, (long long)total);
		return false;
	}
	return true;
}

/* Pieces of stored members to search for: runs of names, starts of
 * pinyin and initials, tails of ID numbers and phones. */
static void test_same_rows(struct db *db)
{
	sqlite3 *h = db_handle(db);
	sqlite3_stmt *st;
	static const char *const odd[] = {
		"zzz", "王王王", "999999", "000", "X", "li", "zh", "wang", "12", "a-b", "·",
	};
	char why[160] = "", s[160];
	int tried = 0, bad = 0;

	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		tried++;
		if (!same(db, odd[i], why, sizeof why))
			bad++;
	}
	sqlite3_prepare_v2(h, "SELECT name, name_pinyin, name_initials, id_number, phone"
	                   " FROM members ORDER BY id", -1, &st, NULL);
	for (int row = 0; sqlite3_step(st) == SQLITE_ROW; row++) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *py = (const char *)sqlite3_column_text(st, 1);
		const char *ini = (const char *)sqlite3_column_text(st, 2);
		const char *idn = (const char *)sqlite3_column_text(st, 3);
		const char *ph = (const char *)sqlite3_column_text(st, 4);
		size_t len = strlen(name);

		if (row % 9 != 0)
			continue;
		/* a run of the name: from each character, 1 to 3 of them */
		for (size_t at = 0; at < len; at++) {
			if (((unsigned char)name[at] & 0xC0) == 0x80)
				continue;
			for (size_t end = at + 1, k = 0; end <= len && k < 3; end++) {
				if (end < len && ((unsigned char)name[end] & 0xC0) == 0x80)
					continue;
				snprintf(s, sizeof s, "%.*s", (int)(end - at), name + at);
				tried++;
				bad += !same(db, s, why, sizeof why);
				k++;
			}
		}
		for (size_t k = 2; k <= strlen(py) && k <= 6; k += 2) {
			snprintf(s, sizeof s, "%.*s", (int)k, py);
			tried++;
			bad += !same(db, s, why, sizeof why);
		}
		/* the pinyin from a later syllable on, and from inside one */
		{
			char full[COLLATE_PINYIN_SIZE];
			size_t at[32];
			int n = collate_pinyin_starts(name, full, sizeof full, at, 32);

			for (int i = 1; i < n; i++)
				for (size_t k = 2; k <= 7 && at[i] + k <= strlen(full); k += 5) {
					snprintf(s, sizeof s, "%.*s", (int)k, full + at[i]);
					/* a cut through the middle dot of 阿依古丽·买买提
					 * is no text anyone can type */
					if (!text_utf8_valid(s, strlen(s)))
						continue;
					tried++;
					bad += !same(db, s, why, sizeof why);
				}
			if (n > 1 && at[1] > 1 && text_utf8_valid(full + 1, strlen(full + 1))) {
				snprintf(s, sizeof s, "%s", full + 1);
				tried++;
				bad += !same(db, s, why, sizeof why);
			}
		}
		snprintf(s, sizeof s, "%s", ini);
		tried++;
		bad += !same(db, s, why, sizeof why);
		static const int tails[] = { 3, 4, 6, 8, 10, 18 };
		for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
			if ((size_t)tails[k] <= strlen(idn)) {
				snprintf(s, sizeof s, "%s", idn + strlen(idn) - tails[k]);
				tried++;
				bad += !same(db, s, why, sizeof why);
			}
			if ((size_t)tails[k] <= strlen(ph) && tails[k] <= 8) {
				snprintf(s, sizeof s, "%s", ph + strlen(ph) - tails[k]);
				tried++;
				bad += !same(db, s, why, sizeof why);
			}
		}
	}
	sqlite3_finalize(st);
	ok(tried > 500, "searched for %d pieces of members", tried);
	is_int(bad, 0, "the index finds exactly what the walk finds, in order (%s)",
	       bad ? why : "all agree");
}

/* The index follows a rename, and the search uses it. */
static void test_follows(struct db *db)
{
	struct query q = { 0 };
	struct member m;
	sqlite3_stmt *st;
	int64_t id = 0;

	sqlite3_prepare_v2(db_handle(db), "SELECT id FROM members WHERE status = '在册' LIMIT 1",
	                   -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	ok(id && store_member_get(db, id, &m) == DB_OK, "read a member");
	snprintf(m.name, sizeof m.name, "%s", "犇骉");
	is_int(store_member_update(db, &m), DB_OK, "rename the member 犇骉");
	snprintf(q.search, sizeof q.search, "骉");
	is_int((int)query_count(db, &member_queries, &q), 1, "the new name is found");
	snprintf(q.search, sizeof q.search, "bb");
	ok(query_count(db, &member_queries, &q) >= 1, "... by its initials too");

	/* Empty the index behind the program's back: a search that the
	 * index serves now finds nothing, so it was the index that found. */
	sqlite3_exec(db_handle(db), "INSERT INTO member_search (member_search) VALUES ('delete-all')",
	             NULL, NULL, NULL);
	snprintf(q.search, sizeof q.search, "骉");
	is_int((int)query_count(db, &member_queries, &q), 0, "the search reads the index");
}

/* Count of members a search for S finds. */
static int found(struct db *db, const char *s)
{
	struct query q = { 0 };

	snprintf(q.search, sizeof q.search, "%s", s);
	return (int)query_count(db, &member_queries, &q);
}

static void count_problem(void *ctx, const char *msgid, const char *detail)
{
	(void)msgid;
	(void)detail;
	(*(int64_t *)ctx)++;
}

/* The members' indexes as their SQL, in order of name (malloc'd). */
static char *member_indexes(struct db *db)
{
	sqlite3_stmt *st;
	char *out = NULL;

	sqlite3_prepare_v2(db_handle(db),
	                   "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema"
	                   " WHERE type = 'index' AND tbl_name = 'members' AND sql IS NOT NULL"
	                   " ORDER BY name)", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out ? out : strdup("");
}

/* A bulk write (an import) indexes its new members at the end. */
static void test_bulk(const char *path)
{
	static const char *const groups[] = { "第一党小组" };
	struct demo_rng r;
	struct member m[3];
	char err[256];
	struct db *db;
	int64_t nproblems = 0;

	if (db_open(path, DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "open %s (%s)", path, err);
		return;
	}
	demo_seed(&r, 11);
	for (int i = 0; i < 3; i++)
		demo_member(&r, "2026-06-15", groups, 1, &m[i]);
	snprintf(m[0].name, sizeof m[0].name, "鑫淼");
	snprintf(m[1].name, sizeof m[1].name, "焱垚");
	snprintf(m[2].name, sizeof m[2].name, "犇骉");

	/* rolled back: nothing stays, in the roster or the index */
	char *before = member_indexes(db), *now;

	db_begin(db);
	db_bulk(db, true);
	now = member_indexes(db);
	ok(strstr(before, "members_roster") && !strstr(now, "members_roster") &&
	   strstr(now, "members_id_number"),
	   "a bulk write into a small roster drops the indexes but the UNIQUE one");
	free(now);
	store_member_insert(db, &m[0]);
	db_rollback(db);
	db_bulk(db, false);
	is_int(found(db, "鑫淼"), 0, "a bulk write rolled back leaves no member to find");
	now = member_indexes(db);
	is_str(now, before, "... and its rollback brings the indexes back");
	free(now);

	/* committed: found once flushed; a waiting member renamed is indexed
	 * by its last name only */
	is_int(db_begin(db), DB_OK, "begin a bulk write");
	db_bulk(db, true);
	is_int(store_member_insert(db, &m[1]), DB_OK, "insert 焱垚");
	is_int(store_member_insert(db, &m[2]), DB_OK, "insert 犇骉");
	snprintf(m[2].name, sizeof m[2].name, "骉犇");
	is_int(store_member_update(db, &m[2]), DB_OK, "rename a waiting member 骉犇");
	is_int(db_bulk_flush(db), DB_OK, "index the new members");
	is_int(db_commit(db), DB_OK, "commit");
	db_bulk(db, false);
	now = member_indexes(db);
	is_str(now, before, "the indexes are built again, as they were");
	free(now);
	free(before);
	is_int(found(db, "焱垚"), 1, "the new member is found");
	is_int(found(db, "骉犇"), 1, "the renamed one by its new name");
	is_int(found(db, "犇骉"), 0, "... not by its old one");

	/* after the bulk write, writes index at once again */
	snprintf(m[1].name, sizeof m[1].name, "焱森");
	is_int(store_member_update(db, &m[1]), DB_OK, "rename outside a bulk write");
	is_int(found(db, "焱森"), 1, "found by the new name at once");
	is_int(found(db, "焱垚"), 0, "... and no longer by the old");
	is_int(db_check(db, count_problem, &nproblems), 0,
	       "zhibu check finds the index whole (%lld problems)", (long long)nproblems);
	db_close(db);
}

/* The pinyin of a given name finds its member: a search by pinyin
 * matches from the start of any syllable, never from inside one. */
static void test_syllables(const char *path)
{
	static const char *const groups[] = { "第一党小组" };
	static const char *const names[] = { "王秀云", "李安", "王强" };
	static const struct {
		const char *typed;
		const char *want;       /* the names found, in stroke order */
	} cases[] = {
		{ "xiuyun", "王秀云" },
		{ "yun", "王秀云" },
		{ "xiuy", "王秀云" },
		{ "wxy", "王秀云" },
		{ "wangxiu", "王秀云" },
		{ "an", "李安" },               /* not wang, not qiang */
		{ "qiang", "王强" },
		{ "iuyun", "" },                /* inside 秀 */
		{ "angxiu", "" },               /* inside 王 */
		{ "y", "" },                    /* one letter: the first syllable only */
		{ "w", "王秀云 王强" },
	};
	struct demo_rng r;
	struct member m;
	char err[256], why[160];
	struct db *db;

	ok(search_pinyin_match("王秀云", "xiuyun"), "xiuyun starts a syllable of 王秀云");
	ok(search_pinyin_match("王秀云", "wangx"), "... and so does wangx");
	ok(!search_pinyin_match("王秀云", "iuyun"), "iuyun does not (inside 秀)");
	ok(!search_pinyin_match("王秀云", "y"), "one letter is left to the stored pinyin");
	ok(search_pinyin_match("Anna Li", "li"), "a word of a Latin name starts one too");
	if (db_open(path, DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "open %s (%s)", path, err);
		return;
	}
	demo_seed(&r, 5);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		demo_member(&r, "2026-06-15", groups, 1, &m);
		snprintf(m.name, sizeof m.name, "%s", names[i]);
		snprintf(m.status, sizeof m.status, "在册");
		ok(store_member_insert(db, &m) == DB_OK, "add %s", names[i]);
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		static struct member_row rows[8];
		struct query q = { 0 };
		char got[128] = "";
		size_t len = 0;
		int n;

		snprintf(q.search, sizeof q.search, "%s", cases[i].typed);
		n = member_query_page(db, &q, NULL, 0, 1, 8, rows);
		for (int k = 0; k < n; k++)
			len += (size_t)snprintf(got + len, sizeof got - len, "%s%s",
			                        k ? " " : "", rows[k].m.name);
		is_str(got, cases[i].want, "'%s' finds %s", cases[i].typed,
		       cases[i].want[0] ? cases[i].want : "nobody");
		ok(same(db, cases[i].typed, why, sizeof why),
		   "... the index and the walk agree (%s)", why);
	}
	db_close(db);
}

/* Remove DIR/NAME and its -wal and -shm files. */
static void remove_db(const char *dir, const char *name)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	char path[128];

	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(path, sizeof path, "%s/%s%s", dir, name, ext[i]);
		unlink(path);
	}
}

int main(void)
{
	char dir[] = "/tmp/zhibu-test-search.XXXXXX", path[64], err[256];
	struct db *db;

	registers_init();
	test_terms();
	test_queries();
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return tap_done();
	}
	snprintf(path, sizeof path, "%s/s.db", dir);
	if (db_open(path, DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "open %s (%s)", path, err);
		return tap_done();
	}
	is_int(demo_populate(db, 7, 600, "2026-06-15"), DB_OK, "a demo branch of 600");
	test_same_rows(db);
	test_follows(db);
	db_close(db);
	remove_db(dir, "s.db");
	snprintf(path, sizeof path, "%s/b.db", dir);
	test_bulk(path);
	remove_db(dir, "b.db");
	snprintf(path, sizeof path, "%s/y.db", dir);
	test_syllables(path);
	remove_db(dir, "y.db");
	rmdir(dir);
	return tap_done();
}
