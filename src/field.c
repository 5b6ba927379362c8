/* field.c - what a field table says about one field: its header, its
 * value checked by its type, its value as a screen shows it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "gettext.h"
#include "text.h"
#include "validate.h"

const struct field *field_find(const struct field *table, const char *name)
{
	const struct field *f;

	for (f = table; f->key; f++)
		if (strcmp(f->key, name) == 0 || strcmp(f->header, name) == 0)
			return f;
	return NULL;
}

/* Drop a trailing "(...)" remark: its last ')' and what it closes. */
static void drop_remark(char *s, size_t *n)
{
	int depth = 0;

	if (*n == 0 || s[*n - 1] != ')')
		return;
	for (size_t i = *n; i-- > 0;) {
		if (s[i] == ')')
			depth++;
		else if (s[i] == '(' && --depth == 0) {
			if (i > 0)      /* "(备注)" alone stays what it is */
				*n = i;
			return;
		}
	}
}

void field_header_normalize(const char *in, char *out, size_t size)
{
	size_t n = 0, len;
	char *h;

	out[0] = '\0';
	if (!in || (len = strlen(in)) >= size)
		return;
	h = strdup(in);
	if (!h)
		return;
	text_halfwidth(h);
	for (const char *p = h; *p; p++) {
		unsigned char c = (unsigned char)*p;

		/* spaces, line breaks (Excel's Alt-Enter in a header) and a
		 * no-break space (U+00A0) go */
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == 0xC2 && (unsigned char)p[1] == 0xA0) {
			p++;
			continue;
		}
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	free(h);
	/* 姓名*, *姓名, 联系电话：, 联系电话(手机) */
	for (;;) {
		size_t before = n;

		while (n > 0 && (out[n - 1] == '*' || out[n - 1] == ':'))
			n--;
		drop_remark(out, &n);
		if (n == before)
			break;
	}
	out[n] = '\0';
	if (out[0] == '*')
		memmove(out, out + 1, n);
}

const struct field *field_by_header(const struct field *table, const char *cell,
                                    bool *exact)
{
	char h[256], v[256];
	const struct field *f;

	field_header_normalize(cell, h, sizeof h);
	if (!h[0])
		return NULL;
	for (f = table; f->key; f++) {
		if (f->flags & FIELD_NO_FILE)
			continue;
		field_header_normalize(f->header, v, sizeof v);
		if (strcmp(h, v) == 0 || strcmp(h, f->key) == 0) {
			if (exact)
				*exact = true;
			return f;
		}
	}
	for (f = table; f->key; f++) {
		if (f->flags & FIELD_NO_FILE)
			continue;
		for (const char *const *a = f->aliases; a && *a; a++) {
			if (strcmp(h, *a) == 0) {
				if (exact)
					*exact = false;
				return f;
			}
		}
	}
	return NULL;
}

const char *field_check_value(const struct field *f, const char *in, char *out,
                              size_t outsz)
{
	char buf[1024];
	const char *why = NULL, *v;

	if (outsz > 0)
		out[0] = '\0';
	if (!in || !*in)
		return (f->flags & FIELD_REQUIRED) && f->type != F_CHOICE ?
		       N_("is required") : NULL;
	switch (f->type) {
	case F_NAME:
		why = valid_name(in, buf, sizeof buf);
		break;
	case F_DATE:
		why = valid_date(in, buf);
		break;
	case F_ID_NUMBER:
		why = valid_id_number(in, buf, NULL);
		break;
	case F_PHONE:
		why = valid_phone(in, buf, sizeof buf);
		break;
	case F_GROUP:
		why = valid_label(in, (size_t)f->maxchars, buf, sizeof buf);
		break;
	case F_CHOICE:
		v = valid_choice(f->choices, in);
		if (!v)
			return N_("is not one of the choices (Space shows them)");
		snprintf(buf, sizeof buf, "%s", v);
		break;
	case F_BOOL:
		why = valid_bool(in, buf);
		break;
	case F_INT:
		why = valid_int(in, f->min, f->max, buf, sizeof buf);
		break;
	case F_TIME:
		why = valid_time(in, buf);
		break;
	case F_WEEKDAYS:
		why = valid_weekdays(in, buf);
		break;
	case F_REF:
	case F_TEXT:
	case F_NOTE:
		why = valid_text(in, (size_t)f->maxchars, f->type == F_NOTE, buf, sizeof buf);
		break;
	}
	if (!why)
		snprintf(out, outsz, "%s", buf);
	return why;
}

void field_format(const struct field *f, const char *value, char *out, size_t outsz)
{
	static const char *const day[] = { "一", "二", "三", "四", "五", "六", "日" };
	char masked[19];
	size_t len = 0;

	if (!value)
		value = "";
	if (f->type == F_ID_NUMBER && *value) {
		valid_id_mask(value, masked);
		snprintf(out, outsz, "%s", masked);
	} else if (f->type == F_BOOL && *value) {
		snprintf(out, outsz, "%s", strcmp(value, "1") == 0 ? _("yes") : _("no"));
	} else if (f->type == F_WEEKDAYS) {
		out[0] = '\0';
		for (const char *p = value; *p && len + 8 < outsz; p++)
			if (*p >= '1' && *p <= '7')
				len += (size_t)snprintf(out + len, outsz - len, "%s%s",
				                        len ? "、" : "", day[*p - '1']);
	} else {
		snprintf(out, outsz, "%s", value);
	}
}
