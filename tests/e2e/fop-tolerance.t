#!/bin/sh
# FOP's tolerance (issue 19): values Apache FOP accepts render as FOP
# renders them (fo/fop-values.fo, also under --strict), and a value
# nobody can use is a warning naming the file, line, element, property
# and value, once per property and value and a few dozen at most, while
# the property falls back and the document renders; --strict makes it
# the error it was.  Pixels at 72 dpi (a point a pixel) via ppm-probe.pl.
. "$(dirname "$0")/lib.sh"
plan 15

probe() { perl tests/e2e/ppm-probe.pl "$@"; }

fo=tests/e2e/fo/fop-values.fo
"$REPORTPIPE" render --strict -q --dump-area "$WORK/v.dump" "$fo" "$WORK/v.pdf" 2>"$WORK/v.err"
ok $? "the values FOP accepts render with --strict"
is "$(grep -c . "$WORK/v.err")" 0 "and without a warning"
pdftoppm -r 72 "$WORK/v.pdf" "$WORK/v"
probe "$WORK/v-1.ppm" 150,10=ff0000 150,30=0000ff 50,50=00ff00 150,50=ffffff
ok $? "cmyk(0,1,1,0) is red, rgb-icc() its sRGB fallback, width=\"50% - 50pt\" 100pt"
probe "$WORK/v-1.ppm" 37,70=000000 80,70=ffff00 290,70=ffff00
ok $? "proportional-column-width(25%) and (75%): a quarter and three quarters"
probe "$WORK/v-1.ppm" 150,93=0000ff 150,99=0000ff 150,105=ffffff
ok $? "border=\"inherit\": the parent's 6pt blue border again inside it"
probe "$WORK/v-1.ppm" 150,138=85a3e0 150,142=3366cc 150,146=1f3d7a 2,160=85a3e0 10,160=1f3d7a \
    150,192=1f3d7a 150,196=3366cc 150,200=85a3e0 2,210=1f3d7a 10,210=85a3e0
ok $? "ridge and groove in three tones, lighter and darker as FOP draws them"
probe "$WORK/v-1.ppm" 150,250=1f3d7a 150,282=85a3e0 3,270=1f3d7a 297,270=85a3e0 \
    150,304=85a3e0 150,336=1f3d7a 3,320=85a3e0 297,320=1f3d7a
ok $? "inset darker above and left, outset lighter"
pdffonts "$WORK/v.pdf" | grep -q "DejaVuSans-Oblique"
ok $? "font-style=\"backslant\" is drawn with the oblique face"
grep -q '^  text 12.00 [0-9.]* w=[0-9.]* "Backslant, 10pt' "$WORK/v.dump"
ok $? "font-size=\"150% - 5pt\" of 10pt is 10pt, widows and orphans 0 taken"
is "$(pdf_pages "$WORK/v.pdf")" 3 "height=\"100%\" does not fit under a line: it goes to a page of its own"
probe "$WORK/v-3.ppm" 150,200=008000 150,395=008000
ok $? "and fills the region's height"

# Invalid values: a long table with one bad value on every cell, and
# values that differ on every row.
{
    cat <<'HEAD'
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="DejaVu Sans" font-size="8pt">
<fo:layout-master-set><fo:simple-page-master master-name="p" page-width="200pt" page-height="400pt" margin="10pt">
<fo:region-body/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
<fo:block background-color="system-color(Window)" color="red" widows="-1">System colours fall back</fo:block>
<fo:table><fo:table-body>
HEAD
    i=0
    while [ $i -lt 1500 ]; do
        echo "<fo:table-row><fo:table-cell color=\"blurple\"><fo:block>row $i</fo:block></fo:table-cell><fo:table-cell space-before=\"${i}furlongs\"><fo:block>x</fo:block></fo:table-cell></fo:table-row>"
        i=$((i + 1))
    done
    echo '</fo:table-body></fo:table></fo:flow></fo:page-sequence></fo:root>'
} >"$WORK/bad.fo"
"$REPORTPIPE" render -q "$WORK/bad.fo" "$WORK/bad.pdf" 2>"$WORK/bad.err"
rc=$?
is "$rc $(pdf_pages "$WORK/bad.pdf")" "0 39" "a document full of invalid values renders, all 1,500 rows"
grep -q "bad.fo:5: fo:block: 'system-color(Window)' is not a valid value for background-color; ignored, its inherited or initial value applies" "$WORK/bad.err" &&
    grep -q "bad.fo:7: fo:table-cell: 'blurple' is not a valid value for color; ignored" "$WORK/bad.err" &&
    grep -q "bad.fo:5: fo:block: '-1' is not a valid value for widows" "$WORK/bad.err"
ok $? "each warning names the file, line, element, value and property"
is "$(grep -c "blurple" "$WORK/bad.err") $(grep -c "is not a valid value" "$WORK/bad.err") $(grep -c "more than 50 invalid property values" "$WORK/bad.err")" \
    "1 50 1" "1,500 cells of one bad value warn once; 1,500 distinct ones stop at 50, saying so"
"$REPORTPIPE" render -q --strict "$WORK/bad.fo" "$WORK/strict.pdf" 2>"$WORK/strict.err"
rc=$?
grep -q "bad.fo:5: field 'background-color': fo:block: 'system-color(Window)' is not a valid value for background-color" "$WORK/strict.err"
is "$rc $? $(test -e "$WORK/strict.pdf"; echo $?)" "1 0 1" "--strict: the first invalid value is an input error, and no PDF"

finish
