<!-- A rule that applies itself: stopped by <transform template-depth>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><out><xsl:apply-templates select="x"/></out></xsl:template>
  <xsl:template match="x"><xsl:apply-templates select="."/></xsl:template>
</xsl:stylesheet>
