#!/bin/sh
# One account's review data (reportpipe snapshot: the batch stage's
# rp_batch_snapshot) and its review rendered from it, as a draft or
# approved (reportpipe review: rp_batch_render_review).
. "$(dirname "$0")/lib.sh"
plan 19

B="$REPORTPIPE"
acc=ACC-1001
snap() { # snap OUT.xml [OPTIONS...]: prints the data hash
    o=$1
    shift
    "$B" snapshot -q --output "$WORK/out" "$@" -o "$o" "$acc"
}

hash=$(snap "$WORK/s.xml")
ok $? "snapshot exits 0"
printf '%s\n' "$hash" | grep -qx '[0-9a-f]\{64\}'
ok $? "and prints a SHA-256 data hash ($hash)"
is "$(xmllint --xpath 'count(/review-data/account)' "$WORK/s.xml")" 1 \
    "the snapshot holds exactly one account"
is "$(xmllint --xpath 'string(/review-data/account/@id)' "$WORK/s.xml")" \
    "$acc" "and it is $acc"
xmllint --noout --relaxng templates/schema/review-data.rng "$WORK/s.xml" \
    2>/dev/null
ok $? "the snapshot is valid against the review-data schema"

"$B" snapshot -q --output "$WORK/out" -o "$WORK/x.xml" ACC-404 2>"$WORK/err"
is $? 1 "an unknown account exits 1"
contains "$WORK/err" "ACC-404" "and the error names it"

# Another day's run: only generated= differs, so the data hash does not.
hash2=$(SOURCE_DATE_EPOCH=1795478400 snap "$WORK/s2.xml")
cmp -s "$WORK/s.xml" "$WORK/s2.xml"
is "$?/$hash2" "1/$hash" "a new generated date leaves the data hash alone"

# One ticket of the account changes its subject: the hash changes.  (A
# copy of the input first: <sources> names the files' paths.)
mkdir -p "$WORK/in"
cp -r input/* "$WORK/in/"
hash_in=$(snap "$WORK/s-in.xml" --input "$WORK/in")
awk -v acc="$acc" 'BEGIN { FS = OFS = "," }
    !done && $8 == acc { $2 = "A changed subject"; done = 1 } { print }' \
    input/salesforce-cases.csv >"$WORK/in/salesforce-cases.csv"
hash3=$(snap "$WORK/s3.xml" --input "$WORK/in")
[ -n "$hash3" ] && [ -n "$hash_in" ] && [ "$hash3" != "$hash_in" ]
ok $? "a changed ticket changes the data hash"

approve() { # approve SNAPSHOT OUT.pdf
    "$B" review -q --approved-by "Dana Whitfield" --approved-on 2026-12-06 \
        --fingerprint 3f9a1c2e7b04 "$1" "$2"
}

approve "$WORK/s.xml" "$WORK/a1.pdf"
ok $? "an approved review renders from the snapshot"
approve "$WORK/s.xml" "$WORK/a2.pdf"
cmp -s "$WORK/a1.pdf" "$WORK/a2.pdf"
ok $? "the same snapshot and mark give byte-identical PDFs"
"$B" review -q "$WORK/s.xml" "$WORK/d1.pdf" &&
    "$B" review -q "$WORK/s.xml" "$WORK/d2.pdf" &&
    cmp -s "$WORK/d1.pdf" "$WORK/d2.pdf"
ok $? "so do two drafts of the same snapshot"

# pages_with PDF TEXT: how many pages of PDF hold TEXT.
pages_with() {
    n=0
    p=1
    while [ "$p" -le "$(pdf_pages "$1")" ]; do
        pdftotext -f "$p" -l "$p" "$1" - 2>/dev/null | grep -qF -- "$2" &&
            n=$((n + 1))
        p=$((p + 1))
    done
    echo "$n"
}

pages=$(pdf_pages "$WORK/d1.pdf")
[ "$pages" -gt 1 ]
ok $? "the draft has several pages ($pages)"
is "$(pages_with "$WORK/d1.pdf" DRAFT)" "$pages" "the draft says DRAFT on every page"
is "$(pages_with "$WORK/a1.pdf" DRAFT)" 0 "the approved review says DRAFT nowhere"
pdftotext -f 1 -l 1 "$WORK/a1.pdf" - | tr '\n' ' ' | tr -s ' ' >"$WORK/a1-p1.txt"
contains "$WORK/a1-p1.txt" "Approved by Dana Whitfield on 6 Dec 2026" \
    "page 1 of the approved review has the approval block"
# The cover has no footer: every other page has.
is "$(pages_with "$WORK/a1.pdf" "Approved · 3f9a1c2e7b04")" \
    "$(($(pdf_pages "$WORK/a1.pdf") - 1))" "every footer says 'Approved · 3f9a1c2e7b04'"

"$B" review -q --approved-by "Dana Whitfield" --approved-on 2026-13-06 \
    --fingerprint 3f9a1c2e7b04 "$WORK/s.xml" "$WORK/bad.pdf" 2>"$WORK/err"
is $? 1 "a malformed approval date exits 1"
[ ! -e "$WORK/bad.pdf" ]
ok $? "and leaves no PDF"
finish
