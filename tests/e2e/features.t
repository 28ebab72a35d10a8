#!/bin/sh
# Render features beyond the basics, each on a small FO file of its own:
# lists, links, bookmarks, metadata, inline decorations, kept whitespace.
. "$(dirname "$0")/lib.sh"
plan 72

# Lists: labels in their column, bodies at body-start(), nested lists.
"$REPORTPIPE" render -q --dump-area "$WORK/lists.dump" tests/e2e/fo/lists.fo "$WORK/lists.pdf"
ok $? "lists render"
bullet=$(awk '/text .* "•"/ {print $3; exit}' "$WORK/lists.dump")
body=$(awk '/text .* "Reduce P1/ {print $2 " " $3; exit}' "$WORK/lists.dump")
is "$bullet" "$(echo "$body" | cut -d' ' -f2)" "a bullet sits on the baseline of its item's first line"
awk '/"•"/ {b = $2} /"Reduce P1/ {r = $2} END {exit !(b + 0 < r + 0 && r - b > 17.9 && r - b < 18.1)}' "$WORK/lists.dump"
ok $? "the body starts provisional-distance-between-starts (18pt) right of the label"
awk '/"a\)"/ {a = $2} /"export to XLSX"/ {e = $2} /"Migrate/ {m = $2} END {exit !(a > m && e > a)}' "$WORK/lists.dump"
ok $? "a nested list is indented inside its parent item's body"
pdftotext -layout "$WORK/lists.pdf" - | grep -q "10\. *Tenth numbered item"
ok $? "numbered labels end-aligned beside their bodies"

# Links, destinations, bookmarks and metadata.
"$REPORTPIPE" render -q --dump-area "$WORK/links.dump" tests/e2e/fo/links.fo "$WORK/links.pdf"
ok $? "links render"
qpdf --check "$WORK/links.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes on a PDF with links and an outline"
is "$(grep -c '^  link ' "$WORK/links.dump")" 3 "three link areas"
contains "$WORK/links.dump" "uri https://example.com/docs" "external-destination url('...') becomes a URI link"
pdfinfo -dests "$WORK/links.pdf" >"$WORK/dests.txt" 2>&1
grep -q '^ *1 .*"intro"' "$WORK/dests.txt" && grep -q '^ *2 .*"details"' "$WORK/dests.txt"
ok $? "ids become named destinations on their pages"
# With "Page N of M" the pages wait in the spool: links are checked when
# they are painted, a forward one kept, one to nowhere dropped with a word.
cat >"$WORK/spooled-links.fo" <<'EOF'
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="DejaVu Sans">
<fo:layout-master-set><fo:simple-page-master master-name="p" page-width="150mm" page-height="100mm" margin="10mm">
<fo:region-body margin-bottom="10mm"/><fo:region-after extent="8mm"/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="p" id="all">
<fo:static-content flow-name="xsl-region-after"><fo:block>Page <fo:page-number/> of <fo:page-number-citation-last ref-id="all"/></fo:block></fo:static-content>
<fo:flow flow-name="xsl-region-body">
<fo:block>Go <fo:basic-link internal-destination="later">forward</fo:basic-link> or <fo:basic-link internal-destination="nowhere">nowhere</fo:basic-link>.</fo:block>
<fo:block id="later" break-before="page">Later</fo:block>
</fo:flow></fo:page-sequence></fo:root>
EOF
"$REPORTPIPE" render -q --dump-area "$WORK/spooled-links.dump" "$WORK/spooled-links.fo" "$WORK/spooled-links.pdf" 2>"$WORK/err"
ok $? "a spooled document with links renders"
is "$(grep -c "internal destination 'nowhere'" "$WORK/err")" 1 "the link to nowhere is reported once"
is "$(grep -c '^  link .* dest later$' "$WORK/spooled-links.dump") $(grep -c '^  link ' "$WORK/spooled-links.dump")" "1 1" \
    "the forward link is kept, the one to nowhere dropped"
qpdf --check "$WORK/spooled-links.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
pdfinfo "$WORK/links.pdf" >"$WORK/info.txt"
contains "$WORK/info.txt" "Title:           Links and bookmarks" "dc:title becomes the PDF title"
contains "$WORK/info.txt" "Author:          reportpipe tests" "dc:creator becomes the author"
contains "$WORK/info.txt" "Keywords:        links, bookmarks" "pdf:Keywords become the keywords"
qpdf --json "$WORK/links.pdf" >"$WORK/links.json" 2>/dev/null
perl -0ne 'exit !(/"title": "Introduction"/ && /"title": "Details"/ && /"title": "Online documentation"/)' "$WORK/links.json"
ok $? "the bookmark tree becomes the PDF outline"
pdftotext "$WORK/links.pdf" - | grep -q "details on page 2"
ok $? "a citation inside a link resolves"

