#!/usr/bin/perl
# The standard ticket-table review as HTML + CSS for WeasyPrint: the same
# title, paragraph, SLA table and ticket table of N rows (header repeated
# by the browser model's thead), running header and "Page N of M".
# usage: ticket-table-html.pl N > table.html
use strict;
use warnings;
my $n = shift // 1000;
my @cat = ('Billing', 'Login &amp; Access', 'Performance', 'Data Import',
           'Integrations', 'Reporting', 'Mobile App', 'Feature Request');
my @subj = ('Cannot log in after password reset', 'Invoice total differs from quote',
            'Dashboard loads slowly for large accounts', 'Import of contacts.csv stuck at 52%',
            'Webhook to Dynamics returns 500', 'Report totals off by 40',
            'Push notifications missing on Android', 'Please add export to XLSX');
print <<'HEAD';
<!DOCTYPE html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 32mm 20mm 32mm 20mm;
  @top-right { content: "Annual Customer Review · Müller GmbH"; font: 8pt "DejaVu Sans"; color: #666; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt "DejaVu Sans"; } }
body { font: 9pt "DejaVu Sans"; }
h1 { font-size: 22pt; color: #1f3a5f; margin: 0 0 8pt; }
table { width: 100%; border-collapse: collapse; margin-bottom: 10pt; }
th { background: #1f3a5f; color: white; text-align: left; padding: 2pt; }
td { padding: 2pt; border-bottom: 0.5pt solid #ddd; }
tr:nth-child(even) td { background: #f2f4f7; }
</style></head><body>
<h1>Annual Customer Review</h1>
<p style="text-align: justify">During the review period the account raised many support tickets. This benchmark document is the standard ticket-table review: a title, this paragraph, a table of SLA compliance by priority and the ticket log with a header that repeats on every page.</p>
<table><thead><tr><th>Priority</th><th>Tickets</th><th>Met</th><th>Met %</th></tr></thead><tbody>
HEAD
for my $p (1 .. 4) {
    printf "<tr><td>P%d</td><td>%d</td><td>%d</td><td>%.1f%%</td></tr>\n",
        $p, $n * $p / 10, $n * $p / 11, 100 * 10 / 11;
}
print <<'MID';
</tbody></table>
<table style="table-layout: fixed"><colgroup><col style="width: 22mm"><col style="width: 22mm"><col style="width: 12mm"><col style="width: 30mm"><col></colgroup>
<thead><tr><th>Ticket</th><th>Created</th><th>Pri.</th><th>Category</th><th>Subject</th></tr></thead><tbody>
MID
for my $i (1 .. $n) {
    printf "<tr><td>T-%06d</td><td>2026-%02d-%02d</td><td>P%d</td><td>%s</td><td>%s</td></tr>\n",
        $i, ($i % 12) + 1, ($i % 28) + 1, ($i % 4) + 1, $cat[$i % @cat], $subj[($i * 7) % @subj];
}
print "</tbody></table></body></html>\n";
