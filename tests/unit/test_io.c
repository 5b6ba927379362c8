/* test_io.c - import and export of the roster through its field table,
 * and the printed roster (report), against databases in memory. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "csv.h"
#include "db.h"
#include "demo.h"
#include "io.h"
#include "io_member.h"
#include "reg.h"
#include "member.h"
#include "member_query.h"
#include "registers.h"
#include "report.h"
#include "store.h"
#include "store_member.h"
#include "tap.h"
#include "testlib.h"
#include "text.h"
#include "validate.h"

#define TODAY "2026-06-15"

/* What an import said, as text: one "LINE field: reason" line per
 * problem ("LINE (first N)" for duplicates), then the notices. */
struct said {
	char *text;
	size_t len;
	FILE *f;
};

static void said_problem(void *ctx, const struct io_problem *p)
{
	struct said *s = ctx;

	fprintf(s->f, "%lu %s: %s", p->line,
	        p->field ? p->field->key : p->key ? p->key : "-", p->reason);
	if (p->first_line)
		fprintf(s->f, " (first %lu)", p->first_line);
	fputc('\n', s->f);
}

static void said_notice(void *ctx, const struct io_notice *n)
{
	struct said *s = ctx;
	static const char *const kinds[] = {
		"unknown", "twice", "missing", "group", "values", "hand", "shadowed",
		"unused", "months",
	};

	fprintf(s->f, "%s", kinds[n->kind]);
	if (n->text)
		fprintf(s->f, " %s", n->text);
	if (n->field)
		fprintf(s->f, " %s", n->field->key);
	if (n->from)
		fprintf(s->f, " from %s", n->from->key);
	if (n->column)
		fprintf(s->f, " %u", n->column);
	if (n->other)
		fprintf(s->f, " %u", n->other);
	if (n->count)
		fprintf(s->f, " x%lu", n->count);
	if (n->remembered)
		fprintf(s->f, " remembered");
	if (n->guessed)
		fprintf(s->f, " guessed");
	fputc('\n', s->f);
}

/* Import CSV (UTF-8 text) into DB with FLAGS, the columns of A (NA of
 * them) assigned by hand; what was said in *SAID (malloc'd), the status
 * returned. */
static int import_assign(struct db *db, const char *csv, unsigned flags,
                         const struct io_assign *a, size_t na,
                         struct io_import_result *res, char **said)
{
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct csv_reader *r = csv_reader_mem(csv, strlen(csv), &co);
	struct said s = { NULL, 0, NULL };
	struct io_import_options o = { flags, TODAY, said_problem, said_notice, &s, NULL,
	                               a, na };
	int rc;

	s.f = open_memstream(&s.text, &s.len);
	rc = io_import(db, &io_member_table, r, &o, res);
	fclose(s.f);
	csv_reader_free(r);
	*said = s.text;
	return rc;
}

/* import_assign() with no column assigned. */
static int import(struct db *db, const char *csv, unsigned flags,
                  struct io_import_result *res, char **said)
{
	return import_assign(db, csv, flags, NULL, 0, res, said);
}

