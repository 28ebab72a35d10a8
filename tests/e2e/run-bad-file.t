#!/bin/sh
# reportpipe run when one input cannot be read (issue 13): an export whose
# header matches no profile and a contribution that is not UTF-8 cost only
# themselves.  Every review and the status report are still made, the
# run names each bad file and why, and exits non-zero.
. "$(dirname "$0")/lib.sh"
plan 9

in="$WORK/in"
out="$WORK/out"
cp -R input "$in"
printf 'Foo,Bar\r\n1,2\r\n' >"$in/unknown-export.csv"
mkdir -p "$in/contributions/ACC-1002"
printf 'A summary with one bad \377 byte.\n' >"$in/contributions/ACC-1002/executive-summary.txt"
# A tickets export with an unclosed quote: only that row is lost.
{ head -1 input/zendesk-tickets.csv; sed -n 2p input/zendesk-tickets.csv |
    sed 's/,/,"/4'; sed -n '3,$p' input/zendesk-tickets.csv; } >"$in/zendesk-tickets.csv"

"$REPORTPIPE" run --input "$in" --output "$out" 2>"$WORK/log"
is $? 1 "run exits 1 when an input could not be read"
contains "$WORK/log" "1 export could not be read and was left out; the documents are made from the others: $in/unknown-export.csv:1: the header matches no known export" "the run's summary names the export and why"
contains "$WORK/log" "$in/contributions/ACC-1002/executive-summary.txt: the value is not valid UTF-8; this contribution is left out of the review of ACC-1002" "it names the contribution and why"
contains "$WORK/log" "run: FAILED" "the last line says the run failed"
n_accounts=$(tests/e2e/csv-select.pl input/salesforce-accounts.csv 1 2 | wc -l)
is "$(ls "$out/reviews" | wc -l)" "$n_accounts" "every account's review is made"
qpdf --check "$out/status-report.pdf" >/dev/null 2>&1
ok $? "the status report is made"
pdftotext "$out/reviews/ACC-1001.pdf" "$WORK/acc1001.txt"
[ -s "$WORK/acc1001.txt" ]
ok $? "a review the bad files do not touch has its text"
rows=$(($(wc -l <input/zendesk-tickets.csv) - 1))
contains "$WORK/log" "$in/zendesk-tickets.csv: recognised as zendesk-tickets" "the export with an unclosed quote is read"
grep -q "$in/zendesk-tickets.csv: .*$rows rows read = $((rows - 1)) accepted + 1 rejected" "$WORK/log"
ok $? "and only the row with the unclosed quote is rejected"
finish
