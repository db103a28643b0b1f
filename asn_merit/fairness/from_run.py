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
from typing import Any

import numpy as np
import pandas as pd

from asn_merit.fairness.audit import audit_frame
from asn_merit.fairness.result import AuditResult
from asn_merit.fairness.settings import AuditSettings

EVALUATED = ("eligible", "ineligible")
COMPETITION = "_competition"
"""run_frame's column naming the quota a person competes for (their selection group; None
when one quota covers everyone)."""


TABLE_COLUMNS = ("id", "status", "selected", "total", "missing_data", "decided_by",
                 "selection_group")
"""The people-table columns the audit reads, besides group:* and gate:<rule> (id: for the
overrides audit; selection_group: the group whose quota a person competes for)."""


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
        row[COMPETITION] = person.get("selection_group")
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
    columns[COMPETITION] = (_objects(rows["selection_group"]) if "selection_group" in rows
                            else np.full(len(rows), None, dtype=object))
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


def _competitions(document: dict[str, Any], frame: pd.DataFrame) -> pd.Series | None:
    """Which quota each person competes for: one for everyone, their selection group for a
    per-group quota; None when selection is by category or absent (no cut line to cross)."""
    selection = document["selection"]
    if selection.get("category") or (selection.get("quota") is None
                                     and not selection.get("per_group")):
        return None
    if selection.get("per_group"):
        return frame[COMPETITION].astype(object)
    return pd.Series("", index=frame.index, dtype=object)


def _cut_lines(competition: pd.Series, eligible: pd.Series, selected: pd.Series,
               totals: pd.Series) -> pd.Series:
    """Each person's cut line: the lowest total selected in their competition (NaN if their
    competition selected nobody)."""
    chosen = eligible & selected & competition.notna()
    lowest = pd.to_numeric(totals[chosen], errors="coerce").groupby(competition[chosen]).min()
    return competition.map(lowest).astype("float64")


def decisive(document: dict[str, Any], frame: pd.DataFrame) -> dict[str, pd.Series] | None:
    """The process facts that decided someone's selection, per person: at the cut line (total
    equal to their competition's lowest selected total), left out only by a tie-breaker (not
    selected with a total equal to that cut line: the tie crossed the line), and skipped
    (not selected with a total above it). A tie among people who are all selected decided
    nothing and is not counted. None when the policy does not select by rank."""
    competition = _competitions(document, frame)
    if competition is None:
        return None
    eligible = frame["eligible"].astype(bool)
    selected = frame["selected"].astype(bool)
    totals = pd.to_numeric(frame["total"], errors="coerce").astype("float64")
    cut = _cut_lines(competition, eligible, selected, totals)
    ranked = eligible & competition.notna() & cut.notna()
    at_cut = (ranked & (totals == cut)).astype(bool)
    return {"at_cut_line": at_cut,
            "cut_line_decided_by_tie_breaker": (at_cut & ~selected).astype(bool),
            "rank_inversions": (ranked & ~selected & (totals > cut)).astype(bool)}


def process_checks(document: dict[str, Any], table: pd.DataFrame | None = None
                   ) -> dict[str, Any]:
    """Checks of the process itself, each broken down by every audited attribute."""
    frame = run_frame(document, table)
    attributes = document["fairness"]["attributes"]
    selected = frame["selected"].astype(bool)
    eligible = frame["eligible"].astype(bool)
    selected_failed_gate = selected & ~eligible
    facts = decisive(document, frame)
    none = pd.Series(False, index=frame.index)
    skipped = None if facts is None else facts["rank_inversions"]
    at_cut = none if facts is None else facts["at_cut_line"]
    tie_decided = none if facts is None else facts["cut_line_decided_by_tie_breaker"]
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
