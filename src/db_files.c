/* db_files.c - the database as a file: made private (0600 in a 0700
 * directory, SPEC 6), its default place, the names SQLite would read as
 * something else, and copies written whole (outfile.h) with SQLite's
 * backup API.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "db.h"
#include "db_internal.h"
#include "gettext.h"
#include "outfile.h"

/* mkdir -p of the directory part of PATH; the directories created here
 * get 0700 (SPEC 6), existing ones are left as they are. */
int db_make_parents(const char *path)
{
	char *dir = strdup(path);
	char *slash;
	int rc = 0;

	if (!dir)
		return -1;
	slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(dir, 0700) == 0) {
			/* the umask may have taken bits we asked for */
			if (chmod(dir, 0700) != 0) {
				rc = -1;
				break;
			}
		} else if (errno != EEXIST) {
			rc = -1;
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return rc;
}

/* Create an empty file 0600 so SQLite's -wal and -shm, which copy the
 * main file's mode, are 0600 too.  Returns 0, or -1 with errno. */
int db_create_private(const char *path, bool exclusive)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
	              (exclusive ? O_EXCL : O_TRUNC), 0600);

	if (fd < 0)
		return -1;
	if (fchmod(fd, 0600) != 0 || close(fd) != 0) {
		int e = errno;

		unlink(path);
		errno = e;
		return -1;
	}
	return 0;
}

/* True if PATH lies on a file system mounted read-only. */
bool db_fs_readonly(const char *path)
{
	struct statvfs sv;

	return statvfs(path, &sv) == 0 && (sv.f_flag & ST_RDONLY);
}

/* "file:PATH?immutable=1" with PATH escaped as a URI needs. */
char *db_immutable_uri(const char *path)
{
	sqlite3_str *s = sqlite3_str_new(NULL);
	const unsigned char *p;

	sqlite3_str_appendall(s, "file:");
	for (p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7F)
			sqlite3_str_appendf(s, "%%%02X", *p);
		else
			sqlite3_str_appendchar(s, 1, (char)*p);
	}
	sqlite3_str_appendall(s, "?immutable=1");
	return sqlite3_str_finish(s);
}

/* True if others (not owner, not group) may read PATH. */
bool db_world_readable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && (st.st_mode & S_IROTH);
}

/* $ZHIBU_DB, $XDG_DATA_HOME/zhibu/zhibu.db or ~/.local/share/zhibu/zhibu.db. */
int db_default_path(char *out, size_t outsz)
{
	const char *env = getenv("ZHIBU_DB");
	int n;

	if (env && env[0]) {
		n = snprintf(out, outsz, "%s", env);
	} else if ((env = getenv("XDG_DATA_HOME")) && env[0] == '/') {
		/* the XDG spec says a relative value is to be ignored */
		n = snprintf(out, outsz, "%s/zhibu/zhibu.db", env);
	} else {
		env = getenv("HOME");
		if (!env || !env[0]) {
			struct passwd *pw = getpwuid(getuid());

			env = pw ? pw->pw_dir : NULL;
		}
		if (!env || !env[0])
			return -1;
		n = snprintf(out, outsz, "%s/.local/share/zhibu/zhibu.db", env);
	}
	return n < 0 || (size_t)n >= outsz ? -1 : 0;
}

/* A message id if SQLite would not take PATH for a file's name: ":memory:"
 * (a database in memory: an import into it "succeeds" into nothing) or
 * a URI ("file:...", read as one by Debian's SQLite whatever the flags). */
const char *db_path_refused(const char *path)
{
	if (strcmp(path, ":memory:") == 0)
		return N_("':memory:' is a database in memory, gone when zhibu exits: name a file");
	if (strncmp(path, "file:", 5) == 0)
		return N_("a name that starts with 'file:' is a URI to SQLite: name the file as ./file:... or by its full path");
	return NULL;
}

/* --- backup --------------------------------------------------------------- */

/* Why a backup cannot go to its file, in words (a message id, or the
 * system's text). */
