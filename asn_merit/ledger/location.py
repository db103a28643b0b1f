"""Where the ledger lives, and the refusal to keep it on a network share.

SQLite's WAL journal keeps its index in shared memory beside the file; over SMB/CIFS or NFS
that memory is not shared between machines, and two offices writing one ledger can corrupt it
(https://www.sqlite.org/wal.html, "WAL does not work over a network filesystem"). A corrupted
tamper-evident ledger is worse than none, so a ledger on a network path is refused.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

from asn_merit.errors import InputOutputError
from asn_merit.folders import data_folder

# Linux /proc/mounts file-system types that are network (or remote FUSE) file systems.
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "fuse.rclone", "fuse.davfs2", "davfs", "fuse.glusterfs", "lustre",
})
DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


def default_ledger_path() -> Path:
    """`$ASN_MERIT_LEDGER`, else ledger.sqlite in the platform's per-user data folder."""
    if override := os.environ.get("ASN_MERIT_LEDGER"):
        return Path(override).expanduser()
    return data_folder() / "ledger.sqlite"


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _read_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""  # no /proc (macOS, a container without it): cannot tell, so allow


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a mount point as \\040 (octal)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _mount_type(path: Path, mounts: str) -> tuple[str, str] | None:
    """The (mount point, file-system type) holding `path`: the longest matching mount point."""
    best: tuple[str, str] | None = None
    text = str(path)
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape(parts[1])
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, parts[2])
    return best


def network_reason(path: Path, *, platform: str = sys.platform, mounts: str | None = None,
                   drive_type: Callable[[str], int] | None = None) -> str | None:
    """Why the absolute `path` is on a network share, or None when it is (as far as can be
    told) local.

    `platform`, `mounts` and `drive_type` are injected by tests to simulate Windows and Linux.
    """
    if platform == "win32":
        drive = PureWindowsPath(str(path)).drive
        if drive.upper().startswith("\\\\?\\UNC\\"):
            return f"UNC path {drive}"
        drive = drive.removeprefix("\\\\?\\")  # a long-path prefix on a drive letter
        if drive.startswith("\\\\") and not drive.startswith("\\\\.\\"):
            return f"UNC path {drive}"
        if len(drive) == 2 and drive[1] == ":":
            kind = (drive_type or _windows_drive_type)(drive + "\\")
            if kind == DRIVE_REMOTE:
                return f"drive {drive} is a mapped network drive"
        return None
    if platform.startswith("linux"):
        where = _mount_type(path.resolve(), _read_mounts() if mounts is None else mounts)
        if where is not None and where[1] in NETWORK_FILE_SYSTEMS:
            return f"{where[0]} is mounted as {where[1]}"
    return None


def refuse_network_path(path: Path) -> None:
    """Exit 6 with the reason when the ledger would sit on a network share."""
    reason = network_reason(Path(os.path.abspath(path)))
    if reason is not None:
        raise InputOutputError(
            f"ledger {path} is on a network share ({reason}); SQLite's WAL journal needs a "
            "local disk or the ledger can be corrupted. Keep the ledger on this computer's "
            "disk (--ledger PATH or ASN_MERIT_LEDGER) and copy it to the share after the run. "
            f"/ Ledger {path} berada di folder jaringan ({reason}); simpan ledger di disk "
            "lokal komputer ini, lalu salin ke folder bersama setelah proses selesai.")
