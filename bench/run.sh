#!/usr/bin/env bash
# Parley's benchmarks: the Node Socket.IO reference and Parley, one after the other, under identical load, on
# this machine. Server pinned to core 0, load generator to core 1: each has ONE core. See bench/README.md.
#
#   bench/run.sh                      full run, both targets (~25 min)
#   bench/run.sh --quick              smoke run, small sweeps (~1-2 min per target)
#   bench/run.sh --targets node       only some targets (names of files in bench/targets/)
#   bench/run.sh --phases "idle ack"  only some phases (idle a10x50 b2x1000 ack)
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
MODE=full
TARGETS="node parley"
PHASES="idle a10x50 b2x1000 ack"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) MODE=quick ;;
    --targets) TARGETS="$2"; shift ;;
    --phases) PHASES="$2"; shift ;;
    *) echo "usage: $0 [--quick] [--targets \"node parley\"] [--phases \"idle a10x50 b2x1000 ack\"]" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=lib/common.sh
source "$BENCH/lib/common.sh"
RUN_DIR="$BENCH/results/$(date +%Y%m%d-%H%M%S)-$MODE"
mkdir -p "$RUN_DIR"
exec > >(tee "$RUN_DIR/output.txt") 2>&1

# --- Load per phase. Rates are messages SENT per second; each is delivered to every member of its room. ---
# The warm-up is long because a freshly started JVM spends much of its one core in the JIT compiler for its
# first minutes (profiled: two thirds of the CPU in C2 during a 5 s warm-up, still a third 100-160 s after the
# start; C2 compilations fall to about one a second only after some 200 s); steady state is what counts.
# The ack phase measures at a light load first (acks when the server keeps up), then at the target's 2 000/s.
IDLE_CONNECTIONS=10000
if [[ $MODE == full ]]; then
  IDLE=(--connections $IDLE_CONNECTIONS --max-in-flight 500 --settle-seconds ${BENCH_IDLE_SETTLE:-3})
  SWEEP=(--sweep-factor 1.25 --sweep-steps 16 --bisect 2 --step-seconds 5 --retries 1 --max-seconds 210)
  A=(--warmup-rate 200 --warmup-seconds 90 --fixed-rate 500 --fixed-seconds 6 --fixed-repeats 3 --sweep-start 600)
  B=(--warmup-rate 10 --warmup-seconds 90 --fixed-rate 25 --fixed-seconds 6 --fixed-repeats 3 --sweep-start 30)
  ACK=(--warmup-rate 300 --warmup-seconds 90 --light-rate 300 --fixed-rate 2000 --fixed-seconds 8 --fixed-repeats 3)
else
  IDLE_CONNECTIONS=2000
  IDLE=(--connections $IDLE_CONNECTIONS --max-in-flight 500 --settle-seconds 1)
  SWEEP=(--sweep-factor 1.6 --sweep-steps 6 --bisect 0 --step-seconds 2 --retries 0 --max-seconds 90)
  A=(--warmup-rate 200 --warmup-seconds 10 --fixed-rate 500 --fixed-seconds 3 --sweep-start 600)
  B=(--warmup-rate 10 --warmup-seconds 10 --fixed-rate 25 --fixed-seconds 3 --sweep-start 30)
  ACK=(--warmup-rate 300 --warmup-seconds 10 --light-rate 300 --fixed-rate 2000 --fixed-seconds 5)
fi
A_POP=(--scenario a10x50 --rooms 10 --members 50 --probes 3 --senders 5)
B_POP=(--scenario b2x1000 --rooms 2 --members 1000 --probes 5 --senders 10)
ACK_POP=(--rooms 20 --members 10 --probes 1 --senders 10)

# --- Open files: 10 000 connections need that many descriptors in the server and in the generator. ---
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (( $(ulimit -n) < IDLE_CONNECTIONS + 1000 )); then
  echo "open-file limit $(ulimit -n) is below $((IDLE_CONNECTIONS + 1000)); the idle phase may fail (raise ulimit -Hn)"
fi

prepare_harness || exit 1
JAR="$BENCH/loadgen/target/loadgen.jar"

