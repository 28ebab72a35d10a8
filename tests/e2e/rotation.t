#!/bin/sh
# reference-orientation (XSL 1.1 §7.21.3) on block-containers, pages and
# regions, and width/height on in-flow block-containers: checked on the
# area dump and on the pixels of the rendered pages (pdftoppm at 72 dpi,
# one pixel a point; ppm-probe.pl compares colours with a tolerance).
. "$(dirname "$0")/lib.sh"
plan 17

probe() { perl tests/e2e/ppm-probe.pl "$@"; }

fo=tests/e2e/fo/rotation.fo
"$REPORTPIPE" render -q --dump-area "$WORK/r.dump" "$fo" "$WORK/r.pdf"
ok $? "block-containers turned 0, 90, 180 and 270 degrees render"
qpdf --check "$WORK/r.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
pdftoppm -r 72 "$WORK/r.pdf" "$WORK/r"
# Each container is 100x60pt with a dark 12pt band at the top of its
# content: the band shows on the side its "top" is turned to.
probe "$WORK/r-1.ppm" 100,25=800000 70,60=ff0000
ok $? "0: the band at the top"
probe "$WORK/r-1.ppm" 225,28=008000 290,50=00ff00 310,25=00ff00
ok $? "90: the band along the left edge (top turned counter-clockwise)"
probe "$WORK/r-1.ppm" 40,175=000080 70,130=0000ff
ok $? "180: the band at the bottom"
probe "$WORK/r-1.ppm" 314,175=808000 230,150=ffff00
ok $? "-90 (270): the band along the right edge"
grep -q '^    group 220.00 20.00 100.00x60.00 z=0 flow rotate=90$' "$WORK/r.dump"
ok $? "the dump shows the turned content frame of the 90-degree container"

# In the flow: width and height (overflow hidden), and a turned one.
probe "$WORK/r-1.ppm" 160,225=008080 150,260=00ffff 175,225=ffffff
ok $? "width=120pt height=50pt in the flow: a 120x50 box at its start indent, content clipped to it"
probe "$WORK/r-1.ppm" 26,290=800080 150,320=ff00ff
ok $? "a turned container in the flow: its content's top along the left"
probe "$WORK/r-1.ppm" 118,390=c0c0c0 125,390=ffffff
ok $? "width alone: the content wraps at that width and flows on"
awk '/"After\."/ {a = $3} /"Between\."/ {b = $3} END {exit !(a - b > 80 && a - b < 95)}' "$WORK/r.dump"
ok $? "the turned container takes its 80pt height in the flow"

# Turned text stays text, and its link covers the turned words.
txt=$(pdftotext "$WORK/r.pdf" - 2>/dev/null)
n=0
for w in "Rot0 top" "Rot90 top" "Rot180 top" "Rot270 top" "Turned in flow"; do
    printf '%s\n' "$txt" | grep -q "$w" && n=$((n + 1))
done
is "$n" 5 "pdftotext finds the text of every turned container"
qpdf --json "$WORK/r.pdf" | tr -d ' \n' | grep -q '"/Rect":\[220,520,232,560\]'
ok $? "the link in the 90-degree container covers its turned text"

# A turned page with a wide table; side regions with turned titles.
fo=tests/e2e/fo/rotated-page.fo
"$REPORTPIPE" render -q "$fo" "$WORK/p.pdf" && pdftoppm -r 72 "$WORK/p.pdf" "$WORK/p"
probe "$WORK/p-1.ppm" 40,300=ff0000 76,220=0000ff 200,300=ffffff
ok $? "reference-orientation=90 on the page master: header and a 500pt table run up a 400pt sheet"
probe "$WORK/p-2.ppm" 20,300=00ff00 380,300=ff00ff 200,300=ffffff
ok $? "region-start turned 90, region-end 270: titles along the sides"

# An angle that is not a multiple of 90 is a warning, and no turn (FOP's
# tolerance); with --strict, an input error.
sed 's/reference-orientation="180"/reference-orientation="45"/' tests/e2e/fo/rotation.fo >"$WORK/bad.fo"
"$REPORTPIPE" render -q "$WORK/bad.fo" "$WORK/bad.pdf" 2>"$WORK/bad.err"
rc=$?
grep -q "bad.fo:22: fo:block-container: '45' is not a valid value for reference-orientation; ignored" "$WORK/bad.err"
is "$rc $?" "0 0" "reference-orientation=\"45\" is a warning naming line and value"
"$REPORTPIPE" render -q --strict "$WORK/bad.fo" "$WORK/bad.pdf" 2>"$WORK/bad.err"
rc=$?
grep -q "bad.fo:22: .*fo:block-container: '45' is not a valid value for reference-orientation" "$WORK/bad.err"
is "$rc $?" "1 0" "with --strict, an error naming line and value"

finish
