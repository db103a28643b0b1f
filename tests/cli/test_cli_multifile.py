"""Several roster files (one per regency or unit) scored and audited as one roster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import MINI_HEADERS, MINI_POLICY, REPO, nip, write_xlsx
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.ledger.hashing import sha256_file

runner = CliRunner()
SAMPLE = REPO / "sample_data" / "roster.xlsx"


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """sample_data/roster.xlsx split into two workbooks, cell types kept (NIP as text)."""
    grid = CalamineWorkbook.from_path(str(SAMPLE)).get_sheet_by_index(0).to_python()
    header = next(i for i, row in enumerate(grid) if "NIP" in row)
    body = [[None if v == "" else v for v in row] for row in grid[header + 1:]]
    half = len(body) // 2
    folder = tmp_path_factory.mktemp("split")
    first = write_xlsx(folder / "kab-a.xlsx", grid[header], body[:half], ["KABUPATEN A"])
    second = write_xlsx(folder / "kab-b.xlsx", grid[header], body[half:])
    return first, second


def _score(*args: str):
    return runner.invoke(app, ["score", *args, "--no-html", "--quiet"])


def test_two_files_score_like_the_single_file(halves: tuple[Path, Path], tmp_path: Path) -> None:
    single, split = tmp_path / "single", tmp_path / "split"
    assert _score(str(SAMPLE), "--out", str(single)).exit_code == 0
    result = _score(str(halves[0]), str(halves[1]), "--out", str(split))
    assert result.exit_code == 0, result.output
    one = json.loads((single / "result.json").read_text(encoding="utf-8"))
    two = json.loads((split / "result.json").read_text(encoding="utf-8"))
    assert two["people"] == one["people"]
    assert (split / "result.json").read_bytes() == (single / "result.json").read_bytes()
    manifest = json.loads((split / "manifest.json").read_text(encoding="utf-8"))
    inputs = [i for i in manifest["inputs"] if i["role"] == "roster"]
    assert [i["path"] for i in inputs] == [str(h) for h in halves]
    assert [i["sha256"] for i in inputs] == [sha256_file(h) for h in halves]
    assert [i["header_row"] for i in inputs] == [2, 1]  # a title row above the first header
    assert sum(i["rows_read"] for i in inputs) == len(two["people"])


def test_the_fingerprint_covers_every_file(halves: tuple[Path, Path], tmp_path: Path) -> None:
    assert _score(str(halves[0]), str(halves[1]), "--out", str(tmp_path / "a")).exit_code == 0
    again = runner.invoke(app, ["score", str(halves[0]), "--out", str(tmp_path / "b"),
                                "--no-html"])
    assert again.exit_code == 0
    assert "Same inputs" not in again.stderr  # one file is not the same input as two
    assert "Masukan sama" not in again.stderr


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(MINI_POLICY, encoding="utf-8")
    return path


def test_duplicate_nip_across_files_names_both(policy: Path, tmp_path: Path) -> None:
    a = write_xlsx(tmp_path / "a.xlsx", MINI_HEADERS, [[nip(1), "Ani", 50, "III/a", "X", "P"],
                                                      [nip(2), "Budi", 60, "III/b", "X", "L"]])
    b = write_xlsx(tmp_path / "b.xlsx", MINI_HEADERS, [[nip(3), "Cici", 55, "III/a", "Y", "P"],
                                                      [nip(2), "Budi", 60, "III/b", "Y", "L"]],
                   ["DAFTAR KABUPATEN B"])
    result = runner.invoke(app, ["score", str(a), str(b), "--policy", str(policy), "--out",
                                 str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 4, result.output
    assert f"first at {a} row 3" in result.stderr  # the finding itself is in b.xlsx, row 4
    assert str(b) in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if "first at" in ln]
    assert any(str(b) in ln and "4" in ln for ln in lines)


def test_files_with_different_columns_are_refused(policy: Path, tmp_path: Path) -> None:
    a = write_xlsx(tmp_path / "a.xlsx", MINI_HEADERS, [[nip(1), "Ani", 50, "III/a", "X", "P"]])
    b = write_xlsx(tmp_path / "b.xlsx", [*MINI_HEADERS[:-1], "Agama"],
                   [[nip(2), "Budi", 60, "III/b", "X", "Islam"]])
    result = runner.invoke(app, ["score", str(a), str(b), "--policy", str(policy), "--out",
                                 str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 4, result.output
    assert "columns differ" in result.stderr
    assert str(b) in result.stderr and "'JK'" in result.stderr


def test_findings_name_the_file_they_come_from(policy: Path, tmp_path: Path) -> None:
    a = write_xlsx(tmp_path / "a.xlsx", MINI_HEADERS, [[nip(1), "Ani", 50, "III/a", "X", "P"]])
    b = write_xlsx(tmp_path / "b.xlsx", MINI_HEADERS, [[nip(2), "Budi", "lima", "III/b", "X",
                                                        "L"]])
    result = runner.invoke(app, ["score", str(a), str(b), "--policy", str(policy), "--out",
                                 str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 4
    bad = [ln for ln in result.stderr.splitlines() if "roster.bad-value" in ln]
    assert bad and all(str(b) in ln for ln in bad)


def test_audit_reads_several_decision_files(tmp_path: Path) -> None:
    headers = ["Jenis Kelamin", "Dipilih"]
    a = write_xlsx(tmp_path / "a.xlsx", headers, [["L", "ya"]] * 30 + [["P", "ya"]] * 30)
    b = write_xlsx(tmp_path / "b.xlsx", headers, [["L", "tidak"]] * 10 + [["P", "tidak"]] * 10)
    out = tmp_path / "audit"
    result = runner.invoke(app, ["audit", str(a), str(b), "--outcome", "Dipilih", "--by",
                                 "Jenis Kelamin", "--out", str(out), "--format", "json",
                                 "--fail-on", "never", "--no-html"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [i["sha256"] for i in manifest["inputs"]] == [sha256_file(a), sha256_file(b)]
    missing = write_xlsx(tmp_path / "c.xlsx", ["Jenis Kelamin"], [["L"]])
    refused = runner.invoke(app, ["audit", str(a), str(missing), "--outcome", "Dipilih",
                                  "--by", "Jenis Kelamin"])
    assert refused.exit_code == 4
    assert str(missing) in refused.stderr
