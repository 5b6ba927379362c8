#!/bin/sh
# kill -9 at random moments while members are being written, over and over,
# two writers at once: the file stays intact and every committed member is
# there (SPEC 8).
. "$top_srcdir/tests/lib.sh"

WRITER="$top_builddir/tests/tools/writer"
db="$T/storm.db"
"$ZHIBU" init --db "$db" >/dev/null
ok $? "a new database"

rounds=25
for r in $(seq 1 $rounds); do
	"$WRITER" "$db" 0 "$r" >>"$T/committed" 2>>"$T/errors" &
	a=$!
	"$WRITER" "$db" 0 "$((r + 1000))" >>"$T/committed" 2>>"$T/errors" &
	b=$!
	# 20 to 250 ms, different every round
	sleep "0.$(printf '%03d' $(( (r * 7919) % 230 + 20 )))"
	kill -9 "$a" "$b" 2>/dev/null
	wait "$a" "$b" 2>/dev/null
done
# A backup taken while two writers are at work is a consistent copy.
"$WRITER" "$db" 0 7001 >>"$T/committed" 2>>"$T/errors" &
a=$!
"$WRITER" "$db" 0 7002 >>"$T/committed" 2>>"$T/errors" &
b=$!
sleep 0.2
run backup --db "$db" "$T/copy.db"
kill -9 "$a" "$b" 2>/dev/null
wait "$a" "$b" 2>/dev/null
is "$rc" 0 "backup while two processes write"
is "$(sql "$T/copy.db" 'PRAGMA integrity_check;')" ok "the copy passes integrity_check"
copied=$(sql "$T/copy.db" 'SELECT count(*) FROM members;')
[ "$copied" -gt 0 ]; ok $? "and holds the members committed before it ($copied)"
LANG=C.UTF-8 run check --db "$T/copy.db"
is "$out" "$T/copy.db: ok" "the copy is consistent, audit log included"

n=$(grep -c . "$T/committed")
[ "$n" -gt "$rounds" ]; ok $? "$rounds rounds of kill -9 against two writers ($n members committed)"
is "$(grep -v -c 'busy' "$T/errors")" 0 "the writers reported no error but waiting"
is "$(sql "$db" 'PRAGMA integrity_check;')" ok "integrity_check after the storm"

# Every key a writer printed was committed before it was printed.
sort -u "$T/committed" > "$T/want"
sql "$db" 'SELECT id FROM members;' | sort -u > "$T/have"
missing=$(comm -23 "$T/want" "$T/have" | wc -l)
is "$missing" 0 "no committed member is lost"
run check --db "$db"
is "$rc" 0 "zhibu check finds the database consistent"
is "$out" "$db: ok" "check says ok"

done_testing
