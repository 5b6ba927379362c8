/* cli_io.c - zhibu import, export and report (SPEC 4, 5, 1.5).
 *
 * The commands parse their options, open the files and the database, and
 * turn what io and report say into messages in the user's language and
 * codeset.  Files written hold personal data: they are new files, 0600,
 * put in their path's place when complete (outfile.h), so a failed export
 * never leaves half a file behind.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_internal.h"
#include "csv.h"
#include "gettext.h"
#include "io.h"
#include "io_xlsx.h"
#include "query.h"
#include "outfile.h"
#include "reg.h"
#include "report.h"
#include "report_all.h"
#include "report_pdf.h"
#include "report_stats.h"
#include "store.h"
#include "text.h"
#include "validate.h"

enum {
	OPT_ENCODING = 256, OPT_DRY_RUN, OPT_ALL_OR_NOTHING, OPT_UPDATE,
	OPT_CRLF, OPT_LF, OPT_SEARCH, OPT_ALL, OPT_FORMAT, OPT_FULL_ID, OPT_PRINT, OPT_DATE,
	OPT_MAP,
};

/* ---- shared ------------------------------------------------------------ */

/* The register that imports and exports as NAME, or NULL after saying
 * which there are. */
static const struct reg *table_arg(const char *cmd, const char *name)
{
	const struct reg *r = reg_find(name);
	char names[256];

	if (!r || !r->io) {
		reg_io_names(names, sizeof names);
		usage_error(_("%s: unknown table '%s' (known: %s)"), cmd, name, names);
		return NULL;
	}
	return r;
}

static int encoding_arg(const char *cmd, const char *arg, bool reading,
                        enum text_encoding *out)
{
	enum text_encoding e = text_encoding_parse(arg);

	if (reading && strcasecmp(arg, "auto") == 0) {
		*out = TEXT_ENC_UNKNOWN;
		return 0;
	}
	if (reading && e == TEXT_ENC_UTF8_BOM)
		e = TEXT_ENC_UTF8;
	if (e == TEXT_ENC_UNKNOWN ||
	    (!reading && (e == TEXT_ENC_UTF16LE || e == TEXT_ENC_UTF16BE))) {
		if (reading)
			usage_error(_("%s: unknown encoding '%s' (auto, gb18030, gbk, utf-8, utf-16)"),
			            cmd, arg);
		else
			usage_error(_("%s: unknown encoding '%s' (gb18030, gbk, utf-8, utf-8-bom)"),
			            cmd, arg);
		return -1;
	}
	*out = e;
	return 0;
}

/* ---- filters -------------------------------------------------------------
 *
 * Every register's list filters (query.h) are options of export and
 * report: --OPTION VALUE for each filter of any register, each name once,
 * then --search and --all.  What a value means is known once the TABLE
 * (or report) names the register: filter_check checks it there. */

#define CLI_FILTERS 16
#define OPT_FILTER 512          /* + the filter's index in filter_names */

static const char *filter_names[CLI_FILTERS];
static int nfilter_names;

/* Every register's filter options, each name once, in registry order. */
static void filter_names_load(void)
{
	if (nfilter_names)
		return;
	for (size_t i = 0; registers[i]; i++) {
		const struct query_def *qd = registers[i]->query;

		for (const struct query_filter *qf = qd ? qd->filters : NULL;
		     qf && qf->option; qf++) {
			int k = 0;

			while (k < nfilter_names && strcmp(filter_names[k], qf->option) != 0)
				k++;
			if (k == nfilter_names && k < CLI_FILTERS)
				filter_names[nfilter_names++] = qf->option;
		}
	}
}

/* OWN (ended by a NULL name) followed by the filter options: malloc'd,
 * NULL when out of memory (said). */
static struct option *filter_options(const struct option *own)
{
	struct option *o;
	size_t n = 0, i;

	filter_names_load();
	while (own[n].name)
		n++;
	o = calloc(n + (size_t)nfilter_names + 3, sizeof *o);
	if (!o) {
		cli_printf(stderr, _("zhibu: %s\n"), _("out of memory"));
		return NULL;
	}
	memcpy(o, own, n * sizeof *o);
	for (i = 0; i < (size_t)nfilter_names; i++)
		o[n++] = (struct option){ filter_names[i], required_argument, NULL,
		                          OPT_FILTER + (int)i };
	o[n++] = (struct option){ "search", required_argument, NULL, OPT_SEARCH };
	o[n] = (struct option){ "all", no_argument, NULL, OPT_ALL };
	return o;
}

/* Parse the options OWN and the filters with HANDLE into DATA, for a
 * command that takes one argument (USAGE, a message id, says which):
 * the argument's index, or -1 after saying why. */
static int parse_one(struct cli_ctx *ctx, const struct option *own,
                     int (*handle)(struct cli_ctx *, int, const char *, void *),
                     void *data, const char *usage)
{
	struct option *opts = filter_options(own);
	int first = opts ? parse_options(ctx, opts, ":o:", handle, data) : -1;

	free(opts);
	if (first >= 0 && ctx->argc - first != 1) {
		usage_error("%s", _(usage));
		return -1;
	}
	return first;
}

/* The filters as typed: VALUE[i] for the option filter_names[i]. */
struct filter_args {
	const char *value[CLI_FILTERS];
	const char *search;
	bool all;
};

/* Was any filter given? */
static bool filter_given(const struct filter_args *fa)
{
	for (int i = 0; i < nfilter_names; i++)
		if (fa->value[i])
			return true;
	return fa->search || fa->all;
}

/* Handle a filter option C; 1 if C is not one. */
static int filter_option(struct cli_ctx *ctx, struct filter_args *fa, int c,
                         const char *arg)
{
	if (c >= OPT_FILTER && c < OPT_FILTER + nfilter_names) {
		fa->value[c - OPT_FILTER] = arg;
		return 0;
	}
	switch (c) {
	case OPT_SEARCH:
		if (strlen(arg) >= sizeof(((struct query *)0)->search)) {
			usage_error(_("%s: the search text is too long"), ctx->argv[0]);
			return -1;
		}
		fa->search = arg;
		return 0;
	case OPT_ALL:
		fa->all = true;
		return 0;
	}
	return 1;
}

