#!/usr/bin/perl
# ppm-color.pl FILE.ppm X Y W H: the mean colour of a rectangle of a
# binary PPM (P6, as pdftoppm -r N writes it), printed "R G B" (0..255).
# Pixel checks of rendered pages compare it with a tolerance.
use strict;
use warnings;

my ($file, $x, $y, $w, $h) = @ARGV;
die "usage: ppm-color.pl FILE X Y W H\n" unless defined $h;
open my $fh, '<:raw', $file or die "$file: $!\n";
local $/;
my $data = <$fh>;
$data =~ s/\AP6\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s//
    or die "$file: not a binary PPM\n";
my ($width, $height) = ($1, $2);
die "$file: rectangle outside the image\n"
    if $x < 0 || $y < 0 || $x + $w > $width || $y + $h > $height;
my @sum = (0, 0, 0);
for my $row ($y .. $y + $h - 1) {
    for my $col ($x .. $x + $w - 1) {
        my @px = unpack 'C3', substr($data, 3 * ($row * $width + $col), 3);
        $sum[$_] += $px[$_] for 0 .. 2;
    }
}
my $n = $w * $h;
printf "%d %d %d\n", map { int($_ / $n + 0.5) } @sum;
