#!/bin/sh
# Merge benchmark: wall time and peak RSS of `reportpipe merge` (import of
# the records, matching, metrics, XML, schema validation, writing) on
# 1,000 accounts and 1,000,000 tickets, and on a quarter of the tickets to
# show that memory follows the records kept.  The data is generated once
# by bench/merge-data.pl (canonical record CSV, about 140 MB) and cached
# in bench/out/merge-*/.
# usage: bench/merge.sh BINARY [ACCOUNTS TICKETS]
set -eu
. bench/lib.sh
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
accounts=${2:-1000}
tickets=${3:-1000000}
out=bench/out
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1795392000

# measure LABEL CMD...: prints seconds and peak RSS (MB) of one run.
measure() {
    label=$1
    shift
    bench_time "$@" || { echo "$label: FAILED"; return 1; }
    printf '%-44s %8.2f s %8.1f MB\n' "$label" "$secs" "$rss_mb"
}

for n in $((tickets / 4)) "$tickets"; do
    data="$out/merge-$accounts-$n"
    if [ ! -f "$data/tickets.csv" ]; then
        bench/merge-data.pl "$accounts" "$n" "$data"
    fi
    csv_mb=$(du -m "$data/tickets.csv" | cut -f1)
    measure "merge $accounts accounts, $n tickets (${csv_mb} MB CSV)" \
        "$bin" merge -q --config config -o "$out/merge-$n.xml" \
        "$data/accounts.csv" "$data/tickets.csv"
    echo "    review-data.xml: $(du -m "$out/merge-$n.xml" | cut -f1) MB"
done