static int64_t members(struct db *db)
{
	int64_t n = -1;

	store_member_count(db, &n);
	return n;
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* --- imports as steps -------------------------------------------------- */

/* A field of the member stored under an ID number, after a step. */
struct kept {
	const char *id, *key, *value, *what;
};

/* One import into a test's database: the CSV and the flags, the status
 * it returns and what it says (NULL: not checked); after it, fields as
 * stored. */
struct import_step {
	const char *what;
	const char *csv;
	unsigned flags;
	int rc;
	const char *said, *said_what;
	unsigned long month_dates;      /* dates completed (0: not checked) */
	bool fresh;                     /* on a new database */
	struct kept kept[10];
};

/* The member stored under ID, or an empty one. */
static struct member stored(struct db *db, const char *id)
{
	struct member m;

	if (store_member_find_id_number(db, id, &m) != DB_OK)
		memset(&m, 0, sizeof m);
	return m;
}

/* The fields of KEPT (N at most, ended by an empty one) are so in DB. */
static void check_kept(struct db *db, const struct kept *kept, size_t n)
{
	for (const struct kept *k = kept; k < kept + n && k->id; k++) {
		struct member m = stored(db, k->id);
		const struct field *f = field_find(member_fields, k->key);

		is_str(f ? FIELD_VALUE(&m, f) : "(no such field)", k->value, "%s", k->what);
	}
}

/* Run STEPS in order on DB (a new database in memory for a step marked
 * FRESH); RES holds the last one's result. */
static struct db *run_steps(struct db *db, const struct import_step *steps, size_t n,
                            struct io_import_result *res)
{
	for (const struct import_step *s = steps; s < steps + n; s++) {
		char *said;

		if (s->fresh) {
			db_close(db);
			db = mem_db();
		}
		is_int(import(db, s->csv, s->flags, res, &said), s->rc, "%s", s->what);
		if (s->said)
			is_str(said, s->said, "%s", s->said_what ? s->said_what : "... said so");
		free(said);
		if (s->month_dates)
			is_int(res->month_dates, s->month_dates, "... %lu dates completed in the rows stored",
			       s->month_dates);
		check_kept(db, s->kept, 10);
	}
	return db;
}

/* Three valid people (fake ID numbers with correct check digits). */
#define HEAD "姓名,性别,民族,出生日期,身份证号,学历,党员类别,人员分类,入党日期,转正日期,党籍状态,工作单位及职务,联系电话,居住地址,党小组,备注\n"
/* their ID numbers */
#define ID1 "110105198001010016"
#define ID2 "310107199002030021"
#define ID3 "320106197505050020"
#define ROW1 "张伟,男,汉族,1980-01-01,110105198001010016,本科,正式党员,在职,2005-07-01,2006-07-01,在册,街道办事处,13912345678,幸福路1号,第一党小组,\n"
#define ROW2 "李娜,女,汉族,1990-02-03,310107199002030021,大专,预备党员,在职,2025/12/1,,在册,社区卫生服务中心,=\"025-84561234\",健康路2号,第二党小组,\n"
#define ROW3 "阿依古丽•买买提,女,维吾尔族,1975-05-05,320106197505050020,硕士研究生,正式党员,离退休,1999年7月1日,2000-07-01,流出,\"某某公司,技术部\",13800000000,\"A座\"\"东\"\"楼\",第一党小组,\"第一行\r\n第二行\"\n"

static void test_import_basics(void)
{
	/* the second row and the third as stored */
	static const struct kept basics[] = {
		{ ID2, "education", "大学专科", "大专 is stored as 大学专科" },
		{ ID2, "join_date", "2025-12-01", "2025/12/1 is stored as 2025-12-01" },
		{ ID2, "phone", "025-84561234", "an Excel text cell is unwrapped" },
		{ ID2, "full_date", "", "a probationary member has no 转正日期" },
		{ ID3, "name", "阿依古丽·买买提", "the name's dot is normalized to U+00B7" },
		{ ID3, "work_unit", "某某公司,技术部", "a quoted comma stays in its cell" },
		{ ID3, "address", "A座\"东\"楼", "doubled quotes are one quote" },
		{ ID3, "note", "第一行\n第二行",
		  "a note keeps its line break (CRLF made LF)" },
		{ ID3, "status", "流出", "the status is taken" },
		{ ID3, "join_date", "1999-07-01", "1999年7月1日 is stored as 1999-07-01" },
	};
	struct db *db = mem_db();
	struct io_import_result res;
	char *said;
	int rc;

	rc = import(db, HEAD ROW1 ROW2 ROW3, 0, &res, &said);
	is_int(rc, IO_OK, "three good rows import");
	is_str(said, "group 第一党小组\ngroup 第二党小组\n",
	       "the party groups made are noted, once each, in order");
	free(said);
	is_int(res.accepted, 3, "three accepted");
	ok(res.stored, "and stored");
	is_int(members(db), 3, "three members in the database");
	is_int(res.encoding, TEXT_ENC_UTF8, "read as UTF-8");

	check_kept(db, basics, N_OF(basics));

	/* Again: every row is on the roster already. */
	rc = import(db, HEAD ROW1 ROW2, 0, &res, &said);
	is_int(rc, IO_REJECTED, "importing the same rows again rejects them");
	is_str(said, "2 id_number: is already on the roster\n"
	       "3 id_number: is already on the roster\n",
	       "each as already on the roster");
	free(said);
	is_int(members(db), 3, "and adds nobody");
	db_close(db);
}

static void test_headers(void)
{
	static const struct import_step steps[] = {
		{ .what = "English keys in any order, a marked header",
		  .csv = "ID_Number,join_date,籍贯,member_type, 姓名 *,\n"
		         "110105198001010016,2005-07-01,北京,正式党员,张伟,\n",
		  .rc = IO_REJECTED,
		  .said = "unknown 籍贯 3\n2 full_date: is required for a full member\n",
		  .said_what = "an unknown column is a notice; the missing 转正日期 is the row's problem" },
		{ .what = "a field named twice fails",
		  .csv = "姓名,身份证号,name,党员类别,入党日期\n", .rc = IO_FAILED,
		  .said = "twice name 1 3\n", .said_what = "naming both columns" },
	};
	struct db *db = mem_db();
	struct io_import_result res;
	char *said;
	int rc;

	db = run_steps(db, steps, N_OF(steps), &res);
	rc = import(db, "姓名,民族\n张伟,汉族\n", 0, &res, &said);
	is_int(rc, IO_FAILED, "required columns missing: the import fails");
	is_str(said, "missing id_number\nmissing member_type\nmissing join_date\n",
	       "each missing column is named");
	free(said);
	is_str(res.error, "the header row does not name the required columns",
	       "and the failure says why");

	rc = import(db, "", 0, &res, &said);
	is_int(rc, IO_FAILED, "an empty file fails");
	is_str(res.error, "the file is empty: there is no header row", "as empty");
	free(said);

	rc = import(db, HEAD, 0, &res, &said);
	is_int(rc, IO_OK, "a header alone imports nothing, fine");
	is_int(res.rows, 0, "no rows");
	free(said);
	is_int(members(db), 0, "nothing stored by any of these");
	db_close(db);
}

static void test_rejections(void)
{
	struct db *db = mem_db();
	struct io_import_result res;
	char long_name[200], *csv, *said;
	int rc;

	memset(long_name, 0, sizeof long_name);
	for (int i = 0; i < 30; i++)
		strcat(long_name, "张");
	if (asprintf(&csv, HEAD
	             "%s,男,汉族,1980-01-01,110105198001010016,本科,正式党员,在职,2005-07-01,2006-07-01,在册,,,,,\n"
	             "王\x1b[2J伟,女,汉族,1990-02-03,310107199002030021,大专,预备党员,在职,2025/12/1,,在册,\"单位\t部门\",,,,\n"
	             "李四,男,汉族,1980-01-01,110105198001010016,本科,正式党员,在职,2005-07-01,2006-07-01,在册,,,,,\n"
	             "赵六,男,汉族,1980-01-01,110105198001010016,本科,正式党员,在职,2005-07-01,2006-07-01,在册,,,,,,extra\n"
	             ",,,,,,,,,,,,,,,\n"
	             "钱七,女,汉族,1990-02-30,310107199002300028,幼儿园,正式党员,在职,2030-01-01,,在册,,12345,,,\n",
	             long_name) < 0)
		return;
	rc = import(db, csv, 0, &res, &said);
	free(csv);
	is_int(rc, IO_REJECTED, "a file with bad rows finishes with rejections");
	is_str(said,
	       "2 name: is too long\n"
	       "3 name: contains control characters\n"
	       "4 id_number: appears twice in the file (first 2)\n"
	       "5 -: the row has more cells than the header row\n"
	       "5 id_number: appears twice in the file (first 2)\n"
	       "7 birth_date: no such day (e.g. February 30)\n"
	       "7 id_number: the birth date in it does not exist\n"
	       "7 education: is not one of the choices\n"
	       "7 join_date: is in the future\n"
	       "7 full_date: is required for a full member\n"
	       "7 phone: is not a phone number (mobile 13912345678, landline 010-12345678)\n",
	       "every problem of every row, in field order, and nothing for what could not be read");
	free(said);
	is_int(res.rows, 5, "the row of empty cells is not counted");
	is_int(res.rejected, 5, "five rejected");
	is_int(res.accepted, 0, "none accepted (the tab in a work unit is fine, the name is not)");
	is_int(members(db), 0, "nothing stored");
	db_close(db);
}

/* RES accepted ACCEPTED rows and stored none: DB has nobody. */
static void stored_none(struct db *db, const struct io_import_result *res,
                        unsigned long accepted, const char *what)
{
	is_int(res->accepted, accepted, "%s: %lu accepted", what, accepted);
	ok(!res->stored, "%s: not stored", what);
	is_int(members(db), 0, "%s: the database has nobody", what);
}

static void test_modes(void)
{
	struct db *db = mem_db();
	struct io_import_result res;
	struct member m, before;
	char *said;
	int rc;

	rc = import(db, HEAD ROW1 ROW2, IO_DRY_RUN, &res, &said);
	is_int(rc, IO_OK, "a dry run of good rows");
	is_str(said, "group 第一党小组\ngroup 第二党小组\n",
	       "says which groups it would make");
	free(said);
	stored_none(db, &res, 2, "a dry run: counts what it would import, stores nothing");

	rc = import(db, HEAD ROW1 "王五,男,汉族,1980-01-01,1101051980010100X1,本科,正式党员,在职,2005-07-01,2006-07-01,在册,,,,,\n" ROW2,
	            IO_ALL_OR_NOTHING, &res, &said);
	is_int(rc, IO_REJECTED, "all or nothing with one bad row");
	is_str(said, "3 id_number: must be 17 digits followed by a digit or X\n",
	       "names the bad row");
	free(said);
	stored_none(db, &res, 2, "all or nothing: the good rows were checked, not stored");

	rc = import(db, HEAD ROW1, 0, &res, &said);
	free(said);
	is_int(rc, IO_OK, "after an all-or-nothing import that stored nothing, an import stores");
	is_int(members(db), 1, "... its one member");
	store_member_find_id_number(db, "110105198001010016", &before);
	/* An update file without 备注 and 党小组: those stay as they were. */
	rc = import(db, "身份证号,姓名,党员类别,入党日期,转正日期,联系电话\n"
	                "110105198001010016,张伟,正式党员,2005-07-01,2006-07-01,13900000000\n"
	                "110105198001010016,张伟,正式党员,2005-07-01,2006-07-01,13900000001\n",
	            IO_UPDATE, &res, &said);
	is_int(rc, IO_REJECTED, "an update: the second row is a duplicate of the first");
	is_str(said, "3 id_number: appears twice in the file (first 2)\n", "said so");
	free(said);
	is_int(res.updated, 1, "one row updated");
	store_member_find_id_number(db, "110105198001010016", &m);
	is_str(m.phone, "13900000000", "the phone is the file's");
	is_str(m.party_group, "第一党小组", "the party group not in the file is kept");
	is_str(m.work_unit, "街道办事处", "so is the work unit");
	ok(m.id == before.id, "the member keeps its key");
	is_int(m.version, before.version + 1, "and its version went up");
	is_int(members(db), 1, "still one member");
	db_close(db);
}

/* What the progress reports said: "R rows B bytes" while reading, "F
 * rows" before indexing and committing, one line each. */
static void said_progress(void *ctx, const struct io_progress *p)
{
	struct said *s = ctx;

	if (p->phase == IO_FINISHING)
		fprintf(s->f, "F %lu\n", p->rows);
	else
		fprintf(s->f, "R %lu %zu\n", p->rows, p->bytes);
}

static char *progress_of(struct db *db, const char *csv, unsigned flags)
{
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct csv_reader *r = csv_reader_mem(csv, strlen(csv), &co);
	struct said s = { NULL, 0, NULL };
	struct io_import_options o = { flags, TODAY, NULL, NULL, &s, said_progress,
	                               NULL, 0 };
	struct io_import_result res;

	s.f = open_memstream(&s.text, &s.len);
	io_import(db, &io_member_table, r, &o, &res);
	fclose(s.f);
	csv_reader_free(r);
	return s.text;
}

/* The last line of TEXT (without its newline). */
static const char *last_line(const char *text, char *buf, size_t sz)
{
	size_t n = strlen(text);
	const char *p;

	if (n && text[n - 1] == '\n')
		n--;
	for (p = text + n; p > text && p[-1] != '\n'; p--)
		;
	snprintf(buf, sz, "%.*s", (int)(text + n - p), p);
	return buf;
}

static void test_progress(void)
{
	struct db *db = mem_db();
	const char *csv = HEAD ROW1 ROW2 ROW3;
	char want[64], got[64], *said;

	said = progress_of(db, csv, IO_DRY_RUN);
	snprintf(want, sizeof want, "R 3 %zu", strlen(csv));
	is_str(last_line(said, got, sizeof got), want,
	       "progress, dry run: the last report has every row and every byte");
	ok(!strstr(said, "F "), "progress, dry run: nothing to index or commit");
	free(said);

	said = progress_of(db, HEAD ROW1 "王五,男,汉族,1980-01-01,1101051980010100X1,本科,正式党员,在职,2005-07-01,2006-07-01,在册,,,,,\n",
	                   IO_ALL_OR_NOTHING);
	ok(!strstr(said, "F "), "progress, all or nothing with a bad row: nothing to commit");
	free(said);

	said = progress_of(db, csv, 0);
	snprintf(want, sizeof want, "R 3 %zu\nF 3\n", strlen(csv));
	if (!ok(strlen(said) >= strlen(want) && strcmp(said + strlen(said) - strlen(want), want) == 0,
	        "progress, import: all read, then indexing and committing 3 rows"))
		printf("# the reports:\n%s", said);
	is_int(members(db), 3, "progress, import: and the rows are stored");
	free(said);
	db_close(db);

	is_int(io_percent(50, 200), 25, "percent: a quarter");
	is_int(io_percent(300, 200), 100, "percent: read-ahead past the size is 100");
	is_int(io_percent(0, 0), -1, "percent: an unknown size (a pipe) gives none");
}

/* --- export --------------------------------------------------------------- */

static char *export(struct db *db, enum text_encoding enc, bool mask,
                    const struct query *q, size_t *len)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	struct csv_writer_options wo = { enc, true, ',' };
	struct csv_writer *w = csv_writer_new(f, &wo);
	struct io_export_options eo = { q, mask, NULL, NULL, NULL };
	struct io_export_result res;

	io_export(db, &io_member_table, w, &eo, &res);
	csv_writer_close(w);
	fclose(f);
	if (len)
		*len = n;
	return out;
}

