#!/bin/sh
# The rules of the Party on screen (tmux, 80x24, zh_CN.UTF-8): the start
# screen's 入党 N 周年 and 党龄 (党章第七条: 党龄 from 转正); 转正, an
# extension (发展党员工作细则第三十二条) and a cancellation from the due
# items; d offering only the changes the rules allow, a refused date asked
# again, a final status confirmed and final (党员教育管理工作条例第二十四条).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

export LANG=zh_CN.UTF-8
db="$T/rules.db"
"$ZHIBU" init --db "$db" --branch "幸福里社区第一党支部" >/dev/null
# Today is 2026-06-15.  程红梅 joined 1970-06-20 and became a full member a
# year later: on 06-20 she is 入党 56 周年 with 党龄 55.  The three 预备党员
# joined in June 2025: their probations ended on 06-01, 06-05 and 06-10.
cat > "$T/m.csv" <<EOF
姓名,身份证号,党员类别,入党日期,转正日期
程红梅,$(fake_id 11010519500120002),正式党员,1970-06-20,1971-06-20
林一,$(fake_id 11010519900101001),预备党员,2025-06-01,
林二,$(fake_id 11010519900101003),预备党员,2025-06-05,
林三,$(fake_id 11010519900101005),预备党员,2025-06-10,
周老,$(fake_id 11010519400501007),正式党员,1965-07-01,1966-07-01
EOF
"$ZHIBU" import --db "$db" members "$T/m.csv" >/dev/null
ok $? "five members imported"
state() { sql "$db" "SELECT member_type || '|' || coalesce(full_date, '') || '|' || coalesce(probation_end, '') || '|' || probation_reason || '|' || status || '|' || coalesce(status_date, '') || '|' || status_reason FROM members WHERE name = '$1'"; }

tui_start "$ZHIBU" --db "$db"
tui_wait "政治生日：程红梅，入党 56 周年（06-20），党龄 55 年"
ok $? "党章第七条: the anniversary counts from joining, 党龄 from 转正"
tui_wait "政治生日：林三，入党 1 周年（06-10），预备党员"
ok $? "a 预备党员's anniversary has no 党龄"
tui_wait "转正已逾期：林一（预备期于 2026-06-01 届满）"; ok $? "林一 is overdue"

# Tab moves into the due list; the first item is the oldest probation.
tui_keys Tab
tui_keys Enter
tui_wait "林一：预备期 2026-06-01 期满"; ok $? "Enter on 林一 opens the 转正 dialog"
tui_wait "按期转正"; ok $? "... offering 按期转正"
tui_screen | grep -q "延长预备期" && tui_screen | grep -q "取消预备党员资格"
ok $? "... 延长预备期 and 取消预备党员资格"
tui_keys Enter
tui_wait_re "转正日期（预备期满之日）： *2026-06-01"; ok $? "按期转正 offers the end of the probation"
tui_keys Enter
tui_wait "林一 自 2026-06-01 起转为正式党员，党龄从这一天算起。保存吗？"
ok $? "and asks before saving"
tui_keys y
tui_wait "林一 自 2026-06-01 起为正式党员。"; ok $? "saved"
is "$(state 林一)" "正式党员|2026-06-01|||在册||" "林一 is a full member since 2026-06-01"
tui_gone "林一（预备期"; ok $? "... and gone from the due list"

# 林二: extended, by less than half a year first (refused and asked again).
# The cursor stays in the due list after a decision.
tui_keys Home Enter
tui_wait "林二：预备期 2026-06-05 期满"; ok $? "the next item is 林二"
tui_keys Down Enter
tui_wait "延长至（2026-12-05 至 2027-06-05 之间）："; ok $? "延长预备期 names the range"
tui_keys C-u
tui_type "2026-10-01"
tui_keys Enter
tui_wait_re "^延长预备期应为半年至一年（发展党员工作细则第三十二条）。重新输入： *2026-10-01"
ok $? "细则第三十二条: an extension under half a year is refused, the date asked again as typed"
tui_keys C-u
tui_type "2027-06-05"
tui_keys Enter
tui_wait "原因（必填）："; ok $? "then the reason, required"
tui_keys Enter
tui_wait "原因：必须填写。重新输入："; ok $? "an empty reason is asked again"
tui_type "需要继续教育考察"
tui_keys Enter
tui_wait "林二：预备期已延长至 2027-06-05。"; ok $? "extended by a year"
is "$(state 林二)" "预备党员||2027-06-05|需要继续教育考察|在册||" "stored with its reason"
tui_gone "林二（预备期"; ok $? "the due list follows the extension"

# 林三: the probationary membership cancelled, a final change, confirmed.
tui_keys Home Enter
tui_wait "林三：预备期 2026-06-10 期满"
tui_keys Down Down Enter
tui_wait_re "变更日期： *2026-06-15"; ok $? "取消预备党员资格 asks the date"
tui_keys Enter
tui_wait "原因（必填）："
tui_type "不履行党员义务"
tui_keys Enter
tui_wait "林三 将于 2026-06-15 变为“取消预备党员资格”，此后不能再变更。继续吗？"
ok $? "a final change is confirmed"
tui_wait "按 y 确认"; ok $? "... naming its keys in Chinese"
tui_keys y
tui_wait "林三：党籍状态已变更为取消预备党员资格"; ok $? "cancelled"
is "$(state 林三)" "预备党员||||取消预备党员资格|2026-06-15|不履行党员义务" "stored"
tui_gone "转正已逾期"; ok $? "no 转正 is due any more"
tui_wait "政治生日：林一，入党 1 周年（06-01），党龄不满一年"; ok $? "林一, a full member since 06-01, has less than a year of 党龄"

