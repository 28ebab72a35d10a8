<?xml version="1.0" encoding="UTF-8"?>
<!--
  Annual Customer Review: review-data XML -> XSL-FO for ONE account, as a
  program manager hands it to the customer.

  Parameters:
    account-id   the id= of the <account> to render (required).
    approved-by  the approver's name, as printed.  Empty (the default): the
                 review is a draft and says DRAFT on every page.  Set: the
                 review is approved: an approval block on the cover and
                 "Approved · <fingerprint>" in every footer, no DRAFT.
    approved-on  the day of the approval, YYYY-MM-DD (with approved-by).
    fingerprint  the approved draft's short SHA-256 (with approved-by).
    logo         the customer's logo, a path the renderer resolves (the
                 batch passes "logos/<account-id>.<ext>" when the input
                 folder has one, its assets folder); empty: none.
    lang         the language, e.g. "de" (common.xsl): empty, the one
                 labels/languages.xml gives the account's billing country.

  Pages: a cover of its own (no running header or footer: customer name
  and logo, the review year and period, the account team, our logo),
  then the contents (page numbers and links; the same entries are the
  PDF's bookmarks) and the narrative sections in order:
    1 executive summary (health, the team's summary, key facts)
    2 the year in numbers (support summary and the three charts)
    3 relationship (contacts, opportunities, account team)
    4 support performance (SLA by priority, monthly volume, backlog,
      escalations)
    5 projects and milestones    6 risks and their mitigation
    7 last year's feedback and what became of it
    8 plan for next year
  and, from a new page, Appendix A: the ticket log, every ticket of the
  account in the period, with a header row repeated on each page.  Empty
  data says so in a sentence.

  Input contract: docs/data-contract.md.  Look and helpers: common.xsl;
  every word printed: labels/<lang>.xml.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">

  <xsl:import href="common.xsl"/>
  <xsl:import href="charts-data.xsl"/>
  <xsl:include href="followups.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="account-id"/>
  <xsl:param name="approved-by"/>
  <xsl:param name="approved-on"/>
  <xsl:param name="fingerprint"/>
  <xsl:param name="logo"/>

  <xsl:variable name="approved" select="string($approved-by) != ''"/>

  <xsl:variable name="account"
      select="/review-data/account[@id = $account-id]"/>

  <!-- Chooses the language when no lang is given (common.xsl). -->
  <xsl:variable name="rp-country" select="string($account/@country)"/>

  <!-- The sections, in order: id (the destination of the contents'
       links and the bookmarks) and their heading's words.  The
       appendix has its own page and says that it is one. -->
  <xsl:variable name="acr-sections-rtf">
    <s id="acr-summary"><xsl:value-of select="$L/acr.h.summary"/></s>
    <s id="acr-numbers"><xsl:value-of select="$L/acr.h.numbers"/></s>
    <s id="acr-relationship"><xsl:value-of select="$L/acr.h.relationship"/></s>
    <s id="acr-support"><xsl:value-of select="$L/acr.h.support"/></s>
    <s id="acr-projects"><xsl:value-of select="$L/acr.h.projects"/></s>
    <s id="acr-risks"><xsl:value-of select="$L/acr.h.risks"/></s>
    <s id="acr-feedback"><xsl:value-of select="$L/acr.h.feedback"/></s>
    <s id="acr-plan"><xsl:value-of select="$L/acr.h.plan"/></s>
    <s id="acr-log" appendix="yes"><xsl:value-of select="$L/acr.h.log"/></s>
  </xsl:variable>
  <xsl:variable name="acr-sections" select="exsl:node-set($acr-sections-rtf)/s"/>

  <xsl:template match="/">
    <xsl:if test="count($account) != 1">
      <xsl:message terminate="yes">
        <xsl:text>annual-review.xsl: parameter account-id='</xsl:text>
        <xsl:value-of select="$account-id"/>
        <xsl:text>' names no account of the review data</xsl:text>
      </xsl:message>
    </xsl:if>
    <xsl:variable name="watermark">
      <xsl:if test="not($approved)"><xsl:value-of select="$L/draft.watermark"/></xsl:if>
    </xsl:variable>
    <fo:root xml:lang="{$rp-lang}">
      <xsl:call-template name="rp-layout-master-set"/>
      <fo:bookmark-tree>
        <fo:bookmark internal-destination="acr-contents">
          <fo:bookmark-title><xsl:value-of select="$L/acr.contents"/></fo:bookmark-title>
        </fo:bookmark>
        <xsl:for-each select="$acr-sections">
          <fo:bookmark internal-destination="{@id}">
            <fo:bookmark-title>
              <xsl:call-template name="acr-section-title"/>
            </fo:bookmark-title>
          </fo:bookmark>
        </xsl:for-each>
      </fo:bookmark-tree>

      <!-- The cover: no running header or footer; the watermark alone in
           the static content, so that a draft says DRAFT here too. -->
      <fo:page-sequence master-reference="A4" id="acr-cover">
        <xsl:if test="string($watermark) != ''">
          <fo:static-content flow-name="xsl-region-before">
            <xsl:call-template name="rp-watermark">
              <xsl:with-param name="text" select="$watermark"/>
            </xsl:call-template>
          </fo:static-content>
        </xsl:if>
        <fo:flow flow-name="xsl-region-body">
          <fo:block xsl:use-attribute-sets="rp-body">
            <xsl:apply-templates select="$account" mode="cover"/>
          </fo:block>
        </fo:flow>
      </fo:page-sequence>

      <fo:page-sequence master-reference="A4" id="acr">
        <xsl:call-template name="rp-static-content">
          <xsl:with-param name="title"
              select="concat($L/acr.title, ' · ', $account/@name)"/>
          <xsl:with-param name="sequence-id">acr</xsl:with-param>
          <xsl:with-param name="watermark" select="$watermark"/>
          <xsl:with-param name="footer-note">
            <xsl:choose>
              <xsl:when test="$approved">
                <xsl:value-of select="concat($L/approval.footer, ' · ', $fingerprint)"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$L/draft.footer"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <fo:flow flow-name="xsl-region-body">
          <fo:block xsl:use-attribute-sets="rp-body">
            <xsl:call-template name="contents"/>
            <xsl:apply-templates select="$account"/>
          </fo:block>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!-- "3  Relationship", "Appendix A: Ticket log": a section's title as
       its heading, its contents line and its bookmark say it (context: a
       $acr-sections entry). -->
  <xsl:template name="acr-section-title">
    <xsl:if test="not(@appendix)">
      <xsl:value-of select="concat(count(preceding-sibling::s[not(@appendix)]) + 1, '  ')"/>
    </xsl:if>
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- A section's heading, the target of its contents line and bookmark. -->
  <xsl:template name="acr-heading">
    <xsl:param name="id"/>
    <xsl:param name="new-page" select="false()"/>
    <fo:block xsl:use-attribute-sets="rp-h2" id="{$id}">
      <xsl:if test="$new-page">
        <xsl:attribute name="break-before">page</xsl:attribute>
        <xsl:attribute name="space-before">0mm</xsl:attribute>
      </xsl:if>
      <xsl:for-each select="$acr-sections[@id = $id]">
        <xsl:call-template name="acr-section-title"/>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <!-- A part of a section. -->
  <xsl:attribute-set name="acr-h3">
    <xsl:attribute name="role">H3</xsl:attribute>
    <xsl:attribute name="font-size">10.5pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$rp-text"/></xsl:attribute>
    <xsl:attribute name="space-before">4.5mm</xsl:attribute>
    <xsl:attribute name="space-after">1.5mm</xsl:attribute>
    <xsl:attribute name="keep-with-next">always</xsl:attribute>
  </xsl:attribute-set>

  <!-- ============================ cover ============================ -->

  <xsl:template match="account" mode="cover">
    <!-- Our logo (or, without one, our name), top left. -->
    <fo:block line-height="normal">
      <xsl:choose>
        <xsl:when test="string($rp-logo) != ''">
          <fo:external-graphic src="{$rp-logo}" content-height="9mm"
              fox:alt-text="{$rp-company}"/>
        </xsl:when>
        <xsl:otherwise>
          <fo:inline font-size="14pt" font-weight="bold" color="{$rp-brand}">
            <xsl:value-of select="$rp-company"/>
          </fo:inline>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>

    <!-- The customer's logo, when the input folder has one. -->
    <fo:block space-before="40mm" space-after="8mm" line-height="normal">
      <xsl:if test="string($logo) != ''">
        <fo:external-graphic src="{$logo}" content-height="22mm"
            fox:alt-text="{@name}"/>
      </xsl:if>
    </fo:block>

    <fo:block xsl:use-attribute-sets="rp-title" font-size="30pt" space-after="4mm">
      <xsl:value-of select="$L/acr.title"/>
    </fo:block>
    <fo:block xsl:use-attribute-sets="rp-subject" font-size="22pt" space-after="3mm">
      <xsl:value-of select="@name"/>
    </fo:block>
    <fo:block font-size="12pt" color="{$rp-brand}" font-weight="bold">
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'acr.cover.year'"/>
        <xsl:with-param name="a1" select="substring(/review-data/@period-end, 1, 4)"/>
      </xsl:call-template>
    </fo:block>
    <fo:block xsl:use-attribute-sets="rp-meta" space-before="1mm" space-after="12mm">
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'acr.meta'"/>
        <xsl:with-param name="a1"><xsl:call-template name="rp-period"/></xsl:with-param>
        <xsl:with-param name="a2" select="string(@id)"/>
        <xsl:with-param name="a3">
          <xsl:call-template name="rp-date">
            <xsl:with-param name="value" select="/review-data/@generated"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </fo:block>

    <!-- The account team: the owner, then the roles of the plan. -->
    <fo:block font-size="10pt" font-weight="bold" color="{$rp-brand}" space-after="2mm"
        keep-with-next="always">
      <xsl:value-of select="$L/acr.cover.team"/>
    </fo:block>
    <fo:table table-layout="fixed" width="120mm" font-size="9.5pt">
      <fo:table-column column-width="55mm"/>
      <fo:table-column column-width="65mm"/>
      <fo:table-body>
        <xsl:if test="string(@owner) != ''">
          <xsl:call-template name="cover-team-row">
            <xsl:with-param name="role" select="$L/fact.owner"/>
            <xsl:with-param name="person" select="string(@owner)"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:for-each select="roles/role">
          <xsl:call-template name="cover-team-row">
            <xsl:with-param name="role" select="string(@role)"/>
            <xsl:with-param name="person">
              <xsl:choose>
                <xsl:when test="@filled = 'yes'"><xsl:value-of select="@person"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$L/role.unfilled"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:if test="string(@owner) = '' and not(roles/role)">
          <xsl:call-template name="cover-team-row">
            <xsl:with-param name="role" select="$rp-none"/>
            <xsl:with-param name="person" select="$L/acr.no-roles"/>
          </xsl:call-template>
        </xsl:if>
      </fo:table-body>
    </fo:table>

    <xsl:choose>
      <xsl:when test="$approved">
        <fo:block space-before="14mm">
          <xsl:call-template name="rp-approval-block">
            <xsl:with-param name="approved-by" select="$approved-by"/>
            <xsl:with-param name="approved-on" select="$approved-on"/>
            <xsl:with-param name="fingerprint" select="$fingerprint"/>
          </xsl:call-template>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <fo:block space-before="14mm" font-size="9pt" font-weight="bold" color="{$rp-brand}">
          <xsl:value-of select="$L/draft.footer"/>
        </fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="cover-team-row">
    <xsl:param name="role"/>
    <xsl:param name="person"/>
    <fo:table-row>
      <fo:table-cell padding-top="1.5pt" padding-bottom="1.5pt"
          border-bottom="0.5pt solid {$rp-rule}">
        <fo:block color="{$rp-muted}"><xsl:value-of select="$role"/></fo:block>
      </fo:table-cell>
      <fo:table-cell padding-top="1.5pt" padding-bottom="1.5pt"
          border-bottom="0.5pt solid {$rp-rule}">
        <fo:block font-weight="bold"><xsl:value-of select="$person"/></fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <!-- =========================== contents ========================== -->

  <xsl:template name="contents">
    <fo:block xsl:use-attribute-sets="rp-title" id="acr-contents" role="H1">
      <xsl:value-of select="$L/acr.contents"/>
    </fo:block>
    <fo:block role="TOC" space-before="3mm" space-after="4mm" font-size="10.5pt">
      <xsl:for-each select="$acr-sections">
        <fo:block role="TOCI" text-align-last="justify" space-before="2.2mm">
          <xsl:if test="@appendix">
            <xsl:attribute name="space-before">5mm</xsl:attribute>
          </xsl:if>
          <fo:basic-link internal-destination="{@id}" color="{$rp-text}">
            <xsl:call-template name="acr-section-title"/>
            <fo:leader leader-pattern="dots" color="{$rp-rule}"/>
            <fo:page-number-citation ref-id="{@id}"/>
          </fo:basic-link>
        </fo:block>
      </xsl:for-each>
    </fo:block>
  </xsl:template>

  <!-- =========================== sections ========================== -->

  <xsl:template match="account">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="projects" select="/review-data/program/projects/project[@account-id = $id]"/>
    <xsl:variable name="has-tickets" select="support/@tickets &gt; 0"/>

    <!-- 1  Executive summary -->
    <xsl:call-template name="acr-heading"><xsl:with-param name="id">acr-summary</xsl:with-param></xsl:call-template>
    <xsl:call-template name="health"/>
    <fo:block space-before="3mm"/>
    <xsl:call-template name="contribution">
      <xsl:with-param name="kind">executive-summary</xsl:with-param>
    </xsl:call-template>
    <fo:block space-before="2mm">
      <xsl:call-template name="facts"/>
    </fo:block>

    <!-- 2  The year in numbers -->
    <xsl:call-template name="acr-heading"><xsl:with-param name="id">acr-numbers</xsl:with-param></xsl:call-template>
    <xsl:apply-templates select="support" mode="summary"/>
    <xsl:call-template name="rp-chart-ticket-volume">
      <xsl:with-param name="account" select="."/>
    </xsl:call-template>
    <!-- Without tickets, the volume chart's sentence says it for both. -->
    <xsl:if test="$has-tickets">
      <xsl:call-template name="rp-chart-sla-trend">
        <xsl:with-param name="account" select="."/>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="rp-chart-backlog-age">
      <xsl:with-param name="backlog" select="support/backlog"/>
    </xsl:call-template>

    <!-- 3  Relationship -->
    <xsl:call-template name="acr-heading"><xsl:with-param name="id">acr-relationship</xsl:with-param></xsl:call-template>
    <fo:block xsl:use-attribute-sets="acr-h3"><xsl:value-of select="$L/acr.h.contacts"/></fo:block>
    <xsl:apply-templates select="contacts"/>
    <xsl:if test="not(contacts)">
      <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.no-contacts"/></xsl:call-template>
    </xsl:if>
    <fo:block xsl:use-attribute-sets="acr-h3"><xsl:value-of select="$L/acr.h.opportunities"/></fo:block>
    <xsl:apply-templates select="opportunities"/>
    <xsl:if test="not(opportunities)">
      <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.no-opportunities"/></xsl:call-template>
    </xsl:if>
    <fo:block xsl:use-attribute-sets="acr-h3"><xsl:value-of select="$L/acr.h.team"/></fo:block>
    <xsl:call-template name="team"/>

    <!-- 4  Support performance: the support team's own reading first,
         then the numbers it reads. -->
    <xsl:call-template name="acr-heading"><xsl:with-param name="id">acr-support</xsl:with-param></xsl:call-template>
    <fo:block xsl:use-attribute-sets="acr-h3"><xsl:value-of select="$L/acr.h.support-commentary"/></fo:block>
    <xsl:call-template name="contribution">
      <xsl:with-param name="kind">support-commentary</xsl:with-param>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$has-tickets">
        <fo:block xsl:use-attribute-sets="acr-h3"><xsl:value-of select="$L/h.sla"/></fo:block>
        <xsl:apply-templates select="support" mode="sla"/>
        <fo:block xsl:use-attribute-sets="acr-h3"><xsl:value-of select="$L/h.months"/></fo:block>
        <xsl:call-template name="rp-month-table">
          <xsl:with-param name="months" select="support/month"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.no-tickets"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <fo:block xsl:use-attribute-sets="acr-h3"><xsl:value-of select="$L/h.backlog"/></fo:block>
    <xsl:apply-templates select="support/backlog"/>
    <xsl:if test="not(support/backlog)">
      <fo:block xsl:use-attribute-sets="rp-para"><xsl:value-of select="$L/backlog.none"/></fo:block>
    </xsl:if>
    <xsl:if test="$has-tickets">
      <fo:block xsl:use-attribute-sets="acr-h3"><xsl:value-of select="$L/acr.h.escalations"/></fo:block>
      <xsl:apply-templates select="support" mode="escalations"/>
    </xsl:if>

    <!-- 5  Projects and milestones -->
    <xsl:call-template name="acr-heading"><xsl:with-param name="id">acr-projects</xsl:with-param></xsl:call-template>
    <xsl:choose>
      <xsl:when test="$projects">
        <xsl:call-template name="projects">
          <xsl:with-param name="projects" select="$projects"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.no-projects"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <fo:block xsl:use-attribute-sets="acr-h3"><xsl:value-of select="$L/acr.h.milestones"/></fo:block>
    <xsl:choose>
      <xsl:when test="milestones/milestone">
        <xsl:call-template name="rp-milestone-table">
          <xsl:with-param name="milestones" select="milestones/milestone"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.no-milestones"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <!-- 6  Risks and their mitigation -->
    <xsl:call-template name="acr-heading"><xsl:with-param name="id">acr-risks</xsl:with-param></xsl:call-template>
    <xsl:choose>
      <xsl:when test="risks/risk">
        <xsl:call-template name="rp-risk-table">
          <xsl:with-param name="risks" select="risks/risk"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.no-risks"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>

    <!-- 7  Last year's feedback and what became of it: feedback recorded
         with `reportpipe feedback` carries its meeting's year and each
         follow-up's outcome; feedback from a file says only what was said,
         so the note says the outcome is still to come: not made up. -->
    <xsl:call-template name="acr-heading"><xsl:with-param name="id">acr-feedback</xsl:with-param></xsl:call-template>
    <xsl:call-template name="contribution">
      <xsl:with-param name="kind">meeting-feedback</xsl:with-param>
    </xsl:call-template>
    <xsl:variable name="feedback" select="contributions/contribution[@kind = 'meeting-feedback']"/>
    <xsl:choose>
      <xsl:when test="$feedback/follow-up">
        <fo:block xsl:use-attribute-sets="rp-para" keep-with-next.within-page="always">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'acr.followups'"/>
            <xsl:with-param name="a1" select="string($feedback/@year)"/>
          </xsl:call-template>
        </fo:block>
        <xsl:call-template name="rp-followup-table">
          <xsl:with-param name="items" select="$feedback/follow-up"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$feedback/para and not($feedback/@year)">
        <fo:block xsl:use-attribute-sets="rp-note">
          <xsl:value-of select="$L/acr.feedback-outcome"/>
        </fo:block>
      </xsl:when>
    </xsl:choose>

    <!-- 8  Plan for next year -->
    <xsl:call-template name="acr-heading"><xsl:with-param name="id">acr-plan</xsl:with-param></xsl:call-template>
    <xsl:call-template name="contribution">
      <xsl:with-param name="kind">plan-next-year</xsl:with-param>
    </xsl:call-template>

    <!-- Appendix A  Ticket log -->
    <xsl:call-template name="acr-heading">
      <xsl:with-param name="id">acr-log</xsl:with-param>
      <xsl:with-param name="new-page" select="true()"/>
    </xsl:call-template>
    <xsl:apply-templates select="support" mode="log"/>
    <xsl:if test="not(support)">
      <fo:block><xsl:value-of select="$L/log.none"/></fo:block>
    </xsl:if>
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

  <!-- An address may break after its @ (a zero-width space): a word
       wider than its cell is not broken between letters but overflows
       into the next cell, as in FOP. -->
  <xsl:template name="email">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="contains($value, '@')">
        <xsl:value-of select="concat(substring-before($value, '@'), '@&#x200B;', substring-after($value, '@'))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$value"/></xsl:call-template>
      </xsl:otherwise>
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
          <xsl:with-param name="k1" select="$L/fact.tier"/>
          <xsl:with-param name="v1"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@tier"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="k2" select="$L/fact.owner"/>
          <xsl:with-param name="v2"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@owner"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="fact-row">
          <xsl:with-param name="k1" select="$L/fact.industry"/>
          <xsl:with-param name="v1"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@industry"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="k2" select="$L/fact.country"/>
          <xsl:with-param name="v2"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@country"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="fact-row">
          <xsl:with-param name="k1" select="$L/fact.since"/>
          <xsl:with-param name="v1"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@contract-start"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="k2" select="$L/fact.arr"/>
          <xsl:with-param name="v2">
            <xsl:choose>
              <xsl:when test="@arr"><xsl:call-template name="rp-money"><xsl:with-param name="value" select="@arr"/></xsl:call-template></xsl:when>
              <xsl:otherwise><xsl:value-of select="$L/fact.arr-none"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="fact-row">
          <xsl:with-param name="k1" select="$L/fact.renewal"/>
          <xsl:with-param name="v1"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@renewal"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="k2" select="$L/fact.revenue"/>
          <xsl:with-param name="v2"><xsl:call-template name="rp-money"><xsl:with-param name="value" select="@annual-revenue"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="fact-row">
          <xsl:with-param name="k1" select="$L/fact.primary"/>
          <xsl:with-param name="v1">
            <xsl:call-template name="or-none">
              <xsl:with-param name="value" select="contacts/contact[@primary = 'yes'][1]/@name"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="k2" select="$L/fact.pipeline"/>
          <xsl:with-param name="v2">
            <xsl:variable name="open" select="opportunities/opportunity[@status = 'open']"/>
            <xsl:choose>
              <xsl:when test="$open">
                <xsl:call-template name="rp-money">
                  <xsl:with-param name="value" select="sum($open/@amount)"/>
                  <xsl:with-param name="currency" select="$open[1]/@currency"/>
                </xsl:call-template>
                <xsl:value-of select="concat(' (', count($open), ')')"/>
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
        <xsl:value-of select="$L/health.heading"/>
        <xsl:text> </xsl:text>
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
              <xsl:call-template name="rp-health-reason"/>
            </fo:block>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <fo:block space-before="1mm">
            <xsl:value-of select="$L/health.none"/>
          </fo:block>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <!-- =========================== summary =========================== -->

  <xsl:template match="support" mode="summary">
    <xsl:variable name="target" select="/review-data/sla-targets/@compliance-target-pct"/>
    <fo:block xsl:use-attribute-sets="rp-para">
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'summary.raised'"/>
        <xsl:with-param name="a1" select="string(../@name)"/>
        <xsl:with-param name="a2">
          <fo:inline font-weight="bold">
            <xsl:call-template name="rp-say">
              <xsl:with-param name="k" select="'summary.tickets'"/>
              <xsl:with-param name="n" select="@tickets"/>
              <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@tickets"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </fo:inline>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="@sla-met-pct">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'summary.sla'"/>
            <xsl:with-param name="a1">
              <fo:inline font-weight="bold"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="@sla-met-pct"/></xsl:call-template></fo:inline>
            </xsl:with-param>
            <xsl:with-param name="a2"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="$target"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a3"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@sla-met"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a4"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@sla-breached"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:if test="@sla-pending &gt; 0">
            <xsl:call-template name="rp-say">
              <xsl:with-param name="k" select="'summary.sla-pending'"/>
              <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@sla-pending"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </xsl:if>
          <xsl:if test="@sla-unknown &gt; 0">
            <xsl:call-template name="rp-say">
              <xsl:with-param name="k" select="'summary.sla-unknown'"/>
              <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@sla-unknown"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </xsl:if>
          <xsl:text>. </xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$L/summary.sla-none"/>
          <xsl:text> </xsl:text>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@first-response-median-hours">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'summary.response'"/>
          <xsl:with-param name="a1"><xsl:call-template name="rp-number"><xsl:with-param name="value" select="@first-response-median-hours"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="a2"><xsl:call-template name="rp-number"><xsl:with-param name="value" select="@first-response-p90-hours"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:if test="@resolution-median-hours">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'summary.resolution'"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-number"><xsl:with-param name="value" select="@resolution-median-hours"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a2"><xsl:call-template name="rp-number"><xsl:with-param name="value" select="@resolution-p90-hours"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:text>. </xsl:text>
      </xsl:if>
      <xsl:call-template name="rp-closed-without-time"/>
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'summary.open'"/>
        <xsl:with-param name="n" select="@open-at-end"/>
        <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@open-at-end"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:if test="category">
        <xsl:text> </xsl:text>
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'summary.categories'"/>
          <xsl:with-param name="a1"><xsl:call-template name="rp-category-list"/></xsl:with-param>
        </xsl:call-template>
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
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.priority"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.tickets"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.targets"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.resp-met"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.resol-met"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.sla-met"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.resp-median"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.resol-median"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.resol-p90"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="priority">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@name"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
            <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@tickets"/></xsl:call-template>
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
          <xsl:call-template name="rp-td"><xsl:with-param name="text" select="$L/sla.all"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          <xsl:call-template name="rp-td-num"><xsl:with-param name="value" select="@tickets"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
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
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'sla.note.targets'"/>
        <xsl:with-param name="a1">
          <xsl:call-template name="rp-weekdays"><xsl:with-param name="days" select="$cal/@days"/></xsl:call-template>
          <xsl:value-of select="concat(', ', $cal/@start, '–', $cal/@end, ' ', $cal/@time-zone)"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:if test="$cal/holiday">
        <xsl:value-of select="$L/sla.note.holidays"/>
      </xsl:if>
      <xsl:value-of select="$L/sla.note.rule"/>
      <xsl:if test="@sla-from-export &gt; 0">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'sla.note.from-export'"/>
          <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@sla-from-export"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
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
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.not-provided"/></xsl:call-template>
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
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.name"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.title"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.role"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.email"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.phone"/></xsl:call-template>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body>
            <!-- The primary contact first. -->
            <xsl:for-each select="contact">
              <xsl:sort select="@primary" order="descending"/>
              <fo:table-row keep-together.within-page="always">
                <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
                <xsl:call-template name="rp-td">
                  <xsl:with-param name="text">
                    <xsl:value-of select="@name"/>
                    <xsl:if test="@primary = 'yes'">
                      <xsl:value-of select="concat(' (', $L/contact.primary, ')')"/>
                    </xsl:if>
                  </xsl:with-param>
                  <xsl:with-param name="bold" select="true()"/>
                </xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@title"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@role"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="email"><xsl:with-param name="value" select="@email"/></xsl:call-template></xsl:with-param></xsl:call-template>
                <xsl:call-template name="rp-td"><xsl:with-param name="text"><xsl:call-template name="or-none"><xsl:with-param name="value" select="@phone"/></xsl:call-template></xsl:with-param></xsl:call-template>
              </fo:table-row>
            </xsl:for-each>
          </fo:table-body>
        </fo:table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.no-contacts"/></xsl:call-template>
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
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.opportunity"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.stage"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.type"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.amount"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.probability"/><xsl:with-param name="align">end</xsl:with-param></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.close"/></xsl:call-template>
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
                    <xsl:call-template name="rp-money">
                      <xsl:with-param name="value" select="@amount"/>
                      <xsl:with-param name="currency" select="@currency"/>
                    </xsl:call-template>
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
            <xsl:call-template name="rp-say">
              <xsl:with-param name="k" select="'opportunities.won'"/>
              <xsl:with-param name="n" select="count(opportunity[@status = 'won'])"/>
              <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count(opportunity[@status = 'won'])"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="a2">
                <xsl:for-each select="opportunity[@status = 'won']">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:value-of select="@name"/>
                </xsl:for-each>
              </xsl:with-param>
            </xsl:call-template>
          </fo:block>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.no-opportunities"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================ backlog ========================== -->

  <xsl:template match="backlog">
    <xsl:choose>
      <xsl:when test="@tickets &gt; 0">
        <fo:block xsl:use-attribute-sets="rp-para">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'backlog.intro'"/>
            <xsl:with-param name="n" select="@tickets"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@tickets"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </fo:block>
        <xsl:call-template name="rp-backlog-table">
          <xsl:with-param name="backlog" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <fo:block xsl:use-attribute-sets="rp-para"><xsl:value-of select="$L/backlog.none"/></fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================== escalations ======================== -->

  <xsl:template match="support" mode="escalations">
    <xsl:variable name="e" select="escalations"/>
    <fo:block xsl:use-attribute-sets="rp-para">
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'escalations.summary'"/>
        <xsl:with-param name="a1">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'escalations.p1'"/>
            <xsl:with-param name="n" select="$e/@p1"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$e/@p1"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="a2">
          <xsl:call-template name="rp-say">
            <xsl:with-param name="k" select="'escalations.breached'"/>
            <xsl:with-param name="n" select="$e/@breached"/>
            <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$e/@breached"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="a3"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$e/@reopened"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="a4"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$e/@escalated"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </fo:block>
    <xsl:variable name="list" select="ticket[@priority = 'P1' or @reopened or @escalated = 'yes']"/>
    <xsl:if test="$list">
      <fo:table xsl:use-attribute-sets="rp-table" font-size="8pt">
        <fo:table-column column-width="19mm"/>
        <fo:table-column column-width="19mm"/>
        <fo:table-column column-width="11mm"/>
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-column column-width="27mm"/>
        <fo:table-column column-width="19mm"/>
        <fo:table-header>
          <fo:table-row>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.ticket"/></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.created"/></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.priority-short"/></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.subject"/></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.why-listed"/></xsl:call-template>
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.sla"/></xsl:call-template>
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
                  <xsl:if test="@priority = 'P1'"><xsl:value-of select="$L/escalations.why.critical"/></xsl:if>
                  <xsl:if test="@escalated = 'yes'">
                    <xsl:if test="@priority = 'P1'">, </xsl:if>
                    <xsl:value-of select="$L/escalations.why.escalated"/>
                  </xsl:if>
                  <xsl:if test="@reopened">
                    <xsl:if test="@priority = 'P1' or @escalated = 'yes'">, </xsl:if>
                    <xsl:call-template name="rp-say">
                      <xsl:with-param name="k" select="'escalations.why.reopened'"/>
                      <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@reopened"/></xsl:call-template></xsl:with-param>
                    </xsl:call-template>
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

  <!-- ======================= team and projects ===================== -->

  <xsl:template name="team">
    <xsl:choose>
      <xsl:when test="roles/role">
        <xsl:call-template name="rp-role-table">
          <xsl:with-param name="roles" select="roles/role"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="rp-empty"><xsl:with-param name="text" select="$L/acr.no-roles"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The account's projects of the program plan: name, phase, RAG and
       goal. -->
  <xsl:template name="projects">
    <xsl:param name="projects"/>
    <xsl:for-each select="$projects">
      <fo:block xsl:use-attribute-sets="rp-para" space-before="1mm">
        <fo:inline font-weight="bold"><xsl:value-of select="@name"/></fo:inline>
        <xsl:text> (</xsl:text>
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'team.project'"/>
          <xsl:with-param name="a1" select="string(@phase)"/>
          <xsl:with-param name="a2"><xsl:call-template name="rp-rag-inline"><xsl:with-param name="rag" select="@rag"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
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
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'log.intro'"/>
        <xsl:with-param name="n" select="count(ticket)"/>
        <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count(ticket)"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </fo:block>
    <xsl:choose>
      <xsl:when test="ticket">
        <fo:table xsl:use-attribute-sets="rp-table" font-size="7.5pt">
          <fo:table-column column-width="19mm"/>
          <fo:table-column column-width="19mm"/>
          <fo:table-column column-width="11mm"/>
          <fo:table-column column-width="19mm"/>
          <fo:table-column column-width="24mm"/>
          <fo:table-column column-width="proportional-column-width(1)"/>
          <fo:table-column column-width="17mm"/>
          <fo:table-header>
            <fo:table-row>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.ticket"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.created"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.priority-short"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.status"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.category"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.subject"/></xsl:call-template>
              <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.sla"/></xsl:call-template>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body>
            <!-- One row per ticket, hundreds in a review: the cells are
                 written here rather than through rp-td and rp-zebra (the
                 same attributes, from $rp-td and $rp-zebra), a template
                 call per cell being a sixth of the transform. -->
            <xsl:for-each select="ticket">
              <fo:table-row keep-together.within-page="always">
                <xsl:if test="position() mod 2 = 0">
                  <xsl:attribute name="background-color"><xsl:value-of select="$rp-zebra"/></xsl:attribute>
                </xsl:if>
                <fo:table-cell><xsl:copy-of select="$rp-td"/><fo:block><xsl:value-of select="@id"/></fo:block></fo:table-cell>
                <fo:table-cell><xsl:copy-of select="$rp-td"/><fo:block><xsl:value-of select="substring(@created, 1, 10)"/></fo:block></fo:table-cell>
                <fo:table-cell><xsl:copy-of select="$rp-td"/><fo:block><xsl:value-of select="@priority"/></fo:block></fo:table-cell>
                <fo:table-cell><xsl:copy-of select="$rp-td"/>
                  <fo:block><xsl:call-template name="rp-status-label"><xsl:with-param name="status" select="@status"/></xsl:call-template></fo:block>
                </fo:table-cell>
                <fo:table-cell><xsl:copy-of select="$rp-td"/>
                  <fo:block><xsl:call-template name="rp-category-label"><xsl:with-param name="name" select="@category"/></xsl:call-template></fo:block>
                </fo:table-cell>
                <fo:table-cell><xsl:copy-of select="$rp-td"/><fo:block><xsl:value-of select="."/></fo:block></fo:table-cell>
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
        <fo:block><xsl:value-of select="$L/log.none"/></fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
