#!/bin/sh
# Long text and deep nesting: every character of a paragraph is laid out
# however long the paragraph or its words (a word wider than its line
# overflows it whole), in time linear in their length, and FO nested too
# deep for layout is an input error, not a crash.  (Before: 2 sentences of 10,000 in the PDF, a 200,000-letter
# word in 32 s, a SIGSEGV at 6,000 nested blocks.)
. "$(dirname "$0")/lib.sh"
plan 13

gen=tests/e2e/longtext.pl
# Letters, digits and punctuation of the FO's paragraph (pdftotext puts
# line breaks where spaces were, and may join hyphenated lines).
fo_chars() { perl -ne 'print $1 if /<fo:block[^>]*>([^<]+)</' "$1" | tr -d ' \n-' | wc -c; }
pdf_chars() { pdftotext "$1" - | tr -d ' \n\f-' | wc -c; }
now() { date +%s.%N; }

# Pango measures in ints of 1/1024 pt: past about 2 million points of
# text before it breaks lines, the rest of a paragraph went onto one line
# off the page.  At 20pt, 4,000 sentences are some 5 million points.
$gen sentences 4000 20 >"$WORK/sentences.fo"
"$REPORTPIPE" render -q "$WORK/sentences.fo" "$WORK/sentences.pdf"
ok $? "a paragraph of 4,000 sentences renders"
is "$(pdf_chars "$WORK/sentences.pdf")" "$(fo_chars "$WORK/sentences.fo")" \
    "every character of it is in the PDF"
pdftotext "$WORK/sentences.pdf" - | grep -q "Sentence 4000: the quick"
ok $? "down to the last sentence"
[ "$(pdf_pages "$WORK/sentences.pdf")" -gt 100 ]
ok $? "on page after page"

# A word wider than its line is not broken between letters: it overflows
# whole, as in FOP, and off the page; the dump shows every letter laid out.
dump_chars() { sed -n 's/^  text [^"]*"\(.*\)"$/\1/p' "$1" | tr -d ' \n-' | wc -c; }
$gen word 150000 30 >"$WORK/word.fo"
"$REPORTPIPE" render -q --dump-area "$WORK/word.dump" "$WORK/word.fo" "$WORK/word.pdf" 2>/dev/null
ok $? "one word of 150,000 letters at 30pt renders"
is "$(dump_chars "$WORK/word.dump")" 150000 "every letter of it is laid out"

# Pango shaped the rest of a word wider than its line again for every
# line: quadratic.  Four times the letters now take about four times as
# long (the margin is for a busy machine), not sixteen.
$gen word 25000 >"$WORK/w25.fo"
$gen word 100000 >"$WORK/w100.fo"
t0=$(now)
"$REPORTPIPE" render -q "$WORK/w25.fo" "$WORK/w25.pdf" 2>/dev/null
t1=$(now)
"$REPORTPIPE" render -q --dump-area "$WORK/w100.dump" "$WORK/w100.fo" "$WORK/w100.pdf" 2>/dev/null
t2=$(now)
ratio=$(awk -v a="$t0" -v b="$t1" -v c="$t2" \
    'BEGIN {s = b - a; if (s < 0.05) s = 0.05; printf "%.1f", (c - b) / s}')
echo "# 25,000 letters: $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}') s," \
    "100,000: $(awk -v b="$t1" -v c="$t2" 'BEGIN {printf "%.2f", c - b}') s (x$ratio)"
awk -v r="$ratio" 'BEGIN {exit !(r < 9)}'
ok $? "a word four times as long takes less than 9 times as long (x$ratio)"
is "$(dump_chars "$WORK/w100.dump")" 100000 "and loses no letter"

# Layout walks nested FO recursively: the depth is bounded where the FO
# is read, with an error naming the file, the line and the limit.
for levels in 10000 100000; do
    $gen nested $levels >"$WORK/deep.fo"
    "$REPORTPIPE" render "$WORK/deep.fo" "$WORK/deep.pdf" 2>"$WORK/err"
    is $? 1 "$levels nested blocks are an input error (exit 1), not a crash"
    grep -q "deep.fo:2[0-9][0-9]: .*nested more than 200 elements deep" "$WORK/err"
    ok $? "naming the file, the line and the limit"
done
[ ! -e "$WORK/deep.pdf" ]
ok $? "and leave no PDF behind"
finish
