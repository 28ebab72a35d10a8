#!/usr/bin/perl
# ppm-diff.pl A.ppm B.ppm: how far two renderings of one page differ.
# Prints "MEAN SHARE": the mean absolute difference per channel (0..255)
# and the share of pixels (0..1) whose largest channel difference is
# above 64, i.e. visibly different rather than antialiased otherwise.
# Both files binary PPM (P6) or PGM (P5) of the same size.
use strict;
use warnings;

sub readpnm {
    my ($file) = @_;
    open my $fh, '<:raw', $file or die "$file: $!\n";
    local $/;
    my $d = <$fh>;
    $d =~ s/\A(P[56])\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s//
        or die "$file: not a binary PPM or PGM\n";
    return ($1 eq 'P6' ? 3 : 1, $2, $3, $d);
}

my ($fa, $fb) = @ARGV;
die "usage: ppm-diff.pl A B\n" unless defined $fb;
my ($ca, $wa, $ha, $a) = readpnm($fa);
my ($cb, $wb, $hb, $b) = readpnm($fb);
die "the images differ in size or kind\n"
    if $ca != $cb || $wa != $wb || $ha != $hb;
my ($sum, $far) = (0, 0);
my $n = $wa * $ha;
my @pa = unpack 'C*', $a;
my @pb = unpack 'C*', $b;
for my $i (0 .. $n - 1) {
    my $max = 0;
    for my $c (0 .. $ca - 1) {
        my $d = abs($pa[$i * $ca + $c] - $pb[$i * $ca + $c]);
        $sum += $d;
        $max = $d if $d > $max;
    }
    $far++ if $max > 64;
}
printf "%.3f %.5f\n", $sum / ($n * $ca), $far / $n;
