"""Turn each points rule into a normalised value and quantised points, for everyone at once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from asn_merit.diagnostics import RosterFinding
from asn_merit.errors import RosterError
from asn_merit.roster.types import normalise_key, normalise_key_text
from asn_merit.rounding import MAX_POINTS, PointsRangeError, plain_number, to_units
from asn_merit.rules import model as m
from asn_merit.rules.expr import CompiledExpr


@dataclass
class PointsColumn:
    """One rule's outcome: per person normalised value, points in units, and notes."""

    rule: m.PointsRule
    method: str
    normalised: pd.Series  # Float64 on 0..scale (formulas are not clipped)
    units: pd.Series  # Int64, 10^-places
    missing: pd.Series  # bool: the input was blank and on_missing decided the value
    unmatched: pd.Series  # bool: a value with no table entry or band
    population: dict[str, str] = field(default_factory=dict)
    weight: float = 0.0  # as declared, or derived (AHP, profile matching aspects)
    value: pd.Series | None = None  # Float64: the criterion value a method started from
    extra: dict[str, pd.Series] = field(default_factory=dict)  # a method's per-person numbers


def _table(values: pd.Series, rule: m.PointsTableRule, scale: float) -> tuple[pd.Series, pd.Series,
                                                                                 str]:
    if rule.table is not None:
        table = {normalise_key_text(k): v for k, v in rule.table.items()}
        found = normalise_key(values.astype("string")).map(table).astype("Float64")
        unmatched = found.isna() & values.notna()
        if rule.default is not None:
            found = found.mask(unmatched, rule.default)
        else:
            found = found.mask(unmatched, 0.0)
        return found, unmatched, "table"
    numbers = values.astype("Float64")
    found = pd.Series(pd.NA, index=values.index, dtype="Float64")
    for band in rule.bands or []:
        inside = pd.Series(True, index=values.index, dtype="boolean")
        if band.gte is not None:
            inside &= numbers >= band.gte
        if band.lt is not None:
            inside &= numbers < band.lt
        found = found.mask(inside.fillna(False).astype(bool) & found.isna(), band.points)
    unmatched = found.isna() & numbers.notna()
    found = found.mask(unmatched, rule.default if rule.default is not None else 0.0)
    return found, unmatched, "bands"


def _weighted(values: pd.Series, norm: m.Normalise, scale: float, eligible: pd.Series
              ) -> tuple[pd.Series, str, dict[str, str]]:
    x = values.astype("Float64")
    stats: dict[str, str] = {}
    if norm.method in ("fixed_range", "inverse_fixed_range"):
        low, high = float(norm.min), float(norm.max)  # type: ignore[arg-type]
        share = (x - low) / (high - low)
        if norm.method == "inverse_fixed_range":
            share = 1 - share
        label = f"{norm.method}[{plain_number(low)},{plain_number(high)}]"
    elif norm.method == "population_min_max":
        pool = x[eligible & x.notna()]
        low, high = (float(pool.min()), float(pool.max())) if len(pool) else (0.0, 0.0)
        share = (x - low) / (high - low) if high > low else pd.Series(1.0, index=x.index,
                                                                       dtype="Float64")
        stats = {"min": plain_number(low), "max": plain_number(high), "n": str(len(pool))}
        label = f"population_min_max[{stats['min']},{stats['max']}; n={stats['n']}]"
    else:
        pool = x.where(eligible)
        n = int(pool.notna().sum())
        ranks = pool.rank(method="min")
        share = (ranks - 1) / (n - 1) if n > 1 else pd.Series(1.0, index=x.index, dtype="Float64")
        stats = {"n": str(n)}
        label = f"rank_percentile[n={n}]"
    if norm.clip:
        share = share.clip(0, 1)
    return (share * scale).astype("Float64"), label, stats


def _on_missing(rule: m.PointsRule, default: str) -> tuple[str, float | None]:
    """('zero'|'error'|'points', normalised value to use)."""
    choice = rule.on_missing if rule.on_missing is not None else default
    if isinstance(choice, m.MissingPoints):
        return "points", choice.points
    return choice, 0.0 if choice == "zero" else None


def compute_points(frame: pd.DataFrame, rule: m.PointsRule, scoring: m.Scoring,
                   eligible: pd.Series, expressions: Mapping[str, CompiledExpr],
                   variables: Mapping[str, object], weight: float) -> PointsColumn:
    places = scoring.rounding.places
    unmatched = pd.Series(False, index=frame.index)
    population: dict[str, str] = {}
    if isinstance(rule, m.FormulaRule):
        normalised = expressions[rule.id].evaluate(frame, variables).astype("Float64")
        method = f"formula[{rule.expr}]"
        inputs_missing = normalised.isna()
    else:
        values = frame[rule.field]
        inputs_missing = values.isna()
        if isinstance(rule, m.PointsTableRule):
            normalised, unmatched, method = _table(values, rule, scoring.scale)
        elif isinstance(rule, m.CriterionRule):
            normalised, method = values.astype("Float64"), "value"
        else:
            normalised, method, population = _weighted(values, rule.normalise, scoring.scale,
                                                       eligible)
    _, fill = _on_missing(rule, scoring.on_missing_points)
    missing = inputs_missing.fillna(True).astype(bool) & normalised.isna()
    if fill is not None:
        normalised = normalised.mask(missing, fill)
    try:
        units = to_units(normalised * weight, places)
    except PointsRangeError as exc:
        rows = frame["_row"] if "_row" in frame else pd.Series(frame.index + 1, frame.index)
        raise RosterError([RosterFinding(
            "roster.points-out-of-range", f"rule '{rule.id}': points {value:.3g} are not a "
            f"finite number within ±{MAX_POINTS:.0e} (check the rule's weight and formula, "
            "and this row's value)", excel_row=int(rows.iloc[pos]))
            for pos, value in zip(exc.positions, exc.values, strict=True)]) from None
    return PointsColumn(rule, method, normalised, units, missing, unmatched.astype(bool),
                        population, weight)


def missing_is_error(rule: m.PointsRule, scoring: m.Scoring) -> bool:
    return _on_missing(rule, scoring.on_missing_points)[0] == "error"


def weight_text(weight: float) -> str:
    return plain_number(float(np.round(weight, 6)))
