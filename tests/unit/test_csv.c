/* test_csv.c - the CSV reader and writer: RFC 4180 quoting, line ends,
 * Excel's habits (="..." cells, BOMs, GB18030, UTF-16), damaged input,
 * and a round trip through the writer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "tap.h"
#include "text.h"

/* Every record of BUF as "LINE+LINES:cell|cell|..." lines; a cell with
 * bad bytes shows as "!" plus the reason's first word, a record error as
 * " ERR(...)". */
static char *dump_with(struct csv_reader *r)
{
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	struct csv_record rec;
	int rc;

	while ((rc = csv_read(r, &rec)) == 1) {
		fprintf(f, "%lu+%lu:", rec.line, rec.lines);
		for (size_t i = 0; i < rec.count; i++) {
			if (i)
				fputc('|', f);
			if (rec.fields[i].bad)
				fprintf(f, "!%.8s", rec.fields[i].bad);
			else
				fwrite(rec.fields[i].text, 1, rec.fields[i].len, f);
		}
		if (rec.error)
			fprintf(f, " ERR(%s)", rec.error);
		fputc('\n', f);
	}
	if (rc < 0)
		fprintf(f, "FAIL(%s)\n", csv_reader_error(r, NULL));
	fclose(f);
	return out;
}

static char *dump(const char *buf, size_t len, enum text_encoding enc)
{
	struct csv_options o = { enc, 0, true, 0 };
	struct csv_reader *r = csv_reader_mem(buf, len, &o);
	char *s = dump_with(r);

	csv_reader_free(r);
	return s;
}

static void check(char *got, const char *want, const char *what)
{
	is_str(got, want, "%s", what);
	free(got);
}

/* A source that gives one byte per call: every chunk boundary is hit. */
struct trickle {
	const char *s;
	size_t len, pos;
};

static ssize_t trickle_read(void *ctx, char *buf, size_t n)
{
	struct trickle *t = ctx;

	if (t->pos >= t->len || n == 0)
		return 0;
	buf[0] = t->s[t->pos++];
	return 1;
}

/* 姓名,民族 / 张三,汉族 in GB18030, CRLF */
#define GB_ROSTER "\xD0\xD5\xC3\xFB,\xC3\xF1\xD7\xE5\r\n" \
	"\xD5\xC5\xC8\xFD,\xBA\xBA\xD7\xE5\r\n"
/* the same with row 2's name a GBK lead byte followed by a comma */
#define GB_BAD "\xD0\xD5\xC3\xFB,\xC3\xF1\xD7\xE5\r\n" \
	"\xD5\x2C\xC8\xFD\xC8\xFD,\xBA\xBA\xD7\xE5\r\n" \
	"\xD5\xC5\xC8\xFD,\xBA\xBA\xD7\xE5\r\n"
#define GB_BOM "\x84\x31\x95\x33" "a,b\r\n"
/* 姓名,x LF in UTF-16LE and BE with BOMs */
#define U16LE "\xFF\xFE\xD3\x59\x0D\x54,\0x\0\n\0"
#define U16BE "\xFE\xFF\x59\xD3\x54\x0D\0,\0x\0\n"
/* 𠮷 (U+20BB7): four bytes in GB18030 */
#define GB4 "\x95\x34\xB2\x35,a\n"
#define U8_BAD "a,b\n\xE5\xA7,ok\nc,d\n"
#define U8_NUL "a,b\nx\0y,z\n"
#define U8_CUT "a,\xE5\xA7"
#define U16_BAD "\xFF\xFE" "a\0,\0\x00\xDC\n\0b\0\n\0"

/* Bytes of a CSV source, the encoding asked for (TEXT_ENC_UNKNOWN: found),
 * and the records read from it as dump_with() shows them. */
struct read_case {
	const char *in;
	size_t len;
	enum text_encoding enc;
	const char *want, *what;
};

#define BYTES(lit) lit, sizeof(lit) - 1

