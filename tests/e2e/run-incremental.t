#!/bin/sh
# reportpipe run at scale (issue 14): the same outputs from any number of
# workers, only what changed rebuilt, a killed run that costs nothing, one
# run at a time per output folder, and run-summary.json saying how it went.
. "$(dirname "$0")/lib.sh"
plan 56

in="$WORK/in"
cp -R input "$in"
state="$WORK/state"

# summary FILE EXPR: a value of run-summary.json (a Perl expression over $s).
summary() {
    perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0] or die;
        my $s = decode_json(<$f>); print eval($ARGV[1]) // "", "\n"' "$1" "$2"
}
# results FILE RESULT: the documents of run-summary.json with that result.
results() {
    perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0] or die;
        my $s = decode_json(<$f>);
        print map { "$_->{document}\n" } grep { $_->{result} eq $ARGV[1] }
            @{$s->{documents}}' "$1" "$2"
}
pdfs() { (cd "$1" && find . -name .reportpipe -prune -o -name '*.pdf' -print | sort); }

# ---- -j 2 writes exactly what -j 1 writes
"$REPORTPIPE" run -q -j 1 --input "$in" --output "$WORK/j1" --state "$state" 2>"$WORK/log1"
is $? 0 "run -j 1 exits 0"
"$REPORTPIPE" run -q -j 2 --input "$in" --output "$WORK/j2" --state "$state" 2>"$WORK/log2"
is $? 0 "run -j 2 exits 0"
n=$(pdfs "$WORK/j1" | wc -l)
is "$(pdfs "$WORK/j2" | wc -l)" "$n" "both make the same documents"
same=0
for f in $(pdfs "$WORK/j1"); do cmp -s "$WORK/j1/$f" "$WORK/j2/$f" || same=1; done
ok $same "every PDF of -j 2 is byte for byte the one of -j 1 ($n documents)"
is "$(summary "$WORK/j2/run-summary.json" '$s->{complete} ? "yes" : "no"')" yes \
    "run-summary.json says the set is complete"
is "$(results "$WORK/j2/run-summary.json" built | wc -l)" "$n" "and lists every document as built"

# ---- one account that cannot be made costs only its review
bad="$WORK/bad"
cp -R input "$bad"
sed -n 's/^ACC-1014,Vinterberg Energi AS,/ACC\/1099,Broken Id AS,/p' input/salesforce-accounts.csv \
    >>"$bad/salesforce-accounts.csv"
"$REPORTPIPE" run -q -j 2 --input "$bad" --output "$WORK/bad-out" --state "$state" 2>"$WORK/log"
is $? 1 "a run with one account that cannot be made exits 1"
contains "$WORK/log" "account id 'ACC/1099' cannot name a file" "and names the account and why"
is "$(results "$WORK/bad-out/run-summary.json" built | wc -l)" "$n" "every other document is made"
is "$(summary "$WORK/bad-out/run-summary.json" \
    'join ",", map { "$_->{account}: $_->{why}" =~ /cannot name a file/ ? "yes" : () }
        grep { $_->{result} eq "failed" } @{$s->{documents}}')" yes \
    "run-summary.json lists it as failed, with why"

# ---- nothing changed: nothing made
out="$WORK/j2"
before=$(ls -l --time-style=full-iso "$out/reviews" "$out/status-report.pdf" | md5sum)
"$REPORTPIPE" run --input "$in" --output "$out" --state "$state" 2>"$WORK/log"
is $? 0 "a second run with nothing changed exits 0"
contains "$WORK/log" "nothing changed since the last complete run; its $n documents" \
    "it says nothing changed"
after=$(ls -l --time-style=full-iso "$out/reviews" "$out/status-report.pdf" | md5sum)
is "$after" "$before" "and rewrites no document"
is "$(summary "$out/run-summary.json" '$s->{unchanged} ? "yes" : "no"')" yes \
    "run-summary.json says unchanged"
is "$(results "$out/run-summary.json" skipped | wc -l)" "$n" "and lists every document as skipped"

# ---- one ticket changed: its account's review and the status report
sed -i 's/^\(120002,.*,Closed,\)Low,Mail,/\1High,Mail,/' "$in/zendesk-tickets.csv"
grep -q '^120002,.*,Closed,High,Mail,' "$in/zendesk-tickets.csv"
ok $? "the test changes ticket 120002's priority"
"$REPORTPIPE" run --input "$in" --output "$out" --state "$state" 2>"$WORK/log"
is $? 0 "the run after one ticket changed exits 0"
results "$out/run-summary.json" built >"$WORK/built"
is "$(grep -c '^reviews/' "$WORK/built")" 1 "exactly one review is made again"
contains "$WORK/built" "status-report.pdf" "and the status report"
is "$(results "$out/run-summary.json" skipped | wc -l)" $((n - 2)) "the others are left as they are"
acc=$(sed -n 's|^reviews/\(.*\)\.pdf$|\1|p' "$WORK/built")
pdftotext "$out/reviews/$acc.pdf" - | grep -q 'Soci.t. G.n.rale'
ok $? "the review made again is the ticket's account's ($acc)"

