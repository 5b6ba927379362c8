/* search.c - the terms of a member for the full-text index, and the
 * query for what was typed (see search.h).
 *
 * The ascii tokenizer splits at ASCII characters other than letters and
 * digits, folds ASCII letters to lower case and keeps every other byte
 * inside its token: a run of Chinese characters is one term.  So the
 * terms are written space-separated, and nothing here may hold ASCII
 * punctuation.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "collate.h"
#include "search.h"
#include "text.h"

/* Syllables of a name looked at (a name has at most 20 characters). */
#define SEARCH_SYLLABLES 64

struct out {
	char *p;
	size_t size, len;
	bool full;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->full || n == 0)
		return;
	if (o->len + n + 2 > o->size) {
		o->full = true;
		return;
	}
	if (o->len > 0)
		o->p[o->len++] = ' ';
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

static bool ascii_punct(unsigned char c)
{
	return c < 0x80 && !isalnum(c);
}

/* Every suffix of NAME (a run of the name is the start of one), left
 * out from the last ASCII punctuation on. */
static void name_suffixes(struct out *o, const char *name)
{
	size_t len = strlen(name), from = 0;
	uint32_t cp;
	int k;

	for (size_t i = 0; i < len; i++)
		if (ascii_punct((unsigned char)name[i]))
			from = i + 1;
	for (size_t i = from; i < len; i += (size_t)k) {
		k = text_utf8_decode(name + i, len - i, &cp);
		if (k <= 0)
			return;
		put(o, name + i, len - i);
	}
}

/* The pinyin of NAME from each syllable but the first on (the whole is
 * a term of its own). */
static void pinyin_suffixes(struct out *o, const char *name)
{
	char full[COLLATE_PINYIN_SIZE];
	size_t starts[SEARCH_SYLLABLES];
	int n = collate_pinyin_starts(name, full, sizeof full, starts,
	                              SEARCH_SYLLABLES);

	for (int i = 1; i < n; i++)
		if (!ascii_punct((unsigned char)full[starts[i]]))
			put(o, full + starts[i], strlen(full + starts[i]));
}

bool search_pinyin_match(const char *name, const char *typed)
{
	char full[COLLATE_PINYIN_SIZE];
	size_t starts[SEARCH_SYLLABLES], len = strlen(typed);
	int n;

	if (len < 2)
		return false;
	n = collate_pinyin_starts(name, full, sizeof full, starts, SEARCH_SYLLABLES);
	for (int i = 0; i < n; i++)
		if (strncmp(full + starts[i], typed, len) == 0)
			return true;
	return false;
}

/* The trailing run of digits (and a final X) of S, at most
 * SEARCH_TAIL_MAX characters, last character first: a tail of S is the
 * start of this term. */
static void tail_reversed(struct out *o, const char *s)
{
	size_t len = strlen(s), start = len, n;
	char r[SEARCH_TAIL_MAX];

	if (start > 0 && (s[start - 1] == 'X' || s[start - 1] == 'x'))
		start--;
	while (start > 0 && isdigit((unsigned char)s[start - 1]))
		start--;
	n = len - start > SEARCH_TAIL_MAX ? SEARCH_TAIL_MAX : len - start;
	for (size_t i = 0; i < n; i++)
		r[i] = s[len - 1 - i];
	put(o, r, n);
}

int search_terms(const char *name, const char *pinyin, const char *initials,
                 const char *id_number, const char *phone,
                 char *out, size_t size)
{
	struct out o = { out, size, 0, size == 0 };

	if (size > 0)
		out[0] = '\0';
	name_suffixes(&o, name ? name : "");
	if (pinyin && *pinyin)
		put(&o, pinyin, strlen(pinyin));
	pinyin_suffixes(&o, name ? name : "");
	if (initials && *initials)
		put(&o, initials, strlen(initials));
	tail_reversed(&o, id_number ? id_number : "");
	tail_reversed(&o, phone ? phone : "");
	return o.full ? -1 : (int)o.len;
}

bool search_query(const char *s, bool letters, bool digits, char *out, size_t size)
{
	size_t len = strlen(s), n;
	char r[SEARCH_TAIL_MAX + 1];
	int w;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (ascii_punct((unsigned char)s[i]))
			return false;
	if (digits) {
		/* a tail of the ID number or the phone: the start of its
		 * reversed term (longer tails are checked by the filter) */
		if (len < SEARCH_TAIL_MIN)
			return false;
		n = len > SEARCH_TAIL_MAX ? SEARCH_TAIL_MAX : len;
		for (size_t i = 0; i < n; i++)
			r[i] = s[len - 1 - i];
		r[n] = '\0';
		w = snprintf(out, size, "\"%s\"*", r);
	} else {
		/* the start of the pinyin, the initials or a suffix of the
		 * name; one letter matches too many for the index to help */
		if (letters && len < 2)
			return false;
		w = snprintf(out, size, "\"%s\"*", s);
	}
	return w > 0 && (size_t)w < size;
}
