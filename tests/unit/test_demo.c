/* test_demo.c - the demo branch: deterministic, every value valid per
 * SPEC 1.1, a believable mix, and a populated file that passes db_check. */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "demo.h"
#include "member.h"
#include "registers.h"
#include "store.h"
#include "store_member.h"
#include "tap.h"
#include "text.h"
#include "validate.h"

static const char *const groups[] = {
	"第一党小组", "第二党小组", "离退休党小组", "在职党员党小组",
};
#define NGROUPS ((int)(sizeof(groups) / sizeof(groups[0])))

/* Every field of M on one line, for comparing records. */
static void member_line(const struct member *m, char *out, size_t sz)
{
	snprintf(out, sz, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s",
	         m->name, m->gender, m->ethnicity, m->birth_date, m->id_number,
	         m->education, m->member_type, m->category, m->join_date,
	         m->full_date, m->status, m->status_date, m->status_reason,
	         m->work_unit, m->phone, m->address, m->party_group, m->note);
}

#define LINE_SZ 4096

static void test_rng(void)
{
	struct demo_rng r;

	/* splitmix64's published first output for state 0. */
	demo_seed(&r, 0);
	ok(demo_next(&r) == UINT64_C(0xe220a8397b1dcdaf),
	   "demo_next from seed 0 gives splitmix64's first value");
	ok(demo_next(&r) == UINT64_C(0x6e789e6aa1b965f4),
	   "and its second value");
}

static void test_determinism(void)
{
	struct demo_rng a, b, c;
	struct member ma, mb, mc;
	char la[LINE_SZ], lb[LINE_SZ], lc[LINE_SZ];
	int same = 0, differ = 0;

	demo_seed(&a, 42);
	demo_seed(&b, 42);
	demo_seed(&c, 43);
	for (int i = 0; i < 100; i++) {
		demo_member(&a, "2025-06-15", groups, NGROUPS, &ma);
		demo_member(&b, "2025-06-15", groups, NGROUPS, &mb);
		demo_member(&c, "2025-06-15", groups, NGROUPS, &mc);
		member_line(&ma, la, sizeof(la));
		member_line(&mb, lb, sizeof(lb));
		member_line(&mc, lc, sizeof(lc));
		if (strcmp(la, lb) == 0)
			same++;
		else if (same == i)
			tap_diag("first difference at %d:\n#  %s\n#  %s", i, la, lb);
		if (strcmp(la, lc) != 0)
			differ++;
	}
	is_int(same, 100, "the same seed gives the same first 100 members");
	is_int(differ, 100, "another seed gives 100 different members");
}

/* Counts over a run of generated members. */
struct tally {
	int n, problems, changed, id_bad, id_disagree, name_len_bad;
	int male, female, probation, probation_old, retired, retired_young;
	int rare4, rareA, dot, compound, landline, away, away_no_date;
	int anniversary_month[13];
	int eth_distinct, edu_distinct, cat_distinct, group_outside;
	int retiree_in_employed_group, employed_retired_group;
	int full_not_one_year;
	char eth[64][64], edu[8][64], cat[8][64];
};

static void add_distinct(char list[][64], int *n, int max, const char *v)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(list[i], v) == 0)
			return;
	if (*n < max)
		snprintf(list[(*n)++], 64, "%s", v);
}

static bool has_cp_in(const char *s, uint32_t lo, uint32_t hi)
{
	size_t len = strlen(s);

	while (len > 0) {
		uint32_t cp;
		int k = text_utf8_decode(s, len, &cp);

		if (k <= 0)
			return false;
		if (cp >= lo && cp <= hi)
			return true;
		s += k;
		len -= (size_t)k;
	}
	return false;
}

/* What T counts of M, a member generated on TODAY and checked; LAST_YEAR
 * is TODAY a year before. */
