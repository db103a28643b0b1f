"""What each field name means: its type, whether it is protected, what it depends on.

Checks, comparisons and the engine all need the same answers, so they are computed once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from asn_merit.rules import model as m
from asn_merit.rules.expr import ExprError, compile_expr
from asn_merit.rules.model import (
    Category,
    DerivedField,
    FormulaRule,
    GateRule,
    PointsRule,
    Policy,
)

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


@dataclass(frozen=True)
class Reader:
    """One part of a policy that reads a roster column: what it is and what it does with a
    blank (for a column allowed to be absent, the reports say what that did).

    kind: population, gate, points, category, ranking, selection, fairness.
    effect: a gate's or points rule's on_missing ("fail", "pass", "error", "zero",
    "points=N"), else "".
    via: the derived fields between the column and the reader, outermost last.
    """

    kind: str
    ident: str
    effect: str = ""
    via: tuple[str, ...] = ()


def _expr_fields(source: str, known: set[str]) -> frozenset[str]:
    try:
        return compile_expr(source, known).fields
    except ExprError:  # a policy that loaded has valid formulas; nothing to add otherwise
        return frozenset()


def _points_effect(rule: PointsRule, policy: Policy) -> str:
    missing = rule.on_missing
    if missing is None:
        return policy.scoring.on_missing_points
    if isinstance(missing, str):
        return missing
    return f"points={missing.points:g}"


def field_readers(policy: Policy) -> dict[str, list[Reader]]:
    """Every roster column (by field name) → the parts of the policy that read it, directly or
    through derived fields. A column missing here is display-only (or unused)."""
    known = set(policy.columns) | {d.id for d in policy.derived}
    direct: list[tuple[str, Reader]] = []
    if policy.population.when is not None:
        direct += [(f, Reader("population", "population")) for f in
                   sorted(fields_of(policy.population.when))]
    for rule in policy.rules:
        if isinstance(rule, GateRule):
            direct += [(f, Reader("gate", rule.id, rule.on_missing)) for f in
                       sorted(fields_of(rule.condition))]
            continue
        names = _expr_fields(rule.expr, known) if isinstance(rule, FormulaRule) else {rule.field}
        direct += [(f, Reader("points", rule.id, _points_effect(rule, policy))) for f in
                   sorted(names)]
    for item in policy.categories:
        direct += [(f, Reader("category", item.id)) for f in sorted(category_inputs(item))]
    ranking = policy.ranking
    for key in [ranking.order, *ranking.tie_breakers]:
        direct.append((key.field, Reader("ranking", key.field)))
    selection = ranking.selection
    if selection is not None:
        for part in ("per_group", "quota_field", "category"):
            if getattr(selection, part):
                direct.append((getattr(selection, part), Reader("selection", part)))
    fairness = policy.fairness
    for name in dict.fromkeys([*(a.field for a in fairness.attributes),
                               *(n for combo in fairness.intersections for n in combo)]):
        direct.append((name, Reader("fairness", name)))
    inputs = {d.id: derived_inputs(d, _expr_fields(d.expr, known - {d.id}) if d.expr
                                   else frozenset()) for d in policy.derived}
    out: dict[str, list[Reader]] = {}

    def spread(name: str, reader: Reader, seen: tuple[str, ...]) -> None:
        if name in policy.columns:
            out.setdefault(name, [])
            if reader not in out[name]:
                out[name].append(reader)
        for source in sorted(inputs.get(name, ())):
            if source not in seen:  # cycles are refused at load; guard anyway
                spread(source, Reader(reader.kind, reader.ident, reader.effect,
                                      (name, *reader.via)), (*seen, name))

    for name, reader in direct:
        spread(name, reader, ())
    return out
