"""Combine the rules' values with a multi-criteria method: SAW, WP, TOPSIS, profile matching.

weighted_sum never comes here. Each scored rule gives one criterion value per person (its table
points, its normalised field, its formula, or the raw field of a `criterion` rule); the method
then scores the eligible people together, and every intermediate number it used goes into the
person's trace. Values a method cannot score honestly (a zero in a weighted product, a gap
outside the profile-matching table) leave that person unscored with the reason, instead of
letting the library's refusal stop everyone else's result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from asn_merit.rounding import plain_number, to_units
from asn_merit.rules import model as m
from asn_merit.scoring import weights as w
from asn_merit.scoring.methods import (
    Criterion,
    MethodResult,
    profile_matching,
    saw,
    topsis,
    weighted_product,
)
from asn_merit.scoring.points import PointsColumn

# Their per-criterion lines are not shares of the total, so they carry no points.
NON_ADDITIVE = ("weighted_product", "topsis")


@dataclass
class MethodOutcome:
    points: list[PointsColumn]
    total_units: pd.Series  # Int64 on scored rows, NA elsewhere
    scored: pd.Series  # bool: eligible and every value usable by the method
    unusable: dict[int, list[str]]  # frame index -> why the method could not score the row
    person: dict[str, pd.Series] = field(default_factory=dict)  # Float64 per-person numbers
    summary: dict[str, Any] = field(default_factory=dict)  # method facts for the document


def normalisation(scoring: m.Scoring) -> str | None:
    options = m.METHOD_NORMALISATIONS.get(scoring.method)
    return scoring.normalisation or (options[0] if options else None)


def _domain(policy: m.Policy, column: PointsColumn, eligible: pd.Series
            ) -> tuple[pd.Series, str]:
    """Rows whose value the method can score, and what the others lack."""
    x = column.normalised
    scoring, rule = policy.scoring, column.rule
    cost = rule.criterion == "cost"
    if scoring.method == "weighted_product":
        return x > 0, "the weighted product needs values > 0"
    pool = x[eligible & x.notna()]
    constant = len(pool) > 0 and pool.min() == pool.max()  # SAW scores it 1 (or 1/m) for all
    if scoring.method == "saw" and normalisation(scoring) in ("ratio", "sum") and not constant:
        return (x > 0, "ratio and sum normalisation need cost values > 0") if cost else \
            (x >= 0, "ratio and sum normalisation need values >= 0")
    if scoring.method == "profile_matching" and scoring.profile_matching is not None:
        gap = x - float(rule.target or 0)
        table = w.gap_table(scoring.profile_matching)
        return gap.isin([float(k) for k in table]), \
            f"the gap to the target {plain_number(float(rule.target or 0))} must be a whole " \
            f"number from {min(table):+d} to {max(table):+d}"
    return x.notna(), "a value is needed"


@dataclass(frozen=True)
class _Rows:
    """Who the method scores, and the order the matrix takes them in: sorted by id, so the
    floating-point sums, and so the result's bytes, never depend on the roster's row order."""

    mask: pd.Series
    order: pd.Index


def aggregate(policy: m.Policy, columns: list[PointsColumn], eligible: pd.Series,
              weights: dict[str, float], ids: pd.Series) -> MethodOutcome:
    """Score the eligible people with the policy's method; see the module docstring. `ids`
    (the id column) fixes the order of the decision matrix."""
    index = eligible.index
    scored = eligible.copy()
    unusable: dict[int, list[str]] = {}
    for column in columns:
        ok, why = _domain(policy, column, eligible)
        bad = eligible & ~ok.fillna(False).astype(bool)
        for row in bad[bad].index:
            value = column.normalised.loc[row]
            shown = "(blank)" if pd.isna(value) else plain_number(float(value))
            unusable.setdefault(int(row), []).append(
                f"rule '{column.rule.id}': value {shown} cannot be scored by "
                f"{policy.scoring.method} ({why})")
        scored &= ~bad
    empty = pd.Series(pd.NA, index=index, dtype="Int64")
    if not scored.any():
        return MethodOutcome([replace(c, value=c.normalised, units=empty) for c in columns],
                             empty, scored, unusable, summary=_summary(policy))
    rows = _Rows(scored, ids[scored].astype("string").sort_values(kind="mergesort").index)
    matrix = np.column_stack([c.normalised.loc[rows.order].to_numpy(dtype=float)
                              for c in columns])
    criteria = [Criterion(c.rule.id, weights[c.rule.id], c.rule.criterion == "benefit")
                for c in columns]
    run = _RUNNERS[policy.scoring.method]
    return run(policy, columns, criteria, matrix, rows, unusable)


def _series(values: np.ndarray, rows: _Rows) -> pd.Series:
    out = pd.Series(pd.NA, index=rows.mask.index, dtype="Float64")
    out.loc[rows.order] = values
    return out


def _summary(policy: m.Policy, **extra: Any) -> dict[str, Any]:
    return {"method": policy.scoring.method, "normalisation": normalisation(policy.scoring),
            **extra}


def _columns(policy: m.Policy, columns: list[PointsColumn], result: MethodResult,
             rows: _Rows, labels: list[str], populations: list[dict[str, str]],
             extras: list[dict[str, np.ndarray]], shown_weights: np.ndarray,
             unit_scale: float) -> list[PointsColumn]:
    """The method's numbers as PointsColumns: `normalised` on 0..scale (`unit_scale` maps the
    method's own unit onto it), points only for additive methods."""
    places = policy.scoring.rounding.places
    additive = policy.scoring.method not in NON_ADDITIVE
    out = []
    for j, column in enumerate(columns):
        units = to_units(_series(result.contributions[:, j] * unit_scale, rows), places) \
            if additive else pd.Series(pd.NA, index=rows.mask.index, dtype="Int64")
        out.append(replace(
            column, method=labels[j], value=column.normalised.where(rows.mask),
            normalised=_series(result.normalised[:, j] * unit_scale, rows),
            units=units, population=populations[j], weight=float(shown_weights[j]),
            extra={k: _series(v, rows) for k, v in extras[j].items()}))
    return out


