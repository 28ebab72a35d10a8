#!/bin/sh
# reportpipe import on CSV as exports really are: RFC 4180 quoting, line
# ends, encodings, delimiters, repeated and ragged columns, and a file far
# larger than what the import keeps.
. "$(dirname "$0")/lib.sh"
plan 44

Z='Id,Requester email,Organization,Subject,Status,Priority,Created at,Solved at,First reply time in minutes'

# imp NAME: imports $WORK/NAME, records into $WORK/rec-NAME, log in $WORK/log.
imp() {
    rm -rf "$WORK/rec-$1"
    "$REPORTPIPE" import -o "$WORK/rec-$1" "$WORK/$1" >"$WORK/log" 2>&1
}
# field NAME COLUMN ID: a field of a canonical ticket written by imp.
field() { tests/e2e/csv-field.pl "$WORK/rec-$1/tickets.csv" "$3" "$2"; }

# ---- RFC 4180 ----------------------------------------------------------------
printf '%s\r\n' "$Z" \
    '1,a@x.example,Acme,"Login fails, error ""Invalid token""",Open,High,2026-03-01T10:00:00Z,,' \
    '2,a@x.example,Acme,"Two lines:' 'second, and ""third""",Open,Low,2026-03-01T11:00:00Z,,' \
    '3,a@x.example,Acme,"",Open,Low,2026-03-01T12:00:00Z,,' >"$WORK/rfc.csv"
imp rfc.csv
ok $? "quoted fields with commas, quotes and line breaks import"
is "$(field rfc.csv 3 1)" 'Login fails, error "Invalid token"' "an embedded comma and doubled quotes"
field rfc.csv 3 2 >"$WORK/got"
printf 'Two lines:\r\nsecond, and "third"' >"$WORK/want"
cmp -s "$WORK/got" "$WORK/want"
ok $? "an embedded CRLF line break is kept inside the field"
is "$(field rfc.csv 3 3)" "" 'an empty quoted field ("") is empty'
printf '%s\n' "$Z" '1,a@x.example,Acme,"Three' 'line' 'subject",Open,Low,2026-03-01T10:00:00Z,,' \
    '2,a@x.example,Acme,Bad,Open,Low,never,,' >"$WORK/lines.csv"
imp lines.csv
grep -q '^5,Created at,' "$WORK/lines.rejects.csv"
ok $? "line numbers count physical lines: a row after a three-line field is line 5"

tr -d '\r' <"$WORK/rfc.csv" >"$WORK/lf.csv"
imp lf.csv
ok $? "LF line ends import"
is "$(field lf.csv 3 1)" "$(field rfc.csv 3 1)" "LF and CRLF give the same records"
printf '%s\r\n1,a@x.example,Acme,Last line without end,Open,Low,2026-03-01T10:00:00Z,,' "$Z" >"$WORK/noeol.csv"
imp noeol.csv
is "$(field noeol.csv 3 1)" "Last line without end" "a last line without line end is a record"

printf '%s\r\n\r\n1,a@x.example,Acme,x,Open,Low,2026-03-01T10:00:00Z,,\r\n\r\n   \r\n,,,,,,,,\r\n2,a@x.example,Acme,y,Open,Low,2026-03-01T10:00:00Z,,\r\n' "$Z" >"$WORK/blank.csv"
imp blank.csv
contains "$WORK/log" "2 rows read = 2 accepted + 0 rejected" "blank lines and all-empty rows are not rows"

printf '%s,,,\r\n1,a@x.example,Acme,x,Open,Low,2026-03-01T10:00:00Z,,,,,\r\n2,a@x.example,Acme,y,Open,Low,2026-03-01T10:00:00Z\r\n3,a@x.example,Acme,z,Open,Low,2026-03-01T10:00:00Z,,,,,,,,unexpected\r\n' "$Z" >"$WORK/ragged.csv"
imp ragged.csv
is $? 1 "a row with a value beyond the header is rejected (exit 1)"
contains "$WORK/log" "3 rows read = 2 accepted + 1 rejected" "trailing empty columns and short (ragged) rows import"
grep -q "^4,,.*the row has [0-9]* fields but the header has 12" "$WORK/ragged.rejects.csv"
ok $? "the rejects file says the row is too wide"

# ---- broken quoting costs only its row (issue 13) ------------------------------
printf '%s\r\n' "$Z" '1,a@x.example,Acme,"never closed,Open,Low,2026-03-01T10:00:00Z,,' \
    '2,a@x.example,Acme,"quoted",Open,Low,2026-03-01T10:00:00Z,,' \
    '3,a@x.example,Acme,"abc"def,Open,Low,2026-03-01T10:00:00Z,,' \
    '4,a@x.example,Acme,"Subject with "unescaped" quote",Open,Low,2026-03-01T10:00:00Z,,' \
    '5,a@x.example,Acme,last,Open,Low,2026-03-01T10:00:00Z,,' >"$WORK/unclosed.csv"
