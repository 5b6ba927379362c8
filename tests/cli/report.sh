#!/bin/sh
# zhibu report roster: the printed 党员花名册, 80 x 60 per A4 page, columns
# lined up by display width in UTF-8 and in GB18030, page numbers, masked
# ID numbers, CSV, and printing through lp.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
awk -v n=300 -f "$top_srcdir/tests/data/gen-roster.awk" |
	iconv -f UTF-8 -t GB18030 | sed 's/$/\r/' > roster.csv
"$ZHIBU" init --db a.db --branch 幸福里社区第一党支部 >/dev/null
"$ZHIBU" import --db a.db members roster.csv >/dev/null

run report --db a.db roster
is "$rc" 0 "report roster"
printf '%s\n' "$out" > r8.txt
pages=$(tr -cd '\f' < r8.txt | wc -c)
pages=$((pages + 1))
head=$(sql a.db 'SELECT seq || '"':'"' || substr(hash, 1, 16) FROM audit_log ORDER BY seq DESC LIMIT 1;')
is "$(grep -c '^ *第 [0-9]* 页 共 '$pages' 页  *变更日志 '"$head"'$' r8.txt)" "$pages" \
	"$pages pages, each with its footer 第 N 页 共 $pages 页 and the change log's head $head"
run check --db a.db --head "$head"
is "$rc" 0 "zhibu check --head takes the head as printed"
is "$(awk 'BEGIN { RS = "\f" } { n = gsub(/\n/, "&"); if (n != 60 && !(NR > 1 && n == 60)) bad++ } END { print bad + 0 }' r8.txt)" 0 \
	"every page is 60 lines"
is "$(sed -n 1p r8.txt)" "                                   党员花名册" "the title, centred"
is "$(sed -n 3p r8.txt)" "支部：幸福里社区第一党支部                               制表日期：2026年6月15日" \
	"the branch and today's date"
is "$(sed -n 5p r8.txt)" "序号 姓名     性别 民族     出生日期   学历       党员类别 入党日期   转正日期" \
	"the column headings, first tier"
is "$(sed -n 6p r8.txt)" "     身份证号           联系电话      党小组         工作单位及职务" \
	"and second tier"
like "$(sed -n 8p r8.txt)" '^   1 [^ ]' "rows are numbered"
is "$(grep -c '^     [0-9]\{6\}\*\{8\}[0-9]\{3\}[0-9X] ' r8.txt)" 300 "ID numbers masked (300 members)"
is "$(awk 'BEGIN { RS = "\f" } { split($0, l, "\n"); for (i = 1; i <= 10; i++) if (l[i] ~ /^-----/) { if (l[i + 1] !~ /^ *[0-9]+ /) bad++; break } } END { print bad + 0 }' r8.txt)" 0 \
	"every page's first row is the start of a member (no row split across pages)"

# Columns line up by display width: what a terminal or printer does with
# the text, judged by Unicode's East Asian Width (ambiguous characters such
# as the middle dot count 1 in UTF-8, 2 in GB18030).
check_columns() {
	python3 - "$1" "$2" <<'EOF'
import sys, unicodedata
path, amb = sys.argv[1], int(sys.argv[2])
def width(c):
    if unicodedata.combining(c) or unicodedata.category(c) in ('Mn', 'Me', 'Cf'):
        return 0
    ea = unicodedata.east_asian_width(c)
    return 2 if ea in 'WF' else amb if ea == 'A' else 1
gaps = ([4, 13, 18, 27, 38, 49, 58, 69], [4, 23, 37, 52])
bad = rows = 0
for line in open(path, encoding='utf-8').read().replace('\f', '').split('\n'):
    if not (len(line) > 6 and (line[3].isdigit() or (line.startswith('     ') and line[5] != ' '))):
        continue
    rows += 1
    if line[3].isdigit() and ' ' not in line[5:]:
        continue                    # a long name alone on its row's first line
    cells = []                      # (is space, starts a character) per column
    for c in line:
        w = width(c)
        cells += [(c == ' ', k == 0) for k in range(w)]
    fits = [all(g + 1 >= len(cells) or (cells[g][0] and cells[g + 1][1]) for g in gs) for gs in gaps]
    if len(cells) > 80 or not any(fits):
        bad += 1
        print('misaligned:', line, file=sys.stderr)
print(bad if rows > 0 else 'no rows')
EOF
}
if command -v python3 >/dev/null 2>&1; then
	is "$(check_columns r8.txt 1)" 0 "UTF-8: the columns line up"
	"$ZHIBU" report --db a.db roster --encoding gb18030 -o rgb.txt >/dev/null
	iconv -f GB18030 -t UTF-8 rgb.txt > rgb-u8.txt
	ok $? "--encoding gb18030 writes GB18030"
	is "$(check_columns rgb-u8.txt 2)" 0 "GB18030: the columns line up, the middle dot 2 wide"
	is "$(grep -c '·' rgb-u8.txt)" "$(grep -c '·' r8.txt)" "(the names with a middle dot are there)"