# Inline features.
pdftotext -layout "$WORK/links.pdf" "$WORK/links.txt"
contains "$WORK/links.txt" "§7." "fo:character inserts its character"
contains "$WORK/links.txt" "    indented line two" "white-space-collapse=false keeps spaces"
grep -q "^line one" "$WORK/links.txt"
ok $? "linefeed-treatment=preserve keeps line breaks"

# A dump to a device is written in place, not renamed over it.
"$REPORTPIPE" render -q --dump-area /dev/stdout tests/e2e/fo/links.fo "$WORK/x.pdf" | grep -q "^page 2"
ok $? "--dump-area /dev/stdout writes to standard output"

# Page sequence masters: first page, odd/even alternatives, blank pages,
# auto-odd and Page N of M per sequence.
"$REPORTPIPE" render -q tests/e2e/fo/masters.fo "$WORK/masters.pdf"
ok $? "page sequence masters render"
# The blank page 6 before the auto-odd appendix is the report's own
# (force-page-count="auto"), the appendix's force-page-count="even" adds
# page 8: the pages FOP makes.
is "$(pdf_pages "$WORK/masters.pdf")" 8 "eight pages"
pdf_page_text "$WORK/masters.pdf" 1 | grep -q "Title page header"
ok $? "page 1 uses the first-page master and its region-name"
pdf_page_text "$WORK/masters.pdf" 2 | grep -q "even header"
ok $? "page 2 uses the even master"
pdf_page_text "$WORK/masters.pdf" 3 | grep -q "odd header"
ok $? "page 3 uses the odd master"
pdf_page_text "$WORK/masters.pdf" 4 | grep -q "intentionally left blank"
ok $? "break-before=odd-page inserts a blank page with the blank master"
pdf_page_text "$WORK/masters.pdf" 5 | grep -q "Page 5 of 6"
ok $? "Page N of M counts the sequence's own pages"
pdf_page_text "$WORK/masters.pdf" 7 | grep -q "Appendix starts on an odd page"
ok $? "initial-page-number=auto-odd starts the next sequence on an odd page"

# Leaders and markers: a table of contents and running headers.
"$REPORTPIPE" render -q --dump-area "$WORK/toc.dump" tests/e2e/fo/toc.fo "$WORK/toc.pdf"
ok $? "a table of contents renders"
pdf_page_text "$WORK/toc.pdf" 1 >"$WORK/toc1.txt"
grep -q "^1 Support summary \.\.\.* 2$" "$WORK/toc1.txt" && grep -q "2.1 Risks \.\.\.* 3$" "$WORK/toc1.txt"
ok $? "TOC entries end with their page numbers at the right margin"
is "$(grep -c '^  text .* "\.\.*"$' "$WORK/toc.dump")" 3 "three dot leaders"
pdftotext -f 1 -l 1 "$WORK/toc.pdf" - | grep -q "^1 Support summary \.\.\.* 2$"
ok $? "dot leaders are '.' glyphs: a TOC entry extracts as one line of text"
grep -q "rule .* 0.50 solid" "$WORK/toc.dump"
ok $? "a rule leader of the given thickness"
pdf_page_text "$WORK/toc.pdf" 3 | head -1 | grep -q "2 Service levels"
ok $? "retrieve-marker shows the chapter starting on the page"
pdf_page_text "$WORK/toc.pdf" 4 | head -1 | grep -q "2 Service levels"
ok $? "a page without a marker carries the previous one over"

# Hyphenation with libhyphen's patterns (Debian hyphen-en-us).
"$REPORTPIPE" render -q tests/e2e/fo/hyphen.fo "$WORK/hyphen.pdf" 2>"$WORK/hyphen.err"
ok $? "a hyphenated paragraph renders"
pdftotext -layout "$WORK/hyphen.pdf" - | sed -n 1,7p | grep -q "[a-z]-$"
ok $? "hyphenate=true breaks words at pattern points"
pdftotext "$WORK/hyphen.pdf" - | grep -q "$(printf '\302\255')"
[ $? -ne 0 ]
ok $? "the hyphen at a break is '-' in the text layer, not U+00AD (as FOP writes it)"
pdftotext -layout "$WORK/hyphen.pdf" - | sed -n 8,12p | grep -q "[a-z]-$"
[ $? -ne 0 ]
ok $? "hyphenate=false leaves words whole"
contains "$WORK/hyphen.err" "no hyphenation patterns for language 'xx'" \
    "a language without patterns is reported"

