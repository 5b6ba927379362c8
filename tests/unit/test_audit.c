/* test_audit.c - the change log as a hash chain (issue 12): links made
 * by two connections, what another program does to the log (a row
 * slipped in, a row rewritten, a row removed, the log rewritten and
 * hashed again) found by db_check or against a head recorded before;
 * a row that is not JSON hiding nothing else; the OS user from the uid;
 * a search index that misses members.
 *
 * The "attacker" is a raw SQLite connection without zhibu's functions,
 * as the sqlite3 shell is.
 */
#include "config.h"

#include <ftw.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit_chain.h"
#include "db.h"
#include "registers.h"
#include "schema.h"
#include "store.h"
#include "store_member.h"
#include "tap.h"
#include "testlib.h"
#include "validate.h"

/* One integer of a query on a raw handle, -1 on error. */
static int64_t q_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Run SQL through a connection of another program (no zhibu functions). */
static int outside(const char *path, const char *sql)
{
	sqlite3 *h;
	int rc;

	if (sqlite3_open(path, &h) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		tap_diag("outside: %s", sqlite3_errmsg(h));
	sqlite3_close(h);
	return rc;
}

#define NO_UPDATE "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log" \
	" BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;"
#define NO_DELETE "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log" \
	" BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;"

/* The fake member of testlib.h with a phone number. */
static void audit_member(struct member *m, const char *name, const char *id17)
{
	fake_member(m, name, id17);
	strcpy(m->phone, "13900001111");
}

static int check(const char *path, struct problems *p)
{
	struct db *db;
	char err[256];
	int n;

	memset(p, 0, sizeof *p);
	if (db_open(path, 0, &db, err, sizeof err) != DB_OK) {
		tap_diag("open %s: %s", path, err);
		return -1;
	}
	n = db_check(db, test_collect, p);
	for (int i = 0; i < p->n && i < 32; i++)
		tap_diag("  %s: %s", p->msg[i], p->detail[i]);
	db_close(db);
	return n;
}

static void copy_file(const char *from, const char *to)
{
	char sql[1200];

	snprintf(sql, sizeof sql, "VACUUM INTO '%s'", to);
	unlink(to);
	outside(from, sql);
	chmod(to, 0600);
}

static const char OUTSIDE_CHAIN[] = "a change log row is outside the chain (written by another program?)";
static const char BROKEN_LINK[] = "a change log row does not match its link in the chain (changed after it was written?)";
static const char MISSING[] = "change log rows are missing from the chain (removed?)";
static const char UNREADABLE[] = "a change log row cannot be read (its values are not valid JSON)";
static const char DIFFERS[] = "the change log differs from a head recorded before (rewritten since?)";
static const char SHORTER[] = "the change log no longer holds a head recorded before (rows removed since?)";
static const char SEARCH_MISS[] = "a search does not find a member: its terms are missing from the search index";

static int64_t first_member;

/* A branch written by two connections taking turns, and a third that
 * writes while the second holds a read snapshot. */
static void test_normal(const char *path)
{
	struct db *a, *b;
	struct member m[6];
	char err[256], head[DB_AUDIT_HEAD_SIZE];
	struct problems p;
	static const char *const ids[6] = {
		"11010519800101001", "11010519810202002", "11010519820303003",
		"11010519830404004", "11010519840505005", "11010519850606006",
	};
	static const char *const names[6] = { "赵一", "钱二", "孙三", "李四", "周五", "吴六" };
	int fine = 0;

	if (db_open(path, DB_OPEN_CREATE, &a, err, sizeof err) != DB_OK ||
	    db_open(path, 0, &b, err, sizeof err) != DB_OK) {
		ok(0, "two connections (%s)", err);
		return;
	}
	is_int(db_audit_head(a, head), DB_OK, "the head of an empty log");
	is_str(head, "0:0000000000000000000000000000000000000000000000000000000000000000",
	       "... is 0 and the genesis");
	for (int i = 0; i < 6; i++) {
		struct db *w = i % 2 ? b : a;

		audit_member(&m[i], names[i], ids[i]);
		fine += store_member_insert(w, &m[i]) == DB_OK;
		snprintf(m[i].note, sizeof m[i].note, "第%d次", i);
		fine += store_member_update(i % 2 ? a : b, &m[i]) == DB_OK;
	}
	is_int(fine, 12, "two connections take turns: six inserts, six updates");
	first_member = m[0].id;
	db_set_setting(b, "branch.name", "测试支部");
	is_int(q_int(db_handle(a), "SELECT count(*) FROM audit_log"), 13, "thirteen log rows");
	is_int(q_int(db_handle(a), "SELECT count(*) FROM audit_log WHERE seq BETWEEN 1 AND 13"
	             " AND length(hash) = 64"), 13, "each in the chain, 1 to 13");
	is_int(db_audit_head(b, head), DB_OK, "the head");
	ok(strncmp(head, "13:", 3) == 0 && audit_chain_hex_valid(head + 3),
	   "... is 13:HASH (%s)", head);
	db_close(a);
	db_close(b);
	is_int(check(path, &p), 0, "db_check: no problem");
}

/* The hash of the log's rows, again, by the function the check uses: a
 * row's columns are hashed as the trigger stored them. */
static void test_hash_known(void)
{
	struct audit_chain_field f[AUDIT_CHAIN_FIELDS] = {
		{ (const unsigned char *)"1", 1 }, { (const unsigned char *)"7", 1 },
		{ (const unsigned char *)"2026-06-15T00:00:00.000Z", 24 },
		{ (const unsigned char *)"root", 4 }, { (const unsigned char *)"settings", 8 },
		{ (const unsigned char *)"5", 1 }, { (const unsigned char *)"insert", 6 },
		{ NULL, 0 }, { (const unsigned char *)"{}", 2 },
	};
	char a[AUDIT_CHAIN_HEX + 1], b[AUDIT_CHAIN_HEX + 1];

	audit_chain_hash(NULL, f, a);
	/* printf 'zhibu audit chain 1\n64:000...0\n1:1\n1:7\n24:2026-06-15T00:00:00.000Z\n
	 * 4:root\n8:settings\n1:5\n6:insert\n-\n2:{}\n' | sha256sum */
	is_str(a, "29a18dd06cd30d0a088f0af2fe500c362ee8e0310547651ab1e2d4166f64d941",
	       "a known row hashes as sha256sum hashes its serialization");
	f[7].p = (const unsigned char *)"";
	audit_chain_hash(NULL, f, b);
	ok(strcmp(a, b) != 0, "NULL and '' hash differently");
	ok(audit_chain_hex_valid(a) && !audit_chain_hex_valid("ABC"), "a hash is 64 lowercase hex digits");
}

/* What another program does to the log, each on a copy. */
/* A copy COPY of PATH whose log another program rewrote and hashed again
 * with zhibu's own hash: the chain alone holds; a head recorded before
 * does not. */
static void test_rehashed(const char *path, const char *copy)
{
	char sql[1024], detail[128], head[DB_AUDIT_HEAD_SIZE], before[DB_AUDIT_HEAD_SIZE];
	struct problems p;
	struct db *db;
	char err[256];
	sqlite3 *h;

	copy_file(path, copy);
	if (db_open(copy, 0, &db, err, sizeof err) != DB_OK)
		return;
	db_audit_head(db, before);
	db_close(db);
	outside(copy, "DROP TRIGGER audit_log_no_update;"
	        " UPDATE audit_log SET os_user = 'colleague' WHERE seq = 2;");
	sqlite3_open(copy, &h);
	for (int64_t s = 1; s <= 13; s++) {
		sqlite3_stmt *st;
		struct audit_chain_field f[AUDIT_CHAIN_FIELDS];
		char prev[AUDIT_CHAIN_HEX + 1] = "", hash[AUDIT_CHAIN_HEX + 1];

		snprintf(sql, sizeof sql, "SELECT coalesce((SELECT hash FROM audit_log WHERE seq = %lld),"
		         " ''), seq, id, at, os_user, tbl, row_id, action, old, new FROM audit_log"
		         " WHERE seq = %lld", (long long)s - 1, (long long)s);
		sqlite3_prepare_v2(h, sql, -1, &st, NULL);
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(prev, sizeof prev, "%s", sqlite3_column_text(st, 0));
			for (int i = 0; i < AUDIT_CHAIN_FIELDS; i++) {
				f[i].p = sqlite3_column_text(st, i + 1);
				f[i].n = (size_t)sqlite3_column_bytes(st, i + 1);
			}
			audit_chain_hash(prev[0] ? prev : NULL, f, hash);
			sqlite3_finalize(st);
			snprintf(sql, sizeof sql, "UPDATE audit_log SET hash = '%s' WHERE seq = %lld",
			         hash, (long long)s);
			sqlite3_exec(h, sql, NULL, NULL, NULL);
		} else {
			sqlite3_finalize(st);
		}
	}
	sqlite3_exec(h, NO_UPDATE, NULL, NULL, NULL);
	sqlite3_close(h);
	is_int(check(copy, &p), 0, "a log rewritten and hashed again passes the chain (no secret key)");
	if (db_open(copy, 0, &db, err, sizeof err) != DB_OK)
		return;
	memset(&p, 0, sizeof p);
	is_int(db_check_head(db, before, test_collect, &p), 1, "but not the head recorded before (%s)", before);
	snprintf(detail, sizeof detail, "seq 13: %s -> ", before + 3);
	ok(p.n == 1 && strcmp(p.msg[0], DIFFERS) == 0 && strncmp(p.detail[0], detail, strlen(detail)) == 0,
	   "... reported as differing at its place (%s)", p.n ? p.detail[0] : "");
	snprintf(head, sizeof head, "%.19s", before);
	memset(&p, 0, sizeof p);
	is_int(db_check_head(db, head, test_collect, &p), 1, "nor its first 16 digits, as printed (%s)", head);
	memset(&p, 0, sizeof p);
	is_int(db_check_head(db, "14:0123456789abcdef", test_collect, &p), 1, "a head beyond the log");
	is_int(count_problem(&p, SHORTER, "seq 14 > 13"), 1, "... is no longer held");
	db_audit_head(db, head);
	memset(&p, 0, sizeof p);
	is_int(db_check_head(db, head, test_collect, &p), 0, "the log's own head holds");
	is_int(db_check_head(db, "0:00000000", test_collect, &p), 0, "so does the empty log's");
	is_int(db_check_head(db, "13:abc", test_collect, &p), DB_ERROR, "a head of 3 hex digits is refused");
	db_close(db);
}