else
	for i in 1 2 3 4; do echo "ok $((tap_n += 1)) # SKIP python3 not found"; done
fi

# A name is never cut in two: one too wide for its 8 columns stands whole
# on its row's first line.  Names of 17 characters, with the middle dot,
# with 𡈼 (Extension B), and one that fits only with the dot 1 wide.
cp a.db n.db
long_names_csv long.csv
run import --db n.db members long.csv
is "$rc/$out" "0/imported 4, rejected 0" "four members with long names"
"$ZHIBU" report --db n.db roster -o n8.txt >/dev/null
"$ZHIBU" report --db n.db roster --encoding gb18030 -o ngb.txt >/dev/null
iconv -f GB18030 -t UTF-8 ngb.txt > ngb-u8.txt
sql n.db 'SELECT name FROM members;' > names.txt
# names_cut REPORT: "FAULTS of ROWS", from the printed lines alone: a row's
# first line (its number) must hold a whole name after the number; no
# other line may have anything in the name column (display columns 5-12)
# but the ID numbers of the second tier.
names_cut() {
	python3 - "$1" names.txt <<'EOF'
import sys
text = open(sys.argv[1], encoding='utf-8').read().replace('\f', '')
names = set(open(sys.argv[2], encoding='utf-8').read().split('\n'))
bad = rows = 0
body = False
for line in text.split('\n'):
    if line.startswith('-----'):
        body = True
        continue
    if not body or not line:
        continue
    if ' 页 共 ' in line:
        body = False
        continue
    if len(line) > 4 and line[3].isdigit() and line[4] == ' ':
        rows += 1
        if line[5:].split(' ')[0] not in names:
            bad += 1
            print('cut:', line, file=sys.stderr)
    elif len(line) - len(line.lstrip(' ')) < 13 and not (line[:5] == '     ' and line[5].isdigit()):
        bad += 1
        print('in the name column:', line, file=sys.stderr)
print('%d of %d' % (bad, rows))
EOF
}
if command -v python3 >/dev/null 2>&1; then
	is "$(names_cut n8.txt)" "0 of 304" "UTF-8: every row's name whole, nothing else in the name column"
	is "$(names_cut ngb-u8.txt)" "0 of 304" "GB18030: the same"
	grep -q '^ *[0-9]* 阿卜杜热合曼·买买提依明·艾尔肯江$' n8.txt
	ok $? "a name of 17 characters on its row's first line, alone"
	is "$(check_columns n8.txt 1)" 0 "UTF-8: the columns still line up"
	is "$(check_columns ngb-u8.txt 2)" 0 "GB18030: the columns still line up"
	is "$(check_columns ngb-u8.txt 1 2>&1 >/dev/null)" "misaligned: $(grep '艾力·木' ngb-u8.txt)" \
		"and counting the dot 1 wide would misalign exactly the row of 艾力·木, which fits its column"
else
	for i in 1 2 3 4 5 6; do echo "ok $((tap_n += 1)) # SKIP python3 not found"; done
fi

run report --db a.db roster --full-id
is "$(printf '%s\n' "$out" | grep -c '^     [0-9]\{17\}[0-9X] ')" 300 "--full-id prints ID numbers whole"

run report --db a.db roster --status 流出
like "$out" "第 1 页 共 1 页" "filters as export's: --status 流出 fits one page"
is "$(printf '%s\n' "$out" | grep -c '^ *[0-9]\{1,3\} [^ ]')" 3 "with its 3 members"
is "$(printf '%s\n' "$out" | head -1 | tr -d ' ')" "党员花名册（党籍状态：流出）" \
	"the title says what the filter selects"
run report --db a.db roster --all --search 王
like "$out" "党员花名册（党籍状态：全部；查找：王）" "every status, and the search"
is "$(head -1 r8.txt | tr -d ' ')" "党员花名册" "the usual roster's title is the ledger's name alone"

