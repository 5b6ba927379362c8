/* test_collate.c - 姓氏笔画 and pinyin keys of names. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collate.h"
#include "tap.h"

static char key_a[COLLATE_KEY_SIZE], key_b[COLLATE_KEY_SIZE];

/* True if A sorts strictly before B by the 姓氏笔画 key. */
static int stroke_before(const char *a, const char *b)
{
	collate_stroke_key(a, key_a, sizeof key_a);
	collate_stroke_key(b, key_b, sizeof key_b);
	return strcmp(key_a, key_b) < 0;
}

/* True if A sorts strictly before B by the pinyin key. */
static int pinyin_before(const char *a, const char *b)
{
	collate_pinyin_key(a, key_a, sizeof key_a);
	collate_pinyin_key(b, key_b, sizeof key_b);
	return strcmp(key_a, key_b) < 0;
}

static void check_strokes(const char *what, uint32_t cp, int want_count,
                          const char *want_order)
{
	char order[48] = "junk";
	int count = -1;

	is_int(collate_strokes(cp, &count, order), 0, "%s has stroke data", what);
	is_int(count, want_count, "%s: stroke count", what);
	is_str(order, want_order, "%s: stroke order", what);
}

static void check_pinyin(const char *name, const char *want_full,
                         const char *want_initials)
{
	char full[COLLATE_PINYIN_SIZE], initials[COLLATE_PINYIN_SIZE];

	collate_pinyin(name, full, sizeof full, initials, sizeof initials);
	is_str(full, want_full, "pinyin of %s", name);
	is_str(initials, want_initials, "initials of %s", name);
}

static void test_stroke_data(void)
{
	static const struct {
		const char *what;
		uint32_t cp;
		int count;
		const char *order;     /* NULL: none known */
	} chars[] = {
		{ "一", 0x4E00, 1, "1" },
		{ "乙", 0x4E59, 1, "5" },
		{ "丁 (横 竖钩)", 0x4E01, 2, "12" },
		{ "马", 0x9A6C, 3, "551" },
		{ "王", 0x738B, 4, "1121" },
		{ "毛", 0x6BDB, 4, "3115" },
		{ "石", 0x77F3, 5, "13251" },
		{ "白", 0x767D, 5, "32511" },
		{ "张", 0x5F20, 7, "5153154" },
		{ "曾", 0x66FE, 12, "432524312511" },
		/* Extension B: the count from Unihan, no order. */
		{ "𠮷 U+20BB7", 0x20BB7, 6, NULL },
		/* Extension A. */
		{ "㐀 U+3400", 0x3400, 5, NULL },
		/* More strokes than the order keeps: the first 21. */
		{ "齉 (36 strokes)", 0x9F49, 36, "325111251211321251245" },
	};
	char order[48] = "junk";
	int count = -1;

	for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
		check_strokes(chars[i].what, chars[i].cp, chars[i].count,
		              chars[i].order ? chars[i].order : "");

	is_int(collate_strokes('A', &count, order), -1, "A has no stroke data");
	is_int(count, 0, "A: count 0");
	is_str(order, "", "A: empty order");
	is_int(collate_strokes(0xAC00, &count, order), -1,
	       "Hangul 가 has no stroke data");
	is_int(collate_strokes(0x9F49, NULL, NULL), 0, "NULL outputs allowed");
}

static void test_stroke_order(void)
{
	static const char *const list[] = {
		"乙", "丁", "马", "王", "石", "白", "张", "曾",
	};
	size_t i;

	for (i = 0; i + 1 < sizeof list / sizeof list[0]; i++)
		ok(stroke_before(list[i], list[i + 1]), "%s before %s",
		   list[i], list[i + 1]);
	ok(!stroke_before("白", "石"), "not 白 before 石");

	collate_stroke_key("王", key_a, sizeof key_a);
	is_str(key_a, "0411210738B", "stroke key of 王");
	collate_stroke_key("𠮷", key_a, sizeof key_a);
	is_str(key_a, "06620BB7", "stroke key of 𠮷");
	collate_stroke_key("Anna", key_a, sizeof key_a);
	is_str(key_a, "~000041~00006E~00006E~000061", "stroke key of Anna");
	is_int(collate_stroke_key("", key_a, sizeof key_a), 0, "empty name");
	is_str(key_a, "", "empty key");
}

