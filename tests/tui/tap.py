"""TAP output for the Python tests of the screens: ok(), is_(), waited()
and done(), one count per test program (automake's tap-driver reads it);
start(), what every such program does first."""
import os
import sys

count = 0
failed = 0


def ok(cond, what, diag=None):
    """A test point; DIAG is printed as comments when it fails."""
    global count, failed
    count += 1
    print("%sok %d - %s" % ("" if cond else "not ", count, what))
    if not cond:
        failed += 1
        for line in (diag or "").rstrip("\n").split("\n"):
            if line:
                print("# " + line)
    sys.stdout.flush()
    return cond


def is_(got, want, what, c=None):
    """GOT equals WANT; with a client C its screen is shown on failure."""
    diag = "  got: %r\n want: %r" % (got, want)
    if c is not None:
        diag += "\n" + c.dump("  | ")
    return ok(got == want, what, diag)


def waited(c, text, what, timeout=10):
    """Client C shows TEXT within TIMEOUT seconds."""
    return ok(c.wait(text, timeout), what,
              "timed out waiting for %r\n%s" % (text, c.dump("  | ")))


def done():
    """The plan line; the exit status for sys.exit."""
    print("1..%d" % count)
    return 1 if failed else 0


def start(name):
    """The binary under test ($ZHIBU, set by make check) and the Client
    class of client.py.  Without $ZHIBU the program stops, saying how NAME
    is run; without pyte it is skipped (a plan of none)."""
    zhibu = os.environ.get("ZHIBU")
    if not zhibu:
        sys.exit("%s: run through make check (ZHIBU is the binary under test)" % name)
    try:
        from client import Client
    except ImportError as err:
        print("1..0 # SKIP pyte is not installed for %s (%s)" % (sys.executable, err))
        sys.exit(0)
    return zhibu, Client
