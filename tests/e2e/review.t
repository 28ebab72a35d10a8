#!/bin/sh
# reportpipe review: one account's review from its review-data snapshot,
# as a draft or approved (the batch stage's rp_batch_render_review).
. "$(dirname "$0")/lib.sh"
plan 5

B="$REPORTPIPE"
"$B" merge -q -o "$WORK/data.xml" input/*.csv 2>/dev/null
ok $? "the sample data merges"

approve() { # approve SNAPSHOT OUT.pdf
    "$B" review -q --approved-by "Dana Whitfield" --approved-on 2026-12-06 \
        --fingerprint 3f9a1c2e7b04 "$1" "$2"
}

approve "$WORK/data.xml" "$WORK/a1.pdf"
ok $? "an approved review renders"
approve "$WORK/data.xml" "$WORK/a2.pdf"
cmp -s "$WORK/a1.pdf" "$WORK/a2.pdf"
ok $? "the same snapshot and mark give byte-identical PDFs"

"$B" review -q --approved-by "Dana Whitfield" --approved-on 2026-13-06 \
    --fingerprint 3f9a1c2e7b04 "$WORK/data.xml" "$WORK/bad.pdf" 2>"$WORK/err"
is $? 1 "a malformed approval date exits 1"
[ ! -e "$WORK/bad.pdf" ]
ok $? "and leaves no PDF"
finish
