/* cli.c - subcommands and options (SPEC 4).
 *
 * Global options (--db, --help, --version, --demo) may stand anywhere
 * before "--"; each subcommand parses its own options after them.  All
 * text leaves through cli_printf, which speaks the terminal's codeset.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "cli.h"
#include "cli_internal.h"
#include "db.h"
#include "demo.h"
#include "gettext.h"
#include "prefs.h"
#include "reg.h"
#include "screens.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "validate.h"

struct cli_command {
	const char *name;
	int (*run)(struct cli_ctx *ctx);
	const char *usage;      /* message id: the synopsis after "zhibu " */
	const char *summary;    /* message id: one line */
};

static int cmd_init(struct cli_ctx *ctx);
static int cmd_check(struct cli_ctx *ctx);
static int cmd_backup(struct cli_ctx *ctx);

static const struct cli_command commands[] = {
	{ "init", cmd_init, N_("init [--db FILE] [--branch NAME]"),
	  N_("create a database") },
	{ "check", cmd_check, N_("check [--db FILE] [--head N:HASH]... [--against COPY]..."),
	  N_("check the database's integrity and consistency") },
	{ "backup", cmd_backup, N_("backup [--db FILE] FILE"),
	  N_("write a consistent copy while others may be working") },
	{ "import", cli_cmd_import,
	  N_("import TABLE FILE [--encoding ENC] [--dry-run] [--all-or-nothing] [--update] [--map HEADER=FIELD]..."),
	  N_("read a CSV file (as Excel saves it) into a register") },
	{ "export", cli_cmd_export,
	  N_("export TABLE [-o FILE] [--encoding ENC] [--crlf|--lf] [FILTERS]"),
	  N_("write a register as CSV that Excel opens") },
	{ "status", cli_cmd_status,
	  N_("status MEMBER STATUS [--date DATE] [--reason TEXT] [--yes]"),
	  N_("change a member's status (党籍状态) as the rules allow") },
	{ "probation", cli_cmd_probation,
	  N_("probation MEMBER full [--date DATE] | extend --until DATE --reason TEXT | cancel [--date DATE] --reason TEXT --yes"),
	  N_("decide a probationary member's probation (转正)") },
	{ "report", cli_cmd_report,
	  N_("report NAME [-o FILE|--print] [--format text|csv|pdf] [--full-id] [FILTERS] [--date DATE]"),
	  N_("a printable ledger for A4 (PDF by -o FILE.pdf): roster, stats (the figures on a date), or all") },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* Write the character CP (UTF-8) in the codeset CS, '?' if it lacks it. */
static void put_char(FILE *f, uint32_t cp, const char *cs, bool utf8)
{
	char u[4], *conv = NULL;
	int k = text_utf8_encode(cp, u);

	if (utf8)
		fwrite(u, 1, (size_t)k, f);
	else if (text_convert("UTF-8", cs, u, (size_t)k, &conv, NULL, NULL) == 0)
		fputs(conv, f);
	else
		fputc('?', f);
	free(conv);
}

/* Write the first character of P as it is shown; the bytes it took. */
static size_t put_next(FILE *f, const char *p, const char *cs, bool utf8)
{
	size_t len = strlen(p), n;
	uint32_t cp;

	if (!utf8 && (unsigned char)*p >= 0x80 && text_utf8_decode(p, len, &cp) <= 0) {
		/* a character of the terminal's own codeset? */
		mbstate_t st;
		wchar_t wc;
		char u[4];
		int k;

		memset(&st, 0, sizeof st);
		n = mbrtowc(&wc, p, len, &st);
		if (n >= 2 && n <= 4 && (k = text_utf8_encode((uint32_t)wc, u)) > 0) {
			if (text_classify((uint32_t)wc) == TEXT_PLAIN) {
				fwrite(p, 1, n, f);
			} else {
				text_shown_next(u, (size_t)k, &cp);
				put_char(f, cp, cs, utf8);
			}
			return n;
		}
	}
	n = text_shown_next(p, len, &cp);
	put_char(f, *p == '\n' ? '\n' : cp, cs, utf8);
	return n;
}

/* Convert UTF-8 text to the locale's codeset, '?' for what it lacks.
 * Messages quote names, file names and cells of files: their controls,
 * bidi and invisible characters come out as text_sanitize shows them,
 * never as they are (line feeds end the messages' lines).  Bytes that are
 * not UTF-8 but are a character of the locale's codeset came from the
 * terminal as they are (a file name typed on a GBK client) and go back to
 * it as they are when that character is plain text; control bytes, and
 * a GB18030 spelling of a C1 or bidi control, never do. */
/* Why the first write to standard output failed (a long output fails
 * before it is closed, and the close then has nothing left to say). */
static int stdout_errno;

static void cli_put_text(FILE *f, const char *s);

static void cli_put(FILE *f, const char *s)
{
	cli_put_text(f, s);
	if (f == stdout && ferror(f) && !stdout_errno)
		stdout_errno = errno;
}

static void cli_put_text(FILE *f, const char *s)
{
	const char *cs = nl_langinfo(CODESET);
	/* The C locale is treated as UTF-8: a pipe or a test harness. */
	bool utf8 = !cs || strcmp(cs, "UTF-8") == 0 || strcmp(cs, "ANSI_X3.4-1968") == 0;
	char *conv = NULL;

	if (text_scan(s, TEXT_UNSAFE | TEXT_HIDDEN, NULL) == TEXT_PLAIN &&
	    !strpbrk(s, "\t\r")) {
		if (utf8) {
			fputs(s, f);
			return;
		}
		if (text_convert("UTF-8", cs, s, strlen(s), &conv, NULL, NULL) == 0) {
			fputs(conv, f);
			free(conv);
			return;
		}
	}
	/* Slow path: one character at a time. */
	while (*s)
		s += put_next(f, s, cs, utf8);
}

/* Arguments in UTF-8 made from the terminal's codeset, kept to the end. */
static char **converted;
static size_t nconverted;

static void converted_free(void)
{
	for (size_t i = 0; i < nconverted; i++)
		free(converted[i]);
	free(converted);
}

const char *cli_text(const char *arg)
{
	const char *cs = nl_langinfo(CODESET);
	char *u = NULL, **nv;

	/* in a GB18030 locale the terminal sends GB18030, even where the
	 * bytes happen to be UTF-8 too (钱十 is C7 AE CA AE, valid UTF-8) */
	if (!arg || !cs || strcmp(cs, "UTF-8") == 0 || strcmp(cs, "ANSI_X3.4-1968") == 0 ||
	    text_convert(cs, "UTF-8", arg, strlen(arg), &u, NULL, NULL) != 0)
		return arg;
	nv = realloc(converted, (nconverted + 1) * sizeof *nv);
	if (!nv) {
		free(u);
		return arg;
	}
	if (!converted)
		atexit(converted_free);
	converted = nv;
	converted[nconverted++] = u;
	return u;
}

void cli_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	cli_put(f, s);
	free(s);
}

