#!/bin/sh
# Odd paths and environments: names SQLite would not take for a file, and
# a settings file that is a pipe, huge, or full of control characters.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
awk -v n=3 -v faults=0 -f "$top_srcdir/tests/data/gen-roster.awk" >roster.csv

# ---- --db and ZHIBU_DB: a database in memory, a URI ---------------------
# The attack: an import into ':memory:' or 'file:x?mode=memory' "succeeded"
# (exit 0, "imported 3") into a database gone at exit.
run import --db :memory: members roster.csv
is "$rc" 2 "--db :memory: is a usage error"
like "$err" "':memory:' is a database in memory, gone when zhibu exits: name a file" \
	"... that says why"
unlike "$out" "imported" "... and imports nothing"
run init --db :memory:
is "$rc" 2 "init --db :memory: too"
run import --db 'file:x.db?mode=memory' members roster.csv
is "$rc" 2 "--db file:x.db?mode=memory is a usage error"
like "$err" "starts with 'file:' is a URI to SQLite: name the file as ./file:" \
	"... that says why and how to name such a file"
run export --db=file::memory: members
is "$rc" 2 "--db=file::memory: too"
[ -z "$(ls -d file:* 2>/dev/null)" ]; ok $? "no file was made under those names"

ZHIBU_DB=:memory: run import members roster.csv
is "$rc" 2 "ZHIBU_DB=:memory: is a usage error"
like "$err" "ZHIBU_DB=:memory:: " "... naming the variable"
ZHIBU_DB='file:x.db?mode=memory' run export members
is "$rc" 2 "ZHIBU_DB=file:... too"
ZHIBU_DB=:memory: run --version
is "$rc" 0 "--version does not look at ZHIBU_DB"
LANG=zh_CN.UTF-8 run import --db :memory: members roster.csv
like "$err" "“:memory:”是内存中的数据库" "the reason in Chinese in a Chinese locale"

run init --db ./file:x.db
is "$rc" 0 "./file:x.db is a file's name"
[ -f "file:x.db" ]; ok $? "... and the file is made under it"
run import --db ./file:x.db members roster.csv
is "$rc" 0 "... which takes an import"
is "$(sql ./file:x.db 'SELECT count(*) FROM members;')" 3 "... that stays"

# ---- the settings file ----------------------------------------------------
# Each is refused with one line on stderr, and the program runs on with
# the defaults.  The attacks: a named pipe hung every start (zhibu
# waited for a writer), a huge file was read line by line, and control
# characters reached the terminal in the warnings.
cfg="$HOME/.config/zhibu/config"
mkdir -p "$HOME/.config/zhibu"

# one_line TEXT: TEXT is exactly one line
one_line() { [ -n "$1" ] && [ "$(printf '%s\n' "$1" | wc -l)" -eq 1 ]; }

mkfifo "$cfg"
out=$(timeout 10 "$ZHIBU" --version 2>"$T/stderr"); rc=$?
err=$(cat "$T/stderr")
is "$rc" 0 "a named pipe as the settings file: the program runs on"
like "$out" "^zhibu " "... and does its work"
one_line "$err"; ok $? "... saying so in one line"
like "$err" "config: is not a regular file \\(a pipe, a device or a directory\\); its settings are not used" \
	"... which says what is wrong"
rm -f "$cfg"

mkdir "$cfg"
run --version
is "$rc" 0 "a directory as the settings file: runs on"
one_line "$err"; ok $? "... with one line"
rmdir "$cfg"

{ echo "language = en"; head -c 70000 /dev/zero | tr '\0' '#'; echo; } >"$cfg"
LANG=zh_CN.UTF-8 run --help
is "$rc" 0 "a settings file over 64 KiB: runs on"
one_line "$err"; ok $? "... with one line"
like "$err" "超过 64 KiB，不可能是设置文件，其中的设置未被采用" "... in Chinese"
like "$out" "用法" "... and its settings are not used (language = en)"

printf 'language = en\ncolor = never\033]52;c;ZXZpbA==\007\n' >"$cfg"
LANG=zh_CN.UTF-8 run --help
is "$rc" 0 "control characters in the settings file: runs on"
one_line "$err"; ok $? "... with one line"
like "$err" "含有控制字符，其中的设置未被采用" "... saying why"
printf '%s' "$err" | grep -q "$(printf '\033')"; is $? 1 "... and no control character reaches the terminal"
like "$out" "用法" "... the file's settings not used"

printf 'language = en\r\n\tcolor = never\r\n' >"$cfg"
LANG=zh_CN.UTF-8 run --help
is "$err" "" "tabs and CR LF line ends are fine"
like "$out" "^Usage" "... and the file is read"

done_testing
