/* cli.h - the command line: global options, subcommands, exit codes. */
#ifndef ZHIBU_CLI_H
#define ZHIBU_CLI_H

#include <stdio.h>

/* Exit codes (SPEC 4). */
enum cli_exit {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	EXIT_REJECTED = 3,      /* import finished but rejected rows */
};

/* Run zhibu with its arguments; returns the process exit code. */
int cli_main(int argc, char **argv);

/* At exit (atexit): standard output flushed and closed, or the failure
 * said on stderr and the exit status made EXIT_FAIL, so that no command
 * succeeds when its output was lost ("zhibu --help > /dev/full", as
 * gnulib's close_stdout). */
void cli_close_stdout(void);

/* printf to F in the terminal's codeset: the program's UTF-8 text is
 * converted when the locale is GB18030 or GBK; characters the codeset
 * lacks become '?'. */
void cli_printf(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The last failure on DB (db_errmsg) in the user's language, with
 * SQLite's own words after it when the message is a generic one; the
 * screens show it too.  A static buffer or a translation. */
struct db;
const char *cli_db_error(struct db *db);

#endif
