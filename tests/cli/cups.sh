#!/bin/sh
# zhibu report roster --print through a real print system: a cupsd of the
# test's own (its own directories and socket) with a cups-pdf queue, the
# stock Debian filters between them.  What comes out of the queue is a
# PDF made again by the print system; every member of the demo branch
# must be on it, 张香𡈼 of Extension B included.
#
# cups-pdf writes only under a cupsd run as root: not root, the test is
# skipped (visibly).  As root (as .ci/run is) cups and cups-pdf are what
# tools/install-deps installs: missing, the test fails.
. "$top_srcdir/tests/lib.sh"

cd "$T" || exit 1
if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP cupsd with cups-pdf needs root (.ci/run runs as root)"
	exit 0
fi
for f in /usr/sbin/cupsd /usr/lib/cups/backend/cups-pdf \
	/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd; do
	if [ ! -e "$f" ]; then
		ok 1 "$f is installed (cups, printer-driver-cups-pdf: tools/install-deps)"
		done_testing
		exit 1
	fi
done
for tool in lp lpadmin lpstat pdftotext; do
	if ! command -v $tool >/dev/null; then
		ok 1 "$tool is installed (tools/install-deps)"
		done_testing
		exit 1
	fi
done

# The print system: everything under $T/cups, talked to by its socket.
c="$T/cups"
mkdir -p "$c/etc/ppd" "$c/spool" "$c/tmp" "$c/cache" "$c/state" "$c/log" "$T/out"
chmod 755 "$T" "$c" "$T/out"
chmod 1777 "$c/tmp"
cat > "$c/etc/cupsd.conf" <<EOF
Listen $c/cups.sock
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
PreserveJobFiles Yes
DirtyCleanInterval 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
EOF
cat > "$c/etc/cups-files.conf" <<EOF
ServerRoot $c/etc
RequestRoot $c/spool
TempDir $c/tmp
CacheDir $c/cache
StateDir $c/state
AccessLog $c/log/access_log
ErrorLog $c/log/error_log
PageLog $c/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
SystemGroup root
EOF
# cups-pdf reads cups-pdf-QUEUE.conf: its output goes under $T/out
queue=zhibutest$$
printf 'Out %s\nAnonDirName %s\nLog %s\nLabel 0\n' "$T/out" "$T/out" "$c/log" \
	> "$c/etc/cups-pdf-$queue.conf"
cp "$c/etc/cups-pdf-$queue.conf" "/etc/cups/cups-pdf-$queue.conf"
/usr/sbin/cupsd -f -c "$c/etc/cupsd.conf" -s "$c/etc/cups-files.conf" &
cupsd=$!
trap 'kill $cupsd 2>/dev/null; wait $cupsd 2>/dev/null; rm -f "/etc/cups/cups-pdf-$queue.conf"; rm -rf "$T"' EXIT
export CUPS_SERVER="$c/cups.sock"

# wait for it to answer (no time is measured: a bound on the tries)
i=0
until lpstat -r 2>/dev/null | grep -q "is running"; do
	i=$((i + 1))
	[ $i -lt 300 ] || break
	sleep 0.1
done
lpstat -r 2>/dev/null | grep -q "is running"
ok $? "our own cupsd is running"
lpadmin -p "$queue" -v "cups-pdf:/$queue" -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd &&
	lpadmin -d "$queue"
ok $? "a cups-pdf queue, the default"

"$top_builddir/tests/tools/demodb" d.db 幸福里社区第一党支部
sql d.db "SELECT name FROM members WHERE status IN ('在册', '流出') ORDER BY id;" > names.txt
is "$(wc -l < names.txt)" 59 "the demo branch: 59 current members"

run report --db d.db roster --print
is "$rc" 0 "report roster --print"
like "$out" "request id is $queue-[0-9]+" "lp took the job"

# the queue's PDF appears when the job is done
i=0
until [ -n "$(find "$T/out" -name '*.pdf' -size +1k 2>/dev/null)" ] &&
	! lpstat -o "$queue" 2>/dev/null | grep -q .; do
	i=$((i + 1))
	[ $i -lt 600 ] || break
	sleep 0.1
done
printed=$(find "$T/out" -name '*.pdf' | head -1)
ok $([ -n "$printed" ]; echo $?) "cups-pdf printed it${printed:+: ${printed#$T/}}"
if [ -z "$printed" ]; then
	sed 's/^/# /' "$c/log/error_log" | tail -30
fi
# What the print server took from lp: the PDF zhibu makes, as a PDF
# (CUPS keeps the job's document: PreserveJobFiles).
doc=$(find "$c/spool" -name 'd*-001' | head -1)
"$ZHIBU" report --db d.db roster -o r.pdf >/dev/null
cmp -s "$doc" r.pdf
ok $? "the server got the PDF report -o r.pdf writes"
# the job's attributes, in its control file
job=$(find "$c/spool" -name 'c[0-9]*' | head -1)
grep -aq "document-format-supplied.*application/pdf" "$job"
ok $? "as application/pdf"
grep -aq "job-name.*党员花名册" "$job"
ok $? "titled 党员花名册"
pdftotext "$doc" - 2>/dev/null | tr -d ' ' > sent.txt
missing=$(while read -r name; do grep -qF "$name" sent.txt || echo "$name"; done < names.txt)
is "$missing" "" "every member is in the job"
grep -qF "张香𡈼" sent.txt
ok $? "张香𡈼 too (U+2123C)"

# What came out of the queue: CUPS turns the PDF into PostScript for
# cups-pdf (a PostScript printer) and Ghostscript makes a PDF of it again
# with the glyphs as outlines: no text is left to read back, so its pages
# are counted and their ink compared with zhibu's own.
is "$(pdfinfo "$printed" 2>/dev/null | awk '/^Pages:/ { print $2 }')" \
	"$(pdfinfo r.pdf | awk '/^Pages:/ { print $2 }')" "the printed PDF has every page"
# ink FILE PAGE: dark pixels per thousand on page PAGE
ink() {
	pdftoppm -gray -r 60 -f "$2" -l "$2" "$1" page &&
	python3 - page*.pgm <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
# binary PGM: P5, width, height, maxval, then the pixels
parts = data.split(None, 4)
w, h = int(parts[1]), int(parts[2])
px = parts[4][-w * h:]
print(sum(1 for b in px if b < 200) * 1000 // (w * h))
PY
	rm -f page*.pgm
}
mine=$(ink r.pdf 1)
theirs=$(ink "$printed" 1)
ok $([ "$theirs" -gt $((mine / 2)) ] && [ "$theirs" -lt $((mine * 2 + 10)) ]; echo $?) \
	"its first page carries as much ink as zhibu's ($theirs and $mine dark pixels per thousand)"
done_testing
