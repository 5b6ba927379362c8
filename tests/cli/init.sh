#!/bin/sh
# zhibu init, check and backup on a fresh database; where the file lives.
. "$top_srcdir/tests/lib.sh"

db="$T/new/dir/branch.db"
run init --db "$db" --branch "幸福里社区第一党支部"
is "$rc" 0 "init creates a database"
like "$out" "created .*branch.db" "and says where"
is "$(mode_of "$db")" 600 "the file is 0600"
is "$(mode_of "$T/new/dir")" 700 "the directory it made is 0700"
is "$(sql "$db" 'PRAGMA journal_mode;')" wal "journal mode is WAL"
is "$(sql "$db" "SELECT value FROM settings WHERE key='branch.name';")" \
	"幸福里社区第一党支部" "the branch name is stored"
v=$(sql "$db" 'PRAGMA user_version;')
[ "$v" -ge 3 ]; ok $? "schema version is current ($v)"

run init --db "$db"
is "$rc" 1 "init refuses an existing file"
like "$err" "already exists" "and says so"

run check --db "$db"
is "$rc" 0 "check passes on a new database"
like "$out" ": ok$" "and says ok"

# --db after the command works as well as before it.
run --db "$db" check
is "$rc" 0 "--db before the command"
run check --db="$db"
is "$rc" 0 "--db=FILE form"

# ZHIBU_DB and the XDG default.
ZHIBU_DB="$T/env.db" "$ZHIBU" init >/dev/null 2>&1
ok $? "init with ZHIBU_DB"
[ -f "$T/env.db" ]; ok $? "creates the file ZHIBU_DB names"
XDG_DATA_HOME="$T/xdg" "$ZHIBU" init >/dev/null 2>&1
[ -f "$T/xdg/zhibu/zhibu.db" ]; ok $? "default is \$XDG_DATA_HOME/zhibu/zhibu.db"
"$ZHIBU" init >/dev/null 2>&1
[ -f "$HOME/.local/share/zhibu/zhibu.db" ]; ok $? "else ~/.local/share/zhibu/zhibu.db"

# A missing database is not created by check.
run check --db "$T/missing.db"
is "$rc" 1 "check of a missing file fails"
[ ! -e "$T/missing.db" ]; ok $? "and does not create it"

# Not a database at all; a database of another program.
echo "姓名,性别" > "$T/not.db"
run check --db "$T/not.db"
is "$rc" 1 "check of a text file fails"
sql "$T/other.db" 'CREATE TABLE t(x);'
run check --db "$T/other.db"
is "$rc" 1 "a SQLite file of another program is refused"
like "$err" "not a zhibu database" "and said to be foreign"
is "$(sql "$T/other.db" "SELECT count(*) FROM sqlite_master;")" 1 "and left unchanged"

# A world-readable database is reported.
chmod 644 "$db"
run check --db "$db"
like "$err" "can be read by other users" "a world-readable file is reported"
chmod 600 "$db"

# Backup while the database is in use.
run backup --db "$db" "$T/copy.db"
is "$rc" 0 "backup writes a copy"
is "$(mode_of "$T/copy.db")" 600 "the copy is 0600"
is "$(sql "$T/copy.db" "SELECT value FROM settings WHERE key='branch.name';")" \
	"幸福里社区第一党支部" "the copy has the data"
is "$(sql "$T/copy.db" 'PRAGMA integrity_check;')" ok "the copy passes integrity_check"
run backup --db "$db" "$T/no/such/dir/copy.db"
is "$rc" 1 "backup into a missing directory fails"

# Onto a directory: refused before anything is copied, saying why.
mkdir "$T/backups"
run backup --db "$db" "$T/backups"
is "$rc" 1 "backup onto a directory fails"
like "$err" "backups: is a directory; name a file for the copy" "and says it is a directory"
is "$(ls -A "$T/backups"; ls "$T" | grep -c '^backups\.')" 0 "nothing is written, in it or beside it"
LANG=zh_CN.UTF-8 "$ZHIBU" backup --db "$db" "$T/backups" 2>"$T/err"
like "$(cat "$T/err")" "^zhibu：$T/backups：是一个目录" "(in Chinese too)"
run backup --db "$db" /dev/null
is "$rc" 1 "backup onto a device fails (it would replace the device by the copy)"
[ -c /dev/null ]; ok $? "(and /dev/null is still a device)"

done_testing
