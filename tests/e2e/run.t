#!/bin/sh
# reportpipe run on the shipped sample data: every review and the status
# report, read back from the real PDFs.
. "$(dirname "$0")/lib.sh"

out="$WORK/out"
"$REPORTPIPE" run --keep-intermediate --input input --output "$out" 2>"$WORK/log"
rc=$?
accounts=$(tests/e2e/csv-select.pl input/salesforce-accounts.csv 1 2)
n_accounts=$(printf '%s\n' "$accounts" | wc -l)
plan $((11 + 5 * n_accounts))

is "$rc" 0 "run exits 0 on the sample data"
contains "$WORK/log" "import: input/zendesk-tickets.csv" "stderr has an import summary"
contains "$WORK/log" "merge: 14 accounts" "stderr has a merge summary"
contains "$WORK/log" "render: 15 documents: 15 built, 0 unchanged, 0 failed; 14 reviews" "stderr has a render summary"
# The FO our templates write is used as written: run has no --strict, since
# an invalid value there is our bug, and this is where it would show.
is "$(grep -c "is not a valid value\|invalid property values" "$WORK/log")" 0 "the shipped templates give no invalid property value"
# Nor a word wider than its column (German "Geschlossen" in the ticket
# log's status column stuck out into the next before it was widened).
is "$(grep -c "exceed the available area" "$WORK/log")" 0 "no line of the shipped templates sticks out of its column"

# Tickets in the review period, by account.  Salesforce cases (by their
# Account ID) and Zendesk tickets (by the requester's e-mail domain, the
# account's website) are worked out from the raw exports, independently of
# our importer and matcher; Jira issues carry only an organisation name,
# so theirs are taken from the merged review data.
tests/e2e/period-tickets.pl input 2025-11-01 2026-11-01 >"$WORK/period-tickets"
awk '/<account / { match($0, /id="[^"]*"/); acc = substr($0, RSTART + 4, RLENGTH - 5) }
     /<\/account>/ { acc = "" }
     acc != "" && /<ticket id="SUP-/ {
         match($0, /id="[^"]*"/); id = substr($0, RSTART + 4, RLENGTH - 5)
         match($0, /created="[^"]*"/); c = substr($0, RSTART + 9, 10)
         if (c >= "2025-11-01" && c < "2026-11-01") print acc "\t" id
     }' "$out/intermediate/review-data.xml" >>"$WORK/period-tickets"
jira=$(grep -c "SUP-" "$WORK/period-tickets")
[ "$jira" -ge 300 ]
ok $? "the merged data places the Jira issues of the period ($jira) in accounts"

printf '%s\n' "$accounts" >"$WORK/accounts"
while IFS="$(printf '\t')" read -r id name; do
    pdf="$out/reviews/$id.pdf"
    qpdf --check "$pdf" >/dev/null 2>&1
    ok $? "$id: qpdf --check passes"
    pages=$(pdf_pages "$pdf")
    pdf_page_text "$pdf" 1 >"$WORK/p1.txt"
    contains "$WORK/p1.txt" "$name" "$id: the account name '$name' is on page 1"
    pdf_page_text "$pdf" 2 >"$WORK/p2.txt"
    # Accounts billed in Germany or Switzerland read German
    # (templates/labels/languages.xml).
    case "$id" in
    ACC-1002 | ACC-1006) page="Seite 2 von $pages" ;;
    *) page="Page 2 of $pages" ;;
    esac
    contains "$WORK/p2.txt" "$page" "$id: footer of page 2 says '$page'"
    pdftotext "$pdf" "$WORK/all.txt"
    awk -F'\t' -v id="$id" '$1 == id {print $2}' "$WORK/period-tickets" >"$WORK/expected"
    missing=0
    while read -r ticket; do
        grep -q "^$ticket\$" "$WORK/all.txt" || missing=$((missing + 1))
    done <"$WORK/expected"
    is "$missing" 0 "$id: all $(wc -l <"$WORK/expected") ticket ids of the period are listed"
    others=$(awk -F'\t' -v id="$id" '$1 != id {print $2}' "$WORK/period-tickets" |
        head -50 | while read -r t; do grep -c "^$t\$" "$WORK/all.txt"; done |
        awk '{s += $1} END {print s + 0}')
    is "$others" 0 "$id: no ticket of another account is listed"
done <"$WORK/accounts"

report="$out/status-report.pdf"
# Names may wrap inside a table cell: search the text with lines joined.
pdftotext "$report" - | tr '\n' ' ' | tr -s ' ' >"$WORK/report.txt"
missing=0
printf '%s\n' "$accounts" | cut -f2 >"$WORK/names"
while read -r name; do
    grep -qF "$name" "$WORK/report.txt" || missing=$((missing + 1))
done <"$WORK/names"
is "$missing" 0 "the status report names all $n_accounts accounts"
# The three tickets of an organisation the CRM does not know: one row for
# the organisation (what an administrator fixes), with its first ticket.
rd="$out/intermediate/review-data.xml"
org=$(xmllint --xpath 'string(//unmatched/ticket[1]/@org-name)' "$rd")
first=$(xmllint --xpath 'string(//unmatched/ticket[1]/@id)' "$rd")
n=$(xmllint --xpath "count(//unmatched/ticket[@org-name = '$org'])" "$rd")
contains "$WORK/report.txt" "$org unknown to the CRM" \
    "the status report names the unmatched organisation ($org) and why"
contains "$WORK/report.txt" "$first" "with its first ticket ($first) as an example"
contains "$WORK/report.txt" "$n tickets from 1 organisation could not be matched" \
    "and counts its $n tickets once"
finish
