"""Refuse spreadsheet files that would hang or exhaust the machine before parsing them.

An xlsx is a zip: a crafted one can inflate a few kilobytes into gigabytes. We read the zip's
central directory (cheap, nothing inflated) and refuse past documented limits.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from asn_merit.errors import InputOutputError

MAX_UNCOMPRESSED_BYTES = 4 * 1024**3  # a 1M-row, 20-column sheet inflates to well under 1 GiB
MAX_COMPRESSION_RATIO = 250  # real workbooks compress 5-30x; bombs compress 1000x and more
MAX_ZIP_ENTRIES = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def check_workbook_bytes(data: bytes, path: Path) -> None:
    """Raise InputOutputError for empty, encrypted, non-spreadsheet or bomb-like files."""
    suffix = path.suffix.lower()
    if not data:
        raise InputOutputError(f"{path}: the file is empty (0 bytes)")
    if data.startswith(OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise InputOutputError(f"{path}: the workbook is password-protected; save a copy "
                                   "without a password (File → Info → Protect Workbook)")
        if suffix != ".xls":
            raise InputOutputError(f"{path}: this is an old binary Excel file; rename it to "
                                   ".xls or save it as .xlsx")
        return
    if suffix == ".xls":
        raise InputOutputError(f"{path}: not an Excel 97-2003 (.xls) file")
    if not data.startswith(ZIP_MAGIC):
        raise InputOutputError(f"{path}: not an xlsx/ods workbook (the file does not start "
                               "like one; is it a CSV or PDF renamed?)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise InputOutputError(f"{path}: the workbook is damaged or truncated ({exc})") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise InputOutputError(f"{path}: {len(entries)} parts inside the workbook; refusing "
                               f"more than {MAX_ZIP_ENTRIES}")
    inflated = sum(e.file_size for e in entries)
    packed = max(sum(e.compress_size for e in entries), 1)
    if inflated > MAX_UNCOMPRESSED_BYTES or inflated / packed > MAX_COMPRESSION_RATIO:
        raise InputOutputError(
            f"{path}: the workbook would inflate to {inflated:,} bytes ({inflated / packed:.0f}x "
            f"its size); refusing past {MAX_UNCOMPRESSED_BYTES:,} bytes or "
            f"{MAX_COMPRESSION_RATIO}x (a zip bomb or a damaged file)")


def has_macros(data: bytes) -> bool:
    return b"vbaProject.bin" in data[-65536:] or b"vbaProject.bin" in data
