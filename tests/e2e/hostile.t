#!/bin/sh
# Templates, data and FO made by others, some of them hostile: every case
# runs the real binary under a time and memory limit, while a listener on
# a loopback port counts connections and a canary file outside the allowed
# folders waits to be read.  Each case ends in a clear error or a complete
# PDF; never a crash, a hang, exit 0 with a wrong result, a connection, or
# the canary's text anywhere.  (docs/security.md says what is promised.)
. "$(dirname "$0")/lib.sh"
plan 99

# Limits for every hostile run: a case that needs more is a failure.
LIMIT_SECONDS=60
LIMIT_BYTES=$((3 * 1024 * 1024 * 1024))

mkdir -p "$WORK/tpl" "$WORK/secret" "$WORK/out"
SECRET=CANARY-7f3a91
echo "<c>$SECRET</c>" >"$WORK/secret/canary.xml"
printf '%s\n' "$SECRET" >"$WORK/secret/canary.txt"

# The listener: accepts, answers like a web server would, and writes one
# line per connection.
: >"$WORK/conns"
perl -MIO::Socket::INET -e '
    my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0,
                                  Listen => 16, ReuseAddr => 1) or die $!;
    open my $f, ">", $ARGV[0] or die; print $f $s->sockport, "\n"; close $f;
    while (my $c = $s->accept) {
        open my $g, ">>", $ARGV[1]; print $g "connection\n"; close $g;
        print $c "HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n",
                 "<xsl:stylesheet version=\"1.0\" ",
                 "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"/>";
        close $c;
    }' "$WORK/port" "$WORK/conns" &
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$WORK/port" ] && break; sleep 0.2; done
PORT=$(cat "$WORK/port")
URL="http://127.0.0.1:$PORT"

# AddressSanitizer reserves terabytes of address space up front: under it
# (make asan) the memory limit is left to the sanitizer's own checks.
AS_LIMIT="--as=$LIMIT_BYTES"
ldd "$REPORTPIPE" 2>/dev/null | grep -q libasan && AS_LIMIT=

# bounded CMD...: runs CMD under the limits; its status in $rc, its
# stderr in $WORK/err.
bounded() {
    timeout -s KILL "$LIMIT_SECONDS" \
        prlimit $AS_LIMIT -- "$@" >"$WORK/stdout" 2>"$WORK/err"
    rc=$?
}

# refused NAME WANT CMD...: the run exits 1 within the limits, with WANT in
# its one-line message, no connection and no canary anywhere.
refused() {
    name=$1 want=$2
    shift 2
    bounded "$@"
    is "$rc" 1 "$name: exit 1 (not 0, not a crash or a kill)"
    if grep -qF -- "$want" "$WORK/err"; then
        ok 0 "$name: the message says why"
    else
        ok 1 "$name: the message says why"
        echo "#   '$want' not in: $(cat "$WORK/err")"
    fi
    clean "$name"
}

# clean NAME: no connection so far, the canary in no output.
clean() {
    is "$(wc -l <"$WORK/conns" | tr -d ' ')" 0 "$1: no network connection"
    if grep -rqF "$SECRET" "$WORK/out" "$WORK/err" "$WORK/stdout"; then
        ok 1 "$1: the canary was read"
    else
        ok 0 "$1: nothing from outside the allowed folders"
    fi
}

xsl_head='<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">'
xsl_tail='</xsl:stylesheet>'
echo '<review-data/>' >"$WORK/data.xml"

template() { # template NAME BODY: a stylesheet in the template folder
    printf '%s\n%s\n%s\n' "$xsl_head" "$2" "$xsl_tail" >"$WORK/tpl/$1"
}

transform() { # transform TEMPLATE [DATA]
    bounded "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/$1" \
        "${2:-$WORK/data.xml}"
}

# ---- templates that reach for the network ----

template inc-net.xsl "<xsl:include href=\"$URL/x.xsl\"/>
<xsl:template match=\"/\"><out/></xsl:template>"
refused "xsl:include of a URL" "may not use the network" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/inc-net.xsl" "$WORK/data.xml"

template imp-net.xsl "<xsl:import href=\"$URL/x.xsl\"/>
<xsl:template match=\"/\"><out/></xsl:template>"
refused "xsl:import of a URL" "may not use the network" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/imp-net.xsl" "$WORK/data.xml"

template doc-net.xsl "<xsl:template match=\"/\"><out><xsl:copy-of select=\"document('$URL/d.xml')\"/></out></xsl:template>"
refused "document() of a URL" "network" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/doc-net.xsl" "$WORK/data.xml"

# An external DTD or parameter entity on the network, in a stylesheet.
printf '<!DOCTYPE xsl:stylesheet [<!ENTITY %% p SYSTEM "%s/p.dtd"> %%p;]>\n%s<xsl:template match="/"><out/></xsl:template>%s\n' \
    "$URL" "$xsl_head" "$xsl_tail" >"$WORK/tpl/pe-net.xsl"
