#!/bin/sh
# reportpipe import on real-format exports: the profile recognised from
# the header, values typed per profile, rejects that lose nothing, and
# user profiles.  Each system's file is written here with its documented
# header (docs/import-profiles.md).
. "$(dirname "$0")/lib.sh"
plan 68

# imp FILE...: imports into $WORK/rec, summary and warnings in $WORK/log.
imp() {
    rm -rf "$WORK/rec"
    "$REPORTPIPE" import -o "$WORK/rec" "$@" >"$WORK/log" 2>&1
}
# rec KIND ID COLUMN: a field of a canonical record written by imp.
rec() { tests/e2e/csv-field.pl "$WORK/rec/$1.csv" "$2" "$3"; }

# ---- the shipped sample data: every file names its profile --------------------
for f in salesforce-accounts salesforce-contacts salesforce-opportunities \
    salesforce-cases zendesk-tickets jira-issues program-plan-projects \
    program-plan-milestones program-plan-risks program-plan-roles; do
    imp "input/$f.csv"
    rc=$?
    grep -q "input/$f.csv: recognised as $f .* 0 rejected" "$WORK/log"
    ok $((rc + $?)) "input/$f.csv is recognised as $f, nothing rejected"
done
imp input/salesforce-accounts.csv input/zendesk-tickets.csv
is "$(rec tickets 120001 13)" "zendesk" "a Zendesk ticket says its source system"
is "$(rec accounts ACC-1002 6)" "DE" "a Salesforce country name becomes its ISO code"
is "$(rec accounts ACC-1002 8)" "18250000.00" "Salesforce's 18,250,000.00 is a number"
is "$(rec accounts ACC-1002 9)" "2026-12-31" "Salesforce's 12/31/2026 is a date"
is "$(rec accounts ACC-1002 10)" "mueller-gmbh.example" "an account's domain comes from its website"
is "$(rec tickets 120001 11)" "cafeole.example" "a Zendesk ticket's domain comes from the requester's e-mail"
is "$(rec tickets 120001 7)" "2025-11-02T12:12:00Z" "Zendesk's 2025-11-02T13:12:00+01:00 is 12:12 UTC"
is "$(rec tickets 120001 8)" "2025-11-02T21:46:00Z" "the first reply is 574 minutes after creation"

# ---- every shipped profile on a file in its system's format -------------------
printf 'Record ID,Company name,Company owner,Company Domain Name,Website URL,Industry,Country/Region,Annual Revenue,Create Date\n9001,Acme Widgets Inc,Sarah Chen,AcmeWidgets.example,https://acmewidgets.example,Manufacturing,United States,"48,500,000",2024-02-01 10:00\n' >"$WORK/hubspot-companies.csv"
printf 'Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Deal owner,Associated Company ID,Is Closed,Is Closed Won\n7001,Acme renewal,Contract sent,Sales Pipeline,"120,000.50",2027-03-31,Sarah Chen,9001,false,false\n' >"$WORK/hubspot-deals.csv"
printf 'Ticket ID,Ticket name,Ticket status,Priority,Pipeline,Create date,Close date,Associated Company,Ticket owner\n5001,SSO broken,Waiting on contact,HIGH,Support Pipeline,2026-03-01 09:30,,Acme Widgets Inc,Nina\n' >"$WORK/hubspot-tickets.csv"
printf '(Do Not Modify) Account,(Do Not Modify) Row Checksum,(Do Not Modify) Modified On,Account Name,Main Phone,Address 1: City,Address 1: Country/Region,Owner,Industry,Website,Annual Revenue,Category\nb1a2c3d4-0000-4000-8000-000000000001,abc==,3/1/2026 2:02 PM,Müller GmbH,+49 89 1234,München,Germany,Jürgen Böhm,Industrial Machinery,https://www.mueller-gmbh.example,"$18,250,000.00",Preferred Customer\n' >"$WORK/dynamics-accounts.csv"
printf '(Do Not Modify) Case,(Do Not Modify) Row Checksum,(Do Not Modify) Modified On,Case Title,Case Number,Priority,Origin,Customer,Status Reason,Created On,Owner\nc1,x==,3/2/2026 9:00 AM,Order sync down,CAS-01001-Z9Y8X7,High,Email,Müller GmbH,On Hold,3/1/2026 11:15 PM,Oskar Lund\n' >"$WORK/dynamics-cases.csv"
printf 'Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,Last updated time,Initial response time,Full name,Email,Company Name,Resolution status,First response status\n301,Invoice wrong,Closed,Urgent,Email,Question,Mei,Billing,2026-03-01 10:00:00,2026-03-01 18:00:00,2026-03-01 15:00:00,2026-03-02 15:00:00,2026-03-02 15:00:00,2026-03-01 10:20:00,Ken Sato,ken@tanaka-robotics.example,Tanaka Robotics,Within SLA,SLA Violated\n' >"$WORK/freshdesk-tickets.csv"
printf 'Number,Opened,Short description,Caller,Priority,State,Category,Assignment group,Assigned to,Updated,Updated by,Company,Resolved,Reopen count,Made SLA\nINC0010001,2026-03-01 08:00:00,"Email down, all users",Anna,1 - Critical,Resolved,Network,Service Desk,Oskar,2026-03-01 12:00:00,admin,Société Générale,2026-03-01 11:00:00,2,false\n' >"$WORK/servicenow-incidents.csv"
for f in hubspot-companies hubspot-deals hubspot-tickets dynamics-accounts \
    dynamics-cases freshdesk-tickets servicenow-incidents; do
    imp "$WORK/$f.csv"
    rc=$?
    grep -q "$f.csv: recognised as $f .* 1 accepted + 0 rejected" "$WORK/log"
    ok $((rc + $?)) "a $f export is recognised and imports"
