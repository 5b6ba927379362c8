#!/bin/sh
# zhibu export: what Chinese Excel opens (GB18030, CRLF, ID numbers as
# text), exactly what import reads back, filters, GBK's missing characters,
# and files made for personal data.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
awk -v n=1000 -f "$top_srcdir/tests/data/gen-roster.awk" |
	iconv -f UTF-8 -t GB18030 | sed 's/$/\r/' > roster.csv
"$ZHIBU" init --db a.db >/dev/null
"$ZHIBU" import --db a.db members roster.csv >/dev/null
# Two who are no longer current members: 转出 and 去世.
printf '姓名,身份证号,党员类别,入党日期,转正日期,党籍状态\r\n丁一,%s,正式党员,2005-07-01,2006-07-01,转出\r\n丁二,%s,正式党员,2005-07-01,2006-07-01,去世\r\n' \
	"$(fake_id 11010519800101003)" "$(fake_id 11010519800101005)" > gone.csv
"$ZHIBU" import --db a.db members gone.csv >/dev/null

run export --db a.db members -o out.csv
is "$rc" 0 "export to a file"
is "$out" "wrote out.csv (1000 records)" "says what it wrote"
is "$(mode_of out.csv)" 600 "the file is 0600 (personal data)"
iconv -f GB18030 -t UTF-8 out.csv > out-u8.csv 2>/dev/null
ok $? "it is GB18030"
is "$(head -n 1 out-u8.csv)" "$(printf '姓名,性别,民族,出生日期,身份证号,学历,党员类别,人员分类,入党日期,转正日期,延长预备期至,延长预备期原因,党籍状态,党籍变动日期,党籍变动原因,工作单位及职务,联系电话,居住地址,党小组,备注\r')" \
	"the header row: the Chinese headers in field order"
is "$(grep -c "$(printf '\r$')" out.csv)" 1001 "every record ends in CR LF"
is "$(wc -l < out.csv)" 1021 "(a line break inside a 备注 cell is a plain LF, as Excel writes it)"
is "$(grep -c ',="[0-9]\{17\}[0-9X]",' out-u8.csv)" 1000 "ID numbers are written as =\"...\" text cells"
like "$(sed -n 2p out-u8.csv)" ',="1[3-9][0-9]{9}",|,="0[0-9]{2,3}-[0-9]{7,8}",' "and phones too"
unlike "$(cat out-u8.csv)" '丁一|丁二' "by default only current members (在册, 流出)"
is "$(ls -A | grep -c zhibu-)" 0 "no temporary file is left behind"

# Export, import into a new database, export again: the same bytes.
"$ZHIBU" init --db b.db >/dev/null
run import --db b.db members out.csv
is "$rc/$(printf '%s\n' "$out" | tail -n 1)" "0/imported 1000, rejected 0" "the export imports whole"
"$ZHIBU" export --db b.db members -o again.csv >/dev/null
cmp -s out.csv again.csv
ok $? "export -> import -> export gives the same bytes"
"$ZHIBU" export --db a.db members --all -o all1.csv >/dev/null
"$ZHIBU" init --db c.db >/dev/null
"$ZHIBU" import --db c.db members all1.csv >/dev/null
"$ZHIBU" export --db c.db members --all -o all2.csv >/dev/null
cmp -s all1.csv all2.csv
ok $? "the same with --all"
is "$(grep -c '丁[一二]' all1.csv)" 0 "(GB18030 bytes, so grep the UTF-8 copy)"
is "$(iconv -f GB18030 -t UTF-8 all1.csv | grep -c '^丁[一二],')" 2 "--all includes 转出 and 去世"

run export --db a.db members
is "$rc" 0 "export to standard output"
"$ZHIBU" export --db a.db members > stdout.csv
cmp -s stdout.csv out.csv
ok $? "the same bytes as the file"
run export --db a.db members -o -
is "$(printf '%s' "$out" | head -c 4 | od -An -tx1 | tr -d ' ')" "d0d5c3fb" "-o - is standard output (GB18030 姓名)"

# Encodings and line ends.
"$ZHIBU" export --db a.db members --encoding utf-8 --lf -o u8.csv >/dev/null
cmp -s u8.csv "$(tr -d '\r' < out-u8.csv > u8-lf.csv; echo u8-lf.csv)"
ok $? "--encoding utf-8 --lf: the same text in UTF-8 with LF"
"$ZHIBU" export --db a.db members --encoding utf-8-bom -o bom.csv >/dev/null
is "$(head -c 3 bom.csv | od -An -tx1 | tr -d ' ')" "efbbbf" "utf-8-bom starts with the BOM"

# GBK lacks 𠮷: a warning names each row by line and name, '?' is written.
run export --db a.db members --encoding gbk -o gbk.csv
is "$rc" 0 "--encoding gbk still writes the file"
is "$(printf '%s\n' "$err" | grep -c "^zhibu: warning: gbk.csv:[0-9]*: 𠮷.*: characters GBK cannot hold were written as '?'$")" 9 \
	"a warning for each of the 9 rows with 𠮷, by line and name"
