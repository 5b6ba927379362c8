#!/bin/sh
# Nothing raw reaches a terminal or a printer.  A database changed behind
# zhibu's back (the sqlite3 shell, as anyone with write access to the file
# can) holds a member named with OSC 52 (ESC ] 52 ; c ; ... BEL: set the
# terminal's clipboard), C1 CSI (U+009B), bidi overrides and zero-width
# joiners, and a branch name with ESC and RLO.  Export, the printed
# reports, --print and the messages carry no ESC byte, no C1 control and
# no bidi control; zhibu check names every record; and the ways in
# (import, init --branch) refuse such text, saying why.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1

# no_raw FILE [FILE...]: "clean", or what is raw in which file.  The files
# are UTF-8 or, named *.gb, GB18030 (decoded first).
no_raw() {
	python3 - "$@" <<'EOF'
import sys
bad = []
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    if b'\x1b' in data:
        bad.append(path + ': ESC')
    text = data.decode('gb18030' if path.endswith('.gb') else 'utf-8', 'replace')
    for c in text:
        o = ord(c)
        if (o < 0x20 and c not in '\t\n\r\f') or 0x7f <= o <= 0x9f:
            bad.append('%s: control U+%04X' % (path, o))
            break
        if o in (0x061c, 0x200e, 0x200f) or 0x202a <= o <= 0x202e or 0x2066 <= o <= 0x2069:
            bad.append('%s: bidi U+%04X' % (path, o))
            break
print('\n'.join(bad) if bad else 'clean')
EOF
}

awk -v n=3 -f "$top_srcdir/tests/data/gen-roster.awk" > roster.csv
"$ZHIBU" init --db a.db --branch 幸福里社区第一党支部 >/dev/null
"$ZHIBU" import --db a.db members roster.csv >/dev/null

# The attack: straight into the file.  char() gives UTF-8, so char(155) is
# the two bytes C2 9B of U+009B.
osc="char(27) || ']52;c;SGVsbG8=' || char(7)"
sql a.db "UPDATE members SET
	name = $osc || '覃贵',
	address = '云南路' || char(155) || '2J' || char(8238) || '98号',
	note = char(8294) || '备注' || char(8297) || char(27) || '[2J',
	work_unit = '卫生' || char(8205) || '中心'
	WHERE id_number = '310107196109070011';
UPDATE party_groups SET name = '离退休' || char(8205) || '党小组' WHERE name = '离退休党小组';
UPDATE settings SET value = '幸福里' || char(27) || ']0;pwned' || char(7) || char(8238) || '支部'
	WHERE key = 'branch.name';"
id=$(sql a.db "SELECT id FROM members WHERE name LIKE '%覃贵';")
gid=$(sql a.db "SELECT id FROM party_groups WHERE name LIKE '离退休%';")
is "$(sql a.db "SELECT count(*) FROM members WHERE instr(name, char(27)) AND instr(address, char(155));")" 1 \
	"the database holds the attack"

# Out of it: CSV, text, print, statistics, messages.
mkdir bin
printf '#!/bin/sh\nexec cat > "%s/printed.$$"\n' "$T" > bin/lp
chmod +x bin/lp
ln -s "$(command -v cat)" bin/cat

"$ZHIBU" export --db a.db members -o export.gb >export.out 2>export.err
is "$?" 0 "export succeeds"
like "$(cat export.err)" "warning: export.gb:[0-9]+: .*覃贵: control characters in the database were written as U\\+FFFD" \
	"export names the record whose controls were replaced"
"$ZHIBU" export --db a.db members --encoding utf-8 > export.csv 2>>export.err
"$ZHIBU" report --db a.db roster > roster.txt 2>report.err
is "$?" 0 "report roster"
"$ZHIBU" report --db a.db roster --encoding gb18030 -o roster.gb 2>>report.err >/dev/null
"$ZHIBU" report --db a.db roster --format csv -o rcsv.gb 2>>report.err >/dev/null
"$ZHIBU" report --db a.db stats > stats.txt 2>>report.err
"$ZHIBU" report --db a.db stats --format csv > stats.csv 2>>report.err
PATH="$T/bin" "$ZHIBU" report --db a.db roster --print 2>>report.err >/dev/null
is "$?" 0 "report roster --print"
PATH="$T/bin" "$ZHIBU" report --db a.db stats --print 2>>report.err >/dev/null
is "$(ls printed.* | wc -l)" 2 "two print jobs reached lp"
# the jobs are PDFs: their text is what the paper shows
for f in printed.[0-9]*; do pdftotext "$f" -; done > printed.txt
"$ZHIBU" status --db a.db "$(printf '\033]52;c;x\007')某人" 在册 >status.out 2>status.err
is "$?" 1 "status of a member who is not there fails"
like "$(cat status.err)" "no member has this name" "and says so, quoting the name"