void cli_close_stdout(void)
{
	bool pending = __fpending(stdout) != 0;
	bool failed = ferror(stdout) != 0;
	int e = 0;

	/* what is left is written now: fclose says why that fails */
	if (fclose(stdout) != 0) {
		e = errno;
		/* closed by the parent and never written to: nothing lost */
		if (pending || e != EBADF)
			failed = true;
	}
	if (failed) {
		cli_printf(stderr, _("zhibu: standard output could not be written: %s\n"),
		           strerror(e ? e : stdout_errno ? stdout_errno : EIO));
		_exit(EXIT_FAIL);
	}
	/* stderr is not buffered: a failure is in its error flag */
	if (ferror(stderr) || (fclose(stderr) != 0 && errno != EBADF))
		_exit(EXIT_FAIL);
}

static void print_usage(FILE *f)
{
	const char *first = _("Usage: zhibu [--db FILE] [--demo]");
	const char *z = strstr(first, "zhibu");
	char prefix[64];
	int indent = 7;
	size_t i;

	/* the commands under the first "zhibu", whatever "Usage:" became */
	if (z && (size_t)(z - first) < sizeof prefix) {
		snprintf(prefix, sizeof prefix, "%.*s", (int)(z - first), first);
		indent = text_width(prefix);
	}
	cli_printf(f, "%s\n", first);
	for (i = 0; i < N_COMMANDS; i++)
		cli_printf(f, "%*szhibu %s\n", indent, "", _(commands[i].usage));
	cli_printf(f, "%*szhibu --help | --version\n", indent, "");
}

