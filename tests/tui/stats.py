#!/usr/bin/python3
"""tests/tui/stats.py - 党员统计 in the clients of clients.py: a GB18030
client drawing ambiguous characters wide (the notes' “ ” among them) and
a UTF-8 one drawing them narrow.  The two tables line up (every count and
share ends in one column on each side), nothing runs past the right
margin, no garbage, to the last line of the notes.  Prints TAP."""

import os
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402
from tap import ok  # noqa: E402

ZHIBU, Client = tap.start("stats.py")

MODELS = [
    ("gb18030", "zh_CN.GB18030", "gb18030", 2),
    ("utf-8/1", "zh_CN.UTF-8", "utf-8", 1),
]


def share_ends(c, y):
    """The columns where the shares (12.3%) of line Y end: [left, right]."""
    return [end for start, end, word in c.tokens(y) if word.endswith("%")]


def clean(c, t, what):
    c.settle()
    ok(not c.garbage(), t + what + ": no garbage", c.garbage() + "\n" + c.dump("  | "))
    ok(not c.wraps, t + what + ": nothing runs past the right margin",
       "wrapped at %r\n%s" % (c.wraps[:5], c.dump("  | ")))


def run(label, lang, encoding, amb):
    t = label + ": "
    c = Client([ZHIBU, "--demo"], lang, encoding, amb)
    try:
        ok(c.wait("待办提醒"), t + "the start screen", c.dump("  | "))
        c.key("5")
        ok(c.wait("党员统计"), t + "5 offers 党员统计", c.dump("  | "))
        c.key("Down", "Enter")
        ok(c.wait("统计日期 2026-06-15（今天）"), t + "党员统计 counts on today",
           c.dump("  | "))
        c.mark()
        clean(c, t, "the tables")
        ends = {}
        for y in range(2, c.screen.lines - 2):
            for i, x in enumerate(share_ends(c, y)):
                side = 0 if x < c.screen.columns // 2 else 1
                ends.setdefault(side, set()).add(x)
        ok(len(ends) == 2 and all(len(v) == 1 for v in ends.values()),
           t + "the shares of each table end in one column",
           "share ends %r\n%s" % (ends, c.dump("  | ")))
        bottom = c.line(c.screen.lines - 1).rstrip()
        ok(bottom.startswith(" d 日期") and bottom.endswith("F1/? 帮助"),
           t + "the key hints are whole", repr(bottom))
        c.key("End")
        ok(c.wait("光荣在党50年"), t + "End shows the notes", c.dump("  | "))
        clean(c, t, "the notes")
        c.key("q")
        ok(c.wait("│党员统计"), t + "q goes back to 台帐报表", c.dump("  | "))
        c.key("Esc")
        ok(c.wait("待办提醒"), t + "Esc to the start screen", c.dump("  | "))
        c.key("q")
        ok(c.wait_exit(5) == 0, t + "q quits")
    finally:
        if c.status is None:
            c.close()


for model in MODELS:
    run(*model)
sys.exit(tap.done())
