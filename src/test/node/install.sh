#!/usr/bin/env bash
# Installs the Node packages the integration tests drive Parley with (socket.io-client, ws) and axe-core,
# which they load into the browser to audit the page's accessibility,
# exactly as package-lock.json pins them. Maven runs this before the tests (exec-maven-plugin,
# phase generate-test-resources); it skips `npm ci` when node_modules already matches the lock.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: Parley's integration tests run the npm socket.io-client and need Node.js 18+ and npm on PATH." >&2
  echo "       Install them (Debian: apt-get install -y nodejs npm), then run 'mvn -B verify' again." >&2
  exit 1
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'; then
  echo "ERROR: Node.js $(node --version) is too old for socket.io-client 4.8; install Node.js 18 or newer." >&2
  exit 1
fi

stamp=node_modules/.parley-installed-lock
if [[ -f $stamp ]] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
npm ci --no-audit --no-fund
cp package-lock.json "$stamp"
