#!/bin/sh
# The roster as a newcomer meets it (tmux, 80x24, zh_CN.UTF-8): a choice
# field takes what is typed (女, hui, bk) and Tab moves on; the list of
# choices takes one with Tab, saves with F2 and keeps what was typed on
# Esc; the pinyin of a given name finds its member; the history shows
# each change; the order by joining date shows the date.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_new_branch 幸福里社区第一党支部; ok $? "a new database"

# on_field LABEL: wait until the cursor is in the field LABEL.
on_field() { tui_until 5 "the cursor is not in $1" tui_in_field "$1"; }

tui_start "$ZHIBU" --db "$db"
tui_wait "暂无待办事项"
tui_keys 1
tui_wait "共 0 人"

# 女, Tab: taken, and the cursor is in the next field (no list opened).
tui_keys a
tui_wait "花名册：新增党员"
tui_type "李秀梅"
tui_wait "李秀梅"
tui_field 性别; ok $? "Tab reaches 性别"
tui_type "女"
tui_keys Tab
on_field 民族; ok $? "女 then Tab: the cursor moves on to 民族"
tui_wait_re "^ +性别  女 *$"; ok $? "... and 性别 shows 女"

# Typing over the default 汉族: its pinyin, and what Tab will take.
tui_type "hui"
tui_wait "按 Tab 键选定回族"; ok $? "hui: the form says Tab takes 回族"
tui_keys Tab
on_field 出生日期; ok $? "Tab moves on"
tui_wait_re "^ +民族\* +回族 *$"; ok $? "... and 民族 shows 回族, not 汉族hui"

tui_fill 身份证号 "$(fake_id 11010519850312122)"
ok $? "the ID number typed"
tui_field 学历
tui_type "bk"
tui_keys Tab
on_field 党员类别; ok $? "bk then Tab moves on"
tui_wait_re "^ +学历 +大学本科 *$"; ok $? "... and 学历 shows 大学本科 (bk: 本科)"
tui_fill 入党日期 2010-07-01 转正日期 2011-07-01
tui_keys F2
tui_wait "已新增 李秀梅"; ok $? "F2 saves"
is "$(sql "$db" "SELECT gender || ' ' || ethnicity || ' ' || education FROM members WHERE name = '李秀梅';")" \
	"女 回族 大学本科" "stored 女, 回族, 大学本科"

# An ambiguous text stays, and the field's check names the choices.
tui_keys a
tui_wait "花名册：新增党员"
tui_type "王秀云"
tui_wait "王秀云"
tui_field 性别
tui_type "n"
tui_keys Tab
on_field 民族; ok $? "n then Tab: the cursor moves on all the same"
tui_wait "性别：可能是男、女"; ok $? "... saying n could be 男 or 女"
tui_wait_re "^ +性别 !n *$"; ok $? "... n stays in the field, marked"
tui_keys BTab
on_field 性别
tui_keys C-u

tui_fill 身份证号 "$(fake_id 31010419700101003)" 入党日期 2000-07-01 \
	转正日期 2001-07-01
ok $? "the other fields typed"

# The list of choices: Esc closes it, keeping what was typed.
tui_field 学历
tui_type "dx"
tui_wait_re "^ +学历 +dx"
tui_keys Space
tui_wait "大学专科"; ok $? "Space opens the choices, filtered by dx"
tui_keys Escape
tui_gone "大学专科"; ok $? "Esc closes them"
tui_wait_re "^ +学历 +dx( +v)? *$"; ok $? "... and the field keeps dx"
is "$(sql "$db" 'SELECT count(*) FROM members;')" 1 "nothing saved yet"

# F2 in the list takes the choice and saves the form.
tui_keys F4
tui_wait "大学专科"; ok $? "F4 opens them again"
tui_keys Down F2
tui_wait "已新增 王秀云"; ok $? "F2 in the list saves the form"
is "$(sql "$db" "SELECT education FROM members WHERE name = '王秀云';")" \
	"大学专科" "... with the choice taken in the list"

# The pinyin of a given name finds its member.
tui_keys /
tui_type "xiuyun"
tui_wait "共 1 人"; ok $? "/xiuyun finds one member"
tui_line 3 | grep -q "王秀云"; ok $? "... 王秀云, by her given name"
tui_keys C-u
tui_type "lxm"
tui_wait "/lxm"
tui_line 3 | grep -q "李秀梅"; ok $? "/lxm: 李秀梅 by her initials"
tui_keys Enter

# Two edits within a minute are two changes in the history.
tui_keys e
tui_wait "花名册：修改党员信息"
tui_fill 联系电话 13912345678
tui_keys F2
tui_wait "已保存 李秀梅"; ok $? "the first edit saved"
tui_keys e
tui_wait "花名册：修改党员信息"
tui_fill 居住地址 "幸福里3号楼"
tui_keys F2
tui_wait "已保存 李秀梅"
tui_keys h
tui_wait "变更记录"; ok $? "h shows the history"
tui_wait "居住地址：（空） → 幸福里3号楼"
is "$(tui_screen | grep -c ' 修改 *$')" 2 "two edits, two changes"
is "$(tui_screen | grep -c ' 新增 *$')" 1 "after the one that added her"
tui_keys q
tui_keys Escape
tui_wait "共 2 人"

# Sorted by joining date, the list shows the date.
tui_keys s
tui_wait "按入党日期"
tui_type "入党"
tui_keys Enter
tui_wait "共 2 人，按入党日期"; ok $? "s sorts by joining date"
tui_line 2 | grep -q "入党日期"; ok $? "the list shows a 入党日期 column"
tui_line 3 | grep -q "王秀云.*2000-07-01"; ok $? "with 王秀云's date first"
tui_line 4 | grep -q "李秀梅.*2010-07-01"; ok $? "and 李秀梅's after"
tui_keys s
tui_wait "按姓氏笔画"
tui_type "笔画"
tui_keys Enter
tui_wait "共 2 人，按姓氏笔画"
tui_line 2 | grep -q "年龄"; ok $? "back in stroke order the age shows again"

tui_keys q
tui_wait "待办提醒"
tui_keys q
tui_wait "[exit 0]"; ok $? "q quits with status 0"
is "$(sql "$db" 'PRAGMA integrity_check;')" ok "the database is intact"

done_testing
