#!/bin/sh
# The review workflow end to end on the sample data, acted by separate OS
# users as config/people.csv names them: request, contribute, submit,
# approve, deliver, verify, the refusals, a tampered audit row, and two
# processes writing at once.  The users are made with useradd, so this
# needs root (as CI is); otherwise it skips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/workflow-lib.sh"

workflow_need_root
plan 63
workflow_setup rpadmin schen dwhitfield hlind tnguyen

as() { # as LOGIN COMMAND ARGS...: runs reportpipe as that OS user; ARGS
    # come after the common options, so they may override them
    u=$1 cmd=$2
    shift 2
    as_user "$u" "$REPORTPIPE" "$cmd" $O "$@"
}

# Who is not in people.csv acts on nothing.
"$REPORTPIPE" status $O >"$WORK/out" 2>"$WORK/err"
is $? 4 "root, not in people.csv, is refused (exit 4)"
contains "$WORK/err" "the OS login 'root' is not in config/people.csv" "the refusal names the login"

# Sales asks; a rep only for her own accounts.
try 0 "Sarah Chen requests the review of her account" schen request ACC-1001 --meeting 2026-12-15
contains "$WORK/out" "ACC-1001: review 2026 requested, due 2026-12-08" "it is due a week before the meeting (config/workflow.xml)"
try 4 "she may not request another owner's account" schen request ACC-1002 --meeting 2026-12-15
contains "$WORK/err" "ACC-1002 belongs to Jürgen Böhm" "the refusal says whose account it is"
try 1 "an unknown account is bad input" rpadmin request ACC-9999 --meeting 2026-12-15
try 4 "one request per account and year" schen request ACC-1001 --meeting 2026-12-20

printf 'A year of steady growth.\n\nThe new plant went live in March.\n' >"$WORK/summary.txt"
chmod 644 "$WORK/summary.txt"
try 0 "a contributor hands in the executive summary" tnguyen contribute ACC-1001 --section executive-summary "$WORK/summary.txt"
try 1 "an unknown section is bad input" tnguyen contribute ACC-1001 --section gossip "$WORK/summary.txt"
try 4 "nothing to approve before a draft" dwhitfield approve ACC-1001
contains "$WORK/err" "in stage 'collecting'; from there: contribute, submit" "the refusal names the stage and the steps allowed"
try 4 "only the administrator submits" schen submit ACC-1001

# The draft: DRAFT on every page, the stored contribution in it.
try 0 "the administrator submits the draft" rpadmin submit ACC-1001
draft="$WORK/output/drafts/ACC-1001/2026-v1-draft.pdf"
qpdf --check "$draft" >/dev/null 2>&1
ok $? "the draft is a valid PDF"
pages=$(pdf_pages "$draft")
marked=0
p=1
while [ "$p" -le "${pages:-0}" ]; do
    pdf_page_text "$draft" "$p" | grep -q DRAFT && marked=$((marked + 1))
    p=$((p + 1))
done
is "$marked" "$pages" "DRAFT is on every page of the draft ($pages)"
pdftotext "$draft" - | tr '\n' ' ' | grep -q "The new plant went live in March"
ok $? "the draft holds the contribution from the store"

# Approval by the designated leader only.
try 4 "a leader not designated for the account may not approve" hlind approve ACC-1001
contains "$WORK/err" "not a designated approver of ACC-1001" "the refusal says why"
try 0 "the designated leader approves" dwhitfield approve ACC-1001 --comment "Ready for the meeting."
final="$WORK/output/approved/ACC-1001/2026-v1.pdf"
[ -f "$final" ] && [ ! -w "$final" -o "$(stat -c %a "$final")" = 444 ]
ok $? "the final is written read-only"
qpdf --check "$final" >/dev/null 2>&1
ok $? "the final is a valid PDF"
pdftotext "$final" - | grep -q DRAFT
is $? 1 "the final says DRAFT nowhere"
pdftotext "$final" - | grep -q "Dana Whitfield"
ok $? "the final carries the approval block with the approver's name"
try 4 "approving twice is refused" dwhitfield approve ACC-1001
contains "$WORK/err" "in stage 'approved'; from there: deliver" "and says what is left"

# verify tells an approved version from anything else.
try 0 "verify: the final is an approved version" schen verify "$final"
contains "$WORK/out" "approved by Dana Whitfield (dwhitfield)" "verify says by whom"
try 1 "verify: the draft is not approved" schen verify "$draft"
cp "$final" "$WORK/copy.pdf"
printf '%% tampered\n' >>"$WORK/copy.pdf"
chmod 644 "$WORK/copy.pdf"
try 1 "verify: a changed copy is not approved" schen verify "$WORK/copy.pdf"

# Delivery refuses other bytes.
try 4 "delivering a tampered file is refused" rpadmin deliver ACC-1001 "$WORK/copy.pdf"
try 0 "the approved file is delivered" rpadmin deliver ACC-1001