static const struct read_case read_cases[] = {
	/* RFC 4180 quoting and line ends */
	{ BYTES("a,b,c\r\n1,2,3\r\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a|b|c\n2+1:1|2|3\n", "plain cells, CRLF" },
	{ BYTES("a,b\n1,2\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a|b\n2+1:1|2\n", "LF line ends" },
	{ BYTES("a,b\r1,2\r"), TEXT_ENC_UNKNOWN,
	  "1+1:a|b\n2+1:1|2\n", "old Mac CR line ends" },
	{ BYTES("a,b\r\n1,2"), TEXT_ENC_UNKNOWN,
	  "1+1:a|b\n2+1:1|2\n", "no line end after the last record" },
	{ BYTES("a,b\r\n1,2\r\n\r\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a|b\n2+1:1|2\n", "a trailing empty line is no record" },
	{ BYTES("a\n\n\nb\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a\n4+1:b\n", "empty lines are skipped and still counted" },
	{ BYTES("\"x,y\",\"say \"\"hi\"\"\",z\n"), TEXT_ENC_UNKNOWN,
	  "1+1:x,y|say \"hi\"|z\n", "quoted delimiter and doubled quotes" },
	{ BYTES("\"a\r\nb\",c\r\nd,e\r\n"), TEXT_ENC_UNKNOWN,
	  "1+2:a\r\nb|c\n3+1:d|e\n", "an embedded CRLF is kept and the next record's line is right" },
	{ BYTES("\"a\nb\nc\",x\nnext\n"), TEXT_ENC_UNKNOWN,
	  "1+3:a\nb\nc|x\n4+1:next\n", "embedded LFs span lines" },
	{ BYTES(",,\n"), TEXT_ENC_UNKNOWN,
	  "1+1:||\n", "empty cells" },
	{ BYTES("\"\",\"\"\n"), TEXT_ENC_UNKNOWN,
	  "1+1:|\n", "empty quoted cells" },
	{ BYTES("a,b,c\n1\n1,2,3,4\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a|b|c\n2+1:1\n3+1:1|2|3|4\n", "ragged rows keep their own cell counts" },
	{ BYTES("\"ab\"c,d\n"), TEXT_ENC_UNKNOWN,
	  "1+1:abc|d\n", "text after a closing quote is kept, as Excel does" },
	{ BYTES("a\"b,c\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a\"b|c\n", "a quote inside an unquoted cell is literal" },
	{ BYTES(" \"a\" ,b\n"), TEXT_ENC_UNKNOWN,
	  "1+1: \"a\" |b\n", "a quote after a space does not open quoting" },
	{ BYTES("a,\"open\r\nstill\n"), TEXT_ENC_UNKNOWN,
	  "1+3:a|open\r\nstill\n ERR(the file ends inside a quoted cell)\n", "a quote not closed at the end of the file is reported" },
	{ BYTES(""), TEXT_ENC_UNKNOWN,
	  "", "an empty file has no records" },
	{ BYTES("\r\n\r\n"), TEXT_ENC_UNKNOWN,
	  "", "only empty lines: no records" },
	/* Excel's ="..." text cells */
	{ BYTES("=\"0012\",=\"110105199001011234\"\n"), TEXT_ENC_UNKNOWN,
	  "1+1:0012|110105199001011234\n", "bare =\"...\" cells are unwrapped" },
	{ BYTES("\"=\"\"0012\"\"\"\n"), TEXT_ENC_UNKNOWN,
	  "1+1:0012\n", "quoted =\"\"...\"\" cells are unwrapped" },
	{ BYTES("\"=\"\"a\"\"\"\"b\"\"\"\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a\"b\n", "a doubled quote inside the formula string is one quote" },
	{ BYTES("=\"a\"b\"\n"), TEXT_ENC_UNKNOWN,
	  "1+1:=\"a\"b\"\n", "a lone quote inside: not a text cell, left alone" },
	{ BYTES("=1+2,=\"\n"), TEXT_ENC_UNKNOWN,
	  "1+1:=1+2|=\"\n", "other formulas stay as they are" },
	/* the delimiter found */
	{ BYTES("a\tb\tc\n1\t2,5\t3\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a|b|c\n2+1:1|2,5|3\n", "tab-separated (Excel's Unicode text)" },
	{ BYTES("a;b;c\n1;2,5;3\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a|b|c\n2+1:1|2,5|3\n", "semicolons (European Excel)" },
	{ BYTES("\"a;b;c\",d\n"), TEXT_ENC_UNKNOWN,
	  "1+1:a;b;c|d\n", "delimiters inside quotes are not counted" },
	/* encodings: BOMs, GB18030, UTF-16 */
	{ BYTES(GB_BOM), TEXT_ENC_GB18030,
	  "1+1:a|b\n", "a GB18030 BOM is dropped" },
	{ BYTES(U16LE), TEXT_ENC_UNKNOWN,
	  "1+1:姓名|x\n", "UTF-16LE with BOM" },
	{ BYTES(U16BE), TEXT_ENC_UNKNOWN,
	  "1+1:姓名|x\n", "UTF-16BE with BOM" },
	{ BYTES(U16BE), TEXT_ENC_UTF16LE,
	  "1+1:姓名|x\n", "--encoding utf-16 follows the BOM's byte order" },
	{ BYTES(GB4), TEXT_ENC_GB18030,
	  "1+1:𠮷|a\n", "a four-byte GB18030 character" },
	{ BYTES(GB_ROSTER), TEXT_ENC_GBK,
	  "1+1:姓名|民族\n2+1:张三|汉族\n", "GBK as given" },
	/* damage: the bad cell marked, the rest read */
	{ BYTES(GB_BAD), TEXT_ENC_UNKNOWN,
	  "1+1:姓名|民族\n2+1:!contains|三三|汉族\n3+1:张三|汉族\n", "a damaged GB18030 file: the bad cell is marked, the rest read" },
	{ BYTES(U8_BAD), TEXT_ENC_UTF8,
	  "1+1:a|b\n2+1:!contains|ok\n3+1:c|d\n", "an invalid UTF-8 sequence marks its cell" },
	{ BYTES(U8_NUL), TEXT_ENC_UNKNOWN,
	  "1+1:a|b\n2+1:!contains|z\n", "a NUL byte marks its cell" },
	{ BYTES(U8_CUT), TEXT_ENC_UTF8,
	  "1+1:a|!the file\n", "a character cut by the end of the file" },
	{ BYTES(U16_BAD), TEXT_ENC_UNKNOWN,
	  "1+1:a|!contains\n2+1:b\n", "a lone surrogate in UTF-16" },
};

static void test_reads(void)
{
	for (size_t i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++) {
		const struct read_case *c = &read_cases[i];

		check(dump(c->in, c->len, c->enc), c->want, c->what);
	}
}

static void test_excel_text(void)
{
	{
		struct csv_options o = { TEXT_ENC_UNKNOWN, 0, false, 0 };
		struct csv_reader *r = csv_reader_mem("=\"01\"\n", 6, &o);

		check(dump_with(r), "1+1:=\"01\"\n", "unwrapping can be switched off");
		csv_reader_free(r);
	}
}

static void test_delimiters(void)
{
	{
		struct csv_options o = { TEXT_ENC_UTF8, ';', true, 0 };
		struct csv_reader *r = csv_reader_mem("a,b;c\n", 6, &o);

		check(dump_with(r), "1+1:a,b|c\n", "a delimiter given is used");
		is_int(csv_reader_delimiter(r), ';', "and reported");
		csv_reader_free(r);
	}
}

static void test_encodings(void)
{
	static const char gb[] = GB_ROSTER;
	static const char u8_bom[] = "\xEF\xBB\xBF\xE5\xA7\x93\xE5\x90\x8D,x\n";
	struct csv_reader *r;

	r = csv_reader_mem(gb, sizeof(gb) - 1, NULL);
	check(dump_with(r), "1+1:姓名|民族\n2+1:张三|汉族\n", "GB18030 is detected and decoded");
	is_int(csv_reader_encoding(r), TEXT_ENC_GB18030, "and reported as GB18030");
	csv_reader_free(r);

	r = csv_reader_mem(u8_bom, sizeof(u8_bom) - 1, NULL);
	check(dump_with(r), "1+1:姓名|x\n", "a UTF-8 BOM is dropped");
	is_int(csv_reader_encoding(r), TEXT_ENC_UTF8_BOM, "and reported");
	csv_reader_free(r);
	check(dump("PK\3\4\x14\0\0\0", 8, TEXT_ENC_UNKNOWN),
	      "FAIL(this is a spreadsheet workbook, not a CSV file: save it as CSV first)\n",
	      "an .xlsx file is named as a workbook");
}

static void test_damage(void)
{
	static const char u8_nul[] = U8_NUL;
	char *s;

	{
		struct csv_reader *r = csv_reader_mem(u8_nul, sizeof(u8_nul) - 1, NULL);
		struct csv_record rec;

		csv_read(r, &rec);
		csv_read(r, &rec);
		is_str(rec.fields[0].bad, "contains a NUL byte", "and says it is a NUL");
		ok(strlen(rec.fields[0].text) == rec.fields[0].len,
		   "the cell has no NUL inside");
		csv_reader_free(r);
	}
	{
		/* Most of it GB18030, one line broken: still read as GB18030. */
		char buf[4096];
		size_t n = 0;

		for (int i = 0; i < 100; i++) {
			memcpy(buf + n, "\xD5\xC5\xC8\xFD,1\n", 7);
			n += 7;
		}
		buf[50 * 7] = '\x80';
		is_int(csv_detect(buf, n, true), TEXT_ENC_GB18030,
		       "damaged GB18030 is still taken for GB18030");
	}
	{
		/* Garbage everywhere gives up instead of listing each byte. */
		char *junk = malloc(20000);

		for (int i = 0; i < 20000; i++)
			junk[i] = (char)(i % 2 ? 0x80 : 0xFF);
		s = dump(junk, 20000, TEXT_ENC_UTF8);
		ok(strstr(s, "FAIL(too many bytes") != NULL,
		   "binary junk stops with 'too many bytes ... not valid'");
		free(s);
		free(junk);
	}
}

static void test_limits(void)
{
	struct csv_options o = { TEXT_ENC_UTF8, 0, true, 64 };
	struct csv_reader *r;
	char *big, *s;
	size_t n = 3 * CSV_MAX_RECORD;

	{
		static const char rows[] = "short,1\n"
			"0123456789012345678901234567890123456789012345678901234567890123456789,2\n"
			"\"quoted, and also very long 0123456789012345678901234567890123456789\n0123\",3\n"
			"after,4\n";

		r = csv_reader_mem(rows, sizeof(rows) - 1, &o);
	}
	check(dump_with(r), "1+1:short|1\n2+1: ERR(the row is far too long)\n"
	      "3+2: ERR(the row is far too long)\n5+1:after|4\n",
	      "records over the limit are reported and skipped whole");
	csv_reader_free(r);

	/* A field of 100 000 bytes at the default limit is read whole. */
	big = malloc(n + 16);
	memset(big, 'x', 100000);
	memcpy(big + 100000, ",end\n", 6);
	r = csv_reader_mem(big, 100005, NULL);
	{
		struct csv_record rec;

		is_int(csv_read(r, &rec), 1, "a 100 000-byte cell");
		is_int(rec.fields[0].len, 100000, "is read whole");
		is_str(rec.fields[1].text, "end", "and the next cell after it");
	}
	csv_reader_free(r);

	/* An unclosed quote over megabytes: memory stays bounded, and the
	 * reader ends with the error instead of keeping it all. */
	big[0] = '"';
	memset(big + 1, 'y', n - 1);
	r = csv_reader_mem(big, n, NULL);
	s = dump_with(r);
	is_str(s, "1+1: ERR(the row is far too long)\n",
	       "an unclosed quote over 3 MB is one too-long record");
	free(s);
	csv_reader_free(r);
	free(big);
}

static void test_trickle(void)
{
	static const char gb[] = "\xD0\xD5\xC3\xFB,\"\xC3\xF1\r\n\xD7\xE5\"\r\n"
	                         "\x95\x34\xB2\x35,\xD5\xC5\r\n";
	static const char u8[] = "\xEF\xBB\xBF\xE5\xA7\x93,\"a\"\"b\"\n\xF0\xA0\xAE\xB7,c\n";
	struct trickle t = { gb, sizeof(gb) - 1, 0 };
	struct csv_options o = { TEXT_ENC_GB18030, 0, true, 0 };
	struct csv_reader *r = csv_reader_new(trickle_read, &t, &o);

	check(dump_with(r), "1+2:姓名|民\r\n族\n3+1:𠮷|张\n",
	      "GB18030 one byte at a time");
	csv_reader_free(r);
	t = (struct trickle){ u8, sizeof(u8) - 1, 0 };
	r = csv_reader_new(trickle_read, &t, NULL);
	check(dump_with(r), "1+1:姓|a\"b\n2+1:𠮷|c\n", "UTF-8 one byte at a time");
	csv_reader_free(r);
}

static int trickle_rewind(void *ctx)
{
	((struct trickle *)ctx)->pos = 0;
	return 0;
}

/* Reading a file twice (the import reads a column's values before it
 * takes the rows): the same records, the BOM skipped again, the encoding
 * and delimiter as found the first time. */
static void test_rewind(void)
{
	static const char gb[] = "\x84\x31\x95\x33\xD0\xD5\xC3\xFB;a\r\n\x95\x34\xB2\x35;b\r\n";
	static const char u8[] = "\xEF\xBB\xBF\xE5\xA7\x93\tx\n\xE5\xBC\xA0\ty\n";
	struct trickle t = { gb, sizeof(gb) - 1, 0 };
	struct csv_reader *r = csv_reader_new(trickle_read, &t, NULL);
	struct csv_record rec;
	char *first;

	ok(!csv_reader_can_rewind(r), "rewind: not without a way back");
	csv_read(r, &rec);
	is_int(csv_reader_rewind(r), -1, "rewind: refused then");
	csv_reader_free(r);

	t.pos = 0;
	r = csv_reader_new(trickle_read, &t, NULL);
	csv_reader_set_rewind(r, trickle_rewind);
	ok(csv_reader_can_rewind(r), "rewind: with a way back");
	first = dump_with(r);
	is_int(csv_reader_rewind(r), 0, "rewind: GB18030 with its BOM, after the end");
	check(dump_with(r), first, "rewind: the same records again");
	is_int(csv_reader_encoding(r), TEXT_ENC_GB18030, "rewind: still GB18030");
	is_int(csv_reader_rewind(r), 0, "rewind: in the middle too");
	is_int(csv_read(r, &rec), 1, "rewind: a record");
	is_int(rec.line, 1, "rewind: from line 1");
	is_int(csv_reader_delimiter(r), ';', "rewind: the delimiter stays");
	free(first);
	csv_reader_free(r);

	r = csv_reader_mem(u8, sizeof(u8) - 1, NULL);
	ok(csv_reader_can_rewind(r), "rewind: memory can always");
	csv_read(r, &rec);
	csv_read(r, &rec);
	is_int(csv_reader_rewind(r), 0, "rewind: UTF-8 with a BOM");
	check(dump_with(r), "1+1:姓|x\n2+1:张|y\n", "rewind: the BOM skipped again, tabs kept");
	csv_reader_free(r);
}

/* Write records with the writer and return the bytes. */
static char *write_rows(enum text_encoding enc, bool crlf, const char *const *cells,
                        const unsigned *flags, int n, int per_row, int *lossy)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct csv_writer_options o = { enc, crlf, 0 };
	struct csv_writer *w = csv_writer_new(f, &o);

	*lossy = 0;
	for (int i = 0; i < n; i++) {
		csv_write_field(w, cells[i], flags ? flags[i] : 0);
		if ((i + 1) % per_row == 0 && csv_write_end(w) == 1)
			(*lossy)++;
	}
	csv_writer_close(w);
	fclose(f);
	return out;
}

static void test_writer(void)
{
	static const char *const cells[] = {
		"plain", "with,comma", "say \"hi\"", "two\nlines",
		"110105199001011234", "", "=cmd|' /C calc'!A0", "a\"b,c",
	};
	static const unsigned flags[] = { 0, 0, 0, 0, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT };
	int lossy;
	char *s;

	s = write_rows(TEXT_ENC_UTF8, true, cells, flags, 8, 4, &lossy);
	is_str(s, "plain,\"with,comma\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
	       "=\"110105199001011234\",,=\"=cmd|' /C calc'!A0\",\"=\"\"a\"\"\"\"b,c\"\"\"\r\n",
	       "the writer quotes what needs it and writes text cells as =\"...\"");
	check(dump(s, strlen(s), TEXT_ENC_UTF8),
	      "1+2:plain|with,comma|say \"hi\"|two\nlines\n"
	      "3+1:110105199001011234||=cmd|' /C calc'!A0|a\"b,c\n",
	      "and the reader gets every cell back");
	free(s);

	{
		static const char *const c2[] = { "张三", "维吾尔族" };

		s = write_rows(TEXT_ENC_GB18030, false, c2, NULL, 2, 2, &lossy);
		is_str(s, "\xD5\xC5\xC8\xFD,\xCE\xAC\xCE\xE1\xB6\xFB\xD7\xE5\n",
		       "GB18030 output with LF");
		free(s);
		s = write_rows(TEXT_ENC_UTF8_BOM, true, c2, NULL, 2, 2, &lossy);
		is_str(s, "\xEF\xBB\xBF张三,维吾尔族\r\n", "UTF-8 with a BOM");
		free(s);
	}
	{
		static const char *const c3[] = { "𠮷x", "a", "张", "b" };

		s = write_rows(TEXT_ENC_GBK, true, c3, NULL, 4, 2, &lossy);
		is_str(s, "?x,a\r\n\xD5\xC5,b\r\n",
		       "GBK: a character it lacks becomes '?'");
		is_int(lossy, 1, "and that one record is reported as lossy");
		free(s);
	}
	{
		char *out = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&out, &len);
		struct csv_writer_options o = { TEXT_ENC_UTF8, true, 0 };
		struct csv_writer *w = csv_writer_new(f, &o);

		is_int(csv_writer_line(w), 1, "the first record starts on line 1");
		csv_write_field(w, "a\nb\nc", 0);
		csv_write_end(w);
		is_int(csv_writer_line(w), 4, "a record with two line breaks takes three lines");
		csv_writer_close(w);
		fclose(f);
		free(out);
	}
	{
		struct csv_writer_options o = { TEXT_ENC_UTF16LE, true, 0 };

		ok(csv_writer_new(stdout, &o) == NULL, "UTF-16 is not written");
	}
}

/* Random cells of awkward characters survive writer then reader. */
/* A cell written by another program into the database: what would act
 * on a terminal (ESC, C1 CSI, bidi overrides) goes out as U+FFFD, the
 * record says so, and line breaks inside a cell stay as Excel wants them. */
static void test_writer_controls(void)
{
	char *out = NULL, *s;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct csv_writer_options o = { TEXT_ENC_UTF8, true, 0 };
	struct csv_writer *w = csv_writer_new(f, &o);
	int rc[3];
	int lossy;

	csv_write_field(w, "\x1b]52;c;SGVsbG8=\x07张三", 0);
	csv_write_field(w, "a\xC2\x9B" "2Jb", 0);
	csv_write_field(w, "\xE2\x80\xAE" "abc", 0);
	rc[0] = csv_write_end(w);
	csv_write_field(w, "line 1\r\nline 2\tend", 0);
	csv_write_field(w, "一\xE2\x80\x8B组", 0);
	rc[1] = csv_write_end(w);
	csv_write_field(w, "=\x1b[2J", CSV_TEXT);
	csv_write_field(w, "\xff", 0);
	rc[2] = csv_write_end(w);
	csv_writer_close(w);
	fclose(f);
	is_str(out, "\xEF\xBF\xBD]52;c;SGVsbG8=\xEF\xBF\xBD张三,a\xEF\xBF\xBD" "2Jb,\xEF\xBF\xBD" "abc\r\n"
	       "\"line 1\r\nline 2\tend\",一\xE2\x80\x8B组\r\n"
	       "=\"=\xEF\xBF\xBD[2J\",\xEF\xBF\xBD\r\n",
	       "controls and bidi as U+FFFD; CR LF and tab in a cell, zero width kept");
	ok(!memchr(out, 0x1b, len), "no ESC byte in the file");
	ok(!strstr(out, "\xC2\x9B") && !strstr(out, "\xE2\x80\xAE"), "no C1 CSI, no RLO");
	is_int(rc[0], CSV_WROTE_REPLACED, "the record says it had characters replaced");
	is_int(rc[1], 0, "a clean record says nothing");
	is_int(rc[2], CSV_WROTE_REPLACED, "a text cell and a bad byte too");
	free(out);

	{
		static const char *const c[] = { "𠮷\x1b", "b" };

		s = write_rows(TEXT_ENC_GBK, false, c, NULL, 2, 2, &lossy);
		is_str(s, "??,b\n", "GBK: U+FFFD is a '?' there");
		is_int(lossy, 0, "(write_rows counts records that are only lossy)");
		free(s);
	}
}

static void test_round_trip(void)
{
	static const char *const bits[] = {
		"a", ",", "\"", "\n", "\r\n", "=", "张", "𠮷", " ", "·", "\"\"", "=\"",
	};
	struct csv_options o = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	unsigned seed = 12345;
	int bad = 0;

	for (int round = 0; round < 300; round++) {
		char cells[6][64];
		const char *ptr[6];
		unsigned flags[6];
		char *s;
		struct csv_reader *r;
		struct csv_record rec;
		int lossy;

		for (int c = 0; c < 6; c++) {
			int k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 6;

			cells[c][0] = '\0';
			for (int i = 0; i < k; i++)
				strcat(cells[c], bits[((seed = seed * 1103515245u + 12345u) >> 16) % 12]);
			ptr[c] = cells[c];
			flags[c] = (seed >> 20) & 1 ? CSV_TEXT : 0;
		}
		/* a record of only empty cells would be read as nothing */
		strcat(cells[0], "x");
		s = write_rows(TEXT_ENC_GB18030, true, ptr, flags, 6, 6, &lossy);
		r = csv_reader_mem(s, strlen(s), &o);
		if (csv_read(r, &rec) != 1 || rec.count != 6) {
			bad++;
		} else {
			for (int c = 0; c < 6; c++)
				if (strcmp(rec.fields[c].text, cells[c]) != 0) {
					bad++;
					tap_diag("round %d cell %d: '%s' came back as '%s'",
					         round, c, cells[c], rec.fields[c].text);
					break;
				}
		}
		csv_reader_free(r);
		free(s);
	}
	is_int(bad, 0, "300 records of awkward cells survive GB18030 write and read");
}

/* csv_reader_offset follows the records returned, not the reading ahead:
 * 6 000 lines of GB18030 (over 100 KB, so the reader reads far ahead of
 * the first record), each the same number of bytes. */
static void test_offset(void)
{
	struct csv_options o = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	const char *line = "张三丰,男,110105198001010016,第一党小组\r\n";
	size_t n = 6000, ulen = strlen(line), glen, len, worst = 0, k = 0;
	char *u = malloc(n * ulen + 1), *gb = NULL;
	struct csv_reader *r;
	struct csv_record rec;
	bool monotone = true;
	size_t last = 0;

	for (size_t i = 0; i < n; i++)
		memcpy(u + i * ulen, line, ulen);
	u[n * ulen] = 0;
	if (text_convert("UTF-8", "GB18030", u, n * ulen, &gb, &len, NULL) != 0) {
		ok(false, "offset: the test file converts to GB18030");
		free(u);
		return;
	}
	glen = len / n;
	r = csv_reader_mem(gb, len, &o);
	is_int(csv_reader_offset(r), 0, "offset: 0 before the first record");
	while (csv_read(r, &rec) == 1) {
		size_t at = csv_reader_offset(r), want = ++k * glen;
		size_t off = at > want ? at - want : want - at;

		if (off > worst)
			worst = off;
		if (at < last)
			monotone = false;
		last = at;
	}
	is_int(k, n, "offset: every record read");
	ok(worst <= glen, "offset: within a line of the record's end all through a 6 000-line "
	   "GB18030 file (worst %zu bytes, a line is %zu)", worst, glen);
	ok(monotone, "offset: it never goes back");
	is_int(csv_reader_offset(r), len, "offset: the whole file at the end");
	csv_reader_free(r);

	/* A BOM counts as read. */
	r = csv_reader_mem("\xEF\xBB\xBF" "a,b\n", 7, &o);
	while (csv_read(r, &rec) == 1)
		;
	is_int(csv_reader_offset(r), 7, "offset: a BOM is part of the file read");
	csv_reader_free(r);
	free(gb);
	free(u);
}

int main(void)
{
	test_reads();
	test_excel_text();
	test_delimiters();
	test_encodings();
	test_damage();
	test_limits();
	test_trickle();
	test_rewind();
	test_writer();
	test_writer_controls();
	test_round_trip();
	test_offset();
	return tap_done();
}
