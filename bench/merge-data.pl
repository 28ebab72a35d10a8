#!/usr/bin/perl
# Generates canonical record files (the format `reportpipe import -o`
# writes and `reportpipe merge` reads) for the merge benchmark:
#   bench/merge-data.pl ACCOUNTS TICKETS DIR
# writes DIR/accounts.csv and DIR/tickets.csv.  Deterministic (fixed seed),
# tickets spread over the 24 months before 2026-11-01, priorities skewed
# towards P3/P4, about 3% still open, 1% naming an unknown account.
use strict;
use warnings;
use POSIX qw(strftime);

my ($n_accounts, $n_tickets, $dir) = @ARGV;
die "usage: $0 ACCOUNTS TICKETS DIR\n" unless defined $dir;
mkdir $dir unless -d $dir;
srand(7);

my @tiers = qw(Platinum Gold Silver Bronze);
my @cats = ('Billing', 'Login', 'Performance', 'Reporting', 'Mobile App',
            'Integrations', 'Data Import', 'Hardware');
my @subjects = ('Cannot log in after password reset',
                'Report totals differ from the dashboard',
                'Timeouts when saving records',
                'Invoice shows the wrong VAT rate',
                'Sync with the ERP stopped overnight');

open my $a, '>', "$dir/accounts.csv" or die "$dir/accounts.csv: $!\n";
print $a "Account ID,Account Name,Tier,Account Owner,Industry,Billing Country,"
  . "Website,Annual Revenue,Contract Renewal\n";
for my $i (1 .. $n_accounts) {
    printf $a "ACC-%06d,Customer %06d GmbH,%s,Owner %d,Manufacturing,DE,"
      . "https://www.customer%06d.example,%d.00,2027-%02d-28\n",
      $i, $i, $tiers[$i % 4], $i % 37, $i, 1000000 + $i * 1000, 1 + $i % 12;
}
close $a or die;

my $end = 1793491200;    # 2026-11-01T00:00:00Z
my $span = 730 * 86400;
open my $t, '>', "$dir/tickets.csv" or die "$dir/tickets.csv: $!\n";
print $t "Ticket ID,Account ID,Subject,Priority,Status,Category,Created,"
  . "First Response,Resolved\n";
sub ts { strftime('%Y-%m-%dT%H:%M:%SZ', gmtime($_[0])) }
for my $i (1 .. $n_tickets) {
    my $acc = 1 + int(rand($n_accounts));
    my $id = rand() < 0.01 ? 'ACC-X' . $acc : sprintf('ACC-%06d', $acc);
    my $r = rand();
    my $p = $r < 0.03 ? 1 : $r < 0.2 ? 2 : $r < 0.6 ? 3 : 4;
    my $created = $end - $span + int(rand($span));
    my $fr = $created + int(rand(36000 * $p));
    my $open = rand() < 0.03;
    my $res = $open ? '' : ts($fr + int(rand(86400 * 3 * $p)));
    printf $t "T-%07d,%s,%s,P%d,%s,%s,%s,%s,%s\n", $i, $id,
      $subjects[$i % @subjects], $p, $open ? 'Open' : 'Closed',
      $cats[$i % @cats], ts($created), ts($fr), $res;
}
close $t or die;
