"""What every workbook the tool writes has in common: safe, byte-stable, readable tables.

XlsxWriter in memory with a fixed creation date gives the same bytes for the same content, and
with formula, URL and number conversion off a cell from a roster ("=HYPERLINK(...)", "0812…")
stays the text it was. A Table is one sheet holding one table: a frozen, filtered header row,
a number format per column kind, widths from the content, and conditional formats that colour
a status column by its (translated) values, so a reviewer can filter and still see the colours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
NUMBER_FORMATS = {  # Excel's locale-independent codes: an Indonesian reader sees "1.000,50"
    "int": "#,##0",
    "num": "#,##0.00",
    "decimal": "#,##0.0###",
    "pct": "0.0%",
    "ratio": "0.000",
    "p": "[<0.0001]0.00E+00;0.0000",
    "nip": "@",
}
WIDTHS = {"int": 9, "num": 10, "decimal": 10, "pct": 8, "ratio": 8, "p": 9, "bool": 8}
"""Width of a column of numbers, in characters."""
MAX_TEXT_WIDTH = 60
MAX_TITLE_WIDTH = 18
PORTRAIT_WIDTH = 110
"""A sheet at most this many characters wide prints portrait; wider ones landscape."""
PRINT_FIT_WIDTH = 280
"""A sheet at most this many characters wide prints one page wide (A4 landscape); a wider one
two pages wide with its first (frozen) columns repeated, never one column per page."""
A4 = 9
LINE_HEIGHT = 15
"""Points per line of wrapped text (Calibri 11): rows with wrapped cells get an explicit
height, because LibreOffice and a printed page do not grow a row to fit its text."""
ROW_HEIGHT_LIMIT = 20_000
"""Rows whose height is worked out; beyond, a large run's sheet keeps the default height."""
PAGE_WORDS = {"id": ("Halaman &P dari &N", "Lembar &A"), "en": ("Page &P of &N", "Sheet &A")}
HEADER = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
HEADING = {"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF"}
TONES: dict[str, dict[str, Any]] = {
    "good": {"bg_color": "#E2EFDA", "font_color": "#375623"},
    "bad": {"bg_color": "#FBE5E1", "font_color": "#9C2A1C"},
    "warn": {"bg_color": "#FFF2CC", "font_color": "#7F6000"},
    "info": {"bg_color": "#DDEBF7", "font_color": "#1F4E79"},
    "muted": {"font_color": "#7F7F7F"},
}
MAX_SHEET_NAME = 31
FORBIDDEN_IN_SHEET_NAME = "[]:*?/\\"


EXCEL_MAX_ROWS = 1_048_576  # rows per worksheet, header included


class Book:
    """A workbook with its formats made once, so equal styles share one entry in styles.xml."""

    def __init__(self, path: Path, created: datetime, title: str, *,
                 header: str | None = None, lang: str = "id"):
        """`header` is printed at the top left of every page (the policy and its version);
        page numbers and the sheet name are printed in `lang`."""
        self.workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
        self.workbook.set_properties({"created": created, "title": title})
        self._formats: dict[str, Format] = {}
        self.page_header = header or title
        self.lang = lang if lang in PAGE_WORDS else "id"

    def format(self, key: str) -> Format | None:
        """The cell format for a column kind, "header", "heading", or "tone:<name>"."""
        if key not in self._formats:
            if key == "header":
                spec: dict[str, Any] | None = HEADER
            elif key == "heading":
                spec = HEADING
            elif key.startswith("tone:"):
                spec = TONES[key[5:]]
            elif key in ("long", "short"):
                spec = {"text_wrap": True, "valign": "top"}
            elif key in NUMBER_FORMATS:
                spec = {"num_format": NUMBER_FORMATS[key]}
            else:
                return None
            self._formats[key] = self.workbook.add_format(spec)
        return self._formats[key]

    def close(self) -> None:
        self.workbook.close()


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"


