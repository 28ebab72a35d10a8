#!/usr/bin/perl
# Writes the standard ticket-table review as XSL-FO: title, paragraph, SLA
# table, and a ticket table of N rows with a repeating header, running
# header and "Page N of M" footer.  Deterministic for a given N.
# usage: ticket-table-fo.pl N > table.fo
use strict;
use warnings;
my $n = shift // 1000;
my @cat = ('Billing', 'Login & Access', 'Performance', 'Data Import',
           'Integrations', 'Reporting', 'Mobile App', 'Feature Request');
my @subj = ('Cannot log in after password reset', 'Invoice total differs from quote',
            'Dashboard loads slowly for large accounts', 'Import of contacts.csv stuck at 52%',
            'Webhook to Dynamics returns 500', 'Report totals off by 40',
            'Push notifications missing on Android', 'Please add export to XLSX');
print <<'HEAD';
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="DejaVu Sans" font-size="9pt">
<fo:layout-master-set>
<fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm">
<fo:region-body margin-top="12mm" margin-bottom="12mm"/>
<fo:region-before extent="8mm"/><fo:region-after extent="8mm"/>
</fo:simple-page-master>
</fo:layout-master-set>
<fo:page-sequence master-reference="A4" id="seq">
<fo:static-content flow-name="xsl-region-before"><fo:block font-size="8pt" color="#666666" border-bottom="0.5pt solid #999999">Annual Customer Review · Müller GmbH</fo:block></fo:static-content>
<fo:static-content flow-name="xsl-region-after"><fo:block font-size="8pt" text-align="center">Page <fo:page-number/> of <fo:page-number-citation-last ref-id="seq"/></fo:block></fo:static-content>
<fo:flow flow-name="xsl-region-body">
<fo:block font-size="22pt" font-weight="bold" color="#1f3a5f" space-after="8pt">Annual Customer Review</fo:block>
<fo:block text-align="justify" space-after="8pt">During the review period the account raised many support tickets. This benchmark document is the standard ticket-table review: a title, this paragraph, a table of SLA compliance by priority and the ticket log with a header that repeats on every page.</fo:block>
<fo:table width="100%" space-after="10pt"><fo:table-column column-width="proportional-column-width(1)" number-columns-repeated="4"/>
<fo:table-header><fo:table-row background-color="#1f3a5f" color="white" font-weight="bold"><fo:table-cell padding="2pt"><fo:block>Priority</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block text-align="end">Tickets</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block text-align="end">Met</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block text-align="end">Met %</fo:block></fo:table-cell></fo:table-row></fo:table-header>
<fo:table-body>
HEAD
for my $p (1 .. 4) {
    printf '<fo:table-row><fo:table-cell padding="2pt"><fo:block>P%d</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block text-align="end">%d</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block text-align="end">%d</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block text-align="end">%.1f%%</fo:block></fo:table-cell></fo:table-row>' . "\n",
        $p, $n * $p / 10, $n * $p / 11, 100 * 10 / 11;
}
print <<'MID';
</fo:table-body></fo:table>
<fo:table width="100%" table-layout="fixed"><fo:table-column column-width="22mm"/><fo:table-column column-width="22mm"/><fo:table-column column-width="12mm"/><fo:table-column column-width="30mm"/><fo:table-column column-width="proportional-column-width(1)"/>
<fo:table-header><fo:table-row background-color="#1f3a5f" color="white" font-weight="bold"><fo:table-cell padding="2pt"><fo:block>Ticket</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block>Created</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block>Pri.</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block>Category</fo:block></fo:table-cell><fo:table-cell padding="2pt"><fo:block>Subject</fo:block></fo:table-cell></fo:table-row></fo:table-header>
<fo:table-body>
MID
for my $i (1 .. $n) {
    my $bg = $i % 2 ? '' : ' background-color="#f2f4f7"';
    printf '<fo:table-row%s><fo:table-cell padding="2pt" border-bottom="0.5pt solid #dddddd"><fo:block>T-%06d</fo:block></fo:table-cell><fo:table-cell padding="2pt" border-bottom="0.5pt solid #dddddd"><fo:block>2026-%02d-%02d</fo:block></fo:table-cell><fo:table-cell padding="2pt" border-bottom="0.5pt solid #dddddd"><fo:block>P%d</fo:block></fo:table-cell><fo:table-cell padding="2pt" border-bottom="0.5pt solid #dddddd"><fo:block>%s</fo:block></fo:table-cell><fo:table-cell padding="2pt" border-bottom="0.5pt solid #dddddd"><fo:block>%s</fo:block></fo:table-cell></fo:table-row>' . "\n",
        $bg, $i, ($i % 12) + 1, ($i % 28) + 1, ($i % 4) + 1,
        $cat[$i % @cat] =~ s/&/&amp;/gr, $subj[($i * 7) % @subj] =~ s/&/&amp;/gr;
}
print "</fo:table-body></fo:table>\n</fo:flow></fo:page-sequence></fo:root>\n";
