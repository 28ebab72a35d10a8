<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drives every generic chart template of templates/charts.xsl with known
  data (tests/e2e/charts.t): a stacked, a grouped, a line and a
  horizontal bar chart, crowded labels, one data point, empty data (the
  domain charts of charts-data.xsl too, on empty data).
  Applied to any document (its input is not read).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">

  <xsl:import href="common.xsl"/>
  <xsl:import href="charts-data.xsl"/>

  <xsl:variable name="stacked">
    <c label="Jan"><v>3</v><v>10</v><v>7</v></c>
    <c label="Feb"><v>0</v><v>12</v><v>4</v></c>
    <c label="Mar"><v>5</v><v>23</v><v>9</v></c>
    <c label="Apr"><v>1</v><v>8</v><v>2</v></c>
  </xsl:variable>
  <xsl:variable name="three">
    <s label="High"/><s label="Medium"/><s label="Low"/>
  </xsl:variable>
  <xsl:variable name="grouped">
    <c label="Alpha"><v>480000</v><v>352000</v></c>
    <c label="Beta with a very long project name indeed"><v>260000</v><v>301500</v></c>
    <c label="Gamma"><v>90000</v><v>12500</v></c>
  </xsl:variable>
  <xsl:variable name="two"><s label="Budget"/><s label="Actual"/></xsl:variable>
  <xsl:variable name="line">
    <c label="W1"><v>92.5</v></c><c label="W2"><v>88</v></c>
    <c label="W3"><v/></c><c label="W4"><v>95.1</v></c>
    <c label="W5"><v>71.4</v></c>
  </xsl:variable>
  <xsl:variable name="one"><s label="SLA met %"/></xsl:variable>
  <xsl:variable name="hbars">
    <c label="Zeta Corp"><v>97.2</v></c>
    <c label="Acme Widgets, Incorporated of the Greater Metropolitan Area"><v>74</v></c>
    <c label="Beta"><v>88.9</v></c>
    <c label="Delta"><v>91</v></c>
    <c label="Eta"><v>60.5</v></c>
  </xsl:variable>
  <xsl:variable name="single"><c label="Only"><v>7</v></c></xsl:variable>
  <!-- 40 categories with long names: tilted, clipped and thinned. -->
  <xsl:variable name="crowded">
    <xsl:call-template name="crowd"><xsl:with-param name="i" select="1"/></xsl:call-template>
  </xsl:variable>
  <xsl:template name="crowd">
    <xsl:param name="i"/>
    <xsl:if test="$i &lt;= 40">
      <c label="Category number {$i} of the crowded axis"><v><xsl:value-of select="$i * 3"/></v><v>2</v></c>
      <xsl:call-template name="crowd"><xsl:with-param name="i" select="$i + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- An account and a program with nothing to chart. -->
  <xsl:variable name="idle">
    <account id="X" name="Idle"><support tickets="0">
      <month month="2026-01" label="Jan 2026" tickets="0" p1="0" p2="0" p3="0" p4="0"/>
      <backlog tickets="0"/></support></account>
    <program accounts="0"><projects/></program>
  </xsl:variable>

  <xsl:template match="/">
    <fo:root xml:lang="en">
      <xsl:call-template name="rp-layout-master-set"/>
      <fo:page-sequence master-reference="A4" id="charts">
        <fo:flow flow-name="xsl-region-body">
          <fo:block xsl:use-attribute-sets="rp-body">
            <fo:block>Stacked</fo:block>
            <xsl:call-template name="rp-chart-stacked-bars">
              <xsl:with-param name="data" select="exsl:node-set($stacked)/*"/>
              <xsl:with-param name="series" select="exsl:node-set($three)/*"/>
              <xsl:with-param name="y-title" select="'Tickets'"/>
              <xsl:with-param name="alt-intro" select="'Test stacked.'"/>
            </xsl:call-template>
            <fo:block>Grouped</fo:block>
            <xsl:call-template name="rp-chart-grouped-bars">
              <xsl:with-param name="data" select="exsl:node-set($grouped)/*"/>
              <xsl:with-param name="series" select="exsl:node-set($two)/*"/>
              <xsl:with-param name="alt-intro" select="'Test grouped.'"/>
            </xsl:call-template>
            <fo:block>Line</fo:block>
            <xsl:call-template name="rp-chart-line">
              <xsl:with-param name="data" select="exsl:node-set($line)/*"/>
              <xsl:with-param name="series" select="exsl:node-set($one)/*"/>
              <xsl:with-param name="suffix" select="'%'"/>
              <xsl:with-param name="y-min" select="'auto'"/>
              <xsl:with-param name="y-max" select="100"/>
              <xsl:with-param name="target" select="90"/>
              <xsl:with-param name="alt-intro" select="'Test line.'"/>
            </xsl:call-template>
            <fo:block>Horizontal</fo:block>
            <xsl:call-template name="rp-chart-hbars">
              <xsl:with-param name="data" select="exsl:node-set($hbars)/*"/>
              <xsl:with-param name="sort" select="'ascending'"/>
              <xsl:with-param name="max-bars" select="4"/>
              <xsl:with-param name="x-max" select="100"/>
              <xsl:with-param name="suffix" select="'%'"/>
              <xsl:with-param name="target" select="90"/>
              <xsl:with-param name="alt-intro" select="'Test hbars.'"/>
            </xsl:call-template>
            <fo:block break-before="page">Crowded</fo:block>
            <xsl:call-template name="rp-chart-stacked-bars">
              <xsl:with-param name="data" select="exsl:node-set($crowded)/*"/>
              <xsl:with-param name="series" select="exsl:node-set($two)/*"/>
              <xsl:with-param name="alt-intro" select="'Test crowded.'"/>
            </xsl:call-template>
            <fo:block>Single bar</fo:block>
            <xsl:call-template name="rp-chart-stacked-bars">
              <xsl:with-param name="data" select="exsl:node-set($single)/*"/>
              <xsl:with-param name="series" select="exsl:node-set($one)/*"/>
              <xsl:with-param name="alt-intro" select="'Test single bar.'"/>
            </xsl:call-template>
            <fo:block>Single point</fo:block>
            <xsl:call-template name="rp-chart-line">
              <xsl:with-param name="data" select="exsl:node-set($single)/*"/>
              <xsl:with-param name="series" select="exsl:node-set($one)/*"/>
              <xsl:with-param name="alt-intro" select="'Test single point.'"/>
            </xsl:call-template>
            <fo:block>Empty</fo:block>
            <xsl:call-template name="rp-chart-grouped-bars">
              <xsl:with-param name="data" select="/.."/>
              <xsl:with-param name="series" select="exsl:node-set($two)/*"/>
              <xsl:with-param name="empty-sentence" select="'Nothing to draw here.'"/>
            </xsl:call-template>
            <fo:block>Idle account</fo:block>
            <xsl:call-template name="rp-chart-ticket-volume">
              <xsl:with-param name="account" select="exsl:node-set($idle)/account"/>
            </xsl:call-template>
            <xsl:call-template name="rp-chart-sla-trend">
              <xsl:with-param name="account" select="exsl:node-set($idle)/account"/>
              <xsl:with-param name="target" select="90"/>
            </xsl:call-template>
            <xsl:call-template name="rp-chart-backlog-age">
              <xsl:with-param name="backlog" select="exsl:node-set($idle)/account/support/backlog"/>
            </xsl:call-template>
            <xsl:call-template name="rp-chart-health">
              <xsl:with-param name="program" select="exsl:node-set($idle)/program"/>
            </xsl:call-template>
            <xsl:call-template name="rp-chart-sla-by-account">
              <xsl:with-param name="accounts" select="exsl:node-set($idle)/account"/>
              <xsl:with-param name="target" select="90"/>
            </xsl:call-template>
            <xsl:call-template name="rp-chart-budget">
              <xsl:with-param name="projects" select="exsl:node-set($idle)/program/projects/project"/>
            </xsl:call-template>
          </fo:block>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>
</xsl:stylesheet>
