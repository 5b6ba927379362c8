#!/bin/sh
# The frame under every register, on screen (tmux, 80x24, zh_CN.UTF-8):
# for each register on the menu, its add form is filled field by field in
# the order of its field table (tests/tools/formplan prints it, with the
# labels as the form shows them), saved, found in the list, and its
# details show every value; the list, the form and the details are
# compared whole with snapshots at 80x24 (tests/tui/snap/; to renew them
# after a deliberate change: ZHIBU_SNAP_UPDATE=1 make check
# TESTS=tests/tui/frame.sh, then read the diff).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

snap="$top_srcdir/tests/tui/snap"
tui_new_branch 幸福里社区第一党支部; ok $? "a new database"

plan="$T/plan"
LANG=zh_CN.UTF-8 "$top_builddir/tests/tools/formplan" 5 >"$plan"
ok $? "the form plan of every register on the menu"
grep -q '^register' "$plan"; ok $? "at least one register"

# snapshot NAME: the screen now, the times of the change log (HH:MM) and
# the user who made them made constant, equal to tests/tui/snap/NAME.
snapshot() {
	tui_screen | sed -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9] [^ ]*/YYYY-MM-DD HH:MM USER/' \
		>"$T/$1.txt"
	if [ -n "${ZHIBU_SNAP_UPDATE:-}" ]; then
		cp "$T/$1.txt" "$snap/$1.txt"
	fi
	if diff -u "$snap/$1.txt" "$T/$1.txt" >"$T/$1.diff"; then
		return 0
	fi
	sed 's/^/#   /' "$T/$1.diff"
	return 1
}

# fill TABLE: the add form's fields, in the plan's (the field table's)
# order; an empty value is left as the form offers it.
fill() {
	awk -F '\t' -v t="$1" '
		$1 == "register" { on = ($3 == t) }
		on && $1 == "field" && $3 != "" { print $2; print $3 }' "$plan" >"$T/fill"
	set --
	while IFS= read -r label && IFS= read -r value; do
		set -- "$@" "$label" "$value"
	done <"$T/fill"
	tui_fill "$@"
}

tui_start "$ZHIBU" --db "$db"
tui_wait "暂无待办事项"; ok $? "the start screen"

while IFS="$(printf '\t')" read -r kind digit table name; do
	[ "$kind" = register ] || continue
	tui_keys "$digit"
	tui_wait "共 0"; ok $? "$table: $digit opens its empty list"
	snapshot "$table-empty"; ok $? "$table: the empty list, whole, at 80x24"

	tui_keys a
	tui_wait "F2"; ok $? "$table: a opens the add form"
	snapshot "$table-form"; ok $? "$table: the empty form, whole"
	fill "$table"; ok $? "$table: every field filled in the field table's order"
	tui_keys F2
	tui_wait "已新增 $name"; ok $? "$table: saved, and said so"
	tui_wait "共 1"; ok $? "$table: the list counts it"
	snapshot "$table-list"; ok $? "$table: the list with the new record, whole"

	tui_keys Enter
	tui_wait "变更记录"; ok $? "$table: Enter opens its details"
	missing=$(awk -F '\t' -v t="$table" '
		$1 == "register" { on = ($3 == t) }
		on && $1 == "shown" && $3 != "" { print $3 }' "$plan" |
		while IFS= read -r v; do
			tui_screen | grep -qF -- "$v" || echo "$v"
		done)
	[ -z "$missing" ]; ok $? "$table: the details show every value (masked as shown): ${missing:-all there}"
	snapshot "$table-details"; ok $? "$table: the details, whole"
	tui_keys q
	tui_wait "共 1"; ok $? "$table: back to the list"
	tui_keys q
	tui_wait "0  退出"; ok $? "$table: back to the start screen"
done <"$plan"

tui_keys q
tui_wait "[exit 0]"; ok $? "q quits with status 0"
done_testing
