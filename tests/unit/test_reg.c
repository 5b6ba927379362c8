/* test_reg.c - every register as the registry describes it: its table
 * and fields are real, its choice lists are the schema's CHECK lists, its
 * menu digit its own. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"
#include "field.h"
#include "io.h"
#include "query.h"
#include "reg.h"
#include "screen_reg.h"
#include "registers.h"
#include "report.h"
#include "store.h"
#include "tap.h"
#include "validate.h"

/* The columns of TABLE, as " a b c " for strstr. */
static void columns_of(sqlite3 *h, const char *table, char *out, size_t sz)
{
	sqlite3_stmt *st;

	snprintf(out, sz, " ");
	sqlite3_prepare_v2(h, "SELECT name FROM pragma_table_info(?1)", -1, &st, NULL);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out + strlen(out), sz - strlen(out), "%s ",
		         (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The values the CHECK of TABLE lists for column KEY ("key = 'v' OR key
 * = 'w'"), sorted and joined by '|' into OUT; false if it lists none. */
static bool check_values(sqlite3 *h, const char *table, const char *key, char *out,
                         size_t sz)
{
	char pat[64], *vals[64];
	const char *sql, *p;
	sqlite3_stmt *st;
	int n = 0;
	bool found;

	sqlite3_prepare_v2(h, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
	                   -1, &st, NULL);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return false;
	}
	sql = (const char *)sqlite3_column_text(st, 0);
	snprintf(pat, sizeof pat, "%s = '", key);
	for (p = strstr(sql, pat); p && n < 64; p = strstr(p, pat)) {
		const char *v = p + strlen(pat), *e = strchr(v, '\'');

		/* a comparison of this column, not the tail of another's name */
		if (p > sql && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z'))) {
			p = v;
			continue;
		}
		if (!e)
			break;
		vals[n++] = strndup(v, (size_t)(e - v));
		p = e;
	}
	sqlite3_finalize(st);
	found = n > 0;
	qsort(vals, (size_t)n, sizeof *vals, cmp_str);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		/* a value named again by another CHECK of the table counts once */
		if (i == 0 || strcmp(vals[i], vals[i - 1]) != 0)
			snprintf(out + strlen(out), sz - strlen(out), "%s%s", i ? "|" : "",
			         vals[i]);
	}
	for (int i = 0; i < n; i++)
		free(vals[i]);
	return found;
}

/* The values FIELD offers, sorted and joined as check_values gives them. */
static void field_values(const struct field *f, char *out, size_t sz)
{
	const char *vals[64];
	size_t n = 0;

	for (const struct choice *c = f->choices; c->value && n < 64; c++)
		vals[n++] = c->value;
	qsort(vals, n, sizeof *vals, cmp_str);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), sz - strlen(out), "%s%s", i ? "|" : "", vals[i]);
}

/* The conversions of printf format FMT, as "lld s s " ("" for none). */
static void conversions(const char *fmt, char *out, size_t sz)
{
	size_t n = 0;

	out[0] = '\0';
	for (const char *p = fmt; p && *p; p++) {
		if (*p != '%')
			continue;
		if (*++p == '%')
			continue;
		while (*p && strchr("hlzjt", *p) && n + 2 < sz)
			out[n++] = *p++;
		if (*p && n + 2 < sz) {
			out[n++] = *p;
			out[n++] = ' ';
		}
		out[n] = '\0';
	}
}

/* A register's words are formats the generic screens fill with fixed
 * arguments (screen_reg.c's say): each must take exactly those. */
