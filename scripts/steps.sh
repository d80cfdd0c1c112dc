# Sourced by scripts/setup-venv.sh: run a step with one line on the terminal.
#   step "What it does" command args...
# prints "What it does… done (12s)"; the command's own output (pip's notices and
# build warnings) goes to $STEP_LOG, whose end is shown only when the step fails.
STEP_LOG=${STEP_LOG:-/dev/null}

step() {
  local what=$1 started=$SECONDS
  shift
  printf '%s… ' "$what"
  if "$@" >>"$STEP_LOG" 2>&1; then
    printf 'done (%ss)\n' "$((SECONDS - started))"
  else
    local status=$?
    printf 'failed\n'
    echo "The end of $STEP_LOG:" >&2
    tail -n 40 "$STEP_LOG" >&2
    return "$status"
  fi
}
