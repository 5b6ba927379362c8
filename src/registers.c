/* registers.c - every register's parts handed to the layers below, in
 * one place that every program goes through (registers.h).
 */
#include "config.h"

#include <stddef.h>

#include "db.h"
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

/* In the order of registers[]: "zhibu check" reports in this order. */
void registers_init(void)
{
	for (size_t i = 0; registers[i]; i++)
		if (registers[i]->db)
			db_extras_add(registers[i]->db);
	db_extras_add(&later_db_extras);
}
