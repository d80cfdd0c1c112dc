#!/usr/bin/env bash
# Run every test: lint, types, and pytest against SQLite and a real PostgreSQL
# server. Without TRACKER_TEST_POSTGRES, scripts/postgres.sh installs (if need
# be) and starts a throwaway server for this run and stops it afterwards. In CI
# (CI=true) a missing server is a failure; elsewhere its tests are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh
if [ -z "${TRACKER_TEST_POSTGRES:-}" ]; then
  if pg_env=$(scripts/postgres.sh); then
    eval "$pg_env"
    trap 'eval "$TRACKER_TEST_POSTGRES_STOP"' EXIT
  elif [ "${CI:-}" = "true" ]; then
    echo "test.sh: CI must test PostgreSQL, and scripts/postgres.sh could not start it" >&2
    exit 1
  else
    echo "test.sh: no PostgreSQL server: its tests will be skipped" >&2
  fi
fi
.venv/bin/ruff check events tracker tui tests bench
.venv/bin/mypy
.venv/bin/python -m pytest -rs "$@"
