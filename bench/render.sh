#!/bin/sh
# Render benchmark: wall time and peak RSS of reportpipe on the standard
# ticket-table review at several sizes, and of the whole sample run.
# Peers (Apache FOP, WeasyPrint) join here as their issues land; compare
# ratios, not absolute times: these machines are shared and noisy.
# usage: bench/render.sh BINARY [N...]
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
sizes=${*:-1000 10000}
out=bench/out
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1795392000

# measure LABEL CMD...: prints seconds and peak RSS (MB) of one run.
measure() {
    label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || {
        echo "$label: FAILED"; cat "$out/stderr.txt"; return 1; }
    set -- $(cat "$out/time.txt")
    printf '%-34s %8.2f s %8.1f MB\n' "$label" "$1" "$(echo "$2" | awk '{print $1 / 1024}')"
}

for n in $sizes; do
    bench/ticket-table-fo.pl "$n" >"$out/table-$n.fo"
    measure "render ticket table, N=$n" "$bin" render -q "$out/table-$n.fo" "$out/table-$n.pdf"
    echo "    pages: $(pdfinfo "$out/table-$n.pdf" | awk '/^Pages:/ {print $2}')"
done
measure "run on input/ (all documents)" "$bin" run -q --input input --output "$out/run"
