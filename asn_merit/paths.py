"""Path arguments checked before any work starts, so a bad one costs nothing and says why.

An input that is a FIFO would block a reader forever and a directory gives a misleading "does
not exist"; an output that cannot be created would otherwise be found only after scoring.
Every failure is an InputOutputError (exit 6) naming the path and what it is.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from asn_merit.errors import InputOutputError

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def input_file(path: Path, what: str) -> Path:
    """`path` if it is a regular file; otherwise InputOutputError saying what it is."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputOutputError(f"{what} {path} does not exist") from None
    except OSError as exc:
        raise InputOutputError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise InputOutputError(f"{what} {path} is {_kind(mode)}, not a file")
    return path


def _nearest_existing(path: Path) -> Path:
    """The deepest existing ancestor of `path` (or `path` itself)."""
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return candidate
    return Path(".")


def _probe_writable(folder: Path, target: Path) -> None:
    """Create and remove a scratch folder: the only test that also holds for root and for
    read-only mounts."""
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".asn-merit-probe-", dir=folder))
    except OSError as exc:
        raise InputOutputError(f"cannot write {target}: {folder} is not writable "
                               f"({exc.strerror or exc})") from None


def output_dir(path: Path) -> Path:
    """Check that a run directory can be created at `path`: absent or an empty directory,
    under a writable existing folder. A symlink to a directory is followed."""
    resolved = path.resolve() if path.is_symlink() else path
    existing = _nearest_existing(resolved)
    if existing == resolved and os.path.lexists(resolved):
        mode = resolved.stat().st_mode if resolved.exists() else 0
        if not stat.S_ISDIR(mode):
            raise InputOutputError(f"--out {path} is {_kind(mode) if mode else 'a broken link'}"
                                   ", not a directory; choose a new folder")
        if any(resolved.iterdir()):
            raise InputOutputError(f"output directory {path} already exists and is not empty; "
                                   "choose another --out")
        _probe_writable(resolved.parent, path)
        return resolved
    if not existing.is_dir():
        raise InputOutputError(f"--out {path} goes through {existing}, which is "
                               f"{_kind(existing.stat().st_mode)}, not a directory")
    _probe_writable(existing, path)
    return resolved


def output_file(path: Path) -> Path:
    """Check that a file can be written at `path`: its folder exists and is writable, and
    `path` is not a directory or a FIFO."""
    if os.path.lexists(path):
        mode = path.stat().st_mode if path.exists() else 0
        if not stat.S_ISREG(mode):
            raise InputOutputError(f"cannot write {path}: it is {_kind(mode)}")
    parent = path.parent
    if not parent.is_dir():
        raise InputOutputError(f"cannot write {path}: the folder {parent} does not exist")
    _probe_writable(parent, path)
    return path
