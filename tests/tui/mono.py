#!/usr/bin/python3
"""mono.py - monochrome terminals and NO_COLOR: no colour is ever sent, the
selection and headers still show (reverse, bold); with colours allowed they
are sent (so the check can fail).  Prints TAP."""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
import tap  # noqa: E402
from tap import ok  # noqa: E402

ZHIBU, Client = tap.start("mono.py")

# SGR parameters that set a colour: 30-37, 39, 40-47, 49, 38;..., 48;..., 90-107
COLOUR = re.compile(rb"\x1b\[([0-9;]*)m")


def colours(raw):
    found = []
    for m in COLOUR.finditer(raw):
        for p in m.group(1).split(b";"):
            if p and (30 <= int(p) <= 49 or 90 <= int(p) <= 107):
                found.append(m.group(0))
                break
    return found


def run(term, env, key, text, look):
    """The demo's roster under TERM and ENV, KEY pressed there until TEXT
    shows; LOOK(c) is what is seen then.  Returns what the program wrote
    and that."""
    c = Client([ZHIBU, "--demo"], "zh_CN.UTF-8", "utf-8", 1, term=term, env=env)
    c.keep_raw = True
    try:
        c.wait("待办提醒")
        c.key("1")
        c.wait("按姓氏笔画")
        c.key(key)
        c.wait(text)
        c.settle(150)
        seen = look(c)
    finally:
        c.close()
    return c.raw, seen


def marks(c):
    """The selection in reverse, the column headers in bold."""
    return c.screen.buffer[4][1].reverse, c.screen.buffer[2][1].bold


def boxes(c):
    """The lines with a box's + and - corners and edges."""
    return [line for line in c.screen_lines() if "+" in line and "-" in line]


raw, (sel, head) = run("xterm-256color", {}, "Down", "按姓氏笔画", marks)
ok(colours(raw), "xterm-256color: colours are used")
raw, (sel, head) = run("xterm-256color", {"NO_COLOR": "1"}, "Down", "按姓氏笔画", marks)
ok(not colours(raw), "NO_COLOR: no colour sequence is sent (%s)" % colours(raw)[:3])
ok(sel, "NO_COLOR: the selection is shown in reverse")
ok(head, "NO_COLOR: column headers in bold")
raw, (sel, head) = run("vt100", {}, "Down", "按姓氏笔画", marks)
ok(not colours(raw), "vt100 (monochrome): no colour sequence is sent")
ok(sel, "vt100: the selection is shown in reverse")
# Boxes drawn with - | + when asked (terminals without line drawing).
raw, box = run("screen", {"ZHIBU_LINES": "ascii"}, "s", "按拼音", boxes)
ok(len(box) == 2, "ZHIBU_LINES=ascii: the choice box has + and - corners and edges")
ok(b"\x1b(0" not in raw and b"\x0e" not in raw,
   "ZHIBU_LINES=ascii: no line-drawing character set is switched on")

sys.exit(tap.done())
