/* test_stats.c - 党员统计 (member_stats.h, report_stats.h) on crafted
 * rosters in memory: who counts on a date, 正式/预备 on it, the edges of
 * the age, 党龄 and 入党时间 bands, 流出 and 停止党籍, the shares and
 * their rounding, and the printed layout. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "member.h"
#include "member_stats.h"
#include "registers.h"
#include "report_stats.h"
#include "store.h"
#include "store_member.h"
#include "tap.h"
#include "testlib.h"
#include "text.h"
#include "validate.h"

/* A member as the roster stores one; the details the figures read are
 * set by the caller after this.  The ID number agrees with the birth
 * date and gender (a fake one: its serial is unique in the test). */
static void member_make(struct member *m, const char *gender, const char *birth,
                        const char *join, const char *full)
{
	static int serial = 0;
	char id17[32];

	member_init(m);
	serial++;
	snprintf(m->name, sizeof m->name, "测试%c%c", 'A' + serial / 26 % 26,
	         'A' + serial % 26);
	snprintf(m->gender, sizeof m->gender, "%s", gender);
	snprintf(m->birth_date, sizeof m->birth_date, "%s", birth);
	snprintf(id17, sizeof id17, "110105%.4s%.2s%.2s%03d", birth, birth + 5,
	         birth + 8, (serial * 2 + (strcmp(gender, "男") == 0)) % 1000);
	id17[17] = '\0';
	snprintf(m->id_number, sizeof m->id_number, "%s%c", id17,
	         valid_id_checksum(id17));
	snprintf(m->join_date, sizeof m->join_date, "%s", join);
	snprintf(m->full_date, sizeof m->full_date, "%s", full ? full : "");
	snprintf(m->member_type, sizeof m->member_type, "%s",
	         full ? "正式党员" : "预备党员");
}

static void store(struct db *db, struct member *m)
{
	if (store_member_insert(db, m) != DB_OK) {
		printf("Bail out! cannot store %s: %s\n", m->name, db_errmsg(db));
		exit(1);
	}
}

/* A 在册 member, or with STATUS since STATUS_DATE ("" undated). */
static void add(struct db *db, const char *gender, const char *birth,
                const char *join, const char *full, const char *status,
                const char *status_date)
{
	struct member m;

	member_make(&m, gender, birth, join, full);
	if (status) {
		snprintf(m.status, sizeof m.status, "%s", status);
		snprintf(m.status_date, sizeof m.status_date, "%s", status_date);
	}
	store(db, &m);
}

static struct member_stats count(struct db *db, const char *date)
{
	struct member_stats s;

	if (member_stats_count(db, date, &s) != DB_OK)
		tap_diag("member_stats_count failed: %s", db_errmsg(db));
	return s;
}

#define STAT(f) offsetof(struct member_stats, f)

/* On DATE, MEMBERS are counted (point WHAT) and the figure at offset AT
 * of the statistics is N (point WHAT_N). */
static void counted_on(struct db *db, const char *date, int64_t members, const char *what,
                       size_t at, int64_t n, const char *what_n)
{
	struct member_stats s = count(db, date);

	is_int(s.members, members, "%s", what);
	is_int(*(const int64_t *)((const char *)&s + at), n, "%s", what_n);
}

static int64_t sum(const int64_t *v, int n)
{
	int64_t t = 0;

	for (int i = 0; i < n; i++)
		t += v[i];
	return t;
}

static bool is_gone(const char *status)
{
	return strcmp(status, "在册") != 0 && strcmp(status, "流出") != 0 &&
	       strcmp(status, "停止党籍") != 0;
}

