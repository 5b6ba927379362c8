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
	            "read-only: backup refused" "read-only: check reads it"; do
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

done_testing
