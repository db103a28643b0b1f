"""Audit a finished scoring run: who passed each gate, who was eligible, who was selected.

Works from result.json alone (each person carries the values of the audited attributes), or
for a large run from its people table (people.parquet: the same facts as columns group:*,
gate:*, selected, total, missing_data, decided_by), so an auditor can re-examine a run without
the roster; both give the same frame, so the numbers never depend on where the detail was
written. Process checks look where unfairness hides
inside a correct-looking ranking: skipped people, ties at the cut line, missing data.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from asn_merit.fairness.audit import audit_frame
from asn_merit.fairness.result import AuditResult
from asn_merit.fairness.settings import AuditSettings

EVALUATED = ("eligible", "ineligible")


TABLE_COLUMNS = ("id", "status", "selected", "total", "missing_data", "decided_by")
"""The people-table columns the audit reads, besides group:* and gate:<rule> (id: for the
overrides audit)."""


def table_columns(document: dict[str, Any], available: list[str]) -> list[str]:
    """The columns of a people table the audit needs (to read only those from parquet)."""
    wanted = {f"group:{f}" for f in _audited(document)}
    wanted |= {f"gate:{r['id']}" for r in document["rules"] if r["kind"] == "gate"}
    return [c for c in available if c in wanted or c in TABLE_COLUMNS]


def _audited(document: dict[str, Any]) -> list[str]:
    fairness = document["fairness"]
    names = list(fairness["attributes"])
    names += [n for combo in fairness["intersections"] for n in combo if n not in names]
    return names


def run_frame(document: dict[str, Any], table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per evaluated person: audited attributes, each gate, eligible, selected, total;
    from the document's people or, for a large run, its people table."""
    if table is not None:
        return _table_frame(document, table)
    people = [p for p in document["people"] if p["status"] in EVALUATED]
    gate_ids = [r["id"] for r in document["rules"] if r["kind"] == "gate"]
    rows = []
    for person in people:
        row: dict[str, Any] = dict(person.get("groups", {}))
        passed = {g["rule"]: g["passed"] for g in person["gates"]}
        row.update({f"gate:{g}": passed[g] for g in gate_ids})
        row["eligible"] = person["status"] == "eligible"
        row["selected"] = bool(person.get("selected", False))
        row["total"] = float(person["total"]) if "total" in person else None
        row["missing_data"] = any("missing" in g for g in person["gates"])
        row["decided_by"] = person.get("decided_by")
        rows.append(row)
    frame = pd.DataFrame(rows)
    for column in document["fairness"]["attributes"]:
        if column not in frame:
            frame[column] = pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame


def _table_frame(document: dict[str, Any], table: pd.DataFrame) -> pd.DataFrame:
    """run_frame from a people table, column by column. The arrays are the ones the document's
    values would give (None where missing, floats only when a total exists), so pandas infers
    the same dtypes and every statistic is computed the same way."""
    wanted = table_columns(document, list(table.columns))
    rows = table.loc[table["status"].isin(EVALUATED), wanted]  # only what the audit reads
    columns: dict[str, Any] = {}
    for name in _audited(document):
        if f"group:{name}" in rows:
            columns[name] = _objects(rows[f"group:{name}"])
    for gate in (r["id"] for r in document["rules"] if r["kind"] == "gate"):
        columns[f"gate:{gate}"] = _flags(rows[f"gate:{gate}"])
    columns["eligible"] = (rows["status"] == "eligible").to_numpy(dtype=bool)
    columns["selected"] = _flags(rows["selected"])
    totals = pd.to_numeric(rows["total"].astype(object), errors="coerce")
    columns["total"] = (totals.to_numpy(dtype="float64", na_value=np.nan) if totals.notna().any()
                        else _objects(totals))
    columns["missing_data"] = _flags(rows["missing_data"])
    columns["decided_by"] = _objects(rows["decided_by"])
    frame = pd.DataFrame(columns)
    for column in document["fairness"]["attributes"]:
        if column not in frame:
            frame[column] = pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame


def _objects(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype=object, na_value=None)


def _flags(series: pd.Series) -> np.ndarray:
    return series.fillna(False).to_numpy(dtype=bool)


