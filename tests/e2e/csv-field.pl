#!/usr/bin/perl
# Prints one field, exactly (line breaks and all), of the record whose
# first field is ID: an independent reader for test oracles.
# usage: csv-field.pl FILE ID COLUMN-NUMBER   (1-based)
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use CsvRecords 'records';
my ($file, $id, $col) = @ARGV;
for my $r (records($file)) {
    if ($r->[0] eq $id) { print $r->[$col - 1] // ''; exit 0; }
}
exit 1;
