/* member_query.h - the roster's orders, filters and search (query.h),
 * and what its dashboard asks of it. */
#ifndef ZHIBU_MEMBER_QUERY_H
#define ZHIBU_MEMBER_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "member.h"
#include "query.h"

/* The roster's orders (member_queries.sorts). */
enum member_sort {
	MEMBER_SORT_STROKES,    /* 姓氏笔画 (default) */
	MEMBER_SORT_PINYIN,
	MEMBER_SORT_JOIN,       /* 入党日期 */
	MEMBER_SORT_COUNT
};

/* The roster's filters, their places in struct query's values: a choice
 * of the field; the group by its key.  Status "" means the current
 * members (在册 and 流出), "*" every status. */
enum member_filter {
	MEMBER_FILTER_CATEGORY,
	MEMBER_FILTER_TYPE,
	MEMBER_FILTER_STATUS,
	MEMBER_FILTER_GROUP,
};

/* The search is a part of a name, its pinyin or initials, or the end of
 * an ID number or phone (search.h). */
extern const struct query_def member_queries;

#define MEMBER_KEY QUERY_KEY

/* One member as a list row: the record and its sort key. */
struct member_row {
	struct member m;
	char key[MEMBER_KEY];
};

/* query_page of the roster into member rows. */
static inline int member_query_page(struct db *db, const struct query *q, const char *key,
                                    int64_t id, int dir, int n, struct member_row *rows)
{
	const struct query_rows r = { rows, sizeof *rows, offsetof(struct member_row, key),
	                              offsetof(struct member_row, m) };

	return query_page(db, &member_queries, q, key, id, dir, n, &r);
}

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

/* What the due lists call for each member they find (CTX is the
 * caller's). */
typedef void member_due_fn(void *ctx, const struct member_due *d);

/* 转正: up to LIMIT probationary members (预备党员, current) whose
 * probation ends on or before TODAY + DAYS days — a year after joining,
 * or the end of its extension — overdue ones first; *TOTAL (may be
 * NULL) gets how many there are in all. */
int member_query_full_due(struct db *db, const char *today, int days, int limit,
                          int64_t *total, member_due_fn *fn, void *ctx);

/* 政治生日: up to LIMIT current members who joined in TODAY's month of an
 * earlier year, from TODAY's day of the month on, by day; *TOTAL (may be
 * NULL) gets how many have their anniversary in the whole month. */
int member_query_anniversaries(struct db *db, const char *today, int limit,
                               int64_t *total, member_due_fn *fn, void *ctx);

/* The party groups in their order, each with how many current members
 * (在册 and 流出) it has. */
int member_groups_each(struct db *db,
                       void (*fn)(void *ctx, int64_t id, const char *name,
                                  int64_t members),
                       void *ctx);

#endif
