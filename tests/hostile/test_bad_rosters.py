"""A corpus of broken and hostile roster files, each with the exit code and message it must give.

Every file is generated here; none is a hand-edited binary.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from helpers import MINI_HEADERS, MINI_POLICY, nip, write_xlsx
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()
GOOD = [nip(1), "Ani", 50, "III/a", "X", "P"]


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(MINI_POLICY, encoding="utf-8")
    return path


def score(policy: Path, roster: Path, *extra: str):
    return runner.invoke(app, ["score", str(roster), "--policy", str(policy), "--out",
                               str(roster.parent / f"out-{roster.stem}"), "--no-html", *extra])


def xlsx_bytes(tmp_path: Path) -> bytes:
    return write_xlsx(tmp_path / "good.xlsx", MINI_HEADERS, [GOOD]).read_bytes()


CASES = {
    "empty.xlsx": (lambda tmp: b"", 6, "the file is empty"),
    "truncated.xlsx": (lambda tmp: xlsx_bytes(tmp)[:700], 6, "damaged or truncated"),
    "pdf-renamed.xlsx": (lambda tmp: b"%PDF-1.7\n1 0 obj\n", 6, "not an xlsx/ods workbook"),
    "encrypted.xlsx": (lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
                       + "EncryptedPackage".encode("utf-16-le"), 6, "password-protected"),
    "modern-as-old.xls": (lambda tmp: xlsx_bytes(tmp), 6, "not an Excel 97-2003"),
    "empty.csv": (lambda tmp: b"\n\n", 6, "the file is empty"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unreadable_files(name: str, policy: Path, tmp_path: Path) -> None:
    make, code, fragment = CASES[name]
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    result = score(policy, path)
    assert result.exit_code == code, result.output
    assert fragment in result.stderr
    assert "Traceback" not in result.output


def test_zip_bomb_is_refused_before_inflating(policy: Path, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):
                sheet.write(chunk)
    assert path.stat().st_size < 1_000_000
    result = score(policy, path)
    assert result.exit_code == 6
    assert "zip bomb" in result.stderr


def test_macros_are_never_run_and_reported(policy: Path, tmp_path: Path) -> None:
    buffer = io.BytesIO(xlsx_bytes(tmp_path))
    path = tmp_path / "macros.xlsm"
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"Attribute VB_Name = \"Evil\"")
    path.write_bytes(buffer.getvalue())
    result = score(policy, path)
    assert result.exit_code == 0, result.output


def _two_sheets(path: Path, hide_second: bool) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for name in ("Pegawai", "Salinan"):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, MINI_HEADERS)
        sheet.write_row(1, 0, [str(v) for v in GOOD])
        if hide_second and name == "Salinan":
            sheet.hide()
    book.close()
    return path


def test_several_candidate_sheets_need_a_choice(policy: Path, tmp_path: Path) -> None:
    result = score(policy, _two_sheets(tmp_path / "two.xlsx", hide_second=False))
    assert result.exit_code == 4
    assert "choose one with --sheet" in result.stderr
    chosen = score(policy, tmp_path / "two.xlsx", "--sheet", "Salinan")
    assert chosen.exit_code == 0, chosen.output


def test_hidden_sheet_is_ignored(policy: Path, tmp_path: Path) -> None:
    assert score(policy, _two_sheets(tmp_path / "hidden.xlsx", hide_second=True)).exit_code == 0


@pytest.mark.parametrize(("rows", "code", "fragment"), [
    ([], 4, "no data rows"),
    ([[nip(1), "Ani", 50, "III/a", "X", "P", "dup"]], 4, "appears more than once"),
    ([["1.98001E+17", "Ani", 50, "III/a", "X", "P"]], 4, "expected 18 digits"),
])
def test_contract_problems(rows: list, code: int, fragment: str, policy: Path,
                           tmp_path: Path) -> None:
    headers = MINI_HEADERS + (["Nama"] if rows and len(rows[0]) == 7 else [])
    result = score(policy, write_xlsx(tmp_path / "r.xlsx", headers, rows))
    assert result.exit_code == code, result.output
    assert fragment in result.stderr


def test_extremely_long_cell(policy: Path, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"  # XlsxWriter itself cuts text at Excel's limit, so use CSV
    row = [nip(1), "A" * 40_000, "50", "III/a", "X", "P"]
    path.write_text(",".join(MINI_HEADERS) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    result = score(policy, path)
    assert result.exit_code == 4
    assert "longer than 32,767" in result.stderr
    assert len(result.stderr) < 2_000


def test_ambiguous_and_text_dates(tmp_path: Path) -> None:
    text = MINI_POLICY.replace("  unit:", '  tmt: { header: "TMT", type: date }\n  unit:')
    policy = tmp_path / "p.yaml"
    policy.write_text(text, encoding="utf-8")
    rows = [[nip(i), "A", 50, "III/a", "X", "P", value] for i, value in
            enumerate(["2020-03-04", "04/03/2020", "04-03-2020", "04/03/20"], start=1)]
    result = score(policy, write_xlsx(tmp_path / "d.xlsx", [*MINI_HEADERS, "TMT"], rows))
    assert result.exit_code == 4
    assert result.stderr.count("roster.bad-value") == 1
    assert "'04/03/20'" in result.stderr


def test_utf16_csv(policy: Path, tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    text = ",".join(MINI_HEADERS) + "\n" + ",".join(str(v) for v in GOOD) + "\n"
    path.write_bytes(text.encode("utf-16"))
    assert score(policy, path).exit_code == 0


def test_formula_looking_names_stay_inert_text(policy: Path, tmp_path: Path) -> None:
    hostile = ['=HYPERLINK("http://evil.example","klik")', "<script>alert(1)</script>"]
    rows = [[nip(i), name, 50, "III/a", "X", "P"] for i, name in enumerate(hostile, 1)]
    roster = write_xlsx(tmp_path / "h.xlsx", MINI_HEADERS, rows)
    out = tmp_path / "out-h"
    result = runner.invoke(app, ["score", str(roster), "--policy", str(policy), "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "ranking.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)
    cells = CalamineWorkbook.from_path(str(out / "ranking.xlsx")).get_sheet_by_index(1)
    values = [v for row in cells.to_python() for v in row]
    assert hostile[0] in values and hostile[1] in values
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html


def test_more_rows_than_excel_holds_are_counted_not_lost(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A CSV may exceed Excel's 1,048,576 rows; the limit is lowered here to keep the test fast."""
    from asn_merit.reports import xlsx

    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 4)
    policy = tmp_path / "p.yaml"
    policy.write_text(MINI_POLICY, encoding="utf-8")
    rows = [[nip(i), f"N{i}", str(20 + i), "III/a", "X", "P"] for i in range(1, 8)]
    roster = tmp_path / "many.csv"
    roster.write_text("\n".join(",".join(r) for r in [MINI_HEADERS, *rows]) + "\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["score", str(roster), "--policy", str(policy), "--out",
                                 str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    ranking = CalamineWorkbook.from_path(str(out / "ranking.xlsx")).get_sheet_by_index(1)
    cells = [str(v) for row in ranking.to_python() for v in row]
    assert any("more rows do not fit in Excel" in c for c in cells)
