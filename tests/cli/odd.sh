#!/bin/sh
# Odd paths and environments: names SQLite would not take for a file.
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

done_testing
