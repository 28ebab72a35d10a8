#!/bin/sh
# Golden area trees: every tests/e2e/fo/NAME.fo with a NAME.area beside it
# is rendered and its area tree (render --dump-area) compared byte for
# byte with NAME.area, so that a change to any box shows, not only the
# coordinates some test happened to check.  After a layout change that is
# meant, `make test UPDATE=1` rewrites them (libxslt's runtest -u habit):
# read the diff of tests/e2e/fo/*.area and look at the pages before
# committing it.
. "$(dirname "$0")/lib.sh"
n=0
for golden in tests/e2e/fo/*.area; do
    n=$((n + 1))
done
plan "$n"

for golden in tests/e2e/fo/*.area; do
    name=$(basename "$golden" .area)
    "$REPORTPIPE" render -q --dump-area "$WORK/$name.area" \
        "tests/e2e/fo/$name.fo" "$WORK/$name.pdf" 2>"$WORK/$name.err"
    status=$?
    if [ "$status" -eq 0 ] && [ "${UPDATE:-}" = 1 ]; then
        cp "$WORK/$name.area" "$golden"
    fi
    [ "$status" -eq 0 ] && cmp -s "$golden" "$WORK/$name.area"
    ok $? "$name.fo lays out as $name.area says"
    if [ "$status" -ne 0 ]; then
        sed 's/^/#   /' "$WORK/$name.err"
    elif ! cmp -s "$golden" "$WORK/$name.area"; then
        diff -u "$golden" "$WORK/$name.area" | head -40 | sed 's/^/#   /'
        echo "#   (make test UPDATE=1 rewrites it once the change is meant)"
    fi
done
finish
