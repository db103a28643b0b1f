"""What each field name means: its type, whether it is protected, what it depends on.

Checks, comparisons and the engine all need the same answers, so they are computed once.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn_merit.rules.model import DerivedField, Policy

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
    return expr_fields


def derived_type(item: DerivedField) -> tuple[str, tuple[str, ...]]:
    if item.lookup is not None:
        return item.lookup.type, ()
    if item.elapsed is not None:
        return "integer", ()
    if item.bins is not None:
        return "category", tuple(item.bins.labels)
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