/* A sorts strictly before B by the key BEFORE compares. */
static const struct {
	int (*before)(const char *a, const char *b);
	const char *a, *b, *what;
} orders[] = {
	/* 姓氏笔画: strokes, then the first stroke 横竖撇点折 */
	{ stroke_before, "石", "白", "石 (横) before 白 (撇), both 5 strokes" },
	{ stroke_before, "王", "毛", "王 (横) before 毛 (撇), both 4 strokes" },
	{ stroke_before, "王大明", "王小明", "王大明 before 王小明 (大 starts 横, 小 竖)" },
	{ stroke_before, "王", "王一", "王 before 王一 (prefix first)" },
	{ stroke_before, "王一", "毛", "王一 before 毛 (first character first)" },
	{ stroke_before, "丁一", "丁二", "丁一 before 丁二" },
	{ stroke_before, "吉", "𠮷", "吉 before 𠮷 (same count, 𠮷's order unknown)" },
	{ stroke_before, "𠮷", "张", "𠮷 (6) before 张 (7)" },
	{ stroke_before, "石", "㐀", "石 before 㐀 (5 strokes, order unknown)" },
	{ stroke_before, "㐀", "张", "㐀 (5) before 张 (7)" },
	{ stroke_before, "龘", "가", "Han before a character without data" },
	{ stroke_before, "王", "Anna", "Han before Latin" },
	{ stroke_before, "Anna", "anna", "Latin in code point order" },
	/* pinyin, then strokes */
	{ pinyin_before, "李", "梁", "李 before 梁 (li < liang)" },
	{ pinyin_before, "梁", "林", "梁 before 林 (liang < lin)" },
	{ pinyin_before, "李", "李明", "李 before 李明" },
	{ pinyin_before, "李明", "梁", "李明 before 梁" },
	{ pinyin_before, "张三", "章三", "张三 before 章三 (7 strokes < 11)" },
	{ pinyin_before, "程晓", "曾晓", "曾 as a surname sorts as zeng, after 程 cheng" },
	{ pinyin_before, "王曾", "王程", "曾 elsewhere sorts as ceng" },
	{ pinyin_before, "安", "Anna", "安 (an) before Anna" },
	{ pinyin_before, "Anna", "白", "Anna before 白" },
	{ pinyin_before, "左", "𠮷", "no reading after every syllable" },
};

static void test_orders(void)
{
	for (size_t i = 0; i < sizeof orders / sizeof orders[0]; i++)
		ok(orders[i].before(orders[i].a, orders[i].b), "%s", orders[i].what);
}

