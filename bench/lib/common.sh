# Shared by run.sh and the target definitions: starting, probing and stopping pinned servers.
# shellcheck shell=bash

SERVER_CORE=${BENCH_SERVER_CORE:-0}
GENERATOR_CORE=${BENCH_GENERATOR_CORE:-1}

# start_server <logfile> <command...>: starts the server pinned to the server core; sets SERVER_PID.
start_server() {
  local log="$1"; shift
  setsid "$BENCH/lib/pinned.sh" "$SERVER_CORE" "$@" >"$log" 2>&1 < /dev/null &
  SERVER_PID=$!
}

# require_free_port <port>: refuses to start when another process already listens there, since the readiness
# probe and the load would otherwise reach that process instead of ours.
require_free_port() {
  if ss -ltn "sport = :$1" | grep -q LISTEN; then
    echo "port $1 is already in use by another process: choose another (NODE_PORT / PARLEY_PORT)" >&2
    return 1
  fi
}

# wait_for_socketio <base url> <seconds>: waits until an Engine.IO polling handshake answers 200.
wait_for_socketio() {
  local url="$1" limit="$2" i
  for ((i = 0; i < limit * 4; i++)); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server exited before it was ready" >&2
      return 1
    fi
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/socket.io/?EIO=4&transport=polling")" == 200 ]]; then
      return 0
    fi
    sleep 0.25
  done
  echo "server not ready within ${limit}s" >&2
  return 1
}

# stop_server: TERM, then KILL after 15 s; only the pid we started.
stop_server() {
  [[ -n "${SERVER_PID:-}" ]] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 60; i++)); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.25
    done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# The reference server's and the contract check's npm packages, and the generator, built when its sources are
# newer than its jar: what a fresh clone lacks before any bench script can run.
prepare_harness() {
  command -v node >/dev/null || { echo "node and npm are needed (the reference server and the contract check)"; return 1; }
  if [[ ! -d "$BENCH/node-server/node_modules/socket.io-client" ]]; then
    (cd "$BENCH/node-server" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
  local jar="$BENCH/loadgen/target/loadgen.jar"
  if [[ ! -f "$jar" ]] || [[ -n "$(find "$BENCH/loadgen/src" "$BENCH/loadgen/pom.xml" -newer "$jar" -print -quit)" ]]; then
    mvn -q -f "$BENCH/loadgen/pom.xml" -DskipTests package || return 1
  fi
}
