<?xml version="1.0" encoding="UTF-8"?>
<!--
  Charts drawn as SVG in XSLT 1.0 + EXSLT, placed in the flow through
  fo:instream-foreign-object (librsvg draws them as vector, their text
  stays text).  Each chart carries fox:alt-text stating its numbers: the
  /Alt of its Figure in the tagged PDF.

  Two layers:
    generic     rp-chart-stacked-bars, rp-chart-grouped-bars,
                rp-chart-line, rp-chart-hbars: data in, chart out.
    domain      rp-chart-ticket-volume, rp-chart-sla-trend,
                rp-chart-backlog-age (one account); rp-chart-health,
                rp-chart-sla-by-account, rp-chart-budget (portfolio):
                review data in, a block (chart and caption) out, or a
                sentence when there is nothing to draw.

  Data of the generic templates: a node-set of category elements (any
  name, `c` by convention), in drawing order, each with
    @label      the category's name on the axis (shortened when too long)
    @sub        optional: a second, smaller line under the label (a year)
    @alt-label  optional: the name in the text alternative (default:
                label and sub)
    @colour     optional, rp-chart-hbars only: the bar's fill
  and one child element per series (any name, `v` by convention) whose
  text is the number; an empty child is "no value" (a gap in a line).
  Series: a node-set of elements with @label (the legend's text), in the
  order of the value children.  Build both in a variable and pass
  exsl:node-set($var)/*.

  Sizes are points (1 px of SVG = 1 pt, as FOP); the default width, 481 pt,
  is the 170 mm content width of A4 with 20 mm margins.  Every visible word
  is a parameter whose default is a chart.* label of the document's
  language ($L, labels/<lang>.xml); numbers are written as the language
  writes them.  Requires common.xsl (the
  document family $rp-sans, rp-empty, rp-int, rp-pct), imported here so
  the file also works alone.  The domain layer is charts-data.xsl (which
  the documents import); the look and the parts every chart is made of
  (ticks, axes, labels, legend, text alternative) are chart-parts.xsl.
  Documented in docs/templates.md, "Charts".
-->
<xsl:stylesheet version="1.0"
    xmlns="http://www.w3.org/2000/svg"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:exsl="http://exslt.org/common"
    xmlns:math="http://exslt.org/math"
    extension-element-prefixes="exsl math"
    exclude-result-prefixes="#default exsl math">

  <xsl:import href="common.xsl"/>
  <xsl:include href="chart-parts.xsl"/>

  <!-- ================ generic: bars along categories =============== -->

  <!-- rp-chart-stacked-bars: vertical bars, one per category, its series
     stacked from the bottom in series order.
       data          node-set: categories (see the top of this file)
       series        node-set: elements with @label, one per value child
       width         number, pt (default 481: 170 mm)
       height        number, pt (default 180)
       y-title       string: what the axis counts, above it (default '')
       suffix        string after axis and alt numbers (default '')
       integer       'yes'/'no': counts, no tick below 1 (default 'yes')
       thin          'yes'/'no': on a crowded axis show every Kth label
                     (a time axis) instead of tilting them (default 'no')
       max-chars     number: tilted labels are clipped to it (default 18)
       totals        'yes'/'no': each bar's total above it (default 'yes')
       alt-intro     string: first sentence of the text alternative
       total-word    string: in the alternative, "(total 15)" (default 'total')
       empty-sentence string: printed instead when data is empty
                     (default $L/chart.nothing) -->
  <xsl:template name="rp-chart-stacked-bars">
    <xsl:param name="data" select="/.."/>
    <xsl:param name="series" select="/.."/>
    <xsl:param name="width" select="481"/>
    <xsl:param name="height" select="180"/>
    <xsl:param name="y-title" select="''"/>
    <xsl:param name="suffix" select="''"/>
    <xsl:param name="integer" select="'yes'"/>
    <xsl:param name="thin" select="'no'"/>
    <xsl:param name="max-chars" select="18"/>
    <xsl:param name="totals" select="'yes'"/>
    <xsl:param name="alt-intro" select="string($L/chart.alt.stacked)"/>
    <xsl:param name="total-word" select="string($L/chart.total)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.nothing)"/>
    <xsl:call-template name="rp-chart-columns">
      <xsl:with-param name="kind" select="'stacked'"/>
      <xsl:with-param name="data" select="$data"/>
      <xsl:with-param name="series" select="$series"/>
      <xsl:with-param name="width" select="$width"/>
      <xsl:with-param name="height" select="$height"/>
      <xsl:with-param name="y-title" select="$y-title"/>
      <xsl:with-param name="suffix" select="$suffix"/>
      <xsl:with-param name="integer" select="$integer"/>
      <xsl:with-param name="thin" select="$thin"/>
      <xsl:with-param name="max-chars" select="$max-chars"/>
      <xsl:with-param name="values" select="$totals"/>
      <xsl:with-param name="alt-intro" select="$alt-intro"/>
      <xsl:with-param name="total-word" select="$total-word"/>
      <xsl:with-param name="empty-sentence" select="$empty-sentence"/>
    </xsl:call-template>
  </xsl:template>

  <!-- rp-chart-grouped-bars: vertical bars side by side per category, one
     per series (budget against actual).
       data, series, width, height, y-title, suffix, integer, thin,
       max-chars, alt-intro, empty-sentence: as rp-chart-stacked-bars
       (integer defaults to 'no')
       values        'yes'/'no': each bar's value above it when it fits
                     (default 'yes') -->
  <xsl:template name="rp-chart-grouped-bars">
    <xsl:param name="data" select="/.."/>
    <xsl:param name="series" select="/.."/>
    <xsl:param name="width" select="481"/>
    <xsl:param name="height" select="180"/>
    <xsl:param name="y-title" select="''"/>
    <xsl:param name="suffix" select="''"/>
    <xsl:param name="integer" select="'no'"/>
    <xsl:param name="thin" select="'no'"/>
    <xsl:param name="max-chars" select="18"/>
    <xsl:param name="values" select="'yes'"/>
    <xsl:param name="alt-intro" select="string($L/chart.alt.grouped)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.nothing)"/>
    <xsl:call-template name="rp-chart-columns">
      <xsl:with-param name="kind" select="'grouped'"/>
      <xsl:with-param name="data" select="$data"/>
      <xsl:with-param name="series" select="$series"/>
      <xsl:with-param name="width" select="$width"/>
      <xsl:with-param name="height" select="$height"/>
      <xsl:with-param name="y-title" select="$y-title"/>
      <xsl:with-param name="suffix" select="$suffix"/>
      <xsl:with-param name="integer" select="$integer"/>
      <xsl:with-param name="thin" select="$thin"/>
      <xsl:with-param name="max-chars" select="$max-chars"/>
      <xsl:with-param name="values" select="$values"/>
      <xsl:with-param name="alt-intro" select="$alt-intro"/>
      <xsl:with-param name="empty-sentence" select="$empty-sentence"/>
    </xsl:call-template>
  </xsl:template>

  <!-- rp-chart-line: one line per series through the categories (gaps
     where a value is empty), a marker on each point, its value above it
     when there is room, and an optional horizontal target rule.
       data, series, width, height, y-title, suffix, thin, max-chars,
       alt-intro, empty-sentence: as rp-chart-stacked-bars (thin defaults
       to 'yes', integer to 'no')
       y-min         number or 'auto': the axis' low end; 'auto' starts
                     one step below the lowest value or target (default 0)
       y-max         number: the axis reaches at least this (default '')
       target        number: the target rule's value (default '': none)
       target-label  string: legend text of the rule (default 'Target')
       values        'yes'/'no': values above the points (default 'yes')
       none-word     string: the alternative's word for a gap
                     (default 'no value') -->
  <xsl:template name="rp-chart-line">
    <xsl:param name="data" select="/.."/>
    <xsl:param name="series" select="/.."/>
    <xsl:param name="width" select="481"/>
    <xsl:param name="height" select="170"/>
    <xsl:param name="y-title" select="''"/>
    <xsl:param name="suffix" select="''"/>
    <xsl:param name="integer" select="'no'"/>
    <xsl:param name="thin" select="'yes'"/>
    <xsl:param name="max-chars" select="18"/>
    <xsl:param name="y-min" select="0"/>
    <xsl:param name="y-max" select="''"/>
    <xsl:param name="target" select="''"/>
    <xsl:param name="target-label" select="string($L/chart.target)"/>
    <xsl:param name="values" select="'yes'"/>
    <xsl:param name="alt-intro" select="string($L/chart.alt.line)"/>
    <xsl:param name="none-word" select="string($L/chart.no-value)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.nothing)"/>
    <xsl:call-template name="rp-chart-columns">
      <xsl:with-param name="kind" select="'line'"/>
      <xsl:with-param name="data" select="$data"/>
      <xsl:with-param name="series" select="$series"/>
      <xsl:with-param name="width" select="$width"/>
      <xsl:with-param name="height" select="$height"/>
      <xsl:with-param name="y-title" select="$y-title"/>
      <xsl:with-param name="suffix" select="$suffix"/>
      <xsl:with-param name="integer" select="$integer"/>
      <xsl:with-param name="thin" select="$thin"/>
      <xsl:with-param name="max-chars" select="$max-chars"/>
      <xsl:with-param name="y-min" select="$y-min"/>
      <xsl:with-param name="y-max" select="$y-max"/>
      <xsl:with-param name="target" select="$target"/>
      <xsl:with-param name="target-label" select="$target-label"/>
      <xsl:with-param name="values" select="$values"/>
      <xsl:with-param name="alt-intro" select="$alt-intro"/>
      <xsl:with-param name="none-word" select="$none-word"/>
      <xsl:with-param name="empty-sentence" select="$empty-sentence"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The three charts along categories share their frame: axis, labels,
       legend; `kind` says what is drawn in the slots. -->
  <xsl:template name="rp-chart-columns">
    <xsl:param name="kind"/>
    <xsl:param name="data"/>
    <xsl:param name="series"/>
    <xsl:param name="width"/>
    <xsl:param name="height"/>
    <xsl:param name="y-title"/>
    <xsl:param name="suffix"/>
    <xsl:param name="integer"/>
    <xsl:param name="thin"/>
    <xsl:param name="max-chars"/>
    <xsl:param name="values"/>
    <xsl:param name="y-min" select="0"/>
    <xsl:param name="y-max" select="''"/>
    <xsl:param name="target" select="''"/>
    <xsl:param name="target-label" select="''"/>
    <xsl:param name="alt-intro"/>
    <xsl:param name="total-word" select="''"/>
    <xsl:param name="none-word" select="string($L/chart.no-value)"/>
    <xsl:param name="empty-sentence"/>
    <xsl:variable name="nums" select="$data/*[number(.) = number(.)]"/>
    <xsl:choose>
      <xsl:when test="not($data) or not($nums)">
        <xsl:call-template name="rp-chart-empty">
          <xsl:with-param name="text" select="$empty-sentence"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="n" select="count($data)"/>
        <xsl:variable name="ns" select="count($series)"/>
        <xsl:variable name="has-target" select="string(number($target)) != 'NaN'"/>
        <!-- The data's range: the largest stack, or the largest value. -->
        <xsl:variable name="data-max">
          <xsl:choose>
            <xsl:when test="$kind = 'stacked'">
              <xsl:for-each select="$data">
                <xsl:sort select="sum(*[number(.) = number(.)])" data-type="number" order="descending"/>
                <xsl:if test="position() = 1"><xsl:value-of select="sum(*[number(.) = number(.)])"/></xsl:if>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$nums">
                <xsl:sort select="." data-type="number" order="descending"/>
                <xsl:if test="position() = 1"><xsl:value-of select="number(.)"/></xsl:if>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="data-min">
          <xsl:for-each select="$nums">
            <xsl:sort select="." data-type="number"/>
            <xsl:if test="position() = 1"><xsl:value-of select="number(.)"/></xsl:if>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="want-max">
          <xsl:choose>
            <xsl:when test="$has-target and $target &gt; $data-max and (string(number($y-max)) = 'NaN' or $target &gt; $y-max)"><xsl:value-of select="$target"/></xsl:when>
            <xsl:when test="string(number($y-max)) != 'NaN' and $y-max &gt; $data-max"><xsl:value-of select="$y-max"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$data-max"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="want-min">
          <xsl:choose>
            <xsl:when test="$y-min = 'auto' and $has-target and $target &lt; $data-min"><xsl:value-of select="$target"/></xsl:when>
            <xsl:when test="$y-min = 'auto'"><xsl:value-of select="$data-min"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$y-min"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="span">
          <xsl:choose>
            <xsl:when test="$want-max - $want-min &gt; 0"><xsl:value-of select="$want-max - $want-min"/></xsl:when>
            <xsl:otherwise>1</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="step">
          <xsl:call-template name="rp-chart-nice-step">
            <xsl:with-param name="span" select="$span"/>
            <xsl:with-param name="ticks" select="5"/>
            <xsl:with-param name="integer" select="$integer"/>
          </xsl:call-template>
        </xsl:variable>
        <!-- 'auto': one step of room below the lowest point, not below 0. -->
        <xsl:variable name="lo-raw">
          <xsl:choose>
            <xsl:when test="$y-min = 'auto'"><xsl:value-of select="(floor($want-min div $step) - 1) * $step"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="floor($want-min div $step) * $step"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="lo">
          <xsl:choose>
            <xsl:when test="$lo-raw &lt; 0 and $want-min &gt;= 0">0</xsl:when>
            <xsl:otherwise><xsl:value-of select="$lo-raw"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="hi-raw" select="ceiling($want-max div $step) * $step"/>
        <xsl:variable name="hi">
          <xsl:choose>
            <xsl:when test="$hi-raw &gt; $lo"><xsl:value-of select="$hi-raw"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$lo + $step"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <!-- Frame: the widest tick label sets the left margin. -->
        <xsl:variable name="hi-text">
          <xsl:call-template name="rp-chart-number">
            <xsl:with-param name="value" select="$hi"/>
            <xsl:with-param name="suffix" select="$suffix"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="ticks-w" select="string-length($hi-text) * $rp-chart-fs * $rp-chart-em + 8"/>
        <xsl:variable name="right" select="6"/>
        <xsl:variable name="top" select="22"/>
        <xsl:variable name="longest">
          <xsl:call-template name="rp-chart-longest">
            <xsl:with-param name="data" select="$data"/>
          </xsl:call-template>
        </xsl:variable>
        <!-- A tilted first label reaches left of its slot: keep it inside. -->
        <xsl:variable name="tilt-w">
          <xsl:choose>
            <xsl:when test="$longest &gt; $max-chars"><xsl:value-of select="$max-chars * $rp-chart-fs * $rp-chart-em * 0.71"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$longest * $rp-chart-fs * $rp-chart-em * 0.71"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="slot0" select="($width - $ticks-w - $right) div $n"/>
        <xsl:variable name="mode0">
          <xsl:call-template name="rp-chart-label-mode">
            <xsl:with-param name="longest" select="$longest"/>
            <xsl:with-param name="slot" select="$slot0"/>
            <xsl:with-param name="thin" select="$thin"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="left">
          <xsl:choose>
            <xsl:when test="starts-with($mode0, 'tilt') and $tilt-w - $slot0 div 2 + 2 &gt; $ticks-w">
              <xsl:value-of select="$tilt-w - $slot0 div 2 + 2"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$ticks-w"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="slot" select="($width - $left - $right) div $n"/>
        <xsl:variable name="mode">
          <xsl:call-template name="rp-chart-label-mode">
            <xsl:with-param name="longest" select="$longest"/>
            <xsl:with-param name="slot" select="$slot"/>
            <xsl:with-param name="thin" select="$thin"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="band">
          <xsl:call-template name="rp-chart-label-band">
            <xsl:with-param name="data" select="$data"/>
            <xsl:with-param name="mode" select="$mode"/>
            <xsl:with-param name="longest" select="$longest"/>
            <xsl:with-param name="max-chars" select="$max-chars"/>
          </xsl:call-template>
        </xsl:variable>
        <!-- A tilted band grows the chart rather than squeezing its plot. -->
        <xsl:variable name="h" select="$height + ($band &gt; 30) * ($band - 30)"/>
        <xsl:variable name="bottom" select="$h - $band"/>
        <xsl:variable name="plot-h" select="$bottom - $top"/>
        <xsl:variable name="legend-rtf">
          <xsl:if test="$ns &gt; 1 or $kind != 'line'">
            <xsl:choose>
              <xsl:when test="$kind = 'line'">
                <xsl:for-each select="$series">
                  <item label="{@label}">
                    <xsl:attribute name="marker">
                      <xsl:call-template name="rp-chart-colour">
                        <xsl:with-param name="i" select="position()"/>
                      </xsl:call-template>
                    </xsl:attribute>
                  </item>
                </xsl:for-each>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="rp-chart-series-legend">
                  <xsl:with-param name="series" select="$series"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:if test="$kind = 'line' and $ns = 1">
            <item label="{$series[1]/@label}" marker="{$rp-chart-palette[1]}"/>
          </xsl:if>
          <xsl:if test="$has-target">
            <item rule="{$rp-chart-alert}">
              <xsl:attribute name="label">
                <xsl:value-of select="$target-label"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="rp-chart-number">
                  <xsl:with-param name="value" select="$target"/>
                  <xsl:with-param name="suffix" select="$suffix"/>
                </xsl:call-template>
              </xsl:attribute>
            </item>
          </xsl:if>
        </xsl:variable>
        <xsl:variable name="alt">
          <xsl:value-of select="$alt-intro"/>
          <xsl:text> </xsl:text>
          <xsl:if test="$has-target">
            <xsl:value-of select="$target-label"/>
            <xsl:text> </xsl:text>
            <xsl:value-of select="concat(translate(format-number($target, '#,##0.##', 'rp-chart-numbers'), ',.', $rp-separators), $suffix)"/>
            <xsl:text>. </xsl:text>
          </xsl:if>
          <xsl:call-template name="rp-chart-alt-values">
            <xsl:with-param name="data" select="$data"/>
            <xsl:with-param name="series" select="$series"/>
            <xsl:with-param name="suffix" select="$suffix"/>
            <xsl:with-param name="total-word" select="$total-word"/>
            <xsl:with-param name="none-word" select="$none-word"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="rp-chart-frame">
          <xsl:with-param name="width" select="$width"/>
          <xsl:with-param name="height" select="format-number($h, '0.#')"/>
          <xsl:with-param name="alt" select="$alt"/>
          <xsl:with-param name="body">
            <xsl:call-template name="rp-chart-defs">
              <xsl:with-param name="n" select="$ns"/>
            </xsl:call-template>
            <xsl:if test="$y-title != ''">
              <text x="0" y="8" fill="{$rp-chart-axis}"><xsl:value-of select="$y-title"/></text>
            </xsl:if>
            <xsl:call-template name="rp-chart-legend">
              <xsl:with-param name="items" select="exsl:node-set($legend-rtf)/*"/>
              <xsl:with-param name="x">
                <xsl:choose>
                  <xsl:when test="string-length($y-title) * $rp-chart-fs * $rp-chart-em + 14 &gt; $left">
                    <xsl:value-of select="string-length($y-title) * $rp-chart-fs * $rp-chart-em + 14"/>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="$left"/></xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
              <xsl:with-param name="y" select="8"/>
            </xsl:call-template>
            <xsl:call-template name="rp-chart-y-axis">
              <xsl:with-param name="x0" select="$left"/>
              <xsl:with-param name="x1" select="$width - $right"/>
              <xsl:with-param name="top" select="$top"/>
              <xsl:with-param name="bottom" select="$bottom"/>
              <xsl:with-param name="lo" select="$lo"/>
              <xsl:with-param name="hi" select="$hi"/>
              <xsl:with-param name="step" select="$step"/>
              <xsl:with-param name="suffix" select="$suffix"/>
            </xsl:call-template>
            <xsl:variable name="scale" select="$plot-h div ($hi - $lo)"/>
            <xsl:choose>
              <xsl:when test="$kind = 'stacked'">
                <xsl:call-template name="rp-chart-draw-stacks">
                  <xsl:with-param name="data" select="$data"/>
                  <xsl:with-param name="x0" select="$left"/>
                  <xsl:with-param name="slot" select="$slot"/>
                  <xsl:with-param name="bottom" select="$bottom"/>
                  <xsl:with-param name="scale" select="$scale"/>
                  <xsl:with-param name="hi" select="$hi"/>
                  <xsl:with-param name="totals" select="$values"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:when test="$kind = 'grouped'">
                <xsl:call-template name="rp-chart-draw-groups">
                  <xsl:with-param name="data" select="$data"/>
                  <xsl:with-param name="ns" select="$ns"/>
                  <xsl:with-param name="x0" select="$left"/>
                  <xsl:with-param name="slot" select="$slot"/>
                  <xsl:with-param name="bottom" select="$bottom"/>
                  <xsl:with-param name="scale" select="$scale"/>
                  <xsl:with-param name="lo" select="$lo"/>
                  <xsl:with-param name="hi" select="$hi"/>
                  <xsl:with-param name="suffix" select="$suffix"/>
                  <xsl:with-param name="values" select="$values"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:if test="$has-target">
                  <xsl:variable name="ty" select="format-number($bottom - ($target - $lo) * $scale, '0.##')"/>
                  <line class="rp-target" x1="{$left}" x2="{$width - $right}" y1="{$ty}" y2="{$ty}"
                      stroke="{$rp-chart-alert}" stroke-width="1.2" stroke-dasharray="4 2.5"/>
                </xsl:if>
                <xsl:call-template name="rp-chart-draw-lines">
                  <xsl:with-param name="data" select="$data"/>
                  <xsl:with-param name="ns" select="$ns"/>
                  <xsl:with-param name="x0" select="$left"/>
                  <xsl:with-param name="slot" select="$slot"/>
                  <xsl:with-param name="bottom" select="$bottom"/>
                  <xsl:with-param name="scale" select="$scale"/>
                  <xsl:with-param name="lo" select="$lo"/>
                  <xsl:with-param name="suffix" select="$suffix"/>
                  <xsl:with-param name="values" select="$values"/>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:call-template name="rp-chart-x-labels">
              <xsl:with-param name="data" select="$data"/>
              <xsl:with-param name="x0" select="$left"/>
              <xsl:with-param name="slot" select="$slot"/>
              <xsl:with-param name="y" select="$bottom + 2"/>
              <xsl:with-param name="mode" select="$mode"/>
              <xsl:with-param name="max-chars" select="$max-chars"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rp-chart-draw-stacks">
    <xsl:param name="data"/>
    <xsl:param name="x0"/>
    <xsl:param name="slot"/>
    <xsl:param name="bottom"/>
    <xsl:param name="scale"/>
    <xsl:param name="hi"/>
    <xsl:param name="totals"/>
    <xsl:variable name="bw">
      <xsl:choose>
        <xsl:when test="$slot * 0.62 &gt; 36">36</xsl:when>
        <xsl:otherwise><xsl:value-of select="$slot * 0.62"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:for-each select="$data">
      <xsl:variable name="x" select="format-number($x0 + (position() - 0.5) * $slot - $bw div 2, '0.##')"/>
      <xsl:for-each select="*[number(.) &gt; 0]">
        <xsl:variable name="j" select="count(preceding-sibling::*) + 1"/>
        <xsl:variable name="below" select="sum(preceding-sibling::*[number(.) = number(.)])"/>
        <rect x="{$x}" width="{format-number($bw, '0.##')}"
            y="{format-number($bottom - ($below + .) * $scale, '0.##')}"
            height="{format-number(. * $scale, '0.##')}" stroke="#ffffff" stroke-width="0.4">
          <xsl:attribute name="fill">
            <xsl:call-template name="rp-chart-paint">
              <xsl:with-param name="i" select="$j"/>
            </xsl:call-template>
          </xsl:attribute>
        </rect>
      </xsl:for-each>
      <xsl:variable name="total" select="sum(*[number(.) = number(.)])"/>
      <xsl:variable name="text">
        <xsl:call-template name="rp-chart-number">
          <xsl:with-param name="value" select="$total"/>
          <xsl:with-param name="scale" select="$hi"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="$totals = 'yes' and string-length($text) * ($rp-chart-fs - 1) * $rp-chart-em &lt;= $slot - 1">
        <xsl:call-template name="rp-chart-value">
          <xsl:with-param name="x" select="$x0 + (position() - 0.5) * $slot"/>
          <xsl:with-param name="y" select="$bottom - $total * $scale - 2.5"/>
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="size" select="$rp-chart-fs - 1"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="rp-chart-draw-groups">
    <xsl:param name="data"/>
    <xsl:param name="ns"/>
    <xsl:param name="x0"/>
    <xsl:param name="slot"/>
    <xsl:param name="bottom"/>
    <xsl:param name="scale"/>
    <xsl:param name="lo"/>
    <xsl:param name="hi"/>
    <xsl:param name="suffix"/>
    <xsl:param name="values"/>
    <xsl:variable name="bw">
      <xsl:choose>
        <xsl:when test="$slot * 0.76 div $ns &gt; 30">30</xsl:when>
        <xsl:otherwise><xsl:value-of select="$slot * 0.76 div $ns"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:for-each select="$data">
      <xsl:variable name="gx" select="$x0 + (position() - 0.5) * $slot - $bw * $ns div 2"/>
      <xsl:for-each select="*[number(.) = number(.)]">
        <xsl:variable name="j" select="count(preceding-sibling::*) + 1"/>
        <xsl:variable name="v">
          <xsl:choose>
            <xsl:when test=". &lt; $lo"><xsl:value-of select="$lo"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="number(.)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <rect x="{format-number($gx + ($j - 1) * $bw, '0.##')}" width="{format-number($bw - 0.6, '0.##')}"
            y="{format-number($bottom - ($v - $lo) * $scale, '0.##')}"
            height="{format-number(($v - $lo) * $scale, '0.##')}">
          <xsl:attribute name="fill">
            <xsl:call-template name="rp-chart-paint">
              <xsl:with-param name="i" select="$j"/>
            </xsl:call-template>
          </xsl:attribute>
        </rect>
        <xsl:variable name="text">
          <xsl:call-template name="rp-chart-number">
            <xsl:with-param name="value" select="."/>
            <xsl:with-param name="scale" select="$hi"/>
            <xsl:with-param name="suffix" select="$suffix"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:if test="$values = 'yes' and string-length($text) * ($rp-chart-fs - 1.5) * $rp-chart-em &lt;= $bw + 2">
          <xsl:call-template name="rp-chart-value">
            <xsl:with-param name="x" select="$gx + ($j - 0.5) * $bw"/>
            <xsl:with-param name="y" select="$bottom - ($v - $lo) * $scale - 2"/>
            <xsl:with-param name="text" select="$text"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="rp-chart-draw-lines">
    <xsl:param name="data"/>
    <xsl:param name="ns"/>
    <xsl:param name="x0"/>
    <xsl:param name="slot"/>
    <xsl:param name="bottom"/>
    <xsl:param name="scale"/>
    <xsl:param name="lo"/>
    <xsl:param name="suffix"/>
    <xsl:param name="values"/>
    <xsl:variable name="n" select="count($data)"/>
    <xsl:for-each select="$data[1]/*">
      <xsl:variable name="j" select="position()"/>
      <xsl:variable name="colour">
        <xsl:call-template name="rp-chart-colour">
          <xsl:with-param name="i" select="$j"/>
        </xsl:call-template>
      </xsl:variable>
      <!-- Segments between neighbours that both have a value. -->
      <xsl:for-each select="$data">
        <xsl:variable name="i" select="position()"/>
        <xsl:variable name="v" select="*[$j]"/>
        <xsl:variable name="p" select="$data[$i - 1]/*[$j]"/>
        <xsl:if test="$i &gt; 1 and number($v) = number($v) and number($p) = number($p)">
          <line x1="{format-number($x0 + ($i - 1.5) * $slot, '0.##')}"
              y1="{format-number($bottom - ($p - $lo) * $scale, '0.##')}"
              x2="{format-number($x0 + ($i - 0.5) * $slot, '0.##')}"
              y2="{format-number($bottom - ($v - $lo) * $scale, '0.##')}"
              stroke="{$colour}" stroke-width="1.6" stroke-linecap="round"/>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="$data">
        <xsl:variable name="v" select="*[$j]"/>
        <xsl:if test="number($v) = number($v)">
          <xsl:variable name="cx" select="format-number($x0 + (position() - 0.5) * $slot, '0.##')"/>
          <xsl:variable name="cy" select="format-number($bottom - ($v - $lo) * $scale, '0.##')"/>
          <xsl:choose>
            <xsl:when test="$j mod 2 = 1">
              <circle cx="{$cx}" cy="{$cy}" r="2.4" fill="{$colour}" stroke="#ffffff" stroke-width="0.6"/>
            </xsl:when>
            <xsl:otherwise>
              <rect x="{$cx - 2.2}" y="{$cy - 2.2}" width="4.4" height="4.4" fill="{$colour}"/>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:variable name="text" select="concat(translate(format-number($v, '#,##0.#', 'rp-chart-numbers'), ',.', $rp-separators), $suffix)"/>
          <xsl:if test="$values = 'yes' and $ns = 1 and string-length($text) * ($rp-chart-fs - 1.5) * $rp-chart-em &lt;= $slot - 2">
            <xsl:call-template name="rp-chart-value">
              <xsl:with-param name="x" select="$cx"/>
              <xsl:with-param name="y" select="$cy - 4.5"/>
              <xsl:with-param name="text" select="$text"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- ================= generic: horizontal sorted bars ============== -->

  <!-- rp-chart-hbars: one horizontal bar per category (its first value),
     the name at the left, the value at the bar's end; sorted; at most
     max-bars shown, the first after sorting (worst first when sorted
     ascending), with a note saying how many of how many.
       data          node-set: categories (@label, @colour optional, one
                     value child); categories without a number are left
                     out (count them in your caption)
       width         number, pt (default 481)
       row           number, pt per bar (default 13)
       sort          'ascending', 'descending' or 'none' (default 'none')
       max-bars      number (default 20)
       x-max         number: the axis reaches at least this (default '')
       suffix        string after the numbers ('%') (default '')
       integer       'yes'/'no' (default 'no')
       max-chars     number: names are clipped to it (default 28)
       target        number: a dashed mark across the bars; bars below
                     it are drawn in the alert colour (default '': none)
       target-label  string (default 'Target')
       below-label, above-label  strings: the legend of the two colours
                     when there is a target (default 'Below target',
                     'At or above target')
       x-title       string: what the axis measures, in the legend row
       more-note     string shown under the chart when bars were left
                     out; {n} and {total} are replaced
                     (default 'The {n} first of {total} are shown.')
       alt-intro     string: first sentence of the text alternative
       empty-sentence string: printed instead when no category has a
                     number (default $L/chart.nothing) -->
  <xsl:template name="rp-chart-hbars">
    <xsl:param name="data" select="/.."/>
    <xsl:param name="width" select="481"/>
    <xsl:param name="row" select="13"/>
    <xsl:param name="sort" select="'none'"/>
    <xsl:param name="max-bars" select="20"/>
    <xsl:param name="x-max" select="''"/>
    <xsl:param name="suffix" select="''"/>
    <xsl:param name="integer" select="'no'"/>
    <xsl:param name="max-chars" select="28"/>
    <xsl:param name="target" select="''"/>
    <xsl:param name="target-label" select="string($L/chart.target)"/>
    <xsl:param name="below-label" select="string($L/chart.below-target)"/>
    <xsl:param name="above-label" select="string($L/chart.above-target)"/>
    <xsl:param name="x-title" select="''"/>
    <xsl:param name="more-note" select="string($L/chart.more-first)"/>
    <xsl:param name="alt-intro" select="string($L/chart.alt.bars)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.nothing)"/>
    <xsl:variable name="valued" select="$data[number(*[1]) = number(*[1])]"/>
    <xsl:choose>
      <xsl:when test="not($valued)">
        <xsl:call-template name="rp-chart-empty">
          <xsl:with-param name="text" select="$empty-sentence"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- Sorted and cut: copies, so that position() is the row. -->
        <xsl:variable name="rows-rtf">
          <xsl:choose>
            <xsl:when test="$sort = 'none'">
              <xsl:for-each select="$valued">
                <xsl:if test="position() &lt;= $max-bars"><xsl:copy-of select="."/></xsl:if>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$valued">
                <xsl:sort select="*[1]" data-type="number" order="{$sort}"/>
                <xsl:sort select="@label"/>
                <xsl:if test="position() &lt;= $max-bars"><xsl:copy-of select="."/></xsl:if>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="rows" select="exsl:node-set($rows-rtf)/*"/>
        <xsl:variable name="n" select="count($rows)"/>
        <xsl:variable name="has-target" select="string(number($target)) != 'NaN'"/>
        <xsl:variable name="data-max">
          <xsl:for-each select="$valued">
            <xsl:sort select="*[1]" data-type="number" order="descending"/>
            <xsl:if test="position() = 1"><xsl:value-of select="number(*[1])"/></xsl:if>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="want-max">
          <xsl:choose>
            <xsl:when test="string(number($x-max)) != 'NaN' and $x-max &gt; $data-max"><xsl:value-of select="$x-max"/></xsl:when>
            <xsl:when test="$has-target and $target &gt; $data-max"><xsl:value-of select="$target"/></xsl:when>
            <xsl:when test="$data-max &gt; 0"><xsl:value-of select="$data-max"/></xsl:when>
            <xsl:otherwise>1</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="step">
          <xsl:call-template name="rp-chart-nice-step">
            <xsl:with-param name="span" select="$want-max"/>
            <xsl:with-param name="ticks" select="5"/>
            <xsl:with-param name="integer" select="$integer"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="hi" select="ceiling($want-max div $step) * $step"/>
        <xsl:variable name="longest">
          <xsl:call-template name="rp-chart-longest">
            <xsl:with-param name="data" select="$rows"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="chars">
          <xsl:choose>
            <xsl:when test="$longest &gt; $max-chars"><xsl:value-of select="$max-chars"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$longest"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="hi-text">
          <xsl:call-template name="rp-chart-number">
            <xsl:with-param name="value" select="$hi"/>
            <xsl:with-param name="suffix" select="$suffix"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="left" select="$chars * $rp-chart-fs * $rp-chart-em + 8"/>
        <!-- Room for the value printed after the longest bar. -->
        <xsl:variable name="right" select="(string-length($hi-text) + 1) * $rp-chart-fs * $rp-chart-em + 6"/>
        <xsl:variable name="top" select="20"/>
        <xsl:variable name="bottom" select="$top + $n * $row"/>
        <xsl:variable name="h" select="$bottom + $rp-chart-fs + 6"/>
        <xsl:variable name="scale" select="($width - $left - $right) div $hi"/>
        <xsl:variable name="legend-rtf">
          <xsl:if test="$has-target">
            <item label="{$above-label}" paint="{$rp-chart-palette[1]}"/>
            <item label="{$below-label}" paint="{$rp-chart-alert}"/>
            <item rule="{$rp-chart-ink}">
              <xsl:attribute name="label">
                <xsl:value-of select="$target-label"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="rp-chart-number">
                  <xsl:with-param name="value" select="$target"/>
                  <xsl:with-param name="suffix" select="$suffix"/>
                </xsl:call-template>
              </xsl:attribute>
            </item>
          </xsl:if>
        </xsl:variable>
        <xsl:variable name="alt">
          <xsl:value-of select="$alt-intro"/>
          <xsl:text> </xsl:text>
          <xsl:if test="$has-target">
            <xsl:value-of select="concat($target-label, ' ', translate(format-number($target, '#,##0.##', 'rp-chart-numbers'), ',.', $rp-separators), $suffix, '. ')"/>
          </xsl:if>
          <xsl:call-template name="rp-chart-alt-values">
            <xsl:with-param name="data" select="$rows"/>
            <xsl:with-param name="series" select="/.."/>
            <xsl:with-param name="suffix" select="$suffix"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="rp-chart-frame">
          <xsl:with-param name="width" select="$width"/>
          <xsl:with-param name="height" select="format-number($h, '0.#')"/>
          <xsl:with-param name="alt" select="$alt"/>
          <xsl:with-param name="body">
            <xsl:if test="$x-title != ''">
              <text x="0" y="8" fill="{$rp-chart-axis}"><xsl:value-of select="$x-title"/></text>
            </xsl:if>
            <xsl:call-template name="rp-chart-legend">
              <xsl:with-param name="items" select="exsl:node-set($legend-rtf)/*"/>
              <xsl:with-param name="x">
                <xsl:choose>
                  <xsl:when test="string-length($x-title) * $rp-chart-fs * $rp-chart-em + 14 &gt; $left">
                    <xsl:value-of select="string-length($x-title) * $rp-chart-fs * $rp-chart-em + 14"/>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="$left"/></xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
              <xsl:with-param name="y" select="8"/>
            </xsl:call-template>
            <xsl:call-template name="rp-chart-x-axis">
              <xsl:with-param name="x0" select="$left"/>
              <xsl:with-param name="top" select="$top - 3"/>
              <xsl:with-param name="bottom" select="$bottom"/>
              <xsl:with-param name="scale" select="$scale"/>
              <xsl:with-param name="hi" select="$hi"/>
              <xsl:with-param name="step" select="$step"/>
              <xsl:with-param name="suffix" select="$suffix"/>
            </xsl:call-template>
            <!-- Bars, then the target mark over them, then the words. -->
            <xsl:for-each select="$rows">
              <xsl:variable name="y" select="$top + (position() - 1) * $row"/>
              <xsl:variable name="v" select="number(*[1])"/>
              <rect x="{format-number($left, '0.##')}" y="{format-number($y + $row * 0.18, '0.##')}"
                  width="{format-number($v * $scale, '0.##')}" height="{format-number($row * 0.64, '0.##')}">
                <xsl:attribute name="fill">
                  <xsl:choose>
                    <xsl:when test="string(@colour) != ''"><xsl:value-of select="@colour"/></xsl:when>
                    <xsl:when test="$has-target and $v &lt; $target"><xsl:value-of select="$rp-chart-alert"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$rp-chart-palette[1]"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
              </rect>
            </xsl:for-each>
            <xsl:if test="$has-target">
              <xsl:variable name="tx" select="format-number($left + $target * $scale, '0.##')"/>
              <line class="rp-target" x1="{$tx}" x2="{$tx}" y1="{$top - 3}" y2="{$bottom}"
                  stroke="{$rp-chart-ink}" stroke-width="1.2" stroke-dasharray="3 2"/>
            </xsl:if>
            <xsl:for-each select="$rows">
              <xsl:variable name="y" select="$top + (position() - 1) * $row"/>
              <xsl:variable name="v" select="number(*[1])"/>
              <text class="rp-label" x="{format-number($left - 4, '0.##')}"
                  y="{format-number($y + $row div 2 + $rp-chart-fs * 0.35, '0.##')}" text-anchor="end">
                <xsl:call-template name="rp-chart-clip">
                  <xsl:with-param name="text" select="@label"/>
                  <xsl:with-param name="max" select="$max-chars"/>
                </xsl:call-template>
              </text>
              <xsl:call-template name="rp-chart-value">
                <xsl:with-param name="x" select="$left + $v * $scale + 3"/>
                <xsl:with-param name="y" select="$y + $row div 2 + $rp-chart-fs * 0.35"/>
                <xsl:with-param name="text" select="concat(translate(format-number($v, '#,##0.##', 'rp-chart-numbers'), ',.', $rp-separators), $suffix)"/>
                <xsl:with-param name="size" select="$rp-chart-fs"/>
                <xsl:with-param name="anchor" select="'start'"/>
                <xsl:with-param name="fill" select="$rp-chart-ink"/>
              </xsl:call-template>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="count($valued) &gt; $n">
          <fo:block font-size="8pt" color="{$rp-muted}">
            <xsl:call-template name="rp-chart-fill">
              <xsl:with-param name="text" select="$more-note"/>
              <xsl:with-param name="n" select="$n"/>
              <xsl:with-param name="total" select="translate(format-number(count($valued), '#,##0', 'rp-chart-numbers'), ',.', $rp-separators)"/>
            </xsl:call-template>
          </fo:block>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Value axis along x (horizontal bars): grid lines and tick labels
       under the plot. -->
  <xsl:template name="rp-chart-x-axis">
    <xsl:param name="x0"/>
    <xsl:param name="top"/>
    <xsl:param name="bottom"/>
    <xsl:param name="scale"/>
    <xsl:param name="hi"/>
    <xsl:param name="step"/>
    <xsl:param name="suffix"/>
    <xsl:param name="i" select="0"/>
    <xsl:variable name="v" select="$i * $step"/>
    <xsl:if test="$v &lt;= $hi + $step * 0.001">
      <xsl:variable name="x" select="format-number($x0 + $v * $scale, '0.##')"/>
      <line x1="{$x}" x2="{$x}" y1="{$top}" y2="{$bottom}" stroke-width="0.5">
        <xsl:attribute name="stroke">
          <xsl:choose>
            <xsl:when test="$i = 0"><xsl:value-of select="$rp-chart-axis"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$rp-chart-grid"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </line>
      <text class="rp-tick" x="{$x}" y="{format-number($bottom + $rp-chart-fs + 3, '0.##')}"
          text-anchor="middle" fill="{$rp-chart-axis}">
        <xsl:call-template name="rp-chart-number">
          <xsl:with-param name="value" select="$v"/>
          <xsl:with-param name="scale" select="$hi"/>
          <xsl:with-param name="suffix" select="$suffix"/>
        </xsl:call-template>
      </text>
      <xsl:call-template name="rp-chart-x-axis">
        <xsl:with-param name="x0" select="$x0"/>
        <xsl:with-param name="top" select="$top"/>
        <xsl:with-param name="bottom" select="$bottom"/>
        <xsl:with-param name="scale" select="$scale"/>
        <xsl:with-param name="hi" select="$hi"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="suffix" select="$suffix"/>
        <xsl:with-param name="i" select="$i + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
