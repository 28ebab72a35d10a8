#!/bin/sh
# The systemd units shipped in contrib/systemd (the nightly run's service
# and timer, the intranet page's service) pass
# `systemd-analyze verify`.  verify checks that ExecStart's program
# exists, so the copies checked here run the binary under test instead of
# /usr/local/bin/reportpipe; nothing else is changed.
. "$(dirname "$0")/lib.sh"

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "1..0 # SKIP systemd-analyze is not installed (Debian: apt-get install systemd)"
    exit 0
fi
plan 7

units="$WORK/units"
mkdir -p "$units"
for f in contrib/systemd/reportpipe-nightly.service \
    contrib/systemd/reportpipe-nightly.timer \
    contrib/systemd/reportpipe-serve.service; do
    sed "s|/usr/local/bin/reportpipe |$REPORTPIPE |" "$f" >"$units/$(basename "$f")"
done
grep -q "^ExecStart=$REPORTPIPE run --conf " "$units/reportpipe-nightly.service"
ok $? "the service runs 'reportpipe run --conf FILE'"

(cd "$units" && systemd-analyze verify reportpipe-nightly.service \
    reportpipe-nightly.timer) >"$WORK/verify" 2>&1
ok $? "systemd-analyze verify accepts the service and the timer"
is "$(cat "$WORK/verify")" "" "  without a warning"

grep -q "^ExecStart=$REPORTPIPE serve --listen 127.0.0.1:8080 " "$units/reportpipe-serve.service"
ok $? "the intranet page's service runs 'reportpipe serve' on loopback"
(cd "$units" && systemd-analyze verify reportpipe-serve.service) >"$WORK/verify" 2>&1
ok $? "systemd-analyze verify accepts it"
is "$(cat "$WORK/verify")" "" "  without a warning"

# The time the documentation promises.
systemd-analyze calendar --iterations=1 \
    "$(sed -n 's/^OnCalendar=//p' "$units/reportpipe-nightly.timer")" \
    >"$WORK/calendar" 2>&1
contains "$WORK/calendar" "02:00:00" "the timer fires at 02:00"

finish
