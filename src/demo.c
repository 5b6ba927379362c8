/* demo.c - a fictitious community branch.
 *
 * Every person here is invented: names are drawn from lists of common
 * surnames and given-name characters, ID numbers from real district codes
 * with a made-up birth date and sequence, addresses and work units from
 * generic names.  The values are meant to pass every rule of SPEC 1.1, so
 * that --demo, the tests and the benchmarks exercise the real code paths.
 * Dates are computed on plain day numbers (no time zones involved).
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "reg.h"
#include "store.h"
#include "store_member.h"
#include "validate.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* --- Random numbers ----------------------------------------------------- */

void demo_seed(struct demo_rng *r, uint64_t seed)
{
	r->s = seed;
}

/* splitmix64: a bijective step of a counter, so different seeds give
 * different streams and seed 0 is as good as any other. */
uint64_t demo_next(struct demo_rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* 0 .. n-1 (the modulo bias is far below anything the data could show). */
static int rnd(struct demo_rng *r, int n)
{
	return n > 0 ? (int)(demo_next(r) % (uint64_t)n) : 0;
}

/* lo .. hi inclusive. */
static long rnd_range(struct demo_rng *r, long lo, long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (long)(demo_next(r) % (uint64_t)(hi - lo + 1));
}

/* True with a probability of PER_MILLE / 1000. */
static bool chance(struct demo_rng *r, int per_mille)
{
	return rnd(r, 1000) < per_mille;
}

#define PICK(r, a) ((a)[rnd((r), COUNT(a))])

/* --- Dates as day numbers ----------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* The same month and day N years later (or earlier); 29 February becomes
 * 1 March in a common year, so that an 18th birthday or a one-year term
 * computed here is never a day early. */
static long add_years(long day, int n)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	y += n;
	if (m == 2 && d == 29 && !is_leap(y)) {
		m = 3;
		d = 1;
	}
	return days_from_civil(y, m, d);
}

static void put_digits(char *out, long v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* YYYY-MM-DD of a day number. */
static void format_day(long day, char out[11])
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

/* Day number of "YYYY-MM-DD"; -1 when S is not of that form. */
static long parse_day(const char *s)
{
	int v[3] = { 0, 0, 0 };
	static const int pos[3] = { 0, 5, 8 }, len[3] = { 4, 2, 2 };

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int f = 0; f < 3; f++)
		for (int i = 0; i < len[f]; i++) {
			char c = s[pos[f] + i];

			if (c < '0' || c > '9')
				return -1;
			v[f] = v[f] * 10 + (c - '0');
		}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > month_days(v[0], v[1]))
		return -1;
	return days_from_civil(v[0], v[1], v[2]);
}

/* TODAY as a day number; the real date when TODAY is NULL or malformed. */
static long today_day(const char *today)
{
	long t = parse_day(today);

	if (t < 0) {
		char buf[11];

		valid_today(buf);
		t = parse_day(buf);
	}
	return t;
}

/* A random day in [LO, HI], leaning towards LO (people join young). */
static long early_day(struct demo_rng *r, long lo, long hi)
{
	long a = rnd_range(r, lo, hi), b = rnd_range(r, lo, hi);

	return a < b ? a : b;
}

/* --- Tables ------------------------------------------------------------- */

/* Region codes of existing districts (current GB/T 2260 codes, so that a
 * validator with a current table accepts them).  The branch is in Nanjing,
 * so many members were registered there. */
static const char *const home_regions[] = {
	"320102", "320104", "320105", "320106", "320111", "320113",
	"320114", "320115", "320116",
};

static const char *const regions[] = {
	"110101", "110102", "110105", "110106", "110108", /* 北京 */
	"120101", "120103",                               /* 天津 */
	"130102", "130104",                               /* 石家庄 */
	"140105",                                         /* 太原 */
	"210102", "210202",                               /* 沈阳 大连 */
	"220102", "230103",                               /* 长春 哈尔滨 */
	"310101", "310104", "310105", "310115",           /* 上海 */
	"320102", "320106", "320505",                     /* 南京 苏州 */
	"330106", "330203",                               /* 杭州 宁波 */
	"340104", "350102", "350203", "360102",           /* 合肥 福州 厦门 南昌 */
	"370102", "370202",                               /* 济南 青岛 */
	"410105",                                         /* 郑州 */
	"420102", "420106", "420111",                     /* 武汉 */
	"430102", "430104",                               /* 长沙 */
	"440104", "440106", "440303", "440304",           /* 广州 深圳 */
	"450103", "500103",                               /* 南宁 重庆 */
	"510104", "510107",                               /* 成都 */
	"520102", "530102",                               /* 贵阳 昆明 */
	"610103", "610113",                               /* 西安 */
	"620102", "640104",                               /* 兰州 银川 */
};

static const char *const xinjiang_regions[] = {
	"650102", "650103", "650104", "650105", "654002",
};

static const char *const tibet_regions[] = { "540102" };
static const char *const mongolia_regions[] = { "150102", "150203" };

/* Surnames with rough weights (per ten thousand people), after published
 * frequency tables; the surnames read differently as surnames (单 解 仇
 * 区 朴 查 曾) are included on purpose for the pinyin order. */
