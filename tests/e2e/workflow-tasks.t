#!/bin/sh
# Contribution tasks and reminders over a simulated stretch of a review
# program on the sample data, with the clock fixed by --today and acted by
# separate OS users as config/people.csv names them: a request asks each
# section of its writer, a contribution arrives late, `remind` on several
# days writes the right messages on the right days and never twice a day,
# the approval request carries the draft (checked by a real MIME parser,
# the attachment's SHA-256 against the draft's), and a broken sendmail
# keeps the outbox and fails.  Needs root for useradd; otherwise skips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/workflow-lib.sh"

workflow_need_root
if ! command -v python3 >/dev/null 2>&1; then
    echo "1..0 # SKIP needs python3 (its email package parses the messages)"
    exit 0
fi
plan 62
EML_CHECK="$TOP/tests/e2e/eml-check.py"
workflow_setup rpadmin schen dwhitfield tnguyen
OUTBOX="$WORK/state/outbox"
CONFIG=config

as() { # as LOGIN DAY COMMAND ARGS...: --config after the common options
    u=$1 day=$2 cmd=$3
    shift 3
    as_user "$u" "$REPORTPIPE" "$cmd" $O --config "$CONFIG" --today "$day" "$@"
}
outbox() { ls "$OUTBOX" 2>/dev/null | grep '\.eml$' | sort | tr '\n' ' '; }
sql() { sqlite3 "$S" "$1"; }

# 1 November: Sales asks; the request asks each section of its writer
# (config/workflow.xml: the owner writes the summary and the plan, Thao
# Nguyen the meeting feedback and the support commentary), due 21 days
# before the meeting.
try 0 "Sarah Chen requests her account's review" schen 2026-11-01 request ACC-1001 --meeting 2026-12-15
contains "$WORK/out" "executive-summary: Sarah Chen (schen), due 2026-11-24" "the owner writes the executive summary, due 21 days before"
contains "$WORK/out" "plan-next-year: Sarah Chen (schen), due 2026-11-24" "and the plan for next year"
contains "$WORK/out" "meeting-feedback: Thao Nguyen (tnguyen), due 2026-11-24" "the meeting feedback is Thao Nguyen's"
contains "$WORK/out" "support-commentary: Thao Nguyen (tnguyen), due 2026-11-24" "and so is the support commentary"
is "$(sql "SELECT approval_due || ' ' || print_due FROM requests")" "2026-12-05 2026-12-08" "the approval and print deadlines come from the lead times"
try 0 "status --json" tnguyen 2026-11-01 status --json
n=$(grep -o '"missing": true' "$WORK/out" | wc -l)
is "$n" 4 "status --json: four sections missing"
contains "$WORK/out" '"waits_on": "Sarah Chen, Thao Nguyen (contributions)"' "the request waits on the writers of its sections"

try 0 "the first reminder run" rpadmin 2026-11-01 remind
is "$(outbox)" "2026-11-01-contribution-schen-ACC-1001-2026.eml 2026-11-01-contribution-tnguyen-ACC-1001-2026.eml " "each writer is asked once, for all their sections"
grep -q "executive-summary, due 2026-11-24" "$OUTBOX/2026-11-01-contribution-schen-ACC-1001-2026.eml"
ok $? "the request names the section and its due day"
try 0 "the same day again" rpadmin 2026-11-01 remind
contains "$WORK/out" "0 new messages, 2 already made today" "nothing is made twice in a day"
is "$(sql "SELECT count(*) FROM notifications")" 2 "two notifications recorded"
try 0 "the next day" rpadmin 2026-11-02 remind
is "$(ls "$OUTBOX" | grep -c 2026-11-02)" 0 "weeks before the due day: no reminder"
try 4 "remind is the administrator's" schen 2026-11-02 remind

# Thao hands in on time; reminders start three days before the due day
# and go only to whom still owes a section.
printf 'The customer asked for quarterly reviews.\n' >"$WORK/feedback.txt"
printf 'A year of steady growth.\n' >"$WORK/summary.txt"
printf 'Fewer tickets since the May release.\n' >"$WORK/support.txt"
chmod 644 "$WORK/feedback.txt" "$WORK/summary.txt" "$WORK/support.txt"
try 0 "the meeting feedback arrives on time" tnguyen 2026-11-20 contribute ACC-1001 --section meeting-feedback "$WORK/feedback.txt"
try 0 "and the support commentary" tnguyen 2026-11-20 contribute ACC-1001 --section support-commentary "$WORK/support.txt"
try 0 "three days before the due day" rpadmin 2026-11-21 remind
is "$(ls "$OUTBOX" | grep 2026-11-21 | tr '\n' ' ')" "2026-11-21-contribution-schen-ACC-1001-2026.eml " "a reminder to Sarah only"
grep -q "^Subject: Reminder: " "$OUTBOX/2026-11-21-contribution-schen-ACC-1001-2026.eml"
ok $? "its subject says it is a reminder"
grep -q "meeting-feedback" "$OUTBOX/2026-11-21-contribution-schen-ACC-1001-2026.eml"
is $? 1 "and does not ask for the section already in"

