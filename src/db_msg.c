/* db_msg.c - the message of a failure: SQLite's result codes and the
 * system's errno mapped to message ids of our own (N_), SQLite's
 * English kept only as the detail of a failure that has none (db.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "db.h"
#include "db_internal.h"
#include "gettext.h"
#include "text.h"

/* The message of the last failure, without a detail. */
void db_set_msg(struct db *db, const char *msg)
{
	snprintf(db->errmsg, sizeof db->errmsg, "%s", msg);
	db->errdetail[0] = 0;
}

/* Set the message of the last failure (a message id). */
void db_set_errmsg(struct db *db, const char *msgid)
{
	db_set_msg(db, msgid);
}

/* MSG into the caller's ERR. */
void db_err_set(char *err, size_t errsz, const char *msg)
{
	if (err && errsz)
		snprintf(err, errsz, "%s", msg);
}

/* The message id for a failure SQLite reports as XRC (an extended result
 * code): the common ones in the program's own words, so that SQLite's
 * English never reaches a screen bare; NULL for the rest, which
 * db_fail() calls a generic database error, keeping SQLite's text as
 * its detail. */
static const char *code_msgid(int xrc)
{
	static const struct text_code_msg msgs[] = {
		{ { SQLITE_BUSY, SQLITE_LOCKED },
		  N_("the database is busy: someone else is writing to it") },
		{ { SQLITE_READONLY }, N_("the database is read-only") },
		/* WAL: a reader must be able to open or create FILE-shm */
		{ { SQLITE_READONLY_CANTINIT, SQLITE_READONLY_DIRECTORY },
		  N_("cannot read the database: its -shm file is missing and cannot be created") },
		{ { SQLITE_READONLY_DBMOVED },
		  N_("the database file was moved or deleted while it was open") },
		{ { SQLITE_READONLY_RECOVERY, SQLITE_READONLY_ROLLBACK },
		  N_("a program stopped while writing the database: someone who may write it must open it once to finish") },
		{ { SQLITE_FULL }, N_("disk full") },
		{ { SQLITE_NOMEM }, N_("out of memory") },
		{ { SQLITE_PERM, SQLITE_AUTH }, N_("permission denied") },
		{ { SQLITE_CANTOPEN }, N_("the database file cannot be opened") },
		{ { SQLITE_CORRUPT },
		  N_("the database file is damaged ('zhibu check' tells more)") },
		{ { SQLITE_NOTADB }, N_("the file is not a zhibu database") },
		{ { SQLITE_IOERR }, N_("the disk could not be read or written") },
		{ { SQLITE_INTERRUPT }, N_("interrupted") },
		{ { SQLITE_TOOBIG }, N_("a value is too large for the database") },
		{ { 0 }, NULL },
	};
	/* an extended code of its own, else its primary code */
	const char *msgid = text_code_msg(msgs, xrc);

	return msgid ? msgid : text_code_msg(msgs, xrc & 0xff);
}

/* What db_open says when SQLite fails with XRC. */
const char *db_open_msgid(int xrc)
{
	const char *msgid = code_msgid(xrc);

	return msgid ? msgid : N_("the database file cannot be opened");
}

/* Record why RC failed and say what kind of failure it is.  The
 * connection keeps SQLite's primary result codes (so callers may compare
 * with SQLITE_CONSTRAINT, SQLITE_BUSY ...); the extended code of the
 * failure is asked for where it matters.  The message is always one of
 * our ids: SQLite's own text is kept only as the detail of a failure
 * that has no id of its own (db_errdetail). */
int db_fail(struct db *db, int rc)
{
	int xrc = sqlite3_extended_errcode(db->h);
	const char *msgid;

	/* the connection's code is RC's unless RC came from elsewhere */
	if ((xrc & 0xff) != (rc & 0xff))
		xrc = rc;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		db_set_msg(db, code_msgid(xrc));
		return DB_BUSY;
	case SQLITE_READONLY:
		db_set_msg(db, code_msgid(xrc));
		return DB_READONLY;
	case SQLITE_CONSTRAINT:
		if (xrc == SQLITE_CONSTRAINT_UNIQUE || xrc == SQLITE_CONSTRAINT_PRIMARYKEY) {
			db_set_msg(db, N_("a record with the same value exists already"));
			return DB_DUPLICATE;
		}
		if (xrc == SQLITE_CONSTRAINT_TRIGGER) {
			/* RAISE() of our own schema: its words are ours */
			db_set_msg(db, sqlite3_errmsg(db->h));
			return DB_ERROR;
		}
		db_set_msg(db, N_("the change breaks one of the database's rules"));
		break;
	default:
		msgid = code_msgid(xrc);
		if (msgid) {
			db_set_msg(db, msgid);
			return DB_ERROR;
		}
		db_set_msg(db, N_("the database reported an error"));
		break;
	}
	snprintf(db->errdetail, sizeof db->errdetail, "%s", sqlite3_errmsg(db->h));
	return DB_ERROR;
}

/* The last failure on this connection. */
const char *db_errmsg(struct db *db)
{
	return db->errmsg;
}

/* SQLite's own words on the last failure, when db_errmsg() is generic. */
const char *db_errdetail(struct db *db)
{
	return db->errdetail;
}

/* Why a file of the database could not be made or written. */
const struct text_code_msg db_errno_msgs[] = {
	{ { EROFS }, N_("the file system is read-only") },
	{ { EACCES, EPERM }, N_("permission denied") },
	{ { ENOSPC }, N_("disk full") },
	{ { ENOENT }, N_("a directory in the path does not exist") },
	{ { ENOTDIR }, N_("a directory in the path is not a directory") },
	{ { 0 }, NULL },
};

/* Why the database file could not be made. */
const char *db_errno_msg(int e)
{
	const char *msgid = text_code_msg(db_errno_msgs, e);

	return msgid ? msgid : N_("cannot create the database file");
}
