#!/bin/sh
# Tagged PDF: the structure tree from the FO in reading order (headings,
# paragraphs, a list, a table with header cells, a link, a figure with
# alternative text), header, footer and watermark left out as artifacts,
# the language and the window title; a long paragraph and a table that
# run over pages stay one element each, the repeated header read once.
. "$(dirname "$0")/lib.sh"
plan 36

# The structure as a screen reader meets it: one line per element,
# indented by depth, with its text; TH cells say their scope.
reading() {
    pdfinfo -struct-text "$1" | awk '
        /^ *"/ { sub(/^ */, ""); gsub(/"/, "");
                 # the pieces of one element (one per marked-content
                 # sequence), read on: a space between unless one has it
                 if ($0 == "") next
                 text = text (text && text !~ / $/ && $0 !~ /^ / ? " " : "") $0; next }
        /^ *\/Scope/ { next }
        /^ *Object [0-9]+ 0$/ { next }
        { if (line) print line (text ? ": " text : ""); text = "";
          line = $0; sub(/ \((block|inline)\)/, "", line); sub(/:$/, "", line) }
        END { if (line) print line (text ? ": " text : "") }'
}

fo=tests/e2e/fo/tagged.fo
"$REPORTPIPE" render -q "$fo" "$WORK/t.pdf"
ok $? "the tagged sample renders"
qpdf --check "$WORK/t.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
reading "$WORK/t.pdf" >"$WORK/t.txt"
# Every mark on a page is content of an element or an artifact (the
# header, footer, DRAFT watermark, rules): none is left unmarked.
qpdf --qdf --object-streams=disable "$WORK/t.pdf" "$WORK/t-qdf.pdf"
is "$(tests/e2e/untagged-content.pl "$WORK/t-qdf.pdf" | wc -l)" 0 \
    "nothing is painted outside marked content (artifacts are marked)"
cat >"$WORK/want.txt" <<'TREE'
Document
  H1: Annual review
  P: First paragraph of the review.
  P
    Span: See the portal for more.
    Link
  L
    LI
      Lbl: 1.
      LBody
        P: First point
    LI
      Lbl: 2.
      LBody
        P: Second point
  Figure
    P: Chart
  H1: Support
  P: Tickets by priority.
  Table
    THead
      TR
        TH: Priority
        TH: Count
    TBody
      TR
        TD: High
        TD: 3
      TR
        TD: Low
        TD: 12
  P: Closing paragraph.
TREE
diff -u "$WORK/want.txt" "$WORK/t.txt" >"$WORK/diff.txt"
ok $? "the structure tree, in reading order" || cat "$WORK/diff.txt" >&2
pdfinfo -struct-text "$WORK/t.pdf" | grep -c "/Scope /Column" >"$WORK/n"
is "$(cat "$WORK/n")" 2 "both header cells have Scope Column"
grep -q "Running header" "$WORK/t.txt"
ok $((! $?)) "the running header is no structure (an artifact)"
grep -q "Footer page" "$WORK/t.txt"
ok $((! $?)) "the footer is no structure"
grep -q "DRAFT" "$WORK/t.txt"
ok $((! $?)) "the watermark is no structure"
pdftotext "$WORK/t.pdf" - | grep -q "Running header"
ok $? "the running header is still on the page"
qpdf --qdf --object-streams=disable "$WORK/t.pdf" "$WORK/q.pdf" 2>/dev/null
grep -aq "/Lang (en-GB)" "$WORK/q.pdf"
ok $? "/Lang from xml:lang on fo:root"
grep -aq "/DisplayDocTitle true" "$WORK/q.pdf"
ok $? "the title shows in the window title"
grep -aq "/Marked true" "$WORK/q.pdf"
ok $? "/MarkInfo says marked"
grep -aq "/Alt (Bar chart of tickets by month)" "$WORK/q.pdf"
ok $? "the figure has its fox:alt-text as /Alt"
grep -aq "/Title (Tagged sample)" "$WORK/q.pdf"
ok $? "the title from the XMP"

