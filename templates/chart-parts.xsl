<?xml version="1.0" encoding="UTF-8"?>
<!--
  The look of every chart and the parts they are made of: palette and
  label sizes, tick steps, number formats, axes, category labels that do
  not collide, legends and the numbers of the text alternative.  Included
  by charts.xsl (the generic charts), whose header documents the data;
  needs common.xsl ($rp-sans, rp-empty), which charts.xsl imports.
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

  <!-- ============================ look ============================ -->

  <!-- Okabe-Ito's colour-blind-safe colours (its blue darkened), the
       first four ordered from dark to light (grey 69, 106, 162, 214 of
       255), so that neighbouring series also differ in grey print (and
       with rp-chart-hatch even series are hatched as well). -->
  <xsl:variable name="rp-chart-palette-rtf">
    <c>#1f4e79</c><c>#009E73</c><c>#E69F00</c><c>#F0E442</c>
    <c>#D55E00</c><c>#56B4E9</c><c>#CC79A7</c><c>#000000</c>
  </xsl:variable>
  <xsl:variable name="rp-chart-palette"
      select="exsl:node-set($rp-chart-palette-rtf)/*"/>
  <!-- The target rule and bars below target (vermillion). -->
  <xsl:variable name="rp-chart-alert">#D55E00</xsl:variable>
  <xsl:variable name="rp-chart-grid">#dde2e8</xsl:variable>
  <xsl:variable name="rp-chart-axis">#6b7280</xsl:variable>
  <xsl:variable name="rp-chart-ink">#1a1a1a</xsl:variable>
  <!-- Label size and the average advance of a DejaVu Sans character in
       em: label widths are estimated from it (no font metrics in XSLT). -->
  <xsl:variable name="rp-chart-fs" select="7.5"/>
  <xsl:variable name="rp-chart-em" select="0.6"/>

  <!-- rp-chart-value: a value printed over grid lines and target rules,
       on a white box of its estimated size so that they do not cut it
       (a stroked halo was letter outlines: a twentieth of a review's
       rendering for its value labels).
         x, y    number, where the text starts (or its middle) and its
                 baseline
         text    string, the value as printed
         size    number, font size (default $rp-chart-fs - 1.5)
         anchor  'middle' or 'start' (default 'middle')
         fill    colour of the text (default $rp-chart-axis) -->
  <xsl:template name="rp-chart-value">
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:param name="text"/>
    <xsl:param name="size" select="$rp-chart-fs - 1.5"/>
    <xsl:param name="anchor" select="'middle'"/>
    <xsl:param name="fill" select="$rp-chart-axis"/>
    <xsl:variable name="w" select="string-length($text) * $size * $rp-chart-em + 2"/>
    <rect x="{format-number($x - 1 - ($anchor = 'middle') * ($w - 2) div 2, '0.##')}"
        y="{format-number($y - $size * 0.85, '0.##')}"
        width="{format-number($w, '0.##')}" height="{format-number($size * 1.1, '0.##')}"
        fill="#ffffff"/>
    <text class="rp-value" x="{format-number($x, '0.##')}" y="{format-number($y, '0.##')}"
        font-size="{$size}" fill="{$fill}">
      <xsl:if test="$anchor = 'middle'">
        <xsl:attribute name="text-anchor">middle</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="$text"/>
    </text>
  </xsl:template>

  <!-- Numbers are written in the document's language: format-number()
       with English separators, then translate() to the language's
       ($rp-separators, common.xsl), as rp-number does. -->
  <xsl:decimal-format name="rp-chart-numbers" grouping-separator=","
      decimal-separator="."/>

  <!-- ========================== helpers =========================== -->

  <!-- rp-chart-nice-step: a tick step of 1, 2 or 5 x 10^n that cuts
       `span` into about `ticks` parts.
         span     number > 0, the range to cover
         ticks    number, the number of parts wanted (default 5)
         integer  'yes': never below 1 (counts)   (default 'no') -->
  <xsl:template name="rp-chart-nice-step">
    <xsl:param name="span" select="1"/>
    <xsl:param name="ticks" select="5"/>
    <xsl:param name="integer" select="'no'"/>
    <xsl:variable name="raw" select="$span div $ticks"/>
    <xsl:variable name="exp"
        select="floor(math:log($raw) div math:log(10) + 0.000000001)"/>
    <xsl:variable name="mag" select="math:power(10, $exp)"/>
    <xsl:variable name="f" select="$raw div $mag"/>
    <xsl:variable name="step">
      <xsl:choose>
        <xsl:when test="$f &lt;= 1.000001"><xsl:value-of select="$mag"/></xsl:when>
        <xsl:when test="$f &lt;= 2.000001"><xsl:value-of select="2 * $mag"/></xsl:when>
        <xsl:when test="$f &lt;= 5.000001"><xsl:value-of select="5 * $mag"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="10 * $mag"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$integer = 'yes' and $step &lt; 1">1</xsl:when>
      <xsl:otherwise><xsl:value-of select="$step"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- rp-chart-number: a value as printed on an axis or a bar: grouped,
       and in thousands (k) or millions (M) when `scale` (the axis'
       largest value) reaches 10,000 or 1,000,000.
         value   number
         scale   number, the axis maximum (default: value)
         suffix  string after the number ('%')   (default '') -->
  <xsl:template name="rp-chart-number">
    <xsl:param name="value"/>
    <xsl:param name="scale" select="$value"/>
    <xsl:param name="suffix" select="''"/>
    <xsl:choose>
      <xsl:when test="$scale &gt;= 1000000">
        <xsl:value-of select="translate(format-number($value div 1000000, '#,##0.##', 'rp-chart-numbers'), ',.', $rp-separators)"/>
        <xsl:value-of select="$L/chart.millions"/>
      </xsl:when>
      <xsl:when test="$scale &gt;= 10000">
        <xsl:value-of select="translate(format-number($value div 1000, '#,##0.#', 'rp-chart-numbers'), ',.', $rp-separators)"/>
        <xsl:value-of select="$L/chart.thousands"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="translate(format-number($value, '#,##0.##', 'rp-chart-numbers'), ',.', $rp-separators)"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="$suffix"/>
  </xsl:template>

  <!-- rp-chart-clip: text shortened to `max` characters, the last one an
       ellipsis, when longer.
         text  string
         max   number of characters (default 18) -->
  <xsl:template name="rp-chart-clip">
    <xsl:param name="text"/>
    <xsl:param name="max" select="18"/>
    <xsl:choose>
      <xsl:when test="string-length($text) &gt; $max">
        <xsl:value-of select="concat(normalize-space(substring($text, 1, $max - 1)), '…')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- rp-chart-fill: `text` with {n} and {total} replaced.
         text, n, total   strings -->
  <xsl:template name="rp-chart-fill">
    <xsl:param name="text"/>
    <xsl:param name="n"/>
    <xsl:param name="total"/>
    <xsl:choose>
      <xsl:when test="contains($text, '{n}')">
        <xsl:call-template name="rp-chart-fill">
          <xsl:with-param name="text" select="concat(substring-before($text, '{n}'), $n, substring-after($text, '{n}'))"/>
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="total" select="$total"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($text, '{total}')">
        <xsl:call-template name="rp-chart-fill">
          <xsl:with-param name="text" select="concat(substring-before($text, '{total}'), $total, substring-after($text, '{total}'))"/>
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="total" select="$total"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- rp-chart-colour: series i's colour (1-based, cycling). -->
  <xsl:template name="rp-chart-colour">
    <xsl:param name="i" select="1"/>
    <xsl:value-of select="$rp-chart-palette[(($i - 1) mod 8) + 1]"/>
  </xsl:template>

  <!-- 'yes': even series are hatched too, beside their lighter grey.
       Off by default: the palette's lightness steps tell four series apart
       in grey, and each hatched bar is a PDF pattern of its own, which
       made a review's render about 50 ms (40%) slower. -->
  <xsl:param name="rp-chart-hatch" select="'no'"/>

  <!-- rp-chart-paint: series i's fill: its colour, or with rp-chart-hatch
       for even series the hatch pattern rp-chart-defs declares. -->
  <xsl:template name="rp-chart-paint">
    <xsl:param name="i" select="1"/>
    <xsl:choose>
      <xsl:when test="$rp-chart-hatch = 'yes' and $i mod 2 = 0">url(#rp-s<xsl:value-of select="$i"/>)</xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-chart-colour">
          <xsl:with-param name="i" select="$i"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- rp-chart-defs: the hatch patterns of series 1..n (even ones). -->
  <xsl:template name="rp-chart-defs">
    <xsl:param name="n" select="1"/>
    <xsl:if test="$rp-chart-hatch = 'yes'">
    <defs>
      <xsl:for-each select="$rp-chart-palette[position() &lt;= $n][position() mod 2 = 0]">
        <xsl:variable name="i" select="count(preceding-sibling::*) + 1"/>
        <pattern id="rp-s{$i}" width="3.5" height="3.5"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate({45 + 90 * ($i mod 4 = 0)})">
          <rect width="3.5" height="3.5" fill="{.}"/>
          <line x1="0" y1="0" x2="0" y2="3.5" stroke="#ffffff"
              stroke-width="1.1" stroke-opacity="0.75"/>
        </pattern>
      </xsl:for-each>
    </defs>
    </xsl:if>
  </xsl:template>

  <!-- rp-chart-frame: the fo:block holding one chart.
         width, height  numbers, pt
         alt            string: the text alternative (fox:alt-text)
         body           result tree: the SVG's content -->
  <xsl:template name="rp-chart-frame">
    <xsl:param name="width"/>
    <xsl:param name="height"/>
    <xsl:param name="alt"/>
    <xsl:param name="body"/>
    <!-- line-height normal: a number taller than 1.2 adds leading around
         a graphic as high as the line. -->
    <fo:block space-before="1mm" line-height="normal">
      <fo:instream-foreign-object fox:alt-text="{normalize-space($alt)}">
        <svg width="{$width}" height="{$height}"
            viewBox="0 0 {$width} {$height}" font-family="{$rp-sans}"
            font-size="{$rp-chart-fs}" fill="{$rp-chart-ink}">
          <xsl:copy-of select="$body"/>
        </svg>
      </fo:instream-foreign-object>
    </fo:block>
  </xsl:template>

  <!-- rp-chart-empty: the sentence instead of a chart. -->
  <xsl:template name="rp-chart-empty">
    <xsl:param name="text"/>
    <xsl:call-template name="rp-empty">
      <xsl:with-param name="text" select="$text"/>
    </xsl:call-template>
  </xsl:template>

  <!-- rp-chart-caption: the line under a chart (role Caption). -->
  <xsl:template name="rp-chart-caption">
    <xsl:param name="text"/>
    <xsl:if test="string($text) != ''">
      <fo:block role="Caption" font-size="8pt" color="{$rp-muted}"
          space-before="1mm" space-after="3mm">
        <xsl:copy-of select="$text"/>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <!-- Value axis along y: grid lines, tick labels (class rp-tick) from lo
       to hi by step, the line at lo solid. -->
  <xsl:template name="rp-chart-y-axis">
    <xsl:param name="x0"/>
    <xsl:param name="x1"/>
    <xsl:param name="top"/>
    <xsl:param name="bottom"/>
    <xsl:param name="lo"/>
    <xsl:param name="hi"/>
    <xsl:param name="step"/>
    <xsl:param name="suffix"/>
    <xsl:param name="i" select="0"/>
    <xsl:variable name="v" select="$lo + $i * $step"/>
    <xsl:if test="$v &lt;= $hi + $step * 0.001">
      <xsl:variable name="y" select="format-number($bottom - ($v - $lo) div ($hi - $lo) * ($bottom - $top), '0.##')"/>
      <line x1="{$x0}" x2="{$x1}" y1="{$y}" y2="{$y}" stroke-width="0.5">
        <xsl:attribute name="stroke">
          <xsl:choose>
            <xsl:when test="$i = 0"><xsl:value-of select="$rp-chart-axis"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$rp-chart-grid"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </line>
      <text class="rp-tick" x="{$x0 - 4}" y="{format-number($y + $rp-chart-fs * 0.35, '0.##')}"
          text-anchor="end" fill="{$rp-chart-axis}">
        <xsl:call-template name="rp-chart-number">
          <xsl:with-param name="value" select="$v"/>
          <xsl:with-param name="scale" select="$hi"/>
          <xsl:with-param name="suffix" select="$suffix"/>
        </xsl:call-template>
      </text>
      <xsl:call-template name="rp-chart-y-axis">
        <xsl:with-param name="x0" select="$x0"/>
        <xsl:with-param name="x1" select="$x1"/>
        <xsl:with-param name="top" select="$top"/>
        <xsl:with-param name="bottom" select="$bottom"/>
        <xsl:with-param name="lo" select="$lo"/>
        <xsl:with-param name="hi" select="$hi"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="suffix" select="$suffix"/>
        <xsl:with-param name="i" select="$i + 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The longest @label of data, in characters. -->
  <xsl:template name="rp-chart-longest">
    <xsl:param name="data"/>
    <xsl:for-each select="$data">
      <xsl:sort select="string-length(@label)" data-type="number" order="descending"/>
      <xsl:if test="position() = 1"><xsl:value-of select="string-length(@label)"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- How category labels fit under slots of `slot` pt: "flat K" (level,
       every Kth label shown) or "tilt K" (45 degrees, clipped to
       max-chars, every Kth).  Thinning only where `thin` is 'yes' (a
       time axis, where the reader fills in the missing labels). -->
  <xsl:template name="rp-chart-label-mode">
    <xsl:param name="longest"/>
    <xsl:param name="slot"/>
    <xsl:param name="thin"/>
    <xsl:variable name="w" select="$longest * $rp-chart-fs * $rp-chart-em"/>
    <xsl:choose>
      <xsl:when test="$w &lt;= $slot - 3">flat 1</xsl:when>
      <xsl:when test="$thin = 'yes'">flat <xsl:value-of select="ceiling(($w + 3) div $slot)"/></xsl:when>
      <!-- Wide slots: level, clipped to what fits. -->
      <xsl:when test="floor(($slot - 3) div ($rp-chart-fs * $rp-chart-em)) &gt;= 12">clip 1 <xsl:value-of select="floor(($slot - 3) div ($rp-chart-fs * $rp-chart-em))"/></xsl:when>
      <xsl:otherwise>tilt <xsl:value-of select="ceiling($rp-chart-fs * 1.5 div $slot)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Category labels under the plot: slot centres at x0 + (i - 0.5) *
       slot, top of the label band at y. -->
  <xsl:template name="rp-chart-x-labels">
    <xsl:param name="data"/>
    <xsl:param name="x0"/>
    <xsl:param name="slot"/>
    <xsl:param name="y"/>
    <xsl:param name="mode"/>
    <xsl:param name="max-chars"/>
    <xsl:variable name="k" select="number(substring-before(concat(substring-after($mode, ' '), ' '), ' '))"/>
    <xsl:for-each select="$data">
      <xsl:variable name="i" select="position()"/>
      <xsl:variable name="cx" select="format-number($x0 + ($i - 0.5) * $slot, '0.##')"/>
      <xsl:if test="($i - 1) mod $k = 0">
        <xsl:choose>
          <xsl:when test="starts-with($mode, 'clip')">
            <text class="rp-label" x="{$cx}" y="{$y + $rp-chart-fs}" text-anchor="middle">
              <xsl:call-template name="rp-chart-clip">
                <xsl:with-param name="text" select="@label"/>
                <xsl:with-param name="max" select="substring-after(substring-after($mode, ' '), ' ')"/>
              </xsl:call-template>
            </text>
          </xsl:when>
          <xsl:when test="starts-with($mode, 'flat')">
            <text class="rp-label" x="{$cx}" y="{$y + $rp-chart-fs}" text-anchor="middle">
              <xsl:value-of select="@label"/>
            </text>
            <xsl:if test="string(@sub) != ''">
              <text x="{$cx}" y="{$y + 2 * $rp-chart-fs + 1}" text-anchor="middle"
                  fill="{$rp-chart-axis}" font-size="{$rp-chart-fs - 1}">
                <xsl:value-of select="@sub"/>
              </text>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <text class="rp-label" text-anchor="end"
                transform="translate({$cx},{$y + 4}) rotate(-45)">
              <xsl:call-template name="rp-chart-clip">
                <xsl:with-param name="text" select="normalize-space(concat(@label, ' ', @sub))"/>
                <xsl:with-param name="max" select="$max-chars"/>
              </xsl:call-template>
            </text>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- Height of the category label band for a label mode. -->
  <xsl:template name="rp-chart-label-band">
    <xsl:param name="data"/>
    <xsl:param name="mode"/>
    <xsl:param name="longest"/>
    <xsl:param name="max-chars"/>
    <xsl:choose>
      <xsl:when test="starts-with($mode, 'flat') and $data[string(@sub) != '']">
        <xsl:value-of select="2 * $rp-chart-fs + 6"/>
      </xsl:when>
      <xsl:when test="starts-with($mode, 'flat') or starts-with($mode, 'clip')">
        <xsl:value-of select="$rp-chart-fs + 5"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="n">
          <xsl:choose>
            <xsl:when test="$longest + 5 &gt; $max-chars"><xsl:value-of select="$max-chars"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$longest + 5"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="$n * $rp-chart-fs * $rp-chart-em * 0.71 + $rp-chart-fs + 6"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The legend: one swatch and label per item, left to right from x on
       the line at y.  items: elements with @label and @paint (a fill) or
       @rule (a dashed line's colour). -->
  <xsl:template name="rp-chart-legend">
    <xsl:param name="items"/>
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:if test="$items">
      <xsl:variable name="it" select="$items[1]"/>
      <xsl:choose>
        <xsl:when test="string($it/@rule) != ''">
          <line x1="{$x}" x2="{$x + 12}" y1="{$y - 2.5}" y2="{$y - 2.5}"
              stroke="{$it/@rule}" stroke-width="1.2" stroke-dasharray="3 2"/>
        </xsl:when>
        <xsl:when test="string($it/@marker) != ''">
          <line x1="{$x}" x2="{$x + 12}" y1="{$y - 2.5}" y2="{$y - 2.5}"
              stroke="{$it/@marker}" stroke-width="1.5"/>
          <circle cx="{$x + 6}" cy="{$y - 2.5}" r="2.2" fill="{$it/@marker}"/>
        </xsl:when>
        <xsl:otherwise>
          <rect x="{$x}" y="{$y - 7}" width="12" height="7.5" fill="{$it/@paint}"/>
        </xsl:otherwise>
      </xsl:choose>
      <text class="rp-legend" x="{$x + 15}" y="{$y}">
        <xsl:value-of select="$it/@label"/>
      </text>
      <xsl:call-template name="rp-chart-legend">
        <xsl:with-param name="items" select="$items[position() &gt; 1]"/>
        <xsl:with-param name="x" select="$x + 15 + string-length($it/@label) * $rp-chart-fs * $rp-chart-em + 12"/>
        <xsl:with-param name="y" select="$y"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Legend items of a series node-set: filled swatches. -->
  <xsl:template name="rp-chart-series-legend">
    <xsl:param name="series"/>
    <xsl:for-each select="$series">
      <item label="{@label}">
        <xsl:attribute name="paint">
          <xsl:call-template name="rp-chart-paint">
            <xsl:with-param name="i" select="position()"/>
          </xsl:call-template>
        </xsl:attribute>
      </item>
    </xsl:for-each>
  </xsl:template>

  <!-- The text alternative's numbers: "Label: S1 v, S2 v (total t); ...". -->
  <xsl:template name="rp-chart-alt-values">
    <xsl:param name="data"/>
    <xsl:param name="series"/>
    <xsl:param name="suffix" select="''"/>
    <xsl:param name="total-word" select="''"/>
    <xsl:param name="none-word" select="string($L/chart.no-value)"/>
    <xsl:for-each select="$data">
      <xsl:choose>
        <xsl:when test="string(@alt-label) != ''"><xsl:value-of select="@alt-label"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(concat(@label, ' ', @sub))"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>: </xsl:text>
      <xsl:for-each select="*">
        <xsl:variable name="j" select="position()"/>
        <xsl:if test="$j &gt; 1">, </xsl:if>
        <xsl:if test="count($series) &gt; 1">
          <xsl:value-of select="concat($series[$j]/@label, ' ')"/>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="number(.) = number(.)">
            <xsl:value-of select="concat(translate(format-number(., '#,##0.##', 'rp-chart-numbers'), ',.', $rp-separators), $suffix)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$none-word"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:if test="$total-word != ''">
        <xsl:value-of select="concat(' (', $total-word, ' ', translate(format-number(sum(*[number(.) = number(.)]), '#,##0.##', 'rp-chart-numbers'), ',.', $rp-separators), $suffix, ')')"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="position() = last()">.</xsl:when>
        <xsl:otherwise>; </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
