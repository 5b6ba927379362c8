/* test_db.c - the storage layer: files, permissions, migrations, members,
 * audit, transactions between two connections, backup, checks, settings.
 *
 * Works in a fresh directory under /tmp (removed at the end).  The v1
 * fixture is found through $srcdir (automake) or the current directory.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "registers.h"
#include "schema.h"
#include "store.h"
#include "store_member.h"
#include "tap.h"
#include "testlib.h"
#include "validate.h"

static int mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* The fake member of testlib.h with the details the store's tests read. */
static void db_member(struct member *m, const char *name, const char *id17)
{
	fake_member(m, name, id17);
	strcpy(m->education, "大学本科");
	strcpy(m->category, "专业技术人员");
	strcpy(m->party_group, "第一党小组");
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One text value of a query on a raw handle ("" for NULL, "ERR" on error). */
static const char *q_text(sqlite3 *h, const char *sql, int64_t arg)
{
	static char out[4][512];
	static int next;
	char *o = out[next++ % 4];
	sqlite3_stmt *st;

	snprintf(o, sizeof out[0], "ERR");
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return o;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);

		snprintf(o, sizeof out[0], "%s", s ? s : "");
	} else {
		snprintf(o, sizeof out[0], "NOROW");
	}
	sqlite3_finalize(st);
	return o;
}

static int64_t q_int(sqlite3 *h, const char *sql, int64_t arg)
{
	return strtoll(q_text(h, sql, arg), NULL, 10);
}

