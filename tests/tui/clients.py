#!/usr/bin/python3
"""tests/tui/clients.py - every terminal the secretaries have.

zhibu --demo driven through a pseudo-terminal into a model of each client
(client.py): a GBK/GB18030 client (PuTTY, Xshell, SecureCRT set to GBK:
ambiguous characters wide), a UTF-8 emulator drawing them narrow, and
PuTTY in UTF-8 with "treat CJK ambiguous characters as wide".  On every
screen: nothing runs past the right margin, list columns line up under
their headers, no garbage, Chinese typed through an input method arrives.

Run by make check with ZHIBU, ZHIBU_LOCALEDIR, top_srcdir set; needs pyte
(Debian python3-pyte), hence /usr/bin/python3:

    ZHIBU=./zhibu ZHIBU_LOCALEDIR=po/build /usr/bin/python3 tests/tui/clients.py

Set CLIENTS=gbk,utf-8/2 (labels below) to run some models only.
"""

import contextlib
import glob
import os
import sqlite3
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402
from tap import ok, is_, waited  # noqa: E402

ZHIBU, Client = tap.start("clients.py")
from client import text_width  # noqa: E402

# label, LANG, client encoding, ambiguous width, answers cursor requests
MODELS = [
    ("gb18030", "zh_CN.GB18030", "gb18030", 2, True),
    ("gbk", "zh_CN.GBK", "gbk", 2, True),
    ("utf-8/1", "zh_CN.UTF-8", "utf-8", 1, True),
    ("utf-8/2", "zh_CN.UTF-8", "utf-8", 2, True),
    # A client that keeps quiet: the codeset's default must do.
    ("gb18030/silent", "zh_CN.GB18030", "gb18030", 2, False),
]

BRANCH = "幸福里社区第一党支部"
STATUSES = {"在册", "流出", "转出", "停止党籍", "去世"}
PLACEHOLDER = "\u3013"          # 〓, for characters the codeset lacks
RARE = "张香\U0002123C"          # a demo member: 𡈼 is in Extension B
DOT_NAME = "阿依古丽·买买提"     # own name · father's name; · is ambiguous


def fake_id(first17):
    """A fake ID number with its GB 11643 check character."""
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(d) * k for d, k in zip(first17, w))
    return first17 + "10X98765432"[s % 11]


# -- checks shared by every screen ---------------------------------------

def check_screen(c, what, hint):
    """The screen is clean: no garbage, nothing wrapped since the last
    mark(), the key hints whole on the bottom row."""
    c.settle()
    ok(not c.garbage(), "%s: no garbage" % what, c.garbage() + "\n" + c.dump("  | "))
    ok(not c.wraps, "%s: nothing runs past the right margin" % what,
       "wrapped at %s\n%s" % (", ".join("line %d before %r" % w for w in c.wraps[:5]),
                             c.dump("  | ")))
    bottom = c.line(c.screen.lines - 1).rstrip()
    ok(bottom.startswith(hint[0]) and bottom.endswith(hint[1]),
       "%s: the key hints are whole on the bottom row" % what,
       "  got: %r\n want: %r ... %r" % (bottom, hint[0], hint[1]))


def columns_of(c, y):
    """The columns of a list from its header row: [(start, end, word)]."""
    return c.tokens(y)


def misaligned(c, header_y, rows):
    """Why the cells of ROWS do not sit under the header (a list of
    strings; empty when they do).  A value starts where its header starts,
    a number may instead end where its header ends; each value leaves a
    blank column before the next one, and the last column of the screen
    stays blank."""
    cols = columns_of(c, header_y)
    starts = [s for s, _, _ in cols] + [c.screen.columns]
    bad = []
    for y in rows:
        seen = set()
        for start, end, text in c.tokens(y):
            i = max((k for k in range(len(cols)) if cols[k][0] <= start), default=None)
            if i is None:
                bad.append("line %d: %r at column %d, left of every column"
                           % (y, text, start))
                continue
            hs, he, hw = cols[i]
            if not (start == hs or (text.isdigit() and end == he)) or i in seen:
                bad.append("line %d: %r at column %d, its header %r at %d"
                           % (y, text, start, hw, hs))
            elif end > starts[i + 1] - 1 or end > c.screen.columns - 1:
                bad.append("line %d: %r ends at column %d, into the next column"
                           % (y, text, end))
            seen.add(i)
    return bad