static void test_export(void)
{
	struct db *db = mem_db();
	struct io_import_result res;
	struct query all = { .sort = MEMBER_SORT_STROKES, .value[MEMBER_FILTER_STATUS] = "*" };
	char *said, *out;

	import(db, HEAD ROW1 ROW2 ROW3, 0, &res, &said);
	free(said);
	import(db, "姓名,身份证号,党员类别,入党日期,转正日期,工作单位及职务,党籍状态\n"
	           "丁一,110105198001010032,正式党员,2005-07-01,2006-07-01,=HYPERLINK(\"x\"),转出\n",
	       0, &res, &said);
	free(said);

	out = export(db, TEXT_ENC_UTF8, false, NULL, NULL);
	is_str(out, "姓名,性别,民族,出生日期,身份证号,学历,党员类别,人员分类,入党日期,转正日期,延长预备期至,延长预备期原因,党籍状态,党籍变动日期,党籍变动原因,工作单位及职务,联系电话,居住地址,党小组,备注\r\n"
	       "李娜,女,汉族,1990-02-03,=\"310107199002030021\",大学专科,预备党员,其他职业人员,2025-12-01,,,,在册,,,社区卫生服务中心,=\"025-84561234\",健康路2号,第二党小组,\r\n"
	       "张伟,男,汉族,1980-01-01,=\"110105198001010016\",大学本科,正式党员,其他职业人员,2005-07-01,2006-07-01,,,在册,,,街道办事处,=\"13912345678\",幸福路1号,第一党小组,\r\n"
	       "阿依古丽·买买提,女,维吾尔族,1975-05-05,=\"320106197505050020\",研究生,正式党员,离退休人员,1999-07-01,2000-07-01,,,流出,,,\"某某公司,技术部\",=\"13800000000\",\"A座\"\"东\"\"楼\",第一党小组,\"第一行\n第二行\"\r\n",
	       "the export: current members by surname strokes, IDs and phones as text cells");
	free(out);
	out = export(db, TEXT_ENC_UTF8, true, &all, NULL);
	ok(strstr(out, "丁一,男,汉族,1980-01-01,=\"110105********0032\",") != NULL,
	   "every status with '*', and IDs masked when asked");
	ok(strstr(out, ",\"=\"\"=HYPERLINK(\"\"\"\"x\"\"\"\")\"\"\",") != NULL,
	   "a work unit that would start a formula is written as a text cell");
	free(out);
	db_close(db);
}