/* VALUE is one of field F's choices (an alias stands for its choice):
 * the choice, or NULL after saying which there are. */
static const char *choice_arg(const char *cmd, const char *opt,
                              const struct field *f, const char *value)
{
	const char *v = valid_choice(f->choices, value);
	char list[512] = "";

	if (v)
		return v;
	for (size_t i = 0; f->choices[i].value; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
		         i ? " " : "", f->choices[i].value);
	usage_error(_("%s: --%s '%s' is not one of: %s"), cmd, opt, value, list);
	return NULL;
}

/* VALUE names one of QF's conditions: true, or false after saying
 * which there are. */
static bool named_arg(const char *cmd, const struct query_filter *qf, const char *value)
{
	char list[512] = "";

	if (query_named_find(qf, value))
		return true;
	for (const struct query_named *n = qf->named; n->name; n++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
		         n == qf->named ? "" : " ", n->name);
	usage_error(_("%s: --%s '%s' is not one of: %s"), cmd, qf->option, value, list);
	return false;
}

/* Do the filters FA apply to the register R (TABLE, as named)?  0, or
 * EXIT_USAGE after saying why. */
static int filter_check(const char *cmd, const struct reg *r, const char *table,
                        const struct filter_args *fa)
{
	const struct query_def *qd = r->query;
	bool unset = false;

	for (int i = 0; i < nfilter_names; i++) {
		const struct query_filter *qf;

		if (!fa->value[i])
			continue;
		qf = qd ? query_filter_find(qd, filter_names[i], NULL) : NULL;
		if (!qf)
			return usage_error(_("%s: --%s does not apply to %s"), cmd,
			                   filter_names[i], table);
		if (fa->all && qf->unset)
			return usage_error(_("%s: --all and --%s do not go together"), cmd,
			                   filter_names[i]);
		if (qf->kind == QF_CHOICE &&
		    !choice_arg(cmd, qf->option, field_find(r->fields, qf->field), fa->value[i]))
			return EXIT_USAGE;
		if (qf->kind == QF_NAMED && !named_arg(cmd, qf, fa->value[i]))
			return EXIT_USAGE;
	}
	for (const struct query_filter *qf = qd ? qd->filters : NULL; qf && qf->option; qf++)
		unset |= qf->unset != NULL;
	if (fa->all && !unset)
		return usage_error(_("%s: --%s does not apply to %s"), cmd, "all", table);
	if (fa->search && !(qd && qd->search))
		return usage_error(_("%s: --%s does not apply to %s"), cmd, "search", table);
	return 0;
}

/* The query of R the filters ask for, in its first order (the roster's:
 * 姓氏笔画), after filter_check: 0, or EXIT_FAIL after saying why. */
static int filter_query(struct db *db, const char *cmd, const struct reg *r,
                        const struct filter_args *fa, struct query *q)
{
	const struct query_def *qd = r->query;

	memset(q, 0, sizeof *q);
	if (!qd)
		return 0;
	if (fa->all)
		query_all(qd, q);
	if (fa->search)
		snprintf(q->search, sizeof q->search, "%s", fa->search);
	for (int i = 0; i < nfilter_names; i++) {
		const struct query_filter *qf;
		int64_t id;
		int at, rc;

		if (!fa->value[i] || !(qf = query_filter_find(qd, filter_names[i], &at)))
			continue;
		if (qf->kind == QF_CHOICE) {
			snprintf(q->value[at], QUERY_VALUE, "%s",
			         valid_choice(field_find(r->fields, qf->field)->choices,
			                      fa->value[i]));
			continue;
		}
		if (qf->kind == QF_NAMED) {
			snprintf(q->value[at], QUERY_VALUE, "%s", fa->value[i]);
			continue;
		}
		rc = store_group_find(db, fa->value[i], &id);
		if (rc == DB_NOTFOUND) {
			char *shown = text_sanitize(fa->value[i]);

			cli_printf(stderr, _("zhibu: %s: there is no party group '%s'\n"),
			           cmd, shown ? shown : "");
			free(shown);
			return EXIT_FAIL;
		}
		if (rc != DB_OK) {
			cli_printf(stderr, _("zhibu: %s\n"), cli_db_error(db));
			return EXIT_FAIL;
		}
		snprintf(q->value[at], QUERY_VALUE, "%lld", (long long)id);
	}
	return 0;
}

void cli_help_filters(void (*item)(const char *option, const char *text))
{
	char opt[128];

	for (size_t i = 0; registers[i]; i++) {
		const struct query_def *qd = registers[i]->query;
		const char *all = NULL;

		if (!qd || (!registers[i]->io && !registers[i]->report) ||
		    (!qd->filters && !qd->search))
			continue;       /* nothing to list */
		cli_printf(stdout, "\n");
		cli_printf(stdout, _("Filters of %s (export %s, report %s):\n"),
		           _(registers[i]->title), registers[i]->table,
		           registers[i]->report ? registers[i]->report->name : "-");
		for (const struct query_filter *qf = qd->filters; qf && qf->option; qf++) {
			snprintf(opt, sizeof opt, "--%s %s", qf->option, _(qf->arg));
			item(opt, _(qf->help));
			if (qf->all_help)
				all = qf->all_help;
		}
		if (all)
			item("--all", _(all));
		if (qd->search) {
			snprintf(opt, sizeof opt, "--search %s", _("TEXT"));
			item(opt, _(qd->search->help));
		}
	}
}

/* An output file: stdout, or a new file that takes its path's place
 * (outfile.h). */
struct output {
	FILE *f;
	const char *path;       /* as named, NULL for stdout */
	struct outfile *file;   /* NULL for stdout */
	int err;                /* stdout: why its first write failed */
};