def check_list(c, what, header_y=2, min_rows=1):
    """The roster's rows: every value under its header, a status whole in
    the last column."""
    rows = [y for y in range(header_y + 1, c.screen.lines - 2) if c.tokens(y)]
    rows = [y for y in rows if not c.line(y).startswith("/")]
    ok(len(rows) >= min_rows, "%s: %d rows listed" % (what, len(rows)), c.dump("  | "))
    bad = misaligned(c, header_y, rows)
    ok(not bad, "%s: every column starts under its header" % what,
       "\n".join(bad[:8]) + "\n" + c.dump("  | "))
    last = columns_of(c, header_y)[-1][0]
    wrong = [c.line(y) for y in rows
             if "".join(t for s, _, t in c.tokens(y) if s >= last) not in STATUSES]
    ok(not wrong, "%s: each row ends with its whole status" % what,
       "\n".join("  %r" % l.rstrip() for l in wrong[:5]))
    return rows


def check_help(c, what):
    """A help page: the keys' descriptions start in one column."""
    y0 = c.find("按键：")
    starts = {}
    if y0:
        for y in range(y0[0] + 1, c.screen.lines - 1):
            toks = [t for t in c.tokens(y) if not t[2].isascii()]
            if toks:
                starts.setdefault(toks[0][0], []).append(y)
    ok(len(starts) == 1, "%s: the descriptions line up" % what,
       "description columns: %r\n%s" % (starts, c.dump("  | ")))


def go(c, key, text, what):
    """KEY, once the screen is quiet, brings a screen with TEXT (a test
    point WHAT); what was written before it is not checked for wraps."""
    c.settle()
    c.mark()
    c.key(key)
    return waited(c, text, what)


def help_page(c, t, page, show, leave):
    """SHOW = (key, text, what): the key shows the help PAGE with the text
    on it, a clean screen whose descriptions line up; LEAVE = (text, what):
    q goes back to a screen with that text.  T prefixes every point."""
    key, text, shown = show
    c.settle()
    c.mark()
    c.key(key)
    if waited(c, text, t + shown):
        check_screen(c, t + page, (" Down 下移", "q 返回"))
        check_help(c, t + page)
    c.key("q")
    waited(c, leave[0], t + leave[1])


def check_fields(c, what, first, last):
    """A form or details page: labels end in one column, values start in
    one column."""
    label_ends, value_starts = set(), set()
    for y in range(first, last + 1):
        toks = c.tokens(y)
        if not toks:
            continue
        label_ends.add(toks[0][1])
        if len(toks) > 1:
            value_starts.add(toks[1][0])
    ok(len(label_ends) == 1 and len(value_starts) <= 1,
       "%s: labels and values each in one column" % what,
       "label ends %r, value starts %r\n%s" % (sorted(label_ends),
                                               sorted(value_starts), c.dump("  | ")))


def demo_db(c):
    found = glob.glob(os.path.join(c.dir, "tmp", "zhibu-demo.*", "*.db"))
    return found[0] if found else None


def count_named(c, part):
    """The independent witness: current members whose name has PART."""
    path = demo_db(c)
    if not path:
        return None
    con = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        return con.execute("SELECT count(*) FROM members WHERE instr(name, ?) > 0 "
                           "AND status IN ('在册', '流出')", (part,)).fetchone()[0]
    finally:
        con.close()


# -- the models themselves ---------------------------------------------------

def shown(script, encoding, amb, vt100_lines=True):
    """A client showing what the shell command SCRIPT prints."""
    c = Client(["sh", "-c", script + "; exec sleep 30"], "C.UTF-8", encoding, amb,
               vt100_lines=vt100_lines)
    c.wait_for(lambda cl: cl.bytes_total() > 0)
    c.settle(100)
    c.close(keys=())
    return c


