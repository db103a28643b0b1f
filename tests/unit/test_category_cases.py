"""Decision-table categories (`cases`): first case that holds, fail closed on blanks; the
policy document prints them, and a number marked N as unverified."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import MINI_HEADERS, MINI_POLICY, load_text, nip, roster_from_rows

from asn_merit.errors import PolicyError
from asn_merit.reports.policy_doc import render_policy, verification
from asn_merit.rules.fixtures import run_fixtures
from asn_merit.scoring.engine import evaluate
from asn_merit.scoring.trace import result_document

AS_OF = date(2026, 10, 1)

CASES = """\
categories:
  - id: hasil
    title: "Hasil"
    confidence: "S (test)"
    cases:
      - value: "tinggi"
        label: { id: "Tinggi", en: "High" }
        when:
          all:
            - { field: skor, op: ">=", value: 70 }
            - { field: gol, op: ">=", value: "III/b" }
      - value: "sedang"
        when: { field: skor, op: ">=", value: 40 }
      - value: "lain"
    favourable: ["tinggi", "sedang"]
"""


def policy_text(categories: str = CASES, extra_derived: str = "") -> str:
    head, _, tail = MINI_POLICY.partition("ranking:\n")
    derived = f"derived:\n{extra_derived}" if extra_derived else ""
    ranking = tail.replace("selection: { quota: 2 }", "selection: { category: hasil }")
    head = head.replace("rules:\n", derived + "rules:\n")
    return head + categories + "ranking:\n" + ranking


def run(text: str, rows: list[list[str | None]]) -> dict:
    loaded = load_text(text)
    roster = roster_from_rows(loaded, MINI_HEADERS, rows)
    assert roster.errors == []
    return result_document(evaluate(loaded, roster, AS_OF))


def test_first_case_that_holds_gives_the_label() -> None:
    document = run(policy_text(), [
        [nip(1), "A", "80", "III/b", "X", "L"],   # both parts of case 1
        [nip(2), "B", "80", "III/a", "X", "P"],   # rank too low for case 1: case 2
        [nip(3), "C", "20", "IV/a", "Y", "L"],    # neither: otherwise
    ])
    labels = {p["id"]: p["categories"]["hasil"] for p in document["people"]}
    assert labels == {nip(1): "tinggi", nip(2): "sedang", nip(3): "lain"}
    selected = {p["id"] for p in document["people"] if p.get("selected")}
    assert selected == {nip(1), nip(2)}
    summary = document["categories"][0]
    assert summary["cases"] == ["tinggi", "sedang", "lain"] and "field" not in summary


def test_an_undecidable_case_blocks_the_later_ones() -> None:
    """A blank input must not let 'otherwise' claim someone an earlier case might have had."""
    cases = CASES.replace('{ field: skor, op: ">=", value: 70 }',
                          '{ field: unit, op: "==", value: "X" }')
    text = policy_text(cases).replace('unit: { header: "Unit", type: text, role: group }',
                                      'unit: { header: "Unit", type: text, required: false }')
    loaded = load_text(text)
    roster = roster_from_rows(loaded, MINI_HEADERS, [[nip(1), "A", "80", "III/c", None, "L"]])
    result = evaluate(loaded, roster, AS_OF)
    document = result_document(result)
    assert document["people"][0]["categories"]["hasil"] is None
    assert [f.code for f in result.findings] == ["category.no-match"]


def test_only_the_last_case_may_be_otherwise() -> None:
    broken = CASES.replace('      - value: "lain"\n', "").replace(
        '      - value: "sedang"\n        when: { field: skor, op: ">=", value: 40 }\n',
        '      - value: "sedang"\n      - value: "lain"\n        when: { field: skor, op: "<", '
        'value: 40 }\n')
    with pytest.raises(PolicyError) as caught:
        load_text(policy_text(broken))
    assert any("only the last case" in d.message for d in caught.value.diagnostics)


def test_case_conditions_are_checked_like_gates() -> None:
    with pytest.raises(PolicyError) as caught:
        load_text(policy_text(CASES.replace("field: skor, op: \">=\", value: 40",
                                            "field: skorr, op: \">=\", value: 40")))
    assert any("skorr" in d.message for d in caught.value.diagnostics)


def test_policy_document_prints_cases_and_unverified_numbers() -> None:
    derived = ('  - id: koef\n    title: "Koefisien"\n    legal_ref: "contoh"\n'
               '    confidence: "N (tidak ditemukan)"\n    expr: "skor * 2"\n')
    loaded = load_text(policy_text(extra_derived=derived))
    text = render_policy(loaded, "text", "id")
    assert "Tinggi" in text and "selain itu" in text
    assert "BELUM TERVERIFIKASI (N)" in text and "Koefisien" in text
    assert "UNVERIFIED (N)" in render_policy(loaded, "md", "en")


@pytest.mark.parametrize(("confidence", "status"), [
    ("C (pasal)", "confirmed"), ("S (high)", "secondary"), ("levels C; cut-offs N", "unverified"),
    ("C/S", "secondary"), (None, "unstated"), ("Catatan saja", "unstated"),
])
def test_verification_takes_the_weakest_letter(confidence: str | None, status: str) -> None:
    assert verification({"confidence": confidence}) == status


def test_fixtures_compare_categories_and_derived_values(tmp_path: Path) -> None:
    derived = '  - id: dua_kali\n    expr: "skor * 2"\n'
    loaded = load_text(policy_text(extra_derived=derived))
    fixture = tmp_path / "p.tests.yaml"
    fixture.write_text(f"""\
as_of: 2026-10-01
defaults: {{ nama: "X", unit: "X", jk: "L" }}
people:
  - {{ nip: "{nip(1)}", skor: 80, gol: "III/b",
      expect: {{ categories: {{ hasil: "tinggi" }}, derived: {{ dua_kali: 160 }} }} }}
  - {{ nip: "{nip(2)}", skor: 45.5, gol: "III/a",
      expect: {{ categories: {{ hasil: "lain" }}, derived: {{ dua_kali: 90 }} }} }}
""", encoding="utf-8")
    report = run_fixtures(loaded, fixture)
    assert [(m.person, m.what, m.expected, m.actual) for m in report.mismatches] == [
        (nip(2), "categories.hasil", "lain", "sedang"),
        (nip(2), "derived.dua_kali", 90, "91"),
    ]
