#!/usr/bin/perl
# untagged-content.pl QDF.pdf: prints each painting operator of the
# pages' content that lies outside all marked content (neither a
# structure element's BDC ... EMC nor an /Artifact BMC ... EMC), one line
# per operator with its page; prints nothing for a fully tagged PDF.
# The PDF must be written by `qpdf --qdf --object-streams=disable`.
use strict;
use warnings;

local $/;
open my $f, '<:raw', $ARGV[0] or die "$ARGV[0]: $!\n";
my $pdf = <$f>;
my $page = 0;
while ($pdf =~ /%% Contents for page (\d+)\n.*?\nstream\n(.*?)\nendstream/sg) {
    my ($n, $s) = ($1, $2);
    $s =~ s/\((?:\\.|[^\\)])*\)//g;    # strings (enough for Cairo's)
    $s =~ s/<[0-9A-Fa-f\s]*>//g;      # hex strings
    my $depth = 0;
    for my $tok (split /[\s\[\]]+|(?=\/)/, $s) {
        if ($tok eq 'BDC' || $tok eq 'BMC') { $depth++ }
        elsif ($tok eq 'EMC') { $depth-- }
        elsif ($depth == 0 && $tok =~ /^(?:Tj|TJ|'|"|Do|S|s|f|F|f\*|B|B\*|b|b\*|sh)$/) {
            print "page $n: $tok\n";
        }
    }
}
