#!/bin/sh
# reportpipe invite as the program's OS users: the administrator gets a
# link under <web url> of workflow.xml, valid 72 hours; anyone else is
# refused and the refusal is audited; an unknown person is bad input.
# The users are made with useradd, so this needs root (as CI is);
# otherwise it skips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/workflow-lib.sh"

workflow_need_root
plan 14
workflow_setup rpadmin schen
# The page's address, as the administrator configures it.
sed 's|^</workflow>|  <web url="https://reviews.example.com/"/>\n</workflow>|' \
    "$TOP/config/workflow.xml" >config/workflow.xml

as() { # as LOGIN COMMAND ARGS...
    u=$1 cmd=$2
    shift 2
    as_user "$u" "$REPORTPIPE" "$cmd" $O "$@"
}

as rpadmin invite schen >"$WORK/out" 2>"$WORK/err"
is $? 0 "the administrator invites Sarah Chen"
# SOURCE_DATE_EPOCH is 2026-11-23 00:00 UTC: valid 72 hours.
is "$(sed -n 1p "$WORK/out")" \
    "invitation for Sarah Chen (schen), valid until 2026-11-26 00:00 UTC:" \
    "it names the person and when the link expires"
link=$(sed -n 2p "$WORK/out")
printf '%s\n' "$link" | grep -Eq '^  https://reviews\.example\.com/invite/[A-Za-z0-9_-]{43}$'
ok $? "the link is <web url>/invite/ and a 43-character token"
token=${link##*/}
n=$(sqlite3 "$WORK/state/reportpipe.db" "SELECT count(*) FROM invitations WHERE person = 'schen'")
is "$n" 1 "the invitation is stored"
n=$(sqlite3 "$WORK/state/reportpipe.db" "SELECT count(*) FROM invitations WHERE token_sha256 = '$token'")
is "$n" 0 "the token itself is not stored"
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
n=$(sqlite3 "$WORK/state/reportpipe.db" "SELECT count(*) FROM invitations WHERE token_sha256 = '$hash'")
is "$n" 1 "its SHA-256 is"

as rpadmin invite schen >"$WORK/out2" 2>"$WORK/err"
is $? 0 "a second invitation"
n=$(sqlite3 "$WORK/state/reportpipe.db" "SELECT count(*) FROM invitations WHERE person = 'schen' AND used_at IS NULL")
is "$n" 1 "replaces the unused one"

as schen invite schen >"$WORK/out" 2>"$WORK/err"
is $? 4 "a sales rep may not invite (exit 4)"
contains "$WORK/err" "Sarah Chen (schen) may not invite: that takes the role administrator" \
    "the refusal says why"
as rpadmin invite nobody >"$WORK/out" 2>"$WORK/err"
is $? 1 "an unknown person is bad input (exit 1)"
contains "$WORK/err" "nobody with the person id 'nobody'" "the error names it"

as rpadmin audit >"$WORK/audit" 2>&1
grep "	invite	refused	" "$WORK/audit" | grep -q "	cli$"
ok $? "the refusal is audited, from the command line"
as rpadmin audit --verify >"$WORK/out" 2>&1
is $? 0 "the audit chain holds"
finish