# ---- a ticket added above the others: every row below moves down a line,
# yet only its account's review and the status report are made again
{ head -1 "$in/zendesk-tickets.csv"
  grep '^120002,' "$in/zendesk-tickets.csv" | sed 's/^120002,/199999,/'
  sed -n '2,$p' "$in/zendesk-tickets.csv"; } >"$WORK/t.csv"
mv "$WORK/t.csv" "$in/zendesk-tickets.csv"
"$REPORTPIPE" run --input "$in" --output "$out" --state "$state" 2>"$WORK/log"
is $? 0 "the run after a ticket was added at the top of the export exits 0"
results "$out/run-summary.json" built >"$WORK/built"
is "$(grep '^reviews/' "$WORK/built")" "reviews/$acc.pdf" \
    "only the review of the ticket's account is made again, not those whose rows moved"
contains "$WORK/built" "status-report.pdf" "and the status report"

# ---- what a review was made from is on record beside its key (the
# inputs digest and the data hash), so the next run knows a review whose
# tickets did not change without making its data
key="$out/.reportpipe/keys/reviews/$acc.pdf"
is "$(wc -l <"$key")" 2 "a review's key file holds its key and what it was made from"
grep -Eq '^[0-9a-f]{64} [0-9a-f]{64}$' "$key"
ok $? "the inputs digest and the data hash"

# ---- a record that is not a ticket (a contact's title): every review's
# data is made to be sure, and only the contact's account's review changes
sed -i 's/^\(0035g0000001001AA,.*\),Chief Information Officer,/\1,Chief Digital Officer,/' \
    "$in/salesforce-contacts.csv"
grep -q 'Chief Digital Officer' "$in/salesforce-contacts.csv"
ok $? "the test changes a contact's title"
"$REPORTPIPE" run -q --input "$in" --output "$out" --state "$state" 2>/dev/null
is "$(results "$out/run-summary.json" built | grep '^reviews/')" "reviews/ACC-1001.pdf" \
    "only the review of the contact's account is made again"
pdftotext "$out/reviews/ACC-1001.pdf" - | grep -q 'Chief Digital Officer'
ok $? "and it shows the new title"

# ---- a logo beside the exports (input/logos/ID.png) is part of that
# account's review: changing it makes that review again, and only it
mkdir -p "$in/logos"
mkdir -p "$WORK/img" && tests/e2e/make-images.pl "$WORK/img" >/dev/null
cp "$WORK/img/red.png" "$in/logos/ACC-1002.png"
"$REPORTPIPE" run --input "$in" --output "$out" --state "$state" 2>"$WORK/log"
is $? 0 "the run after a logo was added exits 0"
is "$(results "$out/run-summary.json" built)" "reviews/ACC-1002.pdf" \
    "only the review of the logo's account is made again"
cp "$WORK/img/blue-144dpi.png" "$in/logos/ACC-1002.png"
"$REPORTPIPE" run -q --input "$in" --output "$out" --state "$state" 2>/dev/null
is "$(results "$out/run-summary.json" built)" "reviews/ACC-1002.pdf" \
    "and again when the logo changes"

# ---- --force makes everything again
"$REPORTPIPE" run -q --force --input "$in" --output "$out" --state "$state" 2>/dev/null
is "$(results "$out/run-summary.json" built | wc -l)" "$n" "--force makes every document again"

# ---- --only and --status-report-only
"$REPORTPIPE" run -q --force --only ACC-1003 --input "$in" --output "$out" --state "$state" 2>/dev/null
is "$(results "$out/run-summary.json" built)" "reviews/ACC-1003.pdf" "--only makes that review alone"
"$REPORTPIPE" run -q --force --status-report-only --input "$in" --output "$out" --state "$state" 2>/dev/null
is "$(results "$out/run-summary.json" built)" "status-report.pdf" "--status-report-only makes the status report alone"
"$REPORTPIPE" run -q --only ACC-0000 --input "$in" --output "$out" --state "$state" 2>"$WORK/log"
is $? 1 "--only with an account the data does not hold exits 1"
contains "$WORK/log" "--only names account 'ACC-0000', which the CRM exports do not hold" "and says why"

