"""Read a roster file into text cells, keeping what a finding must name: file, sheet, row.

Cells are read as text plus a flag for numeric cells, because typing happens later against
the policy's contract, and because an id stored as a number has already lost digits.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
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
from asn_merit.roster.layout import (
    HeaderBlock,
    Merge,
    classify_rows,
    find_header,
    header_hits,
    id_like,
    xlsx_merges,
)
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


def _grid_table(grid: list[list[object]]) -> _Table:
    """A whole grid (cell by cell, the exact reader) as the column table `_from_table` reads."""
    width = max((len(r) for r in grid), default=0)
    padded = [list(r) + [None] * (width - len(r)) for r in grid]
    columns = list(zip(*padded, strict=True)) if padded else [()] * width
    return _Table(padded[:HEADER_SCAN_ROWS],
                  [pa.array([_cell_text(v) for v in c], pa.large_string()) for c in columns],
                  [np.array([_is_number(v) for v in c], dtype=bool) for c in columns],
                  list(range(width)), 1, width, len(grid), [True] * width)


def _from_grid(grid: list[list[object]], wanted: set[str], header_row: int | None,
               every_column: bool, source: dict[str, object], findings: list[RosterFinding],
               layout: _Layout | None = None) -> RawRoster:
    """The cell-by-cell reader (the reference the column readers are tested against)."""
    return _from_table(_grid_table(grid), wanted, header_row, every_column, source, findings,
                       layout or _Layout())


def _check_workbook(data: bytes, path: Path, findings: list[RosterFinding]) -> None:
    """Refuse hostile workbooks (safety.py); note macros, which are never run."""
    check_workbook_bytes(data, path)
    if has_macros(data):
        findings.append(RosterFinding("roster.macros", "the workbook contains macros; they were "
                                      "not run, only cell values were read", Severity.WARNING,
                                      file=str(path)))


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
    delimiter = _delimiter(text, path)
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


DELIMITERS = (",", ";", "|", "\t")


def _delimiter(text: str, path: Path) -> str:
    """The delimiter that splits the first lines into the same number (2 or more) of fields
    most often: comma, semicolon (Excel in an Indonesian locale), pipe (SIASN downloads) or tab.
    Two that split them equally well are refused: the columns would be a guess."""
    lines = [ln for ln in text[:1 << 20].splitlines()[:HEADER_SCAN_ROWS] if ln.strip()]
    scores: dict[str, tuple[int, int]] = {}
    for delimiter in DELIMITERS:
        widths = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        common = max(set(widths), key=lambda w: (widths.count(w), w))
        if common >= 2:
            scores[delimiter] = (widths.count(common), common)
    if not scores:
        return ","
    best = max(scores.values())
    tied = [d for d, score in scores.items() if score[0] == best[0]]
    if len(tied) > 1:
        shown = ", ".join(f"{_DELIMITER_NAMES[d]} ({scores[d][1]} columns)" for d in tied)
        raise RosterError([RosterFinding(
            "roster.ambiguous-delimiter", f"cannot tell which character separates the columns: "
            f"{shown} each split {best[0]} of the first {len(lines)} lines evenly; save the "
            "file with one delimiter (Excel: Save As CSV UTF-8)", file=str(path), excel_row=1)])
    return next(d for d, score in scores.items() if score == best)


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "|": "pipe", "\t": "tab"}


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
                header_row: int | None = None, every_column: bool = False,
                id_headers: set[str] | frozenset[str] = frozenset(),
                section_headers: Sequence[str] = ()) -> RawRoster:
    """Read xlsx/xls/ods, csv or parquet; `wanted_headers` (normalised) locates the header row
    and, unless `every_column`, limits which columns are typed into text. `id_headers`
    (normalised) name the id column: rows whose id cell holds no id are where section, total
    and signature rows are looked for. `section_headers`: the header spellings of the field the
    policy fills from unit section rows (roster.section_rows_into)."""
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
    # a frozenset subclass (binding.HeaderKeys) keeps its own membership test
    id_keys = id_headers if isinstance(id_headers, frozenset) else frozenset(id_headers)
    if suffix in (".csv", ".txt"):
        table = _csv_table(data, path, findings)
        if table is None:  # rows wider than the header block: the exact, slower reader
            table = _grid_table(_csv_grid(data, path, findings))
        return _from_table(table, wanted_headers, header_row, every_column, source, findings,
                           _Layout(None, id_keys, None, tuple(section_headers)))
    return _xlsx_raw(data, path, sheet, wanted_headers, header_row, every_column, source,
                     findings, _Layout(None, id_keys, None, tuple(section_headers)))


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


@dataclass(frozen=True)
class _Layout:
    """What finding the people needs beyond the wanted headers: the sheet's merged cells (None:
    not known, as in CSV), the id column's header keys, and the header chosen for the sheet
    (None: find it)."""

    merges: list[Merge] | None = None
    id_keys: frozenset[str] = frozenset()
    block: HeaderBlock | None = None
    section_headers: tuple[str, ...] = ()  # carry section rows into a column of this name


def _header_key(header: str) -> str:
    return normalise_key_text(header)


def _from_table(table: _Table, wanted: set[str], header_row: int | None, every_column: bool,
                source: dict[str, object], findings: list[RosterFinding],
                layout: _Layout = _Layout()) -> RawRoster:
    """Headers, people and their cells from a sheet's column table: the header block found
    (layout.py), merged cells filled down, and rows that are not people left out and listed."""
    block = layout.block or find_header(table.scan, wanted, _header_key, layout.merges,
                                        header_row)
    index = block.last
    if index >= table.total_rows:
        raise InputOutputError(f"{source['path']}: header row {index + 1} is past the last row")
    body_first = index + 1 if block.column_numbers is None else block.column_numbers + 1
    start = body_first - (table.first_row - 1)  # first body element in `columns`
    by_abs = dict(zip(table.absolute, range(len(table.columns)), strict=True))
    headers: list[str] = []
    repeated: list[str] = []
    chosen: dict[str, int | None] = {}  # header -> position in `columns` (None: no cells)
    id_position: int | None = None
    for col in range(table.width):
        name = block.names[col] if col < len(block.names) else None
        header = name or f"(column {col + 1})"
        if header in headers:
            repeated.append(header)
            continue
        headers.append(header)
        if every_column or _header_key(header) in wanted:
            chosen[header] = by_abs.get(col)
            if _header_key(header) in layout.id_keys:
                id_position = by_abs.get(col)
    body = [c.slice(max(start, 0)) for c in table.columns]
    flags_of = [None if f is None else f[max(start, 0):] for f in table.numeric]
    _fill_merged_down(body, flags_of, table, layout.merges, body_first)
    for position in chosen.values():
        if position is not None and not table.stripped[position]:
            body[position] = _strip_blank(body[position])
    height = len(body[0]) if body else 0
    rows = np.arange(body_first + 1, body_first + 1 + height, dtype="int64")
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
    where = {"file": str(source["path"]), "sheet": source.get("sheet")}
    if block.column_numbers is not None:
        findings.append(RosterFinding(
            "roster.column-numbers", "a row of column numbers under the header was skipped",
            Severity.INFO, excel_row=block.column_numbers + 1, **where))
    sections: dict[int, str | None] = {}
    if id_position is not None:
        sections = _skip_non_people(body, table.stripped, id_position, keep, rows, findings,
                                    where)
    kept = pa.array(np.flatnonzero(keep))
    cells: dict[str, pd.Series] = {}
    numeric: dict[str, pd.Series] = {}
    for header, position in chosen.items():
        if position is None:  # an empty column left of the used range
            values = pa.nulls(len(kept), pa.large_string())
            flags = np.zeros(len(kept), dtype=bool)
        else:
            values = pc.take(body[position], kept)
            flag = flags_of[position]
            flags = np.zeros(len(kept), dtype=bool) if flag is None else flag[keep]
        cells[header] = pd.Series(pd.arrays.ArrowStringArray(values.cast(pa.large_string())))
        numeric[header] = pd.Series(flags, dtype=bool)
    if layout.section_headers:
        _carry_sections(layout.section_headers, sections, keep, headers, cells, numeric,
                        findings, where)
    info = InputFile(
        path=str(source["path"]), sha256=str(source["sha256"]), bytes=int(source["bytes"]),
        sheet=source.get("sheet"), header_row=index + 1, rows_read=len(kept))
    return RawRoster(info, headers, cells, numeric, pd.Series(rows[keep], dtype="int64"),
                     findings, repeated)


_NUMBERING = re.compile(r"^(?:[IVXLC]+|[A-Z]|[0-9]{1,2})(?:[.)]\s*|\s+)(?=\S)")


def _carry_sections(names: tuple[str, ...], sections: dict[int, str | None], keep: np.ndarray,
                    headers: list[str], cells: dict[str, pd.Series],
                    numeric: dict[str, pd.Series], findings: list[RosterFinding],
                    where: dict[str, object]) -> None:
    """The policy asks for section rows to fill a field: each person gets the label of the
    last section row above them, in a column named by the field's first header spelling. A
    sheet that has such a column already is refused: which one holds the field is unclear."""
    keys = {_header_key(n) for n in names}
    clash = [h for h in headers if _header_key(h) in keys]
    if clash:
        raise RosterError([RosterFinding(
            "roster.section-column-exists", f"the policy fills '{names[0]}' from the unit "
            f"section rows, but the sheet has a column '{clash[0]}' too; remove one of them",
            column=clash[0], **where)])
    labels = np.full(len(keep), None, dtype=object)
    for position, label in sections.items():  # "I. DINAS PENDIDIKAN" -> "DINAS PENDIDIKAN"
        labels[position] = _NUMBERING.sub("", label or "") or None
    carried = pd.Series(labels, dtype=object).ffill().to_numpy()[keep]
    headers.append(names[0])
    cells[names[0]] = pd.Series(pd.arrays.ArrowStringArray(pa.array(carried,
                                                                     pa.large_string())))
    numeric[names[0]] = pd.Series(np.zeros(len(carried), dtype=bool), dtype=bool)
    findings.append(RosterFinding(
        "roster.section-carried", f"column '{names[0]}' was filled from {len(sections)} unit "
        "section rows (each person takes the section above them)", Severity.INFO, **where))


def _fill_merged_down(body: list[pa.Array], flags: list[np.ndarray | None], table: _Table,
                      merges: list[Merge] | None, body_first: int) -> None:
    """A cell merged down over several rows (a unit over its block) gives its value to every
    row it covers, in its own column only; cells that are blank without a merge stay blank."""
    by_abs = dict(zip(table.absolute, range(len(table.columns)), strict=True))
    spans: dict[int, list[tuple[int, int]]] = {}
    for r0, c0, r1, c1 in merges or ():
        if r1 > r0 and r0 >= body_first:
            for col in range(c0, c1 + 1):
                if col in by_abs:
                    spans.setdefault(by_abs[col], []).append((r0 - body_first, r1 - body_first))
    for position, ranges in spans.items():
        height = len(body[position])
        source = np.arange(height)
        for top, bottom in ranges:
            if top < height:
                source[top:min(bottom, height - 1) + 1] = top
        body[position] = pc.take(body[position], pa.array(source))
        if flags[position] is not None:
            flags[position] = flags[position][source]


_SKIPPED = {
    "section": ("roster.section-row", "a unit section row ({label}), not a person: skipped"),
    "total": ("roster.total-row", "a total row ({label}), not a person: skipped"),
    "signature": ("roster.signature-row", "part of the signature block below the list "
                  "({label}), not a person: skipped"),
}


def _skip_non_people(body: list[pa.Array], stripped: list[bool], id_position: int,
                     keep: np.ndarray, rows: np.ndarray, findings: list[RosterFinding],
                     where: dict[str, object]) -> dict[int, str | None]:
    """Unit section, JUMLAH and signature rows (no id in the id column) are left out of `keep`
    and listed; only rows without an id-like id cell are looked at. Returns the section rows'
    labels by body position."""
    like = id_like(body[id_position])
    candidates = np.flatnonzero(keep & ~like)
    if len(candidates) == 0:
        return {}
    people = np.flatnonzero(keep & like)
    last_person = int(people[-1]) if len(people) else -1
    taken = pa.array(candidates)
    cells = [pc.take(c, taken) if s else _strip_blank(pc.take(c, taken))
             for c, s in zip(body, stripped, strict=True)]
    section, total, signature, labels = classify_rows(candidates, cells, last_person)
    label_of = dict(zip(candidates.tolist(), labels, strict=True))
    for kind, positions in (("section", section), ("total", total), ("signature", signature)):
        code, message = _SKIPPED[kind]
        for position in positions.tolist():
            keep[position] = False
            label = (label_of[position] or "")[:60]
            findings.append(RosterFinding(code, message.format(label=repr(label)),
                                          Severity.INFO, excel_row=int(rows[position]),
                                          value=label, **where))
    return {p: label_of[p] for p in section.tolist()}


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
    delimiter = _delimiter(text, path)  # from the first lines: splitting every row is slow
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
              findings: list[RosterFinding], layout: _Layout) -> RawRoster:
    """Read a workbook with fastexcel, column at a time; calamine for sheets it can't type.

    Without --sheet, every visible sheet whose header names the same wanted columns as the
    best one is read (one sheet per OPD or unit) and they become one roster; the other sheets
    are listed as not read. fastexcel types a whole column at once. A column whose cells mix
    types (a number among text NIPs, text among dates) has no single type, and the exact
    per-cell answer matters (a numeric NIP is an error, a date cell reads as a date): such
    sheets are read cell by cell with python-calamine, like before.
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
    except fastexcel.FastExcelError as exc:
        raise InputOutputError(f"{path}: not a readable spreadsheet ({exc})") from None
    considered = [sheet] if sheet is not None else (
        [n for n in names if scans[n][0].visible == "visible"] or names)
    merges = _sheet_merges(data, considered)
    blocks = {n: find_header(scans[n][1], wanted, _header_key, merges[n], header_row)
              for n in considered}
    chosen = [sheet] if sheet is not None else _roster_sheets(blocks, wanted, path, findings)
    raws = []
    for name in chosen:
        raws.append(_xlsx_sheet(data, path, book, name, scans[name], wanted, every_column,
                                {**source, "sheet": name}, findings if name == chosen[0] else [],
                                replace(layout, merges=merges[name], block=blocks[name])))
    if len(raws) == 1:
        return raws[0]
    return _one_roster(raws, layout.id_keys, path)


