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
#include "member.h"
#include "member_query.h"
#include "report.h"
#include "store.h"
#include "tap.h"
#include "text.h"
#include "validate.h"

#define TODAY "2026-06-15"

static struct db *mem_db(void)
{
	struct db *db = NULL;
	char err[256];

	if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		printf("Bail out! cannot open a database in memory: %s\n", err);
		exit(1);
	}
	return db;
}

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
	static const char *const kinds[] = { "unknown", "twice", "missing", "group" };

	fprintf(s->f, "%s", kinds[n->kind]);
	if (n->text)
		fprintf(s->f, " %s", n->text);
	if (n->field)
		fprintf(s->f, " %s", n->field->key);
	if (n->column)
		fprintf(s->f, " %u", n->column);
	if (n->other)
		fprintf(s->f, " %u", n->other);
	fputc('\n', s->f);
}

/* Import CSV (UTF-8 text) into DB with FLAGS; what was said in *SAID
 * (malloc'd), the status returned. */
static int import(struct db *db, const char *csv, unsigned flags,
                  struct io_import_result *res, char **said)
{
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct csv_reader *r = csv_reader_mem(csv, strlen(csv), &co);
	struct said s = { NULL, 0, NULL };
	struct io_import_options o = { flags, TODAY, said_problem, said_notice, &s, NULL };
	int rc;

	s.f = open_memstream(&s.text, &s.len);
	rc = io_import(db, &io_member_table, r, &o, res);
	fclose(s.f);
	csv_reader_free(r);
	*said = s.text;
	return rc;
}

static int64_t members(struct db *db)
{
	int64_t n = -1;

	store_member_count(db, &n);
	return n;
}

/* Three valid people (fake ID numbers with correct check digits). */
#define HEAD "姓名,性别,民族,出生日期,身份证号,学历,党员类别,人员分类,入党日期,转正日期,党籍状态,工作单位及职务,联系电话,居住地址,党小组,备注\n"
#define ROW1 "张伟,男,汉族,1980-01-01,110105198001010016,本科,正式党员,在职,2005-07-01,2006-07-01,在册,街道办事处,13912345678,幸福路1号,第一党小组,\n"
#define ROW2 "李娜,女,汉族,1990-02-03,310107199002030021,大专,预备党员,在职,2025/12/1,,在册,社区卫生服务中心,=\"025-84561234\",健康路2号,第二党小组,\n"
#define ROW3 "阿依古丽•买买提,女,维吾尔族,1975-05-05,320106197505050020,硕士研究生,正式党员,离退休,1999年7月1日,2000-07-01,流出,\"某某公司,技术部\",13800000000,\"A座\"\"东\"\"楼\",第一党小组,\"第一行\r\n第二行\"\n"

