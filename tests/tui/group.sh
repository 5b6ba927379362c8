#!/bin/sh
# A database shared by a Unix group (0640): a member who may only read
# exports it, and the owner saves a form right after, with the screens
# open meanwhile and with nobody in the database.  The attack: the
# reader's export used to leave -wal and -shm files of its own, which
# made every save of the owner fail ("数据库是只读的").
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"
. "$top_srcdir/tests/users.sh"

export LANG=zh_CN.UTF-8
users_setup
db="$shared/zhibu.db"
awk -v n=5 -v faults=0 -f "$top_srcdir/tests/data/gen-roster.awk" >"$T/roster.csv"
chmod 644 "$T/roster.csv"
as_run "$owner" init --db "$db" --branch 第一支部
chmod 640 "$db"
as_run "$owner" import --db "$db" members "$T/roster.csv"
is "$rc" 0 "the owner imports the roster into the 0640 file"

owner_screens() {
	tui_start setpriv --reuid="$owner" --regid="$grp" --init-groups \
		env HOME="$T/home-o" ZHIBU_LOCALEDIR="$ZB_LOCALE" "$ZB" --db "$db"
	tui_wait "第一支部"
}

# edit_phone NUMBER: open the first member of the roster, change the
# phone number, save with F2.
edit_phone() {
	tui_keys 1
	tui_wait "共 5 人" || return 1
	tui_keys e
	tui_wait "修改党员信息" || return 1
	tui_fill "联系电话" "$1" || return 1
	tui_keys F2
	tui_wait "已保存"
}

# The owner's screens are open while the reader exports.
owner_screens; ok $? "the owner's screens are open"
as_run "$reader" export --db "$db" members -o "$T/home-r/roster.csv"
is "$rc" 0 "the reader exports meanwhile"
edit_phone 13912345678; ok $? "the owner saves a form after it"
tui_keys q q
tui_wait "[exit 0]"; ok $? "the owner leaves"

# Nobody has the database open: the reader exports, the owner opens the
# screens and saves a form right after.
as_run "$reader" export --db "$db" members -o "$T/home-r/roster.csv"
is "$rc" 0 "the reader exports with nobody in the database"
is "$(owned_by "$reader")" "" "... leaving no file of the reader's beside it"
owner_screens; ok $? "the owner opens the screens right after"
edit_phone 13912345679; ok $? "and saves a form"
tui_keys q q
tui_wait "[exit 0]"; ok $? "the owner leaves"
is "$(as "$owner" "${SQLITE3:-sqlite3}" -readonly "$db" \
	"SELECT count(*) FROM members WHERE phone = '13912345679';")" 1 "the phone number is stored"

done_testing
