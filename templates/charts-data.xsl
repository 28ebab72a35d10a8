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
    <xsl:attribute name="alt-label"><xsl:value-of select="@label"/></xsl:attribute>
  </xsl:template>

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
    <xsl:param name="title" select="'Tickets raised per month, by priority.'"/>
    <xsl:param name="y-title" select="'Tickets'"/>
    <xsl:param name="alt-intro" select="'Stacked bar chart of the tickets raised per month, by priority P1 to P4.'"/>
    <xsl:param name="empty-sentence" select="'No tickets were raised in the review period, so there is no monthly volume to show.'"/>
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
                       strings -->
  <xsl:template name="rp-chart-sla-trend">
    <xsl:param name="account"/>
    <xsl:param name="target" select="/review-data/sla-targets/@compliance-target-pct"/>
    <xsl:param name="title" select="'SLA met per month (tickets created that month; months without a decided ticket are gaps).'"/>
    <xsl:param name="y-title" select="'SLA met'"/>
    <xsl:param name="series-label" select="'SLA met %'"/>
    <xsl:param name="target-label" select="'Target'"/>
    <xsl:param name="alt-intro" select="'Line chart of the share of tickets that met their SLA, per month of creation.'"/>
    <xsl:param name="none-word" select="'no decided ticket'"/>
    <xsl:param name="empty-sentence" select="'No ticket of the review period has a decided SLA yet, so there is no SLA trend to show.'"/>
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
    <fo:block keep-together.within-page="always">
      <xsl:call-template name="rp-chart-line">
        <xsl:with-param name="data" select="exsl:node-set($data-rtf)/*"/>
        <xsl:with-param name="series" select="exsl:node-set($series-rtf)/*"/>
        <xsl:with-param name="y-title" select="$y-title"/>
        <xsl:with-param name="suffix" select="'%'"/>
        <xsl:with-param name="y-min" select="'auto'"/>
        <xsl:with-param name="y-max" select="100"/>
        <xsl:with-param name="target" select="$target"/>
        <xsl:with-param name="target-label" select="$target-label"/>
        <xsl:with-param name="alt-intro" select="$alt-intro"/>
        <xsl:with-param name="none-word" select="$none-word"/>
        <xsl:with-param name="empty-sentence" select="$empty-sentence"/>
      </xsl:call-template>
      <xsl:if test="exsl:node-set($data-rtf)/*/*[number(.) = number(.)]">
        <xsl:call-template name="rp-chart-caption">
          <xsl:with-param name="text" select="$title"/>
        </xsl:call-template>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <!-- rp-chart-backlog-age: tickets open at the period end by age bucket,
     stacked by priority, from support/backlog/age (program/backlog too).
       backlog         the <backlog> element
       title, y-title, alt-intro, empty-sentence  strings -->
  <xsl:template name="rp-chart-backlog-age">
    <xsl:param name="backlog"/>
    <xsl:param name="title" select="'Tickets open at the end of the period, by age and priority.'"/>
    <xsl:param name="y-title" select="'Open tickets'"/>
    <xsl:param name="alt-intro" select="'Stacked bar chart of the tickets open at the end of the period, by age and priority P1 to P4.'"/>
    <xsl:param name="empty-sentence" select="'No ticket was open at the end of the period.'"/>
    <xsl:variable name="data-rtf">
      <xsl:for-each select="$backlog/age">
        <c label="{@label}">
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
    <xsl:param name="stable-label" select="'Stable'"/>
    <xsl:param name="watch-label" select="'Watch'"/>
    <xsl:param name="unstable-label" select="'Unstable'"/>
    <xsl:param name="title" select="'Accounts by health.'"/>
    <xsl:param name="x-title" select="'Accounts'"/>
    <xsl:param name="alt-intro" select="'Bar chart of the accounts by health.'"/>
    <xsl:param name="empty-sentence" select="'The CRM export holds no accounts.'"/>
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
    <xsl:param name="title" select="'SLA met by account, lowest first.'"/>
    <xsl:param name="x-title" select="'SLA met'"/>
    <xsl:param name="target-label" select="'Target'"/>
    <xsl:param name="below-label" select="'Below target'"/>
    <xsl:param name="above-label" select="'At or above target'"/>
    <xsl:param name="more-note" select="'The {n} accounts with the lowest SLA compliance of {total} are shown; every account is in the overview table.'"/>
    <xsl:param name="unmeasured-note" select="' {n} accounts without a decided ticket are not shown.'"/>
    <xsl:param name="alt-intro" select="'Bar chart of the share of tickets that met their SLA, by account, lowest first.'"/>
    <xsl:param name="empty-sentence" select="'No account has a ticket with a decided SLA, so there is no SLA by account to show.'"/>
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
        <xsl:with-param name="suffix" select="'%'"/>
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
    <xsl:param name="budget-label" select="'Budget'"/>
    <xsl:param name="actual-label" select="'Actual'"/>
    <xsl:param name="title" select="'Budget against actual cost per project.'"/>
    <xsl:param name="y-title" select="'Amount'"/>
    <xsl:param name="more-note" select="' The {n} projects furthest over budget of {total} are shown; every project is in the table below.'"/>
    <xsl:param name="alt-intro" select="'Grouped bar chart of the budget and the actual cost of each project.'"/>
    <xsl:param name="empty-sentence" select="'The program plan holds no projects.'"/>
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
