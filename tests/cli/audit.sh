#!/bin/sh
# The change log against someone who can write the file with the sqlite3
# shell (issue 12): a matching row slipped in naming a colleague; the
# append-only trigger dropped, a row rewritten, the trigger made again; a
# row removed; the whole log rewritten and hashed again (found against a
# head recorded before); a row that is not JSON; the OS user taken from
# the uid, not from $USER; a search index that misses members.  zhibu
# check names each with its row.  First, a database of schema 9 gets its
# log chained.
. "$top_srcdir/tests/lib.sh"
cd "$T" || exit 1

no_update="CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;"
no_delete="CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log only gains rows'); END;"

# copy FROM TO: a consistent copy with the shell, 0600
copy() { "$SQLITE3" "$1" ".backup '$2'" && chmod 600 "$2"; }

# The independent witness: python's hashlib walks the chain as the man
# page describes it and prints the seq of every row it does not find.
chain_bad() {
	python3 - "$1" <<'EOF'
import hashlib, sqlite3, sys
prev, bad = "0" * 64, []
for row in sqlite3.connect(sys.argv[1]).execute(
        "SELECT seq, id, at, os_user, tbl, row_id, action, old, new, hash"
        " FROM audit_log ORDER BY seq"):
    h = hashlib.sha256(b"zhibu audit chain 1\n")
    for v in (prev,) + row[:9]:
        b = None if v is None else str(v).encode()
        h.update(b"-\n" if b is None else b"%d:%s\n" % (len(b), b))
    if h.hexdigest() != row[9]:
        bad.append(str(row[0]))
    prev = row[9] or "0" * 64
print(" ".join(bad) or "none")
EOF
}
# rehash DB: compute every hash again, as whoever rewrites the log can
rehash() {
	python3 - "$1" <<'EOF'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER audit_log_no_update")
prev = "0" * 64
for row in db.execute("SELECT seq, id, at, os_user, tbl, row_id, action, old, new"
                      " FROM audit_log ORDER BY seq").fetchall():
    h = hashlib.sha256(b"zhibu audit chain 1\n")
    for v in (prev,) + row:
        b = None if v is None else str(v).encode()
        h.update(b"-\n" if b is None else b"%d:%s\n" % (len(b), b))
    prev = h.hexdigest()
    db.execute("UPDATE audit_log SET hash = ? WHERE seq = ?", (prev, row[0]))
db.commit()
EOF
	sql "$1" "$no_update"
}
have_python() { command -v python3 >/dev/null 2>&1; }

# ---- a database of schema 9, chained on upgrade ------------------------
"$SQLITE3" a.db < "$top_srcdir/tests/data/audit-v9.sql"
chmod 600 a.db
is "$(sql a.db 'PRAGMA user_version;')" 9 "the fixture is a database of schema 9"
rows=$(sql a.db 'SELECT count(*) FROM audit_log;')
run check --db a.db
is "$rc" 0 "check upgrades it"
is "$out" "a.db: ok" "and finds it consistent, chain included"
is "$(sql a.db "SELECT count(*) || ' ' || min(seq) || ' ' || max(seq) FROM audit_log
	WHERE length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*';")" "$rows 1 $rows" \
	"its $rows rows are chained, 1 to $rows, in the order of their time"
if have_python; then
	is "$(chain_bad a.db)" none "hashlib finds every hash as the man page describes it"
else
	ok 0 "# SKIP python3 not found"
fi

# Two processes writing at once: each row links to the one before.
header="姓名,性别,出生日期,身份证号,党员类别,入党日期,转正日期"
printf '%s\n' "$header" "赵一,男,1980-01-01,$(fake_id 11010519800101001),正式党员,2005-07-01,2006-07-01" > one.csv
printf '%s\n' "$header" "钱二,女,1981-02-02,$(fake_id 11010519810202002),正式党员,2006-07-01,2007-07-01" > two.csv
"$ZHIBU" import --db a.db members one.csv >/dev/null &
"$ZHIBU" import --db a.db members two.csv >/dev/null
wait
"$ZHIBU" status --db a.db 王秀云 流出 --date 2026-04-01 --reason 外出务工 --yes >/dev/null
is "$(sql a.db "SELECT count(*) FROM members WHERE name IN ('赵一', '钱二');")" 2 \
	"two imports at once"
