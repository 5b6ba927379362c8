/* reg.c - the list of registers: the only place that names them all. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "reg.h"
#include "report.h"
#include "store.h"

const struct reg *const registers[] = {
	&reg_member,
	NULL,
};

const struct reg *reg_find(const char *table)
{
	for (size_t i = 0; registers[i]; i++)
		if (strcmp(registers[i]->table, table) == 0)
			return registers[i];
	return NULL;
}

void reg_io_names(char *buf, size_t sz)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; registers[i]; i++) {
		int n;

		if (!registers[i]->io)
			continue;
		n = snprintf(buf + len, sz - len, "%s%s", len ? ", " : "", registers[i]->table);
		if (n < 0 || (size_t)n >= sz - len)
			break;
		len += (size_t)n;
	}
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

void reg_report_names(char *buf, size_t sz)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; registers[i]; i++) {
		int n;

		if (!registers[i]->report)
			continue;
		n = snprintf(buf + len, sz - len, "%s%s", len ? ", " : "",
		             registers[i]->report->name);
		if (n < 0 || (size_t)n >= sz - len)
			break;
		len += (size_t)n;
	}
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
