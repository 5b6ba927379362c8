#!/bin/sh
# zhibu status and zhibu probation: a member's 党籍状态 and 转正 from the
# command line, by the rules of the Party (党章第七、九条; 发展党员工作细则
# 第三十二条; 党员教育管理工作条例第二十四条), audited, and nothing changed
# when a rule says no.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
export LANG=zh_CN.UTF-8
"$ZHIBU" init --db a.db >/dev/null
# Today is 2026-06-15 (tests/lib.sh).  钱一's probation ended 2026-06-01;
# 钱二's ends 2026-12-01; 钱三 and 钱四 are full members; 钱五 twice.
printf '%s\n' '姓名,身份证号,党员类别,入党日期,转正日期,党籍状态' \
	"钱一,$(fake_id 11010519900101001),预备党员,2025-06-01,,在册" \
	"钱二,$(fake_id 11010519900101003),预备党员,2025-12-01,,在册" \
	"钱三,$(fake_id 11010519700101005),正式党员,2000-07-01,2001-07-01,在册" \
	"钱四,$(fake_id 11010519600101007),正式党员,1990-07-01,1991-07-01,在册" \
	"钱五,$(fake_id 11010519800101009),正式党员,2005-07-01,2006-07-01,在册" \
	"钱五,$(fake_id 11010519800101011),正式党员,2006-07-01,2007-07-01,在册" > m.csv
"$ZHIBU" import --db a.db members m.csv >/dev/null
is "$(sql a.db 'SELECT count(*) FROM members')" 6 "six members"

state() { sql a.db "SELECT member_type || '|' || coalesce(full_date, '') || '|' || coalesce(probation_end, '') || '|' || probation_reason || '|' || status || '|' || coalesce(status_date, '') || '|' || status_reason FROM members WHERE name = '$1'"; }
audits() { sql a.db "SELECT count(*) FROM audit_log WHERE tbl = 'members'"; }

# --- 转正 --------------------------------------------------------------
before=$(audits)
run probation --db a.db 钱二 full
is "$rc" 1 "党章第七条: 转正 before the probation is over is refused"
like "$err" "钱二[:：] ?转正日期[:：] ?预备期尚未期满" "... with the rule in words"
is "$(state 钱二)" "预备党员||||在册||" "... and nothing changed"
is "$(audits)" "$before" "... nor logged"

run probation --db a.db 钱一 full --date 2026-05-01
is "$rc" 1 "a 转正日期 less than a year after joining is refused"
like "$err" "转正日期[:：] ?距入党日期不足一年：预备期为一年（党章第七条）" "... naming 党章第七条"

run probation --db a.db 钱一 full
is "$rc" 0 "按期转正: the date defaults to the end of the probation"
is "$out" "钱一 自 2026-06-01 起为正式党员。" "... and says so"
is "$(state 钱一)" "正式党员|2026-06-01|||在册||" "stored: 正式党员 since 2026-06-01"
is "$(sql a.db "SELECT json_extract(old, '\$.member_type') || '>' || json_extract(new, '\$.member_type') FROM audit_log WHERE tbl = 'members' AND action = 'update' ORDER BY id DESC LIMIT 1")" \
	"预备党员>正式党员" "the change log holds it"
run probation --db a.db 钱一 full
is "$rc" 1 "a full member has no probation to decide"
like "$err" "不是预备党员" "... says so"

