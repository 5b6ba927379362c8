/* gencsv.c - a fictitious roster of N members as a CSV with the Chinese
 * headers of SPEC 1.1, in UTF-8 (convert it for the GB18030 figures).
 * Every row is valid: the benchmark measures a full, successful import.
 *
 * Usage: gencsv N SEED > roster.csv
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "field.h"
#include "member.h"

/* One cell, quoted when it must be (RFC 4180). */
static void cell(const char *s, int first)
{
	if (!first)
		putchar(',');
	if (strpbrk(s, ",\"\r\n")) {
		putchar('"');
		for (; *s; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
	} else {
		fputs(s, stdout);
	}
}

/* ID numbers given out so far: an open-addressing set. */
static char (*ids)[19];
static size_t ids_cap;

static int id_taken(const char *id)
{
	size_t h = 5381, i;

	for (i = 0; id[i]; i++)
		h = h * 33 + (unsigned char)id[i];
	for (i = h % ids_cap; ids[i][0]; i = (i + 1) % ids_cap)
		if (strcmp(ids[i], id) == 0)
			return 1;
	memcpy(ids[i], id, 18);
	ids[i][18] = 0;
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const groups[] = {
		"第一党小组", "第二党小组", "第三党小组", "离退休党小组", "在职党员党小组",
	};
	const struct field *f;
	struct demo_rng rng;
	struct member m;
	long n, i;

	if (argc != 3) {
		fprintf(stderr, "usage: gencsv N SEED\n");
		return 2;
	}
	n = atol(argv[1]);
	ids_cap = (size_t)n * 2 + 16;
	ids = calloc(ids_cap, sizeof *ids);
	if (!ids)
		return 1;
	demo_seed(&rng, (uint64_t)atoll(argv[2]));
	for (f = member_fields; f->key; f++)
		cell(f->header, f == member_fields);
	putchar('\n');
	for (i = 0; i < n; i++) {
		/* a run this long may repeat an ID number: draw another */
		do
			demo_member(&rng, "2026-06-15", groups, 5, &m);
		while (id_taken(m.id_number));
		for (f = member_fields; f->key; f++)
			cell(FIELD_VALUE(&m, f), f == member_fields);
		putchar('\n');
	}
	return 0;
}
