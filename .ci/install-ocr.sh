#!/usr/bin/env bash
# Installs what reading scans and legacy Word files needs on a fresh Debian machine: Tesseract with
# its Vietnamese model and orientation detector (OCR of scanned PDFs and images), and antiword
# (Word 97-2003 .doc). All are small Debian packages; nothing is downloaded at run time.
set -euo pipefail

have_all() {
  command -v tesseract >/dev/null 2>&1 && command -v antiword >/dev/null 2>&1 \
    && tesseract --list-langs 2>/dev/null | grep -qx vie \
    && tesseract --list-langs 2>/dev/null | grep -qx osd
}

if have_all; then
  echo "tesseract (vie, osd) and antiword already installed"
  exit 0
fi

source "$(dirname "$0")/apt.sh"
apt_install tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd antiword
