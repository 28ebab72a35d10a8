#!/bin/sh
# tests/docbook/words.sh, the word list the FOP comparisons count
# (docbook.t, bench/fop-compare.sh): a word hyphenated at a line end is
# one word, also when the line is the last of a page and the word goes on
# below the next page's running header (tests/e2e/fo/page-hyphen.fo).
. "$(dirname "$0")/lib.sh"
plan 4

"$REPORTPIPE" render -q tests/e2e/fo/page-hyphen.fo "$WORK/h.pdf" 2>"$WORK/h.err"
ok $? "the document renders"
tests/docbook/words.sh "$WORK/h.pdf" >"$WORK/h.words"
ok $? "words.sh reads it"
is "$(tr '\n' ' ' <"$WORK/h.words")" \
    "Chapter Handbook Two alpha beta delta epsilon gamma support " \
    "hyphenated words are joined, within a page and across one"
grep -qx 'sup\|port\|gam\|ma' "$WORK/h.words"
ok $((! $?)) "no piece of a hyphenated word is counted as a word"
finish