refused "a parameter entity from a URL" "refused the external entity" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/pe-net.xsl" "$WORK/data.xml"

# ---- templates that reach for files outside their folder ----

template doc-out.xsl "<xsl:template match=\"/\"><out><xsl:copy-of select=\"document('../secret/canary.xml')\"/></out></xsl:template>"
refused "document() outside the template folder" "only in their own directory" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/doc-out.xsl" "$WORK/data.xml"

template inc-out.xsl "<xsl:include href=\"file://$WORK/secret/canary.xml\"/>
<xsl:template match=\"/\"><out/></xsl:template>"
refused "xsl:include outside the template folder" "only in their own directory" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/inc-out.xsl" "$WORK/data.xml"

# An included stylesheet in the folder, declaring an external entity.
printf '<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM "file://%s/secret/canary.txt">]>\n%s<xsl:template name="leak">&x;</xsl:template>%s\n' \
    "$WORK" "$xsl_head" "$xsl_tail" >"$WORK/tpl/leaky.xsl"
template inc-ent.xsl '<xsl:include href="leaky.xsl"/>
<xsl:template match="/"><out><xsl:call-template name="leak"/></out></xsl:template>'
refused "an included stylesheet's external entity" "refused the external entity" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/inc-ent.xsl" "$WORK/data.xml"

template write.xsl "<xsl:template match=\"/\"><out><exsl:document href=\"$WORK/escaped.xml\"><owned/></exsl:document></out></xsl:template>"
refused "exsl:document writing a file" "writing the file" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/write.xsl" "$WORK/data.xml"
[ ! -e "$WORK/escaped.xml" ]
ok $? "exsl:document: no file written"

# ---- templates that never end or never stop growing ----
# A tight budget keeps these quick; the shipped defaults stop them too,
# only later (tests/e2e/budget.t, pipeline/transform/budget_test.c).

mkdir -p "$WORK/tight"
echo '<limits><transform seconds="2" memory-mb="128"/></limits>' >"$WORK/tight/limits.xml"
echo '<x/>' >"$WORK/x.xml"
refused "exponential recursion" 'ran longer than the 2 s limit' \
    "$REPORTPIPE" transform --config "$WORK/tight" -o "$WORK/out/out.fo" \
    tests/e2e/budget/exponential.xsl "$WORK/x.xml"
refused "a string doubled without end" 'memory' \
    "$REPORTPIPE" transform --config "$WORK/tight" -o "$WORK/out/out.fo" \
    tests/e2e/budget/doubling.xsl "$WORK/x.xml"
refused "a rule that applies itself" 'template-depth' \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" \
    tests/e2e/budget/endless.xsl "$WORK/x.xml"
[ ! -e "$WORK/out/out.fo" ]
ok $? "no FO written by a stopped transform"

# ---- data and FO that reach for files or expand without end ----

printf '<!DOCTYPE review-data [<!ENTITY x SYSTEM "file://%s/secret/canary.txt">]>\n<review-data>&x;</review-data>\n' \
    "$WORK" >"$WORK/xxe-data.xml"
template copy.xsl '<xsl:template match="/"><out><xsl:value-of select="."/></out></xsl:template>'
refused "review data with an external entity" "refused the external entity" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/copy.xsl" "$WORK/xxe-data.xml"

bomb_dtd() { # the "billion laughs": ten levels of ten references
    printf '<!ENTITY e0 "lollollollollollollol">'
    for i in 1 2 3 4 5 6 7 8 9; do
        printf '<!ENTITY e%d "' $i
        for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&e%d;' $((i - 1)); done
        printf '">'
    done
}
printf '<!DOCTYPE review-data [%s]>\n<review-data>&e9;</review-data>\n' \
    "$(bomb_dtd)" >"$WORK/bomb-data.xml"
refused "review data with an entity bomb" "entities expand too far" \
    "$REPORTPIPE" transform -o "$WORK/out/out.fo" "$WORK/tpl/copy.xsl" "$WORK/bomb-data.xml"

fo_doc() { # fo_doc DOCTYPE-SUBSET BLOCK-CONTENT
    printf '<?xml version="1.0" encoding="UTF-8"?>\n'
    [ -n "$1" ] && printf '<!DOCTYPE fo:root [%s]>\n' "$1"
    printf '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set><fo:simple-page-master master-name="a" page-width="210mm" page-height="297mm" margin="20mm"><fo:region-body/></fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference="a"><fo:flow flow-name="xsl-region-body"><fo:block>%s</fo:block></fo:flow></fo:page-sequence></fo:root>\n' "$2"
}