# Over pages: a paragraph and a table broken across pages, with a
# repeated header and footer.
{
    cat <<'HEAD'
<?xml version="1.0"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" language="de" country="DE" font-family="DejaVu Sans" font-size="10pt">
<fo:layout-master-set><fo:simple-page-master master-name="A5" page-width="148mm" page-height="210mm" margin="15mm"><fo:region-body margin-top="12mm"/><fo:region-before extent="10mm"/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="A5">
<fo:static-content flow-name="xsl-region-before"><fo:block>Running header text</fo:block></fo:static-content>
<fo:flow flow-name="xsl-region-body"><fo:block>
HEAD
    i=0; while [ $i -lt 60 ]; do echo "Long paragraph words that go on and on across the page break."; i=$((i + 1)); done
    cat <<'TABLE'
</fo:block><fo:table table-layout="fixed" width="100%"><fo:table-column column-width="60%"/><fo:table-column column-width="40%"/>
<fo:table-header><fo:table-row><fo:table-cell><fo:block>Name</fo:block></fo:table-cell><fo:table-cell><fo:block>Value</fo:block></fo:table-cell></fo:table-row></fo:table-header>
<fo:table-footer><fo:table-row><fo:table-cell><fo:block>Foot</fo:block></fo:table-cell><fo:table-cell><fo:block>sum</fo:block></fo:table-cell></fo:table-row></fo:table-footer>
<fo:table-body>
TABLE
    i=1; while [ $i -le 90 ]; do
        echo "<fo:table-row><fo:table-cell><fo:block>Row $i</fo:block></fo:table-cell><fo:table-cell><fo:block>$((i * 3))</fo:block></fo:table-cell></fo:table-row>"
        i=$((i + 1))
    done
    echo '</fo:table-body></fo:table><fo:block>End.</fo:block></fo:flow></fo:page-sequence></fo:root>'
} >"$WORK/long.fo"
"$REPORTPIPE" render -q "$WORK/long.fo" "$WORK/long.pdf"
ok $? "a table over several pages renders"
qpdf --check "$WORK/long.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
# The structure elements (several per table row) are packed in compressed
# object streams (pipeline/paint/pack.c), not one uncompressed object each.
elems=$(qpdf --show-xref "$WORK/long.pdf" | grep -c '; stream = ')
[ "$elems" -gt 270 ]
ok $? "the structure's objects are in object streams ($elems)"
reading "$WORK/long.pdf" >"$WORK/long.txt"
is "$(grep -c '^  [A-Za-z]' "$WORK/long.txt")" 3 "one paragraph, one table, one paragraph at the top"
is "$(grep -c '^    [A-Za-z]' "$WORK/long.txt")" 3 "the table has THead, TBody and TFoot, once each"
is "$(grep -c '^      TR' "$WORK/long.txt")" 92 "every row once: 90 in the body, the header and the footer"
is "$(grep -c 'TH: Name$' "$WORK/long.txt")" 1 "the repeated header is read once"
grep -q "Running header" "$WORK/long.txt"
ok $((! $?)) "the running header on every page is no structure"
is "$(grep -c 'Long paragraph' "$WORK/long.txt")" 1 "the paragraph over the page break is one P"
qpdf --qdf --object-streams=disable "$WORK/long.pdf" "$WORK/lq.pdf" 2>/dev/null
grep -aq "/Lang (de-DE)" "$WORK/lq.pdf"
ok $? "/Lang from language and country"

# The sample annual review, read as a screen reader meets it: its title
# and section headings in order, tables with header cells, no DRAFT
# watermark, running header or page footer.
"$REPORTPIPE" snapshot -q --output "$WORK/out" -o "$WORK/s.xml" ACC-1001 >/dev/null &&
    "$REPORTPIPE" review -q "$WORK/s.xml" "$WORK/r.pdf"
ok $? "the sample review renders"
qpdf --qdf --object-streams=disable "$WORK/r.pdf" "$WORK/r-qdf.pdf"
is "$(tests/e2e/untagged-content.pl "$WORK/r-qdf.pdf" | wc -l)" 0 \
    "the review paints nothing outside an element or an artifact"
