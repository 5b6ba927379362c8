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

# tui_wait TEXT [SECONDS]: poll until the screen shows TEXT (fixed string).
tui_wait() {
	local want=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 50)) ]; do
		if tui_screen | grep -qF -- "$want"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.02
	done
	echo "# timed out waiting for: $want"
	tui_diag
	tui_screen | sed 's/^/#   | /'
	return 1
}

# tui_wait_re REGEX [SECONDS]: like tui_wait, for an extended regex.
tui_wait_re() {
	local want=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 50)) ]; do
		if tui_screen | grep -Eq -- "$want"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.02
	done
	echo "# timed out waiting for /$want/"
	tui_diag
	tui_screen | sed 's/^/#   | /'
	return 1
}

# tui_gone TEXT [SECONDS]: poll until TEXT is no longer shown.
tui_gone() {
	local want=$1 limit=${2:-10} i=0
	while [ "$i" -lt $((limit * 50)) ]; do
		if ! tui_screen | grep -qF -- "$want"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.02
	done
	echo "# still shown: $want"
	tui_diag
	tui_screen | sed 's/^/#   | /'
	return 1
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

# tui_field LABEL: Tab through the open form until the cursor is in the
# field labelled LABEL (a required field's * may follow it), whatever the
# order of the fields; fails after 40 fields.  Call it once the screen
# shows the keys sent before (keys still on their way would move the
# cursor on after it looked).
tui_field() {
	local want=$1 i=0 j label
	while [ "$i" -lt 40 ]; do
		label=$(tui_cursor_line | awk '{ print $1 }')
		case "$label" in "$want"|"$want*") return 0 ;; esac
		tui_keys Tab
		# wait for the cursor to reach the next field
		j=0
		while [ "$(tui_cursor_line | awk '{ print $1 }')" = "$label" ] &&
		      [ "$j" -lt 250 ]; do
			sleep 0.02
			j=$((j + 1))
		done
		i=$((i + 1))
	done
	echo "# no field labelled $want"
	tui_screen | sed 's/^/#   | /'
	return 1
}

# tui_fill LABEL VALUE...: type each VALUE into the field LABEL (what was
# there cleared first), waiting for it to show before the next.
tui_fill() {
	local j
	while [ "$#" -ge 2 ]; do
		tui_field "$1" || return 1
		tui_keys C-u
		tui_type "$2"
		j=0
		until tui_cursor_line | grep -qF -- "$2"; do
			j=$((j + 1))
			if [ "$j" -ge 250 ]; then
				echo "# $1 does not show $2"
				tui_screen | sed 's/^/#   | /'
				return 1
			fi
			sleep 0.02
		done
		shift 2
	done
}
