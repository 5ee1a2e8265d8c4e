# Parley on Payara Micro, one core. Everything target-specific the harness needs is in this file; the
# variables below can all be overridden from the environment.
# shellcheck shell=bash
REPO="$(cd "$BENCH/.." && pwd)"
PARLEY_MICRO_JAR=${PARLEY_MICRO_JAR:-$REPO/target/payara-micro.jar}
PARLEY_WAR=${PARLEY_WAR:-$REPO/target/parley.war}
TARGET_PORT=${PARLEY_PORT:-8080}
TARGET_URL="http://127.0.0.1:$TARGET_PORT"

# --- The auth hook -----------------------------------------------------------------------------------------
# How each bench connection authenticates (the generator's --auth, see loadgen ConnectionAuth):
#   token-endpoint  (default) users bench-0..POOL-1 sign up (BENCH_SIGNUP=1), then POST /api/auth/token
#                   {username,password} once each before a phase; CONNECT carries auth { token }.
#   login           the same users log in with POST /api/auth/login; the session cookie goes on the upgrade.
#   token:<tmpl>    a fixed bench token accepted by the server, %u = user name, e.g. token:bench.%u
TARGET_AUTH=${PARLEY_AUTH:-token-endpoint}
# Users are shared round-robin by connection index: 2000 covers 2 x 1000 with one user per connection.
TARGET_USER_POOL=${PARLEY_USER_POOL:-2000}
export BENCH_SIGNUP=${BENCH_SIGNUP:-1}
export BENCH_PASSWORD=${BENCH_PASSWORD:-bench-password-0}
TARGET_ACK_VARIANTS=${PARLEY_ACK_VARIANTS:-"ack ack-pg"}

# Bench-only server settings. Sign-up on, a fixed token secret (tokens stay valid across the restarts between
# phases), fewer PBKDF2 iterations so preparing 2 000 users takes seconds (login is never inside a
# measurement), and the per-user flood limit (default 10 messages/s) and the per-connection packet budget
# (default 100 packets/s) raised far above what a bench sender sends (140 a second at 7 000 sent/s in
# 10 x 50, which the budget refused on 2026-12-02), so no limit rejects bench traffic: Node's has none.
# Extra JVM or Parley options: PARLEY_JAVA_OPTS; H2 URL options: PARLEY_H2_OPTIONS (";WRITE_DELAY=500" was
# H2's own default, before Parley wrote each commit through).
PARLEY_BENCH_PROPS=(
  -Dparley.auth.signup-enabled=true
  -Dparley.chat.rate-limit=100000
  -Dparley.packet-rate-limit=100000
  -Dparley.auth.token-secret=bench-secret-0123456789abcdefghijklmnop
  -Dparley.auth.pbkdf2-iterations=1024
  -Dparley.demo.enabled=false
)

# war_check: what any server running Parley's WAR needs here: the WAR, and jq for the bench rooms.
war_check() {
  [[ -f "$PARLEY_WAR" ]] || { echo "no $PARLEY_WAR (mvn package, or set PARLEY_WAR)"; return 1; }
  command -v jq >/dev/null || { echo "jq is needed to create the bench rooms (apt-get install jq)"; return 1; }
}

target_check() {
  [[ -f "$PARLEY_MICRO_JAR" ]] || { echo "no $PARLEY_MICRO_JAR (build Parley first, or set PARLEY_MICRO_JAR)"; return 1; }
  war_check
}

target_version() {
  echo "Parley $(basename "$PARLEY_WAR") on $(basename "$PARLEY_MICRO_JAR"), $(java -version 2>&1 | head -1)"
}

# database_options <variant> <h2 dir>: sets the array db to the JVM options of the variant's database: the
# ack-pg variant stores in PostgreSQL (started here), every other one in H2, a file under the run directory
# kept across the phases of one run so users and rooms persist.
database_options() {
  db=(-Dparley.db.url="jdbc:h2:file:$RUN_DIR/$2/parley${PARLEY_H2_OPTIONS:-}")
  if [[ "$1" == ack-pg ]]; then
    "$BENCH/lib/postgres.sh" start || return 1
    db=(-Dparley.db.url="$("$BENCH/lib/postgres.sh" url)" -Dparley.db.user=parley -Dparley.db.password=parley)
  fi
}

# target_start <variant> <logfile>
target_start() {
  local variant="$1" log="$2" db
  require_free_port "$TARGET_PORT" || return 1
  database_options "$variant" parley-h2 || return 1
  # shellcheck disable=SC2086 # PARLEY_JAVA_OPTS is a list of options
  start_server "$log" java -XX:ActiveProcessorCount=1 ${PARLEY_JAVA_OPTS:-} "${PARLEY_BENCH_PROPS[@]}" "${db[@]}" \
    -jar "$PARLEY_MICRO_JAR" --deploy "$PARLEY_WAR" --port "$TARGET_PORT" --contextroot / --nocluster \
    --prebootcommandfile "$REPO/server-config/payara-pre-boot.asadmin" --postbootcommandfile "$REPO/server-config/payara-post-boot.asadmin"
  wait_for_socketio "$TARGET_URL" 180
}

# bench_token <user>: signs the user up (an existing account is fine) and prints a token for it.
bench_token() {
  local body="{\"username\":\"$1\",\"password\":\"$BENCH_PASSWORD\"}"
  curl -s -o /dev/null -H 'Content-Type: application/json' -d "$body" "$TARGET_URL/api/auth/signup" || true
  curl -sf -H 'Content-Type: application/json' -d "$body" "$TARGET_URL/api/auth/token" | jq -er .token
}

# target_prepare <rooms file> <phase>: makes sure public rooms bench-<phase>-0..19 exist and writes their ids,
# one a line, in that order (join-room takes the room id); sets CHECK_AUTH_A/B for the contract check.
# Rooms of their own per phase: the database lives through the run, and members that earlier phases left in
# a room would get notifications there, work the Node reference (with its empty rooms) never does. For the
# same reason the rooms' creator (a room's first member) and the contract check's two users are accounts
# outside the load's pool: bench-0 creating all 20 rooms was told of every message in the 19 it was not in.
target_prepare() {
  local file="$1" prefix="bench-${2:-run}" token rooms id r
  token=$(bench_token bench-owner) \
    || { echo "cannot get a token for bench-owner from $TARGET_URL/api/auth/token" >&2; return 1; }
  CHECK_AUTH_A="{\"token\":\"$(bench_token bench-check-a)\"}"
  CHECK_AUTH_B="{\"token\":\"$(bench_token bench-check-b)\"}"
  rooms=$(curl -sf -H "Authorization: Bearer $token" "$TARGET_URL/api/rooms") \
    || { echo "GET /api/rooms failed" >&2; return 1; }
  : > "$file"
  for r in $(seq 0 19); do
    id=$(jq -r --arg n "$prefix-$r" '.[] | select(.name == $n) | .id' <<<"$rooms" | head -1)
    if [[ -z "$id" ]]; then
      id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$prefix-$r\",\"visibility\":\"public\"}" "$TARGET_URL/api/rooms" | jq -r .id) \
        || { echo "POST /api/rooms failed for $prefix-$r" >&2; return 1; }
    fi
    echo "$id" >> "$file"
  done
}

target_stop() {
  stop_server
  "$BENCH/lib/postgres.sh" stop || true
}
