#!/usr/bin/python3
"""tests/tui/sanitize.py - nothing raw reaches the terminal from the screens.

A database changed behind zhibu's back (the sqlite3 shell) holds a member
named with OSC 52 (ESC ] 52 ; c ; ... BEL, which sets the clipboard of a
terminal that obeys it), an address with C1 CSI (U+009B) and RLO, a party
group and a work unit with a zero width joiner, and a branch name with an
OSC title sequence and RLO.  The title line, the dashboard, the roster and
the member's page show every one of them as a visible placeholder (␛ ␇ for
C0, U+FFFD for the rest), and none of the raw sequences is among the bytes
the program writes.  The settings screen refuses such names, saying why.
Prints TAP.
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
import tap  # noqa: E402
from tap import ok, waited  # noqa: E402

ZHIBU, Client = tap.start("sanitize.py")
TOP = os.environ.get("top_srcdir", ".")
SQLITE3 = os.environ.get("SQLITE3") or "sqlite3"

work = tempfile.mkdtemp(prefix="zhibu-sanitize.")
db = os.path.join(work, "branch.db")
env = dict(os.environ, TZ="Asia/Shanghai", ZHIBU_TODAY="2026-06-15",
           LANG="C.UTF-8", LANGUAGE="", HOME=work)
env.pop("LC_ALL", None)


def zhibu(*args):
    return subprocess.run([ZHIBU, "--db", db] + list(args), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def sql(statement):
    return subprocess.run([SQLITE3, db, statement], stdout=subprocess.PIPE,
                          check=True).stdout.decode("utf-8").strip()


roster = subprocess.run(["awk", "-v", "n=3", "-f",
                         os.path.join(TOP, "tests/data/gen-roster.awk")],
                        stdout=subprocess.PIPE, check=True).stdout
with open(os.path.join(work, "roster.csv"), "wb") as f:
    f.write(roster)
zhibu("init", "--branch", "幸福里社区第一党支部")
r = zhibu("import", "members", os.path.join(work, "roster.csv"))
ok(r.returncode == 0, "a branch of 3 members")

# The attack, straight into the file.
sql("UPDATE members SET"
    " name = char(27) || ']52;c;SGVsbG8=' || char(7) || '覃贵',"
    " address = '云南路' || char(155) || '2J' || char(8238) || '98号',"
    " work_unit = '卫生' || char(8205) || '中心'"
    " WHERE id_number = '310107196109070011';"
    "UPDATE party_groups SET name = '离退休' || char(8205) || '党小组'"
    " WHERE name = '离退休党小组';"
    "UPDATE settings SET value = '幸福里' || char(27) || ']0;pwned' || char(7)"
    " || char(8238) || '支部' WHERE key = 'branch.name';")

RAW = [
    (b"\x1b]52", "OSC 52"),
    (b"\x1b]0;pwned", "the OSC title sequence"),
    (b"\xc2\x9b", "C1 CSI"),
    (b"\xe2\x80\xae", "RLO"),
    (b"\xe2\x80\x8d", "the zero width joiner"),
]

c = Client([ZHIBU, "--db", db], "zh_CN.UTF-8", "utf-8", 1)
c.keep_raw = True
try:
    waited(c, "待办提醒", "the start screen")
    waited(c, "幸福里␛]0;pwned␇\ufffd支部", "the title line: the branch with placeholders")
    waited(c, "政治生日：␛]52;c;SGVsbG8=␇覃贵", "the dashboard: the member's name with ␛ and ␇")
    c.key("1")
    waited(c, "按姓氏笔画", "the roster")
    waited(c, "␛]52;c;SG…", "the roster list: the name with ␛, cut with …")
    waited(c, "离退休\ufffd党小…", "the party group: the zero width joiner as U+FFFD")
    lines = c.screen_lines()
    row = [i for i, line in enumerate(lines) if "␛]52" in line]
    ok(len(row) == 1 and lines[row[0]].rstrip().endswith("在册"),
       "the row keeps its columns (the placeholders are measured)", c.dump("  | "))
    c.key("End", "Enter")
    waited(c, "姓名  ␛]52;c;SGVsbG8=␇覃贵", "the member's page: the name")
    waited(c, "居住地址  云南路\ufffd2J\ufffd98号", "the address: C1 CSI and RLO as U+FFFD")
    waited(c, "工作单位及职务  卫生\ufffd中心", "the work unit: the zero width joiner flagged")
    waited(c, "党小组  离退休\ufffd党小组", "the party group")
    c.key("q")
    c.wait("按姓氏笔画")

    # The screens' export: U+FFFD in the file, and the message says so.
    out = os.path.join(work, "out.csv")
    c.key("x")
    c.wait("导出到：")
    c.key("C-u")
    c.send(out)
    c.key("Enter")
    c.wait("GB18030")
    c.key("Enter")
    waited(c, "其中 1 名含有控制字符", "x exports, saying a member held control characters")
    data = open(out, "rb").read() if os.path.exists(out) else b"\x1b"
    ok(b"\x1b" not in data, "no ESC byte in the exported file")
    ok("\ufffd]52;c;SGVsbG8=\ufffd覃贵" in data.decode("gb18030", "replace"),
       "the name with U+FFFD in place of ESC and BEL")
    c.key("q")
    c.wait("待办提醒")

    # The settings screen refuses what would make two names look alike.
    c.key("7")
    waited(c, "党小组（按 a 新增，回车改名）", "the settings screen")
    c.key("a")
    c.wait("新党小组：")
    c.send("第一\u200b党小组")
    c.key("Enter")
    waited(c, "党小组：含有不可见字符", "a new party group with a zero width space is refused")
    c.key("Home", "Enter")
    c.wait("支部名称：")
    c.key("C-u")
    c.send("幸福里\u202e支部")
    c.key("Enter")
    waited(c, "支部名称：含有改变文字方向的字符", "a branch name with RLO is refused")
    c.settle(150)
    raw = c.raw
finally:
    c.close()

for seq, what in RAW:
    ok(seq not in raw, "%s never reaches the terminal" % what)
ok(sql("SELECT count(*) FROM party_groups WHERE name LIKE '第一%';") == "0",
   "no party group was added")
ok(sql("SELECT hex(value) FROM settings WHERE key = 'branch.name';")
   == "幸福里\x1b]0;pwned\x07\u202e支部".encode("utf-8").hex().upper(),
   "the branch name was not changed")

subprocess.run(["rm", "-rf", work])
sys.exit(tap.done())
