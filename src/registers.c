/* registers.c - every register's parts handed to the layers below, in
 * one place that every program goes through (registers.h).
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "db.h"
#include "field.h"
#include "gettext.h"
#include "store.h"
#include "reg.h"
#include "registers.h"

/* The tables of the registers whose screens are still to come
 * (residents, volunteers) are in the schema already, and "zhibu
 * check" keeps their names' sort keys and their ID numbers honest.  Each
 * part moves into its register's file when that is written. */
static const struct db_check_query later_name_keys[] = {
	{ "residents", "SELECT id, name, name_strokes, name_pinyin, name_initials,"
	  " name_pinyin_key FROM residents" },
	{ "volunteers", "SELECT id, name, name_strokes, name_pinyin, name_initials,"
	  " name_pinyin_key FROM volunteers" },
	{ NULL, NULL },
};

static const struct db_extras later_db_extras = {
	.name_keys = later_name_keys,
};

/* The lengths the field tables allow, as rules of "zhibu check": a
 * text written by another program (the sqlite3 shell) longer than its
 * field would be shown cut by the screens, the exports and the ledgers,
 * whose buffers are the field's, and an export imported again would
 * store it cut. */
#define LENGTH_RULES 32           /* registers */
#define LENGTH_SQL 2048
static struct db_check_rule length_rules[LENGTH_RULES + 1];
static char length_sql[LENGTH_RULES][LENGTH_SQL];
static const struct db_extras length_extras = { .rules = length_rules };

/* One scan of each register's table: the rows with any text over its
 * field's length. */
static void length_rules_make(void)
{
	size_t n = 0;

	if (length_rules[0].msgid)
		return;
	for (size_t i = 0; registers[i] && n < LENGTH_RULES; i++) {
		const struct reg *r = registers[i];
		char *sql = length_sql[n];
		size_t len;
		bool any = false;

		if (!r->store)
			continue;
		/* table and column names from the field tables; no value */
		len = (size_t)snprintf(sql, LENGTH_SQL, "SELECT id FROM \"%s\" WHERE 0",
		                       r->store->table);
		for (const struct field *f = r->fields; f->key && len < LENGTH_SQL; f++) {
			if (f->maxchars <= 0 || (f->type != F_TEXT && f->type != F_NAME &&
			                         f->type != F_NOTE))
				continue;
			len += (size_t)snprintf(sql + len, LENGTH_SQL - len,
			                        " OR length(\"%s\") > %d", f->key, f->maxchars);
			any = true;
		}
		if (!any || len >= LENGTH_SQL)
			continue;
		length_rules[n++] = (struct db_check_rule){
			N_("a text is longer than its field allows: the screens, the exports and the ledgers show it cut"),
			r->store->table, sql };
	}
}

/* In the order of registers[]: "zhibu check" reports in this order. */
void registers_init(void)
{
	for (size_t i = 0; registers[i]; i++)
		if (registers[i]->db)
			db_extras_add(registers[i]->db);
	length_rules_make();
	db_extras_add(&length_extras);
	db_extras_add(&later_db_extras);
}
