#!/bin/sh
# Salesforce exports as Salesforce's own tools write them (Data Loader,
# the Data Export service, an integration tool, report exports in four
# locales; tests/data/exports/salesforce/): each recognised, its counts as
# expected.txt says, the footer of a report counted apart, and the merge
# joining them: 15- and 18-character ids, cases matched by account name,
# owners shown by name.  --zone places local times by the rules in force.
. "$(dirname "$0")/lib.sh"
dir=tests/data/exports/salesforce
n=$(grep -cv '^#' "$dir/expected.txt")
plan $((n + 19))

# ---- every file: profile and counts ---------------------------------------------
grep -v '^#' "$dir/expected.txt" >"$WORK/expected"
while read -r file profile read acc rej foot; do
    "$REPORTPIPE" import --rejects "$WORK/rej" "$dir/$file" >"$WORK/log" 2>&1
    want="$dir/$file: recognised as $profile (.*), $read rows read = $acc accepted + $rej rejected"
    [ "$foot" -gt 0 ] && want="$want + $foot footer lines (skipped)"
    grep -q "$want" "$WORK/log"
    rc=$?
    ok $rc "$file: $profile, $read rows = $acc accepted + $rej rejected + $foot footer"
    [ $rc -eq 0 ] || sed 's/^/#   /' "$WORK/log"
done <"$WORK/expected"

imp() {
    rm -rf "$WORK/rec"
    "$REPORTPIPE" import -o "$WORK/rec" --rejects "$WORK/rej" "$@" >"$WORK/log" 2>&1
}
rec() { tests/e2e/csv-field.pl "$WORK/rec/$1.csv" "$2" "$3"; }

imp "$dir/Account.csv"
is "$(rec accounts 001D000000IqhSLIAZ 2)" "Müller GmbH" "Data Loader's upper-case header is read"
is "$(rec accounts 001D000000FgHiJIAV 6)" "RU" "a Cyrillic account keeps its country"
imp "$dir/Case-integration.csv"
is "$(rec tickets 00001001 7)" "2026-03-04T09:15:00Z" "a +0000 offset is UTC"
is "$(rec tickets 00001001 9)" "2026-03-04T13:40:00Z" "ClosedDate is the resolution time"
imp "$dir/report-cases-en_US.csv"
is "$(rec tickets 00001006 7)" "2026-01-31T16:05:00Z" "en_US 1/31/2026, 4:05 PM"
contains "$WORK/log" "10 rows read = 4 accepted + 1 rejected + 5 footer lines (skipped)" \
    "the summary line counts the footer apart"
imp "$dir/report-accounts-en_US.csv"
is "$(rec accounts "name-muller-gmbh-a71002a2" 2)" "Müller GmbH" \
    "an Accounts report without ids: the id is made from the name"
is "$(rec accounts "name-muller-gmbh-a71002a2" 13)" "true" \
    "and the record says so"
# Two names of one slug, and an id column with an empty cell.
printf '%s\r\n' '"Account Name","Account Owner"' '"Müller GmbH","A"' \
    '"Muller GmbH","B"' >"$WORK/slug.csv"
imp "$WORK/slug.csv"
is "$(tests/e2e/csv-select.pl "$WORK/rec/accounts.csv" 1 | sort | tr '\n' ' ')" \
    "name-muller-gmbh-a71002a2 name-muller-gmbh-b1812393 " \
    "Müller GmbH and Muller GmbH share a slug, never an id"
printf '%s\r\n' '"Account ID","Account Name","Account Owner"' \
    '"001D000000IqhSL","Müller GmbH","A"' '"","Muller GmbH","B"' >"$WORK/empty-id.csv"
imp "$WORK/empty-id.csv"
contains "$WORK/log" "line 3: Account ID: is empty, but every account needs it" \
    "a file with an id column still needs an id in every row"
imp "$dir/report-opportunities-en_GB.csv"
is "$(rec opportunities "Acme expansion" 9)" "2026-09-30" "en_GB 30/09/2026"

# ---- --zone: the rules in force on each date ------------------------------------
imp --zone Europe/Berlin "$dir/report-cases-de_DE.csv"
is "$(rec tickets 00002001 7)" "2026-01-31T15:05:00Z" "31.01.2026 16:05 in Berlin is 15:05 UTC (winter)"
is "$(rec tickets 00002003 7)" "2026-10-25T00:30:00Z" "the repeated hour is its first occurrence"
grep -q "line 3: Date/Time Opened: '29.03.2026 02:30' is not a time in Europe/Berlin" "$WORK/log"
ok $? "a skipped hour is rejected, naming the line"
"$REPORTPIPE" import --zone Mars/Base "$dir/User.csv" >"$WORK/log" 2>&1
is "$?" "2" "an unknown zone is a usage error"

# ---- the merge: ids of both lengths, names, owners -------------------------------
# (a copy: the merge writes rejects files beside its inputs)
mkdir -p "$WORK/in" "$WORK/cfg"
cp "$dir"/*.csv "$WORK/in/"
"$REPORTPIPE" merge -q -o "$WORK/review.xml" --config "$WORK/cfg" \
    --period-start 2025-04-01 --period-end 2026-03-31 \
    "$WORK/in/Account.csv" "$WORK/in/User.csv" "$WORK/in/Contact.csv" \
    "$WORK/in/Case-integration.csv" "$WORK/in/report-cases-en_US.csv" \
    "$WORK/in/report-opportunities-en_GB.csv" >"$WORK/log" 2>&1
ok $? "the Salesforce exports merge"
x() { xmllint --xpath "$1" "$WORK/review.xml" 2>/dev/null; }
is "$(x 'string(//account[@id="001D000000IqhSLIAZ"]/@owner)')" "Jana Nováková" \
    "an OwnerId is shown as its user's name"
is "$(x 'count(//account[@id="001D000000AbCdEIAV"]//ticket[@id="00001002"])')" "1" \
    "a case with a 15-character AccountId is its 18-character account's"
is "$(x 'count(//account[@id="001D000000KlMnOIAV"]//ticket[@id="00001006"])')" "1" \
    "a report's case without ids is matched by account name"
finish
