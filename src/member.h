/* member.h - one member of the roster (党员花名册), SPEC 1.1.
 *
 * Plain data shared by the validators, the store and the screens.  Text
 * fields are UTF-8, sized for their longest allowed value; the short
 * coded fields have room for the longer spellings people type (2024年3月5日,
 * full-width digits, 女性) so that member_check() sees them whole.
 */
#ifndef ZHIBU_MEMBER_H
#define ZHIBU_MEMBER_H

#include <stdbool.h>
#include <stdint.h>

#include "field.h"

/* Bytes for N characters of UTF-8 plus the NUL. */
#define UTF8_BUF(n) ((n) * 4 + 1)

/* Room for a typed date, code or number before it is normalized. */
#define INPUT_BUF 64

struct member {
	int64_t id;                     /* random 63-bit key, 0 = not stored yet */
	char name[UTF8_BUF(20)];        /* 姓名 */
	char gender[INPUT_BUF];         /* 性别: 男/女 */
	char ethnicity[INPUT_BUF];      /* 民族 */
	char birth_date[INPUT_BUF];     /* 出生日期 YYYY-MM-DD */
	char id_number[INPUT_BUF];      /* 身份证号 */
	char education[INPUT_BUF];      /* 学历 (canonical) */
	char member_type[INPUT_BUF];    /* 党员类别: 正式党员/预备党员 */
	char category[INPUT_BUF];       /* 人员分类 */
	char join_date[INPUT_BUF];      /* 入党日期 */
	char full_date[INPUT_BUF];      /* 转正日期, empty for 预备党员 */
	char status[INPUT_BUF];         /* 党籍状态 */
	char status_date[INPUT_BUF];    /* when the status last changed */
	char status_reason[UTF8_BUF(60)];
	char probation_end[INPUT_BUF];  /* 预备期 extended to; empty: join + 1 year */
	char probation_reason[UTF8_BUF(60)]; /* why it was extended */
	char work_unit[UTF8_BUF(60)];   /* 工作单位及职务 */
	char phone[INPUT_BUF];          /* 联系电话 */
	char address[UTF8_BUF(80)];     /* 居住地址 */
	char party_group[UTF8_BUF(20)]; /* 党小组 (its name) */
	char note[UTF8_BUF(200)];       /* 备注 */
	char created_at[32];
	char updated_at[32];
	int64_t version;                /* bumped on every update */
};

#define MEMBER_MAX_PROBLEMS 20

/* Normalize every field of M in place (trim, full-width digits, date forms,
 * education spellings, name dots) and check each field and their agreement
 * (gender and birth date with the ID number, age at joining, full_date
 * after join_date and required for 正式党员 ...).  TODAY is YYYY-MM-DD.
 * Returns the number of problems written to P (at most MEMBER_MAX_PROBLEMS);
 * 0 means M may be stored.  Uniqueness of the ID number is the store's. */
int member_check(struct member *m, const char *today,
                 struct field_problem p[MEMBER_MAX_PROBLEMS]);

/* The rules of member_check() in detail:
 * - required: name, id_number (uniqueness makes it one), member_type,
 *   join_date, status; gender and birth_date left empty are taken from
 *   the ID number, an empty ethnicity becomes 汉族; education, category,
 *   full_date of a 预备党员, status_date and the free texts may be empty.
 * - gender and birth_date must agree with the ID number; with an invalid
 *   ID number only the ID number is reported for them.
 * - join_date: not after TODAY, after the birth date, the member 18 or
 *   older on it (a 29 February birthday counts from 1 March).
 * - full_date: required for 正式党员, empty for 预备党员, after join_date,
 *   not after TODAY.  status_date: a date not after TODAY, if given.
 * - Limits: work_unit and status_reason 60 characters, address 80,
 *   party_group 20, note 200 (the only one with line breaks).
 * - Problem fields are the SPEC 1.1 keys, plus status_date and
 *   status_reason.  A NULL or empty TODAY means the real today.
 * Values are normalized inside M's buffers, which have room for the longer
 * spellings (INPUT_BUF). */

/* Fill the defaults of a new record (民族 汉族, 在册, 正式党员 ...). */
void member_init(struct member *m);

/* 党籍状态 changes (members are never deleted; see member.c for the
 * table of what may follow what and the rules it comes from). */

/* 在册 or 流出: a member of the branch now. */
bool member_status_current(const char *status);

/* 去世 or one of the ways of leaving the Party: nothing follows. */
bool member_status_final(const char *status);

/* NULL if M may go from its status to TO, else the reason (message id). */
const char *member_status_change(const struct member *m, const char *to);

/* Whether the change of M to TO must give a reason, and whether it must
 * be confirmed (a final status; a return from 停止党籍). */
bool member_status_needs_reason(const struct member *m, const char *to);
bool member_status_needs_confirm(const struct member *m, const char *to);

/* NULL if a member stored as WAS may be saved with member type TYPE:
 * a full member never becomes probationary again (党章第七条). */
const char *member_type_change(const struct member *was, const char *type);

/* NULL if DATE (YYYY-MM-DD) may be the date of M's next status TO: not
 * in the future, not before joining nor before the present status's
 * date, and 除名 after 停止党籍 two years after it at the earliest;
 * else the reason. */
const char *member_status_date(const struct member *m, const char *to,
                               const char *date, const char *today);

/* 预备期满: the end of M's probation, a year after joining or the end of
 * its extension (党章第七条), as YYYY-MM-DD ("" if the joining date is
 * not a date). */
void member_probation_end(const struct member *m, char out[11]);

/* The 转正日期 to offer M on TODAY: the day the probation ended, or its
 * last day when that is today (the day after is not there yet). */
void member_full_date_offered(const struct member *m, const char *today,
                              char out[11]);

/* NULL once M's probation is over (its last day has come: 转正 and an
 * extension are decided then, 党章第七条), else why not. */
const char *member_probation_over(const struct member *m, const char *today);

/* 党龄 on day ON: whole years since the full-membership date (党章第七条:
 * 党龄 counts from the day the probation ended); -1 for a 预备党员. */
int member_party_age(const struct member *m, const char *on);

/* 入党 N 周年: whole years since joining, on day ON. */
int member_anniversary(const struct member *m, const char *on);

/* 转正, the three outcomes of a probation (党章第七条), and a change of
 * 党籍状态: each checks M as changed by the rules above and, when
 * nothing is wrong, writes the change into M (normalized) and returns
 * NULL; else it returns the reason (a message id) with the field it is
 * about in *FIELD and leaves M as it was.  Storing M is the caller's.
 * - member_make_full: 按期转正 on DATE, the day the probation ended;
 * - member_extend_probation: 延长预备期 to UNTIL, once, with a REASON;
 * - member_change_status: to status TO on DATE with REASON (required
 *   where member_status_needs_reason says); 取消预备党员资格 is one. */
const char *member_make_full(struct member *m, const char *date,
                             const char *today, const char **field);
const char *member_extend_probation(struct member *m, const char *until,
                                    const char *reason, const char *today,
                                    const char **field);
const char *member_change_status(struct member *m, const char *to,
                                 const char *date, const char *reason,
                                 const char *today, const char **field);

/* The day M's age is counted to: today, or the date of the status of a
 * member who died or left the Party (they stop ageing on screen). */
const char *member_age_date(const struct member *m, const char *today);

#endif
