#!/bin/sh
# Render-core benchmark (issue 4): a book of justified paragraphs with a
# table of contents, running headers, and "Page N of M", rendered by us and
# by Apache FOP (Debian fop, with DejaVu registered) from the same FO in
# one run.  Prints time and peak RSS of each and the ratios, and our peak
# RSS at 20 and 2,000 pages (memory must not grow with length).  Also the
# floor (bench/book_floor.c): Pango alone shaping and breaking the book's
# paragraphs once, which no formatter built on PangoLayout can beat.
# usage: bench/render-core.sh BINARY
set -eu
. bench/lib.sh
bin=$1
out=bench/out
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1795392000

# run LABEL CMD...: sets $secs and $kb
run() {
    label=$1
    shift
    bench_time "$@" || { echo "$label: FAILED"; exit 1; }
    printf '  %-28s %8.2f s %9.1f MB  (best of %d)\n' "$label" "$secs" "$rss_mb" "$n_runs"
}

floor=build/release/book-floor
cc -O2 -o "$floor" bench/book_floor.c \
    $(pkg-config --cflags --libs pangocairo libxml-2.0)

for pages in 20 500 2000; do
    bench/book-fo.pl "$pages" >"$out/book-$pages.fo"
done

echo "book with TOC, running headers and Page N of M:"
run "reportpipe, 20 pages" "$bin" render -q "$out/book-20.fo" "$out/book-20.pdf"
kb20=$kb
run "reportpipe, 500 pages" "$bin" render -q "$out/book-500.fo" "$out/book-500.pdf"
s500=$secs
kb500=$kb
run "reportpipe, 2000 pages" "$bin" render -q "$out/book-2000.fo" "$out/book-2000.pdf"
kb2000=$kb
echo "  pages: $(pdfinfo "$out/book-500.pdf" | awk '/^Pages:/ {print $2}') (500), $(pdfinfo "$out/book-2000.pdf" | awk '/^Pages:/ {print $2}') (2000)"
awk -v a="$kb2000" -v b="$kb20" 'BEGIN {printf "  peak RSS 2000 pages / 20 pages: %.2fx (target <= 1.5x)\n", a / b}'

# What Pango alone takes to shape and break the book's paragraphs once.
run "Pango alone, 500 pages" "$floor" "$out/book-500.fo"
floor_secs=$secs

if command -v fop >/dev/null 2>&1; then
    run "Apache FOP, 500 pages" fop -q -c tests/docbook/fop.xconf \
        -fo "$out/book-500.fo" -pdf "$out/book-500-fop.pdf"
    echo "  FOP pages: $(pdfinfo "$out/book-500-fop.pdf" | awk '/^Pages:/ {print $2}')"
    awk -v f="$secs" -v r="$s500" -v fk="$kb" -v rk="$kb500" \
        -v p="$floor_secs" 'BEGIN {
        printf "  speed vs FOP: %.1fx faster (target >= 20x)\n", f / r
        printf "  peak RSS vs FOP: %.3f of FOP'"'"'s (target <= 0.1)\n", rk / fk
        printf "  Pango alone (shaping and line breaking, no layout, no PDF) is %.1fx faster than FOP;\n", f / p
        printf "  reportpipe takes %.2fx the time of Pango alone\n", r / p }'
else
    echo "  Apache FOP not installed (apt-get install fop): no comparison"
fi
