/* db_shared.c - a database shared by a Unix group: its -wal and -shm.
 *
 * In WAL mode every connection, a reader's too, works through FILE-wal
 * and FILE-shm.  SQLite makes them when they are missing, owned by the
 * user who opens the file and with the file's own mode: made by a member
 * of the group who may only read a 0640 file, they are 0640 and the
 * reader's, and every writer can then open them only for reading — each
 * save fails ("the database is read-only") until someone removes them.
 * So:
 *
 *  - a connection to a file that someone may read but not write keeps
 *    FILE-wal (emptied) and FILE-shm when it closes: made by a writer,
 *    they serve the readers from then on (db_shared_keep_files);
 *  - a user who cannot write the file does not open it while either is
 *    missing: the message says who can put them there (db_shared_check);
 *  - a writer that finds such files it cannot write removes them, but
 *    only when nobody has the database open and FILE-wal holds nothing;
 *    else it says so and opens nothing.
 *
 * Reading without the files (immutable=1 or nolock=1) is no answer: it
 * takes no lock and ignores the WAL, so a writer committing and
 * checkpointing meanwhile would change pages under the reader, who would
 * export a mix of two states.  That is only right on a read-only medium,
 * where nobody can write (db_immutable_uri()).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "db_internal.h"
#include "gettext.h"

/* True if the file's header says WAL mode (bytes 18 and 19 are 2). */
static bool file_is_wal(const char *path)
{
	unsigned char h[100];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	bool wal;

	if (fd < 0)
		return false;
	wal = pread(fd, h, sizeof h, 0) == (ssize_t)sizeof h &&
	      memcmp(h, "SQLite format 3", 16) == 0 && h[18] == 2 && h[19] == 2;
	close(fd);
	return wal;
}

/* True if the mode lets someone read the file who may not write it. */
static bool has_readers_only(mode_t m)
{
	return ((m & S_IRGRP) && !(m & S_IWGRP)) || ((m & S_IROTH) && !(m & S_IWOTH));
}

/* PATH with SUFFIX ("-wal", "-shm") appended; NULL if out of memory. */
char *db_side_path(const char *path, const char *suffix)
{
	char *p = malloc(strlen(path) + strlen(suffix) + 1);

	if (p)
		strcat(strcpy(p, path), suffix);
	return p;
}

/* SQLite's lock bytes in the database file (its file format: "the lock-
 * byte page"): every connection to a WAL database holds a read lock on
 * the SHARED range for as long as it is open, so whoever can lock the
 * PENDING byte up to the end of that range for writing knows that
 * nobody has the file open — it is how SQLite's last connection knows
 * it may remove FILE-wal and FILE-shm — and keeps newcomers waiting. */
#define LOCK_PENDING_BYTE 0x40000000
#define LOCK_RANGE 512          /* PENDING, RESERVED, then 510 SHARED */

/* Remove FILE-wal and FILE-shm if nobody has the database open and
 * FILE-wal holds no change.  The file descriptor is closed before SQLite
 * opens the file: closing it drops every lock this process holds on the
 * file, which is harmless here because zhibu has one connection per file
 * and it does not exist yet.  0 if removed, -1 if not. */
static int shared_remove_files(const char *path, const char *wal, const char *shm)
{
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
	                    .l_start = LOCK_PENDING_BYTE, .l_len = LOCK_RANGE };
	struct stat st;
	int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC), rc = -1;

	if (fd < 0)
		return -1;
	if (fcntl(fd, F_SETLK, &lk) == 0) {
		if (lstat(wal, &st) != 0 ? errno == ENOENT : S_ISREG(st.st_mode) && st.st_size == 0) {
			rc = 0;
			if (unlink(wal) != 0 && errno != ENOENT)
				rc = -1;
			if (unlink(shm) != 0 && errno != ENOENT)
				rc = -1;
		}
		lk.l_type = F_UNLCK;
		fcntl(fd, F_SETLK, &lk);
	}
	close(fd);
	return rc;
}

/* Before opening the database at PATH (ST its stat), for a WAL file:
 * refuse a user who may only read it while FILE-wal or FILE-shm is
 * missing, and clear away such files a writer cannot write.  Returns
 * DB_OK, or an error with a message in ERR.  WRITE: the caller opens
 * the file for writing. */
int db_shared_check(const char *path, bool write, char *err, size_t errsz)
{
	char *wal = db_side_path(path, "-wal"), *shm = db_side_path(path, "-shm");
	bool writer = access(path, W_OK) == 0;
	int rc = DB_OK;

	if (!wal || !shm) {
		db_err_set(err, errsz, N_("out of memory"));
		rc = DB_ERROR;
	} else if (!file_is_wal(path)) {
		;       /* a rollback-journal file needs no files beside it */
	} else if (!writer) {
		if (access(wal, F_OK) != 0 || access(shm, F_OK) != 0) {
			db_err_set(err, errsz, N_("you may only read this database, and its -wal and -shm files are missing: made by you, they would keep those who may write it from saving. Ask one of them to open it with zhibu once (the files then stay), or make the file group-writable (chmod g+w)"));
			rc = DB_ERROR;
		}
	} else if ((access(wal, F_OK) == 0 && access(wal, W_OK) != 0) ||
	           (access(shm, F_OK) == 0 && access(shm, W_OK) != 0)) {
		/* a reader's files: harmless to a read, fatal to a write */
		if (shared_remove_files(path, wal, shm) != 0 && write) {
			struct stat st;

			db_err_set(err, errsz, stat(wal, &st) == 0 && st.st_size > 0
			        ? N_("the database's -wal file holds changes that you may not write: its owner must open the database with zhibu once")
			        : N_("the database's -wal and -shm files were made by someone who may only read it, and nothing could be saved through them; zhibu removes them when nobody has the database open: try again once the others have left zhibu"));
			rc = DB_READONLY;
		}
	}
	free(wal);
	free(shm);
	return rc;
}

/* On a file that someone may read but not write, keep FILE-wal and
 * FILE-shm when the last connection closes (FILE-wal emptied), so that
 * the readers find them (see above). */
void db_shared_keep_files(struct db *db, mode_t mode)
{
	int on = 1;

	if (!has_readers_only(mode))
		return;
	sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
	/* a size limit is what makes the last close empty FILE-wal */
	sqlite3_exec(db->h, "PRAGMA journal_size_limit = 4194304", NULL, NULL, NULL);
}
