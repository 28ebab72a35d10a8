<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM "../canary.txt">]>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:exsl="http://exslt.org/common" xmlns:str="http://exslt.org/strings" extension-element-prefixes="exsl"><xsl:template match="/"><out>&x;</out></xsl:template></xsl:stylesheet>
