#!/usr/bin/env bash
# A throwaway PostgreSQL for the persistence figure: Debian's binaries, data under /tmp, port 55432, pinned to
# the server core (the database is part of the server side's one-core budget). Durability stays at the
# defaults (fsync, synchronous_commit on): the ack figure is about committed messages.
# Usage: lib/postgres.sh start|stop|url
set -euo pipefail
BENCH="$(cd "$(dirname "$0")/.." && pwd)"
PG_DIR=${BENCH_PG_DIR:-/tmp/parley-bench-pg}
PG_PORT=${BENCH_PG_PORT:-55471}
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
