"""What each field name means: its type, whether it is protected, what it depends on.

Checks, comparisons and the engine all need the same answers, so they are computed once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from asn_merit.rules import model as m
from asn_merit.rules.model import Category, DerivedField, Policy

TOTAL = "total"


@dataclass(frozen=True)
class FieldInfo:
    name: str
    type: str  # a column type; "number" for formulas; "category" for bins
    derived: bool
    protected: bool
    depends_on: frozenset[str]
    allowed: tuple[str, ...] = ()


def derived_inputs(item: DerivedField, expr_fields: frozenset[str]) -> frozenset[str]:
    """The fields a derived field reads (for an expression: what the compiler found)."""
    if item.lookup is not None:
        return frozenset({item.lookup.field})
    if item.elapsed is not None:
        return frozenset({item.elapsed.field})
    if item.bins is not None:
        return frozenset({item.bins.field})
    if item.join is not None:
        return frozenset(item.join.fields)
    return expr_fields


def derived_type(item: DerivedField) -> tuple[str, tuple[str, ...]]:
    if item.lookup is not None:
        return item.lookup.type, ()
    if item.elapsed is not None:
        return "integer", ()
    if item.bins is not None:
        return "category", tuple(item.bins.labels)
    if item.join is not None:
        return "text", ()
    return "number", ()


def column_infos(policy: Policy) -> dict[str, FieldInfo]:
    return {
        name: FieldInfo(
            name=name,
            type=spec.type,
            derived=False,
            protected=spec.role == "protected",
            depends_on=frozenset(),
            allowed=tuple(spec.allowed or ()),
        )
        for name, spec in policy.columns.items()
    }


def add_derived(
    infos: dict[str, FieldInfo], item: DerivedField, inputs: frozenset[str]
) -> FieldInfo:
    """Register a derived field; it inherits `protected` from anything it is computed from."""
    kind, allowed = derived_type(item)
    protected = any(infos[name].protected for name in inputs if name in infos)
    info = FieldInfo(item.id, kind, True, protected, inputs, allowed)
    infos[item.id] = info
    return info


def comparisons(cond: m.Condition) -> Iterator[m.Comparison]:
    """Every leaf comparison, in policy order (for traces)."""
    if isinstance(cond, m.AllOf | m.AnyOf):
        for sub in cond.all if isinstance(cond, m.AllOf) else cond.any:
            yield from comparisons(sub)
    elif isinstance(cond, m.NotOf):
        yield from comparisons(cond.not_)
    else:
        yield cond


def fields_of(cond: m.Condition) -> list[str]:
    """The fields a condition reads, in order of first use."""
    names: list[str] = []
    for cmp in comparisons(cond):
        for name in (cmp.field, cmp.value_field):
            if name and name not in names:
                names.append(name)
    return names


def category_inputs(item: Category) -> frozenset[str]:
    if item.grid is not None:
        return frozenset({item.grid.rows, item.grid.columns})
    if item.cases is not None:
        return frozenset(name for case in item.cases if case.when is not None
                         for name in fields_of(case.when))
    return frozenset({item.field})


def add_category(infos: dict[str, FieldInfo], item: Category) -> FieldInfo:
    """Register a category as a field (for ranking, show_columns and selection); it inherits
    `protected` like a derived field. The total itself is never protected."""
    inputs = category_inputs(item)
    protected = any(infos[name].protected for name in inputs if name in infos)
    values = tuple(v.value for v in item.values)
    info = FieldInfo(item.id, "category", True, protected, inputs, values)
    infos[item.id] = info
    return info