def check_models():
    """The client models behave as the clients do; else nothing below
    means anything."""
    probe = r"printf '\r\342\200\234\033[6n'"
    is_(shown(probe, "utf-8", 2).replies, ["\033[1;3R"],
        "model: a UTF-8 client with wide ambiguous characters puts “ in 2 columns")
    is_(shown(probe, "utf-8", 1).replies, ["\033[1;2R"],
        "model: a UTF-8 client with narrow ones, in 1")
    is_(shown(r"printf '\r\241\260\033[6n'", "gbk", 2).replies, ["\033[1;3R"],
        "model: a GBK client puts “ (A1 B0) in 2 columns")
    c = shown(r"printf '\033)0\016qx\017\342\224\200|\033[6n'", "utf-8", 2)
    is_((c.line(0)[:4], c.replies), ("─│─|", ["\033[1;6R"]),
        "model: VT100 line drawing is narrow, Unicode ─ wide there")
    c = shown(r"printf '\033(0lqk\033(B \016x\017'", "utf-8", 1, vt100_lines=False)
    is_(c.line(0)[:5], "lqk x",
        "model: PuTTY in UTF-8 mode ignores VT100 line drawing")
    c = shown(r"printf '\033[1;80H\345\274\240'", "utf-8", 1)
    is_((c.wraps, c.cells(1)[0]), ([(0, "张")], (0, "张")),
        "model: a wide character at the last column wraps, and is seen to")
    c = shown(r"printf '\225\065\333\064'", "gbk", 2)
    ok(c.decode_errors > 0 and c.replacement_chars(),
       "model: a GB18030 four-byte sequence is garbage to a GBK client", c.garbage())
    c = shown(r"printf 'a\r\nb\r\nc\033[S'", "utf-8", 1)
    is_((c.line(0)[0], c.line(1)[0]), ("b", "c"), "model: SU scrolls up")


# -- one client model ------------------------------------------------------

def run_model(label, lang, encoding, amb, answer):
    t = "%s: " % label
    gbk = encoding == "gbk"
    c = Client([ZHIBU, "--demo"], lang, encoding, amb, answer=answer)
    try:
        run_screens(c, t, gbk, amb)
    except Exception as err:    # a broken screen must not stop the others
        ok(False, t + "the run went through", "%s: %s\n%s"
           % (type(err).__name__, err, c.dump("  | ")))
    finally:
        if c.status is None:
            c.close()


