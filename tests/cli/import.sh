#!/bin/sh
# zhibu import: the files Excel writes (GB18030 and CRLF, UTF-8 with or
# without a BOM, UTF-16 "Unicode text"), every rejected row named by line
# and reason, and --dry-run, --all-or-nothing, --update.
. "$top_srcdir/tests/lib.sh"

# gen N [faults]: a fictitious roster of N rows (UTF-8, LF).
gen() {
	awk -v n="$1" -v faults="${2:-0}" -f "$top_srcdir/tests/data/gen-roster.awk"
}
# As Chinese Excel saves "CSV (逗号分隔)": GB18030 with CRLF.  @@BAD@@
# becomes a byte that is not valid GB18030 (a lead byte before a space).
excel() {
	iconv -f UTF-8 -t GB18030 | sed 's/$/\r/; s/@@BAD@@/\x81 /'
}
count() { sql "$1" 'SELECT count(*) FROM members;'; }

cd "$T" || exit 1
"$ZHIBU" init --db branch.db --branch 幸福里社区第一党支部 >/dev/null

# ---- the issue's acceptance: 1000 rows, 17 of them faulty --------------
gen 1000 1 | excel > roster.csv
run import --db branch.db members roster.csv
is "$rc" 3 "a file with faulty rows: exit status 3"
is "$err" "roster.csv:13: ID number: the check digit does not match (wrong number?)
roster.csv:59: Joined: no such day (e.g. February 30)
roster.csv:104: Phone: is not a mobile number (those start with 13 to 19)
roster.csv:154: Name: is required
roster.csv:205: Name: contains control characters
roster.csv:266: Joined: is in the future
roster.csv:266: Full member since: is in the future
roster.csv:307: ID number: appears twice in the file (first on line 21)
roster.csv:361: Full member since: must be empty for a probationary member
roster.csv:409: Joined: the member was under 18 on this date
roster.csv:460: Gender: does not agree with the ID number
roster.csv:511: Education: is not one of the choices
roster.csv:562: Name: is longer than 20 characters
roster.csv:613: Address: contains bytes that are not valid in the file's encoding
roster.csv:715: Full member since: is required for a full member
roster.csv:766: Ethnicity: is not one of the choices
roster.csv:868: the row has more cells than the header row
roster.csv:919: Birth date: no such month" \
	"each faulty row is named by its line (line breaks in cells counted) with every problem"
is "$out" "created party group 离退休党小组
created party group 第二党小组
created party group 第一党小组
created party group 第三党小组
imported 983, rejected 17" "the groups made and the summary on stdout"
is "$(count branch.db)" 983 "the good rows are stored"
is "$(sql branch.db "SELECT count(*) FROM party_groups WHERE name = '第三党小组';")" 1 \
	"a party group named in the file is created"
is "$(sql branch.db "SELECT education || ' ' || join_date FROM members WHERE id_number = '320106198305140026';")" \
	"研究生 2021-04-06" "硕士研究生 and 2021年4月6日 are stored in their canonical forms"
is "$(sql branch.db "SELECT note FROM members WHERE note <> '' LIMIT 1;")" "生活困难，
需要走访" "a line break inside a quoted cell is kept (CRLF made LF)"
is "$(sql branch.db "SELECT count(*) FROM members WHERE name LIKE '𠮷%';")" 8 \
	"names with a character outside the BMP (four bytes in GB18030; row 101 is faulty)"
is "$(sql branch.db 'PRAGMA integrity_check;')" ok "integrity_check passes"
run check --db branch.db
is "$rc" 0 "zhibu check finds nothing wrong"
is "$(sql branch.db "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'members';")" 7 \
	"the members' indexes, dropped for the import, are all there again"

# Searching the imported roster: a tail of an ID number, a run of a name.
idn=$(sql branch.db "SELECT id_number FROM members ORDER BY id LIMIT 1;")
tail6=$(printf '%s' "$idn" | cut -c13-18)
want=$(sql branch.db "SELECT count(*) FROM members WHERE substr(id_number, -6) = '$tail6' AND status IN ('在册', '流出');")
run export --db branch.db --search "$tail6" -o found.csv members
is "$rc" 0 "export --search by the last six digits of an ID number"
is "$(grep -c "$tail6" found.csv)" "$want" "finds the members whose ID number ends so ($want)"

# A member added behind zhibu's back is not in the search index: said.
sql branch.db "INSERT INTO members (id, name, gender, birth_date, id_number, join_date,
	name_strokes, name_pinyin, name_initials, name_pinyin_key)
	SELECT 5, name, gender, birth_date, '110105194912310021', join_date, name_strokes,
	name_pinyin, name_initials, name_pinyin_key FROM members LIMIT 1;"
