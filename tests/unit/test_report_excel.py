"""ranking.xlsx and audit.xlsx: byte-stable, laid out for analysts, native charts, no formulas."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import KP_POLICY
from test_report_data import decisions, scored_run

from asn_merit.reports.audit_excel import write_audit_xlsx
from asn_merit.reports.fairness_view import GATE_STAGE
from asn_merit.reports.policy_doc import policy_rows
from asn_merit.reports.ranking_excel import write_ranking_xlsx
from asn_merit.rules.loader import load_policy

CREATED = datetime(2026, 10, 1)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data = scored_run(tmp_path_factory.mktemp("excel"))
    data["loaded"] = load_policy(KP_POLICY)
    return data


def _ranking(run: dict[str, Any], path: Path, lang: str = "id", **changes: Any) -> Path:
    manifest = {**run["manifest"], **changes}
    write_ranking_xlsx(run["document"], [], path, CREATED, lang,
                       policy_rows=policy_rows(run["loaded"], lang), manifest=manifest)
    return path


def _no_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)


def test_ranking_is_byte_stable_even_when_the_run_id_and_clock_differ(
        run: dict[str, Any], tmp_path: Path) -> None:
    first = _ranking(run, tmp_path / "a.xlsx")
    second = _ranking(run, tmp_path / "b.xlsx", run_id="other", started_at="2030-01-01T00:00Z",
                      invocation={**run["manifest"]["invocation"], "argv": ["other"]})
    assert first.read_bytes() == second.read_bytes()
    _no_formulas(first)


def test_ranking_layout(run: dict[str, Any], tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_ranking(run, tmp_path / "r.xlsx"))
    assert book.sheetnames == ["Ringkasan", "Peringkat", "Rincian Poin", "Matriks Syarat",
                               "Temuan Data", "Kolom Dipakai", "Kebijakan", "Manifes"]
    columns = {r[0]: r for r in book["Kolom Dipakai"].iter_rows(min_row=2, values_only=True)}
    assert columns["nip"][1:5] == ("NIP", "Data", "B", "sama persis")
    assert columns["predikat_1"][1] == "Predikat Kinerja 2025"
    for ws in book.worksheets:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        # portrait when narrow, landscape when wide; always fit to the page width
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1"
    summary = dict(book["Ringkasan"].iter_rows(min_row=2, values_only=True))
    assert summary["Tanggal acuan"] == "1 Oktober 2026"
    assert summary["SHA-256 kebijakan (kanonik)"] == run["loaded"].canonical_sha256

    ranking = book["Peringkat"]
    header = [c.value for c in ranking[1]]
    nip, total = ranking.cell(2, 2), ranking.cell(2, header.index("Total") + 1)
    assert nip.data_type == "s" and nip.number_format == "@" and len(nip.value) == 18
    assert isinstance(total.value, float) and total.number_format == "#,##0.00"
    assert ranking.freeze_panes == "D2"  # rank, NIP and name stay in view
    coloured = {str(r.sqref).split(":")[0][0] for r in ranking.conditional_formatting}
    letters = {ranking.cell(1, header.index(h) + 1).column_letter for h in ("Terpilih", "Status")}
    assert coloured == letters
    assert book["Matriks Syarat"].conditional_formatting  # failed gates in red

    policy = [r for r in book["Kebijakan"].iter_rows(min_row=2, values_only=True)]
    values = " ".join(str(v) for row in policy for v in row if v)
    assert "Masa dalam pangkat (bulan penuh) sekurang-kurangnya 48" in values
    assert run["loaded"].canonical_sha256 in values
    manifest = {r[0] for r in book["Manifes"].iter_rows(min_row=2, values_only=True)}
    assert "policy.canonical_sha256" in manifest and "tool.version" in manifest
    assert not {k for k in manifest if re.match(r"(run_id|started_at|ledger|outputs)", k)}
    assert "invocation.argv" not in manifest


def test_ranking_without_policy_rows_or_manifest(run: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    write_ranking_xlsx(run["document"], [], path, CREATED, "en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "Policy" and "Manifest" not in book.sheetnames
    items = [r[0] for r in book["Policy"].iter_rows(min_row=2, values_only=True)]
    assert "1. At least 4 years (48 months) in the current rank" in items


@pytest.fixture(scope="module")
def audit_book(run: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("audit-xlsx") / "audit.xlsx"
    write_audit_xlsx(run["result"], path, CREATED, lang="en")
    return path


def test_audit_workbook_has_native_rate_charts_with_the_four_fifths_line(
        run: dict[str, Any], audit_book: Path) -> None:
    book = openpyxl.load_workbook(audit_book)
    assert book.sheetnames[:2] == ["Summary", "Charts"] and book.sheetnames[-1] == "Method"
    charts = book["Charts"]
    header = [c.value for c in charts[1]]
    assert header[:4] == ["Attribute", "Stage", "Basis", "Group"]
    assert "4/5 × reference rate" in header and charts.freeze_panes == "A2"
    stages = [b for b in run["audit"]["attributes"] if not b["stage"].startswith(GATE_STAGE)]
    with zipfile.ZipFile(audit_book) as archive:
        xml = [archive.read(n).decode() for n in sorted(archive.namelist())
               if n.startswith("xl/charts/chart")]
    assert len(xml) == len(stages)
    for chart in xml:
        assert "<c:barChart>" in chart and "<c:lineChart>" in chart
        assert "'Charts'!$D$" in chart and "'Charts'!$I$" in chart  # groups and 4/5 line
    _no_formulas(audit_book)


def test_audit_status_columns_are_coloured(audit_book: Path) -> None:
    book = openpyxl.load_workbook(audit_book)
    for name in ("Summary", "Charts", "jenis_kelamin"):
        ws = book[name]
        status = [c.value for c in ws[1]].index("Status") + 1
        ranges = {str(r.sqref) for r in ws.conditional_formatting}
        letter = ws.cell(1, status).column_letter
        assert any(r.startswith(letter) for r in ranges), name


def test_audit_workbook_with_charts_is_byte_stable(tmp_path: Path) -> None:
    result = decisions()
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_audit_xlsx(result, first, CREATED, lang="id")
    write_audit_xlsx(result, second, CREATED, lang="id")
    assert first.read_bytes() == second.read_bytes()
    assert openpyxl.load_workbook(first).sheetnames == [
        "Ringkasan", "Grafik", "Jenis Kelamin", "Agama", "Jenis Kelamin x Usia", "Skor", "CMH",
        "Metode"]
