"""A quiet first run: scripts/setup-venv.sh shows one line per install step, not
pip's notices and build warnings, which go to a log shown only when a step fails."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOISY = "for i in $(seq 200); do echo \"WARNING: Location 'file:///opt/x/$i' is ignored\" >&2; done"


def run_step(tmp_path: Path, command: str) -> subprocess.CompletedProcess[str]:
    log = tmp_path / "install.log"
    script = f'STEP_LOG={log}; . scripts/steps.sh; step "  installing" bash -c {shlex.quote(command)}'
    return subprocess.run(["bash", "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)


def test_a_step_is_one_line_and_its_noise_goes_to_the_log(tmp_path: Path) -> None:
    done = run_step(tmp_path, NOISY)
    assert done.returncode == 0
    (line,) = done.stdout.splitlines()  # one line, however long the step took on a busy machine
    assert re.fullmatch(r"  installing… done \(\d+s\)", line), line
    assert done.stderr == ""
    assert (tmp_path / "install.log").read_text().count("WARNING: Location") == 200


def test_a_failed_step_shows_the_end_of_its_log(tmp_path: Path) -> None:
    done = run_step(tmp_path, NOISY + "; echo 'ERROR: no matching distribution' >&2; exit 3")
    assert done.returncode == 3
    assert done.stdout.splitlines() == ["  installing… failed"]
    assert "ERROR: no matching distribution" in done.stderr and len(done.stderr.splitlines()) <= 42


def test_setup_runs_every_install_step_through_step() -> None:
    """Every pip or venv call in the setup script is a ``step`` (or its output would show)."""
    script = (REPO / "scripts" / "setup-venv.sh").read_text()
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("#")]
    calls = [line for line in lines if " -m venv" in line or " install " in line]
    assert calls and all(line.strip().startswith("step ") for line in calls)


def test_an_installed_venv_says_nothing() -> None:
    done = subprocess.run(["scripts/setup-venv.sh"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
