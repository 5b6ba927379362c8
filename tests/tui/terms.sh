#!/bin/sh
# Every TERM the secretaries have: the screens draw and every action works
# through the keys that need no function keys.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

export LANG=zh_CN.UTF-8
db="$T/branch.db"
"$ZHIBU" init --db "$db" --branch "测试支部" >/dev/null

for term in xterm xterm-256color screen screen-256color tmux-256color linux vt100 vt220 putty; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		ok 1 "$term: terminal description installed (ncurses-term)"
		continue
	fi
	TUI_TERM=$term tui_start "$ZHIBU" --db "$db"
	tui_wait "测试支部" 5; ok $? "$term: the start screen"
	tui_keys 1
	tui_wait "共 0 人" 5; ok $? "$term: 1 opens the roster"
	tui_keys a
	tui_wait "新增党员" 5; ok $? "$term: a opens the form"
	tui_type "王"
	tui_keys C-p C-p
	tui_keys C-s
	tui_wait "身份证号：必须填写" 5; ok $? "$term: Ctrl-S checks the form"
	tui_keys C-c
	tui_wait "放弃所做的修改" 5; ok $? "$term: Ctrl-C cancels, asking first"
	tui_keys y
	tui_wait "共 0 人" 5; ok $? "$term: back in the list"
	tui_keys q q
	tui_wait "[exit 0]" 5; ok $? "$term: q q quits"
done

# Under C or POSIX (an SSH login that set no LANG) nothing Chinese can be
# shown: a clear word on what to set, instead of rows of placeholders.
LANG=C
tui_start "$ZHIBU" --db "$T/new.db"
tui_wait "[exit 1]" 5; ok $? "LANG=C: the screens do not start"
tui_screen | grep -q "cannot show Chinese"; ok $? "LANG=C: and say why"
tui_screen | grep -q "LANG=zh_CN.GB18030 zhibu"; ok $? "LANG=C: and which LANG to set"
[ ! -e "$T/new.db" ]; ok $? "LANG=C: no database was created"
LANG=zh_CN.UTF-8

# TERM unset, dumb or unknown here: a sentence of ours, in Chinese, with
# what to set, instead of curses' "Error opening terminal: unknown." (and
# the end of the program) or a screen drawn on a terminal that cannot
# move the cursor; nothing is opened or created before.
tui_start env -u TERM "$ZHIBU" --db "$T/term.db"
tui_wait "[exit 1]" 5; ok $? "TERM unset: the screens do not start"
tui_screen | grep -q "没有设置终端类型 TERM"; ok $? "TERM unset: and say so in Chinese"
tui_screen | grep -q "TERM=xterm zhibu"; ok $? "TERM unset: and what to set"
! tui_screen | grep -q "Error opening terminal"; ok $? "TERM unset: not curses' words"
[ ! -e "$T/term.db" ]; ok $? "TERM unset: no database was created"
TUI_TERM=dumb tui_start "$ZHIBU" --db "$T/term.db"
tui_wait "[exit 1]" 5; ok $? "TERM=dumb: the screens do not start"
tui_screen | grep -q "终端类型 TERM=dumb 无法显示界面"; ok $? "TERM=dumb: and say why in Chinese"
[ ! -e "$T/term.db" ]; ok $? "TERM=dumb: no database was created"
TUI_TERM=no-such-terminal tui_start "$ZHIBU" --db "$T/term.db"
tui_wait "[exit 1]" 5; ok $? "an unknown TERM: the screens do not start"
tui_screen | grep -q "本机不认识终端类型 TERM=no-such-terminal"; ok $? "an unknown TERM: and say so in Chinese"

done_testing
