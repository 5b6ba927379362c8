#!/bin/sh
# 导入导出 on screen: a GB18030 roster with faults imported through the
# import screen (preview with ID numbers masked, check, import, the
# rejected rows under their heading), another system's sheet with a
# column assigned by hand (and the next file with that header row reading
# itself so), then the list exported with x and printed to a file with p
# (print.py prints it from a GB18030 client).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_new_branch 导入测试支部
awk -v n=200 -v faults=1 -f "$top_srcdir/tests/data/gen-roster.awk" |
	sed 's/@@BAD@@/x/' | iconv -f UTF-8 -t GB18030 | sed 's/$/\r/' > "$HOME/roster.csv"

# The command line's verdict on the same file, to compare with.
LANG=C.UTF-8 "$ZHIBU" import members "$HOME/roster.csv" --dry-run --db "$db" \
	>"$T/cli.out" 2>"$T/cli.err"
good=$(sed -n 's/^would import \([0-9]*\), would reject \([0-9]*\)$/\1/p' "$T/cli.out")
bad=$(sed -n 's/^would import \([0-9]*\), would reject \([0-9]*\)$/\2/p' "$T/cli.out")
[ "${bad:-0}" -gt 0 ]; ok $? "the fixture has faulty rows ($bad of $((good + bad)))"

# import_good FILE: from the import screen, import FILE's good rows.
import_good() {
	tui_wait "从 CSV 文件导入花名册"
	tui_keys Enter
	tui_wait "要导入的 CSV 文件："
	tui_answer "$1"
	tui_wait "按 GB18030 读取"
	tui_keys Enter
	tui_wait "只检查（不保存）"
	tui_type "导入合格"
	tui_keys Enter
}

tui_start "$ZHIBU" --db "$db"
tui_wait "6  导入导出"; ok $? "the menu offers 6 导入导出"
tui_keys 6
tui_wait "从 CSV 文件导入花名册"; ok $? "6 opens import and export"
tui_keys Enter
tui_wait "要导入的 CSV 文件："; ok $? "it asks for the file"
tui_type "ros"
tui_keys Tab
tui_wait "roster.csv"; ok $? "Tab completes the file name"
tui_keys Enter
tui_wait "按 GB18030 读取"; ok $? "the preview names the detected encoding"
tui_screen | grep -q "身份证号 *身份证号"; ok $? "and shows each column and what it is read as"
tui_screen | grep -Eq '[0-9]{6}\*{8}[0-9]{3}[0-9X]'; ok $? "ID numbers are masked in the preview"
tui_screen | grep -Eq '[0-9]{17}[0-9X]'; is $? 1 "none is shown whole"
tui_keys Enter
tui_wait "只检查（不保存）"; ok $? "Enter goes on to ask how to import"
tui_keys Enter
tui_wait "只是检查：没有保存任何内容"; ok $? "a check stores nothing"
tui_screen | grep -q "$good 条可导入，$bad 条将被拒绝"; ok $? "and counts as the command line does, as what would be"
tui_wait "以下各行将被拒绝（文件中的行号及原因）："; ok $? "the rows that would be rejected, under their heading"
tui_screen | grep -A1 "以下各行将被拒绝" | tail -n 1 | grep -q "^ *第 [0-9]* 行："
ok $? "the first of them right under it"
is "$(sql "$db" 'SELECT count(*) FROM members;')" 0 "no member stored by the check"
tui_keys Enter
import_good "$HOME/roster.csv"
tui_wait "已保存 $good 名党员"; ok $? "importing stores the good rows"
tui_wait "以下各行已被拒绝（文件中的行号及原因）："; ok $? "and lists the rows that were rejected under their heading"
first=$(LANG=zh_CN.UTF-8 "$ZHIBU" import members "$HOME/roster.csv" --dry-run --db "$T/none.db" 2>&1 >/dev/null |
	grep -v '^zhibu' | head -1 | sed -n 's/^[^:]*:\([0-9]*\): .*/\1/p')
