#!/usr/bin/env bash
# Installs redis-server: the shared-state tests (tests/test_shared_state.py) start one on a unix
# socket in a temporary directory, and a multi-worker deployment (PLANQA_REDIS_URL) uses it.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then
  echo "redis-server already installed"
  exit 0
fi

source "$(dirname "$0")/apt.sh"
apt_install redis-server
