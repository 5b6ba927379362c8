/* outfile.c - a new file, written safely (see outfile.h).
 *
 * The temporary lives in the target's directory, so that the rename is
 * one step on one file system: rename(2) puts the new file in the
 * target's place atomically, and replaces whatever has that name then —
 * a symbolic link put there after the check is replaced itself, never
 * followed.  The file is fsync'ed before the rename and the directory
 * after it, so a power cut leaves the old file or the new one.
 *
 * Where Linux allows it the temporary is made with O_TMPFILE: it has no
 * name while it is written, and a kill -9 in the middle leaves nothing at
 * all.  It is given a name only at the end, for the rename.  Otherwise
 * (OUTFILE_NAMED, for SQLite which opens files by path, or a file system
 * without O_TMPFILE) it is a hidden file beside the target,
 * ".NAME.zhibu-XXXXXX", created with O_EXCL (so never through a link).
 *
 * A kill can leave such a file behind.  Its writer holds an flock(2) on it
 * from creation to rename, and the system drops the lock when the process
 * dies; so the next outfile_open in the directory removes those whose lock
 * is free: by name (the pattern above, with SQLite's -journal, -wal and
 * -shm beside), owned by the user, a regular file.  A writer that is still
 * at work keeps its lock, and its file.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gettext.h"
#include "outfile.h"
#include "text.h"

#ifndef O_PATH
#define O_PATH O_RDONLY
#endif

/* What a temporary's name adds to the target's: ".zhibu-" and six
 * letters or digits. */
#define TEMP_MARK ".zhibu-"
#define TEMP_RANDOM 6
/* The target's name is cut to this many bytes in the temporary's, so that
 * the whole stays within NAME_MAX. */
#define TEMP_STEM_MAX 200

/* What SQLite puts beside a database file while it writes it. */
static const char *const sqlite_sides[] = { "-journal", "-wal", "-shm" };
#define N_SIDES (sizeof sqlite_sides / sizeof sqlite_sides[0])

struct outfile {
	int dirfd;              /* the target's directory */
	int fd;                 /* the temporary, locked while it is ours */
	FILE *f;                /* writes to FD, unless OUTFILE_NAMED */
	int err;                /* what the first write that failed met */
	char *dir;              /* the directory part of the path, or "." */
	char *base;             /* the target's name in DIR */
	char *tmp_path;         /* DIR/TMP, for OUTFILE_NAMED */
	char tmp[NAME_MAX + 1]; /* the temporary's name in DIR; "" while it has none */
	bool named;             /* SQLite's sides may be beside TMP */
};

/* Split PATH into its directory and its last name (malloc'd); EISDIR when
 * it names a directory by its form ("dir/", ".", ".."). */
static int split_path(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;

	*dir = *base = NULL;
	if (!*path)
		return ENOENT;
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return EISDIR;
	if (!slash)
		*dir = strdup(".");
	else if (slash == path)
		*dir = strdup("/");
	else
		*dir = strndup(path, (size_t)(slash - path));
	*base = strdup(name);
	if (!*dir || !*base) {
		free(*dir);
		free(*base);
		*dir = *base = NULL;
		return ENOMEM;
	}
	return 0;
}

/* What a target that is there already says about being replaced. */
static int target_refusal(const struct stat *st)
{
	if (S_ISLNK(st->st_mode))
		return ELOOP;
	if (S_ISDIR(st->st_mode))
		return EISDIR;
	if (!S_ISREG(st->st_mode))
		return ENODEV;
	return 0;
}

int outfile_check(const char *path)
{
	size_t n = strlen(path);
	struct stat st;

	if (n && path[n - 1] == '/')
		return EISDIR;
	if (fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return 0;       /* nothing there, or outfile_open will say */
	return target_refusal(&st);
}

/* TEMP_RANDOM letters and digits into OUT, from the system's randomness
 * (or the clock, if it has none to give). */
static void random_letters(char *out)
{
	static const char set[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long count;
	unsigned char r[TEMP_RANDOM];

	if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
		struct timespec ts;
		unsigned long x;

		clock_gettime(CLOCK_REALTIME, &ts);
		x = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 20) ^
		    (++count * 2654435761UL);
		for (int i = 0; i < TEMP_RANDOM; i++, x = x * 6364136223846793005ULL + 1)
			r[i] = (unsigned char)(x >> 33);
	}
	for (int i = 0; i < TEMP_RANDOM; i++)
		out[i] = set[r[i] % (sizeof set - 1)];
	out[TEMP_RANDOM] = '\0';
}

/* A new temporary's name for O: "." BASE ".zhibu-" and random letters,
 * BASE cut short (at a character's start) when it is long. */
static void temp_name(struct outfile *o)
{
	size_t n = strlen(o->base);
	char letters[TEMP_RANDOM + 1];

	if (n > TEMP_STEM_MAX) {
		n = TEMP_STEM_MAX;
		while (n > 0 && ((unsigned char)o->base[n] & 0xC0) == 0x80)
			n--;
	}
	random_letters(letters);
	snprintf(o->tmp, sizeof o->tmp, ".%.*s%s%s", (int)n, o->base, TEMP_MARK,
	         letters);
}

