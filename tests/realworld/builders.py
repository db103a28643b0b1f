"""Write rosters the way SIMPEG, SIASN and hand-kept workbooks lay them out (test builders).

A sheet is a grid of cells plus merged ranges; xlsxwriter writes it with text cells for text
(NIPs stay text, as in a correct export), real date cells for `date` values and numbers for
int/float. CSV is written as bytes with the delimiter and encoding given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

Cell = str | int | float | date | None
Merge = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based)


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]
    merges: list[Merge] = field(default_factory=list)
    hidden: bool = False


@dataclass(frozen=True)
class Person:
    nip: str
    nama: str
    status: str
    gol: str
    tmt: date | None
    p2025: str | None
    p2024: str | None
    unit: str
    expect: str  # eligible / ineligible / out_of_scope


# Five PNS/CPNS people whose outcome under tests/realworld/kp-corpus.yaml (as_of 2026-10-01)
# is known by hand: 48 months in rank and predikat Baik or better in 2025 and 2024.
PEOPLE = [
    Person("198503122010011001", "Ahmad Fauzi, S.Kom.", "PNS", "III/b", date(2020, 4, 1),
           "Sangat Baik", "Baik", "Sekretariat", "eligible"),
    Person("199001152015032002", "Siti Rahmawati", "PNS", "III/a", date(2024, 4, 1),
           "Baik", "Baik", "Sekretariat", "ineligible"),  # 30 months in rank
    Person("197807082005011003", "Drs. Budi Santoso", "PNS", "III/d", date(2019, 10, 1),
           "Butuh Perbaikan", "Baik", "Bidang Mutasi", "ineligible"),
    Person("199805052025012001", "Dewi Lestari", "CPNS", "III/a", date(2025, 1, 1),
           None, None, "Bidang Mutasi", "out_of_scope"),
    Person("198112242006042004", "Rina Marlina, S.E.", "PNS", "IV/a", date(2021, 10, 1),
           "Baik", "Baik", "Bidang Mutasi", "eligible"),
]
# An NI PPPK: born 1990-09-13, appointed 2022, code 21 (not a month), female, sequence 014.
PPPK = Person("199009132022212014", "Nur Aini, S.Pd.", "PPPK", "IX", None, "Baik", "Baik",
              "Bidang Mutasi", "out_of_scope")
EXPECTED = {p.nip: p.expect for p in PEOPLE}

SIGNATURE = [
    "Sumedang, 1 Oktober 2026",
    "KEPALA BADAN KEPEGAWAIAN DAN",
    "PENGEMBANGAN SUMBER DAYA MANUSIA,",
    None,
    "Drs. H. ASEP SUPRIATNA, M.Si.",
    "Pembina Utama Muda",
    "NIP. 19700101 199003 1 001",
]


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                           "strings_to_formulas": False,
                                           "strings_to_urls": False})
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    for spec in sheets:
        sheet = book.add_worksheet(spec.name)
        covered = set()
        for r0, c0, r1, c1 in spec.merges:
            value = spec.rows[r0][c0] if c0 < len(spec.rows[r0]) else None
            sheet.merge_range(r0, c0, r1, c1, "" if value is None else value)
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in covered:
                    continue
                if isinstance(value, datetime | date):
                    moment = value if isinstance(value, datetime) else datetime(
                        value.year, value.month, value.day)
                    sheet.write_datetime(r, c, moment, dates)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, value)
        if spec.hidden:
            sheet.hide()
    book.close()
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Cell]], delimiter: str,
              encoding: str = "utf-8", newline: str = "\r\n") -> Path:
    def text(value: Cell) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return value.strftime("%d-%m-%Y")
        value = str(value)
        if delimiter in value or '"' in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    body = newline.join(delimiter.join(text(v) for v in row) for row in rows) + newline
    path.write_bytes(body.encode(encoding))
    return path


def tmt_text(value: date | None, months: Sequence[str]) -> str | None:
    """A date as "12 Maret 2020"-style text with the given month names (January first)."""
    return None if value is None else f"{value.day} {months[value.month - 1]} {value.year}"
