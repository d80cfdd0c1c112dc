"""Shared by the refusal tests: run the real CLI with raw byte arguments (or as an
ordinary user when the tests run as root), and check a refusal is one plain line."""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.reliability.helpers import REPO, child_env, streams

Rows = dict[str, list[tuple[int, str]]]
# Bytes a terminal acts on: C0 (but newline and tab), C1, and the bidi controls in UTF-8.
_UNSAFE = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def run(
    *args: str | bytes,
    store: str | bytes | None = None,
    cwd: Path = REPO,
    stdout: int | None = subprocess.PIPE,
    preexec_fn: Callable[[], None] | None = None,
    timeout: float = 120,
    **env: str,
) -> subprocess.CompletedProcess[bytes]:
    """`python -m tracker [--store STORE] ARGS...`; arguments may be raw bytes (not UTF-8)."""
    argv: list[str | bytes] = [sys.executable, "-m", "tracker"]
    if store is not None:
        argv += ["--store", store]
    return subprocess.run(
        [*argv, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=timeout,
        env=child_env(**env),
        cwd=cwd,
        check=False,
        preexec_fn=preexec_fn,
    )


def assert_refused(done: subprocess.CompletedProcess[bytes], *words: bytes) -> str:
    """Exit code 2, exactly one line `error: ...` on stderr naming ``words``, nothing on
    stdout, no traceback and no byte a terminal would act on; returns the line."""
    err = done.stderr
    assert b"Traceback" not in err, err.decode(errors="replace")[-3000:]
    assert done.returncode == 2, (done.returncode, err.decode(errors="replace")[-2000:])
    assert err.startswith(b"error: ") and err.endswith(b"\n") and err.count(b"\n") == 1, err
    assert not _UNSAFE.search(err), err
    assert not done.stdout, done.stdout[:500]
    for word in words:
        assert word.lower() in err.lower(), (word, err)
    return err.decode()


def snapshot(store: str) -> Rows:
    """Every stored row of the store (to show a refused command wrote nothing)."""
    return streams(store)


def as_ordinary_user() -> None:
    """In the child: drop root's power to ignore file modes, so a read-only folder is
    read-only even when the tests run as root (a no-op for any other user)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(pr_capbset_drop, capability, 0, 0, 0)
