# TAP helpers for the end-to-end tests (sourced; POSIX sh).
# The Makefile sets REPORTPIPE (the binary under test), TOP (the checkout)
# and GEN_SAMPLE (the sample data generator).
set -u
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${REPORTPIPE:=$TOP/build/release/reportpipe}"
: "${GEN_SAMPLE:=$TOP/build/release/gen-sample}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795392000}" # 2026-11-23 00:00 UTC
TEST_NUMBER=0
FAILED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/reportpipe-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$TOP"

plan() { echo "1..$1"; }

ok() { # ok CONDITION-EXIT-STATUS DESCRIPTION
    TEST_NUMBER=$((TEST_NUMBER + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $TEST_NUMBER - $2"
    else
        echo "not ok $TEST_NUMBER - $2"
        FAILED=$((FAILED + 1))
    fi
}

is() { # is GOT EXPECTED DESCRIPTION
    if [ "$1" = "$2" ]; then
        ok 0 "$3"
    else
        ok 1 "$3"
        echo "#   got:      '$1'"
        echo "#   expected: '$2'"
    fi
}

contains() { # contains FILE TEXT DESCRIPTION
    if grep -qF -- "$2" "$1"; then
        ok 0 "$3"
    else
        ok 1 "$3"
        echo "#   '$2' not found in $1"
    fi
}

pdf_pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# Prints the text of page $2 of PDF $1.
pdf_page_text() { pdftotext -f "$2" -l "$2" -layout "$1" - 2>/dev/null; }

finish() { exit $((FAILED > 0)); }
