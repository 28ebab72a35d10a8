#!/usr/bin/perl
# Writes an XSL-FO book of about N pages: a table of contents with leaders
# and page numbers, chapters of justified paragraphs, a running header
# naming the chapter (markers) and a "Page N of M" footer.  Deterministic.
# usage: book-fo.pl PAGES > book.fo
use strict;
use warnings;
my $pages = shift // 500;
my @words = qw(account ticket service level escalation customer review program
    support release module regression staffing region quarter plan priority
    response resolution backlog category renewal contract milestone risk
    mitigation owner budget report team availability incident problem change
    deployment capacity forecast satisfaction survey training onboarding);
my $seed = 42;
sub rnd { $seed = ($seed * 1103515245 + 12345) % 2147483648; return $seed; }
sub para {
    my $n = 90 + rnd() % 40;
    my $s = join ' ', map { $words[rnd() % @words] } 1 .. $n;
    return ucfirst($s) . '.';
}
my $paras_per_page = 4.15;
my $chapters = int($pages / 10) || 1;
my $per_chapter = int($pages * $paras_per_page / $chapters) || 1;
print <<'HEAD';
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="DejaVu Serif" font-size="10pt" line-height="1.3">
<fo:layout-master-set>
<fo:simple-page-master master-name="page" page-width="210mm" page-height="297mm" margin="20mm">
<fo:region-body margin-top="12mm" margin-bottom="12mm"/>
<fo:region-before extent="8mm"/><fo:region-after extent="8mm"/>
</fo:simple-page-master>
</fo:layout-master-set>
<fo:page-sequence master-reference="page" id="book">
<fo:static-content flow-name="xsl-region-before"><fo:block font-size="8pt" text-align="end" border-bottom="0.5pt solid #999999"><fo:retrieve-marker retrieve-class-name="chapter"/></fo:block></fo:static-content>
<fo:static-content flow-name="xsl-region-after"><fo:block font-size="8pt" text-align="center">Page <fo:page-number/> of <fo:page-number-citation-last ref-id="book"/></fo:block></fo:static-content>
<fo:flow flow-name="xsl-region-body">
<fo:block font-family="DejaVu Sans" font-size="18pt" font-weight="bold" space-after="12pt">Contents</fo:block>
HEAD
for my $c (1 .. $chapters) {
    print qq{<fo:block text-align-last="justify">Chapter $c <fo:leader leader-pattern="dots"/> <fo:page-number-citation ref-id="ch$c"/></fo:block>\n};
}
for my $c (1 .. $chapters) {
    print qq{<fo:block id="ch$c" break-before="page" font-family="DejaVu Sans" font-size="16pt" font-weight="bold" space-after="10pt" keep-with-next="always"><fo:marker marker-class-name="chapter">Chapter $c</fo:marker>Chapter $c</fo:block>\n};
    for (1 .. $per_chapter) {
        print '<fo:block text-align="justify" space-after="6pt">', para(), "</fo:block>\n";
    }
}
print "</fo:flow></fo:page-sequence></fo:root>\n";