static void test_outside(const char *path)
{
	char detail[128];
	const char *copy = tpath("attacked.db");
	struct problems p;
	struct db *db;
	char err[256];
	int64_t id, seq;
	sqlite3 *h;

	/* a matching row naming a colleague, as zhibu would have written it */
	copy_file(path, copy);
	is_int(outside(copy,
	       "UPDATE members SET phone = '13911112222', version = version + 1"
	       " WHERE name = '赵一';"
	       "INSERT INTO audit_log (id, at, os_user, tbl, row_id, action, old, new)"
	       " SELECT (SELECT max(id) FROM audit_log) + 1,"
	       " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'colleague', 'members', m.id,"
	       " 'update', a.new, json_set(a.new, '$.phone', m.phone, '$.version', m.version)"
	       " FROM members AS m JOIN audit_log AS a ON a.tbl = 'members' AND a.row_id = m.id"
	       " WHERE m.name = '赵一' ORDER BY a.seq DESC LIMIT 1;"), SQLITE_OK,
	       "another program changes a phone and slips in the matching log row");
	sqlite3_open(copy, &h);
	id = q_int(h, "SELECT id FROM audit_log WHERE os_user = 'colleague'");
	sqlite3_close(h);
	check(copy, &p);
	snprintf(detail, sizeof detail, "audit_log %lld", (long long)id);
	is_int(count_problem(&p, OUTSIDE_CHAIN, detail), 1, "the row is named as outside the chain");
	is_int(count_problem(&p, "a record differs from its audit trail (changed outside zhibu?)", NULL),
	       0, "(it matched the data: only the chain finds it)");

	/* the same with the next place and a hash copied from the last row */
	copy_file(path, copy);
	outside(copy, "INSERT INTO audit_log (id, at, os_user, tbl, row_id, action, old, new,"
	        " seq, hash) SELECT id + 1, at, 'colleague', tbl, row_id, action, old, new,"
	        " seq + 1, hash FROM audit_log ORDER BY seq DESC LIMIT 1;");
	sqlite3_open(copy, &h);
	id = q_int(h, "SELECT id FROM audit_log WHERE os_user = 'colleague'");
	seq = q_int(h, "SELECT seq FROM audit_log WHERE os_user = 'colleague'");
	sqlite3_close(h);
	check(copy, &p);
	snprintf(detail, sizeof detail, "audit_log %lld, seq %lld", (long long)id, (long long)seq);
	is_int(count_problem(&p, BROKEN_LINK, detail), 1,
	       "a row given the next place and a copied hash is a broken link, named (%s)", detail);
	/* zhibu writes after it: its rows link to it, and only it is wrong */
	if (db_open(copy, 0, &db, err, sizeof err) == DB_OK) {
		db_set_setting(db, "branch.name", "之后");
		db_close(db);
	}
	check(copy, &p);
	is_int(count_problem(&p, BROKEN_LINK, NULL), 1, "... and zhibu's next row chains on without a second problem");

	/* the trigger dropped, an old row changed, the trigger made again */
	copy_file(path, copy);
	is_int(outside(copy, "DROP TRIGGER audit_log_no_update;"
	               " UPDATE audit_log SET os_user = 'colleague' WHERE seq = 4;" NO_UPDATE),
	       SQLITE_OK, "another program rewrites row 4 behind a dropped trigger");
	sqlite3_open(copy, &h);
	id = q_int(h, "SELECT id FROM audit_log WHERE seq = 4");
	sqlite3_close(h);
	is_int(check(copy, &p), 1, "one problem");
	snprintf(detail, sizeof detail, "audit_log %lld, seq 4", (long long)id);
	is_int(count_problem(&p, BROKEN_LINK, detail), 1, "the first broken link, with its row (%s)", detail);

	/* a row removed */
	copy_file(path, copy);
	outside(copy, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq"
	        " BETWEEN 5 AND 6;" NO_DELETE);
	sqlite3_open(copy, &h);
	id = q_int(h, "SELECT id FROM audit_log WHERE seq = 7");
	sqlite3_close(h);
	check(copy, &p);
	snprintf(detail, sizeof detail, "seq 5-6, before audit_log %lld", (long long)id);
	is_int(count_problem(&p, MISSING, detail), 1, "two rows removed: the missing links (%s)", detail);
	is_int(count_problem(&p, BROKEN_LINK, NULL), 0, "... and the row after them is not blamed");
	test_rehashed(path, copy);
}

