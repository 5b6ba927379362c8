/* member.h - one member of the roster (党员花名册), SPEC 1.1.
 *
 * Plain data shared by the validators, the store and the screens.  Text
 * fields are UTF-8, sized for their longest allowed value; the short
 * coded fields have room for the longer spellings people type (2024年3月5日,
 * full-width digits, 女性) so that member_check() sees them whole.
 */
#ifndef ZHIBU_MEMBER_H
#define ZHIBU_MEMBER_H

#include <stdint.h>

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
	char work_unit[UTF8_BUF(60)];   /* 工作单位及职务 */
	char phone[INPUT_BUF];          /* 联系电话 */
	char address[UTF8_BUF(80)];     /* 居住地址 */
	char party_group[UTF8_BUF(20)]; /* 党小组 (its name) */
	char note[UTF8_BUF(200)];       /* 备注 */
	char created_at[32];
	char updated_at[32];
	int64_t version;                /* bumped on every update */
};

/* One problem found in a member record: which field and why (message id). */
struct member_problem {
	const char *field;              /* key, e.g. "id_number" */
	const char *reason;             /* N_() message id */
};

#define MEMBER_MAX_PROBLEMS 20

/* Normalize every field of M in place (trim, full-width digits, date forms,
 * education spellings, name dots) and check each field and their agreement
 * (gender and birth date with the ID number, age at joining, full_date
 * after join_date and required for 正式党员 ...).  TODAY is YYYY-MM-DD.
 * Returns the number of problems written to P (at most MEMBER_MAX_PROBLEMS);
 * 0 means M may be stored.  Uniqueness of the ID number is the store's. */
int member_check(struct member *m, const char *today,
                 struct member_problem p[MEMBER_MAX_PROBLEMS]);

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

#endif