/* How many temporary b-trees SQL's program opens (EXPLAIN's opcodes). */
static int ephemeral_tables(sqlite3 *h, const char *sql)
{
	char *x = sqlite3_mprintf("EXPLAIN %s", sql);
	sqlite3_stmt *st;
	int n = 0;

	if (sqlite3_prepare_v2(h, x, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_free(x);
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		if (strcmp((const char *)sqlite3_column_text(st, 1), "OpenEphemeral") == 0)
			n++;
	sqlite3_finalize(st);
	sqlite3_free(x);
	return n;
}

/* Byte 18 of a SQLite header: 1 rollback journal, 2 WAL. */
static int header_journal(const char *path)
{
	unsigned char hdr[20] = { 0 };
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	if (fread(hdr, 1, sizeof hdr, f) != sizeof hdr)
		hdr[18] = 0;
	fclose(f);
	return hdr[18];
}

/* tests/data/schema-v1.sql of the source tree: $top_srcdir or $srcdir
 * (set by the test harness), else the current directory. */
static const char *fixture_path(void)
{
	static const char *const env[] = { "top_srcdir", "srcdir" };
	static char p[1024];

	for (size_t i = 0; i < sizeof env / sizeof env[0]; i++) {
		const char *dir = getenv(env[i]);

		if (!dir)
			continue;
		snprintf(p, sizeof p, "%s/tests/data/schema-v1.sql", dir);
		if (exists(p))
			return p;
	}
	return "tests/data/schema-v1.sql";
}

/* --- tests ----------------------------------------------------------- */

static void test_create(void)
{
	char err[256];
	struct db *db;
	sqlite3 *h;
	int rc;
	mode_t old = umask(0);   /* the modes must not depend on the umask */

	rc = db_open(tpath("a/b/zhibu.db"), 0, &db, err, sizeof err);
	is_int(rc, DB_ERROR, "missing file without DB_OPEN_CREATE is refused");
	is_str(err, "no such database", "... with the message 'no such database'");
	ok(!exists(tpath("a")), "... and nothing is created");

	mkdir(tpath("a"), 0755);
	rc = db_open(tpath("a/b/c/zhibu.db"), DB_OPEN_CREATE, &db, err, sizeof err);
	umask(old);
	is_int(rc, DB_OK, "create a new database in new directories (%s)", err);
	if (rc != DB_OK)
		return;
	h = db_handle(db);
	is_int(mode_of(tpath("a/b/c/zhibu.db")), 0600, "file mode 0600");
	is_int(mode_of(tpath("a/b/c")), 0700, "created directory mode 0700");
	is_int(mode_of(tpath("a/b")), 0700, "created parent mode 0700");
	is_int(mode_of(tpath("a")), 0755, "an existing directory keeps its mode");
	is_str(q_text(h, "PRAGMA journal_mode", 0), "wal", "journal_mode is WAL");
	is_int(q_int(h, "PRAGMA foreign_keys", 0), 1, "foreign keys on");
	is_int(q_int(h, "PRAGMA synchronous", 0), 1, "synchronous NORMAL");
	is_int(q_int(h, "PRAGMA user_version", 0), db_latest_version(),
	       "user_version is the latest");
	is_int(db_schema_version(db), db_latest_version(), "db_schema_version agrees");
	ok(db_latest_version() >= 5, "at least five migrations");
	is_int(q_int(h, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '% IN (''%'", 0), 0,
	       "a new file's CHECKs compare, with no IN list (this connection reads the new text)");
	is_int(q_int(h, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%CHECK (gender = ''男'' OR gender = ''女'')%'", 0), 1,
	       "... the members' gender among them");
	is_int(q_int(h, "PRAGMA application_id", 0), 0x5A484255, "application_id ZHBU");
	ok(db_migration_backup(db) == NULL, "no backup for a new file");
	is_str(db_path(db), tpath("a/b/c/zhibu.db"), "db_path");
	is_int(db_set_setting(db, "branch.name", "示例社区第一党支部"), DB_OK,
	       "a first write");
	is_int(mode_of(tpath("a/b/c/zhibu.db-wal")), 0600, "-wal file mode 0600");
	is_int(mode_of(tpath("a/b/c/zhibu.db-shm")), 0600, "-shm file mode 0600");
	ok(!db_world_readable(tpath("a/b/c/zhibu.db")), "not world-readable");
	db_close(db);

	/* reopen without CREATE */
	rc = db_open(tpath("a/b/c/zhibu.db"), 0, &db, err, sizeof err);
	is_int(rc, DB_OK, "reopen an existing database (%s)", err);
	if (rc == DB_OK) {
		char *v = db_get_setting(db, "branch.name");

		is_str(v, "示例社区第一党支部", "the setting survived");
		free(v);
		ok(db_migration_backup(db) == NULL, "no backup when nothing migrates");
		db_close(db);
	}

	/* how long an open of an existing file takes (pragmas, checks and
	 * the generated audit triggers) */
	double t0 = now_ms();
	int n = 20, fails = 0;

	for (int i = 0; i < n; i++) {
		if (db_open(tpath("a/b/c/zhibu.db"), 0, &db, err, sizeof err) != DB_OK)
			fails++;
		else
			db_close(db);
	}
	double per = (now_ms() - t0) / n;

	tap_diag("db_open + db_close of an existing file: %.2f ms", per);
	ok(fails == 0 && per < 50, "opening an existing file is quick (%.2f ms)", per);
}

static void test_memory(void)
{
	char err[256];
	struct db *db;

	is_int(db_open(":memory:", 0, &db, err, sizeof err), DB_OK, ":memory: opens (%s)", err);
	if (!db)
		return;
	is_int(db_schema_version(db), db_latest_version(), ":memory: is migrated");
	db_close(db);
	db_close(NULL);
	ok(1, "db_close(NULL) is harmless");
}

static void test_refuse(void)
{
	char err[256];
	struct db *db = NULL;
	sqlite3 *h;
	FILE *f;
	int rc;

	/* another program's SQLite file */
	sqlite3_open(tpath("other.db"), &h);
	sqlite3_exec(h, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL);
	sqlite3_close(h);
	rc = db_open(tpath("other.db"), DB_OPEN_CREATE, &db, err, sizeof err);
	is_int(rc, DB_ERROR, "a SQLite file of another program is refused");
	is_str(err, "the file is not a zhibu database", "... with a clear message");
	is_int(header_journal(tpath("other.db")), 1, "... and its journal mode is untouched");
	ok(!exists(tpath("other.db-wal")), "... no -wal created");

	/* not SQLite at all */
	f = fopen(tpath("notes.txt"), "w");
	fputs("姓名,性别\n张三,男\n这不是数据库，只是一个普通的文本文件，长度要超过一百字节才能让读取头部的检查失败。\n", f);
	fclose(f);
	rc = db_open(tpath("notes.txt"), DB_OPEN_CREATE, &db, err, sizeof err);
	is_int(rc, DB_ERROR, "a text file is refused");
	is_str(err, "the file is not a zhibu database", "... as not a zhibu database");

	/* written by a newer program */
	rc = db_open(tpath("newer.db"), DB_OPEN_CREATE, &db, err, sizeof err);
	if (rc == DB_OK) {
		char sql[64];

		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_latest_version() + 1);
		sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL);
		db_close(db);
	}
	rc = db_open(tpath("newer.db"), 0, &db, err, sizeof err);
	is_int(rc, DB_ERROR, "a newer schema is refused");
	is_str(err, "database was written by a newer zhibu", "... saying so");

	/* an empty file is not silently initialized without CREATE */
	close(open(tpath("empty.db"), O_CREAT | O_WRONLY, 0600));
	rc = db_open(tpath("empty.db"), 0, &db, err, sizeof err);
	is_int(rc, DB_ERROR, "an empty file without DB_OPEN_CREATE is refused");
	is_str(err, "the database is empty", "... as empty");

	/* a directory */
	rc = db_open(test_dir, 0, &db, err, sizeof err);
	is_int(rc, DB_ERROR, "a directory is refused");
}

/* BAK, the backup of v1.db written before it was migrated. */
static void check_migration_backup(const char *bak)
{
	char want[600];

	ok(bak != NULL, "a backup was written before migrating");
	if (bak) {
		snprintf(want, sizeof want, "%s.v1-", tpath("v1.db"));
		ok(strncmp(bak, want, strlen(want)) == 0 &&
		   strlen(bak) == strlen(want) + 14 + 4 &&
		   strcmp(bak + strlen(bak) - 4, ".bak") == 0,
		   "... named FILE.v1-YYYYmmddHHMMSS.bak beside the file (%s)", bak);
		is_int(mode_of(bak), 0600, "... mode 0600");
		is_int(header_journal(bak), 1, "... a self-contained file (not WAL)");
		sqlite3 *bh;

		sqlite3_open_v2(bak, &bh, SQLITE_OPEN_READONLY, NULL);
		is_int(q_int(bh, "PRAGMA user_version", 0), 1, "... holding a version 1 database");
		is_int(q_int(bh, "SELECT count(*) FROM members", 0), 3, "... with the members");
		is_int(q_int(bh, "SELECT count(*) FROM sqlite_schema WHERE name = 'flows'", 0), 0,
		       "... and without the later tables");
		sqlite3_close(bh);
	}
}

static void test_migrate_v1(void)
{
	const char *fx = fixture_path();
	char *sql = read_whole(fx), err[256];
	const char *mig1 = schema_migration_sql(1), *at;
	struct member m;
	struct db *db;
	sqlite3 *h;
	int rc;

	ok(sql != NULL, "read the v1 fixture %s", fx);
	if (!sql)
		return;
	at = strstr(sql, mig1);
	ok(at && strncmp(at + strlen(mig1), "-- end of migration 1", 21) == 0,
	   "the fixture holds migration 1 unchanged (released migrations are never edited)");

	for (int i = 0; i < 3; i++) {
		static const char *names[] = { "v1.db", "v1-nomig.db", "v1-ro.db" };

		sqlite3_open(tpath(names[i]), &h);
		rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
		sqlite3_close(h);
		if (i == 0)
			is_int(rc, SQLITE_OK, "built a v1 file from the fixture");
	}
	free(sql);

	rc = db_open(tpath("v1-nomig.db"), DB_OPEN_NOMIGRATE, &db, err, sizeof err);
	is_int(rc, DB_ERROR, "DB_OPEN_NOMIGRATE refuses an older schema");
	rc = db_open(tpath("v1-ro.db"), DB_OPEN_READONLY, &db, err, sizeof err);
	is_int(rc, DB_ERROR, "a read-only open refuses an older schema");

	rc = db_open(tpath("v1.db"), 0, &db, err, sizeof err);
	is_int(rc, DB_OK, "the v1 file opens (%s)", err);
	if (rc != DB_OK)
		return;
	h = db_handle(db);
	is_int(db_schema_version(db), db_latest_version(), "it was migrated to the latest version");
	is_int(q_int(h, "SELECT count(*) FROM members", 0), 3, "the three members survived");
	is_str(q_text(h, "SELECT count(*) FROM sqlite_schema WHERE name = 'flows'", 0), "1",
	       "the tables of migration 2 exist");
	is_str(q_text(h, "SELECT count(*) FROM sqlite_schema WHERE name = 'attendance'", 0), "1",
	       "the tables of migration 3 exist");
	is_int(q_int(h, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%CHECK (% IN (''%'", 0), 0,
	       "migration 5 left no CHECK with an IN list");
	is_int(ephemeral_tables(h, "INSERT INTO members (id, name, gender, birth_date,"
	                           " id_number, join_date, name_strokes, name_pinyin,"
	                           " name_initials, name_pinyin_key) VALUES"
	                           " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), 0,
	       "... and this connection writes a member with no temporary table");
	is_int(q_int(h, "SELECT count(*) FROM sqlite_schema"
	                " WHERE sql LIKE '%CHECK (status = ''在册'' OR status = ''流出''%'", 0), 1,
	       "... the members' status is a list of comparisons");
	is_str(q_text(h, "PRAGMA integrity_check", 0), "ok", "... and the file is sound");
	is_int(sqlite3_exec(h, "UPDATE members SET education = '博士'", NULL, NULL, NULL),
	       SQLITE_CONSTRAINT, "... the rewritten CHECK still refuses a value off the list");
	is_int(sqlite3_exec(h, "UPDATE members SET status = NULL", NULL, NULL, NULL),
	       SQLITE_CONSTRAINT, "... and NOT NULL still holds");
	is_int(store_member_get(db, 2305843009213693953LL, &m), DB_OK, "get a migrated member");
	is_str(m.name, "李四梅", "... name");
	is_str(m.party_group, "第一党小组", "... party group");
	/* migration 8: 人员分类 as the 党内统计 counts occupations */
	is_str(m.category, "离退休人员", "... its old category 离退休 is now 离退休人员");
	is_int(m.version, 3, "... a new version, for the changed category");
	is_str(q_text(h, "SELECT category FROM members WHERE name = '张三'", 0),
	       "其他职业人员", "... 在职, which names no occupation, is 其他职业人员");
	is_str(q_text(h, "SELECT category FROM members WHERE name = '王五'", 0),
	       "学生", "... 学生 stays");
	is_int(q_int(h, "SELECT count(*) FROM audit_log WHERE action = 'update'"
	                " AND json_extract(new, '$.category') = '离退休人员'"
	                " AND json_extract(old, '$.category') = '离退休'", 0), 1,
	       "... and the change log holds the change of the category");
	is_int(q_int(h, "SELECT count(*) FROM members WHERE probation_end IS NULL"
	                " AND probation_reason = ''", 0), 3,
	       "... every member has the new columns, not extended");
	is_int(sqlite3_exec(h, "UPDATE members SET status = '退党' WHERE name = '张三'",
	                    NULL, NULL, NULL), SQLITE_OK,
	       "... and the new statuses are allowed");
	is_int(sqlite3_exec(h, "UPDATE members SET category = '在职'", NULL, NULL, NULL),
	       SQLITE_CONSTRAINT, "... the old categories are not");
	is_int(sqlite3_exec(h, "UPDATE members SET status = '在册' WHERE name = '张三'",
	                    NULL, NULL, NULL), SQLITE_OK, "(status back)");
	is_int(q_int(h, "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'trigger'", 0), 0,
	       "... no trigger of the migration is left on the connection");

	check_migration_backup(db_migration_backup(db));
	db_close(db);
}

/* Updates of the members test_members() stored (M, and P the
 * probationary one): versions, a taken ID number, status changes. */
static void test_member_updates(struct db *db, struct member *m, struct member *p)
{
	struct member g, stale;

	/* updates: version check */
	store_member_get(db, m->id, &stale);
	strcpy(m->phone, "13912345678");
	strcpy(m->party_group, "第二党小组");
	is_int(store_member_update(db, m), DB_OK, "update (%s)", db_errmsg(db));
	is_int(m->version, 2, "the version went up");
	store_member_get(db, m->id, &g);
	is_str(g.phone, "13912345678", "the new phone is stored");
	is_str(g.party_group, "第二党小组", "the new party group was created and linked");
	is_int(g.version, 2, "stored version 2");
	ok(strcmp(g.updated_at, g.created_at) >= 0, "updated_at not before created_at");

	strcpy(stale.phone, "13000000000");
	is_int(store_member_update(db, &stale), DB_CONFLICT, "a stale version is DB_CONFLICT");
	is_int(stale.version, 1, "... the caller's version is unchanged");
	store_member_get(db, m->id, &g);
	is_str(g.phone, "13912345678", "... and the row is unchanged");

	struct member ghost = *m;

	ghost.id = 77;
	is_int(store_member_update(db, &ghost), DB_NOTFOUND, "update of a missing key is DB_NOTFOUND");

	/* an update to another member's ID number */
	g = *p;
	strcpy(g.id_number, m->id_number);
	is_int(store_member_update(db, &g), DB_DUPLICATE, "update to a taken ID number is DB_DUPLICATE");

	/* status */
	store_member_get(db, p->id, p);
	is_int(store_member_set_status(db, p, "转出", "2024-05-06", "转至外区"), DB_OK,
	       "set_status");
	is_str(p->status, "转出", "... in the struct");
	store_member_get(db, p->id, &g);
	is_str(g.status, "转出", "... stored status");
	is_str(g.status_date, "2024-05-06", "... stored date");
	is_str(g.status_reason, "转至外区", "... stored reason");
	is_int(g.version, p->version, "... version written back");
	is_int(g.version, 2, "... version 2");
	strcpy(g.status, "在册");
	strcpy(g.status_date, "2024-06-01");
	strcpy(g.status_reason, "转回");
	is_int(store_member_set_status(db, &g, g.status, g.status_date, g.status_reason),
	       DB_OK, "set_status from the struct's own fields");
	store_member_get(db, p->id, &g);
	is_str(g.status_reason, "转回", "... stored");
	g.version = 1;
	is_int(store_member_set_status(db, &g, "在册", "", ""), DB_CONFLICT,
	       "set_status with a stale version is DB_CONFLICT");
}

/* The change log of the members test_members() stored: M, and the
 * rejected duplicate DUP_ID (0: none); audit off and on. */
static void test_member_audit(struct db *db, const struct member *m, int64_t dup_id)
{
	sqlite3 *h = db_handle(db);

	/* audit */
	char user[64];

	snprintf(user, sizeof user, "%s", db_os_user());
	ok(user[0] != '\0', "db_os_user gives a name (%s)", user);
	is_int(q_int(h, "SELECT count(*) FROM audit_log WHERE tbl = 'members'"
	             " AND row_id = ?1 AND action = 'insert'", m->id), 1, "an audit row for the insert");
	is_str(q_text(h, "SELECT os_user FROM audit_log WHERE tbl = 'members'"
	              " AND row_id = ?1 AND action = 'insert'", m->id), user, "... with the OS user");
	is_str(q_text(h, "SELECT json_extract(new, '$.name') FROM audit_log WHERE tbl = 'members'"
	              " AND row_id = ?1 AND action = 'insert'", m->id), m->name, "... new holds the name");
	is_str(q_text(h, "SELECT quote(old) FROM audit_log WHERE tbl = 'members'"
	              " AND row_id = ?1 AND action = 'insert'", m->id), "NULL", "... old is NULL");
	is_str(q_text(h, "SELECT json_extract(old, '$.phone') || '>' || json_extract(new, '$.phone')"
	              " FROM audit_log WHERE tbl = 'members' AND row_id = ?1 AND action = 'update'",
	              m->id), "0991-1234567-89>13912345678",
	       "the update's audit row holds the old and the new phone");
	is_int(q_int(h, "SELECT count(*) FROM audit_log WHERE tbl = 'party_groups'"
	             " AND action = 'insert' AND json_extract(new, '$.name') = '第二党小组'", 0), 1,
	       "the created party group is audited too");
	is_int(q_int(h, "SELECT count(*) FROM audit_log WHERE tbl = 'members' AND row_id = ?1",
	             dup_id ? dup_id : -1), 0, "the rejected duplicate left no audit row");

	struct member quiet;

	is_int(db_set_audit(db, false), DB_OK, "audit off");
	db_member(&quiet, "赵静", "11010219700707302");
	is_int(store_member_insert(db, &quiet), DB_OK, "insert with audit off");
	is_int(q_int(h, "SELECT count(*) FROM audit_log WHERE row_id = ?1", quiet.id), 0,
	       "... wrote no audit row");
	db_set_audit(db, true);
	strcpy(quiet.note, "已核对");
	is_int(store_member_update(db, &quiet), DB_OK, "update with audit on again");
	is_int(q_int(h, "SELECT count(*) FROM audit_log WHERE row_id = ?1", quiet.id), 1,
	       "... wrote one audit row");

	ok(sqlite3_exec(h, "UPDATE audit_log SET os_user = 'x'", NULL, NULL, NULL) != SQLITE_OK,
	   "audit_log refuses UPDATE");
	ok(sqlite3_exec(h, "DELETE FROM audit_log", NULL, NULL, NULL) != SQLITE_OK,
	   "audit_log refuses DELETE");

	/* group ensure */
	int64_t gid1 = 0, gid2 = 0;

	is_int(store_group_ensure(db, "第三党小组", &gid1), DB_OK, "store_group_ensure creates");
	is_int(store_group_ensure(db, "第三党小组", &gid2), DB_OK, "... and finds");
	ok(gid1 > 0 && gid1 == gid2, "... the same key");
	is_int(store_group_ensure(db, "", &gid1), DB_ERROR, "an empty group name is an error");
}

static void test_members(struct db *db)
{
	struct member m, g, dup;
	int64_t count0, count;
	sqlite3 *h = db_handle(db);

	db_member(&m, "𠮷买提·艾力", "65010219850315123");
	strcpy(m.ethnicity, "维吾尔族");
	strcpy(m.education, "研究生");
	strcpy(m.category, "管理人员");
	strcpy(m.work_unit, "某科技公司 工程师");
	strcpy(m.phone, "0991-1234567-89");
	strcpy(m.address, "示例区示例路8号3单元");
	strcpy(m.note, "备注：测试“引号”");
	strcpy(m.status_date, "2011-07-01");
	strcpy(m.status_reason, "");
	is_int(store_member_insert(db, &m), DB_OK, "insert a member (%s)", db_errmsg(db));
	ok(m.id > 0, "the new key is positive");
	is_int(m.version, 1, "version 1");
	ok(strlen(m.created_at) == 24 && m.created_at[10] == 'T' && m.created_at[19] == '.' &&
	   m.created_at[23] == 'Z', "created_at is ISO 8601 UTC with milliseconds (%s)",
	   m.created_at);
	is_str(m.updated_at, m.created_at, "updated_at equals created_at");

	is_int(store_member_get(db, m.id, &g), DB_OK, "get it back");
#define SAME(f) is_str(g.f, m.f, "round trip: " #f)
	SAME(name); SAME(gender); SAME(ethnicity); SAME(birth_date); SAME(id_number);
	SAME(education); SAME(member_type); SAME(category); SAME(join_date);
	SAME(full_date); SAME(status); SAME(status_date); SAME(status_reason);
	SAME(work_unit); SAME(phone); SAME(address); SAME(party_group); SAME(note);
	SAME(created_at); SAME(updated_at);
#undef SAME
	is_int(g.id, m.id, "round trip: id");
	is_int(g.version, m.version, "round trip: version");
	ok(q_text(h, "SELECT full_date FROM members WHERE id = ?1", m.id)[0] != '\0',
	   "a given date is stored");

	/* keys are stored */
	struct db_name_keys k;

	db_name_keys(m.name, &k);
	is_str(q_text(h, "SELECT name_strokes FROM members WHERE id = ?1", m.id), k.strokes,
	       "name_strokes stored from collate_stroke_key");
	is_str(q_text(h, "SELECT name_pinyin_key FROM members WHERE id = ?1", m.id),
	       k.pinyin_key, "name_pinyin_key stored from collate_pinyin_key");

	is_int(store_member_find_id_number(db, m.id_number, &g), DB_OK, "find by ID number");
	is_int(g.id, m.id, "... the same member");
	is_int(store_member_find_id_number(db, "110101199001010000", &g), DB_NOTFOUND,
	       "an unknown ID number is DB_NOTFOUND");
	is_int(store_member_get(db, 12345, &g), DB_NOTFOUND, "an unknown key is DB_NOTFOUND");

	/* a 预备党员 without a full date: stored as NULL, read as "" */
	struct member p;

	db_member(&p, "王小明", "11010219990101201");
	strcpy(p.member_type, "预备党员");
	p.full_date[0] = '\0';
	p.party_group[0] = '\0';
	is_int(store_member_insert(db, &p), DB_OK, "insert a probationary member");
	ok(p.id != m.id, "two members get different keys");
	is_str(q_text(h, "SELECT quote(full_date) FROM members WHERE id = ?1", p.id), "NULL",
	       "an empty date is stored as NULL");
	is_str(q_text(h, "SELECT quote(party_group_id) FROM members WHERE id = ?1", p.id), "NULL",
	       "no party group is NULL");
	store_member_get(db, p.id, &g);
	is_str(g.full_date, "", "... and read back as empty");
	is_str(g.party_group, "", "... no party group read back as empty");

	/* duplicate ID number: nothing stored, not even its new group */
	store_member_count(db, &count0);
	db_member(&dup, "李雷", "65010219850315123");
	strcpy(dup.party_group, "新建党小组");
	is_int(store_member_insert(db, &dup), DB_DUPLICATE, "a duplicate ID number is DB_DUPLICATE");
	is_str(db_errmsg(db), "a member with this ID number exists already", "... with a message");
	store_member_count(db, &count);
	is_int(count, count0, "... and nothing is stored");
	is_int(q_int(h, "SELECT count(*) FROM party_groups WHERE name = '新建党小组'", 0), 0,
	       "... not even the party group it named");
	ok(sqlite3_get_autocommit(h), "... and no transaction is left open");

	/* inside the caller's transaction: only the failed write is undone */
	struct member t1, t2;

	db_member(&t1, "韩梅梅", "11010219800202202");
	db_member(&t2, "韩梅", "11010219800202202");
	strcpy(t2.party_group, "另一个党小组");
	is_int(db_begin(db), DB_OK, "begin a transaction");
	is_int(store_member_insert(db, &t1), DB_OK, "insert inside it");
	is_int(store_member_insert(db, &t2), DB_DUPLICATE, "a duplicate inside it");
	ok(!sqlite3_get_autocommit(h), "the caller's transaction stays open");
	is_int(db_commit(db), DB_OK, "commit");
	is_int(store_member_get(db, t1.id, &g), DB_OK, "the first insert is kept");
	is_int(q_int(h, "SELECT count(*) FROM party_groups WHERE name = '另一个党小组'", 0), 0,
	       "the duplicate's party group is undone");
	test_member_updates(db, &m, &p);
	test_member_audit(db, &m, dup.id);
}

static void test_ids(struct db *db)
{
	enum { N = 2000 };
	static int64_t v[N];
	int bad = 0, same = 0;

	for (int i = 0; i < N; i++) {
		v[i] = db_new_id(db);
		if (v[i] <= 0)
			bad++;
		for (int j = 0; j < i; j++)
			if (v[j] == v[i])
				same++;
	}
	is_int(bad, 0, "random keys are positive");
	is_int(same, 0, "random keys differ");
	int up = 0, high = 0;

	for (int i = 1; i < N; i++)
		if (v[i] > v[i - 1])
			up++;
	is_int(up, N - 1, "keys drawn one after another increase");

	/* the high 41 bits: milliseconds since 2020-01-01 */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 - INT64_C(1577836800000);
	int64_t drift = ms - (v[N - 1] >> 22);
	/* keys of one millisecond that follow a high random part count up
	 * by one and may carry into the next millisecond: a key can be a
	 * millisecond ahead of the clock (seen in CI), never more */
	ok(drift >= -1 && drift < 60000, "a key's high bits are the time (%lld ms ago)", (long long)drift);

	/* the low 22 bits: random when drawn in a new millisecond */
	for (int i = 0; i < 50; i++) {
		struct timespec pause = { 0, 2000000 };

		nanosleep(&pause, NULL);
		if ((db_new_id(db) & ((1 << 22) - 1)) >= (1 << 21))
			high++;
	}
	ok(high >= 10 && high <= 40, "a key's low bits are random (%d of 50 in the upper half)", high);
}

static void test_cache(struct db *db)
{
	static const char sql[] = "SELECT ?1";
	char copy[sizeof sql];
	sqlite3_stmt *a, *b, *c;

	a = db_prepare(db, sql);
	sqlite3_bind_int(a, 1, 42);
	sqlite3_step(a);
	b = db_prepare(db, sql);
	ok(a && a == b, "the same SQL pointer gives the same statement");
	ok(b && !sqlite3_stmt_busy(b), "... reset");
	sqlite3_step(b);
	is_int(sqlite3_column_type(b, 0), SQLITE_NULL, "... with its bindings cleared");
	memcpy(copy, sql, sizeof sql);
	c = db_prepare(db, copy);
	ok(c && c != a, "another pointer gets its own statement");
	ok(db_prepare(db, "SELECT nonsense FROM nowhere") == NULL, "bad SQL gives NULL");
	ok(db_errmsg(db)[0] != '\0', "... and a message");

	/* many statements: the cache grows */
	static char many[200][40];
	int fine = 0;

	for (int i = 0; i < 200; i++) {
		snprintf(many[i], sizeof many[i], "SELECT %d", i);
		if (db_prepare(db, many[i]))
			fine++;
	}
	for (int i = 0; i < 200; i++) {
		sqlite3_stmt *s = db_prepare(db, many[i]);

		if (s && sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == i)
			fine++;
	}
	is_int(fine, 400, "200 cached statements stay distinct");
}

static void test_two_connections(const char *path)
{
	struct db *a, *b;
	struct member m, g;
	char err[256];
	double t0, dt;

	if (db_open(path, 0, &a, err, sizeof err) != DB_OK ||
	    db_open(path, 0, &b, err, sizeof err) != DB_OK) {
		ok(0, "two connections (%s)", err);
		return;
	}
	db_member(&m, "钱多多", "44030419881111441");
	is_int(store_member_insert(a, &m), DB_OK, "connection A inserts");
	is_int(store_member_find_id_number(b, m.id_number, &g), DB_OK,
	       "connection B sees A's committed insert");

	/* A edits, B's copy is stale */
	strcpy(m.address, "新地址");
	store_member_update(a, &m);
	strcpy(g.address, "另一个地址");
	is_int(store_member_update(b, &g), DB_CONFLICT, "B's edit of a stale copy is a conflict");

	db_set_busy_timeout(b, 200);
	is_int(db_begin(a), DB_OK, "A holds a write transaction");
	t0 = now_ms();
	is_int(db_begin(b), DB_BUSY, "B's begin is DB_BUSY");
	dt = now_ms() - t0;
	ok(dt >= 150 && dt < 3000, "... after the busy timeout (%.0f ms)", dt);
	ok(sqlite3_get_autocommit(db_handle(b)), "... and B has no transaction open");
	struct member w;

	db_member(&w, "孙悟", "44030419881111452");
	is_int(store_member_insert(b, &w), DB_BUSY, "a store write from B is DB_BUSY");
	ok(sqlite3_get_autocommit(db_handle(b)), "... leaving no transaction open");
	db_rollback(a);
	is_int(store_member_insert(b, &w), DB_OK, "after A's rollback B can write");
	db_close(a);
	db_close(b);
}

static void test_readonly(const char *path)
{
	struct db *db;
	struct member m;
	char err[256];

	is_int(db_open(path, DB_OPEN_READONLY, &db, err, sizeof err), DB_OK,
	       "read-only open (%s)", err);
	if (!db)
		return;
	db_member(&m, "周一", "44030419881111500");
	is_int(store_member_insert(db, &m), DB_READONLY, "a write on it is DB_READONLY");
	is_str(db_errmsg(db), "the database is read-only", "... with a message");
	ok(sqlite3_get_autocommit(db_handle(db)), "... and no transaction open");
	int64_t n = -1;

	is_int(store_member_count(db, &n), DB_OK, "reading works");
	ok(n > 0, "... %lld members", (long long)n);
	db_close(db);
}

static void test_full(void)
{
	struct db *db;
	struct member m;
	char err[256];
	int rc = DB_OK, i;

	if (db_open(tpath("full.db"), DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "open full.db (%s)", err);
		return;
	}
	/* a file that cannot grow: the same path SQLITE_FULL takes */
	sqlite3_exec(db_handle(db), "PRAGMA max_page_count = 1", NULL, NULL, NULL);
	for (i = 0; i < 2000 && rc == DB_OK; i++) {
		char id17[18];

		snprintf(id17, sizeof id17, "110101198001%05u", (unsigned)i % 100000u);
		db_member(&m, "测试", id17);
		strcpy(m.birth_date, "1980-01-01");
		rc = store_member_insert(db, &m);
	}
	is_int(rc, DB_ERROR, "a full disk fails the write");
	is_str(db_errmsg(db), "disk full", "... saying 'disk full'");
	ok(sqlite3_get_autocommit(db_handle(db)), "... and no transaction is left open");
	db_close(db);
}

/* Another user who may read but not write the file or its directory:
 * run as "nobody" when the tests run as root, else as we are with the
 * write bits taken away. */
static void test_other_user(void)
{
	struct db *db;
	char err[256];
	const char *path = tpath("shared/branch.db");
	pid_t pid;
	int status = -1;

	chmod(test_dir, 0711);
	if (db_open(path, DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "create shared/branch.db (%s)", err);
		return;
	}
	db_set_setting(db, "branch.name", "共享支部");
	db_close(db);
	chmod(tpath("shared"), 0555);
	chmod(path, 0444);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int bits = 0;

		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(100);
		if (db_open(path, 0, &db, err, sizeof err) == DB_READONLY &&
		    strcmp(err, "the database file is read-only") == 0)
			bits |= 1;
		if (db_open(path, DB_OPEN_READONLY, &db, err, sizeof err) == DB_ERROR &&
		    strncmp(err, "you may only read this database, and its -wal and"
		            " -shm files are missing", 60) == 0)
			bits |= 2;
		_exit(bits);
	}
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) & 1 : -1, 1,
	       "a file the user cannot write is DB_READONLY with a clear message");
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) & 2 : -1, 2,
	       "reading a WAL file without its -wal and -shm says why, before opening");
	chmod(tpath("shared"), 0700);
	chmod(path, 0600);
	chmod(test_dir, 0700);
}

static int64_t temp_triggers(struct db *db)
{
	return q_int(db_handle(db), "SELECT count(*) FROM temp.sqlite_schema"
	             " WHERE type = 'trigger' AND name GLOB 'zhibu_audit_*'", 0);
}

/* PATH opened with FLAGS (*H its SQLite handle, when H is not NULL), or
 * NULL after a failed point. */
static struct db *open_raw(const char *path, unsigned flags, sqlite3 **h)
{
	struct db *db;
	char err[256];

	if (db_open(path, flags, &db, err, sizeof err) != DB_OK) {
		ok(0, "open %s (%s)", path, err);
		return NULL;
	}
	if (h)
		*h = db_handle(db);
	return db;
}

/* The change log's rows of the record ID. */
static int64_t audited(sqlite3 *h, int64_t id)
{
	return q_int(h, "SELECT count(*) FROM audit_log WHERE row_id = ?1", id);
}

/* The audit triggers come with the first write and survive rollbacks. */
static void test_audit_lazy(const char *path)
{
	struct db *db;
	struct member m, g;
	sqlite3 *h;
	int64_t n;

	if (!(db = open_raw(path, 0, &h)))
		return;
	store_member_count(db, &n);
	store_member_get(db, 1, &g);
	is_int(temp_triggers(db), 0, "a connection that only reads has no audit triggers");
	is_int(db_begin(db), DB_OK, "begin");
	is_int(temp_triggers(db), 3 * q_int(h, "SELECT count(*) FROM sqlite_schema WHERE"
	       " type = 'table' AND name NOT IN ('audit_log', 'drafts') AND name NOT LIKE 'sqlite%'"
	       " AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'member_search_%'", 0),
	       "db_begin installs three triggers per audited table (not the search index's tables)");
	is_int(q_int(h, "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'trigger'"
	             " AND name GLOB 'zhibu_search_*'", 0), 4,
	       "... and the four that keep the search index");
	db_member(&m, "冯十一", "44030419881111607");
	store_member_insert(db, &m);
	db_rollback(db);
	is_int(store_member_get(db, m.id, &g), DB_NOTFOUND, "rolled back");
	is_int(store_member_insert(db, &m), DB_OK, "insert after a rollback");
	is_int(audited(h, m.id), 1, "... is audited");
	db_close(db);

	/* a transaction begun outside db_begin: the triggers made inside it
	 * go with its rollback, and the next write makes them again */
	if (!(db = open_raw(path, 0, &h)))
		return;
	sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
	db_member(&m, "陈十二", "44030419881111618");
	is_int(store_member_insert(db, &m), DB_OK, "insert inside a raw BEGIN");
	ok(temp_triggers(db) > 0, "... made the triggers");
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	is_int(temp_triggers(db), 0, "the raw ROLLBACK took them away");
	is_int(store_member_insert(db, &m), DB_OK, "insert again");
	is_int(audited(h, m.id), 1, "... is audited");
	strcpy(m.note, "改");
	sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	is_int(store_member_update(db, &m), DB_OK, "a cached write statement after a rollback");
	is_int(audited(h, m.id), 2, "... is audited");
	db_close(db);

	/* a single statement through db_prepare, first write of a connection */
	if (!(db = open_raw(path, 0, &h)))
		return;
	sqlite3_stmt *st = db_prepare(db, "UPDATE members SET note = 'x' WHERE id = ?1");

	ok(st != NULL, "prepare a write as the first statement");
	if (st) {
		sqlite3_bind_int64(st, 1, m.id);
		is_int(sqlite3_step(st), SQLITE_DONE, "... step it");
		sqlite3_reset(st);
	}
	is_int(audited(h, m.id), 3, "... it is audited");
	db_close(db);
}

/* The Party's rules on the member A_ID of check.db (DB, H its handle), as
 * another program could break them, and the file's permissions: each
 * found by db_check(). */
static void test_check_rules(struct db *db, sqlite3 *h, int64_t a_id)
{
	struct problems p = { 0 };
	char detail[64];

	/* the Party's rules, as another program could break them */
	sqlite3_exec(h, "UPDATE members SET member_type = '正式党员' WHERE name = '单雄信'",
	             NULL, NULL, NULL);
	static const struct {
		const char *sql, *msg, *name;
	} party[] = {
		{ "UPDATE members SET full_date = '2011-06-29' WHERE name = '欧阳修'",
		  "the full-membership date is less than a year after joining",
		  "党章第七条: 转正 before a year of probation is reported" },
		{ "UPDATE members SET full_date = '2012-07-02' WHERE name = '欧阳修'",
		  "the full-membership date is more than two years after joining",
		  "党章第七条: 转正 more than two years after joining is reported" },
		{ "UPDATE members SET probation_end = '2011-12-30', full_date = '2012-01-01' WHERE name = '欧阳修'",
		  "the extension of the probation is shorter than half a year or longer than a year",
		  "细则第三十二条: an extension under half a year is reported" },
		{ "UPDATE members SET join_date = '1921-06-30', full_date = '1922-06-30', birth_date = '1900-01-01' WHERE name = '欧阳修'",
		  "the joining date is before the Party was founded",
		  "a joining date before 1921-07-01 is reported" },
		{ "UPDATE members SET join_date = '1994-08-07', full_date = '1995-08-07' WHERE name = '欧阳修'",
		  "the member was under 18 on joining",
		  "党章第一条: joining before 18 is reported" },
		{ "UPDATE members SET status = '取消预备党员资格' WHERE name = '欧阳修'",
		  "a status of leaving the Party does not fit the member type",
		  "党章第七条: a full member with 取消预备党员资格 is reported" },
		{ "UPDATE members SET status_date = '2009-01-01', status = '流出' WHERE name = '欧阳修'",
		  "the status date is before the joining date",
		  "a status date before joining is reported" },
		{ "UPDATE members SET status_date = '2999-01-01', status = '退党' WHERE name = '欧阳修'",
		  "a date is in the future",
		  "a status date in the future is reported" },
		{ "UPDATE members SET join_date = '2999-01-01' WHERE name = '欧阳修'",
		  "a date is in the future",
		  "a joining date in the future is reported" },
		{ "UPDATE members SET status = '去世', status_date = '2011-03-01' WHERE name = '欧阳修'",
		  "the full-membership date is after the member died or left the Party",
		  "转正 after death is reported" },
	};
	snprintf(detail, sizeof detail, "members %lld", (long long)a_id);
	for (size_t i = 0; i < sizeof party / sizeof party[0]; i++) {
		sqlite3_exec(h, "SAVEPOINT rule", NULL, NULL, NULL);
		sqlite3_exec(h, party[i].sql, NULL, NULL, NULL);
		memset(&p, 0, sizeof p);
		db_check(db, test_collect, &p);
		ok(count_problem(&p, party[i].msg, detail), "%s", party[i].name);
		sqlite3_exec(h, "ROLLBACK TO rule; RELEASE rule", NULL, NULL, NULL);
	}

	/* permissions */
	chmod(tpath("check.db"), 0644);
	ok(db_world_readable(tpath("check.db")), "db_world_readable sees mode 0644");
	memset(&p, 0, sizeof p);
	db_check(db, test_collect, &p);
	ok(count_problem(&p, "the database file can be read by other users", NULL),
	   "a world-readable file is reported");
	chmod(tpath("check.db"), 0600);
}

static void test_check(void)
{
	struct problems p = { 0 };
	struct member a, b;
	char detail[64];
	struct db *db;
	sqlite3 *h;

	if (!(db = open_raw(tpath("check.db"), DB_OPEN_CREATE, &h)))
		return;
	db_member(&a, "欧阳修", "32010219760808121");
	db_member(&b, "单雄信", "32010219770909232");
	store_member_insert(db, &a);
	store_member_insert(db, &b);
	db_set_setting(db, "branch.name", "测试支部");
	is_int(db_check(db, test_collect, &p), 0, "a good database has no problems");
	for (int i = 0; i < p.n && i < 16; i++)
		tap_diag("unexpected: %s: %s", p.msg[i], p.detail[i]);

	/* a stale sort key */
	sqlite3_exec(h, "UPDATE members SET name_strokes = 'zz' WHERE name = '欧阳修'",
	             NULL, NULL, NULL);
	memset(&p, 0, sizeof p);
	snprintf(detail, sizeof detail, "members %lld", (long long)a.id);
	is_int(db_check(db, test_collect, &p), 1, "a changed sort key is one problem");
	ok(count_problem(&p, "a sort key is out of date", detail),
	   "... reported with the record's key (%s: %s)", p.msg[0], p.detail[0]);

	/* a wrong check digit */
	char bad[sizeof b.id_number];

	snprintf(bad, sizeof bad, "%s", b.id_number);
	bad[17] = bad[17] == '0' ? '1' : '0';
	sqlite3_stmt *st;

	sqlite3_prepare_v2(h, "UPDATE members SET id_number = ?1 WHERE id = ?2", -1, &st, NULL);
	sqlite3_bind_text(st, 1, bad, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, b.id);
	is_int(sqlite3_step(st), SQLITE_DONE, "corrupt a check digit with raw SQL");
	sqlite3_finalize(st);
	memset(&p, 0, sizeof p);
	snprintf(detail, sizeof detail, "members %lld", (long long)b.id);
	is_int(db_check(db, test_collect, &p), 2, "now two problems");
	ok(count_problem(&p, "an ID number has a wrong check digit", detail),
	   "the check digit is reported with the record's key");
	bool leak = false;

	for (int i = 0; i < p.n && i < 16; i++)
		if (strstr(p.detail[i], "32010219") || strstr(p.detail[i], "单") ||
		    strstr(p.detail[i], "欧阳"))
			leak = true;
	ok(!leak, "no ID number or name in the details");

	/* 预备党员 with a 转正日期, and a record written without auditing */
	sqlite3_exec(h, "UPDATE members SET member_type = '预备党员' WHERE name = '单雄信'",
	             NULL, NULL, NULL);
	db_set_audit(db, false);
	struct member c;

	db_member(&c, "岳飞", "41010219800101331");
	store_member_insert(db, &c);
	db_set_audit(db, true);
	memset(&p, 0, sizeof p);
	is_int(db_check(db, test_collect, &p), 5, "five problems");
	ok(count_problem(&p, "a probationary member has a full-membership date", detail),
	   "a probationary member with a full date is reported");
	/* 党章第七条: joined in 2010, still probationary */
	ok(count_problem(&p, "a probationary member's probation ended more than a year ago: full membership, an extension or a cancellation is overdue", detail),
	   "党章第七条: a 预备党员 whose probation ended over a year ago is reported");
	snprintf(detail, sizeof detail, "members %lld", (long long)c.id);
	ok(count_problem(&p, "a record has no audit record", detail),
	   "a record without audit rows is reported");

	test_check_rules(db, h, a.id);
	db_close(db);
}

/* A change made behind zhibu's back (another program, no audit triggers)
 * no longer matches the audit trail. */
static void test_check_outside(void)
{
	struct problems p = { 0 };
	struct member a;
	char detail[64];
	struct db *db;
	sqlite3 *raw;

	if (!(db = open_raw(tpath("outside.db"), DB_OPEN_CREATE, NULL)))
		return;
	db_member(&a, "欧阳修", "32010219760808121");
	store_member_insert(db, &a);
	snprintf(a.phone, sizeof a.phone, "13912345678");
	store_member_update(db, &a);
	is_int(db_check(db, test_collect, &p), 0, "inserted and updated through zhibu: consistent");
	sqlite3_open(tpath("outside.db"), &raw);
	sqlite3_exec(raw, "UPDATE members SET phone = '13800000000'", NULL, NULL, NULL);
	sqlite3_close(raw);
	memset(&p, 0, sizeof p);
	snprintf(detail, sizeof detail, "members %lld", (long long)a.id);
	is_int(db_check(db, test_collect, &p), 2, "a change made by another program is two problems");
	ok(count_problem(&p, "a record differs from its audit trail (changed outside zhibu?)", detail),
	   "reported as differing from the audit trail (%s)", p.n ? p.msg[0] : "none");
	ok(count_problem(&p, "a search does not find a member: its terms are missing from the search index",
	               detail),
	   "... and as not found by a search for its new phone (the index did not follow)");

	/* a member added by another program has no search terms */
	sqlite3_open(tpath("outside.db"), &raw);
	sqlite3_exec(raw, "INSERT INTO members (id, name, gender, birth_date, id_number,"
	             " join_date, name_strokes, name_pinyin, name_initials, name_pinyin_key)"
	             " SELECT 77, name, gender, birth_date, '110105194912310021', join_date,"
	             " name_strokes, name_pinyin, name_initials, name_pinyin_key FROM members",
	             NULL, NULL, NULL);
	sqlite3_close(raw);
	memset(&p, 0, sizeof p);
	db_check(db, test_collect, &p);
	ok(count_problem(&p, "a member is missing from the search index", "members 77"),
	   "a member added by another program is missing from the search index");
	db_close(db);
}

static void test_backup(const char *path)
{
	struct db *db, *copy;
	char err[256];
	int64_t n1 = -1, n2 = -2;

	if (db_open(path, 0, &db, err, sizeof err) != DB_OK) {
		ok(0, "open for backup (%s)", err);
		return;
	}
	store_member_count(db, &n1);
	is_int(db_backup(db, tpath("backup/daily.db"), err, sizeof err), DB_ERROR,
	       "backup into a missing directory fails");
	mkdir(tpath("backup"), 0700);
	is_int(db_backup(db, tpath("backup/daily.db"), err, sizeof err), DB_OK,
	       "db_backup (%s)", err);
	is_int(mode_of(tpath("backup/daily.db")), 0600, "the backup is mode 0600");
	ok(!exists(tpath("backup/daily.db.tmp")), "no temporary file is left");
	is_int(header_journal(tpath("backup/daily.db")), 1, "the backup is one self-contained file");
	is_int(db_backup(db, tpath("backup/daily.db"), err, sizeof err), DB_OK,
	       "a second backup replaces the first");
	is_int(db_backup(db, path, err, sizeof err), DB_ERROR, "backup onto the database itself is refused");
	db_begin(db);
	is_int(db_backup(db, tpath("backup/during.db"), err, sizeof err), DB_ERROR,
	       "backup in the middle of a transaction is refused");
	db_rollback(db);
	ok(!exists(tpath("backup/during.db")) && !exists(tpath("backup/during.db.tmp")),
	   "... leaving no file");
	db_close(db);

	is_int(db_open(tpath("backup/daily.db"), 0, &copy, err, sizeof err), DB_OK,
	       "the backup opens (%s)", err);
	if (copy) {
		store_member_count(copy, &n2);
		is_int(n2, n1, "... with the same members");
		db_close(copy);
	}
}

static void test_settings(struct db *db)
{
	char *v;

	ok(db_get_setting(db, "no.such.key") == NULL, "a missing setting is NULL");
	is_int(db_set_setting(db, "branch.name", "示例社区第二党支部"), DB_OK, "set branch.name");
	v = db_get_setting(db, "branch.name");
	is_str(v, "示例社区第二党支部", "get it back");
	free(v);
	is_int(db_set_setting(db, "branch.name", "改名后的支部"), DB_OK, "change it");
	v = db_get_setting(db, "branch.name");
	is_str(v, "改名后的支部", "get the new value");
	free(v);
	is_int(q_int(db_handle(db), "SELECT version FROM settings WHERE key = 'branch.name'", 0), 2,
	       "the change bumped the version");
	is_int(q_int(db_handle(db), "SELECT count(*) FROM audit_log WHERE tbl = 'settings'", 0), 2,
	       "settings are audited");
}

/* A file that someone may read but not write keeps its -wal and -shm
 * when the last connection closes, so that a reader never has to make
 * them (and lock the writers out with files of its own); a private file
 * and one that every group member may write do not. */
static void test_keep_files(void)
{
	const char *path = tpath("group.db"), *wal = tpath("group.db-wal"),
	           *shm = tpath("group.db-shm");
	char err[256];
	struct db *db;
	struct stat st;

	if (db_open(path, DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "create group.db (%s)", err);
		return;
	}
	db_set_setting(db, "branch.name", "第一支部");
	db_close(db);
	ok(!exists(wal) && !exists(shm), "0600: -wal and -shm go with the last connection");

	chmod(path, 0640);
	if (db_open(path, 0, &db, err, sizeof err) != DB_OK) {
		ok(0, "open group.db 0640 (%s)", err);
		return;
	}
	db_set_setting(db, "branch.name", "第二支部");
	db_close(db);
	ok(exists(wal) && exists(shm), "0640 (the group may only read): they stay for the readers");
	is_int(stat(wal, &st) == 0 ? (int)st.st_size : -1, 0, "... -wal emptied, everything in the file");
	is_int(mode_of(wal), 0640, "... -wal with the file's mode");
	is_int(mode_of(shm), 0640, "... -shm too");
	if (db_open(path, DB_OPEN_READONLY, &db, err, sizeof err) == DB_OK) {
		char *v = db_get_setting(db, "branch.name");

		is_str(v ? v : "", "第二支部", "... and a reader sees the last change");
		free(v);
		db_close(db);
	} else {
		ok(0, "open group.db read-only (%s)", err);
	}

	chmod(path, 0660);
	if (db_open(path, 0, &db, err, sizeof err) == DB_OK)
		db_close(db);
	ok(!exists(wal) && !exists(shm), "0660 (the whole group writes): they go again");
	chmod(path, 0600);
}

/* The common failures SQLite reports are said in our words (message ids
 * the callers translate); the rest is a generic message with SQLite's
 * English as its detail, never the message itself. */
static void test_messages(void)
{
	static const int codes[] = {
		SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_CANTOPEN,
		SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB, SQLITE_IOERR,
	};
	char err[256];
	struct db *db;
	int rc;

	if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "open :memory: (%s)", err);
		return;
	}
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		db_fail(db, codes[i]);
		ok(*db_errmsg(db) && strcmp(db_errmsg(db), sqlite3_errstr(codes[i])) != 0 &&
		   !*db_errdetail(db),
		   "SQLite's '%s' is said in our words ('%s')", sqlite3_errstr(codes[i]),
		   db_errmsg(db));
	}
	is_int(db_fail(db, SQLITE_BUSY), DB_BUSY, "busy is DB_BUSY");
	is_int(db_fail(db, SQLITE_READONLY), DB_READONLY, "read-only is DB_READONLY");
	rc = sqlite3_exec(db_handle(db), "SELECT * FROM no_such_table", NULL, NULL, NULL);
	is_int(db_fail(db, rc), DB_ERROR, "another failure is DB_ERROR");
	is_str(db_errmsg(db), "the database reported an error", "... with a generic message");
	ok(strstr(db_errdetail(db), "no such table") != NULL,
	   "... and SQLite's words as its detail ('%s')", db_errdetail(db));
	db_set_errmsg(db, "the record does not exist");
	is_str(db_errdetail(db), "", "a message of our own has no detail");
	db_close(db);
}

