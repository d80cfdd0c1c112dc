#!/usr/bin/env bash
# Create .venv (once) and install the project with its test tools. Idempotent.
# One line per step (about a minute in all, the first time); pip's own output
# goes to .venv/install.log, shown only when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
. scripts/steps.sh
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
[ -f "$stamp" ] && exit 0
mkdir -p .venv
STEP_LOG=$PWD/.venv/install.log
: >"$STEP_LOG"
echo "Setting up .venv (the first time takes about a minute):"
if [ ! -x .venv/bin/python ]; then
  step "  creating the virtual environment" "$PYTHON" -m venv .venv
fi
pip=(.venv/bin/python -m pip --disable-pip-version-check)
step "  updating pip" "${pip[@]}" install --quiet --upgrade pip
step "  installing the tracker and its test tools" "${pip[@]}" install --quiet -e ".[test]"
rm -f .venv/.installed-*
touch "$stamp"
echo "Ready."