static void test_pinyin(void)
{
	static const struct {
		uint32_t cp;
		int surname;
		const char *want;
		const char *what;
	} readings[] = {
		{ 0x66FE, 1, "zeng", "曾 as a surname" },
		{ 0x66FE, 0, "ceng", "曾 otherwise" },
		{ 0x5355, 1, "shan", "单 as a surname" },
		{ 0x5355, 0, "dan", "单 otherwise" },
		{ 0x79CD, 1, "chong", "种 as a surname" },
		{ 0x5F20, 1, "zhang", "张 as a surname" },
		{ 0x3400, 0, "qiu", "㐀 from kMandarin" },
		{ 0x20BB7, 0, NULL, "𠮷 has no reading" },
		{ 'a', 0, NULL, "a has no reading" },
	};
	static const struct {
		const char *name;
		const char *full;
		const char *initials;
	} names[] = {
		{ "张三丰", "zhangsanfeng", "zsf" },
		{ "曾国藩", "zengguofan", "zgf" },
		{ "王曾", "wangceng", "wc" },
		{ "单雄信", "shanxiongxin", "sxx" },
		{ "简单", "jiandan", "jd" },
		{ "解缙", "xiejin", "xj" },
		{ "仇英", "qiuying", "qy" },
		{ "区伟", "ouwei", "ow" },
		{ "朴正", "piaozheng", "pz" },
		{ "查良", "zhaliang", "zl" },
		{ "吕布", "lvbu", "lb" },
		{ "万俟卨", "moqixie", "mqx" },
		{ "尉迟恭", "yuchigong", "ycg" },
		{ "万里", "wanli", "wl" },
		{ "阿依·买买提", "ayimaimaiti", "aymmt" },
		{ "Anna", "anna", "anna" },
		{ "𠮷田", "𠮷tian", "𠮷t" },
		{ "", "", "" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		check_pinyin(names[i].name, names[i].full, names[i].initials);

	for (size_t i = 0; i < sizeof readings / sizeof readings[0]; i++)
		is_str(collate_pinyin_cp(readings[i].cp, readings[i].surname), readings[i].want, "%s",
		       readings[i].what);
}

static void test_pinyin_key(void)
{

	collate_pinyin_key("李明", key_a, sizeof key_a);
	is_str(key_a, "li!ming!#0712345210674E08251135110660E",
	       "pinyin key of 李明");
	collate_pinyin_key("Anna Li", key_a, sizeof key_a);
	is_str(key_a, "anna!li!#~000041~00006E~00006E~000061~00004C~000069",
	       "pinyin key of Anna Li");
	collate_pinyin_key("𠮷", key_a, sizeof key_a);
	is_str(key_a, "{020BB7!#06620BB7", "pinyin key of 𠮷");
}

static void test_odd_input(void)
{
	char a[COLLATE_KEY_SIZE], b[COLLATE_KEY_SIZE];

	collate_stroke_key("阿依·买买提", a, sizeof a);
	collate_stroke_key("阿依买买提", b, sizeof b);
	is_str(a, b, "the middle dot is skipped in the stroke key");
	collate_stroke_key("阿依•买买提", b, sizeof b);
	is_str(a, b, "and so is its look-alike U+2022");
	collate_stroke_key("阿依·买买提", b, sizeof b);
	is_str(a, b, "the stroke key is deterministic");
	collate_pinyin_key("阿依·买买提", a, sizeof a);
	collate_pinyin_key("阿依·买买提", b, sizeof b);
	is_str(a, b, "the pinyin key is deterministic");
	ok(strncmp(a, "a!yi!mai!mai!ti!#", 17) == 0, "pinyin key of 阿依·买买提");

	collate_stroke_key("\xff王\xc3", a, sizeof a);
	is_str(a, "0411210738B", "invalid bytes are skipped");
	collate_stroke_key("王\xe5\xbc", a, sizeof a);
	is_str(a, "0411210738B", "a cut sequence at the end is skipped");
	collate_pinyin("\x80张\xed\xa0\x80三", a, sizeof a, b, sizeof b);
	is_str(a, "zhangsan", "pinyin skips invalid bytes and surrogates");
	is_str(b, "zs", "initials skip them too");
}

static void test_small_buffers(void)
{
	char *name, small[12], tiny[3] = "xx";
	size_t i, len, n = 400;

	/* 400 characters, far above the 20 a name may have. */
	name = malloc(n * 3 + 1);
	if (!name)
		abort();
	for (i = 0; i < n; i++)
		memcpy(name + 3 * i, "王", 3);
	name[n * 3] = '\0';

	len = collate_stroke_key(name, key_a, sizeof key_a);
	is_int(len, strlen(key_a), "long name: length returned");
	ok(len < sizeof key_a, "long name: key fits its buffer");
	is_int(len % 11, 0, "long name: cut between characters");

	len = collate_stroke_key(name, small, sizeof small);
	is_str(small, "0411210738B", "12-byte buffer holds one segment");
	is_int(len, 11, "and returns its length");
	len = collate_stroke_key(name, small, 11);
	is_str(small, "", "11-byte buffer holds none");
	is_int(len, 0, "and returns 0");
	is_int(collate_stroke_key(name, tiny, 0), 0, "size 0 writes nothing");
	is_str(tiny, "xx", "size 0 leaves the buffer alone");

	collate_pinyin(name, small, sizeof small, tiny, sizeof tiny);
	is_str(small, "wangwang", "pinyin cut between syllables");
	is_str(tiny, "ww", "initials cut to the buffer");
	collate_pinyin("𠮷𠮷", small, 6, NULL, 0);
	is_str(small, "𠮷", "pinyin never splits a UTF-8 character");

	len = collate_pinyin_key(name, key_a, sizeof key_a);
	is_int(len, strlen(key_a), "long name: pinyin key length");
	ok(len < sizeof key_a, "long name: pinyin key fits");
	collate_pinyin_key(name, small, sizeof small);
	is_str(small, "wang!wang!", "pinyin key cut between words");
	collate_pinyin_key("Annabella", small, 6);
	is_str(small, "", "a word that does not fit is left out whole");
	collate_pinyin_key("王", small, sizeof small);
	is_str(small, "wang!#", "stroke key part left out when it does not fit");
	free(name);
}

/* Where the syllables of a name's pinyin begin, as "0 4 7". */
static const char *starts_of(const char *name, char *full, size_t fullsz)
{
	static char out[128];
	size_t at[16], len = 0;
	int n = collate_pinyin_starts(name, full, fullsz, at, 16);

	out[0] = '\0';
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%zu",
		                        i ? " " : "", at[i]);
	return out;
}

static void test_pinyin_starts(void)
{
	/* a name, where its syllables start, its pinyin (NULL: not checked) */
	static const struct {
		const char *name;
		const char *want, *full, *what;
	} starts[] = {
		{ "王秀云", "0 4 7", "wangxiuyun", "syllables of 王秀云" },
		{ "曾国藩", "0 4 7", "zengguofan", "a surname reading counts: zeng" },
		{ "Anna Li", "0 4", NULL, "a Latin word starts once" },
		{ "阿依·买买提", "0 1 3 6 9", NULL, "the middle dot is skipped" },
		{ "𠮷田", "0 4", NULL, "a character without a reading is a piece" },
		{ "", "", NULL, "an empty name has none" },
	};

	char full[COLLATE_PINYIN_SIZE], small[8];

	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		is_str(starts_of(starts[i].name, full, sizeof full), starts[i].want, "%s",
		       starts[i].what);
		if (starts[i].full)
			is_str(full, starts[i].full, "... in its pinyin %s", starts[i].full);
	}
	is_str(starts_of("王秀云", small, sizeof small), "0 4", "a syllable cut off has no start");
	is_str(small, "wangxiu", "... and is not written");
}

int main(void)
{
	test_stroke_data();
	test_stroke_order();
	test_pinyin();
	test_pinyin_key();
	test_orders();
	test_pinyin_starts();
	test_odd_input();
	test_small_buffers();
	return tap_done();
}
