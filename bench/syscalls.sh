#!/usr/bin/env bash
# System calls and CPU of one target under a fixed 10 x 50 load, counted by perf: how many writes the server
# makes per delivered message, and how its CPU splits between user and kernel. Not part of run.sh's table.
#
#   bench/syscalls.sh <target> [rate sent/s, default 1000] [warm-up s, default 100]
#   BENCH_POP=b2x1000 bench/syscalls.sh ...     2 rooms x 1000 instead (each message delivered 1 000 times)
#
# Starts the target as run.sh does, runs the generator's load phase with a long warm-up at that fixed rate,
# and attaches `perf stat` (syscall tracepoints, task clock, context switches) to the server for 10 s,
# from 30 s before the warm-up's end (the generator connects first: a few seconds later in the warm-up);
# then 3 fixed steps of 6 s. PERF_RECORD=1: `perf record -g` instead (call
# graphs; `perf report -i <dir>/perf.data --no-children --sort sym`). Needs perf and root (or a low
# perf_event_paranoid). ASYNC_PROFILER=<libasyncProfiler.so>: a JVM target is profiled for those 10 s by
# async-profiler instead (event=cpu, loaded into the running server with jcmd; Java and kernel frames in one
# stack), written as collapsed stacks to profile.collapsed. The library is in Maven Central's
# tools.profiler:async-profiler jar (linux-x64/libasyncProfiler.so). Output in results/<time>-syscalls-<target>/.
set -uo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
TARGET=${1:?usage: $0 <target> [rate] [warm-up seconds]}
RATE=${2:-1000}
WARM=${3:-100}
[[ -n "${ASYNC_PROFILER:-}" ]] || command -v perf >/dev/null || { echo "perf is needed (apt-get install linux-perf)"; exit 1; }
(( WARM > 40 )) || { echo "the warm-up must be over 40 s (perf counts 10 s of it, from 30 s before its end)"; exit 2; }
RUN_DIR="$BENCH/results/$(date +%Y%m%d-%H%M%S)-syscalls-$TARGET"
mkdir -p "$RUN_DIR"
# shellcheck source=lib/common.sh
source "$BENCH/lib/common.sh"
prepare_harness || exit 1
# shellcheck source=/dev/null
source "$BENCH/targets/$TARGET.sh"
trap stop_server EXIT
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
target_check >/dev/null || { echo "$TARGET: $(target_check)"; exit 1; }
target_start a10x50 "$RUN_DIR/server.log" || exit 1
target_prepare "$RUN_DIR/rooms.txt" syscalls || exit 1
export BENCH_AUTH_CACHE="$RUN_DIR/auth"
rooms=()
[[ -s "$RUN_DIR/rooms.txt" ]] && rooms=(--rooms-file "$RUN_DIR/rooms.txt")

count() {
  local events=task-clock,context-switches,raw_syscalls:sys_enter call
  for call in write writev sendto sendmsg read readv recvfrom epoll_wait epoll_pwait epoll_ctl futex; do
    events="$events,syscalls:sys_enter_$call"
  done
  sleep $((WARM - 30))
  local u0 s0 u1 s1
  read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$SERVER_PID/stat")
  if [[ -n "${ASYNC_PROFILER:-}" ]]; then
    # jcmd reads key=value as its own arguments: the agent's options go in one quoted string
    jcmd "$SERVER_PID" JVMTI.agent_load "$ASYNC_PROFILER" '"start,event=cpu,interval=1ms"' > "$RUN_DIR/perf.txt" 2>&1
    sleep 10
    jcmd "$SERVER_PID" JVMTI.agent_load "$ASYNC_PROFILER" "\"stop,file=$RUN_DIR/profile.collapsed\"" >> "$RUN_DIR/perf.txt" 2>&1
  elif [[ -n "${PERF_RECORD:-}" ]]; then
    perf record -F 1999 -g -o "$RUN_DIR/perf.data" -p "$SERVER_PID" -- sleep 10 > "$RUN_DIR/perf.txt" 2>&1
  else
    perf stat -e "$events" -p "$SERVER_PID" -- sleep 10 > "$RUN_DIR/perf.txt" 2>&1
  fi
  read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$SERVER_PID/stat")
  echo "server CPU over the 10 s: user $((u1 - u0)) system $((s1 - s0)) ticks of $(getconf CLK_TCK)/s" >> "$RUN_DIR/perf.txt"
}
if [[ ${BENCH_POP:-a10x50} == b2x1000 ]]; then
  POP=(--scenario b2x1000 --rooms 2 --members 1000 --probes 5 --senders 10); MEMBERS=1000
else
  POP=(--scenario a10x50 --rooms 10 --members 50 --probes 3 --senders 5); MEMBERS=50
fi
count &
COUNTER=$!
setsid "$BENCH/lib/pinned.sh" "$GENERATOR_CORE" java -XX:ActiveProcessorCount=1 -Xms1g -Xmx1g -jar "$BENCH/loadgen/target/loadgen.jar" load \
  --url "$TARGET_URL" --auth "$TARGET_AUTH" --user-pool "$TARGET_USER_POOL" --server-pid "$SERVER_PID" \
  --server-core "$SERVER_CORE" --generator-core "$GENERATOR_CORE" \
  "${POP[@]}" "${rooms[@]}" \
  --warmup-rate "$RATE" --warmup-seconds "$WARM" --fixed-rate "$RATE" --fixed-seconds 6 --fixed-repeats 3 --sweep-steps 0 \
  --out "$RUN_DIR/load.properties" < /dev/null
wait "$COUNTER"
echo "== perf, 10 s of the warm-up at $RATE sent/s ($((RATE * MEMBERS)) deliveries/s, ${POP[1]}):"
grep -vE '^\s*$|not counted|^\s+0 ' "$RUN_DIR/perf.txt"
