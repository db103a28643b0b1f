"""Diagnostics on stderr as text for people or JSON lines for log collectors.

JSON lines carry level, code, message, file position and run id, never cell values or NIPs,
so a log shipped to a central server holds no personal data (UU 27/2022).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from asn_merit.diagnostics import Diagnostic, RosterFinding


@dataclass
class LogSettings:
    json: bool = False
    quiet: bool = False


SETTINGS = LogSettings()


def json_line(level: str, code: str, message: str, **extra: object) -> None:
    record = {"level": level, "code": code, "message": message,
              **{k: v for k, v in extra.items() if v is not None}}
    sys.stderr.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def diagnostic(item: Diagnostic) -> None:
    span = item.span
    json_line(item.severity.value, item.code, item.message, file=span.file if span else None,
              line=span.line if span else None, column=span.column if span else None)


def finding(item: RosterFinding) -> None:
    """Row and column only: the cell value and the NIP stay out of the log."""
    json_line(item.severity.value, item.code, item.message, file=item.file, sheet=item.sheet,
              row=item.excel_row, column=item.column)
