"""report.html: self-contained, inert against hostile names, redacted, reproducible, bilingual."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from asn_merit.reports import html as report
from asn_merit.reports.audit_excel import KINDS
from asn_merit.reports.dates import long_date
from asn_merit.reports.fairness_view import PROCESS_SEVERITY, method_notes
from asn_merit.reports.html import initials, render_score_html, write_score_html
from asn_merit.reports.i18n import LANGUAGES, MESSAGES

TEMPLATES = Path(report.__file__).parent / "templates"
HOSTILE_NAME = '<script>alert(1)</script>'
FORMULA_NAME = '=HYPERLINK("x")'
SECTIONS = ("summary", "ranking", "explanations", "fairness", "findings", "rules", "verification")
GATES = [("syarat-masa", "masa_pangkat_bulan"), ("syarat-hukdis", "hukuman_disiplin")]


def _gates(passed: tuple[bool, bool]) -> list[dict[str, Any]]:
    return [{"rule": rule, "passed": ok, "inputs": {field: "1"}, "test": f"{field}=1 >= 0"}
            for (rule, field), ok in zip(GATES, passed, strict=True)]


def _eligible(rank: int, name: str, total: str, selected: bool) -> dict[str, Any]:
    return {
        "id": f"1990010120200{rank:05d}", "display": name, "status": "eligible",
        "show": {"gol": "III/a", "unit_kerja": "RSUD"},
        "gates": _gates((True, True)), "failed": [],
        "derived": {"masa_pangkat_bulan": {"how": "months_between(tmt_pangkat, $as_of)",
                                           "value": "60"}},
        "points": [{"rule": "poin-kinerja", "inputs": {"predikat_1": "Baik"}, "method": "table",
                    "raw": "Baik", "normalised": "80", "weight": "1", "points": total,
                    "rounding": "80.004 -> 80.00 (half_up, 2)"}],
        "total": total, "rank": rank, "selected": selected,
        "decided_by": "total" if rank > 1 else None,
    }


def make_document(eligible: int = 4, quota: int = 2) -> dict[str, Any]:
    """A small result document in the shape `asn-merit score` writes, with hostile names."""
    names = ["Komang Purba", HOSTILE_NAME, FORMULA_NAME, "dr. Ridwan Irawan"]
    people = [_eligible(i + 1, names[i % len(names)], f"{90 - i * 0.25:.2f}", i < quota)
              for i in range(eligible)]
    people.append({"id": "196811181997031001", "display": "Sigit Prasetyo, M.A.P.",
                   "status": "ineligible", "show": {"gol": "IV/b", "unit_kerja": "<b>RSUD</b>"},
                   "gates": _gates((True, False)), "failed": ["syarat-hukdis"],
                   "derived": {}, "points": []})
    people.append({"id": "197001012000011001", "display": "Ayu Lestari", "status":
                   "not_evaluated", "show": {"gol": "III/a", "unit_kerja": "RSUD"},
                   "excluded_because": ["tmt_pangkat: not a date"]})
    people.append({"id": "197001012000011002", "display": "Budi", "status": "out_of_scope",
                   "show": {"gol": "IV/a", "unit_kerja": "RSUD"}})
    return {
        "format": "asn-merit.result/1",
        "policy": {"id": "kenaikan-pangkat-reguler", "version": "2026.10.0",
                   "canonical_sha256": "e" * 64},
        "as_of": "2026-10-01",
        "scoring": {"scale": "100", "places": 2, "rounding": "half_up"},
        "counts": {"rows": eligible + 3, "evaluated": eligible + 1, "eligible": eligible,
                   "ineligible": 1, "not_evaluated": 1, "out_of_scope": 1,
                   "selected": min(quota, eligible)},
        "selection": {"quota": quota, "per_group": None,
                      "cut_line": people[quota - 1]["total"] if quota else None},
        "population_statistics": {},
        "rules": [
            {"id": "syarat-masa", "kind": "gate",
             "title": {"id": "Masa pangkat cukup", "en": "Enough time in rank"}},
            {"id": "syarat-hukdis", "kind": "gate",
             "title": {"id": "Bebas hukuman disiplin", "en": "No disciplinary sanction"}},
            {"id": "poin-kinerja", "kind": "points_table", "weight": "1",
             "title": {"id": "Predikat kinerja", "en": "Performance rating"}},
        ],
        "ranking": {"keys": [{"field": "total", "direction": "desc", "note": None},
                             {"field": "nip", "direction": "asc", "note": "older first"}],
                    "proxy_fields": ["nip"]},
        "findings": [{"code": "gate.missing-input", "employee_id": "196811181997031001",
                      "message": f"blank {HOSTILE_NAME}", "severity": "warning"}],
        "people": people,
    }


AUDIT = {
    "summary": {"findings": 1, "watch": 0},
    "attributes": [
        {"attribute": "jenis_kelamin", "stage": "selected", "reference": "L", "unknown": 0,
         "groups": [
             {"group": "L", "n": 200, "selected": 60, "rate": 0.3, "rate_ci": [0.24, 0.37],
              "impact_ratio": 1.0, "four_fifths_adverse": False, "status": "reference",
              "suppressed": False},
             {"group": "P", "n": 120, "selected": 18, "rate": 0.15, "rate_ci": [0.09, 0.22],
              "impact_ratio": 0.5, "four_fifths_adverse": True, "z": -2.12,
              "fisher_p_two_sided": 0.045, "status": "finding", "suppressed": False},
             {"group": HOSTILE_NAME, "n": 4, "suppressed": True, "status": "suppressed"},
         ]},
        {"attribute": "agama", "stage": "gate:syarat-masa", "groups": [{"group": "Islam"}]},
    ],
}


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {lang: render_score_html(make_document(), lang, audit=AUDIT,
                                    footer={"run_id": "run-1", "input_sha256": "a" * 64,
                                            "result_sha256": "b" * 64})
            for lang in LANGUAGES}


def test_report_is_self_contained(pages: dict[str, str]) -> None:
    for page in pages.values():
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
        assert not re.search(r"<script|<link|<iframe|<object|<embed|@import|url\(\s*['\"]?http",
                             page, re.I)
        assert "Content-Security-Policy" in page and "default-src 'none'" in page
        assert "<img" not in page


def test_hostile_names_are_inert_text(pages: dict[str, str]) -> None:
    page = pages["en"]
    assert HOSTILE_NAME not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "=HYPERLINK(&#34;x&#34;)" in page
    assert "<b>RSUD</b>" not in page and "&lt;b&gt;RSUD&lt;/b&gt;" in page


def test_hostile_audit_labels_are_inert_in_tables_and_charts() -> None:
    groups = [{"group": name, "n": 50, "selected": 10, "rate": 0.2, "status": "clear"}
              for name in (HOSTILE_NAME, r"$\frac{1}{0}$", '"><svg onload=alert(1)>')]
    audit = {"attributes": [{"attribute": HOSTILE_NAME, "stage": "selected",
                             "reference": HOSTILE_NAME, "groups": groups}]}
    page = render_score_html(make_document(), "en", audit=audit)
    assert page.count("<svg") == 2
    assert HOSTILE_NAME not in page and "<svg onload" not in page


def test_redaction_replaces_the_name_everywhere() -> None:
    page = render_score_html(make_document(), "id", redact={"nama": "initials"})
    assert "Komang" not in page and "Purba" not in page and "Ridwan" not in page
    assert "K. P." in page and "R. I." in page and "S. P." in page
    hidden = render_score_html(make_document(), "id", redact={"nama": "hide"})
    assert "Komang" not in hidden and "K. P." not in hidden and report.HIDDEN in hidden
    shown = render_score_html(make_document(), "id", redact={"unit_kerja": "hide"})
    assert "Komang Purba" in shown and ">RSUD<" not in shown
    with pytest.raises(ValueError, match="unknown redaction"):
        render_score_html(make_document(), "id", redact={"nama": "blur"})


@pytest.mark.parametrize(("name", "expected"), [
    ("Komang Purba", "K. P."),
    ("dr. Ridwan Irawan", "R. I."),
    ("Sigit Prasetyo, M.A.P.", "S. P."),
    ("Hj. Siti  Aminah, S.Pd.", "S. A."),
    ("   ", report.HIDDEN),
])
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_same_document_gives_identical_bytes(tmp_path: Path) -> None:
    for path in (tmp_path / "a.html", tmp_path / "b.html"):
        write_score_html(make_document(), path, "id", audit=AUDIT, footer={"run_id": "r"})
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert b"dc:date" not in (tmp_path / "a.html").read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_both_languages_render_every_section(pages: dict[str, str], lang: str) -> None:
    page = pages[lang]
    assert f'<html lang="{lang}">' in page
    for section in SECTIONS:
        assert f'id="{section}"' in page
        assert MESSAGES[f"html.section.{section}"][lang] in page
    assert {"id": "1 Oktober 2026", "en": "1 October 2026"}[lang] in page
    assert page.count("<svg") == 2  # score distribution + one decision-stage fairness chart
    assert page.count('<details class="person"') == 5  # 4 ranked + 1 ineligible
    assert "sha256sum -c SHA256SUMS" in page and "asn-merit verify" in page
    assert "run-1" in page and "a" * 64 in page and "b" * 64 in page
    assert "tmt_pangkat: not a date" in page  # the not-evaluated person's reason
    assert MESSAGES["html.proxy"][lang] in page  # the NIP tie-breaker is flagged
    assert MESSAGES["html.cut_row"][lang].split("{")[0] in page


def test_svg_ids_are_unique_across_charts(pages: dict[str, str]) -> None:
    ids = re.findall(r'\bid="([^"]+)"', pages["id"])
    assert len(ids) == len(set(ids))


def test_without_audit_there_is_no_fairness_section() -> None:
    page = render_score_html(make_document(), "en")
    assert 'id="fairness"' not in page and page.count("<svg") == 1


def test_audit_with_missing_fields_still_renders() -> None:
    audit = {"attributes": [{"attribute": "agama", "groups": [{"group": "Islam", "n": 3}]}]}
    assert 'id="fairness"' in render_score_html(make_document(), "id", audit=audit)


def test_nobody_eligible_still_renders() -> None:
    document = make_document(eligible=0, quota=0)
    page = render_score_html(document, "en")
    assert MESSAGES["html.nobody_eligible"]["en"] in page and "<svg" not in page


def test_long_rankings_are_cut_with_a_pointer_to_the_full_files(monkeypatch:
                                                                pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "MAX_PEOPLE", 3)
    page = render_score_html(make_document(eligible=5), "en")
    assert "Showing 3 of 5; the rest are in ranking.xlsx and result.json." in page


def test_long_dates() -> None:
    assert long_date("2026-10-01", "id") == "1 Oktober 2026"
    assert long_date("2026-10-01", "en") == "1 October 2026"
    assert long_date("2024-05-09", "id") == "9 Mei 2024"


def test_every_message_has_both_languages() -> None:
    incomplete = [key for key, texts in MESSAGES.items()
                  if any(not texts.get(lang) for lang in LANGUAGES)]
    assert incomplete == []


def test_every_key_the_reports_use_exists() -> None:
    folder = Path(report.__file__).parent
    sources = [p.read_text(encoding="utf-8") for p in [*TEMPLATES.glob("*.j2"),
                                                        *folder.glob("*.py")]]
    used = {key for text in sources
            for key in re.findall(r"""\b(?:t|tm|_t)\(\s*["']([a-z_.]+[a-z_/])["']""", text)}
    dynamic = {f"html.section.{s}" for s in SECTIONS}
    dynamic |= {f"audit.section.{s}" for s in ("summary", "attributes", "scores", "process",
                                               "method", "verification")}
    dynamic |= {f"policy.section.{s}" for s in (
        "identity", "population", "columns", "derived", "gates", "criteria", "scoring",
        "categories", "ranking", "quota", "fairness", "confidence", "reporting", "approval")}
    dynamic |= {f"status.{s}" for s in ("eligible", "ineligible", "not_evaluated",
                                        "out_of_scope")}
    dynamic |= {f"fair.status.{s}" for s in ("finding", "watch", "clear", "reference",
                                             "excluded", "suppressed", "n/a", "unknown",
                                             "empty")}
    dynamic |= {f"kind.{k}" for k in ("gate", "points_table", "weighted", "formula")}
    dynamic |= {f"severity.{s}" for s in ("error", "warning", "info")}
    dynamic |= {"html.direction.asc", "html.direction.desc"}
    dynamic |= {"fair.stage.eligible", "fair.stage.selected", "fair.basis.conditional",
                "fair.basis.cumulative", "xl.basis.conditional", "xl.basis.cumulative",
                "xl.kind.selection", "xl.kind.scoring"}
    dynamic |= {f"xl.{key}" for key in KINDS}
    dynamic |= {f"process.{k}" for k in PROCESS_SEVERITY} | {"process.missing_data_rate"}
    dynamic |= {f"process.{k}.help" for k in PROCESS_SEVERITY}
    dynamic |= {f"policy.limits.{k}" for k in ("min", "max", "min_max")}
    notes = method_notes({}, "en") + method_notes({"significance": "holm"}, "en")
    assert len(used) > 150 and len(notes) == 24
    assert sorted((used | dynamic) - set(MESSAGES)) == []
