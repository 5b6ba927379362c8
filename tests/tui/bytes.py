#!/usr/bin/python3
"""tests/tui/bytes.py - bytes zhibu writes to each client for the common
actions: what a slow SSH link pays.

For each client model of clients.py: (a) the whole start screen, from
start-up (the width probe included); (b) the first roster screen; (c) a
one-line scroll (Down past the bottom of the list, 20 times: median and
max); (d) a cursor move within the screen (Down above the bottom: median
and max; it must not repaint); (e) one page down (PgDn).

    ZHIBU=./zhibu ZHIBU_LOCALEDIR=po/build /usr/bin/python3 tests/tui/bytes.py
    BIG_DB=/path/100k.db ...     # measure on that database (a copy of it)

Prints a table.  The exit status is not a verdict on the figures: it is 1
only when the measurement itself went wrong (a screen never came, Down did
not move or scroll the list).
"""

import os
import shutil
import statistics
import sys
import tempfile

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client  # noqa: E402

MODELS = [
    ("gb18030", "zh_CN.GB18030", "gb18030", 2),
    ("gbk", "zh_CN.GBK", "gbk", 2),
    ("utf-8/1", "zh_CN.UTF-8", "utf-8", 1),
    ("utf-8/2", "zh_CN.UTF-8", "utf-8", 2),
]
SCROLLS = 20
SETTLE_MS = int(os.environ.get("SETTLE_MS", "150"))

problems = []


def selected_row(c):
    """The list row shown highlighted (the selection), or None."""
    for y in range(3, c.screen.lines - 2):
        cell = c.screen.buffer[y][1]
        if cell.reverse or cell.bg != "default":
            return y
    return None


def press(c, key):
    """Bytes written in answer to KEY (the screen is settled before)."""
    c.mark()
    c.key(key)
    c.settle(SETTLE_MS)
    return c.bytes_since_mark()


def top_row(c):
    """The first list row's text, without the selection margin in column 0."""
    return c.line(3)[1:]


def measure_model(label, lang, encoding, amb, big_db):
    argv = [os.environ["ZHIBU"]]
    tmp = None
    if big_db:
        # A copy: zhibu may write to it (migrations, the audit log).
        tmp = tempfile.mkdtemp(prefix="zhibu-bytes.")
        db = os.path.join(tmp, "big.db")
        shutil.copyfile(big_db, db)
        if os.path.exists(big_db + "-wal"):
            shutil.copyfile(big_db + "-wal", db + "-wal")
        argv += ["--db", db]
    else:
        argv += ["--demo"]
    c = Client(argv, lang, encoding, amb)
    row = {"model": label}
    try:
        if not c.wait("待办提醒", 30):
            problems.append("%s: no start screen" % label)
            return row
        c.settle(SETTLE_MS)
        row["start"] = c.bytes_total()

        c.mark()
        c.key("1")
        if not c.wait("按姓氏笔画", 30):
            problems.append("%s: no roster" % label)
            return row
        c.settle(SETTLE_MS)
        row["roster"] = c.bytes_since_mark()

        # Cursor moves within the screen, down to the last visible row.
        moves = []
        while True:
            y = selected_row(c)
            if y is None:
                problems.append("%s: no selected row" % label)
                return row
            before = top_row(c)
            n = press(c, "Down")
            if top_row(c) != before:
                break           # that Down scrolled: the bottom was reached
            if selected_row(c) != y + 1:
                problems.append("%s: Down did not move the selection" % label)
                return row
            moves.append(n)
        first_scroll = n

        scrolls = [first_scroll]
        while len(scrolls) < SCROLLS:
            before = top_row(c)
            n = press(c, "Down")
            if top_row(c) == before:
                break           # the end of the list
            scrolls.append(n)
        if len(scrolls) < SCROLLS:
            problems.append("%s: only %d scrolls (list too short)" % (label, len(scrolls)))
        row["move"] = moves
        row["scroll"] = scrolls

        c.key("Home")
        c.wait_for(lambda cl: selected_row(cl) == 3, 5)
        before = top_row(c)
        c.settle(SETTLE_MS)
        row["page"] = press(c, "PgDn")
        if top_row(c) == before:
            problems.append("%s: PgDn did not page" % label)
        row["wraps"] = len(c.wraps)
        row["garbage"] = c.garbage()
    finally:
        c.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return row


def fmt(v):
    if isinstance(v, list):
        if not v:
            return "-"
        return "%d/%d" % (statistics.median(v), max(v))
    return "-" if v is None else str(v)


def main():
    if not os.environ.get("ZHIBU"):
        sys.exit("bytes.py: set ZHIBU to the binary to measure")
    big = os.environ.get("BIG_DB")
    if big and not os.path.exists(big):
        sys.exit("bytes.py: BIG_DB %s does not exist" % big)
    only = [s for s in os.environ.get("CLIENTS", "").split(",") if s]
    rows = [measure_model(*m, big_db=big) for m in MODELS if not only or m[0] in only]

    print("zhibu bytes written, 80x24, TERM=screen, %s; settle %d ms"
          % ("database " + os.path.basename(big) if big else "--demo", SETTLE_MS))
    print("(move, scroll: median/max over the presses)")
    head = ("client", "start", "roster", "move", "scroll", "pgdn")
    print("%-9s %7s %7s %9s %9s %7s" % head)
    for r in rows:
        print("%-9s %7s %7s %9s %9s %7s" % (
            r["model"], fmt(r.get("start")), fmt(r.get("roster")),
            fmt(r.get("move")), fmt(r.get("scroll")), fmt(r.get("page"))))
    for r in rows:
        roster = r.get("roster") or 0
        moves = r.get("move") or []
        if roster and moves and max(moves) > roster / 4:
            print("# %s: a cursor move wrote %d bytes, a quarter of a full screen is %d:"
                  " a repaint?" % (r["model"], max(moves), roster // 4))
        if r.get("wraps"):
            print("# %s: text wrapped %d times" % (r["model"], r["wraps"]))
        if r.get("garbage"):
            print("# %s: %s" % (r["model"], r["garbage"]))
    for p in problems:
        print("# measurement failed: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
