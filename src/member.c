/* member.c - a roster record (党员花名册) checked as a whole, SPEC 1.1.
 *
 * validate.c judges one value at a time; this file runs those checks over
 * every field, writes the normalized values back, and adds the rules that
 * tie fields together.  Every problem is collected, not just the first, so
 * an import report or a form can name them all at once.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "gettext.h"
#include "member.h"
#include "text.h"
#include "validate.h"

static const char msg_required[] = N_("is required");
static const char msg_not_choice[] = N_("is not one of the choices");
static const char msg_disagree[] = N_("does not agree with the ID number");
static const char msg_future[] = N_("is in the future");
static const char msg_before_birth[] = N_("is before the birth date");
static const char msg_under_18[] = N_("the member was under 18 on this date");
static const char msg_full_required[] = N_("is required for a full member");
static const char msg_full_probation[] =
	N_("must be empty for a probationary member");
static const char msg_full_order[] = N_("must be after the join date");

struct problems {
	struct member_problem *p;
	int n;
};

static void problem(struct problems *ps, const char *field, const char *reason)
{
	if (ps->n < MEMBER_MAX_PROBLEMS) {
		ps->p[ps->n].field = field;
		ps->p[ps->n].reason = reason;
		ps->n++;
	}
}

/* Store VALUE in DST (SIZE bytes); the callers' values always fit, the
 * check only keeps a mistake from overrunning the record. */
static void set(char *dst, size_t size, const char *value)
{
	size_t n = strlen(value);

	if (dst != value && n < size)
		memmove(dst, value, n + 1);
}

#define SET(m, field, value) set((m)->field, sizeof((m)->field), (value))

/* A choice field: trimmed, then empty (returns NULL, REQUIRED reports it)
 * or replaced by its canonical value (returned). */
static const char *check_choice(struct problems *ps, const char *key,
                                char *field, size_t size,
                                const struct choice *choices, bool required)
{
	const char *v;

	text_trim(field);
	if (*field == '\0') {
		if (required)
			problem(ps, key, msg_required);
		return NULL;
	}
	v = valid_choice(choices, field);
	if (!v) {
		problem(ps, key, msg_not_choice);
		return NULL;
	}
	set(field, size, v);
	return v;
}

/* An optional date field, normalized; true if it holds a valid date not
 * after TODAY. */
static bool check_date(struct problems *ps, const char *key, char field[11],
                       const char *today)
{
	char out[11];
	const char *r;

	text_trim(field);
	if (*field == '\0')
		return false;
	r = valid_date(field, out);
	if (r) {
		problem(ps, key, r);
		return false;
	}
	memcpy(field, out, sizeof(out));
	if (strcmp(field, today) > 0) {
		problem(ps, key, msg_future);
		return false;
	}
	return true;
}

/* A free-text field of at most MAXCHARS characters. */
static void check_text(struct problems *ps, const char *key, char *field,
                       size_t size, size_t maxchars, bool multiline)
{
	char buf[UTF8_BUF(200)];
	const char *r;

	r = valid_text(field, maxchars, multiline, buf,
	               size < sizeof(buf) ? size : sizeof(buf));
	if (r)
		problem(ps, key, r);
	else
		set(field, size, buf);
}

#define TEXT(ps, m, field, maxchars, multiline) \
	check_text(ps, #field, (m)->field, sizeof((m)->field), maxchars, \
	           multiline)

/* Check and normalize every field of M; see member.h for the rules. */
int member_check(struct member *m, const char *today,
                 struct member_problem p[MEMBER_MAX_PROBLEMS])
{
	struct problems ps = { p, 0 };
	char buf[UTF8_BUF(20)], now[11], id[19], phone[sizeof(m->phone)];
	const char *r, *id_reason, *v, *type;
	struct id_info info;
	bool birth_ok, join_ok;

	if (!today || !*today) {
		valid_today(now);
		today = now;
	}

	/* The ID number first: gender and birth date are checked against it
	 * and filled from it, though its own problem is listed in SPEC
	 * order below. */
	id_reason = valid_id_number(m->id_number, id, &info);
	if (!id_reason)
		SET(m, id_number, id);

