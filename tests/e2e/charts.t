#!/bin/sh
# Charts (templates/charts.xsl): every generic template driven with known
# data (tests/e2e/charts/generic.xsl), and the charts of the real review
# and status report of the sample: SVG in fo:instream-foreign-object, a
# text alternative stating the numbers (equal to the review data), round
# ticks, a sentence instead of an empty chart, a valid tagged PDF whose
# Figures carry the alternatives as /Alt.
. "$(dirname "$0")/lib.sh"
plan 25

B="$REPORTPIPE"
SVG=http://www.w3.org/2000/svg
# Templates read only their own folder: the driver goes beside copies.
mkdir -p "$WORK/t"
cp -R templates/. "$WORK/t/" && cp tests/e2e/charts/generic.xsl "$WORK/t/"
echo '<review-data/>' >"$WORK/empty.xml"

"$B" transform -q -o "$WORK/g.fo" "$WORK/t/generic.xsl" "$WORK/empty.xml"
ok $? "the generic charts transform"
"$B" render -q "$WORK/g.fo" "$WORK/g.pdf" 2>"$WORK/g.err"
ok $? "and render"
is "$(wc -c <"$WORK/g.err" | tr -d ' ')" 0 "without a warning (every SVG is accepted)"

# alt TEXT: the fox:alt-text values of an FO file, one a line.
alts() {
    xmllint --xpath '//*[local-name()="instream-foreign-object"]/@*[local-name()="alt-text"]' "$1" |
        sed 's/^ *alt-text="//; s/"$//'
}
alts "$WORK/g.fo" >"$WORK/g.alts"
n_svg=$(xmllint --xpath "count(//*[local-name()='instream-foreign-object']/*[local-name()='svg' and namespace-uri()='$SVG'])" "$WORK/g.fo")
is "$n_svg" 7 "seven charts, each an svg:svg in the SVG namespace"
is "$(wc -l <"$WORK/g.alts" | tr -d ' ')" 7 "each with a text alternative"
contains "$WORK/g.alts" "Jan: High 3, Medium 10, Low 7 (total 20); Feb: High 0, Medium 12, Low 4 (total 16)" \
    "stacked: every value and total in the alternative"
contains "$WORK/g.alts" "Beta with a very long project name indeed: Budget 260,000, Actual 301,500" \
    "grouped: the full name and the values"
contains "$WORK/g.alts" "Target 90%. W1: 92.5%; W2: 88%; W3: no value; W4: 95.1%; W5: 71.4%." \
    "line: the target, the values and the gap"
contains "$WORK/g.alts" "Target 90%. Eta: 60.5%; Acme Widgets, Incorporated of the Greater Metropolitan Area: 74%; Beta: 88.9%; Delta: 91%." \
    "horizontal bars: sorted lowest first, the fifth left out"

