# Shared by the benchmark scripts (sourced): timed runs of a command.
# bench_time CMD...: runs it under /usr/bin/time at least $RP_BENCH_RUNS
# times (default 3) and until the runs add up to $RP_BENCH_SECONDS
# (default 10; at most 25 runs); on success sets $secs (the fastest run's
# wall seconds), $kb (the largest peak RSS, KB), $rss_mb and $n_runs; on
# failure prints the command's stderr and returns 1.
#
# Why so: these machines are shared, and their speed swings by half for
# seconds at a time.  Noise only ever adds time, so the fastest run is the
# measure; and a command of half a second gets as many seconds of chances
# to meet a quiet moment as one of thirty, so ratios between ours and the
# peers' stay fair.  Every command, ours and the peers', is timed the same
# way.  Needs $out (a scratch directory).
bench_time() {
    min_runs=${RP_BENCH_RUNS:-3}
    min_total=${RP_BENCH_SECONDS:-10}
    secs=
    kb=0
    n_runs=0
    total=0
    while [ "$n_runs" -lt "$min_runs" ] ||
        { [ "$n_runs" -lt 25 ] &&
            awk -v t="$total" -v m="$min_total" 'BEGIN {exit !(t < m)}'; }; do
        if ! /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null \
            2>"$out/stderr.txt"; then
            tail -5 "$out/stderr.txt"
            return 1
        fi
        read -r run_secs run_kb <"$out/time.txt"
        secs=$(awk -v a="$secs" -v b="$run_secs" \
            'BEGIN {print (a == "" || b < a) ? b : a}')
        total=$(awk -v a="$total" -v b="$run_secs" 'BEGIN {print a + b}')
        [ "$run_kb" -gt "$kb" ] && kb=$run_kb
        n_runs=$((n_runs + 1))
    done
    rss_mb=$(echo "$kb" | awk '{printf "%.1f", $1 / 1024}')
}
