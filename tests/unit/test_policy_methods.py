"""Policy checks and engine behaviour for the method, AHP, profile-matching, category, join and
per-formation selection keys: each mistake is refused at its line, each feature traced."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import MINI_HEADERS, MINI_POLICY, load_text, nip, roster_from_rows

from asn_merit.errors import PolicyError
from asn_merit.ledger.hashing import canonical_json_bytes
from asn_merit.scoring.engine import NOT_EVALUATED, evaluate
from asn_merit.scoring.trace import document_invariants, result_document

AS_OF = date(2026, 10, 1)
ROWS = [
    [nip(1), "A", "50", "III/a", "X", "L"],
    [nip(2), "B", "80", "III/b", "Y", "P"],
    [nip(3), "C", "20", "III/c", "X", "L"],
    [nip(4), "D", "95", "II/a", "Y", "P"],
    [nip(5), "E", "65", "III/d", "X", "P"],
]


def codes(text: str) -> list[str]:
    with pytest.raises(PolicyError) as caught:
        load_text(text)
    return [d.code for d in caught.value.diagnostics if d.severity == "error"]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def run(text: str, rows: list[list[str | None]] = ROWS) -> dict:
    loaded = load_text(text)
    roster = roster_from_rows(loaded, MINI_HEADERS, rows)
    document = result_document(evaluate(loaded, roster, AS_OF))
    assert document_invariants(document) is None
    return document


def with_scoring(scoring: str, text: str = MINI_POLICY) -> str:
    return text.replace("ranking:\n", f"scoring:\n{scoring}ranking:\n")


def test_missing_weight_is_a_schema_error_at_the_rule() -> None:
    text = MINI_POLICY.replace("    weight: 1.0\n", "")
    with pytest.raises(PolicyError) as caught:
        load_text(text)
    [diag] = caught.value.diagnostics
    assert diag.code == "schema.missing-field" and "'weight'" in diag.message
    assert diag.span.line == line_of(text, "- id: poin-skor")


def test_method_keys_must_fit_the_method() -> None:
    raw = MINI_POLICY.replace("kind: weighted\n    field: skor\n    normalise: { method: "
                              "fixed_range, min: 0, max: 100 }", "kind: criterion\n    field: skor")
    assert codes(raw) == ["policy.method-mismatch"]
    assert codes(MINI_POLICY.replace("weight: 1.0", "weight: 1.0\n    criterion: cost")) == \
        ["policy.method-mismatch"]
    assert codes(MINI_POLICY.replace("weight: 1.0", "weight: 1.0\n    target: 3")) == \
        ["policy.method-mismatch"]
    assert codes(with_scoring("  method: topsis\n  normalisation: ratio\n")) == \
        ["policy.method-option"]


def test_profile_matching_needs_targets_factors_and_known_aspects() -> None:
    scoring = ("  method: profile_matching\n  profile_matching:\n    aspects:\n"
               "      - { id: teknis, weight: 1 }\n")
    text = with_scoring(scoring, MINI_POLICY.replace("    weight: 1.0\n",
                                                     "    target: 60\n    aspect: tekniss\n"))
    found = codes(text)
    assert "policy.profile-matching-factor" in found  # no factor, and no core factor in teknis
    assert "policy.unknown-aspect" in found
    assert "policy.method-needs-options" in codes(with_scoring("  method: profile_matching\n"))


def test_ahp_names_every_scored_rule_once_and_replaces_the_weights() -> None:
    ahp = ("  ahp:\n    criteria: [poin-skor, poin-lain]\n    matrix:\n"
           "      - [1, 3]\n      - [\"1/3\", 1]\n")
    assert set(codes(with_scoring(ahp))) == {"policy.unknown-rule", "policy.weight-twice"}
    shape = "  ahp:\n    criteria: [poin-skor]\n    matrix:\n      - [1, 2]\n"
    text = with_scoring(shape, MINI_POLICY.replace("    weight: 1.0\n", ""))
    assert codes(text) == ["policy.ahp-shape"]
    two_rules = MINI_POLICY.replace("    weight: 1.0\n", "").replace(
        "rules:\n", "rules:\n  - id: poin-dua\n    kind: weighted\n    field: skor\n"
        "    normalise: { method: fixed_range, min: 0, max: 10 }\n")
    text = with_scoring("  ahp:\n    criteria: [poin-skor, poin-dua]\n    matrix:\n"
                        "      - [1, 3]\n      - [0.5, 1]\n", two_rules)
    with pytest.raises(PolicyError) as caught:
        load_text(text)
    [diag] = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert diag.code == "policy.ahp-matrix" and "a_ji = 1/a_ij" in diag.message
    assert diag.span.line == line_of(text, "- [1, 3]")


CATEGORY = """\
categories:
  - id: tingkat
    confidence: "N"
    bands:
      - { gte: 60, value: "Tinggi", label: { id: "Tinggi", en: "High" } }
      - { gte: 30, lt: 60, value: "Sedang" }
      - { lt: 30, value: "Rendah" }
    favourable: ["Tinggi"]