struct weighted {
	const char *s;
	int w;
};

static const struct weighted surnames[] = {
	{ "王", 710 }, { "李", 700 }, { "张", 660 }, { "刘", 540 }, { "陈", 460 },
	{ "杨", 310 }, { "黄", 250 }, { "赵", 210 }, { "吴", 200 }, { "周", 190 },
	{ "徐", 130 }, { "孙", 130 }, { "马", 110 }, { "朱", 110 }, { "胡", 110 },
	{ "郭", 100 }, { "何", 90 }, { "林", 90 }, { "罗", 90 }, { "高", 90 },
	{ "郑", 80 }, { "梁", 80 }, { "谢", 70 }, { "宋", 60 }, { "唐", 60 },
	{ "许", 60 }, { "韩", 60 }, { "冯", 60 }, { "邓", 60 }, { "曹", 60 },
	{ "彭", 50 }, { "曾", 50 }, { "肖", 50 }, { "田", 50 }, { "董", 50 },
	{ "潘", 40 }, { "袁", 40 }, { "蔡", 40 }, { "蒋", 40 }, { "余", 40 },
	{ "于", 40 }, { "杜", 40 }, { "叶", 40 }, { "程", 40 }, { "魏", 30 },
	{ "苏", 30 }, { "吕", 30 }, { "丁", 30 }, { "任", 30 }, { "卢", 30 },
	{ "姚", 30 }, { "沈", 30 }, { "钟", 30 }, { "姜", 30 }, { "崔", 30 },
	{ "谭", 30 }, { "陆", 30 }, { "范", 20 }, { "汪", 20 }, { "廖", 20 },
	{ "石", 20 }, { "金", 20 }, { "韦", 20 }, { "贾", 20 }, { "夏", 20 },
	{ "付", 20 }, { "方", 20 }, { "邹", 20 }, { "熊", 20 }, { "白", 20 },
	{ "孟", 20 }, { "秦", 20 }, { "邱", 20 }, { "侯", 20 }, { "江", 20 },
	{ "尹", 20 }, { "薛", 20 }, { "闫", 20 }, { "段", 15 }, { "雷", 15 },
	{ "龙", 15 }, { "黎", 15 }, { "史", 15 }, { "陶", 15 }, { "贺", 15 },
	{ "毛", 15 }, { "郝", 15 }, { "顾", 15 }, { "龚", 15 }, { "邵", 15 },
	{ "万", 12 }, { "覃", 12 }, { "武", 12 }, { "钱", 12 }, { "戴", 12 },
	{ "严", 12 }, { "欧", 10 }, { "莫", 10 }, { "孔", 10 }, { "向", 10 },
	{ "常", 10 }, { "汤", 10 }, { "康", 10 }, { "易", 10 }, { "乔", 10 },
	{ "赖", 10 }, { "文", 10 }, { "单", 4 }, { "解", 4 }, { "仇", 3 },
	{ "区", 3 }, { "朴", 4 }, { "查", 3 },
};

static const char *const compound_surnames[] = {
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
};

/* Given-name characters (of three bytes each), by the gender they are
 * usually given to, and some that lead a two-character name for either. */
static const char male_chars[] =
	"伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林建国庆志海峰"
	"东亮成良德福生兵晨博锋毅振坤荣瑞祥兴昊天洋诚彬山江松柏森勤鸣武栋贵喜忠";

static const char female_chars[] =
	"芳娜敏静丽艳娟霞秀英玲桂兰梅琳燕萍红洁婷雪慧颖倩琴云莉蓉晶欣悦佳怡思雨"
	"嘉璐菲薇莹月凤珍春丹冰娇媛妍琪淑素美翠花萱彤蕾岚瑶露菊香玉秋爱惠";

static const char neutral_chars[] =
	"小文晓一子新安永金世向立正家和";

/* Two-character given names typical of people born in the 1940s-50s. */
static const char *const era_male[] = {
	"建国", "建华", "国庆", "国强", "卫东", "卫国", "援朝", "志刚", "志强",
	"永红", "德明", "振华", "福生", "长青", "国栋", "建军", "新民", "跃进",
};

static const char *const era_female[] = {
	"秀英", "桂兰", "淑珍", "玉兰", "秀兰", "凤英", "桂英", "玉梅", "淑英",
	"秀珍", "桂芳", "素芬", "丽华", "美玲", "红梅", "秀云", "玉珍", "淑华",
};

/* Rare characters that really occur in names: Extension A (䶮 㛃 㙟) and
 * Extension B (𠮷 𡈼 𪚥), the latter four bytes in UTF-8 and GB18030. */
static const char *const rare_chars[] = {
	"\xe4\xb6\xae",         /* U+4DAE */
	"\xe3\x9b\x83",         /* U+36C3 */
	"\xe3\x99\x9f",         /* U+365F */
	"\xf0\xa0\xae\xb7",     /* U+20BB7 */
	"\xf0\xa1\x88\xbc",     /* U+2123C */
	"\xf0\xaa\x9a\xa5",     /* U+2A6A5 */
};