static void words_conversions(const struct reg *r)
{
	const struct reg_words *w = r->screen->words;
	const struct { const char *what, *fmt, *want; } cases[] = {
		{ "list_title", w->list_title, "" },
		{ "add_title", w->add_title, "" },
		{ "edit_title", w->edit_title, "" },
		{ "add_kept", w->add_kept, "" },
		{ "edit_kept", w->edit_kept, "" },
		{ "page_title", w->page_title, "s " },
		{ "count", w->count, "lld s s " },
		{ "count_unknown", w->count_unknown, "s s " },
		{ "no_match", w->no_match, "s " },
		{ "empty", w->empty, "" },
		{ "read_failed", w->read_failed, "s " },
		{ "gone", w->gone, "" },
		{ "kept_gone", w->kept_gone, "" },
		{ "conflict", w->conflict, "s s s " },
		{ "changed", w->changed, "" },
		{ "not_saved", w->not_saved, "" },
		{ "search_hint", w->search_hint, "" },
		{ "help", w->help, "" },
		{ "io_import", w->io_import, "" },
		{ "io_export", w->io_export, "" },
		{ "io_print", w->io_print, "" },
		{ "import_title", w->import_title, "" },
		{ "import_update", w->import_update, "" },
		{ "not_a_field", w->not_a_field, "u s " },
		{ "correct_days", w->correct_days, "" },
		{ "stored", w->stored, "lu lu " },
		{ "unchanged", w->unchanged, "lu " },
		{ "exported", w->exported, "lu s " },
		{ "exported_replaced", w->exported_replaced, "lu s lu " },
		{ "exported_lossy", w->exported_lossy, "lu s lu " },
		{ "printed", w->printed, "u lu s " },
		{ "file_name", w->file_name, "" },
		{ "report_menu", w->report_menu, "" },
	};
	char got[64];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ok(cases[i].fmt != NULL, "%s: says %s", r->table, cases[i].what);
		conversions(cases[i].fmt, got, sizeof got);
		is_str(got, cases[i].want, "%s: %s takes what the screens pass", r->table,
		       cases[i].what);
		/* the translation takes the same (msgfmt -c checks the catalog) */
	}
}

int main(void)
{
	char err[256], cols[4096], want[1024], got[1024];
	bool digit_used[10] = { false };
	struct db *db;
	sqlite3 *h;

	registers_init();
	if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) != DB_OK) {
		ok(0, "open a database (%s)", err);
		return tap_done();
	}
	h = db_handle(db);
	ok(registers[0] != NULL, "there is at least one register");
	for (size_t i = 0; registers[i]; i++) {
		const struct reg *r = registers[i];

		ok(reg_find(r->table) == r, "%s: found by its table", r->table);
		columns_of(h, r->table, cols, sizeof cols);
		ok(strlen(cols) > 1, "%s: a table of the schema", r->table);
		ok(r->fields && r->fields[0].key, "%s: has fields", r->table);
		for (const struct field *f = r->fields; f && f->key; f++) {
			char key[80], ref[80];

			/* a reference to another table is stored as KEY_id */
			snprintf(key, sizeof key, " %s ", f->key);
			snprintf(ref, sizeof ref, " %s_id ", f->key);
			ok(strstr(cols, key) || strstr(cols, ref),
			   "%s.%s: a real column", r->table, f->key);
			if (f->type != F_CHOICE)
				continue;
			if (!check_values(h, r->table, f->key, got, sizeof got)) {
				/* a choice the schema does not list (民族: 56 names) */
				ok(1, "%s.%s: no CHECK list in the schema", r->table, f->key);
				continue;
			}
			/* '' in the list sorts first: an optional value */
			if (got[0] == '|') {
				ok(!(f->flags & FIELD_REQUIRED),
				   "%s.%s: the schema lets it be empty, and so does the field",
				   r->table, f->key);
				memmove(got, got + 1, strlen(got));
			}
			field_values(f, want, sizeof want);
			is_str(got, want, "%s.%s: the schema's CHECK lists the field's choices",
			       r->table, f->key);
		}
		if (r->io) {
			is_str(r->io->name, r->table, "%s: imports and exports as its table", r->table);
			ok(r->io->store == r->store && r->io->query == r->query,
			   "%s: import and export go through its store and its query",
			   r->table);
		}
		if (r->report)
			ok(r->report->table == r->io, "%s: its ledger prints its rows", r->table);
		ok(r->menu_digit >= 0 && r->menu_digit <= 4 &&
		   (r->menu_digit == 0 || !digit_used[r->menu_digit]),
		   "%s: menu digit %d is one of 1-4 (SPEC 2) and its own", r->table,
		   r->menu_digit);
		digit_used[r->menu_digit] = true;
		ok(r->screen && r->query && r->query->store == r->store,
		   "%s: a list and a record's page, over its own store", r->table);
		if (r->screen)
			words_conversions(r);
		ok(r->store && r->store->fields == r->fields &&
		   strcmp(r->store->table, r->table) == 0,
		   "%s: stored in its table by its fields", r->table);
	}
	ok(reg_find("no_such_table") == NULL, "an unknown table is no register");
	db_close(db);
	return tap_done();
}