const char *cli_tr(const char *msg)
{
	return msg && *msg ? _(msg) : "";
}

/* The last failure on DB in the user's language, SQLite's own words
 * after it only when the message is a generic one. */
const char *cli_db_error(struct db *db)
{
	static char buf[768];
	const char *msg = cli_tr(db_errmsg(db)), *detail = db_errdetail(db);

	if (!detail || !*detail)
		return msg;
	snprintf(buf, sizeof buf, _("%s (%s)"), msg, detail);
	return buf;
}

int usage_error(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	cli_printf(stderr, _("zhibu: %s\n"), s ? s : "");
	free(s);
	cli_printf(stderr, "%s\n", _("Try 'zhibu --help' for more information."));
	return EXIT_USAGE;
}

/* An option and what it does, in two columns; the second column moves to
 * the next line when the first is wide (widths are display columns). */
static void help_item(const char *option, const char *text)
{
	char col[256];

	if (text_width(option) > 20) {
		cli_printf(stdout, "  %s\n%23s%s\n", option, "", text);
		return;
	}
	text_pad(col, sizeof col, option, 20, false, false);
	cli_printf(stdout, "  %s %s\n", col, text);
}

/* Options: the message id of the option as typed (its placeholder is
 * translated), then what it does. */
struct help_option {
	const char *option, *text;
};

static const struct help_option global_options[] = {
	{ N_("--db FILE"), N_("the database file (also $ZHIBU_DB)") },
	{ "--demo", N_("open a sample branch (in a temporary file unless --db)") },
	{ "--help", N_("show this help and exit") },
	{ "--version", N_("show the version and exit") },
	{ NULL, NULL },
};

static const struct help_option check_options[] = {
	{ N_("--head N:HASH"), N_("the change log holds this head (noted earlier)") },
	{ N_("--against COPY"), N_("the change log holds the head of this backup") },
	{ NULL, NULL },
};

static const struct help_option import_options[] = {
	{ N_("--encoding ENC"), N_("auto (the default), gb18030, gbk, utf-8, utf-16") },
	{ "--dry-run", N_("check every row, store nothing") },
	{ "--all-or-nothing", N_("store nothing when a row is rejected") },
	{ "--update", N_("update the members whose ID number is on the roster") },
	{ N_("--map 'HEADER=FIELD'"), N_("read the column HEADER as FIELD (- leaves it out); remembered for the next file with the same headers") },
	{ NULL, NULL },
};

static const struct help_option member_options[] = {
	{ N_("MEMBER"), N_("an ID number, or a name only one member has") },
	{ N_("--date DATE"), N_("the day of the change (default: today; full: the day the probation ended)") },
	{ N_("--until DATE"), N_("extend: the new end of the probation (half a year to a year longer)") },
	{ N_("--reason TEXT"), N_("why, as the branch decided it (required where the rules ask)") },
	{ "--yes", N_("confirm a change that is final, or a return from 停止党籍") },
	{ NULL, NULL },
};

