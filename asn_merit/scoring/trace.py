"""Per-person explanations and the canonical result document.

The document holds no clock, run id, file path or spreadsheet row, so the same people, policy
and as_of give the same bytes whatever order the rows came in.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from asn_merit.errors import AsnMeritError
from asn_merit.roster.types import golongan_label
from asn_merit.rounding import plain_number, units_text
from asn_merit.rules import model as m
from asn_merit.rules.loader import LoadedPolicy
from asn_merit.scoring.aggregate import NON_ADDITIVE
from asn_merit.scoring.engine import ELIGIBLE, ScoringResult
from asn_merit.scoring.people_table import (
    STATUS_ORDER,
    audited_fields,
    people_arrow,
    person_from_row,
    trace_meta,
)
from asn_merit.scoring.weights import ahp_result

RESULT_FORMAT = "asn-merit.result/1"
__all__ = ["STATUS_ORDER", "InvariantError", "audited_fields", "document_invariants",
           "person_traces", "result_document", "text_column"]


class InvariantError(AsnMeritError):
    """A trace contradicts the totals: a bug, never a data problem."""


def text_column(series: pd.Series, kind: str) -> list[str | None]:
    """Cell values as the text a person reads (golongan labels, ISO dates, short numbers)."""
    if kind == "golongan":
        series = golongan_label(series.astype("Int64"))
    elif pd.api.types.is_datetime64_any_dtype(series):
        series = series.dt.strftime("%Y-%m-%d")
    elif pd.api.types.is_bool_dtype(series):
        series = series.astype("boolean").map({True: "true", False: "false"})
    elif pd.api.types.is_numeric_dtype(series):
        return [None if pd.isna(v) else plain_number(float(v)) for v in series]
    return [None if pd.isna(v) else str(v) for v in series.astype("object")]


def person_traces(result: ScoringResult) -> list[dict[str, Any]]:
    """Each person's explanation, rebuilt from the columnar table so the two never disagree;
    a dict per person is for result.json and `explain`, large runs keep the table."""
    meta = trace_meta(result)
    rows = people_arrow(result).to_pylist()  # None for blanks, no pandas boxing per cell
    people = [person_from_row(row, meta, clean=True) for row in rows]
    problem = invariant_problem(people, result.places, len(result.gates), len(result.points),
                                additive(result.loaded.policy.scoring.method))
    if problem:
        raise InvariantError(problem)
    return people


def additive(method: str) -> bool:
    """Whether a method's points lines add up to the total (TOPSIS and WP are not sums)."""
    return method not in NON_ADDITIVE


def invariant_problem(people: list[dict[str, Any]], places: int, gates: int, points: int,
                      is_additive: bool = True) -> str | None:
    """Σ points == total (additive methods), every rule once per evaluated person, ranks
    exactly 1..n."""
    ranks = []
    for person in people:
        if person["status"] in (ELIGIBLE, "ineligible") and len(person["gates"]) != gates:
            return f"{person['id']}: {len(person['gates'])} gate lines, policy has {gates}"
        if person["status"] != ELIGIBLE:
            continue
        if len(person["points"]) != points:
            return f"{person['id']}: {len(person['points'])} points lines, policy has {points}"
        if not is_additive:
            ranks.append(person["rank"])
            continue
        units = sum(int(p["points"].replace(".", "")) for p in person["points"])
        if units_text(units, places) != person["total"]:
            return f"{person['id']}: points add up to {units_text(units, places)}, " \
                   f"total says {person['total']}"
        ranks.append(person["rank"])
    if sorted(ranks) != list(range(1, len(ranks) + 1)):
        return "ranks are not a permutation of 1..n"
    return None


def document_invariants(document: dict[str, Any]) -> str | None:
    """The same checks on a result.json read back from disk (for verify)."""
    kinds = [r["kind"] for r in document["rules"]]
    gates = kinds.count("gate")
    method = document["scoring"].get("method", "weighted_sum")
    return invariant_problem(document["people"], document["scoring"]["places"], gates,
                             len(kinds) - gates, additive(method))


