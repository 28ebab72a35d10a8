#!/bin/sh
# reportpipe merge: the review-data XML itself, checked with xmllint
# against the schema and with XPath, on a small hand-made fixture whose
# figures are known, and on the shipped sample data.
. "$(dirname "$0")/lib.sh"
plan 29

fx="$WORK/fx"
mkdir -p "$fx/config" "$fx/contrib/ACC-1"
cat >"$fx/accounts.csv" <<'CSV'
Account ID,Account Name,Tier,Account Owner,Industry,Billing Country,Website,Annual Revenue,Contract Renewal,ARR,Contract Start
ACC-1,Calm Waters GmbH,Gold,Dana Owner,Logistics,DE,https://calm.example,1000000.00,2027-03-31,250000.00,2024-04-01
ACC-2,Stormy Seas Ltd,Silver,Dana Owner,Logistics,GB,https://stormy.example,2000000.00,2027-06-30,,
CSV
cat >"$fx/tickets.csv" <<'CSV'
Ticket ID,Account ID,Subject,Priority,Status,Category,Created,First Response,Resolved
T-1,ACC-1,Invoice question,P4,Closed,Billing,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,2026-03-03T09:00:00Z
T-2,ACC-2,Outage in production,P1,Open,Platform,2026-10-31T20:00:00Z,2026-10-31T20:30:00Z,
T-3,ACC-2,Login fails,P3,Closed,Login,2026-04-01T09:00:00Z,2026-04-01T10:00:00Z,2026-04-02T09:00:00Z
T-4,ACC-404,Unknown customer,P3,Closed,Login,2026-05-01T09:00:00Z,2026-05-01T10:00:00Z,2026-05-02T09:00:00Z
CSV
printf 'Summary of a calm year.\n\nMore to come.\n' >"$fx/contrib/ACC-1/executive-summary.txt"

x() { xmllint --xpath "$2" "$1" 2>/dev/null; }

merge_fx() { # merge_fx OUT [OPTIONS...]
    o=$1
    shift
    "$REPORTPIPE" merge -q --config "$fx/config" --contributions "$fx/contrib" \
        --period-start 2025-11-01 --period-end 2026-10-31 "$@" -o "$o" \
        "$fx/accounts.csv" "$fx/tickets.csv"
}

merge_fx "$WORK/a.xml" 2>"$WORK/err"
ok $? "merge exits 0 on the fixture"
xmllint --noout --relaxng templates/schema/review-data.rng "$WORK/a.xml" 2>/dev/null
ok $? "the merged XML is valid against templates/schema/review-data.rng"
merge_fx "$WORK/b.xml" 2>/dev/null
cmp -s "$WORK/a.xml" "$WORK/b.xml"
ok $? "the same inputs give byte-identical XML"
is "$(x "$WORK/a.xml" 'string(//account[@id="ACC-2"]/@health)')" unstable \
    "an account with a P1 open at the period end is unstable"
is "$(x "$WORK/a.xml" 'string(//account[@id="ACC-2"]/health-reason[1])')" \
    "1 P1 ticket was still open at the end of the period" "and the reason says why"
is "$(x "$WORK/a.xml" 'string(//account[@id="ACC-1"]/@health)')" stable \
    "an account that met its targets is stable"
is "$(x "$WORK/a.xml" 'count(//account[@id="ACC-1"]/health-reason)')" 0 \
    "with no reason listed"
is "$(x "$WORK/a.xml" 'string(/review-data/unmatched/ticket/@id)')" T-4 \
    "the ticket of an unknown account is listed under <unmatched>"
is "$(x "$WORK/a.xml" 'string(/review-data/matching/@unmatched)')" 1 \
    "and counted in <matching>"
is "$(x "$WORK/a.xml" 'string(//account[@id="ACC-2"]/support/backlog/age[1]/@p1)')" 1 \
    "the open P1 is in the backlog, 0-7 days old"
is "$(x "$WORK/a.xml" 'string(//contribution[@kind="executive-summary"]/para[2])')" \
    "More to come." "the contribution is read paragraph by paragraph"
