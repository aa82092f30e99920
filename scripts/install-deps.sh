#!/bin/sh
# Installs the Debian packages the embedded target needs, for machines where `npm ci` has not
# run yet (`npx k2-chaos install-deps` does the same once it has). Keep the list in step with
# EMBEDDED_PACKAGES in src/targets/embedded/cli/install-deps.ts; a test compares them.
set -eu

if [ "$(id -u)" != 0 ]; then
  echo "install-deps.sh: apt-get needs root; run it with sudo" >&2
  exit 1
fi

postgres=postgresql-15
if [ -z "$(apt-cache show "$postgres" 2>/dev/null)" ]; then postgres=postgresql; fi

PACKAGES="clickhouse-server $postgres iproute2 util-linux e2fsprogs iptables kcat chromium"
MISSING=""
for p in $PACKAGES; do
  if [ "${1:-}" != "--dry-run" ] && dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then continue; fi
  MISSING="$MISSING $p"
done
if [ -z "$MISSING" ]; then echo "install-deps.sh: already installed: $PACKAGES"; exit 0; fi
echo "install-deps.sh: apt-get update && apt-get install -y --no-install-recommends$MISSING"
if [ "${1:-}" = "--dry-run" ]; then exit 0; fi
# A fresh machine has no package lists yet; without them apt-get finds nothing to install.
DEBIAN_FRONTEND=noninteractive apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $MISSING