# --- 延长预备期 ----------------------------------------------------------
"$ZHIBU" import --db a.db members /dev/stdin >/dev/null <<EOF
姓名,身份证号,党员类别,入党日期,转正日期
钱六,$(fake_id 11010519900101013),预备党员,2025-06-10,
EOF
run probation --db a.db 钱六 extend --until 2026-12-08 --reason 需要继续考察
is "$rc" 1 "细则第三十二条: an extension shorter than half a year is refused"
like "$err" "发展党员工作细则第三十二条" "... naming the article"
run probation --db a.db 钱六 extend --until 2026-12-10
is "$rc" 2 "an extension needs a reason (a usage error: --reason is missing)"
run probation --db a.db 钱六 extend --until 2026-12-10 --reason 需要继续考察
is "$rc" 0 "extended by half a year"
is "$(state 钱六)" "预备党员||2026-12-10|需要继续考察|在册||" "stored with its reason"
run probation --db a.db 钱六 extend --until 2027-06-10 --reason 再延长
is "$rc" 1 "细则第三十二条: a probation is extended once only"
like "$err" "只能延长一次" "... says so"
run probation --db a.db 钱六 full
is "$rc" 1 "转正 waits for the end of the extension"

# --- 取消预备党员资格 ----------------------------------------------------
run probation --db a.db 钱二 cancel --reason 不履行党员义务
is "$rc" 2 "cancelling asks for --yes (it cannot be undone)"
is "$(state 钱二)" "预备党员||||在册||" "... nothing changed without it"
run probation --db a.db 钱二 cancel --reason 不履行党员义务 --yes
is "$rc" 0 "取消预备党员资格 with --yes"
is "$(state 钱二)" "预备党员||||取消预备党员资格|2026-06-15|不履行党员义务" \
	"stored as the status, dated today, with the reason"

# --- 党籍状态 ------------------------------------------------------------
run status --db a.db 钱三 开除学籍
is "$rc" 2 "an unknown status is a usage error"
run status --db a.db 钱三 取消预备党员资格 --reason x --yes
is "$rc" 1 "党章第七条: a full member cannot lose a probationary membership"
run status --db a.db 钱三 停止党籍 --date 2026-06-16 --reason 失去联系
is "$rc" 1 "a status date in the future is refused"
run status --db a.db 钱三 停止党籍 --date 1999-01-01 --reason 失去联系
is "$rc" 1 "a status date before joining is refused"
like "$err" "早于入党日期" "... says so"
run status --db a.db 钱三 停止党籍 --date 2026-01-10
is "$rc" 1 "停止党籍 needs a reason"
run status --db a.db 钱三 停止党籍 --date 2026-01-10 --reason 失去联系六个月以上
is "$rc" 0 "条例第二十四条: 停止党籍 of a member out of contact"
run status --db a.db 钱三 流出 --reason 外出
is "$rc" 1 "停止党籍 cannot become 流出"
run status --db a.db 钱三 在册 --reason 已取得联系
is "$rc" 2 "恢复党籍 is confirmed (--yes)"
run status --db a.db 钱三 在册 --reason 已取得联系 --yes
is "$rc" 0 "条例第二十四条: 停止党籍 restored with a reason and a confirmation"
is "$(state 钱三)" "正式党员|2001-07-01|||在册|2026-06-15|已取得联系" "stored"

run status --db a.db 钱四 去世 --date 2026-03-02 --yes
is "$rc" 0 "去世 needs no reason"
run status --db a.db 钱四 在册 --reason 弄错了 --yes
is "$rc" 1 "去世 is final"
like "$err" "已去世" "... says so"
run status --db a.db 钱五 退党 --reason 本人申请 --yes
is "$rc" 1 "a name two members have is not enough"
like "$err" "有多名党员同名，请给出身份证号" "... ask for the ID number"
run status --db a.db "$(fake_id 11010519800101011)" 退党 --reason 本人申请 --yes
is "$rc" 0 "党章第九条: 退党, by ID number"
run status --db a.db 钱七 退党 --reason x --yes
is "$rc" 1 "an unknown member"

"$ZHIBU" import --db a.db members /dev/stdin >/dev/null <<EOF2
姓名,身份证号,党员类别,入党日期,转正日期,党籍状态,党籍变动日期,党籍变动原因
钱十,$(fake_id 11010519700101019),正式党员,2000-07-01,2001-07-01,停止党籍,2026-05-01,失去联系
EOF2
run status --db a.db 钱十 除名 --reason 自行脱党 --yes
is "$rc" 1 "条例第二十四条: 除名 a month and a half after 停止党籍 is refused"
like "$err" "停止党籍满两年后才能除名" "... naming the two years"

