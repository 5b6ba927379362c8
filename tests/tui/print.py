#!/usr/bin/python3
"""tests/tui/print.py - the roster's p from a GBK/GB18030 client.

The printer gets from the screen exactly the bytes "zhibu report roster
--print" sends it: the PDF, whatever the terminal's codeset, which a
print server prints without fonts or a text filter of its own.  lp is a stub on PATH that keeps its arguments and what
it reads.  A text file written from the screen is in the encoding and line
ends chosen, byte for byte what "zhibu report roster -o FILE" writes with
the same --encoding and --crlf, and by default what it writes with none.
Prints TAP.
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
try:
    from client import Client  # noqa: E402
except ImportError as err:
    print("1..0 # SKIP pyte is not installed for %s (%s)" % (sys.executable, err))
    sys.exit(0)

ZHIBU = os.environ.get("ZHIBU")
if not ZHIBU:
    sys.exit("print.py: run through make check (ZHIBU is the binary under test)")
TOP = os.environ.get("top_srcdir", ".")

import tap  # noqa: E402
from tap import ok, waited  # noqa: E402


work = tempfile.mkdtemp(prefix="zhibu-print.")
db = os.path.join(work, "branch.db")
bindir = os.path.join(work, "bin")
os.mkdir(bindir)
lp = os.path.join(bindir, "lp")


def lp_stub(fail=False):
    """lp keeps its arguments and its input, and talks as CUPS's does."""
    with open(lp, "w") as f:
        if fail:
            f.write('#!/bin/sh\ncat >/dev/null\n'
                    'echo "lp: The printer or class does not exist." >&2\nexit 1\n')
        else:
            f.write('#!/bin/sh\nprintf "%%s\\n" "$*" > "%s/lp-args"\ncat > "%s/printed"\n'
                    'echo "request id is office-17 (1 file(s))"\n' % (work, work))
    os.chmod(lp, 0o755)


lp_stub()
path = bindir + ":" + os.environ.get("PATH", "/usr/bin:/bin")
env = dict(os.environ, TZ="Asia/Shanghai", ZHIBU_TODAY="2026-06-15",
           LANGUAGE="", PATH=path, HOME=work)
env.pop("LC_ALL", None)