/* What SQLite would not take for a file's name is refused where the user
 * names the database; db_open reads a "file:" name as a file's. */
static void test_odd_paths(void)
{
	char err[256], cwd[4096];
	struct db *db;

	ok(db_path_refused(":memory:") != NULL, ":memory: is refused as a database name");
	ok(db_path_refused("file:branch.db?mode=memory") != NULL, "a file: URI is refused");
	ok(db_path_refused("file::memory:") != NULL, "file::memory: is refused");
	ok(db_path_refused("./file:branch.db") == NULL, "./file:... is a file's name");
	ok(db_path_refused("/srv/zhibu/branch.db") == NULL, "a path is fine");
	if (!getcwd(cwd, sizeof cwd) || chdir(test_dir) != 0) {
		ok(0, "chdir %s", test_dir);
		return;
	}
	is_int(db_open("file:odd.db?mode=memory", DB_OPEN_CREATE, &db, err, sizeof err), DB_OK,
	       "db_open of a 'file:' name (%s)", err);
	if (db) {
		db_set_setting(db, "branch.name", "文件");
		db_close(db);
	}
	if (chdir(cwd) != 0)
		ok(0, "chdir back");
	ok(exists(tpath("file:odd.db?mode=memory")),
	   "... is the file of that very name, not a database in memory");
}