# Ticks: per chart, evenly spaced by 1, 2 or 5 x 10^n (k and M scaled).
cat >"$WORK/ticks.pl" <<'PL'
local $/; my $fo = <>; my $bad = 0; my $n = 0;
for my $svg ($fo =~ m{<svg\b.*?</svg>}gs) {
    my @t = map { my $v = $_; $v =~ s/[,%]//g;
                  $v =~ s/k$// ? $v * 1e3 : $v =~ s/M$// ? $v * 1e6 : $v }
            $svg =~ m{class="rp-tick"[^>]*>([^<]*)<}g;
    next unless @t;
    $n++;
    my $step = $t[1] - $t[0];
    my $m = $step / 10 ** int(log($step) / log(10) + 1e-9);
    $bad++, print "# step $step\n" unless grep { abs($m - $_) < 1e-9 } 1, 2, 5;
    for (1 .. $#t) { $bad++, print "# $t[$_-1] -> $t[$_]\n" if abs($t[$_] - $t[$_-1] - $step) > 1e-9 }
    $bad++, print "# first tick $t[0]\n" if abs($t[0] / $step - int($t[0] / $step + 0.5)) > 1e-9;
}
print "$n charts\n"; exit($bad > 0);
PL
perl "$WORK/ticks.pl" "$WORK/g.fo" >"$WORK/ticks.out"
ok $? "ticks are round: 1, 2 or 5 x 10^n apart, from a multiple of the step"
contains "$WORK/ticks.out" "7 charts" "every chart has ticks"
# Tilted labels (a crowded axis) are clipped to 18 characters with an
# ellipsis; level ones to what fits their slot.
long=$(perl -0ne 'print "$1\n" while m{class="rp-label"[^>]*transform="[^"]*"[^>]*>([^<]*)<}g' "$WORK/g.fo" |
    perl -CS -Mutf8 -ne 'chomp; print "$_\n" if length($_) > 18' | wc -l | tr -d ' ')
is "$long" 0 "tilted category labels are clipped to 18 characters"
grep -q 'Category number 1…' "$WORK/g.fo"
ok $? "with an ellipsis"
pdftotext "$WORK/g.pdf" "$WORK/g.txt"
contains "$WORK/g.txt" "Nothing to draw here." "empty data: the sentence, not a chart"
n=0
for s in "no monthly volume to show" "no SLA trend to show" "No ticket was open" \
    "holds no accounts" "no SLA by account to show" "holds no projects"; do
    grep -q "$s" "$WORK/g.txt" && n=$((n + 1))
done
is "$n" 6 "each domain chart with nothing to draw says so"

# The sample: a review and the status report with their charts.
"$B" run -q --input input --output "$WORK/out" --state "$WORK/state" \
    --keep-intermediate >/dev/null 2>&1
ok $? "the sample runs"
I="$WORK/out/intermediate"
data="$I/review-data.xml"
alts "$I/review-ACC-1001.fo" >"$WORK/r.alts"
is "$(wc -l <"$WORK/r.alts" | tr -d ' ')" 3 "a review has three charts"
# The volume chart's numbers are the account's support/month figures.
want=$(xmllint --xpath '//account[@id="ACC-1001"]/support/month' "$data" |
    perl -ne 'while (/label="([^"]*)" tickets="\d+" p1="(\d+)" p2="(\d+)" p3="(\d+)" p4="(\d+)"/g) {
        push @o, "$1: P1 $2, P2 $3, P3 $4, P4 $5 (total " . ($2 + $3 + $4 + $5) . ")" }
        END { print join("; ", @o), "." }')
contains "$WORK/r.alts" "$want" "volume: the alternative states every month's tickets by priority"
# The backlog chart's: support/backlog/age.
want=$(xmllint --xpath '//account[@id="ACC-1001"]/support/backlog/age' "$data" |
    perl -ne 'print "$1: P1 $3, P2 $4, P3 $5, P4 $6 (total $2); "
        while /label="([^"]*)".*?tickets="(\d+)" p1="(\d+)" p2="(\d+)" p3="(\d+)" p4="(\d+)"/g' | sed 's/; $/./')
contains "$WORK/r.alts" "$want" "backlog: the alternative states every age bucket"
# SLA per month, recomputed from the tickets: met / (met + breached).
perl -e '
    local $/; open my $f, "<", $ARGV[0]; my $x = <$f>;
    my ($acc) = $x =~ m{<account id="ACC-1001".*?</account>}s ? ($&) : ();
    my (%met, %dec);
    while ($acc =~ m{<ticket ([^>]*)>}g) { my $a = $1;
        my ($m) = $a =~ /created="(\d{4}-\d\d)/; my ($s) = $a =~ / sla="(\w+)"/;
        $met{$m}++ if $s eq "met"; $dec{$m}++ if $s eq "met" || $s eq "breached"; }
    my @out;
    while ($acc =~ m{<month month="([^"]+)" label="([^"]+)"}g) {
        my ($m, $l) = ($1, $2);
        my $p = $dec{$m} ? sprintf("%.1f", int($met{$m} * 1000 / $dec{$m} + 0.5) / 10) : undef;
        $p =~ s/\.0$// if defined $p;
        push @out, "$l: " . (defined $p ? "$p%" : "no decided ticket"); }
    print join("; ", @out), ".\n";' "$data" >"$WORK/sla.want"
contains "$WORK/r.alts" "$(cat "$WORK/sla.want")" "SLA trend: each month's met % from the tickets"

alts "$I/status-report.fo" >"$WORK/s.alts"
want=$(xmllint --xpath 'string(//program/@accounts-stable)' "$data"):$(xmllint --xpath 'string(//program/@accounts-watch)' "$data"):$(xmllint --xpath 'string(//program/@accounts-unstable)' "$data")
got=$(perl -ne 'print "$1:$2:$3" if /Stable: (\d+); Watch: (\d+); Unstable: (\d+)\./' "$WORK/s.alts")
is "$got" "$want" "health: the alternative's counts are the program's"
# SLA by account: every account's sla-met-pct, lowest first.
want=$(xmllint --xpath '//account/@name | //account/support/@sla-met-pct' "$data" |
    perl -ne 'print "$1\t$2\n" while /name="([^"]*)"\s+sla-met-pct="([^"]*)"/g' |
    sort -t "$(printf '\t')" -k2,2n -k1,1 | perl -pe 's/&amp;/&/g; ($n, $v) = split /\t/; chomp $v; $v =~ s/\.0$//; $_ = "$n: $v%; "' |
    sed 's/; $/./')
contains "$WORK/s.alts" "$want" "SLA by account: every account's SLA met %, lowest first"
want=$(xmllint --xpath '//program/projects/project' "$data" |
    perl -ne 'sub g { my $n = sprintf "%.0f", shift; 1 while $n =~ s/^(\d+)(\d{3})/$1,$2/; $n }
        while (/<project id="([^"]*)" name="([^"]*)".*?budget="([^"]*)" actual="([^"]*)"/g) {
            push @o, "$2 ($1): Budget " . g($3) . ", Actual " . g($4) }
        END { print join("; ", @o), "." }')
contains "$WORK/s.alts" "$want" "budget: every project's budget and actual"

# The tagged PDF: each chart a Figure with its alternative as /Alt.
pdf="$WORK/out/reviews/ACC-1001.pdf"
qpdf --check "$pdf" >/dev/null 2>&1 && qpdf --check "$WORK/out/status-report.pdf" >/dev/null 2>&1 &&
    pdftotext "$pdf" - | grep -q "Tickets raised per month, by priority."
ok $? "the review and status report pass qpdf --check; captions are text"
figures=$(pdfinfo -struct-text "$pdf" | grep -c '^ *Figure')
qpdf --qdf --object-streams=disable "$pdf" "$WORK/r-qdf.pdf"
grep -a -q '/Alt (Stacked bar chart of the tickets raised per month' "$WORK/r-qdf.pdf"
# Four: the three charts and our logo on the cover.
is "$figures/$?" "4/0" "the review's three charts are Figures with /Alt"
finish