fo_doc "<!ENTITY x SYSTEM \"file://$WORK/secret/canary.txt\">" 'before &x; after' >"$WORK/xxe.fo"
refused "FO with an external entity" "refused the external entity" \
    "$REPORTPIPE" render "$WORK/xxe.fo" "$WORK/out/xxe.pdf"
[ ! -e "$WORK/out/xxe.pdf" ]
ok $? "FO with an external entity: no PDF written"

fo_doc "<!ENTITY x SYSTEM \"$URL/e.txt\">" 'before &x; after' >"$WORK/net.fo"
refused "FO with an entity from a URL" "refused the external entity" \
    "$REPORTPIPE" render "$WORK/net.fo" "$WORK/out/net.pdf"

fo_doc "$(bomb_dtd)" '&e9;' >"$WORK/bomb.fo"
refused "FO with an entity bomb" "entities expand too far" \
    "$REPORTPIPE" render "$WORK/bomb.fo" "$WORK/out/bomb.pdf"

# A configuration file is read like any document.
mkdir -p "$WORK/config"
cp config/*.xml config/*.csv "$WORK/config/"
printf '<!DOCTYPE sla [<!ENTITY x SYSTEM "file://%s/secret/canary.txt">]>\n<sla>&x;</sla>\n' \
    "$WORK" >"$WORK/config/sla.xml"
refused "configuration with an external entity" "refused the external entity" \
    "$REPORTPIPE" merge --config "$WORK/config" -o "$WORK/out/m.xml" input/*.csv

# ---- unusual but honest FO: internal entities are text ----

fo_doc '<!ENTITY company "Müller GmbH">' 'Prepared by &company; for &company;.' >"$WORK/ent.fo"
bounded "$REPORTPIPE" render "$WORK/ent.fo" "$WORK/out/ent.pdf"
is "$rc" 0 "FO with internal entities renders"
pdftotext "$WORK/out/ent.pdf" - 2>/dev/null | tr -s ' \n' ' ' >"$WORK/ent.txt"
contains "$WORK/ent.txt" "Prepared by Müller GmbH for Müller GmbH." "the entities' text is in the PDF"

# ---- FO that is merely unusual: very deep, very long ----

perl tests/e2e/longtext.pl nested 100000 >"$WORK/deep.fo"
refused "FO nested 100,000 blocks deep" "nested more than 200 elements deep" \
    "$REPORTPIPE" render "$WORK/deep.fo" "$WORK/out/deep.pdf"

# letters: the letters of a PDF's text (hyphens added at breaks dropped)
letters() { pdftotext "$1" - 2>/dev/null | tr -cd 'a-zA-Z0-9' | wc -c; }

# A word wider than its line overflows it whole (as in FOP), here off
# the page: the area tree shows every letter laid out.
perl tests/e2e/longtext.pl word 200000 >"$WORK/word.fo"
bounded "$REPORTPIPE" render -q --dump-area "$WORK/word.dump" "$WORK/word.fo" "$WORK/out/word.pdf"
is "$rc" 0 "a 200,000-letter word renders within the limits"
is "$(sed -n 's/^  text [^"]*"\(.*\)"$/\1/p' "$WORK/word.dump" | tr -cd 'a-zA-Z0-9' | wc -c)" 200000 \
    "every letter of it is laid out"

perl tests/e2e/longtext.pl sentences 20000 >"$WORK/para.fo"
bounded "$REPORTPIPE" render "$WORK/para.fo" "$WORK/out/para.pdf"
is "$rc" 0 "a paragraph of 20,000 sentences renders within the limits"
is "$(pdftotext "$WORK/out/para.pdf" - 2>/dev/null | tr -s '\n\f' '  ' | grep -o 'Sentence [0-9]*' | sort -u | wc -l)" \
    20000 "every one of its sentences is in the PDF"

# ---- messages in the user's terms ----

echo "hello world, not XML" >"$WORK/notxml.fo"
refused "FO that is not XML" 'not an XML document: it begins with "hello world, not XML"' \
    "$REPORTPIPE" render "$WORK/notxml.fo" "$WORK/out/x.pdf"
: >"$WORK/empty.fo"
refused "an empty FO file" "the file is empty" \
    "$REPORTPIPE" render "$WORK/empty.fo" "$WORK/out/x.pdf"
refused "a missing FO file" "No such file or directory" \
    "$REPORTPIPE" render "$WORK/missing.fo" "$WORK/out/x.pdf"
mkdir -p "$WORK/out/dir.pdf"
refused "an output path that is a directory" "the output is a directory" \
    "$REPORTPIPE" render "$WORK/ent.fo" "$WORK/out/dir.pdf"
is "$(grep -c . "$WORK/err")" 1 "one message, once"

ls "$WORK/out" | grep -q '\.tmp\.'
ok $((! $?)) "no temporary file left behind"
finish