def run_screens(c, t, gbk, amb):
    # The start screen with its dashboard.
    if not waited(c, "待办提醒", t + "the start screen"):
        return
    c.settle()
    ok(BRANCH in c.line(0) and "首页" in c.line(0), t + "the title names the branch",
       c.dump("  | "))
    ok("1  党员花名册" in c.screen_text(), t + "the menu has the roster under 1")
    check_screen(c, t + "start screen", (" Enter 打开", "F1/? 帮助"))
    replies = [r for r in c.replies if r.endswith("R")]
    ok(any(r.endswith(";%dR" % (amb + 1)) for r in replies),
       t + "the program asked where “ left the cursor (column %d)" % (amb + 1),
       "cursor-position replies: %r" % replies)
    dash = c.col_of(2, "待办提醒")
    rows = [y for y in range(4, c.screen.lines - 1) if any(s >= 20 for s, _, _ in c.tokens(y))]
    off = [(y, [s for s, _, _ in c.tokens(y) if s >= 20][0]) for y in rows]
    ok(dash is not None and all(x == dash for _, x in off),
       t + "the dashboard's lines start under its heading",
       "heading at %r, lines at %r\n%s" % (dash, off, c.dump("  | ")))
    rare = RARE[:-1] + PLACEHOLDER if gbk else RARE
    want = "政治生日：%s，入党 14 周年（06-24），党龄 13 年" % rare
    ok(want in c.screen_text(),
       t + "a name with %s shows as %s" % (RARE, rare),
       "want %r\n%s" % (want, c.dump("  | ")))

    # Help from the start screen.
    help_page(c, t, "help", ("F1", "按键：", "F1 shows help"),
              ("待办提醒", "q leaves help"))

    # The roster.
    if not go(c, "1", "按姓氏笔画", t + "1 opens the roster, by surname strokes"):
        return
    c.settle()
    ok("党员花名册" in c.line(0), t + "the roster's title", c.dump("  | "))
    ok("共 59 人" in c.line(1), t + "59 current members", c.dump("  | "))
    check_screen(c, t + "roster", (" / 搜索", "F1/? 帮助"))
    check_list(c, t + "roster", min_rows=19)

    # Search as you type, Chinese through the input method.
    c.mark()
    c.key("/")
    c.send("张")
    if waited(c, "/张", t + "/ then 张 typed in %s" % c.encoding):
        n = count_named(c, "张")
        waited(c, "共 %s 人" % n, t + "the search finds the %s members named 张" % n)
        rows = check_list(c, t + "search 张")
        names = [c.tokens(y)[0][2] for y in rows]
        ok(names and all("张" in s for s in names), t + "every name found has 张",
           "names: %r" % names)
        rare = RARE[:-1] + PLACEHOLDER if gbk else RARE
        ok(rare in names, t + "%s is listed as %s" % (RARE, rare), "names: %r" % names)
        check_screen(c, t + "search", (" 输入：", "Esc 清除"))
    c.key("Esc")
    waited(c, "共 59 人", t + "Esc clears the search")

    # The roster's help.
    help_page(c, t, "roster help", ("?", "即时搜索", "? shows the roster's help"),
              ("共 59 人", "q leaves the roster's help"))

    # The add form: a rare name echoed, then a member with a middle dot.
    if not go(c, "a", "花名册：新增党员", t + "a opens the form"):
        return
    check_screen(c, t + "form", (" F2/Ctrl-S 保存", "F1/Ctrl-G 帮助"))
    check_fields(c, t + "form", 1, c.find("备注")[0])
    name = "欧阳芳" if gbk else "欧阳䶮"
    c.send(name)
    if waited(c, name, t + "%s typed into the name field" % name):
        y, x = c.find(name)
        ok("姓名" in c.line(y) and x == c.col_of(3, "汉族"),
           t + "the name is echoed in the name field's column",
           "at %d:%d\n%s" % (y, x, c.dump("  | ")))
    ok(not c.garbage(), t + "the typed name is not garbled", c.garbage())
    c.key("C-u")
    c.wait_gone(name)
    c.send(DOT_NAME)
    c.key("Tab", "Tab", "Tab", "Tab")
    c.send(fake_id("65010219800304522"))
    c.key("Tab", "Tab", "Tab", "Tab")
    c.send("2005-07-01")
    c.key("Tab")
    c.send("2006-07-01")
    c.settle()
    check_fields(c, t + "filled form", 1, c.find("备注")[0])
    c.mark()
    c.key("F2")
    if not waited(c, "已新增 " + DOT_NAME, t + "F2 saves " + DOT_NAME):
        return
    check_screen(c, t + "roster after adding", (" / 搜索", "F1/? 帮助"))

    # The new member in the list: the middle dot must not shift the row.
    c.mark()
    c.key("/")
    c.send("阿依")
    if waited(c, "共 1 人", t + "/阿依 finds the new member"):
        rows = check_list(c, t + "the row with " + DOT_NAME)
        cut = c.tokens(rows[0])[0][2] if rows else ""
        ok(cut.startswith("阿依古丽") and cut.endswith("\u2026") and cut != DOT_NAME,
           t + "the name, longer than its column, ends with …", "name cell %r" % cut)
        c.key("Enter")
        c.wait_gone("/阿依", 2)
    c.settle()
    c.mark()
    c.key("Enter")
    if waited(c, "花名册：" + DOT_NAME, t + "Enter opens the member's details"):
        check_screen(c, t + "details", (" Down 下移", "q 返回"))
        end = c.find("变更记录")
        check_fields(c, t + "details", 1, (end[0] if end else c.screen.lines - 1) - 2)
    c.key("q")
    waited(c, "共 1 人", t + "q goes back to the list")

    # Change the phone; the history shows it with an arrow (ambiguous).
    c.key("e")
    if waited(c, "花名册：修改党员信息", t + "e opens the member in the form"):
        c.key(*["Tab"] * 11)
        c.send("13912345678")
        c.key("F2")
        waited(c, "已保存 " + DOT_NAME, t + "F2 saves the change")
    c.settle()
    c.mark()
    c.key("h")
    if waited(c, "联系电话：（空） → 13912345678", t + "h shows the history with the change"):
        check_screen(c, t + "history", (" Down 下移", "q 返回"))
    c.key("q")
    c.wait("共 1 人")
    c.key("Esc")
    waited(c, "共 60 人", t + "Esc shows all 60 members")

    # A larger window: the columns still line up, and back.
    c.settle()
    c.mark()
    c.resize(100, 30)
    if waited(c, "共 60 人", t + "redrawn at 100x30"):
        c.settle()
        check_list(c, t + "roster at 100x30", min_rows=25)
        ok(not c.wraps, t + "nothing wraps at 100x30", c.dump("  | "))
    c.resize(80, 24)
    c.wait("共 60 人")
    c.settle()
    c.mark()

    c.key("q")
    waited(c, "待办提醒", t + "q returns to the start screen")
    c.key("q")
    is_(c.wait_exit(5), 0, t + "q quits with status 0")
    ok(not c.garbage(), t + "no garbage until the end", c.garbage())


