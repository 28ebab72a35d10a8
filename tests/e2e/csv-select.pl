#!/usr/bin/perl
# Prints chosen columns of a CSV file, one record per line, tab-separated,
# header skipped: an independent reader for test oracles.
# usage: csv-select.pl FILE COLUMN-NUMBER...   (1-based)
use strict;
use warnings;
use FindBin;
use lib $FindBin::Bin;
use CsvRecords 'records';
my ($file, @cols) = @ARGV;
my @records = records($file);
shift @records;
for my $r (@records) {
    print join("\t", map { $r->[$_ - 1] // '' } @cols), "\n";
}
