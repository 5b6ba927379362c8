/* testlib.h - what several unit tests share: a scratch directory and the
 * paths in it, a database in memory, a whole file read, a fake member
 * whose ID number is valid, the problems db_check() reports.  Everything is static inline: a test takes
 * what it uses.
 */
#ifndef ZHIBU_TESTLIB_H
#define ZHIBU_TESTLIB_H

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"
#include "member.h"
#include "validate.h"

static char test_dir[PATH_MAX];

/* Make the scratch directory $TMPDIR/zhibu-test-TAG-XXXXXX (or under /tmp);
 * bail out of the test when it cannot be made. */
static inline void test_dir_make(const char *tag)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(test_dir, sizeof test_dir, "%s/zhibu-test-%s-XXXXXX",
	         tmp && *tmp ? tmp : "/tmp", tag);
	if (!mkdtemp(test_dir)) {
		printf("Bail out! cannot make %s\n", test_dir);
		exit(1);
	}
}

static inline int test_rm_one(const char *p, const struct stat *st, int flag,
                              struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(p);
}

/* Remove the scratch directory and all in it; 0 when it is gone. */
static inline int test_dir_remove(void)
{
	struct stat st;

	nftw(test_dir, test_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return stat(test_dir, &st) == 0 ? -1 : 0;
}

/* NAME in the scratch directory (eight results live at a time). */
static inline const char *tpath(const char *name)
{
	static char ring[8][PATH_MAX + 256];
	static int next;
	char *p = ring[next++ % 8];

	snprintf(p, sizeof ring[0], "%s/%s", test_dir, name);
	return p;
}

/* A fresh database in memory, or bail out. */
static inline struct db *mem_db(void)
{
	struct db *db = NULL;
	char err[256];

	if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		printf("Bail out! cannot open a database in memory: %s\n", err);
		exit(1);
	}
	return db;
}

/* The whole of PATH, NUL-terminated (free it), or NULL. */
static inline char *read_whole(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0) {
		rewind(f);
		buf = malloc(n + 1);
		if (buf && fread(buf, 1, n, f) == (size_t)n) {
			buf[n] = '\0';
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

/* A fake 正式党员 on the roster, 在册, joined 2010-07-01: NAME, the ID
 * number ID17 with its check character; gender and birth date agree
 * with it.  The rest is empty for the caller to fill. */
static inline void fake_member(struct member *m, const char *name, const char *id17)
{
	memset(m, 0, sizeof *m);
	snprintf(m->name, sizeof m->name, "%s", name);
	snprintf(m->id_number, sizeof m->id_number, "%s%c", id17, valid_id_checksum(id17));
	snprintf(m->gender, sizeof m->gender, "%s", (id17[16] - '0') % 2 ? "男" : "女");
	snprintf(m->birth_date, sizeof m->birth_date, "%.4s-%.2s-%.2s",
	         id17 + 6, id17 + 10, id17 + 12);
	snprintf(m->ethnicity, sizeof m->ethnicity, "汉族");
	snprintf(m->member_type, sizeof m->member_type, "正式党员");
	snprintf(m->join_date, sizeof m->join_date, "2010-07-01");
	snprintf(m->full_date, sizeof m->full_date, "2011-07-01");
	snprintf(m->status, sizeof m->status, "在册");
}

/* The problems db_check() reports, through test_collect. */
struct problems {
	int n;
	char msg[32][256];
	char detail[32][160];
};

static inline void test_collect(void *ctx, const char *msgid, const char *detail)
{
	struct problems *p = ctx;

	if (p->n < 32) {
		snprintf(p->msg[p->n], sizeof p->msg[0], "%s", msgid);
		snprintf(p->detail[p->n], sizeof p->detail[0], "%s", detail ? detail : "");
	}
	p->n++;
}

/* How many problems have MSGID (and DETAIL, when not NULL). */
static inline int count_problem(const struct problems *p, const char *msgid,
                                const char *detail)
{
	int n = 0;

	for (int i = 0; i < p->n && i < 32; i++)
		if (strcmp(p->msg[i], msgid) == 0 && (!detail || strcmp(p->detail[i], detail) == 0))
			n++;
	return n;
}

#endif
