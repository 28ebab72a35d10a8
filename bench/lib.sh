# Shared by the benchmark scripts (sourced): one timed run of a command.
# bench_time CMD...: runs it under /usr/bin/time; on success sets $secs
# (wall seconds), $kb (peak RSS, KB) and $rss_mb; on failure prints the
# command's stderr and returns 1.  Needs $out (a scratch directory).
bench_time() {
    if ! /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null \
        2>"$out/stderr.txt"; then
        tail -5 "$out/stderr.txt"
        return 1
    fi
    set -- $(cat "$out/time.txt")
    secs=$1
    kb=$2
    rss_mb=$(echo "$kb" | awk '{printf "%.1f", $1 / 1024}')
}
