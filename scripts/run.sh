#!/usr/bin/env bash
# Run the tracker (the terminal UI with no arguments) on the default SQLite store,
# which is seeded from seeds/ on first use. Arguments go to `tracker`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh
exec .venv/bin/tracker "$@"
