/* demodb.c - a test tool: the sample branch "zhibu --demo" opens (60
 * fictitious members, 张香𡈼 among them), written into a new database
 * without the screens.
 *
 * Usage: demodb DB [BRANCH]
 */
#include "config.h"

#include <stdio.h>

#include "db.h"
#include "demo.h"
#include "registers.h"
#include "validate.h"

int main(int argc, char **argv)
{
	struct db *db;
	char err[256], today[11];
	int rc;

	registers_init();
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: demodb DB [BRANCH]\n");
		return 2;
	}
	valid_today(today);
	if (db_open(argv[1], DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		fprintf(stderr, "demodb: %s\n", err);
		return 1;
	}
	/* the seed and the size of cmd_screens' demo */
	rc = demo_populate(db, 2026, 60, today);
	if (rc == DB_OK && argc == 3)
		rc = db_set_setting(db, "branch.name", argv[2]);
	if (rc != DB_OK)
		fprintf(stderr, "demodb: %s\n", db_errmsg(db));
	db_close(db);
	return rc == DB_OK ? 0 : 1;
}