tui_screen | grep -A1 "以下各行已被拒绝" | tail -n 1 | grep -q "^ *第 $first 行："
ok $? "the first rejected line ($first) is named first under the heading"
is "$(sql "$db" 'SELECT count(*) FROM members;')" "$good" "the members are in the database"
tui_keys Enter
tui_wait "从 CSV 文件导入花名册"

# Another system's sheet: its headers known, a column assigned by hand.
{
	echo "姓名,身份证号码,预/正,入党时间,转正时间,手机号码,籍贯"
	echo "欧阳明,$(fake_id 11010519700101001),正,1995.07,1996.07,13900001111,山东"
	echo "司马丽,$(fake_id 11010519720202002),预,2025.11,,13900002222,江苏"
} > "$HOME/other.csv"
{
	echo "姓名,身份证号码,预/正,入党时间,转正时间,手机号码,籍贯"
	echo "上官云,$(fake_id 11010519700303001),正,1995.07,1996.07,13900003333,山东"
	echo "诸葛芳,$(fake_id 11010519720404002),预,2025.11,,13900004444,江苏"
} > "$HOME/other2.csv"
tui_keys Enter
tui_wait "要导入的 CSV 文件："
tui_answer "$HOME/other.csv"
tui_wait "籍贯"; ok $? "another system's sheet: the preview"
tui_screen | grep -q "预/正 *党员类别"; ok $? "its headers are known (预/正 is 党员类别)"
tui_screen | grep -q "籍贯 *（无法识别，不导入）"; ok $? "籍贯 is not"
tui_keys Down Down Down Down Down Down
tui_keys m
tui_wait "第 7 列“籍贯”导入为"; ok $? "m asks what the column under the cursor is"
tui_type "备注"
tui_keys Enter
tui_wait_re "籍贯 +备注（手动指定）"; ok $? "籍贯 is now read as 备注"
tui_keys Enter
tui_wait "只检查（不保存）"
tui_type "导入合格"
tui_keys Enter
tui_wait "已保存 2 名党员"; ok $? "the sheet imports"
is "$(sql "$db" "SELECT group_concat(note, ' ') FROM (SELECT note FROM members WHERE name IN ('欧阳明', '司马丽') ORDER BY name);")" \
	"江苏 山东" "籍贯 went into 备注"
tui_keys Enter
tui_wait "从 CSV 文件导入花名册"
tui_keys Enter
tui_wait "要导入的 CSV 文件："
tui_answer "$HOME/other2.csv"
tui_wait_re "籍贯 +备注（手动指定）"; ok $? "the next file with the same header row maps itself"
tui_keys Enter
tui_wait "只检查（不保存）"
tui_type "导入合格"
tui_keys Enter
tui_wait "已保存 2 名党员"
is "$(sql "$db" "SELECT group_concat(note, ' ') FROM (SELECT note FROM members WHERE name IN ('上官云', '诸葛芳') ORDER BY name);")" \
	"山东 江苏" "and its 籍贯 goes into 备注 too"
tui_keys Enter
tui_wait "从 CSV 文件导入花名册"
tui_keys Escape
tui_wait "待办提醒"

# x exports what the roster shows; p prints it to a file.
tui_keys 1
tui_wait_re "共 [0-9]+ 人"
tui_keys x
tui_wait "导出到："; ok $? "x asks where to export"
tui_answer "$T/out.csv"
tui_wait "GB18030"
tui_keys Enter
tui_wait "名党员导出到"; ok $? "x exports"
is "$(mode_of "$T/out.csv")" 600 "the export is 0600"
iconv -f GB18030 -t UTF-8 "$T/out.csv" >/dev/null; ok $? "in GB18030"
is "$(grep -c ',="[0-9]' "$T/out.csv")" "$(sql "$db" "SELECT count(*) FROM members WHERE status IN ('在册','流出');")" \
	"every current member exported (one ID cell each)"