/* If NAME is a temporary of this module: the length of its name without
 * an SQLite side's suffix into *STEM, and true. */
static bool is_temp(const char *name, size_t *stem)
{
	size_t n = strlen(name), mark = sizeof TEMP_MARK - 1;

	if (name[0] != '.')
		return false;
	for (size_t i = 0; i <= N_SIDES; i++) {
		const char *side = i < N_SIDES ? sqlite_sides[i] : "";
		size_t s = strlen(side), k;

		if (n < 1 + 1 + mark + TEMP_RANDOM + s ||
		    strcmp(name + n - s, side) != 0)
			continue;
		k = n - s - TEMP_RANDOM;
		if (strncmp(name + k - mark, TEMP_MARK, mark) != 0)
			continue;
		for (size_t j = k; j < n - s; j++)
			if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
			            name[j]))
				return false;
		*stem = n - s;
		return true;
	}
	return false;
}

/* Remove NAME in DIRFD if it is the user's own regular file. */
static void remove_own(int dirfd, const char *name)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode) && st.st_uid == geteuid())
		unlinkat(dirfd, name, 0);
}

/* Remove the SQLite sides of the temporary NAME. */
static void remove_sides(int dirfd, const char *name)
{
	char side[NAME_MAX + 16];

	for (size_t i = 0; i < N_SIDES; i++) {
		snprintf(side, sizeof side, "%s%s", name, sqlite_sides[i]);
		remove_own(dirfd, side);
	}
}

/* Remove the temporary NAME if its writer is gone: its lock is free. */
static void remove_stale(int dirfd, const char *name)
{
	struct stat st, now;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    fstatat(dirfd, name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
	    now.st_dev == st.st_dev && now.st_ino == st.st_ino) {
		unlinkat(dirfd, name, 0);
		remove_sides(dirfd, name);
	}
	close(fd);
}

/* Remove what interrupted writers left in O's directory: temporaries
 * nobody holds, and SQLite sides whose temporary is gone.  Best effort:
 * a directory that cannot be listed is left as it is. */
static void sweep(struct outfile *o)
{
	int fd = openat(o->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	char stem[NAME_MAX + 1];
	struct stat st;
	size_t n;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!is_temp(de->d_name, &n))
			continue;
		if (de->d_name[n] == '\0') {
			remove_stale(o->dirfd, de->d_name);
		} else if (n < sizeof stem) {
			/* a side left when its temporary was removed */
			memcpy(stem, de->d_name, n);
			stem[n] = '\0';
			if (fstatat(o->dirfd, stem, &st, AT_SYMLINK_NOFOLLOW) != 0 &&
			    errno == ENOENT)
				remove_own(o->dirfd, de->d_name);
		}
	}
	closedir(d);
}

/* Create O's temporary with a name: O_EXCL, so nothing there already is
 * used or followed; locked before anyone's sweep may take it.  0 or an
 * errno value. */
static int create_named(struct outfile *o)
{
	struct stat st;

	for (int tries = 0; tries < 100; tries++) {
		temp_name(o);
		o->fd = openat(o->dirfd, o->tmp, O_WRONLY | O_CREAT | O_EXCL |
		               O_NOFOLLOW | O_CLOEXEC, 0600);
		if (o->fd < 0 && errno == EEXIST)
			continue;
		if (o->fd < 0) {
			o->tmp[0] = '\0';
			return errno;
		}
		/* a sweep between the open and the lock removed it: again */
		if (flock(o->fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
			close(o->fd);
			o->fd = -1;
			continue;
		}
		if (fstat(o->fd, &st) == 0 && st.st_nlink == 0) {
			close(o->fd);
			o->fd = -1;
			continue;
		}
		o->named = true;
		return 0;
	}
	o->tmp[0] = '\0';
	return EEXIST;
}

/* An unnamed temporary (O_TMPFILE): 0, or an errno value; -1 where the
 * system or the file system has none, or could not name it later. */
static int create_unnamed(struct outfile *o)
{
#ifdef O_TMPFILE
	/* naming it at the end goes through /proc (linkat(2)) */
	if (access("/proc/self/fd", X_OK) != 0)
		return -1;
	o->fd = openat(o->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (o->fd >= 0) {
		flock(o->fd, LOCK_EX | LOCK_NB);
		return 0;
	}
	if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)
		return -1;
	return errno;
#else
	return -1;
#endif
}

/* A stream of outfile_fdopen. */
struct fd_stream {
	int fd;
	int *err;
};

/* Its writes: as fdopen's, but the first failure's errno is kept, for
 * the stream drops what it could not write, and forgets why. */
static ssize_t fd_stream_write(void *cookie, const char *buf, size_t size)
{
	struct fd_stream *s = cookie;
	size_t done = 0;

	while (done < size) {
		ssize_t n = write(s->fd, buf + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!*s->err)
				*s->err = n < 0 ? errno : EIO;
			break;
		}
		done += (size_t)n;
	}
	/* fopencookie: a short count is the error */
	return (ssize_t)done;
}

