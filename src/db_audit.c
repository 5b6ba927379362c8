/* db_audit.c - the change log (SPEC 6): the TEMP triggers that write
 * audit_log, made on each connection from the tables' columns before
 * its first write, the SQL functions they call, and the head of the
 * log's hash chain (audit_chain.h).
 */
#include "config.h"

#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit_chain.h"
#include "db.h"
#include "db_internal.h"
#include "gettext.h"

/* The OS user who runs zhibu, for the change log and the drafts: the
 * name the password database gives the real uid, else the uid's number.
 * Never $USER or $LOGNAME, which anyone sets as they like: the log would
 * name a colleague.  Looked up again when the uid changed. */
const char *db_os_user(void)
{
	static char name[64];
	static uid_t named = (uid_t)-1;
	uid_t uid = getuid();
	struct passwd *pw;

	if (name[0] && uid == named)
		return name;
	pw = getpwuid(uid);
	if (pw && pw->pw_name && pw->pw_name[0] && strlen(pw->pw_name) < sizeof name &&
	    strspn(pw->pw_name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                        "0123456789._-$@") == strlen(pw->pw_name))
		snprintf(name, sizeof name, "%s", pw->pw_name);
	else
		snprintf(name, sizeof name, "%lu", (unsigned long)uid);
	named = uid;
	return name;
}

static void sql_zhibu_user(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3_result_text(ctx, db_os_user(), -1, SQLITE_STATIC);
}

/* zhibu_chain(prev, seq, id, at, os_user, tbl, row_id, action, old, new):
 * the hash of an audit row (audit_chain.h), from the columns as text. */
