<!DOCTYPE xsl:stylesheet [<!ENTITY co "Acme &#38;#38; Sons">]>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:exsl="http://exslt.org/common" xmlns:str="http://exslt.org/strings" extension-element-prefixes="exsl"><xsl:template match="/"><out>&co;</out></xsl:template></xsl:stylesheet>
