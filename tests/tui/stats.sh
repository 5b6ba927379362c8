#!/bin/sh
# 5 台帐报表 → 党员统计 on screen: the figures of the day, another day
# chosen with d (the figures change, a day after today is refused), the
# page printed to a file with p and saved as CSV with x; the roster's
# printout and the whole 台帐 as PDF from the same menu.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_new_branch 统计测试支部
awk -v n=200 -f "$top_srcdir/tests/data/gen-roster.awk" > "$T/roster.csv"
"$ZHIBU" import --db "$db" members "$T/roster.csv" >/dev/null
# two who went in 2025, one whose membership is stopped
sql "$db" "UPDATE members SET status = '转出', status_date = '2025-03-01'
	WHERE id IN (SELECT id FROM members WHERE join_date < '2020-01-01' ORDER BY id LIMIT 2);
UPDATE members SET status = '停止党籍', status_date = '2024-01-01'
	WHERE id IN (SELECT id FROM members WHERE status = '在册' AND join_date < '2020-01-01' ORDER BY id LIMIT 1);"
# the witness: members on a day, by sqlite3
on() {
	sql "$db" "SELECT count(*) FROM members WHERE join_date <= '$1'
		AND NOT (status IN ('转出', '停止党籍') AND coalesce(status_date, join_date) <= '$1');"
}
today=$(on 2026-06-15)
before=$(on 2024-12-31)
[ "$today" != "$before" ]; ok $? "the two days differ ($today, $before members)"

tui_start "$ZHIBU" --db "$db"
tui_wait "5  台帐报表"; ok $? "the menu offers 5 台帐报表"
tui_keys 5
tui_wait "党员花名册：打印或保存"; ok $? "5 lists what can be printed: the roster"
tui_screen | grep -q "│党员统计"; ok $? "and the statistics"
tui_keys Down Enter
tui_wait "统计日期 2026-06-15（今天）：党员 $today 名"; ok $? "党员统计 counts on today: $today members"
tui_screen | grep -Eq "^  党员总数 +$today 100\\.0%"; ok $? "党员总数 in the table"
tui_screen | grep -Eq "^  另：停止党籍（不计入） +1 "; ok $? "停止党籍 shown apart"
tui_screen | grep -Eq "^ d 日期  p 打印  x 导出"; ok $? "the keys: d 日期, p 打印, x 导出"

tui_keys d
tui_wait "统计日期："; ok $? "d asks for the day"
tui_answer "2024年12月31日"
tui_wait "统计日期 2024-12-31：党员 $before 名"; ok $? "changing the date changes the figures: $before members"
tui_screen | grep -Eq "^  党员总数 +$before 100\\.0%"; ok $? "in the table too"
tui_screen | grep -Eq "^  另：停止党籍（不计入） +1 "; ok $? "(stopped since 2024-01-01: still apart)"

tui_keys d
tui_answer "2026-06-16"
tui_wait_re "日期：晚于今天：只能统计到今天为止。重新输入： *2026-06-16"
ok $? "a day after today is refused, and asked again as typed"
tui_answer "2024-02-30"
tui_wait_re "日期：.*2 月 30 日.*重新输入： *2024-02-30"; ok $? "a day that does not exist is refused and asked again"
tui_keys Escape
tui_gone "重新输入"
tui_screen | grep -q "统计日期 2024-12-31："; ok $? "Esc: the figures stay those of the last day counted"

tui_keys End
tui_wait "注："; ok $? "End shows the notes"
tui_screen | grep -q "最大余数法"; ok $? "saying how shares are rounded"

# p: the A4 page to a file; x: CSV
tui_keys p
tui_wait "打印到文本文件（A4 页面）"
tui_keys Enter
tui_wait "打印到："; ok $? "p asks where to print"
tui_answer "$T/stats.txt"
tui_wait "已把 2024-12-31 的党员统计写入"; ok $? "p writes the page"
is "$(mode_of "$T/stats.txt")" 600 "the file is 0600"
"$ZHIBU" report --db "$db" stats --date 2024-12-31 --encoding gb18030 > "$T/cli.txt"
cmp -s "$T/stats.txt" "$T/cli.txt"; ok $? "as report stats --date prints it (GB18030)"
tui_keys x
tui_wait "导出到："; ok $? "x asks where to save"
tui_answer "$T/stats.csv"
tui_wait "已把 2024-12-31 的党员统计导出到"; ok $? "x saves the figures"
"$ZHIBU" report --db "$db" stats --date 2024-12-31 --format csv > "$T/cli.csv"
cmp -s "$T/stats.csv" "$T/cli.csv"; ok $? "as report stats --format csv writes them"

# back to the menu: the roster's printout
tui_keys q
tui_wait "党员花名册：打印或保存"
tui_keys Up Enter
tui_wait "打印到文本文件（A4 页面）"; ok $? "the roster prints from 台帐报表 as p does in the roster"
tui_keys Escape
tui_wait "党员花名册：打印或保存"
# the whole 台帐: a PDF only, saved beside the database
tui_keys Down Down Enter
tui_wait "保存为 PDF（A4"; ok $? "the whole 台帐 from 台帐报表"
tui_screen | grep -q "打印到文本文件"; is $? 1 "(a PDF: no text file offered)"
tui_keys Down Enter
tui_wait "保存为 PDF："
tui_keys Enter
tui_wait "页写入 $T/党支部工作台帐-2026-06-15.pdf"; ok $? "saved beside the database, the path said"
"$ZHIBU" report --db "$db" all -o "$T/cli.pdf" >/dev/null
cmp -s "$T/党支部工作台帐-2026-06-15.pdf" "$T/cli.pdf"; ok $? "the PDF report all -o writes"
tui_wait "党员花名册：打印或保存"
tui_keys Escape
tui_wait "待办提醒"; ok $? "Esc goes back to the start screen"
tui_keys q
tui_wait "[exit 0]"; ok $? "and q quits"

done_testing