def cut_line(result: ScoringResult) -> str | None:
    chosen = result.frame.loc[result.ranked.selected, "_total_units"]
    return None if chosen.empty else units_text(int(chosen.min()), result.places)


def _titles(title: m.Text | None, fallback: str) -> dict[str, str]:
    return ({"id": title.id, "en": title.en} if isinstance(title, m.Bilingual)
            else {"id": title or fallback, "en": title or fallback})


def _rule_summary(rule: m.Rule, weights: dict[str, float], method: str) -> dict[str, Any]:
    summary: dict[str, Any] = {"id": rule.id, "kind": rule.kind,
                               "title": _titles(rule.title, rule.id)}
    if isinstance(rule, m.GateRule):
        return summary
    summary["weight"] = plain_number(weights[rule.id])
    if method in ("saw", "weighted_product", "topsis"):
        summary["criterion"] = rule.criterion
    if method == "profile_matching":
        summary.update(target=plain_number(rule.target or 0), factor=rule.factor,
                       aspect=rule.aspect)
    return summary


def _scoring_summary(result: ScoringResult) -> dict[str, Any]:
    """Scale and rounding; for other methods than weighted_sum, the method and its facts."""
    policy = result.loaded.policy
    out: dict[str, Any] = {"scale": plain_number(policy.scoring.scale), "places": result.places,
                           "rounding": policy.scoring.rounding.mode}
    if result.method is not None:
        out.update(result.method.summary)
    ahp = policy.scoring.ahp
    if ahp is not None:
        found = ahp_result(ahp)
        out["ahp"] = {"criteria": list(ahp.criteria), "ri_table": found.ri_table,
                      "weights": {c: plain_number(float(x))
                                  for c, x in zip(ahp.criteria, found.weights, strict=True)},
                      "lambda_max": plain_number(found.lambda_max), "ci": plain_number(found.ci),
                      "ri": plain_number(found.ri), "cr": plain_number(found.cr),
                      "max_cr": plain_number(ahp.max_cr)}
    return out


def selection_mode(selection: m.Selection | None) -> str:
    """How a policy selects: one quota over everyone, a quota per group, by category label, or
    not at all (an index that only ranks and bands)."""
    if selection is None:
        return "none"
    if selection.category is not None:
        return "category"
    return "per_group" if selection.per_group is not None else "quota"


def _selection_summary(result: ScoringResult) -> dict[str, Any]:
    selection = result.loaded.policy.ranking.selection
    out: dict[str, Any] = {
        "mode": selection_mode(selection),
        "quota": selection.quota if selection else None,
        "per_group": selection.per_group if selection else None,
        "cut_line": cut_line(result),
    }
    if selection is not None and selection.category is not None:
        out["category"] = selection.category
    quotas = result.ranked.quotas
    if selection is None or selection.per_group is None or quotas is None:
        return out
    if selection.quota_field is not None:
        out["quota_field"] = selection.quota_field
    out["group_title"] = _field_title(result.loaded.policy, selection.per_group)
    ranked = result.frame.loc[result.ranked.order]
    groups = ranked[selection.per_group].astype("string")
    chosen = result.ranked.selected.loc[ranked.index].to_numpy(dtype=bool)
    lowest = ranked.loc[chosen, "_total_units"].groupby(groups[chosen]).min()
    counts = groups[chosen].value_counts()
    competing = groups.value_counts()
    out["groups"] = {group: {"quota": quota, "eligible": int(competing.get(group, 0)),
                             "selected": int(counts.get(group, 0)),
                             "cut_line": units_text(int(lowest[group]), result.places)
                             if group in lowest.index else None}
                     for group, quota in sorted(quotas.items())}
    return out


def _field_title(policy: m.Policy, name: str) -> dict[str, str]:
    """A field as a reader knows it: the column's label, the derived field's title, else the
    column's first header spelling (reports name the selection group with it)."""
    spec = policy.columns.get(name)
    if spec is not None:
        return _titles(spec.label, spec.headers[0])
    derived = next((d for d in policy.derived if d.id == name), None)
    return _titles(derived.title if derived else None, name)