/* Who counts on a date: every status of leaving, dated, undated. */
static void test_who_counts(void)
{
	struct db *db = mem_db();
	struct member_stats s;
	int gone = 0;

	s = count(db, "2026-06-15");
	is_int(s.members, 0, "an empty roster: no members");
	is_int(s.full + s.probationary + s.stopped, 0, "and nothing else");

	add(db, "男", "1970-01-01", "2000-01-01", "2001-01-01", NULL, NULL);
	/* each way of going, since 2024-01-01 (党籍状态 of validate.c) */
	for (size_t i = 0; valid_statuses[i].value; i++) {
		const char *st = valid_statuses[i].value;

		if (!is_gone(st))
			continue;
		gone++;
		/* 取消预备党员资格: only a 预备党员 */
		if (strcmp(st, "取消预备党员资格") == 0)
			add(db, "女", "1990-01-01", "2023-06-01", NULL, st, "2024-01-01");
		else
			add(db, "女", "1980-01-01", "2010-01-01", "2011-01-01", st, "2024-01-01");
	}
	is_int(gone, 6, "six statuses of going: 转出 去世 开除党籍 除名 退党 取消预备党员资格");
	s = count(db, "2024-01-01");
	is_int(s.members, 1, "gone_on_the_status_date_not_counted: none of the %d counts on its status date",
	       gone);
	s = count(db, "2023-12-31");
	is_int(s.members, 1 + gone, "gone_after_the_date_counted: all %d count the day before", gone);
	is_int(s.probationary, 1, "(the one cancelled later was 预备 then)");

	/* not joined yet */
	add(db, "男", "2000-05-05", "2026-06-15", NULL, NULL, NULL);
	is_int(count(db, "2026-06-14").members, 1, "joined_after_the_date_not_counted");
	is_int(count(db, "2026-06-15").members, 2, "joined_on_the_date_counted (入党日期 <= D)");

	/* a status without a date is in effect since joining */
	add(db, "男", "1975-03-03", "2005-07-01", "2006-07-01", "转出", "");
	is_int(count(db, "2005-07-01").members, 1, "undated_transfer_out_never_counted");

	/* 停止党籍: apart, not a member */
	add(db, "女", "1960-02-02", "1990-07-01", "1991-07-01", "停止党籍", "2025-03-01");
	counted_on(db, "2025-03-01", 1, "stopped_not_counted_as_member (党员教育管理工作条例第二十四条)",
	           STAT(stopped), 1, "stopped_shown_apart");
	counted_on(db, "2025-02-28", 2, "stopped_after_the_date_counted",
	           STAT(stopped), 0, "and not shown as stopped then");

	/* 流出: counted, and shown */
	add(db, "男", "1985-04-04", "2012-07-01", "2013-07-01", "流出", "2026-01-10");
	counted_on(db, "2026-01-10", 2, "outflow_counted_as_member", STAT(outflow), 1, "outflow_shown");
	counted_on(db, "2026-01-09", 2, "outflow_after_the_date_still_a_member",
	           STAT(outflow), 0, "but not shown as 流出 before its date");
	db_close(db);
}

/* 正式/预备 on the date, 党龄 of 正式党员 only, and the band edges. */
static void test_full_and_party_age(void)
{
	struct db *db = mem_db();
	struct member_stats s;

	/* full today, 预备 before 2025-03-01 */
	add(db, "女", "1998-08-08", "2024-03-01", "2025-03-01", NULL, NULL);
	s = count(db, "2025-02-28");
	is_int(s.probationary, 1, "probationary_on_the_date_although_full_today");
	is_int(s.full, 0, "not full before its 转正日期");
	is_int(s.party_age[0], 0, "a 预备党员 has no 党龄 (党章第七条)");
	s = count(db, "2025-03-01");
	is_int(s.full, 1, "full_from_the_full_date_on");
	is_int(s.party_age[0], 1, "党龄 0: 不满5年");
	db_close(db);

	/* 党龄 edges on 2026-06-15: 4|5, 10|11, 20|21, 30|31, 40|41, 49|50 */
	static const struct { const char *full; int band; } edge[] = {
		{ "2021-06-16", 0 }, { "2021-06-15", 1 },
		{ "2015-06-16", 1 }, { "2015-06-15", 2 },
		{ "2005-06-16", 2 }, { "2005-06-15", 3 },
		{ "1995-06-16", 3 }, { "1995-06-15", 4 },
		{ "1985-06-16", 4 }, { "1985-06-15", 5 },
		{ "1976-06-16", 5 }, { "1976-06-15", 6 },
	};
	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
		char join[11];

		db = mem_db();
		valid_date_add(edge[i].full, -1, 0, 0, join);
		add(db, "男", "1950-01-01", join, edge[i].full, NULL, NULL);
		s = count(db, "2026-06-15");
		is_int(s.party_age[edge[i].band], 1,
		       "party_age_band_edges: full on %s is %d years on 2026-06-15: %s",
		       edge[i].full, valid_years_between(edge[i].full, "2026-06-15"),
		       member_stats_party_age_bands[edge[i].band].zh);
		db_close(db);
	}
}

