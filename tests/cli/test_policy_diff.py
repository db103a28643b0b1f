"""`policy diff`: two versions of the promotion policy on the sample roster."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import KP_POLICY, REPO
from typer.testing import CliRunner

from asn_merit.cli import app

runner = CliRunner()


def test_lowering_the_time_in_rank_gate_lists_who_becomes_eligible(tmp_path: Path) -> None:
    text = KP_POLICY.read_text(encoding="utf-8")
    new = tmp_path / "kp-new.yaml"
    new.write_text(text.replace('op: ">=", value: 48', 'op: ">=", value: 42')
                   .replace('quota: 25', 'quota: 30')
                   .replace('version: "2026.10.1"', 'version: "2026.10.2"'), encoding="utf-8")
    result = runner.invoke(app, ["policy", "diff", str(KP_POLICY), str(new), "--roster",
                                 str(REPO / "sample_data" / "roster.xlsx"), "--format", "json"])
    assert result.exit_code == 0, result.output
    diff = json.loads(result.stdout)
    assert diff["rules"] == [{"rule": "syarat-masa-pangkat", "change": "changed",
                              "fields": ["when"]}]
    assert diff["settings"] == ["ranking"]
    gained = diff["eligibility"]
    assert gained and all(p["before"] == "ineligible" for p in gained)
    assert all("now passes syarat-masa-pangkat" in p["why"] for p in gained)
    assert diff["counts"]["eligible"][1] - diff["counts"]["eligible"][0] == len(gained)
    assert diff["counts"]["selected"] == [25, 30]
    assert len(diff["selection"]) >= 5  # five more places, plus anyone displaced


def test_renamed_rule_with_alias_is_a_change_not_two(tmp_path: Path) -> None:
    text = KP_POLICY.read_text(encoding="utf-8")
    new = tmp_path / "kp-new.yaml"
    renamed = "  - id: syarat-tanpa-hukdis\n    aliases: [syarat-bebas-hukdis]\n"
    new.write_text(text.replace("  - id: syarat-bebas-hukdis\n", renamed), encoding="utf-8")
    result = runner.invoke(app, ["policy", "diff", str(KP_POLICY), str(new), "--roster",
                                 str(REPO / "sample_data" / "roster.xlsx"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rules"] == [
        {"rule": "syarat-tanpa-hukdis", "change": "changed", "fields": ["id"]}]


def test_html_goes_to_stdout_or_to_out_in_either_language(tmp_path: Path) -> None:
    text = KP_POLICY.read_text(encoding="utf-8")
    new = tmp_path / "kp-new.yaml"
    new.write_text(text.replace('op: ">=", value: 48', 'op: ">=", value: 42')
                   .replace('version: "2026.10.1"', 'version: "2026.10.2"'), encoding="utf-8")
    base = ["policy", "diff", str(KP_POLICY), str(new), "--roster",
            str(REPO / "sample_data" / "roster.xlsx"), "--format", "html"]
    shown = runner.invoke(app, [*base, "--lang", "en"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("<!DOCTYPE html>") and '<html lang="en">' in shown.stdout
    assert "now passes <code>syarat-masa-pangkat</code>" in shown.stdout
    assert "kenaikan-pangkat-reguler@2026.10.2" in shown.stdout

    page = tmp_path / "diff.html"
    written = runner.invoke(app, [*base, "--out", str(page)])  # the policy's language: id
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    html = page.read_text(encoding="utf-8")
    assert '<html lang="id">' in html and "kini memenuhi <code>syarat-masa-pangkat</code>" in html
    assert html.count('<tr><td class="mono nowrap">') == shown.stdout.count(
        '<tr><td class="mono nowrap">')


def test_out_without_html_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["policy", "diff", str(KP_POLICY), str(KP_POLICY), "--roster",
                                 str(REPO / "sample_data" / "roster.xlsx"), "--format", "json",
                                 "--out", str(tmp_path / "diff.html")])
    assert result.exit_code == 2
    assert not (tmp_path / "diff.html").exists()


def test_diff_from_the_superseded_kp_version_explains_the_population_change() -> None:
    """Issue #17: JFT holders leave KP reguler; the reason is the population, not a gate."""
    old = REPO / "policies" / "superseded" / "kenaikan-pangkat-reguler@2026.10.0.yaml"
    result = runner.invoke(app, ["policy", "diff", str(old), str(KP_POLICY), "--roster",
                                 str(REPO / "sample_data" / "roster.xlsx"), "--format", "json"])
    assert result.exit_code == 0, result.output
    diff = json.loads(result.stdout)
    assert {"rule": "syarat-tidak-melampaui-atasan", "change": "removed"} in [
        {k: v for k, v in r.items() if k != "fields"} for r in diff["rules"]]
    left = [p for p in diff["eligibility"] if p["after"] == "out_of_scope"]
    assert left and all(p["why"] == ["now outside the population"] for p in left)
    assert diff["counts"]["out_of_scope"][1] > diff["counts"]["out_of_scope"][0]
