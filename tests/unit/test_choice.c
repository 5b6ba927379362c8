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

static void test_found(void)
{
	struct list g, e, ed;
	struct list l = { { "第一党小组", "第二党小组", "第二党小组（老干部）" },
	                  { NULL }, 3 };

	list_of(valid_genders, &g);
	list_of(valid_ethnicities, &e);
	list_of(valid_educations, &ed);

	/* what is typed into the list, whether it is open to new text, the
	 * choices it stands for */
	const struct {
		const struct list *l;
		const char *typed;
		bool open;
		const char *want, *what;
	} cases[] = {
		{ &g, "女", false, "女", "女 is 女" },
		{ &g, "nv", false, "女", "nv: the pinyin of 女" },
		{ &g, "NV", false, "女", "... in capitals" },
		{ &g, "ｎｖ", false, "女", "... full-width" },
		{ &g, " nü ", false, "女", "... with ü and spaces" },
		{ &g, "nan", false, "男", "nan: 男" },
		{ &g, "female", false, "女", "an English spelling" },
		{ &g, "n", false, "男|女", "n could be either" },
		{ &g, "x", false, "", "x is none of them" },
		{ &ed, "bk", false, "大学本科", "bk: initials of 本科, a spelling of 大学本科" },
		{ &ed, "dxbk", false, "大学本科", "dxbk: initials of 大学本科" },
		{ &ed, "benke", false, "大学本科", "benke: pinyin of 本科" },
		{ &ed, "本科", false, "大学本科", "本科: a spelling" },
		{ &ed, "dazhuan", false, "大学专科", "dazhuan: pinyin of 大专" },
		{ &ed, "dxzk", false, "大学专科", "dxzk: initials of 大学专科" },
		{ &ed, "dxb", false, "大学本科", "dxb: the start of one choice's initials" },
		{ &ed, "yanj", false, "研究生", "yanj: the start of one choice's pinyin" },
		{ &ed, "究", false, "研究生", "a character inside one choice" },
		{ &ed, "b", false, "研究生|大学本科|初中及以下", "b starts the initials of 博士, 本科 and 半文盲" },
		{ &e, "土", false, "土族", "土 is 土族 exactly, though 土家族 holds it too" },
		{ &e, "n", false, "纳西族|怒族", "one letter is not taken for the initial of a one-character spelling (怒)" },
		{ &e, "hz", false, "汉族|回族|赫哲族", "hz could be three" },
		{ &e, "hanzu", false, "汉族", "hanzu is one" },
		{ &e, "wwe", false, "维吾尔族", "wwe: initials of 维吾尔" },
		{ &e, "zzz", false, "", "zzz: none" },
		{ &e, "", false, "", "nothing typed stands for nothing" },
		/* an open list: the party groups */
		{ &l, "第二党小组", true, "第二党小组", "a group's own name, though a longer one starts with it" },
		{ &l, "第二", true, "", "other Chinese text in an open list is a new name, not a choice" },
		{ &l, "第二", false, "第二党小组|第二党小组（老干部）", "... but in a closed list the choices that hold it" },
		{ &l, "dy", true, "第一党小组", "dy: initials start 第一党小组" },
		{ &l, "de", true, "第二党小组|第二党小组（老干部）", "de: the start of two groups' initials" },
		{ &l, "dierdangxiaozu", true, "第二党小组", "pinyin of a whole group" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_str(found(cases[i].l, cases[i].typed, cases[i].open), cases[i].want, "%s",
		       cases[i].what);

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
	test_found();
	test_fit();
	return tap_done();
}
