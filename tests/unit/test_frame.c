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

#include "choice.h"
#include "csv.h"
#include "db.h"
#include "demo.h"
#include "field.h"
#include "io.h"
#include "query.h"
#include "reg.h"
#include "registers.h"
#include "screen_reg.h"
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

/* R as a reference field's register (screen_ref.c): three records, two
 * of them namesakes, offered by labels that tell them apart; a label
 * finds its record's key and a key its label; the plain name takes the
 * one record that has it and leaves namesakes to be chosen. */
static void references(const struct reg *r)
{
	struct db *db = mem_db();
	struct demo_rng rng;
	const struct field *nf = field_find(r->fields, r->screen->name_field);
	struct reg_refs *refs = calloc(1, sizeof *refs);
	void *rec = calloc(1, r->store->size);
	char name[3][64], label[REG_REF_LABEL];
	int64_t key[3], k;
	int found[4];

	demo_seed(&rng, 23);
	for (int i = 0; i < 3; i++) {
		r->sample(&rng, TODAY, rec);
		if (i == 2)
			snprintf(FIELD_VALUE(rec, nf), nf->size, "%s", name[1]);
		snprintf(name[i], sizeof name[i], "%s", FIELD_VALUE(rec, nf));
		is_int(store_insert(db, r->store, rec), DB_OK, "%s: record %d stored", r->table, i);
		key[i] = *rec_i64(r, rec, r->store->id);
	}
	is_int(reg_ref_find(db, r, "", refs), DB_OK, "%s: the records offered", r->table);
	is_int(refs->n, 3, "%s: all three, whatever the list shows by default", r->table);
	for (int i = 0; i < refs->n; i++) {
		for (int j = 0; j < i; j++)
			ok(strcmp(refs->label[i], refs->label[j]) != 0,
			   "%s: labels %d and %d differ (%s)", r->table, i, j, refs->label[i]);
		is_str(refs->aliases[i][0], refs->name[i], "%s: label %d is also its name",
		       r->table, i);
		is_int(reg_ref_label(db, r, refs->key[i], label, sizeof label), DB_OK,
		       "%s: the label of key %lld", r->table, (long long)refs->key[i]);
		is_str(label, refs->label[i], "%s: is the label offered", r->table);
		is_int(reg_ref_key(db, r, refs->label[i], &k), DB_OK,
		       "%s: label %d finds a record", r->table, i);
		ok(k == refs->key[i], "%s: its own", r->table);
	}
	is_int(choice_find(refs->labels, refs->aliases, refs->n, name[0], false, found, 4), 1,
	       "%s: the name of one record takes it", r->table);
	ok(refs->key[found[0]] == key[0], "%s: the right one", r->table);
	is_int(choice_find(refs->labels, refs->aliases, refs->n, name[1], false, found, 4), 2,
	       "%s: a name two records share is theirs to choose between", r->table);
	is_int(reg_ref_find(db, r, name[0], refs), DB_OK, "%s: found by its name", r->table);
	ok(refs->n >= 1 && refs->key[0] == key[0], "%s: offered first", r->table);
	is_int(reg_ref_key(db, r, "无此人（№999999）", &k), DB_NOTFOUND,
	       "%s: a label of no record finds none", r->table);
	is_int(reg_ref_label(db, r, 999999, label, sizeof label), DB_NOTFOUND,
	       "%s: a key of no record has no label", r->table);
	free(rec);
	free(refs);
	db_close(db);
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
		if (r->screen && r->query)
			references(r);
	}
	return tap_done();
}
