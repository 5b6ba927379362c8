/* member_stats.h - 党员统计: the figures the annual 党内统计 asks a
 * branch for, as of a chosen date (SPEC 1.1, 1.5).
 *
 * Who counts on a date D: the members of the branch on D.  They joined
 * on or before D (入党日期 <= D) and were not gone by D: a member whose
 * 党籍状态 is 转出, 去世, 开除党籍, 除名, 退党 or 取消预备党员资格 with a
 * status date on or before D is not counted (one gone after D still is).
 * 停止党籍 members are not counted either (党员教育管理工作条例第二十四条:
 * their 党籍 is stopped) but are shown apart.  流出 members are our
 * members: counted, and shown as 流出 too.  A status without a date counts
 * as in effect since joining.
 *
 * The roster keeps each member's present status and its date, not the
 * earlier ones: a member whose status changed after D is counted as a
 * member on D (and not as 流出 on D), whatever he was then, and a member
 * transferred in counts from the day he joined the Party.  The audit log
 * has the earlier statuses, but it records when a change was typed, not
 * when it took effect, and a laptop's changes are replayed without it: it
 * is not used.
 *
 * Everything is counted by SQLite in one pass over the roster, never a
 * member in memory here.  Nothing here draws or translates: the labels
 * are message ids (N_) for the screen, with the wording the printed
 * report uses beside them.
 */
#ifndef ZHIBU_MEMBER_STATS_H
#define ZHIBU_MEMBER_STATS_H

#include <stdint.h>

#include "db.h"

/* A band of whole years: from MIN up to the next band's MIN. */
struct member_stats_band {
	int min;
	const char *label;      /* message id */
	const char *zh;         /* as the printed report says it */
};

/* A period of joining: from the day FROM up to the next period's. */
struct member_stats_period {
	const char *from;       /* YYYY-MM-DD, "" for the first */
	const char *label;
	const char *zh;
};

#define MEMBER_STATS_AGE_BANDS 8
#define MEMBER_STATS_PARTY_AGE_BANDS 7
#define MEMBER_STATS_PERIODS 4
#define MEMBER_STATS_CHOICES 16         /* >= each choice list, + 未填 */

/* 年龄: the bands of the 中国共产党党内统计公报 (30岁及以下 ... 61岁及以上). */
extern const struct member_stats_band member_stats_age_bands[MEMBER_STATS_AGE_BANDS];
/* 党龄 of 正式党员: the branch report's own bands (see member_stats.c). */
extern const struct member_stats_band member_stats_party_age_bands[MEMBER_STATS_PARTY_AGE_BANDS];
/* 入党时间: the periods of the 公报. */
extern const struct member_stats_period member_stats_periods[MEMBER_STATS_PERIODS];

/* The figures on one day. */
struct member_stats {
	char date[11];                  /* the day counted on, YYYY-MM-DD */
	int64_t members;                /* members of the branch that day */
	int64_t full, probationary;     /* 正式党员 (转正日期 <= date), 预备党员 */
	int64_t men, women;
	int64_t han, minority;          /* 汉族, 少数民族 */
	int64_t outflow;                /* 流出 that day: counted in members */
	int64_t stopped;                /* 停止党籍 that day: not counted */
	int64_t age[MEMBER_STATS_AGE_BANDS];
	int64_t party_age[MEMBER_STATS_PARTY_AGE_BANDS];   /* 正式党员 only */
	int64_t joined[MEMBER_STATS_PERIODS];
	/* valid_educations' and valid_categories' order, then 未填 */
	int64_t education[MEMBER_STATS_CHOICES];
	int64_t category[MEMBER_STATS_CHOICES];
	int neducation, ncategory;      /* entries used, 未填 included */
};

/* Count the figures of the members on DATE (YYYY-MM-DD) into S in one
 * statement (one snapshot).  enum db_status. */
int member_stats_count(struct db *db, const char *date, struct member_stats *s);

/* Shares of TOTAL in tenths of a percent that add up to exactly 1000
 * when the N COUNTS add up to TOTAL: each share is rounded down, and the
 * tenths left over go one each to the largest remainders (Hamilton's
 * method; on a tie, the earlier row).  All -1 when TOTAL is 0. */
void member_stats_shares(const int64_t *counts, int n, int64_t total,
                         int *tenths);

/* One count's share of TOTAL in tenths of a percent, rounded half up;
 * -1 when TOTAL is 0. */
int member_stats_share(int64_t count, int64_t total);

/* A line of the figures as the screen and the report show them. */
enum member_stats_kind {
	MEMBER_STATS_HEADING,   /* a table's title */
	MEMBER_STATS_TOTAL,     /* 党员总数: the base of every share */
	MEMBER_STATS_ROW,       /* a part: a table's parts add up to the total */
	MEMBER_STATS_OF_WHICH,  /* 其中: some of the members, not a part */
	MEMBER_STATS_ASIDE,     /* 另: shown so nothing is hidden, not counted */
};

struct member_stats_line {
	enum member_stats_kind kind;
	int table;              /* which table, 0 first */
	int column;             /* 0 or 1: where a two-column page puts it */
	const char *label;      /* a message id, or a stored value (学历, 人员分类) */
	const char *zh;         /* the printed report's words */
	int64_t count;
	int share;              /* tenths of a percent of the members; -1 none */
};

#define MEMBER_STATS_LINES 72

/* The figures of S as lines, tables in order, into OUT (room for
 * MEMBER_STATS_LINES); returns how many. */
int member_stats_lines(const struct member_stats *s,
                       struct member_stats_line *out);

/* Footnotes: what is counted and how, as message ids with the printed
 * wording beside them; ended by a NULL label. */
struct member_stats_note {
	const char *label;
	const char *zh;
};
extern const struct member_stats_note member_stats_notes[];

#endif
