# tests/tui/lib.sh - drive the real binary in a real terminal emulator
# (tmux) at 80x24: type keys, poll the screen for text, never sleep blindly.
#
# Sourced after tests/lib.sh.

# One tmux server per session started: a server being shut down must not
# be mistaken for the next one.
tui_n=0
TMUX_SOCK="zhibu-test-$$-0"
tmux_() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }
trap 'tmux_ kill-server 2>/dev/null; rm -rf "$T"' EXIT

# tui_new_branch NAME: the tests' locale zh_CN.UTF-8 and a new database
# $db of the branch NAME; the status of zhibu init.
tui_new_branch() {
	export LANG=zh_CN.UTF-8
	db="$T/branch.db"
	"$ZHIBU" init --db "$db" --branch "$1" >/dev/null
}

# tui_start CMD...: run CMD in a fresh 80x24 session; the pane stays after
# it exits, showing "[exit N]".
tui_start() {
	local cols=${TUI_COLS:-80} lines=${TUI_LINES:-24} q="" a
	for a in "$@"; do q="$q '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"; done
	tmux_ kill-server 2>/dev/null
	tui_n=$((tui_n + 1))
	TMUX_SOCK="zhibu-test-$$-$tui_n"
	# tmux needs a UTF-8 locale of its own to show CJK.
	LANG=C.UTF-8 tmux_ new-session -d -s main -x "$cols" -y "$lines" \
		"env LANG=$LANG TERM=${TUI_TERM:-screen} HOME=$HOME TZ=$TZ ZHIBU_TODAY=$ZHIBU_TODAY ZHIBU_LOCALEDIR=$ZHIBU_LOCALEDIR ${TUI_ENV:-} $q; echo \"[exit \$?]\"; sleep 600"
}

# tui_second NAME CMD...: a second terminal (another secretary) in the
# same tmux server; address it by setting TUI_T=NAME (unset: the first).
tui_second() {
	local name=$1 q="" a; shift
	for a in "$@"; do q="$q '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"; done
	tmux_ new-session -d -s "$name" -x 80 -y 24 \
		"env LANG=$LANG TERM=${TUI_TERM:-screen} HOME=$HOME TZ=$TZ ZHIBU_TODAY=$ZHIBU_TODAY ZHIBU_LOCALEDIR=$ZHIBU_LOCALEDIR ${TUI_ENV:-} $q; echo \"[exit \$?]\"; sleep 600"
}

# Every command below addresses session $TUI_T (unset: main) as "=NAME:",
# the session of exactly that name: a bare "b" would also match a window
# whose name starts with b, such as "bash" while the program in another
# session is exiting, and the keys would go there.

# tui_keys KEY...: tmux key names (Enter, Escape, Down, F2, C-s ...).
tui_keys() { tmux_ send-keys -t "=${TUI_T:-main}:" "$@"; }

# tui_type TEXT: literal text, as an input method would send it.
tui_type() { tmux_ send-keys -t "=${TUI_T:-main}:" -l "$1"; }

tui_screen() { tmux_ capture-pane -t "=${TUI_T:-main}:" -p; }

# tui_poll SECONDS TEST...: run TEST every 20 ms until it succeeds, for
# at most SECONDS; its status.
tui_poll() {
	local limit=$1 i=0
	shift
	while [ "$i" -lt $((limit * 50)) ]; do
		"$@" && return 0
		i=$((i + 1))
		sleep 0.02
	done
	return 1
}

# tui_until SECONDS WHAT TEST...: tui_poll; when TEST never succeeds, say
# WHAT, what the program is doing and the screen (TAP comments).
tui_until() {
	local limit=$1 what=$2
	shift 2
	tui_poll "$limit" "$@" && return 0
	echo "# $what"
	tui_diag
	tui_screen | sed 's/^/#   | /'
	return 1
}

tui_shows() { tui_screen | grep -qF -- "$1"; }
tui_shows_re() { tui_screen | grep -Eq -- "$1"; }
tui_hides() { ! tui_shows "$1"; }

# tui_wait TEXT [SECONDS]: poll until the screen shows TEXT (fixed string).
tui_wait() { tui_until "${2:-10}" "timed out waiting for: $1" tui_shows "$1"; }

