#!/usr/bin/env bash
# Runs a command pinned to one core, in its own scheduler autogroup with raised priority.
# Usage: setsid lib/pinned.sh <core> <command...>   (setsid makes the new session, hence the new autogroup)
# Why the autogroup: with kernel.sched_autogroup_enabled=1 each session is scheduled as one group, so a plain
# `nice` only ranks processes inside our own session and other sessions' builds on the same cores still take
# a share of it. Raising our own autogroup's nice (to -20: other sessions are several groups, so -10 was
# not enough) gives the server (or generator) its core whenever it can run.
core="$1"; shift
if [[ -w /proc/self/autogroup ]]; then
  echo "${BENCH_AUTOGROUP_NICE:--20}" > /proc/self/autogroup 2>/dev/null \
    || echo "pinned.sh: could not raise the autogroup priority; other processes may take CPU from the bench" >&2
fi
exec taskset -c "$core" "$@"