/* Uyghur and Kazakh names: own name · father's name. */
static const char *const ug_male[] = {
	"艾力", "买买提", "阿不都", "吐尔逊", "艾合买提", "努尔买买提", "伊力哈木",
	"热合曼", "阿迪力", "麦麦提", "艾尔肯", "库尔班", "亚森", "依明",
};

static const char *const ug_female[] = {
	"阿依古丽", "古丽娜尔", "热依拉", "帕提古丽", "迪丽拜尔", "米日古丽",
	"祖丽菲亚", "阿依努尔", "古再丽努尔", "阿依夏木", "热孜完古丽", "布麦尔耶姆",
};

static const char *const ug_father[] = {
	"买买提", "吐尔逊", "艾则孜", "阿不都拉", "热合曼", "依明", "玉素甫",
	"卡德尔", "艾买提", "司马义", "阿不力孜", "吾守尔",
};

static const char *const kz_male[] = {
	"努尔兰", "叶尔兰", "别克", "阿斯哈尔", "达吾列提", "叶尔江",
};

static const char *const kz_female[] = {
	"古丽巴哈尔", "加娜尔", "阿克列克", "阿依古丽", "哈丽玛",
};

static const char *const kz_father[] = {
	"别克", "哈力木", "叶尔肯", "努尔兰", "托合塔尔",
};

/* Tibetan and Mongolian names, written without a surname. */
static const char *const bo_male[] = {
	"扎西多吉", "次仁顿珠", "格桑旺堆", "尼玛次仁", "达瓦扎西",
};

static const char *const bo_female[] = {
	"次仁卓玛", "央金拉姆", "格桑梅朵", "德吉央宗", "达瓦卓玛",
};

static const char *const mn_male[] = {
	"巴特尔", "额尔敦", "乌力吉", "朝鲁", "宝音", "哈斯巴根",
};

static const char *const mn_female[] = {
	"其其格", "萨仁", "托娅", "格日乐", "阿拉坦其其格",
};

/* Ethnic groups of members with Han-style names, per thousand; the rest
 * are 汉族. */
static const struct weighted han_style_ethnicities[] = {
	{ "回族", 25 }, { "满族", 20 }, { "壮族", 15 }, { "蒙古族", 6 },
	{ "土家族", 6 }, { "苗族", 5 }, { "朝鲜族", 4 }, { "彝族", 3 },
	{ "侗族", 3 }, { "布依族", 3 }, { "白族", 2 }, { "瑶族", 2 },
};

/* Work units and posts (工作单位及职务) by 人员分类, the occupation the
 * 党内统计 counts; all generic names. */
static const char *const units_official[] = {
	"光华街道办事处科员", "光华街道办事处副主任", "区税务局科员",
	"区市场监督管理局科员", "区人力资源和社会保障局科员",
};

static const char *const units_professional[] = {
	"区人民医院医生", "市第三人民医院护士长", "区实验小学教师",
	"市第十二中学教师", "市自来水公司工程师", "区图书馆馆员",
	"区疾病预防控制中心医师", "幸福里社区卫生服务中心医生",
	"金桥科技有限公司工程师", "新城会计师事务所会计", "明德律师事务所律师",
	"联创软件有限公司程序员", "区人民医院护士",
};

static const char *const units_manager[] = {
	"市第一中学副校长", "宏达建设集团项目经理", "恒信保险代理有限公司业务经理",
	"华联超市店长", "瑞丰物业服务有限公司客服主管", "嘉禾餐饮管理有限公司经理",
};

static const char *const units_worker[] = {
	"市公交集团驾驶员", "区供电公司线路工", "市自来水公司抄表员",
	"区环卫所环卫工", "光华街道办事处工勤人员", "嘉禾餐饮管理有限公司厨师",
	"宏达建设集团施工员", "顺达物流有限公司快递员", "锦绣花园物业保安",
	"华联超市理货员", "瑞丰物业服务有限公司保洁员", "新宇装饰工程有限公司木工",
};

static const char *const units_farmer[] = {
	"城郊蔬菜种植户", "水产养殖户", "花卉苗木种植户",
};

static const char *const units_student[] = {
	"市理工大学计算机学院学生", "师范大学文学院学生", "医科大学临床医学院学生",
	"财经大学会计学院研究生", "市职业技术学院学生",
};

static const char *const units_other[] = {
	"个体经营", "自由职业", "灵活就业", "个体工商户", "社区志愿者",
	"幸福里社区居委会委员", "原市第二纺织厂下岗职工", "原市机床厂下岗职工",
	"待业", "恒信保险代理有限公司业务员",
};

static const char *const units_retired_trained[] = {
	"原市第一中学退休教师", "原区人民医院退休医生", "原光华街道办事处退休干部",
	"原市机床厂退休工程师", "原市电信局退休",
};

static const char *const units_retired[] = {
	"原市第二纺织厂退休职工", "原市机床厂退休", "原区供销社退休",
	"原市电信局退休", "原市百货公司退休", "退休", "原市钢铁厂退休工人",
	"原市无线电厂退休",
};

