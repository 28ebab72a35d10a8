#!/bin/sh
# Content FOP lays out that was skipped or laid out differently before
# (issue 19): blocks inside inlines and wrappers, markers holding blocks,
# cells straight in a table body, block-container height, break-before on
# table rows, force-page-count="auto", ids on list and table parts.
. "$(dirname "$0")/lib.sh"
plan 36

# 1. Blocks inside fo:inline, fo:wrapper and fo:basic-link.
fo=tests/e2e/fo/inline-blocks.fo
"$REPORTPIPE" render --dump-area "$WORK/ib.dump" "$fo" "$WORK/ib.pdf" 2>"$WORK/ib.err"
ok $? "blocks inside inlines render"
grep -q "not laid out" "$WORK/ib.err"
ok $((! $?)) "no block is skipped"
pdftotext -layout "$WORK/ib.pdf" "$WORK/ib.txt"
is "$(grep -c -e '^ *Before the inline bold start$' -e '^ *Inner block one$' -e '^bold end after the inline\.$' "$WORK/ib.txt")" 3 \
    "the block ends the inline's line; its text goes on on a new line"
awk '/"Inner block one"/ {x = $2} /"Before the inline/ {b = $2} END {exit !(x - b > 11.9 && x - b < 12.1)}' "$WORK/ib.dump"
ok $? "the inner block keeps its own start-indent"
contains "$WORK/ib.txt" "on page 1." "an id on a block in a wrapper is cited"
grep -q '^  link .* dest synopsis-args$' "$WORK/ib.dump"
ok $? "a link around a block covers it"

# 2. Markers whose content is blocks, retrieved in static content.
fo=tests/e2e/fo/marker-blocks.fo
"$REPORTPIPE" render -q --dump-area "$WORK/mb.dump" "$fo" "$WORK/mb.pdf"
ok $? "markers holding blocks render"
pdf_page_text "$WORK/mb.pdf" 1 >"$WORK/mb1.txt"
is "$(grep -c -e 'Chapter One$' -e 'the beginning$' "$WORK/mb1.txt")" 3 \
    "page 1's head shows the marker's two blocks"
awk '/"the beginning"/ {r = $2 + substr($4, 3); exit} END {exit !(r > 269 && r < 269.4)}' "$WORK/mb.dump"
ok $? "a retrieved block keeps its text-align (end of the region)"
pdf_page_text "$WORK/mb.pdf" 2 | grep -q "Running head: Chapter Two, as text"
ok $? "a marker of text still takes the retrieve-marker's line"
# Resolved again under the retrieve-marker, as FOP does: the header's
# 8pt, not the 10pt where the marker is (10pt would be 70.74 wide).
awk '/"Chapter One"/ && $3 < 60 {w = substr($4, 3)} END {exit !(w > 56.5 && w < 56.7)}' "$WORK/mb.dump"
ok $? "a retrieved block takes the header's font size"

# 2b. A marker defined in a 9pt blue block, retrieved in a 14pt red
# centred header: 14pt, red, centred there, but for what it sets itself.
fo=tests/e2e/fo/marker-context.fo
"$REPORTPIPE" render -q --dump-area "$WORK/mc.dump" "$fo" "$WORK/mc.pdf"
ok $? "marker content resolved where retrieved renders"
awk '/"A block"/ {c = $2 + substr($4, 3) / 2} END {exit !(c > 148.7 && c < 148.9)}' "$WORK/mc.dump"
ok $? "a retrieved block that sets nothing is centred as the header is"
pdftotext -f 1 -l 1 -bbox "$WORK/mc.pdf" - | awk -F'"' '/>bold</ {h = $8 - $4} END {exit !(h > 16 && h < 17.5)}'
ok $? "a retrieved inline keeps its weight and takes the header's 14pt"

# 2c. A marker that retrieves itself: ignored inside, no endless loop.
fo=tests/e2e/fo/marker-retrieves-itself.fo
"$REPORTPIPE" render "$fo" "$WORK/mr.pdf" 2>"$WORK/mr.err"
ok $? "a marker holding a retrieve-marker renders"
pdf_page_text "$WORK/mr.pdf" 1 | tr -s ' \n' ' ' | grep -q "Head: before after its block too"
ok $? "the rest of the marker shows, the inner retrieve-marker is ignored"

# 3. Cells straight in a table body: rows by starts-row, ends-row and
# the column count, laid out as the same table written with rows.
fo=tests/e2e/fo/loose-cells.fo
"$REPORTPIPE" render --dump-area "$WORK/lc.dump" "$fo" "$WORK/lc.pdf" 2>"$WORK/lc.err"
ok $? "a table of cells without rows renders"
grep -q -e "not supported" -e "skipped" "$WORK/lc.err"
ok $((! $?)) "without a warning"
awk '/^  text / {n++; y[n] = $3; l[n] = $2 " " $5 " " $6 " " $7}
     END {for (i = 1; i <= 8; i++) if (l[i] != l[i + 8] || sprintf("%.2f", y[i + 8] - y[i]) != sprintf("%.2f", y[9] - y[1])) exit 1; exit n != 16}' "$WORK/lc.dump"
