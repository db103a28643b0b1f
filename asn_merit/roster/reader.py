"""Read a roster file into text cells, keeping what a finding must name: file, sheet, row.

Cells are read as text plus a flag for numeric cells, because typing happens later against
the policy's contract, and because an id stored as a number has already lost digits.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import fastexcel
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from python_calamine import CalamineError, CalamineWorkbook

from asn_merit.diagnostics import RosterFinding, Severity
from asn_merit.errors import InputOutputError, RosterError
from asn_merit.roster.safety import check_workbook_bytes, has_macros
from asn_merit.roster.types import normalise_key_text

HEADER_SCAN_ROWS = 30
# A column with no value below the header has no type; fastexcel reads it as text (what we
# want) and says so on stderr for every such column. Not a problem worth a line for the user.
logging.getLogger("fastexcel.types.dtype").setLevel(logging.ERROR)
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
    # several files read as one (roster/multi.py): every file, and each row's file in it
    sources: list[InputFile] = field(default_factory=list)
    file_of_row: np.ndarray | None = None


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


def _check_workbook(data: bytes, path: Path, findings: list[RosterFinding]) -> None:
    """Refuse hostile workbooks (safety.py); note macros, which are never run."""
    check_workbook_bytes(data, path)
    if has_macros(data):
        findings.append(RosterFinding("roster.macros", "the workbook contains macros; they were "
                                      "not run, only cell values were read", Severity.WARNING,
                                      file=str(path)))


def _xlsx_grid(data: bytes, path: Path, sheet: str | None, wanted: set[str],
               findings: list[RosterFinding]) -> tuple[list[list[object]], str]:
    """The named sheet, else the visible sheet whose header names the most wanted columns."""
    _check_workbook(data, path, findings)
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
    chosen = _best_sheet({n: _header_hits(g, wanted) for n, g in grids.items()}, path)
    return grids[chosen], chosen


def _best_sheet(scores: dict[str, int], path: Path) -> str:
    """The sheet whose header names the most wanted columns; a tie between candidates is an
    error rather than a guess."""
    best = max(scores.values())
    tied = [n for n, s in scores.items() if s == best]
    if len(tied) > 1 and best > 0:
        raise RosterError([RosterFinding(
            "roster.ambiguous-sheet", f"sheets {', '.join(tied)} all look like the roster; "
            "choose one with --sheet", file=str(path))])
    return tied[0]


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


def _parquet_raw(data: bytes, source: dict[str, object], wanted: set[str] | None = None
                 ) -> RawRoster:
    """Columns as text like pandas' astype("string") shows them; only `wanted` columns (by
    normalised header) are turned into text unless `wanted` is None."""
    table = pq.read_table(io.BytesIO(data))
    cells: dict[str, pd.Series] = {}
    numeric: dict[str, pd.Series] = {}
    for name, chunks in zip(table.column_names, table.columns, strict=True):
        header = str(name)
        if wanted is not None and normalise_key_text(header) not in wanted:
            cells[header] = numeric[header] = None  # type: ignore[assignment]
            continue
        column = chunks.combine_chunks()
        if pa.types.is_dictionary(column.type):
            column = column.dictionary_decode()
        kind = column.type
        flags = np.zeros(len(column), dtype=bool)
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            text = pc.utf8_trim_whitespace(column.cast(pa.large_string()))
            text = pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)
            series = pd.Series(pd.arrays.ArrowStringArray(text))
        elif pa.types.is_timestamp(kind) and kind.tz is None:
            text = _date_text(column)
            series = pd.Series(pd.arrays.ArrowStringArray(text))
        else:
            col = column.to_pandas()
            if pd.api.types.is_datetime64_any_dtype(col):
                series = col.dt.strftime("%Y-%m-%d").astype("string")
            else:
                series = col.astype("string").str.strip().replace("", pd.NA).astype("string")
            if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
                flags = col.notna().to_numpy(dtype=bool)
        cells[header] = series
        numeric[header] = pd.Series(flags, dtype=bool)
    headers = list(cells)
    cells = {h: c for h, c in cells.items() if c is not None}
    numeric = {h: c for h, c in numeric.items() if c is not None}
    info = InputFile(str(source["path"]), str(source["sha256"]), int(source["bytes"]), None, 1,
                     table.num_rows)
    rows = pd.Series(np.arange(2, table.num_rows + 2), dtype="int64")
    return RawRoster(info, headers, cells, numeric, rows)


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
            return _parquet_raw(data, source, None if every_column else wanted_headers)
        except (OSError, ValueError, pa.ArrowException) as exc:
            raise InputOutputError(f"{path}: not a readable parquet file ({exc})") from None
    if suffix in (".csv", ".txt"):
        table = _csv_table(data, path, findings)
        if table is None:  # rows wider than the header block: the exact, slower reader
            grid = _csv_grid(data, path, findings)
            return _from_grid(grid, wanted_headers, header_row, every_column, source, findings)
        return _from_table(table, wanted_headers, header_row, every_column, source, findings)
    return _xlsx_raw(data, path, sheet, wanted_headers, header_row, every_column, source,
                     findings)


# --- column-at-a-time reading (Arrow) ----------------------------------------------------------
# The grid functions above handle one cell at a time in Python; they remain the exact reference
# and the fallback for the rare sheet whose columns mix cell types (see `_xlsx_raw`). The
# functions below read whole columns with fastexcel (xlsx, ods, xls) or pandas' C parser (csv)
# and never loop over rows in Python.

_PY_STRIP = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "  # str.strip()'s ASCII whitespace


@dataclass
class _Table:
    """Cells of one sheet as Arrow text columns, before the header is chosen.

    ``scan`` holds the first rows (title block and header) as Python values, ``columns`` the
    whole sheet as text (None for blank) and ``numeric`` which cells were numbers (None when
    the source has no cell types, as in CSV). ``absolute`` is each column's 0-based position
    in the sheet (A = 0) and ``first_row`` the 1-based row of ``columns``' first element.
    """

    scan: list[list[object]]
    columns: list[pa.Array]
    numeric: list[np.ndarray | None]
    absolute: list[int]
    first_row: int
    width: int
    total_rows: int
    stripped: list[bool] = field(default_factory=list)  # False: raw text, cleaned on use


def _strip_blank(values: pa.Array) -> pa.Array:
    """`_cell_text` for text cells: strip, and "" becomes blank; once per distinct value."""
    values = values.cast(pa.large_string())
    encoded = pc.dictionary_encode(values)
    uniques = encoded.dictionary
    out = pc.utf8_trim(uniques, _PY_STRIP)
    is_ascii = pc.string_is_ascii(uniques)
    if len(uniques) and not pc.all(is_ascii).as_py():
        other = pc.invert(is_ascii)
        fixed = [v.strip() for v in pc.filter(uniques, other).to_pylist()]
        out = pc.replace_with_mask(out, other, pa.array(fixed, out.type))
    out = pc.if_else(pc.equal(out, ""), pa.scalar(None, out.type), out)
    return pc.take(out, encoded.indices)


def _from_table(table: _Table, wanted: set[str], header_row: int | None, every_column: bool,
                source: dict[str, object], findings: list[RosterFinding]) -> RawRoster:
    """`_from_grid` over Arrow columns: same headers, rows, blanks and numeric flags."""
    index = header_row - 1 if header_row else _find_header_row(table.scan, wanted)
    if index >= table.total_rows:
        raise InputOutputError(f"{source['path']}: header row {index + 1} is past the last row")
    header_by_abs: dict[int, object] = {}
    if index < len(table.scan):
        header_by_abs = dict(enumerate(table.scan[index]))
    start = index + 1 - (table.first_row - 1)  # first body element in `columns`
    by_abs = dict(zip(table.absolute, range(len(table.columns)), strict=True))
    headers: list[str] = []
    repeated: list[str] = []
    chosen: dict[str, int | None] = {}  # header -> position in `columns` (None: no cells)
    for col in range(table.width):
        header = _cell_text(header_by_abs.get(col)) or f"(column {col + 1})"
        if header in headers:
            repeated.append(header)
            continue
        headers.append(header)
        if every_column or normalise_key_text(header) in wanted:
            chosen[header] = by_abs.get(col)
    body = [c.slice(start) for c in table.columns]
    for position in chosen.values():
        if position is not None and not table.stripped[position]:
            body[position] = _strip_blank(body[position])
    height = len(body[0]) if body else 0
    rows = np.arange(index + 2, index + 2 + height, dtype="int64")
    keep = np.zeros(height, dtype=bool)
    selected = {p for p in chosen.values() if p is not None}
    for position, column in enumerate(body):  # cleaned columns first: usually decide it all
        if table.stripped[position] or position in selected:
            keep |= column.is_valid().to_numpy(zero_copy_only=False)
    for position, column in enumerate(body):
        if table.stripped[position] or position in selected or keep.all():
            continue
        undecided = np.flatnonzero(~keep)
        found = _strip_blank(pc.take(column, pa.array(undecided))).is_valid()
        keep[undecided[found.to_numpy(zero_copy_only=False)]] = True
    kept = pa.array(np.flatnonzero(keep))
    cells: dict[str, pd.Series] = {}
    numeric: dict[str, pd.Series] = {}
    for header, position in chosen.items():
        if position is None:  # an empty column left of the used range
            values = pa.nulls(len(kept), pa.large_string())
            flags = np.zeros(len(kept), dtype=bool)
        else:
            values = pc.take(body[position], kept)
            flag = table.numeric[position]
            flags = (np.zeros(len(kept), dtype=bool) if flag is None
                     else flag[start:][keep])
        cells[header] = pd.Series(pd.arrays.ArrowStringArray(values.cast(pa.large_string())))
        numeric[header] = pd.Series(flags, dtype=bool)
    info = InputFile(
        path=str(source["path"]), sha256=str(source["sha256"]), bytes=int(source["bytes"]),
        sheet=source.get("sheet"), header_row=index + 1, rows_read=len(kept))
    return RawRoster(info, headers, cells, numeric, pd.Series(rows[keep], dtype="int64"),
                     findings, repeated)


def _arrow_text(column: pd.Series) -> pa.Array:
    """A text column as one Arrow array (no Python objects for Arrow-backed strings)."""
    if isinstance(column.array, pd.arrays.ArrowStringArray) or hasattr(column.array,
                                                                      "__arrow_array__"):
        values = column.array.__arrow_array__()
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
            return values.cast(pa.large_string())
    return pa.array(column.to_numpy(dtype=object), pa.large_string(), from_pandas=True)


def _date_text(column: pa.Array) -> pa.Array:
    """Timestamps as "YYYY-MM-DD" (the date part), by Arrow casts rather than strftime."""
    day = pc.floor_temporal(column, unit="day")
    return pc.cast(pc.cast(day, pa.date32()), pa.large_string())


def _csv_table(data: bytes, path: Path, findings: list[RosterFinding]) -> _Table | None:
    """The CSV as text columns, or None when a row is wider than the first rows suggest."""
    warned = len(findings)
    text = _decode(data, path, findings)
    if not text.strip():
        raise InputOutputError(f"{path}: the file is empty")
    # the first MiB holds the rows that decide the delimiter; splitting every row is slow
    lines = [ln for ln in text[:1 << 20].splitlines()[:HEADER_SCAN_ROWS] if ln.strip()]
    sample = "\n".join(lines)
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    head = io.StringIO(text, newline="")
    scan: list[list[object]] = []
    for record in csv.reader(head, delimiter=delimiter):
        scan.append(list(record))
        if len(scan) == HEADER_SCAN_ROWS:
            break
    width = max((len(r) for r in scan), default=0)
    if width == 0:
        return None
    utf8 = len(findings) == warned and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    payload = data.removeprefix(b"\xef\xbb\xbf") if utf8 else text.encode("utf-8")
    columns = _arrow_csv(payload, delimiter, width)
    if columns is None:
        try:
            frame = pd.read_csv(io.StringIO(text, newline=""), sep=delimiter, header=None,
                                names=list(range(width)), dtype=str, na_filter=False,
                                skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL, engine="c",
                                keep_default_na=False, index_col=False)
        except (pd.errors.ParserError, ValueError):
            return None
        columns = [_arrow_text(frame[c]) for c in frame.columns]
    return _Table([[v if v != "" else None for v in r] for r in scan], columns,
                  [None] * width, list(range(width)), 1, width, len(columns[0]), [False] * width)


def _arrow_csv(payload: bytes, delimiter: str, width: int) -> list[pa.Array] | None:
    """Every column as text with Arrow's CSV reader (7x faster than pandas' C parser asked for
    str at a million rows), or None when a row is blank or of another width: pandas' parser
    then keeps such rows as rows, so spreadsheet row numbers stay right."""
    names = [f"c{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(payload),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, quote_char='"',
                                              double_quote=True, newlines_in_values=True,
                                              ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowInvalid:
        return None
    return [_one_array(column) for column in table.columns]


def _one_array(column: pa.ChunkedArray) -> pa.Array:
    """utf8 chunks as one large_utf8 array: combining utf8 then casting is 30x faster than
    combining large_utf8; a column past 2 GiB of text cannot combine as utf8."""
    try:
        return column.combine_chunks().cast(pa.large_string())
    except pa.ArrowInvalid:
        return column.cast(pa.large_string()).combine_chunks()


def _xlsx_raw(data: bytes, path: Path, sheet: str | None, wanted: set[str],
              header_row: int | None, every_column: bool, source: dict[str, object],
              findings: list[RosterFinding]) -> RawRoster:
    """Read a workbook with fastexcel, column at a time; calamine for sheets it can't type.

    fastexcel types a whole column at once. A column whose cells mix types (a number among
    text NIPs, text among dates) has no single type, and the exact per-cell answer matters
    (a numeric NIP is an error, a date cell reads as a date): such sheets are read cell by cell
    with python-calamine, like before.
    """
    _check_workbook(data, path, findings)
    try:
        book = fastexcel.read_excel(data)
        names = book.sheet_names
        if sheet is not None and sheet not in names:
            raise RosterError([RosterFinding(
                "roster.missing-sheet", f"no sheet named '{sheet}'; sheets: "
                f"{', '.join(names)}", file=str(path))])
        scans = {}
        for name in [sheet] if sheet is not None else names:
            scanned = book.load_sheet(name, header_row=None, skip_rows=0,
                                      n_rows=max(HEADER_SCAN_ROWS, header_row or 0),
                                      dtypes="string")
            scans[name] = (scanned, _scan_rows(scanned))
        if sheet is None:
            visible = [n for n in names if scans[n][0].visible == "visible"] or names
            sheet = _best_sheet({n: _header_hits(scans[n][1], wanted) for n in visible}, path)
        source["sheet"] = sheet
        scanned, scan = scans[sheet]
        index = header_row - 1 if header_row else _find_header_row(scan, wanted)
        if index >= len(scan):
            raise InputOutputError(f"{source['path']}: header row {index + 1} is past the "
                                   "last row")
        table = _typed_table(book, sheet, scanned, scan, index, wanted, every_column)
    except fastexcel.FastExcelError as exc:
        if "unsupported column type combination" not in str(exc):
            raise InputOutputError(f"{path}: not a readable spreadsheet ({exc})") from None
        table = None
    if table is None:
        try:
            grid = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(
                sheet).to_python(skip_empty_area=False)
        except (CalamineError, ValueError, OSError) as exc:
            raise InputOutputError(f"{path}: not a readable spreadsheet ({exc})") from None
        return _from_grid(grid, wanted, header_row, every_column, source, findings)
    return _from_table(table, wanted, index + 1, every_column, source, findings)


def _scan_rows(scanned: fastexcel.ExcelSheet) -> list[list[object]]:
    """The first rows as a grid from column A (fastexcel starts at the first used column)."""
    batch = scanned.to_arrow()
    offset = scanned.available_columns()[0].absolute_index if batch.num_columns else 0
    columns = [[None] * batch.num_rows for _ in range(offset)]
    columns += [c.to_pylist() for c in batch.columns]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def _typed_table(book: fastexcel.ExcelReader, sheet: str, scanned: fastexcel.ExcelSheet,
                 scan: list[list[object]], index: int, wanted: set[str],
                 every_column: bool) -> _Table | None:
    """Body columns below the header as text, from whole-column types; None if mixed."""
    infos = scanned.available_columns()
    header = scan[index] if index < len(scan) else []
    typed = [c.name for c in infos if every_column or (
        c.absolute_index < len(header) and isinstance(header[c.absolute_index], str)
        and normalise_key_text(header[c.absolute_index]) in wanted)]
    # by name: fastexcel's integer positions count from column A, its names from the used range
    dtypes = {c.name: "string" for c in infos if c.name not in typed}
    body = book.load_sheet(sheet, header_row=None, skip_rows=index + 1, schema_sample_rows=None,
                           dtype_coercion="strict", dtypes=dtypes or None)
    batch = body.to_arrow()
    columns: list[pa.Array] = []
    numeric: list[np.ndarray | None] = []
    stripped: list[bool] = []
    for info, column in zip(body.available_columns(), batch.columns, strict=True):
        if info.name in dtypes:  # not read by the policy: cleaned only if needed (blank rows)
            columns.append(column.cast(pa.large_string()))
            numeric.append(None)
            stripped.append(False)
            continue
        text, flags = _column_text(column)
        if text is None:
            return None
        columns.append(text)
        numeric.append(flags)
        stripped.append(True)
    absolute = [c.absolute_index for c in body.available_columns()]
    width = max([len(r) for r in scan] + [a + 1 for a in absolute] + [0])
    height = len(columns[0]) if columns else 0
    return _Table(scan, columns, numeric, absolute, index + 2, width, index + 1 + height,
                  stripped)


def _column_text(column: pa.Array) -> tuple[pa.Array | None, np.ndarray]:
    """`_cell_text` for a whole typed column, with the numeric-cell flags."""
    kind = column.type
    none = np.zeros(len(column), dtype=bool)
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return _strip_blank(column), none
    if pa.types.is_boolean(kind):
        return pc.if_else(column, "true", "false").cast(pa.large_string()), none
    if pa.types.is_floating(kind) or pa.types.is_integer(kind):
        return _number_text(column.cast(pa.float64())), column.is_valid().to_numpy(
            zero_copy_only=False)
    if pa.types.is_date(kind):
        return pc.cast(column.cast(pa.date32()), pa.large_string()), none
    if pa.types.is_timestamp(kind):
        micros = column.cast(pa.timestamp("us"))
        midnight = pc.equal(micros, pc.floor_temporal(micros, unit="day"))
        text = _date_text(micros)
        if not pc.all(midnight).as_py():
            seconds = pc.cast(micros, pa.timestamp("s"), safe=False)
            text = pc.if_else(midnight, text, pc.strftime(seconds, _DATETIME_FORMAT).cast(
                pa.large_string()))
        return text, none
    return None, none  # durations and anything else: the exact reader decides


def _number_text(values: pa.Array) -> pa.Array:
    """Numbers as `_cell_text` shows them: whole numbers below 1e15 as integers, the rest with
    Excel's 15 significant digits (formatted once per distinct value)."""
    array = values.to_numpy(zero_copy_only=False)
    whole = np.isfinite(array) & (array == np.round(array)) & (np.abs(array) < 1e15)
    as_int = pc.cast(pc.if_else(pa.array(whole), values, 0.0), pa.int64()).cast(pa.large_string())
    text = pc.if_else(pa.array(whole), as_int, pa.scalar(None, pa.large_string()))
    rest = ~whole & ~np.isnan(array)
    if rest.any():
        distinct, inverse = np.unique(array[rest], return_inverse=True)
        shown = np.array([f"{v:.15g}" for v in distinct.tolist()], dtype=object)
        filled = np.full(len(array), None, dtype=object)
        filled[rest] = shown[inverse]
        text = pc.coalesce(text, pa.array(filled, pa.large_string()))
    return pc.if_else(values.is_valid(), text, pa.scalar(None, pa.large_string()))