run check --db branch.db
is "$rc" 1 "zhibu check fails on a member added by another program"
like "$out$err" "a member is missing from the search index" "... saying it is missing from the search index"
sql branch.db "DELETE FROM members WHERE id = 5;"

# The same file again: everything good is on the roster already.
run import --db branch.db members roster.csv
is "$rc" 3 "importing it again"
is "$(printf '%s\n' "$err" | grep -c ': ID number: is already on the roster$')" 983 \
	"rejects each stored row as already on the roster"
is "$(printf '%s\n' "$out" | tail -n 1)" "imported 0, rejected 1000" "and stores nothing"

# ---- modes --------------------------------------------------------------
run import --db dry.db --dry-run members roster.csv
is "$rc" 3 "--dry-run: the same exit status"
is "$err" "$(cd "$T" && "$ZHIBU" import --db dry.db --dry-run members roster.csv 2>&1 >/dev/null)" \
	"the same report twice"
like "$err" "^roster.csv:13: ID number: the check digit" "and the same rejections"
like "$out" "would create party group 第三党小组" "says which groups it would make"
like "$out" "^would import 983, would reject 17$" "and what it would import, in words of a dry run"
like "$out" "dry run: nothing was stored" "and that nothing was stored"
[ ! -e dry.db ]; ok $? "a dry run does not even create the database"
"$ZHIBU" init --db dry.db >/dev/null
run import --db dry.db --dry-run members roster.csv
is "$(count dry.db)" 0 "nor store into an existing one"

"$ZHIBU" init --db aon.db >/dev/null
run import --db aon.db --all-or-nothing members roster.csv
is "$rc" 3 "--all-or-nothing with faulty rows: status 3"
like "$err" "roster.csv:919: Birth date: no such month" "every row is still checked"
like "$out" "imported 0, rejected 17" "nothing imported"
like "$out" "983 rows were good" "and why"
is "$(count aon.db)" 0 "the database is untouched"
is "$(sql aon.db 'SELECT count(*) FROM party_groups;')" 0 "no party group made either"

gen 20 | excel > twenty.csv
"$ZHIBU" init --db upd.db >/dev/null
run import --db upd.db members twenty.csv
is "$out" "created party group 离退休党小组
created party group 第二党小组
created party group 第一党小组
imported 20, rejected 0" "20 good rows"
is "$rc" 0 "exit status 0 when every row is good"
# row 5 (line 6) gets a new phone and 党小组; 20 rows again with --update
gen 20 | sed '6s/,19006338895,/,13700000005,/; 6s/第一党小组/第三党小组/' | excel > twenty-new.csv
run import --db upd.db --update members twenty-new.csv
is "$rc" 0 "--update of rows on the roster"
is "$out" "created party group 第三党小组
imported 1, rejected 0
(1 of them updated records that were there already)
(19 of them were the same as in the Member roster: nothing changed)" "says which were updates, and which changed nothing"
is "$(count upd.db)" 20 "no member added"
is "$(sql upd.db "SELECT phone || ' ' || version FROM members WHERE id_number = '320102199308260014';")" \
	"13700000005 2" "the changed phone is stored, version 2"
is "$(sql upd.db "SELECT count(*) FROM members WHERE version = 2;")" 1 \
	"only the changed member has a new version (the others were not written)"
is "$(sql upd.db "SELECT count(*) FROM audit_log WHERE tbl = 'members' AND action = 'update';")" 1 \
	"... and only its change is in the change log"

# only some columns: those change, the row is checked as the stored member
# (a full member's 转正日期 is not in the file, and is no problem)
printf '身份证号,联系电话,工作单位及职务\n320102199308260014,13700000006,\n' | excel > phone.csv
kept() { sql upd.db "SELECT name || '|' || join_date || '|' || full_date || '|' || party_group FROM members WHERE id_number = '320102199308260014';"; }
before=$(kept)
run import --db upd.db --update members phone.csv
is "$rc/$out" "0/imported 1, rejected 0
(1 of them updated records that were there already)" "--update with two columns"
is "$(sql upd.db "SELECT phone || '|' || work_unit || '|' || version FROM members WHERE id_number = '320102199308260014';")" \
	"13700000006||3" "changes the phone and empties the work unit (an empty cell of a column there)"
