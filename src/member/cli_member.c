/* cli_member.c - a member's 党籍状态 and 转正 from the command line:
 * the same rules as the screens' d and z (member.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "field.h"
#include "gettext.h"
#include "member.h"
#include "store.h"
#include "store_member.h"
#include "text.h"
#include "validate.h"

/* The options both commands take. */
struct member_args {
	const char *date, *until, *reason;
	bool yes;
};

enum { OPT_DATE = 'd', OPT_UNTIL = 'u', OPT_REASON = 'r', OPT_YES = 'y' };

static const struct option member_opts[] = {
	{ "date", required_argument, NULL, OPT_DATE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "yes", no_argument, NULL, OPT_YES },
	{ NULL, 0, NULL, 0 },
};

static int member_option(struct cli_ctx *ctx, int c, const char *arg, void *data)
{
	struct member_args *a = data;

	switch (c) {
	case OPT_DATE:
	case OPT_UNTIL: {
		/* a date that is no date is a usage error, as everywhere */
		char iso[11];
		const char *why = valid_date(arg, iso);

		if (why) {
			usage_error(_("%s: %s '%s': %s"), ctx->argv[0],
			            c == OPT_DATE ? "--date" : "--until", arg, _(why));
			return -1;
		}
		*(c == OPT_DATE ? &a->date : &a->until) = arg;
		return 0;
	}
	case OPT_REASON:
		a->reason = arg;
		return 0;
	case OPT_YES:
		a->yes = true;
		return 0;
	default:
		return -1;
	}
}

/* The member WHO names: an ID number, or a name only one member has. */
static int find_member(struct cli_ctx *ctx, struct db *db, const char *who,
                       struct member *m)
{
	char id[19];
	int count = 0, rc;

	if (!valid_id_number(who, id, NULL))
		rc = store_member_find_id_number(db, id, m);
	else if (*who && strspn(who, "0123456789") == strlen(who) &&
	         strlen(who) <= 19 && *who != '0')
		/* the record's key, as zhibu check names it */
		rc = store_member_get(db, strtoll(who, NULL, 10), m);
	else
		rc = store_member_find_name(db, who, m, &count);
	if (rc == DB_NOTFOUND)
		cli_printf(stderr, _("zhibu: %s: no member has this name or ID number\n"), who);
	else if (rc != DB_OK)
		cli_printf(stderr, _("zhibu: %s: %s\n"), ctx->db_path, cli_db_error(db));
	else if (count > 1)
		cli_printf(stderr, _("zhibu: %s: several members have this name; give the ID number\n"),
		           who);
	return rc == DB_OK && count <= 1 ? 0 : -1;
}

/* A reason the user typed: one line of at most 60 characters. */
static int take_reason(const char *cmd, const char *in, char *out, size_t outsz)
{
	const char *why = valid_text(in ? in : "", 60, false, out, outsz);

	if (why)
		return usage_error(_("%s: --reason %s"), cmd, _(why)), -1;
	return 0;
}

/* Store M after one of the changes, or say why not. */
static int save(struct cli_ctx *ctx, struct db *db, struct member *m)
{
	int rc = store_member_update(db, m);

	if (rc == DB_OK)
		return EXIT_OK;
	cli_printf(stderr, _("zhibu: %s: %s\n"), m->name,
	           rc == DB_CONFLICT ? _("someone else changed this member meanwhile; nothing was saved")
	                             : cli_db_error(db));
	return EXIT_FAIL;
}

/* A rule refused the change: name the member, the field and the reason. */
static int refused(const char *name, const char *field, const char *why)
{
	const struct field *f = field ? field_find(member_fields, field) : NULL;

	if (f)
		cli_printf(stderr, _("zhibu: %s: %s: %s\n"), name, _(f->label), _(why));
	else
		cli_printf(stderr, _("zhibu: %s: %s\n"), name, _(why));
	return EXIT_FAIL;
}

/* The date of a change: given, or DEF. */
static const char *date_or(const char *given, const char *def)
{
	return given && *given ? given : def;
}

/* Change M's status to TO (the confirmation asked for by the rules is
 * --yes here: a script cannot answer a question). */
static int change_status(struct cli_ctx *ctx, struct db *db, struct member *m,
                         const char *to, const struct member_args *a,
                         const char *today)
{
	char reason[256];
	const char *why, *field;
	struct member was = *m;

	if (take_reason(ctx->argv[0], a->reason, reason, sizeof reason))
		return EXIT_USAGE;
	why = member_change_status(m, to, date_or(a->date, today), reason, today, &field);
	if (why)
		return refused(m->name, field, why);
	if (member_status_needs_confirm(&was, to) && !a->yes)
		return usage_error(_("%s: %s becomes %s: this change is confirmed with --yes"),
		                   ctx->argv[0], m->name, to);
	if (save(ctx, db, m) != EXIT_OK)
		return EXIT_FAIL;
	cli_printf(stdout, _("%s: status is now %s (%s).\n"), m->name, m->status,
	           m->status_date);
	return EXIT_OK;
}

