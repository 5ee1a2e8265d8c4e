#!/usr/bin/env bash
# Where a JVM target's CPU goes while it opens connections (figure 3b): runs run.sh's idle phase for the
# target and, once 300 connections are open, profiles the server with async-profiler for a few seconds,
# while the generator is still opening the other 9 700. Not part of run.sh's table.
#
#   ASYNC_PROFILER=<libasyncProfiler.so> bench/opening-profile.sh [parley|wildfly] [seconds, default 8]
#
# The library is in Maven Central's tools.profiler:async-profiler jar (linux-x64/libasyncProfiler.so). Writes
# the collapsed stacks (one line per stack, its samples last) to results/<time>-opening-<target>.collapsed,
# beside the run's own results directory.
set -uo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
TARGET=${1:-parley}
SECONDS_PROFILED=${2:-8}
[[ -f "${ASYNC_PROFILER:-}" ]] || { echo "set ASYNC_PROFILER to libasyncProfiler.so" >&2; exit 2; }
case "$TARGET" in
  parley) PORT=${PARLEY_PORT:-8080} ;;
  wildfly) PORT=${WILDFLY_PORT:-8180} ;;
  *) echo "a JVM target: parley or wildfly" >&2; exit 2 ;;
esac
OUT="$BENCH/results/$(date +%Y%m%d-%H%M%S)-opening-$TARGET.collapsed"
mkdir -p "$BENCH/results"

established() {
  ss -tnH state established "( sport = :$PORT )" 2>/dev/null | wc -l
}

"$BENCH/run.sh" --targets "$TARGET" --phases idle &
run=$!
# the contract check's few connections come and go before the phase: wait for the phase's crowd
until (( $(established) > 300 )); do
  kill -0 "$run" 2>/dev/null || { echo "the run ended before the connections came" >&2; exit 1; }
  sleep 0.2
done
pid=$(ss -tlnpH "( sport = :$PORT )" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
echo "== profiling $TARGET (pid $pid) for $SECONDS_PROFILED s from $(established) open connections"
# jcmd reads key=value as its own arguments: the agent's options go in one quoted string
jcmd "$pid" JVMTI.agent_load "$ASYNC_PROFILER" '"start,event=cpu,interval=1ms"' >/dev/null
sleep "$SECONDS_PROFILED"
jcmd "$pid" JVMTI.agent_load "$ASYNC_PROFILER" "\"stop,file=$OUT\"" >/dev/null
echo "== stopped at $(established) open connections: $OUT"
wait "$run"
