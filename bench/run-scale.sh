#!/bin/sh
# The nightly run at scale (issue 14): `reportpipe run` from the CSV of
# 1,000 accounts and 1,000,000 tickets to every review and the status
# report, beside its goals: wall time and peak memory of all its processes
# together, time per stage, a re-run with nothing changed, a re-run after
# one ticket changed, and the render stage's pages per second beside one
# document's (bench/table.sh's 10,000-row ticket table), so the cost of
# splitting the work into per-account documents shows.
#
# The input is generated once by bench/merge-data.pl (canonical record
# CSVs, which `run` imports as it finds them; no program plan: the status
# report is made without one) and cached in bench/out/run-scale-A-T/.
# Memory is measured by bench/treepeak.pl (its header says how and why).
# Each figure is one run: a run at this scale takes minutes, and the
# re-runs depend on the run before them.
# usage: bench/run-scale.sh BINARY [ACCOUNTS TICKETS]   (e.g. 100 100000)
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
accounts=${2:-1000}
tickets=${3:-1000000}
out=bench/out
data="$out/run-scale-$accounts-$tickets"
docs="$out/run-scale-output"
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1795392000
. bench/lib.sh

if [ ! -f "$data/tickets.csv" ]; then
    echo "generating $accounts accounts, $tickets tickets in $data"
    bench/merge-data.pl "$accounts" "$tickets" "$data"
fi

# timed NAME: one run into $docs, its stderr in $out/run-NAME.log; sets
# $wall, $rss_kb, $pss_kb.  Exit 1 (rows rejected, a document failed) is
# still a run to measure; anything worse is not.
timed() {
    rc=0
    bench/treepeak.pl "$out/run-$1.peak" "$bin" run --input "$data" \
        --output "$docs" --config config --templates templates \
        --state "$out/run-scale-state" 2>"$out/run-$1.log" || rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "$1 run: FAILED (exit $rc)"
        tail -5 "$out/run-$1.log"
        exit 1
    fi
    read -r wall rss_kb pss_kb <"$out/run-$1.peak"
}

# verdict VALUE GOAL: "ok" when VALUE <= GOAL.
verdict() { awk -v v="$1" -v g="$2" 'BEGIN {print (v <= g) ? "ok" : "MISSED"}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

rm -rf "$docs"
timed full
full=$wall
csv_mb=$(du -cm "$data"/*.csv | tail -1 | cut -f1)
echo "full run: $accounts accounts, $tickets tickets (${csv_mb} MB CSV), $(nproc) cores"
printf '  %-40s %9.2f s     goal <= 60 s     %s\n' "wall time" "$wall" \
    "$(verdict "$wall" 60)"
printf '  %-40s %9s MB    goal <= 1024 MB  %s\n' \
    "peak memory, all processes (RSS summed)" "$(mb "$rss_kb")" \
    "$(verdict "$rss_kb" 1048576)"
printf '  %-40s %9s MB    (shared pages counted once)\n' \
    "peak memory, all processes (PSS summed)" "$(mb "$pss_kb")"

# Time per stage, from run-summary.json (written last by the run).
perl -MJSON::PP -e '
    local $/; open my $f, "<", $ARGV[0] or die "$ARGV[0]: $!\n";
    my $s = decode_json(<$f>); my $st = $s->{stages};
    printf "  %-40s %9.2f s\n", $_, $st->{$_}{seconds} for qw(import merge render);
    my $r = $st->{render};
    printf "  %-40s %9d built, %d unchanged, %d failed\n", "documents",
        $r->{built}, $r->{skipped}, $r->{failed};
    open my $o, ">", $ARGV[1] or die;
    print $o $r->{seconds}, " ", $r->{review_pages} + $r->{report_pages}, "\n";
' "$docs/run-summary.json" "$out/run-render.txt"
echo "  (per stage and per document: $docs/run-summary.json)"

timed again
printf '%-42s %9.2f s     goal <= 2 s      %s\n' "re-run, nothing changed" \
    "$wall" "$(verdict "$wall" 2)"

# One ticket of the review period changes priority (P2 becomes P1), so
# its account's figures and the portfolio's change: that review and the
# status report are made again.  The export is restored afterwards, so the
# cached data stays as generated.
cp "$data/tickets.csv" "$out/run-scale-tickets.orig"
trap 'mv "$out/run-scale-tickets.orig" "$data/tickets.csv"' EXIT
perl -i -pe 'if (!$done && /^T-\d+,[^,]*,[^,]*,P2,Closed,[^,]*,2026-0[3-9]/) {
    s/,P2,Closed,/,P1,Closed,/; $done = 1 }' "$data/tickets.csv"
timed one
pct=$(awk -v a="$wall" -v b="$full" 'BEGIN {printf "%.1f", 100 * a / b}')
printf '%-42s %9.2f s     goal <= 10%% of the full run: %s%%  %s\n' \
    "re-run, one ticket changed" "$wall" "$pct" "$(verdict "$pct" 10)"
perl -MJSON::PP -e '
    local $/; open my $f, "<", $ARGV[0] or die "$ARGV[0]: $!\n";
    my $s = decode_json(<$f>);
    my @b = map { $_->{document} } grep { $_->{result} eq "built" } @{$s->{documents}};
    printf "  %-40s %s\n", "made again", join(", ", @b) || "nothing";
' "$docs/run-summary.json"

# Pages per second: the run's render stage against one document.
read -r render_s pages <"$out/run-render.txt"
table_fo="$out/table-10000.fo"
[ -f "$table_fo" ] || bench/ticket-table-fo.pl 10000 >"$table_fo"
RP_BENCH_RUNS=1 RP_BENCH_SECONDS=0 bench_time "$bin" render -q "$table_fo" \
    "$out/run-scale-table.pdf"
table_pages=$(pdfinfo "$out/run-scale-table.pdf" | awk '/^Pages:/ {print $2}')
awk -v p="$pages" -v s="$render_s" -v tp="$table_pages" -v ts="$secs" \
    -v j="$(nproc)" 'BEGIN {
    run = s > 0 ? p / s : 0; one = ts > 0 ? tp / ts : 0
    printf "render stage: %d pages in %.2f s: %.0f pages/s (%d cores)\n", p, s, run, j
    printf "one document (table.sh, 10,000-row table): %d pages in %.2f s: %.0f pages/s\n", tp, ts, one
    if (one > 0)
        printf "  the run renders at %.2fx the single-document rate, %.2fx per core\n", run / one, run / j / one
}'
