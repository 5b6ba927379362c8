/* test_outfile.c - new files written safely: what is refused, what is
 * replaced and how, what a failure or an interrupted writer leaves, and
 * the stream that remembers why a write failed. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "tap.h"
#include "testlib.h"

static void put(const char *name, const char *text, mode_t mode)
{
	FILE *f = fopen(tpath(name), "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
	chmod(tpath(name), mode);
}

/* The first line of NAME, or "" */
static const char *text_of(const char *name)
{
	static char buf[256];
	FILE *f = fopen(tpath(name), "r");

	buf[0] = '\0';
	if (f) {
		if (!fgets(buf, sizeof buf, f))
			buf[0] = '\0';
		fclose(f);
	}
	return buf;
}

static int mode_of(const char *name)
{
	struct stat st;

	return lstat(tpath(name), &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

static int is_link(const char *name)
{
	struct stat st;

	return lstat(tpath(name), &st) == 0 && S_ISLNK(st.st_mode);
}

/* How many entries of the test directory have "zhibu-" in their name. */
static int temps(void)
{
	DIR *d = opendir(test_dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		n += strstr(e->d_name, "zhibu-") != NULL;
	if (d)
		closedir(d);
	return n;
}

/* The fixtures' links and owners: a failure shows in the checks after. */
static void must(int rc, const char *what)
{
	if (rc != 0)
		tap_diag("%s: %s", what, strerror(errno));
}

static void test_check(void)
{
	mkdir(tpath("adir"), 0700);
	put("plain", "x\n", 0644);
	must(symlink(tpath("plain"), tpath("link")), "symlink");
	must(symlink(tpath("nowhere"), tpath("dangling")), "symlink");
	must(mkfifo(tpath("fifo"), 0600), "mkfifo");
	is_int(outfile_check(tpath("adir")), EISDIR, "a directory is refused");
	is_int(outfile_check(tpath("plain/")), EISDIR, "so is a name that ends in /");
	is_int(outfile_check(tpath("link")), ELOOP, "a link is refused");
	is_int(outfile_check(tpath("dangling")), ELOOP, "a dangling link too");
	is_int(outfile_check("/dev/null"), ENODEV, "a device is refused");
	is_int(outfile_check(tpath("fifo")), ENODEV, "a FIFO too");
	is_int(outfile_check(tpath("plain")), 0, "a regular file may be replaced");
	is_int(outfile_check(tpath("new")), 0, "a new name may be written");
	ok(strcmp(outfile_strerror(ELOOP), "is a symbolic link; files are not written through links: name the file itself, or another") == 0,
	   "a link's refusal in words");
	is_str(outfile_strerror(ENOSPC), "disk full", "a full disk in words");
}

static void test_refused(void)
{
	struct outfile *o = NULL;

	is_int(outfile_open(tpath("link"), 0, &o), ELOOP, "open refuses a link");
	ok(o == NULL, "... and gives nothing");
	is_int(outfile_open(tpath("dangling"), 0, &o), ELOOP, "and a dangling link");
	ok(access(tpath("nowhere"), F_OK) != 0, "... creating nothing where it points");
	is_int(outfile_open(tpath("adir"), OUTFILE_NAMED, &o), EISDIR, "a directory");
	is_int(outfile_open("/dev/null", 0, &o), ENODEV, "a device");
	is_int(outfile_open(tpath("fifo"), 0, &o), ENODEV, "a FIFO (no wait for a reader)");
	is_int(outfile_open(tpath("no/such/dir/x"), 0, &o), ENOENT, "a missing directory");
	is_int(outfile_open("", 0, &o), ENOENT, "an empty name");
	is_str(text_of("plain"), "x\n", "the link's target is untouched");
	is_int(temps(), 0, "nothing is left");
}

static void test_replace(void)
{
	struct outfile *o;
	struct stat before, after;
	mode_t mask;

	put("old", "old\n", 0644);
	must(link(tpath("old"), tpath("old-too")), "link");
	stat(tpath("old"), &before);
	mask = umask(0);
	is_int(outfile_open(tpath("old"), 0, &o), 0, "open over a 0644 file");
	umask(mask);
	if (!o)
		return;
	fputs("new\n", outfile_stream(o));
	fflush(outfile_stream(o));
	is_str(text_of("old"), "old\n", "while it is written the old file is whole");
	is_int(outfile_commit(o), 0, "commit");
	stat(tpath("old"), &after);
	is_str(text_of("old"), "new\n", "the new file is in its place");
	is_int(mode_of("old"), 0600, "0600 (not the old file's mode, nor the umask's)");
	ok(before.st_ino != after.st_ino, "a new file, not the old one written into");
	is_str(text_of("old-too"), "old\n", "... whose other name keeps the old text");
	is_int(temps(), 0, "no temporary is left");

	is_int(outfile_open(tpath("old"), 0, &o), 0, "open again");
	fputs("half", outfile_stream(o));
	outfile_abort(o);
	is_str(text_of("old"), "new\n", "an abort leaves the previous file");
	is_int(temps(), 0, "and nothing else");
}

/* A link put where the file goes while it is written: the rename replaces
 * the link, and the file it points to is not touched. */
static void test_link_meanwhile(void)
{
	struct outfile *o;

	put("victim", "victim\n", 0644);
	is_int(outfile_open(tpath("target"), 0, &o), 0, "open a new name");
	if (!o)
		return;
	must(symlink(tpath("victim"), tpath("target")), "symlink");
	fputs("export\n", outfile_stream(o));
	is_int(outfile_commit(o), 0, "a link put there meanwhile: commit");
	ok(!is_link("target"), "the link itself was replaced");
	is_str(text_of("target"), "export\n", "by the new file");
	is_str(text_of("victim"), "victim\n", "the file it pointed to is untouched");
}

static int unnamed_supported(void)
{
#ifdef O_TMPFILE
	int fd = open(test_dir, O_TMPFILE | O_WRONLY, 0600);

	if (fd >= 0)
		close(fd);
	return fd >= 0 && access("/proc/self/fd", X_OK) == 0;
#else
	return 0;
#endif
}

static void test_temporaries(void)
{
	struct outfile *o;
	const char *tmp;
	char name[NAME_MAX + 1];
	struct stat st;

	is_int(outfile_open(tpath("copy.db"), OUTFILE_NAMED, &o), 0, "a named temporary");
	if (!o)
		return;
	tmp = outfile_temp_path(o);
	ok(outfile_stream(o) == NULL, "... has no stream (its writer opens it)");
	ok(tmp && strncmp(tmp, tpath(".copy.db.zhibu-"), strlen(tpath(".copy.db.zhibu-"))) == 0 &&
	   strlen(tmp) == strlen(tpath(".copy.db.zhibu-XXXXXX")),
	   "... named .NAME.zhibu-XXXXXX beside its target (%s)", tmp ? tmp : "NULL");
	ok(tmp && lstat(tmp, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600,
	   "... a regular file, 0600");
	put("copy.db", "", 0600);
	if (tmp) {
		FILE *f = fopen(tmp, "w");

		fputs("copy\n", f);
		fclose(f);
	}
	is_int(outfile_commit(o), 0, "commit");
	is_str(text_of("copy.db"), "copy\n", "the copy is in place");
	is_int(temps(), 0, "its temporary is gone");

	if (unnamed_supported()) {
		is_int(outfile_open(tpath("stream.csv"), 0, &o), 0, "an unnamed temporary");
		is_int(temps(), 0, "... has no name while it is written");
		ok(access(tpath("stream.csv"), F_OK) != 0, "... nor the target's");
		outfile_abort(o);
	} else {
		ok(1, "# SKIP no O_TMPFILE here");
		ok(1, "# SKIP no O_TMPFILE here");
		ok(1, "# SKIP no O_TMPFILE here");
	}

	/* a name near NAME_MAX: the temporary's is cut short */
	memset(name, 'n', 250);
	strcpy(name + 250, ".csv");
	is_int(outfile_open(tpath(name), OUTFILE_NAMED, &o), 0, "a name of 254 bytes");
	if (o) {
		tmp = strrchr(outfile_temp_path(o), '/') + 1;
		ok(strlen(tmp) <= NAME_MAX, "... gets a temporary whose name fits (%zu bytes)",
		   strlen(tmp));
		is_int(outfile_commit(o), 0, "... and is written");
	}
	unlink(tpath(name));
}

/* What an interrupted writer left: removed, unless someone holds it. */
static void test_sweep(void)
{
	struct outfile *o;
	int held;

	put(".gone.csv.zhibu-Dead12", "half\n", 0600);
	put(".gone.csv.zhibu-Dead12-journal", "half\n", 0600);
	put(".old.db.zhibu-Dead34-wal", "half\n", 0600);
	put(".kept.csv.zhibu-Live56", "live\n", 0600);
	put(".mine.zhibu-notes", "mine\n", 0600);
	put("report.zhibu-Dead78", "mine\n", 0600);
	held = open(tpath(".kept.csv.zhibu-Live56"), O_RDONLY);
	flock(held, LOCK_EX);
	if (geteuid() == 0) {
		put(".others.zhibu-Other9", "theirs\n", 0600);
		must(chown(tpath(".others.zhibu-Other9"), 65534, 65534), "chown");
	}
	is_int(outfile_open(tpath("any.csv"), 0, &o), 0, "a write in the directory");
	outfile_abort(o);
	ok(access(tpath(".gone.csv.zhibu-Dead12"), F_OK) != 0, "removes a temporary nobody holds");
	ok(access(tpath(".gone.csv.zhibu-Dead12-journal"), F_OK) != 0, "... and SQLite's side of it");
	ok(access(tpath(".old.db.zhibu-Dead34-wal"), F_OK) != 0, "... and a side left alone");
	is_str(text_of(".kept.csv.zhibu-Live56"), "live\n", "keeps one whose writer holds its lock");
	is_str(text_of(".mine.zhibu-notes"), "mine\n", "keeps a file that only looks alike");
	is_str(text_of("report.zhibu-Dead78"), "mine\n", "... and one that is not hidden");
	if (geteuid() == 0)
		is_str(text_of(".others.zhibu-Other9"), "theirs\n", "keeps another user's");
	else
		ok(1, "# SKIP another user's file needs root to make");
	close(held);
	unlink(tpath(".kept.csv.zhibu-Live56"));
	unlink(tpath(".mine.zhibu-notes"));
	unlink(tpath("report.zhibu-Dead78"));
	unlink(tpath(".others.zhibu-Other9"));
}

static void test_errors(void)
{
	int fd = open("/dev/full", O_WRONLY), err = -1;
	FILE *f = fd >= 0 ? outfile_fdopen(fd, &err) : NULL;

	if (!f) {
		ok(0, "a stream on /dev/full");
		return;
	}
	is_int(err, 0, "a new stream has no error");
	fputs("lost\n", f);
	ok(fflush(f) == EOF && ferror(f), "writing to a full device fails");
	is_int(err, ENOSPC, "... and the stream knows why");
	fclose(f);
	ok(fcntl(fd, F_GETFD) != -1, "closing it leaves the descriptor open");
	close(fd);
}

int main(void)
{
	test_dir_make("outfile");
	test_check();
	test_refused();
	test_replace();
	test_link_meanwhile();
	test_temporaries();
	test_sweep();
	test_errors();
	ok(test_dir_remove() == 0, "the test directory is removed");
	return tap_done();
}
