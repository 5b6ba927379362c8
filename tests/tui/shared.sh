#!/bin/sh
# Two secretaries on one database (SPEC 8): lists follow each other's
# changes; saving over someone else's change is caught, shown and decided;
# a dropped connection keeps the open form as a draft for the next start.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

tui_new_branch 共享支部

tui_start "$ZHIBU" --db "$db"
tui_second b "$ZHIBU" --db "$db"
TUI_T=main tui_wait "共享支部"; ok $? "secretary A has the start screen"
TUI_T=b tui_wait "共享支部"; ok $? "secretary B too"
TUI_T=main tui_keys 1
TUI_T=b tui_keys 1
TUI_T=b tui_wait "共 0 人"

# A adds a member; B's list shows it without a key being pressed.
TUI_T=main tui_add_member "李明" "11010519700101123" 2000-07-01 2001-07-01; ok $? "A adds 李明"
TUI_T=b tui_wait "共 1 人" 5; ok $? "B's list follows within seconds"
TUI_T=b tui_wait "李明" 2; ok $? "and shows 李明"

# Both open 李明; B saves first; A's save is caught.
TUI_T=main tui_keys e
TUI_T=main tui_wait "修改党员信息"
TUI_T=b tui_keys e
TUI_T=b tui_wait "修改党员信息"
TUI_T=b tui_fill 联系电话 "025-84561234"
TUI_T=b tui_keys F2
TUI_T=b tui_wait "已保存 李明"; ok $? "B saves a phone number"
TUI_T=main tui_fill 居住地址 "幸福里 3 号"
TUI_T=main tui_keys F2
TUI_T=main tui_wait "保存了该党员"; ok $? "A's save over B's change is caught"
TUI_T=main tui_screen | grep -q "联系电话"; ok $? "the conflict names the fields that differ"
TUI_T=main tui_screen | grep -q "$(id -un)"; ok $? "and who saved"
is "$(sql "$db" "SELECT phone || '|' || address FROM members;")" "025-84561234|" \
	"nothing of A's was written yet"

# A loads B's version: the form now shows B's phone; A's address is gone.
TUI_T=main tui_type "载入"
TUI_T=main tui_keys Enter
TUI_T=main tui_wait "已载入"; ok $? "A loads B's version"
TUI_T=main tui_screen | grep -q "025-84561234"; ok $? "the form shows B's phone"
TUI_T=main tui_type "幸福里 3 号"
TUI_T=main tui_keys F2
TUI_T=main tui_wait "已保存 李明"; ok $? "A saves on top of B's version"
is "$(sql "$db" "SELECT phone || '|' || address || '|' || version FROM members;")" \
	"025-84561234|幸福里 3 号|3" "both changes are kept, one after the other"

# save_over NOTE: A types NOTE into 备注, saves, meets the conflict and
# saves over the other change; the status of the last wait.
save_over() {
	TUI_T=main tui_fill 备注 "$1"
	TUI_T=main tui_keys F2
	TUI_T=main tui_wait "保存了该党员"
	TUI_T=main tui_type "覆盖"
	TUI_T=main tui_keys Enter
	TUI_T=main tui_wait "已保存 李明"
}

# Again, and A deliberately saves over B.
TUI_T=main tui_keys e
TUI_T=main tui_wait "修改党员信息"
TUI_T=b tui_keys e
TUI_T=b tui_wait "修改党员信息"
TUI_T=b tui_fill 备注 "B 的备注"
TUI_T=b tui_keys F2
TUI_T=b tui_wait "已保存 李明"
save_over "A 的备注"; ok $? "A chooses to save over B's change"
is "$(sql "$db" "SELECT note FROM members;")" "A 的备注" "A's note is stored, deliberately"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE tbl='members' AND action='update';")" 4 \
	"every save is in the audit log"

# A's form is open while the status changes from the command line, a
# field the form does not show: saving over that change keeps the status
# and its date (the form's fields are A's, the rest as stored).
TUI_T=main tui_keys e
TUI_T=main tui_wait "修改党员信息"
"$ZHIBU" status --db "$db" 李明 流出 --date 2020-01-01 >/dev/null
save_over "A 再改"; ok $? "A saves over a status change made meanwhile"
is "$(sql "$db" "SELECT status || '|' || status_date || '|' || note FROM members;")" \
	"流出|2020-01-01|A 再改" "the status and its date stay; A's note is stored"

# The connection drops while A has a form open (tmux kills the session,
# the terminal hangs up: SIGHUP).
TUI_T=main tui_keys a
TUI_T=main tui_wait "新增党员"
TUI_T=main tui_fill 姓名 "王芳" 身份证号 "$(fake_id 31010419800808222)"
# the keys must have reached the form before the line drops
TUI_T=main tui_wait "310104198008082"
tmux_ kill-session -t =main
# drafts_are N: the database keeps N drafts.
drafts_are() { [ "$(sql "$db" 'SELECT count(*) FROM drafts;')" = "$1" ]; }
tui_poll 5 drafts_are 1
is "$(sql "$db" 'SELECT count(*) FROM drafts;')" 1 "the open form is kept as a draft"
is "$(sql "$db" 'PRAGMA integrity_check;')" ok "the database is intact"
is "$(sql "$db" "SELECT count(*) FROM members WHERE name='王芳';")" 0 "nothing half-saved"

# A starts again: the draft is offered and finishes the work.
tmux_ new-session -d -s main -x 80 -y 24 \
	"env LANG=$LANG TERM=screen HOME=$HOME TZ=$TZ ZHIBU_TODAY=$ZHIBU_TODAY ZHIBU_LOCALEDIR=$ZHIBU_LOCALEDIR '$ZHIBU' --db '$db'; echo \"[exit \$?]\"; sleep 600"
TUI_T=main tui_wait "表单已保留"; ok $? "the next start offers the kept form"
TUI_T=main tui_keys Enter
TUI_T=main tui_wait "王芳"; ok $? "it opens with what was typed"
TUI_T=main tui_screen | grep -q "310104198008082"; ok $? "the ID number too"
TUI_T=main tui_fill 入党日期 "2010-07-01" 转正日期 "2011-07-01"
TUI_T=main tui_keys F2
TUI_T=main tui_wait "已保存 王芳"; ok $? "and saves"
is "$(sql "$db" "SELECT count(*) FROM members WHERE name='王芳';")" 1 "王芳 is on the roster"
is "$(sql "$db" 'SELECT count(*) FROM drafts;')" 0 "the draft is gone"

TUI_T=main tui_keys q
TUI_T=main tui_wait "[exit 0]"; ok $? "A quits"
TUI_T=b tui_keys q q
TUI_T=b tui_wait "[exit 0]"; ok $? "B quits"
LANG=C.UTF-8 run check --db "$db"
is "$out" "$db: ok" "the database is consistent, audit trail included"

done_testing