ok $? "its cells stand as in the table written with rows"

# 4. In-flow block-containers with a height: DocBook's spacer, a height,
# and FOP's optimum of block- and inline-progression-dimension.
fo=tests/e2e/fo/container-height.fo
"$REPORTPIPE" render --dump-area "$WORK/ch.dump" "$fo" "$WORK/ch.pdf" 2>"$WORK/ch.err"
ok $? "block-containers with a height render"
grep -q "not supported" "$WORK/ch.err"
ok $((! $?)) "the optimum of a dimension is not warned about"
ys=$(awk '/^  text / {printf "%s ", $3}' "$WORK/ch.dump")
awk -v ys="$ys" 'BEGIN {split(ys, y, " ");
    # the spacer: 1in, and a line; each container: 2cm, its borders, a line
    exit !(y[3] - y[1] > 83.9 && y[3] - y[1] < 84.1 &&
           y[5] - y[4] > 57.6 && y[5] - y[4] < 57.8 &&
           (y[7] - y[6]) - (y[5] - y[4]) < 0.02 && (y[5] - y[4]) - (y[7] - y[6]) < 0.02)}'
ok $? "the spacer, height and block-progression-dimension.optimum each take their height"
grep -q '^  rule 42.52 209.71 -> 186.25 209.71 1.00 solid #0000ff$' "$WORK/ch.dump"
ok $? "inline-progression-dimension.optimum gives the width (50mm and the borders)"

# 5. break-before and break-after on table rows, as FOP breaks them.
fo=tests/e2e/fo/row-breaks.fo
"$REPORTPIPE" render -q --dump-area "$WORK/rb.dump" "$fo" "$WORK/rb.pdf"
ok $? "a table with row breaks renders"
is "$(pdf_pages "$WORK/rb.pdf")" 4 "four pages, as FOP makes them"
rows=""
for p in 1 2 3 4; do
    rows="$rows$p:$(pdf_page_text "$WORK/rb.pdf" $p | awk '/^ *(r[0-9]|Key|continued|After)/ {printf "%s,", $1}') "
done
is "$rows" "1:Key,r1,r2,continued, 2:Key,r3,r4,r5,continued, 3:Key,r6,continued, 4:After, " \
    "rows break where asked; the footer closes and the header opens each page"

# 6. force-page-count="auto" ends a sequence on the parity the next
# sequence's initial-page-number asks for (the pages FOP makes).
fo=tests/e2e/fo/force-auto.fo
"$REPORTPIPE" render -q "$fo" "$WORK/fa.pdf"
ok $? "page sequences with force-page-count auto render"
is "$(pdf_pages "$WORK/fa.pdf")" 10 "ten pages, as FOP makes them"
is "$(pdf_page_text "$WORK/fa.pdf" 2 | tr -s ' \n\f' ' ')" "blank page 2 of sequence one " \
    "before a sequence starting at 1, sequence one ends on a blank page 2 of its own"
is "$(pdf_page_text "$WORK/fa.pdf" 5 | tr -s ' \n\f' ' ')" "blank page iii of sequence two " \
    "before auto-even, sequence two ends on a blank odd page"
pdftotext "$WORK/fa.pdf" - | tr -s ' \n\f' ' ' | grep -q "start on pages 1, i, 4, 5, 7, 2; one ends on 2, two on iii\."
ok $? "auto, auto-odd after an even end, and no-force add no page"

# 7. ids on list labels and bodies, tables and their parts, rows, cells
# and blocks in cells: citation targets and PDF destinations.
fo=tests/e2e/fo/part-ids.fo
"$REPORTPIPE" render --dump-area "$WORK/pi.dump" "$fo" "$WORK/pi.pdf" 2>"$WORK/pi.err"
ok $? "ids on list and table parts render"
grep -q "which no element has" "$WORK/pi.err"
ok $((! $?)) "every id is found"
pdf_page_text "$WORK/pi.pdf" 3 | tr -s ' \n\f' ' ' >"$WORK/pi.txt"
contains "$WORK/pi.txt" "label 2, body 2, table 2-2, header 2, footer 2, body 2, row1 2, row2 2, cell1 2, cell2 2, block in a cell 2." \
    "each is cited with its page"
is "$(grep -c '^  dest ' "$WORK/pi.dump")" 11 "each is a destination, once"
grep -q '^  link .* dest cell2$' "$WORK/pi.dump"
ok $? "a link to a cell's id is kept"

finish