def _xlsx_sheet(data: bytes, path: Path, book: fastexcel.ExcelReader, sheet: str,
                scan: tuple[fastexcel.ExcelSheet, list[list[object]]], wanted: set[str],
                every_column: bool, source: dict[str, object], findings: list[RosterFinding],
                layout: _Layout) -> RawRoster:
    """One sheet, its header already found: column at a time, else cell by cell."""
    block = layout.block
    assert block is not None
    if block.last >= len(scan[1]):
        raise InputOutputError(f"{source['path']}: header row {block.last + 1} is past the "
                               "last row")
    body_first = block.last + 1 if block.column_numbers is None else block.column_numbers + 1
    try:
        table = _typed_table(book, sheet, scan[0], scan[1], block, body_first, wanted,
                             every_column)
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
        table = _grid_table(grid)
    return _from_table(table, wanted, None, every_column, source, findings, layout)


def _sheet_merges(data: bytes, sheets: list[str]) -> dict[str, list[Merge] | None]:
    """Merged ranges per sheet of an xlsx (None for other workbooks: ods, xls)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {n: xlsx_merges(archive, n) for n in sheets}
    except zipfile.BadZipFile:
        return dict.fromkeys(sheets)


def _roster_sheets(blocks: dict[str, HeaderBlock], wanted: set[str], path: Path,
                   findings: list[RosterFinding]) -> list[str]:
    """The sheets to read: all whose header names the most wanted columns, when they name the
    same ones (one sheet per OPD); sheets naming different sets that tie are refused."""
    hits = {n: header_hits(b, wanted, _header_key) for n, b in blocks.items()}
    best = max(len(h) for h in hits.values())
    top = [n for n in blocks if len(hits[n]) == best]
    if best == 0:
        return top[:1]
    if len({frozenset(hits[n]) for n in top}) > 1:
        raise RosterError([RosterFinding(
            "roster.ambiguous-sheet", f"sheets {', '.join(top)} all look like the roster but "
            "their headers differ; choose one with --sheet", file=str(path))])
    for name in blocks:
        if name not in top:
            findings.append(RosterFinding(
                "roster.sheet-ignored", f"sheet '{name}' was not read: its header names "
                f"{len(hits[name])} of the {best} columns the roster sheets name",
                Severity.INFO, file=str(path), sheet=name))
    return top


def _one_roster(raws: list[RawRoster], id_keys: frozenset[str],
                path: Path) -> RawRoster:
    """Sheets sharing a header as one roster; the same id on two sheets looks like a copy of
    one sheet (a 'Salinan'), which is refused rather than read twice."""
    from asn_merit.roster.multi import combine  # multi builds on this module

    spellings: dict[str, list[str]] = {}  # header key -> each sheet's header for it
    for raw in raws:
        for header in raw.cells:
            same = spellings.setdefault(_header_key(header), [])
            if header not in same:
                same.append(header)
    combined = combine(raws, spellings)
    id_header = next((h for h in combined.cells if _header_key(h) in id_keys), None)
    if id_header is not None and combined.file_of_row is not None:
        seen = pd.DataFrame({"id": combined.cells[id_header].to_numpy(),
                             "sheet": combined.file_of_row}).dropna().drop_duplicates()
        shared = seen.loc[seen["id"].duplicated(), "id"]
        if len(shared):
            sheets = sorted({combined.sources[int(i)].sheet or ""
                             for i in seen.loc[seen["id"].isin(shared), "sheet"]})
            raise RosterError([RosterFinding(
                "roster.ambiguous-sheet", f"sheets {', '.join(sheets)} share the header and "
                f"{len(shared)} ids (e.g. '{shared.iloc[0]}'); if one is a copy, choose one "
                "with --sheet", file=str(path))])
    return combined


def _scan_rows(scanned: fastexcel.ExcelSheet) -> list[list[object]]:
    """The first rows as a grid from column A (fastexcel starts at the first used column)."""
    batch = scanned.to_arrow()
    offset = scanned.available_columns()[0].absolute_index if batch.num_columns else 0
    columns = [[None] * batch.num_rows for _ in range(offset)]
    columns += [c.to_pylist() for c in batch.columns]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def _typed_table(book: fastexcel.ExcelReader, sheet: str, scanned: fastexcel.ExcelSheet,
                 scan: list[list[object]], block: HeaderBlock, body_first: int,
                 wanted: set[str], every_column: bool) -> _Table | None:
    """Body columns below the header as text, from whole-column types; None if mixed."""
    infos = scanned.available_columns()
    names = block.names
    typed = [c.name for c in infos if every_column or (
        c.absolute_index < len(names) and names[c.absolute_index] is not None
        and _header_key(names[c.absolute_index]) in wanted)]
    # by name: fastexcel's integer positions count from column A, its names from the used range
    dtypes = {c.name: "string" for c in infos if c.name not in typed}
    body = book.load_sheet(sheet, header_row=None, skip_rows=body_first,
                           schema_sample_rows=None, dtype_coercion="strict",
                           dtypes=dtypes or None)
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
    return _Table(scan, columns, numeric, absolute, body_first + 1, width, body_first + height,
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
