"""The columnar trace: exact number text, the table agreeing with every person's dict, checks
that work on the table alone, and a table that does not depend on the roster's row order."""

from __future__ import annotations

import importlib.util
import json
import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import MINI_HEADERS, REPO, roster_from_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_merit.catalog import shipped_policies
from asn_merit.ledger.hashing import canonical_json_bytes, sha256_bytes
from asn_merit.pipeline import load_roster, score
from asn_merit.rounding import plain_number, units_text
from asn_merit.rules.loader import load_policy
from asn_merit.scoring.engine import ELIGIBLE, evaluate
from asn_merit.scoring.people_table import (
    column_text,
    people_table,
    person_from_row,
    plain_numbers,
    precise_numbers,
    precise_text,
    table_invariant_problem,
    trace_meta,
    units_texts,
)
from asn_merit.scoring.trace import result_document, text_column

CASES = [(entry.id, entry.sample) for entry in shipped_policies()]
GOLDEN = REPO / "tests" / "golden"


def _properties():  # the property tests' policy and roster strategy, not their tests
    path = Path(__file__).parents[1] / "property" / "test_scoring_properties.py"
    spec = importlib.util.spec_from_file_location("_scoring_properties", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PROPERTIES = _properties()
TRICKY = [0.0, -0.0, 1.0, -1.0, 0.5, 2.675, 1.005, 1 / 128, 3 / 128, -1 / 128, 1e-7, -1e-9,
          5e-7, 4.9999999e-7, 0.1 + 0.2, 1 / 3, 2 / 3, 999.9999999999999, 1000.0, 1e-3, 1e-10,
          123456.7890125, 1e15 + 0.5, 2.0**53 + 2, 1e20, -1e20, 9.999999999e-5, 1e300,
          0.62499999999999994, 45.890441, math.pi * 1e6, float("inf"), -float("inf")]


def _scored(policy_id: str, sample: str):
    loaded = load_policy(REPO / "policies" / f"{policy_id}.yaml")
    roster = load_roster(REPO / "sample_data" / sample, loaded, None, None)
    return score(loaded, roster, loaded.policy.policy.as_of)


def _text(value: object) -> object:
    return None if value is pd.NA else value


# --- number text --------------------------------------------------------------------------


def _check_numbers(values: list[float]) -> None:
    array = np.array(values, dtype=float)
    assert plain_numbers(array).to_pylist() == [
        None if math.isnan(v) else plain_number(v) for v in values]
    finite = array[np.isfinite(array)]
    assert precise_numbers(finite).to_pylist() == [precise_text(v) for v in finite]


def test_number_text_is_exact_on_awkward_values() -> None:
    _check_numbers([*TRICKY, float("nan")])
    scaled = [k / 10**p for p in range(1, 8) for k in range(-30, 30)]
    halves = [(2 * k + 1) / 2 / 10**6 for k in range(2000)]  # ties at the sixth decimal
    _check_numbers([*scaled, *halves, *(v * 100 for v in halves)])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=False, width=64), max_size=40))
def test_number_text_matches_the_scalar_helpers(values: list[float]) -> None:
    _check_numbers(values)


def test_units_text_vectorised() -> None:
    units = pd.Series([0, 5, -5, 123456, -100, None, 10**15], dtype="Int64")
    for places in (0, 2, 3, 6):
        expected = [None if pd.isna(u) else units_text(int(u), places) for u in units]
        assert units_texts(units, places).to_pylist() == expected


def test_column_text_matches_text_column() -> None:
    columns = {
        "number": (pd.Series([1.5, None, 3.0, 1e-7], dtype="Float64"), "number"),
        "integer": (pd.Series([1, None, -4, 0], dtype="Int64"), "integer"),
        "golongan": (pd.Series([1, 9, None, 99], dtype="Int64"), "golongan"),
        "date": (pd.Series(pd.to_datetime(["2024-01-31", None, "1999-12-01", "2024-01-31"])),
                 "date"),
        "bool": (pd.Series([True, None, False, True], dtype="boolean"), "bool"),
        "text": (pd.Series(["a", None, "", "é"], dtype="string"), "text"),
        "object": (pd.Series([1, None, "x", 2.5], dtype=object), "text"),
    }
    for series, kind in columns.values():
        assert column_text(series, kind).to_pylist() == text_column(series, kind)


# --- the table and the dicts --------------------------------------------------------------


