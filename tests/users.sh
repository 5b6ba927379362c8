# tests/users.sh - two real Unix users sharing a database, set up as the
# man page's "SEVERAL SECRETARIES, ONE FILE" says: the owner, who may
# write the file, and a member of the group who may only read it, in a
# setgid directory of their group.  Sourced after tests/lib.sh (and
# tests/tui/lib.sh, if any).  Needs root, as CI runs the tests; the
# users and the group, named after this process, are removed at exit.

# users_setup: make the group $grp, the users $owner and $reader, the
# shared directory $shared (2770), and $ZB, a copy of the program that
# they may run (the build tree may be closed to them), with $ZB_LOCALE.
# Without root or the tools, the whole test is skipped.
users_setup() {
	if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null 2>&1 ||
	   ! command -v setpriv >/dev/null 2>&1; then
		echo "1..0 # SKIP needs root, useradd and setpriv to make two users"
		exit 0
	fi
	grp="zbg$$"
	owner="zbo$$"
	reader="zbr$$"
	trap 'users_cleanup' EXIT
	trap 'exit 1' HUP INT TERM
	if ! groupadd "$grp" ||
	   ! useradd -M -N -g "$grp" -d "$T/home-o" -s /bin/sh "$owner" ||
	   ! useradd -M -N -g "$grp" -d "$T/home-r" -s /bin/sh "$reader"; then
		echo "1..0 # SKIP useradd or groupadd failed"
		exit 0
	fi
	chmod 711 "$T"
	mkdir -p "$T/bin" "$T/home-o" "$T/home-r" "$T/branch1"
	cp "$ZHIBU" "$T/bin/zhibu"
	cp -R "$ZHIBU_LOCALEDIR" "$T/locale"
	chmod -R a+rX "$T/bin" "$T/locale"
	chown "$owner:$grp" "$T/home-o"
	chown "$reader:$grp" "$T/home-r"
	chgrp "$grp" "$T/branch1"
	chmod 2770 "$T/branch1"
	ZB="$T/bin/zhibu"
	ZB_LOCALE="$T/locale"
	shared="$T/branch1"
}

users_cleanup() {
	if command -v tmux_ >/dev/null 2>&1; then
		tmux_ kill-server 2>/dev/null
	fi
	userdel -f "$owner" 2>/dev/null
	userdel -f "$reader" 2>/dev/null
	groupdel "$grp" 2>/dev/null
	rm -rf "$T"
}

# as USER CMD...: run CMD as USER (umask 007, as the man page asks), with
# a home of its own and the pinned environment.
as() {
	local u=$1 h
	shift
	if [ "$u" = "$owner" ]; then h="$T/home-o"; else h="$T/home-r"; fi
	setpriv --reuid="$u" --regid="$grp" --init-groups \
		env HOME="$h" ZHIBU_LOCALEDIR="$ZB_LOCALE" sh -c 'umask 007; exec "$@"' sh "$@"
}

# as_run USER ARGS...: run the program as USER, leaving $out, $err, $rc.
as_run() {
	local u=$1
	shift
	out=$(as "$u" "$ZB" "$@" 2>"$T/stderr")
	rc=$?
	err=$(cat "$T/stderr")
}

# owned_by USER: the files in the shared directory that USER owns.
owned_by() { find "$shared" -mindepth 1 -user "$1" -printf '%f\n' | sort; }
