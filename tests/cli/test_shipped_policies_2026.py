"""Shipped policies after the 2026 audit (issue #17): every one has hand-worked fixtures that
pass, and the CPNS policy lists a row of an unknown route instead of stopping the run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import REPO, write_xlsx
from typer.testing import CliRunner

from asn_merit.catalog import policy_files
from asn_merit.cli import app
from asn_merit.sample.applicants import applicant_headers

runner = CliRunner()


@pytest.mark.parametrize("path", policy_files(), ids=lambda p: p.stem)
def test_every_shipped_policy_passes_its_fixtures(path: Path) -> None:
    fixtures = path.with_name(path.stem + ".tests.yaml")
    assert fixtures.is_file(), f"{path.name} ships without hand-worked fixtures"
    result = runner.invoke(app, ["policy", "test", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("ok")


def _applicant(number: int, route: str, twk: int, tiu: int, tkp: int, skb: float
               ) -> list[object]:
    """One SSCASN-style row in the sample's column order."""
    return [number, f"2420410000{number:04d}", "Contoh", "L", date(1998, 1, 1), "Islam",
            "Tidak", "S-1", 3.5, "Perawat Ahli Pertama", "RSUD", route, 1, twk, tiu, tkp, skb,
            None]


def test_a_row_of_an_unknown_route_is_listed_not_fatal(tmp_path: Path) -> None:
    roster = write_xlsx(tmp_path / "nilai.xlsx", applicant_headers(), [
        _applicant(1, "UMUM", 80, 90, 170, 80.0),
        _applicant(2, "DIASPORA", 100, 120, 190, 90.0),
        _applicant(3, "PUTRA/PUTRI PAPUA DAN PAPUA BARAT", 70, 62, 158, 80.0),
    ])
    out = tmp_path / "run"
    result = runner.invoke(app, ["score", str(roster), "--policy",
                                 str(REPO / "policies" / "seleksi-cpns.yaml"), "--out",
                                 str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    people = {p["id"]: p for p in json.loads((out / "result.json").read_text())["people"]}
    unknown = people["24204100000002"]
    assert unknown["status"] == "not_evaluated"
    assert "Jenis Formasi" in json.dumps(unknown["excluded_because"])
    assert people["24204100000001"]["selected"] is True
    assert people["24204100000003"]["selected"] is True  # Papua route, its own formation