# -- boxes, function keys and glitches seen in real clients ----------------

# label, LANG, client encoding, ambiguous width.  Each client ignores the
# VT100 line-drawing switch, as PuTTY does in UTF-8 mode with its default
# settings (so do xterm -cjk_width, and luit in front of a GBK xterm), and
# says TERM=xterm, PuTTY's, Xshell's and SecureCRT's default.
BOX_MODELS = [
    ("putty utf-8", "zh_CN.UTF-8", "utf-8", 1),
    ("putty utf-8, ambiguous wide", "zh_CN.UTF-8", "utf-8", 2),
    ("gb18030, no line drawing", "zh_CN.GB18030", "gb18030", 2),
    ("gbk, no line drawing", "zh_CN.GBK", "gbk", 2),
]
UNICODE_BOX = "─│┌┐└┘"
ASCII_BOX = "-|++++"


def snapshot(c):
    """Every cell of the screen (a wide character's second cell is '')."""
    return [[c.screen.buffer[y][x].data for x in range(c.screen.columns)]
            for y in range(c.screen.lines)]


def find_box(c, parts):
    """(top, left, bottom, right) of the box drawn with PARTS, or None;
    right is the column where the right edge starts."""
    h, v, ul, ur, ll, lr = parts
    for y0 in range(c.screen.lines):
        cells = c.cells(y0)
        lefts = [x for x, ch in cells if ch == ul]
        if not lefts:
            continue
        x0 = lefts[0]
        rights = [x for x, ch in cells if ch == ur and x > x0]
        bottoms = [y for y in range(y0 + 1, c.screen.lines)
                   if c.screen.buffer[y][x0].data == ll]
        if rights and bottoms:
            return y0, x0, bottoms[0], rights[0]
    return None


def check_box(c, t, title, before, parts=UNICODE_BOX):
    """The pop-up is a box of lines: corners, edges lined up, its title
    on the top edge; left and right of it the screen is as BEFORE, a
    wide character under an edge blanked whole, never cut.  Returns the
    box."""
    h, v, ul, ur, ll, lr = parts
    c.settle()
    box = find_box(c, parts)
    if not ok(box, t + "the pop-up is drawn with %s" % parts, c.dump("  | ")):
        return None
    y0, x0, y1, x1 = box
    lw = 2 if c.ambiguous == 2 and parts == UNICODE_BOX else 1
    buf = c.screen.buffer
    top = "".join(ch for x, ch in c.cells(y0) if x0 < x < x1).replace(title, "", 1)
    bottom = "".join(ch for x, ch in c.cells(y1) if x0 < x < x1)
    sides = [y for y in range(y0 + 1, y1)
             if buf[y][x0].data != v or buf[y][x1].data != v]
    ok(title in c.line(y0) and set(top.rstrip()) == {h} and set(bottom) == {h}
       and buf[y1][x1].data == lr and not sides,
       t + "corners, edges and title line up (rows %d-%d, columns %d-%d)"
       % (y0, y1, x0, x1),
       "top %r, bottom %r, sides broken on %r\n%s" % (top, bottom, sides,
                                                     c.dump("  | ")))
    ok(not any(s in c.screen_text() for s in ("lq", "qk", "mq", "qj")),
       t + "no lqqqk where lines belong", c.dump("  | "))
    now = snapshot(c)
    bad = []
    for y in range(y0, y1 + 1):
        for x in list(range(0, x0)) + list(range(x1 + lw, c.screen.columns)):
            if now[y][x] == before[y][x]:
                continue
            # A wide character under the left or right edge goes whole.
            edge = x + 1 if x == x0 - 1 else x if x == x1 + lw else None
            if edge is not None and before[y][edge] == "" and now[y][x] == " ":
                continue
            bad.append("%d:%d %r was %r" % (y, x, now[y][x], before[y][x]))
    ok(not bad, t + "beside the pop-up the screen is untouched, nothing cut",
       "\n".join(bad[:5]) + "\n" + c.dump("  | "))
    return box