is "$(kept)" "$before" "and nothing else"
run import --db upd.db members phone.csv
is "$rc" 1 "the same file without --update lacks the columns of a new member"
printf '身份证号,党籍状态,党籍变动日期\n320102199308260014,去世,2026-01-02\n' | excel > died.csv
run import --db upd.db --update members died.csv
is "$rc" 0 "--update records a death"
printf '身份证号,党籍状态\n320102199308260014,在册\n' | excel > back.csv
run import --db upd.db --update members back.csv
is "$rc/$err" "3/back.csv:2: Status: the member has died: the status no longer changes" \
	"a deceased member does not come back by import"

# ---- another system's roster, another secretary's sheet ---------------
# Headers as other Party-building systems export them, dates to the
# month as old rosters keep 入党时间, 正式/预备 under 党籍状态.
{
	echo "序号,姓名,性别,民族,身份证号码,出生年月,文化程度,党籍状态,入党时间,转正时间,工作单位,手机号码,现居住地,所在党小组,籍贯"
	echo "1,王建国,男,汉族,=\"$(fake_id 11010519560312001)\",1956.03,高中,正式,1985.07,1986.07,退休,13911112222,幸福里3号楼,第一党小组,山东"
	echo "2,李秀英,女,汉,$(fake_id 32010619620815002),1962年8月,大专,正式,1990年6月,1991年6月,社区居委会主任,13822223333,幸福里5号楼,第二党小组,江苏"
	echo "3,张伟,男,汉族,$(fake_id 31010719881120011),1988.11,本科,预备,2025.12,,某科技有限公司工程师,13733334444,幸福里8号楼,第一党小组,上海"
	echo "4,阿依古丽·买买提,女,维吾尔族,$(fake_id 65010219900315002),1990-03,硕士研究生,正式,2015-07-01,2016-07-01,区人民医院医生,13644445555,幸福里1号楼,第二党小组,新疆"
	echo "5,陈明,男,汉族,$(fake_id 11010819790520003),197905,中专,正式,201007,201107,个体,13555556666,幸福里2号楼,第一党小组,河北"
} > other.u8
excel < other.u8 > other.csv
"$ZHIBU" init --db other.db >/dev/null
run import --db other.db members other.csv
is "$rc" 0 "another system's roster imports"
is "$err" "zhibu: other.csv: column 1 '序号' is not known; it is ignored (--map '序号=FIELD' imports it)
zhibu: other.csv: column 8 '党籍状态' is read as 党员类别: all its 5 values are of that field, none of 党籍状态
zhibu: other.csv: column 15 '籍贯' is not known; it is ignored (--map '籍贯=FIELD' imports it)
zhibu: other.csv: 5 dates of 出生日期 were given only to the month; they are stored on the day in the ID number
zhibu: other.csv: 4 dates of 入党日期 were given only to the month; they are stored on the first of the month
zhibu: other.csv: correct the dates of 入党日期 where the day is known
zhibu: other.csv: 3 dates of 转正日期 were given only to the month; they are stored on the day the probation ended" \
	"saying which columns it reads how, and how it completed dates given to the month"
is "$(printf '%s\n' "$out" | tail -n 1)" "imported 5, rejected 0" "every row"
is "$(sql other.db "SELECT name || ' ' || birth_date || ' ' || member_type || ' ' || join_date || ' ' || full_date || ' ' || status || ' ' || work_unit || ' ' || phone || ' ' || address FROM members WHERE id_number = '$(fake_id 11010519560312001)';")" \
	"王建国 1956-03-12 正式党员 1985-07-01 1986-07-01 在册 退休 13911112222 幸福里3号楼" \
	"each value went to its field"
is "$(sql other.db "SELECT member_type || ' ' || join_date || ' [' || ifnull(full_date, '') || '] ' || education FROM members WHERE id_number = '$(fake_id 31010719881120011)';")" \
	"预备党员 2025-12-01 [] 大学本科" "预备 under 党籍状态 is a probationary member"
printf '姓名,公民身份号码,预/正,入党年月,转为正式党员时间,联系方式\n刘洋,%s,正,2001年7月,2002年7月,13800001111\n' \
	"$(fake_id 11010519800101002)" | excel > yz.csv
run import --db other.db members yz.csv
is "$rc/$(sql other.db "SELECT member_type || ' ' || full_date || ' ' || phone FROM members WHERE name = '刘洋';")" \
	"0/正式党员 2002-07-01 13800001111" "a sheet with 预/正 (正) and 公民身份号码"
{
	echo "姓名,身份证号码,出生年月,党员类别,入党时间,转正时间"
	echo "赵磊,$(fake_id 11010119800101003),1980.02,正式党员,2005.07,2006.07"
} | excel > month.csv
run import --db other.db members month.csv
is "$rc/$err" "3/month.csv:2: Birth date: does not agree with the ID number" \
	"出生年月 to the month must agree with the ID number's year and month"