static const struct help_option export_options[] = {
	{ N_("-o FILE"), N_("write to FILE (export: not to the terminal; FILE.xlsx: Excel)") },
	{ N_("--encoding ENC"), N_("gb18030 (the default for CSV), gbk, utf-8, utf-8-bom") },
	{ "--crlf, --lf", N_("line ends (CSV: CR LF by default; text: LF)") },
	{ "--print", N_("report: to the printer with lp, as PDF") },
	{ "--format text|csv|pdf", N_("report: paginated text (the default), CSV or PDF") },
	{ "--full-id", N_("report: ID numbers whole, not masked") },
	{ N_("--date DATE"), N_("report stats: the day the figures are counted on (default: today)") },
	{ NULL, NULL },
};

static void help_options(const char *title, const struct help_option *o)
{
	cli_printf(stdout, "\n%s\n", _(title));
	for (; o->option; o++)
		help_item(_(o->option), _(o->text));
}

static int print_help(void)
{
	size_t i;

	print_usage(stdout);
	cli_printf(stdout, "\n%s\n\n",
	           _("Registers of a community Party branch: the member roster and more, kept in a local SQLite file."));
	cli_printf(stdout, "%s\n", _("Commands:"));
	for (i = 0; i < N_COMMANDS; i++)
		cli_printf(stdout, "  %-9s %s\n", commands[i].name,
		           _(commands[i].summary));
	help_options(N_("Options:"), global_options);
	help_options(N_("Options of check:"), check_options);
	help_options(N_("Options of import:"), import_options);
	help_options(N_("Options of export and report:"), export_options);
	cli_help_filters(help_item);
	help_options(N_("Arguments and options of status and probation:"), member_options);
	cli_printf(stdout, "\n%s\n",
	           _("Exit status: 0 success, 1 failure, 2 usage error, 3 import with rejected rows."));
	return EXIT_OK;
}

static void set_db_path(struct cli_ctx *ctx, const char *path)
{
	ctx->db_path = path;
	ctx->db_given = true;
}

/* Open the database for a subcommand, reporting failures; when READONLY
 * is not NULL, a file that cannot be written is not reported but flagged
 * there, for the caller to open it read-only. */
static struct db *open_db_ex(struct cli_ctx *ctx, unsigned flags, bool *readonly)
{
	char err[512];
	struct db *db = NULL;
	int rc = db_open(ctx->db_path, flags, &db, err, sizeof err);

	if (rc != DB_OK) {
		if (readonly && rc == DB_READONLY) {
			*readonly = true;
			return NULL;
		}
		cli_printf(stderr, _("zhibu: %s: %s\n"), ctx->db_path, _(err));
		return NULL;
	}
	if (db_migration_backup(db))
		cli_printf(stderr, _("zhibu: %s: updated to a newer format; the old file was saved as %s\n"),
		           ctx->db_path, db_migration_backup(db));
	if (db_world_readable(ctx->db_path))
		cli_printf(stderr, _("zhibu: warning: %s can be read by other users (chmod o-rwx)\n"),
		           ctx->db_path);
	return db;
}

struct db *open_db(struct cli_ctx *ctx, unsigned flags)
{
	return open_db_ex(ctx, flags, NULL);
}

/* Parse a subcommand's options; returns the index of its first operand or
 * -1 after a usage error (reported). */
int parse_options(struct cli_ctx *ctx, const struct option *opts,
                  const char *optstring,
                  int (*handle)(struct cli_ctx *, int, const char *, void *),
                  void *data)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, optstring, opts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			/* a long option's optopt is its code, not a letter: name
			 * it as typed */
			bool letter = optopt > 0 && optopt < 128 && isprint(optopt);
			char shown[64];

			if (letter)
				snprintf(shown, sizeof shown, "-%c", optopt);
			else
				snprintf(shown, sizeof shown, "%s", ctx->argv[optind - 1]);
			if (c == ':')
				usage_error(_("%s: option '%s' needs a value"), ctx->argv[0],
				            shown);
			else
				usage_error(_("%s: unknown option '%s'"), ctx->argv[0], shown);
			return -1;
		}
		/* text in UTF-8, as everything inside; a file name (-o) stays
		 * the bytes the file system knows it by */
		if (handle(ctx, c, c == 'o' ? optarg : cli_text(optarg), data) != 0)
			return -1;
	}
	return optind;
}

