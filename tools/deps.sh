#!/bin/sh
# Installs the Debian packages reportpipe needs that are not installed yet.
# As root it runs apt-get; otherwise it prints the exact command to run.
# usage: tools/deps.sh install PKG...
set -e
[ "$1" = install ] && shift
missing=
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
    *" installed") ;;
    *) missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "reportpipe needs these Debian packages; as root, run:" >&2
    echo "  apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; fetch them only when needed.
if ! apt-get install -y -q --no-install-recommends $missing; then
    apt-get update -q
    apt-get install -y -q --no-install-recommends $missing
fi
