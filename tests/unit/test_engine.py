"""Scoring engine: each criterion kind, missing data, ranking ties and quotas."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import MINI_HEADERS, MINI_POLICY, load_text, nip, roster_from_rows

from asn_merit.scoring.engine import ELIGIBLE, INELIGIBLE, OUT_OF_SCOPE, evaluate
from asn_merit.scoring.trace import result_document

AS_OF = date(2026, 10, 1)


def run(policy_text: str, rows: list[list[str | None]], headers: list[str] = MINI_HEADERS):
    loaded = load_text(policy_text)
    roster = roster_from_rows(loaded, headers, rows)
    assert roster.errors == [], [f.render() for f in roster.errors]
    result = evaluate(loaded, roster, AS_OF)
    return result, result_document(result)


def people(document: dict) -> dict[str, dict]:
    return {p["id"]: p for p in document["people"]}


def with_rules(rules: str, extra: str = "") -> str:
    head, _, tail = MINI_POLICY.partition("rules:\n")
    _, _, ranking = tail.partition("ranking:\n")
    return head + extra + "rules:\n" + rules + "ranking:\n" + ranking


ROWS = [
    [nip(1), "A", "50", "III/a", "X", "L"],
    [nip(2), "B", "80", "III/b", "Y", "P"],
    [nip(3), "C", "5", "III/c", "X", "L"],
    [nip(4), "D", None, "II/a", "Y", "P"],
]


def test_gate_fails_on_blank_by_default_and_lists_every_failure() -> None:
    rules = """\
  - id: syarat-skor
    kind: gate
    when: { field: skor, op: ">=", value: 10 }
  - id: syarat-gol
    kind: gate
    when: { field: gol, op: ">=", value: "III/b" }
  - id: poin-skor
    kind: weighted
    field: skor
    normalise: { method: fixed_range, min: 0, max: 100 }
    weight: 1.0
"""
    text = with_rules(rules).replace("  skor: { header: \"Skor\", type: number }",
                                     "  skor: { header: \"Skor\", type: number, required: false }")
    _, doc = run(text, ROWS)
    by_id = people(doc)
    assert by_id[nip(2)]["status"] == ELIGIBLE
    assert by_id[nip(1)]["failed"] == ["syarat-gol"]
    assert by_id[nip(3)]["failed"] == ["syarat-skor"]
    assert by_id[nip(4)]["failed"] == ["syarat-skor", "syarat-gol"]
    assert by_id[nip(4)]["gates"][0]["missing"] == ["skor"]


def test_all_any_not_and_field_comparison() -> None:
    rules = """\
  - id: syarat-gabungan
    kind: gate
    any:
      - { field: unit, op: "==", value: "Y" }
      - all:
          - { field: skor, op: between, value: [40, 60] }
          - not: { field: gol, op: in, value: ["III/c", "III/d"] }
  - id: syarat-banding
    kind: gate
    when: { field: skor, op: ">", value_field: skor_min }
  - id: poin-skor
    kind: weighted
    field: skor
    normalise: { method: fixed_range, min: 0, max: 100 }
    weight: 1.0
"""
    text = with_rules(rules).replace(
        "  jk: {", '  skor_min: { header: "Min", type: number }\n  jk: {')
    rows = [[*r, m] for r, m in zip(ROWS[:3], ["10", "90", "1"], strict=True)]
    _, doc = run(text, rows, [*MINI_HEADERS, "Min"])
    by_id = people(doc)
    assert by_id[nip(1)]["status"] == ELIGIBLE
    assert by_id[nip(2)]["failed"] == ["syarat-banding"]
    assert by_id[nip(3)]["failed"] == ["syarat-gabungan"]


def test_points_table_category_and_bands_with_half_up_rounding() -> None:
    rules = """\
  - id: poin-unit
    kind: points_table
    field: unit
    table: { "X": 100, "Y": 50 }
    weight: 0.125
  - id: poin-skor
    kind: points_table
    field: skor
    bands:
      - { lt: 20, points: 0 }
      - { gte: 20, lt: 60, points: 50 }
      - { gte: 60, points: 100 }
    weight: 0.875
"""
    _, doc = run(with_rules(rules), ROWS[:3])
    by_id = people(doc)
    # 50 * 0.125 = 6.25; 50 * 0.875 = 43.75
    assert [p["points"] for p in by_id[nip(2)]["points"]] == ["6.25", "87.50"]
    assert by_id[nip(2)]["total"] == "93.75"
    assert by_id[nip(1)]["total"] == "56.25"


def test_half_up_not_bankers_rounding() -> None:
    rules = """\
  - id: poin-skor
    kind: weighted
    field: skor
    normalise: { method: fixed_range, min: 0, max: 100 }
    weight: 0.25
  - id: poin-sisa
    kind: formula
    expr: "0"
    weight: 0.75
