#!/usr/bin/perl
# make-images.pl DIR: writes the small image fixtures the graphics tests
# use, PNG by hand (zlib through Compress::Zlib, part of perl), so that
# no image tool is needed: solid colours, one with a resolution (pHYs),
# a truncated one, a decompression bomb (a few bytes declaring 100,000 x
# 100,000 pixels), a JPEG with a broken header, a bad SVG.
use strict;
use warnings;
use Compress::Zlib;

my $dir = shift or die "usage: make-images.pl DIR\n";

sub chunk {
    my ($type, $data) = @_;
    return pack('N', length $data) . $type . $data
        . pack('N', crc32($type . $data));
}

sub png {
    my ($w, $h, $rgb, %opt) = @_;
    my $row = "\0" . (pack('C3', @$rgb) x $w);
    my $png = "\x89PNG\r\n\x1a\n"
        . chunk('IHDR', pack('NNCCCCC', $w, $h, 8, 2, 0, 0, 0));
    if ($opt{dpi}) {
        my $ppm = int($opt{dpi} / 0.0254 + 0.5);
        $png .= chunk('pHYs', pack('NNC', $ppm, $ppm, 1));
    }
    $png .= chunk('IDAT', compress($row x $h)) . chunk('IEND', '');
    return $png;
}

sub put {
    my ($name, $bytes) = @_;
    open my $fh, '>:raw', "$dir/$name" or die "$dir/$name: $!\n";
    print $fh $bytes;
    close $fh or die "$dir/$name: $!\n";
}

put('red.png', png(40, 20, [255, 0, 0]));
put('blue-144dpi.png', png(144, 144, [0, 0, 255], dpi => 144));
# Left half red, right half blue: non-uniform scaling shows.
{
    my $row = "\0" . (pack('C3', 255, 0, 0) x 10) . (pack('C3', 0, 0, 255) x 10);
    put('halves.png', "\x89PNG\r\n\x1a\n"
        . chunk('IHDR', pack('NNCCCCC', 20, 10, 8, 2, 0, 0, 0))
        . chunk('IDAT', compress($row x 10)) . chunk('IEND', ''));
}
my $full = png(64, 64, [0, 128, 0]);
put('truncated.png', substr($full, 0, length($full) - 30));
put('bomb.png', "\x89PNG\r\n\x1a\n"
    . chunk('IHDR', pack('NNCCCCC', 100000, 100000, 8, 2, 0, 0, 0))
    . chunk('IDAT', compress("\0" x 1000)) . chunk('IEND', ''));
put('broken.jpg', "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48"
    . "\x00\x48\x00\x00\xff\xda\x00\x08garbage");
put('bad.svg', qq{<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect</svg>});
put('chart.svg', <<'SVG');
<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
  <rect x="0" y="0" width="100" height="100" fill="#00ff00"/>
  <rect x="100" y="0" width="100" height="100" fill="#ff00ff"/>
  <text x="10" y="50" font-family="DejaVu Sans" font-size="12">Tickets per month</text>
</svg>
SVG