/* NAME set to VALUE, or unset when VALUE is NULL. */
static void set_env(const char *name, const char *value)
{
	if (value)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

static void test_default_path(void)
{
	/* ZHIBU_DB, XDG_DATA_HOME (NULL: unset) and the path they give */
	static const struct {
		const char *zhibu_db, *xdg, *want, *what;
	} paths[] = {
		{ "", "/xdg/data", "/xdg/data/zhibu/zhibu.db", "an empty ZHIBU_DB: XDG_DATA_HOME" },
		{ NULL, "/xdg/data", "/xdg/data/zhibu/zhibu.db", "XDG_DATA_HOME" },
		{ NULL, "relative/data", "/home/tester/.local/share/zhibu/zhibu.db",
		  "a relative XDG_DATA_HOME is ignored" },
		{ NULL, NULL, "/home/tester/.local/share/zhibu/zhibu.db", "HOME" },
	};
	char out[512], want[512];
	struct passwd *pw = getpwuid(getuid());

	setenv("ZHIBU_DB", "/srv/zhibu/branch1.db", 1);
	setenv("XDG_DATA_HOME", "/xdg/data", 1);
	setenv("HOME", "/home/tester", 1);
	is_int(db_default_path(out, sizeof out), 0, "default path with ZHIBU_DB");
	is_str(out, "/srv/zhibu/branch1.db", "... is ZHIBU_DB");
	is_int(db_default_path(out, 10), -1, "too small a buffer is -1");
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		set_env("ZHIBU_DB", paths[i].zhibu_db);
		set_env("XDG_DATA_HOME", paths[i].xdg);
		db_default_path(out, sizeof out);
		is_str(out, paths[i].want, "%s", paths[i].what);
	}
	unsetenv("HOME");
	snprintf(want, sizeof want, "%s/.local/share/zhibu/zhibu.db", pw ? pw->pw_dir : "?");
	is_int(db_default_path(out, sizeof out), 0, "without HOME");
	is_str(out, want, "... the password database's home");
}