static void test_round_trip(void)
{
	struct db *a = mem_db(), *b = mem_db();
	struct query all = { .sort = MEMBER_SORT_STROKES, .value[MEMBER_FILTER_STATUS] = "*" };
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct io_import_options io = { 0, NULL, NULL, NULL, NULL, NULL, NULL, 0 };
	struct io_import_result res;
	struct csv_reader *r;
	char *one, *two;
	size_t n1, n2;

	is_int(demo_populate(a, 7, 300, TODAY), DB_OK, "a demo branch of 300");
	one = export(a, TEXT_ENC_GB18030, false, &all, &n1);
	r = csv_reader_mem(one, n1, &co);
	is_int(io_import(b, &io_member_table, r, &io, &res), IO_OK,
	       "its GB18030 export imports into a new database");
	csv_reader_free(r);
	is_int(res.accepted, 300, "all 300");
	is_int(res.encoding, TEXT_ENC_GB18030, "detected as GB18030");
	two = export(b, TEXT_ENC_GB18030, false, &all, &n2);
	ok(n1 == n2 && memcmp(one, two, n1) == 0,
	   "and exporting that gives the same bytes (%zu and %zu)", n1, n2);
	free(one);
	free(two);
	db_close(a);
	db_close(b);
}

/* --- other systems' sheets ------------------------------------------------ */

/* Sheets of other systems and other secretaries: headers, dates to the
 * month, values that name their field. */
static const struct import_step sheets[] = {
	/* headers as other systems and other secretaries write them */
	{ .what = "aliases: a sheet with other headers imports",
	  .csv = " 姓 名 ,公民身份号码,性别（男/女）,预/正,入党时间,转为正式党员时间,"
	         "最高学历,工作单位,联系电话（手机）：,现居住地,所在党小组,＊人员类别\n"
	         "张伟,110105198001010016,男,正式,2005-07-01,2006-07-01,本科,街道办,"
	         "13912345678,幸福路1号,第一党小组,在职\n",
	  .rc = IO_OK, .said = "group 第一党小组\n", .said_what = "aliases: no column unknown",
	  .kept = {
		{ "110105198001010016", "member_type", "正式党员",
		  "aliases: 预/正 is 党员类别, 正式 its short form" },
		{ "110105198001010016", "full_date", "2006-07-01",
		  "aliases: 转为正式党员时间 is 转正日期" },
		{ "110105198001010016", "education", "大学本科", "aliases: 最高学历 is 学历" },
		{ "110105198001010016", "work_unit", "街道办",
		  "aliases: 工作单位 is 工作单位及职务" },
		{ "110105198001010016", "phone", "13912345678",
		  "aliases: 联系电话（手机）： is 联系电话, remark and colon aside" },
		{ "110105198001010016", "address", "幸福路1号", "aliases: 现居住地 is 居住地址" },
		{ "110105198001010016", "party_group", "第一党小组",
		  "aliases: 所在党小组 is 党小组" },
		{ "110105198001010016", "category", "其他职业人员",
		  "aliases: ＊人员类别 is 人员分类, the mark aside" },
	  } },
	{ .what = "aliases: 预 under 预/正",
	  .csv = "姓名,身份证号码,预/正,入党年月\n王芳,110101199106150049,预,2025.12\n",
	  .rc = IO_OK,
	  .kept = { { "110101199106150049", "member_type", "预备党员",
	              "aliases: is stored as 预备党员" } } },
	/* the header itself beats an alias of it; the alias column is
	 * left out, and said so */
	{ .what = "aliases: an alias and its header both in the file",
	  .csv = "姓名,身份证号,党员类别,入党日期,转正日期,手机号码,联系电话\n"
	         "李娜,310107199002030021,正式党员,2015-07-01,2016-07-01,13800000000,025-84561234\n",
	  .rc = IO_OK, .said = "shadowed 手机号码 phone 6 7\n",
	  .said_what = "aliases: the alias column is left out, naming the other",
	  .kept = { { "310107199002030021", "phone", "025-84561234",
	              "aliases: the column named by the header is taken" } } },
	{ .fresh = true, .what = "months: one row is rejected",
	  .csv = "姓名,身份证号,出生年月,党员类别,入党时间,转正时间\n"
	         "王建国,110105195603120016,1956.03,正式党员,1985.07,1986.07\n"
	         "李秀英,320106196208150020,1962年8月,正式党员,1990年6月,1991年6月\n"
	         "陈明,110108197905200036,197905,正式党员,201007,201107\n"
	         "张伟,310107198811200110,1988-11,预备党员,2025-12,\n"
	         "刘芳,110105198503140021,1985.02,正式党员,2010.07,2011.07\n"
	         "赵磊,110101198001010037,1980.01,正式党员,2004-07-15,2005.07\n",
	  .rc = IO_REJECTED, .month_dates = 13,
	  .said = "6 birth_date: does not agree with the ID number\n"
	          "months the day in the ID number birth_date x5\n"
	          "months the first of the month join_date x4 guessed\n"
	          "months the day the probation ended full_date x4\n",
	  .said_what = "months: a 出生年月 of another month than the ID number's is rejected; "
	               "the rest are counted by how they were completed",
	  .kept = {
		{ "110105195603120016", "birth_date", "1956-03-12",
		  "months: 1956.03 takes its day from the ID number" },
		{ "110105195603120016", "join_date", "1985-07-01",
		  "months: 1985.07 is stored as the first of the month" },
		{ "110105195603120016", "full_date", "1986-07-01",
		  "months: 1986.07 a year after 1985.07 passes the rules" },
		{ "320106196208150020", "join_date", "1990-06-01", "months: 1990年6月" },
		{ "110108197905200036", "full_date", "2011-07-01", "months: 201107" },
		{ "310107198811200110", "join_date", "2025-12-01", "months: 2025-12" },
		{ "110101198001010037", "full_date", "2005-07-15",
		  "months: 2005.07 after joining on 2004-07-15 is the day the probation ended" },
	  } },
	/* an update with a month keeps the stored day of that month; 转正
	 * in the month before the anniversary is the probation's last
	 * day; 入党 in the month the member turned 18 is that day at the
	 * earliest (党章第一条) */
	{ .what = "months: an update with a month",
	  .csv = "身份证号,入党时间\n110101198001010037,2004.07\n", .flags = IO_UPDATE,
	  .rc = IO_OK, .said = "", .said_what = "months: nothing completed, nothing said",
	  .kept = { { "110101198001010037", "join_date", "2004-07-15",
	              "months: the stored day of the same month stays" } } },
	{ .what = "months: both rows stored",
	  .csv = "姓名,身份证号,党员类别,入党时间,转正时间\n"
	         "孙立,110105198807150018,正式党员,2010-07-01,2011.06\n"
	         "周琳,110105199207150027,正式党员,2010.07,2011.07\n",
	  .rc = IO_OK,
	  .kept = {
		{ "110105198807150018", "full_date", "2011-06-30",
		  "months: 2011.06 after joining on 2010-07-01 is the probation's last day" },
		{ "110105199207150027", "join_date", "2010-07-15",
		  "months: 2010.07 for one who turned 18 on 2010-07-15 is that day" },
	  } },
	/* one system exports 正式/预备 under 党籍状态 */
	{ .fresh = true, .what = "values: 党籍状态 holding 正式/预备 is read as 党员类别",
	  .csv = "姓名,身份证号,党籍状态,入党日期,转正日期\n"
	         "张伟,110105198001010016,正式,2005-07-01,2006-07-01\n"
	         "李娜,310107199002030021,预备,2025-12-01,\n"
	         "王芳,110101199106150049,,2015-07-01,2016-07-01\n",
	  .rc = IO_REJECTED,
	  .said = "values 党籍状态 member_type from status 3 x2\n"
	          "4 member_type: is required\n",
	  .said_what = "values: said so with the count of values; an empty one is the member's problem",
	  .kept = {
		{ "310107199002030021", "member_type", "预备党员",
		  "values: 预备 stored as 预备党员" },
		{ "310107199002030021", "status", "在册", "values: the status is the default" },
	  } },
	/* another 正式党员/预备党员 under 人员类别 (an alias of 人员分类) */
	{ .what = "values: 人员类别 holding 正式党员 is 党员类别",
	  .csv = "姓名,身份证号,人员类别,入党日期,转正日期\n"
	         "赵磊,110101198001010037,正式党员,2005-07-01,2006-07-01\n",
	  .rc = IO_OK, .said = "values 人员类别 member_type from category 3 x1\n",
	  .said_what = "values: said so" },
	/* values of both kinds: read as the header says, and rejected */
	{ .what = "values: a column with values of both kinds is not read by them",
	  .csv = "姓名,身份证号,党员类别,党籍状态,入党日期,转正日期\n"
	         "钱七,110101195505050055,正式党员,在册,1980-07-01,1981-07-01\n"
	         "孙八,110101196509090067,正式党员,正式,1990-07-01,1991-07-01\n",
	  .flags = IO_DRY_RUN, .rc = IO_REJECTED,
	  .said = "3 status: is not one of the choices\n",
	  .said_what = "values: a column with a value of its own field stays what its header says" },
	/* the field given by its own column already: the other is left out */
	{ .what = "values: 党员类别 and 党籍状态 holding it too",
	  .csv = "姓名,身份证号,党员类别,党籍状态,入党日期,转正日期\n"
	         "钱七,110101195505050055,正式党员,正式,1980-07-01,1981-07-01\n",
	  .flags = IO_DRY_RUN, .rc = IO_OK, .said = "shadowed 党籍状态 member_type 4 3\n",
	  .said_what = "values: the second is left out, said so" },
};