def zhibu(lang, *args):
    e = dict(env, LANG=lang)
    return subprocess.run([ZHIBU, "--db", db] + list(args), env=e,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def read(name, mode="rb"):
    with open(os.path.join(work, name), mode) as f:
        return f.read()


# A branch of 120 members; the fixture has names with the middle dot and 𠮷.
roster = subprocess.run(["awk", "-v", "n=120", "-f",
                         os.path.join(TOP, "tests/data/gen-roster.awk")],
                        stdout=subprocess.PIPE, check=True).stdout
with open(os.path.join(work, "roster.csv"), "wb") as f:
    f.write(roster)
zhibu("C.UTF-8", "init", "--branch", "幸福里社区第一党支部")
r = zhibu("C.UTF-8", "import", "members", os.path.join(work, "roster.csv"))
ok(r.returncode == 0, "a branch of 120 members")

# What the command line sends the printer, from a GB18030 terminal too.
r = zhibu("zh_CN.GB18030", "report", "roster", "--print")
ok(r.returncode == 0, "report --print in a GB18030 session")
cli_printed, cli_args = read("printed"), read("lp-args")
ok(cli_printed.startswith(b"%PDF-") and b"document-format=application/pdf" in cli_args,
   "report --print sends a PDF whatever the terminal's codeset")
os.unlink(os.path.join(work, "printed"))

c = Client([ZHIBU, "--db", db], "zh_CN.GB18030", "gb18030", 2,
           env={"PATH": path})
try:
    waited(c, "待办提醒", "GB18030 client: the start screen")
    c.key("1")
    waited(c, "按姓氏笔画", "the roster")
    c.key("p")
    waited(c, "发送到打印机（lp）", "p offers the printer")
    c.key("Down", "Enter")
    waited(c, "页发送到打印机", "p sends the roster to the printer")
    printed = read("printed") if os.path.exists(os.path.join(work, "printed")) else b""
    ok(printed == cli_printed,
       "the printer gets from the screen the bytes report --print sends (%d and %d)"
       % (len(printed), len(cli_printed)))
    ok(read("lp-args") == cli_args, "with the same arguments (%r)" % cli_args)
    ok("request id" not in c.screen_text() and not c.garbage(),
       "and what lp said did not reach the screen", c.dump("  | "))
    lp_stub(fail=True)
    c.key("p")
    c.wait("发送到打印机（lp）")
    c.key("Down", "Enter")
    waited(c, "无法打印：lp 未能打印报表：lp: The printer or class does not exist.",
           "a failing lp: its complaint is shown on the message line")
    lp_stub()

    # A text file: the command line's choices, its default first.
    def print_to_file(name, keys_encoding, keys_ends):
        c.key("p")
        c.wait("打印到文本文件")
        c.key("Enter")
        c.wait("打印到：")
        c.key("C-u")
        c.send(os.path.join(work, name))
        c.key("Enter")
        c.wait("编码（本终端：GB18030）")
        c.key(*keys_encoding)
        c.wait("换行方式")
        c.key(*keys_ends)
        return c.wait("页（120 名党员）写入", 10)

    ok(print_to_file("default.txt", ["Enter"], ["Enter"]),
       "p to a text file asks the encoding and the line ends", c.dump("  | "))
    zhibu("zh_CN.GB18030", "report", "roster", "-o", os.path.join(work, "cli-default.txt"))
    ok(read("default.txt") == read("cli-default.txt"),
       "the defaults write what report -o writes in the same terminal (GB18030, LF)")
    ok(b"\r" not in read("default.txt") and
       read("default.txt").decode("gb18030").startswith(" " * 35 + "党员花名册\n"),
       "(GB18030, LF line ends)")

    print_to_file("utf8-crlf.txt", ["Up", "Enter"], ["Down", "Enter"])
    zhibu("zh_CN.GB18030", "report", "roster", "--encoding", "utf-8", "--crlf",
          "-o", os.path.join(work, "cli-utf8-crlf.txt"))
    got = read("utf8-crlf.txt")
    ok(got == read("cli-utf8-crlf.txt"),
       "UTF-8 with CR LF: what report --encoding utf-8 --crlf writes")
    ok(got.count(b"\r\n") == got.count(b"\n") and
       got.decode("utf-8").startswith(" " * 35 + "党员花名册\r\n"),
       "(UTF-8, every line ending in CR LF)")

    # A Windows text file: UTF-8 with a BOM, CR LF, as on the command line.
    print_to_file("win.txt", ["Down", "Down", "Enter"], ["Down", "Enter"])
    zhibu("zh_CN.GB18030", "report", "roster", "--encoding", "utf-8-bom", "--crlf",
          "-o", os.path.join(work, "cli-win.txt"))
    got = read("win.txt")
    ok(got == read("cli-win.txt") and got.startswith(b"\xef\xbb\xbf"),
       "UTF-8 with a BOM and CR LF: what report --encoding utf-8-bom --crlf writes")

    # Saved as PDF beside the database: the PDF report -o writes.
    c.key("p")
    c.wait("保存为 PDF")
    c.key("Down", "Down", "Enter")
    c.wait("保存为 PDF：")
    c.key("Enter")
    saved = os.path.join(work, "党员花名册-2026-06-15.pdf")
    waited(c, "写入 " + saved, "p saves a PDF beside the database and says where")
    zhibu("zh_CN.GB18030", "report", "roster", "-o", os.path.join(work, "cli.pdf"))
    ok(os.path.exists(saved) and read(os.path.basename(saved)) == read("cli.pdf"),
       "the PDF report -o writes")
finally:
    c.close()

subprocess.run(["rm", "-rf", work])
sys.exit(tap.done())
