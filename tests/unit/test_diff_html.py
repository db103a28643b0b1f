"""policy diff as HTML: the approver's page lists the changed rules and the people whose
outcome changes with the rule responsible, stays inert against hostile text, is redacted as
the policy asks and reads the same in both languages.

One realistic change of the shipped promotion policy is scored once on the sample roster
(module fixture): the time-in-rank gate 48 → 42 months, the quota 25 → 30, one gate renamed
with an alias, and a rule title carrying markup.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import KP_POLICY, REPO
from test_report_languages import assert_same_but_language

from asn_merit import pipeline
from asn_merit.reports.diff_html import _leaves, render_diff_html, write_diff_html
from asn_merit.reports.html import initials
from asn_merit.reports.i18n import MESSAGES
from asn_merit.rules.loader import LoadedPolicy

HOSTILE = "<script>alert(1)</script>"
SECTIONS = ("summary", "rules", "eligibility", "selection", "fairness", "approval")


def changed_policy(directory: Path) -> Path:
    """The shipped policy with a lower gate, a larger quota, a rename and a hostile title."""
    text = KP_POLICY.read_text(encoding="utf-8")
    renamed = "  - id: syarat-tanpa-hukdis\n    aliases: [syarat-bebas-hukdis]\n"
    hostile_title = 'en: "Not serving a sedang/berat disciplinary sanction <b>now</b>"'
    new = directory / "kp-new.yaml"
    new.write_text(text.replace('op: ">=", value: 48', 'op: ">=", value: 42')
                   .replace("quota: 25", "quota: 30")
                   .replace('version: "2026.10.1"', 'version: "2026.10.2"')
                   .replace("  - id: syarat-bebas-hukdis\n", renamed)
                   .replace('en: "Not serving a sedang/berat disciplinary sanction and not under '
                            'examination"', hostile_title),
                   encoding="utf-8")
    return new


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> pipeline.PolicyDiffRun:
    new = changed_policy(tmp_path_factory.mktemp("diff"))
    return pipeline.run_policy_diff_full(KP_POLICY, new, REPO / "sample_data" / "roster.xlsx")


def render(run: pipeline.PolicyDiffRun, lang: str, **override: Any) -> str:
    parts: dict[str, Any] = {"diff": run.diff, "old": run.old, "new": run.new,
                             "documents": run.documents, "roster": run.roster,
                             "as_of": run.as_of, **override}
    return render_diff_html(parts.pop("diff"), lang, **parts)


def section(page: str, name: str) -> str:
    start = page.index(f'<section id="{name}"')
    return page[start:page.index("</section>", start)]


@pytest.fixture(scope="module")
def pages(run: pipeline.PolicyDiffRun) -> dict[str, str]:
    return {lang: render(run, lang) for lang in ("id", "en")}


def test_header_names_both_policies_hashes_roster_and_date(run: pipeline.PolicyDiffRun,
                                                           pages: dict[str, str]) -> None:
    page = pages["en"]
    assert "kenaikan-pangkat-reguler@2026.10.1 → kenaikan-pangkat-reguler@2026.10.2" in page
    assert run.old.canonical_sha256 in page and run.new.canonical_sha256 in page
    assert run.old.canonical_sha256 != run.new.canonical_sha256
    assert run.roster.sha256 in page and "roster.xlsx" in page
    assert "1 October 2026" in page and "1 Oktober 2026" in pages["id"]
    for name in SECTIONS:
        assert f'id="{name}"' in page and MESSAGES[f"diff.section.{name}"]["en"] in page


def test_changed_rules_show_old_and_new_values(pages: dict[str, str]) -> None:
    rules = section(pages["en"], "rules")
    mono = '<td class="mono">(.*?)</td>'
    values = re.findall(mono * 3, rules)
    assert "<code>syarat-masa-pangkat</code>" in rules and ("when.value", "48", "42") in values
    assert MESSAGES["diff.change.renamed"]["en"] in rules
    assert "<code>syarat-tanpa-hukdis</code>" in rules
    assert "<code>syarat-bebas-hukdis</code>" in rules  # the old id, beside the new one
    assert ("ranking.selection.quota", "25", "30") in values


def test_people_whose_outcome_changes_are_listed_with_the_rule(run: pipeline.PolicyDiffRun,
                                                               pages: dict[str, str]) -> None:
    eligibility = section(pages["en"], "eligibility")
    assert run.diff.eligibility
    assert eligibility.count('<tr><td class="mono nowrap">') == len(run.diff.eligibility)
    for person in run.diff.eligibility:
        assert person.id in eligibility
    assert eligibility.count("now passes <code>syarat-masa-pangkat</code>") == len(
        run.diff.eligibility)
    selection = section(pages["en"], "selection")
    assert len(run.diff.selection) >= 5
    for person in run.diff.selection:
        assert person.id in selection
    assert MESSAGES["diff.enters"]["en"] in selection
    # the reasons the diff writes in English are all translated on the Indonesian page
    assert "now passes" not in pages["id"] and "kini memenuhi <code>" in pages["id"]


def test_counts_cut_line_and_fairness_before_and_after(run: pipeline.PolicyDiffRun,
                                                       pages: dict[str, str]) -> None:
    summary = section(pages["en"], "summary")
    cut = run.diff.cut_line
    assert f"{cut[0]} → {cut[1]}" in summary and ">+5<" in summary  # five more selected
    fairness = section(pages["en"], "fairness")
    for attribute, (before, after) in run.diff.fairness.items():
        assert f"<td>{attribute}</td>" in fairness
        assert f"{before:.4f}" in fairness and f"{after:.4f}" in fairness


def test_names_are_redacted_as_the_policy_asks(run: pipeline.PolicyDiffRun,
                                               pages: dict[str, str]) -> None:
    person = run.diff.eligibility[0]
    assert person.display and " " in person.display
    page = section(pages["en"], "eligibility")
    assert person.display not in page and initials(person.display) in page
    assert MESSAGES["html.redacted"]["en"].format(fields="nama") in pages["en"]


def test_hostile_names_and_titles_stay_inert(run: pipeline.PolicyDiffRun) -> None:
    def unredacted(loaded: LoadedPolicy) -> LoadedPolicy:
        reporting = loaded.policy.reporting.model_copy(update={"redact": {}})
        return dataclasses.replace(
            loaded, policy=loaded.policy.model_copy(update={"reporting": reporting}))

    diff = copy.deepcopy(run.diff)
    documents = copy.deepcopy(run.documents)
    target = diff.eligibility[0].id
    diff.eligibility[0].display = HOSTILE
    for document in documents:
        for person in document["people"]:
            if person["id"] == target:
                person["display"] = HOSTILE
                person["show"]["unit_kerja"] = HOSTILE
    page = render(run, "en", diff=diff, documents=documents, old=unredacted(run.old),
                  new=unredacted(run.new))
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>now</b>" not in page and "&lt;b&gt;now&lt;/b&gt;" in page


def test_page_is_self_contained_and_the_same_in_both_languages(pages: dict[str, str]) -> None:
    for lang, page in pages.items():
        assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
        assert "Content-Security-Policy" in page and "<style>" in page
        assert not re.search(r'(src|href)="(https?:)?//', page) and "<script" not in page
    assert_same_but_language(pages)


def test_write_gives_the_same_bytes_as_render(run: pipeline.PolicyDiffRun, tmp_path: Path,
                                              pages: dict[str, str]) -> None:
    path = tmp_path / "diff.html"
    write_diff_html(run.diff, path, "id", old=run.old, new=run.new, documents=run.documents,
                    roster=run.roster, as_of=run.as_of)
    assert path.read_text(encoding="utf-8") == pages["id"]


def test_leaves_name_the_innermost_values_that_differ() -> None:
    old = {"when": {"field": "x", "op": ">=", "value": 48}, "bands": [{"lt": 1}, {"lt": 2}]}
    new = {"when": {"field": "x", "op": ">=", "value": 42}, "bands": [{"lt": 1}, {"lt": 3}],
           "note": "new"}
    assert _leaves(old, new, "rule") == [("rule.when.value", 48, 42),
                                         ("rule.bands[1].lt", 2, 3), ("rule.note", None, "new")]
    assert _leaves([1], [1, 2], "list") == [("list", [1], [1, 2])]
