#!/bin/sh
# Table benchmark (issue 5): the standard ticket-table review (title,
# paragraph, SLA table, a ticket table of N rows with a repeating header,
# running header and "Page N of M") rendered by us, by Apache FOP (Debian
# fop) from the same FO, by WeasyPrint (Debian weasyprint) from equivalent
# HTML, and by a bare Pango + Cairo loop (bench/bare_table.c), in one run.
# Prints time, peak RSS and pages of each, and the ratios.  The peers at
# N = 50,000 take minutes and gigabytes: they run with RP_BENCH_FULL=1.
# usage: bench/table.sh BINARY
set -eu
. bench/lib.sh
bin=$1
out=bench/out
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1795392000
bare=build/release/bare-table
cc -O2 -o "$bare" bench/bare_table.c $(pkg-config --cflags --libs pangocairo cairo-pdf)

# run LABEL PDF CMD...: sets $secs, $kb, $pages
run() {
    label=$1
    pdf=$2
    shift 2
    if ! bench_time "$@"; then
        echo "  $label: FAILED"; secs=0; kb=0; pages=0; return 0
    fi
    pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    printf '  %-22s %8.2f s %9.1f MB %6s pages  (best of %d)\n' "$label" "$secs" "$rss_mb" "$pages" "$n_runs"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f", a / b; else print "n/a"}'; }

for n in 1000 10000 50000; do
    echo "ticket table, N=$n:"
    bench/ticket-table-fo.pl "$n" >"$out/table-$n.fo"
    run "reportpipe" "$out/table-$n.pdf" "$bin" render -q "$out/table-$n.fo" "$out/table-$n.pdf"
    ours=$secs
    ours_kb=$kb
    [ "$n" = 10000 ] && ours10k=$secs
    [ "$n" = 50000 ] && ours50k=$secs
    run "bare Pango+Cairo loop" "$out/bare-$n.pdf" "$bare" "$n" "$out/bare-$n.pdf"
    echo "    reportpipe is $(ratio "$secs" "$ours")x faster than the bare loop"
    full=$([ "$n" -lt 50000 ] || [ "${RP_BENCH_FULL:-0}" = 1 ] && echo 1 || echo 0)
    if command -v fop >/dev/null 2>&1 && [ "$full" = 1 ]; then
        run "Apache FOP" "$out/table-$n-fop.pdf" fop -q -c tests/docbook/fop.xconf \
            -fo "$out/table-$n.fo" -pdf "$out/table-$n-fop.pdf"
        echo "    reportpipe is $(ratio "$secs" "$ours")x faster, $(ratio "$kb" "$ours_kb")x lighter than FOP"
    fi
    if command -v weasyprint >/dev/null 2>&1 && [ "$full" = 1 ]; then
        bench/ticket-table-html.pl "$n" >"$out/table-$n.html"
        run "WeasyPrint" "$out/table-$n-weasy.pdf" weasyprint "$out/table-$n.html" "$out/table-$n-weasy.pdf"
        echo "    reportpipe is $(ratio "$secs" "$ours")x faster, $(ratio "$kb" "$ours_kb")x lighter than WeasyPrint"
    fi
    [ "$n" = 50000 ] && echo "  peak RSS at 50,000 rows: $(echo "$ours_kb" | awk '{printf "%.1f", $1 / 1024}') MB (target <= 60 MB)"
done
echo "linearity: the 50,000-row run costs $(ratio "$ours50k" "$ours10k")x the 10,000-row run (target <= 5.5x)"
