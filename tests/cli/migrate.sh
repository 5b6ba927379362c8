#!/bin/sh
# A database written by an older zhibu is brought up to date on open,
# with a backup of the old file beside it.
. "$top_srcdir/tests/lib.sh"

db="$T/old.db"
# Schema version 1 as it was released (the fixture's schema part).
sed -n '1,/^PRAGMA application_id/p' "$top_srcdir/tests/data/schema-v1.sql" |
	"$SQLITE3" "$db"
chmod 600 "$db"
is "$(sql "$db" 'PRAGMA user_version;')" 1 "the fixture is schema version 1"

run check --db "$db"
is "$rc" 0 "check opens and upgrades an old database"
like "$err" "updated to a newer format" "and says so"
v=$(sql "$db" 'PRAGMA user_version;')
[ "$v" -ge 3 ]; ok $? "the file is now of the latest version ($v)"
is "$(sql "$db" "SELECT count(*) FROM sqlite_master WHERE name IN ('flows','teams','shifts');")" 3 \
	"the tables of the later versions are there"

set -- "$T"/old.db.v1-*.bak
[ -f "$1" ]; ok $? "a backup of the old file is beside it"
case "$err" in *"$(basename "$1")"*) ok 0 "the message names the backup";; *) ok 1 "the message names the backup";; esac
is "$(mode_of "$1")" 600 "the backup is 0600"
is "$(sql "$1" 'PRAGMA user_version;')" 1 "the backup is the old version"
is "$(sql "$1" 'PRAGMA integrity_check;')" ok "the backup is intact"

run check --db "$db"
is "$rc" 0 "a second open does not migrate again"
unlike "$err" "updated to a newer format" "and says nothing about it"
set -- "$T"/old.db.v1-*.bak
is "$#" 1 "no second backup"

# A database from a newer zhibu is refused, untouched.
sql "$T/new.db" 'PRAGMA application_id = 1514685013; PRAGMA user_version = 999; CREATE TABLE x(id INTEGER PRIMARY KEY);'
run check --db "$T/new.db"
is "$rc" 1 "a newer database is refused"
like "$err" "newer zhibu" "with the reason"
is "$(sql "$T/new.db" 'PRAGMA user_version;')" 999 "and left as it was"

done_testing
