#!/bin/sh
# The shipped sample data is exactly what its generator makes, and is as
# large and as varied as the README says.
. "$(dirname "$0")/lib.sh"
plan 6

"$GEN_SAMPLE" "$WORK" >/dev/null
ok $? "the generator runs"
cmp -s "$WORK/crm-accounts.csv" input/crm-accounts.csv
ok $? "input/crm-accounts.csv is what the generator makes"
cmp -s "$WORK/tickets.csv" input/tickets.csv
ok $? "input/tickets.csv is what the generator makes"
accounts=$(tests/e2e/csv-select.pl input/crm-accounts.csv 1 | wc -l)
[ "$accounts" -ge 12 ]
ok $? "at least 12 accounts ($accounts)"
tickets=$(tests/e2e/csv-select.pl input/tickets.csv 1 | wc -l)
[ "$tickets" -ge 2000 ]
ok $? "at least 2,000 tickets ($tickets)"
priorities=$(tests/e2e/csv-select.pl input/tickets.csv 4 | sort -u | tr '\n' ' ')
is "$priorities" "P1 P2 P3 P4 " "tickets of every priority P1-P4"
finish
