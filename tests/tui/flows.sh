#!/bin/sh
# 流动党员 on screen (tmux, 80x24, zh_CN.UTF-8): menu 2 opens the flows; a
# departure takes one form and the roster shows the member 流出 at once; a
# phone call is logged in three keys plus the text (l, a, the text, F2)
# and the start screen stops listing the member as due for contact
# (党章第九条: the home branch keeps in contact); 已返回 (d) puts the
# member back on the roster as 在册.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

export LANG=zh_CN.UTF-8
db="$T/flows.db"
"$ZHIBU" init --db "$db" --branch "幸福里社区第一党支部" >/dev/null
# Today is 2026-06-15.  孙二 left on 2026-01-10 and nobody has called since.
cat > "$T/m.csv" <<EOF2
姓名,身份证号,党员类别,入党日期,转正日期
孙一,$(fake_id 32010519800101001),正式党员,2005-07-01,2006-07-01
孙二,$(fake_id 32010519820101003),正式党员,2006-07-01,2007-07-01
EOF2
"$ZHIBU" import --db "$db" members "$T/m.csv" >/dev/null
ok $? "two members imported"
printf '%s\n' '流动类型,身份证号,流入地省份,外出日期,姓名,流入日期' \
	"流出,$(fake_id 32010519820101003),广东省,2026-01-10,," \
	"流入,$(fake_id 34010419880101005),,,赵外来,2026-03-01" > "$T/f.csv"
"$ZHIBU" import --db "$db" flows "$T/f.csv" >/dev/null
ok $? "孙二's departure and 赵外来's arrival imported"
status_of() { sql "$db" "SELECT status FROM members WHERE name = '$1'"; }

tui_start "$ZHIBU" --db "$db"
tui_wait "流动党员待联系：孙二（自 2026-01-10 未联系）"
ok $? "the start screen lists 孙二 as due for contact (no contact for 90 days)"
tui_wait "本支部党员 2 人，流入党员 1 人"
ok $? "it counts the 流入 member apart, never as the branch's"

# a departure: one form, the member picked by name
tui_keys 2
tui_wait "共 2 条"; ok $? "2 opens the flows"
tui_keys a
tui_wait "流动党员：新增记录"; ok $? "a opens the form"
tui_fill "党员（流出）" 孙一 流入地省份 浙江 外出日期 2026-06-01
ok $? "the member, the destination and the day filled"
tui_keys F2
tui_wait "已新增 孙一"; ok $? "saved"
is "$(status_of 孙一)" 流出 "the roster shows 孙一 as 流出 at once"
tui_keys q
tui_wait "0  退出"
tui_keys 1
tui_wait "孙一"; tui_screen | grep "孙一" | grep -q "流出"
ok $? "... on the roster's screen too"
tui_keys q
tui_wait "0  退出"

# a phone call: l, a, the text, F2
tui_keys 2
tui_wait "共 3 条"
tui_keys j
tui_keys l
tui_wait "共 0 次联系"; tui_screen | grep -q "联系记录: 孙二"
ok $? "l opens 孙二's contact log"
tui_keys a
tui_wait "联系记录：新增"; ok $? "a opens a contact, today and by phone"
tui_screen | grep -q "2026-06-15" && tui_screen | grep -q "电话"
ok $? "... the date and the way filled in"
tui_type "电话联系，在深圳务工，按月交纳党费"
tui_keys F2
tui_wait "共 1 次联系"; ok $? "F2 logs the call"
tui_keys q
tui_wait "共 3 条"
tui_keys q
tui_wait "0  退出"
tui_gone "流动党员待联系：孙二"; ok $? "the reminder is gone once the call is logged"

# back home: 已返回, and the roster says 在册 again
tui_keys 2
tui_wait "共 3 条"
tui_keys d
tui_wait "已返回"; ok $? "d offers the statuses that may follow"
tui_keys Enter
tui_wait "变更日期"; tui_keys Enter
tui_wait "原因"; tui_keys Enter
tui_wait "在花名册中已恢复为“在册”"; ok $? "marked returned, and said so"
is "$(status_of 孙一)" 在册 "孙一 is 在册 on the roster again"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE tbl = 'members' AND action = 'update' AND row_id = (SELECT id FROM members WHERE name = '孙一')")" 2 \
	"both changes of 孙一 on the roster are in the change log"
tui_keys q
tui_wait "0  退出"

# the roster's d does not set 流出 alone: a departure is registered in
# 流动党员, with its record
tui_keys 1
tui_wait_re "共 [0-9]+ 人"
tui_keys d
tui_wait "流出在“流动党员”中登记"; ok $? "the roster's d says where a departure is registered"
tui_screen | grep -q "│流出 "; [ $? -ne 0 ]; ok $? "... and does not offer 流出 itself"
tui_screen | grep -q "│转出 "; ok $? "(the other statuses are offered)"
tui_keys Escape
tui_keys q
tui_wait "0  退出"

# SPEC 6: a departure registered while another secretary edits the member:
# the roster's conflict handling, naming the status that changed
tui_second b "$ZHIBU" --db "$db"
TUI_T=b tui_wait "0  退出"
TUI_T=b tui_keys 1
TUI_T=b tui_wait "共 2 人"
TUI_T=b tui_keys e
TUI_T=b tui_wait "修改党员信息"; ok $? "B opens 孙一 on the roster"
tui_keys 2
tui_wait "共 3 条"
tui_keys a
tui_wait "流动党员：新增记录"
tui_fill "党员（流出）" 孙一 流入地省份 江苏 外出日期 2026-06-12
tui_keys F2
tui_wait "已新增 孙一"; ok $? "A registers 孙一's departure again"
TUI_T=b tui_fill 居住地址 "幸福里 5 号"
TUI_T=b tui_keys F2
TUI_T=b tui_wait "保存了该党员"; ok $? "B's save meets the roster's conflict"
TUI_T=b tui_screen | grep -q "党籍状态"; ok $? "... naming the status A's departure changed"
is "$(status_of 孙一)" 流出 "nothing of B's was saved over it"
tui_keys q
tui_wait "0  退出"

# the change log names the contact by what it is
tui_keys 7
tui_wait "本支部的变更日志"
tui_keys Down Enter
tui_wait "条变更，最新的在前"
tui_screen | grep -q "联系记录"; ok $? "the change log names a contact 联系记录, not by its table"
tui_keys q q
tui_wait "0  退出"
tui_keys q
tui_wait "[exit 0]"; ok $? "q quits with status 0"
done_testing