/* ---- zhibu init ------------------------------------------------------- */

static int init_option(struct cli_ctx *ctx, int c, const char *arg, void *data)
{
	if (c == 'b') {
		*(const char **)data = arg;
		return 0;
	}
	return -1;
}

static int cmd_init(struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "branch", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const char *branch = NULL;
	char name[4 * 40 + 64];
	struct stat st;
	struct db *db;
	int first = parse_options(ctx, opts, "+:", init_option, &branch);

	if (first < 0)
		return EXIT_USAGE;
	if (first < ctx->argc)
		return usage_error(_("init: unexpected argument '%s'"), ctx->argv[first]);
	if (branch) {
		/* what the settings screen accepts: nothing invisible */
		const char *why = valid_label(branch, 40, name, sizeof name);

		if (!why && !*name)
			why = N_("is required");
		if (why)
			return usage_error(_("init: --branch: %s (1 to 40 characters of text)"),
			                   _(why));
	}
	if (stat(ctx->db_path, &st) == 0) {
		cli_printf(stderr, _("zhibu: %s already exists\n"), ctx->db_path);
		return EXIT_FAIL;
	}
	db = open_db(ctx, DB_OPEN_CREATE);
	if (!db)
		return EXIT_FAIL;
	if (branch && db_set_setting(db, "branch.name", name) != DB_OK) {
		cli_printf(stderr, _("zhibu: %s: %s\n"), ctx->db_path, cli_db_error(db));
		db_close(db);
		return EXIT_FAIL;
	}
	db_close(db);
	cli_printf(stdout, _("created %s\n"), ctx->db_path);
	return EXIT_OK;
}

/* ---- zhibu check ------------------------------------------------------ */

static int no_option(struct cli_ctx *ctx, int c, const char *arg, void *data)
{
	return -1;
}

static void check_report(void *data, const char *msgid, const char *detail)
{
	struct cli_ctx *ctx = data;

	if (detail && *detail)
		cli_printf(stdout, _("%s: %s: %s\n"), ctx->db_path, _(msgid), detail);
	else
		cli_printf(stdout, _("%s: %s\n"), ctx->db_path, _(msgid));
}

/* The heads a check compares the change log with. */
#define CHECK_HEADS 16
struct check_heads {
	const char *head[CHECK_HEADS], *against[CHECK_HEADS];
	int nhead, nagainst;
};

static int check_option(struct cli_ctx *ctx, int c, const char *arg, void *data)
{
	struct check_heads *h = data;
	char hex[80];
	int64_t n;

	if (c == 'H') {
		if (!db_audit_head_parse(arg, &n, hex)) {
			usage_error(_("check: --head: '%s' is not N:HASH (8 to 64 hex digits of the hash)"),
			            arg);
			return -1;
		}
		if (h->nhead == CHECK_HEADS) {
			usage_error("%s", _("check: too many --head"));
			return -1;
		}
		h->head[h->nhead++] = arg;
		return 0;
	}
	if (c == 'A') {
		if (h->nagainst == CHECK_HEADS) {
			usage_error("%s", _("check: too many --against"));
			return -1;
		}
		h->against[h->nagainst++] = arg;
		return 0;
	}
	return -1;
}

/* The head of the change log of the zhibu file PATH (a backup, a
 * check-out), into HEAD; false after saying why. */
