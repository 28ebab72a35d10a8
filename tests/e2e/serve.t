#!/bin/sh
# reportpipe serve with curl: it listens on a free loopback port, answers
# with the security headers, sends a browser without a session to
# sign-in, takes an invitation and a sign-in, refuses a form without or
# with a stale CSRF token, refuses path traversal with 404, a body over
# 1 MiB with 413, a malformed body with 400, approves through the
# workflow (audited "web 127.0.0.1"), cuts a dribbling client, and stops
# on SIGTERM with exit 0.  (The browser-driven test is web.t.)
. "$(dirname "$0")/lib.sh"

if ! command -v curl >/dev/null 2>&1 || ! command -v python3 >/dev/null; then
    echo "1..0 # SKIP needs curl and python3"
    exit 0
fi
plan 34

me=$(id -un)
mkdir -p "$WORK/state" "$WORK/output"
cp -r config "$WORK/config"
# The administrator is whoever runs the test (invite is theirs to make).
sed -i "s/^admin,Riley Morgan,riley.morgan@example.com,rpadmin,/admin,Riley Morgan,riley.morgan@example.com,$me,/" \
    "$WORK/config/people.csv"
O="--state $WORK/state --output $WORK/output --config $WORK/config --input input --templates templates --today 2025-03-01"
token() { "$REPORTPIPE" invite "$1" $O | sed -n 's|.*/invite/||p'; }
T_ADMIN=$(token admin)
T_DANA=$(token dwhitfield)
T_HENRIK=$(token hlind)

: >"$WORK/serve.out"
"$REPORTPIPE" serve --listen 127.0.0.1:0 $O >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
URL=$("$TOP"/tools/listening.sh "$WORK/serve.out" 5 $PID)
case "$URL" in http://127.0.0.1:[1-9]*) ok 0 "listening on $URL" ;;
*) ok 1 "listening line: $(cat "$WORK/serve.out" "$WORK/serve.err")" ;; esac

code() { curl -s --path-as-is -o /dev/null -w '%{http_code}' "$@"; }
csrf_of() { grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
sign_in() { # sign_in JAR WHO PASSWORD [INVITATION]
    curl -s -c "$1" -b "$1" "$URL/sign-in" >/dev/null
    pre=$(awk '$6 == "rp_pre" {print $7}' "$1")
    if [ -n "${4:-}" ]; then
        curl -s -o /dev/null -c "$1" -b "$1" -d "password=$3&password2=$3&csrf=$pre" \
            "$URL/invite/$4"
    fi
    curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$1" -b "$1" \
        -d "who=$2&password=$3&csrf=$pre" "$URL/sign-in"
}

curl -s -D "$WORK/h" -o /dev/null "$URL/sign-in"
contains "$WORK/h" "Content-Security-Policy: default-src 'self'; frame-ancestors 'self'; form-action 'self'" "CSP header"
contains "$WORK/h" "X-Content-Type-Options: nosniff" "nosniff"
contains "$WORK/h" "Cache-Control: no-store" "no-store for HTML"
contains "$WORK/h" "rp_pre=" "a pre-session cookie"
curl -s -D "$WORK/h" -o /dev/null "$URL/review/ACC-1001"
contains "$WORK/h" "Location: /sign-in?next=/review/ACC-1001" "no session: 303 to sign-in with next"

is "$(sign_in "$WORK/a" admin 'right-password-1' "$T_ADMIN")" "303 $URL/" "invitation, then sign-in: 303 to /"
contains "$WORK/a" "rp_session" "session cookie set"
is "$(code -d "password=x1234567890&password2=x1234567890&csrf=x" "$URL/invite/$T_DANA")" 403 "invitation form without the pre-session token: 403"
curl -s -c "$WORK/p" -b "$WORK/p" "$URL/sign-in" >/dev/null
pre=$(awk '$6 == "rp_pre" {print $7}' "$WORK/p")
is "$(code -b "$WORK/p" -d "password=x1234567890&password2=x1234567890&csrf=$pre" "$URL/invite/$T_ADMIN")" 410 "a used invitation: 410"
is "$(code -b "$WORK/p" -d "who=admin&password=wrong-password&csrf=$pre" "$URL/sign-in")" 401 "wrong password: 401"

# The admin requests and submits; Henrik may not approve; Dana does.
C=$(curl -s -b "$WORK/a" "$URL/" | csrf_of)
is "$(code -b "$WORK/a" -d "account=ACC-1001&meeting=2025-04-15" "$URL/request")" 403 "no csrf: 403"
is "$(code -b "$WORK/a" -d "account=ACC-1001&meeting=2025-04-15&csrf=stale$C" "$URL/request")" 403 "stale csrf: 403"
is "$(code -b "$WORK/a" -d "account=ACC-1001&meeting=2025-04-15&csrf=$C" "$URL/request")" 303 "request: 303"
is "$(code -b "$WORK/a" -d "csrf=$C" "$URL/review/ACC-1001/submit")" 303 "submit: 303"
sign_in "$WORK/hj" hlind 'henrik-password' "$T_HENRIK" >/dev/null
C=$(curl -s -b "$WORK/hj" "$URL/" | csrf_of)
is "$(code -b "$WORK/hj" -d "csrf=$C" "$URL/review/ACC-1001/approve")" 403 "a wrong approver: 403"
curl -s -b "$WORK/hj" -d "csrf=$C&comment=no" "$URL/review/ACC-1001/reject" >"$WORK/leak"
curl -s -b "$WORK/hj" -d "csrf=$C&comment=no" "$URL/review/ACC-1002/reject" >>"$WORK/leak"
grep -q "stage\|Platinum\|has no review" "$WORK/leak"
is $? 1 "  told nothing of accounts he may not see (stage, tier, whether one has a request)"
# The page's notice box says only what the server itself wrote.
curl -s -b "$WORK/hj" "$URL/?notice=Enter+your+password+at+evil.example" >"$WORK/forged"
grep -q "evil.example" "$WORK/forged"
is $? 1 "a notice a link makes up is not shown"
sign_in "$WORK/d" dwhitfield 'dana-password' "$T_DANA" >/dev/null
C=$(curl -s -b "$WORK/d" "$URL/" | csrf_of)
is "$(code -b "$WORK/d" -d "csrf=$C&comment=fine" "$URL/review/ACC-1001/approve")" 303 "the designated approver approves"
"$REPORTPIPE" audit ACC-1001 $O >"$WORK/audit" 2>&1
contains "$WORK/audit" "web 127.0.0.1" "the audit says it came from the web"
curl -s -b "$WORK/d" -o "$WORK/final.pdf" "$URL/pdf/ACC-1001/final"
"$REPORTPIPE" verify "$WORK/final.pdf" $O >/dev/null 2>&1
ok $? "the PDF served is the approved final"

bad=0
for p in /pdf/../state/reportpipe.db /pdf/%2e%2e/%2e%2e/final "/pdf/ACC-1001%2f..%2f..%2fstate/final" \
    /pdf/ACC-1001/final%00 /pdf/ACC-1001/other /pdf/ /state/reportpipe.db /output/ //etc/passwd; do
    c=$(code -b "$WORK/d" "$URL$p")
    [ "$c" = 404 ] || { bad=1; echo "# $p: $c"; }
done
ok $bad "path traversal and unknown paths: 404"
is "$(code -b "$WORK/hj" "$URL/pdf/ACC-1001/final")" 404 "a PDF the person may not see: 404"

head -c 2000000 /dev/zero >"$WORK/big"
is "$(code -b "$WORK/a" --data-binary @"$WORK/big" "$URL/request")" 413 "a 2 MB body: 413"
is "$(code -b "$WORK/a" -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big" "$URL/request")" 413 "a 2 MB chunked body: 413"
is "$(code -b "$WORK/a" -H 'Content-Type: multipart/form-data; boundary=xx' --data-binary "$(printf -- '--xx\r\nbroken')" "$URL/request")" 400 "a broken multipart body: 400"

