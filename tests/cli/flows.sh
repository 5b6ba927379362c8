#!/bin/sh
# zhibu import|export|report flows: 流动党员 from the command line.  A 流出
# row names its member by the ID number and makes the member 流出 in the
# same transaction (audited); a row of no member is refused with its line
# and reason and changes nothing; the reminders are filters (党章第九条:
# six months without contact; 中办发〔2006〕28号: 转接 after six months);
# zhibu check finds a roster and flows that disagree.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
export LANG=zh_CN.UTF-8
"$ZHIBU" init --db a.db >/dev/null
# Today is 2026-06-15 (tests/lib.sh).
printf '%s\n' '姓名,身份证号,党员类别,入党日期,转正日期,党籍状态' \
	"孙一,$(fake_id 32010519800101001),正式党员,2005-07-01,2006-07-01,在册" \
	"孙二,$(fake_id 32010519820101003),正式党员,2006-07-01,2007-07-01,在册" \
	"孙三,$(fake_id 32010519840101005),正式党员,2007-07-01,2008-07-01,在册" > m.csv
"$ZHIBU" import --db a.db members m.csv >/dev/null
is "$(sql a.db "SELECT count(*) FROM members WHERE status = '在册'")" 3 "three members 在册"

status_of() { sql a.db "SELECT status FROM members WHERE name = '$1'"; }
audits() { sql a.db "SELECT count(*) FROM audit_log"; }

# a row naming nobody on the roster: refused, nothing stored
printf '%s\n' '流动类型,身份证号,流入地省份,流入地城市,外出日期,外出流向,原职业' \
	"流出,$(fake_id 32010519800101001),广东省,深圳市,2026-01-10,1,1" \
	"流出,$(fake_id 11010519900101013),上海,上海市,2026-02-01,务工经商,工人" > bad.csv
before=$(audits)
run import --db a.db flows bad.csv --all-or-nothing
is "$rc" 3 "a 流出 of no member of the roster is refused"
like "$err" "bad.csv:3: 身份证号[:：] ?不在花名册中" "... with its line and reason"
is "$(sql a.db 'SELECT count(*) FROM flows')" 0 "... and nothing is stored (all or nothing)"
is "$(status_of 孙一)" 在册 "... nor the member changed"
is "$(audits)" "$before" "... nor logged"

# the good rows: the members become 流出 with them
printf '%s\n' '流动类型,身份证号,流入地省份,流入地城市,外出日期,预计返回日期,外出流向,原职业,活动证编号' \
	"流出,$(fake_id 32010519800101001),广东省,深圳市,2026-01-10,,1,1,LD0001" \
	"流出,$(fake_id 32010519820101003),32,南京市,2025-11-01,2026-05-01,求学,6,LD0002" > f.csv
run import --db a.db flows f.csv
is "$rc" 0 "two departures imported"
is "$(status_of 孙一)/$(status_of 孙二)/$(status_of 孙三)" "流出/流出/在册" \
	"their members are 流出 on the roster at once"
is "$(sql a.db "SELECT count(*) FROM audit_log WHERE tbl = 'members' AND action = 'update'")" 2 \
	"... both changes of the roster in the change log"
is "$(sql a.db "SELECT name || ' ' || flow_code || ' ' || occupation_code || ' ' || scope FROM flows ORDER BY depart_date")" \
	"孙二 2 求学 6 学生 省内跨市
孙一 1 务工经商 1 工人 跨省" "the name from the roster, the codes beside their labels, 范围 from the destination"

# the same member away twice: refused
run import --db a.db flows f.csv
is "$rc" 3 "a member away already cannot leave again"
like "$err" "已在外出中" "... and says why"

# export: the rows, codes and labels, as they went in
run export --db a.db flows -o out.csv
is "$rc" 0 "export flows"
like "$(iconv -f GB18030 -t UTF-8 out.csv)" "1 务工经商" "the 外出流向 code beside its label"
unlike "$(iconv -f GB18030 -t UTF-8 out.csv | head -1)" "(^|,)党员(,|$)" \
	"no column of this database's keys: a member is named by the ID number"

# the search: initials, the end of the ID number
run export --db a.db flows --encoding utf-8 --search sy -o -
like "$out" "孙一" "--search by initials finds 孙一"
unlike "$out" "孙二" "... and not 孙二"
run export --db a.db flows --encoding utf-8 --search "$(fake_id 32010519820101003 | cut -c13-)" -o -
like "$out" "孙二" "--search by the end of the ID number finds 孙二"

# the reminders as filters (today 2026-06-15, no contacts yet)
run export --db a.db flows --encoding utf-8 --remind 联系超期 -o -
like "$out" "孙一" "联系超期: no contact since 2026-01-10, over 90 days"
run export --db a.db flows --encoding utf-8 --remind 应转接 -o -
like "$out" "孙二" "应转接: away since 2025-11-01, six months (中办发〔2006〕28号)"
unlike "$out" "孙一" "... not one away five months"
run export --db a.db flows --encoding utf-8 --remind 逾期未返回 -o -
like "$out" "孙二" "逾期未返回: expected back 2026-05-01"
run export --db a.db flows --encoding utf-8 --remind 没有这个 -o -
is "$rc" 2 "an unknown reminder is a usage error"

# zhibu check: the roster and the flows agree; a member marked 流出
# elsewhere without a record is found
run check --db a.db
is "$rc" 0 "zhibu check: consistent"
sql a.db "UPDATE members SET status = '流出' WHERE name = '孙三'"
run check --db a.db
is "$rc" 1 "a member marked 流出 with no open record is found"
like "$out$err" "党籍状态为“流出”的党员没有未结束的流出记录" "... and named"
sql a.db "UPDATE members SET status = '在册' WHERE name = '孙三'"
sql a.db "UPDATE members SET status = '在册' WHERE name = '孙一'"
run check --db a.db
like "$out$err" "未结束的流出记录所属党员的党籍状态不是“流出”" "and the reverse"
sql a.db "UPDATE members SET status = '流出' WHERE name = '孙一'"

# the ledger: 流动党员登记簿
run report --db a.db flows
is "$rc" 0 "report flows"
like "$out" "流动党员登记簿" "the 流动党员登记簿"
like "$out" "孙一" "... one line per record"
run report --db a.db flows --direction 流入
unlike "$out" "孙一" "--direction 流入 leaves the departures out"

# the contacts of the year under each record (a contact a year old and more
# is the earlier ledger's)
sql a.db "INSERT INTO flow_contacts (id, flow_id, date, way, content, next_step)
	SELECT 1, id, '2026-05-20', '电话', '电话联系，工作正常', '七月再联系' FROM flows WHERE name = '孙一'"
sql a.db "INSERT INTO flow_contacts (id, flow_id, date, way, content)
	SELECT 2, id, '2025-06-15', '上门', '去年的走访' FROM flows WHERE name = '孙一'"
run report --db a.db flows
like "$out" "联系 2026-05-20 电话：电话联系，工作正常；下一步：七月再联系" \
	"the ledger lists the year's contacts under the record"
unlike "$out" "去年的走访" "... and not those of the year before"
if command -v pdftotext >/dev/null 2>&1; then
	run report --db a.db flows -o f.pdf
	like "$(pdftotext -layout f.pdf -)" "联系 2026-05-20 电话：电话联系" "the PDF too"
else
	echo "ok $((tap_n += 1)) # SKIP pdftotext not found"
fi

done_testing
