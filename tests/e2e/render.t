#!/bin/sh
# reportpipe render on a hand-written FO file: the real PDF, read back.
. "$(dirname "$0")/lib.sh"
plan 31

fo=tests/e2e/fo/basic.fo
"$REPORTPIPE" render -q --dump-area "$WORK/basic.dump" "$fo" "$WORK/basic.pdf"
ok $? "render exits 0"
is "$(pdf_pages "$WORK/basic.pdf")" 5 "five pages, as FOP 2.8 makes them"
qpdf --check "$WORK/basic.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
pdftotext -layout "$WORK/basic.pdf" "$WORK/basic.txt"
contains "$WORK/basic.txt" "Société Générale" "non-ASCII text survives"
pdf_page_text "$WORK/basic.pdf" 2 > "$WORK/p2.txt"
contains "$WORK/p2.txt" "Page 2 of 5" "footer says Page 2 of 5"
contains "$WORK/p2.txt" "Ticket" "table header repeated on page 2"
missing=0
i=1
while [ $i -le 120 ]; do
    n=$(grep -c "T-$((100000 + i)) " "$WORK/basic.txt")
    [ "$n" = 1 ] || missing=$((missing + 1))
    i=$((i + 1))
done
is "$missing" 0 "each of the 120 ticket rows appears exactly once"
bad_pages=0
for p in 1 2 3 4 5; do
    pdf_page_text "$WORK/basic.pdf" $p >"$WORK/page.txt"
    if grep -q "T-1" "$WORK/page.txt" && ! grep -q "^ *Ticket  *Subject" "$WORK/page.txt"; then
        bad_pages=$((bad_pages + 1))
    fi
done
is "$bad_pages" 0 "every page with ticket rows has the table header"
unembedded=$(pdffonts "$WORK/basic.pdf" | awk 'NR > 2 && $(NF-4) != "yes"' | wc -l)
is "$unembedded" 0 "every font is embedded"
contains "$WORK/basic.dump" "page 5 folio 5" "area dump lists every page"

SOURCE_DATE_EPOCH=1700000000 "$REPORTPIPE" render -q "$fo" "$WORK/a.pdf"
SOURCE_DATE_EPOCH=1700000000 "$REPORTPIPE" render -q "$fo" "$WORK/b.pdf"
cmp -s "$WORK/a.pdf" "$WORK/b.pdf"
ok $? "identical input gives a byte-identical PDF"
pdfinfo "$WORK/a.pdf" | grep -q "CreationDate:.*2023"
ok $? "SOURCE_DATE_EPOCH sets the creation date"

"$REPORTPIPE" render "$WORK/nope.fo" "$WORK/nope.pdf" 2>"$WORK/err"
is $? 1 "a missing FO file is an input error (exit 1)"
contains "$WORK/err" "nope.fo" "the error names the file"

# An invalid value: with --strict an input error; without, FOP's warning
# (fop-tolerance.t has more).
sed 's/space-after="12pt">Annual/space-after="lots">Annual/' "$fo" >"$WORK/bad.fo"
"$REPORTPIPE" render -q "$WORK/bad.fo" "$WORK/tolerated.pdf" 2>"$WORK/err"
is "$? $(grep -c "bad.fo:19: fo:block: 'lots' is not a valid value for space-after; ignored" "$WORK/err")" "0 1" \
    "an invalid property value is a warning naming file, line, property and value; the document renders"
"$REPORTPIPE" render --strict "$WORK/bad.fo" "$WORK/bad.pdf" 2>"$WORK/err"
is $? 1 "with --strict, an invalid property value is an input error"
grep -q "bad.fo:19: field 'space-after'" "$WORK/err"
ok $? "the error names file, line and property"
sed 's/space-after="12pt">Annual/border="5555555555555555555pt solid black" space-after="12pt">Annual/' "$fo" >"$WORK/huge.fo"
"$REPORTPIPE" render --strict "$WORK/huge.fo" "$WORK/huge.pdf" 2>"$WORK/err"
is $? 1 "a length far beyond any page is an input error"
grep -q "huge.fo:19: field 'border'" "$WORK/err"
ok $? "named with file, line and property"
sed 's/space-after="12pt">Annual/line-height="1e400" space-after="12pt">Annual/' "$fo" >"$WORK/tall.fo"
"$REPORTPIPE" render --strict "$WORK/tall.fo" "$WORK/tall.pdf" 2>"$WORK/err"
grep -q "tall.fo:19: field 'line-height'" "$WORK/err"
ok $? "so is a line-height factor that makes one"
[ ! -e "$WORK/bad.pdf" ] && [ -z "$(ls "$WORK" | grep tmp)" ]
ok $? "a failed render leaves no PDF and no temporary file behind"

# "Page N of M" keeps finished pages in a spool file under TMPDIR; with
# nowhere to put it, the document is laid out twice instead, the same.
TMPDIR="$WORK/no/such/dir" "$REPORTPIPE" render -q "$fo" "$WORK/nospool.pdf" 2>"$WORK/err"
ok $? "without room for the page spool, render still succeeds"
grep -q "cannot create the page spool.*laying the document out twice instead" "$WORK/err"
ok $? "and says why it takes longer"
pdftotext -layout "$WORK/nospool.pdf" - | cmp -s - "$WORK/basic.txt"
ok $? "with the same text on the same pages"

# fo:marker only belongs in the flow.  One in static content or inside
# another marker is ignored with one warning (it once freed a node the
# static content still held); the flow's markers still head the pages.
"$REPORTPIPE" render tests/e2e/fo/stray-markers.fo "$WORK/stray.pdf" 2>"$WORK/err"
ok $? "markers outside the flow do not stop the render"
is "$(grep -c 'stray-markers.fo:14: fo:marker is allowed only in fo:flow' "$WORK/err")" 1 \
    "they are named once, with file and line"
is "$(pdftotext "$WORK/stray.pdf" - | tr -d '\f' | grep '^Header' | tr '\n' '|')" \
    "Header: Service levels|Header: Risks|" "the flow's markers head each page"

# Markers in table cells head the pages their rows start on (they were
# lost, and freed twice when the row was held whole).
"$REPORTPIPE" render -q tests/e2e/fo/cell-markers.fo "$WORK/cells.pdf"
ok $? "markers in table cells render"
is "$(pdftotext "$WORK/cells.pdf" - | tr -d '\f' | grep '^Account' | tr '\n' '|')" \
    "Account: Acme|Account: Globex|" "a cell's marker heads the page its row starts on"

printf '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format">\n<fo:layout-master-set>\n<oops' >"$WORK/cut.fo"
"$REPORTPIPE" render "$WORK/cut.fo" "$WORK/cut.pdf" 2>"$WORK/err"
is $? 1 "a truncated FO file is an input error"
is "$(cat "$WORK/err")" "reportpipe: error: $WORK/cut.fo:3: not well-formed XML: Couldn't find end of Start Tag oops" \
    "one message, with file and line, and no parser noise"
finish
