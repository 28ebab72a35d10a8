#!/bin/sh
# The Annual Customer Review as a customer gets it (templates/
# annual-review.xsl): a cover without running header or footer, with the
# customer's logo from input/logos/; contents whose page numbers are the
# pages the headings are on and whose lines link to them; bookmarks; the
# narrative sections in order and the ticket log after them as an
# appendix; German headings and chart captions; empty data said in a
# sentence, not drawn as an empty chart or table.
. "$(dirname "$0")/lib.sh"

plan 28

B="$REPORTPIPE"
ids="acr-summary acr-numbers acr-relationship acr-support acr-projects
acr-risks acr-feedback acr-plan acr-log"
titles="1 Executive summary|2 The year in numbers|3 Our relationship|4 Support performance|5 Projects and milestones|6 Risks and their mitigation|7 Last year's feedback and what became of it|8 Plan for next year|Appendix A: Ticket log"

# A copy of the sample input with a logo for ACC-1001 and an account
# that has nothing: no tickets, contacts, risks or contributions.
mkdir -p "$WORK/in"
cp -r "$TOP"/input/* "$WORK/in/"
mkdir -p "$WORK/in/logos"
cat >"$WORK/in/logos/ACC-1001.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48" viewBox="0 0 160 48">
  <rect x="2" y="4" width="40" height="40" rx="6" fill="#b23a48"/>
  <text x="50" y="32" font-family="DejaVu Sans" font-size="22">ACMELOGO</text>
</svg>
SVG
printf 'ACC-1099,Quiet Harbour Ltd,Sarah Chen,Customer - Direct,Logistics,United States,https://quiet.example,"1,000,000.00",Silver,03/31/2027,"50,000.00",03/01/2025,11/02/2026 08:00 AM\r\n' \
    >>"$WORK/in/salesforce-accounts.csv"

out="$WORK/out"
"$B" run -q --input "$WORK/in" --output "$out" --keep-intermediate \
    --lang en --only ACC-1001,ACC-1099 2>"$WORK/err"
is "$?" 0 "run makes the reviews"
pdf="$out/reviews/ACC-1001.pdf"
fo="$out/intermediate/review-ACC-1001.fo"

# --- the cover ----------------------------------------------------------
pdftotext -raw -f 1 -l 1 "$pdf" "$WORK/p1.txt"
contains "$WORK/p1.txt" "Acme Widgets, Inc." "the cover names the customer"
contains "$WORK/p1.txt" "Review year 2026" "  and the review year"
contains "$WORK/p1.txt" "Sarah Chen" "  and the account team"
contains "$WORK/p1.txt" "ACMELOGO" "  and shows the customer's logo (input/logos)"
grep -q 'src="logos/ACC-1001.svg"' "$fo"
ok $? "  passed to the template as its logo parameter"
grep -q -- "· Acme Widgets, Inc.\|Page 1 of\|Review period .* · Page" "$WORK/p1.txt"
is "$?" 1 "the cover has no running header or footer"
pdftotext -raw -f 2 -l 2 "$pdf" "$WORK/p2.txt"
contains "$WORK/p2.txt" "Annual Customer Review · Acme Widgets, Inc." \
    "the next page has the running header"

# --- contents, destinations, links, bookmarks --------------------------
pdfinfo -dests "$pdf" >"$WORK/dests"
# dest ID: its page and its y (from the top: higher y is higher up)
dest() { awk -v id="\"$1\"" '$NF == id { print $1, $4 }' "$WORK/dests"; }
bad=""
order=""
i=0
for id in $ids; do
    i=$((i + 1))
    title=$(printf '%s\n' "$titles" | cut -d'|' -f$i)
    line=$(grep -F -x -- "$title $(dest $id | cut -d' ' -f1)" "$WORK/p2.txt")
    [ -n "$line" ] || bad="$bad $id(contents)"
    page=$(dest $id | cut -d' ' -f1)
    pdftotext -raw -f "$page" -l "$page" "$pdf" - | grep -q -F -x -- "$title" ||
        bad="$bad $id(heading not on page $page)"
    order="$order$(dest $id | awk '{ printf "%04d%04d\n", $1, 2000 - $2 }')
"
done
is "$bad" "" "each contents line's page number is the page of its heading"
printf '%s' "$order" >"$WORK/order"
sort -c "$WORK/order" 2>/dev/null
ok $? "the sections come in order, the appendix after every narrative section"
log_page=$(dest acr-log | cut -d' ' -f1)
plan_page=$(dest acr-plan | cut -d' ' -f1)
[ "$log_page" -gt "$plan_page" ]
ok $? "the ticket log starts on a page of its own after the plan (page $log_page)"
pdftotext -raw -f "$log_page" -l "$log_page" "$pdf" - | grep -q "^Every ticket the account raised"
ok $? "  under the heading Appendix A: Ticket log"

qpdf --qdf --object-streams=disable "$pdf" "$WORK/q.pdf" 2>/dev/null
missing=""
for id in $ids; do
    grep -a -q "/Dest ($id)" "$WORK/q.pdf" || missing="$missing $id"
done
is "$missing" "" "the contents link to every section (/Link annotations to named destinations)"
qpdf --json --json-key=outlines "$pdf" >"$WORK/outlines.json" 2>/dev/null
is "$(grep -c '"title":' "$WORK/outlines.json")" 10 \
    "the PDF has a bookmark for the contents and each section"

# --- charts and their text alternatives --------------------------------
is "$(grep -c '<fo:instream-foreign-object fox:alt-text=' "$fo")" 3 \
    "the year in numbers has its three charts"
total=$(xmllint --xpath 'string(/review-data/account[@id="ACC-1001"]/support/@tickets)' \
    "$out/intermediate/review-data.xml")
grep -o 'fox:alt-text="Stacked bar chart of the tickets raised[^"]*"' "$fo" |
    grep -o 'total [0-9,]*' | tr -d , | awk '{ s += $2 } END { print s }' >"$WORK/alt-total"
is "$(cat "$WORK/alt-total")" "$total" "  the volume chart's text alternative adds up to the account's tickets"

# --- German --------------------------------------------------------------
"$B" run -q --input "$WORK/in" --output "$WORK/de" --keep-intermediate \
    --lang de --only ACC-1001 2>"$WORK/err-de"
pdftotext -raw "$WORK/de/reviews/ACC-1001.pdf" - | tr -d '\f' >"$WORK/de.txt"
for h in "1 Zusammenfassung" "2 Das Jahr in Zahlen" "4 Supportleistung" \
    "Anhang A: Ticketprotokoll"; do
    grep -q -x -F "$h" "$WORK/de.txt"
    ok $? "the German review has the heading '$h'"
done
contains "$WORK/de.txt" "Eröffnete Tickets pro Monat, nach Priorität." \
    "  and German chart captions"
grep -q 'fox:alt-text="Gestapeltes Säulendiagramm[^"]*insgesamt' \
    "$WORK/de/intermediate/review-ACC-1001.fo"
ok $? "  and German text alternatives"
grep -q '[0-9],[0-9] %' "$WORK/de.txt"
ok $? "  with German numbers in the charts (61,5 %)"

# --- an account with nothing --------------------------------------------
pdftotext -raw "$out/reviews/ACC-1099.pdf" - | tr '\n' ' ' | tr -s ' ' >"$WORK/empty.txt"
contains "$WORK/empty.txt" "No tickets were raised in the review period, so there is no monthly volume to show." \
    "no tickets: a sentence instead of the charts"
contains "$WORK/empty.txt" "No tickets were raised in the review period, so there is no SLA performance or monthly volume to report." \
    "  and instead of the SLA and monthly tables"
contains "$WORK/empty.txt" "The program plan holds no risks for this account." "no risks: a sentence"
contains "$WORK/empty.txt" "No contacts of this account are recorded in the CRM." "no contacts: a sentence"
is "$(grep -c '<fo:instream-foreign-object fox:alt-text=' "$out/intermediate/review-ACC-1099.fo")" 0 \
    "  and no chart at all"
finish
