#!/bin/sh
# The templates emit standard XSL-FO (issue 16): the review, in English
# and German, and the status report, as the run makes them, are rendered
# by Apache FOP too, without an error, to about as many pages with the
# same headings.  Skipped where FOP is not installed.
. "$(dirname "$0")/lib.sh"
if ! command -v fop >/dev/null 2>&1; then
    echo "1..0 # SKIP Apache FOP is not installed (Debian: apt-get install fop)"
    exit 0
fi
plan 10

out="$WORK/out"
"$REPORTPIPE" run -q --output "$out" --state "$WORK/state" --keep-intermediate \
    2>"$WORK/log"
is $? 0 "the run writes its FO (--keep-intermediate)"
"$REPORTPIPE" run -q --output "$WORK/de" --state "$WORK/state-de" --lang de \
    --only ACC-1001 --keep-intermediate 2>>"$WORK/log"
fo="$out/intermediate"
# The brand's logo is referred to beside the templates (brand/logo.svg).
cp -R templates/brand "$fo/" && cp -R templates/brand "$WORK/de/intermediate/"

# fop_render NAME FO: renders FO to $WORK/NAME.pdf; its log in NAME.log.
fop_render() {
    (cd "$(dirname "$2")" && fop -q -fo "$(basename "$2")" \
        -pdf "$WORK/$1.pdf") >"$WORK/$1.log" 2>&1
}
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
# near A B: A within a third of B (FOP substitutes fonts it has no
# configuration for, so lines break elsewhere).
near() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a >= b * 2 / 3 && a <= b * 4 / 3)}'; }

for doc in review:"$fo/review-ACC-1001.fo":"$out/reviews/ACC-1001.pdf":"Contents" \
    review-de:"$WORK/de/intermediate/review-ACC-1001.fo":"$WORK/de/reviews/ACC-1001.pdf":"Inhalt" \
    report:"$fo/status-report.fo":"$out/status-report.pdf":"What needs attention today"; do
    name=${doc%%:*}; rest=${doc#*:}
    src=${rest%%:*}; rest=${rest#*:}
    ours=${rest%%:*}; heading=${rest#*:}
    fop_render "$name" "$src"
    ok $? "FOP renders the $name"
    ! grep -E 'SEVERE|ERROR' "$WORK/$name.log" >/dev/null
    ok $? "without an error ($(grep -c WARN "$WORK/$name.log") warnings, fonts and overflows)"
    near "$(pages "$WORK/$name.pdf")" "$(pages "$ours")" &&
        pdftotext "$WORK/$name.pdf" - | tr -s ' \n' ' ' | grep -qF "$heading"
    ok $? "to about as many pages as ours ($(pages "$WORK/$name.pdf") and $(pages "$ours")), with '$heading'"
done
finish
