#!/bin/sh
# What the browser test of the intranet page needs (tests/e2e/web.t):
# Debian's chromium, Node.js with npm, and playwright-core from the npm
# registry at the version tests/web/package-lock.json pins.  Never a
# browser download: playwright-core has none, and the test launches
# /usr/bin/chromium.  Node.js may come from Debian (nodejs + npm) or be
# there already with its own npm (then Debian's npm would conflict with
# it, so it is not asked for).
set -e
cd "$(dirname "$0")/.."
need=chromium
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
tools/deps.sh install $need
# node_modules is made again only when the lock file changed.
stamp=tests/web/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ tests/web/package-lock.json -nt "$stamp" ]; then
    echo "installing tests/web's npm packages (npm ci)" >&2
    (cd tests/web && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