def _total_units(policy: m.Policy, columns: list[PointsColumn], score: np.ndarray,
                 rows: _Rows) -> pd.Series:
    """Additive methods: Σ rounded points (so the trace adds up); others: score × scale."""
    if policy.scoring.method in NON_ADDITIVE:
        return to_units(_series(score * policy.scoring.scale, rows),
                        policy.scoring.rounding.places)
    total = pd.Series(0, index=rows.mask.index, dtype="Int64")
    for column in columns:
        total = total + column.units.fillna(0)
    return total.where(rows.mask)


def _criterion_text(criterion: Criterion) -> str:
    return "benefit" if criterion.benefit else "cost"


def _saw(policy: m.Policy, columns: list[PointsColumn], criteria: list[Criterion],
         x: np.ndarray, rows: _Rows, unusable: dict[int, list[str]]) -> MethodOutcome:
    norm = normalisation(policy.scoring) or "ratio"
    result = saw(x, criteria, normalisation=norm)  # type: ignore[arg-type]
    labels, populations = [], []
    for j, criterion in enumerate(criteria):
        kind = _criterion_text(criterion)
        if norm == "ratio":
            stats = {"max": plain_number(x[:, j].max())} if criterion.benefit else \
                {"min": plain_number(x[:, j].min())}
        elif norm == "minmax":
            stats = {"min": plain_number(x[:, j].min()), "max": plain_number(x[:, j].max())}
        else:
            oriented = x[:, j] if criterion.benefit else 1.0 / x[:, j]
            stats = {"sum": plain_number(oriented.sum())}
        stats["n"] = str(len(x))
        populations.append(stats)
        labels.append(f"saw.{norm}[{kind}; " + "; ".join(f"{k}={v}" for k, v in stats.items())
                      + "]")
    weights = result.details["weights"]
    out = _columns(policy, columns, result, rows, labels, populations,
                   [{} for _ in criteria], weights, policy.scoring.scale)
    return MethodOutcome(out, _total_units(policy, out, result.score, rows), rows.mask, unusable,
                         summary=_summary(policy))


def _weighted_product(policy: m.Policy, columns: list[PointsColumn], criteria: list[Criterion],
                      x: np.ndarray, rows: _Rows, unusable: dict[int, list[str]]
                      ) -> MethodOutcome:
    result = weighted_product(x, criteria)
    exponents = result.details["exponents"]
    labels, populations, extras = [], [], []
    for j, criterion in enumerate(criteria):
        stats = {"max": plain_number(x[:, j].max())} if criterion.benefit else \
            {"min": plain_number(x[:, j].min())}
        populations.append({**stats, "n": str(len(x))})
        labels.append(f"weighted_product[{_criterion_text(criterion)}; exponent="
                      f"{plain_number(float(exponents[j]))}]")
        extras.append({"factor": result.contributions[:, j]})
    s = result.details["S"]
    relative = s / s.max()
    out = _columns(policy, columns, result, rows, labels, populations, extras,
                   result.details["weights"], policy.scoring.scale)
    person = {"S": _series(s, rows), "V": _series(result.details["V"], rows),
              "S_relative_to_best": _series(relative, rows)}
    return MethodOutcome(out, _total_units(policy, out, relative, rows), rows.mask, unusable,
                         person, _summary(policy, total="S / max S x scale"))


