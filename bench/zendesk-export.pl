#!/usr/bin/perl
# Writes a Zendesk tickets CSV export (the real column layout, as in
# input/zendesk-tickets.csv) of N rows to stdout, deterministically.
# usage: bench/zendesk-export.pl N
use strict;
use warnings;

my $n = shift // 1_000_000;
my @header = ('Id', 'Requester', 'Requester id', 'Requester email', 'Submitter',
    'Assignee', 'Group', 'Subject', 'Tags', 'Status', 'Priority', 'Via',
    'Ticket type', 'Created at', 'Updated at', 'Assigned at', 'Organization',
    'Due date', 'Initially assigned at', 'Solved at', 'Resolution time',
    'Satisfaction Score', 'Group stations', 'Assignee stations', 'Reopens',
    'Replies', 'First reply time in minutes',
    'First reply time in minutes within business hours',
    'First resolution time in minutes',
    'First resolution time in minutes within business hours',
    'Full resolution time in minutes',
    'Full resolution time in minutes within business hours',
    'Agent wait time in minutes', 'Agent wait time in minutes within business hours',
    'Requester wait time in minutes',
    'Requester wait time in minutes within business hours',
    'On hold time in minutes', 'On hold time in minutes within business hours',
    'Category');
my @orgs = (['Acme Widgets, Inc.', 'acmewidgets.example'],
    ['Muller GmbH', 'mueller-gmbh.example'], ['Société Générale', 'societegenerale.example'],
    ['Tanaka Robotics', 'tanaka-robotics.example'], ['Bluewater Shipping BV', 'bluewater-shipping.example']);
my @subjects = ('Cannot log in after password reset, error "Invalid token"',
    'Dashboard loads slowly, over 12 seconds', 'Import of contacts.csv failed at row 17',
    'Webhook to Slack returns 500', 'Feature request: dark mode');
my @status = ('Closed', 'Closed', 'Closed', 'Solved', 'Open', 'Pending', 'New');
my @prio = ('Urgent', 'High', 'Normal', 'Normal', 'Low', '');
my @cat = ('Login & Access', 'Performance', 'Data Import', 'Integrations', 'Feature Request');

sub csvq { my $s = shift; return $s =~ /[",\r\n]/ ? '"' . ($s =~ s/"/""/gr) . '"' : $s; }

print join(',', @header), "\n";
my $t = 1762000000; # 2025-11-01
for my $i (1 .. $n) {
    $t += 31 + ($i * 7919) % 61;
    my ($y, $mo, $d, $h, $mi, $s) = (gmtime $t)[5, 4, 3, 2, 1, 0];
    my $created = sprintf('%04d-%02d-%02dT%02d:%02d:%02d+01:00', $y + 1900, $mo + 1, $d, $h, $mi, $s);
    my $st = $status[$i % 7];
    my $solved = '';
    if ($st eq 'Closed' || $st eq 'Solved') {
        my @g = gmtime($t + 3600 * (1 + $i % 70));
        $solved = sprintf('%04d-%02d-%02dT%02d:%02d:%02d+01:00', $g[5] + 1900, $g[4] + 1, $g[3], $g[2], $g[1], $g[0]);
    }
    my $o = $orgs[$i % 5];
    my $reply = $st eq 'New' ? '' : 5 + $i % 400;
    print join(',', 100000 + $i, 'Anna Schäfer', 361000000000 + $i,
        "anna.schaefer\@$o->[1]", 'Anna Schäfer', 'Nina Hoffmann', 'Support',
        csvq($subjects[$i % 5]), 'support', $st, $prio[$i % 6], 'Web Form', 'Question',
        $created, $created, $created, csvq($o->[0]), '', $created, $solved,
        $solved ? 1 + $i % 70 : '', $solved ? 'Good' : 'Unoffered', 1, 1, 0, 3,
        $reply, '', '', '', '', '', '', '', '', '', 0, 0, csvq($cat[$i % 5])), "\n";
}
