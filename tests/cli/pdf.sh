#!/bin/sh
# zhibu report as PDF, read back with poppler's tools: every member of the
# demo branch on the pages (张香𡈼 of Extension B too), the page count the
# footers name, every font embedded as a subset, ID numbers masked unless
# --full-id, the 党员统计, and the whole 台帐 with its cover and contents.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
# poppler-utils is installed by tools/install-deps: without it this test
# fails rather than passing unseen
for tool in pdftotext pdfinfo pdffonts; do
	if ! command -v $tool >/dev/null; then
		ok 1 "$tool is installed (poppler-utils, tools/install-deps)"
		done_testing
		exit 1
	fi
done

"$top_builddir/tests/tools/demodb" d.db 幸福里社区第一党支部
ok $? "the demo branch"
pages_of() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
# the text of a PDF, without the spaces pdftotext puts where a line
# changes font or size
text_of() { pdftotext "$@" - | tr -d ' '; }

run report --db d.db roster --all -o all.pdf
n=$(pages_of all.pdf)
is "$rc/$out" "0/wrote all.pdf ($n pages)" "report roster -o FILE.pdf writes a PDF ($n pages)"
is "$(head -c 5 all.pdf)" "%PDF-" "(a PDF by its suffix)"
like "$(pdfinfo all.pdf)" "Page size: +841.89 x 595.276 pts \\(A4\\)" "A4 landscape: the roster is wide"
text_of all.pdf > all.txt
sql d.db "SELECT name FROM members ORDER BY id;" > names.txt
is "$(wc -l < names.txt)" 60 "60 members"
missing=$(while read -r name; do grep -qF "$name" all.txt || echo "$name"; done < names.txt)
is "$missing" "" "every member's name is on the pages"
grep -qF "张香𡈼" all.txt
ok $? "张香𡈼 too (U+2123C, Extension B)"
is "$(grep -c "^第[0-9]*页共${n}页" all.txt)" "$n" "each page says 第 N 页 共 $n 页, and there are $n"
is "$(grep -c "^身份证号" all.txt)" "$n" "the column headings on every page"
is "$(grep -c "^支部：幸福里社区第一党支部" all.txt)" "$n" "the branch in every page's header"
is "$(grep -c "^制表日期：2026年6月15日" all.txt)" "$n" "and the date"

# fonts: every one embedded and subset (the file prints anywhere)
pdffonts all.pdf > fonts.txt
is "$(awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes") { print }' fonts.txt)" "" \
	"pdffonts: every font embedded (emb) and a subset (sub)"
like "$(cat fonts.txt)" "NotoSansCJKsc" "the text in Noto Sans CJK SC"
is "$(awk 'NR > 2' fonts.txt | grep -c '^[A-Z]\{6\}+')" "$(awk 'NR > 2' fonts.txt | wc -l)" \
	"(their names tagged as subsets)"

# ID numbers: masked unless --full-id
sql d.db "SELECT id_number FROM members;" > ids.txt
is "$(grep -cFf ids.txt all.txt)" 0 "no ID number whole on the pages"
is "$(grep -cE '[0-9]{6}\*{8}[0-9]{3}[0-9X]' all.txt)" 60 "60 masked ID numbers"
"$ZHIBU" report --db d.db roster --all --full-id -o full.pdf >/dev/null
is "$(text_of full.pdf | grep -cFf ids.txt)" 60 "--full-id prints them whole"

# the roster as asked: current members only by default; --format pdf
"$ZHIBU" report --db d.db roster --format pdf > piped.pdf
is "$(head -c 5 piped.pdf)" "%PDF-" "--format pdf writes a PDF to a pipe"
"$ZHIBU" report --db d.db roster -o r.pdf >/dev/null
cmp -s piped.pdf r.pdf
ok $? "the same file as -o r.pdf (the same report is the same bytes)"
gone=$(sql d.db "SELECT name FROM members WHERE status = '去世';")
text_of r.pdf > r.txt
grep -qF "$gone" r.txt
is "$?" 1 "a member who died is not on the current roster ($gone)"

# A name is never broken in two: one too wide for its cell is set
# smaller, whole on one line (names of 17 characters, with the middle
# dot, with 𡈼).
cp d.db n.db
long_names_csv long.csv
"$ZHIBU" import --db n.db members long.csv >/dev/null
"$ZHIBU" report --db n.db roster -o n.pdf >/dev/null
pdftotext -layout n.pdf - | tr -d ' ' > n.txt
whole=0
for name in 阿卜杜热合曼·买买提依明·艾尔肯江 𡈼阿依古丽·买买提 欧阳娜娜木 艾力·木; do
	grep -qF "$name" n.txt && whole=$((whole + 1))
done
is "$whole" 4 "long names whole, each on one line of the page"

