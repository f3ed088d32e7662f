#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries for the remote-profile tests (tests/pg_support.py starts
# a throwaway server from them in a temporary directory; the packaged cluster is not used).
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgresql already installed"
  exit 0
fi

source "$(dirname "$0")/apt.sh"
apt_install postgresql