static void test_other_sheets(void)
{
	struct io_import_result res;

	db_close(run_steps(mem_db(), sheets, N_OF(sheets), &res));
}

static void test_assign(void)
{
	struct db *db = mem_db();
	struct io_import_result res;
	struct io_assign a[2] = {
		{ 0, "籍贯", NULL },
		{ 0, "序号", NULL },
	};
	char *said;
	int rc;

	a[0].field = io_field_named(&io_member_table, "note");
	rc = import_assign(db, "序号,姓名,身份证号,党员类别,入党日期,转正日期,籍贯\n"
	                       "1,张伟,110105198001010016,正式党员,2005-07-01,2006-07-01,北京\n",
	                   0, a, 2, &res, &said);
	is_int(rc, IO_OK, "assign: columns assigned by hand");
	is_str(said, "hand 序号 1\nhand 籍贯 note 7\n", "assign: each said");
	free(said);
	is_str(stored(db, "110105198001010016").note, "北京", "assign: 籍贯 went into 备注");

	/* the next file with the same header row is read the same way */
	rc = import(db, "序号,姓名,身份证号,党员类别,入党日期,转正日期,籍贯\n"
	                "1,李娜,310107199002030021,正式党员,2015-07-01,2016-07-01,上海\n",
	            0, &res, &said);
	is_int(rc, IO_OK, "assign: remembered for the same header row");
	is_str(said, "hand 序号 1 remembered\nhand 籍贯 note 7 remembered\n",
	       "assign: said to be remembered");
	free(said);
	is_str(stored(db, "310107199002030021").note, "上海", "assign: and applied");

	/* a header row that differs is not */
	rc = import(db, "姓名,身份证号,党员类别,入党日期,转正日期,籍贯\n"
	                "王芳,110101199106150049,正式党员,2015-07-01,2016-07-01,天津\n",
	            0, &res, &said);
	is_str(said, "unknown 籍贯 6\n", "assign: another header row knows nothing of it");
	free(said);

	/* a dry run applies what it is given but remembers nothing */
	a[0] = (struct io_assign){ 6, NULL, io_field_named(&io_member_table, "address") };
	rc = import_assign(db, "姓名,身份证号,党员类别,入党日期,转正日期,住所\n", IO_DRY_RUN,
	                   a, 1, &res, &said);
	free(said);
	rc = import(db, "姓名,身份证号,党员类别,入党日期,转正日期,住所\n", IO_DRY_RUN, &res, &said);
	is_str(said, "unknown 住所 6\n", "assign: a dry run's assignment is not remembered");
	free(said);

	/* a header the file does not have */
	a[0] = (struct io_assign){ 0, "民族", NULL };
	rc = import_assign(db, "姓名,身份证号,党员类别,入党日期\n", 0, a, 1, &res, &said);
	is_int(rc, IO_FAILED, "assign: a column not in the file fails");
	is_str(said, "unused 民族\n", "assign: naming it");
	free(said);
	db_close(db);
}

/* Updates (IO_UPDATE) of the members of HEAD ROW1 ROW2 after a first
 * update: the merged record is checked as the member, and the rules of
 * 党籍状态 and of 转正 hold. */
