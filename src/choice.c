/* choice.c - which of a field's choices a typed text stands for. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "choice.h"
#include "collate.h"
#include "text.h"

/* Bytes of a text compared: a label, a spelling, what was typed. */
#define CHOICE_TEXT 128

/* S as it is compared: half-width, trimmed, ASCII letters in lower case,
 * ü (U+00FC, as some input methods send it) as v, as pinyin writes it. */
static void fold(const char *s, char out[CHOICE_TEXT])
{
	char *r = out, *w = out;

	snprintf(out, CHOICE_TEXT, "%s", s ? s : "");
	text_halfwidth(out);
	text_trim(out);
	while (*r) {
		if ((unsigned char)r[0] == 0xC3 && (unsigned char)r[1] == 0xBC) {
			*w++ = 'v';
			r += 2;
		} else {
			*w++ = *r >= 'A' && *r <= 'Z' ? (char)(*r - 'A' + 'a') : *r;
			r++;
		}
	}
	*w = '\0';
}

static bool all_letters(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z'))
			return false;
	return true;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The pinyin of WORD (folded) run together, and its initials: each
 * character by its common reading; ASCII letters and digits as they are;
 * characters without a reading (punctuation) left out.  Cut between
 * characters when too long. */
static void word_pinyin(const char *word, char full[CHOICE_TEXT],
                        char initials[CHOICE_TEXT])
{
	size_t len = strlen(word), fl = 0, il = 0;
	const char *py;
	uint32_t cp;
	int k;

	for (size_t i = 0; i < len; i += (size_t)k) {
		k = text_utf8_decode(word + i, len - i, &cp);
		if (k <= 0) {
			k = 1;
			continue;
		}
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			if (fl + 1 >= CHOICE_TEXT || il + 1 >= CHOICE_TEXT)
				break;
			full[fl++] = (char)cp;
			initials[il++] = (char)cp;
			continue;
		}
		py = collate_pinyin_cp(cp, 0);
		if (!py)
			continue;
		if (fl + strlen(py) >= CHOICE_TEXT || il + 1 >= CHOICE_TEXT)
			break;
		memcpy(full + fl, py, strlen(py));
		fl += strlen(py);
		initials[il++] = py[0];
	}
	full[fl] = '\0';
	initials[il] = '\0';
}

/* How the folded TYPED fits one spelling. */
static enum choice_fit spelling_fit(const char *spelling, const char *typed,
                                    bool letters)
{
	char s[CHOICE_TEXT], full[CHOICE_TEXT], initials[CHOICE_TEXT];

	fold(spelling, s);
	if (strcmp(s, typed) == 0)
		return CHOICE_EXACT;
	if (letters) {
		word_pinyin(s, full, initials);
		/* one letter is the start of too much to be taken as the
		 * initial of a one-character spelling (n: 怒 of 怒族) */
		if (strcmp(full, typed) == 0 ||
		    (strcmp(initials, typed) == 0 && initials[1]))
			return CHOICE_EXACT;
		if (starts(full, typed) || starts(initials, typed))
			return CHOICE_PART;
	}
	return strstr(s, typed) ? CHOICE_PART : CHOICE_NONE;
}

/* choice_fit for a folded TYPED. */
static enum choice_fit fit_folded(const char *label, const char *const *aliases,
                                  const char *typed, bool letters)
{
	enum choice_fit best, f;

	if (!*typed)
		return CHOICE_NONE;
	best = spelling_fit(label, typed, letters);
	for (; aliases && *aliases && best != CHOICE_EXACT; aliases++) {
		f = spelling_fit(*aliases, typed, letters);
		if (f > best)
			best = f;
	}
	return best;
}

enum choice_fit choice_fit(const char *label, const char *const *aliases,
                           const char *typed)
{
	char t[CHOICE_TEXT];

	fold(typed, t);
	return fit_folded(label, aliases, t, all_letters(t));
}

int choice_find(const char *const *labels, const char *const *const *aliases,
                int n, const char *typed, bool open, int *found, int max)
{
	char t[CHOICE_TEXT];
	bool letters;
	int nexact = 0, npart = 0, i;

	fold(typed, t);
	letters = all_letters(t);
	/* exact fits first in FOUND, then (if none) the parts */
	for (i = 0; i < n; i++) {
		enum choice_fit f = fit_folded(labels[i], aliases ? aliases[i] : NULL,
		                               t, letters);

		if (f == CHOICE_EXACT) {
			if (nexact < max)
				found[nexact] = i;
			nexact++;
		} else if (f == CHOICE_PART && nexact == 0) {
			if (npart < max)
				found[npart] = i;
			npart++;
		}
	}
	if (nexact > 0)
		return nexact;
	if (open && !letters)
		return 0;
	return npart;
}
