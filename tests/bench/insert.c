/* insert.c - times adding N fictitious members in one transaction through
 * the store, as an import does: the figure behind SPEC 7's import budget.
 *
 * Usage: insert DB N [noaudit]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "demo.h"
#include "registers.h"
#include "store.h"
#include "store_member.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static const char *const groups[] = { "第一党小组", "第二党小组", "离退休党小组" };
	struct demo_rng rng;
	struct member *m;
	struct db *db;
	char err[256];
	double t0, t1, t2;
	long n, i, dup = 0;

	registers_init();
	if (argc < 3 || db_open(argv[1], DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		fprintf(stderr, "usage: insert DB N [noaudit]\n");
		return 2;
	}
	n = atol(argv[2]);
	if (argc > 3 && strcmp(argv[3], "noaudit") == 0)
		db_set_audit(db, false);
	m = malloc((size_t)n * sizeof *m);
	demo_seed(&rng, 42);
	t0 = now_s();
	for (i = 0; i < n; i++)
		demo_member(&rng, "2026-06-15", groups, 3, &m[i]);
	t1 = now_s();
	if (getenv("CACHE_KB")) {
		char pragma[64];

		snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%s", getenv("CACHE_KB"));
		sqlite3_exec(db_handle(db), pragma, NULL, NULL, NULL);
	}
	db_begin(db);
	for (i = 0; i < n; i++) {
		int rc = store_member_insert(db, &m[i]);

		if (rc == DB_DUPLICATE)
			dup++;
		else if (rc != DB_OK) {
			fprintf(stderr, "insert: %s\n", db_errmsg(db));
			return 1;
		}
	}
	db_commit(db);
	t2 = now_s();
	printf("generate %.3f s, insert %.3f s (%.1f us/row), %ld duplicates\n",
	       t1 - t0, t2 - t1, (t2 - t1) * 1e6 / (double)n, dup);
	db_close(db);
	free(m);
	return 0;
}
