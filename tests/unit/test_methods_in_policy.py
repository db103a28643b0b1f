"""The published worked examples again, this time through a policy file and the engine: the
policy chooses the method, the trace carries every intermediate number, AHP weights come
from the matrix and an inconsistent matrix is refused at its line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from helpers import load_text, nip, roster_from_rows

from asn_merit.errors import PolicyError
from asn_merit.scoring.engine import evaluate
from asn_merit.scoring.trace import document_invariants, result_document

AS_OF = date(2026, 10, 1)


def policy(criteria: list[str], scoring: str, *, places: int = 6, scale: float = 1,
           weights_mode: str = "must_sum_to_one") -> str:
    """A policy with numeric columns c1..cn, each scored by the given rule body."""
    columns = "".join(f'  c{j + 1}: {{ header: "C{j + 1}", type: number }}\n'
                      for j in range(len(criteria)))
    rules = "".join(f"  - id: kriteria-{j + 1}\n{body}" for j, body in enumerate(criteria))
    return f"""\
schema_version: 1
policy:
  id: contoh-metode
  version: "1"
  title: "Contoh"
  kind: reward
columns:
  nip: {{ header: "NIP", type: nip18, role: id }}
{columns}rules:
{rules}scoring:
  scale: {scale}
  weights: {weights_mode}
  rounding: {{ places: {places} }}
{scoring}ranking:
  tie_breakers:
    - {{ field: nip, direction: asc, note: "test" }}
"""


def criterion(j: int, weight: float | None = None, cost: bool = False, extra: str = "") -> str:
    body = f"    kind: criterion\n    field: c{j}\n"
    if weight is not None:
        body += f"    weight: {weight}\n"
    if cost:
        body += "    criterion: cost\n"
    return body + extra


def score(text: str, matrix: list[list[float]]) -> dict:
    loaded = load_text(text)
    headers = ["NIP"] + [f"C{j + 1}" for j in range(len(matrix[0]))]
    rows = [[nip(i + 1)] + [repr(v) for v in row] for i, row in enumerate(matrix)]
    roster = roster_from_rows(loaded, headers, rows)
    assert roster.errors == []
    document = result_document(evaluate(loaded, roster, AS_OF))
    assert document_invariants(document) is None
    return document


def by_id(document: dict) -> list[dict]:
    """People in roster order (nip 1, 2, ...)."""
    return sorted(document["people"], key=lambda p: p["id"])


def test_saw_hrd_promotion_ruang_belajar() -> None:
    x = [[85, 6, 8, 3, 7], [78, 8, 7, 4, 6], [92, 4, 9, 2, 9], [80, 10, 8, 3, 6]]
    rules = [criterion(1, 0.35), criterion(2, 0.20), criterion(3, 0.20), criterion(4, 0.10),
             criterion(5, 0.15, cost=True)]
    document = score(policy(rules, "  method: saw\n"), x)
    people = by_id(document)
    assert [p["total"] for p in people] == ["0.824719", "0.862295", "0.780000", "0.907126"]
    assert [p["rank"] for p in people] == [3, 2, 4, 1]
    first = people[0]["points"]
    assert [line["normalised"] for line in first] == \
        ["0.923913", "0.6", "0.888889", "0.75", "0.857143"]
    assert first[4]["method"] == "saw.ratio[cost; min=6; n=4]"
    assert first[4]["value"] == "7"
    assert document["scoring"]["method"] == "saw"
    assert document["scoring"]["normalisation"] == "ratio"
    assert document["rules"][4]["criterion"] == "cost"


def test_topsis_tzeng_huang_2011_with_distances_in_the_trace() -> None:
    x = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    rules = [criterion(1, 0.3), criterion(2, 0.4), criterion(3, 0.3)]
    document = score(policy(rules, "  method: topsis\n", places=4), x)
    people = by_id(document)
    assert [p["total"] for p in people] == ["0.5037", "0.6581", "0.7482", "0.3340"]
    assert [p["rank"] for p in people] == [3, 2, 1, 4]
    for person in people:
        method = {k: Decimal(v) for k, v in person["method"].items()}
        closeness = method["d_minus"] / (method["d_plus"] + method["d_minus"])
        assert abs(closeness - method["closeness"]) < Decimal("1e-5")
        assert all(line["points"] is None for line in person["points"])
        squares = sum(Decimal(line["to_ideal"]) for line in person["points"])
        assert abs(squares.sqrt() - method["d_plus"]) < Decimal("1e-5")
    assert set(document["population_statistics"]["kriteria-1"]) == \
        {"norm", "ideal", "anti_ideal", "n"}


def test_topsis_cost_criterion_opricovic_tzeng_2004() -> None:
    rules = [criterion(1, 0.5, cost=True), criterion(2, 0.5)]
    document = score(policy(rules, "  method: topsis\n"), [[1, 3000], [2, 3750], [5, 4500]])
    assert [p["total"] for p in by_id(document)] == ["0.762141", "0.722178", "0.237859"]
    minmax = score(policy(rules, "  method: topsis\n  normalisation: minmax\n", places=3),
                   [[1, 3000], [2, 3750], [5, 4500]])
    assert [p["total"] for p in by_id(minmax)] == ["0.500", "0.617", "0.500"]


def test_wp_kusumadewi_2006_warehouse() -> None:
    x = [[0.75, 2000, 18, 50, 500], [0.50, 1500, 20, 40, 450], [0.90, 2050, 35, 35, 800]]
    rules = [criterion(1, 5, cost=True), criterion(2, 3), criterion(3, 4, cost=True),
             criterion(4, 4), criterion(5, 2, cost=True)]
    document = score(policy(rules, "  method: weighted_product\n", weights_mode="free"), x)
    people = by_id(document)
    assert [round(Decimal(p["method"]["S"]), 4) for p in people] == \
        [Decimal("2.4187"), Decimal("2.4270"), Decimal("1.7462")]
    assert [round(Decimal(p["method"]["V"]), 4) for p in people] == \
        [Decimal("0.3669"), Decimal("0.3682"), Decimal("0.2649")]
    assert people[1]["rank"] == 1 and people[1]["total"] == "1.000000"  # Kalasan, S / max S
    assert [line["weight"] for line in people[0]["points"]] == \
        ["0.277778", "0.166667", "0.222222", "0.222222", "0.111111"]


def test_profile_matching_ruang_belajar() -> None:
    x = [[4, 5, 4, 3, 3], [3, 4, 5, 4, 4], [4, 3, 4, 5, 5], [5, 5, 3, 4, 2]]
    kinds = ["secondary", "core", "core", "secondary", "core"]
    targets = [4, 5, 5, 4, 4]
    rules = [criterion(j + 1, extra=f"    target: {t}\n    factor: {k}\n    aspect: kesesuaian\n")
             for j, (t, k) in enumerate(zip(targets, kinds, strict=True))]
    scoring = ("  method: profile_matching\n  profile_matching:\n    core_share: 0.6\n"
               "    aspects:\n      - { id: kesesuaian, weight: 1 }\n")
    document = score(policy(rules, scoring, places=2, scale=5), x)
    people = by_id(document)
    assert [p["total"] for p in people] == ["4.40", "4.60", "4.20", "4.10"]
    third = people[2]
    assert [line["gap"] for line in third["points"]] == ["0", "-2", "-1", "1", "1"]
    assert [line["gap_weight"] for line in third["points"]] == ["5", "3", "4", "4.5", "4.5"]
    assert third["method"]["core:kesesuaian"] == "3.833333333"
    assert third["method"]["secondary:kesesuaian"] == "4.75"
    assert document["scoring"]["gap_table"]["-4"] == "1"


AHP_LEADER = """\
  ahp:
    criteria: [kriteria-1, kriteria-2, kriteria-3, kriteria-4]
    ri_table: saaty2005
    matrix:
      - [1, 4, 3, 7]
      - ["1/4", 1, "1/3", 3]
      - ["1/3", 3, 1, 5]
      - ["1/7", "1/3", "1/5", 1]