static const char *const compounds[] = {
	"幸福里小区", "幸福里东苑", "和平新村", "光华园", "建设新村", "红旗里",
	"锦绣花园", "翠竹苑",
};

static const char *const streets[] = { "幸福路", "光华路", "和平街" };

static const char *const mobile_prefixes[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
	"176", "177", "178", "180", "181", "182", "183", "184", "185", "186",
	"187", "188", "189", "191", "193", "195", "196", "198", "199",
};

static const char *pick_weighted(struct demo_rng *r, const struct weighted *t,
                                 int n, int total)
{
	int x = rnd(r, total);

	for (int i = 0; i < n; i++) {
		if (x < t[i].w)
			return t[i].s;
		x -= t[i].w;
	}
	return NULL;
}

static int surname_total(void)
{
	static int total;

	if (total == 0) {
		int t = 0;

		for (int i = 0; i < COUNT(surnames); i++)
			t += surnames[i].w;
		total = t;
	}
	return total;
}

/* --- One member --------------------------------------------------------- */

/* Which kind of person to make: any, or one that fits a role that
 * demo_populate needs (a probationary member of working age, an old
 * retiree ...). */
enum profile {
	PROFILE_ANY,
	PROFILE_WORKING,        /* 23-55, not a student, not retired */
	PROFILE_RETIRED,
	PROFILE_ELDER,          /* retired, 78 or older */
};

enum stage {
	STAGE_STUDENT,
	STAGE_WORKING,
	STAGE_RETIRED,
};

/* Append S to the string in BUF (size SZ), never overflowing. */
static void append(char *buf, size_t sz, const char *s)
{
	size_t len = strlen(buf), add = strlen(s);

	if (len + add >= sz)
		add = sz - len - 1;
	memcpy(buf + len, s, add);
	buf[len + add] = '\0';
}

static void copy(char *buf, size_t sz, const char *s)
{
	buf[0] = '\0';
	append(buf, sz, s);
}

/* Digits 15-17 of an ID number: a sequence whose last digit is odd for
 * men and even for women, then the checksum. */
static void id_set_sequence(struct demo_rng *r, char id[19], bool male)
{
	int seq = male ? 2 * rnd(r, 500) + 1 : 2 * (1 + rnd(r, 499));

	put_digits(id + 14, seq, 3);
	id[17] = valid_id_checksum(id);
	id[18] = '\0';
}

static void make_id(struct demo_rng *r, const char *region, long birth,
                    bool male, char id[19])
{
	char date[11];

	format_day(birth, date);
	memcpy(id, region, 6);
	memcpy(id + 6, date, 4);
	memcpy(id + 10, date + 5, 2);
	memcpy(id + 12, date + 8, 2);
	id_set_sequence(r, id, male);
}

/* Append the character R picks of CHARS (of three bytes each). */
static void append_char(struct demo_rng *r, char *out, size_t sz, const char *chars)
{
	char one[4];

	memcpy(one, chars + 3 * rnd(r, (int)(strlen(chars) / 3)), 3);
	one[3] = '\0';
	append(out, sz, one);
}

/* A Han-style name: a (rarely compound) surname and one or two
 * characters; older people often carry the names of their time. */
static void make_han_name(struct demo_rng *r, bool male, int age,
                          char *out, size_t sz)
{
	const char *chars = male ? male_chars : female_chars;

	if (chance(r, 6))
		copy(out, sz, PICK(r, compound_surnames));
	else
		copy(out, sz, pick_weighted(r, surnames, COUNT(surnames),
		                            surname_total()));

	if (age >= 60 && chance(r, 350)) {
		append(out, sz, male ? PICK(r, era_male) : PICK(r, era_female));
	} else {
		/* One character or two; 小 晓 文 ... only lead a pair. */
		if (chance(r, 250)) {
			append_char(r, out, sz, chars);
		} else {
			append_char(r, out, sz, chance(r, 200) ? neutral_chars : chars);
			append_char(r, out, sz, chars);
		}
	}

	/* About one name in fifty has a character from Extension A or B:
	 * it replaces the last given-name character or is the whole given
	 * name. */
	if (chance(r, 21)) {
		size_t len = strlen(out);
		const char *last = out + len;

		/* Step back over one UTF-8 character, unless only the
		 * surname would remain. */
		do
			last--;
		while (last > out && ((unsigned char)*last & 0xc0) == 0x80);
		if (last > out && (size_t)(last - out) > 3)
			out[last - out] = '\0';
		append(out, sz, PICK(r, rare_chars));
	}
}

/* Name, ethnicity and the region of the ID number go together: a Uyghur
 * name with a Xinjiang district, and so on. */
static void make_identity(struct demo_rng *r, bool male, int age,
                          struct member *m, const char **region)
{
	int x = rnd(r, 1000);

