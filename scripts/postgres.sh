#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests, installing
# Debian's package (and tmux, which the TUI smoke test drives) when missing.
#
#   eval "$(scripts/postgres.sh)"      # exports TRACKER_TEST_POSTGRES and friends
#   eval "$TRACKER_TEST_POSTGRES_STOP" # stops the server and deletes its files
#
# Prints only `export` lines on stdout; progress and errors go to stderr.
# Exits non-zero when no server could be installed or started.
set -euo pipefail

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && echo "$dir"
  done | sort -V | tail -n 1
}

install_packages() {
  local wanted=()
  [ -n "$(find_bin)" ] || wanted+=(postgresql)
  command -v tmux >/dev/null 2>&1 || wanted+=(tmux)
  [ ${#wanted[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "cannot install ${wanted[*]}: not root or no apt-get"
    return 1
  fi
  say "installing ${wanted[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${wanted[@]}" >&2
}

install_packages || [ -n "$(find_bin)" ] || exit 1
BIN=$(find_bin)
if [ -z "$BIN" ]; then
  say "no PostgreSQL server binaries found after install"
  exit 1
fi

# Root runs the server as the postgres user (initdb refuses root).
if [ "$(id -u)" -eq 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
  OWNER=postgres
else
  as_pg() { "$@"; }
  OWNER=$(id -un)
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DIR=$(mktemp -d /tmp/tracker-pg.XXXXXX)
chmod 700 "$DIR"
chown "$OWNER" "$DIR"
DATA="$DIR/data"
SUPER_PW=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
EDITOR_PW=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
READER_PW=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
echo "$SUPER_PW" >"$DIR/pw"
chown "$OWNER" "$DIR/pw"

as_pg "$BIN/initdb" -D "$DATA" -U postgres --pwfile="$DIR/pw" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
  { say "initdb failed:"; cat "$DIR/initdb.log" >&2; exit 1; }

# Durability of the server itself is not under test (clients are killed, not
# the server), so skip fsync to keep the suite fast on two cores.
as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 ||
  { say "server did not start:"; cat "$DIR/server.log" >&2; exit 1; }

STOP="runuser -u $OWNER -- $BIN/pg_ctl -D $DATA -m immediate stop >/dev/null 2>&1; rm -rf $DIR"
[ "$OWNER" = postgres ] || STOP="$BIN/pg_ctl -D $DATA -m immediate stop >/dev/null 2>&1; rm -rf $DIR"

# The roles a team would create (README: "Storage, teams and guarantees").
# The editor owns the database, so it creates the tables and a schema per test.
as_pg "$BIN/psql" -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres -d postgres >&2 <<SQL ||
CREATE ROLE tracker_editor LOGIN PASSWORD '$EDITOR_PW';
CREATE ROLE tracker_reader LOGIN PASSWORD '$READER_PW';
CREATE DATABASE tracker OWNER tracker_editor;
\c tracker
GRANT CONNECT ON DATABASE tracker TO tracker_reader;
GRANT USAGE ON SCHEMA public TO tracker_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE tracker_editor GRANT SELECT ON TABLES TO tracker_reader;
SQL
  { say "could not create roles"; eval "$STOP"; exit 1; }

BASE="127.0.0.1:$PORT/tracker"
say "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on $BASE (files in $DIR)"
echo "export TRACKER_TEST_POSTGRES='postgresql://tracker_editor:$EDITOR_PW@$BASE'"
echo "export TRACKER_TEST_POSTGRES_READER='postgresql://tracker_reader:$READER_PW@$BASE'"
echo "export TRACKER_TEST_POSTGRES_STOP='$STOP'"
