#!/bin/sh
# The command line: help, exit codes, bad input, and each stage used alone.
. "$(dirname "$0")/lib.sh"
plan 25

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
"$REPORTPIPE" merge -o x.xml --period-start 2026-02-30 --period-end 2026-03-01 input/zendesk-tickets.csv 2>/dev/null
is $? 2 "an impossible date exits 2"
# 2026 is no leap year: its 29 February is refused, not rolled into March.
"$REPORTPIPE" run --input "$WORK/nowhere" --output "$WORK/o" \
    --period-start 2026-02-29 --period-end 2026-03-31 2>"$WORK/err"
is $? 2 "a 29 February outside a leap year exits 2"
contains "$WORK/err" "--period-start '2026-02-29' is not a date" "and the error names the option"
"$REPORTPIPE" run --input "$WORK/nowhere" --output "$WORK/o" 2>"$WORK/err"
is $? 1 "a missing input directory exits 1"
contains "$WORK/err" "nowhere" "and the error names it"

# A broken row is rejected with its line, the rest still renders.
mkdir -p "$WORK/in"
cp input/*.csv "$WORK/in/"
# A Zendesk row whose "Created at" (column 14) is no time; 39 columns.
awk -F, 'NR > 1 && !/"/ { OFS = ","; $1 = "999999"; $14 = "yesterday at noon"; print; exit }' \
    input/zendesk-tickets.csv >>"$WORK/in/zendesk-tickets.csv"
line=$(wc -l <"$WORK/in/zendesk-tickets.csv")
"$REPORTPIPE" run -q --input "$WORK/in" --output "$WORK/o" 2>"$WORK/err"
is $? 1 "a run with a rejected row exits 1"
rejects="$WORK/o/rejects/zendesk-tickets.rejects.csv"
[ -f "$rejects" ]
ok $? "the rejected row goes to output/rejects/zendesk-tickets.rejects.csv"
grep -q "^$line,Created at,.*'yesterday at noon' is not a time (expected" "$rejects"
ok $? "the rejects file gives the line number, field, value and what was expected"
[ -f "$WORK/o/reviews/ACC-1001.pdf" ] && [ -f "$WORK/o/status-report.pdf" ]
ok $? "the documents are still produced"

# Each stage alone, through files, gives the same PDF as the one-shot run.
"$REPORTPIPE" import -q -o "$WORK/records" input/*.csv
ok $? "import writes canonical records"
"$REPORTPIPE" merge -q --contributions input/contributions -o "$WORK/review-data.xml" "$WORK"/records/*.csv
ok $? "merge reads the canonical records"
"$REPORTPIPE" merge -q --contributions input/contributions -o "$WORK/direct.xml" input/*.csv
# Only the references to the source files and lines differ.
for x in review-data direct; do
    sed -E 's/ src="[^"]*"//g; /<file id=/d' "$WORK/$x.xml" >"$WORK/$x.norm"
done
cmp -s "$WORK/review-data.norm" "$WORK/direct.norm"
ok $? "merging records or raw exports gives the same XML, but for source references"
"$REPORTPIPE" transform -q -p account-id=ACC-1003 -o "$WORK/r.fo" templates/annual-review.xsl "$WORK/direct.xml"
ok $? "transform applies the review template"
# --assets: the running header's logo is a brand asset under templates/,
# where run looks images up.
"$REPORTPIPE" render -q --assets templates "$WORK/r.fo" "$WORK/r.pdf"
ok $? "render renders the FO"
"$REPORTPIPE" run -q --input input --output "$WORK/full" 2>/dev/null
cmp -s "$WORK/r.pdf" "$WORK/full/reviews/ACC-1003.pdf"
ok $? "stage by stage and run produce byte-identical PDFs"
finish
