#!/usr/bin/env bash
# A throwaway PostgreSQL for the persistence figure: Debian's binaries, data under /tmp, port 25471, pinned to
# the server core (the database is part of the server side's one-core budget). Durability stays at the
# defaults (fsync, synchronous_commit on): the ack figure is about committed messages.
# Usage: lib/postgres.sh start|stop|url
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
PG_DIR=${BENCH_PG_DIR:-/tmp/parley-bench-pg}
PG_PORT=${BENCH_PG_PORT:-25471}
PG_BIN=${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

as_postgres() { runuser -u postgres -- "$@"; }

case "${1:-}" in
  start)
    [[ -x "$PG_BIN/initdb" ]] || { echo "PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 1; }
    if [[ -f "$PG_DIR/data/postmaster.pid" ]] && kill -0 "$(head -1 "$PG_DIR/data/postmaster.pid")" 2>/dev/null; then
      exit 0 # already running (ours)
    fi
    if ss -ltn "sport = :$PG_PORT" | grep -q LISTEN; then
      echo "port $PG_PORT is taken by another process; set BENCH_PG_PORT" >&2
      exit 1
    fi
    mkdir -p "$PG_DIR" && chown postgres: "$PG_DIR"
    if [[ ! -f "$PG_DIR/data/PG_VERSION" ]]; then
      as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust >/dev/null
    fi
    # Started under taskset, so every PostgreSQL process (and each one it forks later) stays on the server core.
    as_postgres taskset -c "${BENCH_SERVER_CORE:-0}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
    # PostgreSQL puts each of its processes, every backend included, in a session of its own (setsid), so
    # each gets a scheduler autogroup of its own at nice 0, while the server's runs at -20 (lib/pinned.sh).
    # On the shared core a busy JVM then leaves a backend about 1% of it (weights 88761 to 1024), and a commit
    # waits for the scheduler. The database belongs to the server's budget: every PostgreSQL process gets the
    # server's priority, backends forked later too, by a watcher on the generator core that ends with it.
    if [[ -w /proc/self/autogroup ]]; then
      setsid taskset -c "${BENCH_GENERATOR_CORE:-1}" bash -c '
        while read -r postmaster < "$1/data/postmaster.pid" 2>/dev/null; do
          for pid in "$postmaster" $(pgrep -P "$postmaster"); do
            read -r group < "/proc/$pid/autogroup" 2>/dev/null || continue
            [[ $group == *"nice $2" ]] || echo "$2" > "/proc/$pid/autogroup" 2>/dev/null || true
          done
          sleep 2 # builtins but for pgrep and sleep: a small share of the generator core
        done' prioritize "$PG_DIR" "${BENCH_AUTOGROUP_NICE:--20}" </dev/null >/dev/null 2>&1 &
    fi
    psql=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q)
    "${psql[@]}" -tc "select 1 from pg_roles where rolname='parley'" | grep -q 1 \
      || "${psql[@]}" -c "create role parley login password 'parley'"
    "${psql[@]}" -tc "select 1 from pg_database where datname='parley'" | grep -q 1 \
      || "${psql[@]}" -c "create database parley owner parley"
    ;;
  stop)
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
      as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
    fi
    ;;
  url)
    echo "jdbc:postgresql://127.0.0.1:$PG_PORT/parley"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
