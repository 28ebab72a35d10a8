<?xml version="1.0" encoding="UTF-8"?>
<!--
  The brand: everything a company changes to make the documents its own,
  in one file.  common.xsl imports it, so both documents (annual-review.xsl,
  status-report.xsl) take their colours, fonts, type sizes, logo and page
  geometry from here and from nowhere else.

  Colours are sRGB hex; lengths are XSL-FO lengths (mm, pt).  Assets (the
  logo) live under templates/brand/; src paths are relative to templates/,
  where `reportpipe run` looks images up first.  docs/templates.md, "Brand".
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- ============================ colours =========================== -->

  <!-- One muted brand colour and its light tint (table totals, boxes). -->
  <xsl:variable name="rp-brand">#1f3a5f</xsl:variable>
  <xsl:variable name="rp-brand-light">#e8eef5</xsl:variable>
  <!-- Text, secondary text, rules, the zebra stripe of tables. -->
  <xsl:variable name="rp-text">#1a1a1a</xsl:variable>
  <xsl:variable name="rp-muted">#6b7280</xsl:variable>
  <xsl:variable name="rp-rule">#c9d1dc</xsl:variable>
  <xsl:variable name="rp-zebra">#f3f5f8</xsl:variable>
  <!-- Health, RAG and severity: keep them apart in grey print too (the
       words are always printed beside the colour). -->
  <xsl:variable name="rp-stable">#2e7d32</xsl:variable>
  <xsl:variable name="rp-watch">#b26a00</xsl:variable>
  <xsl:variable name="rp-unstable">#c62828</xsl:variable>
  <!-- The DRAFT mark across every page of an unapproved document, drawn
       over the content: its colour and how much of it shows (0 to 1). -->
  <xsl:variable name="rp-watermark-color">#c62828</xsl:variable>
  <xsl:variable name="rp-watermark-opacity">0.10</xsl:variable>

  <!-- ============================= fonts ============================ -->

  <!-- Family names as fontconfig knows them (fc-list : family). -->
  <xsl:variable name="rp-sans">DejaVu Sans</xsl:variable>
  <xsl:variable name="rp-serif">DejaVu Serif</xsl:variable>
  <xsl:variable name="rp-mono">DejaVu Sans Mono</xsl:variable>

  <!-- Type scale. -->
  <xsl:variable name="rp-size-title">24pt</xsl:variable>
  <xsl:variable name="rp-size-subject">18pt</xsl:variable>
  <xsl:variable name="rp-size-h2">13pt</xsl:variable>
  <xsl:variable name="rp-size-body">9.5pt</xsl:variable>
  <xsl:variable name="rp-size-table">8.5pt</xsl:variable>
  <xsl:variable name="rp-size-small">8pt</xsl:variable>
  <!-- points, for a word of five letters (DRAFT); longer ones shrink. -->
  <xsl:variable name="rp-size-watermark-pt" select="110"/>

  <!-- ============================= logo ============================= -->

  <!-- The company's logo, shown at the start of every running header;
       empty: no logo.  SVG, PNG or JPEG; drawn rp-logo-height high. -->
  <xsl:variable name="rp-logo">brand/logo.svg</xsl:variable>
  <xsl:variable name="rp-logo-height">4mm</xsl:variable>
  <!-- Who the logo stands for: its text alternative in tagged PDF. -->
  <xsl:variable name="rp-company">Northwind Services</xsl:variable>

  <!-- ============================= pages ============================ -->

  <!-- A4.  The header and footer live inside the margins' inner edge
       (their extents), the body keeps rp-body-clearance clear of them. -->
  <xsl:variable name="rp-page-width">210mm</xsl:variable>
  <xsl:variable name="rp-page-height">297mm</xsl:variable>
  <xsl:variable name="rp-margin-top">20mm</xsl:variable>
  <xsl:variable name="rp-margin-bottom">20mm</xsl:variable>
  <xsl:variable name="rp-margin-inner">20mm</xsl:variable>
  <xsl:variable name="rp-margin-outer">20mm</xsl:variable>
  <xsl:variable name="rp-header-extent">8mm</xsl:variable>
  <xsl:variable name="rp-footer-extent">8mm</xsl:variable>
  <xsl:variable name="rp-body-clearance">12mm</xsl:variable>

</xsl:stylesheet>