# the record's key, as zhibu check names a record, names the member too
key=$(sql a.db "SELECT id FROM members WHERE name = '钱十'")
run status --db a.db "$key" 在册 --reason 已取得联系 --yes
is "$rc/$out" "0/钱十：党籍状态已改为 在册（2026-06-15）。" "a member named by the key zhibu check prints"

# a probation is decided on its last day too: the day offered is that day
"$ZHIBU" import --db a.db members /dev/stdin >/dev/null <<EOF2
姓名,身份证号,党员类别,入党日期,转正日期
钱八,$(fake_id 11010519900101015),预备党员,2025-06-16,
EOF2
run probation --db a.db 钱八 full
is "$rc/$out" "0/钱八 自 2026-06-15 起为正式党员。" \
	"党章第七条: on the probation's last day 转正 is dated that day, not tomorrow"

# a member who is not a current member: the field named is the status
run probation --db a.db 钱二 full
like "$err" "党籍状态[:：] ?不是预备党员|党籍状态[:：] ?已不是本支部在册党员|党员类别[:：] ?不是预备党员" "(钱二 is no longer probationary in the branch)"
"$ZHIBU" import --db a.db members /dev/stdin >/dev/null <<EOF2
姓名,身份证号,党员类别,入党日期,转正日期,党籍状态,党籍变动日期,党籍变动原因
钱九,$(fake_id 11010519900101017),预备党员,2025-06-01,,转出,2026-01-05,转往外地
EOF2
run probation --db a.db 钱九 full
like "$err" "钱九[:：] ?党籍状态[:：] ?已不是本支部在册党员" "a 转出 member's refusal names 党籍状态, not 党员类别"

# dates that are no dates are usage errors, as in every command
run status --db a.db 钱三 在册 --date 2026-13-01
is "$rc" 2 "--date 2026-13-01 is a usage error"
run probation --db a.db 钱六 extend --until 2027-06-10 --reason x --date 2026-06-15
is "$rc" 2 "extend takes --until, not --date"

# import --update of a status: its reason is the file's, never the old one
printf '身份证号,党籍状态,党籍变动日期\n%s,开除党籍,2026-06-15\n' "$(fake_id 11010519700101019)" > upd.csv
run import --db a.db --update members upd.csv
is "$rc" 3 "a change of status by --update without its reason is rejected"
like "$err" "党籍变动原因" "... naming the reason"
is "$(state 钱十)" "正式党员|2001-07-01|||在册|2026-06-15|已取得联系" "... and nothing changed"

# GBK clients: arguments come in GB18030, messages go back in it
G() { printf '%s' "$1" | iconv -f UTF-8 -t GB18030; }
out=$(LANG=zh_CN.GB18030 "$ZHIBU" status --db a.db "$(G 钱十)" "$(G 停止党籍)" --reason "$(G 又失联了)" 2>&1 | iconv -f GB18030 -t UTF-8)
is "$out" "钱十：党籍状态已改为 停止党籍（2026-06-15）。" "a GB18030 terminal: the name, status and reason typed in GB18030"
is "$(state 钱十)" "正式党员|2001-07-01|||停止党籍|2026-06-15|又失联了" "... stored as UTF-8"
out=$(LANG=zh_CN.GB18030 "$ZHIBU" import --db a.db members "$(G 无此文件.csv)" 2>&1 | iconv -f GB18030 -t UTF-8)
is "$out" "zhibu：无此文件.csv：没有那个文件或目录" \
	"a GB18030 file name and the system's message come out once converted"

run check --db a.db
is "$rc" 0 "zhibu check finds nothing wrong after all this"
done_testing
