"""tests/tui/client.py - a model of a secretary's terminal client.

Runs a program on a pseudo-terminal and feeds what it writes into a pyte
screen that behaves like one client: output decoded in the client's
encoding (UTF-8, GB18030 or GBK), East Asian Ambiguous characters drawn one
or two columns wide, cursor-position requests answered from where the
client's cursor really is, keys sent as the terminal description says,
and every byte the program writes counted.

    from client import Client
    with Client([zhibu, "--demo"], "zh_CN.GB18030", "gb18030", 2) as c:
        c.wait("待办提醒")
        c.key("1")
        c.wait("党员花名册")

Needs pyte 0.8 (Debian python3-pyte, for /usr/bin/python3).  pyte has no
REP, so the programs run with TERM=screen; the scrolling sequences `screen`
declares that pyte lacks (SU, SD) are added here, and REP for good measure.

Why not pyte's own width: pyte asks the `wcwidth` package, which draws
ambiguous characters narrow, and pyte does not wrap a wide character at
the last column as xterm and PuTTY do.  Both are modelled below.
"""

import codecs
import errno
import fcntl
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

import pyte
import pyte.screens
from pyte import charsets as cs
from pyte import modes as mo
from wcwidth import wcwidth as _wcwidth

__all__ = ["Client", "AMBIGUOUS", "char_width", "text_width", "key_bytes"]

EAW_FILE = "/usr/share/unicode/EastAsianWidth.txt"


def _load_ambiguous(path=EAW_FILE):
    """The code points whose East Asian Width is A (Ambiguous)."""
    amb = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cps, width = (s.strip() for s in line.split(";", 1))
            if width != "A":
                continue
            lo, _, hi = cps.partition("..")
            amb.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return frozenset(amb)


AMBIGUOUS = _load_ambiguous()


def char_width(ch, ambiguous):
    """Columns CH takes on a client drawing ambiguous characters AMBIGUOUS
    (1 or 2) wide; -1 for control characters."""
    if ord(ch) in AMBIGUOUS:
        return ambiguous
    return _wcwidth(ch)


def text_width(text, ambiguous):
    """Columns TEXT takes on such a client."""
    return sum(max(char_width(ch, ambiguous), 0) for ch in text)


# pyte measures with a module-level wcwidth; the screen being drawn sets
# how wide ambiguous characters are for the duration of its draw() call.
_draw_state = {"ambiguous": 1, "acs": False}


def _pyte_width(ch):
    if ord(ch) in AMBIGUOUS:
        # VT100 line drawing (SO, ESC ( 0) is one cell per byte on every
        # client, whatever the glyph's Unicode width.
        return 1 if _draw_state["acs"] else _draw_state["ambiguous"]
    return _wcwidth(ch)


pyte.screens.wcwidth = _pyte_width


class _Stream(pyte.Stream):
    """pyte's Stream plus the sequences TERM=screen may send that pyte 0.8
    lacks: SU (scroll up), SD (scroll down), REP (repeat)."""
    csi = dict(pyte.Stream.csi, S="scroll_up", T="scroll_down", b="repeat_char")
    events = pyte.Stream.events | frozenset(csi.values())


