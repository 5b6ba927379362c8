#!/bin/sh
# A read-only or full file system: clear messages, nothing corrupted.
# Needs root to mount small file systems; elsewhere these checks are
# reported as skipped (not as passed).
. "$top_srcdir/tests/lib.sh"

WRITER="$top_builddir/tests/tools/writer"
mnt="$T/mnt"
mkdir -p "$mnt"
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=2m tmpfs "$mnt" 2>/dev/null; then
	for what in "full: the writer stops" "full: says disk full" "full: intact" \
	            "full: committed members kept" "full: check" \
	            "read-only: init refused" "read-only: message" \
	            "read-only: backup refused" "read-only: check reads it" \
	            "full -o: export fails" "full -o: says disk full" \
	            "full -o: previous file intact" "full -o: no temporary" \
	            "full -o: report fails" "full -o: report says why" \
	            "full -o: report intact" "full backup: fails" \
	            "full backup: says disk full" "full backup: previous intact" \
	            "full backup: no temporary" "full: room again"; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n - $what # SKIP needs root to mount a small file system"
	done
	done_testing
	exit
fi
trap 'umount "$mnt" 2>/dev/null; rm -rf "$T"' EXIT

# A full disk: the writer's last transaction fails cleanly.
db="$mnt/full.db"
"$ZHIBU" init --db "$db" >/dev/null
"$WRITER" "$db" 0 7 >"$T/committed" 2>"$T/errors"
is "$?" 1 "full: the writer stops with an error"
like "$(cat "$T/errors")" "disk full" "full: says disk full"
is "$(sql "$db" 'PRAGMA integrity_check;' 2>&1)" ok "full: the database is intact"
is "$(sql "$db" 'SELECT count(*) FROM members;')" "$(grep -c . "$T/committed")" \
	"full: every committed member is there, nothing else"
run check --db "$db"
is "$out" "$db: ok" "full: check finds it consistent"

# Read-only: the same file system remounted.
umount "$mnt"
mount -t tmpfs -o size=8m tmpfs "$mnt"
"$ZHIBU" init --db "$mnt/branch.db" >/dev/null
mount -o remount,ro "$mnt"
run init --db "$mnt/other.db"
is "$rc" 1 "read-only: init is refused"
like "$err" "read-only" "read-only: the message says read-only"
run init --db "$T/src.db"
run backup --db "$T/src.db" "$mnt/copy.db"
is "$rc" 1 "read-only: backup into it is refused"
run check --db "$mnt/branch.db"
is "$out" "$mnt/branch.db: ok" "read-only: check reads it as it is"

# A full disk under export -o, report -o and backup: the previous file is
# whole, no temporary is left, and the command fails saying why.
umount "$mnt"
mount -t tmpfs -o size=1m tmpfs "$mnt"
awk -v n=8000 -f "$top_srcdir/tests/data/gen-roster.awk" > "$T/big.csv"
"$ZHIBU" init --db "$T/big.db" >/dev/null
"$ZHIBU" import --db "$T/big.db" members "$T/big.csv" >/dev/null
echo previous > "$mnt/roster.csv"
chmod 644 "$mnt/roster.csv"
run export --db "$T/big.db" members -o "$mnt/roster.csv"
is "$rc" 1 "full -o: export fails"
like "$err" "roster.csv: the file could not be written: No space left on device" \
	"full -o: and says the disk is full"
is "$(cat "$mnt/roster.csv")/$(mode_of "$mnt/roster.csv")" previous/644 \
	"full -o: the previous file is as it was"
is "$(ls -A "$mnt")" roster.csv "full -o: no temporary or partial file is left"
run report --db "$T/big.db" roster -o "$mnt/roster.csv"
is "$rc" 1 "full -o: report fails"
like "$err" "roster.csv: the report could not be written: No space left on device" \
	"full -o: report says why"
is "$(cat "$mnt/roster.csv")/$(ls -A "$mnt")" previous/roster.csv \
	"full -o: report leaves the previous file, and nothing else"
"$ZHIBU" init --db "$T/small.db" >/dev/null
"$ZHIBU" backup --db "$T/small.db" "$mnt/copy.db" >/dev/null
cp "$mnt/copy.db" "$T/copy-before.db"
rm "$mnt/roster.csv"
run backup --db "$T/big.db" "$mnt/copy.db"
is "$rc" 1 "full backup: fails"
like "$err" "copy.db: disk full" "full backup: says the disk is full"
cmp -s "$mnt/copy.db" "$T/copy-before.db"
ok $? "full backup: the previous copy is as it was"
is "$(ls -A "$mnt")" copy.db "full backup: no temporary (nor journal) is left"
rm "$mnt/copy.db"
run export --db "$T/small.db" members -o "$mnt/roster.csv"
is "$rc/$(ls -A "$mnt")" 0/roster.csv "full: with room again the same export works"

done_testing
