#!/bin/sh
# Footnotes (tests/e2e/fo/footnotes.fo): the mark stays in its line, the
# body goes to the foot of the body region of the mark's page, under the
# xsl-footnote-separator rule and above the region-after; the text above
# makes room; a footnote that does not fit moves with its line to the
# next page; marks in a table cell and a list body count too.  Bodies
# split, continued and deferred as FOP does them (footnote-continued.fo,
# footnote-deferred.fo): the pages and their text are FOP's.
. "$(dirname "$0")/lib.sh"
plan 32

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

dump=$WORK/f.dump
# Places (points): the body ends 255.12 - 28.35 - 28.35 = 198.43 down;
# a note's lines are 9.6pt (8pt type), so the last one's baseline lies in
# its last 9.6pt; the separator (30mm rule) lies between text and notes.
y_of() { # y_of PAGE TEXT-PREFIX: baseline of the first text item
    awk -v p="$1" -v t="\"$2" '/^page / {n++} n == p && $1 == "text" && index($0, t) {print $3; exit}' "$dump"
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

# lines PDF PAGE: the page's lines, trimmed, joined by "|".
lines() {
    pdf_page_text "$1" "$2" | tr -d '\f' | sed 's/^ *//' | grep -v '^$' | tr '\n' '|'
}

# A body continued: its first lines end page 1 under its line; the rest
# opens the notes of page 2, before note 2 of page 2's own text.
fo=tests/e2e/fo/footnote-continued.fo
"$REPORTPIPE" render -q --dump-area "$WORK/c.dump" "$fo" "$WORK/c.pdf" 2>"$WORK/c.err"
ok $? "a document with continued footnotes renders"
qpdf --check "$WORK/c.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
is "$(pdf_pages "$WORK/c.pdf")" 5 "five pages, as FOP makes"
is "$(lines "$WORK/c.pdf" 1 | sed 's/.*Line eight of the text.|//')" \
    "Alpha cites1 a long note.|1 First line of note one.|1 Second line of note one.|1 Third line of note one.|1 Fourth line of note one.|page 1|" \
    "page 1: the line of note 1 stays, with the first four lines of the note"
lines "$WORK/c.pdf" 2 | grep -o '1 Fifth[^|]*|1 Sixth[^|]*|2 Note two[^|]*|3 Line 1 ' >/dev/null
ok $? "page 2: the rest of note 1 first, then note 2, then note 3"
dump=$WORK/c.dump
is "$(y_of 1 '1 Fourth' | awk '{print ($1 > 198.43 - 10 && $1 <= 198.43)}')" 1 \
    "page 1: the note's last line there ends at the foot of the body"
pdf_page_text "$WORK/c.pdf" 2 | grep -q "^Bravo follows on page 2, as the fifth line does"
ok $? "an id in the continued part is cited on its page (2)"
awk '/^page / {n++} n == 2 && /^  dest .* late$/ {d = 1} END {exit !d}' "$WORK/c.dump"
ok $? "its destination is on page 2, where the link leads"
is "$(lines "$WORK/c.pdf" 3 | cut -d'|' -f1-3)" \
    "Golf is the line after it.|3 Line 7 of a note taller than a page.|3 Line 8 of a note taller than a page." \
    "a body taller than a page goes on over the pages, each with a line of text"
is "$(lines "$WORK/c.pdf" 5)" \
    "3 Line 35 of a note taller than a page.|3 Line 36 of a note taller than a page.|page 5|" \
    "after the last text, what is left of it gets a page of its own"
is "$(pdftotext -layout "$WORK/c.pdf" - | grep -o '3 Line [0-9]* of a note' | sort | uniq -c | awk '$1 == 1' | wc -l)" 36 \
    "none of its 36 lines is lost or shown twice"
# Tagged, each part of a body is a Note, read where it is.
pdfinfo -struct-text "$WORK/c.pdf" | awk '/^  [A-Z]/ {e = $1} /"1 Fifth/ {print e}' >"$WORK/c.note"
is "$(cat "$WORK/c.note")" "Note" "the continued part of a body is a Note"

# Deferred: A fits whole under its line, not one line of B, which waits
# whole for page 2 and comes before page 2's own note C; D is split at
# the foot of page 2, and page 3 would begin with a box too tall for a
# line of D's rest under it: D's rest gets page 3, the box page 4.
fo=tests/e2e/fo/footnote-deferred.fo
"$REPORTPIPE" render -q --dump-area "$WORK/d.dump" "$fo" "$WORK/d.pdf" 2>"$WORK/d.err"
ok $? "a document with deferred footnotes renders"
is "$(pdf_pages "$WORK/d.pdf")" 5 "five pages, as FOP makes"
is "$(lines "$WORK/d.pdf" 1 | sed 's/.*Line ten of the text.|//')" \
    "Kilo citesA twoB notes.|A First line of note A.|A Second line of note A.|page 1|" \
    "page 1: the line stays with note A; note B is not there"
lines "$WORK/d.pdf" 2 | grep -o 'Sierra citesD note D.|B First[^|]*|B Second[^|]*|B Third[^|]*|C Note C[^|]*|D First' >/dev/null
ok $? "page 2: note B whole, before the page's own note C, then D"
is "$(lines "$WORK/d.pdf" 3)" "D Third line of note D.|D Fourth line of note D.|page 3|" \
    "page 3: the rest of D alone, before the tall box"
lines "$WORK/d.pdf" 4 | grep -q "^Tango"
ok $? "page 4: the tall box"
finish