	if (x < 33) {
		/* One in thirty: own name · father's name. */
		bool kazakh = x < 8;

		if (kazakh) {
			copy(m->name, sizeof(m->name),
			     male ? PICK(r, kz_male) : PICK(r, kz_female));
			append(m->name, sizeof(m->name), "\xc2\xb7");
			append(m->name, sizeof(m->name), PICK(r, kz_father));
			copy(m->ethnicity, sizeof(m->ethnicity), "哈萨克族");
		} else {
			copy(m->name, sizeof(m->name),
			     male ? PICK(r, ug_male) : PICK(r, ug_female));
			append(m->name, sizeof(m->name), "\xc2\xb7");
			append(m->name, sizeof(m->name), PICK(r, ug_father));
			copy(m->ethnicity, sizeof(m->ethnicity), "维吾尔族");
		}
		*region = PICK(r, xinjiang_regions);
	} else if (x < 36) {
		copy(m->name, sizeof(m->name),
		     male ? PICK(r, bo_male) : PICK(r, bo_female));
		copy(m->ethnicity, sizeof(m->ethnicity), "藏族");
		*region = PICK(r, tibet_regions);
	} else if (x < 39) {
		copy(m->name, sizeof(m->name),
		     male ? PICK(r, mn_male) : PICK(r, mn_female));
		copy(m->ethnicity, sizeof(m->ethnicity), "蒙古族");
		*region = PICK(r, mongolia_regions);
	} else {
		const char *eth = pick_weighted(r, han_style_ethnicities,
		                                COUNT(han_style_ethnicities), 1000);

		make_han_name(r, male, age, m->name, sizeof(m->name));
		copy(m->ethnicity, sizeof(m->ethnicity), eth ? eth : "汉族");
		*region = chance(r, 400) ? PICK(r, home_regions) : PICK(r, regions);
	}
}

static const char *make_education(struct demo_rng *r, enum stage st, int age,
                                  bool migrant)
{
	static const struct weighted retired[] = {
		{ "初中及以下", 400 }, { "高中", 250 }, { "中专", 150 },
		{ "大学专科", 100 }, { "大学本科", 80 }, { "研究生", 20 },
	};
	static const struct weighted old[] = {
		{ "初中及以下", 650 }, { "高中", 200 }, { "中专", 100 },
		{ "大学专科", 30 }, { "大学本科", 20 },
	};
	static const struct weighted working[] = {
		{ "研究生", 100 }, { "大学本科", 400 }, { "大学专科", 250 },
		{ "中专", 80 }, { "高中", 100 }, { "初中及以下", 70 },
	};
	static const struct weighted workers[] = {
		{ "初中及以下", 500 }, { "高中", 300 }, { "中专", 200 },
	};
	static const struct weighted students[] = {
		{ "大学本科", 700 }, { "研究生", 200 }, { "大学专科", 100 },
	};

	if (st == STAGE_STUDENT)
		return pick_weighted(r, students, COUNT(students), 1000);
	if (st == STAGE_RETIRED)
		return age >= 80 ? pick_weighted(r, old, COUNT(old), 1000)
		                 : pick_weighted(r, retired, COUNT(retired), 1000);
	if (migrant)
		return pick_weighted(r, workers, COUNT(workers), 1000);
	return pick_weighted(r, working, COUNT(working), 1000);
}

/* 人员分类, 学历 and a work unit that fits both: professionals,
 * officials and managers have been to college. */
static void make_occupation(struct demo_rng *r, enum stage st, int age,
                            struct member *m)
{
	static const struct weighted working[] = {
		{ "工人", 300 }, { "其他职业人员", 280 }, { "专业技术人员", 200 },
		{ "管理人员", 120 }, { "党政机关工作人员", 80 }, { "农牧渔民", 20 },
	};
	const char *cat, *unit;

	if (st == STAGE_RETIRED)
		cat = "离退休人员";
	else if (st == STAGE_STUDENT)
		cat = "学生";
	else
		cat = pick_weighted(r, working, COUNT(working), 1000);
	copy(m->category, sizeof(m->category), cat);
	copy(m->education, sizeof(m->education),
	     make_education(r, st, age, strcmp(cat, "工人") == 0 ||
	                                strcmp(cat, "农牧渔民") == 0));
	if ((strcmp(cat, "专业技术人员") == 0 || strcmp(cat, "党政机关工作人员") == 0 ||
	     strcmp(cat, "管理人员") == 0) && strstr(m->education, "大学") == NULL &&
	    strcmp(m->education, "研究生") != 0)
		copy(m->education, sizeof(m->education), "大学本科");

	if (st == STAGE_RETIRED) {
		bool trained = strstr(m->education, "大学") != NULL ||
		               strcmp(m->education, "研究生") == 0;

		unit = trained ? PICK(r, units_retired_trained) : PICK(r, units_retired);
	} else if (st == STAGE_STUDENT) {
		unit = PICK(r, units_student);
	} else if (strcmp(cat, "党政机关工作人员") == 0) {
		unit = PICK(r, units_official);
	} else if (strcmp(cat, "专业技术人员") == 0) {
		unit = PICK(r, units_professional);
	} else if (strcmp(cat, "管理人员") == 0) {
		unit = PICK(r, units_manager);
	} else if (strcmp(cat, "工人") == 0) {
		unit = PICK(r, units_worker);
	} else if (strcmp(cat, "农牧渔民") == 0) {
		unit = PICK(r, units_farmer);
	} else {
		unit = PICK(r, units_other);
	}
	copy(m->work_unit, sizeof(m->work_unit), unit);
}

