#!/bin/sh
# Files zhibu writes are created, never followed: a link, a device or a
# FIFO where the file goes is refused and left alone; a file there is
# replaced whole (0600, whatever it was), never written into; a kill -9
# leaves the previous file and nothing else; and no command succeeds when
# its standard output was lost.  (A full disk: fs.sh, which can mount one.)
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
awk -v n=200 -f "$top_srcdir/tests/data/gen-roster.awk" > roster.csv
"$ZHIBU" init --db a.db >/dev/null
"$ZHIBU" import --db a.db members roster.csv >/dev/null

# temps DIR: how many temporaries of zhibu's are in DIR.
temps() { ls -A "$1" | grep -c 'zhibu-'; }

# The attack: a link put where a secretary exports, to a file of hers the
# attacker wants overwritten (or read: the file would take the link's
# target's permissions).  Every command that writes a file refuses it.
mkdir outside
echo precious > outside/file
chmod 644 outside/file
ln -s "$T/outside/file" link.csv
ln -s "$T/outside/new" dangling.csv
for cmd in "export members" "report roster" "report roster --format csv" \
           "report stats"; do
	run $cmd --db a.db -o link.csv
	is "$rc" 1 "$cmd -o onto a link to another file is refused"
	like "$err" "^zhibu: link.csv: is a symbolic link" "($cmd: says it is a link)"
	run $cmd --db a.db -o dangling.csv
	is "$rc/$(ls outside)" "1/file" "$cmd -o onto a dangling link creates nothing where it points"
done
run backup --db a.db link.csv
is "$rc" 1 "backup onto a link is refused"
like "$err" "link.csv: is a symbolic link" "(backup: says it is a link)"
run backup --db a.db dangling.csv
is "$rc/$(ls outside)" "1/file" "backup onto a dangling link creates nothing where it points"
is "$(cat outside/file)/$(mode_of outside/file)" "precious/644" "the file the links point to is untouched"
[ -L link.csv ] && [ -L dangling.csv ]; ok $? "the links are left as they were"
is "$(temps .)" 0 "and nothing is left beside them"
LANG=zh_CN.UTF-8 "$ZHIBU" export --db a.db members -o link.csv 2>err
like "$(cat err)" "^zhibu：link.csv：是符号链接" "(said in Chinese too)"

# A device or a FIFO is no file to write: refused, with the way to
# standard output (a FIFO with no reader would have hung the export).
run export --db a.db members -o /dev/null
is "$rc" 1 "-o /dev/null is refused (a device)"
like "$err" "is not a regular file.*'-o -' writes to standard output" "with the way to standard output"
[ -c /dev/null ]; ok $? "(and /dev/null is still a device)"
mkfifo fifo.csv
timeout 60 "$ZHIBU" export --db a.db members -o fifo.csv 2>err
is "$?" 1 "-o onto a FIFO is refused, not waited on"
[ -p fifo.csv ]; ok $? "(and the FIFO is left as it was)"
run backup --db a.db fifo.csv
is "$rc" 1 "backup onto a FIFO is refused"

# An existing file is replaced, not written into: a second name of it (a
# hard link) keeps the old text, and the new file is 0600.
echo old > old.csv
chmod 644 old.csv
ln old.csv other-name.csv
"$ZHIBU" export --db a.db members -o old.csv >/dev/null
"$ZHIBU" export --db a.db members -o fresh.csv >/dev/null
is "$(mode_of old.csv)/$(cmp -s old.csv fresh.csv && echo new)" "600/new" \
	"an existing 0644 file is replaced by a 0600 one"
is "$(cat other-name.csv)/$(mode_of other-name.csv)" "old/644" \
	"the old file was not written into (its other name keeps it)"
echo old > old.txt
chmod 666 old.txt
"$ZHIBU" report --db a.db roster -o old.txt >/dev/null
is "$(mode_of old.txt)/$(grep -c 党员花名册 old.txt | sed 's/[1-9][0-9]*/some/')" "600/some" "so does report -o"
echo old > old.db
chmod 644 old.db
ln old.db other-name.db
run backup --db a.db old.db
is "$rc/$(mode_of old.db)/$(cat other-name.db)" "0/600/old" "and backup"
is "$(sql old.db 'SELECT count(*) FROM members;')" 200 "(the copy holds the members)"
mask=$(umask)
umask 000
"$ZHIBU" export --db a.db members -o loose.csv >/dev/null
umask "$mask"
is "$(mode_of loose.csv)" 600 "a new file is 0600 under any umask"
is "$(temps .)" 0 "no temporary file is left"

