"""`policy check` warns when rounding can decide ranks (issue 18): each rule's points are
rounded before the sum, and SAW with sum normalisation gives totals of about scale/n, so two
decimals tie people whose exact totals differ and the tie-breaker reorders them."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import MINI_HEADERS, MINI_POLICY, REPO, load_text, nip, roster_from_rows

from asn_merit.rules.loader import load_policy
from asn_merit.scoring.engine import evaluate
from asn_merit.scoring.trace import result_document

SAW_SUM = MINI_POLICY.replace(
    '  jk: { header: "JK", type: category, allowed: ["L", "P"], role: protected }\n',
    '  jk: { header: "JK", type: category, allowed: ["L", "P"], role: protected }\n'
    '  nilai: { header: "Nilai", type: number }\n').replace(
    "    kind: weighted\n    field: skor\n    normalise: { method: fixed_range, min: 0, max: 100 }"
    "\n    weight: 1.0\n",
    "    kind: criterion\n    field: skor\n    weight: 0.6\n"
    "  - id: poin-nilai\n    kind: criterion\n    field: nilai\n    weight: 0.4\n")
# Twelve people (skor, gol, nilai): a unit's award shortlist
PEOPLE = [("61", "III/a", "72"), ("78", "III/c", "94"), ("91", "III/a", "79"),
          ("85", "III/b", "68"), ("84", "III/d", "82"), ("82", "III/a", "88"),
          ("68", "III/d", "61"), ("86", "III/b", "67"), ("81", "III/c", "98"),
          ("95", "III/a", "65"), ("90", "III/b", "93"), ("63", "III/b", "99")]
ROWS = [[nip(i), f"P{i}", skor, gol, "X", "L", nilai]
        for i, (skor, gol, nilai) in enumerate(PEOPLE, 1)]


def policy(places: int, normalisation: str = "sum") -> str:
    return SAW_SUM.replace("ranking:\n", f"scoring:\n  method: saw\n  normalisation: "
                                         f"{normalisation}\n  rounding: {{ places: {places} }}\n"
                                         "ranking:\n")


def order(text: str) -> list[str]:
    loaded = load_text(text)
    roster = roster_from_rows(loaded, [*MINI_HEADERS, "Nilai"], ROWS)
    document = result_document(evaluate(loaded, roster, date(2026, 10, 1)))
    return [p["id"] for p in document["people"] if "rank" in p]


def warnings(text: str) -> list:
    return [d for d in load_text(text).warnings if d.code == "lint.rounding-decides"]


def test_two_places_on_sum_normalised_totals_reorder_people() -> None:
    exact = order(policy(6))
    rounded = order(policy(2))
    assert rounded != exact  # the rounding, not the data, decided these places
    moved = [pid for pid, other in zip(rounded, exact, strict=True) if pid != other]
    assert moved == [nip(2), nip(6)] or moved == [nip(6), nip(2)]


def test_the_warning_names_the_rounding_and_suggests_places() -> None:
    text = policy(2)
    [warning] = warnings(text)
    assert warning.severity == "warning"
    assert "rounded to 2 decimal place(s)" in warning.message
    assert "places: 3" in warning.hint
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "rounding:" in row)
    assert warning.span.line == line


@pytest.mark.parametrize(("places", "normalisation"), [(3, "sum"), (2, "ratio"),
                                                        (2, "minmax")])
def test_no_warning_when_the_step_is_fine_against_the_totals(places: int,
                                                             normalisation: str) -> None:
    assert warnings(policy(places, normalisation)) == []


def test_a_total_on_a_scale_of_one_with_two_places_is_warned() -> None:
    text = MINI_POLICY.replace("ranking:\n", "scoring:\n  scale: 1\n  weights: free\n"
                                             "  rounding: { places: 2 }\nranking:\n")
    assert [w.hint for w in warnings(text)] == ["set scoring.rounding.places: 4"]


def test_no_shipped_policy_is_warned() -> None:
    for path in sorted((REPO / "policies").glob("*.yaml")):
        if not path.name.endswith(".tests.yaml"):
            assert not [d for d in load_policy(path).warnings
                        if d.code == "lint.rounding-decides"], path.name
