#!/bin/sh
# Line building as FOP does it (issue 19): a word wider than its line
# stays whole and overflows with one warning per block
# (fo/overflow.fo); justified word spaces shrink by up to a third
# (fo/justify-shrink.fo); hyphenation-character is drawn at hyphenation
# breaks and carried by the text layer (fo/hyphen-char.fo); under
# line-height-shift-adjustment="disregard-shifts" a raised mark leaves
# its line as tall as the others (fo/shift-adjust.fo).  Their area
# trees are goldens in areas.t; here: the warnings and the text layer.
. "$(dirname "$0")/lib.sh"
plan 18

fo=tests/e2e/fo/overflow.fo
"$REPORTPIPE" render -q --dump-area "$WORK/o.dump" "$fo" "$WORK/o.pdf" 2>"$WORK/o.err"
ok $? "a word wider than its line renders"
grep -q '^  text -[0-9.]* [0-9.]* w=[0-9.]* "Donaudampfschifffahrtsgesellschaftskapitänswitwenrente "' "$WORK/o.dump"
ok $? "the word stays whole on its own line, centred, past both edges as in FOP"
grep -q "overflow.fo:13: fo:block: the contents of its line 2 exceed the available area in the inline-progression direction by [0-9]* millipoints" "$WORK/o.err"
ok $? "a warning names the file, line, element and by how much"
is "$(grep -c 'exceed the available area' "$WORK/o.err")" 3 \
    "once per block: the centred word, the URL in a narrow cell, the line that may not wrap"

fo=tests/e2e/fo/justify-shrink.fo
"$REPORTPIPE" render -q --dump-area "$WORK/j.dump" "$fo" "$WORK/j.pdf" 2>"$WORK/j.err"
ok $? "justified text renders"
grep -q '^  text 28.35 [0-9.]* w=176.60 "One line a hair too wide for its natural spaces "' "$WORK/j.dump"
ok $? "a word fits a justified line when its spaces shrink, as in FOP"
grep -q '^  text 28.35 [0-9.]* w=199.00 "One line a hair too wide for its natural spaces here."' "$WORK/j.dump"
ok $? "a last line too wide for its natural spaces shrinks them just enough to fit"
grep -q '^  text 28.35 [0-9.]* w=224.24 "vex chumps quickly in fog; pack my box with five dozen "' "$WORK/j.dump" &&
    grep -q '^  text 28.35 [0-9.]* w=218.91 "liquor jugs, then sphinx of black quartz, judge my vow."' "$WORK/j.dump"
ok $? "text that is not justified keeps its spaces, and so does a last line that fits"
# Shrunk lines are laid out past their width and their space glyphs
# narrowed (justify.c): the glyphs end at the line's end, and no line is
# taken for one that sticks out.
pdftotext -bbox "$WORK/j.pdf" - |
    awk -F'"' '/>spaces</ && !s++ { printf "%.2f ", $6 } />here.</ { e = $6 }
        END { printf "%.2f", e }' >"$WORK/j.ends"
is "$(cat "$WORK/j.ends")" "204.95 227.35" \
    "the glyphs of a line whose spaces shrink end at the line's end"
"$REPORTPIPE" render -q tests/e2e/fo/hyphen.fo "$WORK/hy.pdf" 2>"$WORK/hy.err"
! grep -q 'exceed the available area' "$WORK/j.err" "$WORK/hy.err"
ok $? "a line whose spaces shrink is not warned about as too wide"

fo=tests/e2e/fo/hyphen-char.fo
"$REPORTPIPE" render -q "$fo" "$WORK/h.pdf" 2>"$WORK/h.err"
ok $? "hyphenation-character renders"
pdftotext -layout "$WORK/h.pdf" - >"$WORK/h.txt"
is "$(grep -c 'of the ad-$' "$WORK/h.txt")" 2 "by default the text layer says '-' at a hyphenation break, as before"
grep -q 'of the ad=$' "$WORK/h.txt" && grep -q 'of the ad+$' "$WORK/h.txt"
ok $? "a hyphenation-character is drawn and said at the break, the inline's own where it has one"
grep -q "hyphen-char.fo:15: fo:block: 'too long' is not a valid value for hyphenation-character" "$WORK/h.err"
ok $? "a value of more than one character is warned about and ignored"

# Baselines 12pt apart in the blocks that disregard shifts; the one that
# considers them (the initial value) makes room for the raised mark.
fo=tests/e2e/fo/shift-adjust.fo
"$REPORTPIPE" render -q --dump-area "$WORK/s.dump" "$fo" "$WORK/s.pdf" 2>"$WORK/s.err"
ok $? "raised and lowered marks render"
gaps() { # gaps FIRST: the two baseline gaps of lines FIRST..FIRST+2
    awk '/^  text / {print $3}' "$WORK/s.dump" |
        awk -v f="$1" 'NR >= f && NR < f + 3 { if (NR > f) printf "%.2f ", $1 - p; p = $1 }'
}
is "$(gaps 4)$(gaps 7)" "12.00 12.00 12.00 12.00 " "disregard-shifts: raised and lowered lines as tall as the rest"
is "$(gaps 1 | awk '{print ($1 > 12.2) ? "taller" : "not"}')" taller "consider-shifts: the raised line is taller"

# A paragraph from the DocBook book whose plan shrinks its last line to
# take "owner.": the plan's break holds, and no line of one word is left
# to spread its letters over the line (as Pango's justification would).
fo=tests/e2e/fo/justify-last-word.fo
"$REPORTPIPE" render -q --dump-area "$WORK/l.dump" "$fo" "$WORK/l.pdf" 2>/dev/null
is "$(awk '/^  text / {n++; last = $0} END {print n, (last ~ / owner\."$/) ? "joined" : last}' "$WORK/l.dump")" \
    "6 joined" "the last word joins the line the plan shrank"

finish