/* A row whose values are not JSON: flagged on its line, the history and
 * the change log go on. */
struct history {
	int fields, unreadable;
};

static void history_fn(void *ctx, const struct store_change *c)
{
	struct history *h = ctx;

	if (c->field)
		h->fields++;
	else
		h->unreadable++;
}

static void test_unreadable(const char *path)
{
	const char *copy = tpath("json.db");
	struct store_audit_row rows[40];
	struct history h = { 0, 0 }, before = { 0, 0 };
	struct problems p;
	struct db *db;
	char err[256], sql[512];
	int got, flagged = 0;

	copy_file(path, copy);
	if (db_open(copy, 0, &db, err, sizeof err) != DB_OK) {
		ok(0, "open %s", err);
		return;
	}
	store_audit_each(db, "members", first_member, history_fn, &before);
	db_close(db);
	snprintf(sql, sizeof sql, "INSERT INTO audit_log (id, at, os_user, tbl, row_id, action,"
	         " old, new) SELECT 7, at, os_user, tbl, row_id, 'update', '{\"name\": \"赵', new"
	         " FROM audit_log WHERE tbl = 'members' AND row_id = %lld ORDER BY seq LIMIT 1;",
	         (long long)first_member);
	is_int(outside(copy, sql), SQLITE_OK, "another program writes a log row that is not JSON");
	if (db_open(copy, 0, &db, err, sizeof err) != DB_OK)
		return;
	is_int(store_audit_each(db, "members", first_member, history_fn, &h), DB_OK,
	       "the member's history can still be read");
	is_int(h.unreadable, 1, "... the bad row is one unreadable change");
	is_int(h.fields, before.fields, "... and every field of the other changes is there (%d)", h.fields);
	got = store_audit_page(db, NULL, 0, 0, 40, rows);
	is_int(got, 14, "the change log's page lists every row, the bad one too");
	for (int i = 0; i < got; i++)
		if (rows[i].unreadable)
			flagged += rows[i].id == 7 ? 1 : 100;
	is_int(flagged, 1, "... and flags that one alone");
	memset(&p, 0, sizeof p);
	db_check(db, test_collect, &p);
	is_int(count_problem(&p, UNREADABLE, "audit_log 7"), 1, "db_check names it");
	db_close(db);
}

