#!/bin/sh
# The Program Status Report: page 1 says what needs attention today, each
# line with its reason and owner; numbers are grouped alike; the full list
# of unmatched tickets is a CSV beside the PDF (RFC 4180 quoting); at
# portfolio scale the report stays short (docs/templates.md, "The status
# report").
. "$(dirname "$0")/lib.sh"

plan 33

# ---- the sample, with an unmatched ticket whose subject needs quoting
in="$WORK/in"
cp -r input "$in"
sed -n 283p input/zendesk-tickets.csv |
    sed 's/^120282,/999001,/; s/,VAT number missing on invoice INV-2026-08104,/,"Refund, ""urgent""\nsecond line",/' \
        >>"$in/zendesk-tickets.csv"
out="$WORK/out"
"$REPORTPIPE" run --keep-intermediate --status-report-only --input "$in" \
    --output "$out" 2>"$WORK/log"
is "$?" 0 "run --status-report-only exits 0"
pdf="$out/status-report.pdf"
# Without -layout: a table row's cells in order, one after the other.
page1() { pdftotext -f 1 -l 1 "$1" - 2>/dev/null | tr -s ' \n' '  '; }
pdf_page_text "$pdf" 1 >"$WORK/p1"
contains "$WORK/p1" "What needs attention today" "page 1 opens with what needs attention"
page1 "$pdf" >"$WORK/p1flat"
# The sample's known cases, with reason and owner on the same line.
contains "$WORK/p1flat" "Unstable accounts" "unstable accounts"
grep -q "Brightline Health Partners SLA compliance 62.2% is more than 10 points below the 90% target; 32 P1 tickets were raised in the period; 2 more reasons Marcus Webb" "$WORK/p1flat"
ok $? "an unstable account with its reasons and owner"
contains "$WORK/p1flat" "Below the 90% SLA target" "SLA deviations"
grep -q "Müller GmbH [0-9.]*% met, [0-9.]* points below; [0-9,]* of [0-9,]* tickets breached Jürgen Böhm" "$WORK/p1flat"
ok $? "an SLA deviation with its figures and owner"
grep -q "Overdue milestones · 1 Pilot live Bluewater Shipping B.V." "$WORK/p1flat" &&
    grep -q "[0-9]* days overdue (due 28 Oct 2026); status: Delayed" "$WORK/p1flat" &&
    grep -q "Sven Aalders" "$WORK/p1flat"
ok $? "the most overdue milestone first, with its owner"
grep -q "Customer BI team has no capacity before Q1 Kestrel Analytics Ltd" "$WORK/p1flat" &&
    grep -q "Low severity, no mitigation recorded; due 31 Jan 2027" "$WORK/p1flat" &&
    grep -q "Jonas Weber" "$WORK/p1flat"
ok $? "the risk without mitigation, with its owner"
contains "$WORK/p1flat" "No review requests are tracked" "no workflow store: a sentence, not an empty table"
pdftotext -layout "$pdf" "$WORK/all"
ok "$(grep -c 'Open risks without mitigation' "$WORK/all" | awk '{print ($1 >= 1) ? 0 : 1}')" "the detail section of unmitigated risks"
grep -q "unmatched-tickets.csv beside this report" "$WORK/all"
ok $? "the report says where the CSV is"
# Every number of five digits or more is grouped (dates and ids aside:
# the unmatched table names a ticket id for example).
bare=$(grep -v "INV-\|unknown to the CRM\|[0-9]\{4\}-[0-9][0-9]" "$WORK/all" | grep -oE "(^|[^0-9,.:-])[0-9]{5,}($|[^0-9])" | head -3)
is "$bare" "" "no bare 5+ digit number"

