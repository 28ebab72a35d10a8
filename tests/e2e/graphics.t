#!/bin/sh
# Graphics: fo:external-graphic (PNG, JPEG, SVG) and
# fo:instream-foreign-object (SVG), sized as XSL and FOP size them, with
# pixel checks of the rendered page (72 dpi: a pixel is a point, so the
# area dump's coordinates are the page's pixels); SVG stays vector and
# its text stays text; a JPEG is passed through; a logo on every page is
# one image object; bad images and refused references give one warning
# each and a placeholder, and the document renders.
. "$(dirname "$0")/lib.sh"
plan 42

img="$WORK/img"
mkdir -p "$img"
perl tests/e2e/make-images.pl "$img"
ln -s /etc/passwd "$img/link.png"
# A JPEG without an image tool: a green page through pdftoppm.
cat >"$WORK/green.fo" <<'FO'
<?xml version="1.0"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set><fo:simple-page-master master-name="p" page-width="40pt" page-height="20pt"><fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body"><fo:block background-color="#00a000" line-height="20pt">&#160;</fo:block></fo:flow></fo:page-sequence></fo:root>
FO
"$REPORTPIPE" render -q "$WORK/green.fo" "$WORK/green.pdf" &&
    pdftoppm -jpeg -r 72 -singlefile "$WORK/green.pdf" "$img/green"
ok $? "a JPEG fixture is made"

"$REPORTPIPE" render -q --assets "$img" --dump-area "$WORK/g.dump" \
    tests/e2e/fo/graphics.fo "$WORK/g.pdf" 2>"$WORK/g.err"
ok $? "graphics render"
is "$(wc -c <"$WORK/g.err" | tr -d ' ')" 0 "without a warning"
pdftoppm -r 72 -singlefile "$WORK/g.pdf" "$WORK/g"

# The Nth image of the dump: "x y w h dx dy cw ch" (rounded).
image() {
    grep '^ *image ' "$WORK/g.dump" | sed -n "${1}p" |
        sed 's/^ *image \([^ ]*\) \([^ ]*\) \([^x]*\)x\([^ ]*\) [a-z]*#[0-9]* content \([^ ]*\) \([^ ]*\) \([^x]*\)x\([^ ]*\).*/\1 \2 \3 \4 \5 \6 \7 \8/'
}
is "$(image 1)" "10.00 10.31 40.00 20.00 0.00 0.00 40.00 20.00" "PNG at its pixel size (72 dpi)"
contains "$WORK/g.dump" 'alt="Red logo"' "fox:alt-text rides on the image area"
is "$(image 2 | cut -d' ' -f3,4)" "72.00 72.00" "144 px at 144 dpi (pHYs) is 72 pt"
is "$(image 3 | cut -d' ' -f3-8)" "100.00 50.00 0.00 0.00 100.00 50.00" \
    "non-uniform scale-to-fit fills the viewport"
is "$(image 4 | cut -d' ' -f3-8)" "100.00 100.00 0.00 25.00 100.00 50.00" \
    "uniform scale-to-fit keeps the shape, centred (display-align)"
is "$(image 5 | cut -d' ' -f3-8)" "100.00 40.00 60.00 20.00 40.00 20.00" \
    "text-align end, display-align after"
is "$(image 6 | cut -d' ' -f3,4)" "20.00 10.00" "content-width 50% of the intrinsic size"
is "$(image 7 | cut -d' ' -f3,4)" "80.00 40.00" "JPEG: content-width, height in proportion"
is "$(image 8 | cut -d' ' -f3,4)" "100.00 50.00" "SVG file: size from its width/height"
is "$(image 9 | cut -d' ' -f3,4)" "60.00 30.00" "instream SVG: its size"
contains "$WORK/g.dump" "content 0.00 0.00 40.00x20.00 clip" "overflow=hidden clips"

# Colour at (x, y) (1 x 1 pt around it) within a tolerance of 40 per channel.
near() { # near X Y "R G B" DESCRIPTION
    got=$(perl tests/e2e/ppm-color.pl "$WORK/g.ppm" "$1" "$2" 2 2)
    perl -e '@a = split " ", $ARGV[0]; @b = split " ", $ARGV[1];
        for (0..2) { exit 1 if abs($a[$_] - $b[$_]) > 40 } exit 0' "$got" "$3"
    r=$?
    ok $r "$4"
    [ $r -eq 0 ] || echo "#   got '$got', expected '$3' at $1,$2"
}
near 29 19 "255 0 0" "PNG red where the dump puts it"
near 45 67 "0 0 255" "the 144 dpi PNG blue"
near 34 129 "255 0 0" "non-uniform: the left half red..."
near 84 129 "0 0 255" "...the right half blue, stretched"
near 59 170 "255 255 255" "uniform: white above the centred content"
near 34 207 "255 0 0" "uniform: red in the middle band"
near 89 289 "255 0 0" "end/after: red at the bottom right"
near 29 269 "255 255 255" "end/after: white at the top left"
near 49 335 "0 160 0" "JPEG green"
near 20 365 "0 255 0" "SVG: green left"
near 90 380 "255 0 255" "SVG: magenta right"
near 25 445 "255 0 0" "clipped image inside its viewport"
near 35 445 "255 255 255" "nothing outside its viewport"
near 50 458 "255 0 0" "an image in a line of text"

