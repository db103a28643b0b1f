"""Lint for points rules: band coverage (gaps, overlaps) and points the gates make unreachable.

Kept apart from `checks.py`, which checks that a policy *means* something; this module checks
that what it means is probably what the author intended. Bands follow the model: `[gte, lt)`,
lower bound included, upper excluded; column `min`/`max` are inclusive (the roster contract
rejects values outside them); the engine gives a value the first listed band containing it.

The analysis is exact and needs no sampling: every band edge, range bound and gate constant
cuts the number line into pieces (single points and the open stretches between them) on which
every band and every comparison is constant, so one representative value per piece decides it.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from asn_merit.diagnostics import Diagnostic, Severity
from asn_merit.roster.types import parse_category, parse_golongan
from asn_merit.rules import model as m
from asn_merit.rules.fields import FieldInfo
from asn_merit.rules.yaml_loader import PathKey, SourceMap

GOLONGAN_RANGE = (1.0, 17.0)  # ordinals I/a .. IV/e, as parse_golongan gives them
NUMERIC_OPS = ("==", "!=", "<", "<=", ">", ">=", "in", "not_in", "between")
CATEGORY_OPS = ("==", "!=", "in", "not_in")
COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge,
}


@dataclass(frozen=True)
class Domain:
    """The values a numeric field can take: a closed range, integers only, or a finite set."""

    low: float = -math.inf
    high: float = math.inf
    integer: bool = False
    points: tuple[float, ...] | None = None

    def contains(self, x: float) -> bool:
        if self.points is not None:
            return x in self.points
        return self.low <= x <= self.high and (not self.integer or float(x).is_integer())

    def describe(self) -> str:
        if self.points is not None:
            return "values " + ", ".join(f"{p:g}" for p in sorted(self.points))
        kind = "integers" if self.integer else "values"
        if math.isinf(self.low) and math.isinf(self.high):
            return f"any {kind}"
        if math.isinf(self.high):
            return f"{kind} >= {self.low:g}"
        if math.isinf(self.low):
            return f"{kind} <= {self.high:g}"
        return f"{kind} {self.low:g}..{self.high:g}"


@dataclass(frozen=True)
class Piece:
    """A point (lo == hi, both closed) or an open stretch (lo, hi) of the number line."""

    lo: float
    hi: float
    rep: float | None  # a value inside the piece (None: it holds no value of the domain's kind)

    @property
    def point(self) -> bool:
        return self.lo == self.hi


@dataclass(frozen=True)
class Constraint:
    """One simple comparison `field op constant` that every eligible person satisfies."""

    op: str
    values: tuple[Any, ...]
    path: PathKey
    source: str  # "gate 'id'" or "the population filter"

    def admits(self, x: Any) -> bool:
        if self.op == "between":
            low, high = self.values
            return bool(low <= x <= high)
        if self.op in ("in", "not_in"):
            return (x in self.values) == (self.op == "in")
        return bool(COMPARE[self.op](x, self.values[0]))

    def constants(self) -> list[float]:
        return [float(v) for v in self.values if isinstance(v, int | float)]


class PointsLint:
    """Walks the points rules once; the diagnostics collect in `self.diagnostics`."""

    def __init__(self, policy: m.Policy, fields: dict[str, FieldInfo], source_map: SourceMap):
        self.policy = policy
        self.fields = fields
        self.sm = source_map
        self.diagnostics: list[Diagnostic] = []

    def add(self, code: str, message: str, path: PathKey, hint: str,
            severity: Severity) -> None:
        self.diagnostics.append(Diagnostic(code, message, severity, self.sm.locate(path),
                                           ".".join(str(p) for p in path), hint))

    def line(self, path: PathKey) -> int:
        return self.sm.locate(path).line

    # --- what the gates say about one field ---------------------------------------------------
    def constraints(self, name: str, info: FieldInfo) -> list[Constraint]:
        """Simple comparisons on `name` that scope and every gate impose (all of them must hold
        for an eligible person). `any`, `not`, `value_field` and blank tests say too little to
        exclude a value for certain, so they are not analysed."""
        found: list[Constraint] = []
        if self.policy.population.when is not None:
            found += self.conjuncts(self.policy.population.when, ("population", "when"),
                                    "the population filter", name, info)
        for i, rule in enumerate(self.policy.rules):
            if not isinstance(rule, m.GateRule):
                continue
            source = f"gate '{rule.id}'"
            if rule.when is not None:
                found += self.conjuncts(rule.when, ("rules", i, "when"), source, name, info)
            for j, sub in enumerate(rule.all or []):
                found += self.conjuncts(sub, ("rules", i, "all", j), source, name, info)
        return found

    def conjuncts(self, cond: m.Condition, path: PathKey, source: str, name: str,
                  info: FieldInfo) -> list[Constraint]:
        if isinstance(cond, m.AllOf):
            return [c for j, sub in enumerate(cond.all)
                    for c in self.conjuncts(sub, (*path, "all", j), source, name, info)]
        if not isinstance(cond, m.Comparison) or cond.field != name or cond.value is None:
            return []
        values = cond.value if isinstance(cond.value, list) else [cond.value]
        literals = [self.literal(v, info) for v in values]
        if any(v is None for v in literals):
            return []  # a literal of the wrong type is reported by the checker already
        ops = CATEGORY_OPS if info.type == "category" else NUMERIC_OPS
        return [Constraint(cond.op, tuple(literals), path, source)] if cond.op in ops else []

    def literal(self, value: object, info: FieldInfo) -> object | None:
        """A policy literal as the engine compares it: golongan as ordinal, category canonical."""
        if info.type == "golongan":
            parsed = parse_golongan(pd.Series([str(value)], dtype="string")).values.iloc[0]
            return None if pd.isna(parsed) else float(parsed)
        if info.type == "category":
            return self.canonical(value, info)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def canonical(self, value: object, info: FieldInfo) -> str | None:
        if not info.allowed or not isinstance(value, str):
            return None
        spec = self.policy.columns.get(info.name)
        try:
            parsed = parse_category(pd.Series([value], dtype="string"), info.allowed,
                                    spec.aliases if spec else None).values.iloc[0]
        except ValueError:
            return None
        return None if pd.isna(parsed) else str(parsed)

    # --- the field's range -----------------------------------------------------------------
    def domain(self, info: FieldInfo) -> Domain | None:
        """Declared or implied values of a numeric field; None when bands make no sense on it."""
        if info.type not in ("number", "integer", "golongan"):
            return None
        if info.type == "golongan" and not info.derived:
            return Domain(*GOLONGAN_RANGE, integer=True)
        if not info.derived:
            spec = self.policy.columns.get(info.name)
            if spec is None or spec.type not in ("number", "integer"):
                return None
            return Domain(-math.inf if spec.min is None else spec.min,
                          math.inf if spec.max is None else spec.max,
                          integer=spec.type == "integer")
        item = next((d for d in self.policy.derived if d.id == info.name), None)
        if item is None:
            return None
        if item.elapsed is not None:
            return Domain(0.0, math.inf, integer=True)  # a negative tenure or age is bad data
        if item.lookup is not None:
            values = [*item.lookup.table.values(),
                      *([] if item.lookup.default is None else [item.lookup.default])]
            literals = [self.literal(v, info) for v in values]
            points = [p for p in literals if isinstance(p, float)]
            return Domain(points=tuple(sorted(set(points)))) if len(points) == len(literals) \
                else Domain()
        return Domain() if item.expr is not None else None

    # --- rules ---------------------------------------------------------------------------------
    def run(self) -> list[Diagnostic]:
        for i, rule in enumerate(self.policy.rules):
            if not isinstance(rule, m.PointsTableRule):
                continue
            info = self.fields.get(rule.field)
            if info is None:
                continue
            if rule.bands is not None:
                domain = self.domain(info)
                if domain is not None:
                    self.bands(rule, ("rules", i), info, domain)
            elif rule.table is not None and info.type == "category":
                self.table(rule, ("rules", i), info)
        return self.diagnostics

    def bands(self, rule: m.PointsTableRule, path: PathKey, info: FieldInfo,
              domain: Domain) -> None:
        bands = rule.bands or []
        gates = self.constraints(info.name, info)
        cuts = {b for band in bands for b in (band.gte, band.lt) if b is not None}
        cuts |= {b for b in (domain.low, domain.high) if not math.isinf(b)}
        cuts |= set(domain.points or ())
        cuts |= {c for g in gates for c in g.constants()}
        pieces = list(_pieces(sorted(cuts), domain.integer))
        covering = [[k for k, band in enumerate(bands) if _inside(band, p.rep)]
                     if p.rep is not None else [] for p in pieces]
        seen = [p.rep is not None and domain.contains(p.rep) for p in pieces]
        eligible = [s and all(g.admits(p.rep) for g in gates) for s, p in zip(seen, pieces,
                                                                               strict=True)]
        self.gaps(rule, path, info, domain, pieces, seen, eligible, covering)
        self.overlaps(rule, path, info, domain, pieces, seen, covering)
        self.unreachable_bands(rule, path, info, domain, gates, pieces, seen, eligible, covering)

    def gaps(self, rule: m.PointsTableRule, path: PathKey, info: FieldInfo, domain: Domain,
             pieces: list[Piece], seen: list[bool], eligible: list[bool],
             covering: list[list[int]]) -> None:
        """Values an eligible person can have that no band covers: the default applies."""
        runs: list[list[Piece]] = []
        current: list[Piece] = []
        for piece, in_domain, ok, cover in zip(pieces, seen, eligible, covering, strict=True):
            if piece.rep is None:
                continue  # holds no integer: neither breaks nor extends a run
            if in_domain and ok and not cover:
                current.append(piece)
                continue
            if current:
                runs.append(current)
            current = []
        if current:
            runs.append(current)
        bands = rule.bands or []
        fallback = (f"the default {rule.default:g} points apply" if rule.default is not None
                    else "they get 0 points (no default)")
        column = info.name in self.policy.columns
        for run in runs:
            lo, hi = run[0], run[-1]
            where = _describe(lo, hi, domain.integer)
            open_ended = math.isinf(lo.lo) or math.isinf(hi.hi)
            hint = "add a band for them (bands are [gte, lt))"
            if open_ended and column:
                hint += ", or declare the column's min/max if such values cannot occur"
            if rule.default is None:
                hint += "; or set 'default:' to say what they get"
            k = _next_band(bands, hi.hi)
            k = _previous_band(bands, lo.lo) if k is None else k
            self.add("lint.band-gap", f"no band of '{rule.id}' covers {info.name} {where} "
                     f"({domain.describe()} are possible): {fallback}",
                     (*path, "bands") if k is None else (*path, "bands", k), hint,
                     Severity.WARNING)

    def overlaps(self, rule: m.PointsTableRule, path: PathKey, info: FieldInfo, domain: Domain,
                 pieces: list[Piece], seen: list[bool], covering: list[list[int]]) -> None:
        """Two bands claiming one value. The engine would take the first listed, but the model
        promises no order (each band reads as a plain [gte, lt) rule), so an approver reading
        the later band is misled: an error, like overlapping category bands."""
        where: dict[tuple[int, int], tuple[Piece, Piece]] = {}
        for piece, in_domain, cover in zip(pieces, seen, covering, strict=True):
            if not in_domain:
                continue
            for other in cover[1:]:
                first, _ = where.get((cover[0], other), (piece, piece))
                where[(cover[0], other)] = (first, piece)
        bands = rule.bands or []
        for (k, other), (lo, hi) in sorted(where.items()):
            self.add("lint.band-overlap", f"bands of '{rule.id}' overlap for {info.name} "
                     f"{_describe(lo, hi, domain.integer)}: {_band(bands[k])} (line "
                     f"{self.line((*path, 'bands', k))}) and {_band(bands[other])} both claim "
                     "those values", (*path, "bands", other),
                     "bands are [gte, lt): let one band's lt equal the next band's gte",
                     Severity.ERROR)

    def unreachable_bands(self, rule: m.PointsTableRule, path: PathKey, info: FieldInfo,
                          domain: Domain, gates: list[Constraint], pieces: list[Piece],
                          seen: list[bool], eligible: list[bool],
                          covering: list[list[int]]) -> None:
        """A band no eligible person can fall in: its points are dead text in the policy."""
        for k, band in enumerate(rule.bands or []):
            mine = [j for j, cover in enumerate(covering) if k in cover]
            if not any(seen[j] for j in mine):
                self.add("lint.unreachable-points", f"band {_band(band)} of '{rule.id}' lies "
                         f"outside the range of {info.name} ({domain.describe()})",
                         (*path, "bands", k), "remove the band or correct the column's min/max",
                         Severity.WARNING)
            elif not any(eligible[j] for j in mine):
                blockers = [g for g in gates if not any(
                    seen[j] and g.admits(pieces[j].rep) for j in mine)] or gates
                self.add("lint.unreachable-points", f"band {_band(band)} of '{rule.id}' can "
                         f"never apply: {_sources(blockers, self.line)} leaves no eligible "
                         f"value of {info.name} in it", (*path, "bands", k),
                         "remove the band, or correct the gate if it is meant to be reachable",
                         Severity.WARNING)

    def table(self, rule: m.PointsTableRule, path: PathKey, info: FieldInfo) -> None:
        """A category table entry that scope or a gate excludes can never give its points."""
        gates = self.constraints(info.name, info)
        if not gates:
            return
        for key in rule.table or {}:
            value = self.canonical(key, info)
            if value is None:
                continue  # not an allowed value: policy.unknown-category says so
            blockers = [g for g in gates if not g.admits(value)]
            if blockers:
                self.add("lint.unreachable-points", f"table entry '{key}' of '{rule.id}' can "
                         f"never apply: {_sources(blockers, self.line)} excludes it",
                         (*path, "table", key),
                         "remove the entry, or correct the gate if it is meant to be reachable",
                         Severity.WARNING)


def _pieces(cuts: list[float], integer: bool) -> Iterator[Piece]:
    """Every point in `cuts` and every open stretch around and between them, in order."""
    bounds = [-math.inf, *cuts, math.inf]
    for lo, hi in itertools.pairwise(bounds):
        yield Piece(lo, hi, _inner(lo, hi, integer))
        if not math.isinf(hi):
            yield Piece(hi, hi, hi if not integer or hi.is_integer() else None)


def _inner(lo: float, hi: float, integer: bool) -> float | None:
    """A value strictly between lo and hi (an integer for an integer field), if there is one."""
    if integer:
        rep = float(math.floor(lo) + 1) if not math.isinf(lo) else \
            (float(math.ceil(hi) - 1) if not math.isinf(hi) else 0.0)
        return rep if lo < rep < hi else None
    if math.isinf(lo) and math.isinf(hi):
        return 0.0
    if math.isinf(lo):
        return hi - 1
    if math.isinf(hi):
        return lo + 1
    return (lo + hi) / 2


def _next_band(bands: list[m.Band], edge: float) -> int | None:
    """The band starting nearest above `edge`, so a gap points at the band it runs into."""
    above = [(b.gte, k) for k, b in enumerate(bands) if b.gte is not None and b.gte >= edge]
    return min(above)[1] if above else None


def _previous_band(bands: list[m.Band], edge: float) -> int | None:
    below = [(-b.lt, k) for k, b in enumerate(bands) if b.lt is not None and b.lt <= edge]
    return min(below)[1] if below else None


def _inside(band: m.Band, x: float) -> bool:
    return (band.gte is None or x >= band.gte) and (band.lt is None or x < band.lt)


def _band(band: m.Band) -> str:
    low = "" if band.gte is None else f"{band.gte:g}"
    high = "" if band.lt is None else f"{band.lt:g}"
    return f"[{low or '-inf'}, {high or 'inf'}) -> {band.points:g}"


def _describe(first: Piece, last: Piece, integer: bool) -> str:
    """The stretch from `first` to `last` in words an author reads at a glance."""
    if integer:
        low = first.lo if first.point else (math.floor(first.lo) + 1 if not math.isinf(first.lo)
                                            else -math.inf)
        high = last.hi if last.point else (math.ceil(last.hi) - 1 if not math.isinf(last.hi)
                                           else math.inf)
        if math.isinf(low) and math.isinf(high):
            return "(any value)"
        if math.isinf(low):
            return f"<= {high:g}"
        if math.isinf(high):
            return f">= {low:g}"
        return f"= {low:g}" if low == high else f"{low:g}..{high:g}"
    low_closed, high_closed = first.point, last.point
    if math.isinf(first.lo) and math.isinf(last.hi):
        return "(any value)"
    if math.isinf(first.lo):
        return f"{'<=' if high_closed else '<'} {last.hi:g}"
    if math.isinf(last.hi):
        return f"{'>=' if low_closed else '>'} {first.lo:g}"
    if first.point and last.point and first.lo == last.hi:
        return f"= {first.lo:g}"
    return f"in {'[' if low_closed else '('}{first.lo:g}, {last.hi:g}{']' if high_closed else ')'}"


def _sources(constraints: list[Constraint], line: Callable[[PathKey], int]) -> str:
    names: list[str] = []
    for c in constraints:
        text = f"{c.source} (line {line(c.path)})"
        if text not in names:
            names.append(text)
    return " and ".join(names)


def lint_points(policy: m.Policy, fields: dict[str, FieldInfo],
                source_map: SourceMap) -> list[Diagnostic]:
    """Band gaps and overlaps, and points no eligible person can reach."""
    return PointsLint(policy, fields, source_map).run()