generator() {
  local phase="$1"; shift
  # shellcheck disable=SC2086 # BENCH_GENERATOR_OPTS is a list of JVM options (e.g. -Xlog:gc)
  setsid "$BENCH/lib/pinned.sh" "$GENERATOR_CORE" java -XX:ActiveProcessorCount=1 -Xms1g -Xmx1g ${BENCH_GENERATOR_OPTS:-} \
    -jar "$JAR" "$phase" \
    --url "$TARGET_URL" --auth "$TARGET_AUTH" --user-pool "$TARGET_USER_POOL" --server-pid "$SERVER_PID" \
    --server-core "$SERVER_CORE" --generator-core "$GENERATOR_CORE" "$@" < /dev/null
}

cleanup() { stop_server; }
trap cleanup EXIT

echo "== Parley bench ($MODE) $(date -u +%FT%TZ) =="
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r)"
echo "pinning: server on core $SERVER_CORE, load generator on core $GENERATOR_CORE: each has ONE core."
echo "         Both run in their own scheduler autogroup at nice ${BENCH_AUTOGROUP_NICE:--20}; 'others' columns show the share"
echo "         of each core that other processes still took (this machine may be shared)."
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

for target in $TARGETS; do
  # shellcheck source=/dev/null
  source "$BENCH/targets/$target.sh"
  if ! reason=$(target_check); then
    echo "## $target: skipped: $reason"
    echo
    continue
  fi
  OUT="$RUN_DIR/$target"
  mkdir -p "$OUT"
  echo "## $target: $(target_version), $TARGET_URL, auth $TARGET_AUTH"
  for phase in $PHASES; do
    variants=$phase
    [[ $phase == ack ]] && variants=$TARGET_ACK_VARIANTS
    for variant in $variants; do
      echo "-- $target / $variant"
      if ! target_start "$variant" "$OUT/server-$variant.log"; then
        echo "   server did not start; see $OUT/server-$variant.log"
        target_stop
        continue
      fi
      if ! target_prepare "$OUT/rooms.txt" "$variant"; then
        echo "   preparing $target failed (users/rooms); see $OUT/server-$variant.log"
        target_stop
        continue
      fi
      rooms=()
      [[ -s "$OUT/rooms.txt" ]] && rooms=(--rooms-file "$OUT/rooms.txt")
      # Numbers from a server that does not speak the contract would mean nothing: checked on every start,
      # since a variant may change the server (another database).
      if ! node "$BENCH/node-server/contract-check.js" "$TARGET_URL" "$CHECK_AUTH_A" "$CHECK_AUTH_B" \
          "$(head -1 "$OUT/rooms.txt" 2>/dev/null || echo bench-0)"; then
        target_stop
        echo "## $target: skipped: it does not pass the contract check"
        break 2
      fi
      export BENCH_AUTH_CACHE="$OUT/auth-$([[ $variant == ack-pg ]] && echo pg || echo default)"
      case $phase in
        idle) generator idle "${IDLE[@]}" --out "$OUT/idle.properties" || echo "   idle phase failed" ;;
        a10x50) generator load "${A_POP[@]}" "${A[@]}" "${SWEEP[@]}" "${rooms[@]}" --out "$OUT/a10x50.properties" || echo "   phase failed" ;;
        b2x1000) generator load "${B_POP[@]}" "${B[@]}" "${SWEEP[@]}" "${rooms[@]}" --out "$OUT/b2x1000.properties" || echo "   phase failed" ;;
        ack) generator load --scenario "$variant" "${ACK_POP[@]}" "${ACK[@]}" "${rooms[@]}" --out "$OUT/$variant.properties" || echo "   phase failed" ;;
        *) echo "unknown phase $phase" ;;
      esac
      target_stop
    done
  done
  echo
done

echo "== Results ($MODE; server and generator one core each; run dir $RUN_DIR) =="
# Every requested target gets a column (n/a where it did not run), and each after the first its ratio to the first.
java -jar "$JAR" report --dir "$RUN_DIR" --targets "$(echo $TARGETS | tr ' ' ',')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); run took $((SECONDS / 60)) min $((SECONDS % 60)) s"
