#!/bin/sh
# A kill -9 in the middle of a large import leaves the database intact
# with all of the file or none of it (SPEC 8): one transaction.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
N=20000
awk -v n=$N -f "$top_srcdir/tests/data/gen-roster.awk" |
	iconv -f UTF-8 -t GB18030 | sed 's/$/\r/' > big.csv

# A random delay in seconds (0.2 to 3.2), from /dev/urandom: the moment
# of the kill is meant to differ between runs.
delay() {
	od -An -N2 -tu2 /dev/urandom | awk '{ printf "%.2f\n", 0.2 + ($1 % 300) / 100 }'
}

for round in 1 2 3 4; do
	db="kill$round.db"
	"$ZHIBU" init --db "$db" >/dev/null
	"$ZHIBU" import --db "$db" members big.csv >/dev/null 2>&1 &
	pid=$!
	d=$(delay)
	sleep "$d"
	if kill -9 "$pid" 2>/dev/null; then
		when="killed after ${d}s"
	else
		when="finished before the kill at ${d}s"
	fi
	wait "$pid" 2>/dev/null
	is "$(sql "$db" 'PRAGMA integrity_check;')" ok "round $round ($when): integrity_check passes"
	n=$(sql "$db" 'SELECT count(*) FROM members;')
	[ "$n" -eq 0 ] || [ "$n" -eq $N ]
	ok $? "round $round: all or nothing ($n members)"
	g=$(sql "$db" 'SELECT count(*) FROM party_groups;')
	{ [ "$n" -eq 0 ] && [ "$g" -eq 0 ]; } || { [ "$n" -eq $N ] && [ "$g" -eq 3 ]; }
	ok $? "round $round: the party groups with them ($g)"
	a=$(sql "$db" "SELECT count(*) FROM audit_log WHERE tbl = 'members';")
	is "$a" "$n" "round $round: one audit row per member stored"
done

# After a kill the same file imports whole.
run import --db kill1.db members big.csv
if [ "$(sql kill1.db 'SELECT count(*) FROM members;')" -eq $N ]; then
	ok 0 "after a kill, the database takes the import again"
else
	ok 1 "after a kill, the database takes the import again ($out)"
fi
run check --db kill1.db
is "$rc" 0 "and zhibu check finds nothing wrong"

done_testing
