#!/bin/sh
# Import benchmark: `reportpipe import` of a generated Zendesk-format
# export of N rows (default 1,000,000) against a bare libcsv parse of the
# same file (bench/csv-bare.c), with throughput, their ratio and peak RSS.
# Compare ratios, not absolute times: these machines are shared and noisy.
# usage: bench/import.sh BINARY [N]
set -eu
. bench/lib.sh
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
n=${2:-1000000}
out=bench/out
mkdir -p "$out"
file="$out/zendesk-$n.csv"

[ -s "$file" ] || bench/zendesk-export.pl "$n" >"$file"
${CC:-cc} -O2 -o "$out/csv-bare" bench/csv-bare.c -lcsv
mb=$(du -m "$file" | cut -f1)
echo "file: $file, $n rows, $mb MB"

# measure LABEL CMD...: sets $secs and $rss_mb, prints both and MB/s.
measure() {
    label=$1
    shift
    bench_time "$@" || { echo "$label: FAILED"; exit 1; }
    printf '%-28s %7.2f s %8.1f MB/s   peak RSS %8.1f MB\n' "$label" "$secs" \
        "$(echo "$mb $secs" | awk '{print ($2 > 0 ? $1 / $2 : 0)}')" "$rss_mb"
}

measure "bare libcsv parse" "$out/csv-bare" "$file"
bare=$secs
measure "reportpipe import" "$bin" import -q "$file"
ours=$secs
grep -h "rows read" "$out/stderr.txt" || true
echo "ratio (import throughput / bare parse throughput): $(echo "$bare $ours" | awk '{printf "%.2f", ($2 > 0 ? $1 / $2 : 0)}') (goal: at least 0.45, issue 13)"
