#!/bin/sh
# Print and shipment, meeting feedback and follow-ups (issue 17), end to
# end on the sample data with a fixed clock (SOURCE_DATE_EPOCH, 2026-11-23)
# and the program's people as OS users: approve -> deliver (the print
# folder: the PDF, manifest.json and manifest.csv) -> shipped; a delivery
# near its print deadline is at risk; feedback with follow-ups, a bad
# feedback file, followup done; the status report and next year's review.
# Needs root to create the users (as CI has); otherwise it skips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/workflow-lib.sh"

workflow_need_root
plan 60
cp -r tests/e2e/feedback "$WORK/feedback"
chmod -R a+rX "$WORK/feedback"
CSV_SELECT="$TOP/tests/e2e/csv-select.pl"
workflow_setup rpadmin schen dwhitfield hlind tnguyen

as() { # as LOGIN COMMAND ARGS...
    u=$1 cmd=$2
    shift 2
    as_user "$u" "$REPORTPIPE" "$cmd" $O "$@"
}

# ---- print and shipment ----
# ACC-1001 meets on 2026-11-30: its print deadline (print-lead-days, 7
# days before) is 2026-11-23, today.  ACC-1002 meets on 2026-12-18: far off.
try 0 "a request whose meeting is a week off" rpadmin request ACC-1001 --meeting 2026-11-30 --due 2026-11-25
try 0 "its draft" rpadmin submit ACC-1001
as rpadmin status ACC-1001 --json >"$WORK/out" 2>&1
perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0] or die; my $q = decode_json(<$f>)->[0];
    exit !($q->{contributions_missing} == 4 && @{$q->{tasks}} == 4 && !grep { !$_->{missing} } @{$q->{tasks}})' "$WORK/out"
ok $? "status --json: the four sections asked are missing, counted in contributions_missing"
try 4 "shipping before delivery is refused" rpadmin shipped ACC-1001 --tracking 1Z999
contains "$WORK/err" "in stage 'in-review'" "the refusal names the stage"
try 0 "the leader approves" dwhitfield approve ACC-1001
final="$WORK/output/approved/ACC-1001/2026-v1.pdf"
as rpadmin status ACC-1001 >"$WORK/out" 2>&1
contains "$WORK/out" "AT RISK: print deadline 2026-11-23" "approved, not shipped, the print deadline today: at risk"
contains "$WORK/out" "executive-summary  Sarah Chen" "and, below, the sections asked and their writers"
try 0 "deliver makes the print job" rpadmin deliver ACC-1001
day="$WORK/output/print/2026-11-23"
[ -f "$day/ACC-1001-2026-v1.pdf" ] && [ -f "$day/manifest.json" ] && [ -f "$day/manifest.csv" ]
ok $? "the print folder holds the PDF and both manifests"
is "$(sha256sum <"$day/ACC-1001-2026-v1.pdf")" "$(sha256sum <"$final")" "the PDF to print is the approved one, byte for byte"
perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0] or die; my $j = decode_json(<$f>);
    my $a = $j->{jobs}[0];
    exit !($j->{day} eq "2026-11-23" && @{$j->{jobs}} == 1 && $a->{account} eq "ACC-1001"
        && $a->{copies} == 1 && $a->{street} eq "1200 Industrial Parkway" && $a->{city} eq "Dayton"
        && $a->{state} eq "OH" && $a->{postal_code} eq "45402" && $a->{country} eq "US"
        && $a->{meeting} eq "2026-11-30" && $a->{print_deadline} eq "2026-11-23"
        && $a->{file} eq "ACC-1001-2026-v1.pdf")' "$day/manifest.json"
ok $? "manifest.json parses: account, CRM billing address, 1 copy, meeting, print deadline, file"
sha=$(perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0] or die; print decode_json(<$f>)->{jobs}[0]{sha256}' "$day/manifest.json")
is "$sha  -" "$(sha256sum <"$final")" "the manifest's SHA-256 is the approved PDF's"
is "$(head -1 "$day/manifest.csv" | tr -d '\r')" "account,name,year,version,file,sha256,copies,ship_to,street,city,state,postal_code,country,meeting,print_deadline" "manifest.csv: its columns"
is "$("$CSV_SELECT" "$day/manifest.csv" 1 2 7 9 14 15)" "ACC-1001	Acme Widgets, Inc.	1	1200 Industrial Parkway	2026-11-30	2026-11-23" "manifest.csv: the job's row"
as rpadmin status ACC-1001 >"$WORK/out" 2>&1
contains "$WORK/out" "AT RISK" "delivered but not shipped: still at risk"

# A second delivery the same day joins the day's job.
try 0 "another request" rpadmin request ACC-1002 --meeting 2026-12-18
try 0 "its draft" rpadmin submit ACC-1002
try 0 "approved on behalf" rpadmin approve ACC-1002 --on-behalf-of hlind --evidence "$WORK/feedback/good.txt"
try 0 "delivered the same day, 3 copies" rpadmin deliver ACC-1002 --copies 3
perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0] or die; my $j = decode_json(<$f>);
    exit !(@{$j->{jobs}} == 2 && $j->{jobs}[0]{account} eq "ACC-1001" && $j->{jobs}[1]{account} eq "ACC-1002"
        && $j->{jobs}[1]{copies} == 3 && $j->{jobs}[1]{city} eq "Hamburg")' "$day/manifest.json"
ok $? "the day's manifest lists both jobs, the first kept"
is "$("$CSV_SELECT" "$day/manifest.csv" 1 | tr '\n' ' ')" "ACC-1001 ACC-1002 " "and so does the CSV"
as rpadmin status ACC-1002 >"$WORK/out" 2>&1
grep -q "AT RISK" "$WORK/out"
is $? 1 "a delivery whose print deadline is far off is not at risk"

