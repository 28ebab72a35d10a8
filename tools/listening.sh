#!/bin/sh
# Waits for `reportpipe serve` to say where it listens, and prints the URL.
# The server binds port 0 and writes "listening on URL" to its stdout once
# it accepts connections; every test and script that starts one waits for
# that line the same way, here.  Gives up after SECONDS (slow under
# valgrind), or at once when PID has already exited.
# usage: tools/listening.sh SERVE-STDOUT SECONDS [PID]
set -u
out=$1
tenths=$(($2 * 10))
pid=${3:-}
i=0
while [ $i -lt $tenths ]; do
    url=$(sed -n 's/^listening on //p' "$out" 2>/dev/null)
    if [ -n "$url" ]; then
        echo "$url"
        exit 0
    fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
    i=$((i + 1))
done
echo "listening.sh: no 'listening on' line in $out after $2 s" >&2
exit 1