/* Ages in whole years: a band changes on the birthday, 29 February on
 * 1 March of a common year. */
static void test_age_bands(void)
{
	static const struct { const char *birth, *on; int band; } edge[] = {
		{ "1995-06-16", "2026-06-15", 0 },      /* 30 */
		{ "1995-06-15", "2026-06-15", 1 },      /* 31 on the birthday */
		{ "1990-06-16", "2026-06-15", 1 },      /* 35 */
		{ "1990-06-15", "2026-06-15", 2 },      /* 36 */
		{ "1965-06-16", "2026-06-15", 6 },      /* 60 */
		{ "1965-06-15", "2026-06-15", 7 },      /* 61 */
		{ "1964-02-29", "2025-02-28", 6 },      /* 60 */
		{ "1964-02-29", "2025-03-01", 7 },      /* 61 from 1 March */
		{ "1964-02-29", "2024-02-29", 6 },      /* 60 on 29 Feb 2024 */
		{ "1964-03-01", "2025-02-28", 6 },      /* 60: not 61 a day early */
	};

	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
		struct db *db = mem_db();
		struct member_stats s;

		add(db, "女", edge[i].birth, "2000-01-01", "2001-01-01", NULL, NULL);
		s = count(db, edge[i].on);
		is_int(s.age[edge[i].band], 1,
		       "age_band_edges_on_birthdays: born %s, %d on %s: %s",
		       edge[i].birth, valid_years_between(edge[i].birth, edge[i].on),
		       edge[i].on, member_stats_age_bands[edge[i].band].zh);
		db_close(db);
	}
}

/* Gender, 少数民族, 学历, 人员分类, 入党时间: the parts add up. */
static void test_tables(void)
{
	static const struct { const char *join; int period; } joined[] = {
		{ "1949-09-30", 0 }, { "1949-10-01", 1 }, { "1978-12-31", 1 },
		{ "1979-01-01", 2 }, { "2012-10-31", 2 }, { "2012-11-01", 3 },
	};
	struct db *db = mem_db();
	struct member_stats s;
	struct member m;
	size_t i;

	for (i = 0; i < sizeof joined / sizeof joined[0]; i++) {
		char full[11];

		valid_date_add(joined[i].join, 1, 0, 0, full);
		member_make(&m, i % 2 ? "女" : "男", "1925-01-01", joined[i].join, full);
		if (i == 1)
			snprintf(m.ethnicity, sizeof m.ethnicity, "维吾尔族");
		if (i == 2)
			snprintf(m.ethnicity, sizeof m.ethnicity, "回族");
		snprintf(m.education, sizeof m.education, "%s",
		         i < 3 ? valid_educations[i].value : i == 3 ? "高中" : "");
		snprintf(m.category, sizeof m.category, "%s",
		         i == 5 ? "" : "离退休人员");
		store(db, &m);
	}
	s = count(db, "2026-06-15");
	is_int(s.members, 6, "six members");
	is_int(s.joined[0], 1, "joined 1949-09-30: 新中国成立前");
	is_int(s.joined[1], 2, "1949-10-01 and 1978-12-31: 新中国成立后至三中全会前");
	is_int(s.joined[2], 2, "1979-01-01 and 2012-10-31: 三中全会后至十八大前");
	is_int(s.joined[3], 1, "2012-11-01: 十八大以来");
	is_int(s.men, 3, "men");
	is_int(s.women, 3, "women");
	is_int(s.minority, 2, "少数民族: 民族 other than 汉族");
	is_int(s.han, 4, "汉族");
	is_int(s.neducation, (int)valid_choice_count(valid_educations) + 1,
	       "学历: the six stored levels and 未填");
	is_int(s.education[0] + s.education[1] + s.education[2], 3,
	       "研究生, 大学本科, 大学专科: one each");
	is_int(s.education[s.neducation - 1], 2, "未填: two");
	is_int(sum(s.education, s.neducation), 6, "学历 adds up");
	is_int(s.ncategory, 9, "人员分类: the 8 occupations of the 党内统计 and 未填");
	is_int(s.category[7], 5, "离退休人员");
	is_int(s.category[8], 1, "未填");
	is_int(sum(s.category, s.ncategory), 6, "人员分类 adds up");
	is_int(sum(s.age, MEMBER_STATS_AGE_BANDS), 6, "ages add up");
	is_int(sum(s.party_age, MEMBER_STATS_PARTY_AGE_BANDS), s.full, "党龄 adds up to 正式党员");
	db_close(db);
}

