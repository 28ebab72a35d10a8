#!/bin/sh
# FO that FOP users already have (issue 19), rendered by us and by Apache
# FOP from the same file in one run: DocBook documents turned into FO by
# Debian's DocBook XSL with its defaults (fop1.extensions, A4, the
# default serif,Symbol,ZapfDingbats font list: as a user of FOP would),
# and the FO files of tests/e2e/fo/.  For each: pages (ours, FOP's),
# distinct words that differ (words.sh; goal within 5%), whether our PDF
# uses a Symbol or Dingbats font for text (goal: never), our exit status
# and warnings; and pages side by side (ours left) as PNGs to look at in
# bench/out/fop-compare/NAME-side-N.png (netpbm).
# usage: bench/fop-compare.sh BINARY
set -eu
bin=$(realpath "$1")
out=bench/out/fop-compare
rm -rf "$out"
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1795392000
if ! command -v fop >/dev/null 2>&1; then
    echo "fop-compare: Apache FOP is not installed (apt-get install fop); skipped"
    exit 0
fi
tools/deps.sh install netpbm >/dev/null 2>&1 || true
xsl=/usr/share/xml/docbook/stylesheet/docbook-xsl/fo/docbook.xsl

for doc in tests/docbook/article.xml tests/docbook/book.xml; do
    cp "$doc" "$out/"
done
for kind in index footnotes tables fr de; do
    bench/docbook/gen.pl "$kind" >"$out/$kind.xml"
done
for doc in "$out"/*.xml; do
    xsltproc --nonet --stringparam fop1.extensions 1 \
        --stringparam paper.type A4 --output "${doc%.xml}.fo" "$xsl" "$doc" 2>/dev/null
done
# Our own FO files, except those that need images made by graphics.t.
for fo in tests/e2e/fo/*.fo; do
    case "$fo" in */graphics*.fo) continue ;; esac
    cp "$fo" "$out/fo-$(basename "$fo")"
done

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
# side NAME N: page N of ours and FOP's side by side.
side() {
    command -v pnmcat >/dev/null 2>&1 || return 0
    pdftoppm -r 40 -f "$2" -l "$2" -singlefile "$out/$1.pdf" "$out/o" &&
        pdftoppm -r 40 -f "$2" -l "$2" -singlefile "$out/$1.fop.pdf" "$out/f" &&
        pnmcat -lr -jtop "$out/o.ppm" "$out/f.ppm" 2>/dev/null |
        pnmtopng >"$out/$1-side-$2.png" 2>/dev/null
    rm -f "$out/o.ppm" "$out/f.ppm"
}

printf '%-22s %5s %5s %6s %6s %5s %6s %s\n' document ours fop words differ pct warns "Symbol/Dingbats in ours"
n=0
bad=0
refused=0
for fo in "$out"/*.fo; do
    name=$(basename "$fo" .fo)
    n=$((n + 1))
    status=0
    "$bin" render -q "$fo" "$out/$name.pdf" 2>"$out/$name.err" || status=$?
    (cd "$out" && fop -q -fo "$name.fo" -pdf "$name.fop.pdf") >"$out/$name.fop.log" 2>&1 || true
    if [ "$status" -ne 0 ]; then
        printf '%-22s ours exits %d: %s\n' "$name" "$status" "$(tail -1 "$out/$name.err")"
        bad=$((bad + 1))
        continue
    fi
    if [ ! -s "$out/$name.fop.pdf" ]; then
        printf '%-22s FOP refuses it: %s\n' "$name" \
            "$(grep -m1 -o 'Exception: .*' "$out/$name.fop.log" | cut -c1-120)"
        refused=$((refused + 1))
        continue
    fi
    tests/docbook/words.sh "$out/$name.pdf" >"$out/$name.words"
    tests/docbook/words.sh "$out/$name.fop.pdf" >"$out/$name.fop.words"
    total=$(wc -l <"$out/$name.fop.words")
    differ=$(comm -3 "$out/$name.fop.words" "$out/$name.words" | wc -l)
    pct=$(awk -v d="$differ" -v t="$total" 'BEGIN {printf "%.1f", t ? 100 * d / t : 0}')
    symbol=$(pdffonts "$out/$name.pdf" 2>/dev/null | awk 'NR > 2 && tolower($1) ~ /symbol|dingbat/ {print $1}' | tr '\n' ' ')
    warns=$(grep -c warning "$out/$name.err" || true)
    po=$(pages "$out/$name.pdf")
    pf=$(pages "$out/$name.fop.pdf")
    printf '%-22s %5s %5s %6s %6s %5s %6s %s\n' "$name" "$po" "$pf" "$total" "$differ" "$pct%" "$warns" "${symbol:-none}"
    if [ "$po" != "$pf" ] || [ -n "$symbol" ] ||
        awk -v p="$pct" 'BEGIN {exit !(p > 5)}'; then
        bad=$((bad + 1))
    fi
    side "$name" 1
done
echo "documents: $n; as FOP (same pages, words within 5%, no Symbol): $((n - bad - refused)); differ: $bad; FOP refuses: $refused"
echo "pages side by side (ours left): $out/*-side-1.png"
