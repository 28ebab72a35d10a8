# What the workflow's end-to-end tests share (sourced after lib.sh): the
# program's people as real OS users in one group, and a copy of the
# binary, exports, templates and configuration they can all read (the
# checkout may sit where they cannot, /root say), with the store and the
# documents shared through the group as docs/workflow.md sets them up.
# These tests make users with useradd, so they need root (as CI is).

# Skips the whole test unless root.
workflow_need_root() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "1..0 # SKIP needs root to create the program's OS users"
        exit 0
    fi
}

# workflow_setup LOGIN...: the users, in group $GROUP, and the copy in
# $WORK/top (the working directory afterwards); sets REPORTPIPE to the
# copy, S to the store and O to the common options.
workflow_setup() {
    GROUP=rpworkflow
    getent group "$GROUP" >/dev/null || groupadd "$GROUP"
    for u in "$@"; do
        id "$u" >/dev/null 2>&1 || useradd -M -N -s /bin/sh "$u"
        usermod -a -G "$GROUP" "$u"
    done
    chmod 755 "$WORK"
    mkdir -p "$WORK/top/bin"
    cp "$REPORTPIPE" "$WORK/top/bin/reportpipe"
    cp -r input templates config "$WORK/top/"
    mkdir -p "$WORK/top/pipeline/import"
    cp -r pipeline/import/profiles "$WORK/top/pipeline/import/"
    chmod -R a+rX "$WORK/top"
    cd "$WORK/top" || exit 1
    REPORTPIPE="$WORK/top/bin/reportpipe"
    mkdir -p "$WORK/state" "$WORK/output"
    chgrp "$GROUP" "$WORK/state" "$WORK/output"
    chmod 2770 "$WORK/state" "$WORK/output"
    O="--state $WORK/state --output $WORK/output --input input --config config --templates templates"
    S="$WORK/state/reportpipe.db"
}

# as_user LOGIN PROGRAM ARGS...: runs it as that OS user, with the test's
# clock (SOURCE_DATE_EPOCH) and nothing of root's environment that matters.
as_user() {
    _u=$1
    shift
    setpriv --reuid="$(id -u "$_u")" --regid="$(id -g "$_u")" --init-groups \
        env HOME="$WORK" TMPDIR="$WORK" SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" "$@"
}

# try EXPECTED-EXIT DESCRIPTION ARGS...: runs `as ARGS...` (each test
# defines as) into $WORK/out and $WORK/err and checks its exit status,
# showing what it said when it is not the one expected.
try() {
    _want=$1 _desc=$2
    shift 2
    as "$@" >"$WORK/out" 2>"$WORK/err"
    _got=$?
    is "$_got" "$_want" "$_desc"
    [ "$_got" = "$_want" ] || sed 's/^/#   /' "$WORK/err" "$WORK/out"
}