is "$(no_raw export.gb export.csv export.out export.err roster.txt roster.gb rcsv.gb \
	stats.txt stats.csv printed.txt report.err status.out status.err)" clean \
	"no ESC, C1 or bidi control in any output"
like "$(cat export.csv)" "�\\]52;c;SGVsbG8=�覃贵" "export: the name with U+FFFD in place of ESC and BEL"
like "$(cat export.csv)" "云南路�2J�98号" "export: C1 CSI and RLO replaced in the address"
like "$(cat export.csv)" "卫生$(printf '\342\200\215')中心" "export: a zero width joiner in free text is kept (round trip)"
like "$(cat roster.txt)" "␛\\]52;c;SGVsbG8=␇覃贵" "report: ESC and BEL as ␛ and ␇"
like "$(cat roster.txt)" "支部：幸福里␛\\]0;pwned␇�支部" "report: the branch in the page header too"
like "$(cat roster.txt)" "离退休�党小组" "report: the zero width joiner in the party group flagged"
# (pdftotext puts spaces where a line changes font or size: a name set
# smaller to fit its cell)
like "$(tr -d ' ' < printed.txt)" "␛\\]52;c;SGVsbG8=␇覃贵" "print: as the report"
like "$(cat stats.txt)" "支部：幸福里␛\\]0;pwned␇�支部" "stats: the branch in the header"
like "$(cat status.err)" "␛\\]52;c;x␇某人" "status: the name quoted as ␛...␇"

# A GB18030 terminal: a name typed there comes back in its codeset, with
# ␛ for ESC; a file name that is not text in any codeset is echoed as it
# is where its bytes are characters (在 in GBK), but a GB18030 spelling
# of RLO (81 36 A7 31) is not.
if locale -a 2>/dev/null | grep -qi '^zh_CN.gb18030$'; then
	LANG=zh_CN.GB18030 "$ZHIBU" status --db a.db "$(printf '\033]52;c;x\007某人' | iconv -t GB18030)" \
		"$(printf 在册 | iconv -t GB18030)" 2>gb.err >/dev/null
	like "$(iconv -f GB18030 -t UTF-8 gb.err)" "␛\\]52;c;x␇某人" "GB18030: the name in its codeset, ESC as ␛"
	LANG=zh_CN.GB18030 "$ZHIBU" import --db a.db members "$(printf 'a\201\066\247\061b\377\324\332.csv')" 2>gb2.err
	like "$(od -An -tx1 gb2.err | tr -d ' \n')" "618431a437628431a437d4da2e637376" \
		"GB18030: RLO and a stray byte in a file name as U+FFFD, 在 as typed"
	mv gb.err gb1.gb
	mv gb2.err gb2.gb
	is "$(no_raw gb1.gb gb2.gb)" clean "no ESC, C1 or bidi control in what a GB18030 terminal gets"
else
	for i in 1 2 3; do echo "ok $((tap_n += 1)) # SKIP zh_CN.GB18030 locale not installed"; done
fi

# check names every record that holds such text, and nothing else of it.
run check --db a.db
is "$rc" 1 "check finds problems"
is "$(printf '%s\n' "$out" | grep -c 'a text holds control characters')" 4 \
	"four texts with controls: three of the member's, the branch's name"
like "$out" "a text holds control characters .*: members $id name$" "the member's name"
like "$out" "a text holds control characters .*: members $id address$" "the member's address"
like "$out" "a text holds control characters .*: members $id note$" "the member's note"
unlike "$out" "members $id work_unit" "a zero width joiner in free text is no problem"
like "$out" "a name holds invisible, variation-selector or private-use characters: party_groups $gid name$" \
	"the party group's name"
