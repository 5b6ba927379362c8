#!/bin/sh
# 导入导出 on screen: a GB18030 roster with faults imported through the
# import screen (preview, check, import, rejected rows shown), then the
# list exported with x and printed to a file with p.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

export LANG=zh_CN.UTF-8
db="$T/branch.db"
"$ZHIBU" init --db "$db" --branch "导入测试支部" >/dev/null
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
	tui_keys C-u
	tui_type "$1"
	tui_keys Enter
	tui_wait "按 GB18030 读取"
	tui_keys q
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
tui_screen | grep -q "姓名 | 性别"; ok $? "and shows the header row"
tui_keys q
tui_wait "只检查（不保存）"; ok $? "then asks how to import"
tui_keys Enter
tui_wait "只是检查：没有保存任何内容"; ok $? "a check stores nothing"
tui_screen | grep -q "$good 条合格，$bad 条被拒绝"; ok $? "and counts as the command line does"
is "$(sql "$db" 'SELECT count(*) FROM members;')" 0 "no member stored by the check"
tui_keys q
import_good "$HOME/roster.csv"
tui_wait "已保存 $good 名党员"; ok $? "importing stores the good rows"
tui_wait "被拒绝的行"; ok $? "and lists the rejected rows"
first=$(LANG=zh_CN.UTF-8 "$ZHIBU" import members "$HOME/roster.csv" --dry-run --db "$T/none.db" 2>&1 >/dev/null |
	head -1 | sed -n 's/^[^:]*:\([0-9]*\): .*/\1/p')
tui_screen | grep -q "第 $first 行"; ok $? "the first rejected line ($first) is named"
is "$(sql "$db" 'SELECT count(*) FROM members;')" "$good" "the members are in the database"
tui_keys q
tui_keys Escape
tui_wait "待办提醒"

# x exports what the roster shows; p prints it to a file.
tui_keys 1
tui_wait_re "共 [0-9]+ 人"
tui_keys x
tui_wait "导出到："; ok $? "x asks where to export"
tui_keys C-u
tui_type "$T/out.csv"
tui_keys Enter
tui_wait "GB18030"
tui_keys Enter
tui_wait "名党员导出到"; ok $? "x exports"
is "$(mode_of "$T/out.csv")" 600 "the export is 0600"
iconv -f GB18030 -t UTF-8 "$T/out.csv" >/dev/null; ok $? "in GB18030"
is "$(grep -c ',="[0-9]' "$T/out.csv")" "$(sql "$db" "SELECT count(*) FROM members WHERE status IN ('在册','流出');")" \
	"every current member exported (one ID cell each)"
tui_keys p
tui_wait "打印到文本文件"; ok $? "p offers a file or the printer"
tui_keys Enter
tui_wait "打印到："
tui_keys C-u
tui_type "$T/roster.txt"
tui_keys Enter
tui_wait_re "已将 [0-9]+ 页"; ok $? "p prints to a file"
iconv -f GB18030 -t UTF-8 "$T/roster.txt" | grep -q "党员花名册"; ok $? "the printed roster has its title"
tui_keys q q
tui_wait "[exit 0]"; ok $? "quits"

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
tui_keys q q q
tui_wait "[exit 0]"

"$ZHIBU" init --db "$T/big2.db" >/dev/null
tui_start "$ZHIBU" import members "$HOME/big.csv" --db "$T/big2.db"
tui_wait_re "正在导入：([0-9]+%，[0-9]+ 行|已读 20000 行，正在建立索引并保存)" 30
ok $? "import in a terminal: a progress line"
tui_wait "[exit 0]" 60; ok $? "import in a terminal: it finishes"
tui_screen | grep -q "已导入 20000 条，拒绝 0 条"; ok $? "import in a terminal: and says what it did"
tui_screen | grep -q "正在导入"; is $? 1 "import in a terminal: the progress line is gone"

done_testing