static void tally(struct tally *t, const struct member *m, const char *today,
                  const char *last_year)
{
	static const char *const compounds[] = {
		"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
	};
	struct id_info info;
	const char *why;
	char id[19];
	size_t len;
	bool known = false;

	why = valid_id_number(m->id_number, id, &info);
	if (why != NULL || strcmp(id, m->id_number) != 0) {
		if (t->id_bad++ == 0)
			tap_diag("%s: %s", m->id_number, why ? why : "changed");
	} else if (strcmp(info.gender, m->gender) != 0 ||
	           strcmp(info.birth_date, m->birth_date) != 0) {
		t->id_disagree++;
	}
	len = text_utf8_length(m->name);
	if (len < 2 || len > 20)
		t->name_len_bad++;

	if (strcmp(m->gender, "男") == 0)
		t->male++;
	else if (strcmp(m->gender, "女") == 0)
		t->female++;
	if (strcmp(m->member_type, "预备党员") == 0) {
		t->probation++;
		if (strcmp(m->join_date, last_year) <= 0)
			t->probation_old++;
	} else {
		/* 转正 one year after joining: same month and day
		 * (or 1 March for 29 February). */
		char want[32];

		snprintf(want, sizeof(want), "%04d%.6s",
		         atoi(m->join_date) + 1, m->join_date + 4);
		if (strcmp(m->full_date, want) != 0 &&
		    !(strcmp(m->join_date + 4, "-02-29") == 0 &&
		      strcmp(m->full_date + 4, "-03-01") == 0))
			t->full_not_one_year++;
	}
	if (strcmp(m->category, "离退休人员") == 0) {
		t->retired++;
		if (valid_years_between(m->birth_date, today) < 55)
			t->retired_young++;
	}
	if (has_cp_in(m->name, 0x20000, 0x3FFFF))
		t->rare4++;
	if (has_cp_in(m->name, 0x3400, 0x4DBF))
		t->rareA++;
	if (strstr(m->name, "\xc2\xb7") != NULL)
		t->dot++;
	for (size_t k = 0; k < sizeof(compounds) / sizeof(compounds[0]); k++)
		if (strncmp(m->name, compounds[k], strlen(compounds[k])) == 0)
			t->compound++;
	if (m->phone[0] == '0')
		t->landline++;
	if (strcmp(m->status, "流出") == 0) {
		t->away++;
		if (m->status_date[0] == '\0' || m->status_reason[0] == '\0')
			t->away_no_date++;
	}
	t->anniversary_month[atoi(m->join_date + 5)]++;
	add_distinct(t->eth, &t->eth_distinct, 64, m->ethnicity);
	add_distinct(t->edu, &t->edu_distinct, 8, m->education);
	add_distinct(t->cat, &t->cat_distinct, 8, m->category);

	for (int k = 0; k < NGROUPS; k++)
		if (strcmp(m->party_group, groups[k]) == 0)
			known = true;
	if (!known)
		t->group_outside++;
	if (strcmp(m->party_group, "离退休党小组") == 0 &&
	    strcmp(m->category, "离退休人员") != 0)
		t->retiree_in_employed_group++;
	/* the group of members in work takes those with a post */
	if (strcmp(m->party_group, "在职党员党小组") == 0 &&
	    (strcmp(m->category, "离退休人员") == 0 ||
	     strcmp(m->category, "学生") == 0 ||
	     strcmp(m->category, "其他职业人员") == 0))
		t->employed_retired_group++;
}

