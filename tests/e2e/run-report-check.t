#!/bin/sh
# The status report's data is checked against the review-data schema
# while the report is rendered (pipeline/batch/check.c): data the schema
# rejects fails the report with the schema's message, the report of the
# night before stays as it was, no temporary is left, and the reviews are
# still made.
. "$(dirname "$0")/lib.sh"
plan 9

out="$WORK/out"
"$REPORTPIPE" run --output "$out" -q 2>"$WORK/log1"
is $? 0 "a run on the sample succeeds"
cp "$out/status-report.pdf" "$WORK/before.pdf"

# A schema that asks the program for an attribute the merge never writes.
cp -R templates "$WORK/t"
sed -i 's|<element name="program">|<element name="program"><attribute name="never-written"/>|' \
    "$WORK/t/schema/review-data.rng"
grep -q 'never-written' "$WORK/t/schema/review-data.rng"
ok $? "the test's schema asks for an attribute the data does not have"

"$REPORTPIPE" run --output "$out" --templates "$WORK/t" --force 2>"$WORK/log2"
is $? 3 "the run exits 3: data the schema rejects is our bug (docs/operations.md)"
contains "$WORK/log2" "$WORK/t/schema/review-data.rng: field '/': the merged document does not match the schema (our bug): Element program failed to validate attributes" \
    "the error names the schema and its complaint about the report's data"
cmp -s "$out/status-report.pdf" "$WORK/before.pdf"
ok $? "the status report of the run before is kept as it was"
is "$(find "$out" -name '*.tmp.*' | wc -l)" 0 "no temporary file is left"
n_accounts=$(tests/e2e/csv-select.pl input/salesforce-accounts.csv 1 2 | wc -l)
is "$(grep -c '"result": "built"' "$out/run-summary.json")" "$n_accounts" \
    "every review is made again (--force)"
grep -q '"complete": false' "$out/run-summary.json"
ok $? "run-summary.json says the set is not complete"

"$REPORTPIPE" run --output "$out" -q 2>"$WORK/log3"
is $? 0 "with the schema fixed the next run makes the report again"
finish
