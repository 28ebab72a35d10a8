#!/bin/sh
# Positioned block-containers: a DRAFT watermark fixed on every page from
# static content, stamps at absolute coordinates in the flow, stacked by
# z-index; the body is the same as without them.
. "$(dirname "$0")/lib.sh"
plan 18

fo=tests/e2e/fo/positioned.fo
"$REPORTPIPE" render -q --dump-area "$WORK/wm.dump" "$fo" "$WORK/wm.pdf"
ok $? "a document with positioned containers renders"
qpdf --check "$WORK/wm.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes"
is "$(pdf_pages "$WORK/wm.pdf")" 3 "three pages"
found=0
for p in 1 2 3; do
    pdf_page_text "$WORK/wm.pdf" $p | grep -q DRAFT && found=$((found + 1))
done
is "$found" 3 "the watermark is on every page"

# Without the watermark and the stamps: the same pages, the same places.
sed '/<!-- watermark -->/,/<!-- \/watermark -->/d; /<!-- stamps -->/,/<!-- \/stamps -->/d' \
    "$fo" >"$WORK/plain.fo"
"$REPORTPIPE" render -q --dump-area "$WORK/plain.dump" "$WORK/plain.fo" "$WORK/plain.pdf"
ok $? "the same document without them renders"
grep -q "group" "$WORK/plain.dump"
ok $((! $?)) "without them, no positioned area"
# The dump less its positioned areas (a group to its end, at any depth).
awk '/^ *group / {d++; next} d && /^ *end$/ {d--; next} !d' "$WORK/wm.dump" >"$WORK/wm-body.dump"
cmp -s "$WORK/wm-body.dump" "$WORK/plain.dump"
ok $? "the body is laid out exactly as without them"
# In content-stream order (-raw): the watermark first, under the body;
# the stamps (z-index 1 and above) after the footer, over it.
same=0
for p in 1 2 3; do
    pdftotext -raw -f $p -l $p "$WORK/wm.pdf" - | sed '1{/^DRAFT$/d}; /^Page [0-9] of 3$/q' >"$WORK/a.txt"
    pdftotext -raw -f $p -l $p "$WORK/plain.pdf" - | sed '/\f/d' >"$WORK/b.txt"
    cmp -s "$WORK/a.txt" "$WORK/b.txt" && same=$((same + 1))
done
is "$same" 3 "every page has the same body text as without them"

# The watermark: against the page, first (under everything), centred.
is "$(grep -A1 '^page ' "$WORK/wm.dump" | grep -c '^  group 0.00 0.00 595.28x841.89 z=-1$')" 3 \
    "each page starts with the fixed watermark, z-index -1, the size of the page"
awk '/"DRAFT"/ {x = $2; w = substr($4, 3); exit} END {c = x + w / 2; exit !(c > 297.6 && c < 297.7)}' "$WORK/wm.dump"
ok $? "the watermark is centred across the page"
awk '/"DRAFT"/ {y = $3; exit} END {exit !(y > 420 && y < 470)}' "$WORK/wm.dump"
ok $? "display-align=center puts it half-way down"

# The stamps: at their offsets from the body (15mm + 15mm margins, A4).
grep -q '^  group 403.02 170.08 149.73x21.20 z=2$' "$WORK/wm.dump"
ok $? "top=30mm right=0mm width=50mm: the border box at the body's right edge"
grep -q '^    group 43.02 227.27 85.04x28.35 z=1 clip$' "$WORK/wm.dump"
ok $? "overflow=hidden clips to the padding rectangle"
grep -q '^  group 56.69 766.00 170.08x19.20 z=3$' "$WORK/wm.dump"
ok $? "a fixed container in the flow: 20mm from the page's left and bottom"
order=$(awk '/^page 2/ {exit} /^  group / {printf "%s ", $5}' "$WORK/wm.dump")
is "$order" "z=-1 z=1 z=2 " "page 1 stacks its areas by z-index, not document order"
awk '/^page 2/ {exit} /^  group .* z=1$/ {g = NR} /^  text .*"Further down/ {t = NR} END {exit !(t < g)}' "$WORK/wm.dump"
ok $? "z-index 0 and above paint over the normal content"

# Invalid values are warnings naming the element, line and value, and the
# property falls back (FOP's tolerance); --strict makes them errors.
sed 's/absolute-position="fixed"/absolute-position="floating"/' "$fo" >"$WORK/bad.fo"
"$REPORTPIPE" render -q "$WORK/bad.fo" "$WORK/bad.pdf" 2>"$WORK/bad.err"
rc=$?
grep -q "bad.fo:18: fo:block-container: 'floating' is not a valid value for absolute-position; ignored" "$WORK/bad.err"
is "$rc $? $(grep -c . "$WORK/bad.err") $(pdf_pages "$WORK/bad.pdf")" "0 0 1 3" \
    "an invalid absolute-position is one warning naming line and value; the container stays in the flow"
"$REPORTPIPE" render -q --strict "$WORK/bad.fo" "$WORK/strict.pdf" 2>"$WORK/bad.err"
rc=$?
grep -q "bad.fo:18: .*fo:block-container: 'floating' is not a valid value for absolute-position" "$WORK/bad.err"
is "$rc $? $(test -e "$WORK/strict.pdf"; echo $?)" "1 0 1" "with --strict it is an input error, and no PDF"

finish
