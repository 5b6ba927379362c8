#!/bin/sh
# A change log row that is not JSON (written by another program) hides
# nothing else: a member's history and the branch's change log flag it
# on its line and show every other change (issue 12).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

export LANG=zh_CN.UTF-8
db="$T/branch.db"
"$SQLITE3" "$db" < "$top_srcdir/tests/data/audit-v9.sql"
chmod 600 "$db"
"$ZHIBU" check --db "$db" >/dev/null 2>&1
ok $? "a branch of two members, upgraded"
"$ZHIBU" status --db "$db" 王秀云 流出 --date 2026-04-01 --reason 外出务工 --yes >/dev/null
sql "$db" "INSERT INTO audit_log (id, at, os_user, tbl, row_id, action, old, new)
SELECT 7, at, 'colleague', tbl, row_id, 'update', '{\"name\": \"王秀', new
FROM audit_log WHERE tbl = 'members' AND json_extract(new, '\$.name') = '王秀云'
ORDER BY seq LIMIT 1;"
ok $? "another program writes a log row of 王秀云 that is not JSON"

tui_start "$ZHIBU" --db "$db"
tui_wait "1  党员花名册"
tui_keys 1
tui_wait "共 2 人"
tui_keys /
tui_type "wxy"
tui_wait "共 1 人"; ok $? "/wxy finds 王秀云"
tui_keys Enter
tui_keys h
tui_wait "变更记录"; ok $? "h shows her history"
tui_wait "无法读取：不是有效的 JSON"; ok $? "the bad change is flagged on its line"
tui_screen | grep -q "colleague"; ok $? "... under the user it names"
tui_screen | grep -q "13900001111"; ok $? "the change that added her is still there"
tui_screen | grep -q "在册 → 流出"; ok $? "and the status change after it"
tui_keys q
tui_keys Escape
tui_wait "共 2 人"
tui_keys q
tui_wait "待办提醒"
tui_keys 7
tui_wait "支部名称："
tui_keys Down Enter
tui_wait "条变更，最新的在前"; ok $? "the branch's change log opens"
tui_screen | grep "王秀云" | grep -q "（无法读取）"; is $? 1 "(the bad row has no name to show)"
tui_screen | grep -q "（无法读取）"; ok $? "it flags the bad row on its line"
tui_screen | grep "王秀云" | grep -q "党籍状态"; ok $? "and lists the other changes, the status change of 王秀云"
tui_screen | grep -q "李建国"; ok $? "and the adding of 李建国"
tui_keys q q
tui_wait "待办提醒"
tui_keys q
tui_wait "[exit 0]"; ok $? "q quits with status 0"

LANG=C.UTF-8 run check --db "$db"
like "$out" "a change log row cannot be read \(its values are not valid JSON\): audit_log 7" \
	"zhibu check names the row"

done_testing