run check --db a.db
is "$out" "a.db: ok" "two imports at once and a status change: the chain is whole"
if have_python; then
	is "$(chain_bad a.db)" none "... as hashlib sees it too"
else
	ok 0 "# SKIP python3 not found"
fi

# ---- the head, in a backup and on paper --------------------------------
run backup --db a.db copy.db
is "$rc" 0 "a backup"
head=$(printf '%s\n' "$out" | sed -n 's/^change log head: //p')
is "$head" "$(sql copy.db "SELECT seq || ':' || hash FROM audit_log ORDER BY seq DESC LIMIT 1;")" \
	"zhibu backup prints the copy's change log head, N:HASH"
short=$(printf '%s\n' "$head" | cut -c1-$((${#head} - 48)))
run check --db a.db --head "$short" --against copy.db
is "$out" "a.db: ok" "the file holds the head as printed on paper (16 hex digits) and the backup's"
run check --db a.db --head 12:xyz
is "$rc" 2 "a head that is not N:HEX is a usage error"

# ---- the forgery: a matching row naming a colleague ---------------------
copy a.db forged.db
sql forged.db "UPDATE members SET phone = '13911112222', version = version + 1
	WHERE name = '王秀云';
INSERT INTO audit_log (id, at, os_user, tbl, row_id, action, old, new)
SELECT (SELECT max(id) FROM audit_log) + 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
	'colleague', 'members', m.id, 'update', a.new,
	json_set(a.new, '\$.phone', m.phone, '\$.version', m.version)
FROM members AS m JOIN audit_log AS a ON a.tbl = 'members' AND a.row_id = m.id
WHERE m.name = '王秀云' ORDER BY a.seq DESC LIMIT 1;"
forged=$(sql forged.db "SELECT id FROM audit_log WHERE os_user = 'colleague';")
run check --db forged.db
is "$rc" 1 "check fails on a log row slipped in with the shell"
like "$out" "^forged.db: a change log row is outside the chain \(written by another program\?\): audit_log $forged$" \
	"and names the row"
unlike "$out" "differs from its audit trail" "(the row matched the data: the chain is what found it)"

# the same row given the next place and a hash copied from a real row
copy a.db forged2.db
sql forged2.db "INSERT INTO audit_log (id, at, os_user, tbl, row_id, action, old, new, seq, hash)
SELECT id + 1, at, 'colleague', tbl, row_id, action, old, new, seq + 1, hash
FROM audit_log ORDER BY seq DESC LIMIT 1;"
set -- $(sql forged2.db "SELECT id || ' ' || seq FROM audit_log WHERE os_user = 'colleague';") - -
run check --db forged2.db
like "$out" "^forged2.db: a change log row does not match its link in the chain \(changed after it was written\?\): audit_log $1, seq $2$" \
	"a row given the next place and a copied hash is named with its place"

# ---- the rewrite: trigger dropped, a row changed, trigger made again ----
copy a.db rewritten.db
sql rewritten.db "DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET os_user = 'colleague' WHERE seq = 2; $no_update"
id=$(sql rewritten.db 'SELECT id FROM audit_log WHERE seq = 2;')
run check --db rewritten.db
is "$rc" 1 "check fails on a rewritten log row"
like "$out" "^rewritten.db: a change log row does not match its link in the chain \(changed after it was written\?\): audit_log $id, seq 2$" \
	"and names the first broken link"
is "$(printf '%s\n' "$out" | grep -c 'chain')" 1 "only that one: the rows after it link to what it holds"

# ---- a row removed ------------------------------------------------------
copy a.db removed.db
sql removed.db "DROP TRIGGER audit_log_no_delete;
DELETE FROM audit_log WHERE seq = 3; $no_delete"
next=$(sql removed.db 'SELECT id FROM audit_log WHERE seq = 4;')
run check --db removed.db
is "$rc" 1 "check fails on a removed log row"
like "$out" "^removed.db: change log rows are missing from the chain \(removed\?\): seq 3, before audit_log $next$" \
	"and names the missing link"

# ---- rewritten and hashed again: only a head recorded before sees it ----
if have_python; then
	copy a.db rehashed.db
	sql rehashed.db "DROP TRIGGER audit_log_no_update;
	UPDATE audit_log SET os_user = 'colleague' WHERE seq = 2; $no_update"
	rehash rehashed.db
	run check --db rehashed.db
	is "$out" "rehashed.db: ok" "a log rewritten and hashed again passes the chain alone (no secret key)"
	run check --db rehashed.db --against copy.db
	is "$rc" 1 "but not against the backup made before"
	like "$out" "the change log differs from a head recorded before \(rewritten since\?\): seq ${head%%:*}: " \
		"naming the place of the backup's head"
	run check --db rehashed.db --head "$short"
	like "$out" "differs from a head recorded before.*: seq ${head%%:*}: " \
		"and not against the head printed on paper"
else
	for i in 1 2 3 4; do ok 0 "# SKIP python3 not found"; done
fi
copy a.db shorter.db
sql shorter.db "DROP TRIGGER audit_log_no_delete;
DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log); $no_delete"
run check --db shorter.db --against copy.db
like "$out" "no longer holds a head recorded before \(rows removed since\?\): seq ${head%%:*} > " \
	"the last row removed: the backup's head is no longer there"

# ---- a row that is not JSON ---------------------------------------------
copy a.db json.db
sql json.db "INSERT INTO audit_log (id, at, os_user, tbl, row_id, action, old, new)
SELECT 7, at, os_user, tbl, row_id, 'update', '{\"name\": \"王秀', new
FROM audit_log WHERE tbl = 'members' ORDER BY seq DESC LIMIT 1;"
run check --db json.db
like "$out" "^json.db: a change log row cannot be read \(its values are not valid JSON\): audit_log 7$" \
	"a log row that is not JSON is named"

# ---- the OS user: from the uid, never $USER -------------------------------
printf '%s\n' "$header" "孙三,男,1982-03-03,$(fake_id 11010519820303003),正式党员,2007-07-01,2008-07-01" \
	> three.csv
chmod 644 three.csv
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	# a uid the password database does not know
	uid=54321
	while getent passwd "$uid" >/dev/null 2>&1; do uid=$((uid + 1)); done
	chmod 711 "$T"
	mkdir shared
	copy a.db shared/u.db
	chown -R "$uid" shared
	HOME="$T/shared" USER=colleague LOGNAME=colleague \
		setpriv --reuid="$uid" --regid="$uid" --clear-groups \
		"$ZHIBU" import --db "$T/shared/u.db" members "$T/three.csv" >/dev/null 2>&1
	ok $? "an import under that uid"
	is "$(sql shared/u.db "SELECT os_user FROM audit_log ORDER BY seq DESC LIMIT 1;")" "$uid" \
		"USER=colleague under a uid without a name: the log says the uid"
else
	USER=colleague LOGNAME=colleague "$ZHIBU" import --db a.db members three.csv >/dev/null
	ok $? "an import"
	is "$(sql a.db "SELECT os_user FROM audit_log ORDER BY seq DESC LIMIT 1;")" "$(id -un)" \
		"USER=colleague: the log names the user of the uid"
fi

# ---- a search index that misses members ---------------------------------
run export --db a.db members --encoding utf-8 --search 1111
like "$out" "王秀云" "a search by the last digits of her phone finds 王秀云"
copy a.db search.db
sql search.db "INSERT INTO member_search (member_search) VALUES ('delete-all');
INSERT INTO member_search (rowid, terms) SELECT id, '' FROM members;"
run export --db search.db members --encoding utf-8 --search 1111
unlike "$out" "王秀云" "(the damage: a search by her phone misses 王秀云)"
wang=$(sql search.db "SELECT id FROM members WHERE name = '王秀云';")
run check --db search.db
is "$rc" 1 "check fails on a search index whose terms are gone"
like "$out" "^search.db: a search does not find a member: its terms are missing from the search index: members $wang$" \
	"and names each member a search misses"
copy a.db broken.db
sql broken.db "DELETE FROM member_search_data WHERE id > 10;"
run check --db broken.db
like "$out" "^broken.db: the search index is damaged: searches may miss members" \
	"a search index whose pages are gone is damaged"

done_testing
