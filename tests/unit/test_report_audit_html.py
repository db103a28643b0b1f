"""audit.html: self-contained, every section and chart, inert names, reproducible, both inputs."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from test_report_data import HOSTILE, decisions, scored_run, trimmed

from asn_merit.reports.audit_html import render_audit_html, write_audit_html
from asn_merit.reports.fairness_view import GATE_STAGE
from asn_merit.reports.i18n import LANGUAGES, MESSAGES

FOOTER = {"run_id": "audit-run-1", "source_run_id": "score-run-1", "input_sha256": "a" * 64,
          "audit_sha256": "b" * 64}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    data = scored_run(tmp_path_factory.mktemp("audit-html"))
    data["small"] = trimmed(data["audit"])
    data["titles"] = {r["id"]: r["title"] for r in data["document"]["rules"]}
    return data


@pytest.fixture(scope="module")
def pages(run: dict[str, Any]) -> dict[str, str]:
    return {lang: render_audit_html(run["small"], lang, footer=FOOTER,
                                    rule_titles=run["titles"]) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def file_audit() -> dict[str, Any]:
    return decisions().to_dict()


@pytest.fixture(scope="module")
def file_page(file_audit: dict[str, Any]) -> str:
    return render_audit_html(file_audit, "en", footer={"run_id": "x"})


def _expected_charts(audit: dict[str, Any]) -> int:
    """One rate chart per decision stage, a funnel per attribute with 2+ stages, one per
    score block."""
    decisions_ = [b for b in audit["attributes"] if not b["stage"].startswith(GATE_STAGE)]
    multi = {b["attribute"] for b in decisions_ if (b.get("stage_index") or 1) > 1}
    return len(decisions_) + len(multi) + len(audit.get("scores") or [])


def test_page_is_self_contained(pages: dict[str, str], file_page: str) -> None:
    for page in [*pages.values(), file_page]:
        assert "Content-Security-Policy" in page and "default-src 'none'" in page
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
        assert not re.search(r"<script|<link|<iframe|<object|<embed|<img|@import", page, re.I)
        assert "@media print" in page and "size: A4" in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_run_audit_has_every_section_chart_and_number(pages: dict[str, str],
                                                      run: dict[str, Any], lang: str) -> None:
    page = pages[lang]
    assert f'<html lang="{lang}">' in page
    for section in ("summary", "attributes", "scores", "process", "method", "verification"):
        assert f'id="{section}"' in page
        assert MESSAGES[f"audit.section.{section}"][lang] in page
    assert page.count("<svg") == _expected_charts(run["small"])
    summary = run["small"]["summary"]
    assert f'<div class="value">{summary["findings"]}</div>' in page
    assert {"id": "1 Oktober 2026", "en": "1 October 2026"}[lang] in page
    for key in ("audit.run_id", "audit.source_run_id", "audit.audit_sha256"):
        assert MESSAGES[key][lang] in page
    assert "audit-run-1" in page and "score-run-1" in page and "b" * 64 in page
    assert run["document"]["policy"]["canonical_sha256"] in page
    assert MESSAGES["process.rank_inversions"][lang] in page
    assert MESSAGES["fair.col.holm_p"][lang] in page and MESSAGES["fair.funnel"][lang] in page
    title = run["titles"]["syarat-masa-pangkat"][lang]
    assert title in page  # per-gate stages read as the gate's title, not its id


def test_every_flagged_group_is_listed_with_its_evidence(pages: dict[str, str],
                                                         run: dict[str, Any]) -> None:
    flagged = [g for b in run["small"]["attributes"] for g in b["groups"]
               if g["status"] in ("finding", "watch")]
    assert flagged  # the sample has adverse impact to show
    page = pages["en"]
    summary = page[page.index('id="summary"'):page.index('id="attributes"')]
    for g in flagged:
        assert str(escape(g["evidence"])) in summary


def test_decisions_file_audit_renders_without_run_or_process(file_page: str,
                                                             file_audit: dict[str, Any]) -> None:
    assert 'id="process"' not in file_page and 'id="scores"' in file_page
    assert "Decisions file · 1200 rows · stages: Lulus SKD → Diangkat" in file_page
    assert file_page.count("<svg") == _expected_charts(file_audit)
    assert "Cochran–Mantel–Haenszel" in file_page  # strata table under each block
    assert '<a href="#process">' not in file_page


def test_svg_and_element_ids_are_unique(pages: dict[str, str], file_page: str) -> None:
    for page in [*pages.values(), file_page]:
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids))


def test_hostile_group_and_attribute_names_are_inert(run: dict[str, Any]) -> None:
    audit = copy.deepcopy(run["small"])
    block = audit["attributes"][0]
    block["attribute"] = HOSTILE
    block["groups"][0]["group"] = '"><svg onload=alert(1)>'
    block["groups"][-1]["group"] = r"$\frac{1}{0}$"
    audit["process"]["by_attribute"] = {HOSTILE: {"missing_data_rate": {HOSTILE: 0.5}}}
    page = render_audit_html(audit, "id")
    assert HOSTILE not in page and "<svg onload" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_same_audit_gives_identical_bytes(run: dict[str, Any], tmp_path: Path) -> None:
    audit = trimmed(run["audit"], ("jenis_kelamin",))
    for name in ("a.html", "b.html"):
        write_audit_html(audit, tmp_path / name, "id", footer=FOOTER)
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_an_audit_with_missing_fields_still_renders() -> None:
    audit = {"attributes": [{"attribute": "agama", "stage": "selected",
                             "groups": [{"group": "Islam", "n": 3}]}],
             "process": {"new_check": 2, "by_attribute": {}}}
    page = render_audit_html(audit, "en")
    assert 'id="attributes"' in page and "new_check" in page and page.count("<svg") == 1
    assert 'id="verification"' in render_audit_html({}, "id")