	r = valid_name(m->name, buf, sizeof(m->name));
	if (r)
		problem(&ps, "name", r);
	else
		SET(m, name, buf);

	/* 性别: empty means "as the ID number says".  With a bad ID number
	 * there is nothing to fill in, and its own problem says what to fix. */
	text_trim(m->gender);
	if (*m->gender == '\0') {
		if (!id_reason)
			SET(m, gender, info.gender);
	} else if ((v = check_choice(&ps, "gender", m->gender,
	                             sizeof(m->gender), valid_genders, true))) {
		if (!id_reason && strcmp(v, info.gender) != 0)
			problem(&ps, "gender", msg_disagree);
	}

	/* 民族: SPEC's default when left empty (spreadsheets often leave it
	 * blank for 汉族). */
	text_trim(m->ethnicity);
	if (*m->ethnicity == '\0')
		SET(m, ethnicity, "汉族");
	else
		check_choice(&ps, "ethnicity", m->ethnicity,
		             sizeof(m->ethnicity), valid_ethnicities, true);

	/* 出生日期: like the gender, from the ID number when empty. */
	text_trim(m->birth_date);
	if (*m->birth_date == '\0' && !id_reason) {
		SET(m, birth_date, info.birth_date);
		birth_ok = true;
	} else {
		birth_ok = check_date(&ps, "birth_date", m->birth_date, today);
		if (birth_ok && !id_reason &&
		    strcmp(m->birth_date, info.birth_date) != 0) {
			problem(&ps, "birth_date", msg_disagree);
			birth_ok = false;
		}
	}

	if (id_reason)
		problem(&ps, "id_number", id_reason);

	check_choice(&ps, "education", m->education, sizeof(m->education),
	             valid_educations, false);
	type = check_choice(&ps, "member_type", m->member_type,
	                    sizeof(m->member_type), valid_member_types, true);
	check_choice(&ps, "category", m->category, sizeof(m->category),
	             valid_categories, false);

	/* 入党日期: required, not ahead of today, at 18 or older. */
	text_trim(m->join_date);
	if (*m->join_date == '\0')
		problem(&ps, "join_date", msg_required);
	join_ok = check_date(&ps, "join_date", m->join_date, today);
	if (join_ok && birth_ok) {
		if (strcmp(m->join_date, m->birth_date) <= 0) {
			problem(&ps, "join_date", msg_before_birth);
			join_ok = false;
		} else if (valid_years_between(m->birth_date,
		                               m->join_date) < 18) {
			problem(&ps, "join_date", msg_under_18);
		}
	}

	/* 转正日期: a 预备党员 has none yet; a 正式党员 must have one. */
	text_trim(m->full_date);
	if (type && strcmp(type, "预备党员") == 0 && *m->full_date) {
		problem(&ps, "full_date", msg_full_probation);
	} else if (type && strcmp(type, "正式党员") == 0 && !*m->full_date) {
		problem(&ps, "full_date", msg_full_required);
	} else if (check_date(&ps, "full_date", m->full_date, today) &&
	           join_ok && strcmp(m->full_date, m->join_date) <= 0) {
		problem(&ps, "full_date", msg_full_order);
	}

	check_choice(&ps, "status", m->status, sizeof(m->status),
	             valid_statuses, true);
	check_date(&ps, "status_date", m->status_date, today);
	TEXT(&ps, m, status_reason, 60, false);

	TEXT(&ps, m, work_unit, 60, false);
	r = valid_phone(m->phone, phone, sizeof(phone));
	if (r)
		problem(&ps, "phone", r);
	else
		SET(m, phone, phone);
	TEXT(&ps, m, address, 80, false);
	TEXT(&ps, m, party_group, 20, false);
	TEXT(&ps, m, note, 200, true);
	return ps.n;
}

/* A new record: 汉族, 正式党员, 在册, everything else empty. */
void member_init(struct member *m)
{
	memset(m, 0, sizeof(*m));
	SET(m, ethnicity, "汉族");
	SET(m, member_type, "正式党员");
	SET(m, status, "在册");
}
