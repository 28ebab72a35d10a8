#!/bin/sh
# A long table end to end: the standard ticket-table review with 5,000
# rows (bench/ticket-table-fo.pl), read back from the real PDF.
. "$(dirname "$0")/lib.sh"
plan 6

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
finish
