#!/bin/sh
# SVG drawn natively (layout/svg.c): the charts of the templates become
# shapes and real text of the area tree, not librsvg's work; what lies
# outside the subset is still drawn by librsvg.  Checks: every chart a
# drawing, labels as text in reading order, a valid tagged PDF with each
# chart a Figure with /Alt, and the same picture as librsvg draws
# (REPORTPIPE_SVG=librsvg forces it), pixel for pixel within a small
# tolerance, in colour and in grey.
. "$(dirname "$0")/lib.sh"
plan 17

B="$REPORTPIPE"
mkdir -p "$WORK/t"
cp -R templates/. "$WORK/t/" && cp tests/e2e/charts/generic.xsl "$WORK/t/"
echo '<review-data/>' >"$WORK/empty.xml"
"$B" transform -q -o "$WORK/g.fo" "$WORK/t/generic.xsl" "$WORK/empty.xml"
ok $? "the generic charts transform"

# same NAME FO: renders FO natively and by librsvg; compares the pages
# at 60 dpi, in colour and grey: mean difference and share of pixels far
# apart must both be small.
same() {
    "$B" render -q --dump-area "$WORK/$1.dump" "$2" "$WORK/$1.pdf" 2>"$WORK/$1.err" &&
        REPORTPIPE_SVG=librsvg "$B" render -q --dump-area "$WORK/$1-rsvg.dump" \
            "$2" "$WORK/$1-rsvg.pdf" 2>>"$WORK/$1.err" || return 1
    bad=0
    for mode in "" -gray; do
        rm -f "$WORK/px-$1"-*
        pdftoppm -r 60 $mode "$WORK/$1.pdf" "$WORK/px-$1-n"
        pdftoppm -r 60 $mode "$WORK/$1-rsvg.pdf" "$WORK/px-$1-r"
        for n in "$WORK/px-$1-n"-*; do
            r=$(echo "$n" | sed "s|px-$1-n-|px-$1-r-|")
            d=$(perl tests/e2e/ppm-diff.pl "$n" "$r") || return 1
            echo "# $(basename "$n")$mode: mean, share far: $d"
            echo "$d" | awk '{ exit !($1 < 1.5 && $2 < 0.004) }' || bad=1
        done
    done
    return $bad
}

same g "$WORK/g.fo"
ok $? "the seven generic charts look as librsvg draws them (60 dpi, colour and grey)"
is "$(grep -c 'image .* drawing#' "$WORK/g.dump")/$(grep -c 'image .* svg#' "$WORK/g.dump")" \
    "7/0" "each drawn natively"
is "$(grep -c 'image .* svg#' "$WORK/g-rsvg.dump")" 7 "and each by librsvg when forced"
is "$(wc -c <"$WORK/g.err" | tr -d ' ')" 0 "without a warning"
# The same text in the same order as librsvg's; rotated category labels
# too (pdftotext puts a tilted label's letters one a line).
pdftotext -raw "$WORK/g.pdf" "$WORK/g.txt"
pdftotext -raw "$WORK/g-rsvg.pdf" "$WORK/g-rsvg.txt"
cmp -s "$WORK/g.txt" "$WORK/g-rsvg.txt"
ok $? "the charts' text is librsvg's, in the same order"
tr -d ' \n' <"$WORK/g.txt" | grep -q 'Categorynumber1…Categorynumber2…'
ok $? "tilted labels are real text"

# The sample review.
"$B" run -q --input input --output "$WORK/out" --state "$WORK/state" \
    --keep-intermediate --only ACC-1001 >/dev/null 2>&1
ok $? "the sample review runs"
fo="$WORK/out/intermediate/review-ACC-1001.fo"
pdf="$WORK/out/reviews/ACC-1001.pdf"
same r "$fo"
ok $? "its three charts look as librsvg draws them"
# The three charts, and the DRAFT mark on every page (an SVG too).
pages=$(pdfinfo "$WORK/r.pdf" | awk '/^Pages:/ {print $2}')
is "$(grep -c 'image .* drawing#' "$WORK/r.dump")" $((3 + pages)) \
    "all three drawn natively, and the DRAFT mark on each of the $pages pages"
qpdf --check "$pdf" >/dev/null 2>&1 && qpdf --check "$WORK/r.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
figures=$(pdfinfo -struct-text "$WORK/r.pdf" | grep -c '^ *Figure')
qpdf --qdf --object-streams=disable "$WORK/r.pdf" "$WORK/r-qdf.pdf"
grep -a -q '/Alt (Stacked bar chart of the tickets raised per month' "$WORK/r-qdf.pdf"
# The three charts and our logo on the cover (alt: the company's name).
is "$figures/$?" "4/0" "each chart a Figure with its /Alt"
# The labels in reading order: the legend, then the axis, left to right.
pdftotext -raw "$WORK/r.pdf" - | tr '\n' ' ' >"$WORK/r.txt"
grep -q 'Tickets P1 P2 P3 P4 ' "$WORK/r.txt"
ok $? "the volume chart's legend is text, in order"
perl -ne 'exit !/Nov 2025 Dec Jan 2026 Feb Mar Apr May Jun Jul Aug Sep Oct/' "$WORK/r.txt"
ok $? "its months are text, left to right"
perl -ne 'exit !/SLA met SLA met % Target 90% 40% 50% 60% 70% 80% 90% 100% 60% 81.5% 65.2%/' "$WORK/r.txt"
ok $? "the SLA chart's legend, ticks and values are text, in the order drawn"

# Outside the subset (a gradient): librsvg draws that SVG, the other is
# drawn natively, and both show.
"$B" render -q --dump-area "$WORK/f.dump" tests/e2e/fo/svg-fallback.fo "$WORK/f.pdf" 2>"$WORK/f.err"
is "$(grep -c 'drawing#' "$WORK/f.dump"):$(grep -c 'svg#' "$WORK/f.dump")" "1:1" \
    "an SVG with a gradient goes to librsvg, the other is drawn natively"
pdftoppm -r 72 -f 1 -l 1 "$WORK/f.pdf" "$WORK/f"
perl tests/e2e/ppm-probe.pl "$WORK"/f-1.ppm 15,15=ff0000 95,65=ff0000 15,95=0000ff 95,125=0000ff
ok $? "both are drawn: red natively, blue (a gradient) by librsvg"
finish