const char *db_backup_errmsg(int e)
{
	static const struct text_code_msg msgs[] = {
		{ { EISDIR }, N_("is a directory; name a file for the copy (in it or elsewhere)") },
		{ { ENODEV }, N_("is not a regular file; name a file for the copy") },
		{ { 0 }, NULL },
	};
	const char *msgid = text_code_msg(msgs, e);

	if (!msgid)
		msgid = text_code_msg(db_errno_msgs, e);
	return msgid ? msgid : outfile_strerror(e);
}

/* Run the SQLite backup API from SRC into the file DEST (which exists,
 * 0600) and leave DEST a self-contained rollback-journal file. */
int db_copy_to(sqlite3 *src, const char *dest, char *err, size_t errsz)
{
	sqlite3 *dh = NULL;
	sqlite3_backup *b;
	int rc, tries = 0;

	rc = sqlite3_open_v2(dest, &dh, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		/* SQLite's own words never reach the user bare */
		db_err_set(err, errsz, N_("cannot write the backup"));
		sqlite3_close(dh);
		return DB_ERROR;
	}
	/* a failed copy is thrown away whole: no rollback journal beside it */
	sqlite3_exec(dh, "PRAGMA journal_mode = OFF", NULL, NULL, NULL);
	b = sqlite3_backup_init(dh, "main", src, "main");
	if (!b) {
		/* SQLite's own words never reach the user bare */
		db_err_set(err, errsz, N_("cannot write the backup"));
		sqlite3_close(dh);
		return DB_ERROR;
	}
	/* all pages in one step: one consistent snapshot, and in WAL mode
	 * the read does not hold up writers */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(100);
	} while ((rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
	         && ++tries < BUSY_TIMEOUT_MS / 100);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_FULL)
			db_err_set(err, errsz, N_("disk full"));
		else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
			db_err_set(err, errsz, N_("the database is busy: someone else is writing to it"));
		else
			db_err_set(err, errsz, N_("cannot write the backup"));
		sqlite3_close(dh);
		return DB_ERROR;
	}
	/* the copied header says WAL; a backup should be one file */
	rc = sqlite3_exec(dh, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		/* a full disk under the -shm file is an "I/O error" to SQLite */
		db_err_set(err, errsz, sqlite3_system_errno(dh) == ENOSPC ?
		        N_("disk full") : N_("cannot write the backup"));
		sqlite3_close(dh);
		return DB_ERROR;
	}
	if (sqlite3_close(dh) != SQLITE_OK) {
		db_err_set(err, errsz, N_("cannot write the backup"));
		return DB_ERROR;
	}
	return DB_OK;
}

/* Copy the database to a new file that takes DEST's place (outfile.h), so
 * DEST is either the previous copy or the new one, never half written. */
int db_backup(struct db *db, const char *dest, char *err, size_t errsz)
{
	struct outfile *out;
	struct stat ds, ss;
	int rc, e;

	db_err_set(err, errsz, "");
	if (!sqlite3_get_autocommit(db->h)) {
		/* SQLite cannot copy from a connection that is writing */
		db_err_set(err, errsz, N_("cannot back up in the middle of a change"));
		return DB_ERROR;
	}
	if (!db->memory && stat(dest, &ds) == 0 && stat(db->path, &ss) == 0 &&
	    ds.st_dev == ss.st_dev && ds.st_ino == ss.st_ino) {
		db_err_set(err, errsz, N_("the backup would overwrite the database itself"));
		return DB_ERROR;
	}
	/* a directory, a link or a device in DEST's place is refused before
	 * the copy is made */
	e = outfile_open(dest, OUTFILE_NAMED, &out);
	if (e) {
		db_err_set(err, errsz, db_backup_errmsg(e));
		return e == EROFS ? DB_READONLY : DB_ERROR;
	}
	rc = db_copy_to(db->h, outfile_temp_path(out), err, errsz);
	if (rc != DB_OK) {
		outfile_abort(out);
	} else if ((e = outfile_commit(out)) != 0) {
		db_err_set(err, errsz, db_backup_errmsg(e));
		rc = DB_ERROR;
	}
	return rc;
}
