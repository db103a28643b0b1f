"""Every input kind as Notepad and Excel on Windows save it: CRLF line ends and a UTF-8 BOM.

Each file is read twice, as LF without a BOM and as CRLF with one, and must give the same
result (and error positions on the same lines).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import KP_POLICY, REPO
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.config import load_config
from asn_merit.errors import PolicyError
from asn_merit.roster.reader import read_roster
from asn_merit.rules.fixtures import run_fixtures
from asn_merit.rules.loader import load_policy
from asn_merit.scoring.overrides import load_overrides

BOM = b"\xef\xbb\xbf"


def windows_copy(source: Path | bytes, target: Path) -> Path:
    """`source` with CRLF line ends and a UTF-8 BOM, as Notepad writes it."""
    data = source.read_bytes() if isinstance(source, Path) else source
    assert b"\r\n" not in data and not data.startswith(BOM)
    target.write_bytes(BOM + data.replace(b"\n", b"\r\n"))
    return target


def test_policy(tmp_path: Path) -> None:
    plain = load_policy(KP_POLICY)
    windows = load_policy(windows_copy(KP_POLICY, tmp_path / "kp.yaml"))
    assert windows.canonical_sha256 == plain.canonical_sha256


def test_policy_error_lines_are_the_same_with_crlf(tmp_path: Path) -> None:
    text = KP_POLICY.read_bytes().replace(b"  weight:", b"  wieght:", 1)
    assert b"wieght" in text
    lines = []
    for path in ((tmp_path / "lf.yaml"), windows_copy(text, tmp_path / "crlf.yaml")):
        if path.name == "lf.yaml":
            path.write_bytes(text)
        with pytest.raises(PolicyError) as caught:
            load_policy(path)
        lines.append([(d.code, d.span.line, d.span.column) for d in caught.value.diagnostics
                      if d.span is not None])
    assert lines[0] and lines[0] == lines[1]


def test_overrides(tmp_path: Path) -> None:
    example = REPO / "sample_data" / "overrides-example.yaml"
    plain = load_overrides(example)
    windows = load_overrides(windows_copy(example, tmp_path / "overrides.yaml"))
    def fields(entry: object) -> tuple[object, ...]:
        return tuple(getattr(entry, name) for name in ("nip", "rule", "action", "points",
                                                       "reason", "approved_by", "decree_ref"))

    assert [fields(e) for e in windows.entries] == [fields(e) for e in plain.entries]
    assert [e.span.line for e in windows.entries] == [e.span.line for e in plain.entries]


def test_fixtures(tmp_path: Path) -> None:
    fixtures = KP_POLICY.with_name("kenaikan-pangkat-reguler.tests.yaml")
    report = run_fixtures(load_policy(KP_POLICY), windows_copy(fixtures, tmp_path / "t.yaml"))
    assert report.ok, report.mismatches
    assert report.people == run_fixtures(load_policy(KP_POLICY), fixtures).people


CSV = (b"NIP,Nama,Jenis Kelamin,Lulus\n"
       b"'198503152010121001,Dewi Lestari,P,ya\n"
       b"'199001012015031002,Budi Santoso,L,tidak\n"
       b"'199203042019022003,Siti Aminah,P,ya\n"
       b"'198807082012121004,Agus Salim,L,ya\n")


def test_csv_roster(tmp_path: Path) -> None:
    (tmp_path / "lf.csv").write_bytes(CSV)
    windows = windows_copy(CSV, tmp_path / "crlf.csv")
    wanted = {"nip", "nama", "jenis kelamin", "lulus"}
    plain, crlf = (read_roster(p, wanted) for p in (tmp_path / "lf.csv", windows))
    assert crlf.headers == plain.headers == ["NIP", "Nama", "Jenis Kelamin", "Lulus"]
    assert crlf.cells.keys() == plain.cells.keys()
    for header, column in plain.cells.items():
        assert crlf.cells[header].tolist() == column.tolist()
    assert crlf.rows.tolist() == plain.rows.tolist()


def test_decisions_file(tmp_path: Path) -> None:
    (tmp_path / "lf.csv").write_bytes(CSV)
    windows = windows_copy(CSV, tmp_path / "crlf.csv")
    runner = CliRunner()
    results = []
    for path in (tmp_path / "lf.csv", windows):
        done = runner.invoke(app, ["audit", str(path), "--outcome", "Lulus", "--by",
                                   "Jenis Kelamin", "--format", "json", "--fail-on", "never"])
        assert done.exit_code == 0, done.output
        document = json.loads(done.stdout)
        document.pop("source", None)
        results.append(document)
    assert results[0] == results[1]


def test_toml_config(tmp_path: Path) -> None:
    windows_copy(b'# dibuat di Notepad\n[score]\npolicy = "kebijakan/kp.yaml"\n',
                 tmp_path / "asn-merit.toml")
    config = load_config(tmp_path, folder=tmp_path / "none")
    assert config.path("score.policy") == tmp_path / "kebijakan" / "kp.yaml"