/* Closing it leaves the descriptor open. */
static int fd_stream_close(void *cookie)
{
	free(cookie);
	return 0;
}

FILE *outfile_fdopen(int fd, int *err)
{
	static const cookie_io_functions_t io = {
		NULL, fd_stream_write, NULL, fd_stream_close
	};
	struct fd_stream *s = malloc(sizeof *s);
	FILE *f;

	if (!s)
		return NULL;
	*s = (struct fd_stream){ fd, err };
	*err = 0;
	f = fopencookie(s, "w", io);
	if (!f)
		free(s);
	return f;
}

/* Close and free O; with REMOVE, its temporary (and sides) too. */
static void outfile_free(struct outfile *o, bool remove)
{
	/* removed while still locked, so no sweep sees it free */
	if (remove && o->tmp[0]) {
		unlinkat(o->dirfd, o->tmp, 0);
		if (o->named)
			remove_sides(o->dirfd, o->tmp);
	}
	if (o->f)
		fclose(o->f);   /* the stream does not close FD */
	if (o->fd >= 0)
		close(o->fd);
	if (o->dirfd >= 0)
		close(o->dirfd);
	free(o->dir);
	free(o->base);
	free(o->tmp_path);
	free(o);
}

int outfile_open(const char *path, unsigned flags, struct outfile **out)
{
	struct outfile *o = calloc(1, sizeof *o);
	struct stat st;
	int e;

	*out = NULL;
	if (!o)
		return ENOMEM;
	o->dirfd = o->fd = -1;
	e = split_path(path, &o->dir, &o->base);
	if (e)
		goto fail;
	o->dirfd = open(o->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (o->dirfd < 0) {
		e = errno;
		goto fail;
	}
	if (fstatat(o->dirfd, o->base, &st, AT_SYMLINK_NOFOLLOW) == 0)
		e = target_refusal(&st);
	else if (errno != ENOENT)
		e = errno;
	if (e)
		goto fail;
	sweep(o);
	e = flags & OUTFILE_NAMED ? -1 : create_unnamed(o);
	if (e < 0)
		e = create_named(o);
	if (e)
		goto fail;
	/* the umask may have taken bits; nothing else may read it */
	if (fchmod(o->fd, 0600) != 0) {
		e = errno;
		goto fail;
	}
	if (flags & OUTFILE_NAMED) {
		if (asprintf(&o->tmp_path, "%s/%s", o->dir, o->tmp) < 0) {
			o->tmp_path = NULL;
			e = ENOMEM;
			goto fail;
		}
	} else if (!(o->f = outfile_fdopen(o->fd, &o->err))) {
		e = ENOMEM;
		goto fail;
	}
	*out = o;
	return 0;
fail:
	outfile_free(o, true);
	return e;
}

FILE *outfile_stream(struct outfile *o)
{
	return o->f;
}

const char *outfile_temp_path(const struct outfile *o)
{
	return o->tmp_path;
}

int outfile_error(const struct outfile *o)
{
	return o->err;
}

/* Give the unnamed temporary a name beside the target, for the rename. */
static int name_unnamed(struct outfile *o)
{
	char proc[64];

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
	for (int tries = 0; tries < 100; tries++) {
		temp_name(o);
		if (linkat(AT_FDCWD, proc, o->dirfd, o->tmp, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno != EEXIST) {
			o->tmp[0] = '\0';
			return errno;
		}
	}
	o->tmp[0] = '\0';
	return EEXIST;
}

/* Make the rename itself durable: best effort, the file is in place. */
static void sync_dir(struct outfile *o)
{
	int fd = openat(o->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int outfile_commit(struct outfile *o)
{
	int e = 0;

	if (o->f && (fflush(o->f) == EOF || ferror(o->f)))
		e = o->err ? o->err : EIO;
	/* EINVAL: a file system that has nothing to sync */
	if (!e && fsync(o->fd) != 0 && errno != EINVAL)
		e = errno;
	if (!e && !o->tmp[0])
		e = name_unnamed(o);
	if (!e && renameat(o->dirfd, o->tmp, o->dirfd, o->base) != 0)
		e = errno;
	if (!e) {
		o->tmp[0] = '\0';
		sync_dir(o);
	}
	outfile_free(o, e != 0);
	return e;
}

void outfile_abort(struct outfile *o)
{
	if (o)
		outfile_free(o, true);
}

const char *outfile_strerror(int e)
{
	static const struct text_code_msg msgs[] = {
		{ { EISDIR }, N_("is a directory; name a file to write (in it or elsewhere)") },
		{ { ELOOP },
		  N_("is a symbolic link; files are not written through links: name the file itself, or another") },
		{ { ENODEV },
		  N_("is not a regular file (a device, a pipe or a socket); name a file to write") },
		{ { ENOSPC }, N_("disk full") },
		{ { EROFS }, N_("the file system is read-only") },
		{ { 0 }, NULL },
	};
	const char *msgid = text_code_msg(msgs, e);

	return msgid ? msgid : strerror(e);
}
