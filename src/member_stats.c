/* member_stats.c - 党员统计 on a chosen date (member_stats.h).
 *
 * One statement reads the roster once: each row is put in one of three
 * states on the date (a member, 停止党籍, gone), and sums count, among
 * the rows of each state, those on or past each edge of every band.  The
 * edges are dates computed here and bound (a member is 31 or older on
 * 2026-06-15 when born on or before 1995-06-15), so SQLite compares
 * strings and does no arithmetic per row; a band's count is the
 * difference of two edges.  Every value is bound: the statement's text
 * depends only on the sizes of the tables below.
 *
 * The pages come through SQLite's cache, not a map of the file as an
 * export reads them (db_long_read): mapped, the table would count in the
 * resident memory of the screen that shows the figures (140 MB for
 * 100 000 members instead of 8 MB, for 0.2 s instead of 0.4 s).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gettext.h"
#include "member_stats.h"
#include "validate.h"

/* 党员的年龄, as the 中国共产党党内统计公报 reports it every year: "30岁
 * 及以下, 31至35岁, 36至40岁, 41至45岁, 46至50岁, 51至55岁, 56至60岁,
 * 61岁及以上".  Ages are whole years on the date (周岁). */
const struct member_stats_band member_stats_age_bands[MEMBER_STATS_AGE_BANDS] = {
	{ 0, N_("30 and under"), "30岁及以下" }, { 31, N_("31 to 35"), "31至35岁" },
	{ 36, N_("36 to 40"), "36至40岁" }, { 41, N_("41 to 45"), "41至45岁" },
	{ 46, N_("46 to 50"), "46至50岁" }, { 51, N_("51 to 55"), "51至55岁" },
	{ 56, N_("56 to 60"), "56至60岁" }, { 61, N_("61 and over"), "61岁及以上" },
};

/* 党龄 counts from the day the probation ended (党章第七条), in whole
 * years, for 正式党员 only.  The 公报 reports no 党龄 bands (it reports
 * 入党时间, below); these are the branch report's own: five years, then
 * decades, and 50 years apart, the 党龄 at which the "光荣在党50年"
 * 纪念章 is given (党龄达到50周年). */
const struct member_stats_band member_stats_party_age_bands[MEMBER_STATS_PARTY_AGE_BANDS] = {
	{ 0, N_("under 5 years"), "不满5年" }, { 5, N_("5 to 10 years"), "5至10年" },
	{ 11, N_("11 to 20 years"), "11至20年" }, { 21, N_("21 to 30 years"), "21至30年" },
	{ 31, N_("31 to 40 years"), "31至40年" }, { 41, N_("41 to 49 years"), "41至49年" },
	{ 50, N_("50 years and more"), "50年及以上" },
};

/* 党员的入党时间 as the 公报 reports it: 新中国成立前, 新中国成立后至党的
 * 十一届三中全会前, 党的十一届三中全会后至党的十八大前, 党的十八大以来.
 * The 党内统计年报's tables divide by month (1949年9月及以前 ...): the
 * plenum was in December 1978, the congress opened in November 2012. */
const struct member_stats_period member_stats_periods[MEMBER_STATS_PERIODS] = {
	{ "", N_("before October 1949"), "新中国成立前" },
	{ "1949-10-01", N_("October 1949 to 1978"), "新中国成立后至三中全会前" },
	{ "1979-01-01", N_("1979 to October 2012"), "三中全会后至十八大前" },
	{ "2012-11-01", N_("since November 2012"), "十八大以来" },
};