static const struct import_step update_rules[] = {
	/* an empty required cell is a problem of the member */
	{ .what = "update: emptying 转正日期 of a full member",
	  .csv = "身份证号,转正日期\n110105198001010016,\n", .flags = IO_UPDATE,
	  .rc = IO_REJECTED, .said = "2 full_date: is required for a full member\n",
	  .said_what = "update: is refused as the member's problem" },
	/* a row not on the roster in a file for updates */
	{ .what = "update: a new person or a bad ID number is rejected",
	  .csv = "身份证号,联系电话\n110101199106150049,13900000001\n11010119910615004X,\n",
	  .flags = IO_UPDATE, .rc = IO_REJECTED,
	  .said = "2 id_number: is not on the roster, and the file lacks columns a new member needs\n"
	          "3 id_number: the check digit does not match (wrong number?)\n",
	  .said_what = "update: a new person or a bad ID number, without the columns of a new member" },
	{ .what = "update: without --update the same file lacks required columns",
	  .csv = "身份证号,联系电话\n110101199106150049,13900000001\n", .rc = IO_FAILED },
	{ .what = "update: a member recorded as deceased",
	  .csv = "身份证号,党籍状态,党籍变动日期\n110105198001010016,去世,2026-05-01\n",
	  .flags = IO_UPDATE, .rc = IO_OK },
	{ .what = "update: a deceased member's status is not changed",
	  .csv = "身份证号,党籍状态\n110105198001010016,在册\n", .flags = IO_UPDATE,
	  .rc = IO_REJECTED, .said = "2 status: the member has died: the status no longer changes\n",
	  .said_what = "update: a deceased member does not come back by import" },
	{ .what = "update: a member twice in the file",
	  .csv = "身份证号,党籍状态,党籍变动日期\n310107199002030021,流出,2026-06-01\n"
	         "310107199002030021,在册,2026-05-01\n",
	  .flags = IO_UPDATE, .rc = IO_REJECTED,
	  .said = "3 id_number: appears twice in the file (first 2)\n",
	  .said_what = "update: one row per member" },
	{ .what = "update: a status dated too early",
	  .csv = "身份证号,党籍状态,党籍变动日期\n310107199002030021,在册,2026-05-01\n",
	  .flags = IO_UPDATE, .rc = IO_REJECTED,
	  .said = "2 status_date: is before the date of the member's present status\n",
	  .said_what = "update: a status change dated before the present status's date" },
	{ .what = "update: a change of status without its date",
	  .csv = "身份证号,党籍状态\n310107199002030021,转出\n", .flags = IO_UPDATE,
	  .rc = IO_REJECTED,
	  .said = "2 status_date: must be the day of this change of status\n"
	          "2 status_reason: is required for this change of status\n",
	  .said_what = "update: a change of status needs its date, and a reason where the screen asks one" },
	{ .what = "a third member", .csv = HEAD ROW3, .rc = IO_OK },
	{ .what = "update: a full member made probationary",
	  .csv = "身份证号,党员类别,转正日期\n320106197505050020,预备党员,\n", .flags = IO_UPDATE,
	  .rc = IO_REJECTED,
	  .said = "2 member_type: a full member does not become a probationary member again\n",
	  .said_what = "update: a full member does not become probationary again" },
};

static void test_update_merged(void)
{
	struct db *db = mem_db();
	struct io_import_result res;
	struct member m, before;
	char *said;
	int rc;

	import(db, HEAD ROW1 ROW2, 0, &res, &said);
	free(said);
	before = stored(db, "110105198001010016");

	/* only the columns the file has change; the rest is the stored
	 * member's, and the row is checked as that member */
	rc = import(db, "身份证号,联系电话,工作单位及职务\n"
	                "110105198001010016,13900000000,\n",
	            IO_UPDATE, &res, &said);
	is_int(rc, IO_OK, "update: a file of two columns updates");
	is_str(said, "", "update: no column is missing for an update");
	free(said);
	m = stored(db, "110105198001010016");
	is_str(m.phone, "13900000000", "update: the phone is the file's");
	is_str(m.work_unit, "", "update: an empty cell empties its field");
	is_str(m.full_date, before.full_date, "update: 转正日期 not in the file stays");
	is_str(m.name, before.name, "update: so does the name");
	is_str(m.party_group, before.party_group, "update: and the party group");
	is_int(m.version, before.version + 1, "update: one update");

	db = run_steps(db, update_rules, N_OF(update_rules), &res);
	db_close(db);
}

/* Members of every kind with every field filled: export and import give
 * back each field of each (a column dropped on either side fails). */
static void test_round_trip_fields(void)
{
	static const char *const rows[] = {
		/* 按期转正, moved out */
		"张伟,男,汉族,1980-01-01,110105198001010016,大学本科,正式党员,专业技术人员,2005-07-01,2006-07-01,,,转出,2024-03-01,转往外省,街道办事处 干部,13912345678,幸福路1号,第一党小组,备注一",
		/* probation extended, then full */
		"李娜,女,回族,1990-02-03,310107199002030021,大学专科,正式党员,工人,2019-05-06,2021-05-06,2021-05-06,学习不够,在册,,,社区卫生服务中心,025-84561234,健康路2号,第二党小组,\"两行\n备注\"",
		/* probationary, probation extended */
		"王芳,女,汉族,1991-06-15,110101199106150049,研究生,预备党员,学生,2025-01-10,,2026-07-10,考察期延长,流出,2026-02-01,外出务工,某大学,13800000001,学院路3号,第一党小组,预备",
		/* died */
		"钱七,男,满族,1955-05-05,110101195505050055,初中及以下,正式党员,离退休人员,1980-07-01,1981-07-01,,,去世,2025-12-31,病故,退休,13800000002,幸福里5号,第三党小组,已故",
		/* stopped */
		"孙八,女,汉族,1965-09-09,110101196509090067,高中,正式党员,农牧渔民,1990-07-01,1991-07-01,,,停止党籍,2023-01-01,失去联系六个月,无,13800000003,幸福里6号,第三党小组,失联",
		/* expelled */
		"周九,男,汉族,1972-03-03,110101197203030074,中专,正式党员,管理人员,2000-07-01,2001-07-01,,,开除党籍,2022-02-02,违纪,某公司,13800000004,幸福里7号,第二党小组,开除",
		/* a probationary membership cancelled */
		"吴十,女,汉族,1993-08-08,110101199308080085,大学本科,预备党员,党政机关工作人员,2024-05-05,,,,取消预备党员资格,2025-05-01,不具备条件,某局,13800000005,幸福里8号,第一党小组,取消",
	};
	struct db *a = mem_db(), *b = mem_db();
	struct query all = { .sort = MEMBER_SORT_STROKES, .value[MEMBER_FILTER_STATUS] = "*" };
	struct io_import_result res;
	char *csv = NULL, *said, *out;
	size_t len = 0, n = sizeof rows / sizeof rows[0];
	bool filled[64] = { false };
	FILE *f = open_memstream(&csv, &len);
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct io_import_options io = { 0, TODAY, NULL, NULL, NULL, NULL, NULL, 0 };
	struct csv_reader *r;
	size_t nf = 0, same = 0;
	int rc;

	fputs("姓名,性别,民族,出生日期,身份证号,学历,党员类别,人员分类,入党日期,转正日期,"
	      "延长预备期至,延长预备期原因,党籍状态,党籍变动日期,党籍变动原因,"
	      "工作单位及职务,联系电话,居住地址,党小组,备注\n", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", rows[i]);
	fclose(f);
	rc = import(a, csv, 0, &res, &said);
	is_int(rc, IO_OK, "round trip: members of every kind import");
	if (rc != IO_OK)
		tap_diag("%s", said);
	free(said);
	free(csv);

	out = export(a, TEXT_ENC_GB18030, false, &all, &len);
	r = csv_reader_mem(out, len, &co);
	is_int(io_import(b, &io_member_table, r, &io, &res), IO_OK,
	       "round trip: the export imports into a new database");
	csv_reader_free(r);
	is_int(res.accepted, n, "round trip: every member");
	for (const struct field *fl = member_fields; fl->key; fl++)
		nf++;
	for (size_t i = 0; i < n; i++) {
		char id[19];
		struct member x, y;
		const char *p = strchr(strchr(strchr(strchr(rows[i], ',') + 1, ',') + 1, ',') + 1, ',') + 1;

		snprintf(id, sizeof id, "%.18s", p);
		x = stored(a, id);
		y = stored(b, id);
		for (const struct field *fl = member_fields; fl->key; fl++) {
			size_t k = (size_t)(fl - member_fields);

			if (*FIELD_VALUE(&x, fl))
				filled[k] = true;
			if (strcmp(FIELD_VALUE(&x, fl), FIELD_VALUE(&y, fl)) == 0)
				same++;
			else
				tap_diag("%s of %s: '%s' came back as '%s'", fl->key, id,
				         FIELD_VALUE(&x, fl), FIELD_VALUE(&y, fl));
		}
	}
	is_int(same, n * nf, "round trip: every field of every member comes back");
	for (size_t k = 0; k < nf; k++)
		if (!filled[k])
			tap_diag("no member has a %s", member_fields[k].key);
	ok(memchr(filled, false, nf) == NULL, "round trip: every field had a value to lose");
	free(out);
	db_close(a);
	db_close(b);
}

/* Namesakes come out in the same order whichever was stored first. */
static void test_namesakes(void)
{
	static const char *const rows[] = {
		"王伟,男,汉族,1980-01-01,110105198001010016,本科,正式党员,在职,2005-07-01,2006-07-01,在册,,,,,\n",
		"王伟,男,汉族,1970-01-01,110105197001010011,本科,正式党员,在职,2005-07-01,2006-07-01,在册,,,,,\n",
		"王伟,男,汉族,1960-01-01,110105196001010017,本科,正式党员,在职,2005-07-01,2006-07-01,在册,,,,,\n",
	};
	char *out[2], *said, csv[2048];
	struct io_import_result res;

	for (int k = 0; k < 2; k++) {
		struct db *db = mem_db();

		snprintf(csv, sizeof csv, HEAD "%s%s%s", rows[k ? 2 : 0], rows[1],
		         rows[k ? 0 : 2]);
		import(db, csv, 0, &res, &said);
		free(said);
		out[k] = export(db, TEXT_ENC_UTF8, false, NULL, NULL);
		db_close(db);
	}
	is_str(out[1], out[0], "namesakes are exported in ID number order either way");
	free(out[0]);
	free(out[1]);
}

/* --- the printed roster --------------------------------------------------- */

static char *report(struct db *db, enum text_encoding enc, bool full_id,
                    struct report_result *res)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	struct query all = { .sort = MEMBER_SORT_STROKES, .value[MEMBER_FILTER_STATUS] = "*" };
	struct report_options o = { &all, "幸福里社区第一党支部", TODAY, full_id, enc, 0, 0,
	                           false, false };

	report_text(db, reg_report_find("roster"), &o, f, res);
	fclose(f);
	return out;
}