/* --- what a register hands to the database layer (struct db_extras) --- */

static void sql_twice(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int64(ctx, 2 * sqlite3_value_int64(argv[0]));
}

static const struct db_function extras_functions[] = {
	{ "test_twice", 1, SQLITE_DETERMINISTIC, sql_twice },
	{ NULL, 0, 0, NULL },
};

static const struct db_check_rule extras_rules[] = {
	{ "a setting is odd", "settings", "SELECT id FROM settings WHERE key = 'test.odd'" },
	{ NULL, NULL, NULL },
};

static const char *const extras_flush[] = {
	"INSERT INTO test_flushed (n) SELECT count(*) FROM test_flushed",
	NULL,
};

static int extras_checked;

static int extras_check(struct db *db, struct db_checker *c)
{
	(void)db;
	extras_checked++;
	db_check_problem(c, "the test's own check", "detail");
	return DB_OK;
}

static const struct db_extras test_db_extras = {
	.functions = extras_functions,
	.temp_sql = "CREATE TEMP TABLE IF NOT EXISTS test_flushed (n INTEGER);\n"
	            "CREATE TEMP TRIGGER test_extras_settings AFTER INSERT ON main.settings"
	            " BEGIN SELECT 1; END;\n",
	.bulk_flush = extras_flush,
	.bulk_table = "residents",
	.rules = extras_rules,
	.check = extras_check,
};