const struct member_stats_note member_stats_notes[] = {
	{ N_("Members: those who joined on or before the date and were still members of the branch on it. Members transferred out, deceased, expelled, struck off, withdrawn, or whose probationary membership was cancelled are not counted from the date of their status; members whose membership is stopped are not counted (Regulations on the Education and Management of Party Members, art. 24) but shown apart; members flowing out are counted."),
	  "党员总数：入党日期在统计日期当日或以前、当日仍在本支部的党员。转出、去世、开除党籍、除名、退党、取消预备党员资格的，自状态日期起不计；停止党籍的不计入党员总数（党员教育管理工作条例第二十四条），另列；流出党员计入。" },
	{ N_("Full members: full membership on or before the date; the others are probationary. Ages in whole years on the date. Years in the Party count from full membership (Party Constitution art. 7), in whole years, for full members only."),
	  "正式党员：转正日期在统计日期当日或以前的，其余为预备党员。年龄按周岁计。党龄自转正之日算起（党章第七条），按周年计，只计正式党员。" },
	{ N_("Age bands and periods of joining as in the Party's annual statistical bulletin, the periods by month: to September 1949, October 1949 to December 1978, January 1979 to October 2012, from November 2012. The bands of years in the Party are this report's own; 50 years is when the medal for 50 years in the Party is given."),
	  "年龄分组、入党时间分期同《中国共产党党内统计公报》，入党时间按月划分：1949年9月及以前、1949年10月至1978年12月、1979年1月至2012年10月、2012年11月及以后。党龄分组为本表自定，50年为颁发“光荣在党50年”纪念章的党龄。" },
	{ N_("Shares are of all members, to a tenth of a percent: the parts of a table are rounded by largest remainders so that they add up to 100.0%; an \"of which\" line is rounded on its own, college and above is the sum of its parts."),
	  "占比以党员总数为基数，保留一位小数：同一分组各项按最大余数法舍入，合计为100.0%；“其中”项单独四舍五入，大专及以上为所含各项之和。" },
	{ N_("The roster keeps each member's present status and its date only: a member whose status changed after the date is counted as a member on it (and not as flowing out), and a member transferred in counts from joining the Party. The earlier statuses in the change log are not used. Education and occupation are as the roster has them now."),
	  "花名册只保存党员当前的党籍状态及其日期：状态在统计日期以后变化的，统计日期时按党员计（不计为流出）；转入党员自入党之日计。变更日志中的历次状态未用于本统计。学历、职业按花名册现有记录。" },
	{ NULL, NULL },
};

/* The statement, built once:
 *
 *   SELECT CASE WHEN coalesce(status_date, join_date) > ?1 THEN 0
 *               WHEN status IN ('在册', '流出') THEN 0
 *               WHEN status = '停止党籍' THEN 1 ELSE 2 END,
 *          count(*), sum(full_date <= ?1), sum(gender = '女'),
 *          sum(ethnicity <> '汉族'),
 *          sum(status = '流出' AND coalesce(status_date, join_date) <= ?1),
 *          sum(birth_date <= ?N) ...   each age band's edge but the first
 *          sum(full_date <= ?N) ...    each 党龄 band's edge but the first
 *          sum(join_date < ?N) ...     each period's start but the first
 *          sum(education = ?N) ...     each 学历
 *          sum(category = ?N) ...      each 人员分类
 *     FROM members NOT INDEXED WHERE join_date <= ?1 GROUP BY 1
 *
 * State 0: a member on ?1 (his present status came later, or he is 在册
 * or 流出); 1: 停止党籍 since ?1 or before; 2: gone since ?1 or before
 * (转出, 去世, and the ways of leaving the Party: every other status).
 * NOT INDEXED: a count reads every row joined by the date, mostly all of
 * them, and the table in its own order is the quickest way to them. */
static char stats_sql[2048];
static int neducations, ncategories;