static int output_open(struct output *o, const char *path, const char *db_path)
{
	struct stat st, dbst;
	int e;

	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		/* its own stream on it, which can tell why a write failed */
		fflush(stdout);
		o->f = outfile_fdopen(STDOUT_FILENO, &o->err);
		if (!o->f)
			cli_printf(stderr, _("zhibu: %s\n"), strerror(ENOMEM));
		return o->f ? 0 : -1;
	}
	/* -o branch.db by mistake would replace the register with its copy */
	if (stat(path, &st) == 0 && stat(db_path, &dbst) == 0 &&
	    st.st_dev == dbst.st_dev && st.st_ino == dbst.st_ino) {
		cli_printf(stderr, _("zhibu: %s is the database itself; write to another file\n"),
		           path);
		return -1;
	}
	e = outfile_open(path, 0, &o->file);
	if (e == ELOOP || e == ENODEV)
		/* -o /dev/stdout, -o /dev/null: there is a way that works */
		cli_printf(stderr, _("zhibu: %s: %s ('-o -' writes to standard output)\n"),
		           path, _(outfile_strerror(e)));
	else if (e)
		cli_printf(stderr, _("zhibu: %s: %s\n"), path, cli_tr(outfile_strerror(e)));
	if (e)
		return -1;
	o->path = path;
	o->f = outfile_stream(o->file);
	return 0;
}

/* What the system said when writing O failed, if it is known. */
static const char *output_why(struct output *o)
{
	int e = o->file ? outfile_error(o->file) : o->err;

	return e ? strerror(e) : NULL;
}

/* Finish the output: put in place when OKAY, else removed (the failure
 * was said).  0, or -1 after saying why. */
static int output_close(struct output *o, bool okay)
{
	int e;

	if (!o->f)
		return okay ? 0 : -1;
	if (!o->file) {
		if (okay && (fflush(o->f) == EOF || ferror(o->f))) {
			cli_printf(stderr, _("zhibu: standard output could not be written: %s\n"),
			           strerror(o->err ? o->err : EIO));
			okay = false;
		}
		fclose(o->f);
		return okay ? 0 : -1;
	}
	if (!okay) {
		outfile_abort(o->file);
		return -1;
	}
	e = outfile_commit(o->file);
	if (e) {
		cli_printf(stderr, _("zhibu: %s: %s\n"), o->path, cli_tr(outfile_strerror(e)));
		return -1;
	}
	return 0;
}

/* ---- zhibu import -------------------------------------------------------- */

/* How many --map options an import takes. */
#define MAX_MAPS 64

struct import_args {
	enum text_encoding encoding;
	unsigned flags;
	const char *maps[MAX_MAPS];     /* --map HEADER=FIELD, as given */
	size_t nmaps;
};

static int import_option(struct cli_ctx *ctx, int c, const char *arg, void *data)
{
	struct import_args *a = data;

	switch (c) {
	case OPT_ENCODING:
		return encoding_arg(ctx->argv[0], arg, true, &a->encoding);
	case OPT_DRY_RUN:
		a->flags |= IO_DRY_RUN;
		return 0;
	case OPT_ALL_OR_NOTHING:
		a->flags |= IO_ALL_OR_NOTHING;
		return 0;
	case OPT_UPDATE:
		a->flags |= IO_UPDATE;
		return 0;
	case OPT_MAP:
		if (a->nmaps == MAX_MAPS) {
			usage_error(_("%s: too many --map options"), ctx->argv[0]);
			return -1;
		}
		a->maps[a->nmaps++] = arg;
		return 0;
	}
	return -1;
}

/* The fields of T as --map names them, for a usage error. */
static void field_names(const struct io_table *t, char *buf, size_t sz)
{
	buf[0] = '\0';
	for (const struct field *f = t->store->fields; f->key; f++)
		snprintf(buf + strlen(buf), sz - strlen(buf), "%s%s",
		         f == t->store->fields ? "" : " ", f->key);
}

/* --map HEADER=FIELD into OUT (FIELD a key, a header or one of its other
 * names; '-' or nothing leaves the column out); the HEADER parts are
 * kept in BUF.  0, or -1 after a usage error. */
static int parse_maps(const struct io_table *t, const struct import_args *a,
                      char *buf[MAX_MAPS], struct io_assign out[MAX_MAPS])
{
	char names[1024];

	for (size_t i = 0; i < a->nmaps; i++) {
		char *eq;
		const char *field;

		buf[i] = strdup(a->maps[i]);
		if (!buf[i]) {
			cli_printf(stderr, _("zhibu: %s\n"), strerror(ENOMEM));
			return -1;
		}
		eq = strrchr(buf[i], '=');
		if (!eq || eq == buf[i]) {
			usage_error(_("import: --map '%s': write it as HEADER=FIELD"),
			            a->maps[i]);
			return -1;
		}
		*eq = '\0';
		field = eq + 1;
		out[i] = (struct io_assign){ 0, buf[i], NULL };
		if (*field && strcmp(field, "-") != 0 &&
		    !(out[i].field = io_field_named(t, field))) {
			field_names(t, names, sizeof names);
			usage_error(_("import: --map '%s': '%s' is not a field (fields: %s; '-' leaves the column out)"),
			            a->maps[i], field, names);
			return -1;
		}
	}
	return 0;
}

struct import_report {
	const char *file;
	bool dry;
	bool tty;                       /* stderr is a terminal: show progress */
	bool shown;                     /* a progress line is on it now */
	size_t size;                    /* the file's size, 0 if not known */
};

