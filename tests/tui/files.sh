#!/bin/sh
# The screens write new files, never through a link: x and p onto a link
# are refused at once and the file it points to is untouched (as in the
# roster, so in 党员统计); a file there is replaced whole after asking
# (0600, its other name keeping the old text); a full disk leaves the
# previous file and no temporary.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/lib.sh"

export LANG=zh_CN.UTF-8
cd "$T" || exit 1
db="$T/branch.db"
"$ZHIBU" init --db "$db" --branch "文件测试支部" >/dev/null
awk -v n=3000 -f "$top_srcdir/tests/data/gen-roster.awk" > roster.csv
"$ZHIBU" import --db "$db" members roster.csv >/dev/null
mkdir outside
echo precious > outside/file
chmod 644 outside/file
ln -s "$T/outside/file" link.csv
ln -s "$T/outside/file" link.txt
echo old > old.csv
echo old > old.txt
chmod 644 old.csv
chmod 666 old.txt
ln old.csv other.csv
ln old.txt other.txt

tui_start "$ZHIBU" --db "$db"
tui_wait "6  导入导出"
tui_keys 1
tui_wait_re "共 [0-9]+ 人"

# x onto a link: refused before anything else is asked.
tui_keys x
tui_wait "导出到："
tui_answer "link.csv"
tui_wait "link.csv：是符号链接"; ok $? "x onto a link is refused, saying it is a link"
tui_screen | grep -q "GB18030"; is $? 1 "at once (no encoding is asked)"

# x onto a file: replaced after asking, 0600, not written into.
tui_keys x
tui_wait "导出到："
tui_answer "old.csv"
tui_wait "GB18030"
tui_keys Enter
tui_wait "old.csv 已存在。替换它吗？"; ok $? "x onto a file asks first"
tui_keys y
tui_wait "名党员导出到"; ok $? "and exports"
is "$(mode_of old.csv)/$(grep -c ',="[0-9]' old.csv)" "600/3000" "the file is replaced by a 0600 export"
is "$(cat other.csv)/$(mode_of other.csv)" "old/644" "and was not written into (its other name keeps the old text)"

# p onto a link, then onto a file.
tui_keys p
tui_wait "打印到文本文件"
tui_keys Enter
tui_wait "打印到："
tui_answer "link.txt"
tui_wait "link.txt：是符号链接"; ok $? "p onto a link is refused, saying it is a link"
tui_keys p
tui_wait "打印到文本文件"
tui_keys Enter
tui_wait "打印到："
tui_answer "old.txt"
tui_wait "编码（本终端：UTF-8）"
tui_keys Enter
tui_wait "换行方式"
tui_keys Enter
tui_wait "old.txt 已存在。替换它吗？"; ok $? "p onto a file asks first"
tui_keys y
tui_wait_re "已将 [0-9]+ 页"; ok $? "and prints to it"
is "$(mode_of old.txt)/$(cat other.txt)" "600/old" "the printout replaced the file: 0600, the old one untouched"

# A full disk (root mounts one): the previous file stays, nothing is left.
if [ "$(id -u)" -eq 0 ] && mkdir m && mount -t tmpfs -o size=256k tmpfs m 2>/dev/null; then
	trap 'umount "$T/m" 2>/dev/null; tmux_ kill-server 2>/dev/null; rm -rf "$T"' EXIT
	echo previous > m/full.csv
	tui_keys x
	tui_wait "导出到："
	tui_answer "m/full.csv"
	tui_wait "GB18030"
	tui_keys Enter
	tui_wait "替换它吗？"
	tui_keys y
	tui_wait "无法导出：文件无法写入：设备上没有空间"; ok $? "x onto a full disk fails, saying why"
	is "$(cat m/full.csv)/$(ls -A m)" "previous/full.csv" "the previous file is whole, and no temporary is left"
else
	for i in 1 2; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n - full disk # SKIP needs root to mount a small file system"
	done
fi

# 党员统计's x: the same.
tui_keys q
tui_wait "6  导入导出"
tui_keys 5
tui_wait "党员花名册：打印或保存"
tui_keys Down Enter
tui_wait "统计日期"
tui_keys x
tui_wait "导出到："
tui_answer "link.csv"
tui_wait "link.csv：是符号链接"; ok $? "党员统计's x onto a link is refused too"
is "$(cat outside/file)/$(mode_of outside/file)" "precious/644" "the file the links point to is untouched"
[ -L link.csv ] && [ -L link.txt ]; ok $? "and the links are as they were"
is "$(ls -A | grep -c zhibu-)" 0 "no temporary is left"
tui_keys q Escape q
tui_wait "[exit 0]"; ok $? "quits"

done_testing