/* Generate N members from SEED on TODAY, checking each. */
static void run(struct tally *t, uint64_t seed, int n, const char *today)
{
	struct demo_rng r;
	struct member m;
	struct field_problem p[MEMBER_MAX_PROBLEMS];
	char before[LINE_SZ], after[LINE_SZ], last_year[32];

	/* A 预备党员 joined within the last twelve months: after this
	 * date (which need not exist: only compared as a string). */
	snprintf(last_year, sizeof(last_year), "%04d%.6s", atoi(today) - 1, today + 4);
	demo_seed(&r, seed);
	for (int i = 0; i < n; i++) {
		demo_member(&r, today, groups, NGROUPS, &m);
		t->n++;
		member_line(&m, before, sizeof(before));
		int np = member_check(&m, today, p);
		if (np != 0) {
			if (t->problems++ == 0)
				tap_diag("seed %llu today %s member %d: %s: %s\n#  %s",
				         (unsigned long long)seed, today, i,
				         p[0].field, p[0].reason, before);
			continue;
		}
		member_line(&m, after, sizeof(after));
		if (strcmp(before, after) != 0 && t->changed++ == 0)
			tap_diag("normalized differently:\n#  %s\n#  %s", before, after);

		tally(t, &m, today, last_year);
	}
}

static void test_valid(void)
{
	static const char *const todays[] = { "2025-06-15", "2024-02-29", "2026-12-31" };
	static const uint64_t seeds[] = { 1, 2, 20240229 };

	for (size_t d = 0; d < 3; d++) {
		for (size_t s = 0; s < 3; s++) {
			struct tally *t = calloc(1, sizeof(*t));

			run(t, seeds[s], 10000, todays[d]);
			is_int(t->problems, 0, "seed %llu, today %s: 10000 members "
			       "pass member_check",
			       (unsigned long long)seeds[s], todays[d]);
			is_int(t->changed, 0, "  and member_check normalizes none "
			       "of them differently");
			is_int(t->id_bad, 0, "  every ID number is valid and "
			       "already normalized");
			is_int(t->id_disagree, 0, "  gender and birth date agree "
			       "with the ID number");
			is_int(t->probation_old, 0, "  every 预备党员 joined within "
			       "the last twelve months");
			is_int(t->full_not_one_year, 0, "  every 转正日期 is one year "
			       "after the 入党日期");
			free(t);
		}
	}
}

static void test_distribution(void)
{
	struct tally *t = calloc(1, sizeof(*t));

	run(t, 7, 10000, "2025-06-15");
	is_int(t->problems, 0, "distribution run: all valid");
	ok(t->male > 4000 && t->female > 3000,
	   "both genders (%d men, %d women)", t->male, t->female);
	ok(t->eth_distinct >= 8, "several ethnicities (%d)", t->eth_distinct);
	is_int(t->edu_distinct, 6, "all six educations occur");
	is_int(t->cat_distinct, 8, "all eight categories of the 党内统计 occur");
	ok(t->probation >= 500 && t->probation <= 1200,
	   "about 8%% 预备党员 (%d of 10000)", t->probation);
	ok(t->retired >= 4000 && t->retired <= 5600,
	   "about half retired (%d)", t->retired);
	is_int(t->retired_young, 0, "no retiree under 55");
	ok(t->rare4 >= 30 && t->rare4 <= 250,
	   "some names with an Extension B character, 4 bytes of UTF-8 (%d)",
	   t->rare4);
	ok(t->rareA >= 30 && t->rareA <= 250,
	   "some names with an Extension A character (%d)", t->rareA);
	ok(t->dot >= 200 && t->dot <= 500,
	   "about one in thirty names with U+00B7 (%d)", t->dot);
	ok(t->compound >= 10, "some compound surnames (%d)", t->compound);
	ok(t->landline >= 500 && t->landline < 5000,
	   "mostly mobiles, some landlines (%d)", t->landline);
	ok(t->away >= 20 && t->away <= 500, "a few 流出 (%d)", t->away);
	is_int(t->away_no_date, 0, "  each with a status date and reason");
	is_int(t->name_len_bad, 0, "every name has 2-20 characters");
	is_int(t->group_outside, 0, "every party group is one of those given");
	is_int(t->retiree_in_employed_group, 0,
	       "only retirees in the 离退休 group");
	is_int(t->employed_retired_group, 0, "only members with a post in the 在职 group");

	int months = 0;

	for (int k = 1; k <= 12; k++)
		months += t->anniversary_month[k] > 300;
	is_int(months, 12, "join dates spread over all months");
	free(t);
}

