#!/bin/sh
# A transform's budget (config/limits.xml), end to end: a template that
# would run for ever or take all memory makes `reportpipe transform` exit
# 1 with an error naming the template and the limit, in bounded time and
# memory (timeout, prlimit); a wrong limits.xml is refused naming file,
# line and attribute; in a run, one account whose review goes over costs
# that review only; the shipped templates pass with the shipped limits.
. "$(dirname "$0")/lib.sh"

plan 27

cfg="$WORK/cfg"
mkdir -p "$cfg"
cat >"$cfg/limits.xml" <<'EOF'
<limits><transform seconds="1" memory-mb="64"/></limits>
EOF
printf '<x/>\n' >"$WORK/in.xml"

# The address-space limit holds the process to well above the budget; an
# ASan build reserves terabytes of address space and cannot run under it.
bounded() {
    if prlimit --as=1500000000 "$REPORTPIPE" --version >/dev/null 2>&1; then
        timeout 30 prlimit --as=1500000000 "$REPORTPIPE" "$@"
    else
        timeout 30 "$REPORTPIPE" "$@"
    fi
}

# 2^40 template calls.
bounded transform --config "$cfg" -o "$WORK/e.fo" tests/e2e/budget/exponential.xsl \
    "$WORK/in.xml" 2>"$WORK/e.log"
is "$?" 1 "exponential recursion: exit 1"
contains "$WORK/e.log" "tests/e2e/budget/exponential.xsl:5: template \"f\" stopped: it ran longer than the 1 s limit ($cfg/limits.xml: <transform seconds=\"1\">)" \
    "exponential recursion: the error names the template, its line and the limit"
[ ! -e "$WORK/e.fo" ]
ok $? "exponential recursion: no output written"

# A string doubled in every call, till libxml2's int lengths overflow.
bounded transform --config "$cfg" -o "$WORK/d.fo" tests/e2e/budget/doubling.xsl \
    "$WORK/in.xml" 2>"$WORK/d.log"
is "$?" 1 "string doubling: exit 1, not 0 with -1"
contains "$WORK/d.log" "tests/e2e/budget/doubling.xsl:5: template \"double\" stopped: it needed more than the 64 MB memory limit ($cfg/limits.xml: <transform memory-mb=\"64\">)" \
    "string doubling: the error names the template and the memory limit"
[ ! -e "$WORK/d.fo" ]
ok $? "string doubling: no output written"

# Endless recursion: libxslt's nesting limit, in our words.
bounded transform --config "$cfg" -o "$WORK/n.fo" tests/e2e/budget/endless.xsl \
    "$WORK/in.xml" 2>"$WORK/n.log"
is "$?" 1 "endless recursion: exit 1"
contains "$WORK/n.log" "tests/e2e/budget/endless.xsl:4: template match=\"x\" stopped: templates nested more than 3000 deep" \
    "endless recursion: the error names the rule and the depth"
contains "$WORK/n.log" "<transform template-depth=\"3000\">" \
    "endless recursion: and the setting that raises it"
if grep -q "xsltMaxDepth" "$WORK/n.log"; then r=1; else r=0; fi
ok $r "endless recursion: libxslt's advice on xsltproc options is not passed on"

# A wrong limits.xml stops before any work, naming file, line, attribute.
mkdir -p "$WORK/bad"
printf '<limits>\n  <transform seconds="soon"/>\n</limits>\n' >"$WORK/bad/limits.xml"
"$REPORTPIPE" transform --config "$WORK/bad" -o "$WORK/b.fo" \
    tests/e2e/budget/endless.xsl "$WORK/in.xml" 2>"$WORK/b.log"
is "$?" 1 "bad limits.xml: transform exits 1"
contains "$WORK/b.log" "$WORK/bad/limits.xml:2: field 'seconds': <transform seconds=\"soon\">: expected a whole number from 1 to 86400" \
    "bad limits.xml: the error names file, line and attribute"