/* Shares: largest remainders within a table, half up alone. */
static void test_shares(void)
{
	int t[8];
	int64_t c3[] = { 1, 1, 1 }, c2[] = { 2, 1 }, c4[] = { 0, 1, 1, 1 };
	unsigned x = 12345;
	bool all = true;

	member_stats_shares(c3, 3, 3, t);
	ok(t[0] == 334 && t[1] == 333 && t[2] == 333,
	   "percentages_add_up: thirds are 33.4 + 33.3 + 33.3 (a tie: the earlier row)");
	member_stats_shares(c2, 2, 3, t);
	ok(t[0] == 667 && t[1] == 333, "two thirds 66.7, one third 33.3");
	member_stats_shares(c4, 4, 3, t);
	ok(t[0] == 0, "an empty row stays 0.0");
	member_stats_shares(c3, 3, 0, t);
	ok(t[0] == -1 && t[2] == -1, "no members: no shares");
	for (int round = 0; round < 500; round++) {
		int64_t c[8], total = 0;
		int n = 2 + round % 7, s = 0;

		for (int i = 0; i < n; i++) {
			x = x * 1103515245 + 12345;
			c[i] = (x >> 16) % (round % 3 ? 50 : 100000);
			total += c[i];
		}
		if (total == 0)
			continue;
		member_stats_shares(c, n, total, t);
		for (int i = 0; i < n; i++) {
			s += t[i];
			/* within a tenth of the exact share */
			if (t[i] * total > c[i] * 1000 + total || t[i] * total < c[i] * 1000 - total)
				all = false;
		}
		if (s != 1000)
			all = false;
	}
	ok(all, "500 random tables: every one adds up to 100.0%%, each share within 0.1 of the exact");
	is_int(member_stats_share(1, 8), 125, "1 of 8 alone: 12.5%%");
	is_int(member_stats_share(1, 16), 63, "1 of 16 alone: 6.25 rounds half up to 6.3%%");
	is_int(member_stats_share(1, 6), 167, "1 of 6: 16.7%%");
}

