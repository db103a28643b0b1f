"""`SHA256SUMS` in the exact coreutils format, so anyone can check a run with `sha256sum -c`.

Names are POSIX-style paths relative to the run directory. Names that coreutils would have to
escape (backslash, newline, carriage return) are refused rather than escaped, so every line is
plainly `<64 hex><space><space><name>`.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from asn_merit.errors import InputOutputError, VerificationError
from asn_merit.ledger.hashing import sha256_file

SUMS_FILENAME = "SHA256SUMS"
MISSING = "missing"

# coreutils: hash, one space, a mode flag (' ' text or '*' binary), then the name.
_LINE = re.compile(r"(?P<hash>[0-9a-f]{64}) [ *](?P<name>.+)")


@dataclass(frozen=True)
class SumMismatch:
    """One file whose content no longer matches `SHA256SUMS`; `actual` is "missing" if absent."""

    name: str
    expected: str
    actual: str


def _is_safe_name(name: str) -> bool:
    """Relative, normalised, inside the directory, and needing no coreutils escaping."""
    if name in ("", ".", SUMS_FILENAME) or any(ch in name for ch in "\\\n\r"):
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and path.as_posix() == name and ".." not in path.parts


# How a reader checks a run without asn-merit, on each platform; reports and the README print
# these. Get-FileHash prints upper-case hex and PowerShell's -eq ignores case.
CHECK_LINUX = "sha256sum -c SHA256SUMS"
CHECK_POWERSHELL = ("Get-Content SHA256SUMS | ForEach-Object { $h, $f = $_ -split '  ', 2; "
                    "if ((Get-FileHash -Algorithm SHA256 -LiteralPath $f).Hash -eq $h) "
                    "{ \"OK    $f\" } else { \"FAIL  $f\" } }")
CHECK_CERTUTIL = "certutil -hashfile result.json SHA256"


def write_sha256sums(directory: str | os.PathLike[str], names: Iterable[str]) -> Path:
    """Hash `names` (relative to `directory`) and write `SHA256SUMS` atomically, sorted by name.

    Raises ValueError for a name that is absolute, escapes the directory, is not normalised,
    needs escaping, or is `SHA256SUMS` itself (its own hash cannot be listed inside it).
    """
    root = Path(directory)
    unique = sorted(set(names))
    for name in unique:
        if not _is_safe_name(name):
            raise ValueError(f"unsuitable name for {SUMS_FILENAME}: {name!r}")
    content = "".join(f"{sha256_file(root / name)}  {name}\n" for name in unique)
    target = root / SUMS_FILENAME
    try:
        fd, tmp = tempfile.mkstemp(dir=root, prefix=f".{SUMS_FILENAME}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
            # mkstemp makes the file 0600; give it the mode of the files it lists, so whoever
            # may read the run may also run `sha256sum -c`
            if unique:
                os.chmod(tmp, stat.S_IMODE((root / unique[0]).stat().st_mode))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputOutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target


def read_sha256sums(directory: str | os.PathLike[str]) -> dict[str, str]:
    """Parse `SHA256SUMS` into name → hash; a missing or malformed file fails verification."""
    path = Path(directory) / SUMS_FILENAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise VerificationError(f"{path} is missing") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputOutputError(f"cannot read {path}: {exc}") from exc
    sums: dict[str, str] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        match = _LINE.fullmatch(line)
        if match is None:
            raise VerificationError(f"{path}:{lineno}: not a sha256sum line")
        name = match["name"]
        if not _is_safe_name(name):
            raise VerificationError(f"{path}:{lineno}: unsafe file name {name!r}")
        if name in sums:
            raise VerificationError(f"{path}:{lineno}: {name!r} listed twice")
        sums[name] = match["hash"]
    return sums


def check_sha256sums(directory: str | os.PathLike[str]) -> list[SumMismatch]:
    """Re-hash every listed file; an empty list means all match (what `sha256sum -c` checks)."""
    root = Path(directory)
    mismatches: list[SumMismatch] = []
    for name, expected in read_sha256sums(root).items():
        file = root / name
        actual = sha256_file(file) if file.is_file() else MISSING
        if actual != expected:
            mismatches.append(SumMismatch(name=name, expected=expected, actual=actual))
    return mismatches
