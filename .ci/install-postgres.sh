#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries for the remote-profile tests (tests/pg_support.py starts
# a throwaway server from them in a temporary directory; the packaged cluster is not used).
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgresql already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends postgresql