static void build_sql(void)
{
	size_t n;
	int p = 2, i;

	if (stats_sql[0])
		return;
	neducations = (int)valid_choice_count(valid_educations);
	ncategories = (int)valid_choice_count(valid_categories);
	n = (size_t)snprintf(stats_sql, sizeof stats_sql,
		"SELECT CASE WHEN coalesce(status_date, join_date) > ?1 THEN 0"
		" WHEN status IN ('在册', '流出') THEN 0"
		" WHEN status = '停止党籍' THEN 1 ELSE 2 END,"
		" count(*), sum(full_date <= ?1), sum(gender = '女'),"
		" sum(ethnicity <> '汉族'),"
		" sum(status = '流出' AND coalesce(status_date, join_date) <= ?1)");
#define ADD(fmt) \
	n += (size_t)snprintf(stats_sql + n, n < sizeof stats_sql ? sizeof stats_sql - n : 0, \
	                      fmt, p++)
	for (i = 1; i < MEMBER_STATS_AGE_BANDS; i++)
		ADD(", sum(birth_date <= ?%d)");
	for (i = 1; i < MEMBER_STATS_PARTY_AGE_BANDS; i++)
		ADD(", sum(full_date <= ?%d)");
	for (i = 1; i < MEMBER_STATS_PERIODS; i++)
		ADD(", sum(join_date < ?%d)");
	for (i = 0; i < neducations; i++)
		ADD(", sum(education = ?%d)");
	for (i = 0; i < ncategories; i++)
		ADD(", sum(category = ?%d)");
#undef ADD
	snprintf(stats_sql + n, n < sizeof stats_sql ? sizeof stats_sql - n : 0,
	         " FROM members NOT INDEXED WHERE join_date <= ?1 GROUP BY 1");
}

/* The last day on which someone born (or made a full member) on that
 * day is YEARS or more years older on DATE: the same month and day,
 * YEARS earlier.  Compared as text it is right even when that day does
 * not exist (29 February of a common year): 2000-02-29 <= "2031-02-29"
 * is false on 2031-02-28 and true from 2031-03-01 on, as
 * valid_years_between counts. */
static void years_before(const char *date, int years, char out[16])
{
	snprintf(out, 16, "%04d%.6s", atoi(date) - years, date + 4);
}

int member_stats_count(struct db *db, const char *date, struct member_stats *s)
{
	char edges[MEMBER_STATS_AGE_BANDS + MEMBER_STATS_PARTY_AGE_BANDS][16];
	sqlite3_stmt *st;
	int64_t ages[MEMBER_STATS_AGE_BANDS + 1], years[MEMBER_STATS_PARTY_AGE_BANDS + 1];
	int64_t before[MEMBER_STATS_PERIODS + 1];
	int p = 2, e = 0, i, rc;

	memset(s, 0, sizeof *s);
	snprintf(s->date, sizeof s->date, "%s", date);
	build_sql();
	if (neducations + 1 > MEMBER_STATS_CHOICES || ncategories + 1 > MEMBER_STATS_CHOICES)
		return DB_ERROR;
	s->neducation = neducations + 1;
	s->ncategory = ncategories + 1;
	st = db_prepare(db, stats_sql);
	if (!st)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, s->date, -1, SQLITE_TRANSIENT);
	for (i = 1; i < MEMBER_STATS_AGE_BANDS; i++, e++) {
		years_before(s->date, member_stats_age_bands[i].min, edges[e]);
		sqlite3_bind_text(st, p++, edges[e], -1, SQLITE_TRANSIENT);
	}
	for (i = 1; i < MEMBER_STATS_PARTY_AGE_BANDS; i++, e++) {
		years_before(s->date, member_stats_party_age_bands[i].min, edges[e]);
		sqlite3_bind_text(st, p++, edges[e], -1, SQLITE_TRANSIENT);
	}
	for (i = 1; i < MEMBER_STATS_PERIODS; i++)
		sqlite3_bind_text(st, p++, member_stats_periods[i].from, -1, SQLITE_STATIC);
	for (i = 0; i < neducations; i++)
		sqlite3_bind_text(st, p++, valid_educations[i].value, -1, SQLITE_STATIC);
	for (i = 0; i < ncategories; i++)
		sqlite3_bind_text(st, p++, valid_categories[i].value, -1, SQLITE_STATIC);

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int state = sqlite3_column_int(st, 0), c = 1;
		int64_t known;

