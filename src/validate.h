/* validate.h - the rules of SPEC 1.1 for one value at a time.
 *
 * Every validator takes user input (UTF-8, possibly with full-width digits
 * or surrounding spaces), writes the normalized value to be stored, and
 * returns NULL when it is acceptable or a message id (marked with N_, not
 * translated here) that says in words what is wrong.
 */
#ifndef ZHIBU_VALIDATE_H
#define ZHIBU_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

/* What an ID number tells about its holder. */
struct id_info {
	char birth_date[11];    /* YYYY-MM-DD */
	char gender[4];         /* "男" or "女" (UTF-8) */
	char region[7];         /* the six-digit region code */
};

/* 身份证号: 18 characters, GB 11643 checksum, valid region prefix, real
 * birth date not in the future; full-width digits and x normalized.  OUT
 * gets the 18 normalized characters; INFO (may be NULL) what it encodes. */
const char *valid_id_number(const char *in, char out[19], struct id_info *info);

/* The checksum character of the first 17 digits ('0'-'9' or 'X'). */
char valid_id_checksum(const char *digits17);

/* Mask an ID number for display: 110105********123X (first six, last four). */
void valid_id_mask(const char *id, char out[19]);

/* A date in any accepted form (2024-03-05, 2024/3/5, 2024.3.5, 20240305,
 * 2024年3月5日), full-width digits allowed; OUT gets YYYY-MM-DD.  The year
 * must lie between 1900 and 2100 and the day must exist. */
const char *valid_date(const char *in, char out[11]);

/* Today's date as YYYY-MM-DD in local time (tests may pin it with the
 * environment variable ZHIBU_TODAY). */
void valid_today(char out[11]);

/* Whole years between two ISO dates (age on a day). */
int valid_years_between(const char *from, const char *to);

/* ISO date FROM plus YEARS and MONTHS, then DAYS (any may be negative),
 * into OUT, the way SQLite's date() modifiers count: a day the month
 * lacks runs on into the next month.  False if FROM is not a date or the
 * result falls outside the years 1900-2100. */
bool valid_date_add(const char *from, int years, int months, int days,
                    char out[11]);

/* FROM plus MONTHS into OUT, a day the target month lacks becoming its
 * last day (months "of the calendar": half a year from 31 August ends on
 * the last day of February).  False as valid_date_add. */
bool valid_date_add_months_end(const char *from, int months, char out[11]);

/* 联系电话: a mobile number 1[3-9]XXXXXXXXX, or a landline 0AA(A)-NNNNNNN(N)
 * with optional -ext; spaces and full-width digits normalized.  Empty input
 * is accepted (stored empty). */
const char *valid_phone(const char *in, char *out, size_t outsz);

/* 姓名: required, 1-20 characters after normalization (text_normalize_name);
 * letters of any script, CJK of every extension, the middle dot; no
 * digits, controls or other punctuation.  Controls, bidi controls and
 * TEXT_HIDDEN characters get a reason of their own (valid_class_reason). */
const char *valid_name(const char *in, char *out, size_t outsz);

/* A free text of at most MAXCHARS characters, with no character of
 * TEXT_UNSAFE (controls, bidi controls, noncharacters); line breaks only
 * when MULTILINE.  Invisible characters are let be: wherever the text is
 * shown they are flagged (text_sanitize). */
const char *valid_text(const char *in, size_t maxchars, bool multiline,
                       char *out, size_t outsz);

/* A name that tells one thing of the branch from another: a party group
 * (at most 20 characters) or the branch (40).  As valid_text on one line,
 * and it refuses invisible, variation-selector and private-use characters
 * (TEXT_HIDDEN); every kind of space (no-break, en, thin ...) becomes one
 * ASCII space and a run of them one, so that two names that look the
 * same are the same.  Empty input is accepted (stored empty). */
const char *valid_label(const char *in, size_t maxchars, char *out, size_t outsz);

/* Why a character of class C (text.h) is refused, a message id; NULL
 * for TEXT_PLAIN. */
const char *valid_class_reason(enum text_class c);

/* 是 or 否 (and the ways sheets write them: 有/无, √/×, 1/0, yes/no):
 * OUT gets "1" or "0". */
const char *valid_bool(const char *in, char out[2]);

/* A whole number within MIN..MAX (full-width digits allowed) into OUT. */
const char *valid_int(const char *in, int min, int max, char *out, size_t outsz);

/* A time of day (8:30, 0830, 8点30) as HH:MM into OUT. */
const char *valid_time(const char *in, char out[6]);

/* A set of weekdays (一三五, 周一、周三, 1,3,5, 工作日, 周末, 每天) as
 * their digits 1 (Monday) to 7 in order, e.g. "135", into OUT. */
const char *valid_weekdays(const char *in, char out[8]);

/* A closed list of choices, with the accepted spellings of each. */
struct choice {
	const char *value;              /* canonical, stored */
	const char *const *aliases;     /* other accepted spellings, NULL-ended */
};

/* Look IN up in CHOICES (value or alias, spaces trimmed); the canonical
 * value, or NULL if it is not one of them. */
const char *valid_choice(const struct choice *choices, const char *in);

/* Number of entries of CHOICES.  Every table below ends with an entry
 * whose value is NULL, and every entry has an alias list (maybe empty). */
size_t valid_choice_count(const struct choice *choices);

/* "is required": the reason of an empty value that must be given. */
extern const char valid_msg_required[];

extern const struct choice valid_genders[];        /* 男 女 */
extern const struct choice valid_ethnicities[];    /* the 56 groups */
extern const struct choice valid_educations[];     /* 研究生 ... 初中及以下 */
extern const struct choice valid_member_types[];   /* 正式党员 预备党员 */
extern const struct choice valid_categories[];     /* 工人 ... 离退休人员 (党内统计) */
extern const struct choice valid_statuses[];       /* 在册 流出 ... 取消预备党员资格 */

#endif
