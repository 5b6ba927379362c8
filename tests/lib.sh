# tests/lib.sh - shared by the command-line tests: a pinned environment,
# a scratch directory, and TAP output for automake's tap-driver.
#
# A test sources this file, calls the helpers below, and ends with `done_testing`.

set -u

: "${ZHIBU:?run through make check (ZHIBU is the binary under test)}"
: "${top_srcdir:=.}"

# A pinned environment: no user's settings leak in, results are repeatable.
export LANG=C.UTF-8 LC_ALL= LANGUAGE= TZ=Asia/Shanghai TERM=xterm
unset ZHIBU_DB XDG_DATA_HOME XDG_CONFIG_HOME LC_MESSAGES LC_CTYPE
export ZHIBU_TODAY=2026-06-15

T=$(mktemp -d "${TMPDIR:-/tmp}/zhibu-test.XXXXXX")
export HOME="$T/home"
mkdir -p "$HOME"
trap 'rm -rf "$T"' EXIT

tap_n=0
tap_fail=0

# ok COND-EXIT DESCRIPTION: a test point from the previous command's status.
ok() {
	local st=$1; shift
	tap_n=$((tap_n + 1))
	if [ "$st" -eq 0 ]; then
		echo "ok $tap_n - $*"
	else
		echo "not ok $tap_n - $*"
		tap_fail=$((tap_fail + 1))
	fi
}

# is GOT WANT DESCRIPTION
is() {
	local got=$1 want=$2; shift 2
	if [ "$got" = "$want" ]; then
		ok 0 "$@"
	else
		ok 1 "$@"
		printf '#   got: %s\n#  want: %s\n' "$got" "$want" | sed '3,$s/^/# /'
	fi
}

# like GOT PATTERN DESCRIPTION (grep -E on the text)
like() {
	local got=$1 pat=$2; shift 2
	if printf '%s\n' "$got" | grep -Eq -- "$pat"; then
		ok 0 "$@"
	else
		ok 1 "$@"
		printf '%s\n' "$got" | sed 's/^/#   got: /'
		printf '#  want: /%s/\n' "$pat"
	fi
}

# unlike GOT PATTERN DESCRIPTION
unlike() {
	local got=$1 pat=$2; shift 2
	if printf '%s\n' "$got" | grep -Eq -- "$pat"; then
		ok 1 "$@"
		printf '%s\n' "$got" | sed 's/^/#   got: /'
	else
		ok 0 "$@"
	fi
}

# run ARGS...: run zhibu, leaving $out, $err and $rc.
run() {
	out=$("$ZHIBU" "$@" 2>"$T/stderr")
	rc=$?
	err=$(cat "$T/stderr")
}

# File mode in octal, e.g. 600.
mode_of() { stat -c %a "$1"; }

# sql DB STATEMENT: ask sqlite3 directly (the tests' independent witness).
sql() { "${SQLITE3:-sqlite3}" "$1" "$2"; }

# fake_id FIRST17: a fake ID number with its GB 11643 check character
# (computed here independently of the program under test).
fake_id() {
	printf '%s\n' "$1" | awk '{
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ");
		s = 0;
		for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i];
		printf "%s%s\n", $0, substr("10X98765432", s % 11 + 1, 1);
	}'
}

# stub_lp DIR: DIR/bin holds an lp that keeps its arguments in DIR/lp-args
# and what it is sent in DIR/printed, and cat, which it needs: with
# PATH=DIR/bin a printout goes there and nowhere else.
stub_lp() {
	mkdir -p "$1/bin"
	printf '#!/bin/sh\necho "$@" > "%s/lp-args"\nexec cat > "%s/printed"\n' "$1" "$1" >"$1/bin/lp"
	chmod +x "$1/bin/lp"
	ln -s "$(command -v cat)" "$1/bin/cat"
}

# long_names_csv FILE: four members whose names are long (17
# characters, with the middle dot, with 𡈼 of Extension B, one that fits
# only with the dot 1 wide), as a roster CSV.
long_names_csv() {
	{
		echo "姓名,性别,民族,出生日期,身份证号,学历,党员类别,入党日期,转正日期"
		for p in 阿卜杜热合曼·买买提依明·艾尔肯江:女:11010519900101002 \
		         𡈼阿依古丽·买买提:男:11010519900101003 \
		         欧阳娜娜木:女:11010519900101004 艾力·木:男:11010519900101005; do
			echo "${p%%:*},$(echo "$p" | cut -d: -f2),维吾尔族,1990-01-01,$(fake_id "${p##*:}"),本科,正式党员,2015-07-01,2016-07-01"
		done
	} > "$1"
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_fail" -eq 0 ]
}
