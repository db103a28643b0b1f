"""Every workbook prints: ranking.xlsx, audit.xlsx and checks.xlsx, written by the CLI, carry a
print setup (A4, one or two pages wide, the header row repeated, the policy and page numbers in
the header and footer, row heights for wrapped text), and LibreOffice turns each into a PDF whose
page count stays proportionate to the rows: a sheet printed one column per page (as checks.xlsx
was: 68 pages for 14 sheets) would blow the bound.

The print setup is read back with openpyxl (always); the conversion needs LibreOffice and is
skipped without it.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from helpers import KP_POLICY
from typer.testing import CliRunner

from asn_merit.cli import app

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ROWS_PER_PAGE = 12
"""A generous floor: an A4 page printed to width holds far more rows of these sheets."""


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from asn_merit.sample.generator import generate_roster, write_roster

    base = tmp_path_factory.mktemp("print")
    roster = base / "roster.xlsx"
    write_roster(generate_roster(300, 11), roster)
    ledger = str(base / "ledger.sqlite")
    runner = CliRunner()
    for argv in (["score", str(roster), "--policy", str(KP_POLICY), "--out", str(base / "run"),
                  "--no-html", "--quiet", "--ledger", ledger],
                 ["audit", str(base / "run"), "--out", str(base / "audit"), "--fail-on", "never"],
                 ["check", str(roster), "--out", str(base / "check"),
                  "--fail-on", "never"]):
        done = runner.invoke(app, argv)
        assert done.exit_code in (0, 1), (argv, done.output)
    return {"ranking": base / "run" / "ranking.xlsx", "audit": base / "audit" / "audit.xlsx",
            "checks": base / "check" / "checks.xlsx"}


def _lines(ws: openpyxl.worksheet.worksheet.Worksheet) -> int:
    """Printed lines of a sheet: each row counts its explicit height in 15-point lines."""
    heights = {i: d.height for i, d in ws.row_dimensions.items() if d.height}
    return sum(max(1, round((heights.get(r) or 15) / 15)) for r in range(1, ws.max_row + 1))


@pytest.mark.parametrize("name", ["ranking", "audit", "checks"])
def test_every_sheet_has_a_print_setup(workbooks: dict[str, Path], name: str) -> None:
    book = openpyxl.load_workbook(workbooks[name])
    for ws in book.worksheets:
        where = f"{name}.xlsx [{ws.title}]"
        assert ws.page_setup.paperSize in (9, "9"), where
        assert ws.sheet_properties.pageSetUpPr.fitToPage, where
        assert ws.page_setup.fitToWidth in (None, 1, 2, "1", "2"), where  # None: 1, the default
        assert ws.page_setup.fitToHeight in (0, "0"), where
        assert "&P" in (ws.oddFooter.right.text or ""), where
        assert ws.oddHeader.left.text, where
        if ws.title in ("Peringkat", "Rincian Poin"):  # names, inputs and methods: wide
            assert ws.page_setup.orientation == "landscape", where
        if ws.max_row > 40 and ws.freeze_panes:
            assert ws.print_title_rows, where


def test_wrapped_text_gets_row_heights(workbooks: dict[str, Path]) -> None:
    """The long cells of Temuan Data, Kebijakan and Matriks Syarat rows (and the header of
    the gate matrix) are given the height their wrapped lines need, so nothing overlaps."""
    book = openpyxl.load_workbook(workbooks["ranking"])
    policy = book["Kebijakan"]
    widest = 64  # characters: no text column is wider (xlsx.MAX_TEXT_WIDTH + margin)
    tall = [r for r in range(1, policy.max_row + 1)
            if len(str(policy.cell(r, 2).value or "")) > 2 * widest]
    assert tall
    for r in tall:
        assert (policy.row_dimensions[r].height or 15) >= 30, r
    findings = book["Temuan Data"]  # the 2026.10.1 sample may have none: then nothing to wrap
    long_messages = [r for r in range(2, findings.max_row + 1)
                     if len(str(findings.cell(r, 7).value or "")) > widest]
    assert all((findings.row_dimensions[r].height or 15) >= 30 for r in long_messages)
    gates = book["Matriks Syarat"]
    assert (gates.row_dimensions[1].height or 15) >= 30  # gate titles wrap in the header
    assert gates.cell(1, 2).value == "Sekurang-kurangnya 4 tahun (48 bulan) dalam pangkat terakhir"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_each_workbook_in_proportion(workbooks: dict[str, Path],
                                                         tmp_path: Path) -> None:
    assert SOFFICE is not None
    out = tmp_path / "pdf"
    done = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, workbooks.values())],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    for name, path in workbooks.items():
        book = openpyxl.load_workbook(path)
        bound = sum(2 * math.ceil(_lines(ws) / ROWS_PER_PAGE) for ws in book.worksheets)
        pages = len(re.findall(rb"/Type\s*/Page\b", (out / f"{path.stem}.pdf").read_bytes()))
        assert len(book.worksheets) <= pages <= bound, (name, pages, bound)
