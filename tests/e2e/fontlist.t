#!/bin/sh
# font-family lists as FOP reads them: for each character the first family
# of the list that has it; serif, sans-serif and monospace as FOP's Times,
# Helvetica and Courier (URW's Nimbus fonts, Debian fonts-urw-base35).
. "$(dirname "$0")/lib.sh"
plan 10

# fo FAMILY TEXT > FILE: a one-block document; FAMILY "" leaves it unset.
fo() {
    attr=
    [ -n "$1" ] && attr="font-family=\"$1\""
    cat <<EOF2
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format">
<fo:layout-master-set><fo:simple-page-master master-name="p" page-width="150mm" page-height="100mm" margin="10mm">
<fo:region-body/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">
<fo:block $attr>$2</fo:block>
</fo:flow></fo:page-sequence></fo:root>
EOF2
}

# fonts NAME FAMILY TEXT: renders, prints the base font names pdffonts lists.
fonts() {
    fo "$2" "$3" >"$WORK/$1.fo"
    "$REPORTPIPE" render -q "$WORK/$1.fo" "$WORK/$1.pdf" || echo "render failed"
    pdffonts "$WORK/$1.pdf" | awk 'NR > 2 {sub(/^[A-Z]+\+/, "", $1); print $1}' |
        sort -u | tr '\n' ' '
}

got=$(fonts docbook "serif,Symbol,ZapfDingbats" "Plain Latin text, as DocBook sets its body.")
is "$got" "NimbusRoman-Regular " "DocBook's serif,Symbol,ZapfDingbats draws Latin text in the serif, not Symbol"

# U+203D INTERROBANG: Nimbus Roman lacks it, both DejaVu families have it.
# (The OpenType Standard Symbols PS and D050000L that Pango can use put
# their symbols at Latin code points, which Nimbus Roman has first.)
bang=$(printf '\342\200\275')
got=$(fonts fallback "serif,DejaVu Sans Mono,DejaVu Serif" "Really$bang")
is "$got" "DejaVuSansMono NimbusRoman-Regular " \
    "a character the first family lacks comes from the next that has it"
pdftotext "$WORK/fallback.pdf" - | grep -q "Really$bang"
ok $? "the fallen-back character keeps its text"

got=$(fonts order "DejaVu Serif,DejaVu Sans Mono" "a $bang b")
is "$got" "DejaVuSerif " "the first family that has a character wins over a later one"

got=$(fonts unknown "'No Such Family', monospace" "code")
is "$got" "NimbusMonoPS-Regular " "a family not installed is skipped for the next of the list"

got=$(fonts sans "sans-serif" "Helvetica metrics")
is "$got" "NimbusSans-Regular " "sans-serif is Helvetica's metrics"

got=$(fonts initial "" "Unset font-family")
is "$got" "NimbusSans-Regular " "the initial font-family (sans-serif) is FOP's Helvetica"

got=$(fonts fantasy "fantasy" "Readable")
is "$got" "NimbusRoman-Regular " "fantasy is readable (FOP's Times), not dingbats"

got=$(fonts named "DejaVu Sans Mono" "Named")
is "$got" "DejaVuSansMono " "a family named outright is used"

# A DocBook article through Debian's DocBook XSL with its default fonts.
xsl=/usr/share/xml/docbook/stylesheet/docbook-xsl/fo/docbook.xsl
if [ -f "$xsl" ]; then
    xsltproc --nonet --stringparam fop1.extensions 1 "$xsl" \
        tests/docbook/article.xml >"$WORK/article.fo" 2>/dev/null
    "$REPORTPIPE" render -q "$WORK/article.fo" "$WORK/article.pdf" 2>/dev/null
    pdffonts "$WORK/article.pdf" >"$WORK/article.fonts"
    ! grep -qi "symbol\|dingbat\|D050000L" "$WORK/article.fonts" &&
        grep -q "NimbusRoman-Regular" "$WORK/article.fonts"
    ok $? "a DocBook article's body is Nimbus Roman, with no Symbol font"
else
    echo "ok 10 # skip docbook-xsl not installed"
fi
finish