# The roster: d offers only what the rules allow; a wrong date is asked again.
tui_keys 1
tui_wait "共 4 人"

# An edit follows the rules too: 林一, a full member now, does not become
# probationary again (党章第七条); F2 on a form that changes nothing
# writes nothing.
tui_keys /
tui_type "linyi"
tui_wait "共 1 人"
tui_keys Enter e
tui_wait "花名册：修改党员信息"
audits=$(sql "$db" "SELECT count(*) FROM audit_log")
tui_keys F2
tui_wait "林一：没有改动。"; ok $? "F2 on an unchanged form says nothing was changed"
is "$(sql "$db" "SELECT count(*) FROM audit_log")" "$audits" "... and writes nothing to the change log"
tui_keys e
tui_wait "花名册：修改党员信息"
tui_fill 党员类别 "预备党员" 转正日期 ""
tui_keys F2
tui_wait "正式党员不能再成为预备党员"; ok $? "党章第七条: the form refuses to make a full member probationary again"
tui_keys Escape
tui_wait "放弃"
tui_keys y
tui_wait "共 1 人"
is "$(state 林一)" "正式党员|2026-06-01|||在册||" "林一 is still a full member"
# F1 on a page that is only read (the details) has help too
tui_keys Enter
tui_wait "党龄"
tui_keys F1
tui_wait "只读页面"; ok $? "F1 on the details page shows help"
tui_keys q
tui_wait "党龄"
tui_keys Enter
tui_wait "共 1 人"; ok $? "Enter leaves the details"
tui_keys Escape
tui_wait "共 4 人"
tui_keys /
tui_type "zl"
tui_wait "共 1 人"
tui_keys Enter d
tui_wait "周老 的新党籍状态（现为 在册；"; ok $? "d asks for 周老's new status"
tui_screen | grep -q "取消预备党员资格"; [ $? -ne 0 ]
ok $? "党章第七条: a full member is not offered 取消预备党员资格"
tui_type "去世"
tui_keys Enter
tui_wait_re "变更日期： *2026-06-15"
tui_keys C-u
tui_type "2026-07-01"
tui_keys Enter
tui_wait_re "变更日期：晚于今天。重新输入： *2026-07-01"; ok $? "a date in the future is refused and asked again"
tui_keys C-u
tui_type "2026-03-02"
tui_keys Enter
tui_wait "原因（可不填）："; ok $? "去世 needs no reason"
tui_keys Enter
tui_wait "此后不能再变更"; ok $? "去世 is confirmed"
tui_keys y
tui_wait "周老：党籍状态已变更为去世"; ok $? "周老 died"
tui_keys Escape
tui_wait "共 3 人"
tui_keys f
tui_wait "筛选"
tui_keys Down Down Enter
tui_wait "（全部）"
tui_keys Down Enter
tui_wait "共 5 人"; ok $? "all statuses listed"
tui_keys /
tui_type "zl"
tui_wait "共 1 人"
tui_keys Enter
tui_screen | grep -q " 85 .*去世"; ok $? "who died stops ageing: 85 at his death, not 86 today"
tui_keys d
tui_wait "该党员已去世，党籍状态不再变更"; ok $? "去世 is final"
tui_keys Enter
tui_wait "年龄"
tui_wait "85（2026-03-02 去世时）"; ok $? "his details show the age at the date of death"
tui_wait "党龄"; ok $? "... and his 党龄"
tui_keys q
tui_keys q
# The change log names a setting by what it is, not by its key.
tui_keys 7
tui_wait "本支部的变更日志"
tui_keys Down Enter
tui_wait_re "设置 +支部名称 +新增"; ok $? "the change log shows the branch's name as 支部名称"
tui_screen | grep -q "branch\."; [ $? -ne 0 ]; ok $? "... not as branch.name"
tui_keys q q q
tui_wait "[exit 0]"; ok $? "quits"
is "$(sql "$db" 'PRAGMA integrity_check;')" ok "the database is intact"
run check --db "$db"
is "$rc" 0 "zhibu check finds nothing wrong"

# Thirty political birthdays in June: every one of them can be reached in
# the due list, not only those that fit the screen.
db2="$T/june.db"
"$ZHIBU" init --db "$db2" >/dev/null
names="甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星"
{
	echo '姓名,身份证号,党员类别,入党日期,转正日期'
	for d in $(seq 1 30); do
		c=$(printf '%s' "$names" | cut -c$(( (d - 1) * 3 + 1 ))-$(( d * 3 )))
		printf '孙%s,%s,正式党员,1990-06-%02d,1991-06-%02d\n' "$c" \
			"$(fake_id "11010519600101$(printf '%03d' "$d")")" "$d" "$d"
	done
} > "$T/june.csv"
"$ZHIBU" import --db "$db2" members "$T/june.csv" >/dev/null
is "$(sql "$db2" 'SELECT count(*) FROM members')" 30 "thirty members who joined in June"
tui_start "$ZHIBU" --db "$db2"
tui_wait "政治生日：孙辰，入党 36 周年（06-15）"; ok $? "the list starts with today's"
tui_screen | grep -q "孙卯"; [ $? -ne 0 ]; ok $? "06-14's is not on the first screen"
tui_keys Tab End
tui_wait "政治生日：孙卯，入党 36 周年（06-14）"; ok $? "End in the due list reaches the last one, 06-14's"
tui_keys q
tui_wait "[exit 0]"
done_testing
