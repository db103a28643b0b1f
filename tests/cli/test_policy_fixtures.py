"""`policy test`: the shipped policy's hand-worked examples hold; a wrong one is reported."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import KP_POLICY
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()
FIXTURES = KP_POLICY.with_name("kenaikan-pangkat-reguler.tests.yaml")


def test_shipped_fixtures_pass() -> None:
    result = runner.invoke(app, ["policy", "test", str(KP_POLICY)])
    assert result.exit_code == 0, result.output
    assert "12 people, ok" in result.stdout


def test_a_wrong_expectation_is_named_by_person_and_rule(tmp_path: Path) -> None:
    edited = tmp_path / "kp.tests.yaml"
    edited.write_text(FIXTURES.read_text(encoding="utf-8").replace(
        '{ poin-masa-pangkat: "0.63" }', '{ poin-masa-pangkat: "0.62" }'), encoding="utf-8")
    result = runner.invoke(app, ["policy", "test", str(KP_POLICY), "--fixtures", str(edited),
                                 "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["mismatches"] == [{"person": "198804042012041004",
                                     "what": "points.poin-masa-pangkat",
                                     "expected": "0.62", "actual": "0.63"}]


def test_a_policy_change_that_alters_outcomes_fails_its_fixtures(tmp_path: Path) -> None:
    policy = tmp_path / "kp.yaml"
    policy.write_text(KP_POLICY.read_text(encoding="utf-8").replace(
        'op: ">=", value: 48', 'op: ">=", value: 60'), encoding="utf-8")
    (tmp_path / "kp.tests.yaml").write_text(FIXTURES.read_text(encoding="utf-8"),
                                            encoding="utf-8")
    result = runner.invoke(app, ["policy", "test", str(policy)])
    assert result.exit_code == 1
    assert "FAIL 198804042012041004 eligible: expected True, got False" in result.stdout


def test_fixture_file_with_unknown_expectation_is_a_policy_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tests.yaml"
    bad.write_text("people:\n  - nip: '1'\n    expect: { totl: 1 }\n", encoding="utf-8")
    result = runner.invoke(app, ["policy", "test", str(KP_POLICY), "--fixtures", str(bad)])
    assert result.exit_code == 3
    assert "unknown: ['totl']" in result.stderr
