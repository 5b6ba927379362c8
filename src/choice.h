/* choice.h - which of a field's choices a typed text stands for.
 *
 * A choice field takes one of a list of labels, each maybe with other
 * accepted spellings (validate.h's struct choice).  A text stands for a
 * label exactly when it is the label or one of its spellings, or the
 * pinyin or (two or more) pinyin initials of one (nv 女, bk 本科 →
 * 大学本科, dxbk); in
 * part when it is found inside one, or starts its pinyin or initials (dx
 * → 大学本科 and 大学专科).  A pick list filtered by the text shows the
 * labels it fits in either way; a form takes a label when the text fits it
 * exactly, or when it is the only one the text fits.  Labels are read as
 * words: each character by its common reading, not as a surname.
 */
#ifndef ZHIBU_CHOICE_H
#define ZHIBU_CHOICE_H

#include <stdbool.h>

enum choice_fit {
	CHOICE_NONE,
	CHOICE_PART,    /* inside a spelling, or the start of its pinyin */
	CHOICE_EXACT,   /* a spelling, its pinyin or its initials */
};

/* How TYPED fits LABEL, whose other spellings are ALIASES (NULL-ended,
 * or NULL).  TYPED is compared half-width, trimmed, ASCII letters in any
 * case, ü typed as v or ü. */
enum choice_fit choice_fit(const char *label, const char *const *aliases,
                           const char *typed);

/* The labels (N of them, label I with ALIASES[I] when ALIASES is not
 * NULL) that TYPED stands for: those it fits exactly if there are any,
 * else those it fits in part.  In an OPEN list (one a new label may be
 * added to, like the party groups) a text other than pinyin stands only
 * for a label it fits exactly: any other is a new label.  Writes at most
 * MAX indexes to FOUND and returns how many labels there are in all: 1
 * means TYPED stands for FOUND[0]. */
int choice_find(const char *const *labels, const char *const *const *aliases,
                int n, const char *typed, bool open, int *found, int max);

#endif