# On behalf of a leader who approved by e-mail, with the evidence kept.
try 0 "the administrator requests a Gold account's review" rpadmin request ACC-1002 --meeting 2026-12-18
try 0 "and submits it" rpadmin submit ACC-1002
printf 'From: henrik.lind@example.com\nSubject: ACC-1002\n\nApproved.\n' >"$WORK/mail.eml"
chmod 644 "$WORK/mail.eml"
try 0 "an approval given by e-mail is recorded on behalf of its leader" rpadmin approve ACC-1002 --on-behalf-of hlind --evidence "$WORK/mail.eml"
as rpadmin audit ACC-1002 >"$WORK/audit" 2>&1
grep approve "$WORK/audit" | grep -q "admin for hlind"
ok $? "the audit shows both people"

# The nightly run and the workflow: approved reviews are kept as they
# were approved, drafts whose data did not change stay in review, and
# the status report says where each review stands.
try 0 "a Gold account's review goes to review" rpadmin request ACC-1009 --meeting 2026-12-18
try 0 "its draft" rpadmin submit ACC-1009
try 0 "a Bronze account's review goes to review" rpadmin request ACC-1010 --meeting 2026-12-18
try 0 "its draft" rpadmin submit ACC-1010
try 0 "the nightly run, with the store" rpadmin run -q
cmp -s "$WORK/output/reviews/ACC-1001.pdf" "$final"
ok $? "the run's review of an approved account is the approved file"
as rpadmin status >"$WORK/out" 2>&1
[ "$(grep -c in-review "$WORK/out")" = 2 ]
ok $? "drafts whose data did not change stay in review"
pdftotext -layout "$WORK/output/status-report.pdf" "$WORK/report.txt"
contains "$WORK/report.txt" "Annual Customer Reviews" "the status report has the program's side"
contains "$WORK/report.txt" "4 of 14 accounts have a review requested: 2 in review, 1 approved, 1 delivered" "it counts the requests by stage"
# Twelve days later: time passing alone is not a change of an account's
# data (ACC-1010's review reads the same), but a milestone that fell
# overdue meanwhile is (ACC-1009's health is now watch).
today=$SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$((today + 12 * 86400))
try 0 "the nightly run twelve days later" rpadmin run -q
SOURCE_DATE_EPOCH=$today
as rpadmin status ACC-1010 >"$WORK/out" 2>&1
grep -q "in-review" "$WORK/out"
ok $? "time passing alone leaves a draft in review"
as rpadmin status ACC-1009 >"$WORK/out" 2>&1
grep -q "drafted" "$WORK/out"
ok $? "a review whose content moved with the date goes back to drafted"
mkdir -p "$WORK/input2/contributions/ACC-1010"
cp input/*.csv "$WORK/input2/"
printf 'Expand to two more branches.\n' >"$WORK/input2/contributions/ACC-1010/plan-next-year.txt"
chmod -R a+rX "$WORK/input2"
try 0 "the nightly run on changed data" rpadmin run -q --input "$WORK/input2"
as rpadmin status ACC-1010 >"$WORK/out" 2>&1
grep -q "drafted" "$WORK/out"
ok $? "a draft in review whose data changed goes back to drafted"
as rpadmin audit ACC-1010 >"$WORK/audit" 2>&1
contains "$WORK/audit" "data changed while draft v1 was in review" "and the audit says why"

# Two processes at once lose nothing.
try 0 "a request for the concurrency check" rpadmin request ACC-1004 --meeting 2026-12-18
try 0 "its draft" rpadmin submit ACC-1004
(for i in 1 2 3 4 5 6 7 8; do as tnguyen contribute ACC-1001 --section plan-next-year "$WORK/summary.txt" >/dev/null 2>&1; done) &
bg=$!
as hlind approve ACC-1004 >"$WORK/out" 2>"$WORK/err"
is $? 0 "an approval while contributions arrive"
wait $bg
as rpadmin audit ACC-1001 >"$WORK/audit" 2>&1
n=$(grep "	contribute	refused	ACC-1001" "$WORK/audit" | grep -c "stage 'delivered'")
is "$n" 8 "every concurrent contribution was recorded (refused: delivered)"

# A store another process keeps locked: exit 5 once the wait (10 s) is
# over, and nothing half-written.
(printf 'BEGIN IMMEDIATE;\n'; sleep 13; printf 'ROLLBACK;\n') | sqlite3 "$S" &
holder=$!
sleep 1
try 5 "a store locked by another process: exit 5 after the wait" rpadmin request ACC-1012 --meeting 2026-12-18
contains "$WORK/err" "stayed locked by another process for 10.0 s" "the message says what and why"
wait $holder
try 0 "once the lock is gone the same request goes through" rpadmin request ACC-1012 --meeting 2026-12-18

# The audit trail: every refusal recorded; a tampered row found.
grep -q "	approve	refused	ACC-1001" "$WORK/audit"
ok $? "refusals are in the audit"
as rpadmin audit --verify >"$WORK/out" 2>&1
ok $? "audit --verify: the chain holds"
sqlite3 "$S" "UPDATE audit SET detail = 'x' WHERE seq = 3" 2>"$WORK/err"
contains "$WORK/err" "append-only" "the store refuses to edit the audit"
sqlite3 "$S" "DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'nothing happened' WHERE seq = 3"
try 1 "audit --verify finds the edited row" rpadmin audit --verify
contains "$WORK/err" "entry 3" "and names it"

finish