src=$(x "$WORK/a.xml" 'string(//ticket[@id="T-3"]/@src)')
file=$(x "$WORK/a.xml" "string(//sources/file[@id=\"${src%%:*}\"]/@path)")
is "$file:${src#*:}" "$fx/tickets.csv:4" "a ticket traces to its file and line"

"$REPORTPIPE" merge --config "$fx/config" --period-start 2025-11-01 --period-end 2026-10-31 \
    -o "$WORK/c.xml" "$fx/accounts.csv" "$fx/tickets.csv" 2>"$WORK/err"
contains "$WORK/err" "1 unmatched (matched by id 3, map 0, domain 0, name 0)" \
    "the summary line gives the unmatched count and the matching breakdown"

# Configuration errors name the file and line.
cp -r "$fx/config" "$fx/bad"
printf '<sla>\n  <target priority="P9" first-response-hours="1" resolution-hours="2"/>\n</sla>\n' \
    >"$fx/bad/sla.xml"
merge_fx "$WORK/d.xml" --config "$fx/bad" 2>"$WORK/err"
is $? 1 "a wrong sla.xml is an input error (exit 1)"
contains "$WORK/err" "bad/sla.xml:2: field 'priority'" "naming the file, line and attribute"
[ ! -e "$WORK/d.xml" ]
ok $? "and no XML is written"
printf '<?xml version="1.0"?>\n<!-- a comment -->\n<targets/>\n' >"$fx/bad/sla.xml"
merge_fx "$WORK/d.xml" --config "$fx/bad" 2>"$WORK/err"
is $? 1 "an sla.xml with another root element is an input error"
contains "$WORK/err" "bad/sla.xml:3: expected the root element <sla>" "naming the file and the line of the root"
printf 'Match On,Value,Account ID\nname,Stormy,ACC-9\n' >"$fx/bad/account-map.csv"
rm "$fx/bad/sla.xml"
merge_fx "$WORK/e.xml" --config "$fx/bad" 2>"$WORK/err"
ok $? "a mapping to an account the CRM lacks does not stop the merge"
contains "$WORK/err" "account-map.csv:2: the mapping names account 'ACC-9'" "but is warned about"

# A document that fails the schema is our bug: exit 3 naming the node.
sed 's|<attribute name="annual-revenue"><ref name="money"/></attribute>|<attribute name="annual-revenue"><value>0.00</value></attribute>|' \
    templates/schema/review-data.rng >"$WORK/tight.rng"
merge_fx "$WORK/f.xml" --schema "$WORK/tight.rng" 2>"$WORK/err"
is $? 3 "a document failing the schema is an internal error (exit 3)"
contains "$WORK/err" "/review-data/account" "naming the path of the offending node"

# The shipped sample data with the shipped configuration.
"$REPORTPIPE" merge -q --config config --contributions input/contributions \
    -o "$WORK/sample.xml" input/*.csv 2>/dev/null
ok $? "merge runs on the sample data"
xmllint --noout --relaxng templates/schema/review-data.rng "$WORK/sample.xml" 2>/dev/null
ok $? "and its XML is schema-valid"
m="$WORK/sample.xml"
sum=$(x "$m" 'number(//matching/@by-id) + number(//matching/@by-map) + number(//matching/@by-domain) + number(//matching/@by-name) + number(//matching/@unmatched)')
is "$sum" "$(x "$m" 'string(//matching/@tickets)')" "every ticket is matched or listed as unmatched"
is "$(x "$m" 'count(//account[@health != "stable"][not(health-reason)])')" 0 \
    "every account not stable gives its reasons"
is "$(x "$m" 'count(//account[@id="ACC-1001"]/contributions/contribution)')" 4 \
    "the four contributions of ACC-1001 are read"
is "$(x "$WORK/a.xml" 'string(//account[@id="ACC-1"]/@arr)')" "250000.00" "ARR from the CRM export reaches the account"
is "$(x "$WORK/a.xml" 'string(//account[@id="ACC-1"]/@contract-start)')" "2024-04-01" "so does the contract start"
finish
