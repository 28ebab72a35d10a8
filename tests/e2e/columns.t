#!/bin/sh
# Columns (tests/e2e/fo/columns.fo): a body of column-count="2" and
# column-gap="20pt" fills its left column, then its right, then the next
# page; titles with span="all" go across both, below the columns above
# them, which are balanced first; break-before="column" moves to the next
# column (and keeps the columns of its set as they are); the last columns
# are filled from the left, not balanced, as FOP does.  Spans and their
# columns are reference areas: the space between a title and the columns
# next to it is discarded, as in FOP (which puts the document on two
# pages).
. "$(dirname "$0")/lib.sh"
plan 15

fo=tests/e2e/fo/columns.fo
"$REPORTPIPE" render -q --dump-area "$WORK/c.dump" "$fo" "$WORK/c.pdf" 2>"$WORK/c.err"
ok $? "a document with two columns renders"
qpdf --check "$WORK/c.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
grep -q "column" "$WORK/c.err"
ok $((! $?)) "no warning about column-count or column-gap"
is "$(pdf_pages "$WORK/c.pdf")" 2 "two pages, as FOP"

# The body: 340.16 - 2 x 28.35 = 283.46pt wide; columns (283.46 - 20) / 2
# = 131.73pt wide, the second starting at 28.35 + 131.73 + 20 = 180.08.
at() { # at TEXT-PREFIX: page, x and baseline of the text item
    awk -v t="\"$1" '/^page / {n++} $1 == "text" && index($0, t) {print n, $2, $3; exit}' "$WORK/c.dump"
}
is "$(at a01 | cut -d' ' -f1-2) $(at a13 | cut -d' ' -f1-2)" "1 28.35 1 28.35" \
    "a01 to a13 fill the left column of page 1"
is "$(at a14 | cut -d' ' -f1-2) $(at a25 | cut -d' ' -f1-2)" "1 180.08 1 180.08" \
    "a14 to a25 the right column, 20pt after the left one"
is "$(at a14 | cut -d' ' -f3)" "$(at a01 | cut -d' ' -f3)" \
    "the right column starts level with the left, below the title"
# The title's line: 28.35 to 40.35; a01's baseline 9.46 below its top.
is "$(at a01 | cut -d' ' -f3)" "49.81" \
    "the title's space-after is discarded at the edge of the span"
is "$(at 'Index B')" "2 148.91 37.81" \
    "Index B starts page 2 at the body's top, its space-before discarded"
awk '$1 == "rect" && $2 == "28.35" && $4 ~ /^283.46x/ {n++} END {exit n != 4}' "$WORK/c.dump"
ok $? "the four titles' backgrounds span the whole body"
awk '$1 == "text" && index($0, "\"Index A") {w = substr($4, 3); c = $2 + w / 2}
    END {exit !(c > 170.0 && c < 170.2)}' "$WORK/c.dump"
ok $? "a spanning title is centred across both columns"
# Index B's five entries, balanced: three on the left, two on the right.
is "$(for e in b01 b02 b03 b04 b05; do at $e | cut -d' ' -f2; done | tr '\n' ' ')" \
    "28.35 28.35 28.35 180.08 180.08 " "before a span, the columns are balanced (3 + 2)"
# b03's line ends at 73.81 + 2.54 = 76.35, where Index C's starts;
# c01 12pt below that, no space between.
is "$(at b03 | cut -d' ' -f3) $(at 'Index C' | cut -d' ' -f3) $(at c01 | cut -d' ' -f3)" \
    "73.81 85.81 97.81" \
    "the next title goes right below the balanced columns, its entries right below it"
is "$(for e in c01 c02 c03 c04 c05; do at $e | cut -d' ' -f2; done | tr '\n' ' ')" \
    "28.35 28.35 180.08 180.08 180.08 " \
    "break-before=column moves c03 to the right column; that set stays as filled"
is "$(for e in d01 d02 d03; do at $e | cut -d' ' -f1-2; done | tr '\n' ' ')" \
    "2 28.35 2 28.35 2 28.35 " "the last entries fill the left column, not balanced"
finish