static void make_phone(struct demo_rng *r, bool landline, char *out, size_t sz)
{
	char buf[32];

	if (landline) {
		/* Nanjing numbers: 025- and eight digits. */
		memcpy(buf, "025-", 4);
		buf[4] = "568"[rnd(r, 3)];
		put_digits(buf + 5, rnd(r, 10000000), 7);
		buf[12] = '\0';
	} else {
		memcpy(buf, PICK(r, mobile_prefixes), 3);
		put_digits(buf + 3, rnd(r, 100000000), 8);
		buf[11] = '\0';
	}
	copy(out, sz, buf);
}

static void make_address(struct demo_rng *r, char *out, size_t sz)
{
	if (chance(r, 850))
		snprintf(out, sz, "%s%d号楼%d单元%d%02d室", PICK(r, compounds),
		         1 + rnd(r, 24), 1 + rnd(r, 4), 1 + rnd(r, 18),
		         1 + rnd(r, 4));
	else
		snprintf(out, sz, "%s%d号%d室", PICK(r, streets),
		         1 + rnd(r, 200), 101 + rnd(r, 6) * 100 + rnd(r, 3));
}

/* A party group for the member: a group named for retirees (离退休)
 * takes only retirees, one named for members in work (在职) only those
 * whose occupation is a post (EMPLOYED); retirees go to their own group
 * half of the time. */
static void make_group(struct demo_rng *r, const char *const *groups,
                       int ngroups, bool retired, bool employed,
                       char *out, size_t sz)
{
	int fit[64], nfit = 0, own = -1;

	out[0] = '\0';
	if (groups == NULL || ngroups <= 0)
		return;
	for (int i = 0; i < ngroups && nfit < COUNT(fit); i++) {
		bool for_retired = strstr(groups[i], "离退休") != NULL;
		bool for_employed = strstr(groups[i], "在职") != NULL;

		if (for_retired && retired && own < 0)
			own = i;
		if ((for_retired && !retired) || (for_employed && !employed))
			continue;
		fit[nfit++] = i;
	}
	if (own >= 0 && chance(r, 500))
		copy(out, sz, groups[own]);
	else if (nfit > 0)
		copy(out, sz, groups[fit[rnd(r, nfit)]]);
	else
		copy(out, sz, groups[rnd(r, ngroups)]);
}

/* The latest 入党日期 whose one-year term has ended by TODAY. */
static long latest_full_join(long today)
{
	long hi = add_years(today, -1);

	while (add_years(hi, 1) > today)
		hi--;
	return hi;
}

/* M's status becomes STATUS, for REASON, on a day from FROM (not before
 * M joined) to LAST. */
static void set_status(struct demo_rng *r, struct member *m, const char *status,
                       long from, long last, const char *reason)
{
	long join = parse_day(m->join_date);

	copy(m->status, sizeof(m->status), status);
	format_day(rnd_range(r, from > join ? from : join, last), m->status_date);
	copy(m->status_reason, sizeof(m->status_reason), reason);
}

/* 入党日期, 转正日期 and the member type of someone of stage ST, 18 on
 * day ADULT.  About 8% 预备党员, mostly students and young employees;
 * they joined within the last twelve months, so none is overdue. */
static void make_joining(struct demo_rng *r, enum stage st, long adult, long today,
                         struct member *m)
{
	int x = st == STAGE_STUDENT ? 250 : st == STAGE_WORKING ? 130 : 10;
	bool probation = chance(r, x);

	/* 18 less than a year ago: not a full member yet (党章第七条) */
	if (adult > latest_full_join(today))
		probation = true;
	if (probation) {
		long lo = today - 364 > adult ? today - 364 : adult;

		format_day(rnd_range(r, lo, today), m->join_date);
		copy(m->member_type, sizeof(m->member_type), "预备党员");
		m->full_date[0] = '\0';
	} else {
		long join = early_day(r, adult, latest_full_join(today));

		format_day(join, m->join_date);
		format_day(add_years(join, 1), m->full_date);
		copy(m->member_type, sizeof(m->member_type), "正式党员");
	}
}

/* A note for one member in twenty, fitting stage ST and AGE. */
static void make_note(struct demo_rng *r, enum stage st, int age, struct member *m)
{
	m->note[0] = '\0';
	if (chance(r, 50)) {
		const char *note;

		if (strcmp(m->status, "流出") == 0)
			note = "流出期间通过微信群参加组织生活";
		else if (st == STAGE_RETIRED)
			note = age >= 80 ? "行动不便，组织生活送学上门" : "独居，子女在外地";
		else if (st == STAGE_STUDENT)
			note = "寒暑假回社区报到";
		else
			note = "在职党员回社区报到";
		copy(m->note, sizeof(m->note), note);
	}
}

static void gen_member(struct demo_rng *r, long today,
                       const char *const *groups, int ngroups,
                       enum profile prof, struct member *m)
{
	enum stage st;
	bool male;
	int age, x;
	long birth, adult;
	const char *region;

	member_init(m);
	m->id = 0;
	m->version = 0;

