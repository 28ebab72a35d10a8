#!/bin/sh
# reportpipe run's operator side: reportpipe.conf (found, applied, flags
# winning over it, each mistake named) and the flags that refuse each
# other.  docs/operations.md describes them.
. "$(dirname "$0")/lib.sh"

plan 16

"$REPORTPIPE" run --only ACC-1 --status-report-only 2>"$WORK/err"
is "$?" 2 "--only with --status-report-only is a usage error"
contains "$WORK/err" "--status-report-only" "  which names both"
"$REPORTPIPE" run -j 0 2>"$WORK/err"
is "$?" 2 "-j 0 is a usage error"
"$REPORTPIPE" run --only , 2>"$WORK/err"
is "$?" 2 "--only with an empty id is a usage error"

"$REPORTPIPE" run --conf "$WORK/absent.conf" 2>"$WORK/err"
is "$?" 2 "a named configuration file that is not there is a usage error"
contains "$WORK/err" "$WORK/absent.conf" "  which names it"

printf '[run]\n# the output\nouput = elsewhere\n' >"$WORK/typo.conf"
"$REPORTPIPE" run --conf "$WORK/typo.conf" 2>"$WORK/err"
is "$?" 2 "an unknown key is a usage error"
contains "$WORK/err" "$WORK/typo.conf:3: field 'ouput': unknown key" \
    "  naming file, line and key"

printf '[run]\njobs = many\n' >"$WORK/bad.conf"
"$REPORTPIPE" run --conf "$WORK/bad.conf" 2>"$WORK/err"
is "$?" 2 "a bad value is a usage error"
contains "$WORK/err" "$WORK/bad.conf:2: field 'jobs': 'many' is not" \
    "  naming file, line, key and value"

# A site folder: its file names folders relative to itself, so the run
# finds them from any working directory.
site="$WORK/site"
mkdir -p "$site"
ln -s "$TOP/input" "$site/exports"
cat >"$site/reportpipe.conf" <<CONF
[run]
input = exports
output = documents
templates = $TOP/templates
config = $TOP/config
state = state
jobs = 1
quiet = true
CONF
"$REPORTPIPE" run --conf "$site/reportpipe.conf" 2>"$WORK/err"
is "$?" 0 "a run from a configuration file succeeds"
[ -s "$site/documents/status-report.pdf" ]
ok $? "  its output folder is under the file's folder"
is "$(wc -c <"$WORK/err" | tr -d ' ')" 0 "  quiet = true: nothing printed"

# ./reportpipe.conf is read when no file is named; flags win over it.
(cd "$site" && "$REPORTPIPE" run --no-quiet --output "$WORK/flag-out") \
    2>"$WORK/err"
is "$?" 0 "./reportpipe.conf is found in the current folder"
[ -s "$WORK/flag-out/status-report.pdf" ]
ok $? "  --output wins over the file's output"
contains "$WORK/err" "run: done" "  --no-quiet wins over quiet = true"

finish