# Columns assigned by hand: --map, remembered for the same header row.
run import --db other.db --map '籍贯=备注' --map '序号=-' members other.csv --update
is "$rc" 0 "--map assigns unknown columns"
like "$err" "column 15 '籍贯' is read as 备注 \(--map\)" "says so"
like "$err" "column 1 '序号' is left out \(--map\)" "a column left out by hand"
is "$(sql other.db "SELECT note FROM members WHERE name = '王建国';")" "山东" "the values went to 备注"
sed 's/山东/山东省/' other.u8 | excel > other2.csv
run import --db other.db members other2.csv --update
like "$err" "column 15 '籍贯' is read as 备注, as assigned for a file with this header row before" \
	"the next file with the same header row maps itself"
is "$(sql other.db "SELECT note FROM members WHERE name = '王建国';")" "山东省" "and its values go there"
printf '姓名,身份证号,党员类别,入党日期,转正日期,住所\n' | excel > lodge.csv
run import --db other.db --dry-run --map '住所=address' members lodge.csv
like "$err" "column 6 '住所' is read as 居住地址 \(--map\)" "--map in a dry run"
run import --db other.db --dry-run members lodge.csv
like "$err" "column 6 '住所' is not known" "is not remembered"
run import --db other.db --map '住所=籍贯' members lodge.csv
is "$rc" 2 "--map to something that is not a field: usage error"
like "$err" "'籍贯' is not a field \(fields: name gender" "listing the fields"
run import --db other.db --map '户籍=note' members lodge.csv
is "$rc" 1 "--map of a column the file lacks fails"
like "$err" "--map names a column '户籍' that the header row does not have" "naming it"

# ---- encodings and shapes of files -------------------------------------
gen 20 > u8.csv
printf '\357\273\277' > u8bom.csv; cat u8.csv >> u8bom.csv
{ printf '\377\376'; tr ',' '\t' < u8.csv | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16LE; } > u16.txt
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE < u8.csv; } > u16be.csv
iconv -f UTF-8 -t GBK < u8.csv 2>/dev/null > gbk.csv || gen 20 | grep -v '𠮷' | iconv -t GBK > gbk.csv
for f in u8.csv u8bom.csv u16.txt u16be.csv twenty.csv; do
	"$ZHIBU" init --db "enc-$f.db" >/dev/null
	run import --db "enc-$f.db" members "$f"
	is "$rc/$(count "enc-$f.db")" "0/20" "$f: all 20 rows"
done
"$ZHIBU" init --db gbk.db >/dev/null
run import --db gbk.db --encoding gbk members gbk.csv
is "$rc/$(count gbk.db)" "0/20" "--encoding gbk"
is "$(sql "enc-u16.txt.db" "SELECT name FROM members WHERE id_number = '320106198305140026';")" \
	"尹坚谦" "Excel's Unicode text (UTF-16LE, tabs) reads the same"

"$ZHIBU" init --db forced.db >/dev/null
run import --db forced.db --encoding utf-8 members twenty.csv
is "$rc" 1 "a GB18030 file read as UTF-8 fails"
like "$err" "too many bytes are not valid in the file's encoding: is it in another encoding\\?" \
	"asking whether the encoding is right"
like "$err" "nothing was imported" "and nothing is imported"
printf '姓名,身份证号,党员类别,入党日期,转正日期\r\n张伟,110105198001010016,正式党员,2005-07-01,2006-07-01\r\n' |
	iconv -t GB18030 > one-gb.csv
run import --db forced.db --encoding utf-8 members one-gb.csv
is "$rc" 1 "a short GB18030 file read as UTF-8: the headers are not recognized"
like "$err" "the required column '姓名' \\(name\\) is missing" "the missing columns are named"

printf '姓名,身份证号,党员类别,入党日期,转正日期,籍贯\r\n张伟,110105198001010016,正式党员,2005-07-01,2006-07-01,北京\r\n' > extra.csv
"$ZHIBU" init --db extra.db >/dev/null
run import --db extra.db members extra.csv
is "$rc" 0 "an unknown column does not stop the import"
is "$err" "zhibu: extra.csv: column 6 '籍贯' is not known; it is ignored (--map '籍贯=FIELD' imports it)" \
	"but is reported, with the way to import it"
run import --db extra.db members - < twenty.csv
is "$rc/$(count extra.db)" "0/21" "'-' reads standard input"

