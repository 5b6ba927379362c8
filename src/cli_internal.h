/* cli_internal.h - what the subcommands share: their context and the
 * helpers of cli.c for options, usage errors and opening the database.
 * Only the command-line files include it; cli.h is the public side. */
#ifndef ZHIBU_CLI_INTERNAL_H
#define ZHIBU_CLI_INTERNAL_H

#include <getopt.h>
#include <stdbool.h>

#include "cli.h"
#include "db.h"
#include "prefs.h"

/* What every subcommand gets: the database path and its own arguments. */
struct cli_ctx {
	struct prefs prefs;     /* the settings file and environment */
	const char *db_path;    /* --db, $ZHIBU_DB or the default */
	char path_buf[4096];
	bool db_given;          /* named on the command line */
	int argc;
	char **argv;            /* argv[0] is the subcommand's name */
};

/* Print "zhibu: MESSAGE" and the --help hint on stderr; returns
 * EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* --help's part on the filters of export and report: a heading for each
 * register that has them, then ITEM(option, text) for each (cli_io.c). */
void cli_help_filters(void (*item)(const char *option, const char *text));

/* MSG in the user's language: a message id (db_errmsg, a result's error
 * or detail) translated, other text (SQLite's, the system's) as it is;
 * "" and NULL give "" (gettext would give "" its header). */
const char *cli_tr(const char *msg);

/* ARG as UTF-8: arguments come in the terminal's codeset (GB18030 on a
 * GBK client); text (a name, a status, a reason) is converted, file names
 * are not.  ARG itself in a UTF-8 or C locale, or when it is not text of
 * the locale's codeset. */
const char *cli_text(const char *arg);

/* Open the database for a subcommand, reporting failures (NULL). */
struct db *open_db(struct cli_ctx *ctx, unsigned flags);

/* Parse a subcommand's options with getopt_long, calling HANDLE for each;
 * returns the index of its first operand, or -1 after a usage error
 * (reported). */
int parse_options(struct cli_ctx *ctx, const struct option *opts,
                  const char *optstring,
                  int (*handle)(struct cli_ctx *, int, const char *, void *),
                  void *data);

/* The subcommands of cli_io.c. */
int cli_cmd_import(struct cli_ctx *ctx);
int cli_cmd_export(struct cli_ctx *ctx);
int cli_cmd_report(struct cli_ctx *ctx);

/* The subcommands of cli_member.c: a member's 党籍状态 and 转正. */
int cli_cmd_status(struct cli_ctx *ctx);
int cli_cmd_probation(struct cli_ctx *ctx);

#endif
