<?xml version="1.0" encoding="UTF-8"?>
<!--
  Follow-ups of the customers' meetings (docs/data-contract.md,
  "follow-up"): one table for the review's "last year's feedback and what
  became of it" and the status report's open follow-ups.  Included by
  annual-review.xsl and status-report.xsl; needs common.xsl ($L, rp-th,
  rp-td, rp-date, rp-zebra), which they import.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <!-- "done on 3 Dec 2026", "open" or "overdue" (in the warning colour). -->
  <xsl:template name="rp-followup-outcome">
    <xsl:param name="f"/>
    <xsl:choose>
      <xsl:when test="$f/@status = 'done'">
        <xsl:call-template name="rp-say">
          <xsl:with-param name="k" select="'fu.done'"/>
          <xsl:with-param name="a1"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="$f/@done-on"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$f/@status = 'overdue'"><xsl:value-of select="$L/fu.overdue"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$L/fu.open"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- items: follow-up elements, in the order given; with-account: a
       first column naming each one's account (@name). -->
  <xsl:template name="rp-followup-table">
    <xsl:param name="items"/>
    <xsl:param name="with-account" select="false()"/>
    <fo:table xsl:use-attribute-sets="rp-table">
      <xsl:if test="$with-account">
        <fo:table-column column-width="proportional-column-width(2.2)"/>
      </xsl:if>
      <fo:table-column column-width="proportional-column-width(3.4)"/>
      <fo:table-column column-width="proportional-column-width(1.6)"/>
      <fo:table-column column-width="proportional-column-width(1.2)"/>
      <fo:table-column column-width="proportional-column-width(1.5)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:if test="$with-account">
            <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.account"/></xsl:call-template>
          </xsl:if>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.action"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.owner"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.due"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.outcome"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <xsl:for-each select="$items">
          <fo:table-row keep-together.within-page="always">
            <xsl:call-template name="rp-zebra"><xsl:with-param name="n" select="position()"/></xsl:call-template>
            <xsl:if test="$with-account">
              <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@name"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
            </xsl:if>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@what"/></xsl:call-template>
            <xsl:call-template name="rp-td"><xsl:with-param name="text" select="@owner"/></xsl:call-template>
            <xsl:call-template name="rp-td">
              <xsl:with-param name="text"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@due"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <fo:table-cell padding="2pt 3pt" border-bottom="0.5pt solid {$rp-rule}">
              <fo:block>
                <xsl:if test="@status = 'overdue'">
                  <xsl:attribute name="color"><xsl:value-of select="$rp-unstable"/></xsl:attribute>
                  <xsl:attribute name="font-weight">bold</xsl:attribute>
                </xsl:if>
                <xsl:call-template name="rp-followup-outcome"><xsl:with-param name="f" select="."/></xsl:call-template>
              </fo:block>
            </fo:table-cell>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

</xsl:stylesheet>
