<?xml version="1.0" encoding="UTF-8"?>
<!--
  The status report's first page: what needs the reader's attention
  today, in five groups, each ranked worst first and cut to $psr-top
  lines, with a count of the rest and the page of the section that lists
  them:

    unstable accounts        account[@health = 'unstable'], by the number
                             of health reasons, then SLA met % (lowest
                             first); why: the reasons; owner: the account's
    SLA deviations           accounts whose SLA met % is below
                             sla-targets/@compliance-target-pct, lowest
                             first; owner: the account's
    overdue milestones       milestone[@overdue = 'yes'], most days
                             overdue first; owner: the milestone's
    risks without mitigation open risks with no <mitigation>, high
                             severity first, then by due date; owner: the
                             risk's
    the review workflow      requests/request past their due date or
                             waiting for approval too long, longest wait
                             first; then deliveries at risk
                             (@at-risk = 'yes'), nearest print deadline
                             first; owner: the person the request waits
                             on; then follow-ups of the meetings past due
                             (follow-ups/follow-up[@status = 'overdue']),
                             longest overdue first; owner: the follow-up's

  The data holds no earlier health, so "unstable" is the state at this
  run (docs/templates.md, "The status report").  Also: the ranked order
  of accounts (psr-worst-first), used by the detail and the appendix.

  Included by status-report.xsl, whose $program and params it reads.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:variable name="psr-target"
      select="number(/review-data/sla-targets/@compliance-target-pct)"/>

  <!-- The page a detail section starts on, as a link to it. -->
  <xsl:template name="psr-page-of">
    <xsl:param name="id"/>
    <fo:basic-link internal-destination="{$id}" color="{$rp-brand}">
      <fo:page-number-citation ref-id="{$id}"/>
    </fo:basic-link>
  </xsl:template>

  <xsl:template name="psr-today">
    <xsl:variable name="unstable" select="account[@health = 'unstable']"/>
    <xsl:variable name="below"
        select="account[support/@sla-met-pct &lt; $psr-target]"/>
    <xsl:variable name="overdue" select="//milestone[@overdue = 'yes']"/>
    <xsl:variable name="unmitigated"
        select="//risk[@open = 'yes' and not(normalize-space(mitigation))]"/>
    <xsl:variable name="stuck"
        select="requests/request[@overdue = 'yes' or @approval-waiting-days &gt; 0]"/>
    <xsl:variable name="risky" select="requests/request[@at-risk = 'yes']"/>
    <xsl:variable name="late" select="follow-ups/follow-up[@status = 'overdue']"/>

    <fo:block xsl:use-attribute-sets="rp-h2" space-before="5mm">
      <xsl:value-of select="$L/psr.h.today"/>
    </fo:block>
    <fo:block xsl:use-attribute-sets="rp-note" space-after="2mm">
      <xsl:call-template name="rp-say">
        <xsl:with-param name="k" select="'psr.today-intro'"/>
        <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$psr-top"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </fo:block>
    <fo:table xsl:use-attribute-sets="rp-table" font-size="7.5pt">
      <fo:table-column column-width="proportional-column-width(2.5)"/>
      <fo:table-column column-width="proportional-column-width(5.2)"/>
      <fo:table-column column-width="proportional-column-width(1.4)"/>
      <fo:table-header>
        <fo:table-row>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/psr.th.item"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/psr.th.reason"/></xsl:call-template>
          <xsl:call-template name="rp-th"><xsl:with-param name="text" select="$L/th.owner"/></xsl:call-template>
        </fo:table-row>
      </fo:table-header>
      <fo:table-body>
        <!-- unstable accounts -->
        <xsl:call-template name="psr-group">
          <xsl:with-param name="title" select="string($L/psr.today.unstable)"/>
          <xsl:with-param name="n" select="count($unstable)"/>
          <xsl:with-param name="none" select="string($L/psr.today.unstable-none)"/>
          <xsl:with-param name="section" select="'psr-attention'"/>
          <xsl:with-param name="section-title" select="$L/psr.h.attention"/>
        </xsl:call-template>
        <xsl:for-each select="$unstable">
          <xsl:sort select="count(health-reason)" data-type="number" order="descending"/>
          <xsl:sort select="concat(support/@sla-met-pct, substring('1000', 1, 4 * not(support/@sla-met-pct)))" data-type="number"/>
          <xsl:if test="position() &lt;= $psr-top">
            <xsl:call-template name="psr-line">
              <xsl:with-param name="what" select="@name"/>
              <xsl:with-param name="why">
                <!-- the first two reasons (the rules' order puts the
                     strictest first); the cards of the detail have all -->
                <xsl:for-each select="health-reason[position() &lt;= 2]">
                  <xsl:if test="position() &gt; 1">; </xsl:if>
                  <xsl:call-template name="rp-health-reason"/>
                </xsl:for-each>
                <xsl:if test="count(health-reason) &gt; 2">
                  <xsl:text>; </xsl:text>
                  <xsl:call-template name="rp-say">
                    <xsl:with-param name="k" select="'psr.today.more-reasons'"/>
                    <xsl:with-param name="n" select="count(health-reason) - 2"/>
                    <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="count(health-reason) - 2"/></xsl:call-template></xsl:with-param>
                  </xsl:call-template>
                </xsl:if>
              </xsl:with-param>
              <xsl:with-param name="owner" select="@owner"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:call-template name="psr-more">
          <xsl:with-param name="n" select="count($unstable)"/>
          <xsl:with-param name="section" select="'psr-attention'"/>
          <xsl:with-param name="section-title" select="$L/psr.h.attention"/>
        </xsl:call-template>

        <!-- SLA deviations -->
        <xsl:call-template name="psr-group">
          <xsl:with-param name="title">
            <xsl:call-template name="rp-say">
              <xsl:with-param name="k" select="'psr.today.sla'"/>
              <xsl:with-param name="a1"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="$psr-target"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="n" select="count($below)"/>
          <xsl:with-param name="none" select="string($L/psr.today.sla-none)"/>
        </xsl:call-template>
        <xsl:for-each select="$below">
          <xsl:sort select="support/@sla-met-pct" data-type="number"/>
          <xsl:if test="position() &lt;= $psr-top">
            <xsl:call-template name="psr-line">
              <xsl:with-param name="what" select="@name"/>
              <xsl:with-param name="why">
                <xsl:call-template name="rp-say">
                  <xsl:with-param name="k" select="'psr.today.sla-why'"/>
                  <xsl:with-param name="a1"><xsl:call-template name="rp-pct"><xsl:with-param name="value" select="support/@sla-met-pct"/></xsl:call-template></xsl:with-param>
                  <xsl:with-param name="a2"><xsl:call-template name="rp-number"><xsl:with-param name="value" select="$psr-target - support/@sla-met-pct"/><xsl:with-param name="digits" select="1"/></xsl:call-template></xsl:with-param>
                  <xsl:with-param name="a3"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="support/@sla-breached"/></xsl:call-template></xsl:with-param>
                  <xsl:with-param name="a4"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="support/@tickets"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="owner" select="@owner"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:call-template name="psr-more">
          <xsl:with-param name="n" select="count($below)"/>
          <xsl:with-param name="section" select="'psr-accounts'"/>
          <xsl:with-param name="section-title" select="$psr-accounts-title"/>
        </xsl:call-template>

        <!-- overdue milestones -->
        <xsl:call-template name="psr-group">
          <xsl:with-param name="title" select="string($L/psr.h.overdue)"/>
          <xsl:with-param name="n" select="count($overdue)"/>
          <xsl:with-param name="none" select="string($L/psr.today.overdue-none)"/>
        </xsl:call-template>
        <xsl:for-each select="$overdue">
          <xsl:sort select="@days-overdue" data-type="number" order="descending"/>
          <xsl:sort select="@due"/>
          <xsl:if test="position() &lt;= $psr-top">
            <xsl:call-template name="psr-line">
              <xsl:with-param name="what" select="@name"/>
              <xsl:with-param name="context"><xsl:call-template name="psr-where"/></xsl:with-param>
              <xsl:with-param name="why">
                <xsl:call-template name="rp-say">
                  <xsl:with-param name="k" select="'psr.today.overdue-why'"/>
                  <xsl:with-param name="n" select="@days-overdue"/>
                  <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@days-overdue"/></xsl:call-template></xsl:with-param>
                  <xsl:with-param name="a2"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@due"/></xsl:call-template></xsl:with-param>
                  <xsl:with-param name="a3" select="string(@status)"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="owner" select="@owner"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:call-template name="psr-more">
          <xsl:with-param name="n" select="count($overdue)"/>
          <xsl:with-param name="section" select="'psr-overdue'"/>
          <xsl:with-param name="section-title" select="$L/psr.h.overdue"/>
        </xsl:call-template>

        <!-- risks without mitigation -->
        <xsl:call-template name="psr-group">
          <xsl:with-param name="title" select="string($L/psr.today.unmitigated)"/>
          <xsl:with-param name="n" select="count($unmitigated)"/>
          <xsl:with-param name="none" select="string($L/psr.today.unmitigated-none)"/>
        </xsl:call-template>
        <xsl:for-each select="$unmitigated">
          <xsl:sort select="(@severity = 'high') * 2 + (@severity = 'medium')" data-type="number" order="descending"/>
          <xsl:sort select="concat(@due, substring('9999', 1, 4 * not(@due)))"/>
          <xsl:if test="position() &lt;= $psr-top">
            <xsl:call-template name="psr-line">
              <xsl:with-param name="what" select="@title"/>
              <xsl:with-param name="context"><xsl:call-template name="psr-where"/></xsl:with-param>
              <xsl:with-param name="why">
                <xsl:variable name="severity"><xsl:call-template name="rp-severity-inline"><xsl:with-param name="severity" select="@severity"/></xsl:call-template></xsl:variable>
                <xsl:choose>
                  <xsl:when test="@due">
                    <xsl:call-template name="rp-say">
                      <xsl:with-param name="k" select="'psr.today.unmitigated-why-due'"/>
                      <xsl:with-param name="a1" select="$severity"/>
                      <xsl:with-param name="a2"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@due"/></xsl:call-template></xsl:with-param>
                    </xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="rp-say">
                      <xsl:with-param name="k" select="'psr.today.unmitigated-why'"/>
                      <xsl:with-param name="a1" select="$severity"/>
                    </xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
              <xsl:with-param name="owner" select="@owner"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:call-template name="psr-more">
          <xsl:with-param name="n" select="count($unmitigated)"/>
          <xsl:with-param name="section" select="'psr-risks'"/>
          <xsl:with-param name="section-title" select="$L/psr.h.unmitigated"/>
        </xsl:call-template>

        <!-- the review workflow: reviews stuck, deliveries at risk,
             follow-ups overdue, in one group so that page 1 holds it -->
        <xsl:call-template name="psr-group">
          <xsl:with-param name="title" select="string($L/psr.today.workflow)"/>
          <xsl:with-param name="n" select="count($stuck) + count($risky) + count($late)"/>
          <xsl:with-param name="none">
            <xsl:choose>
              <xsl:when test="not(requests)"><xsl:value-of select="$L/reviews.untracked"/></xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="rp-say">
                  <xsl:with-param name="k" select="'psr.today.workflow-none'"/>
                  <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="requests/@approval-wait-days"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:for-each select="$stuck">
          <xsl:sort select="@approval-waiting-days" data-type="number" order="descending"/>
          <xsl:sort select="@due"/>
          <xsl:if test="position() &lt;= $psr-top">
            <xsl:call-template name="psr-line">
              <xsl:with-param name="what" select="@name"/>
              <xsl:with-param name="context"><xsl:call-template name="rp-label"><xsl:with-param name="k" select="concat('stage.', @stage)"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="why">
                <xsl:if test="@overdue = 'yes'">
                  <xsl:call-template name="rp-say">
                    <xsl:with-param name="k" select="'psr.today.stuck-due'"/>
                    <xsl:with-param name="a1"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@due"/></xsl:call-template></xsl:with-param>
                  </xsl:call-template>
                </xsl:if>
                <xsl:if test="@overdue = 'yes' and @approval-waiting-days &gt; 0">; </xsl:if>
                <xsl:if test="@approval-waiting-days &gt; 0">
                  <xsl:call-template name="rp-say">
                    <xsl:with-param name="k" select="'reviews.in-review'"/>
                    <xsl:with-param name="n" select="@approval-waiting-days"/>
                    <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="@approval-waiting-days"/></xsl:call-template></xsl:with-param>
                  </xsl:call-template>
                </xsl:if>
              </xsl:with-param>
              <xsl:with-param name="owner" select="@waits-on"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:call-template name="psr-more">
          <xsl:with-param name="n" select="count($stuck)"/>
          <xsl:with-param name="section" select="'psr-reviews'"/>
          <xsl:with-param name="section-title" select="$L/psr.h.reviews"/>
        </xsl:call-template>
        <!-- deliveries at risk: the print deadline near, nothing shipped -->
        <xsl:for-each select="$risky">
          <xsl:sort select="@print-deadline"/>
          <xsl:if test="position() &lt;= $psr-top">
            <xsl:call-template name="psr-line">
              <xsl:with-param name="what" select="@name"/>
              <xsl:with-param name="context"><xsl:call-template name="rp-label"><xsl:with-param name="k" select="concat('stage.', @stage)"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="why">
                <xsl:call-template name="rp-say">
                  <xsl:with-param name="k" select="'psr.today.at-risk-why'"/>
                  <xsl:with-param name="a1"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@print-deadline"/></xsl:call-template></xsl:with-param>
                  <xsl:with-param name="a2"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@meeting"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="owner" select="@waits-on"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:call-template name="psr-more">
          <xsl:with-param name="n" select="count($risky)"/>
          <xsl:with-param name="section" select="'psr-reviews'"/>
          <xsl:with-param name="section-title" select="$L/psr.h.reviews"/>
        </xsl:call-template>
        <!-- follow-ups from the meetings past their due date -->
        <xsl:for-each select="$late">
          <xsl:sort select="@due"/>
          <xsl:if test="position() &lt;= $psr-top">
            <xsl:call-template name="psr-line">
              <xsl:with-param name="what" select="@what"/>
              <xsl:with-param name="context" select="string(@name)"/>
              <xsl:with-param name="why">
                <xsl:call-template name="rp-say">
                  <xsl:with-param name="k" select="'psr.today.followup-why'"/>
                  <xsl:with-param name="a1"><xsl:call-template name="rp-date"><xsl:with-param name="value" select="@due"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="owner" select="@owner"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:call-template name="psr-more">
          <xsl:with-param name="n" select="count($late)"/>
          <xsl:with-param name="section" select="'psr-reviews'"/>
          <xsl:with-param name="section-title" select="$L/psr.h.reviews"/>
        </xsl:call-template>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- A group's heading row, "Unstable accounts · 3" in the first
       column and, when it has nothing, the sentence that says so beside
       it (the renderer does not span columns yet). -->
  <xsl:template name="psr-group">
    <xsl:param name="title"/>
    <xsl:param name="n"/>
    <xsl:param name="none"/>
    <fo:table-row keep-with-next.within-page="always">
      <fo:table-cell padding-top="6pt" padding-bottom="2pt" padding-left="3pt"
          padding-right="3pt" border-bottom="0.75pt solid {$rp-brand}">
        <fo:block font-weight="bold" color="{$rp-brand}" font-size="8.5pt">
          <xsl:copy-of select="$title"/>
          <fo:inline>
            <xsl:if test="$n &gt; 0">
              <xsl:attribute name="color"><xsl:value-of select="$rp-unstable"/></xsl:attribute>
            </xsl:if>
            <!-- no-break spaces: the count stays with the last word -->
            <xsl:text>&#160;·&#160;</xsl:text>
            <xsl:call-template name="rp-int"><xsl:with-param name="value" select="$n"/></xsl:call-template>
          </fo:inline>
        </fo:block>
      </fo:table-cell>
      <fo:table-cell padding-top="6pt" padding-bottom="2pt" padding-left="3pt"
          padding-right="3pt" border-bottom="0.75pt solid {$rp-brand}"
          display-align="after">
        <fo:block color="{$rp-muted}" font-style="italic">
          <xsl:if test="$n = 0"><xsl:copy-of select="$none"/></xsl:if>
        </fo:block>
      </fo:table-cell>
      <fo:table-cell padding-top="6pt" padding-bottom="2pt" padding-left="3pt"
          padding-right="3pt" border-bottom="0.75pt solid {$rp-brand}">
        <fo:block/>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <xsl:template name="psr-line">
    <xsl:param name="what"/>
    <xsl:param name="context"/>
    <xsl:param name="why"/>
    <xsl:param name="owner"/>
    <fo:table-row keep-together.within-page="always">
      <fo:table-cell><xsl:copy-of select="$rp-td"/>
        <fo:block font-weight="bold"><xsl:value-of select="$what"/></fo:block>
        <xsl:if test="string($context) != ''">
          <fo:block color="{$rp-muted}"><xsl:copy-of select="$context"/></fo:block>
        </xsl:if>
      </fo:table-cell>
      <fo:table-cell><xsl:copy-of select="$rp-td"/>
        <fo:block><xsl:copy-of select="$why"/></fo:block>
      </fo:table-cell>
      <fo:table-cell><xsl:copy-of select="$rp-td"/>
        <fo:block>
          <xsl:choose>
            <xsl:when test="normalize-space($owner) != ''"><xsl:value-of select="$owner"/></xsl:when>
            <xsl:otherwise>
              <fo:inline color="{$rp-unstable}"><xsl:value-of select="$L/psr.no-owner"/></fo:inline>
            </xsl:otherwise>
          </xsl:choose>
        </fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

  <!-- "12 more in Accounts needing attention, page 4." when the group
       had more than $psr-top. -->
  <xsl:template name="psr-more">
    <xsl:param name="n"/>
    <xsl:param name="section"/>
    <xsl:param name="section-title"/>
    <xsl:if test="$n &gt; $psr-top">
      <fo:table-row keep-with-previous.within-page="always">
        <fo:table-cell><fo:block/></fo:table-cell>
        <fo:table-cell padding-top="2pt" padding-bottom="2pt" padding-left="3pt"
            padding-right="3pt">
          <fo:block color="{$rp-muted}">
            <xsl:call-template name="rp-say">
              <xsl:with-param name="k" select="'psr.today.more'"/>
              <xsl:with-param name="a1"><xsl:call-template name="rp-int"><xsl:with-param name="value" select="$n - $psr-top"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="a2" select="string($section-title)"/>
              <xsl:with-param name="a3"><xsl:call-template name="psr-page-of"><xsl:with-param name="id" select="$section"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </fo:block>
        </fo:table-cell>
        <fo:table-cell><fo:block/></fo:table-cell>
      </fo:table-row>
    </xsl:if>
  </xsl:template>

  <!-- Where a milestone or risk belongs: its account, else the program. -->
  <xsl:template name="psr-where">
    <xsl:choose>
      <xsl:when test="ancestor::account"><xsl:value-of select="ancestor::account/@name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$L/program-wide"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
