#!/bin/sh
# Long-text benchmark (issue 12): one paragraph of 20,000 sentences and
# one word of 200,000 letters, each in a block of its own.  Prints the
# time and peak RSS of rendering each, the pages made, and how many of
# the paragraph's characters reach the PDF (all of them, or it says so).
# Before the paragraph was laid out in pieces: the word took 32 s, and
# the sentences came out as one line, 86 characters of 1.27 million.
# usage: bench/longtext.sh BINARY
set -eu
. bench/lib.sh
bin=$1
out=bench/out
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1795392000
# Slow cases are what this measures: one run each is enough.
RP_BENCH_RUNS=${RP_BENCH_RUNS:-1}
RP_BENCH_SECONDS=${RP_BENCH_SECONDS:-0}
export RP_BENCH_RUNS RP_BENCH_SECONDS

# run LABEL FO: renders FO, prints time, memory, pages and characters
run() {
    label=$1
    fo=$2
    pdf=${fo%.fo}.pdf
    bench_time "$bin" render -q "$fo" "$pdf" || { echo "$label: FAILED"; exit 1; }
    want=$(perl -ne 'print $1 if /<fo:block[^>]*>([^<]+)</' "$fo" | tr -d ' \n-' | wc -c)
    got=$(pdftotext "$pdf" - | tr -d ' \n\f-' | wc -c)
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    printf '  %-30s %8.2f s %7.1f MB %6d pages  %d of %d characters in the PDF\n' \
        "$label" "$secs" "$rss_mb" "$pages" "$got" "$want"
}

tests/e2e/longtext.pl word 200000 >"$out/word-200k.fo"
tests/e2e/longtext.pl sentences 20000 >"$out/sentences-20k.fo"
echo "one long paragraph (best of $RP_BENCH_RUNS):"
run "a 200,000-letter word" "$out/word-200k.fo"
run "a paragraph of 20,000 sentences" "$out/sentences-20k.fo"

# The same word as one ticket's subject, through the whole nightly run:
# the issue measured 66 s for this run against 0.16 s without the word.
rm -rf "$out/longsubject"
mkdir -p "$out/longsubject"
cp -r input "$out/longsubject/input"
perl -Mutf8 -CSD -e '
    my ($path) = @ARGV;
    open my $in, "<:encoding(UTF-8)", $path or die "$path: $!";
    my @lines = <$in>;
    close $in;
    my $word = join "", map { chr(97 + $_ % 26) } 0 .. 199_999;
    # The first data row: its Subject is the eighth column and quoted
    # subjects only ever hold plain text before it.
    my @f = split /,/, $lines[1], 8;
    $f[7] =~ s/^("(?:[^"]|"")*"|[^,]*)/$word/;
    $lines[1] = join ",", @f;
    open my $out, ">:encoding(UTF-8)", $path or die;
    print $out @lines;
' "$out/longsubject/input/zendesk-tickets.csv"
echo "the nightly run on the sample (best of $RP_BENCH_RUNS):"
bench_time "$bin" run -q --input input --output "$out/longsubject/plain"
plain=$secs
printf '  %-30s %8.2f s %7.1f MB\n' "as shipped" "$secs" "$rss_mb"
bench_time "$bin" run -q --input "$out/longsubject/input" \
    --output "$out/longsubject/out"
printf '  %-30s %8.2f s %7.1f MB  (%.1fx the run without it)\n' \
    "one subject of 200,000 letters" "$secs" "$rss_mb" \
    "$(awk -v a="$secs" -v b="$plain" 'BEGIN { print a / b }')"