imp unclosed.csv
is $? 1 "a quote never closed is an input error (exit 1)"
contains "$WORK/log" "5 rows read = 3 accepted + 2 rejected" "but it costs only its own row: every good row after it is read"
grep -q '^2,,"a quote in the row is never closed' "$WORK/unclosed.rejects.csv" &&
    grep -q '^4,,"a quote in the row is never closed' "$WORK/unclosed.rejects.csv"
ok $? "the rejects file names the line of the unclosed quote and of \"abc\"def"
contains "$WORK/log" "1 row holds a quote inside a quoted field that is not doubled; it was kept as text, as in 'Subject with \"unescaped\" quote' on line 5" "a stray quote in a quoted field is kept, with a warning naming line and value"
is "$(field unclosed.csv 3 4)" 'Subject with "unescaped" quote' "and the value is as read"
{ printf '%s\n1,a@x.example,Acme,"' "$Z"; head -c 1100000 /dev/zero | tr '\0' x
  printf '\n2,a@x.example,Acme,ok,Open,Low,2026-03-01T10:00:00Z,,\n'; } >"$WORK/oversized.csv"
imp oversized.csv
contains "$WORK/log" "2 rows read = 1 accepted + 1 rejected" "an oversized record costs only itself"

# ---- repeated header names (Jira) --------------------------------------------
cat >"$WORK/labels.profile" <<'PROFILE'
profile labels-test
record ticket
timestamp DD/MMM/YY h:mm AM
field id required : Issue key
field subject : Summary
field status required : Status
field created required : Created
field category : Labels
default priority Medium
PROFILE
printf 'Summary,Issue key,Status,Created,Labels,Labels,Labels,Comment,Comment\n"Sync, again",SUP-1,Open,01/Mar/26 2:02 PM,api,,eu-region,"01/Mar/26 2:30 PM;u1;Looking",\n' >"$WORK/jira.csv"
"$REPORTPIPE" import --profile "$WORK/labels.profile" -o "$WORK/rec-jira" "$WORK/jira.csv" >"$WORK/log" 2>&1
ok $? "a header repeating Labels and Comment imports"
is "$(tests/e2e/csv-field.pl "$WORK/rec-jira/tickets.csv" SUP-1 6)" "api, eu-region" "the repeated Labels columns are joined"
is "$(tests/e2e/csv-field.pl "$WORK/rec-jira/tickets.csv" SUP-1 7)" "2026-03-01T14:02:00Z" "01/Mar/26 2:02 PM is 2026-03-01T14:02:00Z"

# ---- encodings ----------------------------------------------------------------
printf '%s\r\n1,anna@mueller-gmbh.example,Müller GmbH,Société: prix € 5,Open,Low,2026-03-01T10:00:00Z,,\r\n' "$Z" >"$WORK/utf8.csv"
printf '\357\273\277' >"$WORK/bom.csv"; cat "$WORK/utf8.csv" >>"$WORK/bom.csv"
imp bom.csv
contains "$WORK/log" "UTF-8 with BOM" "UTF-8 with a byte order mark is read"
is "$(field bom.csv 10 1)" "Müller GmbH" "and its text is kept"
iconv -f UTF-8 -t WINDOWS-1252 "$WORK/utf8.csv" >"$WORK/cp1252.csv"
imp cp1252.csv
contains "$WORK/log" "Windows-1252, converted to UTF-8 with iconv" "Windows-1252 is recognised and converted, and the summary says so"
is "$(field cp1252.csv 3 1)" "Société: prix € 5" "accents and the euro sign survive the conversion"
is "$(field cp1252.csv 10 1)" "Müller GmbH" "Windows-1252 organisation names become UTF-8"
# From a pipe, which cannot be read twice: the first 64 KiB decide.
rm -rf "$WORK/rec-pipe"
"$REPORTPIPE" import -o "$WORK/rec-pipe" /dev/stdin <"$WORK/cp1252.csv" >"$WORK/log" 2>&1 &&
    grep -q "Windows-1252" "$WORK/log" &&
    [ "$(tests/e2e/csv-field.pl "$WORK/rec-pipe/tickets.csv" 1 10)" = "Müller GmbH" ]