# The shipped templates with the shipped limits, which are the defaults.
"$REPORTPIPE" merge -q -o "$WORK/review-data.xml" input/*.csv 2>/dev/null
"$REPORTPIPE" transform -v --config config -o "$WORK/status.fo" \
    templates/status-report.xsl "$WORK/review-data.xml" 2>"$WORK/s.log"
is "$?" 0 "the status report template passes within the shipped limits"
contains "$WORK/s.log" "XPath operations" "-v reports what the transform took"

# A run: one account's review goes over its budget, the others are made.
tpl="$WORK/templates"
mkdir -p "$tpl" "$WORK/config"
cp -R templates/. "$tpl/"
mv "$tpl/annual-review.xsl" "$tpl/real-annual-review.xsl"
cat >"$tpl/annual-review.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="real-annual-review.xsl"/>
  <xsl:template match="/">
    <xsl:if test="$account-id = 'ACC-1002'"><xsl:call-template name="spin"/></xsl:if>
    <xsl:apply-imports/>
  </xsl:template>
  <xsl:template name="spin">
    <xsl:param name="n" select="40"/>
    <xsl:if test="$n &gt; 0">
      <xsl:call-template name="spin"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
      <xsl:call-template name="spin"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
EOF
cp config/sla.xml config/health.xml config/account-map.csv "$WORK/config/"
cp "$cfg/limits.xml" "$WORK/config/"
# One worker, and 3 s: the limit is wall time, and the other reviews must
# stay well inside it on a loaded machine, under ASan too (a status
# report's transform there can take over a second).
limit=3
sed -i "s/seconds=\"1\"/seconds=\"$limit\"/" "$WORK/config/limits.xml"
timeout 60 "$REPORTPIPE" run -j 1 --input input --output "$WORK/out" \
    --config "$WORK/config" --templates "$tpl" 2>"$WORK/r.log"
is "$?" 1 "run: exit 1 when one review went over its budget"
contains "$WORK/r.log" "annual-review.xsl:7: template \"spin\" stopped: it ran longer than the $limit s limit" \
    "run: the error names the template"
[ ! -e "$WORK/out/reviews/ACC-1002.pdf" ]
ok $? "run: the review that went over is not written"
n=$(ls "$WORK/out/reviews" | wc -l)
is "$n" 13 "run: the 13 other reviews are made"
[ -s "$WORK/out/status-report.pdf" ]
ok $? "run: the status report is made"
contains "$WORK/r.log" "1 failed" "run: the summary counts the one failure"

# A template that spins for every account: after the first three reviews
# fail in the template, the run stops trying it.
sed -i "s/\$account-id = 'ACC-1002'/true()/" "$tpl/annual-review.xsl"
timeout 60 "$REPORTPIPE" run -j 2 --input input --output "$WORK/all" \
    --config "$WORK/config" --templates "$tpl" 2>"$WORK/all.log"
is "$?" 1 "run: exit 1 when the review template fails every review"
contains "$WORK/all.log" "the review template failed the first 3 reviews it was given" \
    "run: it stops trying the template, and says so"
tried=$(grep -c "stopped: it ran longer than the $limit s limit" "$WORK/all.log")
[ "$tried" -ge 3 ] && [ "$tried" -le 4 ]
ok $? "run: three reviews are tried, and the one under way when it stops ($tried)"
grep -q '"result": "not attempted"' "$WORK/all/run-summary.json"
ok $? "run: run-summary.json marks the others not attempted"

# A review from a snapshot, as the workflow renders one.
"$REPORTPIPE" snapshot -q --input input --output "$WORK/out" \
    --config "$WORK/config" -o "$WORK/acc-1002.xml" ACC-1002 >/dev/null 2>&1
timeout 30 "$REPORTPIPE" review --config "$WORK/config" --templates "$tpl" \
    "$WORK/acc-1002.xml" "$WORK/acc-1002.pdf" 2>"$WORK/v.log"
is "$?" 1 "review: exit 1 when the review goes over its budget"
contains "$WORK/v.log" "template \"spin\" stopped: it ran longer than the $limit s limit" \
    "review: the error names the template"
[ ! -e "$WORK/acc-1002.pdf" ]
ok $? "review: no PDF written"

finish
