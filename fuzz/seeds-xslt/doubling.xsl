<!-- A string doubled in every call: stopped by <transform memory-mb>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><out><xsl:call-template name="double">
    <xsl:with-param name="s" select="'ab'"/></xsl:call-template></out></xsl:template>
  <xsl:template name="double">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="string-length($s) &gt; 4000000000"><xsl:value-of select="string-length($s)"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="double">
        <xsl:with-param name="s" select="concat($s, $s)"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