static void sql_chain(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct audit_chain_field f[AUDIT_CHAIN_FIELDS];
	char out[AUDIT_CHAIN_HEX + 1];

	if (argc != AUDIT_CHAIN_FIELDS + 1) {
		sqlite3_result_error(ctx, "zhibu_chain: wrong number of arguments", -1);
		return;
	}
	for (int i = 0; i < AUDIT_CHAIN_FIELDS; i++) {
		/* the text first, then its length (sqlite3_value_bytes) */
		f[i].p = sqlite3_value_type(argv[i + 1]) == SQLITE_NULL ? NULL
		         : sqlite3_value_text(argv[i + 1]);
		f[i].n = f[i].p ? (size_t)sqlite3_value_bytes(argv[i + 1]) : 0;
		if (!f[i].p && sqlite3_value_type(argv[i + 1]) != SQLITE_NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	audit_chain_hash((const char *)sqlite3_value_text(argv[0]), f, out);
	sqlite3_result_text(ctx, out, AUDIT_CHAIN_HEX, SQLITE_TRANSIENT);
}

static void sql_audit_enabled(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct db *db = sqlite3_user_data(ctx);

	sqlite3_result_int(ctx, db->audit);
}

/* zhibu_new_id(): a key for an audit row, as db_new_id draws them. */
static void sql_new_id(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int64(ctx, db_new_id(NULL));
}

/* Make the SQL functions the audit triggers call on DB's connection. */
int db_audit_functions(struct db *db)
{
	int rc = sqlite3_create_function(db->h, "zhibu_user", 0, SQLITE_UTF8, NULL,
	                                 sql_zhibu_user, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db->h, "zhibu_audit_enabled", 0, SQLITE_UTF8,
		                             db, sql_audit_enabled, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db->h, "zhibu_new_id", 0, SQLITE_UTF8, NULL,
		                             sql_new_id, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db->h, "zhibu_chain", AUDIT_CHAIN_FIELDS + 1,
		                             SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
		                             sql_chain, NULL, NULL);
	return rc;
}

/* Switch the audit triggers on or off for this connection. */
int db_set_audit(struct db *db, bool on)
{
	db->audit = on;
	return DB_OK;
}

/* json_object('c', P."c", ...) of every column in COLS; json_object takes
 * at most 127 arguments, so wide tables continue with json_insert. */
void db_audit_json(sqlite3_str *s, const char *prefix, char **cols, int n)
{
	enum { CHUNK = 60 };

	for (int i = 1; i < (n + CHUNK - 1) / CHUNK; i++)
		sqlite3_str_appendall(s, "json_insert(");
	sqlite3_str_appendall(s, "json_object(");
	for (int i = 0; i < n; i++) {
		if (i > 0 && i % CHUNK == 0)
			sqlite3_str_appendall(s, ")");
		if (i > 0)
			sqlite3_str_appendall(s, ", ");
		sqlite3_str_appendf(s, i < CHUNK ? "'%q', %s.\"%w\"" : "'$.%q', %s.\"%w\"",
		                    cols[i], prefix, cols[i]);
	}
	sqlite3_str_appendall(s, ")");
}

/* The names of the audited tables: the program's own, keyed by id; not
 * audit_log, drafts (one user's unsaved typing), SQLite's tables, virtual
 * tables (full-text indexes) or their shadow tables. */
char **db_audited_tables(sqlite3 *h, int *n)
{
	return db_names_of(h,
	    "SELECT s.name FROM main.sqlite_schema AS s WHERE s.type = 'table'"
	    " AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	    " AND s.name NOT IN ('audit_log', 'drafts')"
	    " AND s.sql NOT LIKE 'CREATE VIRTUAL%'"
	    " AND NOT EXISTS (SELECT 1 FROM main.sqlite_schema AS v WHERE v.type = 'table'"
	    "  AND v.sql LIKE 'CREATE VIRTUAL%' AND s.name LIKE v.name || '\\_%' ESCAPE '\\')"
	    " AND EXISTS (SELECT 1 FROM pragma_table_info(s.name, 'main') AS c"
	    "  WHERE c.name = 'id' AND c.pk = 1)"
	    " ORDER BY s.name", NULL, n);
}

/* The link an audit row takes (audit_chain.h): the place after the last
 * row of the chain and that row's hash.  Inside the writer's transaction,
 * and SQLite lets one connection write at a time, so two zhibu writing
 * at once can never take the same place (nor could a row slipped in: seq
 * is UNIQUE).  The order of the ids, drawn by each process from its own
 * clock, does not matter.  A row whose hash is missing links as the
 * first one does: "zhibu check" reports that row, not those after it. */
#define CHAIN_NEXT \
	"coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS seq," \
	" coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)," \
	" '0000000000000000000000000000000000000000000000000000000000000000') AS prev"

/* Whether audit_log has its chain yet (schema version 10): a migration
 * of an older file writes its changes before it does. */
bool db_audit_chained(sqlite3 *h)
{
	int rc;

	return db_query_int(h, "SELECT count(*) FROM pragma_table_info('audit_log', 'main')"
	                 " WHERE name = 'hash'", &rc) > 0 && rc == SQLITE_OK;
}

/* Append the three audit triggers of table T to S.  The row's values
 * are drawn once, in a subquery without FROM: SQLite never flattens one
 * (so zhibu_new_id() is not called again for the hash), and the hash is
 * taken of exactly what is stored. */
static int audit_triggers_sql(sqlite3 *h, sqlite3_str *s, const char *t)
{
	static const struct {
		const char *event, *action;
		bool old, new;
	} ev[] = {
		{ "INSERT", "insert", false, true },
		{ "UPDATE", "update", true, true },
		{ "DELETE", "delete", true, false },
	};
	bool chained = db_audit_chained(h);
	int n;
	char **cols = db_names_of(h, "SELECT name FROM pragma_table_info(?1, 'main')", t, &n);

	if (n <= 0) {
		db_free_names(cols);
		return -1;
	}
	for (size_t i = 0; i < sizeof ev / sizeof ev[0]; i++) {
		const char *row = ev[i].new ? "NEW" : "OLD";

		sqlite3_str_appendf(s,
		    "CREATE TEMP TRIGGER \"zhibu_audit_%w_%s\" AFTER %s ON main.\"%w\""
		    " WHEN zhibu_audit_enabled() BEGIN",
		    t, ev[i].action, ev[i].event, t);
		if (chained)
			sqlite3_str_appendall(s,
			    " INSERT INTO audit_log (id, at, os_user, tbl, row_id, action,"
			    " old, new, seq, hash)"
			    " SELECT r.id, r.at, r.os_user, r.tbl, r.row_id, r.action, r.old,"
			    " r.new, r.seq, zhibu_chain(r.prev, r.seq, r.id, r.at, r.os_user,"
			    " r.tbl, r.row_id, r.action, r.old, r.new) FROM (SELECT");
		else
			sqlite3_str_appendall(s,
			    " INSERT INTO audit_log (id, at, os_user, tbl, row_id, action,"
			    " old, new) SELECT");
		sqlite3_str_appendf(s,
		    " zhibu_new_id() AS id, %s AS at, zhibu_user() AS os_user,"
		    " %Q AS tbl, %s.id AS row_id, '%s' AS action, ",
		    SQL_NOW, t, row, ev[i].action);
		if (ev[i].old)
			db_audit_json(s, "OLD", cols, n);
		else
			sqlite3_str_appendall(s, "NULL");
		sqlite3_str_appendall(s, " AS old, ");
		if (ev[i].new)
			db_audit_json(s, "NEW", cols, n);
		else
			sqlite3_str_appendall(s, "NULL");
		sqlite3_str_appendall(s, " AS new");
		if (chained)
			sqlite3_str_appendf(s, ", " CHAIN_NEXT ") AS r");
		sqlite3_str_appendall(s, "; END;\n");
	}
	db_free_names(cols);
	return 0;
}

/* Create the TEMP audit triggers of every audited table (SPEC 6: an
 * audit log of every change), and the registers' TEMP tables and
 * triggers (struct db_extras).  They live only on this connection. */
int db_audit_install(struct db *db)
{
	sqlite3_str *s;
	char **tables, *sql;
	int n, rc = 0;

	tables = db_audited_tables(db->h, &n);
	if (n < 0) {
		db_free_names(tables);
		return db_fail(db, sqlite3_errcode(db->h));
	}
	s = sqlite3_str_new(db->h);
	sqlite3_str_appendall(s, "SAVEPOINT zhibu_audit;\n");
	for (int i = 0; i < n && rc == 0; i++)
		rc = audit_triggers_sql(db->h, s, tables[i]);
	for (size_t i = 0; i < db_extras_count; i++)
		if (db_extras_list[i]->temp_sql)
			sqlite3_str_appendall(s, db_extras_list[i]->temp_sql);
	sqlite3_str_appendall(s, "RELEASE zhibu_audit;\n");
	db_free_names(tables);
	sql = sqlite3_str_finish(s);
	if (rc != 0 || !sql) {
		sqlite3_free(sql);
		db_set_msg(db, N_("cannot read the columns of a table"));
		return DB_ERROR;
	}
	rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		rc = db_fail(db, rc);
		sqlite3_exec(db->h, "ROLLBACK TO zhibu_audit; RELEASE zhibu_audit",
		             NULL, NULL, NULL);
		return rc;
	}
	return DB_OK;
}

/* Creating the triggers costs several milliseconds (about 45 of them),
 * so a connection that only reads never pays: they are made before the
 * first write (db_begin, db_write_begin, db_prepare of a statement that
 * writes).  Made inside a transaction, they vanish with its rollback:
 * the rollback hook makes the next write look again. */
int db_audit_ensure(struct db *db)
{
	int rc;

	if (db->audit_ready || db->readonly)
		return DB_OK;
	if (db_query_int(db->h, "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'trigger'"
	              " AND name GLOB 'zhibu_audit_*'", &rc) > 0 && rc == SQLITE_OK) {
		db->audit_ready = true;
		return DB_OK;
	}
	rc = db_audit_install(db);
	if (rc == DB_OK)
		db->audit_ready = true;
	return rc;
}

void db_audit_rolled_back(void *arg)
{
	struct db *db = arg;

	db->audit_ready = false;
}

/* Drop this connection's TEMP triggers (audit, registers'): made for the
 * schema of one moment, they must not outlive a change of it. */
int db_audit_uninstall(struct db *db)
{
	sqlite3_str *s = sqlite3_str_new(db->h);
	char **names, *sql;
	int n, rc;

	names = db_names_of(db->h, "SELECT name FROM temp.sqlite_schema"
	                 " WHERE type = 'trigger'", NULL, &n);
	for (int i = 0; i < n; i++)
		sqlite3_str_appendf(s, "DROP TRIGGER temp.\"%w\";\n", names[i]);
	db_free_names(names);
	sql = sqlite3_str_finish(s);
	if (n < 0 || !sql) {
		sqlite3_free(sql);
		return SQLITE_ERROR;
	}
	rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	db->audit_ready = false;
	return rc;
}

/* The head of the chain: the last row's place and hash. */
int db_audit_head(struct db *db, char *out)
{
	static const char sql[] =
	    "SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1";
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return DB_ERROR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *hash = (const char *)sqlite3_column_text(st, 1);

		if (!audit_chain_hex_valid(hash)) {
			sqlite3_reset(st);
			db_set_msg(db, N_("the last row of the change log has no valid hash"));
			return DB_ERROR;
		}
		snprintf(out, DB_AUDIT_HEAD_SIZE, "%" PRId64 ":%s",
		         (int64_t)sqlite3_column_int64(st, 0), hash);
	} else if (rc == SQLITE_DONE) {
		snprintf(out, DB_AUDIT_HEAD_SIZE, "0:%s", audit_chain_genesis);
	} else {
		rc = db_fail(db, rc);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return DB_OK;
}

/* "N:HEX": N decimal, HEX 8 to 64 hex digits (either case). */
bool db_audit_head_parse(const char *s, int64_t *n, char *hex)
{
	const char *colon = s ? strchr(s, ':') : NULL;
	size_t digits, len;
	char *end;

	if (!colon || colon == s)
		return false;
	digits = (size_t)(colon - s);
	if (strspn(s, "0123456789") != digits || digits > 18)
		return false;
	*n = strtoll(s, &end, 10);
	len = strlen(colon + 1);
	if (len < DB_AUDIT_HEAD_MIN_HEX || len > AUDIT_CHAIN_HEX ||
	    strspn(colon + 1, "0123456789abcdefABCDEF") != len)
		return false;
	for (size_t i = 0; i <= len; i++)
		hex[i] = (char)(colon[1 + i] >= 'A' && colon[1 + i] <= 'F'
		                ? colon[1 + i] | 0x20 : colon[1 + i]);
	return true;
}
