"""Compute derived fields (expressions, lookups, elapsed time, bins) in dependency order."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from asn_merit.roster.types import (
    months_between,
    normalise_key,
    normalise_key_text,
    parse_golongan,
    years_between,
)
from asn_merit.rules import model as m
from asn_merit.rules.expr import CompiledExpr
from asn_merit.rules.fields import FieldInfo


def _lookup(frame: pd.DataFrame, item: m.Lookup) -> pd.Series:
    keys = normalise_key(frame[item.field].astype("string"))
    table = {normalise_key_text(str(k)): v for k, v in item.table.items()}
    values = keys.map(table)
    if item.default is not None:
        values = values.where(keys.isna() | values.notna(), item.default)
    if item.type == "golongan":
        return parse_golongan(values.astype("string")).values
    if item.type == "number":
        return pd.to_numeric(values, errors="coerce").astype("Float64")
    return values.astype("string")


def _bins(frame: pd.DataFrame, item: m.Bins, as_of: pd.Timestamp) -> pd.Series:
    source = frame[item.field]
    value = years_between(source, as_of) if item.as_age_at else source
    cut = pd.cut(value.astype("Float64").astype(float), bins=item.edges, labels=item.labels,
                 right=False)
    return cut.astype("string")


def _join(frame: pd.DataFrame, item: m.Join) -> pd.Series:
    """Text key of several fields; blank where any part is blank, so no half key groups people."""
    parts = [frame[name].astype("string") for name in item.fields]
    out = parts[0]
    for part in parts[1:]:
        out = out + item.separator + part
    return out


def compute_derived(frame: pd.DataFrame, order: list[m.DerivedField],
                    expressions: Mapping[str, CompiledExpr], variables: Mapping[str, object],
                    as_of: pd.Timestamp) -> pd.DataFrame:
    """Return `frame` with every derived field added as a column."""
    out = frame.copy()
    for item in order:
        if item.expr is not None:
            out[item.id] = expressions[item.id].evaluate(out, variables)
        elif item.lookup is not None:
            out[item.id] = _lookup(out, item.lookup)
        elif item.elapsed is not None:
            between = months_between if item.elapsed.unit == "months" else years_between
            out[item.id] = between(out[item.elapsed.field], as_of)
        elif item.bins is not None:
            out[item.id] = _bins(out, item.bins, as_of)
        elif item.join is not None:
            out[item.id] = _join(out, item.join)
    return out


def describe(item: m.DerivedField, info: FieldInfo) -> str:
    """How a derived value was computed, for the trace and the policy document."""
    if item.expr is not None:
        return item.expr
    if item.lookup is not None:
        return f"lookup({item.lookup.field})"
    if item.elapsed is not None:
        return f"{item.elapsed.unit}_between({item.elapsed.field}, $as_of)"
    if item.join is not None:
        return f"join({', '.join(item.join.fields)}; {item.join.separator!r})"
    assert item.bins is not None
    source = f"age({item.bins.field})" if item.bins.as_age_at else item.bins.field
    return f"bins({source}, {item.bins.edges})"
