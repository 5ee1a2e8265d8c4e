# Parley's same WAR on WildFly (Undertow), one core: the second server Parley supports, measured under the
# same load. Users, rooms, tokens and the bench settings are parley.sh's; only the server differs.
#   bench/run.sh --targets "node wildfly"     WildFly beside Node (the ratio column is wildfly / node)
# The WildFly is the one Maven unpacks for the ITs (mvn verify, or mvn -Pwildfly ... see pom.xml), or
# WILDFLY_HOME. JVM: its own options only (no standalone.conf sizing), so the heap is sized like Payara's.
# shellcheck shell=bash
# shellcheck source=parley.sh
source "$BENCH/targets/parley.sh"
WILDFLY_HOME=${WILDFLY_HOME:-$(ls -d "$REPO"/target/wildfly/wildfly-* 2>/dev/null | head -1)}
TARGET_PORT=${WILDFLY_PORT:-8180}
TARGET_URL="http://127.0.0.1:$TARGET_PORT"

target_check() {
  [[ -n "$WILDFLY_HOME" && -x "$WILDFLY_HOME/bin/standalone.sh" ]] \
    || { echo "no WildFly under target/wildfly (mvn verify unpacks it) and no WILDFLY_HOME"; return 1; }
  war_check
}

target_version() {
  echo "Parley $(basename "$PARLEY_WAR") on $(basename "$WILDFLY_HOME"), $(java -version 2>&1 | head -1)"
}

# target_start <variant> <logfile>: a fresh copy of WildFly's standalone directory per start (the database
# is not in it), the WAR as ROOT.war at /, so the welcome page's location at / is taken out of the copy.
target_start() {
  local variant="$1" log="$2" base="$RUN_DIR/wildfly-base" i java_pid db
  require_free_port "$TARGET_PORT" || return 1
  rm -rf "$base" && cp -r "$WILDFLY_HOME/standalone" "$base" || return 1
  sed -i '/<location name="\/" handler="welcome-content"\/>/d' "$base/configuration/standalone.xml"
  # WILDFLY_IO_THREADS: Undertow's I/O threads (XNIO's default: two per core)
  if [[ -n "${WILDFLY_IO_THREADS:-}" ]]; then
    sed -i "s|<worker name=\"default\"/>|<worker name=\"default\" io-threads=\"$WILDFLY_IO_THREADS\"/>|" \
      "$base/configuration/standalone.xml"
  fi
  cp "$PARLEY_WAR" "$base/deployments/ROOT.war"
  database_options "$variant" wildfly-h2 || return 1
  # Management on the port after HTTP's; HTTPS and AJP far from both. standalone.sh runs the JVM as its
  # child (after some short "java -version" probes): SERVER_PID becomes the JVM's, the process whose CPU and
  # memory the generator reads.
  JAVA_OPTS="-XX:ActiveProcessorCount=1 ${PARLEY_JAVA_OPTS:-} -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true" \
    start_server "$log" bash "$WILDFLY_HOME/bin/standalone.sh" -Djboss.server.base.dir="$base" \
    -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 -Djboss.http.port="$TARGET_PORT" \
    -Djboss.management.http.port=$((TARGET_PORT + 1)) -Djboss.https.port=$((TARGET_PORT + 363)) \
    -Djboss.ajp.port=$((TARGET_PORT + 9)) -Djboss.management.https.port=$((TARGET_PORT + 2)) \
    "${PARLEY_BENCH_PROPS[@]}" "${db[@]}"
  for ((i = 0; i < 100; i++)); do
    java_pid=$(pgrep -P "$SERVER_PID" -f jboss-modules.jar | head -1 || true)
    [[ -n "$java_pid" ]] && break
    sleep 0.1
  done
  [[ -n "$java_pid" ]] || { echo "WildFly's JVM did not start" >&2; return 1; }
  SERVER_PID=$java_pid
  wait_for_socketio "$TARGET_URL" 180
}