# Guessing: five wrong passwords for a person, then even the right one is
# refused for a while (429), and every failure is in the audit.
for i in 1 2 3 4 5; do sign_in "$WORK/g" dwhitfield "guess-number-$i" >/dev/null; done
is "$(sign_in "$WORK/g" dwhitfield 'dana-password' | cut -d' ' -f1)" 429 \
    "after five wrong passwords: 429, even with the right one"
curl -s -b "$WORK/g" -c "$WORK/g" "$URL/sign-in" >/dev/null
pre=$(awk '$6 == "rp_pre" {print $7}' "$WORK/g")
curl -s -b "$WORK/g" -d "who=dwhitfield&password=dana-password&csrf=$pre" "$URL/sign-in" >"$WORK/locked"
contains "$WORK/locked" "try again in" "  saying when to try again"
"$REPORTPIPE" audit $O >"$WORK/audit" 2>&1
is "$(grep -c "	dwhitfield	sign-in	refused	.*	web 127.0.0.1\$" "$WORK/audit")" 7 \
    "  each refused sign-in of hers is audited with the address"

# Guesses sent all at once count as they arrive, before the slow hash:
# of twelve in parallel for one person, at most five are checked.
guesses=
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    sign_in "$WORK/p$i" hlind "parallel-guess-$i" >"$WORK/p$i.code" &
    guesses="$guesses $!"
done
for g in $guesses; do wait "$g"; done
checked=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    [ "$(cut -d' ' -f1 "$WORK/p$i.code")" = 401 ] && checked=$((checked + 1))
done
is "$checked" 5 \
    "twelve guesses in parallel: five checked (401), the rest refused (429)"

# A header dribbled one byte a second is cut after about 15 s while
# others are served.
python3 - "$URL" >"$WORK/slow" 2>&1 <<'PY' &
import socket, sys, time
host, port = sys.argv[1].split("//")[1].split(":")
s = socket.create_connection((host, int(port)))
t0 = time.time()
answer = b""
for b in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 40:
    try:
        s.send(bytes([b]))
    except OSError:
        break
    time.sleep(1)
    s.settimeout(0.01)
    try:
        got = s.recv(200)
        if not got:
            break
        answer += got
    except socket.timeout:
        pass
    except OSError:
        break
print("cut after %d s, answered %s" % (time.time() - t0,
      answer.split(b"\r\n")[0].decode() or "nothing"))
PY
SLOW=$!
sleep 2
is "$(code "$URL/sign-in")" 200 "others are served while a client dribbles"
wait $SLOW
n=$(sed -n 's/cut after \([0-9]*\) s.*/\1/p' "$WORK/slow")
[ -n "$n" ] && [ "$n" -ge 14 ] && [ "$n" -le 20 ]
ok $? "the dribbling client is cut ($(cat "$WORK/slow"))"
contains "$WORK/slow" "answered HTTP/1.1 408 Request Timeout" "  and told why (408)"

kill -TERM $PID
wait $PID
is $? 0 "SIGTERM: exit 0"
finish
