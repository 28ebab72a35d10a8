#!/bin/sh
# The command line: help, exit codes, bad input, and each stage used alone.
. "$(dirname "$0")/lib.sh"
plan 23

"$REPORTPIPE" --help >"$WORK/out" 2>&1
ok $? "--help exits 0"
contains "$WORK/out" "render" "--help lists the commands"
"$REPORTPIPE" --version | grep -q "^reportpipe [0-9]"
ok $? "--version prints the version"
for cmd in run import merge transform render; do
    "$REPORTPIPE" $cmd --help >"$WORK/out" 2>&1 &&
        grep -q "usage: reportpipe $cmd" "$WORK/out"
    ok $? "$cmd --help prints its usage"
done
"$REPORTPIPE" frobnicate 2>/dev/null
is $? 2 "an unknown command exits 2"
"$REPORTPIPE" render --bogus a b 2>/dev/null
is $? 2 "an unknown option exits 2"
"$REPORTPIPE" merge -o x.xml --period-start 2026-02-30 --period-end 2026-03-01 input/tickets.csv 2>/dev/null
is $? 2 "an impossible date exits 2"
"$REPORTPIPE" run --input "$WORK/nowhere" --output "$WORK/o" 2>"$WORK/err"
is $? 1 "a missing input directory exits 1"
contains "$WORK/err" "nowhere" "and the error names it"

# A broken row is rejected with its line, the rest still renders.
mkdir -p "$WORK/in"
cp input/crm-accounts.csv "$WORK/in/"
cp input/tickets.csv "$WORK/in/"
printf 'T-999999,ACC-1001,Broken row,P2,Open,Billing,yesterday at noon,,\r\n' >>"$WORK/in/tickets.csv"
line=$(wc -l <"$WORK/in/tickets.csv")
"$REPORTPIPE" run -q --input "$WORK/in" --output "$WORK/o" 2>"$WORK/err"
is $? 1 "a run with a rejected row exits 1"
rejects="$WORK/o/rejects/tickets.rejects.csv"
[ -f "$rejects" ]
ok $? "the rejected row goes to output/rejects/tickets.rejects.csv"
grep -q "^$line,.*Created.*yesterday at noon" "$rejects"
ok $? "the rejects file gives the line number, field and value"
[ -f "$WORK/o/reviews/ACC-1001.pdf" ] && [ -f "$WORK/o/status-report.pdf" ]
ok $? "the documents are still produced"

# Each stage alone, through files, gives the same PDF as the one-shot run.
"$REPORTPIPE" import -q -o "$WORK/records" input/crm-accounts.csv input/tickets.csv
ok $? "import writes canonical records"
"$REPORTPIPE" merge -q -o "$WORK/review-data.xml" "$WORK/records/accounts.csv" "$WORK/records/tickets.csv"
ok $? "merge reads the canonical records"
"$REPORTPIPE" merge -q -o "$WORK/direct.xml" input/crm-accounts.csv input/tickets.csv
cmp -s "$WORK/review-data.xml" "$WORK/direct.xml"
ok $? "merging records or raw exports gives identical XML"
"$REPORTPIPE" transform -q -p account-id=ACC-1003 -o "$WORK/r.fo" templates/annual-review.xsl "$WORK/review-data.xml"
ok $? "transform applies the review template"
"$REPORTPIPE" render -q "$WORK/r.fo" "$WORK/r.pdf"
ok $? "render renders the FO"
"$REPORTPIPE" run -q --input input --output "$WORK/full" 2>/dev/null
cmp -s "$WORK/r.pdf" "$WORK/full/reviews/ACC-1003.pdf"
ok $? "stage by stage and run produce byte-identical PDFs"
finish
