"""Run directories: ids, staging beside the target, atomic promotion, cleanup on failure.

A reader (or cron's next step) never sees a half-written run: files are written into a
hidden staging folder on the same filesystem and the folder is renamed into place at the end.
A run killed before that (kill -9, power loss) leaves its staging folder behind; the next run
into the same parent, and `verify`, remove such leftovers once no live run holds their lock.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from asn_merit.errors import InputOutputError, LockBusyError

_STAGING = re.compile(r"\.(?P<target>.+)\.staging-\d{8}T\d{6}Z-[0-9a-f]{6}")


def new_run_id(now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{secrets.token_hex(3)}"


def default_run_dir(base: Path, policy_id: str, as_of: str, run_id: str) -> Path:
    return base / f"{policy_id}_{as_of}_{run_id[-6:]}"


def _lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


def sweep_staging(parent: Path, holding: Path | None = None) -> list[Path]:
    """Remove staging folders left by killed runs in `parent`; a folder whose run still holds
    its target's lock is left alone. `holding`: a target whose lock this process holds."""
    removed: list[Path] = []
    try:
        candidates = [p for p in parent.iterdir() if _STAGING.fullmatch(p.name) and p.is_dir()
                      and not p.is_symlink()]
    except OSError:
        return removed
    for folder in candidates:
        target = parent / _STAGING.fullmatch(folder.name)["target"]  # type: ignore[index]
        if holding is not None and target == holding:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            lock = FileLock(str(_lock_path(target)))
            try:
                lock.acquire(timeout=0)
            except (Timeout, OSError):
                continue  # a live run is writing it
            try:
                shutil.rmtree(folder, ignore_errors=True)
            finally:
                lock.release()
        if not folder.exists():
            removed.append(folder)
    return removed


def promote(staging: Path, target: Path) -> None:
    """Rename the finished staging folder to `target` (an empty directory there is replaced);
    on failure the staging folder is removed and InputOutputError raised."""
    try:
        if target.is_dir() and not target.is_symlink():
            target.rmdir()
        os.replace(staging, target)
    except OSError as exc:  # disk full, permissions: the previous outputs stay as they were
        shutil.rmtree(staging, ignore_errors=True)
        raise InputOutputError(f"cannot write the run into {target}: "
                               f"{exc.strerror or exc}") from None


@contextmanager
def staged_directory(target: Path, run_id: str) -> Iterator[Path]:
    """Yield a staging folder; on success rename it to `target` unless the caller already did
    (`promote`), on any failure remove it."""
    if target.exists() and any(target.iterdir()):
        raise InputOutputError(f"output directory {target} already exists and is not empty; "
                               "choose another --out")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep_staging(target.parent, holding=target)
        staging = target.parent / f".{target.name}.staging-{run_id}"
        staging.mkdir()
    except OSError as exc:
        raise InputOutputError(f"cannot create output directory {target}: "
                               f"{exc.strerror or exc}") from None
    try:
        yield staging
    except OSError as exc:  # disk full, permissions: the previous outputs stay as they were
        shutil.rmtree(staging, ignore_errors=True)
        raise InputOutputError(f"cannot write the run into {target}: "
                               f"{exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if staging.exists():
        promote(staging, target)


@contextmanager
def run_lock(target: Path, wait_seconds: float = 0) -> Iterator[None]:
    """One run at a time per output directory; the OS frees the lock if a process dies."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputOutputError(f"cannot create {target.parent}: {exc.strerror or exc}") from None
    lock = FileLock(str(_lock_path(target)))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout:
        raise LockBusyError(f"another run is writing {target}; retry later or pass --wait "
                            "SECONDS") from None
    except OSError as exc:
        raise InputOutputError(f"cannot lock {target}: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()
