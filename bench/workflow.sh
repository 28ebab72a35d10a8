#!/bin/sh
# The workflow's figures (issue: workflow core):
#  - `status` over 10,000 requests and 200,000 audit entries, against the
#    100 ms it must answer in;
#  - `submit` of one account against making that same review alone, as
#    the pipeline makes it without the workflow (`reportpipe snapshot`,
#    then `reportpipe review`), and against only rendering it from its
#    snapshot: the workflow's bookkeeping must cost next to nothing
#    beside the document.
# The store is filled with SQL (requests in every stage, drafts, a long
# audit trail), as a year of a large program would leave it.
# usage: bench/workflow.sh BINARY
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
out=$(mktemp -d "${TMPDIR:-/tmp}/rp-bench-wf.XXXXXX")
trap 'rm -rf "$out"' EXIT
cd "$top"
login=$(id -un)
sed "s/,rpadmin,/,$login,/" config/people.csv >"$out/people.csv"
cp config/sla.xml config/health.xml config/account-map.csv "$out/"
O="--state $out/state --config $out --output $out/output"
export SOURCE_DATE_EPOCH=1795392000

# An empty store of the current schema, then 10,000 requests.
"$bin" status $O >/dev/null
sqlite3 "$out/state/reportpipe.db" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO requests (account, year, stage, stage_since, meeting, due,
    requested_by, requested_at, account_name, tier, owner, country)
SELECT printf('ACC-%05d', i), 2026,
    CASE i % 7 WHEN 0 THEN 'requested' WHEN 1 THEN 'collecting'
        WHEN 2 THEN 'drafted' WHEN 3 THEN 'in-review' WHEN 4 THEN 'approved'
        WHEN 5 THEN 'changes-requested' ELSE 'delivered' END,
    1790000000 + i * 60, '2026-12-15', '2026-12-08', 'admin', 1790000000,
    printf('Account %d', i),
    CASE i % 4 WHEN 0 THEN 'Platinum' WHEN 1 THEN 'Gold' WHEN 2 THEN 'Silver'
        ELSE 'Bronze' END, 'Sarah Chen', 'US'
FROM n;
INSERT INTO drafts (request, version, pdf_path, pdf_sha256, data_sha256,
    template_version, created_by, created_at)
SELECT id, 1, 'output/drafts/x.pdf', hex(randomblob(32)), hex(randomblob(32)),
    hex(randomblob(32)), 'admin', 1790000000
FROM requests WHERE stage IN ('in-review', 'approved', 'delivered',
    'changes-requested');
INSERT INTO snapshots (draft, body) SELECT id, zeroblob(20000) FROM drafts;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
INSERT INTO audit (seq, at, login, person, action, outcome, account,
    from_stage, to_stage, detail, prev_hash, hash)
SELECT i, 1790000000 + i, 'rpadmin', 'admin', 'contribute', 'done',
    printf('ACC-%05d', i % 10000 + 1), 'collecting', 'collecting',
    'executive-summary of the 2026 review (1200 bytes) from summary.txt',
    hex(randomblob(32)), hex(randomblob(32))
FROM n;
SQL
size=$(du -k "$out/state/reportpipe.db" | cut -f1)
echo "store: 10,000 requests, 200,000 audit entries, $((size / 1024)) MB"

bench_time "$bin" status $O
printf '%-40s %8.3f s  %6s MB  (must be under 0.100 s: %s)\n' \
    "status, every request" "$secs" "$rss_mb" \
    "$(awk -v s="$secs" 'BEGIN {print (s < 0.1) ? "yes" : "NO"}')"
bench_time "$bin" status --json $O
printf '%-40s %8.3f s  %6s MB\n' "status --json" "$secs" "$rss_mb"
bench_time "$bin" status ACC-04711 $O
printf '%-40s %8.3f s  %6s MB\n' "status of one account" "$secs" "$rss_mb"

# submit against rendering the same review alone.  submit is refused
# once a draft is in review, so each run first sends it back.
"$bin" request ACC-1001 --meeting 2026-12-15 $O >/dev/null
"$bin" snapshot ACC-1001 -o "$out/snapshot.xml" --input input \
    --config "$out" >/dev/null 2>&1
bench_time "$bin" review "$out/snapshot.xml" "$out/alone.pdf"
alone=$secs
alone_mb=$rss_mb
# The same review made from the exports without the workflow: the
# account's data (import, merge, slice), then its rendering.
bench_time sh -c "\"$bin\" snapshot -q -o \"$out/s.xml\" --input input \
    --config \"$out\" ACC-1001 >/dev/null &&
    \"$bin\" review -q \"$out/s.xml\" \"$out/made.pdf\""
made=$secs
made_mb=$rss_mb
bench_time sh -c "\"$bin\" submit ACC-1001 $O -q &&
    sqlite3 \"$out/state/reportpipe.db\" \"UPDATE requests SET stage =
    'drafted' WHERE account = 'ACC-1001'\""
printf '%-40s %8.3f s  %6s MB\n' "render the review from its snapshot" \
    "$alone" "$alone_mb"
printf '%-40s %8.3f s  %6s MB\n' "make the review from the exports" \
    "$made" "$made_mb"
printf '%-40s %8.3f s  %6s MB  (%.2fx making it, %.2fx rendering it)\n' \
    "submit (make, render, record)" "$secs" "$rss_mb" \
    "$(awk -v a="$secs" -v b="$made" 'BEGIN {print a / b}')" \
    "$(awk -v a="$secs" -v b="$alone" 'BEGIN {print a / b}')"
