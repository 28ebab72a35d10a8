#!/usr/bin/perl
# Runs a command and measures it with its whole process tree (the run
# forks worker processes, whose memory /usr/bin/time does not add up):
#   bench/treepeak.pl RESULT CMD...
# writes "WALL_SECONDS PEAK_RSS_KB PEAK_PSS_KB" to RESULT and exits with
# the command's status.  Every 50 ms it finds the command's descendants in
# /proc and adds up their resident memory: RSS (VmRSS; pages shared by a
# parent and its forked workers count once per process, so this is the
# upper bound) and PSS (smaps_rollup; shared pages divided among their
# sharers, so the tree's real footprint).
#
# Why not a cgroup's memory.peak: this machine has cgroup v1 (no
# memory.peak), and a cgroup's figure also counts the page cache of the
# files the run reads and writes, which is not the run's memory.
use strict;
use warnings;
use Time::HiRes qw(time sleep);
use POSIX ();

my ($result, @cmd) = @ARGV;
die "usage: $0 RESULT CMD...\n" unless @cmd;

sub slurp {
    open my $fh, '<', $_[0] or return '';
    local $/;
    my $s = <$fh>;
    return defined $s ? $s : '';
}

# pid => parent pid, for every process now.
sub parents {
    my %pp;
    opendir my $d, '/proc' or die "/proc: $!\n";
    for my $pid (grep { /^\d+$/ } readdir $d) {
        my $stat = slurp("/proc/$pid/stat");
        # The name may hold spaces and parentheses: the ppid follows the
        # last ')'.
        $pp{$pid} = $1 if $stat =~ /\)\s+\S+\s+(\d+)/s;
    }
    return \%pp;
}

sub tree_memory {
    my ($root) = @_;
    my $pp = parents();
    my %in = ($root => 1);
    my $grew = 1;
    while ($grew) {
        $grew = 0;
        for my $pid (keys %$pp) {
            next if $in{$pid} || !$in{ $pp->{$pid} };
            $in{$pid} = 1;
            $grew = 1;
        }
    }
    my ($rss, $pss) = (0, 0);
    for my $pid (keys %in) {
        $rss += $1 if slurp("/proc/$pid/status") =~ /^VmRSS:\s+(\d+)/m;
        $pss += $1 if slurp("/proc/$pid/smaps_rollup") =~ /^Pss:\s+(\d+)/m;
    }
    return ($rss, $pss);
}

my $start = time;
my $child = fork // die "fork: $!\n";
if ($child == 0) {
    exec @cmd or die "$cmd[0]: $!\n";
}
my ($peak_rss, $peak_pss) = (0, 0);
my $status;
for (;;) {
    my ($rss, $pss) = tree_memory($child);
    $peak_rss = $rss if $rss > $peak_rss;
    $peak_pss = $pss if $pss > $peak_pss;
    my $done = waitpid($child, POSIX::WNOHANG());
    if ($done == $child) {
        $status = $?;
        last;
    }
    sleep 0.05;
}
my $wall = time - $start;
open my $out, '>', $result or die "$result: $!\n";
printf $out "%.2f %d %d\n", $wall, $peak_rss, $peak_pss;
close $out or die "$result: $!\n";
exit($status & 127 ? 128 + ($status & 127) : $status >> 8);
