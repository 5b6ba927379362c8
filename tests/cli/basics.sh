#!/bin/sh
# The command line itself: help, version, usage errors, languages.
. "$top_srcdir/tests/lib.sh"

run --version
is "$rc" 0 "--version exits 0"
like "$out" '^zhibu [0-9]+\.[0-9]+\.[0-9]+$' "--version prints the version"

run --help
is "$rc" 0 "--help exits 0"
like "$out" 'zhibu init' "--help lists init"
like "$out" 'zhibu check' "--help lists check"
like "$out" 'zhibu backup' "--help lists backup"
like "$out" '--db FILE' "--help names --db"

run check --help
is "$rc" 0 "--help after a command still helps"

run frobnicate
is "$rc" 2 "an unknown command is a usage error (2)"
like "$err" "unknown command 'frobnicate'" "and says which"
like "$err" "zhibu --help" "and points at --help"

run --frob
is "$rc" 2 "an unknown option is a usage error"
like "$err" "unknown option '--frob'" "and names it"

run init --db
is "$rc" 2 "--db without a file is a usage error"

run init --nonsense --db "$T/x.db"
is "$rc" 2 "an unknown option of a command is a usage error"
[ ! -e "$T/x.db" ]; ok $? "and creates nothing"

run backup
is "$rc" 2 "backup without a file name is a usage error"

run init --branch "" --db "$T/y.db"
is "$rc" 2 "an empty branch name is refused"
[ ! -e "$T/y.db" ]; ok $? "and creates nothing"

# Chinese in a UTF-8 and in a GB18030 locale (the text arrives in the
# terminal's own codeset).
out=$(LANG=zh_CN.UTF-8 "$ZHIBU" --help)
like "$out" '创建数据库' "zh_CN.UTF-8: help is in Chinese"
out=$(LANG=zh_CN.UTF-8 "$ZHIBU" frobnicate 2>&1)
like "$out" "未知命令" "zh_CN.UTF-8: usage errors in Chinese"
out=$(LANG=zh_CN.GB18030 "$ZHIBU" --help | iconv -f GB18030 -t UTF-8)
ok $? "zh_CN.GB18030: help is valid GB18030"
like "$out" '创建数据库' "zh_CN.GB18030: help is in Chinese, converted"
out=$(LANG=zh_CN.GBK "$ZHIBU" --help | iconv -f GBK -t UTF-8)
ok $? "zh_CN.GBK: help is valid GBK"
like "$out" '创建数据库' "zh_CN.GBK: help is in Chinese"

done_testing
