#!/usr/bin/env bash
# Installs what the browser tests (pytest -m browser) need on a fresh Debian machine:
# Debian's Chromium, driven by Playwright for Python through executable_path=/usr/bin/chromium
# (`playwright install` cannot download browsers here), and a font with Vietnamese glyphs.
set -euo pipefail

if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi dejavu; then
  echo "chromium and fonts already installed"
  exit 0
fi

source "$(dirname "$0")/apt.sh"
apt_install chromium fonts-dejavu-core