# ---- the CSV
csv="$out/unmatched-tickets.csv"
ok "$([ -s "$csv" ]; echo $?)" "unmatched-tickets.csv is written beside the PDF"
is "$(head -1 "$csv")" "id,priority,status,category,created,first-response,resolved,reopened,escalated,src,account-id,org-name,org-domain,external-id,source-system,reason,in-period,subject" "its header is the contract's unmatched ticket"
n_data=$(grep -o '<unmatched tickets="[0-9]*"' "$out/intermediate/review-data.xml" | grep -o '[0-9]*')
# Records, not lines: a line break inside quotes is part of a field.
n_csv=$(perl -e 'local $/; my $t = <STDIN>; my ($q, $n) = (0, 0);
    for my $c (split //, $t) { $q = !$q if $c eq q{"}; $n++ if $c eq "\n" && !$q }
    print $n - 1' <"$csv")
is "$n_csv" "$n_data" "one CSV row per unmatched ticket ($n_data)"
is "$(tests/e2e/csv-field.pl "$csv" 999001 18)" "Refund, \"urgent\"
second line" "a subject with a comma, quotes and a line break reads back exactly"
contains "$csv" "$in/zendesk-tickets.csv:283" "src is the export's file and line"
grep -q '"unmatched_csv": {"path": "unmatched-tickets.csv", "rows": '"$n_data"'}' "$out/run-summary.json"
ok $? "run-summary.json names the CSV and its rows"
# Rewritten with the report, also when the report is unchanged.
rm "$csv"
"$REPORTPIPE" run --status-report-only --input "$in" --output "$out" 2>/dev/null
ok "$([ -s "$csv" ]; echo $?)" "a run with an unchanged report writes the CSV again"

# ---- German
"$REPORTPIPE" run --lang de --status-report-only --input "$in" \
    --output "$WORK/de" 2>/dev/null
page1 "$WORK/de/status-report.pdf" >"$WORK/de1"
contains "$WORK/de1" "Was heute Aufmerksamkeit braucht" "German: the heading"
grep -q "[0-9]* Tage überfällig (fällig 28. Okt. 2026)" "$WORK/de1"
ok $? "German: dates and plurals of the language"

# ---- stuck reviews, from a workflow's <requests>
data="$out/intermediate/review-data.xml"
sed 's|</review-data>|<requests approval-wait-days="5"><request account="ACC-1001" name="Acme Widgets, Inc." year="2026" stage="in-review" since="2026-11-20" meeting="2026-12-15" due="2026-12-01" waits-on="Dana Whitfield (approve)" overdue="yes" approval-waiting-days="12"/><request account="ACC-1002" name="Müller GmbH" year="2026" stage="drafted" since="2026-11-20" meeting="2027-01-15" due="2027-01-08" waits-on="Jürgen Böhm" overdue="no" approval-waiting-days="0"/><request account="ACC-1003" name="Bluewater Shipping B.V." year="2026" stage="delivered" since="2026-11-20" meeting="2026-11-30" due="2026-11-23" waits-on="Amélie Durand" overdue="no" approval-waiting-days="0" print-deadline="2026-11-23" at-risk="yes"/></requests><follow-ups open="1" overdue="1"><follow-up id="7" what="Send the escalation contacts in writing" owner="Thao Nguyen" due="2026-11-20" status="overdue" account="ACC-1001" name="Acme Widgets, Inc." year="2025"/></follow-ups></review-data>|' \
    "$data" >"$WORK/req.xml"
"$REPORTPIPE" transform -o "$WORK/req.fo" templates/status-report.xsl "$WORK/req.xml" 2>/dev/null &&
    "$REPORTPIPE" render -q "$WORK/req.fo" "$WORK/req.pdf" 2>/dev/null
is "$?" 0 "the report with requests renders"
page1 "$WORK/req.pdf" >"$WORK/req1"
grep -q "Review workflow · 3" "$WORK/req1" &&
    grep -q "Acme Widgets, Inc. in review" "$WORK/req1" &&
    grep -q "past its due date, 1 Dec 2026; in review 12 days" "$WORK/req1" &&
    grep -q "Dana Whitfield (approve)" "$WORK/req1"
ok $? "a stuck review with why and whom it waits on"
grep -q "drafted" "$WORK/req1"
ok $((! $?)) "a review on time is not listed"
grep -q "Bluewater Shipping B.V. delivered print deadline 23 Nov 2026, meeting 30 Nov 2026; nothing has shipped Amélie Durand" "$WORK/req1"
ok $? "a delivery at risk, with its print deadline and owner"
grep -q "Send the escalation contacts in writing Acme Widgets, Inc. due 20 Nov 2026 Thao Nguyen" "$WORK/req1"
ok $? "an overdue follow-up, with its account, due date and owner"

# ---- empty data: sentences, not empty tables
sed 's|overdue="yes"|overdue="no"|g; s|<risk [^>]*/>||g' "$data" >"$WORK/calm.xml"
"$REPORTPIPE" transform -o "$WORK/calm.fo" templates/status-report.xsl "$WORK/calm.xml" 2>/dev/null
grep -q "No milestone is overdue." "$WORK/calm.fo"
ok $? "no overdue milestone: a sentence"
grep -q "Every open risk has a mitigation." "$WORK/calm.fo"
ok $? "no risk without mitigation: a sentence"

# ---- portfolio scale: 200 accounts, 100,000 tickets
big="$WORK/big"
perl bench/merge-data.pl 200 100000 "$big" >/dev/null
"$REPORTPIPE" run --status-report-only --input "$big" --output "$WORK/bigout" 2>/dev/null
pages=$(pdf_pages "$WORK/bigout/status-report.pdf")
ok "$([ "${pages:-999}" -le 15 ]; echo $?)" "200 accounts: $pages pages, at most 15"
pdftotext -f 2 -l 2 "$WORK/bigout/status-report.pdf" - | grep -q "Portfolio in charts"
ok $? "what needs attention fits on page 1"
pdftotext -layout "$WORK/bigout/status-report.pdf" "$WORK/bigall"
bare=$(grep -v "unknown to the CRM\|[0-9]\{4\}-[0-9][0-9]" "$WORK/bigall" | sed "s/Customer [0-9]*//g" | grep -oE "(^|[^0-9,.:-])[0-9]{5,}($|[^0-9])" | head -3)
is "$bare" "" "200 accounts: no bare 5+ digit number"
page1 "$WORK/bigout/status-report.pdf" >"$WORK/big1"
grep -q "more in “Accounts needing attention”, page" "$WORK/big1"
ok $? "page 1 counts what it leaves out and names where it is"
rows=$(($(wc -l <"$WORK/bigout/unmatched-tickets.csv") - 1)) # no line breaks in its subjects
grep -q "\"tickets_unmatched\": $rows," "$WORK/bigout/run-summary.json"
ok $? "the CSV holds every unmatched ticket ($rows)"
finish