class _Screen(pyte.Screen):
    """A pyte screen with the client's character widths, xterm's wrapping
    of a wide character at the last column, and a record of autowraps."""

    def __init__(self, columns, lines, ambiguous, vt100_lines=True):
        self.ambiguous = ambiguous
        self.vt100_lines = vt100_lines
        self.wraps = []    # (line, char) each time text wrapped
        self.unhandled = 0  # sequences pyte ignored
        self.last_char = None
        super().__init__(columns, lines)

    def draw(self, data):
        _draw_state["ambiguous"] = self.ambiguous
        charset = self.g1_charset if self.charset else self.g0_charset
        _draw_state["acs"] = charset is cs.VT100_MAP
        draw = super().draw
        for ch in data:
            w = _pyte_width(ch)
            if w > 0 and mo.DECAWM in self.mode:
                edge = self.columns - (w - 1)
                if self.cursor.x >= edge:
                    # Text beyond the right margin: the line wraps.
                    self.wraps.append((self.cursor.y, ch))
                    if self.cursor.x < self.columns:
                        # A wide character in the last column goes to
                        # the next line whole, as xterm and PuTTY do.
                        self.carriage_return()
                        self.linefeed()
            draw(ch)
            if w > 0:
                self.last_char = ch

    # PuTTY in UTF-8 mode (unless "Enable VT100 line drawing even in
    # UTF-8 mode" is ticked), xterm -cjk_width and luit ignore the
    # line-drawing switch: ESC ( 0 and SO leave the letters as they are.
    def define_charset(self, code, mode):
        if self.vt100_lines or code != "0":
            super().define_charset(code, mode)

    def shift_out(self):
        if self.vt100_lines:
            super().shift_out()

    def scroll_up(self, count=None):
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        for _ in range(max(count or 1, 1)):
            for y in range(top, bottom):
                self.buffer[y] = self.buffer[y + 1]
            self.buffer.pop(bottom, None)
        self.dirty.update(range(self.lines))

    def scroll_down(self, count=None):
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        for _ in range(max(count or 1, 1)):
            for y in range(bottom, top, -1):
                self.buffer[y] = self.buffer[y - 1]
            self.buffer.pop(top, None)
        self.dirty.update(range(self.lines))

    def repeat_char(self, count=None):
        if self.last_char is not None:
            self.draw(self.last_char * max(count or 1, 1))

    def report_device_status(self, mode):
        if mode == 6:
            # A cursor waiting to wrap is still in the last column.
            x = min(self.cursor.x, self.columns - 1) + 1
            y = self.cursor.y + 1
            if mo.DECOM in self.mode and self.margins:
                y -= self.margins.top
            self.write_process_input("\033[{0};{1}R".format(y, x))
        else:
            super().report_device_status(mode)

    def debug(self, *args, **kwargs):
        self.unhandled += 1


_term_cache = {}


def _tput(term, cap):
    key = (term, cap)
    if key not in _term_cache:
        try:
            r = subprocess.run(["tput", "-T", term, cap], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, check=False)
            _term_cache[key] = r.stdout.decode("latin-1") if r.returncode == 0 else None
        except OSError:
            _term_cache[key] = None
    return _term_cache[key]


# Key names -> terminfo capability, with what xterm-like clients send when
# the description lacks it.
_KEY_CAPS = {
    "BTab": ("kcbt", "\033[Z"),
    "PgUp": ("kpp", "\033[5~"), "PgDn": ("knp", "\033[6~"),
    "Home": ("khome", "\033[1~"), "End": ("kend", "\033[4~"),
    "Insert": ("kich1", "\033[2~"), "Delete": ("kdch1", "\033[3~"),
    "Backspace": ("kbs", "\177"),
    "F1": ("kf1", "\033OP"), "F2": ("kf2", "\033OQ"), "F3": ("kf3", "\033OR"),
    "F4": ("kf4", "\033OS"), "F5": ("kf5", "\033[15~"), "F6": ("kf6", "\033[17~"),
    "F7": ("kf7", "\033[18~"), "F8": ("kf8", "\033[19~"), "F9": ("kf9", "\033[20~"),
    "F10": ("kf10", "\033[21~"), "F11": ("kf11", "\033[23~"),
    "F12": ("kf12", "\033[24~"),
}
_PLAIN_KEYS = {"Enter": "\r", "Esc": "\033", "Escape": "\033", "Tab": "\t",
               "Space": " "}
_CURSOR_KEYS = {"Up": "A", "Down": "B", "Right": "C", "Left": "D"}
_ALIASES = {"BSpace": "Backspace", "PageUp": "PgUp", "PageDown": "PgDn",
            "NPage": "PgDn", "PPage": "PgUp", "Return": "Enter"}
_DECCKM = 1 << 5  # ESC [ ? 1 h, stored the way pyte stores private modes