def _number(value: float | None) -> str | None:
    return None if value is None else plain_number(value)


def _category_summaries(result: ScoringResult) -> list[dict[str, Any]]:
    """Each category with its values in order, the people counted per value, and how a value
    is reached (bands with their bounds, or the grid's cells), so a report can draw it and
    `explain` can say how far a person is from the next band."""
    out = []
    for item in result.loaded.policy.categories:
        labels = result.categories[item.id].value_counts()
        entry: dict[str, Any] = {
            "id": item.id, "title": _titles(item.title, item.id),
            "values": [{"value": v.value, "label": _titles(v.label, v.value)}
                       for v in item.values],
            "favourable": list(item.favourable),
            "counts": {v.value: int(labels.get(v.value, 0)) for v in item.values},
        }
        if item.grid is not None:
            entry["grid"] = {"rows": item.grid.rows, "columns": item.grid.columns,
                             "cells": {row: dict(cells) for row, cells in item.grid.cells.items()}}
        elif item.cases is not None:
            entry["cases"] = [c.value for c in item.cases]
        else:
            entry["field"] = item.field
            entry["bands"] = [{"value": b.value, "gte": _number(b.gte), "lt": _number(b.lt)}
                              for b in item.bands or []]
        out.append(entry)
    return out


def _proxies(loaded: LoadedPolicy) -> set[str]:
    """Ranking keys that stand in for a protected attribute (NIP digits encode birth date and
    sex; a field computed from a protected one inherits it)."""
    policy = loaded.policy
    keys = {k.field for k in (policy.ranking.order, *policy.ranking.tie_breakers)}
    proxies = {name for name in keys if name in loaded.fields and loaded.fields[name].protected}
    id_field = policy.id_field
    if id_field in keys and policy.columns[id_field].type == "nip18":
        proxies.add(id_field)
    return proxies


def result_document(result: ScoringResult, people: bool = True) -> dict[str, Any]:
    """people=False leaves out the per-person traces, which large runs keep in a parquet
    table instead of building one dict per person."""
    loaded = result.loaded
    policy = loaded.policy
    findings = sorted(
        ({k: v for k, v in f.to_dict().items() if k not in ("file", "sheet", "excel_row")}
         for f in result.findings),
        key=lambda f: (str(f.get("employee_id", "")), str(f["code"]), str(f.get("message"))))
    population = {c.rule.id: c.population for c in result.points if c.population}
    weights = {c.rule.id: c.weight for c in result.points}
    document: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "policy": {"id": policy.policy.id, "version": policy.policy.version,
                   "kind": policy.policy.kind, "canonical_sha256": loaded.canonical_sha256},
        "as_of": result.as_of.isoformat(),
        "scoring": _scoring_summary(result),
        "counts": result.counts(),
        "selection": _selection_summary(result),
        "population_statistics": population,
        "rules": [_rule_summary(rule, weights, policy.scoring.method) for rule in policy.rules],
        "ranking": {
            "keys": [{"field": k.field, "direction": k.direction, "note": k.note}
                     for k in (policy.ranking.order, *policy.ranking.tie_breakers)],
            "proxy_fields": sorted(_proxies(loaded)),
        },
        "fairness": {
            "attributes": [a.field for a in policy.fairness.attributes],
            "intersections": [list(c) for c in policy.fairness.intersections],
            "min_group_size": policy.fairness.thresholds.min_group_size,
            "protected_use": policy.fairness.protected_use,
            "justification": policy.fairness.justification,
        },
        "findings": findings,
    }
    if people:
        document["people"] = person_traces(result)
    if policy.categories:
        document["categories"] = _category_summaries(result)
        document["fairness"]["categories"] = [
            {"id": c.id, "values": [v.value for v in c.values], "favourable": list(c.favourable)}
            for c in policy.categories]
    return document
