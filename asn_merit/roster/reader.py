"""Read a roster file into text cells, keeping what a finding must name: file, sheet, row.

Cells are read as text plus a flag for numeric cells, because typing happens later against
the policy's contract, and because an id stored as a number has already lost digits.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook

from asn_merit.diagnostics import RosterFinding, Severity
from asn_merit.errors import InputOutputError, RosterError
from asn_merit.roster.safety import check_workbook_bytes, has_macros
from asn_merit.roster.types import normalise_key_text

HEADER_SCAN_ROWS = 30
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", ".parquet")


@dataclass(frozen=True)
class InputFile:
    path: str
    sha256: str
    bytes: int
    sheet: str | None
    header_row: int
    rows_read: int


@dataclass
class RawRoster:
    """Text cells by header, with spreadsheet row numbers and numeric-cell flags."""

    source: InputFile
    headers: list[str]
    cells: dict[str, pd.Series]
    numeric: dict[str, pd.Series]
    rows: pd.Series
    findings: list[RosterFinding] = field(default_factory=list)
    repeated_headers: list[str] = field(default_factory=list)


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Excel keeps 15 significant digits; show big numbers the way Excel would
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _find_header_row(grid: list[list[object]], wanted: set[str]) -> int:
    """0-based index of the row that names the most wanted headers (title rows sit above)."""
    best, best_hits = 0, 0
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        hits = sum(1 for v in row if isinstance(v, str) and normalise_key_text(v) in wanted)
        if hits > best_hits:
            best, best_hits = i, hits
    return best


def _from_grid(grid: list[list[object]], wanted: set[str], header_row: int | None,
               every_column: bool,
               source: dict[str, object], findings: list[RosterFinding]) -> RawRoster:
    index = header_row - 1 if header_row else _find_header_row(grid, wanted)
    if index >= len(grid):
        raise InputOutputError(f"{source['path']}: header row {index + 1} is past the last row")
    width = max((len(r) for r in grid), default=0)
    header_cells = list(grid[index]) + [None] * (width - len(grid[index]))
    body = [list(r) + [None] * (width - len(r)) for r in grid[index + 1:]]
    rows = list(range(index + 2, index + 2 + len(body)))
    keep = [i for i, r in enumerate(body) if any(_cell_text(v) is not None for v in r)]
    body = [body[i] for i in keep]
    rows = [rows[i] for i in keep]
    headers: list[str] = []
    repeated: list[str] = []
    cells: dict[str, pd.Series] = {}
    numeric: dict[str, pd.Series] = {}
    columns = list(zip(*body, strict=True)) if body else [()] * width
    for col, raw_header in enumerate(header_cells):
        header = _cell_text(raw_header) or f"(column {col + 1})"
        if header in headers:
            repeated.append(header)  # the contract refuses it if the policy reads this column
            continue
        headers.append(header)
        if not every_column and normalise_key_text(header) not in wanted:
            continue  # listed as ignored in the manifest, never typed: reading stays cheap
        values = columns[col]
        cells[header] = pd.Series([_cell_text(v) for v in values], dtype="string")
        numeric[header] = pd.Series([_is_number(v) for v in values], dtype=bool)
    info = InputFile(
        path=str(source["path"]), sha256=str(source["sha256"]), bytes=int(source["bytes"]),
        sheet=source.get("sheet"), header_row=index + 1, rows_read=len(body))
    return RawRoster(info, headers, cells, numeric, pd.Series(rows, dtype="int64"), findings,
                     repeated)


def _header_hits(grid: list[list[object]], wanted: set[str]) -> int:
    return max((sum(1 for v in row if isinstance(v, str) and normalise_key_text(v) in wanted)
                for row in grid[:HEADER_SCAN_ROWS]), default=0)


def _xlsx_grid(data: bytes, path: Path, sheet: str | None, wanted: set[str],
               findings: list[RosterFinding]) -> tuple[list[list[object]], str]:
    """The named sheet, else the visible sheet whose header names the most wanted columns."""
    check_workbook_bytes(data, path)
    if has_macros(data):
        findings.append(RosterFinding("roster.macros", "the workbook contains macros; they were "
                                      "not run, only cell values were read", Severity.WARNING,
                                      file=str(path)))
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        if sheet is not None:
            if sheet not in names:
                raise RosterError([RosterFinding(
                    "roster.missing-sheet", f"no sheet named '{sheet}'; sheets: "
                    f"{', '.join(names)}", file=str(path))])
            return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False), sheet
        visible = [m.name for m in book.sheets_metadata if str(m.visible).endswith("Visible")
                   and "Hidden" not in str(m.visible)] or names
        grids = {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in visible}
    except (CalamineError, ValueError, OSError) as exc:
        raise InputOutputError(f"{path}: not a readable spreadsheet ({exc})") from None
    scores = {n: _header_hits(g, wanted) for n, g in grids.items()}
    best = max(scores.values())
    tied = [n for n, s in scores.items() if s == best]
    if len(tied) > 1 and best > 0:
        raise RosterError([RosterFinding(
            "roster.ambiguous-sheet", f"sheets {', '.join(tied)} all look like the roster; "
            "choose one with --sheet", file=str(path))])
    return grids[tied[0]], tied[0]


def _decode(data: bytes, path: Path, findings: list[RosterFinding]) -> str:
    """UTF-16 by its BOM, else UTF-8 (with or without BOM), else cp1252 with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        findings.append(RosterFinding(
            "roster.encoding", "file is not UTF-8; read as Windows-1252 (cp1252)",
            Severity.WARNING, file=str(path)))
        return data.decode("cp1252", errors="replace")