	x = rnd(r, 1000);
	if (prof == PROFILE_RETIRED || prof == PROFILE_ELDER ||
	    (prof == PROFILE_ANY && x < 480))
		st = STAGE_RETIRED;
	else if (prof == PROFILE_ANY && x >= 930)
		st = STAGE_STUDENT;
	else
		st = STAGE_WORKING;
	male = chance(r, 550);

	/* Ages: retirees 55/60 to about 92 (born 1935-1960 when TODAY is in
	 * the 2020s), working age 23-59, students 19-25. */
	if (prof == PROFILE_ELDER)
		age = 78 + rnd(r, 15);
	else if (st == STAGE_RETIRED)
		age = (male ? 60 : 55) + rnd(r, 17) + rnd(r, 17);
	else if (st == STAGE_STUDENT)
		age = 19 + rnd(r, 7);
	else if (prof == PROFILE_WORKING)
		age = 23 + rnd(r, 33);
	else
		age = 23 + rnd(r, male ? 37 : 32);
	birth = add_years(today, -age) - rnd(r, 365);
	adult = add_years(birth, 18);

	make_identity(r, male, age, m, &region);
	copy(m->gender, sizeof(m->gender), male ? "男" : "女");
	format_day(birth, m->birth_date);
	make_id(r, region, birth, male, m->id_number);

	make_occupation(r, st, age, m);

	make_joining(r, st, adult, today, m);

	copy(m->status, sizeof(m->status), "在册");
	m->status_date[0] = '\0';
	m->status_reason[0] = '\0';
	x = st == STAGE_RETIRED ? 10 : strcmp(m->category, "工人") == 0 ? 40 : 20;
	if (chance(r, x))
		set_status(r, m, "流出", today - 3 * 365, today,
		           st == STAGE_RETIRED ? "随子女异地居住"
		           : st == STAGE_STUDENT ? "异地求学" : "外出务工");

	make_phone(r, chance(r, st == STAGE_RETIRED ? 300 : 50), m->phone,
	           sizeof(m->phone));
	make_address(r, m->address, sizeof(m->address));
	make_group(r, groups, ngroups, st == STAGE_RETIRED,
	           strcmp(m->category, "离退休人员") != 0 &&
	           strcmp(m->category, "学生") != 0 &&
	           strcmp(m->category, "其他职业人员") != 0, m->party_group,
	           sizeof(m->party_group));

	make_note(r, st, age, m);
}

void demo_member(struct demo_rng *r, const char *today,
                 const char *const *groups, int ngroups, struct member *m)
{
	gen_member(r, today_day(today), groups, ngroups, PROFILE_ANY, m);
}

/* --- A whole branch ----------------------------------------------------- */

static const char *const demo_groups[] = {
	"第一党小组", "第二党小组", "第三党小组", "离退休党小组", "在职党员党小组",
};

#define DEMO_BRANCH "幸福里社区第一党支部"

/* Members the dashboard must have something to show for. */
enum special {
	SPECIAL_NONE,
	SPECIAL_DUE,            /* 预备党员, one-year term ends within 30 days */
	SPECIAL_OVERDUE,        /* 预备党员, term ended a few days ago */
	SPECIAL_ANNIVERSARY,    /* 入党 in TODAY's month */
	SPECIAL_AWAY,           /* 流出 */
	SPECIAL_DECEASED,       /* 去世 */
};

static const enum special specials[] = {
	SPECIAL_DUE, SPECIAL_ANNIVERSARY, SPECIAL_AWAY, SPECIAL_DUE,
	SPECIAL_ANNIVERSARY, SPECIAL_OVERDUE, SPECIAL_AWAY, SPECIAL_ANNIVERSARY,
	SPECIAL_DECEASED,
};

/* The special role of member I of N: spread over the list when there is
 * room, else the first ones. */
static enum special special_at(int i, int n)
{
	int k = COUNT(specials);

	if (n < 2 * k)
		return i < k ? specials[i] : SPECIAL_NONE;
	for (int j = 0; j < k; j++)
		if ((long)(2 * j + 1) * n / (2 * k) == i)
			return specials[j];
	return SPECIAL_NONE;
}

static enum profile special_profile(enum special sp, int i)
{
	switch (sp) {
	case SPECIAL_DUE:
	case SPECIAL_OVERDUE:
	case SPECIAL_AWAY:
		return PROFILE_WORKING;
	case SPECIAL_ANNIVERSARY:
		return i % 2 ? PROFILE_WORKING : PROFILE_RETIRED;
	case SPECIAL_DECEASED:
		return PROFILE_ELDER;
	case SPECIAL_NONE:
		break;
	}
	return PROFILE_ANY;
}

static void set_probation(struct member *m, long join)
{
	format_day(join, m->join_date);
	m->full_date[0] = '\0';
	copy(m->member_type, sizeof(m->member_type), "预备党员");
}

/* Give the member generated for a special role the dates of that role;
 * the profile guarantees the age it needs (23 or older). */
static void apply_special(struct demo_rng *r, long today, enum special sp,
                          struct member *m)
{
	int ty, tm, td, by, bm, bd;

