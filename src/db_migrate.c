/* db_migrate.c - bringing an older file to the schema this program
 * writes (schema.h: migrations[v..N) in one transaction), after a
 * backup beside it; the SQL of the migrations lives in schema.c.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "db.h"
#include "db_internal.h"
#include "gettext.h"
#include "outfile.h"
#include "schema.h"

/* Write FILE.v<old>-<YYYYmmddHHMMSS>.bak beside the file before migrating
 * it; a second backup within the same second gets -2, -3 ...  The name is
 * free when it is chosen, and stays so: a migration holds the write lock,
 * so no other zhibu writes a backup of this file meanwhile. */
static int migration_backup(struct db *db, int old, char *err, size_t errsz)
{
	char stamp[32], *name = NULL;
	struct outfile *out = NULL;
	sqlite3 *src = NULL;
	time_t now = time(NULL);
	struct stat st;
	struct tm tm;
	int rc, e;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
	for (int i = 1; i < 100; i++) {
		free(name);
		if (i == 1)
			rc = asprintf(&name, "%s.v%d-%s.bak", db->path, old, stamp);
		else
			rc = asprintf(&name, "%s.v%d-%s-%d.bak", db->path, old, stamp, i);
		if (rc < 0) {
			name = NULL;
			break;
		}
		if (lstat(name, &st) != 0 && errno == ENOENT)
			break;
		free(name);
		name = NULL;
	}
	if (!name) {
		db_err_set(err, errsz, N_("cannot write the backup before the upgrade"));
		return DB_ERROR;
	}
	e = outfile_open(name, OUTFILE_NAMED, &out);
	if (e) {
		db_err_set(err, errsz, db_backup_errmsg(e));
		free(name);
		return e == EROFS ? DB_READONLY : DB_ERROR;
	}
	/* our connection holds the write lock already (so the copy is what
	 * gets migrated), and SQLite cannot back up from a connection in a
	 * write transaction: read through a second one, which the lock
	 * does not block */
	rc = sqlite3_open_v2(db->path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(src, BUSY_TIMEOUT_MS);
		rc = db_copy_to(src, outfile_temp_path(out), err, errsz);
	} else {
		db_err_set(err, errsz, N_("cannot read the database"));
		rc = DB_ERROR;
	}
	sqlite3_close(src);
	if (rc == DB_OK && (e = outfile_commit(out)) != 0) {
		db_err_set(err, errsz, db_backup_errmsg(e));
		rc = DB_ERROR;
	} else if (rc != DB_OK) {
		outfile_abort(out);
	}
	if (rc != DB_OK) {
		free(name);
		return rc;
	}
	free(db->backup_path);
	db->backup_path = name;
	return DB_OK;
}

/* Replace text in the CREATE TABLE statements of sqlite_schema, inside
 * the caller's transaction: SQLite's procedure for changes that leave
 * the stored rows as they are ("ALTER TABLE", section 7).  The schema
 * cookie is then moved on by one, so that every connection, this one
 * too, reads the new text before its next statement. */
static int rewrite_schema(sqlite3 *h, const char *const (*pairs)[2])
{
	static const char sql[] =
	    "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2)"
	    " WHERE type = 'table' AND instr(sql, ?1) > 0";
	sqlite3_stmt *st;
	char *bump;
	int64_t cookie;
	int rc, off = 0;

	/* a build that defends its schema by default lets its owner ask */
	sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 0, &off);
	cookie = db_query_int(h, "PRAGMA schema_version", &rc);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_exec(h, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	for (size_t i = 0; rc == SQLITE_OK && pairs[i][0]; i++) {
		sqlite3_bind_text(st, 1, pairs[i][0], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, pairs[i][1], -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(h);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	/* a pragma takes no parameter; the cookie is SQLite's own integer */
	bump = sqlite3_mprintf("PRAGMA schema_version = %lld", (long long)cookie + 1);
	if (rc == SQLITE_OK)
		rc = bump ? sqlite3_exec(h, bump, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(bump);
	sqlite3_exec(h, "PRAGMA writable_schema = OFF", NULL, NULL, NULL);
	return rc;
}

/* A migration's change of stored values (schema.h), audited like any
 * other change: the triggers are made for the schema as it is now, and
 * dropped after, since a later migration may change the schema again. */
static int migrate_data(struct db *db, const char *sql)
{
	int rc = db_audit_install(db) == DB_OK ? SQLITE_OK : SQLITE_ERROR;

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	if (db_audit_uninstall(db) != SQLITE_OK && rc == SQLITE_OK)
		rc = SQLITE_ERROR;
	return rc;
}

/* Bring the schema to the latest version in one transaction, after a
 * backup when the file held data of an older version.  Foreign keys are
 * off meanwhile (a migration may rebuild a table) and checked at the end. */
int db_migrate(struct db *db, char *err, size_t errsz)
{
	int latest = schema_latest_version(), v, rc;
	char *sql;

	rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		rc = db_fail(db, rc);
		db_err_set(err, errsz, db->errmsg);
		return rc;
	}
	/* another program may have migrated while we waited for the lock */
	v = (int)db_query_int(db->h, "PRAGMA user_version", &rc);
	if (rc != SQLITE_OK)
		goto fail;
	if (v > latest) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		db_err_set(err, errsz, N_("database was written by a newer zhibu"));
		return DB_ERROR;
	}
	if (v == latest) {
		rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			goto fail;
		return DB_OK;
	}
	if (v > 0 && !db->memory) {
		rc = migration_backup(db, v, err, errsz);
		if (rc != DB_OK) {
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			return rc;
		}
	}
	for (v = v + 1; v <= latest; v++) {
		const char *sql_v = schema_migration_sql(v);

		rc = sql_v ? sqlite3_exec(db->h, sql_v, NULL, NULL, NULL) : SQLITE_OK;
		if (rc == SQLITE_OK && schema_migration_rewrites(v))
			rc = rewrite_schema(db->h, schema_migration_rewrites(v));
		if (rc == SQLITE_OK && schema_migration_data(v))
			rc = migrate_data(db, schema_migration_data(v));
		if (rc != SQLITE_OK)
			goto fail;
	}
	/* pragmas take no parameters; these are our own integers */
	sql = sqlite3_mprintf("PRAGMA user_version = %d; PRAGMA application_id = %d;",
	                      latest, SCHEMA_APPLICATION_ID);
	rc = sql ? sqlite3_exec(db->h, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		goto fail;
	if (db_query_int(db->h, "SELECT count(*) FROM pragma_foreign_key_check", &rc) != 0) {
		if (rc != SQLITE_OK)
			goto fail;
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		db_err_set(err, errsz, N_("the upgrade would leave references to missing records"));
		return DB_ERROR;
	}
	rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	return DB_OK;
fail:
	rc = db_fail(db, sqlite3_extended_errcode(db->h));
	db_err_set(err, errsz, db->errmsg);
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}
