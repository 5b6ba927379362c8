# gen-roster.awk - a fictitious roster (党员花名册) as a spreadsheet would
# save it, for the import, export and report tests.  No real person's data:
# names are drawn from common characters, ID numbers are made up with a
# valid GB 11643 check character.
#
#   awk -v n=1000 [-v faults=1] -f tests/data/gen-roster.awk > roster.csv
#
# Writes UTF-8 with LF line ends and the Chinese headers of SPEC 1.1
# (convert with iconv -t GB18030 and add CRs for what Excel writes).  Every
# row is valid for a database whose today is 2026-06-15 (the tests pin
# ZHIBU_TODAY), with the spellings people type (本科, 大专, 硕士研究生,
# 2005/7/1, 2005年7月1日), cells that need quoting (commas, quotes, a line
# break in 备注), minority names with the middle dot and a surname outside
# the BMP (𠮷, four bytes in GB18030).  ID numbers are unique for n up to
# 20 000.  The output depends only on n and faults, and is the same with
# mawk and gawk (all arithmetic stays below 2^53).
#
# With faults=1, sixteen rows carry one planted problem each (see fault());
# row 650 names a party group the branch lacks, which is not a fault.
# A row's planted fault replaces a value; "@@BAD@@" is a place for the test
# to put bytes that are invalid in GB18030.

BEGIN {
	if (n == "")
		n = 1000
	x = 20260615
	split("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 高 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 萧 田 董 潘 袁 蔡 蒋 余 于 杜 叶 程 魏 苏 吕 丁 任 卢 姚 沈 钟 姜 崔 谭 陆 范 汪 廖 石 金 韦 贾 夏 付 方 邹 熊 白 孟 秦 邱 侯 江 尹 薛 闫 段 雷 龙 黎 史 陶 贺 毛 郝 顾 龚 邵 万 覃 武 钱 戴 严 欧阳 司马 诸葛", surname, " ")
	nsur = 0
	for (k in surname)
		nsur++
	split("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 玉 兰 萍 红 建 文 辉 力 永 健 世 广 志 义 兴 良 海 山 仁 波 宁 贵 福 生 龙 元 全 国 胜 学 祥 才 发 武 新 利 清 飞 彬 富 顺 信 子 杰 涛 昌 成 康 星 光 天 达 安 岩 中 茂 进 林 有 坚 和 彪 博 诚 先 敬 震 振 壮 会 思 群 豪 心 邦 承 乐 绍 功 松 善 厚 庆 磊 民 友 裕 河 哲 江 超 浩 亮 政 谦 亨 奇 固 之 轮 翰 朗 伯 宏 言", given, " ")
	ngiven = 0
	for (k in given)
		ngiven++
	split("110105 310107 320106 420106 340103 320102 320104 340202", region, " ")
	split("本科 大专 硕士研究生 博士研究生 高中 初中 中专 大学本科 研究生 小学 大学专科 初中及以下", edu, " ")
	split("第一党小组 第二党小组 离退休党小组", group, " ")
	split("街道办事处 社区卫生服务中心 区实验小学 市自来水公司 个体经营 区税务局科员 退休", unit, " ")
	split("幸福路 健康路 云南路 江滨新村 小羊村 公园社区 四牌楼", street, " ")
	split("阿依古丽·买买提 艾尔肯·吾守尔 热依拉·阿不都 努尔兰·哈力克", uyghur, " ")
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", weight, " ")
	checks = "10X98765432"
	# 1940-01-01 as days since 1970-01-01
	base = -10957

	print "姓名,性别,民族,出生日期,身份证号,学历,党员类别,人员分类,入党日期,转正日期,党籍状态,工作单位及职务,联系电话,居住地址,党小组,备注"
	for (i = 1; i <= n; i++)
		row(i)
}

function rnd(m) {
	x = (x * 69069 + 1) % 4294967296
	return int(x / 65536) % m
}

# Days since 1970-01-01 to Y M D (H. Hinnant's civil_from_days).
function civil(days,    z, era, doe, yoe, doy, mp) {
	z = days + 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	Y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	D = doy - int((153 * mp + 2) / 5) + 1
	M = mp < 10 ? mp + 3 : mp - 9
	if (M <= 2)
		Y++
}

function iso(y, m, d) {
	return sprintf("%04d-%02d-%02d", y, m, d)
}

function check_char(id17,    s, k) {
	s = 0
	for (k = 1; k <= 17; k++)
		s += substr(id17, k, 1) * weight[k]
	return substr(checks, s % 11 + 1, 1)
}