# To a file; CSV.
run report --db a.db roster -o r.txt
is "$rc/$out" "0/wrote r.txt ($pages pages)" "-o FILE says how many pages"
is "$(mode_of r.txt)" 600 "the file is 0600"
cmp -s r.txt r8.txt
ok $? "and holds what standard output got"
"$ZHIBU" report --db a.db roster --format csv --full-id -o r.csv >/dev/null
"$ZHIBU" export --db a.db members -o e.csv >/dev/null
cmp -s r.csv e.csv
ok $? "--format csv --full-id is the export, byte for byte"
"$ZHIBU" report --db a.db roster --format csv -o masked.csv >/dev/null
is "$(iconv -f GB18030 -t UTF-8 masked.csv | grep -c '="[0-9]\{6\}\*\{8\}')" 300 "--format csv masks ID numbers"

# Printing: through lp when there is one, a clear failure when not.
mkdir bin empty
printf '#!/bin/sh\necho "$@" > "%s/lp-args"\nexec cat > "%s/printed"\n' "$T" "$T" > bin/lp
chmod +x bin/lp
ln -s "$(command -v cat)" bin/cat
out=$(PATH="$T/bin" "$ZHIBU" report --db a.db roster --print 2>"$T/stderr"); rc=$?
is "$rc" 0 "--print hands the report to lp"
"$ZHIBU" report --db a.db roster -o r.pdf >/dev/null
cmp -s printed r.pdf
ok $? "what lp got is the report as PDF, as -o r.pdf writes it"
is "$(head -c 5 printed)" "%PDF-" "(a PDF, not text CUPS would misprint)"
is "$(cat lp-args)" "-t 党员花名册 -o document-format=application/pdf" "with the title, as a PDF"
out=$(PATH="$T/empty" "$ZHIBU" report --db a.db roster --print 2>"$T/stderr"); rc=$?
err=$(cat "$T/stderr")
is "$rc" 1 "--print without lp fails"
like "$err" "the command 'lp' was not found" "and says what is missing"
run report --db a.db roster --print -o x.txt
is "$rc" 2 "--print with -o is a usage error"
run report --db a.db roster --print --encoding gb18030
is "$rc" 2 "so is --print with --encoding: the printer gets a PDF"
"$ZHIBU" report --db a.db roster --crlf -o crlf.txt >/dev/null
is "$(tr -d '\r' < crlf.txt | cmp - r8.txt && grep -c "$(printf '\r$')" crlf.txt)" \
	"$(wc -l < r8.txt)" "--crlf: the same text, every line ending in CR LF"

"$ZHIBU" report --db a.db roster --encoding utf-8-bom --crlf -o win.txt >/dev/null
is "$(head -c 3 win.txt | od -An -tx1 | tr -d ' ')" "efbbbf" "--encoding utf-8-bom: a Windows text file begins with the BOM"
is "$(tail -c +4 win.txt | tr -d '\r' | cmp - r8.txt && grep -c "$(printf '\r$')" win.txt)" \
	"$(wc -l < r8.txt)" "then the UTF-8 text, with --crlf every line ending in CR LF"
"$ZHIBU" report --db a.db stats --encoding utf-8-bom -o swin.txt >/dev/null
is "$(head -c 3 swin.txt | od -An -tx1 | tr -d ' ')" "efbbbf" "the statistics too"

run report --db a.db ledger
is "$rc" 2 "an unknown report is a usage error"
like "$err" "unknown report 'ledger' \\(known: roster, flows, stats, all\\)" "listing the known ones"
run report --db a.db
is "$rc" 2 "no report named: usage error"
run report --db a.db roster --format xls
is "$rc" 2 "an unknown format: usage error"

if locale -a 2>/dev/null | grep -qi '^zh_CN.gb18030$'; then
	LANG=zh_CN.GB18030 "$ZHIBU" report --db a.db roster > loc.txt
	is "$(iconv -f GB18030 -t UTF-8 loc.txt | sed -n 1p)" "                                   党员花名册" \
		"in a GB18030 locale the report comes in GB18030"
	cmp -s loc.txt rgb.txt
	ok $? "laid out as --encoding gb18030"
else
	for i in 1 2; do echo "ok $((tap_n += 1)) # SKIP zh_CN.GB18030 locale not installed"; done
fi

done_testing
