#!/bin/sh
# make bench: SPEC 7's figures on a generated branch of 100 000 members,
# each beside its budget and its anchor.  Not a test: it prints figures.
#
# Environment: ZHIBU, top_srcdir, top_builddir (set by make bench);
# N (members, default 100000); PYTHON_PYTE; RUNS (screen runs, default 5).
set -u
: "${ZHIBU:?run through make bench}"
N=${N:-100000}
RUNS=${RUNS:-5}
B="$top_builddir/tests/bench"
W=$(mktemp -d "${TMPDIR:-/tmp}/zhibu-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
export LANG=C.UTF-8 TZ=Asia/Shanghai ZHIBU_TODAY=2026-06-15 HOME="$W"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
line() { printf '%-34s %12s   %-18s %s\n' "$1" "$2" "$3" "$4"; }

echo "zhibu benchmark: $N members; $(nproc) CPUs; $(uname -m); $(date -u +%Y-%m-%dT%H:%MZ)"
line "figure" "value" "budget" "anchor"

"$B/gencsv" "$N" 1 > "$W/roster-utf8.csv"
iconv -f UTF-8 -t GB18030 "$W/roster-utf8.csv" | sed 's/$/\r/' > "$W/roster.csv"
line "csv_size_mb" "$(du -m "$W/roster.csv" | cut -f1)" "" "GB18030, CRLF"

# The anchor: sqlite3's .import of the same rows (no checks, no index).
t0=$(now); sqlite3 "$W/anchor.db" ".import --csv $W/roster-utf8.csv m"; t1=$(now)
anchor=$(secs "$t0" "$t1")
"$ZHIBU" init --db "$W/branch.db" >/dev/null
t0=$(now); "$ZHIBU" import members "$W/roster.csv" --db "$W/branch.db" >"$W/import.out" 2>&1; t1=$(now)
imp=$(secs "$t0" "$t1")
# The schema's own floor (SPEC 7): SQLite alone inserting the same final
# rows into copies of the members table and of the change log with their
# constraints and indexes, in one transaction with a large cache.
sqlite3 "$W/branch.db" "SELECT sql || ';' FROM sqlite_schema WHERE tbl_name IN
	('members', 'audit_log', 'party_groups') AND type IN ('table', 'index')
	AND sql IS NOT NULL" > "$W/floor.sql"
sqlite3 "$W/floor.db" < "$W/floor.sql"
t0=$(now)
sqlite3 "$W/floor.db" "PRAGMA cache_size = -200000; ATTACH '$W/branch.db' AS b; BEGIN;
	INSERT INTO party_groups SELECT * FROM b.party_groups;
	INSERT INTO members SELECT * FROM b.members;
	INSERT INTO audit_log SELECT * FROM b.audit_log; COMMIT;"
t1=$(now)
floor=$(secs "$t0" "$t1")
line "import_s" "$imp" "<= 2 x floor" "$(tail -1 "$W/import.out")"
line "import_floor_s" "$floor" "" "sqlite3 .import ${anchor} s"
line "import_ratio" "$(awk -v a="$imp" -v b="$floor" 'BEGIN { printf "%.1f", a / b }')" "<= 2.0" "floor $(awk -v a="$floor" -v b="$anchor" 'BEGIN { printf "%.1f", a / b }') x the anchor"

# Export: the median of three runs (one run moves with the machine's load).
for i in 1 2 3; do
	t0=$(now); "$ZHIBU" export members -o "$W/out.csv" --db "$W/branch.db" >/dev/null; t1=$(now)
	secs "$t0" "$t1"; echo
done | sort -n | sed -n 2p > "$W/export.s"
line "export_s" "$(cat "$W/export.s")" "<= 1.0" "GB18030 CSV, $(du -m "$W/out.csv" | cut -f1) MB, median of 3"

# 党员统计: one pass over the roster (no budget of its own in SPEC 7).
for i in 1 2 3; do
	t0=$(now); "$ZHIBU" report stats -o "$W/stats.txt" --db "$W/branch.db" >/dev/null; t1=$(now)
	secs "$t0" "$t1"; echo
done | sort -n | sed -n 2p > "$W/stats.s"
line "report_stats_s" "$(cat "$W/stats.s")" "" "median of 3"

# The screens through a pty, as a terminal sees them.
ZHIBU_LOCALEDIR="${ZHIBU_LOCALEDIR:-}" RUNS=$RUNS "$PYTHON_PYTE" "$top_srcdir/tests/bench/screens.py" "$W/branch.db" > "$W/screens.out"
v() { sed -n "s/^$1 \([0-9.]*\).*/\1/p" "$W/screens.out"; }
line "start_to_first_screen_ms" "$(v start_to_first_screen_ms)" "<= 50" "median of $RUNS"
line "roster_first_screen_ms" "$(v roster_first_screen_ms)" "" "list, then count"
line "search_key_ms_median" "$(sed -n 's/^search_key_ms median \([0-9.]*\).*/\1/p' "$W/screens.out")" "<= 20" "to the updated list"
line "search_key_ms_worst" "$(sed -n 's/^search_key_ms median [0-9.]* worst \([0-9.]*\).*/\1/p' "$W/screens.out")" "<= 20" ""
line "peak_rss_kb" "$(v peak_rss_kb)" "<= 20480" "browse, search, page"

# Bytes to the terminal (GB18030 and UTF-8 clients).
BIG_DB="$W/branch.db" ZHIBU_LOCALEDIR="${ZHIBU_LOCALEDIR:-}" "$PYTHON_PYTE" "$top_srcdir/tests/tui/bytes.py" > "$W/bytes.out" 2>&1
awk '$1 == "gb18030" || $1 == "utf-8/1" {
	printf "%-34s %12s   %-18s %s\n", "bytes_start_screen_" $1, $2, "<= 4096", "";
	split($5, s, "/");
	printf "%-34s %12s   %-18s %s\n", "bytes_scroll_line_" $1, s[1] "/" s[2], "<= 200", "less ~100";
	printf "%-34s %12s   %-18s %s\n", "bytes_page_" $1, $6, "~ a screenful", "";
}' "$W/bytes.out"

# Instruction counts: repeatable on a noisy machine.
if command -v valgrind >/dev/null; then
	head -2001 "$W/roster.csv" > "$W/r2k.csv"
	"$ZHIBU" init --db "$W/cg.db" >/dev/null
	valgrind --tool=callgrind --callgrind-out-file="$W/cg.import" \
		"$ZHIBU" import members "$W/r2k.csv" --db "$W/cg.db" >/dev/null 2>"$W/cg.err"
	line "import_2000_rows_Ginstr" "$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$W/cg.err" | awk '{printf "%.2f", $1/1e9}')" "" "callgrind"
	valgrind --tool=callgrind --callgrind-out-file="$W/cg.query" \
		"$B/query" "$W/branch.db" >/dev/null 2>"$W/cg2.err"
	line "search_15_keys_Ginstr" "$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$W/cg2.err" | awk '{printf "%.2f", $1/1e9}')" "" "callgrind, SQL only"
fi