try 1 "a tracking number with a control character is bad input" rpadmin shipped ACC-1001 --tracking "$(printf 'a\tb')"
try 0 "the shipment is recorded" rpadmin shipped ACC-1001 --tracking 1Z999AA10123456784
as rpadmin status ACC-1001 >"$WORK/out" 2>&1
grep -q "AT RISK" "$WORK/out"
is $? 1 "shipped: no longer at risk"
contains "$WORK/out" "shipped 2026-11-23 (1Z999AA10123456784)" "status shows the shipment"
as rpadmin audit ACC-1001 >"$WORK/audit" 2>&1
grep "	ship	done	ACC-1001" "$WORK/audit" | grep -q 1Z999AA10123456784
ok $? "the shipment is audited"
grep "	deliver	done	ACC-1001" "$WORK/audit" | grep -q "print job"
ok $? "the print job is audited"

# ---- meeting feedback and follow-ups, five days later (2026-11-28) ----
today=$SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$((today + 5 * 86400))
try 1 "a feedback file with a bad date is refused" rpadmin feedback ACC-1001 "$WORK/feedback/bad-due.txt"
contains "$WORK/err" "$WORK/feedback/bad-due.txt:4: field 'due': nothing recorded: '2026-13-01' is not a date" "the error names file, line and field"
as rpadmin followup list ACC-1001 --all >"$WORK/out" 2>&1
contains "$WORK/out" "no follow-ups" "nothing of the bad file was recorded"
try 4 "feedback before delivery is refused" rpadmin feedback ACC-1009 "$WORK/feedback/good.txt"
try 0 "the feedback is recorded" rpadmin feedback ACC-1001 "$WORK/feedback/good.txt"
contains "$WORK/out" "feedback recorded, 4 follow-ups" "with its four follow-ups"
contains "$WORK/out" "3  Review the P2 backlog with their IT lead  (Sarah Chen, due 2027-01-15)" "each with its id"
try 0 "a follow-up is closed" schen followup done 3
contains "$WORK/out" "follow-up 3 of ACC-1001 done on 2026-11-28" "and says so"
try 4 "closing it twice is refused" schen followup done 3
contains "$WORK/err" "was done already, on 2026-11-28 by Sarah Chen" "naming when and by whom"
try 1 "an unknown follow-up is bad input" schen followup done 99
as rpadmin audit ACC-1001 >"$WORK/audit" 2>&1
grep -q "	followup-done	done	ACC-1001.*follow-up 3" "$WORK/audit"
ok $? "closing a follow-up is audited"
grep "	feedback	refused	ACC-1001" "$WORK/audit" | grep -q "bad-due.txt:4: field 'due'"
ok $? "the refused file is audited"
as rpadmin followup list >"$WORK/out" 2>&1
is "$(awk '{print $1 "/" $4}' "$WORK/out" | tr '\n' ' ')" "1/open 2/OVERDUE 4/open " "followup list: the open ones, the overdue one marked"

# The status report lists them, with the program's dashboard.
try 0 "the nightly run" rpadmin run -q
pdftotext -layout "$WORK/output/status-report.pdf" "$WORK/report.txt"
contains "$WORK/report.txt" "Open follow-ups from the meetings" "the status report lists the open follow-ups"
grep "Send the escalation contacts" "$WORK/report.txt" | grep -q "overdue"
ok $? "the overdue one marked overdue"
grep "Set up a quarterly service review" "$WORK/report.txt" | grep -q "open"
ok $? "an open one marked open"
grep -q "Review the P2 backlog" "$WORK/report.txt"
is $? 1 "the one done is not listed"
contains "$WORK/report.txt" "follow-ups overdue" "the dashboard counts the overdue follow-ups"
contains "$WORK/report.txt" "deliveries at risk" "and the deliveries at risk"
# The first page, what needs attention today, names the overdue
# follow-up with its owner, and no delivery at risk (ACC-1001 shipped).
pdftotext -layout -f 1 -l 1 "$WORK/output/status-report.pdf" "$WORK/page1.txt"
grep -q "Send the escalation contacts .*due 27 Nov 2026 .*Thao Nguyen" "$WORK/page1.txt"
ok $? "page 1 lists the overdue follow-up, its due date and owner"
grep -q "nothing has shipped" "$WORK/page1.txt"
is $? 1 "page 1 lists no delivery at risk once it has shipped"
cp "$WORK/output/status-report.pdf" "$TOP/build/status-report-i17.pdf" 2>/dev/null

# Next year's review shows last year's feedback and each outcome.
SOURCE_DATE_EPOCH=$((today + 365 * 86400))
try 0 "next year's request" rpadmin request ACC-1001 --meeting 2027-12-10
try 0 "its draft" rpadmin submit ACC-1001
draft="$WORK/output/drafts/ACC-1001/2027-v1-draft.pdf"
pdftotext -layout "$draft" "$WORK/review.txt"
cp "$draft" "$TOP/build/review-i17.pdf" 2>/dev/null
contains "$WORK/review.txt" "faster answers to P1 tickets" "next year's review holds last year's feedback"
contains "$WORK/review.txt" "Follow-ups agreed at the 2026 meeting" "and the follow-ups of that meeting"
grep "Review the P2 backlog" "$WORK/review.txt" | grep -q "done on 28 Nov"
ok $? "a follow-up done: done on its date"
grep "Set up a quarterly service review" "$WORK/review.txt" | grep -q "overdue"
ok $? "one never done: overdue"
grep "Propose the early contract renewal" "$WORK/review.txt" | grep -q "open"
ok $? "one not yet due: open"
SOURCE_DATE_EPOCH=$today

finish
