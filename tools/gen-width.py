#!/usr/bin/env python3
"""gen-width.py - generate data/width.inc, the column-width tables of text.c.

Usage (from the top of the source tree; rerun after a Unicode update):

    python3 tools/gen-width.py [--ucd DIR] [-o data/width.inc]

DIR defaults to /usr/share/unicode (Debian package unicode-data) and must hold
EastAsianWidth.txt, UnicodeData.txt and PropList.txt.  The output is
deterministic: the same input files give the same bytes.

Sources: the Unicode Character Database, (c) Unicode, Inc., distributed under
the Unicode License (https://www.unicode.org/license.txt); the generated
tables are derived data and keep that notice.

The three tables are sorted, merged ranges of code points:

  width_zero       0 columns: General_Category Mn, Me, Cf and Bidi_Class NSM,
                   except U+00AD SOFT HYPHEN and the Prepended_Concatenation_Mark
                   characters (shown with 1 column); Hangul Jamo medial vowels
                   and final consonants U+1160..11FF and U+D7B0..D7FF.
  width_wide       2 columns: East_Asian_Width W and F, including the unassigned
                   code points that EastAsianWidth.txt gives W by default
                   (CJK blocks, planes 2 and 3); also U+3248..324F and
                   U+4DC0..4DFF, as glibc's UTF-8 locales have them.
  width_ambiguous  East_Asian_Width A: 1 or 2 columns by the terminal.

A code point is in at most one table; zero wins over wide, wide over
ambiguous.  These are the rules of glibc's localedata/unicode-gen/utf8_gen.py,
so the widths agree with wcwidth() in a UTF-8 locale (tmux draws with it);
controls (Cc) are handled in text.c.
"""

import argparse
import os
import sys


def parse_range(field):
    field = field.strip()
    if ".." in field:
        lo, hi = field.split("..")
        return int(lo, 16), int(hi, 16)
    return int(field, 16), int(field, 16)


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield line


def first_line(path):
    with open(path, encoding="utf-8") as f:
        return f.readline().lstrip("# ").strip()


def load_east_asian_width(path):
    """Map every code point to its East_Asian_Width, defaults included."""
    eaw = {}
    # Defaults stated in the file's header: unassigned code points in these
    # blocks and planes are W; everything else defaults to N.
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                   (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)):
        for cp in range(lo, hi + 1):
            eaw[cp] = "W"
    for line in read_lines(path):
        rng, value = line.split(";")
        lo, hi = parse_range(rng)
        for cp in range(lo, hi + 1):
            eaw[cp] = value.strip()
    return eaw


def load_unicode_data(path):
    """Yield (code point, general category, bidi class), ranges expanded."""
    first = None
    for line in read_lines(path):
        fields = line.split(";")
        cp = int(fields[0], 16)
        name, gc, bidi = fields[1], fields[2], fields[4]
        if name.endswith(", First>"):
            first = cp
            continue
        if name.endswith(", Last>"):
            for c in range(first, cp + 1):
                yield c, gc, bidi
            first = None
            continue
        yield cp, gc, bidi


def load_property(path, prop):
    cps = set()
    for line in read_lines(path):
        rng, value = line.split(";")
        if value.strip() == prop:
            lo, hi = parse_range(rng)
            cps.update(range(lo, hi + 1))
    return cps


def merge(cps):
    ranges = []
    for cp in sorted(cps):
        if ranges and ranges[-1][1] + 1 == cp:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return ranges


def emit(out, name, ranges):
    out.write("static const struct width_range %s[] = {\n" % name)
    for lo, hi in ranges:
        out.write("\t{ 0x%05X, 0x%05X },\n" % (lo, hi))
    out.write("};\n\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ucd", default="/usr/share/unicode",
                    help="directory of the Unicode Character Database")
    ap.add_argument("-o", "--output",
                    default=os.path.join(here, "..", "data", "width.inc"))
    args = ap.parse_args()

    eaw_path = os.path.join(args.ucd, "EastAsianWidth.txt")
    ud_path = os.path.join(args.ucd, "UnicodeData.txt")
    pl_path = os.path.join(args.ucd, "PropList.txt")

    eaw = load_east_asian_width(eaw_path)
    pcm = load_property(pl_path, "Prepended_Concatenation_Mark")

    zero = set()
    for cp, gc, bidi in load_unicode_data(ud_path):
        if gc in ("Mn", "Me", "Cf") or bidi == "NSM":
            zero.add(cp)
    zero -= pcm
    zero.discard(0x00AD)
    zero.update(range(0x1160, 0x1200))
    zero.update(range(0xD7B0, 0xD800))
    zero.add(0x200B)

    wide = {cp for cp, v in eaw.items() if v in ("W", "F")}
    wide.update(range(0x3248, 0x3250))
    wide.update(range(0x4DC0, 0x4E00))
    wide -= zero

    ambiguous = {cp for cp, v in eaw.items() if v == "A"}
    ambiguous -= zero
    ambiguous -= wide

    tables = (("width_zero", merge(zero)), ("width_wide", merge(wide)),
              ("width_ambiguous", merge(ambiguous)))

    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write("/* width.inc - column widths of Unicode code points, for text.c.\n"
                  " *\n"
                  " * Generated by tools/gen-width.py; do not edit.  Regenerate with\n"
                  " *     python3 tools/gen-width.py\n"
                  " *\n"
                  " * Sources (Unicode Character Database):\n")
        out.write(" *     %s\n *     %s\n *     UnicodeData.txt of the same release\n"
                  % (first_line(eaw_path), first_line(pl_path)))
        out.write(" * Copyright (c) Unicode, Inc.  Distributed under the Unicode License\n"
                  " * (https://www.unicode.org/license.txt).\n"
                  " *\n"
                  " * Sorted, merged, disjoint ranges: width_zero (0 columns),\n"
                  " * width_wide (2 columns), width_ambiguous (1 or 2 by the terminal).\n"
                  " * Everything else is 1 column, controls are handled in text.c.\n"
                  " */\n\n"
                  "struct width_range {\n\tuint32_t lo, hi;\n};\n\n")
        for name, ranges in tables:
            emit(out, name, ranges)
    os.replace(tmp, args.output)
    for name, ranges in tables:
        print("%s: %d ranges" % (name, len(ranges)), file=sys.stderr)


if __name__ == "__main__":
    main()
