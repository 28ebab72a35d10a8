<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared look of every reportpipe document: page masters, running header
  and footer, type scale, table styling and number/date formatting.

  Emits only the XSL-FO subset of docs/fo-subset.md (skeleton): blocks,
  inlines, tables, page numbers and citations.  No lists, leaders, graphics
  or markers.  Input is review-data XML (docs/data-contract.md).

  A document stylesheet imports this file and calls, in order:
    rp-layout-master-set            inside fo:root
    rp-static-content (title, id)   first thing in each fo:page-sequence
  and then builds its fo:flow with the attribute sets and helpers below.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:exsl="http://exslt.org/common"
    xmlns:math="http://exslt.org/math"
    exclude-result-prefixes="exsl math">

  <!-- Colours, fonts, type sizes, logo and page geometry. -->
  <xsl:import href="brand.xsl"/>

  <!-- ========================== language =========================== -->

  <!-- lang: the language of the document ("en", "de": a <language> of
       labels/languages.xml).  Empty (the default): the language whose
       <country> list holds rp-country, the billing country of the
       account a document is about (annual-review.xsl sets it; the
       status report has none), else the default of languages.xml. -->
  <xsl:param name="lang"/>
  <xsl:variable name="rp-country" select="''"/>

  <xsl:variable name="rp-languages"
      select="document('labels/languages.xml')/languages"/>
  <xsl:variable name="rp-country-key"
      select="translate(normalize-space($rp-country),
                        'abcdefghijklmnopqrstuvwxyzäöüéè',
                        'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÉÈ')"/>
  <xsl:variable name="rp-lang">
    <xsl:choose>
      <xsl:when test="string($lang) != ''"><xsl:value-of select="$lang"/></xsl:when>
      <xsl:when test="$rp-country-key != '' and
                      $rp-languages/language[country = $rp-country-key]">
        <xsl:value-of select="$rp-languages/language[country = $rp-country-key][1]/@code"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-languages/@default"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The label file of the language (docs/templates.md, "Labels and
       languages"): its <l k="key"> texts and its formats.  Empty for a
       language languages.xml does not list: rp-layout-master-set stops
       the transform naming it. -->
  <xsl:variable name="rp-labels"
      select="document($rp-languages/language[@code = $rp-lang]/@file)/labels"/>

  <!-- Each label again as an element named by its key (attributes and
       text copied), so that a stylesheet reads a label as $L/KEY: a
       name test over the children, where $L/KEY compared the
       string value of every label's k= (a review looks up some two
       hundred labels: that took a third of its transform).  A key made
       at run time goes through rp-label or rp-say, which look it up by
       xsl:key in the label file. -->
  <xsl:variable name="rp-label-tree">
    <xsl:for-each select="$rp-labels/l">
      <xsl:element name="{@k}"><xsl:copy-of select="@*|node()"/></xsl:element>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="L" select="exsl:node-set($rp-label-tree)"/>
  <xsl:key name="rp-label" match="labels/l" use="@k"/>
  <xsl:variable name="rp-format" select="$rp-labels/format"/>
  <xsl:variable name="rp-months" select="$rp-labels/months/m"/>

  <!-- Text of the label keyed k with {1}..{4} replaced by a1..a4, which
       are copied: they may hold FO (a page number).  n = 1 takes the
       label's one= text (the singular) when it has one. -->
  <xsl:template name="rp-say">
    <xsl:param name="k"/>
    <xsl:param name="n" select="''"/>
    <xsl:param name="a1"/>
    <xsl:param name="a2"/>
    <xsl:param name="a3"/>
    <xsl:param name="a4"/>
    <!-- key() looks in the context node's document: the label file. -->
    <xsl:for-each select="$rp-labels">
      <xsl:variable name="l" select="key('rp-label', $k)"/>
      <xsl:call-template name="rp-fill">
        <xsl:with-param name="text">
          <xsl:choose>
            <xsl:when test="string($n) = '1' and $l/@one"><xsl:value-of select="$l/@one"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$l"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="a1" select="$a1"/>
        <xsl:with-param name="a2" select="$a2"/>
        <xsl:with-param name="a3" select="$a3"/>
        <xsl:with-param name="a4" select="$a4"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- The text of the label keyed k, a key made at run time
       (concat('stage.', @stage)); a key written in the stylesheet is
       read as $L/KEY. -->
  <xsl:template name="rp-label">
    <xsl:param name="k"/>
    <xsl:for-each select="$rp-labels">
      <xsl:value-of select="key('rp-label', $k)"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="rp-fill">
    <xsl:param name="text"/>
    <xsl:param name="a1"/>
    <xsl:param name="a2"/>
    <xsl:param name="a3"/>
    <xsl:param name="a4"/>
    <xsl:choose>
      <xsl:when test="contains($text, '{')">
        <xsl:variable name="rest" select="substring-after($text, '{')"/>
        <xsl:variable name="i" select="substring-before($rest, '}')"/>
        <xsl:value-of select="substring-before($text, '{')"/>
        <xsl:choose>
          <xsl:when test="$i = '1'"><xsl:copy-of select="$a1"/></xsl:when>
          <xsl:when test="$i = '2'"><xsl:copy-of select="$a2"/></xsl:when>
          <xsl:when test="$i = '3'"><xsl:copy-of select="$a3"/></xsl:when>
          <xsl:when test="$i = '4'"><xsl:copy-of select="$a4"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('{', $i, '}')"/></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="rp-fill">
          <xsl:with-param name="text" select="substring-after($rest, '}')"/>
          <xsl:with-param name="a1" select="$a1"/>
          <xsl:with-param name="a2" select="$a2"/>
          <xsl:with-param name="a3" select="$a3"/>
          <xsl:with-param name="a4" select="$a4"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================ pages ============================ -->

  <!-- The page geometry of brand.xsl; header and footer live inside the
       margins' inner edge.  Also where an unknown language stops the
       transform: both documents call this first. -->
  <xsl:template name="rp-layout-master-set">
    <xsl:if test="not($rp-labels)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('unknown language &quot;', $rp-lang,
                              '&quot;: labels/languages.xml lists ')"/>
        <xsl:for-each select="$rp-languages/language">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="@code"/>
        </xsl:for-each>
      </xsl:message>
    </xsl:if>
    <fo:layout-master-set>
      <fo:simple-page-master master-name="A4" page-width="{$rp-page-width}"
          page-height="{$rp-page-height}" margin-top="{$rp-margin-top}"
          margin-bottom="{$rp-margin-bottom}"
          margin-left="{$rp-margin-inner}" margin-right="{$rp-margin-outer}">
        <fo:region-body margin-top="{$rp-body-clearance}"
            margin-bottom="{$rp-body-clearance}"/>
        <fo:region-before extent="{$rp-header-extent}"/>
        <fo:region-after extent="{$rp-footer-extent}"/>
      </fo:simple-page-master>
    </fo:layout-master-set>
  </xsl:template>

  <!-- Running header (title) and footer (period, "Page N of M").
       sequence-id must be the id of the enclosing fo:page-sequence: the
       last page's number is cited through it.  watermark, when not empty,
       is printed large and pale behind every page (rp-watermark);
       footer-note, when not empty, ends every footer line. -->
  <xsl:template name="rp-static-content">
    <xsl:param name="title"/>
    <xsl:param name="sequence-id"/>
    <xsl:param name="watermark"/>
    <xsl:param name="footer-note"/>
    <fo:static-content flow-name="xsl-region-before">
      <fo:block font-family="{$rp-sans}" font-size="{$rp-size-small}"
          color="{$rp-muted}" text-align="start" padding-bottom="2pt"
          border-bottom="0.5pt solid {$rp-rule}">
        <xsl:if test="string($rp-logo) != ''">
          <fo:external-graphic src="{$rp-logo}" content-height="{$rp-logo-height}"
              fox:alt-text="{$rp-company}" xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"/>
          <xsl:text>   </xsl:text>
        </xsl:if>
        <xsl:value-of select="$title"/>
      </fo:block>
      <!-- After the header line: positioned absolutely, its place in the
           region does not matter; laid out as a block, it must not push
           the header down. -->
      <xsl:if test="string($watermark) != ''">
        <xsl:call-template name="rp-watermark">
          <xsl:with-param name="text" select="$watermark"/>
        </xsl:call-template>
      </xsl:if>
    </fo:static-content>
    <fo:static-content flow-name="xsl-region-after">
      <fo:block font-family="{$rp-sans}" font-size="{$rp-size-small}"
          color="{$rp-muted}" text-align="center" padding-top="2pt"
          border-top="0.5pt solid {$rp-rule}">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'footer.period'"/>
          <xsl:with-param name="a1"><xsl:call-template name="rp-period"/></xsl:with-param>
        </xsl:call-template>
        <xsl:text> · </xsl:text>
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'footer.page'"/>
          <xsl:with-param name="a1"><fo:page-number/></xsl:with-param>
          <xsl:with-param name="a2"><fo:page-number-citation-last ref-id="{$sequence-id}"/></xsl:with-param>
        </xsl:call-template>
        <xsl:if test="string($footer-note) != ''">
          <xsl:text> · </xsl:text>
          <fo:inline font-weight="bold" color="{$rp-brand}">
            <xsl:value-of select="$footer-note"/>
          </fo:inline>
        </xsl:if>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- A word across the whole page, diagonal and see-through, drawn OVER
       the content (z-index 1): a stamp on the finished page, which table
       backgrounds cannot cut into pieces as they did one painted behind
       them.  An SVG, since FO has no opacity: librsvg keeps the word text
       (pdftotext finds DRAFT on every page).  Smaller when longer than
       DRAFT, so that ENTWURF fits too.  Fixed to the page, whatever the
       margins; in static content, so every page has it (an artifact in
       the tagged PDF). -->
  <xsl:template name="rp-watermark">
    <xsl:param name="text"/>
    <xsl:variable name="w">
      <xsl:call-template name="rp-length-pt"><xsl:with-param name="length" select="$rp-page-width"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="h">
      <xsl:call-template name="rp-length-pt"><xsl:with-param name="length" select="$rp-page-height"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="len" select="string-length($text) + (string-length($text) &lt; 5) * (5 - string-length($text))"/>
    <xsl:variable name="size" select="round($rp-size-watermark-pt * 6.5 div $len)"/>
    <fo:block-container absolute-position="fixed" top="0pt" left="0pt"
        width="{$rp-page-width}" height="{$rp-page-height}" z-index="1">
      <fo:block line-height="normal" font-size="1pt">
        <fo:instream-foreign-object>
          <svg xmlns="http://www.w3.org/2000/svg" width="{$w}" height="{$h}"
              viewBox="0 0 {$w} {$h}">
            <text x="{$w div 2}" y="{$h div 2 + round($size * 0.36)}"
                text-anchor="middle" font-family="{$rp-sans}"
                font-weight="bold" font-size="{$size}"
                fill="{$rp-watermark-color}"
                fill-opacity="{$rp-watermark-opacity}"
                transform="rotate({-round(57.3 * math:atan($h div $w))} {$w div 2} {$h div 2})">
              <xsl:value-of select="$text"/>
            </text>
          </svg>
        </fo:instream-foreign-object>
      </fo:block>
    </fo:block-container>
  </xsl:template>

  <!-- A length of brand.xsl (mm, cm, in or pt) in whole points. -->
  <xsl:template name="rp-length-pt">
    <xsl:param name="length"/>
    <xsl:variable name="n" select="number(substring($length, 1, string-length($length) - 2))"/>
    <xsl:variable name="unit" select="substring($length, string-length($length) - 1)"/>
    <xsl:choose>
      <xsl:when test="$unit = 'mm'"><xsl:value-of select="round($n * 72 div 25.4)"/></xsl:when>
      <xsl:when test="$unit = 'cm'"><xsl:value-of select="round($n * 72 div 2.54)"/></xsl:when>
      <xsl:when test="$unit = 'in'"><xsl:value-of select="round($n * 72)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="round($n)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Who approved the document, when, and the approval's fingerprint
       (the workflow derives it from the hash of the exact draft approved,
       the approver and the time; `reportpipe verify` shows it): the block
       that replaces DRAFT on an approved document. -->
  <xsl:template name="rp-approval-block">
    <xsl:param name="approved-by"/>
    <xsl:param name="approved-on"/>
    <xsl:param name="fingerprint"/>
    <fo:block space-before="4mm" space-after="5mm" padding-top="2mm"
        padding-bottom="2mm" padding-left="3mm" padding-right="3mm"
        background-color="{$rp-brand-light}"
        border-left="3pt solid {$rp-brand}" font-size="9pt"
        keep-together.within-page="always">
      <fo:block font-weight="bold" color="{$rp-brand}">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'approval.by'"/>
          <xsl:with-param name="a1" select="string($approved-by)"/>
          <xsl:with-param name="a2">
            <xsl:call-template name="rp-date">
              <xsl:with-param name="value" select="$approved-on"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </fo:block>
      <fo:block color="{$rp-muted}" font-size="{$rp-size-small}" space-before="0.5mm">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'approval.fingerprint'"/>
          <xsl:with-param name="a1">
            <fo:inline font-family="{$rp-mono}">
              <xsl:value-of select="$fingerprint"/>
            </fo:inline>
          </xsl:with-param>
        </xsl:call-template>
      </fo:block>
    </fo:block>
  </xsl:template>

  <!-- ========================== type scale ========================= -->

  <xsl:attribute-set name="rp-body">
    <xsl:attribute name="font-family"><xsl:value-of select="$rp-sans"/></xsl:attribute>
    <xsl:attribute name="font-size"><xsl:value-of select="$rp-size-body"/></xsl:attribute>
    <xsl:attribute name="line-height">1.35</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-text"/></xsl:attribute>
  </xsl:attribute-set>

  <!-- role: the heading level of the tagged PDF (docs/fo-subset.md). -->
  <xsl:attribute-set name="rp-title">
    <xsl:attribute name="role">H1</xsl:attribute>
    <xsl:attribute name="font-family"><xsl:value-of select="$rp-serif"/></xsl:attribute>
    <xsl:attribute name="font-size"><xsl:value-of select="$rp-size-title"/></xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-brand"/></xsl:attribute>
    <xsl:attribute name="line-height">1.2</xsl:attribute>
    <xsl:attribute name="space-after">2mm</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="rp-subject">
    <xsl:attribute name="font-size"><xsl:value-of select="$rp-size-subject"/></xsl:attribute>
    <xsl:attribute name="line-height">1.25</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-text"/></xsl:attribute>
    <xsl:attribute name="space-after">1mm</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="rp-meta">
    <xsl:attribute name="font-size">9pt</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-muted"/></xsl:attribute>
    <xsl:attribute name="padding-bottom">4mm</xsl:attribute>
    <xsl:attribute name="border-bottom">1.5pt solid <xsl:value-of select="$rp-brand"/></xsl:attribute>
    <xsl:attribute name="space-after">6mm</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="rp-h2">
    <xsl:attribute name="role">H2</xsl:attribute>
    <xsl:attribute name="font-size"><xsl:value-of select="$rp-size-h2"/></xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-brand"/></xsl:attribute>
    <xsl:attribute name="space-before">7mm</xsl:attribute>
    <xsl:attribute name="space-after">2.5mm</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="rp-para">
    <xsl:attribute name="space-after">2mm</xsl:attribute>
    <xsl:attribute name="text-align">justify</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="rp-note">
    <xsl:attribute name="font-size"><xsl:value-of select="$rp-size-small"/></xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-muted"/></xsl:attribute>
    <xsl:attribute name="space-before">1.5mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- ============================ tables =========================== -->

  <xsl:attribute-set name="rp-table">
    <xsl:attribute name="table-layout">fixed</xsl:attribute>
    <xsl:attribute name="width">100%</xsl:attribute>
    <xsl:attribute name="font-size"><xsl:value-of select="$rp-size-table"/></xsl:attribute>
    <xsl:attribute name="border-bottom">0.5pt solid <xsl:value-of select="$rp-rule"/></xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="rp-th">
    <xsl:attribute name="background-color"><xsl:value-of select="$rp-brand"/></xsl:attribute>
    <xsl:attribute name="padding-top">2.5pt</xsl:attribute>
    <xsl:attribute name="padding-bottom">2.5pt</xsl:attribute>
    <xsl:attribute name="padding-left">3pt</xsl:attribute>
    <xsl:attribute name="padding-right">3pt</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="rp-th-block">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color">#ffffff</xsl:attribute>
  </xsl:attribute-set>

  <!-- The attributes of a body cell (rp-td below), for cells whose content
       rp-td cannot write: <fo:table-cell><xsl:copy-of select="$rp-td"/>. -->
  <xsl:variable name="rp-td-cell">
    <xsl:call-template name="rp-td"/>
  </xsl:variable>
  <xsl:variable name="rp-td" select="exsl:node-set($rp-td-cell)/*/@*"/>

  <!-- Label cells of key/value tables. -->
  <xsl:attribute-set name="rp-td-key">
    <xsl:attribute name="padding-top">2.5pt</xsl:attribute>
    <xsl:attribute name="padding-bottom">2.5pt</xsl:attribute>
    <xsl:attribute name="padding-left">3pt</xsl:attribute>
    <xsl:attribute name="padding-right">3pt</xsl:attribute>
    <xsl:attribute name="background-color"><xsl:value-of select="$rp-brand-light"/></xsl:attribute>
    <xsl:attribute name="border-bottom">0.5pt solid #ffffff</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="rp-td-value">
    <xsl:attribute name="padding-top">2.5pt</xsl:attribute>
    <xsl:attribute name="padding-bottom">2.5pt</xsl:attribute>
    <xsl:attribute name="padding-left">4pt</xsl:attribute>
    <xsl:attribute name="padding-right">3pt</xsl:attribute>
    <xsl:attribute name="border-bottom">0.5pt solid <xsl:value-of select="$rp-rule"/></xsl:attribute>
  </xsl:attribute-set>

  <!-- Header cell; align="end" for numeric columns. -->
  <xsl:template name="rp-th">
    <xsl:param name="text"/>
    <xsl:param name="align" select="'start'"/>
    <fo:table-cell xsl:use-attribute-sets="rp-th">
      <fo:block xsl:use-attribute-sets="rp-th-block" text-align="{$align}">
        <xsl:value-of select="$text"/>
      </fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- Body cell holding text; numbers go through rp-td-num.  The cell's
       attributes are stated here and nowhere else ($rp-td copies them),
       as few literal result attributes as say it (the padding shorthand;
       text-align only when not the initial start): a ticket log has
       thousands of cells, and libxslt instantiates an attribute set's
       xsl:attribute elements anew for every cell (a fifth of a review's
       transform), and copies each literal attribute, which the FO
       parser then reads again. -->
  <xsl:template name="rp-td">
    <xsl:param name="text"/>
    <xsl:param name="align" select="'start'"/>
    <xsl:param name="bold" select="false()"/>
    <fo:table-cell padding="2pt 3pt" border-bottom="0.5pt solid {$rp-rule}">
      <fo:block>
        <xsl:if test="$align != 'start'">
          <xsl:attribute name="text-align"><xsl:value-of select="$align"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="$bold">
          <xsl:attribute name="font-weight">bold</xsl:attribute>
        </xsl:if>
        <xsl:value-of select="$text"/>
      </fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- value: a count, formatted here (rp-int); text: what is printed
       as it is (a percentage, an amount already formatted). -->
  <xsl:template name="rp-td-num">
    <xsl:param name="text"/>
    <xsl:param name="value"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:call-template name="rp-td">
      <xsl:with-param name="text">
        <xsl:choose>
          <xsl:when test="string($value) != ''">
            <xsl:call-template name="rp-int"><xsl:with-param name="value" select="$value"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="align">end</xsl:with-param>
      <xsl:with-param name="bold" select="$bold"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Zebra stripe for the n-th body row (1-based). -->
  <xsl:template name="rp-zebra">
    <xsl:param name="n"/>
    <xsl:if test="$n mod 2 = 0">
      <xsl:attribute name="background-color"><xsl:value-of select="$rp-zebra"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- ========================== formatting ========================= -->

  <!-- Figures the data contract may leave out (nothing to measure). -->
  <xsl:variable name="rp-none">–</xsl:variable>

  <!-- Numbers, money, percentages and dates follow the language: the
       <format> and <months> of its label file.  format-number() runs
       with English separators, which translate() then swaps for the
       language's: a decimal-format cannot come from a variable. -->
  <xsl:decimal-format name="rp-numbers" grouping-separator=","
      decimal-separator="."/>
  <xsl:variable name="rp-separators"
      select="concat($rp-format/@grouping, $rp-format/@decimal)"/>

  <!-- value with grouped thousands and as many decimals as it has
       (95.5 -> 95.5 / 95,5; 1212000 -> 1,212,000 / 1.212.000); digits
       (0 and up) fixes the decimals instead.  Empty: rp-none. -->
  <xsl:template name="rp-number">
    <xsl:param name="value"/>
    <xsl:param name="digits"
        select="string-length(substring-after(string($value), '.'))"/>
    <xsl:choose>
      <xsl:when test="string(number($value)) = 'NaN'">
        <xsl:value-of select="$rp-none"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="translate(format-number($value,
            concat('#,##0', substring('.000000', 1, ($digits &gt; 0) * ($digits + 1))),
            'rp-numbers'), ',.', $rp-separators)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A count: 21,907 / 21.907. -->
  <xsl:template name="rp-int">
    <xsl:param name="value"/>
    <xsl:call-template name="rp-number">
      <xsl:with-param name="value" select="$value"/>
      <xsl:with-param name="digits" select="0"/>
    </xsl:call-template>
  </xsl:template>

  <!-- 95.5% / 95,5 % (format/@percent). -->
  <xsl:template name="rp-pct">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string($value) != ''">
        <xsl:call-template name="rp-fill">
          <xsl:with-param name="text" select="$rp-format/@percent"/>
          <xsl:with-param name="a1">
            <xsl:call-template name="rp-number"><xsl:with-param name="value" select="$value"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 12.5 h / 12,5 h (format/@hours). -->
  <xsl:template name="rp-hours">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string($value) != ''">
        <xsl:call-template name="rp-fill">
          <xsl:with-param name="text" select="$rp-format/@hours"/>
          <xsl:with-param name="a1">
            <xsl:call-template name="rp-number"><xsl:with-param name="value" select="$value"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An amount in whole units: with currency (an ISO code) $1,212,000 /
       1.212.000 € where the label file gives the code a <currency>
       symbol (format/@money-symbol), else 1,212,000 NOK
       (format/@money-code); without, the number alone. -->
  <xsl:template name="rp-money">
    <xsl:param name="value"/>
    <xsl:param name="currency"/>
    <xsl:variable name="amount">
      <xsl:call-template name="rp-int"><xsl:with-param name="value" select="$value"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="symbol" select="$rp-labels/currency[@code = $currency]/@symbol"/>
    <xsl:choose>
      <xsl:when test="string($value) = '' or string($currency) = ''">
        <xsl:value-of select="$amount"/>
      </xsl:when>
      <xsl:when test="$symbol">
        <xsl:call-template name="rp-fill">
          <xsl:with-param name="text" select="$rp-format/@money-symbol"/>
          <xsl:with-param name="a1" select="$amount"/>
          <xsl:with-param name="a2" select="string($symbol)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-fill">
          <xsl:with-param name="text" select="$rp-format/@money-code"/>
          <xsl:with-param name="a1" select="$amount"/>
          <xsl:with-param name="a2" select="string($currency)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rp-month-name">
    <xsl:param name="m"/>
    <xsl:value-of select="$rp-months[number($m)]"/>
  </xsl:template>

  <!-- "2025-11-01" or "2025-11-01T09:12:00Z" -> "1 Nov 2025" /
       "1. Nov. 2025" (format/@date: {1} day, {2} month, {3} year). -->
  <xsl:template name="rp-date">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string-length($value) &gt;= 10">
        <xsl:call-template name="rp-fill">
          <xsl:with-param name="text" select="$rp-format/@date"/>
          <xsl:with-param name="a1" select="number(substring($value, 9, 2))"/>
          <xsl:with-param name="a2" select="string($rp-months[number(substring($value, 6, 2))])"/>
          <xsl:with-param name="a3" select="substring($value, 1, 4)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2025-11" -> "Nov 2025" / "Nov. 2025" (format/@month). -->
  <xsl:template name="rp-month">
    <xsl:param name="value"/>
    <xsl:call-template name="rp-fill">
      <xsl:with-param name="text" select="$rp-format/@month"/>
      <xsl:with-param name="a1" select="string($rp-months[number(substring($value, 6, 2))])"/>
      <xsl:with-param name="a2" select="substring($value, 1, 4)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="rp-period">
    <xsl:call-template name="rp-date">
      <xsl:with-param name="value" select="/review-data/@period-start"/>
    </xsl:call-template>
    <xsl:text> – </xsl:text>
    <xsl:call-template name="rp-date">
      <xsl:with-param name="value" select="/review-data/@period-end"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="rp-health-color">
    <xsl:param name="health"/>
    <xsl:choose>
      <xsl:when test="$health = 'unstable'"><xsl:value-of select="$rp-unstable"/></xsl:when>
      <xsl:when test="$health = 'watch'"><xsl:value-of select="$rp-watch"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-stable"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rp-health-label">
    <xsl:param name="health"/>
    <xsl:choose>
      <xsl:when test="$health = 'unstable'"><xsl:value-of select="$L/health.unstable"/></xsl:when>
      <xsl:when test="$health = 'watch'"><xsl:value-of select="$L/health.watch"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$L/health.stable"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A <health-reason> (context node) in the document's language.  The
       merge writes it in English (docs/data-contract.md, health.xml);
       its figures are taken from that sentence and put into the label
       reason.<rule>.  A rule without a label prints the sentence. -->
  <xsl:template name="rp-health-reason">
    <xsl:variable name="n" select="substring-before(., ' ')"/>
    <xsl:variable name="int">
      <xsl:call-template name="rp-int"><xsl:with-param name="value" select="$n"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@rule = 'sla-below-target'">
        <xsl:variable name="pct" select="substring-before(substring-after(., 'compliance '), '%')"/>
        <xsl:variable name="target" select="substring-before(substring-after(., 'below the '), '%')"/>
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k">
            <xsl:choose>
              <xsl:when test="contains(., ' points below')">reason.sla-below-target-points</xsl:when>
              <xsl:otherwise>reason.sla-below-target</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="a1"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="$pct"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="a2"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="$target"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="a3"><xsl:call-template name="rp-number"><xsl:with-param name="value" select="substring-before(substring-after(., 'more than '), ' points')"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="@rule = 'aged-backlog' and $L/reason.aged-backlog">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'reason.aged-backlog'"/>
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="a1" select="$int"/>
          <xsl:with-param name="a2"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="substring-before(substring-after(., 'more than '), ' days')"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$L/*[@k = concat('reason.', current()/@rule)] and string(number($n)) != 'NaN'">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="concat('reason.', @rule)"/>
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="a1" select="$int"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Mon Tue Wed" (the calendar's working days, English three-letter
       names) in the language: its <weekdays>. -->
  <xsl:template name="rp-weekdays">
    <xsl:param name="days"/>
    <xsl:variable name="d" select="normalize-space($days)"/>
    <xsl:if test="$d != ''">
      <xsl:variable name="first">
        <xsl:choose>
          <xsl:when test="contains($d, ' ')"><xsl:value-of select="substring-before($d, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$rp-labels/weekdays/d[@en = $first]">
          <xsl:value-of select="$rp-labels/weekdays/d[@en = $first]"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="contains($d, ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="rp-weekdays">
          <xsl:with-param name="days" select="substring-after($d, ' ')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Health as coloured bold text, e.g. in a table cell. -->
  <xsl:template name="rp-health-inline">
    <xsl:param name="health"/>
    <fo:inline font-weight="bold">
      <xsl:attribute name="color">
        <xsl:call-template name="rp-health-color">
          <xsl:with-param name="health" select="$health"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:call-template name="rp-health-label">
        <xsl:with-param name="health" select="$health"/>
      </xsl:call-template>
    </fo:inline>
  </xsl:template>

  <!-- Labels a ticket log prints on every row, looked up once. -->
  <xsl:variable name="rp-l-sla-met" select="string($L/sla.met)"/>
  <xsl:variable name="rp-l-sla-breached" select="string($L/sla.breached)"/>
  <xsl:variable name="rp-l-sla-pending" select="string($L/sla.pending)"/>
  <xsl:variable name="rp-l-uncategorised" select="string($L/category.none)"/>
  <xsl:variable name="rp-l-status" select="$L/*[starts-with(@k, 'ticket-status.')]"/>

  <xsl:template name="rp-sla-label">
    <xsl:param name="sla"/>
    <xsl:choose>
      <xsl:when test="$sla = 'met'"><xsl:value-of select="$rp-l-sla-met"/></xsl:when>
      <xsl:when test="$sla = 'breached'"><xsl:value-of select="$rp-l-sla-breached"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-l-sla-pending"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A ticket's canonical status (new, open, pending, solved, closed):
       the label ticket-status.<status>. -->
  <xsl:template name="rp-status-label">
    <xsl:param name="status"/>
    <xsl:value-of select="$rp-l-status[@k = concat('ticket-status.', $status)]"/>
  </xsl:template>

  <xsl:template name="rp-category-label">
    <xsl:param name="name"/>
    <xsl:choose>
      <xsl:when test="string($name) != ''"><xsl:value-of select="$name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-l-uncategorised"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- For a context node with the counts (<support>, <program>): the
       tickets solved or closed that the export gives no close time.  They
       count as closed, but not in resolution times, and get no SLA verdict
       the data does not decide (docs/data-contract.md). -->
  <xsl:template name="rp-closed-without-time">
    <xsl:if test="@closed-without-time &gt; 0">
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'support.closed-without-time'"/>
        <xsl:with-param name="n" select="@closed-without-time"/>
        <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@closed-without-time"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- "Billing (40), Hardware (31) and Login (12)" from the <category>
       children of the context node. -->
  <xsl:template name="rp-category-list">
    <xsl:for-each select="category">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"><xsl:value-of select="$L/list.and"/></xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:call-template name="rp-category-label">
        <xsl:with-param name="name" select="@name"/>
      </xsl:call-template>
      <xsl:text> (</xsl:text>
      <xsl:call-template name="rp-int"><xsl:with-param name="value" select="@tickets"/></xsl:call-template>
      <xsl:text>)</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- RAG status of a project as a coloured word. -->
  <xsl:template name="rp-rag-inline">
    <xsl:param name="rag"/>
    <fo:inline font-weight="bold">
      <xsl:attribute name="color">
        <xsl:choose>
          <xsl:when test="$rag = 'red'"><xsl:value-of select="$rp-unstable"/></xsl:when>
          <xsl:when test="$rag = 'amber'"><xsl:value-of select="$rp-watch"/></xsl:when>
          <xsl:when test="$rag = 'green'"><xsl:value-of select="$rp-stable"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$rp-muted"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:choose>
        <xsl:when test="$rag = 'red'"><xsl:value-of select="$L/rag.red"/></xsl:when>
        <xsl:when test="$rag = 'amber'"><xsl:value-of select="$L/rag.amber"/></xsl:when>
        <xsl:when test="$rag = 'green'"><xsl:value-of select="$L/rag.green"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$L/rag.none"/></xsl:otherwise>
      </xsl:choose>
    </fo:inline>
  </xsl:template>

  <!-- Risk severity as a coloured word. -->
  <xsl:template name="rp-severity-inline">
    <xsl:param name="severity"/>
    <fo:inline>
      <xsl:attribute name="color">
        <xsl:choose>
          <xsl:when test="$severity = 'high'"><xsl:value-of select="$rp-unstable"/></xsl:when>
          <xsl:when test="$severity = 'medium'"><xsl:value-of select="$rp-watch"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$rp-text"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="$severity = 'high'">
        <xsl:attribute name="font-weight">bold</xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$severity = 'high'"><xsl:value-of select="$L/severity.high"/></xsl:when>
        <xsl:when test="$severity = 'medium'"><xsl:value-of select="$L/severity.medium"/></xsl:when>
        <xsl:when test="$severity = 'low'"><xsl:value-of select="$L/severity.low"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$severity"/></xsl:otherwise>
      </xsl:choose>
    </fo:inline>
  </xsl:template>

  <!-- A short muted line where a section has nothing to show. -->
  <xsl:template name="rp-empty">
    <xsl:param name="text"/>
    <fo:block color="{$rp-muted}" font-style="italic" space-after="1mm">
      <xsl:value-of select="$text"/>
    </fo:block>
  </xsl:template>

  <!-- "calendar" / "business" hours, for target columns. -->
  <xsl:template name="rp-basis-label">
    <xsl:param name="basis"/>
    <xsl:choose>
      <xsl:when test="$basis = 'business'"><xsl:value-of select="$L/sla.basis.business"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$L/sla.basis.calendar"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A backlog <age> bucket (context node) in the language: "0-7 days",
       "over 90 days"; the table and the chart (charts-data.xsl) say it
       alike. -->
  <xsl:template name="rp-backlog-age-label">
    <xsl:choose>
      <xsl:when test="@max-days">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'backlog.age'"/>
          <xsl:with-param name="a1" select="string(@min-days)"/>
          <xsl:with-param name="a2" select="string(@max-days)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'backlog.age-over'"/>
          <xsl:with-param name="a1" select="@min-days - 1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Backlog at period end: one row per age bucket, by priority. -->
  <xsl:template name="rp-backlog-table">
    <xsl:param name="backlog"/>
    <fo:table xsl:use-attribute-sets="rp-table">
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.open-for"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P1</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P2</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P3</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P4</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.total"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$backlog/age">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td">
              <xsl:with-param name="text"><xsl:call-template name="rp-backlog-age-label"/></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@p1"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@p2"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@p3"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@p4"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <fo:table-row keep-together.within-page="always" background-color="{$rp-brand-light}">
          <xsl:call-template name="rp-td"><xsl:with-param name="text" select="$L/backlog.all"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($backlog/age/@p1)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($backlog/age/@p2)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($backlog/age/@p3)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($backlog/age/@p4)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="$backlog/@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- Milestones table (context: any node; rows from $milestones). -->
  <xsl:template name="rp-milestone-table">
    <xsl:param name="milestones"/>
    <fo:table xsl:use-attribute-sets="rp-table">
      <fo:table-column column-width="proportional-column-width(3.2)"/>
      <fo:table-column column-width="proportional-column-width(1.8)"/>
      <fo:table-column column-width="proportional-column-width(1.4)"/>
      <fo:table-column column-width="proportional-column-width(1.4)"/>
      <fo:table-column column-width="proportional-column-width(1.6)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.milestone"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.owner"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.due"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.completed"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.status"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$milestones">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@name"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@owner"/></xsl:call-template>
            <xsl:call-template name="rp-td">
              <xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@due"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="rp-td">
              <xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@completed"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <fo:table-cell><xsl:copy-of select="$rp-td"/>
              <fo:block>
                <xsl:choose>
                  <xsl:when test="@overdue = 'yes'">
                    <fo:inline color="{$rp-unstable}" font-weight="bold">
                      <xsl:call-template name="rp-say">
                        <xsl:with-param name="k" select="'milestone.overdue'"/>
                        <xsl:with-param name="n" select="@days-overdue"/>
                        <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@days-overdue"/></xsl:call-template></xsl:with-param>
                      </xsl:call-template>
                    </fo:inline>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="@status"/></xsl:otherwise>
                </xsl:choose>
              </fo:block>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- Risks table, with the mitigation under each title. -->
  <xsl:template name="rp-risk-table">
    <xsl:param name="risks"/>
    <fo:table xsl:use-attribute-sets="rp-table">
      <fo:table-column column-width="proportional-column-width(4)"/>
      <fo:table-column column-width="proportional-column-width(1.7)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-column column-width="proportional-column-width(1.4)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.risk-mitigation"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.owner"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.severity"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.due"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.status"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$risks">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <fo:table-cell><xsl:copy-of select="$rp-td"/>
              <fo:block font-weight="bold"><xsl:value-of select="@title"/></fo:block>
              <fo:block color="{$rp-muted}">
                <xsl:choose>
                  <xsl:when test="mitigation"><xsl:value-of select="mitigation"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="$L/risk.no-mitigation"/></xsl:otherwise>
                </xsl:choose>
              </fo:block>
            </fo:table-cell>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@owner"/></xsl:call-template>
            <fo:table-cell><xsl:copy-of select="$rp-td"/>
              <fo:block>
                <xsl:call-template name="rp-severity-inline"><xsl:with-param name="severity" select="@severity"/></xsl:call-template>
              </fo:block>
            </fo:table-cell>
            <xsl:call-template name="rp-td">
              <xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@due"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@status"/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- Roles table: who fills each role, unfilled ones in red. -->
  <xsl:template name="rp-role-table">
    <xsl:param name="roles"/>
    <fo:table xsl:use-attribute-sets="rp-table">
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2.5)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.role"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.person"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.project-account"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.allocation"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$roles">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@role"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
            <fo:table-cell><xsl:copy-of select="$rp-td"/>
              <fo:block>
                <xsl:choose>
                  <xsl:when test="@filled = 'yes'"><xsl:value-of select="@person"/></xsl:when>
                  <xsl:otherwise>
                    <fo:inline color="{$rp-unstable}" font-weight="bold"><xsl:value-of select="$L/role.unfilled"/></fo:inline>
                  </xsl:otherwise>
                </xsl:choose>
              </fo:block>
            </fo:table-cell>
            <xsl:call-template name="rp-td">
              <xsl:with-param name="text">
                <xsl:variable name="pid" select="@project-id"/>
                <xsl:choose>
                  <xsl:when test="/review-data/program/projects/project[@id = $pid]">
                    <xsl:value-of select="/review-data/program/projects/project[@id = $pid]/@name"/>
                  </xsl:when>
                  <xsl:when test="../../self::account">
                    <xsl:value-of select="../../@name"/>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="$L/program-wide"/></xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="rp-td-num">
              <xsl:with-param name="text">
                <xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@allocation-pct"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- Monthly volume by priority.  Up to 13 months (the default period is
       12) the months are columns, which keeps the table six rows high;
       longer periods get one row per month instead. -->
  <xsl:template name="rp-month-table">
    <xsl:param name="months"/>
    <xsl:choose>
      <xsl:when test="count($months) &lt;= 13">
        <xsl:call-template name="rp-month-table-wide">
          <xsl:with-param name="months" select="$months"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-month-table-long">
          <xsl:with-param name="months" select="$months"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rp-month-table-wide">
    <xsl:param name="months"/>
    <fo:table xsl:use-attribute-sets="rp-table" font-size="8pt">
      <fo:table-column column-width="19mm"/>
      <xsl:for-each select="$months">
        <fo:table-column column-width="proportional-column-width(1)"/>
      </xsl:for-each>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.priority"/></xsl:call-template>
          <xsl:for-each select="$months">
            <fo:table-cell xsl:use-attribute-sets="rp-th">
              <fo:block xsl:use-attribute-sets="rp-th-block" text-align="end">
                <xsl:value-of select="$rp-months[number(substring(current()/@month, 6, 2))]"/>
              </fo:block>
              <fo:block text-align="end" color="#ffffff" font-size="6.5pt">
                <xsl:value-of select="substring(@month, 1, 4)"/>
              </fo:block>
            </fo:table-cell>
          </xsl:for-each>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.total"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <!-- One row per priority; <month> has p1..p4 for P1..P4. -->
        <xsl:for-each select="/review-data/sla-targets/target[not(@tier)]">
          <xsl:variable name="attr" select="concat('p', substring(@priority, 2))"/>
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td">
              <xsl:with-param name="text" select="@priority"/>
              <xsl:with-param name="bold" select="true()"/>
            </xsl:call-template>
            <xsl:for-each select="$months">
              <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@*[name() = $attr]"/></xsl:call-template>
            </xsl:for-each>
            <xsl:call-template name="rp-td-num">
              <xsl:with-param name="value" select="sum($months/@*[name() = $attr])"/>
              <xsl:with-param name="bold" select="true()"/>
            </xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <fo:table-row keep-together.within-page="always" background-color="{$rp-brand-light}">
          <xsl:call-template name="rp-td"><xsl:with-param name="text" select="$L/th.total"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:for-each select="$months">
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          </xsl:for-each>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($months/@tickets)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="rp-month-table-long">
    <xsl:param name="months"/>
    <fo:table xsl:use-attribute-sets="rp-table">
      <fo:table-column column-width="proportional-column-width(2)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.month"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P1</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P2</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P3</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P4</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.total"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$months">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td">
              <xsl:with-param name="text"><xsl:call-template name="rp-month"><xsl:with-param name="value" select="@month"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@p1"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@p2"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@p3"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@p4"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <fo:table-row keep-together.within-page="always" background-color="{$rp-brand-light}">
          <xsl:call-template name="rp-td"><xsl:with-param name="text" select="$L/th.total"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($months/@p1)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($months/@p2)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($months/@p3)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($months/@p4)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="sum($months/@tickets)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

</xsl:stylesheet>
