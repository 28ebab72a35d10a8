# Shared by the benchmark scripts (sourced): timed runs of a command.
# bench_time CMD...: runs it $RP_BENCH_RUNS times (default 3) under
# /usr/bin/time; on success sets $secs (the fastest run's wall seconds:
# these machines are shared, and noise only ever adds time), $kb (the
# largest peak RSS, KB) and $rss_mb; on failure prints the command's
# stderr and returns 1.  Every command, ours and the peers', is timed the
# same way.  Needs $out (a scratch directory).
bench_time() {
    runs=${RP_BENCH_RUNS:-3}
    secs=
    kb=0
    while [ "$runs" -gt 0 ]; do
        if ! /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null \
            2>"$out/stderr.txt"; then
            tail -5 "$out/stderr.txt"
            return 1
        fi
        read -r run_secs run_kb <"$out/time.txt"
        secs=$(awk -v a="$secs" -v b="$run_secs" \
            'BEGIN {print (a == "" || b < a) ? b : a}')
        [ "$run_kb" -gt "$kb" ] && kb=$run_kb
        runs=$((runs - 1))
    done
    rss_mb=$(echo "$kb" | awk '{printf "%.1f", $1 / 1024}')
}
