/* member_query.h - reading the roster a window at a time (keyset paging),
 * filtered and searched, for the list screen and exports. */
#ifndef ZHIBU_MEMBER_QUERY_H
#define ZHIBU_MEMBER_QUERY_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "member.h"

enum member_sort {
	MEMBER_SORT_STROKES,    /* 姓氏笔画 (default) */
	MEMBER_SORT_PINYIN,
	MEMBER_SORT_JOIN,       /* 入党日期 */
	MEMBER_SORT_COUNT
};

/* Which members a list shows.  Empty strings and 0 mean "any"; status ""
 * means the current members (在册 and 流出), "*" every status. */
struct member_query {
	enum member_sort sort;
	char search[128];       /* as typed: name, pinyin, initials, ID/phone tail */
	char category[32];
	char member_type[16];
	char status[16];
	int64_t group_id;
};

#define MEMBER_KEY 800   /* >= COLLATE_KEY_SIZE */

/* One member as a list row: the record and its sort key. */
struct member_row {
	struct member m;
	char key[MEMBER_KEY];
};

/* Read up to N members after (DIR > 0), before (DIR < 0) or from (DIR 0)
 * the row (KEY, ID) in the query's order; KEY NULL starts at the first row
 * (DIR >= 0) or ends at the last (DIR < 0).  Rows come back in display
 * order.  Returns how many, or a negative enum db_status. */
int member_query_page(struct db *db, const struct member_query *q,
                      const char *key, int64_t id, int dir, int n,
                      struct member_row *rows);

/* The sort key of member ID in Q's order, into KEY (size KEYSZ). */
int member_query_key(struct db *db, const struct member_query *q, int64_t id,
                     char *key, size_t keysz);

/* How many members the query selects. */
int64_t member_query_count(struct db *db, const struct member_query *q);

/* What the dashboard lists about one member. */
struct member_due {
	int64_t id;
	const char *name;
	const char *date;       /* the day it falls due / the anniversary */
	int years;              /* anniversaries: 入党 N 周年 */
	int party_years;        /* anniversaries: 党龄 on that day, -1 for a
	                         * 预备党员 (党章第七条: from 转正) */
	bool extended;          /* 转正: the probation was extended */
};

/* 转正: up to LIMIT probationary members (预备党员, current) whose
 * probation ends on or before TODAY + DAYS days — a year after joining,
 * or the end of its extension — overdue ones first; *TOTAL (may be
 * NULL) gets how many there are in all. */
int member_query_full_due(struct db *db, const char *today, int days, int limit,
                          int64_t *total,
                          void (*fn)(void *ctx, const struct member_due *d),
                          void *ctx);

/* 政治生日: up to LIMIT current members who joined in TODAY's month of an
 * earlier year, from TODAY's day of the month on, by day; *TOTAL (may be
 * NULL) gets how many have their anniversary in the whole month. */
int member_query_anniversaries(struct db *db, const char *today, int limit,
                               int64_t *total,
                               void (*fn)(void *ctx, const struct member_due *d),
                               void *ctx);

#endif
