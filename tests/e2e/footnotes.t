#!/bin/sh
# Footnotes (tests/e2e/fo/footnotes.fo): the mark stays in its line, the
# body goes to the foot of the body region of the mark's page, under the
# xsl-footnote-separator rule and above the region-after; the text above
# makes room; a footnote that does not fit moves with its line to the
# next page; marks in a table cell and a list body count too.
. "$(dirname "$0")/lib.sh"
plan 14

fo=tests/e2e/fo/footnotes.fo
"$REPORTPIPE" render -q --dump-area "$WORK/f.dump" "$fo" "$WORK/f.pdf" 2>"$WORK/f.err"
ok $? "a document with footnotes renders"
qpdf --check "$WORK/f.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
grep -q "footnote" "$WORK/f.err"
ok $((! $?)) "no warning about fo:footnote"
is "$(pdf_pages "$WORK/f.pdf")" 2 "two pages"

# Reading order of page 1: the body, then notes 1-4, then the footer.
pdf_page_text "$WORK/f.pdf" 1 | sed 's/^ *//' | grep -v '^$' |
    sed -n 's/^\(Alpha\|Delta\|1 First\|2 Second\|3 Third\|4 Fourth\|page 1\).*/\1/p' |
    tr '\n' '|' >"$WORK/order1"
is "$(cat "$WORK/order1")" "Alpha|Delta|1 First|2 Second|3 Third|4 Fourth|page 1|" \
    "page 1: the text, then its four notes in order, then the footer"
pdf_page_text "$WORK/f.pdf" 1 | grep -q "Fifth note\|Echo"
ok $((! $?)) "the line of note 5 and the note are not on page 1"
pdf_page_text "$WORK/f.pdf" 2 | sed 's/^ *//' |
    sed -n 's/^\(Echo\|Foxtrot\|5 Fifth\|page 2\).*/\1/p' | tr '\n' '|' >"$WORK/order2"
is "$(cat "$WORK/order2")" "Echo|Foxtrot|5 Fifth|page 2|" \
    "page 2: note 5 moved with its line, under the text that follows"

# Places (points): the body ends 255.12 - 28.35 - 28.35 = 198.43 down;
# a note's lines are 9.6pt (8pt type), so the last one's baseline lies in
# its last 9.6pt; the separator (30mm rule) lies between text and notes.
y_of() { # y_of PAGE TEXT-PREFIX: baseline of the first text item
    awk -v p="$1" -v t="\"$2" '/^page / {n++} n == p && $1 == "text" && index($0, t) {print $3; exit}' "$WORK/f.dump"
}
rule_y() { # the 30mm (85.04pt wide) rule of page PAGE
    awk -v p="$1" '/^page / {n++} n == p && $1 == "rule" && $2 == "28.35" && $5 == "113.39" {print $3; exit}' "$WORK/f.dump"
}
awk -v y="$(y_of 1 '4 Fourth')" 'BEGIN {exit !(y > 198.43 - 9.6 && y < 198.43)}'
ok $? "page 1: the last note ends at the foot of the body ($(y_of 1 '4 Fourth'))"
awk -v y="$(y_of 2 '5 Fifth')" 'BEGIN {exit !(y > 198.43 - 9.6 && y < 198.43)}'
ok $? "page 2: so does note 5 ($(y_of 2 '5 Fifth'))"
awk -v a="$(y_of 1 'Delta')" -v r="$(rule_y 1)" -v b="$(y_of 1 '1 First')" \
    'BEGIN {exit !(a < r && r < b - 6)}'
ok $? "page 1: the separator rule lies between the text and the first note"
awk -v a="$(y_of 2 'Foxtrot')" -v r="$(rule_y 2)" -v b="$(y_of 2 '5 Fifth')" \
    'BEGIN {exit !(a < r && r < b - 6)}'
ok $? "page 2: a separator on each page with notes"
awk '/^page 2/ {exit} /^  dest .* fn1$/ {d = 1} /^  link .* dest fn1$/ {l = 1} END {exit !(d && l)}' "$WORK/f.dump"
ok $? "an id in a footnote is a destination the link in the text reaches"

# Without note 5, its line stays on page 1: the note moved it.
sed 's|<fo:footnote><fo:inline baseline-shift="super" font-size="7pt">5</fo:inline>.*</fo:footnote>||' \
    "$fo" >"$WORK/no5.fo"
"$REPORTPIPE" render -q "$WORK/no5.fo" "$WORK/no5.pdf"
pdf_page_text "$WORK/no5.pdf" 1 | grep -q "^Echo near the end of the page"
ok $? "without its footnote, the line of note 5 fits on page 1"

# A footnote in static content keeps its mark; its body is dropped, said.
sed 's|<fo:block text-align="center" font-size="8pt">page <fo:page-number/></fo:block>|<fo:block>page<fo:footnote><fo:inline>*</fo:inline><fo:footnote-body><fo:block>not here</fo:block></fo:footnote-body></fo:footnote></fo:block>|' \
    "$fo" >"$WORK/static.fo"
"$REPORTPIPE" render -q "$WORK/static.fo" "$WORK/static.pdf" 2>"$WORK/static.err" &&
    grep -q "static.fo:1[0-9]: fo:footnote in static content" "$WORK/static.err" &&
    ! pdftotext "$WORK/static.pdf" - | grep -q "not here"
ok $? "a footnote in static content: a warning naming the line, no body"
finish
