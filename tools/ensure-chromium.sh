#!/bin/sh
# Makes sure Debian's Chromium is there for the browser tests: installs it through apt when it
# is missing and we are root, and otherwise says exactly what to run.
set -eu
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "The browser tests need Debian's Chromium. Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-liberation" >&2
    exit 1
fi
echo "Installing Debian's Chromium for the browser tests (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-liberation; }
chromium --version
