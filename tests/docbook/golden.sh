#!/bin/sh
# Regenerates the Apache FOP reference results the DocBook tests compare
# with (page count and words of each document).  Needs Debian's fop;
# review the diff of tests/docbook/*.fop-* before committing.
# usage: tests/docbook/golden.sh
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for doc in *.xml; do
    name=${doc%.xml}
    ./fo.sh "$doc" "$tmp/$name.fo"
    fop -q -c fop.xconf -fo "$tmp/$name.fo" -pdf "$tmp/$name.pdf" >/dev/null 2>&1
    pdfinfo "$tmp/$name.pdf" | awk '/^Pages:/ {print $2}' >"$name.fop-pages"
    ./words.sh "$tmp/$name.pdf" >"$name.fop-words"
    echo "$name: $(cat "$name.fop-pages") pages, $(wc -l <"$name.fop-words") distinct words"
done
