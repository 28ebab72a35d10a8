#!/bin/sh
# valgrind memcheck over the end-to-end run on the sample data: no invalid
# access, no definite or indirect leak of ours.  Library caches that live
# for the whole process are suppressed in tests/valgrind.supp.
# usage: tools/valgrind.sh BINARY
set -eu
bin=${1:-build/release/reportpipe}
out=$(mktemp -d "${TMPDIR:-/tmp}/reportpipe-valgrind.XXXXXX")
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795392000}
valgrind --quiet --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    --suppressions=tests/valgrind.supp \
    "$bin" run -q --input input --output "$out"
# Every renderer feature file, streamed from disk.
for fo in tests/e2e/fo/*.fo; do
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect \
        --suppressions=tests/valgrind.supp \
        "$bin" render -q "$fo" "$out/$(basename "$fo" .fo).pdf"
done
echo "valgrind: clean ($bin run on input/, render of tests/e2e/fo/*.fo)"