/* No groups: the party group stays empty, the rest is still valid. */
static void test_no_groups(void)
{
	struct demo_rng r;
	struct member m;
	struct field_problem p[MEMBER_MAX_PROBLEMS];
	int bad = 0, nonempty = 0;

	demo_seed(&r, 5);
	for (int i = 0; i < 200; i++) {
		demo_member(&r, "2025-06-15", NULL, 0, &m);
		if (m.party_group[0])
			nonempty++;
		if (member_check(&m, "2025-06-15", p) != 0)
			bad++;
	}
	is_int(nonempty, 0, "without groups the party group is empty");
	is_int(bad, 0, "  and the members are valid");
}

static int64_t query_count(struct db *db, const char *sql, const char *today)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) != SQLITE_OK) {
		tap_diag("prepare: %s", sqlite3_errmsg(db_handle(db)));
		return -1;
	}
	if (today)
		sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* All ID numbers of the file in order, joined, for comparing two files. */
static char *all_ids(struct db *db)
{
	sqlite3_stmt *st;
	size_t cap = 1 << 16, len = 0;
	char *out = calloc(1, cap);

	if (sqlite3_prepare_v2(db_handle(db),
	                       "SELECT id_number || name FROM members "
	                       "ORDER BY id_number", -1, &st, NULL) != SQLITE_OK)
		return out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		size_t k = strlen(v);

		if (len + k + 2 > cap)
			break;
		memcpy(out + len, v, k);
		len += k;
		out[len++] = ',';
	}
	sqlite3_finalize(st);
	return out;
}

static void problem_diag(void *ctx, const char *msgid, const char *detail)
{
	int *n = ctx;

	if ((*n)++ < 5)
		tap_diag("db_check: %s: %s", msgid, detail ? detail : "");
}

static struct db *open_fresh(const char *dir, const char *name)
{
	char path[4096], err[256] = "";
	struct db *db = NULL;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (db_open(path, DB_OPEN_CREATE, &db, err, sizeof(err)) != DB_OK) {
		tap_diag("db_open %s: %s", path, err);
		return NULL;
	}
	return db;
}

