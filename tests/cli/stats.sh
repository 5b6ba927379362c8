#!/bin/sh
# zhibu report stats: 党员统计 on a generated branch, as text and CSV, on
# today and on an earlier --date, each figure checked against sqlite3's own
# count of the same members; bad dates refused with a reason.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
awk -v n=300 -f "$top_srcdir/tests/data/gen-roster.awk" > roster.csv
"$ZHIBU" init --db a.db --branch 幸福里社区第一党支部 >/dev/null
"$ZHIBU" import --db a.db members roster.csv >/dev/null
# Members who went (转出 on 2025-01-01, 去世 on 2026-03-01), one whose
# membership is stopped since 2024-06-01, one 流出 since 2026-02-01, one
# probationary member who became full on 2026-01-20.
sql a.db "UPDATE members SET status = '转出', status_date = '2025-01-01'
	WHERE id IN (SELECT id FROM members WHERE status = '在册' AND join_date < '2020-01-01' ORDER BY id LIMIT 5);
UPDATE members SET status = '去世', status_date = '2026-03-01'
	WHERE id IN (SELECT id FROM members WHERE status = '在册' AND join_date < '2020-01-01' ORDER BY id LIMIT 2);
UPDATE members SET status = '停止党籍', status_date = '2024-06-01'
	WHERE id IN (SELECT id FROM members WHERE status = '在册' AND join_date < '2020-01-01' ORDER BY id LIMIT 1);
UPDATE members SET status = '流出', status_date = '2026-02-01'
	WHERE id IN (SELECT id FROM members WHERE status = '在册' AND join_date < '2020-01-01' ORDER BY id LIMIT 1);
UPDATE members SET member_type = '正式党员', full_date = '2026-01-20'
	WHERE id IN (SELECT id FROM members WHERE member_type = '预备党员' AND join_date <= '2025-01-20' ORDER BY id LIMIT 1);"

# The witness: sqlite3 counting the members on a day by the same rules,
# written out here, not taken from the program.
on() {  # on DAY WHERE: members on DAY that also match WHERE
	sql a.db "SELECT count(*) FROM members WHERE join_date <= '$1'
		AND NOT (status IN ('转出', '去世', '开除党籍', '除名', '退党', '取消预备党员资格', '停止党籍')
		         AND coalesce(status_date, join_date) <= '$1')
		AND ($2);"
}
run report --db a.db stats
is "$rc" 0 "report stats"
printf '%s\n' "$out" > s.txt
is "$(sed -n 1p s.txt)" "                                    党员统计" "the title, centred"
is "$(sed -n 2p s.txt)" "                            统计日期：2026年6月15日" "the day counted on: today"
is "$(sed -n 3p s.txt)" "支部：幸福里社区第一党支部                               制表日期：2026年6月15日" \
	"the branch and the day it was made"
is "$(wc -l < s.txt)" 60 "one page of 60 lines"
head=$(sql a.db 'SELECT seq || '"':'"' || substr(hash, 1, 16) FROM audit_log ORDER BY seq DESC LIMIT 1;')
like "$(tail -1 s.txt)" "^ {32}第 1 页 共 1 页 +变更日志 $head\$" \
	"with its footer: the page centred, the change log's head flush right"
# "  党员总数    291 100.0%": a line of the left table
total=$(on 2026-06-15 1)
like "$(grep '党员总数' s.txt)" "^  党员总数 +$total 100\\.0%" "党员总数 is sqlite3's count of members on the day ($total)"
like "$(grep '另：停止党籍' s.txt)" "另：停止党籍（不计入） +1( {7}|\$)" "停止党籍 shown apart, without a share"
is "$(grep -o '其中：流出党员 *[0-9]*' s.txt | grep -o '[0-9]*$')" "$(on 2026-06-15 "status = '流出'")" \
	"流出 counted and shown"
is "$(grep -o '  女 *[0-9]*' s.txt | grep -o '[0-9]*$')" "$(on 2026-06-15 "gender = '女'")" "women"
is "$(grep -o '少数民族 *[0-9]*' s.txt | grep -o '[0-9]*$')" "$(on 2026-06-15 "ethnicity <> '汉族'")" \
	"少数民族: 民族 other than 汉族"
is "$(grep -o '预备党员 *[0-9]*' s.txt | head -1 | grep -o '[0-9]*$')" \
	"$(on 2026-06-15 "full_date IS NULL OR full_date > '2026-06-15'")" "预备党员"
is "$(grep -o '61岁及以上 *[0-9]*' s.txt | grep -o '[0-9]*$')" "$(on 2026-06-15 "birth_date <= '1965-06-15'")" \
	"61岁及以上: born on or before 1965-06-15"
is "$(grep -o '50年及以上 *[0-9]*' s.txt | grep -o '[0-9]*$')" "$(on 2026-06-15 "full_date <= '1976-06-15'")" \
	"党龄 50年及以上: full on or before 1976-06-15"
is "$(grep -o '其中：大专及以上 *[0-9]*' s.txt | grep -o '[0-9]*$')" \
	"$(on 2026-06-15 "education IN ('研究生', '大学本科', '大学专科')")" "大专及以上"
is "$(grep -o '离退休人员 *[0-9]*' s.txt | grep -o '[0-9]*$')" "$(on 2026-06-15 "category = '离退休人员'")" \
	"人员分类 离退休人员"
