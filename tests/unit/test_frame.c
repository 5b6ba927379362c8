/* test_frame.c - the frame under every register, walked over registers[]:
 * a sample record passes the register's rules, is stored and read back
 * equal, is found by its list's query, refuses an update from an old
 * version, and a branch of them survives export and import byte for byte
 * with "zhibu check" finding nothing.  A register added to the registry
 * is tested here without a line of its own. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "db.h"
#include "demo.h"
#include "field.h"
#include "io.h"
#include "query.h"
#include "reg.h"
#include "registers.h"
#include "store.h"
#include "tap.h"
#include "testlib.h"

#define TODAY "2026-06-15"
#define SAMPLES 40

static int64_t *rec_i64(const struct reg *r, void *rec, size_t off)
{
	(void)r;
	return (int64_t *)((char *)rec + off);
}

/* Every field of A and B the same. */
static bool same_fields(const struct reg *r, const void *a, const void *b, const char **which)
{
	for (const struct field *f = r->fields; f->key; f++)
		if (strcmp(FIELD_VALUE(a, f), FIELD_VALUE(b, f)) != 0) {
			*which = f->key;
			return false;
		}
	return true;
}

/* A sample of R that its rules accept, stored. */
static void sample_stored(struct db *db, const struct reg *r, struct demo_rng *rng, void *rec)
{
	struct field_problem p[32];
	int n;

	r->sample(rng, TODAY, rec);
	n = r->io->check(rec, TODAY, p, 32);
	if (n)
		tap_diag("%s: sample refused: %s %s", r->table, p[0].field, p[0].reason);
	ok(n == 0, "%s: a sample passes the register's rules", r->table);
	is_int(store_insert(db, r->store, rec), DB_OK, "%s: stored", r->table);
}

static void one_record(const struct reg *r)
{
	struct db *db = mem_db();
	struct demo_rng rng;
	void *rec = calloc(1, r->store->size), *back = calloc(1, r->store->size);
	const char *which = "";
	struct query q;
	int64_t n;

	demo_seed(&rng, 11);
	sample_stored(db, r, &rng, rec);
	ok(*rec_i64(r, rec, r->store->id) != 0 && *rec_i64(r, rec, r->store->version) == 1,
	   "%s: it has a key and version 1", r->table);
	is_int(store_get(db, r->store, *rec_i64(r, rec, r->store->id), back), DB_OK,
	       "%s: read back by its key", r->table);
	ok(same_fields(r, rec, back, &which), "%s: every field read back equal (%s)",
	   r->table, which);

	query_all(r->query, &q);
	n = query_count(db, r->query, &q);
	is_int((int)n, 1, "%s: its list's query counts it", r->table);

	/* someone else saves first: the old version is refused */
	is_int(store_update(db, r->store, back), DB_OK, "%s: an update", r->table);
	is_int(store_update(db, r->store, rec), DB_CONFLICT,
	       "%s: an update from the old version is a conflict", r->table);
	is_int((int)*rec_i64(r, rec, r->store->version), 1,
	       "%s: and claims no new version", r->table);
	free(rec);
	free(back);
	db_close(db);
}

static char *export_all(struct db *db, const struct reg *r, size_t *len)
{
	char *out = NULL;
	FILE *f = open_memstream(&out, len);
	struct csv_writer_options wo = { TEXT_ENC_GB18030, true, ',' };
	struct csv_writer *w = csv_writer_new(f, &wo);
	struct query all;
	struct io_export_options eo = { &all, false, NULL, NULL, NULL };
	struct io_export_result res;

	query_all(r->query, &all);
	is_int(io_export(db, r->io, w, &eo, &res), 0, "%s: exported", r->table);
	csv_writer_close(w);
	fclose(f);
	return out;
}

static void problem(void *ctx, const char *msgid, const char *detail)
{
	int *n = ctx;

	tap_diag("check: %s %s", msgid, detail ? detail : "");
	(*n)++;
}

static void round_trip(const struct reg *r)
{
	struct db *a = mem_db(), *b = mem_db();
	struct csv_options co = { TEXT_ENC_UNKNOWN, 0, true, 0 };
	struct io_import_options io = { 0, NULL, NULL, NULL, NULL, NULL, NULL, 0 };
	struct io_import_result res;
	struct demo_rng rng;
	struct csv_reader *cr;
	void *rec = calloc(1, r->store->size);
	char *one, *two;
	size_t n1, n2;
	int problems = 0;

	demo_seed(&rng, 23);
	for (int i = 0; i < SAMPLES; i++) {
		memset(rec, 0, r->store->size);
		/* an ID number drawn twice is refused by the store: fewer go in */
		struct field_problem p[32];

		r->sample(&rng, TODAY, rec);
		if (r->io->check(rec, TODAY, p, 32) == 0)
			store_insert(a, r->store, rec);
	}
	one = export_all(a, r, &n1);
	cr = csv_reader_mem(one, n1, &co);
	is_int(io_import(b, r->io, cr, &io, &res), IO_OK, "%s: its export imports", r->table);
	csv_reader_free(cr);
	ok(res.accepted > SAMPLES / 2, "%s: %lu records went across", r->table,
	   (unsigned long)res.accepted);
	two = export_all(b, r, &n2);
	ok(n1 == n2 && memcmp(one, two, n1) == 0,
	   "%s: exported again, the same bytes (%zu and %zu)", r->table, n1, n2);
	is_int(db_check(b, problem, &problems), DB_OK, "%s: zhibu check runs", r->table);
	is_int(problems, 0, "%s: and finds nothing wrong", r->table);
	free(one);
	free(two);
	free(rec);
	db_close(a);
	db_close(b);
}

int main(void)
{
	registers_init();
	for (size_t i = 0; registers[i]; i++) {
		const struct reg *r = registers[i];

		if (!r->sample || !r->io) {
			ok(0, "%s: a register has a sample and an import", r->table);
			continue;
		}
		one_record(r);
		round_trip(r);
	}
	return tap_done();
}