# RFC 4180 quoting, only where needed.
function q(s) {
	if (s ~ /[",\n]/) {
		gsub(/"/, "\"\"", s)
		return "\"" s "\""
	}
	return s
}

# The row's values are globals, so that fault() can replace them.
function row(i,    jy, jm, jd, jform) {
	civil(base + (i * 7919) % 20000)
	by = Y; bm = M; bd = D
	male = i % 2 == 1
	id17 = region[i % 8 + 1] sprintf("%04d%02d%02d", by, bm, bd) \
	       sprintf("%03d", 2 * (int(i / 20000) % 499) + (male ? 1 : 2))
	id = id17 check_char(id17)
	bdate = iso(by, bm, bd)

	eth = "汉族"
	if (i % 53 == 0) {
		name = uyghur[rnd(4) + 1]
		eth = "维吾尔族"
	} else {
		name = surname[rnd(nsur) + 1] given[rnd(ngiven) + 1]
		if (rnd(3))
			name = name given[rnd(ngiven) + 1]
		if (i % 37 == 0)
			eth = "回族"
	}
	if (i % 101 == 0)
		name = "𠮷" given[rnd(ngiven) + 1]

	cat = by < 1966 ? "离退休" : "在职"
	if (i % 10 == 3) {
		type = "预备党员"
		civil(20270 + i % 300)          # from 2025-07-01
		join = iso(Y, M, D)
		full = ""
	} else {
		type = "正式党员"
		jy = by + 19 + rnd(2024 - by - 19 + 1)
		jm = rnd(12) + 1
		jd = rnd(28) + 1
		jform = i % 7
		if (jform == 1)
			join = jy "/" jm "/" jd
		else if (jform == 2)
			join = jy "年" jm "月" jd "日"
		else
			join = iso(jy, jm, jd)
		full = iso(jy + 1, jm, jd)
	}
	status = i % 97 == 0 ? "流出" : "在册"
	wu = unit[rnd(7) + 1]
	if (i % 13 == 0)
		wu = "南京某某科技有限公司,技术部"
	if (i % 11 == 0)
		phone = "025-8" sprintf("%07d", rnd(10000000))
	else
		phone = "1" (rnd(7) + 3) sprintf("%09d", rnd(1000000) * 1000 + rnd(1000))
	addr = street[rnd(7) + 1] (rnd(200) + 1) "号" (rnd(20) + 1) "0" (rnd(9) + 1) "室"
	if (i % 17 == 0)
		addr = "“阳光”小区" (rnd(30) + 1) "栋"
	if (i % 19 == 0)
		addr = "A座\"东\"楼" (rnd(30) + 1) "室"
	grp = cat == "离退休" ? "离退休党小组" : group[rnd(2) + 1]
	e = edu[i % 12 + 1]
	note = ""
	if (i % 50 == 25)
		note = "生活困难，\n需要走访"
	extra = ""

	if (faults)
		fault(i)

	print q(name) "," (male ? "男" : "女") "," eth "," bdate "," id "," \
	      e "," type "," cat "," join "," full "," status "," \
	      q(wu) "," phone "," q(addr) "," grp "," q(note) extra
}

# The planted problems (tests/cli/import.sh names each line and reason).
function fault(i) {
	if (i == 12)
		id = id17 (check_char(id17) == "0" ? "1" : "0")    # checksum
	else if (i == 57)
		join = "2010-02-30"                             # no such day
	else if (i == 101)
		phone = "12345678901"                           # not a mobile
	else if (i == 150)
		name = ""                                       # required
	else if (i == 200)
		name = "王\033[31m伟"                           # an escape sequence
	else if (i == 260) {
		join = "2027-01-01"                             # future, and so
		full = "2028-01-01"                             # is this
	} else if (i == 300) {
		civil(base + (20 * 7919) % 20000)               # row 20's ID
		bdate = iso(Y, M, D)
		male = 0
		id17 = region[20 % 8 + 1] sprintf("%04d%02d%02d", Y, M, D) "002"
		id = id17 check_char(id17)
	} else if (i == 353)
		full = "2026-01-01"                             # 预备党员 with it
	else if (i == 400) {
		join = iso(by + 10, 6, 1)                        # aged 10
		full = iso(by + 11, 6, 1)
	} else if (i == 450)
		male = !male                                     # gender vs ID
	else if (i == 500)
		e = "幼儿园"
	else if (i == 550)
		name = "欧阳一二三四五六七八九十一二三四五六七八九十一二"
	else if (i == 600)
		addr = "健康路@@BAD@@号"
	else if (i == 650)
		grp = "第三党小组"                               # created, no fault
	else if (i == 700)
		full = ""                                        # 正式党员 without
	else if (i == 750)
		eth = "火星族"
	else if (i == 850)
		extra = ",多出来的一格"
	else if (i == 900)
		bdate = sprintf("%04d-13-%02d", by, bd)
}
