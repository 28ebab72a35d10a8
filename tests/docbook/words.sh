#!/bin/sh
# The distinct words of a PDF's text, one per line, sorted: what the
# DocBook tests compare between FOP and us.  Words hyphenated at a line
# end are joined again (either renderer may break them elsewhere),
# ligatures are unfolded, and tokens without letters or with digits (page
# numbers, leader dots) are left out.
# usage: tests/docbook/words.sh FILE.pdf
set -eu
pdftotext "$1" - |
    perl -CSD -MUnicode::Normalize -e '
        my $carry = "";
        while (my $line = <STDIN>) {
            $line = NFKC($line);
            $line =~ s/\x{00AD}/-/g;
            my @w = grep { $_ ne "" } split /\s+/, $line;
            next unless @w;
            $w[0] = $carry . $w[0] if $carry ne "";
            $carry = "";
            if ($w[-1] =~ /\p{L}-$/) { ($carry = pop @w) =~ s/-$//; }
            for (@w) {
                s/^\W+|\W+$//g;
                s/-//g;
                print "$_\n" if /\p{L}/ && !/\d/;
            }
        }
        print "$carry\n" if $carry ne "";
    ' | LC_ALL=C sort -u
