#!/bin/sh
# The intranet page under load (issue 18): 200 concurrent signed-in
# sessions on loopback browse their queues and open PDFs while 50 of them
# approve or send back a review (each decision posted twice: the second
# must be refused), with slow and malformed clients at the same time (a
# header sent one byte a second, a 100 MB POST, a broken multipart body).
# A body sent at once after its headers may meet the server's close
# before the client reads the 413 (the kernel then reports a reset):
# "closed" there is that, not a missing answer.
# Printed: p50 and p99 page times beside the 50 ms goal, the PDFs', every
# decision applied once and only once (from the store), no database error
# in the server's log, and the server's memory over the run (sampled from
# /proc every 250 ms) so that it can be seen to stay flat.
# Bounded: ROUNDS requests of each kind per session and a time limit.
# Each session reads a page for 0.5 to 1.5 s before the next, as a person
# does: some 150 requests a second from the 200 in all.
# The data: 60 generated accounts (bench/merge-data.pl), 50 of them with a
# draft in review, and a people.csv of one administrator (this login) and
# 200 approvers, four to each of the 50 accounts.
# usage: bench/serve-load.sh BINARY [ROUNDS SECONDS]
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rounds=${2:-10}
seconds=${3:-120}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=$(mktemp -d "${TMPDIR:-/tmp}/rp-bench-serve.XXXXXX")
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$out"' EXIT
# The real clock throughout: the server reads it, and the invitations the
# commands make must not have expired by then.
unset SOURCE_DATE_EPOCH

data=bench/out/serve-load-60-6000
mkdir -p "$data"
[ -f "$data/tickets.csv" ] || bench/merge-data.pl 60 6000 "$data" >/dev/null
mkdir -p "$out/config"
cp config/sla.xml config/health.xml config/limits.xml "$out/config/"
{
    echo "person,name,email,login,role,approves"
    echo "admin,Load Administrator,admin@example.com,$(id -un),administrator,"
    i=1
    while [ $i -le 200 ]; do
        acc=$(printf 'ACC-%06d' $(((i - 1) % 50 + 1)))
        echo "p$i,Approver $i,p$i@example.com,loadp$i,approver,$acc"
        i=$((i + 1))
    done
} >"$out/config/people.csv"
O="--state $out/state --config $out/config --input $data --output $out/output --templates templates"

echo "setting up: 50 requests with a draft in review, 200 invitations"
t0=$(date +%s)
i=1
while [ $i -le 50 ]; do
    acc=$(printf 'ACC-%06d' $i)
    "$bin" request "$acc" --meeting 2026-12-15 $O >/dev/null
    "$bin" submit "$acc" $O >/dev/null
    i=$((i + 1))
done
printf '[' >"$out/people.json"
i=1
while [ $i -le 200 ]; do
    url=$("$bin" invite "p$i" $O | grep -o 'http://[^ ]*/invite/[A-Za-z0-9_-]*')
    acc=$(printf 'ACC-%06d' $(((i - 1) % 50 + 1)))
    decision=
    [ $i -le 25 ] && decision=approve
    [ $i -gt 25 ] && [ $i -le 50 ] && decision=reject
    [ $i -gt 1 ] && printf ',' >>"$out/people.json"
    printf '{"id": "p%d", "invite": "%s", "account": "%s", "decision": "%s"}\n' \
        $i "$url" "$acc" "$decision" >>"$out/people.json"
    i=$((i + 1))
done
printf ']\n' >>"$out/people.json"
echo "  done in $(($(date +%s) - t0)) s"

"$bin" serve $O --listen 127.0.0.1:0 >"$out/serve.out" 2>"$out/serve.err" &
server=$!
base=$(tools/listening.sh "$out/serve.out" 10 $server) || {
    cat "$out/serve.err"
    exit 1
}
sed -i "s|http://[^\"]*/invite/|$base/invite/|" "$out/people.json"

# The server's resident memory every 250 ms, until it stops.
(while kill -0 "$server" 2>/dev/null; do
    awk -v t="$(date +%s.%N)" '/^VmRSS:/ {print t, $2}' "/proc/$server/status" 2>/dev/null
    sleep 0.25
done) >"$out/rss" &

node bench/serve-load.mjs "$base" "$out/people.json" "$rounds" "$seconds" | tee "$out/load" | grep -v '^load-'
kill -TERM "$server"
wait "$server" || true
server=

echo
awk '$1 == "html" {
        printf "HTML pages       p50 %6.1f ms   p99 %6.1f ms   (%d pages; goal: p99 under 50 ms: %s)\n",
            $2, $3, $4, ($3 < 50) ? "yes" : "NO" }
     $1 == "pdf" {
        printf "PDFs             p50 %6.1f ms   p99 %6.1f ms   (%d opened)\n", $2, $3, $4 }
     $1 == "requests" {
        printf "throughput       %d requests in %.1f s: %d requests/s\n", $2, $3, $4 }
     $1 == "slow" { $1 = ""; printf "one byte a second: %s (status/seconds until cut)\n", $0 }
     $1 == "huge" { printf "100 MB POST:      %s after %s s with Expect: 100-continue; sent at once: %s after %s s\n", $4, $5, $2, $3 }
     $1 == "multipart" { printf "broken multipart: %s\n", $2 }
     $1 == "errors" { printf "errors:           %d\n", $2 }' "$out/load"

approved=$(sqlite3 "$out/state/reportpipe.db" "SELECT count(*) FROM approvals")
rejected=$(sqlite3 "$out/state/reportpipe.db" "SELECT count(*) FROM audit WHERE action = 'reject' AND outcome = 'done'")
twice=$(sqlite3 "$out/state/reportpipe.db" "SELECT count(*) FROM (SELECT account FROM audit WHERE action IN ('approve', 'reject') AND outcome = 'done' GROUP BY account HAVING count(*) > 1)")
printf 'decisions:        %s approved, %s sent back (25 and 25 posted, each twice); accounts decided twice: %s\n' \
    "$approved" "$rejected" "$twice"
awk '$1 == "approve" || $1 == "reject" {
        printf "  %-7s answered: %d applied, %d refused as already decided\n", $1, $2, $3 }' "$out/load"
printf 'database errors in the log: %s\n' "$(grep -ci 'database\|sqlite' "$out/serve.err" || true)"

# Memory over the load phase (signing in, before it, runs two 64 MiB
# password hashes at a time: not the steady state), in five slices.
from=$(awk '$1 == "load-start" {print $2}' "$out/load")
to=$(awk '$1 == "load-end" {print $2}' "$out/load")
awk -v from="$from" -v to="$to" '
    $1 < from || $1 > to { if ($1 < from) before = $2; next }
    { n++; r[n] = $2; if ($2 > peak) peak = $2 }
    END {
        printf "server memory (RSS) over the load: at its start %.0f MB, peak %.0f MB; by fifths:", before / 1024, peak / 1024
        for (k = 1; k <= 5; k++) { i = int(n * k / 5); if (i < 1) i = 1; printf " %.0f", r[i] / 1024 }
        printf " MB\n"
    }' "$out/rss"