def inside(c, box, text):
    """True if TEXT is on a line of BOX, within its edges."""
    y0, x0, y1, x1 = box
    for y in range(y0 + 1, y1):
        x = c.col_of(y, text)
        if x is not None:
            return x > x0 and x + text_width(text, c.ambiguous) <= x1
    return False


def box_rows(c, box):
    """The text of each line inside BOX, without the edges and blanks."""
    y0, x0, y1, x1 = box
    return ["".join(ch for x, ch in c.cells(y) if x0 < x < x1).strip()
            for y in range(y0 + 1, y1)]


@contextlib.contextmanager
def session(c, t):
    """The body runs with client C and closes it; an exception in it is a
    failed test point (T the prefix), with the screen."""
    try:
        yield c
    except Exception as err:
        ok(False, t + "the run went through", "%s: %s\n%s"
           % (type(err).__name__, err, c.dump("  | ")))
    finally:
        c.close()


def open_filter(c, t):
    """From the start screen to the roster, then f for the filter pop-up:
    the roster's screen before it (None when the roster did not come),
    and whether the pop-up came."""
    if not waited(c, "待办提醒", t + "the start screen"):
        return None, False
    c.key("1")
    if not waited(c, "按姓氏笔画", t + "the roster"):
        return None, False
    c.settle()
    before = snapshot(c)
    c.key("f")
    return before, waited(c, "清除全部筛选", t + "f opens the filter pop-up")


def run_boxes(label, lang, encoding, amb):
    t = "%s: " % label
    c = Client([ZHIBU, "--demo"], lang, encoding, amb, term="xterm",
               vt100_lines=False)
    with session(c, t):
        before, popup = open_filter(c, t)
        if before is None:
            return
        if popup:
            box = check_box(c, t + "filter: ", "筛选条件", before)
            ok(box and inside(c, box, "清除全部筛选"),
               t + "the row 清除全部筛选 fits in its box", c.dump("  | "))
        c.key("Esc")
        c.wait_gone("清除全部筛选")
        c.settle()
        is_(snapshot(c) == before, True,
            t + "Esc closes the pop-up and leaves the screen as it was", c)

        # The export's encoding menu, over the roster.
        c.key("x")
        if waited(c, "导出到：", t + "x asks where to export"):
            c.key("Enter")
            if waited(c, "GBK（生僻字", t + "then for the encoding"):
                box = check_box(c, t + "encoding: ", "编码", before)
                ok(box and "UTF-8" in box_rows(c, box),
                   t + "the encoding menu shows UTF-8", c.dump("  | "))
            c.key("Esc")
            c.wait_gone("GBK（生僻字")


def putty_key(c, name):
    """Press a key as PuTTY sends it with its default settings."""
    c.send({"F1": b"\033[11~", "F2": b"\033[12~", "F4": b"\033[14~"}[name])


