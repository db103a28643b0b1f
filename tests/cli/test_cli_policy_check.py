"""`policy check`: GitHub annotations for CI and the ledger's memory of policy versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import MINI_POLICY
from typer.testing import CliRunner

from asn_merit.cli import app
from asn_merit.diagnostics import Diagnostic, Severity, Span
from asn_merit.ledger.store import Ledger, NewEntry
from asn_merit.rules.check_report import github_annotation
from asn_merit.rules.loader import load_policy

runner = CliRunner()

GAP_RULE = """\
  - id: poin-skor-pita
    kind: points_table
    field: skor
    bands:
      - { lt: 50, points: 0 }
      - { gte: 60, points: 100 }
    weight: 0.0
"""
GAPPY = MINI_POLICY.replace("    weight: 1.0\n", "    weight: 1.0\n" + GAP_RULE, 1)
OVERLAPPING = GAPPY.replace("{ gte: 60, points: 100 }", "{ gte: 40, points: 100 }")


def line_of(text: str, needle: str) -> int:
    [line] = [i + 1 for i, row in enumerate(text.splitlines()) if needle in row]
    return line


def write(tmp_path: Path, text: str, name: str = "policy.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- --format github -----------------------------------------------------------------------------

def test_github_format_annotates_a_warning_on_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GAPPY)
    result = runner.invoke(app, ["policy", "check", str(path), "--format", "github"])
    assert result.exit_code == 0, result.output
    [annotation] = [row for row in result.stdout.splitlines() if row.startswith("::")]
    line = line_of(GAPPY, "gte: 60")
    assert annotation.startswith(f"::warning file={path},line={line},col=9,"
                                 "title=lint.band-gap::no band of 'poin-skor-pita' covers skor")
    assert annotation.endswith(")") and "(add a band for them" in annotation


def test_github_format_annotates_errors_and_exits_3(tmp_path: Path) -> None:
    path = write(tmp_path, OVERLAPPING)
    result = runner.invoke(app, ["policy", "check", str(path), "--format", "github"])
    assert result.exit_code == 3
    errors = [row for row in result.stdout.splitlines() if row.startswith("::error ")]
    line = line_of(OVERLAPPING, "gte: 40")
    assert [row.split("::")[1] for row in errors] == [
        f"error file={path},line={line},col=9,title=lint.band-overlap"]
    assert "error[lint.band-overlap]" in result.stderr  # people still read the text


def test_github_properties_and_message_are_escaped(tmp_path: Path) -> None:
    path = write(tmp_path, GAPPY, name="a,b:c.yaml")
    result = runner.invoke(app, ["policy", "check", str(path), "--format", "github"])
    assert result.exit_code == 0, result.output
    assert f"file={tmp_path}/a%2Cb%3Ac.yaml,line=" in result.stdout
    item = Diagnostic("x.y", "50% done\r\nnext, line: 2", Severity.INFO,
                      Span("p,1:x.yaml", 3, 4), hint="try 100%")
    assert github_annotation(item) == ("::notice file=p%2C1%3Ax.yaml,line=3,col=4,title=x.y"
                                       "::50%25 done%0D%0Anext, line: 2 (try 100%25)")
    bare = Diagnostic("policy.encoding", "not UTF-8")
    assert github_annotation(bare) == "::error title=policy.encoding::not UTF-8"


def test_json_format_lists_the_new_warnings(tmp_path: Path) -> None:
    result = runner.invoke(app, ["policy", "check", str(write(tmp_path, GAPPY)), "--format",
                                 "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [(d["code"], d["line"]) for d in document["diagnostics"]] == [
        ("lint.band-gap", line_of(GAPPY, "gte: 60"))]


# --- the ledger lookup ---------------------------------------------------------------------------

def record(ledger_path: Path, policy_path: Path, sha: str | None = None) -> None:
    loaded = load_policy(policy_path)
    meta = loaded.policy.policy
    with Ledger.open(ledger_path) as ledger:
        ledger.append(NewEntry(run_id="run-1", kind="score", manifest_sha256="a" * 64,
                               policy_id=meta.id, policy_version=meta.version,
                               policy_sha256=sha or loaded.canonical_sha256))


@pytest.mark.parametrize("how", ["option", "environment"])
def test_version_recorded_with_other_content_is_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    path = write(tmp_path, MINI_POLICY)
    ledger = tmp_path / "recorded.sqlite"
    record(ledger, path, sha="b" * 64)
    args = ["policy", "check", str(path)]
    if how == "option":
        args += ["--ledger", str(ledger)]
    else:
        monkeypatch.setenv("ASN_MERIT_LEDGER", str(ledger))
    result = runner.invoke(app, args)
    assert result.exit_code == 3
    line = line_of(MINI_POLICY, 'version: "1"')
    assert f"{path}:{line}:12: error[policy.version-reused]" in result.stderr
    assert "run-1" in result.stderr and "bump policy.version" in result.stderr


def test_version_reused_as_github_annotation(tmp_path: Path) -> None:
    path = write(tmp_path, MINI_POLICY)
    ledger = tmp_path / "recorded.sqlite"
    record(ledger, path, sha="b" * 64)
    result = runner.invoke(app, ["policy", "check", str(path), "--ledger", str(ledger),
                                 "--format", "github"])
    assert result.exit_code == 3
    line = line_of(MINI_POLICY, 'version: "1"')
    assert f"::error file={path},line={line},col=12,title=policy.version-reused::" \
        in result.stdout


def test_same_content_under_a_recorded_version_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, MINI_POLICY)
    ledger = tmp_path / "recorded.sqlite"
    record(ledger, path)
    result = runner.invoke(app, ["policy", "check", str(path), "--ledger", str(ledger)])
    assert result.exit_code == 0, result.output
    assert "version-reused" not in result.output


def test_no_ledger_is_skipped_and_not_created(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, MINI_POLICY)
    default = tmp_path / "default" / "ledger.sqlite"
    monkeypatch.setenv("ASN_MERIT_LEDGER", str(default))
    missing = tmp_path / "missing.sqlite"
    for extra in ([], ["--ledger", str(missing)]):
        result = runner.invoke(app, ["policy", "check", str(path), *extra])
        assert result.exit_code == 0, result.output
    assert not default.exists() and not default.parent.exists() and not missing.exists()
