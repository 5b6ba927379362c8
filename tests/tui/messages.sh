#!/bin/sh
# What a secretary reads on the screens says what happens: adding a party
# group the branch has says it exists.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

export LANG=zh_CN.UTF-8
db="$T/branch.db"
"$ZHIBU" init --db "$db" --branch "消息测试支部" >/dev/null

tui_start "$ZHIBU" --db "$db"
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
