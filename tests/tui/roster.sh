#!/bin/sh
# The member roster in a real terminal (tmux, 80x24, zh_CN.UTF-8): add
# through the form, a wrong ID refused with its reason, stroke order,
# search by initials and ID tail, edit, history, status change, resizing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_new_branch 幸福里社区第一党支部; ok $? "a new database"

tui_start "$ZHIBU" --db "$db"
tui_wait "暂无待办事项"; ok $? "the start screen shows an empty dashboard"
tui_wait "幸福里社区第一党支部"; ok $? "the title names the branch"
tui_wait "1  党员花名册"; ok $? "the menu has the roster under 1"

tui_keys 1
tui_wait "共 0 人"; ok $? "1 opens the empty roster"

# A wrong check digit is refused, with the field and the reason.
tui_keys a
tui_wait "花名册：新增党员"
tui_fill 姓名 "欧阳䶮" 身份证号 "110105198503121231"
tui_keys Tab
tui_wait "校验位不符"; ok $? "leaving a wrong ID number shows the reason"
tui_keys F2
tui_wait "身份证号：校验位不符"; ok $? "saving names the field and the reason"
tui_screen | grep -q "新增党员"; ok $? "and the form stays open"
is "$(sql "$db" 'SELECT count(*) FROM members;')" 0 "nothing was stored"

# Put it right (the cursor is on the ID field) and save.
tui_in_field 身份证号; ok $? "the cursor stays on the ID number"
tui_fill 身份证号 "$(fake_id 11010519850312123)" 入党日期 "2010年7月1日" 转正日期 20110701
tui_keys C-s
tui_wait "已新增 欧阳䶮"; ok $? "Ctrl-S saves the corrected member"
is "$(sql "$db" "SELECT name || ' ' || gender || ' ' || birth_date || ' ' || join_date || ' ' || full_date FROM members;")" \
	"欧阳䶮 男 1985-03-12 2010-07-01 2011-07-01" \
	"stored with gender and birth date from the ID, dates normalized"
tui_screen | grep -q "110105198503121234"; is $? 1 "the full ID number is not on the list screen"

# Stroke order: 丁 2, 马 3, 王 4, 石 5 (横 first), 白 5 (撇 first), 张 7,
# 欧 8, 曾 12.
n=0
for name in 曾伟 白伟 张伟 丁伟 石伟 王伟 马伟; do
	n=$((n + 1))
	tui_add_member "$name" "310104197001010${n}1" 2000-07-01 2001/7/1 ||
		{ ok 1 "add $name"; continue; }
done
tui_wait "共 8 人"; ok $? "eight members"
order=$(tui_screen | sed -n '4,11p' | awk '{print $1}' | tr '\n' ' ')
is "$order" "丁伟 马伟 王伟 石伟 白伟 张伟 欧阳䶮 曾伟 " "the list is in 姓氏笔画 order"

# Search as you type: initials, full pinyin, tail of the ID number.
tui_keys /
tui_type "oy"
tui_wait "共 1 人"; ok $? "/oy finds one member"
tui_line 3 | grep -q "欧阳䶮"; ok $? "欧阳䶮 by the initials oy"
tui_keys BSpace BSpace
tui_type "shiwei"
tui_wait "共 1 人"; ok $? "full pinyin shiwei"
tui_line 3 | grep -q "石伟"; ok $? "finds 石伟"
tui_keys C-u
tui_type "1234"
tui_wait "共 1 人"; ok $? "the last digits of an ID number"
tui_line 3 | grep -q "欧阳䶮"; ok $? "find the member with that ID"

# A resize in the middle of a search keeps the search.
tui_resize 100 30
tui_wait "/1234"; ok $? "resizing keeps the search text"
tui_resize 80 24
tui_wait "共 1 人"; ok $? "and its result"
tui_keys Enter

# Edit: a phone number; the change shows in the history.
tui_keys e
tui_wait "花名册：修改党员信息"; ok $? "e opens the form with the member"
tui_screen | grep -q "110105198503121234"; ok $? "the edit form shows the whole ID number"
tui_fill 联系电话 "139 1234 5678"
tui_resize 90 26
tui_wait "139 1234 5678"; ok $? "a resize inside the form keeps what was typed"
tui_resize 80 24
tui_keys F2
tui_wait "已保存 欧阳䶮"; ok $? "saved"
is "$(sql "$db" "SELECT phone FROM members WHERE name='欧阳䶮';")" 13912345678 "the phone is stored normalized"
tui_keys h
tui_wait "变更记录"; ok $? "h shows the history"
tui_wait "联系电话：（空） → 13912345678"; ok $? "with the changed phone"
tui_screen | grep -q "110105\*\*\*\*\*\*\*\*1234"; ok $? "ID numbers masked in the history"
tui_keys q

# Status change: members are never deleted.
tui_keys Escape
tui_wait "共 8 人"
tui_keys /
tui_type "oyy"
tui_wait "共 1 人"
tui_keys Enter d
tui_wait "欧阳䶮 的新党籍状态"; ok $? "d asks for the new status"
tui_type "转出"
tui_keys Enter
tui_wait "变更日期："; ok $? "then the date"
tui_keys Enter
tui_wait "原因（必填）："; ok $? "then the reason, required for a transfer"
tui_type "组织关系转往外地"
tui_keys Enter
tui_wait "党籍状态已变更为转出"; ok $? "the status changed"
is "$(sql "$db" "SELECT status || ' ' || status_date || ' ' || status_reason FROM members WHERE name='欧阳䶮';")" \
	"转出 2026-06-15 组织关系转往外地" "stored with date and reason"
is "$(sql "$db" "SELECT count(*) FROM members;")" 8 "the member was not deleted"
tui_keys Escape
tui_wait "共 7 人"; ok $? "the roster of current members has one fewer"

# A function key the terminal description does not know is not Esc plus
# letters (it would leave the screen and type into it).
tui_type "$(printf '\033[99~')"
tui_keys j
tui_wait "共 7 人"; ok $? "an unknown escape sequence is ignored, not taken for Esc"

# Too small a terminal: a notice, not a crash; back to normal after.
tui_resize 60 20
tui_wait "终端窗口太小"; ok $? "below 80x24 a notice"
tui_resize 80 24
tui_wait "共 7 人"; ok $? "back at 80x24 the list returns"

# The whole branch's change log, under settings.
tui_keys q
tui_wait "待办提醒"
tui_keys 7
tui_wait "支部名称："; ok $? "7 opens the settings"
tui_keys Down Enter
tui_wait "条变更，最新的在前"; ok $? "the change log of the branch"
tui_screen | grep "欧阳䶮" | grep -q "党籍状态"; ok $? "it lists the status change of 欧阳䶮"
tui_screen | grep "欧阳䶮" | grep -q "联系电话"; ok $? "and the phone change"
tui_screen | grep -q "$(id -un)"; ok $? "with the user who made them"
tui_keys Enter
tui_wait "变更记录（时间，用户）"; ok $? "Enter opens that member's history"
tui_keys q q q
tui_wait "待办提醒"

tui_keys q
tui_wait "[exit 0]"; ok $? "q quits with status 0"
is "$(sql "$db" 'PRAGMA integrity_check;')" ok "the database is intact"

done_testing