like "$out" "a text holds control characters .*: settings branch.name$" "the branch's name"
is "$(no_raw /dev/stdin <<EOF
$out
EOF
)" clean "check's own output is clean"

# The ways in refuse it, with the line and the reason.
{
	echo "姓名,性别,身份证号,党员类别,入党日期,转正日期,居住地址,党小组,备注"
	printf '\033]52;c;SGVsbG8=\007张一,男,%s,正式党员,2000-07-01,2001-07-01,,,\n' "$(fake_id 11010519800101001)"
	printf '张\302\233二,男,%s,正式党员,2000-07-01,2001-07-01,,,\n' "$(fake_id 11010519800101002)"
	printf '张\342\200\213三,男,%s,正式党员,2000-07-01,2001-07-01,,,\n' "$(fake_id 11010519800101003)"
	printf '张四,男,%s,正式党员,2000-07-01,2001-07-01,路\342\200\256号,,\n' "$(fake_id 11010519800101004)"
	printf '张五,男,%s,正式党员,2000-07-01,2001-07-01,,一\342\200\215组,\n' "$(fake_id 11010519800101005)"
	printf '张六,男,%s,正式党员,2000-07-01,2001-07-01,,,\342\201\246注\n' "$(fake_id 11010519800101006)"
	printf '张七,男,%s,正式党员,2000-07-01,2001-07-01,路\342\200\213号,,\n' "$(fake_id 11010519800101007)"
} > bad.csv
"$ZHIBU" init --db b.db >/dev/null
run import --db b.db members bad.csv
is "$rc" 3 "import: rows rejected"
like "$err" "bad.csv:2: Name: contains control characters" "OSC 52 in a name"
like "$err" "bad.csv:3: Name: contains control characters" "C1 CSI in a name"
like "$err" "bad.csv:4: Name: contains invisible characters" "a zero width space in a name"
like "$err" "bad.csv:5: Address: contains characters that reverse the direction of text" "RLO in an address"
like "$err" "bad.csv:6: Party group: contains invisible characters" "a zero width joiner in a party group"
like "$err" "bad.csv:7: Note: contains characters that reverse the direction of text" "LRI in a note"
is "$(sql b.db 'SELECT name FROM members;')" "张七" "only the row with a zero width space in the address is stored"
is "$(sql b.db 'SELECT count(*) FROM party_groups;')" 0 "no party group was created"
is "$(no_raw /dev/stdin <<EOF
$err
EOF
)" clean "the rejections quote nothing raw"

for bad in "$(printf '一\033]0;x\007支部')" "$(printf '一\302\233支部')" "$(printf '一\342\200\256支部')" \
	"$(printf '一\342\200\213支部')" "$(printf '\357\273\277一支部')" "$(printf '一\356\200\200支部')"; do
	run init --db c.db --branch "$bad"
	is "$rc" 2 "init --branch refuses $(printf '%s' "$bad" | od -An -tx1 | tr -d ' \n')"
done
like "$err" "init: --branch: contains private-use characters" "saying why"
test ! -e c.db
ok $? "and no database was made"
run init --db c.db --branch "$(printf '一\302\240\342\200\211二支部')"
is "$rc" 0 "init --branch with a no-break and a thin space"
is "$(sql c.db "SELECT value FROM settings WHERE key = 'branch.name';")" "一 二支部" \
	"stored with one plain space"

# A text longer than its field (工作单位及职务: 60 characters), written
# by another program: zhibu check names the record, since the screens,
# the exports and the ledgers would show it cut.
cp a.db long.db
w=$(printf '单%.0s' $(seq 61))
sql long.db "UPDATE members SET work_unit = '$w' WHERE id = (SELECT min(id) FROM members);"
run check --db long.db
is "$rc" 1 "check: a text over its field's length is a problem"
like "$out$err" "longer than its field allows.*members $(sql long.db 'SELECT min(id) FROM members;')" \
	"naming the record"
w=$(printf '单%.0s' $(seq 60))
sql long.db "UPDATE members SET work_unit = '$w' WHERE id = (SELECT min(id) FROM members);"
run check --db long.db
unlike "$out$err" "longer than its field allows" "60 characters are within it"

done_testing
