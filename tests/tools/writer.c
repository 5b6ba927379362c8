/* writer.c - a test tool: adds fictitious members to a database one
 * transaction at a time and prints each key once it is committed, so a
 * test can kill it at any moment and then check that every printed
 * (committed) member is there.
 *
 * Usage: writer DB COUNT SEED   (COUNT 0: until killed or an error)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "demo.h"
#include "registers.h"
#include "store.h"
#include "store_member.h"
#include "validate.h"

int main(int argc, char **argv)
{
	static const char *const groups[] = { "第一党小组", "第二党小组" };
	struct demo_rng rng;
	struct db *db;
	char err[256], today[11];
	long count, i;
	int rc;

	registers_init();
	if (argc != 4) {
		fprintf(stderr, "usage: writer DB COUNT SEED\n");
		return 2;
	}
	count = atol(argv[2]);
	demo_seed(&rng, (uint64_t)atoll(argv[3]));
	valid_today(today);
	if (db_open(argv[1], DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		fprintf(stderr, "writer: %s\n", err);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; count == 0 || i < count; i++) {
		struct member m;

		demo_member(&rng, today, groups, 2, &m);
		rc = db_begin(db);
		if (rc == DB_OK)
			rc = store_member_insert(db, &m);
		if (rc == DB_DUPLICATE) {
			db_rollback(db);
			continue;
		}
		if (rc == DB_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
		if (rc != DB_OK) {
			fprintf(stderr, "writer: %s\n", db_errmsg(db));
			db_close(db);
			return 1;
		}
		printf("%lld\n", (long long)m.id);
	}
	db_close(db);
	return 0;
}
