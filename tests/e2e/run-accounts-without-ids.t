#!/bin/sh
# A Salesforce "Details Only" Accounts report without Account ID
# (tests/data/exports/salesforce/report-accounts-en_US.csv), run with the
# reports of cases, contacts and opportunities (no ids either) and a
# Zendesk export: each account gets an id made from its name
# (name-<slug>-<first 8 hex digits of the SHA-256 of the name>,
# docs/import-profiles.md), a review PDF of that name with the account's
# name in it, and its cases and tickets matched by name or domain.
. "$(dirname "$0")/lib.sh"
dir=tests/data/exports/salesforce
plan 21

mkdir -p "$WORK/in" "$WORK/cfg"
cp "$dir/report-accounts-en_US.csv" "$dir/report-cases-en_US.csv" \
    "$dir/report-contacts-fr_FR.csv" "$dir/report-opportunities-en_GB.csv" \
    "$WORK/in/"
# Zendesk tickets: one by e-mail domain, two by organisation name (one of
# them an account whose name has no Latin letters at all).
cat >"$WORK/in/zendesk-tickets.csv" <<'EOF'
Id,Subject,Status,Priority,Created at,Solved at,First reply time in minutes,Organization,Requester email
880001,Gateway timeouts,Closed,High,2026-01-12T09:00:00+01:00,2026-01-13T10:00:00+01:00,30,,it@mueller.example
880002,Robot arm firmware,Open,Normal,2026-02-03T08:00:00+09:00,,45,東京ロボティクス,
880003,Licence renewal question,Solved,Low,2026-02-20T11:00:00+09:00,2026-02-21T11:00:00+09:00,120,株式会社タナカロボティクス,
EOF

"$REPORTPIPE" run --keep-intermediate --input "$WORK/in" --output "$WORK/out" \
    --config "$WORK/cfg" --state "$WORK/state" \
    --period-start 2025-04-01 --period-end 2026-03-31 >"$WORK/log" 2>&1
rc=$?
# 1: the corpus files hold rows rejected on purpose (a duplicate account).
is "$rc" 1 "the run renders, exit 1 for the rejected rows"
contains "$WORK/log" "4 reviews (" "a review for each of the 4 accounts"
contains "$WORK/log" "'Acme Widgets Inc.' appears twice" \
    "a second row of the same name is the same account: rejected as a duplicate"

xml="$WORK/out/intermediate/review-data.xml"
x() { xmllint --xpath "$1" "$xml" 2>/dev/null; }
is "$(x 'count(//account[@id-from="name"])')" 4 \
    "every account's id is marked as made from the name"

# id NAME SLUG: the id the documentation promises for NAME.
id() { echo "name-$2${2:+-}$(printf '%s' "$1" | sha256sum | cut -c1-8)"; }
# account NAME SLUG TICKETS...: its review exists, names it, lists its tickets.
account() {
    name=$1
    acc=$(id "$1" "$2")
    shift 2
    pdf="$WORK/out/reviews/$acc.pdf"
    [ -s "$pdf" ] && [ "$(x "string(//account[@id=\"$acc\"]/@name)")" = "$name" ]
    ok $? "$name: review $acc.pdf"
    pdftotext "$pdf" - 2>/dev/null | tr '\n' ' ' >"$WORK/text"
    # Without a font for its script the PDF shows boxes: then the page
    # content the review was painted from must hold the name.
    if ! perl -CA -e 'exit($ARGV[0] =~ /\p{Han}|\p{Katakana}/ ? 0 : 1)' "$name" ||
        [ -n "$(fc-list ":lang=ja" 2>/dev/null)" ]; then
        contains "$WORK/text" "$name" "$name: its name is in the review"
    else
        contains "$WORK/out/intermediate/review-$acc.fo" "$name" \
            "$name: its name is in the review (its FO: no Japanese font here)"
    fi
    missing=
    for t in "$@"; do
        grep -q "$t" "$WORK/text" && [ "$(x "count(//account[@id=\"$acc\"]//ticket[@id=\"$t\"])")" = 1 ] ||
            missing="$missing $t"
    done
    is "$missing" "" "$name: its cases and tickets ($*) are matched and listed"
}
account "Müller GmbH" muller-gmbh 00001001 880001
account "Acme Widgets Inc." acme-widgets-inc 00001006
account "株式会社タナカロボティクス" "" 00001007 880003
account "東京ロボティクス" "" 880002

is "$(x 'count(//unmatched//ticket)')" 1 "only the case of an account not in the CRM is unmatched"
is "$(x 'string(//unmatched//ticket/@id)')" 00001009 "that case is Northwind's"
acme=$(id "Acme Widgets Inc." acme-widgets-inc)
is "$(x "count(//account[@id=\"$acme\"]/opportunities/opportunity)")" 1 \
    "an opportunity of the report names its account by name"
tanaka=$(id "株式会社タナカロボティクス" "")
is "$(x "count(//account[@id=\"$tanaka\"]/contacts/contact)")" 1 \
    "a contact of the report names its account by name"

# The same exports again: the same ids (nothing depends on the run or on
# the order of the rows).
rm -rf "$WORK/out"
{
    head -2 "$dir/report-accounts-en_US.csv" | head -1
    sed -n '2,5p' "$dir/report-accounts-en_US.csv" | sort -r
} >"$WORK/in/report-accounts-en_US.csv"
"$REPORTPIPE" run --input "$WORK/in" --output "$WORK/out" --config "$WORK/cfg" \
    --state "$WORK/state" --period-start 2025-04-01 --period-end 2026-03-31 \
    >"$WORK/log" 2>&1
ls "$WORK/out/reviews" | LC_ALL=C sort >"$WORK/ids"
for n in "Müller GmbH:muller-gmbh" "Acme Widgets Inc.:acme-widgets-inc" \
    "株式会社タナカロボティクス:" "東京ロボティクス:"; do
    echo "$(id "${n%%:*}" "${n#*:}").pdf"
done | LC_ALL=C sort >"$WORK/want"
cmp -s "$WORK/ids" "$WORK/want"
ok $? "rows in another order give the same ids"
[ $? -eq 0 ] || diff "$WORK/want" "$WORK/ids" | sed 's/^/#   /'
finish