static void test_populate(const char *dir)
{
	static const char today[] = "2025-06-15";
	struct db *db = open_fresh(dir, "demo.db"), *db2;
	int64_t count = -1;
	char *name, *a, *b;
	int seen = 0;

	if (!ok(db != NULL, "a fresh database opens"))
		return;
	is_int(demo_populate(db, 2025, 60, today), DB_OK, "demo_populate of 60");
	is_int(store_member_count(db, &count), DB_OK, "store_member_count");
	is_int(count, 60, "60 members stored");
	name = db_get_setting(db, "branch.name");
	is_str(name, "幸福里社区第一党支部", "the branch name is set");
	free(name);
	is_int(query_count(db, "SELECT count(*) FROM party_groups", NULL), 5,
	       "five party groups");
	is_int(query_count(db, "SELECT count(DISTINCT party_group_id) FROM members",
	                   NULL), 5, "every group has members");

	int64_t due = query_count(db,
		"SELECT count(*) FROM members WHERE member_type = '预备党员' "
		"AND status = '在册' "
		"AND date(join_date, '+1 year') > ?1 "
		"AND date(join_date, '+1 year') <= date(?1, '+30 days')", today);
	ok(due >= 2, "at least 2 预备党员 due for 转正 within 30 days (%lld)",
	   (long long)due);
	int64_t overdue = query_count(db,
		"SELECT count(*) FROM members WHERE member_type = '预备党员' "
		"AND status = '在册' AND date(join_date, '+1 year') <= ?1", today);
	ok(overdue >= 1, "at least 1 预备党员 past due (%lld)", (long long)overdue);
	int64_t anniv = query_count(db,
		"SELECT count(*) FROM members WHERE status = '在册' "
		"AND substr(join_date, 6, 2) = substr(?1, 6, 2)", today);
	ok(anniv >= 3, "at least 3 入党 anniversaries this month (%lld)",
	   (long long)anniv);
	int64_t away = query_count(db,
		"SELECT count(*) FROM members WHERE status = '流出'", NULL);
	ok(away >= 2, "at least 2 流出 (%lld)", (long long)away);
	is_int(query_count(db, "SELECT count(*) FROM members WHERE status = '去世'",
	                   NULL), 1, "one 去世");
	is_int(query_count(db, "SELECT count(DISTINCT id_number) FROM members",
	                   NULL), 60, "ID numbers are unique");
	is_int(db_check(db, problem_diag, &seen), 0, "db_check finds no problem");

	/* The same seed again on top: every first-choice ID number is
	 * taken now, so each member must draw another. */
	is_int(demo_populate(db, 2025, 60, today), DB_OK,
	       "demo_populate again with the same seed");
	is_int(store_member_count(db, &count), DB_OK, "store_member_count");
	is_int(count, 120, "  120 members, the duplicates redrawn");
	seen = 0;
	is_int(db_check(db, problem_diag, &seen), 0, "  db_check still clean");

	/* The same seed into another file gives the same people. */
	db2 = open_fresh(dir, "demo2.db");
	if (ok(db2 != NULL, "a second fresh database opens")) {
		struct db *db3 = open_fresh(dir, "demo3.db");

		is_int(demo_populate(db2, 2025, 60, today), DB_OK,
		       "demo_populate of 60 again");
		is_int(demo_populate(db3, 2026, 60, today), DB_OK,
		       "demo_populate of 60 from another seed");
		a = all_ids(db2);
		db_close(db);
		db = open_fresh(dir, "demo4.db");
		demo_populate(db, 2025, 60, today);
		b = all_ids(db);
		is_str(a, b, "the same seed gives the same people");
		free(b);
		b = all_ids(db3);
		ok(strcmp(a, b) != 0, "another seed gives other people");
		free(a);
		free(b);
		db_close(db3);
		db_close(db2);
	}
	db_close(db);
}

/* Small branches still get their dashboard items as far as they fit. */
static void test_populate_small(const char *dir)
{
	struct db *db = open_fresh(dir, "small.db");
	int64_t count = -1;
	int seen = 0;

	if (!ok(db != NULL, "a fresh database for a small branch"))
		return;
	setenv("ZHIBU_TODAY", "2024-02-29", 1);
	is_int(demo_populate(db, 1, 5, "2024-02-29"), DB_OK,
	       "demo_populate of 5 on 29 February");
	store_member_count(db, &count);
	is_int(count, 5, "5 members stored");
	is_int(query_count(db, "SELECT count(*) FROM members WHERE "
	                   "member_type = '预备党员'", NULL) >= 2, 1,
	       "  the first roles are 转正 due");
	is_int(db_check(db, problem_diag, &seen), 0, "  db_check clean");
	is_int(demo_populate(db, 1, 0, "2024-02-29"), DB_OK, "n = 0 is fine");
	setenv("ZHIBU_TODAY", "2025-06-15", 1);
	db_close(db);
}

/* Remove the files of the temporary directory (databases, their WAL
 * files, any backups), then the directory. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];

	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

int main(void)
{
	char dir[] = "/tmp/zhibu-test-demo-XXXXXX";

	registers_init();
	/* Pin the program's idea of today for db_check's date checks. */
	setenv("ZHIBU_TODAY", "2025-06-15", 1);

	test_rng();
	test_determinism();
	test_valid();
	test_distribution();
	test_no_groups();
	if (ok(mkdtemp(dir) != NULL, "a temporary directory")) {
		test_populate(dir);
		test_populate_small(dir);
		remove_tree(dir);
	}
	return tap_done();
}
