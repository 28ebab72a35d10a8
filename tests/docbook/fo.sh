#!/bin/sh
# Turns a DocBook document into XSL-FO with Debian's DocBook XSL
# stylesheets, as a user of Apache FOP would (fop1.extensions), with the
# DejaVu fonts that both FOP (tests/docbook/fop.xconf) and we embed.
# usage: tests/docbook/fo.sh DOC.xml OUT.fo
set -eu
xsl=/usr/share/xml/docbook/stylesheet/docbook-xsl/fo/docbook.xsl
xsltproc --nonet --output "$2" \
    --stringparam fop1.extensions 1 \
    --stringparam paper.type A4 \
    --stringparam body.font.family "DejaVu Serif" \
    --stringparam title.font.family "DejaVu Sans" \
    --stringparam monospace.font.family "DejaVu Sans Mono" \
    --stringparam symbol.font.family "DejaVu Sans" \
    "$xsl" "$1" 2>/dev/null
