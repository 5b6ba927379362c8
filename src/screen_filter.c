/* screen_filter.c - a register's list filtered and ordered on screen: the
 * menus of f and o, and the filters said on the info line, for any
 * register's query (query.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "gettext.h"
#include "query.h"
#include "screens.h"
#include "store.h"
#include "validate.h"

#define PICK_MAX 130

/* The party groups, for the group filter's menu. */
struct groups {
	int n;
	int64_t id[PICK_MAX];
	char *name[PICK_MAX];
};

static void groups_add(void *ctx, int64_t id, const char *name, int64_t members)
{
	struct groups *g = ctx;

	(void)members;
	if (g->n < PICK_MAX - 2 && (g->name[g->n] = strdup(name)))
		g->id[g->n++] = id;
}

/* The value of filter QF picked from a menu titled TITLE into V (size
 * QUERY_VALUE): "" for any, "*" for every record of a filter with an
 * unset meaning.  False when cancelled. */
static bool pick_value(struct app *app, const struct query_filter *qf,
                       const struct field *f, const char *title, char *v)
{
	const char *labels[PICK_MAX];
	struct groups g = { 0 };
	int n = 0, base, k;

	if (qf->unset)
		labels[n++] = _(qf->unset_label);
	labels[n++] = _("(any)");
	base = n;
	if (qf->kind == QF_GROUP) {
		store_group_each(app->db, groups_add, &g);
		for (k = 0; k < g.n; k++)
			labels[n++] = g.name[k];
	} else if (qf->kind == QF_NAMED) {
		for (k = 0; qf->named[k].name && n < PICK_MAX; k++)
			labels[n++] = qf->named[k].name;
	} else {
		for (k = 0; f->choices[k].value && n < PICK_MAX; k++)
			labels[n++] = f->choices[k].value;
	}
	k = ui_pick(title, labels, n, -1, NULL);
	if (k >= base && qf->kind == QF_GROUP)
		snprintf(v, QUERY_VALUE, "%lld", (long long)g.id[k - base]);
	else if (k >= base)
		snprintf(v, QUERY_VALUE, "%s", labels[k]);
	else if (k >= 0)
		snprintf(v, QUERY_VALUE, "%s", qf->unset && k == 1 ? "*" : "");
	for (int i = 0; i < g.n; i++)
		free(g.name[i]);
	return k >= 0;
}

bool screen_filter_menu(struct app *app, const struct query_def *def,
                        const struct field *fields, struct query *q)
{
	const char *what[QUERY_FILTERS_MAX + 1];
	const struct field *f[QUERY_FILTERS_MAX];
	int n = 0, i;

	for (const struct query_filter *qf = def->filters; qf && qf->option; qf++, n++) {
		f[n] = qf->field ? field_find(fields, qf->field) : NULL;
		what[n] = _(f[n] ? f[n]->label : qf->label);
	}
	what[n] = _("Clear all filters");
	i = ui_pick(_("Filter by"), what, n + 1, -1, NULL);
	if (i < 0)
		return false;
	if (i == n) {
		for (i = 0; i < n; i++)
			q->value[i][0] = '\0';
		return true;
	}
	return pick_value(app, &def->filters[i], f[i], what[i], q->value[i]);
}

bool screen_sort_menu(const struct query_def *def, struct query *q)
{
	const char *labels[QUERY_SORTS_MAX];
	int n = 0, i;

	for (; def->sorts[n].column; n++)
		labels[n] = _(def->sorts[n].label);
	i = ui_pick(_("Sort"), labels, n, q->sort, NULL);
	if (i < 0 || i == q->sort)
		return false;
	q->sort = i;
	return true;
}

void screen_filter_text(struct db *db, const struct query_def *def, const struct query *q,
                        char *out, size_t outsz)
{
	size_t len = 0;
	int i = 0;

	out[0] = '\0';
	for (const struct query_filter *qf = def->filters; qf && qf->option; qf++, i++) {
		const char *v = q->value[i];
		char name[96];

		if (!v[0])
			continue;
		if (qf->kind == QF_GROUP) {
			if (store_group_name(db, strtoll(v, NULL, 10), name, sizeof name) != DB_OK)
				name[0] = '\0';
			v = name;
		} else if (qf->unset && strcmp(v, "*") == 0) {
			v = _(qf->all_label);
		}
		if (len == 0)
			len = (size_t)snprintf(out, outsz, "  %s", _("Filter:"));
		if (len < outsz)
			len += (size_t)snprintf(out + len, outsz - len, " %s", v);
	}
}