# kill -9 in the middle of a large export: the previous file is whole and
# nothing else is left.  Every member's name has a character GBK lacks, so
# the export says so on stderr for each; nobody reads that pipe, so the
# export stops in the middle, its file half written, until it is killed.
awk -v n=5000 -f "$top_srcdir/tests/data/gen-roster.awk" |
	sed '2,$s/^/𠮷/' > big.csv
"$ZHIBU" init --db big.db >/dev/null
"$ZHIBU" import --db big.db members big.csv >/dev/null
mkdir kill
echo previous > kill/roster.csv
mkfifo errors
"$ZHIBU" export --db big.db members --encoding gbk -o kill/roster.csv 2>errors &
pid=$!
exec 7<errors
# wait until its file holds some of the export (not a fixed time)
written=0
for i in $(seq 1 6000); do
	for fd in /proc/$pid/fd/*; do
		case $(readlink "$fd" 2>/dev/null) in
		"$T/kill/"*)
			size=$(stat -L -c %s "$fd" 2>/dev/null || echo 0)
			[ "${size:-0}" -gt 0 ] && written=$size ;;
		esac
	done
	[ "$written" -gt 0 ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.01
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exec 7<&-
[ "$written" -gt 0 ]; ok $? "the export was killed in the middle ($written bytes written)"
is "$(cat kill/roster.csv)" previous "after kill -9 the previous file is whole"
is "$(ls -A kill)" roster.csv "and nothing else is left: no partial file, no temporary"

# What an interrupted writer left in a directory where O_TMPFILE is not
# to be had (or a backup, whose temporary has a name): the next write in
# it removes it, but never one whose writer still holds its lock.
echo half > .gone.csv.zhibu-Dead12
echo half > .gone.csv.zhibu-Dead12-journal
echo half > .other.db.zhibu-Dead34-wal
echo live > .keep.csv.zhibu-Live12
echo mine > .note.zhibu-notes.txt
exec 8<.keep.csv.zhibu-Live12
flock -x 8
"$ZHIBU" export --db a.db members -o swept.csv >/dev/null
is "$(ls -A | grep zhibu- | sort | tr '\n' ' ')" ".keep.csv.zhibu-Live12 .note.zhibu-notes.txt " \
	"the next write removes temporaries left by a killed zhibu, not one in use, nor other files"
exec 8<&-

# Standard output that cannot be written: every command fails, and says so.
"$ZHIBU" init --db b.db >/dev/null
for cmd in "--help" "--version" "check --db a.db" "export members --db a.db" \
           "export members --db a.db -o -" "report roster --db a.db" \
           "report stats --db a.db" "report roster --format csv --db a.db" \
           "backup --db a.db full-copy.db" "import members roster.csv --db b.db --dry-run"; do
	"$ZHIBU" $cmd >/dev/full 2>err
	is "$?" 1 "zhibu $cmd > /dev/full fails"
	like "$(cat err)" "No space left on device" "(zhibu $cmd: says why)"
	is "$(grep -c . err)" 1 "(zhibu $cmd: once)"
done
"$ZHIBU" check --db a.db >&- 2>err
is "$?" 1 "zhibu check with standard output closed fails"
like "$(cat err)" "^zhibu: standard output could not be written" "(and says so)"
"$ZHIBU" --help >&- 2>err
is "$?" 1 "so does zhibu --help"
"$ZHIBU" export --db a.db members -o closed.csv >&- 2>err
is "$?" 1 "export -o FILE with standard output closed fails (its summary is lost)"
is "$(grep -c wrote closed.csv)" 0 "and no message went into the file"
LANG=zh_CN.UTF-8 "$ZHIBU" --version >/dev/full 2>err
like "$(cat err)" "^zhibu：无法写入标准输出" "(said in Chinese too)"
run check --db a.db
is "$rc/$out" "0/a.db: ok" "a command whose output is written still succeeds"

done_testing
