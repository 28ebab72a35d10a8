#!/bin/sh
# valgrind memcheck over the end-to-end run on the sample data: no invalid
# access, no definite or indirect leak of ours.  Library caches that live
# for the whole process are suppressed in tests/valgrind.supp.
# usage: tools/valgrind.sh BINARY
set -eu
bin=${1:-build/release/reportpipe}
out=$(mktemp -d "${TMPDIR:-/tmp}/reportpipe-valgrind.XXXXXX")
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795392000}
valgrind --quiet --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    --suppressions=tests/valgrind.supp \
    "$bin" run -q --input input --output "$out"
# Every renderer feature file, streamed from disk.
for fo in tests/e2e/fo/*.fo; do
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect \
        --suppressions=tests/valgrind.supp \
        "$bin" render -q "$fo" "$out/$(basename "$fo" .fo).pdf"
done
# The review workflow, one person in every role, from request to delivery,
# and the run that then keeps the approved review.
vg() {
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect \
        --suppressions=tests/valgrind.supp "$bin" "$@" \
        --state "$out/state" --config "$out/config" --output "$out/wf" \
        >/dev/null
}
mkdir -p "$out/config"
cp config/sla.xml config/health.xml config/account-map.csv \
    config/workflow.xml "$out/config/"
# One person in every role, and the contributor the shipped workflow.xml
# names for its sections.
printf 'person,name,email,login,role,approves\nall,Al L,al@example.com,%s,%s,*\ntnguyen,Thao Nguyen,thao@example.com,tnguyen,contributor,\n' \
    "$(id -un)" "administrator;sales-rep;contributor;approver" \
    >"$out/config/people.csv"
printf 'A year of steady growth.\n' >"$out/summary.txt"
vg request ACC-1001 --meeting 2026-12-15
vg contribute ACC-1001 --section executive-summary "$out/summary.txt"
vg submit ACC-1001
vg status --json
vg approve ACC-1001 --comment "Ready."
vg verify "$out/wf/approved/ACC-1001/2026-v1.pdf"
vg deliver ACC-1001
vg audit --verify
vg run -q --input input
# Transforms stopped by their budget: libxslt unwinds without an invalid
# access and leaves nothing behind.  Exit 1 is the expected error.
mkdir -p "$out/limits"
printf '<limits><transform seconds="2" memory-mb="32"/></limits>\n' \
    >"$out/limits/limits.xml"
printf '<x/>\n' >"$out/x.xml"
for xsl in tests/e2e/budget/*.xsl; do
    rc=0
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect \
        --suppressions=tests/valgrind.supp \
        "$bin" transform -q --config "$out/limits" -o "$out/x.fo" "$xsl" \
        "$out/x.xml" 2>"$out/budget.log" || rc=$?
    if [ "$rc" -ne 1 ]; then
        cat "$out/budget.log"
        echo "valgrind: $xsl: exit $rc, expected 1" >&2
        exit 1
    fi
done
# The intranet page: an invitation, a password, sign-in, every page, the
# PDF, a refused path, a decision that renders the final, then SIGTERM.
if command -v curl >/dev/null 2>&1; then
    vg request ACC-1003 --meeting 2026-12-15
    vg submit ACC-1003
    token=$("$bin" invite all --state "$out/state" --config "$out/config" \
        --output "$out/wf" | sed -n 's|.*/invite/||p')
    # The server's clock is the commands' (SOURCE_DATE_EPOCH's day).
    today=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
    : >"$out/serve.out"
    valgrind --quiet --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect \
        --suppressions=tests/valgrind.supp "$bin" serve --listen 127.0.0.1:0 \
        --today "$today" --state "$out/state" --config "$out/config" --output "$out/wf" \
        >"$out/serve.out" 2>"$out/serve.err" &
    server=$!
    url=$(tools/listening.sh "$out/serve.out" 60 $server)
    jar="$out/jar"
    csrf() { grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
    t=$(curl -s -c "$jar" -b "$jar" "$url/invite/$token" | csrf)
    curl -s -o /dev/null -c "$jar" -b "$jar" -d "password=valgrind-pass-1&password2=valgrind-pass-1&csrf=$t" "$url/invite/$token"
    t=$(curl -s -c "$jar" -b "$jar" "$url/sign-in" | csrf)
    curl -s -o /dev/null -c "$jar" -b "$jar" -d "who=all&password=valgrind-pass-1&csrf=$t" "$url/sign-in"
    for p in / /review/ACC-1003 /history /contribute/ACC-1003/plan-next-year \
        /pdf/ACC-1003/draft /pdf/../../etc/passwd /style.css; do
        curl -s --path-as-is -o /dev/null -b "$jar" "$url$p"
    done
    t=$(curl -s -b "$jar" "$url/review/ACC-1003" | csrf)
    curl -s -o /dev/null -b "$jar" -d "comment=fine&csrf=$t" "$url/review/ACC-1003/approve"
    curl -s -o /dev/null -b "$jar" "$url/pdf/ACC-1003/final"
    kill -TERM "$server"
    rc=0
    wait "$server" || rc=$?
    if [ "$rc" -ne 0 ] || [ -z "$url" ]; then
        cat "$out/serve.err"
        echo "valgrind: serve: exit $rc" >&2
        exit 1
    fi
    [ -f "$out/wf/approved/ACC-1003/2026-v1.pdf" ] || {
        echo "valgrind: serve: the approval in the browser made no final" >&2
        exit 1
    }
fi
echo "valgrind: clean ($bin run on input/, render of tests/e2e/fo/*.fo, the workflow from request to delivery, the intranet page from invitation to approval, transforms stopped by their budget)"
