#!/bin/sh
# The export corpus: files written by hand from each system's own
# documentation of its exports (never by our writer), with the awkward
# parts real exports have.  Every tests/data/exports/<system>/NAME.csv has
# a NAME.manifest beside it, lines of "key value" ('#' starts a comment):
#   profile              the profile the file must be recognised as
#   read                 rows read
#   accepted, rejected   rows accepted and rejected (read = the two)
#   footer               footer lines skipped (optional, default 0)
#   closed-without-time  tickets solved or closed without a close time,
#                        which the summary must report (optional)
# Each file is imported and its counts checked; then
# `import --suggest-profile` is run on it and the suggestion, passed back
# with --profile, must be the one that recognises it and read every row.
. "$(dirname "$0")/lib.sh"

manifests=$(find tests/data/exports -name '*.manifest' | LC_ALL=C sort)
n=0
for m in $manifests; do
    n=$((n + 3))
    grep -q '^closed-without-time ' "$m" && n=$((n + 1))
done
plan "$n"

# get MANIFEST KEY [DEFAULT]: a manifest's value.
get() { awk -v k="$2" -v d="${3-}" '$1 == k { print $2; f = 1 } END { if (!f) print d }' "$1"; }
# count LOG WORD: the number before WORD in the import summary line, or 0.
count() {
    c=$(grep 'recognised as' "$1" | sed -n "s/.* \([0-9][0-9]*\) $2.*/\1/p" | head -1)
    echo "${c:-0}"
}

for m in $manifests; do
    csv=${m%.manifest}.csv
    name=${csv#tests/data/exports/}
    profile=$(get "$m" profile)
    read=$(get "$m" read)
    footer=$(get "$m" footer 0)
    rm -rf "$WORK/rej"
    mkdir -p "$WORK/rej"
    "$REPORTPIPE" import --rejects "$WORK/rej" "$csv" >"$WORK/log" 2>&1
    rc=$?
    grep -q "recognised as $profile " "$WORK/log"
    ok $? "$name is recognised as $profile"
    got="$(count "$WORK/log" 'rows read'),$(count "$WORK/log" accepted),$(count "$WORK/log" rejected),$(count "$WORK/log" footer)"
    want="$read,$(get "$m" accepted),$(get "$m" rejected),$footer"
    [ $rc -le 1 ] && [ "$got" = "$want" ]
    ok $? "$name: rows read, accepted, rejected (and footer) as its manifest says"
    [ "$got" = "$want" ] || { echo "#   got:      $got (exit $rc)"; echo "#   expected: $want"; sed 's/^/#   /' "$WORK/log"; }
    closed=$(get "$m" closed-without-time)
    if [ -n "$closed" ]; then
        s=s
        [ "$closed" = 1 ] && s=
        contains "$WORK/log" "$closed solved or closed ticket$s ha" \
            "$name: the $closed tickets closed without a close time are reported once"
    fi

    base=$(basename "$csv" .csv)
    "$REPORTPIPE" import --suggest-profile "$csv" >"$WORK/$base.profile" 2>"$WORK/err" &&
        "$REPORTPIPE" import --rejects "$WORK/rej" --profile "$WORK/$base.profile" \
            "$csv" >"$WORK/log" 2>&1
    [ $? -le 1 ] && grep -q "recognised as suggested-" "$WORK/log" &&
        [ $(($(count "$WORK/log" 'rows read') + $(count "$WORK/log" footer))) = $((read + footer)) ]
    ok $? "$name: the suggested profile, passed back with --profile, reads every row"
done
finish
