#!/bin/sh
# A database shared by a Unix group (0640: the owner writes, the group
# reads): a member who may only read never locks the writer out.  The
# attack: a reader's export used to leave -wal and -shm files of its own,
# 0640, beside the database, and every save of the owner after it failed
# ("the database is read-only") until someone removed them.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/users.sh"

users_setup
db="$shared/zhibu.db"
awk -v n=5 -v faults=0 -f "$top_srcdir/tests/data/gen-roster.awk" >"$T/roster.csv"
chmod 644 "$T/roster.csv"
# upd N: a save of the owner's that changes something (an --update row
# equal to the roster writes nothing): the first member's note becomes N.
first_id=$(sed -n 2p "$T/roster.csv" | cut -d, -f5)
upd() {
	printf '身份证号,备注\n%s,第%s次修改\n' "$first_id" "$1" >"$T/upd-$1.csv"
	chmod 644 "$T/upd-$1.csv"
	echo "$T/upd-$1.csv"
}
# The witness reads as the owner: a writing sqlite3 would remove the
# owner's files, and one run as root would give them to the owner.
audit_rows() { as "$owner" "${SQLITE3:-sqlite3}" -readonly "$db" 'SELECT count(*) FROM audit_log;'; }

as_run "$owner" init --db "$db" --branch 第一支部
is "$rc" 0 "the owner creates the database"
chmod 640 "$db"
as_run "$owner" import --db "$db" members "$T/roster.csv"
is "$rc" 0 "the owner imports the roster into the 0640 file"
is "$(owned_by "$owner")" "zhibu.db
zhibu.db-shm
zhibu.db-wal" "the owner's -wal and -shm stay beside a file the group may only read"

# The issue's acceptance: the reader exports, the owner saves right after.
as_run "$reader" export --db "$db" members -o "$T/home-r/roster.csv"
is "$rc" 0 "the reader exports"
like "$out" "wrote .* \\(5 records\\)" "... the whole roster"
is "$(owned_by "$reader")" "" "... leaving no file of the reader's beside the database"
before=$(audit_rows)
as_run "$owner" import --update --db "$db" members "$(upd 1)"
is "$rc" 0 "the owner saves right after the reader's export"
[ "$(audit_rows)" -gt "$before" ]; ok $? "... and the change is stored"
like "$err" "^$" "... without a word of complaint"

# The reader's other commands read the same way.
as_run "$reader" check --db "$db"
is "$rc" 0 "the reader checks the database"
as_run "$reader" report roster --db "$db" -o "$T/home-r/roster.txt"
is "$rc" 0 "the reader prints a report to a file"
as_run "$reader" backup --db "$db" "$T/home-r/copy.db"
is "$rc" 0 "the reader makes a backup"
is "$(owned_by "$reader")" "" "... none of them leaves a file of the reader's"
as_run "$owner" import --update --db "$db" members "$(upd 2)"
is "$rc" 0 "the owner still saves"

# Without the owner's files (removed by an older zhibu, or the file just
# copied in), the reader is told before anything is made, with the fix.
rm -f "$db-wal" "$db-shm"
as_run "$reader" export --db "$db" members -o "$T/home-r/roster.csv"
is "$rc" 1 "no -wal and -shm: the reader's export stops"
like "$err" "may only read this database.*-wal and -shm.*chmod g\\+w" \
	"... saying why and what to do"
is "$(owned_by "$reader")" "" "... and makes no file"
LANG=zh_CN.UTF-8 as_run "$reader" export --db "$db" members -o "$T/home-r/roster.csv"
like "$err" "你只能读取此数据库.*用 zhibu 打开它一次" "... in Chinese in a Chinese locale"
as_run "$owner" import --update --db "$db" members "$(upd 3)"
is "$rc" 0 "the owner saves; the files are there again"
as_run "$reader" export --db "$db" members -o "$T/home-r/roster.csv"
is "$rc" 0 "and the reader exports"

# Another program run by the reader (the sqlite3 shell) still makes files
# of its own: the owner's next open removes them while nobody uses them.
rm -f "$db-wal" "$db-shm"
as "$reader" "${SQLITE3:-sqlite3}" -readonly "$db" 'SELECT count(*) FROM members;' >/dev/null
is "$(owned_by "$reader")" "zhibu.db-shm
zhibu.db-wal" "the sqlite3 shell of the reader leaves its own -wal and -shm"
as_run "$owner" import --update --db "$db" members "$(upd 4)"
is "$rc" 0 "the owner saves all the same"
is "$(owned_by "$reader")" "" "... the reader's files are gone"

# While the reader's shell is still reading, they cannot go: the
# owner is told so, nothing is half done, and the next try works.
rm -f "$db-wal" "$db-shm"
mkfifo "$T/shell-in"
chmod 644 "$T/shell-in"
as "$reader" "${SQLITE3:-sqlite3}" -readonly "$db" <"$T/shell-in" >/dev/null 2>&1 &
shell=$!
exec 3>"$T/shell-in"
echo 'SELECT count(*) FROM members;' >&3
i=0
while [ ! -e "$db-shm" ] && [ "$i" -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
before=$(audit_rows)
as_run "$owner" import --update --db "$db" members "$(upd 5)"
is "$rc" 1 "the reader's files in use: the owner's import stops"
like "$err" "made by someone who may only read it.*once the others have left" \
	"... saying why and when it will work"
is "$(audit_rows)" "$before" "... having changed nothing"
exec 3>&-
wait "$shell"
as_run "$owner" import --update --db "$db" members "$(upd 6)"
is "$rc" 0 "once the reader has left, the owner saves"
is "$(owned_by "$reader")" "" "... the reader's files gone"

done_testing