# 党员统计: portrait, fixed-width lines
run report --db d.db stats -o s.pdf
n=$(pages_of s.pdf)
like "$rc/$out" "^0/wrote s.pdf \\($n pages?\\)$" "report stats -o s.pdf"
like "$(pdfinfo s.pdf)" "Page size: +595.276 x 841.89 pts \\(A4\\)" "A4 portrait"
text_of s.pdf > s.txt
pdftotext -layout s.pdf - > s-layout.txt
is "$(grep -c "^第[0-9]*页共${n}页" s.txt)" "$n" "第 N 页 共 $n 页 on each of its pages"
counted=$(sql d.db "SELECT count(*) FROM members WHERE status IN ('在册', '流出');")
like "$(cat s-layout.txt)" "党员总数 +$counted +100.0%" "the figures ($counted members), in their columns"

# the whole 台帐: cover, contents, each ledger from a new page
run report --db d.db all -o 台帐.pdf
n=$(pages_of 台帐.pdf)
is "$rc/$out" "0/wrote 台帐.pdf ($n pages)" "report all -o 台帐.pdf"
text_of -f 1 -l 1 台帐.pdf > cover.txt
like "$(cat cover.txt)" "幸福里社区第一党支部" "the cover: the branch"
like "$(cat cover.txt)" "2026年度" "the period"
like "$(cat cover.txt)" "制表日期：2026年6月15日" "the date"
is "$(pdftotext -f 1 -l 1 -x 0 -y 0 -W 596 -H 200 台帐.pdf - | tr -d ' \n\f')" "" \
	"cover_not_at_the_top: its words stand lower down the page"
pdftotext -layout -f 2 -l 2 台帐.pdf - > contents.txt
like "$(cat contents.txt)" "目 +录" "then the contents"
roster_pages=$(pages_of r.pdf)
like "$(cat contents.txt)" "党员花名册 +3$" "the roster from page 3"
# each register's ledger, then what follows it there: the roster, its
# 党员统计 (one page), then the flowing members
stats_at=$((3 + roster_pages))
like "$(cat contents.txt)" "党员统计 +$stats_at$" "the statistics after the roster's $roster_pages pages"
like "$(cat contents.txt)" "流动党员登记簿 +$((stats_at + 1))$" \
	"the flowing members after the statistics' page"
like "$(text_of -f 3 -l 3 台帐.pdf | head -3)" "^党员花名册" "page 3 begins the roster"
like "$(text_of -f $stats_at -l $stats_at 台帐.pdf | head -3)" "^党员统计" \
	"and the statistics begin a page of their own"
is "$(text_of 台帐.pdf | grep -c "^第[0-9]*页共${n}页")" "$((n - 1))" \
	"every page but the cover numbered through, 共 $n 页"

# refused: exit status 2
run report --db d.db all -o all.txt
is "$rc" 2 "report all to a text file is a usage error"
like "$err" "report all" "saying it is a PDF"
run report --db d.db roster -o x.pdf --encoding gb18030
is "$rc" 2 "a PDF with --encoding is a usage error"
run report --db d.db roster --format pdf --crlf
is "$rc" 2 "so is one with --crlf"

# Refused, and why: filters on the whole 台帐; a ledger to a workbook.
run report --db d.db all --status 在册 -o q.pdf
is "$rc" 2 "report all takes no filter"
like "$err" "report all: every ledger is printed whole" "and says so, as report all"
run report --db d.db roster -o r.xlsx
is "$rc" 2 "a ledger is not written as .xlsx"
like "$err" "zhibu export members -o FILE.xlsx" "the export is named instead"
test ! -e r.xlsx && test ! -e q.pdf; ok $? "no file is left"
# A filtered roster says what it holds in its title, on every page.
"$ZHIBU" report --db d.db roster --status 去世 -o dead.pdf >/dev/null
pdftotext dead.pdf - | grep -q "党员花名册（党籍状态：去世）"
ok $? "the title of a filtered roster names the filter"
# A branch name of 40 characters (the most init takes) stays inside the
# cover's margins (18 mm = 51 pt of the 595 pt page), wrapped.
b40=$(printf '长%.0s' $(seq 40))
"$top_builddir/tests/tools/demodb" b40.db "$b40" >/dev/null
chmod 600 b40.db
"$ZHIBU" report --db b40.db all -o b40.pdf >/dev/null
is "$(pdftotext -bbox -f 1 -l 1 b40.pdf - | awk -F'"' '/<word/ {
	if ($2 + 0 < 50 || $6 + 0 > 545) bad++ } END { print bad + 0 }')" 0 \
	"the cover keeps a long branch name inside the margins"
# The figures counted on another day than the binder's: the cover says
# the ledgers are the records of the day it is made.
"$ZHIBU" report --db d.db all --date 2025-12-31 -o a25.pdf >/dev/null
like "$(text_of -f 1 -l 1 a25.pdf)" "2025年度（统计截至2025年12月31日，各名册为制表日所载）" \
	"a binder counted on an earlier day says the ledgers are today's"
done_testing