"""
    rows = [[nip(1), "A", "37.5", "III/a", "X", "L"], [nip(2), "B", "10.5", "III/a", "X", "L"]]
    _, doc = run(with_rules(rules).replace(">=", ">="), rows)
    by_id = people(doc)
    assert by_id[nip(1)]["points"][0]["points"] == "9.38"  # 9.375 -> 9.38
    assert by_id[nip(1)]["points"][0]["rounding"] == "9.375 -> 9.38 (half_up, 2)"
    assert by_id[nip(2)]["points"][0]["points"] == "2.63"  # 2.625 -> 2.63 (banker's: 2.62)


@pytest.mark.parametrize(("method", "expected"), [
    ("inverse_fixed_range, min: 0, max: 100", {1: "50.00", 2: "20.00", 3: "95.00"}),
    ("population_min_max", {1: "60.00", 2: "100.00", 3: "0.00"}),
    ("rank_percentile", {1: "50.00", 2: "100.00", 3: "0.00"}),
])
def test_weighted_normalisations(method: str, expected: dict[int, str]) -> None:
    rules = f"""\
  - id: poin-skor
    kind: weighted
    field: skor
    normalise: {{ method: {method} }}
    weight: 1.0
"""
    text = with_rules(rules).replace("ranking:\n", "ranking:\n", 1)
    _, doc = run(text, ROWS[:3])
    by_id = people(doc)
    assert {i: by_id[nip(i)]["total"] for i in (1, 2, 3)} == expected
    if "population" in method:
        assert doc["population_statistics"]["poin-skor"] == {"max": "80", "min": "5", "n": "3"}


def test_formula_rule_and_derived_fields() -> None:
    extra = """\
derived:
  - id: gol_bonus
    expr: "if_(gol >= 10, 20, 0)"
"""
    rules = """\
  - id: poin-formula
    kind: formula
    expr: "min(100, skor + gol_bonus)"
    weight: 1.0
"""
    _, doc = run(with_rules(rules, extra), ROWS[:3])
    by_id = people(doc)
    assert by_id[nip(1)]["total"] == "50.00"  # III/a = 9: no bonus
    assert by_id[nip(2)]["total"] == "100.00"  # 80 + 20
    assert by_id[nip(2)]["derived"]["gol_bonus"]["value"] == "20"


def test_missing_points_input_zero_with_note() -> None:
    rules = """\
  - id: poin-skor
    kind: weighted
    field: skor
    normalise: { method: fixed_range, min: 0, max: 100 }
    on_missing: { points: 0, finding: warning }
    weight: 1.0
"""
    text = with_rules(rules).replace("  skor: { header: \"Skor\", type: number }",
                                     "  skor: { header: \"Skor\", type: number, required: false }")
    _, doc = run(text, ROWS)
    person = people(doc)[nip(4)]
    assert person["total"] == "0.00"
    assert person["points"][0]["note"] == "input blank; on_missing applied"


def test_ties_broken_by_declared_keys_and_recorded() -> None:
    rows = [[nip(i), str(i), "50", gol, "X", "L"] for i, gol in
            [(3, "III/a"), (1, "III/a"), (2, "III/b")]]
    _, doc = run(MINI_POLICY, rows)
    ranked = [p for p in doc["people"] if p["status"] == ELIGIBLE]
    assert [p["id"] for p in ranked] == [nip(2), nip(1), nip(3)]
    assert [p["decided_by"] for p in ranked] == [None, "gol", "nip"]
    assert [p["selected"] for p in ranked] == [True, True, False]
    assert doc["selection"]["cut_line"] == "50.00"


def test_quota_per_group() -> None:
    text = MINI_POLICY.replace("selection: { quota: 2 }",
                               "selection: { per_group: unit, quota: 1, quotas: { X: 2 } }")
    rows = [[nip(i), str(i), str(10 + i), "III/a", unit, "L"] for i, unit in
            enumerate(["X", "X", "X", "Y", "Y", "Z"], start=1)]
    _, doc = run(text, rows)
    chosen = sorted(p["id"] for p in doc["people"] if p.get("selected"))
    # X has 2 places, Y and Z fall back to quota 1
    assert chosen == sorted([nip(3), nip(2), nip(5), nip(6)])


def test_population_filter_marks_out_of_scope() -> None:
    text = MINI_POLICY.replace("rules:\n", 'population:\n  when: { field: unit, op: "==", '
                               'value: "X" }\nrules:\n')
    _, doc = run(text, ROWS[:3])
    assert people(doc)[nip(2)]["status"] == OUT_OF_SCOPE
    assert people(doc)[nip(3)]["status"] == INELIGIBLE
    assert doc["counts"]["out_of_scope"] == 1
