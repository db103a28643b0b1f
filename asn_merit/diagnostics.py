"""Problems found in policies and rosters, collected in full and rendered together.

A policy problem points at a YAML position; a roster problem at a sheet row and column.
Both share one shape so the CLI can print, count and serialise them the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Span:
    """1-based position in a source file."""

    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Diagnostic:
    """A policy problem: `file:line:col: severity[code] message` plus an optional hint."""

    code: str
    message: str
    severity: Severity = Severity.ERROR
    span: Span | None = None
    path: str = ""
    hint: str = ""
    log_message: str = ""  # the message without personal data, for --log-format json

    def render(self) -> str:
        where = f"{self.span.file}:{self.span.line}:{self.span.column}: " if self.span else ""
        text = f"{where}{self.severity.value}[{self.code}] {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "hint": self.hint,
        }
        if self.span:
            out.update(file=self.span.file, line=self.span.line, column=self.span.column)
        return out


@dataclass(frozen=True)
class RosterFinding:
    """A roster problem located by file, sheet, Excel row and column header."""

    code: str
    message: str
    severity: Severity = Severity.ERROR
    file: str = ""
    sheet: str | None = None
    excel_row: int | None = None
    column: str | None = None
    value: str | None = None
    employee_id: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    log_message: str = ""  # the message without cell values, for --log-format json

    def render(self) -> str:
        place = self.file
        if self.sheet:
            place += f"[{self.sheet}]"
        if self.excel_row is not None:
            place += f":row {self.excel_row}"
        if self.column:
            place += f":column '{self.column}'"
        value = f" (value {self.value!r})" if self.value is not None else ""
        return f"{place}: {self.severity.value}[{self.code}] {self.message}{value}"

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items()
                if v not in (None, {}, "") and k != "log_message"}
