#!/bin/sh
# Every message a secretary reads is translated, in one style: each
# message id of the sources has its Chinese in po/zh_CN.po; zhibu --help
# in zh_CN has no English left but what is typed (options, commands,
# values) and a few names; Chinese text puts the full-width colon after a
# label, the command line's own messages included.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
po="$top_srcdir/po/zh_CN.po"

# The catalogue: complete, and up to date with the sources.
if command -v msgfmt >/dev/null 2>&1 && command -v xgettext >/dev/null 2>&1 &&
   command -v msgcmp >/dev/null 2>&1; then
	stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po" 2>&1)
	like "$stats" '^[0-9]+ translated messages\.$' "po/zh_CN.po: every message translated, none fuzzy ($stats)"
	(cd "$top_srcdir" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
		--keyword=ngettext:1,2 -f po/POTFILES.in -o "$T/zhibu.pot")
	msgcmp "$po" zhibu.pot 2>msgcmp.err
	ok $? "every message id of the sources is in po/zh_CN.po, translated"
	sed 's/^/#   /' msgcmp.err | head -n 10
	# A translation the same as its id is English left over, except these.
	msgcat --no-wrap --no-location "$po" |
		awk '/^msgid "/ { id = $0; sub(/^msgid /, "", id); next }
		     /^msgstr "/ { s = $0; sub(/^msgstr /, "", s); if (s == id && s != "\"\"") print s }' |
		grep -v -x -F -e '"UTF-8"' \
			-e '"imported %lu, rejected %lu\n"' > same.txt
	is "$(cat same.txt)" "" "no message is 'translated' as itself (but UTF-8; the import summary's wording is SPEC 4's)"
	# The full-width colon after Chinese: no ASCII colon touching a
	# Chinese character in a translation.
	msgcat --no-wrap --no-location "$po" | grep '^msgstr' |
		LC_ALL=C.UTF-8 grep -P '\p{Han}[:]|[:] ?\p{Han}' > colons.txt
	is "$(cat colons.txt)" "" "translations put the full-width colon after Chinese"
else
	for i in 1 2 3 4; do echo "ok $((tap_n += 1)) # SKIP gettext tools not found"; done
fi

# zhibu --help in Chinese.  What may stay in Latin letters: the options
# and their values, the command names, report and table names, and the
# names SQLite, CSV, Excel, A4, lp, UTF-8, LF, CR, PDF.
help=$(LANG=zh_CN.UTF-8 "$ZHIBU" --help)
like "$help" '^用法：zhibu' "zhibu --help is in Chinese"
left=$(printf '%s\n' "$help" |
	sed -E 's/\$ZHIBU_DB//g; s/(^|[^A-Za-z0-9])-(-[a-z][a-z-]*|o)//g' |
	sed -E 's/(zhibu|init|check|backup|import|export|report|status|probation|full|extend|cancel|members|roster|flows|stats|all|text|csv|pdf|xlsx|auto|gb18030|gbk|utf-8-bom|utf-8|utf-16|SQLite|CSV|Excel|A4|lp|UTF-8|CR|LF|PDF)//g' |
	grep -E '[A-Za-z]')
is "$left" "" "and has no English words but options, commands, values and names"
like "$help" '  --db 文件 +数据库文件' "placeholders are translated (--db 文件)"
like "$help" '--status 党籍状态 +该党籍状态的党员' "the filters are listed"
indent=$(printf '%s\n' "$help" | sed -n 2p | sed 's/zhibu.*//' | wc -c)
is "$indent" 7 "the commands stand under 'zhibu' of 用法：zhibu (6 columns)"
LANG=zh_CN.UTF-8 "$ZHIBU" --help | awk '{ print }' > help.txt
if command -v python3 >/dev/null 2>&1; then
	widest=$(python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(max(w(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")
          if "zhibu " not in l))' help.txt)
	[ "$widest" -le 80 ]
	ok $? "the help's text fits 80 columns (the widest line: $widest; usage lines aside)"
else
	echo "ok $((tap_n += 1)) # SKIP python3 not found"
fi

# The command line's own messages: "zhibu：", then the full-width colon
# after the file and after the reason, in Chinese.
"$ZHIBU" init --db a.db >/dev/null
mkdir dir
for cmd in "backup --db a.db dir" "export --db a.db members -o dir" \
           "export --db a.db members -o no/such/x.csv" \
           "report --db a.db roster -o no/such/x.txt" "check --db missing.db" \
           "export --db a.db members --group 第九党小组" "import --db a.db members no-such.csv"; do
	# shellcheck disable=SC2086
	msg=$(LANG=zh_CN.UTF-8 "$ZHIBU" $cmd 2>&1 >/dev/null | head -n 1)
	like "$msg" '^zhibu：[^:]*$' "zhibu $cmd: $msg"
done
msg=$(LANG=zh_CN.UTF-8 "$ZHIBU" export --db a.db 2>&1)
like "$msg" '^zhibu：export：请指定一个表' "a usage error too"

# A GB18030 terminal gets the same words in its codeset.
if locale -a 2>/dev/null | grep -qi '^zh_CN.gb18030$'; then
	LANG=zh_CN.GB18030 "$ZHIBU" --help > help-gb.txt
	iconv -f GB18030 -t UTF-8 help-gb.txt | cmp -s - help.txt
	ok $? "zhibu --help in a GB18030 locale: the same text in GB18030"
else
	echo "ok $((tap_n += 1)) # SKIP zh_CN.GB18030 locale not installed"
fi

done_testing
