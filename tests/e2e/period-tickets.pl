#!/usr/bin/perl
# Prints "ACCOUNT-ID<TAB>TICKET-ID" for every ticket of the sample exports
# created in [FROM, TO) (UTC, YYYY-MM-DD), worked out from the raw files
# without our importer: an independent oracle for the end-to-end tests.
#   Salesforce cases: their "Account ID" column.
#   Zendesk tickets:  the requester's e-mail domain, which is the website
#                     domain of the account in salesforce-accounts.csv.
# usage: period-tickets.pl INPUT-DIR FROM TO
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use CsvRecords 'records';

my ($dir, $from, $to) = @ARGV;

sub column {
    my ($header, $name) = @_;
    for my $i (0 .. $#$header) { return $i if $header->[$i] eq $name; }
    die "no column '$name'\n";
}

# Days since 1970-01-01 (Howard Hinnant's days_from_civil).
sub days {
    my ($y, $m, $d) = @_;
    $y -= $m <= 2 ? 1 : 0;
    my $era = int(($y >= 0 ? $y : $y - 399) / 400);
    my $yoe = $y - $era * 400;
    my $doy = int((153 * ($m > 2 ? $m - 3 : $m + 9) + 2) / 5) + $d - 1;
    my $doe = $yoe * 365 + int($yoe / 4) - int($yoe / 100) + $doy;
    return $era * 146097 + $doe - 719468;
}

sub epoch_of_day { my ($s) = @_; my ($y, $m, $d) = split /-/, $s; return days($y, $m, $d) * 86400; }

my ($lo, $hi) = (epoch_of_day($from), epoch_of_day($to));

my @acc = records("$dir/salesforce-accounts.csv");
my $h = shift @acc;
my ($c_id, $c_web) = (column($h, 'Account ID'), column($h, 'Website'));
my %by_domain;
for my $r (@acc) {
    (my $d = lc $r->[$c_web]) =~ s{^[a-z]+://}{};
    $d =~ s{^www\.}{};
    $d =~ s{/.*}{};
    $by_domain{$d} = $r->[$c_id];
}

my @cases = records("$dir/salesforce-cases.csv");
$h = shift @cases;
my ($k_num, $k_acc, $k_open) = (column($h, 'Case Number'), column($h, 'Account ID'),
                                column($h, 'Date/Time Opened'));
for my $r (@cases) {
    # MM/DD/YYYY hh:mm AM, UTC
    my ($m, $d, $y, $hh, $mm, $ap) =
        $r->[$k_open] =~ m{^(\d+)/(\d+)/(\d{4}) (\d+):(\d+) ([AP]M)$} or die "bad time\n";
    $hh = $hh % 12 + ($ap eq 'PM' ? 12 : 0);
    my $t = days($y, $m, $d) * 86400 + $hh * 3600 + $mm * 60;
    print "$r->[$k_acc]\t$r->[$k_num]\n" if $t >= $lo && $t < $hi;
}

my @zd = records("$dir/zendesk-tickets.csv");
$h = shift @zd;
my ($z_id, $z_mail, $z_created) = (column($h, 'Id'), column($h, 'Requester email'),
                                   column($h, 'Created at'));
for my $r (@zd) {
    my ($y, $m, $d, $hh, $mm, $ss, $sign, $oh, $om) =
        $r->[$z_created] =~ /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):(\d\d)$/
        or die "bad time $r->[$z_created]\n";
    my $t = days($y, $m, $d) * 86400 + $hh * 3600 + $mm * 60 + $ss
        - ($sign eq '-' ? -1 : 1) * ($oh * 3600 + $om * 60);
    my ($domain) = lc($r->[$z_mail]) =~ /\@(.+)$/;
    my $account = $by_domain{$domain} // "UNKNOWN:$domain";
    print "$account\t$r->[$z_id]\n" if $t >= $lo && $t < $hi;
}
