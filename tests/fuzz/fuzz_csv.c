/* fuzz_csv.c - libFuzzer target: encoding detection and conversion, the
 * CSV reader (detected and forced encodings, every delimiter), the writer
 * and, for some inputs, a whole dry-run import of the roster with its
 * validators.  Built by ./configure --enable-fuzz (clang); run as
 *   tests/fuzz/fuzz_csv -max_total_time=60 [corpus dir]
 * Nothing may crash, leak or read out of bounds, every cell handed out
 * must be NUL-terminated valid text of the length given, and the reader's
 * offset only moves forward within the input.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "db.h"
#include "io.h"
#include "io_member.h"
#include "registers.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_record(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->count; i++) {
		const struct csv_field *f = &rec->fields[i];

		if (strlen(f->text) != f->len)
			abort();
		/* a cell without a mark is UTF-8 the database may take */
		if (!f->bad && !text_utf8_valid(f->text, f->len))
			abort();
	}
}

/* Read everything R (over SIZE bytes) gives, writing the cells back
 * through a GBK writer.  The offset never goes back nor past the end. */
static void read_all(struct csv_reader *r, size_t size)
{
	struct csv_record rec;
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	struct csv_writer_options wo = { TEXT_ENC_GBK, true, 0 };
	struct csv_writer *w = f ? csv_writer_new(f, &wo) : NULL;
	int records = 0;
	size_t at = 0;

	while (csv_read(r, &rec) == 1 && records++ < 10000) {
		check_record(&rec);
		if (csv_reader_offset(r) < at || csv_reader_offset(r) > size)
			abort();
		at = csv_reader_offset(r);
		for (size_t i = 0; w && i < rec.count; i++)
			if (!rec.fields[i].bad)
				csv_write_field(w, rec.fields[i].text, i % 2 ? CSV_TEXT : 0);
		if (w)
			csv_write_end(w);
	}
	csv_reader_error(r, NULL);
	csv_writer_close(w);
	if (f)
		fclose(f);
	free(out);
}

static void import_dry(const uint8_t *data, size_t size)
{
	static struct db *db;
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct io_import_options o = { IO_DRY_RUN, "2026-06-15", NULL, NULL, NULL, NULL,
	                               NULL, 0 };
	struct io_import_result res;
	struct csv_reader *r;
	char err[256];

	if (!db) {
		registers_init();
		if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK)
			return;
	}
	r = csv_reader_mem((const char *)data, size, &co);
	if (r) {
		io_import(db, &io_member_table, r, &o, &res);
		csv_reader_free(r);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum text_encoding forced[] = {
		TEXT_ENC_UTF8, TEXT_ENC_UTF16LE, TEXT_ENC_UTF16BE,
		TEXT_ENC_GB18030, TEXT_ENC_GBK,
	};
	static const char delims[] = { 0, ',', ';', '\t' };
	const char *s = (const char *)data;
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 64 * 1024 };
	struct csv_reader *r;
	char *out = NULL, *copy;
	size_t outlen;

	csv_detect(s, size, true);
	csv_detect(s, size / 2, false);
	if (text_to_utf8(TEXT_ENC_UNKNOWN, s, size, &out, &outlen, NULL) == 0)
		free(out);

	/* as detected */
	r = csv_reader_mem(s, size, &co);
	if (r) {
		read_all(r, size);
		csv_reader_free(r);
	}
	/* forced, with the first byte choosing how */
	if (size > 0) {
		co.encoding = forced[data[0] % 5];
		co.delimiter = delims[(data[0] >> 3) % 4];
		co.excel_text = (data[0] >> 5) & 1;
		r = csv_reader_mem(s + 1, size - 1, &co);
		if (r) {
			read_all(r, size - 1);
			csv_reader_free(r);
		}
	}
	/* Excel's text cells on their own */
	copy = malloc(size + 1);
	if (copy) {
		size_t len = size;

		memcpy(copy, data, size);
		copy[size] = '\0';
		len = strlen(copy);
		csv_unwrap_text(copy, &len);
		if (len > size)
			abort();
		free(copy);
	}
	/* the whole import, for a share of the inputs */
	if (size > 0 && (data[size - 1] & 3) == 0)
		import_dry(data, size);
	return 0;
}