# Text: the font shorthand, letter spacing, bidi and non-Latin scripts.
"$REPORTPIPE" render -q --dump-area "$WORK/text.dump" tests/e2e/fo/text.fo "$WORK/text.pdf"
ok $? "scripts and text properties render"
pdffonts "$WORK/text.pdf" | grep -q "DejaVuSerif-BoldItalic"
ok $? "font=\"italic bold 14pt/20pt DejaVu Serif\" selects the bold italic serif"
pdftotext "$WORK/text.pdf" "$WORK/text.txt"
grep -q "שלום" "$WORK/text.txt" && grep -q "Привет" "$WORK/text.txt" && grep -q "Καλημέρα" "$WORK/text.txt"
ok $? "Hebrew, Cyrillic and Greek come through"
grep -q "مرحبا" "$WORK/text.txt"
ok $? "Arabic is shaped and comes through"
awk '/"Font shorthand/ {a = $3} /"S p a c e d|"Spaced out"/ {b = $3} END {exit !(b - a > 14.3 && b - a < 14.8)}' "$WORK/text.dump"
ok $? "the shorthand's line height (20pt, not 1.2 x 14pt) spaces the lines"

# Tables: row and column spans, display-align, collapsed and separate borders.
"$REPORTPIPE" render -q --dump-area "$WORK/spans.dump" tests/e2e/fo/spans.fo "$WORK/spans.pdf"
ok $? "spanning cells render"
awk '/"Row 1"/ {r1 = $3} /"Spans three/ {s = $3} /"Row 4"/ {r4 = $3} END {exit !(s > r1 + 10 && s < r4 - 10)}' "$WORK/spans.dump"
ok $? "a cell spanning three rows is centred across them"
awk '/"Row 3: a wider/ {r3 = $3} /"mid"/ {m = $3} END {exit !(m > r3 + 5)}' "$WORK/spans.dump"
ok $? "display-align=center centres a cell in a taller row"
awk '/"Row 2 spans two columns"/ {x = $2} /"Row 1"/ {x1 = $2} END {exit !(x == x1)}' "$WORK/spans.dump"
ok $? "a row after a row-spanning cell starts in the next free column"

# A row taller than the rest of the page continues under the repeated header.
"$REPORTPIPE" render -q tests/e2e/fo/rowsplit.fo "$WORK/rowsplit.pdf"
ok $? "a table with a row taller than a page renders"
is "$(pdf_pages "$WORK/rowsplit.pdf")" 2 "two pages"
pdf_page_text "$WORK/rowsplit.pdf" 2 >"$WORK/rs2.txt"
grep -q "^Key  *Narrative" "$WORK/rs2.txt" && grep -q "line24" "$WORK/rs2.txt" &&
    ! pdf_page_text "$WORK/rowsplit.pdf" 1 | grep -q "line24"
ok $? "the cell's lines continue on page 2 under the repeated header"
is "$(pdftotext "$WORK/rowsplit.pdf" - | grep -c '^line[0-9]')" 24 "every line of the split cell appears once"

# Table footers repeat at the foot of every page the table breaks across.
"$REPORTPIPE" render -q tests/e2e/fo/footer.fo "$WORK/footer.pdf"
ok $? "a table with a footer renders"
bad=0
for p in 1 2 3 4 5; do
    t=$(pdf_page_text "$WORK/footer.pdf" $p)
    echo "$t" | grep -q "Footer line" && echo "$t" | grep -q "^ *Row  *Value" || bad=$((bad + 1))
done
is "$bad" 0 "header and footer on each of the five pages of the table"
is "$(pdftotext "$WORK/footer.pdf" - | grep -c '^R[0-9]')" 60 "every body row once"

# Automatic table layout: columns sized from their content.
"$REPORTPIPE" render -q --dump-area "$WORK/auto.dump" tests/e2e/fo/autotable.fo "$WORK/auto.pdf"
ok $? "automatic and fixed tables render"
awk '/"P1"/ && !p {p = $2} /"A subject/ {s = $2} /"2026-01-05"/ && !d {d = $2}
     END {exit !(s - p < 25 && d - s > 200)}' "$WORK/auto.dump"
