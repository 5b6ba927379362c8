/* collate.h - sort and search keys for Chinese names.
 *
 * 姓氏笔画 (surname-stroke) order as official name lists use it: stroke
 * count of each character, then the strokes in 横竖撇点折 order; and
 * pinyin, with surname readings for the first character (曾 zeng, 单 shan,
 * 解 xie ...).  The data come from compact generated tables in data/.
 * Keys are plain ASCII strings that compare with memcmp/strcmp (SQLite's
 * BINARY collation), so they can be stored in indexed columns.
 * Spaces and the middle dot of minority names (U+00B7 and its look-alikes,
 * ASCII '.') separate parts of a name but are not characters of it: every
 * function below skips them.  Invalid UTF-8 bytes are skipped one by one.
 * Pinyin is written in ASCII with ü as v (吕 lv, 略 lve).
 */
#ifndef ZHIBU_COLLATE_H
#define ZHIBU_COLLATE_H

#include <stddef.h>
#include <stdint.h>

/* Stroke data of one character: count (0 if unknown) and the first strokes
 * as digits '1'..'5' (横 竖 撇 点 折), NUL-terminated, empty if unknown.
 * Returns 0 if the character has stroke data, -1 if not.  ORDER holds at
 * most the first 21 strokes, and is empty for the characters whose count
 * is known (Unihan kTotalStrokes) but whose order is not. */
int collate_strokes(uint32_t cp, int *count, char order[48]);

/* Toneless lowercase pinyin of one character ("zhang"), the surname
 * reading when SURNAME is set and one exists; NULL if none is known. */
const char *collate_pinyin_cp(uint32_t cp, int surname);

/* Write the 姓氏笔画 sort key of a UTF-8 name into OUT (size OUTSZ, always
 * NUL-terminated).  Characters without stroke data sort after those with,
 * in code point order.  Returns the key's length.
 * Characters are compared by count, then stroke by stroke; a character
 * whose count is known but whose order is not sorts after all characters
 * of the same count whose order is known (among such, by code point);
 * characters with the same count and order by code point.  A name that
 * is a prefix of another sorts first.  A key too long for OUT is cut
 * between characters. */
size_t collate_stroke_key(const char *name, char *out, size_t outsz);

/* Write the pinyin of a name: FULL gets the syllables run together
 * ("zhangsanfeng"), INITIALS their first letters ("zsf").  The first
 * character is read as a surname.  Characters without a reading are kept
 * as themselves (lowercased ASCII, others as UTF-8).  Either may be NULL.
 * The initial of zh, ch, sh is z, c, s.  Two-character surnames read
 * otherwise than their characters are read as surnames (万俟 moqi).
 * Output too long for a buffer is cut between characters. */
void collate_pinyin(const char *name, char *full, size_t fullsz,
                    char *initials, size_t initsz);

/* Write the pinyin of a name run together into FULL, as collate_pinyin
 * does, and the offsets in it where each piece begins into STARTS (at
 * most MAX): each character's syllable, each run of ASCII letters and
 * digits, each other character kept as itself ("wangxiuyun": 0 4 7).
 * Returns how many; a piece cut off by FULL's size has none. */
int collate_pinyin_starts(const char *name, char *full, size_t fullsz,
                          size_t *starts, int max);

/* Write the pinyin sort key of a name: pinyin syllables separated so that
 * "li" < "liang" < "lin" as a dictionary orders them, then the stroke key
 * to break ties between homophones.  Returns the key's length.
 * The first character has its surname reading, as in collate_pinyin().
 * A run of ASCII letters and digits is one lowercase word; characters
 * without a reading sort after all pinyin, by code point. */
size_t collate_pinyin_key(const char *name, char *out, size_t outsz);

/* Buffer sizes that hold the keys (COLLATE_KEY_SIZE) and the full pinyin
 * (COLLATE_PINYIN_SIZE) of a name of up to 20 characters uncut. */
#define COLLATE_KEY_SIZE 768
#define COLLATE_PINYIN_SIZE 128

#endif
