#!/bin/sh
# make bench: runs every benchmark script in bench/ (each prints its own
# figures and ratios).  Not part of make test or CI.
# usage: bench/run.sh BINARY
set -eu
bin=$1
echo "reportpipe benchmarks ($(date -u +%Y-%m-%d), $(nproc) cores)"
for script in bench/*.sh; do
    case "$script" in bench/run.sh | bench/lib.sh) continue ;; esac
    echo "== $script"
    "$script" "$bin"
done