static bool copy_head(const char *path, char *head)
{
	char err[512];
	struct db *copy = NULL;
	int rc = db_open(path, DB_OPEN_READONLY, &copy, err, sizeof err);

	if (rc != DB_OK) {
		cli_printf(stderr, _("zhibu: %s: %s\n"), path, _(err));
		return false;
	}
	rc = db_audit_head(copy, head);
	if (rc != DB_OK)
		cli_printf(stderr, _("zhibu: %s: %s\n"), path, cli_tr(db_errmsg(copy)));
	db_close(copy);
	return rc == DB_OK;
}

static int cmd_check(struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "head", required_argument, NULL, 'H' },
		{ "against", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	struct check_heads heads = { .nhead = 0 };
	struct db *db;
	int first = parse_options(ctx, opts, "+:", check_option, &heads);
	int n, more;

	if (first < 0)
		return EXIT_USAGE;
	if (first < ctx->argc)
		return usage_error(_("check: unexpected argument '%s'"), ctx->argv[first]);
	/* Checking only reads: a file on a read-only medium is checked as it
	 * is (without bringing an old format up to date). */
	bool readonly = false;

	db = open_db_ex(ctx, 0, &readonly);
	if (!db && readonly)
		db = open_db(ctx, DB_OPEN_READONLY);
	if (!db)
		return EXIT_FAIL;
	n = db_check(db, check_report, ctx);
	/* heads recorded before: in a backup or a check-out (read from the
	 * copy itself), or written down from one or from a printed ledger */
	for (int i = 0; n >= 0 && i < heads.nhead + heads.nagainst; i++) {
		char head[DB_AUDIT_HEAD_SIZE];

		if (i >= heads.nhead && !copy_head(heads.against[i - heads.nhead], head)) {
			db_close(db);
			return EXIT_FAIL;
		}
		more = db_check_head(db, i < heads.nhead ? heads.head[i] : head,
		                     check_report, ctx);
		n = more < 0 ? more : n + more;
	}
	if (n < 0)
		cli_printf(stderr, _("zhibu: %s: %s\n"), ctx->db_path, cli_db_error(db));
	else if (n == 0)
		cli_printf(stdout, _("%s: ok\n"), ctx->db_path);
	else
		cli_printf(stdout, ngettext("%s: %d problem\n", "%s: %d problems\n", n),
		           ctx->db_path, n);
	db_close(db);
	return n == 0 ? EXIT_OK : EXIT_FAIL;
}

/* ---- zhibu backup ----------------------------------------------------- */

static int cmd_backup(struct cli_ctx *ctx)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	char err[512], head[DB_AUDIT_HEAD_SIZE];
	struct db *db;
	int first = parse_options(ctx, opts, "+:", no_option, NULL);
	int rc;

	if (first < 0)
		return EXIT_USAGE;
	if (first != ctx->argc - 1)
		return usage_error("%s", _("backup: name one file to write"));
	db = open_db(ctx, DB_OPEN_READONLY);
	if (!db)
		return EXIT_FAIL;
	rc = db_backup(db, ctx->argv[first], err, sizeof err);
	db_close(db);
	if (rc != DB_OK) {
		cli_printf(stderr, _("zhibu: %s: %s\n"), ctx->argv[first], _(err));
		return EXIT_FAIL;
	}
	cli_printf(stdout, _("wrote %s\n"), ctx->argv[first]);
	/* The copy holds its change log, so its head: "zhibu check --against
	 * COPY" compares with it.  Printed too, for the secretary to note
	 * down where the file cannot reach (the head of the copy itself,
	 * not of the database, which others may have changed meanwhile).
	 * Not kept in the database: whoever could rewrite its log could
	 * rewrite that too. */
	if (!copy_head(ctx->argv[first], head))
		return EXIT_FAIL;
	cli_printf(stdout, _("change log head: %s\n"), head);
	return EXIT_OK;
}

/* ---- the screens ------------------------------------------------------ */

/* Remove the demo's temporary database and its directory. */
static void demo_cleanup(const char *dir, const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char name[4200];
	size_t i;

	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
		unlink(name);
	}
	rmdir(dir);
}

