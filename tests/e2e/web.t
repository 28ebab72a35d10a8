#!/bin/sh
# The intranet page end to end in a real browser (Debian's chromium driven
# by playwright-core, tests/web/flow.mjs) on the sample data: invitations
# from `reportpipe invite`, passwords, sign-in, a request, a contribution
# with its preview, the draft submitted, a wrong approver refused, the
# designated approver approving in the browser; then the audit says it
# came from the web with the address, the approved PDF is the one the
# audit names, forms without a valid CSRF token and paths outside the
# page are refused, and a session of the day before is sent to sign-in.
# The server runs as its own OS user on a free loopback port, started and
# stopped here.  Needs root (useradd); `make test UPDATE=1` keeps the
# screenshots in docs/images/.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/workflow-lib.sh"

workflow_need_root
if ! [ -x /usr/bin/chromium ] || ! [ -d "$TOP/tests/web/node_modules/playwright-core" ]; then
    echo "1..0 # SKIP needs chromium and tests/web's npm packages (make web-deps)"
    exit 0
fi
plan 48
# rpweb: the server's own OS user, in the group, in no role of the program.
workflow_setup rpadmin rpweb

as() { # as LOGIN DAY COMMAND ARGS...
    u=$1 day=$2 cmd=$3
    shift 3
    as_user "$u" "$REPORTPIPE" "$cmd" $O --today "$day" "$@"
}

# Numbers the browser's lines ("ok - what", "not ok - what # why").
browser() { # browser PHASE
    (cd "$TOP/tests/web" && node flow.mjs "$1" "$BASE" "$WORK") >"$WORK/flow" 2>&1
    while IFS= read -r line; do
        case "$line" in
        "ok - "*) ok 0 "${line#ok - }" ;;
        "not ok - "*) ok 1 "${line#not ok - }" ;;
        *) echo "# $line" ;;
        esac
    done <"$WORK/flow"
}

SERVER=
serve() { # serve DAY: starts the server as rpweb, sets BASE
: >"$WORK/serve.out"
    # exec: $! is the server itself, which the signal must reach.
    (exec setpriv --reuid="$(id -u rpweb)" --regid="$(id -g rpweb)" --init-groups \
        env HOME="$WORK" TMPDIR="$WORK" "$REPORTPIPE" serve $O --today "$1" \
        --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err") &
    SERVER=$!
    BASE=$("$TOP"/tools/listening.sh "$WORK/serve.out" 10 $SERVER)
}
stop() {
    kill -TERM "$SERVER" 2>/dev/null
    wait "$SERVER"
}
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

# The administrator invites the program's people.
printf '{' >"$WORK/invites.json"
sep=
n=0
for who in schen dwhitfield hlind admin; do
    as rpadmin 2026-11-02 invite "$who" >"$WORK/out" 2>"$WORK/err" && n=$((n + 1))
    url=$(grep -o 'http://[^ ]*/invite/[A-Za-z0-9_-]*' "$WORK/out")
    printf '%s"%s": "%s"' "$sep" "$who" "$url" >>"$WORK/invites.json"
    sep=', '
done
printf '}\n' >>"$WORK/invites.json"
is "$n" 4 "the administrator invites four people"

serve 2026-11-02
case "$BASE" in http://127.0.0.1:[0-9]*) r=0 ;; *) r=1 ;; esac
ok $r "the server listens on a free loopback port ($BASE)"
[ $r = 0 ] || sed 's/^/#   /' "$WORK/serve.err"
# The invitations name the configured URL; the test's server is elsewhere.
sed -i "s|http://[^\"]*/invite/|$BASE/invite/|g" "$WORK/invites.json"

browser people

# The administrator compiles the draft (as the nightly run would).
as rpadmin 2026-11-02 submit ACC-1001 >"$WORK/out" 2>"$WORK/err"
ok $? "the draft is submitted for approval"

browser approve

as rpadmin 2026-11-02 audit ACC-1001 >"$WORK/audit" 2>&1
grep "approve" "$WORK/audit" | grep -q "web 127.0.0.1"
ok $? "the audit says the approval came from the web, with the address"
final="$WORK/output/approved/ACC-1001/2026-v1.pdf"
sha=$(sha256sum "$final" 2>/dev/null | cut -d' ' -f1)
is "$(sqlite3 "$S" "SELECT final_sha256 FROM approvals")" "${sha:-none}" \
    "the approved PDF is the one the store recorded (SHA-256)"
as rpadmin 2026-11-02 verify "$final" >"$WORK/out" 2>&1
contains "$WORK/out" "Dana Whitfield" "verify: approved by Dana Whitfield"
is "$(sqlite3 "$S" "SELECT count(*) FROM audit WHERE action = 'sign-in' AND outcome = 'refused'")" 1 \
    "the failed sign-in is in the audit"
is "$(sqlite3 "$S" "SELECT count(*) FROM audit WHERE action = 'approve' AND outcome = 'refused' AND person = 'hlind' AND via = 'web 127.0.0.1'")" 1 \
    "so is the wrong approver's attempt, with the address"
stop
is $? 0 "SIGTERM stops the server cleanly"

# The next day Dana's session of yesterday has expired.
serve 2026-11-03
browser expired
stop

if [ "${UPDATE:-}" = 1 ]; then
    cp "$WORK"/shots/web-*.png "$TOP/docs/images/"
fi
finish