class Table:
    """One sheet holding one table; call add() per row, then finish()."""

    def __init__(self, book: Book, name: str, columns: Sequence[Column], *,
                 freeze_columns: int = 0, note: str | None = None):
        """`note` is a line above the header (e.g. "the rest is in people.parquet"), so a
        reader sees it before the first row; without it the header is row 1 as always."""
        self.book = book
        self.ws: Worksheet = book.workbook.add_worksheet(name)
        self.columns = list(columns)
        self.widths = [min(len(c.title), MAX_TITLE_WIDTH) for c in self.columns]
        self.freeze_columns = freeze_columns
        self.wrapped: dict[int, list[tuple[int, str]]] = {}
        """row → (column, text) of its wrapped cells, for the row heights."""
        self.tones: list[tuple[int, Mapping[str, str]]] = []
        self.header_row = 0 if note is None else 1
        self.overflow_file = "result.json"
        if note is not None:
            self.ws.write_string(0, 0, note, book.format("heading"))
        for col, column in enumerate(self.columns):
            self.ws.write_string(self.header_row, col, column.title, book.format("header"))
        self.ws.freeze_panes(self.header_row + 1, freeze_columns)
        self.row = self.header_row + 1
        self.dropped = 0

    def add(self, values: Sequence[Any], kinds: Sequence[str | None] | None = None) -> None:
        """One row; `kinds` overrides the column kind cell by cell (None keeps it).

        Past Excel's row limit XlsxWriter would silently ignore the cell; instead the rows are
        counted and the last row of the sheet says how many are only in result.json."""
        if self.row >= EXCEL_MAX_ROWS - 1:
            self.dropped += 1
            return
        for col, (value, column) in enumerate(zip(values, self.columns, strict=True)):
            if value is None:
                continue
            kind = (kinds[col] if kinds else None) or column.kind
            fmt = self.book.format(kind)
            if isinstance(value, bool):
                self.ws.write_boolean(self.row, col, value)
                width = WIDTHS["bool"]
            elif isinstance(value, int | float):
                self.ws.write_number(self.row, col, value, fmt)
                width = WIDTHS.get(kind, len(f"{value:g}"))
            else:
                text = str(value)
                self.ws.write_string(self.row, col, text, fmt)
                width = min(max(map(len, text.splitlines() or [""])), MAX_TEXT_WIDTH)
                if kind in ("long", "short") and self.row < ROW_HEIGHT_LIMIT:
                    self.wrapped.setdefault(self.row, []).append((col, text))
            self.widths[col] = max(self.widths[col], width)
        self.row += 1

    def add_columns(self, columns: Sequence[Sequence[Any]]) -> None:
        """Many rows given as whole columns (large runs): the cell rules of add() (None left
        blank, bool, number, anything else written as a string, never a formula) with the
        format and width worked out once per column instead of once per cell."""
        rows = len(columns[0]) if columns else 0
        fits = max(0, min(rows, EXCEL_MAX_ROWS - 1 - self.row))
        self.dropped += rows - fits
        # The public write_* wrap these in an A1-notation check that costs 40 % per cell; the
        # cell rules are the same (XlsxWriter < 3.0.2 lacks them: fall back to the public ones).
        write_string = getattr(self.ws, "_write_string", self.ws.write_string)
        write_number = getattr(self.ws, "_write_number", self.ws.write_number)
        for col, (values, column) in enumerate(zip(columns, self.columns, strict=True)):
            fmt = self.book.format(column.kind)
            width = self.widths[col]
            for row, value in enumerate(values[:fits], start=self.row):
                if value is None:
                    continue
                if isinstance(value, str):
                    write_string(row, col, value, fmt)
                    if len(value) > width:
                        width = max(width, min(max(map(len, value.splitlines() or [""])),
                                               MAX_TEXT_WIDTH))
                elif isinstance(value, bool):
                    self.ws.write_boolean(row, col, value)
                    width = max(width, WIDTHS["bool"])
                elif isinstance(value, int | float):
                    write_number(row, col, value, fmt)
                    width = max(width, WIDTHS.get(column.kind, len(f"{value:g}")))
                else:
                    text = str(value)
                    write_string(row, col, text, fmt)
                    width = max(width, min(len(text), MAX_TEXT_WIDTH))
            self.widths[col] = width
        self.row += fits

    def heading(self, text: str) -> None:
        """A section title across the table (the policy and manifest sheets use these)."""
        self.ws.write_string(self.row, 0, text, self.book.format("heading"))
        for col in range(1, len(self.columns)):
            self.ws.write_blank(self.row, col, None, self.book.format("heading"))
        self.row += 1

    def tone(self, column: int, tones: Mapping[str, str]) -> None:
        """Colour cells of `column` whose text is a key of `tones` (value: a TONES name)."""
        self.tones.append((column, tones))

    def finish(self) -> None:
        if self.dropped:
            self.ws.write_string(self.row, 0, f"… {self.dropped:,} baris lagi tidak muat di Excel "
                                 f"/ {self.dropped:,} more rows do not fit in Excel: see "
                                 f"{self.overflow_file}", self.book.format("heading"))
            self.row += 1
        top = self.header_row
        last = max(self.row - 1, top + 1)
        widths = [max(width, 4) + 2 for width in self.widths]
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)
        self._row_heights(widths)
        print_setup(self.ws, title=self.book.page_header, lang=self.book.lang, width=sum(widths),
                    header_row=top, freeze_columns=self.freeze_columns)
        for col, tones in self.tones:
            for text, tone in tones.items():
                self.ws.conditional_format(top + 1, col, last, col, {
                    "type": "cell", "criteria": "==", "value": _quoted(text),
                    "format": self.book.format(f"tone:{tone}")})
        self.ws.autofilter(top, 0, last, len(self.columns) - 1)


    def _row_heights(self, widths: Sequence[int]) -> None:
        """An explicit height for the header and for every row with wrapped text: as many
        lines as its tallest cell needs at the column's width."""
        header_lines = max((wrapped_lines(c.title, w) for c, w in zip(self.columns, widths,
                                                                strict=True)), default=1)
        if header_lines > 1:
            self.ws.set_row(self.header_row, LINE_HEIGHT * header_lines)
        for row, cells in self.wrapped.items():
            lines = max(wrapped_lines(text, widths[col]) for col, text in cells)
            if lines > 1:
                self.ws.set_row(row, LINE_HEIGHT * lines)


