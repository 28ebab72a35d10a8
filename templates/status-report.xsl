<?xml version="1.0" encoding="UTF-8"?>
<!--
  Program Status Report: review-data XML -> XSL-FO across all accounts.

  Title and period, program totals, accounts overview (health in colour),
  the accounts on watch or unstable with their reasons, the projects of
  the program (goal, phase, RAG, budget against actual, timeline), overdue
  milestones, open high risks, roles and whether each is filled, monthly
  volume, SLA by priority, the backlog by age, and how tickets were
  matched to CRM accounts, with those that could not be grouped by the
  organisation the ticketing system named (one row per fix an
  administrator makes), most tickets first.

  Parameter: lang, the language, e.g. "de" (common.xsl); empty: the
  default of labels/languages.xml.  Input contract:
  docs/data-contract.md.  Look: common.xsl; every word printed:
  labels/<lang>.xml.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">

  <xsl:import href="common.xsl"/>
  <xsl:import href="charts-data.xsl"/>
  <xsl:include href="status-attention.xsl"/>
  <xsl:include href="followups.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="program" select="/review-data/program"/>

  <!-- Lines per group on the first page, and accounts in the body: the
       rest of the accounts needing attention, and the accounts overview
       of a larger portfolio, go to the appendix. -->
  <xsl:param name="psr-top" select="5"/>
  <xsl:param name="psr-body-accounts" select="25"/>
  <!-- Organisations of unmatched tickets shown, most tickets first; all
       of their tickets are in unmatched-tickets.csv. -->
  <xsl:param name="psr-top-orgs" select="25"/>
  <xsl:variable name="psr-appendix"
      select="count(/review-data/account) &gt; $psr-body-accounts"/>
  <!-- Where every account is listed, worst first (id psr-accounts). -->
  <xsl:variable name="psr-accounts-title">
    <xsl:choose>
      <xsl:when test="$psr-appendix"><xsl:value-of select="$L/psr.h.appendix"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$L/psr.h.overview"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <fo:root xml:lang="{$rp-lang}">
      <xsl:call-template name="rp-layout-master-set"/>
      <fo:page-sequence master-reference="A4" id="psr">
        <xsl:call-template name="rp-static-content">
          <xsl:with-param name="title" select="string($L/psr.title)"/>
          <xsl:with-param name="sequence-id">psr</xsl:with-param>
        </xsl:call-template>
        <fo:flow flow-name="xsl-region-body">
          <fo:block xsl:use-attribute-sets="rp-body">
            <xsl:apply-templates select="review-data"/>
          </fo:block>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template match="review-data">
    <fo:block xsl:use-attribute-sets="rp-title"><xsl:value-of select="$L/psr.title"/></fo:block>
    <fo:block xsl:use-attribute-sets="rp-meta">
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'psr.meta'"/>
        <xsl:with-param name="a1"><xsl:call-template name="rp-period"/></xsl:with-param>
        <xsl:with-param name="a2"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@generated"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </fo:block>

    <xsl:call-template name="totals"/>

    <!-- Page 1: what needs attention today (status-attention.xsl). -->
    <xsl:call-template name="psr-today"/>

    <!-- Charts (templates/charts-data.xsl). -->
    <fo:block xsl:use-attribute-sets="rp-h2" break-before="page"><xsl:value-of select="$L/psr.h.charts"/></fo:block>
    <xsl:call-template name="totals-text"/>
    <xsl:call-template name="rp-chart-health">
      <xsl:with-param name="program" select="$program"/>
    </xsl:call-template>
    <xsl:call-template name="rp-chart-sla-by-account">
      <xsl:with-param name="accounts" select="account"/>
    </xsl:call-template>
    <xsl:call-template name="rp-chart-budget">
      <xsl:with-param name="projects" select="$program/projects/project"/>
    </xsl:call-template>

    <fo:block xsl:use-attribute-sets="rp-h2" id="psr-attention"><xsl:value-of select="$L/psr.h.attention"/></fo:block>
    <xsl:call-template name="attention"/>

    <xsl:choose>
      <xsl:when test="$psr-appendix">
        <fo:block xsl:use-attribute-sets="rp-h2"><xsl:value-of select="$L/psr.h.overview"/></fo:block>
        <fo:block xsl:use-attribute-sets="rp-para">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'psr.overview-in-appendix'"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count(account)"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a2"><xsl:call-template name="psr-page-of"><xsl:with-param name="id" select="'psr-accounts'"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <fo:block xsl:use-attribute-sets="rp-h2" id="psr-accounts"><xsl:value-of select="$L/psr.h.overview"/></fo:block>
        <xsl:call-template name="overview"/>
      </xsl:otherwise>
    </xsl:choose>

    <fo:block xsl:use-attribute-sets="rp-h2" id="psr-reviews"><xsl:value-of select="$L/psr.h.reviews"/></fo:block>
    <xsl:call-template name="reviews"/>

    <fo:block xsl:use-attribute-sets="rp-h2"><xsl:value-of select="$L/psr.h.projects"/></fo:block>
    <xsl:call-template name="projects"/>

    <fo:block xsl:use-attribute-sets="rp-h2" id="psr-overdue"><xsl:value-of select="$L/psr.h.overdue"/></fo:block>
    <xsl:variable name="overdue" select="//milestone[@overdue = 'yes']"/>
    <xsl:choose>
      <xsl:when test="$overdue">
        <xsl:variable name="sorted">
          <xsl:for-each select="$overdue">
            <xsl:sort select="@days-overdue" data-type="number" order="descending"/>
            <xsl:copy-of select="."/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="rp-milestone-table">
          <xsl:with-param name="milestones" select="exsl:node-set($sorted)/milestone"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <fo:block xsl:use-attribute-sets="rp-para">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'psr.overdue-none'"/>
            <xsl:with-param name="n" select="count(//milestone)"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count(//milestone)"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </fo:block>
      </xsl:otherwise>
    </xsl:choose>

    <fo:block xsl:use-attribute-sets="rp-h2"><xsl:value-of select="$L/psr.h.high-risks"/></fo:block>
    <xsl:variable name="high" select="//risk[@open = 'yes' and @severity = 'high']"/>
    <xsl:choose>
      <xsl:when test="$high">
        <xsl:call-template name="rp-risk-table">
          <xsl:with-param name="risks" select="$high"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <fo:block xsl:use-attribute-sets="rp-para">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'psr.high-risks-none'"/>
            <xsl:with-param name="n" select="count(//risk[@open = 'yes'])"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count(//risk[@open = 'yes'])"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </fo:block>
      </xsl:otherwise>
    </xsl:choose>

    <fo:block xsl:use-attribute-sets="rp-h2" id="psr-risks"><xsl:value-of select="$L/psr.h.unmitigated"/></fo:block>
    <xsl:variable name="unmitigated" select="//risk[@open = 'yes' and not(normalize-space(mitigation))]"/>
    <xsl:choose>
      <xsl:when test="$unmitigated">
        <xsl:variable name="sorted">
          <xsl:for-each select="$unmitigated">
            <xsl:sort select="(@severity = 'high') * 2 + (@severity = 'medium')" data-type="number" order="descending"/>
            <xsl:sort select="concat(@due, substring('9999', 1, 4 * not(@due)))"/>
            <xsl:copy-of select="."/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="rp-risk-table">
          <xsl:with-param name="risks" select="exsl:node-set($sorted)/risk"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty">
          <xsl:with-param name="text">
            <xsl:call-template name="rp-say">
              <xsl:with-param name="k" select="'psr.unmitigated-none'"/>
              <xsl:with-param name="n" select="count(//risk[@open = 'yes'])"/>
              <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count(//risk[@open = 'yes'])"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <fo:block xsl:use-attribute-sets="rp-h2"><xsl:value-of select="$L/psr.h.roles"/></fo:block>
    <xsl:variable name="roles" select="$program/roles/role | account/roles/role"/>
    <xsl:choose>
      <xsl:when test="$roles">
        <fo:block xsl:use-attribute-sets="rp-para">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'psr.roles'"/>
            <xsl:with-param name="n" select="count($roles)"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($roles)"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a2"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($roles[@filled = 'no'])"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </fo:block>
        <xsl:call-template name="rp-role-table">
          <xsl:with-param name="roles" select="$roles"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/psr.no-roles"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <fo:block xsl:use-attribute-sets="rp-h2"><xsl:value-of select="$L/h.months"/></fo:block>
    <xsl:call-template name="rp-month-table">
      <xsl:with-param name="months" select="$program/month"/>
    </xsl:call-template>

    <fo:block xsl:use-attribute-sets="rp-h2"><xsl:value-of select="$L/h.sla"/></fo:block>
    <xsl:call-template name="sla"/>

    <fo:block xsl:use-attribute-sets="rp-h2"><xsl:value-of select="$L/h.backlog"/></fo:block>
    <xsl:call-template name="rp-backlog-table">
      <xsl:with-param name="backlog" select="$program/backlog"/>
    </xsl:call-template>

    <fo:block xsl:use-attribute-sets="rp-h2"><xsl:value-of select="$L/psr.h.matching"/></fo:block>
    <xsl:apply-templates select="matching"/>
    <xsl:apply-templates select="unmatched"/>

    <xsl:if test="$psr-appendix">
      <fo:block xsl:use-attribute-sets="rp-h2" id="psr-accounts" break-before="page"><xsl:value-of select="$L/psr.h.appendix"/></fo:block>
      <fo:block xsl:use-attribute-sets="rp-para">
        <xsl:value-of select="$L/psr.appendix-intro"/>
      </fo:block>
      <fo:block font-size="7.5pt">
        <xsl:call-template name="overview"/>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <!-- ============================ totals =========================== -->

  <xsl:template name="kpi">
    <xsl:param name="value"/>
    <xsl:param name="label"/>
    <xsl:param name="color" select="$rp-brand"/>
    <fo:table-cell padding-top="3mm" padding-bottom="3mm" padding-left="2mm"
        padding-right="2mm" background-color="{$rp-brand-light}"
        border-left="2pt solid #ffffff" border-right="2pt solid #ffffff">
      <fo:block font-size="17pt" font-weight="bold" color="{$color}"
          text-align="center">
        <xsl:value-of select="$value"/>
      </fo:block>
      <fo:block font-size="8pt" color="{$rp-muted}" text-align="center">
        <xsl:value-of select="$label"/>
      </fo:block>
    </fo:table-cell>
  </xsl:template>

  <xsl:template name="totals">
    <fo:table table-layout="fixed" width="100%">
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <fo:table-row keep-together.within-page="always">
          <xsl:call-template name="kpi">
            <xsl:with-param name="value"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@accounts"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="label" select="string($L/kpi.accounts)"/>
          </xsl:call-template>
          <xsl:call-template name="kpi">
            <xsl:with-param name="value"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@tickets"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="label" select="string($L/kpi.tickets)"/>
          </xsl:call-template>
          <xsl:call-template name="kpi">
            <xsl:with-param name="value"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="$program/@sla-met-pct"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="label">
              <xsl:call-template name="rp-say">
                <xsl:with-param name="k" select="'kpi.sla'"/>
                <xsl:with-param name="a1"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="/review-data/sla-targets/@compliance-target-pct"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="kpi">
            <xsl:with-param name="value"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@open-at-end"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="label" select="string($L/kpi.open)"/>
          </xsl:call-template>
          <xsl:call-template name="kpi">
            <xsl:with-param name="value"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@tickets-unmatched"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="label" select="string($L/kpi.unmatched)"/>
            <xsl:with-param name="color">
              <xsl:choose>
                <xsl:when test="$program/@tickets-unmatched &gt; 0"><xsl:value-of select="$rp-unstable"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$rp-brand"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- The portfolio in a paragraph: health, SLA, categories. -->
  <xsl:template name="totals-text">
    <fo:block xsl:use-attribute-sets="rp-para">
      <xsl:value-of select="$L/health.heading"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="health-count">
        <xsl:with-param name="n" select="$program/@accounts-stable"/>
        <xsl:with-param name="health">stable</xsl:with-param>
      </xsl:call-template>
      <xsl:text>, </xsl:text>
      <xsl:call-template name="health-count">
        <xsl:with-param name="n" select="$program/@accounts-watch"/>
        <xsl:with-param name="health">watch</xsl:with-param>
      </xsl:call-template>
      <xsl:text>, </xsl:text>
      <xsl:call-template name="health-count">
        <xsl:with-param name="n" select="$program/@accounts-unstable"/>
        <xsl:with-param name="health">unstable</xsl:with-param>
      </xsl:call-template>
      <xsl:text>. </xsl:text>
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'psr.sla'"/>
        <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@sla-met"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="a2"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@sla-breached"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="a3"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@sla-pending"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:if test="$program/@sla-unknown &gt; 0">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'psr.sla-unknown'"/>
          <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@sla-unknown"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:text>. </xsl:text>
      <xsl:for-each select="$program">
        <xsl:call-template name="rp-closed-without-time"/>
      </xsl:for-each>
      <xsl:if test="$program/category">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'summary.categories'"/>
          <xsl:with-param name="a1"><xsl:for-each select="$program"><xsl:call-template name="rp-category-list"/></xsl:for-each></xsl:with-param>
        </xsl:call-template>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:if test="$program/@tickets-outside-period &gt; 0">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'psr.outside-period'"/>
          <xsl:with-param name="n" select="$program/@tickets-outside-period"/>
          <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@tickets-outside-period"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <xsl:template name="health-count">
    <xsl:param name="n"/>
    <xsl:param name="health"/>
    <xsl:call-template name="rp-int"><xsl:with-param name="value" select="$n"/></xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:call-template name="rp-health-inline">
      <xsl:with-param name="health" select="$health"/>
    </xsl:call-template>
  </xsl:template>

  <!-- =========================== overview ========================== -->

  <xsl:template name="overview">
    <fo:table xsl:use-attribute-sets="rp-table">
      <fo:table-column column-width="proportional-column-width(3.2)"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-column column-width="proportional-column-width(2.2)"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-column column-width="proportional-column-width(1.1)"/>
      <fo:table-column column-width="proportional-column-width(0.7)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-column column-width="proportional-column-width(1.1)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.account"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.tier"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.owner"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.health"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.tickets"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">P1</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.sla-met"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.open-at-end"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="account">
          <xsl:sort select="(@health = 'unstable') * 2 + (@health = 'watch')" data-type="number" order="descending"/>
          <xsl:sort select="count(health-reason)" data-type="number" order="descending"/>
          <xsl:sort select="concat(support/@sla-met-pct, substring('1000', 1, 4 * not(support/@sla-met-pct)))" data-type="number"/>
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@name"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@tier"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@owner"/></xsl:call-template>
            <fo:table-cell><xsl:copy-of select="$rp-td"/>
              <fo:block>
                <xsl:call-template name="rp-health-inline">
                  <xsl:with-param name="health" select="@health"/>
                </xsl:call-template>
              </fo:block>
            </fo:table-cell>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="support/@tickets"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="support/priority[@name = 'P1']/@tickets"/></xsl:call-template>
            <xsl:call-template name="rp-td-num">
              <xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="support/@sla-met-pct"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="support/@open-at-end"/></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <fo:table-row keep-together.within-page="always" background-color="{$rp-brand-light}">
          <xsl:call-template name="rp-td">
            <xsl:with-param name="text">
              <xsl:call-template name="rp-say">
                <xsl:with-param name="k" select="'psr.all-accounts'"/>
                <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$program/@accounts"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="bold" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="rp-td"><xsl:with-param name="text" select="''"/></xsl:call-template>
          <xsl:call-template name="rp-td"><xsl:with-param name="text" select="''"/></xsl:call-template>
          <xsl:call-template name="rp-td"><xsl:with-param name="text" select="''"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="$program/@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="$program/priority[@name = 'P1']/@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num">
            <xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="$program/@sla-met-pct"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="bold" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="$program/@open-at-end"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- ============================ reviews ========================== -->

  <!-- Where each account's review stands (the workflow's <requests>):
       how many are at each stage, then the ones that need someone now:
       past their due date, or waiting too long for approval. -->
  <xsl:template name="reviews">
    <xsl:variable name="requests" select="requests/request"/>
    <xsl:choose>
      <xsl:when test="not(requests)">
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/reviews.untracked"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="not($requests)">
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/reviews.none"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="reviews-dashboard">
          <xsl:with-param name="requests" select="$requests"/>
        </xsl:call-template>
        <fo:block xsl:use-attribute-sets="rp-para">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'reviews.requested'"/>
            <xsl:with-param name="n" select="count($requests)"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($requests)"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a2"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count(account)"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a3"><xsl:call-template name="stage-counts"><xsl:with-param name="requests" select="$requests"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'reviews.late'"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($requests[@overdue = 'yes'])"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a2"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($requests[@approval-waiting-days &gt; 0])"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a3"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="requests/@approval-wait-days"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </fo:block>
        <xsl:variable name="late" select="$requests[@overdue = 'yes' or @approval-waiting-days &gt; 0]"/>
        <xsl:if test="$late">
          <fo:table xsl:use-attribute-sets="rp-table">
            <fo:table-column column-width="proportional-column-width(2.6)"/>
            <fo:table-column column-width="proportional-column-width(1.5)"/>
            <fo:table-column column-width="proportional-column-width(1.2)"/>
            <fo:table-column column-width="proportional-column-width(1.2)"/>
            <fo:table-column column-width="proportional-column-width(2.6)"/>
            <fo:table-column column-width="proportional-column-width(1.6)"/>
            <fo:table-header>
              <fo:table-row>
                <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.account"/></xsl:call-template>
                <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.stage"/></xsl:call-template>
                <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.meeting"/></xsl:call-template>
                <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.due"/></xsl:call-template>
                <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.waits-on"/></xsl:call-template>
                <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.late"/></xsl:call-template>
              </fo:table-row>
            </fo:table-header>
            <fo:table-body>
              <xsl:for-each select="$late">
                <xsl:sort select="@due"/>
                <fo:table-row keep-together.within-page="always">
                  <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
                  <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@name"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
                  <xsl:call-template name="rp-td">
                    <xsl:with-param name="text"><xsl:call-template name="rp-label"><xsl:with-param name="k" select="concat('stage.', @stage)"/></xsl:call-template></xsl:with-param>
                  </xsl:call-template>
                  <xsl:call-template name="rp-td">
                    <xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@meeting"/></xsl:call-template></xsl:with-param>
                  </xsl:call-template>
                  <xsl:call-template name="rp-td">
                    <xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@due"/></xsl:call-template></xsl:with-param>
                  </xsl:call-template>
                  <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@waits-on"/></xsl:call-template>
                  <xsl:call-template name="rp-td">
                    <xsl:with-param name="text">
                      <xsl:if test="@overdue = 'yes'"><xsl:value-of select="$L/reviews.past-due"/></xsl:if>
                      <xsl:if test="@overdue = 'yes' and @approval-waiting-days &gt; 0">; </xsl:if>
                      <xsl:if test="@approval-waiting-days &gt; 0">
                        <xsl:call-template name="rp-say">
                          <xsl:with-param name="k" select="'reviews.in-review'"/>
                          <xsl:with-param name="n" select="@approval-waiting-days"/>
                          <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@approval-waiting-days"/></xsl:call-template></xsl:with-param>
                        </xsl:call-template>
                      </xsl:if>
                    </xsl:with-param>
                  </xsl:call-template>
                </fo:table-row>
              </xsl:for-each>
            </fo:table-body>
          </fo:table>
        </xsl:if>
        <xsl:call-template name="reviews-at-risk">
          <xsl:with-param name="risky" select="$requests[@at-risk = 'yes']"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="follow-ups">
      <fo:block xsl:use-attribute-sets="psr-h3" keep-with-next.within-page="always">
        <xsl:value-of select="$L/reviews.h.followups"/>
      </fo:block>
      <xsl:choose>
        <xsl:when test="follow-ups/follow-up">
          <!-- Overdue first, then by due date. -->
          <xsl:variable name="sorted">
            <xsl:for-each select="follow-ups/follow-up">
              <xsl:sort select="@status = 'overdue'" order="descending"/>
              <xsl:sort select="@due"/>
              <xsl:copy-of select="."/>
            </xsl:for-each>
          </xsl:variable>
          <xsl:call-template name="rp-followup-table">
            <xsl:with-param name="items" select="exsl:node-set($sorted)/follow-up"/>
            <xsl:with-param name="with-account" select="true()"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/reviews.no-followups"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- The program manager's daily look, in five figures: reviews
       requested, contributions missing, approvals waiting too long,
       deliveries at risk, follow-ups overdue.  A figure that needs
       someone is in the warning colour. -->
  <xsl:template name="reviews-dashboard">
    <xsl:param name="requests"/>
    <fo:table xsl:use-attribute-sets="rp-table" space-after="4mm">
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <fo:table-row>
          <xsl:call-template name="dashboard-cell">
            <xsl:with-param name="n" select="count($requests)"/>
            <xsl:with-param name="label" select="$L/dash.requests"/>
            <xsl:with-param name="warn" select="false()"/>
          </xsl:call-template>
          <xsl:call-template name="dashboard-cell">
            <xsl:with-param name="n" select="sum($requests/@contributions-missing)"/>
            <xsl:with-param name="label" select="$L/dash.contributions-missing"/>
          </xsl:call-template>
          <xsl:call-template name="dashboard-cell">
            <xsl:with-param name="n" select="count($requests[@approval-waiting-days &gt; 0])"/>
            <xsl:with-param name="label">
              <xsl:call-template name="rp-say">
                <xsl:with-param name="k" select="'dash.approvals-waiting'"/>
                <xsl:with-param name="a1" select="string(requests/@approval-wait-days)"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="dashboard-cell">
            <xsl:with-param name="n" select="count($requests[@at-risk = 'yes'])"/>
            <xsl:with-param name="label" select="$L/dash.at-risk"/>
          </xsl:call-template>
          <xsl:call-template name="dashboard-cell">
            <xsl:with-param name="n" select="count(follow-ups/follow-up[@status = 'overdue'])"/>
            <xsl:with-param name="label" select="$L/dash.followups-overdue"/>
          </xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template name="dashboard-cell">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="warn" select="$n &gt; 0"/>
    <fo:table-cell padding="4pt 4pt 5pt 4pt" border="1.5pt solid #ffffff" background-color="{$rp-brand-light}">
      <fo:block font-size="20pt" font-weight="bold" text-align="center">
        <xsl:if test="$warn">
          <xsl:attribute name="color"><xsl:value-of select="$rp-unstable"/></xsl:attribute>
        </xsl:if>
        <xsl:call-template name="rp-int"><xsl:with-param name="value" select="$n"/></xsl:call-template>
      </fo:block>
      <fo:block font-size="7.5pt" text-align="center"><xsl:value-of select="$label"/></fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- Deliveries whose print deadline is near and that have not shipped. -->
  <xsl:template name="reviews-at-risk">
    <xsl:param name="risky"/>
    <xsl:if test="$risky">
      <fo:block xsl:use-attribute-sets="psr-h3" keep-with-next.within-page="always">
        <xsl:value-of select="$L/reviews.h.at-risk"/>
      </fo:block>
      <fo:table xsl:use-attribute-sets="rp-table">
        <fo:table-column column-width="proportional-column-width(2.6)"/>
        <fo:table-column column-width="proportional-column-width(1.5)"/>
        <fo:table-column column-width="proportional-column-width(1.3)"/>
        <fo:table-column column-width="proportional-column-width(1.3)"/>
        <fo:table-column column-width="proportional-column-width(2.6)"/>
        <fo:table-header>
          <fo:table-row>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.account"/></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.stage"/></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.print-deadline"/></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.meeting"/></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.waits-on"/></xsl:call-template>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body>
          <xsl:for-each select="$risky">
            <xsl:sort select="@print-deadline"/>
            <fo:table-row keep-together.within-page="always">
              <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
              <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@name"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
              <xsl:call-template name="rp-td">
                <xsl:with-param name="text"><xsl:call-template name="rp-label"><xsl:with-param name="k" select="concat('stage.', @stage)"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
              <xsl:call-template name="rp-td">
                <xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@print-deadline"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
              <xsl:call-template name="rp-td">
                <xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@meeting"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
              <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@waits-on"/></xsl:call-template>
            </fo:table-row>
          </xsl:for-each>
        </fo:table-body>
      </fo:table>
    </xsl:if>
  </xsl:template>

  <!-- "2 requested, 1 in review, ...": the stages in their order, each
       once (a fixed list: grouping by preceding-sibling would be
       quadratic in the number of requests). -->
  <xsl:template name="stage-counts">
    <xsl:param name="requests"/>
    <xsl:param name="stages" select="'requested collecting drafted changes-requested in-review approved delivered '"/>
    <xsl:param name="said" select="false()"/>
    <xsl:if test="$stages">
      <xsl:variable name="stage" select="substring-before($stages, ' ')"/>
      <xsl:variable name="n" select="count($requests[@stage = $stage])"/>
      <xsl:if test="$n &gt; 0">
        <xsl:if test="$said">, </xsl:if>
        <xsl:call-template name="rp-int"><xsl:with-param name="value" select="$n"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="rp-label"><xsl:with-param name="k" select="concat('stage.', $stage)"/></xsl:call-template>
      </xsl:if>
      <xsl:call-template name="stage-counts">
        <xsl:with-param name="requests" select="$requests"/>
        <xsl:with-param name="stages" select="substring-after($stages, ' ')"/>
        <xsl:with-param name="said" select="$said or $n &gt; 0"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A sub-heading inside a section. -->
  <xsl:attribute-set name="psr-h3">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="font-size">10pt</xsl:attribute>
    <xsl:attribute name="space-before">4mm</xsl:attribute>
    <xsl:attribute name="space-after">1.5mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- =========================== attention ========================= -->

  <!-- Worst first: unstable before watch, then the most health
       reasons, then the lowest SLA met % (psr-today's order); the first
       $psr-body-accounts here, every account in the appendix. -->
  <xsl:template name="attention">
    <xsl:variable name="needing" select="account[@health != 'stable']"/>
    <xsl:choose>
      <xsl:when test="$needing">
        <fo:block xsl:use-attribute-sets="rp-para">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'psr.attention-intro'"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($needing)"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a2"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count(account)"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </fo:block>
        <xsl:for-each select="$needing">
          <xsl:sort select="(@health = 'unstable') * 2 + (@health = 'watch')" data-type="number" order="descending"/>
          <xsl:sort select="count(health-reason)" data-type="number" order="descending"/>
          <xsl:sort select="concat(support/@sla-met-pct, substring('1000', 1, 4 * not(support/@sla-met-pct)))" data-type="number"/>
          <xsl:if test="position() &lt;= $psr-body-accounts">
            <xsl:apply-templates select="." mode="attention"/>
          </xsl:if>
        </xsl:for-each>
        <xsl:if test="count($needing) &gt; $psr-body-accounts">
          <fo:block xsl:use-attribute-sets="rp-para">
            <xsl:call-template name="rp-say">
              <xsl:with-param name="k" select="'psr.attention-more'"/>
              <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($needing) - $psr-body-accounts"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="a2" select="string($psr-accounts-title)"/>
              <xsl:with-param name="a3"><xsl:call-template name="psr-page-of"><xsl:with-param name="id" select="'psr-accounts'"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </fo:block>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/psr.all-stable"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="account" mode="attention">
    <xsl:variable name="color">
      <xsl:call-template name="rp-health-color">
        <xsl:with-param name="health" select="@health"/>
      </xsl:call-template>
    </xsl:variable>
    <fo:block space-after="2.5mm" padding-left="3mm" padding-top="1mm"
        padding-bottom="1mm" border-left="2.5pt solid {$color}">
      <fo:block font-weight="bold" keep-with-next="always">
        <xsl:value-of select="@name"/>
        <xsl:text> · </xsl:text>
        <xsl:call-template name="rp-health-inline">
          <xsl:with-param name="health" select="@health"/>
        </xsl:call-template>
        <fo:inline font-weight="normal" color="{$rp-muted}">
          <xsl:value-of select="concat(' · ', @tier, ' · ', $L/psr.owner, ' ', @owner)"/>
        </fo:inline>
      </fo:block>
      <xsl:for-each select="health-reason">
        <fo:block>
          <xsl:text>• </xsl:text>
          <xsl:call-template name="rp-health-reason"/>
        </fo:block>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <!-- ============================== SLA ============================ -->

  <xsl:template name="sla">
    <fo:table xsl:use-attribute-sets="rp-table">
      <fo:table-column column-width="proportional-column-width(1.1)"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-column column-width="proportional-column-width(0.9)"/>
      <fo:table-column column-width="proportional-column-width(1.35)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-column column-width="proportional-column-width(1.1)"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-column column-width="proportional-column-width(1.3)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.priority"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.tickets"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.met"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.breached"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.pending"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.resp-met"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.resol-met"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.sla-met"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.resp-median"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.resol-median"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$program/priority">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@name"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@tickets"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@sla-met"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@sla-breached"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@sla-pending"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@first-response-met-pct"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@resolution-met-pct"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-td-num">
              <xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@sla-met-pct"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="bold" select="true()"/>
            </xsl:call-template>
            <xsl:call-template name="rp-td-num">
              <xsl:with-param name="text"><xsl:call-template name="rp-hours"><xsl:with-param name="value" select="@first-response-median-hours"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="rp-td-num">
              <xsl:with-param name="text"><xsl:call-template name="rp-hours"><xsl:with-param name="value" select="@resolution-median-hours"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- =========================== projects ========================== -->

  <xsl:template name="projects">
    <xsl:variable name="projects" select="$program/projects/project"/>
    <xsl:choose>
      <xsl:when test="$projects">
        <fo:table xsl:use-attribute-sets="rp-table">
          <fo:table-column column-width="proportional-column-width(3.8)"/>
          <fo:table-column column-width="proportional-column-width(1.5)"/>
          <fo:table-column column-width="proportional-column-width(1.3)"/>
          <fo:table-column column-width="proportional-column-width(1.6)"/>
          <fo:table-column column-width="proportional-column-width(1.6)"/>
          <fo:table-column column-width="proportional-column-width(1.5)"/>
          <fo:table-column column-width="proportional-column-width(2)"/>
          <fo:table-header>
            <fo:table-row>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.project-goal"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.phase"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.status"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.budget"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.actual"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.spent"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.timeline"/></xsl:call-template>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body>
            <xsl:for-each select="$projects">
              <xsl:variable name="aid" select="@account-id"/>
              <fo:table-row keep-together.within-page="always">
                <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
                <fo:table-cell><xsl:copy-of select="$rp-td"/>
                  <fo:block font-weight="bold"><xsl:value-of select="@name"/></fo:block>
                  <fo:block color="{$rp-muted}">
                    <xsl:choose>
                      <xsl:when test="/review-data/account[@id = $aid]">
                        <xsl:value-of select="/review-data/account[@id = $aid]/@name"/>
                      </xsl:when>
                      <xsl:otherwise><xsl:value-of select="$L/program-wide"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:value-of select="concat(' · ', $L/psr.owner, ' ', @owner)"/>
                  </fo:block>
                  <xsl:if test="goal">
                    <fo:block><xsl:value-of select="goal"/></fo:block>
                  </xsl:if>
                </fo:table-cell>
                <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@phase"/></xsl:call-template>
                <fo:table-cell><xsl:copy-of select="$rp-td"/>
                  <fo:block><xsl:call-template name="rp-rag-inline"><xsl:with-param name="rag" select="@rag"/></xsl:call-template></fo:block>
                </fo:table-cell>
                <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-money"><xsl:with-param name="value" select="@budget"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-money"><xsl:with-param name="value" select="@actual"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <fo:table-cell><xsl:copy-of select="$rp-td"/>
                  <fo:block text-align="end">
                    <xsl:if test="@spent-pct &gt; 100">
                      <xsl:attribute name="color"><xsl:value-of select="$rp-unstable"/></xsl:attribute>
                      <xsl:attribute name="font-weight">bold</xsl:attribute>
                    </xsl:if>
                    <xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@spent-pct"/></xsl:call-template>
                  </fo:block>
                </fo:table-cell>
                <xsl:call-template name="rp-td">
                  <xsl:with-param name="text">
                    <xsl:call-template name="rp-date"><xsl:with-param name="value" select="@start"/></xsl:call-template>
                    <xsl:text> – </xsl:text>
                    <xsl:call-template name="rp-date"><xsl:with-param name="value" select="@end"/></xsl:call-template>
                  </xsl:with-param>
                </xsl:call-template>
              </fo:table-row>
            </xsl:for-each>
            <fo:table-row keep-together.within-page="always" background-color="{$rp-brand-light}">
              <xsl:call-template name="rp-td"><xsl:with-param name="text">          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'psr.all-projects'"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($projects)"/></xsl:call-template></xsl:with-param>
          </xsl:call-template></xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
              <xsl:call-template name="rp-td"><xsl:with-param name="text" select="''"/></xsl:call-template>
              <xsl:call-template name="rp-td"><xsl:with-param name="text">          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'psr.projects-red'"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($projects[@rag = 'red'])"/></xsl:call-template></xsl:with-param>
          </xsl:call-template></xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-money"><xsl:with-param name="value" select="sum($projects/@budget)"/></xsl:call-template></xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
              <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-money"><xsl:with-param name="value" select="sum($projects/@actual)"/></xsl:call-template></xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
              <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="''"/></xsl:call-template>
              <xsl:call-template name="rp-td"><xsl:with-param name="text" select="''"/></xsl:call-template>
            </fo:table-row>
          </fo:table-body>
        </fo:table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/psr.no-projects"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- =========================== matching ========================== -->

  <xsl:template match="matching">
    <fo:block xsl:use-attribute-sets="rp-para">
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'matching.summary'"/>
        <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@tickets"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="a2"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@by-id"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="a3"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@by-map"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="a4"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@by-domain"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'matching.summary2'"/>
        <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@by-name"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="a2"><fo:inline font-weight="bold"><xsl:call-template name="rp-say">
  <xsl:with-param name="k" select="'matching.unmatched'"/>
  <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@unmatched"/></xsl:call-template></xsl:with-param>
</xsl:call-template></fo:inline></xsl:with-param>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- =========================== unmatched ========================= -->

  <!-- One row per organisation the ticketing system named and the CRM did
       not know: that is the unit an administrator fixes (one mapping,
       one correction), and it keeps a portfolio with thousands of
       unmatched tickets to a few pages.  Each ticket is still listed in
       the review data (docs/data-contract.md). -->
  <xsl:key name="unmatched-org" match="unmatched/ticket"
           use="concat(@source-system, '|', @reason, '|', @account-id, '|', @org-name, '|', @org-domain, '|', @external-id)"/>

  <xsl:template match="unmatched">
    <xsl:choose>
      <xsl:when test="ticket">
        <xsl:variable name="groups"
            select="ticket[generate-id() = generate-id(key('unmatched-org', concat(@source-system, '|', @reason, '|', @account-id, '|', @org-name, '|', @org-domain, '|', @external-id))[1])]"/>
        <fo:block xsl:use-attribute-sets="rp-para" keep-with-next.within-page="always">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'unmatched.intro'"/>
            <xsl:with-param name="a1">
              <xsl:call-template name="rp-say">
                <xsl:with-param name="k" select="'unmatched.tickets'"/>
                <xsl:with-param name="n" select="@tickets"/>
                <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@tickets"/></xsl:call-template></xsl:with-param>
              </xsl:call-template></xsl:with-param>
            <xsl:with-param name="a2">
              <xsl:call-template name="rp-say">
                <xsl:with-param name="k" select="'unmatched.orgs'"/>
                <xsl:with-param name="n" select="count($groups)"/>
                <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($groups)"/></xsl:call-template></xsl:with-param>
              </xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:value-of select="$L/unmatched.advice"/>
        </fo:block>
        <fo:table xsl:use-attribute-sets="rp-table" font-size="8pt">
          <fo:table-column column-width="proportional-column-width(1)"/>
          <fo:table-column column-width="34mm"/>
          <fo:table-column column-width="14mm"/>
          <fo:table-column column-width="11mm"/>
          <fo:table-column column-width="19mm"/>
          <fo:table-column column-width="19mm"/>
          <fo:table-column column-width="19mm"/>
          <fo:table-header>
            <fo:table-row>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.organisation"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.unmatched-reason"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.tickets"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.open"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.first"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.last"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.example"/></xsl:call-template>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body>
            <xsl:for-each select="$groups">
              <xsl:sort select="count(key('unmatched-org', concat(@source-system, '|', @reason, '|', @account-id, '|', @org-name, '|', @org-domain, '|', @external-id)))"
                        data-type="number" order="descending"/>
              <xsl:variable name="all"
                  select="key('unmatched-org', concat(@source-system, '|', @reason, '|', @account-id, '|', @org-name, '|', @org-domain, '|', @external-id))"/>
              <xsl:if test="position() &lt;= $psr-top-orgs">
              <fo:table-row keep-together.within-page="always">
                <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
                <fo:table-cell><xsl:copy-of select="$rp-td"/>
                  <fo:block font-weight="bold">
                    <xsl:choose>
                      <xsl:when test="@account-id != ''"><xsl:value-of select="@account-id"/></xsl:when>
                      <xsl:when test="@org-name"><xsl:value-of select="@org-name"/></xsl:when>
                      <xsl:when test="@org-domain"><xsl:value-of select="@org-domain"/></xsl:when>
                      <xsl:when test="@external-id"><xsl:value-of select="@external-id"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
                    </xsl:choose>
                  </fo:block>
                </fo:table-cell>
                <xsl:call-template name="rp-td">
                  <xsl:with-param name="text">
                    <xsl:choose>
                      <xsl:when test="@reason = 'ambiguous'"><xsl:value-of select="$L/unmatched.ambiguous"/></xsl:when>
                      <xsl:when test="@reason = 'no-key'"><xsl:value-of select="$L/unmatched.no-key"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="$L/unmatched.unknown"/></xsl:otherwise>
                    </xsl:choose>
                    <xsl:if test="@source-system"><xsl:value-of select="concat(' · ', @source-system)"/></xsl:if>
                  </xsl:with-param>
                </xsl:call-template>
                <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="count($all)"/></xsl:call-template>
                <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="count($all[@status != 'solved' and @status != 'closed'])"/></xsl:call-template>
                <xsl:for-each select="$all">
                  <xsl:sort select="@created"/>
                  <xsl:if test="position() = 1 or position() = last()">
                    <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="substring(@created, 1, 10)"/></xsl:call-template></xsl:with-param></xsl:call-template>
                  </xsl:if>
                  <xsl:if test="last() = 1">
                    <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="substring(@created, 1, 10)"/></xsl:call-template></xsl:with-param></xsl:call-template>
                  </xsl:if>
                </xsl:for-each>
                <xsl:call-template name="rp-td">
                  <xsl:with-param name="text">
                    <xsl:value-of select="@id"/>
                  </xsl:with-param>
                </xsl:call-template>
              </fo:table-row>
              </xsl:if>
            </xsl:for-each>
          </fo:table-body>
        </fo:table>
        <fo:block xsl:use-attribute-sets="rp-para" space-before="2mm">
          <xsl:if test="count($groups) &gt; $psr-top-orgs">
            <xsl:call-template name="rp-say">
              <xsl:with-param name="k" select="'psr.unmatched-more'"/>
              <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$psr-top-orgs"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="a2"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count($groups) - $psr-top-orgs"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'psr.unmatched-csv'"/>
            <xsl:with-param name="a1"><fo:inline font-family="{$rp-mono}">unmatched-tickets.csv</fo:inline></xsl:with-param>
          </xsl:call-template>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/unmatched.none"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="record">
      <fo:block xsl:use-attribute-sets="rp-para" space-before="3mm">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'unmatched.records'"/>
          <xsl:with-param name="n" select="@records"/>
          <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@records"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="a2"><xsl:for-each select="record"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="concat(@kind, ' ', @id, ' (', @account-id, ')')"/></xsl:for-each></xsl:with-param>
        </xsl:call-template>
      </fo:block>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
