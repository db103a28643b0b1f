"""Builders for tiny rosters and policies, so tests never rely on hand-edited binaries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from typer.testing import CliRunner

from asn_merit.console import TRANSLITERATE
from asn_merit.roster.contract import Roster, apply_contract
from asn_merit.roster.reader import InputFile, RawRoster
from asn_merit.rules.loader import LoadedPolicy, parse_policy

REPO = Path(__file__).resolve().parent.parent
KP_POLICY = REPO / "policies" / "kenaikan-pangkat-reguler.yaml"


def write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]],
               title_rows: Sequence[str] = ()) -> Path:
    """Write an xlsx like an HR export: optional title block, then header, then data.

    str values are text cells, int/float numbers, date/datetime real date cells.
    """
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                           "strings_to_formulas": False})
    sheet = book.add_worksheet("Data")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    r = 0
    for title in title_rows:
        if title:
            sheet.write_string(r, 0, title)
        r += 1
    for c, header in enumerate(headers):
        sheet.write_string(r, c, header)
    for row in rows:
        r += 1
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime | date):
                value = value if isinstance(value, datetime) else datetime(value.year,
                                                                           value.month, value.day)
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    book.close()
    return path


def load_text(text: str, name: str = "policy.yaml") -> LoadedPolicy:
    return parse_policy(text, Path(name))


def roster_from_rows(policy: LoadedPolicy, headers: Sequence[str],
                     rows: Sequence[Sequence[str | None]]) -> Roster:
    """Type text rows through the real contract (numeric-cell flags all False)."""
    cells = {h: pd.Series([r[i] for r in rows], dtype="string") for i, h in enumerate(headers)}
    numeric = {h: pd.Series([False] * len(rows), dtype=bool) for h in headers}
    source = InputFile("test.xlsx", "0" * 64, 0, "Data", 1, len(rows))
    raw = RawRoster(source, list(headers), cells, numeric,
                    pd.Series(range(2, len(rows) + 2), dtype="int64"))
    return apply_contract(raw, policy.policy)


MINI_POLICY = """\
schema_version: 1
policy:
  id: mini-policy
  version: "1"
  title: "Mini"
  kind: reward
  as_of: 2026-10-01
columns:
  nip: { header: "NIP", type: nip18, role: id }
  nama: { header: "Nama", type: text, role: display }
  skor: { header: "Skor", type: number }
  gol: { header: "Gol", type: golongan }
  unit: { header: "Unit", type: text, role: group }
  jk: { header: "JK", type: category, allowed: ["L", "P"], role: protected }
rules:
  - id: syarat-skor
    kind: gate
    when: { field: skor, op: ">=", value: 10 }
  - id: poin-skor
    kind: weighted
    field: skor
    normalise: { method: fixed_range, min: 0, max: 100 }
    weight: 1.0
ranking:
  tie_breakers:
    - { field: gol, direction: desc }
    - { field: nip, direction: asc, note: "test" }
  selection: { quota: 2 }
"""

MINI_HEADERS = ["NIP", "Nama", "Skor", "Gol", "Unit", "JK"]


def nip(i: int, sex: int = 1) -> str:
    """A well-formed NIP (born 1980-01-01, TMT 2005-01) with sequence number i."""
    return f"198001012005011{i:03d}" if sex == 1 else f"198001012005012{i:03d}"


def as_printed(text: str, runner: CliRunner) -> str:
    """`text` as the runner's stream shows it: transliterated where its code page lacks a
    character (pytest --console-encoding=cp1252 simulates Windows)."""
    return text.encode(runner.charset, TRANSLITERATE).decode(runner.charset)