def wrapped_lines(text: str, width: int) -> int:
    """Lines a wrapped cell of `width` characters needs (word wrap loses ~10 % of a line)."""
    usable = max(int((width - 1) * 0.9), 1)
    return sum(max(1, -(-len(line) // usable)) for line in text.splitlines() or [""])


def print_setup(ws: Worksheet, *, title: str, lang: str, width: int,
                header_row: int | None = None, freeze_columns: int = 0) -> None:
    """A4, portrait when narrow and landscape when wide, one page wide (two for very wide
    sheets, with the first columns repeated), the header row on every page, the policy at the
    top and the page number at the bottom."""
    ws.set_paper(A4)
    if width > PORTRAIT_WIDTH:
        ws.set_landscape()
    else:
        ws.set_portrait()
    wide = width > PRINT_FIT_WIDTH
    ws.fit_to_pages(2 if wide else 1, 0)
    if wide and freeze_columns:
        ws.repeat_columns(0, freeze_columns - 1)
    if header_row is not None:
        ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    page, sheet = PAGE_WORDS.get(lang, PAGE_WORDS["id"])
    ws.set_header("&L" + title.replace("&", "&&") + "&R" + sheet, {"margin": 0.3})
    ws.set_footer("&Lasn-merit&R" + page, {"margin": 0.3})


def _quoted(text: str) -> str:
    """A string literal for a conditional-format rule (quotes doubled, as Excel wants)."""
    return '"' + text.replace('"', '""') + '"'


def sheet_names(wanted: Sequence[str]) -> list[str]:
    """Excel-safe, unique (case-insensitively), ≤ 31 characters, in the given order."""
    used: set[str] = set()
    names = []
    for raw in wanted:
        base = "".join("_" if ch in FORBIDDEN_IN_SHEET_NAME else ch for ch in raw).strip("'")
        base = (base or "sheet")[:MAX_SHEET_NAME]
        name, k = base, 1
        while name.casefold() in used:
            k += 1
            suffix = f"~{k}"
            name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        used.add(name.casefold())
        names.append(name)
    return names