#define COL() sqlite3_column_int64(st, c++)
		if (state == 1)
			s->stopped = COL();
		if (state != 0)
			continue;
		s->members = COL();
		s->full = COL();
		s->women = COL();
		s->minority = COL();
		s->outflow = COL();
		/* ages[i]: members i bands up or higher; the first band is all */
		ages[0] = s->members;
		for (i = 1; i < MEMBER_STATS_AGE_BANDS; i++)
			ages[i] = COL();
		ages[MEMBER_STATS_AGE_BANDS] = 0;
		years[0] = s->full;
		for (i = 1; i < MEMBER_STATS_PARTY_AGE_BANDS; i++)
			years[i] = COL();
		years[MEMBER_STATS_PARTY_AGE_BANDS] = 0;
		/* before[i]: joined before period i began */
		before[0] = 0;
		for (i = 1; i < MEMBER_STATS_PERIODS; i++)
			before[i] = COL();
		before[MEMBER_STATS_PERIODS] = s->members;
		for (i = 0; i < MEMBER_STATS_AGE_BANDS; i++)
			s->age[i] = ages[i] - ages[i + 1];
		for (i = 0; i < MEMBER_STATS_PARTY_AGE_BANDS; i++)
			s->party_age[i] = years[i] - years[i + 1];
		for (i = 0; i < MEMBER_STATS_PERIODS; i++)
			s->joined[i] = before[i + 1] - before[i];
		/* 未填 (and anything else) is what the named ones leave */
		for (i = 0, known = 0; i < neducations; i++)
			known += s->education[i] = COL();
		s->education[neducations] = s->members - known;
		for (i = 0, known = 0; i < ncategories; i++)
			known += s->category[i] = COL();
		s->category[ncategories] = s->members - known;
#undef COL
	}
	sqlite3_reset(st);
	s->probationary = s->members - s->full;
	s->men = s->members - s->women;
	s->han = s->members - s->minority;
	return rc == SQLITE_DONE ? DB_OK : rc == SQLITE_BUSY ? DB_BUSY : DB_ERROR;
}

void member_stats_shares(const int64_t *counts, int n, int64_t total,
                         int *tenths)
{
	int64_t left = 1000;
	int i;

	if (total <= 0) {
		for (i = 0; i < n; i++)
			tenths[i] = -1;
		return;
	}
	for (i = 0; i < n; i++) {
		tenths[i] = (int)(counts[i] * 1000 / total);
		left -= tenths[i];
	}
	/* one tenth each to the largest remainders, earlier rows first on a
	 * tie; a count with no remainder never gets one (what is left is
	 * less than the number of counts that have one) */
	while (left > 0) {
		int best = -1;
		int64_t rem = 0;

		for (i = 0; i < n; i++) {
			int64_t r = counts[i] * 1000 - (int64_t)tenths[i] * total;

			/* one rounded up already has a negative remainder */
			if (r > rem) {
				best = i;
				rem = r;
			}
		}
		if (best < 0)
			break;
		tenths[best]++;
		left--;
	}
}

int member_stats_share(int64_t count, int64_t total)
{
	if (total <= 0)
		return -1;
	return (int)((count * 2000 + total) / (total * 2));
}

/* --- the lines ------------------------------------------------------------ */

struct lines {
	struct member_stats_line *v;
	int n;
	int table, column;
};

static void add(struct lines *l, enum member_stats_kind kind, const char *label,
                const char *zh, int64_t count)
{
	if (l->n >= MEMBER_STATS_LINES)
		return;
	l->v[l->n++] = (struct member_stats_line){ kind, l->table, l->column,
	                                           label, zh, count, -1 };
}

static void heading(struct lines *l, int column, const char *label, const char *zh)
{
	if (l->n > 0)
		l->table++;
	l->column = column;
	add(l, MEMBER_STATS_HEADING, label, zh, 0);
}

/* The shares of the rows of the table being made. */
static void table_shares(struct lines *l, int64_t total)
{
	int64_t counts[MEMBER_STATS_LINES] = { 0 };
	int tenths[MEMBER_STATS_LINES], idx[MEMBER_STATS_LINES], n = 0, i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].table == l->table && l->v[i].kind == MEMBER_STATS_ROW) {
			idx[n] = i;
			counts[n++] = l->v[i].count;
		}
	}
	member_stats_shares(counts, n, total, tenths);
	for (i = 0; i < n; i++)
		l->v[idx[i]].share = tenths[i];
}