like "$err" "9 records have characters GBK cannot hold; they were written as '\\?'" "and a summary"
unlike "$err" '[0-9]{17}' "no ID number in the warnings"
line=$(printf '%s\n' "$err" | head -n 1 | sed 's/^zhibu: warning: gbk.csv:\([0-9]*\):.*/\1/')
like "$(sed -n "${line}p" gbk.csv | iconv -f GBK -t UTF-8)" '^\?' "the line it names has '?' for 𠮷"

# Filters, as the list's.
# records (each has one ID number cell; a 备注 may take two lines)
n() { "$ZHIBU" export --db a.db members --encoding utf-8 "$@" | grep -c ',="[0-9]'; }
is "$(n --status 流出)" 10 "--status 流出"
is "$(n --status 转出)" 1 "--status 转出"
is "$(n --type 预备党员)" 100 "--type 预备党员"
is "$(n --category 退休)" "$(n --category 离退休)" "--category takes an alias"
is "$(n --group 第一党小组)" "$(iconv -f GB18030 -t UTF-8 out.csv | grep -c ',第一党小组,')" "--group"
is "$(n --search 𠮷)" 9 "--search a name"
run export --db a.db members --status 开除学籍
is "$rc" 2 "an unknown status is a usage error"
like "$err" "not one of: 在册 流出 转出 停止党籍 去世 开除党籍 除名 退党 取消预备党员资格" "listing the statuses"
run export --db a.db members --group 第九党小组
is "$rc" 1 "an unknown party group fails"
like "$err" "there is no party group '第九党小组'" "and says so"
run export --db a.db members --all --status 在册
is "$rc" 2 "--all with --status is a usage error"
run export --db a.db members -o x.csv --status
is "$rc" 2 "a filter without its value is a usage error"
like "$err" "option '--status' needs a value" "naming the option as typed"
run export --db a.db members --no-such
like "$err" "unknown option '--no-such'" "an unknown option is named as typed"

# Files: an existing one is replaced (and made 0600), a bad place fails.
echo old > old.csv
chmod 644 old.csv
"$ZHIBU" export --db a.db members -o old.csv >/dev/null
is "$(mode_of old.csv)/$(cmp -s old.csv out.csv && echo same)" "600/same" \
	"an existing file is replaced, 0600"
run export --db a.db members -o no/such/dir/x.csv
is "$rc" 1 "a missing directory fails"
ls no 2>/dev/null | grep -q .; [ $? -ne 0 ]; ok $? "and leaves nothing"
run export --db a.db members -o a.db
is "$rc/$(sql a.db 'SELECT count(*) FROM members;')" "1/1002" "-o naming the database itself is refused"
like "$err" "a.db is the database itself" "and says why"
run export --db a.db members -o /dev/null
is "$rc" 1 "a device is refused (files.sh: links, FIFOs)"
mkdir outdir
run export --db a.db members -o outdir
is "$rc" 1 "-o naming a directory fails"
like "$err" "outdir: is a directory; name a file to write" "and says it is a directory"
is "$(ls -A outdir; ls | grep -c '^outdir\.')" 0 "nothing is written, in it or beside it"
run report --db a.db roster -o outdir/
is "$rc/$(ls -A outdir)" "1/" "the same for report -o"

# Standard output on a terminal: refused, as gzip refuses, with a hint; a
# pipe still gets the CSV.
if command -v script >/dev/null 2>&1; then
	tty_out=$(script -qec "'$ZHIBU' export --db a.db members" /dev/null </dev/null); rc=$?
	is "$rc" 2 "export to a terminal is a usage error"
	like "$tty_out" "the CSV is not written to the terminal; name a file with -o FILE" \
		"with a hint to name a file"
	unlike "$tty_out" ',="[0-9]' "and no record reaches the terminal"
	tty_out=$(script -qec "'$ZHIBU' export --db a.db members | cat > piped.csv" /dev/null </dev/null); rc=$?
	is "$rc" 0 "a pipe from a terminal still gets it"
	cmp -s piped.csv out.csv
	ok $? "(the same bytes as the file)"
	tty_out=$(script -qec "LANG=zh_CN.UTF-8 '$ZHIBU' report --db a.db roster --format csv" /dev/null </dev/null); rc=$?
	is "$rc" 2 "so is report --format csv to a terminal"
	like "$tty_out" "CSV 不输出到终端" "(said in Chinese in a Chinese locale)"
else
	for i in 1 2 3 4 5 6 7; do echo "ok $((tap_n += 1)) # SKIP script(1) not found"; done
fi

run export --db a.db
is "$rc" 2 "no table: usage error"
run export --db a.db people
is "$rc" 2 "an unknown table: usage error"
run export --db a.db members --encoding utf-16
is "$rc" 2 "utf-16 is not written"
run export --db missing.db members
is "$rc" 1 "a missing database fails"
[ ! -e missing.db ]; ok $? "and is not created"

done_testing
