#!/usr/bin/perl
# Writes an FO document of one long paragraph, for tests and benchmarks.
# usage: longtext.pl sentences N [FONT-SIZE]   N numbered sentences
#        longtext.pl word N [FONT-SIZE]        one word of N letters
#        longtext.pl nested N                  N fo:blocks, one in another
use strict;
use warnings;

my ($kind, $n, $size) = @ARGV;
die "usage: longtext.pl sentences|word|nested N [FONT-SIZE]\n"
    unless $kind && $kind =~ /^(sentences|word|nested)$/ && $n && $n =~ /^\d+$/;
$size ||= 10;
print <<"END";
<?xml version="1.0" encoding="UTF-8"?>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="DejaVu Sans" font-size="${size}pt">
<fo:layout-master-set><fo:simple-page-master master-name="A4" page-width="210mm" page-height="297mm" margin="20mm"><fo:region-body/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="A4"><fo:flow flow-name="xsl-region-body">
END
if ($kind eq 'sentences') {
    print qq{<fo:block text-align="justify">};
    print "Sentence $_: the quick brown fox jumps over the lazy dog by the river bank. "
        for 1 .. $n;
    print "</fo:block>\n";
} elsif ($kind eq 'word') {
    my $alphabet = join '', 'a' .. 'z';
    my $word = $alphabet x int($n / 26) . substr($alphabet, 0, $n % 26);
    print "<fo:block>$word</fo:block>\n";
} else {
    print "<fo:block>\n" x $n, "deep", "</fo:block>" x $n, "\n";
}
print "</fo:flow></fo:page-sequence></fo:root>\n";
