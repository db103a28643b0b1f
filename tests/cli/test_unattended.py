"""Cron-style operation: JSON log lines without personal data, disk-full handled, quiet."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from helpers import KP_POLICY, REPO
from typer.testing import CliRunner

from asn_merit import pipeline
from asn_merit.cli import app

runner = CliRunner()
BROKEN = REPO / "sample_data" / "roster-with-errors.xlsx"


def test_json_log_lines_hold_no_cell_values_or_nips(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--log-format", "json", "score", str(BROKEN), "--policy",
                                 str(KP_POLICY), "--out", str(tmp_path / "o")])
    assert result.exit_code == 4
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert {line["level"] for line in lines} == {"error"}
    assert any(line["code"] == "roster.numeric-id-cell" and line["row"] == 8 for line in lines)
    assert "1986060120121020" not in result.stderr and "value" not in lines[0]


def test_quiet_run_prints_nothing(tmp_path: Path) -> None:
    from asn_merit.sample.generator import generate_roster, write_roster

    roster = tmp_path / "r.csv"
    write_roster(generate_roster(50, 1), roster)
    result = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                 str(tmp_path / "o"), "--quiet", "--no-html"])
    assert result.exit_code == 0
    assert result.stderr == "" and result.stdout == ""


def test_disk_full_is_exit_6_and_leaves_no_partial_run(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from asn_merit.sample.generator import generate_roster, write_roster

    roster = tmp_path / "r.csv"
    write_roster(generate_roster(50, 2), roster)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "write_ranking_xlsx", full)
    result = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                 str(tmp_path / "o")])
    assert result.exit_code == 6
    assert "No space left on device" in result.stderr
    assert not (tmp_path / "o").exists()
    assert not list(tmp_path.glob(".o.staging-*"))