/* The OS user from the uid: a uid the password database does not know
 * is its number, whatever $USER says. */
static void test_os_user(void)
{
	struct passwd *pw = getpwuid(getuid());
	int status = -1;
	pid_t pid;

	setenv("USER", "someoneelse", 1);
	setenv("LOGNAME", "someoneelse", 1);
	is_str(db_os_user(), pw ? pw->pw_name : "?", "USER=someoneelse: the name of the uid");
	if (geteuid() != 0) {
		ok(1, "# SKIP not root: no uid without a name to become");
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		uid_t u = 54321;
		char want[32];

		while (getpwuid(u))
			u++;
		if (setgid(u) != 0 || setuid(u) != 0)
			_exit(100);
		snprintf(want, sizeof want, "%lu", (unsigned long)u);
		_exit(strcmp(db_os_user(), want) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0,
	       "a uid without a name, USER=someoneelse: the uid's number");
}

/* A search index damaged by another program. */
static void test_search(const char *path)
{
	const char *copy = tpath("search.db");
	char detail[64];
	struct problems p;

	copy_file(path, copy);
	outside(copy, "INSERT INTO member_search (member_search) VALUES ('delete-all');"
	        " INSERT INTO member_search (rowid, terms) SELECT id, '' FROM members;");
	check(copy, &p);
	snprintf(detail, sizeof detail, "members %lld", (long long)first_member);
	is_int(count_problem(&p, SEARCH_MISS, NULL), 6, "an index emptied behind the rows' backs: six members missed");
	is_int(count_problem(&p, SEARCH_MISS, detail), 1, "... each named");
	copy_file(path, copy);
	outside(copy, "DELETE FROM member_search_data WHERE id > 10;");
	check(copy, &p);
	is_int(count_problem(&p, "the search index is damaged: searches may miss members", NULL), 1,
	       "an index with pages gone is damaged");
}

/* A record whose change log rows were written before the columns added
 * later (schema_late_columns, in the order the migrations added them)
 * matches rows that lack the late ones from any of them on, as long as
 * the record holds the values those columns brought; rows that lack an
 * earlier late column but hold a later one were never written by any
 * version, and the check says so. */
static void test_late_columns(void)
{
	static const char differs[] = "a record differs from its audit trail (changed outside zhibu?)";
	const char *path = tpath("late.db");
	const char *late[16];
	struct member m;
	struct db *db;
	struct problems p;
	char err[256], sql[512];
	int n = 0;

	for (const struct schema_late_column *l = schema_late_columns(); l->tbl && n < 16; l++)
		if (strcmp(l->tbl, "members") == 0)
			late[n++] = l->col;
	if (n < 2) {
		ok(0, "late columns: the roster has two at least (migration 8)");
		return;
	}
	if (db_open(path, DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "late columns: open: %s", err);
		return;
	}
	audit_member(&m, "迟列", "11010519700305002");
	is_int(store_member_insert(db, &m), DB_OK, "late columns: a member stored");
	db_close(db);
	/* from the last late column back to the first, each taken out of the
	 * rows as if they were written before it came */
	for (int k = n - 1; k >= 0; k--) {
		snprintf(sql, sizeof sql, "DROP TRIGGER audit_log_no_update;"
		         " UPDATE audit_log SET new = json_remove(new, '$.%s'); %s",
		         late[k], NO_UPDATE);
		is_int(outside(path, sql), SQLITE_OK, "late columns: rows without %s", late[k]);
		check(path, &p);
		is_int(count_problem(&p, differs, NULL), 0,
		       "late columns: rows written before %s and those after it match", late[k]);
	}
	/* the last one put back alone: rows no version wrote */
	snprintf(sql, sizeof sql, "DROP TRIGGER audit_log_no_update;"
	         " UPDATE audit_log SET new = json_set(new, '$.%s', '%s'); %s",
	         late[n - 1], "", NO_UPDATE);
	is_int(outside(path, sql), SQLITE_OK, "late columns: rows with %s only", late[n - 1]);
	check(path, &p);
	is_int(count_problem(&p, differs, NULL), 1,
	       "late columns: rows with a later column and not an earlier one differ");
}

int main(void)
{
	const char *path;

	registers_init();
	test_dir_make("audit");
	path = tpath("branch.db");
	test_hash_known();
	test_normal(path);
	test_outside(path);
	test_unreadable(path);
	test_os_user();
	test_search(path);
	test_late_columns();
	test_dir_remove();
	return tap_done();
}
