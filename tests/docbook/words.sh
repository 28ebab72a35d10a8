#!/bin/sh
# The distinct words of a PDF's text, one per line, sorted: what the
# DocBook tests compare between FOP and us.  Words hyphenated at a line
# end are joined again (either renderer may break them elsewhere),
# ligatures are unfolded, and tokens without letters or with digits (page
# numbers, leader dots) are left out.  The text is read line by line as
# drawn (pdftotext -layout): pdftotext's own joining of a paragraph's
# lines would join a word hyphenated on a page's last line with the
# folio below it.  Such a word goes on after the folio and the next
# page's running header: it is joined with the first line of the next
# page that starts in lower case, as a word's rest does; the lines in
# between (folio, header) count as they are.
# usage: tests/docbook/words.sh FILE.pdf
set -eu
pdftotext -layout "$1" - |
    perl -CSD -MUnicode::Normalize -e '
        my @pages = split /\f/, do { local $/; <STDIN> // "" };
        my @lines;    # [page, [[column, word], ...]]
        for my $n (0 .. $#pages) {
            for my $line (split /\n/, NFKC($pages[$n])) {
                $line =~ s/\x{00AD}/-/g;
                my @w;
                push @w, [$-[0], $&] while $line =~ /\S+/g;
                push @lines, [$n, \@w] if @w;
            }
        }
        # A line that is only a folio (digits or a roman numeral).
        sub folio { my ($w) = @_; @$w == 1 && $w->[0][1] =~ /^(\d+|[ivxlcdm]+)$/i }
        sub rest { my ($w) = @_; !folio($w) && $w->[0][1] =~ /^\p{Ll}/ }
        sub hyphened { my ($t) = @_; $t && $t->[1] =~ /\p{L}-$/ }
        # Where the text of the word at t of line w starts: after the last
        # gap of two spaces or more before it (cells side by side).
        sub segment {
            my ($w, $t) = @_;
            my $col = $w->[0][0];
            for my $k (1 .. $t) {
                $col = $w->[$k][0]
                    if $w->[$k][0] - ($w->[$k - 1][0] + length $w->[$k - 1][1]) >= 2;
            }
            return $col;
        }
        for (my $i = 0; $i < @lines; $i++) {
            my ($page, $w) = @{$lines[$i]};
            for my $t (reverse 0 .. $#$w) {
                next unless hyphened($w->[$t]);
                my $col = segment($w, $t);
                my $j = $i + 1;
                if ($col > $w->[0][0] || $t < $#$w) {
                    # A cell beside others: its rest starts where it does
                    # on the next line.
                    next if $j >= @lines || $lines[$j][0] != $page;
                    my ($r) = grep { abs($_->[0] - $col) <= 1 } @{$lines[$j][1]};
                    next unless $r && $r->[1] =~ /^\p{Ll}/;
                    $w->[$t][1] =~ s/-$//;
                    $r->[1] = $w->[$t][1] . $r->[1];
                    splice @$w, $t, 1;
                    next;
                }
                # The next line, unless only a folio follows on this page;
                # then the first line of the next page that starts in
                # lower case (not the rest of a running header hyphenated
                # itself).
                my $k = $j;
                $k++ while $k < @lines && $lines[$k][0] == $page && folio($lines[$k][1]);
                if ($k < @lines && $lines[$k][0] > $page) {
                    $k++ while $k < @lines &&
                        (!rest($lines[$k][1]) || hyphened($lines[$k - 1][1][-1]));
                    $j = $k if $k < @lines && $lines[$k][0] == $page + 1;
                }
                last if $j >= @lines;
                (my $carry = pop(@$w)->[1]) =~ s/-$//;
                $lines[$j][1][0][1] = $carry . $lines[$j][1][0][1];
            }
        }
        for my $l (@lines) {
            for my $word (@{$l->[1]}) {
                (my $t = $word->[1]) =~ s/^\W+|\W+$//g;
                $t =~ s/-//g;
                print "$t\n" if $t =~ /\p{L}/ && $t !~ /\d/;
            }
        }
    ' | LC_ALL=C sort -u
