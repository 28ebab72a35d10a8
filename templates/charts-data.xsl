<?xml version="1.0" encoding="UTF-8"?>
<!--
  Charts of the review data (the domain layer over charts.xsl): for one
  account, its ticket volume by priority, SLA trend against the target
  and backlog by age; for the portfolio, its health, SLA by account and
  budget against actual.  Each takes the node it draws from and gives a
  block (chart and caption), or a sentence when there is nothing to draw.
  The documents import this file.  Documented in docs/templates.md,
  "Charts".
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

  <xsl:import href="charts.xsl"/>

  <!-- ===================== domain: one account ===================== -->

  <!-- The months of support as categories: "Nov" over its year, the year
       shown on the first month and on each January. -->
  <xsl:template name="rp-chart-month-category">
    <xsl:attribute name="label">
      <xsl:call-template name="rp-month-name">
        <xsl:with-param name="m" select="number(substring(@month, 6, 2))"/>
      </xsl:call-template>
    </xsl:attribute>
    <xsl:if test="position() = 1 or substring(@month, 6, 2) = '01'">
      <xsl:attribute name="sub"><xsl:value-of select="substring(@month, 1, 4)"/></xsl:attribute>
    </xsl:if>
    <xsl:attribute name="alt-label">
      <xsl:call-template name="rp-month"><xsl:with-param name="value" select="@month"/></xsl:call-template>
    </xsl:attribute>
  </xsl:template>

  <!-- What follows a percentage on an axis and in a text alternative:
       "%" in English, " %" in German (format/@percent). -->
  <xsl:variable name="rp-chart-pct" select="substring-after($rp-format/@percent, '{1}')"/>

  <xsl:variable name="rp-chart-priorities-rtf">
    <s label="P1"/><s label="P2"/><s label="P3"/><s label="P4"/>
  </xsl:variable>

  <!-- rp-chart-ticket-volume: tickets created per month, stacked by
     priority, from support/month.
       account         the <account> element
       title           string: the caption
       y-title         string (default 'Tickets')
       alt-intro       string
       empty-sentence  string: when the account had no ticket -->
  <xsl:template name="rp-chart-ticket-volume">
    <xsl:param name="account"/>
    <xsl:param name="title" select="string($L/chart.volume.title)"/>
    <xsl:param name="y-title" select="string($L/chart.volume.y-title)"/>
    <xsl:param name="alt-intro" select="string($L/chart.volume.alt-intro)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.volume.empty-sentence)"/>
    <xsl:variable name="data-rtf">
      <xsl:for-each select="$account/support/month">
        <c>
          <xsl:call-template name="rp-chart-month-category"/>
          <v><xsl:value-of select="@p1"/></v><v><xsl:value-of select="@p2"/></v>
          <v><xsl:value-of select="@p3"/></v><v><xsl:value-of select="@p4"/></v>
        </c>
      </xsl:for-each>
    </xsl:variable>
    <fo:block keep-together.within-page="always">
      <xsl:choose>
        <xsl:when test="not($account/support/@tickets &gt; 0)">
          <xsl:call-template name="rp-chart-empty">
            <xsl:with-param name="text" select="$empty-sentence"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="rp-chart-stacked-bars">
            <xsl:with-param name="data" select="exsl:node-set($data-rtf)/*"/>
            <xsl:with-param name="series" select="exsl:node-set($rp-chart-priorities-rtf)/*"/>
            <xsl:with-param name="y-title" select="$y-title"/>
            <xsl:with-param name="thin" select="'yes'"/>
            <xsl:with-param name="alt-intro" select="$alt-intro"/>
          </xsl:call-template>
          <xsl:call-template name="rp-chart-caption">
            <xsl:with-param name="text" select="$title"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <!-- rp-chart-sla-trend: SLA met % per month (met / (met + breached) of
     the tickets created that month, pending and unknown left out, as
     support/@sla-met-pct is computed) against the compliance target.
     Needs the account's tickets (a review's snapshot has them).
       account         the <account> element
       target          number: the target % (default: sla-targets'
                       compliance-target-pct)
       title, y-title, target-label, alt-intro, none-word, empty-sentence
                       strings
     A single month with a figure is said in a sentence (chart.sla.one-
     month), not drawn as a lone point. -->
  <xsl:template name="rp-chart-sla-trend">
    <xsl:param name="account"/>
    <xsl:param name="target" select="/review-data/sla-targets/@compliance-target-pct"/>
    <xsl:param name="title" select="string($L/chart.sla.title)"/>
    <xsl:param name="y-title" select="string($L/chart.sla.y-title)"/>
    <xsl:param name="series-label" select="string($L/chart.sla.series-label)"/>
    <xsl:param name="target-label" select="string($L/chart.target)"/>
    <xsl:param name="alt-intro" select="string($L/chart.sla.alt-intro)"/>
    <xsl:param name="none-word" select="string($L/chart.sla.none-word)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.sla.empty-sentence)"/>
    <!-- Each month's compliance, as the merge counted it (a month
         without a decided ticket has no sla-met-pct: a gap). -->
    <xsl:variable name="data-rtf">
      <xsl:for-each select="$account/support/month">
        <c>
          <xsl:call-template name="rp-chart-month-category"/>
          <v><xsl:value-of select="@sla-met-pct"/></v>
        </c>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="series-rtf"><s label="{$series-label}"/></xsl:variable>
    <xsl:variable name="valued" select="exsl:node-set($data-rtf)/*[*[number(.) = number(.)]]"/>
    <fo:block keep-together.within-page="always">
      <xsl:choose>
        <!-- One month with a figure is no trend: the figure in words. -->
        <xsl:when test="count($valued) = 1">
          <xsl:call-template name="rp-chart-empty">
            <xsl:with-param name="text">
              <xsl:call-template name="rp-say">
                <xsl:with-param name="k" select="'chart.sla.one-month'"/>
                <xsl:with-param name="a1" select="string($valued/@alt-label)"/>
                <xsl:with-param name="a2"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="number($valued/*)"/></xsl:call-template></xsl:with-param>
                <xsl:with-param name="a3"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="$target"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
      <xsl:call-template name="rp-chart-line">
        <xsl:with-param name="data" select="exsl:node-set($data-rtf)/*"/>
        <xsl:with-param name="series" select="exsl:node-set($series-rtf)/*"/>
        <xsl:with-param name="y-title" select="$y-title"/>
        <xsl:with-param name="suffix" select="$rp-chart-pct"/>
        <xsl:with-param name="y-min" select="'auto'"/>
        <xsl:with-param name="y-max" select="100"/>
        <xsl:with-param name="target" select="$target"/>
        <xsl:with-param name="target-label" select="$target-label"/>
        <xsl:with-param name="alt-intro" select="$alt-intro"/>
        <xsl:with-param name="none-word" select="$none-word"/>
        <xsl:with-param name="empty-sentence" select="$empty-sentence"/>
      </xsl:call-template>
      <xsl:if test="$valued">
        <xsl:call-template name="rp-chart-caption">
          <xsl:with-param name="text" select="$title"/>
        </xsl:call-template>
      </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <!-- rp-chart-backlog-age: tickets open at the period end by age bucket,
     stacked by priority, from support/backlog/age (program/backlog too).
       backlog         the <backlog> element
       title, y-title, alt-intro, empty-sentence  strings -->
  <xsl:template name="rp-chart-backlog-age">
    <xsl:param name="backlog"/>
    <xsl:param name="title" select="string($L/chart.backlog.title)"/>
    <xsl:param name="y-title" select="string($L/chart.backlog.y-title)"/>
    <xsl:param name="alt-intro" select="string($L/chart.backlog.alt-intro)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.backlog.empty-sentence)"/>
    <xsl:variable name="data-rtf">
      <xsl:for-each select="$backlog/age">
        <c>
          <xsl:attribute name="label">
            <xsl:call-template name="rp-backlog-age-label"/>
          </xsl:attribute>
          <v><xsl:value-of select="@p1"/></v><v><xsl:value-of select="@p2"/></v>
          <v><xsl:value-of select="@p3"/></v><v><xsl:value-of select="@p4"/></v>
        </c>
      </xsl:for-each>
    </xsl:variable>
    <fo:block keep-together.within-page="always">
      <xsl:choose>
        <xsl:when test="not($backlog/@tickets &gt; 0)">
          <xsl:call-template name="rp-chart-empty">
            <xsl:with-param name="text" select="$empty-sentence"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="rp-chart-stacked-bars">
            <xsl:with-param name="data" select="exsl:node-set($data-rtf)/*"/>
            <xsl:with-param name="series" select="exsl:node-set($rp-chart-priorities-rtf)/*"/>
            <xsl:with-param name="height" select="140"/>
            <xsl:with-param name="y-title" select="$y-title"/>
            <xsl:with-param name="alt-intro" select="$alt-intro"/>
          </xsl:call-template>
          <xsl:call-template name="rp-chart-caption">
            <xsl:with-param name="text" select="$title"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <!-- ====================== domain: portfolio ====================== -->

  <!-- rp-chart-health: accounts by health, from program/@accounts-*.
       program         the <program> element
       stable-label, watch-label, unstable-label, title, x-title,
       alt-intro, empty-sentence  strings -->
  <xsl:template name="rp-chart-health">
    <xsl:param name="program"/>
    <xsl:param name="stable-label" select="string($L/health.stable)"/>
    <xsl:param name="watch-label" select="string($L/health.watch)"/>
    <xsl:param name="unstable-label" select="string($L/health.unstable)"/>
    <xsl:param name="title" select="string($L/chart.health.title)"/>
    <xsl:param name="x-title" select="string($L/chart.health.x-title)"/>
    <xsl:param name="alt-intro" select="string($L/chart.health.alt-intro)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.health.empty-sentence)"/>
    <!-- Okabe-Ito green, orange, vermillion: told apart by colour-blind
         readers, and by the names beside the bars in grey. -->
    <xsl:variable name="data-rtf">
      <c label="{$stable-label}" colour="#009E73"><v><xsl:value-of select="$program/@accounts-stable"/></v></c>
      <c label="{$watch-label}" colour="#E69F00"><v><xsl:value-of select="$program/@accounts-watch"/></v></c>
      <c label="{$unstable-label}" colour="#D55E00"><v><xsl:value-of select="$program/@accounts-unstable"/></v></c>
    </xsl:variable>
    <fo:block keep-together.within-page="always">
      <xsl:choose>
        <xsl:when test="not($program/@accounts &gt; 0)">
          <xsl:call-template name="rp-chart-empty">
            <xsl:with-param name="text" select="$empty-sentence"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="rp-chart-hbars">
            <xsl:with-param name="data" select="exsl:node-set($data-rtf)/*"/>
            <xsl:with-param name="row" select="14"/>
            <xsl:with-param name="integer" select="'yes'"/>
            <xsl:with-param name="x-title" select="$x-title"/>
            <xsl:with-param name="alt-intro" select="$alt-intro"/>
          </xsl:call-template>
          <xsl:call-template name="rp-chart-caption">
            <xsl:with-param name="text" select="$title"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <!-- rp-chart-sla-by-account: each account's SLA met % (support/
     @sla-met-pct), lowest first, the compliance target marked; at most
     max-bars accounts, the rest named in a note.  Accounts without a
     decided ticket have no percentage and are counted in the caption.
       accounts        node-set of <account>
       target          number (default: sla-targets' compliance-target-pct)
       max-bars        number (default 25)
       title, x-title, target-label, below-label, above-label, more-note,
       unmeasured-note ({n} replaced), alt-intro, empty-sentence  strings -->
  <xsl:template name="rp-chart-sla-by-account">
    <xsl:param name="accounts"/>
    <xsl:param name="target" select="/review-data/sla-targets/@compliance-target-pct"/>
    <xsl:param name="max-bars" select="25"/>
    <xsl:param name="title" select="string($L/chart.sla-accounts.title)"/>
    <xsl:param name="x-title" select="string($L/chart.sla.y-title)"/>
    <xsl:param name="target-label" select="string($L/chart.target)"/>
    <xsl:param name="below-label" select="string($L/chart.below-target)"/>
    <xsl:param name="above-label" select="string($L/chart.above-target)"/>
    <xsl:param name="more-note" select="string($L/chart.sla-accounts.more-note)"/>
    <xsl:param name="unmeasured-note" select="string($L/chart.sla-accounts.unmeasured-note)"/>
    <xsl:param name="alt-intro" select="string($L/chart.sla-accounts.alt-intro)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.sla-accounts.empty-sentence)"/>
    <xsl:variable name="data-rtf">
      <xsl:for-each select="$accounts[support/@sla-met-pct]">
        <c label="{@name}"><v><xsl:value-of select="support/@sla-met-pct"/></v></c>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="unmeasured" select="count($accounts[not(support/@sla-met-pct)])"/>
    <fo:block>
      <xsl:call-template name="rp-chart-hbars">
        <xsl:with-param name="data" select="exsl:node-set($data-rtf)/*"/>
        <xsl:with-param name="sort" select="'ascending'"/>
        <xsl:with-param name="max-bars" select="$max-bars"/>
        <xsl:with-param name="x-max" select="100"/>
        <xsl:with-param name="suffix" select="$rp-chart-pct"/>
        <xsl:with-param name="target" select="$target"/>
        <xsl:with-param name="target-label" select="$target-label"/>
        <xsl:with-param name="below-label" select="$below-label"/>
        <xsl:with-param name="above-label" select="$above-label"/>
        <xsl:with-param name="x-title" select="$x-title"/>
        <xsl:with-param name="more-note" select="$more-note"/>
        <xsl:with-param name="alt-intro" select="$alt-intro"/>
        <xsl:with-param name="empty-sentence" select="$empty-sentence"/>
      </xsl:call-template>
      <xsl:if test="$accounts[support/@sla-met-pct]">
        <xsl:call-template name="rp-chart-caption">
          <xsl:with-param name="text">
            <xsl:value-of select="$title"/>
            <xsl:if test="$unmeasured &gt; 0">
              <xsl:call-template name="rp-chart-fill">
                <xsl:with-param name="text" select="$unmeasured-note"/>
                <xsl:with-param name="n" select="$unmeasured"/>
              </xsl:call-template>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <!-- rp-chart-budget: budget against actual per project (grouped bars),
     from program/projects/project.  Over max-projects projects, those
     furthest over budget (largest variance) are shown, with a note.
       projects        node-set of <project>
       max-projects    number (default 12)
       budget-label, actual-label, title, y-title, more-note ({n},
       {total} replaced), alt-intro, empty-sentence  strings -->
  <xsl:template name="rp-chart-budget">
    <xsl:param name="projects"/>
    <xsl:param name="max-projects" select="12"/>
    <xsl:param name="budget-label" select="string($L/chart.budget.budget-label)"/>
    <xsl:param name="actual-label" select="string($L/chart.budget.actual-label)"/>
    <xsl:param name="title" select="string($L/chart.budget.title)"/>
    <xsl:param name="y-title" select="string($L/chart.budget.y-title)"/>
    <xsl:param name="more-note" select="string($L/chart.budget.more-note)"/>
    <xsl:param name="alt-intro" select="string($L/chart.budget.alt-intro)"/>
    <xsl:param name="empty-sentence" select="string($L/chart.budget.empty-sentence)"/>
    <xsl:variable name="data-rtf">
      <xsl:for-each select="$projects">
        <xsl:sort select="(count($projects) &gt; $max-projects) * -@variance" data-type="number"/>
        <xsl:if test="position() &lt;= $max-projects">
          <c label="{@name}" alt-label="{@name} ({@id})">
            <v><xsl:value-of select="@budget"/></v><v><xsl:value-of select="@actual"/></v>
          </c>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="series-rtf">
      <s label="{$budget-label}"/><s label="{$actual-label}"/>
    </xsl:variable>
    <fo:block keep-together.within-page="always">
      <xsl:call-template name="rp-chart-grouped-bars">
        <xsl:with-param name="data" select="exsl:node-set($data-rtf)/*"/>
        <xsl:with-param name="series" select="exsl:node-set($series-rtf)/*"/>
        <xsl:with-param name="y-title" select="$y-title"/>
        <xsl:with-param name="alt-intro" select="$alt-intro"/>
        <xsl:with-param name="empty-sentence" select="$empty-sentence"/>
      </xsl:call-template>
      <xsl:if test="$projects">
        <xsl:call-template name="rp-chart-caption">
          <xsl:with-param name="text">
            <xsl:value-of select="$title"/>
            <xsl:if test="count($projects) &gt; $max-projects">
              <xsl:call-template name="rp-chart-fill">
                <xsl:with-param name="text" select="$more-note"/>
                <xsl:with-param name="n" select="$max-projects"/>
                <xsl:with-param name="total" select="count($projects)"/>
              </xsl:call-template>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </fo:block>
  </xsl:template>

</xsl:stylesheet>