like "$(grep -c '^[0-9]\. ' s.txt)" '^[45]$' "the notes say who is counted and how"
notes=$(sed -n '/^注：/,$p' s.txt | sed 's/^ *//' | tr -d '\n')
like "$notes" '自状态日期起不计.*停止党籍的不计入党员总数.*流出党员计入' "who counts on the day"
like "$notes" '状态在统计日期以后变化的.*变更日志中的历次状态未用于本统计' \
	"and what an earlier date cannot reconstruct"
like "$notes" '最大余数法.*合计为100\.0%' "how the percentages are rounded"

# An earlier day: the members who went since count, the full member of
# 2026-01-20 was probationary, the 流出 of 2026-02-01 was not 流出 yet.
run report --db a.db stats --date 2024-12-31
is "$rc" 0 "--date 2024-12-31"
printf '%s\n' "$out" > d.txt
is "$(sed -n 2p d.txt)" "                            统计日期：2024年12月31日" "names the day counted on"
then=$(on 2024-12-31 1)
like "$(grep '党员总数' d.txt)" "^  党员总数 +$then 100\\.0%" "党员总数 on 2024-12-31 ($then)"
since=$(sql a.db "SELECT count(*) FROM members WHERE join_date > '2024-12-31';")
is "$((then - total))" "$((7 - since))" \
	"gone_after_the_date_counted: the 7 who went in 2025 and 2026 count, the $since who joined since do not"
is "$(grep -o '其中：流出党员 *[0-9]*' d.txt | grep -o '[0-9]*$')" \
	"$(on 2024-12-31 "status = '流出' AND coalesce(status_date, join_date) <= '2024-12-31'")" \
	"流出 since 2026-02-01 is not shown as 流出 on 2024-12-31"
is "$(grep -o '预备党员 *[0-9]*' d.txt | head -1 | grep -o '[0-9]*$')" \
	"$(on 2024-12-31 "full_date IS NULL OR full_date > '2024-12-31'")" \
	"预备 on the day although full today"
run report --db a.db stats --date 2024年12月31日
cmp -s d.txt - <<EOF
$out
EOF
ok $? "--date takes the forms a form takes (2024年12月31日)"

# CSV: the same figures, a row each, the parts of each group adding up.
run report --db a.db stats --format csv -o s.csv
is "$rc/$out" "0/wrote s.csv (46 records)" "--format csv -o FILE"
is "$(mode_of s.csv)" 600 "the file is 0600"
iconv -f GB18030 -t UTF-8 s.csv > s8.csv
ok $? "in GB18030, as export writes CSV"
is "$(head -1 s8.csv | tr -d '\r')" "统计日期,分组,项目,人数,占比（%）" "the header"
is "$(grep ',党员人数,党员总数,' s8.csv | tr -d '\r')" "2026-06-15,党员人数,党员总数,$total,100.0" "the total row"
is "$(tr -d '\r' < s8.csv | awk -F, 'NR > 1 && $3 !~ /^(其中|另|党员总数)/ { s[$2] += $5; n[$2] += $4 }
	END { for (g in s) if (sprintf("%.1f", s[g]) != "100.0" || n[g] != '"$total"') print g, s[g], n[g] }')" "" \
	"percentages_add_up: every group's parts make 100.0% and the total"
"$ZHIBU" report --db a.db stats --format csv --encoding utf-8 --lf > u.csv
tr -d '\r' < s8.csv | cmp -s - u.csv
ok $? "--encoding utf-8 --lf: the same rows"

# A Windows text file (issue 14): UTF-8 with a BOM, every line CR LF.
"$ZHIBU" report --db a.db stats --encoding utf-8-bom --crlf -o w.txt >/dev/null
is "$(head -c 3 w.txt | od -An -tx1 | tr -d ' ')" "efbbbf" "--encoding utf-8-bom: the BOM"
is "$(grep -c "$(printf '\r')\$" w.txt)" "$(wc -l < w.txt | tr -d ' ')" "--crlf: every line ends in CR LF"

# Printing: lp gets the PDF with the title.
stub_lp "$T"
out=$(PATH="$T/bin" "$ZHIBU" report --db a.db stats --print 2>"$T/stderr"); rc=$?
is "$rc" 0 "--print hands the statistics to lp"
"$ZHIBU" report --db a.db stats -o s.pdf >/dev/null
cmp -s printed s.pdf
ok $? "what lp got is the statistics as PDF, as -o s.pdf writes it"
is "$(cat lp-args)" "-t 党员统计 -o document-format=application/pdf" "with the title, as a PDF"

# Refused, exit status 2, with the reason.
run report --db a.db stats --date 2026-13-01
is "$rc" 2 "bad_date_refused: a month 13"
like "$err" "report stats: --date '2026-13-01': " "names the date and says why"
run report --db a.db stats --date yesterday
is "$rc" 2 "not a date at all"
run report --db a.db stats --date 2026-06-16
is "$rc" 2 "a day after today"
like "$err" "after today" "says so"
run report --db a.db roster --date 2026-01-01
is "$rc" 2 "--date with another report"
run report --db a.db stats --status 流出
is "$rc" 2 "the filters do not apply to the statistics"
run report --db a.db stats --print -o x.txt
is "$rc" 2 "--print with -o"

done_testing
