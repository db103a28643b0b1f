"""`asn-merit audit` on a scoring run and on decisions already made by people."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import KP_POLICY
from scipy.stats import fisher_exact
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def decisions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 applicants; women pass SKD less often (a planted adverse impact)."""
    rng = np.random.default_rng(7)
    n = 2000
    sex = rng.choice(["L", "P"], n, p=[0.5, 0.5])
    religion = rng.choice(["Islam", "Kristen", "Hindu", ""], n, p=[0.8, 0.12, 0.05, 0.03])
    age = rng.choice(["<30", "30-39", "40+"], n)
    skd = rng.random(n) < np.where(sex == "P", 0.30, 0.45)
    appointed = skd & (rng.random(n) < 0.5)
    frame = pd.DataFrame({
        "Jenis Kelamin": sex, "Agama": religion, "Usia": age,
        "Lulus SKD": np.where(skd, "ya", "tidak"), "Diangkat": np.where(appointed, "1", "0"),
        "Nilai": rng.normal(300, 40, n).round(1),
    })
    path = tmp_path_factory.mktemp("dec") / "keputusan.csv"
    frame.to_csv(path, sep=";", index=False)
    return path


def test_decisions_file_json_shape_and_numbers(decisions: Path) -> None:
    result = runner.invoke(app, ["audit", str(decisions), "--outcome", "Lulus SKD",
                                 "--outcome", "Diangkat", "--by", "Jenis Kelamin,Agama",
                                 "--intersect", "Jenis Kelamin*Usia", "--score", "Nilai",
                                 "--format", "json"])
    assert result.exit_code == 1, result.output  # the planted gap is a finding
    audit = json.loads(result.stdout)
    block = next(b for b in audit["attributes"]
                 if b["attribute"] == "Jenis Kelamin" and b["stage"] == "Lulus SKD")
    assert block["reference"] == "L"
    women = next(g for g in block["groups"] if g["group"] == "P")
    men = next(g for g in block["groups"] if g["group"] == "L")
    assert women["four_fifths_adverse"] is True and women["status"] == "finding"
    frame = pd.read_csv(decisions, sep=";")
    passed = frame["Lulus SKD"] == "ya"
    expected_rate = passed[frame["Jenis Kelamin"] == "P"].mean()
    assert women["rate"] == pytest.approx(expected_rate, abs=1e-9)
    table = [[women["selected"], women["n"] - women["selected"]],
             [men["selected"], men["n"] - men["selected"]]]
    assert women["fisher_p_two_sided"] == pytest.approx(fisher_exact(table)[1], rel=1e-6)
    religion = next(b for b in audit["attributes"] if b["attribute"] == "Agama")
    assert religion["unknown"] == int((frame["Agama"].isna()).sum())
    assert any(b["attribute"] == "Jenis Kelamin x Usia" for b in audit["attributes"])


def test_fail_on_never_exits_zero(decisions: Path) -> None:
    result = runner.invoke(app, ["audit", str(decisions), "--outcome", "Lulus SKD", "--by",
                                 "Jenis Kelamin", "--fail-on", "never"])
    assert result.exit_code == 0
    assert "Jenis Kelamin" in result.stderr


def test_unknown_column_is_exit_4_with_a_suggestion(decisions: Path) -> None:
    result = runner.invoke(app, ["audit", str(decisions), "--outcome", "Lulus SKB", "--by",
                                 "Jenis Kelamin"])
    assert result.exit_code == 4
    assert "closest header: 'Lulus SKD'" in result.stderr


def test_bad_outcome_values_are_exit_4(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("JK;Lulus\nL;ya\nP;mungkin\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(path), "--outcome", "Lulus", "--by", "JK"])
    assert result.exit_code == 4
    assert "mungkin" in result.stderr


def test_a_file_needs_outcome_and_by(decisions: Path) -> None:
    assert runner.invoke(app, ["audit", str(decisions)]).exit_code == 2


def test_audit_of_a_sample_run_writes_files_an_auditor_can_file(tmp_path: Path) -> None:
    from asn_merit.sample.generator import generate_roster, write_roster

    roster = tmp_path / "roster.xlsx"
    write_roster(generate_roster(400, 3), roster)
    run = tmp_path / "run"
    scored = runner.invoke(app, ["score", str(roster), "--policy", str(KP_POLICY), "--out",
                                 str(run), "--quiet"])
    assert scored.exit_code == 0, scored.output
    out = tmp_path / "audit"
    result = runner.invoke(app, ["audit", str(run), "--out", str(out), "--fail-on", "never",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Total:" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["SHA256SUMS", "audit.html", "audit.json",
                                                     "audit.xlsx", "manifest.json"]
    audit = json.loads((out / "audit.json").read_text())
    stages = {b["stage"] for b in audit["attributes"]}
    assert {"eligible", "selected", "gate:syarat-masa-pangkat"} <= stages
    assert audit["process"]["selected_but_failed_gate"] == 0
    assert audit["process"]["proxy_fields_in_ranking"] == ["nip"]
    assert runner.invoke(app, ["verify", str(out)]).exit_code == 0
