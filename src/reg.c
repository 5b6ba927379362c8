/* reg.c - the list of registers: the only place that names them all. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "reg.h"
#include "report.h"
#include "store.h"

const struct reg *const registers[] = {
	&reg_member,
	&reg_flows,
	NULL,
};

const struct reg_setting *reg_setting_find(const char *key)
{
	for (size_t i = 0; registers[i]; i++)
		for (const struct reg_setting *s = registers[i]->settings; s && s->key; s++)
			if (strcmp(s->key, key) == 0)
				return s;
	return NULL;
}

const struct reg *reg_find(const char *table)
{
	for (size_t i = 0; registers[i]; i++)
		if (strcmp(registers[i]->table, table) == 0)
			return registers[i];
	return NULL;
}

/* The registers' names that NAME_OF gives (NULL: none), ", " between
 * them, into BUF (SZ bytes); cut at a whole name. */
static void names_of(char *buf, size_t sz, const char *(*name_of)(const struct reg *r))
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; registers[i]; i++) {
		const char *name = name_of(registers[i]);
		int n;

		if (!name)
			continue;
		n = snprintf(buf + len, sz - len, "%s%s", len ? ", " : "", name);
		if (n < 0 || (size_t)n >= sz - len)
			break;
		len += (size_t)n;
	}
}

static const char *io_name(const struct reg *r)
{
	return r->io ? r->table : NULL;
}

void reg_io_names(char *buf, size_t sz)
{
	names_of(buf, sz, io_name);
}

const struct io_table *reg_io_find(const char *table)
{
	const struct reg *r = reg_find(table);

	return r ? r->io : NULL;
}

const struct report_def *reg_report_find(const char *name)
{
	for (size_t i = 0; registers[i]; i++)
		if (registers[i]->report && strcmp(registers[i]->report->name, name) == 0)
			return registers[i]->report;
	return NULL;
}

static const char *report_name(const struct reg *r)
{
	return r->report ? r->report->name : NULL;
}

void reg_report_names(char *buf, size_t sz)
{
	names_of(buf, sz, report_name);
}

bool registers_empty(struct db *db)
{
	for (size_t i = 0; registers[i]; i++) {
		int64_t n = 0;

		if (registers[i]->store &&
		    (store_count(db, registers[i]->store, &n) != DB_OK || n > 0))
			return false;
	}
	return true;
}