/* Take the progress line off the terminal before anything else is said. */
static void progress_clear(struct import_report *ir)
{
	if (!ir->shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	ir->shown = false;
}

/* One line on stderr, rewritten in place, while a large file is read. */
static void import_progress(void *ctx, const struct io_progress *p)
{
	struct import_report *ir = ctx;
	int pct = io_percent(p->bytes, ir->size);

	if (!ir->tty)
		return;
	fputs("\r", stderr);
	if (p->phase == IO_FINISHING)
		cli_printf(stderr, _("importing: %lu rows read; indexing and saving..."), p->rows);
	else if (pct >= 0 && ir->dry)
		cli_printf(stderr, _("checking: %d%%, %lu rows"), pct, p->rows);
	else if (pct >= 0)
		cli_printf(stderr, _("importing: %d%%, %lu rows"), pct, p->rows);
	else if (ir->dry)
		cli_printf(stderr, _("checking: %lu rows"), p->rows);
	else
		cli_printf(stderr, _("importing: %lu rows"), p->rows);
	fputs("\033[K", stderr);
	fflush(stderr);
	ir->shown = true;
}

/* FILE:LINE: field: reason, one line per problem (SPEC 4). */
static void import_problem(void *ctx, const struct io_problem *p)
{
	struct import_report *ir = ctx;
	const char *what = p->field ? _(p->field->label) : p->key;

	progress_clear(ir);
	if (what && p->first_line)
		cli_printf(stderr, _("%s:%lu: %s: %s (first on line %lu)\n"),
		           ir->file, p->line, what, _(p->reason), p->first_line);
	else if (what)
		cli_printf(stderr, "%s:%lu: %s: %s\n", ir->file, p->line, what,
		           _(p->reason));
	else
		cli_printf(stderr, "%s:%lu: %s\n", ir->file, p->line, _(p->reason));
}

/* A field as messages name it: its header, the CSV's own word. */
static const char *field_word(const struct field *f)
{
	return f ? f->header : "";
}

static void import_notice(void *ctx, const struct io_notice *n)
{
	struct import_report *ir = ctx;

	progress_clear(ir);
	switch (n->kind) {
	case IO_UNKNOWN_COLUMN:
		cli_printf(stderr, _("zhibu: %s: column %u '%s' is not known; it is ignored (--map '%s=FIELD' imports it)\n"),
		           ir->file, n->column, n->text, n->text);
		break;
	case IO_DUPLICATE_COLUMN:
		cli_printf(stderr, _("zhibu: %s: columns %u and %u both name '%s'\n"),
		           ir->file, n->column, n->other, n->field->header);
		break;
	case IO_MISSING_COLUMN:
		cli_printf(stderr, _("zhibu: %s: the required column '%s' (%s) is missing\n"),
		           ir->file, n->field->header, n->field->key);
		break;
	case IO_COLUMN_BY_VALUES:
		cli_printf(stderr, ngettext("zhibu: %s: column %u '%s' is read as %s: its %lu value is one of that field, not of %s\n",
		                            "zhibu: %s: column %u '%s' is read as %s: all its %lu values are of that field, none of %s\n",
		                            n->count),
		           ir->file, n->column, n->text, field_word(n->field), n->count,
		           field_word(n->from));
		break;
	case IO_COLUMN_BY_HAND:
		if (n->field && n->remembered)
			cli_printf(stderr, _("zhibu: %s: column %u '%s' is read as %s, as assigned for a file with this header row before\n"),
			           ir->file, n->column, n->text, field_word(n->field));
		else if (n->remembered)
			cli_printf(stderr, _("zhibu: %s: column %u '%s' is left out, as assigned for a file with this header row before\n"),
			           ir->file, n->column, n->text);
		else if (n->field)
			cli_printf(stderr, _("zhibu: %s: column %u '%s' is read as %s (--map)\n"),
			           ir->file, n->column, n->text, field_word(n->field));
		else
			cli_printf(stderr, _("zhibu: %s: column %u '%s' is left out (--map)\n"),
			           ir->file, n->column, n->text);
		break;
	case IO_COLUMN_SHADOWED:
		cli_printf(stderr, _("zhibu: %s: column %u '%s' would be %s too, which column %u gives; it is ignored\n"),
		           ir->file, n->column, n->text, field_word(n->field), n->other);
		break;
	case IO_MAP_UNUSED:
		cli_printf(stderr, _("zhibu: %s: --map names a column '%s' that the header row does not have\n"),
		           ir->file, n->text);
		break;
	case IO_MONTH_DATES:
		if (ir->dry)
			cli_printf(stderr, ngettext("zhibu: %s: %lu date of %s is given only to the month; it would be stored on %s\n",
			                            "zhibu: %s: %lu dates of %s are given only to the month; they would be stored on %s\n",
			                            n->count),
			           ir->file, n->count, field_word(n->field), _(n->text));
		else
			cli_printf(stderr, ngettext("zhibu: %s: %lu date of %s was given only to the month; it is stored on %s\n",
			                            "zhibu: %s: %lu dates of %s were given only to the month; they are stored on %s\n",
			                            n->count),
			           ir->file, n->count, field_word(n->field), _(n->text));
		if (n->guessed)
			cli_printf(stderr, _("zhibu: %s: correct the dates of %s where the day is known\n"),
			           ir->file, field_word(n->field));
		break;
	case IO_NEW_GROUP: {
		char *shown = text_sanitize(n->text);

		if (ir->dry)
			cli_printf(stdout, _("would create party group %s\n"),
			           shown ? shown : "");
		else
			cli_printf(stdout, _("created party group %s\n"),
			           shown ? shown : "");
		free(shown);
		break;
	}
	}
}

static ssize_t fd_read(void *ctx, char *buf, size_t n)
{
	return read(*(int *)ctx, buf, n);
}

static int fd_rewind(void *ctx)
{
	return lseek(*(int *)ctx, 0, SEEK_SET) < 0 ? -1 : 0;
}

/* All of what FD gives (a pipe: the import may read it twice), into a
 * malloc'd *BUF; 0, or -1 with errno. */
static int slurp(int fd, char **buf, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *b = malloc(cap);

	if (!b)
		return -1;
	for (;;) {
		ssize_t got;

		if (n == cap) {
			char *nb = cap < SIZE_MAX / 2 ? realloc(b, cap * 2) : NULL;

			if (!nb) {
				free(b);
				errno = ENOMEM;
				return -1;
			}
			b = nb;
			cap *= 2;
		}
		got = read(fd, b + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;

			free(b);
			errno = e;
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	*buf = b;
	*len = n;
	return 0;
}

/* Import FILE into T as A says, the columns of ASSIGN by hand. */
/* FILE ("-": standard input) opened for reading, with its size when it
 * is a regular file (for the progress's percentage; none for a pipe):
 * the descriptor, or -1 (said). */
static int import_open(const char *file, size_t *size, bool *regular)
{
	int fd = strcmp(file, "-") == 0 ? STDIN_FILENO : open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;

	*size = 0;
	*regular = false;
	if (fd < 0) {
		cli_printf(stderr, _("zhibu: %s: %s\n"), cli_text(file), strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_printf(stderr, _("zhibu: %s: %s\n"), cli_text(file), strerror(EISDIR));
		if (fd != STDIN_FILENO)
			close(fd);
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		*size = (size_t)st.st_size;
		*regular = true;
	}
	return fd;
}

/* The database an import goes into.  A dry run changes nothing, not
 * even by creating the database: a missing one is checked against as an
 * empty one in memory. */
static struct db *import_db(struct cli_ctx *ctx, const struct import_args *a)
{
	struct cli_ctx mem;
	struct stat st;

	if ((a->flags & IO_DRY_RUN) && stat(ctx->db_path, &st) < 0 && errno == ENOENT) {
		mem = *ctx;
		mem.db_path = ":memory:";
		return open_db(&mem, DB_OPEN_CREATE);
	}
	return open_db(ctx, (a->flags & IO_DRY_RUN) ? 0 : DB_OPEN_CREATE);
}

/* The reader of FD.  A column may be read by its values, which means
 * reading the file twice: a pipe is kept in memory (*WHOLE, *SIZE) for
 * that.  NULL after saying why. */
static struct csv_reader *import_reader(int *fd, bool regular, const char *file,
                                        const struct csv_options *co, char **whole,
                                        size_t *size)
{
	struct csv_reader *r;

	if (regular) {
		r = csv_reader_new(fd_read, fd, co);
		if (r)
			csv_reader_set_rewind(r, fd_rewind);
	} else if (slurp(*fd, whole, size) < 0) {
		cli_printf(stderr, _("zhibu: %s: %s\n"), cli_text(file), strerror(errno));
		return NULL;
	} else {
		r = csv_reader_mem(*whole, *size, co);
	}
	if (!r)
		cli_printf(stderr, _("zhibu: %s\n"), strerror(ENOMEM));
	return r;
}

/* SPEC 4: the summary of an import into R, translated; a dry run says
 * what it would do.  The exit status. */
static int import_summary(const struct reg *r, const struct import_args *a,
                          const struct import_report *ir,
                          const struct io_import_result *res, int status)
{
	const char *title = _(r->title);

	if (status == IO_FAILED) {
		char where[4200];

		/* FILE, or FILE:LINE where the reading stopped */
		if (res->error_line)
			snprintf(where, sizeof where, "%s:%lu", ir->file, res->error_line);
		else
			snprintf(where, sizeof where, "%s", ir->file);
		if (res->detail)
			cli_printf(stderr, _("zhibu: %s: %s: %s\n"), where, _(res->error),
			           cli_tr(res->detail));
		else
			cli_printf(stderr, _("zhibu: %s: %s\n"), where, _(res->error));
		cli_printf(stderr, _("zhibu: %s: nothing was imported\n"), ir->file);
		return EXIT_FAIL;
	}
	/* many rows with invalid bytes: the guess was probably wrong */
	if (a->encoding == TEXT_ENC_UNKNOWN && res->bad_encoding &&
	    res->bad_encoding * 10 >= res->rows)
		cli_printf(stderr, _("zhibu: %s: the file was read as %s; if it is in another encoding, name it with --encoding\n"),
		           ir->file, text_encoding_name(res->encoding));
	if (ir->dry) {
		cli_printf(stdout, _("would import %lu, would reject %lu\n"),
		           res->accepted, res->rejected);
		if (res->updated)
			cli_printf(stdout, ngettext("(%lu of them would update a record already in the %s)\n",
			                            "(%lu of them would update records already in the %s)\n",
			                            res->updated),
			           res->updated, title);
		if (res->unchanged)
			cli_printf(stdout, _("(%lu of them are the same as in the %s)\n"),
			           res->unchanged, title);
		cli_printf(stdout, "%s\n", _("dry run: nothing was stored"));
	} else {
		cli_printf(stdout, _("imported %lu, rejected %lu\n"),
		           res->stored ? res->accepted - res->unchanged : 0, res->rejected);
		if (res->updated && res->stored)
			cli_printf(stdout, _("(%lu of them updated records that were there already)\n"),
			           res->updated);
		if (res->unchanged && res->stored)
			cli_printf(stdout, _("(%lu of them were the same as in the %s: nothing changed)\n"),
			           res->unchanged, title);
		if (!res->stored && res->rejected)
			cli_printf(stdout, _("nothing was stored: %lu rows were good, but --all-or-nothing was given\n"),
			           res->accepted);
	}
	return status == IO_REJECTED ? EXIT_REJECTED : EXIT_OK;
}

static int import_file(struct cli_ctx *ctx, const struct reg *reg, const char *file,
                       const struct import_args *a, const struct io_assign *assign)
{
	struct import_report ir = { 0 };
	struct io_import_options io;
	struct io_import_result res;
	struct csv_options co = { a->encoding, 0, true, 0 };
	struct csv_reader *r = NULL;
	struct db *db = NULL;
	char *whole = NULL;
	bool regular;
	size_t size;
	int fd, status;

	if ((fd = import_open(file, &size, &regular)) < 0)
		return EXIT_FAIL;
	if (!(db = import_db(ctx, a)) ||
	    !(r = import_reader(&fd, regular, file, &co, &whole, &size))) {
		free(whole);
		db_close(db);
		if (fd != STDIN_FILENO)
			close(fd);
		return EXIT_FAIL;
	}
	/* the name as the messages show it: in UTF-8, like all they say */
	ir.file = strcmp(file, "-") == 0 ? "-" : cli_text(file);
	ir.dry = (a->flags & IO_DRY_RUN) != 0;
	ir.tty = isatty(STDERR_FILENO) != 0;
	ir.size = size;
	io = (struct io_import_options){ a->flags, NULL, import_problem,
	                                  import_notice, &ir, import_progress,
	                                  assign, a->nmaps };
	status = io_import(db, reg->io, r, &io, &res);
	progress_clear(&ir);
	csv_reader_free(r);
	free(whole);
	db_close(db);
	if (fd != STDIN_FILENO)
		close(fd);
	return import_summary(reg, a, &ir, &res, status);
}
int cli_cmd_import(struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "all-or-nothing", no_argument, NULL, OPT_ALL_OR_NOTHING },
		{ "update", no_argument, NULL, OPT_UPDATE },
		{ "map", required_argument, NULL, OPT_MAP },
		{ NULL, 0, NULL, 0 },
	};
	struct import_args a = { TEXT_ENC_UNKNOWN, 0, { NULL }, 0 };
	int first = parse_options(ctx, opts, ":", import_option, &a);
	char *map_text[MAX_MAPS] = { NULL };
	struct io_assign assign[MAX_MAPS];
	const struct reg *r;
	const struct io_table *t;
	int rc;

	if (first < 0)
		return EXIT_USAGE;
	if (ctx->argc - first != 2)
		return usage_error("%s", _("import: name a table and a file, e.g. 'zhibu import members roster.csv'"));
	if (!(r = table_arg("import", ctx->argv[first])))
		return EXIT_USAGE;
	t = r->io;
	rc = parse_maps(t, &a, map_text, assign) < 0 ? EXIT_USAGE :
	     import_file(ctx, r, ctx->argv[first + 1], &a, assign);
	for (size_t i = 0; i < a.nmaps; i++)
		free(map_text[i]);
	return rc;
}

/* ---- zhibu export -------------------------------------------------------- */

struct export_args {
	const char *output;
	enum text_encoding encoding;
	bool encoding_given;    /* --encoding was given */
	int crlf;               /* -1 default */
	struct filter_args filter;
	/* report only */
	bool csv, full_id, print;
	const char *date;       /* report stats: the day counted on */
};

static int export_option(struct cli_ctx *ctx, int c, const char *arg, void *data)
{
	struct export_args *a = data;
	int rc;

	switch (c) {
	case 'o':
		a->output = arg;
		return 0;
	case OPT_ENCODING:
		a->encoding_given = true;
		return encoding_arg(ctx->argv[0], arg, false, &a->encoding);
	case OPT_CRLF:
		a->crlf = 1;
		return 0;
	case OPT_LF:
		a->crlf = 0;
		return 0;
	case OPT_FORMAT:
		if (strcmp(arg, "text") != 0 && strcmp(arg, "csv") != 0) {
			usage_error(_("%s: --format is text or csv, not '%s'"),
			            ctx->argv[0], arg);
			return -1;
		}
		a->csv = strcmp(arg, "csv") == 0;
		return 0;
	case OPT_FULL_ID:
		a->full_id = true;
		return 0;
	case OPT_PRINT:
		a->print = true;
		return 0;
	case OPT_DATE:
		a->date = arg;
		return 0;
	}
	rc = filter_option(ctx, &a->filter, c, arg);
	return rc == 1 ? -1 : rc;
}

struct lossy_report {
	const char *out;
	const char *enc;
};

static void export_lossy(void *ctx, unsigned long line, const char *label)
{
	struct lossy_report *lr = ctx;
	char *shown = text_sanitize(label);

	cli_printf(stderr, _("zhibu: warning: %s:%lu: %s: characters %s cannot hold were written as '?'\n"),
	           lr->out, line, shown ? shown : "", lr->enc);
	free(shown);
}

/* A record's text held controls (a database written by another program):
 * the file has U+FFFD in their place, and the user hears where. */
static void export_replaced(void *ctx, unsigned long line, const char *label)
{
	struct lossy_report *lr = ctx;

	cli_printf(stderr, _("zhibu: warning: %s:%lu: %s: control characters in the database were written as U+FFFD (zhibu check lists the records)\n"),
	           lr->out, line, label);
}

/* Whether PATH ends in SUFFIX, in any case (-o 花名册.XLSX). */
static bool path_ends(const char *path, const char *suffix)
{
	size_t n = path ? strlen(path) : 0, k = strlen(suffix);

	return n > k && strcasecmp(path + n - k, suffix) == 0;
}

/* export -o FILE.xlsx: a workbook named as the register's printed ledger
 * (党员花名册), else as the table. */
static int export_xlsx(struct db *db, const struct io_table *t, FILE *out,
                       const struct io_export_options *eo,
                       struct io_export_result *res)
{
	const struct reg *r = reg_find(t->name);

	return io_export_xlsx(db, t, r && r->report ? r->report->title : t->name,
	                      out, eo, res);
}

int cli_cmd_export(struct cli_ctx *ctx)
{
	static const struct option own[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "crlf", no_argument, NULL, OPT_CRLF },
		{ "lf", no_argument, NULL, OPT_LF },
		{ NULL, 0, NULL, 0 },
	};
	struct export_args a = { .encoding = TEXT_ENC_GB18030, .crlf = -1 };
	int first = parse_one(ctx, own, export_option, &a,
	                      N_("export: name one table, e.g. 'zhibu export members -o roster.csv'"));
	const struct reg *r;
	const struct io_table *t;
	struct csv_writer_options wo;
	struct io_export_options eo;
	struct io_export_result res;
	struct lossy_report lr;
	struct query q;
	struct output out;
	struct db *db;
	int rc;

	if (first < 0)
		return EXIT_USAGE;
	if (!(r = table_arg("export", ctx->argv[first])))
		return EXIT_USAGE;
	if ((rc = filter_check("export", r, ctx->argv[first], &a.filter)) != 0)
		return rc;
	if (path_ends(a.output, ".xlsx") && (a.encoding_given || a.crlf != -1))
		return usage_error("%s", _("export: a workbook has no --encoding or --crlf; they are for CSV files"));
	t = r->io;
	/* as gzip does: CSV in GB18030 is not for reading on a screen, and
	 * the register's personal data would stay in its scrollback */
	if (!a.output && isatty(STDOUT_FILENO))
		return usage_error("%s", _("export: the CSV is not written to the terminal; name a file with -o FILE (e.g. -o roster.csv), or pipe it to another program"));
	db = open_db(ctx, DB_OPEN_READONLY);
	if (!db)
		return EXIT_FAIL;
	rc = filter_query(db, "export", r, &a.filter, &q);
	if (rc) {
		db_close(db);
		return rc;
	}
	if (output_open(&out, a.output, ctx->db_path) < 0) {
		db_close(db);
		return EXIT_FAIL;
	}
	wo = (struct csv_writer_options){ a.encoding, a.crlf != 0, ',' };
	lr.out = out.path ? out.path : "-";
	lr.enc = text_encoding_name(a.encoding);
	eo = (struct io_export_options){ &q, false, export_lossy, &lr, export_replaced };
	rc = path_ends(out.path, ".xlsx") ? export_xlsx(db, t, out.f, &eo, &res) :
	     io_export_file(db, t, out.f, &wo, &eo, &res);
	if (rc < 0 && res.detail)
		cli_printf(stderr, _("zhibu: %s: %s: %s\n"), lr.out, _(res.error),
		           cli_tr(res.detail));
	else if (rc < 0)
		cli_printf(stderr, _("zhibu: %s: %s\n"), lr.out, _(res.error));
	if (output_close(&out, rc == 0) < 0)
		rc = -1;
	db_close(db);
	if (rc < 0)
		return EXIT_FAIL;
	if (res.lossy)
		cli_printf(stderr, ngettext("zhibu: warning: %lu record has characters %s cannot hold; they were written as '?' (--encoding gb18030 keeps them)\n",
		                            "zhibu: warning: %lu records have characters %s cannot hold; they were written as '?' (--encoding gb18030 keeps them)\n",
		                            res.lossy),
		           res.lossy, lr.enc);
	if (out.path)
		cli_printf(stdout, ngettext("wrote %s (%lu record)\n",
		                            "wrote %s (%lu records)\n", res.records),
		           out.path, res.records);
	return EXIT_OK;
}

/* ---- zhibu report -------------------------------------------------------- */

/* report stats: the day counted on, --date or TODAY, into DAY; the
 * filters do not apply (the figures are the whole branch's).  0, or
 * EXIT_USAGE after saying why. */
static int stats_date_arg(const struct export_args *a, const char *today,
                          char day[11])
{
	const char *why;

	if (filter_given(&a->filter) || a->full_id)
		return usage_error("%s", _("report stats: the figures are the whole branch's; the filters and --full-id do not apply"));
	if (!a->date) {
		snprintf(day, 11, "%s", today);
		return 0;
	}
	why = valid_date(a->date, day);
	if (why)
		return usage_error(_("report stats: --date '%s': %s"), a->date, _(why));
	if (strcmp(day, today) > 0)
		return usage_error(_("report stats: --date '%s' is after today: the figures can be counted up to today only"),
		                   a->date);
	return 0;
}

/* What "zhibu report" was asked. */
struct report_args {
	struct export_args a;
	bool pdf;                       /* --format pdf, or -o FILE.pdf */
	bool format;                    /* --format given */
	bool stats, all;                /* report stats, report all */
	const struct report_def *d;     /* the ledger otherwise */
	const struct reg *reg;          /* and its register */
	char today[11], day[11];
};

static int report_option(struct cli_ctx *ctx, int c, const char *arg, void *data)
{
	struct report_args *r = data;

	if (c != OPT_FORMAT)
		return export_option(ctx, c, arg, &r->a);
	if (strcmp(arg, "text") != 0 && strcmp(arg, "csv") != 0 &&
	    strcmp(arg, "pdf") != 0) {
		usage_error(_("%s: --format is text, csv or pdf, not '%s'"),
		            ctx->argv[0], arg);
		return -1;
	}
	r->a.csv = strcmp(arg, "csv") == 0;
	r->pdf = strcmp(arg, "pdf") == 0;
	r->format = true;
	return 0;
}

/* The report named ARG: a ledger, stats or all.  0, or EXIT_USAGE after
 * saying why. */
static int report_name(struct report_args *r, const char *arg)
{
	char names[256] = "";

	/* 党员统计 is no register's ledger: report_stats.h lays it out; all
	 * is every ledger in one PDF */
	r->stats = strcmp(arg, "stats") == 0;
	r->all = strcmp(arg, "all") == 0;
	r->d = r->stats || r->all ? NULL : reg_report_find(arg);
	for (size_t i = 0; r->d && registers[i]; i++)
		if (registers[i]->report == r->d)
			r->reg = registers[i];
	if (!r->d && !r->stats && !r->all) {
		reg_report_names(names, sizeof names);
		return usage_error(_("report: unknown report '%s' (known: %s)"),
		                   arg, strcat(names, ", stats, all"));
	}
	return 0;
}

/* The options that do not go together.  0, or EXIT_USAGE. */
static int report_check(struct report_args *r)
{
	struct export_args *a = &r->a;
	bool full_id = a->full_id;
	int rc = 0;

	valid_today(r->today);
	if (!r->format && path_ends(a->output, ".pdf"))
		r->pdf = true;
	/* the whole 台帐 prints every ledger whole (--full-id goes), and
	 * counts its figures on --date too */
	if (r->all && filter_given(&a->filter))
		return usage_error("%s", _("report all: every ledger is printed whole; the filters do not apply"));
	a->full_id = full_id && !r->all;
	if (r->stats || r->all)
		rc = stats_date_arg(a, r->today, r->day);
	a->full_id = full_id;
	if (rc)
		return rc;
	/* a workbook is an export's: the ledgers are pages */
	if (path_ends(a->output, ".xlsx"))
		return usage_error("%s", _("report: a ledger is pages (text, CSV or PDF); for a workbook export the register: zhibu export members -o FILE.xlsx"));
	if (!r->stats && !r->all && a->date)
		return usage_error("%s", _("report: --date goes with 'report stats' and 'report all' only"));
	if (a->print && a->output)
		return usage_error("%s", _("report: --print and -o do not go together"));
	if (a->print && (a->csv || (r->format && !r->pdf)))
		return usage_error("%s", _("report: --print prints a PDF; --format text and csv are for files"));
	if ((a->print || r->pdf) && (a->encoding != TEXT_ENC_UNKNOWN || a->crlf != -1))
		return usage_error("%s", _("report: a PDF has no --encoding or --crlf; they are for text and CSV files"));
	if (r->all && !r->pdf && !a->print)
		return usage_error("%s", _("report all: the whole set of ledgers is a PDF; name a .pdf file (-o 台帐.pdf), or give --format pdf or --print"));
	if (a->csv && !a->output && isatty(STDOUT_FILENO))
		return usage_error("%s", _("report: the CSV is not written to the terminal; name a file with -o FILE (e.g. -o roster.csv), or pipe it to another program"));
	if (r->pdf && !a->output && isatty(STDOUT_FILENO))
		return usage_error("%s", _("report: a PDF is not written to the terminal; name a file with -o FILE (e.g. -o roster.pdf), or pipe it to another program"));
	if (a->encoding == TEXT_ENC_UNKNOWN)
		/* CSV as export writes it; text in the terminal's codeset */
		a->encoding = a->csv ? TEXT_ENC_GB18030 : text_locale_encoding();
	return 0;
}

/* Print, or write to OUT, what R asks for. */
static int report_produce(struct db *db, const struct report_args *r,
                          const struct report_options *ro, struct output *out,
                          struct report_result *res)
{
	struct report_all_job all = { db, r->day };
	int rc;

	if (r->a.print && r->all)
		return report_print_job(REPORT_ALL_TITLE, report_all_write, &all, ro,
		                        false, res);
	if (r->a.print)
		/* the bytes the screens' p prints too */
		return r->stats ? report_stats_print(db, r->day, ro, false, res) :
		       report_print(db, r->d, ro, false, res);
	if (r->pdf)
		return r->all ? report_all_write(&all, ro, out->f, res) :
		       r->stats ? report_stats_pdf(db, r->day, ro, out->f, res) :
		       report_pdf(db, r->d, ro, out->f, res);
	if (!r->a.csv)
		return r->stats ? report_stats_text(db, r->day, ro, out->f, res) :
		       report_text(db, r->d, ro, out->f, res);
	{
		struct csv_writer_options wo = { r->a.encoding, r->a.crlf != 0, ',' };
		struct csv_writer *w = csv_writer_new(out->f, &wo);

		if (!w) {
			res->error = N_("out of memory");
			return -1;
		}
		rc = r->stats ? report_stats_csv(db, r->day, w, res) :
		     report_csv(db, r->d, ro, w, res);
		return csv_writer_finish(w, rc, &res->error, &res->detail);
	}
}

/* Say why it failed, when RC < 0. */
static void report_failed(const struct output *out, int rc,
                          const struct report_result *res)
{
	const char *path = out->path;

	if (rc < 0 && path && res->detail)
		cli_printf(stderr, _("zhibu: %s: %s: %s\n"), path, _(res->error),
		           cli_tr(res->detail));
	else if (rc < 0 && path)
		cli_printf(stderr, _("zhibu: %s: %s\n"), path, _(res->error));
	else if (rc < 0 && res->detail)
		cli_printf(stderr, _("zhibu: %s: %s\n"), _(res->error), cli_tr(res->detail));
	else if (rc < 0)
		cli_printf(stderr, _("zhibu: %s\n"), _(res->error));
}

/* The warnings, and what was written. */
static void report_wrote(const struct report_args *r, const struct output *out,
                         const struct report_result *res)
{
	const char *path = out->path;

	if (res->lossy)
		cli_printf(stderr, _("zhibu: warning: some characters cannot be written in %s and were printed as '?'\n"),
		           text_encoding_name(r->a.encoding));
	if (res->replaced)
		cli_printf(stderr, ngettext("zhibu: warning: %lu record held control characters; they were written as U+FFFD (zhibu check lists the records)\n",
		                            "zhibu: warning: %lu records held control characters; they were written as U+FFFD (zhibu check lists the records)\n",
		                            res->replaced),
		           res->replaced);
	if (path && r->a.csv)
		cli_printf(stdout, ngettext("wrote %s (%lu record)\n",
		                            "wrote %s (%lu records)\n", res->records),
		           path, res->records);
	else if (path)
		cli_printf(stdout, ngettext("wrote %s (%u page)\n", "wrote %s (%u pages)\n",
		                            res->pages),
		           path, res->pages);
}

int cli_cmd_report(struct cli_ctx *ctx)
{
	static const struct option own[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "crlf", no_argument, NULL, OPT_CRLF },
		{ "lf", no_argument, NULL, OPT_LF },
		{ "full-id", no_argument, NULL, OPT_FULL_ID },
		{ "print", no_argument, NULL, OPT_PRINT },
		{ "date", required_argument, NULL, OPT_DATE },
		{ NULL, 0, NULL, 0 },
	};
	struct report_args r = { .a = { .encoding = TEXT_ENC_UNKNOWN, .crlf = -1 } };
	int first = parse_one(ctx, own, report_option, &r,
	                      N_("report: name one report, e.g. 'zhibu report roster'"));
	struct report_options ro;
	struct report_result res;
	struct output out = { 0 };
	struct query q;
	char *branch;
	struct db *db;
	int rc;

	if (first < 0)
		return EXIT_USAGE;
	if ((rc = report_name(&r, ctx->argv[first])) != 0 ||
	    (rc = report_check(&r)) != 0 ||
	    (r.reg && (rc = filter_check("report", r.reg, ctx->argv[first], &r.a.filter)) != 0))
		return rc;
	db = open_db(ctx, DB_OPEN_READONLY);
	if (!db)
		return EXIT_FAIL;
	memset(&q, 0, sizeof q);
	rc = r.reg ? filter_query(db, "report", r.reg, &r.a.filter, &q) : 0;
	if (rc) {
		db_close(db);
		return rc;
	}
	branch = db_get_setting(db, "branch.name");
	ro = (struct report_options){ &q, branch, r.today, r.a.full_id, r.a.encoding,
	                              0, 0, r.a.crlf == 1, r.pdf };
	memset(&res, 0, sizeof res);
	if (r.a.print && !report_lp_found()) {
		cli_printf(stderr, _("zhibu: %s\n"),
		           _("cannot print: the command 'lp' was not found (install cups-client, or write the report to a file with -o)"));
		rc = -1;
	} else if (!r.a.print && output_open(&out, r.a.output, ctx->db_path) < 0) {
		rc = -1;
	} else {
		rc = report_produce(db, &r, &ro, &out, &res);
		if (rc < 0 && !res.detail && !r.a.print && !r.a.csv)
			res.detail = output_why(&out);
		report_failed(&out, rc, &res);
		if (!r.a.print && output_close(&out, rc == 0) < 0)
			rc = -1;
		if (rc == 0)
			report_wrote(&r, &out, &res);
	}
	free(branch);
	db_close(db);
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