# a name ending in .xlsx is a workbook, as export -o FILE.xlsx writes it
tui_keys x
tui_wait "导出到："
tui_answer "$T/out.xlsx"
tui_wait "名党员导出到"; ok $? "x exports to a .xlsx name without asking an encoding"
is "$(mode_of "$T/out.xlsx")" 600 "the workbook is 0600"
python3 -c 'import sys, zipfile
sys.exit("xl/worksheets/sheet1.xml" not in zipfile.ZipFile(sys.argv[1]).namelist())' "$T/out.xlsx"
ok $? "and is a workbook, not a CSV"
mkdir "$T/exports"
tui_keys x
tui_wait "导出到："
tui_answer "$T/exports"
tui_wait "exports 是一个目录；请指定要写入的文件"; ok $? "x onto a directory says so at once"
is "$(ls -A "$T/exports"; ls "$T" | grep -c '^exports.')" 0 "and writes nothing"
tui_keys p
tui_wait "打印到文本文件"; ok $? "p offers a file or the printer"
tui_keys Enter
tui_wait "打印到："
tui_answer "$T/roster.txt"
tui_wait "编码（本终端：UTF-8）"; ok $? "it asks the encoding, this terminal's first"
tui_keys Enter
tui_wait "换行方式"; ok $? "and the line ends"
tui_keys Enter
tui_wait_re "已将 [0-9]+ 页"; ok $? "p prints to a file"
grep -q "党员花名册" "$T/roster.txt"; ok $? "the printed roster has its title"
"$ZHIBU" report --db "$db" roster -o "$T/cli-roster.txt" >/dev/null
cmp -s "$T/roster.txt" "$T/cli-roster.txt"
ok $? "what report -o writes in the same terminal (UTF-8, LF)"
tui_keys q q
tui_wait "[exit 0]"; ok $? "quits"

# A named pipe offered for import is refused at once with a reason, and
# the screens go on: opening it used to wait for a writer that never
# came, and the screens hung with it.
mkfifo "$HOME/pipe.csv"
tui_start "$ZHIBU" --db "$db"
tui_wait "6  导入导出"
tui_keys 6
tui_wait "从 CSV 文件导入花名册"
tui_keys Enter
tui_wait "要导入的 CSV 文件："
tui_answer "$HOME/pipe.csv"
tui_wait "不是普通文件，而是管道" 5; ok $? "a named pipe offered for import is refused at once"
tui_keys Escape
tui_wait "6  导入导出" 5; ok $? "and the screens go on"
tui_keys q
tui_wait "[exit 0]"

# A large file: the import says how far it is, on screen and on the
# command line in a terminal, and leaves no trace of that when done.
awk -v n=20000 -f "$top_srcdir/tests/data/gen-roster.awk" |
	iconv -f UTF-8 -t GB18030 | sed 's/$/\r/' > "$HOME/big.csv"
"$ZHIBU" init --db "$T/big.db" >/dev/null
tui_start "$ZHIBU" --db "$T/big.db"
tui_wait "6  导入导出"
tui_keys 6
import_good "$HOME/big.csv"
tui_wait_re "正在导入：([0-9]+%，[0-9]+ 行|已读 20000 行，正在建立索引并保存)" 30
ok $? "a large import shows its progress on the message line"
tui_wait "已保存 20000 名党员" 60; ok $? "and stores every row"
tui_screen | grep -q "正在导入"; is $? 1 "the progress is gone from the screen"
tui_keys Enter Escape q
tui_wait "[exit 0]"

"$ZHIBU" init --db "$T/big2.db" >/dev/null
tui_start "$ZHIBU" import members "$HOME/big.csv" --db "$T/big2.db"
tui_wait_re "正在导入：([0-9]+%，[0-9]+ 行|已读 20000 行，正在建立索引并保存)" 30
ok $? "import in a terminal: a progress line"
tui_wait "[exit 0]" 60; ok $? "import in a terminal: it finishes"
tui_screen | grep -q "已导入 20000 条，拒绝 0 条"; ok $? "import in a terminal: and says what it did"
tui_screen | grep -q "正在导入"; is $? 1 "import in a terminal: the progress line is gone"

done_testing
