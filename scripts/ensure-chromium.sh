#!/usr/bin/env bash
# Makes sure Playwright has a Chromium: Debian's package when we can install it with apt
# (machines that cannot download Playwright's own browser), otherwise Playwright's download.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

apt_install() {
  echo "latchkey: installing Debian's chromium for Playwright"
  "$@" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "$@" apt-get install -y -qq --no-install-recommends chromium
}

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt_install env && exit 0
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt_install sudo && exit 0
  fi
fi

echo "latchkey: /usr/bin/chromium not found and apt unavailable; using Playwright's own Chromium"
npx playwright install chromium
