"""`asn-merit check`: the Inspektorat's checks from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import REPO
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()
ROSTER = str(REPO / "sample_data" / "roster.xlsx")


def test_sample_roster_has_warnings_but_no_errors() -> None:
    result = runner.invoke(app, ["check", ROSTER, "--as-of", "2026-10-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    checks = json.loads(result.stdout)
    assert "overdue-promotion" in json.dumps(checks)
    assert runner.invoke(app, ["check", ROSTER, "--as-of", "2026-10-01", "--fail-on",
                               "warning"]).exit_code == 1


def test_unknown_check_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", ROSTER, "--only", "rating-inflasi"])
    assert result.exit_code == 2


def test_out_writes_a_verifiable_run(tmp_path: Path) -> None:
    out = tmp_path / "checks"
    result = runner.invoke(app, ["check", ROSTER, "--as-of", "2026-10-01", "--only",
                                 "education-ceiling,training-access", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["SHA256SUMS", "checks.json",
                                                     "checks.xlsx", "manifest.json"]
    assert runner.invoke(app, ["verify", str(out)]).exit_code == 0
