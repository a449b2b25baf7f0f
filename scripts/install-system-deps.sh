#!/usr/bin/env bash
# Installs the Debian packages the tests need: PostgreSQL with PostGIS, Chromium for browser tests and the PDF
# brief, and GDAL, gpsbabel and poppler, which read the exports back.
# Idempotent and non-interactive: installs only what is missing, and runs `apt-get update` only then.
# Usage: sudo bash scripts/install-system-deps.sh
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(postgresql postgresql-15-postgis-3 chromium gdal-bin gpsbabel poppler-utils)

missing=()
for p in "${PACKAGES[@]}"; do
  # dpkg -s also lists removed-but-configured packages; require "install ok installed"
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ]; then
    echo "install-system-deps: $p already installed ($(dpkg-query -W -f='${Version}' "$p"))"
  else
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-system-deps: nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: missing packages: ${missing[*]}" >&2
  echo "install-system-deps: run as root to install them: sudo bash scripts/install-system-deps.sh" >&2
  exit 1
fi

echo "install-system-deps: installing ${missing[*]}"
apt-get update -q
# Don't let the package's maintainer scripts start a system PostgreSQL cluster/service: the tests start their own.
policy_rc=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy_rc" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy_rc"
  chmod +x "$policy_rc"
  created_policy=1
fi
trap 'if [ "$created_policy" = 1 ]; then rm -f "$policy_rc"; fi' EXIT
apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
for p in "${missing[@]}"; do
  echo "install-system-deps: installed $p ($(dpkg-query -W -f='${Version}' "$p"))"
done
