<?xml version="1.0" encoding="UTF-8"?>
<!--
  Annual Customer Review: review-data XML -> XSL-FO for ONE account.

  Parameters:
    account-id   the id= of the <account> to render (required).
    approved-by  the approver's name, as printed.  Empty (the default): the
                 review is a draft and says DRAFT on every page.  Set: the
                 review is approved: an approval block on page 1 and
                 "Approved · <fingerprint>" in every footer, no DRAFT.
    approved-on  the day of the approval, YYYY-MM-DD (with approved-by).
    fingerprint  the approved draft's short SHA-256 (with approved-by).

  Page 1: title, account, period, facts, health and its reasons, the
  executive summary.  Then the relationship (key contacts, open
  opportunities), support (summary, SLA by priority, monthly volume,
  backlog by age, escalations), the program plan (milestones, risks,
  team), the plan for next year and the customer's feedback.  Then, from
  a new page, the ticket log: every ticket of the account in the period,
  with a header row repeated on each page.  Contributions not yet written
  say so, and empty plan sections say what is missing.

  Input contract: docs/data-contract.md.  Look and helpers: common.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:import href="common.xsl"/>
  <xsl:import href="charts-data.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="account-id"/>
  <xsl:param name="approved-by"/>
  <xsl:param name="approved-on"/>
  <xsl:param name="fingerprint"/>

  <xsl:variable name="approved" select="string($approved-by) != ''"/>

  <xsl:variable name="account"
      select="/review-data/account[@id = $account-id]"/>

  <xsl:template match="/">
    <xsl:if test="count($account) != 1">
      <xsl:message terminate="yes">
        <xsl:text>annual-review.xsl: parameter account-id='</xsl:text>
        <xsl:value-of select="$account-id"/>
        <xsl:text>' names no account of the review data</xsl:text>
      </xsl:message>
    </xsl:if>
    <fo:root xml:lang="en">
      <xsl:call-template name="rp-layout-master-set"/>
      <fo:page-sequence master-reference="A4" id="acr">
        <xsl:call-template name="rp-static-content">
          <xsl:with-param name="title"
              select="concat('Annual Customer Review · ', $account/@name)"/>
          <xsl:with-param name="sequence-id">acr</xsl:with-param>
          <xsl:with-param name="watermark">
            <xsl:if test="not($approved)">DRAFT</xsl:if>
          </xsl:with-param>
          <!-- Tables cover the watermark where they have a background:
               the footer says DRAFT on every page whatever the page
               holds. -->
          <xsl:with-param name="footer-note">
            <xsl:choose>
              <xsl:when test="$approved">
                <xsl:value-of select="concat('Approved · ', $fingerprint)"/>
              </xsl:when>
              <xsl:otherwise>DRAFT · not approved</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <fo:flow flow-name="xsl-region-body">
          <fo:block xsl:use-attribute-sets="rp-body">
            <xsl:apply-templates select="$account"/>
          </fo:block>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <xsl:template match="account">
    <fo:block xsl:use-attribute-sets="rp-title">Annual Customer Review</fo:block>
    <fo:block xsl:use-attribute-sets="rp-subject">
      <xsl:value-of select="@name"/>
    </fo:block>
    <fo:block xsl:use-attribute-sets="rp-meta">
      <xsl:text>Review period </xsl:text>
      <xsl:call-template name="rp-period"/>
      <xsl:text> · Account </xsl:text>
      <xsl:value-of select="@id"/>
      <xsl:text> · Prepared </xsl:text>
      <xsl:call-template name="rp-date">
        <xsl:with-param name="value" select="/review-data/@generated"/>
      </xsl:call-template>
    </fo:block>

    <xsl:if test="$approved">
      <xsl:call-template name="rp-approval-block">
        <xsl:with-param name="approved-by" select="$approved-by"/>
        <xsl:with-param name="approved-on" select="$approved-on"/>
        <xsl:with-param name="fingerprint" select="$fingerprint"/>
      </xsl:call-template>
    </xsl:if>

    <xsl:call-template name="facts"/>
    <xsl:call-template name="health"/>

    <fo:block xsl:use-attribute-sets="rp-h2">Executive summary</fo:block>
    <xsl:call-template name="contribution">
      <xsl:with-param name="kind">executive-summary</xsl:with-param>
    </xsl:call-template>

    <fo:block xsl:use-attribute-sets="rp-h2">Key contacts</fo:block>
    <xsl:apply-templates select="contacts"/>

    <fo:block xsl:use-attribute-sets="rp-h2">Open opportunities</fo:block>
    <xsl:apply-templates select="opportunities"/>

    <fo:block xsl:use-attribute-sets="rp-h2">Support summary</fo:block>
    <xsl:apply-templates select="support" mode="summary"/>

    <!-- Charts (templates/charts-data.xsl). -->
    <fo:block xsl:use-attribute-sets="rp-h2">Support in charts</fo:block>
    <xsl:call-template name="rp-chart-ticket-volume">
      <xsl:with-param name="account" select="."/>
    </xsl:call-template>
    <xsl:call-template name="rp-chart-sla-trend">
      <xsl:with-param name="account" select="."/>
    </xsl:call-template>
    <xsl:call-template name="rp-chart-backlog-age">
      <xsl:with-param name="backlog" select="support/backlog"/>
    </xsl:call-template>

    <fo:block xsl:use-attribute-sets="rp-h2">SLA by priority</fo:block>
    <xsl:apply-templates select="support" mode="sla"/>

    <fo:block xsl:use-attribute-sets="rp-h2">Monthly ticket volume</fo:block>
    <xsl:call-template name="rp-month-table">
      <xsl:with-param name="months" select="support/month"/>
    </xsl:call-template>

    <fo:block xsl:use-attribute-sets="rp-h2">Open tickets at the end of the period</fo:block>
    <xsl:apply-templates select="support/backlog"/>

    <fo:block xsl:use-attribute-sets="rp-h2">Escalations</fo:block>
    <xsl:apply-templates select="support" mode="escalations"/>

    <fo:block xsl:use-attribute-sets="rp-h2">Milestones</fo:block>
    <xsl:choose>
      <xsl:when test="milestones/milestone">
        <xsl:call-template name="rp-milestone-table">
          <xsl:with-param name="milestones" select="milestones/milestone"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text">The program plan holds no milestones for this account.</xsl:with-param></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <fo:block xsl:use-attribute-sets="rp-h2">Risks</fo:block>
    <xsl:choose>
      <xsl:when test="risks/risk">
        <xsl:call-template name="rp-risk-table">
          <xsl:with-param name="risks" select="risks/risk"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text">The program plan holds no risks for this account.</xsl:with-param></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <fo:block xsl:use-attribute-sets="rp-h2">Account team</fo:block>
    <xsl:call-template name="team"/>

    <fo:block xsl:use-attribute-sets="rp-h2">Plan for next year</fo:block>
    <xsl:call-template name="contribution">
      <xsl:with-param name="kind">plan-next-year</xsl:with-param>
    </xsl:call-template>

    <fo:block xsl:use-attribute-sets="rp-h2">Feedback from our meetings</fo:block>
    <xsl:call-template name="contribution">
      <xsl:with-param name="kind">meeting-feedback</xsl:with-param>
    </xsl:call-template>

    <fo:block xsl:use-attribute-sets="rp-h2" break-before="page"
        space-before="0mm">Ticket log</fo:block>
    <xsl:apply-templates select="support" mode="log"/>
  </xsl:template>

  <!-- ============================ facts ============================ -->

  <xsl:template name="fact-row">
    <xsl:param name="k1"/>
    <xsl:param name="v1"/>
    <xsl:param name="k2"/>
    <xsl:param name="v2"/>
    <fo:table-row keep-together.within-page="always">
      <fo:table-cell xsl:use-attribute-sets="rp-td-key">
        <fo:block font-weight="bold" color="{$rp-brand}"><xsl:value-of select="$k1"/></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="rp-td-value">
        <fo:block><xsl:value-of select="$v1"/></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="rp-td-key">
        <fo:block font-weight="bold" color="{$rp-brand}"><xsl:value-of select="$k2"/></fo:block>
      </fo:table-cell>
      <fo:table-cell xsl:use-attribute-sets="rp-td-value">
        <fo:block><xsl:value-of select="$v2"/></fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template name="or-none">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string($value) != ''"><xsl:value-of select="$value"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="facts">
    <fo:table table-layout="fixed" width="100%" font-size="9pt">
      <fo:table-column column-width="22%"/>
      <fo:table-column column-width="28%"/>
      <fo:table-column column-width="22%"/>
      <fo:table-column column-width="28%"/>
      <fo:table-body>
        <xsl:call-template name="fact-row">
          <xsl:with-param name="k1">Tier</xsl:with-param>
          <xsl:with-param name="v1"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@tier"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="k2">Account owner</xsl:with-param>
          <xsl:with-param name="v2"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@owner"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="fact-row">
          <xsl:with-param name="k1">Industry</xsl:with-param>
          <xsl:with-param name="v1"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@industry"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="k2">Country</xsl:with-param>
          <xsl:with-param name="v2"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@country"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="fact-row">
          <xsl:with-param name="k1">Customer since</xsl:with-param>
          <xsl:with-param name="v1"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@contract-start"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="k2">ARR</xsl:with-param>
          <xsl:with-param name="v2">
            <xsl:choose>
              <xsl:when test="@arr"><xsl:call-template name="rp-money"><xsl:with-param name="value" select="@arr"/></xsl:call-template></xsl:when>
              <xsl:otherwise>not in the CRM export</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="fact-row">
          <xsl:with-param name="k1">Contract renewal</xsl:with-param>
          <xsl:with-param name="v1"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@renewal"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="k2">Annual revenue</xsl:with-param>
          <xsl:with-param name="v2"><xsl:call-template name="rp-money"><xsl:with-param name="value" select="@annual-revenue"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="fact-row">
          <xsl:with-param name="k1">Primary contact</xsl:with-param>
          <xsl:with-param name="v1">
            <xsl:call-template name="or-none">
              <xsl:with-param name="value" select="contacts/contact[@primary = 'yes'][1]/@name"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="k2">Open pipeline</xsl:with-param>
          <xsl:with-param name="v2">
            <xsl:variable name="open" select="opportunities/opportunity[@status = 'open']"/>
            <xsl:choose>
              <xsl:when test="$open">
                <xsl:call-template name="rp-money"><xsl:with-param name="value" select="sum($open/@amount)"/></xsl:call-template>
                <xsl:value-of select="concat(' ', $open[1]/@currency, ' (', count($open), ')')"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$rp-none"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- ============================ health =========================== -->

  <xsl:template name="health">
    <xsl:variable name="color">
      <xsl:call-template name="rp-health-color">
        <xsl:with-param name="health" select="@health"/>
      </xsl:call-template>
    </xsl:variable>
    <fo:block space-before="5mm" padding-top="2mm" padding-bottom="2mm"
        padding-left="3mm" padding-right="3mm" background-color="#f7f8fa"
        border-left="3pt solid {$color}">
      <fo:block font-size="11pt" font-weight="bold" keep-with-next="always">
        <xsl:text>Account health: </xsl:text>
        <fo:inline color="{$color}">
          <xsl:call-template name="rp-health-label">
            <xsl:with-param name="health" select="@health"/>
          </xsl:call-template>
        </fo:inline>
      </fo:block>
      <xsl:choose>
        <xsl:when test="health-reason">
          <xsl:for-each select="health-reason">
            <fo:block space-before="1mm">
              <xsl:text>• </xsl:text>
              <xsl:value-of select="."/>
            </fo:block>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <fo:block space-before="1mm">
            <xsl:text>Support met its targets throughout the period.</xsl:text>
          </fo:block>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <!-- =========================== summary =========================== -->

  <xsl:template match="support" mode="summary">
    <xsl:variable name="name" select="../@name"/>
    <xsl:variable name="target" select="/review-data/sla-targets/@compliance-target-pct"/>
    <fo:block xsl:use-attribute-sets="rp-para">
      <xsl:text>During the review period </xsl:text>
      <xsl:value-of select="$name"/>
      <xsl:text> raised </xsl:text>
      <fo:inline font-weight="bold">
        <xsl:call-template name="rp-int"><xsl:with-param name="value" select="@tickets"/></xsl:call-template>
        <xsl:text> support ticket</xsl:text>
        <xsl:if test="@tickets != 1">s</xsl:if>
      </fo:inline>
      <xsl:text>. </xsl:text>
      <xsl:choose>
        <xsl:when test="@sla-met-pct">
          <fo:inline font-weight="bold"><xsl:value-of select="@sla-met-pct"/>%</fo:inline>
          <xsl:text> of the tickets with a decided SLA met it (target </xsl:text>
          <xsl:value-of select="$target"/>
          <xsl:text>%): </xsl:text>
          <xsl:value-of select="@sla-met"/>
          <xsl:text> met, </xsl:text>
          <xsl:value-of select="@sla-breached"/>
          <xsl:text> breached</xsl:text>
          <xsl:if test="@sla-pending &gt; 0">
            <xsl:text>, </xsl:text>
            <xsl:value-of select="@sla-pending"/>
            <xsl:text> still pending</xsl:text>
          </xsl:if>
          <xsl:if test="@sla-unknown &gt; 0">
            <xsl:text>, </xsl:text>
            <xsl:value-of select="@sla-unknown"/>
            <xsl:text> without a verdict</xsl:text>
          </xsl:if>
          <xsl:text>. </xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>No ticket had a decided SLA yet. </xsl:text>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@first-response-median-hours">
        <xsl:text>The median first response came after </xsl:text>
        <xsl:value-of select="@first-response-median-hours"/>
        <xsl:text> hours (90th percentile </xsl:text>
        <xsl:value-of select="@first-response-p90-hours"/>
        <xsl:text> h)</xsl:text>
        <xsl:choose>
          <xsl:when test="@resolution-median-hours">
            <xsl:text>, the median resolution after </xsl:text>
            <xsl:value-of select="@resolution-median-hours"/>
            <xsl:text> hours (90th percentile </xsl:text>
            <xsl:value-of select="@resolution-p90-hours"/>
            <xsl:text> h). </xsl:text>
          </xsl:when>
          <xsl:otherwise><xsl:text>. </xsl:text></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:call-template name="rp-closed-without-time"/>
      <xsl:value-of select="@open-at-end"/>
      <xsl:text> ticket</xsl:text>
      <xsl:choose>
        <xsl:when test="@open-at-end = 1"> was</xsl:when>
        <xsl:otherwise>s were</xsl:otherwise>
      </xsl:choose>
      <xsl:text> still open at the end of the period.</xsl:text>
      <xsl:if test="category">
        <xsl:text> The most frequent categories were </xsl:text>
        <xsl:call-template name="rp-category-list"/>
        <xsl:text>.</xsl:text>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <!-- ======================== SLA by priority ====================== -->

  <xsl:template match="support" mode="sla">
    <fo:table xsl:use-attribute-sets="rp-table">
      <fo:table-column column-width="proportional-column-width(1.15)"/>
      <fo:table-column column-width="proportional-column-width(1.1)"/>
      <fo:table-column column-width="proportional-column-width(2.2)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-column column-width="proportional-column-width(1.1)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Priority</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Tickets</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Target resp. / resol.</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Resp. met</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Resol. met</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">SLA met</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Median resp.</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">Median resol.</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text">90% resol.</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="priority">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@name"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@tickets"/></xsl:call-template>
            <xsl:call-template name="rp-td-num">
              <xsl:with-param name="text">
                <xsl:value-of select="concat(@target-first-response-hours, ' / ', @target-resolution-hours, ' ')"/>
                <xsl:call-template name="rp-basis-label"><xsl:with-param name="basis" select="@target-basis"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@first-response-met-pct"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@resolution-met-pct"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-td-num">
              <xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@sla-met-pct"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="bold" select="true()"/>
            </xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-hours"><xsl:with-param name="value" select="@first-response-median-hours"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-hours"><xsl:with-param name="value" select="@resolution-median-hours"/></xsl:call-template></xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-hours"><xsl:with-param name="value" select="@resolution-p90-hours"/></xsl:call-template></xsl:with-param></xsl:call-template>
          </fo:table-row>
        </xsl:for-each>
        <fo:table-row keep-together.within-page="always" background-color="{$rp-brand-light}">
          <xsl:call-template name="rp-td"><xsl:with-param name="text">All</xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text" select="''"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@first-response-met-pct"/></xsl:call-template></xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@resolution-met-pct"/></xsl:call-template></xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@sla-met-pct"/></xsl:call-template></xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-hours"><xsl:with-param name="value" select="@first-response-median-hours"/></xsl:call-template></xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-hours"><xsl:with-param name="value" select="@resolution-median-hours"/></xsl:call-template></xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-hours"><xsl:with-param name="value" select="@resolution-p90-hours"/></xsl:call-template></xsl:with-param><xsl:with-param name="bold" select="true()"/></xsl:call-template>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
    <xsl:variable name="cal" select="/review-data/sla-targets/calendar"/>
    <fo:block xsl:use-attribute-sets="rp-note">
      <xsl:text>Targets are hours to first response / to resolution. Business hours count </xsl:text>
      <xsl:value-of select="concat($cal/@days, ', ', $cal/@start, '–', $cal/@end, ' ', $cal/@time-zone)"/>
      <xsl:if test="$cal/holiday">
        <xsl:text>, without public holidays</xsl:text>
      </xsl:if>
      <xsl:text>. A ticket meets its SLA when it met both targets; met percentages count tickets whose outcome is decided, so tickets still within their targets at the end of the period are left out. Response and resolution times are in calendar hours.</xsl:text>
      <xsl:if test="@sla-from-export &gt; 0">
        <xsl:value-of select="concat(' For ', @sla-from-export, ' tickets the ticketing system recorded the SLA outcome itself, and that outcome is used.')"/>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <!-- ======================== contributions ======================== -->

  <!-- The contributors' text of one kind, or a note that it is missing. -->
  <xsl:template name="contribution">
    <xsl:param name="kind"/>
    <xsl:variable name="c" select="contributions/contribution[@kind = $kind]"/>
    <xsl:choose>
      <xsl:when test="$c/para">
        <xsl:for-each select="$c/para">
          <fo:block xsl:use-attribute-sets="rp-para"><xsl:value-of select="."/></fo:block>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text">Not yet provided by the account team.</xsl:with-param></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================= relationship ======================== -->

  <xsl:template match="contacts">
    <xsl:choose>
      <xsl:when test="contact">
        <fo:table xsl:use-attribute-sets="rp-table">
          <fo:table-column column-width="proportional-column-width(2.2)"/>
          <fo:table-column column-width="proportional-column-width(2.4)"/>
          <fo:table-column column-width="proportional-column-width(2)"/>
          <fo:table-column column-width="proportional-column-width(3)"/>
          <fo:table-column column-width="proportional-column-width(1.8)"/>
          <fo:table-header>
            <fo:table-row>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Name</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Title</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Role</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">E-mail</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Phone</xsl:with-param></xsl:call-template>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body>
            <!-- The primary contact first. -->
            <xsl:for-each select="contact">
              <xsl:sort select="@primary" order="descending"/>
              <fo:table-row keep-together.within-page="always">
                <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
                <xsl:call-template name="rp-td">
                  <xsl:with-param name="text" select="concat(@name, substring(' (primary)', 1, 10 * (@primary = 'yes')))"/>
                  <xsl:with-param name="bold" select="true()"/>
                </xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@title"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@role"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@email"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@phone"/></xsl:call-template></xsl:with-param></xsl:call-template>
              </fo:table-row>
            </xsl:for-each>
          </fo:table-body>
        </fo:table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text">No contacts of this account are recorded in the CRM.</xsl:with-param></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="opportunities">
    <xsl:choose>
      <xsl:when test="opportunity[@status = 'open']">
        <fo:table xsl:use-attribute-sets="rp-table">
          <fo:table-column column-width="proportional-column-width(3.4)"/>
          <fo:table-column column-width="proportional-column-width(1.8)"/>
          <fo:table-column column-width="proportional-column-width(1.6)"/>
          <fo:table-column column-width="proportional-column-width(1.8)"/>
          <fo:table-column column-width="proportional-column-width(1.1)"/>
          <fo:table-column column-width="proportional-column-width(1.5)"/>
          <fo:table-header>
            <fo:table-row>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Opportunity</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Stage</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Type</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Amount</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Prob.</xsl:with-param><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Close</xsl:with-param></xsl:call-template>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body>
            <xsl:for-each select="opportunity[@status = 'open']">
              <fo:table-row keep-together.within-page="always">
                <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@name"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@stage"/></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@type"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <xsl:call-template name="rp-td-num">
                  <xsl:with-param name="text">
                    <xsl:call-template name="rp-money"><xsl:with-param name="value" select="@amount"/></xsl:call-template>
                    <xsl:value-of select="concat(' ', @currency)"/>
                  </xsl:with-param>
                </xsl:call-template>
                <xsl:call-template name="rp-td-num"><xsl:with-param name="text"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@probability-pct"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@close-date"/></xsl:call-template></xsl:with-param></xsl:call-template>
              </fo:table-row>
            </xsl:for-each>
          </fo:table-body>
        </fo:table>
        <xsl:if test="opportunity[@status = 'won']">
          <fo:block xsl:use-attribute-sets="rp-note">
            <xsl:value-of select="count(opportunity[@status = 'won'])"/>
            <xsl:text> opportunit</xsl:text>
            <xsl:choose>
              <xsl:when test="count(opportunity[@status = 'won']) = 1">y was</xsl:when>
              <xsl:otherwise>ies were</xsl:otherwise>
            </xsl:choose>
            <xsl:text> won: </xsl:text>
            <xsl:for-each select="opportunity[@status = 'won']">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:value-of select="@name"/>
            </xsl:for-each>
            <xsl:text>.</xsl:text>
          </fo:block>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text">No open opportunities with this account.</xsl:with-param></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================ backlog ========================== -->

  <xsl:template match="backlog">
    <xsl:choose>
      <xsl:when test="@tickets &gt; 0">
        <fo:block xsl:use-attribute-sets="rp-para">
          <xsl:value-of select="@tickets"/>
          <xsl:text> ticket</xsl:text>
          <xsl:if test="@tickets != 1">s</xsl:if>
          <xsl:text> of the account </xsl:text>
          <xsl:choose>
            <xsl:when test="@tickets = 1">was</xsl:when>
            <xsl:otherwise>were</xsl:otherwise>
          </xsl:choose>
          <xsl:text> open at the end of the period, including any raised before it. By how long they had been open:</xsl:text>
        </fo:block>
        <xsl:call-template name="rp-backlog-table">
          <xsl:with-param name="backlog" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <fo:block xsl:use-attribute-sets="rp-para">No ticket of the account was open at the end of the period.</fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================== escalations ======================== -->

  <xsl:template match="support" mode="escalations">
    <xsl:variable name="e" select="escalations"/>
    <fo:block xsl:use-attribute-sets="rp-para">
      <xsl:value-of select="$e/@p1"/>
      <xsl:text> P1 (critical) ticket</xsl:text>
      <xsl:if test="$e/@p1 != 1">s</xsl:if>
      <xsl:text>, </xsl:text>
      <xsl:value-of select="$e/@breached"/>
      <xsl:text> ticket</xsl:text>
      <xsl:if test="$e/@breached != 1">s</xsl:if>
      <xsl:text> that breached the SLA, </xsl:text>
      <xsl:value-of select="$e/@reopened"/>
      <xsl:text> reopened and </xsl:text>
      <xsl:value-of select="$e/@escalated"/>
      <xsl:text> escalated by the customer in the period.</xsl:text>
    </fo:block>
    <xsl:variable name="list" select="ticket[@priority = 'P1' or @reopened or @escalated = 'yes']"/>
    <xsl:if test="$list">
      <fo:table xsl:use-attribute-sets="rp-table" font-size="8pt">
        <fo:table-column column-width="19mm"/>
        <fo:table-column column-width="19mm"/>
        <fo:table-column column-width="9mm"/>
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-column column-width="27mm"/>
        <fo:table-column column-width="19mm"/>
        <fo:table-header>
          <fo:table-row>
            <xsl:call-template name="rp-th"><xsl:with-param name="text">Ticket</xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text">Created</xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text">Pri.</xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text">Subject</xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text">Why listed</xsl:with-param></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text">SLA</xsl:with-param></xsl:call-template>
          </fo:table-row>
        </fo:table-header>
        <fo:table-body>
          <xsl:for-each select="$list">
            <fo:table-row keep-together.within-page="always">
              <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
              <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@id"/></xsl:call-template>
              <xsl:call-template name="rp-td"><xsl:with-param name="text" select="substring(@created, 1, 10)"/></xsl:call-template>
              <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@priority"/></xsl:call-template>
              <xsl:call-template name="rp-td"><xsl:with-param name="text" select="."/></xsl:call-template>
              <xsl:call-template name="rp-td">
                <xsl:with-param name="text">
                  <xsl:if test="@priority = 'P1'">critical</xsl:if>
                  <xsl:if test="@escalated = 'yes'">
                    <xsl:if test="@priority = 'P1'">, </xsl:if>
                    <xsl:text>escalated</xsl:text>
                  </xsl:if>
                  <xsl:if test="@reopened">
                    <xsl:if test="@priority = 'P1' or @escalated = 'yes'">, </xsl:if>
                    <xsl:value-of select="concat('reopened ', @reopened, 'x')"/>
                  </xsl:if>
                </xsl:with-param>
              </xsl:call-template>
              <fo:table-cell><xsl:copy-of select="$rp-td"/>
                <fo:block>
                  <xsl:if test="@sla = 'breached'">
                    <xsl:attribute name="color"><xsl:value-of select="$rp-unstable"/></xsl:attribute>
                    <xsl:attribute name="font-weight">bold</xsl:attribute>
                  </xsl:if>
                  <xsl:call-template name="rp-sla-label"><xsl:with-param name="sla" select="@sla"/></xsl:call-template>
                </fo:block>
              </fo:table-cell>
            </fo:table-row>
          </xsl:for-each>
        </fo:table-body>
      </fo:table>
    </xsl:if>
  </xsl:template>

  <!-- ============================= team ============================ -->

  <xsl:template name="team">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="projects" select="/review-data/program/projects/project[@account-id = $id]"/>
    <xsl:choose>
      <xsl:when test="roles/role">
        <xsl:call-template name="rp-role-table">
          <xsl:with-param name="roles" select="roles/role"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text">The program plan names no roles for this account.</xsl:with-param></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:for-each select="$projects">
      <fo:block xsl:use-attribute-sets="rp-para" space-before="2mm">
        <fo:inline font-weight="bold"><xsl:value-of select="@name"/></fo:inline>
        <xsl:text> (</xsl:text>
        <xsl:value-of select="@phase"/>
        <xsl:text>, status </xsl:text>
        <xsl:call-template name="rp-rag-inline"><xsl:with-param name="rag" select="@rag"/></xsl:call-template>
        <xsl:text>)</xsl:text>
        <xsl:if test="goal">
          <xsl:text>: </xsl:text>
          <xsl:value-of select="goal"/>
        </xsl:if>
      </fo:block>
    </xsl:for-each>
  </xsl:template>

  <!-- ========================== ticket log ========================= -->

  <xsl:template match="support" mode="log">
    <fo:block font-size="8.5pt" color="{$rp-muted}" space-after="2mm">
      <xsl:text>Every ticket the account raised in the review period, oldest first (</xsl:text>
      <xsl:value-of select="count(ticket)"/>
      <xsl:text> tickets). Times are UTC.</xsl:text>
    </fo:block>
    <xsl:choose>
      <xsl:when test="ticket">
        <fo:table xsl:use-attribute-sets="rp-table" font-size="7.5pt">
          <fo:table-column column-width="19mm"/>
          <fo:table-column column-width="19mm"/>
          <fo:table-column column-width="9mm"/>
          <fo:table-column column-width="15mm"/>
          <fo:table-column column-width="24mm"/>
          <fo:table-column column-width="proportional-column-width(1)"/>
          <fo:table-column column-width="17mm"/>
          <fo:table-header>
            <fo:table-row>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Ticket</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Created</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Pri.</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Status</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Category</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">Subject</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text">SLA</xsl:with-param></xsl:call-template>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body>
            <xsl:for-each select="ticket">
              <fo:table-row keep-together.within-page="always">
                <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@id"/></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text" select="substring(@created, 1, 10)"/></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@priority"/></xsl:call-template>
                <xsl:call-template name="rp-td">
                  <xsl:with-param name="text"><xsl:call-template name="rp-status-label"><xsl:with-param name="status" select="@status"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
                <xsl:call-template name="rp-td">
                  <xsl:with-param name="text"><xsl:call-template name="rp-category-label"><xsl:with-param name="name" select="@category"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text" select="."/></xsl:call-template>
                <fo:table-cell><xsl:copy-of select="$rp-td"/>
                  <fo:block>
                    <xsl:if test="@sla = 'breached'">
                      <xsl:attribute name="color"><xsl:value-of select="$rp-unstable"/></xsl:attribute>
                      <xsl:attribute name="font-weight">bold</xsl:attribute>
                    </xsl:if>
                    <xsl:call-template name="rp-sla-label"><xsl:with-param name="sla" select="@sla"/></xsl:call-template>
                  </fo:block>
                </fo:table-cell>
              </fo:table-row>
            </xsl:for-each>
          </fo:table-body>
        </fo:table>
      </xsl:when>
      <xsl:otherwise>
        <fo:block>No tickets in the review period.</fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
