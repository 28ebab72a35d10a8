#!/bin/sh
# The status report's data is checked against the review-data schema
# while the report is rendered (pipeline/batch/check.c): data the schema
# rejects fails the report with the schema's message, the report of the
# night before stays as it was, no temporary is left, and the reviews are
# still made.
. "$(dirname "$0")/lib.sh"
plan 14

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

# ---- each account's part that passed is on record, by its inputs: after
# one ticket changed, the accounts whose tickets did not change are not
# checked again; a schema that changed checks every one of them
checked="$out/.reportpipe/checked-accounts"
is "$(grep -Ec '^[0-9a-f]{64}$' "$checked")" "$n_accounts" \
    "every account's part of the report's data is on record as checked"
cp -R input "$WORK/in"
sed -i 's/^\(120002,.*,Closed,\)Low,Mail,/\1High,Mail,/' "$WORK/in/zendesk-tickets.csv"
"$REPORTPIPE" run --input "$WORK/in" --output "$out" -q 2>"$WORK/log4"
is $? 0 "a run after one ticket changed succeeds"
grep -q '"document": "status-report.pdf", "result": "built"' "$out/run-summary.json" ||
    grep -A2 '"status-report.pdf"' "$out/run-summary.json" | grep -q built
ok $? "and makes the status report again"
# Every account fails this schema, and no input changed since the run
# before: had the schema not been part of what was checked, every account
# would count as checked and the report would pass.
cp -R templates "$WORK/t2"
sed -i 's|<element name="account">|<element name="account"><attribute name="never-written"/>|' \
    "$WORK/t2/schema/review-data.rng"
"$REPORTPIPE" run --input "$WORK/in" --output "$out" --templates "$WORK/t2" -q 2>"$WORK/log5"
is $? 3 "a schema that changed checks every account again: the run exits 3"
contains "$WORK/log5" "Element account failed to validate attributes" \
    "with the schema's complaint about an account"
finish