/* The lines: every table adds up to 100.0%, 大专及以上 is its parts. */
static void test_lines(void)
{
	struct db *db = mem_db();
	struct member_stats_line v[MEMBER_STATS_LINES];
	struct member_stats s;
	struct member m;
	int n, i, table = -1, share = 0, college = 0;
	bool add_up = true, ok_college = false, stopped = false, outflow = false;

	for (i = 0; i < 7; i++) {
		char birth[11];

		snprintf(birth, sizeof birth, "%d-03-0%d", 1940 + i * 9, 1 + i);
		member_make(&m, i % 3 ? "男" : "女", birth, "2000-07-01",
		            i == 6 ? NULL : "2001-07-01");
		snprintf(m.education, sizeof m.education, "%s",
		         valid_educations[i % 6].value);
		if (i == 4) {
			snprintf(m.status, sizeof m.status, "流出");
			snprintf(m.status_date, sizeof m.status_date, "2020-01-01");
		}
		store(db, &m);
	}
	add(db, "女", "1950-01-01", "1980-01-01", "1981-01-01", "停止党籍", "2021-01-01");
	s = count(db, "2026-06-15");
	n = member_stats_lines(&s, v);
	for (i = 0; i <= n; i++) {
		if (i == n || v[i].kind == MEMBER_STATS_HEADING) {
			if (table >= 0 && share != 1000) {
				add_up = false;
				tap_diag("table %d adds up to %d tenths", table, share);
			}
			if (i < n)
				table = v[i].table;
			share = 0;
			continue;
		}
		if (v[i].kind == MEMBER_STATS_ROW)
			share += v[i].share;
		if (strcmp(v[i].zh, "研究生") == 0 || strcmp(v[i].zh, "大学本科") == 0 ||
		    strcmp(v[i].zh, "大学专科") == 0)
			college += v[i].share;
		if (strcmp(v[i].zh, "其中：大专及以上") == 0)
			ok_college = v[i].share == college && v[i].count == 4;
		if (strcmp(v[i].zh, "另：停止党籍（不计入）") == 0)
			stopped = v[i].count == 1 && v[i].share == -1 &&
			          v[i].kind == MEMBER_STATS_ASIDE;
		if (strcmp(v[i].zh, "其中：流出党员") == 0)
			outflow = v[i].count == 1 && v[i].share == 143;
	}
	ok(add_up, "percentages_add_up: the parts of every table make 100.0%% of 7 members");
	ok(ok_college, "大专及以上 is 研究生 + 大学本科 + 大学专科, its share their sum");
	ok(stopped, "停止党籍 is a line of its own, without a share");
	ok(outflow, "流出 is shown: 1 of 7, 14.3%%");
	is_int(v[0].kind, MEMBER_STATS_HEADING, "the lines start with a heading");
	is_int(v[1].share, 1000, "党员总数 is 100.0%%");

	/* the printed layout: 80 columns, the same figures */
	{
		char **lines;
		int nl = 0, wide = 0;
		bool found = false;

		lines = report_stats_layout(&s, 80, NULL, &nl);
		for (i = 0; i < nl; i++) {
			if (text_width(lines[i]) > 80)
				wide++;
			if (strstr(lines[i], "党员总数") && strstr(lines[i], " 7 100.0%"))
				found = true;
		}
		is_int(wide, 0, "the printed lines fit 80 columns (%d lines)", nl);
		ok(found, "党员总数 7 100.0%% is printed");
		report_stats_free(lines, nl);
	}
	{
		struct report_options ro = { NULL, "测试支部", "2026-06-15", false,
		                             TEXT_ENC_UTF8, 0, 0, false, false };
		struct report_result res;
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		int lines = 0;

		ok(report_stats_text(db, "2026-06-15", &ro, f, &res) == 0, "report_stats_text");
		fclose(f);
		for (size_t k = 0; k < len; k++)
			lines += buf[k] == '\n';
		is_int(res.pages, 1, "one page");
		is_int(lines, 60, "of 60 lines");
		ok(buf && strstr(buf, "统计日期：2026年6月15日") != NULL, "naming the day counted on");
		ok(buf && strstr(buf, "第 1 页 共 1 页") != NULL, "and its page");
		free(buf);
	}
	db_close(db);
}

int main(void)
{
	registers_init();
	setlocale(LC_ALL, "C.UTF-8");
	test_who_counts();
	test_full_and_party_age();
	test_age_bands();
	test_tables();
	test_shares();
	test_lines();
	return tap_done();
}
