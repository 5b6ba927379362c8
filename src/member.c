/* member.c - a roster record (党员花名册) checked as a whole, SPEC 1.1.
 *
 * validate.c judges one value at a time; this file runs those checks over
 * every field, writes the normalized values back, and adds the rules that
 * tie fields together.  Every problem is collected, not just the first, so
 * an import report or a form can name them all at once.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "gettext.h"
#include "member.h"
#include "text.h"
#include "validate.h"

static const char msg_disagree[] = N_("does not agree with the ID number");
static const char msg_future[] = N_("is in the future");
static const char msg_before_join[] = N_("is before the joining date");
static const char msg_cancel_full[] =
	N_("only a probationary member can lose the probationary membership (Party Constitution art. 7)");
static const char msg_expel_probation[] =
	N_("a probationary member is not expelled or struck off: the probationary membership is cancelled (Party Constitution art. 7; Disciplinary Regulations art. 36)");

/* The day the Party counts from: it was founded in July 1921, and 1 July
 * is kept as its anniversary. */
#define PARTY_FOUNDED "1921-07-01"

struct problems {
	struct field_problem *p;
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

/* The problems in the order of the fields (SPEC 1.1, the field table),
 * each field's as they were found. */
static void problems_in_order(struct problems *ps)
{
	for (int i = 1; i < ps->n; i++) {
		struct field_problem p = ps->p[i];
		const struct field *f = field_find(member_fields, p.field);
		int j = i;

		while (j > 0 && f && field_find(member_fields, ps->p[j - 1].field) > f) {
			ps->p[j] = ps->p[j - 1];
			j--;
		}
		ps->p[j] = p;
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
			problem(ps, key, valid_msg_required);
		return NULL;
	}
	v = valid_choice(choices, field);
	if (!v) {
		problem(ps, key, N_("is not one of the choices"));
		return NULL;
	}
	set(field, size, v);
	return v;
}

/* An optional date field, normalized; true if it holds a valid date not
 * after TODAY (NULL: any day). */
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
	if (today && strcmp(field, today) > 0) {
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

/* 党小组: a name that tells one group from another (valid_label). */
static void check_group(struct problems *ps, struct member *m)
{
	char buf[UTF8_BUF(20)];
	const char *r;

	r = valid_label(m->party_group, (size_t)field_find(member_fields, "party_group")->maxchars,
	                buf, sizeof(buf));
	if (r)
		problem(ps, "party_group", r);
	else
		SET(m, party_group, buf);
}

/* Every free text of M (F_TEXT, F_NOTE), by the field table: its length
 * and whether it may hold line breaks; checked first, so the rules read
 * them trimmed.  A new text field is checked without a line here. */
static void check_texts(struct problems *ps, struct member *m)
{
	for (const struct field *f = member_fields; f->key; f++)
		if (f->type == F_TEXT || f->type == F_NOTE)
			check_text(ps, f->key, FIELD_VALUE(m, f), f->size,
			           (size_t)f->maxchars, f->type == F_NOTE);
}

/* 入党日期: required, not ahead of today, at 18 or older (党章第一条),
 * not before the Party existed.  True if it can be reasoned with. */
static bool check_join(struct problems *ps, struct member *m, const char *today,
                       bool birth_ok)
{
	bool join_ok;

	text_trim(m->join_date);
	if (*m->join_date == '\0')
		problem(ps, "join_date", valid_msg_required);
	join_ok = check_date(ps, "join_date", m->join_date, today);
	if (join_ok && birth_ok) {
		if (strcmp(m->join_date, m->birth_date) <= 0) {
			problem(ps, "join_date", N_("is before the birth date"));
			join_ok = false;
		} else if (valid_years_between(m->birth_date,
		                               m->join_date) < 18) {
			problem(ps, "join_date", N_("the member was under 18 on this date"));
		}
	}

	/* 入党日期: not before the Party existed (the 18 years are above). */
	if (join_ok && strcmp(m->join_date, PARTY_FOUNDED) < 0) {
		problem(ps, "join_date", N_("is before the Party was founded (1921-07-01)"));
		join_ok = false;
	}
	return join_ok;
}

/* 预备期 and 转正日期 (党章第七条; 发展党员工作细则第三十二条), for a
 * member of TYPE whose joining date is JOIN_OK. */
static void check_probation(struct problems *ps, struct member *m,
                            const char *type, const char *today, bool join_ok)
{
	bool ext_ok;

	/* 延长预备期: once, by half a year to a year (发展党员工作细则第三十
	 * 二条; 党章第七条 says at most a year), so its end lies 18 to 24
	 * months after joining. */
	ext_ok = check_date(ps, "probation_end", m->probation_end, NULL);
	if (ext_ok && join_ok) {
		char lo[11], hi[11];

		/* half a year counted by the calendar (from 31 August to the
		 * end of February), its last day accepted as 转正日期 is */
		valid_date_add_months_end(m->join_date, 18, lo);
		valid_date_add(lo, 0, 0, -1, lo);
		valid_date_add(m->join_date, 2, 0, 0, hi);
		if (strcmp(m->probation_end, lo) < 0 || strcmp(m->probation_end, hi) > 0) {
			problem(ps, "probation_end", N_("an extension lasts half a year to a year (Rules on Admitting Party Members art. 32)"));
			ext_ok = false;
		}
	}
	if (!*m->probation_end && *m->probation_reason)
		problem(ps, "probation_reason", N_("must be empty when the probation was not extended"));
	else if (*m->probation_end && !*m->probation_reason)
		/* the branch meeting decided it for a reason (党章第七条) */
		problem(ps, "probation_reason", N_("is required when the probation was extended"));

	/* 转正日期: a 预备党员 has none yet; a 正式党员 must have one, and it
	 * is the day the probation ended (党章第七条: 党龄 counts from it):
	 * a year after joining, or at the end of the extension, never more
	 * than two years after.  Rosters write that end two ways: the day
	 * the year is over (joined 2023-05-02, full member 2024-05-02) or
	 * its last day (预备期 2023-05-02 至 2024-05-01, 转正 2024-05-01);
	 * both are accepted. */
	text_trim(m->full_date);
	if (type && strcmp(type, "预备党员") == 0 && *m->full_date) {
		problem(ps, "full_date", N_("must be empty for a probationary member"));
	} else if (type && strcmp(type, "正式党员") == 0 && !*m->full_date) {
		problem(ps, "full_date", N_("is required for a full member"));
	} else if (check_date(ps, "full_date", m->full_date, today) && join_ok) {
		char lo[11], hi[11];

		valid_date_add(m->join_date, 1, 0, -1, lo);
		valid_date_add(m->join_date, 2, 0, 0, hi);
		if (strcmp(m->full_date, lo) < 0)
			problem(ps, "full_date", N_("is less than a year after joining: the probation lasts a year (Party Constitution art. 7)"));
		else if (strcmp(m->full_date, hi) > 0)
			problem(ps, "full_date", N_("is more than two years after joining: the probation can be extended by one year at most (Party Constitution art. 7)"));
		else if (ext_ok && valid_date_add(m->probation_end, 0, 0, -1, lo) &&
		         strcmp(m->full_date, lo) < 0)
			problem(ps, "full_date", N_("is before the end of the extended probation"));
	}
}

/* 党籍状态, its date and reason, and how they fit the member's type and
 * dates. */
static void check_status(struct problems *ps, struct member *m,
                         const char *type, const char *today, bool join_ok)
{
	const char *status;

	status = check_choice(ps, "status", m->status, sizeof(m->status),
	                      valid_statuses, true);
	/* nobody becomes a full member after dying or leaving the Party */
	if (status && member_status_final(status) && *m->status_date && *m->full_date &&
	    strcmp(m->full_date, m->status_date) > 0)
		problem(ps, "full_date", N_("is after the member died or left the Party"));
	if (status && type && strcmp(status, "取消预备党员资格") == 0 &&
	    strcmp(type, "预备党员") != 0)
		problem(ps, "status", msg_cancel_full);
	else if (status && type && strcmp(type, "预备党员") == 0 &&
	         (strcmp(status, "开除党籍") == 0 || strcmp(status, "除名") == 0))
		problem(ps, "status", msg_expel_probation);
	if (check_date(ps, "status_date", m->status_date, today) && join_ok &&
	    strcmp(m->status_date, m->join_date) < 0)
		problem(ps, "status_date", msg_before_join);
}

/* Check and normalize every field of M; see member.h for the rules. */
int member_check(struct member *m, const char *today,
                 struct field_problem p[MEMBER_MAX_PROBLEMS])
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
	check_texts(&ps, m);

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

	join_ok = check_join(&ps, m, today, birth_ok);
	check_probation(&ps, m, type, today, join_ok);
	check_status(&ps, m, type, today, join_ok);

	r = valid_phone(m->phone, phone, sizeof(phone));
	if (r)
		problem(&ps, "phone", r);
	else
		SET(m, phone, phone);
	check_group(&ps, m);
	problems_in_order(&ps);
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

/* --- 党籍状态 changes ------------------------------------------------------ */

/* Where a member may go from each status.  Members are never deleted;
 * these are the changes the rules allow:
 * - 在册 and 流出 (current members) may flow out or come back, transfer
 *   out, stop (停止党籍: out of contact six months and not found,
 *   党员教育管理工作条例第二十四条), die, or leave the Party;
 * - 转出: the member's organizational relation was moved; a return is
 *   a new transfer in, back to 在册;
 * - 停止党籍: restored (恢复党籍, by the procedure of 第二十四条: a reason
 *   and a confirmation), or 除名 after two years without contact, or
 *   去世;
 * - 去世, 开除党籍, 除名, 退党 and 取消预备党员资格 are final: who was
 *   struck off or expelled may join again, as a new member (第二十四条).
 * Which of the leaving statuses fits the member's type is member_check's
 * rule (a 预备党员 loses the probationary membership instead). */
static const struct status_rule {
	const char *from;
	const char *const *to;
	bool confirm;           /* coming back from here needs a confirmation */
} status_rules[] = {
	{ "在册", (const char *const[]){ "流出", "转出", "停止党籍", "去世", "开除党籍",
	          "除名", "退党", "取消预备党员资格", NULL }, false },
	{ "流出", (const char *const[]){ "在册", "转出", "停止党籍", "去世", "开除党籍",
	          "除名", "退党", "取消预备党员资格", NULL }, false },
	{ "转出", (const char *const[]){ "在册", NULL }, false },
	{ "停止党籍", (const char *const[]){ "在册", "除名", "去世", NULL }, true },
};

/* Statuses whose change needs no reason: a member flowing out or back,
 * or one who died (the date says it). */
static const char *const reason_optional[] = { "流出", "在册", "去世", NULL };

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static const struct status_rule *status_rule(const char *from)
{
	for (size_t i = 0; i < sizeof status_rules / sizeof status_rules[0]; i++)
		if (strcmp(status_rules[i].from, from) == 0)
			return &status_rules[i];
	return NULL;
}

bool member_status_current(const char *status)
{
	return strcmp(status, "在册") == 0 || strcmp(status, "流出") == 0;
}

bool member_status_final(const char *status)
{
	return status_rule(status) == NULL;
}

const char *member_status_change(const struct member *m, const char *to)
{
	const struct status_rule *r = status_rule(m->status);

	if (strcmp(m->status, to) == 0)
		return N_("is the member's status already");
	if (!r)
		return strcmp(m->status, "去世") == 0
		       ? N_("the member has died: the status no longer changes")
		       : N_("the member has left the Party: the status no longer changes (who left may join again as a new member)");
	if (!in_list(r->to, to))
		return strcmp(m->status, "转出") == 0
		       ? N_("a member transferred out can only come back (在册)")
		       : N_("a member whose membership is stopped can be restored (在册), struck off (除名) or recorded as deceased");
	if (strcmp(to, "取消预备党员资格") == 0 && strcmp(m->member_type, "预备党员") != 0)
		return msg_cancel_full;
	if ((strcmp(to, "开除党籍") == 0 || strcmp(to, "除名") == 0) &&
	    strcmp(m->member_type, "预备党员") == 0)
		return msg_expel_probation;
	return NULL;
}

bool member_status_needs_reason(const struct member *m, const char *to)
{
	/* back from 停止党籍 or 转出: always say why */
	if (strcmp(to, "在册") == 0 && !member_status_current(m->status))
		return true;
	return !in_list(reason_optional, to);
}

bool member_status_needs_confirm(const struct member *m, const char *to)
{
	const struct status_rule *r = status_rule(m->status);

	return (r && r->confirm && strcmp(to, "在册") == 0) || member_status_final(to);
}

const char *member_status_date(const struct member *m, const char *to,
                               const char *date, const char *today)
{
	char two[11];

	if (strcmp(date, today) > 0)
		return msg_future;
	if (strcmp(date, m->join_date) < 0)
		return msg_before_join;
	if (m->status_date[0] && strcmp(date, m->status_date) < 0)
		return N_("is before the date of the member's present status");
	/* 党员教育管理工作条例第二十四条: 停止党籍2年后确实无法取得联系的，
	 * 按照自行脱党予以除名 */
	if (strcmp(m->status, "停止党籍") == 0 && strcmp(to, "除名") == 0 &&
	    m->status_date[0] && valid_date_add(m->status_date, 2, 0, 0, two) &&
	    strcmp(date, two) < 0)
		return N_("a member whose membership was stopped is struck off two years after that at the earliest (Regulations on the Education and Management of Party Members art. 24)");
	return NULL;
}

const char *member_type_change(const struct member *was, const char *type)
{
	/* 党章第七条: 转正 comes once; a full member stays one */
	if (strcmp(was->member_type, "正式党员") == 0 && strcmp(type, "预备党员") == 0)
		return N_("a full member does not become a probationary member again");
	return NULL;
}

/* --- 预备期 and 党龄 ------------------------------------------------------- */

void member_probation_end(const struct member *m, char out[11])
{
	if (m->probation_end[0])
		snprintf(out, 11, "%.10s", m->probation_end);
	else if (!valid_date_add(m->join_date, 1, 0, 0, out))
		out[0] = '\0';
}

void member_full_date_offered(const struct member *m, const char *today,
                              char out[11])
{
	member_probation_end(m, out);
	/* on the probation's last day the day after is not there yet */
	if (strcmp(out, today) > 0)
		valid_date_add(out, 0, 0, -1, out);
}

int member_party_age(const struct member *m, const char *on)
{
	if (strcmp(m->member_type, "正式党员") != 0 || !m->full_date[0])
		return -1;
	return valid_years_between(m->full_date, on);
}

int member_anniversary(const struct member *m, const char *on)
{
	return valid_years_between(m->join_date, on);
}

const char *member_age_date(const struct member *m, const char *today)
{
	return member_status_final(m->status) && m->status_date[0] ? m->status_date : today;
}

/* --- 转正: the three outcomes of a probation (党章第七条) ----------------- */

/* M becomes T, its change, unless T has a problem in the fields KEYS
 * (NULL-ended): then the first one's reason, with its field in *FIELD. */
static const char *apply_change(struct member *m, struct member *t, const char *today,
                                const char *const *keys, const char **field)
{
	struct field_problem p[MEMBER_MAX_PROBLEMS];
	int n = member_check(t, today, p);

	for (int i = 0; i < n; i++)
		for (const char *const *k = keys; *k; k++)
			if (strcmp(p[i].field, *k) == 0) {
				*field = p[i].field;
				return p[i].reason;
			}
	*field = NULL;
	*m = *t;
	return NULL;
}

/* A probation can be decided while it runs: the member is a 预备党员 of
 * the branch now. */
static const char *probation_open(const struct member *m, const char **field)
{
	*field = "member_type";
	if (strcmp(m->member_type, "预备党员") != 0)
		return N_("is not a probationary member");
	*field = "status";
	if (!member_status_current(m->status))
		return N_("is no longer a member of the branch");
	return NULL;
}

/* 转正 and 延长预备期 are decided when the probation is over (党章第七条:
 * 预备党员预备期满，党的支部应当及时讨论), on its last day at the
 * earliest. */
const char *member_probation_over(const struct member *m, const char *today)
{
	char end[11];

	member_probation_end(m, end);
	if (valid_date_add(end, 0, 0, -1, end) && strcmp(today, end) < 0)
		return N_("the probation has not ended yet");
	return NULL;
}

const char *member_make_full(struct member *m, const char *date,
                             const char *today, const char **field)
{
	static const char *const keys[] = { "full_date", "member_type", NULL };
	struct member t = *m;
	const char *why;

	if ((why = probation_open(m, field)))
		return why;
	*field = "full_date";
	if ((why = member_probation_over(m, today)))
		return why;
	snprintf(t.member_type, sizeof t.member_type, "%s", "正式党员");
	snprintf(t.full_date, sizeof t.full_date, "%s", date);
	return apply_change(m, &t, today, keys, field);
}

const char *member_extend_probation(struct member *m, const char *until,
                                    const char *reason, const char *today,
                                    const char **field)
{
	static const char *const keys[] = { "probation_end", "probation_reason", NULL };
	struct member t = *m;
	const char *why;

	if ((why = probation_open(m, field)))
		return why;
	*field = "probation_end";
	if (m->probation_end[0])
		return N_("the probation was extended once already: it can be extended only once (Rules on Admitting Party Members art. 32)");
	if ((why = member_probation_over(m, today)))
		return why;
	*field = "probation_reason";
	if (!reason || !*reason)
		return N_("is required");
	snprintf(t.probation_end, sizeof t.probation_end, "%s", until);
	snprintf(t.probation_reason, sizeof t.probation_reason, "%s", reason);
	return apply_change(m, &t, today, keys, field);
}

const char *member_change_status(struct member *m, const char *to,
                                 const char *date, const char *reason,
                                 const char *today, const char **field)
{
	static const char *const keys[] = { "status", "status_date", "status_reason", NULL };
	struct member t = *m;
	const char *why;
	char iso[11];

	*field = "status";
	if ((why = member_status_change(m, to)))
		return why;
	*field = "status_date";
	if ((why = valid_date(date, iso)) || (why = member_status_date(m, to, iso, today)))
		return why;
	*field = "status_reason";
	if (member_status_needs_reason(m, to) && (!reason || !*reason))
		return N_("is required");
	snprintf(t.status, sizeof t.status, "%s", to);
	snprintf(t.status_date, sizeof t.status_date, "%s", iso);
	snprintf(t.status_reason, sizeof t.status_reason, "%s", reason ? reason : "");
	return apply_change(m, &t, today, keys, field);
}