# ---- temporaries and a stale lock left by a killed run
printf 'partial' >"$out/reviews/ACC-1001.pdf.tmp.Ab12Cd"
printf 'pid 999999 since 0\n' >"$out/.reportpipe/lock"
"$REPORTPIPE" run --input "$in" --output "$out" --state "$state" 2>"$WORK/log"
is $? 0 "a run after a killed one exits 0"
contains "$WORK/log" "a previous run (pid 999999 since 0) ended without finishing" "it takes over the stale lock and says so"
contains "$WORK/log" "removed 1 temporary file an interrupted run left" "it removes the temporary file"
[ ! -e "$out/reviews/ACC-1001.pdf.tmp.Ab12Cd" ]
ok $? "which is gone"

# ---- two runs at once on one output folder
"$REPORTPIPE" run -q --force -j 1 --input "$in" --output "$out" --state "$state" 2>"$WORK/loga" &
first=$!
i=0
while [ "$(summary "$out/run-summary.json" '$s->{status}')" != running ] && [ $i -lt 100 ]; do
    sleep 0.05
    i=$((i + 1))
done
"$REPORTPIPE" run -q --input "$in" --output "$out" --state "$state" 2>"$WORK/logb"
is $? 5 "a second run while one is writing the folder exits 5"
contains "$WORK/logb" "another run is writing this output folder (pid $first" "and names the run that holds it"
wait $first
is $? 0 "the first run completes"

# ---- SIGKILL at several moments: the documents stay whole
cp -R "$out" "$WORK/good"
sed -i 's/^\(120003,.*,Closed,\)Low,/\1Urgent,/' "$in/zendesk-tickets.csv"
broken=0
incomplete=
for delay in 0.1 0.3 0.6 1.0; do
    setsid "$REPORTPIPE" run -q --force --input "$in" --output "$out" --state "$state" 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -KILL "-$pid"
    wait $pid 2>/dev/null
    for f in $(pdfs "$WORK/good"); do
        qpdf --check "$out/$f" >/dev/null 2>&1 || broken=$((broken + 1))
    done
done
# Killed once it has said it is running.
setsid "$REPORTPIPE" run -q --force -j 1 --input "$in" --output "$out" --state "$state" 2>/dev/null &
pid=$!
i=0
while [ "$(summary "$out/run-summary.json" '$s->{status}')" != running ] && [ $i -lt 200 ]; do
    sleep 0.02
    i=$((i + 1))
done
kill -KILL "-$pid"
wait $pid 2>/dev/null
incomplete=$(summary "$out/run-summary.json" '$s->{complete} ? "yes" : "no"')
is "$broken" 0 "after SIGKILL at 0.1, 0.3, 0.6 and 1.0 s every document is whole"
is "$(pdfs "$out" | wc -l)" "$n" "and every document is still there"
is "$incomplete" no "run-summary.json of a run killed while it made documents does not say complete"
"$REPORTPIPE" run -q --input "$in" --output "$out" --state "$state" 2>/dev/null
is $? 0 "the run after the kills completes"
is "$(find "$out" -name '*.tmp.*' | wc -l)" 0 "and leaves no temporary file"
"$REPORTPIPE" run -q --input "$in" --output "$WORK/clean" --state "$state" 2>/dev/null
same=0
for f in $(pdfs "$WORK/clean"); do cmp -s "$WORK/clean/$f" "$out/$f" || same=1; done
ok $same "its documents are those a run that was never killed makes"

# ---- an account gone from the CRM export: its review goes with it
gone="$WORK/gone"
cp -R "$in" "$gone"
"$REPORTPIPE" run -q --input "$gone" --output "$WORK/g" --state "$state" 2>/dev/null
first=$(tests/e2e/csv-select.pl "$gone/salesforce-accounts.csv" 1 | head -1)
[ -f "$WORK/g/reviews/$first.pdf" ]
ok $? "the review of $first is made"
printf 'notes\n' >"$WORK/g/reviews/notes-from-sales.pdf"
grep -v "^\"\?$first\"\?," "$gone/salesforce-accounts.csv" >"$WORK/accounts.csv"
mv "$WORK/accounts.csv" "$gone/salesforce-accounts.csv"
"$REPORTPIPE" run --input "$gone" --output "$WORK/g" --state "$state" 2>"$WORK/log-gone"
is $? 0 "the run without $first exits 0 (its tickets are unmatched now)"
[ ! -e "$WORK/g/reviews/$first.pdf" ] && [ ! -e "$WORK/g/.reportpipe/keys/reviews/$first.pdf" ]
ok $? "its review and key are removed"
contains "$WORK/log-gone" "removed reviews/$first.pdf: account $first is no longer in the CRM exports" \
    "the run says which review it removed and why"
[ -f "$WORK/g/reviews/notes-from-sales.pdf" ]
ok $? "a file the run did not make is left alone"
is "$(summary "$WORK/g/run-summary.json" '$s->{stages}{render}{removed}')" 1 \
    "run-summary.json counts the removed review"
finish
