"""Run directories: ids, staging beside the target, atomic promotion, cleanup on failure.

A reader (or cron's next step) never sees a half-written run: files are written into a
hidden staging folder on the same filesystem and the folder is renamed into place at the end.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from asn_merit.errors import InputOutputError, LockBusyError


def new_run_id(now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{secrets.token_hex(3)}"


def default_run_dir(base: Path, policy_id: str, as_of: str, run_id: str) -> Path:
    return base / f"{policy_id}_{as_of}_{run_id[-6:]}"


@contextmanager
def staged_directory(target: Path, run_id: str) -> Iterator[Path]:
    """Yield a staging folder; on success rename it to `target`, on any failure remove it."""
    if target.exists() and any(target.iterdir()):
        raise InputOutputError(f"output directory {target} already exists and is not empty; "
                               "choose another --out")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.parent / f".{target.name}.staging-{run_id}"
        staging.mkdir()
    except OSError as exc:
        raise InputOutputError(f"cannot create output directory {target}: "
                               f"{exc.strerror or exc}") from None
    try:
        yield staging
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    except OSError as exc:  # disk full, permissions: the previous outputs stay as they were
        shutil.rmtree(staging, ignore_errors=True)
        raise InputOutputError(f"cannot write the run into {target}: "
                               f"{exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


@contextmanager
def run_lock(target: Path, wait_seconds: float = 0) -> Iterator[None]:
    """One run at a time per output directory; the OS frees the lock if a process dies."""
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(target.parent / f".{target.name}.lock"))
    try:
        lock.acquire(timeout=wait_seconds)
    except Timeout:
        raise LockBusyError(f"another run is writing {target}; retry later or pass --wait "
                            "SECONDS") from None
    try:
        yield
    finally:
        lock.release()
