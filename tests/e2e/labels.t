#!/bin/sh
# Two languages (docs/templates.md, "Labels and languages"): every label
# key the templates use is in both label files and every key there is
# used; a review in German has German titles, dates and numbers and none
# of the English labels; without --lang an account's billing country
# chooses; a language the templates do not have is a usage error naming
# it; the language is part of a review's key (changing it rebuilds).
. "$(dirname "$0")/lib.sh"

plan 19

T="$TOP/templates"
# Keys: $L/KEY and rp-say's or rp-label's k select="'KEY'"; keys made
# at run time (concat('stage.', ...)) are whole families, named by prefix.
{
    grep -ho '\$L/[a-z][a-z0-9._-]*' "$T"/*.xsl | sed 's/^\$L\///'
    grep -ho "name=\"k\" select=\"'[^']*'" "$T"/*.xsl |
        sed "s/.*'\([^']*\)'.*/\1/"
} | sort -u >"$WORK/used"
grep -ho "concat('[a-z-]*\.'" "$T"/*.xsl | sed "s/concat('//; s/'//" |
    sort -u >"$WORK/families"
ok "$(test -s "$WORK/used" && test -s "$WORK/families"; echo $?)" \
    "the templates' label keys are found"
# the rp-health-reason keys chosen in a choose
printf 'reason.sla-below-target\nreason.sla-below-target-points\n' >>"$WORK/used"
sort -u -o "$WORK/used" "$WORK/used"
for lang in en de; do
    grep -o '<l k="[^"]*"' "$T/labels/$lang.xml" | sed 's/<l k="//; s/"//' |
        sort >"$WORK/$lang"
    missing=$(comm -23 "$WORK/used" "$WORK/$lang" | tr '\n' ' ')
    is "$missing" "" "$lang.xml defines every key the templates use"
    dup=$(uniq -d "$WORK/$lang" | tr '\n' ' ')
    is "$dup" "" "$lang.xml defines each key once"
    unused=$(comm -13 "$WORK/used" "$WORK/$lang" |
        grep -v -F -f "$WORK/families" | tr '\n' ' ')
    is "$unused" "" "$lang.xml holds no key the templates do not use"
done
is "$(diff "$WORK/en" "$WORK/de" >/dev/null; echo $?)" 0 \
    "en.xml and de.xml have the same keys"

out="$WORK/out"
"$REPORTPIPE" run -q --output "$out" --lang de --only ACC-1001 2>"$WORK/err"
is "$?" 0 "run --lang de makes a review"
pdftotext "$out/reviews/ACC-1001.pdf" "$WORK/de.txt"
contains "$WORK/de.txt" "Jahresreview für Kunden" "  with a German title"
contains "$WORK/de.txt" "Seite 2 von" "  German page numbers"
contains "$WORK/de.txt" "31. Okt. 2026" "  German dates"
contains "$WORK/de.txt" "1.212.000" "  German numbers"
# Every English label of more than one word (single words such as
# "Status" or "Name" are German too) must be gone.
sed -n 's/.*<l k="[^"]*"[^>]*>\([^<{]*[a-z] [a-z][^<{]*\)<.*/\1/p' \
    "$T/labels/en.xml" | sort -u \
    >"$WORK/english"
left=$(grep -F -f "$WORK/english" "$WORK/de.txt" | head -3)
is "$left" "" "  and no English label left"

# Without --lang: Müller GmbH (country DE) in German, Acme (US) in English.
out2="$WORK/out2"
"$REPORTPIPE" run -q --output "$out2" --only ACC-1001,ACC-1002 2>"$WORK/err"
pdftotext "$out2/reviews/ACC-1002.pdf" "$WORK/by-country-de.txt"
pdftotext "$out2/reviews/ACC-1001.pdf" "$WORK/by-country-en.txt"
contains "$WORK/by-country-de.txt" "Jahresreview für Kunden" \
    "without --lang a German billing country gives German"
contains "$WORK/by-country-en.txt" "Annual Customer Review" \
    "  and a US one English"

"$REPORTPIPE" run -q --output "$WORK/out3" --lang xx 2>"$WORK/err"
is "$?" 2 "an unknown --lang is a usage error"
contains "$WORK/err" "unknown language 'xx'" "  naming the value"

# The language is in the review's key: asking for English rebuilds the
# German review of Müller GmbH.
"$REPORTPIPE" run --output "$out2" --only ACC-1002 --lang en 2>"$WORK/err"
pdftotext "$out2/reviews/ACC-1002.pdf" "$WORK/again.txt"
contains "$WORK/again.txt" "Annual Customer Review" \
    "changing the language rebuilds the review"

finish