	if (sp == SPECIAL_NONE)
		return;
	if (sp != SPECIAL_AWAY && sp != SPECIAL_DECEASED) {
		copy(m->status, sizeof(m->status), "在册");
		m->status_date[0] = '\0';
		m->status_reason[0] = '\0';
		if (strstr(m->note, "流出") != NULL)
			m->note[0] = '\0';
	}
	civil_from_days(today, &ty, &tm, &td);
	switch (sp) {
	case SPECIAL_DUE:
		/* The term ends on join + 1 year = TODAY + 3..28 days. */
		set_probation(m, add_years(today + rnd_range(r, 3, 28), -1));
		break;
	case SPECIAL_OVERDUE:
		set_probation(m, add_years(today - rnd_range(r, 3, 20), -1));
		break;
	case SPECIAL_ANNIVERSARY: {
		long join = parse_day(m->join_date);
		int y, mo, d;

		/* Keep the year (within the years possible at 19 or older
		 * with a term already ended), move to TODAY's month. */
		civil_from_days(join, &y, &mo, &d);
		civil_from_days(parse_day(m->birth_date), &by, &bm, &bd);
		if (y < by + 19)
			y = by + 19;
		if (y > ty - 2)
			y = ty - 2;
		join = days_from_civil(y, tm, 1 + rnd(r, month_days(y, tm)));
		format_day(join, m->join_date);
		format_day(add_years(join, 1), m->full_date);
		copy(m->member_type, sizeof(m->member_type), "正式党员");
		break;
	}
	case SPECIAL_AWAY:
		set_status(r, m, "流出", today - 400, today, "外出务工");
		copy(m->note, sizeof(m->note), "流出期间通过微信群参加组织生活");
		break;
	case SPECIAL_DECEASED:
		/* An old 正式党员 (the elder profile has a term long over). */
		set_status(r, m, "去世", today - 700, today - 1, "病故");
		m->note[0] = '\0';
		break;
	case SPECIAL_NONE:
		break;
	}
}

/* ID numbers handed out so far (their first 17 digits), so that a large
 * branch never repeats one: open addressing over a power of two. */
struct idset {
	uint64_t *slot;
	size_t mask;
};

static void idset_init(struct idset *s, int n)
{
	size_t cap = 64;

	while (cap < (size_t)n * 2)
		cap *= 2;
	s->slot = calloc(cap, sizeof(*s->slot));
	s->mask = s->slot ? cap - 1 : 0;
}

/* Add ID; false if it was there already.  Without memory every ID is new
 * (the store still refuses duplicates). */
static bool idset_add(struct idset *s, const char *id)
{
	uint64_t key = 0;
	size_t i;

	if (s->slot == NULL)
		return true;
	for (int k = 0; k < 17; k++)
		key = key * 10 + (uint64_t)(id[k] - '0');
	key++;                  /* 0 marks an empty slot */
	i = (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 20) & s->mask;
	while (s->slot[i] != 0) {
		if (s->slot[i] == key)
			return false;
		i = (i + 1) & s->mask;
	}
	s->slot[i] = key;
	return true;
}

/* Insert M, drawing a new sequence number while its ID number is taken
 * (by this branch or by rows already in the database). */
static int insert_unique(struct db *db, struct demo_rng *r, struct idset *ids,
                         struct member *m)
{
	bool male = strcmp(m->gender, "男") == 0;

	for (int tries = 0; tries < 1000; tries++) {
		int rc;

		if (!idset_add(ids, m->id_number)) {
			id_set_sequence(r, m->id_number, male);
			continue;
		}
		m->id = 0;
		rc = store_member_insert(db, m);
		if (rc != DB_DUPLICATE)
			return rc;
		id_set_sequence(r, m->id_number, male);
	}
	return DB_DUPLICATE;
}

int demo_populate(struct db *db, uint64_t seed, int n, const char *today)
{
	struct demo_rng r;
	struct idset ids;
	struct member *m;
	long day = today_day(today);
	int rc;

	m = malloc(sizeof(*m));
	if (m == NULL)
		return DB_ERROR;
	idset_init(&ids, n > 0 ? n : 0);
	demo_seed(&r, seed);

	rc = db_begin(db);
	if (rc != DB_OK)
		goto out;
	rc = db_set_setting(db, "branch.name", DEMO_BRANCH);
	for (int i = 0; rc == DB_OK && i < COUNT(demo_groups); i++) {
		int64_t gid;

		rc = store_group_ensure(db, demo_groups[i], &gid);
	}
	for (int i = 0; rc == DB_OK && i < n; i++) {
		enum special sp = special_at(i, n);

		gen_member(&r, day, demo_groups, COUNT(demo_groups),
		           special_profile(sp, i), m);
		apply_special(&r, day, sp, m);
		rc = insert_unique(db, &r, &ids, m);
	}
	/* the other registers' parts, on this branch's members */
	for (size_t i = 0; rc == DB_OK && registers[i]; i++)
		if (registers[i]->demo)
			rc = registers[i]->demo(db, &r, today);
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK)
		db_rollback(db);
out:
	free(ids.slot);
	free(m);
	return rc;
}