def _topsis(policy: m.Policy, columns: list[PointsColumn], criteria: list[Criterion],
            x: np.ndarray, rows: _Rows, unusable: dict[int, list[str]]) -> MethodOutcome:
    norm = normalisation(policy.scoring) or "vector"
    result = topsis(x, criteria, normalisation=norm)  # type: ignore[arg-type]
    v, ideal, anti = result.contributions, result.details["ideal"], result.details["anti_ideal"]
    labels, populations, extras = [], [], []
    for j, criterion in enumerate(criteria):
        stats = {"norm": plain_number(float(np.sqrt((x[:, j] ** 2).sum())))} \
            if norm == "vector" else {"min": plain_number(x[:, j].min()),
                                      "max": plain_number(x[:, j].max())}
        stats.update(ideal=plain_number(float(ideal[j])), anti_ideal=plain_number(float(anti[j])),
                     n=str(len(x)))
        populations.append(stats)
        labels.append(f"topsis.{norm}[{_criterion_text(criterion)}]")
        extras.append({"weighted": v[:, j], "to_ideal": (v[:, j] - ideal[j]) ** 2,
                       "to_anti_ideal": (v[:, j] - anti[j]) ** 2})
    out = _columns(policy, columns, result, rows, labels, populations, extras,
                   result.details["weights"], policy.scoring.scale)
    person = {"d_plus": _series(result.details["d_plus"], rows),
              "d_minus": _series(result.details["d_minus"], rows),
              "closeness": _series(result.score, rows)}
    return MethodOutcome(out, _total_units(policy, out, result.score, rows), rows.mask, unusable,
                         person, _summary(policy, total="closeness x scale"))


def _profile_matching(policy: m.Policy, columns: list[PointsColumn], criteria: list[Criterion],
                      x: np.ndarray, rows: _Rows, unusable: dict[int, list[str]]
                      ) -> MethodOutcome:
    pm = policy.scoring.profile_matching
    assert pm is not None
    rules = [c.rule for c in columns]
    table = w.gap_table(pm)
    core = w.core_shares(pm)
    result = profile_matching(
        x, [float(r.target or 0) for r in rules], [r.factor or "core" for r in rules],
        [r.aspect or "" for r in rules], {a.id: a.weight for a in pm.aspects},
        core_share=core, secondary_share={k: 1 - v for k, v in core.items()}, gap_table=table)
    best = max(table.values())
    unit_scale = policy.scoring.scale / best  # a perfect fit on every factor = scale
    labels = [f"profile_matching[target={plain_number(float(r.target or 0))}; {r.factor}; "
              f"aspect={r.aspect}]" for r in rules]
    extras = [{"gap": result.details["gap"][:, j], "gap_weight": result.details["gap_weight"][:, j]}
              for j in range(len(rules))]
    shown = np.array([criterion.weight for criterion in criteria])
    out = _columns(policy, columns, result, rows, labels, [{} for _ in rules], extras, shown,
                   unit_scale)
    person: dict[str, pd.Series] = {}
    for a, name in enumerate(result.details["aspects"].tolist()):
        person[f"core:{name}"] = _series(result.details["core"][:, a], rows)
        person[f"secondary:{name}"] = _series(result.details["secondary"][:, a], rows)
        person[f"aspect:{name}"] = _series(result.details["aspect_total"][:, a], rows)
    person["score"] = _series(result.score, rows)
    summary = _summary(policy, total=f"score / {plain_number(best)} x scale",
                       gap_table={str(k): plain_number(v) for k, v in sorted(table.items())},
                       aspects={a.id: {"weight": plain_number(q), "core_share":
                                       plain_number(core[a.id])}
                                for a, q in zip(pm.aspects, w.aspect_weights(pm).values(),
                                                strict=True)})
    return MethodOutcome(out, _total_units(policy, out, result.score, rows), rows.mask, unusable,
                         person, summary)


_Runner = Callable[[m.Policy, list[PointsColumn], list[Criterion], np.ndarray, _Rows,
                    dict[int, list[str]]], MethodOutcome]
_RUNNERS: dict[str, _Runner] = {
    "saw": _saw,
    "weighted_product": _weighted_product,
    "topsis": _topsis,
    "profile_matching": _profile_matching,
}
