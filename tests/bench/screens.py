#!/usr/bin/python3
"""screens.py - times the screens of a large branch through a pty, as a
terminal sees them: start to the complete first screen, the roster's first
screen, each key of an incremental search up to the updated screen, and
the peak memory of the process.  A figure is the time from the key to the
last byte of the screen's answer (quiet for SETTLE ms after it).

Usage: ZHIBU=... screens.py DB   Prints "name value unit" lines."""

import os
import statistics
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tui"))
from client import Client  # noqa: E402

# Shorter than the 120 ms pause after which the list counts its rows: a
# key's figure is up to the updated list; the count follows.
SETTLE = 0.08


def answer(c, send, expect):
    """Seconds from SEND() to the last byte of the screen's answer, once
    the screen shows EXPECT."""
    c.settle(int(SETTLE * 1000))
    t0 = time.monotonic()
    c.last_read = 0.0
    send()
    if not c.wait(expect, 30):
        raise SystemExit("no answer showing %r" % expect)
    c.settle(int(SETTLE * 1000))
    return max(0.0, c.last_read - t0)


def vm_hwm(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    db = sys.argv[1]
    runs = int(os.environ.get("RUNS", "5"))
    starts, rosters, keys = [], [], []
    hwm = 0
    for _ in range(runs):
        t0 = time.monotonic()
        c = Client([os.environ["ZHIBU"], "--db", db], "zh_CN.UTF-8", "utf-8", 1)
        try:
            c.wait("待办提醒", 30)
            c.settle(int(SETTLE * 1000))
            starts.append(c.last_read - t0)
            rosters.append(answer(c, lambda: c.key("1"), "按姓氏笔画"))
            c.key("/")
            c.settle(int(SETTLE * 1000))
            typed = ""
            for text in ("z", "s", "f", "王", "秀", "1", "2", "3", "4"):
                typed += text
                keys.append(answer(c, lambda t=text: c.send(t), "/" + typed))
                # back to an empty search after each word
                if text in ("f", "秀"):
                    for _k in range(len(typed)):
                        c.key("Backspace")
                    typed = ""
                    c.settle(int(SETTLE * 1000))
            c.key("Esc")
            for _k in range(30):
                c.key("PgDn")
            c.key("End")
            c.settle(int(SETTLE * 1000))
            hwm = max(hwm, vm_hwm(c.pid))
        finally:
            c.close()
    print("start_to_first_screen_ms %.1f (median of %d; min %.1f max %.1f)" % (
        statistics.median(starts) * 1e3, len(starts), min(starts) * 1e3, max(starts) * 1e3))
    print("roster_first_screen_ms %.1f (median; max %.1f)" % (
        statistics.median(rosters) * 1e3, max(rosters) * 1e3))
    print("search_key_ms median %.1f worst %.1f (%d keys)" % (
        statistics.median(keys) * 1e3, max(keys) * 1e3, len(keys)))
    print("peak_rss_kb %d (browsing, searching, paging)" % hwm)


main()
