/* io_member.c - the roster (党员花名册) as an io_table: member_check,
 * the member store, and the roster read in its order a page at a time. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gettext.h"
#include "io.h"
#include "io_member.h"
#include "member.h"
#include "member_query.h"
#include "store.h"
#include "store_member.h"
#include "validate.h"

/* Columns a roster file must have.  民族 (default 汉族) and 党籍状态
 * (default 在册) may be left out, as many spreadsheets do; 党员类别 may
 * not: guessing 正式党员 for a 预备党员 would be wrong. */
static const char *const member_required[] = {
	"name", "id_number", "member_type", "join_date", NULL,
};

static void member_io_init(void *rec)
{
	member_init(rec);
}

static int member_io_check(void *rec, const char *today,
                           struct field_problem *p, int max)
{
	struct field_problem mp[MEMBER_MAX_PROBLEMS];
	int n = member_check(rec, today, mp), i;

	for (i = 0; i < n && i < max; i++) {
		p[i].field = mp[i].field;
		p[i].reason = mp[i].reason;
	}
	return i;
}

/* Old rosters keep dates to the month.  出生年月 then takes its day from
 * the ID number when year and month agree (member_check reports them
 * when they do not); 转正 the day the probation ended (a year after
 * joining, or the extension's end) when that falls in the month, else
 * the probation's last day when that does (joined 07-01, 转正 in June:
 * the 30th), as it does for 按期转正; 入党 the day the member turned 18
 * when that falls in the month (党章第一条: no earlier day could be
 * right); anything else the first of the month. */
static const char *member_io_month_day(const void *rec, const struct field *f,
                                       char date[11])
{
	const struct member *m = rec;
	struct id_info info;
	char id[19], join[11], end[11], adult[11];

	if (strcmp(f->key, "birth_date") == 0) {
		if (valid_id_number(m->id_number, id, &info) == NULL &&
		    strncmp(info.birth_date, date, 7) == 0) {
			memcpy(date, info.birth_date, 11);
			return N_("the day in the ID number");
		}
	} else if (strcmp(f->key, "full_date") == 0) {
		if (valid_date(m->join_date, join) != NULL)
			return NULL;
		if (!m->probation_end[0] || valid_date(m->probation_end, end) != NULL)
			if (!valid_date_add(join, 1, 0, 0, end))
				return NULL;
		if (strncmp(end, date, 7) != 0)
			valid_date_add(end, 0, 0, -1, end);
		if (strncmp(end, date, 7) == 0) {
			memcpy(date, end, 11);
			return N_("the day the probation ended");
		}
	} else if (strcmp(f->key, "join_date") == 0) {
		if (valid_id_number(m->id_number, id, &info) == NULL &&
		    valid_date_add(info.birth_date, 18, 0, 0, adult) &&
		    strncmp(adult, date, 7) == 0 && strcmp(adult, date) > 0) {
			memcpy(date, adult, 11);
			return N_("the day the member turned 18");
		}
	}
	return NULL;
}

/* An update by import follows the rules of a change on screen: the
 * status only as member_status_change allows (去世 and leaving the Party
 * are final), on a date not before the present status's, with a reason
 * where the change needs one; and a full member never becomes
 * probationary again (党章第七条: 转正 is once). */
static int member_io_change(const void *old, const void *rec,
                            struct field_problem *p, int max)
{
	const struct member *o = old, *m = rec;
	const char *why;
	int n = 0;

	if (n < max && (why = member_type_change(o, m->member_type)))
		p[n++] = (struct field_problem){ "member_type", why };
	if (strcmp(o->status, m->status) == 0)
		return n;
	why = member_status_change(o, m->status);
	if (why) {
		if (n < max)
			p[n++] = (struct field_problem){ "status", why };
		return n;
	}
	/* the future and the joining date were member_check's; the date
	 * the stored status has is not the new one's (a file without the
	 * column keeps it) */
	if (!m->status_date[0] || strcmp(m->status_date, o->status_date) == 0)
		why = N_("must be the day of this change of status");
	else
		why = member_status_date(o, m->status, m->status_date, "9999-12-31");
	if (why && n < max)
		p[n++] = (struct field_problem){ "status_date", why };
	/* the reason of the present status is not the new one's either: a
	 * file without the column would leave it beside the new status */
	if (n < max && m->status_reason[0] && o->status_reason[0] &&
	    strcmp(m->status_reason, o->status_reason) == 0)
		p[n++] = (struct field_problem){ "status_reason",
			N_("must be the reason of this change of status (the file gives the old one, or none)") };
	else if (!m->status_reason[0] && member_status_needs_reason(o, m->status) && n < max)
		p[n++] = (struct field_problem){ "status_reason",
			N_("is required for this change of status") };
	return n;
}

const struct io_table io_member_table = {
	.name = "members",
	.store = &member_store,
	.query = &member_queries,
	.required = member_required,
	.unique = "id_number",
	.duplicate_reason = N_("is already on the roster"),
	.absent_reason = N_("is not on the roster, and the file lacks columns a new member needs"),
	.init = member_io_init,
	.check = member_io_check,
	.label_field = "name",
	.month_day = member_io_month_day,
	.change = member_io_change,
};