/* A register's functions are on every connection, its TEMP SQL comes
 * with the first write, its statements end a bulk write, the indexes of
 * its bulk table are built again at that end, and db_check runs its
 * rules and its check once, however often it was handed over.  Last:
 * the extras stay registered. */
static void test_extras(void)
{
	static const char indexes[] =
	    "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'residents'";
	static const char trigger[] =
	    "SELECT count(*) FROM temp.sqlite_schema WHERE name = 'test_extras_settings'";
	struct problems p = { 0 };
	struct db *db;
	char err[256];

	is_int(db_extras_add(&test_db_extras), 0, "extras handed over");
	is_int(db_extras_add(&test_db_extras), 0, "... and again");
	if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "open :memory: with extras (%s)", err);
		return;
	}
	is_int(q_int(db_handle(db), "SELECT test_twice(21)", 0), 42, "a register's SQL function");
	is_int(q_int(db_handle(db), trigger, 0), 0, "no TEMP trigger before the first write");
	is_int(db_set_setting(db, "test.odd", "1"), DB_OK, "a write");
	is_int(q_int(db_handle(db), trigger, 0), 1, "... made the register's TEMP trigger");
	is_int(q_int(db_handle(db), indexes, 0), 1, "the bulk table has its index");
	is_int(db_begin(db), DB_OK, "begin");
	db_bulk(db, true);
	is_int(q_int(db_handle(db), indexes, 0), 0, "... dropped during a bulk write");
	is_int(db_bulk_flush(db), DB_OK, "flush");
	is_int(q_int(db_handle(db), indexes, 0), 1, "... built again at its end");
	is_int(q_int(db_handle(db), "SELECT count(*) FROM temp.test_flushed", 0), 1,
	       "the register's statements ran once");
	is_int(db_commit(db), DB_OK, "commit");
	db_bulk(db, false);
	is_int(db_check(db, test_collect, &p), 2, "db_check: the register's rule and check");
	ok(count_problem(&p, "a setting is odd", NULL), "... its rule names the row");
	ok(count_problem(&p, "the test's own check", "detail"), "... its check reports");
	is_int(extras_checked, 1, "... run once");
	db_close(db);
}

int main(void)
{
	struct db *db;
	char err[256];

	registers_init();
	test_dir_make("db");
	test_create();
	test_memory();
	test_refuse();
	test_migrate_v1();

	if (db_open(tpath("main.db"), DB_OPEN_CREATE, &db, err, sizeof err) == DB_OK) {
		test_members(db);
		test_ids(db);
		test_cache(db);
		test_settings(db);
		db_close(db);
	} else {
		ok(0, "open main.db (%s)", err);
	}
	test_two_connections(tpath("main.db"));
	test_audit_lazy(tpath("main.db"));
	test_readonly(tpath("main.db"));
	test_full();
	test_other_user();
	test_check();
	test_check_outside();
	test_backup(tpath("main.db"));
	test_keep_files();
	test_messages();
	test_odd_paths();
	test_default_path();
	test_extras();

	ok(test_dir_remove() == 0 && !exists(test_dir), "the test directory is removed");
	return tap_done();
}
