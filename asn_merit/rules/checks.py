"""Semantic checks that the schema cannot express: references, types, weights, ordering, law.

Each check returns diagnostics located at the offending YAML node, so an author sees every
problem at once.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter

import pandas as pd

from asn_merit.diagnostics import Diagnostic, Severity
from asn_merit.roster.types import parse_category, parse_golongan
from asn_merit.rules import model as m
from asn_merit.rules.expr import CompiledExpr, ExprError, compile_expr
from asn_merit.rules.fields import (
    TOTAL,
    FieldInfo,
    add_category,
    add_derived,
    column_infos,
    derived_inputs,
)
from asn_merit.rules.lint_points import lint_points
from asn_merit.rules.lint_rounding import lint_rounding
from asn_merit.rules.yaml_loader import PathKey, SourceMap
from asn_merit.scoring.weights import ahp_result, least_consistent

RUN_VARIABLES = ("as_of", "policy_version")

# What a formula sees of each declared type (rules/expr.py kinds); golongan and derived
# categories are left out: their runtime form is decided by the roster reader.
EXPR_KINDS = {"text": "string", "nip18": "string", "number": "number", "integer": "number",
              "date": "datetime", "bool": "boolean"}


@dataclass
class CheckOutcome:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fields: dict[str, FieldInfo] = field(default_factory=dict)
    derived_order: list[m.DerivedField] = field(default_factory=list)
    expressions: dict[str, CompiledExpr] = field(default_factory=dict)
    used_in_scoring: dict[str, PathKey] = field(default_factory=dict)


class _Checker:
    def __init__(self, policy: m.Policy, source_map: SourceMap):
        self.policy = policy
        self.sm = source_map
        self.out = CheckOutcome(fields=column_infos(policy))

    def add(self, code: str, message: str, path: PathKey, hint: str = "",
            severity: Severity = Severity.ERROR) -> None:
        self.out.diagnostics.append(
            Diagnostic(code, message, severity, self.sm.locate(path), _dotted(path), hint)
        )

    def reference(self, name: str, path: PathKey, *, scoring: bool, extra: tuple[str, ...] = ()
                  ) -> FieldInfo | None:
        info = self.out.fields.get(name)
        if info is None and name not in extra:
            known = sorted([*self.out.fields, *extra])
            close = difflib.get_close_matches(name, known, n=1)
            self.add("policy.unknown-field", f"'{name}' is not a declared column or derived field",
                     path, f"did you mean '{close[0]}'?" if close else "declare it under columns:")
        if info is not None and scoring:
            self.out.used_in_scoring.setdefault(name, path)
        return info

    # --- id column -------------------------------------------------------------------------
    def id_column(self) -> None:
        ids = [n for n, s in self.policy.columns.items() if s.role == "id"]
        if len(ids) != 1:
            self.add("policy.id-column", f"exactly one column needs 'role: id' (found {len(ids)})",
                     ("columns",), "mark the NIP column with role: id")
        elif self.policy.columns[ids[0]].type not in ("nip18", "text"):
            self.add("policy.id-column", "the id column must be of type nip18 or text",
                     ("columns", ids[0], "type"))
        id_type = self.policy.columns[ids[0]].type if len(ids) == 1 else None
        for name, spec in self.policy.columns.items():
            if spec.if_absent == "from_nip" and id_type != "nip18":
                self.add("policy.from-nip-needs-nip", f"'{name}' is derived from the NIP when "
                         "absent, but the id column is not of type nip18",
                         ("columns", name, "if_absent"), "use if_absent: allow or refuse")

    # --- derived fields --------------------------------------------------------------------
    def derived(self) -> None:
        by_id: dict[str, tuple[int, m.DerivedField, frozenset[str]]] = {}
        declared = set(self.out.fields) | {d.id for d in self.policy.derived}
        for i, item in enumerate(self.policy.derived):
            path: PathKey = ("derived", i)
            if item.id in self.out.fields or item.id in by_id:
                self.add("policy.duplicate-field", f"field '{item.id}' is declared twice",
                         (*path, "id"))
                continue
            expr_fields: frozenset[str] = frozenset()
            if item.expr is not None:
                compiled = self.expression(item.expr, (*path, "expr"), declared - {item.id})
                if compiled is not None:  # a failed one stays declared, so errors don't cascade
                    self.out.expressions[item.id] = compiled
                    expr_fields = compiled.fields
            inputs = derived_inputs(item, expr_fields)
            for name in inputs:
                if name not in declared:
                    self.reference(name, (*path, _source_key(item)), scoring=False)
            by_id[item.id] = (i, item, inputs)
        graph = {k: {d for d in v[2] if d in by_id} for k, v in by_id.items()}
        try:
            order = list(TopologicalSorter(graph).static_order())
        except CycleError as exc:
            cycle = " -> ".join(exc.args[1])
            self.add("policy.derived-cycle", f"derived fields depend on each other: {cycle}",
                     ("derived",))
            return
        for name in order:
            i, item, inputs = by_id[name]
            self.out.derived_order.append(item)
            add_derived(self.out.fields, item, inputs)
            self.derived_values(i, item)

    def derived_values(self, i: int, item: m.DerivedField) -> None:
        source = self.out.fields.get(_source_field(item) or "")
        if item.lookup is not None and source is not None and source.allowed:
            for key in item.lookup.table:
                self.category_value(source, key, ("derived", i, "lookup", "table", key))
            if item.lookup.type == "golongan":
                for key, value in item.lookup.table.items():
                    self.golongan_value(str(value), ("derived", i, "lookup", "table", key))
        if item.elapsed is not None and source is not None and source.type != "date":
            self.add("policy.type-mismatch", f"'elapsed' needs a date field, '{source.name}' is "
                     f"{source.type}", ("derived", i, "elapsed", "field"))
        if item.bins is not None and item.bins.as_age_at and source is not None \
                and source.type != "date":
            self.add("policy.type-mismatch", f"'as_age_at' needs a date field, '{source.name}' "
                     f"is {source.type}", ("derived", i, "bins", "field"))

    def expression(self, source: str, path: PathKey, known: set[str]) -> CompiledExpr | None:
        try:
            kinds = {name: EXPR_KINDS[info.type] for name, info in self.out.fields.items()
                     if info.type in EXPR_KINDS}
            return compile_expr(source, known, RUN_VARIABLES, kinds)
        except ExprError as exc:
            self.out.diagnostics.append(Diagnostic(
                exc.code, exc.message, Severity.ERROR, self.sm.text_span(path, exc.offset),
                _dotted(path), exc.hint))
            return None

    # --- values against field types ---------------------------------------------------------
    def category_value(self, info: FieldInfo, value: object, path: PathKey) -> None:
        if not info.allowed:
            return
        aliases = self.policy.columns[info.name].aliases if info.name in self.policy.columns \
            else None
        parsed = parse_category(pd.Series([str(value)], dtype="string"), info.allowed, aliases)
        if bool(parsed.invalid.iloc[0]) or not isinstance(value, str):
            close = difflib.get_close_matches(str(value), info.allowed, n=1)
            self.add("policy.unknown-category", f"'{value}' is not an allowed value of "
                     f"'{info.name}'", path, f"did you mean '{close[0]}'?" if close else
                     "allowed: " + ", ".join(info.allowed))

    def golongan_value(self, value: str, path: PathKey) -> None:
        if bool(parse_golongan(pd.Series([value], dtype="string")).invalid.iloc[0]):
            self.add("policy.bad-golongan", f"'{value}' is not a golongan (I/a … IV/e)", path)

    def condition(self, cond: m.Condition, path: PathKey, *, scoring: bool) -> None:
        if isinstance(cond, m.AllOf | m.AnyOf):
            key = "all" if isinstance(cond, m.AllOf) else "any"
            for i, sub in enumerate(cond.all if isinstance(cond, m.AllOf) else cond.any):
                self.condition(sub, (*path, key, i), scoring=scoring)
            return
        if isinstance(cond, m.NotOf):
            self.condition(cond.not_, (*path, "not"), scoring=scoring)
            return
        info = self.reference(cond.field, (*path, "field"), scoring=scoring)
        if cond.value_field is not None:
            other = self.reference(cond.value_field, (*path, "value_field"), scoring=scoring)
            if info and other and _family(info.type) != _family(other.type):
                self.add("policy.type-mismatch", f"cannot compare '{info.name}' ({info.type}) "
                         f"with '{other.name}' ({other.type})", (*path, "value_field"))
        if info is None or cond.value is None:
            return
        values = cond.value if isinstance(cond.value, list) else [cond.value]
        for value in values:
            if info.type == "category":
                self.category_value(info, value, (*path, "value"))
            elif info.type == "golongan":
                self.golongan_value(str(value), (*path, "value"))
            elif info.type in ("number", "integer") and (
                    isinstance(value, bool) or not isinstance(value, int | float)):
                self.add("policy.type-mismatch", f"'{info.name}' is a number; {value!r} is not",
                         (*path, "value"))

    # --- rules -----------------------------------------------------------------------------
    def rules(self) -> None:
        self.rule_ids()
        for i, rule in enumerate(self.policy.rules):
            path: PathKey = ("rules", i)
            if isinstance(rule, m.GateRule):
                self.gate(rule, path)
            elif isinstance(rule, m.FormulaRule):
                known = set(self.out.fields)
                compiled = self.expression(rule.expr, (*path, "expr"), known)
                if compiled is not None:
                    self.out.expressions[rule.id] = compiled
                    for name in compiled.fields:
                        self.out.used_in_scoring.setdefault(name, (*path, "expr"))
            else:
                info = self.reference(rule.field, (*path, "field"), scoring=True)
                self.points_rule(rule, path, info)

    def rule_ids(self) -> None:
        """Ids and aliases share one namespace: policy diff, fixtures and overrides resolve an
        old id through `aliases`, so an alias that is a live id, or names two rules, would make
        a rename ambiguous. Each problem points at the later entry."""
        ids: dict[str, PathKey] = {}
        for i, rule in enumerate(self.policy.rules):
            path: PathKey = ("rules", i, "id")
            if rule.id in ids:
                self.add("policy.duplicate-rule-id", f"rule id '{rule.id}' is used twice (first "
                         f"at line {self.sm.locate(ids[rule.id]).line})", path)
            ids.setdefault(rule.id, path)
        aliases: dict[str, PathKey] = {}
        for i, rule in enumerate(self.policy.rules):
            for j, alias in enumerate(rule.aliases):
                path = ("rules", i, "aliases", j)
                if alias == rule.id:
                    message, hint = (f"rule '{rule.id}' lists its own id as an alias",
                                     "remove it: an alias is an id the rule had before")
                elif alias in ids:
                    message, hint = (f"alias '{alias}' of rule '{rule.id}' is the id of another "
                                     f"rule (line {self.sm.locate(ids[alias]).line})",
                                     "an alias is this rule's previous id; it may not name a "
                                     "rule that still exists")
                elif alias in aliases:
                    message, hint = (f"alias '{alias}' is declared twice (first at line "
                                     f"{self.sm.locate(aliases[alias]).line})",
                                     "an old id can have been renamed into one rule only")
                else:
                    aliases[alias] = path
                    continue
                self.add("policy.duplicate-rule-id", message, path, hint)

    def gate(self, rule: m.GateRule, path: PathKey) -> None:
        if rule.when is not None:
            self.condition(rule.when, (*path, "when"), scoring=True)
        elif rule.not_ is not None:
            self.condition(rule.not_, (*path, "not"), scoring=True)
        else:
            key = "all" if rule.all is not None else "any"
            for j, sub in enumerate(rule.all or rule.any or []):
                self.condition(sub, (*path, key, j), scoring=True)

    def points_rule(self, rule: m.PointsTableRule | m.WeightedRule | m.CriterionRule,
                    path: PathKey, info: FieldInfo | None) -> None:
        if info is None:
            return
        numeric = info.type in ("number", "integer", "golongan")
        if isinstance(rule, m.WeightedRule | m.CriterionRule) or rule.bands is not None:
            if not numeric:
                self.add("policy.type-mismatch", f"'{rule.id}' needs a numeric field; "
                         f"'{info.name}' is {info.type}", (*path, "field"))
        elif rule.table is not None and info.type == "category":
            for key in rule.table:
                self.category_value(info, key, (*path, "table", key))
        if isinstance(rule, m.WeightedRule) and rule.normalise.method in (
                "population_min_max", "rank_percentile"):
            self.add("lint.population-relative", f"'{rule.id}' normalises against the population:"
                     " a person's points depend on everyone else's data", (*path, "normalise"),
                     "prefer fixed_range so each person's points depend only on their own data",
                     Severity.WARNING)

    def weights(self) -> None:
        scoring = self.policy.scoring
        rules = self.policy.points_rules
        if scoring.method == "profile_matching" or scoring.ahp is not None:
            return  # aspect weights or the matrix decide; checked with the method
        if scoring.weights != "must_sum_to_one":
            return
        total = sum(r.weight or 0.0 for r in rules)
        if rules and abs(total - 1.0) > 1e-9:
            detail = " + ".join(f"{r.weight or 0.0:g}" for r in rules)
            self.add("policy.weights-sum", f"weights add up to {total:g} ({detail}), not 1",
                     ("scoring", "weights") if ("scoring", "weights") in self.sm.spans
                     else ("rules",), "adjust the weights or set scoring.weights: free")

    # --- aggregation method, AHP weights, profile matching ------------------------------------
    def method(self) -> None:
        scoring = self.policy.scoring
        method = scoring.method
        allowed = m.METHOD_NORMALISATIONS.get(method, ())
        if scoring.normalisation is not None and scoring.normalisation not in allowed:
            self.add("policy.method-option", f"normalisation '{scoring.normalisation}' does not "
                     f"apply to method '{method}'", ("scoring", "normalisation"),
                     "use one of: " + ", ".join(allowed) if allowed else "remove it")
        for i, rule in enumerate(self.policy.rules):
            if not isinstance(rule, m.GateRule):
                self.method_keys(rule, ("rules", i), method)
        if method == "profile_matching":
            self.profile_matching()
        elif scoring.profile_matching is not None:
            self.add("policy.method-mismatch", f"scoring.profile_matching is set but the method "
                     f"is '{method}'", ("scoring", "profile_matching"),
                     "set scoring.method: profile_matching, or remove the block")
        if scoring.ahp is not None:
            self.ahp(scoring.ahp)
        relative = {
            "saw": "'saw' normalises against everyone eligible: a person's total and place "
                   "depend on the others' values",
            "topsis": "'topsis' measures distances to the best and worst of everyone eligible: "
                      "a person's total and place depend on the others' values",
            "weighted_product": "'weighted_product' reports S relative to the best person: "
                                "the total depends on the others, the order does not",
        }
        if method in relative:
            self.add("lint.population-relative", relative[method], ("scoring", "method"),
                     severity=Severity.INFO)

    def method_keys(self, rule: m.PointsRule, path: PathKey, method: str) -> None:
        if isinstance(rule, m.CriterionRule) and method == "weighted_sum":
            self.add("policy.method-mismatch", f"'{rule.id}' is a raw criterion; weighted_sum "
                     "needs values on 0..scale", (*path, "kind"),
                     "use kind: weighted with normalise, or choose another scoring.method")
        if rule.criterion == "cost" and method in ("weighted_sum", "profile_matching"):
            hint = ("use normalise: inverse_fixed_range" if method == "weighted_sum"
                    else "profile matching scores the gap to the target in both directions")
            self.add("policy.method-mismatch", f"'criterion: cost' has no meaning under "
                     f"{method}", (*path, "criterion"), hint)
        given = [k for k in ("target", "factor", "aspect") if getattr(rule, k) is not None]
        if method != "profile_matching" and given:
            self.add("policy.method-mismatch", f"'{given[0]}' is a profile_matching key; the "
                     f"method is '{method}'", (*path, given[0]))

    def profile_matching(self) -> None:
        pm = self.policy.scoring.profile_matching
        base: PathKey = ("scoring", "profile_matching")
        if pm is None:
            self.add("policy.method-needs-options", "method 'profile_matching' needs "
                     "scoring.profile_matching with its aspects", ("scoring", "method"))
            return
        if self.policy.scoring.ahp is not None:
            self.add("policy.method-mismatch", "scoring.ahp weighs rules; profile matching "
                     "weighs aspects", ("scoring", "ahp"), "give the aspect weights instead")
        aspects = [a.id for a in pm.aspects]
        for j, aspect_id in enumerate(aspects):
            if aspect_id in aspects[:j]:
                self.add("policy.duplicate-field", f"aspect '{aspect_id}' is declared twice",
                         (*base, "aspects", j, "id"))
        total = sum(a.weight for a in pm.aspects)
        if self.policy.scoring.weights == "must_sum_to_one" and abs(total - 1.0) > 1e-9:
            self.add("policy.weights-sum", f"aspect weights add up to {total:g}, not 1",
                     (*base, "aspects"), "adjust them or set scoring.weights: free")
        kinds: set[tuple[str, str]] = set()
        for i, rule in enumerate(self.policy.rules):
            if isinstance(rule, m.GateRule):
                continue
            path: PathKey = ("rules", i)
            missing = [k for k in ("target", "factor", "aspect") if getattr(rule, k) is None]
            if missing:
                self.add("policy.profile-matching-factor", f"'{rule.id}' needs "
                         + ", ".join(missing) + " for profile matching", (*path, "id"))
            if rule.weight is not None:
                self.add("policy.method-mismatch", f"'{rule.id}': profile matching takes its "
                         "weights from the aspects", (*path, "weight"), "remove 'weight'")
            if rule.aspect is not None and rule.aspect not in aspects:
                close = difflib.get_close_matches(rule.aspect, aspects, n=1)
                self.add("policy.unknown-aspect", f"'{rule.aspect}' is not an aspect under "
                         "scoring.profile_matching", (*path, "aspect"),
                         f"did you mean '{close[0]}'?" if close else "")
            if rule.aspect is not None and rule.factor is not None:
                kinds.add((rule.aspect, rule.factor))
        shares = {a.id: pm.core_share if a.core_share is None else a.core_share
                  for a in pm.aspects}
        for j, aspect in enumerate(pm.aspects):
            for kind, share in (("core", shares[aspect.id]), ("secondary", 1 - shares[aspect.id])):
                if share > 0 and (aspect.id, kind) not in kinds:
                    self.add("policy.profile-matching-factor", f"aspect '{aspect.id}' has no "
                             f"{kind} factor but its {kind} share is {share:g}",
                             (*base, "aspects", j), f"give it a {kind} factor or set core_share")

    def ahp(self, ahp: m.Ahp) -> None:
        base: PathKey = ("scoring", "ahp")
        ids = [r.id for r in self.policy.points_rules]
        for k, name in enumerate(ahp.criteria):
            if name in ahp.criteria[:k]:
                self.add("policy.duplicate-rule-id", f"'{name}' is listed twice",
                         (*base, "criteria", k))
            elif name not in ids:
                close = difflib.get_close_matches(name, ids, n=1)
                self.add("policy.unknown-rule", f"'{name}' is not a scored rule",
                         (*base, "criteria", k), f"did you mean '{close[0]}'?" if close else "")
        for name in [i for i in ids if i not in ahp.criteria]:
            self.add("policy.unknown-rule", f"scored rule '{name}' is missing from the AHP "
                     "criteria", (*base, "criteria"), "every scored rule needs a row and column")
        for i, rule in enumerate(self.policy.rules):
            if not isinstance(rule, m.GateRule) and rule.weight is not None:
                self.add("policy.weight-twice", f"'{rule.id}' has a weight but scoring.ahp "
                         "derives the weights", ("rules", i, "weight"), "remove 'weight'")
        n = len(ahp.criteria)
        if len(ahp.matrix) != n or any(len(row) != n for row in ahp.matrix):
            bad = next((r for r, row in enumerate(ahp.matrix) if len(row) != n), None)
            self.add("policy.ahp-shape", f"the matrix must be {n} x {n}, one row and column per "
                     "criterion", (*base, "matrix") if bad is None else (*base, "matrix", bad))
            return
        if any(d.severity == Severity.ERROR and d.path.startswith("scoring.ahp")
               for d in self.out.diagnostics):
            return
        try:
            result = ahp_result(ahp)
        except ValueError as exc:
            cell = re.search(r"cell \((\d+), (\d+)\)", str(exc))
            where = (*base, "matrix", int(cell[1]), int(cell[2])) if cell else (*base, "matrix")
            self.add("policy.ahp-matrix", str(exc), where)
            return
        if not result.consistent:
            i, j, implied = least_consistent(ahp, result)
            line = self.sm.locate((*base, "matrix", i, j)).line
            self.add("policy.ahp-inconsistent", f"the pairwise matrix is inconsistent: CR = "
                     f"{result.cr:.4f} > {ahp.max_cr:g} (lambda_max = {result.lambda_max:.4f}, "
                     f"CI = {result.ci:.4f}, RI({n}) = {result.ri:g} from {result.ri_table})",
                     (*base, "matrix"), f"revise the judgements; the least consistent is "
                     f"{ahp.criteria[i]} vs {ahp.criteria[j]} (row {i + 1}, column {j + 1}, "
                     f"line {line}): the other judgements imply about {implied:.2g}")

    def categories(self) -> None:
        """Categories come after the rules: they label the total (or a field) once scored."""
        for i, item in enumerate(self.policy.categories):
            path: PathKey = ("categories", i)
            if item.id in self.out.fields:
                self.add("policy.duplicate-field", f"'{item.id}' is already a field or category",
                         (*path, "id"))
                continue
            values = [v.value for v in item.values]
            for k, value in enumerate(values):
                if value in values[:k]:
                    self.add("policy.duplicate-category-value", f"value '{value}' appears twice",
                             (*path, _category_kind(item), k))
            for k, value in enumerate(item.favourable):
                if value not in values:
                    self.add("policy.unknown-category", f"'{value}' is not a value of category "
                             f"'{item.id}'", (*path, "favourable", k),
                             "values: " + ", ".join(values))
            if item.bands is not None:
                self.category_bands(item, path)
            elif item.cases is not None:
                for k, case in enumerate(item.cases):
                    if case.when is not None:
                        self.condition(case.when, (*path, "cases", k, "when"), scoring=False)
            else:
                self.category_grid(item, path)
            add_category(self.out.fields, item)

    def category_bands(self, item: m.Category, path: PathKey) -> None:
        if item.field != TOTAL:
            info = self.reference(item.field, (*path, "field"), scoring=False)
            if info is not None and info.type not in ("number", "integer", "golongan"):
                self.add("policy.type-mismatch", f"bands need a numeric field; '{info.name}' is "
                         f"{info.type}", (*path, "field"))
        ordered = sorted(enumerate(item.bands or []), key=lambda b: -math.inf
                         if b[1].gte is None else b[1].gte)
        for (_, low), (k, high) in itertools.pairwise(ordered):
            top = math.inf if low.lt is None else low.lt
            if high.gte is None or top > high.gte:
                self.add("policy.band-overlap", f"bands '{low.value}' and '{high.value}' "
                         "overlap", (*path, "bands", k), "a band is [gte, lt): lt of one band "
                         "may equal gte of the next")

    def category_grid(self, item: m.Category, path: PathKey) -> None:
        grid = item.grid
        assert grid is not None
        values = [v.value for v in grid.values]
        axes = []
        for key in ("rows", "columns"):
            info = self.reference(getattr(grid, key), (*path, "grid", key), scoring=False)
            if info is not None and info.type not in ("category", "text"):
                self.add("policy.type-mismatch", f"a grid {key[:-1]} needs a category; "
                         f"'{info.name}' is {info.type}", (*path, "grid", key))
            axes.append(info.allowed if info is not None else ())
        rows, columns = axes
        for row, cells in grid.cells.items():
            if rows and row not in rows:
                self.add("policy.unknown-category", f"'{row}' is not a value of '{grid.rows}'",
                         (*path, "grid", "cells", row), "values: " + ", ".join(rows))
            for column, value in cells.items():
                where = (*path, "grid", "cells", row, column)
                if columns and column not in columns:
                    self.add("policy.unknown-category", f"'{column}' is not a value of "
                             f"'{grid.columns}'", where, "values: " + ", ".join(columns))
                if value not in values:
                    self.add("policy.unknown-category", f"'{value}' is not one of the grid's "
                             "values", where, "values: " + ", ".join(values))
            for column in [c for c in columns if c not in cells]:
                self.add("policy.grid-incomplete", f"no cell for '{row}' x '{column}'",
                         (*path, "grid", "cells", row))
        for row in [r for r in rows if r not in grid.cells]:
            self.add("policy.grid-incomplete", f"no row of cells for '{row}'",
                     (*path, "grid", "cells"))

    # --- ranking, population, fairness, reporting --------------------------------------------
    def ranking(self) -> None:
        ranking = self.policy.ranking
        extra = (TOTAL,)
        self.reference(ranking.order.field, ("ranking", "order", "field"), scoring=True,
                       extra=extra)
        for i, key in enumerate(ranking.tie_breakers):
            self.reference(key.field, ("ranking", "tie_breakers", i, "field"), scoring=True,
                           extra=extra)
        id_field = next((n for n, s in self.policy.columns.items() if s.role == "id"), None)
        last = ranking.tie_breakers[-1].field if ranking.tie_breakers else ranking.order.field
        if id_field and last != id_field:
            self.add("policy.tie-breakers-not-unique", "the last tie-breaker must be the unique id "
                     f"'{id_field}' so the ranking is a total order",
                     ("ranking", "tie_breakers") if ranking.tie_breakers else ("ranking",),
                     f"add {{ field: {id_field}, direction: asc }} as the last tie-breaker")
        selection = ranking.selection
        if selection is not None and selection.per_group:
            self.reference(selection.per_group, ("ranking", "selection", "per_group"),
                           scoring=False)
        if selection is not None and selection.quota_field:
            path = ("ranking", "selection", "quota_field")
            info = self.reference(selection.quota_field, path, scoring=False)
            if info is not None and info.type not in ("number", "integer"):
                self.add("policy.type-mismatch", f"'quota_field' needs a number field; "
                         f"'{info.name}' is {info.type}", path)
        if selection is not None and selection.category:
            path = ("ranking", "selection", "category")
            self.reference(selection.category, path, scoring=True)
            chosen = next((c for c in self.policy.categories if c.id == selection.category), None)
            if chosen is None:
                self.add("policy.unknown-category-id", f"'{selection.category}' is not a "
                         "category declared under categories:", path)
            elif not chosen.favourable:
                self.add("policy.selection-needs-favourable", f"category '{chosen.id}' lists no "
                         "'favourable' values, so nobody would be selected", path)

    def population(self) -> None:
        """Checked before categories exist: scope is decided before anyone is scored."""
        if self.policy.population.when is not None:
            self.condition(self.policy.population.when, ("population", "when"), scoring=False)

    def elsewhere(self) -> None:
        for i, attr in enumerate(self.policy.fairness.attributes):
            self.reference(attr.field, ("fairness", "attributes", i, "field"), scoring=False)
        for i, combo in enumerate(self.policy.fairness.intersections):
            for j, name in enumerate(combo):
                self.reference(name, ("fairness", "intersections", i, j), scoring=False)
        for i, name in enumerate(self.policy.reporting.show_columns):
            self.reference(name, ("reporting", "show_columns", i), scoring=False)

    def protected(self) -> None:
        """Decision 4: protected attributes (and what is derived from them) never score."""
        fairness = self.policy.fairness
        allowed = fairness.protected_use == "allow_with_justification"
        if allowed and not (fairness.justification or "").strip():
            self.add("policy.affirmation-needs-justification", "protected_use: "
                     "allow_with_justification needs a written 'justification' with its legal "
                     "basis", ("fairness", "protected_use"))
        for name, path in self.out.used_in_scoring.items():
            info = self.out.fields.get(name)
            if info is None or not info.protected:
                continue
            via = "" if not info.derived else " (derived from a protected attribute)"
            if allowed:
                self.add("lint.protected-affirmation", f"protected field '{name}'{via} is used to "
                         "decide, under the declared affirmation", path, severity=Severity.INFO)
            else:
                self.add("lint.protected-in-scoring", f"protected field '{name}'{via} may not be "
                         "used in gates, points, formulas or ranking", path,
                         "remove it, or declare a legally based affirmation in fairness:")
        id_field = next((n for n, s in self.policy.columns.items() if s.role == "id"), None)
        for i, key in enumerate(self.policy.ranking.tie_breakers):
            if key.field == id_field and self.policy.columns[key.field].type == "nip18" \
                    and not key.note:
                self.add("lint.proxy-field", "NIP digits encode birth date and sex: ordering by "
                         "NIP orders by age", ("ranking", "tie_breakers", i),
                         "add a 'note' acknowledging it (e.g. the DUK age criterion)",
                         Severity.WARNING)

    def run(self) -> CheckOutcome:
        self.id_column()
        self.derived()
        self.population()
        self.rules()
        self.out.diagnostics += lint_points(self.policy, self.out.fields, self.sm)
        self.out.diagnostics += lint_rounding(self.policy, self.sm)
        self.weights()
        self.method()
        self.categories()
        self.ranking()
        self.elsewhere()
        self.protected()
        return self.out


def _category_kind(item: m.Category) -> str:
    return next(k for k in ("bands", "cases", "grid") if getattr(item, k) is not None)


def _dotted(path: PathKey) -> str:
    return ".".join(str(p) for p in path)


def _source_key(item: m.DerivedField) -> str:
    return next(k for k in m.DERIVED_KINDS if getattr(item, k) is not None)


def _source_field(item: m.DerivedField) -> str | None:
    part = item.lookup or item.elapsed or item.bins
    return part.field if part is not None else None


def _family(kind: str) -> str:
    return {"integer": "number", "number": "number"}.get(kind, kind)


def check_policy(policy: m.Policy, source_map: SourceMap) -> CheckOutcome:
    return _Checker(policy, source_map).run()
