"""Invariants that must hold for any roster: order-free, monotone, points add up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from helpers import MINI_HEADERS, load_text, nip, roster_from_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_merit.ledger.hashing import canonical_json_bytes
from asn_merit.scoring.engine import evaluate
from asn_merit.scoring.trace import result_document

POLICY = load_text("""\
schema_version: 1
policy: { id: prop-policy, version: "1", title: "P", kind: reward, as_of: 2026-10-01 }
columns:
  nip: { header: "NIP", type: nip18, role: id }
  nama: { header: "Nama", type: text, role: display }
  skor: { header: "Skor", type: number }
  gol: { header: "Gol", type: golongan }
  unit: { header: "Unit", type: text, role: group }
  jk: { header: "JK", type: category, allowed: ["L", "P"], role: protected }
rules:
  - id: syarat-skor
    kind: gate
    when: { field: skor, op: ">=", value: 10 }
  - id: poin-skor
    kind: weighted
    field: skor
    normalise: { method: fixed_range, min: 0, max: 100 }
    weight: 0.37
  - id: poin-gol
    kind: weighted
    field: gol
    normalise: { method: fixed_range, min: 1, max: 17 }
    weight: 0.41
  - id: poin-unit
    kind: points_table
    field: unit
    table: { "A": 100, "B": 35.5 }
    default: 0
    weight: 0.22
ranking:
  tie_breakers:
    - { field: gol, direction: desc }
    - { field: nip, direction: asc, note: "test" }
  selection: { quota: 3 }
""")

GOLONGAN = ["II/a", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a"]
person = st.tuples(
    st.decimals(min_value=0, max_value=100, places=3),
    st.sampled_from(GOLONGAN),
    st.sampled_from(["A", "B", "C"]),
    st.sampled_from(["L", "P"]),
)
rosters = st.lists(person, min_size=1, max_size=25)


def rows_of(people: list[tuple]) -> list[list[str]]:
    return [[nip(i), f"N{i}", str(skor), gol, unit, jk]
            for i, (skor, gol, unit, jk) in enumerate(people, start=1)]


def document(rows: list[list[str]]) -> dict:
    roster = roster_from_rows(POLICY, MINI_HEADERS, rows)
    return result_document(evaluate(POLICY, roster, date(2026, 10, 1)))


@settings(max_examples=60, deadline=None)
@given(rosters, st.randoms(use_true_random=False))
def test_row_order_does_not_change_the_result(people: list[tuple], rnd) -> None:
    rows = rows_of(people)
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    assert canonical_json_bytes(document(rows)) == canonical_json_bytes(document(shuffled))


@settings(max_examples=60, deadline=None)
@given(rosters, st.data())
def test_raising_a_benefit_criterion_never_lowers_a_rank(people: list[tuple], data) -> None:
    rows = rows_of(people)
    who = data.draw(st.integers(0, len(rows) - 1))
    before = {p["id"]: p for p in document(rows)["people"]}
    if before[rows[who][0]].get("rank") is None:
        return
    raised = [r[:] for r in rows]
    bump = data.draw(st.decimals(min_value=0, max_value=50, places=3))
    raised[who][2] = str(min(Decimal(raised[who][2]) + bump, Decimal(100)))
    after = {p["id"]: p for p in document(raised)["people"]}
    assert after[rows[who][0]]["rank"] <= before[rows[who][0]]["rank"]


@settings(max_examples=60, deadline=None)
@given(rosters)
def test_points_add_up_to_the_total(people: list[tuple]) -> None:
    for p in document(rows_of(people))["people"]:
        if "total" in p:
            assert sum(Decimal(x["points"]) for x in p["points"]) == Decimal(p["total"])
            assert Decimal(p["total"]).as_tuple().exponent == -2


@settings(max_examples=40, deadline=None)
@given(rosters, st.decimals(min_value=10, max_value=100, places=2))
def test_adding_someone_below_the_cut_line_changes_nobody_above(people: list[tuple],
                                                                 skor: Decimal) -> None:
    rows = rows_of(people)
    before = document(rows)
    cut = before["selection"]["cut_line"]
    selected = {p["id"] for p in before["people"] if p.get("selected")}
    newcomer = [nip(900), "Baru", str(skor), "II/a", "C", "P"]
    after = document([*rows, newcomer])
    mine = next(p for p in after["people"] if p["id"] == nip(900))
    if cut is None or mine.get("total") is None or Decimal(mine["total"]) >= Decimal(cut):
        return
    # the newcomer may take a free place, but no one already chosen is displaced
    assert {p["id"] for p in after["people"] if p.get("selected")} - {nip(900)} == selected


@settings(max_examples=40, deadline=None)
@given(rosters)
def test_audit_counts_add_up_to_the_rows(people: list[tuple]) -> None:
    import pandas as pd

    from asn_merit.fairness import audit_frame

    frame = pd.DataFrame({
        "jk": [p[3] if i % 5 else None for i, p in enumerate(people)],
        "unit": [p[2] for p in people],
        "selected": [p[0] >= 50 for p in people],
    })
    result = audit_frame(frame, outcomes=["selected"], attributes=["jk", "unit"]).to_dict()
    for block in result["attributes"]:
        assert sum(g["n"] for g in block["groups"]) + block["unknown"] == len(people)
