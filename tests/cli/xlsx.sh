#!/bin/sh
# zhibu export members -o FILE.xlsx: a workbook with a print layout.  Read
# back twice: by LibreOffice (headless, saved as CSV again), which must
# give the export's CSV; and as the XML it is, for the cells' types and
# the page setup (A4 landscape, header row frozen and repeated, 第 &P 页
# 共 &N 页 in the footer, one page wide).
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
"$top_builddir/tests/tools/demodb" d.db 幸福里社区第一党支部
ok $? "the demo branch"

run export --db d.db members --all -o 花名册.xlsx
is "$rc/$out" "0/wrote 花名册.xlsx (60 records)" "export -o FILE.xlsx"
is "$(mode_of 花名册.xlsx)" 600 "0600, as every export"
is "$(head -c 2 花名册.xlsx)" "PK" "(a workbook: a zip)"
"$ZHIBU" export --db d.db members --all --encoding utf-8 --lf -o e.csv >/dev/null

# The sheet as XML: values, types, layout.
python3 - 花名册.xlsx e.csv > xml.txt <<'EOF'
import csv, re, sys, zipfile
import xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
strings = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m']))
           for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
styles = ET.fromstring(z.read('xl/styles.xml'))
xfs = styles.find('m:cellXfs', ns).findall('m:xf', ns)
sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
rows = []
text_cells = set()
for r in sheet.find('m:sheetData', ns).findall('m:row', ns):
    row = {}
    for c in r.findall('m:c', ns):
        col = re.match(r'[A-Z]+', c.get('r')).group(0)
        v = c.find('m:v', ns)
        if v is None:
            continue                # an empty value: a blank cell
        if c.get('t') != 's':
            print('not a text cell:', c.get('r'))
            continue
        row[col] = strings[int(v.text)]
        if xfs[int(c.get('s', '0'))].get('numFmtId') == '49':
            text_cells.add(col)
    rows.append(row)
cols = sorted({k for r in rows for k in r}, key=lambda s: (len(s), s))
got = [[r.get(k, '') for k in cols] for r in rows]
want = [[re.sub(r'^="(.*)"$', r'\1', v) for v in line]
        for line in csv.reader(open(sys.argv[2], encoding='utf-8', newline=''))]
print('values:', 'same' if got == want else 'differ')
header = want[0]
print('text format:', ' '.join(sorted(header[ord(k) - 65] for k in text_cells)))
pane = sheet.find('.//m:pane', ns)
print('frozen:', pane.get('state'), pane.get('ySplit'))
ps = sheet.find('m:pageSetup', ns)
print('page:', ps.get('paperSize'), ps.get('orientation'), ps.get('fitToWidth', '1'), ps.get('fitToHeight'))
print('fit:', sheet.find('m:sheetPr/m:pageSetUpPr', ns).get('fitToPage'))
print('footer:', sheet.find('m:headerFooter/m:oddFooter', ns).text)
wb = ET.fromstring(z.read('xl/workbook.xml'))
print('titles:', ' '.join(d.text for d in wb.iter('{%s}definedName' % ns['m'])
                          if d.get('name') == '_xlnm.Print_Titles'))
print('sheet:', wb.find('m:sheets/m:sheet', ns).get('name'))
print('widths:', ' '.join(c.get('width').split('.')[0] for c in sheet.find('m:cols', ns)))
EOF
is "$(grep -c '^not a text cell' xml.txt)" 0 "every cell is text, as the register holds it"
is "$(grep '^values:' xml.txt)" "values: same" "the cells are the export's values, row by row"
is "$(grep '^text format:' xml.txt)" "text format: 联系电话 身份证号" \
	"ID numbers and phones in cells of the text format (@): no digit lost"
is "$(grep '^frozen:' xml.txt)" "frozen: frozen 1" "the header row frozen"
is "$(grep '^page:' xml.txt)" "page: 9 landscape 1 0" "A4 landscape, one page wide"
is "$(grep '^fit:' xml.txt)" "fit: 1" "(fit to pages)"
is "$(grep '^footer:' xml.txt)" "footer: &C第 &P 页 共 &N 页" "第 &P 页 共 &N 页 in the footer"
is "$(grep '^titles:' xml.txt)" "titles: '党员花名册'!\$1:\$1" "the header row printed on every page"
is "$(grep '^sheet:' xml.txt)" "sheet: 党员花名册" "the sheet named as the ledger"
like "$(grep '^widths:' xml.txt)" "^widths: 1[0-9] " "each column as wide as its values (姓名 first)"

# LibreOffice, as an office would open it: saved as CSV again it is the
# export.  Installed by tools/install-deps (libreoffice-calc-nogui): as
# root (CI) its absence fails; otherwise the check is skipped, visibly.
if command -v soffice >/dev/null; then
	HOME="$T/lo" soffice -env:UserInstallation="file://$T/lo" --headless \
		--convert-to "csv:Text - txt - csv (StarCalc):44,34,76" --outdir "$T/lo" \
		"$T/花名册.xlsx" >lo.log 2>&1
	sed 's/="\([^"]*\)"/\1/g' e.csv > want.csv
	tr -d '\r' < "$T/lo/花名册.csv" > got.csv
	cmp -s got.csv want.csv
	ok $? "LibreOffice reads it and saves the export's CSV (ID numbers whole)"
	[ -s got.csv ] || sed 's/^/# /' lo.log
elif [ "$(id -u)" -eq 0 ]; then
	ok 1 "LibreOffice is installed (libreoffice-calc-nogui: tools/install-deps)"
else
	echo "ok $((tap_n += 1)) # SKIP LibreOffice is not installed"
fi

# masked with --format? no: an export is whole; the filters apply
run export --db d.db members --status 流出 -o out.xlsx
is "$rc/$out" "0/wrote out.xlsx (4 records)" "the filters apply: 4 流出"

# Text another program stored with ESC and a bidi override: in the
# workbook as U+FFFD, as in the CSV export, and said on standard error;
# a tab stays a tab.
cp d.db c.db
sql c.db "UPDATE members SET note = 'a' || char(27) || '[31mRED' || char(8238) || 'x' || char(9) || 'y' WHERE id = (SELECT min(id) FROM members);"
run export --db c.db members --all -o c.xlsx
is "$rc" 0 "a record with control characters is exported"
like "$err" "c.xlsx:[0-9]*: .*written as U.FFFD" "and the replacement is said, with the sheet's line"
python3 -c 'import sys, zipfile
s = zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode("utf-8")
sys.exit(0 if "\ufffd[31mRED\ufffdx\ty" in s and "\x1b" not in s and "\u202e" not in s else 1)' c.xlsx
ok $? "ESC and the override are U+FFFD in the sheet, the tab is kept"

run export --db d.db members -o g.xlsx --encoding gbk
is "$rc" 2 "a workbook takes no --encoding"
like "$err" "a workbook has no --encoding or --crlf" "and says why"
run export --db d.db members -o g.xlsx --crlf
is "$rc" 2 "nor --crlf"
test ! -e g.xlsx; ok $? "and nothing is written"

done_testing