pdfimages -list "$WORK/g.pdf" | awk 'NR > 2 && $9 == "jpeg"' | grep -q .
ok $? "the JPEG is embedded as DCT, not re-encoded"
pdftotext "$WORK/g.pdf" - | grep -q "Tickets per month" &&
    pdftotext "$WORK/g.pdf" - | grep -q "Inline chart"
ok $? "the SVGs' text is text in the PDF"
# Tagged PDF: each graphic is a Figure, with its fox:alt-text as /Alt.
figures=$(pdfinfo -struct-text "$WORK/g.pdf" | grep -c '^ *Figure')
n_graphics=$(grep -c '<fo:external-graphic\|<fo:instream-foreign-object' tests/e2e/fo/graphics.fo)
is "$figures" "$n_graphics" "every graphic is a Figure of the structure tree ($n_graphics)"
qpdf --qdf --object-streams=disable "$WORK/g.pdf" "$WORK/g-qdf.pdf"
grep -a -q '/Alt (Red logo)' "$WORK/g-qdf.pdf"
ok $? "a graphic's fox:alt-text is its Figure's /Alt"
pdfinfo -struct-text "$WORK/g.pdf" | grep -q 'Figure'
qpdf --check "$WORK/g.pdf" >/dev/null 2>&1
ok $? "qpdf --check passes on the tagged PDF with graphics"

# A logo on each of 20 pages: one image object.
{
    echo '<?xml version="1.0"?><fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set><fo:simple-page-master master-name="p" page-width="200pt" page-height="200pt" margin="10pt"><fo:region-body margin-top="30pt"/><fo:region-before extent="30pt"/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="p"><fo:static-content flow-name="xsl-region-before"><fo:block><fo:external-graphic src="red.png"/></fo:block></fo:static-content><fo:flow flow-name="xsl-region-body">'
    i=1
    while [ $i -le 20 ]; do
        echo "<fo:block break-before=\"page\">Page $i <fo:instream-foreign-object><svg width=\"20\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"20\" height=\"10\" fill=\"blue\"/></svg></fo:instream-foreign-object></fo:block>"
        i=$((i + 1))
    done
    echo '</fo:flow></fo:page-sequence></fo:root>'
} >"$WORK/logo.fo"
"$REPORTPIPE" render -q --assets "$img" "$WORK/logo.fo" "$WORK/logo.pdf"
ok $? "20 pages with a logo each render"
is "$(pdfimages -list "$WORK/logo.pdf" | awk 'NR > 2 {print $11}' | sort -u | wc -l | tr -d ' ')" 1 \
    "the logo is one image object on 20 pages"
is "$(pdfimages -list "$WORK/logo.pdf" | awk 'NR > 2' | wc -l | tr -d ' ')" 20 \
    "shown 20 times; the SVGs are no images"

# Bad images: one warning each, a placeholder each, the document renders.
"$REPORTPIPE" render -q --assets "$img" --dump-area "$WORK/b.dump" \
    tests/e2e/fo/graphics-bad.fo "$WORK/b.pdf" 2>"$WORK/b.err"
ok $? "a document with bad images renders (exit 0)"
is "$(grep -c 'not shown' "$WORK/b.err")" 12 "one warning per bad image"
is "$(grep -c placeholder "$WORK/b.dump")" 12 "a placeholder for each"
n=0
for f in missing.png truncated.png bomb.png broken.jpg bad.svg /etc/passwd \
    ../../../../../../etc/passwd link.png http://example.com data: file:///etc/passwd; do
    grep "graphics-bad.fo:[0-9]*:.*$f" "$WORK/b.err" | grep -q . && n=$((n + 1))
done
is "$n" 11 "each warning names the file, line and image"
pdftoppm -r 72 -singlefile "$WORK/b.pdf" "$WORK/b"
got=$(perl tests/e2e/ppm-color.pl "$WORK/b.ppm" 40 12 2 2)
is "$got" "224 224 224" "a placeholder is a light grey box of the size asked for"
pdftotext "$WORK/b.pdf" - | grep -q "still renders"
ok $? "the text after them is there"
finish