def audit_run(document: dict[str, Any], settings: AuditSettings,
              table: pd.DataFrame | None = None) -> AuditResult:
    """Eligibility then selection as two stages; each gate alone; the total among eligible."""
    fairness = document["fairness"]
    attributes, intersections = fairness["attributes"], fairness["intersections"]
    frame = run_frame(document, table)
    if frame.empty or not attributes:
        raise ValueError("the run has no evaluated people or no fairness attributes")
    main = audit_frame(frame, outcomes=["eligible", "selected"], attributes=attributes,
                       intersections=intersections, settings=settings)
    extra_attributes = []
    for gate in [c for c in frame.columns if c.startswith("gate:")]:
        part = audit_frame(frame, outcomes=[gate], attributes=attributes, settings=settings)
        extra_attributes.extend(part.attributes)
    eligible = frame[frame["eligible"]]
    scores = ()
    if len(eligible) > 1:
        scores = audit_frame(eligible, outcomes=[], attributes=attributes, score="total",
                             settings=settings).scores
    return replace(main, attributes=main.attributes + tuple(extra_attributes),
                   scores=main.scores + scores,
                   outcomes=(*main.outcomes, *(c for c in frame.columns if c.startswith("gate:"))))


def _by_group(frame: pd.DataFrame, attribute: str, mask: pd.Series) -> dict[str, int]:
    groups = frame.loc[mask, attribute].fillna("(unknown)").astype(str)
    return {str(k): int(v) for k, v in groups.value_counts().sort_index().items()}


def _skipped(document: dict[str, Any], frame: pd.DataFrame, eligible: pd.Series,
             selected: pd.Series, totals: pd.Series) -> pd.Series | None:
    """Eligible people passed over while someone with a lower total was chosen, or None when
    the run has no single competition to compare in (quotas per group, selection by
    category): the result does not record each person's group, so none is invented."""
    selection = document["selection"]
    if selection.get("category") or selection.get("per_group"):
        return None
    if not selected.any():
        return pd.Series(False, index=frame.index)
    return (eligible & ~selected & (totals > totals[selected].min())).fillna(False).astype(bool)


def process_checks(document: dict[str, Any], table: pd.DataFrame | None = None
                   ) -> dict[str, Any]:
    """Checks of the process itself, each broken down by every audited attribute."""
    frame = run_frame(document, table)
    attributes = document["fairness"]["attributes"]
    selected = frame["selected"].astype(bool)
    eligible = frame["eligible"].astype(bool)
    totals = frame["total"]
    selected_failed_gate = selected & ~eligible
    skipped = _skipped(document, frame, eligible, selected, totals)
    cut = document["selection"]["cut_line"]
    at_cut = eligible & (totals == float(Decimal(cut))) if cut is not None \
        else pd.Series(False, index=frame.index)
    tie_decided = at_cut & frame["decided_by"].notna() & (frame["decided_by"] != "total")
    missing = frame["missing_data"].astype(bool)
    checks: dict[str, Any] = {
        "selected_but_failed_gate": int(selected_failed_gate.sum()),
        "rank_inversions": None if skipped is None else int(skipped.sum()),
        "at_cut_line": int(at_cut.sum()),
        "cut_line_decided_by_tie_breaker": int(tie_decided.sum()),
        "missing_data": int(missing.sum()),
        "proxy_fields_in_ranking": document["ranking"]["proxy_fields"],
        "protected_use": document["fairness"]["protected_use"],
        "by_attribute": {},
    }
    for attribute in attributes:
        size = _by_group(frame, attribute, pd.Series(True, index=frame.index))
        gaps = _by_group(frame, attribute, missing)
        checks["by_attribute"][attribute] = {
            "rank_inversions": None if skipped is None else _by_group(frame, attribute, skipped),
            "at_cut_line": _by_group(frame, attribute, at_cut),
            "cut_line_decided_by_tie_breaker": _by_group(frame, attribute, tie_decided),
            "missing_data_rate": {g: round(gaps.get(g, 0) / n, 4) for g, n in size.items()},
        }
    return checks