/* Whether the locale's character set holds Chinese at all: under C or
 * POSIX (an SSH login that set no LANG) every name would be a row of
 * placeholders. */
static bool locale_shows_chinese(void)
{
	mbstate_t st;
	char mb[MB_LEN_MAX];

	memset(&st, 0, sizeof st);
	return wcrtomb(mb, (wchar_t)0x4E2D, &st) != (size_t)-1;   /* 中 */
}

/* Whether TERM lets curses draw the screens; if not, say why and what
 * to set (before anything is opened or drawn). */
static bool terminal_shows_screens(void)
{
	enum ui_terminal t = ui_terminal_check();
	char *term;

	if (t == UI_TERMINAL_OK)
		return true;
	term = text_sanitize(getenv("TERM") ? getenv("TERM") : "");
	cli_printf(stderr, "zhibu: ");
	if (t == UI_TERMINAL_UNSET)
		cli_printf(stderr, "%s\n", _("TERM is not set, so the screens cannot know the terminal.\n"
		                             "Set it to what the terminal is, for example:\n"
		                             "  TERM=xterm zhibu      (PuTTY, Xshell, SecureCRT and most others)\n"
		                             "  TERM=linux zhibu      (the Linux console)"));
	else if (t == UI_TERMINAL_UNKNOWN)
		cli_printf(stderr, _("this machine does not know the terminal type TERM=%s.\n"
		                     "Set TERM=xterm (PuTTY, Xshell, SecureCRT and most others),\n"
		                     "or install its description (Debian: ncurses-term).\n"),
		           term ? term : "?");
	else
		cli_printf(stderr, _("the terminal type TERM=%s cannot show the screens (it cannot move the cursor).\n"
		                     "Set TERM=xterm if the terminal is PuTTY, Xshell or another emulator;\n"
		                     "the commands work on any terminal ('zhibu --help' lists them).\n"),
		           term ? term : "?");
	free(term);
	return false;
}

static int cmd_screens(struct cli_ctx *ctx, bool demo)
{
	char dir[4096] = "", path[4200], today[11];
	const char *tmp = getenv("TMPDIR");
	struct db *db;
	int rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_printf(stderr, _("zhibu: %s\n"),
		           _("the screens need a terminal; 'zhibu --help' lists the commands"));
		return EXIT_FAIL;
	}
	if (!locale_shows_chinese()) {
		const char *cs = nl_langinfo(CODESET);

		cli_printf(stderr, "zhibu: ");
		cli_printf(stderr, _("the locale's character set (%s) cannot show Chinese.\n"
		                     "Set LANG to what the terminal uses, for example:\n"
		                     "  LANG=zh_CN.UTF-8 zhibu      (a UTF-8 terminal)\n"
		                     "  LANG=zh_CN.GB18030 zhibu    (a client set to GBK or GB18030)\n"),
		           cs && *cs ? cs : "?");
		return EXIT_FAIL;
	}
	if (!terminal_shows_screens())
		return EXIT_FAIL;
	if (demo && !ctx->db_given) {
		snprintf(dir, sizeof dir, "%s/zhibu-demo.XXXXXX",
		         tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir)) {
			cli_printf(stderr, _("zhibu: %s: %s\n"), dir, strerror(errno));
			return EXIT_FAIL;
		}
		snprintf(path, sizeof path, "%s/demo.db", dir);
		ctx->db_path = path;
	}
	db = open_db(ctx, DB_OPEN_CREATE);
	if (!db) {
		if (dir[0])
			demo_cleanup(dir, path);
		return EXIT_FAIL;
	}
	if (demo) {
		valid_today(today);
		if (!registers_empty(db)) {
			cli_printf(stderr, _("zhibu: %s holds records already; --demo needs a new file\n"),
			           ctx->db_path);
			db_close(db);
			return EXIT_FAIL;
		}
		if (demo_populate(db, 2026, 60, today) != DB_OK) {
			cli_printf(stderr, _("zhibu: %s: %s\n"), ctx->db_path, cli_db_error(db));
			db_close(db);
			if (dir[0])
				demo_cleanup(dir, path);
			return EXIT_FAIL;
		}
	}
	rc = screens_run(db, &ctx->prefs);
	db_close(db);
	if (dir[0])
		demo_cleanup(dir, path);
	return rc;
}

