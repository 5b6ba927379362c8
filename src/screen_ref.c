/* screen_ref.c - a reference field (F_REF) on a form: the records of
 * the register it names, found by what is typed and shown by labels that
 * tell them apart.
 *
 * A reference is stored as the record's key; the form shows its label:
 * the name, then in brackets the ID number masked (王秀云（110105********123X）)
 * or, for a register without ID numbers, the key (王秀云（№12）).  Every
 * label is the same wherever it is made, so namesakes stay apart and a
 * label read back from the form finds its record; the plain name is each
 * label's other spelling, so typing the name (or its pinyin or initials)
 * takes the record when no namesake shares it.  The first REG_REFS
 * records the text finds are offered.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reg.h"
#include "screen_reg.h"
#include "store.h"

/* The field of R that names a record, and its first ID number field
 * (NULL: none). */
static const struct field *name_field(const struct reg *r)
{
	return field_find(r->fields, r->screen->name_field);
}

static const struct field *id_field(const struct reg *r)
{
	for (const struct field *f = r->fields; f->key; f++)
		if (f->type == F_ID_NUMBER)
			return f;
	return NULL;
}

/* The label of record REC (key KEY) of R into OUT. */
static void ref_label(const struct reg *r, const void *rec, int64_t key, char *out,
                      size_t size)
{
	const struct field *idf = id_field(r);
	const char *id = idf ? FIELD_VALUE(rec, idf) : "";
	char masked[REG_REF_LABEL];

	if (*id) {
		field_format(idf, id, masked, sizeof masked);
		snprintf(out, size, "%s（%s）", FIELD_VALUE(rec, name_field(r)), masked);
	} else {
		snprintf(out, size, "%s（№%lld）", FIELD_VALUE(rec, name_field(r)),
		         (long long)key);
	}
}

int reg_ref_find(struct db *db, const struct reg *r, const char *typed,
                 struct reg_refs *out)
{
	const struct field *nf = name_field(r);
	size_t size = r->store->size;
	size_t stride = (size + QUERY_KEY + 15) & ~(size_t)15;
	struct query_rows rows = { malloc(REG_REFS * stride), stride, size, 0 };
	struct query q;
	const char *bracket = strstr(typed, "（");
	int got;

	out->n = 0;
	if (!rows.base)
		return DB_ERROR;
	/* every record, whatever the list shows by default: a reference
	 * to one who has left stays readable and savable (the register's
	 * rules say whom a new record may name); a label searches by its
	 * name */
	query_all(r->query, &q);
	snprintf(q.search, sizeof q.search, "%.*s",
	         (int)(bracket ? (size_t)(bracket - typed) : strlen(typed)), typed);
	got = query_page(db, r->query, &q, NULL, 0, 0, REG_REFS, &rows);
	for (int i = 0; i < got; i++) {
		const char *rec = (const char *)rows.base + (size_t)i * stride;
		int64_t key = *(const int64_t *)(rec + r->store->id);

		out->key[i] = key;
		ref_label(r, rec, key, out->label[i], sizeof out->label[i]);
		snprintf(out->name[i], sizeof out->name[i], "%s", FIELD_VALUE(rec, nf));
		out->labels[i] = out->label[i];
		out->alias[i][0] = out->name[i];
		out->alias[i][1] = NULL;
		out->aliases[i] = out->alias[i];
	}
	free(rows.base);
	if (got < 0)
		return got;
	out->n = got;
	return DB_OK;
}

int reg_ref_label(struct db *db, const struct reg *r, int64_t key, char *out,
                  size_t size)
{
	void *rec = calloc(1, r->store->size);
	int rc;

	if (!rec)
		return DB_ERROR;
	rc = store_get(db, r->store, key, rec);
	if (rc == DB_OK)
		ref_label(r, rec, key, out, size);
	free(rec);
	return rc;
}

int reg_ref_key(struct db *db, const struct reg *r, const char *label, int64_t *key)
{
	struct reg_refs *refs = malloc(sizeof *refs);
	int rc;

	*key = 0;
	if (!refs)
		return DB_ERROR;
	rc = reg_ref_find(db, r, label, refs);
	for (int i = 0; rc == DB_OK && i < refs->n && !*key; i++)
		if (strcmp(refs->label[i], label) == 0)
			*key = refs->key[i];
	free(refs);
	return rc == DB_OK && !*key ? DB_NOTFOUND : rc;
}