# Past the due day: overdue, and the administrator hears of it.
try 0 "the day after the due day" rpadmin 2026-11-25 remind
is "$(ls "$OUTBOX" | grep 2026-11-25 | tr '\n' ' ')" "2026-11-25-contribution-schen-ACC-1001-2026.eml 2026-11-25-digest-admin.eml " "Sarah is chased, the administrator gets a digest"
grep -q "^Subject: Overdue: " "$OUTBOX/2026-11-25-contribution-schen-ACC-1001-2026.eml"
ok $? "the chase says overdue"
grep -q "ACC-1001 2026 executive-summary: Sarah Chen, due 2026-11-24" "$OUTBOX/2026-11-25-digest-admin.eml"
ok $? "the digest names the overdue section and whose it is"
try 0 "status that day" rpadmin 2026-11-25 status
grep "executive-summary" "$WORK/out" | grep -q "MISSING, OVERDUE"
ok $? "status: the summary is missing and overdue"
grep "meeting-feedback" "$WORK/out" | grep -q "done 2026-11-20"
ok $? "status: the feedback is done"
contains "$WORK/out" "4 sections asked, 2 missing, 2 overdue" "status counts them"
grep "^ACC-1001" "$WORK/out" | grep -q "collecting .* Sarah Chen (contributions)$"
ok $? "status: the request waits on Sarah only"

# The late contribution completes its task, marked late.
try 0 "the summary arrives late" schen 2026-11-26 contribute ACC-1001 --section executive-summary "$WORK/summary.txt"
try 0 "and the plan" schen 2026-11-26 contribute ACC-1001 --section plan-next-year "$WORK/summary.txt"
try 0 "status after" rpadmin 2026-11-26 status ACC-1001
grep "executive-summary" "$WORK/out" | grep -q "done 2026-11-26 (late)"
ok $? "status: done, late"
try 0 "status --json after" rpadmin 2026-11-26 status --json ACC-1001
contains "$WORK/out" '"section": "executive-summary", "person": "schen", "name": "Sarah Chen", "due": "2026-11-24", "done": "2026-11-26", "missing": false, "overdue": false, "late": true' "status --json says the same"

# The draft goes to review: its designated approver is asked, with the
# draft attached.
try 0 "the administrator submits" rpadmin 2026-11-27 submit ACC-1001
try 0 "the reminder run that day" rpadmin 2026-11-27 remind
APPROVAL="$OUTBOX/2026-11-27-approval-dwhitfield-ACC-1001-2026-v1.eml"
[ -f "$APPROVAL" ]
ok $? "an approval request to Dana Whitfield, the Platinum approver"
is "$(ls "$OUTBOX" | grep -c 2026-11-27-contribution)" 0 "nobody is chased for sections any more"
python3 "$EML_CHECK" "$OUTBOX"/*.eml >"$WORK/parsed" 2>"$WORK/err"
ok $? "every message parses as MIME without a defect"
[ $? = 0 ] || sed 's/^/#   /' "$WORK/err"
draft_sha=$(sha256sum "$WORK/output/drafts/ACC-1001/2026-v1-draft.pdf" | cut -d' ' -f1)
line=$(grep "^2026-11-27-approval" "$WORK/parsed")
is "$(echo "$line" | cut -d' ' -f2-5)" "approval dana.whitfield@example.com 2 $draft_sha" "the attachment is the draft, byte for byte (SHA-256)"
is "$(grep -c ' contribution ' "$WORK/parsed")" 4 "four requests for contributions in all (two asks, a reminder, a chase)"
grep -q "^2026-11-25-digest-admin.eml digest riley.morgan@example.com 1 -" "$WORK/parsed"
ok $? "the digest goes to the administrator, text only"
try 0 "again that day" rpadmin 2026-11-27 remind
contains "$WORK/out" "0 new messages" "the approval request is not repeated within the day"
try 0 "the next day" rpadmin 2026-11-28 remind
is "$(ls "$OUTBOX" | grep -c 2026-11-28-approval)" 0 "nor the next day, before the wait is too long"
try 0 "a week in review" rpadmin 2026-12-03 remind
grep -q "^Subject: Reminder: Approval requested" "$OUTBOX/2026-12-03-approval-dwhitfield-ACC-1001-2026-v1.eml"
ok $? "a week later (approval due soon, waiting too long): a reminder"

# A broken sendmail: the messages stay, nothing counts as sent.
mkdir -p "$WORK/config2"
cp config/* "$WORK/config2/"
sed 's|</workflow>|<mail sendmail="/bin/false -t"/></workflow>|' config/workflow.xml >"$WORK/config2/workflow.xml"
chmod -R a+rX "$WORK/config2"
before=$(outbox)
CONFIG="$WORK/config2"
try 3 "a broken sendmail: the run fails" rpadmin 2026-12-04 remind
contains "$WORK/err" "could not be handed to '/bin/false -t'" "and says so, naming the command"
contains "$WORK/err" "recorded as not sent" "and that nothing counts as sent"
is "$(sql "SELECT count(*) FROM notifications WHERE state = 'sent'")" 0 "nothing is recorded as sent"
case "$(outbox)" in "$before"*) r=0 ;; *) r=1 ;; esac
ok $r "every message stays in the outbox"
# A sendmail that works takes them all, and they move to outbox/sent/.
sed "s|</workflow>|<mail sendmail=\"sh -c 'cat >>$WORK/state/mbox'\"/></workflow>|" config/workflow.xml >"$WORK/config2/workflow.xml"
try 0 "a working sendmail takes the outbox" rpadmin 2026-12-04 remind
is "$(outbox)" "" "the outbox is empty"
is "$(sql "SELECT count(*) FROM notifications WHERE state <> 'sent'")" 0 "every message is recorded as sent"
is "$(grep -c '^Message-Id: ' "$WORK/state/mbox")" "$(ls "$OUTBOX/sent" | wc -l)" "sendmail got each message once"

finish