/* Display columns of a character by glibc's wcwidth() in LC_CTYPE: the
 * independent witness of what a terminal or printer does. */
static int oracle_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

/* Check that in every line the gaps between columns are where the layout
 * puts them: each line must fit the gaps of tier 0 or of tier 1 (a space
 * at each gap, a character starting right after it), or be a row's number
 * and a long name alone.  Returns the number of lines that fit none. */
static int misaligned(const char *text, int *lines_checked)
{
	static const int gaps0[] = { 4, 13, 18, 27, 38, 49, 58, 69 };
	static const int gaps1[] = { 4, 23, 37, 52 };
	int bad = 0;
	const char *p = text;

	*lines_checked = 0;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char space[256] = { 0 }, start[256] = { 0 };
		int col = 0, fits[2] = { 1, 1 };

		/* only rows: they start with a number or with the indent */
		if (len > 6 && p[0] != '\f' && strncmp(p, "-----", 5) != 0 &&
		    ((p[3] >= '0' && p[3] <= '9') ||
		     (strncmp(p, "     ", 5) == 0 && p[5] != ' '))) {
			for (size_t i = 0; i < len && col < 250;) {
				uint32_t cp;
				int n = text_utf8_decode(p + i, len - i, &cp);
				int w;

				if (n <= 0)
					break;
				w = oracle_width(cp);
				start[col] = 1;
				for (int k = 0; k < w && col < 250; k++)
					space[col++] = cp == ' ';
				i += (size_t)n;
			}
			for (int t = 0; t < 2; t++) {
				const int *g = t ? gaps1 : gaps0;
				int ng = t ? 4 : 8;

				for (int k = 0; k < ng; k++)
					if (g[k] < col && (!space[g[k]] || !start[g[k] + 1]))
						fits[t] = 0;
			}
			/* a name too wide for its column on a line of its own
			 * (the number, the name, nothing else) */
			if (p[3] >= '0' && p[3] <= '9' && p[4] == ' ' &&
			    !memchr(p + 5, ' ', len - 5))
				fits[0] = 1;
			if (col > REPORT_WIDTH || (!fits[0] && !fits[1])) {
				bad++;
				if (bad <= 3)
					tap_diag("misaligned: %.*s", (int)len, p);
			}
			(*lines_checked)++;
		}
		p += len + (e ? 1 : 0);
	}
	return bad;
}

/* Names that do not fit the name column's 8 columns, and one that fits
 * only when the middle dot is 1 column wide. */
#define LONG_NAMES HEAD \
	"阿卜杜热合曼·买买提依明·艾尔肯江,女,维吾尔族,1990-01-01,110105199001010029,本科,正式党员,在职,2015-07-01,2016-07-01,在册,,,,,\n" \
	"\xf0\xa1\x88\xbc阿依古丽·买买提,男,维吾尔族,1990-01-01,110105199001010037,本科,正式党员,在职,2015-07-01,2016-07-01,在册,,,,,\n" \
	"欧阳娜娜木,女,汉族,1990-01-01,110105199001010045,本科,正式党员,在职,2015-07-01,2016-07-01,在册,,,,,\n" \
	"艾力·木,男,维吾尔族,1990-01-01,110105199001010053,本科,正式党员,在职,2015-07-01,2016-07-01,在册,,,,,\n"

/* Check that the report TEXT never cuts a name: each row's first line
 * (its number) holds a whole name of the database after the number, and
 * no other line has anything in the name column (display columns 5-12),
 * except the ID numbers of the second tier.  Returns the faults; the rows
 * seen go to *ROWS. */
static int names_cut(struct db *db, const char *text, int *rows)
{
	sqlite3_stmt *st = NULL;
	const char *p = text;
	bool body = false;
	int bad = 0;

	*rows = 0;
	sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM members WHERE name = ?1",
	                   -1, &st, NULL);
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char line[1024];

		snprintf(line, sizeof line, "%.*s", (int)(len < 1023 ? len : 1023),
		         p[0] == '\f' ? p + 1 : p);
		p += len + (e ? 1 : 0);
		if (strncmp(line, "-----", 5) == 0) {
			body = true;
			continue;
		}
		if (!body || !line[0])
			continue;
		if (strstr(line, "第 ") && strstr(line, " 页 共 ")) {
			body = false;
			continue;
		}
		if (line[3] >= '0' && line[3] <= '9' && line[4] == ' ') {
			char name[256];
			size_t n = strcspn(line + 5, " ");

			snprintf(name, sizeof name, "%.*s", (int)n, line + 5);
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) < 1) {
				if (bad++ < 3)
					tap_diag("not a whole name: '%s' in '%s'", name, line);
			}
			(*rows)++;
		} else if (len > 5 && strspn(line, " ") < 13 &&
		           !(strspn(line, " ") == 5 && line[5] >= '0' && line[5] <= '9')) {
			if (bad++ < 3)
				tap_diag("something in the name column: '%s'", line);
		}
	}
	sqlite3_finalize(st);
	return bad;
}

