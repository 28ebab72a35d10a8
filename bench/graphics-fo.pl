#!/usr/bin/perl
# graphics-fo.pl PAGES DIR: writes DIR/graphics-PAGES.fo, a report of
# PAGES pages each with a PNG logo in its header (DIR/logo.png, written
# too: 300 x 100 pixels of gradient) and an SVG bar chart with text
# labels in its body, for bench/graphics.sh.
use strict;
use warnings;
use Compress::Zlib;

my ($pages, $dir) = @ARGV;
die "usage: graphics-fo.pl PAGES DIR\n" unless $dir;

sub chunk {
    my ($type, $data) = @_;
    return pack('N', length $data) . $type . $data
        . pack('N', crc32($type . $data));
}
my ($w, $h) = (300, 100);
my $raw = '';
for my $y (0 .. $h - 1) {
    $raw .= "\0" . join '', map { pack 'C3', $_ * 255 / $w, 80, 255 - $y * 2 } 0 .. $w - 1;
}
open my $png, '>:raw', "$dir/logo.png" or die "$dir/logo.png: $!\n";
print $png "\x89PNG\r\n\x1a\n", chunk('IHDR', pack('NNCCCCC', $w, $h, 8, 2, 0, 0, 0)),
    chunk('IDAT', compress($raw)), chunk('IEND', '');
close $png;

open my $fo, '>', "$dir/graphics-$pages.fo" or die "$dir/graphics-$pages.fo: $!\n";
print $fo <<'HEAD';
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:svg="http://www.w3.org/2000/svg">
 <fo:layout-master-set>
  <fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="15mm">
   <fo:region-body margin-top="25mm"/>
   <fo:region-before extent="20mm"/>
  </fo:simple-page-master>
 </fo:layout-master-set>
 <fo:page-sequence master-reference="A4">
  <fo:static-content flow-name="xsl-region-before">
   <fo:block font-family="DejaVu Sans" font-size="9pt"><fo:external-graphic src="logo.png" content-height="15mm"/> Acme Corp - Annual Customer Review</fo:block>
  </fo:static-content>
  <fo:flow flow-name="xsl-region-body" font-family="DejaVu Sans" font-size="10pt">
HEAD
my @months = qw(Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec);
for my $p (1 .. $pages) {
    my $svg = qq{<svg:svg width="480" height="240" viewBox="0 0 480 240">\n};
    $svg .= qq{<svg:line x1="40" y1="210" x2="470" y2="210" stroke="black"/>\n};
    for my $i (0 .. 11) {
        my $v = 20 + (($p * 37 + $i * 53) % 170);
        my $x = 45 + $i * 35;
        $svg .= sprintf qq{<svg:rect x="%d" y="%d" width="25" height="%d" fill="#%02x60c0"/>\n},
            $x, 210 - $v, $v, 40 + $i * 15;
        $svg .= qq{<svg:text x="@{[$x + 2]}" y="225" font-family="DejaVu Sans" font-size="9">$months[$i]</svg:text>\n};
        $svg .= qq{<svg:text x="@{[$x + 2]}" y="@{[205 - $v]}" font-family="DejaVu Sans" font-size="8">$v</svg:text>\n};
    }
    $svg .= qq{<svg:text x="40" y="15" font-family="DejaVu Sans" font-size="12">Tickets per month, account $p</svg:text>\n};
    $svg .= "</svg:svg>";
    my $break = $p > 1 ? ' break-before="page"' : '';
    print $fo <<"PAGE";
   <fo:block$break font-size="14pt" space-after="6pt">Account $p: support volume</fo:block>
   <fo:block>Ticket volume by month for account $p, with the SLA target met in most months.</fo:block>
   <fo:block space-before="6pt"><fo:instream-foreign-object content-width="160mm">$svg</fo:instream-foreign-object></fo:block>
PAGE
}
print $fo "  </fo:flow>\n </fo:page-sequence>\n</fo:root>\n";
close $fo;
