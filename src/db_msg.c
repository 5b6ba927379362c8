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
	switch (xrc) {
	case SQLITE_READONLY_CANTINIT:
	case SQLITE_READONLY_DIRECTORY:
		/* WAL: a reader must be able to open or create FILE-shm */
		return N_("cannot read the database: its -shm file is missing and cannot be created");
	case SQLITE_READONLY_DBMOVED:
		return N_("the database file was moved or deleted while it was open");
	case SQLITE_READONLY_RECOVERY:
	case SQLITE_READONLY_ROLLBACK:
		return N_("a program stopped while writing the database: someone who may write it must open it once to finish");
	}
	switch (xrc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return N_("the database is busy: someone else is writing to it");
	case SQLITE_READONLY:
		return N_("the database is read-only");
	case SQLITE_FULL:
		return N_("disk full");
	case SQLITE_NOMEM:
		return N_("out of memory");
	case SQLITE_CANTOPEN:
		return N_("the database file cannot be opened");
	case SQLITE_CORRUPT:
		return N_("the database file is damaged ('zhibu check' tells more)");
	case SQLITE_NOTADB:
		return N_("the file is not a zhibu database");
	case SQLITE_IOERR:
		return N_("the disk could not be read or written");
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return N_("permission denied");
	case SQLITE_INTERRUPT:
		return N_("interrupted");
	case SQLITE_TOOBIG:
		return N_("a value is too large for the database");
	default:
		return NULL;
	}
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

/* Why the database file could not be made. */
const char *db_errno_msg(int e)
{
	switch (e) {
	case EROFS:
		return N_("the file system is read-only");
	case EACCES:
	case EPERM:
		return N_("permission denied");
	case ENOSPC:
		return N_("disk full");
	case ENOENT:
		return N_("a directory in the path does not exist");
	case ENOTDIR:
		return N_("a directory in the path is not a directory");
	default:
		return N_("cannot create the database file");
	}
}