done
imp "$WORK/hubspot-companies.csv" "$WORK/hubspot-deals.csv" "$WORK/hubspot-tickets.csv"
is "$(rec accounts 9001 10)" "acmewidgets.example" "HubSpot: the company domain, lower case"
is "$(rec opportunities 7001 7)" "120000.50" "HubSpot: a deal amount"
is "$(rec tickets 5001 5)" "pending" "HubSpot: 'Waiting on contact' is pending"
is "$(rec tickets 5001 4)" "P2" "HubSpot: priority HIGH is P2"
imp "$WORK/dynamics-accounts.csv" "$WORK/dynamics-cases.csv"
is "$(rec accounts b1a2c3d4-0000-4000-8000-000000000001 8)" "18250000.00" "Dynamics: a currency amount"
is "$(rec tickets CAS-01001-Z9Y8X7 7)" "2026-03-01T23:15:00Z" "Dynamics: 3/1/2026 11:15 PM"
is "$(rec tickets CAS-01001-Z9Y8X7 10)" "Müller GmbH" "Dynamics: the customer"
imp "$WORK/freshdesk-tickets.csv"
is "$(rec tickets 301 4),$(rec tickets 301 5)" "P1,closed" "Freshdesk: Urgent and Closed"
is "$(rec tickets 301 16),$(rec tickets 301 17)" "breached,met" "Freshdesk: the export's own SLA verdicts"
is "$(rec tickets 301 11)" "tanaka-robotics.example" "Freshdesk: the contact's e-mail domain"
imp "$WORK/servicenow-incidents.csv"
is "$(rec tickets INC0010001 4),$(rec tickets INC0010001 5)" "P1,solved" "ServiceNow: '1 - Critical' and Resolved"
is "$(rec tickets INC0010001 14),$(rec tickets INC0010001 17)" "2,breached" "ServiceNow: reopen count and Made SLA"

# ---- detection: what was expected and not found -------------------------------
printf 'Id,Requester email,Subject,Status,Priority\n1,a@b.example,x,Open,High\n' >"$WORK/short.csv"
"$REPORTPIPE" import "$WORK/short.csv" 2>"$WORK/err"
is $? 1 "a header lacking a needed column is an input error"
contains "$WORK/err" "short.csv:1: the header looks like a 'zendesk-tickets' export but lacks the columns 'Created at', 'Solved at'" \
    "the error names the profile it looked like and the columns missing"
grep -o "next closest: '[a-z-]*', lacking [^;]*; '[a-z-]*', lacking " "$WORK/err" >/dev/null
ok $? "and the next two closest profiles, each with the columns it lacks"
printf 'Order,Amount,Date\n1,2,3\n' >"$WORK/orders.csv"
"$REPORTPIPE" import "$WORK/orders.csv" 2>"$WORK/err"
is $? 1 "an unknown header is an input error"
contains "$WORK/err" "matches no known export (profiles: " "the error lists the profiles known"
contains "$WORK/err" "--profile FILE" "and says how to add one"
contains "$WORK/err" "import --suggest-profile FILE prints one to start from" "and how to get one to start from"

# ---- nothing lost: rejects, reasons, counts, exit codes ------------------------
Z='Id,Requester email,Organization,Subject,Status,Priority,Created at,Solved at,First reply time in minutes'
printf '%s\r\n' "$Z" \
    '1,a@x.example,Acme,fine,Open,High,2026-03-01T10:00:00Z,,' \
    '2,a@x.example,Acme,bad time,Open,High,2026-02-30T10:00:00Z,,' \
    '3,a@x.example,Acme,bad priority,Open,Sometimes,2026-03-01T10:00:00Z,,' \
    '4,a@x.example,Acme,solved never,Solved,Low,2026-03-01T10:00:00Z,,' \
    '5,a@x.example,Acme,fine too,Pending,,2026-03-01T10:00:00Z,,15' \
    '1,a@x.example,Acme,twice,Open,High,2026-03-01T10:00:00Z,,' >"$WORK/zendesk.csv"