def key_bytes(name, term="screen", application=True):
    """The string a client sends for key NAME: "Enter", "Esc", "Tab",
    "BTab", "Up"/"Down"/"Left"/"Right", "PgUp", "PgDn", "Home", "End",
    "F1".."F12", "Backspace", "Delete", "Insert", "C-x" (any Ctrl-letter),
    or a single character.  Cursor keys follow the application-cursor mode
    (ESC O A when APPLICATION, else ESC [ A), as terminals do."""
    name = _ALIASES.get(name, name)
    if name in _PLAIN_KEYS:
        return _PLAIN_KEYS[name]
    if name in _CURSOR_KEYS:
        return ("\033O" if application else "\033[") + _CURSOR_KEYS[name]
    if name in _KEY_CAPS:
        cap, fallback = _KEY_CAPS[name]
        return _tput(term, cap) or fallback
    if (len(name) == 3 and name.startswith("C-")) or (len(name) == 2 and name[0] == "^"):
        ch = name[-1]
        if ch == "?":
            return "\177"
        return chr(ord(ch.upper()) & 0x1f)
    if len(name) == 1:
        return name
    raise ValueError("unknown key name: %r" % name)


class Client:
    """One program running in one modelled client.

    ARGV: the command; LANG: its locale; ENCODING: what the client decodes
    and encodes ('utf-8', 'gb18030', 'gbk'); AMBIGUOUS: 1 or 2 columns for
    East Asian Ambiguous characters; COLS x LINES; TERM; ENV: extra
    environment variables (None values remove one); ANSWER: False for a
    client that never answers cursor-position or attribute requests;
    VT100_LINES: False for a client that ignores the VT100 line-drawing
    switch (PuTTY in UTF-8 mode with its default settings).

    The environment is pinned like tests/lib.sh: HOME and TMPDIR in a
    fresh temporary directory (self.dir), TZ=Asia/Shanghai,
    ZHIBU_TODAY=2026-06-15, ZHIBU_LOCALEDIR from the caller's environment.
    """

    def __init__(self, argv, lang, encoding, ambiguous, cols=80, lines=24,
                 term="screen", env=None, answer=True, vt100_lines=True):
        self.argv = list(argv)
        self.lang = lang
        self.encoding = codecs.lookup(encoding).name
        self.ambiguous = ambiguous
        self.term = term
        self.answer = answer
        self.decode_errors = 0
        self.replies = []       # what the client answered (CPR, DA)
        self._bytes = 0
        self.keep_raw = False   # set to collect every byte in .raw
        self.last_read = 0.0    # time.monotonic() of the last output read
        self.raw = b""
        self._mark = 0
        self._eof = False
        self.status = None

        self.screen = _Screen(cols, lines, ambiguous, vt100_lines)
        self.screen.write_process_input = self._reply
        self.stream = _Stream(self.screen)
        # Honour SO/SI and ESC ( 0: clients draw line graphics that way
        # in every encoding (pyte would ignore them "in UTF-8 mode").
        self.stream.use_utf8 = False
        handler = "zhibu-client-%d" % id(self)
        codecs.register_error(handler, self._count_error)
        self._decoder = codecs.getincrementaldecoder(self.encoding)(handler)

        self.dir = tempfile.mkdtemp(prefix="zhibu-client.")
        home = os.path.join(self.dir, "home")
        tmp = os.path.join(self.dir, "tmp")
        os.mkdir(home)
        os.mkdir(tmp)
        e = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home, "TMPDIR": tmp,
            "TZ": "Asia/Shanghai", "ZHIBU_TODAY": "2026-06-15",
            "LANG": lang, "LANGUAGE": "", "TERM": term,
        }
        for k in ("ZHIBU_LOCALEDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS",
                  "LSAN_OPTIONS"):
            if k in os.environ:
                e[k] = os.environ[k]
        for k, v in (env or {}).items():
            if v is None:
                e.pop(k, None)
            else:
                e[k] = v
        self.env = e

        master, slave = os.openpty()
        self.master = master
        self._set_size(slave, cols, lines)
        try:
            self.proc = subprocess.Popen(
                self.argv, stdin=slave, stdout=slave, stderr=slave,
                env=e, cwd=self.dir, close_fds=True,
                start_new_session=True, preexec_fn=_take_tty)
        finally:
            os.close(slave)
        self.pid = self.proc.pid

    # -- input to the program ------------------------------------------

    def send(self, text):
        """Type TEXT as an input method would: encoded in the client's
        encoding (str), or raw (bytes)."""
        data = text if isinstance(text, bytes) else text.encode(self.encoding)
        self._write(data)

    def key(self, *names):
        """Press keys by name (see key_bytes), one after the other."""
        for name in names:
            app = _DECCKM in self.screen.mode
            self._write(key_bytes(name, self.term, app).encode("latin-1"))

    def _write(self, data):
        while data:
            try:
                n = os.write(self.master, data)
            except OSError as err:
                if err.errno == errno.EINTR:
                    continue
                if err.errno == errno.EIO:
                    return
                raise
            data = data[n:]

    def _reply(self, text):
        self.replies.append(text)
        if self.answer:
            self._write(text.encode(self.encoding))

    # -- output from the program ---------------------------------------

    def _count_error(self, err):
        self.decode_errors += 1
        return ("\ufffd", err.end)

    def pump(self, timeout=0.05):
        """Read what the program wrote within TIMEOUT seconds (returns as
        soon as something arrived) and draw it; returns the byte count."""
        if self._eof:
            return 0
        try:
            r, _, _ = select.select([self.master], [], [], max(timeout, 0))
        except InterruptedError:
            return 0
        if not r:
            return 0
        try:
            data = os.read(self.master, 65536)
        except OSError as err:
            if err.errno != errno.EIO:
                raise
            data = b""
        if not data:
            self._eof = True
            self.stream.feed(self._decoder.decode(b"", final=True))
            return 0
        self._bytes += len(data)
        self.last_read = time.monotonic()
        if self.keep_raw:
            self.raw += data
        self.stream.feed(self._decoder.decode(data))
        return len(data)

    def wait_for(self, predicate, timeout=10):
        """Pump until PREDICATE(self) is true; False after TIMEOUT s."""
        end = time.monotonic() + timeout
        while True:
            if predicate(self):
                return True
            left = end - time.monotonic()
            if left <= 0:
                return bool(predicate(self))
            if self._eof:
                # The screen is final; only the process can still change
                # (it may exit a moment after closing the terminal).
                if not self.alive():
                    return bool(predicate(self))
                time.sleep(min(left, 0.01))
            else:
                self.pump(min(left, 0.05))

    def wait(self, text, timeout=10):
        """Pump until the screen shows TEXT (on one line)."""
        return self.wait_for(lambda c: text in c.screen_text(), timeout)

    def wait_gone(self, text, timeout=10):
        """Pump until the screen no longer shows TEXT."""
        return self.wait_for(lambda c: text not in c.screen_text(), timeout)

    def settle(self, ms=150, timeout=10):
        """Pump until the program has been silent for MS milliseconds;
        returns the bytes read meanwhile."""
        start = self._bytes
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            quiet_until = time.monotonic() + ms / 1000.0
            got = 0
            while time.monotonic() < quiet_until and not self._eof:
                got = self.pump(quiet_until - time.monotonic())
                if got:
                    break
            if not got:
                break
        return self._bytes - start

    # -- byte counts -----------------------------------------------------

    def bytes_total(self):
        """All bytes the program has written so far."""
        return self._bytes

    def mark(self):
        """Remember the byte count (and forget recorded wraps)."""
        self._mark = self._bytes
        self.screen.wraps = []

    def bytes_since_mark(self):
        return self._bytes - self._mark

    def measure(self, *keys, ms=150):
        """Settle, press KEYS, settle: the bytes written in answer."""
        self.settle(ms)
        self.mark()
        self.key(*keys)
        self.settle(ms)
        return self.bytes_since_mark()

    # -- what the client shows -------------------------------------------

    def cells(self, y):
        """Line Y as [(x, char)] for every cell that starts a character
        (a wide character's second cell is left out)."""
        line = self.screen.buffer[y]
        out = []
        for x in range(self.screen.columns):
            ch = line[x].data
            if ch != "":
                out.append((x, ch))
        return out

    def line(self, y):
        """Line Y as text, each wide character once."""
        return "".join(ch for _, ch in self.cells(y))

    def screen_lines(self):
        return [self.line(y) for y in range(self.screen.lines)]

    def screen_text(self):
        return "\n".join(self.screen_lines())

    def find(self, text):
        """(line, column) where TEXT starts on the screen, or None."""
        for y in range(self.screen.lines):
            x = self.col_of(y, text)
            if x is not None:
                return (y, x)
        return None

    def col_of(self, y, text):
        """The screen column where TEXT starts on line Y, or None."""
        cells = self.cells(y)
        s = "".join(ch for _, ch in cells)
        i = s.find(text)
        if i < 0:
            return None
        # Cells may hold combined characters: walk to the i-th code point.
        n = 0
        for x, ch in cells:
            if n == i:
                return x
            n += len(ch)
            if n > i:
                return x
        return None

    def tokens(self, y):
        """Runs of non-blank cells on line Y: [(start, end, text)], END
        exclusive (a wide character counts both its cells)."""
        out = []
        cur = None
        line = self.screen.buffer[y]
        for x in range(self.screen.columns):
            ch = line[x].data
            if ch == "":
                if cur:
                    cur[1] = x + 1
                continue
            if ch.strip():
                if cur is None:
                    cur = [x, x + 1, ch]
                else:
                    cur[1] = x + 1
                    cur[2] += ch
            elif cur is not None:
                out.append(tuple(cur))
                cur = None
        if cur is not None:
            out.append(tuple(cur))
        return out

    def cursor(self):
        """(line, column) of the client's cursor."""
        return (self.screen.cursor.y, self.screen.cursor.x)

    def replacement_chars(self):
        """[(line, column)] of every U+FFFD on the screen."""
        return [(y, x) for y in range(self.screen.lines)
                for x, ch in self.cells(y) if "\ufffd" in ch]

    def garbage(self):
        """Why the screen is garbled ('' when it is not): decoding errors
        so far, U+FFFD on the screen."""
        why = []
        if self.decode_errors:
            why.append("%d decoding errors" % self.decode_errors)
        rc = self.replacement_chars()
        if rc:
            why.append("U+FFFD at %s" % ", ".join("%d:%d" % p for p in rc[:5]))
        return "; ".join(why)

    @property
    def wraps(self):
        """[(line, char)]: each time text ran past the right margin since
        the last mark(); a screen that fits has none."""
        return self.screen.wraps

    def dump(self, prefix="#   | "):
        """The screen as comment lines for a TAP diagnostic."""
        return "\n".join(prefix + l.rstrip() for l in self.screen_lines())

    # -- size and life ---------------------------------------------------

    @staticmethod
    def _set_size(fd, cols, lines):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, cols, 0, 0))

    def resize(self, cols, lines):
        """Resize the client window: the model first, then the pty, whose
        driver sends SIGWINCH to the foreground process group."""
        self.screen.resize(lines, cols)
        self._set_size(self.master, cols, lines)

    def alive(self):
        return self.proc.poll() is None

    def close(self, keys=("Esc", "q"), timeout=5):
        """End the program: press KEYS (default Esc, q) until it exits,
        then SIGTERM, then SIGKILL.  Returns its exit status (negative:
        the signal that ended it)."""
        end = time.monotonic() + timeout
        while keys and self.alive() and time.monotonic() < end:
            for k in keys:
                if not self.alive():
                    break
                self.key(k)
                self.wait_for(lambda c: not c.alive(), 0.3)
        for sig, grace in ((signal.SIGTERM, 1.0), (signal.SIGKILL, 5.0)):
            if not self.alive():
                break
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass
            self.wait_for(lambda c: not c.alive(), grace)
        self.status = self.proc.wait()
        while self.pump(0.01):
            pass
        try:
            os.close(self.master)
        except OSError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
        return self.status

    def wait_exit(self, timeout=10):
        """Pump until the program exits; its status, or None."""
        if not self.wait_for(lambda c: not c.alive(), timeout):
            return None
        return self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.status is None:
            self.close()


def _take_tty():
    # The new session's controlling terminal is the pty on stdin.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


if __name__ == "__main__":
    # python3 client.py LANG ENCODING AMBIGUOUS CMD...: run CMD, print its
    # first screen.
    lang, enc, amb = sys.argv[1:4]
    with Client(sys.argv[4:], lang, enc, int(amb)) as c:
        c.settle(300)
        print(c.screen_text())
        print("bytes:", c.bytes_total(), "garbage:", c.garbage() or "none",
              "wraps:", c.wraps)