static void test_import_basics(void)
{
	struct db *db = mem_db();
	struct io_import_result res;
	struct member m;
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

	if (ok(store_member_find_id_number(db, "310107199002030021", &m) == DB_OK,
	       "the second row is found by its ID number")) {
		is_str(m.education, "大学专科", "大专 is stored as 大学专科");
		is_str(m.join_date, "2025-12-01", "2025/12/1 is stored as 2025-12-01");
		is_str(m.phone, "025-84561234", "an Excel text cell is unwrapped");
		is_str(m.full_date, "", "a probationary member has no 转正日期");
	}
	if (ok(store_member_find_id_number(db, "320106197505050020", &m) == DB_OK,
	       "the third row too")) {
		is_str(m.name, "阿依古丽·买买提", "the name's dot is normalized to U+00B7");
		is_str(m.work_unit, "某某公司,技术部", "a quoted comma stays in its cell");
		is_str(m.address, "A座\"东\"楼", "doubled quotes are one quote");
		is_str(m.note, "第一行\n第二行", "a note keeps its line break (CRLF made LF)");
		is_str(m.status, "流出", "the status is taken");
		is_str(m.join_date, "1999-07-01", "1999年7月1日 is stored as 1999-07-01");
	}

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
	struct db *db = mem_db();
	struct io_import_result res;
	char *said;
	int rc;

	rc = import(db, "ID_Number,join_date,籍贯,member_type, 姓名 *,\n"
	                "110105198001010016,2005-07-01,北京,正式党员,张伟,\n", 0,
	            &res, &said);
	is_int(rc, IO_REJECTED, "English keys in any order, a marked header");
	is_str(said, "unknown 籍贯 3\n2 full_date: is required for a full member\n",
	       "an unknown column is a notice; the missing 转正日期 is the row's problem");
	free(said);

	rc = import(db, "姓名,民族\n张伟,汉族\n", 0, &res, &said);
	is_int(rc, IO_FAILED, "required columns missing: the import fails");
	is_str(said, "missing id_number\nmissing member_type\nmissing join_date\n",
	       "each missing column is named");
	free(said);
	is_str(res.error, "the header row does not name the required columns",
	       "and the failure says why");

	rc = import(db, "姓名,身份证号,name,党员类别,入党日期\n", 0, &res, &said);
	is_int(rc, IO_FAILED, "a field named twice fails");
	is_str(said, "twice name 1 3\n", "naming both columns");
	free(said);

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
	is_int(res.accepted, 2, "counts what it would import");
	ok(!res.stored, "stores nothing");
	is_int(members(db), 0, "no members");

	rc = import(db, HEAD ROW1 "王五,男,汉族,1980-01-01,1101051980010100X1,本科,正式党员,在职,2005-07-01,2006-07-01,在册,,,,,\n" ROW2,
	            IO_ALL_OR_NOTHING, &res, &said);
	is_int(rc, IO_REJECTED, "all or nothing with one bad row");
	is_str(said, "3 id_number: must be 17 digits followed by a digit or X\n",
	       "names the bad row");
	free(said);
	is_int(res.accepted, 2, "the good rows were checked");
	ok(!res.stored, "but not stored");
	is_int(members(db), 0, "the database has nobody");

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
	struct io_import_options o = { flags, TODAY, NULL, NULL, &s, said_progress };
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
                    const struct member_query *q, size_t *len)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	struct csv_writer_options wo = { enc, true, ',' };
	struct csv_writer *w = csv_writer_new(f, &wo);
	struct io_export_options eo = { q, mask, NULL, NULL };
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
	struct member_query all = { MEMBER_SORT_STROKES, "", "", "", "*", 0 };
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
	struct member_query all = { MEMBER_SORT_STROKES, "", "", "", "*", 0 };
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct io_import_options io = { 0, NULL, NULL, NULL, NULL, NULL };
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
	struct member_query all = { MEMBER_SORT_STROKES, "", "", "", "*", 0 };
	struct report_options o = { &all, "幸福里社区第一党支部", TODAY, full_id, enc, 0, 0,
	                           false };

	report_text(db, report_find("roster"), &o, f, res);
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
	{
		/* every page 60 lines, footers numbered, a form feed between */
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
			snprintf(want, sizeof want, "第 %u 页 共 %u 页\n", n, res.pages);
			if (lines != REPORT_LINES || !strstr(last, want) ||
			    strncmp(page, "                                   党员花名册\n", 45) != 0 ||
			    strstr(page, "\n     ") - page < 0) {
				pages_ok = 0;
				tap_diag("page %u: %d lines, last '%s'", n, lines, last);
			}
			/* a page's first row is a row's first line (its number) */
			{
				const char *rule = strstr(page, "-----\n");
				const char *first = rule ? rule + 6 : NULL;

				if (!first || first[3] < '0' || first[3] > '9') {
					pages_ok = 0;
					tap_diag("page %u starts inside a row", n);
				}
			}
		}
		is_int(n, res.pages, "as many pages as the footer says");
		free(copy);
	}
	ok(pages_ok, "every page: title, 60 lines, 第 N 页 共 M 页, no row split");
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
	test_import_basics();
	test_headers();
	test_rejections();
	test_modes();
	test_progress();
	test_export();
	test_round_trip();
	test_namesakes();
	test_report();
	test_garbage();
	return tap_done();
}