/* The report UTF8 of DB, PAGES pages: every page 60 lines, footers
 * numbered with the change log's head beside, a form feed between, no
 * row split; 1 if so. */
static int pages_fine(struct db *db, const char *utf8, unsigned pages)
{
	char head[DB_AUDIT_HEAD_SIZE], mark[128];
	int ok_so_far = 1;

	is_int(db_audit_head(db, head), DB_OK, "the change log's head (%s)", head);
	snprintf(mark, sizeof mark, "变更日志 %.*s\n",
	         (int)(strchr(head, ':') - head) + 1 + REPORT_HEAD_HEX, head);
	char *copy = strdup(utf8), *save = NULL, *page;
	unsigned n = 0;

	for (page = strtok_r(copy, "\f", &save); page;
	     page = strtok_r(NULL, "\f", &save)) {
		char want[64];
		int lines = 0;
		const char *last = page;

		n++;
		for (const char *q = page; *q; q++)
			if (*q == '\n') {
				lines++;
				if (q[1])
					last = q + 1;
			}
		snprintf(want, sizeof want, "第 %u 页 共 %u 页 ", n, pages);
		if (lines != REPORT_LINES || !strstr(last, want) || !strstr(last, mark) ||
		    strncmp(page + strspn(page, " "), "党员花名册（党籍状态：全部）\n", 43) != 0 ||
		    strstr(page, "\n     ") - page < 0) {
			ok_so_far = 0;
			tap_diag("page %u: %d lines, last '%s'", n, lines, last);
		}
		/* a page's first row is a row's first line (its number) */
		{
			const char *rule = strstr(page, "-----\n");
			const char *first = rule ? rule + 6 : NULL;

			if (!first || first[3] < '0' || first[3] > '9') {
				ok_so_far = 0;
				tap_diag("page %u starts inside a row", n);
			}
		}
	}
	is_int(n, pages, "as many pages as the footer says");
	free(copy);
	return ok_so_far;
}

static void test_report(void)
{
	struct db *db = mem_db();
	struct io_import_result ires;
	struct report_result res;
	char *utf8, *gb, *back = NULL, *said;
	int pages_ok = 1, lines_checked, rows;
	size_t gblen;

	demo_populate(db, 2026, 400, TODAY);
	is_int(import(db, LONG_NAMES, 0, &ires, &said), IO_OK,
	       "four more members, with long names");
	free(said);
	utf8 = report(db, TEXT_ENC_UTF8, false, &res);
	is_int(res.records, 404, "the report has every member");
	ok(res.pages > 5, "on several pages (%u)", res.pages);
	pages_ok = pages_fine(db, utf8, res.pages);
	ok(pages_ok, "every page: title, 60 lines, 第 N 页 共 M 页 and the log's head, no row split");
	ok(strstr(utf8, "支部：幸福里社区第一党支部") && strstr(utf8, "制表日期：2026年6月15日"),
	   "the branch and the date in the header");
	ok(strstr(utf8, "********") != NULL, "ID numbers are masked by default");

	gb = report(db, TEXT_ENC_GB18030, false, &res);
	gblen = strlen(gb);
	if (text_to_utf8(TEXT_ENC_GB18030, gb, gblen, &back, NULL, NULL) != 0)
		back = strdup("");
	is_int(names_cut(db, utf8, &rows), 0, "UTF-8: no name is cut");
	is_int(rows, 404, "(every row's name was looked at)");
	is_int(names_cut(db, back, &rows), 0, "GB18030: no name is cut");
	ok(strstr(utf8, " 阿卜杜热合曼·买买提依明·艾尔肯江\n") != NULL,
	   "a name of 17 characters stands whole on its row's first line");
	ok(strstr(utf8, "·") != NULL, "the demo has names with the middle dot");

	if (setlocale(LC_CTYPE, "zh_CN.UTF-8")) {
		is_int(misaligned(utf8, &lines_checked), 0,
		       "UTF-8: columns line up by wcwidth in zh_CN.UTF-8 (%d lines)",
		       lines_checked);
	} else {
		tap_ok(1, "# SKIP zh_CN.UTF-8 locale not installed");
	}
	if (setlocale(LC_CTYPE, "zh_CN.GB18030")) {
		is_int(misaligned(back, &lines_checked), 0,
		       "GB18030: columns line up by wcwidth in zh_CN.GB18030 (%d lines)",
		       lines_checked);
		ok(strcmp(utf8, back) != 0,
		   "and the layouts differ: the middle dot counts 2 there");
	} else {
		tap_ok(1, "# SKIP zh_CN.GB18030 locale not installed");
		tap_ok(1, "# SKIP zh_CN.GB18030 locale not installed");
	}
	setlocale(LC_CTYPE, "C");
	is_int(text_ambiguous_width(), 1, "the ambiguous width is restored after a report");
	free(utf8);
	free(gb);
	free(back);

	utf8 = report(db, TEXT_ENC_UTF8, true, &res);
	ok(strstr(utf8, "********") == NULL, "--full-id prints them whole");
	free(utf8);
	db_close(db);

	db = mem_db();
	utf8 = report(db, TEXT_ENC_UTF8, false, &res);
	ok(strstr(utf8, "（无记录）") && res.pages == 1 && strstr(utf8, "第 1 页 共 1 页"),
	   "an empty register prints one page that says so");
	free(utf8);
	db_close(db);
}

/* Random damage never crashes an import (the fuzz target does more). */
static void test_garbage(void)
{
	struct db *db = mem_db();
	unsigned seed = 99;
	int survived = 0;

	for (int round = 0; round < 200; round++) {
		char buf[600];
		size_t n = (size_t)(rand_r(&seed) % (int)sizeof buf);
		struct io_import_result res;
		char *said, *csv;

		memcpy(buf, HEAD, strlen(HEAD));
		for (size_t i = strlen(HEAD) / 2; i < n; i++)
			buf[i] = (char)(rand_r(&seed) % 4 ? "张,\"\n=\r1x"[rand_r(&seed) % 10]
			                                  : rand_r(&seed) % 256);
		csv = malloc(n + 1);
		memcpy(csv, buf, n);
		csv[n] = '\0';
		import(db, csv, IO_DRY_RUN, &res, &said);
		free(said);
		free(csv);
		survived++;
	}
	is_int(survived, 200, "200 damaged files are imported without a crash");
	db_close(db);
}

int main(void)
{
	registers_init();
	test_import_basics();
	test_headers();
	test_rejections();
	test_modes();
	test_progress();
	test_export();
	test_round_trip();
	test_other_sheets();
	test_assign();
	test_update_merged();
	test_round_trip_fields();
	test_namesakes();
	test_report();
	test_garbage();
	return tap_done();
}
