#!/bin/sh
# What a secretary reads on the screens says what happens: the help names
# q on the start screen 退出 and d in the roster 党籍状态; a confirmation
# names its keys in Chinese and takes the full-width ｙ an input method
# types; adding a party group the branch has says it exists.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_new_branch 消息测试支部

tui_start "$ZHIBU" --db "$db"
tui_wait "待办提醒"

# The start screen: q quits, and its help and key hints say so.
tui_screen | tail -n 1 | grep -q "q 退出"; ok $? "the start screen's hint line: q 退出"
tui_keys "?"
tui_wait_re "^ +q +退出$"; ok $? "its help: q 退出"
tui_screen | head -n 22 | grep -q "返回"; is $? 1 "(not 返回: there is nothing to go back to)"
tui_keys q
tui_wait "待办提醒"
tui_keys Escape
tui_screen | grep -q "待办提醒"; ok $? "Esc does not quit the start screen"

# The roster: d changes the 党籍状态, the help says so.
tui_keys 1
tui_wait "没有可显示的党员"
tui_keys "?"
tui_wait_re "^ +d +变更状态（需填日期和原因）；党员不会被删除$"; ok $? "the roster's help: d 变更状态"
tui_screen | grep -q "删除（"; is $? 1 "(not 删除)"
tui_keys q
tui_wait "没有可显示的党员"

# A confirmation names its keys; n goes back, ｙ (full width) confirms.
tui_keys a
tui_wait "花名册：新增党员"
tui_type "张"
tui_keys Escape
tui_wait "放弃所做的修改？（按 y 确认，按 n 或 Esc 取消）"; ok $? "a confirmation names its keys in Chinese"
tui_keys n
tui_gone "放弃所做的修改？"
tui_screen | grep -q "花名册：新增党员"; ok $? "n: back to the form"
tui_keys Escape
tui_wait "放弃所做的修改？"
tui_type "ｙ"
tui_wait "没有可显示的党员"; ok $? "ｙ typed in full width confirms"
is "$(sql "$db" 'SELECT count(*) FROM members;')" 0 "(nothing was saved)"
tui_keys q
tui_wait "待办提醒"

# Settings: a party group added, then the same name again.
tui_keys 7
tui_wait "支部名称："
tui_keys a
tui_wait "新党小组："
tui_type "第一党小组"
tui_keys Enter
tui_wait "已新增党小组“第一党小组”。"; ok $? "a new party group: added"
tui_keys a
tui_wait "新党小组："
tui_type "第一党小组"
tui_keys Enter
tui_wait "已有名为“第一党小组”的党小组。"; ok $? "the same name again: it exists already"
is "$(sql "$db" "SELECT count(*) FROM party_groups WHERE name = '第一党小组';")" 1 "(one group of that name)"
tui_keys q
tui_wait "待办提醒"

tui_keys q
tui_wait "[exit 0]"; ok $? "q quits"

done_testing