reading "$WORK/r.pdf" >"$WORK/r.txt"
grep -E '^ *H[1-6]' "$WORK/r.txt" >"$WORK/h.txt"
cat >"$WORK/want-h.txt" <<'HEADINGS'
  H1: Annual Customer Review
  H1: Contents
  H2: 1 Executive summary
  H2: 2 The year in numbers
  H2: 3 Our relationship
  H3: Key contacts
  H3: Open opportunities
  H3: Account team
  H2: 4 Support performance
  H3: Our support team's view
  H3: SLA by priority
  H3: Monthly ticket volume
  H3: Open tickets at the end of the period
  H3: Escalations
  H2: 5 Projects and milestones
  H3: Milestones
  H2: 6 Risks and their mitigation
  H2: 7 Last year's feedback and what became of it
  H2: 8 Plan for next year
  H2: Appendix A: Ticket log
HEADINGS
diff -u "$WORK/want-h.txt" "$WORK/h.txt" >&2
ok $? "the review's headings, in reading order"
sed -n '/H3: Key contacts/,/TBody/p' "$WORK/r.txt" | grep -c 'TH: ' >"$WORK/n"
is "$(cat "$WORK/n")" 5 "the contacts table has its five header cells"
# The cover says in a line of its own that the review is a draft: that
# line is content; the watermark and the footers are not.
grep -v 'P: DRAFT · not approved$' "$WORK/r.txt" | grep -qi 'draft\|page [0-9]* of'
ok $((! $?)) "watermark and page footer are no structure"
qpdf --check "$WORK/r.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes on the review"

# The marked content and structure we write from what the painter
# counted read as Cairo's own structure tags do (REPORTPIPE_TAGGING=cairo):
# the tagged sample and the review, the same elements with the same text.
# (Spaces aside: where an element's text is in several marked-content
# sequences, reading() puts a space between them.)
REPORTPIPE_TAGGING=cairo "$REPORTPIPE" render -q "$fo" "$WORK/t-cairo.pdf"
reading "$WORK/t-cairo.pdf" | tr -d ' ' >"$WORK/t-cairo.txt"
tr -d ' ' <"$WORK/t.txt" | diff -u "$WORK/t-cairo.txt" - >&2
ok $? "the sample reads the same as with Cairo's tags"
REPORTPIPE_TAGGING=cairo "$REPORTPIPE" review -q "$WORK/s.xml" "$WORK/r-cairo.pdf"
reading "$WORK/r-cairo.pdf" | tr -d ' ' >"$WORK/r-cairo.txt"
tr -d ' ' <"$WORK/r.txt" | diff -u "$WORK/r-cairo.txt" - >&2
ok $? "the review reads the same as with Cairo's tags"

# An SVG only librsvg draws (a gradient) cannot be counted: the document
# is painted again with Cairo's tags, and is as tagged as any other.
cat >"$WORK/gradient.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20">
<defs><linearGradient id="g"><stop offset="0" stop-color="#036"/><stop offset="1" stop-color="#9cf"/></linearGradient></defs>
<rect width="100" height="20" fill="url(#g)"/></svg>
SVG
cat >"$WORK/gradient.fo" <<'FO'
<?xml version="1.0"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:fox="http://xmlgraphics.apache.org/fop/extensions" xml:lang="en" font-family="DejaVu Sans">
<fo:layout-master-set><fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm"><fo:region-body/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="A4"><fo:flow flow-name="xsl-region-body">
<fo:block>Before the bar.</fo:block>
<fo:block><fo:external-graphic src="gradient.svg" fox:alt-text="Gradient bar" content-width="60mm"/></fo:block>
<fo:block>After the bar.</fo:block>
</fo:flow></fo:page-sequence></fo:root>
FO
"$REPORTPIPE" render -q "$WORK/gradient.fo" "$WORK/g.pdf"
ok $? "a document with an SVG librsvg draws renders"
reading "$WORK/g.pdf" >"$WORK/g.txt"
grep -q "^    Figure" "$WORK/g.txt" && grep -q "P: After the bar." "$WORK/g.txt"
ok $? "  its paragraphs and its figure are elements" || cat "$WORK/g.txt" >&2
qpdf --qdf --object-streams=disable "$WORK/g.pdf" "$WORK/g-qdf.pdf"
is "$(tests/e2e/untagged-content.pl "$WORK/g-qdf.pdf" | wc -l)" 0 \
    "  nothing painted outside an element or an artifact"
grep -aq "/Alt (Gradient bar)" "$WORK/g-qdf.pdf"
ok $? "  the figure has its text alternative"
finish
