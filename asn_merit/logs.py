"""Diagnostics on stderr as text for people or JSON lines for log collectors.

JSON lines carry level, code, message, file position and run id, never cell values, names or
NIPs, so a log shipped to a central server holds no personal data (UU 27/2022). A problem whose
human message names a person carries a `log_message` without it; as a last guard every JSON
message has NIP- and NIK-shaped digit runs (16 or 18 digits) masked.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass

from asn_merit.diagnostics import Diagnostic, RosterFinding

# 16 (NIK) or 18 (NIP) digits standing alone (spaces allowed between the NIP's four parts);
# a hash is hex, so the letters around its digit runs keep it from matching.
_PERSONAL_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{8} ?\d{6} ?\d ?\d{3}|\d{16})(?![0-9A-Za-z])")
MASK = "[NIP]"


@dataclass
class LogSettings:
    json: bool = False
    quiet: bool = False


SETTINGS = LogSettings()


def mask(message: str) -> str:
    """The message with every NIP- or NIK-shaped number replaced by a mask."""
    return _PERSONAL_NUMBER.sub(MASK, message)


def json_line(level: str, code: str, message: str, **extra: object) -> None:
    record = {"level": level, "code": code, "message": mask(message),
              **{k: v for k, v in extra.items() if v is not None}}
    sys.stderr.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def diagnostic(item: Diagnostic) -> None:
    span = item.span
    json_line(item.severity.value, item.code, item.log_message or item.message,
              file=span.file if span else None, line=span.line if span else None,
              column=span.column if span else None, path=item.path or None)


def finding(item: RosterFinding) -> None:
    """Row and column only: the cell value and the NIP stay out of the log."""
    json_line(item.severity.value, item.code, item.log_message or item.message, file=item.file,
              sheet=item.sheet, row=item.excel_row, column=item.column)
