#!/bin/sh
# zhibu --demo as a newcomer meets it: the dashboard, /z finds 张, help,
# filters and sorting, and the temporary file is gone after quitting.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

export LANG=zh_CN.UTF-8 TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"

tui_start "$ZHIBU" --demo
tui_wait "待办提醒"; ok $? "--demo opens the start screen"
tui_wait "即将转正："; ok $? "the dashboard lists members due for full membership"
tui_wait "政治生日："; ok $? "and political birthdays of this month"
n=$(ls "$TMPDIR" | wc -l)
is "$n" 1 "the demo lives in a temporary directory"
is "$(mode_of "$TMPDIR"/zhibu-demo.*/demo.db)" 600 "its database is 0600"

tui_keys F1
tui_wait "按键："; ok $? "F1 shows help"
tui_screen | grep -q "退出"; ok $? "help lists the menu's keys"
tui_keys q
tui_wait "待办提醒"; ok $? "q leaves help"

tui_keys 1
tui_wait_re "共 [0-9]+ 人，按姓氏笔画"; ok $? "the roster, counted, sorted by surname strokes"
total=$(tui_line 1 | sed -n 's/.*共 \([0-9]*\) 人.*/\1/p')
[ "${total:-0}" -ge 50 ]; ok $? "about 60 members ($total)"

tui_keys /
tui_type z
tui_wait "/z"; ok $? "/ starts a search"
tui_screen | sed -n '4,22p' | awk '{print $1}' | grep -q '^张'; ok $? "/z finds 张"
bad=$(tui_screen | sed -n '4,22p' | awk 'NF {print $1}' | grep -v "^[张赵周朱曾钟邹郑詹庄左卓祝章仲诸宗祖]" | head -1)
is "$bad" "" "every name found starts with a z-surname"
tui_keys Escape
tui_wait "共 $total 人"; ok $? "Esc clears the search"

tui_keys '?'
tui_wait "即时搜索"; ok $? "? shows the roster's help with its keys"
tui_keys q

# Sorting by pinyin: the names' initials are in alphabetical order.
tui_keys s
tui_wait "按拼音"
tui_type "按拼音"
tui_keys Enter
tui_wait "共 $total 人，按拼音"; ok $? "s sorts by pinyin"

# Filter by member type: only probationary members.
tui_keys f
tui_wait "筛选条件"
tui_type "党员类别"
tui_keys Enter
tui_wait "预备党员"
tui_type "预备"
tui_keys Enter
tui_wait "筛选： 预备党员"; ok $? "f filters by member type"
types=$(tui_screen | sed -n '4,22p' | awk 'NF {print $4}' | sort -u | tr '\n' ' ')
is "$types" "预备党员 " "only probationary members are listed"

tui_keys q q
tui_wait "[exit 0]"; ok $? "quits"
is "$(ls "$TMPDIR" | wc -l)" 0 "the temporary database is removed"

# A database others can read is pointed out at start-up.
db="$T/open.db"
"$ZHIBU" init --db "$db" >/dev/null
chmod 644 "$db"
tui_start "$ZHIBU" --db "$db"
tui_wait "警告：其他用户可以读取此数据库"; ok $? "a world-readable database is reported on screen"
tui_keys q
tui_wait "[exit 0]"

done_testing
