#!/usr/bin/perl
# Prints one field, exactly (line breaks and all), of the record whose
# first field is ID: an independent reader for test oracles.
# usage: csv-field.pl FILE ID COLUMN-NUMBER   (1-based)
use strict;
use warnings;
my ($file, $id, $col) = @ARGV;
open(my $fh, '<:raw', $file) or die "$file: $!\n";
local $/;
my $data = <$fh>;
$data =~ s/^\xEF\xBB\xBF//;
my (@fields, $quoted);
my $field = '';
my $i = 0;
my $len = length $data;
my $done = sub {
    push @fields, $field;
    if ($fields[0] eq $id) { print $fields[$col - 1] // ''; exit 0; }
    @fields = (); $field = '';
};
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
    elsif ($c eq "\n") { $done->(); }
    else { $field .= $c; }
    $i++;
}
$done->() if $field ne '' || @fields;
exit 1;