imp "$WORK/zendesk.csv"
is $? 1 "import exits 1 when a row is rejected"
contains "$WORK/log" "6 rows read = 3 accepted + 3 rejected -> $WORK/zendesk.rejects.csv" "the summary reconciles read = accepted + rejected"
contains "$WORK/log" "zendesk.csv: line 3: Created at: '2026-02-30T10:00:00Z' is not a time (expected YYYY-MM-DDThh:mm:ssZ" \
    "the first rejection is shown with file, line, field, value and what was expected"
head -1 "$WORK/zendesk.rejects.csv" | grep -q "^line,field,reason,$Z"
ok $? "the rejects file has the export's own header after line, field, reason"
grep -q "^3,Created at,.*'2026-02-30T10:00:00Z' is not a time" "$WORK/zendesk.rejects.csv"
ok $? "an impossible date is rejected with its line"
grep -q "^4,Priority,\"Priority: 'Sometimes' is not a priority (expected one of Urgent, High, Normal, Low)" "$WORK/zendesk.rejects.csv"
ok $? "an unknown priority is rejected, naming the values the profile maps"
is "$(rec tickets 4 5),$(rec tickets 4 9)" "solved," "a solved ticket without a solve time is kept, its resolution time unknown"
contains "$WORK/log" "zendesk.csv: 1 solved or closed ticket has an empty 'Solved at': imported as closed with an unknown resolution time" \
    "and the file's summary says how many such tickets it had"
grep -q "^7,Id,Id: '1' appears twice; the ticket was already imported from .*zendesk.csv line 2" "$WORK/zendesk.rejects.csv"
ok $? "a repeated id is rejected, naming where it was first seen"
is "$(rec tickets 5 4)" "P3" "an empty Zendesk priority is Normal (the profile's default)"
is "$(rec tickets 5 8)" "2026-03-01T10:15:00Z" "first reply time in minutes becomes a time"
is "$(wc -l <"$WORK/zendesk.rejects.csv")" 4 "every rejected row is in the rejects file"
tr -d '\r' <"$WORK/zendesk.csv" | sed '3,7d' >"$WORK/fixed.csv"
cp "$WORK/fixed.csv" "$WORK/zendesk.csv"
imp "$WORK/zendesk.csv"
ok $? "import exits 0 when nothing is rejected"
[ ! -e "$WORK/zendesk.rejects.csv" ]
ok $? "and the stale rejects file is removed"

# ---- user profiles --------------------------------------------------------------
cat >"$WORK/de-crm.profile" <<'PROFILE'
# A German CRM export: DD.MM.YYYY, 1.234,56, its own status words.
profile   de-crm-tickets
record    ticket
system    de-crm
timestamp DD.MM.YYYY hh:mm
date      DD.MM.YYYY
zone      +01:00
number    1.234,56
field id        required : Vorgang
field subject            : Betreff
field status    required : Status
field priority  required : Priorität
field created   required : Erstellt am
field resolved           : Gelöst am
field org_name           : Firma
map status   Offen     = open
map status   Erledigt  = solved
map priority Kritisch  = P1
map priority Normal    = P3
PROFILE
printf 'Vorgang;Betreff;Status;Priorität;Erstellt am;Gelöst am;Firma\r\nV-1;Drucker;Erledigt;Kritisch;01.03.2026 09:30;02.03.2026 10:00;Müller GmbH\r\nV-2;Login;Offen;Normal;31.12.2026 23:30;;Müller GmbH\r\n' >"$WORK/de.csv"
"$REPORTPIPE" import --profile "$WORK/de-crm.profile" -o "$WORK/rec" "$WORK/de.csv" >"$WORK/log" 2>&1
ok $? "--profile FILE adds a profile"
contains "$WORK/log" "recognised as de-crm-tickets" "and the file is recognised by it"
is "$(rec tickets V-1 7)" "2026-03-01T08:30:00Z" "DD.MM.YYYY hh:mm at +01:00 is normalised to UTC"
is "$(rec tickets V-2 7)" "2026-12-31T22:30:00Z" "a time near midnight keeps its date right"
is "$(rec tickets V-1 4),$(rec tickets V-1 5)" "P1,solved" "the profile's maps give canonical values"
is "$(rec tickets V-1 13)" "de-crm" "the profile's system is the source system"
printf 'profile broken\nrecord ticket\nfield id required : Vorgang\nfield colour : Farbe\n' >"$WORK/bad.profile"
"$REPORTPIPE" import --profile "$WORK/bad.profile" "$WORK/de.csv" 2>"$WORK/err"
is $? 1 "a broken profile is an input error"
contains "$WORK/err" "bad.profile:4: in this profile: a ticket has no member 'colour'" "and the error names the profile file and line"
REPORTPIPE_PROFILES="$WORK/none" "$REPORTPIPE" import input/zendesk-tickets.csv 2>"$WORK/err"
is $? 1 "without the shipped profiles an export is not recognised"
contains "$WORK/err" "$WORK/none" "and the error says where profiles were looked for"
finish
