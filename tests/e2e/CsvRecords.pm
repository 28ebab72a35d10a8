# RFC 4180 records of a CSV file (BOM, CRLF or LF, quoted fields with
# commas, quotes and line breaks): the independent reader the end-to-end
# tests' oracles share, so that they never depend on our importer.
package CsvRecords;
use strict;
use warnings;
use Exporter 'import';
our @EXPORT_OK = ('records');

# records(FILE): a list of array references, the header first.
sub records {
    my ($file) = @_;
    open(my $fh, '<:raw', $file) or die "$file: $!\n";
    local $/;
    my $data = <$fh>;
    $data =~ s/^\xEF\xBB\xBF//;
    my (@records, @fields);
    my ($field, $quoted, $i, $len) = ('', 0, 0, length $data);
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
    push @records, [@fields, $field] if $field ne '' || @fields;
    return @records;
}

1;
