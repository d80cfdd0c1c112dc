#!/usr/bin/env bash
# Run every test: lint, types, and pytest against SQLite (and PostgreSQL when a
# server is available or can be installed: see scripts/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh
.venv/bin/ruff check events tracker tui tests bench
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
