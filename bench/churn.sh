#!/usr/bin/env bash
# Does anything stay behind when clients leave? Starts a JVM target with short timeouts, runs one round of
# bench/churn.mjs to warm it, waits out the timeouts and takes the live heap's class histogram; then runs
# more rounds, waits again, takes it again, and prints every class whose live instances grew by at least
# one per round. A connection's own objects (its socket, session, timers, room entries) must not.
# HTTP sessions from the cookie logins do grow: they live to their own timeout (30 min), as they should.
#
#   bench/churn.sh [parley|wildfly] [rounds, default 4] [clients per round, default 240]
set -uo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
TARGET=${1:-parley}
ROUNDS=${2:-4}
CLIENTS=${3:-240}
# shellcheck source=lib/common.sh
source "$BENCH/lib/common.sh"
RUN_DIR="$BENCH/results/$(date +%Y%m%d-%H%M%S)-churn-$TARGET"
mkdir -p "$RUN_DIR"
# shellcheck source=/dev/null
source "$BENCH/targets/$TARGET.sh"
target_check || exit 1
[[ -d "$BENCH/../src/test/node/node_modules/socket.io-client" ]] \
  || (cd "$BENCH/../src/test/node" && npm ci --no-audit --no-fund --loglevel=error) || exit 1

# Every timeout that ends a gone client's state, short, so the wait after a round is short too.
export PARLEY_JAVA_OPTS="${PARLEY_JAVA_OPTS:-} -Dparley.ping-interval=2000 -Dparley.ping-timeout=2000 \
 -Dparley.connect-timeout=3000 -Dparley.connection-state-recovery=5000 -Dparley.admin.password=churn-admin-0"
SETTLE=${CHURN_SETTLE:-20}
trap 'target_stop' EXIT
target_start churn "$RUN_DIR/server.log" || { tail -20 "$RUN_DIR/server.log"; exit 1; }
pid=$(ss -tlnpH "( sport = :$TARGET_PORT )" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)

histogram() { # live objects only: GC.class_histogram collects first
  jcmd "$pid" GC.class_histogram | awk 'NR > 2 && $4 != "" { print $4, $2 }' | sort > "$1"
}

URL="$TARGET_URL" ROUNDS=1 CLIENTS="$CLIENTS" node "$BENCH/churn.mjs" || exit 1
sleep "$SETTLE"
histogram "$RUN_DIR/before.txt"
URL="$TARGET_URL" ROUNDS="$ROUNDS" CLIENTS="$CLIENTS" node "$BENCH/churn.mjs" | tee "$RUN_DIR/churn.txt" || exit 1
sleep "$SETTLE"
histogram "$RUN_DIR/after.txt"

echo "== live instances grown by at least $ROUNDS over $ROUNDS rounds of $CLIENTS clients (class before after)"
join -a 2 -e 0 -o 0,1.2,2.2 "$RUN_DIR/before.txt" "$RUN_DIR/after.txt" \
  | awk -v r="$ROUNDS" '$3 - $2 >= r { print }' | sort -k3,3nr | tee "$RUN_DIR/grown.txt"
echo "== Parley's classes among them"
grep '^dev\.parley\.' "$RUN_DIR/grown.txt" || echo "(none)"
echo "results: $RUN_DIR"
