"""A decisions-file audit with the auditor's own choices: --reference, --min-group-size and
--min-share, recorded in audit.json and the manifest (issue 18).

The published case is a real LL144 bias audit: NYU Langone, Talent Plus tool, audited by
Ambrose Consulting, LLC (2023), race/ethnicity selection table, as transcribed in
aclu-national/auditing-the-audits-facct-2025 `audits/audits_full.csv`
(audit_id nyu_langone_talent_plus_ambrose_consulting_llc_2023_audit_3; source
https://perma.cc/83UA-BVJ9). The auditor left Native Hawaiian or Other Pacific Islander
(371 of 134,345 = 0.28%) out of the impact ratios but kept American Indian or Alaska Native
(627 = 0.47%), which then is the reference with the highest rate: only some of the groups
below 2% were excluded. The default 2% rule cannot reproduce it; --min-share 0.004 does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from asn_merit.cli import app

# (group, applications, selected, published impact ratio or None when not calculated)
PUBLISHED = [
    ("Hispanic or Latino", 35917, 24250, 0.89),
    ("White", 26308, 18428, 0.93),
    ("Black or African American", 47921, 32545, 0.90),
    ("Native Hawaiian or Other Pacific Islander", 371, 272, None),
    ("Asian", 16929, 10498, 0.82),
    ("American Indian or Alaska Native", 627, 473, 1.00),
    ("Two or More Races", 6272, 4528, 0.96),
]


@pytest.fixture(scope="module")
def decisions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One row per applicant, as an auditor receives a decision log (CSV export)."""
    rows = []
    for group, n, selected, _ in PUBLISHED:
        rows += [(group, "ya")] * selected + [(group, "tidak")] * (n - selected)
    path = tmp_path_factory.mktemp("ll144") / "keputusan.csv"
    pd.DataFrame(rows, columns=["Ras/Etnis", "Lolos"]).to_csv(path, index=False)
    return path


def _audit(path: Path, *options: str) -> dict:
    result = CliRunner().invoke(app, ["audit", str(path), "--outcome", "Lolos", "--by",
                                      "Ras/Etnis", "--format", "json", "--fail-on", "never",
                                      *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _groups(audit: dict) -> dict[str, dict]:
    block = next(b for b in audit["attributes"] if b["attribute"] == "Ras/Etnis")
    return {g["group"]: g for g in block["groups"]}


def test_published_audit_excluding_some_small_groups_reproduces(decisions: Path) -> None:
    audit = _audit(decisions, "--min-share", "0.004")
    assert audit["settings"]["reference_min_share"] == 0.004
    groups = _groups(audit)
    assert groups["American Indian or Alaska Native"]["is_reference"]
    for group, _, _, published in PUBLISHED:
        if published is None:
            assert groups[group]["status"] == "excluded", group
            assert groups[group]["eligible_for_ir"] is False
        else:
            assert round(groups[group]["impact_ratio"], 2) == published, group


def test_the_default_two_percent_rule_gives_another_audit(decisions: Path) -> None:
    groups = _groups(_audit(decisions))
    assert groups["Two or More Races"]["is_reference"]
    assert groups["American Indian or Alaska Native"]["status"] == "excluded"
    assert round(groups["White"]["impact_ratio"], 2) != 0.93


def test_pinned_reference_and_group_size_are_recorded(decisions: Path, tmp_path: Path) -> None:
    out = tmp_path / "audit"
    result = CliRunner().invoke(app, [
        "audit", str(decisions), "--outcome", "Lolos", "--by", "Ras/Etnis", "--reference",
        "White", "--min-group-size", "400", "--min-share", "0.004", "--out", str(out),
        "--no-html", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert audit["settings"]["reference_groups"] == {"Ras/Etnis": "White"}
    assert audit["settings"]["min_group_size"] == 400
    groups = _groups(audit)
    assert groups["White"]["is_reference"]
    assert groups["Native Hawaiian or Other Pacific Islander"]["suppressed"]  # n = 371 < 400
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    options = manifest["invocation"]["options"]
    assert options["reference"] == {"value": {"Ras/Etnis": "White"}, "origin": "--reference"}
    assert options["min_group_size"] == {"value": 400, "origin": "--min-group-size"}
    assert options["min_share"] == {"value": 0.004, "origin": "--min-share"}


def test_reference_needs_the_attribute_with_several(decisions: Path) -> None:
    result = CliRunner().invoke(app, ["audit", str(decisions), "--outcome", "Lolos", "--by",
                                      "Ras/Etnis,Lolos", "--reference", "White"])
    assert result.exit_code == 2
    assert "ATTRIBUTE=GROUP" in result.output


def test_options_are_refused_for_a_run(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    result = CliRunner().invoke(app, ["audit", str(run), "--min-share", "0.01"])
    assert result.exit_code == 2
    assert "decisions file" in result.output