/* What a command does to the member it names, once its arguments hold. */
typedef int (*member_action)(struct cli_ctx *ctx, struct db *db, struct member *m,
                             const char *what, const struct member_args *a,
                             const char *today);

/* The skeleton both commands share: COMMAND MEMBER WHAT [options].
 * CHECK_WHAT says whether WHAT is one of the command's words (0) or
 * reports the usage error it is (EXIT_USAGE); then the database is
 * opened, the member found and ACT run. */
static int member_command(struct cli_ctx *ctx, const char *usage,
                          int (*check_what)(const char **what,
                                            const struct member_args *a),
                          member_action act)
{
	struct member_args a = { 0 };
	char today[11];
	struct member m;
	const char *what;
	struct db *db;
	int first = parse_options(ctx, member_opts, ":", member_option, &a), rc;

	if (first < 0)
		return EXIT_USAGE;
	if (ctx->argc - first != 2)
		return usage_error("%s", usage);
	what = cli_text(ctx->argv[first + 1]);
	if ((rc = check_what(&what, &a)) != 0)
		return rc;
	db = open_db(ctx, 0);
	if (!db)
		return EXIT_FAIL;
	valid_today(today);
	rc = find_member(ctx, db, cli_text(ctx->argv[first]), &m) ? EXIT_FAIL
	     : act(ctx, db, &m, what, &a, today);
	db_close(db);
	return rc;
}

/* status MEMBER STATUS: STATUS one of the statuses, by any spelling. */
static int status_word(const char **what, const struct member_args *a)
{
	const char *to = valid_choice(valid_statuses, *what);

	if (!to) {
		char list[512] = "";

		for (size_t i = 0; valid_statuses[i].value; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
			         i ? " " : "", valid_statuses[i].value);
		return usage_error(_("status: '%s' is not one of: %s"), *what, list);
	}
	if (a->until)
		return usage_error("%s", _("status: --until belongs to 'probation ... extend'"));
	*what = to;
	return 0;
}

int cli_cmd_status(struct cli_ctx *ctx)
{
	return member_command(ctx, _("status: name the member (ID number or name) and the new status"),
	                      status_word, change_status);
}

/* probation MEMBER full|extend|cancel: the three outcomes (党章第七条). */
static int probation(struct cli_ctx *ctx, struct db *db, struct member *m,
                     const char *what, const struct member_args *a,
                     const char *today)
{
	const char *why, *field;
	char end[11], reason[256];

	if (strcmp(what, "cancel") == 0)
		return strcmp(m->member_type, "预备党员") != 0
		       ? refused(m->name, "member_type", N_("is not a probationary member"))
		       : change_status(ctx, db, m, "取消预备党员资格", a, today);
	if (strcmp(what, "full") == 0) {
		member_full_date_offered(m, today, end);
		why = member_make_full(m, date_or(a->date, end), today, &field);
		if (why)
			return refused(m->name, field, why);
		if (save(ctx, db, m) != EXIT_OK)
			return EXIT_FAIL;
		cli_printf(stdout, _("%s is a full member since %s.\n"), m->name, m->full_date);
		return EXIT_OK;
	}
	if (!a->until)
		return usage_error("%s", _("probation: extend needs --until DATE, the new end of the probation"));
	if (!a->reason || !*a->reason)
		return usage_error("%s", _("probation: extend needs --reason TEXT, as the branch decided it"));
	if (take_reason(ctx->argv[0], a->reason, reason, sizeof reason))
		return EXIT_USAGE;
	why = member_extend_probation(m, a->until, reason, today, &field);
	if (why)
		return refused(m->name, field, why);
	if (save(ctx, db, m) != EXIT_OK)
		return EXIT_FAIL;
	cli_printf(stdout, _("%s: the probation is extended to %s.\n"), m->name,
	           m->probation_end);
	return EXIT_OK;
}

static int probation_word(const char **what, const struct member_args *a)
{
	if (strcmp(*what, "full") != 0 && strcmp(*what, "extend") != 0 &&
	    strcmp(*what, "cancel") != 0)
		return usage_error(_("probation: '%s' is not one of: full extend cancel"), *what);
	if (a->until && strcmp(*what, "extend") != 0)
		return usage_error("%s", _("probation: --until belongs to extend"));
	if (a->date && strcmp(*what, "extend") == 0)
		return usage_error("%s", _("probation: extend takes --until, not --date"));
	return 0;
}

int cli_cmd_probation(struct cli_ctx *ctx)
{
	return member_command(ctx, _("probation: name the member (ID number or name) and full, extend or cancel"),
	                      probation_word, probation);
}
