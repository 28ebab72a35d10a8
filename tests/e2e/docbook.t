#!/bin/sh
# Real stylesheets: DocBook documents turned into FO by Debian's DocBook
# XSL stylesheets (as for Apache FOP, fop1.extensions), rendered by us and
# compared with FOP's results recorded in tests/docbook/*.fop-* (made by
# tests/docbook/golden.sh): the same page count, the same words.
. "$(dirname "$0")/lib.sh"
plan 23

for name in article book notes; do
    tests/docbook/fo.sh "tests/docbook/$name.xml" "$WORK/$name.fo"
    ok $? "$name: DocBook XSL makes FO"
    "$REPORTPIPE" render -q "$WORK/$name.fo" "$WORK/$name.pdf" 2>"$WORK/$name.err"
    ok $? "$name: renders"
    qpdf --check "$WORK/$name.pdf" >/dev/null 2>&1
    ok $? "$name: qpdf --check passes"
    is "$(pdf_pages "$WORK/$name.pdf")" "$(cat "tests/docbook/$name.fop-pages")" \
        "$name: as many pages as Apache FOP"
    tests/docbook/words.sh "$WORK/$name.pdf" >"$WORK/$name.words"
    total=$(wc -l <"tests/docbook/$name.fop-words")
    differ=$(comm -3 "tests/docbook/$name.fop-words" "$WORK/$name.words" | wc -l)
    # Words hyphenated across a page break or a URL broken elsewhere may
    # differ; anything more is a real difference.
    [ "$differ" -le $((total / 20 + 2)) ]
    ok $? "$name: the same words as Apache FOP ($differ of $total differ)"
    if [ "$differ" -gt 0 ]; then
        comm -3 "tests/docbook/$name.fop-words" "$WORK/$name.words" | sed 's/^/#   /'
    fi
    qpdf --json "$WORK/$name.pdf" 2>/dev/null | grep -q '"title": "Table of Contents"'
    ok $? "$name: the DocBook bookmarks become the PDF outline"
    # Every gap DocBook runs into is known and listed; a new one fails.
    sed -n "s/.*property '\([^']*\)'.*not supported.*/\1/p; s/.*element \([^ ]*\) is not supported.*/\1/p" \
        "$WORK/$name.err" | sort -u >"$WORK/$name.gaps"
    cmp -s "$WORK/$name.gaps" tests/docbook/known-gaps.txt
    ok $? "$name: the only FO it uses that we lack is in tests/docbook/known-gaps.txt"
    comm -23 "$WORK/$name.gaps" tests/docbook/known-gaps.txt | sed 's/^/#   new gap: /'
done
pdftotext "$WORK/book.pdf" - | grep -q "^iii$"
ok $? "book: front matter numbered in lower-case roman (format=i)"
pdftotext -layout "$WORK/book.pdf" - | grep -q "Section 3.2  *\.*  *[0-9]"
ok $? "book: the table of contents has leaders and page numbers"
finish
