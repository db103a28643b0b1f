"""audit.xlsx: byte-stable, Excel-safe sheet names, every table present, strings stay strings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from asn_merit.fairness import AuditSettings, audit_frame
from asn_merit.reports.audit_excel import sheet_names, write_audit_xlsx

CREATED = datetime(2024, 4, 1, 8, 0, tzinfo=UTC)


def frame() -> pd.DataFrame:
    rows = []
    for jk, usia, tahun, n, x in [
        ("L", "<30", "2023", 40, 20), ("L", ">=30", "2024", 40, 22),
        ("P", "<30", "2023", 40, 10), ("P", ">=30", "2024", 40, 12),
        ("=1+1", "<30", "2024", 12, 3), ("", "<30", "2023", 5, 2),
    ]:  # fmt: skip
        rows += [
            {"jk": jk, "usia": usia, "tahun": tahun, "lulus": i < x, "skor": float(i % 7)}
            for i in range(n)
        ]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def result():
    return audit_frame(
        frame(),
        outcomes=["lulus"],
        attributes=["jk"],
        intersections=[("jk", "usia")],
        score="skor",
        strata="tahun",
        settings=AuditSettings(min_group_size=5),
    )


def test_two_writes_are_byte_identical(result, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_audit_xlsx(result, first, CREATED)
    write_audit_xlsx(result, second, CREATED)
    assert first.read_bytes() == second.read_bytes()


def test_workbook_layout_and_contents(result, tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    write_audit_xlsx(result, path, CREATED, lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Charts", "jk", "jk x usia", "Scores", "CMH", "Method"]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[0][:3] == ("Attribute", "Table", "Stage")
    assert [r[0] for r in summary[1:]] == ["jk", "jk x usia", "jk", "jk x usia"]
    jk = list(book["jk"].iter_rows(values_only=True))
    header = jk[0]
    rows = {r[header.index("Group")]: r for r in jk[1:]}
    assert set(rows) == {"=1+1", "L", "P", "(unknown)"}
    assert book["jk"].cell(2, header.index("Group") + 1).data_type == "s"  # never a formula
    p = rows["P"]
    assert p[header.index("n")] == 80 and p[header.index("Status")] == "finding"
    assert p[header.index("Impact ratio")] == pytest.approx(22 / 80 / (42 / 80))
    assert rows["(unknown)"][header.index("n")] == 5
    rate_cell = book["jk"].cell(2, header.index("Rate") + 1)
    assert rate_cell.number_format == "0.0%"


def test_indonesian_labels(result, tmp_path: Path) -> None:
    path = tmp_path / "audit_id.xlsx"
    write_audit_xlsx(result, path, CREATED)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Ringkasan" and book.sheetnames[-1] == "Metode"
    jk = list(book["jk"].iter_rows(values_only=True))
    assert "Kelompok" in jk[0] and "temuan" in {r[jk[0].index("Status")] for r in jk[1:]}


def test_sheet_names_are_safe_unique_and_short() -> None:
    names = sheet_names(
        ["Summary", "summary", "a/b:c*d?e[f]g\\h", "x" * 40, "x" * 40, "'quoted'", ""]
    )
    assert names[0] == "Summary" and names[1] == "summary~2"
    assert names[2] == "a_b_c_d_e_f_g_h"
    assert all(len(n) <= 31 for n in names)
    assert names[3] == "x" * 31 and names[4] == "x" * 29 + "~2"
    assert names[5] == "quoted" and names[6] == "sheet"
    assert len({n.casefold() for n in names}) == len(names)