"""


def test_ahp_weights_from_the_matrix_drive_a_weighted_sum() -> None:
    rules = [criterion(j).replace("kind: criterion", "kind: weighted") +
             "    normalise: { method: fixed_range, min: 0, max: 10 }\n" for j in range(1, 5)]
    text = policy(rules, "  method: weighted_sum\n" + AHP_LEADER, places=3, scale=100)
    document = score(text, [[10, 0, 0, 0], [0, 10, 0, 0], [0, 0, 10, 0], [0, 0, 0, 10]])
    ahp = document["scoring"]["ahp"]
    assert [round(Decimal(w), 3) for w in ahp["weights"].values()] == \
        [Decimal("0.548"), Decimal("0.127"), Decimal("0.270"), Decimal("0.056")]
    assert round(Decimal(ahp["cr"]), 3) == Decimal("0.044")
    assert ahp["ri_table"] == "saaty2005"
    expected = [round(Decimal(w) * 100, 3) for w in ahp["weights"].values()]
    assert [Decimal(p["total"]) for p in by_id(document)] == expected
    assert by_id(document)[0]["points"][0]["weight"] == ahp["weights"]["kriteria-1"]


def test_inconsistent_ahp_matrix_in_a_policy_is_refused_at_its_line() -> None:
    """Wang & Chin (2011): CR 0.229 > 0.10."""
    matrix = """\
  ahp:
    criteria: [kriteria-1, kriteria-2, kriteria-3, kriteria-4, kriteria-5, kriteria-6]
    matrix:
      - [1, 4, 3, 1, 3, 4]
      - ["1/4", 1, 7, 3, "1/5", 1]
      - ["1/3", "1/7", 1, "1/5", "1/5", "1/6"]
      - [1, "1/3", 5, 1, 1, "1/3"]
      - ["1/3", 5, 5, 1, 1, 3]
      - ["1/4", 1, 6, 3, "1/3", 1]
"""
    text = policy([criterion(j) for j in range(1, 7)], "  method: saw\n" + matrix)
    with pytest.raises(PolicyError) as caught:
        load_text(text)
    [diag] = [d for d in caught.value.diagnostics if d.severity == "error"]
    assert diag.code == "policy.ahp-inconsistent"
    lines = text.splitlines()
    assert diag.span.line == lines.index("    matrix:") + 1
    assert "CR = 0.2290 > 0.1" in diag.message and "RI(6) = 1.24 from saaty1980" in diag.message
    first_row = lines.index("      - [1, 4, 3, 1, 3, 4]") + 1
    assert f"kriteria-1 vs kriteria-3 (row 1, column 3, line {first_row})" in diag.hint