ok $? "auto layout: a narrow column for P1, the width goes to the subject"
awk '/"Fixed layout/ {f = $2} END {exit !(f > 150)}' "$WORK/auto.dump"
ok $? "table-layout=fixed shares the width equally"

# Collapsed borders of table, header, body and footer join the cells' on
# the grid lines: the wider wins; on a tie cell, row, part, then table.
"$REPORTPIPE" render -q --dump-area "$WORK/frames.dump" tests/e2e/fo/frames.fo "$WORK/frames.pdf"
ok $? "tables with part and table borders render"
# rule X1 Y1 -> X2 Y2 WIDTH STYLE COLOUR, first table's grid 57.69..537.58.
# As FOP's: the flow starts at 56.69; grid lines at 0, 20.5, 42 and 64 from
# the table's top, each row holding half of the borders on its grid lines,
# the outer halves of the table's top and bottom outside its area.
grep -q "rule 57.69 56.69 -> 537.58 56.69 2.00 solid #0000ff" "$WORK/frames.dump"
ok $? "the table's top border lies on the first (header) row's top grid line, the table's top"
grep -q "rule 57.69 56.69 -> 57.69 77.19 2.00 solid #0000ff" "$WORK/frames.dump"
ok $? "the table's side border wins over the header cells' thinner ones"
grep -q "rule 57.69 77.19 -> 537.58 77.19 1.50 solid #00ff00" "$WORK/frames.dump" &&
    grep -q "rule 57.69 77.19 -> 537.58 77.19 3.00 solid #ff0000" "$WORK/frames.dump"
ok $? "header bottom and the wider body top meet on one grid line"
grep -q "rule 57.69 77.19 -> 57.69 98.69 3.00 solid #ff0000" "$WORK/frames.dump"
ok $? "the body's 3pt side wins over the table's 2pt"
grep -q "rule 57.69 120.69 -> 297.64 120.69 3.00 solid #ff0000" "$WORK/frames.dump" &&
    ! grep -q "rule 297.64 120.69 -> 537.58 120.69 3.00" "$WORK/frames.dump"
ok $? "the body's bottom closes the table except where a 4pt cell border wins"
grep -q "rule 57.19 152.44 -> 538.08 152.44 2.50 solid #00ffff" "$WORK/frames.dump" &&
    grep -q "rule 57.19 172.19 -> 538.08 172.19 1.00 solid #0000ff" "$WORK/frames.dump"
ok $? "with a footer, the footer's top and the table's bottom close it"
# The first table is 64pt tall, as FOP's: the second starts its 12pt
# space-before below (56.69 + 64 + 12), its body row and footer 19.75 each.
grep -q "rule 57.19 132.69 -> 538.08 132.69 1.00 solid #0000ff" "$WORK/frames.dump"
ok $? "the tables are as tall as FOP's (64pt, then 39.5pt)"
grep -q "rect 57.69 77.19 479.89x21.50 #ffeecc" "$WORK/frames.dump" &&
    grep -q "rect 57.69 98.69 479.89x22.00 #ccffcc" "$WORK/frames.dump"
ok $? "the body's background under its rows, a row's own over it"

# A collapsed row waits for the next before it goes down the page (it
# grows to hold half of the next row's top border): the body's id still
# ends with its last row, alone on page 2 here.
rows=$(seq 1 18 | sed 's|.*|<fo:table-row><fo:table-cell border="0.5pt solid black"><fo:block>row &</fo:block></fo:table-cell></fo:table-row>|')
cat >"$WORK/last-row.fo" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="DejaVu Sans" font-size="10pt">
  <fo:layout-master-set><fo:simple-page-master master-name="p" page-width="100mm" page-height="100mm" margin="10mm"><fo:region-body/></fo:simple-page-master></fo:layout-master-set>
  <fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
    <fo:block>x</fo:block>
    <fo:table width="100%"><fo:table-body id="tb">$rows</fo:table-body></fo:table>
    <fo:block>first <fo:page-number-citation ref-id="tb"/> last <fo:page-number-citation-last ref-id="tb"/></fo:block>
  </fo:flow></fo:page-sequence>
</fo:root>
EOF
"$REPORTPIPE" render -q "$WORK/last-row.fo" "$WORK/last-row.pdf" &&
    [ "$(pdftotext -f 2 -l 2 "$WORK/last-row.pdf" - | grep '^row')" = "row 18" ] &&
    pdftotext "$WORK/last-row.pdf" - | grep -q "first 1 last 2"
ok $? "a body's id ends on the page of its last row, which went down the page last"
finish