def run_putty():
    """PuTTY 0.78 with its default settings: UTF-8, ambiguous characters
    narrow, no VT100 line drawing, TERM=xterm, function keys ESC [11~ ...
    (not what xterm's terminfo says)."""
    t = "putty: "
    c = Client([ZHIBU, "--demo"], "zh_CN.UTF-8", "utf-8", 1, term="xterm",
               vt100_lines=False)
    with session(c, t):
        if not waited(c, "待办提醒", t + "the start screen"):
            return
        check_screen(c, t + "start screen", (" Enter 打开", "F1/? 帮助"))
        putty_key(c, "F1")
        waited(c, "按键：", t + "F1 (ESC [11~) shows the help")
        c.key("q")
        c.wait("待办提醒")
        c.send(b"\033[[A")
        waited(c, "按键：", t + "the Linux console's F1 (ESC [[A) too")
        c.key("q")
        c.wait("待办提醒")

        # The roster fills the height again after a too small window.
        c.key("1")
        if not waited(c, "共 59 人", t + "the roster"):
            return
        c.resize(70, 12)
        waited(c, "太小", t + "at 70x12: the terminal is too small")
        c.resize(80, 24)
        if waited(c, "共 59 人", t + "back at 80x24"):
            c.settle()
            check_list(c, t + "roster after 70x12 and back", min_rows=19)

        # Help: a key's description longer than the line goes on below.
        c.key("?")
        if waited(c, "即时搜索", t + "? shows the roster's help"):
            c.settle()
            joined = "".join(l.strip() for l in c.screen_lines())
            want = "即时搜索：姓名、拼音、首字母、身份证号或电话的末几位"
            ok(want in joined, t + "the help of / is whole: %s" % want, c.dump("  | "))
        c.key("q")
        c.wait("共 59 人")

        # The form: F4 opens a field's choices, F2 saves.
        c.key("a")
        if not waited(c, "花名册：新增党员", t + "a opens the form"):
            return
        check_screen(c, t + "form", (" F2/Ctrl-S 保存", "F1/Ctrl-G 帮助"))
        name = "欧阳明"
        c.send(name)
        c.key("Tab")
        c.settle()
        before = snapshot(c)
        putty_key(c, "F4")
        if waited(c, "┌─性别", t + "F4 (ESC [14~) opens the choices of 性别"):
            check_box(c, t + "gender: ", "性别", before)
        c.key("Esc")
        c.wait_gone("┌─性别")
        putty_key(c, "F1")
        waited(c, "按键：", t + "F1 (ESC [11~) shows the form's help")
        c.key("q")
        c.wait("花名册：新增党员")
        c.key("Tab", "Tab", "Tab")
        c.send(fake_id("11010519491231002"))
        c.key("Tab", "Tab", "Tab", "Tab")
        c.send("2005-07-01")
        c.key("Tab")
        c.send("2006-07-01")
        c.key("Tab", "Tab", "Tab")
        address = "北京市朝阳区幸福里社区第一党支部所在街道八十八号院三号楼二单元"
        c.send(address)
        c.settle()
        putty_key(c, "F2")
        if not waited(c, "已新增 " + name, t + "F2 (ESC [12~) saves " + name):
            return

        # A line of a page too long for the screen ends with the cut mark.
        c.key("/")
        c.send(name)
        if waited(c, "共 1 人", t + "/%s finds the new member" % name):
            c.key("Enter")
            c.wait_gone("/" + name, 2)
        c.key("Enter")
        if waited(c, "花名册：" + name, t + "Enter opens the details"):
            c.wait("居住地址")
            c.settle()
            y = c.find("居住地址")
            line = c.line(y[0]).rstrip() if y else ""
            ok(line.endswith("…") and "北京市朝阳区" in line,
               t + "the address, longer than the line, ends with …",
               "line %r\n%s" % (line, c.dump("  | ")))
        c.key("q")


def run_ascii():
    """lines = ascii: boxes of - | +, no line-drawing characters."""
    t = "lines = ascii: "
    c = Client([ZHIBU, "--demo"], "zh_CN.UTF-8", "utf-8", 1, term="xterm",
               vt100_lines=False, env={"ZHIBU_LINES": "ascii"})
    try:
        before, popup = open_filter(c, t)
        if before is None:
            return
        if popup:
            check_box(c, t, "筛选条件", before, ASCII_BOX)
            ok(not any(ch in c.screen_text() for ch in UNICODE_BOX),
               t + "no box characters", c.dump("  | "))
        c.key("Esc")
    finally:
        c.close()


def main():
    only = [s for s in os.environ.get("CLIENTS", "").split(",") if s]
    check_models()
    for model in MODELS:
        if only and model[0] not in only:
            continue
        run_model(*model)
    if not only or "boxes" in only:
        for model in BOX_MODELS:
            run_boxes(*model)
        run_ascii()
    if not only or "putty" in only:
        run_putty()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
