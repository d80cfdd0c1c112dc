"""Files the tracker creates are its owner's alone, and it never writes through a
symbolic link or over a file it was not told to replace.

A SQLite store (and its folder) is created owner-only whatever the umask; a store
file someone else could read is tightened. An export is a new file (0600), or,
when asked to overwrite, a regular file replaced whole: never a link's target,
a device or a folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from tracker.errors import UserError
from tracker.store_url import StoreError

# The store, SQLite's journal files beside it, and the saved read model.
STORE_FILES = ("", "-wal", "-shm", "-journal", ".readmodel")
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class OutputFileError(UserError):
    """An output file could not be written; ``exists`` when the name was taken."""

    def __init__(self, message: str, exists: bool = False) -> None:
        super().__init__(message)
        self.exists = exists


def make_private_dirs(directory: Path) -> None:
    """Create the missing folders of ``directory``, each owner-only (0700)."""
    missing: list[Path] = []
    while not directory.exists() and directory != directory.parent:
        missing.append(directory)
        directory = directory.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it first
            folder.mkdir(mode=0o700)
            os.chmod(folder, 0o700)  # the umask may have taken the owner's bits too


def tighten(path: Path) -> None:
    """Take group and others' permissions off the store's files that we own."""
    for suffix in STORE_FILES:
        file = path.with_name(path.name + suffix)
        try:
            mode = file.stat().st_mode
            if stat.S_ISREG(mode) and mode & 0o077 and file.stat().st_uid == os.geteuid():
                os.chmod(file, stat.S_IMODE(mode) & 0o700)
        except OSError:
            continue  # gone, or on a read-only file system: nothing to tighten


def prepare_sqlite_file(path: str) -> bool:
    """Create the file readable and writable by its owner only; True if it was new.
    An existing store readable by others is tightened to its owner only."""
    if path == ":memory:" or path.startswith("file:"):
        return False
    file = Path(path).expanduser()
    try:
        make_private_dirs(file.parent)
        if file.is_dir():
            raise StoreError(f"cannot use store {path}: it is a folder, not a file")
        if file.exists():
            tighten(file)
            return False
        fd = os.open(file, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)
    except OSError as error:
        raise StoreError(f"cannot create store {path}: {reason(error)}") from None
    return True


def reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return (error.strerror or type(error).__name__).lower()


def write_new_file(path: Path, data: bytes, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` owner-only (0600), all or nothing.

    Without ``overwrite`` the name must be free: an existing file, folder or link
    (even a dangling one) is refused. With it, only a regular file is replaced, by
    renaming a finished copy over it; a link is never followed.
    """
    if overwrite and os.path.lexists(path):
        _check_replaceable(path)
        _replace(path, data)
        return
    try:
        fd = os.open(path, _NEW_FILE, 0o600)
    except OSError as error:
        raise _explain(path, error) from None
    try:
        os.fchmod(fd, 0o600)
        _write_all(fd, data)
    except OSError as error:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise _explain(path, error) from None
    os.close(fd)


def _check_replaceable(path: Path) -> None:
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        raise OutputFileError(f"{path} is a symbolic link: not followed; choose another name", True)
    if stat.S_ISDIR(mode):
        raise OutputFileError(f"{path} is a folder; give a file name", True)
    if not stat.S_ISREG(mode):
        raise OutputFileError(f"{path} is not a regular file: not replaced", True)


def _replace(path: Path, data: bytes) -> None:
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    except OSError as error:
        raise _explain(path, error) from None
    try:
        _write_all(fd, data)
        os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _explain(path, error) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


def _explain(path: Path, error: OSError) -> OutputFileError:
    """One plain sentence for each way writing a new file fails."""
    if isinstance(error, FileExistsError) and path.is_dir() and not path.is_symlink():
        return OutputFileError(f"{path} is a folder; give a file name", True)
    if isinstance(error, FileExistsError) or error.errno == errno.ELOOP:
        what = "a symbolic link: not followed" if path.is_symlink() else "already there"
        return OutputFileError(f"{path} is {what}; choose another name (or --overwrite a file)", True)
    if isinstance(error, IsADirectoryError):
        return OutputFileError(f"{path} is a folder; give a file name")
    if isinstance(error, FileNotFoundError):
        return OutputFileError(f"cannot write {path}: no folder {path.parent}")
    if error.errno == errno.ENOSPC:
        return OutputFileError(f"cannot write {path}: the disk is full; nothing was written")
    return OutputFileError(f"cannot write {path}: {reason(error)}")