"""


def test_category_bands_label_the_total_and_are_declared_for_the_audit() -> None:
    document = run(MINI_POLICY.replace("ranking:\n", CATEGORY + "ranking:\n"))
    people = {p["id"]: p for p in document["people"]}
    assert people[nip(4)]["categories"] == {"tingkat": "Tinggi"}
    assert people[nip(1)]["categories"] == {"tingkat": "Sedang"}
    assert people[nip(3)]["categories"] == {"tingkat": "Rendah"}
    assert document["fairness"]["categories"] == [
        {"id": "tingkat", "values": ["Tinggi", "Sedang", "Rendah"], "favourable": ["Tinggi"]}]
    [summary] = document["categories"]
    assert summary["values"][0] == {"value": "Tinggi", "label": {"id": "Tinggi", "en": "High"}}
    assert summary["field"] == "total"


def test_category_mistakes_are_refused_where_they_are() -> None:
    overlap = CATEGORY.replace("{ gte: 30, lt: 60,", "{ gte: 30, lt: 61,")
    text = MINI_POLICY.replace("ranking:\n", overlap + "ranking:\n")
    assert codes(text) == ["policy.band-overlap"]
    unknown = CATEGORY.replace('favourable: ["Tinggi"]', 'favourable: ["Tingi"]')
    assert codes(MINI_POLICY.replace("ranking:\n", unknown + "ranking:\n")) == \
        ["policy.unknown-category"]
    used_early = MINI_POLICY.replace('when: { field: skor, op: ">=", value: 10 }',
                                     'when: { field: tingkat, op: "==", value: "Tinggi" }')
    assert "policy.unknown-field" in codes(used_early.replace("ranking:\n",
                                                              CATEGORY + "ranking:\n"))


GRID = """\
categories:
  - id: baris
    confidence: "N"
    bands: [{ gte: 50, value: "atas" }, { lt: 50, value: "bawah" }]
  - id: kotak
    confidence: "N"
    grid:
      rows: baris
      columns: jk
      cells:
        "atas": { "L": "2", "P": "2" }
        "bawah": { "L": "1", "P": "1" }
      values: [{ value: "2" }, { value: "1" }]
    favourable: ["2"]
"""


def test_grid_crosses_two_categories_and_selects_the_favourable() -> None:
    text = MINI_POLICY.replace("ranking:\n", GRID + "ranking:\n").replace(
        "  selection: { quota: 2 }\n", "  selection: { category: kotak }\n")
    document = run(text.replace("role: protected", "role: group"))
    chosen = sorted(p["id"] for p in document["people"] if p.get("selected"))
    assert chosen == [nip(1), nip(2), nip(4), nip(5)]  # every eligible person with 50+ points
    assert document["selection"]["category"] == "kotak"
    # the same grid over a protected column selects by it: refused unless declared
    assert "lint.protected-in-scoring" in codes(text)
    incomplete = GRID.replace('        "bawah": { "L": "1", "P": "1" }\n', "")
    assert "policy.grid-incomplete" in codes(
        MINI_POLICY.replace("ranking:\n", incomplete + "ranking:\n"))


FORMATION = """\
  - id: formasi
    join: { fields: [unit, jk] }
"""


def test_per_formation_quota_from_a_column_with_rank_in_group() -> None:
    text = MINI_POLICY.replace('  jk: { header: "JK", type: category, allowed: ["L", "P"], '
                               'role: protected }\n',
                               '  jk: { header: "JK", type: category, allowed: ["L", "P"] }\n'
                               '  kuota: { header: "Kuota", type: integer }\n')
    text = text.replace("rules:\n", "derived:\n" + FORMATION + "rules:\n").replace(
        "  selection: { quota: 2 }\n", "  selection: { per_group: formasi, quota_field: kuota }\n")
    loaded = load_text(text)
    rows = [[*row, quota] for row, quota in zip(ROWS, ["1", "2", "1", "2", "1"], strict=True)]
    document = result_document(evaluate(
        loaded, roster_from_rows(loaded, [*MINI_HEADERS, "Kuota"], rows), AS_OF))
    groups = document["selection"]["groups"]
    assert groups == {"X / L": {"quota": 1, "eligible": 2, "selected": 1, "cut_line": "50.00"},
                      "X / P": {"quota": 1, "eligible": 1, "selected": 1, "cut_line": "65.00"},
                      "Y / P": {"quota": 2, "eligible": 2, "selected": 2, "cut_line": "80.00"}}
    people = {p["id"]: p for p in document["people"]}
    assert people[nip(3)]["rank_in_group"] == 2 and not people[nip(3)]["selected"]
    assert people[nip(3)]["selection_group"] == "X / L"
    assert document["selection"]["quota_field"] == "kuota"


def test_values_a_method_cannot_score_leave_the_person_unscored_with_the_reason() -> None:
    text = with_scoring("  method: weighted_product\n")
    rows = [*ROWS[:4], [nip(5), "E", "0", "III/d", "X", "P"]]
    text = text.replace('value: 10 }', 'value: 0 }')
    loaded = load_text(text)
    result = evaluate(loaded, roster_from_rows(loaded, MINI_HEADERS, rows), AS_OF)
    document = result_document(result)
    person = next(p for p in document["people"] if p["id"] == nip(5))
    assert person["status"] == NOT_EVALUATED
    assert "cannot be scored by weighted_product" in person["excluded_because"][0]
    assert [f["code"] for f in document["findings"]] == ["points.method-domain"]
    assert document["counts"]["eligible"] == 4


def test_method_results_do_not_depend_on_row_order() -> None:
    text = with_scoring("  method: topsis\n")
    forward = run(text)
    backward = run(text, list(reversed(ROWS)))
    assert canonical_json_bytes(forward) == canonical_json_bytes(backward)


def test_a_constant_zero_cost_column_is_scored_as_saw_does() -> None:
    """Zero lateness for everyone: SAW's ratio form cannot divide by it, but a constant column
    scores 1 for all and changes no order, so nobody is left out."""
    text = with_scoring("  method: saw\n", MINI_POLICY.replace(
        "    weight: 1.0\n", "    weight: 1.0\n    criterion: cost\n"))
    rows = [[*row[:2], "0", *row[3:]] for row in ROWS]
    document = run(text.replace('value: 10 }', 'value: 0 }'), rows)
    assert document["counts"]["eligible"] == 5
    assert {p["total"] for p in document["people"]} == {"100.00"}