ok $? "a Windows-1252 export read from a pipe is converted too"
# Excel's "Unicode text": UTF-16LE with BOM, tab-separated.
tr ',' '\t' <"$WORK/utf8.csv" | iconv -f UTF-8 -t UTF-16LE >"$WORK/u16body"
printf '\377\376' >"$WORK/utf16le.csv"; cat "$WORK/u16body" >>"$WORK/utf16le.csv"
imp utf16le.csv
contains "$WORK/log" "UTF-16LE, converted to UTF-8 with iconv, tab-separated" "UTF-16LE with BOM (Excel Unicode text) is read"
is "$(field utf16le.csv 3 1)" "Société: prix € 5" "and its text is UTF-8"
iconv -f UTF-8 -t UTF-16BE "$WORK/utf8.csv" >"$WORK/u16body"
printf '\376\377' >"$WORK/utf16be.csv"; cat "$WORK/u16body" >>"$WORK/utf16be.csv"
imp utf16be.csv
contains "$WORK/log" "UTF-16BE" "UTF-16BE with BOM is read"
is "$(field utf16be.csv 10 1)" "Müller GmbH" "and its text is UTF-8"
# One stray byte in a UTF-8 file (issue 13): UTF-8 still, the byte U+FFFD.
{ cat "$WORK/utf8.csv"; printf '2,a@x.example,Bad \351 byte,x,Open,Low,2026-03-01T10:00:00Z,,\r\n3,a@x.example,Cut \303'; } >"$WORK/stray.csv"
imp stray.csv
contains "$WORK/log" "(UTF-8, ','-separated)" "a UTF-8 file with a stray byte is still UTF-8"
is "$(field stray.csv 10 1)" "Müller GmbH" "its names are not mojibake"
is "$(field stray.csv 10 2)" "Bad � byte" "the stray byte is U+FFFD"
contains "$WORK/log" "2 invalid UTF-8 sequences in an otherwise UTF-8 file became U+FFFD, in 2 rows: line 3 and 4" "one warning names the lines"
printf '%s\r\n1,a@x.example,Bad \001 byte,x,Open,Low,2026-03-01T10:00:00Z,,\r\n' "$Z" >"$WORK/ctl.csv"
imp ctl.csv
grep -q "^2,Organization,.*control character 0x01" "$WORK/ctl.rejects.csv"
ok $? "a control character is rejected with its field"

# ---- delimiters ---------------------------------------------------------------
for d in ';' '|' 'tab'; do
    c=$d; [ "$d" = tab ] && c=$(printf '\t')
    printf '%s\r\n1,a@x.example,"Acme, Inc.",x,Open,Low,2026-03-01T10:00:00Z,,\r\n' "$Z" |
        sed "s/,/$c/g; s/\"Acme$c Inc.\"/\"Acme, Inc.\"/" >"$WORK/delim.csv"
    imp delim.csv
    ok $? "the delimiter '$d' is sniffed"
    is "$(field delim.csv 10 1)" "Acme, Inc." "with '$d', a comma is text"
done

# ---- streaming: a file far larger than the records it yields ----------------
# 20,000 Jira issues with 4 KB descriptions each (about 80 MB), and the same
# issues with 1-byte descriptions: the records kept are the same, so peak
# memory must be too, whatever the file's size (and whatever a sanitizer
# adds to both).
for d in 4000 1; do
    perl -e '
        print "Summary,Issue key,Status,Priority,Created,Resolved,Description\n";
        my $d = "x" x $ARGV[0];
        for my $i (1 .. 20000) {
            print "Issue $i,SUP-$i,Open,Medium,01/Mar/26 2:02 PM,,\"$d\"\n";
        }' "$d" >"$WORK/big-$d.csv"
done
size=$(( $(wc -c <"$WORK/big-4000.csv") / 1024 ))
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" -o "$WORK/rss-big" "$REPORTPIPE" import -q "$WORK/big-4000.csv"
    ok $? "an 80 MB export imports"
    /usr/bin/time -f "%M" -o "$WORK/rss-small" "$REPORTPIPE" import -q "$WORK/big-1.csv"
    big=$(tail -1 "$WORK/rss-big")
    small=$(tail -1 "$WORK/rss-small")
    [ $((big - small)) -lt $((size / 10)) ]
    ok $? "peak memory does not grow with the file: $big KB for $size KB, $small KB for the same rows in 1 MB"
else
    echo "ok $((TEST_NUMBER + 1)) # skip /usr/bin/time (Debian package time) is missing"
    echo "ok $((TEST_NUMBER + 2)) # skip /usr/bin/time (Debian package time) is missing"
    TEST_NUMBER=$((TEST_NUMBER + 2))
fi
rm -f "$WORK"/big-*.csv
finish
