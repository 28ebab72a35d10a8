#!/bin/sh
# The shipped sample data is exactly what its generator makes, and is as
# large and as varied as the README says: the real export formats of one
# CRM (Salesforce), two ticketing systems (Zendesk, Jira Service
# Management) and the program plan.
. "$(dirname "$0")/lib.sh"

files="salesforce-accounts.csv salesforce-contacts.csv
salesforce-opportunities.csv salesforce-cases.csv zendesk-tickets.csv
jira-issues.csv program-plan-projects.csv program-plan-milestones.csv
program-plan-risks.csv program-plan-roles.csv"
plan $((6 + $(echo $files | wc -w)))

"$GEN_SAMPLE" "$WORK" >/dev/null
ok $? "the generator runs"
for f in $files; do
    cmp -s "$WORK/$f" "input/$f"
    ok $? "input/$f is what the generator makes"
done
accounts=$(tests/e2e/csv-select.pl input/salesforce-accounts.csv 1 | wc -l)
[ "$accounts" -ge 12 ]
ok $? "at least 12 accounts ($accounts)"
# Records, not lines: Jira and Zendesk fields span lines.
tickets=$(( $(tests/e2e/csv-select.pl input/zendesk-tickets.csv 1 | wc -l) +
            $(tests/e2e/csv-select.pl input/jira-issues.csv 2 | wc -l) +
            $(tests/e2e/csv-select.pl input/salesforce-cases.csv 1 | wc -l) ))
[ "$tickets" -ge 2000 ]
ok $? "at least 2,000 tickets ($tickets)"
priorities=$(tests/e2e/csv-select.pl input/zendesk-tickets.csv 11 | sort -u | tr '\n' ' ')
is "$priorities" " High Low Normal Urgent " "Zendesk tickets of every priority, some without"
priorities=$(tests/e2e/csv-select.pl input/jira-issues.csv 8 | sort -u | tr '\n' ' ')
is "$priorities" "High Highest Low Lowest Medium " "Jira issues of every priority"
orgs=$(tests/e2e/csv-select.pl input/zendesk-tickets.csv 17 | grep -c "^Muller GmbH$")
[ "$orgs" -gt 0 ]
ok $? "Zendesk spells some organisations differently from the CRM ($orgs 'Muller GmbH')"
finish