int member_stats_lines(const struct member_stats *s, struct member_stats_line *out)
{
	struct lines l = { out, 0, 0, 0 };
	int64_t sum = 0;
	int i, college = -1, share = 0;

	heading(&l, 0, N_("Members"), "一、党员人数");
	add(&l, MEMBER_STATS_TOTAL, N_("All members"), "党员总数", s->members);
	l.v[l.n - 1].share = s->members > 0 ? 1000 : -1;
	add(&l, MEMBER_STATS_ROW, N_("Full members"), "正式党员", s->full);
	add(&l, MEMBER_STATS_ROW, N_("Probationary members"), "预备党员", s->probationary);
	table_shares(&l, s->members);
	add(&l, MEMBER_STATS_OF_WHICH, N_("of which flowing out"), "其中：流出党员",
	    s->outflow);
	l.v[l.n - 1].share = member_stats_share(s->outflow, s->members);
	add(&l, MEMBER_STATS_ASIDE, N_("Membership stopped (not counted)"),
	    "另：停止党籍（不计入）", s->stopped);

	heading(&l, 0, N_("Gender"), "二、性别");
	add(&l, MEMBER_STATS_ROW, N_("Men"), "男", s->men);
	add(&l, MEMBER_STATS_ROW, N_("Women"), "女", s->women);
	table_shares(&l, s->members);

	heading(&l, 0, N_("Ethnicity"), "三、民族");
	add(&l, MEMBER_STATS_ROW, N_("Han"), "汉族", s->han);
	add(&l, MEMBER_STATS_ROW, N_("Ethnic minorities"), "少数民族", s->minority);
	table_shares(&l, s->members);

	heading(&l, 0, N_("Age"), "四、年龄");
	for (i = 0; i < MEMBER_STATS_AGE_BANDS; i++)
		add(&l, MEMBER_STATS_ROW, member_stats_age_bands[i].label,
		    member_stats_age_bands[i].zh, s->age[i]);
	table_shares(&l, s->members);

	heading(&l, 0, N_("Joined the Party"), "五、入党时间");
	for (i = 0; i < MEMBER_STATS_PERIODS; i++)
		add(&l, MEMBER_STATS_ROW, member_stats_periods[i].label,
		    member_stats_periods[i].zh, s->joined[i]);
	table_shares(&l, s->members);

	heading(&l, 1, N_("Education"), "六、学历");
	for (i = 0; i < s->neducation; i++) {
		bool unknown = i == s->neducation - 1;
		const char *v = unknown ? NULL : valid_educations[i].value;

		add(&l, MEMBER_STATS_ROW, unknown ? N_("not recorded") : v,
		    unknown ? "未填" : v, s->education[i]);
		/* 大专及以上: 研究生, 大学本科, 大学专科 (the list's order) */
		if (v && strcmp(v, "大学专科") == 0)
			college = i;
	}
	table_shares(&l, s->members);
	if (college >= 0) {
		for (i = 0; i <= college; i++) {
			struct member_stats_line *r = &l.v[l.n - s->neducation + i];

			sum += r->count;
			share += r->share;
		}
		add(&l, MEMBER_STATS_OF_WHICH, N_("of which college and above"),
		    "其中：大专及以上", sum);
		l.v[l.n - 1].share = s->members > 0 ? share : -1;
	}

	heading(&l, 1, N_("Occupation"), "七、职业（人员分类）");
	for (i = 0; i < s->ncategory; i++) {
		bool unknown = i == s->ncategory - 1;

		add(&l, MEMBER_STATS_ROW,
		    unknown ? N_("not recorded") : valid_categories[i].value,
		    unknown ? "未填" : valid_categories[i].value, s->category[i]);
	}
	table_shares(&l, s->members);

	heading(&l, 1, N_("Years in the Party"), "八、党龄");
	for (i = 0; i < MEMBER_STATS_PARTY_AGE_BANDS; i++)
		add(&l, MEMBER_STATS_ROW, member_stats_party_age_bands[i].label,
		    member_stats_party_age_bands[i].zh, s->party_age[i]);
	add(&l, MEMBER_STATS_ROW, N_("probationary (none yet)"), "预备党员（无党龄）",
	    s->probationary);
	table_shares(&l, s->members);
	return l.n;
}
