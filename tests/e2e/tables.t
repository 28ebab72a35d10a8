#!/bin/sh
# A long table end to end: the standard ticket-table review with 5,000
# rows (bench/ticket-table-fo.pl), read back from the real PDF.
. "$(dirname "$0")/lib.sh"
plan 7

bench/ticket-table-fo.pl 5000 >"$WORK/t.fo"
"$REPORTPIPE" render -q "$WORK/t.fo" "$WORK/t.pdf"
ok $? "a 5,000-row ticket table renders"
pages=$(pdf_pages "$WORK/t.pdf")
[ "$pages" -gt 100 ]
ok $? "it takes many pages ($pages)"
pdftotext -layout "$WORK/t.pdf" "$WORK/t.txt"
ids=$(grep -o 'T-[0-9]\{6\}' "$WORK/t.txt" | sort | uniq -c | awk '$1 == 1' | wc -l)
is "$ids" 5000 "every ticket id appears exactly once"
headers=$(grep -c '^ *Ticket  *Created  *Pri\.  *Category  *Subject' "$WORK/t.txt")
is "$headers" "$pages" "the ticket table's header is on every page"
grep -q "Page $pages of $pages" "$WORK/t.txt"
ok $? "the last page says Page $pages of $pages"
is "$(grep -c "Page [0-9]* of $pages\$" "$WORK/t.txt")" "$pages" "every footer counts the same total"

# A table without fo:table-column sizes its columns from a sample of its
# first hundred rows, kept aside; the hundredth, read from the file, lets
# the sample go while the reader still held it (a use after free that
# ASan saw, make asan).
{
    echo '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set>'
    echo '<fo:simple-page-master master-name="p" page-width="200pt" page-height="400pt" margin="10pt">'
    echo '<fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="p">'
    echo '<fo:flow flow-name="xsl-region-body"><fo:table><fo:table-body>'
    i=0
    while [ $i -lt 300 ]; do
        echo "<fo:table-row><fo:table-cell><fo:block>row $i</fo:block></fo:table-cell><fo:table-cell><fo:block>x</fo:block></fo:table-cell></fo:table-row>"
        i=$((i + 1))
    done
    echo '</fo:table-body></fo:table></fo:flow></fo:page-sequence></fo:root>'
} >"$WORK/auto.fo"
"$REPORTPIPE" render -q "$WORK/auto.fo" "$WORK/auto.pdf" &&
    [ "$(pdftotext "$WORK/auto.pdf" - | grep -o 'row [0-9]*' | sort -u | wc -l)" = 300 ]
ok $? "a 300-row table sized from its first hundred rows renders every row"
finish
