/* schema.h - the versions of the database schema (SPEC 6).
 *
 * The SQL of each version lives in schema.c, in an array whose index is
 * the version it produces.  Released entries are never edited: a change
 * is a new entry.
 */
#ifndef ZHIBU_SCHEMA_H
#define ZHIBU_SCHEMA_H

/* PRAGMA application_id of every zhibu file: "ZHBU". */
#define SCHEMA_APPLICATION_ID 0x5A484255

/* The version this program writes (the last entry of the array). */
int schema_latest_version(void);

/* The SQL that turns a database of version VERSION - 1 into VERSION;
 * NULL outside 1..schema_latest_version(). */
const char *schema_migration_sql(int version);

/* Pairs of (old, new) text, ended by { NULL, NULL }, that VERSION
 * replaces in the CREATE TABLE statements of sqlite_schema, for changes
 * of constraints that leave the stored rows as they are (SQLite's
 * "ALTER TABLE", section 7); NULL when it makes none. */
const char *const (*schema_migration_rewrites(int version))[2];

/* SQL that changes stored values, run after the statements and the
 * rewrites of VERSION with the audit triggers in place, so that the
 * change log records what it changed; NULL when VERSION changes none. */
const char *schema_migration_data(int version);

/* A column added to a table after the table was created, and the value
 * (an SQL literal) every row then got: audit rows older than the column
 * hold no value for it. */
struct schema_late_column {
	const char *tbl, *col, *initial;
};

/* The late columns of every table, ended by an entry with tbl NULL. */
const struct schema_late_column *schema_late_columns(void);

#endif
