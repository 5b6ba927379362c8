/* formplan.c - a test tool: for every register on the start screen's
 * menu, what a test types into its add form to add one sample record,
 * in the order of the register's field table, with each field's label
 * as the form shows it in the current locale.  The TUI test of the frame
 * (tests/tui/frame.sh) fills the form from it, so that a register added
 * to the registry is driven without a line of its own.
 *
 * Output, one line each, tab-separated:
 *   register DIGIT TABLE NAME     the register, and the sample's name
 *   field LABEL VALUE             a field of the form and what to type
 *   shown LABEL VALUE             what its details page shows for it
 *
 * Usage: formplan SEED
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "field.h"
#include "gettext.h"
#include "io.h"
#include "reg.h"
#include "registers.h"
#include "screen_reg.h"
#include "store.h"

static void plan(const struct reg *r, unsigned long seed)
{
	const struct field *name = field_find(r->fields, r->screen->name_field);
	struct field_problem p[32];
	struct demo_rng rng;
	void *rec = calloc(1, r->store->size);
	char shown[1024];

	demo_seed(&rng, seed);
	r->sample(&rng, getenv("ZHIBU_TODAY"), rec);
	r->io->check(rec, getenv("ZHIBU_TODAY"), p, 32);
	printf("register\t%d\t%s\t%s\n", r->menu_digit, r->table, FIELD_VALUE(rec, name));
	for (const struct field *f = r->fields; f->key; f++) {
		if (f->flags & FIELD_NO_FORM)
			continue;
		/* a note's line breaks would end the line of the plan */
		if (strchr(FIELD_VALUE(rec, f), '\n'))
			*strchr(FIELD_VALUE(rec, f), '\n') = '\0';
		printf("field\t%s\t%s\n", _(f->label), FIELD_VALUE(rec, f));
		field_format(f, FIELD_VALUE(rec, f), shown, sizeof shown);
		printf("shown\t%s\t%s\n", _(f->label), shown);
	}
	free(rec);
}

int main(int argc, char **argv)
{
	const char *dir = getenv("ZHIBU_LOCALEDIR");

	if (argc != 2 || !getenv("ZHIBU_TODAY")) {
		fprintf(stderr, "usage: ZHIBU_TODAY=YYYY-MM-DD formplan SEED\n");
		return 2;
	}
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	registers_init();
	for (size_t i = 0; registers[i]; i++)
		if (registers[i]->menu_digit && registers[i]->screen && registers[i]->sample)
			plan(registers[i], strtoul(argv[1], NULL, 10));
	return 0;
}
