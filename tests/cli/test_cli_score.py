"""The CLI as users meet it, through typer's runner: exit codes, streams, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import KP_POLICY, MINI_HEADERS, MINI_POLICY, nip, write_xlsx
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def kp_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from asn_merit.sample.generator import generate_roster, write_roster

    path = tmp_path_factory.mktemp("roster") / "roster.xlsx"
    write_roster(generate_roster(300, 11), path)
    return path


@pytest.fixture(scope="module")
def kp_run(kp_roster: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("runs") / "run"
    result = runner.invoke(app, ["score", str(kp_roster), "--policy", str(KP_POLICY),
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_score_writes_the_run_and_a_summary(kp_run: Path) -> None:
    assert sorted(p.name for p in kp_run.iterdir()) == ["SHA256SUMS", "audit.json",
                                                         "manifest.json", "ranking.xlsx",
                                                         "report.html",
                                                         "result.json"]
    assert not list(kp_run.parent.glob(".*staging*"))


def test_json_format_prints_only_json_on_stdout(kp_roster: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(kp_roster), "--policy", str(KP_POLICY), "--out",
                                 str(tmp_path / "r"), "--format", "json"])
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert summary["counts"]["rows"] == 300
    assert summary["as_of_origin"] == "policy"
    assert len(summary["result_sha256"]) == 64


def test_policy_errors_exit_3_and_name_the_line(kp_roster: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = MINI_POLICY.replace("weight: 1.0", "wieght: 1.0")
    bad.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    wieght: 1.0") + 1
    result = runner.invoke(app, ["score", str(kp_roster), "--policy", str(bad)])
    assert result.exit_code == 3
    assert f"{bad}:{line}:5: error[schema.extra-field]" in result.stderr
    assert "Nothing was scored." in result.stderr


def test_roster_errors_exit_4_naming_row_and_column(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(MINI_POLICY, encoding="utf-8")
    roster = write_xlsx(tmp_path / "r.xlsx", MINI_HEADERS,
                        [[198001012005011001, "A", 5, "III/a", "X", "L"]], ["JUDUL", ""])
    result = runner.invoke(app, ["score", str(roster), "--policy", str(policy),
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 4
    assert "r.xlsx[Data]:row 4:column 'NIP': error[roster.numeric-id-cell]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_roster_is_an_io_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(tmp_path / "none.xlsx"), "--policy",
                                 str(KP_POLICY)])
    assert result.exit_code == 6


def test_bad_option_is_a_usage_error() -> None:
    assert runner.invoke(app, ["score", "x.xlsx", "--as-of", "01-10-2026"]).exit_code == 2


def test_existing_output_directory_is_refused(kp_roster: Path, kp_run: Path) -> None:
    result = runner.invoke(app, ["score", str(kp_roster), "--policy", str(KP_POLICY), "--out",
                                 str(kp_run)])
    assert result.exit_code == 6
    assert "already exists" in result.stderr


def test_default_policy_is_announced(kp_roster: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["score", str(kp_roster)])
    assert result.exit_code == 0, result.output
    assert "shipped default" in result.stderr
    assert len([p for p in (tmp_path / "runs").iterdir() if not p.name.startswith(".")]) == 1


def test_policy_from_config_file(kp_roster: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.yaml").write_text(KP_POLICY.read_text(encoding="utf-8"),
                                        encoding="utf-8")
    (tmp_path / "asn-merit.toml").write_text('[score]\npolicy = "mine.yaml"\n')
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["score", str(kp_roster), "--out", "o"])
    assert result.exit_code == 0, result.output
    assert "asn-merit.toml" in result.stderr


def test_explain_an_ineligible_person_lists_every_failed_gate(kp_run: Path) -> None:
    document = json.loads((kp_run / "result.json").read_text(encoding="utf-8"))
    person = next(p for p in document["people"] if len(p.get("failed", [])) >= 2)
    result = runner.invoke(app, ["explain", str(kp_run), person["id"], "--lang", "en"])
    assert result.exit_code == 0
    for rule in person["failed"]:  # the rule as a sentence, with the values that failed it
        failing = next(g for g in person["gates"] if g["rule"] == rule)
        assert failing["test"] not in result.stdout  # not the machine form "field=value op …"
        for value in failing["inputs"].values():
            assert f"= {value if value is not None else '(blank)'}" in result.stdout
    assert result.stdout.count("[FAIL]") == len(person["failed"])


def test_explain_an_eligible_person_in_indonesian(kp_run: Path) -> None:
    document = json.loads((kp_run / "result.json").read_text(encoding="utf-8"))
    person = next(p for p in document["people"] if p.get("rank") == 1)
    result = runner.invoke(app, ["explain", str(kp_run), person["id"]])
    assert result.exit_code == 0
    assert "Perolehan poin:" in result.stdout
    total = person["total"].replace(".", ",")  # Indonesian decimal comma
    assert f"Total: {total} poin, peringkat 1" in result.stdout


def test_explain_unknown_nip(kp_run: Path) -> None:
    result = runner.invoke(app, ["explain", str(kp_run), nip(999)])
    assert result.exit_code == 2


def test_policy_check_and_schema(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["policy", "check", str(KP_POLICY)])
    assert ok.exit_code == 0 and "ok" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI_POLICY.replace('expr', 'x').replace("weight: 1.0",
                                                            "weight: 1.0\n    weight: 2"))
    failed = runner.invoke(app, ["policy", "check", str(bad), "--format", "json"])
    assert failed.exit_code == 3
    assert json.loads(failed.stdout)[0]["code"] == "yaml.duplicate-key"
    schema = json.loads(runner.invoke(app, ["policy", "schema"]).stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