# tui_wait_re REGEX [SECONDS]: like tui_wait, for an extended regex.
tui_wait_re() { tui_until "${2:-10}" "timed out waiting for /$1/" tui_shows_re "$1"; }

# tui_gone TEXT [SECONDS]: poll until TEXT is no longer shown.
tui_gone() { tui_until "${2:-10}" "still shown: $1" tui_hides "$1"; }

# tui_answer TEXT: the prompt shown cleared, TEXT typed and Enter.
tui_answer() {
	tui_keys C-u
	tui_type "$1"
	tui_keys Enter
}

# tui_line N: line N (0-based) of the screen.
tui_line() { tui_screen | sed -n "$(($1 + 1))p"; }

tui_resize() { tmux_ resize-window -t "=${TUI_T:-main}:" -x "$1" -y "$2"; }

# tui_diag: what the program in the pane is doing, after a failed wait.
tui_diag() {
	local pp p
	pp=$(tmux_ display-message -p -t "=${TUI_T:-main}:" '#{pane_pid}' 2>/dev/null) || return 0
	for p in $(pgrep -P "$pp" 2>/dev/null); do
		echo "# pid $p: $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | cut -c1-60)"
		echo "#   state $(awk '/^State/ { print $2 }' "/proc/$p/status" 2>/dev/null)," \
		     "waiting in $(cat "/proc/$p/wchan" 2>/dev/null)"
		if command -v gdb >/dev/null 2>&1; then
			gdb -p "$p" -batch -ex 'bt' 2>/dev/null | grep '^#' | sed 's/^/#   /'
		fi
	done
}

# tui_cursor_line: the screen line the cursor is on.
tui_cursor_line() {
	tui_line "$(tmux_ display-message -p -t "=${TUI_T:-main}:" '#{cursor_y}')"
}

# tui_cursor_label: the label of the form field the cursor is in (a
# required field's * after it).
tui_cursor_label() { tui_cursor_line | awk '{ print $1 }'; }

# tui_in_field LABEL: the cursor is in the field labelled LABEL.
tui_in_field() {
	case "$(tui_cursor_label)" in "$1"|"$1*") return 0 ;; esac
	return 1
}

# tui_left_field LABEL: the cursor is no longer in the field LABEL.
tui_left_field() { [ "$(tui_cursor_label)" != "$1" ]; }

# tui_cursor_shows TEXT: the line of the cursor shows TEXT.
tui_cursor_shows() { tui_cursor_line | grep -qF -- "$1"; }

# tui_field LABEL: Tab through the open form until the cursor is in the
# field labelled LABEL (a required field's * may follow it), whatever the
# order of the fields; fails after 40 fields.  Call it once the screen
# shows the keys sent before (keys still on their way would move the
# cursor on after it looked).
tui_field() {
	local i=0 label
	while [ "$i" -lt 40 ]; do
		tui_in_field "$1" && return 0
		label=$(tui_cursor_label)
		tui_keys Tab
		# wait for the cursor to reach the next field
		tui_poll 5 tui_left_field "$label"
		i=$((i + 1))
	done
	echo "# no field labelled $1"
	tui_diag
	tui_screen | sed 's/^/#   | /'
	return 1
}

# tui_fill LABEL VALUE...: type each VALUE into the field LABEL (what was
# there cleared first), waiting for it to show before the next.
tui_fill() {
	while [ "$#" -ge 2 ]; do
		tui_field "$1" || return 1
		tui_keys C-u
		tui_type "$2"
		tui_until 5 "$1 does not show $2" tui_cursor_shows "$2" || return 1
		shift 2
	done
}

# tui_add_member NAME ID17 JOINED FULL: the roster's add form (a), its
# required fields filled (the ID number with its check character), saved
# with F2.
tui_add_member() {
	tui_keys a
	tui_wait "花名册：新增党员" || return 1
	tui_fill 姓名 "$1" 身份证号 "$(fake_id "$2")" 入党日期 "$3" 转正日期 "$4" || return 1
	tui_keys F2
	tui_wait "已新增 $1"
}