@pytest.mark.parametrize(("policy_id", "sample"), CASES)
def test_table_says_what_every_persons_dict_says(policy_id: str, sample: str) -> None:
    result = _scored(policy_id, sample)
    table, meta = people_table(result), trace_meta(result)
    document = result_document(result)
    golden = json.loads((GOLDEN / f"{policy_id}.json").read_text(encoding="utf-8"))
    assert sha256_bytes(canonical_json_bytes(document)) == golden["result_sha256"]
    people = document["people"]
    rows = table.to_dict("records")
    assert [person_from_row(row, meta) for row in rows] == people
    assert table_invariant_problem(table, meta) is None
    assert table["rank"].dtype == "Int64" and table["selected"].dtype == "boolean"
    assert table["id"].dtype == pd.StringDtype("pyarrow")
    assert ("rank_in_group" in table) == meta.rank_in_group
    for row, person in zip(rows, people, strict=True):  # the contract's columns, one by one
        assert (_text(row["id"]), row["status"]) == (person["id"], person["status"])
        for name in meta.show:
            assert _text(row[f"show:{name}"]) == person["show"][name]
        for name in meta.groups:
            assert _text(row[f"group:{name}"]) == person["groups"][name]
        if "gates" in person:
            assert row["failed"] == ", ".join(person["failed"])
            assert row["missing_data"] == any("missing" in g for g in person["gates"])
            for gate in person["gates"]:
                key = f"gate:{gate['rule']}"
                assert (row[key], row[f"{key}:test"]) == (gate["passed"], gate["test"])
                assert _text(row[f"{key}:missing"]) == (
                    ", ".join(gate["missing"]) if "missing" in gate else None)
                for name, value in gate["inputs"].items():
                    assert _text(row[f"input:{name}"]) == value
        else:
            assert row["failed"] is None and row["missing_data"] is None
        if person["status"] != ELIGIBLE:
            assert row["rank"] is None and row["total"] is None and row["selected"] is None
            continue
        assert (row["total"], row["rank"], row["selected"], _text(row["decided_by"])) == (
            person["total"], person["rank"], person["selected"], person["decided_by"])
        assert units_text(row["total_units"], meta.places) == person["total"]
        for line in person["points"]:
            key = f"points:{line['rule']}"
            assert _text(row[key]) == line["points"]
            assert _text(row[f"{key}:normalised"]) == line["normalised"]
            assert _text(row[f"{key}:rounding"]) == line.get("rounding")
            assert _text(row[f"{key}:note"]) == line.get("note")
        for name, value in person.get("categories", {}).items():
            assert _text(row[f"category:{name}"]) == value
        for key, value in person.get("method", {}).items():
            assert _text(row[f"method:{key}"]) == value


def test_people_not_scored_keep_their_reasons() -> None:
    loaded = load_policy(REPO / "policies" / "kenaikan-pangkat-reguler.yaml")
    policy = loaded.policy.model_copy(update={"scoring": loaded.policy.scoring.model_copy(
        update={"on_invalid_row": "exclude"})})
    loaded = replace(loaded, policy=policy)
    roster = load_roster(REPO / "sample_data" / "roster-with-errors.xlsx", loaded, None, None)
    result = evaluate(loaded, roster, loaded.policy.policy.as_of)
    table, meta = people_table(result), trace_meta(result)
    people = result_document(result)["people"]
    assert [person_from_row(row, meta) for row in table.to_dict("records")] == people
    excluded = [p for p in people if p["status"] == "not_evaluated"]
    assert excluded and all(p["excluded_because"] for p in excluded)
    shown = table.loc[table["status"] == "not_evaluated", "excluded_because"].tolist()
    assert shown == ["; ".join(p["excluded_because"]) for p in excluded]


# --- checks on the table alone ------------------------------------------------------------


@pytest.fixture(scope="module")
def ranked_table():
    result = _scored("kenaikan-pangkat-reguler", "roster.xlsx")
    return people_table(result), trace_meta(result)


def test_invariants_catch_a_wrong_points_line(ranked_table) -> None:
    table, meta = ranked_table
    broken = table.copy()
    rule = meta.points[0].rule
    first = int(np.flatnonzero(broken["status"] == ELIGIBLE)[0])
    broken.loc[first, f"points:{rule}"] = "999.99"
    assert "points add up to" in (table_invariant_problem(broken, meta) or "")


def test_invariants_catch_a_missing_gate_and_bad_ranks(ranked_table) -> None:
    table, meta = ranked_table
    no_gate = table.copy()
    no_gate.loc[0, f"gate:{meta.gates[0].rule}"] = pd.NA
    assert "no gate:" in (table_invariant_problem(no_gate, meta) or "")
    twice = table.copy()
    twice.loc[1, "rank"] = twice.loc[0, "rank"]
    assert table_invariant_problem(twice, meta) == "ranks are not a permutation of 1..n"


# --- row order ----------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(PROPERTIES.rosters, st.randoms(use_true_random=False))
def test_row_order_does_not_change_the_table(people: list[tuple], rnd) -> None:
    rows = PROPERTIES.rows_of(people)
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    tables = [people_table(evaluate(PROPERTIES.POLICY, roster_from_rows(
        PROPERTIES.POLICY, MINI_HEADERS, r), date(2026, 10, 1))) for r in (rows, shuffled)]
    pd.testing.assert_frame_equal(*tables)


@pytest.fixture(scope="module")
def method_result():
    return _scored("penghargaan-asn-berprestasi", "roster-extended.xlsx")


@settings(max_examples=5, deadline=None)
@given(st.randoms(use_true_random=False))
def test_row_order_does_not_change_a_methods_table(method_result, rnd) -> None:
    result = method_result
    order = list(range(len(result.frame)))
    rnd.shuffle(order)
    roster = load_roster(REPO / "sample_data" / "roster-extended.xlsx", result.loaded, None, None)
    shuffled = replace(roster, frame=roster.frame.iloc[order])
    again = evaluate(result.loaded, shuffled, result.as_of)
    pd.testing.assert_frame_equal(people_table(result), people_table(again))
