#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for the integration tests (issue 3).
#
#   src/test/support/postgres.sh start   # init (once) and start; prints the JDBC URL
#   src/test/support/postgres.sh stop    # stop it (the data dir stays, for the next start)
#
# It uses Debian's `postgresql` package (installed with apt-get when missing and we are root).
# PostgreSQL refuses to run as root, so when we are root the cluster belongs to the
# `postgres` system user. The server listens only on 127.0.0.1, on PARLEY_TEST_PG_PORT
# (default 25432, below the range of ports outgoing connections take), with a superuser
# `parley` / password `parley`; the tests create their own databases in it.
set -euo pipefail

port="${PARLEY_TEST_PG_PORT:-25432}"
# Outside the work tree: the cluster's owner (postgres, when we are root) must reach it without
# this script loosening the permissions of the tree's parent directories.
base="${PARLEY_TEST_PG_DIR:-${TMPDIR:-/tmp}/parley-test-postgres-$port}"
data="$base/data"
log="$base/server.log"

find_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$dir" ]]; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
      echo "postgres.sh: installing the Debian postgresql package" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
      dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    else
      echo "postgres.sh: PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2
      exit 1
    fi
  fi
  echo "$dir"
}

# Runs a command as the cluster owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

start() {
  local bin
  bin="$(find_bin)"
  mkdir -p "$base"
  if [[ "$(id -u)" == 0 ]]; then
    chown postgres "$base"
  fi
  if [[ ! -f "$data/PG_VERSION" ]]; then
    local pwfile="$base/pw"
    echo parley > "$pwfile"
    [[ "$(id -u)" == 0 ]] && chown postgres "$pwfile"
    as_owner "$bin/initdb" -D "$data" -U parley --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "postgres.sh: already running on port $port" >&2
  else
    as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $base -c fsync=off -c max_connections=200" start >/dev/null
    PGPASSWORD=parley "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q
    drop_leftovers "$bin"
  fi
  PGPASSWORD=parley "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q
  echo "jdbc:postgresql://127.0.0.1:$port/"
}

# The databases earlier runs' tests made (each test class makes its own, parley_<random>): a server this
# call started has no test running on it yet, so they can go; over many runs they came to gigabytes.
drop_leftovers() {
  local bin="$1" name
  for name in $(PGPASSWORD=parley "$bin/psql" -h 127.0.0.1 -p "$port" -U parley -d postgres -Atc \
      "select datname from pg_database where datname like 'parley\_%'"); do
    PGPASSWORD=parley "$bin/psql" -h 127.0.0.1 -p "$port" -U parley -d postgres -qc \
      "drop database if exists \"$name\" with (force)" >/dev/null
  done
}

stop() {
  local bin
  bin="$(find_bin)"
  if [[ -f "$data/PG_VERSION" ]]; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