/* ---- dispatch --------------------------------------------------------- */

/* Take the global options out of ARGV wherever they stand (up to "--"),
 * leaving the subcommand and its own arguments in order. */
static int take_global_options(struct cli_ctx *ctx, int *argc, char **argv,
                               bool *help, bool *version, bool *demo)
{
	int i, out = 1;
	bool rest = false;

	for (i = 1; i < *argc; i++) {
		const char *a = argv[i];

		if (rest) {
			argv[out++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			rest = true;
			argv[out++] = argv[i];
		} else if (strcmp(a, "--db") == 0) {
			if (i + 1 >= *argc || !*argv[i + 1])
				return usage_error("%s", _("option '--db' needs a file name"));
			set_db_path(ctx, argv[++i]);
		} else if (strncmp(a, "--db=", 5) == 0) {
			if (!a[5])
				return usage_error("%s", _("option '--db' needs a file name"));
			set_db_path(ctx, a + 5);
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			*help = true;
		} else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			*version = true;
		} else if (strcmp(a, "--demo") == 0) {
			*demo = true;
		} else {
			argv[out++] = argv[i];
		}
	}
	argv[out] = NULL;
	*argc = out;
	return 0;
}

static void prefs_warning(void *ctx, const char *path, int line,
                          const char *msgid, const char *text)
{
	if (line == 0 && text)
		cli_printf(stderr, _("zhibu: %s: %s (%s)\n"), path, _(msgid), text);
	else if (line == 0)
		cli_printf(stderr, _("zhibu: %s: %s\n"), path, _(msgid));
	else
		cli_printf(stderr, _("zhibu: %s:%d: %s: %s\n"), path, line, _(msgid), text);
}

int cli_main(int argc, char **argv)
{
	struct cli_ctx ctx = { 0 };
	bool help = false, version = false, demo = false;
	const char *why;
	size_t i;

	prefs_load(&ctx.prefs, NULL, prefs_warning, NULL);
	if (ctx.prefs.language[0])
		setenv("LANGUAGE", ctx.prefs.language, 1);

	if (take_global_options(&ctx, &argc, argv, &help, &version, &demo))
		return EXIT_USAGE;
	if (version) {
		cli_printf(stdout, "zhibu %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (help)
		return print_help();
	if (ctx.db_path && (why = db_path_refused(ctx.db_path)))
		return usage_error(_("--db %s: %s"), ctx.db_path, _(why));
	if (!ctx.db_path) {
		const char *env = getenv("ZHIBU_DB");

		if (env && *env && (why = db_path_refused(env)))
			return usage_error(_("ZHIBU_DB=%s: %s"), env, _(why));
		if (db_default_path(ctx.path_buf, sizeof ctx.path_buf) != 0) {
			cli_printf(stderr, _("zhibu: %s\n"),
			           _("cannot work out where the database lives; use --db FILE"));
			return EXIT_FAIL;
		}
		ctx.db_path = ctx.path_buf;
	}
	if (argc < 2)
		return cmd_screens(&ctx, demo);
	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			if (demo)
				return usage_error(_("--demo does not go with '%s'"), argv[1]);
			ctx.argc = argc - 1;
			ctx.argv = argv + 1;
			return commands[i].run(&ctx);
		}
	}
	if (argv[1][0] == '-')
		return usage_error(_("unknown option '%s'"), argv[1]);
	return usage_error(_("unknown command '%s'"), argv[1]);
}
