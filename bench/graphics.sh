#!/bin/sh
# Graphics benchmark (issue 15): a 100-page report with a PNG logo in the
# header of every page and an SVG bar chart with text labels in the body
# of every page, rendered by us and by Apache FOP (which draws SVG with
# Batik) from the same FO in one run.  Prints time, peak RSS and PDF size
# of each, and how many image objects each PDF holds (the logo should be
# one, however many pages show it).
# usage: bench/graphics.sh BINARY
set -eu
. bench/lib.sh
bin=$1
out=bench/out
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1795392000

run() {
    label=$1
    shift
    bench_time "$@" || { echo "$label: FAILED"; exit 1; }
    printf '  %-28s %8.2f s %9.1f MB  (best of %d)\n' "$label" "$secs" "$rss_mb" "$n_runs"
}
size_kb() { echo $(($(wc -c <"$1") / 1024)); }
images() { pdfimages -list "$1" 2>/dev/null | awk 'NR > 2 {print $11}' | sort -u | wc -l | tr -d ' '; }

perl bench/graphics-fo.pl 100 "$out"
fo="$out/graphics-100.fo"
echo "100 pages, a PNG logo and an SVG chart on each:"
run "reportpipe" "$bin" render -q "$fo" "$out/graphics-100.pdf"
our_secs=$secs
our_kb=$kb
echo "  PDF $(size_kb "$out/graphics-100.pdf") KB, $(pdfinfo "$out/graphics-100.pdf" | awk '/^Pages:/ {print $2}') pages, image objects: $(images "$out/graphics-100.pdf")"
if command -v fop >/dev/null 2>&1; then
    run "Apache FOP (Batik)" fop -q -c tests/docbook/fop.xconf \
        -fo "$fo" -pdf "$out/graphics-100-fop.pdf"
    echo "  PDF $(size_kb "$out/graphics-100-fop.pdf") KB, $(pdfinfo "$out/graphics-100-fop.pdf" | awk '/^Pages:/ {print $2}') pages, image objects: $(images "$out/graphics-100-fop.pdf")"
    awk -v a="$secs" -v b="$our_secs" -v c="$kb" -v d="$our_kb" \
        'BEGIN {printf "  FOP / reportpipe: time %.1fx, peak RSS %.1fx\n", a / b, c / d}'
else
    echo "  Apache FOP not installed (apt-get install fop): no comparison"
fi
