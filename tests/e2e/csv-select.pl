#!/usr/bin/perl
# Prints chosen columns of a CSV file (RFC 4180 quoting, CRLF or LF), one
# record per line, tab-separated: an independent reader for test oracles.
# usage: csv-select.pl FILE COLUMN-NUMBER...   (1-based; header skipped)
use strict;
use warnings;
my ($file, @cols) = @ARGV;
open(my $fh, '<:raw', $file) or die "$file: $!\n";
local $/;
my $data = <$fh>;
$data =~ s/^\xEF\xBB\xBF//;
my (@records, @fields, $field, $quoted);
$field = '';
my $i = 0;
my $len = length $data;
while ($i < $len) {
    my $c = substr($data, $i, 1);
    if ($quoted) {
        if ($c eq '"') {
            if (substr($data, $i + 1, 1) eq '"') { $field .= '"'; $i++; }
            else { $quoted = 0; }
        } else { $field .= $c; }
    } elsif ($c eq '"') { $quoted = 1; }
    elsif ($c eq ',') { push @fields, $field; $field = ''; }
    elsif ($c eq "\r") { }
    elsif ($c eq "\n") {
        push @fields, $field; push @records, [@fields];
        @fields = (); $field = '';
    } else { $field .= $c; }
    $i++;
}
if ($field ne '' || @fields) { push @fields, $field; push @records, [@fields]; }
shift @records;
for my $r (@records) {
    print join("\t", map { $r->[$_ - 1] // '' } @cols), "\n";
}
