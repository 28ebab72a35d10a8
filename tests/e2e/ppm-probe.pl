#!/usr/bin/perl
# ppm-probe.pl FILE.ppm X,Y=RRGGBB ... : checks the colour of pixels of a
# binary PPM (P6, as pdftoppm -ppm writes it; at -r 72 a pixel is a
# point).  Each probe averages the 3x3 pixels around (X, Y) and must be
# within 40 of the expected value in every channel (antialiasing, colour
# management).  Prints one line per probe that differs; exits 1 if any.
use strict;
use warnings;

my $file = shift @ARGV or die "usage: $0 FILE.ppm X,Y=RRGGBB...\n";
open my $fh, '<:raw', $file or die "$file: $!\n";
local $/;
my $data = <$fh>;
close $fh;
# Header: P6, width, height, maxval, each separated by whitespace
# (comments start with #), then one whitespace byte and the pixels.
$data =~ s/\A(P6(?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)\s)//
    or die "$file: not a binary PPM\n";
my ($w, $h, $max) = ($2, $3, $4);
die "$file: only 8-bit PPM\n" if $max != 255;
die "$file: truncated\n" if length($data) < $w * $h * 3;

my $bad = 0;
for my $probe (@ARGV) {
    my ($x, $y, $hex) = $probe =~ /^(\d+),(\d+)=([0-9a-fA-F]{6})$/
        or die "bad probe '$probe'\n";
    my @want = map { hex } unpack '(A2)3', $hex;
    my @sum = (0, 0, 0);
    my $n = 0;
    for my $dy (-1 .. 1) {
        for my $dx (-1 .. 1) {
            my ($px, $py) = ($x + $dx, $y + $dy);
            next if $px < 0 || $py < 0 || $px >= $w || $py >= $h;
            my @rgb = unpack 'C3', substr($data, ($py * $w + $px) * 3, 3);
            $sum[$_] += $rgb[$_] for 0 .. 2;
            $n++;
        }
    }
    die "probe '$probe' is outside the ${w}x$h image\n" unless $n;
    my @got = map { int($_ / $n + 0.5) } @sum;
    next unless grep { abs($got[$_] - $want[$_]) > 40 } 0 .. 2;
    printf "%d,%d: got %02x%02x%02x, expected %s\n", $x, $y, @got, lc $hex;
    $bad = 1;
}
exit $bad;
