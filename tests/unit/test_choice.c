/* test_choice.c - which choice a text typed into a choice field stands
 * for: by label, other spelling, pinyin and pinyin initials. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "choice.h"
#include "tap.h"
#include "validate.h"

#define MAX 64

/* A closed list of validate.h as choice_find takes it. */
struct list {
	const char *labels[MAX];
	const char *const *aliases[MAX];
	int n;
};

static void list_of(const struct choice *c, struct list *l)
{
	for (l->n = 0; c[l->n].value && l->n < MAX; l->n++) {
		l->labels[l->n] = c[l->n].value;
		l->aliases[l->n] = c[l->n].aliases;
	}
}

/* What TYPED stands for in L: the labels found, joined by '|'. */
static const char *found(const struct list *l, const char *typed, bool open)
{
	static char out[512];
	int f[MAX], n = choice_find(l->labels, open ? NULL : l->aliases, l->n,
	                            typed, open, f, MAX);
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < n && i < MAX; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%s",
		                        i ? "|" : "", l->labels[f[i]]);
	return out;
}

static void test_closed(void)
{
	struct list g, e, ed;

	list_of(valid_genders, &g);
	list_of(valid_ethnicities, &e);
	list_of(valid_educations, &ed);

	is_str(found(&g, "女", false), "女", "女 is 女");
	is_str(found(&g, "nv", false), "女", "nv: the pinyin of 女");
	is_str(found(&g, "NV", false), "女", "... in capitals");
	is_str(found(&g, "ｎｖ", false), "女", "... full-width");
	is_str(found(&g, " nü ", false), "女", "... with ü and spaces");
	is_str(found(&g, "nan", false), "男", "nan: 男");
	is_str(found(&g, "female", false), "女", "an English spelling");
	is_str(found(&g, "n", false), "男|女", "n could be either");
	is_str(found(&g, "x", false), "", "x is none of them");

	is_str(found(&ed, "bk", false), "大学本科", "bk: initials of 本科, a spelling of 大学本科");
	is_str(found(&ed, "dxbk", false), "大学本科", "dxbk: initials of 大学本科");
	is_str(found(&ed, "benke", false), "大学本科", "benke: pinyin of 本科");
	is_str(found(&ed, "本科", false), "大学本科", "本科: a spelling");
	is_str(found(&ed, "dazhuan", false), "大学专科", "dazhuan: pinyin of 大专");
	is_str(found(&ed, "dxzk", false), "大学专科", "dxzk: initials of 大学专科");
	is_str(found(&ed, "dxb", false), "大学本科", "dxb: the start of one choice's initials");
	is_str(found(&ed, "yanj", false), "研究生", "yanj: the start of one choice's pinyin");
	is_str(found(&ed, "究", false), "研究生", "a character inside one choice");
	is_str(found(&ed, "b", false), "研究生|大学本科|初中及以下",
	       "b starts the initials of 博士, 本科 and 半文盲");

	is_str(found(&e, "土", false), "土族", "土 is 土族 exactly, though 土家族 holds it too");
	is_str(found(&e, "n", false), "纳西族|怒族",
	       "one letter is not taken for the initial of a one-character spelling (怒)");
	is_str(found(&e, "hz", false), "汉族|回族|赫哲族", "hz could be three");
	is_str(found(&e, "hanzu", false), "汉族", "hanzu is one");
	is_str(found(&e, "wwe", false), "维吾尔族", "wwe: initials of 维吾尔");
	is_str(found(&e, "zzz", false), "", "zzz: none");
	is_str(found(&e, "", false), "", "nothing typed stands for nothing");
}

static void test_open(void)
{
	struct list l = { { "第一党小组", "第二党小组", "第二党小组（老干部）" },
	                  { NULL }, 3 };

	is_str(found(&l, "第二党小组", true), "第二党小组",
	       "a group's own name, though a longer one starts with it");
	is_str(found(&l, "第二", true), "",
	       "other Chinese text in an open list is a new name, not a choice");
	is_str(found(&l, "第二", false), "第二党小组|第二党小组（老干部）",
	       "... but in a closed list the choices that hold it");
	is_str(found(&l, "dy", true), "第一党小组", "dy: initials start 第一党小组");
	is_str(found(&l, "de", true), "第二党小组|第二党小组（老干部）",
	       "de: the start of two groups' initials");
	is_str(found(&l, "dierdangxiaozu", true), "第二党小组", "pinyin of a whole group");
}

static void test_fit(void)
{
	static const char *const benke[] = { "本科", "大学", "大本", NULL };

	is_int(choice_fit("大学本科", benke, "bk"), CHOICE_EXACT, "bk fits 大学本科 exactly");
	is_int(choice_fit("大学本科", benke, "dxb"), CHOICE_PART, "dxb in part");
	is_int(choice_fit("大学本科", benke, "本"), CHOICE_PART, "本 in part");
	is_int(choice_fit("大学本科", benke, "zk"), CHOICE_NONE, "zk not at all");
	is_int(choice_fit("汉族", NULL, "zu"), CHOICE_NONE,
	       "a syllable inside the pinyin is not its start");
	is_int(choice_fit("汉族", NULL, "HZ"), CHOICE_EXACT, "initials in capitals");
}

int main(void)
{
	test_closed();
	test_open();
	test_fit();
	return tap_done();
}
