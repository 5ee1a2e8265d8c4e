# The Node reference: stock socket.io 4.8 (bench/node-server), Parley's event contract, no persistence.
# shellcheck shell=bash
TARGET_PORT=${NODE_PORT:-3100}
TARGET_URL="http://127.0.0.1:$TARGET_PORT"
TARGET_AUTH=name          # CONNECT auth { name: "bench-<n>" }
TARGET_USER_POOL=0        # every connection its own user
TARGET_ACK_VARIANTS="ack" # no persistence, so one ack figure

target_check() {
  [[ -d "$BENCH/node-server/node_modules/socket.io" ]] || { echo "bench/node-server has no node_modules"; return 1; }
}

target_version() {
  echo "node $(node --version), socket.io $(node -p "require('$BENCH/node-server/node_modules/socket.io/package.json').version")"
}

# target_start <variant> <logfile>
target_start() {
  require_free_port "$TARGET_PORT" || return 1
  NODE_ENV=production start_server "$2" node "$BENCH/node-server/server.js" "$TARGET_PORT"
  wait_for_socketio "$TARGET_URL" 20
}

# target_prepare <rooms file>: room ids for the generator (none: the reference creates rooms on join), and
# CHECK_AUTH_A/B, CONNECT auth payloads of two users for the contract check.
target_prepare() {
  rm -f "$1"
  CHECK_AUTH_A='{"name":"check-a"}'
  CHECK_AUTH_B='{"name":"check-b"}'
}

target_stop() {
  stop_server
}