printf '姓名,民族\r\n张伟,汉族\r\n' > short.csv
run import --db extra.db members short.csv
is "$rc" 1 "required columns missing: exit status 1"
is "$err" "zhibu: short.csv: the required column '身份证号' (id_number) is missing
zhibu: short.csv: the required column '党员类别' (member_type) is missing
zhibu: short.csv: the required column '入党日期' (join_date) is missing
zhibu: short.csv:1: the header row does not name the required columns
zhibu: short.csv: nothing was imported" "each missing column is named"

printf 'PK\003\004\024\000\000\000' > book.xlsx
run import --db extra.db members book.xlsx
is "$rc" 1 "an .xlsx workbook is refused"
like "$err" "spreadsheet workbook, not a CSV file: save it as CSV first" "with what to do"

: > empty.csv
run import --db extra.db members empty.csv
is "$rc" 1 "an empty file fails"
run import --db extra.db members missing.csv
is "$rc" 1 "a missing file fails"
like "$err" "missing.csv: No such file" "and says so"

# ---- usage ---------------------------------------------------------------
run import --db extra.db
is "$rc" 2 "no table and file: usage error"
run import --db extra.db people roster.csv
is "$rc" 2 "an unknown table: usage error"
like "$err" "unknown table 'people' \\(known: members, flows\\)" "listing the known ones"
run import --db extra.db --encoding latin1 members roster.csv
is "$rc" 2 "an unknown encoding: usage error"

# ---- in Chinese ----------------------------------------------------------
if locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$'; then
	run2() { LANG=zh_CN.UTF-8 "$ZHIBU" "$@" 2>&1 >/dev/null | head -n 1; }
	is "$(run2 import --db dry2.db --dry-run members roster.csv)" \
		"roster.csv:13: 身份证号: 校验位不符（号码有误？）" \
		"zh_CN.UTF-8: the field and the reason in Chinese"
	# SPEC 4: the summary translated; a dry run says what it would do
	zh() { LANG=zh_CN.UTF-8 "$ZHIBU" "$@" 2>/dev/null; }
	is "$(zh import --db zh.db --dry-run members twenty.csv)" "将新建党小组：离退休党小组
将新建党小组：第二党小组
将新建党小组：第一党小组
将导入 20 条，将拒绝 0 条
试运行：没有保存任何内容" "zh_CN.UTF-8: a dry run says what it would import"
	"$ZHIBU" init --db zh.db >/dev/null
	is "$(zh import --db zh.db members roster.csv | tail -n 1)" "已导入 983 条，拒绝 17 条" \
		"zh_CN.UTF-8: the summary"
	is "$(LANG=zh_CN.UTF-8 "$ZHIBU" import --db zh.db members other.csv 2>&1 >/dev/null | sed -n 2p)" \
		"zhibu：other.csv：第 8 列“党籍状态”按党员类别读取：其 5 个值都是该字段的值，没有一个是党籍状态的值" \
		"zh_CN.UTF-8: the notices too"
else
	echo "ok $((tap_n += 1)) # SKIP zh_CN.UTF-8 locale not installed"
	echo "ok $((tap_n += 1)) # SKIP zh_CN.UTF-8 locale not installed"
	echo "ok $((tap_n += 1)) # SKIP zh_CN.UTF-8 locale not installed"
	echo "ok $((tap_n += 1)) # SKIP zh_CN.UTF-8 locale not installed"
fi
if locale -a 2>/dev/null | grep -qi '^zh_CN.gb18030$'; then
	got=$(LANG=zh_CN.GB18030 "$ZHIBU" import --db dry3.db --dry-run members roster.csv 2>&1 >/dev/null |
	      head -n 1 | iconv -f GB18030 -t UTF-8)
	is "$got" "roster.csv:13: 身份证号: 校验位不符（号码有误？）" \
		"zh_CN.GB18030: the same, in the terminal's codeset"
else
	echo "ok $((tap_n += 1)) # SKIP zh_CN.GB18030 locale not installed"
fi

# ---- the shared sample, when it is there --------------------------------
sample=
for s in "$top_srcdir/../shared/samples/roster-gb18030.csv" /work/shared/samples/roster-gb18030.csv; do
	[ -f "$s" ] && { sample=$s; break; }
done
if [ -n "$sample" ]; then
	"$ZHIBU" init --db sample.db >/dev/null
	run import --db sample.db members "$sample"
	is "$rc/$(printf '%s\n' "$out" | tail -n 1)" "0/imported 30, rejected 0" \
		"the shared sample roster imports whole"
else
	echo "ok $((tap_n += 1)) # SKIP no sample"
fi

done_testing