def _csv_grid(data: bytes, path: Path, findings: list[RosterFinding]) -> list[list[object]]:
    text = _decode(data, path, findings)
    if not text.strip():
        raise InputOutputError(f"{path}: the file is empty")
    lines = [ln for ln in text.splitlines()[:HEADER_SCAN_ROWS] if ln.strip()]
    sample = "\n".join(lines)
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _parquet_raw(data: bytes, source: dict[str, object]) -> RawRoster:
    frame = pd.read_parquet(io.BytesIO(data))
    cells: dict[str, pd.Series] = {}
    numeric: dict[str, pd.Series] = {}
    for name in frame.columns:
        col = frame[name].reset_index(drop=True)
        if pd.api.types.is_datetime64_any_dtype(col):
            text = col.dt.strftime("%Y-%m-%d")
        else:
            text = col.astype("string").str.strip().replace("", pd.NA)
        cells[str(name)] = text.astype("string")
        is_num = pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)
        numeric[str(name)] = pd.Series(is_num, index=col.index, dtype=bool) & col.notna()
    info = InputFile(str(source["path"]), str(source["sha256"]), int(source["bytes"]), None, 1,
                     len(frame))
    rows = pd.Series(range(2, len(frame) + 2), dtype="int64")
    return RawRoster(info, list(cells), cells, numeric, rows)


def read_roster(path: Path, wanted_headers: set[str], sheet: str | None = None,
                header_row: int | None = None, every_column: bool = False) -> RawRoster:
    """Read xlsx/xls/ods, csv or parquet; `wanted_headers` (normalised) locates the header row
    and, unless `every_column`, limits which columns are typed into text."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputOutputError(f"{path}: unsupported file type '{suffix}' (use xlsx, csv or "
                               "parquet)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputOutputError(f"cannot read roster {path}: {exc.strerror or exc}") from None
    source: dict[str, object] = {"path": str(path), "sha256": hashlib.sha256(data).hexdigest(),
                                 "bytes": len(data)}
    findings: list[RosterFinding] = []
    if suffix == ".parquet":
        try:
            return _parquet_raw(data, source)
        except (OSError, ValueError) as exc:
            raise InputOutputError(f"{path}: not a readable parquet file ({exc})") from None
    if suffix in (".csv", ".txt"):
        grid = _csv_grid(data, path, findings)
    else:
        grid, source["sheet"] = _xlsx_grid(data, path, sheet, wanted_headers, findings)
    return _from_grid(grid, wanted_headers, header_row, every_column, source, findings)
