"""Process checks count only what decided someone's selection (issue 18).

A tie among people who are all selected decides nothing; a tie across the cut line leaves one
person out by a tie-breaker. The audit's header counts equal the lists printed under them.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_report_data import scored_run

from asn_merit.fairness.from_run import process_checks
from asn_merit.reports.fairness_view import audit_view


def _person(pid: str, total: str, rank: int, selected: bool, decided_by: str | None,
            sex: str, group: str | None = None) -> dict[str, Any]:
    person = {"id": pid, "status": "eligible", "groups": {"jenis_kelamin": sex},
              "gates": [{"rule": "g", "passed": True}], "total": total, "rank": rank,
              "selected": selected, "decided_by": decided_by}
    if group is not None:
        person["selection_group"] = group
    return person


def _document(people: list[dict[str, Any]], selection: dict[str, Any]) -> dict[str, Any]:
    cut = min((p["total"] for p in people if p["selected"]), key=float, default=None)
    return {"people": people, "rules": [{"id": "g", "kind": "gate"}],
            "selection": {"cut_line": cut, **selection},
            "ranking": {"proxy_fields": []},
            "fairness": {"attributes": ["jenis_kelamin"], "intersections": [],
                         "protected_use": "forbid"}}


def test_tie_inside_the_quota_is_not_an_item() -> None:
    # KP reguler on the sample: ranks 24 and 25 tie at 82.25, both selected, rank 26 has 82.00
    people = [_person("a", "90.00", 1, True, None, "L"),
              _person("b", "82.25", 2, True, "total", "P"),
              _person("c", "82.25", 3, True, "gol", "L"),
              _person("d", "82.00", 4, False, "total", "P")]
    checks = process_checks(_document(people, {"quota": 3}))
    assert checks["cut_line_decided_by_tie_breaker"] == 0
    assert checks["by_attribute"]["jenis_kelamin"]["cut_line_decided_by_tie_breaker"] == {}
    assert checks["at_cut_line"] == 2
    assert checks["rank_inversions"] == 0


def test_tie_across_the_cut_line_is_one_item() -> None:
    people = [_person("a", "90.00", 1, True, None, "L"),
              _person("b", "82.25", 2, True, "total", "P"),
              _person("c", "82.25", 3, False, "gol", "L"),
              _person("d", "82.00", 4, False, "total", "P")]
    checks = process_checks(_document(people, {"quota": 2}))
    assert checks["cut_line_decided_by_tie_breaker"] == 1
    assert checks["by_attribute"]["jenis_kelamin"]["cut_line_decided_by_tie_breaker"] == {"L": 1}


def test_per_group_quota_compares_within_each_group() -> None:
    """Two formations of one place each: the second-best of the strong formation scores
    above the winner of the weak one, which is no inversion; a tie across one formation's
    cut line is one item, counted against that formation's cut line."""
    people = [_person("a", "95.18", 1, True, None, "L", "X"),
              _person("b", "94.75", 2, False, "total", "P", "X"),
              _person("c", "80.00", 3, True, "total", "L", "Y"),
              _person("d", "80.00", 4, False, "skd", "P", "Y"),
              _person("e", "70.00", 5, False, "total", "L", "Y")]
    checks = process_checks(_document(people, {"quota": 1, "per_group": "formasi"}))
    assert checks["rank_inversions"] == 0
    assert checks["cut_line_decided_by_tie_breaker"] == 1
    assert checks["by_attribute"]["jenis_kelamin"]["cut_line_decided_by_tie_breaker"] == {"P": 1}
    assert checks["at_cut_line"] == 3  # a (X's cut), c and d (Y's cut)


def test_an_inversion_inside_a_group_is_counted() -> None:
    people = [_person("a", "95.00", 1, False, None, "L", "X"),
              _person("b", "90.00", 2, True, "total", "P", "X")]
    checks = process_checks(_document(people, {"quota": 1, "per_group": "formasi"}))
    assert checks["rank_inversions"] == 1


def test_selection_by_category_has_no_cut_line_checks() -> None:
    people = [_person("a", "95.00", 1, True, None, "L"),
              _person("b", "95.00", 2, False, "nip", "P")]
    checks = process_checks(_document(people, {"category": "kotak_talenta"}))
    assert checks["rank_inversions"] is None
    assert checks["cut_line_decided_by_tie_breaker"] == 0


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return scored_run(tmp_path_factory.mktemp("process"), rows=400, seed=5)["audit"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_header_counts_equal_the_lists(audit: dict[str, Any], lang: str) -> None:
    view = audit_view(audit, lang, titles={}, detail=True)
    assert view["findings"] == len(view["flagged"]["finding"])
    assert view["watch"] == len(view["flagged"]["watch"])
    flagged_scores = [g for b in audit["scores"] for g in b["groups"]
                      if g.get("status") in ("finding", "watch")]
    assert flagged_scores, "the score blocks' items must be in the lists too"
