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
    exclude-result-prefixes="exsl">

  <!-- Palette: one muted brand blue, greys, and the three health colours. -->
  <xsl:variable name="rp-brand">#1f3a5f</xsl:variable>
  <xsl:variable name="rp-brand-light">#e8eef5</xsl:variable>
  <xsl:variable name="rp-text">#1a1a1a</xsl:variable>
  <xsl:variable name="rp-muted">#6b7280</xsl:variable>
  <xsl:variable name="rp-rule">#c9d1dc</xsl:variable>
  <xsl:variable name="rp-zebra">#f3f5f8</xsl:variable>
  <xsl:variable name="rp-stable">#2e7d32</xsl:variable>
  <xsl:variable name="rp-watch">#b26a00</xsl:variable>
  <xsl:variable name="rp-unstable">#c62828</xsl:variable>

  <xsl:variable name="rp-sans">DejaVu Sans</xsl:variable>
  <xsl:variable name="rp-serif">DejaVu Serif</xsl:variable>

  <!-- ============================ pages ============================ -->

  <xsl:variable name="rp-page-width">210mm</xsl:variable>
  <xsl:variable name="rp-page-height">297mm</xsl:variable>

  <!-- A4, 20 mm margins; header and footer live inside the margins' inner
       edge, the body keeps 12 mm clear of them. -->
  <xsl:template name="rp-layout-master-set">
    <fo:layout-master-set>
      <fo:simple-page-master master-name="A4" page-width="{$rp-page-width}"
          page-height="{$rp-page-height}" margin-top="20mm" margin-bottom="20mm"
          margin-left="20mm" margin-right="20mm">
        <fo:region-body margin-top="12mm" margin-bottom="12mm"/>
        <fo:region-before extent="8mm"/>
        <fo:region-after extent="8mm"/>
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
      <fo:block font-family="{$rp-sans}" font-size="8pt" color="{$rp-muted}"
          text-align="start" padding-bottom="2pt"
          border-bottom="0.5pt solid {$rp-rule}">
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
      <fo:block font-family="{$rp-sans}" font-size="8pt" color="{$rp-muted}"
          text-align="center" padding-top="2pt"
          border-top="0.5pt solid {$rp-rule}">
        <xsl:text>Review period </xsl:text>
        <xsl:call-template name="rp-period"/>
        <xsl:text> · Page </xsl:text>
        <fo:page-number/>
        <xsl:text> of </xsl:text>
        <fo:page-number-citation-last ref-id="{$sequence-id}"/>
        <xsl:if test="string($footer-note) != ''">
          <xsl:text> · </xsl:text>
          <fo:inline font-weight="bold" color="{$rp-brand}">
            <xsl:value-of select="$footer-note"/>
          </fo:inline>
        </xsl:if>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- A word across the whole page, behind its content (z-index -1):
       DRAFT on an unapproved document.  Fixed to the page, not to the
       region, so it sits in the page's middle whatever the margins; in
       static content, so every page has it. -->
  <xsl:template name="rp-watermark">
    <xsl:param name="text"/>
    <fo:block-container absolute-position="fixed" top="0pt" left="0pt"
        width="{$rp-page-width}" height="{$rp-page-height}" z-index="-1"
        display-align="center">
      <fo:block text-align="center" font-family="{$rp-sans}"
          font-size="110pt" font-weight="bold" color="#E4E4E4">
        <xsl:value-of select="$text"/>
      </fo:block>
    </fo:block-container>
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
        <xsl:text>Approved by </xsl:text>
        <xsl:value-of select="$approved-by"/>
        <xsl:text> on </xsl:text>
        <xsl:call-template name="rp-date">
          <xsl:with-param name="value" select="$approved-on"/>
        </xsl:call-template>
      </fo:block>
      <fo:block color="{$rp-muted}" font-size="8pt" space-before="0.5mm">
        <xsl:text>Document fingerprint </xsl:text>
        <fo:inline font-family="DejaVu Sans Mono">
          <xsl:value-of select="$fingerprint"/>
        </fo:inline>
        <xsl:text> · the content of this document is locked by its approval</xsl:text>
      </fo:block>
    </fo:block>
  </xsl:template>

  <!-- ========================== type scale ========================= -->

  <xsl:attribute-set name="rp-body">
    <xsl:attribute name="font-family"><xsl:value-of select="$rp-sans"/></xsl:attribute>
    <xsl:attribute name="font-size">9.5pt</xsl:attribute>
    <xsl:attribute name="line-height">1.35</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-text"/></xsl:attribute>
  </xsl:attribute-set>

  <!-- role: the heading level of the tagged PDF (docs/fo-subset.md). -->
  <xsl:attribute-set name="rp-title">
    <xsl:attribute name="role">H1</xsl:attribute>
    <xsl:attribute name="font-family"><xsl:value-of select="$rp-serif"/></xsl:attribute>
    <xsl:attribute name="font-size">24pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-brand"/></xsl:attribute>
    <xsl:attribute name="line-height">1.2</xsl:attribute>
    <xsl:attribute name="space-after">2mm</xsl:attribute>
  </xsl:attribute-set>

  <xsl:attribute-set name="rp-subject">
    <xsl:attribute name="font-size">18pt</xsl:attribute>
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
    <xsl:attribute name="font-size">13pt</xsl:attribute>
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
    <xsl:attribute name="font-size">8pt</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-muted"/></xsl:attribute>
    <xsl:attribute name="space-before">1.5mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- ============================ tables =========================== -->

  <xsl:attribute-set name="rp-table">
    <xsl:attribute name="table-layout">fixed</xsl:attribute>
    <xsl:attribute name="width">100%</xsl:attribute>
    <xsl:attribute name="font-size">8.5pt</xsl:attribute>
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
       as literal result attributes: a ticket log has thousands of cells,
       and libxslt instantiates an attribute set's xsl:attribute elements
       anew for every cell (a fifth of a review's transform). -->
  <xsl:template name="rp-td">
    <xsl:param name="text"/>
    <xsl:param name="align" select="'start'"/>
    <xsl:param name="bold" select="false()"/>
    <fo:table-cell padding-top="2pt" padding-bottom="2pt" padding-left="3pt"
        padding-right="3pt" border-bottom="0.5pt solid {$rp-rule}">
      <fo:block text-align="{$align}">
        <xsl:if test="$bold">
          <xsl:attribute name="font-weight">bold</xsl:attribute>
        </xsl:if>
        <xsl:value-of select="$text"/>
      </fo:block>
    </fo:table-cell>
  </xsl:template>

  <xsl:template name="rp-td-num">
    <xsl:param name="text"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:call-template name="rp-td">
      <xsl:with-param name="text" select="$text"/>
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

  <xsl:template name="rp-pct">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string($value) != ''"><xsl:value-of select="$value"/>%</xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rp-hours">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string($value) != ''"><xsl:value-of select="$value"/> h</xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- English business style, like the rest of the wording: 1,250,000. -->
  <xsl:decimal-format name="rp-numbers" grouping-separator=","
      decimal-separator="."/>

  <xsl:template name="rp-int">
    <xsl:param name="value"/>
    <xsl:value-of select="format-number($value, '#,##0', 'rp-numbers')"/>
  </xsl:template>

  <xsl:template name="rp-money">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string($value) != ''">
        <xsl:value-of select="format-number($value, '#,##0', 'rp-numbers')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rp-month-name">
    <xsl:param name="m"/>
    <xsl:value-of select="substring('JanFebMarAprMayJunJulAugSepOctNovDec',
                                    ($m - 1) * 3 + 1, 3)"/>
  </xsl:template>

  <!-- "2025-11-01" or "2025-11-01T09:12:00Z" -> "1 Nov 2025". -->
  <xsl:template name="rp-date">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string-length($value) &gt;= 10">
        <xsl:value-of select="number(substring($value, 9, 2))"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="rp-month-name">
          <xsl:with-param name="m" select="number(substring($value, 6, 2))"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring($value, 1, 4)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
    </xsl:choose>
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
      <xsl:when test="$health = 'unstable'">Unstable</xsl:when>
      <xsl:when test="$health = 'watch'">Watch</xsl:when>
      <xsl:otherwise>Stable</xsl:otherwise>
    </xsl:choose>
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

  <xsl:template name="rp-sla-label">
    <xsl:param name="sla"/>
    <xsl:choose>
      <xsl:when test="$sla = 'met'">Met</xsl:when>
      <xsl:when test="$sla = 'breached'">Breached</xsl:when>
      <xsl:otherwise>Pending</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="rp-status-label">
    <xsl:param name="status"/>
    <xsl:value-of select="concat(translate(substring($status, 1, 1),
                          'abcdefghijklmnopqrstuvwxyz',
                          'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($status, 2))"/>
  </xsl:template>

  <xsl:template name="rp-category-label">
    <xsl:param name="name"/>
    <xsl:choose>
      <xsl:when test="string($name) != ''"><xsl:value-of select="$name"/></xsl:when>
      <xsl:otherwise>Uncategorised</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- For a context node with the counts (<support>, <program>): the
       tickets solved or closed that the export gives no close time.  They
       count as closed, but not in resolution times, and get no SLA verdict
       the data does not decide (docs/data-contract.md). -->
  <xsl:template name="rp-closed-without-time">
    <xsl:if test="@closed-without-time &gt; 0">
      <xsl:call-template name="rp-int"><xsl:with-param name="value" select="@closed-without-time"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="@closed-without-time = 1"><xsl:text> ticket was</xsl:text></xsl:when>
        <xsl:otherwise><xsl:text> tickets were</xsl:text></xsl:otherwise>
      </xsl:choose>
      <xsl:text> closed without a recorded close time: counted as closed, left out of the resolution times. </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- "Billing (40), Hardware (31) and Login (12)" from the <category>
       children of the context node. -->
  <xsl:template name="rp-category-list">
    <xsl:for-each select="category">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> and </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:call-template name="rp-category-label">
        <xsl:with-param name="name" select="@name"/>
      </xsl:call-template>
      <xsl:value-of select="concat(' (', @tickets, ')')"/>
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
        <xsl:when test="$rag = 'red'">Red</xsl:when>
        <xsl:when test="$rag = 'amber'">Amber</xsl:when>
        <xsl:when test="$rag = 'green'">Green</xsl:when>
        <xsl:otherwise>Not reported</xsl:otherwise>
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
      <xsl:value-of select="concat(translate(substring($severity, 1, 1), 'lmh', 'LMH'), substring($severity, 2))"/>
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
      <xsl:when test="$basis = 'business'">business h</xsl:when>
      <xsl:otherwise>calendar h</xsl:otherwise>
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
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Open for</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P1</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P2</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P3</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P4</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Total</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$backlog/age">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@label"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@p1"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@p2"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@p3"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@p4"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <fo:table-row keep-together.within-page="always" background-color="{$rp-brand-light}">
          <xsl:call-template name="rp-td"><xsl:with-param name="text">All open tickets</xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($backlog/age/@p1)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($backlog/age/@p2)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($backlog/age/@p3)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($backlog/age/@p4)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="$backlog/@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
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
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Milestone</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Owner</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Due</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Completed</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Status</xsl:with-param></xsl:call-template>
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
                      <xsl:value-of select="concat('Overdue ', @days-overdue, ' d')"/>
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
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Risk and mitigation</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Owner</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Severity</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Due</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Status</xsl:with-param></xsl:call-template>
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
                  <xsl:otherwise>No mitigation recorded.</xsl:otherwise>
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
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Role</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Person</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Project or account</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Allocation</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
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
                    <fo:inline color="{$rp-unstable}" font-weight="bold">Unfilled</fo:inline>
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
                  <xsl:otherwise>Program-wide</xsl:otherwise>
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
      <fo:table-column column-width="15mm"/>
      <xsl:for-each select="$months">
        <fo:table-column column-width="proportional-column-width(1)"/>
      </xsl:for-each>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Priority</xsl:with-param></xsl:call-template>
          <xsl:for-each select="$months">
            <fo:table-cell xsl:use-attribute-sets="rp-th">
              <fo:block xsl:use-attribute-sets="rp-th-block" text-align="end">
                <xsl:value-of select="substring-before(@label, ' ')"/>
              </fo:block>
              <fo:block text-align="end" color="#ffffff" font-size="6.5pt">
                <xsl:value-of select="substring-after(@label, ' ')"/>
              </fo:block>
            </fo:table-cell>
          </xsl:for-each>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Total</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
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
              <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@*[name() = $attr]"/></xsl:call-template>
            </xsl:for-each>
            <xsl:call-template name="rp-td-num">
              <xsl:with-param name="text" select="sum($months/@*[name() = $attr])"/>
              <xsl:with-param name="bold" select="true()"/>
            </xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <fo:table-row keep-together.within-page="always" background-color="{$rp-brand-light}">
          <xsl:call-template name="rp-td"><xsl:with-param name="text">Total</xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:for-each select="$months">
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          </xsl:for-each>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($months/@tickets)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
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
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Month</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P1</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P2</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P3</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P4</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Total</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$months">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@label"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@p1"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@p2"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@p3"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@p4"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <fo:table-row keep-together.within-page="always" background-color="{$rp-brand-light}">
          <xsl:call-template name="rp-td"><xsl:with-param name="text">Total</xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($months/@p1)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($months/@p2)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($months/@p3)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($months/@p4)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="sum($months/@tickets)"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

</xsl:stylesheet>
