<!-- 2^40 template calls: stopped by <transform seconds> (tests/e2e/budget.t, tools/valgrind.sh). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><out><xsl:call-template name="f">
    <xsl:with-param name="n" select="40"/></xsl:call-template></out></xsl:template>
  <xsl:template name="f">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:call-template name="f"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
