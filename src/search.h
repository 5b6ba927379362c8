/* search.h - the roster's search through a full-text index.
 *
 * A search walks the roster in its order until a window of rows match:
 * quick when many rows match, a walk of the whole roster when few do.
 * The full-text table member_search (FTS5, ascii tokenizer, no content)
 * holds for each member the terms below; a query that few members match
 * reads its candidates there instead, and the roster's own filter then
 * decides, so both ways find exactly the same rows.
 */
#ifndef ZHIBU_SEARCH_H
#define ZHIBU_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

/* The shortest ID or phone tail looked up in the index, and the longest
 * kept there. */
#define SEARCH_TAIL_MIN 3
#define SEARCH_TAIL_MAX 8

/* Room for the terms of any member (a name has at most 20 characters). */
#define SEARCH_TERMS_SIZE 4096

/* The terms of a member, separated by spaces: every suffix of the name
 * (so a run of the name is the start of a term; nothing before ASCII
 * punctuation), the pinyin from each of its syllables on (wangxiuyun
 * xiuyun yun: the start of a syllable is the start of a term), the
 * initials, and the last SEARCH_TAIL_MAX characters of the ID number and
 * of the phone's trailing digits, reversed (so a tail is the start of a
 * term).  Every search is then a prefix query.  Returns the length, or
 * -1 when OUT is too small. */
int search_terms(const char *name, const char *pinyin, const char *initials,
                 const char *id_number, const char *phone,
                 char *out, size_t size);

/* Does TYPED (lowercase letters) start the pinyin of NAME at one of its
 * syllables, the first one or another (xiuyun, yun: 王秀云)?  Not for one
 * letter, the start of too many syllables: the roster's filter looks for
 * that at the start of the stored pinyin only. */
bool search_pinyin_match(const char *name, const char *typed);

/* The FTS5 query for S, what was typed (half-width, trimmed; LETTERS and
 * DIGITS say which kinds of search the roster's filter makes of it), into
 * OUT: the terms it may match, a superset of the members it selects.
 * False when the index does not help: a single letter, one or two digits
 * (many members match: the walk is quick), or ASCII punctuation, which
 * no term holds. */
bool search_query(const char *s, bool letters, bool digits, char *out, size_t size);

#endif
